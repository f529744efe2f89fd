/**
 * Plays whole games without people: the clock advances phases, and in each negotiation every
 * seat gets a number of turns with a chooser (a random player, or a bot). Deterministic:
 * the chooser's randomness comes from its own seeded generator.
 */
import type { Action } from "../engine/actions.ts";
import { apply } from "../engine/apply.ts";
import { seedFrom } from "../engine/rng.ts";
import { createGame, seatIds } from "../engine/setup.ts";
import type { GameState, Setup } from "../engine/types.ts";

export type Chooser = (state: GameState, seat: string, rng: { rng: number }) => Action | null;
export type PlayedGame = { state: GameState; log: Action[]; refused: number };

export function playGame(setup: Setup, choose: Chooser, turnsPerSeat = 4): PlayedGame {
  let state = createGame(setup);
  const log: Action[] = [];
  let refused = 0;
  const rng = { rng: seedFrom(`players:${setup.settings.seed}`) };
  const step = (action: Action) => {
    const result = apply(state, action);
    if (!result.ok) {
      refused++;
      return;
    }
    state = result.state;
    log.push(action);
  };
  step({ actor: { kind: "facilitator" }, move: { type: "start" } });
  const seats = seatIds(state);
  while (state.phase !== "ended") {
    if (state.phase === "negotiation") {
      for (let turn = 0; turn < turnsPerSeat && state.phase === "negotiation"; turn++) {
        for (const seat of seats) {
          const action = choose(state, seat, rng);
          if (action) step(action);
        }
      }
    }
    step({ actor: { kind: "system" }, move: { type: "advance" } });
  }
  return { state, log, refused };
}
