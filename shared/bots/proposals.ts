/**
 * What a bot's country needs, as concrete drafts: supply where it is short or has an objective,
 * controls where it holds chokepoints and its stance allows, loans where it can lend (or needs
 * a project), standards coalitions, joint R&D, screening pacts and statements. And the small
 * changes of terms that make a deal better for one side, which counters, "what would it take?"
 * and sweetened proposals are built from.
 */
import { minLoanDuration } from "../engine/agreements/loan.ts";
import { MAX_DURATION, type Draft, type Terms, type TermsOf } from "../engine/actions.ts";
import { kindFor } from "../engine/agreements/index.ts";
import { campOf } from "../engine/agreements/screening.ts";
import { topHolderOf } from "../engine/agreements/public.ts";
import { raceOpen } from "../engine/agreements/standards.ts";
import { dealCounts } from "../engine/scoring.ts";
import type { CountryView } from "../engine/views.ts";
import type { LoanCondition, ProjectType, Sector } from "../engine/vocabulary.ts";
import { boundWorld, country, financedProjects, freeCapital, partnerChoiceScore, type World } from "./model.ts";
import type { Profile } from "./personality.ts";
import { automatedSigns } from "../engine/world.ts";

const r1 = (x: number) => Math.round(x * 10) / 10;
const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/** Which camp a country is in for deals that take sides: alliance, rival, or none (hedging). */
export const camp = (c: CountryView) => campOf(c.stance);

/** Seats and the automated rival that could be a deal's other party. */
function dealers(w: World, me: string, type: Terms["type"]): CountryView[] {
  return w.view.countries.filter((c) => {
    // The engine's rule for automated countries: a partner signs no deal it could be offered here (only a loan made to it), the rival the types its script accepts.
    return c.id !== me && automatedSigns(c.control, w.ctx.rival, c.id, { type });
  });
}

/** Candidate drafts a seat might propose now. */
export function candidates(w: World, me: string, profile: Profile, objectiveSectors: { supply: Set<Sector>; rnd: Set<Sector>; sellSupply: Set<Sector> }): Draft[] {
  const out: Draft[] = [];
  const self = country(w, me);
  const left = w.left;
  // The deals proposed, signed or in force (the only ones the checks below ask about), and of
  // those its own: a late game's view holds many more that have ended.
  const live = w.view.agreements.filter((a) => a.status === "in-force" || a.status === "signed" || a.status === "proposed");
  const mine = live.filter((a) => a.parties.includes(me));
  // Supply runs to the game's end: a deal renewed halfway is a second deal for the same goods.
  const duration = clamp(left, 1, MAX_DURATION);
  const free = freeCapital(w, me);
  const full = w.ctx.rules.supply.fullPrice || 1;
  const buyerPrice = fairPrice(full, profile, "buyer");
  const sellerPrice = fairPrice(full, profile, "seller");

  // Supply where short (restrictions that still bite), where an objective asks for it, or in a weak strategic sector.
  const buySectors = new Set<Sector>(objectiveSectors.supply);
  for (const r of w.view.restrictions) if (r.on.includes(me) && r.untilRound > w.round) buySectors.add(r.sector);
  const weakest = w.ctx.rules.production.strategicSectors.filter((s) => self.sectors[s].capability < 6).sort((a, b) => self.sectors[a].capability - self.sectors[b].capability)[0];
  if (weakest) buySectors.add(weakest);
  const supplyDealers = dealers(w, me, "supply");
  const short = shortages(w);
  for (const sector of buySectors) {
    // A buyer already supplied in the sector gains a tenth of a further deal (supply.repeatBenefit): only a shortage makes one worth asking for.
    if (!wantsMore(w, short, me, sector)) continue;
    const suppliers = supplyDealers
      .filter((c) => c.sectors[sector].capability >= 2.5)
      .sort(byRank((c) => supplierRank(w, me, c, sector)));
    for (const s of suppliers.slice(0, 2)) {
      // A few sizes: the valuation picks (a bot that counts the shared targets buys more).
      for (const volume of [1, 3, 5]) {
        if (free < volume * buyerPrice) continue;
        out.push({ terms: { type: "supply", suppliers: [s.id], buyers: [me], sector, volume, price: buyerPrice, coInvest: 0 }, parties: [], duration });
      }
    }
  }
  // Supply as a seller: to those whose public objectives or shortages ask for it.
  for (const sector of Object.keys(self.sectors) as Sector[]) {
    if (self.sectors[sector].capability < 3 && !objectiveSectors.sellSupply.has(sector)) continue;
    if (self.sectors[sector].capability < 2) continue;
    // Wants more and asks for it: short, or not yet supplied and with an objective that asks.
    const buyers = supplyDealers.filter((c) => c.control === "seat" && (isShort(short, c.id, sector) || (!covered(w, c.id, sector) && wantsSupply(c, me, sector))));
    if (!buyers.length && objectiveSectors.sellSupply.has(sector)) buyers.push(...supplyDealers.filter((c) => c.control === "seat" && c.sectors[sector].capability < self.sectors[sector].capability).slice(0, 2));
    for (const b of buyers.slice(0, 2)) {
      for (const volume of [2, 4]) {
        if (freeCapital(w, b.id) < volume * sellerPrice) continue;
        out.push({ terms: { type: "supply", suppliers: [me], buyers: [b.id], sector, volume, price: sellerPrice, coInvest: 0 }, parties: [], duration });
      }
    }
  }
  // Export controls where it holds chokepoints and its stance allows: on the rival (the rival's
  // camp: on the alliance seats whose capability in the sector it would hold back most), alone
  // and with the allies that make it bite; the valuation picks, and a proposal goes on without
  // an ally that would say no (proposing.ts `sweetened`).
  const myCamp = camp(self);
  if (profile.takesSides && myCamp && profile.escalation >= 0.3) {
    const regimes = boundWorld(w, live);
    for (const sector of Object.keys(self.sectors) as Sector[]) {
      if (self.sectors[sector].chokepoint < 0.1) continue;
      const already = mine.some(
        (a) => a.terms.type === "export-control" && a.terms.sector === sector && (a.endRound ?? 99) >= w.lastRound,
      );
      if (already) continue;
      const targets =
        myCamp === "alliance"
          ? w.rivalId ? [w.rivalId] : []
          : w.view.countries
              .filter((c) => c.bloc === "alliance" && c.control === "seat" && c.sectors[sector].capability > 0)
              .sort((a, b) => b.sectors[sector].capability - a.sectors[sector].capability)
              .slice(0, 2)
              .map((c) => c.id);
      for (const target of targets) {
        if (target === me) continue;
        // One regime per member, sector and target (the module's `conflict`): none with a
        // member the engine would refuse once the regimes it sees proposed, signed or in force took force.
        const terms: Terms = { type: "export-control", sector, tier: "frontier", target };
        const inOne = (id: string) => !!kindFor(terms).conflict!(regimes, terms, [], id);
        if (inOne(me)) continue;
        const allies = w.view.countries
          .filter((c) => c.id !== me && c.id !== target && c.control === "seat" && camp(c) === myCamp && c.sectors[sector].chokepoint > 0 && !inOne(c.id))
          .sort((a, b) => b.sectors[sector].chokepoint - a.sectors[sector].chokepoint);
        const parties = [me];
        let eff = self.sectors[sector].chokepoint;
        for (const a of allies) {
          if (eff >= 0.85) break;
          parties.push(a.id);
          eff += a.sectors[sector].chokepoint;
        }
        const tier = profile.escalation >= 0.8 ? "broad" : "frontier";
        out.push({ terms: { type: "export-control", sector, tier, target }, parties, duration: left });
        if (parties.length > 1) out.push({ terms: { type: "export-control", sector, tier, target }, parties: [me], duration: left });
      }
    }
  }
  // Loans: lend where it has capital; ask for a project where it needs one.
  const financed = financedProjects(w);
  if (free >= 8 && left > w.ctx.rules.loans.buildRounds - 1) {
    for (const r of w.view.countries) {
      if (r.id === me || !r.needs.length || r.control === "rival") continue;
      const need = r.needs.find((p) => !financed.has(`${r.id}\0${p}`)) as ProjectType | undefined;
      if (!need || r.connected) continue;
      if (live.some((a) => a.terms.type === "loan" && a.terms.recipient === r.id && a.status === "proposed" && a.terms.lenders.includes(me))) continue;
      for (const share of [0.4, 0.8]) out.push(loanOffer(w, me, r, need, profile, free, share));
    }
  }
  if (self.needs.length && !self.connected) {
    const need = self.needs.find((p) => !financed.has(`${me}\0${p}`)) as ProjectType | undefined;
    const lender = dealers(w, me, "loan")
      .filter((c) => c.control === "seat" && freeCapital(w, c.id) >= 8)
      .sort(byRank((c) => lenderRank(w, self, c)))[0];
    if (need && lender) {
      const interest = clamp(Math.round(w.ctx.rules.loans.safeInterest - 1 - 2 * (1 - profile.generosity)), 0, 15);
      out.push({
        terms: { type: "loan", lenders: [lender.id], recipient: me, project: need, amount: clamp(Math.round(freeCapital(w, lender.id) / 2), 6, 20), interest, grace: 1, conditions: [] },
        parties: [],
        duration: minLoanDuration(w.ctx.rules, { grace: 1 }),
      });
    }
  }
  // Standards coalitions: back the option its objectives or its camp want.
  for (const tech of w.view.scenario.standards) {
    const onSide = mine.some((a) => a.terms.type === "standards" && a.terms.technology === tech.id);
    // A race not open yet is refused (the engine's rule, agreements/standards.ts `raceOpen`).
    if (onSide || !raceOpen(tech, w.round)) continue;
    const option = preferredOption(w, me, tech.id);
    if (!option) continue;
    const allies = w.view.countries
      // The option each backs last: the checks are pure, and it is the dearest.
      .filter((c) => c.id !== me && c.control === "seat" && c.sectors[tech.sector].capability > 0 && preferredOption(w, c.id, tech.id) === option)
      .sort((a, b) => b.sectors[tech.sector].capability - a.sectors[tech.sector].capability)
      .slice(0, 2);
    out.push({ terms: { type: "standards", technology: tech.id, option }, parties: [me, ...allies.map((a) => a.id)], duration: left });
  }
  // Joint R&D where an objective asks for it or in its strongest strategic sector.
  if (left >= 1) {
    const sectors = new Set<Sector>(objectiveSectors.rnd);
    const strongest = w.ctx.rules.production.strategicSectors.slice().sort((a, b) => self.sectors[b].capability - self.sectors[a].capability)[0];
    if (strongest && self.sectors[strongest].capability > 0) sectors.add(strongest);
    for (const sector of sectors) {
      const partner = dealers(w, me, "rnd")
        .filter((c) => c.sectors[sector].capability >= 3)
        .sort(byRank((c) => supplierRank(w, me, c, sector)))[0];
      const contribution = clamp(Math.floor(Math.min(free, 12) / 3), 1, 4);
      if (!partner || free < contribution) continue;
      out.push({ terms: { type: "rnd", sector, contribution }, parties: [me, partner.id], duration: Math.min(2, left) });
    }
  }
  // Screening pacts with its camp: up to three friends, none of whom the engine's rule (one pact
  // per pair) would keep out once the pacts it sees proposed, signed or in force took force.
  if (myCamp) {
    const terms: Terms = { type: "screening" };
    const pacts = boundWorld(w, live);
    const parties = [me];
    for (const c of w.view.countries) {
      if (parties.length > 3) break;
      if (c.id === me || c.control !== "seat" || camp(c) !== myCamp) continue;
      const next = [...parties, c.id];
      if (!next.some((p) => kindFor(terms).conflict!(pacts, terms, next, p))) parties.push(c.id);
    }
    if (parties.length > 1) out.push({ terms, parties, duration: left });
  }
  // Alignment statements against the other camp (hawks).
  if (profile.takesSides && myCamp === "alliance" && profile.escalation >= 0.6 && w.rivalId) {
    const friends = w.view.countries.filter((c) => c.id !== me && c.control === "seat" && camp(c) === "alliance").map((c) => c.id).slice(0, 3);
    const said = mine.some((a) => a.type === "alignment");
    if (friends.length && !said) out.push({ terms: { type: "alignment", clauses: ["threat-assessment", "secure-infrastructure"], target: w.rivalId }, parties: [me, ...friends], duration: Math.min(2, left) });
  }
  return out;
}

/** A supply price about the full price (below it the seller's export gain falls: docs/RULES.md §4.3), shaded by generosity. */
function fairPrice(full: number, profile: Profile, mine: "buyer" | "seller"): number {
  return r1(full * (1 + (mine === "buyer" ? -1 : 1) * 0.5 * (1 - profile.generosity)));
}

/** By country: the sectors whose goods it is short of. */
type Shortages = Map<string, Set<Sector>>;

/**
 * Who is short of which sectors' goods: a restriction or an export-control regime on it that
 * still bites (one pass over the world, rather than one per country and sector asked about).
 */
function shortages(w: World): Shortages {
  const short: Shortages = new Map();
  for (const r of w.view.restrictions) if (r.untilRound > w.round) for (const who of r.on) addShort(short, who, r.sector);
  for (const a of w.view.agreements) if (a.terms.type === "export-control" && a.status === "in-force") addShort(short, a.terms.target, a.terms.sector);
  return short;
}

function addShort(short: Shortages, who: string, sector: Sector) {
  let sectors = short.get(who);
  if (!sectors) short.set(who, (sectors = new Set()));
  sectors.add(sector);
}

const isShort = (short: Shortages, who: string, sector: Sector) => short.get(who)?.has(sector) ?? false;

/** Whether `who` already buys a sector's goods under a supply deal signed or in force. */
const covered = (w: World, who: string, sector: Sector) => !!(w.cover.get(who)?.get(sector) ?? 0);

/** Whether another supply deal in a sector is worth more than a tenth of the first to `who`: it has none yet, or it is short. */
function wantsMore(w: World, short: Shortages, who: string, sector: Sector): boolean {
  return !covered(w, who, sector) || isShort(short, who, sector);
}

/** Whether buying a sector's goods from `seller` would meet one of `c`'s public objectives, by the score's own rule (a seller's objective is not met by buying). */
function wantsSupply(c: CountryView, seller: string, sector: Sector): boolean {
  // Asked of every seat for every sector at each proposal: the deal is made only for an objective that could count it.
  let deal: Parameters<typeof dealCounts>[1] | undefined;
  for (const o of c.objectives) {
    const cond = o.condition;
    if (cond.kind !== "agreement" || cond.type !== "supply") continue;
    deal ??= { type: "supply", parties: [seller, c.id], terms: { type: "supply", suppliers: [seller], buyers: [c.id], sector, volume: 1, price: 0, coInvest: 0 } };
    if (dealCounts(cond, deal, c.id)) return true;
  }
  return false;
}

/** Highest rank first, each country's rank worked out once (a comparator that ranks both sides works it out at every comparison). */
function byRank(rank: (c: CountryView) => number): (a: CountryView, b: CountryView) => number {
  const known = new Map<CountryView, number>();
  return (a, b) => rankOf(known, rank, b) - rankOf(known, rank, a);
}

function rankOf(known: Map<CountryView, number>, rank: (c: CountryView) => number, c: CountryView): number {
  let r = known.get(c);
  if (r === undefined) known.set(c, (r = rank(c)));
  return r;
}

/** Who to buy from or research with: capable, reliable, not the dominant source, friendly. */
function supplierRank(w: World, me: string, c: CountryView, sector: Sector): number {
  const mine = country(w, me);
  const sameCamp = camp(mine) && camp(mine) === camp(c) ? 2 : camp(c) === null ? 1 : 0;
  return c.sectors[sector].capability / 2 + sameCamp + (topHolderOf(w, sector) === c.id ? -2 : 0) + c.metrics.trust / 50;
}

function lenderRank(w: World, me: CountryView, c: CountryView): number {
  return freeCapital(w, c.id) / 10 + (c.personality === "dove" ? 1 : 0) + (me.exposure[c.id] ?? 0) * 5;
}

/** The option a country backs in a race: its objectives', its camp's, or the one that leads (once a world: its lookup, shared with the copy carrying the offers). */
function preferredOption(w: World, who: string, technology: string): string | undefined {
  let byTech = preferred.get(w.byId);
  if (!byTech) preferred.set(w.byId, (byTech = new Map()));
  let byWho = byTech.get(technology);
  if (!byWho) byTech.set(technology, (byWho = new Map()));
  if (byWho.has(who)) return byWho.get(who);
  const option = preferredOptionOf(w, who, technology);
  byWho.set(who, option);
  return option;
}
/** By the world's country lookup, technology and country (no key string made per question). */
const preferred = new WeakMap<object, Map<string, Map<string, string | undefined>>>();

function preferredOptionOf(w: World, who: string, technology: string): string | undefined {
  const c = country(w, who);
  const tech = w.view.scenario.standards.find((s) => s.id === technology);
  if (!tech) return undefined;
  for (const o of [...c.objectives, ...(c.secret ? [c.secret] : [])])
    if (o.condition.kind === "standard" && o.condition.technology === technology) return o.condition.option;
  const rivalOption = w.ctx.rival?.standards[technology];
  const k = camp(c);
  if (k === "rival") return rivalOption ?? tech.options[tech.options.length - 1]!.id;
  if (k === "alliance") return tech.options.find((o) => o.id !== rivalOption)?.id ?? tech.options[0]!.id;
  return undefined;
}

/** A loan offer that an automated partner would prefer to the rival's published one. */
function loanOffer(w: World, me: string, r: CountryView, project: TermsOf<"loan">["project"], profile: Profile, free: number, share: number): Draft {
  const rules = w.ctx.rules.loans;
  const self = country(w, me);
  const conditions: LoanCondition[] = self.bloc === "alliance" ? ["trusted-vendors"] : [];
  const amount = clamp(Math.round(Math.min(free * share, 25)), 4, 60);
  let interest = clamp(Math.round(rules.safeInterest + 2 - 3 * profile.generosity), 0, 15);
  let grace = profile.generosity >= 0.5 ? 1 : 0;
  const rival = w.ctx.rival;
  if (rival && r.control === "partner" && rival.country !== me) {
    const theirs = partnerChoiceScore(w, r.id, { ...rival.loanOffer, conditions: [] }, "rival");
    for (let i = 0; i < 12 && partnerChoiceScore(w, r.id, { interest, grace, amount, conditions }, self.bloc) <= theirs; i++) {
      if (interest > 0) interest -= 1;
      else if (grace < 2) grace += 1;
      else break;
    }
  }
  return { terms: { type: "loan", lenders: [me], recipient: r.id, project, amount, interest, grace, conditions }, parties: [], duration: minLoanDuration(w.ctx.rules, { grace }) };
}

/**
 * Small changes of terms that favour `who` (a party of the draft), nearest first. Used to
 * counter an offer (favouring oneself) and to sweeten a proposal (favouring the other side).
 */
export function variants(w: World, draft: Draft, who: string): Draft[] {
  const hooks = kindFor(draft.terms).bots;
  return hooks.variants(w, { terms: draft.terms, parties: draft.parties, duration: draft.duration }, who).map((v) => ({ terms: v.terms, parties: draft.parties, duration: v.duration ?? draft.duration }));
}

/**
 * The draft without `who`, for a deal whose parties are listed and that still stands with the
 * rest (a regime, a coalition): what a proposer offers instead when `who` would say no. Null
 * when `who` is not listed or the rest are too few.
 */
export function leaveOut(draft: Draft, who: string): Draft | null {
  if (!draft.parties.includes(who)) return null;
  const parties = draft.parties.filter((p) => p !== who);
  return parties.length >= kindFor(draft.terms).minParties ? { ...draft, parties } : null;
}

