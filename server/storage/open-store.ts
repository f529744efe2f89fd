/** Which database: PostgreSQL when DATABASE_URL names one, else the SQLite file (the default). */
import { PostgresStore } from "./postgres-store.ts";
import { SqliteStore } from "./sqlite-store.ts";
import type { Store } from "./store.ts";

export type StoreConfig = { databaseUrl?: string; databasePath: string; commitWindowMs?: number };

export async function openStore(config: StoreConfig): Promise<Store> {
  const window = config.commitWindowMs !== undefined ? { commitWindowMs: config.commitWindowMs } : {};
  if (config.databaseUrl) {
    if (!/^postgres(ql)?:\/\//.test(config.databaseUrl)) throw new Error(`DATABASE_URL must start with postgres:// (got "${config.databaseUrl.split(":")[0]}:")`);
    return PostgresStore.open(config.databaseUrl, window);
  }
  return new SqliteStore(config.databasePath, window);
}
