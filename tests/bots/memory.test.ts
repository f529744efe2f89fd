/**
 * Bots keep what their model worked out between moves (shared/bots/mind.ts `Memory`) for as long
 * as nothing the model reads has changed (the context's `epoch`: shared/bots/context.ts), and
 * keep each seat's country views while the state's countries are the same. What they keep must
 * be what they would work out afresh: whole games play move for move the same with and without
 * the memory, and a bot's view equals the engine's `viewFor` on every state of a game.
 */
import { afterEach, describe, expect, it } from "vitest";
import { botContext } from "../../shared/bots/context.ts";
import { rememberBetweenMoves } from "../../shared/bots/bot.ts";
import { playGame } from "../../shared/bots/game-loop.ts";
import { replay } from "../../shared/engine/replay.ts";
import { seatIds } from "../../shared/engine/setup.ts";
import { ROLES } from "../../shared/engine/vocabulary.ts";
import { viewFor } from "../../shared/engine/views.ts";
import { computeScores, exactTotal } from "../../shared/engine/scoring.ts";
import { act, negotiating, offer, seatActor, scenario } from "./helpers.ts";
import { agreementById } from "../../shared/engine/world.ts";
import { statesAlong } from "../engine/helpers.ts";

afterEach(() => rememberBetweenMoves(true));

describe("what bots keep between moves", () => {
  it.each([
    ["classroom-quick", ["memory:1", "memory:2"]],
    ["alliance-2021", ["memory:1"]],
  ] as const)("changes no move of a whole %s game", (id, seeds) => {
    for (const seed of seeds) {
      const setup = { scenario: scenario(id), settings: { seed } };
      rememberBetweenMoves(false);
      const fresh = playGame(setup, {}, { reasons: true });
      rememberBetweenMoves(true);
      const kept = playGame(setup, {}, { reasons: true });
      expect(kept.log.length).toBeGreaterThan(50);
      expect(kept.log).toEqual(fresh.log);
      expect(kept.decisions).toEqual(fresh.decisions);
    }
  });

  it("is kept across talk and open offers and let go once a deal is signed", () => {
    let s = negotiating();
    const before = botContext(s, "US").epoch;
    s = act(s, { actor: seatActor("JP"), move: { type: "chat", channel: "plenary", text: "hello" } });
    const proposed = offer(s, "JP", { terms: { type: "rnd", sector: "ai", contribution: 2 }, parties: ["JP", "NL"], duration: 2 });
    s = proposed.state;
    expect(botContext(s, "US").epoch).toBe(before);
    // Every seat keeps the same: what the model reads is public.
    expect(botContext(s, "NL").epoch).toBe(before);
    s = act(s, { actor: seatActor("NL"), move: { type: "sign", agreementId: proposed.id, revision: 1 } });
    expect(agreementById(s, proposed.id)!.status).toBe("signed");
    expect(botContext(s, "US").epoch).not.toBe(before);
  });

  it("gives a bot the view the engine gives a lone player of its seat, on every state of a game", () => {
    const setup = { scenario: scenario("classroom-quick"), settings: { seed: "memory:view" } };
    const { log } = playGame(setup, {});
    const seats = seatIds(replay(setup, []));
    let compared = 0;
    // About thirty states, whatever the game's length.
    const every = Math.max(1, Math.floor(log.length / 30));
    for (const [, state] of statesAlong(setup, log, every)) {
      const seat = seats[compared % seats.length]!;
      const view = botContext(state, seat).view;
      expect({ ...view, scores: view.scores, outcome: view.outcome }).toEqual(viewFor(state, { kind: "seat", seat, roles: [...ROLES] }));
      compared++;
    }
    expect(compared).toBeGreaterThan(20);
  });

  it("gives every seat the crisis scores the engine works out afresh, on every state of a game", () => {
    // The scores are kept by epoch (shared/bots/context.ts `crisisScores`): the seat asking on a
    // later state of the same epoch gets the numbers worked out for the first, which must be its own as they stand.
    const setup = { scenario: scenario("classroom-quick"), settings: { seed: "memory:crisis" } };
    const { log } = playGame(setup, {});
    const seats = seatIds(replay(setup, []));
    let asked = 0;
    let sameEpoch = 0;
    let last: object | undefined;
    for (const [i, state] of statesAlong(setup, log)) {
      const seat = seats[i % seats.length]!;
      const ctx = botContext(state, seat);
      if (ctx.epoch === last) sameEpoch++;
      last = ctx.epoch;
      const own = (crisis: boolean) => computeScores({ ...state, crisis }).find((x) => x.country === seat)!;
      expect(ctx.crisisScore!()).toEqual({ now: own(false).subtotal, crisis: exactTotal(own(true)) });
      asked++;
    }
    expect(asked).toBeGreaterThan(50);
    // Most states share their epoch with the one before: the kept numbers are what is compared.
    expect(sameEpoch).toBeGreaterThan(asked / 2);
  });
});
