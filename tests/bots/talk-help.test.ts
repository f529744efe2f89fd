/**
 * The usage help a bot writes back to a line it does not read as a question ("Hello"): its
 * example questions name a deal the reader can see (the asker's latest with that bot), or no
 * deal id at all, never an id of no deal (docs/RULES.md, "Talking to a bot").
 */
import { describe, expect, it } from "vitest";
import { dealIdsIn } from "../../shared/engine/deal-ids.ts";
import { negotiating, offer, say, words, zhWords } from "./helpers.ts";

const rnd = { terms: { type: "rnd" as const, sector: "semis" as const, contribution: 1 }, parties: ["US", "JP"], duration: 2 };

describe("the usage help", () => {
  it.each(["Hello", "你好"])("“%s” with no deal on the table: example questions that name no deal id, in both languages", (q) => {
    const r = say(negotiating(), q, "US", "JP");
    expect(r.state.agreements).toEqual([]);
    for (const line of [words(r.said), zhWords(r.said)]) {
      expect(line).toMatch(/^Hello\. We answer offers|^你好！我方可以回答/);
      expect(dealIdsIn(line), line).toEqual([]);
    }
  });

  it.each(["Hello", "你好"])("“%s” after an offer to the bot: the examples name that offer, a deal that exists, in both languages", (q) => {
    const o = offer(negotiating(), "US", rnd);
    const r = say(o.state, q, "US", "JP");
    for (const line of [words(r.said), zhWords(r.said)]) {
      expect(line).toMatch(/^Hello\. We answer offers|^你好！我方可以回答/);
      const ids = dealIdsIn(line);
      expect(ids.length, line).toBeGreaterThan(0);
      for (const id of ids) expect(r.state.agreements.map((a) => a.id), line).toContain(id);
    }
  });
});
