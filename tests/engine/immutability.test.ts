/**
 * `apply` and `preview` never change the state they are given (shared/engine/apply.ts): a
 * player's move copies only the parts it changes and shares the rest with the state before
 * it, so a step that wrote into a shared part would corrupt the history the server, replay
 * and previews rely on. Every state here is deep-frozen before the next action: a write into
 * a shared part throws. Seeded games of seats, the facilitator and the clock on every shipped
 * scenario, and the golden logs, must run without one.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { getScenario } from "../../server/scenarios.ts";
import { randomDraft, randomSeatAction } from "../../shared/bots/random-bot.ts";
import { AGREEMENT_TYPES, apply, createGame, nextRandom, preview, replay, seatIds, seedFrom, type Action, type GameState, type Move, type Settings } from "../../shared/engine/index.ts";
import { shippedScenarios } from "./helpers.ts";

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** Applies on a frozen state: a write into anything the new state shares with it throws. */
function step(state: GameState, action: Action): GameState {
  const r = apply(deepFreeze(state), action);
  return r.ok ? r.state : state;
}

const FACILITATOR_MOVES = (state: GameState, roll: number, i: number): Move => {
  const card = state.deck[0];
  const seat = seatIds(state)[i % seatIds(state).length]!;
  const moves: Move[] = [
    { type: "broadcast", text: `Broadcast ${i}` },
    { type: "custom-event", title: `Inject ${i}`, text: "A custom card.", effects: [{ kind: "metric", target: seat, metric: "trust", amount: -2 }] },
    { type: "set-comms", channels: roll < 0.5 ? "same-bloc" : "open", facilitatorReadsPrivate: roll < 0.3 },
    ...(card ? [{ type: "play-event" as const, cardId: card }] : []),
    ...state.matrix.filter((m) => m.status === "pending").map((m) => ({ type: "rule-matrix" as const, matrixId: m.id, ruling: "roll" as const, odds: 0.5, effects: [], note: "" })),
  ];
  return moves[Math.floor(roll * moves.length)]!;
};

describe("apply and preview leave the given state untouched", () => {
  it.each([...shippedScenarios().keys()])("seeded games of %s", (id) => {
    const scenario = getScenario(id)!;
    for (const seed of [1, 2, 3]) {
      const rng = { rng: seedFrom(`immutability:${id}:${seed}`) };
      let state = step(createGame({ scenario, settings: { seed } }), { actor: { kind: "facilitator" }, move: { type: "start" } });
      let actions = 0;
      for (let i = 0; state.phase !== "ended" && i < 600; i++) {
        const roll = nextRandom(rng);
        const seats = seatIds(state);
        const seat = seats[i % seats.length]!;
        let action: Action | null;
        if (state.phase === "negotiation" && roll < 0.85) {
          action = roll < 0.1 ? { actor: { kind: "seat", seat, roles: ["diplomat", "regulator", "envoy"] }, move: { type: "chat", channel: "plenary", text: `line ${i}` } } : randomSeatAction(state, seat, rng);
          // A preview on the frozen state, of a fresh draft and of an open offer.
          const type = AGREEMENT_TYPES[Math.floor(nextRandom(rng) * AGREEMENT_TYPES.length)]!;
          preview(deepFreeze(state), seat, { draft: randomDraft(state, seat, type, rng) });
          const offer = state.agreements.find((a) => a.status === "proposed" && a.parties.includes(seat));
          if (offer) preview(state, seat, { agreementId: offer.id });
        } else if (roll < 0.93) action = { actor: { kind: "facilitator" }, move: FACILITATOR_MOVES(state, nextRandom(rng), i) };
        else action = { actor: { kind: "system" }, move: { type: "advance" } };
        if (!action) continue;
        const before = state;
        state = step(state, action);
        if (state !== before) actions++;
      }
      expect(actions).toBeGreaterThan(20);
    }
  });

  it("golden logs, replayed on frozen states, reach the same end as a plain replay", () => {
    const dir = join(import.meta.dirname, "..", "golden");
    for (const file of readdirSync(dir).filter((f) => f.endsWith(".json"))) {
      const g = JSON.parse(readFileSync(join(dir, file), "utf8")) as { scenario: string; settings: Partial<Settings> & { seed: number | string }; log: Action[] };
      const setup = { scenario: getScenario(g.scenario)!, settings: g.settings };
      let state = createGame(setup);
      for (const action of g.log) {
        const r = apply(deepFreeze(state), action);
        expect(r.ok, `${file}: ${action.move.type}`).toBe(true);
        if (r.ok) state = r.state;
      }
      expect(JSON.stringify(state)).toBe(JSON.stringify(replay(setup, g.log)));
    }
  });
});
