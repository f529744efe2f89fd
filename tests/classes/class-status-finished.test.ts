/**
 * The class console reads its status every 4 s (GET /api/classes/CODE/status). A table whose
 * game is over and whose room has closed is replayed from its log once (server/classes/routes.ts
 * `FinishedTables`), not at every read: the status says the same as the replay, and a second
 * read reads no log. A table not running and not finished (its process crashed, another has not
 * restored it yet) may still grow: it is replayed at every read.
 */
import type { AddressInfo } from "node:net";
import express from "express";
import { afterEach, expect, it } from "vitest";
import { classRouter } from "../../server/classes/routes.ts";
import { hashKey } from "../../server/codes.ts";
import { SqliteStore } from "../../server/storage/sqlite-store.ts";
import type { Store } from "../../server/storage/store.ts";
import { computeScores, tableOutcome } from "../../shared/engine/scoring.ts";
import type { ClassStatus } from "../../shared/protocol/classes.ts";
import { scriptedGame, storeGame } from "../debrief/fixtures.ts";

let close: (() => Promise<void>) | undefined;
afterEach(async () => close?.());

it("a finished table is replayed for the first read of the class's status only, and reads the same after", async () => {
  const sqlite = new SqliteStore(":memory:");
  const key = "class-status-key-0123";
  const over = scriptedGame({ seed: 5 });
  const other = scriptedGame({ seed: 6 });
  const halfway = scriptedGame({ seed: 7, stopAfterRound: 1 });
  expect([over.state.phase, other.state.phase, halfway.state.phase]).toEqual(["ended", "ended", "review"]);
  await storeGame(sqlite, "TABLEA", over, hashKey(key));
  await storeGame(sqlite, "TABLEB", other, hashKey(key));
  await storeGame(sqlite, "TABLEC", halfway, hashKey(key));
  await sqlite.saveClass({ code: "CKACKA", keyHash: hashKey(key), title: "Finished", scenarioId: over.setup.scenario.id, tables: ["TABLEA", "TABLEB", "TABLEC"], assign: "balanced", roster: [], students: [], createdAt: 1 });

  // Logs read, by game: each one a replay.
  const replays: string[] = [];
  const store = new Proxy(sqlite, {
    get(target, prop, receiver) {
      if (prop === "actionLog") return (code: string) => (replays.push(code), target.actionLog(code));
      const value = Reflect.get(target, prop, receiver);
      return typeof value === "function" ? value.bind(target) : value;
    },
  }) as Store;
  const app = express();
  app.use("/api", classRouter(store));
  const server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  close = async () => {
    await new Promise((resolve) => server.close(resolve));
    await sqlite.close();
  };
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/classes/CKACKA/status`;
  const status = async () => (await (await fetch(url, { headers: { "x-facilitator-key": key } })).json()) as ClassStatus;

  const first = await status();
  expect(replays.sort()).toEqual(["TABLEA", "TABLEB", "TABLEC"]);
  // What each table's replay says: its phase, round, targets met, leader, cards played.
  for (const [i, g] of [over, other, halfway].entries()) {
    const outcome = tableOutcome(g.state);
    const top = computeScores(g.state)[0]!;
    expect(first.tablesDetail[i]).toMatchObject({
      phase: g.state.phase,
      round: g.state.round,
      outcome: { met: outcome.targets.filter((t) => t.met).length, total: outcome.targets.length },
      leader: { name: g.setup.scenario.countries.find((c) => c.id === top.country)!.name, total: top.total },
      waitingRulings: g.state.matrix.filter((m) => m.status === "pending").length,
      played: g.state.events.map((e) => ({ id: e.id, title: e.title, ...(e.custom ? { custom: e.custom } : {}) })),
    });
  }
  expect(first.tablesDetail[0]!.played.length).toBeGreaterThan(0);

  // The second read (and the tenth) replays only the table that is not finished, and says the same.
  replays.length = 0;
  for (let i = 0; i < 10; i++) expect(await status()).toEqual(first);
  expect(replays).toEqual(Array(10).fill("TABLEC"));
});
