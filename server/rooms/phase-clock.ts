/**
 * The phase clock of one game: when the current phase ends, pausing, resuming and extending.
 * It writes the clock's public fields (`deadline`, `remainingMs`, `paused`) into the room
 * state and calls `onExpire` when the time is up; the room turns that into the system's
 * `advance` action, so time enters the rules only as actions (docs/PROTOCOL.md, "Time").
 */
import { NEGOTIATION_SECONDS } from "../../shared/protocol/messages.ts";

type ClockFields = { deadline: number; remainingMs: number; paused: boolean };

/**
 * The most time an extended phase may have left: the longest phase a game may be set to (a two
 * hour negotiation). The facilitator's "+5 min" pressed again and again stops there, rather
 * than pushing a table's clock out by days.
 */
export const MOST_LEFT_MS = NEGOTIATION_SECONDS.max * 1000;
type Timer = { clear(): void };

export class PhaseClock {
  private timer: Timer | undefined;

  constructor(
    private fields: ClockFields,
    private setTimer: (fn: () => void, ms: number) => Timer,
    private onExpire: () => void,
  ) {}

  /** A clock is ticking (not paused, and the phase has a length). */
  get running(): boolean {
    return !!this.timer;
  }

  /** A new phase of `seconds` (0: untimed); while paused it only waits, with the full length left. */
  start(seconds: number) {
    this.stop();
    if (!seconds) {
      this.fields.deadline = 0;
      this.fields.remainingMs = 0;
      return;
    }
    if (this.fields.paused) {
      this.fields.remainingMs = seconds * 1000;
      return;
    }
    this.schedule(seconds * 1000);
  }

  pause() {
    const left = this.fields.deadline ? Math.max(0, this.fields.deadline - Date.now()) : 0;
    this.stop();
    this.fields.paused = true;
    this.fields.remainingMs = left;
    this.fields.deadline = 0;
  }

  resume() {
    this.fields.paused = false;
    if (this.fields.remainingMs > 0) this.schedule(this.fields.remainingMs);
  }

  /**
   * Adds up to `ms` in whole seconds, never past MOST_LEFT_MS left; returns the time added (the
   * news says it in seconds, and a refusal says none was added: not a part of a second either).
   */
  extend(ms: number): number {
    const left = this.fields.paused ? this.fields.remainingMs : Math.max(0, this.fields.deadline - Date.now());
    const added = Math.max(0, Math.floor(Math.min(ms, MOST_LEFT_MS - left) / 1000) * 1000);
    if (this.fields.paused) this.fields.remainingMs += added;
    else this.schedule(left + added);
    return added;
  }

  stop() {
    this.timer?.clear();
    this.timer = undefined;
  }

  private schedule(ms: number) {
    this.timer?.clear();
    this.fields.deadline = Date.now() + ms;
    this.fields.remainingMs = ms;
    this.timer = this.setTimer(() => {
      this.timer = undefined;
      this.onExpire();
    }, ms);
  }
}
