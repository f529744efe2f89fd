/**
 * A bot's model of what a deal does over the rest of the game, from public numbers only (the
 * view and the scenario's rules). The engine's `preview` is exact but covers one round and a
 * single seat; this model adds what comes later (projects completing, repayments, the rival's
 * retaliation, expected research results) and lets a bot estimate how a deal looks to the
 * other parties, whose preview it cannot run. Each type's formulas are its module's
 * `bots.project` hook (shared/engine/agreements/), written beside its `resolve` step.
 */
import type { Draft } from "../engine/actions.ts";
import { PUBLIC_STATUSES, type Agreement } from "../engine/types.ts";
import { kindFor, outlay, partiesOf, signingClash } from "../engine/agreements/index.ts";
import { CAPABILITY_KEY, RETALIATION, type DraftWorld, type Flow, type Projected, type Projection, type Projector, type PublicWorld, type TableFlow, type FlowKey } from "../engine/agreements/kit.ts";
import { isStrategic } from "../engine/agreements/public.ts";
import type { CountryView, GameView } from "../engine/views.ts";
import type { Sector, TableMetric } from "../engine/vocabulary.ts";
import type { BotContext } from "./context.ts";

export type { Flow, FlowKey, Projection, TableFlow } from "../engine/agreements/kit.ts";

/** Quick lookups over a view, built once per decision. */
export type World = PublicWorld & {
  view: GameView;
  ctx: Pick<BotContext, "rules" | "targets" | "rival">;
  /**
   * Numbers value.ts works out once a world (`perWorld`), kept on the world itself: read for
   * every party of every draft valued, where a lookup by the world in a WeakMap was a cost of its
   * own. `of` is the world they belong to: a copy of a world (proposing.ts `withOffers`) carries
   * the field but not the numbers' owner, and makes its own.
   */
  memo?: { of: World; subtotals: Map<string, number>; reliabilities: Map<string, number> } | undefined;
};

/**
 * The model's world: the view with the deals every seat sees (signed, in force, ended), never
 * open or declined offers: what a deal will do depends on the deals made, not on those talked
 * about. So the model reads nothing outside what a bot keeps its valuations under (the
 * context's `epoch`), and a bot that proposes reads the open offers from its view.
 */
export function worldOf(full: GameView, ctx: Pick<BotContext, "rules" | "targets" | "rival">, facts: PublicFacts = publicFacts(full)): World {
  const view = { ...full, agreements: facts.agreements };
  return {
    view,
    // Only what the model reads of the context, in an object of its own: the context (a getter
    // and an optional key) is a dictionary, slow to read, and every valuation reads its rules.
    ctx: ctx.rival ? { rules: ctx.rules, targets: ctx.targets, rival: ctx.rival } : { rules: ctx.rules, targets: ctx.targets },
    byId: new Map(view.countries.map((c) => [c.id, c])),
    round: view.round,
    lastRound: view.settings.rounds,
    left: Math.max(0, view.settings.rounds - view.round + 1),
    ...(facts.rivalId ? { rivalId: facts.rivalId } : {}),
    cover: facts.cover,
    shared: facts,
    memo: undefined,
  };
}

/**
 * What a world reads of the deals every seat sees, the same for every seat's view: those deals,
 * each buyer's supply cover by sector, and the rival. Made once while nothing the model reads
 * changes (mind.ts keeps it with the epoch's memory), then each seat's world adds its own view.
 */
export type PublicFacts = { agreements: Agreement[]; cover: Map<string, Map<Sector, number>>; rivalId: string | undefined };

export function publicFacts(full: GameView): PublicFacts {
  const agreements = full.agreements.filter((a) => PUBLIC_STATUSES.has(a.status));
  const cover = new Map<string, Map<Sector, number>>();
  for (const a of agreements) {
    if (a.terms.type !== "supply" || (a.status !== "in-force" && a.status !== "signed")) continue;
    const t = a.terms;
    for (const b of t.buyers) {
      const m = cover.get(b) ?? new Map<Sector, number>();
      m.set(t.sector, (m.get(t.sector) ?? 0) + t.volume / t.buyers.length);
      cover.set(b, m);
    }
  }
  return { agreements, cover, rivalId: full.scenario.rivalCountry ?? full.countries.find((c) => c.bloc === "rival")?.id };
}

export function country(w: World, id: string): CountryView {
  const c = w.byId.get(id);
  if (!c) throw new Error(`unknown country ${id}`);
  return c;
}

/**
 * The world as the engine's checks of a draft read it (agreements/kit.ts `DraftWorld`), with
 * `bound` as the commitments: the engine's own rules of what clashes (one screening pact per
 * pair, one side of a standards race, one export-control regime per member, sector and target)
 * asked as if those deals had taken force.
 */
export function boundWorld(w: Pick<PublicWorld, "byId" | "view"> & { round?: number }, bound: readonly Agreement[]): DraftWorld {
  return {
    country: (id) => w.byId.get(id),
    standards: w.view.scenario.standards,
    ...(w.round !== undefined ? { round: w.round } : {}),
    commitments: (country, type) => bound.filter((a) => a.type === type && a.parties.includes(country)),
  };
}

/**
 * Whether open offer `a` can still take force, as far as the deals every seat sees tell: the
 * engine would take the signature of every party yet to sign (agreements/index.ts
 * `signingClash`, asked of the deals signed or in force). A pact whose missing party has since
 * signed another with one of its members never will (docs/RULES.md §4.2).
 */
export function canTakeForce(w: Pick<PublicWorld, "byId" | "view">, a: Agreement): boolean {
  if (!kindFor(a.terms).conflict) return true;
  const made = boundWorld(w, w.view.agreements.filter((b) => b.status === "signed" || b.status === "in-force"));
  return a.parties.every((p) => a.signatures.includes(p) || !signingClash(made, a, p));
}

/**
 * The open offers `me` has signed (its word, until the others answer) that offer `a` clashes
 * with by the engine's rule of their kind (the module's `conflict`: one screening pact per pair
 * of countries, one side of a standards race, one regime per member, sector and target): those `a`, as a draft, would be refused against
 * once taken force (the check of a proposal, every party's pairs). Only offers that can still
 * take force count: one that never will binds nobody.
 */
export function pledgesAgainst(w: Pick<PublicWorld, "byId" | "view">, open: readonly Agreement[], me: string, a: Pick<Agreement, "id" | "terms" | "parties">): Agreement[] {
  const kind = kindFor(a.terms);
  if (!kind.conflict) return [];
  const out: Agreement[] = [];
  for (const b of open) {
    if (b.id === a.id || b.status !== "proposed" || b.type !== a.terms.type || !b.signatures.includes(me)) continue;
    const pledged = boundWorld(w, [b]);
    if (a.parties.some((p) => kind.conflict!(pledged, a.terms, a.parties, p)) && canTakeForce(w, b)) out.push(b);
  }
  return out;
}

/** Parties of a draft, as the engine derives them. */
export const draftParties = partiesOf;

export { financedProjects, partnerChoiceScore, projectFinanced } from "../engine/agreements/loan.ts";
export { standardLeader } from "../engine/agreements/standards.ts";

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
  // Every projection has the same fields (undefined where a kind has none, not absent): the
  // valuation reads them on thousands of projections of every kind, and reads of objects of one
  // shape are the fast ones.
  const out: Projection = {
    type: t.type,
    parties,
    terms: t,
    horizon,
    cut: horizon < draft.duration,
    flows,
    table,
    // Terms without the field read undefined: the same as an `in` check, without one per projection.
    sector: (t as { sector?: Sector }).sector,
    target: (t as { target?: string }).target,
    targets: undefined,
    connects: undefined,
    regime: undefined,
    standard: undefined,
  };
  const acc = new Builder(w, flows, table);
  const deal: Projected<Draft["terms"]> = { terms: t, parties, duration: draft.duration, start, end, horizon, existing };
  kindFor(t).bots.project(w, deal, acc, out);
  // Voters feel prosperity (drift): support follows prosperity changes (of the flows the deal made, not those added here).
  // The drift of the rival's ban is the ban's too (a bot names what the ban costs it, value.ts `banOf`).
  const perProsperity = rules.support.perProsperity;
  if (perProsperity > 0) {
    for (let i = 0, n = flows.length; i < n; i++) {
      const f = flows[i]!;
      if (f.key === "prosperity") acc.flow(f.who, "support", f.perRound * perProsperity, f.rounds, f.label === RETALIATION ? RETALIATION : "voters feel the economy", !!f.delayed);
    }
  }
  return out;
}

/** Collects a projection's flows (a class: its methods are made once, not per projection). */
class Builder implements Projector {
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
  push(flow: Flow) {
    this.flows.push(flow);
  }
}

// Every flow has the same fields (`delayed` false rather than absent): the valuation reads
// thousands of them, and reads of objects of one shape are the fast ones.
function addFlow(flows: Flow[], who: string, key: FlowKey, perRound: number, rounds: number, label: string, delayed: boolean) {
  if (perRound !== 0 && rounds > 0) flows.push({ who, key, perRound, rounds, label, delayed });
}

function addTableFlow(table: TableFlow[], key: TableMetric, perRound: number, rounds: number, label: string, delayed: boolean) {
  if (perRound !== 0 && rounds > 0) table.push({ key, perRound, rounds, label, delayed });
}

/** Capability gained in a strategic sector also shows up as security. */
function addCapability(w: World, flows: Flow[], who: string, sector: Sector, perRound: number, rounds: number, label: string, delayed: boolean) {
  addFlow(flows, who, CAPABILITY_KEY[sector], perRound, rounds, label, delayed);
  if (isStrategic(w, sector)) addFlow(flows, who, "security", perRound * w.ctx.rules.production.securityPerCapability, rounds, label, delayed);
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
  if (except !== undefined) return freeCapitalOf(w, who, except);
  // Kept by the world's `shared` key, for every seat (public numbers only) and the copy carrying
  // the open offers: open offers commit nothing, so both give the same number.
  let byWho = freeCapitals.get(w.shared);
  if (!byWho) freeCapitals.set(w.shared, (byWho = new Map()));
  let v = byWho.get(who);
  if (v === undefined) byWho.set(who, (v = freeCapitalOf(w, who)));
  return v;
}
const freeCapitals = new WeakMap<object, Map<string, number>>();

function freeCapitalOf(w: World, who: string, except?: string): number {
  const c = w.byId.get(who);
  if (!c) return 0;
  let committed = 0;
  for (const a of w.view.agreements) {
    if (a.id === except || !a.parties.includes(who)) continue;
    if (a.status === "in-force" || a.status === "signed") committed += outlay(w.ctx.rules, a, who, a.built ?? 0);
  }
  return c.capital + c.income - committed;
}

/**
 * `who`'s capital after each round left (this one first) with the deals made (signed or in
 * force), as the model projects them: its capital now, then each round its income and what
 * those deals pay and earn (docs/RULES.md, "Paying for deals"; cards left out). Kept by the
 * world's `shared` key, as `freeCapital`.
 */
export function capitalPath(w: World, who: string): Float64Array {
  let byWho = capitalPaths.get(w.shared);
  if (!byWho) capitalPaths.set(w.shared, (byWho = new Map()));
  let path = byWho.get(who);
  if (!path) byWho.set(who, (path = capitalPathOf(w, who)));
  return path;
}
const capitalPaths = new WeakMap<object, Map<string, Float64Array>>();

function capitalPathOf(w: World, who: string): Float64Array {
  const path = new Float64Array(w.left);
  const c = w.byId.get(who);
  if (!c) return path;
  for (const a of w.view.agreements) {
    if ((a.status !== "in-force" && a.status !== "signed") || !a.parties.includes(who)) continue;
    addCapitalFlows(path, project(w, a, a.status === "in-force" ? a : undefined).flows, who);
  }
  let level = c.capital;
  for (let k = 0; k < path.length; k++) path[k] = level += c.income + path[k]!;
  return path;
}

/** Adds `who`'s capital flows (those `only` keeps) to `perRound`, each in the rounds it comes (index 0: this round). */
export function addCapitalFlows(perRound: Float64Array, flows: readonly Flow[], who: string, only?: (f: Flow) => boolean) {
  for (const f of flows) {
    if (f.who !== who || f.key !== "capital" || (only && !only(f))) continue;
    const from = f.from ?? 0;
    for (let k = from; k < Math.min(perRound.length, from + f.rounds); k++) perRound[k] = perRound[k]! + f.perRound;
  }
}
