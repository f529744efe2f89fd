/**
 * Standards coalition (docs/RULES.md §4.6): members back one option in a race.
 * The side with more weight (members' capability in the race's sector plus partners built on
 * their loans) sets the standard, and each of its members gains influence every round.
 */
import { z } from "zod";
import { lazy } from "../../lazy.ts";
import { bumpMetric } from "../ledger.ts";
import type { Agreement, GameState } from "../types.ts";
import type { Sector } from "../vocabulary.ts";
import { inForce, news, r1 } from "../world.ts";
import { defineAgreement, Id, problem, shorter, unique, type PublicWorld, leaveListed } from "./kit.ts";
import { country, option, ref, text } from "../text.ts";

export const StandardsSchema = lazy(() => z.strictObject({ type: z.literal("standards"), technology: Id, option: Id }));
export type StandardsTerms = z.infer<typeof StandardsSchema>;

/**
 * Whether a standards race is run in `round`: from the round it opens in (the scenario's
 * `opens`; always when it sets none; docs/RULES.md §4.6). Before it, a coalition for it is
 * refused and no side sets its standard.
 */
export function raceOpen(race: { opens?: number | undefined }, round: number): boolean {
  return race.opens === undefined || round >= race.opens;
}

/** Members of the side backing `option` in a standards race, from a bot's view (in force or signed coalitions). Read only: it is kept for the world. */
export function sideOf(w: PublicWorld, technology: string, option: string): ReadonlySet<string> {
  return raceOf(w, technology)?.sides.find((x) => x.option === option)?.members ?? NOBODY;
}
const NOBODY: ReadonlySet<string> = new Set();

/**
 * A race as a bot's world sees it, worked out once a world: each option's side (in force or
 * signed coalitions, and the rival on its option) with its members' capability in the race's
 * sector, summed in the side's order, the lenders of every locked-in loan, and the option that
 * leads now. Kept by the world's `shared` key, once for every seat's world of the same deals
 * and countries and the copies that carry the open offers (open offers change neither a side nor
 * a locked-in loan; a race reads only public numbers).
 */
type Side = { option: string; members: Set<string>; capability: number };
type Race = { sides: Side[]; lenders: string[][]; sector: Sector; leader?: string | null };
const races = new WeakMap<object, Map<string, Race | null>>();
function raceOf(w: PublicWorld, technology: string): Race | null {
  let byTech = races.get(w.shared);
  if (!byTech) races.set(w.shared, (byTech = new Map()));
  let race = byTech.get(technology);
  if (race === undefined) byTech.set(technology, (race = makeRace(w, technology)));
  return race;
}

function makeRace(w: PublicWorld, technology: string): Race | null {
  const tech = w.view.scenario.standards.find((s) => s.id === technology);
  if (!tech) return null;
  const rival = w.ctx.rival;
  const sides: Side[] = [];
  for (const o of tech.options) {
    const members = new Set<string>();
    for (const a of w.view.agreements) {
      if (a.terms.type !== "standards" || a.terms.technology !== technology || a.terms.option !== o.id) continue;
      if (a.status === "in-force" || a.status === "signed") a.parties.forEach((p) => members.add(p));
    }
    if (rival && rival.standards[technology] === o.id) members.add(rival.country);
    let capability = 0;
    for (const m of members) capability += w.byId.get(m)?.sectors[tech.sector].capability ?? 0;
    sides.push({ option: o.id, members, capability });
  }
  const buildRounds = w.ctx.rules.loans.buildRounds;
  const lenders: string[][] = [];
  for (const a of w.view.agreements) if (a.terms.type === "loan" && lockedIn(a, buildRounds, rival?.country)) lenders.push(a.terms.lenders);
  return { sides, lenders, sector: tech.sector };
}

/** A side's weight with `joining` added to it (null: the side has nobody). */
function sideWeight(w: PublicWorld, race: Race, side: Side, joining: readonly string[] | null): number | null {
  let members: ReadonlySet<string> = side.members;
  let capability = side.capability;
  if (joining) {
    let grown: Set<string> | undefined;
    for (const p of joining) {
      if (members.has(p)) continue;
      members = grown ??= new Set(side.members);
      grown.add(p);
      capability += w.byId.get(p)?.sectors[race.sector].capability ?? 0;
    }
  }
  if (!members.size) return null;
  let partners = 0;
  for (const lenders of race.lenders) if (lenders.some((l) => members.has(l))) partners++;
  return capability + w.ctx.rules.standards.partnerWeight * partners;
}

/** The option whose side weighs most now (the first of equals), if any side has members. */
export function standardLeader(w: PublicWorld, technology: string): string | undefined {
  const race = raceOf(w, technology);
  if (!race) return undefined;
  if (race.leader === undefined) {
    let best: { option: string; weight: number } | null = null;
    for (const side of race.sides) {
      const weight = sideWeight(w, race, side, null);
      if (weight !== null && (!best || weight > best.weight)) best = { option: side.option, weight };
    }
    race.leader = best?.option ?? null;
  }
  return race.leader ?? undefined;
}

/**
 * A partner locked into its lender's ecosystem: a completed loan with the trusted-vendors
 * condition (the automated rival builds only with its own vendors, so its loans always lock in).
 * Only locked-in partners add weight to their lender's side of a standards race.
 */
export function lockedIn(a: Pick<Agreement, "terms" | "built">, buildRounds: number, rival?: string): boolean {
  if (a.terms.type !== "loan" || (a.built ?? 0) < buildRounds) return false;
  return a.terms.conditions.includes("trusted-vendors") || (!!rival && a.terms.lenders.includes(rival));
}

/** Whether `option`'s side, with `joining` added, would outweigh every other side. */
export function standardLeads(w: PublicWorld, technology: string, option: string, joining: string[]): boolean {
  const race = raceOf(w, technology);
  if (!race) return false;
  const own = race.sides.find((x) => x.option === option);
  const mine = own ? (sideWeight(w, race, own, joining) ?? 0) : 0;
  for (const side of race.sides) {
    if (side === own) continue;
    const x = sideWeight(w, race, side, null);
    if (x !== null && x >= mine) return false;
  }
  return mine > 0;
}

/** Standards races: the side with more weight (capability plus aligned partners) sets the standard. */
function resolveRaces(state: GameState) {
  const rules = state.scenario.rules.standards;
  const rival = state.scenario.rival;
  for (const tech of state.scenario.standards) {
    if (!raceOpen(tech, state.round)) continue;
    const sides = new Map<string, Set<string>>();
    for (const a of inForce(state, "standards")) {
      const t = a.terms as StandardsTerms;
      if (t.technology !== tech.id) continue;
      const side = sides.get(t.option) ?? new Set<string>();
      a.parties.forEach((p) => side.add(p));
      sides.set(t.option, side);
    }
    if (!sides.size) continue;
    const rivalOption = rival?.standards[tech.id];
    if (rival && rivalOption) sides.set(rivalOption, (sides.get(rivalOption) ?? new Set()).add(rival.country));
    const weights = [...sides].map(([option, members]) => {
      const partners = state.agreements.filter(
        (a) => lockedIn(a, state.scenario.rules.loans.buildRounds, rival?.country) && a.terms.type === "loan" && a.terms.lenders.some((l) => members.has(l)),
      ).length;
      const capability = [...members].reduce((sum, m) => sum + state.countries[m]!.sectors[tech.sector].capability, 0);
      return { option, members, weight: r1(capability + rules.partnerWeight * partners) };
    });
    weights.sort((x, y) => y.weight - x.weight);
    const [first, second] = weights;
    if (!first || (second && second.weight === first.weight)) continue;
    const race = { option: option(tech.id, first.option), technology: ref("technology", tech.id), weight: first.weight, against: second ? text("news.standardAgainst", { weight: second.weight }) : "" };
    if (state.standards[tech.id] !== first.option) {
      state.standards[tech.id] = first.option;
      news(state, "standard", text("news.standard", race));
    }
    for (const m of first.members) bumpMetric(state, m, "influence", rules.influence, text("cause.standard", race));
  }
}

export const standards = defineAgreement<StandardsTerms>({
  type: "standards",
  words: /standards?|coalition|\b6g\b|标准/,
  role: "diplomat",
  minParties: 1,
  schema: StandardsSchema,
  parties: (_t, listed) => unique(listed),
  without: (t, parties, who) => leaveListed(1)(t, parties, who),
  minDuration: () => 1,
  check(world, t) {
    const tech = world.standards.find((s) => s.id === t.technology);
    if (!tech) return problem("rule/unknown_standard", "technology", text("refusal.unknownStandard", { id: t.technology }));
    if (!tech.options.some((o) => o.id === t.option)) return problem("rule/unknown_standard", "option", text("refusal.unknownOption", { id: t.option, technology: ref("technology", tech.id) }));
    if (world.round !== undefined && !raceOpen(tech, world.round)) return problem("rule/race_not_open", "technology", text("refusal.raceNotOpen", { technology: ref("technology", tech.id), round: tech.opens ?? 1 }));
    return null;
  },
  conflict(world, t, _parties, who) {
    // One side per race: switching sides means withdrawing from the other coalition first.
    const other = (world.commitments?.(who, "standards") ?? []).find((a) => a.terms.type === "standards" && a.terms.technology === t.technology && a.terms.option !== t.option);
    if (!other) return null;
    const tech = world.standards.find((s) => s.id === t.technology);
    return problem("rule/other_side", "option", text("refusal.otherSide", { country: country(who), technology: ref("technology", tech?.id ?? t.technology), id: other.id }));
  },
  outlay: () => 0,
  summary: (t, parties) => ({
    params: { parties: { countries: parties }, option: { option: t.option, technology: t.technology }, technology: { technology: t.technology } },
    extras: [],
  }),
  resolve: resolveRaces,
  form: {
    fields: ["parties", "technology", "option", "duration"],
    read: (t) => ({ technology: t.technology, option: t.option }),
    write: (f) => ({ terms: { type: "standards", technology: f.technology, option: f.option }, parties: f.parties }),
  },
  bots: {
    takesSides: false,
    previewShowsAll: true,
    costsEachRound: () => false,
    sameDealKey: (t) => t.technology,
    partiesMatter: false,
    variants: (_w, { terms, duration }) => shorter(terms, duration),
    // A race moves influence, never the table.
    outlook: false,
    project(w, deal, acc, out) {
      const { terms: t, parties } = deal;
      const leads = standardLeads(w, t.technology, t.option, parties);
      out.standard = { technology: t.technology, option: t.option, leads };
      if (!leads) return;
      // Only countries not already on the leading side gain from joining it.
      const side = sideOf(w, t.technology, t.option);
      for (const p of parties) if (!side.has(p) || deal.existing) acc.flow(p, "influence", w.ctx.rules.standards.influence, deal.horizon, "our standard leads");
    },
    random(d) {
      const tech = d.state.scenario.standards.length ? d.pick(d.state.scenario.standards) : undefined;
      const parties = [d.seat, ...d.some(d.int(3))];
      return { terms: { type: "standards", technology: tech?.id ?? "none", option: tech ? d.pick(tech.options).id : "none" }, parties };
    },
  },
});
