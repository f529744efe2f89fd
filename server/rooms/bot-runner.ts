/**
 * Plays the seats that bots hold, at a human pace: one bot move every `delayMs`, round-robin
 * over bot seats, during negotiation only. A bot that has made its moves says it is ready, so
 * bots never hold up a phase. Their moves go through `room.act` like anyone's, into the log.
 */
import type { Action } from "../../shared/engine/actions.ts";
import { seedFrom } from "../../shared/engine/rng.ts";
import type { GameState } from "../../shared/engine/types.ts";
import { logger } from "../logger.ts";

/** Chooses a seat's next move from what that seat may see; null when it has nothing to do. */
export type BotChooser = (state: GameState, seat: string, rng: { rng: number }) => { action: Action; reason?: string } | null;

type RoomLike = {
  roomId: string;
  game: GameState;
  paused: boolean;
  botSeats(): string[];
  act(action: Action): Promise<{ ok: boolean }>;
  clock: { setInterval(fn: () => void, ms: number): { clear(): void } };
};

const MOVES_PER_PHASE = 4;

export class BotRunner {
  private interval: { clear(): void };
  private moves = new Map<string, number>();
  private next = 0;
  private rng: { rng: number };
  /** A move still being stored: the next one is chosen from the state it leaves. */
  private busy = false;

  constructor(
    private room: RoomLike,
    private choose: BotChooser,
    delayMs: number,
  ) {
    this.rng = { rng: seedFrom(`bots:${room.roomId}:${room.game.version}`) };
    this.interval = room.clock.setInterval(() => this.tick(), Math.max(10, delayMs));
  }

  newPhase() {
    this.moves.clear();
  }

  stop() {
    this.interval.clear();
  }

  private tick() {
    const { game } = this.room;
    if (game.phase !== "negotiation" || this.room.paused || this.busy) return;
    const seats = this.room.botSeats().filter((s) => !game.ready.includes(s));
    if (!seats.length) return;
    const seat = seats[this.next++ % seats.length]!;
    const done = this.moves.get(seat) ?? 0;
    this.moves.set(seat, done + 1);
    let choice: ReturnType<BotChooser> = null;
    if (done < MOVES_PER_PHASE) {
      try {
        choice = this.choose(game, seat, this.rng);
      } catch (err) {
        logger.error({ code: this.room.roomId, seat, err }, "bot failed to choose");
      }
    }
    const action: Action = choice ? { ...choice.action, ...(choice.reason ? { reason: choice.reason.slice(0, 300) } : {}) } : { actor: { kind: "seat", seat, roles: ["diplomat", "regulator", "envoy"] }, move: { type: "ready", ready: true } };
    this.busy = true;
    void this.room
      .act(action)
      .then((result) => (result.ok ? undefined : this.room.act({ actor: { kind: "seat", seat, roles: ["diplomat", "regulator", "envoy"] }, move: { type: "ready", ready: true } })))
      .finally(() => (this.busy = false));
  }
}
