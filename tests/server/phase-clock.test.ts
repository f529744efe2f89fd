/** The phase's clock as the room keeps it (server/rooms/phase-clock.ts), on a clock the test sets. */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { clockInLog, MOST_LEFT_MS, PhaseClock } from "../../server/rooms/phase-clock.ts";
import type { Action } from "../../shared/engine/actions.ts";

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

describe("the clock a restored game finds in its log", () => {
  const fac = { kind: "facilitator" as const };
  const at = (t: number, move: Action["move"], actor: Action["actor"] = fac) => ({ at: t, action: { actor, move } as Action });
  const advance = (t: number) => at(t, { type: "advance" }, { kind: "system" });
  const chat = (t: number) => at(t, { type: "chat", channel: "plenary", text: "hello" }, { kind: "seat", seat: "US", roles: ["diplomat"] });
  const clock = (t: number, change: "pause" | "resume" | "extend", seconds?: number) => at(t, { type: "log-clock", change, ...(seconds ? { seconds } : {}) });

  it("keeps a running phase's deadline from its start, with the facilitator's extends", () => {
    expect(clockInLog([advance(1_000), clock(10_000, "extend", 300), chat(20_000)], 240_000)).toEqual({ paused: false, deadline: 541_000, leftMs: 521_000 });
  });

  it("keeps what a pause left, with an extend made while paused, and the time paused does not run", () => {
    const log = [advance(1_000), clock(61_000, "pause"), clock(70_000, "extend", 300)];
    expect(clockInLog(log, 240_000)).toEqual({ paused: true, leftMs: 480_000, deadline: 0 });
    // Resumed an hour later: the deadline is the resume's time and what was left.
    expect(clockInLog([...log, clock(3_661_000, "resume")], 240_000)).toEqual({ paused: false, deadline: 4_141_000, leftMs: 480_000 });
  });

  it("gives a phase begun while paused its whole length, and knows nothing before a phase began", () => {
    expect(clockInLog([advance(1_000), clock(2_000, "pause"), advance(5_000), chat(9_000)], 240_000)).toEqual({ paused: true, leftMs: 240_000, deadline: 0 });
    expect(clockInLog([chat(1_000)], 240_000)).toBeNull();
  });
});
