/**
 * Games nobody joins cost the server memory while their lobby is open (docs/DEPLOY.md, "Idle
 * games sleep"): it opens only so many lobbies nobody has joined, refusing a new game or class
 * in plain words past that, and such a lobby sleeps sooner than one someone joined, which frees
 * its place. A lobby someone joined no longer counts.
 */
import { DatabaseSync } from "node:sqlite";
import { afterAll, describe, expect, it } from "vitest";
import { join, leaveAll, type Conn } from "../helpers/game-client.ts";
import type { ServerProcess } from "../helpers/server-process.ts";
import { serverPerFile } from "../helpers/server-per-file.ts";
import { eventually, waitFor } from "../helpers/wait.ts";
import { t } from "../../client/i18n/index.ts";
import type { LobbyInfo } from "../../shared/protocol/messages.ts";

const create = async (server: ServerProcess, path = "/api/games", body: unknown = { scenarioId: "classroom-quick" }) => {
  const res = await fetch(`${server.url}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as { code: string; facilitatorKey: string; error?: { code: string; message: string } } };
};
const liveGames = async (server: ServerProcess) => ((await (await fetch(`${server.url}/api/health`)).json()) as { games: number }).games;

describe("at most so many lobbies nobody has joined", () => {
  let server: ServerProcess;
  const conns: Conn[] = [];
  serverPerFile((s) => (server = s), { env: { UNJOINED_LOBBIES: "3", IDLE_UNJOINED_SECONDS: "0" } });
  afterAll(() => leaveAll(...conns));

  it("past the cap a new game and a new class are refused in plain words; a lobby someone joined frees its place", async () => {
    const made = [];
    for (let i = 0; i < 3; i++) {
      const r = await create(server);
      expect(r.status).toBe(201);
      made.push(r.body);
    }
    const refused = await create(server);
    expect(refused.status).toBe(503);
    expect(refused.body.error).toMatchObject({ code: "server/busy", message: t("http.tooManyNewGames") });
    expect((await create(server, "/api/classes", { scenarioId: "classroom-quick", tables: 1 })).status).toBe(503);
    // The facilitator of the first opens it: it is a game in use now, and a new one fits again.
    conns.push(await join.facilitator(server.endpoint, made[0]!.code, made[0]!.facilitatorKey));
    expect((await create(server)).status).toBe(201);
    expect((await create(server)).status).toBe(503);
  });
});

describe("a lobby nobody joined sleeps sooner", () => {
  let server: ServerProcess;
  serverPerFile((s) => (server = s), { env: { UNJOINED_LOBBIES: "1", IDLE_UNJOINED_SECONDS: "2" } });

  it("the unjoined lobby goes to sleep after its short idle time, and a new game is then let in; the sleeping one still opens by its code", async () => {
    const first = await create(server);
    expect(first.status).toBe(201);
    await eventually(async () => expect(await liveGames(server)).toBe(0), { timeout: 30_000 });
    const second = await create(server);
    expect(second.status).toBe(201);
    // The first game is asleep, not gone: its facilitator still opens it.
    const fac = await join.facilitator(server.endpoint, first.body.code, first.body.facilitatorKey);
    expect(fac.view().phase).toBe("lobby");
    await leaveAll(fac);
  });
});

describe("a lobby its creator joined and left is unused again", () => {
  let server: ServerProcess;
  const conns: Conn[] = [];
  serverPerFile((s) => (server = s), { env: { UNJOINED_LOBBIES: "2", IDLE_UNJOINED_SECONDS: "20" } });
  afterAll(() => leaveAll(...conns));

  it("a script that opens each game it creates and leaves it (even from a seat) still meets the cap, and its lobbies sleep as soon as unjoined ones", async () => {
    const first = await create(server);
    const second = await create(server);
    expect([first.status, second.status]).toEqual([201, 201]);
    await leaveAll(await join.facilitator(server.endpoint, first.body.code, first.body.facilitatorKey));
    await leaveAll(await join.player(server.endpoint, second.body.code, { name: "Script", seat: "US" }));
    // Nobody is in either lobby: they count as unused, so the cap of two is reached.
    const refused = await create(server);
    expect(refused.status).toBe(503);
    expect(refused.body.error).toMatchObject({ code: "server/busy", message: t("http.tooManyNewGames") });
    // And they sleep after the short idle time, which frees the places.
    await eventually(async () => expect(await liveGames(server)).toBe(0), { timeout: 60_000 });
    const third = await create(server);
    expect(third.status).toBe(201);
    // A lobby someone is in is in use: it does not count, however long they stay.
    conns.push(await join.facilitator(server.endpoint, third.body.code, third.body.facilitatorKey));
    expect((await create(server)).status).toBe(201);
    expect((await create(server)).status).toBe(201);
    expect((await create(server)).status).toBe(503);
    // Asleep, not gone: looked up by its code, the seated player's lobby wakes with the seat still theirs.
    const info = (await (await fetch(`${server.url}/api/games/${second.body.code}`)).json()) as LobbyInfo;
    expect(info.seats.find((s) => s.id === "US")?.holders).toEqual([{ name: "Script", roles: expect.any(Array), connected: false }]);
  });
});

describe("at most so many games nobody is connected to", () => {
  let server: ServerProcess;
  const conns: Conn[] = [];
  serverPerFile((s) => (server = s), { env: { EMPTY_ROOMS: "2" } });
  afterAll(() => leaveAll(...conns));

  /** Whether the database has the game asleep. */
  const asleep = (code: string) => {
    const db = new DatabaseSync(server.databasePath, { readOnly: true });
    try {
      return (db.prepare("SELECT slept_at FROM games WHERE code = ?").get(code) as { slept_at: number | null }).slept_at !== null;
    } finally {
      db.close();
    }
  };

  /** A quick game started by its one player, who then leaves: a game under way that nobody is in. */
  const startedAndLeft = async (stay = false) => {
    const made = await create(server, "/api/games", { scenarioId: "classroom-quick", settings: { quickStart: true, bots: false } });
    expect(made.status).toBe(201);
    const player = await join.player(server.endpoint, made.body.code, { name: "Script", seat: "US" });
    await eventually(async () => expect(player.view().phase).not.toBe("lobby"));
    if (stay) conns.push(player);
    else await leaveAll(player);
    return { code: made.body.code, player };
  };

  it("past the cap, the game left the longest goes to sleep at once; a game someone is in never does, and a sleeping one wakes as it was", async () => {
    const first = await startedAndLeft();
    const kept = await startedAndLeft(true);
    const second = await startedAndLeft();
    expect(await liveGames(server)).toBe(3);
    // A new game is one more nobody is in (until its player comes): one over the cap, the first left goes to sleep.
    await startedAndLeft();
    await eventually(async () => expect(await liveGames(server)).toBe(3), { timeout: 30_000 });
    await waitFor(() => asleep(first.code), { timeout: 30_000, message: "the first game to go to sleep" });
    expect(kept.player.open).toBe(true);
    expect(await kept.player.act({ type: "ready", ready: true })).toMatchObject({ ok: true });
    // Looked up by its code, the first wakes under way; the second, now the longest left, sleeps in its place.
    const info = (await (await fetch(`${server.url}/api/games/${first.code}`)).json()) as LobbyInfo;
    expect(info.phase).not.toBe("lobby");
    expect(info.seats.find((s) => s.id === "US")?.holders).toEqual([{ name: "Script", roles: expect.any(Array), connected: false }]);
    await waitFor(() => asleep(second.code), { timeout: 30_000, message: "the second game to go to sleep" });
  });
});
