/** Sentences a QA walkthrough read twice over: a bot's view of its terms, and a signing's news once its round resolved. */
import { afterEach, describe, expect, it } from "vitest";
import { en } from "../../client/i18n/en.ts";
import { render, useCatalog, useNames } from "../../client/i18n/index.ts";
import { viewNames } from "../../client/model/names.ts";
import { NO_NAMES } from "../../client/i18n/translator.ts";
import { loadCatalog } from "../../client/i18n/languages.ts";
import { belowZeroNote, crisisText, debtNote, groupChanges, newsOf, newsText } from "../../client/model/review.ts";
import { namingDeals } from "../../client/model/deals.ts";
import { createGame, DraftSchema, ROLES } from "../../shared/engine/index.ts";
import { ref, text } from "../../shared/engine/text.ts";
import { asObserver, asSeat, clientView, negotiation, review, scenario, step } from "./fixtures.ts";

afterEach(() => useCatalog(en, "en"));

describe("a bot's view of the terms it would sign (What would it take?)", () => {
  // Every reason the answer carries (shared/bots: dealWith, askBotOn): each has a colon of its own.
  const why = text("bot.body.gains", { gains: text("bot.part.plus", { amount: 12, what: ref("metric", "influence", true) }) });
  const reasons = [
    text("bot.why.worth", { why }),
    text("bot.why.asIs", { why }),
    text("bot.why.then", { change: "2 → 3 rounds", why }),
  ];
  let who = "India";
  const view = (reason: ReturnType<typeof text>) => render(text("deals.ask.theirView", { who, reason }));

  it("reads with one colon, in English and in Chinese", async () => {
    for (const r of reasons) expect(view(r).match(/:/g)?.length ?? 0, view(r)).toBe(1);
    expect(view(reasons[0]!)).toBe("As India sees it, worth signing: brings us +12 influence");
    useCatalog(await loadCatalog("zh-CN"), "zh-CN");
    who = "印度";
    for (const r of reasons) expect(view(r).match(/：/g)?.length ?? 0, view(r)).toBe(1);
    expect(view(reasons[0]!)).toBe("在印度看来，“值得签署：带来 +12 国际影响力”");
  });
  it("quotes the bot in Chinese, as a deal card does (deals.said), so its 我方 (the bot) is not read as the reader's side", async () => {
    useCatalog(await loadCatalog("zh-CN"), "zh-CN");
    const secret = text("bot.body.gains", { gains: text("bot.part.secret.gain") });
    expect(render(text("deals.ask.theirView", { who: "印度", reason: text("bot.why.worth", { why: secret }) }))).toBe("在印度看来，“值得签署：带来我方一项目标的进展”");
  });
});

describe("a signing in the news", () => {
  it("takes force at resolution while its round is played; once the round resolved, the review says only that it was signed", async () => {
    const live = clientView(negotiation(), asSeat("US"));
    const signed = live.news.find((n) => n.text.key === "news.signed")!;
    expect(render(newsText(signed, live.recorded.includes(signed.round)))).toMatch(/It takes force at resolution\.$/);
    const after = clientView(review(), asSeat("US"));
    const news = newsOf(after, 1).filter((n) => n.kind === "agreement");
    expect(news.length).toBeGreaterThan(0);
    for (const n of news) expect(render(n.text)).not.toMatch(/takes force/);
    expect(render(news[0]!.text)).toMatch(/^Signed \(A\d\): .+\.$/);
    useCatalog(await loadCatalog("zh-CN"), "zh-CN");
    for (const n of news) expect(render(n.text)).not.toMatch(/结算时生效/);
  });
});

describe("capital below zero, explained where the player looks", () => {
  // docs/RULES.md, "Paying for deals": Indonesia (3 of capital, 3 a round) borrows 12 at 3% with no
  // grace over 3 rounds and repays 12.36 in round 3 with 12 on hand: it ends the game at −0.36.
  const seat = (id: string) => ({ kind: "seat" as const, seat: id, roles: ["diplomat" as const, "regulator" as const, "envoy" as const] });
  const ended = () => {
    let s = step(negotiation(), { actor: seat("ID"), move: { type: "propose", draft: { terms: { type: "loan", lenders: ["US"], recipient: "ID", project: "grid", amount: 12, interest: 3, grace: 0, conditions: [] }, parties: ["US", "ID"], duration: 3 } } });
    const id = s.agreements.at(-1)!.id;
    s = step(s, { actor: seat("US"), move: { type: "sign", agreementId: id, revision: 1 } });
    while (s.round < 3 || s.phase !== "review") s = step(s, { actor: { kind: "system" }, move: { type: "advance" } });
    return { s, id };
  };

  it("the review's capital row names the repayment that took it below zero and says what that means; the scoreboard says it scores nothing", async () => {
    const { s, id } = ended();
    const view = clientView(s, asSeat("ID"));
    useNames(viewNames(view));
    const row = groupChanges(view, 3).mine!.rows.find((r) => r.key === "capital")!;
    expect(row.to).toBe(-0.36);
    expect(belowZeroNote(row, "ID")).toBe(`Below zero: ${id}: loan repayment (−12.36) took more than Indonesia had. Nothing is fined and the deals go on paying, but capital below zero scores nothing at the end.`);
    // A row that stays at or above zero says nothing.
    expect(groupChanges(view, 2).mine!.rows.filter((r) => r.key === "capital").map((r) => belowZeroNote(r, "ID"))).toEqual([undefined]);
    expect(debtNote(view)).toBe("Capital below zero scores nothing: Indonesia −0.36.");
    expect(debtNote(clientView(review(), asSeat("ID")))).toBeUndefined();
    useCatalog(await loadCatalog("zh-CN"), "zh-CN");
    expect(belowZeroNote(row, "ID")).toContain(`${id}：偿还贷款（−12.36）`);
    expect(debtNote(view)).toContain("−0.36");
    useNames(NO_NAMES);
  });
});

describe("the end screen's crisis sentence", () => {
  it("names the peak tension the crisis check saw and the settled value the round's record shows", () => {
    const hot = structuredClone(scenario);
    hot.rules.tension.crisisAt = 100;
    hot.table.tension = 96;
    const party = (id: string) => ({ kind: "seat" as const, seat: id, roles: [...ROLES] });
    let s = createGame({ scenario: hot, settings: { seed: "client-tests" } });
    s = step(s, { actor: { kind: "facilitator" }, move: { type: "start" } });
    s = step(s, { actor: { kind: "system" }, move: { type: "advance" } });
    s = step(s, { actor: party("US"), move: { type: "propose", draft: DraftSchema.parse({ terms: { type: "export-control", sector: "semis", tier: "broad", target: "CN" }, parties: ["US", "NL", "JP"], duration: 3 }) } });
    for (const p of ["NL", "JP"]) s = step(s, { actor: party(p), move: { type: "sign", agreementId: "A1", revision: 1 } });
    s = step(s, { actor: { kind: "system" }, move: { type: "advance" } });
    const settled = s.history.at(-1)!.table.tension;
    expect([s.crisis, settled < 100]).toEqual([true, true]);
    const view = clientView(s, asSeat("US"));
    expect(crisisText(view)).toBe(`The game ended in a crisis: tension peaked at 100 during round 1's resolution, then settled at ${settled} as it cooled; the round's record shows ${settled}.`);
    // Before the round's record has come, no number rather than a wrong one.
    expect(crisisText({ ...view, history: [] })).toBe("The game ended in a crisis.");
  });
});

describe("the projector's review names each deal by its kind and parties, not by its code", () => {
  // A room never reads a deal card, so "A1: diversified supply" means nothing there (client/model/deals.ts namingDeals).
  const causes = (view: ReturnType<typeof clientView>, named: boolean) => {
    const g = groupChanges(view, 1, named);
    return [g.table, ...g.others].flatMap((x) => x.rows.flatMap((r) => r.causes.map((c) => render(c.label))));
  };

  it("in English and in Chinese; a player's own review keeps the codes its deal cards show", async () => {
    const view = clientView(review(), asObserver);
    useNames(viewNames(view));
    const coded = causes(view, false);
    expect(coded.filter((c) => /\bA[12]\b/.test(c)).length, coded.join("\n")).toBeGreaterThan(0);
    const named = causes(view, true);
    expect(named.filter((c) => /\bA\d+\b/.test(c)), named.join("\n")).toEqual([]);
    // The supply deal (Japan to the United States) and the regime of three, whose own text names its parties.
    expect(named).toContain("Supply-chain deal of Japan and the United States: diversified supply");
    expect(named.some((c) => c.includes("(export-control regime controls by the Netherlands, the United States and Japan)")), named.join("\n")).toBe(true);
    // A cause that says only the deal's kind is the deal's name alone, not the kind twice.
    const pact = { agreements: [{ id: "A7KM", type: "screening", parties: ["US", "JP", "NL", "DE", "FR"] }] } as unknown as Parameters<typeof namingDeals>[0];
    expect(render(namingDeals(pact, text("cause.deal.screeningPact", { id: "A7KM" })))).toBe("Investment screening pact of 5 countries");
    expect(render(namingDeals(pact, text("cause.deal.trustedInvestment", { id: "A7KM" })))).toBe("Investment screening pact of 5 countries: cheaper trusted investment");
    useCatalog(await loadCatalog("zh-CN"), "zh-CN");
    expect(render(namingDeals(pact, text("cause.deal.screeningPact", { id: "A7KM" })))).toBe("5 国的投资审查协定");
    const zh = causes(view, true);
    expect(zh.filter((c) => /\bA\d+\b/.test(c)), zh.join("\n")).toEqual([]);
    expect(zh.some((c) => c.includes("的供应链协议：")), zh.join("\n")).toBe(true);
    useNames(NO_NAMES);
  });
});
