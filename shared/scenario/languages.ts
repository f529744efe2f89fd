/**
 * Languages scenario files are translated into (English is the scenario file itself). Its own
 * module, free of zod, so the client can ask whether to fetch a scenario's text without loading
 * the translation schemas.
 */
export const SCENARIO_LANGUAGES = ["zh-CN"] as const;
export type ScenarioLanguage = (typeof SCENARIO_LANGUAGES)[number];

export const isScenarioLanguage = (lang: string): lang is ScenarioLanguage => (SCENARIO_LANGUAGES as readonly string[]).includes(lang);
