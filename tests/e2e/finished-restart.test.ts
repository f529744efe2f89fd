/**
 * Pages left open on a finished game when the server restarts: a server restores only unfinished
 * games (server/wake.ts), so the finished game's room is gone for good. The player's and the
 * facilitator's pages stop rejoining and say so, the end screen stays, and what the server still
 * serves of a finished game (the facilitator's report link) still opens. They used to say "reconnecting…" for ever,
 * asking the server for the game's room every few seconds.
 */
import { afterAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { confirmYes, person, poll, shot, startServer, type RunningServer } from "./harness.ts";
import { browserPerFile } from "./browser-per-file.ts";

type Person = Awaited<ReturnType<typeof person>>;

let first: RunningServer;
let restarted: RunningServer | undefined;
let browser: Browser;
let fac: Person;
let ana: Person;

async function phaseIs(p: Page, phase: string) {
  await poll(() => p.locator(".topbar .phase").textContent(), { timeout: 30_000 }).toBe(phase);
}

describe("pages left open on a finished game, after the server restarts", () => {
  browserPerFile({ botDelayMs: 600 }, async (s, b) => {
    first = s;
    browser = b;
    fac = await person(browser);
    ana = await person(browser);
  });
  // Before the browser and the first server go (browser-per-file.ts): the restarted server, on the same folder.
  afterAll(async () => {
    await restarted?.stop();
  });

  it("stop rejoining and say the live game has closed; the end screen and the report stay", async () => {
    const p = fac.page;
    await p.goto(first.url);
    await poll(() => p.locator("#scenario option").count()).toBeGreaterThan(0);
    await p.getByRole("button", { name: "Create game" }).click();
    await p.locator("#key-continue").click();
    await p.waitForURL(/\/[A-Z0-9]{6}$/, { timeout: 15_000 });
    const code = new URL(p.url()).pathname.slice(1);
    await ana.page.goto(`${first.url}/${code}`);
    await ana.page.locator("#name").fill("Ana");
    await ana.page.locator("#seat-US").check();
    await ana.page.getByRole("button", { name: "Join as a player" }).click();
    await poll(() => ana.page.locator(".topbar").textContent(), { timeout: 30_000 }).toContain("Ana");
    await p.locator("#lobby-start").click();
    await poll(() => p.locator("#tab-console").isVisible(), { timeout: 30_000 }).toBe(true);
    await p.locator("#tab-console").click();
    await p.locator("#con-part-overview").click();
    await poll(() => p.locator("#con-end").isVisible(), { timeout: 30_000 }).toBe(true);
    await p.locator("#con-end").click();
    await confirmYes(p);
    await phaseIs(ana.page, "Game over");
    await poll(() => ana.page.locator(".end-screen").textContent()).toContain("Final scores");
    // The facilitator's end screen (its code loads when the game ends) has bought its report ticket before the server goes.
    await poll(() => p.locator("#end-report").getAttribute("href")).toContain("ticket=");

    // Joins by code that found no game (server/matchmake-guard.ts answers 522), from the two pages.
    const missed = { ana: 0, fac: 0 };
    ana.page.on("response", (r) => r.url().includes("/matchmake/joinById/") && r.status() === 522 && missed.ana++);
    p.on("response", (r) => r.url().includes("/matchmake/joinById/") && r.status() === 522 && missed.fac++);
    const { dir, port } = first;
    await first.stop("SIGKILL");
    await poll(() => ana.page.locator(".banner").textContent()).toContain("reconnecting");
    restarted = await startServer({ dir, port, botDelayMs: 600 });
    for (const page of [ana.page, p]) await poll(() => page.locator(".banner").textContent(), { timeout: 60_000 }).toContain("This game is over and its live room has closed");
    // Said once it knew: the first join that found no room.
    expect(missed).toEqual({ ana: 1, fac: 1 });
    expect(await ana.page.locator(".banner .retry").count()).toBe(0);
    expect(await ana.page.locator(".end-screen").textContent()).toContain("Final scores");
    await shot(ana.page, "finished-game-closed");
    // Ana reloads: the start page says once that the game is over (under the join form, with the replay's link), not above the form too.
    await ana.page.reload();
    await poll(() => ana.page.locator(".join-details").textContent(), { timeout: 30_000 }).toContain("This game is over");
    expect((await ana.page.locator("main, body").first().innerText()).split("This game is over").length - 1).toBe(1);
    expect(await ana.page.locator("#start-over-replay").count()).toBe(1);
    // On a phone, the finished game's replay link and the facilitator's way to its debrief are 44-px targets (16 and 41 px before).
    const phone = await person(browser, { width: 390, height: 844 });
    try {
      await phone.page.goto(`${restarted.url}/${code}`);
      await poll(() => phone.page.locator("#start-over-replay").count(), { timeout: 30_000 }).toBe(1);
      const heights = await phone.page.evaluate(() => ["#start-over-replay", "#fac-open summary"].map((s) => Math.round(document.querySelector(s)!.getBoundingClientRect().height)));
      for (const height of heights) expect(height).toBeGreaterThanOrEqual(44);
    } finally {
      await phone.context.close();
    }
    // The facilitator's end screen: its report link (a ticket its key buys over HTTP) opens the report.
    await p.locator("#tab-end").click();
    await poll(() => p.locator("#end-report").getAttribute("href")).toContain("ticket=");
    const report = await p.request.get(`${restarted.url}${await p.locator("#end-report").getAttribute("href")}`);
    expect(report.status()).toBe(200);
    expect(await report.text()).toContain(code);
  }, 240_000);
});
