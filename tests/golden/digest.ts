/** The part of a final state a golden log pins down: what a debrief would report. */
import { computeScores, tableOutcome, type GameState } from "../../shared/engine/index.ts";

export type Digest = ReturnType<typeof digest>;

export function digest(state: GameState) {
  return {
    version: state.version,
    round: state.round,
    phase: state.phase,
    crisis: state.crisis,
    table: state.table,
    outcome: tableOutcome(state).met,
    agreements: Object.fromEntries(state.agreements.map((a) => [a.id, `${a.type} ${a.status}`])),
    standards: state.standards,
    countries: Object.fromEntries(
      Object.values(state.countries).map((c) => [
        c.id,
        { stance: c.stance, connected: c.connected, falls: c.falls, capital: c.capital, metrics: c.metrics },
      ]),
    ),
    scores: computeScores(state).map((s) => ({ country: s.country, subtotal: s.subtotal, total: s.total })),
    news: state.news.length,
    messages: state.messages.length,
  };
}
