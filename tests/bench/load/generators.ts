/**
 * The load generator as several processes sharing one core (./generator-child.ts), each with
 * its share of the rooms. One process holding every client's decoded game state stalls in its
 * own garbage collections, for 100–700 ms at 95 game rooms on a quiet machine, and every reply
 * due meanwhile counts as late: in a probe those stalls, not the server's, made the biggest
 * clusters of slow replies (docs/PERFORMANCE.md, "The load generator's own stalls"). Several smaller heaps
 * collect in shorter pauses, at different times. Each generator reports its own event loop's
 * delay, so a step the generator could not keep up with shows it.
 */
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Collected, GeneratorRequest } from "./generator-child.ts";
import { PLAYERS_PER_ROOM } from "./load-model.ts";
import { IpcChild, type DistributiveOmit } from "./ipc-child.ts";
import type { Created } from "./server.ts";

const HERE = dirname(fileURLToPath(import.meta.url));

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

type Generator = IpcChild<GeneratorRequest>;

const startGenerator = async (cpu: number | undefined): Promise<Generator> =>
  (
    await IpcChild.start<GeneratorRequest>(join(HERE, "generator-child.ts"), [], {
      name: "load generator",
      ...(cpu === undefined ? {} : { cpu }),
      execArgv: ["--import", "tsx", "--disable-warning=ExperimentalWarning"],
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    })
  ).ipc;

export class LoadGenerators {
  private constructor(private generators: Generator[]) {}

  /** `count` generator processes, pinned to `cpu` (all of them) where given. */
  static async start(count: number, cpu: number | undefined): Promise<LoadGenerators> {
    return new LoadGenerators(await Promise.all(Array.from({ length: count }, () => startGenerator(cpu))));
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
