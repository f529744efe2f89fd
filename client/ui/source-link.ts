/** A card's source, as a link without tracking tails (or plain text when it is no address). */
import { t } from "../i18n/index.ts";
import { sourceLink } from "../model/source.ts";
import { h } from "./dom.ts";

export function sourceLine(source: string | undefined): HTMLElement | null {
  if (!source) return null;
  const link = sourceLink(source);
  return h("p", { class: "muted small source" }, `${t("misc.sourceLabel")}${t("misc.colon")}`, link ? h("a", { href: link.href, target: "_blank", rel: "noopener noreferrer" }, link.text) : source);
}
