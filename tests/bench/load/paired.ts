/**
 * Two trees of the project (main before and after a change, say) serving the load model at
 * the same time: both game servers on core 0, one load generator on core 1, so a noisy minute
 * on a shared machine hits both alike (the quick bench's steps, one kind after the other,
 * cannot tell 10% apart: docs/PERFORMANCE.md). Prints each server's CPU per request over the
 * same seconds, and B's over A's.
 *
 *   node --import tsx tests/bench/load/paired.ts TREE_A TREE_B [rooms=20] [warmup=10] [measure=30]
 *
 * Each tree's own tests/bench/load/server-child.ts starts its own server.ts; the players are
 * this tree's load model. Run it a few times with the trees in both orders.
 */
import { loadavg } from "node:os";
import { resolve } from "node:path";
import "./counting-socket.ts";
import { drive, gameRoomPlayers, leave, type Player } from "./load-model.ts";
import { pin } from "./server-child.ts";

type ServerChild = typeof import("./server-child.ts");

const [a, b, roomsArg, warmArg, measureArg] = process.argv.slice(2);
if (!a || !b) throw new Error("usage: paired.ts TREE_A TREE_B [rooms] [warmup s] [measure s]");
const rooms = Number(roomsArg ?? 20);
const warmup = Number(warmArg ?? 10);
const measure = Number(measureArg ?? 30);
const trees = [resolve(a), resolve(b)];

pin(process.pid, 1);
const servers = await Promise.all(trees.map(async (tree) => ((await import(`${tree}/tests/bench/load/server-child.ts`)) as ServerChild).BenchServer.start("game", 0)));
const sent = [0, 0];
const players: Player[] = [];
for (const [i, server] of servers.entries()) {
  for (const p of await gameRoomPlayers(server, rooms)) {
    const next = p.next;
    players.push({ ...p, next: (n) => (sent[i]!++, next(n)) });
  }
}
const load = drive(players);
const sleep = (s: number) => new Promise((r) => setTimeout(r, s * 1000));
await sleep(warmup);
const before = await Promise.all(servers.map((s) => s.stats()));
const sentBefore = [...sent];
await sleep(measure);
const after = await Promise.all(servers.map((s) => s.stats()));
const cpu = servers.map((_, i) => (after[i]!.cpuMs - before[i]!.cpuMs) / (sent[i]! - sentBefore[i]!));
await load.stop();
await leave(players);
await Promise.all(servers.map((s) => s.stop()));
console.log(
  `rooms ${rooms} each, load average ${loadavg()[0]!.toFixed(1)}: A ${cpu[0]!.toFixed(3)} ms/request (${trees[0]}), B ${cpu[1]!.toFixed(3)} ms/request (${trees[1]}), B/A ${(cpu[1]! / cpu[0]!).toFixed(3)}`,
);
process.exit(0);
