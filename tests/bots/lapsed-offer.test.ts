/**
 * A deal that lapsed unsigned at its round's end is no longer open: asked about it in the next
 * round, a bot said "我方会按现有条款签署 A15" (it would sign A15 as it stands). Now it says A15
 * lapsed, and where it would still sign the same terms, invites the asker to propose them anew.
 */
import { describe, expect, it } from "vitest";
import { botContext } from "../../shared/bots/context.ts";
import { decideBotAction } from "../../shared/bots/bot.ts";
import { agreementById } from "../../shared/engine/world.ts";
import { act, negotiating, offer, say, words, zhWords } from "./helpers.ts";

/** India asks the United States for AI; the United States counters; the round ends with the counter unsigned. */
function lapsed() {
  let { state, id } = offer(negotiating(), "IN", { terms: { type: "supply", suppliers: ["US"], buyers: ["IN"], sector: "ai", volume: 2, price: 0, coInvest: 0 }, parties: [], duration: 4 });
  const d = decideBotAction(botContext(state, "US"), { rng: 12345 })!;
  expect(d.action.move.type).toBe("amend");
  state = act(state, { ...d.action, ...(d.reason ? { reason: d.reason } : {}) });
  for (let i = 0; i < 3 && !(state.phase === "negotiation" && state.round === 2); i++) state = act(state, { actor: { kind: "system" }, move: { type: "advance" } });
  expect(state.round).toBe(2);
  expect(agreementById(state, id)!.status).toBe("lapsed");
  return { state, id };
}

describe("a deal that lapsed", () => {
  it("is said to be closed, not signed as it stands, in English and Chinese", () => {
    const { state, id } = lapsed();
    for (const q of ["如果我们给你们 3 资金，你们愿意降低价格吗？", `Will you sign ${id}?`, `What would it take on ${id}?`]) {
      const r = say(state, q, "IN", "US");
      const en = words(r.said);
      const zh = zhWords(r.said);
      expect(en, q).toMatch(new RegExp(`${id} is closed: it lapsed unsigned\\.`));
      expect(zh, q).toMatch(new RegExp(`${id} 已关闭：未获签署而失效。`));
      expect(zh, q).not.toMatch(/按现有条款签署/);
    }
  });
});
