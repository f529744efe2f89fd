/** An agreement's life (docs/RULES.md §3–4): draft → proposed → signed → in force → expired or broken. */
import { describe, expect, it } from "vitest";
import type { DraftInput } from "../../shared/engine/index.ts";
import { agree, delta, draft, negotiating, nextNegotiation, ok, quiet, refused, resolve, seat } from "./helpers.ts";
import { say } from "../helpers/words.ts";
import { agreementById } from "../../shared/engine/world.ts";

const screening = (parties: string[], duration = 2): DraftInput => ({ terms: { type: "screening" }, parties, duration });

describe("proposing", () => {
  it("creates an offer at revision 1 signed by its proposer", () => {
    const s0 = negotiating();
    const s = ok(s0, seat("US"), { type: "propose", draft: draft(screening(["US", "NL", "JP"])) });
    const a = agreementById(s, "A1")!;
    expect(a).toMatchObject({ id: "A1", status: "proposed", revision: 1, proposedBy: "US", signatures: ["US"], parties: ["US", "NL", "JP"] });
    expect(a.steps).toEqual([{ round: 1, phase: "negotiation", what: "proposed", by: "US", revision: 1 }]);
    expect(s.nextAgreement).toBe(s0.nextAgreement + 1);
    expect(s.version).toBe(s0.version + 1);
  });

  it("a one-party deal is signed at once", () => {
    const s = ok(negotiating(), seat("US"), {
      type: "propose",
      draft: draft({ terms: { type: "export-control", sector: "semis", tier: "broad", target: "CN" }, parties: ["US"], duration: 1 }),
    });
    expect(agreementById(s, "A1")!.status).toBe("signed");
  });

  it.each([
    ["the proposer is not a party", "US", screening(["NL", "JP"]), "rule/not_a_party"],
    ["a party is unknown", "US", screening(["US", "XX"]), "rule/unknown_country"],
    ["too few parties", "US", screening(["US"]), "rule/too_few_parties"],
    ["a regime targets its own member", "US", { terms: { type: "export-control", sector: "semis", tier: "broad", target: "NL" }, parties: ["US", "NL"], duration: 1 }, "rule/target_is_party"],
    ["members hold nothing to control", "ID", { terms: { type: "export-control", sector: "quantum", tier: "broad", target: "CN" }, parties: ["ID"], duration: 1 }, "rule/nothing_to_control"],
    ["a supplier is too weak", "US", { terms: { type: "supply", suppliers: ["ID"], buyers: ["US"], sector: "semis", volume: 1, price: 1 }, duration: 1 }, "rule/cannot_supply"],
    ["a supplier is also a buyer", "US", { terms: { type: "supply", suppliers: ["US"], buyers: ["US", "NL"], sector: "semis", volume: 1, price: 1 }, duration: 1 }, "rule/supplier_is_buyer"],
    ["a lender lends to itself", "US", { terms: { type: "loan", lenders: ["US", "ID"], recipient: "ID", project: "grid", amount: 4, interest: 2, grace: 0 }, duration: 3 }, "rule/lender_is_recipient"],
    ["the project was not asked for", "US", { terms: { type: "loan", lenders: ["US"], recipient: "KE", project: "grid", amount: 4, interest: 2, grace: 0 }, duration: 3 }, "rule/project_not_needed"],
    ["a loan is shorter than build + grace + 1", "US", { terms: { type: "loan", lenders: ["US"], recipient: "KE", project: "cable", amount: 4, interest: 2, grace: 1 }, duration: 3 }, "rule/loan_too_short"],
    ["a statement names its own signatory", "US", { terms: { type: "alignment", clauses: ["threat-assessment"], target: "NL" }, parties: ["US", "NL"], duration: 1 }, "rule/target_is_party"],
    ["a standards race does not exist", "US", { terms: { type: "standards", technology: "7g", option: "open-6g" }, parties: ["US"], duration: 1 }, "rule/unknown_standard"],
    ["an option is not in the race", "US", { terms: { type: "standards", technology: "6g", option: "rights-based" }, parties: ["US"], duration: 1 }, "rule/unknown_standard"],
  ] as [string, string, DraftInput, string][])("is refused when %s", (_why, by, input, code) => {
    refused(negotiating(), seat(by), { type: "propose", draft: draft(input) }, code);
  });
});

describe("offers waiting for answers", () => {
  it("the same offer again is refused, named, whatever order its parties were written in; another offer is not", () => {
    let s = ok(negotiating(), seat("US"), { type: "propose", draft: draft(screening(["US", "NL", "JP"])) });
    const again = refused(s, seat("US"), { type: "propose", draft: draft(screening(["JP", "US", "NL"])) }, "rule/same_offer");
    expect(!again.ok && say(again.error.text!, s.scenario)).toBe("You already offer this as A1: wait for the answer, or amend A1.");
    s = ok(s, seat("US"), { type: "propose", draft: draft(screening(["US", "NL", "JP"], 3)) });
    // Once A1 is answered, its terms may be offered again.
    s = ok(s, seat("NL"), { type: "decline", agreementId: "A1", revision: 1 });
    ok(s, seat("US"), { type: "propose", draft: draft(screening(["US", "NL", "JP"])) });
  });

  it("the same offer again that its proposer can no longer pay for is refused for the budget, which is what would stop it", () => {
    const rnd: DraftInput = { terms: { type: "rnd", sector: "semis", contribution: 4 }, parties: ["US", "NL"], duration: 2 };
    const s = ok(negotiating(), seat("US"), { type: "propose", draft: draft(rnd) });
    refused(s, seat("US"), { type: "propose", draft: draft(rnd) }, "rule/same_offer");
    const poor = structuredClone(s);
    poor.countries.US!.capital = 0;
    poor.scenario.countries.find((c) => c.id === "US")!.capital = 1;
    refused(poor, seat("US"), { type: "propose", draft: draft(rnd) }, "rule/insufficient_capital");
  });

  it("a country may have eight of its own waiting, not a ninth; others' offers and amendments do not count against it", () => {
    let s = negotiating();
    const pairs = [["NL"], ["JP"], ["TW"], ["NL", "JP"], ["NL", "TW"], ["JP", "TW"], ["NL", "JP", "TW"]];
    for (const others of pairs) s = ok(s, seat("US"), { type: "propose", draft: draft(screening(["US", ...others])) });
    s = ok(s, seat("US"), { type: "propose", draft: draft(screening(["US", "NL"], 3)) });
    const ninth = refused(s, seat("US"), { type: "propose", draft: draft(screening(["US", "JP"], 3)) }, "rule/too_many_offers");
    expect(!ninth.ok && say(ninth.error.text!, s.scenario)).toMatch(/^You have 8 offers waiting for answers/);
    // An amendment of one of them is still an answer-in-waiting, not a new offer.
    s = ok(s, seat("US"), { type: "amend", agreementId: "A1", revision: 1, draft: draft(screening(["US", "NL"], 1)) });
    ok(s, seat("NL"), { type: "propose", draft: draft(screening(["NL", "JP"])) });
  });
});

describe("amending, signing, declining", () => {
  const open = () => ok(negotiating(), seat("US"), { type: "propose", draft: draft(screening(["US", "NL", "JP"])) });

  it("signing by every party makes the deal signed, with news", () => {
    let s = ok(open(), seat("NL"), { type: "sign", agreementId: "A1", revision: 1 });
    expect(agreementById(s, "A1")!.status).toBe("proposed");
    s = ok(s, seat("JP"), { type: "sign", agreementId: "A1", revision: 1 });
    expect(agreementById(s, "A1")!.status).toBe("signed");
    expect(agreementById(s, "A1")!.signatures).toEqual(["US", "NL", "JP"]);
    expect(say(s.news.at(-1)!.text, s.scenario)).toMatch(/^Signed \(A1\)/);
  });

  it("an amendment resets signatures and bumps the revision", () => {
    let s = ok(open(), seat("NL"), { type: "sign", agreementId: "A1", revision: 1 });
    s = ok(s, seat("JP"), { type: "amend", agreementId: "A1", revision: 1, draft: draft(screening(["US", "NL", "JP"], 3)) });
    const a = agreementById(s, "A1")!;
    expect(a).toMatchObject({ revision: 2, signatures: ["JP"], status: "proposed", duration: 3, proposedBy: "US" });
    expect(a.steps.map((x) => [x.what, x.by, x.revision])).toEqual([
      ["proposed", "US", 1],
      ["signed", "NL", 1],
      ["amended", "JP", 2],
    ]);
  });

  it.each(["sign", "decline", "amend"] as const)("a %s naming a stale revision is refused", (type) => {
    const s = ok(open(), seat("JP"), { type: "amend", agreementId: "A1", revision: 1, draft: draft(screening(["US", "NL", "JP"], 3)) });
    const move =
      type === "amend"
        ? { type, agreementId: "A1", revision: 1, draft: draft(screening(["US", "NL", "JP"])) }
        : { type, agreementId: "A1", revision: 1 };
    refused(s, seat("NL"), move, "rule/stale_revision");
  });

  it("an amendment cannot change the type", () => {
    refused(open(), seat("NL"), { type: "amend", agreementId: "A1", revision: 1, draft: draft({ terms: { type: "alignment", clauses: ["threat-assessment"], target: "CN" }, parties: ["US", "NL"], duration: 1 }) }, "rule/type_change");
  });

  it("declining closes the offer for everyone", () => {
    const s = ok(open(), seat("JP"), { type: "decline", agreementId: "A1", revision: 1 });
    expect(agreementById(s, "A1")!.status).toBe("declined");
    refused(s, seat("NL"), { type: "sign", agreementId: "A1", revision: 1 }, "rule/not_open");
  });

  it.each([
    ["sign twice", "US", "rule/already_signed"],
    ["sign an offer that does not name you", "IN", "rule/unknown_agreement"],
  ])("cannot %s", (_why, who, code) => {
    refused(open(), seat(who), { type: "sign", agreementId: "A1", revision: 1 }, code);
  });

  it("cannot answer an offer that does not exist", () => {
    refused(open(), seat("NL"), { type: "sign", agreementId: "A9", revision: 1 }, "rule/unknown_agreement");
  });

  // Names an object has of its own: looked up in a record by id they found a function, and the
  // checks threw instead of refusing.
  it.each(["constructor", "toString", "hasOwnProperty"])("refuses a move on a deal named %s", (id) => {
    refused(open(), seat("NL"), { type: "sign", agreementId: id, revision: 1 }, "rule/unknown_agreement");
    refused(open(), seat("NL"), { type: "withdraw", agreementId: id }, "rule/not_a_party");
  });
});

describe("resolution of the life cycle", () => {
  it("unsigned offers lapse; signed deals take force for their duration", () => {
    let s = negotiating();
    s = ok(s, seat("US"), { type: "propose", draft: draft(screening(["US", "NL"], 2)) });
    s = ok(s, seat("NL"), { type: "sign", agreementId: "A1", revision: 1 });
    s = ok(s, seat("US"), { type: "propose", draft: draft(screening(["US", "JP"], 2)) });
    s = resolve(s);
    expect(agreementById(s, "A1")).toMatchObject({ status: "in-force", startRound: 1, endRound: 2 });
    expect(agreementById(s, "A2")!.status).toBe("lapsed");
    expect(agreementById(s, "A2")!.steps.at(-1)!.what).toBe("lapsed");
  });

  it("a deal kept to its end expires and earns each party trust", () => {
    let s = negotiating();
    const trust = quiet().rules.trust.kept;
    ({ state: s } = agree(s, "US", screening(["US", "NL"], 2), ["NL"]));
    s = resolve(s);
    expect(agreementById(s, "A1")!.status).toBe("in-force");
    expect(delta(s, "US", "trust")).toBe(0);
    const before = s.countries.US!.metrics.trust;
    s = resolve(nextNegotiation(s));
    expect(agreementById(s, "A1")!.status).toBe("expired");
    expect(s.countries.US!.metrics.trust).toBeCloseTo(before + trust, 5);
    expect(s.changes["NL|trust"]!.causes.map((c) => ({ label: say(c.label), amount: c.amount }))).toEqual([{ label: "A1 kept to its end", amount: trust }]);
  });

  it.each(["signed", "in-force"] as const)("withdrawing from a %s deal breaks it at a cost in trust and cohesion", (when) => {
    let s = negotiating();
    ({ state: s } = agree(s, "US", screening(["US", "NL"], 3), ["NL"]));
    if (when === "in-force") s = nextNegotiation(resolve(s));
    expect(agreementById(s, "A1")!.status).toBe(when);
    const rules = quiet().rules.trust;
    const trust = s.countries.NL!.metrics.trust;
    const cohesion = s.table.cohesion;
    s = ok(s, seat("NL"), { type: "withdraw", agreementId: "A1" });
    expect(agreementById(s, "A1")).toMatchObject({ status: "broken", brokenBy: "NL" });
    expect(s.countries.NL!.metrics.trust).toBeCloseTo(trust - rules.withdraw, 5);
    expect(s.table.cohesion).toBeCloseTo(cohesion - rules.withdrawCohesion, 5);
    // A broken deal does nothing more and earns no trust for keeping.
    s = resolve(s);
    expect(s.changes["US|prosperity"]).toBeUndefined();
  });

  it("cannot withdraw from an offer or from a deal one is not party to", () => {
    let s = negotiating();
    s = ok(s, seat("US"), { type: "propose", draft: draft(screening(["US", "NL"], 3)) });
    refused(s, seat("US"), { type: "withdraw", agreementId: "A1" }, "rule/not_in_force");
    s = ok(s, seat("NL"), { type: "sign", agreementId: "A1", revision: 1 });
    refused(s, seat("JP"), { type: "withdraw", agreementId: "A1" }, "rule/not_a_party");
  });
});
