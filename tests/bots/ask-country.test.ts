/**
 * "What would it take?" on a bot's country card (shared/bots/talk.ts `dealWith`, the server's
 * ask-bot request): the draft it returns is one the bot signs when the asker proposes it
 * (docs/RULES.md), by the same decision that answers every offer, also after the two have
 * already signed deals, and while its word stands on an open offer it signed (an export-control
 * regime of two on the same sector and target is no such draft: it keeps its word on the first,
 * shared/bots/answers.ts `pledgesOn`).
 */
import { describe, expect, it } from "vitest";
import { botContext } from "../../shared/bots/context.ts";
import { dealWith } from "../../shared/bots/bot.ts";
import { apply } from "../../shared/engine/index.ts";
import { answered, negotiating, seatActor } from "./helpers.ts";

describe("“what would it take?” on a bot's country card", () => {
  it("gives a deal the bot signs when the asker proposes it, again and again", () => {
    let drafts = 0;
    for (const seed of [1, 2, 7])
      for (const bot of ["US", "CN", "JP", "IN"]) {
        // Each draft proposed and signed, then the button asked again, by this asker and the next:
        // the deals the bot already has, with the asker or another country, count.
        let s = negotiating("classroom-quick", seed);
        for (const asker of ["NL", "US", "CN", "JP", "IN", "NL"]) {
          if (asker === bot) continue;
          for (let i = 0; i < 3; i++) {
            const d = dealWith(botContext(s, bot), asker);
            if (!d) break;
            const where = `seed ${seed}, ${bot} asked by ${asker}, ask ${i + 1}: ${JSON.stringify(d.draft)}`;
            const id = `A${s.nextAgreement}`;
            const proposed = apply(s, { actor: seatActor(asker), move: { type: "propose", draft: d.draft } });
            expect(proposed.ok, `${where}: the asker may propose it`).toBe(true);
            if (!proposed.ok) break;
            drafts++;
            const r = answered(proposed.state, bot, id);
            expect(r.what, where).toBe("signed");
            s = r.state;
          }
        }
      }
    expect(drafts, "the bots name deals").toBeGreaterThan(20);
  }, 300_000);

  it("names none its word on an open offer it signed stands against", () => {
    const seats = ["US", "NL", "JP", "CN", "IN", "ID", "TW"];
    let drafts = 0;
    for (const seed of [1, 2, 7])
      for (const bot of seats)
        for (const partner of seats) {
          if (partner === bot) continue;
          // The bot proposes (and so signs) the deal it names to `partner`, which has not signed it yet.
          const g = negotiating("classroom-quick", seed);
          const first = dealWith(botContext(g, bot), partner);
          if (!first) continue;
          const open = apply(g, { actor: seatActor(bot), move: { type: "propose", draft: first.draft } });
          if (!open.ok) continue;
          for (const asker of seats) {
            if (asker === bot || asker === partner) continue;
            const d = dealWith(botContext(open.state, bot), asker);
            if (!d) continue;
            const where = `seed ${seed}, ${bot} signed ${JSON.stringify(first.draft)} for ${partner}; asked by ${asker}: ${JSON.stringify(d.draft)}`;
            const id = `A${open.state.nextAgreement}`;
            const proposed = apply(open.state, { actor: seatActor(asker), move: { type: "propose", draft: d.draft } });
            expect(proposed.ok, `${where}: the asker may propose it`).toBe(true);
            if (!proposed.ok) continue;
            drafts++;
            expect(answered(proposed.state, bot, id).what, where).toBe("signed");
          }
        }
    expect(drafts, "the bots name deals").toBeGreaterThan(100);
  }, 300_000);
});
