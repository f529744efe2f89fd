/**
 * What-if forks through the store (no server): for every round N of a finished game, the
 * fork's stored log replays to exactly the original's state at the start of round N, with the
 * same scenario, seed, settings and key, the same bots in the same seats and new rejoin codes.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { analyze, setupOf } from "../../server/debrief/analysis.ts";
import { createFork } from "../../server/debrief/fork.ts";
import { SqliteStore } from "../../server/storage/sqlite-store.ts";
import type { GameRecord } from "../../server/storage/store.ts";
import type { Analysis } from "../../server/debrief/analysis.ts";
import { replay } from "../../shared/engine/index.ts";
import { scriptedGame, storeGame } from "./fixtures.ts";

describe("a fork at round N", () => {
  const g = scriptedGame();
  const store = new SqliteStore(":memory:");
  let record: GameRecord;
  let analysis: Analysis;
  beforeAll(async () => {
    await storeGame(store, "ACDEFG", g, "ab".repeat(32));
    await store.saveSeat("ACDEFG", { seat: "US", rejoinCode: "QQQQQQ", bot: false });
    await store.saveSeat("ACDEFG", { seat: "CN", rejoinCode: "RRRRRR", bot: true });
    record = (await store.getGame("ACDEFG"))!;
    analysis = analyze(setupOf(record), await store.actionLog("ACDEFG"));
  });

  it.each([1, 2, 3, 4])("round %i: the fork's state equals the original's at the start of that round", async (round) => {
    const made = await createFork(store, record, analysis, round, 1_900_000_000_000);
    expect(made.ok).toBe(true);
    if (!made.ok) return;
    const fork = (await store.getGame(made.code))!;
    expect(fork).toMatchObject({ scenario: record.scenario, settings: record.settings, seed: record.seed, keyHash: record.keyHash, finishedAt: null });
    const log = await store.actions(made.code);
    const began = analysis.roundStarts.get(round)!;
    expect(log).toEqual(g.log.slice(0, began + 1));
    const state = replay(setupOf(fork), log);
    expect(state).toEqual(replay(g.setup, g.log, began + 1));
    expect(state).toMatchObject({ round, phase: "event" });
    // The original's state at that moment was also round N, event phase; one action earlier it was not.
    expect(replay(g.setup, g.log, began).round).toBe(round - 1);
    expect(await store.forkOf(made.code)).toEqual({ code: made.code, parent: "ACDEFG", round });
    const seats = new Map((await store.seats(made.code)).map((s) => [s.seat, s]));
    expect(seats.get("CN")!.bot).toBe(true);
    expect(seats.get("US")!.bot).toBe(false);
    expect(seats.get("US")!.rejoinCode).not.toBe("QQQQQQ");
  });

  it("refuses a round the game never began", async () => {
    expect(await createFork(store, record, analysis, 5)).toMatchObject({ ok: false, status: 409, code: "fork/round_not_reached" });
  });
});
