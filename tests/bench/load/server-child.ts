/** Starts tests/bench/load/server.ts as a child process on its own core and talks to it over IPC. */
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { startNodeArgs } from "../../helpers/server-process.ts";
import { IpcChild, type DistributiveOmit } from "./ipc-child.ts";
import type { Created, ServerRequest, Stats } from "./server.ts";

const HERE = dirname(fileURLToPath(import.meta.url));

function nodeFlags(): string[] {
  // BENCH_NODE_FLAGS: more flags for the servers' node (--perf-basic-prof for perf, --trace-deopt,
  // --no-single-threaded-gc to compare with V8's default...), after those of `npm start`.
  const flags = process.env.BENCH_NODE_FLAGS?.split(" ").filter(Boolean) ?? [];
  const dir = process.env.BENCH_CPU_PROF;
  if (!dir) return flags;
  const interval = process.env.BENCH_CPU_PROF_INTERVAL;
  return [...flags, "--cpu-prof", `--cpu-prof-dir=${dir}`, ...(interval ? [`--cpu-prof-interval=${interval}`] : [])];
}

export class BenchServer {
  /** How many schema "buffer overflow" warnings the server printed so far. */
  warnings: () => number = () => 0;
  private constructor(
    private ipc: IpcChild<ServerRequest>,
    readonly port: number,
  ) {}

  static async start(mode: "bare" | "game", cpu: number | undefined): Promise<BenchServer> {
    let schemaWarnings = 0;
    const { ipc, ready } = await IpcChild.start<ServerRequest, { port: number }>(join(HERE, "server.ts"), [mode], {
      name: `bench server (${mode})`,
      ...(cpu === undefined ? {} : { cpu }),
      // BENCH_CPU_PROF=<dir>: the server writes a CPU profile there when it stops (where the time
      // goes); BENCH_CPU_PROF_INTERVAL=<µs> samples more often than V8's 1 ms.
      // The node arguments of `npm start` (its GC setting is part of what is measured).
      execArgv: [...startNodeArgs(), "--expose-gc", ...nodeFlags()],
      env: { ...process.env, LOG_LEVEL: "error" },
      stdio: ["ignore", "pipe", "pipe", "ipc"],
      // The schema encoder's "buffer overflow" warning is counted (a join figure), anything else shown.
      onFork: (child) => {
        for (const stream of [child.stdout!, child.stderr!])
          stream.on("data", (d: Buffer) => {
            const text = d.toString();
            const found = text.match(/buffer overflow/g)?.length ?? 0;
            schemaWarnings += found;
            if (!found && text.trim()) process.stderr.write(`[${mode} server] ${text}`);
          });
      },
    });
    const server = new BenchServer(ipc, ready.port);
    server.warnings = () => schemaWarnings;
    return server;
  }

  get endpoint(): string {
    return `ws://127.0.0.1:${this.port}`;
  }

  request<T>(req: DistributiveOmit<ServerRequest, "id">): Promise<T> {
    return this.ipc.request<T>(req);
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

  /** Asks the server to close its rooms and exit. */
  stop(): Promise<void> {
    return this.ipc.stop(() => void this.request({ type: "stop" }).catch(() => {}));
  }
}
