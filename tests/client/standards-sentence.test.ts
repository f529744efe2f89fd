/**
 * A standards coalition's sentence reads as a person would write it, in both languages, wherever
 * a deal is described (cards, ledger, builder, news, report: all render the engine's `describe`):
 * a side of one is "China alone backs …" (docs/RULES.md §4.6 lets one country back an option), and
 * the technology is left out where naming it would repeat a word ("single-vendor integrated 6G
 * for 6G networks", zh "组成标准联盟，支持……标准"), in every shipped scenario.
 */
import { describe, expect, it } from "vitest";
import { en } from "../../client/i18n/en.ts";
import { zhCN } from "../../client/i18n/zh-CN.ts";
import { scenarioNames, translator } from "../../client/i18n/translator.ts";
import { describe as describeDeal } from "../../shared/engine/agreements/index.ts";
import { country, option, text } from "../../shared/engine/text.ts";
import { translateScenario } from "../../shared/scenario/translation.ts";
import { scenarioText } from "../../server/scenario-texts.ts";
import { getScenario, shippedScenarios } from "../../server/scenarios.ts";
import type { Agreement } from "../../shared/engine/types.ts";

const readers = (id: string) => {
  const scenario = getScenario(id)!;
  return { english: translator(en, "en", scenarioNames(scenario)), chinese: translator(zhCN, "zh-CN", scenarioNames(translateScenario(scenario, scenarioText(id, "zh-CN")))) };
};
const { english, chinese } = readers("alliance-2021");
const coalition = (parties: string[], technology: string, option: string) => ({ parties, terms: { type: "standards", technology, option } }) as Pick<Agreement, "terms" | "parties">;

/** Little English words whose repeat nobody notices. */
const LITTLE = new Set(["a", "an", "the", "of", "for", "by", "and", "to", "in", "on", "with"]);

/**
 * A text's content words, counted: English words but the little ones, cut to six letters (so
 * "cryptographic" and "cryptography" are one word), and each two adjacent Chinese characters
 * without a particle (标准, 密码, 人工智能's 人工 工智 智能).
 */
function words(s: string): Map<string, number> {
  const out = new Map<string, number>();
  const add = (w: string) => out.set(w, (out.get(w) ?? 0) + 1);
  for (const w of s.toLowerCase().match(/[a-z0-9]+/g) ?? []) if (!LITTLE.has(w)) add(w.slice(0, 6));
  for (const run of s.match(/\p{Script=Han}+/gu) ?? []) for (let i = 0; i + 1 < run.length; i++) if (!/[的和]/u.test(run.slice(i, i + 2))) add(run.slice(i, i + 2));
  return out;
}

/** The words a sentence says more often than its names do: a name's own repeat ("open, interoperable 6G (open RAN)") is the scenario's, not the sentence's. */
function repeated(sentence: string, names: string[]): string[] {
  const named = words(names.join(" / "));
  return [...words(sentence)].filter(([w, n]) => n > 1 && n > (named.get(w) ?? 0)).map(([w]) => w);
}

describe("a standards coalition's sentence", () => {
  it("says a side of one backs its option alone, with the technology in brackets", () => {
    const alone = describeDeal(coalition(["CN"], "pqc", "open-pqc"));
    expect(english.render(alone)).toBe("China alone backs algorithms vetted in NIST's open international contest (post-quantum cryptography)");
    expect(chinese.render(alone)).toBe("中国单独支持经 NIST 公开国际竞赛评审的算法（后量子密码）");
    // Inside the news, as it is signed.
    expect(english.render(text("news.signed", { id: "A1", deal: alone }))).toBe("Signed (A1): China alone backs algorithms vetted in NIST's open international contest (post-quantum cryptography). It takes force at resolution.");
  });

  it("leaves the technology out where naming it would repeat a word", () => {
    const stateLed = describeDeal(coalition(["CN", "VN"], "ai-gov", "state-led"));
    expect(english.render(stateLed)).toBe("Coalition of China and Vietnam backing state-led AI governance");
    expect(chinese.render(stateLed)).toBe("中国和越南组成联盟，支持国家主导的人工智能治理");
    const alone = describeDeal(coalition(["CN"], "6g", "integrated-6g"));
    expect(english.render(alone)).toBe("China alone backs single-vendor integrated 5G");
    expect(chinese.render(alone)).toBe("中国单独支持单一供应商的一体化 5G");
    // One word of the technology's is enough ("AI"), or the same word in another form ("cryptographic").
    const rights = describeDeal(coalition(["US", "JP"], "ai-gov", "rights-based"));
    expect(english.render(rights)).toBe("Coalition of the United States and Japan backing rights-based AI norms");
    expect(chinese.render(rights)).toBe("美国和日本组成联盟，支持以权利为本的人工智能规范");
    expect(english.render(describeDeal(coalition(["US", "JP"], "pqc", "national-pqc")))).toBe("Coalition of the United States and Japan backing national cryptographic standards");
    // A word of the sentence's own: a standards coalition (标准联盟) backing standards (标准).
    const multipolar = readers("multipolar-2024");
    expect(multipolar.chinese.render(describeDeal(coalition(["US", "CN"], "minerals-std", "producer-led")))).toBe("美国和中国组成联盟，支持由生产国制定的标准");
  });

  it("keeps the coalition's technology when the option's name shares no word with it", () => {
    const open = describeDeal(coalition(["US", "JP"], "pqc", "open-pqc"));
    expect(english.render(open)).toBe("Coalition of the United States and Japan backing algorithms vetted in NIST's open international contest for post-quantum cryptography");
    expect(chinese.render(open)).toBe("美国和日本组成标准联盟，在后量子密码领域支持经 NIST 公开国际竞赛评审的算法");
  });

  it("repeats no word for any option of any shipped scenario, alone or in a coalition, in English and Chinese", () => {
    const bad: string[] = [];
    for (const [id, scenario] of shippedScenarios()) {
      const { english, chinese } = readers(id);
      const [a, b] = scenario.countries.map((c) => c.id) as [string, string];
      for (const tech of scenario.standards) {
        for (const o of tech.options) {
          for (const parties of [[a], [a, b]]) {
            for (const reader of [english, chinese]) {
              const sentence = reader.render(describeDeal(coalition(parties, tech.id, o.id)));
              const names = [reader.refName(option(tech.id, o.id, true)), ...parties.map((p) => reader.refName(country(p)))];
              const again = repeated(sentence, names);
              if (again.length) bad.push(`${id} ${tech.id}/${o.id} ×${parties.length} ${reader.locale}: "${sentence}" repeats ${again.join(", ")}`);
            }
          }
        }
      }
    }
    expect(bad).toEqual([]);
  });
});
