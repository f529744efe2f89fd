/**
 * Time to the first board frame in headless Chromium, against a bare Phaser page measured in
 * the same run: the built client (served by the real server) opening a running game's
 * projector view (/CODE/watch), and a page that loads the Phaser package's own build and draws
 * one rectangle. Each load is a fresh browser context (empty cache); the time is from
 * navigation start to the first animation frame after the scene has rendered what it draws
 * (`window.chokepointBoardDrawn`, set once a frame showing the countries has rendered, for the
 * board; a flag the bare page sets in `create`, the step that renders its rectangle).
 */
import { copyFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readFileSync } from "node:fs";
import { chromium } from "playwright-core";
import { createGame, startServerProcess, tempDatabase } from "../helpers/server-process.ts";
import { CHROMIUM_FLAGS, chromiumPath } from "../e2e/harness.ts";

export type FirstFrame = { boardMs: number; bareMs: number; ratio: number; boardRuns: number[]; bareRuns: number[] };

const BARE_PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>bare Phaser</title>
<style>html,body{margin:0;height:100%}#app{width:100vw;height:100vh}</style></head>
<body><div id="app"></div><script src="/phaser.min.js"></script><script>
new Phaser.Game({ type: Phaser.WEBGL, parent: "app", backgroundColor: "#16263a", banner: false, audio: { noAudio: true },
  scale: { mode: Phaser.Scale.RESIZE, width: innerWidth, height: innerHeight },
  scene: { create() { this.add.rectangle(200, 150, 120, 80, 0x0072b2); window.bareReady = true; } } });
</script></body></html>`;

/** Records, in the page, the first animation frame after `flag` appears on window. */
const watchFor = (flag: string) => `(() => {
  const tick = () => { if (window[${JSON.stringify(flag)}]) requestAnimationFrame(() => { window.__firstFrame = performance.now(); }); else requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
})();`;

function serveBarePage(): Promise<{ url: string; close(): void }> {
  const dir = mkdtempSync(join(tmpdir(), "chokepoint-bench-bare-"));
  writeFileSync(join(dir, "index.html"), BARE_PAGE);
  copyFileSync(join(import.meta.dirname, "..", "..", "node_modules", "phaser", "dist", "phaser.min.js"), join(dir, "phaser.min.js"));
  const server = http.createServer((req, res) => {
    const file = req.url === "/phaser.min.js" ? "phaser.min.js" : "index.html";
    res.writeHead(200, { "content-type": file.endsWith(".js") ? "text/javascript" : "text/html" });
    res.end(readFileSync(join(dir, file)));
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      resolve({ url: `http://127.0.0.1:${port}/`, close: () => (server.close(), rmSync(dir, { recursive: true, force: true })) });
    }),
  );
}

export function chromiumAvailable(): boolean {
  try {
    return existsSync(chromiumPath());
  } catch {
    return false;
  }
}

/** `clientDir`: a built client (tests/bench/bundle.ts). */
export async function firstFrame(clientDir: string, runs: number): Promise<FirstFrame> {
  const db = tempDatabase();
  const server = await startServerProcess({ databasePath: db.databasePath, env: { CLIENT_DIR: clientDir } });
  const bare = await serveBarePage();
  const browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_FLAGS });
  try {
    const game = await createGame(server, { scenarioId: "classroom-quick", settings: { bots: true } });
    const load = async (url: string, flag: string): Promise<number> => {
      const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, deviceScaleFactor: 1 });
      try {
        const page = await context.newPage();
        await page.addInitScript(watchFor(flag));
        await page.goto(url);
        const handle = await page.waitForFunction(() => (window as unknown as { __firstFrame?: number }).__firstFrame, undefined, { timeout: 60_000 });
        return (await handle.jsonValue()) as number;
      } finally {
        await context.close();
      }
    };
    const boardRuns: number[] = [];
    const bareRuns: number[] = [];
    // Interleaved, after one warm-up of each (the browser's own start-up is not the page's).
    await load(`${server.url}/${game.code}/watch`, "chokepointBoardDrawn");
    await load(bare.url, "bareReady");
    for (let i = 0; i < runs; i++) {
      boardRuns.push(await load(`${server.url}/${game.code}/watch`, "chokepointBoard"));
      bareRuns.push(await load(bare.url, "bareReady"));
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const boardMs = median(boardRuns);
    const bareMs = median(bareRuns);
    return { boardMs, bareMs, ratio: boardMs / bareMs, boardRuns, bareRuns };
  } finally {
    await browser.close();
    bare.close();
    await server.stop();
    db.cleanup();
  }
}
