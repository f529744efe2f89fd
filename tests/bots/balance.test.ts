/** A small balance-lab run: the report's shape, and cooperative tables beat selfish ones. */
import { describe, expect, it } from "vitest";
import { checkMix, formatReport, playersFor, runLab } from "../../shared/bots/balance.ts";
import { scenario } from "./helpers.ts";

describe("the balance lab", () => {
  const s = scenario("classroom-quick");
  const cooperative = runLab(s, { games: 8, mix: "cooperative", seed: "lab" });
  const selfish = runLab(s, { games: 8, mix: "selfish", seed: "lab", counterfactuals: false });

  it("reports outcome, scores, first places, defection, agreements and length", () => {
    expect(cooperative.games).toBe(8);
    expect(cooperative.outcome.targets).toHaveLength(s.targets.length);
    expect(cooperative.countries.filter((c) => c.seat).map((c) => c.id)).toEqual(s.countries.filter((c) => c.control === "seat").map((c) => c.id));
    for (const c of cooperative.countries) expect(c.min).toBeLessThanOrEqual(c.median), expect(c.median).toBeLessThanOrEqual(c.max);
    expect(cooperative.countries.filter((c) => c.seat).reduce((sum, c) => sum + c.first, 0)).toBeCloseTo(1, 5);
    expect(Object.keys(cooperative.agreements).sort()).toEqual(["alignment", "export-control", "loan", "rnd", "screening", "standards", "supply"]);
    expect(cooperative.length.rounds.mean).toBeGreaterThan(0);
    expect(cooperative.defection.unilateral.measured).toBe(8);
    expect(selfish.defection.unilateral.measured).toBe(0);
    expect(cooperative.checks.map((c) => c.name)).toContain("cooperative tables meet the shared target in at least 70% of games");
    const text = formatReport(cooperative);
    for (const heading of ["Table outcome met", "Scores", "Agreements per game", "Unilateral defection", "Broken agreements", "Balance targets"]) expect(text).toContain(heading);
  });

  it("cooperative tables beat selfish ones", () => {
    expect(cooperative.outcome.met).toBeGreaterThan(selfish.outcome.met);
    const mean = (r: typeof cooperative) => r.countries.filter((c) => c.seat).reduce((sum, c) => sum + c.mean, 0);
    expect(mean(cooperative)).toBeGreaterThan(mean(selfish));
  });

  it("selfish tables drive tension up to the brink and stop short of a crisis; cooperative ones keep tension down", () => {
    // Selfish chokepoint holders put export controls on their rivals when that pays them, and
    // count nothing of the shared stake: the regimes pile up and tension with them. But a crisis
    // would end their own game at half their score (shared/bots/value.ts `CrisisStake`): near it,
    // they leave the regimes that would bring it (docs/BALANCE.md, *What was tuned*).
    expect(selfish.agreements["export-control"].tookForce).toBeGreaterThan(cooperative.agreements["export-control"].tookForce);
    expect(selfish.agreements["export-control"].broken).toBeGreaterThan(0);
    expect(selfish.outcome.crisis).toBe(0);
    expect(cooperative.outcome.crisis).toBe(0);
    expect(selfish.table.tension).toBeGreaterThan(cooperative.table.tension! + 20);
  });

  it("careless tables that pile up statements talk themselves into a crisis in Alliance 2021 and Multipolar 2024", () => {
    // Statements there raise tension 3 a clause every round (docs/RULES.md §4.5): random tables
    // sign several and reach a crisis; at 1 a clause the same games stay short of it.
    for (const id of ["alliance-2021", "multipolar-2024"]) {
      const s = scenario(id);
      const calm = structuredClone(s);
      calm.rules.alignment.tensionPerClause = 1;
      const careless = runLab(s, { games: 16, mix: "random", seed: "lab", counterfactuals: false });
      const quiet = runLab(calm, { games: 16, mix: "random", seed: "lab", counterfactuals: false });
      expect(careless.outcome.crisis, id).toBeGreaterThanOrEqual(0.1);
      expect(quiet.outcome.crisis, id).toBeLessThan(careless.outcome.crisis);
    }
  });

  it("is deterministic: the same options give the same report", () => {
    expect(runLab(s, { games: 3, mix: "mixed", seed: "again", counterfactuals: false })).toEqual(runLab(s, { games: 3, mix: "mixed", seed: "again", counterfactuals: false }));
  });

  it("reads mixes and patterns, and names what is wrong with a bad one", () => {
    expect(checkMix(s, "US=hawk+selfish,CN=random")).toBeNull();
    expect(playersFor(s, "US=hawk+selfish,CN=random", 1).US).toEqual({ kind: "bot", personality: "hawk", strategy: "selfish" });
    expect(playersFor(s, "dove,hawk", 1).NL).toEqual({ kind: "bot", personality: "hawk" });
    expect(checkMix(s, "XX=hawk")).toMatch(/not a seat/);
    expect(checkMix(s, "US=berserk")).toMatch(/unknown player kind/);
  });
});
