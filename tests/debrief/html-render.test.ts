/**
 * The HTML report in a real browser (Debian's Chromium through playwright-core): every chart
 * draws with the inlined Chart.js and no script error, nothing is fetched from outside, and the
 * printed PDF shows every chart as an image that fits the page (a canvas can clip in print).
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analysisOf, analyze, setupOf } from "../../server/debrief/analysis.ts";
import { renderReportHtml, reportCsp } from "../../server/debrief/report-html.ts";
import { englishWords, wordsFor } from "../../server/debrief/words.ts";
import { inLanguage } from "../../server/debrief/routes.ts";
import { buildReport } from "../../server/debrief/report.ts";
import { scriptedGame, SETTINGS } from "./fixtures.ts";

const CHROMIUM = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].filter(Boolean).find((p) => existsSync(p!));
const FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"];

let browser: Browser;
const dir = mkdtempSync(join(tmpdir(), "chokepoint-report-"));
const file = join(dir, "report.html");
let chinese: string;
let chinesePolicy: string;
/** The countries' secret objectives, as each report states them. */
const secrets = { en: [] as string[], zh: [] as string[] };
const CJK = /[\u4e00-\u9fff]/;
const WRITTEN = "谢谢您！欢迎王芳来台南科学园区。";

beforeAll(async () => {
  if (!CHROMIUM) throw new Error("Chromium is not installed: `apt-get install chromium` (.ci/run does) or set CHROMIUM_PATH.");
  const g = scriptedGame();
  const record = { code: "ACDEFG", scenario: g.setup.scenario, settings: SETTINGS, seed: "11", keyHash: "", createdAt: Date.now() - 3_600_000, finishedAt: Date.now() };
  const log = g.log.map((action) => ({ action, at: Date.now() }));
  writeFileSync(file, renderReportHtml(buildReport(record, analyze(setupOf(record), log), "facilitator"), englishWords(record.scenario)));
  const zh = inLanguage(record, "zh-CN");
  // A player writes in Chinese, with characters the catalog never uses (the shipped subset lacks them).
  const written = log.map((l) => (l.action.move.type === "chat" && l.action.move.channel === "plenary" ? { ...l, action: { ...l.action, move: { ...l.action.move, text: WRITTEN } } } : l));
  const zhWords = await wordsFor("zh-CN", zh.scenario);
  chinese = renderReportHtml(buildReport(zh, analysisOf(zh, written, "zh-CN"), "facilitator"), zhWords);
  chinesePolicy = reportCsp(zhWords);
  secrets.en = record.scenario.countries.map((c) => c.secret.text);
  secrets.zh = zh.scenario.countries.map((c) => c.secret.text);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
});

afterAll(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("the HTML report in Chromium", () => {
  it("draws every chart offline, without errors, and prints every chart whole", async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    const errors: string[] = [];
    const requests: string[] = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
    page.on("request", (r) => !r.url().startsWith("file:") && !r.url().startsWith("data:") && requests.push(r.url()));
    // The page is read and scrolled before its charts are drawn: drawing them all first held it still for seconds.
    await page.addInitScript(() =>
      document.addEventListener("DOMContentLoaded", () => {
        const w = window as unknown as { Chart?: { instances: object }; chartsAtLoad?: number };
        w.chartsAtLoad = Object.keys(w.Chart?.instances ?? { none: 1 }).length;
      }),
    );
    await page.goto(`file://${file}`);
    await page.waitForSelector("body[data-charts-ready]", { timeout: 20_000 });
    expect(await page.evaluate(() => (window as unknown as { chartsAtLoad?: number }).chartsAtLoad), "charts drawn when the page's text was ready").toBe(0);
    const canvases = await page.locator("canvas[data-chart]").count();
    // The table, five metrics across countries, one small chart per country.
    expect(canvases).toBe(1 + 5 + 9);
    expect(await page.getAttribute("body", "data-charts-ready")).toBe(String(canvases));
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);

    // A metric's chart across countries spans the data in tens (a small change shows), not always 0–100.
    const spans = await page.$$eval("canvas[data-chart=metric]", (list) =>
      list.map((c) => {
        const chart = (window as unknown as { Chart: { getChart(c: Element): { scales: { y: { min: number; max: number } }; data: { datasets: { data: (number | null)[] }[] } } } }).Chart.getChart(c)!;
        const values = chart.data.datasets.flatMap((d) => d.data).filter((v): v is number => typeof v === "number");
        return { min: chart.scales.y.min, max: chart.scales.y.max, low: Math.min(...values), high: Math.max(...values) };
      }),
    );
    expect(spans.length).toBe(5);
    for (const s of spans) {
      expect(s.min).toBeLessThanOrEqual(s.low);
      expect(s.max).toBeGreaterThanOrEqual(s.high);
      expect(s.min % 10).toBe(0);
      expect(s.max % 10).toBe(0);
    }
    expect(spans.some((s) => s.max - s.min < 100)).toBe(true);

    // Charts have ink: some pixels of every canvas differ from the background.
    const inked = await page.$$eval("canvas[data-chart]", (list) =>
      list.map((c) => {
        const canvas = c as HTMLCanvasElement;
        const data = canvas.getContext("2d")!.getImageData(0, 0, canvas.width, canvas.height).data;
        let n = 0;
        for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) n++;
        return n / (data.length / 4);
      }),
    );
    for (const share of inked) expect(share).toBeGreaterThan(0.01);
    // Each chart says what it plots in its caption, level above it: no axis title on its side (Chinese on its side is hard to read).
    expect(await page.evaluate(() => Object.values((window as unknown as { Chart: { instances: Record<string, { options: { scales: { y: { title?: { display?: boolean } } } } }> } }).Chart.instances).filter((c) => c.options.scales.y.title?.display).length)).toBe(0);
    const above = await page.$$eval("figure.chart", (figs) => figs.map((f) => f.querySelector("figcaption")!.getBoundingClientRect().bottom <= f.querySelector("canvas")!.getBoundingClientRect().top + 1));
    expect(above).toEqual(Array(canvases).fill(true));

    // In print, canvases give way to images of themselves that fit the page width.
    await page.emulateMedia({ media: "print" });
    const printed = await page.$$eval("img.print-copy", (imgs) =>
      imgs.map((i) => {
        const img = i as HTMLImageElement;
        const box = img.getBoundingClientRect();
        return { loaded: img.complete && img.naturalWidth > 0, width: box.width, height: box.height, right: box.right, page: document.documentElement.clientWidth };
      }),
    );
    expect(printed).toHaveLength(canvases);
    for (const p of printed) {
      expect(p.loaded).toBe(true);
      expect(p.height).toBeGreaterThan(50);
      expect(p.right).toBeLessThanOrEqual(p.page + 0.5);
    }
    expect(await page.locator("canvas[data-chart]").first().isVisible()).toBe(false);

    const pdf = await page.pdf({ format: "A4", printBackground: true });
    const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    expect(pages).toBeGreaterThan(8);
    expect(pages).toBeLessThan(40);
    await page.close();
  });

  it("prints a handout of a few pages: the outcome, the scores and the debrief questions, without the rest of the record", async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    await page.goto(`file://${file}`);
    await page.waitForSelector("body[data-charts-ready]", { timeout: 20_000 });
    const pagesOf = (pdf: Buffer) => (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    await page.emulateMedia({ media: "print" });
    const whole = pagesOf(await page.pdf({ format: "A4", printBackground: true }));
    expect(await page.locator("#print-handout").isVisible()).toBe(false);
    // What the button does before it asks the browser to print.
    await page.evaluate(() => document.documentElement.classList.add("handout"));
    const shown = await page.$$eval("main > section", (list) => list.filter((x) => (x as HTMLElement).offsetParent !== null).map((x) => x.id));
    expect(shown).toEqual(["outcome", "questions"]);
    // Its two parts unnumbered (they read "1." and "8." as if pages were missing), without the
    // record's seed, count of actions and settings, which mean nothing to a class.
    const marks = await page.$$eval("main > section > h2", (list) => list.filter((x) => (x as HTMLElement).offsetParent !== null).map((x) => getComputedStyle(x, "::before").content));
    expect(marks).toEqual(["none", "none"]);
    expect(await page.locator("header .fact-record").count()).toBe(1);
    expect(await page.locator("header .fact-record").isVisible()).toBe(false);
    expect(await page.locator("header .fact-settings").isVisible()).toBe(false);
    // Its tables fit an A4 page's width between the margins (186 mm, 703 CSS pixels): the scores' were 967 px wide.
    await page.setViewportSize({ width: 703, height: 900 });
    const wide = await page.$$eval("table", (list) => list.filter((x) => (x as HTMLElement).offsetParent !== null).map((x) => ({ table: x.className, width: x.getBoundingClientRect().width, page: document.documentElement.clientWidth })));
    expect(wide.length).toBeGreaterThan(0);
    for (const w of wide) expect(w.width, JSON.stringify(w)).toBeLessThanOrEqual(w.page + 0.5);
    await page.setViewportSize({ width: 1200, height: 900 });
    const handout = pagesOf(await page.pdf({ format: "A4", printBackground: true }));
    expect(handout).toBeLessThanOrEqual(4);
    expect(handout).toBeLessThan(whole / 2);
    // On screen the button is there, and printing is over once the browser says so.
    await page.emulateMedia({ media: "screen" });
    await page.evaluate(() => window.dispatchEvent(new Event("afterprint")));
    expect(await page.locator("#print-handout").isVisible()).toBe(true);
    expect(await page.evaluate(() => document.documentElement.classList.contains("handout"))).toBe(false);
    // The whole report numbers its parts in order, the appendix apart.
    expect(await page.locator("#questions > h2").textContent()).toBe("Debrief questions");
    expect(await page.$eval("#questions > h2", (x) => getComputedStyle(x, "::before").content)).toMatch(/^counter\(part\)/);
    expect(await page.$eval("#numbers > h2", (x) => getComputedStyle(x, "::before").content)).toBe("none");
    expect(await page.locator("header .fact-record").isVisible()).toBe(true);
    await page.close();
  });

  it("timeline filters hide and show kinds of entries on screen", async () => {
    const page = await browser.newPage();
    await page.goto(`file://${file}`);
    await page.waitForSelector("body[data-charts-ready]");
    const deals = page.locator('.entry[data-kind="agreement"]');
    const total = await deals.count();
    expect(total).toBeGreaterThan(10);
    await page.locator('.filters input[data-kind="agreement"]').uncheck();
    expect(await page.locator('.entry[data-kind="agreement"]:visible').count()).toBe(0);
    expect(await page.locator('.entry[data-kind="inject"]:visible').count()).toBe(2);
    await page.locator('.filters input[data-kind="agreement"]').check();
    expect(await page.locator('.entry[data-kind="agreement"]:visible').count()).toBe(total);
    await page.close();
  });

  it("draws Chinese with the client's font, carried inside, on a machine without a Chinese font", async () => {
    // Served as the server serves it: under its Content-Security-Policy, nothing from outside.
    const context = await browser.newContext({ locale: "zh-CN", viewport: { width: 1200, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
    await page.route("http://report.test/**", (route) => route.fulfill({ contentType: "text/html", headers: { "content-security-policy": chinesePolicy }, body: chinese }));
    await page.goto("http://report.test/report.html");
    await page.waitForSelector("body[data-charts-ready]", { timeout: 20_000 });
    expect(await page.locator("h1").textContent()).toMatch(CJK);
    // Its parts are numbered with digits: a counter's Chinese numerals are not in the page's text,
    // so the font carried inside would lack them (boxes on a machine without a Chinese font).
    expect(await page.$eval("#questions > h2", (x) => getComputedStyle(x, "::before").content)).toBe('counter(part) ". "');
    // The phases' clocks in the unit a reader expects: seconds under two minutes, not "0.3 分钟".
    expect(chinese).toContain("各阶段时长：事件 20 秒、谈判 5 分钟、回顾 1 分钟");
    // The fonts Chromium drew each text with: the shipped subset, never a fallback's empty boxes.
    const cdp = await context.newCDPSession(page);
    await cdp.send("DOM.enable");
    await cdp.send("CSS.enable");
    const { root } = await cdp.send("DOM.getDocument", { depth: -1 });
    const { nodeIds } = await cdp.send("DOM.querySelectorAll", { nodeId: root.nodeId, selector: "h1, h2, h3, th, strong, .lede, figcaption, .toc a, .kicker, ol.chat li" });
    const boxes: string[] = [];
    let checked = 0;
    for (const nodeId of nodeIds) {
      const { outerHTML } = await cdp.send("DOM.getOuterHTML", { nodeId });
      const cjk = [...outerHTML.replace(/<[^>]*>/g, "")].filter((ch) => CJK.test(ch)).length;
      if (!cjk) continue;
      checked++;
      const { fonts } = await cdp.send("CSS.getPlatformFontsForNode", { nodeId });
      const drawn = fonts.filter((f) => /Noto Sans SC/.test(f.familyName)).reduce((n, f) => n + f.glyphCount, 0);
      if (drawn < cjk) boxes.push(`${outerHTML.slice(0, 80)}: ${JSON.stringify(fonts)}`);
    }
    expect(checked).toBeGreaterThan(50);
    expect(boxes).toEqual([]);
    // What the player wrote, in the whole font's slices carried inside for it.
    expect(await page.locator("ol.chat li", { hasText: WRITTEN }).count()).toBeGreaterThan(0);
    // The charts drew their Chinese words once the font was there.
    expect(await page.evaluate(() => [...document.fonts].filter((f) => f.family.includes("Noto Sans SC")).map((f) => f.status))).not.toContain("unloaded");
    expect(errors).toEqual([]);
    await context.close();
  });

  it("on a phone (390×844, Chinese) reads each offer that never took force across the screen: its history is not a column three characters wide", async () => {
    const context = await browser.newContext({ locale: "zh-CN", viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await page.route("http://report.test/**", (route) => route.fulfill({ contentType: "text/html", headers: { "content-security-policy": chinesePolicy }, body: chinese }));
    await page.goto("http://report.test/report.html");
    const rows = page.locator("table.offers tbody tr");
    expect(await rows.count()).toBeGreaterThan(0);
    const sides = await page.evaluate(() => ({ width: document.documentElement.clientWidth, scroll: document.documentElement.scrollWidth }));
    expect(sides.scroll).toBe(sides.width);
    const cells = await page.$$eval("table.offers tbody tr > *", (list) => list.map((c) => ({ text: (c.textContent ?? "").slice(0, 20), width: Math.round(c.getBoundingClientRect().width) })));
    // Every cell (the deal, its terms, its fate, its history) takes the text's width: the history was 45 px, the terms 120.
    for (const c of cells) expect(c.width, c.text).toBeGreaterThan(300);
    await context.close();
  });

  for (const [lang, viewport] of [["en", { width: 1366, height: 768 }], ["zh", { width: 390, height: 844 }]] as const)
    it(`a country's secret objective reads on a line of its own under "Secret", no colon after the label, as the objective has a colon of its own (${lang}, ${viewport.width} px)`, async () => {
      const page = await browser.newPage({ viewport });
      if (lang === "en") await page.goto(`file://${file}`);
      else {
        await page.route("http://report.test/**", (route) => route.fulfill({ contentType: "text/html", headers: { "content-security-policy": chinesePolicy }, body: chinese }));
        await page.goto("http://report.test/report.html");
      }
      const items = await page.$$eval(".objectives li.secret", (lis) => lis.map((li) => (li as HTMLElement).innerText.split("\n").map((l) => l.trim()).filter(Boolean)));
      expect(items).toHaveLength(secrets[lang].length);
      for (const [i, li] of items.entries()) {
        expect(li, li.join(" | ")).toHaveLength(2);
        expect(li[0]).toMatch(lang === "en" ? /^\S Secret$/ : /^\S 秘密目标$/);
        expect(li[1]!.startsWith(secrets[lang][i]!), li[1]).toBe(true);
      }
      await page.close();
    });

  it("a fact that wraps at its dot ('Seed 11 · 123 actions logged') takes the dot to the next line with its item, never leaving it at a line's end", async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(`file://${file}`);
    const lines = await page.evaluate(() => {
      const dd = document.querySelector<HTMLElement>(".fact-record dd")!;
      // As narrow as the facts' grid made it at 1366 px for a nine-digit seed: the line wraps.
      dd.style.width = "7ch";
      const walker = document.createTreeWalker(dd, NodeFilter.SHOW_TEXT);
      let dot: Text | undefined;
      for (let n = walker.nextNode(); n; n = walker.nextNode()) if ((n.textContent ?? "").includes("·")) dot = n as Text;
      const range = document.createRange();
      const at = dot!.textContent!.indexOf("·");
      range.setStart(dot!, at);
      range.setEnd(dot!, at + 1);
      const top = (e: { getBoundingClientRect(): DOMRect }) => Math.round(e.getBoundingClientRect().top);
      return { seed: top(dd.querySelector("code")!), dot: top(range), item: top(dd.querySelector(".nowrap")!) };
    });
    expect(lines.item, "the line wraps").toBeGreaterThan(lines.seed);
    expect(lines.dot, "the dot starts the item's line").toBe(lines.item);
    await page.close();
  });

  it("the kicker ('Chokepoint · After-action report'), a catalog line, wraps at its dot as the facts do: the dot starts the next item's line", async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(`file://${file}`);
    const lines = await page.evaluate(() => {
      const kicker = document.querySelector<HTMLElement>(".kicker")!;
      // Narrow enough that the line wraps at its dot.
      kicker.style.width = "14ch";
      const text = kicker.firstChild as Text;
      const at = text.textContent!.indexOf("·");
      const top = (from: number, to: number) => {
        const range = document.createRange();
        range.setStart(text, from);
        range.setEnd(text, to);
        return Math.round(range.getBoundingClientRect().top);
      };
      return { first: top(0, 1), dot: top(at, at + 1), after: top(at + 2, at + 3) };
    });
    expect(lines.after, "the line wraps").toBeGreaterThan(lines.first);
    expect(lines.dot, "the dot starts the item's line").toBe(lines.after);
    await page.close();
  });

  it("a moment in the timeline's narrow column ('negotiation 07:43 PM UTC') keeps its time on one line", async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await page.goto(`file://${file}`);
    // The page's script has written each moment in the reader's zone ("07:43 PM UTC").
    await page.locator(".entry .when time").first().waitFor();
    const split = await page.evaluate(() =>
      [...document.querySelectorAll(".entry .when time")]
        .filter((t) => {
          const range = document.createRange();
          range.selectNodeContents(t);
          return new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top))).size > 1;
        })
        .map((t) => t.parentElement!.textContent),
    );
    expect(await page.locator(".entry .when time").count()).toBeGreaterThan(0);
    expect(split, "moments split over two lines").toEqual([]);
    await page.close();
  });

  it("runs the report's own scripts under its policy and no script that slipped into the page", async () => {
    // As if an escaping slip let a player's words write a script into the report.
    const slipped = chinese.replace("</main>", '<script>document.body.setAttribute("data-slipped", "ran")</script></main>');
    const context = await browser.newContext({ locale: "zh-CN" });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    await page.route("http://report.test/**", (route) => route.fulfill({ contentType: "text/html", headers: { "content-security-policy": chinesePolicy }, body: slipped }));
    await page.goto("http://report.test/report.html");
    // The report's own scripts ran: the charts were drawn and the times written in the reader's zone.
    await page.waitForSelector("body[data-charts-ready]", { timeout: 20_000 });
    expect(await page.locator("canvas").count()).toBeGreaterThan(0);
    expect(await page.getAttribute("body", "data-slipped")).toBeNull();
    expect(errors).toEqual([]);
    await context.close();
  });
});
