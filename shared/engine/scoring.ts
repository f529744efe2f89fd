/**
 * Scores (docs/RULES.md §8): each country's weighted metrics plus objectives met, minus
 * government falls; halved (by the scenario's factor) for everyone when the table's shared
 * targets are not met.
 */
import type { Condition, Objective } from "../scenario/schema.ts";
import { regimeEffectiveness, regimeTargets } from "./agreements/export-control.ts";
import type { Agreement, GameState } from "./types.ts";
import { COUNTRY_METRICS, type CountryMetric } from "./vocabulary.ts";

const TOOK_FORCE = new Set(["in-force", "expired", "broken", "defaulted"]);

function within(value: number, c: { atLeast?: number; atMost?: number }): boolean {
  return (c.atLeast === undefined || value >= c.atLeast) && (c.atMost === undefined || value <= c.atMost);
}

function sectorOf(a: Agreement): string | undefined {
  const t = a.terms;
  return "sector" in t ? t.sector : undefined;
}

/** Whether a condition holds now, for a country (objectives) or for the table (`self` undefined). */
export function conditionMet(state: GameState, c: Condition, self?: string): boolean {
  const me = self ? state.countries[self] : undefined;
  const agreements = state.agreements;
  switch (c.kind) {
    case "metric":
      return !!me && within(me.metrics[c.metric], c);
    case "table":
      return within(state.table[c.metric], c);
    case "capability":
      return !!me && within(me.sectors[c.sector].capability, c);
    case "agreement":
      return (
        agreements.filter(
          (a) =>
            a.type === c.type &&
            (a.status === "in-force" || a.status === "expired") &&
            (!self || a.parties.includes(self)) &&
            (!c.sector || sectorOf(a) === c.sector) &&
            (c.with ?? []).every((w) => a.parties.includes(w)),
        ).length >= c.atLeast
      );
    case "no-agreement":
      return !agreements.some(
        (a) =>
          a.type === c.type &&
          TOOK_FORCE.has(a.status) &&
          (!self || a.parties.includes(self)) &&
          (!c.sector || sectorOf(a) === c.sector) &&
          (!c.with || c.with.some((w) => a.parties.includes(w) || aimedAt(state, a, w))),
      );
    case "connected": {
      const partner = state.countries[c.partner];
      if (!partner?.connected) return false;
      if (!c.byMe) return true;
      return agreements.some(
        (a) => a.terms.type === "loan" && a.terms.recipient === c.partner && !!self && a.terms.lenders.includes(self) && (a.built ?? 0) >= state.scenario.rules.loans.buildRounds,
      );
    }
    case "partners-connected": {
      const blocOf = (id: string) => state.scenario.countries.find((x) => x.id === id)?.bloc;
      const built = (p: string) =>
        agreements.some(
          (a) => a.terms.type === "loan" && a.terms.recipient === p && (a.built ?? 0) >= state.scenario.rules.loans.buildRounds && a.terms.lenders.some((l) => blocOf(l) === c.byBloc),
        );
      return state.scenario.countries.filter((x) => x.needs.length > 0 && state.countries[x.id]!.connected && (!c.byBloc || built(x.id))).length >= c.atLeast;
    }
    case "standard":
      return state.standards[c.technology] === c.option;
    case "regime": {
      const rival = state.scenario.rival?.country ?? state.scenario.countries.find((x) => x.bloc === "rival")?.id;
      return agreements.some(
        (a) =>
          (a.status === "in-force" || (a.status === "expired" && (a.endRound ?? 0) >= state.round)) &&
          a.terms.type === "export-control" &&
          a.terms.sector === c.sector &&
          (!self || a.parties.includes(self)) &&
          (!rival || regimeTargets(state, a).includes(rival)) &&
          regimeEffectiveness(state, a) >= c.atLeast,
      );
    }
    case "no-crisis":
      return !state.crisis;
    case "no-fall":
      return self ? (me?.falls ?? 0) === 0 : Object.values(state.countries).every((x) => x.falls === 0);
  }
}

/** Whether a regime or a statement is aimed at `country` (a named target, or a regime on everyone outside). */
function aimedAt(state: GameState, a: Agreement, country: string): boolean {
  if (a.terms.type === "export-control") return regimeTargets(state, a).includes(country);
  if (a.terms.type === "alignment") return a.terms.target === country;
  return false;
}

export type ObjectiveResult = { id: string; text: string; points: number; met: boolean; secret: boolean };
export type Score = {
  country: string;
  weighted: Record<CountryMetric, number>;
  objectives: ObjectiveResult[];
  fallPenalty: number;
  /** Points for the capital left at the end (rules.scoring.capitalValue each). */
  capital: number;
  subtotal: number;
  /** 1, or the scenario's factor when the table outcome is missed. */
  factor: number;
  total: number;
  /** The scenario's par for this country (its expected final score), when the scenario sets one. */
  par?: number;
};
export type TableOutcome = { met: boolean; targets: { text: string; met: boolean }[] };

const r1 = (x: number) => Math.round(x * 10) / 10;

export function tableOutcome(state: GameState): TableOutcome {
  const targets = state.scenario.targets.map((t) => ({ text: t.text, met: conditionMet(state, t.condition) }));
  return { met: targets.every((t) => t.met), targets };
}

function objectiveResult(state: GameState, o: Objective, self: string, secret: boolean): ObjectiveResult {
  return { id: o.id, text: o.text, points: o.points, met: conditionMet(state, o.condition, self), secret };
}

/** How far a score is above (or below) its par; undefined when the scenario sets none. */
export function againstPar(score: Pick<Score, "total" | "par">): number | undefined {
  return score.par === undefined ? undefined : r1(score.total - score.par);
}

/** Scores of every country that plays (seats and partners; not an automated rival), best first. */
export function computeScores(state: GameState): Score[] {
  const outcome = tableOutcome(state);
  const factor = outcome.met ? 1 : state.scenario.rules.scoring.missedTargetFactor;
  // Par is measured in games of the scenario's length (docs/BALANCE.md): a game set shorter or longer is not compared with it.
  const parMeasured = state.settings.rounds === state.scenario.rounds;
  const scores = state.scenario.countries
    .filter((c) => c.control !== "rival")
    .map((c) => {
      const s = state.countries[c.id]!;
      const weighted = Object.fromEntries(COUNTRY_METRICS.map((m) => [m, r1(c.weights[m] * s.metrics[m])])) as Record<CountryMetric, number>;
      const objectives = [...c.objectives.map((o) => objectiveResult(state, o, c.id, false)), objectiveResult(state, c.secret, c.id, true)];
      const fallPenalty = state.scenario.rules.scoring.fallPenalty * s.falls;
      const capital = r1(state.scenario.rules.scoring.capitalValue * Math.max(0, s.capital));
      const subtotal = r1(COUNTRY_METRICS.reduce((sum, m) => sum + weighted[m], 0) + objectives.reduce((sum, o) => sum + (o.met ? o.points : 0), 0) + capital - fallPenalty);
      return { country: c.id, weighted, objectives, fallPenalty, capital, subtotal, factor, total: r1(subtotal * factor), ...(c.par !== undefined && parMeasured ? { par: c.par } : {}) };
    });
  return scores.sort((a, b) => b.total - a.total || a.country.localeCompare(b.country));
}
