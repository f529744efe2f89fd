/**
 * A deal a bot suggested to a person (in chat, or by the country card's "What would it take?"),
 * proposed by that person while another country's offer waits on the bot: the bot answers the
 * older offer first, and once it has signed that one the suggested terms may no longer pay. It
 * then says so, naming the deal it signed (docs/RULES.md, "Talking to a bot"), not only that the
 * terms "gain us nothing", which reads as going back on its word.
 */
import { describe, expect, it } from "vitest";
import { botContext } from "../../shared/bots/context.ts";
import { dealWith } from "../../shared/bots/bot.ts";
import { agreementById } from "../../shared/engine/world.ts";
import type { Text } from "../../shared/engine/text.ts";
import { answered, negotiating, offer, say, words, zhWords } from "./helpers.ts";

/** `other`'s offer to `bot` first (the deal `bot` would sign with it), then `asker`'s of `draft`; the bot's answers to both. */
function bothOffers(bot: string, asker: string, other: string, draft: Parameters<typeof offer>[2], s = negotiating()) {
  const theirs = offer(s, other, dealWith(botContext(s, bot), other)!.draft);
  const mine = offer(theirs.state, asker, draft);
  const r = answered(mine.state, bot, mine.id);
  const step = [...agreementById(r.state, mine.id)!.steps].reverse().find((x) => x.by === bot)!;
  const reason = step.reason as Text;
  return { r, theirs: theirs.id, mine: mine.id, reason, signedTheirs: agreementById(r.state, theirs.id)!.signatures.includes(bot) };
}

describe("a suggested deal that the bot's signature on another offer made worthless", () => {
  it("suggested in chat: the United States declines India's screening pact after signing Indonesia's, and says that is why", () => {
    const s = negotiating();
    const asked = say(s, "What deal would you sign with us?", "IN", "US");
    expect(asked.draft?.terms.type, words(asked.said)).toBe("screening");
    const { r, theirs, reason, signedTheirs } = bothOffers("US", "IN", "ID", asked.draft!, asked.state);
    expect(signedTheirs, "it signed Indonesia's older offer first").toBe(true);
    expect(r.what).toBe("declined");
    const en = words(reason);
    expect(en, en).toMatch(new RegExp(`^declined: since we signed ${theirs} \\(investment screening pact\\), this deal no longer pays for us: `));
    expect(zhWords(reason)).toContain(theirs);
  });

  it("suggested by “What would it take?”: the Netherlands declines the United States' joint research after signing Japan's, and says that is why", () => {
    const s = negotiating();
    const suggested = dealWith(botContext(s, "NL"), "US")!;
    expect(suggested.draft.terms.type).toBe("rnd");
    const { r, theirs, reason } = bothOffers("NL", "US", "JP", suggested.draft, s);
    expect(r.what).toBe("declined");
    expect(words(reason)).toContain(`since we signed ${theirs} (joint R&D`);
  });

  it("an offer that would not pay without the other deal either gets the plain reason", () => {
    const dear = { terms: { type: "supply" as const, suppliers: ["US"], buyers: ["NL"], sector: "semis" as const, volume: 5, price: 5, coInvest: 0 }, parties: [], duration: 1 };
    const { r, reason, signedTheirs } = bothOffers("NL", "US", "JP", dear);
    expect(signedTheirs && r.what).toBe("declined");
    expect(words(reason)).not.toContain("since we signed");
  });
});
