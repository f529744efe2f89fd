/**
 * "What would it take?" asked in a message of its own right after "why did you decline A1?": the
 * reason was just given, so the answer refers back to it in a few words: no small change of the
 * deal would do either, and no other deal comes in its place (shared/bots/talk.ts `unrepeated`).
 * The other way round, "why?" after "what would it take?" gave the reasons in numbers, refers back
 * to them too, not the same numbers again word for word.
 */
import { describe, expect, it } from "vitest";
import { botContext } from "../../shared/bots/context.ts";
import { decideBotAction } from "../../shared/bots/bot.ts";
import type { Text } from "../../shared/engine/text.ts";
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
  ])("%s, asked “%s” after explaining its decline: a short reference back, and no other deal", (bot, q) => {
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
    // A brief reference back, and no other deal in its place ("what would it take?" is about that deal).
    expect(en, en).toBe(`As we said, ${g.id} does not pay for us as it stands, and no small change of it would.`);
    expect(zh, zh).toBe(`如前所述，${g.id} 按现有条款对我方不利，小幅修改也无济于事。`);
    expect(take.draft, "no other deal to propose").toBeUndefined();
  });

  it("asked first, with no reason given yet, the answer still explains why the deal does not pay", () => {
    const g = declined("JP");
    const take = say(g.state, `What would it take on ${g.id}?`, "US", "JP");
    expect(words(take.said)).toMatch(new RegExp(`^No small change of ${g.id} makes it worth it for us: as it stands, it costs us .*\\d`));
  });
});

describe("“why?” right after “what would it take?” on the same deal", () => {
  it.each([
    ["JP", "What would it take?", "Why?"],
    ["NL", "What would it take?", "Why not?"],
    ["IN", "What would it take on A1?", "Why did you decline A1?"],
    ["TW", "你们需要什么条件？", "为什么？"],
  ])("%s, asked “%s”, then “%s”: the reasons it just gave in numbers are referred back to, not repeated", (bot, q, why) => {
    const g = declined(bot);
    const take = say(g.state, q, "US", bot);
    const numbers = (take.said.args as { why: Text }).why;
    expect(words(numbers), "the first answer gives the numbers").toMatch(/\d/);
    const then = say(take.state, why, "US", bot);
    const en = words(then.said);
    const zh = zhWords(then.said);
    expect(en, en).not.toContain(words(numbers));
    expect(zh, zh).not.toContain(zhWords(numbers));
    expect(en).toBe(`As we said, ${g.id} does not pay for us as it stands: that is why we declined it.`);
    expect(zh).toBe(`如前所述，${g.id} 按现有条款对我方不利，所以我方拒绝了它。`);
  });

  it("both in one message: the reason is given once", () => {
    const g = declined("JP");
    const both = words(say(g.state, `What would it take on ${g.id}? Why did you decline it?`, "US", "JP").said);
    const reason = words(say(g.state, `Why did you decline ${g.id}?`, "US", "JP").said).replace(new RegExp(`^We declined ${g.id}: `), "").replace(/\.$/, "");
    expect(both.split(reason).length - 1, both).toBe(1);
  });

  it("“why?” asked twice running still says the answer stands, with its reason", () => {
    const g = declined("JP");
    const first = say(g.state, `Why did you decline ${g.id}?`, "US", "JP");
    const again = say(first.state, "Why?", "US", "JP");
    expect(words(again.said)).toBe(`Our answer is the same as just now. ${words(first.said)}`);
  });
});
