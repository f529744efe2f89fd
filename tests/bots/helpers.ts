/** Shared fixtures for the bot tests: shipped scenarios and a game in round 1's negotiation. */
import { getScenario } from "../../server/scenarios.ts";
import { apply, createGame, DraftSchema, ROLES, type Action, type DraftInput, type GameState } from "../../shared/engine/index.ts";
import type { Scenario } from "../../shared/scenario/schema.ts";
import type { Text } from "../../shared/engine/text.ts";
import { en, type Catalog } from "../../client/i18n/en.ts";
import { zhCN } from "../../client/i18n/zh-CN.ts";
import { scenarioNames, translator } from "../../client/i18n/translator.ts";
import { expect } from "vitest";
import { botContext } from "../../shared/bots/context.ts";
import { agreementById } from "../../shared/engine/world.ts";
import { decideBotAction } from "../../shared/bots/bot.ts";
import type { Draft } from "../../shared/engine/actions.ts";
import { translatedNames, translatedStandards } from "../../server/scenario-texts.ts";

export function scenario(id = "classroom-quick"): Scenario {
  const s = getScenario(id);
  if (!s) throw new Error(`assets/scenarios/${id}.json is missing`);
  return s;
}

export function act(state: GameState, action: Action): GameState {
  const r = apply(state, action);
  if (!r.ok) throw new Error(`refused ${action.move.type}: ${r.error.code} ${r.error.text.key}`);
  return r.state;
}

export const seatActor = (seat: string) => ({ kind: "seat" as const, seat, roles: [...ROLES] });

/** A game of `id` in round 1's negotiation. */
export function negotiating(id = "classroom-quick", seed: number | string = 7): GameState {
  let s = createGame({ scenario: scenario(id), settings: { seed } });
  s = act(s, { actor: { kind: "facilitator" }, move: { type: "start" } });
  s = act(s, { actor: { kind: "system" }, move: { type: "advance" } });
  return s;
}

/** `by` proposes `input`; returns the state and the new offer's id. */
export function offer(state: GameState, by: string, input: DraftInput): { state: GameState; id: string } {
  const id = `A${state.nextAgreement}`;
  return { state: act(state, { actor: seatActor(by), move: { type: "propose", draft: DraftSchema.parse(input) } }), id };
}

/** A bot's catalog sentence as an English reader reads it (and a Chinese one, with `zh`). */
export function words(t: Text | undefined, id = "classroom-quick", catalog: Catalog = en, locale = "en"): string {
  expect(t, "a sentence").toBeDefined();
  return translator(catalog, locale, scenarioNames(scenario(id))).render(t!);
}
export const zhWords = (t: Text | undefined, id = "classroom-quick") => words(t, id, zhCN, "zh-CN");

/** `from` writes `text` to the bot `to` in their channel; the bot's reply (with the terms it invites `from` to propose), and the state after it. */
export function say(state: GameState, text: string, from: string, to: string): { said: Text; draft?: Draft; state: GameState } {
  const open = (s: GameState) => Object.values(s.channels).find((c) => c.kind === "bilateral" && c.members.includes(to) && c.members.includes(from));
  const opened = open(state) ? state : act(state, { actor: seatActor(from), move: { type: "open-channel", members: [to] } });
  let s = act(opened, { actor: seatActor(from), move: { type: "chat", channel: open(opened)!.id, text } });
  for (let i = 0; i < 5; i++) {
    const d = decideBotAction(botContext(s, to), { rng: 12345 }, { names: translatedNames(s.scenario.id), standards: translatedStandards(s.scenario.id) })!;
    const move = d.action.move;
    if (move.type === "chat") return { said: move.said!, ...(move.draft ? { draft: move.draft } : {}), state: act(s, d.action) };
    s = act(s, { ...d.action, ...(d.reason ? { reason: d.reason } : {}) });
  }
  throw new Error(`${to} did not answer “${text}”`);
}

/** The bot's moves until it answers offer `id` (signs it, declines it, counters it); what it did. */
export function answered(state: GameState, bot: string, id: string): { state: GameState; what: string } {
  let s = state;
  for (let i = 0; i < 12; i++) {
    const d = decideBotAction(botContext(s, bot), { rng: 12345 });
    if (!d) break;
    s = act(s, { ...d.action, ...(d.reason ? { reason: d.reason } : {}) });
    const a = agreementById(s, id)!;
    if (a.status === "declined") return { state: s, what: "declined" };
    if (a.signatures.includes(bot)) return { state: s, what: "signed" };
    if ("agreementId" in d.action.move && d.action.move.agreementId === id) return { state: s, what: d.action.move.type };
  }
  return { state: s, what: "nothing" };
}
