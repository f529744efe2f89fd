/**
 * The round's event card under the board (the game screen's strip). On a phone or an upright
 * tablet (client/ui/dom.ts STACKED_QUERY) it sits between the map and every tab's panel, so there it
 * shows whole only while it is new — the event phase,
 * or a card this screen had not seen yet, until the player opens another tab or the phase moves
 * on — and otherwise folds to its title and a button that unfolds it. Laptops and projectors
 * always show it whole.
 */
import type { ClientView } from "../../shared/protocol/view.ts";
import { t } from "../i18n/index.ts";
import { eventKey, firstNew, readingOrder, roundEvents } from "../model/board.ts";
import { h, replace, stacked } from "./dom.ts";
import { foldButton, showFold } from "./fold.ts";
import { glossed } from "./glossary-links.ts";
import { eventDate } from "./event-date.ts";
import { sourceLine } from "./source-link.ts";
import { describeEffects } from "../model/inject.ts";

/**
 * What a facilitator's own card does, under its text: a scenario card's text says its effects,
 * a custom card's words are the facilitator's and may not.
 */
export function customEffects(view: Pick<ClientView, "countries">, ev: ClientView["events"][number]): HTMLElement | null {
  return ev.custom && ev.effects.length ? h("p", { class: "event-effects small" }, t("event.effects", { effects: describeEffects(view, ev.effects) })) : null;
}

export class EventStrip {
  readonly el = h("section", { class: "event-strip", "aria-label": t("obs.event") });
  /**
   * The round's cards the strip was last given (in reading order: client/model/board.ts
   * `readingOrder`), the cards seen so far, and which one the strip shows: when cards come, the
   * earliest of the new ones (a script's four cards open on the first by date; a card played
   * later shows itself), which the board's card names too (`lead`).
   */
  private cards = "";
  private seen = new Set<string>();
  lead?: string;
  private shown = 0;
  private sig = "";
  /**
   * Where the player was (round, phase, tab) when the strip's card came new to this screen ("":
   * just come, not yet rendered): while they stay there, a phone shows the card whole.
   */
  private freshAt?: string;
  /** The player's own unfolding (or folding) of the card, until a new card or phase. */
  private chosen?: boolean;
  private phase = "";
  private whole = false;
  private folded?: string;
  private toggle = foldButton("event-fold", "event-meta event-more", () => this.flip());

  /**
   * Takes note of new cards in the round: the strip and the board open on the earliest of them.
   * Only this round's cards: a round the deck has no card left for (docs/RULES.md, *The event
   * deck*) has none, and the strip says so instead of showing an earlier round's card.
   */
  follow(view: ClientView) {
    const cards = readingOrder(roundEvents(view.events, view.round));
    const sig = cards.length ? JSON.stringify(cards) : view.round > 0 ? `none:${view.round}` : view.scenario.summary;
    if (sig === this.cards) return cards;
    this.cards = sig;
    const lead = firstNew(cards, this.seen);
    for (const e of cards) this.seen.add(eventKey(e));
    if (lead) {
      this.lead = eventKey(lead);
      this.freshAt = "";
      this.chosen = undefined;
    }
    this.shown = Math.max(0, cards.findIndex((e) => eventKey(e) === this.lead));
    return cards;
  }

  /** `tab`: the panel shown under the strip; opening another one ends a card's newness. */
  render(view: ClientView, tab: string) {
    // Once the game is over the last round's card is old news: the map and the end screen (a
    // facilitator projects them for the debrief) have the room.
    this.el.hidden = view.phase === "ended";
    const phase = `${view.round}:${view.phase}`;
    if (phase !== this.phase) this.chosen = undefined;
    this.phase = phase;
    const cards = this.follow(view);
    const where = `${phase}:${tab}`;
    if (this.freshAt === "") this.freshAt = where;
    this.whole = view.phase === "event" || this.freshAt === where;
    this.draw(view, cards);
    this.fold();
  }

  private draw(view: ClientView, cards: ReturnType<EventStrip["follow"]>) {
    const shown = this.shown;
    const sig = `${shown}:${this.cards}`;
    if (sig === this.sig) return;
    this.sig = sig;
    const ev = cards[shown];
    if (!ev) {
      // Before the game starts (round 0) the scenario's summary; in a round without a card, that it has none.
      replace(this.el, h("p", { class: "muted", id: "event-none" }, view.round > 0 ? t("event.none") : view.scenario.summary));
      return;
    }
    // A round opened with several cards (a facilitator's script): each can be read in turn.
    const step = (by: number, key: "event.previous" | "event.next", glyph: string) =>
      h("button", { type: "button", class: "link event-step", "aria-label": t(key), title: t(key), disabled: !cards[shown + by], onclick: () => ((this.shown = shown + by), this.draw(view, cards), this.fold()) }, glyph);
    const stepper = cards.length > 1 ? h("span", { class: "event-steps" }, step(-1, "event.previous", "‹"), h("span", { id: "event-of" }, t("event.ofRound", { n: shown + 1, count: cards.length })), step(1, "event.next", "›")) : null;
    replace(
      this.el,
      h("p", { class: "event-meta", id: "event-meta" }, eventDate(ev), h("span", { class: "muted" }, ` ${t("obs.event")} · ${t("event.round", { round: ev.round })}`), stepper),
      h("div", { class: "event-head" }, h("h2", {}, ev.title), this.toggle),
      h("div", { id: "event-more" }, h("p", {}, ...glossed(ev.text)), customEffects(view, ev), sourceLine(ev.source)),
    );
  }

  /** Whole, or folded to its title line: on a phone or an upright tablet, a card that is no longer new folds unless the player unfolded it. */
  private fold() {
    const foldable = !!this.el.querySelector("#event-more") && stacked();
    const whole = !foldable || (this.chosen ?? this.whole);
    // Drawn again only when it changes: the strip is rendered at every patch.
    const state = `${this.sig}:${foldable}:${whole}`;
    if (state === this.folded) return;
    this.folded = state;
    showFold(this.el, this.toggle, foldable, whole, ["event-meta", "event-more"]);
  }

  private flip() {
    this.chosen = this.toggle.getAttribute("aria-expanded") !== "true";
    this.fold();
  }
}
