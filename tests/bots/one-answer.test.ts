/**
 * Two answers on one declined deal agreed no longer: by chat China said it would join India's
 * minerals controls if Indonesia joined too, and the deal card's "What would it take?" button
 * said no small change would make the deal worth signing. Both come from one function now; and
 * a reply that answers two questions about it says the decline's reason once.
 */
import { describe, expect, it } from "vitest";
import { botContext } from "../../shared/bots/context.ts";
import { askBotOn, decideBotAction } from "../../shared/bots/bot.ts";
import { agreementById } from "../../shared/engine/world.ts";
import { act, negotiating, offer, say, words, zhWords } from "./helpers.ts";

/** India's broad minerals controls on Japan, with China, which China declines. */
function declined() {
  const o = offer(negotiating(), "IN", { terms: { type: "export-control", sector: "minerals", tier: "broad", target: "JP" }, parties: ["IN", "CN"], duration: 4 });
  const d = decideBotAction(botContext(o.state, "CN"), { rng: 12345 })!;
  expect(d.action.move).toMatchObject({ type: "decline", agreementId: o.id });
  const state = act(o.state, { ...d.action, reason: d.reason! });
  const a = agreementById(state, o.id)!;
  return { state, id: o.id, draft: { terms: a.terms, parties: a.parties, duration: a.duration } };
}

describe("the button and chat on a declined deal", () => {
  it("name the same country whose joining would make it pay", () => {
    const g = declined();
    const b = askBotOn(botContext(g.state, "CN"), "IN", g.draft);
    if (!("draft" in b)) throw new Error("the button finds terms");
    expect(b.draft.parties).toEqual([...g.draft.parties, "ID"]);
    expect(words(b.reason)).toMatch(/^with Indonesia in it too, it would be worth signing: /);
    expect(zhWords(b.reason)).toMatch(/^若Indonesia也加入|^若印度尼西亚也加入/);
    for (const q of [`Will you join ${g.id}?`, `What would it take on ${g.id}?`]) {
      expect(words(say(g.state, q, "IN", "CN").said), q).toMatch(/We would if Indonesia joined too/);
    }
  });

  it("say the reason of a decline once in one reply", () => {
    const g = declined();
    const r = say(g.state, `你们为什么拒绝 ${g.id}？你们会加入 ${g.id} 吗？`, "IN", "CN");
    const zh = zhWords(r.said);
    const en = words(r.said);
    expect(zh).toMatch(new RegExp(`^我方拒绝了 ${g.id}：`));
    const reason = /：(.+?)。/.exec(zh)![1]!;
    expect(zh.split(reason).length - 1, zh).toBe(1);
    expect(en).toMatch(new RegExp(`\\. We would join ${g.id} if Indonesia joined too: then it `));
    expect(zh).toMatch(new RegExp(`。若(Indonesia|印度尼西亚)也加入，我方会加入 ${g.id}：`));
  });
});
