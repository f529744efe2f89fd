/**
 * How to play's table of a scenario's own numbers (client/ui/pages/how-to-play.ts) names each rule
 * in the reader's words, not by its path in the scenario file (`controls.revenueCost`): every rule
 * a shipped scenario sets has a name in English and in Chinese (client/model/scenario-numbers.ts
 * `ruleLabel`), and a sector's dependencies name the sector.
 */
import { afterAll, describe, expect, it } from "vitest";
import { useCatalog } from "../../client/i18n/index.ts";
import { en } from "../../client/i18n/en.ts";
import { zhCN } from "../../client/i18n/zh-CN.ts";
import { RULES_SECTION, ruleLabel, ruleSection, scenarioNumbers } from "../../client/model/scenario-numbers.ts";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { shippedScenarios } from "../../server/scenarios.ts";

const scenarios = [...shippedScenarios().values()];
/** Every rule path a shipped scenario sets, as the table lists them. */
const paths = [...new Set(scenarios.flatMap((s) => scenarioNumbers(s.rules, { production: {} } as never).map((r) => r.path)))];

describe("How to play names a scenario's rules in the reader's words", () => {
  afterAll(() => useCatalog(en, "en"));

  it("has every rule of every shipped scenario", () => {
    expect(paths.length).toBeGreaterThan(60);
    expect(paths).toContain("controls.revenueCost");
  });

  it("in English", () => {
    useCatalog(en, "en");
    expect(ruleLabel("controls.revenueCost")).toBe("Export controls: members' lost revenue per unit of trade exposure");
    expect(ruleLabel("shortage.dependencies.minerals")).toBe("Shortage: sectors that critical minerals feed");
    for (const path of paths) {
      const name = ruleLabel(path);
      expect(name, path).not.toBe(path);
      expect(name, path).not.toMatch(/[a-z][A-Z]|\w\.\w|[{}]/);
    }
    expect(new Set(paths.map(ruleLabel)).size).toBe(paths.length);
  });

  it("in Chinese", () => {
    useCatalog(zhCN, "zh-CN");
    expect(ruleLabel("controls.revenueCost")).toBe("出口管制：成员每单位贸易敞口损失的收入");
    expect(ruleLabel("shortage.dependencies.minerals")).toBe("短缺：依赖关键矿产的领域");
    for (const path of paths) {
      const name = ruleLabel(path);
      expect(name, path).not.toBe(path);
      expect(name, path).toMatch(/[\u4e00-\u9fff]/);
      expect(name, path).not.toMatch(/[a-z][A-Z]|\w\.\w|[{}]/);
    }
    expect(new Set(paths.map(ruleLabel)).size).toBe(paths.length);
  });
});

describe("How to play sends each rule to the section that explains it", () => {
  const DOC = readFileSync(join(import.meta.dirname, "..", "..", "docs", "RULES.md"), "utf8");
  /** The text of docs/RULES.md's section `n` ("3", "4.1"), to the next heading of its level or above. */
  const section = (n: string) => {
    const level = n.includes(".") ? "###" : "##";
    const start = DOC.indexOf(`\n${level} ${n}.`) >= 0 ? DOC.indexOf(`\n${level} ${n}.`) : DOC.indexOf(`\n${level} ${n} `);
    const rest = DOC.slice(start + 1);
    const end = rest.slice(1).search(level === "##" ? /\n## / : /\n##/);
    return end < 0 ? rest : rest.slice(0, end + 1);
  };

  it("trust: a deal kept to its end and a withdrawal, in §3's life of a deal", () => {
    const text = section(RULES_SECTION.trust);
    expect(text).toContain("**each party gains trust** (+2)");
    expect(text).toContain("loses **trust** (−6) and the table loses **cohesion** (−6)");
  });

  it("support: following the economy in §5's drift, the fall's reset and trust in §8", () => {
    const book = scenarios.find((s) => s.id === "classroom-quick")!.rules;
    const mine = { ...book, support: { perProsperity: 0.4, afterFall: 35, fallTrust: 8 }, tension: { ...book.tension, crisisAt: 90, decay: 2 } };
    const at = (path: string) => section(scenarioNumbers(mine, book).find((r) => r.path === path)!.section);
    expect(at("support.perProsperity")).toContain("Support follows the economy: *+0.5 × this round's prosperity change*");
    expect(at("support.afterFall")).toContain("Support is reset to 40 and the country loses trust −10.");
    expect(at("support.fallTrust")).toContain("Support is reset to 40 and the country loses trust −10.");
    expect(at("tension.decay")).toContain("Tension cools by 3");
    expect(at("tension.crisisAt")).toContain("If **tension** reaches the scenario's crisis level (100 in the classroom game)");
    expect(ruleSection("support.perProsperity")).toBe("5");
  });
});

