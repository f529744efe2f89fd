/**
 * Export controls as trade instruments (docs/RULES.md "Export-control regime", "Shortages"):
 * the probes that showed controls without teeth, as tests. A regime cuts its target off from
 * the members' share of the sector, blocks the members' own sales to it, a shortage of
 * minerals slows the sectors they feed, and members' security follows the harm done.
 */
import { describe, expect, it } from "vitest";
import type { GameState } from "../../shared/engine/index.ts";
import { agree, causeSum, classroom, delta, draft, negotiating, quiet, refused, resolve, seat } from "./helpers.ts";
import { say } from "../helpers/words.ts";

const close = (actual: number, expected: number, what = "") => expect(Math.abs(actual - expected), `${what}: ${actual} vs ${expected}`).toBeLessThanOrEqual(0.011);
const sum = (s: GameState, id: string) => s.changes[`${id}|prosperity`]?.causes ?? [];

describe("export controls bite", () => {
  it("China's broad minerals regime on the United States costs it like a ban, and slows the sectors minerals feed", () => {
    const sc = quiet();
    const r = sc.rules;
    const { state } = agree(negotiating(sc), "CN", { terms: { type: "export-control", sector: "minerals", tier: "broad", target: "US" }, parties: ["CN"], duration: 1 });
    const s = resolve(state);
    const cn = sc.countries.find((c) => c.id === "CN")!.sectors.minerals!.chokepoint;
    const us = sc.countries.find((c) => c.id === "US")!.sectors.minerals!.chokepoint;
    const shortage = 10 * cn * r.controls.shortage * (1 - us);
    expect(shortage).toBeGreaterThan(3);
    close(causeSum(s, "US", "prosperity", "Critical minerals supply short"), -r.shortage.prosperity * shortage, "US prosperity");
    close(causeSum(s, "US", "security", "Critical minerals supply short"), -r.shortage.security * shortage, "US security");
    close(causeSum(s, "US", "support", "Critical minerals supply short"), -r.shortage.support * shortage, "US support");
    expect(say(sum(s, "US").find((c) => say(c.label).startsWith("Critical minerals supply short"))!.label, s.scenario)).toContain("controls by China");
    // Minerals feed semiconductors and clean energy: both grow slower.
    for (const dep of ["semis", "energy"] as const) close(causeSum(s, "US", `capability:${dep}`, "Critical minerals supply short"), -r.shortage.dependencyDrag * shortage, dep);
    expect(delta(s, "US", "prosperity")).toBeLessThan(-2);
  });

  it("a member of a chip regime against China cannot sell China chips, and a deal signed before stops delivering", () => {
    const sc = quiet();
    let s = agree(negotiating(sc), "US", { terms: { type: "export-control", sector: "semis", tier: "broad", target: "CN" }, parties: ["US", "NL"], duration: 3 }, ["NL"]).state;
    // Signed, not yet in force: the Netherlands may no longer offer China chips.
    const sale = { terms: { type: "supply" as const, suppliers: ["NL"], buyers: ["CN"], sector: "semis" as const, volume: 3, price: 1 }, duration: 2 };
    refused(s, seat("NL"), { type: "propose", draft: draft(sale) }, "rule/controlled_export");
    // Other sectors and other buyers are free.
    agree(s, "NL", { ...sale, terms: { ...sale.terms, sector: "biotech" } });
    agree(s, "NL", { ...sale, terms: { ...sale.terms, buyers: ["IN"] } });

    // A sale agreed before the regime: it delivers nothing while the regime is in force, and raises no resilience.
    let t = negotiating(sc);
    t = agree(t, "NL", sale, ["CN"]).state;
    t = agree(t, "US", { terms: { type: "export-control", sector: "semis", tier: "broad", target: "CN" }, parties: ["US", "NL"], duration: 3 }, ["NL"]).state;
    t = resolve(t);
    expect(causeSum(t, "table", "resilience", "A1")).toBe(0);
    expect(causeSum(t, "CN", "capital", "A1")).toBe(0);
    expect(t.news.some((n) => say(n.text).startsWith("A1 delivers nothing"))).toBe(true);
  });

  it("a token control on a country with nothing in the sector earns no security; members' security follows the harm done", () => {
    const sc = quiet();
    const r = sc.rules.controls;
    // Kenya has no semiconductor capability at all.
    expect(sc.countries.find((c) => c.id === "KE")!.sectors.semis).toBeUndefined();
    const token = resolve(agree(negotiating(sc), "US", { terms: { type: "export-control", sector: "semis", tier: "broad", target: "KE" }, parties: ["US"], duration: 1 }).state);
    expect(causeSum(token, "US", "security", "A1")).toBe(0);
    // India's chips (capability 2 of the 5 that counts as full harm): 40% of the security.
    const india = resolve(agree(negotiating(sc), "US", { terms: { type: "export-control", sector: "semis", tier: "broad", target: "IN" }, parties: ["US"], duration: 1 }).state);
    const eff = sc.countries.find((c) => c.id === "US")!.sectors.semis!.chokepoint;
    close(causeSum(india, "US", "security", "A1"), r.security * eff * (2 / r.harmCapability), "India");
    // China (capability 5): the full amount.
    const china = resolve(agree(negotiating(sc), "US", { terms: { type: "export-control", sector: "semis", tier: "broad", target: "CN" }, parties: ["US"], duration: 1 }).state);
    close(causeSum(china, "US", "security", "A1"), r.security * eff, "China");
  });

  it("in the shipped classroom game, a China minerals regime on the US costs the US several points a round", () => {
    const sc = classroom();
    const base = resolve(negotiating(sc));
    const hit = resolve(agree(negotiating(sc), "CN", { terms: { type: "export-control", sector: "minerals", tier: "broad", target: "US" }, parties: ["CN"], duration: 1 }).state);
    const cost = base.countries.US!.metrics.prosperity - hit.countries.US!.metrics.prosperity;
    expect(cost).toBeGreaterThan(2);
  });
});
