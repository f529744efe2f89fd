/**
 * No free hedges (docs/RULES.md "Investment screening pact", "Standards coalition"): a
 * screening pact only between countries that trust each other, one pact per pair, its
 * benefits once a round however many pacts a country is in; one side per standards race.
 */
import { describe, expect, it } from "vitest";
import { agree, causeSum, negotiating, ok, quiet, refused, resolve, seat, draft } from "./helpers.ts";
import { agreementById } from "../../shared/engine/world.ts";

describe("investment screening needs trust and does not stack", () => {
  it("a US–China pact is refused: the two are in opposite camps", () => {
    refused(negotiating(), seat("US"), { type: "propose", draft: draft({ terms: { type: "screening" }, parties: ["US", "CN"], duration: 2 }) }, "rule/no_trust");
    // A hedging country may pact with either side.
    agree(negotiating(), "IN", { terms: { type: "screening" }, parties: ["IN", "CN"], duration: 2 });
    agree(negotiating(), "IN", { terms: { type: "screening" }, parties: ["IN", "US"], duration: 2 });
  });

  it("a second pact between the same pair is refused, on proposal and on signature", () => {
    let s = agree(negotiating(), "US", { terms: { type: "screening" }, parties: ["US", "NL"], duration: 3 }, ["NL"]).state;
    refused(s, seat("NL"), { type: "propose", draft: draft({ terms: { type: "screening" }, parties: ["NL", "JP", "US"], duration: 2 }) }, "rule/already_screened");
    // Two offers open at once: signing the second after the first is refused.
    let t = negotiating();
    t = agree(t, "US", { terms: { type: "screening" }, parties: ["US", "NL"], duration: 3 }).state;
    t = agree(t, "NL", { terms: { type: "screening" }, parties: ["NL", "US"], duration: 2 }).state;
    t = ok(t, seat("NL"), { type: "sign", agreementId: "A1", revision: 1 });
    refused(t, seat("US"), { type: "sign", agreementId: "A2", revision: 1 }, "rule/already_screened");
    // Whoever signs last: a third country's signature cannot make a second pact for a pair either.
    let u = negotiating();
    u = agree(u, "US", { terms: { type: "screening" }, parties: ["US", "NL"], duration: 3 }).state;
    u = agree(u, "NL", { terms: { type: "screening" }, parties: ["NL", "US", "JP"], duration: 2 }, ["US"]).state;
    u = ok(u, seat("NL"), { type: "sign", agreementId: "A1", revision: 1 });
    refused(u, seat("JP"), { type: "sign", agreementId: "A2", revision: 1 }, "rule/already_screened");
    s = resolve(s);
    expect(agreementById(s, "A1")!.status).toBe("in-force");
  });

  it("a country in two pacts gains the investment benefits once a round; cohesion counts both", () => {
    const sc = quiet();
    let s = negotiating(sc);
    s = agree(s, "US", { terms: { type: "screening" }, parties: ["US", "NL"], duration: 2 }, ["NL"]).state;
    s = agree(s, "JP", { terms: { type: "screening" }, parties: ["JP", "NL"], duration: 2 }, ["NL"]).state;
    s = resolve(s);
    const r = sc.rules.screening;
    expect(causeSum(s, "NL", "prosperity", "A")).toBeCloseTo(r.prosperity, 5);
    expect(causeSum(s, "US", "prosperity", "A1")).toBeCloseTo(r.prosperity, 5);
    expect(causeSum(s, "JP", "prosperity", "A2")).toBeCloseTo(r.prosperity, 5);
    expect(causeSum(s, "table", "cohesion", "A")).toBeCloseTo(2 * r.cohesion, 5);
  });
});

describe("one side per standards race", () => {
  it("backing both options of a race is refused; switching means withdrawing first", () => {
    let s = agree(negotiating(), "IN", { terms: { type: "standards", technology: "6g", option: "open-6g" }, parties: ["IN"], duration: 3 }).state;
    s = resolve(s);
    expect(agreementById(s, "A1")!.status).toBe("in-force");
    s = ok(s, { kind: "system" }, { type: "advance" });
    s = ok(s, { kind: "system" }, { type: "advance" });
    expect(s.phase).toBe("negotiation");
    const other = draft({ terms: { type: "standards", technology: "6g", option: "integrated-6g" }, parties: ["IN"], duration: 2 });
    refused(s, seat("IN"), { type: "propose", draft: other }, "rule/other_side");
    // An offer naming a party already on the other side is refused, and so is signing one after taking a side.
    refused(s, seat("CN"), { type: "propose", draft: draft({ terms: { type: "standards", technology: "6g", option: "integrated-6g" }, parties: ["CN", "IN"], duration: 2 }) }, "rule/other_side");
    let t = negotiating();
    t = agree(t, "CN", { terms: { type: "standards", technology: "6g", option: "integrated-6g" }, parties: ["CN", "IN"], duration: 2 }).state;
    t = agree(t, "IN", { terms: { type: "standards", technology: "6g", option: "open-6g" }, parties: ["IN"], duration: 2 }).state;
    refused(t, seat("IN"), { type: "sign", agreementId: "A1", revision: 1 }, "rule/other_side");
    // The same side again is fine; so is the other side after withdrawing.
    agree(s, "IN", { terms: { type: "standards", technology: "6g", option: "open-6g" }, parties: ["IN"], duration: 1 });
    s = ok(s, seat("IN"), { type: "withdraw", agreementId: "A1" });
    agree(s, "IN", { terms: { type: "standards", technology: "6g", option: "integrated-6g" }, parties: ["IN"], duration: 2 });
  });
});
