/**
 * A client written from the wire protocol alone, without `@colyseus/sdk`: what an attacker
 * would write. It joins through the matchmaker's HTTP route, opens the room's WebSocket,
 * answers the JOIN_ROOM handshake and then sends whatever bytes it is told to.
 *
 * Colyseus 0.18 framing (node_modules/@colyseus/shared-types/build/Protocol.mjs and
 * @colyseus/core/build/RoomMessages.mjs): the first byte is the protocol code;
 * ROOM_DATA (13) is `[13][type][msgpack payload?]` and ROOM_REQUEST (21) is
 * `[21][request id][type][msgpack payload?]`, where the type is a msgpack string or number;
 * the server replies to a request with ROOM_RESPONSE (22) `[22][request id][status][payload?]`.
 */
import http from "node:http";
import NodeWebSocket from "ws";
import { waitFor } from "./wait.ts";

export const PROTOCOL = { JOIN_ROOM: 10, ERROR: 11, LEAVE_ROOM: 12, ROOM_DATA: 13, ROOM_STATE: 14, ROOM_STATE_PATCH: 15, ROOM_DATA_BYTES: 17, PING: 18, ROOM_REQUEST: 21, ROOM_RESPONSE: 22 } as const;

/** The little of msgpack a hostile client needs: nil, booleans, numbers, strings, arrays, maps. */
export function pack(value: unknown): Buffer {
  if (value === null || value === undefined) return Buffer.from([0xc0]);
  if (value === true) return Buffer.from([0xc3]);
  if (value === false) return Buffer.from([0xc2]);
  if (typeof value === "number") {
    if (Number.isInteger(value) && value >= 0 && value < 128) return Buffer.from([value]);
    if (Number.isInteger(value) && value < 0 && value >= -32) return Buffer.from([0x100 + value]);
    if (Number.isInteger(value) && value >= 0 && value < 2 ** 32) {
      const b = Buffer.alloc(5);
      b[0] = 0xce;
      b.writeUInt32BE(value, 1);
      return b;
    }
    const b = Buffer.alloc(9);
    b[0] = 0xcb;
    b.writeDoubleBE(value, 1);
    return b;
  }
  if (typeof value === "string") {
    const s = Buffer.from(value, "utf8");
    const n = s.length;
    const head = n < 32 ? Buffer.from([0xa0 | n]) : n < 256 ? Buffer.from([0xd9, n]) : n < 65536 ? Buffer.from([0xda, n >> 8, n & 255]) : Buffer.from([0xdb, (n >>> 24) & 255, (n >> 16) & 255, (n >> 8) & 255, n & 255]);
    return Buffer.concat([head, s]);
  }
  if (Array.isArray(value)) {
    const n = value.length;
    const head = n < 16 ? Buffer.from([0x90 | n]) : Buffer.from([0xdc, n >> 8, n & 255]);
    return Buffer.concat([head, ...value.map(pack)]);
  }
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>);
    const n = entries.length;
    const head = n < 16 ? Buffer.from([0x80 | n]) : Buffer.from([0xde, n >> 8, n & 255]);
    return Buffer.concat([head, ...entries.flatMap(([k, v]) => [pack(k), pack(v)])]);
  }
  throw new Error(`cannot pack ${typeof value}`);
}

/** A ROOM_DATA frame (`room.send(type, payload)`); `payload` undefined sends no payload bytes. */
export function dataFrame(type: string | number, payload?: unknown): Buffer {
  return Buffer.concat([Buffer.from([PROTOCOL.ROOM_DATA]), pack(type), ...(payload === undefined ? [] : [pack(payload)])]);
}

/** A ROOM_REQUEST frame (`room.request(type, payload)`). */
export function requestFrame(requestId: number, type: string | number, payload?: unknown): Buffer {
  return Buffer.concat([Buffer.from([PROTOCOL.ROOM_REQUEST]), pack(requestId), pack(type), ...(payload === undefined ? [] : [pack(payload)])]);
}

export type Seat = { roomId: string; sessionId: string; processId: string; name: string; publicAddress?: string };

/** Where a join comes from: a local address (127.0.0.N, as a separate machine), and any headers it adds (a proxy's X-Forwarded-For). */
export type From = string | { localAddress?: string; headers?: Record<string, string> };
const fromParts = (from: From | undefined) => (typeof from === "string" ? { localAddress: from, headers: {} } : { localAddress: from?.localAddress, headers: from?.headers ?? {} });

/** POST /matchmake/joinById/CODE (from `from` if given): the seat reservation, or the matchmaker's error. */
export function reserveSeat(url: string, code: string, options: Record<string, unknown>, from?: From): Promise<{ status: number; seat?: Seat; error?: { code: number; error: string } }> {
  const target = new URL(`${url}/matchmake/joinById/${encodeURIComponent(code)}`);
  const body = JSON.stringify(options);
  const { localAddress, headers } = fromParts(from);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: target.hostname, port: target.port, path: target.pathname, method: "POST", ...(localAddress ? { localAddress } : {}), headers: { "content-type": "application/json", accept: "application/json", ...headers } },
      (res) => {
        let text = "";
        res.on("data", (d: Buffer) => (text += d.toString()));
        res.on("end", () => {
          let parsed: Seat & { code?: number; error?: string } = {} as Seat;
          try {
            parsed = JSON.parse(text) as typeof parsed;
          } catch {
            // not JSON: an error page
          }
          const status = res.statusCode ?? 0;
          resolve(status === 200 ? { status, seat: parsed } : { status, error: { code: parsed.code ?? 0, error: parsed.error ?? text } });
        });
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

/**
 * Opens a room's WebSocket (a seat's `url`, or a reconnection's) and tells whether the room let
 * it in (its first frame is JOIN_ROOM) or refused it (an error frame, or the socket closed).
 */
export async function roomSocketOutcome(url: string, options: NodeWebSocket.ClientOptions = {}): Promise<"joined" | "refused"> {
  const ws = new NodeWebSocket(url, options);
  let outcome: "joined" | "refused" | undefined;
  ws.on("message", (d: Buffer) => (outcome ??= d[0] === PROTOCOL.JOIN_ROOM ? "joined" : "refused"));
  ws.on("close", () => (outcome ??= "refused"));
  ws.on("error", () => (outcome ??= "refused"));
  await waitFor(() => outcome, { message: "the room's socket to settle" });
  ws.terminate();
  return outcome!;
}

export class RawClient {
  readonly frames: Buffer[] = [];
  closed?: { code: number; reason: string };

  private constructor(
    readonly ws: NodeWebSocket,
    /** The matchmaker's seat this connection took. */
    readonly seat?: Seat,
  ) {
    ws.on("message", (data: Buffer) => this.frames.push(Buffer.from(data)));
    ws.on("close", (code, reason) => (this.closed = { code, reason: reason.toString() }));
    ws.on("error", () => {}); // a refused or cut connection shows as `closed`
  }

  /** Joins like the SDK: reserve a seat, open the socket, confirm the JOIN_ROOM handshake. */
  static async join(url: string, code: string, options: Record<string, unknown>, from?: From): Promise<RawClient> {
    const { seat, status, error } = await reserveSeat(url, code, options, from);
    if (!seat) throw Object.assign(new Error(`matchmake refused: ${status} ${JSON.stringify(error)}`), { status });
    const { localAddress, headers } = fromParts(from);
    const ws = new NodeWebSocket(`${url.replace(/^http/, "ws")}/${seat.processId}/${seat.roomId}?sessionId=${seat.sessionId}`, { ...(localAddress ? { localAddress } : {}), headers });
    const client = new RawClient(ws, seat);
    await waitFor(() => client.frames.some((f) => f[0] === PROTOCOL.JOIN_ROOM) || client.closed, { message: "the JOIN_ROOM handshake" });
    if (client.closed) throw new Error(`closed during the handshake: ${JSON.stringify(client.closed)}`);
    ws.send(Buffer.from([PROTOCOL.JOIN_ROOM]));
    return client;
  }

  get open(): boolean {
    return this.ws.readyState === NodeWebSocket.OPEN;
  }

  /** The reconnection token the server's JOIN_ROOM frame carries (`[10][length][token]…`), without the room id. */
  get reconnectionToken(): string | undefined {
    const join = this.frames.find((f) => f[0] === PROTOCOL.JOIN_ROOM);
    return join ? join.subarray(2, 2 + join[1]!).toString("utf8") : undefined;
  }

  send(bytes: Buffer | Uint8Array): void {
    if (this.open) this.ws.send(bytes);
  }

  /**
   * Up to `max` copies of `frame`, a few dozen at a time, until the server closes the connection;
   * resolves with the number sent. Between batches the client reads: the server drops a flooder's
   * socket a second after its close frame (server/rooms/frame-guard.ts), and a client still busy
   * sending past that second (on a loaded machine) meets the reset before it reads the frame (1006).
   */
  async flood(frame: Buffer | Uint8Array, max = 2000): Promise<number> {
    let sent = 0;
    while (sent < max && this.open) {
      this.ws.send(frame);
      if (++sent % 50 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    return sent;
  }

  /** Sends a request and resolves with the reply's status byte (0 ok, 1 rejected, 2 error), or "closed". */
  async request(requestId: number, type: string | number, payload?: unknown, timeout = 10_000): Promise<number | "closed"> {
    this.send(requestFrame(requestId, type, payload));
    const got = await waitFor(
      () => {
        const reply = this.frames.find((f) => f[0] === PROTOCOL.ROOM_RESPONSE && f[1] === requestId);
        if (reply) return { status: reply[2]! as number | "closed" };
        return this.closed ? { status: "closed" as const } : undefined;
      },
      { timeout, message: `a reply to request ${requestId}` },
    );
    return got.status;
  }

  async close(): Promise<void> {
    if (this.ws.readyState === NodeWebSocket.CLOSED) return;
    this.ws.terminate();
    await waitFor(() => this.ws.readyState === NodeWebSocket.CLOSED, { message: "raw socket closed" });
  }
}
