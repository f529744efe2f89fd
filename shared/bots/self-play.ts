/**
 * Bot-only games: the clock advances phases, and in each negotiation the seats take turns
 * (in a seeded order) until a whole pass brings no new move. Every seat has its own seeded
 * random stream, so changing one bot's behaviour leaves the others' draws untouched — the
 * balance lab replays a game with one bot keeping its word to measure what breaking it paid.
 */
import type { Action } from "../engine/actions.ts";
import { apply } from "../engine/apply.ts";
import { seedFrom, shuffle } from "../engine/rng.ts";
import { createGame, seatIds } from "../engine/setup.ts";
import type { GameState, Setup } from "../engine/types.ts";
import { botChooser, type BotOptions } from "./bot.ts";
import { randomSeatAction } from "./random-bot.ts";

export type SeatPlayer = { kind: "bot"; options?: BotOptions } | { kind: "random" };
export type Decision = { round: number; seat: string; move: Action["move"]["type"]; reason: string };
export type BotGame = {
  state: GameState;
  log: Action[];
  decisions: Decision[];
  /** Moves the engine refused (the random player's guesses can be refused; a bot's never should). */
  refused: number;
  /** Of those, moves chosen by a negotiating bot. */
  botRefused: number;
};

export type BotGameOptions = {
  /** Most passes over the seats in one negotiation. */
  maxPasses?: number;
  /** Keep every decision's reason (for the debrief and tests); off for speed. */
  reasons?: boolean;
};

export function playBotGame(setup: Setup, players: Record<string, SeatPlayer>, options: BotGameOptions = {}): BotGame {
  const maxPasses = options.maxPasses ?? 10;
  let state = createGame(setup);
  const log: Action[] = [];
  const decisions: Decision[] = [];
  let refused = 0;
  let botRefused = 0;
  const seats = seatIds(state);
  const rngs = new Map(seats.map((s) => [s, { rng: seedFrom(`bot:${setup.settings.seed}:${s}`) }]));
  const order = { rng: seedFrom(`order:${setup.settings.seed}`) };
  const step = (action: Action): boolean => {
    const result = apply(state, action);
    if (!result.ok) {
      refused++;
      return false;
    }
    state = result.state;
    log.push(action);
    return true;
  };
  step({ actor: { kind: "facilitator" }, move: { type: "start" } });
  while (state.phase !== "ended") {
    if (state.phase === "negotiation") {
      const turnOrder = shuffle(order, seats);
      // A bot that had nothing to do is asked again only when an offer naming it changed.
      const idle = new Map<string, string>();
      for (let pass = 0; pass < maxPasses && state.phase === "negotiation"; pass++) {
        let moved = false;
        for (const seat of turnOrder) {
          const player = players[seat] ?? { kind: "bot" };
          if (player.kind === "bot" && idle.get(seat) === inbox(state, seat)) continue;
          const rng = rngs.get(seat)!;
          let action: Action | null = null;
          let reason = "";
          if (player.kind === "random") action = randomSeatAction(state, seat, rng);
          else {
            const d = botChooser(state, seat, rng, player.options);
            if (d) ({ action, reason } = d);
          }
          if (!action || (action.move.type === "ready" && state.ready.includes(seat))) {
            if (player.kind === "bot") idle.set(seat, inbox(state, seat));
            continue;
          }
          if (step(action)) {
            moved = true;
            if (options.reasons) decisions.push({ round: state.round, seat, move: action.move.type, reason });
          } else if (player.kind === "bot") botRefused++;
        }
        if (!moved) break;
      }
    }
    step({ actor: { kind: "system" }, move: { type: "advance" } });
  }
  return { state, log, decisions, refused, botRefused };
}

/** What a seat could react to: the open offers that name it, at their revisions and signatures. */
function inbox(state: GameState, seat: string): string {
  let key = "";
  for (const id in state.agreements) {
    const a = state.agreements[id]!;
    if (a.status === "proposed" && a.parties.includes(seat)) key += `${id}.${a.revision}.${a.signatures.length};`;
  }
  return key;
}
