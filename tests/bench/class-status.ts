/**
 * What one read of the class console's status costs (GET /api/classes/CODE/status, which the
 * console repeats every 4 s): a class of several tables played to the end by bots alone, then
 * the status read again and again. Prints the server's CPU time per read (from /proc, which the
 * machine's load distorts little) and the wall time per read, median and p90. The tables are
 * driven as the class console's "End the … now" would, the bots negotiating `--talk` ms a round.
 *
 *   node --import tsx tests/bench/class-status.ts [--tables 10] [--rounds 12] [--talk 3000] [--reads 40] [--port 3110]
 *
 * docs/PERFORMANCE.md ("The class console's status") has the figures.
 */
import { readFileSync } from "node:fs";
import { DatabaseSync } from "node:sqlite";
import type { ClassInfo, ClassStatus, CreateClassReply } from "../../shared/protocol/classes.ts";
import { startServerProcess, tempDatabase } from "../helpers/server-process.ts";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const tables = arg("tables", 10);
const rounds = arg("rounds", 12);
const reads = arg("reads", 40);
const talk = arg("talk", 3000);

/** User + system CPU time of a process so far, in milliseconds (Linux /proc). */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime in clock ticks (USER_HZ = 100)
}
const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;

const db = tempDatabase();
const server = await startServerProcess({ databasePath: db.databasePath, port: arg("port", 3110), botDelayMs: 1 });
try {
  const post = async <T>(path: string, body: unknown, key?: string) =>
    (await (await fetch(`${server.url}${path}`, { method: "POST", headers: { "content-type": "application/json", ...(key ? { "x-facilitator-key": key } : {}) }, body: JSON.stringify(body) })).json()) as T;
  const created = await post<CreateClassReply>("/api/classes", {
    scenarioId: "multipolar-2024",
    tables,
    settings: { bots: true, teams: false, rounds, seed: 5, eventSeconds: 600, negotiationSeconds: 3600, reviewSeconds: 600 },
  });
  await post(`/api/classes/${created.code}/command`, { type: "start" }, created.facilitatorKey);
  // The class console's "End the … now" at every table, phase after phase; the bots negotiate
  // for `--talk` ms each round first. The public class info is read, not the status (which
  // would count as the teacher watching).
  const started = Date.now();
  for (;;) {
    const info = (await (await fetch(`${server.url}/api/classes/${created.code}`)).json()) as ClassInfo;
    const phases = new Set(info.tables.map((t) => t.phase).filter((p) => p !== "ended"));
    if (!phases.size) break;
    for (const phase of phases) {
      if (phase === "negotiation") await new Promise((resolve) => setTimeout(resolve, talk));
      await post(`/api/classes/${created.code}/command`, { type: "advance", phase }, created.facilitatorKey);
    }
  }
  const played = Math.round((Date.now() - started) / 1000);
  const status = async () => {
    const t0 = performance.now();
    const res = await fetch(`${server.url}/api/classes/${created.code}/status`, { headers: { "x-facilitator-key": created.facilitatorKey } });
    const body = (await res.json()) as ClassStatus;
    return { ms: performance.now() - t0, body };
  };
  const first = await status();
  const walls: number[] = [];
  const cpu0 = cpuMs(server.child.pid!);
  for (let i = 0; i < reads; i++) walls.push((await status()).ms);
  const cpu = (cpuMs(server.child.pid!) - cpu0) / reads;
  const logs = new DatabaseSync(db.databasePath, { readOnly: true });
  const actions = created.tables.map((code) => Number((logs.prepare("SELECT COUNT(*) AS n FROM actions WHERE code = ?").get(code) as { n: number }).n));
  logs.close();
  const load = readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
  console.log(`class of ${tables} tables (multipolar-2024, ${rounds} rounds, bots only), played in ${played} s; actions logged per table: ${actions.join(", ")}`);
  console.log(`every table ended: ${first.body.tablesDetail.every((t) => t.phase === "ended")}; load average ${load}`);
  console.log(`first read: ${first.ms.toFixed(1)} ms; next ${reads} reads: median ${quantile(walls, 0.5).toFixed(1)} ms, p90 ${quantile(walls, 0.9).toFixed(1)} ms, server CPU ${cpu.toFixed(1)} ms per read`);
} finally {
  await server.stop();
  db.cleanup();
}
