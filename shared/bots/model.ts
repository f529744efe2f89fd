/**
 * A bot's model of what a deal does over the rest of the game, from public numbers only (the
 * view and the scenario's rules). The engine's `preview` is exact but covers one round and a
 * single seat; this model adds what comes later (projects completing, repayments, the rival's
 * retaliation, expected research results) and lets a bot estimate how a deal looks to the
 * other parties, whose preview it cannot run. Formulas follow shared/engine/resolution.ts.
 */
import type { Draft, Terms, TermsOf } from "../engine/actions.ts";
import type { Agreement } from "../engine/types.ts";
import { outlay } from "../engine/agreements.ts";
import type { CountryView, GameView } from "../engine/views.ts";
import { STANCES, type CountryMetric, type Sector, type TableMetric } from "../engine/vocabulary.ts";
import type { BotContext } from "./context.ts";

export type FlowKey = CountryMetric | "capital" | `cap:${Sector}`;

/** A change to one country's number, `perRound` in each of `rounds` rounds. */
/** `from`: rounds from now until the flow starts (capital's worth depends on when it comes). */
export type Flow = { who: string; key: FlowKey; perRound: number; rounds: number; label: string; delayed?: boolean; from?: number };
/** A change to a table metric. */
export type TableFlow = { key: TableMetric; perRound: number; rounds: number; label: string; delayed?: boolean };

export type Projection = {
  type: Terms["type"];
  parties: string[];
  /** The deal's sector, and the country an export control or a statement names. */
  sector?: Sector;
  target?: string;
  /** Countries an export control hits (a named target, or everyone outside with capability). */
  targets?: string[];
  /** Rounds the deal acts within the game (this one included). */
  horizon: number;
  flows: Flow[];
  table: TableFlow[];
  /** A loan's project completes within the game: who it connects. */
  connects?: { recipient: string; lenders: string[]; chance: number };
  /** An export-control regime that will still be in force at the end. */
  regime?: { sector: Sector; effectiveness: number; targetsRival: boolean; untilEnd: boolean };
  /** A standards coalition: the option it backs and whether that option would lead. */
  standard?: { technology: string; option: string; leads: boolean };
};

/** Quick lookups over a view, built once per decision. */
export type World = {
  view: GameView;
  ctx: Pick<BotContext, "rules" | "targets" | "rival">;
  byId: Map<string, CountryView>;
  round: number;
  lastRound: number;
  /** Rounds left including the current one. */
  left: number;
  rivalId?: string;
  /** Supply cover a country already has per sector (in-force or signed supply deals). */
  cover: Map<string, Map<Sector, number>>;
};

export function worldOf(view: GameView, ctx: Pick<BotContext, "rules" | "targets" | "rival">): World {
  const byId = new Map(view.countries.map((c) => [c.id, c]));
  const cover = new Map<string, Map<Sector, number>>();
  for (const a of view.agreements) {
    if (a.terms.type !== "supply" || (a.status !== "in-force" && a.status !== "signed")) continue;
    const t = a.terms;
    for (const b of t.buyers) {
      const m = cover.get(b) ?? new Map<Sector, number>();
      m.set(t.sector, (m.get(t.sector) ?? 0) + t.volume / t.buyers.length);
      cover.set(b, m);
    }
  }
  const rivalId = view.scenario.rivalCountry ?? view.countries.find((c) => c.bloc === "rival")?.id;
  return {
    view,
    ctx,
    byId,
    round: view.round,
    lastRound: view.settings.rounds,
    left: Math.max(0, view.settings.rounds - view.round + 1),
    ...(rivalId ? { rivalId } : {}),
    cover,
  };
}

export function country(w: World, id: string): CountryView {
  const c = w.byId.get(id);
  if (!c) throw new Error(`unknown country ${id}`);
  return c;
}

/** Parties of a draft, as the engine derives them. */
export function draftParties(draft: Pick<Draft, "terms" | "parties">): string[] {
  const t = draft.terms;
  if (t.type === "supply") return [...new Set([...t.suppliers, ...t.buyers])];
  if (t.type === "loan") return [...new Set([...t.lenders, t.recipient])];
  return [...new Set(draft.parties)];
}

const isStrategic = (w: World, s: Sector) => w.ctx.rules.production.strategicSectors.includes(s);

export function regimeEffectivenessOf(w: World, parties: string[], sector: Sector): number {
  return Math.min(1, parties.reduce((sum, p) => sum + (w.byId.get(p)?.sectors[sector].chokepoint ?? 0), 0));
}

export function regimeTargetsOf(w: World, parties: string[], t: TermsOf<"export-control">): string[] {
  if (t.target !== "outside") return [t.target];
  return w.view.countries.filter((c) => !parties.includes(c.id) && c.sectors[t.sector].capability > 0).map((c) => c.id);
}

function topHolder(w: World, sector: Sector): string | undefined {
  let best: CountryView | undefined;
  for (const c of w.view.countries) if (c.sectors[sector].chokepoint > (best?.sectors[sector].chokepoint ?? 0)) best = c;
  return best?.id;
}

/** Shortage a restriction-hit country would suffer per round in a sector, before supply cover. */
export function rawShortage(w: World, who: string, sector: Sector, holders: string[]): number {
  const cut = holders.reduce((s, h) => s + (w.byId.get(h)?.sectors[sector].chokepoint ?? 0), 0);
  return 10 * Math.min(1, cut) * (1 - (w.byId.get(who)?.sectors[sector].chokepoint ?? 0));
}

/** Restrictions that will still bite `who` in `sector` in a later resolution, and how many rounds. */
function activeRestrictions(w: World, who: string, sector: Sector) {
  return w.view.restrictions.filter((r) => r.sector === sector && r.on.includes(who) && r.untilRound >= w.round);
}

/** Score an automated partner gives a loan offer (resolution.ts automatedReplies). */
export function partnerChoiceScore(w: World, partner: string, t: Pick<TermsOf<"loan">, "interest" | "grace" | "amount" | "conditions">, lenderBloc: string): number {
  const choice = w.ctx.rules.loans.choice;
  const stance = w.byId.get(partner)?.stance ?? "hedging";
  const lean = STANCES.indexOf(stance) - 2;
  const affinity = lenderBloc === "rival" ? Math.sign(lean) : lenderBloc === "alliance" ? -Math.sign(lean) : 0;
  return -choice.interest * t.interest + choice.grace * t.grace + choice.amount * t.amount + choice.affinity * affinity - choice.condition * t.conditions.length;
}

/** Whether a partner's project is already financed (visible loans only: signed, in force or repaid). */
export function projectFinanced(w: World, recipient: string, project: string): boolean {
  return w.view.agreements.some(
    (a) => a.terms.type === "loan" && a.terms.recipient === recipient && a.terms.project === project && (a.status === "in-force" || a.status === "signed" || a.status === "expired"),
  );
}

/**
 * Projects a draft (or an agreement already in force, `existing`) over the rest of the game.
 * `startRound` is the round whose resolution it first acts in.
 */
export function project(w: World, draft: Pick<Draft, "terms" | "parties" | "duration">, existing?: Agreement): Projection {
  const rules = w.ctx.rules;
  const t = draft.terms;
  const parties = existing?.parties ?? draftParties(draft);
  const start = existing?.startRound ?? w.round;
  const end = Math.min(w.lastRound, start + draft.duration - 1);
  const horizon = Math.max(0, end - w.round + 1);
  const flows: Flow[] = [];
  const table: TableFlow[] = [];
  const out: Projection = { type: t.type, parties, horizon, flows, table };
  if ("sector" in t) out.sector = t.sector;
  if (t.type === "export-control" || t.type === "alignment") out.target = t.target;
  const acc = new Builder(w, flows, table);
  const h = horizon;
  switch (t.type) {
    case "export-control": {
      const r = rules.controls;
      const eff = regimeEffectivenessOf(w, parties, t.sector);
      const tier = t.tier === "frontier" ? r.frontierFactor : 1;
      const targets = regimeTargetsOf(w, parties, t);
      out.targets = targets;
      for (const m of parties) {
        const exposure = targets.reduce((s, x) => s + (w.byId.get(m)?.exposure[x] ?? 0), 0);
        acc.flow(m, "prosperity", -r.revenueCost * exposure * tier, h, "export revenue lost");
        acc.flow(m, "security", r.security * eff * tier, h, "lead protected");
      }
      for (const x of targets) if ((w.byId.get(x)?.sectors[t.sector].capability ?? 0) > 0) acc.capability(x, t.sector, -r.drag * eff * tier, h, "controls slow its growth");
      const hitsRival = targets.some((x) => w.byId.get(x)?.bloc === "rival");
      acc.tflow("tension", r.tension * eff * tier * (hitsRival ? 1 : 0.5), h, "controls raise tension");
      acc.tflow("cohesion", r.cohesionPerPartner * (parties.length - 1), h, "harmonized controls");
      const rival = w.ctx.rival;
      const targetsRival = !!w.rivalId && targets.includes(w.rivalId);
      out.regime = { sector: t.sector, effectiveness: eff, targetsRival, untilEnd: start + draft.duration - 1 >= w.lastRound };
      if (rival && targets.includes(rival.country) && eff >= rival.retaliation.threshold && !existing) {
        const rounds = Math.min(rival.retaliation.rounds, w.left - 1);
        const sr = rules.shortage;
        acc.tflow("tension", rival.retaliation.tension, 1, "the rival retaliates", true);
        for (const m of parties) {
          const raw = rawShortage(w, m, rival.retaliation.sector, [rival.country]);
          const covered = Math.min(raw, w.cover.get(m)?.get(rival.retaliation.sector) ?? 0);
          const sh = raw - covered;
          if (sh <= 0.05) continue;
          const label = "retaliatory export ban";
          acc.flow(m, "prosperity", -sr.prosperity * sh, rounds, label, true);
          acc.flow(m, "security", -sr.security * sh, rounds, label, true);
          acc.flow(m, "support", -sr.support * sh, rounds, label, true);
          acc.tflow("resilience", -sr.resilience * sh, rounds, label, true);
        }
      }
      break;
    }
    case "screening": {
      const r = rules.screening;
      for (const p of parties) {
        acc.flow(p, "prosperity", r.prosperity, h, "cheaper trusted investment");
        acc.flow(p, "security", r.security, h, "screened investment");
      }
      acc.tflow("cohesion", r.cohesion * (parties.length - 1), h, "screening pact");
      break;
    }
    case "supply": {
      const r = rules.supply;
      const nb = t.buyers.length;
      const ns = t.suppliers.length;
      const top = topHolder(w, t.sector);
      const factor = top && t.suppliers.includes(top) ? r.singleSourceFactor : 1;
      for (const b of t.buyers) {
        acc.flow(b, "capital", -(t.volume * t.price + t.coInvest) / nb, h, "payments");
        acc.flow(b, "security", (r.buyerSecurity * t.volume * factor) / nb, h, "secured supply");
        // Cover against restrictions that will still bite.
        const restr = activeRestrictions(w, b, t.sector);
        if (restr.length) {
          const holders = [...new Set(restr.map((x) => x.by))];
          const raw = rawShortage(w, b, t.sector, holders);
          const before = Math.min(raw, w.cover.get(b)?.get(t.sector) ?? 0);
          const avoided = Math.min(raw - before, t.volume / nb);
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
      const jv = w.view.agreements.some((a) => a.type === "screening" && a.status === "in-force" && parties.every((p) => a.parties.includes(p)))
        ? rules.screening.jvBonus
        : 1;
      for (const s of t.suppliers) {
        acc.flow(s, "capital", (t.volume * t.price) / ns, h, "sales");
        acc.flow(s, "prosperity", (r.supplierProsperity * t.volume) / ns, h, "export sales");
        if (t.coInvest > 0) acc.capability(s, t.sector, (r.coInvestGrowth * t.coInvest * jv) / ns, h, "co-invested capacity");
      }
      acc.tflow("resilience", r.tableResilience * t.volume * factor, h, factor < 1 ? "supply from the dominant source" : "diversified supply");
      break;
    }
    case "loan": {
      const r = rules.loans;
      const nl = t.lenders.length;
      const built = existing?.built ?? 0;
      const buildLeft = Math.max(0, r.buildRounds - built);
      const buildRounds = Math.min(buildLeft, horizon);
      for (const l of t.lenders) acc.flow(l, "capital", -t.amount / r.buildRounds / nl, buildRounds, "financing the project");
      const completeRound = w.round + buildLeft - 1;
      const completes = buildLeft > 0 && completeRound <= Math.min(w.lastRound, end);
      const recipient = w.byId.get(t.recipient);
      let chance = 1;
      if (!existing && recipient?.control === "partner") {
        // An automated partner picks the best offer; the rival's published offer competes.
        const lenderBloc = w.byId.get(t.lenders[0]!)?.bloc ?? "alliance";
        const ours = partnerChoiceScore(w, t.recipient, t, lenderBloc);
        const rival = w.ctx.rival;
        const rivalNeed = recipient.needs.find((p) => !projectFinanced(w, t.recipient, p));
        if (rival && rival.country !== t.lenders[0] && rivalNeed === t.project && w.round > 1) {
          const theirs = partnerChoiceScore(w, t.recipient, { ...rival.loanOffer, conditions: [] }, "rival");
          chance = ours > theirs ? 0.85 : ours === theirs ? 0.4 : 0.05;
        } else chance = 0.85;
      }
      if (completes) {
        const delayed = buildLeft > 1;
        out.connects = { recipient: t.recipient, lenders: t.lenders, chance };
        if (recipient && !recipient.connected) acc.tflow("divide", -r.divideDrop * chance, 1, "a partner connected", delayed);
        acc.flow(t.recipient, "prosperity", r.recipientProsperity * chance, 1, "a new project", delayed);
        if (t.conditions.includes("local-jobs")) acc.flow(t.recipient, "support", r.localJobsSupport * chance, 1, "local jobs", delayed);
        const ecosystem = t.conditions.filter((c) => c !== "local-jobs").length;
        for (const l of t.lenders) acc.flow(l, "influence", ((t.amount * r.influencePerCapital) / nl + r.conditionInfluence * ecosystem) * chance, 1, "a project built on our terms", delayed);
        // Repayments inside the game.
        const repayRounds = Math.max(1, draft.duration - r.buildRounds - t.grace);
        const firstPay = start + r.buildRounds + t.grace;
        const pays = Math.max(0, Math.min(w.lastRound, start + draft.duration - 1) - Math.max(firstPay, w.round) + 1);
        if (pays > 0) {
          const payment = (t.amount * (1 + t.interest / 100)) / repayRounds;
          const risk = Math.max(0, t.interest - r.safeInterest) * r.defaultRiskPerPoint;
          const survive = Math.pow(1 - Math.min(1, risk), (pays + 1) / 2);
          const from = Math.max(0, firstPay - w.round);
          flows.push({ who: t.recipient, key: "capital", perRound: -payment * survive * chance, rounds: pays, label: "loan repayment", delayed: true, from });
          for (const l of t.lenders) flows.push({ who: l, key: "capital", perRound: (payment / nl) * survive * chance, rounds: pays, label: "repayment", delayed: true, from });
          if (risk > 0) {
            const pDefault = 1 - Math.pow(1 - Math.min(1, risk), pays);
            acc.flow(t.recipient, "trust", -r.defaultTrust * pDefault * chance, 1, "risk of default", true);
            acc.flow(t.recipient, "support", (-r.defaultTrust / 2) * pDefault * chance, 1, "risk of default", true);
          }
        }
      }
      break;
    }
    case "alignment": {
      const r = rules.alignment;
      const k = t.clauses.length;
      for (const p of parties) {
        acc.flow(p, "security", r.securityPerClause * k, h, "shared threat picture");
        const exposure = w.byId.get(p)?.exposure[t.target] ?? 0;
        acc.flow(p, "support", -r.supportCostPerClause * k * exposure, h, "business fears for trade");
      }
      acc.tflow("cohesion", r.cohesionPerClause * k, h, "aligned statement");
      acc.tflow("tension", r.tensionPerClause * k, h, "statement names a rival");
      break;
    }
    case "standards": {
      const leads = standardLeads(w, t.technology, t.option, parties);
      out.standard = { technology: t.technology, option: t.option, leads };
      if (leads) {
        // Only countries not already on the leading side gain from joining it.
        const side = sideOf(w, t.technology, t.option);
        for (const p of parties) if (!side.has(p) || existing) acc.flow(p, "influence", w.ctx.rules.standards.influence, h, "our standard leads");
      }
      break;
    }
    case "rnd": {
      const r = rules.rnd;
      const jv = w.view.agreements.some((a) => a.type === "screening" && a.status === "in-force" && parties.every((p) => a.parties.includes(p)))
        ? rules.screening.jvBonus
        : 1;
      const chance = Math.min(r.maxChance, t.contribution * parties.length * r.chancePerCapital * jv);
      const expected = chance * r.breakthrough + (1 - chance) * r.learning;
      for (const p of parties) {
        acc.flow(p, "capital", -t.contribution, h, "research contribution");
        acc.capability(p, t.sector, expected, h, `expected research results (${Math.round(chance * 100)}% chance of a breakthrough)`);
      }
      acc.tflow("cohesion", r.cohesion, h, "joint research");
      break;
    }
  }
  // Voters feel prosperity (drift): support follows prosperity changes.
  const perProsperity = rules.support.perProsperity;
  if (perProsperity > 0) {
    for (const f of [...flows]) if (f.key === "prosperity") acc.flow(f.who, "support", f.perRound * perProsperity, f.rounds, "voters feel the economy", !!f.delayed);
  }
  return out;
}

/** Collects a projection's flows (a class: its methods are made once, not per projection). */
class Builder {
  constructor(
    private w: World,
    private flows: Flow[],
    private table: TableFlow[],
  ) {}
  flow(who: string, key: FlowKey, perRound: number, rounds: number, label: string, delayed = false) {
    addFlow(this.flows, who, key, perRound, rounds, label, delayed);
  }
  tflow(key: TableMetric, perRound: number, rounds: number, label: string, delayed = false) {
    addTableFlow(this.table, key, perRound, rounds, label, delayed);
  }
  capability(who: string, sector: Sector, perRound: number, rounds: number, label: string, delayed = false) {
    addCapability(this.w, this.flows, who, sector, perRound, rounds, label, delayed);
  }
}

function addFlow(flows: Flow[], who: string, key: FlowKey, perRound: number, rounds: number, label: string, delayed: boolean) {
  if (perRound !== 0 && rounds > 0) flows.push(delayed ? { who, key, perRound, rounds, label, delayed } : { who, key, perRound, rounds, label });
}

function addTableFlow(table: TableFlow[], key: TableMetric, perRound: number, rounds: number, label: string, delayed: boolean) {
  if (perRound !== 0 && rounds > 0) table.push(delayed ? { key, perRound, rounds, label, delayed } : { key, perRound, rounds, label });
}

/** Capability gained in a strategic sector also shows up as security. */
function addCapability(w: World, flows: Flow[], who: string, sector: Sector, perRound: number, rounds: number, label: string, delayed: boolean) {
  addFlow(flows, who, `cap:${sector}`, perRound, rounds, label, delayed);
  if (isStrategic(w, sector)) addFlow(flows, who, "security", perRound * w.ctx.rules.production.securityPerCapability, rounds, label, delayed);
}

/** Members of the side backing `option` in a standards race (in force or signed coalitions). */
export function sideOf(w: World, technology: string, option: string): Set<string> {
  const side = new Set<string>();
  for (const a of w.view.agreements) {
    if (a.terms.type !== "standards" || a.terms.technology !== technology || a.terms.option !== option) continue;
    if (a.status === "in-force" || a.status === "signed") a.parties.forEach((p) => side.add(p));
  }
  const rival = w.ctx.rival;
  if (rival && rival.standards[technology] === option) side.add(rival.country);
  return side;
}

/** Weight of each option's side in a race, with `joining` added to `option`'s side. */
export function standardWeights(w: World, technology: string, joining: { option: string; parties: string[] } | null): Map<string, number> {
  const tech = w.view.scenario.standards.find((s) => s.id === technology);
  const out = new Map<string, number>();
  if (!tech) return out;
  const rules = w.ctx.rules;
  for (const o of tech.options) {
    const side = sideOf(w, technology, o.id);
    if (joining && joining.option === o.id) joining.parties.forEach((p) => side.add(p));
    if (!side.size) continue;
    const partners = w.view.agreements.filter(
      (a) => a.terms.type === "loan" && (a.built ?? 0) >= rules.loans.buildRounds && a.terms.lenders.some((l) => side.has(l)),
    ).length;
    const capability = [...side].reduce((s, m) => s + (w.byId.get(m)?.sectors[tech.sector].capability ?? 0), 0);
    out.set(o.id, capability + rules.standards.partnerWeight * partners);
  }
  return out;
}

export function standardLeads(w: World, technology: string, option: string, joining: string[]): boolean {
  const weights = standardWeights(w, technology, { option, parties: joining });
  const mine = weights.get(option) ?? 0;
  for (const [o, x] of weights) if (o !== option && x >= mine) return false;
  return mine > 0;
}

/** A country's projected change of a number by the end, summing flows. */
export function total(flows: readonly Flow[], who: string, key: FlowKey, filter?: (f: Flow) => boolean): number {
  let s = 0;
  for (const f of flows) if (f.who === who && f.key === key && (!filter || filter(f))) s += f.perRound * f.rounds;
  return s;
}

export function tableTotal(flows: readonly TableFlow[], key: TableMetric, filter?: (f: TableFlow) => boolean): number {
  let s = 0;
  for (const f of flows) if (f.key === key && (!filter || filter(f))) s += f.perRound * f.rounds;
  return s;
}


/** Capital `who` can still commit for the next resolution, as far as the view shows. */
export function freeCapital(w: World, who: string, except?: string): number {
  const c = w.byId.get(who);
  if (!c) return 0;
  let committed = 0;
  for (const a of w.view.agreements) {
    if (a.id === except || !a.parties.includes(who)) continue;
    if (a.status === "in-force" || a.status === "signed") committed += outlay(w.ctx.rules, a, who, a.built ?? 0);
  }
  return c.capital + c.income - committed;
}
