/**
 * docs/RULES.md quotes classroom quick start's numbers as its examples, and the ranges of the
 * terms the engine's schemas allow. When either changes, this test names the numbers the
 * document must follow.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { getScenario } from "../../server/scenarios.ts";
import { LoanSchema } from "../../shared/engine/agreements/loan.ts";
import { RndSchema } from "../../shared/engine/agreements/rnd.ts";
import { SupplySchema } from "../../shared/engine/agreements/supply.ts";
import { agree, FACILITATOR, negotiating, nextNegotiation, ok, resolve } from "../engine/helpers.ts";
import type { GameState } from "../../shared/engine/index.ts";
import { computeScores } from "../../shared/engine/scoring.ts";
import { describe as describeDeal } from "../../shared/engine/agreements/index.ts";
import { say } from "../helpers/words.ts";

const DOC = readFileSync(join(import.meta.dirname, "..", "..", "docs", "RULES.md"), "utf8");
const scenario = getScenario("classroom-quick")!;

/** [path in the scenario, the value RULES.md quotes]. */
const QUOTED: [string, unknown][] = [
  ["rounds", 4],
  ["timers.negotiationSeconds", 300],
  ["timers.reviewSeconds", 60],
  ["rules.production.growth", 0.2],
  ["rules.production.prosperity", 1],
  ["rules.production.securityPerCapability", 2],
  ["rules.production.strategicSectors", ["semis", "ai", "quantum", "telecom"]],
  ["rules.controls.drag", 1],
  ["rules.controls.frontierFactor", 0.6],
  ["rules.controls.revenueCost", 20],
  ["rules.controls.security", 4],
  ["rules.controls.tension", 15],
  ["rules.controls.cohesionPerPartner", 1.5],
  ["rules.controls.shortage", 0.5],
  ["rules.controls.harmCapability", 5],
  ["rules.shortage.dependencyDrag", 0.03],
  ["rules.controls.backfill", 1],
  ["rules.controls.divide", 1],
  ["rules.scoring.capitalValue", 0.03],
  ["rules.screening.cohesion", 1.5],
  ["rules.screening.prosperity", 1],
  ["rules.screening.security", 1],
  ["rules.screening.jvBonus", 1.5],
  ["rules.supply.supplierProsperity", 0.25],
  ["rules.supply.buyerSecurity", 0.15],
  ["rules.supply.tableResilience", 0.4],
  ["rules.supply.singleSourceFactor", 0.3],
  ["rules.supply.coInvestGrowth", 0.05],
  ["rules.supply.secondTier", 0.5],
  ["rules.supply.repeatBenefit", 0.1],
  ["rules.supply.fullPrice", 1],
  ["rules.loans.buildRounds", 2],
  ["rules.loans.influencePerCapital", 0.15],
  ["rules.loans.divideDrop", 10],
  ["rules.loans.recipientProsperity", 8],
  ["rules.loans.conditionInfluence", 0.5],
  ["rules.loans.localJobsSupport", 5],
  ["rules.loans.safeInterest", 4],
  ["rules.loans.defaultRiskPerPoint", 0.08],
  ["rules.loans.defaultTrust", 10],
  ["rules.loans.choice", { interest: 1, grace: 0.8, amount: 0.15, affinity: 2, condition: 0.8 }],
  ["rules.alignment", { cohesionPerClause: 1, supportCostPerClause: 6, tensionPerClause: 1, securityPerClause: 0.5, regimeDiscount: 0.5 }],
  ["rules.standards", { influence: 3, partnerWeight: 2 }],
  ["rules.rnd", { chancePerCapital: 0.03, maxChance: 0.8, breakthrough: 1, learning: 0.2, cohesion: 1 }],
  ["rules.shortage", { prosperity: 0.8, security: 0.5, resilience: 0.8, support: 0.5, dependencies: { minerals: ["semis", "energy"] }, dependencyDrag: 0.03 }],
  ["rules.trust", { kept: 2, withdraw: 6, withdrawCohesion: 6 }],
  ["rules.tension", { decay: 3, crisisAt: 100, prosperityDrag: 15 }],
  ["rules.cohesion.decay", 2],
  ["rules.support", { perProsperity: 0.5, afterFall: 40, fallTrust: 10 }],
  ["rules.scoring", { fallPenalty: 10, missedTargetFactor: 0.5, capitalValue: 0.03 }],
];

const at = (value: unknown, path: string) => path.split(".").reduce<unknown>((v, k) => (v as Record<string, unknown>)?.[k], value);

describe("docs/RULES.md follows classroom quick start", () => {
  it.each(QUOTED)("%s is %j", (path, value) => {
    expect(at(scenario, path), `RULES.md quotes ${path} = ${JSON.stringify(value)}; update the document if the scenario changed`).toEqual(value);
  });

  it("quotes the incomes, chip chokepoints and shared targets it names", () => {
    const c = (id: string) => scenario.countries.find((x) => x.id === id)!;
    expect(["US", "CN", "JP", "TW", "NL", "IN", "ID", "VN", "KE"].map((id) => c(id).capital)).toEqual([18, 16, 10, 7, 6, 6, 3, 3, 2]);
    expect(["US", "NL", "JP", "TW", "CN"].map((id) => c(id).sectors.semis?.chokepoint)).toEqual([0.4, 0.25, 0.2, 0.1, 0.05]);
    expect(c("CN").sectors.minerals?.chokepoint).toBe(0.8);
    expect([c("US").exposure.CN, c("JP").exposure.CN]).toEqual([0.15, 0.2]);
    expect(scenario.targets.map((t) => t.condition)).toEqual([
      { kind: "no-crisis" },
      { kind: "table", metric: "divide", atMost: 45 },
      { kind: "table", metric: "resilience", atLeast: 63 },
    ]);
    expect(DOC).toContain("the tech divide at 45 or less");
  });

  it("lists the resolution order the engine's header lists", () => {
    const header = readFileSync(join(import.meta.dirname, "..", "..", "shared", "engine", "resolution.ts"), "utf8").split("*/")[0]!;
    for (const step of ["income", "export controls", "screening", "supply", "loans", "alignment", "standards", "R&D", "pressure", "shortages", "production", "rival", "drift", "expiry", "crisis"])
      expect(header.toLowerCase(), step).toContain(step.toLowerCase());
    const order = ["**Income:**", "**Automated answers", "**Export controls**", "**Screening pacts**", "**Supply-chain deals**", "**Loans and projects**", "**Alignment statements**", "**Standards races**", "**Joint R&D**", "**Event cards' pressure**", "**Shortages**", "**Production:**", "**The rival's moves**", "**Drift:**", "**Expiry:**", "**Record and crisis check:**"];
    const positions = order.map((s) => DOC.indexOf(s));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it("§4.1's growth example counts the regime's drag and the drag of the shortage it causes", () => {
    // China's chips in round 1 under a broad US-only control, then the three-country one: normal
    // growth, the regime's drag and its shortage's drag (the causes the review lists).
    const chips = (parties: string[]) => {
      const { state } = agree(negotiating(scenario), "US", { terms: { type: "export-control", sector: "semis", tier: "broad", target: "CN" }, parties, duration: 2 }, parties.slice(1));
      const causes = resolve(state).changes["CN|capability:semis"]!.causes;
      return causes.filter((c) => ["cause.growth", "cause.controlsDrag", "cause.shortage"].includes(c.label.key)).reduce((sum, c) => sum + c.amount, 0);
    };
    expect(chips(["US"])).toBeCloseTo(-0.3, 1);
    expect(chips(["US", "NL", "JP"])).toBeCloseTo(-0.85, 2);
    expect(DOC.replace(/\s+/g, " ")).toContain("about 0.1 more under the US alone (about −0.3 in all), 0.2 more under the three (−0.85 in all)");
  });

  it("§8's worked example of a score is what the engine scores", () => {
    const regime = { terms: { type: "export-control" as const, sector: "semis" as const, tier: "broad" as const, target: "CN" }, parties: ["US", "NL", "JP"], duration: 4 };
    const state = resolve(agree(negotiating(scenario), "US", regime, ["NL", "JP"]).state);
    const us = state.countries["US"]!;
    us.metrics = { prosperity: 60, security: 64, influence: 64, trust: 57, support: 50 };
    us.capital = 20;
    expect(us.falls).toBe(0);
    const score = computeScores(state).find((s) => s.country === "US")!;
    expect(Object.values(score.weighted)).toEqual([12, 19.2, 16, 5.7, 7.5]);
    expect(score.objectives.filter((o) => o.met).map((o) => o.points)).toEqual([15]);
    expect(score.capital).toBe(0.6);
    expect(score.subtotal).toBe(76);
    expect(state.table.resilience).toBeLessThan(63);
    expect([score.factor, score.total]).toEqual([0.5, 38]);
    expect(DOC.replace(/\s+/g, " ")).toContain("12 + 19.2 + 16 + 5.7 + 7.5 = 60.4 (each product rounded to a tenth); its chip-regime objective adds 15 and its capital 20 × 0.03 = 0.6: a subtotal of 76");
  });

  it("§4.3 quotes a supply deal as its card reads it", () => {
    const terms = { type: "supply" as const, suppliers: ["JP"], buyers: ["VN"], sector: "semis" as const, volume: 4, price: 1.3, coInvest: 0 };
    const reads = say(describeDeal({ terms, parties: ["JP", "VN"] }), scenario);
    expect(DOC.replace(/\s+/g, " ")).toContain(`a deal reads "${reads}"`);
  });

  it("§2's deck: round 3 draws the AI Diffusion Rule and round 4, with no 2026 card, its rescission", () => {
    for (const seed of [1, 2, 7]) {
      let state = negotiating(scenario, { seed });
      for (let round = 1; round < 4; round++) state = nextNegotiation(resolve(state));
      expect(state.events.filter((e) => e.round >= 3).map((e) => e.id), `seed ${seed}`).toEqual(["ai-diffusion", "ai-diffusion-dropped"]);
    }
    expect(DOC.replace(/\s+/g, " ")).toContain("round 3 the AI Diffusion Rule (2025: its rescission must wait for it, below) and round 4, which has no 2026 card, the rescission");
  });

  it("§2: a game that ends before its round resolves lets that round's offers and signed deals lapse", () => {
    const pact = { terms: { type: "screening" as const }, parties: ["US", "JP"], duration: 2 };
    const ended = (end: (s: GameState) => GameState) => {
      let { state } = agree(negotiating(scenario), "US", pact, ["JP"]);
      state = agree(state, "NL", { ...pact, parties: ["NL", "TW"] }).state;
      state = end(state);
      expect(state.phase).toBe("ended");
      return state.agreements.map((a) => a.status);
    };
    expect(ended((s) => ok(s, FACILITATOR, { type: "end-game" }))).toEqual(["lapsed", "lapsed"]);
    const crisis = { kind: "table" as const, metric: "tension" as const, amount: 100 };
    expect(ended((s) => ok(s, FACILITATOR, { type: "custom-event", title: "War scare", text: "Tension peaks.", effects: [crisis] }))).toEqual(["lapsed", "lapsed"]);
    expect(DOC.replace(/\s+/g, " ")).toContain("its open offers and the deals signed in it lapse and never take force");
  });

  it("§4.5 quotes the statements' tension in Alliance 2021 and Multipolar 2024", () => {
    expect(DOC).toContain("(*3 × k* in Alliance 2021 and Multipolar");
    for (const id of ["alliance-2021", "multipolar-2024"]) expect(getScenario(id)?.rules.alignment.tensionPerClause, id).toBe(3);
  });

  it("§4 quotes the ranges the engine's schemas allow for the terms", () => {
    const range = (schema: z.ZodType) => {
      const n = ("unwrap" in schema && typeof schema.unwrap === "function" ? schema.unwrap() : schema) as { minValue: number; maxValue: number };
      return `${n.minValue}–${n.maxValue}`;
    };
    const quoted: [z.ZodType, string][] = [
      [SupplySchema.shape.volume, "volume in units a round (RANGE)"],
      [SupplySchema.shape.price, "price (RANGE)"],
      [SupplySchema.shape.coInvest, "co-investment (RANGE)"],
      [LoanSchema.shape.amount, "amount (RANGE)"],
      [LoanSchema.shape.interest, "interest % (RANGE)"],
      [LoanSchema.shape.grace, "grace rounds (RANGE)"],
      [RndSchema.shape.contribution, "contribution a round (RANGE)"],
    ];
    const doc = DOC.replace(/\s+/g, " ");
    for (const [schema, words] of quoted) {
      const phrase = words.replace("RANGE", range(schema));
      expect(doc.includes(phrase), `RULES.md should say "${phrase}", the range the schema allows`).toBe(true);
    }
  });

  it("§7 quotes Alliance 2021's rival script", () => {
    const alliance = getScenario("alliance-2021");
    if (!alliance) return; // not shipped: nothing quoted to check
    expect(alliance.rival).toMatchObject({
      country: "CN",
      accepts: ["supply", "rnd"],
      retaliation: { threshold: 0.5, sector: "minerals", rounds: 2, tension: 8 },
      loanOffer: { amount: 12, interest: 4, grace: 2, duration: 7 },
      courting: { prosperity: 2 },
    });
  });
});

describe("docs/RULES.md documents free-form (matrix) actions", () => {
  const ZH = readFileSync(join(import.meta.dirname, "..", "..", "docs", "RULES.zh-CN.md"), "utf8");
  const section = (doc: string, heading: string) => doc.slice(doc.indexOf(heading), doc.indexOf("\n---", doc.indexOf(heading)));
  const row = (doc: string, start: string) => doc.split("\n").filter((l) => l.startsWith(start));

  it("in §2: who may write one, the three rulings, and that the ruling with the text and the facilitator's note is public", () => {
    const en = section(DOC, "### Free-form actions");
    expect(en).toMatch(/event, negotiation or review phase/);
    for (const ruling of ["**accept**", "**refuse**", "**roll the dice**"]) expect(en).toContain(ruling);
    expect(en).toMatch(/\*\*ruling is public\*\*: the action's full text, the ruling, the chance of a\s+roll, the facilitator's \*\*note to the table\*\*/);
    expect(section(ZH, "### 自由行动")).toContain("**裁决是公开的**");
    // The console asks for the note as what it is: words to the whole table.
    const catalog = readFileSync(join(import.meta.dirname, "..", "..", "client", "i18n", "en", "facilitator.ts"), "utf8");
    expect(catalog).toContain('"matrix.noteLabel": "Note to the table"');
    expect(catalog).toContain('"ruling.note.hint": "Shown to everyone with the ruling');
  });

  it("in §9's table: a pending action is its seat's and the facilitator's, a ruled one everyone's", () => {
    const nine = DOC.slice(DOC.indexOf("## 9."));
    expect(row(nine, "| your seat only (and the facilitator) |").some((l) => l.includes("a free-form action you wrote, until the facilitator rules on it"))).toBe(true);
    expect(row(nine, "| everyone (players, observers, facilitator) |")[0]).toContain("ruled free-form actions (their text, ruling, chance, note and effects)");
    const zhNine = ZH.slice(ZH.indexOf("## 9."));
    expect(zhNine).toContain("你提交的自由行动，直到主持人对它作出裁决");
    expect(zhNine).toContain("已裁决的自由行动（其全文、裁决、概率、说明和效果）");
  });
});

describe("docs/RULES.zh-CN.md (How to play in Chinese) follows docs/RULES.md", () => {
  const ZH = readFileSync(join(import.meta.dirname, "..", "..", "docs", "RULES.zh-CN.md"), "utf8");
  const numbers = (doc: string) => [...new Set(doc.match(/\d+(?:\.\d+)?/g))].sort();
  const shape = (doc: string) => doc.split("\n").filter((l) => /^(#{1,3} |---|\| ---)/.test(l)).map((l) => l.replace(/^(#+|---|\| ---).*/, "$1"));

  it("has the same sections, tables and rules, in the same order", () => {
    expect(shape(ZH)).toEqual(shape(DOC));
  });

  it("quotes the same numbers and the same codes (a rebalance updates both)", () => {
    expect(numbers(ZH)).toEqual(numbers(DOC));
    const codes = (doc: string) => [...doc.matchAll(/`([^`]+)`/g)].map((m) => m[1]);
    expect(codes(ZH)).toEqual(codes(DOC));
  });
});
