/**
 * What a bot's decision works from and what it keeps (shared/bots/bot.ts ties the decisions
 * together): the `Mind` built once per call (the seat's model world, profile and caches of this
 * decision), the `Memory` bots share while the model's inputs are unchanged (the context's
 * epoch), and a seat's own `Notes` from one move to its next within a negotiation. One home for
 * these, so every decision module reads the same state the same way.
 */
import type { Action, Draft } from "../engine/actions.ts";
import type { Text } from "../engine/text.ts";
import { ROLES, type Personality, type Role } from "../engine/vocabulary.ts";
import type { Objective } from "../scenario/schema.ts";
import type { BotContext } from "./context.ts";
import { addCapitalFlows, capitalPath, country, project, publicFacts, worldOf, type Projection, type PublicFacts, type World } from "./model.ts";
import { isPersonality, profileFor, type Profile, type Strategy } from "./personality.ts";
import { CRISIS_NEAR, outlookOf, tensionPeaks, type CrisisStake, type Outlook, type Valuation, type ValueOptions } from "./value.ts";
import type { TranslatedNames, TranslatedStandards } from "./intents.ts";
import type { Breaking } from "./breaking.ts";

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
  /** The standards races' and their options' names in the scenario's translations: a person may name an option by them ("一体化 6G"; the server passes them). */
  standards?: TranslatedStandards;
};

export type Rng = { rng: number };

/**
 * Everything a decision works from, built once per call. A class, so its lazy outlook is a
 * getter of the class: a getter in an object literal this size makes it a dictionary, slow to
 * read, and a decision reads its fields thousands of times.
 */
export class Mind {
  /**
   * Answering people ("what would it take?", questions in chat): a draft it tells of must be one
   * the engine's preview takes (valuing.ts `confirmed`). Its values are the model's, as in its
   * own moves, so what it says it would sign is what it signs; tests/bots/model.test.ts and
   * tests/bots/valuation.test.ts keep the model in line with the preview, which resolves the
   * round twice and was most of the cost of a bot's move.
   */
  exact = false;
  objectives: Objective[];
  #valueOptions: ValueOptions | undefined;
  #signedOffers: { terms: object; pays: Float64Array }[] | undefined;
  #crisis: CrisisStake | null | undefined;
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
    this.secret = self.secret?.id;
    this.actor = { kind: "seat", seat: me, roles: [...ROLES] };
  }
  /** Its objectives and capital as `worthFor` takes them (one object for the whole decision). */
  get valueOptions(): ValueOptions {
    return (this.#valueOptions ??= this.withCrisis({ objectives: this.objectives, capital: this.capitalWith(this.signedOffers) }));
  }
  /**
   * `valueOptions` for valuing `draft`: when it is one of the offers it has signed (the same
   * terms), its capital without that offer, which would otherwise count twice.
   */
  optionsFor(draft: Pick<Draft, "terms">): ValueOptions {
    const offers = this.signedOffers;
    if (!offers.some((o) => o.terms === draft.terms)) return this.valueOptions;
    return this.withCrisis({ objectives: this.objectives, capital: this.capitalWith(offers.filter((o) => o.terms !== draft.terms)) });
  }
  private withCrisis(opts: ValueOptions): ValueOptions {
    const crisis = this.crisis;
    return crisis ? { ...opts, crisis } : opts;
  }
  /**
   * What a crisis would cost it (value.ts `CrisisStake`, the engine's scores through its context),
   * while one is near: some round's peak with the deals made (value.ts `tensionPeaks`) within
   * twice `CRISIS_NEAR` of the crisis level, room for a deal that adds to it. Undefined otherwise,
   * and then nothing it decides changes (no scoring pass either).
   */
  get crisis(): CrisisStake | undefined {
    if (this.#crisis !== undefined) return this.#crisis ?? undefined;
    this.#crisis = null;
    if (!this.ctx.crisisScore || this.w.left <= 0 || this.ctx.view.crisis) return undefined;
    const peaks = tensionPeaks(this.w, this.o, null);
    let top = this.ctx.view.table.tension;
    for (const p of peaks) top = Math.max(top, p);
    if (top < this.ctx.rules.tension.crisisAt - 2 * CRISIS_NEAR) return undefined;
    const { now, crisis } = this.ctx.crisisScore();
    return (this.#crisis = { now, crisis, cost: Math.max(0, now - crisis) });
  }
  /**
   * The offers it has signed that wait on others, with what each would take from its capital
   * in each round left: those are its word too, and several signed in one negotiation pay
   * together; what they would bring in waits on the others' answer (worked out on first use).
   */
  get signedOffers(): { terms: object; pays: Float64Array }[] {
    if (this.#signedOffers) return this.#signedOffers;
    const offers: { terms: object; pays: Float64Array }[] = [];
    for (const a of this.ctx.view.agreements) {
      if (a.status !== "proposed" || !a.signatures.includes(this.me)) continue;
      const pays = new Float64Array(this.w.left);
      addCapitalFlows(pays, project(this.w, a).flows, this.me, (f) => f.perRound < 0);
      offers.push({ terms: a.terms, pays });
    }
    return (this.#signedOffers = offers);
  }
  /** Its capital after each round left with the deals made (model.ts `capitalPath`) and `offers`. */
  private capitalWith(offers: { pays: Float64Array }[]): Float64Array {
    const path = capitalPath(this.w, this.me);
    if (!offers.length) return path;
    const capital = new Float64Array(path.length);
    let sum = 0;
    for (let k = 0; k < path.length; k++) {
      for (const o of offers) sum += o.pays[k]!;
      capital[k] = path[k]! + sum;
    }
    return capital;
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
  /** What every seat's world reads of the deals all seats see (model.ts `publicFacts`). */
  facts?: PublicFacts;
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
export function exactMind(ctx: BotContext, options: BotOptions = {}): Mind {
  const m = mindOf(ctx, options);
  m.exact = true;
  return m;
}

export function mindOf(ctx: BotContext, options: BotOptions = {}): Mind {
  const me = ctx.seat;
  const memory = memoryOf(ctx);
  let w = memory.worlds.get(me);
  if (!w) memory.worlds.set(me, (w = worldOf(ctx.view, ctx, (memory.facts ??= publicFacts(ctx.view)))));
  const self = country(w, me);
  const personality = options.personality ?? (isPersonality(self.personality) ? self.personality : "pragmatist");
  const profile = options.profile ?? profileFor(personality, options.strategy);
  return new Mind(ctx, me, profile, w, options, memory);
}


/**
 * The same seat's mind as if the deals `ids` were not on the table (its signature on them not
 * given): how it would value a draft but for them, to tell a person truthfully why terms it
 * suggested no longer pay (answers.ts `sinceSigned`). Its model only: no preview, memory of its own.
 */
export function mindWithout(m: Mind, ids: ReadonlySet<string>): Mind {
  const ctx = m.ctx;
  const view = { ...ctx.view, agreements: ctx.view.agreements.filter((a) => !ids.has(a.id)) };
  const without: BotContext = {
    seat: ctx.seat, view, rules: ctx.rules, targets: ctx.targets, ...(ctx.rival ? { rival: ctx.rival } : {}),
    preview: (s) => ctx.preview(s), check: (move) => ctx.check(move), checkProposal: (d, seat) => ctx.checkProposal(d, seat),
    get legal() { return ctx.legal; }, get proposeTypes() { return ctx.proposeTypes; },
    epoch: {},
    ...(ctx.crisisScore ? { crisisScore: () => ctx.crisisScore!() } : {}),
  };
  return mindOf(without, m.options);
}


/**
 * What a seat keeps from one of its moves to its next within a negotiation (unlike `Memory`,
 * its own behaviour, not a cache of a pure function): which deal, if any, it would leave; and, for the rest of the game,
 * why it left the offers it took itself out of (`left`). Kept with the seat's random stream,
 * the one object a game keeps for a seat between its moves (game-loop.ts `Turns.rng`); a
 * caller that passes a new stream each time keeps nothing.
 */
export type Notes = {
  round: number;
  profile: Profile;
  breaking?: Breaking | null;
  done?: boolean;
  /**
   * By offer id, the terms (`termsOf`) of the revisions it answered with a counter-offer and of
   * its counters: one side or the other refused each, so it never counters back to any of them
   * (answers.ts: a price it asked before, a length the other side turned down), and a haggle
   * meets in the middle, ends in terms both sign, or in a decline.
   */
  countered?: Map<string, Set<string>>;
  /**
   * By offer id, its latest counter-offer: countered back, it never asks more of the other side
   * than that (answers.ts), so a haggle never sees its price rise.
   */
  lastCounter?: Map<string, Draft>;
  /**
   * By offer id, the reason it gave for taking itself out of it (answers.ts `leave`): only an
   * offer's parties see it, so once out it no longer does, and answers "why?" on it from here,
   * to those parties (`parties`: the offer's parties when it left, itself among them). Kept
   * from round to round, as a person remembers why they walked away; the latest `LEFT_KEPT`.
   */
  left?: Map<string, Left>;
  /**
   * The drafts it proposed this negotiation (`draftKey`): each was answered, so it does not
   * put the same terms to the same parties again (a regime the others stayed out of would
   * otherwise come back unchanged, and be left again, move after move). By the draft's type,
   * length and number of listed parties (proposing.ts `shapeOf`), then its key.
   */
  proposedDrafts?: Map<string, Set<string>>;
};
const notes = new WeakMap<Rng, Notes>();

/** A draft's terms one by one, its length among them: "price=0.4", "duration=3". */
export function termsOf(d: Pick<Draft, "terms" | "duration">): string[] {
  const out = [`duration=${d.duration}`];
  for (const [k, v] of Object.entries(d.terms)) out.push(`${k}=${JSON.stringify(v)}`);
  return out;
}

export function notesOf(m: Mind, rng: Rng): Notes {
  let n = notes.get(rng);
  if (!n || n.round !== m.ctx.view.round || n.profile !== m.profile) {
    const left = n?.left;
    notes.set(rng, (n = { round: m.ctx.view.round, profile: m.profile, ...(left ? { left } : {}) }));
  }
  return n;
}

/** An offer it took itself out of: why, who stayed in, its type and sector (to find it by them: "why did you decline our export control?") and the round it left (the latest, for "why did you decline?"). */
export type Left = { reason: Text; parties: string[]; type?: string; sector?: string; round?: number };
/** Offers a seat remembers leaving: a game has few, and a bound keeps a long one's memory small. */
const LEFT_KEPT = 32;

/** It took itself out of offer `id` (answers.ts), for `reason`: remembered for the rest of the game. */
export function noteLeft(m: Mind, rng: Rng, id: string, left: Left) {
  const kept = (notesOf(m, rng).left ??= new Map());
  kept.delete(id);
  kept.set(id, left);
  if (kept.size > LEFT_KEPT) kept.delete(kept.keys().next().value!);
}
