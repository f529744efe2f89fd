/**
 * Bots that negotiate by national interest (docs/RULES.md §1).
 *
 * API — everything a server or a self-play driver needs:
 *
 *   decideBotAction(ctx, rng, options?) → { action, reason } | null
 *     One move for the seat `ctx` belongs to, chosen among its legal actions, with a one-line
 *     reason for the review and the debrief ("declined: costs us 12 prosperity for 3 security").
 *     null when it has nothing (more) to do; during negotiation it first says it is ready.
 *     `ctx` comes from `botContext(state, seat)` (context.ts): the seat's view, the public
 *     rules, a preview bound to the seat and its legal actions — never the game state, so a
 *     bot cannot read hidden state. `rng` is a seeded `{ rng }` holder (shared/engine/rng.ts):
 *     the same context and rng give the same decision. `options` can override the scenario's
 *     personality or play a table-wide strategy (the balance lab's cooperative and selfish mixes).
 *
 *   whatWouldItTake(ctx, draft, options?) → { draft, value, reason } | null
 *     Terms near `draft` this seat would sign (the draft itself when it already would), or null.
 *
 *   appraise(ctx, draft, options?) → { value, threshold, reason } | null
 *     How this seat values a draft, in score points, and why.
 *
 *   botChooser(state, seat, rng) → { action, reason } | null
 *     The server's BotChooser signature; builds the context and decides.
 *
 * Decisions, in order: answer offers that name it (sign what serves it, counter a near miss
 * with an amendment it would sign, decline what harms it; as a loan recipient, take the best
 * of competing offers); break an agreement when its personality allows and breaking pays;
 * propose what its country needs; then say it is ready.
 */
import type { Action, Draft } from "../engine/actions.ts";
import type { PreviewLine } from "../engine/preview.ts";
import type { Agreement, GameState } from "../engine/types.ts";
import { nextRandom } from "../engine/rng.ts";
import { dealOf } from "../engine/text.ts";
import { ROLES, type Personality, type Role, type Sector } from "../engine/vocabulary.ts";
import { describe, kindFor } from "../engine/agreements/index.ts";
import type { Objective } from "../scenario/schema.ts";
import { botContext, type BotContext } from "./context.ts";
import { country, draftParties, project, projectFinanced, worldOf, type Projection, type World } from "./model.ts";
import { isPersonality, profileFor, type Profile, type Strategy } from "./personality.ts";
import { candidates, leaveOut, variants } from "./proposals.ts";
import { outlookOf, r1, sharedStake, sharedStakeRange, valueFor, valueWithoutOutlook, worthFor, type Outlook, type Part, type Valuation, type ValueOptions } from "./value.ts";
import { because, changeText, counteredText, proposedText, said, thenText } from "./speech.ts";
import { parseIntent, questionsFor, type Intent, type TranslatedNames } from "./intents.ts";
import { list, ref, text, type Arg, type Text } from "../engine/text.ts";

/** A move, with the reason for it (every move on a deal has one; a message is its own reason). */
export type BotDecision = { action: Action; reason?: Text };
export type BotOptions = {
  /** Play this personality instead of the scenario's. */
  personality?: Personality;
  /** Play a table-wide strategy on top of the personality. */
  strategy?: Strategy;
  /** A complete profile (overrides both). */
  profile?: Profile;
  /** false: never withdraw from an agreement (the balance lab's counterfactual of a defection). */
  mayBreak?: boolean;
  /** The countries' names in the scenario's translations: a person may name this seat by them in the plenary (the server passes them). */
  names?: TranslatedNames;
};

type Rng = { rng: number };

/**
 * Everything a decision works from, built once per call. A class, so its lazy outlook is a
 * getter of the class: a getter in an object literal this size makes it a dictionary, slow to
 * read, and a decision reads its fields thousands of times.
 */
class Mind {
  /**
   * Check values against the engine's preview (answers to people: "what would it take?",
   * questions in chat). Its own moves use the model alone, which tests/bots/model.test.ts and
   * tests/bots/valuation.test.ts keep in line with the preview: a preview resolves the round
   * twice, and was most of the cost of a bot's move.
   */
  exact = false;
  objectives: Objective[];
  /** Its objectives as `worthFor` takes them (one object for the whole decision). */
  valueOptions: ValueOptions;
  /** The id of its secret objective, which it weighs but never names. */
  secret: string | undefined;
  actor: { kind: "seat"; seat: string; roles: Role[] };
  /** Projections of drafts, its own and the other seats' valuations of them (caches for this decision). */
  projections = new Map<object, Projection>();
  own = new Map<object, Valuation>();
  /** Its own value of drafts it compares but does not explain (no parts). */
  worth = new Map<object, number>();
  theirs = new Map<object, Map<string, number>>();
  constructor(
    public ctx: BotContext,
    public me: string,
    public profile: Profile,
    public w: World,
    public options: BotOptions,
    /** What bots worked out before under the same model inputs (ctx.epoch). */
    public memory: Memory,
  ) {
    const self = country(w, me);
    this.objectives = [...self.objectives, ...(self.secret ? [self.secret] : [])];
    this.valueOptions = { objectives: this.objectives };
    this.secret = self.secret?.id;
    this.actor = { kind: "seat", seat: me, roles: [...ROLES] };
  }
  /** What the table looks like at the end with the deals already made (computed on first use). */
  get o(): Outlook {
    return (this.memory.outlook ??= outlookOf(this.w));
  }
}

/**
 * What bots keep between moves while nothing the model reads has changed (the context's
 * `epoch`): each seat's model world, the outlook, the outlook without each deal a seat might
 * leave, and which deal each seat would break. These are functions of the model's inputs alone, and hold nothing
 * secret (the model reads public numbers: model.ts), so a kept result equals a fresh one
 * (tests/bots/memory.test.ts plays games both ways).
 */
type Memory = {
  /** By seat: its model's world (the view's numbers and public deals, all within the epoch). */
  worlds: Map<string, World>;
  outlook?: Outlook;
  /** By deal id: the outlook if that deal ended now. */
  without: Map<string, Outlook>;
  /** By profile (a profile is never changed once made: profileFor freezes them) and seat: the deal it gains most by leaving (null: none). */
  breaking: WeakMap<Profile, Map<string, Breaking | null>>;
};
const memories = new WeakMap<object, Memory>();

let remembering = true;
/** Tests: off, every decision works from scratch, to compare with decisions that remember. */
export function rememberBetweenMoves(on: boolean) {
  remembering = on;
}

function memoryOf(ctx: BotContext): Memory {
  let memory = remembering ? memories.get(ctx.epoch) : undefined;
  if (!memory) {
    memory = { worlds: new Map(), without: new Map(), breaking: new WeakMap() };
    if (remembering) memories.set(ctx.epoch, memory);
  }
  return memory;
}

/** A mind that checks what it tells people against the engine's preview. */
function exactMind(ctx: BotContext, options: BotOptions = {}): Mind {
  const m = mindOf(ctx, options);
  m.exact = true;
  return m;
}

function mindOf(ctx: BotContext, options: BotOptions = {}): Mind {
  const me = ctx.seat;
  const memory = memoryOf(ctx);
  let w = memory.worlds.get(me);
  if (!w) memory.worlds.set(me, (w = worldOf(ctx.view, ctx)));
  const self = country(w, me);
  const personality = options.personality ?? (isPersonality(self.personality) ? self.personality : "pragmatist");
  const profile = options.profile ?? profileFor(personality, options.strategy);
  return new Mind(ctx, me, profile, w, options, memory);
}

const idNumber = (a: Agreement) => Number(a.id.replace(/\D/g, "")) || 0;

/** The least a bot must gain by leaving a deal before it breaks its word. */
const BREAK_GAIN = 0.3;

/** The server's chooser: a context from the state, then a decision. */
export function botChooser(state: GameState, seat: string, rng: Rng, options?: BotOptions): BotDecision | null {
  if (state.phase !== "negotiation") return null;
  return decideBotAction(botContext(state, seat), rng, options);
}

export function decideBotAction(ctx: BotContext, rng: Rng, options: BotOptions = {}): BotDecision | null {
  if (ctx.view.phase !== "negotiation") return null;
  const mind = mindOf(ctx, options);
  return answerOffers(mind) ?? answerQuestions(mind) ?? breakDeals(mind, rng) ?? propose(mind, rng) ?? speak(mind, rng) ?? ready(mind);
}

// ---------------------------------------------------------------- valuing

/** Own valuation of an agreement or a draft, through the engine's preview where it can. */
function projectOf(m: Mind, draft: Pick<Draft, "terms" | "parties" | "duration">): Projection {
  let p = m.projections.get(draft);
  if (!p) m.projections.set(draft, (p = project(m.w, draft)));
  return p;
}

function valueOwn(m: Mind, draft: Pick<Draft, "terms" | "parties" | "duration">, lines?: PreviewLine[]): Valuation {
  if (lines) return valueOwnOf(m, draft, lines);
  let v = m.own.get(draft);
  if (!v) m.own.set(draft, (v = valueOwnOf(m, draft)));
  return v;
}

/** Its own value of a draft, the number alone (as `valueOwn(m, draft).value`). */
function worthOwn(m: Mind, draft: Pick<Draft, "terms" | "parties" | "duration">): number {
  let v = m.worth.get(draft) ?? m.own.get(draft)?.value;
  if (v === undefined) m.worth.set(draft, (v = worthFor(m.w, m.o, m.me, projectOf(m, draft), m.profile, m.valueOptions)));
  return v;
}

function valueOwnOf(m: Mind, draft: Pick<Draft, "terms" | "parties" | "duration">, lines?: PreviewLine[]): Valuation {
  const proj = projectOf(m, draft);
  const v = valueFor(m.w, m.o, m.me, proj, m.profile, { ...(lines ? { preview: lines } : {}), objectives: m.objectives });
  // Its secret objective counts, but what it says never names it (speech.ts: "a goal of our own").
  const secret = m.secret;
  if (secret !== undefined) for (const p of v.parts) if (p.objective?.id === secret) (p.label = "secret"), delete p.objective;
  return v;
}

/**
 * Its value of a draft it may put its name to: the model's, and (answering people) no more
 * than the preview's, so terms it names are terms it then signs. null when the engine's preview
 * refuses the draft.
 */
function confirmed(m: Mind, draft: Draft): Valuation | null {
  const model = valueOwn(m, draft);
  if (!m.exact) return model;
  const lines = previewDraft(m, draft);
  if (!lines) return null;
  const exact = valueOwn(m, draft, lines);
  return exact.value < model.value ? exact : model;
}

function previewDraft(m: Mind, draft: Draft): PreviewLine[] | null {
  const p = m.ctx.preview({ draft });
  return p.ok ? p.lines : null;
}

function asDraft(a: Agreement): Draft {
  return { terms: a.terms, parties: a.parties, duration: a.duration };
}

/** How a country other than this bot would likely value a draft (public objectives, its personality). */
function theirValue(m: Mind, who: string, draft: Draft): number {
  const c = country(m.w, who);
  if (c.control !== "seat") return 0;
  let byWho = m.theirs.get(draft);
  if (!byWho) m.theirs.set(draft, (byWho = new Map()));
  let v = byWho.get(who);
  if (v === undefined) {
    const profile = profileFor(isPersonality(c.personality) ? c.personality : "pragmatist");
    v = worthFor(m.w, m.o, who, projectOf(m, draft), profile, { objectives: c.objectives }) - profile.threshold;
    byWho.set(who, v);
  }
  return v;
}

// ---------------------------------------------------------------- answering offers

/** Its legal move of `type` on deal `a`, with the reason. */
function onDeal(m: Mind, type: "sign" | "decline", a: Agreement, reason: Text): BotDecision | null {
  for (const action of m.ctx.legal.actions) if (action.move.type === type && action.move.agreementId === a.id) return { action, reason };
  return null;
}

function decline(m: Mind, a: Agreement, reason: Text): BotDecision | null {
  return onDeal(m, "decline", a, reason);
}

function sign(m: Mind, a: Agreement, reason: Text): BotDecision | null {
  const d = onDeal(m, "sign", a, reason);
  return d && !m.ctx.check(d.action.move) ? d : null;
}

/** Its own valuation of an offer, once per decision (`valued`, by id). */
function offerValue(m: Mind, valued: Map<string, Valuation>, a: Agreement): Valuation {
  let v = valued.get(a.id);
  if (!v) valued.set(a.id, (v = valueOwn(m, asDraft(a))));
  return v;
}

function answerOffers(m: Mind): BotDecision | null {
  const offers = m.ctx.view.agreements
    .filter((a) => a.status === "proposed" && a.parties.includes(m.me) && !a.signatures.includes(m.me))
    .sort((a, b) => idNumber(a) - idNumber(b));
  if (!offers.length) return null;

  // As a loan recipient, compare competing offers for the same project first.
  const loans = offers.filter((a) => a.terms.type === "loan" && a.terms.recipient === m.me);
  for (const a of loans) {
    const t = a.terms as Extract<Agreement["terms"], { type: "loan" }>;
    if (projectFinanced(m.w, m.me, t.project)) {
      const d = decline(m, a, text("bot.why.financed", { project: ref("project", t.project, true) }));
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
      const ranked = [...group].sort((x, y) => offerValue(m, valued, y).value - offerValue(m, valued, x).value || idNumber(x) - idNumber(y));
      const best = ranked[0]!;
      const loser = ranked[ranked.length - 1]!;
      const d = decline(m, loser, text("bot.why.betterLoan", { best: best.id, project: ref("project", project, true), a: r1(offerValue(m, valued, best).value), b: r1(offerValue(m, valued, loser).value) }));
      if (d) return d;
    }
  }

  for (const a of offers) {
    const v = offerValue(m, valued, a);
    const threshold = m.profile.threshold;
    if (v.value >= threshold) {
      const s = sign(m, a, said("signed", v));
      if (s) return s;
    }
    const mine = a.steps.filter((s) => s.what === "amended" && s.by === m.me).length;
    const amendments = a.steps.filter((s) => s.what === "amended").length;
    if (v.value >= threshold - m.profile.counterRange && mine < 2 && amendments < 4) {
      const amend = (d: Draft) => ({ type: "amend" as const, agreementId: a.id, revision: a.revision, draft: d });
      const counter = searchTerms(m, asDraft(a), (d) => !m.ctx.check(amend(d)), a);
      if (counter) return { action: { actor: m.actor, move: amend(counter.draft) }, reason: counteredText(a.id, counter.change, counter.value) };
    }
    const d = decline(m, a, said("declined", v));
    if (d) return d;
  }
  return null;
}

// ---------------------------------------------------------------- what would it take

type Found = { draft: Draft; value: Valuation; change: Text };

/**
 * Nearest terms (by changes of terms) this bot would sign and the engine would accept from it
 * (`feasible`: its budget, the rules), confirmed by the engine's preview.
 */
function searchTerms(m: Mind, draft: Draft, feasible: (d: Draft) => boolean, existing?: Agreement): Found | null {
  const threshold = m.profile.threshold;
  const seen = new Set<string>([JSON.stringify(draft)]);
  const others = draftParties(draft).filter((p) => p !== m.me && m.w.byId.get(p)?.control === "seat");
  // Nearest first: every variant one change away is tried before any two changes away, so the
  // second ring (from the first eight of the first) is made only when the first gave no answer.
  let frontier: Draft[] = [draft];
  let tried = 0;
  for (let depth = 1; depth <= 2 && frontier.length; depth++) {
    const ring: { draft: Draft; estimate: number }[] = [];
    for (const f of frontier) {
      for (const v of variants(m.w, f, m.me)) {
        const key = JSON.stringify(v);
        if (seen.has(key)) continue;
        seen.add(key);
        ring.push({ draft: v, estimate: worthOwn(m, v) });
      }
    }
    // Among equally near, the one the other side loses least on.
    const ranked = ring
      .filter((p) => p.estimate >= threshold)
      .map((p) => ({ ...p, theirs: others.length ? Math.min(...others.map((o) => theirValue(m, o, p.draft))) : 0 }))
      .sort((a, b) => b.theirs - a.theirs || b.estimate - a.estimate);
    for (const p of ranked) {
      if (!feasible(p.draft)) continue;
      if (tried++ >= 2) return null;
      const value = confirmed(m, p.draft);
      if (!value) continue;
      if (value.value >= threshold) return { draft: p.draft, value, change: changeText(existing ? asDraft(existing) : draft, p.draft) };
    }
    frontier = ring.slice(0, 8).map((p) => p.draft);
  }
  return null;
}

/**
 * "What would it take?": terms near `draft` that this seat would sign, with the reason, or
 * null when no small change of terms makes the deal worth it. A draft it would already sign
 * comes back unchanged.
 */
export function whatWouldItTake(ctx: BotContext, draft: Draft, options: BotOptions = {}): { draft: Draft; value: number; reason: Text } | null {
  const w = whatWouldItTakeOf(exactMind(ctx, options), draft);
  if (!w) return null;
  return { draft: w.draft, value: w.value.value, reason: w.change ? thenText(w.change, w.value) : said("asIs", w.value) };
}

function whatWouldItTakeOf(m: Mind, draft: Draft): { draft: Draft; value: Valuation; change?: Text } | null {
  const v = confirmed(m, draft);
  if (!v) return null;
  // Terms it could put its name to now: the engine would take them as its own proposal.
  const feasible = (d: Draft) => !m.ctx.check({ type: "propose", draft: d });
  if (v.value >= m.profile.threshold && feasible(draft)) return { draft, value: v };
  const found = searchTerms(m, draft, feasible);
  return found ? { draft: found.draft, value: found.value, change: found.change } : null;
}

/**
 * How this seat values a draft it is a party to, in score points, with the reason it would
 * give (the model and the engine's preview, as when it answers an offer).
 */
export function appraise(ctx: BotContext, draft: Draft, options: BotOptions = {}): { value: number; threshold: number; reason: Text; parts: Valuation["parts"] } | null {
  const m = exactMind(ctx, options);
  const v = confirmed(m, draft);
  if (!v) return null;
  return { value: v.value, threshold: m.profile.threshold, parts: v.parts, reason: said(v.value >= m.profile.threshold ? "worth" : "notWorth", v) };
}

/**
 * A draft's value to this seat by the model alone (what its own moves use) and with the
 * engine's preview for this round (exact): tests/bots/valuation.test.ts keeps them together.
 */
export function valuations(ctx: BotContext, draft: Draft, options: BotOptions = {}): { model: number; exact: number; threshold: number } | null {
  const m = mindOf(ctx, options);
  const lines = previewDraft(m, draft);
  if (!lines) return null;
  return { model: valueOwn(m, draft).value, exact: valueOwn(m, draft, lines).value, threshold: m.profile.threshold };
}

// ---------------------------------------------------------------- breaking agreements

/** The value of an agreement in force to this seat per round, from last round's explained changes. */
function lastRoundValue(m: Mind, a: Agreement): { points: number; parts: Map<string, number> } {
  const self = country(m.w, m.me);
  const parts = new Map<string, number>();
  let points = 0;
  // The last resolution's explained changes (this round's list holds only the event so far).
  const last = m.ctx.view.history[m.ctx.view.history.length - 1];
  for (const c of last?.changes ?? []) {
    if (c.subject !== m.me) continue;
    const key = c.key as keyof typeof self.weights | "capital";
    for (const cause of c.causes) {
      if (dealOf(cause.label) !== a.id) continue;
      parts.set(c.key, (parts.get(c.key) ?? 0) + cause.amount);
      if (key === "capital") continue;
      if (key in self.weights) points += self.weights[key] * m.profile.tilt[key] * cause.amount;
    }
  }
  return { points, parts };
}

/** Deals that take something from us each round (the only ones breaking could pay for). */
function costsUs(a: Agreement, me: string): boolean {
  return kindFor(a.terms).bots.costsEachRound(a.terms, me);
}

type Breaking = { action: Action; gain: number; reason: Text };

/** The points of a valuation's objectives and shared targets (what staying in a deal keeps for the rest of the game). */
const stakes = (parts: Part[]) => parts.filter((p) => p.label.startsWith("objective") || p.label === "the shared targets").reduce((s, p) => s + p.points, 0);

function breakDeals(m: Mind, rng: Rng): BotDecision | null {
  if (m.profile.keepsWord >= 1) return null;
  // Weighed once a negotiation, at its first move (what the deals did for it last round is
  // known then), and again only if the deal it would leave can no longer be left.
  const n = notesOf(m, rng);
  let best = n.breaking;
  if (best && !m.ctx.legal.actions.some((x) => x.move.type === "withdraw" && x.move.agreementId === (best!.action.move as { agreementId: string }).agreementId)) best = undefined;
  if (best === undefined) {
    let bySeat = m.memory.breaking.get(m.profile);
    if (!bySeat) m.memory.breaking.set(m.profile, (bySeat = new Map()));
    best = bySeat.get(m.me);
    if (best === undefined) bySeat.set(m.me, (best = worthBreaking(m)));
    n.breaking = best;
  }
  if (!best) return null;
  // Personality: whether it keeps its word even when breaking pays. The draw is made even when
  // breaking is forbidden, so a counterfactual game keeps the same random numbers.
  if (nextRandom(rng) < m.profile.keepsWord || m.options.mayBreak === false) return null;
  return { action: best.action, reason: best.reason };
}

/** What a deal does for us alone: no shared stake and no objectives (no part that reads the outlook). */
function privateValue(m: Mind, deal: Agreement): number {
  return valueWithoutOutlook(m.w, m.me, project(m.w, asDraft(deal), deal), { ...m.profile, tableCare: 0 }, { objectives: [] }).value;
}

/** The deal it gains most by leaving now (its own valuation; the engine's rules on leaving), if any. */
function worthBreaking(m: Mind): Breaking | null {
  const legal = m.ctx.legal.actions.filter((x) => x.move.type === "withdraw");
  if (!legal.length) return null;
  const self = country(m.w, m.me);
  const rules = m.ctx.rules;
  let best: Breaking | null = null;
  for (const action of legal) {
    const id = (action.move as { agreementId: string }).agreementId;
    const a = m.ctx.view.agreements.find((x) => x.id === id);
    if (!a || a.status !== "in-force" || !costsUs(a, m.me)) continue;
    // Leaving a deal of three or more leaves only us out (docs/RULES.md, "withdraw"): the rest
    // carry on, and a chokepoint holder outside a regime earns the members' lost sales. So
    // staying is worth the deal with us against the deal without us, not against no deal.
    const rest = kindFor(a.terms).without(a.terms, a.parties, m.me);
    const restDeal = rest ? { ...a, terms: rest.terms, parties: rest.parties } : null;
    // Only a deal that costs us more than it brings is worth a closer look.
    // (No shared stake and no objectives: no part that reads the outlook.)
    if (privateValue(m, a) - (restDeal ? privateValue(m, restDeal) : 0) > 0) continue;
    // Staying: what the deal will still do for us, with our objectives and the shared stake,
    // against a world where it ends now, or goes on without us.
    const w = worldOf({ ...m.w.view, agreements: m.w.view.agreements.filter((x) => x.id !== a.id) }, m.ctx);
    const stayProj = project(w, asDraft(a), a);
    const restProj = restDeal ? project(w, asDraft(restDeal), restDeal) : null;
    const opts = { objectives: m.objectives };
    const observed = lastRoundValue(m, a);
    const roundsLeft = Math.max(0, Math.min(m.w.lastRound, a.endRound ?? m.w.lastRound) - m.w.round + 1);
    const keptBonus = (a.endRound ?? 99) <= m.w.lastRound ? rules.trust.kept * self.weights.trust * m.profile.tilt.trust : 0;
    const withdrawal: Projection = { type: a.type, parties: a.parties, horizon: 1, flows: [], table: [{ key: "cohesion", perRound: -rules.trust.withdrawCohesion, rounds: 1, label: "withdrawal" }] };
    const warier = (m.w.left - 1) * 0.4;
    // The outlooks cost most of this check: first a bound on staying from the parts that do not
    // read them (`valueWithoutOutlook`, `sharedStakeRange`); a deal that cannot pay to leave by it is kept.
    const stayFree = valueWithoutOutlook(w, m.me, stayProj, m.profile, opts);
    const restFree = restProj ? valueWithoutOutlook(w, m.me, restProj, m.profile, opts) : null;
    const leastStay =
      0.5 * (stayFree.value + stayFree.lo - (restFree ? restFree.value + restFree.hi : 0)) +
      0.5 * (observed.points * roundsLeft + stakes(stayFree.parts) + stayFree.lo);
    // What leaving costs whatever the outlooks: trust lost, and the bonus for a deal kept to its end.
    const fixedCost = rules.trust.withdraw * self.weights.trust * m.profile.tilt.trust + keptBonus;
    const leastCost = fixedCost - sharedStakeRange(m.w, m.me, m.profile, withdrawal).hi + warier;
    if (-leastStay - leastCost <= BREAK_GAIN - 1e-6) continue;
    const cohesion = sharedStake(m.w, m.o, m.me, m.profile, withdrawal);
    // Partners will be warier for the rest of the game.
    const breakCost = fixedCost - cohesion.points + warier;
    let wo = m.memory.without.get(a.id);
    if (!wo) m.memory.without.set(a.id, (wo = outlookOf(w)));
    const stay = valueFor(w, wo, m.me, stayProj, m.profile, opts);
    if (restProj) stay.value -= valueFor(w, wo, m.me, restProj, m.profile, opts).value;
    // Blend the model with what the deal actually did last round.
    const stayValue = 0.5 * stay.value + 0.5 * (observed.points * roundsLeft + stakes(stay.parts));
    const gain = -stayValue - breakCost;
    if (gain > BREAK_GAIN && (!best || gain > best.gain)) {
      const costs = [...observed.parts].filter(([, v]) => v < 0).map(([k, v]) => text("bot.part.amount", { amount: r1(-v), what: k === "capital" ? text("bot.capital") : ref("metric", k, true) }));
      const staying = costs.length ? text("bot.stay.perRound", { costs: list(costs) }) : text("bot.stay.points", { points: r1(-stayValue) });
      best = { action, gain, reason: text("bot.why.withdrew", { id: a.id, type: ref("type", a.type, true), staying, trust: rules.trust.withdraw }) };
    }
  }
  return best;
}

// ---------------------------------------------------------------- proposing

/**
 * Deals a seat is making or has made, to leave out of its pool. Two deals are the same deal when
 * their type and their hooks' key are the same and, where they matter, their parties: looked up
 * in that order, so a draft of a type or key not taken costs no key of its parties.
 */
class Taken {
  /** By type, by the hooks' key: the parties (sorted and joined; "" when they do not matter). */
  private byType = new Map<string, Map<string, Set<string>>>();
  add(d: Pick<Draft, "terms" | "parties">) {
    let byKey = this.byType.get(d.terms.type);
    if (!byKey) this.byType.set(d.terms.type, (byKey = new Map()));
    const hooks = kindFor(d.terms).bots;
    const key = hooks.sameDealKey(d.terms);
    let parties = byKey.get(key);
    if (!parties) byKey.set(key, (parties = new Set()));
    parties.add(hooks.partiesMatter ? partiesKey(d) : "");
  }
  has(d: Pick<Draft, "terms" | "parties">): boolean {
    const byKey = this.byType.get(d.terms.type);
    if (!byKey) return false;
    const hooks = kindFor(d.terms).bots;
    const parties = byKey.get(hooks.sameDealKey(d.terms));
    return !!parties && parties.has(hooks.partiesMatter ? partiesKey(d) : "");
  }
}

function partiesKey(d: Pick<Draft, "terms" | "parties">): string {
  return draftParties(d).sort().join(",");
}

/** The model's world with the open offers in view: deals it or others proposed are not proposed again. */
const withOffers = (m: Mind): World => ({ ...m.w, view: m.ctx.view });

function objectiveSectors(m: Mind) {
  const supply = new Set<Sector>();
  const rnd = new Set<Sector>();
  const sellSupply = new Set<Sector>();
  for (const o of m.objectives) {
    const c = o.condition;
    if (c.kind === "agreement" && c.type === "supply" && c.sector) {
      const self = country(m.w, m.me);
      // A country strong in the sector sells it; a weak one buys it.
      if (self.sectors[c.sector].capability >= 5 && self.sectors[c.sector].chokepoint < 0.3) sellSupply.add(c.sector);
      else supply.add(c.sector);
    }
    if (c.kind === "agreement" && c.type === "rnd" && c.sector) rnd.add(c.sector);
  }
  return { supply, rnd, sellSupply };
}

/**
 * What a seat keeps from one of its moves to its next within a negotiation (unlike `Memory`,
 * its own behaviour, not a cache of a pure function): which deal, if any, it would leave, and
 * the valuation it gave for its first proposal of the round. Kept with the seat's random
 * stream, the one object a game keeps for a seat between its moves (game-loop.ts
 * `Turns.rng`); a caller that passes a new stream each time keeps nothing.
 */
type Notes = { round: number; profile: Profile; breaking?: Breaking | null; proposed?: { key: string; value: Valuation }; done?: boolean };
const notes = new WeakMap<Rng, Notes>();

function notesOf(m: Mind, rng: Rng): Notes {
  let n = notes.get(rng);
  if (!n || n.round !== m.ctx.view.round || n.profile !== m.profile) notes.set(rng, (n = { round: m.ctx.view.round, profile: m.profile }));
  return n;
}

function propose(m: Mind, rng: Rng): BotDecision | null {
  const view = m.ctx.view;
  if (!m.ctx.legal.proposeTypes.length) return null;
  const mine = view.agreements.filter((a) => a.proposedBy === m.me && a.steps[0]?.round === view.round);
  if (mine.length >= m.profile.proposals) return null;
  // A seat that found nothing worth proposing is done proposing for the negotiation.
  const n = notesOf(m, rng);
  if (n.done) return null;
  const proposal = proposeNow(m, rng, n);
  if (!proposal) n.done = true;
  return proposal;
}

function proposeNow(m: Mind, rng: Rng, n: Notes): BotDecision | null {
  const view = m.ctx.view;
  const recent = view.agreements.filter((a) => a.parties.includes(m.me) && (a.status === "proposed" || a.steps.some((s) => s.round === view.round)));
  const open = view.agreements.filter((a) => a.parties.includes(m.me) && (a.status === "in-force" || a.status === "signed"));
  // Not a deal it is making or has made (an open one of any type but supply: a buyer may take more).
  const taken = new Taken();
  for (const a of recent) taken.add(a);
  for (const a of open) if (a.type !== "supply") taken.add(a);
  // Own value first; only the most promising few are weighed from the other side too: the five
  // best that pay, the first of equals first.
  const promising: { d: Draft; own: number }[] = [];
  for (const d of candidates(withOffers(m), m.me, m.profile, objectiveSectors(m))) {
    if (taken.has(d)) continue;
    const own = worthOwn(m, d);
    if (!(own >= m.profile.threshold)) continue;
    let at = promising.length;
    while (at > 0 && promising[at - 1]!.own < own) at--;
    if (at < 5) promising.splice(at, 0, { d, own });
    if (promising.length > 5) promising.pop();
  }
  // Each is scored by our value, a quarter of it if the other side would still say no after
  // sweetening, and a little noise; the best is proposed. Sweetening gives the other side more,
  // so the sweetened draft pays us no more than the one it came from (nearly always: a larger
  // volume can pay both), and a draft's own value and noise bound its score: drafts are weighed
  // and sweetened best bound first, until no bound left can beat the best score found.
  const noises = promising.map(() => 0.3 * nextRandom(rng));
  const order = promising.map((_, i) => i).sort((i, j) => promising[j]!.own + noises[j]! - (promising[i]!.own + noises[i]!) || i - j);
  let best: { i: number; draft: Draft; score: number } | undefined;
  for (const i of order) {
    if (best && promising[i]!.own + noises[i]! < best.score) break;
    const { draft, own, accepted } = sweetened(m, promising[i]!.d, promising[i]!.own);
    const score = (accepted ? own : own * 0.25) + noises[i]!;
    if (!best || score > best.score || (score === best.score && i < best.i)) best = { i, draft, score };
  }
  if (!best) return null;
  const draft = best.draft;
  const move = { type: "propose" as const, draft };
  if (m.ctx.check(move)) return null;
  const v = valueOwn(m, draft);
  if (v.value < m.profile.threshold) return null;
  // Its first proposal of the round is what it tells the plenary it wants (`speak`), for the reason it proposed it.
  n.proposed ??= { key: JSON.stringify([draft.terms, draft.duration]), value: v };
  return { action: { actor: m.actor, move }, reason: proposedText(draft.terms.type, v) };
}

/** A draft as it would be proposed: sweetened for the side that would say no, or without that side, while it still pays us. */
function sweetened(m: Mind, first: Draft, firstOwn: number): { draft: Draft; own: number; accepted: boolean } {
  let draft = first;
  let own = firstOwn;
  const others = draftParties(draft).filter((p) => p !== m.me && m.w.byId.get(p)?.control === "seat");
  let accepted = others.every((p) => theirValue(m, p, draft) >= 0);
  for (let i = 0; i < 3 && !accepted; i++) {
    const reluctant = others.find((p) => theirValue(m, p, draft) < 0)!;
    const fewer = leaveOut(draft, reluctant);
    const better = mostFor(m, reluctant, [...variants(m.w, draft, reluctant), ...(fewer ? [fewer] : [])]);
    if (!better) break;
    draft = better.draft;
    own = better.own;
    accepted = others.every((p) => theirValue(m, p, draft) >= 0);
  }
  return { draft, own, accepted };
}

/**
 * Of `drafts`, the one `who` values most among those that still pay us (the first of equals),
 * with our value of it. Their values first, ours in their order until one pays: the same draft
 * as valuing ours for all and taking the best of theirs among those that pay, with fewer of ours.
 */
function mostFor(m: Mind, who: string, drafts: Draft[]): { draft: Draft; own: number } | undefined {
  const order = drafts.map((draft, i) => ({ draft, i, theirs: theirValue(m, who, draft) })).sort((a, b) => b.theirs - a.theirs || a.i - b.i);
  for (const { draft } of order) {
    const own = worthOwn(m, draft);
    if (own >= m.profile.threshold) return { draft, own };
  }
  return undefined;
}

function ready(m: Mind): BotDecision | null {
  if (m.ctx.view.ready.includes(m.me)) return null;
  const action = m.ctx.legal.actions.find((x) => x.move.type === "ready" && x.move.ready === true);
  return action ? { action, reason: text("bot.why.ready") } : null;
}

// ---------------------------------------------------------------- talking

const chat = (m: Mind, channel: string, said: Text): BotDecision | null =>
  m.ctx.legal.chatChannels.includes(channel) ? { action: { actor: m.actor, move: { type: "chat", channel, said } } } : null;

/** Answers the oldest question that waits on it, in the channel it was asked in. */
function answerQuestions(m: Mind): BotDecision | null {
  const { countries, messages, channels, round } = m.ctx.view;
  const names = m.options.names;
  const q = questionsFor(messages, channels, m.me, round - 1, countries, names)[0];
  if (!q) return null;
  // What it tells a person it checks against the engine's preview.
  m.exact = true;
  return chat(m, q.channel, replyTo(m, q.from.seat!, parseIntent(q.text)));
}

/** The reply to one question, from the valuation. */
function replyTo(m: Mind, asker: string, intent: Intent): Text {
  const view = m.ctx.view;
  const named = "agreementId" in intent && intent.agreementId ? view.agreements.find((a) => a.id === intent.agreementId) : undefined;
  if ("agreementId" in intent && intent.agreementId && !named) return text("bot.dm.unknown", { id: intent.agreementId });
  switch (intent.kind) {
    case "why": {
      // The deal named, or the latest one with the asker on which this bot said something.
      const a = named ?? [...view.agreements].reverse().find((x) => x.parties.includes(asker) && x.steps.some((s) => s.by === m.me && s.reason));
      if (!a) return text("bot.dm.whyWhich");
      const step = [...a.steps].reverse().find((s) => s.by === m.me && s.reason);
      if (!step) return text("bot.dm.whyNone", { id: a.id });
      return text("bot.dm.why", { id: a.id, reason: typeof step.reason === "string" ? step.reason : step.reason! });
    }
    case "join": {
      if (named) {
        const draft = { ...asDraft(named), parties: named.parties.includes(m.me) ? named.parties : [...named.parties, m.me] };
        if (!draftParties(draft).includes(m.me)) return text("bot.dm.notParty", { id: named.id });
        const v = confirmed(m, draft);
        if (!v) return text("bot.dm.cannot", { id: named.id });
        return v.value >= m.profile.threshold ? text("bot.dm.joinYes", { id: named.id, why: because(v) }) : text("bot.dm.joinNo", { id: named.id, why: because(v, true) });
      }
      return offerTo(m, asker, intent.type);
    }
    case "take": {
      if (named) {
        const draft = asDraft(named);
        if (!draftParties(draft).includes(m.me)) return text("bot.dm.notParty", { id: named.id });
        const w = whatWouldItTakeOf(m, draft);
        if (!w) return text("bot.dm.takeNothing", { id: named.id });
        if (JSON.stringify(w.draft) === JSON.stringify(draft)) return text("bot.dm.takeAsIs", { id: named.id, why: because(w.value) });
        return text("bot.dm.take", { id: named.id, change: changeText(draft, w.draft), why: because(w.value) });
      }
      return offerTo(m, asker, intent.type);
    }
    case "propose":
      return offerTo(m, asker, intent.type);
    case "other":
      return text("bot.dm.help");
  }
}

/** "What would it take?" on a country: the deal with `asker` (of `type`, if named) this bot values most. */
function offerTo(m: Mind, asker: string, type?: string): Text {
  const best = bestDealWith(m, asker, type);
  if (!best) return type ? text("bot.dm.offerNoneType", { type: ref("type", type, true) }) : text("bot.dm.offerNone");
  return text("bot.dm.offer", { deal: describe(best.draft), rounds: best.draft.duration, why: because(best.value) });
}

/** Among the deals this bot might propose, the best one that names `asker`, checked by the engine. */
function bestDealWith(m: Mind, asker: string, type?: string): { draft: Draft; value: Valuation } | null {
  if (asker === m.me) return null;
  // What it would propose to the asker, and what the asker's country needs from it (by its public view).
  const them = country(m.w, asker);
  const theirs = candidates(withOffers(m), asker, profileFor(isPersonality(them.personality) ? them.personality : "pragmatist"), { supply: new Set(), rnd: new Set(), sellSupply: new Set() });
  const pool = [...candidates(withOffers(m), m.me, m.profile, objectiveSectors(m)), ...theirs]
    .filter((d) => (!type || d.terms.type === type) && draftParties(d).includes(asker) && draftParties(d).includes(m.me))
    .map((d) => ({ d, own: worthOwn(m, d) }))
    .filter((x) => x.own >= m.profile.threshold)
    .sort((a, b) => b.own - a.own);
  for (const { d } of pool.slice(0, 3)) {
    if (m.ctx.check({ type: "propose", draft: d })) continue;
    const value = confirmed(m, d);
    if (value && value.value >= m.profile.threshold) return { draft: d, value };
  }
  return null;
}

/**
 * "What would it take?" on a country rather than a deal: the deal with `asker` this bot would
 * sign, as a draft the asker can propose, with the reason; null when it sees none.
 */
export function dealWith(ctx: BotContext, asker: string, options: BotOptions = {}): { draft: Draft; value: number; reason: Text } | null {
  const m = exactMind(ctx, options);
  const best = bestDealWith(m, asker);
  return best ? { draft: best.draft, value: best.value.value, reason: said("worth", best.value) } : null;
}

/**
 * Once a negotiation, in the plenary: what it wants this round (the deal it proposed, by type
 * and partners, not its private terms) and why, in its personality's voice; or that it needs
 * nothing more and answers every offer, with the shared target the table is missing, if any.
 */
function speak(m: Mind, rng: Rng): BotDecision | null {
  const view = m.ctx.view;
  if (view.messages.some((x) => x.channel === "plenary" && x.from.seat === m.me && x.round === view.round)) return null;
  const voice = m.profile.personality;
  const mine = view.agreements.find((a) => a.proposedBy === m.me && a.steps[0]?.round === view.round);
  if (mine) {
    const partners = mine.parties.filter((p) => p !== m.me);
    const sector = (mine.terms as { sector?: string }).sector;
    const args = { type: ref("type", mine.type, true), partners: list(partners.map((p) => ref("country", p))), ...(sector ? { sector: ref("sector", sector, true) } : {}) };
    const key = partners.length ? (sector ? "bot.say.deal.with.in" : "bot.say.deal.with") : sector ? "bot.say.deal.in" : "bot.say.deal";
    const deal = text(key, args);
    // The valuation it proposed the deal for, while its terms are as it proposed them.
    const proposed = notesOf(m, rng).proposed;
    const value = proposed && proposed.key === JSON.stringify([mine.terms, mine.duration]) ? proposed.value : valueOwn(m, asDraft(mine));
    return chat(m, "plenary", text(`bot.say.want.${voice}`, { deal, why: because(value) }));
  }
  return chat(m, "plenary", text(`bot.say.nothing.${voice}`, { table: tableRemark(m) }));
}

/** The first shared target the table misses now, in numbers ("resilience is 38; the table needs 50 or more"), or that it meets them all. */
function tableRemark(m: Mind): Arg {
  for (const t of m.ctx.targets) {
    const c = t.condition;
    if (c.kind !== "table") continue;
    const now = m.ctx.view.table[c.metric];
    if (c.atLeast !== undefined && now < c.atLeast) return text("bot.say.below", { metric: ref("metric", c.metric, true), now: r1(now), target: c.atLeast });
    if (c.atMost !== undefined && now > c.atMost) return text("bot.say.above", { metric: ref("metric", c.metric, true), now: r1(now), target: c.atMost });
  }
  const count = m.ctx.targets.filter((t) => t.condition.kind === "table").length;
  return count ? text("bot.say.onTrack", { count }) : "";
}

