/**
 * How much a deal is worth to a country, in score points, and why. The bot's own valuation
 * uses the engine's preview for this round (exact), extended over the rounds the deal lasts,
 * plus what the preview cannot show yet (see model.ts), and the debt its payments would run the
 * country into (`debtOf`); its weights, tilted by personality;
 * its objectives (its own secret included); and its share of the shared stake (the score lost
 * by everyone when the table misses its targets).
 */
import type { PreviewLine } from "../engine/preview.ts";
import { kindOf } from "../engine/agreements/index.ts";
import { CAPABILITY_KEY, RETALIATION } from "../engine/agreements/kit.ts";
import { banShortage, reaches, regimeTargetsAmong } from "../engine/agreements/export-control.ts";
import { campOf } from "../engine/agreements/screening.ts";
import { dealCounts, dealForbidden, TOOK_FORCE } from "../engine/scoring.ts";
import type { Objective, Condition } from "../scenario/schema.ts";
import { COUNTRY_METRICS, type CountryMetric, type Sector, type TableMetric } from "../engine/vocabulary.ts";
import { addCapitalFlows, capitalPath, project, tableTotal, total, type FlowKey, type Projection, type World, country, standardLeader } from "./model.ts";
import type { Profile } from "./personality.ts";

/** One reason a deal is worth something: `amount` of a number, worth `points`. */
/** `objective`: for a part that is one, the objective's id and whose it is (its words are the reader's to look up: they may be secret, and they are translated). */
/** `rounds`: an amount over that many rounds (capital, whose deal card shows it a round at a time). */
/** `score`: for the part a crisis takes (`CrisisStake`), the seat's score now and the score a crisis would leave it. */
/** `country`: for the part a deal that supplies the other camp costs (`otherSide`), the country of that camp it supplies. */
export type Part = { label: string; points: number; amount?: number; rounds?: number; left?: true; objective?: { id: string; of: string; condition?: Condition }; score?: { now: number; crisis: number }; country?: string };
/**
 * What of a valuation the rival's answer to a regime costs (its ban, flows labelled
 * `RETALIATION`): each metric's share of the parts (`amount`, `points`), their sum, the rival and
 * the goods it bans; `elsewhere`: supply of those goods from another country would cut it. The
 * flows count only the shortage the seat's supply deals leave: `covered`, what those already
 * supply a round, and `short`, what the ban still leaves it short of a round.
 */
export type Ban = { rival: string; sector: Sector; parts: Part[]; points: number; elsewhere: boolean; covered: number; short: number };
export type Valuation = { value: number; parts: Part[]; ban?: Ban };

const r1 = (x: number) => Math.round(x * 10) / 10;
const STEEP = 1.7;
const logistic = (x: number) => 1 / (1 + Math.exp(-STEEP * x));
const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/** Numbers of a country that a world fixes (a world is one decision's view), worked out once a world. */
type Memo = NonNullable<World["memo"]>;
function perWorld(which: "subtotals" | "reliabilities", w: World, who: string, compute: (w: World, who: string) => number): number {
  let memo = w.memo;
  if (!memo || memo.of !== w) w.memo = memo = { of: w, subtotals: new Map(), reliabilities: new Map() } satisfies Memo;
  const m = memo[which];
  let v = m.get(who);
  if (v === undefined) m.set(who, (v = compute(w, who)));
  return v;
}

/** Probability a bound holds at the end, given a projected value and an uncertainty. */
function pBound(value: number, c: { atLeast?: number | undefined; atMost?: number | undefined }, spread: number): number {
  return pBetween(value, c.atLeast, c.atMost, spread);
}

/** `pBound` with the bounds as numbers (no object made for a bound worked out on the spot). */
function pBetween(value: number, atLeast: number | undefined, atMost: number | undefined, spread: number): number {
  let p = 1;
  if (atLeast !== undefined) p *= logistic((value - atLeast) / spread);
  if (atMost !== undefined) p *= logistic((atMost - value) / spread);
  return clamp(p, 0.01, 0.995);
}

/** What the table will look like at the end with the deals already signed or in force. */
export type Outlook = {
  table: Record<TableMetric, number>;
  /**
   * The tension the deals made add in each round left (index 0: this round's resolution), before
   * the round's drift cools it: the engine checks for a crisis at that peak (resolution.ts
   * `resolveRound`), so a round that adds more than the drift takes off at 97 ends in one.
   */
  tensionAdds: Float64Array;
  connected: Set<string>;
  /** Blocs whose lenders built a project in each partner (projects done or under way). */
  builtBy: Map<string, Set<string>>;
  /** Partners whose project is under way, with the chance it completes. */
  pending: Map<string, number>;
  regimeParties: { regime: NonNullable<Projection["regime"]>; parties: string[] }[];
  /** Chance all shared targets hold without a new deal (computed on first use). */
  baseChance?: number;
  /** The same with each deal projected in this outlook's world (`withDealChance`). */
  withDeal?: WeakMap<Projection, number>;
};

export function outlookOf(w: World): Outlook {
  const table = { ...w.view.table };
  const rules = w.ctx.rules;
  const connected = new Set(w.view.countries.filter((c) => c.needs.length > 0 && c.connected).map((c) => c.id));
  const pending = new Map<string, number>();
  const builtBy = new Map<string, Set<string>>();
  for (const a of w.view.agreements) {
    if (a.terms.type === "loan" && (a.built ?? 0) >= rules.loans.buildRounds) addBuilt(w, builtBy, a.terms.recipient, a.terms.lenders);
  }
  const regimeParties: Outlook["regimeParties"] = [];
  const tensionAdds = new Float64Array(w.left);
  for (const a of w.view.agreements) {
    if ((a.status !== "in-force" && a.status !== "signed") || kindOf(a.terms.type).bots.outlook === false) continue;
    const proj = project(w, a, a.status === "in-force" ? a : undefined);
    for (const f of proj.table) {
      table[f.key] += f.perRound * f.rounds;
      if (f.key === "tension") addTension(tensionAdds, f);
    }
    if (proj.connects) {
      addBuilt(w, builtBy, proj.connects.recipient, proj.connects.lenders);
      if (!connected.has(proj.connects.recipient)) pending.set(proj.connects.recipient, Math.max(pending.get(proj.connects.recipient) ?? 0, 0.95));
    }
    if (proj.regime && proj.regime.untilEnd) regimeParties.push({ regime: proj.regime, parties: a.parties });
  }
  table.tension -= rules.tension.decay * w.left;
  table.cohesion -= rules.cohesion.decay * w.left;
  for (const k of Object.keys(table) as TableMetric[]) table[k] = clamp(table[k], 0, 100);
  return { table, tensionAdds, connected, builtBy, pending, regimeParties };
}

/** Adds a tension flow to the tension added in each round left (`Outlook.tensionAdds`). */
function addTension(adds: Float64Array, f: { perRound: number; rounds: number }) {
  for (let k = 0, n = Math.min(adds.length, f.rounds); k < n; k++) adds[k] = adds[k]! + f.perRound;
}

/**
 * Tension at its peak in each round left (index 0: this round), the deals made's tension (and
 * `proj`'s, if given) added and the drift taken off after each peak, as the engine resolves a
 * round (resolution.ts: deals and the rival's moves, then the crisis check, then drift).
 */
export function tensionPeaks(w: World, o: Outlook, proj: Projection | null): Float64Array {
  const adds = o.tensionAdds;
  const peaks = new Float64Array(adds.length);
  let deal: Float64Array | undefined;
  if (proj) for (const f of proj.table) if (f.key === "tension") addTension((deal ??= new Float64Array(adds.length)), f);
  const decay = w.ctx.rules.tension.decay;
  let level = w.view.table.tension;
  for (let k = 0; k < adds.length; k++) {
    // Not held at 100 as the meter is: how far over the crisis level a round goes says how sure the crisis is.
    level = Math.max(0, level + adds[k]! + (deal ? deal[k]! : 0));
    peaks[k] = level;
    level = Math.max(0, level - decay);
  }
  return peaks;
}

/**
 * Chance no round left ends in a crisis: the least of two. Round by round, the chance each
 * round's peak stays below the crisis level, the nearer rounds known better (this round's
 * resolution adds what the deals made add; cards alone may move it). And over the whole game,
 * the long view the bots have always taken, which allows for deals not yet made: the tension the
 * deals made add a round beyond the drift, kept up to the end, plus all the deal's tension, read
 * with a spread as wide as the rounds left.
 */
export function noCrisisChance(w: World, o: Outlook, proj: Projection | null): number {
  const at = w.ctx.rules.tension.crisisAt;
  const p = peaksChance(w, tensionPeaks(w, o, proj));
  const perRound = (o.tensionAdds[0] ?? 0) - w.ctx.rules.tension.decay;
  const far = Math.max(w.view.table.tension, w.view.table.tension + Math.max(0, perRound) * w.left) + Math.max(0, tableShift(proj, "tension"));
  return Math.min(p, pBetween(far, undefined, at - 1, FAR_SPREAD + 5 * w.left));
}

/** The round-by-round part of `noCrisisChance`: the least chance a round's peak (`tensionPeaks`) stays below the crisis level. */
function peaksChance(w: World, peaks: Float64Array): number {
  const at = w.ctx.rules.tension.crisisAt;
  let p = 1;
  for (let k = 0; k < peaks.length; k++) p = Math.min(p, pBetween(peaks[k]!, undefined, at - 0.5, crisisSpread(k)));
  return p;
}

/**
 * How near a round's peak may come to the crisis level before a bot weighs the crisis as the end
 * of its game (`CrisisStake`), and speaks of it (talk.ts `crisisRemark`).
 */
export const CRISIS_NEAR = 10;

/**
 * What a crisis would cost a seat: the game ends at once (docs/RULES.md §8), at the score the
 * engine would give it then (bots/context.ts `crisisScore`: its "no crisis" objectives missed,
 * every score cut when "no crisis" is a shared target), where the game going on leaves it the
 * score it holds now, its objectives still open and the table's targets still to meet. `cost`:
 * `now` less `crisis`, never below zero. Only a seat's own valuation weighs it (its secret
 * counts), and only while a crisis is near (mind.ts `Mind.crisis`).
 */
export type CrisisStake = { now: number; crisis: number; cost: number };

/**
 * What a deal changes the chance of a crisis by, round by round (`peaksChance`, the rounds as
 * the engine resolves them: `tensionPeaks`): positive when it makes a crisis less likely. Zero
 * while every peak, with the deal and without, stays more than `CRISIS_NEAR` below the crisis
 * level: the long view that allows for deals not yet made (`noCrisisChance`) is the shared
 * targets' and the objectives' business, not the end of this game.
 */
export function crisisShift(w: World, o: Outlook, proj: Projection): number {
  const near = w.ctx.rules.tension.crisisAt - CRISIS_NEAR;
  const without = tensionPeaks(w, o, null);
  const withDeal = tensionPeaks(w, o, proj);
  let top = 0;
  for (let k = 0; k < without.length; k++) top = Math.max(top, without[k]!, withDeal[k]!);
  if (top < near) return 0;
  return peaksChance(w, withDeal) - peaksChance(w, without);
}

/**
 * What `crisisShift` times a stake can give whatever the outlook: each round's chance moves by at
 * most the logistic's steepest slope (this round's spread) times the most the deal moves a peak,
 * the whole of its tension either way.
 */
function crisisRange(proj: Projection, stake: CrisisStake): Range {
  let moved = 0;
  for (const f of proj.table) if (f.key === "tension") moved += Math.abs(f.perRound) * f.rounds;
  if (moved === 0) return ZERO;
  const most = Math.min(1, (STEEP * moved) / 4 / CRISIS_SPREAD) * stake.cost;
  return { lo: -most, hi: most };
}

/** The blocs of `lenders` among those that built a project in `partner`. */
function addBuilt(w: World, builtBy: Outlook["builtBy"], partner: string, lenders: string[]) {
  const set = builtBy.get(partner) ?? new Set<string>();
  for (const l of lenders) set.add(w.byId.get(l)?.bloc ?? "");
  builtBy.set(partner, set);
}

/** Chance all shared targets hold at the end, for an outlook shifted by a deal. */
function allTargetsChance(w: World, o: Outlook, proj: Projection | null): number {
  let p = 1;
  for (const t of w.ctx.targets) p *= conditionChance(w, o, proj, t.condition);
  return p;
}

function tableShift(proj: Projection | null, key: TableMetric): number {
  return proj ? tableTotal(proj.table, key) : 0;
}

/** Partners expected connected at the end (by lenders of `bloc`, when the target asks for it). */
function connectedCount(w: World, o: Outlook, proj: Projection | null, bloc?: string): number {
  if (!bloc) {
    let n = o.connected.size;
    for (const p of o.pending.values()) n += p;
    if (proj?.connects && !o.connected.has(proj.connects.recipient) && !o.pending.has(proj.connects.recipient)) n += proj.connects.chance;
    return n;
  }
  let n = 0;
  for (const blocs of o.builtBy.values()) if (blocs.has(bloc)) n += 1;
  const c = proj?.connects;
  if (c && !o.builtBy.get(c.recipient)?.has(bloc) && c.lenders.some((l) => w.byId.get(l)?.bloc === bloc)) n += c.chance;
  return n;
}

/** How far a table metric may still drift by the end (the spread of its chance): wider with more rounds left. */
const tableSpread = (w: World, metric: string) => (metric === "tension" ? 6 + 4 * w.left : 3 + 2 * w.left);
/** The same for the peak tension that decides a crisis, `k` rounds from now (0: this round's resolution, which cards alone may still move). */
const crisisSpread = (k: number) => CRISIS_SPREAD + 5 * k;
const CRISIS_SPREAD = 2;
/** The spread of the long view's peak (`noCrisisChance`), and its part for each round left. */
const FAR_SPREAD = 6;

/** Chance a condition holds at the end (for the table, or for `self`'s objectives) with `proj` signed. */
function conditionChance(w: World, o: Outlook, proj: Projection | null, c: Condition, self?: string): number {
  switch (c.kind) {
    case "table": {
      const v = o.table[c.metric] + tableShift(proj, c.metric);
      return pBound(v, c, tableSpread(w, c.metric));
    }
    case "no-crisis":
      return noCrisisChance(w, o, proj);
    case "partners-connected":
      return pBetween(connectedCount(w, o, proj, c.byBloc), c.atLeast - 0.5, undefined, 0.6);
    case "standard":
      return standardChance(w, proj, c.technology, c.option);
    case "regime": {
      for (const x of o.regimeParties) if (regimeMeets(c, x.regime, x.parties, self)) return 0.95;
      if (proj?.regime && regimeMeets(c, proj.regime, proj.parties, self)) return 0.9;
      return w.left > 1 ? 0.15 : 0.02;
    }
    default:
      return 0.5;
  }
}

/** What a deal changes that chance by (it reads no outlook: known exactly). */
function standardShift(w: World, proj: Projection, c: { technology: string; option: string }): number {
  return standardChance(w, proj, c.technology, c.option) - standardChance(w, null, c.technology, c.option);
}

/** Chance a standards race ends with `option` set: as it leads now, or as the deal makes it lead. */
function standardChance(w: World, proj: Projection | null, technology: string, option: string): number {
  const s = proj?.standard;
  if (s && s.technology === technology && s.leads) return s.option === option ? 0.95 : 0.05;
  return standardLeader(w, technology) === option ? 0.75 : 0.2;
}

function regimeMeets(c: Extract<Condition, { kind: "regime" }>, r: NonNullable<Projection["regime"]>, parties: string[], self?: string): boolean {
  return r.sector === c.sector && r.targetsRival && r.untilEnd && reaches(r.effectiveness, c.atLeast) && (!self || parties.includes(self));
}

/** Expected score of a country now (weighted metrics plus its objectives), the base of its stake. */
function expectedSubtotal(w: World, who: string): number {
  return perWorld("subtotals", w, who, expectedSubtotalOf);
}

function expectedSubtotalOf(w: World, who: string): number {
  const c = country(w, who);
  let s = 0;
  for (const m of COUNTRY_METRICS) s += c.weights[m] * c.metrics[m];
  for (const o of c.objectives) s += o.points * 0.5;
  if (c.secret) s += c.secret.points * 0.5;
  return s;
}

/** How far a country's partners are to be relied on (0.4–1): their trust and their broken deals. */
export function reliability(w: World, id: string): number {
  return perWorld("reliabilities", w, id, reliabilityOf);
}

function reliabilityOf(w: World, id: string): number {
  const c = w.byId.get(id);
  if (!c || c.control !== "seat") return 1;
  const broken = w.view.agreements.filter((a) => a.brokenBy === id).length;
  return clamp(c.metrics.trust / 60, 0.4, 1) * Math.pow(0.75, broken);
}

/**
 * Capital's worth in points for a country, `from` rounds from now: little when it has plenty,
 * and nothing once no round is left to spend it in (capital is not scored).
 */
function capitalPrice(w: World, who: string, from = 0): number {
  const c = country(w, who);
  const free = c.capital + c.income;
  const scarcity = clamp((2 * c.income + 5) / Math.max(5, free), 0.5, 2.5);
  return 0.06 * clamp((w.left - 1 - from) / 2, 0, 1) * scarcity;
}

/** Points of a country's capital flows, each valued when it comes; `perRound` gets the capital of each round left (for `debtOf`). */
function capitalPoints(w: World, proj: Projection, who: string, perRound: Float64Array, exact?: Exact): number {
  let points = 0;
  if (exact) {
    const line = exact.lines.get("capital") ?? 0;
    for (let k = 0; k < proj.horizon; k++) {
      points += line * capitalPrice(w, who, k);
      if (k < perRound.length) perRound[k] = perRound[k]! + line;
    }
  }
  for (const f of proj.flows) {
    if (f.who !== who || f.key !== "capital" || (exact && !f.delayed)) continue;
    for (let k = 0; k < f.rounds; k++) points += f.perRound * capitalPrice(w, who, (f.from ?? 0) + k);
  }
  // With the preview, its line stands for the flows of this round's kind (`amountOf`).
  addCapitalFlows(perRound, proj.flows, who, exact ? (f) => !!f.delayed : undefined);
  return points;
}
/** A deal's capital in each round left (`capitalPoints`; one array, read before it is asked again). */
let DEAL_CAPITAL = new Float64Array(0);

/**
 * What a unit of capital below zero costs, in points. The score does not count debt (capital
 * below zero counts as 0, docs/RULES.md §8), but a country in debt can sign no deal that costs
 * capital until its income pays the debt off, and its deals go on taking more than it has
 * (docs/RULES.md, "Paying for deals": the preview warns a player of it): a bot stays within its
 * means unless a deal is worth more than a point for each unit of debt it runs into.
 */
const DEBT = 1;

/**
 * The debt a deal's capital (`perRound`, each round left) runs a country into: how much deeper
 * its lowest capital over the rest of the game (`base`, each round left) falls below zero;
 * negative when the deal earns it capital back out of debt.
 */
function debtOf(base: Float64Array, perRound: Float64Array): number {
  let lowest = 0;
  let lowestWith = 0;
  let sum = 0;
  for (let k = 0; k < base.length; k++) {
    sum += perRound[k]!;
    lowest = Math.min(lowest, base[k]!);
    lowestWith = Math.min(lowestWith, base[k]! + sum);
  }
  return lowest - lowestWith;
}

export type ValueOptions = {
  /** The engine's preview lines for this seat (own valuation only). */
  preview?: PreviewLine[];
  /** Objectives to count: public ones of others, or one's own including the secret. */
  objectives: Objective[];
  /**
   * The country's capital after each round left, that a deal's debt is weighed against
   * (`debtOf`): by default with the deals made (model.ts `capitalPath`); a seat's own
   * valuation adds what it would pay in the offers it has signed (mind.ts `Mind.optionsFor`).
   */
  capital?: Float64Array;
  /** What a crisis would cost this seat (own valuation only, while one is near): `CrisisStake`. */
  crisis?: CrisisStake;
};

/**
 * What a projected change is worth to `who` through the shared targets: the change in the chance
 * the table meets them all, times the score it stands to lose if not, times how much it cares.
 */
export function sharedStake(w: World, o: Outlook, who: string, profile: Profile, proj: Projection): { points: number; chance: number } {
  if (profile.tableCare <= 0) return { points: 0, chance: 0 };
  const chance = stakeChance(w, o, proj);
  return { points: stakePoints(w, who, profile, chance), chance };
}

/** `sharedStake`'s chance: the change in the chance all targets hold with the deal signed. */
function stakeChance(w: World, o: Outlook, proj: Projection): number {
  const without = (o.baseChance ??= allTargetsChance(w, o, null));
  return withDealChance(w, o, proj) - without;
}

/** `sharedStake`'s points for a chance from `stakeChance` (profile.tableCare > 0). */
function stakePoints(w: World, who: string, profile: Profile, chance: number): number {
  const stake = (1 - w.ctx.rules.scoring.missedTargetFactor) * expectedSubtotal(w, who);
  return profile.tableCare * stake * chance;
}

/**
 * `allTargetsChance` with a deal, once an outlook and a projection: the same for every country
 * that values the draft (a proposal weighs it for itself and for each other party). Both are
 * never changed once made, so the number holds for as long as they are kept.
 */
function withDealChance(w: World, o: Outlook, proj: Projection): number {
  const known = (o.withDeal ??= new WeakMap());
  let p = known.get(proj);
  if (p === undefined) known.set(proj, (p = allTargetsChance(w, o, proj)));
  return p;
}

/** Same-round numbers from the engine's preview, which replace the model's for this seat. */
type Exact = { lines: Map<string, number>; proj: Projection; who: string; rndOnlyCapital: boolean };

/** A projected change of a number by the end: the preview's for this round times the rounds, plus what comes later. */
function amountOf(proj: Projection, who: string, key: FlowKey, exact?: Exact): number {
  let sum = 0;
  if (exact && (!exact.rndOnlyCapital || key === "capital")) {
    for (const f of proj.flows) if (f.who === who && f.key === key && f.delayed) sum += f.perRound * f.rounds;
    return (exact.lines.get(key) ?? 0) * proj.horizon + sum;
  }
  for (const f of proj.flows) if (f.who === who && f.key === key) sum += f.perRound * f.rounds;
  return sum;
}

/** Where `amountsOf` puts each number: the country metrics in COUNTRY_METRICS' order, then capital. */
const CAPITAL = COUNTRY_METRICS.length;
const AMOUNT_INDEX: Record<string, number | undefined> = Object.assign(Object.create(null) as object, Object.fromEntries([...COUNTRY_METRICS, "capital"].map((k, i) => [k, i])));
/** `amountsOf`'s numbers (one array for every call: `worth` reads them before it asks again). */
const SUMS = new Float64Array(CAPITAL + 1);

/**
 * `amountOf` for every country metric and capital in one pass over the flows: each number sums
 * the same flows in the same order, so it is the same number.
 */
function amountsOf(proj: Projection, who: string, exact?: Exact): Float64Array {
  const sums = SUMS;
  sums.fill(0);
  const whole = !!exact && !exact.rndOnlyCapital;
  for (const f of proj.flows) {
    if (f.who !== who) continue;
    const i = AMOUNT_INDEX[f.key];
    if (i === undefined) continue;
    // With the preview, only the delayed flows of the numbers it shows count (`amountOf`).
    if (exact && (whole || i === CAPITAL) && !f.delayed) continue;
    sums[i] = sums[i]! + f.perRound * f.rounds;
  }
  if (exact)
    for (let i = 0; i <= CAPITAL; i++) {
      if (!whole && i !== CAPITAL) continue;
      sums[i] = (exact.lines.get(i === CAPITAL ? "capital" : COUNTRY_METRICS[i]!) ?? 0) * proj.horizon + sums[i]!;
    }
  return sums;
}

/** The value of a projected deal to `who`, with the parts that make it up. */
export function valueFor(w: World, o: Outlook, who: string, proj: Projection, profile: Profile, opts: ValueOptions): Valuation {
  const parts: Part[] = [];
  const value = worth(w, o, who, proj, profile, opts, parts);
  const ban = banOf(w, who, proj, profile, parts);
  return ban ? { value, parts, ban } : { value, parts };
}

/**
 * The rival's ban in a valuation's parts (`Ban`), or undefined when the deal sets off none that
 * costs `who` anything. Read off the parts `worth` made, for what a bot says: no number a bot
 * decides by comes from here.
 */
function banOf(w: World, who: string, proj: Projection, profile: Profile, parts: readonly Part[]): Ban | undefined {
  const rival = w.ctx.rival;
  if (!rival || !proj.flows.some((f) => f.who === who && f.label === RETALIATION)) return undefined;
  const weights = country(w, who).weights;
  const out: Part[] = [];
  let points = 0;
  for (const p of parts) {
    if (p.objective || !(COUNTRY_METRICS as readonly string[]).includes(p.label)) continue;
    const m = p.label as CountryMetric;
    const amount = total(proj.flows, who, m, (f) => f.label === RETALIATION);
    if (Math.abs(amount) < 0.05) continue;
    // Weighed as `worth` weighs a loss (no discount for faith in the partners).
    const part = { label: m, amount: r1(amount), points: weights[m] * profile.tilt[m] * amount };
    out.push(part);
    points += part.points;
  }
  if (!out.length) return undefined;
  const sector = rival.retaliation.sector;
  const elsewhere = w.view.countries.some((c) => c.id !== who && c.id !== w.rivalId && (c.sectors[sector]?.capability ?? 0) > 0);
  return { rival: rival.country, sector, parts: out, points, elsewhere, ...banShortage(w, who, rival) };
}

/**
 * `valueFor` without an outlook (costly to make for a world asked one question): the parts that
 * read the outlook are left out, and with any outlook they add between `lo` and `hi` (both zero
 * when the deal moves nothing they read).
 */
export function valueWithoutOutlook(w: World, who: string, proj: Projection, profile: Profile, opts: ValueOptions): Valuation & Range {
  const parts: Part[] = [];
  const range = { lo: 0, hi: 0 };
  const value = worth(w, null, who, proj, profile, opts, parts, range);
  const ban = banOf(w, who, proj, profile, parts);
  return { value, parts, ...range, ...(ban ? { ban } : {}) };
}

type Range = { lo: number; hi: number };

/**
 * What `sharedStake` can give for a deal, whatever the outlook: a change of the chance all
 * targets hold, a product of chances (each 0–1), so each target's change adds to it at most its
 * own, and it stays within ±1.
 */
export function sharedStakeRange(w: World, who: string, profile: Profile, proj: Projection): Range {
  if (profile.tableCare <= 0) return ZERO;
  let lo = 0;
  let hi = 0;
  for (const t of w.ctx.targets) {
    const c = t.condition;
    const d = c.kind === "standard" ? standardShift(w, proj, c) : 0;
    const r = c.kind === "standard" ? { lo: Math.min(0, d), hi: Math.max(0, d) } : (chanceShift(w, proj, c) ?? ZERO);
    lo += r.lo;
    hi += r.hi;
  }
  const r = scaled({ lo: Math.max(-1, lo), hi: Math.min(1, hi) }, profile.tableCare * (1 - w.ctx.rules.scoring.missedTargetFactor) * expectedSubtotal(w, who));
  return { lo: Math.min(0, r.lo), hi: Math.max(0, r.hi) };
}
const ZERO: Range = { lo: 0, hi: 0 };

/** `a` times every number in `r`. */
function scaled(r: Range, a: number): Range {
  return { lo: Math.min(a * r.lo, a * r.hi), hi: Math.max(a * r.lo, a * r.hi) };
}

/**
 * What a deal can change a condition's chance by (`conditionChance` with the deal minus without
 * it), whatever the outlook: its direction where the chance only rises or only falls with what
 * the deal moves, and at most the logistic's steepest slope times the move. `undefined`: the
 * chance does not read the outlook.
 */
function chanceShift(w: World, proj: Projection, c: Condition): Range | undefined {
  switch (c.kind) {
    case "table": {
      const shift = tableShift(proj, c.metric);
      const sides = (c.atLeast !== undefined ? 1 : 0) + (c.atMost !== undefined ? 1 : 0);
      if (shift === 0 || sides === 0) return ZERO;
      const most = Math.min(1, (sides * STEEP * Math.abs(shift)) / 4 / tableSpread(w, c.metric));
      if (sides === 2) return { lo: -most, hi: most };
      return (shift > 0) === (c.atLeast !== undefined) ? { lo: 0, hi: most } : { lo: -most, hi: 0 };
    }
    case "no-crisis": {
      const shift = tableShift(proj, "tension");
      // Either peak moves by at most the deal's whole tension, read at the steepest spread (this round's).
      return shift > 0 ? { lo: -Math.min(1, (STEEP * shift) / 4 / CRISIS_SPREAD), hi: 0 } : ZERO;
    }
    case "partners-connected":
    case "connected":
      return proj.connects ? { lo: 0, hi: 1 } : ZERO;
    case "regime":
      return proj.regime ? { lo: 0, hi: 1 } : ZERO;
    default:
      return undefined;
  }
}

/**
 * `valueFor`'s value alone, the same number (the same parts summed in the same order), without
 * making the parts and their words: what a bot compares the drafts it does not explain by.
 */
export function worthFor(w: World, o: Outlook, who: string, proj: Projection, profile: Profile, opts: ValueOptions): number {
  return worth(w, o, who, proj, profile, opts, null);
}

function worth(w: World, o: Outlook | null, who: string, proj: Projection, profile: Profile, opts: ValueOptions, parts: Part[] | null, range?: Range): number {
  const c = country(w, who);
  let value = 0;
  let minRel = 1;
  let first = true;
  for (const p of proj.parties) {
    if (p === who) continue;
    const r = reliability(w, p);
    if (first || r < minRel) minRel = r;
    first = false;
  }
  const faith = 1 - (1 - profile.trustOthers) * (1 - minRel);
  // Preview lines replace the model's same-round flows for the kinds of deal the preview shows whole.
  const hooks = kindOf(proj.type).bots;
  let exact: Exact | undefined;
  if (opts.preview && hooks.previewShowsAll) {
    const fromPreview = new Map<string, number>();
    for (const l of opts.preview) if (l.subject === who) fromPreview.set(l.key, l.delta);
    exact = { lines: fromPreview, proj, who, rndOnlyCapital: !!hooks.previewCapitalOnly };
  }
  const amounts = amountsOf(proj, who, exact);
  for (let i = 0; i < COUNTRY_METRICS.length; i++) {
    const m = COUNTRY_METRICS[i]!;
    const amount = amounts[i]!;
    if (Math.abs(amount) < 0.05) continue;
    let points = c.weights[m] * profile.tilt[m] * amount;
    if (points > 0) points *= faith;
    parts?.push({ label: m, amount: r1(amount), points });
    value += points;
  }
  const capital = amounts[CAPITAL]!;
  if (Math.abs(capital) >= 0.05) {
    const perRound = DEAL_CAPITAL.length === w.left ? DEAL_CAPITAL.fill(0) : (DEAL_CAPITAL = new Float64Array(w.left));
    const points = capitalPoints(w, proj, who, perRound, exact);
    // A total over the deal's rounds, which its card shows a round at a time: said as such ("16 capital over its 4 rounds"),
    // or over the rounds left where the game ends first or the deal has run some ("over the 2 rounds left").
    parts?.push({ label: "capital", amount: r1(capital), points, ...(proj.horizon > 1 ? { rounds: proj.horizon, ...(proj.cut ? { left: true } : {}) } : {}) });
    value += points;
    const debt = debtOf(opts.capital ?? capitalPath(w, who), perRound);
    if (Math.abs(debt) >= 0.05) {
      parts?.push({ label: "debt", amount: r1(debt), points: -DEBT * debt });
      value -= DEBT * debt;
    }
  }
  // Objectives.
  for (const obj of opts.objectives) {
    const shift = o ? undefined : chanceShift(w, proj, obj.condition);
    if (shift) {
      // d × points, the gain taken with faith: the same sign as d, no larger.
      const r = scaled(shift, obj.points);
      range!.lo += Math.min(0, r.lo);
      range!.hi += Math.max(0, r.hi);
      continue;
    }
    const d = objectiveDelta(w, o!, who, proj, obj.condition, exact);
    if (Math.abs(d) < 0.005) continue;
    const points = d * obj.points * (d > 0 ? faith : 1);
    parts?.push({ label: `objective “${obj.text}”`, objective: { id: obj.id, of: who, condition: obj.condition }, amount: r1(d * obj.points), points });
    value += points;
  }
  // The shared stake.
  if (!o) {
    const r = sharedStakeRange(w, who, profile, proj);
    range!.lo += r.lo;
    range!.hi += r.hi;
  } else {
    // `sharedStake`, without an object made for its two numbers.
    if (profile.tableCare > 0) {
      const chance = stakeChance(w, o, proj);
      const points = stakePoints(w, who, profile, chance);
      if (Math.abs(points) >= 0.05) {
        parts?.push({ label: "the shared targets", amount: r1(chance * 100), points });
        value += points;
      }
    }
  }
  // A crisis: the end of the game for everyone, at the score the engine would give this seat then.
  const stake = opts.crisis;
  if (stake && stake.cost > 0) {
    if (!o) {
      const r = crisisRange(proj, stake);
      range!.lo += r.lo;
      range!.hi += r.hi;
    } else {
      const d = crisisShift(w, o, proj);
      const points = d * stake.cost;
      if (Math.abs(points) >= 0.05) {
        // `amount`: the percentage points of chance of a crisis the deal adds (negative: takes away).
        parts?.push({ label: "a crisis", amount: r1(-d * 100), points, score: { now: r1(stake.now), crisis: r1(stake.crisis) } });
        value += points;
      }
    }
  }
  // Hedgers keep out of camps; the camp-taking costs them standing with the other side.
  if (!profile.takesSides && hooks.takesSides) {
    parts?.push({ label: "keeping our options open", points: -3 });
    value += -3;
  }
  // A deal aimed at a country of its own side (a control or a statement on an ally) is one it
  // never puts its name to, whatever the engine would pay it in security: this one part decides
  // what it proposes, suggests ("what would it take?") and signs alike.
  if (hooks.takesSides && ownSide(w, who, (proj.terms as { target?: string }).target)) {
    parts?.push({ label: "our own side", points: -OWN_SIDE });
    value -= OWN_SIDE;
  }
  // Goods or research for the other camp: a personality that keeps them from it (a hawk) never
  // sells it chips or researches with it, whatever the price (personality.ts `suppliesOtherSide`).
  if (!profile.suppliesOtherSide && hooks.supplies) {
    const supplied = hooks.supplies(proj.terms as never, proj.parties, who).find((x) => otherSide(w, who, x));
    if (supplied) {
      parts?.push({ label: "the other side", points: -OTHER_SIDE, country: supplied });
      value -= OTHER_SIDE;
    }
  }
  return value;
}

/** What a deal supplying the other camp costs a country that keeps its goods from it, in points: more than any deal can bring. */
const OTHER_SIDE = 100;

/**
 * Whether `other` is on the other side from `who`: in the opposite camp by stance (proposals.ts
 * `camp`), or the one of the alliance bloc and the other of the rival bloc.
 */
export function otherSide(w: World, who: string, other: string): boolean {
  if (other === who) return false;
  const a = w.byId.get(who);
  const b = w.byId.get(other);
  if (!a || !b) return false;
  const ca = campOf(a.stance);
  const cb = campOf(b.stance);
  if (ca !== null && cb !== null && ca !== cb) return true;
  return (a.bloc === "alliance" && b.bloc === "rival") || (a.bloc === "rival" && b.bloc === "alliance");
}

/** What a deal aimed at its own side costs a country, in points: more than any deal can bring. */
const OWN_SIDE = 100;

/**
 * Whether `target` is on `who`'s side: in the same camp by stance (the camps deals that take
 * sides are drafted by, proposals.ts `camp`), or both of the alliance bloc.
 */
export function ownSide(w: World, who: string, target: string | undefined): boolean {
  if (!target || target === who) return false;
  const a = w.byId.get(who);
  const b = w.byId.get(target);
  if (!a || !b) return false;
  const camp = campOf(a.stance);
  return (camp !== null && camp === campOf(b.stance)) || (a.bloc === "alliance" && b.bloc === "alliance");
}

/** Change (−1…1) in the chance an objective is met at the end if the deal is signed. */
function objectiveDelta(w: World, o: Outlook, who: string, proj: Projection, cond: Condition, exact?: Exact): number {
  const me = country(w, who);
  const isParty = proj.parties.includes(who);
  const s1 = 3 + 2 * w.left;
  switch (cond.kind) {
    case "metric": {
      const d = amountOf(proj, who, cond.metric, exact);
      const v = me.metrics[cond.metric];
      return pBound(v + d, cond, s1) - pBound(v, cond, s1);
    }
    case "capability": {
      const base = me.sectors[cond.sector].capability + w.ctx.rules.production.growth * w.left;
      const d = amountOf(proj, who, CAPABILITY_KEY[cond.sector]);
      return pBound(base + d, cond, 0.4) - pBound(base, cond, 0.4);
    }
    case "table":
    case "no-crisis":
    case "partners-connected":
    case "regime":
      return conditionChance(w, o, proj, cond, who) - conditionChance(w, o, null, cond, who);
    case "agreement": {
      if (!isParty || !dealCounts(cond, proj, who)) return 0;
      const have = perCondition(w, cond, who, dealsMatching);
      if (have >= cond.atLeast) return 0;
      if (have + 1 < cond.atLeast) return 0.3 / Math.max(1, cond.atLeast - have);
      const later = w.left > 1 ? 0.25 : 0;
      return 0.95 - later;
    }
    case "no-agreement": {
      if (!dealForbidden(cond, proj, who, (d) => proj.targets ?? regimeTargetsAmong(w.view.countries, d))) return 0;
      return perCondition(w, cond, who, hadSuch) ? 0 : -1;
    }
    case "connected": {
      const partner = w.byId.get(cond.partner);
      if (!partner) return 0;
      if (!cond.byMe && (partner.connected || o.pending.has(cond.partner))) return 0;
      if (cond.byMe && perCondition(w, cond, who, lentFor)) return 0;
      if (!proj.connects || proj.connects.recipient !== cond.partner) return 0;
      if (cond.byMe && !proj.connects.lenders.includes(who)) return 0;
      const others = !cond.byMe && w.left > 2 ? 0.35 : 0;
      return proj.connects.chance * (1 - others);
    }
    case "standard":
      return standardShift(w, proj, cond);
    case "no-fall": {
      const d = amountOf(proj, who, "support", exact);
      const v = me.metrics.support;
      const s2 = 4 + 3 * w.left;
      return pBetween(v + d, 1, undefined, s2) - pBetween(v, 1, undefined, s2);
    }
  }
}

/**
 * What a world's deals say about one objective of one country, worked out once by the world's
 * `shared` key (the public deals alone: the same for every seat; a bot values dozens of drafts
 * against the same objectives).
 */
const conditionFacts = new WeakMap<object, Map<Condition, Map<string, number | boolean>>>();
function perCondition<C extends Condition, T extends number | boolean>(w: World, cond: C, who: string, compute: (w: World, cond: C, who: string) => T): T {
  let byCond = conditionFacts.get(w.shared);
  if (!byCond) conditionFacts.set(w.shared, (byCond = new Map()));
  let byWho = byCond.get(cond);
  if (!byWho) byCond.set(cond, (byWho = new Map()));
  let v = byWho.get(who) as T | undefined;
  if (v === undefined) byWho.set(who, (v = compute(w, cond, who)));
  return v;
}

/** Deals made (signed, in force, ended) that meet an agreement objective. */
function dealsMatching(w: World, cond: Extract<Condition, { kind: "agreement" }>, who: string): number {
  let have = 0;
  for (const a of w.view.agreements) if ((a.status === "in-force" || a.status === "expired" || a.status === "signed") && dealCounts(cond, a, who)) have++;
  return have;
}

/** Whether `who` already had a deal of the kind a "no agreement" objective forbids (it is lost then, whatever comes): the score's rule (scoring.ts `dealForbidden`). */
function hadSuch(w: World, cond: Extract<Condition, { kind: "no-agreement" }>, who: string): boolean {
  return w.view.agreements.some((a) => TOOK_FORCE.has(a.status) && dealForbidden(cond, a, who, (d) => regimeTargetsAmong(w.view.countries, d)));
}

/** Whether `who` already lends for its partner's project (a "connected by me" objective). */
function lentFor(w: World, cond: Extract<Condition, { kind: "connected" }>, who: string): boolean {
  return w.view.agreements.some(
    (a) => a.terms.type === "loan" && a.terms.recipient === cond.partner && a.terms.lenders.includes(who) && (a.status === "in-force" || a.status === "signed" || a.status === "expired"),
  );
}

export { r1 };
