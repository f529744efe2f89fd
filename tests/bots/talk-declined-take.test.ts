/**
 * "What would it take?" naming no deal, asked of a bot just after it declined the asker's offer
 * and before anything else was discussed: about that offer (the smallest change of it the bot
 * would sign, or that no change of it would do, and why), as "why?" is, not a fresh draft of an
 * unrelated kind (docs/RULES.md, "Talking to a bot").
 */
import { describe, expect, it } from "vitest";
import { botContext } from "../../shared/bots/context.ts";
import { decideBotAction } from "../../shared/bots/bot.ts";
import { routedInPlenary } from "../../shared/bots/intents.ts";
import type { Text } from "../../shared/engine/text.ts";
import { act, negotiating, offer, say, seatActor, words, zhWords } from "./helpers.ts";

const control = (bot: string) => ({ terms: { type: "export-control" as const, sector: "semis" as const, tier: "frontier" as const, target: "CN" }, parties: ["US", bot], duration: 3 });

describe("“what would it take?” after the bot declined the asker's offer", () => {
  it.each([
    ["JP", "What would it take for you to sign it?"],
    ["NL", "What would it take?"],
    ["IN", "What would it take to sign our offer?"],
    ["TW", "你们需要什么条件？"],
    ["JP", "What would it take for you to sign our chip export-control offer?"],
    ["NL", "What would it take for the semiconductor export controls?"],
  ])("%s, asked “%s” after declining the chip export controls: about that offer", (bot, q) => {
    const o = offer(negotiating(), "US", control(bot));
    const r = say(o.state, q, "US", bot);
    expect(r.state.agreements.find((a) => a.id === o.id)!.status, "the bot declined the offer first").toBe("declined");
    const en = words(r.said);
    // The offer asked about, named, and its verdict: no change of it would do (with why), or the change that would.
    expect(en, en).toMatch(new RegExp(`^(No small change of ${o.id} makes it worth it for us: as it stands, it |We would sign ${o.id} with )`));
    expect(zhWords(r.said)).toContain(o.id);
  });

  it("a question naming another kind of deal is about that kind, not the declined offer", () => {
    const o = offer(negotiating(), "US", control("NL"));
    const r = say(o.state, "What would it take for joint research in semiconductors with us?", "US", "NL");
    expect(words(r.said)).not.toContain(o.id);
    expect(words(r.said)).toMatch(/research/);
  });

  it("a question that asks for something else still gets its own answer: “what do you want from us?” is about deals in general", () => {
    const o = offer(negotiating(), "US", control("JP"));
    const r = say(o.state, "What do you want from us?", "US", "JP");
    expect(words(r.said)).not.toContain(o.id);
  });
});

describe("“what would it take?” asked before the offer it declined was made", () => {
  it("asked in round 1 and answered in round 2 after Japan declined an offer the United States made then: not about that later offer, as in the plenary", () => {
    let s = negotiating();
    s = act(s, { actor: seatActor("US"), move: { type: "open-channel", members: ["JP"] } });
    const channel = Object.values(s.channels).find((c) => c.kind === "bilateral" && c.members.includes("JP"))!.id;
    s = act(s, { actor: seatActor("US"), move: { type: "chat", channel, text: "What would it take?" } });
    while (s.round === 1 || s.phase !== "negotiation") s = act(s, { actor: { kind: "system" }, move: { type: "advance" } });
    const o = offer(s, "US", control("JP"));
    s = o.state;
    let said: Text | undefined;
    for (let i = 0; i < 5 && !said; i++) {
      const d = decideBotAction(botContext(s, "JP"), { rng: 12345 })!;
      if (d.action.move.type === "chat") said = d.action.move.said;
      s = act(s, { ...d.action, ...(d.reason ? { reason: d.reason } : {}) });
    }
    expect(s.agreements.find((a) => a.id === o.id)!.status, "Japan declined the round-2 offer first").toBe("declined");
    // The question came a round before the offer: it asks what Japan would sign, not about the offer.
    expect(words(said)).not.toContain(o.id);
    // In the plenary, the same question names no declined offer of that round either, so goes to no one.
    expect(routedInPlenary("What would it take?", "US", 1, s.agreements, ["JP"])).toEqual([]);
  });
});
