/**
 * Every word on screen comes from the catalog: a Play-now game in the pseudo-locale (?lang=en-XA
 * wraps every catalog string in ⟦ ⟧) shows no Latin word outside the brackets but the
 * scenario's own data (translated with the scenario), the name the player typed and the
 * addresses of sources, on the start page and on every tab of the game screen. Screenshots are
 * kept in test-results/e2e/ to look at (with E2E_SCREENSHOTS=1: tests/e2e/harness.ts, shot).
 */
import { describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { scenarioStrings, strayWords } from "../helpers/latin-scan.ts";
import { person, shot, shown, type RunningServer } from "./harness.ts";
import { browserPerFile } from "./browser-per-file.ts";

let server: RunningServer;
let browser: Browser;
const NAME = "Zoë";
/** Scenario data (translated with the scenario, not the catalog), the name typed, and the game's code. */
let allowed: string[] = [];

const poll = <T>(fn: () => T | Promise<T>, timeout = 30_000) => expect.poll(fn, { interval: 200, timeout });

describe("the pseudo-locale in a real browser", () => {
  browserPerFile({ botDelayMs: 300 }, (s, b) => {
    server = s;
    browser = b;
    allowed = [...["classroom-quick", "alliance-2021", "multipolar-2024"].flatMap(scenarioStrings), NAME];
  });

  it("a Play-now game shows no word outside the catalog", async () => {
    const { page: p, errors } = await person(browser, { width: 1366, height: 768 });
    await p.goto(`${server.url}/?lang=en-XA`);
    await poll(() => p.locator("#quick-play").count()).toBe(1);
    expect(await p.evaluate(() => document.documentElement.lang)).toBe("en-XA");
    await shot(p, "pseudo-start");
    const start = await shown(p);
    expect(strayWords(start, allowed), start).toEqual([]);

    await p.locator("#quick-name").fill(NAME);
    await p.locator("#quick-play").click();
    await poll(() => p.locator(".topbar").count()).toBe(1);
    const code = new URL(p.url()).pathname.slice(1);
    allowed.push(code);
    await poll(async () => (await shown(p)).includes("⟦"));
    await shot(p, "pseudo-game");
    expect(strayWords(await shown(p), allowed)).toEqual([]);

    // Every tab of the game screen.
    for (const tab of await p.locator('[role="tab"]').all()) {
      await tab.click();
      expect(strayWords(await shown(p), allowed)).toEqual([]);
    }
    await shot(p, "pseudo-game-tabs");
    expect(errors).toEqual([]);
  }, 180_000);
});
