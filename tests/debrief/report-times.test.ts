/**
 * The report's times (server/debrief/report-html.ts): every one is a <time> labelled with its
 * zone — UTC as the server writes it, then the reader's own zone, named, once the page's script
 * (LOCAL_TIMES) has run — so the facts, the timeline and the hot wash agree with each other and
 * with the room's screens, on screen and in print.
 */
import { afterEach, describe, expect, it } from "vitest";
import { analyze, setupOf, type LoggedAction } from "../../server/debrief/analysis.ts";
import { buildReport } from "../../server/debrief/report.ts";
import { LOCAL_TIMES, renderReportHtml } from "../../server/debrief/report-html.ts";
import { englishWords } from "../../server/debrief/words.ts";
import type { GameRecord } from "../../server/storage/store.ts";
import { classroom, scriptedGame, SETTINGS } from "./fixtures.ts";
import { moment } from "../../client/model/format.ts";

const AT = Date.parse("2027-01-15T18:31:00Z");

function report() {
  const g = scriptedGame({ stopAfterRound: 1 });
  const record: GameRecord = { code: "ACDEFG", scenario: g.setup.scenario, settings: SETTINGS, seed: String(g.setup.settings.seed), keyHash: "0".repeat(64), createdAt: AT, finishedAt: null };
  const logged: LoggedAction[] = g.log.map((action, i) => ({ action, at: AT + i * 60_000 }));
  const r = buildReport(record, analyze(setupOf(record), logged), "facilitator");
  return { ...r, notes: [{ kind: "note" as const, at: AT, round: 1, phase: "negotiation" as const, author: "Observer", text: "US waits for Japan." }] };
}

const tz = process.env.TZ;
afterEach(() => {
  if (tz === undefined) delete process.env.TZ;
  else process.env.TZ = tz;
});

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
    expect(html).toContain(`<time datetime="2027-01-15T18:31:00.000Z" data-at="time">18:31 UTC</time> · R1`);
    expect(html).toContain(`<time datetime="2027-01-15T18:31:00.000Z" data-at="date">2027-01-15 18:31 UTC</time>`);
    // No time of day without its zone.
    expect(html.replace(/<time[^>]*>[^<]*<\/time>/g, "").match(/<span class="when">[^<]*\b\d\d:\d\d\b/)).toBeNull();
    expect(html).toContain(`<script>${LOCAL_TIMES}</script>`);
  });

  it("in a Washington browser, the script writes them in Eastern time, the zone named", () => {
    process.env.TZ = "America/New_York";
    const els = times.map(([, iso, , at, shown]) => ({ attrs: { datetime: iso!, "data-at": at! } as Record<string, string>, textContent: shown!, getAttribute(n: string) { return this.attrs[n] ?? null; } }));
    const document = { querySelectorAll: (sel: string) => (sel === "time[data-at]" ? els : []) };
    new Function("document", LOCAL_TIMES)(document);
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
    new Function("document", LOCAL_TIMES)({ querySelectorAll: () => [el] });
    expect(el.textContent).toMatch(/GMT\+8/);
    expect(moment(Date.parse("2026-12-04T13:43:00.000Z"))).toBe(el.textContent);
  });
});
