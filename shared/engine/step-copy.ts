/**
 * The state a step writes into (./apply.ts). A player's move changes one part of the state,
 * so it gets a new top-level object that shares everything else with the state before it
 * (structural sharing) and fresh copies of exactly the parts its step writes. Moves that run
 * rules over the whole table (the clock's advance, events, rulings, withdrawals) get the whole
 * copy of `cloneState`. tests/engine/immutability.test.ts deep-freezes every state before the
 * next action: a step that writes outside its copies throws there.
 */
import type { Move } from "./actions.ts";
import { cloneState } from "./setup.ts";
import type { GameState } from "./types.ts";
import { agreementIndex } from "./world.ts";

export function copyForMove(state: GameState, move: Move): GameState {
  switch (move.type) {
    case "chat": // replaces `messages`
    case "ready": // replaces `ready`
      return { ...state };
    case "open-channel":
      return { ...state, channels: { ...state.channels } };
    case "matrix":
      return { ...state, matrix: [...state.matrix] };
    // A deal signed by its last party adds a news item: the step replaces `news` then.
    case "propose": // adds an agreement (a new object)
    case "amend": // replaces the agreement with a new revision (a new object)
      return { ...state, agreements: state.agreements.slice() };
    case "sign": // adds a signature and a step to the agreement, and may set its status
    case "decline": {
      // Only that deal copied, found at its place: a map over every deal cost more than the step.
      const agreements = state.agreements.slice();
      const i = agreementIndex(agreements, move.agreementId);
      const a = agreements[i];
      if (a) agreements[i] = { ...a, signatures: [...a.signatures], steps: [...a.steps] };
      return { ...state, agreements };
    }
    case "advance": // the end of an event phase only opens the negotiation; other ends run rules
      return state.phase === "event" ? { ...state } : cloneState(state);
    default:
      return cloneState(state);
  }
}
