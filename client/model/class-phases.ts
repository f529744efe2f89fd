/**
 * The class console's "End the …" buttons: one for each phase some table is in, naming the
 * tables in it. The command names the phase, so a table in another phase (ahead of the others,
 * or behind) is left as it is (server/classes/routes.ts). Pure.
 */
import { ROUND_PHASES, type RoundPhase } from "../../shared/engine/vocabulary.ts";

/** Each phase that some table is in, in the round's order, with the numbers of the tables in it. */
export function phasesToEnd(tables: readonly { number: number; phase: string }[]): { phase: RoundPhase; tables: number[] }[] {
  return ROUND_PHASES.map((phase) => ({ phase, tables: tables.filter((x) => x.phase === phase).map((x) => x.number) })).filter((p) => p.tables.length > 0);
}
