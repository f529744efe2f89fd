/** Event cards (scenario or custom) change the world through these effects. */
import type { Effect } from "../scenario/schema.ts";
import { bumpCapability, bumpCapital, bumpMetric, bumpTable } from "./ledger.ts";
import type { GameState } from "./types.ts";
import type { Sector } from "./vocabulary.ts";
import type { Text } from "./text.ts";

/** Expands a target ("all", "seats", a bloc, or a country id) to country ids. */
export function targetIds(state: GameState, target: string): string[] {
  const cs = state.scenario.countries;
  switch (target) {
    case "all":
      return cs.map((c) => c.id);
    case "seats":
      return cs.filter((c) => c.control === "seat").map((c) => c.id);
    case "alliance":
    case "rival":
    case "swing":
    case "partner":
      return cs.filter((c) => c.bloc === target).map((c) => c.id);
    default:
      return state.countries[target] ? [target] : [];
  }
}

export function addRestriction(state: GameState, by: string, sector: Sector, on: string[], rounds: number, cause: Text) {
  const targets = on.filter((id) => id !== by);
  if (!targets.length) return;
  state.restrictions.push({ id: `R${state.nextRestriction++}`, by, sector, on: targets, untilRound: state.round + rounds - 1, cause });
}

export function applyEffects(state: GameState, effects: readonly Effect[], label: Text) {
  for (const e of effects) {
    switch (e.kind) {
      case "metric":
        for (const id of targetIds(state, e.target)) bumpMetric(state, id, e.metric, e.amount, label);
        break;
      case "table":
        bumpTable(state, e.metric, e.amount, label);
        break;
      case "capability":
        for (const id of targetIds(state, e.target)) bumpCapability(state, id, e.sector, e.amount, label);
        break;
      case "capital":
        for (const id of targetIds(state, e.target)) bumpCapital(state, id, e.amount, label);
        break;
      case "stance": {
        const c = state.countries[e.target];
        if (c) c.stance = e.stance;
        break;
      }
      case "restriction":
        addRestriction(state, e.by, e.sector, targetIds(state, e.on), e.rounds, label);
        break;
    }
  }
}
