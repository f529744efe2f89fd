/**
 * The hot wash in the report's language (server/debrief/report-html.ts): a note's round and its
 * writer's role come from the catalog; the room stores the role (server/rooms/requests.ts), and a
 * note saved before, with the English word "Facilitator" or "Observer", reads as that role
 * (server/storage/store.ts readNote).
 */
import { describe, expect, it } from "vitest";
import { analyze, setupOf, type LoggedAction } from "../../server/debrief/analysis.ts";
import { buildReport } from "../../server/debrief/report.ts";
import { renderReportHtml } from "../../server/debrief/report-html.ts";
import { englishWords, wordsFor } from "../../server/debrief/words.ts";
import { readNote, type GameRecord } from "../../server/storage/store.ts";
import type { ReportNote } from "../../shared/protocol/classes.ts";
import { classroom, scriptedGame, SETTINGS } from "./fixtures.ts";

const AT = Date.parse("2027-01-15T20:33:00Z");
const saved = (author: string, kind: "note" | "finding", text: string) => JSON.stringify({ code: "ACDEFG", kind, author, round: 1, phase: "review", at: AT, text });

function report(notes: ReportNote[]) {
  const g = scriptedGame({ stopAfterRound: 1 });
  const record: GameRecord = { code: "ACDEFG", scenario: g.setup.scenario, settings: SETTINGS, seed: String(g.setup.settings.seed), keyHash: "0".repeat(64), createdAt: AT, finishedAt: null };
  const logged: LoggedAction[] = g.log.map((action, i) => ({ action, at: AT + i * 60_000 }));
  return { ...buildReport(record, analyze(setupOf(record), logged), "facilitator"), notes };
}
const strip = ({ code: _c, ...n }: ReturnType<typeof readNote>) => n;
/** The hot wash's lines, their markup dropped. */
const lines = (html: string) => [...html.slice(html.indexOf('<section id="notes"')).matchAll(/<li>(.*?)<\/li>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, ""));

describe("the hot wash in the report's language", () => {
  it("a note saved with an English role word reads as the role; an observer's own name stays theirs", () => {
    expect(strip(readNote(saved("Facilitator", "finding", "Japan refused.")))).toEqual({ kind: "finding", by: "facilitator", round: 1, phase: "review", at: AT, text: "Japan refused." });
    expect(readNote(saved("Observer", "note", "x"))).toMatchObject({ by: "observer" });
    expect(readNote(saved("Observer", "note", "x")).name).toBeUndefined();
    expect(readNote(saved("Oscar", "note", "x"))).toMatchObject({ by: "observer", name: "Oscar" });
    expect(readNote(JSON.stringify({ code: "ACDEFG", kind: "note", by: "observer", name: "Ana", round: 2, phase: "negotiation", at: AT, text: "y" }))).toMatchObject({ by: "observer", name: "Ana", round: 2 });
    expect(() => readNote(JSON.stringify({ code: "ACDEFG", kind: "note", round: 2, phase: "negotiation", at: AT, text: "y" }))).toThrow();
  });

  const notes: ReportNote[] = [
    strip(readNote(saved("Facilitator", "finding", "Japan refused."))),
    { kind: "finding", by: "facilitator", round: 1, phase: "review", at: AT, text: "Controls leaked." },
    strip(readNote(saved("Observer", "note", "US waits."))),
    { kind: "note", by: "observer", name: "Oscar", round: 1, phase: "negotiation", at: AT, text: "NL stalls." },
  ];

  it("in Chinese: the round and the role in Chinese, old notes and new alike", async () => {
    const html = renderReportHtml(report(notes), await wordsFor("zh-CN", classroom()));
    expect(lines(html)).toEqual(["20:33（UTC） ·\u00a0第1轮 主持人： Japan refused.", "20:33（UTC） ·\u00a0第1轮 主持人： Controls leaked.", "20:33（UTC） ·\u00a0第1轮 观察员： US waits.", "20:33（UTC） ·\u00a0第1轮 Oscar： NL stalls."]);
  });

  it("in English, as before", () => {
    const html = renderReportHtml(report(notes), englishWords(classroom()));
    expect(lines(html)).toEqual(["20:33 UTC ·\u00a0R1 Facilitator: Japan refused.", "20:33 UTC ·\u00a0R1 Facilitator: Controls leaked.", "20:33 UTC ·\u00a0R1 Observer: US waits.", "20:33 UTC ·\u00a0R1 Oscar: NL stalls."]);
  });
});
