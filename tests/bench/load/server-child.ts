/** Starts tests/bench/load/server.ts as a child process on its own core and talks to it over IPC. */
import { execFileSync } from "node:child_process";
import { fork, type ChildProcess } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Created, ServerRequest, Stats } from "./server.ts";

const HERE = dirname(fileURLToPath(import.meta.url));
type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void };
type DistributiveOmit<T, K extends keyof T> = T extends unknown ? Omit<T, K> : never;

/** Pins a process (all its threads) to one CPU; false where taskset is missing. */
export function pin(pid: number, cpu: number): boolean {
  try {
    execFileSync("taskset", ["-a", "-p", "-c", String(cpu), String(pid)], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

function nodeFlags(): string[] {
  // BENCH_NODE_FLAGS: more flags for the servers' node (--perf-basic-prof for perf, --trace-deopt...).
  const flags = process.env.BENCH_NODE_FLAGS?.split(" ").filter(Boolean) ?? [];
  const dir = process.env.BENCH_CPU_PROF;
  if (!dir) return flags;
  const interval = process.env.BENCH_CPU_PROF_INTERVAL;
  return [...flags, "--cpu-prof", `--cpu-prof-dir=${dir}`, ...(interval ? [`--cpu-prof-interval=${interval}`] : [])];
}

export class BenchServer {
  private nextId = 1;
  /** How many schema "buffer overflow" warnings the server printed so far. */
  warnings: () => number = () => 0;
  private pending = new Map<number, Pending>();
  private constructor(
    readonly child: ChildProcess,
    readonly port: number,
  ) {
    child.on("message", (m: { id: number; ok: boolean; value?: unknown; error?: string }) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (m.ok) p.resolve(m.value);
      else p.reject(new Error(m.error));
    });
    child.once("exit", () => {
      for (const p of this.pending.values()) p.reject(new Error("bench server exited"));
      this.pending.clear();
    });
  }

  static async start(mode: "bare" | "game", cpu: number | undefined): Promise<BenchServer> {
    const child = fork(join(HERE, "server.ts"), [mode], {
      // BENCH_CPU_PROF=<dir>: the server writes a CPU profile there when it stops (where the time
      // goes); BENCH_CPU_PROF_INTERVAL=<µs> samples more often than V8's 1 ms.
      execArgv: ["--import", "tsx", "--expose-gc", "--disable-warning=ExperimentalWarning", ...nodeFlags()],
      env: { ...process.env, LOG_LEVEL: "error" },
      stdio: ["ignore", "pipe", "pipe", "ipc"],
    });
    let schemaWarnings = 0;
    // The schema encoder's "buffer overflow" warning is counted (a join figure), anything else shown.
    for (const stream of [child.stdout!, child.stderr!])
      stream.on("data", (d: Buffer) => {
        const text = d.toString();
        const found = text.match(/buffer overflow/g)?.length ?? 0;
        schemaWarnings += found;
        if (!found && text.trim()) process.stderr.write(`[${mode} server] ${text}`);
      });
    if (cpu !== undefined) pin(child.pid!, cpu);
    const port = await new Promise<number>((resolve, reject) => {
      // tsx uses the IPC channel too: ours are the messages with an id.
      const first = (m: { id?: number; value?: { port: number } }) => {
        if (m?.id !== 0) return;
        child.off("message", first);
        resolve(m.value!.port);
      };
      child.on("message", first);
      child.once("exit", (code) => reject(new Error(`bench server (${mode}) exited with ${code}`)));
    });
    // Threads the runtime started after the first pin (workers, libuv) follow it too.
    if (cpu !== undefined) pin(child.pid!, cpu);
    const server = new BenchServer(child, port);
    server.warnings = () => schemaWarnings;
    return server;
  }

  get endpoint(): string {
    return `ws://127.0.0.1:${this.port}`;
  }

  request<T>(req: DistributiveOmit<ServerRequest, "id">): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.child.send({ ...req, id });
    });
  }

  stats(gc = false, resetLoopDelay = false): Promise<Stats> {
    return this.request<Stats>({ type: "stats", gc, resetLoopDelay });
  }

  createBare(count: number): Promise<Created> {
    return this.request<Created>({ type: "create-bare", count });
  }

  /** Closes every room; resolves with the rooms still listed after. */
  dispose(): Promise<number> {
    return this.request<number>({ type: "dispose" });
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once("exit", () => resolve()));
    this.request({ type: "stop" }).catch(() => {});
    const timer = setTimeout(() => this.child.kill("SIGKILL"), 10_000);
    await exited;
    clearTimeout(timer);
  }
}
