/**
 * What the game server does in its long event-loop pauses: one warmed game server, a few steps
 * of the load model at one number of rooms, and for every pause of its loop over 60 ms in the
 * measured seconds the garbage collections in it and the CPU profile's samples in it (by the
 * function they were in, and by every function on their stacks).
 *
 *   BENCH_PAUSES=/tmp/x.json BENCH_CPU_PROF=/tmp/prof node --import tsx tests/bench/load/pauses.ts ROOMS [steps=1] [warm=60] [settle=20] [measure=20]
 *
 * Without BENCH_PAUSES and BENCH_CPU_PROF it prints the steps alone (p99, the server's largest
 * loop delay, CPU per request): the same step before and after a change.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import "./counting-socket.ts";
import { LoadGenerators } from "./generators.ts";
import { pin } from "./ipc-child.ts";
import { step, TWO_CORES, warmServer, type LoadOptions, type Step } from "./measure.ts";

const [rooms = 210, steps = 1, warm = 60, settle = 20, measure = 20] = process.argv.slice(2).map(Number);
const log = (line: string) => console.log(line);
const o: LoadOptions = { warm: { seconds: warm, sliceSeconds: 20, rooms: { bare: 40, game: 40 } }, settleSeconds: settle, measureSeconds: measure, precision: 0.1, maxSteps: steps, generators: 4, log };

const pinned = TWO_CORES && pin(process.pid, 1);
log(`load average ${loadavg()[0]!.toFixed(1)}`);
const generators = await LoadGenerators.start(o.generators, pinned ? 1 : undefined);
const { server } = await warmServer("game", generators, o);
const done: Step[] = [];
for (let i = 0; i < steps; i++) {
  const s = await step(server, generators, "game", rooms, o);
  done.push(s);
  log(`${rooms} rooms: ${s.pass ? "pass" : "FAIL"} (${s.why}) p50 ${s.p50.toFixed(1)} ms p99 ${s.p99.toFixed(1)} ms, server ${(s.serverCpu * 100).toFixed(0)}% ${s.cpuMsPerRequest.toFixed(3)} ms/request, loop delay max ${s.serverLoopDelayMaxMs.toFixed(0)} ms (p99 ${s.serverLoopDelayP99Ms.toFixed(0)}), generators ${s.generatorLoopDelayMaxMs.toFixed(0)} ms; heap before ${s.heapBeforeMB.toFixed(1)} MB; load average ${loadavg()[0]!.toFixed(1)}`);
}
await server.stop();
await generators.close();

const pausesFile = process.env.BENCH_PAUSES;
if (pausesFile) {
  const { pauses, gcs } = JSON.parse(readFileSync(pausesFile, "utf8")) as { pauses: { endUs: number; ms: number; cpuMs: number }[]; gcs: { startUs: number; ms: number; kind: number }[] };
  const profDir = process.env.BENCH_CPU_PROF;
  const newest = profDir ? readdirSync(profDir).filter((f) => f.endsWith(".cpuprofile")).map((f) => join(profDir, f)).sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0] : undefined;
  type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] };
  const prof = newest ? (JSON.parse(readFileSync(newest, "utf8")) as { nodes: Node[]; startTime: number; samples: number[]; timeDeltas: number[] }) : undefined;
  const parent = new Map<number, number>();
  const byId = new Map<number, Node>();
  const times: number[] = [];
  if (prof) {
    for (const n of prof.nodes) {
      byId.set(n.id, n);
      for (const c of n.children ?? []) parent.set(c, n.id);
    }
    let t = prof.startTime;
    for (const d of prof.timeDeltas) times.push((t += d));
  }
  const name = (n: Node) => `${n.callFrame.functionName || "(anonymous)"} ${n.callFrame.url.replace(/^.*\/(node_modules|server|shared|tests)\//, "$1/")}:${n.callFrame.lineNumber + 1}`;
  const KINDS: Record<number, string> = { 1: "minor", 4: "major", 8: "incremental", 16: "weakcb" };
  const collections = (from: number, to: number) => {
    const inside = gcs.filter((g) => g.startUs > from && g.startUs < to);
    const minor = inside.filter((g) => g.kind === 1);
    const major = inside.filter((g) => g.kind === 4);
    return `; ${minor.length} young collections (${minor.reduce((a, g) => a + g.ms, 0).toFixed(0)} ms, largest ${Math.max(0, ...minor.map((g) => g.ms)).toFixed(0)}), ${major.length} full (atomic pauses ${major.map((g) => g.ms.toFixed(0)).join(", ")} ms)`;
  };
  const top = (m: Map<string, number>, k: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, k);
  for (const [i, s] of done.entries()) {
    const [from, to] = s.measuredUs;
    const all = pauses.filter((p) => p.ms > 60 && p.endUs > from && p.endUs <= to);
    // A pause the process spent mostly waiting for the core is the machine's, not the server's.
    const long = all.filter((p) => p.cpuMs > 0.6 * p.ms);
    log(`\nstep ${i + 1} (measured from ${from} to ${to} µs): ${all.length} pauses over 60 ms, ${long.length} of them with the server on the CPU for most of it (the rest: CPU ${all.filter((p) => !long.includes(p)).map((p) => `${p.cpuMs.toFixed(0)}/${p.ms.toFixed(0)}`).join(", ")} ms) in the measured ${((to - from) / 1e6).toFixed(1)} s; ${collections(from, to)}`);
    for (const p of long) {
      const start = p.endUs - p.ms * 1000 - 5000;
      const inside = gcs.filter((g) => g.startUs + g.ms * 1000 > start && g.startUs < p.endUs);
      log(`  pause ${p.ms.toFixed(0)} ms (CPU ${p.cpuMs.toFixed(0)} ms) at +${((start - from) / 1e6).toFixed(2)} s; collections in it: ${inside.map((g) => `${KINDS[g.kind] ?? g.kind} ${g.ms.toFixed(1)} ms`).join(", ") || "none"}`);
      if (!prof) continue;
      const self = new Map<string, number>();
      const incl = new Map<string, number>();
      let n = 0;
      for (const [j, t] of times.entries()) {
        if (t < start || t > p.endUs) continue;
        n++;
        let node = byId.get(prof.samples[j]!);
        const k = node ? name(node) : "?";
        self.set(k, (self.get(k) ?? 0) + 1);
        const seen = new Set<string>();
        while (node) {
          const nm = name(node);
          if (!seen.has(nm)) incl.set(nm, (incl.get(nm) ?? 0) + 1), seen.add(nm);
          node = byId.get(parent.get(node.id)!);
        }
      }
      log(`    ${n} samples; self: ${top(self, 6).map(([k, c]) => `${k} ${c}`).join(" | ")}`);
      log(`    on the stack: ${top(incl, 14).filter(([k]) => !k.startsWith("(root)")).map(([k, c]) => `${k} ${c}`).join(" | ")}`);
    }
  }
}
process.exit(0);
