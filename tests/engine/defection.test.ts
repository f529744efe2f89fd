/**
 * Defection tempts (docs/RULES.md "Life of a deal", "Export-control regime", "Scores"):
 * leaving a deal of three or more leaves only the defector out, chokepoint holders outside a
 * regime take over part of the sales its members give up, and capital left counts a little.
 */
import { describe, expect, it } from "vitest";
import { computeScores } from "../../shared/engine/index.ts";
import { say } from "../helpers/words.ts";
import { agree, causeSum, classroom, negotiating, newGame, nextNegotiation, ok, quiet, resolve, seat } from "./helpers.ts";
import { agreementById } from "../../shared/engine/world.ts";

const close = (actual: number, expected: number, what = "") => expect(Math.abs(actual - expected), `${what}: ${actual} vs ${expected}`).toBeLessThanOrEqual(0.011);

describe("defection", () => {
  it("leaving a regime of three leaves the others in it, at lower effect", () => {
    const sc = quiet();
    let s = agree(negotiating(sc), "US", { terms: { type: "export-control", sector: "semis", tier: "broad", target: "CN" }, parties: ["US", "NL", "JP"], duration: 3 }, ["NL", "JP"]).state;
    s = resolve(s);
    s = nextNegotiation(s);
    s = ok(s, seat("JP"), { type: "withdraw", agreementId: "A1" });
    const a = agreementById(s, "A1")!;
    expect(a.status).toBe("in-force");
    expect(a.parties).toEqual(["US", "NL"]);
    expect(a.left).toEqual(["JP"]);
    expect(s.countries.JP!.metrics.trust).toBeLessThan(s.countries.NL!.metrics.trust);
    s = resolve(s);
    // Japan pays no more export revenue, and now sells China some of what the members give up.
    expect(causeSum(s, "JP", "prosperity", "A1: export revenue")).toBe(0);
    expect(causeSum(s, "JP", "prosperity", "A1: sales")).toBeGreaterThan(0);
    expect(say(s.changes["CN|capability:semis"]!.causes.find((c) => say(c.label, s.scenario).startsWith("A1 controls"))!.label, s.scenario)).toContain("cover 65%");
  });

  it("leaving a two-party deal ends it, as before; so does a loan's recipient leaving", () => {
    let s = agree(negotiating(), "US", { terms: { type: "screening" }, parties: ["US", "NL"], duration: 3 }, ["NL"]).state;
    s = ok(s, seat("NL"), { type: "withdraw", agreementId: "A1" });
    expect(agreementById(s, "A1")).toMatchObject({ status: "broken", brokenBy: "NL" });
  });

  it("a supply deal with two suppliers carries on with the one that stays", () => {
    let s = agree(negotiating(), "US", { terms: { type: "supply", suppliers: ["NL", "JP"], buyers: ["US"], sector: "semis", volume: 2, price: 1 }, duration: 3 }, ["NL", "JP"]).state;
    s = ok(s, seat("JP"), { type: "withdraw", agreementId: "A1" });
    expect(agreementById(s, "A1")).toMatchObject({ status: "signed", parties: ["NL", "US"], terms: { suppliers: ["NL"], buyers: ["US"] } });
  });
});

describe("backfill", () => {
  it("chokepoint holders outside a unilateral control earn the sales its member gives up, by their share", () => {
    const sc = quiet();
    const s = resolve(agree(negotiating(sc), "US", { terms: { type: "export-control", sector: "semis", tier: "broad", target: "CN" }, parties: ["US"], duration: 1 }).state);
    const r = sc.rules.controls;
    const us = sc.countries.find((c) => c.id === "US")!;
    const lost = r.revenueCost * (us.exposure.CN ?? 0);
    for (const id of ["NL", "JP"]) {
      const share = sc.countries.find((c) => c.id === id)!.sectors.semis!.chokepoint;
      close(causeSum(s, id, "prosperity", "A1: sales"), r.backfill * lost * share, id);
    }
    // The target earns nothing from it.
    expect(causeSum(s, "CN", "prosperity", "A1: sales")).toBe(0);
  });
});

describe("capital left at the end", () => {
  it("counts capitalValue points a unit", () => {
    const s = negotiating(quiet());
    const v = s.scenario.rules.scoring.capitalValue;
    for (const score of computeScores(s)) close(score.capital, Math.round(v * s.countries[score.country]!.capital * 10) / 10, score.country);
    expect(computeScores(s).find((x) => x.country === "US")!.capital).toBeGreaterThan(0);
  });
});

describe("par", () => {
  it("is each country's expected score in games of the scenario's length, and is not given for a game set to another length", () => {
    const s = classroom();
    const withPar = s.countries.filter((c) => c.par !== undefined).map((c) => c.id);
    expect(withPar.length).toBeGreaterThan(3);
    const full = computeScores(newGame(s, { rounds: s.rounds }));
    for (const id of withPar) expect(full.find((x) => x.country === id)!.par, id).toBe(s.countries.find((c) => c.id === id)!.par);
    for (const rounds of [s.rounds - 1, s.rounds + 2]) expect(computeScores(newGame(s, { rounds })).every((x) => x.par === undefined), `${rounds} rounds`).toBe(true);
  });
});
