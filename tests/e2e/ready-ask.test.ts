/**
 * On a laptop (1366×768) the ready button's question (client/ui/game-screen.ts: offers wait on
 * the player and lapse when the negotiation ends, docs/RULES.md §2) hangs under the top bar at its
 * right, over the side panel: the panel moves down under it (client/styles.css), so it covers
 * none of the page's controls, "Propose a deal" and the panel's tabs among them.
 */
import { afterAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { join as conn, type Conn } from "../helpers/game-client.ts";
import { createGame } from "../helpers/server-process.ts";
import { person, poll, settled, shot, type RunningServer } from "./harness.ts";
import { browserPerFile } from "./browser-per-file.ts";

let server: RunningServer;
let browser: Browser;
let fac: Conn | undefined;
let us: Conn | undefined;

describe("the ready button's question on a laptop", () => {
  browserPerFile({ botDelayMs: 600 }, (s, b) => {
    server = s;
    browser = b;
  });

  afterAll(async () => {
    await fac?.leave().catch(() => {});
    await us?.leave().catch(() => {});
  });

  it("covers none of the page's controls, and they still take the click", async () => {
    const created = await createGame(server, { scenarioId: "classroom-quick", settings: { rounds: 2, eventSeconds: 600, negotiationSeconds: 1800, bots: true } });
    const ws = server.url.replace(/^http/, "ws");
    fac = await conn.facilitator(ws, created.code, created.facilitatorKey);
    us = await conn.player(ws, created.code, { name: "Uma", seat: "US" });
    const { page: p } = await person(browser, { width: 1366, height: 768 });
    await p.goto(`${server.url}/${created.code}`);
    await p.locator("#name").fill("Kenji");
    await p.locator("#seat-JP").check();
    await p.getByRole("button", { name: "Join as a player" }).click();
    await p.locator("#tab-country").waitFor({ timeout: 30_000 });
    expect((await fac.facilitator({ type: "start" })).ok).toBe(true);
    expect((await fac.facilitator({ type: "advance", phase: "event", round: 1 })).ok).toBe(true);
    await poll(() => p.locator(".topbar .phase").textContent()).toBe("Negotiation");
    // An offer waits on Japan.
    const offer = await us.propose({ terms: { type: "rnd", sector: "ai", contribution: 1.5 }, parties: ["US", "JP"], duration: 2 });
    await p.locator("#tab-deals").click();
    await p.locator("#new-deal").waitFor();
    // The offer on Japan's screen, and the ready button past its pause after a change of meaning
    // (a press before either marks Japan done at once, or is let go).
    await p.locator(`[data-focus="offer-${offer}"]`).waitFor({ timeout: 30_000 });
    await poll(() => p.locator("#ready").getAttribute("aria-disabled")).toBe(null);
    await p.locator("#ready").click();
    await p.locator("#ready-ask").waitFor();
    await settled(p);
    await shot(p, "ready-ask-1366x768");
    const covered = await p.evaluate(() => {
      const ask = document.getElementById("ready-ask")!.getBoundingClientRect();
      return [...document.querySelectorAll<HTMLElement>("button, a[href], input, select, textarea, summary, [role=tab]")]
        .filter((c) => !c.closest("#ready-ask, .topbar"))
        .filter((c) => {
          const r = c.getBoundingClientRect();
          return r.width > 0 && r.height > 0 && r.left < ask.right && r.right > ask.left && r.top < ask.bottom && r.bottom > ask.top;
        })
        .map((c) => c.id || c.textContent?.trim());
    });
    expect(covered, "controls under the question").toEqual([]);
    // "Propose a deal" takes the click while the question is open.
    const propose = p.locator("#new-deal");
    const box = (await propose.boundingBox())!;
    expect(await p.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.closest("button")?.textContent?.trim(), { x: box.x + box.width / 2, y: box.y + box.height / 2 })).toBe("Propose a deal");
    // Closed, the panel is back at the top under the bar.
    await p.locator("#ready-ask-keep").click();
    await poll(() => p.locator("#ready-ask").count()).toBe(0);
    await poll(() => p.evaluate(() => Math.round(document.querySelector(".side")!.getBoundingClientRect().top - document.querySelector(".topbar")!.getBoundingClientRect().bottom))).toBe(0);
    await poll(() => p.evaluate(() => getComputedStyle(document.querySelector(".side")!).paddingTop)).toBe("0px");
  }, 180_000);
});
