/**
 * One server process for a test file: started, on a database of its own, before the file's
 * tests; stopped, its database removed, after them. `use` receives it once it runs. The file's
 * own afterAll hooks run before the stop (vitest runs after-hooks in reverse order), so they
 * can still leave the server's rooms.
 */
import { afterAll, beforeAll } from "vitest";
import { startServerProcess, tempDatabase, withBoots, type ServerProcess, type StartOptions } from "./server-process.ts";

export type PerFileOptions = Omit<StartOptions, "databasePath"> & {
  /** Fills the new database before the server starts (the server restores the games it finds). */
  seed?: (databasePath: string) => Promise<void>;
  /** The deadline for seeding and starting; by default past startServerProcess's own deadline (BOOT_MS), which a loaded machine can need. */
  timeout?: number;
};

export function serverPerFile(use: (server: ServerProcess) => void, options: PerFileOptions = {}): void {
  const { seed, timeout, ...start } = options;
  const db = tempDatabase();
  let server: ServerProcess | undefined;
  beforeAll(async () => {
    await seed?.(db.databasePath);
    server = await startServerProcess({ ...start, databasePath: db.databasePath });
    use(server);
  }, timeout ?? withBoots(1));
  afterAll(async () => {
    await server?.stop();
    db.cleanup();
  });
}
