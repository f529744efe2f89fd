/** Structured logs (pino). LOG_LEVEL sets the level; tests default to "warn". */
import pino from "pino";

export const logger = pino({
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" || process.env.VITEST ? "warn" : "info"),
  base: { app: "chokepoint" },
});
