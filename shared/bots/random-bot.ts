/**
 * The simplest legal-action player: it answers offers, sometimes withdraws, and proposes deals
 * with random but well-formed terms. Self-play tests and `npm run simulate` use it; the bots
 * that negotiate by national interest live beside it.
 */
import type { Action, Draft } from "../engine/actions.ts";
import { kindOf, type AgreementType } from "../engine/agreements/index.ts";
import { legalActions } from "../engine/legal.ts";
import { nextRandom, randomInt } from "../engine/rng.ts";
import type { GameState } from "../engine/types.ts";
import { ROLES, SECTORS } from "../engine/vocabulary.ts";

type Rng = { rng: number };

const pick = <T>(rng: Rng, items: readonly T[]): T => items[randomInt(rng, items.length)]!;

function sample<T>(rng: Rng, items: readonly T[], n: number): T[] {
  const pool = [...items];
  const out: T[] = [];
  while (out.length < n && pool.length) out.push(pool.splice(randomInt(rng, pool.length), 1)[0]!);
  return out;
}

/** A random, well-formed draft of `type` proposed by `seat` (the engine may still refuse it). */
export function randomDraft(state: GameState, seat: string, type: AgreementType, rng: Rng): Draft {
  const all = state.scenario.countries.map((c) => c.id);
  const others = all.filter((id) => id !== seat);
  const sector = pick(rng, SECTORS);
  const kind = kindOf(type);
  const { terms, parties } = kind.bots.random({
    state,
    seat,
    others,
    sector,
    some: (n) => sample(rng, others, n),
    pick: (items) => pick(rng, items),
    sample: (items, n) => sample(rng, items, n),
    random: () => nextRandom(rng),
    int: (n) => randomInt(rng, n),
  });
  return { terms, parties, duration: kind.minDuration(state.scenario.rules, terms) + randomInt(rng, 3) };
}

/** One random legal-looking move for a seat, or null when it has nothing to do. */
export function randomSeatAction(state: GameState, seat: string, rng: Rng): Action | null {
  const roles = [...ROLES];
  const legal = legalActions(state, { kind: "seat", seat, roles });
  const roll = nextRandom(rng);
  const answers = legal.actions.filter((a) => a.move.type === "sign" || a.move.type === "decline");
  if (answers.length && roll < 0.5) return pick(rng, answers);
  if (legal.proposeTypes.length && roll < 0.8) {
    return { actor: { kind: "seat", seat, roles }, move: { type: "propose", draft: randomDraft(state, seat, pick(rng, legal.proposeTypes), rng) } };
  }
  const withdraws = legal.actions.filter((a) => a.move.type === "withdraw");
  if (withdraws.length && roll < 0.83) return pick(rng, withdraws);
  if (legal.chatChannels.length && roll < 0.9) {
    return { actor: { kind: "seat", seat, roles }, move: { type: "chat", channel: pick(rng, legal.chatChannels), text: `Message ${randomInt(rng, 1000)}` } };
  }
  return legal.actions.find((a) => a.move.type === "ready") ?? null;
}
