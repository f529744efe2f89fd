/**
 * The e2e tests' setting, once for the tests around the call: the client built, a server on a
 * temporary database, a headless Chromium. `use` receives the server and the browser and may
 * set up more (people, pages) within the same deadline; after the tests the browser is closed,
 * the server stopped and its folder removed. Hooks registered after this call run before that
 * (vitest runs after-hooks in reverse order), so they can still use both.
 */
import { afterAll, beforeAll } from "vitest";
import type { Browser } from "playwright-core";
import { buildClient, chromiumPath, cleanup, launchBrowser, startServer, type RunningServer } from "./harness.ts";

/** `timeout` bounds the start (with `use`) and the close: a client build, a server start and a browser take minutes on a busy machine. */
export function browserPerFile(options: { botDelayMs: number; timeout?: number }, use: (server: RunningServer, browser: Browser) => void | Promise<void>): void {
  const timeout = options.timeout ?? 120_000;
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    chromiumPath(); // fails with installation advice when Chromium is missing
    buildClient();
    server = await startServer({ botDelayMs: options.botDelayMs });
    browser = await launchBrowser();
    await use(server, browser);
  }, timeout);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (server) cleanup(server.dir);
  }, timeout);
}
