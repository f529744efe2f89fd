/**
 * The short version of `npm run fuzz` (tests/fuzz/fuzz.ts): a few thousand hostile frames of
 * every kind over several connections while honest players play. The server must not crash,
 * must cut the flooding connections off, and must still answer the honest players afterwards.
 * Reply times are the benchmark's business (`npm run fuzz` prints them), not this test's.
 */
import { describe, expect, it } from "vitest";
import { runFuzz } from "../fuzz/fuzz.ts";

describe("fuzzing with hostile frames", () => {
  it("survives 3,000 hostile frames over three connections while two people play", async () => {
    const report = await runFuzz({ frames: 3000, connections: 3, players: 2, baselineSeconds: 0, maxFloodSeconds: 90 });
    expect(report.crashes, report.serverOutput.slice(-3000)).toBe(0);
    expect(report.framesSent).toBe(3000);
    // Cut off, whether or not its close frame ("4429 rate/flood", tests/server/hostile-frames.test.ts) got through.
    expect(report.cutOff, JSON.stringify(report.closes)).toBeGreaterThan(0);
    expect(report.servedAfter).toBe(true);
    expect(report.flood.count).toBeGreaterThan(0);
  }, 180_000);
});
