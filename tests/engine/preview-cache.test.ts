/**
 * Previews are kept with the parts of the state a round's resolution reads (shared/engine/
 * preview.ts): the answer from the cache must be the answer a fresh computation gives, for
 * every seat, for drafts and for open offers, and a state whose round differs (or whose offer
 * was amended) must not see old answers.
 */
import { describe, expect, it } from "vitest";
import { getScenario } from "../../server/scenarios.ts";
import { randomDraft, randomSeatAction } from "../../shared/bots/random-bot.ts";
import { AGREEMENT_TYPES, apply, createGame, nextRandom, preview, seatIds, seedFrom, type Action, type GameState } from "../../shared/engine/index.ts";
import { agree, classroom, draft, negotiating, ok, seat, shippedScenarios } from "./helpers.ts";

/** The same state as a new object: nothing is cached for it. */
const fresh = (state: GameState): GameState => structuredClone(state);

describe("preview cache", () => {
  const base = negotiating(classroom());
  const seats = seatIds(base);
  const rnd = (a: string, b: string, contribution: number) => ({ draft: draft({ terms: { type: "rnd", sector: "ai", contribution }, parties: [a, b], duration: 2 }) });

  it("gives every seat, asking twice, what a fresh computation gives", () => {
    for (const [i, s] of seats.entries()) {
      const subject = rnd(s, seats[(i + 1) % seats.length]!, 1 + i);
      const first = preview(base, s, subject);
      expect(first.ok).toBe(true);
      expect(preview(base, s, subject)).toEqual(first);
      expect(preview(fresh(base), s, subject)).toEqual(first);
    }
  });

  it("answers an open offer as a fresh computation does, next to drafts of the same state", () => {
    const [a, b, c] = seats as [string, string, string];
    const { state, id } = agree(base, a, { terms: { type: "rnd", sector: "ai", contribution: 4 }, parties: [a, b], duration: 2 });
    preview(state, c, rnd(c, a, 2)); // the round without any new deal, resolved once for this state
    const offer = preview(state, b, { agreementId: id });
    expect(offer.ok).toBe(true);
    expect(offer).toEqual(preview(fresh(state), b, { agreementId: id }));
    expect(preview(state, c, rnd(c, a, 2))).toEqual(preview(fresh(state), c, rnd(c, a, 2)));
  });

  it("a new state computes anew: an action that changes the round changes the preview", () => {
    const [a, b] = seats as [string, string];
    const subject = rnd(a, b, 3);
    const before = preview(base, a, subject);
    // Another deal signed by both (it takes force at resolution) changes what the round brings.
    const { state } = agree(base, a, { terms: { type: "rnd", sector: "ai", contribution: 5 }, parties: [a, b], duration: 2 }, [b]);
    const after = preview(state, a, subject);
    expect(after).toEqual(preview(fresh(state), a, subject));
    expect(after).not.toEqual(before);
  });

  it("after chat lines, a ready, a new channel and an open offer (nothing the round resolves), answers as a fresh computation does", () => {
    const [a, b, c] = seats as [string, string, string];
    const { state: offered, id } = agree(base, a, { terms: { type: "rnd", sector: "ai", contribution: 4 }, parties: [a, b], duration: 2 }, [b]);
    const subject = rnd(c, a, 2);
    const first = preview(offered, c, subject);
    let state = offered;
    for (const [i, move] of [
      { type: "chat" as const, channel: "plenary", text: "line 1" },
      { type: "ready" as const, ready: true },
      { type: "open-channel" as const, members: [a] },
      { type: "chat" as const, channel: "plenary", text: "line 2" },
    ].entries()) {
      state = ok(state, seat(i === 2 ? c : b), move);
      expect(preview(state, c, subject)).toEqual(preview(fresh(state), c, subject));
      expect(preview(state, a, { agreementId: id })).toEqual(preview(fresh(state), a, { agreementId: id }));
    }
    expect(preview(state, c, subject)).toEqual(first);
    // An offer between seats, open: it lapses at resolution unless signed, so the round is the same.
    const open = ok(state, seat(c), { type: "propose", draft: draft({ terms: { type: "rnd", sector: "ai", contribution: 3 }, parties: [c, b], duration: 2 }) });
    expect(preview(open, c, subject)).toEqual(preview(fresh(open), c, subject));
    expect(preview(open, c, subject)).toEqual(first);
    // A move the resolution reads after them: the round without the draft is resolved anew.
    const withdrawn = ok(state, seat(a), { type: "withdraw", agreementId: id });
    expect(preview(withdrawn, c, subject)).toEqual(preview(fresh(withdrawn), c, subject));
  });

  it("previews an amended offer anew: the answer kept for the offer before is not the one given", () => {
    const [a, b] = seats as [string, string];
    const { state, id } = agree(base, a, { terms: { type: "rnd", sector: "ai", contribution: 1 }, parties: [a, b], duration: 2 });
    const before = preview(state, b, { agreementId: id });
    const offer = state.agreements.find((x) => x.id === id)!;
    // An amendment between seats leaves every part a resolution reads as it was: only the offer is new.
    const amended = ok(state, seat(a), { type: "amend", agreementId: id, revision: offer.revision, draft: draft({ terms: { type: "rnd", sector: "ai", contribution: 5 }, parties: [a, b], duration: 2 }) });
    const after = preview(amended, b, { agreementId: id });
    expect(after).toEqual(preview(fresh(amended), b, { agreementId: id }));
    expect(after).not.toEqual(before);
  });

  it.each([...shippedScenarios().keys()])("answers as a fresh computation does on every state of seeded games of %s", (scenarioId) => {
    const scenario = getScenario(scenarioId)!;
    const rng = { rng: seedFrom(`preview-cache:${scenarioId}`) };
    let state = createGame({ scenario, settings: { seed: 11 } });
    state = ok(state, { kind: "facilitator" }, { type: "start" });
    let compared = 0;
    for (let i = 0; state.phase !== "ended" && i < 400; i++) {
      const roll = nextRandom(rng);
      const players = seatIds(state);
      const who = players[i % players.length]!;
      let action: Action | null = { actor: { kind: "system" }, move: { type: "advance" } };
      if (state.phase === "negotiation" && roll < 0.97) {
        // Chat most often, as in play (tests/bench/load/): the states between two deals differ only in it.
        action = roll < 0.5 ? { actor: seat(who), move: { type: "chat", channel: "plenary", text: `line ${i}` } } : randomSeatAction(state, who, rng);
        const type = AGREEMENT_TYPES[Math.floor(nextRandom(rng) * AGREEMENT_TYPES.length)]!;
        const subject = { draft: randomDraft(state, who, type, rng) };
        expect(preview(state, who, subject)).toEqual(preview(fresh(state), who, subject));
        const offer = state.agreements.find((x) => x.status === "proposed" && x.parties.includes(who));
        if (offer) expect(preview(state, who, { agreementId: offer.id })).toEqual(preview(fresh(state), who, { agreementId: offer.id }));
        compared++;
      }
      if (!action) continue;
      const r = apply(state, action);
      if (r.ok) state = r.state;
    }
    expect(compared).toBeGreaterThan(20);
  });
});
