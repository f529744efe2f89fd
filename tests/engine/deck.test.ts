/**
 * History in order (docs/RULES.md §2, "The event deck"): cards come in era order with some
 * randomness within an era, a rescission never before its rule, and cards that once imposed a
 * historical policy put pressure on the seats that hold the choice instead.
 */
import { describe, expect, it } from "vitest";
import { cardEra, VERSION_CARDLESS_ROUNDS } from "../../shared/engine/deck.ts";
import { CURRENT_EDITION } from "../../shared/engine/deal-ids.ts";
import { viewFor } from "../../shared/engine/views.ts";
import type { Action, GameState } from "../../shared/engine/index.ts";
import { agree, causeSum, classroom, derive, FACILITATOR, negotiating, newGame, nextNegotiation, ok, refused, resolve, seat, shippedScenarios, SYSTEM } from "./helpers.ts";

/** Plays a whole game with no deals and returns the scenario cards drawn, in order. */
function drawn(scenarioId: string, seed: number): { id: string; era: number; round: number }[] {
  const sc = shippedScenarios().get(scenarioId)!;
  let s: GameState = ok(newGame(sc, { seed }), FACILITATOR, { type: "start" });
  while (s.phase !== "ended") s = ok(s, SYSTEM, { type: "advance" });
  return s.events.filter((e) => !e.custom).map((e) => ({ id: e.id, round: e.round, era: cardEra(sc.events.find((c) => c.id === e.id)!, sc.year) }));
}

describe("the event deck", () => {
  it.each(["classroom-quick", "alliance-2021", "multipolar-2024"])("%s: cards come in date order, one a round, never from before the game's year", (id) => {
    const sc = shippedScenarios().get(id)!;
    const firsts = new Set<string>();
    for (let seed = 1; seed <= 25; seed++) {
      const cards = drawn(id, seed);
      expect(cards.map((c) => c.round)).toEqual(cards.map((_, i) => i + 1));
      for (let i = 1; i < cards.length; i++) expect(cards[i]!.era).toBeGreaterThanOrEqual(cards[i - 1]!.era);
      expect(cards[0]!.era).toBe(sc.year);
      for (const c of cards) {
        const after = sc.events.find((e) => e.id === c.id)!.after;
        if (after) expect(cards.findIndex((x) => x.id === after)).toBeLessThan(cards.findIndex((x) => x.id === c.id));
      }
      firsts.add(cards[0]!.id);
    }
    // Some randomness within an era: the opening card differs between games.
    expect(firsts.size).toBeGreaterThan(1);
  });

  it("each round draws from its own year when the deck has one: a four-round classroom game reaches 2025", () => {
    for (let seed = 1; seed <= 10; seed++) expect(drawn("classroom-quick", seed).map((c) => c.era).slice(0, 3)).toEqual([2023, 2024, 2025]);
  });

  it("a rescission cannot be played before its rule, even by the facilitator", () => {
    let s = ok(newGame(classroom()), FACILITATOR, { type: "start" });
    refused(s, FACILITATOR, { type: "play-event", cardId: "ai-diffusion-dropped" }, "rule/event_out_of_order");
    s = ok(s, FACILITATOR, { type: "play-event", cardId: "ai-diffusion" });
    s = ok(s, FACILITATOR, { type: "play-event", cardId: "ai-diffusion-dropped" });
    expect(s.events.map((e) => e.id).slice(-2)).toEqual(["ai-diffusion", "ai-diffusion-dropped"]);
  });

  it("the facilitator's view names the cards that must wait, and which card each waits for, by the rule that refuses them", () => {
    let s = ok(newGame(classroom()), FACILITATOR, { type: "start" });
    expect(viewFor(s, { kind: "facilitator" }).deckWaiting).toEqual({ "ai-diffusion-dropped": "ai-diffusion" });
    refused(s, FACILITATOR, { type: "play-event", cardId: "ai-diffusion-dropped", round: 3 }, "rule/event_out_of_order");
    s = ok(s, FACILITATOR, { type: "play-event", cardId: "ai-diffusion" });
    expect(viewFor(s, { kind: "facilitator" }).deckWaiting).toEqual({});
    expect(viewFor(s, { kind: "seat", seat: "US", roles: [] }).deckWaiting).toBeUndefined();
  });
});

describe("a round with no card (docs/RULES.md §2: a game longer than its deck)", () => {
  // The classroom deck's years run out after its four rounds: round 4 plays the 2025 rescission,
  // and only cards of earlier years are left, which a later round does not draw.
  const CARDED = classroom().rounds;
  /** A classroom game four rounds longer than its deck's years, at round 1's review. */
  const pastTheDeck = (edition: number) => resolve(negotiating(classroom(), { edition, rounds: CARDED + 4 }));
  /** From one review to the next round's review: the phases the round went through before it. */
  const nextRound = (s: GameState): { s: GameState; phases: string[] } => {
    const phases: string[] = [];
    s = ok(s, SYSTEM, { type: "advance" });
    while (s.phase !== "review") {
      phases.push(s.phase);
      s = ok(s, SYSTEM, { type: "advance" });
    }
    return { s, phases };
  };
  const toLastCard = (s: GameState) => {
    for (let round = 2; round <= CARDED; round++) s = nextRound(s).s;
    return s;
  };

  it("opens with the negotiation once the deck has no card for it; rounds with a card still open with it", () => {
    let s = pastTheDeck(CURRENT_EDITION);
    for (let round = 2; round <= CARDED + 4; round++) {
      const next = nextRound(s);
      s = next.s;
      const drew = s.events.some((e) => e.round === round);
      expect(drew, `round ${round}`).toBe(round <= CARDED);
      expect(next.phases, `round ${round}`).toEqual(drew ? ["event", "negotiation"] : ["negotiation"]);
    }
  });

  it("nobody is asked to read an empty round: a ready meant for its event phase is refused; the facilitator may still play a card in it", () => {
    let s = ok(toLastCard(pastTheDeck(CURRENT_EDITION)), SYSTEM, { type: "advance" });
    expect([s.phase, s.round, s.ready]).toEqual(["negotiation", CARDED + 1, []]);
    refused(s, seat("US"), { type: "ready", ready: true, phase: "event" }, "rule/phase_moved");
    s = ok(s, FACILITATOR, { type: "custom-event", title: "Late news", text: "A card of the facilitator's.", effects: [] });
    expect([s.phase, s.events.at(-1)!.round]).toEqual(["negotiation", CARDED + 1]);
  });

  it("a round the facilitator scheduled a card for opens with it, past the deck too", () => {
    let s = toLastCard(pastTheDeck(CURRENT_EDITION));
    s = ok(s, FACILITATOR, { type: "custom-event", title: "Late news", text: "A card of the facilitator's.", effects: [], round: CARDED + 1 });
    s = ok(s, SYSTEM, { type: "advance" });
    expect([s.phase, s.round]).toEqual(["event", CARDED + 1]);
  });

  it("a game made under an earlier rules edition keeps its empty event phase, so its stored log replays as played", () => {
    let s = toLastCard(pastTheDeck(VERSION_CARDLESS_ROUNDS - 1));
    const log: Action[] = [
      { actor: SYSTEM, move: { type: "advance", cause: "clock" } },
      { actor: seat("US"), move: { type: "ready", ready: true, phase: "event" } },
      { actor: SYSTEM, move: { type: "advance", cause: "ready", phase: "event" } },
    ];
    for (const action of log) s = ok(s, action.actor, action.move);
    expect([s.phase, s.round]).toEqual(["negotiation", CARDED + 1]);
  });
});

describe("historical cards as pressure", () => {
  /** Classroom quick start 2023 whose only card is the 2024 Entity List card. */
  const listing = () => derive(classroom(), (s) => (s.events = s.events.filter((e) => e.id === "bis-140")));

  it("without a US chip regime against China the US pays in support; China, without a minerals regime, pays too", () => {
    const s = resolve(negotiating(listing()));
    expect(causeSum(s, "US", "support", "140 entities")).toBeCloseTo(-2, 5);
    expect(causeSum(s, "CN", "support", "140 entities")).toBeCloseTo(-2, 5);
    expect(causeSum(s, "CN", "capability:semis", "140 entities")).toBe(0);
  });

  it("the seats that hold the choice decide: with the regimes in force, the card's other side applies", () => {
    let s = negotiating(listing());
    s = agree(s, "US", { terms: { type: "export-control", sector: "semis", tier: "frontier", target: "CN" }, parties: ["US"], duration: 1 }).state;
    s = agree(s, "CN", { terms: { type: "export-control", sector: "minerals", tier: "frontier", target: "US" }, parties: ["CN"], duration: 1 }).state;
    s = resolve(s);
    expect(causeSum(s, "US", "support", "140 entities")).toBe(0);
    expect(causeSum(s, "CN", "support", "140 entities")).toBe(0);
    expect(causeSum(s, "CN", "capability:semis", "140 entities")).toBeCloseTo(-0.3, 5);
  });

  it("pressure bites only in the round its card is played", () => {
    let s = resolve(negotiating(listing()));
    s = resolve(nextNegotiation(s));
    expect(causeSum(s, "US", "support", "140 entities")).toBe(0);
  });

  it("no shipped card imposes a chip or AI control on China by itself any more", () => {
    for (const sc of shippedScenarios().values())
      for (const e of sc.events)
        for (const eff of e.effects) if (eff.kind === "capability" && eff.target === "CN" && ["semis", "ai"].includes(eff.sector)) expect(eff.amount, `${sc.id}/${e.id}`).toBeGreaterThan(0);
  });
});
