/**
 * What folds on a phone (and, the cards, on an upright tablet: client/ui/dom.ts STACKED_QUERY): a card to its title, behind a "Details ▾" button (the game's event card,
 * the replay's, the first-game guide); the map's legend to its "Legend" line (the game's, the replay's).
 */
import { t } from "../i18n/index.ts";
import { h, phoneLayout, type Child } from "./dom.ts";

/**
 * The map's legend under the board: open on a wide screen with a mouse, folded to its "▶ Legend"
 * line on a phone or a tablet, opened by a tap (client/phone.css): open, it took a third of a
 * tablet's map.
 */
export const legendFold = (...inside: Child[]) => h("details", { class: "board-foot", open: !phoneLayout() }, h("summary", {}, t("board.legend")), ...inside);

/** The "Details ▾" button; `controls`: the ids it shows and hides. */
export function foldButton(id: string, controls: string, flip: () => void) {
  return h("button", { type: "button", class: "link event-fold", id, "aria-controls": controls, onclick: flip });
}

/**
 * Shows `card` whole or folded (its class `folded`): `toggle` (a `foldButton`, shown only where
 * the card can fold) says which, and the parts inside it named by `hide` (ids) hide when folded.
 */
export function showFold(card: HTMLElement, toggle: HTMLElement, foldable: boolean, whole: boolean, hide: string[] = []) {
  toggle.hidden = !foldable;
  toggle.setAttribute("aria-expanded", String(whole));
  toggle.replaceChildren(t("event.details"), h("span", { "aria-hidden": "true" }, whole ? " ▴" : " ▾"));
  card.classList.toggle("folded", !whole);
  for (const id of hide) {
    const part = card.querySelector<HTMLElement>(`#${id}`);
    if (part) part.hidden = !whole;
  }
}
