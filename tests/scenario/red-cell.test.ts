/**
 * The red cell: Alliance 2021 with a person playing China. China becomes a seat with every
 * seat's tools and its own score; the script's automatic moves stop; a scenario without a
 * scripted rival has no red cell.
 */
import { describe, expect, it } from "vitest";
import { getScenario, scenarioPlayed } from "../../server/scenarios.ts";
import { playGame } from "../../shared/bots/game-loop.ts";
import { computeScores, createGame, seatIds } from "../../shared/engine/index.ts";
import { redCellRival, withRedCell } from "../../shared/scenario/red-cell.ts";
import { FACILITATOR, SYSTEM, draft, ok, seat } from "../engine/helpers.ts";

const alliance = () => getScenario("alliance-2021")!;

describe("the red cell", () => {
  it("makes the scripted rival a seat and drops the script; the shipped scenario is untouched", () => {
    const red = withRedCell(alliance());
    expect(redCellRival(alliance())).toEqual({ id: "CN", name: "China" });
    // A rival whose name takes an article inside a sentence says so (the start page's "a person plays the United States").
    expect(redCellRival({ ...alliance(), rival: { ...alliance().rival!, country: "US" } })).toEqual({ id: "US", name: "United States", inSentence: "the United States" });
    expect(red.rival).toBeUndefined();
    expect(red.countries.find((c) => c.id === "CN")?.control).toBe("seat");
    expect(red.summary).toMatch(/played by a person/);
    expect(alliance().countries.find((c) => c.id === "CN")?.control).toBe("rival");
    expect(seatIds(createGame({ scenario: red, settings: { seed: 1 } }))).toContain("CN");
  });

  it("China uses a seat's tools: it talks, restricts minerals with an export control and lends to a partner", () => {
    let s = createGame({ scenario: withRedCell(alliance()), settings: { seed: 1 } });
    s = ok(s, FACILITATOR, { type: "start" });
    s = ok(s, SYSTEM, { type: "advance" });
    s = ok(s, seat("CN"), { type: "chat", channel: "plenary", text: "Any control on our chips will be answered." });
    s = ok(s, seat("CN"), { type: "propose", draft: draft({ terms: { type: "export-control", sector: "minerals", tier: "broad", target: "US" }, parties: ["CN"], duration: 2 }) });
    s = ok(s, seat("CN"), { type: "propose", draft: draft({ terms: { type: "loan", lenders: ["CN"], recipient: "ID", project: "5g", amount: 10, interest: 3, grace: 1, conditions: [] }, duration: 5 }) });
    expect(s.agreements.filter((a) => a.proposedBy === "CN")).toHaveLength(2);
  });

  it("bots play it to the end; China is scored and the script never moves", () => {
    const game = playGame({ scenario: withRedCell(alliance()), settings: { seed: 4 } }, {}, { others: { kind: "random" }, movesPerSeat: 2 });
    expect(game.state.phase).toBe("ended");
    expect(computeScores(game.state).map((x) => x.country)).toContain("CN");
    // The script's moves: its loan offers, its courting of waverers, its retaliation.
    const SCRIPT = ["cause.courting", "cause.rivalBan", "cause.retaliates"];
    const scripted = (g: typeof game) => [
      ...g.state.history.flatMap((r) => r.changes.flatMap((c) => c.causes.map((x) => x.label.key))).filter((k) => SCRIPT.includes(k)),
      ...g.state.agreements.filter((a) => a.proposedBy === "CN" && a.type === "loan" && a.steps[0]?.phase !== "negotiation").map((a) => a.id),
    ];
    expect(scripted(game)).toEqual([]);
    // The same game with the script: China's scripted moves are there.
    const plain = playGame({ scenario: alliance(), settings: { seed: 4 } }, {}, { others: { kind: "random" }, movesPerSeat: 2 });
    expect(scripted(plain).length).toBeGreaterThan(0);
  });

  it("a scenario where China is already a seat has no red cell", () => {
    const multipolar = getScenario("multipolar-2024")!;
    expect(redCellRival(multipolar)).toBeUndefined();
    const r = scenarioPlayed(multipolar, { redCell: true });
    expect(r.ok ? "" : r.message).toMatch(/^settings\.redCell: .* has no scripted rival/);
    expect(scenarioPlayed(alliance(), {})).toEqual({ ok: true, scenario: alliance() });
  });
});
