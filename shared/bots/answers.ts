/**
 * Answering the offers that name a seat, its first decision each move: sign what serves it,
 * counter a near miss with an amendment it would sign (counter.ts) and never with terms the
 * offer already had, stay out of a deal of three or more that the others can make without it,
 * decline what harms it, and as a loan recipient keep the best of competing offers for one project.
 * Its signature on an open offer is its word: it never signs two of which only one could take
 * force (`pledgesOn`: two screening pacts sharing a pair of countries, docs/RULES.md §4.2).
 */
import type { Draft, Move } from "../engine/actions.ts";
import { amends, leaveDraft, sectorOf } from "../engine/agreements/index.ts";
import type { Agreement } from "../engine/types.ts";
import type { Refusal } from "../engine/result.ts";
import { waitsOn } from "../engine/world.ts";
import { list, option, ref, text, type Text } from "../engine/text.ts";
import { draftParties, pledgesAgainst, projectFinanced } from "./model.ts";
import { r1, type Valuation } from "./value.ts";
import { because, changeText, counteredText, said } from "./speech.ts";
import { mindWithout, noteLeft, notesOf, termsOf, type BotDecision, type Mind, type Rng } from "./mind.ts";
import { asDraft, confirmed, theirValue, valueOwn } from "./valuing.ts";
import { searchTerms } from "./counter.ts";


/** Its legal move of `type` on deal `a`, with the reason. */
function onDeal(m: Mind, type: "sign" | "decline", a: Agreement, reason: Text): BotDecision | null {
  for (const action of m.ctx.legal.actions) if (action.move.type === type && action.move.agreementId === a.id) return { action, reason };
  return null;
}

function decline(m: Mind, a: Agreement, reason: Text): BotDecision | null {
  return onDeal(m, "decline", a, reason);
}

/**
 * Why it does not sign an offer that pays for it: the engine's refusal of its signature, said in
 * the catalog's bot words with the refusal's own figures ("it would pay for us, but we cannot sign
 * it: it costs 1.5 capital a round, and only 1 of ours is not already committed"). A bot's reason
 * carries `bot.*` texts only (shared/engine/actions.ts `CodedTextSchema`), so not the refusal's own.
 */
export function refusedText(refusal: Refusal): Text {
  const args = refusal.text.args ?? {};
  const rule = REFUSED[refusal.code];
  return rule && rule[1].every((k) => args[k] !== undefined)
    ? text("bot.body.refused", { rule: text(rule[0], Object.fromEntries(rule[1].map((k) => [k, args[k]!]))) })
    : text("bot.body.refusedRule");
}

/** The engine's refusals of a signature (shared/engine/agreements/index.ts `checkBudget`, `signingClash`), as bot words and the refusal's arguments they name. */
const REFUSED: Partial<Record<string, [string, string[]]>> = {
  "rule/insufficient_capital": ["bot.refused.budget", ["cost", "free"]],
  "rule/project_taken": ["bot.refused.projectTaken", ["id"]],
  "rule/already_screened": ["bot.refused.screened", ["a", "b", "id"]],
  "rule/other_side": ["bot.refused.otherSide", ["country", "technology", "id"]],
  "rule/second_regime": ["bot.refused.secondRegime", ["country", "id", "sector", "target"]],
};

/**
 * The engine's refusal of its signature on offer `a` now (its budget, a clash with a deal signed
 * since), or null when the engine takes it: with its valuation, the one check behind signing an
 * offer (`answerOffers`) and behind telling a person it would sign one (talk.ts), so it never says
 * "yes" to an offer it then cannot sign.
 */
export function signRefusal(m: Mind, a: Pick<Agreement, "id" | "revision">): Refusal | null {
  return m.ctx.check({ type: "sign", agreementId: a.id, revision: a.revision });
}

/** Its own valuation of an offer, once per decision (`valued`, by id): the one chat tells people of the same terms (valuing.ts `confirmed`). */
function offerValue(m: Mind, valued: Map<string, Valuation>, a: Agreement): Valuation {
  let v = valued.get(a.id);
  if (!v) valued.set(a.id, (v = valueOwn(m, asDraft(a))));
  return v;
}

/**
 * `rng`: the seat's stream, with its notes (mind.ts: the terms it countered away). `counters`:
 * false past the turn rules' cap on a seat's moves (shared/bots/game-loop.ts): sign, decline or
 * stay out, no counter-offer.
 */
export function answerOffers(m: Mind, rng: Rng, counters = true): BotDecision | null {
  // Oldest first: the view lists deals in the order made.
  const offers = m.ctx.view.agreements.filter((a) => waitsOn(a, m.me));
  if (!offers.length) return null;

  // As a loan recipient, compare competing offers for the same project first.
  const loans = offers.filter((a) => a.terms.type === "loan" && a.terms.recipient === m.me);
  for (const a of loans) {
    const t = a.terms as Extract<Agreement["terms"], { type: "loan" }>;
    if (projectFinanced(m.w, m.me, t.project)) {
      const d = decline(m, a, text("bot.why.declined", { why: text("bot.why.financed", { project: ref("project", t.project, true) }) }));
      if (d) return d;
    }
  }
  const valued = new Map<string, Valuation>();
  if (loans.length > 1) {
    const byProject = new Map<string, Agreement[]>();
    for (const a of loans) {
      const key = (a.terms as { project: string }).project;
      byProject.set(key, [...(byProject.get(key) ?? []), a]);
    }
    for (const [project, group] of byProject) {
      if (group.length < 2) continue;
      const ranked = [...group].sort((x, y) => offerValue(m, valued, y).value - offerValue(m, valued, x).value || group.indexOf(x) - group.indexOf(y));
      const best = ranked[0]!;
      const loser = ranked[ranked.length - 1]!;
      const d = decline(m, loser, text("bot.why.declined", { why: text("bot.why.betterLoan", { best: best.id, project: ref("project", project, true), a: r1(offerValue(m, valued, best).value), b: r1(offerValue(m, valued, loser).value) }) }));
      if (d) return d;
    }
  }

  for (const a of offers) {
    const v = offerValue(m, valued, a);
    const threshold = m.profile.threshold;
    // Open offers it has signed that could not both take force with this one: its word stands
    // on those until it takes itself out of them, so it neither signs nor counters this one meanwhile.
    const { pledged, outs } = pledgesOn(m, a);
    // Worth signing, but the engine would not take its signature (its budget, a clash with a
    // deal signed since): that refusal is why it does not sign, and the reason it gives.
    const refusal = v.value >= threshold && !pledged.length ? signRefusal(m, a) : null;
    if (v.value >= threshold && !refusal) {
      const s = pledged.length ? outs && switchTo(m, rng, a, pledged[0]!, outs[0]!) : onDeal(m, "sign", a, said("signed", v));
      if (s) return s;
    }
    const amend = (d: Draft) => ({ type: "amend" as const, agreementId: a.id, revision: a.revision, draft: d });
    const mine = a.steps.filter((s) => amends(s) && s.by === m.me).length;
    const amendments = a.steps.filter(amends).length;
    // The debt an offer would run it into is a near miss too: less of it, or cheaper, may be within its means.
    const debt = v.parts.find((p) => p.label === "debt")?.points ?? 0;
    if (counters && !pledged.length && v.value - Math.min(0, debt) >= threshold - m.profile.counterRange && mine < 2 && amendments < 4) {
      const n = notesOf(m, rng);
      const had = (n.countered ??= new Map()).get(a.id) ?? new Set<string>();
      const counter = searchTerms(m, asDraft(a), (d) => !m.ctx.check(amend(d)), a, had);
      // Countered back, its last counter-offer stands where the search finds terms that ask the
      // other side more: a price never rises because the other side held its ground.
      const last = (n.lastCounter ??= new Map()).get(a.id);
      const stands = last && counter && harder(m, counter.draft, last) && !m.ctx.check(amend(last)) ? confirmed(m, last) : null;
      if (last && stands && stands.value >= threshold) {
        for (const t of termsOf(a)) had.add(t);
        return { action: { actor: m.actor, move: amend(last) }, reason: text("bot.why.stands", { id: a.id, change: changeText(asDraft(a), last), why: because(stands) }) };
      }
      if (counter) {
        for (const t of [...termsOf(a), ...termsOf(counter.draft)]) had.add(t);
        n.countered.set(a.id, had);
        n.lastCounter.set(a.id, counter.draft);
        return { action: { actor: m.actor, move: amend(counter.draft) }, reason: counteredText(a.id, counter.change, counter.value) };
      }
    }
    // Worth signing but for its word on another: that is the reason it gives, not the valuation.
    // Worth signing but for its word on another, or for the engine's refusal: that is the reason it gives, not the valuation.
    const kept = pledged.length && v.value >= threshold ? pledgeText("bot.why.pledge.kept", a.type) : refusal ? refusedText(refusal) : undefined;
    // Terms it would have signed but for a deal it signed this round: that deal is why (`sinceSigned`).
    const since = kept ? undefined : sinceSigned(m, a, v);
    const out = leave(m, rng, a, kept ?? since ?? because(v, true), amend);
    if (out) return out;
    const d = decline(m, a, kept ? text("bot.why.declined", { why: kept }) : backedAlready(m, a) ?? (since ? text("bot.why.declined", { why: since }) : said("declined", v)));
    if (d) return d;
  }
  return null;
}

const OPEN_OR_MADE = new Set(["proposed", "signed", "in-force"]);

/**
 * Why offer `a` no longer pays where it would but for deals this bot signed (or proposed) this
 * round: "since we signed A1 (investment screening pact), this deal no longer pays for us: it
 * gains us nothing". A person it suggested the terms to (talk.ts, the "What would it take?"
 * button) proposed them while another offer waited on it, and it answered the older one first:
 * that signature, not a change of mind, is what the decline reports. Undefined where the offer
 * would not pay without them either, or pays as it is.
 */
function sinceSigned(m: Mind, a: Agreement, v: Valuation): Text | undefined {
  if (v.value >= m.profile.threshold) return undefined;
  const round = m.ctx.view.round;
  const signed = m.ctx.view.agreements.filter((b) => b.id !== a.id && OPEN_OR_MADE.has(b.status) && b.signatures.includes(m.me) && b.steps.some((s) => s.by === m.me && s.round === round && (s.what === "signed" || s.what === "proposed")));
  if (!signed.length) return undefined;
  const pays = (ids: string[]) => valueOwn(mindWithout(m, new Set(ids)), asDraft(a)).value >= m.profile.threshold;
  // Without them all first (most offers it declines would not pay either way); then the one deal that alone makes the difference, if one does.
  if (!pays(signed.map((b) => b.id))) return undefined;
  const one = signed.length > 1 ? signed.find((b) => pays([b.id])) : undefined;
  const named = one ? [one] : signed;
  return text("bot.why.since", { deals: list(named.map((b) => text("bot.dm.idKind", { id: b.id, type: ref("type", b.type, true) }))), why: because(v, true) });
}

/** Whether `d` asks the other parties that are seats more than `than` does (by how this bot expects them to value each). */
function harder(m: Mind, d: Draft, than: Draft): boolean {
  const others = draftParties(d).filter((p) => p !== m.me && m.w.byId.get(p)?.control === "seat");
  return others.some((p) => theirValue(m, p, d) < theirValue(m, p, than) - 1e-9);
}

/** Why it cannot hold two such offers: the engine's rule of their kind, and what it does about it. */
export const pledgeText = (key: "bot.why.pledge.switch" | "bot.why.pledge.kept", type: Agreement["type"]): Text =>
  text(key, { type: ref("type", type, true), rule: text(`bot.pledge.rule.${type}`) });

/**
 * The open offers it has signed that could not take force with `a` (model.ts `pledgesAgainst`),
 * and the moves that take it out of each: `outs` null when one of them does not stand without
 * it (an offer of two), where it keeps its word and so does not sign `a`.
 */
export function pledgesOn(m: Mind, a: Pick<Agreement, "id" | "terms" | "parties">): { pledged: Agreement[]; outs: Move[] | null } {
  const pledged = pledgesAgainst(m.w, m.ctx.view.agreements, m.me, a);
  const outs: Move[] = [];
  for (const b of pledged) {
    const rest = leaveDraft(b, m.me);
    const move: Move | null = rest && { type: "amend", agreementId: b.id, revision: b.revision, draft: rest };
    if (!move || m.ctx.check(move)) return { pledged, outs: null };
    outs.push(move);
  }
  return { pledged, outs };
}

/**
 * Offer `a` is worth signing, but an open offer it signed first (`b`) could not take force with
 * it: it takes itself out of `b` (`out`), telling `b`'s parties why, and signs `a` once no such
 * offer is left, one move each. Its signature never stands on two offers of which only one could
 * take force.
 */
function switchTo(m: Mind, rng: Rng, a: Agreement, b: Agreement, out: Move): BotDecision {
  const reason = text("bot.why.stayOut", { id: b.id, why: pledgeText("bot.why.pledge.switch", a.type) });
  const sector = sectorOf(b.terms);
  noteLeft(m, rng, b.id, { reason, parties: b.parties, type: b.type, ...(sector ? { sector } : {}), round: m.ctx.view.round });
  return { action: { actor: m.actor, move: out }, reason };
}

/**
 * A standards coalition for the option it already backs in a signed or in-force one: a second
 * gains it nothing (shared/engine/agreements/standards.ts: only countries not yet on a side gain
 * from joining it), which its decline says with the deal it backs it through, not as "0 points".
 */
function backedAlready(m: Mind, a: Agreement): Text | undefined {
  const t = a.terms;
  if (t.type !== "standards") return undefined;
  const through = m.ctx.view.agreements.find(
    (b) => b !== a && b.terms.type === "standards" && b.terms.technology === t.technology && b.terms.option === t.option && (b.status === "signed" || b.status === "in-force") && b.parties.includes(m.me),
  );
  return through && text("bot.why.declined", { why: text("bot.why.backing", { option: option(t.technology, t.option, true), through: through.id }) });
}

/**
 * From an offer of three or more that stands without it, a seat that will not join takes itself
 * out (an amendment: the deal as it would stand had it withdrawn, docs/RULES.md) and lets the
 * others go ahead, instead of a decline that closes the offer for everyone. Null when the engine
 * would not take the deal without it (a two-party deal, a loan without its recipient or last
 * lender, too few members left).
 */
function leave(m: Mind, rng: Rng, a: Agreement, why: Text, amend: (d: Draft) => Move): BotDecision | null {
  const rest = leaveDraft(a, m.me);
  if (!rest) return null;
  const move = amend(rest);
  if (m.ctx.check(move)) return null;
  const reason = text("bot.why.stayOut", { id: a.id, why });
  const sector = sectorOf(a.terms);
  noteLeft(m, rng, a.id, { reason, parties: a.parties, type: a.type, ...(sector ? { sector } : {}), round: m.ctx.view.round });
  return { action: { actor: m.actor, move }, reason };
}
