/**
 * A translation states the English's numbers: values, not spellings, so Chinese formatting
 * (亿 and 万, Chinese numerals, dates written 2021年3月12日) passes and a changed figure does not.
 */
import { describe, expect, it } from "vitest";
import { chineseNumbers, englishNumbers, missingNumbers } from "../../shared/scenario/numbers.ts";

describe("numbers in a text and its translation", () => {
  it("reads English figures with separators, decimals and scale words", () => {
    expect(englishNumbers("$52.7bn, 1,200 firms, 98.8% and $600 billion by 2027").map((n) => n.value)).toEqual([52.7e9, 1200, 98.8, 600e9, 2027]);
  });

  it("reads Chinese figures: digits with 万/亿, and Chinese numerals", () => {
    expect(chineseNumbers("527 亿美元")).toContain(52.7e9);
    expect(chineseNumbers("1.2万人")).toContain(12000);
    expect(chineseNumbers("三轮、两个席位、二十一类")).toEqual(expect.arrayContaining([3, 2, 21]));
  });

  it.each([
    ["60% of the world's output", "全球 60% 的产量"],
    ["$52.7bn for fabs", "为晶圆厂投入 527 亿美元"],
    ["12 Mar 2021", "2021年3月12日"],
    ["for 3 rounds", "持续三轮"],
    ["Netherlands trust −3, cohesion −2", "荷兰信誉 −3，同盟凝聚力 −2"],
  ])("%s → %s: nothing missing", (english, chinese) => {
    expect(missingNumbers(english, chinese, "zh-CN")).toEqual([]);
  });

  it("names what a stale translation lost", () => {
    expect(missingNumbers("Hold 60% of the regime's members.", "占出口管制机制成员的 80%。", "zh-CN")).toEqual(["60"]);
    expect(missingNumbers("cohesion rises 3", "同盟凝聚力上升 2", "zh-CN")).toEqual(["3"]);
    // A digit inside a longer number is not the number: 6 is not in 60.
    expect(missingNumbers("6 rounds", "60 轮", "zh-CN")).toEqual(["6"]);
  });
});
