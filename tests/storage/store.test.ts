/**
 * One test suite, two databases: the SQLite store (the single-process default) and the
 * PostgreSQL store (a real Debian PostgreSQL started for this file on a free port). Games,
 * logs, seats, holders, the debrief's shares and forks, durability of an acknowledged append,
 * group commit, and leases with their fencing epoch.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getScenario } from "../../server/scenarios.ts";
import { PostgresStore } from "../../server/storage/postgres-store.ts";
import { SqliteStore } from "../../server/storage/sqlite-store.ts";
import { DuplicateEntry, LeaseLost, type GameRecord, type Store } from "../../server/storage/store.ts";
import type { Action } from "../../shared/engine/index.ts";
import { startPostgres } from "../helpers/services.ts";
import { sleep, waitFor } from "../helpers/wait.ts";

type Backend = { name: string; open(): Promise<Store>; close(): Promise<void> };

const folder = mkdtempSync(join(tmpdir(), "chokepoint-store-"));
let pg: Awaited<ReturnType<typeof startPostgres>> | undefined;
let pgUrl = "";

beforeAll(async () => {
  pg = await startPostgres();
  pgUrl = await pg.database("suite");
});
afterAll(async () => {
  await pg?.stop();
  rmSync(folder, { recursive: true, force: true });
});

const backends: Backend[] = [
  { name: "SQLite", open: async () => new SqliteStore(join(folder, "games.sqlite")), close: async () => {} },
  { name: "PostgreSQL", open: () => PostgresStore.open(pgUrl), close: async () => {} },
];

const scenario = getScenario("classroom-quick")!;
let n = 0;
/** A fresh game code for each test, so the suite shares one database per backend. */
const code = () => `T${String(++n).padStart(5, "0")}`.replace(/0/g, "A").replace(/1/g, "B");

function game(c: string, extra: Partial<GameRecord> = {}): GameRecord {
  return {
    code: c,
    scenario,
    settings: { bots: true, teams: false, facilitatorReadsPrivate: false, channels: "open", quickStart: false, reconnectSeconds: 60 },
    seed: "42",
    keyHash: "k".repeat(64),
    createdAt: 1_800_000_000_000 + n,
    finishedAt: null,
    ...extra,
  };
}

const chat = (text: string): Action => ({ actor: { kind: "seat", seat: "US", roles: ["diplomat", "regulator", "envoy"] }, move: { type: "chat", channel: "plenary", text } });

describe.each(backends)("the $name store", (backend) => {
  let store: Store;
  beforeAll(async () => {
    store = await backend.open();
  });
  afterAll(async () => {
    await store.close();
  });

  it("keeps a game's record, and lists unfinished games until they finish", async () => {
    const c = code();
    await store.createGame(game(c));
    expect(await store.getGame(c)).toEqual(game(c, { createdAt: (await store.getGame(c))!.createdAt }));
    expect((await store.unfinishedGames()).map((g) => g.code)).toContain(c);
    await store.finishGame(c, 1_900_000_000_000);
    expect((await store.getGame(c))!.finishedAt).toBe(1_900_000_000_000);
    expect((await store.unfinishedGames()).map((g) => g.code)).not.toContain(c);
    expect(await store.getGame("NOSUCH")).toBeUndefined();
  });

  it("appends the log in order with times and client ids; a taken position or a repeated id is refused, alone", async () => {
    const c = code();
    await store.createGame(game(c));
    await store.appendAction(c, { seq: 0, action: chat("one"), at: 10, id: "a-1" });
    const results = await Promise.allSettled([
      store.appendAction(c, { seq: 1, action: chat("two"), at: 20 }),
      store.appendAction(c, { seq: 0, action: chat("again at 0"), at: 21 }),
      store.appendAction(c, { seq: 2, action: chat("dup id"), at: 22, id: "a-1" }),
      store.appendAction(c, { seq: 2, action: chat("three"), at: 23, id: "a-3" }),
    ]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "rejected", "fulfilled"]);
    expect((results[1] as PromiseRejectedResult).reason).toBeInstanceOf(DuplicateEntry);
    expect((results[1] as PromiseRejectedResult).reason.what).toBe("seq");
    expect((results[2] as PromiseRejectedResult).reason.what).toBe("id");
    expect(await store.actions(c)).toEqual([chat("one"), chat("two"), chat("three")]);
    expect(await store.actionLog(c)).toEqual([
      { action: chat("one"), at: 10, id: "a-1" },
      { action: chat("two"), at: 20 },
      { action: chat("three"), at: 23, id: "a-3" },
    ]);
  });

  it("games of one scenario share its parsed object, frozen; another scenario gets its own", async () => {
    const [a, b, c] = [code(), code(), code()];
    const other = getScenario("alliance-2021")!;
    await store.createGame(game(a));
    await store.createGame(game(b));
    await store.createGame(game(c, { scenario: other }));
    const [ra, rb, rc] = await Promise.all([store.getGame(a), store.getGame(b), store.getGame(c)]);
    expect(ra!.scenario).toEqual(scenario);
    expect(rb!.scenario).toBe(ra!.scenario);
    expect(rc!.scenario).toEqual(other);
    expect(rc!.scenario).not.toBe(ra!.scenario);
    // A write would reach every game of the scenario: it throws instead.
    expect(() => ((ra!.scenario.countries[0]! as { name: string }).name = "changed")).toThrow(TypeError);
  });

  it("counts each person's stored actions with the append; a refused append counts nothing", async () => {
    const c = code();
    await store.createGame(game(c));
    await store.appendAction(c, { seq: 0, action: chat("alone"), at: 1, id: "b-0", by: "ana" });
    // A batch where one entry is refused: the others still count, each for its own person.
    const results = await Promise.allSettled([
      store.appendAction(c, { seq: 1, action: chat("one"), at: 2, by: "ana" }),
      store.appendAction(c, { seq: 2, action: chat("dup id"), at: 3, id: "b-0", by: "ana" }),
      store.appendAction(c, { seq: 2, action: chat("two"), at: 4, by: "ben" }),
      store.appendAction(c, { seq: 3, action: chat("no person"), at: 5 }),
    ]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled", "fulfilled"]);
    // Alone in its commit, a refused append leaves no count either.
    await expect(store.appendAction(c, { seq: 0, action: chat("taken"), at: 6, by: "ben" })).rejects.toBeInstanceOf(DuplicateEntry);
    expect(await store.actionCounts(c)).toEqual({ ana: 2, ben: 1 });
    expect(await store.actionLog(c)).toHaveLength(4);
  });

  it("an acknowledged append is durable: another connection reads it at once", async () => {
    const c = code();
    await store.createGame(game(c));
    await store.appendAction(c, { seq: 0, action: chat("durable"), at: 1 });
    const other = await backend.open();
    try {
      expect(await other.actions(c)).toEqual([chat("durable")]);
    } finally {
      await other.close();
    }
  });

  it("appends from many games within a few milliseconds share commits (group commit)", async () => {
    const codes = [code(), code(), code(), code(), code(), code(), code(), code()];
    for (const c of codes) await store.createGame(game(c));
    const before = store.commitStats();
    await Promise.all(codes.flatMap((c) => [0, 1, 2, 3, 4].map((seq) => store.appendAction(c, { seq, action: chat(`${c}:${seq}`), at: seq }))));
    const after = store.commitStats();
    expect(after.entries - before.entries).toBe(40);
    expect(after.commits - before.commits).toBeLessThanOrEqual(2);
    for (const c of codes) expect((await store.actions(c)).map((a) => (a.move as { text: string }).text)).toEqual([0, 1, 2, 3, 4].map((s) => `${c}:${s}`));
  });

  it("keeps holders in joining order and seats by seat; both update in place", async () => {
    const c = code();
    await store.createGame(game(c));
    await store.saveHolder(c, { id: "h1", seat: "US", roles: ["diplomat"], name: "Ana", token: "t1" });
    await store.saveHolder(c, { id: "h2", seat: null, roles: [], name: "Bo", token: "t2" });
    await store.saveHolder(c, { id: "h1", seat: "CN", roles: ["envoy"], name: "Ana", token: "t1" });
    expect(await store.holders(c)).toEqual([
      { id: "h1", seat: "CN", roles: ["envoy"], name: "Ana", token: "t1" },
      { id: "h2", seat: null, roles: [], name: "Bo", token: "t2" },
    ]);
    // The seats a person left once the game ran (the gradebook lists them from these): kept, and replaced as a whole.
    await store.saveHolder(c, { id: "h2", seat: null, roles: [], name: "Bo", token: "t2", held: [{ seat: "US", roles: ["envoy"] }] });
    await store.saveHolder(c, { id: "h2", seat: "JP", roles: ["diplomat"], name: "Bo", token: "t2", held: [{ seat: "US", roles: ["envoy"] }, { seat: "CN", roles: ["diplomat"], atEnd: true }] });
    expect((await store.holders(c))[1]).toEqual({ id: "h2", seat: "JP", roles: ["diplomat"], name: "Bo", token: "t2", held: [{ seat: "US", roles: ["envoy"] }, { seat: "CN", roles: ["diplomat"], atEnd: true }] });
    // The class place a person took (the class console finds its student by it): kept with them.
    await store.saveHolder(c, { id: "h1", seat: "CN", roles: ["envoy"], name: "Ana", token: "t1", place: "p1" });
    expect((await store.holders(c))[0]).toEqual({ id: "h1", seat: "CN", roles: ["envoy"], name: "Ana", token: "t1", place: "p1" });
    await store.removeHolder(c, "h1");
    expect((await store.holders(c)).map((h) => h.id)).toEqual(["h2"]);
    await store.saveSeat(c, { seat: "US", rejoinCode: "QQQQQQ", bot: false });
    await store.saveSeat(c, { seat: "CN", rejoinCode: "RRRRRR", bot: false });
    await store.saveSeat(c, { seat: "US", rejoinCode: "QQQQQQ", bot: true });
    expect(await store.seats(c)).toEqual([
      { seat: "CN", rejoinCode: "RRRRRR", bot: false },
      { seat: "US", rejoinCode: "QQQQQQ", bot: true },
    ]);
  });

  it("keeps observers' names in the order they came, one per name whatever its case, as first typed; a forgotten one is dropped", async () => {
    const c = code();
    await store.createGame(game(c));
    await store.saveObserver(c, "Mei");
    await store.saveObserver(c, "Projector");
    await store.saveObserver(c, "MEI");
    expect(await store.observers(c)).toEqual(["Mei", "Projector"]);
    await store.forgetObserver(c, "mei");
    await store.saveObserver(c, "Mei");
    expect(await store.observers(c)).toEqual(["Projector", "Mei"]);
    expect(await store.observers(code())).toEqual([]);
  });

  it("keeps share links, revokes them once, records forks and finds games by key", async () => {
    const c = code();
    const key = "z".repeat(64);
    await store.createGame(game(c, { keyHash: key }));
    const later = code();
    await store.createGame(game(later, { keyHash: key, createdAt: 1_950_000_000_000 }));
    expect((await store.gamesByKey(key)).map((g) => g.code)).toEqual([later, c]);
    await store.createShare({ id: `s${c}`, code: c, tokenHash: `hash${c}`, createdAt: 5, revokedAt: null, privateChat: false });
    await store.createShare({ id: `t${c}`, code: c, tokenHash: `with${c}`, createdAt: 6, revokedAt: null, privateChat: true });
    expect(await store.shareByToken(`hash${c}`)).toEqual({ id: `s${c}`, code: c, tokenHash: `hash${c}`, createdAt: 5, revokedAt: null, privateChat: false });
    expect((await store.shareByToken(`with${c}`))!.privateChat).toBe(true);
    expect(await store.revokeShare(c, `s${c}`, 9)).toBe(true);
    expect(await store.revokeShare(c, `s${c}`, 10)).toBe(false);
    expect((await store.shares(c))[0]!.revokedAt).toBe(9);
    await store.recordFork({ code: later, parent: c, round: 2 });
    expect(await store.forkOf(later)).toEqual({ code: later, parent: c, round: 2 });
    expect(await store.forkOf(c)).toBeUndefined();
  });

  it("leases: one claim at a time; a lapsed lease is taken over; the old claim's appends are refused", async () => {
    const c = code();
    await store.createGame(game(c));
    expect(await store.lapsedGames()).not.toContain(c); // never claimed: its room is being opened
    const a = await store.claimGame(c, "A", 300);
    expect(a).not.toBeNull();
    expect(await store.claimGame(c, "B", 300)).toBeNull();
    expect(await store.lapsedGames()).not.toContain(c);
    expect(await store.leaseOf(c)).toEqual({ owner: "A", epoch: a, live: true });
    await store.appendAction(c, { seq: 0, action: chat("by A"), at: 1 }, a!);
    expect(await store.renewLeases([{ code: c, epoch: a! }], 300)).toEqual(new Set([c]));

    await sleep(350); // A stops renewing (paused, or dead)
    expect(await store.lapsedGames()).toContain(c);
    const b = await store.claimGame(c, "B", 5000);
    expect(b).toBe(a! + 1);
    await expect(store.appendAction(c, { seq: 1, action: chat("A, late"), at: 2 }, a!)).rejects.toBeInstanceOf(LeaseLost);
    expect(await store.renewLeases([{ code: c, epoch: a! }], 300)).toEqual(new Set());
    await store.appendAction(c, { seq: 1, action: chat("by B"), at: 3 }, b!);
    expect(await store.actions(c)).toEqual([chat("by A"), chat("by B")]);

    // A drain hands the lease back at once; a release under an old epoch changes nothing.
    await store.releaseLease({ code: c, epoch: a! });
    expect(await store.lapsedGames()).not.toContain(c);
    await store.releaseLease({ code: c, epoch: b! });
    expect(await store.lapsedGames()).toContain(c);
    // Force (the single-process default at start) takes even a live lease; finished games never lapse.
    expect(await store.claimGame(c, "C", 5000)).toBe(b! + 1);
    expect(await store.claimGame(c, "D", 5000, { force: true })).toBe(b! + 2);
    await store.finishGame(c, 7);
    await store.releaseLease({ code: c, epoch: b! + 2 });
    expect(await store.lapsedGames()).not.toContain(c);
  });

  it("sleep: a sleeping game gives its lease up, is not lapsed nor restored at start, and the next claim wakes it", async () => {
    const c = code();
    await store.createGame(game(c));
    const a = (await store.claimGame(c, "A", 5000))!;
    await store.appendAction(c, { seq: 0, action: chat("before sleeping"), at: 1_900_000_000_000 }, a);
    const awake = (await store.awakeGames()).find((g) => g.record.code === c);
    expect(awake).toMatchObject({ lastActivity: 1_900_000_000_000, actions: 1 });
    const sleeping = await store.sleepingCount();
    // Only under the claim that holds it.
    expect(await store.sleepGame(c, a - 1, 5)).toBe(false);
    expect(await store.isAsleep(c)).toBe(false);
    expect(await store.sleepGame(c, a, 5)).toBe(true);
    expect(await store.isAsleep(c)).toBe(true);
    expect(await store.sleepingCount()).toBe(sleeping + 1);
    expect(await store.leaseOf(c)).toEqual({ owner: null, epoch: a, live: false });
    expect(await store.lapsedGames()).not.toContain(c);
    expect((await store.awakeGames()).map((g) => g.record.code)).not.toContain(c);
    expect((await store.unfinishedGames()).map((g) => g.code)).toContain(c);
    // Whoever claims it first wakes it; the next claim finds it held.
    const b = await store.claimGame(c, "B", 5000);
    expect(b).toBe(a + 1);
    expect(await store.claimGame(c, "C", 5000)).toBeNull();
    expect(await store.isAsleep(c)).toBe(false);
    expect(await store.sleepingCount()).toBe(sleeping);
    // Marked asleep at a process's start (idle too long), without a lease; a finished game never is.
    const done = code();
    await store.createGame(game(done, { finishedAt: 3 }));
    await store.markAsleep([c, done], 9);
    expect(await store.isAsleep(c)).toBe(true);
    expect(await store.isAsleep(done)).toBe(false);
    expect((await store.leaseOf(c))?.owner).toBeNull();
    expect(await store.claimGame(c, "D", 5000)).toBe(b! + 1);
  });

  it("removes games nobody joined, made and last opened before the time given, with all their rows; keeps every other", async () => {
    // Made long before every other game of the suite, so only these are old enough.
    // Each asleep since 2000 (its room went to sleep then) unless the test says otherwise.
    const made = async (c: string, extra: Partial<GameRecord> = {}) => {
      await store.createGame(game(c, { createdAt: 1000 + n, ...extra }));
      await store.markAsleep([c], 2000);
    };
    const unjoined = code();
    await made(unjoined);
    await store.saveSeat(unjoined, { seat: "US", rejoinCode: "RJCODE", bot: false });
    const kept: Record<string, string> = {};
    const keep = async (why: string, use: (c: string) => Promise<unknown>, extra: Partial<GameRecord> = {}) => {
      const c = code();
      await made(c, extra);
      await use(c);
      kept[why] = c;
    };
    await keep("seated", (c) => store.saveHolder(c, { id: "h1", seat: "US", roles: ["diplomat"], name: "Ana", token: "tok" }));
    await keep("played", (c) => store.appendAction(c, { seq: 0, action: chat("hello"), at: 1500 }));
    await keep("watched", (c) => store.saveObserver(c, "Mr Lee"));
    await keep("shared", (c) => store.createShare({ id: `s${c}`, code: c, tokenHash: `h${c}`, createdAt: 1500, revokedAt: null, privateChat: false }));
    await keep("noted", (c) => store.saveNote({ code: c, kind: "note", by: "observer", round: 1, phase: "lobby", at: 1500, text: "Early." }));
    await keep("ticket", (c) => store.saveExitTicket({ code: c, holder: "h1", name: "Ana", seat: "US", roles: [], answers: ["a"], at: 1500 }));
    await keep("forked", (c) => store.recordFork({ code: `F${c.slice(1)}`, parent: c, round: 1 }));
    await keep("classTable", async () => {}, { classTable: { code: "CLASSA", table: 1 } });
    await keep("listed", async () => {});
    await keep("opened", (c) => store.markAsleep([c], 5000));
    await keep("running", (c) => store.claimGame(c, "A", 60_000));
    // Never asleep: when it was last opened is not known (sleeping turned off).
    await keep("neverSlept", (c) => store.claimGame(c, "A", 1).then((epoch) => store.releaseLease({ code: c, epoch: epoch! })));
    await keep("finished", async () => {}, { finishedAt: 1500 });

    const removed = await store.forgetUnjoinedGames(3000, new Set([kept.listed!]), 100);
    expect(removed).toEqual([unjoined]);
    expect(await store.getGame(unjoined)).toBeUndefined();
    expect(await store.seats(unjoined)).toEqual([]);
    for (const c of Object.values(kept)) expect(await store.getGame(c), c).toBeDefined();
    // Nothing more to remove; `limit` games at most a call.
    expect(await store.forgetUnjoinedGames(3000, new Set([kept.listed!]), 100)).toEqual([]);
    const many = [code(), code(), code()];
    for (const c of many) await made(c);
    expect((await store.forgetUnjoinedGames(3000, new Set([kept.listed!]), 2)).length).toBe(2);
    expect((await store.forgetUnjoinedGames(3000, new Set([kept.listed!]), 2)).length).toBe(1);
    // The classes' tables, as the classes list them.
    await store.saveClass({ code: `C${unjoined.slice(1)}`, keyHash: "k", title: "A class", scenarioId: "classroom-quick", tables: [kept.listed!], assign: "balanced", roster: [], students: [], createdAt: 1 });
    expect(await store.classTableCodes()).toContain(kept.listed);
  });

  it("answers a ping", async () => {
    await expect(store.ping()).resolves.toBeUndefined();
  });
});

describe("a SQLite database from before leases, action ids and the seats people left", () => {
  it("gains the new columns on open and keeps its games", async () => {
    const { DatabaseSync } = await import("node:sqlite");
    const path = join(folder, "old.sqlite");
    const old = new DatabaseSync(path);
    old.exec(`CREATE TABLE games (code TEXT PRIMARY KEY, scenario TEXT NOT NULL, settings TEXT NOT NULL, seed TEXT NOT NULL, key_hash TEXT NOT NULL, created_at INTEGER NOT NULL, finished_at INTEGER);
      CREATE TABLE actions (code TEXT NOT NULL, seq INTEGER NOT NULL, action TEXT NOT NULL, at INTEGER NOT NULL, PRIMARY KEY (code, seq));`);
    const g = game("OLDGAM");
    old.prepare("INSERT INTO games VALUES (?, ?, ?, ?, ?, ?, NULL)").run(g.code, JSON.stringify(g.scenario), JSON.stringify(g.settings), g.seed, g.keyHash, g.createdAt);
    old.prepare("INSERT INTO actions VALUES (?, 0, ?, 5)").run(g.code, JSON.stringify(chat("before")));
    // A holder from before the store kept the seats people left: read without them (not as none).
    old.exec("CREATE TABLE holders (code TEXT NOT NULL, id TEXT NOT NULL, seat TEXT, roles TEXT NOT NULL, name TEXT NOT NULL, token TEXT NOT NULL, PRIMARY KEY (code, id))");
    old.prepare("INSERT INTO holders VALUES (?, 'h1', NULL, '[]', 'Ana', 't1')").run(g.code);
    // A share link from before the facilitator chose whether it reads the private talks: it read them, and still does.
    old.exec("CREATE TABLE shares (id TEXT PRIMARY KEY, code TEXT NOT NULL, token_hash TEXT NOT NULL UNIQUE, created_at INTEGER NOT NULL, revoked_at INTEGER)");
    old.prepare("INSERT INTO shares VALUES ('s1', ?, 'oldhash', 5, NULL)").run(g.code);
    old.close();
    const store = new SqliteStore(path);
    expect(await store.actionLog("OLDGAM")).toEqual([{ action: chat("before"), at: 5 }]);
    const epoch = await store.claimGame("OLDGAM", "A", 1000);
    await store.appendAction("OLDGAM", { seq: 1, action: chat("after"), at: 6, id: "x" }, epoch!);
    expect(await store.actions("OLDGAM")).toEqual([chat("before"), chat("after")]);
    expect(await store.holders("OLDGAM")).toEqual([{ id: "h1", seat: null, roles: [], name: "Ana", token: "t1" }]);
    await store.saveHolder("OLDGAM", { id: "h1", seat: "US", roles: ["diplomat"], name: "Ana", token: "t1", held: [] });
    expect((await store.holders("OLDGAM"))[0]!.held).toEqual([]);
    expect(await store.shareByToken("oldhash")).toEqual({ id: "s1", code: "OLDGAM", tokenHash: "oldhash", createdAt: 5, revokedAt: null, privateChat: true });
    await store.close();
  });
});

describe("the SQLite store's write-ahead log", () => {
  it("stays short while actions are appended without a pause (its checkpoints run on a worker), and everything appended is kept", async () => {
    const { statSync } = await import("node:fs");
    const path = join(folder, "busy.sqlite");
    const store = new SqliteStore(path);
    const g = game("BUSYWL");
    await store.createGame(g);
    const long = "a line of plenary chat ".repeat(8);
    // One append after another, as fast as they are acknowledged: without checkpoints the WAL
    // grows by about 13 KB an append (about 26 MB here).
    for (let seq = 0; seq < 2000; seq++) await store.appendAction(g.code, { seq, action: chat(`${seq} ${long}`), at: seq, id: `id${seq}` });
    expect(statSync(`${path}-wal`).size).toBeLessThan(8 * 2 ** 20);
    expect((await store.actions(g.code)).length).toBe(2000);
    await store.close();
    // Another connection reads every append from the database the store closed.
    const reopened = new SqliteStore(path);
    expect((await reopened.actions(g.code)).at(-1)).toEqual(chat(`1999 ${long}`));
    await reopened.close();
  });

  it("shrinks back after a reader held it open: a burst leaves no file of its size behind", async () => {
    const { statSync } = await import("node:fs");
    const { DatabaseSync } = await import("node:sqlite");
    const path = join(folder, "burst.sqlite");
    const store = new SqliteStore(path);
    const g = game("BURSTW");
    await store.createGame(g);
    const long = "a line of plenary chat ".repeat(8);
    // A reader (a backup, an export) holds its snapshot: no checkpoint can start the WAL over,
    // so it grows with every append.
    const reader = new DatabaseSync(path);
    reader.exec("BEGIN");
    reader.prepare("SELECT count(*) FROM actions").get();
    for (let seq = 0; seq < 800; seq++) await store.appendAction(g.code, { seq, action: chat(`${seq} ${long}`), at: seq, id: `id${seq}` });
    const grown = statSync(`${path}-wal`).size;
    expect(grown).toBeGreaterThan(8 * 2 ** 20);
    reader.exec("COMMIT");
    reader.close();
    // Once the reader lets go, the next checkpoints copy the WAL back and the file is cut down.
    let seq = 800;
    await waitFor(async () => {
      await store.appendAction(g.code, { seq, action: chat(`${seq} ${long}`), at: seq, id: `id${seq}` });
      seq++;
      return statSync(`${path}-wal`).size <= 4 * 2 ** 20;
    }, { message: `the WAL cut down from ${grown} bytes` });
    expect((await store.actions(g.code)).length).toBe(seq);
    await store.close();
  });

  it("copies other writes than appends (new games, lease renewals) into the database file too, within seconds", async () => {
    const { statSync } = await import("node:fs");
    const path = join(folder, "quiet.sqlite");
    const store = new SqliteStore(path);
    const held = [];
    for (let i = 0; i < 20; i++) {
      const g = game(`QUIET${i}`);
      await store.createGame(g);
      held.push({ code: g.code, epoch: (await store.claimGame(g.code, "A", 60_000))! });
    }
    await store.renewLeases(held, 60_000);
    // Everything so far is in the WAL; a checkpoint puts it in the database file.
    await waitFor(() => statSync(path).size > 8192, { message: "a checkpoint without appends" });
    await store.close();
  });

  it("lets a process that never closes its store exit, and keeps it alive while appends wait for a checkpoint", async () => {
    // A script with nothing else to keep it alive: 450 appends, one after another (two
    // checkpoints among them), then it ends without closing the store.
    const script = join(folder, "unclosed.mts");
    writeFileSync(
      script,
      `import { SqliteStore } from ${JSON.stringify(resolve("server/storage/sqlite-store.ts"))};
const store = new SqliteStore(${JSON.stringify(join(folder, "unclosed.sqlite"))});
await store.createGame(${JSON.stringify(game("UNCLSD"))});
let n = 0;
for (; n < 450; n++) await store.appendAction("UNCLSD", { seq: n, action: { text: "x".repeat(500) }, at: n });
console.log(n);`,
    );
    const child = spawn(join("node_modules", ".bin", "node"), ["--disable-warning=ExperimentalWarning", "--import", "tsx", script], { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d));
    let code: number | null | undefined;
    child.on("exit", (c) => (code = c));
    try {
      await waitFor(() => code !== undefined, { timeout: 30_000, message: "the script to exit by itself" });
    } finally {
      child.kill("SIGKILL");
    }
    expect({ code, out: out.trim() }).toEqual({ code: 0, out: "450" });
  });
});
