/**
 * The report has no word outside the catalog: rendered in the pseudo-locale (every catalog
 * string wrapped in ⟦ ⟧), its visible text holds no Latin word but the scenario's own data,
 * what people wrote, and the game's codes.
 */
import { describe, expect, it } from "vitest";
import { analyze, setupOf } from "../../server/debrief/analysis.ts";
import { renderReportHtml } from "../../server/debrief/report-html.ts";
import { buildReport } from "../../server/debrief/report.ts";
import { wordsFor } from "../../server/debrief/words.ts";
import { scenarioStrings, strayWords } from "../helpers/latin-scan.ts";
import { INJECT, scriptedGame, SETTINGS } from "./fixtures.ts";

/** The text a reader sees: no script, style or tag. */
function visibleText(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, " ")
    .replace(/<style[\s\S]*?<\/style>/g, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

/** A finished scripted game's report, as its facilitator reads it. */
function facilitatorReport() {
  const g = scriptedGame();
  const record = { code: "ACDEFG", scenario: g.setup.scenario, settings: SETTINGS, seed: "11", keyHash: "", createdAt: 1_800_000_000_000, finishedAt: 1_800_000_999_000 };
  const analysis = analyze(setupOf(record), g.log.map((action, i) => ({ action, at: 1_800_000_000_000 + i * 1000 })));
  return { record, report: buildReport(record, analysis, "facilitator") };
}

/** What people wrote: chat, reasons, matrix actions, notes, the facilitator's cards. */
function typedWords(report: ReturnType<typeof buildReport>): string[] {
  return [
    ...report.chat.messages.map((m) => m.text),
    ...report.timeline.flatMap((e) => (typeof e.reason === "string" ? [e.reason] : [])),
    ...report.agreements.flatMap((a) => a.steps.flatMap((s) => (typeof s.reason === "string" ? [s.reason] : []))),
    ...report.matrix.flatMap((m) => [m.text, m.note ?? ""]),
    ...report.events.filter((e) => e.custom).flatMap((e) => [e.title, e.text]),
  ].filter(Boolean);
}

describe("the report in the pseudo-locale", () => {
  it("says nothing outside the catalog", async () => {
    const { record, report } = facilitatorReport();
    const html = renderReportHtml(report, await wordsFor("en-XA", record.scenario), (l) => `?lang=${l}`);
    const text = visibleText(html);
    expect(text).toContain("⟦");
    const typed = [...typedWords(report), INJECT.title];
    // Codes and ids: the game's, the agreements' (A1), matrix actions (M1), the language names of the switch.
    const codes = ["ACDEFG", "UTC", "English"];
    expect(strayWords(text, [...scenarioStrings("classroom-quick"), ...typed, ...codes])).toEqual([]);
  });
});

describe("the report in Simplified Chinese", () => {
  it("has no Latin word but scenario data, what people typed, ids and acronyms", async () => {
    const { record, report } = facilitatorReport();
    const html = renderReportHtml(report, await wordsFor("zh-CN", record.scenario), (l) => `?lang=${l}`);
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain("复盘报告");
    // The contents list numbers its entries itself: "1. 结果与得分", never "1. 一、结果与得分".
    const contents = html.match(/<nav class="toc"[\s\S]*?<\/nav>/)![0];
    expect(contents).toContain(">结果与得分</a>");
    expect(contents).not.toMatch(/>[一二三四五六七八九十]+、/);
    const typed = typedWords(report);
    const names = ["ACDEFG", "UTC", "English", "CSV", "JSON"];
    expect(strayWords(visibleText(html), [...scenarioStrings("classroom-quick"), ...typed, ...names])).toEqual([]);
  });

  it("sets a reason, a missed target's why and the outcome apart with Chinese dashes and brackets, not the English spaced dash and round brackets; a label's full-width colon takes no space after it", async () => {
    const { record, report } = facilitatorReport();
    const text = visibleText(renderReportHtml(report, await wordsFor("zh-CN", record.scenario), (l) => `?lang=${l}`));
    expect(text).toContain("全桌结果：未达成 ——3 项共同目标");
    expect(text.match(/[\u4e00-\u9fff。）]\s+— /g) ?? []).toEqual([]);
    expect(text.match(/[\u4e00-\u9fff。）]\s+\(\d/g) ?? []).toEqual([]);
    // A label's full-width colon carries its own space: "…：…", not "…： …". The secret objective's label
    // takes none: the objective, which has a colon of its own, is on the next line.
    const html = renderReportHtml(report, await wordsFor("zh-CN", record.scenario), (l) => `?lang=${l}`);
    expect(html).toContain('秘密目标</strong><span class="block">');
    expect(html.match(/：<\/strong> /g) ?? []).toEqual([]);
  });
});
