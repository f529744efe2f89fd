/**
 * The client's pages under their Content-Security-Policy (server/page-policy.ts): the game runs
 * whole under it (its module files and the one inline script of index.html), and a script that
 * an escaping mistake let into the page does not run. And what a player's page downloads to reach
 * the board: the JS budget of docs/PERFORMANCE.md, without the parts only others need.
 */
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { person, poll, type RunningServer } from "./harness.ts";
import { browserPerFile } from "./browser-per-file.ts";

let server: RunningServer;
let browser: Browser;

describe("the client's pages under their Content-Security-Policy", () => {
  browserPerFile({ botDelayMs: 300 }, (s, b) => {
    server = s;
    browser = b;
  });

  it("a game starts and its projector page runs its early script, with nothing refused", async () => {
    const { context, page, errors } = await person(browser);
    const reply = await page.goto(server.url);
    const policy = reply!.headers()["content-security-policy"] ?? "";
    expect(policy).toMatch(/script-src 'self' 'sha256-[A-Za-z0-9+/=]+';/);
    expect(policy).toContain(`ws://127.0.0.1:${server.port}`);
    await page.locator("#quick-name").fill("Ada");
    await page.locator("#quick-play").click();
    await poll(() => page.locator(".topbar").innerText()).toMatch(/Ada · /);
    const code = new URL(page.url()).pathname.split("/")[1]!;

    const watch = await context.newPage();
    await watch.goto(`${server.url}/${code}/watch`);
    // index.html's inline script asked for the game before the app's code arrived.
    expect(await watch.evaluate(() => Object.keys((window as { chokepointEarly?: object }).chokepointEarly ?? {}))).toEqual([`/api/games/${code}`, `/api/games/${code}/scenario`]);
    await poll(() => watch.locator("canvas").count()).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("a page is asked for again on every visit, so a browser that came before a deploy gets the new build; its files keep an hour", async () => {
    for (const path of ["/", "/index.html", "/ABC234", "/ABC234/watch"]) {
      const r = await fetch(`${server.url}${path}`);
      expect(r.status, path).toBe(200);
      expect(r.headers.get("cache-control"), path).toBe("no-cache");
    }
    const html = await (await fetch(server.url)).text();
    const script = /src="([^"]+\.js)"/.exec(html)![1]!;
    expect((await fetch(new URL(script, server.url))).headers.get("cache-control")).toBe("public, max-age=3600");
  });

  it("a script slipped into the page does not run, and the page still works", async () => {
    const { context, page } = await person(browser);
    await page.route(`${server.url}/`, async (route) => {
      const real = await route.fetch();
      const body = (await real.text()).replace('<div id="app">', '<script>document.documentElement.setAttribute("data-slipped", "ran")</script><div id="app">');
      await route.fulfill({ response: real, body });
    });
    await page.goto(server.url);
    await poll(() => page.locator("#quick-play").count()).toBe(1);
    expect(await page.getAttribute("html", "data-slipped")).toBeNull();
    await context.close();
  });

  it("a player reaches the board with at most 450 KB of JS (gzipped), none of it the facilitator's console or the end screen", async () => {
    const { context, page, errors } = await person(browser);
    const js: { file: string; gz: Promise<number> }[] = [];
    page.on("response", (r) => {
      const url = new URL(r.url());
      if (url.pathname.endsWith(".js")) js.push({ file: url.pathname.split("/").pop()!, gz: r.body().then((b) => gzipSync(b, { level: 9 }).length) });
    });
    await page.goto(server.url);
    await page.locator("#quick-name").fill("Ada");
    await page.locator("#quick-play").click();
    await poll(() => page.locator(".topbar").innerText()).toMatch(/Ada · /);
    await poll(() => page.locator("canvas").count()).toBeGreaterThan(0);
    await page.waitForLoadState("networkidle");
    const files = js.map((f) => f.file);
    expect(files.some((f) => f.startsWith("board-"))).toBe(true);
    expect(files.filter((f) => /^(console-panel|end-screen)-/.test(f))).toEqual([]);
    const total = (await Promise.all(js.map((f) => f.gz))).reduce((a, b) => a + b, 0);
    console.log(`JS to reach the board: ${files.length} files, ${total} B gzipped`);
    // 472,905 B while the console and the end screen came with every page; 452,909 B without them (and without a finished game's debrief tools).
    expect(total).toBeLessThanOrEqual(450 * 1024);
    expect(errors).toEqual([]);
    await context.close();
  });
});
