/**
 * One server of the load benchmark, started by tests/bench/load/measure.ts as a child process
 * (pinned to its own core) and driven over the IPC channel: `bare` runs BareRoom only,
 * `game` runs the real server (server/app.ts) on a temporary database. It reports its own CPU
 * time and memory, so the figures are the server's alone.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { matchMaker, Server } from "@colyseus/core";
import { WebSocketTransport } from "@colyseus/ws-transport";
import http from "node:http";
import { Session } from "node:inspector/promises";
import { monitorEventLoopDelay, PerformanceObserver } from "node:perf_hooks";
import type { Action } from "../../../shared/engine/actions.ts";
import { startServer, type RunningServer } from "../../../server/app.ts";
import { GameRoom } from "../../../server/rooms/GameRoom.ts";
import { hashKey, newCode, newSecret } from "../../../server/codes.ts";
import { shippedScenarios } from "../../../server/scenarios.ts";
import type { GameSettings } from "../../../shared/protocol/messages.ts";
import { BareRoom } from "./bare-room.ts";
import { answerRequests } from "./ipc-child.ts";

export type ServerRequest =
  | { id: number; type: "create-bare"; count: number }
  | { id: number; type: "create-game"; count: number; scenarioId: string; settings: Partial<GameSettings>; log?: Action[] }
  | { id: number; type: "stats"; gc?: boolean; resetLoopDelay?: boolean }
  | { id: number; type: "heap-profile"; file: string; gc?: boolean }
  | { id: number; type: "dispose" }
  | { id: number; type: "stop" };
/** The loop delays are the server's event loop's, since the last stats that reset them. */
export type Stats = { cpuMs: number; rss: number; heapUsed: number; rooms: number; loopDelayMaxMs: number; loopDelayP99Ms: number; monoUs: number };
export type Created = { code: string; facilitatorKey: string }[];

const mode = process.argv[2];
// How late the server's event loop ran (a collection, a synchronous write): beside the replies' latency.
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
loopDelay.enable();
// BENCH_PAUSES=<file>: every pause of the event loop over 40 ms and every garbage collection,
// on the monotonic clock of a --cpu-prof profile (µs), written when the server stops, to line
// the pauses up with the profile's samples (tests/bench/load/pauses.ts).
const pausesFile = process.env.BENCH_PAUSES;
const pauses: { endUs: number; ms: number; cpuMs: number }[] = [];
const gcs: { startUs: number; ms: number; kind: number }[] = [];
if (pausesFile) {
  const us = () => Number(process.hrtime.bigint() / 1000n);
  // performance.now() and hrtime differ by a constant: the collections' entries come in the first.
  const offsetUs = us() - performance.now() * 1000;
  // The CPU the process used in a pause tells its own work (as much CPU as the pause) from a
  // shared core's scheduler (little CPU: the process was waiting for its turn).
  const cpuUs = () => {
    const c = process.cpuUsage();
    return c.user + c.system;
  };
  let last = us();
  let lastCpu = cpuUs();
  setInterval(() => {
    const now = us();
    const cpu = cpuUs();
    if (now - last > 45_000) pauses.push({ endUs: now, ms: (now - last) / 1000 - 5, cpuMs: (cpu - lastCpu) / 1000 });
    last = now;
    lastCpu = cpu;
  }, 5);
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) gcs.push({ startUs: e.startTime * 1000 + offsetUs, ms: e.duration, kind: ((e as { detail?: { kind: number } }).detail)?.kind ?? 0 });
  }).observe({ entryTypes: ["gc"] });
}
// BENCH_HEAP=<bytes>: V8's sampling heap profiler from the start, one sample every <bytes>
// allocated; a `heap-profile` request writes the samples whose objects are still in the heap
// (each with its allocation stack and an ordinal in allocation order), after a full collection
// if asked (tests/bench/load/heap.ts). With BENCH_HEAP_PROMOTED=1 the samples of objects a full
// collection freed stay in: every object that outlived the young generation, dead or alive;
// with BENCH_HEAP_ALLOCATED=1 those a young collection freed too: every allocation.
const heapSampling = Number(process.env.BENCH_HEAP ?? 0);
const inspector = heapSampling ? new Session() : undefined;
if (inspector) {
  inspector.connect();
  const all = process.env.BENCH_HEAP_ALLOCATED === "1";
  await inspector.post("HeapProfiler.startSampling", { samplingInterval: heapSampling, includeObjectsCollectedByMajorGC: all || process.env.BENCH_HEAP_PROMOTED === "1", includeObjectsCollectedByMinorGC: all });
}
const dir = mkdtempSync(join(tmpdir(), "chokepoint-bench-"));
let game: RunningServer | undefined;
let bare: { server: Server } | undefined;
let port: number;

if (mode === "bare") {
  const httpServer = http.createServer();
  const server = new Server({ transport: new WebSocketTransport({ server: httpServer }), greet: false, gracefullyShutdown: false });
  server.define("bare", BareRoom);
  await server.listen(0, "127.0.0.1");
  const address = httpServer.address();
  port = typeof address === "object" && address ? address.port : 0;
  bare = { server };
} else {
  game = await startServer({ port: 0, host: "127.0.0.1", databasePath: join(dir, "games.sqlite"), serveClient: false, botDelayMs: 2500 });
  port = game.port;
}

const defaults: GameSettings = { bots: false, teams: false, facilitatorReadsPrivate: false, channels: "open", quickStart: false, reconnectSeconds: 120 };

async function handle(req: ServerRequest): Promise<unknown> {
  switch (req.type) {
    case "create-bare": {
      const ids: Created = [];
      for (let i = 0; i < req.count; i++) {
        const room = await matchMaker.createRoom("bare", {});
        ids.push({ code: room.roomId, facilitatorKey: "" });
      }
      return ids;
    }
    case "create-game": {
      const scenario = shippedScenarios().get(req.scenarioId);
      if (!scenario || !game) throw new Error(`no scenario ${req.scenarioId}`);
      const created: Created = [];
      for (let i = 0; i < req.count; i++) {
        const code = newCode();
        const facilitatorKey = newSecret(18);
        const settings = { ...defaults, ...req.settings };
        // What POST /api/games does (server/app.ts), without its per-address rate limit.
        await game.store.createGame({ code, scenario, settings, seed: String(settings.seed ?? `bench:${code}`), keyHash: hashKey(facilitatorKey), createdAt: Date.now(), finishedAt: null });
        // Held by this process from the start, so the lease keeper does not restore it half-stored.
        await GameRoom.deps.leases.takeOver(code);
        // A game part-played elsewhere: its log is stored first, and the room restores it.
        for (const [seq, action] of (req.log ?? []).entries()) await game.store.appendAction(code, { seq, action, at: Date.now() });
        await matchMaker.createRoom("game", { code });
        created.push({ code, facilitatorKey });
      }
      return created;
    }
    case "stats": {
      if (req.gc) (globalThis as { gc?: () => void }).gc?.();
      const cpu = process.cpuUsage();
      const mem = process.memoryUsage();
      const rooms = (await matchMaker.query({})).length;
      const stats = { cpuMs: (cpu.user + cpu.system) / 1000, rss: mem.rss, heapUsed: mem.heapUsed, rooms, loopDelayMaxMs: loopDelay.max / 1e6, loopDelayP99Ms: loopDelay.percentile(99) / 1e6, monoUs: Number(process.hrtime.bigint() / 1000n) } satisfies Stats;
      if (req.resetLoopDelay) loopDelay.reset();
      return stats;
    }
    case "heap-profile": {
      if (!inspector) throw new Error("heap-profile needs BENCH_HEAP");
      if (req.gc) (globalThis as { gc?: () => void }).gc?.();
      const { profile } = await inspector.post("HeapProfiler.getSamplingProfile");
      writeFileSync(req.file, JSON.stringify(profile));
      return true;
    }
    case "dispose": {
      // Every room closed: one warmed server serves the load bench's steps in turn
      // (./measure.ts). A game room outlives its players until its game ends, and a game left
      // unfinished with its lease released is restored by the lease keeper (server/leases.ts):
      // the games end first.
      if (game) for (const room of await matchMaker.query({})) await game.store.finishGame(room.roomId, Date.now());
      await Promise.all(matchMaker.disconnectAll());
      return (await matchMaker.query({})).length;
    }
    case "stop":
      setImmediate(async () => {
        await (game ? game.close() : bare!.server.gracefullyShutdown(false)).catch(() => {});
        rmSync(dir, { recursive: true, force: true });
        if (pausesFile) writeFileSync(pausesFile, JSON.stringify({ pauses, gcs }));
        process.exit(0);
      });
      return true;
  }
}

answerRequests(handle, { port });
