/**
 * Pressure from event cards (docs/RULES.md §2): a card that once imposed a historical policy
 * now leaves the choice to the seats that hold it. At the resolution of the round the card was
 * played, its pressures look for an export-control regime in force of the kind they name;
 * without one, the `unless` effects apply, with one, the `met` effects.
 */
import type { Pressure } from "../scenario/schema.ts";
import { reaches, regimeEffectiveness, regimeTargets } from "./agreements/export-control.ts";
import { applyEffects } from "./effects.ts";
import { ref, text } from "./text.ts";
import type { GameState } from "./types.ts";
import { inForce } from "./world.ts";

/** Whether a regime in force answers the pressure's demand. */
export function pressureMet(state: GameState, p: Pressure): boolean {
  const want = p.regime;
  return inForce(state, "export-control").some(
    (a) =>
      a.terms.type === "export-control" &&
      a.terms.sector === want.sector &&
      want.members.every((m) => a.parties.includes(m)) &&
      regimeTargets(state, a).includes(want.target) &&
      reaches(regimeEffectiveness(state, a), want.atLeast),
  );
}

/** Applies the pressures of this round's scenario cards (step 10 of the resolution). */
export function resolvePressures(state: GameState) {
  for (const played of state.events) {
    if (played.round !== state.round || played.custom) continue;
    const card = state.scenario.events.find((e) => e.id === played.id);
    for (const p of card?.pressures ?? []) {
      const met = pressureMet(state, p);
      applyEffects(state, met ? p.met : p.unless, text(met ? "cause.pressureMet" : "cause.pressure", { title: ref("event", played.id) }));
    }
  }
}
