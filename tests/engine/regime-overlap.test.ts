/**
 * Regimes do not stack (docs/RULES.md §4.1): a country is a member of one export-control regime
 * per sector and target at a time, so its chokepoint share bites once. A second regime is
 * refused on proposal, on amendment and on signature, legal moves do not offer its signature,
 * and the bots do not draft one (tests/bots/decisions.test.ts).
 */
import { describe, expect, it } from "vitest";
import { agree, negotiating, ok, quiet, refused, seat, draft } from "./helpers.ts";
import { legalActions } from "../../shared/engine/legal.ts";
import { agreementById } from "../../shared/engine/world.ts";
import { say } from "../helpers/words.ts";
import type { GameState } from "../../shared/engine/index.ts";

const chipsOn = (target: string, parties: string[], tier: "broad" | "frontier" = "broad") => ({ terms: { type: "export-control" as const, sector: "semis" as const, tier, target }, parties, duration: 3 });

/** The US and Taiwan's chip regime on China, signed (A1). */
function usInOne(): GameState {
  return agree(negotiating(quiet()), "US", chipsOn("CN", ["US", "TW"]), ["TW"]).state;
}

describe("one export-control regime per member, sector and target", () => {
  it("a second chip regime on China with the United States in it is refused, with a refusal that names the first and what to do", () => {
    const s = usInOne();
    const r = refused(s, seat("NL"), { type: "propose", draft: draft(chipsOn("CN", ["NL", "JP", "US"])) }, "rule/second_regime");
    if (r.ok) return;
    expect(say(r.error.text, s.scenario)).toBe("The United States is already in A1 on semiconductors against China (one regime per sector and target): leave the United States out of this one, or leave A1 first.");
    // A frontier-only regime is the same aim; so is one on everyone outside, which reaches China too.
    refused(s, seat("US"), { type: "propose", draft: draft(chipsOn("CN", ["US"], "frontier")) }, "rule/second_regime");
    refused(s, seat("US"), { type: "propose", draft: draft(chipsOn("outside", ["US", "NL"])) }, "rule/second_regime");
    // Without the United States the others may: its share is counted in A1 only.
    agree(s, "NL", chipsOn("CN", ["NL", "JP"]), ["JP"]);
    // Another target, or another sector, is another regime.
    agree(s, "US", chipsOn("IN", ["US", "NL"]), ["NL"]);
    agree(s, "US", { terms: { type: "export-control", sector: "minerals", tier: "broad", target: "CN" }, parties: ["US"], duration: 2 });
  });

  it("an amendment that brings a member of a regime into a second one is refused", () => {
    let s = usInOne();
    s = agree(s, "NL", chipsOn("CN", ["NL", "JP"])).state;
    refused(s, seat("JP"), { type: "amend", agreementId: "A2", revision: 1, draft: draft(chipsOn("CN", ["NL", "JP", "US"])) }, "rule/second_regime");
  });

  it("of two regimes offered at once, the second cannot be signed once the first is: no Sign is offered", () => {
    let s = negotiating(quiet());
    s = agree(s, "US", chipsOn("CN", ["US", "TW"])).state;
    s = agree(s, "NL", chipsOn("CN", ["NL", "JP", "US"]), ["JP"]).state;
    s = ok(s, seat("TW"), { type: "sign", agreementId: "A1", revision: 1 });
    expect(agreementById(s, "A1")!.status).toBe("signed");
    refused(s, seat("US"), { type: "sign", agreementId: "A2", revision: 1 }, "rule/second_regime");
    const moves = legalActions(s, { kind: "seat", seat: "US", roles: ["regulator"] }).actions.map((a) => a.move);
    expect(moves).toContainEqual({ type: "decline", agreementId: "A2", revision: 1 });
    expect(moves.some((m) => m.type === "sign" && m.agreementId === "A2")).toBe(false);
  });
});
