/**
 * A supply objective that names a side (`as`) counts only deals on that side (shared/engine/
 * scoring.ts `dealCounts`): Indonesia's "Sell processed minerals" is met by selling, not by
 * buying; Japan's "Secure critical minerals" by buying, not by selling. With no side, either
 * side counts, as custom scenarios written before sides expect.
 */
import { describe, expect, it } from "vitest";
import { checkCondition, conditionMet, type GameState } from "../../shared/engine/index.ts";
import type { Scenario } from "../../shared/scenario/schema.ts";
import { say } from "../helpers/words.ts";
import { agree, negotiating, quiet, resolve } from "./helpers.ts";

const objective = (s: GameState | Scenario, country: string, id: string) => {
  const scenario = "scenario" in s ? s.scenario : s;
  const c = scenario.countries.find((x) => x.id === country)!;
  return [...c.objectives, c.secret].find((o) => o.id === id)!;
};

/** Round 1 of `scenario` with one minerals deal in force: `suppliers` sell to `buyers`. */
function minerals(suppliers: string[], buyers: string[], scenario: Scenario = quiet()): GameState {
  const { state } = agree(negotiating(scenario), suppliers[0]!, { terms: { type: "supply", suppliers, buyers, sector: "minerals", volume: 2, price: 1 }, duration: 2 }, [...suppliers.slice(1), ...buyers]);
  const s = resolve(state);
  expect(s.agreements.at(-1)!.status).toBe("in-force");
  return s;
}

describe("a supply objective's side", () => {
  it("the shipped objectives whose text sells or buys name that side", () => {
    const s = quiet();
    expect(objective(s, "ID", "id-nickel").condition).toMatchObject({ type: "supply", sector: "minerals", as: "supplier" });
    expect(objective(s, "JP", "jp-minerals").condition).toMatchObject({ type: "supply", sector: "minerals", as: "buyer" });
  });

  it("a seller's objective is met by selling, and the buyer's by buying", () => {
    const s = minerals(["ID"], ["JP"]);
    expect(conditionMet(s, objective(s, "ID", "id-nickel").condition, "ID")).toBe(true);
    expect(conditionMet(s, objective(s, "JP", "jp-minerals").condition, "JP")).toBe(true);
  });

  it("a buyer does not meet a seller's objective, nor a seller a buyer's, and each says no such deal took force", () => {
    const s = minerals(["JP"], ["ID"]);
    const sell = checkCondition(s, objective(s, "ID", "id-nickel").condition, "ID");
    expect(sell.met).toBe(false);
    expect(say(sell.why!, s.scenario)).toBe("0 such agreements took force; it needs 1.");
    expect(conditionMet(s, objective(s, "JP", "jp-minerals").condition, "JP")).toBe(false);
  });

  it("with no side, either side counts", () => {
    const sideless = quiet((sc) => {
      for (const c of sc.countries) for (const o of [...c.objectives, c.secret]) if (o.condition.kind === "agreement") delete o.condition.as;
    });
    const s = minerals(["JP"], ["ID"], sideless);
    expect(conditionMet(s, objective(s, "ID", "id-nickel").condition, "ID")).toBe(true);
    expect(conditionMet(s, objective(s, "JP", "jp-minerals").condition, "JP")).toBe(true);
  });
});
