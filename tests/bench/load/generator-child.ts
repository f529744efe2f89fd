/**
 * One process of the load generator (./generators.ts): joins the rooms it is given as real
 * SDK clients, drives them under the load model (./load-model.ts) and reports what it
 * measured. Driven over the IPC channel by the bench process.
 */
import "./counting-socket.ts";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { drive, joinBareRooms, joinGameRooms, leave, results, traffic, type Player } from "./load-model.ts";
import { answerRequests } from "./ipc-child.ts";
import type { Created } from "./server.ts";

export type GeneratorRequest =
  | { id: number; type: "join"; kind: "bare" | "game"; endpoint: string; rooms: Created; first: number }
  | { id: number; type: "drive" }
  | { id: number; type: "reset" }
  | { id: number; type: "collect" }
  | { id: number; type: "stop" }
  | { id: number; type: "leave" };

/** What one generator measured since its last reset. */
export type Collected = {
  latencies: number[];
  errors: number;
  errorCodes: [string, number][];
  patchSizes: [number, number][];
  bytesByCode: [number, number][];
  cpuMs: number;
  /** Its own event loop's delay: a generator that stalls makes the server's replies look late. */
  loopDelayMaxMs: number;
  loopDelayP99Ms: number;
};

let players: Player[] = [];
let first = 0;
let load: { stop(): Promise<void> } | undefined;
const loop = monitorEventLoopDelay({ resolution: 10 });
loop.enable();
let cpu = process.cpuUsage();

async function handle(req: GeneratorRequest): Promise<unknown> {
  switch (req.type) {
    case "join":
      first = req.first;
      players = req.kind === "bare" ? await joinBareRooms(req.endpoint, req.rooms) : await joinGameRooms(req.endpoint, req.rooms);
      return players.length;
    case "drive":
      load = drive(players, first);
      return true;
    case "reset":
      results.reset();
      traffic.reset();
      loop.reset();
      cpu = process.cpuUsage();
      return true;
    case "collect": {
      const used = process.cpuUsage(cpu);
      return {
        latencies: results.latencies,
        errors: results.errors,
        errorCodes: [...results.errorCodes],
        patchSizes: [...traffic.patchSizes],
        bytesByCode: [...traffic.bytesByCode],
        cpuMs: (used.user + used.system) / 1000,
        loopDelayMaxMs: loop.max / 1e6,
        loopDelayP99Ms: loop.percentile(99) / 1e6,
      } satisfies Collected;
    }
    case "stop":
      await load?.stop();
      load = undefined;
      return true;
    case "leave":
      await leave(players);
      players = [];
      return true;
  }
}

answerRequests(handle);
