/**
 * A change of a chance (the shared targets, the crisis) in Chinese reads as a short noun phrase
 * after “带来”, “换来” or “代价是”, its number in brackets, not a clause set inside the list
 * (“带来共同目标达成的可能性提高约 4 个百分点和 …”): client/i18n/zh-CN/bots.ts, shared/bots/speech.ts
 * `partText`.
 */
import { describe, expect, it } from "vitest";
import { because, partText } from "../../shared/bots/speech.ts";
import { text } from "../../shared/engine/text.ts";
import { words, zhWords } from "./helpers.ts";

const shared = { label: "the shared targets", amount: 4.2 };
const crisis = { label: "a crisis", amount: 8.4, score: { now: 58.5, crisis: 29.3 } };

describe("chances in Chinese", () => {
  it("a deal that makes the shared targets likelier: “带来更大的共同目标达成机会（约高 4 个百分点）和 +2 国家安全”", () => {
    const v = { value: 1.2, parts: [{ ...shared, points: 0.8 }, { label: "security", points: 0.4, amount: 2 }] };
    expect(zhWords(because(v))).toBe("带来更大的共同目标达成机会（约高 4 个百分点）和 +2 国家安全");
    expect(words(because(v))).toBe("brings us a better chance that the table meets its shared targets (about 4 in 100 more) and +2 security");
  });

  it("a deal declined for what it costs the shared targets and the crisis risk: “代价是部分共同目标达成机会（约 4 个百分点）和更高的危机风险（…）”", () => {
    const v = { value: -1.5, parts: [{ ...shared, points: -0.9 }, { ...crisis, points: -0.8 }, { label: "security", points: 0.2, amount: 1 }] };
    expect(zhWords(because(v, true))).toBe(
      "代价是部分共同目标达成机会（约 4 个百分点）和更高的危机风险（约高 8 个百分点；危机会结束游戏，我方得分将从 58.5 降至 29.3），换来 +1 国家安全；整体来看，对我方为 −1.5 分",
    );
  });

  it("every size, gain or cost, is a noun phrase with no clause inside it (no 的可能性…提高, no dash)", () => {
    for (const amount of [1.3, 8.4, 31])
      for (const points of [0.5, -0.5])
        for (const part of [shared, crisis]) {
          const zh = zhWords(partText({ ...part, amount, points }, points > 0));
          expect(zh, zh).not.toMatch(/可能性|——|(提高|降低|上升|下降)约/);
          expect(zh, zh).toMatch(/^[^（]*(机会|风险)(（.*）)?$/);
          // The number, where English gives one, in the brackets.
          if (amount >= 3) expect(zh, zh).toContain(`${Math.round(amount)} 个百分点`);
        }
    // As a cost in a sentence, as a whole answer reads it.
    expect(zhWords(text("bot.body.costsOnly", { costs: partText({ ...shared, points: -0.5 }, false) }))).toBe("代价是部分共同目标达成机会（约 4 个百分点），却换不来我方所需");
  });
});
