/** Same setup + same log → same game. */
import type { Action } from "./actions.ts";
import { apply } from "./apply.ts";
import { createGame } from "./setup.ts";
import type { Text } from "./text.ts";
import type { GameState, Setup } from "./types.ts";
import type { Scenario } from "../scenario/schema.ts";

/**
 * A stored log entry the rules refuse on replay: the log does not belong to this setup, or it
 * was played under rules that have changed since (a move a later rule forbids, such as a second
 * export-control regime: docs/RULES.md). `index` counts from 0; `code` and `text` are the
 * engine's refusal (its catalog text, for a reader's own language). `scenario`: the setup's,
 * whose names a reader without the game's scenario needs to name the countries, standards and
 * cards that text refers to (server/said.ts `REPLAY_REFUSED`); not enumerable, so that a log line
 * or a JSON of the error does not carry the whole scenario.
 */
export class ReplayRefused extends Error {
  override readonly name = "ReplayRefused";
  declare readonly scenario?: Scenario;
  constructor(
    readonly index: number,
    readonly move: string,
    readonly code: string,
    readonly text: Text,
    scenario?: Scenario,
  ) {
    super(`log entry ${index} (${move}) was refused on replay: ${code} ${JSON.stringify(text)}`);
    if (scenario) Object.defineProperty(this, "scenario", { value: scenario, enumerable: false });
  }
}

/** Re-applies a log of accepted actions; a refused entry throws `ReplayRefused`. */
export function replay(setup: Setup, log: readonly Action[], upTo = log.length): GameState {
  let state = createGame(setup);
  for (let i = 0; i < upTo; i++) {
    const result = apply(state, log[i]!);
    if (!result.ok) throw new ReplayRefused(i, log[i]!.move.type, result.error.code, result.error.text, setup.scenario);
    state = result.state;
  }
  return state;
}
