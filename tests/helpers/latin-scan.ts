/**
 * Finds words that did not come from the catalog in a text shown in the pseudo-locale (every
 * catalog string is wrapped in ⟦ ⟧, client/i18n/pseudo.ts). What is left after removing the
 * wrapped strings, the scenario's own words (data, translated with the scenario) and what people
 * typed must hold no Latin word.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { dealIdsIn } from "../../shared/engine/deal-ids.ts";

/** Every string of a scenario file: titles, names, texts (scenario data, not the catalog's). */
export function scenarioStrings(id: string): string[] {
  const json = JSON.parse(readFileSync(join(import.meta.dirname, "..", "..", "assets", "scenarios", `${id}.json`), "utf8"));
  const out: string[] = [];
  const walk = (x: unknown) => {
    if (typeof x === "string") out.push(x);
    else if (Array.isArray(x)) x.forEach(walk);
    else if (x && typeof x === "object") Object.values(x).forEach(walk);
  };
  walk(json);
  return out.filter((s) => s.length > 1);
}

/** The Latin words a scenario's translation keeps (names and acronyms: ASML, EUV, Mate 60 Pro, AUKUS...). */
export function namesInTranslation(id: string, lang = "zh-CN"): string[] {
  const text = readFileSync(join(import.meta.dirname, "..", "..", "assets", "scenarios", lang, `${id}.json`), "utf8");
  const values = [...text.matchAll(/": "([^"]*)"/g), ...text.matchAll(/^\s*"([^"]*)",?$/gm)].map((m) => m[1]!);
  return [...new Set(values.flatMap((v) => v.match(/[A-Za-z][A-Za-z0-9-]*/g) ?? []))].filter((w) => w !== lang && w.length > 1);
}

/** Latin words outside the catalog's ⟦ ⟧, once `allowed` strings (scenario data, names typed) and deal ids are taken out. */
export function strayWords(text: string, allowed: readonly string[]): string[] {
  // Catalog strings nest (a sentence holds a name): take out the innermost first, until none is left.
  let rest = text;
  for (let before = ""; before !== rest; ) (before = rest), (rest = rest.replace(/⟦[^⟦⟧]*⟧/g, " "));
  for (const s of [...allowed].sort((a, b) => b.length - a.length)) rest = rest.split(s).join(" ");
  // Deal ids are names, not words: a drawn one (A7FB) would leave its letters (FB) behind. The
  // longest go first: "A6", which taking an allowed "SK" out of "A6SK" leaves, is also the start
  // of "A6MK", and cutting it out first would leave "MK".
  for (const id of [...new Set(dealIdsIn(rest))].sort((a, b) => b.length - a.length)) rest = rest.split(id).join(" ");
  return [...new Set(rest.match(/[A-Za-z]{2,}/g) ?? [])];
}
