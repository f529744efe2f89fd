/**
 * What the game server's heap holds and what its requests promote to the old generation, under
 * the load model at one number of rooms: V8's sampling heap profiler in the bench server
 * (BENCH_HEAP, ./server.ts), read at three moments of one step on a warmed server.
 *
 *   node --import tsx tests/bench/load/heap.ts ROOMS [warm=30] [settle=15] [measure=10] [interval=32768]
 *   BENCH_HEAP_PROMOTED=1 node --import tsx tests/bench/load/heap.ts ROOMS ...
 *   BENCH_HEAP_ALLOCATED=1 node --import tsx tests/bench/load/heap.ts ROOMS ...
 *
 * Without BENCH_HEAP_PROMOTED it prints what the warmed server holds before the step's rooms,
 * what is alive after a full collection once the rooms have settled (the rooms' state, by
 * allocation site), and what was allocated in the measured seconds and is still alive after a
 * full collection 3 s after them (what the rooms keep growing). With it, the samples of
 * objects freed by full collections stay in the profile, so what the measured seconds
 * allocated and is still in the profile 3 s after them is every object that outlived the young
 * generation (promoted), dead or alive: by allocation site, and a request's share.
 * BENCH_HEAP_ALLOCATED=1 keeps every sample: what a request allocates. Each table is given by
 * the project's frame nearest the allocation, the allocating function, the last six frames,
 * and every project function on the stack. The server's code runs through tsx, so a frame's
 * place reads line:column of the transpiled file (a function's name tells it).
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import "./counting-socket.ts";
import { LoadGenerators } from "./generators.ts";
import { pin } from "./ipc-child.ts";
import { createGameRooms } from "./load-model.ts";
import { TWO_CORES, warmServer, type LoadOptions } from "./measure.ts";
import { sleep } from "../../helpers/wait.ts";

const [rooms = 200, warm = 30, settle = 15, measure = 10, interval = 32768] = process.argv.slice(2).map(Number);
const allocated = process.env.BENCH_HEAP_ALLOCATED === "1";
const promoted = allocated || process.env.BENCH_HEAP_PROMOTED === "1";
process.env.BENCH_HEAP = String(interval);
const log = (line: string) => console.log(line);
const o: LoadOptions = { warm: { seconds: warm, sliceSeconds: warm, rooms: { bare: 40, game: 40 } }, settleSeconds: settle, measureSeconds: measure, precision: 0.1, maxSteps: 1, generators: 4, log };

type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number }; selfSize: number; children: Node[] };
type Profile = { head: Node; samples: { size: number; nodeId: number; ordinal: number }[] };

const pinned = TWO_CORES && pin(process.pid, 1);
log(`load average ${loadavg()[0]!.toFixed(1)}; ${allocated ? "allocated" : promoted ? "promoted" : "live"} samples every ${interval} B`);
const generators = await LoadGenerators.start(o.generators, pinned ? 1 : undefined);
const { server } = await warmServer("game", generators, o);
const dir = mkdtempSync(join(tmpdir(), "heap-"));
let n = 0;
const read = async (gc: boolean): Promise<Profile> => {
  const file = join(dir, `${n++}.json`);
  await server.request({ type: "heap-profile", file, gc });
  return JSON.parse(readFileSync(file, "utf8")) as Profile;
};
// The warm-up's closed rooms let go of their memory within a few seconds (as ./measure.ts's steps wait).
for (let heap = (await server.stats(true)).heapUsed, i = 0; i < 20; i++) {
  await sleep(1000);
  const now = (await server.stats(true)).heapUsed;
  if (now > heap * 0.98) break;
  heap = now;
}
const before = await read(true);
const heapBefore = (await server.stats(true)).heapUsed;
await generators.join("game", server.endpoint, await createGameRooms(server, rooms));
await generators.drive();
await sleep(settle * 1000);
const settled = await read(true);
const heapSettled = (await server.stats()).heapUsed;
await generators.reset();
const c0 = (await server.stats()).cpuMs;
await sleep(measure * 1000);
const c1 = (await server.stats()).cpuMs;
const requests = (await generators.collect()).latencies.length;
const atEnd = await read(false);
await sleep(3000);
const later = await read(!promoted);
const heapEnd = (await server.stats()).heapUsed;
await generators.stopDriving();
await generators.leave();
await server.stop();
await generators.close();
rmSync(dir, { recursive: true, force: true });

// Each sample's allocation stack: its top frame, and the first frame of the project's own code.
const where = (p: Profile) => {
  const m = new Map<number, { top: string; ours: string; stack: string; within: string[] }>();
  const label = (nd: Node) => `${nd.callFrame.functionName || "(anonymous)"} ${nd.callFrame.url.replace(/^.*\/(node_modules\/(?:\.pnpm\/)?(?:@[^/]+\/)?[^/]+|server|shared|tests)\//, "$1/")}:${nd.callFrame.lineNumber + 1}:${nd.callFrame.columnNumber + 1}`;
  const walk = (nd: Node, path: Node[]) => {
    const here = [...path, nd];
    const ours = [...here].reverse().find((f) => /\/(server|shared)\//.test(f.callFrame.url) && !f.callFrame.url.includes("node_modules"));
    const within = [...new Set(here.filter((f) => /\/(server|shared)\//.test(f.callFrame.url) && !f.callFrame.url.includes("node_modules")).map(label))];
    m.set(nd.id, { top: label(nd), ours: ours ? label(ours) : "(no project frame)", stack: here.slice(-6).filter((f) => f.callFrame.url).map(label).reverse().join(" < "), within });
    for (const c of nd.children) walk(c, here);
  };
  walk(p.head, []);
  return m;
};
const maxOrdinal = (p: Profile) => Math.max(0, ...p.samples.map((s) => s.ordinal));
const table = (title: string, p: Profile, keep: (s: Profile["samples"][number]) => boolean, per: number, unit: string) => {
  const w = where(p);
  const chosen = p.samples.filter(keep);
  const total = chosen.reduce((a, s) => a + s.size, 0);
  log(`\n${title}: ${(total / 2 ** 20).toFixed(1)} MB sampled, ${(total / per / 1024).toFixed(2)} KB ${unit}`);
  const titles = { ours: "the project's frame nearest the allocation", top: "the allocating function", stack: "the last six frames", within: "every project function on the stack (inclusive)" };
  for (const key of ["ours", "top", "stack", "within"] as const) {
    const by = new Map<string, number>();
    for (const s of chosen) {
      const at = w.get(s.nodeId);
      for (const k of key === "within" ? (at?.within ?? []) : [at?.[key] ?? "?"]) by.set(k, (by.get(k) ?? 0) + s.size);
    }
    log(`  by ${titles[key]}:`);
    for (const [k, b] of [...by].sort((a, b) => b[1] - a[1]).slice(0, key === "stack" ? 12 : key === "within" ? 25 : 15))
      log(`    ${((100 * b) / total).toFixed(1).padStart(5)}%  ${(b / per / 1024).toFixed(2).padStart(7)} KB  ${k}`);
  }
};

log(`${rooms} rooms, ${requests} requests in ${measure} s (${((c1 - c0) / requests).toFixed(3)} ms CPU a request); live heap ${(heapBefore / 2 ** 20).toFixed(1)} MB before the rooms, ${(heapSettled / 2 ** 20).toFixed(1)} MB settled, ${(heapEnd / 2 ** 20).toFixed(1)} MB at the end; load average ${loadavg()[0]!.toFixed(1)}`);
const since = maxOrdinal(settled);
const until = maxOrdinal(atEnd);
if (allocated) {
  table("Allocated in the measured seconds", later, (s) => s.ordinal > since && s.ordinal <= until, requests, "a request");
} else if (promoted) {
  table("Allocated in the measured seconds and outliving the young generation (promoted)", later, (s) => s.ordinal > since && s.ordinal <= until, requests, "a request");
} else {
  const mark = maxOrdinal(before);
  table("Alive after a full collection before the rooms (the server's own, after its warm-up)", before, () => true, 1, "in all");
  table("Alive after a full collection, the rooms settled (allocated after the server's warm-up)", settled, (s) => s.ordinal > mark, rooms, "a room");
  table("Allocated in the measured seconds and alive after a full collection 3 s after them", later, (s) => s.ordinal > since && s.ordinal <= until, rooms, "a room");
}
process.exit(0);
