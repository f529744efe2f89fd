/**
 * Supply-chain deal (docs/RULES.md §4.3): suppliers sell a sector's goods to buyers,
 * a volume a round at a price, optionally co-investing in the suppliers' capacity. Buyers gain
 * security (less from the dominant source) and cover against shortages; suppliers gain capital
 * and prosperity (in full only at the scenario's full price); the table gains resilience.
 */
import { z } from "zod";
import { lazy } from "../../lazy.ts";
import { bumpCapability, bumpCapital, bumpMetric, bumpTable } from "../ledger.ts";
import type { Rules } from "../../scenario/schema.ts";
import type { GameState } from "../types.ts";
import type { Sector } from "../vocabulary.ts";
import { inForce, jvBonus, news, pct, r1 } from "../world.ts";
import { blockingRegime, secondTier } from "./export-control.ts";
import { clamp, defineAgreement, Ids, problem, SectorSchema, shorter, unique, type PublicWorld, type Variant } from "./kit.ts";
import { activeRestrictions, largestHolder, rawShortage, topHolderOf } from "./public.ts";
import { country, sectorInSentence, text } from "../text.ts";

export const SupplySchema = lazy(() => z.strictObject({
  type: z.literal("supply"),
  suppliers: Ids,
  buyers: Ids,
  sector: SectorSchema,
  volume: z.number().int().min(1).max(10),
  price: z.number().min(0).max(5),
  coInvest: z.number().min(0).max(20).default(0),
}));
export type SupplyTerms = z.infer<typeof SupplySchema>;

/**
 * Share of the export prosperity a sale at `price` earns its suppliers: it follows the price paid
 * up to the scenario's full price (docs/RULES.md §4.3), so goods sold at a loss or given away do
 * not pay the giver as if sold.
 */
function exportShare(rules: { fullPrice: number }, price: number): number {
  return rules.fullPrice > 0 ? Math.min(1, price / rules.fullPrice) : 1;
}

/*
 * A supply deal's round (docs/RULES.md §4.3), one formula each for the round's resolution,
 * `outlay` and the bots' projection. `factor`: the single-source factor (`sourceFactor`);
 * `tier`: a second-tier buyer's share; `repeat`: a buyer's repeat benefit; `wanted` and
 * `delivered`: the buyers' shares with repeats, and with tiers and repeats.
 */
type SupplyRules = Rules["supply"];
/** What each buyer pays a round: the goods and the co-investment, split between the buyers. */
const buyerPays = (t: SupplyTerms): number => (t.volume * t.price + t.coInvest) / t.buyers.length;
/** What each supplier is paid a round for the goods. */
const supplierSales = (t: SupplyTerms): number => (t.volume * t.price) / t.suppliers.length;
/** Less security and resilience when the sector's largest chokepoint holder (`top`) is a supplier. */
const sourceFactor = (r: SupplyRules, t: SupplyTerms, top: string | undefined): number => (top && t.suppliers.includes(top) ? r.singleSourceFactor : 1);
const buyerSecurity = (r: SupplyRules, t: SupplyTerms, factor: number, tier: number, repeat: number): number => (r.buyerSecurity * t.volume * factor * tier * repeat) / t.buyers.length;
/** The goods a buyer receives a round: its shortage cover. */
const received = (t: SupplyTerms, tier: number): number => (t.volume * tier) / t.buyers.length;
const exportGain = (r: SupplyRules, t: SupplyTerms, wanted: number): number => (r.supplierProsperity * t.volume * wanted * exportShare(r, t.price)) / t.suppliers.length;
const coInvested = (r: SupplyRules, t: SupplyTerms, jv: number): number => (r.coInvestGrowth * t.coInvest * jv) / t.suppliers.length;
const tableResilience = (r: SupplyRules, t: SupplyTerms, factor: number, delivered: number): number => r.tableResilience * t.volume * factor * delivered;

/** A regime in force that stops one of the deal's suppliers selling to one of its buyers. */
function blockedBy(state: GameState, t: SupplyTerms) {
  const capability = (id: string, s: Sector) => state.countries[id]?.sectors[s].capability ?? 0;
  for (const s of t.suppliers) for (const b of t.buyers) {
    const regime = blockingRegime(state.agreements, capability, s, b, t.sector);
    if (regime) return regime;
  }
  return undefined;
}

/**
 * Whether `buyer` already has a supply deal in `sector` that resolves before this one (signed or
 * in force, earlier in the order deals were made; a new draft comes after every one): the rules'
 * diminishing returns, seen from a bot's view.
 */
function buysAlready(w: PublicWorld, buyer: string, s: Sector, self?: string): boolean {
  const bySelf = factsOf(w).bought;
  let bySector = bySelf.get(self);
  if (!bySector) bySelf.set(self, (bySector = new Map()));
  let known = bySector.get(s);
  if (!known) bySector.set(s, (known = new Map()));
  let buys = known.get(buyer);
  if (buys === undefined) known.set(buyer, (buys = buysAlreadyIn(w, buyer, s, self)));
  return buys;
}

function buysAlreadyIn(w: PublicWorld, buyer: string, s: Sector, self?: string): boolean {
  // The view lists deals in the order made: those after `self` resolve after it.
  const deals = w.view.agreements;
  const end = self === undefined ? -1 : deals.findIndex((a) => a.id === self);
  for (let i = 0; i < deals.length && (end < 0 || i < end); i++) {
    const a = deals[i]!;
    if (a.terms.type !== "supply" || a.terms.sector !== s || !a.terms.buyers.includes(buyer)) continue;
    if (a.status !== "in-force" && a.status !== "signed") continue;
    if (!blockedInWorld(w, a.terms)) return true;
  }
  return false;
}

/** Whether a regime signed or in force stops one of the deal's suppliers selling to one of its buyers, in a bot's world. */
function blockedInWorld(w: PublicWorld, t: SupplyTerms): boolean {
  const { regimes, capability } = factsOf(w);
  if (!regimes.length) return false;
  for (const s of t.suppliers) for (const b of t.buyers) if (blockingRegime(regimes, capability, s, b, t.sector, true)) return true;
  return false;
}

/**
 * What a bot's world fixes that supply's projection reads for every draft it values (a world is
 * never changed once made; kept by its `shared` key, for every seat: none of it is secret): a
 * country's capability in a sector, as one function a world (a build that keeps function names,
 * tsx, wraps a nested arrow in a call that names it each time);
 * the export-control regimes signed or in force, and the regimes and screening pacts in force
 * (the only deals `blockingRegime`, `secondTier` and `inScreeningPact` read), in the deals'
 * order; and whether a buyer already buys, by the deal asking (none for a draft), sector and buyer.
 */
type SupplyFacts = {
  capability: (id: string, s: Sector) => number;
  regimes: PublicWorld["view"]["agreements"];
  inForce: PublicWorld["view"]["agreements"];
  bought: Map<string | undefined, Map<Sector, Map<string, boolean>>>;
};
const facts = new WeakMap<object, SupplyFacts>();
function factsOf(w: PublicWorld): SupplyFacts {
  let f = facts.get(w.shared);
  if (!f) {
    const all = w.view.agreements;
    f = {
      capability: (id: string, s: Sector) => w.byId.get(id)?.sectors[s].capability ?? 0,
      regimes: all.filter((a) => a.terms.type === "export-control" && (a.status === "in-force" || a.status === "signed")),
      inForce: all.filter((a) => a.status === "in-force" && (a.terms.type === "export-control" || a.terms.type === "screening")),
      bought: new Map(),
    };
    facts.set(w.shared, f);
  }
  return f;
}

export const supply = defineAgreement<SupplyTerms>({
  type: "supply",
  words: /supply|supplies|\bbuy\b|\bsell\b|供应|采购/,
  role: "envoy",
  minParties: 2,
  schema: SupplySchema,
  parties: (t) => unique([...t.suppliers, ...t.buyers]),
  without(t, parties, who) {
    const suppliers = t.suppliers.filter((s) => s !== who);
    const buyers = t.buyers.filter((b) => b !== who);
    if (parties.length < 3 || !suppliers.length || !buyers.length) return null;
    return { terms: { ...t, suppliers, buyers }, parties: unique([...suppliers, ...buyers]) };
  },
  minDuration: () => 1,
  check(world, t) {
    if (t.suppliers.some((s) => t.buyers.includes(s))) return problem("rule/supplier_is_buyer", "buyers", text("refusal.supplierIsBuyer"));
    const weak = t.suppliers.find((s) => world.country(s)!.sectors[t.sector].capability < 2);
    if (weak) return problem("rule/cannot_supply", "suppliers", text("refusal.cannotSupply", { country: country(weak), sector: sectorInSentence(t.sector) }));
    for (const s of t.suppliers)
      for (const b of t.buyers) {
        const regime = world.controlled?.(s, b, t.sector);
        if (regime) return problem("rule/controlled_export", "suppliers", text("refusal.controlledExport", { country: country(s), id: regime, sector: sectorInSentence(t.sector), buyer: country(b) }));
      }
    return null;
  },
  outlay: (_rules, t, _parties, country) => (t.buyers.includes(country) ? buyerPays(t) : 0),
  summary: (t) => ({
    params: { sector: { sector: t.sector }, suppliers: { countries: t.suppliers }, buyers: { countries: t.buyers }, volume: { plural: "deal.units", count: t.volume }, price: { num: t.price, digits: 2 } },
    extras: t.coInvest ? [{ key: "coInvest", params: { amount: { num: t.coInvest } } }] : [],
  }),
  resolve(state, work) {
    const rules = state.scenario.rules.supply;
    /** Buyer and sector pairs already supplied this round (deals count in the order they were proposed). */
    const bought = new Set<string>();
    for (const a of inForce(state, "supply")) {
      const t = a.terms as SupplyTerms;
      const regime = blockedBy(state, t);
      if (regime) {
        // A regime signed after the deal stops its deliveries while both are in force.
        news(state, "agreement", text("news.blockedDelivery", { id: a.id, regime: regime.id, sector: sectorInSentence(t.sector) }));
        continue;
      }
      const nb = t.buyers.length;
      const factor = sourceFactor(rules, t, largestHolder(Object.values(state.countries), t.sector));
      const jv = jvBonus(state.scenario.rules, state.agreements, a.parties);
      let delivered = 0;
      let wanted = 0;
      for (const b of t.buyers) {
        // Second-tier buyers get the share of the goods the food chain of trust leaves them.
        const tier = secondTier(state.agreements, t.suppliers, b, t.sector) ? rules.secondTier : 1;
        // Diminishing returns: the buyer's first deal in the sector diversifies it, further ones add less.
        const key = `${b}|${t.sector}`;
        const repeat = bought.has(key) ? rules.repeatBenefit : 1;
        bought.add(key);
        delivered += (tier * repeat) / nb;
        wanted += repeat / nb;
        bumpCapital(state, b, -buyerPays(t), text("cause.deal.supplyPayments", { id: a.id, sector: sectorInSentence(t.sector) }));
        const label = text(factor < 1 ? "cause.deal.securedSupply" : "cause.deal.diversifiedSupply", { id: a.id });
        const tiered = tier < 1 ? text("cause.deal.secondTier", { cause: label, pct: pct(tier) }) : label;
        bumpMetric(state, b, "security", buyerSecurity(rules, t, factor, tier, repeat), repeat < 1 ? text("cause.deal.repeatSupply", { cause: tiered, pct: pct(repeat) }) : tiered);
        const m = work.cover.get(b) ?? new Map<Sector, number>();
        m.set(t.sector, (m.get(t.sector) ?? 0) + received(t, tier));
        work.cover.set(b, m);
      }
      for (const s of t.suppliers) {
        bumpCapital(state, s, supplierSales(t), text("cause.deal.supplySales", { id: a.id, sector: sectorInSentence(t.sector) }));
        const paid = exportShare(rules, t.price);
        const sold = text("cause.deal.exportSales", { id: a.id });
        const priced = paid < 1 ? text("cause.deal.belowFullPrice", { cause: sold, pct: pct(paid) }) : sold;
        bumpMetric(state, s, "prosperity", exportGain(rules, t, wanted), wanted < 1 ? text("cause.deal.repeatSupply", { cause: priced, pct: pct(wanted) }) : priced);
        if (t.coInvest > 0) bumpCapability(state, s, t.sector, coInvested(rules, t, jv), text(jv > 1 ? "cause.deal.coInvestedBonus" : "cause.deal.coInvested", { id: a.id }));
      }
      bumpTable(state, "resilience", tableResilience(rules, t, factor, delivered), text(factor < 1 ? "cause.deal.dominantSource" : "cause.deal.diversifiedSupply", { id: a.id }));
    }
  },
  form: {
    fields: ["suppliers", "buyers", "sector", "volume", "price", "coInvest", "duration"],
    read: (t) => ({ suppliers: [...t.suppliers], buyers: [...t.buyers], sector: t.sector, volume: t.volume, price: t.price, coInvest: t.coInvest }),
    write: (f) => ({
      terms: { type: "supply", suppliers: f.suppliers, buyers: f.buyers, sector: f.sector, volume: f.volume, price: f.price, coInvest: f.coInvest },
      parties: unique([...f.suppliers, ...f.buyers]),
    }),
  },
  bots: {
    takesSides: false,
    previewShowsAll: true,
    costsEachRound: (t, me) => t.buyers.includes(me),
    supplies: (t, _parties, me) => (t.suppliers.includes(me) ? t.buyers : []),
    sameDealKey: (t) => t.sector,
    partiesMatter: true,
    variants(_w, { terms: t, duration }, who) {
      const out: Variant<SupplyTerms>[] = [];
      const buyer = t.buyers.includes(who);
      const steps = buyer ? [-0.2, -0.4, -0.6, -0.9] : [0.2, 0.4, 0.6, 0.9];
      for (const d of steps) {
        const price = r1(clamp(t.price + d, 0, 5));
        if (price !== t.price) out.push({ terms: { ...t, price } });
      }
      if (buyer && t.volume > 1) out.push({ terms: { ...t, volume: t.volume - 1 } });
      if (!buyer && t.volume < 10) out.push({ terms: { ...t, volume: t.volume + 1 } });
      if (buyer && t.coInvest > 0) out.push({ terms: { ...t, coInvest: 0 } });
      if (buyer) out.push(...shorter(t, duration));
      return out;
    },
    project(w, deal, acc) {
      const { terms: t, parties, horizon: h } = deal;
      if (blockedInWorld(w, t)) return;
      const rules = w.ctx.rules;
      const r = rules.supply;
      const nb = t.buyers.length;
      const factor = sourceFactor(r, t, topHolderOf(w, t.sector));
      let delivered = 0;
      let wanted = 0;
      for (const b of t.buyers) {
        const tier = secondTier(factsOf(w).inForce, t.suppliers, b, t.sector) ? r.secondTier : 1;
        const repeat = buysAlready(w, b, t.sector, deal.existing?.id) ? r.repeatBenefit : 1;
        delivered += (tier * repeat) / nb;
        wanted += repeat / nb;
        acc.flow(b, "capital", -buyerPays(t), h, "payments");
        acc.flow(b, "security", buyerSecurity(r, t, factor, tier, repeat), h, repeat < 1 ? "another supply deal in the sector" : "secured supply");
        // Cover against restrictions that will still bite.
        const restr = activeRestrictions(w, b, t.sector);
        if (restr.length) {
          const holders = [...new Set(restr.map((x) => x.by))];
          const raw = rawShortage(w, b, t.sector, holders);
          const before = Math.min(raw, w.cover.get(b)?.get(t.sector) ?? 0);
          const avoided = Math.min(raw - before, received(t, tier));
          const rounds = Math.min(h, Math.max(...restr.map((x) => x.untilRound)) - w.round + 1);
          if (avoided > 0 && rounds > 0) {
            const sr = rules.shortage;
            acc.flow(b, "prosperity", sr.prosperity * avoided, rounds, "shortage avoided");
            acc.flow(b, "security", sr.security * avoided, rounds, "shortage avoided");
            acc.flow(b, "support", sr.support * avoided, rounds, "shortage avoided");
            acc.tflow("resilience", sr.resilience * avoided, rounds, "shortage avoided");
          }
        }
      }
      const jv = jvBonus(rules, factsOf(w).inForce, parties);
      for (const s of t.suppliers) {
        acc.flow(s, "capital", supplierSales(t), h, "sales");
        acc.flow(s, "prosperity", exportGain(r, t, wanted), h, wanted < 1 ? "export sales to a buyer already supplied" : "export sales");
        if (t.coInvest > 0) acc.capability(s, t.sector, coInvested(r, t, jv), h, "co-invested capacity");
      }
      acc.tflow("resilience", tableResilience(r, t, factor, delivered), h, factor < 1 ? "supply from the dominant source" : "diversified supply");
    },
    random(d) {
      const other = d.some(1);
      const sellerFirst = d.random() < 0.5;
      const terms: SupplyTerms = {
        type: "supply",
        suppliers: sellerFirst ? [d.seat] : other,
        buyers: sellerFirst ? other : [d.seat],
        sector: d.sector,
        volume: 1 + d.int(5),
        price: Math.round(d.random() * 20) / 10,
        coInvest: d.random() < 0.3 ? 1 + d.int(4) : 0,
      };
      return { terms, parties: [d.seat] };
    },
  },
});
