/**
 * The Chinese words no start page shows: the game's panels and deals, the engine's refusals,
 * news and causes, the server's and the scenario checks' refusals, the bots' chat, the review,
 * the facilitator's and the class's consoles, the debrief pages and the report. A browser loads
 * them when a screen that needs them opens (the game screen, the class console, a debrief page,
 * How to play), which waits for them as it waits for the font (client/i18n/index.ts
 * `wholeCatalogReady`); a page opened first at another address than the start page's loads
 * them beside the first part (client/ui/language.ts).
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

export const later: Partial<Catalog> = { ...game, ...deals, ...review, ...facilitator, ...archive, ...engine, ...report, ...classroom, ...bots, ...server, ...issues };
