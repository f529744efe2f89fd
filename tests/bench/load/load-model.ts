/**
 * The load model of docs/PERFORMANCE.md: rooms of 6 players (SDK clients), each sending one
 * request a second and awaiting its reply. In a game room (classroom-quick, bots off, in
 * negotiation) the requests cycle through plenary chat, bilateral chat, propose-or-amend and
 * preview; in the bare room they are the same number of small `act` requests.
 */
import { randomBytes } from "node:crypto";
import { traffic, type CountingSocket } from "./counting-socket.ts";
import type { BenchServer } from "./server-child.ts";
import type { Created } from "./server.ts";
import { sleep } from "../../helpers/wait.ts";

// A server that closes rooms under their clients (a step's end, a stopped server) closes their
// sockets, and the SDK warns for each: the bench's players are told apart by their errors instead.
const warn = console.warn.bind(console);
console.warn = (...args: unknown[]) => {
  if (typeof args[0] === "string" && args[0].startsWith("Room connection was closed unexpectedly")) return;
  warn(...args);
};

const sdk = await import("@colyseus/sdk");
type SdkRoom = Awaited<ReturnType<InstanceType<typeof sdk.Client>["joinById"]>>;
type Reply = { ok: boolean; error?: { code: string; message: string } };

export const PLAYERS_PER_ROOM = 6;
const SEATS = ["US", "NL", "JP", "CN", "IN", "ID"]; // classroom-quick's seats

export type Player = { room: SdkRoom; socket: CountingSocket; next(n: number): Promise<Reply> };

/** Latencies (ms), errors and requests since the last reset. */
export const results = {
  latencies: [] as number[],
  errors: 0,
  errorCodes: new Map<string, number>(),
  reset() {
    this.latencies = [];
    this.errors = 0;
    this.errorCodes.clear();
  },
};

function socketOf(room: SdkRoom): CountingSocket {
  return (room as unknown as { connection: { transport: { ws: CountingSocket } } }).connection.transport.ws;
}

async function joinRoom(endpoint: string, code: string, options: Record<string, unknown>): Promise<SdkRoom> {
  const client = new sdk.Client(endpoint);
  const room = await client.joinById(code, options as never);
  room.reconnection.enabled = false;
  room.onMessage("*", () => {});
  return room;
}

/** Runs `fn` over `items` with at most `limit` at once. */
export async function pool<T, R>(items: T[], limit: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]!, i);
      }
    }),
  );
  return out;
}

export async function bareRoomPlayers(server: BenchServer, rooms: number): Promise<Player[]> {
  return joinBareRooms(server.endpoint, await server.createBare(rooms));
}

/** The players of bare rooms created on the server at `endpoint`. */
export async function joinBareRooms(endpoint: string, created: Created): Promise<Player[]> {
  const slots = created.flatMap((r) => Array.from({ length: PLAYERS_PER_ROOM }, (_, i) => ({ code: r.code, i })));
  return pool(slots, 32, async ({ code, i }) => {
    const room = await joinRoom(endpoint, code, { name: `p${i}` });
    return { room, socket: socketOf(room), next: (n) => room.request("act", { n }, { timeout: 5000 }) as Promise<Reply> };
  });
}

/** Every act and facilitator request carries an id of its own (retries reuse it; these never retry). */
export const actionId = () => randomBytes(9).toString("base64url");

const rnd = (seat: string, other: string, n: number) => ({ terms: { type: "rnd", sector: "ai", contribution: 1 + (n % 5) }, parties: [seat, other], duration: 2 });

/** A seat's own open offer, read from the unsigned deals its view holds (the proposer amends it). */
function ownOffer(room: SdkRoom, seat: string): { id: string; revision: number } | undefined {
  const deals = (room.state as { privateAgreements?: Iterable<{ id: string; revision: number; proposedBy: string; status: string }> }).privateAgreements ?? [];
  for (const a of deals) if (a.proposedBy === seat && a.status === "proposed") return { id: a.id, revision: a.revision };
  return undefined;
}

async function gameRoom(endpoint: string, game: Created[number]): Promise<Player[]> {
  const facilitator = await joinRoom(endpoint, game.code, { as: "facilitator", key: game.facilitatorKey });
  const players = await Promise.all(SEATS.map((seat) => joinRoom(endpoint, game.code, { as: "player", name: seat, seat })));
  for (const type of ["start", "advance"]) {
    const r = (await facilitator.request("facilitator", { type, actionId: actionId() }, { timeout: 10_000 })) as Reply;
    if (!r.ok) throw new Error(`${type}: ${r.error?.code}`);
  }
  await facilitator.leave(true);
  return Promise.all(
    players.map(async (room, i) => {
      const seat = SEATS[i]!;
      const other = SEATS[(i + 1) % SEATS.length]!;
      const channel = `ch:${[seat, other].sort().join("+")}`;
      const opened = (await room.request("act", { type: "open-channel", members: [other], actionId: actionId() }, { timeout: 10_000 })) as Reply;
      if (!opened.ok) throw new Error(`open-channel: ${opened.error?.code}`);
      const next = (n: number): Promise<Reply> => {
        const request = (type: string, payload: object) => room.request(type, (type === "act" ? { ...payload, actionId: actionId() } : payload) as never, { timeout: 5000 }) as Promise<Reply>;
        switch (n % 4) {
          case 0:
            return request("act", { type: "chat", channel: "plenary", text: `Plenary line ${n} from ${seat}` });
          case 1:
            return request("act", { type: "chat", channel, text: `Bilateral line ${n} from ${seat}` });
          case 2: {
            const offer = ownOffer(room, seat);
            return offer
              ? request("act", { type: "amend", agreementId: offer.id, revision: offer.revision, draft: rnd(seat, other, n) })
              : request("act", { type: "propose", draft: rnd(seat, other, n) });
          }
          default:
            return request("preview", { draft: rnd(seat, other, n + 1) });
        }
      };
      return { room, socket: socketOf(room), next };
    }),
  );
}

export async function gameRoomPlayers(server: BenchServer, rooms: number): Promise<Player[]> {
  return joinGameRooms(server.endpoint, await createGameRooms(server, rooms));
}

/** Classroom-quick games with bots off and phases longer than any run, created on the server. */
export function createGameRooms(server: BenchServer, rooms: number): Promise<Created> {
  return server.request<Created>({ type: "create-game", count: rooms, scenarioId: "classroom-quick", settings: { bots: false, eventSeconds: 600, negotiationSeconds: 7200 } });
}

/** The players of game rooms created on the server at `endpoint`, in round 1's negotiation. */
export async function joinGameRooms(endpoint: string, created: Created): Promise<Player[]> {
  const perRoom = await pool(created, 6, (game) => gameRoom(endpoint, game));
  return perRoom.flat();
}

/**
 * Every player sends one request a second (phases spread over the second) until stopped.
 * `first` is the first player's place among all the run's players, where several generator
 * processes share them (./generators.ts): a player's place sets its phase in the second.
 */
export function drive(players: Player[], first = 0): { stop(): Promise<void> } {
  let running = true;
  const loops = players.map(async (p, j) => {
    const i = first + j;
    let n = i % 4;
    let due = performance.now() + (i * 997) % 1000;
    while (running) {
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      if (!running) break;
      const sent = performance.now();
      try {
        const reply = await p.next(n++);
        results.latencies.push(performance.now() - sent);
        if (!reply.ok) {
          results.errors++;
          const code = reply.error?.code ?? "?";
          results.errorCodes.set(code, (results.errorCodes.get(code) ?? 0) + 1);
        }
      } catch (err) {
        if (!running) break;
        results.errors++;
        const code = err instanceof Error ? err.message.slice(0, 60) : "error";
        results.errorCodes.set(code, (results.errorCodes.get(code) ?? 0) + 1);
      }
      due = Math.max(due + 1000, performance.now());
    }
  });
  return {
    async stop() {
      running = false;
      await Promise.all(loops);
    },
  };
}

export async function leave(players: Player[]): Promise<void> {
  await pool(players, 64, (p) => p.room.leave(true).catch(() => {}));
}

export { traffic };
