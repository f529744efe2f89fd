/** Same setup + same log → same game. */
import type { Action } from "./actions.ts";
import { apply } from "./apply.ts";
import { createGame } from "./setup.ts";
import type { GameState, Setup } from "./types.ts";

/** Re-applies a log of accepted actions; a refused entry means the log does not belong to this setup. */
export function replay(setup: Setup, log: readonly Action[], upTo = log.length): GameState {
  let state = createGame(setup);
  for (let i = 0; i < upTo; i++) {
    const result = apply(state, log[i]!);
    if (!result.ok) throw new Error(`log entry ${i} (${log[i]!.move.type}) was refused on replay: ${result.error.code} ${JSON.stringify(result.error.text)}`);
    state = result.state;
  }
  return state;
}
