/**
 * A bench child process driven over its IPC channel by numbered requests: the servers
 * (./server-child.ts) and the load generators (./generators.ts). The child answers each request
 * with `{ id, ok, value | error }` and says it is ready with id 0.
 */
import { execFileSync, fork, type ChildProcess, type ForkOptions } from "node:child_process";

/** Pins a process (all its threads) to one CPU; false where taskset is missing. */
export function pin(pid: number, cpu: number): boolean {
  try {
    execFileSync("taskset", ["-a", "-p", "-c", String(cpu), String(pid)], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void };
export type DistributiveOmit<T, K extends keyof T> = T extends unknown ? Omit<T, K> : never;

export class IpcChild<Request extends { id: number }> {
  private nextId = 1;
  private pending = new Map<number, Pending>();

  private constructor(
    readonly child: ChildProcess,
    name: string,
  ) {
    child.on("message", (m: { id?: number; ok: boolean; value?: unknown; error?: string }) => {
      const p = m?.id === undefined ? undefined : this.pending.get(m.id);
      if (!p) return; // tsx uses the IPC channel too: ours are the messages with an id
      this.pending.delete(m.id!);
      if (m.ok) p.resolve(m.value);
      else p.reject(new Error(m.error));
    });
    child.once("exit", () => {
      for (const p of this.pending.values()) p.reject(new Error(`${name} exited`));
      this.pending.clear();
    });
  }

  /**
   * Forks `file` (pinned with all its threads to `cpu` where given) and resolves once it is
   * ready, with the value it sent then. `onFork` sees the child first (to read its output).
   */
  static async start<Request extends { id: number }, Ready = unknown>(
    file: string,
    args: string[],
    options: ForkOptions & { name: string; cpu?: number; onFork?: (child: ChildProcess) => void },
  ): Promise<{ ipc: IpcChild<Request>; ready: Ready }> {
    const child = fork(file, args, options);
    options.onFork?.(child);
    if (options.cpu !== undefined) pin(child.pid!, options.cpu);
    const ready = await new Promise<Ready>((resolve, reject) => {
      const first = (m: { id?: number; value?: Ready }) => {
        if (m?.id !== 0) return;
        child.off("message", first);
        resolve(m.value!);
      };
      child.on("message", first);
      child.once("exit", (code) => reject(new Error(`${options.name} exited with ${code}`)));
    });
    // Threads the runtime started after the first pin (workers, libuv) follow it too.
    if (options.cpu !== undefined) pin(child.pid!, options.cpu);
    return { ipc: new IpcChild<Request>(child, options.name), ready };
  }

  request<T>(req: DistributiveOmit<Request, "id">): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.child.send({ ...req, id });
    });
  }

  /** Ends the child: `ask` asks it to stop (the default disconnects it); killed after 10 s. */
  async stop(ask: () => void = () => this.child.disconnect()): Promise<void> {
    // A child killed by a signal has no exit code, and disconnecting it again throws.
    if (!this.child.connected) return;
    const exited = new Promise<void>((resolve) => this.child.once("exit", () => resolve()));
    ask();
    const timer = setTimeout(() => this.child.kill("SIGKILL"), 10_000);
    await exited;
    clearTimeout(timer);
  }
}

/**
 * The child's side: answers each numbered request with `handle`'s value or error, exits when
 * the parent disconnects, and says it is ready (id 0) with `ready`.
 */
export function answerRequests<Request extends { id: number }>(handle: (req: Request) => Promise<unknown>, ready?: unknown) {
  process.on("message", async (req: Request) => {
    if (typeof req?.id !== "number") return; // tsx uses the IPC channel too
    try {
      process.send!({ id: req.id, ok: true, value: await handle(req) });
    } catch (err) {
      process.send!({ id: req.id, ok: false, error: err instanceof Error ? err.message : String(err) });
    }
  });
  process.on("disconnect", () => process.exit(0));
  process.send!({ id: 0, ok: true, value: ready });
}
