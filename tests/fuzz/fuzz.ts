/**
 * The hostile-client fuzzer behind `npm run fuzz` (tests/fuzz/run.ts) and its short version in
 * the test suite (tests/server/fuzz.test.ts). A real server process; honest players (the SDK)
 * keep asking for previews and toggling ready while several raw connections
 * (tests/helpers/raw-client.ts) send every kind of hostile frame at the rate the socket takes:
 * long, numeric and unknown types, unknown protocol codes, truncated frames, malformed and
 * oversized payloads, valid-looking requests past the budget. A connection the server closes
 * joins again and goes on. It reports frames sent, crashes, honest players' reply times
 * without and with the flood, the server's CPU share and its memory before and after.
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join as joinPath } from "node:path";
import { join, type Conn } from "../helpers/game-client.ts";
import { createGame, lobby, ROOT, startServerProcess, tempDatabase, type ServerProcess } from "../helpers/server-process.ts";
import { sleep } from "../helpers/wait.ts";

export type FuzzOptions = {
  /** Hostile frames to send in all (at least). */
  frames: number;
  /** Hostile connections sending at once. */
  connections: number;
  /** Honest players (seated, each on its own connection). */
  players: number;
  /** Seconds of honest play measured before the flood (0: none, and no warm-up before it). */
  baselineSeconds: number;
  /** Stop the flood after this long even if `frames` were not all sent. */
  maxFloodSeconds: number;
  log?: (line: string) => void;
};

export type Latencies = { count: number; p50: number; p99: number; max: number; unanswered: number };

export type FuzzReport = {
  framesSent: number;
  reconnects: number;
  closes: Record<string, number>;
  /**
   * Connections the server closed while they were sending. Their close code may be lost: the
   * server stops reading a flooder and drops its socket a second later, and a reset that comes
   * before the attacker has read the close frame shows as 1006.
   */
  cutOff: number;
  /** Joins refused (rate/limited) and the source addresses the attackers went through. */
  refusedJoins: number;
  addresses: number;
  crashes: number;
  floodSeconds: number;
  baseline: Latencies;
  flood: Latencies;
  memoryBeforeMb: number;
  memoryAfterMb: number;
  /** The server's CPU time per second of wall time, without and with the flood (a share of one core; less sensitive than latency to what else the machine runs). */
  cpuBaseline: number;
  cpuFlood: number;
  /** An honest request after the flood got its answer. */
  servedAfter: boolean;
  serverOutput: string;
};

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function summarize(times: number[], unanswered: number): Latencies {
  const sorted = [...times].sort((a, b) => a - b);
  return { count: sorted.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99), max: sorted.at(-1) ?? NaN, unanswered };
}

/** Resident memory of a process in MB (Linux /proc). */
function rssMb(pid: number | undefined): number {
  if (!pid) return NaN;
  try {
    const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
    return kb ? Number(kb) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

/** CPU time (user + system) a process has used, in seconds (Linux /proc; clock ticks of 1/100 s). */
function cpuSeconds(pid: number | undefined): number {
  if (!pid) return NaN;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

/** CPU share of a process from now until `done()` is called. */
function cpuMeter(pid: number | undefined) {
  const cpu0 = cpuSeconds(pid);
  const t0 = performance.now();
  return () => (cpuSeconds(pid) - cpu0) / ((performance.now() - t0) / 1000);
}

/** Honest players: each asks, waits for the answer, pauses a little, asks again. */
class HonestTable {
  private times: number[] = [];
  private unanswered = 0;
  private running = true;
  private loops: Promise<void>[] = [];

  constructor(
    private players: Conn[],
    private seats: string[],
  ) {}

  start() {
    this.loops = this.players.map((p, n) => this.play(p, n));
  }

  /** Reply times since the last call, and how many requests got no answer. */
  take(): Latencies {
    const out = summarize(this.times, this.unanswered);
    this.times = [];
    this.unanswered = 0;
    return out;
  }

  async stop() {
    this.running = false;
    await Promise.all(this.loops);
  }

  private async play(p: Conn, n: number) {
    let i = n;
    const seat = p.welcome.seat!;
    while (this.running) {
      const t0 = performance.now();
      try {
        const reply = i++ % 2 ? await p.act({ type: "ready", ready: i % 4 === 1 }) : await p.preview({ draft: { terms: { type: "screening" }, parties: [seat, this.seats.find((s) => s !== seat)!], duration: 2 } });
        if (reply) this.times.push(performance.now() - t0);
      } catch {
        this.unanswered++;
      }
      await sleep(150);
    }
  }
}

type Attack = { framesSent: number; connections: number; closes: Record<string, number>; cutOff: number; refusedJoins: number; addresses: number; seconds: number };

/** The attackers run in their own process (tests/fuzz/attacker.ts). */
function runAttackers(server: ServerProcess, code: string, o: FuzzOptions, onStart: () => void): Promise<Attack> {
  return new Promise((resolve, reject) => {
    const child = spawn(joinPath(ROOT, "node_modules", ".bin", "node"), ["--disable-warning=ExperimentalWarning", "--import", "tsx", "tests/fuzz/attacker.ts"], {
      cwd: ROOT,
      env: { ...process.env, FUZZ_URL: server.url, FUZZ_CODE: code, FUZZ_FRAMES: String(o.frames), FUZZ_CONNECTIONS: String(o.connections), FUZZ_SECONDS: String(o.maxFloodSeconds) },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (d: Buffer) => {
      if (!out.includes("START") && (out + d.toString()).includes("START")) onStart();
      out += d.toString();
    });
    child.stderr.on("data", (d: Buffer) => (out += d.toString()));
    child.once("exit", (status) => {
      const line = out.trim().split("\n").at(-1) ?? "";
      try {
        resolve(JSON.parse(line) as Attack);
      } catch {
        reject(new Error(`the attacker process failed (exit ${status}):\n${out.slice(-2000)}`));
      }
    });
  });
}

export async function runFuzz(o: FuzzOptions): Promise<FuzzReport> {
  const log = o.log ?? (() => {});
  const db = tempDatabase();
  // Bots at a person's pace, as in a real game.
  const server: ServerProcess = await startServerProcess({ databasePath: db.databasePath, botDelayMs: 2500 });
  const open: Conn[] = [];
  try {
    const { code, facilitatorKey } = await createGame(server, {
      scenarioId: "classroom-quick",
      settings: { bots: true, seed: 11, eventSeconds: 600, negotiationSeconds: 7200, reviewSeconds: 600 },
    });
    const fac = await join.facilitator(server.endpoint, code, facilitatorKey);
    open.push(fac);
    const seats = (await lobby(server, code)).seats.map((s) => s.id);
    for (let i = 0; i < o.players; i++) open.push(await join.player(server.endpoint, code, { name: `Player ${i + 1}`, seat: seats[i % seats.length]! }));
    await fac.command({ type: "start" });
    await fac.command({ type: "advance" });
    const players = open.slice(1);
    const table = new HonestTable(players, seats);
    table.start();
    if (o.baselineSeconds > 0) await sleep(1000); // warm-up, so the baseline measures steady play
    table.take();
    const memoryBeforeMb = rssMb(server.child.pid);
    log(`baseline: ${o.players} honest players for ${o.baselineSeconds} s…`);
    const baselineCpu = cpuMeter(server.child.pid);
    await sleep(o.baselineSeconds * 1000);
    const baseline = table.take();
    const cpuBaseline = baselineCpu();

    log(`flood: ${o.connections} hostile connections, ${o.frames} frames…`);
    // Replies measured from the first hostile frame on (the attacker's process takes a moment to start).
    let floodCpu = () => NaN;
    const attack = await runAttackers(server, code, o, () => {
      table.take();
      floodCpu = cpuMeter(server.child.pid);
    });
    const cpuFlood = floodCpu();
    const { framesSent, connections: reconnects, closes, cutOff, refusedJoins, addresses, seconds: floodSeconds } = attack;
    const flood = table.take();
    await table.stop();
    await sleep(500);
    const memoryAfterMb = rssMb(server.child.pid);
    let servedAfter = false;
    if (!server.exited) {
      try {
        servedAfter = (await players[0]!.preview({ draft: { terms: { type: "screening" }, parties: [seats[0]!, seats[1]!], duration: 2 } })).ok === true;
      } catch {
        servedAfter = false;
      }
    }
    return { framesSent, reconnects, closes, cutOff, refusedJoins, addresses, crashes: server.exited ? 1 : 0, floodSeconds, baseline, flood, memoryBeforeMb, memoryAfterMb, servedAfter, cpuBaseline, cpuFlood, serverOutput: server.output() };
  } finally {
    await Promise.all(open.map((c) => c.leave().catch(() => {})));
    await server.stop();
    db.cleanup();
  }
}

export function formatReport(r: FuzzReport): string {
  const ms = (x: number) => `${x.toFixed(1)} ms`;
  const ratio = r.flood.p99 / r.baseline.p99;
  return [
    `hostile frames sent     ${r.framesSent} over ${r.floodSeconds.toFixed(1)} s (${Math.round(r.framesSent / r.floodSeconds)}/s), ${r.reconnects} connections`,
    `connections closed by   ${Object.entries(r.closes).map(([k, v]) => `${k} ×${v}`).join(", ")} (${r.cutOff} cut off by the server while sending)`,
    `joins refused           ${r.refusedJoins} (attackers used ${r.addresses} source addresses)`,
    `crashes                 ${r.crashes}`,
    `honest replies, no flood  p50 ${ms(r.baseline.p50)}  p99 ${ms(r.baseline.p99)}  max ${ms(r.baseline.max)}  (${r.baseline.count} replies, ${r.baseline.unanswered} unanswered)`,
    `honest replies, flood     p50 ${ms(r.flood.p50)}  p99 ${ms(r.flood.p99)}  max ${ms(r.flood.max)}  (${r.flood.count} replies, ${r.flood.unanswered} unanswered)`,
    `p99 with / without flood  ${ratio.toFixed(2)}× (goal ≤ 3×: ${ratio <= 3 ? "met" : "NOT met"})`,
    // Low figures with long replies mean the machine, not the server, was the bottleneck.
    `server CPU              ${(r.cpuBaseline * 100).toFixed(0)}% of a core without the flood, ${(r.cpuFlood * 100).toFixed(0)}% during it`,
    `server memory (RSS)     ${r.memoryBeforeMb.toFixed(0)} MB before, ${r.memoryAfterMb.toFixed(0)} MB after`,
    `served after the flood  ${r.servedAfter ? "yes" : "NO"}`,
  ].join("\n");
}
