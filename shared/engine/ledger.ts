/**
 * Every change of every number goes through `bump`, which records its cause. The causes of a
 * change always add up to it: when a metric hits its bounds, the clipped part is recorded as a
 * cause of its own ("limit").
 */
import { SECTORS, type CountryMetric, type Sector, type TableMetric } from "./vocabulary.ts";
import type { GameState } from "./types.ts";
import { sameText, text, type Text } from "./text.ts";
import { r2 } from "./world.ts";

const CAPABILITY_KEY = Object.fromEntries(SECTORS.map((s) => [s, `capability:${s}`])) as Record<Sector, string>;

/**
 * The changes a step's state made or copied itself. `cloneState` shares the `changes` record
 * and its changes with the state before (most steps that clone record nothing: a review's end
 * starts the next round's record afresh); a step copies the record when it first records, and
 * a change the first time it writes to it.
 */
const ownChanges = new WeakMap<GameState, Set<string>>();

/** `subject|key` strings, made once: the ledger looks changes up by them thousands of times a game. */
const ids = new Map<string, Map<string, string>>();
function changeId(subject: string, key: string): string {
  let bySubject = ids.get(subject);
  if (!bySubject) {
    if (ids.size > 1000) ids.clear(); // a bound, whatever scenarios a server loads
    ids.set(subject, (bySubject = new Map()));
  }
  let id = bySubject.get(key);
  if (id === undefined) bySubject.set(key, (id = `${subject}|${key}`));
  return id;
}

function record(state: GameState, subject: string, key: string, from: number, to: number, label: Text, amount: number) {
  const id = changeId(subject, key);
  let own = ownChanges.get(state);
  if (!own) {
    state.changes = { ...state.changes };
    ownChanges.set(state, (own = new Set()));
  }
  let change = state.changes[id];
  if (!change) {
    change = { subject, key, from, to: from, causes: [] };
    state.changes[id] = change;
    own.add(id);
  } else if (!own.has(id)) {
    change = { ...change, causes: change.causes.map((c) => ({ ...c })) };
    state.changes[id] = change;
    own.add(id);
  }
  const causes = change.causes;
  let i = 0;
  while (i < causes.length && !sameText(causes[i]!.label, label)) i++;
  if (i < causes.length) causes[i]!.amount = r2(causes[i]!.amount + amount);
  else causes.push({ label, amount: r2(amount) });
  change.to = to;
}

function settle(state: GameState, subject: string, key: string, from: number, raw: number, label: Text, lo: number, hi: number): number {
  const wanted = r2(raw);
  const to = Math.min(hi, Math.max(lo, wanted));
  if (wanted === from) return from;
  record(state, subject, key, from, wanted, label, wanted - from);
  if (to !== wanted) record(state, subject, key, wanted, to, text("cause.limit", { lo, hi }), to - wanted);
  return to;
}

/** Changes a country's 0–100 metric by `amount` because of `label`. */
export function bumpMetric(state: GameState, country: string, metric: CountryMetric, amount: number, label: Text) {
  const c = state.countries[country];
  if (!c || amount === 0) return;
  c.metrics[metric] = settle(state, country, metric, c.metrics[metric], c.metrics[metric] + amount, label, 0, 100);
}

/** Changes a table metric (cohesion, resilience, divide, tension) by `amount`. */
export function bumpTable(state: GameState, metric: TableMetric, amount: number, label: Text) {
  if (amount === 0) return;
  state.table[metric] = settle(state, "table", metric, state.table[metric], state.table[metric] + amount, label, 0, 100);
}

/** Changes a country's capability (0–10) in a sector. */
export function bumpCapability(state: GameState, country: string, sector: Sector, amount: number, label: Text) {
  const c = state.countries[country];
  if (!c || amount === 0) return;
  const s = c.sectors[sector];
  s.capability = settle(state, country, CAPABILITY_KEY[sector], s.capability, s.capability + amount, label, 0, 10);
}

/**
 * Moves capital. Signing checks one round's budget only (agreements/index.ts `checkBudget`): the
 * payments of deals in force (a buyer's supply payments, R&D contributions, a loan's financing
 * and repayments) and event cards go on at every resolution and can push a country below zero
 * (debt), with no penalty but 0 points for it at the end (docs/RULES.md, "Paying for deals").
 */
export function bumpCapital(state: GameState, country: string, amount: number, label: Text) {
  const c = state.countries[country];
  if (!c || amount === 0) return;
  c.capital = settle(state, country, "capital", c.capital, c.capital + amount, label, -1000, 100000);
}

