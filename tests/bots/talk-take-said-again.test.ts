/**
 * "Will you sign a supply deal with us?", "Why?", "What would it take?": where the supply deal the
 * bot named does not pay for it and no small change of it would, the third answer referred the
 * asker back to the reason it had just given, instead of saying the same deal and the same numbers
 * a third time (a newcomer's walkthrough of Play now, Japan asked by the United States in
 * classroom-quick). docs/RULES.md, "Follow-ups".
 */
import { describe, expect, it } from "vitest";
import { negotiating, say, words, zhWords } from "./helpers.ts";

describe("“what would it take?” after the reasons of a deal that pays in no form", () => {
  it("China says once that no change of that supply deal would do, and does not repeat its numbers", () => {
    const s = negotiating();
    const first = say(s, "Will you sign a supply deal with us?", "US", "CN");
    expect(first.said.key, words(first.said)).toBe("bot.dm.offerNoneWhy");
    const why = say(first.state, "Why?", "US", "CN");
    const take = say(why.state, "What would it take?", "US", "CN");
    const en = words(take.said);
    expect(en).toMatch(/^As we said, no small change makes this deal pay for us: Critical minerals from China to the United States: .*, over 4 rounds\./);
    // The numbers once, not a third time.
    expect(en).not.toContain("rival camp");
    expect(zhWords(take.said)).toMatch(/^如前所述，这项为期 4 轮的协议做小幅修改也不会对我方有利：/);
  });

  it("without the “why?” between them: the first answer gave the numbers, so it refers back to them too", () => {
    const s = negotiating();
    const first = say(s, "Will you sign a supply deal with us?", "US", "CN");
    const take = say(first.state, "What would it take?", "US", "CN");
    expect(words(take.said)).toMatch(/^As we said, no small change makes this deal pay for us: /);
    expect(words(take.said)).not.toContain("rival camp");
  });
});
