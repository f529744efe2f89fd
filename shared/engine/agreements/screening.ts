/**
 * Investment-screening pact (docs/RULES.md §4.2): members treat each other
 * as trusted investors. Cheaper trusted investment, a little security, alliance cohesion, and a
 * bonus to co-investment and joint research between members.
 */
import { z } from "zod";
import { lazy } from "../../lazy.ts";
import { bumpMetric, bumpTable } from "../ledger.ts";
import { inForce } from "../world.ts";
import { defineAgreement, problem, shorter, unique, leaveListed, type PublicWorld } from "./kit.ts";
import { country, text } from "../text.ts";
import { STANCES, type Stance } from "../vocabulary.ts";

/** The camp a stance puts a country in: aligned and leaning with the alliance, rival-leaning and rival with the rival. */
export function campOf(stance: Stance): "alliance" | "rival" | null {
  const i = STANCES.indexOf(stance);
  return i < 2 ? "alliance" : i > 2 ? "rival" : null;
}

export const ScreeningSchema = lazy(() => z.strictObject({ type: z.literal("screening") }));
export type ScreeningTerms = z.infer<typeof ScreeningSchema>;

/** Whether `p` is in a screening pact signed or in force (other than `except`), in a bot's world. */
function inAPact(w: PublicWorld, p: string, except: string | undefined): boolean {
  for (const a of w.view.agreements) if (a.type === "screening" && a.id !== except && (a.status === "in-force" || a.status === "signed") && a.parties.includes(p)) return true;
  return false;
}

export const screening = defineAgreement<ScreeningTerms>({
  type: "screening",
  words: /screening|investment pact|\bpacts?\b|投资审查|审查/,
  role: "regulator",
  minParties: 2,
  schema: ScreeningSchema,
  parties: (_t, listed) => unique(listed),
  without: (t, parties, who) => leaveListed(2)(t, parties, who),
  minDuration: () => 1,
  check(world, _t, parties) {
    // Trusted investors: no pact joins countries of opposite camps (alliance and rival sides).
    const camps = parties.map((p) => ({ p, camp: campOf(world.country(p)!.stance) }));
    const ally = camps.find((c) => c.camp === "alliance");
    const rival = camps.find((c) => c.camp === "rival");
    if (ally && rival) return problem("rule/no_trust", "parties", text("refusal.noTrust", { a: country(ally.p), b: country(rival.p) }));
    return null;
  },
  conflict(world, _t, parties, who) {
    // Pacts do not stack: one pact per pair of countries.
    for (const a of world.commitments?.(who, "screening") ?? []) {
      const both = parties.find((p) => p !== who && a.parties.includes(p));
      if (both) return problem("rule/already_screened", "parties", text("refusal.alreadyScreened", { a: country(who), b: country(both), id: a.id }));
    }
    return null;
  },
  outlay: () => 0,
  summary: (_t, parties) => ({ params: { parties: { countries: parties } }, extras: [] }),
  resolve(state) {
    const rules = state.scenario.rules.screening;
    // A country in several pacts gains the investment benefits once a round.
    const gained = new Set<string>();
    for (const a of inForce(state, "screening")) {
      bumpTable(state, "cohesion", rules.cohesion * (a.parties.length - 1), text("cause.deal.screeningPact", { id: a.id }));
      for (const p of a.parties) {
        if (gained.has(p)) continue;
        gained.add(p);
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
        if (inAPact(w, p, deal.existing?.id)) continue;
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
