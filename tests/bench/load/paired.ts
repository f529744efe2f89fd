/**
 * Two or more trees of the project (main before and after a change, say) serving the load
 * model at the same time: every game server on core 0, one load generator on core 1, so a noisy
 * minute on a shared machine hits them alike (the quick bench's steps, one kind after the
 * other, cannot tell 10% apart: docs/PERFORMANCE.md). Prints each server's CPU per request over
 * the same seconds, and each one's over A's.
 *
 *   node --import tsx tests/bench/load/paired.ts TREE_A TREE_B [TREE_C...] [rooms=20] [warmup=10] [measure=30]
 *
 * Each tree's own tests/bench/load/server-child.ts starts its own server.ts; the players are
 * this tree's load model. Run it a few times with the trees in both orders. A tree named
 * `bare` is this tree's bare Colyseus room (./bare-room.ts) under the same number of rooms:
 * `paired.ts bare TREE` is the target's ratio (game over bare) in the same seconds.
 */
import { loadavg } from "node:os";
import { resolve } from "node:path";
import "./counting-socket.ts";
import { bareRoomPlayers, drive, gameRoomPlayers, leave, PLAYERS_PER_ROOM, type Player } from "./load-model.ts";
import { pin } from "./ipc-child.ts";
import { BenchServer } from "./server-child.ts";
import { sleep } from "../../helpers/wait.ts";

type ServerChild = typeof import("./server-child.ts");

// Trees first (two or more), then the numbers.
const args = process.argv.slice(2);
const treeArgs = args.filter((x) => !/^\d+$/.test(x));
const [roomsArg, warmArg, measureArg] = args.filter((x) => /^\d+$/.test(x));
if (treeArgs.length < 2) throw new Error("usage: paired.ts TREE_A TREE_B [TREE_C...] [rooms] [warmup s] [measure s]");
const rooms = Number(roomsArg ?? 20);
const warmup = Number(warmArg ?? 10);
const measure = Number(measureArg ?? 30);
const trees = treeArgs.map((t) => (t === "bare" ? t : resolve(t)));

pin(process.pid, 1);
const servers = await Promise.all(
  trees.map(async (tree) => (tree === "bare" ? BenchServer.start("bare", 0) : ((await import(`${tree}/tests/bench/load/server-child.ts`)) as ServerChild).BenchServer.start("game", 0))),
);
const sent = trees.map(() => 0);
// Every server's rooms are set up at once, and their players take turns room by room in the
// load model's schedule (each player's place in the list sets its phase in the second), so no
// tree gets the earlier setup or its own part of each second.
const perServer = await Promise.all(servers.map((server, i) => (trees[i] === "bare" ? bareRoomPlayers(server as BenchServer, rooms) : gameRoomPlayers(server, rooms))));
const players: Player[] = [];
for (let room = 0; room < rooms; room++)
  for (const [i, list] of perServer.entries())
    for (const p of list.slice(room * PLAYERS_PER_ROOM, (room + 1) * PLAYERS_PER_ROOM)) {
      const next = p.next;
      players.push({ ...p, next: (n) => (sent[i]!++, next(n)) });
    }
const load = drive(players);
await sleep(warmup * 1000);
const before = await Promise.all(servers.map((s) => s.stats()));
const sentBefore = [...sent];
await sleep(measure * 1000);
const after = await Promise.all(servers.map((s) => s.stats()));
const cpu = servers.map((_, i) => (after[i]!.cpuMs - before[i]!.cpuMs) / (sent[i]! - sentBefore[i]!));
await load.stop();
await leave(players);
await Promise.all(servers.map((s) => s.stop()));
console.log(
  `rooms ${rooms} each, load average ${loadavg()[0]!.toFixed(1)}: ` +
    trees.map((tree, i) => `${"ABCDEFGH"[i]} ${cpu[i]!.toFixed(3)} ms/request (${tree})${i ? `, ${"ABCDEFGH"[i]}/A ${(cpu[i]! / cpu[0]!).toFixed(3)}` : ""}`).join("; "),
);
process.exit(0);
