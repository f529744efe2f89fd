/**
 * `npm start`: the whole game on one port. Configuration comes from the environment
 * (docs/DEPLOY.md): PORT (default 2567), HOST, DATABASE_PATH (SQLite, the default) or
 * DATABASE_URL (postgres://…), REDIS_URL (several processes), PUBLIC_ADDRESS (this process as
 * clients reach it), LEASE_SECONDS, DRAIN_SECONDS, HEADERS_TIMEOUT_SECONDS, TRUSTED_PROXIES,
 * BOT_DELAY_MS, IDLE_LOBBY_SECONDS, IDLE_GAME_SECONDS and IDLE_UNJOINED_SECONDS (0: never sleep),
 * UNJOINED_LOBBIES (lobbies nobody has joined, open at once), UNJOINED_GAME_SECONDS (how long a
 * game nobody ever joined is kept: ./retention.ts; 0: for good), CLASS_PLACES_PER_ADDRESS and
 * CLASS_PLACE_LAPSE_SECONDS (server/classes/routes.ts CLASS_PLACES). A TRUSTED_PROXIES
 * that cannot be read stops the start with a message naming the bad entry.
 */
import { join } from "node:path";
import { startServer } from "./app.ts";
import { trustedProxies } from "./client-address.ts";
import { installCrashGuard } from "./crash-guard.ts";
import { logger } from "./logger.ts";

installCrashGuard();

const env = process.env;
const port = Number(env.PORT ?? 2567);
const databasePath = env.DATABASE_PATH ?? join(process.cwd(), "data", "chokepoint.sqlite");
const seconds = (name: string) => (env[name] ? Number(env[name]) * 1000 : undefined);
const drainMs = seconds("DRAIN_SECONDS") ?? 10_000;
/** A setting's value as `read` makes it, or the end of the start with what is wrong with it. */
function readOrStop<T>(name: string, read: () => T): T {
  try {
    return read();
  } catch (err) {
    console.error(`Chokepoint cannot start: ${name}: ${(err as Error).message}`);
    process.exit(1);
  }
}
/** A whole number of at least `min`, or an error saying so. */
function wholeNumber(value: string, min: number): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < min) throw new Error(`"${value}" is not a whole number of at least ${min}`);
  return n;
}
const trustProxy = readOrStop("TRUSTED_PROXIES", () => trustedProxies(env.TRUSTED_PROXIES ?? ""));

const server = await startServer({
  port,
  databasePath,
  ...(env.HOST ? { host: env.HOST } : {}),
  ...(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : {}),
  ...(env.REDIS_URL ? { redisUrl: env.REDIS_URL } : {}),
  ...(env.PUBLIC_ADDRESS ? { publicAddress: env.PUBLIC_ADDRESS } : {}),
  ...(seconds("LEASE_SECONDS") ? { leaseMs: seconds("LEASE_SECONDS") } : {}),
  drainMs,
  ...(seconds("HEADERS_TIMEOUT_SECONDS") ? { headersTimeoutMs: seconds("HEADERS_TIMEOUT_SECONDS") } : {}),
  trustProxy,
  ...(env.BOT_DELAY_MS ? { botDelayMs: Number(env.BOT_DELAY_MS) } : {}),
  ...(seconds("IDLE_LOBBY_SECONDS") !== undefined ? { idleLobbyMs: seconds("IDLE_LOBBY_SECONDS") } : {}),
  ...(seconds("IDLE_GAME_SECONDS") !== undefined ? { idleGameMs: seconds("IDLE_GAME_SECONDS") } : {}),
  ...(seconds("IDLE_UNJOINED_SECONDS") !== undefined ? { idleUnjoinedMs: seconds("IDLE_UNJOINED_SECONDS") } : {}),
  classPlaces: {
    ...(env.CLASS_PLACES_PER_ADDRESS ? { perAddress: readOrStop("CLASS_PLACES_PER_ADDRESS", () => wholeNumber(env.CLASS_PLACES_PER_ADDRESS!, 1)) } : {}),
    ...(env.CLASS_PLACE_LAPSE_SECONDS ? { lapseMs: readOrStop("CLASS_PLACE_LAPSE_SECONDS", () => wholeNumber(env.CLASS_PLACE_LAPSE_SECONDS!, 0)) * 1000 } : {}),
  },
  ...(env.UNJOINED_LOBBIES ? { unjoinedLobbies: readOrStop("UNJOINED_LOBBIES", () => wholeNumber(env.UNJOINED_LOBBIES!, 1)) } : {}),
  ...(env.UNJOINED_GAME_SECONDS ? { unjoinedGameMs: readOrStop("UNJOINED_GAME_SECONDS", () => wholeNumber(env.UNJOINED_GAME_SECONDS!, 0)) * 1000 } : {}),
  ...(env.EMPTY_ROOMS ? { emptyRooms: readOrStop("EMPTY_ROOMS", () => wholeNumber(env.EMPTY_ROOMS!, 1)) } : {}),
  ...(env.SLOW_CLIENT_BYTES ? { slowClientBytes: readOrStop("SLOW_CLIENT_BYTES", () => wholeNumber(env.SLOW_CLIENT_BYTES!, 64 * 1024)) } : {}),
});
const where = env.DATABASE_URL ? "PostgreSQL" : databasePath;
// Students' phones cannot open "localhost": the start message names where the network reaches this computer too.
const lan = server.lan();
logger.info({ port: server.port, database: where, shared: !!env.REDIS_URL, owner: server.leases.owner, lan }, `Chokepoint is running: open http://localhost:${server.port}`);
if (!env.VITEST) {
  const students = lan.length
    ? `  Students on this network open http://${lan[0]}${lan.length > 1 ? ` (or ${lan.slice(1).map((a) => `http://${a}`).join(", ")})` : ""}\n`
    : "  Students' devices cannot reach it: no network address (this computer is on no network, or HOST keeps the server to it).\n";
  console.log(`\n  Chokepoint is running: open http://localhost:${server.port}\n${students}`);
}

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "draining");
    // The drain has its own deadline; this one is for anything it leaves hanging (Redis gone).
    setTimeout(() => process.exit(0), drainMs + 2000).unref();
    await server.close();
    process.exit(0);
  });
}
