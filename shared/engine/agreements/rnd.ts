/**
 * Joint R&D / talent exchange (docs/RULES.md §4.7): members pool capital each round for
 * research in a sector. A breakthrough, with a chance that grows with the pool, raises every
 * member's capability; otherwise they still learn a little.
 */
import { z } from "zod";
import { lazy } from "../../lazy.ts";
import { bumpCapability, bumpCapital, bumpTable } from "../ledger.ts";
import { nextRandom } from "../rng.ts";
import type { Rules } from "../../scenario/schema.ts";
import { inForce, jvBonus, news, pct } from "../world.ts";
import { defineAgreement, SectorSchema, shorter, unique, leaveListed } from "./kit.ts";
import { countries, sectorInSentence, text } from "../text.ts";

export const RndSchema = lazy(() => z.strictObject({ type: z.literal("rnd"), sector: SectorSchema, contribution: z.number().min(1).max(20) }));
export type RndTerms = z.infer<typeof RndSchema>;

/** A round's chance of a breakthrough (docs/RULES.md §4.7): the members' pooled contributions', with a screening pact's bonus, capped. */
const breakthroughChance = (r: Rules["rnd"], t: RndTerms, members: number, jv: number): number => Math.min(r.maxChance, t.contribution * members * r.chancePerCapital * jv);

/** The capability a member gains in expectation from a round with this chance of a breakthrough. */
const expectedGain = (r: Rules["rnd"], chance: number): number => chance * r.breakthrough + (1 - chance) * r.learning;

export const rnd = defineAgreement<RndTerms>({
  type: "rnd",
  words: /r ?& ?d|research|joint research|研发|合作研究/,
  role: "envoy",
  minParties: 2,
  schema: RndSchema,
  parties: (_t, listed) => unique(listed),
  without: (t, parties, who) => leaveListed(2)(t, parties, who),
  minDuration: () => 1,
  check: () => null,
  outlay: (_rules, t, parties, country) => (parties.includes(country) ? t.contribution : 0),
  summary: (t, parties) => ({ params: { parties: { countries: parties }, contribution: { num: t.contribution }, sector: { sector: t.sector, inline: true } }, extras: [] }),
  resolve(state) {
    const rules = state.scenario.rules.rnd;
    for (const a of inForce(state, "rnd")) {
      const t = a.terms as RndTerms;
      const chance = breakthroughChance(rules, t, a.parties.length, jvBonus(state.scenario.rules, state.agreements, a.parties));
      for (const p of a.parties) bumpCapital(state, p, -t.contribution, text("cause.deal.jointResearch", { id: a.id, sector: sectorInSentence(t.sector) }));
      if (state.expected) {
        const gain = expectedGain(rules, chance);
        for (const p of a.parties)
          bumpCapability(state, p, t.sector, gain, text("cause.deal.expectedResearch", { id: a.id, pct: pct(chance), breakthrough: rules.breakthrough, learning: rules.learning }));
        bumpTable(state, "cohesion", rules.cohesion, text("cause.deal.researchCohesion", { id: a.id }));
        continue;
      }
      const success = nextRandom(state) < chance;
      for (const p of a.parties) {
        bumpCapability(state, p, t.sector, success ? rules.breakthrough : rules.learning, text(success ? "cause.deal.breakthrough" : "cause.deal.noBreakthrough", { id: a.id, pct: pct(chance) }));
      }
      if (success) news(state, "agreement", text("news.breakthrough", { sector: sectorInSentence(t.sector), parties: countries(a.parties), id: a.id }));
      bumpTable(state, "cohesion", rules.cohesion, text("cause.deal.researchCohesion", { id: a.id }));
    }
  },
  form: {
    fields: ["parties", "sector", "contribution", "duration"],
    read: (t) => ({ sector: t.sector, contribution: t.contribution }),
    write: (f) => ({ terms: { type: "rnd", sector: f.sector, contribution: f.contribution }, parties: f.parties }),
  },
  bots: {
    takesSides: false,
    previewShowsAll: true,
    previewCapitalOnly: true,
    costsEachRound: () => true,
    supplies: (_t, parties, me) => (parties.includes(me) ? parties.filter((p) => p !== me) : []),
    sameDealKey: (t) => t.sector,
    partiesMatter: true,
    variants: (_w, { terms: t, duration }) => [...(t.contribution > 1 ? [{ terms: { ...t, contribution: t.contribution - 1 } }] : []), ...shorter(t, duration)],
    project(w, deal, acc) {
      const { terms: t, parties, horizon: h } = deal;
      const rules = w.ctx.rules;
      const r = rules.rnd;
      const chance = breakthroughChance(r, t, parties.length, jvBonus(rules, w.view.agreements, parties));
      const expected = expectedGain(r, chance);
      for (const p of parties) {
        acc.flow(p, "capital", -t.contribution, h, "research contribution");
        acc.capability(p, t.sector, expected, h, `expected research results (${Math.round(chance * 100)}% chance of a breakthrough)`);
      }
      acc.tflow("cohesion", r.cohesion, h, "joint research");
    },
    random(d) {
      const parties = [d.seat, ...d.some(1 + d.int(2))];
      return { terms: { type: "rnd", sector: d.sector, contribution: 1 + d.int(4) }, parties };
    },
  },
});
