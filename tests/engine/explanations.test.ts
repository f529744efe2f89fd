/**
 * Every number is explained (docs/RULES.md §5): each change recorded
 * lists causes that add up to it, including the part a bound clipped.
 */
import { describe, expect, it } from "vitest";
import { playGame } from "../../shared/bots/game-loop.ts";
import { country, ref, sameText, text, textId, type Change, type Text } from "../../shared/engine/index.ts";
import { agree, classroom, derive, FACILITATOR, negotiating, ok, quiet, resolve, shippedScenarios, unexplained, withRival } from "./helpers.ts";
import { say } from "../helpers/words.ts";
import { translator } from "../../client/i18n/translator.ts";
import { zhCN } from "../../client/i18n/zh-CN.ts";

const sum = (c: Change) => c.causes.reduce((x, y) => x + y.amount, 0);

describe("explanations", () => {
  it("a change clipped at a bound records the clipped part as a cause of its own", () => {
    let s = negotiating();
    const trust = s.countries.US!.metrics.trust;
    s = ok(s, FACILITATOR, { type: "custom-event", title: "Boost", text: "Praise.", effects: [{ kind: "metric", target: "US", metric: "trust", amount: 50 }, { kind: "metric", target: "US", metric: "trust", amount: 50 }] });
    const change = s.changes["US|trust"]!;
    expect([change.from, change.to]).toEqual([trust, 100]);
    expect(change.causes.map((c) => ({ label: say(c.label), amount: c.amount }))).toEqual([
      { label: "Boost", amount: 100 },
      { label: "limit (0–100)", amount: 100 - trust - 100 },
    ]);
    expect(sum(change)).toBeCloseTo(change.to - change.from, 9);
  });

  it("a capability held at 0 by a bound is explained as well", () => {
    let s = negotiating();
    const cap = s.countries.KE!.sectors.telecom.capability;
    s = ok(s, FACILITATOR, { type: "custom-event", title: "Cable cut", text: "Cut.", effects: [{ kind: "capability", target: "KE", sector: "telecom", amount: -5 }] });
    const change = s.changes["KE|capability:telecom"]!;
    expect([change.from, change.to]).toEqual([cap, 0]);
    expect(sum(change)).toBeCloseTo(-cap, 9);
  });

  it("the rules' example: China's chip growth slowed, with every cause listed", () => {
    let s = negotiating(derive(classroom(), (x) => (x.events = [{ ...x.events[0]!, id: "quiet-year", effects: [] }])));
    s = agree(s, "US", { terms: { type: "export-control", sector: "semis", tier: "frontier", target: "CN" }, parties: ["US", "NL", "JP"], duration: 1 }, ["NL", "JP"]).state;
    s = resolve(s);
    const change = s.changes["CN|capability:semis"]!;
    expect(change.causes.map((c) => say(c.label, s.scenario))).toEqual([
      "investment and growth",
      "A1 controls by the United States, the Netherlands and Japan cover 85% of semiconductors chokepoints",
      "Semiconductors supply short by 2.4 units (A1 controls by the United States, the Netherlands and Japan)",
    ]);
    expect(sum(change)).toBeCloseTo(change.to - change.from, 9);
  });

  it("a shortage cause says its number is the units of supply short, in both languages", () => {
    const zh = translator(zhCN, "zh-CN");
    const units = (count: number) => text("deal.units", { count });
    const bare = text("cause.shortage", { sector: ref("sector", "semis"), amount: units(1.2), causes: { list: [text("cause.card", { title: "Fire at a car-chip plant" })] } });
    const covered = text("cause.shortageCovered", { sector: ref("sector", "semis"), amount: units(1.2), causes: { list: [country("CN")] }, covered: units(0.5) });
    expect(say(bare)).toBe("Semiconductors supply short by 1.2 units (Fire at a car-chip plant)");
    expect(say(covered)).toBe("Semiconductors supply short by 1.2 units (CN; supply deals covered 0.5 units)");
    expect(zh.render(bare)).toBe("半导体供应短缺 1.2 单位（Fire at a car-chip plant）");
    expect(zh.render(covered)).toBe("半导体供应短缺 1.2 单位（CN；供应协议弥补了 0.5 单位）");
    // One unit is one unit, not "1 units".
    const one = text("cause.shortageCovered", { sector: ref("sector", "semis"), amount: units(1), causes: { list: [country("CN")] }, covered: units(1) });
    expect(say(one)).toBe("Semiconductors supply short by 1 unit (CN; supply deals covered 1 unit)");
    expect(zh.render(one)).toBe("半导体供应短缺 1 单位（CN；供应协议弥补了 1 单位）");
  });

  it("causes with the same label are merged, not repeated", () => {
    let s = negotiating(quiet());
    s = agree(s, "US", { terms: { type: "screening" }, parties: ["US", "NL"], duration: 1 }, ["NL"]).state;
    s = agree(s, "JP", { terms: { type: "screening" }, parties: ["JP", "NL"], duration: 1 }, ["NL"]).state;
    s = resolve(s);
    for (const c of Object.values(s.changes)) expect(new Set(c.causes.map((x) => JSON.stringify(x.label))).size).toBe(c.causes.length);
  });

  it("the ledger merges causes whose texts write the same JSON, and only those", () => {
    const texts: Text[] = [
      text("cause.growth"),
      text("cause.growth", {}),
      text("cause.kept", { id: "A1" }),
      text("cause.kept", { id: "A2" }),
      text("cause.kept", { id: "A1", extra: 1 }),
      { key: "cause.kept", args: { id: "A1", extra: undefined as unknown as string } },
      text("cause.shortage", { sector: ref("sector", "semis"), amount: 1.5, causes: { list: [country("US"), text("cause.kept", { id: "A1" })] } }),
      text("cause.shortage", { sector: ref("sector", "semis"), amount: 1.5, causes: { list: [country("US"), text("cause.kept", { id: "A2" })] } }),
      text("cause.shortage", { amount: 1.5, sector: ref("sector", "semis"), causes: { list: [country("US"), text("cause.kept", { id: "A1" })] } }),
      text("cause.shortage", { sector: ref("sector", "semis", true), amount: 1.5 }),
      text("cause.shortage", { sector: ref("sector", "semis"), amount: 1.5 }),
      text("cause.shortage", { sector: ref("sector", "semis"), amount: "1.5" }),
      text("cause.limit", { lo: 0, hi: 100 }),
      text("cause.limit", { lo: -0, hi: 100 }),
    ];
    for (const a of texts) for (const b of texts) expect(sameText(a, b), `${textId(a)} vs ${textId(b)}`).toBe(textId(a) === textId(b));
  });

  it.each([...shippedScenarios().keys(), "rival"])("every change of every round of random %s games adds up", (id) => {
    const scenario = id === "rival" ? withRival() : shippedScenarios().get(id)!;
    for (let seed = 1; seed <= 6; seed++) {
      const game = playGame({ scenario, settings: { seed } }, {}, { others: { kind: "random" }, movesPerSeat: 3 });
      expect(game.state.history.length).toBeGreaterThan(0);
      expect(unexplained(game.state)).toEqual([]);
      for (const record of game.state.history) for (const c of record.changes) expect(c.causes.length).toBeGreaterThan(0);
    }
  });
});
