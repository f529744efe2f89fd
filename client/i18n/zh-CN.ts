/**
 * Every word a person reads, in Simplified Chinese: the same files and keys as client/i18n/en/,
 * loaded only by readers who choose it (client/i18n/languages.ts). Terms follow one glossary
 * (docs/GLOSSARY.zh-CN.md) and the conventions of Chinese policy writing.
 */
import type { Catalog } from "./en.ts";
import { archive } from "./zh-CN/archive.ts";
import { bots } from "./zh-CN/bots.ts";
import { classroom } from "./zh-CN/classroom.ts";
import { deals } from "./zh-CN/deals.ts";
import { engine } from "./zh-CN/engine.ts";
import { facilitator } from "./zh-CN/facilitator.ts";
import { game } from "./zh-CN/game.ts";
import { issues } from "./zh-CN/issues.ts";
import { report } from "./zh-CN/report.ts";
import { review } from "./zh-CN/review.ts";
import { server } from "./zh-CN/server.ts";
import { start } from "./zh-CN/start.ts";
import { vocabulary } from "./zh-CN/vocabulary.ts";

/**
 * Typed loosely on purpose: a key added to English in one change and translated in the next
 * falls back to English on screen; tests/client/catalogs.test.ts fails until it is translated.
 */
export const zhCN = { ...start, ...game, ...vocabulary, ...deals, ...review, ...facilitator, ...archive, ...engine, ...report, ...classroom, ...bots, ...server, ...issues } as Partial<Catalog> as Catalog;
