/**
 * The critique in the rules (docs/RULES.md §4.1, §4.3, §4.5, §4.6): high walls widen the tech
 * divide, a food chain of trust decides who gets a regime member's goods in full, only
 * partners locked in by trusted-vendor loans add standards weight, and an alignment statement
 * makes its signatories' later regimes against the named country cheaper.
 */
import { describe, expect, it } from "vitest";
import { causeSum, agree, negotiating, nextNegotiation, quiet, resolve } from "./helpers.ts";

const chipsOn = (target: string) => ({ terms: { type: "export-control" as const, sector: "semis" as const, tier: "broad" as const, target }, parties: ["US", "NL", "JP"], duration: 3 });

describe("high walls widen the divide", () => {
  it("a regime on China widens it by half the rate; on everyone outside, by every target", () => {
    const sc = quiet();
    const r = sc.rules.controls;
    const onChina = resolve(agree(negotiating(sc), "US", chipsOn("CN"), ["NL", "JP"]).state);
    // The ledger keeps two decimals (classroom quick start: 0.425 is recorded as 0.43, 3.825 as 3.83).
    expect(causeSum(onChina, "table", "divide", "A1")).toBeCloseTo(r.divide * 0.85 * 0.5, 1);
    const outside = resolve(agree(negotiating(sc), "US", chipsOn("outside"), ["NL", "JP"]).state);
    // China (rival, half), India, Indonesia, Taiwan and Vietnam hold chip capability.
    expect(causeSum(outside, "table", "divide", "A1")).toBeCloseTo(r.divide * 0.85 * 4.5, 1);
  });
});

describe("the food chain of trust", () => {
  const sale = (buyer: string) => ({ terms: { type: "supply" as const, suppliers: ["NL"], buyers: [buyer], sector: "semis" as const, volume: 4, price: 0.5 }, duration: 2 });

  it("a regime member's chips reach a buyer outside the regime without a pact at half; a pact restores them", () => {
    const sc = quiet();
    const r = sc.rules.supply;
    let s = agree(negotiating(sc), "US", chipsOn("CN"), ["NL", "JP"]).state;
    s = agree(s, "NL", sale("IN"), ["IN"]).state; // A2
    const second = resolve(s);
    expect(causeSum(second, "IN", "security", "A2")).toBeCloseTo(r.buyerSecurity * 4 * r.secondTier, 5);
    expect(causeSum(second, "table", "resilience", "A2")).toBeCloseTo(r.tableResilience * 4 * r.secondTier, 5);
    // The same sale between countries that screen each other as trusted investors: in full.
    s = agree(s, "NL", { terms: { type: "screening" }, parties: ["NL", "IN"], duration: 2 }, ["IN"]).state;
    const trusted = resolve(s);
    expect(causeSum(trusted, "IN", "security", "A2")).toBeCloseTo(r.buyerSecurity * 4, 5);
    // With no regime over the sector, there is no food chain.
    const free = resolve(agree(negotiating(sc), "NL", sale("IN"), ["IN"]).state);
    expect(causeSum(free, "IN", "security", "A1")).toBeCloseTo(r.buyerSecurity * 4, 5);
  });
});

describe("alignment is the first leg", () => {
  it("a member that signed a statement naming the target pays half the regime's lost revenue", () => {
    const sc = quiet();
    const r = sc.rules;
    const jpToChina = sc.countries.find((c) => c.id === "JP")!.exposure.CN!;
    let s = agree(negotiating(sc), "US", { terms: { type: "alignment", clauses: ["threat-assessment"], target: "CN" }, parties: ["US", "JP"], duration: 2 }, ["JP"]).state;
    s = nextNegotiation(resolve(s));
    s = resolve(agree(s, "US", chipsOn("CN"), ["NL", "JP"]).state);
    const jp = causeSum(s, "JP", "prosperity", "A2");
    expect(jp).toBeCloseTo(-r.controls.revenueCost * jpToChina * (1 - r.alignment.regimeDiscount), 5);
    const nl = causeSum(s, "NL", "prosperity", "A2");
    expect(nl).toBeCloseTo(-r.controls.revenueCost * sc.countries.find((c) => c.id === "NL")!.exposure.CN!, 5);
  });

  it("the countries outside backfill what the members actually lose, after the alignment's discount (docs/RULES.md §4.1)", () => {
    const sc = quiet();
    const r = sc.rules;
    const of = (id: string) => sc.countries.find((c) => c.id === id)!;
    let s = agree(negotiating(sc), "US", { terms: { type: "alignment", clauses: ["threat-assessment"], target: "CN" }, parties: ["US", "JP"], duration: 2 }, ["JP"]).state;
    s = nextNegotiation(resolve(s));
    // The US and Japan, both aligned on China, control chips to it; the Netherlands stays out.
    s = resolve(agree(s, "US", { terms: { type: "export-control", sector: "semis", tier: "broad", target: "CN" }, parties: ["US", "JP"], duration: 2 }, ["JP"]).state);
    const lost = -(causeSum(s, "US", "prosperity", "A2") + causeSum(s, "JP", "prosperity", "A2"));
    expect(lost).toBeCloseTo(r.controls.revenueCost * (of("US").exposure.CN! + of("JP").exposure.CN!) * (1 - r.alignment.regimeDiscount), 5);
    // The Netherlands takes over its share of the sales the members gave up: of what they lost, not of twice that.
    // (Causes are kept to two decimals.)
    expect(Math.abs(causeSum(s, "NL", "prosperity", "A2: sales") - r.controls.backfill * lost * of("NL").sectors.semis!.chokepoint)).toBeLessThanOrEqual(0.011);
  });
});

describe("trusted vendors lock partners in", () => {
  /** The US connects Kenya twice (cable and 5G) and backs open 6G; China (telecom 8 against the US's 6) backs integrated 6G. */
  function race(conditions: ("trusted-vendors" | "local-jobs")[]) {
    const sc = quiet((s) => (s.rules.loans.buildRounds = 1));
    let s = negotiating(sc);
    for (const project of ["cable", "5g"] as const)
      s = agree(s, "US", { terms: { type: "loan", lenders: ["US"], recipient: "KE", project, amount: 10, interest: 0, grace: 0, conditions }, duration: 2 }).state;
    s = agree(s, "US", { terms: { type: "standards", technology: "6g", option: "open-6g" }, parties: ["US"], duration: 3 }).state;
    s = agree(s, "CN", { terms: { type: "standards", technology: "6g", option: "integrated-6g" }, parties: ["CN"], duration: 3 }).state;
    s = resolve(nextNegotiation(resolve(s)));
    return s.standards["6g"];
  }

  it("only partners built with trusted vendors add weight to their lender's side", () => {
    expect(race(["trusted-vendors"])).toBe("open-6g");
    expect(race(["local-jobs"])).toBe("integrated-6g");
  });
});
