/** `npm start`: the whole game on one port (PORT, default 2567), games stored in DATABASE_PATH. */
import { join } from "node:path";
import { startServer } from "./app.ts";
import { logger } from "./logger.ts";

const port = Number(process.env.PORT ?? 2567);
const databasePath = process.env.DATABASE_PATH ?? join(process.cwd(), "data", "chokepoint.sqlite");
const botDelayMs = process.env.BOT_DELAY_MS ? Number(process.env.BOT_DELAY_MS) : undefined;

const server = await startServer({ port, databasePath, ...(botDelayMs !== undefined ? { botDelayMs } : {}) });
logger.info({ port: server.port, databasePath }, `Chokepoint is running: open http://localhost:${server.port}`);
if (!process.env.VITEST) console.log(`\n  Chokepoint is running: open http://localhost:${server.port}\n`);

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    await server.close();
    process.exit(0);
  });
}
