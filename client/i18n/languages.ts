/**
 * The languages the game speaks. English is built in; the others load on demand, so a player
 * downloads only their own. Adding a language: docs/ARCHITECTURE.md "A new language".
 */
import { en, type Catalog } from "./en.ts";
import { pseudoCatalog } from "./pseudo.ts";

export const LANGUAGES = ["en", "zh-CN", "en-XA"] as const;
export type Language = (typeof LANGUAGES)[number];
/** Languages offered in the switch; the pseudo-locale is for testing and is chosen by address (?lang=en-XA). */
export const OFFERED: readonly Language[] = ["en", "zh-CN"];

export function isLanguage(x: unknown): x is Language {
  return typeof x === "string" && (LANGUAGES as readonly string[]).includes(x);
}

/** The best language for a list of preferences (navigator.languages, Accept-Language), English by default. */
export function pickLanguage(preferences: readonly string[]): Language {
  for (const p of preferences) {
    if (isLanguage(p)) return p;
    const base = p.toLowerCase().split("-")[0];
    const match = OFFERED.find((l) => l.toLowerCase().split("-")[0] === base);
    if (match) return match;
  }
  return "en";
}

/** The languages of an Accept-Language header, most wanted first. */
export function acceptedLanguages(header: string | undefined): string[] {
  if (!header) return [];
  return header
    .split(",")
    .map((part) => {
      const [tag, ...rest] = part.trim().split(";");
      const q = Number(rest.find((r) => r.trim().startsWith("q="))?.trim().slice(2) ?? 1);
      return { tag: tag!.trim(), q: Number.isFinite(q) ? q : 0 };
    })
    .filter((x) => x.tag && x.tag !== "*" && x.q > 0)
    .sort((a, b) => b.q - a.q)
    .map((x) => x.tag);
}

/** A language's whole catalog: the server's report, the command-line tools and tests. */
export async function loadCatalog(lang: Language): Promise<Catalog> {
  const [first, later] = await Promise.all([loadCatalogPart(lang, "first"), loadCatalogPart(lang, "later")]);
  return { ...first, ...later } as Catalog;
}

/**
 * What a browser loads of a catalog: the start page's words (`first`), before the first screen,
 * and the rest (`later`) when a screen that needs them opens (client/ui/language.ts). English is
 * built in whole; a Chinese reader's first screen takes 7 KB gzipped of the Chinese catalog's 48
 * (client/i18n/zh-CN-first.ts, zh-CN-later.ts: two dynamic imports Vite builds as files of their own).
 */
export async function loadCatalogPart(lang: Language, part: "first" | "later"): Promise<Partial<Catalog>> {
  switch (lang) {
    case "en":
      return part === "first" ? en : {};
    case "zh-CN":
      return part === "first" ? (await import("./zh-CN-first.ts")).first : (await import("./zh-CN-later.ts")).later;
    case "en-XA":
      return part === "first" ? pseudoCatalog() : {};
  }
}
