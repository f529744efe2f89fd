/** The phase's clock as the room keeps it (server/rooms/phase-clock.ts), on a clock the test sets. */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { MOST_LEFT_MS, PhaseClock } from "../../server/rooms/phase-clock.ts";

beforeEach(() => vi.useFakeTimers({ now: 1_000_000 }));
afterEach(() => vi.useRealTimers());

const clockOf = () => {
  const fields = { deadline: 0, remainingMs: 0, paused: false };
  const clock = new PhaseClock(fields, (fn, ms) => {
    const t = setTimeout(fn, ms);
    return { clear: () => clearTimeout(t) };
  }, () => {});
  return { fields, clock };
};

describe("a facilitator's extend", () => {
  it("adds whole seconds up to the most a phase may have left, and nothing, not a part of a second, once less than a second fits", () => {
    const { fields, clock } = clockOf();
    clock.start(MOST_LEFT_MS / 1000 - 60);
    vi.advanceTimersByTime(30_500);
    // 90.5 s fit: 90 s are added.
    expect(clock.extend(300_000)).toBe(90_000);
    expect(fields.deadline - Date.now()).toBe(MOST_LEFT_MS - 500);
    const deadline = fields.deadline;
    // Half a second fits: none is added, and the clock is as it was.
    expect(clock.extend(60_000)).toBe(0);
    expect(fields.deadline).toBe(deadline);
  });
});
