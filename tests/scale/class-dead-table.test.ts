/**
 * A class whose table's process died (SIGKILL), on the real parts (two game processes on Redis
 * and PostgreSQL): until another process restores the table from its log, the class console's
 * reads through the living process show it as not running at once, rather than each waiting
 * out Colyseus's remote-call timeout (server/rooms/room-call.ts); then the table is back.
 */
import { afterEach, expect, it } from "vitest";
import { expectCleanDecoding } from "../helpers/game-client.ts";
import type { ServerProcess } from "../helpers/server-process.ts";
import { clusterPerFile } from "../helpers/cluster.ts";
import { waitFor } from "../helpers/wait.ts";
import type { ClassStatus, CreateClassReply } from "../../shared/protocol/classes.ts";

const { procs, store } = clusterPerFile(2, "classdead");
afterEach(() => expectCleanDecoding());

it("the class console answers at once while a table's process is dead, and shows the table again once it is restored", async () => {
  const created = await fetch(`${procs[0]!.url}/api/classes`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ scenarioId: "classroom-quick", tables: 2, settings: { bots: true, teams: false, quickStart: true, negotiationSeconds: 600, reconnectSeconds: 60 } }),
  });
  expect(created.status).toBe(201);
  const { code, facilitatorKey: key, tables } = (await created.json()) as CreateClassReply;
  const runner = async (game: string): Promise<ServerProcess> => {
    const owner = await waitFor(async () => (await store().leaseOf(game))?.owner, { message: `a lease on ${game}` });
    return procs.find((p) => owner.split(":")[1] === String(p.child.pid))!;
  };
  const victim = await runner(tables[0]!);
  const living = procs.find((p) => p !== victim)!;
  const lost = (await Promise.all(tables.map(runner))).flatMap((p, i) => (p === victim ? [i] : []));
  const status = async () => {
    const res = await fetch(`${living.url}/api/classes/${code}/status`, { headers: { "x-facilitator-key": key } });
    expect(res.status).toBe(200);
    return (await res.json()) as ClassStatus;
  };
  expect((await status()).tables.map((t) => t.phase)).toEqual(["lobby", "lobby"]);

  expect((await victim.kill()).signal).toBe("SIGKILL");
  const sinceKill = living.output().length;
  procs.splice(procs.indexOf(victim), 1);
  // The teacher's console reads on (every few seconds; here as fast as it answers) until the table is back.
  const reads: { ms: number; down: boolean }[] = [];
  await waitFor(
    async () => {
      const began = Date.now();
      const s = await status();
      reads.push({ ms: Date.now() - began, down: lost.some((i) => s.tables[i]!.phase === "ended") });
      return reads.some((r) => r.down) && !reads.at(-1)!.down;
    },
    { timeout: 30_000, interval: 100, message: "the table shown as not running, then back" },
  );
  // The first read may have gone out as the process died; no later one waited out the remote
  // call's timeout. Told by the living process's log (server/rooms/room-call.ts logs each call
  // that timed out), not by how long a read took, which a loaded machine stretches by itself.
  const down = reads.filter((r) => r.down).slice(1);
  expect(down.length).toBeGreaterThan(0);
  const waited = living
    .output()
    .slice(sinceKill)
    .split("\n")
    .filter((line) => line.includes("did not answer") && line.includes('"timedOut":true'));
  expect(waited.length, `${JSON.stringify(reads)}\n${waited.join("\n")}`).toBeLessThanOrEqual(lost.length);
  expect((await status()).tables.map((t) => t.phase)).toEqual(["lobby", "lobby"]);
  console.log(`scale: ${reads.filter((r) => r.down).length} class console reads while a table was down, the slowest after the first ${Math.max(...down.map((r) => r.ms))} ms`);
});
