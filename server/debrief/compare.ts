/** Side-by-side summaries of games of one scenario (several class sections, several what-ifs). */
import { computeScores, tableOutcome } from "../../shared/engine/scoring.ts";
import type { Scenario } from "../../shared/scenario/schema.ts";
import { countFates, fateOf, scoreRow, type CompareGame, type CompareReply } from "../../shared/protocol/debrief.ts";
import type { GameRecord } from "../storage/store.ts";
import type { Analysis } from "./analysis.ts";
import { metricSeries, roundCounts, statusOf } from "./report.ts";

export function compareSummary(record: GameRecord, analysis: Analysis): CompareGame {
  const state = analysis.final;
  const names = new Map(state.scenario.countries.map((c) => [c.id, c.name]));
  return {
    code: record.code,
    ...(record.classTable ? { classTable: record.classTable } : {}),
    status: statusOf(state),
    createdAt: record.createdAt,
    finishedAt: record.finishedAt,
    ...roundCounts(state),
    crisis: state.crisis,
    outcome: tableOutcome(state, true),
    scores: computeScores(state).map((s) => scoreRow(s, names)),
    series: metricSeries(analysis),
    agreements: countFates(state.agreements.map((a) => ({ type: a.type, fate: fateOf(a) }))),
  };
}

/** The comparison of games of `scenario` (a record's, in the reader's language): its title, debrief questions and countries, and each game's summary. */
export function compareReply(scenario: Pick<Scenario, "id" | "title" | "debrief" | "countries">, games: CompareGame[]): CompareReply {
  return {
    scenario: { id: scenario.id, title: scenario.title, debrief: [...scenario.debrief] },
    countries: scenario.countries.map((c) => ({ id: c.id, name: c.name, control: c.control })),
    games,
  };
}
