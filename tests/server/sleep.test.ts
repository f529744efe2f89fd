/**
 * Idle games sleep (docs/DEPLOY.md, "Idle games sleep"): a game room with nobody connected for
 * its idle time closes, the game stays in the database marked asleep, and whoever comes back
 * — a join by code, a rejoin by seat token or rejoin code, the facilitator's key, an HTTP look-up —
 * wakes it, with its seats, tokens and rejoin codes as they were (and a class's table, the seats
 * its class keeps for students not yet there). A restart leaves sleeping games
 * asleep; a join afterwards wakes them. The idle times are set in fractions of a second here, and
 * the tests wait for the room to be gone (GET /api/health, /metrics), never for a fixed time.
 */
import { DatabaseSync } from "node:sqlite";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { expectCleanDecoding, join, leaveAll, refusedJoin, type Conn } from "../helpers/game-client.ts";
import { createGame, getJson, lobby, startServerProcess, tempDatabase, withBoots, type ServerProcess } from "../helpers/server-process.ts";
import { serverPerFile } from "../helpers/server-per-file.ts";
import { eventually, waitFor } from "../helpers/wait.ts";

const IDLE = { IDLE_LOBBY_SECONDS: "0.4", IDLE_GAME_SECONDS: "0.8" };

let server: ServerProcess;
serverPerFile((s) => (server = s), { env: IDLE });

afterEach(() => expectCleanDecoding());

const liveGames = async (s: ServerProcess = server) => (await getJson<{ games: number }>(s, "/api/health")).body.games;
async function asleepMetric(s: ServerProcess = server): Promise<number> {
  const text = await (await fetch(`${s.url}/metrics`)).text();
  return Number(/^chokepoint_games_asleep (\d+)/m.exec(text)?.[1] ?? NaN);
}
/** The game's row as the database has it: asleep or not, and whether a process holds its lease. */
function stored(databasePath: string, code: string) {
  const db = new DatabaseSync(databasePath, { readOnly: true });
  try {
    const row = db.prepare("SELECT slept_at, lease_owner, finished_at FROM games WHERE code = ?").get(code) as { slept_at: number | null; lease_owner: string | null; finished_at: number | null };
    return { asleep: row.slept_at !== null, leased: row.lease_owner !== null, finished: row.finished_at !== null };
  } finally {
    db.close();
  }
}
const waitAsleep = (code: string, s: ServerProcess = server) => waitFor(() => stored(s.databasePath, code).asleep, { message: `game ${code} to go to sleep` });

describe("a lobby nobody is connected to", () => {
  const open: Conn[] = [];
  afterAll(() => leaveAll(...open));

  it("goes to sleep after its idle time: its room closes, its lease is given up, it is not finished", async () => {
    const before = await asleepMetric();
    const { code, facilitatorKey } = await createGame(server, { scenarioId: "classroom-quick", settings: { bots: false } });
    const ana = await join.player(server.endpoint, code, { name: "Ana", seat: "US" });
    const fac = await join.facilitator(server.endpoint, code, facilitatorKey);
    const rejoinCodes = fac.view().rejoinCodes!;
    expect(rejoinCodes.US).toBeTruthy();
    await leaveAll(ana, fac);
    await waitAsleep(code);
    expect(stored(server.databasePath, code)).toEqual({ asleep: true, leased: false, finished: false });
    expect(await liveGames()).toBe(0);
    expect(await asleepMetric()).toBe(before + 1);

    // Looked up over HTTP, it wakes, with Ana in her seat.
    const info = await lobby(server, code);
    expect(info.phase).toBe("lobby");
    expect(info.seats.find((s) => s.id === "US")).toMatchObject({ holders: [expect.objectContaining({ name: "Ana" })] });
    expect(stored(server.databasePath, code)).toMatchObject({ asleep: false, leased: true });
    expect(await liveGames()).toBe(1);

    // Asleep again; a new player joining by code wakes it and takes another seat.
    await waitAsleep(code);
    const noor = await join.player(server.endpoint, code, { name: "Noor", seat: "NL" });
    expect(noor.welcome).toMatchObject({ seat: "NL" });
    expect(noor.view().seats.find((s) => s.id === "US")?.holders).toEqual([expect.objectContaining({ name: "Ana", connected: false })]);
    await noor.leave();

    // Asleep again; Ana comes back with her seat token alone, to her seat.
    await waitAsleep(code);
    const anaBack = await join.player(server.endpoint, code, { name: "Ana", token: ana.welcome.token! });
    expect(anaBack.welcome).toMatchObject({ seat: "US", token: ana.welcome.token });
    await anaBack.leave();

    // Asleep again; the facilitator's key wakes it, and the rejoin codes are the same.
    await waitAsleep(code);
    const facBack = await join.facilitator(server.endpoint, code, facilitatorKey);
    expect(facBack.view().rejoinCodes).toEqual(rejoinCodes);
    await facBack.leave();

    // Asleep again; Noor comes back from another device with her seat's rejoin code.
    await waitAsleep(code);
    const noorElsewhere = await join.player(server.endpoint, code, { name: "Noor", rejoinCode: rejoinCodes.NL! });
    expect(noorElsewhere.welcome).toMatchObject({ seat: "NL" });
    await noorElsewhere.leave();
  });

  it("does not sleep while someone is connected", async () => {
    const watched = await createGame(server, { scenarioId: "classroom-quick", settings: { bots: false } });
    const observer = await join.observer(server.endpoint, watched.code, "Projector");
    open.push(observer);
    // Another game, created after the observer came in, sleeps twice meanwhile.
    const idle = await createGame(server, { scenarioId: "classroom-quick", settings: { bots: false } });
    await waitAsleep(idle.code);
    await lobby(server, idle.code);
    await waitAsleep(idle.code);
    expect(stored(server.databasePath, watched.code)).toMatchObject({ asleep: false, leased: true });
    expect(await liveGames()).toBe(1);
    expect(observer.open).toBe(true);
  });
});

describe("a game under way that everyone left", () => {
  it("sleeps after the longer idle time and comes back as it was, for a player with their token", async () => {
    const { code, facilitatorKey } = await createGame(server, {
      scenarioId: "classroom-quick",
      settings: { bots: false, seed: 8, eventSeconds: 600, negotiationSeconds: 3600, reviewSeconds: 600 },
    });
    const fac = await join.facilitator(server.endpoint, code, facilitatorKey);
    const ana = await join.player(server.endpoint, code, { name: "Ana", seat: "US" });
    await fac.command({ type: "start" });
    await fac.command({ type: "advance" });
    const { version } = await ana.ok({ type: "chat", channel: "plenary", text: "Before the weekend." });
    await eventually(() => expect(fac.view().version).toBe(version));
    const before = { phase: fac.view().phase, round: fac.view().round, rejoinCodes: fac.view().rejoinCodes };
    await leaveAll(fac, ana);
    await waitAsleep(code);
    expect(await liveGames()).toBe(0);

    const back = await join.player(server.endpoint, code, { name: "Ana", token: ana.welcome.token! });
    try {
      expect(back.welcome).toMatchObject({ seat: "US" });
      await eventually(() => expect(back.view()).toMatchObject({ version, phase: before.phase, round: before.round }));
      expect(back.view().messages.map((m) => m.text)).toContain("Before the weekend.");
      const facBack = await join.facilitator(server.endpoint, code, facilitatorKey);
      expect(facBack.view().rejoinCodes).toEqual(before.rejoinCodes);
      await facBack.leave();
    } finally {
      await back.leave();
    }
  });
});

describe("a class whose tables slept", () => {
  it("wakes them for its join screen: the tables are in their lobby, not over, and a student is placed", async () => {
    const res = await fetch(`${server.url}/api/classes`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ scenarioId: "classroom-quick", tables: 2, assign: "balanced", roster: [], settings: { bots: false } }),
    });
    const made = (await res.json()) as { code: string; tables: string[] };
    expect(res.status).toBe(201);
    for (const table of made.tables) await waitAsleep(table);
    const info = (await (await fetch(`${server.url}/api/classes/${made.code}`)).json()) as { tables: { phase: string }[] };
    expect(info.tables.map((t) => t.phase)).toEqual(["lobby", "lobby"]);
    for (const table of made.tables) await waitAsleep(table);
    const joined = await fetch(`${server.url}/api/classes/${made.code}/join`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name: "Student 1" }) });
    expect(joined.status).toBe(201);
    // Her table sleeps before she gets there: woken by someone joining it by its own code, it still keeps her seat.
    const place = (await joined.json()) as { game: string; seat: string; token: string };
    await waitAsleep(place.game);
    expect(await refusedJoin(server.endpoint, place.game, { as: "player", name: "Zed", seat: place.seat })).toMatch(/^seat\/held: /);
    const student = await join.player(server.endpoint, place.game, { name: "Student 1", seat: place.seat, place: place.token });
    expect(student.welcome.seat).toBe(place.seat);
    await student.leave();
  });
});

describe("a game left paused", () => {
  it("comes back paused after it slept, with the time its phase had left at the pause (an extend counted), until the facilitator resumes", async () => {
    const { code, facilitatorKey } = await createGame(server, {
      scenarioId: "classroom-quick",
      settings: { bots: true, seed: 9, eventSeconds: 600, negotiationSeconds: 3600, reviewSeconds: 600 },
    });
    const fac = await join.facilitator(server.endpoint, code, facilitatorKey);
    const ana = await join.player(server.endpoint, code, { name: "Ana", seat: "US" });
    await fac.command({ type: "start" });
    await fac.command({ type: "advance" });
    await fac.command({ type: "pause" });
    await fac.command({ type: "extend", seconds: 60 });
    await eventually(() => expect(fac.view()).toMatchObject({ phase: "negotiation", paused: true }));
    await eventually(() => expect(fac.view().remainingMs).toBeGreaterThan(3_600_000));
    const left = fac.view().remainingMs;
    await leaveAll(fac, ana);
    await waitAsleep(code);

    const back = await join.facilitator(server.endpoint, code, facilitatorKey);
    try {
      expect(back.view()).toMatchObject({ phase: "negotiation", paused: true });
      // What the pause left, to within the moment between the clock's pause and its record in the log.
      expect(Math.abs(back.view().remainingMs - left)).toBeLessThan(2_000);
      await back.command({ type: "resume" });
      await eventually(() => expect(back.view().paused).toBe(false));
      expect(back.view().deadline).toBeGreaterThan(Date.now() + 3_000_000);
    } finally {
      await back.leave();
    }
  });
});

describe("a restart", () => {
  it("does not restore a sleeping game; a join afterwards wakes it", { timeout: withBoots(2) }, async () => {
    const db = tempDatabase();
    let first: ServerProcess | undefined = await startServerProcess({ databasePath: db.databasePath, env: IDLE });
    let second: ServerProcess | undefined;
    try {
      const { code } = await createGame(first, { scenarioId: "classroom-quick", settings: { bots: false } });
      const ana = await join.player(first.endpoint, code, { name: "Ana", seat: "JP" });
      await ana.leave();
      await waitAsleep(code, first);
      expect(await first.stop()).toEqual({ code: 0, signal: null });
      first = undefined;

      second = await startServerProcess({ databasePath: db.databasePath, env: IDLE });
      expect(await liveGames(second)).toBe(0);
      expect(stored(db.databasePath, code)).toMatchObject({ asleep: true, leased: false });
      const back = await join.player(second.endpoint, code, { name: "Ana", token: ana.welcome.token! });
      expect(back.welcome).toMatchObject({ seat: "JP" });
      expect(await liveGames(second)).toBe(1);
      await back.leave();
    } finally {
      await first?.stop();
      await second?.stop();
      db.cleanup();
    }
  });
});

describe("a what-if fork nobody joined", () => {
  it("sleeps on the lobby's idle time, not a game under way's; once someone has joined it, on a game's", { timeout: withBoots(1) }, async () => {
    // Games under way never sleep here: only the lobby's idle time can put a fork to sleep.
    const db = tempDatabase();
    const s = await startServerProcess({ databasePath: db.databasePath, env: { IDLE_LOBBY_SECONDS: "0.4", IDLE_GAME_SECONDS: "0" } });
    try {
      const { code, facilitatorKey } = await createGame(s, { scenarioId: "classroom-quick", settings: { bots: true, seed: 10, eventSeconds: 600, negotiationSeconds: 3600, reviewSeconds: 600 } });
      const fac = await join.facilitator(s.endpoint, code, facilitatorKey);
      await fac.command({ type: "start" });
      await fac.leave();
      const fork = async () => {
        const res = await fetch(`${s.url}/api/games/${code}/fork`, { method: "POST", headers: { "content-type": "application/json", "x-facilitator-key": facilitatorKey }, body: JSON.stringify({ round: 1 }) });
        expect(res.status).toBe(201);
        return ((await res.json()) as { code: string }).code;
      };

      const unjoined = await fork();
      await waitAsleep(unjoined, s);
      expect(stored(s.databasePath, unjoined)).toEqual({ asleep: true, leased: false, finished: false });

      // The facilitator opens it (waking it) and leaves: from then on it is a game under way.
      const joined = await fork();
      const facFork = await join.facilitator(s.endpoint, joined, facilitatorKey);
      expect(facFork.view()).toMatchObject({ round: 1, phase: "event" });
      await facFork.leave();
      // A fork made after it sleeps on the lobby's time; the one the facilitator opened does not.
      await waitAsleep(await fork(), s);
      expect(stored(s.databasePath, joined).asleep).toBe(false);
      expect(stored(s.databasePath, code).asleep).toBe(false);
    } finally {
      await s.stop();
      db.cleanup();
    }
  });
});
