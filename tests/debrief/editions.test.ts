/**
 * A stored game replays under the rules edition it was made under (server/storage/store.ts
 * `GameRecord.settings.edition`, shared/engine/deal-ids.ts): one stored before editions were,
 * whose log names its deals A1, A2, …, still replays as played; a new one names them as drawn.
 */
import { describe, expect, it } from "vitest";
import { analysisOf, setupOf } from "../../server/debrief/analysis.ts";
import type { GameRecord } from "../../server/storage/store.ts";
import { getScenario } from "../../server/scenarios.ts";
import { CURRENT_EDITION, dealId } from "../../shared/engine/deal-ids.ts";
import { DraftSchema, type Action } from "../../shared/engine/index.ts";

const scenario = getScenario("classroom-quick")!;
const record = (code: string, edition?: number, rounds?: number): GameRecord => ({
  code,
  scenario,
  settings: { bots: false, teams: false, facilitatorReadsPrivate: false, channels: "open", quickStart: false, reconnectSeconds: 120, ...(edition !== undefined ? { edition } : {}), ...(rounds ? { rounds } : {}) },
  seed: "editions",
  keyHash: "x",
  createdAt: 0,
  finishedAt: null,
});
const us = { kind: "seat" as const, seat: "US", roles: ["diplomat" as const, "regulator" as const, "envoy" as const] };
const jp = { ...us, seat: "JP" };
const log = (signs: string): { action: Action; at: number }[] =>
  [
    { actor: { kind: "facilitator" as const }, move: { type: "start" as const } },
    { actor: { kind: "system" as const }, move: { type: "advance" as const } },
    { actor: us, move: { type: "propose" as const, draft: DraftSchema.parse({ terms: { type: "alignment", clauses: ["supply-chain-risk"], target: "CN" }, parties: ["US", "JP"], duration: 2 }) } },
    { actor: jp, move: { type: "sign" as const, agreementId: signs, revision: 1 } },
  ].map((action) => ({ action: action as Action, at: 0 }));

describe("rules editions of stored games", () => {
  it("a game stored before editions (its log names A1) replays with counted ids", () => {
    const old = record("OLDGAM");
    expect(setupOf(old).settings.edition).toBeUndefined();
    const final = analysisOf(old, log("A1")).final;
    expect(final.agreements.map((a) => [a.id, a.status])).toEqual([["A1", "signed"]]);
  });

  it("a game stored under the current edition replays with its drawn ids", () => {
    const now = record("NEWGAM", CURRENT_EDITION);
    const id = dealId({ seed: "editions", edition: CURRENT_EDITION }, 1);
    expect(id).not.toBe("A1");
    const final = analysisOf(now, log(id)).final;
    expect(final.agreements.map((a) => [a.id, a.status])).toEqual([[id, "signed"]]);
    // Its log names a deal that never was there under counted ids: A1 is no deal of this game.
    expect(() => analysisOf(record("NEWGA2", CURRENT_EDITION), log("A1"))).toThrow(/refused on replay/);
  });

  it("a game stored before rounds without a card lost their event phase, whose log readies and ends that phase, replays as played", () => {
    // The classroom deck's years run out after its four rounds (docs/RULES.md, The event deck).
    const advance = { actor: { kind: "system" as const }, move: { type: "advance" as const, cause: "clock" as const } };
    const played: Action[] = [
      { actor: { kind: "facilitator" }, move: { type: "start" } },
      ...Array.from({ length: 3 * scenario.rounds }, () => advance),
      { actor: us, move: { type: "ready", ready: true, phase: "event" } },
      { actor: { kind: "system" }, move: { type: "advance", cause: "ready", phase: "event" } },
    ];
    const logged = played.map((action) => ({ action, at: 0 }));
    const old = analysisOf(record("OLDRND", 3, scenario.rounds + 2), logged).final;
    expect([old.round, old.phase, old.events.some((e) => e.round === scenario.rounds + 1)]).toEqual([scenario.rounds + 1, "negotiation", false]);
    // Under the current edition the round opened with the negotiation: the same log's ready for an event phase is not one of its moves.
    expect(() => analysisOf(record("NEWRND", CURRENT_EDITION, scenario.rounds + 2), logged)).toThrow(/refused on replay/);
  });
});
