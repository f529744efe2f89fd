/**
 * The control cell's Phaser-free view-model: custom cards and rulings checked field by field,
 * effects in words, the three-part matrix form, the console's god view and activity log, the
 * round timeline, the communication-rules announcement, the archive, the comparison (the
 * client's, from reports, equals the server's), the replay frames, and the new page routes.
 * Views come from the real engine; reports and frames from the real server code.
 */
import { describe, expect, it } from "vitest";
import { analyze } from "../../server/debrief/analysis.ts";
import { compareReply, compareSummary } from "../../server/debrief/compare.ts";
import { replayFrames } from "../../server/debrief/frames.ts";
import { buildReport } from "../../server/debrief/report.ts";
import { renderReportHtml } from "../../server/debrief/report-html.ts";
import { englishWords, wordsFor } from "../../server/debrief/words.ts";
import { comparisonRows } from "../../server/classes/class-csv.ts";
import type { GameRecord } from "../../server/storage/store.ts";
import type { Action } from "../../shared/engine/actions.ts";
import { applyInput } from "../../shared/engine/apply.ts";
import { ROLES } from "../../shared/engine/vocabulary.ts";
import type { ArchiveEntry } from "../../shared/protocol/debrief.ts";
import { render, t, useCatalog, useNames } from "../../client/i18n/index.ts";
import { en } from "../../client/i18n/en.ts";
import { zhCN } from "../../client/i18n/zh-CN.ts";
import { viewNames } from "../../client/model/names.ts";
import { byScenario, commonKey, compareCheck, distinctKeys, entryOutcome, entryStatus, mergeArchives, shareRows } from "../../client/model/archive.ts";
import { choiceFromKey, choiceKey, classOf, compareFromReports, gameRows, sameLines, scoresAcross, seriesAcross, seriesChoices, summaryFromReport } from "../../client/model/compare.ts";
import { ActivityLog, commsAnnouncement, lastFromView, recordedActivity, movedText, moveQuestion, moveTargets, phaseSteps, roundTimeline, seatOffers, seatOverview, seatState, unseatQuestion } from "../../client/model/console.ts";
import { dateKey } from "../../client/model/board.ts";
import { canPlayNow, cardEffectLines, deckRows, describeEffect, emptyEffect, laterRounds, parseAmount, targetGroups, validateEffects, validateInject, validateRuling, type EffectDraft } from "../../client/model/inject.ts";
import { messageText } from "../../client/model/channels.ts";
import { canSubmitMatrix, composeMatrix, freshRulings, matrixLists, matrixProblems, matrixQueue, rulingText, splitMatrix } from "../../client/model/matrix.ts";
import { clampFrame, endedText, forkRoundFor, frameClientView, frameSummary, stepKey } from "../../client/model/replay.ts";
import { parseRoute, routePath } from "../../client/model/route.ts";
import { rememberedKeys, extraKeys, addExtraKey, removeExtraKey } from "../../client/net/key-ring.ts";
import { FACILITATOR, scriptedGame, SEAT, SETTINGS } from "../debrief/fixtures.ts";
import { ENDED_STATUSES } from "../../shared/protocol/archive.ts";
import { asFacilitator, asObserver, asSeat, clientView, negotiation, review, scenario, seatsOf, step } from "./fixtures.ts";
import { createGame } from "../../shared/engine/setup.ts";
import { CURRENT_EDITION } from "../../shared/engine/deal-ids.ts";
import { VERSION_CARDLESS_ROUNDS } from "../../shared/engine/deck.ts";
import { seatsDone, type ClientView } from "../../shared/protocol/view.ts";

const fac = { kind: "facilitator" as const };
const seat = (id: string) => ({ kind: "seat" as const, seat: id, roles: [...ROLES] });

/** A metric effect row as typed. */
const row = (patch: Partial<EffectDraft>): EffectDraft => ({ ...emptyEffect(), ...patch });

describe("custom cards are checked before they are sent", () => {
  const view = clientView(negotiation(), asFacilitator);

  it("a right card becomes the custom-event command, amounts parsed as people type them", () => {
    const r = validateInject(view, {
      title: "  Fab fire ",
      text: "A fire stops a fab.",
      when: "",
      effects: [row({ kind: "metric", target: "JP", metric: "trust", amount: "−5" }), row({ kind: "table", tableMetric: "tension", amount: "+3" }), row({ kind: "stance", target: "IN", stance: "hedging" })],
    });
    expect(r).toEqual({
      ok: true,
      value: {
        type: "custom-event",
        title: "Fab fire",
        text: "A fire stops a fab.",
        effects: [
          { kind: "metric", target: "JP", metric: "trust", amount: -5 },
          { kind: "table", metric: "tension", amount: 3 },
          { kind: "stance", target: "IN", stance: "hedging" },
        ],
      },
    });
    // The engine takes exactly what the form makes.
    if (r.ok) expect(applyInput(negotiation(), { actor: fac, move: r.value }).ok).toBe(true);
  });

  it.each([
    [{ title: "" }, "title", t("inject.invalid.title")],
    [{ text: " " }, "text", t("inject.invalid.text")],
    [{ title: "x".repeat(101) }, "title", t("inject.invalid.tooLong", { max: 100, count: 101 })],
    [{ effects: [row({ amount: "80" })] }, "effects.0.amount", t("inject.invalid.amountRange", { min: "−50", max: "+50" })],
    [{ effects: [row({ kind: "capability", target: "CN", amount: "-6" })] }, "effects.0.amount", t("inject.invalid.capabilityRange", { min: "−5", max: "+5" })],
    [{ effects: [row({ amount: "abc" })] }, "effects.0.amount", t("inject.invalid.amountNumber")],
    [{ effects: [row({ amount: "" })] }, "effects.0.amount", t("inject.invalid.amountMissing")],
    [{ effects: [row({ amount: "0" })] }, "effects.0.amount", t("inject.invalid.amountZero")],
    [{ effects: [row({ kind: "stance", target: "alliance" })] }, "effects.0.target", t("inject.invalid.stanceGroup")],
    [{ effects: [row({ target: "ZZ", amount: "2" })] }, "effects.0.target", t("inject.invalid.unknownCountry", { id: "ZZ" })],
    [{ when: "1" }, "when", t("inject.invalid.round", { round: "1", rounds: 4 })],
    [{ when: "9" }, "when", t("inject.invalid.round", { round: "9", rounds: 4 })],
  ])("%j → %s", (patch, field, message) => {
    const r = validateInject(view, { title: "Card", text: "Something happens.", when: "", effects: [], ...patch });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[field]).toBe(message);
  });

  it("the card's words in Chinese go with it, and a Chinese reader reads them; half a translation is marked, an empty one left out", () => {
    const base = { title: "Fab fire", text: "A fire stops a fab.", when: "", effects: [] };
    const r = validateInject(view, { ...base, translations: { "zh-CN": { title: " 晶圆厂火灾 ", text: "一场大火使一座晶圆厂停产。" } } });
    expect(r.ok && r.value.texts).toEqual({ "zh-CN": { title: "晶圆厂火灾", text: "一场大火使一座晶圆厂停产。" } });
    if (r.ok) {
      const played = applyInput(negotiation(), { actor: fac, move: r.value });
      expect(played.ok && played.state.events.at(-1)!.texts?.["zh-CN"]?.title).toBe("晶圆厂火灾");
    }
    const half = validateInject(view, { ...base, translations: { "zh-CN": { title: "晶圆厂火灾", text: " " } } });
    expect(!half.ok && half.problems).toEqual({ "text.zh-CN": t("inject.invalid.text") });
    const empty = validateInject(view, { ...base, translations: { "zh-CN": { title: "", text: "" } } });
    expect(empty.ok && "texts" in empty.value).toBe(false);
  });

  it("a supply cut-off becomes the restriction effect the script's cards carry, and causes their shortage", () => {
    const r = validateInject(view, { title: "China restricts graphite", text: "Beijing stops graphite exports.", when: "", effects: [row({ kind: "restriction", by: "CN", target: "US", sector: "minerals", rounds: "2" })] });
    expect(r.ok && r.value.effects).toEqual([{ kind: "restriction", by: "CN", sector: "minerals", on: "US", rounds: 2 }]);
    if (!r.ok) return;
    const played = applyInput(negotiation(), { actor: fac, move: r.value });
    expect(played.ok && played.state.restrictions.map(({ by, sector, on, untilRound }) => ({ by, sector, on, untilRound }))).toEqual([{ by: "CN", sector: "minerals", on: ["US"], untilRound: 2 }]);
  });

  it.each([
    [{ by: "" }, "effects.0.by", t("inject.invalid.by")],
    [{ by: "ZZ" }, "effects.0.by", t("inject.invalid.unknownCountry", { id: "ZZ" })],
    [{ target: "CN" }, "effects.0.target", t("inject.invalid.restrictSelf")],
    [{ rounds: "0" }, "effects.0.rounds", t("inject.invalid.rounds", { max: 10 })],
    [{ rounds: "11" }, "effects.0.rounds", t("inject.invalid.rounds", { max: 10 })],
    [{ rounds: "1.5" }, "effects.0.rounds", t("inject.invalid.rounds", { max: 10 })],
  ])("a cut-off %j → %s", (patch, field, message) => {
    const r = validateEffects(view, [row({ kind: "restriction", by: "CN", target: "alliance", sector: "minerals", rounds: "1", ...patch })]);
    expect(r.problems[field]).toBe(message);
    expect(r.effects).toEqual([]);
  });

  it("names the row of every bad effect, and at most twelve effects", () => {
    const r = validateEffects(view, [row({ amount: "2" }), row({ amount: "x" }), row({ kind: "capital", target: "", amount: "4" })]);
    expect(Object.keys(r.problems).sort()).toEqual(["effects.1.amount", "effects.2.target"]);
    expect(r.effects).toEqual([{ kind: "metric", target: "all", metric: "prosperity", amount: 2 }]);
    expect(validateEffects(view, Array.from({ length: 13 }, () => row({ amount: "1" }))).problems.effects).toBe(t("inject.invalid.tooMany", { max: 12 }));
  });

  it("now is only offered in the event and negotiation; later rounds run to the last", () => {
    expect(canPlayNow(view)).toBe(true);
    expect(laterRounds(view)).toEqual([2, 3, 4]);
    const inReview = clientView(review(), asFacilitator);
    expect(canPlayNow(inReview)).toBe(false);
    const r = validateInject(inReview, { title: "A", text: "B", when: "", effects: [] });
    expect(r.ok ? "" : r.problems.when).toBe(t("inject.invalid.notNow", { phase: t("phase.review") }));
    const later = validateInject(inReview, { title: "A", text: "B", when: "2", effects: [] });
    expect(later.ok && later.value.round).toBe(2);
  });

  it("parses amounts the way people type them", () => {
    expect([parseAmount("−2.5"), parseAmount("+4"), parseAmount("3,5"), parseAmount(" 7 "), parseAmount("1e3"), parseAmount("")]).toEqual([-2.5, 4, 3.5, 7, undefined, undefined]);
  });

  it("says whom it moved where, naming the country as a sentence does", () => {
    useNames(viewNames(view));
    expect(movedText("Ana", "NL")).toBe("Ana moved to the Netherlands.");
    expect(movedText("ana", "US", "envoy")).toBe("ana moved to the United States as economic envoy.");
  });

  it("asks before a move, saying truthfully what becomes of the seat left (assign-seat's rules), in both languages", () => {
    useNames(viewNames(view));
    // Ana holds the United States (tests/client/fixtures.ts); China is a bot's.
    expect(moveQuestion(view, true, "h1", "Ana", { seat: "NL" })).toBe("Move Ana to the Netherlands? A bot will play the United States. Ana will no longer see the private channels and unsigned offers of the United States.");
    expect(moveQuestion(view, false, "h1", "Ana", { seat: "CN" })).toBe(
      "Move Ana to China? The United States will be left free. Ana will no longer see the private channels and unsigned offers of the United States. The bot playing China stops.",
    );
    const lobby = { ...view, phase: "lobby" as const };
    expect(moveQuestion(lobby, true, "h1", "Ana", { seat: "NL" })).toBe("Move Ana to the Netherlands? The United States will be free; a bot plays it at the start unless someone takes it.");
    // Someone waiting for a seat leaves none.
    expect(moveQuestion(lobby, true, "w1", "Zed", { seat: "NL", role: "envoy" })).toBe("Move Zed to the Netherlands as economic envoy?");
    // Without teams, only seats nobody else holds, and not the one Ana is in.
    const seats = moveTargets(view, "h1").map((x) => x.seat);
    expect(seats).not.toContain("US");
    expect(seats).toContain("NL");
    expect(moveTargets({ ...view, seats: view.seats.map((x) => (x.id === "US" ? { ...x, holders: [] } : x)) }, "w1").map((x) => x.seat)).toContain("US");
    useCatalog(zhCN, "zh-CN");
    try {
      useNames(viewNames(view));
      expect(moveQuestion(view, true, "h1", "Ana", { seat: "NL" })).toMatch(/^将Ana移至.+？.+将由机器人扮演。Ana将不再看到/);
    } finally {
      useCatalog(en, "en");
      useNames(viewNames(view));
    }
  });

  it("asks before freeing a seat or giving it to a bot, naming who is put out of it and what becomes of it (freeSeat's and botSeat's rules), in both languages", () => {
    useNames(viewNames(view));
    // Ana holds the United States (tests/client/fixtures.ts); with the game's bots on, a bot plays a freed seat once the game runs.
    expect(unseatQuestion(view, true, "US", "free")).toBe(
      "Free the seat of the United States? Ana will have no country until you seat them again. A bot will play the United States. Ana will no longer see the private channels and unsigned offers of the United States.",
    );
    expect(unseatQuestion(view, false, "US", "free")).toBe(
      "Free the seat of the United States? Ana will have no country until you seat them again. The United States will be left free. Ana will no longer see the private channels and unsigned offers of the United States.",
    );
    // A team: everyone in the seat leaves it.
    const team = { ...view, seats: view.seats.map((x) => (x.id === "US" ? { ...x, holders: [{ ...x.holders[0]!, roles: "diplomat" }, { id: "h2", name: "Ben", roles: "regulator,envoy", connected: false }] } : x)) };
    expect(unseatQuestion(team, true, "US", "bot")).toBe(
      "Give the United States to a bot? Ana and Ben will have no country until you seat them again. Ana and Ben will no longer see the private channels and unsigned offers of the United States.",
    );
    // In the waiting room a freed seat is free until the start; nothing private is seen yet.
    expect(unseatQuestion({ ...view, phase: "lobby" }, true, "US", "free")).toBe(
      "Free the seat of the United States? Ana will have no country until you seat them again. The United States will be free; a bot plays it at the start unless someone takes it.",
    );
    // A seat nobody holds: giving it to a bot puts no one out, and asks nothing.
    expect(unseatQuestion(view, true, "NL", "bot")).toBeUndefined();
    useCatalog(zhCN, "zh-CN");
    try {
      useNames(viewNames(view));
      expect(unseatQuestion(view, true, "US", "free")).toMatch(/^空出.+的席位？在你再次为其安排席位之前，Ana将没有国家。.+将由机器人扮演。Ana将不再看到/);
    } finally {
      useCatalog(en, "en");
      useNames(viewNames(view));
    }
  });

  it("names an effect's countries from the list it is given, where no game's names are in use (the class console)", () => {
    useNames(null);
    const listed = { countries: [{ id: "CN", name: "China" }, { id: "US", name: "United States", inSentence: "the United States" }] };
    expect(describeEffect(listed, { kind: "restriction", by: "US", on: "CN", sector: "semis", rounds: 1 })).toBe("The United States stops supplies of semiconductors to China for 1 round");
  });

  it("lists a card's conditional effects (pressures) under its effects, each with its condition, in both languages", () => {
    useNames(viewNames(view));
    const duv = {
      effects: [{ kind: "table" as const, metric: "tension" as const, amount: 1 }],
      pressures: [
        {
          regime: { sector: "semis" as const, target: "CN", members: ["NL", "US"], atLeast: 0 },
          unless: [{ kind: "metric" as const, target: "NL", metric: "trust" as const, amount: -3 }, { kind: "table" as const, metric: "cohesion" as const, amount: -2 }],
          met: [{ kind: "table" as const, metric: "cohesion" as const, amount: 3 }],
        },
      ],
    };
    expect(cardEffectLines(view, duv)).toEqual([
      "Table: Tension +1",
      "Unless a regime on semiconductors against China includes the Netherlands and the United States — Netherlands: Trust −3; Table: Alliance cohesion −2",
      "If one does — Table: Alliance cohesion +3",
    ]);
    const strict = { effects: [], pressures: [{ ...duv.pressures[0]!, regime: { ...duv.pressures[0]!.regime, members: ["US"], atLeast: 0.5 }, met: [] }] };
    expect(cardEffectLines(view, strict)).toEqual(["Unless a regime on semiconductors against China includes the United States and is at least 50% effective — Netherlands: Trust −3; Table: Alliance cohesion −2"]);
    useCatalog(zhCN, "zh-CN");
    try {
      useNames(viewNames(view));
      expect(cardEffectLines(view, duv)[2]).toMatch(/^若有——全桌：.+ \+3$/);
      expect(cardEffectLines(view, duv)[1]).toMatch(/^除非有包括.+针对.+的.+管制机制——/);
    } finally {
      useCatalog(en, "en");
      useNames(viewNames(view));
    }
  });

  it("says each effect in one line", () => {
    useNames(viewNames(view));
    expect(describeEffect(view, { kind: "metric", target: "JP", metric: "trust", amount: -5 })).toBe("Japan: Trust −5");
    expect(describeEffect(view, { kind: "table", metric: "tension", amount: 3 })).toBe("Table: Tension +3");
    expect(describeEffect(view, { kind: "capability", target: "alliance", sector: "semis", amount: -1 })).toBe("The alliance: Semiconductors capability −1");
    expect(describeEffect(view, { kind: "capital", target: "all", amount: 10 })).toBe("Everyone: Capital +10");
    expect(describeEffect(view, { kind: "stance", target: "IN", stance: "hedging" })).toBe("India: stance becomes “hedging”");
    expect(describeEffect(view, { kind: "restriction", by: "CN", on: "JP", sector: "minerals", rounds: 1 })).toMatch(/to Japan for 1 round$/);
    expect(describeEffect(view, { kind: "restriction", by: "CN", on: "JP", sector: "minerals", rounds: 2 })).toMatch(/to Japan for 2 rounds$/);
    // A group inside the sentence reads lower-case, as it opens one capitalised.
    expect(describeEffect(view, { kind: "restriction", by: "CN", on: "alliance", sector: "minerals", rounds: 2 })).toBe("China stops supplies of critical minerals to the alliance for 2 rounds");
    expect(describeEffect(view, { kind: "metric", target: "swing", metric: "trust", amount: 2 })).toBe("Swing states: Trust +2");
  });
});

describe("the groups an effect may name", () => {
  const country = (bloc: string, control = "seat") => ({ id: bloc, name: bloc, bloc, control });
  it("are those the scenario has: everyone, the seats, and each bloc with a country in it", () => {
    // Alliance 2021 (assets/scenarios/alliance-2021.json): alliance, rival and partners, no swing states.
    expect(targetGroups({ countries: [country("alliance"), country("rival", "rival"), country("partner", "partner")] })).toEqual(["all", "seats", "alliance", "rival", "partner"]);
    expect(targetGroups({ countries: [country("alliance", "partner")] })).toEqual(["all", "alliance"]);
    // A row already naming a group keeps it; countries without blocs (nothing known) offer all.
    expect(targetGroups({ countries: [country("alliance")] }, "swing")).toEqual(["all", "seats", "alliance", "swing"]);
    expect(targetGroups({ countries: [{ control: "seat" }] })).toHaveLength(6);
    expect(targetGroups(clientView(negotiation(), asFacilitator))).toEqual(["all", "seats", "alliance", "rival", "swing", "partner"]);
  });
});

describe("the deck in the console", () => {
  it("lists the cards by date, earliest first, as the event strip reads them (the deck's ids sort 2025 cards first)", () => {
    const view = clientView(negotiation(), asFacilitator);
    const rows = deckRows(view);
    expect(rows.map((r) => r.id).sort()).toEqual([...view.deckRemaining!].sort());
    const keys = rows.map((r) => dateKey(r.date)!);
    expect(keys.every((k) => k !== undefined)).toBe(true);
    expect(keys).toEqual([...keys].sort((a, b) => a - b));
    expect(rows[0]!.date).not.toMatch(/2025/);
    expect(rows.findIndex((r) => r.id === "ai-diffusion")).toBeLessThan(rows.findIndex((r) => r.id === "ai-diffusion-dropped"));
  });

  it("says which card a card waits for while the engine would refuse it, and nothing once that card is played", () => {
    let s = negotiation();
    const waiting = (st: typeof s) => Object.fromEntries(deckRows(clientView(st, asFacilitator)).filter((r) => r.waitsFor).map((r) => [r.id, r.waitsFor]));
    expect(waiting(s)).toEqual({ "ai-diffusion-dropped": "A rule to sort the world into tiers for AI chips (13 Jan 2025)" });
    s = step(s, { actor: fac, move: { type: "play-event", cardId: "ai-diffusion" } });
    expect(waiting(s)).toEqual({});
  });
});

describe("rulings on matrix actions", () => {
  const view = clientView(negotiation(), asFacilitator);
  it("accept, roll with odds in percent, refuse without effects", () => {
    const effects = [row({ kind: "table", tableMetric: "tension", amount: "-3" })];
    expect(validateRuling(view, "M1", { ruling: "accept", odds: "", note: " ok ", effects })).toEqual({
      ok: true,
      value: { type: "rule-matrix", matrixId: "M1", ruling: "accept", effects: [{ kind: "table", metric: "tension", amount: -3 }], note: "ok" },
    });
    const roll = validateRuling(view, "M1", { ruling: "roll", odds: "60", note: "", effects: [] });
    expect(roll.ok && roll.value.odds).toBe(0.6);
    const refuse = validateRuling(view, "M1", { ruling: "refuse", odds: "", note: "", effects: [row({ amount: "nonsense" })] });
    expect(refuse.ok && refuse.value.effects).toEqual([]);
  });
  it.each([["150"], ["-1"], ["half"], [""]])("odds %j are refused with a sentence", (odds) => {
    const r = validateRuling(view, "M1", { ruling: "roll", odds, note: "", effects: [] });
    expect(r.ok ? "" : r.problems.odds).toBe(t("ruling.invalid.odds"));
  });
  it("a note over 300 characters is named", () => {
    const r = validateRuling(view, "M1", { ruling: "accept", odds: "", note: "n".repeat(301), effects: [] });
    expect(r.ok).toBe(false);
  });
});

describe("the player's three-part matrix action", () => {
  const parts = { action: "japan funds a gallium recycling plant.", aim: "our fabs keep running", reason: "the export ban bites!" };
  it("joins the parts into one sentence and finds them again", () => {
    const text = composeMatrix(parts);
    expect(text).toBe("Japan funds a gallium recycling plant, so that our fabs keep running, because the export ban bites.");
    expect(splitMatrix(text)).toEqual({ action: "Japan funds a gallium recycling plant", aim: "our fabs keep running", reason: "the export ban bites" });
    expect(splitMatrix("We invite Kenyan ministers to Jakarta.")).toEqual({ action: "We invite Kenyan ministers to Jakarta.", aim: "", reason: "" });
    // The engine takes it.
    expect(applyInput(negotiation(), { actor: seat("JP"), move: { type: "matrix", text } }).ok).toBe(true);
  });
  it("says \"so that\" and \"because\" once when the player typed them into the fields so labelled", () => {
    const text = composeMatrix({ action: "We fund a recycling plant", aim: "So that our fabs keep running", reason: "because, the ban bites" });
    expect(text).toBe("We fund a recycling plant, so that our fabs keep running, because the ban bites.");
    // Written in Chinese, the sentence is joined with Chinese words, and any reader's screen finds its parts.
    const zh = composeMatrix({ action: "我们资助回收厂。", aim: "以便晶圆厂继续运转", reason: "因为禁令已生效！" }, "zh-CN");
    expect(zh).toBe("我们资助回收厂，以便晶圆厂继续运转，因为禁令已生效。");
    expect(splitMatrix(zh)).toEqual({ action: "我们资助回收厂", aim: "晶圆厂继续运转", reason: "禁令已生效" });
  });
  it("names each missing part, and a sentence too long", () => {
    expect(Object.keys(matrixProblems({ action: "", aim: "x", reason: "because" })).sort()).toEqual(["action", "aim"]);
    expect(matrixProblems(parts)).toEqual({});
    expect(matrixProblems({ ...parts, reason: "r".repeat(600) }).form).toContain("at most 600");
  });
  it("lists a seat's own actions (pending too) and others' ruled ones; the facilitator's queue", () => {
    let s = negotiation();
    s = step(s, { actor: seat("JP"), move: { type: "matrix", text: composeMatrix(parts) } });
    s = step(s, { actor: seat("US"), move: { type: "matrix", text: "We ask the WTO to rule on the ban." } });
    s = step(s, { actor: fac, move: { type: "rule-matrix", matrixId: "M2", ruling: "roll", odds: 0.4, effects: [], note: "Slow." } });
    const jp = matrixLists(clientView(s, asSeat("JP")));
    expect(jp.mine.map((m) => m.id)).toEqual(["M1"]);
    expect(jp.others.map((m) => m.id)).toEqual(["M2"]);
    const q = matrixQueue(clientView(s, asFacilitator));
    expect(q.pending.map((m) => m.id)).toEqual(["M1"]);
    expect(q.ruled.map((m) => m.id)).toEqual(["M2"]);
    expect(rulingText(q.ruled[0]!)).toMatch(/on a roll \(chance 40%\)$/);
    expect(canSubmitMatrix(clientView(s, asSeat("JP")))).toBe(true);
    expect(canSubmitMatrix(clientView(s, asFacilitator))).toBe(false);
  });
  it("tells a player when their own action is ruled on, once, and not of other seats' rulings", () => {
    let s = negotiation();
    s = step(s, { actor: seat("JP"), move: { type: "matrix", text: composeMatrix(parts) } });
    s = step(s, { actor: seat("US"), move: { type: "matrix", text: "We ask the WTO to rule on the ban." } });
    const before = s;
    s = step(s, { actor: fac, move: { type: "rule-matrix", matrixId: "M1", ruling: "roll", odds: 0.4, effects: [], note: "Slow." } });
    s = step(s, { actor: fac, move: { type: "rule-matrix", matrixId: "M2", ruling: "refuse", effects: [], note: "" } });
    const jp = (state: typeof s) => clientView(state, asSeat("JP"));
    expect(freshRulings(jp(before), jp(s))).toEqual([expect.stringMatching(/^The facilitator has ruled on your free-form action M1: (succeeded|failed) on a roll \(chance 40%\)\. The ruling is in Deals\.$/)]);
    expect(freshRulings(jp(s), jp(s))).toEqual([]);
    expect(freshRulings(undefined, jp(s))).toEqual([]);
    expect(freshRulings(clientView(before, asSeat("US")), clientView(s, asSeat("US")))).toEqual(["The facilitator has ruled on your free-form action M2: refused. The ruling is in Deals."]);
    expect(freshRulings(clientView(before, asFacilitator), clientView(s, asFacilitator))).toEqual([]);
  });
  it("puts the ruling in the Facilitator channel, in each reader's language, once it is made and for everyone (a ruling is public)", () => {
    let s = negotiation();
    s = step(s, { actor: seat("JP"), move: { type: "matrix", text: "We fund a recycling plant." } });
    const broadcast = (state: typeof s, viewer: Parameters<typeof clientView>[1]) => clientView(state, viewer).messages.filter((m) => m.channel === "broadcast").map((m) => messageText(m));
    // Pending: the action is the seat's and the facilitator's; no line tells anyone of it.
    expect(broadcast(s, asFacilitator)).toEqual([]);
    s = step(s, { actor: fac, move: { type: "rule-matrix", matrixId: "M1", ruling: "accept", effects: [], note: "Approved." } });
    useNames(viewNames(clientView(s, asFacilitator)));
    const line = "Ruling on Japan's action “We fund a recycling plant.”: accepted. Approved.";
    // The facilitator finds it in their channel; a later view (a reload) has it too, as every seat and observer does.
    expect(broadcast(s, asFacilitator)).toEqual([line]);
    expect(broadcast(s, asSeat("US"))).toEqual([line]);
    expect(broadcast(s, asObserver)).toEqual([line]);
    useCatalog(zhCN, "zh-CN");
    try {
      useNames(viewNames(clientView(s, asFacilitator)));
      expect(broadcast(s, asFacilitator)[0]).toMatch(/^对.+的行动“We fund a recycling plant\.”作出裁决：.+。Approved\.$/);
    } finally {
      useCatalog(en, "en");
      useNames(viewNames(clientView(s, asFacilitator)));
    }
  });
  it("tells the room (an observer, the projector) of every ruling, with the facilitator's note, once", () => {
    let s = negotiation();
    s = step(s, { actor: seat("JP"), move: { type: "matrix", text: composeMatrix(parts) } });
    const before = s;
    s = step(s, { actor: fac, move: { type: "rule-matrix", matrixId: "M1", ruling: "roll", odds: 0.6, effects: [], note: "Tokyo moves fast." } });
    const room = (state: typeof s) => clientView(state, asObserver);
    useNames(viewNames(room(s)));
    expect(freshRulings(room(before), room(s))).toEqual([expect.stringMatching(/^The facilitator has ruled on M1, a free-form action by Japan: (succeeded|failed) on a roll \(chance 60%\)\.\nRuling: Tokyo moves fast\.$/)]);
    expect(freshRulings(room(s), room(s))).toEqual([]);
    expect(freshRulings(undefined, room(s))).toEqual([]);
  });
});

describe("the console's god view", () => {
  it("one row per seat: holders and connection, offers waiting on it, messages and unread, metrics", () => {
    const view = clientView(negotiation(), asFacilitator);
    const rows = seatOverview(view, { plenary: 0 });
    expect(rows.map((r) => r.id)).toEqual(view.seats.map((s) => s.id));
    const us = rows.find((r) => r.id === "US")!;
    expect(us.holders.map((h) => h.name)).toEqual(["Ana"]);
    const game = { phase: view.phase, bots: true };
    expect(seatState(us, game)).toBe("online");
    expect(seatState(rows.find((r) => r.id === "CN")!, game)).toBe("bot");
    // In the waiting room, a seat nobody holds is one a bot takes at the start, with bots on; nobody's without.
    const empty = { bot: false, people: 0, connected: 0 };
    expect(seatState(empty, { phase: "lobby", bots: true })).toBe("botWill");
    expect(seatState(empty, { phase: "lobby", bots: false })).toBe("empty");
    expect(seatState(empty, { phase: "negotiation", bots: true })).toBe("empty");
    expect(us.waitingOnSeat.map((a) => a.id)).toEqual(["A2"]); // the Dutch regime names the US
    expect(rows.find((r) => r.id === "NL")!.proposedBySeat.map((a) => a.id)).toEqual(["A2"]);
    // The facilitator reads private channels only by setting: here they are private, so nothing counts.
    expect(us.messages.total).toBe(0);
    expect(Object.keys(us.metrics)).toEqual(["prosperity", "security", "influence", "trust", "support"]);
  });

  it("ticks a seat done as the server judged it, so the ticks always add up to the \"seats done\" count", () => {
    let s = negotiation();
    const bots = ["CN", "JP", "NL"];
    const check = (view: ClientView, expected: string[]) => {
      const ticked = seatOverview(view, {}).filter((r) => r.ready).map((r) => r.id).sort();
      expect(ticked).toEqual(expected);
      expect(seatsDone(view.seats).count).toBe(ticked.length);
    };
    // No bot has said it is done; those nothing waits on (China, the Netherlands) are done all the same. A2 waits on Japan.
    check(clientView(s, asFacilitator, { seats: seatsOf(s, bots) }), ["CN", "NL"]);
    s = step(s, { actor: seat("JP"), move: { type: "sign", agreementId: "A2", revision: 1 } });
    check(clientView(s, asFacilitator, { seats: seatsOf(s, bots) }), ["CN", "JP", "NL"]);
    // In the review every bot is done (it reads no card); a person once they say so.
    check(clientView(review(), asFacilitator, { seats: seatsOf(review(), bots) }), ["CN", "JP", "NL"]);
  });

  it("counts a seat's messages, this round's, and the unread ones against the read marks", () => {
    let s = negotiation();
    s = step(s, { actor: fac, move: { type: "set-comms", facilitatorReadsPrivate: true } });
    // Lines written before the facilitator could read them stay unread to them (shared/engine/views.ts `facilitatorReadsLine`): one written since.
    s = step(s, { actor: seat("US"), move: { type: "chat", channel: "ch:JP+US", text: "Still on?" } });
    s = step(s, { actor: seat("US"), move: { type: "chat", channel: "plenary", text: "Hello all." } });
    const view = clientView(s, asFacilitator);
    const us = seatOverview(view, { "ch:JP+US": s.messages.find((m) => m.text === "Still on?")!.id }).find((r) => r.id === "US")!;
    expect(us.messages).toEqual({ total: 2, round: 2, unread: 1 });
  });

  it("this round's change of a metric comes from the round's explained changes (an inject shows at once)", () => {
    let s = negotiation();
    s = step(s, { actor: fac, move: { type: "custom-event", title: "Fire", text: "A fab burns.", effects: [{ kind: "metric", target: "JP", metric: "trust", amount: -5 }] } });
    const jp = seatOverview(clientView(s, asFacilitator), {}).find((r) => r.id === "JP")!;
    expect(jp.metrics.trust.delta).toBe(-5);
    expect(jp.metrics.prosperity.delta).toBeNull();
  });

  it("the last action from the view, then what the activity log sees happen with its time", () => {
    const view = clientView(negotiation(), asFacilitator);
    const last = lastFromView(view);
    expect(last.JP?.text).toBe("signed A1");
    expect(last.NL?.text).toBe("proposed A2");
    const log = new ActivityLog();
    expect(log.observe(view, 1000)).toEqual([]);
    expect(log.last("JP")?.text).toBe("signed A1");
    let s = negotiation();
    s = step(s, { actor: seat("US"), move: { type: "sign", agreementId: "A2", revision: 1 } });
    s = step(s, { actor: seat("JP"), move: { type: "ready", ready: true } });
    s = step(s, { actor: seat("IN"), move: { type: "matrix", text: "We host a standards summit in Delhi." } });
    const fresh = log.observe(clientView(s, asFacilitator), 2000);
    expect(fresh.map((a) => [a.seat, a.text, a.at])).toEqual([
      ["US", "signed A2", 2000],
      ["IN", "submitted free-form action M1", 2000],
      ["JP", "is done negotiating", 2000],
    ]);
    expect(log.history("JP").map((a) => a.text)).toEqual(["is done negotiating", "signed A1"]);
  });

  it("names what a seat is done with by the phase: the event, the negotiation or the review", () => {
    const s = review();
    const log = new ActivityLog();
    log.observe(clientView(s, asFacilitator), 1000);
    const done = step(s, { actor: seat("JP"), move: { type: "ready", ready: true } });
    expect(log.observe(clientView(done, asFacilitator), 2000).map((a) => [a.seat, a.text])).toEqual([["JP", "has read the review"]]);
  });

  it("steps of earlier rounds that arrive later (fetched by a facilitator who joined late) are not new activity", () => {
    const s = negotiation();
    const full = clientView(s, asFacilitator);
    // As a late joiner's first view would hold A1: without its steps of earlier rounds (none in round 1: pretend round 2).
    const later = { ...full, round: full.round + 1 };
    const trimmed = { ...later, agreements: later.agreements.map((a) => ({ ...a, steps: [] })) };
    const log = new ActivityLog();
    expect(log.observe(trimmed, 1000)).toEqual([]);
    expect(log.observe(later, 2000)).toEqual([]);
    const step2 = { round: later.round, phase: "negotiation" as const, what: "signed" as const, by: "US", revision: 1 };
    const fresh = log.observe({ ...later, agreements: later.agreements.map((a) => (a.id === "A2" ? { ...a, steps: [...a.steps, step2] } : a)) }, 3000);
    expect(fresh.map((a) => [a.seat, a.text])).toEqual([["US", "signed A2"]]);
  });

  it("a console reloaded mid-game shows each seat's latest action with the time it was taken (the game's record), not the time the page loaded", () => {
    // Round 1 of the scripted game, then round 2's negotiation: each action stored a minute after the one before.
    const g = scriptedGame({ noise: false, stopAfterRound: 1 });
    g.advance();
    g.advance();
    g.act(SEAT("US"), { type: "chat", channel: "plenary", text: "Round two: an AI pilot, anyone?" });
    const rnd = g.propose("US", { terms: { type: "rnd", sector: "ai", contribution: 1 }, parties: ["US", "JP"], duration: 1 });
    g.sign("JP", rnd);
    const T0 = Date.UTC(2026, 11, 6, 20, 0);
    const times = g.log.map((_, i) => T0 + i * 60_000);
    const when = (seat: string, type: string) => times[g.log.findLastIndex((a) => a.actor.kind === "seat" && a.actor.seat === seat && a.move.type === type)];
    const feed = { timeline: analyze(g.setup, g.log.map((action, i) => ({ action, at: times[i]! }))).timeline, actions: g.log, times };
    // The reloaded page's views: deals that ended have left the room state; the first view lacks
    // the round's private deal, which a later patch brings.
    const full = clientView(g.state, asFacilitator);
    const reloaded = { ...full, agreements: full.agreements.filter((a) => !ENDED_STATUSES.has(a.status)) };
    const first = { ...reloaded, agreements: reloaded.agreements.filter((a) => a.id !== rnd) };
    const loadedAt = T0 + 3 * 3600_000;
    const log = new ActivityLog();
    log.observe(first, loadedAt);
    log.record(recordedActivity(full, feed));
    // What the record told of is not new when the room state brings it late.
    expect(log.observe(reloaded, loadedAt + 1000)).toEqual([]);
    const last = (seat: string) => [log.last(seat)?.text, log.last(seat)?.at];
    expect(last("US")).toEqual([`proposed ${rnd}`, when("US", "propose")]);
    expect(last("JP")).toEqual([`signed ${rnd}`, when("JP", "sign")]);
    // India's offer was declined in round 1 and left the room state; Indonesia declined it, then sent a free-form action.
    expect(last("IN")).toEqual(["proposed A2", when("IN", "propose")]);
    expect(last("ID")).toEqual(["submitted free-form action M1", when("ID", "matrix")]);
    expect(last("NL")).toEqual(["signed A1", when("NL", "sign")]);
    expect(log.history("US").map((a) => a.text)).toEqual([`proposed ${rnd}`, "wrote in Plenary (everyone)", "wrote in Japan and United States", "signed A1", "proposed A1"]);
    // What happens after the page loaded has the time it was seen.
    const later = step(g.state, { actor: SEAT("NL"), move: { type: "chat", channel: "plenary", text: "We are out of the regime talks." } });
    const next = clientView(later, asFacilitator);
    const fresh = log.observe({ ...next, agreements: next.agreements.filter((a) => !ENDED_STATUSES.has(a.status)) }, loadedAt + 5000);
    expect(fresh.map((a) => [a.seat, a.text, a.at])).toEqual([["NL", "wrote in Plenary (everyone)", loadedAt + 5000]]);
    expect(last("NL")).toEqual(["wrote in Plenary (everyone)", loadedAt + 5000]);
  });

  it("a console reloaded after a ruling tells a line the room state brings late only once: the record numbers lines as the engine does, the ruling's line counted", () => {
    const g = scriptedGame({ noise: false, stopAfterRound: 1 });
    const times = g.log.map((_, i) => Date.UTC(2026, 11, 7, 9, 0) + i * 60_000);
    const feed = { timeline: analyze(g.setup, g.log.map((action, i) => ({ action, at: times[i]! }))).timeline, actions: g.log, times };
    const full = clientView(g.state, asFacilitator);
    const lastLine = Math.max(...full.messages.filter((m) => m.from.seat).map((m) => m.id));
    expect(full.messages.some((m) => m.id < lastLine && !m.from.seat && m.said)).toBe(true); // the ruling's line, before it
    const log = new ActivityLog();
    log.observe({ ...full, messages: full.messages.filter((m) => m.id < lastLine) }, 1000);
    log.record(recordedActivity(full, feed));
    expect(log.observe(full, 2000)).toEqual([]);
  });

  it("a seat's offers for the drill-down", () => {
    const o = seatOffers(clientView(negotiation(), asFacilitator), "JP");
    expect(o.waiting.map((a) => a.id)).toEqual(["A2"]);
    expect(o.live.map((a) => a.id)).toEqual(["A1"]);
  });

  it("the round timeline: played, scheduled, where we are", () => {
    let s = negotiation();
    s = step(s, { actor: fac, move: { type: "custom-event", title: "Later card", text: "Comes later.", effects: [], round: 3 } });
    const tl = roundTimeline(clientView(s, asFacilitator));
    expect(tl.map((r) => r.state)).toEqual(["current", "future", "future", "future"]);
    expect(tl[0]!.phase).toBe("negotiation");
    expect(tl[0]!.events.length).toBe(1);
    expect(tl[2]!.scheduled).toEqual([{ title: "Later card", custom: true }]);
    const after = roundTimeline(clientView(review(), asFacilitator));
    expect(after[0]!.tookForce).toBe(2);
    expect(phaseSteps("negotiation").map((p) => p.state)).toEqual(["done", "now", "next"]);
    expect(phaseSteps("ended").every((p) => p.state === "done")).toBe(true);
  });

  it("the round timeline of a round with no card lists no event phase: the round opened with the negotiation (docs/RULES.md §2)", () => {
    // The classroom game set to six rounds: its deck's years run out after its own four.
    let s = createGame({ scenario, settings: { seed: "client-tests", rounds: scenario.rounds + 2, edition: CURRENT_EDITION } });
    s = step(s, { actor: fac, move: { type: "start" } });
    while (s.round <= scenario.rounds) s = step(s, { actor: { kind: "system" }, move: { type: "advance" } });
    const now = roundTimeline(clientView(s, asFacilitator)).find((r) => r.state === "current")!;
    expect([now.round, now.phase, now.events]).toEqual([scenario.rounds + 1, "negotiation", []]);
    const opened = [
      { phase: "negotiation", state: "now" },
      { phase: "review", state: "next" },
    ];
    expect(now.steps).toEqual(opened);
    const before = roundTimeline(clientView(s, asFacilitator)).find((r) => r.round === scenario.rounds)!;
    expect(before.events).toHaveLength(1);
    // A card the facilitator plays during that negotiation is the round's, but no event phase happened for it.
    s = step(s, { actor: fac, move: { type: "custom-event", title: "Late news", text: "Played mid-round.", effects: [] } });
    const played = roundTimeline(clientView(s, asFacilitator)).find((r) => r.state === "current")!;
    expect([played.phase, played.events]).toEqual(["negotiation", [{ title: "Late news", custom: true }]]);
    expect(played.steps).toEqual(opened);
    // A round that opened with its card (one scheduled for it) keeps its event phase, done.
    s = step(s, { actor: fac, move: { type: "custom-event", title: "Opening card", text: "Scheduled.", effects: [], round: scenario.rounds + 2 } });
    while (s.round === scenario.rounds + 1) s = step(s, { actor: { kind: "system" }, move: { type: "advance" } });
    expect(s.phase).toBe("event");
    s = step(s, { actor: { kind: "system" }, move: { type: "advance" } });
    const next = roundTimeline(clientView(s, asFacilitator)).find((r) => r.state === "current")!;
    expect([next.round, next.phase]).toEqual([scenario.rounds + 2, "negotiation"]);
    expect(next.steps?.map((p) => p.phase)).toEqual(["event", "negotiation", "review"]);
  });

  it("the round timeline of a game made before cardless rounds opened with the negotiation lists the empty event phase it played (shared/engine/apply.ts beginRound)", () => {
    let s = createGame({ scenario, settings: { seed: "client-tests", rounds: scenario.rounds + 1, edition: VERSION_CARDLESS_ROUNDS - 1 } });
    s = step(s, { actor: fac, move: { type: "start" } });
    while (s.round <= scenario.rounds) s = step(s, { actor: { kind: "system" }, move: { type: "advance" } });
    // The round with no card opens with an event phase with nothing to read, as that edition played it.
    expect([s.phase, s.events.filter((e) => e.round === s.round)]).toEqual(["event", []]);
    s = step(s, { actor: { kind: "system" }, move: { type: "advance" } });
    const now = roundTimeline(clientView(s, asFacilitator)).find((r) => r.state === "current")!;
    expect([now.round, now.phase]).toEqual([scenario.rounds + 1, "negotiation"]);
    expect(now.steps).toEqual([
      { phase: "event", state: "done" },
      { phase: "negotiation", state: "now" },
      { phase: "review", state: "next" },
    ]);
  });

  it("says what a change of communication rules will announce, and nothing when nothing changes", () => {
    const view = clientView(negotiation(), asFacilitator);
    expect(commsAnnouncement(view, { channels: "open", facilitatorReadsPrivate: false })).toBeUndefined();
    expect(commsAnnouncement(view, { channels: "same-bloc", facilitatorReadsPrivate: true })).toBe(`${t("console.comms.says.same-bloc")} ${t("console.comms.says.readOn")}`);
  });
});

function record(code: string, g: ReturnType<typeof scriptedGame>): GameRecord {
  return { code, scenario: g.setup.scenario, settings: SETTINGS, seed: String(g.setup.settings.seed), keyHash: "x", createdAt: code.charCodeAt(0), finishedAt: g.state.phase === "ended" ? 2 : null };
}
const analysisOf = (g: ReturnType<typeof scriptedGame>) => analyze(g.setup, g.log.map((action: Action, i: number) => ({ action, at: i })));

describe("comparison", () => {
  const a = scriptedGame({ seed: 1, noise: false });
  const b = scriptedGame({ seed: 2, noise: false, stopAfterRound: 2 });
  const ra = record("AAAAAA", a);
  const rb = record("CCCCCC", b);
  const reportA = buildReport(ra, analysisOf(a), "facilitator");
  const reportB = buildReport(rb, analysisOf(b), "facilitator");

  it("the summary the client makes from a facilitator's report equals the server's", () => {
    expect(summaryFromReport(reportA)).toEqual(compareSummary(ra, analysisOf(a)));
    expect(summaryFromReport(reportB)).toEqual(compareSummary(rb, analysisOf(b)));
  });

  it("rows, scores across games, and a metric by round padded to the longest game", () => {
    const made = compareFromReports([reportA, reportB]);
    expect(made.ok).toBe(true);
    if (!made.ok) return;
    const reply = made.value;
    // The debrief questions the page shows, as the report lists them (a server's comparison carries them too).
    expect(reply.scenario.debrief).toEqual(reportA.debrief);
    expect(reply.scenario.debrief.length).toBeGreaterThan(0);
    const rows = gameRows(reply);
    expect(rows.map((r) => [r.code, r.status, r.rounds])).toEqual([
      ["AAAAAA", "finished", "4 of 4 resolved"],
      ["CCCCCC", "running", "2 of 4 resolved"],
    ]);
    // Agreements reached (signed, whatever became of them since); every offer counted beside them.
    expect(rows[0]!.agreements).toBe(reportA.agreements.filter((x) => ["signed", "in-force", "kept", "broken", "defaulted"].includes(x.fate)).length);
    expect(rows[0]!.offers).toBe(reportA.agreements.length);
    const scores = scoresAcross(reply);
    expect(scores.every((s) => s.cells.length === 2)).toBe(true);
    expect(scores.find((s) => s.country === "US")!.cells[0]!.total).toBe(reportA.scores.find((s) => s.country === "US")!.total);
    // Ranked among the seats, as the scoreboard ranks: an automated partner has its total and no rank.
    const seats = reply.countries.filter((c) => c.control === "seat").map((c) => c.id);
    const partners = scores.filter((s) => !seats.includes(s.country));
    expect(partners.length).toBeGreaterThan(0);
    expect(partners.every((s) => s.cells[0]!.total !== undefined && s.cells[0]!.rank === undefined)).toBe(true);
    expect(scores.filter((s) => seats.includes(s.country)).map((s) => s.cells[0]!.rank).sort()).toEqual(seats.map((_, i) => i + 1).sort());
    const series = seriesAcross(reply, { scope: "table", metric: "tension" });
    expect(series.labels).toEqual(reportA.series.rounds.map((r) => (r === 0 ? "Start" : `Round ${r}`)));
    expect(series.lines[1]!.values.slice(3)).toEqual([null, null]);
    expect(series.lines[0]!.values).toEqual(reportA.series.table.tension);
    // Two games with the same numbers in every round are one line on the chart: the page names them.
    expect(sameLines(series.lines)).toEqual([]);
    const twice = seriesAcross({ ...reply, games: [reply.games[0]!, { ...reply.games[0]!, code: "DDDDDD" }, reply.games[1]!] }, { scope: "table", metric: "tension" });
    expect(sameLines(twice.lines)).toEqual([["AAAAAA", "DDDDDD"]]);
    const choices = seriesChoices(reply);
    expect(choices.slice(0, 4).map(choiceKey)).toEqual(["table:cohesion", "table:resilience", "table:divide", "table:tension"]);
    expect(choiceFromKey("US:trust")).toEqual({ scope: "country", country: "US", metric: "trust" });
  });

  it("a table the facilitator ended during round 2 shows how far it got as its report says it: 1 of 4 resolved, ended in round 2 (not \"1\")", () => {
    const c = scriptedGame({ seed: 3, noise: false, stopAfterRound: 1 });
    c.advance();
    c.advance();
    c.act(FACILITATOR, { type: "end-game" });
    const rc = record("EEEEEE", c);
    const report = buildReport(rc, analysisOf(c), "facilitator");
    expect(report.game).toMatchObject({ status: "finished", round: 2, roundsPlayed: 1, unresolvedRound: 2 });
    // The server's comparison and the one made from reports agree.
    const server = compareReply(c.setup.scenario, [compareSummary(rc, analysisOf(c))]);
    const made = compareFromReports([report]);
    if (!made.ok) throw new Error(made.message);
    expect(made.value.games).toEqual(server.games);
    expect(gameRows(server).map((r) => [r.rounds, r.endedIn])).toEqual([["1 of 4 resolved", "ended in round 2"]]);
    useCatalog(zhCN, "zh-CN");
    try {
      expect(gameRows(server).map((r) => [r.rounds, r.endedIn])).toEqual([["已结算 1/4 轮", "第 2 轮结算前结束"]]);
    } finally {
      useCatalog(en, "en");
    }
  });

  it("counts the agreements a table reached, not every offer made (one student sending 41 offers nobody signed), on the page and in the class's comparison CSV, in English and Chinese", async () => {
    const made = compareFromReports([reportA]);
    if (!made.ok) throw new Error(made.message);
    const game = made.value.games[0]!;
    // 43 offers: 2 agreements reached (one still in force, one kept), 41 declined, lapsed or still open.
    const byFate = { open: 3, signed: 0, "in-force": 1, kept: 1, broken: 0, defaulted: 0, declined: 30, lapsed: 8 };
    const spam = { ...game, agreements: { ...game.agreements, total: 43, byFate } };
    const [row] = gameRows({ ...made.value, games: [spam] });
    expect([row!.agreements, row!.offers]).toEqual([2, 43]);
    const countries = made.value.countries;
    const [head, line] = comparisonRows([spam], countries, englishWords());
    const at = head!.indexOf("agreements reached");
    expect([head![at], head![at + 1], line![at], line![at + 1]]).toEqual(["agreements reached", "offers made", "2", "43"]);
    const [zhHead, zhLine] = comparisonRows([spam], countries, await wordsFor("zh-CN"));
    expect([zhHead![at], zhHead![at + 1], zhLine![at], zhLine![at + 1]]).toEqual(["达成的协议", "提出的提议", "2", "43"]);
  });

  it("the class's comparison CSV counts the rounds a table resolved and says so, as the comparison page does: a round under way or ended before it resolved is not counted", async () => {
    const made = compareFromReports([reportA]);
    if (!made.ok) throw new Error(made.message);
    // A table in its third round, or ended by its facilitator there: two rounds resolved.
    const game = { ...made.value.games[0]!, status: "finished" as const, roundsPlayed: 2, unresolvedRound: 3 };
    const [head, line] = comparisonRows([game], made.value.countries, englishWords());
    expect([head![3], line![3]]).toEqual(["rounds resolved", "2"]);
    expect((await wordsFor("zh-CN")).t("comparison.col.roundsResolved")).toBe("已结算轮数");
    expect(gameRows({ ...made.value, games: [game] })[0]!.rounds).toBe(`2 of ${game.rounds} resolved`);
  });

  it("the class's comparison CSV says what each agreement column counts, as the comparison page does: kept to the end, signed or in force, broken or defaulted", async () => {
    const made = compareFromReports([reportA]);
    if (!made.ok) throw new Error(made.message);
    const game = made.value.games[0]!;
    // 9 agreements reached: 1 kept to its end, 2 still in force and 1 signed (not yet in force), 3 broken and 2 defaulted.
    const byFate = { open: 0, signed: 1, "in-force": 2, kept: 1, broken: 3, defaulted: 2, declined: 0, lapsed: 0 };
    const mixed = { ...game, agreements: { ...game.agreements, total: 9, byFate } };
    const [row] = gameRows({ ...made.value, games: [mixed] });
    expect([row!.agreements, row!.kept, row!.inForce, row!.broken]).toEqual([9, 1, 3, 5]);
    const [head, line] = comparisonRows([mixed], made.value.countries, englishWords());
    const at = head!.indexOf("agreements reached");
    expect(head!.slice(at)).toEqual(["agreements reached", "offers made", "kept to the end", "signed or in force", "broken or defaulted"]);
    // The same counts as the page's row, and the three add up to the agreements reached.
    expect(line!.slice(at)).toEqual(["9", "9", "1", "3", "5"]);
    const [zhHead] = comparisonRows([mixed], made.value.countries, await wordsFor("zh-CN"));
    expect(zhHead!.slice(at + 2)).toEqual(["已履行至期满", "已签署或生效中", "已毁约或违约"]);
    // The page's headings say the same.
    expect([t("compare.col.kept"), t("compare.col.inForce"), t("compare.col.broken")]).toEqual(["Kept to the end", "Signed or in force", "Broken or defaulted"]);
  });

  it("a class's tables are named as the class names them, with the way back to its console; the report names its table", () => {
    const table = (r: GameRecord, n: number): GameRecord => ({ ...r, classTable: { code: "KLASS7", table: n } });
    const [ta, tb] = [table(ra, 1), table(rb, 2)];
    const reports = [buildReport(ta, analysisOf(a), "facilitator"), buildReport(tb, analysisOf(b), "facilitator")];
    expect(summaryFromReport(reports[1]!)).toEqual(compareSummary(tb, analysisOf(b)));
    const made = compareFromReports(reports);
    if (!made.ok) throw new Error(made.message);
    expect(gameRows(made.value).map((r) => [r.code, r.name])).toEqual([["AAAAAA", "Table 1"], ["CCCCCC", "Table 2"]]);
    expect(seriesAcross(made.value, { scope: "table", metric: "tension" }).lines.map((l) => l.name)).toEqual(["Table 1", "Table 2"]);
    expect(classOf(made.value)).toBe("KLASS7");
    // Games of no class (or of two classes) are named by their codes, with no class to go back to.
    const plain = compareFromReports([reportA, reports[1]!]);
    if (!plain.ok) throw new Error(plain.message);
    expect(gameRows(plain.value).map((r) => r.name)).toEqual(["AAAAAA", "Table 2"]);
    expect(classOf(plain.value)).toBeUndefined();
    // The report names the table; a share link's (public) report does not carry the class's code.
    expect(renderReportHtml(reports[0]!, englishWords())).toContain("Table 1 ·\u00a0<code>AAAAAA</code>");
    expect(buildReport(ta, analysisOf(a), "public").game.classTable).toEqual({ table: 1 });
  });

  it("refuses games of different scenarios", () => {
    const other = { ...reportB, game: { ...reportB.game, scenario: { ...reportB.game.scenario, id: "alliance-2021", title: "Alliance" } } };
    const r = compareFromReports([reportA, other]);
    expect(r.ok ? "" : r.message).toContain("compare games of one scenario");
  });
});

describe("replay frames", () => {
  const g = scriptedGame({ seed: 3, noise: false });
  const frames = replayFrames("AAAAAA", analysisOf(g), "facilitator").frames;

  it("steps within the frames, by keys too", () => {
    expect(clampFrame(-3, frames)).toBe(0);
    expect(clampFrame(99, frames)).toBe(frames.length - 1);
    expect(stepKey("ArrowRight", 0, frames.length)).toBe(1);
    expect(stepKey("ArrowLeft", 0, frames.length)).toBe(0);
    expect(stepKey("End", 0, frames.length)).toBe(frames.length - 1);
    expect(stepKey("x", 0, frames.length)).toBeNull();
  });

  it("the round-1 frame shows its inject, its ruling, its deals and the table's change", () => {
    const i = frames.findIndex((f) => f.round === 1);
    const s = frameSummary(frames, i)!;
    expect(s.events.some((e) => e.custom && e.title === "Port strike")).toBe(true);
    expect(s.rulings.map((m) => m.note)).toEqual(["A warm summit."]);
    expect(s.tookForce.length).toBeGreaterThan(0);
    expect(s.table.find((x) => x.key === "tension")!.delta).not.toBeNull();
    expect(frameSummary(frames, 0)!.events).toEqual([]);
    expect(frameSummary(frames, 0)!.table.every((x) => x.delta === null)).toBe(true);
  });

  it("lists each deal once: a one-round deal that took force and expired at the same resolution is among those that ended, saying it took force; a deal two parties left, by the step that ended it", () => {
    const i = frames.findIndex((f) => f.round === 2);
    const s = frameSummary(frames, i)!;
    // The one-round R&D pilot of round 2 (tests/debrief/fixtures.ts).
    const pilot = s.ended.find((x) => x.agreement.terms.type === "rnd")!;
    useNames(viewNames(frames[i]!.view));
    expect(pilot).toMatchObject({ step: { what: "expired" }, tookForce: true });
    expect(s.tookForce.map((a) => a.id)).not.toContain(pilot.agreement.id);
    expect(endedText(pilot)).toBe("took force, then expired");
    useCatalog(zhCN, "zh-CN");
    try {
      expect(endedText(pilot)).toBe("生效后已到期");
    } finally {
      useCatalog(en, "en");
    }
    // The regime the Netherlands left and the others kept until Japan left too: once, broken by Japan.
    const regime = s.ended.filter((x) => x.step.what === "withdrawn");
    expect(regime).toHaveLength(1);
    expect(regime[0]!.tookForce).toBe(false);
    expect(endedText(regime[0]!)).toBe("withdrawn by Japan");
    useNames(null);
    for (const f of frames.keys()) {
      const x = frameSummary(frames, f)!;
      const ids = [...x.tookForce.map((a) => a.id), ...x.ended.map((e) => e.agreement.id)];
      expect(new Set(ids).size, `frame ${f}`).toBe(ids.length);
    }
  });

  it("the last frame reads as the end of the game once, with its round", () => {
    const last = frames[frames.length - 1]!;
    expect(last.kind).toBe("ended");
    expect(render(last.label)).toBe(`Game over (round ${last.round})`);
  });

  it("a what-if from a frame starts at the next round, not after the last", () => {
    expect(forkRoundFor(frames, 0)).toBe(1);
    expect(forkRoundFor(frames, frames.findIndex((f) => f.round === 2))).toBe(3);
    expect(forkRoundFor(frames, frames.length - 1)).toBeUndefined();
    const v = frameClientView("AAAAAA", frames[0]!.view);
    expect([v.code, v.seats, v.deadline]).toEqual(["AAAAAA", [], 0]);
  });
});

describe("the archive", () => {
  const entry = (code: string, patch: Partial<ArchiveEntry> = {}): ArchiveEntry => ({
    code,
    scenario: { id: "classroom-quick", title: "Classroom" },
    status: "finished",
    phase: "ended",
    round: 4,
    rounds: 4,
    roundsPlayed: 4,
    crisis: false,
    createdAt: 1,
    finishedAt: 2,
    actions: 10,
    outcome: { met: true, targetsMet: 3, targets: 3 },
    links: { report: "", html: "", csv: "", log: "", replay: "" },
    expiresAt: 0,
    ...patch,
  });

  it("merges the games of several keys once each, newest first, grouped by scenario", () => {
    const merged = mergeArchives([
      { key: "k1", games: [entry("AAAAAA", { createdAt: 5 }), entry("CCCCCC", { createdAt: 9 })] },
      { key: "k2", games: [entry("AAAAAA", { createdAt: 5 }), entry("DDDDDD", { createdAt: 7, scenario: { id: "alliance-2021", title: "Alliance" } })] },
    ]);
    expect(merged.map((e) => [e.code, e.key])).toEqual([
      ["CCCCCC", "k1"],
      ["DDDDDD", "k2"],
      ["AAAAAA", "k1"],
    ]);
    expect(byScenario(merged).map((g) => [g.id, g.games.length])).toEqual([
      ["classroom-quick", 2],
      ["alliance-2021", 1],
    ]);
    expect(distinctKeys([{ code: "A", key: "k1" }, { code: "B", key: "k1" }, { code: "C", key: "k2" }])).toEqual(["k1", "k2"]);
  });

  it("says why a selection cannot be compared", () => {
    const es = mergeArchives([{ key: "k", games: [entry("AAAAAA"), entry("CCCCCC"), entry("DDDDDD", { scenario: { id: "x", title: "X" } }), entry("EEEEEE", { status: "lobby", outcome: null })] }]);
    expect(compareCheck(es, ["AAAAAA"])).toEqual({ ok: false, reason: t("archive.compare.pick", { min: 2 }) });
    expect(compareCheck(es, ["AAAAAA", "DDDDDD"])).toEqual({ ok: false, reason: t("archive.compare.scenarios") });
    expect(compareCheck(es, ["AAAAAA", "EEEEEE"])).toEqual({ ok: false, reason: t("archive.compare.lobby") });
    expect(compareCheck(es, ["AAAAAA", "CCCCCC"])).toEqual({ ok: true });
    expect(commonKey((c) => ({ AAAAAA: "k", CCCCCC: "k" })[c], ["AAAAAA", "CCCCCC"])).toBe("k");
    expect(commonKey((c) => ({ AAAAAA: "k", CCCCCC: "j" })[c], ["AAAAAA", "CCCCCC"])).toBeUndefined();
  });

  it("status and outcome in words; live share links first", () => {
    expect(entryStatus(entry("A"))).toBe("Finished after 4 of 4 rounds");
    expect(entryStatus(entry("A", { status: "running", round: 2 }))).toBe("Round 2 of 4, running");
    expect(entryStatus(entry("A", { rounds: 1, roundsPlayed: 0 }))).toBe("Finished after 0 of 1 round");
    expect(entryOutcome(entry("A"))).toBe("Met (3/3)");
    expect(entryOutcome(entry("A", { status: "running", outcome: { met: false, targetsMet: 1, targets: 3 } }))).toBe("1/3 so far");
    expect(entryOutcome(entry("A", { status: "lobby", outcome: null }))).toBe("—");
    expect(shareRows([{ id: "a", createdAt: 1, revokedAt: 5, privateChat: false }, { id: "b", createdAt: 2, revokedAt: null, privateChat: true }]).map((s) => [s.id, s.live])).toEqual([
      ["b", true],
      ["a", false],
    ]);
  });

  it("finds every facilitator key this browser keeps, and keys typed in", () => {
    const m = new Map<string, string>([
      ["chokepoint:game:HQ4M9C", JSON.stringify({ facilitator: { key: "key-one-123" } })],
      ["chokepoint:game:KX7TPA", JSON.stringify({ player: { name: "Ana" } })],
      ["chokepoint:game:AAAAAA", "{broken"],
      ["other", "x"],
    ]);
    const storage = { get length() { return m.size; }, key: (i: number) => [...m.keys()][i] ?? null, getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v) };
    expect(rememberedKeys(storage)).toEqual([{ code: "HQ4M9C", key: "key-one-123" }]);
    addExtraKey(storage, "typed-key-1");
    addExtraKey(storage, "typed-key-1");
    expect(extraKeys(storage)).toEqual(["typed-key-1"]);
    removeExtraKey(storage, "typed-key-1");
    expect(extraKeys(storage)).toEqual([]);
  });
});

describe("page routes", () => {
  it.each([
    ["/archive", { kind: "archive" }],
    ["/HQ4M9C/replay", { kind: "replay", code: "HQ4M9C" }],
    ["/compare/HQ4M9C+kx6tpa", { kind: "compare", codes: ["HQ4M9C", "KX6TPA"] }],
    ["/compare/HQ4M9C,HQ4M9C,nonsense", { kind: "compare", codes: ["HQ4M9C"] }],
    ["/compare/", { kind: "archive" }],
  ] as const)("%s", (path, route) => {
    expect(parseRoute(path)).toEqual(route);
    if (route.kind !== "compare" || route.codes.length > 1) expect(parseRoute(routePath(parseRoute(path)))).toEqual(route);
  });
});
