/**
 * The game room's own work per request, in process: the load model's request mix
 * (./load-model.ts: plenary line, bilateral line, propose-or-amend, preview of a draft) on
 * rooms of six players, each request parsed with zod, applied, synced into the room state, and
 * each tick's patch encoded for the six players' StateViews; no sockets, no storage, no
 * Colyseus request path. CPU µs per request by part, so a change to the engine, the sync or
 * the previews can be told apart from the noise of the whole server (docs/PERFORMANCE.md).
 *
 *   node --import tsx tests/bench/load/act-path.ts [TREE=this one] [rooms=10] [seconds of CPU=8]
 *
 * A room's players act once a "second" each and every tick runs the patch twice (the burst's,
 * then the delayed trims'), as in a step of the bench; rooms are replaced every 40 of those
 * seconds, so offers are amended about ten times, as in the bench's steps.
 */
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";

const [treeArg, roomsArg, secondsArg] = process.argv.slice(2);
const tree = resolve(treeArg ?? fileURLToPath(new URL("../../..", import.meta.url)));
const ROOMS = Number(roomsArg ?? 10);
const SECONDS = Number(secondsArg ?? 8);
const from = <T>(path: string) => import(`${tree}/${path}`) as Promise<T>;
const { StateView } = await from<typeof import("@colyseus/schema")>("node_modules/@colyseus/schema/build/index.mjs");
const { SchemaSerializer } = await from<typeof import("@colyseus/core")>("node_modules/@colyseus/core/build/index.mjs");
const { apply } = await from<typeof import("../../../shared/engine/apply.ts")>("shared/engine/apply.ts");
const { preview } = await from<typeof import("../../../shared/engine/preview.ts")>("shared/engine/preview.ts");
const { createGame } = await from<typeof import("../../../shared/engine/setup.ts")>("shared/engine/setup.ts");
const { ROLES } = await from<typeof import("../../../shared/engine/vocabulary.ts")>("shared/engine/vocabulary.ts");
const { shippedScenarios } = await from<typeof import("../../../server/scenarios.ts")>("server/scenarios.ts");
const { GameRoomState } = await from<typeof import("../../../server/rooms/room-state.ts")>("server/rooms/room-state.ts");
const { ViewSync } = await from<typeof import("../../../server/rooms/view-sync.ts")>("server/rooms/view-sync.ts");
const { PlayerMoveSchema, PreviewRequestSchema } = await from<typeof import("../../../shared/protocol/messages.ts")>("shared/protocol/messages.ts");
type Action = import("../../../shared/engine/actions.ts").Action;
type GameState = import("../../../shared/engine/types.ts").GameState;
type Client = import("@colyseus/core").Client;

const SEATS = ["US", "NL", "JP", "CN", "IN", "ID"];
const scenario = shippedScenarios().get("classroom-quick")!;
const cpuUs = () => {
  const u = process.cpuUsage();
  return u.user + u.system;
};
const parts: Record<string, number> = {};
const count = (part: string, since: number) => {
  const now = cpuUs();
  parts[part] = (parts[part] ?? 0) + now - since;
  return now;
};
const roles = () => [...ROLES];
const rnd = (seat: string, other: string, n: number) => ({ terms: { type: "rnd", sector: "ai", contribution: 1 + (n % 5) }, parties: [seat, other], duration: 2 });

function room(i: number) {
  const state = new GameRoomState();
  let game: GameState = createGame({ scenario, settings: { seed: `act-path:${i}` } });
  const later: (() => void)[] = [];
  const clients = SEATS.map((seat) => ({ state: 1, view: new StateView(), sessionId: seat, seat, raw() {}, userData: {} }));
  const views = new ViewSync(state, () => game, () => clients as unknown as Client[], (c) => ({ kind: "seat", seat: (c as unknown as { seat: string }).seat, roles: roles() }), {}, (fn) => void later.push(fn));
  const serializer = new SchemaSerializer();
  serializer.reset(state);
  const act = (action: Action) => {
    const r = apply(game, action);
    if (!r.ok) throw new Error(r.error.code);
    game = r.state;
    views.sync({});
  };
  act({ actor: { kind: "facilitator" }, move: { type: "start" } });
  act({ actor: { kind: "facilitator" }, move: { type: "advance" } });
  SEATS.forEach((seat, k) => act({ actor: { kind: "seat", seat, roles: roles() }, move: { type: "open-channel", members: [SEATS[(k + 1) % 6]!] } }));
  for (const c of clients) serializer.getFullState(c as unknown as Client);
  serializer.applyPatches(clients as unknown as Client[], state);
  return {
    request(k: number, n: number) {
      const seat = SEATS[k]!;
      const other = SEATS[(k + 1) % 6]!;
      let t = cpuUs();
      if (n % 4 === 3) {
        const parsed = PreviewRequestSchema.safeParse({ draft: rnd(seat, other, n + 1) });
        t = count("zod", t);
        if (!preview(game, seat, parsed.data as Parameters<typeof preview>[2]).ok) throw new Error("preview refused");
        count("preview", t);
        return;
      }
      const own = game.agreements.find((a) => a.proposedBy === seat && a.status === "proposed");
      const payload =
        n % 4 === 0
          ? { type: "chat", channel: "plenary", text: `Plenary line ${n} from ${seat}` }
          : n % 4 === 1
            ? { type: "chat", channel: `ch:${[seat, other].sort().join("+")}`, text: `Bilateral line ${n} from ${seat}` }
            : own
              ? { type: "amend", agreementId: own.id, revision: own.revision, draft: rnd(seat, other, n) }
              : { type: "propose", draft: rnd(seat, other, n) };
      const parsed = PlayerMoveSchema.safeParse(payload);
      if (!parsed.success) throw new Error("invalid move");
      t = count("zod", t);
      const r = apply(game, { actor: { kind: "seat", seat, roles: roles() }, move: parsed.data } as Action);
      if (!r.ok) throw new Error(r.error.code);
      game = r.state;
      t = count("apply", t);
      views.sync({});
      count("sync", t);
    },
    tick() {
      const t = cpuUs();
      serializer.applyPatches(clients as unknown as Client[], state);
      count("patch encode", t);
    },
    delayPasses() {
      const t = cpuUs();
      for (const fn of later.splice(0)) fn();
      count("delayed trims", t);
    },
  };
}

let rooms = Array.from({ length: ROOMS }, (_, i) => room(i));
let second = 0;
let requests = 0;
function oneSecond() {
  if (++second % 40 === 0) rooms = Array.from({ length: ROOMS }, (_, i) => room(second + i));
  for (const r of rooms) {
    r.delayPasses();
    r.tick();
    for (let k = 0; k < 6; k++) r.request(k, second + k);
    r.tick();
  }
  requests += rooms.length * 6;
}

// Warm-up (the optimizing compiler), then the measure.
for (const start = cpuUs(); cpuUs() - start < 3e6; ) oneSecond();
for (const k of Object.keys(parts)) delete parts[k];
requests = 0;
for (const start = cpuUs(); cpuUs() - start < SECONDS * 1e6; ) oneSecond();
const per = (us: number) => (us / requests).toFixed(1);
const total = Object.values(parts).reduce((x, y) => x + y, 0);
console.log(`${tree}: ${per(total)} µs a request (${requests} requests): ${Object.entries(parts).map(([k, v]) => `${k} ${per(v)}`).join(", ")}`);
