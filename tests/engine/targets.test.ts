/**
 * A missed shared target says why (shared/engine/scoring.ts, `checkCondition`): the same
 * evaluation that decides it, so the end screen, the review and the report name what was
 * missing rather than just "(missed)".
 */
import { describe, expect, it } from "vitest";
import { checkCondition, conditionMet, tableOutcome, type GameState } from "../../shared/engine/index.ts";
import { getScenario } from "../../server/scenarios.ts";
import { say } from "../helpers/words.ts";
import { agree, negotiating, ok, resolve, SYSTEM } from "./helpers.ts";

const alliance = () => getScenario("alliance-2021")!;

/** Alliance 2021 with a frontier chip control against China among `parties` (the US first) signed in round 1 for `duration` rounds, played to the end. */
function played(duration: number, parties = ["US", "NL", "JP", "KR"]): { states: GameState[]; id: string } {
  const { state, id } = agree(negotiating(alliance()), "US", { terms: { type: "export-control", sector: "semis", tier: "frontier", target: "CN" }, parties, duration }, parties.slice(1));
  const states: GameState[] = [];
  let s = state;
  while (s.phase !== "ended") {
    s = ok(s, SYSTEM, { type: "advance" });
    states.push(s);
  }
  return { states, id };
}

const regimeTarget = (s: GameState) => tableOutcome(s, true).targets[s.scenario.targets.findIndex((t) => t.condition.kind === "regime")]!;

describe("why a shared target is missed", () => {
  it("a regime that lapsed before the end: the target names it and the round it lapsed after", () => {
    const { states, id } = played(2);
    const end = states.at(-1)!;
    expect(end.round).toBe(alliance().rounds);
    const target = regimeTarget(end);
    expect(target.met).toBe(false);
    expect(say(target.why!, end.scenario)).toBe(`${id}, the regime on semiconductors, lapsed after round 2.`);
    // While it is in force the target holds, and says nothing more.
    expect(regimeTarget(states[0]!)).toEqual({ text: expect.any(String), met: true });
  });

  it("the US and the Netherlands for 2 rounds: lapsed and short of the share the target asks, both said", () => {
    const { states, id } = played(2, ["US", "NL"]);
    const end = states.at(-1)!;
    expect(say(regimeTarget(end).why!, end.scenario)).toBe(`${id}, the regime on semiconductors, lapsed after round 2. ${id}'s members hold 48% of the semiconductors chokepoints; it needs 65%.`);
  });

  it("the three toolmakers, the US, Japan and the Netherlands, hold the 65% the target asks, in whatever order they are listed", () => {
    for (const parties of [["US", "NL", "JP"], ["US", "JP", "NL"]]) {
      const { states } = played(alliance().rounds, parties);
      expect(regimeTarget(states.at(-1)!).met, parties.join(",")).toBe(true);
    }
  });

  it("the same regime signed to the end holds it", () => {
    const { states } = played(alliance().rounds);
    expect(regimeTarget(states.at(-1)!).met).toBe(true);
  });

  it("with no regime at all, and a table metric short of its bound, each says what is missing in numbers", () => {
    let s = negotiating(alliance());
    s = resolve(s);
    const outcome = tableOutcome(s, true);
    const words = outcome.targets.map((t) => (t.why ? say(t.why, s.scenario) : undefined));
    expect(words[0]).toBe("No export-control regime on semiconductors took force.");
    const resilience = s.scenario.targets.findIndex((t) => t.condition.kind === "table" && t.condition.metric === "resilience");
    if (!outcome.targets[resilience]!.met) expect(words[resilience]).toBe(`Supply-chain resilience is ${Math.round(s.table.resilience * 10) / 10}; it needs 50 or more.`);
  });

  it("decides exactly as conditionMet does, for every target and objective in every round", () => {
    const { states } = played(2);
    for (const s of states) {
      for (const t of s.scenario.targets) expect(checkCondition(s, t.condition).met).toBe(conditionMet(s, t.condition));
      for (const c of s.scenario.countries) for (const o of [...c.objectives, c.secret]) expect(checkCondition(s, o.condition, c.id).met).toBe(conditionMet(s, o.condition, c.id));
    }
  });
});
