/**
 * The simplest legal-action player: it answers offers, sometimes withdraws, and proposes deals
 * with random but well-formed terms. Self-play tests and `npm run simulate` use it; the bots
 * that negotiate by national interest live beside it.
 */
import type { Action, Draft, Terms } from "../engine/actions.ts";
import { legalActions } from "../engine/legal.ts";
import { nextRandom, randomInt } from "../engine/rng.ts";
import type { GameState } from "../engine/types.ts";
import { ALIGNMENT_CLAUSES, LOAN_CONDITIONS, ROLES, SECTORS, type AgreementType } from "../engine/vocabulary.ts";

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
  const some = (n: number) => sample(rng, others, n);
  let terms: Terms;
  let parties: string[] = [seat];
  switch (type) {
    case "export-control":
      parties = [seat, ...some(randomInt(rng, 3))];
      terms = { type, sector, tier: nextRandom(rng) < 0.5 ? "frontier" : "broad", target: nextRandom(rng) < 0.3 ? "outside" : pick(rng, others.filter((o) => !parties.includes(o))) ?? "outside" };
      break;
    case "screening":
      parties = [seat, ...some(1 + randomInt(rng, 3))];
      terms = { type };
      break;
    case "supply": {
      const other = some(1);
      const sellerFirst = nextRandom(rng) < 0.5;
      terms = {
        type,
        suppliers: sellerFirst ? [seat] : other,
        buyers: sellerFirst ? other : [seat],
        sector,
        volume: 1 + randomInt(rng, 5),
        price: Math.round(nextRandom(rng) * 20) / 10,
        coInvest: nextRandom(rng) < 0.3 ? 1 + randomInt(rng, 4) : 0,
      };
      break;
    }
    case "loan": {
      const recipients = state.scenario.countries.filter((c) => c.needs.length && c.id !== seat);
      const r = recipients.length ? pick(rng, recipients) : state.scenario.countries[0]!;
      terms = {
        type,
        lenders: [seat],
        recipient: r.id,
        project: r.needs.length ? pick(rng, r.needs) : "cable",
        amount: 4 + randomInt(rng, 20),
        interest: randomInt(rng, 9),
        grace: randomInt(rng, 2),
        conditions: sample(rng, LOAN_CONDITIONS, randomInt(rng, 3)),
      };
      break;
    }
    case "alignment":
      parties = [seat, ...some(1 + randomInt(rng, 3))];
      terms = { type, clauses: sample(rng, ALIGNMENT_CLAUSES, 1 + randomInt(rng, 3)), target: pick(rng, others.filter((o) => !parties.includes(o))) ?? seat };
      break;
    case "standards": {
      const tech = state.scenario.standards.length ? pick(rng, state.scenario.standards) : undefined;
      parties = [seat, ...some(randomInt(rng, 3))];
      terms = { type, technology: tech?.id ?? "none", option: tech ? pick(rng, tech.options).id : "none" };
      break;
    }
    case "rnd":
      parties = [seat, ...some(1 + randomInt(rng, 2))];
      terms = { type, sector, contribution: 1 + randomInt(rng, 4) };
      break;
  }
  const minimum = type === "loan" ? state.scenario.rules.loans.buildRounds + (terms as { grace: number }).grace + 1 : 1;
  return { terms, parties, duration: minimum + randomInt(rng, 3) };
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
