/**
 * Countered back, a bot's last counter-offer stands: a player asked the United States for AI
 * at price 0, it countered 0.2, the player sent 0 back, and it countered 0.4. (The player here is
 * India: the United States, a hawk, sells China nothing at any price, tests/bots/other-side.test.ts.) Now it restates
 * its last terms (or meets the player nearer), never asks more, and says so when asked why.
 */
import { describe, expect, it } from "vitest";
import { botContext } from "../../shared/bots/context.ts";
import { decideBotAction } from "../../shared/bots/bot.ts";
import { agreementById } from "../../shared/engine/world.ts";
import type { GameState } from "../../shared/engine/index.ts";
import { act, negotiating, offer, say, seatActor, words, zhWords } from "./helpers.ts";

function priceOf(state: GameState, id: string): number {
  const t = agreementById(state, id)!.terms;
  return t.type === "supply" ? t.price : NaN;
}

describe("a bot's counter-offer countered back", () => {
  for (const volume of [1, 3]) {
    it(`keeps its price (AI, volume ${volume}) and explains why`, () => {
      let { state, id } = offer(negotiating(), "IN", { terms: { type: "supply", suppliers: ["US"], buyers: ["IN"], sector: "ai", volume, price: 0, coInvest: 0 }, parties: [], duration: 4 });
      // One stream for the seat, as the server keeps it: its notes remember its counter.
      const rng = { rng: 12345 };
      const asked: number[] = [];
      for (let i = 0; i < 2; i++) {
        const d = decideBotAction(botContext(state, "US"), rng)!;
        expect(d.action.move.type, `answer ${i + 1}`).toBe("amend");
        state = act(state, { ...d.action, ...(d.reason ? { reason: d.reason } : {}) });
        asked.push(priceOf(state, id));
        if (i === 0) {
          // The player sends its own price back.
          const a = agreementById(state, id)!;
          state = act(state, { actor: seatActor("IN"), move: { type: "amend", agreementId: id, revision: a.revision, draft: { terms: { ...a.terms, price: 0 } as typeof a.terms, parties: a.parties, duration: a.duration } } });
        }
      }
      expect(asked[0]).toBeGreaterThan(0);
      expect(asked[1], `countered ${asked[0]}, then ${asked[1]}`).toBeLessThanOrEqual(asked[0]!);
      const why = say(state, `why did you counter ${id} again?`, "IN", "US");
      expect(words(why.said)).toMatch(new RegExp(`^Our last offer on ${id} stands: price 0 → ${asked[0]}.*does not make us ask more\\.`));
      expect(zhWords(why.said)).toMatch(new RegExp(`^我方对 ${id} 的上一次报价不变：`));
    });
  }
});
