/**
 * An event card's date, shown large beside its title: the deck does not come in date order,
 * and a round is a year of play, so each card says plainly when it really happened. A card the
 * facilitator wrote has no date and says so.
 */
import { t } from "../i18n/index.ts";
import { h } from "./dom.ts";

export function eventDate(ev: { date: string; custom: boolean }): HTMLElement {
  if (!ev.date) return h("span", { class: "event-date custom" }, ev.custom ? t("inject.custom.badge") : "");
  return h("time", { class: "event-date", title: t("event.date", { date: ev.date }) }, ev.date);
}
