/**
 * The report's times (server/debrief/report-html.ts): every one is a <time> labelled with its
 * zone — UTC as the server writes it, then the reader's own zone, named, once the page's script
 * (localTimes) has run — so the facts, the timeline and the hot wash agree with each other and
 * with the room's screens, on screen and in print, in the report's language, whatever the
 * browser's.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { analyze, setupOf, type LoggedAction } from "../../server/debrief/analysis.ts";
import { buildReport } from "../../server/debrief/report.ts";
import { localTimes, renderReportHtml } from "../../server/debrief/report-html.ts";
import { englishWords, wordsFor } from "../../server/debrief/words.ts";
import { useCatalog } from "../../client/i18n/index.ts";
import { en } from "../../client/i18n/en.ts";
import { zhCN } from "../../client/i18n/zh-CN.ts";
import type { GameRecord } from "../../server/storage/store.ts";
import { classroom, scriptedGame, SETTINGS } from "./fixtures.ts";
import { moment, timeOfDay } from "../../client/model/format.ts";
import { clockLocale } from "../../client/i18n/translator.ts";

const AT = Date.parse("2027-01-15T18:31:00Z");

function report() {
  const g = scriptedGame({ stopAfterRound: 1 });
  const record: GameRecord = { code: "ACDEFG", scenario: g.setup.scenario, settings: SETTINGS, seed: String(g.setup.settings.seed), keyHash: "0".repeat(64), createdAt: AT, finishedAt: null };
  const logged: LoggedAction[] = g.log.map((action, i) => ({ action, at: AT + i * 60_000 }));
  const r = buildReport(record, analyze(setupOf(record), logged), "facilitator");
  return { ...r, notes: [{ kind: "note" as const, at: AT, round: 1, phase: "negotiation" as const, by: "observer" as const, text: "US waits for Japan." }] };
}

const tz = process.env.TZ;
afterEach(() => {
  vi.unstubAllGlobals();
  if (tz === undefined) delete process.env.TZ;
  else process.env.TZ = tz;
  useCatalog(en, "en");
});

type El = { attrs: Record<string, string>; textContent: string; getAttribute(n: string): string | null };
/** The <time> elements of a report as the page's script sees them. */
function timeElements(html: string): El[] {
  return [...html.matchAll(/<time datetime="([^"]+)"( data-at="(date|time)")?>([^<]*)<\/time>/g)].map(([, iso, , at, shown]) => ({ attrs: { datetime: iso!, "data-at": at! } as Record<string, string>, textContent: shown!, getAttribute(n: string) { return this.attrs[n] ?? null; } }));
}
/** Runs the report's own time script (the one in its page) over `els`, as a browser would. */
function runTimes(html: string, els: El[]) {
  const script = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]!).find((x) => x.includes("time[data-at]"))!;
  new Function("document", script)({ querySelectorAll: (sel: string) => (sel === "time[data-at]" ? els : []) });
}

describe("the report's times", () => {
  const html = renderReportHtml(report(), englishWords(classroom()));
  const times = [...html.matchAll(/<time datetime="([^"]+)"( data-at="(date|time)")?>([^<]*)<\/time>/g)];

  it("each is a <time> the page's script rewrites, in UTC and saying so until then: the facts, the timeline, the hot wash", () => {
    expect(times.length).toBeGreaterThan(5);
    for (const [, iso, attr, , shown] of times) {
      expect(attr, iso).toBeTruthy();
      expect(shown, iso).toMatch(/ UTC$/);
      expect(shown).toContain(iso!.slice(11, 16));
    }
    // The observer's note at 18:31 UTC, and the game's creation.
    expect(html).toContain(`<time datetime="2027-01-15T18:31:00.000Z" data-at="time">18:31 UTC</time> ·\u00a0R1`);
    expect(html).toContain(`<time datetime="2027-01-15T18:31:00.000Z" data-at="date">2027-01-15 18:31 UTC</time>`);
    // No time of day without its zone.
    expect(html.replace(/<time[^>]*>[^<]*<\/time>/g, "").match(/<span class="when">[^<]*\b\d\d:\d\d\b/)).toBeNull();
    expect(html).toContain(`<script>${localTimes("en")}</script>`);
  });

  it("in a Washington browser, the script writes them in Eastern time, the zone named", () => {
    process.env.TZ = "America/New_York";
    const els = timeElements(html);
    runTimes(html, els);
    const note = els.find((e) => e.attrs.datetime === "2027-01-15T18:31:00.000Z" && e.attrs["data-at"] === "time")!;
    expect(note.textContent).toMatch(/^(01:31 PM|13:31) EST$/);
    const created = els.find((e) => e.attrs.datetime === "2027-01-15T18:31:00.000Z" && e.attrs["data-at"] === "date")!;
    expect(created.textContent).toMatch(/2027/);
    expect(created.textContent).toMatch(/(01:31 PM|13:31) EST$/);
    for (const e of els) expect(e.textContent).toMatch(/ EST$/);
  });

  it("the debrief box writes a share link's moment as the report writes its dates: the same form, the zone named", () => {
    process.env.TZ = "Asia/Shanghai";
    const el = { attrs: { datetime: "2026-12-04T13:43:00.000Z", "data-at": "date" } as Record<string, string>, textContent: "", getAttribute(n: string) { return this.attrs[n] ?? null; } };
    new Function("document", localTimes("en"))({ querySelectorAll: () => [el] });
    expect(el.textContent).toMatch(/GMT\+8/);
    expect(moment(Date.parse("2026-12-04T13:43:00.000Z"))).toBe(el.textContent);
  });

  it("a Chinese report read in an English browser writes them in Chinese, in the reader's zone, as the app in Chinese does", async () => {
    // This process's own language (the browser's, to the script) is English.
    expect(new Intl.DateTimeFormat().resolvedOptions().locale).toMatch(/^en/);
    process.env.TZ = "Asia/Shanghai";
    const zh = renderReportHtml(report(), await wordsFor("zh-CN", classroom()));
    const els = timeElements(zh);
    runTimes(zh, els);
    const created = els.find((e) => e.attrs.datetime === "2027-01-15T18:31:00.000Z" && e.attrs["data-at"] === "date")!;
    expect(created.textContent).toBe("2027年1月16日 GMT+8 02:31");
    const note = els.find((e) => e.attrs.datetime === "2027-01-15T18:31:00.000Z" && e.attrs["data-at"] === "time")!;
    expect(note.textContent).toBe("GMT+8 02:31");
    for (const e of els) expect(e.textContent).not.toMatch(/AM|PM|Jan/);
    // The app set to 简体中文 writes a moment as its report does, and a time of day in Chinese too.
    useCatalog(zhCN, "zh-CN");
    expect(moment(Date.parse("2027-01-15T18:31:00.000Z"))).toBe(created.textContent);
    expect(timeOfDay(Date.parse("2027-01-15T06:31:00.000Z"))).toBe("14:31");
    useCatalog(en, "en");
    expect(timeOfDay(Date.parse("2027-01-15T06:31:00.000Z"))).toBe("02:31 PM");
  });

  /** A browser whose languages are `languages`, most wanted first. */
  const browserIn = (...languages: string[]) => vi.stubGlobal("navigator", { language: languages[0], languages });

  it("in English, a time of day as the reader's browser writes English: 20:33 in an en-GB browser, 08:33 PM in an en-US one", () => {
    process.env.TZ = "UTC";
    const at = Date.parse("2027-01-15T20:33:00Z");
    browserIn("en-GB", "en");
    expect(timeOfDay(at)).toBe("20:33");
    expect(moment(at)).toMatch(/^15 Jan 2027, 20:33 (UTC|GMT)$/);
    // The report, read in that browser.
    const els = timeElements(html);
    runTimes(html, els);
    const note = els.find((e) => e.attrs.datetime === "2027-01-15T18:31:00.000Z" && e.attrs["data-at"] === "time")!;
    expect(note.textContent).toMatch(/^18:31 (UTC|GMT)$/);
    for (const e of els) expect(e.textContent).not.toMatch(/AM|PM/);
    browserIn("en-US");
    expect(timeOfDay(at)).toBe("08:33 PM");
    const us = timeElements(html);
    runTimes(html, us);
    expect(us.find((e) => e.attrs.datetime === "2027-01-15T18:31:00.000Z" && e.attrs["data-at"] === "time")!.textContent).toMatch(/^06:31 PM (UTC|GMT)$/);
  });

  it("in Chinese, the same in any browser; a browser in another language changes nothing", async () => {
    process.env.TZ = "UTC";
    const at = Date.parse("2027-01-15T20:33:00Z");
    browserIn("en-US");
    useCatalog(zhCN, "zh-CN");
    expect(timeOfDay(at)).toBe("20:33");
    useCatalog(en, "en");
    browserIn("zh-CN", "fr-FR");
    expect(timeOfDay(at)).toBe("08:33 PM");
    expect(clockLocale("zh-CN", ["zh-TW"])).toBe("zh-CN");
    expect(clockLocale("en", ["fr-FR", "en-GB"])).toBe("en-GB");
    expect(clockLocale("en", ["not a locale!"])).toBe("en");
    expect(clockLocale("en", [])).toBe("en");
  });
});
