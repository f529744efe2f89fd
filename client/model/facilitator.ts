/** Facilitator helpers. Pure. */
import { t } from "../i18n/index.ts";

/**
 * A deck card's title: from the facilitator's `deckCards` when given; otherwise an id like
 * "gallium-licensing" reads as "Gallium licensing".
 */
export function cardTitle(id: string, cards?: readonly { id: string; title: string; date: string }[]): string {
  const card = cards?.find((c) => c.id === id);
  if (card) return `${card.title}${t("misc.aside", { text: card.date })}`;
  const words = id.replace(/[-_]+/g, " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
