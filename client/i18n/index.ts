/**
 * The client's current language. `t(key, params)` fills `{name}` placeholders; `tn` picks the
 * plural form with Intl.PluralRules; `render` turns the engine's texts (shared/engine/text.ts)
 * into words, naming countries and standards from the scenario being played (`useNames`).
 * Pure: unit tests import it without a DOM.
 */
import { en, type Catalog, type Key } from "./en.ts";
import { NO_NAMES, translator, type Names, type Params, type PluralBase, type Translator } from "./translator.ts";
export type { PluralBase };
import type { Arg, Ref, Text } from "../../shared/engine/text.ts";

export type { Key, Catalog, Names, Params };

let catalog: Catalog = en;
let locale = "en";
let names: Names = NO_NAMES;
let current: Translator = translator(catalog, locale, names);

/** The rest of the current catalog while it has not come (a browser loads a translation in parts). */
let later: (() => Promise<Partial<Catalog>>) | undefined;
let arriving: Promise<void> | undefined;

/**
 * Switches the catalog: a translation's whole, or the part a browser loads first with `rest`, which
 * loads the others (client/i18n/languages.ts `loadCatalogPart`). Until they come, a key not yet
 * here reads in English: a screen that needs them waits for `wholeCatalogReady` first.
 */
export function useCatalog(next: Partial<Catalog>, nextLocale: string, rest?: () => Promise<Partial<Catalog>>) {
  catalog = next as Catalog;
  locale = nextLocale;
  current = translator(catalog, locale, names);
  later = rest;
  arriving = undefined;
}

/**
 * Resolves once every word of the current catalog is here: at once for a whole one, else once
 * its rest has come (asked on the first call). On a failure (the network) it resolves too, the
 * words reading in English, and the next call asks again.
 */
export function wholeCatalogReady(): Promise<void> {
  const load = later;
  if (!load) return Promise.resolve();
  arriving ??= load().then(
    (part) => {
      if (later !== load) return;
      catalog = { ...catalog, ...part };
      current = translator(catalog, locale, names);
      later = undefined;
    },
    () => {
      arriving = undefined;
    },
  );
  return arriving;
}

/** Where `render` finds the names of countries, standards and cards (the scenario being played). */
export function useNames(next: Names | null) {
  names = next ?? NO_NAMES;
  current = translator(catalog, locale, names);
}

export function currentLocale(): string {
  return locale;
}

export const t = (key: Key, params?: Params): string => current.t(key, params);
/** A plural form: `tn("deal.duration", 3)` → "3 rounds". */
export const tn = (base: PluralBase, count: number, params?: Params): string => current.tn(base, count, params);
/** Whether a dynamic key exists (for ids that come from data, like a stance or a sector). */
export const has = (key: string): key is Key => current.has(key);
/** Looks up `prefix.id`, falling back to the id itself for data the catalog does not know. */
export const label = (prefix: string, id: string): string => current.label(prefix, id);
/** "A, B and C" in the catalog's words. */
export const list = (items: string[]): string => current.list(items);
/** An engine text (a refusal, a news item, a cause) in the reader's words. */
export const render = (x: Text): string => current.render(x);
export const refName = (r: Ref): string => current.refName(r);
/**
 * A catalog sentence whose arguments may name things: `sentence("deals.ask.title", { who: country("NL") })`
 * reads "The Netherlands would sign:", a country in its sentence form and capitalised where it opens one.
 */
export const sentence = (key: Key, args: Record<string, Arg>): string => current.render({ key, args });
/** `sentence` with names of its own, for a page with no game's names (the start page naming a listed scenario's country). */
export const sentenceNaming = (own: Partial<Names>, key: Key, args: Record<string, Arg>): string => translator(catalog, locale, { ...NO_NAMES, ...own }).render({ key, args });
/** Makes the reader's plural rules and number format (their first use costs 15–60 ms), for a moment the page waits on the network. */
export const prepareNumbers = (): void => void current.tn("deal.duration", 2);

/** What a refused request says, in the reader's words: rule refusals carry a text; others only an English sentence. */
export const errorText = (e: { message: string; text?: Text }): string => (e.text ? render(e.text) : e.message);
