/**
 * The Chinese words of the first screen: the start page (with its class forms and its seat
 * lists), loaded before it is drawn (client/ui/language.ts); a refusal's words wait for the rest
 * (client/net/http.ts). The other areas are client/i18n/zh-CN-later.ts, loaded when a screen
 * that needs them opens. Each area of client/i18n/zh-CN/ is in one of the two, whole
 * (tests/client/catalogs.test.ts checks that they make the whole catalog and that every key the
 * start page's code names is here).
 */
import type { Catalog } from "./en.ts";
import { start } from "./zh-CN/start.ts";
import { vocabulary } from "./zh-CN/vocabulary.ts";

export const first: Partial<Catalog> = { ...start, ...vocabulary };
