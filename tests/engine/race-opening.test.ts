/**
 * A standards race's opening round (docs/RULES.md §4.6, "Opening round"): a scenario may open a
 * race after round 1; before it a coalition for the race is refused and no side sets its
 * standard. Alliance 2021's post-quantum cryptography race opens in round 2, so nobody can
 * settle it in round 1.
 */
import { describe, expect, it } from "vitest";
import { DraftSchema, type GameState } from "../../shared/engine/index.ts";
import { checkTerms, draftWorld } from "../../shared/engine/agreements/index.ts";
import { agree, negotiating, nextNegotiation, ok, quiet, refused, resolve, seat } from "./helpers.ts";
import { say } from "../helpers/words.ts";
import { zhCN } from "../../client/i18n/zh-CN.ts";
import { scenarioNames, translator } from "../../client/i18n/translator.ts";
import { negotiating as shippedNegotiating } from "../bots/helpers.ts";
import { botContext } from "../../shared/bots/context.ts";
import { decideBotAction } from "../../shared/bots/bot.ts";
import { mindOf } from "../../shared/bots/mind.ts";
import { candidates } from "../../shared/bots/proposals.ts";
import { objectiveSectors, withOffers } from "../../shared/bots/proposing.ts";
import { apply } from "../../shared/engine/apply.ts";

const opensIn2 = quiet((s) => (s.standards.find((t) => t.id === "6g")!.opens = 2));
const coalition = (parties: string[], option = "open-6g") => DraftSchema.parse({ terms: { type: "standards", technology: "6g", option }, parties, duration: 1 });

describe("a standards race with an opening round", () => {
  it("refuses a coalition for it before its opening round, saying when it opens, and takes one from that round on", () => {
    const s = negotiating(opensIn2);
    expect(s.round).toBe(1);
    const r = refused(s, seat("US"), { type: "propose", draft: coalition(["US", "JP"]) }, "rule/race_not_open");
    if (r.ok) return;
    expect(say(r.error.text, s.scenario)).toBe("The 6G networks race opens in round 2: no coalition for it before then.");
    expect(translator(zhCN, "zh-CN", scenarioNames(s.scenario)).render(r.error.text)).toMatch(/竞赛从第 2 轮开始：此前不能为其结成标准联盟/);
    // The deal form asks the same check of the same world: the player sees it by the field.
    expect(checkTerms(draftWorld(s), coalition(["US", "JP"]), "US")).toMatchObject({ code: "rule/race_not_open", field: "technology" });
    // The other race opens in round 1 as before.
    ok(s, seat("US"), { type: "propose", draft: DraftSchema.parse({ terms: { type: "standards", technology: "ai-gov", option: "rights-based" }, parties: ["US"], duration: 1 }) });
    // Round 2: the race is open; US and Japan set open 5G at that round's resolution.
    let two = nextNegotiation(resolve(s));
    expect(two.round).toBe(2);
    two = agree(two, "US", { terms: { type: "standards", technology: "6g", option: "open-6g" }, parties: ["US", "JP"], duration: 1 }, ["JP"]).state;
    expect(resolve(two).standards["6g"]).toBe("open-6g");
  });

  it("is not run before its opening round, even with a coalition in force for it", () => {
    // A coalition made while the race was open, in a game whose race then opens later (the only way one can be in force early).
    let s: GameState = agree(negotiating(quiet()), "US", { terms: { type: "standards", technology: "6g", option: "open-6g" }, parties: ["US", "JP"], duration: 2 }, ["JP"]).state;
    const later = { ...s.scenario, standards: s.scenario.standards.map((t) => (t.id === "6g" ? { ...t, opens: 2 } : t)) };
    s = resolve({ ...s, scenario: later });
    expect(s.agreements[0]!.status).toBe("in-force");
    expect(s.standards["6g"]).toBeUndefined();
    expect(s.news.some((n) => n.kind === "standard")).toBe(false);
    // Round 2: the same coalition now sets it.
    s = resolve(nextNegotiation(s));
    expect(s.standards["6g"]).toBe("open-6g");
  });
});

describe("Alliance 2021's post-quantum cryptography race", () => {
  it("opens in round 2: a coalition for it is refused in round 1 and taken in round 2", () => {
    const s = shippedNegotiating("alliance-2021", 1);
    const pqc = DraftSchema.parse({ terms: { type: "standards", technology: "pqc", option: "open-pqc" }, parties: ["US", "JP"], duration: 2 });
    const r = apply(s, { actor: seat("US"), move: { type: "propose", draft: pqc } });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(say(r.error.text, s.scenario)).toBe("The post-quantum cryptography race opens in round 2: no coalition for it before then.");
    expect(apply({ ...s, round: 2 }, { actor: seat("US"), move: { type: "propose", draft: pqc } }).ok).toBe(true);
  });

  it("is not among the coalitions a bot drafts in round 1, and is from round 2", () => {
    const pqcDrafts = (s: GameState) =>
      s.scenario.countries
        .filter((x) => x.control === "seat")
        .flatMap((c) => {
          const m = mindOf(botContext(s, c.id));
          return candidates(withOffers(m), c.id, m.profile, objectiveSectors(m));
        })
        .filter((d) => d.terms.type === "standards" && d.terms.technology === "pqc");
    const s = shippedNegotiating("alliance-2021", 1);
    expect(pqcDrafts(s)).toEqual([]);
    expect(pqcDrafts({ ...s, round: 2 }).length).toBeGreaterThan(0);
    for (const c of s.scenario.countries.filter((x) => x.control === "seat")) {
      const d = decideBotAction(botContext(s, c.id), { rng: 12345 });
      const m = d?.action.move;
      if (m?.type === "propose") expect(m.draft.terms.type === "standards" && m.draft.terms.technology === "pqc", c.id).toBe(false);
    }
  });
});
