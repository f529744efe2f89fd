/**
 * A crisis at a resolution that then cools tension (docs/RULES.md §8): the crisis check saw the
 * peak, the round's record keeps the settled value. The debrief report says both, in the
 * engine's numbers, so its status line agrees with the charts, the tables and the CSV.
 */
import { describe, expect, it } from "vitest";
import { analyze, setupOf } from "../../server/debrief/analysis.ts";
import { metricsCsv } from "../../server/debrief/exports.ts";
import { renderReportHtml } from "../../server/debrief/report-html.ts";
import { buildReport } from "../../server/debrief/report.ts";
import { englishWords } from "../../server/debrief/words.ts";
import { classroom, FACILITATOR, Recorder, SETTINGS } from "./fixtures.ts";

function crisisGame() {
  const scenario = structuredClone(classroom());
  scenario.rules.tension.crisisAt = 100;
  scenario.table.tension = 96;
  const g = new Recorder({ scenario, settings: { seed: "5", rounds: scenario.rounds, teams: false, facilitatorReadsPrivate: true, channels: "open" } });
  g.act(FACILITATOR, { type: "start" });
  g.advance();
  // A broad regime against China drives tension past 100 at the resolution; drift then cools it.
  const regime = g.propose("US", { terms: { type: "export-control", sector: "semis", tier: "broad", target: "CN" }, parties: ["US", "NL", "JP"], duration: 3 });
  g.sign("NL", regime);
  g.sign("JP", regime);
  g.advance();
  const record = { code: "CRSSPK", scenario, settings: SETTINGS, seed: "5", keyHash: "", createdAt: Date.now() - 3_600_000, finishedAt: Date.now() };
  const analysis = analyze(setupOf(record), g.log.map((action) => ({ action, at: Date.now() })));
  return { g, record, analysis };
}

describe("a crisis whose resolution cooled tension afterwards", () => {
  it("the report says the peak the crisis check saw and the settled value the charts and the CSV show", () => {
    const { g, record, analysis } = crisisGame();
    const last = g.state.history.at(-1)!;
    expect(g.state.crisis).toBe(true);
    expect(last.table.tension).toBeLessThan(100);
    const settled = last.table.tension;
    const report = buildReport(record, analysis, "facilitator");
    expect(report.game.crisisTension).toEqual({ peak: 100, settled, round: 1 });
    const html = renderReportHtml(report, englishWords(record.scenario));
    expect(html.replace(/&#39;|&#x27;/g, "'")).toContain(`Ended in a crisis: tension peaked at 100 during round 1's resolution and settled at ${settled}`);
    // The table chart marks the peak at round 1 beside the settled line.
    const data = JSON.parse(/<script type="application\/json" id="report-data">([^<]*)<\/script>/.exec(html)![1]!);
    expect(data.tensionPeak.values).toEqual([null, 100]);
    expect(data.table.tension).toEqual([96, settled]);
    // The CSV's round-1 rows keep the settled value.
    const csv = metricsCsv(record, analysis).split(/\r?\n/);
    const header = csv[0]!.split(",");
    const row = csv.find((l) => l.includes(",round 1,"))!.split(",");
    expect(Number(row[header.indexOf("table_tension")])).toBe(settled);
    expect(Number(row[header.indexOf("table_tension_peak")])).toBe(100);
  });
});
