/**
 * A phone on its side (844×390, 915×412, touch): the replay follows the landscape-phone rule of
 * client/phone.css. Its map keeps three fifths of the width beside the stepper (the laptop's
 * 380-px side column left it 464 of 844 px), the page neither scrolls sideways nor past the
 * screen's foot, and the step marks and the bar's way home are 44-px targets (they were 17). In
 * the game its top bar takes the short words ("R1/4", "Done"), so the player's label shows whole
 * (the long ones cut it to "Mia · United …").
 */
import { describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { overflowReport, settled, shot, type RunningServer } from "./harness.ts";
import { browserPerFile } from "./browser-per-file.ts";

let server: RunningServer;
let browser: Browser;
const SIZES = [
  { width: 844, height: 390 },
  { width: 915, height: 412 },
];

/** A Play-now game started by touch on a phone on its side, at its ready button. */
async function playNowOnItsSide() {
  const context = await browser.newContext({ viewport: SIZES[0], deviceScaleFactor: 1, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  await page.goto(server.url);
  await page.locator("#quick-name").fill("Mia");
  await page.locator("#quick-play").tap();
  await page.waitForURL(/\/[A-Z0-9]{6}$/, { timeout: 20_000 });
  await page.locator("#ready").waitFor({ timeout: 30_000 });
  return { context, page };
}

describe("A phone on its side", () => {
  browserPerFile({ botDelayMs: 600 }, async (s, b) => {
    server = s;
    browser = b;
  });

  it("the game's top bar shows the player's label whole, and the guide names the ready button as the bar shows it", async () => {
    const { context, page } = await playNowOnItsSide();
    for (const size of SIZES) {
      const where = `${size.width}×${size.height}`;
      await page.setViewportSize(size);
      await settled(page);
      // Read in one look: the bar is drawn anew as the game moves.
      const bar = await page.evaluate(() => {
        const who = document.querySelector<HTMLElement>(".topbar .who")!;
        const shown = (el: Element | null) => !!el && el.getBoundingClientRect().width > 1;
        return {
          who: who.textContent,
          cut: who.clientWidth === 0 || who.scrollWidth > who.clientWidth + 1 ? `cut to ${who.clientWidth} of ${who.scrollWidth} px` : "",
          readyShort: shown(document.querySelector("#ready .short")) ? document.querySelector("#ready .short")!.textContent : null,
          named: document.querySelector(".guide:not([hidden]) .guide-text")?.textContent?.match(/“([^”]+)”/)?.[1] ?? null,
        };
      });
      expect(bar.cut, `${where}: "${bar.who}"`).toBe("");
      expect(bar.readyShort, `${where}: the ready button's short words`).toBeTruthy();
      // The first-game guide's first step names the ready button with the words the bar shows.
      expect(bar.named, where).toBe(bar.readyShort);
      await shot(page, `phone-landscape-game-${size.width}x${size.height}`);
    }
    await context.close();
  }, 180_000);

  it("the replay's map takes three fifths of the screen, its controls 44-px targets", async () => {
    const { context, page } = await playNowOnItsSide();
    // Play now's creator runs the table: the replay shows the game so far.
    await page.goto(`${page.url()}/replay`);
    await page.locator("#replay-slider").waitFor({ timeout: 30_000 });
    await page.locator(".replay .board canvas").waitFor();
    for (const size of SIZES) {
      const where = `${size.width}×${size.height}`;
      await page.setViewportSize(size);
      await settled(page);
      expect(await overflowReport(page), where).toEqual([]);
      const l = await page.evaluate(() => {
        const box = (sel: string) => document.querySelector(sel)!.getBoundingClientRect();
        const targets = [...document.querySelectorAll<HTMLElement>(".replay-ticks li, .topbar a, .replay-stepper button, #replay-slider")]
          .map((e) => ({ name: e.id || e.textContent?.trim(), r: e.getBoundingClientRect() }))
          .filter((t) => t.r.width > 0);
        return {
          innerWidth: window.innerWidth,
          innerHeight: window.innerHeight,
          pageHeight: document.documentElement.scrollHeight,
          board: box(".replay .board-wrap").width,
          side: box(".replay .side"),
          small: targets.filter((t) => t.r.height < 44 || t.r.width < 44).map((t) => `${t.name} ${Math.round(t.r.width)}×${Math.round(t.r.height)}`),
        };
      });
      expect(l.board, `${where}: the map is ${l.board} px wide`).toBeGreaterThanOrEqual(l.innerWidth * 0.6 - 1);
      expect(l.side.right, where).toBeLessThanOrEqual(l.innerWidth + 1);
      expect(Math.abs(l.side.bottom - l.innerHeight), `${where}: the panel ends at ${l.side.bottom}`).toBeLessThanOrEqual(3);
      expect(l.pageHeight, `${where}: the page is ${l.pageHeight} px tall`).toBeLessThanOrEqual(l.innerHeight + 1);
      expect(l.small, where).toEqual([]);
      await shot(page, `phone-landscape-replay-${size.width}x${size.height}`);
    }
    await context.close();
  }, 180_000);
});
