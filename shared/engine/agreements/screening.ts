/**
 * Investment-screening pact (docs/RULES.md "Investment screening"): members treat each other
 * as trusted investors. Cheaper trusted investment, a little security, alliance cohesion, and a
 * bonus to co-investment and joint research between members.
 */
import { z } from "zod";
import { bumpMetric, bumpTable } from "../ledger.ts";
import { inForce } from "../world.ts";
import { defineAgreement, list, shorter, unique } from "./kit.ts";
import { text } from "../text.ts";

export const ScreeningSchema = z.strictObject({ type: z.literal("screening") });
export type ScreeningTerms = z.infer<typeof ScreeningSchema>;

export const screening = defineAgreement<ScreeningTerms>({
  type: "screening",
  name: "Investment screening pact",
  role: "regulator",
  minParties: 2,
  schema: ScreeningSchema,
  parties: (_t, listed) => unique(listed),
  minDuration: () => 1,
  check: () => null,
  outlay: () => 0,
  summary: (_t, parties) => ({ params: { parties: { countries: parties } }, extras: [] }),
  resolve(state) {
    const rules = state.scenario.rules.screening;
    for (const a of inForce(state, "screening")) {
      bumpTable(state, "cohesion", rules.cohesion * (a.parties.length - 1), text("cause.deal.screeningPact", { id: a.id }));
      for (const p of a.parties) {
        bumpMetric(state, p, "prosperity", rules.prosperity, text("cause.deal.trustedInvestment", { id: a.id }));
        bumpMetric(state, p, "security", rules.security, text("cause.deal.screenedInvestment", { id: a.id }));
      }
    }
  },
  form: { fields: ["parties", "duration"], read: () => ({}), write: (f) => ({ terms: { type: "screening" }, parties: f.parties }) },
  bots: {
    takesSides: false,
    previewShowsAll: true,
    costsEachRound: () => false,
    sameDealKey: () => "",
    partiesMatter: true,
    variants: (_w, { terms, duration }) => shorter(terms, duration),
    project(w, deal, acc) {
      const r = w.ctx.rules.screening;
      const h = deal.horizon;
      for (const p of deal.parties) {
        acc.flow(p, "prosperity", r.prosperity, h, "cheaper trusted investment");
        acc.flow(p, "security", r.security, h, "screened investment");
      }
      acc.tflow("cohesion", r.cohesion * (deal.parties.length - 1), h, "screening pact");
    },
    random(d) {
      return { terms: { type: "screening" }, parties: [d.seat, ...d.some(1 + d.int(3))] };
    },
  },
});
