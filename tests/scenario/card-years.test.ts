/**
 * A scenario's deck fits the years its game walks through: each round is a year, the scenario's
 * year in round 1 and one more each round (docs/RULES.md §2, "The event deck"; shared/engine/deck.ts),
 * so the Classroom scenario (2023, four rounds) plays 2023 to 2026 and draws its 2024 and 2025
 * cards in rounds 2 and 3. A card dated after the game's last year would be drawn in a year
 * before its own; a card's era is a year its (real) date names, so the deck draws it in its year.
 */
import { describe, expect, it } from "vitest";
import { cardEra } from "../../shared/engine/deck.ts";
import { shippedScenarios } from "../../server/scenarios.ts";

const yearsIn = (date: string) => (date.match(/\b(19|20)\d\d\b/g) ?? []).map(Number);

describe("a scenario's event cards", () => {
  for (const s of shippedScenarios().values()) {
    it(`${s.id}: dated within the years its ${s.rounds} rounds play (${s.year}–${s.year + s.rounds - 1}), each in the era its date names`, () => {
      const last = s.year + s.rounds - 1;
      const late = s.events.filter((e) => Math.max(...yearsIn(e.date), cardEra(e, s.year)) > last).map((e) => `${e.id} (${e.date})`);
      expect(late).toEqual([]);
      const early = s.events.filter((e) => cardEra(e, s.year) < s.year).map((e) => `${e.id} (${e.date})`);
      expect(early).toEqual([]);
      const misfiled = s.events.filter((e) => yearsIn(e.date).length && !yearsIn(e.date).includes(cardEra(e, s.year)) && !(cardEra(e, s.year) > Math.min(...yearsIn(e.date)) && cardEra(e, s.year) < Math.max(...yearsIn(e.date)))).map((e) => `${e.id} (${e.date}, era ${cardEra(e, s.year)})`);
      expect(misfiled).toEqual([]);
    });
  }
});
