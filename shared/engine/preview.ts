/**
 * What signing a deal would change for a seat this round: the same
 * resolution run on copies of the state, with and without the deal, compared.
 */
import type { Draft } from "./actions.ts";
import { kindFor } from "./agreements/index.ts";
import { apply, openOfferCheck, revisionCheck } from "./apply.ts";
import type { Effect } from "../scenario/schema.ts";
import { resolveRound } from "./resolution.ts";
import { refuse, type Refusal } from "./result.ts";
import { computeScores, conditionMet } from "./scoring.ts";
import { cloneState } from "./setup.ts";
import type { Agreement, Cause, GameState } from "./types.ts";
import { countries, country, ref, text, textId, type Arg, type Text } from "./text.ts";
import { addAgreement, agreementById, dataOf, r2 } from "./world.ts";
import { canSeeAgreement } from "./views.ts";

/**
 * One metric: `delta` is the difference the deal makes (with minus without), `causes` what
 * makes it up; `withDeal` and `withoutDeal` are the metric's change this round in each case,
 * with their own causes, so a reader sees both worlds side by side.
 */
export type PreviewLine = {
  subject: string;
  key: string;
  delta: number;
  causes: Cause[];
  withDeal: { change: number; causes: Cause[] };
  withoutDeal: { change: number; causes: Cause[] };
};
/**
 * `notes`: what the lines leave out, a line each: why the deal moves none of them (when there
 * are none), and what it does in later rounds that this round's figures show only in part (a
 * loan's financing: an agreement module's `note`, agreements/kit.ts), the round the deal
 * would put the seat's capital below zero (`belowZero`), and each of the seat's own objectives
 * the deal would meet or break, with its points (`objectiveNotes`).
 */
export type Preview = { ok: true; lines: PreviewLine[]; notes: Text[] } | { ok: false; error: Refusal };

/**
 * Every seat party signs; automated parties (partners, the rival) are left to answer at
 * resolution as they would in the game: a partner picks among competing loans, the rival
 * signs only the types its script accepts.
 */
function seatsSign(state: GameState, parties: string[], signed: string[]): { status: "signed" | "proposed"; signatures: string[] } {
  const seats = parties.filter((p) => state.scenario.countries.find((c) => c.id === p)?.control === "seat");
  const signatures = [...new Set([...signed, ...seats])];
  return { status: parties.every((p) => signatures.includes(p)) ? "signed" : "proposed", signatures };
}

function world(change: { from: number; to: number; causes: Cause[] } | undefined) {
  if (!change) return { change: 0, causes: [] };
  return { change: r2(change.to - change.from), causes: change.causes.filter((c) => Math.abs(c.amount) >= 0.01).map((c) => ({ label: c.label, amount: r2(c.amount) })) };
}

/**
 * `{ draft, amends }`: a draft as the next revision of the open offer `amends` (a counter-offer
 * or an amendment). It is previewed in the offer's place, as the offer would stand once amended
 * (its id, its place in the order deals resolve), against the round without the offer: the offer
 * does not compete with its own revision (a supply deal's repeat benefit, a partner's choice
 * among loans), and the figures compare with the offer's own preview.
 */
type Subject = { draft: Draft } | { agreementId: string } | { draft: Draft; amends: string };

/**
 * Previews are pure functions of (state, seat, subject), and states are never changed once
 * made (./apply.ts). More: a preview's lines depend only on the parts of the state a round's
 * resolution reads, and (./resolution.ts) it reads neither the chat, nor the channels, nor who
 * is ready: a chat line makes a new state, not a new round. Nor does an offer between seats
 * alone change the round: only automated parties answer offers at resolution, and an open
 * offer takes no force, it lapses (the rules of ./agreements/ read deals signed or in force).
 * So results are kept with those parts, by reference (a move shares the parts it does not
 * write, ./step-copy.ts): one entry per countries record, replaced when any of them changes.
 * An entry keeps the round resolved without the deal (the same for every seat's draft, and for
 * every offer but the one left out), the capital it leaves each country in later rounds (asked
 * only when a deal would put a seat's below zero) and each seat's answers: a seat that previews a draft
 * again while the table only talked, or offered, gets it without a resolution. An open offer's
 * answer is kept with the offer it previewed (an amendment is a new one), and so is the answer for a revision of it. The checks a preview
 * makes first (the draft's, the offer's status) run every time. At most MAX_KEPT of each per
 * entry, so a client sending endless different drafts costs resolutions, never memory.
 */
const MAX_KEPT = 64;
const UNREAD = new Set<string>(["version", "messages", "channels", "ready"]);
type Answer = { lines: PreviewLine[]; notes: Text[] };
type Kept = {
  read: unknown[];
  byOmitted: Map<string, Without>;
  aheadWithout: Map<string, Record<string, number>[]>;
  answers: Map<string, Answer & { offer?: Agreement }>;
};
const kept = new WeakMap<GameState["countries"], Kept>();

function readParts(state: GameState): unknown[] {
  const parts: unknown[] = [];
  for (const [k, v] of Object.entries(state)) {
    if (UNREAD.has(k)) continue;
    if (k !== "agreements" && k !== "nextAgreement") parts.push(k, v);
  }
  const seats = (a: Agreement) => a.parties.every((p) => state.scenario.countries.find((c) => c.id === p)?.control === "seat");
  for (const a of state.agreements) if (a.status !== "proposed" || !seats(a)) parts.push(a);
  return parts;
}

/** What is kept for the round as `state` would resolve it. */
function keptFor(state: GameState): Kept {
  const read = readParts(state);
  let entry = kept.get(state.countries);
  if (!entry || entry.read.length !== read.length || entry.read.some((part, i) => part !== read[i])) {
    kept.set(state.countries, (entry = { read, byOmitted: new Map(), aheadWithout: new Map(), answers: new Map() }));
  }
  return entry;
}

/** The round resolved now, without the offer `omit` (none: ""), on a copy. */
function resolvedWithout(state: GameState, omit: string): GameState {
  const without = cloneState(state);
  if (omit) without.agreements = without.agreements.filter((a) => a.id !== omit);
  without.expected = true;
  without.phase = "negotiation";
  without.changes = {};
  resolveRound(without);
  return without;
}

/**
 * What a preview compares with, of the round resolved now without the offer `omit`: its changes,
 * and which of each country's objectives it leaves met (`objectivesMet`). Kept slim: a whole
 * resolved state for each of up to MAX_KEPT offers would hold megabytes a room.
 */
type Without = { changes: GameState["changes"]; met: Record<string, boolean[]> };

function without(state: GameState, entry: Kept, omit: string): Without {
  let kept = entry.byOmitted.get(omit);
  if (!kept) {
    const resolved = resolvedWithout(state, omit);
    kept = { changes: resolved.changes, met: Object.fromEntries(state.scenario.countries.map((c) => [c.id, objectivesMet(resolved, c.id)])) };
    if (entry.byOmitted.size < MAX_KEPT) entry.byOmitted.set(omit, kept);
  }
  return kept;
}

/** Whether each of `seat`'s objectives, its public ones then its secret one, is met in `resolved`, by the score's own test (scoring.ts `conditionMet`). */
function objectivesMet(resolved: GameState, seat: string): boolean[] {
  const data = resolved.scenario.countries.find((c) => c.id === seat);
  return data ? [...data.objectives, data.secret].map((o) => conditionMet(resolved, o.condition, seat)) : [];
}

/** Each country's capital after this round and each later one to the game's last, without the offer `omit` (`capitalAhead`). */
function capitalWithout(state: GameState, entry: Kept, omit: string): Record<string, number>[] {
  let path = entry.aheadWithout.get(omit);
  if (!path) {
    path = capitalAhead(resolvedWithout(state, omit), state.settings.rounds);
    if (entry.aheadWithout.size < MAX_KEPT) entry.aheadWithout.set(omit, path);
  }
  return path;
}

/** Preview a new draft (`{ draft }`), an existing offer (`{ agreementId }`) or a revision of one (`{ draft, amends }`) for `seat`. */
export function preview(state: GameState, seat: string, subject: Subject): Preview {
  if (!Object.hasOwn(state.countries, seat)) return refuse("rule/unknown_country", text("refusal.unknownCountry", { id: seat }));
  if (state.phase === "lobby" || state.phase === "ended") return refuse("rule/wrong_phase", text("refusal.noPreview"));
  let deal: () => Agreement;
  let offer: Agreement | undefined;
  if ("agreementId" in subject) {
    const a = agreementById(state, subject.agreementId);
    if (!a || !canSeeAgreement({ kind: "seat", seat, roles: [] }, a)) return refuse("rule/unknown_agreement", text("refusal.unknownOffer"));
    if (a.status !== "proposed" && a.status !== "signed") return refuse("rule/not_open", text("refusal.notOpenShort", { id: a.id, status: ref("status", a.status) }));
    offer = a;
    deal = () => ({ ...structuredClone(a), ...seatsSign(state, a.parties, a.signatures) });
  } else {
    let revised: Agreement | undefined;
    if ("amends" in subject) {
      revised = agreementById(state, subject.amends);
      const open = openOfferCheck(revised, seat);
      if (open) return open;
      offer = revised;
    }
    const checked = revisionCheck(state, seat, subject.draft, revised);
    if (!checked.ok) return checked;
    deal = () => ({
      id: revised?.id ?? DRAFT_ID,
      type: subject.draft.terms.type,
      parties: checked.parties,
      terms: subject.draft.terms,
      duration: subject.draft.duration,
      revision: (revised?.revision ?? 0) + 1,
      proposedAt: revised?.proposedAt ?? state.version,
      proposedBy: revised?.proposedBy ?? seat,
      ...seatsSign(state, checked.parties, checked.leaving ? [] : [seat]),
      steps: [],
    });
  }
  const entry = keptFor(state);
  const key = `${seat}\n${JSON.stringify(subject)}`;
  const known = entry.answers.get(key);
  if (known && known.offer === offer) return { ok: true, lines: known.lines, notes: known.notes };
  const omit = offer?.id ?? "";
  const computed = computeLines(state, seat, deal(), without(state, entry, omit), () => capitalWithout(state, entry, omit));
  // A revision keeps its offer's id; only a new draft is named "the new deal".
  const answer = offer ? computed : { lines: computed.lines.map(namedAsDraft), notes: computed.notes.map(renamed) };
  if (entry.answers.size < MAX_KEPT || known) entry.answers.set(key, { ...(offer ? { offer } : {}), ...answer });
  return { ok: true, ...answer };
}

/** The id a draft has in its preview: a deal not yet proposed has none of its own. */
const DRAFT_ID = "draft";

/** A draft's text names it "the new deal" in the reader's language, rather than by its placeholder id. */
function renamed(t: Text): Text {
  const arg = (k: string, v: Arg): Arg => {
    if (k === "id" && v === DRAFT_ID) return text("deal.newDraft");
    if (typeof v !== "object") return v;
    if ("list" in v) return { list: v.list.map((x) => arg("", x)) };
    return "key" in v ? renamed(v) : v;
  };
  return t.args ? { key: t.key, args: Object.fromEntries(Object.entries(t.args).map(([k, v]) => [k, arg(k, v)])) } : t;
}

/** `renamed` for a line's causes. */
function namedAsDraft(line: PreviewLine): PreviewLine {
  const causes = (list: Cause[]) => list.map((c) => ({ label: renamed(c.label), amount: c.amount }));
  return { ...line, causes: causes(line.causes), withDeal: { ...line.withDeal, causes: causes(line.withDeal.causes) }, withoutDeal: { ...line.withoutDeal, causes: causes(line.withoutDeal.causes) } };
}

/** The round resolved with `deal` added, against it resolved without: what differs for `seat` and the table, and the notes. */
function computeLines(state: GameState, seat: string, deal: Agreement, withoutDeal: Without, without: () => Record<string, number>[]): Answer {
  const withoutChanges = withoutDeal.changes;
  const withDeal = cloneState(state);
  addAgreement(withDeal, deal);
  // Chance outcomes resolve as expected values with their odds: a preview never shows this round's rolls.
  withDeal.expected = true;
  withDeal.phase = "negotiation";
  withDeal.changes = {};
  resolveRound(withDeal);
  const lines: PreviewLine[] = [];
  const keys = new Set([...Object.keys(withDeal.changes), ...Object.keys(withoutChanges)]);
  for (const k of keys) {
    const [subjectId, key] = k.split("|") as [string, string];
    if (subjectId !== seat && subjectId !== "table") continue;
    const a = withDeal.changes[k];
    const b = withoutChanges[k];
    const delta = r2((a ? a.to - a.from : 0) - (b ? b.to - b.from : 0));
    if (Math.abs(delta) < 0.01) continue;
    const causes = new Map<string, number>();
    const labels = new Map<string, Text>();
    for (const c of a?.causes ?? []) labels.set(textId(c.label), c.label), causes.set(textId(c.label), (causes.get(textId(c.label)) ?? 0) + c.amount);
    for (const c of b?.causes ?? []) labels.set(textId(c.label), c.label), causes.set(textId(c.label), (causes.get(textId(c.label)) ?? 0) - c.amount);
    lines.push({
      subject: subjectId,
      key,
      delta,
      causes: [...causes].filter(([, v]) => Math.abs(v) >= 0.01).map(([id, amount]) => ({ label: labels.get(id)!, amount: r2(amount) })),
      withDeal: world(a),
      withoutDeal: world(b),
    });
  }
  lines.sort((x, y) => (x.subject === y.subject ? x.key.localeCompare(y.key) : x.subject === "table" ? 1 : -1));
  const after = agreementById(withDeal, deal.id)!;
  const note = kindFor(after.terms).note?.(withDeal, after, seat);
  const notes = note === undefined ? [] : Array.isArray(note) ? [...note] : [note];
  if (!lines.length && !notes.length) notes.push(whyNoChange(state, seat, withDeal, withoutChanges, after));
  // Before `belowZero`, which resolves later rounds on `withDeal`.
  notes.push(...objectiveNotes(state, seat, withDeal, withoutDeal.met[seat] ?? []));
  const broke = belowZero(state, seat, withDeal, after, without);
  if (broke) notes.push(broke);
  return { lines, notes };
}

/**
 * The seat's own objectives (its public ones and its secret one: a preview is only ever its own,
 * server/rooms/requests.ts) that the deal turns from met to not met or back, by the score's own
 * test (scoring.ts `conditionMet`) on the round resolved with the deal and without it. Never
 * another country's. A "never be party to" objective broken is a red line crossed: lost for
 * good, whatever comes after (docs/RULES.md, "Scores"); any other is met or undone as of the end
 * of this round, its points at stake at the end of the game.
 */
function objectiveNotes(state: GameState, seat: string, withDeal: GameState, metWithout: readonly boolean[]): Text[] {
  const data = state.scenario.countries.find((c) => c.id === seat);
  if (!data) return [];
  const metWith = objectivesMet(withDeal, seat);
  const notes: Text[] = [];
  [...data.objectives, data.secret].forEach((o, i) => {
    const will = metWith[i]!;
    if (metWithout[i] === will) return;
    const args = { objective: { ref: "objective" as const, id: o.id, of: seat }, points: o.points };
    notes.push(text(will ? "preview.objective.meets" : o.condition.kind === "no-agreement" ? "preview.objective.redLine" : "preview.objective.undoes", args));
  });
  return notes;
}

/**
 * Each country's capital after each round from `resolved`'s (resolved already) to `last`, the
 * later rounds resolved by the engine with no new card and no new deal: income, then what every
 * deal in force pays and earns (docs/RULES.md, "Paying for deals"). Mutates `resolved`.
 */
function capitalAhead(resolved: GameState, last: number): Record<string, number>[] {
  const capital = (s: GameState) => Object.fromEntries(Object.entries(s.countries).map(([id, c]) => [id, c.capital]));
  const path = [capital(resolved)];
  while (resolved.round < last && resolved.phase === "review") {
    resolved.round += 1;
    resolved.phase = "negotiation";
    resolved.changes = {};
    resolveRound(resolved);
    path.push(capital(resolved));
  }
  return path;
}

/**
 * The first round of the deal, within the game, after which `seat`'s capital would be below zero
 * with the deal and lower than without it (its payments, with those of the deals in force, take
 * more than its income and earnings bring in), as a note; nothing when there is none. Resolving
 * later rounds mutates `withDeal`; `without` gives the state resolved without the deal, once.
 */
function belowZero(state: GameState, seat: string, withDeal: GameState, a: Agreement, without: () => Record<string, number>[]): Text | undefined {
  if (a.status !== "in-force" || !a.parties.includes(seat)) return undefined;
  const path = capitalAhead(withDeal, Math.min(a.endRound ?? state.round, state.settings.rounds));
  // Below zero as the note rounds it (to the cent), so a sum's rounding error is not a debt.
  const below = (c: Record<string, number>) => c[seat]! < -0.005;
  if (!path.some(below)) return undefined;
  const base = without();
  const i = path.findIndex((c, k) => below(c) && c[seat]! < (base[k]?.[seat] ?? Infinity) - 0.005);
  return i < 0 ? undefined : text("preview.capitalBelowZero", { round: state.round + i, capital: r2(path[i]![seat]!) });
}

/**
 * Why a deal moves none of a seat's numbers nor the table's this round, in one line, from what
 * the round resolved with it recorded: an automated party's answer (the deal's steps), the news
 * that names it (a delivery a regime stops), the countries whose numbers it moves instead.
 */
function whyNoChange(state: GameState, seat: string, withDeal: GameState, withoutChanges: GameState["changes"], a: Agreement): Text {
  const declined = a.status === "declined" ? a.steps.findLast((s) => s.what === "declined")?.by : undefined;
  if (declined) {
    const who = country(declined);
    const t = a.terms;
    if (t.type === "loan" && t.recipient === declined) {
      const chosen = withDeal.agreements.find((x) => x.id !== a.id && x.terms.type === "loan" && x.terms.recipient === declined && x.terms.project === t.project && x.status === "in-force");
      // Named only if the seat may see it: another seat's offer stays private until all its parties sign.
      const offer = chosen && agreementById(state, chosen.id);
      if (offer && canSeeAgreement({ kind: "seat", seat, roles: [] }, offer)) return text("preview.none.loanChosen", { country: who, id: chosen!.id, project: ref("project", t.project, true) });
      if (chosen) return text("preview.none.loanBetter", { country: who, project: ref("project", t.project, true) });
    }
    const rival = state.scenario.rival;
    if (rival?.country === declined) return text("preview.none.rival", { country: who, types: { list: rival.accepts.map((x) => ref("type", x, true)) } });
    if (dataOf(state, declined).control === "partner") return text("preview.none.partner", { country: who });
  }
  // The news the round's resolution wrote (after the state's own) that names the deal.
  const said = withDeal.news.slice(state.news.length).find((n) => n.text.args?.id === a.id && n.text.key !== "news.inForce");
  if (said) return said.text;
  const others = new Set<string>();
  for (const k of new Set([...Object.keys(withDeal.changes), ...Object.keys(withoutChanges)])) {
    const subject = k.split("|")[0]!;
    if (subject === seat || subject === "table") continue;
    const x = withDeal.changes[k];
    const y = withoutChanges[k];
    if (Math.abs((x ? x.to - x.from : 0) - (y ? y.to - y.from : 0)) >= 0.01) others.add(subject);
  }
  return others.size ? text("preview.none.others", { countries: countries([...others]) }) : text("preview.none.nothing");
}

/** A number a ruling would change: a country's metric, capability or capital, or a table metric (`subject` "table"), as the ledger keys it. */
export type RulingLine = { subject: string; key: string; from: number; to: number };
/**
 * `scores`: each country whose score would move, its total as the game stands and with the ruling.
 * `notes`: what the ruling would set off besides, as the news would say it (a government falls,
 * the crisis ends the game).
 */
export type RulingPreview = { ok: true; lines: RulingLine[]; scores: { country: string; from: number; to: number }[]; notes: Text[] } | { ok: false; error: Refusal };

/**
 * What ruling on the free-form action `matrixId` with `effects` would do now, if accepted or if
 * its roll succeeds (a refusal and a failed roll change nothing): the ruling itself, made by the
 * engine's `apply` on the state as it stands, the numbers it changed (their limits applied), the
 * scores before and after, and the news it set off. Refused as the ruling would be (the action
 * unknown or ruled on already, the phase, a country that does not exist). For the facilitator's
 * console only: the facilitator sees every number (docs/RULES.md, "Free-form actions").
 */
export function previewRuling(state: GameState, matrixId: string, effects: Effect[]): RulingPreview {
  // Only this ruling's changes in the ledger: a metric's `from` is its value now.
  const before: GameState = { ...state, changes: {} };
  const ruled = apply(before, { actor: { kind: "facilitator" }, move: { type: "rule-matrix", matrixId, ruling: "accept", effects, note: "" } });
  if (!ruled.ok) return ruled;
  const after = ruled.state;
  const lines = Object.values(after.changes)
    .filter((c) => Math.abs(c.to - c.from) >= 0.005)
    .map((c) => ({ subject: c.subject, key: c.key, from: c.from, to: c.to }));
  const was = new Map(computeScores(state).map((x) => [x.country, x.total]));
  const scores = computeScores(after)
    .map((x) => ({ country: x.country, from: was.get(x.country) ?? 0, to: x.total }))
    .filter((x) => Math.abs(x.to - x.from) >= 0.05);
  // The ruling's own line comes first; what follows it, its effects set off.
  const notes = after.news.slice(state.news.length + 1).map((n) => n.text);
  return { ok: true, lines, scores, notes };
}
