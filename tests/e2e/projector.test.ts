/**
 * A tabletop exercise's screens in a real browser: Alliance 2021 with its control-cell script
 * (assets/injects/alliance-2021.json), whose round opens with four cards at once. The room's
 * screen (/CODE/watch at 1920×1080) and an observer's laptop (joined from the start page at
 * 1366×768) are different screens: the projector shows the join QR and no note box; the
 * observer gets no QR, the note box near the top and their own saved notes. The event strip
 * and the board's card open on the earliest card by date; a pause notice covers no tab nor the
 * map's zoom buttons (the projector, the observer; a phone player at 390×844: no tab); the
 * projector's tabs sit on one row; in the review the round's outcome (targets met or missed) is in
 * view without scrolling at 1920×1080 and 1366×768, and leads its Review tab;
 * the facilitator's end screen leads with the report. Screenshots go to
 * test-results/e2e/ (with E2E_SCREENSHOTS=1: tests/e2e/harness.ts, shot).
 */
import { afterAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { shippedInjectScripts } from "../../server/scenarios.ts";
import { injectMove } from "../../shared/scenario/injects.ts";
import { dealIdsIn } from "../../shared/engine/deal-ids.ts";
import { join as conn, type Conn } from "../helpers/game-client.ts";
import { createGame } from "../helpers/server-process.ts";
import { barScenario, person, poll, settled, shot, type RunningServer } from "./harness.ts";
import { browserPerFile } from "./browser-per-file.ts";

type Person = Awaited<ReturnType<typeof person>>;
type Card = { title: string; alpha: number; y: number };

let server: RunningServer;
let browser: Browser;
let code = "";
let facKey = "";
let fac: Conn;
let projector: Person;
let observer: Person;
let player: Person;
const script = shippedInjectScripts().get("alliance-2021")![0]!;
const roundOne = script.injects.filter((i) => i.round === 1);
const NOTE = "Japan hesitated before the chips deal.";
/** Budget of a step of many page actions: vitest's 60 s ran out in the lobby on a two-core machine at load average 50. */
const STEP = 150_000;

type Box = { x: number; y: number; width: number; height: number };
const overlaps = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** The tab bar's and the flash's boxes, once the flash is shown. */
async function flashAndTabs(p: Page) {
  await p.locator("#flash").waitFor({ state: "visible", timeout: 20_000 });
  await settled(p);
  const flash = (await p.locator("#flash").boundingBox())!;
  const tabs = await Promise.all((await p.locator(".tabs [role=tab]").all()).map(async (t) => ({ name: (await t.textContent()) ?? "", box: (await t.boundingBox())! })));
  return { flash, tabs };
}

/** How many rows the tabs take, and each tab's name and width (for the message when they wrap). */
async function tabRows(p: Page) {
  const tabs = await p.locator(".tabs [role=tab]").evaluateAll((els) => els.map((e) => ({ name: e.textContent ?? "", top: Math.round(e.getBoundingClientRect().top), width: Math.round(e.getBoundingClientRect().width) })));
  return { rows: new Set(tabs.map((t) => t.top)).size, tabs: tabs.map((t) => `${t.name} ${t.width}px`).join(" | ") };
}

/**
 * What is wrong with the top bar as the page shows it: a part cut short ("Allia…") or running
 * past the bar, two parts over each other, the bar taller than one row. Empty when it reads well.
 */
async function barProblems(p: Page): Promise<string[]> {
  return p.evaluate(() => {
    const bar = document.querySelector<HTMLElement>(".topbar")!;
    const edge = bar.getBoundingClientRect();
    const parts = [...bar.children]
      .map((el) => ({ el: el as HTMLElement, box: el.getBoundingClientRect(), name: `${el.className || el.tagName} "${(el.textContent ?? "").trim().slice(0, 30)}"` }))
      // Shown: not hidden, nor a screen reader's (a 1-px clip), nor the spacer.
      .filter((x) => x.box.width > 1 && x.box.height > 1 && !x.el.classList.contains("spacer"));
    const out: string[] = [];
    if (edge.height > 60) out.push(`the bar is ${Math.round(edge.height)} px tall`);
    for (const x of parts) {
      if (x.el.scrollWidth > x.el.clientWidth + 1 && getComputedStyle(x.el).overflow !== "visible") out.push(`${x.name} is cut (${x.el.clientWidth} of ${x.el.scrollWidth} px)`);
      if (x.box.left < edge.left - 1 || x.box.right > edge.right + 1) out.push(`${x.name} runs past the bar (${Math.round(x.box.left)}–${Math.round(x.box.right)})`);
      // Its text on two lines: two of its boxes one above the other (a large clock's line box may
      // stand taller than the bar, its glyphs inside).
      const range = document.createRange();
      // (Of a menu, its button: the closed menu's body is no part of the bar.)
      range.selectNodeContents(x.el.matches("details") ? x.el.querySelector("summary")! : x.el);
      const lines = [...range.getClientRects()].filter((r) => r.width > 1);
      if (lines.some((a) => lines.some((b) => a.bottom <= b.top + 1))) out.push(`${x.name} wraps onto a second line`);
    }
    for (let i = 0; i < parts.length; i++)
      for (let j = i + 1; j < parts.length; j++) {
        const [a, b] = [parts[i]!.box, parts[j]!.box];
        if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1) out.push(`${parts[i]!.name} overlaps ${parts[j]!.name}`);
      }
    return out;
  });
}

describe("the projector and an observer's screen in a tabletop exercise", () => {
  browserPerFile({ botDelayMs: 600 }, async (s, b) => {
    server = s;
    browser = b;
    const created = await createGame(server, { scenarioId: "alliance-2021", settings: { rounds: 2, eventSeconds: 600, negotiationSeconds: 1800, bots: true } });
    code = created.code;
    facKey = created.facilitatorKey;
    fac = await conn.facilitator(server.url.replace(/^http/, "ws"), code, created.facilitatorKey);
    for (const inj of roundOne) expect((await fac.facilitator(injectMove(inj, 1))).ok).toBe(true);
    // The room's screen opens at 1366×768 and is set to 1920×1080 in the lobby, where it stays.
    projector = await person(browser, { width: 1366, height: 768 });
    observer = await person(browser, { width: 1366, height: 768 });
    player = await person(browser, { width: 390, height: 844 });
  });

  afterAll(async () => {
    await fac?.leave().catch(() => {});
  });

  it("in the lobby the projector shows the join QR; an observer's laptop shows the code, no QR", async () => {
    await projector.page.goto(`${server.url}/${code}/watch`);
    await projector.page.locator(".join-qr svg").waitFor({ timeout: 30_000 });
    // The room scans the QR and reads the code from the screen as it is, scrolled nowhere: both
    // lie whole in the window, and nothing (a panel's edge) covers any corner of them.
    for (const [width, height] of [
      [1366, 768],
      [1920, 1080],
    ] as const) {
      await projector.page.setViewportSize({ width, height });
      await settled(projector.page);
      await shot(projector.page, `p01-projector-lobby-${width}x${height}`);
      for (const selector of [".join-qr", ".join-screen .join-code"]) {
        // The code's letters, not its paragraph: a line too long runs out of its box.
        const shown = await projector.page.evaluate((sel) => {
          const el = document.querySelector(sel)!;
          const range = document.createRange();
          range.selectNodeContents(el);
          const r = (el.classList.contains("join-code") ? range : el).getBoundingClientRect();
          const inset = 2;
          const corners = [[r.left + inset, r.top + inset], [r.right - inset, r.top + inset], [r.left + inset, r.bottom - inset], [r.right - inset, r.bottom - inset]];
          return { box: { left: r.left, top: r.top, right: r.right, bottom: r.bottom }, corners: corners.map(([x, y]) => el.contains(document.elementFromPoint(x!, y!))) };
        }, selector);
        const where = `${selector} at ${width}×${height}: ${JSON.stringify(shown.box)}`;
        expect(shown.box.top, where).toBeGreaterThanOrEqual(0);
        expect(shown.box.left, where).toBeGreaterThanOrEqual(0);
        expect(shown.box.bottom, where).toBeLessThanOrEqual(height);
        expect(shown.box.right, where).toBeLessThanOrEqual(width);
        expect(shown.corners, `${where}: which corners show`).toEqual([true, true, true, true]);
      }
    }
    const o = observer.page;
    await o.goto(`${server.url}/${code}`);
    await o.locator("#name").fill("Ms Observer");
    await o.getByRole("button", { name: /watch/i }).click();
    await o.locator(".lobby, .panel").first().waitFor({ timeout: 30_000 });
    await poll(() => o.locator(".topbar .who").textContent()).toBeTruthy();
    await settled(o);
    await shot(o, "p02-observer-lobby-1366x768");
    expect(await o.locator(".join-qr").count()).toBe(0);
    expect(await o.evaluate(() => document.documentElement.classList.contains("projector-mode"))).toBe(false);
    // The facilitator's list of who watches (the console's overview) tells the room's screen from
    // the observer by name: not "an observer who gave no name" beside "Ms Observer".
    await poll(() => (fac.view().observers ?? []).filter((x) => x.connected).map((x) => x.name ?? "(no name)").sort()).toEqual(["Ms Observer", "The projector (room's screen)"]);
    // A player at a phone takes a seat.
    const p = player.page;
    await p.goto(`${server.url}/${code}`);
    await p.locator("#name").fill("Kenji");
    await p.locator("#seat-JP").check();
    await p.getByRole("button", { name: "Join as a player" }).click();
    await p.locator("#tab-country").waitFor({ timeout: 30_000 });
  }, STEP);

  it("the round opens with the script's four cards: the strip and the board's card open on the earliest by date", async () => {
    expect((await fac.facilitator({ type: "start" })).ok).toBe(true);
    for (const page of [projector.page, observer.page, player.page]) {
      await poll(() => page.locator("#event-of").textContent()).toBe(`card 1 of ${roundOne.length}`);
      expect(await page.locator(".event-strip .event-date").textContent()).toBe(roundOne[0]!.date);
    }
    await shot(projector.page, "p03-projector-cards-1920x1080");
    await shot(observer.page, "p04-observer-cards-1366x768");
    await shot(player.page, "p05-player-cards-390x844");
    // The board's card names the same earliest card, and is opaque from its first frame on: a
    // new page (its card rises again) is looked at as soon as the card is there.
    const p = projector.page;
    await p.reload();
    const look = () => p.evaluate(() => (window as unknown as { chokepointBoard?: { eventCard(): Card | undefined } }).chokepointBoard?.eventCard());
    await poll(async () => !!(await look()), { timeout: 40_000 }).toBe(true);
    const card = (await look())!;
    await shot(p, "p03a-projector-card-rising-1920x1080");
    expect(card.title).toBe(await p.locator(".event-strip h2").textContent());
    expect(card.alpha).toBe(1);
    // At rest the card costs no frames: the board's loop sleeps until the card leaves (a tween
    // waiting to take it away kept the whole map redrawing for its seven seconds).
    // At rest: the card has risen to the board's foot (as tests/e2e/game.test.ts reads it), however
    // long its rise took on a loaded machine; a fixed 0.6 s counted the rise's last frames on one.
    await poll(() =>
      p.evaluate(() => {
        const c = (window as unknown as { chokepointBoard: { eventCard(): { y: number; h: number } | undefined } }).chokepointBoard.eventCard();
        return !!c && Math.round(document.querySelector("#board")!.getBoundingClientRect().height - (c.y + c.h)) === 12;
      }),
    ).toBe(true);
    // A reloaded page may still draw a few frames of its own as it settles (fonts, textures): the
    // quietest of up to three 1.5 s windows while the card is up. A loop that never sleeps with the
    // card up draws in every one of them.
    const resting = await p.evaluate(async () => {
      const board = (window as unknown as { chokepointBoard: { frames(): { count: number }; eventCard(): Card | undefined } }).chokepointBoard;
      let best = { frames: Number.POSITIVE_INFINITY, card: false };
      for (let i = 0; i < 3 && board.eventCard() && best.frames > 2; i++) {
        const first = board.frames().count;
        await new Promise((r) => setTimeout(r, 1500));
        const window = { frames: board.frames().count - first, card: !!board.eventCard() };
        if (window.card && window.frames < best.frames) best = window;
      }
      return best;
    });
    expect(resting.card, "the card is still on the board after 1.5 s at rest").toBe(true);
    expect(resting.frames, "frames drawn in 1.5 s with the card at rest").toBeLessThanOrEqual(2);
    // It stays opaque to its last frame: it leaves by sinking below the board's foot, never
    // drawn pale over the map (a fading card was).
    const leaving = await p.evaluate(async () => {
      const board = (window as unknown as { chokepointBoard: { eventCard(): Card | undefined } }).chokepointBoard;
      const until = performance.now() + 20_000;
      let frames = 0;
      let palest = 1;
      for (let c = board.eventCard(); c && performance.now() < until; c = board.eventCard()) {
        frames++;
        palest = Math.min(palest, c.alpha);
        await new Promise((r) => requestAnimationFrame(r));
      }
      return { frames, palest, gone: !board.eventCard() };
    });
    expect(leaving.gone, "the card leaves the board").toBe(true);
    expect(leaving.frames).toBeGreaterThan(10);
    expect(leaving.palest, "the card's least opacity on the board").toBe(1);
  }, STEP);

  it("an observer's Table tab opens with their note box; a saved note is listed for them alone; the projector has none", async () => {
    await projector.page.locator("#tab-table").click();
    await projector.page.locator(".observer-panel .table-metrics").waitFor();
    expect(await projector.page.locator(".notes-box, #notes-text-note").count()).toBe(0);
    const o = observer.page;
    await o.locator("#tab-table").click();
    const box = o.locator("#notes-text-note");
    await box.waitFor();
    // Near the top: the box is in view without scrolling the panel.
    expect((await box.boundingBox())!.y + 40).toBeLessThan(768);
    await box.fill(NOTE);
    await o.getByRole("button", { name: "Save to the report" }).click();
    await poll(() => o.locator(".notes-mine li").allTextContents()).toEqual([expect.stringContaining(NOTE)]);
    expect(await o.locator(".notes-mine li").first().textContent()).toMatch(/round 1/);
    await box.fill("A second note.");
    await o.getByRole("button", { name: "Save to the report" }).click();
    await poll(() => o.locator(".notes-mine li").count()).toBe(2);
    await shot(o, "p07-observer-notes-1366x768");
    // A refresh keeps them (this tab, this game), at the same address: an observer again, not a projector.
    await o.reload();
    await o.locator("#tab-table").click();
    await poll(() => o.locator(".notes-mine li").count()).toBe(2);
    expect(new URL(o.url()).pathname).toBe(`/${code}`);
    expect(await o.evaluate(() => document.documentElement.classList.contains("projector-mode"))).toBe(false);
    // Another observer's screen lists none of them.
    const other = await person(browser, { width: 1366, height: 768 });
    await other.page.goto(`${server.url}/${code}`);
    await other.page.getByRole("button", { name: "Watch as an observer" }).click();
    await other.page.locator("#tab-table").click();
    await other.page.locator("#notes-text-note").waitFor();
    expect(await other.page.locator(".notes-mine li").count()).toBe(0);
    expect(await other.page.locator(".notes-saved").isVisible()).toBe(false);
    await other.context.close();
  }, STEP);

  it("the pause notice covers no tab and no zoom button: on the projector, an observer's laptop and a player's phone", async () => {
    expect((await fac.facilitator({ type: "pause" })).ok).toBe(true);
    for (const [who, page] of [
      ["projector", projector.page],
      ["observer", observer.page],
      ["player", player.page],
    ] as const) {
      const { flash, tabs } = await flashAndTabs(page);
      expect(await page.locator("#flash").textContent()).toContain("paused");
      for (const tab of tabs) expect(overlaps(flash, tab.box), `${who}: the flash covers the ${tab.name} tab`).toBe(false);
      // It keeps clear of the map's zoom buttons too (a phone's flash stays above its tab bar, the map scrolled anywhere).
      expect(overlaps(flash, (await page.locator(".map-controls").boundingBox())!), `${who}: the flash covers the zoom buttons`).toBe(false);
      await shot(page, `p08-pause-${who}`);
    }
    // Over a phone's chat composer, it goes away when the player starts to write.
    await player.page.locator("#tab-talks").click();
    expect((await fac.facilitator({ type: "broadcast", text: "Write your offers now." })).ok).toBe(true);
    await poll(() => player.page.locator("#flash").textContent()).toContain("Write your offers now.");
    await player.page.locator("#chat-input").focus();
    // At once, not when its 20 s are up.
    await poll(() => player.page.locator("#flash").isVisible(), { timeout: 3_000 }).toBe(false);
    expect((await fac.facilitator({ type: "resume" })).ok).toBe(true);
  }, STEP);

  it("the pause notice on the projector keeps clear of the board's event card while the card rests there", async () => {
    const p = projector.page;
    // A reloaded page in the event phase raises the round's card again.
    await p.reload();
    const cardOnPage = () =>
      p.evaluate(() => {
        const c = (window as unknown as { chokepointBoard?: { eventCard(): { x: number; y: number; w: number; h: number } | undefined } }).chokepointBoard?.eventCard();
        const board = document.querySelector("#board")!.getBoundingClientRect();
        return c && Math.round(board.height - (c.y + c.h)) === 12 ? { x: board.left + c.x, y: board.top + c.y, width: c.w, height: c.h } : undefined;
      });
    await poll(async () => !!(await cardOnPage()), { timeout: 40_000 }).toBe(true);
    expect((await fac.facilitator({ type: "pause" })).ok).toBe(true);
    await p.locator("#flash").waitFor({ state: "visible", timeout: 20_000 });
    await poll(() => p.locator("#flash").textContent()).toContain("paused");
    const card = await cardOnPage();
    const flash = (await p.locator("#flash").boundingBox())!;
    await shot(p, "p08b-pause-over-card-projector");
    expect(card, "the card still rests on the board").toBeDefined();
    expect(overlaps(flash, card!), `the flash ${JSON.stringify(flash)} covers the event card ${JSON.stringify(card)}`).toBe(false);
    // Still over the board, clear of the zoom buttons.
    const wrap = (await p.locator(".board-wrap").boundingBox())!;
    expect(flash.y).toBeGreaterThanOrEqual(wrap.y);
    expect(overlaps(flash, (await p.locator(".map-controls").boundingBox())!)).toBe(false);
    expect((await fac.facilitator({ type: "resume" })).ok).toBe(true);
  }, STEP);

  it("at 1920 px the projector's tabs sit on one row, in the event and in the negotiation; it counts no unread lines on Talks (a room's screen is nobody's to catch up on)", async () => {
    const p = projector.page;
    await p.locator("#tab-table").click();
    await settled(p);
    expect(await tabRows(p)).toEqual({ rows: 1, tabs: expect.any(String) });
    await shot(p, "p06-projector-table-1920x1080");
    for (const text of ["Welcome to the control cell.", "Four cards this round: read them in order.", "Twenty minutes for talks."]) expect((await fac.facilitator({ type: "broadcast", text })).ok).toBe(true);
    // The broadcast on the projector leaves the top of the map (where most countries are) in view.
    const long = "CONTROL: 10 minutes to the end of round 1. Swing states, table your loan preferences in plenary.";
    expect((await fac.facilitator({ type: "broadcast", text: long })).ok).toBe(true);
    await poll(() => p.locator("#flash").textContent()).toContain("Swing states");
    await settled(p);
    const map = (await p.locator(".board-wrap").boundingBox())!;
    const flash = (await p.locator("#flash").boundingBox())!;
    expect(flash.y, `the broadcast (${Math.round(flash.y)}–${Math.round(flash.y + flash.height)} px) covers the top half of the map (${Math.round(map.y)}–${Math.round(map.y + map.height)} px)`).toBeGreaterThanOrEqual(map.y + map.height / 2);
    await shot(p, "p06b-projector-broadcast-1920x1080");
    expect((await fac.facilitator({ type: "advance", phase: "event" })).ok).toBe(true);
    await poll(() => p.locator(".topbar .phase").textContent()).toBe("Negotiation");
    await settled(p);
    // Broadcast and plenary lines have come since the projector opened; a player's Talks would count them.
    expect(await p.locator("#tab-talks .count").count()).toBe(0);
    expect(await p.locator("#tab-talks").textContent()).toBe("Talks");
    await shot(p, "p09-projector-negotiation-1920x1080");
    expect(await tabRows(p)).toEqual({ rows: 1, tabs: expect.any(String) });
    // The bar says which scenario the room is playing, its name whole beside the code, the round and the clock.
    expect(await barScenario(p)).toEqual({ text: "Alliance 2021", whole: true });
    // Paused, too: the clock says so in large type ("❚❚ Paused 29:58") beside "N of 13 seats done".
    expect((await fac.facilitator({ type: "pause" })).ok).toBe(true);
    await poll(() => p.locator(".topbar .timer").textContent()).toContain("Paused");
    await poll(() => p.locator(".topbar .readycount").textContent()).toMatch(/of 13 seats done/);
    await settled(p);
    expect(await barScenario(p)).toEqual({ text: "Alliance 2021", whole: true });
    await shot(p, "p09c-projector-paused-1920x1080");
    expect((await fac.facilitator({ type: "resume" })).ok).toBe(true);
    await poll(() => p.locator(".topbar .timer").textContent()).not.toContain("Paused");
    // The table's metrics and its outcome list fit the screen: nobody scrolls a projector.
    // Measured in the page in one step: a patch may redraw the list between finding it and measuring it.
    const outcome = await p.locator(".observer-panel .outcome").evaluate((el) => el.getBoundingClientRect());
    expect(outcome.height, "the outcome list is shown").toBeGreaterThan(0);
    expect(Math.round(outcome.bottom), "the outcome list's bottom at 1920×1080").toBeLessThanOrEqual(1080);
    await p.setViewportSize({ width: 1366, height: 768 });
    expect((await fac.facilitator({ type: "broadcast", text: long })).ok).toBe(true);
    await settled(p);
    const [map2, flash2] = [(await p.locator(".board-wrap").boundingBox())!, (await p.locator("#flash").boundingBox())!];
    expect(flash2.y, "the broadcast at 1366×768").toBeGreaterThanOrEqual(map2.y + map2.height / 2);
    await shot(p, "p09b-projector-negotiation-1366x768");
    // (The review below starts at 1366×768 and ends at 1920×1080.)
  }, STEP);

  it("the Table tab's plenary outgrows its box: the box scrolls, shows its newest line and follows the next, each line whole", async () => {
    const p = projector.page;
    await p.locator("#tab-table").click();
    const say = async (i: number) => expect((await fac.facilitator({ type: "broadcast", text: `Plenary line ${i}: ${"the room hears the loan terms once more. ".repeat(2 + (i % 3) * 2)}` })).ok).toBe(true);
    for (let i = 1; i <= 10; i++) await say(i);
    const log = p.locator(".observer-panel .messages");
    await poll(() => log.locator(".message").last().textContent()).toContain("Plenary line 10:");
    await settled(p);
    const look = () =>
      log.evaluate((ol) => ({
        outgrown: ol.scrollHeight > ol.clientHeight + 1,
        atEnd: ol.scrollHeight - ol.scrollTop - ol.clientHeight <= 2,
        last: ol.querySelector(".message:last-child .text")?.textContent?.slice(0, 16),
        // A line cut short (clamped to a few rows) shows less than it holds.
        cut: [...ol.querySelectorAll(".text")].filter((t) => t.scrollHeight > t.clientHeight + 1).length,
      }));
    await shot(p, "p09e-projector-plenary-1366x768");
    expect(await look()).toEqual({ outgrown: true, atEnd: true, last: "Plenary line 10:", cut: 0 });
    await say(11);
    await poll(look).toEqual({ outgrown: true, atEnd: true, last: "Plenary line 11:", cut: 0 });
  }, STEP);

  it("in the review the projector shows the round's outcome, targets met or missed, without scrolling, at 1920×1080 and 1366×768", async () => {
    const p = projector.page;
    expect((await fac.facilitator({ type: "advance", phase: "negotiation" })).ok).toBe(true);
    await poll(() => p.locator(".topbar .phase").textContent()).toBe("Round review");
    await p.locator("#tab-table").click();
    await p.locator(".observer-panel .proj-changed").waitFor();
    // Each cause as a room reads it: its amount, then words (not a second number: "+6.2 6 other
    // causes"), a deal by its kind and parties, never the code on a deal card ("A5CK: …").
    await poll(() => p.locator(".proj-causes li").count()).toBeGreaterThan(0);
    for (const cause of await p.locator(".proj-causes li").allTextContents()) {
      expect(cause).not.toMatch(/^[+−±][\d.]+ \d/);
      expect(dealIdsIn(cause), cause).toEqual([]);
    }
    for (const [width, height] of [
      [1366, 768],
      [1920, 1080],
    ] as const) {
      await p.setViewportSize({ width, height });
      await settled(p);
      await shot(p, `p09c-projector-review-${width}x${height}`);
      // The box as the room sees it: the page and the panel scrolled nowhere.
      const box = await p.evaluate(() => {
        const r = document.querySelector(".observer-panel .outcome")!.getBoundingClientRect();
        return { top: Math.round(r.top), bottom: Math.round(r.bottom), left: Math.round(r.left), right: Math.round(r.right), board: document.querySelector(".board-wrap")!.getBoundingClientRect().width };
      });
      const where = `the outcome at ${width}×${height}: ${JSON.stringify(box)}`;
      expect(box.top, where).toBeGreaterThanOrEqual(0);
      expect(box.left, where).toBeGreaterThanOrEqual(0);
      expect(box.bottom, where).toBeLessThanOrEqual(height);
      expect(box.right, where).toBeLessThanOrEqual(width);
      // Beside the board, which still takes most of the width.
      expect(box.board, where).toBeGreaterThan(width / 2);
    }
    // Its Review tab leads with the round's outcome too, above the table's changes, in view.
    await p.locator("#tab-review").click();
    await p.locator(".review-panel .outcome").waitFor();
    await settled(p);
    await shot(p, "p09d-projector-review-tab-1920x1080");
    const order = await p.evaluate(() => {
      const top = (sel: string) => Math.round(document.querySelector(sel)!.getBoundingClientRect().top);
      return { outcome: top(".review-panel .outcome"), table: top(".review-panel #rv-table"), bottom: Math.round(document.querySelector(".review-panel .outcome")!.getBoundingClientRect().bottom) };
    });
    expect(order.outcome, `the Review tab: ${JSON.stringify(order)}`).toBeLessThan(order.table);
    expect(order.bottom, `the Review tab: ${JSON.stringify(order)}`).toBeLessThanOrEqual(1080);
  }, STEP);

  it("the facilitator's console shows every seat of the thirteen under the round's pace, without scrolling, at 1366×768 and 1920×1080", async () => {
    const f = await person(browser, { width: 1366, height: 768 });
    await f.context.addInitScript(([c, key]) => localStorage.getItem(`chokepoint:game:${c}`) ?? localStorage.setItem(`chokepoint:game:${c}`, JSON.stringify({ facilitator: { key } })), [code, facKey] as const);
    await f.page.goto(`${server.url}/${code}`);
    await f.page.locator("#tab-console").click({ timeout: 60_000 });
    await f.page.locator("#con-part-overview").click();
    await poll(() => f.page.locator(".god-view tbody tr").count()).toBe(13);
    // The rows whose whole height the console's frame shows as it opens, scrolled nowhere.
    const inView = () =>
      f.page.evaluate(() => {
        const frame = document.querySelector("#god-h")!.closest(".tabpanel")!;
        frame.scrollTop = 0;
        const bottom = Math.min(frame.getBoundingClientRect().bottom, innerHeight);
        return [...document.querySelectorAll(".god-view tbody tr")].filter((r) => r.getBoundingClientRect().bottom <= bottom).length;
      });
    for (const [width, height, rows] of [
      [1366, 768, 9],
      [1920, 1080, 13],
    ] as const) {
      await f.page.setViewportSize({ width, height });
      await settled(f.page);
      await shot(f.page, `p09-console-seats-${width}x${height}`);
      expect(await inView(), `${width}×${height}`).toBeGreaterThanOrEqual(rows);
    }
    await f.context.close();
  }, STEP);

  it("game over: the projector's six tabs stay on one row; the facilitator's end screen makes the report its primary button", async () => {
    const p = projector.page;
    const f = await person(browser, { width: 1366, height: 768 });
    // The facilitator's browser keeps the key (no start page opened just to write it).
    await f.context.addInitScript(([c, key]) => localStorage.getItem(`chokepoint:game:${c}`) ?? localStorage.setItem(`chokepoint:game:${c}`, JSON.stringify({ facilitator: { key } })), [code, facKey] as const);
    await f.page.goto(`${server.url}/${code}`);
    await f.page.locator("#tab-console").waitFor({ timeout: 60_000 });
    // A broadcast just before the end: its notice leaves when the game is over, off the end screen's top.
    expect((await fac.facilitator({ type: "broadcast", text: "Last call: five minutes." })).ok).toBe(true);
    await poll(() => p.locator("#flash").textContent()).toContain("Last call");
    expect((await fac.facilitator({ type: "end-game" })).ok).toBe(true);
    await poll(() => p.locator(".topbar .phase").textContent()).toBe("Game over");
    // (At once: the notice would leave by itself twenty seconds after the broadcast.)
    expect(await p.locator("#flash").isVisible()).toBe(false);
    await settled(p);
    await shot(p, "p10-projector-end-1920x1080");
    expect(await tabRows(p)).toEqual({ rows: 1, tabs: expect.stringContaining("Game over") });
    // The facilitator's next step is the debrief: the report first and primary, "Play again" after it.
    await f.page.locator("#end-report").waitFor({ timeout: 30_000 });
    expect(await f.page.locator("#end-report").getAttribute("class")).toContain("primary");
    expect(await f.page.locator("#end-again").getAttribute("class")).not.toContain("primary");
    expect(await f.page.locator(".end-next > *").evaluateAll((els) => els.map((e) => e.id))).toEqual(["end-report", "end-again", "end-replay", "end-start"]);
    await shot(f.page, "p11-facilitator-end-1366x768");
    await f.context.close();
  }, STEP);

  it("in round 10 of 12 the top bar reads whole, paused too, on the projector (1920×1080, 1366×768) and a phone (390×844), in English and Chinese", async () => {
    const long = await createGame(server, { scenarioId: "alliance-2021", settings: { rounds: 12, eventSeconds: 600, negotiationSeconds: 1800, bots: true } });
    const chair = await conn.facilitator(server.url.replace(/^http/, "ws"), long.code, long.facilitatorKey);
    try {
      expect((await chair.facilitator({ type: "start" })).ok).toBe(true);
      // To round 10's negotiation, one phase at a time: rounds past the deck's years (after the
      // scenario's own six) have no card and open with the negotiation (docs/RULES.md §2).
      const at = () => `${chair.view().round}:${chair.view().phase}`;
      await poll(at).toBe("1:event");
      while (at() !== "10:negotiation") {
        const { round, phase } = chair.view() as { round: number; phase: "event" | "negotiation" | "review" };
        expect((await chair.facilitator({ type: "advance", phase, round })).ok, `round ${round}, ${phase}`).toBe(true);
        await poll(at).not.toBe(`${round}:${phase}`);
      }
      for (const lang of ["en", "zh-CN"] as const) {
        const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, deviceScaleFactor: 1, locale: lang === "en" ? "en-GB" : "zh-CN" });
        const p = await context.newPage();
        await p.emulateMedia({ reducedMotion: "reduce" });
        await p.goto(`${server.url}/${long.code}/watch?lang=${lang}`);
        await poll(() => p.locator(".topbar .round .long").textContent()).toBe(lang === "en" ? "Round 10 of 12" : "第 10 轮，共 12 轮");
        for (const paused of [false, true]) {
          if (paused) {
            expect((await chair.facilitator({ type: "pause" })).ok).toBe(true);
            await poll(() => p.locator(".topbar .timer").textContent()).toContain("❚❚");
          }
          for (const [width, height] of [
            [1920, 1080],
            [1366, 768],
            [390, 844],
          ] as const) {
            await p.setViewportSize({ width, height });
            await settled(p);
            await shot(p, `p12-bar-round-10-${lang}${paused ? "-paused" : ""}-${width}x${height}`);
            expect(await barProblems(p), `${lang}${paused ? ", paused" : ""}, at ${width}×${height}`).toEqual([]);
            // The room reads which scenario it plays, whole, where the bar names it (not on a laptop's or a phone's).
            if (width === 1920) expect(await barScenario(p), `${lang} at 1920×1080`).toEqual({ text: lang === "en" ? "Alliance 2021" : expect.any(String), whole: true });
          }
          if (paused) expect((await chair.facilitator({ type: "resume" })).ok).toBe(true);
        }
        await context.close();
      }
    } finally {
      await chair.leave().catch(() => {});
    }
  }, STEP);
});
