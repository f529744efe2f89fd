/**
 * Looks strings up in the catalog. `t(key, params)` fills `{name}` placeholders; `tn` picks the
 * plural form with Intl.PluralRules. Pure: unit tests import it without a DOM.
 */
import { en, type Catalog } from "./en.ts";

export type Key = keyof typeof en;
export type Params = Record<string, string | number>;
export type PluralBase = { [K in Key]: K extends `${infer B}.one` ? B : never }[Key];

let catalog: Catalog = en;
let locale = "en";
let plurals = new Intl.PluralRules(locale);

/** Switches the catalog (a translation provides every key of `en`). */
export function useCatalog(next: Catalog, nextLocale: string) {
  catalog = next;
  locale = nextLocale;
  plurals = new Intl.PluralRules(locale);
}

export function currentLocale(): string {
  return locale;
}

export function t(key: Key, params?: Params): string {
  const text = catalog[key] ?? en[key] ?? key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** A plural form: `tn("deal.duration", 3)` → "3 rounds". `count` is passed as a parameter. */
export function tn(base: PluralBase, count: number, params?: Params): string {
  const form = plurals.select(count) === "one" ? "one" : "other";
  return t(`${base}.${form}` as Key, { count, ...params });
}

/** Whether a dynamic key exists (for ids that come from data, like a stance or a sector). */
export function has(key: string): key is Key {
  return key in catalog;
}

/** Looks up `prefix.id`, falling back to the id itself for data the catalog does not know. */
export function label(prefix: string, id: string): string {
  const key = `${prefix}.${id}`;
  return has(key) ? t(key) : id;
}

/** "A, B and C" in the catalog's words. */
export function list(items: string[]): string {
  if (items.length <= 1) return items[0] ?? t("misc.none");
  return t("misc.and", { a: items.slice(0, -1).join(", "), b: items[items.length - 1]! });
}
