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

/** Text nodes already looked at, with the text they had then. */
const scanned = new WeakMap<Text, string>();

/** Where a term is not linked: controls, links, headings, chat and anything marked no-gloss. */
const SKIP = "a, button, label, select, option, textarea, input, summary, h1, h2, h3, h4, th, code, time, svg, canvas, [contenteditable], [role=tab], .no-gloss";

/**
 * Links every glossary term in the text of a rendered panel (each term once per text). Run
 * after a panel draws; text already linked is left alone, so running it twice changes nothing.
 */
export function glossTree(root: Element) {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const found: Text[] = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const text = n as Text;
    // Panels keep their rows across patches: a text read before is not read again.
    if (text.data.length < 3 || scanned.get(text) === text.data) continue;
    scanned.set(text, text.data);
    if (text.parentElement?.closest(SKIP)) continue;
    found.push(text);
  }
  for (const text of found) {
    const parts = glossed(text.data);
    if (parts.every((p) => typeof p === "string")) continue;
    text.replaceWith(...parts.map((p) => (typeof p === "string" ? document.createTextNode(p) : (p as Node))));
  }
}
