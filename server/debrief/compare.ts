/** Side-by-side summaries of games of one scenario (several class sections, several what-ifs). */
import { computeScores, tableOutcome } from "../../shared/engine/scoring.ts";
import { AGREEMENT_TYPES, type AgreementType } from "../../shared/engine/vocabulary.ts";
import type { AgreementFate, CompareGame } from "../../shared/protocol/debrief.ts";
import type { GameRecord } from "../storage/store.ts";
import type { Analysis } from "./analysis.ts";
import { fateOf, metricSeries, statusOf } from "./report.ts";

export const FATES: AgreementFate[] = ["open", "signed", "in-force", "kept", "broken", "defaulted", "declined", "lapsed"];

const zeroFates = () => Object.fromEntries(FATES.map((f) => [f, 0])) as Record<AgreementFate, number>;

export function compareSummary(record: GameRecord, analysis: Analysis): CompareGame {
  const state = analysis.final;
  const names = new Map(state.scenario.countries.map((c) => [c.id, c.name]));
  const byType = Object.fromEntries(AGREEMENT_TYPES.map((t) => [t, zeroFates()])) as Record<AgreementType, Record<AgreementFate, number>>;
  const byFate = zeroFates();
  const agreements = Object.values(state.agreements);
  for (const a of agreements) {
    const fate = fateOf(a);
    byType[a.type][fate] += 1;
    byFate[fate] += 1;
  }
  return {
    code: record.code,
    status: statusOf(state),
    createdAt: record.createdAt,
    finishedAt: record.finishedAt,
    roundsPlayed: state.history.length,
    crisis: state.crisis,
    outcome: tableOutcome(state),
    scores: computeScores(state).map((s) => ({
      country: s.country,
      name: names.get(s.country) ?? s.country,
      total: s.total,
      subtotal: s.subtotal,
      factor: s.factor,
      objectivesMet: s.objectives.filter((o) => o.met).length,
      objectives: s.objectives.length,
    })),
    series: metricSeries(analysis),
    agreements: { total: agreements.length, byType, byFate },
  };
}
