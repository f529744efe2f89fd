/**
 * What the collector and V8's other threads cost a warmed bot-only game, under given node flags
 * (docs/BALANCE.md, Speed, "The collector and the young generation"). Plays the warm-up games,
 * then the measured ones, in a child process started with `--trace-gc-nvp` and the flags, and
 * prints per measured game: the CPU time (all threads, as the bench counts it), the main
 * thread's and the other threads' (/proc, Linux only), the scavenges, and the bytes they copied
 * (survived in the young generation and promoted): a scavenge's work is the bytes it copies,
 * which the machine's load does not change, where its time does.
 *
 * `node_modules/.bin/node --import tsx tests/bench/bot-gc.ts SCENARIO [warm-up games] [games] [node flags…]`
 */
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const MARK = "-- measured games --";

/** CPU milliseconds of this process's main thread and of its other threads. */
function threadsCpu(): { main: number; others: number } {
  let main = 0;
  let others = 0;
  for (const tid of readdirSync("/proc/self/task")) {
    const stat = readFileSync(`/proc/self/task/${tid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const ms = (Number(fields[11]) + Number(fields[12])) * 10; // utime + stime, in 10 ms ticks
    if (Number(tid) === process.pid) main += ms;
    else others += ms;
  }
  return { main, others };
}

if (process.argv[2] === "--child") {
  const [, , , id, warm, count] = process.argv;
  const { shippedScenarios } = await import("../../server/scenarios.ts");
  const { playGame } = await import("../../shared/bots/game-loop.ts");
  const scenario = shippedScenarios().get(id!);
  if (!scenario) throw new Error(`no scenario ${id}`);
  for (let i = 0; i < Number(warm); i++) playGame({ scenario, settings: { seed: `warm-up:${i}` } }, {});
  console.log(MARK);
  const cpu0 = process.cpuUsage();
  const t0 = threadsCpu();
  const games = Number(count);
  for (let i = 0; i < games; i++) playGame({ scenario, settings: { seed: `bench:${i}` } }, {});
  const cpu = process.cpuUsage(cpu0);
  const t1 = threadsCpu();
  console.log(JSON.stringify({ cpu: (cpu.user + cpu.system) / 1000 / games, main: (t1.main - t0.main) / games, others: (t1.others - t0.others) / games }));
} else {
  const [id, warm = "60", count = "60", ...flags] = process.argv.slice(2);
  if (!id) throw new Error("usage: bot-gc.ts SCENARIO [warm-up games] [games] [node flags…]");
  const run = spawnSync(join(ROOT, "node_modules", ".bin", "node"), ["--trace-gc-nvp", ...flags, "--import", "tsx", fileURLToPath(import.meta.url), "--child", id, warm, count], {
    cwd: ROOT,
    encoding: "utf8",
    maxBuffer: 1 << 30,
  });
  if (run.status !== 0) throw new Error(run.stderr);
  const lines = run.stdout.split("\n");
  const games = Number(count);
  let scavenges = 0;
  let survived = 0;
  let promoted = 0;
  let others = 0;
  for (const line of lines.slice(lines.indexOf(MARK) + 1)) {
    if (!line.includes(" pause=")) continue;
    const field = (name: string) => Number(new RegExp(`\\b${name}=([\\d.]+)`).exec(line)?.[1] ?? 0);
    if (/\bgc=s\b/.test(line)) {
      scavenges++;
      survived += field("new_space_survived");
      promoted += field("promoted");
    } else others++;
  }
  const result = JSON.parse(lines.findLast((l) => l.startsWith("{")) ?? "{}") as { cpu: number; main: number; others: number };
  const mb = (b: number) => (b / games / 1e6).toFixed(2);
  console.log(
    `${id} [${flags.join(" ") || "V8's defaults"}], a game: CPU ${result.cpu.toFixed(1)} ms (main thread ${result.main.toFixed(1)}, other threads ${result.others.toFixed(1)}); ` +
      `${(scavenges / games).toFixed(2)} scavenges copying ${mb(survived)} MB and promoting ${mb(promoted)} MB; ${(others / games).toFixed(2)} other collections; load average ${loadavg()[0]!.toFixed(1)}`,
  );
}
