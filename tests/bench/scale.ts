/**
 * Benchmark section "scale" of `npm run bench`: players per game process at p99 ≤ 100 ms, with
 * one and with two processes sharing Redis and PostgreSQL (docs/DEPLOY.md), and the ratio of
 * the two. Real parts: Debian's redis-server and PostgreSQL on loopback, `server/main.ts`
 * processes, SDK clients. Rooms of 6 players (classroom-quick, bots off, in negotiation), each
 * player sending one request a second (plenary chat and a deal preview in turn) and awaiting
 * the reply; with two processes, half the players join through the process that does not hold
 * their game. The single-process default (SQLite, no Redis) is measured in the same run as the
 * baseline.
 *
 * Everything shares this machine's cores: the processes, Redis, PostgreSQL and the load
 * generator (this process). Figures are for comparing runs and configurations on one machine.
 */
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { createGame, freePort, startServerProcess, tempDatabase, type ServerProcess } from "../helpers/server-process.ts";
import { startPostgres, startRedis } from "../helpers/services.ts";
import { sleep } from "../helpers/wait.ts";

const sdk = await import("@colyseus/sdk");
type SdkRoom = Awaited<ReturnType<InstanceType<typeof sdk.Client>["joinById"]>>;
type Reply = { ok: boolean; error?: { code: string } };

const SEATS = ["US", "NL", "JP", "CN", "IN", "ID"];
const P99_LIMIT_MS = 100;

export type ScaleStep = {
  setup: string;
  processes: number;
  rooms: number;
  players: number;
  perProcess: number;
  p50: number;
  p99: number;
  requests: number;
  errors: number;
  passed: boolean;
  /** CPU time of the game processes (not Redis or PostgreSQL) per request answered. */
  cpuMsPerRequest: number;
};
export type ScaleFigures = {
  alone: ScaleStep[];
  one: ScaleStep[];
  two: ScaleStep[];
  perProcessAlone: number;
  perProcessOne: number;
  perProcessTwo: number;
  ratio: number;
  /** Players a process would hold if the CPU were its only limit (1 request/s each): 1000 / CPU ms per request, over all steps. */
  cpuBound: { alone: number; one: number; two: number; ratio: number };
};
export type ScaleOptions = { quick: boolean; log: (line: string) => void };

const id = () => randomBytes(9).toString("base64url");
const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : 0);

async function join(endpoint: string, code: string, options: Record<string, unknown>): Promise<SdkRoom> {
  const room = await new sdk.Client(endpoint).joinById(code, options as never);
  room.reconnection.enabled = false;
  room.onMessage("*", () => {});
  return room;
}

/** Opens `rooms` games over the processes, seats 6 players in each and starts negotiation. */
async function seat(procs: ServerProcess[], rooms: number): Promise<{ room: SdkRoom; seat: string }[]> {
  const players: { room: SdkRoom; seat: string }[] = [];
  for (let g = 0; g < rooms; g++) {
    const via = procs[g % procs.length]!;
    const made = await createGame(via, { scenarioId: "classroom-quick", settings: { bots: false, eventSeconds: 600, negotiationSeconds: 7200 } });
    const facilitator = await join(via.endpoint, made.code, { as: "facilitator", key: made.facilitatorKey });
    const seated = await Promise.all(SEATS.map((seat, k) => join(procs[(g + k) % procs.length]!.endpoint, made.code, { as: "player", name: seat, seat })));
    for (const type of ["start", "advance"]) {
      const r = (await facilitator.request("facilitator", { type, actionId: id() } as never, { timeout: 10_000 })) as Reply;
      if (!r.ok) throw new Error(`${type}: ${r.error?.code}`);
    }
    await facilitator.leave(true);
    seated.forEach((room, k) => players.push({ room, seat: SEATS[k]! }));
  }
  return players;
}

/** CPU time (user + system) a process has used so far, in ms (Linux /proc). */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS;
}
const TICKS = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;

/** Every player sends a request a second for warm-up + measurement; latencies of the measurement. */
async function drive(players: { room: SdkRoom; seat: string }[], warmupMs: number, measureMs: number, onMeasure: () => void) {
  const latencies: number[] = [];
  let errors = 0;
  const start = performance.now();
  setTimeout(onMeasure, warmupMs);
  const measuring = () => performance.now() - start >= warmupMs;
  await Promise.all(
    players.map(async ({ room, seat }, i) => {
      let due = start + ((i * 997) % 1000);
      for (let n = i % 2; performance.now() - start < warmupMs + measureMs; n++) {
        const wait = due - performance.now();
        if (wait > 0) await sleep(wait);
        const other = SEATS[(SEATS.indexOf(seat) + 1) % SEATS.length]!;
        const sent = performance.now();
        const counted = measuring();
        try {
          const reply = (n % 2
            ? await room.request("preview", { draft: { terms: { type: "rnd", sector: "ai", contribution: 1 + (n % 5) }, parties: [seat, other], duration: 2 } } as never, { timeout: 5000 })
            : await room.request("act", { type: "chat", channel: "plenary", text: `line ${n} from ${seat}`, actionId: id() } as never, { timeout: 5000 })) as Reply;
          if (counted) {
            latencies.push(performance.now() - sent);
            if (!reply.ok) errors++;
          }
        } catch {
          if (counted) errors++;
        }
        due = Math.max(due + 1000, performance.now());
      }
    }),
  );
  return { latencies: latencies.sort((a, b) => a - b), errors };
}

/** `shared`: Redis and PostgreSQL; without, the single-process default on SQLite (the baseline). */
async function configuration(setup: string, processes: number, shared: { redisUrl: string; databaseUrl: string } | undefined, options: ScaleOptions): Promise<ScaleStep[]> {
  const db = tempDatabase();
  const procs: ServerProcess[] = [];
  const steps: ScaleStep[] = [];
  try {
    for (let i = 0; i < processes; i++) {
      const port = await freePort();
      const env: Record<string, string> = shared ? { REDIS_URL: shared.redisUrl, DATABASE_URL: shared.databaseUrl, PUBLIC_ADDRESS: `127.0.0.1:${port}` } : {};
      procs.push(await startServerProcess({ databasePath: db.databasePath, port, env: { ...env, LOG_LEVEL: "error" } }));
    }
    // Rooms per process: grow by half while p99 stays under the limit without errors; when the
    // first step already misses, halve until one passes (or one room per process misses).
    let perProcess = options.quick ? 4 : 6;
    let grow: boolean | undefined;
    for (let step = 0; step < (options.quick ? 4 : 8); step++) {
      const rooms = perProcess * processes;
      const players = await seat(procs, rooms);
      const cpu = () => procs.reduce((ms, p) => ms + cpuMs(p.child.pid!), 0);
      let cpuAtStart = 0;
      const { latencies, errors } = await drive(players, options.quick ? 3000 : 5000, options.quick ? 6000 : 15_000, () => (cpuAtStart = cpu()));
      const cpuUsed = cpu() - cpuAtStart;
      await Promise.all(players.map((p) => p.room.leave(true).catch(() => {})));
      const p99 = percentile(latencies, 99);
      const s: ScaleStep = { setup, processes, rooms, players: players.length, perProcess: players.length / processes, p50: percentile(latencies, 50), p99, requests: latencies.length, errors, passed: errors === 0 && p99 <= P99_LIMIT_MS, cpuMsPerRequest: latencies.length ? cpuUsed / latencies.length : 0 };
      steps.push(s);
      options.log(
        `  ${setup.padEnd(28)} ${String(s.players).padStart(4)} players (${s.perProcess} per process)  p50 ${s.p50.toFixed(1)} ms  p99 ${s.p99.toFixed(1)} ms  ${s.requests} requests, ${s.errors} errors, ${s.cpuMsPerRequest.toFixed(2)} CPU ms/request  ${s.passed ? "pass" : "miss"}`,
      );
      grow ??= s.passed;
      if (grow !== s.passed || (!grow && perProcess === 1)) break; // crossed the limit
      perProcess = grow ? Math.ceil(perProcess * 1.5) : Math.max(1, Math.floor(perProcess / 2));
    }
  } finally {
    // Game processes before Redis (the caller stops it): a drain needs Redis.
    await Promise.all(procs.map((p) => p.stop()));
    db.cleanup();
  }
  return steps;
}

export async function scaleFigures(options: ScaleOptions): Promise<ScaleFigures> {
  const [redis, pg] = await Promise.all([startRedis(), startPostgres()]);
  try {
    const alone = await configuration("1 process, SQLite (default)", 1, undefined, options);
    const one = await configuration("1 process, Redis + PostgreSQL", 1, { redisUrl: redis.url, databaseUrl: await pg.database("bench_one") }, options);
    const two = await configuration("2 processes, Redis + PostgreSQL", 2, { redisUrl: redis.url, databaseUrl: await pg.database("bench_two") }, options);
    const best = (steps: ScaleStep[]) => Math.max(0, ...steps.filter((s) => s.passed).map((s) => s.perProcess));
    const perProcessOne = best(one);
    const perProcessTwo = best(two);
    const cpuBound = (steps: ScaleStep[]) => {
      const requests = steps.reduce((n, s) => n + s.requests, 0);
      const ms = steps.reduce((n, s) => n + s.cpuMsPerRequest * s.requests, 0);
      return ms ? Math.round((1000 * requests) / ms) : 0;
    };
    const cpu = { alone: cpuBound(alone), one: cpuBound(one), two: cpuBound(two), ratio: 0 };
    cpu.ratio = cpu.one ? cpu.two / cpu.one : 0;
    return { alone, one, two, perProcessAlone: best(alone), perProcessOne, perProcessTwo, ratio: perProcessOne ? perProcessTwo / perProcessOne : 0, cpuBound: cpu };
  } finally {
    await redis.stop();
    await pg.stop();
  }
}
