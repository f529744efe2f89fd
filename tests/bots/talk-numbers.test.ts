/**
 * A number a question puts on no term word ("would you accept 0.3 instead?") is valued as the one
 * term of the deal discussed it can be, or the bot asks which where it could be several; terms
 * alone ("and at 0.5?") are a what-if on that deal (docs/RULES.md, "Talking to a bot": terms with
 * a number). Found by a tester on a supply offer in Alliance 2021.
 */
import { describe, expect, it } from "vitest";
import type { Text } from "../../shared/engine/text.ts";
import { negotiating, offer, say, words, zhWords } from "./helpers.ts";

const ID = "alliance-2021";
const en = (t: Text) => words(t, ID);
const zh = (t: Text) => zhWords(t, ID);

/** Australia's offer to sell the Netherlands 2 units of minerals a round at 0.5, discussed in their channel. */
function supplyOffer() {
  const o = offer(negotiating(ID), "AU", { terms: { type: "supply", sector: "minerals", suppliers: ["AU"], buyers: ["NL"], volume: 2, price: 0.5 }, parties: ["AU", "NL"], duration: 2 });
  const first = say(o.state, `Why did you propose ${o.id}?`, "NL", "AU");
  return { id: o.id, state: first.state };
}

describe("a bare number on a supply deal", () => {
  it("“would you accept 0.3 instead?” is the price 0.3, as “at 0.3” is, not the deal as it stands", () => {
    const { id, state } = supplyOffer();
    const at = say(state, `would you accept ${id} at 0.3?`, "NL", "AU");
    for (const q of ["would you accept 0.3 instead?", `would you accept 0.3 on ${id}?`, "你们能接受 0.3 吗？", `如果改成 0.3 呢？`]) {
      const r = say(state, q, "NL", "AU");
      expect(r.said, `${q}: ${en(r.said)}`).toEqual(at.said);
      expect(en(r.said)).toMatch(/price 0\.5 → 0\.3/);
      expect(zh(r.said)).toMatch(/价格从 0\.5 改为 0\.3/);
    }
  });

  it("a number that could be the price or the volume is asked about, never answered as the deal as it stands", () => {
    const { id, state } = supplyOffer();
    for (const q of ["would you accept 3 instead?", "你们能接受 3 吗？"]) {
      const r = say(state, q, "NL", "AU");
      expect(r.said.key, en(r.said)).toBe("bot.dm.figureWhich");
      expect(en(r.said)).toBe(`3 could be more than one term of ${id} (its price and volume): say which, as in “at 3” for a price, “3 units a round” for a volume, “3% interest” or “a loan of 3”, and we will answer.`);
      expect(zh(r.said)).toMatch(new RegExp(`^3 可以是 ${id} 的不止一项条款（价格和数量）`));
    }
    // One is one unit a round, not "1 units".
    const one = say(state, "would you accept 1 instead?", "NL", "AU");
    expect(one.said.key, en(one.said)).toBe("bot.dm.figureWhich");
    expect(en(one.said)).toContain("“1 unit a round” for a volume");
    expect(zh(one.said)).toContain("数量说“每轮 1 单位”");
  });

  it("“and at 0.5?” after a discussion is a what-if on the deal discussed, not the note of what it answers", () => {
    const { id, state } = supplyOffer();
    const lower = say(state, `would you accept ${id} at 0.3?`, "NL", "AU");
    for (const q of ["and at 0.5?", "单价 0.5 呢？"]) {
      const r = say(lower.state, q, "NL", "AU");
      expect(r.said.key, `${q}: ${en(r.said)}`).not.toMatch(/^bot\.dm\.help/);
      expect(en(r.said)).toMatch(new RegExp(`^We would sign ${id} as it stands`));
    }
  });
});

describe("a bare number with no deal discussed", () => {
  it("asks which deal it is for, never names another deal with other terms changed", () => {
    for (const q of ["would you accept 0.3 instead?", "你们能接受 0.3 吗？"]) {
      const r = say(negotiating(ID), q, "NL", "AU");
      expect(r.said.key, en(r.said)).toBe("bot.dm.figureNoDeal");
      expect(en(r.said)).toBe("Which deal would you put 0.3 on? Name it by its id, and the term (“at 0.3” for a price), and we will answer.");
      expect(zh(r.said)).toMatch(/^你方想把 0\.3 用在哪项协议上？/);
    }
  });
});
