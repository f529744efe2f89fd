/**
 * The rival's ban in a bot's reasons (shared/bots/speech.ts): supply from elsewhere spares a
 * member the ban, and the hint says so only as far as it goes. Where the deal would still cost
 * more than it brings without the ban (the member's own lost sales to the rival, say), the
 * answer names those costs and the net, so a player who buys the supply is not told it would do.
 */
import { describe, expect, it } from "vitest";
import { because } from "../../shared/bots/speech.ts";
import type { Valuation } from "../../shared/bots/value.ts";
import { act, negotiating, offer, say, seatActor, words, zhWords } from "./helpers.ts";

const ban = (elsewhere: boolean, covered: number): NonNullable<Valuation["ban"]> => ({
  rival: "CN",
  sector: "minerals",
  parts: [{ label: "prosperity", points: -6, amount: -8 }],
  points: -6,
  elsewhere,
  covered,
  short: 3.8,
});

describe("the rival's ban, with supply from elsewhere", () => {
  it("where the deal would still cost more than it brings without the ban, names the rest (its own lost sales) and the net, not that minerals would spare it", () => {
    // Japan's chip regime: −14 prosperity (8 of it the ban's, 6 its lost sales to China), +2 security.
    const v: Valuation = { value: -9, parts: [{ label: "prosperity", points: -11, amount: -14 }, { label: "security", points: 2, amount: 2 }], ban: ban(true, 4) };
    const en = words(because(v, true), "alliance-2021");
    expect(en).toContain("more critical minerals (3.8 more a round) from elsewhere would spare us that, but not the rest of the cost, 6 prosperity; even without the ban it would cost us 3 points all told");
    expect(zhWords(because(v, true), "alliance-2021")).toContain("3 分");
  });

  it("where the ban is all that stands in the way, says supply from elsewhere would spare it, as before", () => {
    const v: Valuation = { value: -4, parts: [{ label: "prosperity", points: -6, amount: -8 }, { label: "security", points: 2, amount: 2 }], ban: ban(true, 0) };
    const en = words(because(v, true), "alliance-2021");
    expect(en).toMatch(/critical minerals from elsewhere would spare us that$/);
  });
});

describe("asked again once the minerals come", () => {
  it("Japan, buying 4 critical minerals a round from Australia, asked again to join the chip regime, says what still stands in the way, with numbers", () => {
    const al = "alliance-2021";
    const q = "Would you join an export-control regime in semiconductors with us and the Netherlands?";
    const first = say(negotiating(al, 1), q, "US", "JP");
    const o = offer(first.state, "AU", { terms: { type: "supply", suppliers: ["AU"], buyers: ["JP"], sector: "minerals", volume: 4, price: 1 }, duration: 5 });
    const s = act(o.state, { actor: seatActor("JP"), move: { type: "sign", agreementId: o.id, revision: 1 } });
    const again = words(say(s, q, "US", "JP").said, al);
    expect(again).toMatch(/^No export-control regime in semiconductors with you would pay for us\. The nearest, over \d rounds: /);
    expect(again).toMatch(/from elsewhere would spare us that, but not the rest of the cost, [\d.]+ prosperity and [\d.]+ domestic support; even without the ban it would cost us [\d.]+ points? all told\.$/);
  });
});
