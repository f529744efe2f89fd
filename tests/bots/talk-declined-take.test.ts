/**
 * "What would it take?" naming no deal, asked of a bot just after it declined the asker's offer
 * and before anything else was discussed: about that offer (the smallest change of it the bot
 * would sign, or that no change of it would do, and why), as "why?" is, not a fresh draft of an
 * unrelated kind (docs/RULES.md, "Talking to a bot").
 */
import { describe, expect, it } from "vitest";
import { negotiating, offer, say, words, zhWords } from "./helpers.ts";

const control = (bot: string) => ({ terms: { type: "export-control" as const, sector: "semis" as const, tier: "frontier" as const, target: "CN" }, parties: ["US", bot], duration: 3 });

describe("“what would it take?” after the bot declined the asker's offer", () => {
  it.each([
    ["JP", "What would it take for you to sign it?"],
    ["NL", "What would it take?"],
    ["IN", "What would it take to sign our offer?"],
    ["TW", "你们需要什么条件？"],
    ["JP", "What would it take for you to sign our chip export-control offer?"],
    ["NL", "What would it take for the semiconductor export controls?"],
  ])("%s, asked “%s” after declining the chip export controls: about that offer", (bot, q) => {
    const o = offer(negotiating(), "US", control(bot));
    const r = say(o.state, q, "US", bot);
    expect(r.state.agreements.find((a) => a.id === o.id)!.status, "the bot declined the offer first").toBe("declined");
    const en = words(r.said);
    // The offer asked about, named, and its verdict: no change of it would do (with why), or the change that would.
    expect(en, en).toMatch(new RegExp(`^(No small change of ${o.id} makes it worth it for us: as it stands, it |We would sign ${o.id} with )`));
    expect(zhWords(r.said)).toContain(o.id);
  });

  it("a question naming another kind of deal is about that kind, not the declined offer", () => {
    const o = offer(negotiating(), "US", control("NL"));
    const r = say(o.state, "What would it take for joint research in semiconductors with us?", "US", "NL");
    expect(words(r.said)).not.toContain(o.id);
    expect(words(r.said)).toMatch(/research/);
  });

  it("a question that asks for something else still gets its own answer: “what do you want from us?” is about deals in general", () => {
    const o = offer(negotiating(), "US", control("JP"));
    const r = say(o.state, "What do you want from us?", "US", "JP");
    expect(words(r.said)).not.toContain(o.id);
  });
});
