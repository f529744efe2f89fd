/**
 * A bot that values an offer enough to sign it but whose signature the engine would not take
 * (its budget: docs/RULES.md, capital committed) gives that refusal as its reason, in the
 * catalog's words, not a valuation that says the deal is worth too little.
 */
import { describe, expect, it } from "vitest";
import { botContext } from "../../shared/bots/context.ts";
import { decideBotAction } from "../../shared/bots/bot.ts";
import type { GameState } from "../../shared/engine/index.ts";
import { country, text, type Text } from "../../shared/engine/text.ts";
import { ActionSchema } from "../../shared/engine/actions.ts";
import { refusedText } from "../../shared/bots/answers.ts";
import { agreementById } from "../../shared/engine/world.ts";
import { act, negotiating, offer, say, words, zhWords } from "./helpers.ts";

/** Japan, with `capital` in reserve and 1 a round of income, offered Indonesia's critical minerals at 1.5 capital a round. */
function offered(capital: number, input: Parameters<typeof offer>[2]) {
  const s0 = negotiating();
  s0.scenario = structuredClone(s0.scenario);
  s0.countries.JP!.capital = capital;
  s0.scenario.countries.find((c) => c.id === "JP")!.capital = 1;
  return offer(s0, "ID", input);
}

const minerals = { terms: { type: "supply" as const, suppliers: ["ID"], buyers: ["JP"], sector: "minerals" as const, volume: 3, price: 0.5 }, duration: 2 };

function decide(state: GameState, seat: string) {
  const d = decideBotAction(botContext(state, seat), { rng: 12345 }, {}, { counters: false });
  expect(d, `${seat} decides something`).not.toBeNull();
  return d!;
}

describe("a decline the engine's refusal decided says that refusal", () => {
  it("able to afford it, it signs (the offer pays for it)", () => {
    const { state, id } = offered(0.5, minerals);
    expect(decide(state, "JP").action.move).toMatchObject({ type: "sign", agreementId: id });
  });

  it("unable to afford it (1.5 capital a round, 1 free): it declines saying it cannot sign it and why, in English and Chinese, not that the deal gives too little", () => {
    const { state, id } = offered(0, minerals);
    const d = decide(state, "JP");
    expect(d.action.move).toMatchObject({ type: "decline", agreementId: id });
    expect(words(d.reason)).toBe("declined: it would pay for us, but we cannot sign it: it costs 1.5 capital a round, and only 1 of ours is not already committed");
    expect(zhWords(d.reason)).toBe("已拒绝：对我方有利，但我方无法签署：它每轮花费 1.5 资金，而我方尚未承诺的资金只有 1");
    expect(words(d.reason)).not.toMatch(/too little|all told/);
    // A reason the server can store and replay: bot words only (ActionSchema).
    expect(ActionSchema.safeParse(JSON.parse(JSON.stringify({ ...d.action, reason: d.reason }))).success).toBe(true);
  });

  it("other refusals of a signature are said in bot words too, with their figures; one it has no words for, as the rules' refusal", () => {
    const screened = refusedText({ code: "rule/already_screened", text: text("refusal.alreadyScreened", { a: country("NL"), b: country("JP"), id: "A2" }) });
    expect(words(text("bot.why.declined", { why: screened }))).toBe("declined: it would pay for us, but we cannot sign it: the Netherlands and Japan already treat each other as trusted investors (A2)");
    expect(words(text("bot.why.declined", { why: refusedText({ code: "rule/some_new_rule", text: text("refusal.gameOver") }) }))).toBe("declined: it would pay for us, but the rules do not let us sign it now");
  });

  it("asked later why it declined, it gives the same reason", () => {
    const { state, id } = offered(0, minerals);
    const d = decide(state, "JP");
    const declined = act(state, { ...d.action, reason: d.reason as Text });
    expect(agreementById(declined, id)!.status).toBe("declined");
    const { said } = say(declined, `Why did you decline ${id}?`, "ID", "JP");
    expect(words(said)).toMatch(/cannot sign it: it costs 1\.5 capital a round, and only 1 of ours is not already committed\.$/);
    expect(words(said)).not.toMatch(/too little/);
  });
});
