/**
 * One server process for a test file: started, on a database of its own, before the file's
 * tests; stopped, its database removed, after them. `use` receives it once it runs.
 */
import { afterAll, beforeAll } from "vitest";
import { startServerProcess, tempDatabase, type ServerProcess } from "./server-process.ts";

export function serverPerFile(use: (server: ServerProcess) => void): void {
  const db = tempDatabase();
  let server: ServerProcess | undefined;
  beforeAll(async () => {
    server = await startServerProcess({ databasePath: db.databasePath });
    use(server);
  });
  afterAll(async () => {
    await server?.stop();
    db.cleanup();
  });
}
