/**
 * The client's own modules, for tests that render one page of them (tests/client/dom/*.html) in
 * Debian's Chromium without a game server behind it: served by Vite's dev server, or built by
 * Vite once (`built`) and served from memory.
 */
import { createServer as createHttpServer } from "node:http";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { build, createServer, type Rolldown, type ViteDevServer } from "vite";
import { launchBrowser } from "../e2e/harness.ts";
import { freePort } from "./server-process.ts";

const ROOT = join(import.meta.dirname, "..", "..");

export type DomPages = { url: (page: string) => string; browser: Browser; close: () => Promise<void> };

/**
 * Starts Vite on a free port and a browser; `url("class.html")` is that test page's address.
 * `built`: the test pages to build with the client's Vite config and serve as built, instead of
 * the dev server's modules. A page the dev server serves fetches each of its ~175 modules again
 * in every new page (each load took 3–7 s on a loaded 2-core machine, against under 1 s built):
 * for a file that loads its page many times. Only those pages are served then.
 */
export async function domPages(options: { built?: string[] } = {}): Promise<DomPages> {
  const port = await freePort();
  const served = options.built ? await serveBuilt(port, options.built) : await serveDev(port);
  const browser = await launchBrowser();
  return {
    url: (page) => `http://127.0.0.1:${port}/tests/client/dom/${page}`,
    browser,
    close: async () => {
      await browser.close();
      await served.close();
    },
  };
}

async function serveDev(port: number): Promise<{ close(): Promise<void> }> {
  const vite: ViteDevServer = await createServer({
    configFile: join(ROOT, "vite.config.ts"),
    root: ROOT,
    logLevel: "error",
    server: { host: "127.0.0.1", port, strictPort: true, hmr: false, watch: null },
    optimizeDeps: { noDiscovery: true, include: [] },
  });
  await vite.listen();
  return vite;
}

const TYPES: Record<string, string> = { html: "text/html", js: "text/javascript", css: "text/css", woff2: "font/woff2", svg: "image/svg+xml", png: "image/png", json: "application/json" };

/** Builds the pages (not minified: a failure's stack stays readable) and serves the result from memory. */
async function serveBuilt(port: number, pages: string[]): Promise<{ close(): Promise<void> }> {
  const result = await build({
    configFile: join(ROOT, "vite.config.ts"),
    root: ROOT,
    logLevel: "error",
    build: { write: false, minify: false, reportCompressedSize: false, rolldownOptions: { input: pages.map((p) => join(ROOT, "tests", "client", "dom", p)) } },
  });
  const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[];
  const files = new Map<string, string | Uint8Array>();
  for (const { output } of outputs) for (const f of output) files.set(`/${f.fileName}`, f.type === "chunk" ? f.code : f.source);
  const server = createHttpServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    const body = files.get(path);
    if (body === undefined) return res.writeHead(404).end();
    res.writeHead(200, { "content-type": TYPES[path.slice(path.lastIndexOf(".") + 1)] ?? "application/octet-stream" }).end(body);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", resolve);
  });
  return { close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
