/**
 * A refusal's words from the server: a catalog text (client/i18n/en/server.ts) that each client
 * renders in its reader's language, and the same sentence in English as `message`, for logs,
 * tools and anyone reading the JSON.
 */
import type { Key } from "../client/i18n/en.ts";
import type { Params, Translator } from "../client/i18n/translator.ts";
import { text, type Text } from "../shared/engine/text.ts";
import { englishWords } from "./debrief/words.ts";

let english: Translator | undefined;

export function said(key: Key, args?: Params): { message: string; text: Text } {
  const words = text(key, args);
  english ??= englishWords();
  return { message: english.render(words), text: words };
}
