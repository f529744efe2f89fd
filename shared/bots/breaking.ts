/**
 * Leaving a deal a seat is in: which deal, if any, it gains most by leaving (weighed once a
 * negotiation and kept in its notes and the shared memory, mind.ts), and whether its
 * personality lets it break its word this move.
 */
import type { Action } from "../engine/actions.ts";
import type { Agreement } from "../engine/types.ts";
import { nextRandom } from "../engine/rng.ts";
import { dealOf, list, ref, text, type Text } from "../engine/text.ts";
import { kindFor } from "../engine/agreements/index.ts";
import { country, project, worldOf, type Projection } from "./model.ts";
import { outlookOf, r1, sharedStake, sharedStakeRange, tensionPeaks, valueFor, valueWithoutOutlook, type Part, type Valuation } from "./value.ts";
import { notesOf, type BotDecision, type Mind, type Rng } from "./mind.ts";
import { asDraft } from "./valuing.ts";
import { pointsText } from "./speech.ts";

/** The least a bot must gain by leaving a deal before it breaks its word. */
const BREAK_GAIN = 0.3;

/** The value of an agreement in force to this seat per round, from last round's explained changes. */
function lastRoundValue(m: Mind, a: Agreement): { points: number; parts: Map<string, number> } {
  const self = country(m.w, m.me);
  const parts = new Map<string, number>();
  let points = 0;
  // The last resolution's explained changes (this round's list holds only the event so far).
  const last = m.ctx.view.history[m.ctx.view.history.length - 1];
  for (const c of last?.changes ?? []) {
    if (c.subject !== m.me) continue;
    const key = c.key as keyof typeof self.weights | "capital";
    for (const cause of c.causes) {
      if (dealOf(cause.label) !== a.id) continue;
      parts.set(c.key, (parts.get(c.key) ?? 0) + cause.amount);
      if (key === "capital") continue;
      if (key in self.weights) points += self.weights[key] * m.profile.tilt[key] * cause.amount;
    }
  }
  return { points, parts };
}

/** Deals that take something from us each round (the only ones breaking could pay for). */
function costsUs(a: Agreement, me: string): boolean {
  return kindFor(a.terms).bots.costsEachRound(a.terms, me);
}

/** `crisis`: it leaves to keep clear of a crisis (the crisis is most of what leaving gains it). */
export type Breaking = { action: Action; gain: number; reason: Text; crisis?: true };

/** The points of a valuation's objectives and shared targets (what staying in a deal keeps for the rest of the game). */
const stakes = (parts: Part[]) => parts.filter((p) => p.label.startsWith("objective") || p.label === "the shared targets").reduce((s, p) => s + p.points, 0);
/** A valuation's points for the crisis it risks (value.ts `CrisisStake`): the end of the game, which staying keeps in play as well. */
const crisisPoints = (v: Valuation | null) => v?.parts.find((p) => p.label === "a crisis")?.points ?? 0;

export function breakDeals(m: Mind, rng: Rng): BotDecision | null {
  // A bot that keeps its word still leaves a deal that would end the game in a crisis.
  if (m.profile.keepsWord >= 1 && !m.crisis) return null;
  // Weighed once a negotiation, at its first move (what the deals did for it last round is
  // known then), and again only if the deal it would leave can no longer be left.
  const n = notesOf(m, rng);
  let best = n.breaking;
  if (best && !m.ctx.legal.actions.some((x) => x.move.type === "withdraw" && x.move.agreementId === (best!.action.move as { agreementId: string }).agreementId)) best = undefined;
  if (best === undefined) {
    let bySeat = m.memory.breaking.get(m.profile);
    if (!bySeat) m.memory.breaking.set(m.profile, (bySeat = new Map()));
    best = bySeat.get(m.me);
    if (best === undefined) bySeat.set(m.me, (best = worthBreaking(m)));
    n.breaking = best;
  }
  if (!best) return null;
  // Personality: whether it keeps its word even when breaking pays. The draw is made even when
  // breaking is forbidden, so a counterfactual game keeps the same random numbers.
  // Keeping clear of a crisis is not breaking its word for a gain: the draw is made, and not heeded.
  if ((nextRandom(rng) < m.profile.keepsWord && !best.crisis) || m.options.mayBreak === false) return null;
  return { action: best.action, reason: best.reason };
}

/** What a deal does for us alone: no shared stake and no objectives (no part that reads the outlook). */
function privateValue(m: Mind, deal: Agreement): number {
  return valueWithoutOutlook(m.w, m.me, project(m.w, asDraft(deal), deal), { ...m.profile, tableCare: 0 }, { objectives: [] }).value;
}

/** The deal it gains most by leaving now (its own valuation; the engine's rules on leaving), if any. */
function worthBreaking(m: Mind): Breaking | null {
  const legal = m.ctx.legal.actions.filter((x) => x.move.type === "withdraw");
  if (!legal.length) return null;
  const self = country(m.w, m.me);
  const rules = m.ctx.rules;
  let best: Breaking | null = null;
  for (const action of legal) {
    const id = (action.move as { agreementId: string }).agreementId;
    const a = m.ctx.view.agreements.find((x) => x.id === id);
    if (!a || (a.status !== "in-force" && a.status !== "signed")) continue;
    // With a crisis near (mind.ts `Mind.crisis`), a deal that adds tension is worth a look whatever
    // it brings us, in force or signed (it takes force at this round's resolution, whose peak the
    // crisis check reads: docs/RULES.md §8).
    const inForce = a.status === "in-force" ? a : undefined;
    const tense = !!m.crisis && project(m.w, asDraft(a), inForce).table.some((f) => f.key === "tension" && f.perRound > 0 && f.rounds > 0);
    if (!tense && (!inForce || !costsUs(a, m.me))) continue;
    // Leaving a deal of three or more leaves only us out (docs/RULES.md, "withdraw"): the rest
    // carry on, and a chokepoint holder outside a regime earns the members' lost sales. So
    // staying is worth the deal with us against the deal without us, not against no deal.
    const rest = kindFor(a.terms).without(a.terms, a.parties, m.me);
    const restDeal = rest ? { ...a, terms: rest.terms, parties: rest.parties } : null;
    // Only a deal that costs us more than it brings is worth a closer look.
    // (No shared stake and no objectives: no part that reads the outlook.)
    if (!tense && privateValue(m, a) - (restDeal ? privateValue(m, restDeal) : 0) > 0) continue;
    // Staying: what the deal will still do for us, with our objectives and the shared stake,
    // against a world where it ends now, or goes on without us.
    const w = worldOf({ ...m.w.view, agreements: m.w.view.agreements.filter((x) => x.id !== a.id) }, m.ctx);
    const stayProj = project(w, asDraft(a), inForce);
    const restProj = restDeal ? project(w, asDraft(restDeal), inForce && restDeal) : null;
    const opts = m.crisis ? { objectives: m.objectives, crisis: m.crisis } : { objectives: m.objectives };
    const observed = lastRoundValue(m, a);
    const roundsLeft = Math.max(0, Math.min(m.w.lastRound, a.endRound ?? m.w.lastRound) - m.w.round + 1);
    const keptBonus = (a.endRound ?? 99) <= m.w.lastRound ? rules.trust.kept * self.weights.trust * m.profile.tilt.trust : 0;
    const withdrawal: Projection = { type: a.type, parties: a.parties, terms: a.terms, horizon: 1, flows: [], table: [{ key: "cohesion", perRound: -rules.trust.withdrawCohesion, rounds: 1, label: "withdrawal" }] };
    const warier = (m.w.left - 1) * 0.4;
    // The outlooks cost most of this check: first a bound on staying from the parts that do not
    // read them (`valueWithoutOutlook`, `sharedStakeRange`); a deal that cannot pay to leave by it is kept.
    const stayFree = valueWithoutOutlook(w, m.me, stayProj, m.profile, opts);
    const restFree = restProj ? valueWithoutOutlook(w, m.me, restProj, m.profile, opts) : null;
    const leastStay =
      0.5 * (stayFree.value + stayFree.lo - (restFree ? restFree.value + restFree.hi : 0)) +
      0.5 * (observed.points * roundsLeft + stakes(stayFree.parts) + stayFree.lo - (tense && restFree ? restFree.hi : 0));
    // What leaving costs whatever the outlooks: trust lost, and the bonus for a deal kept to its end.
    const fixedCost = rules.trust.withdraw * self.weights.trust * m.profile.tilt.trust + keptBonus;
    const leastCost = fixedCost - sharedStakeRange(m.w, m.me, m.profile, withdrawal).hi + warier;
    if (-leastStay - leastCost <= BREAK_GAIN - 1e-6) continue;
    const cohesion = sharedStake(m.w, m.o, m.me, m.profile, withdrawal);
    // Partners will be warier for the rest of the game.
    const breakCost = fixedCost - cohesion.points + warier;
    let wo = m.memory.without.get(a.id);
    if (!wo) m.memory.without.set(a.id, (wo = outlookOf(w)));
    const stay = valueFor(w, wo, m.me, stayProj, m.profile, opts);
    const restValue = restProj ? valueFor(w, wo, m.me, restProj, m.profile, opts) : null;
    if (restValue) stay.value -= restValue.value;
    // What a crisis staying risks, against the rest of the deal going on without us: the end of
    // the game, kept in play for the rest of it as the objectives and the shared targets are.
    const crisis = crisisPoints(stay) - crisisPoints(restValue);
    // Blend the model with what the deal actually did last round.
    const stayValue = 0.5 * stay.value + 0.5 * (observed.points * roundsLeft + stakes(stay.parts) + crisis);
    const gain = -stayValue - breakCost;
    if (gain > BREAK_GAIN && (!best || gain > best.gain)) {
      // The crisis is what it leaves for when it is most of the gain (the reason it gives, and a
      // word-keeper's leave to break its word: `breakDeals`).
      if (crisis < 0 && -crisis > gain + crisis) {
        const stake = m.crisis!;
        const peak = Math.max(m.ctx.view.table.tension, ...tensionPeaks(m.w, m.o, null));
        const args = { id: a.id, type: ref("type", a.type, true), peak: r1(peak), at: rules.tension.crisisAt, now: r1(stake.now), crisis: r1(stake.crisis), trust: rules.trust.withdraw };
        best = { action, gain, reason: text("bot.why.withdrewCrisis", args), crisis: true };
        continue;
      }
      const costs = [...observed.parts].filter(([, v]) => v < 0).map(([k, v]) => text("bot.part.amount", { amount: r1(-v), what: k === "capital" ? text("bot.capital") : ref("metric", k, true) }));
      const staying = costs.length ? text("bot.stay.perRound", { costs: list(costs) }) : text("bot.stay.points", { points: pointsText(r1(-stayValue)) });
      best = { action, gain, reason: text("bot.why.withdrew", { id: a.id, type: ref("type", a.type, true), staying, trust: rules.trust.withdraw }) };
    }
  }
  return best;
}
