/** Refusals are values, never exceptions: a namespaced code and a sentence for the player. */
import type { GameState } from "./types.ts";

export type RuleCode = `rule/${string}` | `input/${string}`;
export type Refusal = { code: RuleCode; message: string };
export type ApplyResult = { ok: true; state: GameState } | { ok: false; error: Refusal };

export function refuse(code: RuleCode, message: string): { ok: false; error: Refusal } {
  return { ok: false, error: { code, message } };
}
