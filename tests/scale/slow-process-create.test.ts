/**
 * Games created while another process answers the matchmaker late, on the real parts (two game
 * processes on Redis and PostgreSQL). Colyseus asks the process it picks to create a game's room
 * and, past its remote-call timeout, creates the room where the request came in as well; on a
 * loaded machine the slow process had already claimed the game, and a teacher's new class was
 * answered 500 (server/rooms/open-game.ts). The timeout is cut to a millisecond here, so every
 * room another process creates is answered late: each class and game is still created, and
 * each of its games runs on exactly one process.
 */
import { afterEach, expect, it } from "vitest";
import { expectCleanDecoding } from "../helpers/game-client.ts";
import { clusterPerFile } from "../helpers/cluster.ts";
import { waitFor } from "../helpers/wait.ts";
import type { CreateClassReply } from "../../shared/protocol/classes.ts";
import type { CreateGameReply } from "../../shared/protocol/messages.ts";

const { procs, store } = clusterPerFile(2, "slowcreate", { COLYSEUS_PRESENCE_SHORT_TIMEOUT: "1" });
afterEach(() => expectCleanDecoding());

const post = (url: string, body: unknown) => fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

it("a class and a game are created, and each game runs on one process, when the process that opens a room answers late", async () => {
  const codes: string[] = [];
  for (const proc of procs) {
    const cls = await post(`${proc.url}/api/classes`, { scenarioId: "classroom-quick", tables: 5, settings: { bots: true, teams: false, negotiationSeconds: 600 } });
    expect(cls.status, await cls.clone().text()).toBe(201);
    codes.push(...((await cls.json()) as CreateClassReply).tables);
    const game = await post(`${proc.url}/api/games`, { scenarioId: "classroom-quick", settings: { bots: true, teams: false } });
    expect(game.status, await game.clone().text()).toBe(201);
    codes.push(((await game.json()) as CreateGameReply).code);
  }
  // Each game held by one of the two game processes.
  const pids = procs.map((p) => String(p.child.pid));
  const owners = await waitFor(
    async () => {
      const now = await Promise.all(codes.map(async (c) => (await store().leaseOf(c))?.owner?.split(":")[1]));
      return now.every((o) => o && pids.includes(o)) ? now : undefined;
    },
    { timeout: 20_000, message: "every game leased by a game process" },
  );
  // Both processes opened rooms, so the ones asked of the other process were answered late.
  expect(new Set(owners).size).toBe(2);
});
