/** A card that folds to its title on a phone, behind a "Details ▾" button: the game's event card, the replay's, the first-game guide. */
import { t } from "../i18n/index.ts";
import { h } from "./dom.ts";

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
