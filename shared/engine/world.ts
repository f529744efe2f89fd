/**
 * Small reads and writes on the game state that the round's resolution and the agreement
 * modules share: names for sentences, the deals in force, an agreement's history, the news.
 */
import type { Agreement, AgreementStep, GameState, NewsItem } from "./types.ts";
import { STANCES, type Stance } from "./vocabulary.ts";
import type { Text } from "./text.ts";
import type { Rules } from "../scenario/schema.ts";

export const pct = (x: number) => Math.round(x * 100);

/**
 * Whether a country signs a deal of `terms` it is named in, where it is automated (docs/RULES.md
 * §1): a developing partner signs only a loan made to it (§4.4), the rival only the types its
 * script accepts (§7); a seat decides for itself. The one rule the resolution's automated
 * replies and the bots' offers both follow.
 */
export function automatedSigns(control: "seat" | "rival" | "partner", rival: { accepts: readonly string[] } | undefined, seat: string, terms: { type: string; recipient?: string }): boolean {
  if (control === "seat") return true;
  if (control === "partner") return terms.type === "loan" && terms.recipient === seat;
  return !!rival?.accepts.includes(terms.type);
}
export const r1 = (x: number) => Math.round(x * 10) / 10;
/** To the cent, as the ledger records a change (shared/engine/ledger.ts) and the preview shows it. */
export const r2 = (x: number) => Math.round(x * 100) / 100;

export function countryName(state: Pick<GameState, "scenario">, id: string): string {
  return state.scenario.countries.find((c) => c.id === id)?.name ?? (id === "outside" ? "everyone outside" : id);
}
export const names = (state: Pick<GameState, "scenario">, ids: string[]) => ids.map((id) => countryName(state, id)).join(", ");
export const dataOf = (state: GameState, id: string) => state.scenario.countries.find((c) => c.id === id)!;

/**
 * The agreement with this id. Deals are listed in the order they were proposed; in a game with
 * counted ids (./deal-ids.ts, edition 1) `A<n>` is the n-th, so it is found at its place; other
 * ids, and a list that lost a deal (a preview's world without one offer), are searched.
 */
export function agreementById(state: Pick<GameState, "agreements">, id: string): Agreement | undefined {
  const list = state.agreements;
  return list[agreementIndex(list, id)];
}

/**
 * A deal's place in the order deals were made, in a list of them as the engine keeps it and as a
 * view lists them (./views.ts, shared/protocol/view.ts): earlier deals come first. Ids say
 * nothing of it (./deal-ids.ts). -1 for a deal not in the list.
 */
export function madeOrder(list: readonly Pick<Agreement, "id">[]): (id: string) => number {
  let at = ORDERS.get(list);
  if (!at) ORDERS.set(list, (at = new Map(list.map((a, i) => [a.id, i]))));
  const found = at;
  return (id) => found.get(id) ?? -1;
}
const ORDERS = new WeakMap<readonly Pick<Agreement, "id">[], Map<string, number>>();

/** Where the deal `id` is in a list (-1: not there). */
export function agreementIndex(list: readonly Agreement[], id: string): number {
  const at = Number(id.slice(1)) - 1;
  return list[at]?.id === id ? at : list.findIndex((a) => a.id === id);
}

/** An offer that waits on `seat`: proposed, naming it, and not yet signed by it. */
export const waitsOn = (a: Pick<Agreement, "status" | "parties" | "signatures">, seat: string) => a.status === "proposed" && a.parties.includes(seat) && !a.signatures.includes(seat);

/** Adds an agreement, or replaces the one with its id, in a list the step owns. */
export function addAgreement(state: GameState, a: Agreement) {
  const list = state.agreements;
  const i = agreementIndex(list, a.id);
  if (i >= 0) list[i] = a;
  else list.push(a);
}

export function inForce(state: GameState, type?: Agreement["type"]): Agreement[] {
  return state.agreements.filter((a) => a.status === "in-force" && (!type || a.type === type));
}

export function addStep(state: GameState, a: Agreement, what: AgreementStep["what"], by?: string) {
  a.steps.push({ round: state.round, phase: state.phase, what, revision: a.revision, ...(by ? { by } : {}) });
}

export function news(state: GameState, kind: NewsItem["kind"], said: Text) {
  state.news.push({ round: state.round, phase: state.phase, kind, text: said });
}

/**
 * Whether every one of `ids` is in one investment-screening pact in force (the trusted-investor
 * bonus, the food chain's exception): the engine asks it of the state's deals, bots of their view's.
 */
export function inScreeningPact(agreements: readonly Pick<Agreement, "type" | "parties" | "status">[], ids: readonly string[]): boolean {
  // Loops, not closures: bots ask this for every supply and R&D draft they value.
  for (const a of agreements) if (a.type === "screening" && a.status === "in-force" && includesAll(a.parties, ids)) return true;
  return false;
}

/**
 * The screening pact's bonus to co-investment and joint research among `ids` (docs/RULES.md
 * §4.2): `screening.jvBonus` when they are all in one pact in force, else 1.
 */
export function jvBonus(rules: Pick<Rules, "screening">, agreements: readonly Pick<Agreement, "type" | "parties" | "status">[], ids: readonly string[]): number {
  return inScreeningPact(agreements, ids) ? rules.screening.jvBonus : 1;
}

function includesAll(list: readonly string[], items: readonly string[]): boolean {
  for (const x of items) if (!list.includes(x)) return false;
  return true;
}

/** A stance moved `steps` toward a bloc's camp. */
export function stanceToward(stance: Stance, bloc: string, steps: number): Stance {
  const i = STANCES.indexOf(stance);
  const dir = bloc === "rival" ? 1 : -1;
  return STANCES[Math.max(0, Math.min(STANCES.length - 1, i + dir * steps))]!;
}

/**
 * A country's trade exposure to the other camp: the rival's, or everyone else's for the rival's
 * camp. Tension chills that trade (docs/RULES.md §5, drift).
 */
export function exposureToOtherCamp(bloc: string, exposure: Record<string, number>, countries: Iterable<{ id: string; bloc: string }>): number {
  let sum = 0;
  for (const o of countries) if (bloc === "rival" ? o.bloc !== "rival" : o.bloc === "rival") sum += exposure[o.id] ?? 0;
  return sum;
}

/**
 * A country's raw shortage a round in a sector (docs/RULES.md §6), before supply covers any:
 * `cut` is the chokepoint share of those cutting it off, `own` its own share. The round's
 * shortages and the bots' projections of bans and controls read it.
 */
export const rawShortageOf = (cut: number, own: number): number => 10 * Math.min(1, cut) * (1 - own);

/** Prosperity a round that `tension` costs a country with this exposure to the other camp. */
export const tradeChill = (rules: Rules, tension: number, exposure: number) => ((rules.tension.prosperityDrag * tension) / 100) * exposure;
