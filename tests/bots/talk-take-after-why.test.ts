/**
 * "What would it take?" asked in a message of its own right after "why did you decline A1?": the
 * reason was just given, so the answer refers back to it in a few words and gives only what is new,
 * the deal the bot would sign instead, as a draft to propose (shared/bots/talk.ts `unrepeated`).
 */
import { describe, expect, it } from "vitest";
import { botContext } from "../../shared/bots/context.ts";
import { decideBotAction } from "../../shared/bots/bot.ts";
import { act, negotiating, offer, say, words, zhWords } from "./helpers.ts";

/** `bot` declines the frontier chip controls the United States offers it. */
function declined(bot: string) {
  const o = offer(negotiating(), "US", { terms: { type: "export-control", sector: "semis", tier: "frontier", target: "CN" }, parties: ["US", bot], duration: 3 });
  const d = decideBotAction(botContext(o.state, bot), { rng: 12345 })!;
  expect(d.action.move).toMatchObject({ type: "decline", agreementId: o.id });
  return { state: act(o.state, { ...d.action, reason: d.reason! }), id: o.id };
}

describe("“what would it take?” right after “why?” on the same deal", () => {
  it.each([
    ["JP", "What would it take?"],
    ["NL", "What would it take?"],
    ["IN", "What would it take on A1?"],
    ["TW", "你们需要什么条件？"],
  ])("%s, asked “%s” after explaining its decline: a short reference back, then the deal it would sign instead", (bot, q) => {
    const g = declined(bot);
    const why = say(g.state, `Why did you decline ${g.id}?`, "US", bot);
    const reason = words(why.said).replace(new RegExp(`^We declined ${g.id}: `), "").replace(/\.$/, "");
    const zhReason = zhWords(why.said).replace(new RegExp(`^我方拒绝了 ${g.id}：`), "").replace(/。$/, "");
    expect(reason.length, "the first answer gives the numbers").toBeGreaterThan(20);
    const take = say(why.state, q, "US", bot);
    const en = words(take.said);
    const zh = zhWords(take.said);
    // The explanation is not given a second time, in either language.
    expect(en, en).not.toContain(reason);
    expect(zh, zh).not.toContain(zhReason);
    // A brief reference back, then what is new: a deal to propose, with its own numbers.
    expect(en, en).toMatch(new RegExp(`^As we said, ${g.id} does not pay for us as it stands, and no small change of it would\\. Instead, we would sign this, for \\d rounds: .+\\. By our count, it .*\\d.*\\. Propose it and we will answer within moments\\.$`));
    expect(zh, zh).toMatch(new RegExp(`^如前所述，${g.id} 按现有条款对我方不利，小幅修改也无济于事。不过我方会签署这项为期 \\d 轮的协议：`));
    expect(take.draft, "the deal it would sign comes as a draft to propose").toBeDefined();
  });

  it("asked first, with no reason given yet, the answer still explains why the deal does not pay", () => {
    const g = declined("JP");
    const take = say(g.state, `What would it take on ${g.id}?`, "US", "JP");
    expect(words(take.said)).toMatch(new RegExp(`^No small change of ${g.id} makes it worth it for us: as it stands, it costs us .*\\d`));
  });
});
