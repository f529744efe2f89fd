/**
 * "What would it take?" on a deal a bot declined (the deal card's button, shared/bots/talk.ts
 * `askBotOn`): a change of that very deal, which the bot then signs when it is proposed, or why
 * no change would do; never another deal (the United States, asked about a chip supply it turned
 * down, named an AI-norms coalition it then declined, as it already backed one).
 */
import { describe, expect, it } from "vitest";
import { botContext } from "../../shared/bots/context.ts";
import { askBotOn } from "../../shared/bots/bot.ts";
import { agreementById } from "../../shared/engine/world.ts";
import type { Draft } from "../../shared/engine/actions.ts";
import { apply } from "../../shared/engine/index.ts";
import { answered, negotiating, offer, seatActor, words, zhWords } from "./helpers.ts";

const SECTORS = ["semis", "minerals", "ai", "quantum", "telecom"] as const;

/** Offers from `asker` to `bot` of several kinds: goods from the bot, controls on the rival with it. */
function drafts(bot: string, asker: string): Draft[] {
  const target = ["CN", "US", "JP"].find((c) => c !== bot && c !== asker)!;
  return [
    ...SECTORS.map((sector) => ({ terms: { type: "supply" as const, suppliers: [bot], buyers: [asker], sector, volume: 2, price: 0.5, coInvest: 0 }, parties: [], duration: 4 })),
    ...SECTORS.flatMap((sector) => (["broad", "frontier"] as const).map((tier) => ({ terms: { type: "export-control" as const, sector, tier, target }, parties: [asker, bot], duration: 4 }))),
  ];
}

describe("“what would it take?” on a declined deal", () => {
  it("gives a change of that deal, which the bot then signs, or why none would do", () => {
    let changes = 0;
    let nones = 0;
    for (const seed of [1, 2, 7]) {
      const g = negotiating("classroom-quick", seed);
      for (const bot of ["US", "CN", "JP", "IN"])
        for (const asker of ["US", "CN", "JP", "IN", "NL"]) {
          if (asker === bot) continue;
          for (const d of drafts(bot, asker)) {
            const proposed = apply(g, { actor: seatActor(asker), move: { type: "propose", draft: d } });
            if (!proposed.ok) continue;
            const o = { state: proposed.state, id: `A${g.nextAgreement}` };
            const r = answered(o.state, bot, o.id);
            if (r.what !== "declined") continue;
            const a = agreementById(r.state, o.id)!;
            const b = askBotOn(botContext(r.state, bot), asker, { terms: a.terms, parties: a.parties, duration: a.duration });
            const where = `${seed} ${bot} ← ${asker} ${JSON.stringify(d.terms)}`;
            if (!("draft" in b)) {
              nones++;
              expect(b.none, where).toBeDefined();
              continue;
            }
            changes++;
            expect(b.draft.terms.type, where).toBe(a.terms.type);
            const p = offer(r.state, asker, b.draft);
            expect(answered(p.state, bot, p.id).what, `${where} → ${JSON.stringify(b.draft)}`).toBe("signed");
          }
        }
    }
    expect(changes, "some declined deals have a change the bot signs").toBeGreaterThan(0);
    expect(nones, "some have none").toBeGreaterThan(0);
  }, 120_000);

  it("says why no change would do, in English and in Chinese: the United States never supplies the other camp", () => {
    const g = negotiating("classroom-quick", 7);
    const o = offer(g, "CN", { terms: { type: "supply", suppliers: ["US"], buyers: ["CN"], sector: "semis", volume: 2, price: 0.5, coInvest: 0 }, parties: [], duration: 4 });
    const r = answered(o.state, "US", o.id);
    expect(r.what).toBe("declined");
    const a = agreementById(r.state, o.id)!;
    const b = askBotOn(botContext(r.state, "US"), "CN", { terms: a.terms, parties: a.parties, duration: a.duration });
    expect("draft" in b, "no other deal instead").toBe(false);
    const none = (b as { none?: Parameters<typeof words>[0] }).none;
    expect(words(none)).toMatch(/^The United States: “No small change of these terms makes the deal worth it for us: as it stands, it .*rival camp/);
    expect(zhWords(none)).toMatch(/^(美国|United States)：“对这些条款做小幅修改也不足以让我方觉得值得：按现有条款，.*对立阵营/);
  });
});
