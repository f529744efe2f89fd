/**
 * Agreements as the panels show them: a sentence for each deal, who still has to sign, what
 * the viewer may do with it (from the same facts the engine checks; the server decides), and
 * the ledger grouped by status. Pure.
 */
import type { Agreement, AgreementStatus, AgreementStep } from "../../shared/engine/types.ts";
import type { Arg, Text } from "../../shared/engine/text.ts";
import type { Role } from "../../shared/engine/vocabulary.ts";
import { describe, leaveDraft, ROLE_FOR_TYPE, signingClash } from "../../shared/engine/agreements/index.ts";
import type { Draft } from "../../shared/engine/actions.ts";
import { madeOrder, waitsOn } from "../../shared/engine/world.ts";
import type { ClientView } from "../../shared/protocol/view.ts";
import { label, refName, render, sentence, t, tn } from "../i18n/index.ts";
import { countries, country, ref, text } from "../../shared/engine/text.ts";
import { DEAL_ID } from "../../shared/engine/deal-ids.ts";
import { afterStep } from "../../shared/bots/speech.ts";
import { worldOf } from "./deal-form.ts";
import { ministriesAside } from "./format.ts";

type Named = Pick<ClientView, "countries" | "scenario">;

/** A country's bare name, as a label shows it; inside a sentence, name it with `country(id)` (`sentence`). */
export function countryName(view: { countries: readonly { id: string; name: string }[] }, id: string): string {
  if (id === "outside") return t("deal.outside");
  return view.countries.find((c) => c.id === id)?.name ?? id;
}

/**
 * An export ban in force, in a sentence: "Japan bans exports of semiconductors to China until the end
 * of this round". Its `untilRound` is the last round in which it bites (shared/engine/types.ts
 * `Restriction`; resolution drops it once that round is resolved), so a ban ending in the round
 * being played says "this round", a later one "until the end of round 3". The sector in its
 * running-text form (English lowers "Semiconductors", not "AI & compute").
 */
export function restrictionText(view: Pick<ClientView, "countries" | "round">, r: { by: string; sector: string; on: readonly string[]; untilRound: number }): string {
  const args = { by: country(r.by), sector: ref("sector", r.sector, true), on: countries(r.on) };
  return r.untilRound <= view.round ? sentence("country.restriction.thisRound", args) : sentence("country.restriction", { ...args, until: r.untilRound });
}

/** One sentence that says what a deal is, in the catalog's language (the engine's description). */
export function describeDeal(a: Pick<Agreement, "terms" | "parties">): string {
  return render(describe(a));
}

/** More parties than this and a deal's name counts them ("Investment screening pact of 8 countries"): a room reads the line at a glance. */
const NAMED_PARTIES = 3;

/**
 * A text (a change's cause) with each deal it names by its code ("A5CK: diversified supply")
 * naming it by its kind and parties instead ("Supply-chain deal of Australia and Japan: …"), for
 * a screen whose readers never see the codes on deal cards (the projector). A text that names
 * the parties itself ("{id} controls by {parties}") gets the kind alone. Codes the view does not
 * hold (a ruling's, a deal it cannot see) stay.
 */
export function namingDeals(view: Pick<ClientView, "agreements">, x: Text): Text {
  if (!x.args) return x;
  const inner = (a: Arg): Arg => (typeof a !== "object" ? a : "key" in a ? namingDeals(view, a) : "list" in a ? { list: a.list.map(inner) } : a);
  const args: Record<string, Arg> = {};
  for (const [k, a] of Object.entries(x.args)) {
    const deal = k === "id" && typeof a === "string" && DEAL_ID.test(a) ? view.agreements.find((d) => d.id === a) : undefined;
    if (!deal) args[k] = inner(a);
    else if ("parties" in x.args) args[k] = ref("type", deal.type, true);
    // "A9QS: investment screening pact" says the kind alone: named, it is the name alone, not
    // "Investment screening pact of 4 countries: investment screening pact".
    else if (k === "id" && saysKindAlone(x, deal.type)) return dealName(deal);
    else args[k] = dealName(deal);
  }
  return { ...x, args };
}

/** Whether a text is its deal's code and then only the deal's kind ("{id}: investment screening pact"). */
function saysKindAlone(x: Text, type: string): boolean {
  const rest = render({ key: x.key, args: { ...x.args, id: "" } }).replace(/^[\s:：]+/u, "");
  return rest.toLocaleLowerCase() === label("type", type).toLocaleLowerCase();
}

/** A deal by its kind and parties, as a text. */
function dealName(a: Pick<Agreement, "type" | "parties">): Text {
  const type = ref("type", a.type, true);
  return a.parties.length > NAMED_PARTIES ? text("deal.named.many", { type, count: a.parties.length }) : text("deal.named", { type, parties: countries(a.parties) });
}

export function statusText(status: AgreementStatus): string {
  return label("status", status);
}

/** Parties who have not signed yet. */
export function unsigned(a: Agreement): string[] {
  return a.parties.filter((p) => !a.signatures.includes(p));
}

/**
 * Who an offer waits on, in words: "waiting for Japan, you"; an automated partner does not sign
 * during the negotiation but picks among the loans made to it when the round resolves
 * (docs/RULES.md §4.4), so the card says that instead of waiting on it all round. In a team, an
 * offer of a ministry the viewer does not hold waits on their country, not on them: "waiting for
 * the United States (your Regulator)", as "Offers for you" does not list it.
 */
export function waitingText(view: Pick<ClientView, "countries"> & Partial<Pick<ClientView, "viewer" | "settings">>, a: Agreement, me: string | undefined): string {
  if (a.status !== "proposed") return "";
  const waiting = unsigned(a);
  const partner = (id: string) => view.countries.find((c) => c.id === id)?.control === "partner" && a.terms.type === "loan" && a.terms.recipient === id;
  const teammates = !!view.settings?.teams && !!view.viewer && !myMinistry({ viewer: view.viewer }, a);
  const name = (w: string) => refName({ ref: "country", id: w, inline: true });
  const people = waiting
    .filter((w) => !partner(w))
    .map((w) => (w !== me ? name(w) : teammates ? `${name(w)}${t("misc.aside", { text: t("deals.yourMinister", { role: label("role", ROLE_FOR_TYPE[a.type]) }) })}` : t("deals.you")));
  const partners = waiting.filter(partner);
  const out = signAgainAfter(a, me);
  const again = out?.by ? sentence("deals.signAgain", { who: country(out.by) }) : "";
  return [
    people.length ? t("deals.waitingFor", { who: people.join(t("misc.comma")) }) : "",
    again,
    partners.length ? sentence("deals.partnerChooses", { who: countries(partners) }) : "",
  ]
    .filter(Boolean)
    .join(" · ");
}

/** A party stepped out of offer `a` since `me` signed it: that step, whose new terms need every signature again, mine too. */
function signAgainAfter(a: Agreement, me: string | undefined): Agreement["steps"][number] | undefined {
  const out = a.steps.at(-1);
  return a.status === "proposed" && me && unsigned(a).includes(me) && out?.what === "stepped-out" && out.by && out.by !== me && out.revision === a.revision ? out : undefined;
}

/** `leave`: the amendment that takes me out of an offer of three or more that stands without me ("Stay out"), if any. */
export type DealActions = { sign: boolean; decline: boolean; withdraw: boolean; amend: boolean; leave?: Draft; preview: boolean; role: Role; hasRole: boolean; blocked?: string };

/**
 * Why an open offer cannot take force as the table stands: its project has been financed by
 * another loan since, or a party that has not signed has since signed a deal its signature
 * would clash with (a second screening pact for a pair, the other side of a standards race, a
 * second export-control regime on the same sector and target),
 * which the engine refuses at signing. The viewer's own clash first; from the deals every
 * viewer sees signed or in force.
 */
export function signingBlock(view: Pick<ClientView, "viewer" | "countries" | "scenario" | "agreements">, a: Agreement): { mine: boolean; text: string } | undefined {
  if (a.status !== "proposed") return undefined;
  const me = view.viewer.kind === "seat" ? view.viewer.seat : undefined;
  const waiting = unsigned(a).sort((x, y) => Number(y === me) - Number(x === me));
  if (!waiting.length) return undefined;
  const world = worldOf(view);
  for (const p of waiting) {
    const clash = signingClash(world, a, p);
    if (clash) return { mine: p === me, text: p === me ? sentence("deals.blocked.me", { why: clash.text }) : sentence("deals.blocked.other", { country: country(p), why: clash.text }) };
  }
  return undefined;
}

/**
 * Whether the viewer's ministries answer deals of `a`'s type (docs/RULES.md, "The three
 * ministries"): in a team, another's offer is a teammate's to sign ("Your Regulator handles this").
 */
const myMinistry = (view: Pick<ClientView, "viewer">, a: Pick<Agreement, "type">) => view.viewer.kind === "seat" && view.viewer.roles.includes(ROLE_FOR_TYPE[a.type]);

/** What a seat may try with an agreement now (the server has the last word). */
export function dealActions(view: Pick<ClientView, "viewer" | "phase" | "countries" | "scenario" | "agreements">, a: Agreement): DealActions {
  const role = ROLE_FOR_TYPE[a.type];
  const none = { sign: false, decline: false, withdraw: false, amend: false, preview: false, role, hasRole: false };
  if (view.viewer.kind !== "seat") return none;
  const me = view.viewer.seat;
  const hasRole = myMinistry(view, a);
  if (!a.parties.includes(me)) return { ...none, hasRole };
  const negotiating = view.phase === "negotiation";
  const open = a.status === "proposed";
  const mySig = a.signatures.includes(me);
  const blocked = open ? signingBlock(view, a) : undefined;
  return {
    role,
    hasRole,
    blocked: blocked?.text,
    // A signature the engine would refuse is not offered; the card says why (decline and counter stay).
    sign: negotiating && hasRole && open && !mySig && !blocked?.mine,
    decline: negotiating && hasRole && open && !mySig,
    amend: negotiating && hasRole && open,
    ...(negotiating && hasRole && open ? leaveOf(a, me) : {}),
    withdraw: negotiating && hasRole && (a.status === "in-force" || a.status === "signed"),
    preview: (view.phase === "negotiation" || view.phase === "event" || view.phase === "review") && (open || a.status === "signed"),
  };
}

const leaveOf = (a: Agreement, me: string) => {
  const leave = leaveDraft(a, me);
  return leave ? { leave } : {};
};

/**
 * The question before withdrawing from a deal, with what leaving early costs: the scenario's
 * numbers that the engine charges (shared/engine/apply.ts `withdraw`, the scenario's
 * `rules.trust`), not a copy of them.
 */
export function withdrawQuestion(view: Pick<ClientView, "scenario">, a: Pick<Agreement, "id">): string {
  const { trust, cohesion } = view.scenario.withdrawCost;
  return t("deals.withdraw.confirm", { id: a.id, trust, cohesion });
}

/** Offers that wait for my signature: those my ministries answer (a teammate's are not mine to count). */
export function pendingForMe(view: Pick<ClientView, "viewer" | "agreements">): Agreement[] {
  if (view.viewer.kind !== "seat") return [];
  const me = view.viewer.seat;
  return view.agreements.filter((a) => waitsOn(a, me) && myMinistry(view, a));
}

/**
 * What a screen reader hears of an offer that now waits on the reader: its code, its kind, who
 * made it and what it says ("New offer for you: A2AS · Standards coalition, proposed by Japan,
 * revision 1. Coalition of …"), so the reader knows whether to open the Deals panel for it.
 */
export function offerNews(view: Pick<ClientView, "viewer">, a: Agreement): string {
  return t("deals.pending.new", { id: a.id, type: label("type", a.type), proposer: proposerText(view, a), what: describeDeal(a) });
}

/**
 * The latest reason another party gave on a deal (bots give one with every move), with what it
 * did: "declined by the Netherlands: “…”" (the step's country named as in a sentence). A reason given on an earlier revision than the card's says
 * which ("proposed by India, on revision 1: “…”"): its numbers are the old terms'. `stepsSaid`:
 * the card's line already names who proposed the deal ("proposed by India, revision 1") and every
 * later step but a signature (its `fate`: "R1 withdrawn by Japan"), so such a step's reason names
 * only its speaker ("Japan: “…”"), whose "us" it is, and the card does not say the step twice.
 */
export function lastWord(a: Pick<Agreement, "steps" | "revision">, me: string | undefined, stepsSaid = false): string | undefined {
  const step = [...a.steps].reverse().find((s) => s.reason && s.by && s.by !== me);
  return step ? stepSaid(a, step, stepsSaid && step.what !== "signed") : undefined;
}

/**
 * The reason given with a declined deal's refusal, for the ledger's line of a deal the reader has
 * no card for, after the line's fate ("R1 declined by Japan"), which names the step: so its
 * speaker alone ("Japan: “…”"), as on a card. Not the reader's own.
 */
export function declineWord(a: Pick<Agreement, "steps" | "revision" | "status">, me: string | undefined): string | undefined {
  const step = a.status === "declined" ? a.steps.findLast((s) => s.what === "declined") : undefined;
  return step?.reason && step.by && step.by !== me ? stepSaid(a, step, true) : undefined;
}

/** A step's reason after the step ("declined by Japan: “…”"), or after its speaker alone (`speakerOnly`: "India: “…”", the start of its line). */
function stepSaid(a: Pick<Agreement, "revision">, step: AgreementStep, speakerOnly = false): string {
  const reason = saidText(afterStep(step.reason!, step.what));
  const older = step.revision < a.revision;
  // A speaker's words after its name alone: "荷兰：“…”", where "荷兰，理由：“…”" reads as a clause with no verb.
  if (speakerOnly) return older ? sentence("deals.said.by.older", { by: country(step.by!), reason, revision: step.revision }) : sentence("deals.said.by", { by: country(step.by!), reason });
  const args = { step: sentence(`deals.step.${step.what}`, { by: country(step.by!) }), reason };
  return older ? sentence("deals.said.older", { ...args, revision: step.revision }) : sentence("deals.said", args);
}

/** A stated reason or a message: a person's words as written, a bot's catalog sentence in the reader's language. */
export function saidText(x: string | Text): string {
  return typeof x === "string" ? x : render(x);
}

/**
 * The bot-held seat I could ask "what would it take?" about an agreement of mine: one that has
 * not signed an open offer, or the one that declined it.
 */
export function askableBot(view: Pick<ClientView, "viewer" | "seats">, a: Agreement): string | undefined {
  if (view.viewer.kind !== "seat") return undefined;
  const me = view.viewer.seat;
  if (!a.parties.includes(me)) return undefined;
  const isBot = (seat: string) => view.seats.some((s) => s.id === seat && s.bot);
  if (a.status === "proposed") return a.parties.find((p) => p !== me && !a.signatures.includes(p) && isBot(p));
  if (a.status === "declined") {
    const by = [...a.steps].reverse().find((s) => s.what === "declined")?.by;
    return by && by !== me && isBot(by) ? by : undefined;
  }
  return undefined;
}

/** My agreements that are alive or were (everything but declined/lapsed offers). */
export function myAgreements(view: Pick<ClientView, "viewer" | "agreements">): Agreement[] {
  if (view.viewer.kind !== "seat") return [];
  const me = view.viewer.seat;
  return view.agreements.filter((a) => a.parties.includes(me) && a.status !== "declined" && a.status !== "lapsed");
}

const STATUS_ORDER: AgreementStatus[] = ["proposed", "signed", "in-force", "expired", "broken", "defaulted", "declined", "lapsed"];

/**
 * The ledger: newest first within a status, statuses from live to dead. With `me` and the current
 * `round`, my own offers another party declined this round come right after the open offers: under
 * the signed deals, on a phone, a refusal just announced sank out of sight.
 */
export function ledger(agreements: Agreement[], filter: "all" | "mine" | "live" = "all", me?: string, round?: number): Agreement[] {
  const keep = agreements.filter((a) => (filter === "mine" ? !!me && a.parties.includes(me) : filter === "live" ? a.status === "in-force" || a.status === "signed" : true));
  const rank = (a: Agreement) => (me && round !== undefined && declinedStep(a, me)?.round === round ? STATUS_ORDER.indexOf("proposed") + 0.5 : STATUS_ORDER.indexOf(a.status));
  // The view lists deals in the order made (shared/protocol/view.ts `inOrderMade`): newest first is last first.
  const made = madeOrder(agreements);
  return keep.sort((x, y) => rank(x) - rank(y) || made(y.id) - made(x.id));
}

/**
 * Who made a deal's current terms: the party that amended it last, or its proposer. A party that
 * stepped out since only took itself out of them.
 */
export function termsBy(a: Pick<Agreement, "steps" | "proposedBy">): string {
  return a.steps.findLast((s) => s.what === "amended")?.by ?? a.proposedBy;
}

/** The step that made a deal's current terms (`termsBy`), when the view still holds it. */
export function termsStep(a: Pick<Agreement, "steps">): AgreementStep | undefined {
  return a.steps.findLast((s) => s.what === "amended") ?? a.steps.find((s) => s.what === "proposed");
}

/**
 * Who took a step, as the reader names them inside a sentence: "you" for the reader's own seat,
 * another country by its name. In a game with teams, a step one minister took (`AgreementStep.role`)
 * is "you" only when the reader holds that ministry; a teammate's reads "Cal (Economic envoy)", or
 * "your Economic envoy" where the record has no name. `seat` stands in when the step is not in the view.
 */
export function stepWho(view: Pick<ClientView, "viewer">, step: Pick<AgreementStep, "by" | "role" | "name"> | undefined, seat?: string): Arg {
  const by = step?.by ?? seat ?? "";
  const mine = view.viewer.kind === "seat" && view.viewer.seat === by;
  if (!mine) return country(by);
  const role = step?.role;
  if (!role || (view.viewer.kind === "seat" && view.viewer.roles.includes(role))) return t("deals.you");
  return step.name ? `${step.name}${ministriesAside(true, [role])}` : t("deals.teammate.role", { role: label("role", role) });
}

/**
 * Who proposed a deal, and who made its current revision when another party countered it:
 * "proposed by you, revision 1", "proposed by Cal (Economic envoy), revision 1" (a teammate's move,
 * `stepWho`), "proposed by Japan, revision 2 by you".
 */
export function proposerText(view: Pick<ClientView, "viewer">, a: Pick<Agreement, "steps" | "proposedBy" | "revision">): string {
  const who = stepWho(view, a.steps.find((s) => s.what === "proposed"), a.proposedBy);
  const by = termsBy(a);
  if (by !== a.proposedBy) return sentence("deals.revisedBy", { who, revision: a.revision, by: stepWho(view, termsStep(a), by) });
  return sentence("deals.proposedBy", { who, revision: a.revision });
}

/** Whether `me` made a deal's current terms. */
const myTerms = (a: Pick<Agreement, "steps" | "proposedBy">, me: string) => termsBy(a) === me;

/** The step that declined my own offer, when another party did. */
function declinedStep(a: Agreement, me: string) {
  if (a.status !== "declined" || !myTerms(a, me)) return undefined;
  const step = a.steps.findLast((s) => s.what === "declined");
  return step?.by && step.by !== me ? step : undefined;
}

/**
 * My offers another party declined since the view before, each as the sentence that says so
 * with the reason the deal carries: "Japan declined A21: “…”". (A deal first seen declined, as
 * on a reload, is old news.)
 */
export function freshDeclines(prev: Pick<ClientView, "agreements"> | undefined, view: Pick<ClientView, "viewer" | "agreements" | "countries">): string[] {
  if (!prev || view.viewer.kind !== "seat") return [];
  const me = view.viewer.seat;
  const before = new Map(prev.agreements.map((a) => [a.id, a.status]));
  return view.agreements.flatMap((a) => {
    const step = declinedStep(a, me);
    const was = before.get(a.id);
    if (!step || !was || was === "declined") return [];
    const who = country(step.by!);
    return [step.reason ? sentence("deals.declinedYours", { who, id: a.id, reason: saidText(afterStep(step.reason, "declined")) }) : sentence("deals.declinedYours.noReason", { who, id: a.id })];
  });
}

/**
 * Signatures another party put on my offers since the view before, each as a sentence: "China
 * signed A16." — the other half of `freshDeclines`, so the minister who proposed a deal hears it
 * answered either way. (A deal first seen, as on a reload, is old news.)
 */
export function freshSignatures(prev: Pick<ClientView, "agreements"> | undefined, view: Pick<ClientView, "viewer" | "agreements">): string[] {
  if (!prev || view.viewer.kind !== "seat") return [];
  const me = view.viewer.seat;
  const before = new Map(prev.agreements.map((a) => [a.id, a.signatures]));
  return view.agreements.flatMap((a) => {
    const had = before.get(a.id);
    if (!had || !myTerms(a, me) || !a.parties.includes(me)) return [];
    return a.signatures.filter((p) => p !== me && !had.includes(p)).map((p) => sentence("deals.signedYours", { who: country(p), id: a.id }));
  });
}

/**
 * The fate of an agreement in words: its last steps, e.g. "R2 took force · R3 withdrawn by Japan".
 * `card`: the deal card's line, which already names who made the current terms when the proposer
 * did not ("revision 2 by Japan", `termsBy`), and says who stepped out where that asks the reader to
 * sign again (`waitingText`), so neither step is said again ("R1 amended by Japan", "R1 Japan stepped out").
 */
export function fate(view: Named & Partial<Pick<ClientView, "viewer">>, a: Agreement, card = false): string {
  const me = view.viewer?.kind === "seat" ? view.viewer.seat : undefined;
  // Named only when another than the proposer made them (widgets.ts proposedBy).
  const made = card && termsBy(a) !== a.proposedBy ? a.steps.findLast((s) => s.what === "amended") : undefined;
  const out = card ? signAgainAfter(a, me) : undefined;
  const steps = a.steps.filter((s) => s.what !== "signed" && s.what !== "proposed" && s !== made && s !== out);
  // The reader's own steps in the second person: "declined by you".
  const parts = steps.map((s) => sentence("deals.step.at", { round: s.round, what: text(`deals.step.${s.what}`, { by: !s.by ? "" : stepWho({ viewer: view.viewer ?? { kind: "observer" } }, s) }) }));
  if (a.type === "loan" && a.built !== undefined && !projectDone(a) && a.status === "in-force") parts.push(tn("deal.building", a.built));
  return parts.join(" · ");
}

export function projectDone(a: Pick<Agreement, "steps">): boolean {
  return a.steps.some((s) => s.what === "completed");
}

/** How far a loan's project is built, 0..1: the board grows its icon with this. */
export function projectProgress(a: Pick<Agreement, "steps" | "built" | "status">): number {
  if (projectDone(a)) return 1;
  if (a.status !== "in-force") return 0;
  const built = a.built ?? 0;
  return Math.min(0.85, 0.2 + built * 0.35);
}

export function durationText(a: Pick<Agreement, "duration" | "startRound" | "endRound">): string {
  if (a.startRound !== undefined && a.endRound !== undefined) return t("deal.rounds", { from: a.startRound, to: a.endRound });
  return tn("deal.duration", a.duration);
}
