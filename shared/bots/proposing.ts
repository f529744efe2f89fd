/**
 * Choosing what a seat proposes: its pool of drafts (proposals.ts makes them) without the deals
 * it is making or has made, the five most promising by its own value, each sweetened for the
 * side that would say no, and the best of them by score (noise drawn from the seat's stream).
 */
import { draftKey, type Draft } from "../engine/actions.ts";
import type { Agreement } from "../engine/types.ts";
import { nextRandom } from "../engine/rng.ts";
import type { Sector } from "../engine/vocabulary.ts";
import { kindFor } from "../engine/agreements/index.ts";
import { country, draftParties, type World } from "./model.ts";
import { candidates, leaveOut, variants } from "./proposals.ts";
import { proposedText } from "./speech.ts";
import { notesOf, type BotDecision, type Mind, type Notes, type Rng } from "./mind.ts";
import { theirValue, valueOwn, worthOwn } from "./valuing.ts";

/**
 * Deals a seat is making or has made, to leave out of its pool. Two deals are the same deal when
 * their type and their hooks' key are the same and, where they matter, their parties: looked up
 * in that order, so a draft of a type or key not taken costs no key of its parties.
 */
class Taken {
  /** By type, by the hooks' key: the parties (sorted and joined; "" when they do not matter). */
  private byType = new Map<string, Map<string, Set<string>>>();
  add(d: Pick<Draft, "terms" | "parties">) {
    let byKey = this.byType.get(d.terms.type);
    if (!byKey) this.byType.set(d.terms.type, (byKey = new Map()));
    const hooks = kindFor(d.terms).bots;
    const key = hooks.sameDealKey(d.terms);
    let parties = byKey.get(key);
    if (!parties) byKey.set(key, (parties = new Set()));
    parties.add(hooks.partiesMatter ? partiesKey(d) : "");
  }
  has(d: Pick<Draft, "terms" | "parties">): boolean {
    const byKey = this.byType.get(d.terms.type);
    if (!byKey) return false;
    const hooks = kindFor(d.terms).bots;
    const parties = byKey.get(hooks.sameDealKey(d.terms));
    return !!parties && parties.has(hooks.partiesMatter ? partiesKey(d) : "");
  }
}

function partiesKey(d: Pick<Draft, "terms" | "parties">): string {
  return draftParties(d).sort().join(",");
}

/** The model's world with the open offers in view: deals it or others proposed are not proposed again. */
export const withOffers = (m: Mind): World => ({ ...m.w, view: m.ctx.view });

export function objectiveSectors(m: Mind) {
  const supply = new Set<Sector>();
  const rnd = new Set<Sector>();
  const sellSupply = new Set<Sector>();
  for (const o of m.objectives) {
    const c = o.condition;
    if (c.kind === "agreement" && c.type === "supply" && c.sector) {
      const self = country(m.w, m.me);
      // The side the objective names; with none, a country strong in the sector sells it and a weak one buys it.
      const sells = c.as ? c.as === "supplier" : self.sectors[c.sector].capability >= 5 && self.sectors[c.sector].chokepoint < 0.3;
      (sells ? sellSupply : supply).add(c.sector);
    }
    if (c.kind === "agreement" && c.type === "rnd" && c.sector) rnd.add(c.sector);
  }
  return { supply, rnd, sellSupply };
}

export function propose(m: Mind, rng: Rng): BotDecision | null {
  const view = m.ctx.view;
  if (!m.ctx.proposeTypes.length) return null;
  const mine = view.agreements.filter((a) => a.proposedBy === m.me && a.steps[0]?.round === view.round);
  if (mine.length >= m.profile.proposals) return null;
  // A seat that found nothing worth proposing is done proposing for the negotiation.
  const n = notesOf(m, rng);
  if (n.done) return null;
  const proposal = proposeNow(m, rng, n);
  if (!proposal) n.done = true;
  return proposal;
}

function proposeNow(m: Mind, rng: Rng, n: Notes): BotDecision | null {
  const view = m.ctx.view;
  // Not a deal it is making or has made (an open one of any type but supply: a buyer may take more):
  // first those proposed or touched this round, then those open (the order they were added in before).
  const taken = new Taken();
  const round = view.round;
  for (const a of view.agreements) if (a.parties.includes(m.me) && (a.status === "proposed" || steppedIn(a, round))) taken.add(a);
  for (const a of view.agreements) if (a.type !== "supply" && (a.status === "in-force" || a.status === "signed") && a.parties.includes(m.me)) taken.add(a);
  // Own value first; only the most promising few are weighed from the other side too: the five
  // best that pay, the first of equals first.
  const promising: { d: Draft; own: number }[] = [];
  for (const d of candidates(withOffers(m), m.me, m.profile, objectiveSectors(m))) {
    if (taken.has(d) || proposedBefore(n, d)) continue;
    const own = worthOwn(m, d);
    if (!(own >= m.profile.threshold)) continue;
    let at = promising.length;
    while (at > 0 && promising[at - 1]!.own < own) at--;
    if (at < 5) promising.splice(at, 0, { d, own });
    if (promising.length > 5) promising.pop();
  }
  // Each is scored by our value, a quarter of it if the other side would still say no after
  // sweetening, and a little noise; the best is proposed. Sweetening gives the other side more,
  // so the sweetened draft pays us no more than the one it came from (nearly always: a larger
  // volume can pay both), and a draft's own value and noise bound its score: drafts are weighed
  // and sweetened best bound first, until no bound left can beat the best score found.
  const noises = promising.map(() => 0.3 * nextRandom(rng));
  const order = promising.map((_, i) => i).sort((i, j) => promising[j]!.own + noises[j]! - (promising[i]!.own + noises[i]!) || i - j);
  let best: { i: number; draft: Draft; score: number } | undefined;
  for (const i of order) {
    if (best && promising[i]!.own + noises[i]! < best.score) break;
    const { draft, own, accepted } = sweetened(m, promising[i]!.d, promising[i]!.own);
    if (proposedBefore(n, draft)) continue;
    const score = (accepted ? own : own * 0.25) + noises[i]!;
    if (!best || score > best.score || (score === best.score && i < best.i)) best = { i, draft, score };
  }
  if (!best) return null;
  const draft = best.draft;
  const move = { type: "propose" as const, draft };
  if (m.ctx.check(move)) return null;
  const v = valueOwn(m, draft);
  if (v.value < m.profile.threshold) return null;
  const shape = shapeOf(draft);
  const keys = (n.proposedDrafts ??= new Map()).get(shape);
  if (keys) keys.add(draftKey(draft));
  else n.proposedDrafts.set(shape, new Set([draftKey(draft)]));
  return { action: { actor: m.actor, move }, reason: proposedText(draft.terms.type, v) };
}

/**
 * Did it propose `d` before in this negotiation (mind.ts `Notes.proposedDrafts`)? A draft's key
 * (its terms as JSON) is made only when a draft of the same type, length and number of listed
 * parties was proposed: most of a pool's drafts differ from the few proposed in one of those.
 */
function proposedBefore(n: Notes, d: Draft): boolean {
  const keys = n.proposedDrafts?.get(shapeOf(d));
  return keys !== undefined && keys.has(draftKey(d));
}
const shapeOf = (d: Draft) => `${d.terms.type}:${d.duration}:${d.parties.length}`;

function steppedIn(a: Agreement, round: number): boolean {
  for (const s of a.steps) if (s.round === round) return true;
  return false;
}

/** A draft as it would be proposed: sweetened for the side that would say no, or without that side, while it still pays us. */
function sweetened(m: Mind, first: Draft, firstOwn: number): { draft: Draft; own: number; accepted: boolean } {
  let draft = first;
  let own = firstOwn;
  const others = draftParties(draft).filter((p) => p !== m.me && m.w.byId.get(p)?.control === "seat");
  let accepted = allAccept(m, others, draft);
  for (let i = 0; i < 3 && !accepted; i++) {
    const reluctant = firstReluctant(m, others, draft)!;
    const fewer = leaveOut(draft, reluctant);
    const drafts = variants(m.w, draft, reluctant);
    if (fewer) drafts.push(fewer);
    const better = mostFor(m, reluctant, drafts);
    if (!better) break;
    draft = better.draft;
    own = better.own;
    accepted = allAccept(m, others, draft);
  }
  return { draft, own, accepted };
}

/** Whether every other seat would say yes (loops, not closures: a proposal asks this often). */
function allAccept(m: Mind, others: string[], draft: Draft): boolean {
  for (const p of others) if (!(theirValue(m, p, draft) >= 0)) return false;
  return true;
}

/** The first other seat that would say no. */
function firstReluctant(m: Mind, others: string[], draft: Draft): string | undefined {
  for (const p of others) if (theirValue(m, p, draft) < 0) return p;
  return undefined;
}

/**
 * Of `drafts`, the one `who` values most among those that still pay us (the first of equals),
 * with our value of it. Their values first, ours in their order until one pays: the same draft
 * as valuing ours for all and taking the best of theirs among those that pay, with fewer of ours.
 */
function mostFor(m: Mind, who: string, drafts: Draft[]): { draft: Draft; own: number } | undefined {
  const order = drafts.map((draft, i) => ({ draft, i, theirs: theirValue(m, who, draft) })).sort((a, b) => b.theirs - a.theirs || a.i - b.i);
  for (const { draft } of order) {
    const own = worthOwn(m, draft);
    if (own >= m.profile.threshold) return { draft, own };
  }
  return undefined;
}
