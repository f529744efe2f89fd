/**
 * A slow network: the game's scenario book (fetched over HTTP beside the join) may come back
 * after the server's welcome (one round trip after the join). The welcome says who the player
 * is; the SDK drops a message that arrives before its handler, so a client that put its
 * handlers on only once the book was in showed "Connecting…" for ever. Here the book is held
 * until the page's socket has received the welcome and the state, then let through.
 */
import { describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { person, shot, type RunningServer } from "./harness.ts";
import { browserPerFile } from "./browser-per-file.ts";

let server: RunningServer;
let browser: Browser;

const poll = <T>(fn: () => T | Promise<T>, timeout = 60_000) => expect.poll(fn, { interval: 200, timeout });

describe("a scenario book slower than the welcome", () => {
  browserPerFile({ botDelayMs: 300 }, (s, b) => {
    server = s;
    browser = b;
  });

  it("the player still gets the game, named as its seat", async () => {
    const { page: p, errors } = await person(browser, { width: 1366, height: 768 });
    // Frames the game's socket has received (the welcome and the state come first).
    let received = 0;
    p.on("websocket", (ws) => ws.on("framereceived", () => void received++));
    let held = 0;
    await p.route("**/api/games/*/scenario*", async (route) => {
      held++;
      await poll(() => received >= 3).toBe(true);
      await route.continue();
    });

    await p.goto(server.url);
    await p.locator("#quick-name").fill("Ada");
    await p.locator("#quick-play").click();
    await poll(() => p.locator('[role="tab"]').count()).toBeGreaterThan(0);
    expect(held).toBeGreaterThan(0);
    // The top bar names the player and its country: the welcome was not lost.
    await poll(() => p.locator(".topbar").innerText()).toMatch(/Ada · /);
    await shot(p, "slow-book");
    expect(errors).toEqual([]);
  }, 180_000);
});
