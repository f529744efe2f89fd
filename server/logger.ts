/** Structured logs (pino). LOG_LEVEL sets the level; tests default to "warn". */
import pino from "pino";

export const logger = pino({
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" || process.env.VITEST ? "warn" : "info"),
  base: { app: "chokepoint" },
});

/**
 * Colyseus's own log lines, into ours. It prints every payload it cannot decode with its stack,
 * so a flood of bad frames would flood the log (and the CPU): at most 20 errors and warnings a
 * minute get through.
 */
let quota = { minute: 0, used: 0 };
const limited =
  (level: "warn" | "error") =>
  (...args: unknown[]) => {
    const minute = Math.floor(Date.now() / 60_000);
    if (quota.minute !== minute) quota = { minute, used: 0 };
    if (quota.used++ < 20) logger[level]({ from: "colyseus" }, args.map((a) => (a instanceof Error ? a.stack : String(a))).join(" ").slice(0, 2000));
  };
/**
 * What ws says of a frame a client sent wrong (over the transport's 4 KB, a bad opcode, bad
 * UTF-8, ...: node_modules/ws/lib/receiver.js), which Colyseus logs as an error with its stack.
 * The client's doing, and its connection is closed for it: a line at info without the stack,
 * as the room's other refusals are.
 */
const CLIENT_FRAME_ERROR = /^(Max payload size exceeded|Invalid WebSocket frame: |Too many (buffered chunks|message fragments)|Unsupported WebSocket frame: )/;

const errorLine = limited("error");
export const colyseusLogger = {
  debug: () => {},
  info: (...args: unknown[]) => logger.info({ from: "colyseus" }, args.map(String).join(" ")),
  warn: limited("warn"),
  error: (...args: unknown[]) => {
    const first = args[0];
    const text = first instanceof Error ? first.message : String(first);
    if (CLIENT_FRAME_ERROR.test(text)) return logger.info({ from: "colyseus", refusal: text.split("\n")[0] }, "WebSocket frame refused; connection closed");
    errorLine(...args);
  },
};
