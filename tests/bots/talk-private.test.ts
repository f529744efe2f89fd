/**
 * A deal a bot no longer sees, asked about in the private channel of the bot and the asker: the
 * channel is already private, so the bot says it took itself out of the deal, and why, never
 * "open a private channel with us and ask there".
 */
import { describe, expect, it } from "vitest";
import { botContext } from "../../shared/bots/context.ts";
import { decideBotAction } from "../../shared/bots/bot.ts";
import type { GameState } from "../../shared/engine/index.ts";
import type { Text } from "../../shared/engine/text.ts";
import { translatedNames } from "../../server/scenario-texts.ts";
import { act, negotiating, offer, seatActor, words } from "./helpers.ts";

const al = "alliance-2021";

/** `from` asks `to` in their bilateral channel; `to` (with its memory `memory`) answers. */
function ask(state: GameState, text: string, from: string, to: string, memory: { rng: number }): string {
  const open = (s: GameState) => Object.values(s.channels).find((c) => c.kind === "bilateral" && c.members.length === 2 && c.members.includes(to) && c.members.includes(from));
  const opened = open(state) ? state : act(state, { actor: seatActor(from), move: { type: "open-channel", members: [to] } });
  let s = act(opened, { actor: seatActor(from), move: { type: "chat", channel: open(opened)!.id, text } });
  for (let i = 0; i < 5; i++) {
    const d = decideBotAction(botContext(s, to), memory, { names: translatedNames(al) })!;
    if (d.action.move.type === "chat") return words((d.action.move as { said: Text }).said, al);
    s = act(s, { ...d.action, ...(d.reason ? { reason: d.reason } : {}) });
  }
  throw new Error(`${to} did not answer`);
}

describe("a deal it left, asked about in the asker's private channel with it", () => {
  it("says it stayed out of it and why, not to open a private channel", () => {
    const memory = { rng: 12345 };
    const o = offer(negotiating(al), "FI", { terms: { type: "export-control", sector: "semis", tier: "frontier", target: "CN" }, parties: ["FI", "JP", "NL"], duration: 3 });
    const d = decideBotAction(botContext(o.state, "JP"), memory)!;
    expect(d.action.move).toMatchObject({ type: "amend", agreementId: o.id });
    const state = act(o.state, { ...d.action, reason: d.reason! });
    expect(state.agreements.find((a) => a.id === o.id)!.steps.at(-1)).toMatchObject({ by: "JP", what: "stepped-out" });
    const en = ask(state, `Will you sign ${o.id} now?`, "FI", "JP", memory);
    expect(en, en).not.toMatch(/private channel/);
    expect(en, en).toMatch(new RegExp(`^We stayed out of ${o.id}: `));
  });
});
