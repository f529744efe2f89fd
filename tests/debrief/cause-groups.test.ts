/**
 * Causes grouped by their source (shared/engine/cause-groups.ts): Alliance 2021's script plays
 * the Renesas fire in round 1 (assets/injects/alliance-2021.json); its restriction is a
 * semiconductor shortage in every other country, each a line of the table's resilience. The
 * review, the projector (client/model/review.ts) and the report (server/debrief/report-html.ts)
 * show the card as one line with its sum, not one country's share beside "16 other causes".
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { analyze, setupOf, type LoggedAction } from "../../server/debrief/analysis.ts";
import { buildReport } from "../../server/debrief/report.ts";
import { renderReportHtml } from "../../server/debrief/report-html.ts";
import { englishWords } from "../../server/debrief/words.ts";
import { getScenario } from "../../server/scenarios.ts";
import type { GameRecord } from "../../server/storage/store.ts";
import { apply, causeSource, createGame, groupCauses, text, type Action, type GameState } from "../../shared/engine/index.ts";
import { fewCauses, groupChanges } from "../../client/model/review.ts";
import { render, useNames } from "../../client/i18n/index.ts";
import { scenarioNames } from "../../client/i18n/translator.ts";
import { causeAmount, signed } from "../../client/model/format.ts";
import { asObserver, clientView } from "../client/fixtures.ts";
import { say } from "../helpers/words.ts";
import { SETTINGS } from "./fixtures.ts";

const scenario = getScenario("alliance-2021")!;
const script = JSON.parse(readFileSync(new URL("../../assets/injects/alliance-2021.json", import.meta.url), "utf8")) as { injects: { round: number; card?: string }[] };
const card = script.injects.find((i) => i.round === 1 && i.card === "renesas-fire")!.card!;

const sys = { kind: "system" as const };
const fac = { kind: "facilitator" as const };
const log: Action[] = [
  { actor: fac, move: { type: "start" } },
  { actor: fac, move: { type: "play-event", cardId: card } },
  { actor: sys, move: { type: "advance" } },
  { actor: sys, move: { type: "advance" } },
];
const settings = { seed: "fire", rounds: scenario.rounds };

function played(): GameState {
  let s = createGame({ scenario, settings });
  for (const a of log) {
    const r = apply(s, a);
    if (!r.ok) throw new Error(r.error.code);
    s = r.state;
  }
  return s;
}

describe("causes grouped by their source", () => {
  const s = played();
  const resilience = s.history.find((h) => h.round === 1)!.changes.find((c) => c.subject === "table" && c.key === "resilience")!;
  const fire = say(text("cause.card", { title: { ref: "event", id: card } }), scenario);

  it("the fire's shortages in every country are one line, the largest, and the sum still adds up", () => {
    expect(resilience.causes.filter((c) => say(c.label, scenario).includes(fire)).length).toBeGreaterThan(10);
    const grouped = groupCauses(resilience.causes);
    expect(say(grouped[0]!.label, scenario)).toBe(fire);
    const fromFire = resilience.causes.filter((c) => causeSource(c.label) && say(causeSource(c.label)!, scenario) === fire).reduce((x, c) => x + c.amount, 0);
    expect(grouped[0]!.amount).toBeCloseTo(fromFire, 9);
    expect(grouped[0]!.amount).toBeLessThan(-5);
    expect(grouped.reduce((x, c) => x + c.amount, 0)).toBeCloseTo(resilience.to - resilience.from, 9);
  });

  it("a deal's causes of one change, summed, read as the deal's effects together, not as its bare id (\"−3 A8PF\")", () => {
    // A withdrawal: the country's own cost and the deal's carrying on without it, on one metric.
    const grouped = groupCauses([
      { label: text("cause.withdrew", { id: "A8PF" }), amount: -6 },
      { label: text("cause.withdrew", { id: "A8PF" }), amount: 3 },
    ]);
    expect(grouped).toHaveLength(1);
    expect(grouped[0]!.amount).toBe(-3);
    expect(render(grouped[0]!.label)).toBe("A8PF: its effects together");
  });

  it("the review and the projector name the card first", () => {
    useNames(scenarioNames(scenario));
    const view = clientView(s, asObserver);
    const row = groupChanges(view, 1).table.rows.find((r) => r.key === "resilience")!;
    const few = fewCauses(row.causes);
    expect(render(few[0]!.label!)).toBe(fire);
    expect(few[0]!.amount).toBeLessThan(-5);
    useNames(null);
  });

  it("the report's table of causes names it too", () => {
    const record: GameRecord = { code: "FIREAB", scenario, settings: SETTINGS, seed: "fire", keyHash: "0".repeat(64), createdAt: 1_800_000_000_000, finishedAt: null };
    const logged: LoggedAction[] = log.map((action, i) => ({ action, at: 1_800_000_000_000 + i * 1000 }));
    const report = buildReport(record, analyze(setupOf(record), logged), "facilitator");
    const html = renderReportHtml(report, englishWords(scenario));
    const why = html.slice(html.indexOf('class="data compact why"'));
    const row = why.split("<tr>").find((r) => r.includes(">Supply-chain resilience</th>"))!;
    expect(row).toContain(`<td>${fire} <strong>−`);
  });

  it("the report's appendix gives each cause the amount the review gives it, to the same decimals", () => {
    const record: GameRecord = { code: "FIREAB", scenario, settings: SETTINGS, seed: "fire", keyHash: "0".repeat(64), createdAt: 1_800_000_000_000, finishedAt: null };
    const logged: LoggedAction[] = log.map((action, i) => ({ action, at: 1_800_000_000_000 + i * 1000 }));
    const html = renderReportHtml(buildReport(record, analyze(setupOf(record), logged), "facilitator"), englishWords(scenario));
    const why = html.slice(html.indexOf('class="data compact why"'));
    useNames(scenarioNames(scenario));
    const view = clientView(s, asObserver);
    const rows = groupChanges(view, 1).table.rows.filter((r) => r.from !== r.to);
    // The review's causes (widgets.ts causeList) of every change of the table, each in the report's row of that metric.
    const amounts = rows.flatMap((r) => r.causes.slice(0, 6).map((c) => ({ metric: r.label, amount: c.amount })));
    useNames(null);
    expect(amounts.some((x) => causeAmount(x.amount) !== signed(x.amount, 1)), "a cause whose tenths and hundredths differ").toBe(true);
    for (const x of amounts) {
      const row = why.split("<tr>").find((r) => r.includes(`>${x.metric}</th>`))!;
      expect(row, x.metric).toContain(`<strong>${causeAmount(x.amount)}</strong>`);
    }
  });
});
