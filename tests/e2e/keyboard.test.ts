/**
 * A Play-now game by keyboard alone on a 1366×768 laptop, as a screen-reader user plays it:
 * after every action the focus is somewhere that makes sense, never on the page's body. Play now
 * puts it on the game's title (the heading that names the game) as the game screen replaces the
 * start page. Going on from the event and "I'm done negotiating" keep it on the ready button; "Open channel" puts
 * it in the new channel's message box; "What would it take?" in a country's profile puts it on
 * the answer inside the dialog, and "Propose these terms" on the line that says it was sent.
 * The ☰ menu closes on Escape, when the focus leaves it, and on a click outside; its How to play
 * opens the rules in a dialog over the game. A deal card's buttons and a preview's "Why" rows
 * name what they are about; the panel shows its focus.
 * Screenshots go to test-results/e2e/keys-*.png (with E2E_SCREENSHOTS=1: tests/e2e/harness.ts, shot).
 */
import { describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { person, poll, readyAnyway, settled, shot, type RunningServer } from "./harness.ts";
import { browserPerFile } from "./browser-per-file.ts";
import type { Browser } from "playwright-core";

let server: RunningServer;
let browser: Browser;
let p: Page;
let errors: string[] = [];

/** Bots done with a negotiation on a loaded machine. */
const PHASE_MS = 90_000;

const phase = () => p.locator(".topbar .phase").textContent();
/** Where the focus is: the focused element's id (or its tag), "BODY" when it fell to the page. */
const focused = () => p.evaluate(() => (document.activeElement === document.body ? "BODY" : document.activeElement?.id || document.activeElement?.tagName || "none"));
const focusInside = (selector: string) => p.evaluate((s) => !!document.activeElement && !!document.querySelector(s)?.contains(document.activeElement), selector);

/** Presses a control by keyboard: the focus put on it, then Enter (as Tab and Enter would). */
async function press(selector: string) {
  const loc = p.locator(selector).first();
  await loc.waitFor({ state: "visible", timeout: 20_000 });
  await loc.focus();
  await p.keyboard.press("Enter");
}

describe("a game by keyboard: the focus never falls to the page", () => {
  browserPerFile({ botDelayMs: 100 }, async (s, b) => {
    server = s;
    browser = b;
    const who = await person(browser, { width: 1366, height: 768 });
    p = who.page;
    errors = who.errors;
  });

  it("Play now puts the focus on the game's title, and going on from the event keeps it on the ready button", { timeout: 120_000 }, async () => {
    await p.goto(server.url);
    await p.locator("#quick-name").fill("Kim");
    await press("#quick-play");
    await p.waitForURL(/\/[A-Z0-9]{6}$/, { timeout: 30_000 });
    await poll(phase).toBe("Event");
    // The start page's button went with the start page: the focus is on the heading that names the game, not on the page.
    await poll(focused).toBe("game-title");
    expect(await p.locator("#game-title").textContent()).toMatch(/^Chokepoint · Game [A-Z0-9]{6}$/);
    await p.keyboard.press("Tab");
    expect(await focused()).toBe("ready");
    await press("#guide-skip");
    await press("#ready");
    await poll(phase).toBe("Negotiation");
    await settled(p);
    expect(await focused()).toBe("ready");
  });

  it("the ☰ menu closes on Escape (the focus back on ☰), when the focus leaves it, and on a click outside", { timeout: 60_000 }, async () => {
    const open = () => p.locator(".game-menu").evaluate((d) => (d as HTMLDetailsElement).open);
    await press(".game-menu > summary");
    await poll(open).toBe(true);
    await p.keyboard.press("Tab");
    expect(await focusInside(".game-menu .menu-body")).toBe(true);
    await shot(p, "keys-00-menu-open");
    await p.keyboard.press("Escape");
    await poll(open).toBe(false);
    expect(await p.evaluate(() => document.activeElement === document.querySelector(".game-menu > summary"))).toBe(true);
    // Tabbing past its last link leaves it closed, the tabs under it uncovered.
    await p.keyboard.press("Enter");
    await poll(open).toBe(true);
    await p.locator("#menu-start").focus();
    await p.keyboard.press("Tab");
    await poll(open).toBe(false);
    // Measured and hit-tested in one frame: a tab's count changing (bots signing) moves the tabs.
    const onTop = () =>
      p.evaluate(() => {
        const r = document.querySelector("#tab-review")!.getBoundingClientRect();
        return document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2)?.closest("[id^=tab-]")?.id;
      });
    expect(await onTop()).toBe("tab-review");
    // A click elsewhere closes it.
    await press(".game-menu > summary");
    await poll(open).toBe(true);
    const panel = (await p.locator("#panel").boundingBox())!;
    await p.mouse.click(panel.x + panel.width / 2, panel.y + panel.height - 20);
    await poll(open).toBe(false);
  });

  it("How to play in the ☰ menu opens the rules over the game, not in its place: the game's address stays, a contents link scrolls inside, Escape closes it with the focus back on ☰", { timeout: 60_000 }, async () => {
    const game = p.url();
    await press(".game-menu > summary");
    await press("#menu-howto");
    const dialog = p.locator("dialog.rules-dialog[open]");
    await poll(() => dialog.count()).toBe(1);
    await poll(focused).toBe("rules-close");
    expect(p.url()).toBe(game);
    expect(await dialog.locator(".howto-rules h2").count()).toBeGreaterThanOrEqual(9);
    // The contents' last entry: its section scrolls into the dialog's view, and the address keeps no #.
    const last = dialog.locator(".howto-toc li a").last();
    const id = (await last.getAttribute("href"))!.slice(1);
    await last.focus();
    await p.keyboard.press("Enter");
    await poll(() => dialog.locator(`[id="${id}"]`).evaluate((el) => { const r = el.getBoundingClientRect(); const box = el.closest(".rules-scroll")!.getBoundingClientRect(); return r.top >= box.top - 1 && r.top < box.bottom; })).toBe(true);
    expect(p.url()).toBe(game);
    await shot(p, "keys-00-rules");
    await p.keyboard.press("Escape");
    await poll(() => dialog.count()).toBe(0);
    await poll(focused).toBe("menu-button");
    expect(await phase()).toBe("Negotiation");
  });

  it("Open channel puts the focus in the new channel's message box", { timeout: 60_000 }, async () => {
    await press("#tab-talks");
    await press(".open-channel summary");
    await p.locator("#open-JP").focus();
    await p.keyboard.press("Space");
    await p.keyboard.press("Tab");
    await p.keyboard.press("Enter");
    await poll(() => p.locator(".channel-head h3").textContent()).toContain("Japan");
    await poll(focused).toBe("chat-input");
    await p.keyboard.type("Hello, Japan");
    await p.keyboard.press("Enter");
    await poll(() => p.locator(".messages .message.mine").count()).toBeGreaterThan(0);
    expect(await focused()).toBe("chat-input");
    await shot(p, "keys-01-channel-opened");
  });

  it("What would it take? and Propose these terms keep the focus inside the profile dialog", { timeout: 180_000 }, async () => {
    await press("#tab-world");
    // Countries until one whose bot names terms it would sign (some have none to offer the US).
    let proposed = false;
    for (const [id, name] of [["JP", "Japan"], ["NL", "Netherlands"], ["IN", "India"], ["TW", "Taiwan"], ["VN", "Vietnam"], ["ID", "Indonesia"], ["KE", "Kenya"]]) {
      if (proposed) break;
      // The button's label is a sentence: "Open profile of the Netherlands".
      await press(`button[aria-label="Open profile of ${id === "NL" ? "the " : ""}${name}"]`);
      await poll(() => p.locator("dialog.profile[open] #profile-title").textContent()).toBe(name);
      await press(`#ask-country-${id}`);
      // The bot's answer (a draft, or why it has none), then where the focus is.
      await poll(() => p.evaluate((c) => !!document.querySelector(`#ask-${c}`) || /\S/.test(document.querySelector(".ask-country .status")?.textContent ?? "") && !/Asking/.test(document.querySelector(".ask-country .status")?.textContent ?? ""), id)).toBe(true);
      await settled(p);
      expect(await focusInside("dialog.profile"), `${name}: focus on ${await focused()}`).toBe(true);
      if (await p.locator(`#ask-${id}`).count()) {
        expect(await focused()).toBe(`ask-${id}`);
        await shot(p, "keys-02-ask-answer");
        await press(`#ask-${id}-send`);
        await poll(() => p.locator(`#ask-${id}-result`).textContent()).toContain("Proposed");
        await settled(p);
        expect(await focused()).toBe(`ask-${id}-result`);
        await shot(p, "keys-03-proposed-in-dialog");
        proposed = true;
      } else expect(await focused()).toBe(`ask-country-${id}`);
      await p.keyboard.press("Escape");
      await poll(() => p.locator("dialog.profile[open]").count()).toBe(0);
    }
    expect(proposed, "some bot named terms").toBe(true);
  });

  it("a deal card's buttons name their deal, each preview row's Why names its row, and the panel shows that it has the focus", { timeout: 60_000 }, async () => {
    await press("#tab-deals");
    const card = p.locator("#panel .ledger article.deal:has(.actions)").first();
    await card.waitFor({ timeout: 20_000 });
    // Every button of every card carries the card's deal in its name ("Sign A21", not "Sign").
    const unnamed = () =>
      p.evaluate(() =>
        [...document.querySelectorAll<HTMLElement>("#panel article.deal")].flatMap((c) => {
          const id = c.getAttribute("aria-label")?.split(" ")[0] ?? "?";
          return [...c.querySelectorAll<HTMLButtonElement>(".actions button")].map((b) => b.getAttribute("aria-label") ?? b.textContent ?? "").filter((name) => !name.includes(id)).map((name) => `${id}: ${name}`);
        }),
      );
    expect(await unnamed()).toEqual([]);
    // Each card by its deal, not by its place: bots proposing while the test runs add cards above it.
    const ids = await p.locator("#panel .ledger article.deal:has(button[id$='-preview'])").evaluateAll((all) => all.map((c) => c.getAttribute("data-deal") ?? ""));
    let checked = 0;
    for (const id of ids) {
      const one = p.locator(`#panel .ledger article.deal[data-deal="${id}"]`).first();
      const preview = one.locator("button[id$='-preview']");
      if (!(await preview.count())) continue;
      await preview.focus();
      await p.keyboard.press("Enter");
      // Rows with a Why, a preview with no row (and why not), a refusal, or the deal gone (a bot withdrew it).
      const outcome = () =>
        p.evaluate((d) => {
          const c = document.querySelector(`#panel .ledger article.deal[data-deal="${d}"]`);
          if (!c) return "gone";
          if (c.querySelector(".preview-why summary")) return "rows";
          if (c.querySelector(".preview-none")) return "none";
          return /\S/.test(c.querySelector(".status")?.textContent ?? "") && !c.querySelector("button[id$='-preview']:disabled") ? "said" : "";
        }, id);
      await poll(outcome, { timeout: 20_000 }).not.toBe("");
      if ((await outcome()) !== "rows") continue;
      const names = await one.locator(".preview-why summary").evaluateAll((all) => all.map((s) => s.getAttribute("aria-label") ?? s.textContent ?? ""));
      for (const name of names) expect(name).toMatch(/^Why: \S/);
      expect(new Set(names).size, names.join(" | ")).toBe(names.length);
      checked++;
      break;
    }
    expect(checked, `a preview with rows among ${ids.join(", ")}`).toBe(1);
    // Tab from the selected tab reaches the panel, which shows an outline.
    await p.locator("#tab-deals").focus();
    await p.keyboard.press("Tab");
    expect(await focused()).toBe("panel");
    expect(await p.locator("#panel").evaluate((el) => { const s = getComputedStyle(el); return s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2; })).toBe(true);
    await shot(p, "keys-05-deals-panel-focused");
  });

  it("I'm done negotiating keeps the focus on the ready button when the review starts", { timeout: PHASE_MS + 30_000 }, async () => {
    // Offers the bots made wait on the player: the button asks once more, and keeps the focus.
    await readyAnyway(p, () => press("#ready"));
    await poll(phase, { timeout: PHASE_MS }).toBe("Round review");
    await settled(p);
    expect(await focused()).toBe("ready");
    // And once it takes presses again, it is still there.
    await poll(() => p.locator("#ready").getAttribute("aria-disabled")).toBe(null);
    expect(await focused()).toBe("ready");
    await shot(p, "keys-04-review-ready");
    expect(errors).toEqual([]);
  });
});
