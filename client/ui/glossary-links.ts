/** Glossary terms in game text become links to their entry in the teaching kit (/teaching). */
import { EPILOGUE_ANCHOR, glossParts } from "../model/glossary.ts";
import { t } from "../i18n/index.ts";
import { h, type Child } from "./dom.ts";

/** The end screen's way to the real story behind the scenario (docs/TEACHING.md). */
export function epilogueLink() {
  return h("p", { class: "epilogue-link" }, h("a", { href: `/teaching#${EPILOGUE_ANCHOR}`, target: "_blank", rel: "noopener", id: "end-epilogue" }, t("kit.epilogue")));
}

export function glossed(text: string): Child[] {
  return glossParts(text).map((p) =>
    p.anchor ? h("a", { href: `/teaching#${p.anchor}`, class: "gloss", target: "_blank", rel: "noopener", title: t("kit.glossaryOf", { term: p.text }) }, p.text) : p.text,
  );
}
