/**
 * A deal that would take a bot's capital below zero (docs/RULES.md, "Paying for deals") is said
 * plainly: the capital it costs, and how much of that is more than the bot will have, in one
 * phrase ("6.4 capital over its 4 rounds (2.4 more than we will have)"), not a shortfall listed
 * beside the capital as if it were another cost (shared/bots/speech.ts `spoken`).
 */
import { describe, expect, it } from "vitest";
import { botContext } from "../../shared/bots/context.ts";
import { decideBotAction } from "../../shared/bots/bot.ts";
import { negotiating, offer, say, words, zhWords } from "./helpers.ts";

const mp = "multipolar-2024";
/** "… N capital … (M more than we will have)": the capital and the part of it India will not have. */
const SHORT = /([\d.]+) capital(?: over (?:its|the) \d+ rounds(?: left)?)? \(([\d.]+) more than we will have\)/;
const ZH_SHORT = /([\d.]+) 资金（其中 ([\d.]+) 超出我方届时的资金）/;

describe("a deal that costs more capital than the bot will have", () => {
  it("India's reason on a second chip deal it cannot pay for names the capital and the part of it beyond its means, in one phrase", () => {
    // India has 5 capital and earns 5 a round in Multipolar 2024; its own offer of chips from Germany already waits.
    const chips = (supplier: string) => ({ terms: { type: "supply" as const, suppliers: [supplier], buyers: ["IN"], sector: "semis" as const, volume: 4, price: 1.3 }, duration: 5 });
    const own = offer(negotiating(mp), "IN", chips("DE"));
    const second = offer(own.state, "NL", chips("NL"));
    const d = decideBotAction(botContext(second.state, "IN"), { rng: 12345 })!;
    const en = words(d.reason, mp);
    const zh = zhWords(d.reason, mp);
    const [, capital, beyond] = SHORT.exec(en) ?? [];
    expect(capital, en).toBeDefined();
    expect(Number(beyond), en).toBeLessThanOrEqual(Number(capital));
    expect(en, en).not.toMatch(/shortfall/);
    const [, zhCapital, zhBeyond] = ZH_SHORT.exec(zh) ?? [];
    expect([zhCapital, zhBeyond], zh).toEqual([capital, beyond]);
    expect(zh, zh).not.toMatch(/缺口/);
  });

  it.each([
    ["en", "We are willing to lend India 30 for the economic corridor at 1%, would you accept?"],
    ["zh", "我们愿意向印度提供 30 的基础设施贷款，用于经济走廊，利率 1%，你们接受吗？"],
  ])("%s: a loan India could not repay in the game: “It costs us 30.3 capital (N more than we will have)”", (_, q) => {
    const pact = offer(negotiating(mp), "CN", { terms: { type: "screening" }, parties: ["CN", "IN"], duration: 3 });
    const asked = say(pact.state, `Will you join ${pact.id}?`, "CN", "IN").state;
    const { said } = say(asked, q, "CN", "IN");
    expect(words(said, mp)).toMatch(/ It costs us 30\.3 capital \([\d.]+ more than we will have\) for /);
    expect(zhWords(said, mp)).toMatch(/代价是 30\.3 资金（其中 [\d.]+ 超出我方届时的资金），换来/);
  });
});
