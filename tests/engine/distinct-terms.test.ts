/**
 * A deal's lists name each thing once (docs/RULES.md §4): an alignment statement's clauses, a
 * loan's lenders and conditions, a supply deal's suppliers and buyers. A statement is worth its
 * clauses (*k* of the four), so one that listed a clause three times would count it three times;
 * a lender listed twice would pay its financing twice while the budget check counted it once.
 * The move is refused as malformed, before the engine sees it.
 */
import { describe, expect, it } from "vitest";
import { DraftSchema } from "../../shared/engine/index.ts";

const refused = (terms: unknown, parties?: string[]) => expect(DraftSchema.safeParse({ terms, duration: 3, ...(parties ? { parties } : {}) }).success).toBe(false);
const taken = (terms: unknown, parties?: string[]) => expect(DraftSchema.safeParse({ terms, duration: 3, ...(parties ? { parties } : {}) }).success).toBe(true);

describe("a deal's terms list each thing once", () => {
  it("an alignment statement's clauses", () => {
    refused({ type: "alignment", clauses: ["threat-assessment", "threat-assessment", "threat-assessment"], target: "CN" }, ["JP", "US"]);
    taken({ type: "alignment", clauses: ["threat-assessment", "supply-chain-risk"], target: "CN" }, ["JP", "US"]);
  });

  it("a loan's lenders and conditions", () => {
    const loan = { type: "loan", lenders: ["US"], recipient: "KE", project: "cable", amount: 20, interest: 3, grace: 0, conditions: ["trusted-vendors"] };
    refused({ ...loan, lenders: ["US", "US"] });
    refused({ ...loan, conditions: ["trusted-vendors", "trusted-vendors"] });
    taken({ ...loan, lenders: ["US", "JP"], conditions: ["trusted-vendors", "local-jobs"] });
  });

  it("a supply deal's suppliers and buyers", () => {
    const supply = { type: "supply", suppliers: ["JP"], buyers: ["IN"], sector: "semis", volume: 4, price: 1 };
    refused({ ...supply, suppliers: ["JP", "JP"] });
    refused({ ...supply, buyers: ["IN", "IN"] });
    taken({ ...supply, suppliers: ["JP", "NL"], buyers: ["IN", "VN"] });
  });
});
