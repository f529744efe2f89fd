/**
 * Previews are kept with the state they were computed on (shared/engine/preview.ts): the
 * answer from the cache must be the answer a fresh computation gives, for every seat, for
 * drafts and for open offers, and a new state (after any action) must not see old answers.
 */
import { describe, expect, it } from "vitest";
import { preview, seatIds, type GameState } from "../../shared/engine/index.ts";
import { agree, classroom, draft, negotiating } from "./helpers.ts";

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
});
