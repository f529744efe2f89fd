/** The first-game guide follows the game (phase, deals with bots) and shows in one game only. */
import { describe, expect, it } from "vitest";
import { createGame } from "../../shared/engine/index.ts";
import { firstDeal, guideFinished, guideStep, guideTextKey, guideWanted, type GuideMemory } from "../../client/model/guide.ts";
import { emptyForm, isValid, validate } from "../../client/model/deal-form.ts";
import { t, useCatalog } from "../../client/i18n/index.ts";
import { en } from "../../client/i18n/en.ts";
import { loadCatalog } from "../../client/i18n/languages.ts";
import { readyLabel } from "../../client/model/lobby.ts";
import { resultCard } from "../../client/model/result-card.ts";
import { asFacilitator, asSeat, clientView, negotiation, review, scenario, step } from "./fixtures.ts";

const US = asSeat("US");
const bots = (state: ReturnType<typeof negotiation>, ids: string[]) =>
  clientView(state, US).seats.map((s) => ({ ...s, bot: ids.includes(s.id) }));

describe("guide steps", () => {
  it("starts at the event, then asks for a deal with a bot", () => {
    let s = createGame({ scenario, settings: { seed: "guide" } });
    expect(guideStep(clientView(s, US))).toBeUndefined(); // the lobby
    s = step(s, { actor: { kind: "facilitator" }, move: { type: "start" } });
    expect(guideStep(clientView(s, US))).toBe("event");
    s = step(s, { actor: { kind: "system" }, move: { type: "advance" } });
    expect(guideStep(clientView(s, US))).toBe("propose");
  });
  it("counts only deals with a bot: signed with a person does not finish the step", () => {
    const s = negotiation(); // A1: US–JP supply, signed
    expect(guideStep(clientView(s, US, { seats: bots(s, ["JP"]) }))).toBe("signed");
    expect(guideStep(clientView(s, US, { seats: bots(s, []) }))).toBe("propose");
  });
  it("waits for the bot's answer, and offers another try after a decline", () => {
    let s = negotiation();
    s = step(s, { actor: { kind: "seat", seat: "US", roles: ["diplomat", "regulator", "envoy"] }, move: { type: "propose", draft: { terms: { type: "screening" }, parties: ["US", "IN"], duration: 2 } } });
    expect(guideStep(clientView(s, US, { seats: bots(s, ["IN"]) }))).toBe("waiting");
    s = step(s, { actor: { kind: "seat", seat: "IN", roles: ["diplomat", "regulator", "envoy"] }, move: { type: "decline", agreementId: "A3", revision: 1 } });
    expect(guideStep(clientView(s, US, { seats: bots(s, ["IN"]) }))).toBe("declined");
  });
  it("a bot's offer waiting on me comes before proposing one of my own; once signed, it waits on the others", () => {
    let s = negotiation();
    const seat = (id: string) => ({ kind: "seat" as const, seat: id, roles: ["diplomat" as const, "regulator" as const, "envoy" as const] });
    s = step(s, { actor: seat("IN"), move: { type: "propose", draft: { terms: { type: "screening" }, parties: ["IN", "US", "NL"], duration: 2 } } });
    const inBots = () => clientView(s, US, { seats: bots(s, ["IN", "NL"]) });
    expect(guideStep(inBots())).toBe("offer");
    // An offer from a person is not the guide's business.
    expect(guideStep(clientView(s, US, { seats: bots(s, []) }))).toBe("propose");
    const id = s.agreements.at(-1)!.id;
    s = step(s, { actor: seat("US"), move: { type: "sign", agreementId: id, revision: 1 } });
    expect(guideStep(inBots())).toBe("waiting");
  });
  it("once a deal with a bot is signed, offers still waiting on the player are named, not 'every party has signed' alone", () => {
    const seat = (id: string) => ({ kind: "seat" as const, seat: id, roles: ["diplomat" as const, "regulator" as const, "envoy" as const] });
    let s = negotiation(); // A1: US–JP supply, signed; A2, NL's regime, waits on the US
    s = step(s, { actor: seat("US"), move: { type: "sign", agreementId: "A2", revision: 1 } });
    const said = () => {
      const v = clientView(s, US, { seats: bots(s, ["JP", "IN"]) });
      expect(guideStep(v)).toBe("signed");
      return t(guideTextKey(v, "signed", false), { button: "I'm done" });
    };
    expect(said()).toMatch(/^Every party has signed!/);
    s = step(s, { actor: seat("IN"), move: { type: "propose", draft: { terms: { type: "screening" }, parties: ["IN", "US"], duration: 2 } } });
    expect(said()).not.toMatch(/^Every party has signed!/);
    expect(said()).toContain("new offers wait for your answer in the Deals tab");
    // Answered, the offer no longer waits: the words go back.
    s = step(s, { actor: seat("US"), move: { type: "decline", agreementId: s.agreements.at(-1)!.id, revision: 1 } });
    expect(said()).toMatch(/^Every party has signed!/);
  });
  it("ends with the review; nothing for the facilitator", () => {
    const s = review();
    expect(guideStep(clientView(s, US))).toBe("review");
    expect(guideStep(clientView(s, asFacilitator))).toBeUndefined();
  });
  it("says the next rounds are the player's on the next event card, and is gone once its talks begin (it stayed all game)", () => {
    let s = step(review(), { actor: { kind: "system" }, move: { type: "advance" } });
    expect([s.round, s.phase]).toEqual([2, "event"]);
    expect(guideStep(clientView(s, US))).toBe("done");
    s = step(s, { actor: { kind: "system" }, move: { type: "advance" } });
    expect(s.phase).toBe("negotiation");
    expect(guideStep(clientView(s, US))).toBeUndefined();
  });
});

describe("guide words", () => {
  it("says tap on a touch screen only, and 'your deal is among the causes' only when a deal of the player's took force", () => {
    const s = review(); // A1: US–JP supply, took force this round
    const us = clientView(s, US);
    expect(guideTextKey(us, "review", false)).toBe("guide.review.mine");
    expect(guideTextKey(us, "review", true)).toBe("guide.review.mine.touch");
    // Kenya is party to no deal (the player whose only offer was declined): no deal of theirs among the causes.
    const ke = clientView(s, asSeat("KE"));
    expect(guideTextKey(ke, "review", false)).toBe("guide.review");
    expect(t(guideTextKey(ke, "review", false), { button: "Next" })).not.toContain("Your deal");
    expect(t(guideTextKey(us, "review", false), { button: "Next" })).toContain("Your deal is among the causes");
    for (const step of ["event", "signed", "review"] as const) {
      expect(t(guideTextKey(us, step, false), { button: "X" }), step).not.toMatch(/\btap\b/i);
      expect(t(guideTextKey(us, step, true), { button: "X" }), step).toMatch(/\bTap\b/i);
    }
    expect(guideTextKey(clientView(s, US, { seats: bots(s, ["JP"]) }), "propose", true)).toBe("guide.propose");
  });
  it("in the game's last round the review leads to the final scores, not to play on (en, zh-CN)", async () => {
    const s = review();
    const last = (seat: string) => {
      const view = clientView(s, asSeat(seat));
      return { ...view, settings: { ...view.settings, rounds: view.round } };
    };
    const says = (seat: string, touch: boolean) => t(guideTextKey(last(seat), "review", touch), { button: readyLabel(last(seat), touch) });
    try {
      for (const seat of ["US", "KE"]) {
        expect(says(seat, false)).toContain("That was the last round: choose “I have read the review: see the final scores” at the top to finish.");
        expect(says(seat, true)).toContain("That was the last round: tap “Final scores” at the top to finish.");
        expect(says(seat, false)).not.toContain("play on");
      }
      // Not before the last round.
      expect(t(guideTextKey(clientView(s, US), "review", false), { button: "X" })).toContain("to play on");
      useCatalog(await loadCatalog("zh-CN"), "zh-CN");
      expect(says("US", true)).toContain("这是最后一轮：点按顶部的“最终得分”结束游戏。");
      expect(says("KE", false)).not.toContain("继续");
    } finally {
      useCatalog(en, "en");
    }
  });
});

describe("the guide's first deal", () => {
  const allBots = (s: ReturnType<typeof negotiation>, seat: string) => {
    const v = clientView(s, asSeat(seat));
    return { ...v, seats: v.seats.map((x) => ({ ...x, bot: x.id !== seat })) };
  };
  it("fits the seat: a screening pact where it has an ally, else a supply deal with a partner the engine takes, never the other side", () => {
    const s = negotiation();
    const us = allBots(s, "US");
    expect(firstDeal(us)).toEqual({ type: "screening" });
    expect(guideTextKey(clientView(s, US, { seats: bots(s, ["JP"]) }), "propose", true)).toBe("guide.propose");
    // China has no ally at this table: a pact with anyone is refused, so the guide suggests buying.
    const cn = allBots(s, "CN");
    const deal = firstDeal(cn)!;
    expect(deal.type).toBe("supply");
    expect(deal.start?.buyers).toEqual(["CN"]);
    expect(deal.start?.suppliers).toHaveLength(1);
    expect(deal.start?.suppliers).not.toContain("CN");
    expect(isValid(validate(cn, { ...emptyForm(cn, "supply"), ...deal.start }))).toBe(true);
    expect(guideTextKey(cn, "propose", true)).toBe("guide.propose.supply");
    expect(t("guide.propose.supply")).not.toContain("with an ally");
    // India hedges: Indonesia shares its bloc's label (swing) but is no ally, so the guide does not send it to "an ally" either.
    const india = allBots(s, "IN");
    expect(firstDeal(india)?.type).toBe("supply");
    expect(firstDeal(india)?.start?.buyers).toEqual(["IN"]);
    expect(guideTextKey(india, "propose", true)).toBe("guide.propose.supply");
  });
});

describe("guide memory", () => {
  const memory = (): GuideMemory & { value: string | null } => {
    const m = { value: null as string | null, get: () => m.value, set: (v: string) => void (m.value = v) };
    return m;
  };
  it("guides the first quick game only, across reloads, never again once done or skipped", () => {
    const m = memory();
    expect(guideWanted(m, "AAAAAA", false)).toBe(false); // a classroom game is not a first quick game
    expect(guideWanted(m, "HQ4M9C", true)).toBe(true);
    expect(guideWanted(m, "HQ4M9C", true)).toBe(true); // a reload of the same game
    expect(guideWanted(m, "CCCCCC", true)).toBe(false); // another tab's game
    guideFinished(m);
    expect(guideWanted(m, "HQ4M9C", true)).toBe(false);
    expect(guideWanted(m, "DDDDDD", true)).toBe(false);
  });
});

describe("result card", () => {
  it("names my country, score and rank, and how the table did", () => {
    const card = resultCard(clientView(review(), US));
    expect(card.headline).toMatch(/^United States: [\d.]+ points, \d of \d$/);
    expect(card.lines[0]).toMatch(/shared targets/);
    expect(card.text.split("\n")[0]).toBe("Chokepoint · Classroom quick start 2023");
  });
});
