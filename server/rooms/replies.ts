/** The shapes of a refused request, shared by the room's units. */
import type { Refusal } from "../../shared/engine/result.ts";
import type { Scenario } from "../../shared/scenario/schema.ts";
import type { ReplyError } from "../../shared/protocol/messages.ts";
import { englishWords } from "../debrief/words.ts";

export function fail(code: string, message: string): { ok: false; error: { code: string; message: string } } {
  return { ok: false, error: { code, message } };
}

/** A rule's refusal: its code and text (each client renders it in its language), and the sentence in English for logs and tools. */
export function refused(scenario: Scenario, error: Refusal): { ok: false; error: ReplyError } {
  return { ok: false, error: { code: error.code, message: englishWords(scenario).render(error.text), text: error.text } };
}
