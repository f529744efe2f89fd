/**
 * The first thing every WebSocket frame of a room meets, before Colyseus decodes it: a
 * per-connection budget, an allow-list of protocol codes and message types, and a catch
 * around the library's dispatch. Players, observers, unseated people and the facilitator
 * all pass through it, so no kind of connection can flood a game or reach a library path
 * that throws.
 *
 * Frame layout (Colyseus 0.18, node_modules/@colyseus/shared-types/build/Protocol.mjs):
 * byte 0 is the protocol code; ROOM_DATA is `[13][type][payload]`, ROOM_REQUEST is
 * `[21][request id][type][payload]`, types and ids in msgpack encoding.
 */
import { getMessageBytes, Protocol, ResponseStatus, type Client, type Room } from "@colyseus/core";
import { gameContext } from "../crash-guard.ts";
import { logger } from "../logger.ts";

/** Close code (and reason) for a connection that kept sending past its budget. */
export const FLOOD_CLOSE = { code: 4429, reason: "rate/flood" } as const;
/** Close code for a frame the server could not handle (malformed in a way the library chokes on). */
export const BAD_FRAME_CLOSE = { code: 4400, reason: "input/bad_frame" } as const;

export type FrameBudget = {
  /** Frames a connection may send at once. */
  burst: number;
  /** Frames per second it earns back. */
  perSecond: number;
};

/**
 * Generous for a person, tiny for a script; above the room's own limits (chat 8 lines per
 * 10 s, 40 moves per 10 s), so a person who hits those gets a coded reply, not silence.
 */
export const DEFAULT_BUDGET: FrameBudget = { burst: 60, perSecond: 10 };

/** Frames the client may send at all; others are dropped unread (JOIN_ROOM only during the handshake). */
const ALLOWED_CODES = new Set<number>([Protocol.JOIN_ROOM, Protocol.LEAVE_ROOM, Protocol.ROOM_DATA, Protocol.ROOM_REQUEST, Protocol.PING]);

type Bucket = { tokens: number; at: number };

/**
 * A token bucket per session (a reconnection keeps its session, so it keeps its debt).
 * Over budget a frame is dropped silently; a connection that keeps going until it owes a
 * whole burst is closed.
 */
export class FrameBudgets {
  private buckets = new Map<string, Bucket>();
  constructor(private budget: FrameBudget = DEFAULT_BUDGET) {}

  /** "ok", "drop" (over budget) or "close" (far over budget). */
  take(session: string, cost: number, now = Date.now()): "ok" | "drop" | "close" {
    const { burst, perSecond } = this.budget;
    const b = this.buckets.get(session) ?? { tokens: burst, at: now };
    b.tokens = Math.min(burst, b.tokens + ((now - b.at) / 1000) * perSecond);
    b.at = now;
    this.buckets.set(session, b);
    if (b.tokens >= cost) {
      b.tokens -= cost;
      return "ok";
    }
    b.tokens -= cost;
    return b.tokens <= -burst ? "close" : "drop";
  }

  forget(session: string) {
    this.buckets.delete(session);
  }
}

/** A frame costs one, plus one per started kilobyte past the first (frames are at most 4 KB). */
function costOf(bytes: number): number {
  return 1 + Math.floor(bytes / 1024);
}

/** Reads a msgpack unsigned integer at `offset` (request ids); undefined if it is anything else. */
function readUint(buf: Uint8Array, offset: number): { value: number; next: number } | undefined {
  const b = buf[offset];
  if (b === undefined) return undefined;
  if (b < 0x80) return { value: b, next: offset + 1 };
  const width = b === 0xcc ? 1 : b === 0xcd ? 2 : b === 0xce ? 4 : 0;
  if (!width || offset + 1 + width > buf.length) return undefined;
  let value = 0;
  for (let i = 1; i <= width; i++) value = value * 256 + buf[offset + i]!;
  return { value, next: offset + 1 + width };
}

/** Reads a short msgpack string (fixstr or str8) at `offset`; undefined if it is anything else. */
function readShortString(buf: Uint8Array, offset: number): string | undefined {
  const b = buf[offset];
  if (b === undefined) return undefined;
  let len: number;
  let start: number;
  if (b >= 0xa0 && b <= 0xbf) [len, start] = [b - 0xa0, offset + 1];
  else if (b === 0xd9 && buf[offset + 1] !== undefined) [len, start] = [buf[offset + 1]!, offset + 2];
  else return undefined;
  if (start + len > buf.length) return undefined;
  return Buffer.from(buf.buffer, buf.byteOffset + start, len).toString("utf8");
}

type OnMessage = (client: Client, buffer: Buffer) => void;

/** ws's WebSocket (WebSocketClient.ref in @colyseus/ws-transport 0.18): `pause` stops reading the socket, `terminate` drops it. */
type Socket = { pause?(): void; terminate?(): void };

/**
 * A flooder has been sent its close frame: stop reading what it already sent (every frame
 * still in flight would be parsed only to be dropped) and drop the socket a second later
 * if it has not closed by then.
 */
function stopReading(client: Client) {
  const ws = (client as unknown as { ref?: Socket }).ref;
  ws?.pause?.();
  setTimeout(() => ws?.terminate?.(), 1000).unref();
}

/**
 * Puts the guard in front of the room's frame handler. Colyseus binds `room._onMessage` to
 * each client when it joins (node_modules/@colyseus/core/build/Room.mjs), so an own
 * property set at creation is the one every connection uses.
 */
export function guardFrames(room: Room, messageTypes: readonly string[], onFlood: (client: Client) => void, budgets = new FrameBudgets()): FrameBudgets {
  const target = room as unknown as { _onMessage: OnMessage };
  const dispatch = target._onMessage.bind(room);
  const known = new Set(messageTypes);
  const flooded = new WeakSet<Client>();
  // A flood must not flood the log either: at most 10 lines a minute per room, counted in O(1).
  let logged = 0;
  let minute = 0;
  const warnOnce = (client: Client, what: string) => {
    const now = Math.floor(Date.now() / 60_000);
    if (now !== minute) [minute, logged] = [now, 0];
    if (logged++ < 10) logger.warn({ code: room.roomId, session: client.sessionId, what }, "frame refused");
  };

  target._onMessage = (client: Client, buffer: Buffer) => {
    if (!buffer?.length) return;
    const verdict = budgets.take(client.sessionId, costOf(buffer.length));
    if (verdict !== "ok") {
      if (verdict === "close" && !flooded.has(client)) {
        flooded.add(client);
        warnOnce(client, "flood");
        onFlood(client);
        client.leave(FLOOD_CLOSE.code, FLOOD_CLOSE.reason);
        stopReading(client);
      }
      return;
    }
    const code = buffer[0]!;
    if (!ALLOWED_CODES.has(code)) return warnOnce(client, `protocol code ${code}`);
    if (code === Protocol.ROOM_DATA || code === Protocol.ROOM_REQUEST) {
      const id = code === Protocol.ROOM_REQUEST ? readUint(buffer, 1) : { value: 0, next: 1 };
      if (!id) return warnOnce(client, "request id");
      const type = readShortString(buffer, id.next);
      // Unknown, long or numeric types never reach the library (which would quote them back).
      if (type === undefined || !known.has(type)) {
        warnOnce(client, "message type");
        if (code === Protocol.ROOM_REQUEST) {
          const reply = { ok: false, error: { code: "input/unknown_request", message: `Requests are ${messageTypes.join(", ")}.` } };
          client.enqueueRaw(getMessageBytes[Protocol.ROOM_RESPONSE](id.value, ResponseStatus.OK, reply));
        }
        return;
      }
    }
    try {
      gameContext.run(room.roomId, () => dispatch(client, buffer));
    } catch (err) {
      logger.error({ code: room.roomId, session: client.sessionId, err }, "frame handling failed; closing that connection");
      try {
        client.leave(BAD_FRAME_CLOSE.code, BAD_FRAME_CLOSE.reason);
      } catch {
        // already closing
      }
    }
  };
  return budgets;
}
