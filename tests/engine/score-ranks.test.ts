/**
 * Scores are ordered and ranked by their exact total, not by the total rounded to a tenth for
 * display (shared/engine/scoring.ts `exactTotal`, docs/RULES.md "Ranks and ties"): two subtotals
 * a tenth apart, halved by missed targets, both show the same total but do not tie.
 */
import { describe, expect, it } from "vitest";
import { computeScores, seatRanks, exactTotal, type Score } from "../../shared/engine/scoring.ts";
import type { GameState } from "../../shared/engine/index.ts";
import { newGame, quiet } from "./helpers.ts";

/** A game whose table misses its targets (every total halved), NL and JP given `capital` each. */
const BASE = newGame(quiet((sc) => { sc.rules.scoring.missedTargetFactor = 0.5; sc.table.divide = 90; }));
function game(capital: { NL: number; JP: number }): GameState {
  const s = { ...BASE, countries: { ...BASE.countries, NL: { ...BASE.countries.NL! }, JP: { ...BASE.countries.JP! } } };
  s.countries.NL!.capital = capital.NL;
  s.countries.JP!.capital = capital.JP;
  return s;
}
const score = (scores: Score[], id: string) => scores.find((x) => x.country === id)!;

/**
 * Capitals giving the Netherlands a subtotal a tenth above Japan's, both totals the same once
 * rounded (searched: the scores' own arithmetic). The Netherlands, whose code sorts after Japan's.
 */
function nearTie(): { s: GameState; hi: string; lo: string } {
  const base = computeScores(game({ NL: 0, JP: 0 }));
  for (let nl = 0; nl < 3000; nl++) {
    for (const jp of [0, 1000, 2000]) {
      const s = game({ NL: nl, JP: jp });
      const scores = computeScores(s);
      const [a, b] = [score(scores, "NL"), score(scores, "JP")];
      if (a.subtotal - b.subtotal > 0.05 && a.subtotal - b.subtotal < 0.15 && a.total === b.total) {
        expect(base[0]!.factor).toBe(0.5);
        return { s, hi: "NL", lo: "JP" };
      }
    }
  }
  throw new Error("no near tie found");
}

describe("ranks and order follow the exact totals", () => {
  it("a subtotal a tenth higher ranks above, though both halved totals show the same", () => {
    const { s, hi, lo } = nearTie();
    const scores = computeScores(s);
    const [h, l] = [score(scores, hi), score(scores, lo)];
    expect(h.total).toBe(l.total);
    expect(h.subtotal).toBeGreaterThan(l.subtotal);
    // Listed above it, whatever their codes' order.
    expect(scores.indexOf(h)).toBeLessThan(scores.indexOf(l));
    const ranks = seatRanks(scores, () => true, exactTotal);
    expect(ranks.get(hi)!).toBeLessThan(ranks.get(lo)!);
  });

  it("equal subtotals still tie: the same rank, listed by country code", () => {
    const s = structuredClone(game({ NL: 0, JP: 0 }));
    // The same scenario numbers for both: give JP NL's weights, meters, objectives and falls.
    const nl = s.scenario.countries.find((c) => c.id === "NL")!;
    const jp = s.scenario.countries.find((c) => c.id === "JP")!;
    Object.assign(jp, { weights: nl.weights, objectives: nl.objectives.map((o) => ({ ...o })), secret: nl.secret });
    s.countries.JP = { ...structuredClone(s.countries.NL!) };
    const scores = computeScores(s);
    const [a, b] = [score(scores, "JP"), score(scores, "NL")];
    expect(a.subtotal).toBe(b.subtotal);
    expect(scores.indexOf(a)).toBe(scores.indexOf(b) - 1);
    const ranks = seatRanks(scores, () => true, exactTotal);
    expect(ranks.get("JP")).toBe(ranks.get("NL"));
  });
});
