/**
 * Seeded self-play: hundreds of games of random legal-looking
 * actions, by seats, the facilitator and the clock, over every shipped scenario and a few
 * derived ones. After every accepted action the invariants below must hold, and at the end
 * `replay(setup, log)` must rebuild exactly the live state.
 */
import { describe, expect, it } from "vitest";
import { randomDraft, randomSeatAction } from "../../shared/bots/random-bot.ts";
import {
  AGREEMENT_STATUSES,
  COUNTRY_METRICS,
  SECTORS,
  TABLE_METRICS,
  apply,
  createGame,
  legalActions,
  nextRandom,
  randomInt,
  replay,
  seatIds,
  seedFrom,
  type Action,
  type AgreementStatus,
  type GameState,
  type Setup,
} from "../../shared/engine/index.ts";
import type { Scenario } from "../../shared/scenario/schema.ts";
import { ALL_ROLES, classroom, derive, quiet, shippedScenarios, unexplained, withRival } from "./helpers.ts";
import { agreementById } from "../../shared/engine/world.ts";

/** Where each status may go in one action (a resolution may take a deal from signed through in force to expired; a game that ends lets signed deals lapse). */
const NEXT: Record<AgreementStatus, AgreementStatus[]> = {
  proposed: ["proposed", "signed", "declined", "lapsed", "in-force", "expired"],
  signed: ["signed", "in-force", "expired", "broken", "lapsed"],
  "in-force": ["in-force", "expired", "broken", "defaulted"],
  expired: ["expired"],
  broken: ["broken"],
  defaulted: ["defaulted"],
  declined: ["declined"],
  lapsed: ["lapsed"],
};

/** `teamLines`: lines the random player posted to its team channel in games with teams on (with teams off there must be none). */
type Tally = { games: number; actions: number; refused: number; statuses: Map<string, number>; crises: number; falls: number; ended: number; teamLines: number };

function checkInvariants(prev: GameState, next: GameState, action: Action, problems: string[]) {
  const where = `v${next.version} r${next.round} ${next.phase} after ${action.actor.kind} ${action.move.type}`;
  const fail = (msg: string) => problems.push(`${where}: ${msg}`);
  if (next.version !== prev.version + 1) fail(`version ${prev.version} → ${next.version}`);
  for (const c of Object.values(next.countries)) {
    for (const m of COUNTRY_METRICS) if (!(c.metrics[m] >= 0 && c.metrics[m] <= 100)) fail(`${c.id} ${m} = ${c.metrics[m]}`);
    for (const s of SECTORS) if (!(c.sectors[s].capability >= 0 && c.sectors[s].capability <= 10)) fail(`${c.id} ${s} capability = ${c.sectors[s].capability}`);
    if (!Number.isFinite(c.capital)) fail(`${c.id} capital = ${c.capital}`);
  }
  for (const m of TABLE_METRICS) if (!(next.table[m] >= 0 && next.table[m] <= 100)) fail(`table ${m} = ${next.table[m]}`);
  for (const bad of unexplained({ ...next, history: [] })) fail(bad);
  const rival = next.scenario.rival?.country;
  const buildRounds = next.scenario.rules.loans.buildRounds;
  const financed = new Map<string, string>();
  const resolved = next.history.at(-1)?.round ?? 0;
  for (const a of next.agreements) {
    const before = agreementById(prev, a.id);
    if (!AGREEMENT_STATUSES.includes(a.status)) fail(`${a.id} has status ${a.status}`);
    if (before && !NEXT[before.status].includes(a.status)) fail(`${a.id} went ${before.status} → ${a.status}`);
    if (before && a.revision < before.revision) fail(`${a.id} revision went down`);
    if (!before && a.status !== "proposed" && a.status !== "signed" && !(a.proposedBy === rival)) fail(`${a.id} born ${a.status}`);
    if (new Set(a.signatures).size !== a.signatures.length || a.signatures.some((p) => !a.parties.includes(p))) fail(`${a.id} signatures ${a.signatures} of ${a.parties}`);
    if (a.status === "signed" && !a.parties.every((p) => a.signatures.includes(p))) fail(`${a.id} signed without every party`);
    // A game stopped mid-negotiation (crisis, facilitator) leaves that round's offers as they were.
    const open = next.phase === "negotiation" || (next.phase === "ended" && resolved < next.round);
    if (a.status === "signed" && !open) fail(`${a.id} still signed after resolution`);
    if (a.status === "proposed" && !open && a.proposedBy !== rival) fail(`${a.id} a seat's offer outlived its round`);
    if (a.status === "in-force") {
      if (a.startRound === undefined || a.endRound === undefined) fail(`${a.id} in force without rounds`);
      else if (a.endRound <= resolved) fail(`${a.id} in force past its end ${a.endRound}`);
    }
    if (a.type === "loan" && (a.built ?? 0) > buildRounds) fail(`${a.id} built ${a.built}`);
    if (a.terms.type === "loan" && ["signed", "in-force", "expired"].includes(a.status)) {
      const key = `${a.terms.recipient}|${a.terms.project}`;
      if (financed.has(key)) fail(`${key} financed twice: ${financed.get(key)} and ${a.id}`);
      financed.set(key, a.id);
    }
    if (a.status === "broken" && !a.brokenBy) fail(`${a.id} broken by nobody`);
  }
  for (const r of next.restrictions) if (next.phase === "review" && r.untilRound <= next.round) fail(`restriction ${r.id} outlived its last round`);
  if (next.phase === "ended" && prev.phase !== "ended" && !["end-game", "advance", "custom-event", "play-event", "withdraw"].includes(action.move.type)) fail(`ended by ${action.move.type}`);
}

/** A facilitator's random card with random effects. */
function randomCard(state: GameState, rng: { rng: number }): Action {
  const ids = state.scenario.countries.map((c) => c.id);
  const pick = <T>(xs: readonly T[]) => xs[randomInt(rng, xs.length)]!;
  const amount = (max: number) => Math.round((nextRandom(rng) * 2 - 1) * max);
  const effects = Array.from({ length: 1 + randomInt(rng, 3) }, () => {
    switch (randomInt(rng, 6)) {
      case 0:
        return { kind: "metric" as const, target: pick([...ids, "all", "seats"]), metric: pick(COUNTRY_METRICS), amount: amount(30) };
      case 1:
        return { kind: "table" as const, metric: pick(TABLE_METRICS), amount: amount(15) };
      case 2:
        return { kind: "capability" as const, target: pick(ids), sector: pick(SECTORS), amount: amount(3) };
      case 3:
        return { kind: "capital" as const, target: pick(ids), amount: amount(20) };
      case 4:
        return { kind: "stance" as const, target: pick(ids), stance: pick(["aligned", "leaning", "hedging", "rival-leaning", "rival"] as const) };
      default:
        return { kind: "restriction" as const, by: pick(ids), sector: pick(SECTORS), on: pick([...ids, "alliance", "seats"]), rounds: 1 + randomInt(rng, 2) };
    }
  });
  return { actor: { kind: "facilitator" }, move: { type: "custom-event", title: "Random card", text: "The facilitator improvises.", effects } };
}

/** A seat's move: mostly the random player's, sometimes an amendment (current or stale revision). */
function seatAction(state: GameState, seat: string, rng: { rng: number }): Action | null {
  const roll = nextRandom(rng);
  const open = state.agreements.filter((a) => a.status === "proposed" && a.parties.includes(seat) && a.proposedBy !== state.scenario.rival?.country);
  if (roll < 0.12 && open.length) {
    const a = open[randomInt(rng, open.length)]!;
    const fresh = randomDraft(state, seat, a.type, rng);
    const stale = nextRandom(rng) < 0.3 && a.revision > 1;
    return { actor: { kind: "seat", seat, roles: ALL_ROLES }, move: { type: "amend", agreementId: a.id, revision: stale ? a.revision - 1 : a.revision, draft: fresh } };
  }
  return randomSeatAction(state, seat, rng);
}

type Game = { setup: Setup; state: GameState; log: Action[]; problems: string[] };

function playOne(scenario: Scenario, seed: number, tally: Tally): Game {
  const setup: Setup = { scenario, settings: { seed, teams: seed % 2 === 0, facilitatorReadsPrivate: seed % 3 === 0 } };
  let state = createGame(setup);
  const log: Action[] = [];
  const problems: string[] = [];
  const scenarioBefore = JSON.stringify(scenario);
  const rng = { rng: seedFrom(`self-play:${seed}`) };
  const step = (action: Action): boolean => {
    // The scenario is shared by every state and checked once a game; the rest is checked often.
    const fingerprint = log.length % 24 === 0 ? JSON.stringify({ ...state, scenario: null }) : undefined;
    let result;
    try {
      result = apply(state, action);
    } catch (err) {
      problems.push(`apply threw on ${action.move.type}: ${(err as Error).stack}`);
      return false;
    }
    if (fingerprint !== undefined && JSON.stringify({ ...state, scenario: null }) !== fingerprint) problems.push(`apply changed the state it was given (${action.move.type})`);
    if (!result.ok) {
      tally.refused++;
      if (!/^(rule|input)\//.test(result.error.code) || !result.error.text?.key) problems.push(`bad refusal ${JSON.stringify(result.error)}`);
      if (action.move.type === "amend" && agreementById(state, action.move.agreementId)!.revision !== action.move.revision && result.error.code !== "rule/stale_revision")
        problems.push(`a stale amendment was refused with ${result.error.code}`);
      return false;
    }
    if (action.move.type === "amend" && agreementById(state, action.move.agreementId)!.revision !== action.move.revision) problems.push("a stale amendment was accepted");
    checkInvariants(state, result.state, action, problems);
    state = result.state;
    log.push(action);
    tally.actions++;
    return true;
  };
  step({ actor: { kind: "facilitator" }, move: { type: "start" } });
  const seats = seatIds(state);
  let guard = 0;
  // A function, so TypeScript does not narrow the phase across `step`, which replaces the state.
  const over = () => state.phase === "ended";
  while (!over() && guard++ < 200) {
    if (state.phase === "negotiation") {
      // Everything the engine lists as legal for a seat must be accepted.
      const probe = seats[randomInt(rng, seats.length)]!;
      for (const a of legalActions(state, { kind: "seat", seat: probe, roles: ALL_ROLES }).actions) {
        const r = apply(state, a);
        if (!r.ok) problems.push(`legalActions listed ${a.move.type} ${"agreementId" in a.move ? a.move.agreementId : ""} for ${probe}, refused: ${r.error.code}`);
      }
      for (let turn = 0; turn < 3 && state.phase === "negotiation"; turn++) {
        for (const seat of seats) {
          if (state.phase !== "negotiation") break;
          const action = seatAction(state, seat, rng);
          if (action) step(action);
        }
        if (nextRandom(rng) < 0.15) step(randomCard(state, rng));
      }
    }
    if (state.phase === "event" && nextRandom(rng) < 0.1 && state.deck.length) step({ actor: { kind: "facilitator" }, move: { type: "play-event", cardId: state.deck[randomInt(rng, state.deck.length)]! } });
    if (!over()) step({ actor: nextRandom(rng) < 0.8 ? { kind: "system" } : { kind: "facilitator" }, move: { type: "advance" } });
  }
  if (!over()) problems.push("the game did not end");
  if (JSON.stringify(scenario) !== scenarioBefore) problems.push("the game changed its scenario");
  tally.games++;
  tally.ended++;
  if (state.crisis) tally.crises++;
  tally.falls += Object.values(state.countries).reduce((sum, c) => sum + c.falls, 0);
  for (const a of state.agreements) tally.statuses.set(`${a.type}:${a.status}`, (tally.statuses.get(`${a.type}:${a.status}`) ?? 0) + 1);
  // With teams off nobody reads a team channel (views.ts `channelUnused`): the legal list must not lead a player to write there.
  const teamLines = state.messages.filter((m) => state.channels[m.channel]?.kind === "team").length;
  if (state.settings.teams) tally.teamLines += teamLines;
  else if (teamLines) problems.push(`${teamLines} lines posted to team channels with teams off`);
  problems.push(...unexplained(state));
  return { setup, state, log, problems };
}

const worlds: [string, Scenario, number][] = [
  ...[...shippedScenarios().values()].map((s) => [s.id, s, 0] as [string, Scenario, number]),
  ["classroom-quick with an automated rival", withRival(), 0],
  ["classroom-quick, crisis-prone", derive(withRival(), (s) => ((s.rules.tension.crisisAt = 60), (s.table.tension = 52))), 0],
  ["classroom-quick, fragile governments", derive(classroom(), (s) => s.countries.forEach((c) => (c.metrics.support = 12))), 0],
  ["classroom-quick, quiet, risky loans", quiet((s) => ((s.rules.loans.defaultRiskPerPoint = 0.3), (s.rules.loans.buildRounds = 1))), 0],
];
/** About the same amount of work per world: fewer games where there are many seats and rounds (classroom-quick: 6 × 4, 60 games). */
for (const w of worlds) w[2] = Math.max(15, Math.round(1440 / (w[1].countries.filter((c) => c.control === "seat").length * w[1].rounds)));

describe("seeded self-play", () => {
  const tally: Tally = { games: 0, actions: 0, refused: 0, statuses: new Map(), crises: 0, falls: 0, ended: 0, teamLines: 0 };

  it.each(worlds)("%s: invariants hold and replay rebuilds the live state", (_name, scenario, games) => {
    for (let seed = 1; seed <= games; seed++) {
      const game = playOne(scenario, seed, tally);
      expect(game.problems.slice(0, 5), `seed ${seed}`).toEqual([]);
      const replayed = replay(game.setup, game.log);
      // Compare as JSON first (fast); on a difference let vitest show it.
      if (JSON.stringify(replayed) !== JSON.stringify(game.state)) expect(replayed, `replay of seed ${seed}`).toEqual(game.state);
      // A prefix replays too (the server restores a game from its log).
      const half = Math.floor(game.log.length / 2);
      expect(replay(game.setup, game.log, half).version).toBe(half);
    }
  });

  it("played enough to mean something", () => {
    expect(tally.games).toBeGreaterThanOrEqual(300);
    expect(tally.actions).toBeGreaterThanOrEqual(20_000);
    // Every agreement type took force somewhere, and every way an agreement ends happened.
    for (const type of ["export-control", "screening", "supply", "loan", "alignment", "standards", "rnd"])
      expect([...tally.statuses.keys()].some((k) => k === `${type}:in-force` || k === `${type}:expired`), type).toBe(true);
    for (const status of ["expired", "broken", "defaulted", "declined", "lapsed"]) expect([...tally.statuses.keys()].some((k) => k.endsWith(`:${status}`)), status).toBe(true);
    expect(tally.crises).toBeGreaterThan(0);
    expect(tally.falls).toBeGreaterThan(0);
    // With teams on the random player does write in its team channel, so its silence there with teams off is the rule's doing.
    expect(tally.teamLines).toBeGreaterThan(0);
    console.log(`self-play: ${tally.games} games, ${tally.actions} accepted actions, ${tally.refused} refused, ${tally.crises} crises, ${tally.falls} falls`);
  });
});
