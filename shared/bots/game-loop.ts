/**
 * The one game loop. Its turn rules are the same wherever machines play seats: in the balance
 * lab, in the tests and in live games, where the server's bot runner (server/rooms/bot-runner.ts)
 * asks `Turns` for the next move and adds only timing.
 *
 * In each negotiation the seats take turns in a seeded order, shuffled every negotiation. On
 * its turn a seat makes one move or passes. A seat is done when it has said it is ready and no
 * offer waits on it: an offer naming it that it has not answered brings it back, however late
 * it comes, and it answers it (the room holds the negotiation open meanwhile). Other moves
 * (proposals, withdrawals) are rationed to `movesPerSeat` a negotiation; answers (sign,
 * decline, a counter to an offer naming it) only by a wide cap of every move a seat makes,
 * past which it still signs, declines or stays out of what waits on it and replies to questions, without
 * counter-offers (the ping-pong the cap ends), so nothing put to it goes unanswered. Every seat has its own seeded random stream, so changing one
 * seat's behaviour leaves the others' draws untouched (the balance lab replays a game with one
 * bot keeping its word to measure what breaking it paid).
 */
import type { Action } from "../engine/actions.ts";
import { apply } from "../engine/apply.ts";
import { partiesOf } from "../engine/agreements/index.ts";
import { seedFrom, shuffle } from "../engine/rng.ts";
import { createGame, seatIds } from "../engine/setup.ts";
import type { GameState, Setup } from "../engine/types.ts";
import type { Text } from "../engine/text.ts";
import { ROLES } from "../engine/vocabulary.ts";
import { agreementById, waitsOn } from "../engine/world.ts";
import { botChooser, type BotOptions } from "./bot.ts";
import { randomSeatAction } from "./random-bot.ts";
import { questionsFor, type TranslatedNames } from "./intents.ts";

type Rng = { rng: number };

/**
 * What the turn rules allow a seat this turn: `counters: false`, answer without counter-offers
 * (past the cap on its moves). `questionsFirst`: a person's question waits on the seat from
 * before any offer to it did (the server's bot runner knows when each arrived): it is answered
 * first, offers after.
 */
export type TurnLimits = { counters: boolean; questionsFirst?: boolean };
/** Chooses a seat's next move from the state; null when it has nothing (more) to do. */
export type SeatChooser = (state: GameState, seat: string, rng: Rng, limits?: TurnLimits) => { action: Action; reason?: Text } | null;

/** Moves other than answers a seat makes in one negotiation, by default. */
const MOVES_PER_SEAT = 10;
/** Every move a seat makes in one negotiation, answers included, is at most this many times `movesPerSeat` (ends ping-pong between random players); past it, answers without counter-offers. */
const ANSWERS_FACTOR = 3;
const NO_COUNTERS: TurnLimits = { counters: false };

/**
 * Something waits on `seat`: an offer that names it and that it has neither signed nor
 * declined, or a question a person asked it in chat (shared/bots/intents.ts) that it has not
 * answered.
 */
export function waitingOn(state: GameState, seat: string, translated: TranslatedNames = {}): boolean {
  if (state.agreements.some((a) => waitsOn(a, seat))) return true;
  return questions(state, seat, translated).length > 0;
}

/** The questions in chat that wait on `seat` (shared/bots/intents.ts); `translated`: the countries' names in the scenario's translations. */
export function questions(state: GameState, seat: string, translated: TranslatedNames = {}) {
  return questionsFor(state.messages, state.channels, seat, state.round - 1, state.scenario.countries, translated, state.agreements);
}

/** What a seat could react to: the open offers that name it, at their revisions and signatures, and questions to it. */
function inbox(state: GameState, seat: string, translated: TranslatedNames): string {
  let key = "";
  for (const a of state.agreements) if (a.status === "proposed" && a.parties.includes(seat)) key += `${a.id}.${a.revision}.${a.signatures.length};`;
  for (const m of questions(state, seat, translated)) key += `m${m.id};`;
  return key;
}

/** Does this move answer an offer that names the seat (not rationed)? */
function isAnswer(state: GameState, seat: string, action: Action, translated: TranslatedNames): boolean {
  const m = action.move;
  if (m.type === "chat") return questions(state, seat, translated).some((q) => q.channel === m.channel);
  if (m.type !== "sign" && m.type !== "decline" && m.type !== "amend") return false;
  const a = agreementById(state, m.agreementId);
  return !!a && a.status === "proposed" && a.parties.includes(seat);
}

/** A counter-offer: an amendment that keeps the seat in the deal (one that takes it out is its last word on it). */
const isCounter = (action: Action, seat: string) => action.move.type === "amend" && partiesOf(action.move.draft).includes(seat);

/** A seat's move, with the reason a bot gives for it (catalog text; the random player gives none). */
export type Turn = { seat: string; action: Action; reason?: Text };

/** The turn rules of a game's negotiations (one instance a game). */
export class Turns {
  private order: string[] = [];
  private cursor = 0;
  private idle = new Map<string, string>();
  private moves = new Map<string, { all: number; own: number }>();
  /** The last turn given, counted; `refused` takes it back. */
  private last?: { seat: string; own: boolean };
  private readonly rngs = new Map<string, Rng>();
  private readonly orderRng: Rng;

  constructor(
    private seed: string,
    private seats: string[],
    private movesPerSeat = MOVES_PER_SEAT,
    /** The countries' names in the scenario's translations: a question in the plenary may name a seat by them. */
    private translated: TranslatedNames = {},
  ) {
    this.orderRng = { rng: seedFrom(`order:${seed}`) };
    this.newPhase();
  }

  /** A seat's own random stream. */
  rng(seat: string): Rng {
    let r = this.rngs.get(seat);
    if (!r) this.rngs.set(seat, (r = { rng: seedFrom(`bot:${this.seed}:${seat}`) }));
    return r;
  }

  /** Call when a negotiation begins: a new order, everyone's moves counted from zero. */
  newPhase() {
    this.order = shuffle(this.orderRng, this.seats);
    this.cursor = 0;
    this.idle.clear();
    this.moves.clear();
    this.last = undefined;
  }

  /** Has this seat said it is ready, with nothing waiting on it? */
  done(state: GameState, seat: string): boolean {
    return state.ready.includes(seat) && !waitingOn(state, seat, this.translated);
  }

  /**
   * The next move, in turn order, of one of `seats` (the seats machines play now; others are
   * skipped), or null when every one of them is done. `choose` decides for a seat. With
   * `answersOnly` (every person at a live table is done) a seat only answers what waits on it
   * and says it is ready instead of starting anything new. Call `refused` when the engine
   * refuses the move returned.
   */
  next(state: GameState, seats: readonly string[], choose: (seat: string) => SeatChooser, answersOnly = false): Turn | null {
    if (state.phase !== "negotiation") return null;
    for (let i = 0; i < this.order.length; i++) {
      const seat = this.order[(this.cursor + i) % this.order.length]!;
      if (!seats.includes(seat)) continue;
      // A seat that said it is ready stays ready until something new waits on it (after a
      // restart too, when the move counts start again from zero).
      if (this.done(state, seat)) continue;
      const box = inbox(state, seat, this.translated);
      if (this.idle.get(seat) === box) continue;
      const turn = this.decide(state, seat, choose(seat), answersOnly);
      if (!turn) {
        this.idle.set(seat, box);
        continue;
      }
      // It moved: what it had nothing to do about before no longer says it is done.
      this.idle.delete(seat);
      this.cursor = (this.cursor + i + 1) % this.order.length;
      const count = this.moves.get(seat) ?? { all: 0, own: 0 };
      const own = !isAnswer(state, seat, turn.action, this.translated) && turn.action.move.type !== "ready";
      count.all++;
      if (own) count.own++;
      this.moves.set(seat, count);
      this.last = { seat, own };
      return turn;
    }
    return null;
  }

  /**
   * The game refused a seat's move (the engine, or the server's store): it sits out until
   * something it could react to changes, and the move does not count against its limits: a
   * line that never reached the chat must not use up the moves it has left for the phase.
   */
  refused(state: GameState, seat: string) {
    this.idle.set(seat, inbox(state, seat, this.translated));
    const count = this.moves.get(seat);
    if (count && this.last?.seat === seat) {
      count.all--;
      if (this.last.own) count.own--;
    }
    this.last = undefined;
  }

  private decide(state: GameState, seat: string, choose: SeatChooser, answersOnly: boolean): Turn | null {
    const count = this.moves.get(seat) ?? { all: 0, own: 0 };
    const actor = { kind: "seat" as const, seat, roles: [...ROLES] };
    const ready = state.ready.includes(seat);
    // Nothing (more) it may do: it says it is ready, once.
    const done = (): Turn | null => (ready ? null : { seat, action: { actor, move: { type: "ready", ready: true } } });
    // Past the wide cap a seat only answers, and never with a counter-offer (a new revision to
    // answer, the ping-pong the cap ends): it signs or declines what waits on it and replies to
    // a person's question, so nothing offered or asked is left unanswered.
    const capped = count.all >= this.movesPerSeat * ANSWERS_FACTOR;
    if (capped && !waitingOn(state, seat, this.translated)) return done();
    const choice = choose(state, seat, this.rng(seat), capped ? NO_COUNTERS : undefined);
    if (!choice) return done();
    if (choice.action.move.type === "ready" && ready) return null;
    const answer = isAnswer(state, seat, choice.action, this.translated);
    if (capped && (isCounter(choice.action, seat) || !answer)) return done();
    if (!answer && choice.action.move.type !== "ready" && (answersOnly || count.own >= this.movesPerSeat)) return done();
    return { seat, action: choice.action, ...(choice.reason ? { reason: choice.reason } : {}) };
  }
}

// ---------------------------------------------------------------- games without people

export type SeatPlayer = { kind: "bot"; options?: BotOptions } | { kind: "random" };
/** A move a seat made, with its reason; a bot's line in chat is its own reason (`said`: the sentence it wrote). */
export type Decision = { round: number; seat: string; move: Action["move"]["type"]; reason?: Text; said?: Text };
export type PlayedGame = {
  state: GameState;
  log: Action[];
  decisions: Decision[];
  /** Moves the engine refused (the random player's guesses can be refused; a bot's never should). */
  refused: number;
  /** Of those, moves chosen by a negotiating bot. */
  botRefused: number;
};

export type PlayOptions = {
  /** Moves other than answers a seat makes in one negotiation. */
  movesPerSeat?: number;
  /** Keep every decision's reason (for the debrief and tests); off for speed. */
  reasons?: boolean;
  /** Who plays a seat not in `players` (a negotiating bot by default). */
  others?: SeatPlayer;
};

const chooserOf = (player: SeatPlayer): SeatChooser =>
  player.kind === "random" ? (state, seat, rng) => {
    const action = randomSeatAction(state, seat, rng);
    return action ? { action } : null;
  } : (state, seat, rng, limits) => botChooser(state, seat, rng, player.options, limits);

/** Plays a whole game with machines in every seat: the clock advances phases once every seat is done. */
export function playGame(setup: Setup, players: Record<string, SeatPlayer>, options: PlayOptions = {}): PlayedGame {
  let state = createGame(setup);
  const log: Action[] = [];
  const decisions: Decision[] = [];
  let refused = 0;
  let botRefused = 0;
  const seats = seatIds(state);
  const others = options.others ?? { kind: "bot" };
  const choosers = new Map(seats.map((s) => [s, chooserOf(players[s] ?? others)]));
  const step = (action: Action): boolean => {
    const result = apply(state, action);
    if (!result.ok) {
      refused++;
      return false;
    }
    state = result.state;
    log.push(action);
    return true;
  };
  step({ actor: { kind: "facilitator" }, move: { type: "start" } });
  const turns = new Turns(String(setup.settings.seed), seats, options.movesPerSeat);
  const choose = (seat: string) => choosers.get(seat)!;
  while (state.phase !== "ended") {
    if (state.phase === "negotiation") {
      turns.newPhase();
      for (let turn = turns.next(state, seats, choose); turn; turn = turns.next(state, seats, choose)) {
        const before = state;
        // The reason goes with the move, as on the server: it is on the deal's history, and a bot quotes it when asked why.
        if (step(turn.reason ? { ...turn.action, reason: turn.reason } : turn.action)) {
          if (options.reasons) {
            const move = turn.action.move;
            decisions.push({ round: state.round, seat: turn.seat, move: move.type, ...(turn.reason ? { reason: turn.reason } : {}), ...(move.type === "chat" && move.said ? { said: move.said } : {}) });
          }
        } else {
          if ((players[turn.seat] ?? others).kind === "bot") botRefused++;
          turns.refused(before, turn.seat);
        }
      }
    }
    step({ actor: { kind: "system" }, move: { type: "advance" } });
  }
  return { state, log, decisions, refused, botRefused };
}

