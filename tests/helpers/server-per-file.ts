/**
 * One server process for a test file: started, on a database of its own, before the file's
 * tests; stopped, its database removed, after them. `use` receives it once it runs. The file's
 * own afterAll hooks run before the stop (vitest runs after-hooks in reverse order), so they
 * can still leave the server's rooms.
 */
import { afterAll, beforeAll } from "vitest";
import { startServerProcess, tempDatabase, type ServerProcess, type StartOptions } from "./server-process.ts";

export function serverPerFile(use: (server: ServerProcess) => void, options: Omit<StartOptions, "databasePath"> = {}): void {
  const db = tempDatabase();
  let server: ServerProcess | undefined;
  beforeAll(async () => {
    server = await startServerProcess({ ...options, databasePath: db.databasePath });
    use(server);
  });
  afterAll(async () => {
    await server?.stop();
    db.cleanup();
  });
}
