/**
 * Idle games sleep with several processes (docs/DEPLOY.md, "Idle games sleep"): Debian's
 * redis-server and PostgreSQL, two game processes. A game nobody is connected to goes to sleep
 * on the process that runs it (its lease given up, not a lapsed lease for the watch); players who
 * come back through both processes at once — by code and by seat token — all get in, and exactly
 * one process runs the game afterwards.
 */
import { afterEach, describe, expect, it } from "vitest";
import { expectCleanDecoding, join, leaveAll } from "../helpers/game-client.ts";
import { createGame, getJson } from "../helpers/server-process.ts";
import { clusterPerFile } from "../helpers/cluster.ts";
import { waitFor } from "../helpers/wait.ts";

const { procs, store } = clusterPerFile(2, "sleep", { IDLE_LOBBY_SECONDS: "0.5", IDLE_GAME_SECONDS: "0.5", LEASE_SECONDS: "2" });

afterEach(() => expectCleanDecoding());

const liveGames = async () => (await Promise.all(procs.map(async (p) => (await getJson<{ games: number }>(p, "/api/health")).body.games))).reduce((a, b) => a + b, 0);

describe("two game processes on Redis and PostgreSQL", () => {
  it("a sleeping game is no lapsed lease; joins through both processes at once wake it on exactly one", async () => {
    const { code } = await createGame(procs[0]!, { scenarioId: "classroom-quick", settings: { bots: false } });
    const ana = await join.player(procs[1]!.endpoint, code, { name: "Ana", seat: "US" });
    const token = ana.welcome.token!;
    await ana.leave();
    await waitFor(async () => await store().isAsleep(code), { message: "the game to sleep" });
    expect(await store().leaseOf(code)).toMatchObject({ owner: null, live: false });
    // No lease watch takes it: a sleeping game is never one of lapsedGames (tests/storage/store.test.ts).
    expect(await store().lapsedGames()).not.toContain(code);
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
      const lease = await store().leaseOf(code);
      expect(lease).toMatchObject({ live: true });
      // All three reached the one room: each sees the others.
      await waitFor(() => ["US", "NL", "JP"].every((s) => noor.view().seats.find((x) => x.id === s)?.holders.some((h) => h.connected)), { message: "everyone in one room" });
    } finally {
      await leaveAll(anaBack, noor, jun);
    }
  });
});
