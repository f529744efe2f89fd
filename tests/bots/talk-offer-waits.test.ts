/**
 * Where no deal of the kind asked pays for a bot and its best deal with the asker is one it has
 * already offered, waiting on the asker's answer, it says so: a newcomer asking China for a supply
 * deal, then "what would it take?", heard that none pays, and not that China's own offer (a
 * standards coalition, in the Deals tab) waited on them (docs/RULES.md, the questions table).
 */
import { describe, expect, it } from "vitest";
import { botContext } from "../../shared/bots/context.ts";
import { dealWith } from "../../shared/bots/bot.ts";
import { negotiating, offer, say, words, zhWords } from "./helpers.ts";

describe("an offer of the bot's waiting on the asker", () => {
  it("China, asked for a supply deal after offering the United States its coalitions, points to the latest of them", () => {
    const s = negotiating();
    // China offers the United States both coalitions it would sign with it: nothing else with them pays for it.
    const first6g = offer(s, "CN", dealWith(botContext(s, "CN"), "US")!.draft);
    const o = offer(first6g.state, "CN", dealWith(botContext(first6g.state, "CN"), "US")!.draft);
    const first = say(o.state, "Will you sign a supply deal with us?", "US", "CN");
    const take = say(first.state, "What would it take?", "US", "CN");
    expect(words(take.said)).toMatch(new RegExp(`^As we said, no small change makes this deal pay for us: .*\\. Our offer ${o.id} \\(standards coalition\\) waits on your answer\\.$`));
    expect(zhWords(take.said)).toContain(`我方的提议 ${o.id}`);
  });
});
