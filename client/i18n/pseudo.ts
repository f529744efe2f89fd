/**
 * The pseudo-locale "en-XA": every string of the English catalog wrapped in ⟦ ⟧ and its letters
 * accented, placeholders kept. A screen or report shown in it makes any word that did not come
 * from the catalog stand out (plain ASCII outside the brackets), and the longer strings test
 * that layouts hold.
 */
import { en, type Catalog, type Key } from "./en.ts";

const ACCENTS: Record<string, string> = { a: "á", e: "é", i: "í", o: "ó", u: "ú", A: "Á", E: "É", I: "Í", O: "Ó", U: "Ú", c: "ç", n: "ñ", y: "ý", s: "š", z: "ž" };

/** Accents letters outside `{placeholders}`. */
function accent(text: string): string {
  return text.split(/(\{\w+\})/).map((part, i) => (i % 2 ? part : part.replace(/[a-zA-Z]/g, (ch) => ACCENTS[ch] ?? ch))).join("");
}

export function pseudoCatalog(): Catalog {
  const out = {} as Catalog;
  for (const [key, text] of Object.entries(en) as [Key, string][]) {
    // Flags and separators the code reads stay as they are.
    out[key] = key === "misc.inlineLower" || key === "misc.comma" || key === "misc.colon" || key === "misc.listJoin" || key === "misc.sentenceJoin" || key === "report.join" || text === "" ? text : `⟦${accent(text)}⟧`;
  }
  return out;
}
