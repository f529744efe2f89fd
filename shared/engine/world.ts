/**
 * Small reads and writes on the game state that the round's resolution and the agreement
 * modules share: names for sentences, the deals in force, an agreement's history, the news.
 */
import type { Agreement, AgreementStep, GameState, NewsItem } from "./types.ts";
import { STANCES, type Stance } from "./vocabulary.ts";
import type { Text } from "./text.ts";

export const pct = (x: number) => Math.round(x * 100);
export const r1 = (x: number) => Math.round(x * 10) / 10;

export function countryName(state: Pick<GameState, "scenario">, id: string): string {
  return state.scenario.countries.find((c) => c.id === id)?.name ?? (id === "outside" ? "everyone outside" : id);
}
export const names = (state: Pick<GameState, "scenario">, ids: string[]) => ids.map((id) => countryName(state, id)).join(", ");
export const dataOf = (state: GameState, id: string) => state.scenario.countries.find((c) => c.id === id)!;

/**
 * Lists of the agreements records listed during one engine call (`listingAgreements`). A
 * resolution lists the deals dozens of times, and `Object.values` of a record that grew key by
 * key (V8 keeps it as a hash table) costs tens of microseconds each time. Kept only while the
 * call runs: a record is never changed after it is listed, except through `addAgreement`, and
 * tests may change states between calls.
 */
let lists: WeakMap<GameState["agreements"], Agreement[]> | null = null;

/** Runs `fn` with the agreements' lists kept (an engine call: apply, a preview). */
export function listingAgreements<T>(fn: () => T): T {
  if (lists) return fn();
  lists = new WeakMap();
  try {
    return fn();
  } finally {
    lists = null;
  }
}

/** Every agreement, in the record's order. The array is shared: never change it. */
export function agreementList(state: Pick<GameState, "agreements">): readonly Agreement[] {
  if (!lists) return Object.values(state.agreements);
  let list = lists.get(state.agreements);
  if (!list) lists.set(state.agreements, (list = Object.values(state.agreements)));
  return list;
}

/** Adds (or replaces) an agreement in a record the step owns, forgetting the record's list. */
export function addAgreement(state: GameState, a: Agreement) {
  state.agreements[a.id] = a;
  lists?.delete(state.agreements);
}

export function inForce(state: GameState, type?: Agreement["type"]): Agreement[] {
  return agreementList(state).filter((a) => a.status === "in-force" && (!type || a.type === type));
}

export function addStep(state: GameState, a: Agreement, what: AgreementStep["what"], by?: string) {
  a.steps.push({ round: state.round, phase: state.phase, what, revision: a.revision, ...(by ? { by } : {}) });
}

export function news(state: GameState, kind: NewsItem["kind"], said: Text) {
  state.news.push({ round: state.round, phase: state.phase, kind, text: said });
}

/** Whether every one of `ids` is in one investment-screening pact in force. */
export function sharesScreening(state: GameState, ids: string[]): boolean {
  return inForce(state, "screening").some((s) => ids.every((id) => s.parties.includes(id)));
}

/** A stance moved `steps` toward a bloc's camp. */
export function stanceToward(stance: Stance, bloc: string, steps: number): Stance {
  const i = STANCES.indexOf(stance);
  const dir = bloc === "rival" ? 1 : -1;
  return STANCES[Math.max(0, Math.min(STANCES.length - 1, i + dir * steps))]!;
}
