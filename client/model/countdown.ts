/**
 * Time left in the phase. The server sends its own epoch deadline; a laptop's clock may be
 * off by seconds, so the client measures the offset once (from an HTTP Date header) and
 * corrects by it. Pure.
 */
export type Clock = { deadline: number; paused: boolean; remainingMs: number };

/** Milliseconds left, or null when the phase has no timer. `offset` = server time − local time. */
export function remaining(clock: Clock, now: number, offset = 0): number | null {
  if (clock.paused) return clock.remainingMs > 0 ? clock.remainingMs : null;
  if (!clock.deadline) return null;
  return Math.max(0, clock.deadline - (now + offset));
}

/** Server − local, from a Date header (1 s resolution) read between `sent` and `received`. */
export function clockOffset(dateHeader: string | null, sent: number, received: number): number {
  if (!dateHeader) return 0;
  const server = Date.parse(dateHeader);
  if (!Number.isFinite(server)) return 0;
  const offset = server + 500 - (sent + received) / 2;
  return Math.abs(offset) < 1500 ? 0 : offset;
}

/** Whether the countdown should draw attention (last 30 seconds). */
export function urgent(ms: number | null): boolean {
  return ms !== null && ms <= 30_000;
}
