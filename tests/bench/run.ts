/**
 * `npm run bench`: the project's benchmark suite (docs/PERFORMANCE.md). Figures are compared
 * with baselines measured in the same run on the same machine, never with fixed times:
 *  - load: players per core at p99 ≤ 100 ms, game room vs a bare Colyseus room (./load/);
 *    CPU per request, RSS per room, patch bytes, under the load model of ./load/load-model.ts
 *  - wire: join bytes per scenario and the patch each client gets for one action
 *  - engine: replay of a whole game, resolution, preview, sync work; bot games per second
 *  - client: bundle sizes (gzip), and time to the first board frame vs a bare Phaser page
 *
 *  - scale: players per process with one and two game processes on Redis + PostgreSQL (./scale.ts)
 *
 * Options: --quick (minutes, not an hour), --only load,wire,engine,bots,client,scale (comma list),
 * --json FILE (every figure, to compare runs), --seconds S (engine timings and bot games).
 */
import { writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { shippedScenarios } from "../../server/scenarios.ts";
import { buildClient, bundleFigures, removeBuild, type BundleFigures } from "./bundle.ts";
import { botSpeed, engineFigures, type BotSpeed, type EngineFigures } from "./engine.ts";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const { values } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    only: { type: "string" },
    json: { type: "string" },
    seconds: { type: "string" },
  },
});
const quick = values.quick!;
const only = new Set((values.only ?? "load,wire,engine,bots,client,scale").split(","));
const seconds = Number(values.seconds ?? (quick ? 1 : 3));
const log = (line = "") => console.log(line);
const kb = (b: number) => `${(b / 1024).toFixed(1)} KB`;
const ms = (x: number) => `${x.toFixed(x < 10 ? 2 : 1)} ms`;

export type BenchReport = {
  when: string;
  node: string;
  cpus: number;
  quick: boolean;
  loadAverage: { start: number[]; end?: number[] };
  load?: Awaited<ReturnType<typeof import("./load/measure.ts").playersPerCore>> & { ratio: number; cpuRatio: number; memory?: import("./load/measure.ts").RoomMemory[] };
  wire?: Awaited<ReturnType<typeof import("./load/joins.ts").joinFigures>>;
  engine?: EngineFigures[];
  bots?: BotSpeed[];
  client?: { bundle: Omit<BundleFigures, "dir">; firstFrame?: import("./first-frame.ts").FirstFrame };
  scale?: Awaited<ReturnType<typeof import("./scale.ts").scaleFigures>>;
  targets: { name: string; value: number; target: string; met: boolean }[];
};

const report: BenchReport = { when: new Date().toISOString(), node: process.version, cpus: cpus().length, quick, loadAverage: { start: loadavg() }, targets: [] };
const target = (name: string, value: number, met: boolean, wanted: string) => report.targets.push({ name, value, target: wanted, met });

log(`Chokepoint benchmark (${quick ? "quick" : "full"}) — node ${process.version}, ${cpus().length} cores, load average ${loadavg().map((x) => x.toFixed(1)).join(" ")}`);
const scenarios = shippedScenarios();

if (only.has("engine")) {
  log("\n== Engine (this process; CPU time per call, median / p90)");
  log("scenario               actions  replay              apply/action  resolution          preview (new)       preview (again)     sync sections (new)  (after a move)");
  report.engine = [];
  for (const [id, scenario] of scenarios) {
    const f = engineFigures(id, scenario, seconds);
    report.engine.push(f);
    const t = (x: { median: number; p90: number }) => `${ms(x.median)} / ${ms(x.p90)}`.padEnd(20);
    log(`${id.padEnd(22)} ${String(f.actions).padStart(7)}  ${t(f.replay)}${`${f.applyMicros.toFixed(0)} µs`.padEnd(14)}${t(f.resolution)}${t(f.preview)}${t(f.previewRepeat)}${t(f.sections)}${t(f.sectionsWarm)}`);
  }
  const alliance = report.engine.find((e) => e.scenario === "alliance-2021");
  if (alliance) target("alliance replay median (ms)", alliance.replay.median, alliance.replay.median <= 10, "≤ 10");
}

if (only.has("bots")) {
  log(`\n== Bot-only games per second (one core, ${seconds} s each, after games until they stop getting faster)`);
  log("scenario               seats  negotiating bots         random legal-action player   warm-up: bots / random");
  report.bots = [];
  for (const [id, scenario] of scenarios) {
    const b = botSpeed(id, scenario, seconds);
    report.bots.push(b);
    const fmt = (perSecond: number, msPer: number) => `${perSecond.toFixed(1).padStart(7)}/s (${msPer.toFixed(1)} ms)`.padEnd(25);
    const warm = (w: BotSpeed["botWarmUp"]) => `${w.games} games, ${w.seconds.toFixed(0)} s`;
    log(`${id.padEnd(22)} ${String(b.seats).padStart(5)}  ${fmt(b.botGamesPerSecond, b.botMsPerGame)}${fmt(b.randomGamesPerSecond, b.randomMsPerGame)}    ${warm(b.botWarmUp)} / ${warm(b.randomWarmUp)}`);
    // The balance lab's needs (docs/BALANCE.md "Speed").
    const wanted = { "classroom-quick": 200, "alliance-2021": 20 }[id];
    if (wanted) target(`${id}: negotiating bots, games a second of CPU`, b.botGamesPerSecond, b.botGamesPerSecond >= wanted, `>= ${wanted}`);
  }
}

if (only.has("wire")) {
  const { joinFigures } = await import("./load/joins.ts");
  const { TWO_CORES } = await import("./load/measure.ts");
  log("\n== Bytes on the wire (real server and SDK clients)");
  report.wire = await joinFigures(scenarios, TWO_CORES ? 0 : undefined);
  log("scenario               when                     player     observer   facilitator  schema warnings");
  for (const j of report.wire) log(`${j.scenario.padEnd(22)} ${j.when.padEnd(24)} ${kb(j.player).padStart(9)}  ${kb(j.observer).padStart(9)}  ${kb(j.facilitator).padStart(11)}  ${j.schemaWarnings}`);
  log("patch bytes for one action (at the last negotiation): actor / party / bystander / observer / facilitator");
  for (const j of report.wire)
    for (const [what, p] of Object.entries(j.patches ?? {})) log(`  ${j.scenario.padEnd(20)} ${what.padEnd(20)} ${[p.actor, p.party, p.bystander, p.observer, p.facilitator].map((x) => String(x).padStart(7)).join(" ")}`);
  for (const when of ["round 1", "last negotiation", "end of last negotiation"] as const) {
    const joins = report.wire.filter((j) => j.when === when);
    const maxJoin = Math.max(...joins.map((j) => Math.max(j.player, j.observer, j.facilitator)));
    target(`largest join at ${when} (bytes)`, maxJoin, maxJoin <= 32 * 1024, "≤ 32 KB");
  }
  const warnings = report.wire.reduce((n, j) => n + j.schemaWarnings, 0);
  target("schema buffer warnings at joins (round 1, the last negotiation's start and last move)", warnings, warnings === 0, "0");
  const chat = Math.max(...report.wire.flatMap((j) => (j.patches ? [j.patches["plenary chat line"]!.bystander] : [])));
  target("plenary chat line patch, largest (bytes)", chat, chat <= 128, "≤ 128");
}

if (only.has("load")) {
  const { playersPerCore } = await import("./load/measure.ts");
  log(`\n== Players per core at p99 ≤ 100 ms (rooms of 6 players, 1 request/s each)`);
  // One server per kind, warmed under the load model before the search (./load/measure.ts): a
  // fresh server's first minute is V8's warm-up, not what a classroom's server runs.
  const options = quick
    ? { warm: { seconds: 45, sliceSeconds: 15, rooms: { bare: 40, game: 40 } }, settleSeconds: 15, measureSeconds: 10, precision: 0.3, maxSteps: 3, generators: 4, log }
    : { warm: { seconds: 120, sliceSeconds: 20, rooms: { bare: 40, game: 40 } }, settleSeconds: 20, measureSeconds: 20, precision: 0.12, maxSteps: 9, generators: 4, log };
  log(`  warm-up: each server ${options.warm.seconds} s under the load model (bare ${options.warm.rooms.bare} rooms, game ${options.warm.rooms.game}), then every step ${options.settleSeconds} s + ${options.measureSeconds} s measured on the same server`);
  const load = await playersPerCore(options, quick ? { bare: 50, game: 10 } : { bare: 100, game: 20 });
  const ratio = load.bare.playersPerCore ? load.game.playersPerCore / load.bare.playersPerCore : 0;
  const cpuRatio = load.game.cpuBoundPlayersPerCore / load.bare.cpuBoundPlayersPerCore;
  report.load = { ...load, ratio, cpuRatio };
  const row = (name: string, s: typeof load.game) => {
    const b = s.best;
    log(
      `${name.padEnd(10)} ${String(s.playersPerCore).padStart(6)} players/core at p99 ≤ 100 ms, ${String(s.cpuBoundPlayersPerCore).padStart(6)} CPU-bound (${s.cpuMsPerRequest.toFixed(3)} ms/request in the busiest step)`,
    );
    if (b)
      log(
        `${"".padEnd(10)} largest passing step:` +
          ` cpu ${b.cpuMsPerRequest.toFixed(3)} ms/request, live heap ${b.heapPerRoomMB.toFixed(2)} MB/room, patch median ${b.patchMedian} B p90 ${b.patchP90} B, ${b.patchesPerClientPerSecond.toFixed(2)} patches and ${b.patchBytesPerClientPerSecond.toFixed(0)} B of patches a client a second, ${kb(b.bytesPerClientPerSecond)}/s per client in all`,
      );
  };
  row("bare room", load.bare);
  row("game room", load.game);
  log(`ratio game/bare: ${ratio.toFixed(2)} at p99 ≤ 100 ms, ${cpuRatio.toFixed(2)} CPU-bound` + (load.sameRooms ? `, ${load.sameRooms.ratio.toFixed(2)} CPU-bound at the same ${load.sameRooms.rooms} rooms` : ""));
  // The warm-ups' last slices: both rooms at the same rooms, rooms 30 s old or more, a load at
  // which the servers' costs by the second (timers, the lease keeper) weigh less per request.
  const lastSlice = (w: typeof load.warmed.game) => w.cpuMsPerRequestBySlice.at(-1)!;
  const warmRatio = lastSlice(load.warmed.bare) / lastSlice(load.warmed.game);
  log(`warmed, ${load.warmed.game.rooms} rooms each, last ${options.warm.sliceSeconds} s of the warm-ups: game ${lastSlice(load.warmed.game).toFixed(3)} ms/request (${Math.floor(1000 / lastSlice(load.warmed.game))} players a core), bare ${lastSlice(load.warmed.bare).toFixed(3)} ms/request: CPU-bound ratio ${warmRatio.toFixed(2)}`);
  // The latency-bound figure needs a quiet machine; the CPU-bound one holds on a loaded machine too.
  const g = load.game.best ?? [...load.game.steps].sort((a, b) => b.rooms - a.rooms)[0];
  target("game players per core at p99 ≤ 100 ms", load.game.playersPerCore, load.game.playersPerCore >= 1400, "≥ 1,400");
  target("game/bare players per core at p99 ≤ 100 ms", ratio, ratio >= 0.5, "≥ 0.5");
  target("game players per core, CPU-bound", load.game.cpuBoundPlayersPerCore, load.game.cpuBoundPlayersPerCore >= 1400, "≥ 1,400");
  target("game/bare, CPU-bound", cpuRatio, cpuRatio >= 0.5, "≥ 0.5");
  if (g) target("median patch under load (bytes)", g.patchMedian, g.patchMedian <= 64, "≤ 64");
  // A room's memory: the difference between 10 and 30 rooms in one fresh server (./load/measure.ts).
  const { memoryPerRoom } = await import("./load/measure.ts");
  const memory = [await memoryPerRoom("bare", 10, 30, quick ? 3 : 5), await memoryPerRoom("game", 10, 30, quick ? 3 : 5)];
  report.load.memory = memory;
  for (const m of memory)
    log(
      `${`${m.kind} room`.padEnd(10)} memory per room from ${m.from} to ${m.to} rooms: RSS ${m.rssPerRoomMB.toFixed(2)} MB (${m.rssMB.map((x) => x.toFixed(1)).join(" → ")} MB), live heap ${m.heapPerRoomMB.toFixed(2)} MB (${m.heapMB.map((x) => x.toFixed(1)).join(" → ")} MB)`,
    );
  const gameMemory = memory[1]!;
  target("RSS per game room (MB), from 10 to 30 rooms", gameMemory.rssPerRoomMB, gameMemory.rssPerRoomMB <= 1, "≤ 1");
}

if (only.has("client")) {
  log("\n== Client (vite build, gzip -9)");
  const dir = buildClient(ROOT);
  try {
    const bundle = bundleFigures(dir);
    const { dir: _dir, ...kept } = bundle;
    report.client = { bundle: kept };
    log(`entry ${kb(bundle.entryGz)}, board chunk ${kb(bundle.boardGz)}, JS to reach the board ${kb(bundle.jsToBoardGz)}, CSS ${kb(bundle.cssGz)}`);
    log(`chunks: ${bundle.chunks.map((c) => `${c.file} ${kb(c.gzBytes)}`).join(", ")}`);
    target("JS to reach the board (gz bytes)", bundle.jsToBoardGz, bundle.jsToBoardGz <= 450 * 1024, "≤ 450 KB");
    const { chromiumAvailable, firstFrame } = await import("./first-frame.ts");
    if (chromiumAvailable()) {
      const f = await firstFrame(dir, quick ? 3 : 9);
      report.client.firstFrame = f;
      log(`first board frame ${ms(f.boardMs)} vs a bare Phaser page ${ms(f.bareMs)} (medians of ${f.boardRuns.length}, headless Chromium): ratio ${f.ratio.toFixed(2)}`);
      target("first board frame / bare Phaser page", f.ratio, f.ratio <= 1.2, "≤ 1.2");
    } else log("first board frame: no Chromium (apt-get install chromium), not measured");
  } finally {
    removeBuild(dir);
  }
}

// ---- Past one process (docs/DEPLOY.md) ---------------------------------------------------
if (only.has("scale")) {
  const { scaleFigures } = await import("./scale.ts");
  log("\n== Players per process at p99 ≤ 100 ms, one and two processes on Redis + PostgreSQL (rooms of 6, 1 request/s each)");
  const f = await scaleFigures({ quick, log });
  report.scale = f;
  log(`players per process at p99 ≤ 100 ms: default (SQLite, alone) ${f.perProcessAlone}; one process on Redis + PostgreSQL ${f.perProcessOne}; two processes ${f.perProcessTwo} each (${f.perProcessTwo * 2} in all); ratio two/one ${f.ratio.toFixed(2)}`);
  const c = f.cpuBound;
  log(`players per process, CPU-bound (1000 / CPU ms per request): default ${c.alone}; one process on Redis + PostgreSQL ${c.one}; two processes ${c.two} each; ratio two/one ${c.ratio.toFixed(2)}`);
}

report.loadAverage.end = loadavg();
log(`\n== Targets (load average at the end ${loadavg().map((x) => x.toFixed(1)).join(" ")})`);
for (const t of report.targets) log(`${t.met ? "met   " : "MISSED"} ${t.name}: ${Number.isInteger(t.value) ? t.value : t.value.toFixed(2)} (target ${t.target})`);
if (values.json) {
  writeFileSync(values.json, JSON.stringify(report, null, 2));
  log(`figures written to ${values.json}`);
}
process.exit(0);
