/**
 * Alignment statement (docs/RULES.md §4.5): signatories state shared
 * clauses concerning a named country. Security and cohesion for each clause; tension; and a
 * cost in domestic support where business trades with the country named.
 */
import { z } from "zod";
import { lazy } from "../../lazy.ts";
import { bumpMetric, bumpTable } from "../ledger.ts";
import { ALIGNMENT_CLAUSES } from "../vocabulary.ts";
import { exposureToOtherCamp, inForce, pct, tradeChill } from "../world.ts";
import { defineAgreement, distinct, DISTINCT, Id, problem, shorter, unique, leaveListed } from "./kit.ts";
import { country, text } from "../text.ts";

export const AlignmentSchema = lazy(() => z.strictObject({ type: z.literal("alignment"), clauses: z.array(z.enum(ALIGNMENT_CLAUSES)).min(1).max(4).refine(distinct, DISTINCT), target: Id }));
export type AlignmentTerms = z.infer<typeof AlignmentSchema>;

export const alignment = defineAgreement<AlignmentTerms>({
  type: "alignment",
  words: /alignment|statement|声明|表态/,
  role: "diplomat",
  minParties: 2,
  schema: AlignmentSchema,
  parties: (_t, listed) => unique(listed),
  without: (t, parties, who) => leaveListed(2)(t, parties, who),
  minDuration: () => 1,
  check(world, t, parties) {
    if (!world.country(t.target)) return problem("rule/unknown_country", "target", text("refusal.unknownCountry", { id: t.target }));
    if (parties.includes(t.target)) return problem("rule/target_is_party", "target", text("refusal.statementNamesSignatory"));
    return null;
  },
  outlay: () => 0,
  summary: (t, parties) => ({
    params: { parties: { countries: parties }, clauses: { labels: t.clauses, prefix: "clause", join: "; " }, target: { country: t.target } },
    extras: [],
  }),
  resolve(state) {
    const rules = state.scenario.rules.alignment;
    for (const a of inForce(state, "alignment")) {
      const t = a.terms as AlignmentTerms;
      const k = t.clauses.length;
      bumpTable(state, "cohesion", rules.cohesionPerClause * k, text("cause.deal.alignedStatement", { id: a.id }));
      bumpTable(state, "tension", rules.tensionPerClause * k, text("cause.deal.statementConcerning", { id: a.id, country: country(t.target) }));
      for (const p of a.parties) {
        bumpMetric(state, p, "security", rules.securityPerClause * k, text("cause.deal.threatPicture", { id: a.id }));
        const exposure = state.countries[p]!.exposure[t.target] ?? 0;
        bumpMetric(state, p, "support", -rules.supportCostPerClause * k * exposure, text("cause.deal.businessFears", { id: a.id, country: country(t.target), pct: pct(exposure) }));
      }
    }
  },
  form: {
    fields: ["parties", "clauses", "target", "duration"],
    read: (t) => ({ clauses: [...t.clauses], target: t.target }),
    write: (f) => ({ terms: { type: "alignment", clauses: f.clauses, target: f.target }, parties: f.parties }),
  },
  bots: {
    takesSides: true,
    previewShowsAll: true,
    costsEachRound: () => true,
    sameDealKey: (t) => t.target,
    partiesMatter: true,
    variants(_w, { terms: t, duration }) {
      const fewer = t.clauses.length > 1 ? t.clauses.map((c) => ({ terms: { ...t, clauses: t.clauses.filter((x) => x !== c) } })) : [];
      return [...fewer, ...shorter(t, duration)];
    },
    project(w, deal, acc) {
      const { terms: t, horizon: h } = deal;
      const r = w.ctx.rules.alignment;
      const k = t.clauses.length;
      for (const p of deal.parties) {
        acc.flow(p, "security", r.securityPerClause * k, h, "shared threat picture");
        const exposure = w.byId.get(p)?.exposure[t.target] ?? 0;
        acc.flow(p, "support", -r.supportCostPerClause * k * exposure, h, "business fears for trade");
      }
      acc.tflow("cohesion", r.cohesionPerClause * k, h, "aligned statement");
      acc.tflow("tension", r.tensionPerClause * k, h, "statement names a rival");
      // The tension chills each party's trade with the other camp (the round's drift): at 3 a
      // clause (Alliance 2021, Multipolar 2024) that is a cost a signatory must see.
      for (const p of deal.parties) {
        const c = w.byId.get(p);
        if (!c) continue;
        const exposure = exposureToOtherCamp(c.bloc, c.exposure, w.byId.values());
        if (exposure > 0) acc.flow(p, "prosperity", -tradeChill(w.ctx.rules, r.tensionPerClause * k, exposure), h, "tension chills trade");
      }
    },
    random(d) {
      const parties = [d.seat, ...d.some(1 + d.int(3))];
      const clauses = d.sample(ALIGNMENT_CLAUSES, 1 + d.int(3));
      const target = d.pick(d.others.filter((o) => !parties.includes(o))) ?? d.seat;
      return { terms: { type: "alignment", clauses, target }, parties };
    },
  },
});
