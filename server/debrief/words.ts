/** The server's words: the client's catalog (client/i18n) in the reader's language, with the game's names. */
import type { Scenario } from "../../shared/scenario/schema.ts";
import { en } from "../../client/i18n/en.ts";
import { isLanguage, loadCatalog, type Language } from "../../client/i18n/languages.ts";
import { scenarioNames, translator, type Translator } from "../../client/i18n/translator.ts";

/** A report's words: `lang` from the request (?lang=), English when absent or unknown. */
export async function wordsFor(lang: string | undefined, scenario?: Scenario): Promise<Translator> {
  const language: Language = isLanguage(lang) ? lang : "en";
  return translator(await loadCatalog(language), language, scenario ? scenarioNames(scenario) : undefined);
}

/** English, synchronously: server logs and the `message` of a refusal (clients render its `text`). */
export function englishWords(scenario?: Scenario): Translator {
  return translator(en, "en", scenario ? scenarioNames(scenario) : undefined);
}
