/**
 * A standards coalition's sentence reads as a person would write it, in both languages, wherever
 * a deal is described (cards, ledger, builder, news, report: all render the engine's `describe`):
 * a side of one is "China alone backs …" (docs/RULES.md §4.6 lets one country back an option), and
 * an option whose name already says its technology ("State-led AI governance") is not followed by
 * "for AI governance".
 */
import { describe, expect, it } from "vitest";
import { en } from "../../client/i18n/en.ts";
import { zhCN } from "../../client/i18n/zh-CN.ts";
import { scenarioNames, translator } from "../../client/i18n/translator.ts";
import { describe as describeDeal } from "../../shared/engine/agreements/index.ts";
import { text } from "../../shared/engine/text.ts";
import { translateScenario } from "../../shared/scenario/translation.ts";
import { scenarioText } from "../../server/scenario-texts.ts";
import { getScenario } from "../../server/scenarios.ts";
import type { Agreement } from "../../shared/engine/types.ts";

const scenario = getScenario("alliance-2021")!;
const english = translator(en, "en", scenarioNames(scenario));
const chinese = translator(zhCN, "zh-CN", scenarioNames(translateScenario(scenario, scenarioText("alliance-2021", "zh-CN"))));
const coalition = (parties: string[], technology: string, option: string) => ({ parties, terms: { type: "standards", technology, option } }) as Pick<Agreement, "terms" | "parties">;

describe("a standards coalition's sentence", () => {
  it("says a side of one backs its option alone, with the technology in brackets", () => {
    const alone = describeDeal(coalition(["CN"], "6g", "integrated-6g"));
    expect(english.render(alone)).toBe("China alone backs single-vendor integrated 6G (6G networks)");
    expect(chinese.render(alone)).toBe("中国单独支持单一供应商的一体化 6G（6G 网络）");
    // Inside the news, as it is signed.
    expect(english.render(text("news.signed", { id: "A1", deal: alone }))).toBe("Signed (A1): China alone backs single-vendor integrated 6G (6G networks). It takes force at resolution.");
  });

  it("names the technology once when the option's name already says it", () => {
    const stateLed = describeDeal(coalition(["CN", "VN"], "ai-gov", "state-led"));
    expect(english.render(stateLed)).toBe("Coalition of China and Vietnam backing state-led AI governance");
    expect(chinese.render(stateLed)).toBe("中国和越南组成标准联盟，支持国家主导的人工智能治理");
    const alone = describeDeal(coalition(["CN"], "ai-gov", "state-led"));
    expect(english.render(alone)).toBe("China alone backs state-led AI governance");
    expect(chinese.render(alone)).toBe("中国单独支持国家主导的人工智能治理");
  });

  it("keeps the coalition's technology when the option does not name it", () => {
    const open = describeDeal(coalition(["US", "JP"], "ai-gov", "rights-based"));
    expect(english.render(open)).toBe("Coalition of the United States and Japan backing rights-based AI norms for AI governance");
    expect(chinese.render(open)).toBe("美国和日本组成标准联盟，在人工智能治理领域支持以权利为本的人工智能规范");
  });
});
