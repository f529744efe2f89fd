/**
 * A supply deal says what its volume counts and what its price is paid in: "4 units a round at
 * 1.3 capital each" ("1 unit" for one), a joint research deal what its contribution is: "2
 * capital each a round", a loan its sum: "Loan of 8 capital", wherever its description is shown
 * (the deals panel, the builder, the report and the bots' speech all render `describe`); Chinese
 * says "每轮 4 单位，单价 1.3 资金".
 */
import { describe, expect, it } from "vitest";
import { en } from "../../client/i18n/en.ts";
import { zhCN } from "../../client/i18n/zh-CN.ts";
import { scenarioNames, translator } from "../../client/i18n/translator.ts";
import { describe as describeDeal } from "../../shared/engine/agreements/index.ts";
import { getScenario } from "../../server/scenarios.ts";
import type { Agreement } from "../../shared/engine/types.ts";

const scenario = getScenario("classroom-quick")!;
const supply = (volume: number) => ({ parties: ["JP", "VN"], terms: { type: "supply", suppliers: ["JP"], buyers: ["VN"], sector: "semis", volume, price: 1.3, coInvest: 0 } }) as Pick<Agreement, "terms" | "parties">;

describe("a supply deal's volume", () => {
  it("is counted in units in English, one unit in the singular", () => {
    const english = translator(en, "en", scenarioNames(scenario));
    expect(english.render(describeDeal(supply(4)))).toBe("Semiconductors from Japan to Vietnam: 4 units a round at 1.3 capital each");
    expect(english.render(describeDeal(supply(1)))).toBe("Semiconductors from Japan to Vietnam: 1 unit a round at 1.3 capital each");
  });

  it("a joint research deal's contribution is said in capital", () => {
    const english = translator(en, "en", scenarioNames(scenario));
    const rnd = { parties: ["JP", "VN"], terms: { type: "rnd", sector: "quantum", contribution: 2 } } as Pick<Agreement, "terms" | "parties">;
    expect(english.render(describeDeal(rnd))).toBe("Joint quantum research by Japan and Vietnam, 2 capital each a round");
  });

  it("a co-investment and a loan's sum are said in capital too", () => {
    const english = translator(en, "en", scenarioNames(scenario));
    const co = { ...supply(4), terms: { ...supply(4).terms, coInvest: 2 } } as Pick<Agreement, "terms" | "parties">;
    expect(english.render(describeDeal(co))).toBe("Semiconductors from Japan to Vietnam: 4 units a round at 1.3 capital each, co-investing 2 capital");
    const loan = { parties: ["JP", "VN"], terms: { type: "loan", lenders: ["JP"], recipient: "VN", project: "5g", amount: 8, interest: 3, grace: 0, conditions: [] } } as unknown as Pick<Agreement, "terms" | "parties">;
    expect(english.render(describeDeal(loan))).toMatch(/^Loan of 8 capital from Japan to Vietnam /);
  });

  it("a loan's sum and a joint research deal's contribution are said in capital in both languages (贷款 20 资金, 投入 2 资金)", () => {
    const english = translator(en, "en", scenarioNames(scenario));
    const chinese = translator(zhCN, "zh-CN");
    const loan = { parties: ["JP", "VN"], terms: { type: "loan", lenders: ["JP"], recipient: "VN", project: "cable", amount: 20, interest: 3, grace: 1, conditions: [] } } as unknown as Pick<Agreement, "terms" | "parties">;
    const rnd = { parties: ["JP", "VN"], terms: { type: "rnd", sector: "quantum", contribution: 2 } } as Pick<Agreement, "terms" | "parties">;
    expect(english.render(describeDeal(loan))).toMatch(/^Loan of 20 capital from Japan to Vietnam /);
    expect(chinese.render(describeDeal(loan))).toMatch(/提供贷款 20 资金，/);
    expect(chinese.render(describeDeal(rnd))).toMatch(/各方每轮投入 2 资金$/);
  });

  it("says the price in capital in Chinese too", () => {
    const chinese = translator(zhCN, "zh-CN");
    expect(chinese.render(describeDeal(supply(4)))).toMatch(/：每轮 4 单位，单价 1\.3 资金$/);
  });
});
