/**
 * Players per core, same run: a bare Colyseus room and the game room under the same load
 * model (./load-model.ts), one server per kind pinned to core 0 while this process (the load
 * generator) runs on core 1. Each server is warmed once under the load model, then serves
 * every step of the search: a step's rooms are created, measured and closed, and the next step
 * starts on a server with no rooms left. A fresh server's request path runs in V8's baseline
 * tiers for its first 25–70 s (docs/PERFORMANCE.md, "The game room's excess over the bare
 * room, part by part"): steps on fresh servers measured the JIT's warm-up, not a server that
 * has run for hours. Steps of the two rooms alternate, so a noisy minute hits both. A step
 * passes when p99 latency ≤ 100 ms, no request failed, and the generator kept the pace (≥ 95%
 * of the requests due); the search doubles the rooms until a step fails, then bisects.
 */
import "./counting-socket.ts";
import { cpus } from "node:os";
import { bareRoomPlayers, createGameRooms, drive, gameRoomPlayers, leave, PLAYERS_PER_ROOM, type Player } from "./load-model.ts";
import { LoadGenerators, type Measured } from "./generators.ts";
import { pin } from "./ipc-child.ts";
import { BenchServer } from "./server-child.ts";
import { sleep } from "../../helpers/wait.ts";

export type LoadOptions = {
  /** Each server's warm-up before the search: `rooms` rooms under the load model for `seconds`, CPU per request printed every `sliceSeconds`. */
  warm: { seconds: number; sliceSeconds: number; rooms: { bare: number; game: number } };
  /** A step's own rooms run this long before its measured seconds: their joins, first full states and a new room's first requests (its caches) cost more than a room's later ones. */
  settleSeconds: number;
  measureSeconds: number;
  precision: number;
  maxSteps: number;
  /** Load generator processes, sharing core 1 (./generators.ts). */
  generators: number;
  log: (line: string) => void;
};

export type Step = {
  rooms: number;
  players: number;
  pass: boolean;
  why: string;
  p50: number;
  p99: number;
  requests: number;
  requestsPerSecond: number;
  errors: number;
  errorCodes: Record<string, number>;
  serverCpu: number;
  generatorCpu: number;
  /** The largest and the 99th-percentile delay of the generators' event loops in the measured seconds: a generator's stall delays the replies it reads. */
  generatorLoopDelayMaxMs: number;
  generatorLoopDelayP99Ms: number;
  /** The same for the server's event loop: a step failed by the server's own pauses shows here. */
  serverLoopDelayMaxMs: number;
  serverLoopDelayP99Ms: number;
  cpuMsPerRequest: number;
  /** Live heap (after a full collection) with the step's rooms, over the server's before them. RSS per room is memoryPerRoom's, from a fresh server: a server reused by the steps keeps the pages earlier steps took. */
  heapPerRoomMB: number;
  /** The server before the step (rooms closed, after a full collection): its live heap and its CPU over an idle second, so one step's leftovers would show. */
  heapBeforeMB: number;
  idleCpuMsPerSecond: number;
  patchMedian: number;
  patchP90: number;
  patchesPerClientPerSecond: number;
  /** Patch bytes alone: the median patch depends on how a second's patches group (docs/PERFORMANCE.md), these do not. */
  patchBytesPerClientPerSecond: number;
  /** Every frame: patches, replies (a preview's is the largest), the rest. */
  bytesPerClientPerSecond: number;
  /** The measured seconds on the server's monotonic clock (µs), to line up with its pauses and profile (./pauses.ts). */
  measuredUs: [number, number];
};

export type Search = {
  kind: "bare" | "game";
  steps: Step[];
  best?: Step;
  /** Players of the largest step that passed (p99 ≤ 100 ms). */
  playersPerCore: number;
  /** Server CPU per request in the step that served the most requests, and the players one core holds at that cost (one request a second each). */
  cpuMsPerRequest: number;
  cpuBoundPlayersPerCore: number;
};

const quantile = (sorted: number[], q: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! : NaN);

function histogramQuantile(h: Map<number, number>, q: number): number {
  const entries = [...h].sort((a, b) => a[0] - b[0]);
  const total = entries.reduce((n, [, c]) => n + c, 0);
  let seen = 0;
  for (const [size, count] of entries) {
    seen += count;
    if (seen > q * total) return size;
  }
  return NaN;
}

export const TWO_CORES = cpus().length >= 2;

/** Creates `rooms` rooms of the kind on the server and joins their players from the generators. */
async function openRooms(server: BenchServer, generators: LoadGenerators, kind: "bare" | "game", rooms: number): Promise<number> {
  const created = kind === "bare" ? await server.createBare(rooms) : await createGameRooms(server, rooms);
  return generators.join(kind, server.endpoint, created);
}

/** Closes a step's rooms; a room left over would weigh on the next step, so it stops the search. */
async function closeRooms(server: BenchServer, generators: LoadGenerators): Promise<void> {
  await generators.leave();
  const left = await server.dispose();
  if (left) throw new Error(`${left} rooms left after closing them all`);
}

/** A server's warm-up: its rooms, seconds and requests, and its CPU per request slice by slice. */
export type Warmed = { kind: "bare" | "game"; rooms: number; seconds: number; requests: number; cpuMsPerRequestBySlice: number[] };

/** Starts a server and runs `o.warm.rooms` of its kind under the load model; prints the CPU per request by slice, which levels off as the request path is optimized. */
export async function warmServer(kind: "bare" | "game", generators: LoadGenerators, o: LoadOptions): Promise<{ server: BenchServer; warmed: Warmed }> {
  const server = await BenchServer.start(kind, TWO_CORES ? 0 : undefined);
  const rooms = o.warm.rooms[kind];
  const slices: number[] = [];
  let requests = 0;
  try {
    await openRooms(server, generators, kind, rooms);
    await generators.drive();
    for (let t = 0; t < o.warm.seconds; t += o.warm.sliceSeconds) {
      await generators.reset();
      const s0 = await server.stats();
      await sleep(Math.min(o.warm.sliceSeconds, o.warm.seconds - t) * 1000);
      const s1 = await server.stats();
      const n = (await generators.collect()).latencies.length;
      requests += n;
      slices.push((s1.cpuMs - s0.cpuMs) / n);
    }
  } finally {
    await generators.stopDriving();
    await closeRooms(server, generators);
  }
  o.log(`  ${kind.padEnd(4)} server warmed: ${rooms} rooms for ${o.warm.seconds} s, ${requests} requests; CPU ms/request every ${o.warm.sliceSeconds} s: ${slices.map((x) => x.toFixed(3)).join(" → ")}`);
  return { server, warmed: { kind, rooms, seconds: o.warm.seconds, requests, cpuMsPerRequestBySlice: slices } };
}

export async function step(server: BenchServer, generators: LoadGenerators, kind: "bare" | "game", rooms: number, o: LoadOptions): Promise<Step> {
  try {
    const left = await server.stats(true);
    if (left.rooms) throw new Error(`${left.rooms} rooms left from the step before`);
    // A closed room lets go of its memory within a few seconds (its last delayed syncs, the
    // store's last writes): a step that began at once measured the step before's leftovers (a
    // live heap of 72 MB where 39 MB is the server's own, twice the idle CPU). It begins once
    // the live heap after a full collection stops falling.
    for (let heap = left.heapUsed, i = 0; i < 20; i++) {
      await sleep(1000);
      const now = (await server.stats(true)).heapUsed;
      if (now > heap * 0.98) break;
      heap = now;
    }
    const idle = await server.stats();
    await sleep(1000);
    const idleCpuMsPerSecond = (await server.stats()).cpuMs - idle.cpuMs;
    const idle0 = await server.stats(true);
    const players = await openRooms(server, generators, kind, rooms);
    await generators.drive();
    await sleep(o.settleSeconds * 1000);
    await generators.reset();
    const s0 = await server.stats(false, true);
    const t0 = performance.now();
    await sleep(o.measureSeconds * 1000);
    const s1 = await server.stats();
    const m: Measured = await generators.collect();
    const seconds = (performance.now() - t0) / 1000;
    await generators.stopDriving();
    const after = await server.stats(true);
    const latencies = m.latencies.sort((a, b) => a - b);
    const requests = latencies.length;
    const p99 = quantile(latencies, 0.99);
    const due = players * seconds;
    const pace = requests / due;
    const why = m.errors ? `${m.errors} errors` : p99 > 100 ? `p99 ${p99.toFixed(0)} ms` : pace < 0.95 ? `pace ${(pace * 100).toFixed(0)}%` : "";
    const patches = [...m.patchSizes.values()].reduce((a, b) => a + b, 0);
    const patchBytes = [...m.patchSizes].reduce((a, [size, n]) => a + size * n, 0);
    const bytes = [...m.bytesByCode.values()].reduce((a, b) => a + b, 0);
    return {
      rooms,
      players,
      pass: !why,
      why: why || "ok",
      p50: quantile(latencies, 0.5),
      p99,
      requests,
      requestsPerSecond: requests / seconds,
      errors: m.errors,
      errorCodes: Object.fromEntries(m.errorCodes),
      serverCpu: (s1.cpuMs - s0.cpuMs) / 1000 / seconds,
      generatorCpu: m.cpuMs / 1000 / seconds,
      generatorLoopDelayMaxMs: m.loopDelayMaxMs,
      generatorLoopDelayP99Ms: m.loopDelayP99Ms,
      serverLoopDelayMaxMs: s1.loopDelayMaxMs,
      serverLoopDelayP99Ms: s1.loopDelayP99Ms,
      cpuMsPerRequest: requests ? (s1.cpuMs - s0.cpuMs) / requests : NaN,
      heapPerRoomMB: (after.heapUsed - idle0.heapUsed) / rooms / 2 ** 20,
      heapBeforeMB: idle0.heapUsed / 2 ** 20,
      idleCpuMsPerSecond,
      patchMedian: histogramQuantile(m.patchSizes, 0.5),
      patchP90: histogramQuantile(m.patchSizes, 0.9),
      patchesPerClientPerSecond: patches / players / seconds,
      patchBytesPerClientPerSecond: patchBytes / players / seconds,
      bytesPerClientPerSecond: bytes / players / seconds,
      measuredUs: [s0.monoUs, s1.monoUs],
    };
  } finally {
    await generators.stopDriving();
    await closeRooms(server, generators);
  }
}

function failedStep(rooms: number, err: unknown): Step {
  const why = `setup failed: ${err instanceof Error ? err.message.slice(0, 80) : String(err)}`;
  return { rooms, players: rooms * PLAYERS_PER_ROOM, pass: false, why, p50: NaN, p99: NaN, requests: 0, requestsPerSecond: 0, errors: 0, errorCodes: {}, serverCpu: NaN, generatorCpu: NaN, generatorLoopDelayMaxMs: NaN, generatorLoopDelayP99Ms: NaN, serverLoopDelayMaxMs: NaN, serverLoopDelayP99Ms: NaN, cpuMsPerRequest: NaN, heapPerRoomMB: NaN, heapBeforeMB: NaN, idleCpuMsPerSecond: NaN, patchMedian: NaN, patchP90: NaN, patchesPerClientPerSecond: NaN, patchBytesPerClientPerSecond: NaN, bytesPerClientPerSecond: NaN, measuredUs: [NaN, NaN] };
}

/**
 * Doubles from `start` rooms until a step fails, then bisects to `precision` (0.15 = the
 * best passing step is within 15% of the first failing one).
 */
class Searcher {
  steps: Step[] = [];
  lo = 0;
  hi = Infinity;
  constructor(
    private server: BenchServer,
    private generators: LoadGenerators,
    readonly kind: "bare" | "game",
    private start: number,
    private max: number,
    private o: LoadOptions,
  ) {}

  get done(): boolean {
    return this.steps.length >= this.o.maxSteps || (this.hi !== Infinity && this.hi / Math.max(1, this.lo) <= 1 + this.o.precision) || this.lo >= this.max || this.hi <= 1;
  }

  next(): number {
    if (this.hi === Infinity) return Math.min(this.max, this.lo ? this.lo * 2 : this.start);
    if (!this.lo) return Math.max(1, Math.floor(this.hi / 2));
    return Math.round(Math.sqrt(this.lo * this.hi));
  }

  async run(): Promise<void> {
    const rooms = this.next();
    // A step that cannot even be set up (joins refused or timed out on a starved machine) fails.
    const s = await step(this.server, this.generators, this.kind, rooms, this.o).catch((err: unknown) => failedStep(rooms, err));
    this.steps.push(s);
    if (s.pass) this.lo = Math.max(this.lo, rooms);
    else this.hi = Math.min(this.hi, rooms);
    this.o.log(
      `  ${this.kind.padEnd(4)} ${String(rooms).padStart(4)} rooms ${String(s.players).padStart(5)} players: ${s.pass ? "pass" : "FAIL"} (${s.why}) p50 ${s.p50.toFixed(1)} ms p99 ${s.p99.toFixed(1)} ms, ${s.requestsPerSecond.toFixed(0)} req/s, server ${(s.serverCpu * 100).toFixed(0)}% cpu ${s.cpuMsPerRequest.toFixed(3)} ms/req (loop delay max ${s.serverLoopDelayMaxMs.toFixed(0)} ms), generator ${(s.generatorCpu * 100).toFixed(0)}% (${s.generatorLoopDelayMaxMs.toFixed(0)} ms), patch median ${s.patchMedian} B (${s.patchesPerClientPerSecond.toFixed(2)} a client a second); before it: heap ${s.heapBeforeMB.toFixed(1)} MB, idle ${s.idleCpuMsPerSecond.toFixed(1)} ms cpu/s` +
        (s.errors ? ` errors: ${Object.entries(s.errorCodes).slice(0, 3).map(([code, n]) => `${code} ×${n}`).join(", ")}` : ""),
    );
  }

  result(): Search {
    const best = this.steps.filter((s) => s.pass).sort((a, b) => b.rooms - a.rooms)[0];
    // Per-room costs (the patch clock ticks 20 times a second in every room) are shared by more
    // requests as the load grows: the step that served the most requests is the nearest to capacity.
    const busiest = this.steps.filter((s) => s.requests > 0).sort((a, b) => b.requests - a.requests)[0];
    const cpuMsPerRequest = busiest ? busiest.cpuMsPerRequest : NaN;
    return { kind: this.kind, steps: this.steps, ...(best ? { best } : {}), playersPerCore: best ? best.players : 0, cpuMsPerRequest, cpuBoundPlayersPerCore: Math.floor(1000 / cpuMsPerRequest) };
  }
}

/**
 * Both rooms at the same number of rooms (the game's busiest step): each room's patch clock
 * costs the same in both, so CPU per request compares like with like. The searches' busiest
 * steps differ (the bare room runs many more rooms), which flatters the bare room's figure.
 */
export type SameRooms = { rooms: number; bare: Step; game: Step; ratio: number };

export async function playersPerCore(o: LoadOptions, start = { bare: 100, game: 20 }): Promise<{ bare: Search; game: Search; sameRooms?: SameRooms; warmed: { bare: Warmed; game: Warmed }; pinned: boolean }> {
  const pinned = TWO_CORES && pin(process.pid, 1);
  o.log(pinned ? `  load generator (${o.generators} processes) pinned to core 1, servers to core 0` : "  one core (or no taskset): server and generator share the machine");
  const generators = await LoadGenerators.start(o.generators, pinned ? 1 : undefined);
  const servers: BenchServer[] = [];
  try {
    // One after the other, so each warm-up has the server's core to itself.
    const bareWarm = await warmServer("bare", generators, o);
    const bareServer = bareWarm.server;
    servers.push(bareServer);
    const gameWarm = await warmServer("game", generators, o);
    const gameServer = gameWarm.server;
    servers.push(gameServer);
    const warmed = { bare: bareWarm.warmed, game: gameWarm.warmed };
    const bare = new Searcher(bareServer, generators, "bare", start.bare, 1500, o);
    const game = new Searcher(gameServer, generators, "game", start.game, 1000, o);
    while (!bare.done || !game.done) {
      if (!bare.done) await bare.run();
      if (!game.done) await game.run();
    }
    const busiest = game.steps.filter((x) => x.requests > 0).sort((a, b) => b.requests - a.requests)[0];
    let sameRooms: SameRooms | undefined;
    if (busiest) {
      const b = await step(bareServer, generators, "bare", busiest.rooms, o).catch((err: unknown) => failedStep(busiest.rooms, err));
      sameRooms = { rooms: busiest.rooms, bare: b, game: busiest, ratio: b.cpuMsPerRequest / busiest.cpuMsPerRequest };
      o.log(`  same rooms (${busiest.rooms}): game ${busiest.cpuMsPerRequest.toFixed(3)} ms/request, bare ${b.cpuMsPerRequest.toFixed(3)} ms/request: CPU-bound ratio ${sameRooms.ratio.toFixed(2)}`);
    }
    return { bare: bare.result(), game: game.result(), ...(sameRooms ? { sameRooms } : {}), warmed, pinned };
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    await generators.close();
  }
}

/**
 * Memory per room as the difference between two numbers of rooms in one server: what the
 * process holds whatever its rooms (the code compiled, the heap's slack) cancels out, where a
 * step's RSS over its rooms counts it in (and the largest passing step may have few rooms).
 * Both figures are read after a full garbage collection, with the rooms' players still
 * sending (`drive`) for `settleSeconds` before each.
 */
export type RoomMemory = { kind: "bare" | "game"; from: number; to: number; rssPerRoomMB: number; heapPerRoomMB: number; rssMB: [number, number]; heapMB: [number, number] };

export async function memoryPerRoom(kind: "bare" | "game", from: number, to: number, settleSeconds: number): Promise<RoomMemory> {
  const server = await BenchServer.start(kind, TWO_CORES ? 0 : undefined);
  const players: Player[] = [];
  const loads: { stop(): Promise<void> }[] = [];
  try {
    const read = async (rooms: number) => {
      const added = kind === "bare" ? await bareRoomPlayers(server, rooms) : await gameRoomPlayers(server, rooms);
      players.push(...added);
      loads.push(drive(added));
      await sleep(settleSeconds * 1000);
      return server.stats(true);
    };
    const a = await read(from);
    const b = await read(to - from);
    const mb = (bytes: number) => bytes / 2 ** 20;
    return {
      kind,
      from,
      to,
      rssPerRoomMB: mb(b.rss - a.rss) / (to - from),
      heapPerRoomMB: mb(b.heapUsed - a.heapUsed) / (to - from),
      rssMB: [mb(a.rss), mb(b.rss)],
      heapMB: [mb(a.heapUsed), mb(b.heapUsed)],
    };
  } finally {
    await Promise.all(loads.map((l) => l.stop()));
    await leave(players);
    await server.stop();
  }
}

export { PLAYERS_PER_ROOM };
