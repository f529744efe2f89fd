/**
 * A question about one kind of deal is answered about that kind (docs/RULES.md, "Talking to a
 * bot"): "Would you do joint research?" is "will you join…?" for joint research, not the usage
 * help; and where no deal of that kind pays, the bot says so and names the deal of another kind
 * that would, from its own valuation.
 */
import { describe, expect, it } from "vitest";
import { parseIntent } from "../../shared/bots/intents.ts";
import { negotiating, say, words, zhWords } from "./helpers.ts";

describe("a question that names a kind of deal and nothing else", () => {
  it.each([
    ["Would you do joint research?", { kind: "join", type: "rnd" }],
    ["Would you do joint research with us in quantum?", { kind: "join", type: "rnd", sector: "quantum" }],
    ["Are you interested in a supply deal?", { kind: "join", type: "supply" }],
    ["Do you want a screening pact with us?", { kind: "join", type: "screening" }],
    ["联合研发呢？", { kind: "join", type: "rnd" }],
    ["标准联盟呢", { kind: "join", type: "standards" }],
    // News, not a question: the usage help's business.
    ["We signed a supply deal last round.", { kind: "other" }],
  ])("%s", (q, intent) => {
    expect(parseIntent(q)).toEqual(intent);
  });

  it.each([
    ["Would you do joint research with us?"],
    ["联合研发呢？"],
  ])("the Netherlands, asked “%s” by the United States, names the joint research it would sign", (q) => {
    const r = say(negotiating(), q, "US", "NL");
    expect(r.draft?.terms.type, words(r.said)).toBe("rnd");
    expect(words(r.said)).toMatch(/^We would sign this, for 2 rounds: Joint semiconductors research/);
    expect(zhWords(r.said)).toContain("联合研发");
  });
});

describe("a kind of deal of which it sees none to value", () => {
  it.each([
    ["ID", "IN", "Would you sign a standards deal?"],
    ["ID", "IN", "标准联盟呢？"],
  ])("%s, asked by %s “%s”: says so, then the deal of another kind it would sign", (bot, asker, q) => {
    const r = say(negotiating(), q, asker, bot);
    expect(words(r.said)).toMatch(/^We see no standards coalition with you that would pay for us\. Instead, we would sign this, for \d rounds?: Loan of /);
    // The terms to propose are the other kind's, and the Chinese answer says "instead" too.
    expect(r.draft?.terms.type).toBe("loan");
    expect(zhWords(r.said)).toMatch(/^我方看不到与你方之间对我方有利的标准联盟。不过我方会签署/);
  });
});
