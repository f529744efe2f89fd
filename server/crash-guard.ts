/**
 * What keeps one game's fault from ending every game on the process.
 *
 * Upstream defect (Colyseus 0.18.17 with ws 8): when a room message has no handler, the core
 * closes the socket with a reason that quotes the message type; ws refuses close reasons over
 * 123 bytes by throwing a RangeError from `WebSocketClient.leave`, outside any handler, and
 * the process exits. The room never lets such a frame reach the library
 * (server/rooms/frame-guard.ts); here the close reason is cut to what ws accepts, and the
 * process-level handlers log anything that still escapes and keep serving.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { WebSocketClient } from "@colyseus/ws-transport";
import { logger } from "./logger.ts";

/** ws's limit on a close frame's reason (RFC 6455: 125 bytes of payload minus the code). */
const MAX_CLOSE_REASON_BYTES = 123;

export function shortCloseReason(reason: unknown): string | undefined {
  if (reason === undefined || reason === null) return undefined;
  const bytes = Buffer.from(String(reason), "utf8");
  if (bytes.length <= MAX_CLOSE_REASON_BYTES) return String(reason);
  // Cut on a character boundary: decoding a cut multi-byte character would add U+FFFD (3 bytes).
  let text = bytes.subarray(0, MAX_CLOSE_REASON_BYTES).toString("utf8");
  while (Buffer.byteLength(text, "utf8") > MAX_CLOSE_REASON_BYTES || text.endsWith("\uFFFD")) text = text.slice(0, -1);
  return text;
}

/** The game whose frame is being handled: what it sets off later (promises, timers) still knows it. */
export const gameContext = new AsyncLocalStorage<string>();

let installed = false;

export function installCrashGuard(): void {
  if (installed) return;
  installed = true;
  const leave = WebSocketClient.prototype.leave;
  WebSocketClient.prototype.leave = function (this: WebSocketClient, code?: number, data?: string) {
    try {
      return leave.call(this, code, shortCloseReason(data));
    } catch (err) {
      logger.warn({ err }, "could not close a socket cleanly; terminating it");
      (this.ref as { terminate?: () => void }).terminate?.();
    }
  };
  process.on("uncaughtException", (err, origin) => {
    logger.error({ err, origin, code: gameContext.getStore() ?? "none" }, "uncaught exception: logged, still serving");
  });
  process.on("unhandledRejection", (reason) => {
    logger.error({ err: reason, code: gameContext.getStore() ?? "none" }, "unhandled rejection: logged, still serving");
  });
}
