import "./load/counting-socket.ts";
import { BenchServer } from "./load/server-child.ts";
import type { Created } from "./load/server.ts";
import { actionId } from "./load/load-model.ts";
const sdk = await import("@colyseus/sdk");
const server = await BenchServer.start("game", undefined);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
try {
  const [g] = await server.request<Created>({ type: "create-game", count: 1, scenarioId: "alliance-2021", settings: { bots: false, eventSeconds: 600, negotiationSeconds: 7200 } });
  const f0 = await new sdk.Client(server.endpoint).joinById(g!.code, { as: "facilitator", key: g!.facilitatorKey } as never);
  for (const type of ["start", "advance"]) await f0.request("facilitator", { type, actionId: actionId() } as never, { timeout: 10_000 });
  await sleep(500);
  const room = await new sdk.Client(server.endpoint).joinById(g!.code, { as: "facilitator", key: g!.facilitatorKey } as never);
  room.onMessage("*", () => {});
  await sleep(1500);
  const ws = (room as any).connection.transport.ws;
  console.log([...ws.received.entries()]);
  const st = room.state.toJSON() as any;
  const size = (x: unknown) => JSON.stringify(x).length;
  console.log(Object.fromEntries(Object.entries(st).map(([k, v]) => [k, size(v)])));
  await room.leave(true); await f0.leave(true);
} finally { await server.stop(); }
