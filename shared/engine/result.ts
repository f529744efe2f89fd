/** Refusals are values, never exceptions: a namespaced code and, as data, the sentence for the player. */
import type { Text } from "./text.ts";
import type { GameState } from "./types.ts";

export type RuleCode = `rule/${string}` | `input/${string}`;
export type Refusal = { code: RuleCode; text: Text };
export type ApplyResult = { ok: true; state: GameState } | { ok: false; error: Refusal };

export function refuse(code: RuleCode, text: Text): { ok: false; error: Refusal } {
  return { ok: false, error: { code, text } };
}
