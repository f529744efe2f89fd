/**
 * The client's own modules served by Vite's dev server, for tests that render one page of them
 * (tests/client/dom/*.html) in Debian's Chromium without a game server behind it.
 */
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { createServer, type ViteDevServer } from "vite";
import { launchBrowser } from "../e2e/harness.ts";
import { freePort } from "./server-process.ts";

const ROOT = join(import.meta.dirname, "..", "..");

export type DomPages = { url: (page: string) => string; browser: Browser; close: () => Promise<void> };

/** Starts Vite on a free port and a browser; `url("class.html")` is that test page's address. */
export async function domPages(): Promise<DomPages> {
  const port = await freePort();
  const vite: ViteDevServer = await createServer({
    configFile: join(ROOT, "vite.config.ts"),
    root: ROOT,
    logLevel: "error",
    server: { host: "127.0.0.1", port, strictPort: true, hmr: false, watch: null },
    optimizeDeps: { noDiscovery: true, include: [] },
  });
  await vite.listen();
  const browser = await launchBrowser();
  return {
    url: (page) => `http://127.0.0.1:${port}/tests/client/dom/${page}`,
    browser,
    close: async () => {
      await browser.close();
      await vite.close();
    },
  };
}
