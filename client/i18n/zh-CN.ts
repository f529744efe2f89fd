/**
 * Every word a person reads, in Simplified Chinese: the same files and keys as client/i18n/en/,
 * loaded only by readers who choose it (client/i18n/languages.ts). Terms follow one glossary
 * (docs/GLOSSARY.zh-CN.md) and the conventions of Chinese policy writing. The whole catalog, for
 * the server, the command-line tools and tests; a browser loads it in two parts, the start
 * page's (zh-CN-first.ts) and the rest (zh-CN-later.ts), when a screen needs them.
 */
import type { Catalog } from "./en.ts";
import { first } from "./zh-CN-first.ts";
import { later } from "./zh-CN-later.ts";

/**
 * Typed loosely on purpose: a key added to English in one change and translated in the next
 * falls back to English on screen; tests/client/catalogs.test.ts fails until it is translated.
 */
export const zhCN = { ...first, ...later } as Partial<Catalog> as Catalog;
