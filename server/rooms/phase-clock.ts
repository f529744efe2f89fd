/**
 * The phase clock of one game: when the current phase ends, pausing, resuming and extending.
 * It writes the clock's public fields (`deadline`, `remainingMs`, `paused`) into the room
 * state and calls `onExpire` when the time is up; the room turns that into the system's
 * `advance` action, so time enters the rules only as actions (docs/PROTOCOL.md, "Time").
 */
import type { Action } from "../../shared/engine/actions.ts";
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

  /**
   * A new phase of `seconds` (0: untimed), or one restored with `leftMs` left; while paused it
   * only waits, with that time left.
   */
  start(seconds: number, leftMs = seconds * 1000) {
    this.stop();
    if (!seconds) {
      this.fields.deadline = 0;
      this.fields.remainingMs = 0;
      return;
    }
    if (this.fields.paused) {
      this.fields.remainingMs = leftMs;
      return;
    }
    this.schedule(leftMs);
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

/**
 * The least a phase restored after a restart has left (or its whole length, if shorter): time
 * for people to come back before a clock that ran out while the server was down ends it.
 */
export const LEAST_LEFT_AFTER_RESTART_MS = 60_000;

/**
 * The current phase's clock as its log left it, for a game restored from it: whether it is
 * paused, and the time left at its last clock record (what the phase's `phaseMs` from its start,
 * the facilitator's extends and pauses leave), or the wall-clock `deadline` when it ran. Null
 * when the log has no phase start (a lobby).
 */
export function clockInLog(entries: readonly { action: Action; at: number }[], phaseMs: number): { paused: boolean; leftMs: number; deadline: number } | null {
  let from = -1;
  for (let i = entries.length - 1; i >= 0 && from < 0; i--) if (["start", "advance"].includes(entries[i]!.action.move.type)) from = i;
  if (from < 0) return null;
  // Paused from before the phase began (a pause carries over the facilitator's advance): its whole length waits.
  let paused = pausedInLog(entries.slice(0, from));
  let left = phaseMs;
  let deadline = entries[from]!.at + phaseMs;
  for (let i = from + 1; i < entries.length; i++) {
    const { action, at } = entries[i]!;
    const m = action.move;
    if (m.type !== "log-clock") continue;
    if (m.change === "pause" && !paused) [paused, left] = [true, Math.max(0, deadline - at)];
    else if (m.change === "resume" && paused) [paused, deadline] = [false, at + left];
    else if (m.change === "extend" && m.seconds) {
      if (paused) left += m.seconds * 1000;
      else deadline += m.seconds * 1000;
    }
  }
  return paused ? { paused, leftMs: left, deadline: 0 } : { paused, leftMs: Math.max(0, deadline - entries.at(-1)!.at), deadline };
}

/** Whether the log's last clock record (the facilitator's pause or resume, once under way) is a pause. */
export function pausedInLog(entries: readonly { action: Action }[]): boolean {
  for (let i = entries.length - 1; i >= 0; i--) {
    const move = entries[i]!.action.move;
    if (move.type === "log-clock" && move.change !== "extend") return move.change === "pause";
  }
  return false;
}
