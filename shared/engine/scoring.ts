/**
 * Scores (docs/RULES.md §8): each country's weighted metrics plus objectives met, minus
 * government falls; halved (by the scenario's factor) for everyone when the table's shared
 * targets are not met.
 */
import type { Condition, Objective } from "../scenario/schema.ts";
import { reaches, regimeEffectiveness, regimeTargets } from "./agreements/export-control.ts";
import { sectorOf } from "./agreements/index.ts";
import { option, ref, text, type Arg, type Text } from "./text.ts";
import type { Agreement, GameState } from "./types.ts";
import { COUNTRY_METRICS, type CountryMetric } from "./vocabulary.ts";

/** The statuses of a deal that took force (whatever became of it since). */
export const TOOK_FORCE: ReadonlySet<string> = new Set(["in-force", "expired", "broken", "defaulted"]);

function within(value: number, c: { atLeast?: number; atMost?: number }): boolean {
  return (c.atLeast === undefined || value >= c.atLeast) && (c.atMost === undefined || value <= c.atMost);
}

/** Whether a condition holds now, for a country (objectives) or for the table (`self` undefined). */
export function conditionMet(state: GameState, c: Condition, self?: string): boolean {
  return evaluate(state, c, self);
}

/**
 * Whether a condition holds now and, when it does not, why in the reader's words ("resilience
 * is 38; it needs 50 or more", "A4, the regime on semiconductors, lapsed after round 2"): the
 * same evaluation as `conditionMet`, asked to say what failed. No `why` when there is nothing
 * more to say than the condition's own text.
 */
export function checkCondition(state: GameState, c: Condition, self?: string): { met: boolean; why?: Text } {
  let why: Text | undefined;
  const met = evaluate(state, c, self, (t) => (why = t));
  return met || !why ? { met } : { met, why };
}

const below = (now: number, c: { atLeast?: number; atMost?: number }) => c.atLeast !== undefined && now < c.atLeast;
/** The numbers of a bound that is not met: `what` is the metric or capability, `now` its value. */
function outOfBounds(what: Arg, now: number, c: { atLeast?: number; atMost?: number }): Text {
  return below(now, c) ? text("target.why.below", { what, now: r1(now), bound: c.atLeast! }) : text("target.why.above", { what, now: r1(now), bound: c.atMost! });
}

/**
 * The one evaluation of a condition. `why`, when given, is told what failed before it returns
 * false (only then: bots evaluate conditions often and ask for no words).
 */
function evaluate(state: GameState, c: Condition, self: string | undefined, why?: (t: Text) => void): boolean {
  const me = self ? state.countries[self] : undefined;
  const agreements = state.agreements;
  switch (c.kind) {
    case "metric": {
      const ok = !!me && within(me.metrics[c.metric], c);
      if (!ok && why && me) why(outOfBounds(ref("metric", c.metric, true), me.metrics[c.metric], c));
      return ok;
    }
    case "table": {
      const ok = within(state.table[c.metric], c);
      if (!ok && why) why(outOfBounds(ref("metric", c.metric, true), state.table[c.metric], c));
      return ok;
    }
    case "capability": {
      const ok = !!me && within(me.sectors[c.sector].capability, c);
      if (!ok && why && me) why(outOfBounds(text("target.why.capability", { sector: ref("sector", c.sector, true) }), me.sectors[c.sector].capability, c));
      return ok;
    }
    case "agreement": {
      // Counted in a loop, not a filtered copy: bots weigh the scores often.
      let found = 0;
      for (const a of agreements) if ((a.status === "in-force" || a.status === "expired") && dealCounts(c, a, self)) found++;
      const ok = found >= c.atLeast;
      if (!ok && why) why(text("target.why.agreement", { found, needed: c.atLeast }));
      return ok;
    }
    case "no-agreement": {
      const took = agreements.find((a) => TOOK_FORCE.has(a.status) && dealForbidden(c, a, self, (x) => regimeTargets(state, x)));
      if (took && why) why(text("target.why.noAgreement", { id: took.id }));
      return !took;
    }
    case "connected": {
      const partner = state.countries[c.partner];
      const buildRounds = state.scenario.rules.loans.buildRounds;
      const mine = (a: Agreement) => !c.byMe || (!!self && a.terms.type === "loan" && a.terms.lenders.includes(self));
      // A loan in force (the reader's own, for `byMe`) whose project is still being built: the
      // reason it does not hold yet. In force only: the scores read no deal still to take force
      // (shared/protocol/sections.ts `sectionsRead`).
      const building = () => {
        const a = agreements.find((x) => x.terms.type === "loan" && x.terms.recipient === c.partner && x.status === "in-force" && (x.built ?? 0) < buildRounds && mine(x));
        return a?.terms.type === "loan" && text("target.why.building", { country: ref("country", c.partner), project: ref("project", a.terms.project, true), id: a.id, built: a.built ?? 0, rounds: buildRounds });
      };
      if (!partner?.connected) {
        if (why) why(building() || text("target.why.notConnected", { country: ref("country", c.partner) }));
        return false;
      }
      if (!c.byMe) return true;
      const ok = agreements.some((a) => a.terms.type === "loan" && a.terms.recipient === c.partner && mine(a) && (a.built ?? 0) >= buildRounds);
      if (!ok && why) why(building() || text("target.why.notByMe", { country: ref("country", c.partner) }));
      return ok;
    }
    case "partners-connected": {
      const blocOf = (id: string) => state.scenario.countries.find((x) => x.id === id)?.bloc;
      const built = (p: string) =>
        agreements.some(
          (a) => a.terms.type === "loan" && a.terms.recipient === p && (a.built ?? 0) >= state.scenario.rules.loans.buildRounds && a.terms.lenders.some((l) => blocOf(l) === c.byBloc),
        );
      const count = state.scenario.countries.filter((x) => x.needs.length > 0 && state.countries[x.id]!.connected && (!c.byBloc || built(x.id))).length;
      const ok = count >= c.atLeast;
      if (!ok) why?.(text("target.why.partners", { count, needed: c.atLeast }));
      return ok;
    }
    case "standard": {
      const set = state.standards[c.technology];
      const ok = set === c.option;
      if (!ok && why) why(set ? text("target.why.standardOther", { technology: ref("technology", c.technology), option: option(c.technology, set, true) }) : text("target.why.standardOpen", { technology: ref("technology", c.technology) }));
      return ok;
    }
    case "regime":
      return regimeMet(state, c, self, why);
    case "no-crisis":
      if (state.crisis) why?.(text("target.why.crisis"));
      return !state.crisis;
    case "no-fall": {
      const ok = self ? (me?.falls ?? 0) === 0 : Object.values(state.countries).every((x) => x.falls === 0);
      if (!ok) why?.(text("target.why.fall"));
      return ok;
    }
  }
}

/**
 * Whether a deal (made, or a bot's draft) counts toward an agreement condition for `self` (for
 * the table when undefined): its type, sector and parties, and for a supply objective with a side
 * (`as`), `self` on that side of it: a seller's objective is not met by buying. The one rule the
 * score, the bots' valuation (shared/bots/value.ts) and their offers (proposals.ts `wantsSupply`)
 * share; the deal's status is the caller's.
 */
export function dealCounts(c: Extract<Condition, { kind: "agreement" }>, deal: Pick<Agreement, "type" | "parties" | "terms">, self?: string): boolean {
  if (deal.type !== c.type || (self && !deal.parties.includes(self))) return false;
  if (c.sector && sectorOf(deal.terms) !== c.sector) return false;
  if (c.with) for (const w of c.with) if (!deal.parties.includes(w)) return false;
  if (c.as && self && deal.terms.type === "supply") return (c.as === "supplier" ? deal.terms.suppliers : deal.terms.buyers).includes(self);
  return true;
}

/**
 * A regime condition: an export control on the sector, live now (in force, or expired this very
 * round), aimed at the rival, whose members hold enough of the chokepoints. Asked why not, it
 * names the regime that came closest and each test it fails: that it lapsed (or was broken),
 * that it does not cover the rival, its members' share.
 */
function regimeMet(state: GameState, c: Extract<Condition, { kind: "regime" }>, self: string | undefined, why?: (t: Text) => void): boolean {
  const rival = state.scenario.rival?.country ?? state.scenario.countries.find((x) => x.bloc === "rival")?.id;
  const live = (a: Agreement) => a.status === "in-force" || (a.status === "expired" && (a.endRound ?? 0) >= state.round);
  const aimed = (a: Agreement) => !rival || regimeTargets(state, a).includes(rival);
  const strong = (a: Agreement) => reaches(regimeEffectiveness(state, a), c.atLeast);
  const ok = state.agreements.some((a) => live(a) && a.terms.type === "export-control" && a.terms.sector === c.sector && (!self || a.parties.includes(self)) && aimed(a) && strong(a));
  if (ok || !why) return ok;
  // The regimes on the sector that ever took force, by how many of the three tests they fail; the latest first on a tie.
  const tried = state.agreements
    .filter((a) => a.terms.type === "export-control" && a.terms.sector === c.sector && TOOK_FORCE.has(a.status) && (!self || a.parties.includes(self)))
    .map((a) => ({ a, fails: [!live(a), !aimed(a), !strong(a)] }))
    .sort((x, y) => x.fails.filter(Boolean).length - y.fails.filter(Boolean).length || (y.a.startRound ?? 0) - (x.a.startRound ?? 0));
  const best = tried[0];
  const sector = ref("sector", c.sector, true);
  if (!best) {
    why(text("target.why.regimeNone", { sector }));
    return false;
  }
  const { a, fails } = best;
  const said: Text[] = [];
  if (fails[0]) said.push(a.status === "expired" ? text("target.why.regimeLapsed", { id: a.id, sector, round: a.endRound ?? state.round }) : text("target.why.regimeEnded", { id: a.id, sector, status: ref("status", a.status) }));
  if (fails[1]) said.push(text("target.why.regimeAim", { id: a.id, sector, country: ref("country", rival ?? "") }));
  if (fails[2]) said.push(text("target.why.regimeWeak", { id: a.id, sector, share: Math.round(regimeEffectiveness(state, a) * 100), needed: Math.round(c.atLeast * 100) }));
  // Every test the closest regime fails, one sentence each.
  why(said.reduce((first, second) => text("target.why.also", { first, second })));
  return false;
}

/**
 * Whether a deal (made, or a bot's draft) is of the kind a "no agreement" condition forbids
 * `self` (anyone, when undefined): its type and sector, `self` a party, and when the condition
 * names countries (`with`), one of them a party or the deal's target (an alignment's, or a
 * regime's: `regimeTargets` says whom a regime's terms reach, from the reader's countries). The
 * one rule the score and the bots' valuation (shared/bots/value.ts) share; the status is the caller's.
 */
export function dealForbidden(
  c: Extract<Condition, { kind: "no-agreement" }>,
  deal: Pick<Agreement, "type" | "parties" | "terms">,
  self: string | undefined,
  regimeTargets: (deal: Pick<Agreement, "parties" | "terms">) => readonly string[],
): boolean {
  if (deal.type !== c.type || (self && !deal.parties.includes(self))) return false;
  if (c.sector && sectorOf(deal.terms) !== c.sector) return false;
  if (!c.with || c.with.some((w) => deal.parties.includes(w))) return true;
  const t = deal.terms;
  const aimed = t.type === "export-control" ? regimeTargets(deal) : t.type === "alignment" ? [t.target] : [];
  return c.with.some((w) => aimed.includes(w));
}

/** `why`: what an unmet objective lacks, when the engine can tell and the scores were asked to explain (`computeScores`). */
export type ObjectiveResult = { id: string; text: string; points: number; met: boolean; secret: boolean; why?: Text };
export type Score = {
  country: string;
  weighted: Record<CountryMetric, number>;
  objectives: ObjectiveResult[];
  fallPenalty: number;
  /** Points for the capital left at the end (rules.scoring.capitalValue each). */
  capital: number;
  subtotal: number;
  /** 1, or the scenario's factor when the table outcome is missed. */
  factor: number;
  total: number;
  /** The scenario's par for this country (its typical score in bot-played games), when the scenario sets one; `againstPar` compares it. */
  par?: number;
};
/** `why`: what a missed target lacks, when the engine can tell (`conditionWhy`). */
export type TableOutcome = { met: boolean; targets: { text: string; met: boolean; why?: Text }[] };

const r1 = (x: number) => Math.round(x * 10) / 10;

/**
 * Whether the table meets its shared targets. `explain`: each missed target also says why, for a
 * screen that shows it (the review, the report); bots and scores ask without words, often.
 */
export function tableOutcome(state: GameState, explain = false): TableOutcome {
  const targets = state.scenario.targets.map((t) => (explain ? { text: t.text, ...checkCondition(state, t.condition) } : { text: t.text, met: conditionMet(state, t.condition) }));
  return { met: targets.every((t) => t.met), targets };
}

function objectiveResult(state: GameState, o: Objective, self: string, secret: boolean, explain: boolean): ObjectiveResult {
  const { met, why } = explain ? checkCondition(state, o.condition, self) : { met: conditionMet(state, o.condition, self) };
  return { id: o.id, text: o.text, points: o.points, met, secret, ...(why ? { why } : {}) };
}

/**
 * How far a score is above (or below) its par; undefined when the scenario sets none. Par is a
 * country's median score in bot-played games (docs/BALANCE.md), games whose tables mostly meet
 * their shared targets, so it is compared with the score before the table's factor (`subtotal`):
 * a table that misses its targets halves every total, and every country would read far below par
 * for the table's miss rather than for its own play. The one home of this comparison: the end
 * screen and the balance lab (shared/bots/balance.ts) both ask it.
 */
export function againstPar(score: Pick<Score, "subtotal" | "par">): number | undefined {
  return score.par === undefined ? undefined : r1(score.subtotal - score.par);
}

/**
 * A score's total before it is rounded to a tenth for display: the subtotal (a tenth) times the
 * table's factor. The scores are ordered and ranked by it (docs/RULES.md, "Scores"), so a
 * subtotal of 56.4 ranks above one of 56.3 when both totals show 28.2 at a factor of 0.5 (28.2
 * and 28.15); equal subtotals give equal values, a tie.
 */
export function exactTotal(score: Pick<Score, "subtotal" | "factor">): number {
  return score.subtotal * score.factor;
}

/** Best first, by `exactTotal`; a tie in country-code order. Every list of scores is sorted by it. */
export function byTotal(a: Pick<Score, "country" | "subtotal" | "factor">, b: Pick<Score, "country" | "subtotal" | "factor">): number {
  return exactTotal(b) - exactTotal(a) || a.country.localeCompare(b.country);
}

/**
 * Ranks by `value`, highest first, of the seats only (docs/RULES.md, "Par"): an automated
 * partner is scored but nobody played it, so it takes no rank, by points or against par, and the
 * ranks agree with the winners the end screen names. Ties share a rank (1, 1, 3); a row with no
 * value takes none. The scoreboard, the result card and the debrief report all rank by this, the
 * points by `exactTotal` (not the total rounded for display).
 */
export function seatRanks<T extends { country: string }>(rows: readonly T[], isSeat: (country: string) => boolean, value: (row: T) => number | undefined): Map<string, number> {
  const ranked = rows.filter((r) => isSeat(r.country) && value(r) !== undefined).sort((a, b) => value(b)! - value(a)!);
  const ranks = new Map<string, number>();
  ranked.forEach((r, i) => ranks.set(r.country, i > 0 && value(ranked[i - 1]!) === value(r) ? ranks.get(ranked[i - 1]!.country)! : i + 1));
  return ranks;
}

/**
 * What missing the shared targets does to every score, as a clause every reader renders in
 * their language: "every score is halved" at a factor of 0.5, else the factor itself ("every
 * score is multiplied by 0.6"); `would`, for a game still on ("would be halved"). The one home of
 * these words: the review, the end screen, the result card and the debrief report say it so.
 */
export function missedTargetsCut(factor: number, would = false): Text {
  if (factor === 0.5) return text(would ? "score.halvedWould" : "score.halved");
  return text(would ? "score.multipliedWould" : "score.multiplied", { factor });
}

/**
 * Scores of every country that plays (seats and partners; not an automated rival), best first.
 * `explain`: each unmet objective also says why (`checkCondition`), for the screens that show it.
 */
export function computeScores(state: GameState, explain = false): Score[] {
  const outcome = tableOutcome(state);
  const factor = outcome.met ? 1 : state.scenario.rules.scoring.missedTargetFactor;
  // Par is measured in games of the scenario's length (docs/BALANCE.md): a game set shorter or longer is not compared with it.
  const parMeasured = state.settings.rounds === state.scenario.rounds;
  const scores = state.scenario.countries
    .filter((c) => c.control !== "rival")
    .map((c) => {
      const s = state.countries[c.id]!;
      // A loop, not entries and `fromEntries` (the same fields in the same order): bots weigh the scores often.
      const weighted = {} as Record<CountryMetric, number>;
      for (const m of COUNTRY_METRICS) weighted[m] = r1(c.weights[m] * s.metrics[m]);
      const objectives = [...c.objectives.map((o) => objectiveResult(state, o, c.id, false, explain)), objectiveResult(state, c.secret, c.id, true, explain)];
      const fallPenalty = state.scenario.rules.scoring.fallPenalty * s.falls;
      const capital = r1(state.scenario.rules.scoring.capitalValue * Math.max(0, s.capital));
      const subtotal = r1(COUNTRY_METRICS.reduce((sum, m) => sum + weighted[m], 0) + objectives.reduce((sum, o) => sum + (o.met ? o.points : 0), 0) + capital - fallPenalty);
      return { country: c.id, weighted, objectives, fallPenalty, capital, subtotal, factor, total: r1(subtotal * factor), ...(c.par !== undefined && parMeasured ? { par: c.par } : {}) };
    });
  return scores.sort(byTotal);
}
