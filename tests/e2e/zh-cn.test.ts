/**
 * The game in Simplified Chinese: a browser that prefers Chinese gets it without asking; a
 * Play-now game shows no Latin word but scenario data (its translation travels with the
 * scenario), names and acronyms; and at one table a Chinese and an English player each read
 * the same game in their own language (the server sends codes, each client renders). Screenshots
 * at 1366×768 and 390×844 are kept in test-results/e2e/ to look at.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { scenarioStrings, strayWords } from "../helpers/latin-scan.ts";
import { ARTIFACTS, buildClient, chromiumPath, cleanup, launchBrowser, overflowReport, person, shot, startServer, type RunningServer } from "./harness.ts";

let server: RunningServer;
let browser: Browser;
const ACRONYMS = ["HQ4M9C", "AI", "EUV", "DUV", "FDPR", "CSV", "JSON", "HTML", "UTC", "English"];
let allowed: string[] = [];
const poll = <T>(fn: () => T | Promise<T>, timeout = 30_000) => expect.poll(fn, { interval: 200, timeout });

async function shown(p: Page): Promise<string> {
  return p.evaluate(() => {
    const labels = [...document.querySelectorAll("[aria-label], [title], [placeholder]")].flatMap((e) => ["aria-label", "title", "placeholder"].map((a) => e.getAttribute(a) ?? ""));
    const addresses = [...document.querySelectorAll<HTMLAnchorElement>('a[href^="http"]')].map((a) => a.innerText).filter(Boolean);
    let text = [document.body.innerText, document.title, ...labels].join("\n");
    for (const a of addresses) text = text.split(a).join(" ");
    return text;
  });
}

/** A person whose browser prefers Chinese (navigator.languages), at a given size. */
async function chineseReader(size: { width: number; height: number }) {
  const context = await browser.newContext({ viewport: size, deviceScaleFactor: 1, locale: "zh-CN" });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  return { context, page, errors };
}

describe("the game in Simplified Chinese", () => {
  beforeAll(async () => {
    chromiumPath();
    buildClient();
    mkdirSync(join(ARTIFACTS), { recursive: true });
    server = await startServer({ botDelayMs: 300 });
    browser = await launchBrowser();
    allowed = [...["classroom-quick", "alliance-2021", "multipolar-2024"].flatMap(scenarioStrings), ...ACRONYMS, "Li Wei", "Sam"];
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (server) cleanup(server.dir);
  });

  it("a Play-now game in zh-CN by default, and a mixed table with an English player", async () => {
    const zh = await chineseReader({ width: 1366, height: 768 });
    // What a Chinese reader downloads beyond an English one: the catalog chunk and the font pieces the page uses.
    const extra: number[] = [];
    zh.page.on("response", async (r) => {
      if (/\/assets\/(zh-CN-|noto-sans-sc)/.test(r.url())) extra.push((await r.body().catch(() => Buffer.alloc(0))).length);
    });
    await zh.page.goto(server.url);
    await poll(() => zh.page.locator("#quick-play").count()).toBe(1);
    expect(await zh.page.evaluate(() => document.documentElement.lang)).toBe("zh-CN");
    await shot(zh.page, "zh-start");
    await poll(() => extra.length).toBeGreaterThan(1);
    console.log(`zh-CN start page: ${extra.length} extra files, ${extra.reduce((a, b) => a + b, 0)} bytes`);
    expect(strayWords(await shown(zh.page), allowed)).toEqual([]);

    await zh.page.locator("#quick-name").fill("Li Wei");
    await zh.page.locator("#quick-play").click();
    await poll(() => zh.page.locator(".topbar").count()).toBe(1);
    const code = new URL(zh.page.url()).pathname.slice(1);
    allowed.push(code);
    await poll(async () => (await zh.page.locator(".topbar").innerText()).includes("第"));
    await shot(zh.page, "zh-game");
    expect(strayWords(await shown(zh.page), allowed)).toEqual([]);
    for (const tab of await zh.page.locator('[role="tab"]').all()) {
      await tab.click();
      expect(strayWords(await shown(zh.page), allowed)).toEqual([]);
    }
    await shot(zh.page, "zh-game-tabs");
    expect(await overflowReport(zh.page)).toEqual([]);

    // An English reader joins the same table and reads it in English.
    const en = await person(browser, { width: 1366, height: 768 });
    await en.page.goto(`${server.url}/${code}`);
    await en.page.locator("#name").fill("Sam");
    await en.page.locator('input[name="seat"]:not([disabled])').first().check();
    await en.page.getByRole("button", { name: "Join as a player" }).click();
    await poll(() => en.page.locator(".topbar").innerText()).toContain("Round");
    expect(await zh.page.locator(".topbar").innerText()).toContain("第");
    await shot(en.page, "zh-mixed-english-player");
    await shot(zh.page, "zh-mixed-chinese-player");

    // A phone.
    const phone = await chineseReader({ width: 390, height: 844 });
    await phone.page.goto(`${server.url}/?lang=zh-CN`);
    await poll(() => phone.page.locator("#quick-play").count()).toBe(1);
    await shot(phone.page, "zh-start-phone");
    expect(await overflowReport(phone.page)).toEqual([]);
    expect([...zh.errors, ...en.errors, ...phone.errors]).toEqual([]);
  }, 240_000);
});
