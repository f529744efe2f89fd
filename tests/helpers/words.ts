/** Tests read the engine's texts in English, as a player would (client/i18n). */
import { en } from "../../client/i18n/en.ts";
import { scenarioNames, translator } from "../../client/i18n/translator.ts";
import type { Text } from "../../shared/engine/text.ts";
import type { Scenario } from "../../shared/scenario/schema.ts";

/** `say(text, state.scenario)`: the English sentence a player reads. */
export function say(text: Text, scenario?: Scenario): string {
  return translator(en, "en", scenario ? scenarioNames(scenario) : undefined).render(text);
}

/** A scenario's or a script's problems as an English reader reads them: each `text` said as `message`. */
export function sayIssues<T extends { text: Text }>(issues: readonly T[]): (Omit<T, "text"> & { message: string })[] {
  return issues.map(({ text, ...rest }) => ({ ...rest, message: say(text) }));
}
