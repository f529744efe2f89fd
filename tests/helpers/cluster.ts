/**
 * Several game processes on the real parts, for one test file: Debian's redis-server and
 * PostgreSQL (tests/helpers/services.ts) and `server/main.ts` with REDIS_URL, DATABASE_URL and
 * PUBLIC_ADDRESS. Started before the file's tests, stopped after them: the game processes before
 * Redis, since without it they could not finish their drain.
 */
import { afterAll, beforeAll } from "vitest";
import { PostgresStore } from "../../server/storage/postgres-store.ts";
import { freePort, startServerProcess, tempDatabase, type ServerProcess } from "./server-process.ts";
import { startPostgres, startRedis, type Service } from "./services.ts";
import { sleep } from "./wait.ts";

/** `procs`: the running processes (a test may remove one it stopped); `store()`: the shared database. */
export function clusterPerFile(count: number, database: string, env: Record<string, string> = {}): { procs: ServerProcess[]; store: () => PostgresStore } {
  const unused = tempDatabase();
  let redis: Service | undefined;
  let pg: (Service & { database(name: string): Promise<string> }) | undefined;
  let store: PostgresStore | undefined;
  const procs: ServerProcess[] = [];

  async function startGameProcess(redisUrl: string, databaseUrl: string): Promise<ServerProcess> {
    const port = await freePort();
    return startServerProcess({ databasePath: unused.databasePath, port, env: { REDIS_URL: redisUrl, DATABASE_URL: databaseUrl, PUBLIC_ADDRESS: `127.0.0.1:${port}`, ...env } });
  }

  beforeAll(async () => {
    [redis, pg] = await Promise.all([startRedis(), startPostgres()]);
    const databaseUrl = await pg.database(database);
    procs.push(...(await Promise.all(Array.from({ length: count }, () => startGameProcess(redis!.url, databaseUrl)))));
    store = await PostgresStore.open(databaseUrl);
  }, 240_000); // a deadline for a loaded machine; about 15 s on a quiet one

  afterAll(async () => {
    await Promise.all(procs.map((p) => Promise.race([p.stop(), sleep(15_000).then(() => p.kill())])));
    await store?.close();
    await redis?.stop();
    await pg?.stop();
    unused.cleanup();
  }, 60_000);

  return { procs, store: () => store! };
}
