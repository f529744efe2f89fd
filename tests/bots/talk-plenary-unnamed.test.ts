/**
 * A question in the plenary that names no country (docs/RULES.md §1, "Talking to a bot"): one that
 * names a deal goes to the parties it is for ("why was A1 declined?": the country that declined
 * it), and "why did you decline?", "why not?", "what would it take…?" naming no deal to the bots
 * that declined the asker's offers this round, each about its own; at most three countries
 * answer one line, each once. Found by a tester: after the Netherlands declined their offer,
 * "why did you decline?" in the plenary got no answer from anyone.
 */
import { describe, expect, it } from "vitest";
import { botContext } from "../../shared/bots/context.ts";
import { decideBotAction } from "../../shared/bots/bot.ts";
import { PLENARY_ANSWERS, questionsFor, routedInPlenary } from "../../shared/bots/intents.ts";
import type { GameState } from "../../shared/engine/index.ts";
import type { Text } from "../../shared/engine/text.ts";
import { act, negotiating, offer, seatActor, words, zhWords } from "./helpers.ts";

const SEATS = ["US", "NL", "JP", "CN", "IN", "ID", "TW"];

/** The United States' offer of a broad chip control on China to the Netherlands, which the Netherlands (a bot) declines with its reason. */
function declinedByNetherlands(): { state: GameState; id: string; reason: Text } {
  const o = offer(negotiating(), "US", { terms: { type: "export-control", sector: "semis", tier: "broad", target: "CN" }, parties: ["US", "NL"], duration: 3 });
  const d = decideBotAction(botContext(o.state, "NL"), { rng: 1 })!;
  expect(d.action.move.type).toBe("decline");
  return { state: act(o.state, { ...d.action, reason: d.reason! }), id: o.id, reason: d.reason! };
}

const plenary = (s: GameState, text: string, from = "US") => act(s, { actor: seatActor(from), move: { type: "chat", channel: "plenary", text } });
/** The seats a plenary line waits on now. */
const waitsOn = (s: GameState) => SEATS.filter((seat) => questionsFor(s.messages, s.channels, seat, s.round - 1, s.scenario.countries, {}, s.agreements).length > 0);
/** `seat`'s next move, which must be its answer in the plenary. */
function answer(s: GameState, seat: string): { said: Text; state: GameState } {
  const d = decideBotAction(botContext(s, seat), { rng: 1 })!;
  const move = d.action.move;
  expect(move.type === "chat" && move.channel === "plenary", `${seat} answers in the plenary`).toBe(true);
  return { said: (move as { said: Text }).said, state: act(s, d.action) };
}

describe("a plenary question that names no country", () => {
  it("“why did you decline?”, “why not?”, “为什么拒绝？” after the Netherlands declined the asker's offer: the Netherlands alone answers, with the reason it gave on that offer", () => {
    const { state, id, reason } = declinedByNetherlands();
    for (const text of ["why did you decline?", "Why not?", "为什么拒绝？"]) {
      const s = plenary(state, text);
      expect(waitsOn(s), text).toEqual(["NL"]);
      const { said } = answer(s, "NL");
      expect(words(said), text).toBe(`We declined ${id}: ${words(reason).replace(/^declined: /, "")}.`);
      expect(zhWords(said), text).toMatch(new RegExp(`^我方拒绝了 ${id}：`));
    }
  });

  it("“why was A1 declined?” and “为什么拒绝 A1？”: the country that declined it answers, not the asker nor a country outside it", () => {
    const { state, id } = declinedByNetherlands();
    for (const text of [`why was ${id} declined?`, `为什么拒绝 ${id}？`]) {
      const s = plenary(state, text);
      expect(waitsOn(s), text).toEqual(["NL"]);
      expect(words(answer(s, "NL").said)).toMatch(new RegExp(`^We declined ${id}: costs us`));
    }
  });

  it("“what would it take to get chips?” after the decline: the Netherlands says what it would take on that offer, from its valuation", () => {
    const { state, id } = declinedByNetherlands();
    const s = plenary(state, "what would it take to get chips?");
    expect(waitsOn(s)).toEqual(["NL"]);
    const said = answer(s, "NL").said;
    expect(words(said)).toContain(id);
    expect(words(said)).toMatch(/costs us \d/);
    expect(zhWords(said)).toContain(id);
  });

  it("answered once: the line waits on nobody after the Netherlands' answer", () => {
    const { state } = declinedByNetherlands();
    const s = answer(plenary(state, "why did you decline?"), "NL").state;
    expect(waitsOn(s)).toEqual([]);
  });

  it("with nothing of the asker's declined this round, or asked by a country whose offer no one declined, waits on nobody", () => {
    expect(waitsOn(plenary(negotiating(), "why did you decline?"))).toEqual([]);
    const { state } = declinedByNetherlands();
    expect(waitsOn(plenary(state, "why did you decline?", "JP"))).toEqual([]);
  });

  it("about a private offer of three, waits on nobody: who is in it is not for the plenary to learn", () => {
    const o = offer(negotiating(), "US", { terms: { type: "export-control", sector: "semis", tier: "broad", target: "CN" }, parties: ["US", "NL", "JP"], duration: 3 });
    const s = act(o.state, { actor: seatActor("NL"), move: { type: "decline", agreementId: o.id, revision: 1 }, reason: "no" });
    expect(waitsOn(plenary(s, `why was ${o.id} declined?`))).toEqual([]);
    expect(waitsOn(plenary(s, "why did you decline?"))).toEqual([]);
  });

  it("a question that names a country is still that country's alone", () => {
    const { state, id } = declinedByNetherlands();
    expect(waitsOn(plenary(state, `Japan, why did you decline ${id}?`))).toEqual(["JP"]);
  });

  it(`on a deal of many parties, at most ${PLENARY_ANSWERS} of them answer, each once, however long the others take`, () => {
    const parties = ["US", "NL", "JP", "IN", "ID", "TW"];
    const o = offer(negotiating(), "US", { terms: { type: "export-control", sector: "semis", tier: "frontier", target: "CN" }, parties, duration: 3 });
    let s = o.state;
    for (const p of parties.slice(1)) s = act(s, { actor: seatActor(p), move: { type: "sign", agreementId: o.id, revision: 1 }, reason: "ok" });
    expect(s.agreements.find((a) => a.id === o.id)!.status).toBe("signed");
    s = plenary(s, `what would it take for ${o.id} to work?`);
    expect(waitsOn(s)).toEqual(["NL", "JP", "IN", "ID", "TW"]);
    expect(routedInPlenary(`what would it take for ${o.id} to work?`, "US", s.round, s.agreements, SEATS)).toHaveLength(PLENARY_ANSWERS);
    const answered: string[] = [];
    for (let turn = 0; turn < 10; turn++) {
      const next = waitsOn(s).find((seat) => seat !== "US");
      if (!next) break;
      s = answer(s, next).state;
      answered.push(next);
    }
    expect(answered).toEqual(["NL", "JP", "IN"]);
  });
});
