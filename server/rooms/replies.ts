/** The shapes of a refused request, shared by the room's units. */
import type { Key } from "../../client/i18n/en.ts";
import type { Params } from "../../client/i18n/translator.ts";
import type { Refusal } from "../../shared/engine/result.ts";
import type { Scenario } from "../../shared/scenario/schema.ts";
import type { ReplyError } from "../../shared/protocol/messages.ts";
import { englishWords } from "../debrief/words.ts";
import type { z } from "zod";
import { said, saidInvalid } from "../said.ts";

/** The room's own refusal (a seat, moderation, a rate, storage), in words each client renders in its reader's language (../said.ts). */
export function fail(code: string, key: Key, args?: Params): { ok: false; error: ReplyError } {
  return { ok: false, error: { code, ...said(key, args) } };
}

/** A payload that does not parse: the field and what is wrong with it, in plain words each client renders in its reader's language (../said.ts `saidInvalid`). */
export function invalidInput(issues: readonly z.core.$ZodIssue[], input: unknown, schema?: z.ZodType): { ok: false; error: ReplyError } {
  return { ok: false, error: { code: "input/invalid", ...saidInvalid(issues, input, schema) } };
}

/** A rule's refusal: its code and text (each client renders it in its language), and the sentence in English for logs and tools. */
export function refused(scenario: Scenario, error: Refusal): { ok: false; error: ReplyError } {
  return { ok: false, error: { code: error.code, message: englishWords(scenario).render(error.text), text: error.text } };
}
