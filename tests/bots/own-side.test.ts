/**
 * A bot never proposes, suggests or signs a deal aimed at a country of its own side: asked by
 * China "what would it take?", the United States (Play now, the classroom game) offered
 * controls by China and itself on exports of clean energy to Japan, its ally, for the security
 * the engine pays a regime by the harm done, and signed them when China proposed them.
 */
import { describe, expect, it } from "vitest";
import { botContext } from "../../shared/bots/context.ts";
import { appraise, decideBotAction } from "../../shared/bots/bot.ts";
import { negotiating, offer, say, words, zhWords } from "./helpers.ts";

const ON_JAPAN = { terms: { type: "export-control" as const, sector: "energy" as const, tier: "broad" as const, target: "JP" }, parties: ["CN", "US"], duration: 4 };

describe("a deal aimed at the bot's own side", () => {
  it("is not what the United States offers China when asked what it would take", () => {
    for (const q of ["What would it take for you to lift controls or sign anything with us?", "What would it take for you to sign anything with us?", "你们需要什么条件才会和我们签协议？"]) {
      const r = say(negotiating(), q, "CN", "US");
      expect(words(r.said), q).not.toMatch(/to Japan/);
      expect(r.draft?.terms.type === "export-control" && r.draft.terms.target === "JP", q).toBe(false);
    }
  });

  it("is declined when proposed, with the reason said in both languages", () => {
    const { state, id } = offer(negotiating(), "CN", ON_JAPAN);
    const d = decideBotAction(botContext(state, "US"), { rng: 12345 })!;
    expect(d.action.move).toMatchObject({ type: "decline", agreementId: id });
    expect(words(d.reason)).toMatch(/turning on a country of our own side/);
    expect(zhWords(d.reason)).toMatch(/与我方阵营的国家为敌/);
    expect(appraise(botContext(state, "US"), ON_JAPAN)!.value).toBeLessThan(0);
  });
});
