/**
 * The facilitator's removal of a message (docs/RULES.md, moderation) leaves nothing of it: a
 * person's words, and a bot's catalog sentence with the terms it offered (which the chat shows
 * as a button that fills the deal builder), so no client receives them after the removal.
 */
import { describe, expect, it } from "vitest";
import { apply } from "../../shared/engine/apply.ts";
import { createGame } from "../../shared/engine/setup.ts";
import type { GameState } from "../../shared/engine/types.ts";
import { ROLES } from "../../shared/engine/vocabulary.ts";
import { shippedScenarios } from "../../server/scenarios.ts";

function step(state: GameState, action: Parameters<typeof apply>[1]): GameState {
  const r = apply(state, action);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.state;
}

describe("a removed message", () => {
  it("keeps no words, no catalog sentence and no offered terms", () => {
    let s = createGame({ scenario: shippedScenarios().get("classroom-quick")!, settings: { seed: "removal" } });
    const facilitator = { kind: "facilitator" as const };
    s = step(s, { actor: facilitator, move: { type: "start" } });
    while (s.phase !== "negotiation") s = step(s, { actor: facilitator, move: { type: "advance" } });
    const [a, b] = s.scenario.countries.filter((c) => c.control === "seat").map((c) => c.id);
    const actor = { kind: "seat" as const, seat: a!, roles: [...ROLES] };
    const draft = { terms: { type: "screening" as const }, parties: [a!, b!], duration: 2 };
    s = step(s, { actor, move: { type: "chat", channel: "plenary", said: { key: "bot.dm.offer", args: {} }, draft } });
    const sent = s.messages.at(-1)!;
    expect(sent).toMatchObject({ said: { key: "bot.dm.offer" }, draft });
    s = step(s, { actor: facilitator, move: { type: "delete-message", messageId: sent.id, reason: "" } });
    const gone = s.messages.find((m) => m.id === sent.id)!;
    expect(gone).toEqual({ id: sent.id, round: sent.round, channel: "plenary", from: sent.from, text: "", deleted: true });
  });
});
