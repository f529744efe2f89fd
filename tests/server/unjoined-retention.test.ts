/**
 * Games nobody joined are removed (docs/DEPLOY.md, "Games nobody joined are removed";
 * server/retention.ts): a game created and never joined — no seat taken, no action — is removed
 * from the database with all its rows once it has been asleep for UNJOINED_GAME_SECONDS (a week
 * by default), when the server starts and then as it runs. A game anyone joined, watched by name
 * or played, a class's table, and one opened lately, stay. On the real SQLite store and server.
 */
import { DatabaseSync } from "node:sqlite";
import { describe, expect, it } from "vitest";
import { hashKey } from "../../server/codes.ts";
import { SqliteStore } from "../../server/storage/sqlite-store.ts";
import type { GameRecord } from "../../server/storage/store.ts";
import type { CreateClassReply } from "../../shared/protocol/classes.ts";
import { classroom, scriptedGame, SETTINGS, storeGame } from "../debrief/fixtures.ts";
import { classHttp } from "../helpers/class-http.ts";
import { join, leaveAll } from "../helpers/game-client.ts";
import { createGame, getJson, type ServerProcess } from "../helpers/server-process.ts";
import { serverPerFile } from "../helpers/server-per-file.ts";
import { waitFor } from "../helpers/wait.ts";

const DAY = 24 * 3600_000;
const KEY = hashKey("unjoined-retention-key-0123");

/** The games the database holds, and the seats rows each has. */
function storedGames(databasePath: string): Map<string, number> {
  const db = new DatabaseSync(databasePath, { readOnly: true });
  try {
    const games = db.prepare("SELECT code FROM games").all() as { code: string }[];
    const seats = db.prepare("SELECT code, COUNT(*) AS n FROM seats GROUP BY code").all() as { code: string; n: number }[];
    return new Map(games.map((g) => [g.code, Number(seats.find((s) => s.code === g.code)?.n ?? 0)]));
  } finally {
    db.close();
  }
}
const sleptAt = (databasePath: string, code: string) => {
  const db = new DatabaseSync(databasePath, { readOnly: true });
  try {
    return (db.prepare("SELECT slept_at FROM games WHERE code = ?").get(code) as { slept_at: number | null } | undefined)?.slept_at ?? null;
  } finally {
    db.close();
  }
};

const record = (code: string, createdAt: number, extra: Partial<GameRecord> = {}): GameRecord => ({ code, scenario: classroom(), settings: SETTINGS, seed: "1", keyHash: KEY, createdAt, finishedAt: null, ...extra });

describe("at start, with the default of a week", () => {
  /** Made 8 days ago and never joined: removed, with its seats rows (a room that opened it made them). */
  const OLD = "QQQQQA";
  const OLD_TOO = "QQQQQC";
  /** Made 8 days ago; each used in one way: kept. */
  const KEPT = {
    seated: "KKKKKA", // someone took a seat
    played: "KKKKKC", // its log has actions
    watched: "KKKKKD", // an observer joined by name
    classTable: "KKKKKE", // a class made it
    listed: "KKKKKF", // a class lists it (a class made before games named their class)
    opened: "KKKKKG", // its facilitator opened it an hour ago (its room went to sleep since)
    recent: "KKKKKH", // made an hour ago
    neverSlept: "KKKKKJ", // made 8 days ago, its room never went to sleep (a crash): this start marks it asleep, its week starts now
  };
  let server: ServerProcess;
  serverPerFile((s) => (server = s), {
    seed: async (databasePath) => {
      const store = new SqliteStore(databasePath);
      const now = Date.now();
      const old = now - 8 * DAY;
      for (const code of [OLD, OLD_TOO, KEPT.seated, KEPT.watched, KEPT.listed, KEPT.opened, KEPT.neverSlept]) await store.createGame(record(code, old));
      for (const code of [OLD, OLD_TOO]) for (const seat of ["US", "CN"]) await store.saveSeat(code, { seat, rejoinCode: `${code.slice(0, 4)}${seat}`, bot: false });
      await store.saveHolder(KEPT.seated, { id: "ana", seat: "US", roles: ["diplomat", "regulator", "envoy"], name: "Ana", token: "t1" });
      await storeGame(store, KEPT.played, scriptedGame({ seed: 3, stopAfterRound: 1 }), KEY);
      await store.saveObserver(KEPT.watched, "Mr Lee");
      await store.createGame(record(KEPT.classTable, old, { classTable: { code: "CCCCCA", table: 1 } }));
      await store.saveClass({ code: "CCCCCA", keyHash: KEY, title: "Old class", scenarioId: "classroom-quick", tables: [KEPT.classTable, KEPT.listed], assign: "balanced", roster: [], students: [], createdAt: old });
      // Each asleep since then (a room opened it, and it went to sleep), but the one opened an hour ago.
      await store.markAsleep([OLD, OLD_TOO, KEPT.seated, KEPT.watched, KEPT.classTable, KEPT.listed], old);
      await store.markAsleep([KEPT.opened], now - 3600_000);
      await store.createGame(record(KEPT.recent, now - 3600_000));
      await store.close();
      // The played game's record is made now by storeGame: made 8 days ago like the others.
      const db = new DatabaseSync(databasePath);
      db.prepare("UPDATE games SET created_at = ?, slept_at = ? WHERE code = ?").run(old, old, KEPT.played);
      db.close();
    },
  });

  it("removes the games nobody joined, with their rows, and keeps every game someone used", async () => {
    await waitFor(() => !storedGames(server.databasePath).has(OLD), { message: "the old game nobody joined removed" });
    const games = storedGames(server.databasePath);
    expect(games.has(OLD_TOO)).toBe(false);
    expect([...games.keys()].sort()).toEqual(Object.values(KEPT).sort());
    // No row of theirs is left behind.
    const db = new DatabaseSync(server.databasePath, { readOnly: true });
    try {
      expect(db.prepare("SELECT COUNT(*) AS n FROM seats WHERE code IN (?, ?)").get(OLD, OLD_TOO)).toEqual({ n: 0 });
    } finally {
      db.close();
    }
    // Looked up by its code, a removed game is unknown; a kept one is there.
    expect((await getJson(server, `/api/games/${OLD}`)).status).toBe(404);
    expect((await getJson(server, `/api/games/${KEPT.seated}`)).status).toBe(200);
  });
});

describe("while the server runs", () => {
  let server: ServerProcess;
  // Kept 2 s asleep; a lobby nobody is in sleeps after 0.3 s.
  serverPerFile((s) => (server = s), { env: { UNJOINED_GAME_SECONDS: "2", IDLE_UNJOINED_SECONDS: "0.3", IDLE_LOBBY_SECONDS: "0.6" } });
  const http = classHttp(() => server);

  it("removes a game nobody joined once it has been asleep that long; a game someone joined, and a class's table, stay", async () => {
    // Joined (a seat taken in the lobby, no action) and left; and a class nobody came to.
    const joined = await createGame(server, { scenarioId: "classroom-quick", settings: { bots: false } });
    const ana = await join.player(server.endpoint, joined.code, { name: "Ana", seat: "US" });
    await leaveAll(ana);
    const created = await http.post<CreateClassReply>("/api/classes", { scenarioId: "classroom-quick", tables: 1, settings: { bots: false } });
    const table = created.tables[0]!;
    await waitFor(() => sleptAt(server.databasePath, joined.code) !== null && sleptAt(server.databasePath, table) !== null, { message: "the joined game and the class's table asleep" });

    // Made after them, and never joined: it sleeps, and is removed once asleep for 2 s.
    const unjoined = await createGame(server, { scenarioId: "classroom-quick", settings: { bots: false } });
    expect(storedGames(server.databasePath).get(unjoined.code)).toBeGreaterThan(0);
    await waitFor(() => !storedGames(server.databasePath).has(unjoined.code), { message: "the game nobody joined removed", timeout: 20_000 });
    // Those made and asleep before it, unused for longer, are still there: the joined one for its seat taken alone (no action in its log).
    const games = storedGames(server.databasePath);
    const db = new DatabaseSync(server.databasePath, { readOnly: true });
    try {
      expect(db.prepare("SELECT COUNT(*) AS n FROM actions WHERE code = ?").get(joined.code)).toEqual({ n: 0 });
    } finally {
      db.close();
    }
    expect(games.has(joined.code)).toBe(true);
    expect(games.has(table)).toBe(true);
    expect((await getJson(server, `/api/games/${unjoined.code}`)).status).toBe(404);
    expect((await getJson(server, `/api/games/${joined.code}`)).status).toBe(200);
    expect(server.exited).toBe(false);
  });
});
