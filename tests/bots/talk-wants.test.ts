/**
 * "What do you want (from us)?" asks what the bot wants most with the asker, not about the deal
 * last discussed, which "what would it take?" follows up (docs/RULES.md, the questions table);
 * and a rule of the engine's quoted inside a bot's sentence reads on from it. Found by a tester
 * in Alliance 2021.
 */
import { describe, expect, it } from "vitest";
import { parseIntent } from "../../shared/bots/intents.ts";
import { text, type Text } from "../../shared/engine/text.ts";
import { negotiating, offer, say, words, zhWords } from "./helpers.ts";

const ID = "alliance-2021";
const en = (t: Text) => words(t, ID);

/** The Netherlands' broad minerals control on China, which Australia declines, asked about in their channel. */
function declined() {
  const o = offer(negotiating(ID), "NL", { terms: { type: "export-control", sector: "minerals", tier: "broad", target: "CN" }, parties: ["NL", "AU"], duration: 2 });
  const why = say(o.state, "why did you decline our export control deal?", "NL", "AU");
  expect(en(why.said)).toMatch(new RegExp(`^We declined ${o.id}:`));
  return { id: o.id, state: why.state };
}

describe("“what do you want from us?” after a deal was discussed", () => {
  it("is read as what the bot wants, in English and Chinese", () => {
    for (const q of ["what do you want from us?", "what do you want most this round, and why?", "What are you looking for?", "你们想从我们这里得到什么？", "你们最想要什么，为什么？"]) expect(parseIntent(q), q).toMatchObject({ kind: "take", wants: true });
    for (const q of ["what would it take?", "需要什么条件？", "你们需要什么条件？", "what would you want for it?"]) expect(parseIntent(q), q).not.toHaveProperty("wants");
  });

  it("names the deal with the asker it values most, not the declined deal last discussed", () => {
    const { id, state } = declined();
    for (const q of ["what do you want most this round, and why?", "what do you want from us?", "你们想从我们这里得到什么？为什么？"]) {
      const r = say(state, q, "NL", "AU");
      expect(en(r.said), q).not.toMatch(new RegExp(`\\b${id}\\b`));
      expect(r.said.key, `${q}: ${en(r.said)}`).toBe("bot.dm.offer");
      expect(zhWords(r.said, ID)).toMatch(/^我方会签署这项为期 \d 轮的协议/);
    }
  });

  it("“what would it take?” still follows up the deal discussed", () => {
    const { id, state } = declined();
    const r = say(state, "what would it take?", "NL", "AU");
    expect(en(r.said)).toMatch(new RegExp(`\\b${id}\\b`));
  });
});

describe("“what would you want for it?” after the bot named a deal by its terms", () => {
  it("answers on that deal, as “what would it take?” on a deal does: here nothing more, it would sign it as it stands, not another deal of its kind", () => {
    // Australia sells critical minerals; the Netherlands asks to buy them at 0.3.
    const offered = say(negotiating(ID), "Would you sell us minerals at 0.3?", "NL", "AU");
    expect(offered.said.key).toBe("bot.dm.offer");
    expect(en(offered.said)).toMatch(/Critical minerals from Australia to the Netherlands: \d units a round at 0\.3 capital each/);
    for (const q of ["What would you want for it?", "What would you want in return?", "你们想要什么作为交换？"]) {
      const r = say(offered.state, q, "NL", "AU");
      // Not the deal turned round ("the Netherlands has too little critical minerals capability…"), nor one of another type instead.
      expect(en(r.said), q).toMatch(/^Nothing more\. We would sign that deal as it stands: it brings us .*selling critical minerals/);
      expect(zhWords(r.said, ID), q).toMatch(/^无需其他条件。我方会按现有条款签署那项协议：/);
      expect(r.draft, q).toEqual(offered.draft);
    }
  });

  it("“What would it take?” on a deal of its kind it would sign as named: the same answer", () => {
    const offered = say(negotiating(ID), "Would you join a screening pact?", "NL", "AU");
    expect(offered.said.key).toBe("bot.dm.offer");
    const r = say(offered.state, "What would it take?", "NL", "AU");
    expect(en(r.said)).toMatch(/^Nothing more\. We would sign that deal as it stands: /);
  });
});

describe("a rule quoted inside a bot's sentence", () => {
  it("reads on in English (“…this round: a regime cannot…”), and stands as the engine words it alone", () => {
    const rule = text("refusal.regimeTargetsMember");
    expect(words(text("bot.dm.offerNoneRule", { what: text("bot.dm.anyDeal"), rule }))).toBe("No deal with you is open to us this round: a regime cannot target one of its own members.");
    expect(words(rule)).toBe("A regime cannot target one of its own members.");
  });
});
