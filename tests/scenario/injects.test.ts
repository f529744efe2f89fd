/**
 * Control-cell scripts (assets/injects): every shipped script is valid against its scenario,
 * loading one before the start plays the real events round by round in date order with their
 * effects, and a broken script is refused with the path of each problem.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { INJECT_DIR, getScenario, shippedInjectScripts } from "../../server/scenarios.ts";
import { createGame, type GameState } from "../../shared/engine/index.ts";
import { injectMove, parseInjectScript, type InjectScript } from "../../shared/scenario/injects.ts";
import { FACILITATOR, SYSTEM, ok, refused } from "../engine/helpers.ts";

const FILES = readdirSync(INJECT_DIR).filter((f) => f.endsWith(".json"));
const alliance = () => getScenario("alliance-2021")!;
const script = (): InjectScript => shippedInjectScripts().get("alliance-2021")![0]!;

describe("shipped inject scripts", () => {
  it.each(FILES)("%s is valid against its scenario", (file) => {
    const raw = JSON.parse(readFileSync(join(INJECT_DIR, file), "utf8"));
    const parsed = parseInjectScript(raw, getScenario(raw.scenario)!);
    expect(parsed.ok ? [] : parsed.problems).toEqual([]);
  });

  it("Alliance 2021 has a script that covers its whole deck, so no card comes out of order", () => {
    const cards = script().injects.flatMap((i) => (i.card ? [i.card] : []));
    expect(new Set(cards)).toEqual(new Set(alliance().events.map((e) => e.id)));
  });

  it("scheduled in the lobby, the script plays each round's injects with their effects, and nothing else", () => {
    let s: GameState = createGame({ scenario: alliance(), settings: { seed: 3 } });
    for (const inj of script().injects) s = ok(s, FACILITATOR, injectMove(inj, inj.round));
    expect(s.deck).toEqual([]);
    const tensionBefore = s.table.tension;
    s = ok(s, FACILITATOR, { type: "start" });
    const titles = (round: number) => s.events.filter((e) => e.round === round).map((e) => (e.custom ? e.title : e.id));
    const expected = (round: number) => script().injects.filter((i) => i.round === round).map((i) => i.card ?? i.custom!.title);
    expect(titles(1)).toEqual(expected(1));
    // Round 1's cards move the table: the Quad and AUKUS raise tension, the TTC cohesion.
    expect(s.table.tension).toBeGreaterThan(tensionBefore);
    expect(s.changes["table|cohesion"]?.causes.some((c) => c.label.key === "cause.card")).toBe(true);
    for (let round = 2; round <= 4; round++) {
      s = ok(s, SYSTEM, { type: "advance" });
      s = ok(s, SYSTEM, { type: "advance" });
      s = ok(s, SYSTEM, { type: "advance" });
      expect(s.round).toBe(round);
      expect(titles(round)).toEqual(expected(round));
    }
    // The script's own card (Italy leaves the Belt and Road) carries real effects too.
    const italy = s.events.find((e) => e.custom);
    expect(italy?.title).toBe("Italy leaves the Belt and Road");
    expect(s.changes["CN|influence"]?.causes.some((c) => c.label.key === "cause.card")).toBe(true);
  });

  it("in the lobby a card can be scheduled but not played now", () => {
    const s = createGame({ scenario: alliance(), settings: { seed: 3 } });
    refused(s, FACILITATOR, { type: "play-event", cardId: "quad-cet" }, "rule/wrong_phase");
    ok(s, FACILITATOR, { type: "play-event", cardId: "quad-cet", round: 1 });
  });

  it("a broken script is refused with the path of every problem", () => {
    const bad = structuredClone(script()) as InjectScript;
    bad.injects[1]!.card = "no-such-card";
    bad.injects[2]!.id = bad.injects[0]!.id;
    bad.injects.push({ ...bad.injects[0]!, id: "late", round: 1 });
    const parsed = parseInjectScript(bad, alliance());
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problems).toContain('injects.1.card: the scenario has no card "no-such-card"');
    expect(parsed.problems).toContain(`injects.2.id: "${bad.injects[0]!.id}" is used twice`);
    expect(parsed.problems.some((p) => p.startsWith(`injects.${bad.injects.length - 1}.round`))).toBe(true);
    expect(parseInjectScript("{ not json", alliance())).toMatchObject({ ok: false });
    const neither = parseInjectScript({ ...script(), injects: [{ id: "x", round: 1, date: "2021", why: "because" }] }, alliance());
    expect(neither.ok ? [] : neither.problems.join()).toMatch(/deck card \(card\) or carries its own/);
    const wrongScenario = parseInjectScript(script(), getScenario("classroom-quick")!);
    expect(wrongScenario.ok ? [] : wrongScenario.problems[0]).toMatch(/^scenario: the script is for "alliance-2021"/);
  });
});
