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
export const colyseusLogger = {
  debug: () => {},
  info: (...args: unknown[]) => logger.info({ from: "colyseus" }, args.map(String).join(" ")),
  warn: limited("warn"),
  error: limited("error"),
};
