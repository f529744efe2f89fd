/**
 * The consoles' view of a control-cell script: where each inject stands at a table, what its
 * one button does, and what "schedule the whole script" sends.
 */
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { clickMove, fitText, fitToRounds, fitWarning, injectStatus, planMove, planText, scriptRounds, type TableCards } from "../../client/model/inject-script.ts";
import { useCatalog } from "../../client/i18n/index.ts";
import { en } from "../../client/i18n/en.ts";
import { zhCN } from "../../client/i18n/zh-CN.ts";
import type { Inject, InjectScript } from "../../shared/scenario/injects.ts";

const card = (id: string, round: number): Inject => ({ id: `i-${id}`, round, date: "2022", why: "why now", card: id });
const own: Inject = { id: "own", round: 2, date: "2022", why: "why now", custom: { title: "Own card", text: "Text.", effects: [{ kind: "table", metric: "tension", amount: 2 }] } };
const table = (over: Partial<TableCards> = {}): TableCards => ({ round: 2, phase: "negotiation", rounds: 4, played: [], scheduled: [], ...over });

describe("an inject script at a table", () => {
  it("says what scheduling the whole script sends: how many cards, in which rounds, and how many play now", () => {
    const t = table({ round: 1 });
    const plan = [card("a", 1), card("b", 2), card("c", 2), card("d", 4)].map((i) => planMove(t, i)!);
    expect(planText(plan)).toBe("3 cards scheduled in rounds 2–4; 1 card played now");
    expect(planText([planMove(t, card("b", 3))!])).toBe("1 card scheduled for round 3");
    useCatalog(zhCN, "zh-CN");
    try {
      expect(planText(plan)).toBe("在第 2–4 轮排定 3 张卡；立即打出 1 张卡");
    } finally {
      useCatalog(en, "en");
    }
  });

  it("says where each inject stands", () => {
    const t = table({ played: [{ id: "a", custom: false, title: "A" }, { id: "custom-1", custom: true, title: "Own card" }], scheduled: [{ round: 3, card: { id: "b", custom: false, title: "B" } }] });
    expect(injectStatus(t, card("a", 1))).toEqual({ kind: "played" });
    expect(injectStatus(t, own)).toEqual({ kind: "played" });
    expect(injectStatus(t, card("b", 3))).toEqual({ kind: "scheduled", round: 3 });
    expect(injectStatus(t, card("c", 2))).toEqual({ kind: "ready" });
    expect(injectStatus(t, card("d", 1))).toEqual({ kind: "past" });
    expect(injectStatus(t, card("e", 3))).toEqual({ kind: "later" });
    expect(injectStatus(t, card("f", 6))).toEqual({ kind: "beyond" });
    expect(injectStatus(table({ phase: "review" }), card("c", 2))).toEqual({ kind: "past" });
  });

  it("a card of the script's own counts as played under its title in any of its languages (each console reads the view in its own)", () => {
    const bilingual: Inject = { ...own, custom: { ...own.custom!, texts: { "zh-CN": { title: "自己的卡", text: "正文。" } } } };
    expect(injectStatus(table({ played: [{ id: "custom-1", custom: true, title: "自己的卡" }] }), bilingual)).toEqual({ kind: "played" });
    expect(injectStatus(table({ played: [{ id: "custom-1", custom: true, title: "自己的卡" }] }), own)).toEqual({ kind: "ready" });
  });

  it("the whole script: later rounds scheduled, this round's played now, the rest left alone", () => {
    const t = table();
    expect(planMove(t, card("e", 3))).toEqual({ type: "play-event", cardId: "e", round: 3 });
    expect(planMove(t, card("c", 2))).toEqual({ type: "play-event", cardId: "c" });
    expect(planMove(t, own)).toMatchObject({ type: "custom-event", title: "Own card", effects: own.custom!.effects });
    expect(planMove(t, card("d", 1))).toBeNull();
    expect(planMove(t, card("f", 6))).toBeNull();
    // From the lobby everything is scheduled for its round.
    expect(planMove(table({ round: 0, phase: "lobby" }), card("a", 1))).toEqual({ type: "play-event", cardId: "a", round: 1 });
  });

  it("one click plays a past inject now, or in the review schedules it for the next round", () => {
    expect(clickMove(table(), card("d", 1))).toEqual({ type: "play-event", cardId: "d" });
    expect(clickMove(table({ phase: "review" }), card("d", 1))).toEqual({ type: "play-event", cardId: "d", round: 3 });
    expect(clickMove(table({ phase: "review", round: 4 }), card("d", 1))).toBeNull();
  });
});

describe("a script longer than the game", () => {
  const six: InjectScript = { scenario: "alliance-2021", title: "Six rounds", injects: [1, 2, 3, 4, 5, 6].map((r) => card(`c${r}`, r)) };

  it("fits its rounds evenly into the game's, in order, when the facilitator asks: six rounds into three, two a round", () => {
    expect(scriptRounds(six)).toBe(6);
    expect(fitToRounds(six, 3).injects.map((i) => i.round)).toEqual([1, 1, 2, 2, 3, 3]);
    expect(fitToRounds(six, 4).injects.map((i) => i.round)).toEqual([1, 2, 2, 3, 4, 4]);
    expect(fitToRounds(six, 1).injects.map((i) => i.round)).toEqual([1, 1, 1, 1, 1, 1]);
    // A game as long as the script, or longer, keeps it as it is.
    expect(fitToRounds(six, 6)).toBe(six);
    expect(fitToRounds(six, 8)).toBe(six);
  });

  it("a sparse script keeps its own pacing, scaled: injects of rounds 1 and 6 into three rounds open round 1 and close round 3", () => {
    const sparse: InjectScript = { ...six, injects: [card("a", 1), card("b", 6)] };
    expect(fitToRounds(sparse, 3).injects.map((i) => i.round)).toEqual([1, 3]);
    expect(fitText(sparse, 3)).toContain("0 or 1");
  });

  it("fitted, nothing is left after the last round: the whole script is scheduled", () => {
    const t = table({ round: 0, phase: "lobby", rounds: 3 });
    expect(six.injects.map((inj) => planMove(t, inj)).filter(Boolean)).toHaveLength(3);
    const fitted = fitToRounds(six, 3);
    expect(fitted.injects.map((inj) => planMove(t, inj))).toEqual([1, 1, 2, 2, 3, 3].map((round, i) => ({ type: "play-event", cardId: `c${i + 1}`, round })));
  });
});

describe("a script fitted into a much shorter game", () => {
  // The shipped Alliance 2021 script (4, 6, 3, 3, 2 and 1 injects in its six rounds) and its scenario's event clock (30 s a card).
  const alliance = JSON.parse(readFileSync(new URL("../../assets/injects/alliance-2021.json", import.meta.url), "utf8")) as InjectScript;
  const { eventSeconds } = (JSON.parse(readFileSync(new URL("../../assets/scenarios/alliance-2021.json", import.meta.url), "utf8")) as { timers: { eventSeconds: number } }).timers;
  const lobby = [table({ round: 0, phase: "lobby", rounds: 2 })];
  const counts = (s: InjectScript) => s.injects.reduce<number[]>((n, inj) => ((n[inj.round - 1] = (n[inj.round - 1] ?? 0) + 1), n), []);

  it("spreads its injects near-evenly over the game's rounds, in the script's order, the first round never the busiest", () => {
    expect(counts(alliance)).toEqual([4, 6, 3, 3, 2, 1]);
    expect(counts(fitToRounds(alliance, 3))).toEqual([6, 6, 7]);
    expect(counts(fitToRounds(alliance, 2))).toEqual([9, 10]);
    expect(counts(fitToRounds(alliance, 5))).toEqual([3, 4, 4, 4, 4]);
    for (const rounds of [1, 2, 3, 4, 5]) {
      const fitted = fitToRounds(alliance, rounds);
      // Same injects, same order; a later inject never plays in an earlier round.
      expect(fitted.injects.map((i) => i.id)).toEqual(alliance.injects.map((i) => i.id));
      expect(fitted.injects.map((i) => i.round)).toEqual(fitted.injects.map((i) => i.round).sort((a, b) => a - b));
    }
    // The box says what the fitting does, in numbers.
    expect(fitText(alliance, 3)).toBe("Fit the script's 6 rounds into this game's 3: its 19 injects keep their order, 6 or 7 a round");
    expect(fitText({ ...alliance, injects: alliance.injects.slice(0, 18) }, 3)).toMatch(/its 18 injects keep their order, 6 a round$/);
    useCatalog(zhCN, "zh-CN");
    try {
      expect(fitText(alliance, 3)).toBe("把剧本的 6 轮压缩进本局的 3 轮：19 条突发事件保持原有顺序，每轮 6 或 7 条");
    } finally {
      useCatalog(en, "en");
    }
  });

  it("warns when fitting piles clearly more cards into a round than the script puts in any: the round, its cards, its event clock, and what to do instead", () => {
    expect(eventSeconds).toBe(30);
    expect(fitWarning(alliance, 2, eventSeconds, lobby)).toBe(
      "Fitted into 2 rounds, round 2 opens with 10 cards, where the script puts at most 6 in a round. " +
        "That round's event phase then runs up to 5 min (30 s a card) before the negotiation. " +
        "To keep it short, do not schedule the whole script: once the round runs, play the injects you choose with their own “Play now” buttons, or untick the fitting to play the script's first 2 rounds as written.",
    );
    // Without the table's clock, the count alone.
    expect(fitWarning(alliance, 2, undefined, lobby)).toMatch(/^Fitted into 2 rounds, round 2 opens with 10 cards, where the script puts at most 6 in a round\. To keep it short/);
    // Into one round, all nineteen at once.
    expect(fitWarning(alliance, 1, eventSeconds, [table({ round: 0, phase: "lobby", rounds: 1 })])).toContain("round 1 opens with 19 cards");
    useCatalog(zhCN, "zh-CN");
    try {
      expect(fitWarning(alliance, 2, eventSeconds, lobby)).toMatch(/^压缩进 2 轮后，第 2 轮开局就有 10 张卡，而剧本本身每轮最多 6 张。该轮的事件阶段随之最长可达 5 分钟（每张卡 30 秒）/);
    } finally {
      useCatalog(en, "en");
    }
  });

  it("says nothing for a script that fits, or spreads about as thinly as it was written, or once the crowded round has begun at every table", () => {
    expect(fitWarning(alliance, 6, eventSeconds, [table({ round: 0, phase: "lobby", rounds: 6 })])).toBeUndefined();
    expect(fitWarning(alliance, 8, eventSeconds, [table({ round: 0, phase: "lobby", rounds: 8 })])).toBeUndefined();
    // Three rounds: 6, 6 and 7 cards, one more than the script's own second round.
    expect(fitWarning(alliance, 3, eventSeconds, [table({ round: 0, phase: "lobby", rounds: 3 })])).toBeUndefined();
    // Five rounds: 3, 4, 4, 4 and 4.
    expect(fitWarning(alliance, 5, eventSeconds, [table({ round: 0, phase: "lobby", rounds: 5 })])).toBeUndefined();
    // Round 1 under way: round 2's ten are still to come.
    expect(fitWarning(alliance, 2, eventSeconds, [table({ round: 1, phase: "negotiation", rounds: 2 })])).toContain("round 2 opens with 10 cards");
    // Round 2 under way at every table: its clock is set.
    expect(fitWarning(alliance, 2, eventSeconds, [table({ round: 2, phase: "negotiation", rounds: 2 })])).toBeUndefined();
    // A class with one table still in the lobby is warned for it.
    expect(fitWarning(alliance, 2, eventSeconds, [table({ round: 2, phase: "negotiation", rounds: 2 }), ...lobby])).toContain("round 2 opens with 10 cards");
  });
});
