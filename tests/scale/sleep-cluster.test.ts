/**
 * Idle games sleep with several processes (docs/DEPLOY.md, "Idle games sleep"): Debian's
 * redis-server and PostgreSQL, two game processes. A game nobody is connected to goes to sleep
 * on the process that runs it (its lease given up, not a lapsed lease for the watch); players who
 * come back through both processes at once — by code and by seat token — all get in, and exactly
 * one process runs the game afterwards.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { PostgresStore } from "../../server/storage/postgres-store.ts";
import { expectCleanDecoding, join, leaveAll } from "../helpers/game-client.ts";
import { createGame, freePort, getJson, startServerProcess, tempDatabase, type ServerProcess } from "../helpers/server-process.ts";
import { startPostgres, startRedis, type Service } from "../helpers/services.ts";
import { sleep, waitFor } from "../helpers/wait.ts";

const unused = tempDatabase();
let redis: Service | undefined;
let pg: (Service & { database(name: string): Promise<string> }) | undefined;
let store: PostgresStore | undefined;
const procs: ServerProcess[] = [];

async function startGameProcess(redisUrl: string, databaseUrl: string): Promise<ServerProcess> {
  const port = await freePort();
  return startServerProcess({
    databasePath: unused.databasePath,
    port,
    env: { REDIS_URL: redisUrl, DATABASE_URL: databaseUrl, PUBLIC_ADDRESS: `127.0.0.1:${port}`, IDLE_LOBBY_SECONDS: "0.5", IDLE_GAME_SECONDS: "0.5", LEASE_SECONDS: "2" },
  });
}

beforeAll(async () => {
  [redis, pg] = await Promise.all([startRedis(), startPostgres()]);
  const databaseUrl = await pg.database("sleep");
  procs.push(...(await Promise.all([0, 1].map(() => startGameProcess(redis!.url, databaseUrl)))));
  store = await PostgresStore.open(databaseUrl);
}, 240_000);

afterAll(async () => {
  await Promise.all(procs.map((p) => Promise.race([p.stop(), sleep(15_000).then(() => p.kill())])));
  await store?.close();
  await redis?.stop();
  await pg?.stop();
  unused.cleanup();
}, 60_000);

afterEach(() => expectCleanDecoding());

const liveGames = async () => (await Promise.all(procs.map(async (p) => (await getJson<{ games: number }>(p, "/api/health")).body.games))).reduce((a, b) => a + b, 0);

describe("two game processes on Redis and PostgreSQL", () => {
  it("a sleeping game is no lapsed lease; joins through both processes at once wake it on exactly one", async () => {
    const { code } = await createGame(procs[0]!, { scenarioId: "classroom-quick", settings: { bots: false } });
    const ana = await join.player(procs[1]!.endpoint, code, { name: "Ana", seat: "US" });
    const token = ana.welcome.token!;
    await ana.leave();
    await waitFor(async () => await store!.isAsleep(code), { message: "the game to sleep" });
    expect(await store!.leaseOf(code)).toMatchObject({ owner: null, live: false });
    // No lease watch takes it: a sleeping game is never one of lapsedGames (tests/storage/store.test.ts).
    expect(await store!.lapsedGames()).not.toContain(code);
    expect(await liveGames()).toBe(0);

    const [anaBack, noor, jun] = await Promise.all([
      join.player(procs[0]!.endpoint, code, { name: "Ana", token }),
      join.player(procs[1]!.endpoint, code, { name: "Noor", seat: "NL" }),
      join.player(procs[0]!.endpoint, code, { name: "Jun", seat: "JP" }),
    ]);
    try {
      expect(anaBack.welcome).toMatchObject({ seat: "US" });
      expect(noor.welcome).toMatchObject({ seat: "NL" });
      expect(jun.welcome).toMatchObject({ seat: "JP" });
      expect(await liveGames()).toBe(1);
      const lease = await store!.leaseOf(code);
      expect(lease).toMatchObject({ live: true });
      // All three reached the one room: each sees the others.
      await waitFor(() => ["US", "NL", "JP"].every((s) => noor.view().seats.find((x) => x.id === s)?.holders.some((h) => h.connected)), { message: "everyone in one room" });
    } finally {
      await leaveAll(anaBack, noor, jun);
    }
  });
});
