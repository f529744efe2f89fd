/**
 * What bots say, as catalog text (client/i18n/*\/bots.ts): every sentence is a `bot.*` key with
 * arguments taken from the bot's own valuation (the gains and costs that decided its move), so
 * a reader sees it in their language and nothing is said that the numbers do not back.
 */
import type { Draft } from "../engine/actions.ts";
import { country, countryLabel, list, option, ref, text, type Arg, type Text } from "../engine/text.ts";
import { COUNTRY_METRICS, type CountryMetric } from "../engine/vocabulary.ts";
import type { Condition } from "../scenario/schema.ts";
import type { Part, Valuation } from "./value.ts";

const r1 = (x: number) => Math.round(x * 10) / 10;
const isMetric = (x: string): x is CountryMetric => (COUNTRY_METRICS as readonly string[]).includes(x);

/**
 * One part of a valuation as a phrase: "+3.5 security", "12 prosperity", "objective “…” (+2 points)".
 * `lengthSaid`: the sentence around it already says the deal's length ("The nearest, over 4
 * rounds: … It costs us 16 capital"), so an amount over that length does not say it again.
 */
export function partText(p: SpokenPart, signed: boolean, lengthSaid = false): Text {
  const amount = r1(Math.abs(p.amount ?? 0));
  const sign = p.points >= 0 ? "gain" : "cost";
  // Its secret objective: neither named nor weighed aloud, or questions asked deal by deal ("what
  // would it take?") would map it by its points.
  if (p.label === "secret") return text(`bot.part.secret.${sign}`);
  if (p.objective !== undefined) {
    const points = r1(Math.abs(p.points));
    // An objective its condition names in a few words ("security 45 or more"), the others by their text.
    const goal = p.objective.condition && goalText(p.objective.condition);
    if (goal) return text(`bot.part.goal.${sign}`, { goal, points: pointsText(points) });
    return text(`bot.part.objective.${sign}`, { objective: { ref: "objective", id: p.objective.id, of: p.objective.of }, points: pointsText(points) });
  }
  // A chance, in plain words: how much likelier (`chanceSize`), with the number as "in 100" where it is not small.
  if (p.label === "the shared targets") return text(`bot.part.shared.${sign}${chanceSize(amount)}`, { amount: Math.round(amount) });
  // The end of the game a crisis brings (value.ts `CrisisStake`): the chance, and the score it would leave us.
  if (p.label === "a crisis" && p.score) return text(`bot.part.crisis.${sign}${chanceSize(amount)}`, { amount: Math.round(amount), now: p.score.now, crisis: p.score.crisis });
  if (p.label === "keeping our options open") return text(`bot.part.options.${sign}`);
  // A deal aimed at a country of its own side (value.ts `ownSide`): no number, only what it is.
  if (p.label === "our own side") return text("bot.part.ownSide");
  // Goods or research for the other camp, from a personality that keeps them from it (value.ts `otherSide`): no number either.
  if (p.label === "the other side" && p.country) return text("bot.part.otherSide", { country: country(p.country) });
  // Capital below zero it runs into, or earns its way out of (value.ts `debtOf`).
  if (p.label === "debt") return text(`bot.part.debt.${sign}`, { amount });
  const what: Arg = isMetric(p.label) ? ref("metric", p.label, true) : text("bot.capital");
  const plus = signed && (p.amount ?? 0) >= 0;
  const said = (() => {
    // Over the rounds left (the game ends first, or the deal has run some): said even where the sentence gives the deal's length, which is more.
    if (p.rounds && p.left) return text(plus ? "bot.part.plus.left" : "bot.part.amount.left", { amount, what, rounds: p.rounds });
    if (p.rounds && !lengthSaid) return text(plus ? "bot.part.plus.over" : "bot.part.amount.over", { amount, what, rounds: p.rounds });
    return text(plus ? "bot.part.plus" : "bot.part.amount", { amount, what });
  })();
  // The capital it pays, and how much of it is more than it will have ("12 capital (1.7 more than we will have)"); or the capital it earns, and how much of a shortfall that covers.
  return p.short ? text(`bot.part.capital.${p.short > 0 ? "short" : "covers"}`, { capital: said, amount: r1(Math.abs(p.short)) }) : said;
}

/** A part as said: the capital of a deal with the shortfall it runs into or covers (value.ts `debtOf`), where both weigh the same way. */
type SpokenPart = Part & { short?: number };

/**
 * The parts of a valuation as a reader hears them: a shortfall of capital is part of the capital
 * a deal pays, not a cost beside it ("4 capital (1.7 more than we will have)", not "a shortfall of
 * 1.7 capital and 4 capital"), so the two are one phrase, weighed as their sum, where both cost (or
 * both gain). A shortfall the other way from the capital (a loan made, paid out first and repaid
 * later) stays a phrase of its own.
 */
function spoken(parts: Part[]): SpokenPart[] {
  const debt = parts.find((p) => p.label === "debt");
  const capital = parts.find((p) => p.label === "capital");
  if (!debt || !capital || Math.sign(debt.points) !== Math.sign(capital.points)) return parts;
  return parts.flatMap((p) => (p === debt ? [] : p === capital ? [{ ...p, points: p.points + debt.points, short: debt.amount ?? 0 }] : [p]));
}

/**
 * How big a change of a chance (in percentage points) reads in words: under 3, "slightly" (no
 * number: it would only look precise); 20 or more, "much"; between, plain, with "about N in 100".
 */
const chanceSize = (points: number): "" | ".little" | ".much" => (points < 3 ? ".little" : points >= 20 ? ".much" : "");

/** An objective's condition in a few words, where it has a short form: a metric's bound, a deal of a type (in a sector). */
function goalText(c: Condition): Text | null {
  if (c.kind === "metric") {
    if (c.atLeast !== undefined) return text("bot.goal.atLeast", { metric: ref("metric", c.metric, true), n: c.atLeast });
    if (c.atMost !== undefined) return text("bot.goal.atMost", { metric: ref("metric", c.metric, true), n: c.atMost });
  }
  if (c.kind === "agreement" && !c.with?.length && c.atLeast <= 1) {
    // A side named: "selling telecom through a supply-chain deal".
    if (c.as) return c.sector ? text(`bot.goal.${c.as}.in`, { sector: ref("sector", c.sector, true) }) : text(`bot.goal.${c.as}`);
    return c.sector ? text("bot.goal.dealIn", { type: text(`bot.say.kind.${c.type}`), sector: ref("sector", c.sector, true) }) : text(`bot.say.kind.${c.type}`);
  }
  return null;
}

/** Points as readers count them: "1 point", "2.5 points", "2.5 分". */
export const pointsText = (points: number): Text => text("bot.points", { count: points });

/** A deal's length as readers count it: "1 round", "4 rounds", "4 轮". */
export const lengthText = (rounds: number): Text => text("deal.duration", { count: rounds });

/** The biggest gains and costs of a valuation, as phrases. */
export function gainsAndCosts(v: Valuation, n = 2, lengthSaid = false): { gains: Text[]; costs: Text[] } {
  const parts = spoken(v.parts);
  const gains = parts.filter((p) => p.points > 0.05).sort((a, b) => b.points - a.points).slice(0, n);
  const costs = parts.filter((p) => p.points < -0.05).sort((a, b) => a.points - b.points).slice(0, n);
  return { gains: gains.map((p) => partText(p, true, lengthSaid)), costs: costs.map((p) => partText(p, false, lengthSaid)) };
}

/**
 * Why a deal is worth it ("+3.5 security for 2 capital") or not ("costs us 12 prosperity for +1
 * influence"). `lengthSaid`: the sentence it goes in says the deal's length (partText).
 */
export function because(v: Valuation, declined = false, lengthSaid = false): Text {
  const { gains, costs } = gainsAndCosts(v, 2, lengthSaid);
  const points = r1(v.value);
  // Goods or research for the other camp (value.ts `otherSide`) is no matter of price: said as such, not weighed against the gains.
  const other = declined ? v.parts.find((p) => p.label === "the other side" && p.country) : undefined;
  if (other) return text("bot.body.otherSide", { country: country(other.country!) });
  if (declined) {
    // Worth nothing at all to it, said plainly: "gains us nothing", not "gives us too little (0 points)".
    if (!costs.length) return points > 0 ? text("bot.body.tooLittle", { points: pointsText(points) }) : text("bot.body.gainsNothing");
    // A gain worth little to it is still a gain: "for +0.1 security; −0.1 points to us, all told", not "for nothing we need".
    if (!gains.length) gains.push(...spoken(v.parts).filter((p) => p.points > 0 && r1(p.amount ?? 0) > 0).sort((a, b) => b.points - a.points).slice(0, 2).map((p) => partText(p, true, lengthSaid)));
    // Nor is a gain the rival's ban outweighs on the same number: "+3 security before the ban".
    if (gains.length < 2) gains.push(...beforeBan(v).slice(0, 2 - gains.length));
    const body = !gains.length
      ? text("bot.body.costsOnly", { costs: list(costs) })
      : // The costs and gains are amounts; what decided is their worth to this bot (its weights, goals
        // and personality), said too, or "5.3 prosperity for +8.2 security" reads as a gain refused.
        // Worth less than a tenth either way: it gains us nothing, said plainly, not "only +0 points".
        points === 0
        ? text("bot.body.costsForNothing", { costs: list(costs), gains: list(gains) })
        : text(points > 0 ? "bot.body.costsForShort" : "bot.body.costsForNet", { costs: list(costs), gains: list(gains), points: pointsText(Math.abs(points)) });
    const ban = banText(v);
    return ban ? text("bot.body.ban", { body, ban }) : body;
  }
  // Gains each worth little are still what it gains ("brings us +0.3 influence"); with none, no "(0 points)" as a reason.
  if (!gains.length) gains.push(...spoken(v.parts).filter((p) => p.points > 0 && r1(p.amount ?? 0) > 0).sort((a, b) => b.points - a.points).slice(0, 2).map((p) => partText(p, true, lengthSaid)));
  if (!gains.length) return points > 0 ? text("bot.body.little", { points: pointsText(points) }) : text("bot.body.nothing");
  return costs.length ? text("bot.body.gainsFor", { gains: list(gains), costs: list(costs) }) : text("bot.body.gains", { gains: list(gains) });
}

/** The rival's ban is named where it is at least this share of what a deal costs. */
const BAN_NAMED = 1 / 3;

/**
 * The rival's answer to a regime (value.ts `Ban`), where it is a large part of the cost: "most of
 * it from China's ban on critical minerals in answer (−11 prosperity); critical minerals from
 * elsewhere would spare us that" (the last only where supply from another country would cut it;
 * "more critical minerals (3.2 more a round)" where it already buys some).
 */
function banText(v: Valuation): Text | null {
  const ban = v.ban;
  if (!ban || ban.points >= 0) return null;
  // The cost it is a share of: the losses in the parts, and those of the ban that a part's gain hides.
  let cost = 0;
  for (const p of v.parts) if (p.points < 0) cost += p.points;
  for (const b of ban.parts) if ((v.parts.find((p) => p.label === b.label)?.points ?? 0) >= 0) cost += b.points;
  const share = ban.points / cost;
  if (!(share >= BAN_NAMED)) return null;
  const costs = [...ban.parts].sort((a, b) => a.points - b.points).slice(0, 3).map((p) => text("bot.part.minus", { amount: r1(Math.abs(p.amount ?? 0)), what: ref("metric", p.label, true) }));
  const said = text(share >= 0.5 ? "bot.ban.most" : "bot.ban.much", { rival: ref("country", ban.rival), sector: ref("sector", ban.sector, true), costs: list(costs) });
  if (!ban.elsewhere) return said;
  // Supply it already buys counts: what it lacks is the rest.
  const sector = ref("sector", ban.sector, true);
  const args = { ban: said, sector, ...(ban.covered > 0 ? { amount: r1(ban.short) } : {}) };
  // Supply that spares it the ban need not make the deal pay: where it would still cost more than
  // it brings without the ban, the costs the ban leaves (its own lost sales, say) are named, and
  // what the deal would still cost all told, not a hint that supply alone would do.
  const without = r1(v.value - ban.points);
  const rest = banRest(v, ban);
  if (without < 0 && rest.length) return text(ban.covered > 0 ? "bot.ban.elsewhereMoreRest" : "bot.ban.elsewhereRest", { ...args, rest: list(rest), points: pointsText(-without) });
  return text(ban.covered > 0 ? "bot.ban.elsewhereMore" : "bot.ban.elsewhere", args);
}

/** The costs of a valuation the rival's ban does not make, each number's part less the ban's share of it. */
function banRest(v: Valuation, ban: NonNullable<Valuation["ban"]>): Text[] {
  const rest: SpokenPart[] = [];
  for (const p of spoken(v.parts)) {
    if (p.points >= 0) continue;
    const b = ban.parts.find((x) => x.label === p.label);
    const left = b ? { ...p, points: p.points - Math.min(0, b.points), amount: (p.amount ?? 0) - Math.min(0, b.amount ?? 0) } : p;
    if (left.points < -0.05) rest.push(left);
  }
  return rest.sort((a, b) => a.points - b.points).slice(0, 2).map((p) => partText(p, false));
}

/** Numbers a deal raises but the rival's ban lowers by more, as gains before the ban: "+3 security before the ban". */
function beforeBan(v: Valuation): Text[] {
  const out: Text[] = [];
  for (const b of v.ban?.parts ?? []) {
    const net = v.parts.find((p) => p.label === b.label);
    const before = r1((net?.amount ?? 0) - (b.amount ?? 0));
    if ((net?.points ?? 0) <= 0.05 && before > 0) out.push(text("bot.part.beforeBan", { amount: before, what: ref("metric", b.label, true) }));
  }
  return out;
}

/** The reason that names a step's move where its key is not `bot.why.<step>` ("stayed out of A16: …" on a step out). */
const STEP_WHY: Partial<Record<string, string>> = { "stepped-out": "bot.why.stayOut" };

/**
 * A reason on a deal's step, said after the step ("declined by the Netherlands: …", in the deal
 * card and the report): a bot's "declined: …" without its verb, which the step already says,
 * keeping its why; a person's words, or a reason naming another move, as they are.
 */
export function afterStep(reason: string | Text, step: string): string | Text {
  if (typeof reason === "string" || reason.key !== (STEP_WHY[step] ?? `bot.why.${step}`)) return reason;
  const why = reason.args?.why;
  return why && typeof why === "object" && "key" in why ? (why as Text) : reason;
}

/** "signed: …", "declined: …", "worth signing: …" — a verb and the valuation behind it. */
export const said = (verb: "signed" | "declined" | "worth" | "notWorth" | "asIs", v: Valuation): Text => text(`bot.why.${verb}`, { why: because(v, verb === "declined" || verb === "notWorth") });

export const proposedText = (type: string, v: Valuation): Text => text("bot.why.proposed", { type: ref("type", type, true), why: because(v) });

export const counteredText = (id: string, change: Text, v: Valuation): Text => text("bot.why.countered", { id, change, why: because(v) });

export const thenText = (change: Text, v: Valuation): Text => text("bot.why.then", { change, why: because(v) });

/** A term's value as readers name it, in the deal form's words ("Frontier only", "Broad"; the project's and the standard's names). */
function termValue(key: string, x: unknown, terms: Record<string, unknown>): Arg {
  if (typeof x === "number") return x;
  if (Array.isArray(x)) {
    if (!x.length) return text("bot.term.none");
    if (key === "clauses") return list(x.map((c) => ref("clause", String(c), true)));
    if (key === "conditions") return list(x.map((c) => ref("condition", String(c), true)));
    // Countries as the deal form names them: bare ("lenders United States → United States and Japan").
    return list(x.map((c) => countryLabel(String(c))));
  }
  if (key === "tier") return text(`tier.${String(x)}`);
  if (key === "target" || key === "recipient") return countryLabel(String(x));
  if (key === "sector") return ref("sector", String(x), true);
  if (key === "project") return ref("project", String(x), true);
  if (key === "technology") return ref("technology", String(x));
  if (key === "option") return option(String(terms.technology), String(x), true);
  return String(x);
}

const TERMS = new Set(["price", "volume", "coInvest", "amount", "interest", "grace", "contribution", "tier", "target", "sector", "clauses", "conditions", "suppliers", "buyers", "lenders", "recipient", "project", "technology", "option"]);

/** What changed between two drafts: "price 1 → 0.6; length 2 → 1 rounds". */
export function changeText(from: Pick<Draft, "terms" | "duration">, to: Pick<Draft, "terms" | "duration">): Text {
  const out: Text[] = [];
  const a = from.terms as Record<string, unknown>;
  const b = to.terms as Record<string, unknown>;
  for (const k of Object.keys(b)) {
    if (JSON.stringify(a[k]) === JSON.stringify(b[k])) continue;
    const term = TERMS.has(k) ? text(`bot.term.${k}`) : k;
    out.push(text("bot.change", { term, from: termValue(k, a[k], a), to: termValue(k, b[k], b) }));
  }
  if (from.duration !== to.duration) out.push(text("bot.change.rounds", { from: from.duration, to: to.duration }));
  // Changes apart by semicolons: a change's own value may be a list ("United States and Japan").
  return out.length ? text("bot.change.list", { changes: out.reduce((a, b) => text("bot.change.also", { a, b })) }) : text("bot.change.none");
}
