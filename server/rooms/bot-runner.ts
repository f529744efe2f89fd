/**
 * Plays the seats that bots hold by the one game loop's turn rules (shared/bots/game-loop.ts),
 * adding only timing: one bot move every `delayMs`, and no answer to an offer or a question in
 * chat sooner than a person would give one (`minReplyMs` after it arrived), unless the phase is
 * about to end. A bot a person waits on (an offer a person made, a question) moves before the
 * others' turns come round. A bot is done only when nothing waits on it, so an offer made late in the phase
 * is still answered before the phase ends; once every person is ready, bots only answer. Moves
 * go through the room's one queue of actions like anyone's, into the log, and are chosen when
 * their turn in it comes.
 */
import type { Action } from "../../shared/engine/actions.ts";
import { amends } from "../../shared/engine/agreements/index.ts";
import { seatIds } from "../../shared/engine/setup.ts";
import type { Agreement, GameState, Message } from "../../shared/engine/types.ts";
import { ROLES } from "../../shared/engine/vocabulary.ts";
import { waitsOn } from "../../shared/engine/world.ts";
import { questions, Turns, waitingOn, type SeatChooser, type Turn } from "../../shared/bots/game-loop.ts";
import type { TranslatedNames } from "../../shared/bots/intents.ts";
import { logger } from "../logger.ts";

export type BotChooser = SeatChooser;

type RoomLike = {
  roomId: string;
  game: GameState;
  paused: boolean;
  state: { deadline: number };
  botSeats(): string[];
  /** Every person at the table has said they are ready (false at a table with nobody on it). */
  peopleReady(): boolean;
  act(action: Action): Promise<{ ok: boolean }>;
  /** Queue a move chosen when its turn comes (see GameRoom.actWhenDue); null: none was. */
  actWhenDue(choose: () => Action | null): Promise<{ ok: boolean } | null>;
  clock: { setInterval(fn: () => void, ms: number): { clear(): void }; setTimeout?(fn: () => void, ms: number): unknown };
};

export class BotRunner {
  private interval: { clear(): void };
  private turns: Turns;
  /** When each offer revision naming a bot was first seen (ms). */
  private arrived = new Map<string, number>();
  private minReplyMs: number;
  /** A move still being stored: the next one is chosen from the state it leaves. */
  private busy = false;

  constructor(
    private room: RoomLike,
    private choose: BotChooser,
    private delayMs: number,
    /** The countries' names in the scenario's translations: a question in the plenary may name a bot by them. */
    private translated: TranslatedNames = {},
  ) {
    this.delayMs = Math.max(10, delayMs);
    this.minReplyMs = 2 * this.delayMs;
    this.turns = new Turns(`bots:${room.roomId}`, seatIds(room.game), undefined, translated);
    this.interval = room.clock.setInterval(() => this.tick(), this.delayMs);
  }

  newPhase() {
    this.turns.newPhase();
    this.arrived.clear();
  }

  /**
   * The game changed (GameRoom.afterChange): an offer or a question that now waits on a bot is
   * timed from this moment, and a move is due the moment its reply time is up. Timed from the
   * next tick instead, and answered at the tick after the reply time, an answer came up to two
   * ticks (5 s) later than the designed pause.
   */
  changed() {
    const { game } = this.room;
    if (game.phase !== "negotiation") return;
    const now = Date.now();
    let fresh = false;
    const note = (key: string) => {
      if (this.arrived.has(key)) return;
      this.arrived.set(key, now);
      fresh = true;
    };
    for (const a of game.agreements) if (a.status === "proposed") note(`${a.id}.${a.revision}`);
    for (const seat of this.room.botSeats()) for (const m of questions(game, seat, this.translated)) note(`m${m.id}`);
    if (fresh) this.room.clock.setTimeout?.(() => this.tick(), this.minReplyMs);
  }

  /** Does an offer wait on this bot seat (it will answer before the phase ends)? */
  waitingOn(seat: string): boolean {
    return waitingOn(this.room.game, seat, this.translated);
  }

  stop() {
    this.interval.clear();
  }

  /**
   * Bot seats that may move now: one whose every waiting offer or question (`asked`, by seat) is
   * younger than a person's reply time sits this tick out. One with something that has waited
   * that long moves, however fresh the rest: a new offer from another bot no longer holds back
   * its answer to a person's question asked before it.
   */
  private eligible(game: GameState, now: number, seats: string[], asked: Map<string, readonly Message[]>): string[] {
    const deadline = this.room.state.deadline;
    const hurry = deadline > 0 && deadline - now < this.minReplyMs + 4 * this.delayMs;
    if (hurry) return seats;
    const fresh = new Set<string>();
    const ripe = new Set<string>();
    const waited = (key: string) => {
      let at = this.arrived.get(key);
      if (at === undefined) this.arrived.set(key, (at = now));
      return now - at >= this.minReplyMs;
    };
    for (const a of game.agreements) {
      if (a.status !== "proposed") continue;
      const set = waited(`${a.id}.${a.revision}`) ? ripe : fresh;
      for (const p of a.parties) if (!a.signatures.includes(p)) set.add(p);
    }
    // A question in chat gets the same pause before its answer.
    for (const seat of seats) for (const m of asked.get(seat)!) (waited(`m${m.id}`) ? ripe : fresh).add(seat);
    return seats.filter((s) => !fresh.has(s) || ripe.has(s));
  }

  private tick() {
    if (this.room.game.phase !== "negotiation" || this.room.paused || this.busy) return;
    this.busy = true;
    // The move is chosen when its turn in the room's queue comes, so an action already
    // waiting there (a person saying they are ready) is part of the state it is chosen from.
    let turn: Turn | null = null;
    let again = false;
    void this.room
      .actWhenDue(() => {
        turn = this.nextTurn();
        return turn && (turn.reason ? { ...turn.action, reason: turn.reason } : turn.action);
      })
      .then((result) => {
        if (!turn || !result) return;
        // Saying it is done is nothing a person reads or answers: the next bot moves at once
        // rather than a delay later (a lone player who is done waited half a minute at a table
        // of twelve bots, one "done" every delay).
        if (result.ok) {
          again = turn.action.move.type === "ready";
          return;
        }
        const { game } = this.room;
        this.turns.refused(game, turn.seat);
        if (!game.ready.includes(turn.seat)) return this.room.act({ actor: { kind: "seat", seat: turn.seat, roles: [...ROLES] }, move: { type: "ready", ready: true } });
      })
      .finally(() => {
        this.busy = false;
        if (again) this.tick();
      });
  }

  private nextTurn(): Turn | null {
    const { game } = this.room;
    if (game.phase !== "negotiation" || this.room.paused) return null;
    const bots = this.room.botSeats();
    const asked = new Map(bots.map((seat) => [seat, questions(game, seat, this.translated)]));
    const seats = this.eligible(game, Date.now(), bots, asked);
    if (!seats.length) return null;
    const first = this.askedFirst(game, asked, bots);
    const chooser: SeatChooser = (state, seat, rng, limits) => {
      try {
        return this.choose(state, seat, rng, first.has(seat) ? { counters: limits?.counters ?? true, questionsFirst: true } : limits);
      } catch (err) {
        logger.error({ code: this.room.roomId, seat, err }, "bot failed to choose");
        return null;
      }
    };
    // Once every person is done, bots wrap up: they answer what waits on them and start
    // nothing new, so people are not kept waiting on talks among bots.
    const wrapUp = this.room.peopleReady();
    // A person waiting on a bot goes first: at a table of eleven bots, waiting for its turn in
    // the order took a minute or more (bots answer before they start anything of their own).
    const answering = this.waitedOnByPeople(game, seats, bots, asked);
    return (answering.length && this.turns.next(game, answering, () => chooser, wrapUp)) || this.turns.next(game, seats, () => chooser, wrapUp);
  }

  /**
   * Bot seats whose oldest question arrived before every offer from a person waiting on them:
   * they answer it first. Answering offers first, a person's question waited a tick (2.5 s) for
   * each offer another bot made, before or after it: at a negotiation's start, behind every bot's
   * opening proposal to it (13–23 s). A person's offer from before the question is still answered
   * first, so "why did you decline A5?" comes after the decline; bots' offers after the answer,
   * within the phase as ever (a seat is done only when nothing waits on it).
   */
  private askedFirst(game: GameState, asked: Map<string, readonly Message[]>, bots: readonly string[]): Set<string> {
    const first = new Set<string>();
    for (const [seat, questions] of asked) {
      const q = Math.min(...questions.map((m) => this.arrived.get(`m${m.id}`) ?? Infinity));
      const offers = game.agreements.filter((a) => waitsOn(a, seat) && !bots.includes(offeredBy(a)));
      if (q < Math.min(...offers.map((a) => this.arrived.get(`${a.id}.${a.revision}`) ?? Infinity))) first.add(seat);
    }
    return first;
  }

  /** Of `seats`, those a person waits on: an offer a person made or revised that names it, or a question. */
  private waitedOnByPeople(game: GameState, seats: readonly string[], bots: readonly string[], asked: Map<string, readonly Message[]>): string[] {
    const waited = new Set<string>();
    for (const a of game.agreements) {
      if (a.status !== "proposed") continue;
      if (bots.includes(offeredBy(a))) continue;
      for (const p of a.parties) if (!a.signatures.includes(p)) waited.add(p);
    }
    return seats.filter((s) => waited.has(s) || asked.get(s)!.length > 0);
  }
}

/** Who put an offer's current terms: its proposer, or whoever last amended it. */
const offeredBy = (a: Agreement): string => a.steps.findLast((s) => s.what === "proposed" || amends(s))?.by ?? a.proposedBy;
