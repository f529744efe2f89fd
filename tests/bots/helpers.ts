/** Shared fixtures for the bot tests: shipped scenarios and a game in round 1's negotiation. */
import { getScenario } from "../../server/scenarios.ts";
import { apply, createGame, DraftSchema, ROLES, type Action, type DraftInput, type GameState } from "../../shared/engine/index.ts";
import type { Scenario } from "../../shared/scenario/schema.ts";

export function scenario(id = "classroom-quick"): Scenario {
  const s = getScenario(id);
  if (!s) throw new Error(`assets/scenarios/${id}.json is missing`);
  return s;
}

export function act(state: GameState, action: Action): GameState {
  const r = apply(state, action);
  if (!r.ok) throw new Error(`refused ${action.move.type}: ${r.error.code} ${r.error.text.key}`);
  return r.state;
}

export const seatActor = (seat: string) => ({ kind: "seat" as const, seat, roles: [...ROLES] });

/** A game of `id` in round 1's negotiation. */
export function negotiating(id = "classroom-quick", seed: number | string = 7): GameState {
  let s = createGame({ scenario: scenario(id), settings: { seed } });
  s = act(s, { actor: { kind: "facilitator" }, move: { type: "start" } });
  s = act(s, { actor: { kind: "system" }, move: { type: "advance" } });
  return s;
}

/** `by` proposes `input`; returns the state and the new offer's id. */
export function offer(state: GameState, by: string, input: DraftInput): { state: GameState; id: string } {
  const id = `A${state.nextAgreement}`;
  return { state: act(state, { actor: seatActor(by), move: { type: "propose", draft: DraftSchema.parse(input) } }), id };
}
