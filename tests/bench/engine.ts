/**
 * Engine figures, in this process: replay of a whole bot-played game, one round's
 * resolution, a preview, the server's sync work (computeSections) and bot-only games per
 * second. Each timing repeats for a fixed time and reports the median and p90 of CPU time.
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import type { Action } from "../../shared/engine/actions.ts";
import { apply } from "../../shared/engine/apply.ts";
import { preview } from "../../shared/engine/preview.ts";
import { replay } from "../../shared/engine/replay.ts";
import { createGame, seatIds } from "../../shared/engine/setup.ts";
import type { GameState, Setup } from "../../shared/engine/types.ts";
import { playGame } from "../../shared/bots/game-loop.ts";
import { computeSections, JsonCache } from "../../shared/protocol/sections.ts";
import type { Scenario } from "../../shared/scenario/schema.ts";

export type Timing = { median: number; p90: number; runs: number };

// A full collection before each timing: a bot game leaves a large heap, and the collector's
// work on it (on helper threads too, which process.cpuUsage counts) landed in the first timing.
setFlagsFromString("--expose-gc");
const collectGarbage = runInNewContext("gc") as () => void;

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/**
 * Runs `fn` for about `seconds` of this process's CPU time (at least 5 times; at most ten times
 * `seconds` of wall-clock time) and reports the CPU milliseconds per call (microsecond
 * resolution): on a machine shared with other work, wall-clock time measures the scheduler as
 * much as the code. Warm-up calls first (as much CPU time again, at least 10 calls), so the figures are
 * those of the optimized code a running server has, not of the first calls; with a wall-clock
 * budget a loaded machine left only a few calls, most of them still unoptimized.
 */
export function time(seconds: number, fn: (i: number) => void, warmSeconds = seconds): Timing {
  collectGarbage();
  const warm = cpuMs();
  const warmUntil = performance.now() + warmSeconds * 10_000;
  for (let k = 0; k < 10 || (cpuMs() - warm < warmSeconds * 1000 && performance.now() < warmUntil); k++) fn(1_000_000 + k);
  const samples: number[] = [];
  const start = cpuMs();
  const until = performance.now() + seconds * 10_000;
  for (let i = 0; samples.length < 5 || (cpuMs() - start < seconds * 1000 && performance.now() < until); i++) {
    const t = cpuMs();
    fn(i);
    samples.push(cpuMs() - t);
  }
  samples.sort((a, b) => a - b);
  return { median: samples[Math.floor(samples.length / 2)]!, p90: samples[Math.floor(samples.length * 0.9)]!, runs: samples.length };
}

/**
 * The settings a bot game is stored with to be restored part-played, without bots and with
 * clocks that do not run out while it is measured: the same for the bench's late joins
 * (tests/bench/load/joins.ts) and tests/server/late-join.test.ts, so their figures are the same
 * game's. The seed is the bot game's.
 */
export const RESTORED_SETTINGS = { bots: false, teams: false, facilitatorReadsPrivate: false, channels: "open", quickStart: false, eventSeconds: 600, negotiationSeconds: 7200, reviewSeconds: 600, reconnectSeconds: 60 } as const;

/** `lastNegotiation`: the actions up to its start; `lastNegotiationEnd`: up to its last move, before the round resolves. */
type BotGameFixture = { setup: Setup; log: Action[]; lastNegotiation: number; lastNegotiationEnd: number };
const played = new Map<string, BotGameFixture>();

/**
 * A whole bot-played game of a scenario (seed "bench"), and where its last negotiation
 * begins (the largest state people play in). Played once per run: bots take seconds a game.
 */
export function botGame(scenario: Scenario): BotGameFixture {
  const known = played.get(scenario.id);
  if (known) return known;
  const seed = "bench";
  const setup: Setup = { scenario, settings: { seed } };
  const { log } = playGame(setup, {});
  let state = createGame(setup);
  let lastNegotiation = 0;
  let lastNegotiationEnd = 0;
  log.forEach((action, i) => {
    const r = apply(state, action);
    if (!r.ok) throw new Error(`bot log refused at ${i}`);
    if (state.phase !== "negotiation" && r.state.phase === "negotiation") lastNegotiation = i + 1;
    if (state.phase === "negotiation" && r.state.phase !== "negotiation") lastNegotiationEnd = i;
    state = r.state;
  });
  const fixture = { setup, log, lastNegotiation, lastNegotiationEnd };
  played.set(scenario.id, fixture);
  return fixture;
}

export type EngineFigures = {
  scenario: string;
  actions: number;
  replay: Timing;
  applyMicros: number;
  resolution: Timing;
  preview: Timing;
  previewRepeat: Timing;
  /** computeSections from nothing (a new room), and again with the JSON it kept (the server after a move). */
  sections: Timing;
  sectionsWarm: Timing;
};

export function engineFigures(id: string, scenario: Scenario, seconds: number): EngineFigures {
  const { setup, log, lastNegotiation } = botGame(scenario);
  // The first timing of a process warms the engine's code for the others: the optimizing
  // compiler was still improving replay after a second of it (15 ms, then 8 in the same process).
  const replayTiming = time(seconds, () => replay(setup, log), 3 * seconds);
  const state: GameState = replay(setup, log, lastNegotiation);
  const seats = seatIds(state);
  const seat = seats[0]!;
  const other = seats[1]!;
  const draft = (n: number) => ({ terms: { type: "rnd" as const, sector: "ai" as const, contribution: 1 + (n % 7) }, parties: [seat, other], duration: 2 });
  const advance: Action = { actor: { kind: "system" }, move: { type: "advance" } };
  const warm = new JsonCache();
  return {
    scenario: id,
    actions: log.length,
    replay: replayTiming,
    applyMicros: (replayTiming.median * 1000) / log.length,
    resolution: time(seconds, () => apply(state, advance)),
    // A new draft each call (a state version + draft cache cannot answer it), then the same one again.
    preview: time(seconds, (i) => preview({ ...state, version: state.version + 1000 + i }, seat, { draft: draft(i) })),
    previewRepeat: time(seconds, () => preview(state, seat, { draft: draft(0) })),
    sections: time(seconds, () => computeSections(state)),
    // The server's path after a move that changed no country or deal: their JSON is kept.
    sectionsWarm: time(seconds, () => computeSections(state, {}, warm)),
  };
}

export type BotSpeed = {
  scenario: string;
  seats: number;
  botGamesPerSecond: number;
  botMsPerGame: number;
  randomGamesPerSecond: number;
  randomMsPerGame: number;
  /** The games played, and their CPU seconds, before the measured ones (see `warmUp`). */
  botWarmUp: WarmUp;
  randomWarmUp: WarmUp;
};
type WarmUp = { games: number; seconds: number };

/** Warming stops after this much CPU even if games still get faster. */
const MAX_WARM_UP_SECONDS = 40;

/**
 * Plays games in batches of about two seconds of CPU until they stop getting faster: three
 * batches in a row no more than 5% faster a game than the fastest batch before them. A fresh process
 * plays bot games two to four times slower than a warmed one and keeps getting faster for
 * hundreds of games (docs/BALANCE.md, Speed): measured after a single game, the figure was
 * mostly the warm-up.
 */
function warmUp(play: (seed: string) => void): WarmUp {
  const cpu0 = cpuMs();
  let games = 0;
  let best = Infinity;
  let flat = 0;
  while (flat < 3 && cpuMs() - cpu0 < MAX_WARM_UP_SECONDS * 1000) {
    const start = cpuMs();
    let n = 0;
    while (n < 1 || cpuMs() - start < 2000) play(`warm-up:${games + n++}`);
    games += n;
    const perGame = (cpuMs() - start) / n;
    flat = perGame < best * 0.95 ? 0 : flat + 1;
    best = Math.min(best, perGame);
  }
  return { games, seconds: (cpuMs() - cpu0) / 1000 };
}

/** Games per second of this process's CPU time (on a shared machine, wall-clock time measures the other work too), once warmed. */
function gamesPerSecond(seconds: number, play: (seed: string) => void): { perSecond: number; msPerGame: number; warmUp: WarmUp } {
  const warmed = warmUp(play);
  collectGarbage();
  const start = performance.now();
  const cpu0 = cpuMs();
  let games = 0;
  while (games < 3 || performance.now() - start < seconds * 1000) play(`bench:${games++}`);
  const ms = cpuMs() - cpu0;
  return { perSecond: (games * 1000) / ms, msPerGame: ms / games, warmUp: warmed };
}

/** Bot-only games per second: the negotiating bots, and the random legal-action player (the engine's speed alone). */
export function botSpeed(id: string, scenario: Scenario, seconds: number): BotSpeed {
  const b = gamesPerSecond(seconds, (seed) => void playGame({ scenario, settings: { seed } }, {}));
  const r = gamesPerSecond(seconds, (seed) => void playGame({ scenario, settings: { seed } }, {}, { others: { kind: "random" }, movesPerSeat: 4 }));
  return {
    scenario: id,
    seats: scenario.countries.filter((c) => c.control === "seat").length,
    botGamesPerSecond: b.perSecond,
    botMsPerGame: b.msPerGame,
    randomGamesPerSecond: r.perSecond,
    randomMsPerGame: r.msPerGame,
    botWarmUp: b.warmUp,
    randomWarmUp: r.warmUp,
  };
}
