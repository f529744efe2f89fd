/**
 * Shared fixtures for the engine tests: shipped scenarios, small derived scenarios whose
 * numbers the tests read back (expected values are computed from the coefficients, never
 * copied), and short-hands for acting as a seat, the facilitator or the clock.
 */
import { expect } from "vitest";
import { getScenario, shippedScenarios } from "../../server/scenarios.ts";
import {
  apply,
  applyInput,
  createGame,
  ROLES,
  type Action,
  type ApplyResult,
  type DraftInput,
  type GameState,
  type Move,
  type Role,
  type Settings,
  type Setup,
  DraftSchema,
} from "../../shared/engine/index.ts";
import type { Scenario } from "../../shared/scenario/schema.ts";
import { say } from "../helpers/words.ts";
import { agreementById } from "../../shared/engine/world.ts";
import { dealId } from "../../shared/engine/deal-ids.ts";

export { shippedScenarios };

/** The classroom quick-start scenario, as shipped. */
export function classroom(): Scenario {
  const s = getScenario("classroom-quick");
  if (!s) throw new Error("assets/scenarios/classroom-quick.json is missing");
  return s;
}

/** A deep copy of a scenario, adjusted by `edit`. */
export function derive(base: Scenario, edit: (s: Scenario) => void = () => {}): Scenario {
  const s = structuredClone(base);
  edit(s);
  return s;
}

/**
 * Classroom quick start 2023 with the background noise switched off: no growth, no decay, no
 * tension drag, no support drift, and one event card with no effects. What changes in a
 * round is then only what the agreements under test do.
 */
export function quiet(edit: (s: Scenario) => void = () => {}): Scenario {
  return derive(classroom(), (s) => {
    const r = s.rules;
    r.production.growth = 0;
    r.production.prosperity = 0;
    r.tension.decay = 0;
    r.tension.prosperityDrag = 0;
    r.cohesion.decay = 0;
    r.support.perProsperity = 0;
    s.events = [{ ...s.events[0]!, id: "quiet-year", title: "A quiet year", effects: [], pressures: [] }];
    edit(s);
  });
}

/** Classroom quick start 2023 with China as the automated rival (a scripted actor, not a seat). */
export function withRival(base: Scenario = classroom(), edit: (s: Scenario) => void = () => {}): Scenario {
  return derive(base, (s) => {
    const cn = s.countries.find((c) => c.id === "CN")!;
    cn.control = "rival";
    s.rival = {
      country: "CN",
      accepts: ["supply", "rnd"],
      retaliation: { threshold: 0.5, sector: "minerals", rounds: 2, tension: 6 },
      loanOffer: { amount: 10, interest: 6, grace: 1, duration: 4 },
      courting: { prosperity: 2 },
      standards: { "6g": "integrated-6g", "ai-gov": "state-led" },
    };
    edit(s);
  });
}

export const ALL_ROLES: Role[] = [...ROLES];

export function seat(id: string, roles: Role[] = ALL_ROLES) {
  return { kind: "seat" as const, seat: id, roles };
}
export const FACILITATOR = { kind: "facilitator" as const };
export const SYSTEM = { kind: "system" as const };

export function act(state: GameState, actor: Action["actor"], move: Move): ApplyResult {
  return apply(state, { actor, move });
}

/** Applies and expects acceptance; returns the new state. */
export function ok(state: GameState, actor: Action["actor"], move: Move): GameState {
  const r = act(state, actor, move);
  if (!r.ok) throw new Error(`refused ${move.type}: ${r.error.code} ${r.error.text.key}`);
  return r.state;
}

/** Applies and expects a refusal with `code`; checks the state was not touched. */
export function refused(state: GameState, actor: Action["actor"], move: Move, code: string) {
  const before = JSON.stringify(state);
  const r = act(state, actor, move);
  expect(r.ok, `expected ${code}`).toBe(false);
  if (!r.ok) expect(r.error.code).toBe(code);
  expect(JSON.stringify(state)).toBe(before);
  return r;
}

/** A full draft (defaults filled in by the schema, as the server's parser would). */
export function draft(input: DraftInput) {
  return DraftSchema.parse(input);
}

export function newGame(scenario: Scenario = quiet(), settings: Partial<Settings> = {}): GameState {
  return createGame({ scenario, settings: { seed: 7, ...settings } });
}

/** A game in round 1's negotiation phase. */
export function negotiating(scenario: Scenario = quiet(), settings: Partial<Settings> = {}): GameState {
  let s = newGame(scenario, settings);
  s = ok(s, FACILITATOR, { type: "start" });
  s = ok(s, SYSTEM, { type: "advance" });
  expect(s.phase).toBe("negotiation");
  return s;
}

/** Ends negotiation: the round resolves and the game moves to review (or ends). */
export function resolve(state: GameState): GameState {
  return ok(state, SYSTEM, { type: "advance" });
}

/** From review to the next round's negotiation. */
export function nextNegotiation(state: GameState): GameState {
  let s = ok(state, SYSTEM, { type: "advance" });
  s = ok(s, SYSTEM, { type: "advance" });
  expect(s.phase).toBe("negotiation");
  return s;
}

/** Proposes as `by` and has every other listed seat sign the current revision. */
export function agree(state: GameState, by: string, input: DraftInput, signers: string[] = []): { state: GameState; id: string } {
  const id = dealId(state.settings, state.nextAgreement);
  let s = ok(state, seat(by), { type: "propose", draft: draft(input) });
  for (const p of signers) s = ok(s, seat(p), { type: "sign", agreementId: id, revision: agreementById(s, id)!.revision });
  return { state: s, id };
}

/** The change of `subject|key` recorded this round (0 when nothing changed). */
export function delta(state: GameState, subject: string, key: string): number {
  const c = state.changes[`${subject}|${key}`];
  return c ? c.to - c.from : 0;
}

/** The sum of the causes of `subject|key` whose English label starts with `prefix`. */
export function causeSum(state: GameState, subject: string, key: string, prefix: string): number {
  const c = state.changes[`${subject}|${key}`];
  return (c?.causes ?? []).filter((x) => say(x.label, state.scenario).startsWith(prefix)).reduce((sum, x) => sum + x.amount, 0);
}

/** Every recorded change's causes add up to it (every number is explained). */
export function unexplained(state: GameState): string[] {
  const bad: string[] = [];
  const lists = [Object.values(state.changes), ...state.history.map((h) => h.changes)];
  for (const list of lists)
    for (const c of list) {
      const sum = c.causes.reduce((acc, x) => acc + x.amount, 0);
      if (Math.abs(sum - (c.to - c.from)) > 0.011) bad.push(`${c.subject}|${c.key}: ${c.from} → ${c.to} but causes add up to ${sum.toFixed(3)}`);
    }
  return bad;
}

/**
 * The states a log passes through, in order: `[i, state]` with `state` what `replay(setup, log, i)`
 * (shared/engine/replay.ts) returns, for i = 0, every, 2·every, … up to the log's length. Each state
 * is reached from the one before by applying the log's next entries, as replay does from the
 * start: one pass over the log, where calling replay for each state replays its whole prefix again.
 */
export function* statesAlong(setup: Setup, log: readonly Action[], every = 1): Generator<[number, GameState]> {
  let state = createGame(setup);
  for (let i = 0; i <= log.length; i++) {
    if (i % every === 0) yield [i, state];
    if (i === log.length) break;
    const result = apply(state, log[i]!);
    if (!result.ok) throw new Error(`log entry ${i} (${log[i]!.move.type}) was refused on replay: ${result.error.code}`);
    state = result.state;
  }
}

export { applyInput };
