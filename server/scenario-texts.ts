/**
 * The shipped scenarios' translations (assets/scenarios/<lang>/<file>), loaded and checked once.
 * A translation that misses a text is still served (the English shows for that text); the
 * tests and `npm run validate-scenario` refuse it.
 */
import { existsSync, readFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { parseScenarioText, publicText, SCENARIO_LANGUAGES, translateScenario, type PublicScenarioText, type ScenarioText } from "../shared/scenario/translation.ts";
import type { Scenario } from "../shared/scenario/schema.ts";
import type { TranslatedStandards } from "../shared/bots/intents.ts";
import { scenarioFile, shippedScenarios } from "./scenarios.ts";
import { logger } from "./logger.ts";
import { issueLine } from "../shared/scenario/validate.ts";
import { englishWords } from "./debrief/words.ts";

/** Where a scenario file's translation into `lang` lives. */
export function translationPath(scenarioFile: string, lang: string): string {
  return join(dirname(scenarioFile), lang, basename(scenarioFile));
}

/**
 * A scenario file's translations, by language: beside the file, under the file's own name, where
 * `npm run validate-scenario` looks (the file need not be named after the scenario's id).
 */
export function readTranslations(scenarioFile: string): Map<string, ScenarioText> {
  const out = new Map<string, ScenarioText>();
  for (const lang of SCENARIO_LANGUAGES) {
    const file = translationPath(scenarioFile, lang);
    if (!existsSync(file)) continue;
    const parsed = parseScenarioText(readFileSync(file, "utf8"));
    if (parsed.ok) out.set(lang, parsed.text);
    else logger.error({ file }, `translation ${file} left out (the English shows):\n${parsed.issues.map((i) => `  ${englishWords().render(issueLine(i))}`).join("\n")}`);
  }
  return out;
}

let cache: Map<string, ScenarioText> | undefined;

function load(): Map<string, ScenarioText> {
  if (cache) return cache;
  cache = new Map();
  for (const id of shippedScenarios().keys()) for (const [lang, text] of readTranslations(scenarioFile(id)!)) cache.set(`${id}/${lang}`, text);
  return cache;
}

export function scenarioText(id: string, lang: string): ScenarioText | undefined {
  return load().get(`${id}/${lang}`);
}

/** The translation every reader may have (no secret objectives), for the client to show a game in its language. */
export function publicScenarioText(id: string, lang: string): PublicScenarioText | undefined {
  const text = scenarioText(id, lang);
  return text && publicText(text);
}

/** A scenario in `lang` (English where there is no translation). */
export function localizedScenario(scenario: Scenario, lang: string): Scenario {
  return translateScenario(scenario, scenarioText(scenario.id, lang));
}

/** Each country's secret objective in every translated language: the sections carry it to whoever may read the secret. */
export function secretTexts(scenarioId: string): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const lang of SCENARIO_LANGUAGES)
    for (const [country, c] of Object.entries(scenarioText(scenarioId, lang)?.countries ?? {}))
      if (c.secret) (out[country] ??= {})[lang] = c.secret;
  return out;
}

const names = new Map<string, Record<string, string[]>>();

/** Each country's name in every translated language (country → names): a person may name a bot's seat by them in the plenary (shared/bots/intents.ts). */
export function translatedNames(scenarioId: string): Record<string, string[]> {
  let out = names.get(scenarioId);
  if (out) return out;
  names.set(scenarioId, (out = {}));
  for (const lang of SCENARIO_LANGUAGES)
    for (const [country, c] of Object.entries(scenarioText(scenarioId, lang)?.countries ?? {})) (out[country] ??= []).push(c.name);
  return out;
}

const standards = new Map<string, TranslatedStandards>();

/** Each standards race's name and its options' names in every translated language: a person may name an option by them (shared/bots/talk.ts `optionAsked`). */
export function translatedStandards(scenarioId: string): TranslatedStandards {
  let out = standards.get(scenarioId);
  if (out) return out;
  const found: Record<string, { names: string[]; options: Record<string, string[]> }> = {};
  for (const lang of SCENARIO_LANGUAGES)
    for (const [race, t] of Object.entries(scenarioText(scenarioId, lang)?.standards ?? {})) {
      const r = (found[race] ??= { names: [], options: {} });
      r.names.push(t.name);
      for (const [option, name] of Object.entries(t.options)) (r.options[option] ??= []).push(name);
    }
  standards.set(scenarioId, (out = found));
  return out;
}
