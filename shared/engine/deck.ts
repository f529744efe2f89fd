/**
 * The event deck (docs/RULES.md §2): history in order. Cards are drawn in era order, shuffled
 * only within an era; a card that answers another (a rule's rescission) comes only after it.
 * Each round is a year: the round draws the first card of its own year or later, so a game
 * walks through the scenario's years instead of spending every round on the first one.
 */
import type { EventCard, Scenario } from "../scenario/schema.ts";
import { shuffle } from "./rng.ts";
import type { GameState } from "./types.ts";

/**
 * The rules edition (./types.ts `Settings.edition`) from which a round with no card opens with
 * the negotiation instead of an event phase with nothing to read (./apply.ts `beginRound`).
 */
export const VERSION_CARDLESS_ROUNDS = 4;

/** The card's year: its `era`, or the first year its date names, or the scenario's year. */
export function cardEra(card: Pick<EventCard, "era" | "date">, scenarioYear: number): number {
  if (card.era !== undefined) return card.era;
  const year = /\b(19|20)\d\d\b/.exec(card.date);
  return year ? Number(year[0]) : scenarioYear;
}

/** The deck at the start: era order, a seeded shuffle within each era, paired cards after their first. */
export function buildDeck(holder: { rng: number }, scenario: Pick<Scenario, "events" | "year">): string[] {
  const eras = [...new Set(scenario.events.map((e) => cardEra(e, scenario.year)))].sort((a, b) => a - b);
  const deck: string[] = [];
  for (const era of eras) deck.push(...shuffle(holder, scenario.events.filter((e) => cardEra(e, scenario.year) === era).map((e) => e.id)));
  // A card drawn before the card it answers moves to just after it.
  for (const card of scenario.events) {
    if (!card.after) continue;
    const at = deck.indexOf(card.id);
    const first = deck.indexOf(card.after);
    if (first > at) {
      deck.splice(at, 1);
      deck.splice(deck.indexOf(card.after) + 1, 0, card.id);
    }
  }
  return deck;
}

/** Whether a card may be played now: the card it answers (if any) has been played. */
export function cardReady(state: Pick<GameState, "events">, card: Pick<EventCard, "after">): boolean {
  return !card.after || state.events.some((e) => !e.custom && e.id === card.after);
}

/**
 * The cards left in the deck that may not be played yet (docs/RULES.md §2), each with the card
 * it answers: the facilitator's console says so beside the card instead of offering a play the
 * engine refuses (apply.ts, `rule/event_out_of_order`). Facilitator only, as the deck is.
 */
export function waitingCards(state: Pick<GameState, "deck" | "events" | "scenario">): Record<string, string> {
  const out: Record<string, string> = {};
  for (const id of [...state.deck].sort()) {
    const card = state.scenario.events.find((e) => e.id === id);
    if (card?.after && !cardReady(state, card)) out[id] = card.after;
  }
  return out;
}

/**
 * The card this round draws, or undefined: the first card of the deck (in its era order) that
 * may be played and belongs to this round's year or later; when none is left that late, the
 * first of the latest era already played or later.
 */
export function nextCard(state: Pick<GameState, "deck" | "events" | "round" | "scenario">): EventCard | undefined {
  const { scenario } = state;
  const cards = state.deck.map((id) => scenario.events.find((e) => e.id === id)!).filter((c) => c && cardReady(state, c));
  const year = scenario.year + state.round - 1;
  const played = state.events.filter((e) => !e.custom).map((e) => scenario.events.find((c) => c.id === e.id)).filter((c) => c !== undefined);
  const latest = played.length ? Math.max(...played.map((c) => cardEra(c, scenario.year))) : -Infinity;
  return cards.find((c) => cardEra(c, scenario.year) >= year) ?? cards.find((c) => cardEra(c, scenario.year) >= latest);
}
