/**
 * Every word a person reads, in English: the client's panels, what the engine says (refusals,
 * news, causes) and the facilitator's report. One file per area under en/; a translation has
 * the same files and the same keys (tests/client/catalogs.test.ts checks keys and placeholders).
 * `{name}` marks a parameter; keys ending in `.one` / `.other` are plural forms.
 */
import { archive } from "./en/archive.ts";
import { bots } from "./en/bots.ts";
import { classroom } from "./en/classroom.ts";
import { deals } from "./en/deals.ts";
import { engine } from "./en/engine.ts";
import { facilitator } from "./en/facilitator.ts";
import { game } from "./en/game.ts";
import { issues } from "./en/issues.ts";
import { report } from "./en/report.ts";
import { review } from "./en/review.ts";
import { server } from "./en/server.ts";
import { start } from "./en/start.ts";
import { vocabulary } from "./en/vocabulary.ts";

export const en = { ...start, ...game, ...vocabulary, ...deals, ...review, ...facilitator, ...archive, ...engine, ...report, ...classroom, ...bots, ...server, ...issues };

export type Key = keyof typeof en;
export type Catalog = Record<Key, string>;
