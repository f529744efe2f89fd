/** Glossary terms in game text become links to their entry in the teaching kit (/teaching). */
import { glossParts } from "../model/glossary.ts";
import { t } from "../i18n/index.ts";
import { h, type Child } from "./dom.ts";

export function glossed(text: string): Child[] {
  return glossParts(text).map((p) =>
    p.anchor ? h("a", { href: `/teaching#${p.anchor}`, class: "gloss", target: "_blank", rel: "noopener", title: t("kit.glossaryOf", { term: p.text }) }, p.text) : p.text,
  );
}
