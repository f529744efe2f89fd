/**
 * Export-control regime (docs/RULES.md §4.1): members stop selling a sector's
 * goods to a target (one country, or everyone outside). It slows the target's growth in
 * proportion to the share of the sector's chokepoints the members hold, costs members the
 * revenue of their trade with the target, and raises tension.
 */
import { z } from "zod";
import { lazy } from "../../lazy.ts";
import { bumpMetric, bumpTable } from "../ledger.ts";
import type { Rules, Scenario } from "../../scenario/schema.ts";
import type { Agreement, GameState } from "../types.ts";
import type { Sector } from "../vocabulary.ts";
import { dataOf, inForce, inScreeningPact, pct, rawShortageOf } from "../world.ts";
import { addDrag, defineAgreement, Id, problem, SectorSchema, shorter, unique, type Variant, leaveListed, RETALIATION, type PublicWorld } from "./kit.ts";
import { rawShortage } from "./public.ts";
import { countries, country, ref, sectorInSentence, text } from "../text.ts";

/**
 * What the rival's ban on its retaliation goods leaves `who` short of a round (docs/RULES.md,
 * the rival's answer): the shortage the ban makes, less the supply of those goods it already buys
 * (`covered`, the world's cover). The bots' projection of a regime counts `short`, and a bot that
 * names the ban asks for that much more (shared/bots/value.ts `banOf`).
 */
export function banShortage(w: PublicWorld, who: string, rival: Pick<NonNullable<Scenario["rival"]>, "country" | "retaliation">): { covered: number; short: number } {
  const sector = rival.retaliation.sector;
  const raw = rawShortage(w, who, sector, [rival.country]);
  const covered = Math.min(raw, w.cover.get(who)?.get(sector) ?? 0);
  return { covered, short: raw - covered };
}

export const ExportControlSchema = lazy(() => z.strictObject({
  type: z.literal("export-control"),
  sector: SectorSchema,
  tier: z.enum(["frontier", "broad"]),
  /** A country, or "outside": everyone who is not a member. */
  target: Id,
}));
export type ExportControlTerms = z.infer<typeof ExportControlSchema>;

type RegimeTerms = Pick<Agreement, "terms" | "parties">;

/**
 * Whether a regime's terms reach `id`: it is the named target, or, aimed "outside", a non-member
 * with capability in the sector (`capability` is read only then). The one rule of whom a regime
 * targets: `regimeTargetsAmong` and `blockingRegime` ask it.
 */
export function regimeTargetsCountry(a: RegimeTerms, id: string, capability: (id: string, sector: Sector) => number): boolean {
  const t = a.terms as ExportControlTerms;
  return t.target === "outside" ? !a.parties.includes(id) && capability(id, t.sector) > 0 : t.target === id;
}

/** The countries among `countries` (the state's, or a bot's view of them) a regime targets, in their order. */
export function regimeTargetsAmong(countries: Iterable<{ id: string; sectors: Record<Sector, { capability: number }> }>, a: RegimeTerms): string[] {
  const out: string[] = [];
  for (const c of countries) if (regimeTargetsCountry(a, c.id, (_, s) => c.sectors[s].capability)) out.push(c.id);
  return out;
}

/** `regimeTargetsAmong` the state's countries. */
export const regimeTargets = (state: GameState, a: RegimeTerms): string[] => regimeTargetsAmong(Object.values(state.countries), a);

/** Countries by id: a bot's world's `byId`, or the state's (`regimeEffectiveness`, the scenario's for a bloc). */
type ById<C> = { get(id: string): C | undefined };
type CountriesById = ById<{ sectors: Record<Sector, { chokepoint: number }> }>;

/**
 * The share of a sector's chokepoints a regime's members hold, summed in the members' order
 * and capped at 1: how hard it bites. The one rule: `regimeEffectiveness` asks it of the state,
 * the bots' projection and the board's fences (client/model/board.ts) of their view.
 */
export function regimeEffectivenessIn(countries: CountriesById, parties: readonly string[], sector: Sector): number {
  let sum = 0;
  for (const p of parties) sum += countries.get(p)?.sectors[sector].chokepoint ?? 0;
  return Math.min(1, sum);
}

/** `regimeEffectivenessIn` the state's countries. */
export function regimeEffectiveness(state: GameState, a: RegimeTerms): number {
  return regimeEffectivenessIn({ get: (id) => state.countries[id] }, a.parties, (a.terms as ExportControlTerms).sector);
}

/** How much a regime's tier scales what it does: a frontier-only regime `frontierFactor`, a broad one in full. */
const regimeTier = (rules: Pick<Rules, "controls">, t: Pick<ExportControlTerms, "tier">): number => (t.tier === "frontier" ? rules.controls.frontierFactor : 1);

/** A member's trade exposure to a regime's targets (`exposure`: the member's, by country), summed in the targets' order. */
function exposureTo(exposure: Readonly<Record<string, number>> | undefined, targets: readonly string[]): number {
  let sum = 0;
  for (const x of targets) sum += exposure?.[x] ?? 0;
  return sum;
}

/**
 * The revenue a round a member gives up by not selling to the targets it is this exposed to
 * (`exposure`), and the share an alignment against a target spares it (`spared`, docs/RULES.md
 * §4.1 "Alignment first"): `lost` is what it actually loses, after that discount, the one number
 * its prosperity falls by and the backfill of the countries outside is paid on.
 */
function memberLoss(rules: Pick<Rules, "controls" | "alignment">, exposure: number, tier: number, aligned: boolean): { lost: number; spared: number } {
  const spared = aligned ? rules.alignment.regimeDiscount : 0;
  return { lost: rules.controls.revenueCost * exposure * tier * (1 - spared), spared };
}

/**
 * How high a regime's walls are (docs/RULES.md §4.1, the divide): each target counts 1, one in
 * the rival bloc half. Halves and ones add up exactly, in any order.
 */
function regimeWalls(blocs: ById<{ bloc: string }>, targets: readonly string[]): number {
  let walled = 0;
  for (const x of targets) walled += blocs.get(x)?.bloc === "rival" ? 0.5 : 1;
  return walled;
}

/** The share of a regime's tension it raises: all of it when a target is in the rival bloc, else half. */
function tensionShare(blocs: ById<{ bloc: string }>, targets: readonly string[]): number {
  for (const x of targets) if (blocs.get(x)?.bloc === "rival") return 1;
  return 0.5;
}

/**
 * Whether a regime's share of the chokepoints reaches `atLeast` (a target, a card's pressure):
 * shares are summed in the members' order, and 0.3 + 0.17 + 0.18 is 0.6499999999999999.
 */
export const reaches = (effectiveness: number, atLeast: number): boolean => effectiveness + 1e-9 >= atLeast;

/**
 * How much of the harm a regime aims at it actually does: the targets' capability in the
 * sector over `harmCapability`, capped at 1. A control on a country with nothing in the sector
 * harms nobody, and earns its members no security.
 */
export function regimeHarm(rules: Pick<Rules, "controls">, targetCapabilities: number[]): number {
  return Math.min(1, targetCapabilities.reduce((s, x) => s + Math.max(0, x), 0) / rules.controls.harmCapability);
}

/** The share of a full cut-off a regime causes its targets (docs/RULES.md §6). */
export function regimeCut(rules: Pick<Rules, "controls">, t: Pick<ExportControlTerms, "tier">): number {
  return rules.controls.shortage * regimeTier(rules, t);
}

type RegimeLike = Pick<Agreement, "id" | "status" | "terms" | "parties">;

/**
 * The regime (in force, or signed when `signed` is set) that stops `supplier` selling `sector`
 * goods to `buyer`: the supplier is a member and the buyer one of its targets.
 */
export function blockingRegime(
  agreements: Iterable<RegimeLike>,
  capability: (id: string, sector: Sector) => number,
  supplier: string,
  buyer: string,
  sector: Sector,
  signed = false,
): RegimeLike | undefined {
  for (const a of agreements) {
    if (a.terms.type !== "export-control" || a.terms.sector !== sector || !a.parties.includes(supplier)) continue;
    if (a.status !== "in-force" && !(signed && a.status === "signed")) continue;
    if (regimeTargetsCountry(a, buyer, capability)) return a;
  }
  return undefined;
}

/**
 * Whether `member` has signed an alignment statement (in force or kept to its end) naming one
 * of `targets`: its later regimes against them cost it less (rules.alignment.regimeDiscount).
 */
export function alignedAgainst(agreements: Iterable<Pick<Agreement, "terms" | "parties" | "status">>, member: string, targets: string[]): boolean {
  for (const a of agreements)
    if (a.terms.type === "alignment" && (a.status === "in-force" || a.status === "expired") && a.parties.includes(member) && targets.includes(a.terms.target)) return true;
  return false;
}

/**
 * The food chain of trust (docs/RULES.md §4.3): a buyer is second-tier for a
 * sector's goods when one of its suppliers belongs to an export-control regime in force over the
 * sector, and the buyer is neither a member of that regime nor in a screening pact in force with
 * that supplier.
 */
export function secondTier(agreements: readonly Pick<Agreement, "type" | "terms" | "parties" | "status">[], suppliers: readonly string[], buyer: string, sector: Sector): boolean {
  // Loops, not closures: bots ask this for every supply draft they value.
  for (const s of suppliers) if (inRegimeWithout(agreements, s, buyer, sector) && !inScreeningPact(agreements, [s, buyer])) return true;
  return false;
}

/** Whether `s` is in an export-control regime in force over `sector` that `buyer` is not in. */
function inRegimeWithout(agreements: readonly Pick<Agreement, "type" | "terms" | "parties" | "status">[], s: string, buyer: string, sector: Sector): boolean {
  for (const a of agreements) if (a.status === "in-force" && a.terms.type === "export-control" && a.terms.sector === sector && a.parties.includes(s) && !a.parties.includes(buyer)) return true;
  return false;
}

/**
 * Whether two regimes aim at the same goods and buyers: the same sector, and the same target or
 * one of them on everyone outside (which reaches every target the other names). A country is a
 * member of one such regime at a time (docs/RULES.md §4.1): its chokepoint share bites once.
 */
export function sameAim(a: Pick<ExportControlTerms, "sector" | "target">, b: Pick<ExportControlTerms, "sector" | "target">): boolean {
  return a.sector === b.sector && (a.target === b.target || a.target === "outside" || b.target === "outside");
}

export const exportControl = defineAgreement<ExportControlTerms>({
  type: "export-control",
  words: /export[- ]?controls?|\bregimes?\b|\bcontrols?\b|出口管制|管制/,
  role: "regulator",
  minParties: 1,
  schema: ExportControlSchema,
  parties: (_t, listed) => unique(listed),
  without: (t, parties, who) => leaveListed(1)(t, parties, who),
  minDuration: () => 1,
  check(world, t, parties) {
    if (t.target !== "outside" && !world.country(t.target)) return problem("rule/unknown_country", "target", text("refusal.unknownCountry", { id: t.target }));
    if (parties.includes(t.target)) return problem("rule/target_is_party", "target", text("refusal.regimeTargetsMember"));
    const holds = parties.some((p) => world.country(p)!.sectors[t.sector].chokepoint > 0 || world.country(p)!.sectors[t.sector].capability >= 3);
    if (!holds) return problem("rule/nothing_to_control", "sector", text("refusal.nothingToControl", { sector: sectorInSentence(t.sector) }));
    return null;
  },
  conflict(world, t, _parties, who) {
    // Regimes do not stack (docs/RULES.md §4.1): one regime per member, sector and target.
    const other = (world.commitments?.(who, "export-control") ?? []).find((a) => a.terms.type === "export-control" && sameAim(a.terms, t));
    if (!other) return null;
    const o = other.terms as ExportControlTerms;
    return problem("rule/second_regime", "parties", text("refusal.secondRegime", { country: country(who), member: ref("country", who, true), id: other.id, sector: sectorInSentence(o.sector), target: ref("country", o.target, true) }));
  },
  outlay: () => 0,
  summary: (t, parties) => ({
    params: { parties: { countries: parties }, tier: { labels: [t.tier], prefix: "tier", join: ", " }, sector: { sector: t.sector, inline: true }, target: { country: t.target } },
    extras: [],
  }),
  note(state, a) {
    // A regime whose members hold none of the sector's chokepoints holds nobody back, whatever else it costs.
    if (a.status !== "in-force" || regimeEffectiveness(state, a) > 0) return undefined;
    return text("preview.regime.bitesNobody", { sector: ref("sector", (a.terms as ExportControlTerms).sector, true) });
  },
  resolve(state, work) {
    const rules = state.scenario.rules.controls;
    for (const a of inForce(state, "export-control")) {
      const t = a.terms as ExportControlTerms;
      const eff = regimeEffectiveness(state, a);
      const tier = regimeTier(state.scenario.rules, t);
      const targets = regimeTargets(state, a);
      const label = text("cause.controlsDrag", { id: a.id, parties: countries(a.parties), pct: pct(eff), sector: sectorInSentence(t.sector) });
      for (const target of targets) addDrag(work.drag, target, t.sector, rules.drag * eff * tier, label);
      const harm = regimeHarm(state.scenario.rules, targets.map((x) => state.countries[x]!.sectors[t.sector].capability));
      let lost = 0;
      for (const m of a.parties) {
        const loss = memberLoss(state.scenario.rules, exposureTo(state.countries[m]!.exposure, targets), tier, alignedAgainst(state.agreements, m, targets));
        lost += loss.lost;
        const lostLabel = t.target === "outside" ? text("cause.deal.revenueLostOutside", { id: a.id }) : text("cause.deal.revenueLost", { id: a.id, country: country(t.target) });
        bumpMetric(state, m, "prosperity", -loss.lost, loss.spared ? text("cause.deal.revenueLostAligned", { cause: lostLabel, pct: pct(loss.spared) }) : lostLabel);
        bumpMetric(state, m, "security", rules.security * eff * tier * harm, text(harm < 1 ? "cause.deal.leadProtectedPartly" : "cause.deal.leadProtected", { id: a.id, sector: sectorInSentence(t.sector), pct: pct(harm) }));
      }
      // High walls widen the divide: every target outside the rival bloc is held back from the frontier (a rival target counts half).
      const blocs: ById<{ bloc: string }> = { get: (id) => dataOf(state, id) };
      const walled = regimeWalls(blocs, targets);
      if (rules.divide > 0 && walled > 0) bumpTable(state, "divide", rules.divide * eff * tier * walled, text("cause.deal.divideWidens", { id: a.id }));
      // Chokepoint holders outside the regime (and not its targets) take over part of the sales the members give up.
      for (const o of Object.values(state.countries)) {
        const share = o.sectors[t.sector].chokepoint;
        if (share <= 0 || a.parties.includes(o.id) || targets.includes(o.id)) continue;
        bumpMetric(state, o.id, "prosperity", rules.backfill * lost * share, text("cause.deal.backfill", { id: a.id, members: countries(a.parties) }));
      }
      bumpTable(state, "tension", rules.tension * eff * tier * tensionShare(blocs, targets), text("cause.deal.exportControls", { id: a.id }));
      bumpTable(state, "cohesion", rules.cohesionPerPartner * (a.parties.length - 1), text("cause.deal.harmonized", { id: a.id }));
    }
  },
  form: {
    fields: ["parties", "sector", "tier", "target", "duration"],
    read: (t) => ({ sector: t.sector, tier: t.tier, target: t.target }),
    write: (f) => ({ terms: { type: "export-control", sector: f.sector, tier: f.tier, target: f.target }, parties: f.parties }),
  },
  bots: {
    takesSides: true,
    previewShowsAll: true,
    costsEachRound: () => true,
    sameDealKey: (t) => t.sector,
    partiesMatter: true,
    variants(w, { terms: t, parties, duration }) {
      const out: Variant<ExportControlTerms>[] = [];
      if (t.tier === "broad") out.push({ terms: { ...t, tier: "frontier" } });
      if (t.target === "outside" && w.rivalId && !parties.includes(w.rivalId)) out.push({ terms: { ...t, target: w.rivalId } });
      return [...out, ...shorter(t, duration)];
    },
    project(w, deal, acc, out) {
      const { terms: t, parties, horizon: h, existing } = deal;
      const rules = w.ctx.rules;
      const r = rules.controls;
      const eff = regimeEffectivenessIn(w.byId, parties, t.sector);
      const tier = regimeTier(rules, t);
      const targets = regimeTargetsAmong(w.view.countries, { terms: t, parties });
      out.targets = targets;
      const harm = regimeHarm(rules, targets.map((x) => w.byId.get(x)?.sectors[t.sector].capability ?? 0));
      let lost = 0;
      for (const m of parties) {
        const loss = memberLoss(rules, exposureTo(w.byId.get(m)?.exposure, targets), tier, alignedAgainst(w.view.agreements, m, targets));
        lost += loss.lost;
        acc.flow(m, "prosperity", -loss.lost, h, "export revenue lost");
        acc.flow(m, "security", r.security * eff * tier * harm, h, "lead protected");
      }
      // The targets' shortage, before the supply they already buy elsewhere.
      const sr = rules.shortage;
      for (const x of targets) {
        const raw = rawShortageOf(eff * regimeCut(rules, t), w.byId.get(x)?.sectors[t.sector].chokepoint ?? 0);
        const sh = raw - Math.min(raw, w.cover.get(x)?.get(t.sector) ?? 0);
        if (sh <= 0.05) continue;
        acc.flow(x, "prosperity", -sr.prosperity * sh, h, "shortage under controls");
        acc.flow(x, "security", -sr.security * sh, h, "shortage under controls");
        acc.flow(x, "support", -sr.support * sh, h, "shortage under controls");
        acc.tflow("resilience", -sr.resilience * sh, h, "shortage under controls");
      }
      for (const x of targets) if ((w.byId.get(x)?.sectors[t.sector].capability ?? 0) > 0) acc.capability(x, t.sector, -r.drag * eff * tier, h, "controls slow its growth");
      for (const o of w.view.countries) {
        const share = o.sectors[t.sector].chokepoint;
        if (share > 0 && !parties.includes(o.id) && !targets.includes(o.id)) acc.flow(o.id, "prosperity", r.backfill * lost * share, h, "backfill");
      }
      const walled = regimeWalls(w.byId, targets);
      if (r.divide > 0 && walled > 0) acc.tflow("divide", r.divide * eff * tier * walled, h, "high walls widen the divide");
      acc.tflow("tension", r.tension * eff * tier * tensionShare(w.byId, targets), h, "controls raise tension");
      acc.tflow("cohesion", r.cohesionPerPartner * (parties.length - 1), h, "harmonized controls");
      const rival = w.ctx.rival;
      const targetsRival = !!w.rivalId && targets.includes(w.rivalId);
      out.regime = { sector: t.sector, effectiveness: eff, targetsRival, untilEnd: deal.start + deal.duration - 1 >= w.lastRound };
      if (rival && targets.includes(rival.country) && reaches(eff, rival.retaliation.threshold) && !existing) {
        const rounds = Math.min(rival.retaliation.rounds, w.left - 1);
        const sr = rules.shortage;
        acc.tflow("tension", rival.retaliation.tension, 1, "the rival retaliates", true);
        for (const m of parties) {
          const sh = banShortage(w, m, rival).short;
          if (sh <= 0.05) continue;
          const label = RETALIATION;
          acc.flow(m, "prosperity", -sr.prosperity * sh, rounds, label, true);
          acc.flow(m, "security", -sr.security * sh, rounds, label, true);
          acc.flow(m, "support", -sr.support * sh, rounds, label, true);
          acc.tflow("resilience", -sr.resilience * sh, rounds, label, true);
        }
      }
    },
    random(d) {
      const parties = [d.seat, ...d.some(d.int(3))];
      const tier = d.random() < 0.5 ? "frontier" : "broad";
      const target = d.random() < 0.3 ? "outside" : (d.pick(d.others.filter((o) => !parties.includes(o))) ?? "outside");
      return { terms: { type: "export-control", sector: d.sector, tier, target }, parties };
    },
  },
});
