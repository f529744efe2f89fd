/**
 * Capital a round each ("如果我们每轮各投入 2 资金呢？", "what if we each put in 2 capital a round?")
 * is a term of joint research alone (docs/RULES.md, "Talking to a bot"). Asked in a private
 * channel after the bot had named a standards coalition, it got "We see no standards coalition
 * with you that would pay for us": an answer about the deal discussed, which has no such term,
 * not about the capital asked. It is now answered about joint research with those terms.
 */
import { describe, expect, it } from "vitest";
import { parseIntent } from "../../shared/bots/intents.ts";
import { negotiating, say, words, zhWords } from "./helpers.ts";

describe("capital a round each, asked after another deal was discussed", () => {
  it("is read as joint research", () => {
    expect(parseIntent("如果我们每轮各投入 2 资金呢？")).toMatchObject({ kind: "if", type: "rnd", terms: { contribution: 2 } });
    expect(parseIntent("what if we each put in 2 capital a round?")).toMatchObject({ kind: "if", type: "rnd", terms: { contribution: 2 } });
  });

  for (const [first, then] of [
    ["你们想从我们这里得到什么？", "如果我们每轮各投入 2 资金呢？"],
    ["What do you want from us?", "what if we each put in 2 capital a round?"],
  ] as const) {
    it(`gets an answer about joint research at 2 capital a round: ${then}`, () => {
      const asked = say(negotiating(), first, "CN", "US");
      expect(words(asked.said)).toContain("open RAN");
      const r = say(asked.state, then, "CN", "US");
      expect(r.said.key).not.toBe("bot.dm.offerNoneType");
      expect(words(r.said)).toContain("Joint AI & compute research by the United States and China, 2 capital each a round");
      expect(zhWords(r.said)).toContain("联合研发，各方每轮投入 2 资金");
      expect(words(r.said)).not.toMatch(/standards coalition/);
    });
  }
});
