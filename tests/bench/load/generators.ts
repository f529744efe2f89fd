/**
 * The load generator as several processes sharing one core (./generator-child.ts), each with
 * its share of the rooms. One process holding every client's decoded game state stalls in its
 * own garbage collections, for 100–700 ms at 95 game rooms on a quiet machine, and every reply
 * due meanwhile counts as late: that was the p99 of the game room's steps, with its server a
 * quarter busy (docs/PERFORMANCE.md, "The load generator's own stalls"). Several smaller heaps
 * collect in shorter pauses, at different times. Each generator reports its own event loop's
 * delay, so a step the generator could not keep up with shows it.
 */
import { fork, type ChildProcess } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Collected, GeneratorRequest } from "./generator-child.ts";
import { PLAYERS_PER_ROOM } from "./load-model.ts";
import { pin } from "./server-child.ts";
import type { Created } from "./server.ts";

const HERE = dirname(fileURLToPath(import.meta.url));
type DistributiveOmit<T, K extends keyof T> = T extends unknown ? Omit<T, K> : never;
type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void };

/** What every generator measured since the last reset, together. */
export type Measured = {
  latencies: number[];
  errors: number;
  errorCodes: Map<string, number>;
  patchSizes: Map<number, number>;
  bytesByCode: Map<number, number>;
  cpuMs: number;
  loopDelayMaxMs: number;
  loopDelayP99Ms: number;
};

class Generator {
  private nextId = 1;
  private pending = new Map<number, Pending>();
  private constructor(readonly child: ChildProcess) {
    child.on("message", (m: { id?: number; ok: boolean; value?: unknown; error?: string }) => {
      const p = m?.id === undefined ? undefined : this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id!);
      if (m.ok) p.resolve(m.value);
      else p.reject(new Error(m.error));
    });
    child.once("exit", () => {
      for (const p of this.pending.values()) p.reject(new Error("load generator exited"));
      this.pending.clear();
    });
  }

  static async start(cpu: number | undefined): Promise<Generator> {
    const child = fork(join(HERE, "generator-child.ts"), [], { execArgv: ["--import", "tsx", "--disable-warning=ExperimentalWarning"], stdio: ["ignore", "inherit", "inherit", "ipc"] });
    if (cpu !== undefined) pin(child.pid!, cpu);
    await new Promise<void>((resolve, reject) => {
      const ready = (m: { id?: number }) => {
        if (m?.id !== 0) return;
        child.off("message", ready);
        resolve();
      };
      child.on("message", ready);
      child.once("exit", (code) => reject(new Error(`load generator exited with ${code}`)));
    });
    // Threads the runtime started after the first pin follow it too.
    if (cpu !== undefined) pin(child.pid!, cpu);
    return new Generator(child);
  }

  request<T>(req: DistributiveOmit<GeneratorRequest, "id">): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.child.send({ ...req, id });
    });
  }

  stop(): Promise<void> {
    // A child killed by a signal has no exit code, and disconnecting it again throws.
    if (!this.child.connected) return Promise.resolve();
    const exited = new Promise<void>((resolve) => this.child.once("exit", () => resolve()));
    this.child.disconnect();
    const timer = setTimeout(() => this.child.kill("SIGKILL"), 10_000);
    return exited.finally(() => clearTimeout(timer));
  }
}

export class LoadGenerators {
  private constructor(private generators: Generator[]) {}

  /** `count` generator processes, pinned to `cpu` (all of them) where given. */
  static async start(count: number, cpu: number | undefined): Promise<LoadGenerators> {
    return new LoadGenerators(await Promise.all(Array.from({ length: count }, () => Generator.start(cpu))));
  }

  /** Joins the rooms' players, each generator a contiguous slice of the rooms (players keep the one-process order, so their phases in the second are the same); resolves with the players joined. */
  async join(kind: "bare" | "game", endpoint: string, rooms: Created): Promise<number> {
    const per = Math.ceil(rooms.length / this.generators.length);
    const joined = await Promise.all(
      this.generators.map((g, i) => {
        const slice = rooms.slice(i * per, (i + 1) * per);
        return slice.length ? g.request<number>({ type: "join", kind, endpoint, rooms: slice, first: i * per * PLAYERS_PER_ROOM }) : 0;
      }),
    );
    return joined.reduce((a, b) => a + b, 0);
  }

  private all(req: DistributiveOmit<GeneratorRequest, "id">): Promise<unknown[]> {
    return Promise.all(this.generators.map((g) => g.request(req)));
  }

  /** Every player starts its one request a second. */
  drive = () => this.all({ type: "drive" });
  /** Latencies, errors, traffic, CPU and loop delay start again from zero. */
  reset = () => this.all({ type: "reset" });
  /** Stops the players' requests (each one's reply awaited). */
  stopDriving = () => this.all({ type: "stop" });
  /** Every player leaves its room. */
  leave = () => this.all({ type: "leave" });

  async collect(): Promise<Measured> {
    const parts = (await this.all({ type: "collect" })) as Collected[];
    const sum = <K>(pairs: [K, number][][]) => {
      const m = new Map<K, number>();
      for (const list of pairs) for (const [k, n] of list) m.set(k, (m.get(k) ?? 0) + n);
      return m;
    };
    return {
      latencies: parts.flatMap((p) => p.latencies),
      errors: parts.reduce((n, p) => n + p.errors, 0),
      errorCodes: sum(parts.map((p) => p.errorCodes)),
      patchSizes: sum(parts.map((p) => p.patchSizes)),
      bytesByCode: sum(parts.map((p) => p.bytesByCode)),
      cpuMs: parts.reduce((n, p) => n + p.cpuMs, 0),
      loopDelayMaxMs: Math.max(...parts.map((p) => p.loopDelayMaxMs)),
      loopDelayP99Ms: Math.max(...parts.map((p) => p.loopDelayP99Ms)),
    };
  }

  async close(): Promise<void> {
    await Promise.all(this.generators.map((g) => g.stop()));
  }
}
