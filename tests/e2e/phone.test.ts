/**
 * Casual play by touch: a whole Play-now game on a 390×844 phone (touch, mobile) and on a
 * 1366×768 laptop, tapping only. On every screen: no horizontal scroll; every tap lands on
 * the element it aims at (elementFromPoint at the tap point); on the phone every tapped
 * target is at least 44 px; the clock and the ready button stay on screen while the page
 * scrolls, and the map keeps showing under that bar. The first-game guide leads the phone through a deal signed with a bot,
 * folded past its first step to 16% of the screen or less; the end screen survives a reload and offers play again, the report and
 * the replay, whose card and legend under the map fold as the game's do. axe-core finds
 * no serious or critical violation on the game screen, the console and the report. Two fingers
 * pinch the phone's map in and out. The maps of Alliance 2021 and Multipolar 2024 keep every
 * name whole, apart and clear of the buttons, with no two leader lines crossing, at 390×844,
 * 1366×768 and 1920×1080. The teaching kit's sources are links and its bar leads home. The phone's game runs beside the laptop's game and the maps (one after the other).
 * Screenshots of every phone screen go to test-results/e2e/phone-*.png (with E2E_SCREENSHOTS=1:
 * tests/e2e/harness.ts, shot).
 */
import { AxeBuilder } from "@axe-core/playwright";
import { describe, expect, it, type ExpectStatic } from "vitest";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { overflowReport, playNowRounds, readyAnyway, settled, shot, type RunningServer } from "./harness.ts";
import { browserPerFile } from "./browser-per-file.ts";
import { boardModel } from "../../client/model/board.ts";
import { createGame } from "../../shared/engine/setup.ts";
import { asSeat, clientView, scenario } from "../client/fixtures.ts";

let server: RunningServer;
let browser: Browser;
/**
 * The phone's tests and the laptop's run at the same time, so each uses its own test's
 * `expect` (from the test context): the device carries it into the helpers.
 */
const pollWith =
  (e: ExpectStatic) =>
  <T>(fn: () => T | Promise<T>, timeout = 20_000) =>
    e.poll(fn, { interval: 100, timeout });

type Device = { page: Page; context: BrowserContext; touch: boolean; name: string; errors: string[]; expect: ExpectStatic };

async function device(name: string, size: { width: number; height: number }, touch: boolean, locale = "en-GB"): Promise<Device> {
  const context = await browser.newContext({ viewport: size, deviceScaleFactor: 1, hasTouch: touch, isMobile: touch, locale });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => m.type() === "error" && !m.text().startsWith("Failed to load resource") && errors.push(m.text()));
  return { page, context, touch, name, errors, expect };
}

/** Taps the centre of `selector` after checking that this is where it really is, and big enough. */
async function tap(d: Device, selector: string) {
  const loc = d.page.locator(selector).first();
  await loc.waitFor({ state: "visible", timeout: 20_000 });
  // A person waits for a dimmed button (the ready button is, for a moment after it changes meaning).
  await pollWith(d.expect)(() => loc.isEnabled(), 20_000).toBe(true);
  // Into view, clear of the sticky top bar and the bottom tab bar. The page may redraw or
  // scroll between two looks (a bot moved, a picture loaded): look again, a frame later, until
  // the element is where the tap lands.
  let box: { x: number; y: number; width: number; height: number } | null = null;
  let hit = { ok: false, at: "nothing" };
  let x = 0;
  let y = 0;
  for (let i = 0; i < 20 && !hit.ok; i++) {
    if (i) await d.page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));
    await loc.evaluate((el) => {
      const r = el.getBoundingClientRect();
      if (r.top < 60 || r.bottom > window.innerHeight - 64) el.scrollIntoView({ block: "center" });
    });
    box = await loc.boundingBox();
    if (!box) continue;
    x = box.x + box.width / 2;
    y = box.y + box.height / 2;
    hit = await d.page.evaluate(
      ([sel, px, py]) => {
        const target = document.querySelector(sel as string);
        const at = document.elementFromPoint(px as number, py as number);
        return { ok: !!target && !!at && (target === at || target.contains(at)), at: at ? at.outerHTML.slice(0, 120) : "nothing" };
      },
      [selector, x, y] as const,
    );
  }
  if (!box) throw new Error(`${d.name}: ${selector} has no box`);
  d.expect(hit.ok, `${d.name}: a tap on ${selector} at (${Math.round(x)}, ${Math.round(y)}) lands on ${hit.at}`).toBe(true);
  if (d.touch) {
    d.expect(Math.min(box.width, box.height), `${d.name}: ${selector} is ${Math.round(box.width)}×${Math.round(box.height)} px`).toBeGreaterThanOrEqual(44);
    await d.page.touchscreen.tap(x, y);
  } else await d.page.mouse.click(x, y);
}

/** The first-game guide's height, as a share of the screen's. */
const guideShare = (d: Device) => d.page.locator(".guide").evaluate((el) => el.getBoundingClientRect().height / window.innerHeight);

async function noOverflow(d: Device, screen: string) {
  d.expect(await overflowReport(d.page), `${d.name}, ${screen}`).toEqual([]);
}

/** The clock and the ready button stay on screen, uncovered, with the page scrolled to its end. */
async function barStaysWhileScrolling(d: Device) {
  const seen = await d.page.evaluate(async () => {
    window.scrollTo(0, document.documentElement.scrollHeight);
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const scrolled = window.scrollY;
    const on = (sel: string) => {
      const el = document.querySelector(sel);
      if (!el) return `${sel} missing`;
      const r = el.getBoundingClientRect();
      const at = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      return r.top >= 0 && r.bottom <= window.innerHeight && r.width > 0 && at && (el === at || el.contains(at)) ? "ok" : `${sel} off screen or covered`;
    };
    const result = { scrolled, clock: on(".topbar .timer"), ready: on("#ready") };
    window.scrollTo(0, 0);
    return result;
  });
  d.expect(seen.scrolled, `${d.name}: the page scrolls`).toBeGreaterThan(0);
  d.expect([seen.clock, seen.ready]).toEqual(["ok", "ok"]);
}

/**
 * Rows of the map below the top bar where the screen shows nothing (transparent: white to the
 * eye), with the page scrolled so the bar covers the map's upper part. The canvas's own pixels
 * stayed right while the screen showed them blank, so this looks at a screenshot of the whole
 * viewport (one clipped to the map alone did not show the fault).
 */
async function blankMapRowsWhenScrolled(d: Device): Promise<{ rows: number; blank: number }> {
  const map = await d.page.evaluate(async () => {
    window.scrollTo(0, 120);
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const bar = document.querySelector(".topbar")!.getBoundingClientRect();
    const canvas = document.querySelector("#board canvas")!.getBoundingClientRect();
    return { top: Math.ceil(Math.max(bar.bottom, canvas.top)), bottom: Math.floor(Math.min(canvas.bottom, window.innerHeight)), left: Math.ceil(canvas.left), right: Math.floor(canvas.right) };
  });
  await screenshotInPage(d);
  await d.page.evaluate(() => window.scrollTo(0, 0));
  return d.page.evaluate((m) => {
    const { data, width } = (window as never as { shot: Shot }).shot;
    let blank = 0;
    for (let y = m.top; y < m.bottom; y++) {
      let drawn = false;
      for (let x = m.left; x < m.right && !drawn; x++) drawn = data[(y * width + x) * 4 + 3] === 255;
      if (!drawn) blank++;
    }
    return { rows: m.bottom - m.top, blank };
  }, map);
}

/** A screenshot's pixels. */
type Shot = { data: Uint8ClampedArray; width: number };

/** Takes a screenshot of the viewport and leaves its pixels in the page (`window.shot`), for a check to read there. */
async function screenshotInPage(d: Device) {
  const png = await d.page.screenshot();
  await d.page.evaluate(async (src) => {
    const img = new Image();
    img.src = src;
    await img.decode();
    const c = document.createElement("canvas");
    c.width = img.width;
    c.height = img.height;
    const g = c.getContext("2d")!;
    g.drawImage(img, 0, 0);
    (window as never as { shot: Shot }).shot = { data: g.getImageData(0, 0, c.width, c.height).data, width: c.width };
  }, `data:image/png;base64,${png.toString("base64")}`);
}

/**
 * Pixels of the top bar, where nothing is drawn on it, that are not the bar's own colour, with
 * the panel's words scrolled under the bar: a bar short of opaque let them show through.
 */
async function barSeeThrough(d: Device): Promise<{ checked: number; off: number }> {
  const bar = await d.page.evaluate(async () => {
    const el = document.querySelector<HTMLElement>(".topbar")!;
    // Room to scroll the panel's top under the bar however short the panel is now.
    document.body.style.paddingBottom = "100vh";
    window.scrollBy(0, document.getElementById("panel")!.getBoundingClientRect().top + 10);
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const r = el.getBoundingClientRect();
    // Columns of the bar with nothing on them, top to bottom (clear of the clock and the buttons).
    const xs: number[] = [];
    for (let x = 0; x < r.right; x++) {
      let clear = true;
      for (let y = Math.ceil(r.top) + 1; y < r.bottom - 1 && clear; y++) clear = document.elementFromPoint(x, y) === el;
      if (clear) xs.push(x);
    }
    // The bar's colour, as styles.css paints it on every screen.
    const probe = document.createElement("div");
    probe.style.background = "#1b2330";
    document.body.append(probe);
    const colour = getComputedStyle(probe).backgroundColor.match(/\d+/g)!.map(Number);
    probe.remove();
    const under = document.getElementById("panel")!.getBoundingClientRect().top <= r.top;
    return { xs, top: Math.ceil(r.top) + 1, bottom: Math.floor(r.bottom) - 1, colour, under };
  });
  d.expect(bar.under, "the panel scrolled under the bar").toBe(true);
  await screenshotInPage(d);
  await d.page.evaluate(() => {
    document.body.style.paddingBottom = "";
    window.scrollTo(0, 0);
  });
  return d.page.evaluate((b) => {
    const { data, width } = (window as never as { shot: Shot }).shot;
    let checked = 0;
    let off = 0;
    for (const x of b.xs)
      for (let y = b.top; y < b.bottom; y++) {
        const i = (y * width + x) * 4;
        checked++;
        if (data[i] !== b.colour[0] || data[i + 1] !== b.colour[1] || data[i + 2] !== b.colour[2]) off++;
      }
    return { checked, off };
  }, bar);
}

/** How far below the top bar (and a banner under it) the panel's top is, in CSS pixels. */
const panelBelowBar = (d: Device) =>
  d.page.evaluate(() => {
    const banner = document.querySelector<HTMLElement>(".banner");
    const covered = banner && !banner.hidden ? banner : document.querySelector(".topbar")!;
    return Math.round(document.getElementById("panel")!.getBoundingClientRect().top - covered.getBoundingClientRect().bottom);
  });

type MapLabel = { id: string; x: number; y: number; w: number; h: number };
const mapLabels = (p: Page) => p.evaluate(() => (window as unknown as { chokepointBoard: { labels(): MapLabel[] } }).chokepointBoard.labels());

/** Every map label that is cut by the canvas's edge, under the zoom buttons, on another label or crowding it, and every two leader lines that cross. */
async function mapLabelProblems(p: Page): Promise<string[]> {
  return p.evaluate(() => {
    const board_ = (window as unknown as { chokepointBoard: { labels(): MapLabel[]; screenOf(id: string): { x: number; y: number } | undefined } }).chokepointBoard;
    const labels = board_.labels();
    const board = document.querySelector("#board")!.getBoundingClientRect();
    const c = document.querySelector(".map-controls")!.getBoundingClientRect();
    const buttons = { x0: c.left - board.left, y0: c.top - board.top, x1: c.right - board.left, y1: c.bottom - board.top };
    const box = (l: MapLabel) => ({ x0: l.x - l.w / 2, y0: l.y - l.h / 2, x1: l.x + l.w / 2, y1: l.y + l.h / 2 });
    const meet = (a: ReturnType<typeof box>, b: ReturnType<typeof box>) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
    const out: string[] = [];
    for (const l of labels) {
      const r = box(l);
      if (r.x0 < 0 || r.y0 < 0 || r.x1 > board.width || r.y1 > board.height) out.push(`${l.id} cut by the edge`);
      if (meet(r, buttons)) out.push(`${l.id} under the zoom buttons`);
      for (const m of labels) if (m.id < l.id && meet(r, box(m))) out.push(`${l.id} on ${m.id}`);
      // Closer than a character's width side by side, or a third of a line above each other, two names read as one (client/model/labels.ts LABEL_GAP).
      for (const m of labels) {
        const s = box(m);
        const h = Math.max(l.h, m.h);
        if (m.id < l.id && !meet(r, s) && Math.max(r.x0, s.x0) - Math.min(r.x1, s.x1) < 0.7 * h - 0.5 && Math.max(r.y0, s.y0) - Math.min(r.y1, s.y1) < 0.35 * h - 0.5) out.push(`${l.id} crowds ${m.id}`);
      }
    }
    // A label away from its country points back with a line; two lines that cross read as a tangle.
    const lines = labels.flatMap((l) => {
      const at = board_.screenOf(l.id);
      return at && Math.hypot(l.x - at.x, l.y - at.y) > l.h ? [{ id: l.id, x0: at.x, y0: at.y, x1: l.x, y1: l.y }] : [];
    });
    const side = (s: (typeof lines)[number], x: number, y: number) => Math.sign((s.x1 - s.x0) * (y - s.y0) - (s.y1 - s.y0) * (x - s.x0));
    for (const a of lines) for (const b of lines) if (a.id < b.id && side(a, b.x0, b.y0) * side(a, b.x1, b.y1) < 0 && side(b, a.x0, a.y0) * side(b, a.x1, a.y1) < 0) out.push(`${a.id}'s line crosses ${b.id}'s`);
    return out;
  });
}

/** Tabs whose name breaks inside a word, or whose unread count wraps onto two lines ("Talk s", "1 0") or is cut off. */
async function brokenTabs(p: Page): Promise<string[]> {
  return p.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>(".tabs .tab")].flatMap((tab) => {
      const out: string[] = [];
      const text = [...tab.childNodes].find((n) => n.nodeType === Node.TEXT_NODE && n.textContent?.trim());
      if (text) {
        const range = document.createRange();
        range.selectNodeContents(text);
        const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
        const words = text.textContent!.trim().split(/\s+/).length;
        if (lines > words) out.push(`${tab.id}: "${text.textContent}" on ${lines} lines`);
      }
      const count = tab.querySelector<HTMLElement>(".count");
      if (count && count.getClientRects().length > 1) out.push(`${tab.id}: its count wraps`);
      if (count && count.getBoundingClientRect().right > tab.getBoundingClientRect().right + 0.5) out.push(`${tab.id}: its count is cut by the tab's edge`);
      if (count && count.getBoundingClientRect().height > parseFloat(getComputedStyle(count).lineHeight || "20") * 1.5) out.push(`${tab.id}: its count is ${Math.round(count.getBoundingClientRect().height)} px tall`);
      return out;
    }),
  );
}

const phase = (d: Device) => d.page.locator(".topbar .phase").textContent();
const round = (d: Device) => d.page.evaluate(() => document.querySelector(".topbar .round .long")?.textContent ?? "");

async function seriousViolations(p: Page, exclude: string[] = []): Promise<string[]> {
  let builder = new AxeBuilder({ page: p as never }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]);
  for (const e of exclude) builder = builder.exclude(e);
  const result = await builder.analyze();
  return result.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id} (${v.impact}): ${v.nodes.length}× e.g. ${v.nodes[0]?.target.join(" ")}`);
}

/**
 * Taps the ready button of the current phase and waits for the next phase. A negotiation ends
 * only when every bot is done too (each answers every offer naming it first), which on a loaded
 * machine can take a while.
 */
async function readyThrough(d: Device) {
  const before = `${await round(d)}:${await phase(d)}`;
  await readyAnyway(d.page, () => tap(d, "#ready"));
  await pollWith(d.expect)(async () => `${await round(d)}:${await phase(d)}`, PHASE_MS).not.toBe(before);
}
/** Bots done with a negotiation on a loaded machine (each of their moves is a tick of the server's clock). */
const PHASE_MS = 90_000;

/**
 * Play now from the start page, its game two rounds long instead of the scenario's four
 * (harness.ts, playNowRounds): round 1 is read step by step, round 2 is "ready" pressed through
 * to the end screen, as rounds 3 and 4 only were.
 */
async function playNow(d: Device, name: string) {
  const created = await playNowRounds(d.page, server.url, 2);
  await d.page.goto(server.url);
  await d.page.locator("#quick-name").fill(name);
  await tap(d, "#quick-play");
  await d.page.waitForURL(/\/[A-Z0-9]{6}$/, { timeout: 20_000 });
  await created();
  await pollWith(d.expect)(() => round(d)).toBe("Round 1 of 2");
  await pollWith(d.expect)(() => phase(d)).toBe("Event");
  return new URL(d.page.url()).pathname.slice(1);
}

describe("casual play by touch", () => {
  let phone: Device;
  let laptop: Device;
  let code = "";

  browserPerFile({ botDelayMs: 100 }, async (s, b) => {
    server = s;
    browser = b;
    phone = await device("phone 390×844", { width: 390, height: 844 }, true);
    laptop = await device("laptop 1366×768", { width: 1366, height: 768 }, false);
  });

  // The phone plays its game step by step while the laptop plays its own beside it.
  describe("on a phone", { concurrent: true }, () => {
    it("the start page fits a phone; a wrong code names the characters codes never use", { concurrent: false, timeout: 120_000 }, async ({ expect }) => {
      const poll = pollWith(expect);
      const d = phone;
      d.expect = expect;
      await d.page.goto(server.url);
      await d.page.locator("#quick-play").waitFor();
      await noOverflow(d, "start");
      await shot(d.page, "phone-01-start");
      await d.page.locator("#code").fill("ZZZZZ9");
      await tap(d, ".find-form button[type=submit]");
      await poll(() => d.page.locator(".find-form .status").textContent()).toContain("Game codes never use Z");
      await tap(d, "#start-how");
      await d.page.waitForURL(/\/how-to-play$/);
      await poll(() => d.page.locator(".howto-rules h2").count()).toBeGreaterThanOrEqual(9);
      await noOverflow(d, "how to play");
      await shot(d.page, "phone-02-how-to-play");
      // The teaching kit: its sources are links, and its bar has a way home.
      await d.page.goto(`${server.url}/teaching`);
      await poll(() => d.page.locator(".howto-rules h2").count()).toBeGreaterThanOrEqual(9);
      expect(await d.page.locator('.howto-rules a[href^="https://www.cnas.org/"]').count()).toBe(1);
      expect(await d.page.locator(".howto-rules").textContent()).not.toContain("<https");
      await noOverflow(d, "teaching kit");
      await shot(d.page, "phone-02-teaching");
      await tap(d, "#kit-home");
      await d.page.waitForURL(`${server.url}/`);
    });

    it("a first Play-now game: the guide leads through the event, a deal signed with a bot and the review", { concurrent: false, timeout: 120_000 }, async ({ expect }) => {
      const poll = pollWith(expect);
      const d = phone;
      d.expect = expect;
      code = await playNow(d, "Pat");
      await poll(() => d.page.locator(".guide").isVisible()).toBe(true);
      await poll(() => d.page.locator(".guide-text").textContent()).toContain("event");
      // Its first step reads whole, in less than a fifth of the screen.
      expect(await guideShare(d)).toBeLessThanOrEqual(0.2);
      await noOverflow(d, "event");
      // The folded legend shows that it opens.
      const marker = () => d.page.locator(".board-foot > summary").evaluate((s) => getComputedStyle(s, "::before").content);
      expect(await marker()).toMatch(/^"▶"/);
      await barStaysWhileScrolling(d);
      const scrolled = await blankMapRowsWhenScrolled(d);
      expect(scrolled.rows, "the map shows under the top bar").toBeGreaterThan(100);
      expect(scrolled.blank, `blank rows of the map on screen, the page scrolled`).toBe(0);
      // And the bar hides the words scrolled under it.
      const through = await barSeeThrough(d);
      expect(through.checked, "bare pixels of the top bar").toBeGreaterThan(1000);
      expect(through.off, "pixels of the top bar not its own colour, words under it").toBe(0);
      // The card's real date stands first, as a date, beside the round.
      expect(await d.page.locator(".event-strip .event-date").textContent()).toMatch(/\b(19|20)\d\d\b/);
      await shot(d.page, "phone-03-event");

      // "Go on": the only person has read it, bots never hold the phase. The event's clock is a
      // minute in Play now, so on a very busy machine it may have ended the phase already; a tap
      // meant for the event that lands after it is refused, and never ends the negotiation.
      if ((await phase(d)) === "Event") await tap(d, "#ready");
      await poll(() => phase(d)).toBe("Negotiation");
      // Past its first step the guide folds to two lines of its text beside "Details", over its
      // buttons: under 18% of the screen (15% here) (with a bot's offer it took 22%); "Details" shows the
      // rest and "Skip the guide".
      await poll(() => d.page.locator("#guide-propose").isVisible()).toBe(true);
      await settled(d.page);
      const folded = await guideShare(d);
      await d.page.locator(".guide").evaluate((el) => el.scrollIntoView({ block: "center" }));
      await shot(d.page, "phone-03b-guide-negotiation");
      expect(folded, `the guide takes ${(folded * 100).toFixed(1)}% of the screen`).toBeLessThanOrEqual(0.18);
      await tap(d, "#guide-fold");
      await poll(() => d.page.locator("#guide-skip").isVisible()).toBe(true);
      expect(await guideShare(d)).toBeGreaterThan(folded);
      await tap(d, "#guide-fold");
      await poll(() => d.page.locator("#guide-skip").isVisible()).toBe(false);
      await tap(d, "#guide-propose");
      await poll(() => d.page.locator("dialog.deal-builder[open]").count()).toBe(1);
      // Alone at a seat the player is every minister: the type reads as its name, which fits the phone's select.
      expect(await d.page.locator("#deal-type option:checked").textContent()).toBe("Investment screening pact");
      await tap(d, "label[for=deal-parties-JP]");
      // The preview reads as two worlds and their difference.
      await poll(() => d.page.locator(".builder-preview .preview-table thead").textContent()).toMatch(/With this deal.*Without it.*Difference/);
      await noOverflow(d, "deal builder");
      await shot(d.page, "phone-04-deal-builder");
      await tap(d, "#deal-submit");
      await poll(() => d.page.locator("dialog.deal-builder[open]").count()).toBe(0);
      // Japan's bot signs a pact that serves it; the guide moves on by itself.
      await poll(() => d.page.locator(".guide-text").textContent(), 30_000).toMatch(/Every party has signed|signed by every party/);
      await settled(d.page);
      if ((await d.page.locator(".guide-text").textContent())!.includes("new offers wait for your answer")) {
        // The bots' own offers already wait on the player: the guide says so. The proposal left the
        // Deals tab open, where they are: no button to open it; on another tab the button to them
        // shows, folded as small as at the step before.
        expect(await d.page.locator("#tab-deals").getAttribute("aria-selected")).toBe("true");
        expect(await d.page.locator("#guide-deals").count()).toBe(0);
        await tap(d, "#tab-world");
        await poll(() => d.page.locator("#guide-deals").isVisible()).toBe(true);
        await settled(d.page);
        const signedShare = await guideShare(d);
        expect(signedShare, `the guide takes ${(signedShare * 100).toFixed(1)}% of the screen`).toBeLessThanOrEqual(0.18);
      } else {
        const signedShare = await guideShare(d);
        // With nothing to press, folded it is a line of title and two of text: an eighth of the screen (it took 16%).
        expect(signedShare, `the guide takes ${(signedShare * 100).toFixed(1)}% of the screen`).toBeLessThanOrEqual(0.125);
      }

      // The panel's top a few pixels under the bar, as a scroll to it left it, with a sliver of
      // the event card showing above: a tab opens right under the bar, nothing peeking between.
      await d.page.evaluate(() => window.scrollBy(0, document.getElementById("panel")!.getBoundingClientRect().top - 60));
      for (const [tab, name] of [["deals", "deals"], ["talks", "talks"], ["world", "world"], ["country", "country"]] as const) {
        await tap(d, `#tab-${tab}`);
        await poll(() => d.page.locator(`#tab-${tab}`).getAttribute("aria-selected")).toBe("true");
        // Opened at its top: right under the bar, or lower with its top in the upper half of the screen.
        await poll(() => panelBelowBar(d).then((gap) => gap === 0 || (gap >= 16 && gap < 844 / 2))).toBe(true);
        await noOverflow(d, tab);
        await shot(d.page, `phone-05-${name}`);
        if (tab === "talks") {
          // The message field just above the tab bar, as the browser leaves it when it scrolls a
          // tapped field into view: focusing it brings Send into view above the bar too.
          await d.page.evaluate(() => {
            const bar = parseFloat(getComputedStyle(document.documentElement).getPropertyValue("--tabbar"));
            window.scrollBy(0, document.getElementById("chat-input")!.getBoundingClientRect().bottom - (innerHeight - bar - 8));
          });
          await d.page.locator("#chat-input").focus();
          await pollWith(d.expect)(() =>
            d.page.evaluate(() => {
              const send = document.getElementById("chat-send")!.getBoundingClientRect();
              return document.elementFromPoint(send.x + send.width / 2, send.y + send.height / 2)?.id ?? "";
            }),
          ).toBe("chat-send");
        }
      }
      // My country: the seat's brief, and glossary terms linked in the panel's text (not only on event cards).
      expect(await d.page.locator("#country-brief dt").allTextContents()).toEqual(["Interests", "Red lines", "First moves"]);
      expect(await d.page.locator("#panel .profile-text a.gloss").count()).toBeGreaterThan(0);
      await tap(d, "#tab-deals");
      await poll(() => d.page.locator("#panel .deal-signed").count()).toBeGreaterThan(0);
      // A deal card's reply line takes no room under its buttons until it says something.
      const silent = await d.page.locator("#panel .deal .status").evaluateAll((lines) => lines.filter((l) => !l.textContent).map((l) => l.getBoundingClientRect().height));
      expect(silent.length).toBeGreaterThan(0);
      expect(Math.max(...silent), "height of an empty reply line").toBe(0);
      // The deals signed this round, by id (a bot may have put an offer on the table first, so
      // the player's deal is not always A1): the review names them.
      const signed = (await d.page.locator("#panel .deal-signed").evaluateAll((cards) => cards.map((c) => c.getAttribute("aria-label")?.split(" ")[0]))).filter(Boolean) as string[];
      await barStaysWhileScrolling(d);

      await readyThrough(d); // "Done"
      expect(await phase(d)).toBe("Round review");
      await poll(() => d.page.locator(".guide-text").textContent()).toContain("review");
      await tap(d, "#tab-review");
      await poll(async () => {
        const review = (await d.page.locator("#panel").textContent()) ?? "";
        return signed.some((id) => new RegExp(`\\b${id}\\b`).test(review));
      }).toBe(true);
      await noOverflow(d, "review");
      // A change's row is a 44-px target with its words in the middle, not a blank band under them.
      // (A shown row: the panel may still hold another part's hidden rows while the review draws.)
      const summary = d.page.locator("#panel details > summary:visible").first();
      await summary.waitFor();
      const measure = () =>
        summary.evaluate((s) => {
          const box = s.getBoundingClientRect();
          const words = s.firstElementChild!.getBoundingClientRect();
          return { height: box.height, offCentre: Math.abs(words.top + words.height / 2 - (box.top + box.height / 2)) };
        });
      await poll(async () => (await measure()).height).toBeGreaterThanOrEqual(43.5);
      expect((await measure()).offCentre).toBeLessThanOrEqual(3);
      await shot(d.page, "phone-06-review");
      // Mid-game a halved score is provisional: the scoreboard does not say the table "missed its shared targets".
      const caption = (await d.page.locator("#panel table.scores caption").first().textContent()) ?? "";
      if (caption.includes("×")) expect(caption).toContain("for now");
      expect(caption).not.toContain("missed its shared targets");
      await readyThrough(d); // "Next"
      await tap(d, "#guide-close");
      await poll(() => d.page.locator(".guide").isHidden()).toBe(true);
    });

    it("axe finds no serious or critical violation on the game screen", { concurrent: false, timeout: 120_000 }, async ({ expect }) => {
      expect(await seriousViolations(phone.page)).toEqual([]);
    });

    it("two fingers pinch the map in and out about their midpoint; +, − and reset still work", { concurrent: false, timeout: 120_000 }, async ({ expect }) => {
      const poll = pollWith(expect);
      const d = phone;
      d.expect = expect;
      await d.page.evaluate(() => window.scrollTo(0, 0));
      const box = (await d.page.locator("#board canvas").boundingBox())!;
      const spread = () =>
        d.page.evaluate(() => {
          const b = (window as unknown as { chokepointBoard: { screenOf(id: string): { x: number; y: number } | undefined } }).chokepointBoard;
          const [a, c] = [b.screenOf("US"), b.screenOf("CN")];
          return a && c ? Math.hypot(a.x - c.x, a.y - c.y) : 0;
        });
      const cdp = await d.context.newCDPSession(d.page);
      const cx = box.x + box.width / 2;
      const cy = box.y + box.height / 2;
      const pinch = async (from: number, to: number) => {
        const at = (half: number) => [
          { x: cx - half, y: cy, id: 1 },
          { x: cx + half, y: cy, id: 2 },
        ];
        await cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: at(from) });
        for (let i = 1; i <= 8; i++) await cdp.send("Input.dispatchTouchEvent", { type: "touchMove", touchPoints: at(from + ((to - from) * i) / 8) });
        await cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
      };
      const tabBefore = await d.page.locator("[role=tab][aria-selected=true]").first().getAttribute("id");
      const fitted = await spread();
      expect(fitted).toBeGreaterThan(20);
      await pinch(25, 100); // fingers apart: four times closer
      await poll(spread).toBeGreaterThan(fitted * 2.5);
      const zoomed = await spread();
      // Zoomed in, a small country wholly out of view has no name on the map (kept inside the
      // view, such a name sat on another country).
      await poll(async () => {
        const seen = await d.page.evaluate(() => {
          const b = (window as unknown as { chokepointBoard: { labels(): { id: string }[]; screenOf(id: string): { x: number; y: number } | undefined } }).chokepointBoard;
          const canvas = document.querySelector("#board canvas")!.getBoundingClientRect();
          const far = (id: string) => {
            const at = b.screenOf(id)!;
            return at.x < -80 || at.y < -80 || at.x > canvas.width + 80 || at.y > canvas.height + 80;
          };
          const out = ["TW", "NL", "JP", "KE", "VN"].filter(far);
          return { out: out.length, named: b.labels().map((l) => l.id).filter((id) => out.includes(id)) };
        });
        return seen.out > 0 ? seen.named : ["no small country out of view"];
      }).toEqual([]);
      await pinch(100, 50); // together again: half as close
      await poll(spread).toBeLessThan(zoomed * 0.7);
      // A pinch is not a tap: no country was selected, the panel did not switch.
      expect(await d.page.locator("[role=tab][aria-selected=true]").first().getAttribute("id")).toBe(tabBefore);
      await tap(d, "#map-reset");
      await poll(spread).toBeCloseTo(fitted, 0);
      await tap(d, "#map-zoom-in");
      await poll(spread).toBeGreaterThan(fitted * 1.2);
      await tap(d, "#map-zoom-out");
      await poll(spread).toBeCloseTo(fitted, 0);
      await cdp.detach();
    });

    it("every country's name on the map is readable and tappable, upright and on its side", { concurrent: false, timeout: 120_000 }, async ({ expect }) => {
      const poll = pollWith(expect);
      const d = phone;
      d.expect = expect;
      await d.page.evaluate(() => window.scrollTo(0, 0));
      await tap(d, "#map-reset");
      for (const size of [{ width: 390, height: 844 }, { width: 844, height: 390 }, { width: 390, height: 844 }]) {
        await d.page.setViewportSize(size);
        await settled(d.page);
        const where = `${size.width}×${size.height}`;
        // The classroom scenario's nine countries, every name whole on the canvas, apart, clear of the buttons.
        await poll(() => mapLabelProblems(d.page), 10_000).toEqual([]);
        expect((await mapLabels(d.page)).map((l) => l.id).sort(), where).toEqual(["CN", "ID", "IN", "JP", "KE", "NL", "TW", "US", "VN"]);
        const board = (await d.page.locator("#board").boundingBox())!;
        expect(board.height, `${where}: the map's height`).toBeGreaterThan(size.height > size.width ? 300 : 250);
        await noOverflow(d, `map at ${where}`);
        await shot(d.page, `phone-map-${where}`);
      }
      // A tap on Taiwan's name (an island too small to hit) opens Taiwan.
      const tw = (await mapLabels(d.page)).find((l) => l.id === "TW")!;
      const canvas = (await d.page.locator("#board canvas").boundingBox())!;
      await d.page.touchscreen.tap(canvas.x + tw.x, canvas.y + tw.y);
      await poll(() => d.page.locator("dialog.profile[open] #profile-title").textContent()).toBe("Taiwan");
      await tap(d, "#profile-close");
      await poll(() => d.page.locator("dialog.profile[open]").count()).toBe(0);
      // A regime's label ("Chips 65%", drawn over the names) sits above China, under Taiwan's and
      // Japan's names: every name moves clear of it, and a second regime's label on China sits
      // clear of the first. The map is drawn from a view with those regimes (the game's next view
      // draws it again without).
      const fenced = { ...boardModel(clientView(createGame({ scenario, settings: { seed: "fence" } }), asSeat("NL"))) };
      fenced.fences = [
        { id: "A11", target: "CN", sector: "semis", sectorLabel: "Chips", members: ["NL", "JP", "US"], strength: 0.65, ring: 0 },
        { id: "A12", target: "CN", sector: "semis", sectorLabel: "Chips", members: ["IN", "VN"], strength: 0.32, ring: 1 },
      ];
      const underMarks = () =>
        d.page.evaluate(
          (model) =>
            new Promise<{ marks: number; under: string[]; marksApart: boolean }>((done) => {
              const b = (window as unknown as { chokepointBoard: { update(m: unknown): void; labels(): MapLabel[]; marks(): { x0: number; y0: number; x1: number; y1: number }[] } }).chokepointBoard;
              b.update(model);
              requestAnimationFrame(() =>
                requestAnimationFrame(() => {
                  const marks = b.marks();
                  const under = b.labels().filter((l) => marks.some((m) => l.x - l.w / 2 < m.x1 && m.x0 < l.x + l.w / 2 && l.y - l.h / 2 < m.y1 && m.y0 < l.y + l.h / 2));
                  const apart = marks.every((m, i) => marks.every((o, j) => j <= i || m.x1 <= o.x0 || o.x1 <= m.x0 || m.y1 <= o.y0 || o.y1 <= m.y0));
                  done({ marks: marks.length, under: under.map((l) => l.id), marksApart: apart });
                }),
              );
            }),
          fenced,
        );
      await poll(underMarks, 10_000).toEqual({ marks: 2, under: [], marksApart: true });
    });

    it("the rest of the game by taps alone; the end screen offers what comes next and survives a reload", { concurrent: false, timeout: 420_000 }, async ({ expect }) => {
      const poll = pollWith(expect);
      const d = phone;
      d.expect = expect;
      while ((await phase(d)) !== "Game over") await readyThrough(d);
      await poll(() => d.page.locator("#end-title").isVisible()).toBe(true);
      await noOverflow(d, "end");
      // The bar as a long game leaves it: a two-digit count of unread messages beside "Talks".
      await d.page.evaluate(() => {
        const tab = document.getElementById("tab-talks")!;
        const count = tab.querySelector(".count") ?? tab.appendChild(Object.assign(document.createElement("span"), { className: "count" }));
        count.textContent = "10";
      });
      expect(await brokenTabs(d.page)).toEqual([]);
      await d.page.locator("#panel").evaluate((el) => el.scrollIntoView({ block: "start" }));
      await shot(d.page, "phone-07-end");
      for (const id of ["#end-again", "#end-report", "#end-replay", "#end-start", ".result-card img"]) expect(await d.page.locator(id).count(), id).toBe(1);

      await d.page.reload();
      await poll(() => d.page.locator("#end-title").isVisible()).toBe(true);
      await noOverflow(d, "end after a reload");
      const board = await d.page.locator("#board canvas").boundingBox();
      expect(board && board.width >= 380 && board.height >= 200, `the map after a reload: ${JSON.stringify(board)}`).toBe(true);
      await shot(d.page, "phone-08-end-after-reload");
      await d.page.locator(".result-card").evaluate((el) => el.scrollIntoView({ block: "center" }));
      await shot(d.page, "phone-08-result-card");

      const report = await d.page.locator("#end-report").getAttribute("href");
      await tap(d, "#end-replay");
      await d.page.waitForURL(/\/replay$/);
      await poll(() => d.page.locator("#replay-slider").count()).toBe(1);
      await noOverflow(d, "replay");
      // No keyboard shortcuts offered to a phone's finger.
      expect(await d.page.locator(".replay .keys-hint").count()).toBe(1);
      expect(await d.page.locator(".replay .keys-hint").isVisible()).toBe(false);
      await shot(d.page, "phone-09-replay");
      // The frame's card under the map folds to its title, as the game's does, and stays folded from frame to frame.
      const strip = () => d.page.locator(".replay .event-strip").evaluate((el) => ({ height: Math.round(el.getBoundingClientRect().height), textHidden: (el.querySelector("p") as HTMLElement).hidden }));
      const whole = await strip();
      expect(whole.textHidden).toBe(false);
      await tap(d, "#replay-event-fold");
      await poll(() => d.page.locator("#replay-event-fold").getAttribute("aria-expanded")).toBe("false");
      const folded = await strip();
      expect(folded.textHidden).toBe(true);
      expect(folded.height, `the card ${whole.height} px whole, ${folded.height} px folded`).toBeLessThan(whole.height - 30);
      await shot(d.page, "phone-09b-replay-folded");
      await tap(d, "#replay-prev");
      await poll(() => d.page.locator("#replay-event-fold").getAttribute("aria-expanded")).toBe("false");
      await tap(d, "#replay-event-fold");
      await poll(async () => (await strip()).textHidden).toBe(false);
      // Its legend folds to one line under the map, as the game's does, and opens on a tap.
      const legend = () =>
        d.page.locator(".replay .board-foot").evaluate((el) => ({ open: (el as HTMLDetailsElement).open, height: Math.round(el.getBoundingClientRect().height), shown: (el.querySelector(".legend li") as HTMLElement).checkVisibility() }));
      const shut = await legend();
      expect(shut).toMatchObject({ open: false, shown: false });
      expect(shut.height, `the folded legend takes ${shut.height} px of 844`).toBeLessThanOrEqual(52);
      await tap(d, ".replay .board-foot > summary");
      await poll(async () => (await legend()).open).toBe(true);
      const opened = await legend();
      expect(opened.shown).toBe(true);
      expect(opened.height, `the legend ${shut.height} px folded, ${opened.height} px open`).toBeGreaterThan(shut.height + 20);
      await d.page.locator(".replay .board-foot").evaluate((el) => el.scrollIntoView({ block: "center" }));
      await shot(d.page, "phone-09c-replay-legend-open");

      await d.page.goto(`${server.url}${report}`);
      await d.page.locator("h1").first().waitFor();
      await noOverflow(d, "report");
      await shot(d.page, "phone-10-report");
      expect(await seriousViolations(d.page)).toEqual([]);
    });

    it("a /CODE link shows that game's join form, nothing else", { concurrent: false, timeout: 120_000 }, async ({ expect }) => {
      const poll = pollWith(expect);
      const other = await device("phone, a friend", { width: 390, height: 844 }, true);
      other.expect = expect;
      await other.page.goto(`${server.url}/${code}`);
      await poll(() => other.page.locator(".find-form .status").textContent()).toContain("Classroom quick start 2023");
      expect(await other.page.locator("#quick-play, #scenario").count()).toBe(0);
      await noOverflow(other, "join");
      await shot(other.page, "phone-11-join");
      // The way to the start page, beside the How-to-play button, is as easy to tap (it was 20 px tall).
      await tap(other, "#start-home");
      await other.page.waitForURL(`${server.url}/`);
      await other.context.close();
    });

    it("play again: a new game with the same settings, the same seat, and no guide", { concurrent: false, timeout: 120_000 }, async ({ expect }) => {
      const poll = pollWith(expect);
      const d = phone;
      d.expect = expect;
      await d.page.goto(`${server.url}/${code}`);
      // The end screen comes once the page has loaded and rejoined: slow on a loaded machine (over 20 s at load average 30).
      await d.page.locator("#end-again").waitFor({ timeout: 60_000 });
      await tap(d, "#end-again");
      await poll(() => new URL(d.page.url()).pathname.slice(1)).not.toBe(code);
      await poll(() => phase(d)).toBe("Event");
      expect(await d.page.locator(".topbar .who").textContent()).toContain("Pat · United States");
      expect(await d.page.locator(".guide").isHidden()).toBe(true);
      expect(d.errors).toEqual([]);
    });
  });

  // Beside the phone's game, one after the other: the laptop's game, then the maps (their own browsers).
  describe("on a laptop, then the maps at every size", { concurrent: true }, () => {
    it("a whole game on a laptop by clicks alone; the guide can be skipped; the end screen after a reload; the console passes axe", { concurrent: false, timeout: 420_000 }, async ({ expect }) => {
      const poll = pollWith(expect);
      const d = laptop;
      d.expect = expect;
      const game = await playNow(d, "Lee");
      // The event card rises whole onto the board's foot, even when the board changes size as it
      // rises (a page still laying itself out: a card tweened to the first height stayed below the
      // board, unseen).
      const card = () =>
        d.page.evaluate(() => {
          const card = (window as unknown as { chokepointBoard?: { eventCard(): { y: number; h: number } | undefined } }).chokepointBoard?.eventCard();
          const board = document.querySelector("#board")!.getBoundingClientRect();
          return card ? Math.round(board.height - (card.y + card.h)) : "no card";
        });
      await poll(card).not.toBe("no card");
      await d.page.setViewportSize({ width: 1366, height: 640 });
      await poll(card).toBe(12);
      await d.page.setViewportSize({ width: 1366, height: 768 });
      await tap(d, "#guide-skip");
      await poll(() => d.page.locator(".guide").isHidden()).toBe(true);
      await noOverflow(d, "event");
      for (const tab of ["talks", "deals", "world", "country"]) {
        await tap(d, `#tab-${tab}`);
        await noOverflow(d, tab);
      }
      while ((await phase(d)) !== "Game over") await readyThrough(d);
      await poll(() => d.page.locator("#end-title").isVisible()).toBe(true);
      await noOverflow(d, "end");

      // The same browser created the game, so after a reload it may open it as the facilitator:
      // the end screen again, and the console.
      await d.page.evaluate((c) => sessionStorage.setItem(`chokepoint:tab:${c}`, "facilitator"), game);
      await d.page.reload();
      await poll(() => d.page.locator("#end-title").isVisible()).toBe(true);
      await noOverflow(d, "end after a reload");
      await shot(d.page, "laptop-end-after-reload");
      await tap(d, "#tab-console");
      await poll(() => d.page.locator("#panel").textContent()).toContain("United States");
      expect(await seriousViolations(d.page)).toEqual([]);

      // The replay on the laptop shows its legend open; on a phone (below) its bar holds one line (the frame shows under the board).
      await d.page.goto(`${server.url}/${game}/replay`);
      await poll(() => d.page.locator(".replay .legend li").first().isVisible()).toBe(true);
      expect(await d.page.locator(".replay .board-foot").evaluate((el) => (el as HTMLDetailsElement).open)).toBe(true);
      await d.page.setViewportSize({ width: 390, height: 844 });
      await d.page.goto(`${server.url}/${game}/replay`);
      await poll(() => d.page.locator("#replay-slider").count()).toBe(1);
      expect(await d.page.evaluate(() => document.querySelector(".topbar")!.getBoundingClientRect().height)).toBeLessThanOrEqual(53);
      await noOverflow(d, "replay");
      await shot(d.page, "phone-replay");
      expect(d.errors).toEqual([]);
    });

    it("the Alliance 2021 and Multipolar 2024 maps in English and in Chinese: every name whole, apart, clear of the buttons, and no two leader lines cross, on a phone, a laptop and a big screen", { concurrent: false, timeout: 240_000 }, async ({ expect }) => {
      const poll = pollWith(expect);
      // Each map is loaded at every size and in both languages: one game of each scenario per
      // device, opened in English where it was made and again in Chinese (?lang=, as the
      // language switch's reload does); the laptop's window is then made a big screen's, or the
      // big screen's a laptop's, as a resized window relays the names.
      const look = async (d: Device, scenario: string, locale: string) => {
        const { width, height } = d.page.viewportSize()!;
        // A page's load, or a resized board's, is slow on a loaded machine: wait as long as a page's load.
        await poll(async () => ((await d.page.evaluate(() => !!(window as unknown as { chokepointBoard?: unknown }).chokepointBoard)) ? (await mapLabels(d.page)).length : 0), 60_000).toBeGreaterThan(10);
        expect(await d.page.evaluate(() => document.documentElement.lang)).toBe(locale === "zh-CN" ? "zh-CN" : "en");
        await settled(d.page);
        await poll(() => mapLabelProblems(d.page), 10_000).toEqual([]);
        await shot(d.page, `map-${scenario}-${locale}-${width}x${height}`);
      };
      for (const [size, touch, sizes] of [
        [{ width: 390, height: 844 }, true, [[390, 844]]],
        [{ width: 1366, height: 768 }, false, [[1366, 768], [1920, 1080]]],
      ] as const) {
        const d = await device(`${size.width}×${size.height}`, size, touch);
        d.expect = expect;
        for (const scenario of ["alliance-2021", "multipolar-2024"]) {
          await d.page.goto(server.url);
          await poll(() => d.page.locator("#scenario option").count()).toBeGreaterThan(0);
          await d.page.locator("#scenario").selectOption(scenario);
          await d.page.locator("form:has(#scenario) button[type=submit]").click();
          await d.page.locator("#key-continue").click();
          await d.page.waitForURL(/\/[A-Z0-9]{6}$/, { timeout: 20_000 });
          const game = d.page.url();
          for (const locale of ["en-GB", "zh-CN"]) {
            if (locale !== "en-GB") await d.page.goto(`${game}?lang=${locale}`);
            // English: as made, then resized; Chinese: loaded at the last size, then resized back.
            for (const [width, height] of locale === "en-GB" ? sizes : [...sizes].reverse()) {
              if (width !== d.page.viewportSize()!.width) {
                // The board relays its names a frame or more after the resize: wait until they
                // have moved, or the checks below would pass on the old size's layout.
                const before = JSON.stringify(await mapLabels(d.page));
                await d.page.setViewportSize({ width, height });
                await poll(async () => JSON.stringify(await mapLabels(d.page)), 60_000).not.toBe(before);
              }
              await look(d, scenario, locale);
            }
          }
        }
        await d.context.close();
      }
    });

  });
});
