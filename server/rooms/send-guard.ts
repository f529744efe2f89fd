/**
 * Slow consumers: a client that does not read its socket (a script, a frozen tab) leaves what
 * the server sends it (patches, full states, messages) queued in this process's memory, without
 * end. Every frame a client is sent goes through WebSocketClient.raw (server/metrics.ts counts
 * it there); once more than `limit` bytes wait in that socket's buffer (ws `bufferedAmount`), the
 * next frame is not queued and the connection is cut, as a network drop would cut it. The room treats
 * it as a drop (its reconnection window, then a bot, docs/RULES.md); the client comes back with
 * its seat token to a full state, and nobody else waits for it.
 */
import { WebSocketClient } from "@colyseus/ws-transport";
import { WebSocket } from "ws";
import { countSlowClient } from "../metrics.ts";
import { logger } from "../logger.ts";

/**
 * Bytes a connection may have waiting unsent: far above a join's full state (about 30 KB) and
 * a round's resolution (about 47 KB, docs/PERFORMANCE.md), so only a client that stopped reading
 * for a long while reaches it. SLOW_CLIENT_BYTES in the environment (docs/DEPLOY.md) sets another.
 */
export const SLOW_CLIENT_BYTES = 4 * 1024 * 1024;

let limit = SLOW_CLIENT_BYTES;

/** The limit from now on (startServer's `slowClientBytes`). */
export function limitUnsentBytes(bytes: number): void {
  limit = bytes;
}

const raw = WebSocketClient.prototype.raw;
WebSocketClient.prototype.raw = function (data, options, cb) {
  const ws = this.ref as WebSocket;
  if (ws.readyState === WebSocket.OPEN && ws.bufferedAmount > limit) {
    countSlowClient();
    logger.info({ session: this.sessionId, unsent: ws.bufferedAmount }, "a client that does not read: connection cut");
    ws.terminate();
  }
  // A cut (or closing) connection sends nothing more: ws answers `cb` with an error, as Colyseus expects.
  if (ws.readyState !== WebSocket.OPEN) return void (cb && queueMicrotask(() => cb(new Error("the connection is closed"))));
  return raw.call(this, data, options, cb);
};
