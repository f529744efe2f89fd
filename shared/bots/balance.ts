/**
 * The balance lab: plays bot-only games and reports what the rules reward — how often
 * the table meets its shared targets, each country's score distribution and how often it
 * finishes first, how often and how much breaking an agreement paid (measured against the same
 * game replayed with the defector keeping its word), agreements by type and fate, and game length.
 *
 * Mixes: `cooperative` (every seat plays its personality cooperatively: counts the shared stake,
 * keeps its word), `selfish` (counts only its own score, breaks its word when that pays),
 * `mixed` (each game, each seat draws one of the five personalities), `scenario` (the
 * personalities the scenario sets), `random` (the random legal-action player), or a PATTERN:
 * comma-separated entries, either `SEAT=kind` or positional kinds in seat order, where a kind
 * is a personality, `cooperative`, `selfish`, `random`, or `personality+strategy`
 * (e.g. `hawk+selfish`); unnamed seats keep the scenario's personality.
 */
import { againstPar, computeScores, tableOutcome } from "../engine/scoring.ts";
import { randomInt, seedFrom } from "../engine/rng.ts";
import type { GameState } from "../engine/types.ts";
import { PERSONALITIES, type Personality } from "../engine/vocabulary.ts";
import { AGREEMENT_TYPES, type AgreementType } from "../engine/agreements/index.ts";
import type { Scenario } from "../scenario/schema.ts";
import { isPersonality, STRATEGIES, type Strategy } from "./personality.ts";
import { playGame, type SeatPlayer } from "./game-loop.ts";

export type Mix = string;

export type LabOptions = {
  games: number;
  mix?: Mix;
  seed: number | string;
  /**
   * Measure defection against replays (default on): each game is replayed with one seat (in
   * turn) playing selfishly, and with it playing cooperatively, all else equal; and games where
   * a seat broke an agreement are replayed with that seat keeping its word.
   */
  counterfactuals?: boolean;
};

export type CountryStats = {
  id: string;
  name: string;
  seat: boolean;
  mean: number;
  sd: number;
  min: number;
  p10: number;
  median: number;
  p90: number;
  max: number;
  /** Share of games in which it finished first among the seats. */
  first: number;
  /** Personalities it played (mixed tables). */
  personalities: Record<string, number>;
  /** Its par (the scenario's expected score), and the share of games in which it beat it. */
  par?: number;
  beatPar?: number;
};

export type Fates = { proposed: number; tookForce: number; declined: number; lapsed: number; broken: number; defaulted: number };

/** A defection measured against the same game without it: who gained, and did the table. */
export type Comparison = {
  /** Pairs compared. */
  measured: number;
  /** Share of pairs in which the defector scored more by defecting. */
  paidDefector: number;
  meanGainDefector: number;
  /** Standard errors of `paidDefector` and `meanGainDefector` (the spread of the two figures over the pairs measured). */
  sePaidDefector: number;
  seGainDefector: number;
  /** Share of pairs in which the other seats together scored more. */
  paidOthers: number;
  meanGainOthers: number;
  /** Share of pairs in which the whole table (all seats) scored more. */
  paidTable: number;
  meanGainTable: number;
  /** Table-outcome rate with the defection, and without it. */
  metWith: number;
  metWithout: number;
};

export type DefectionStats = {
  /**
   * Unilateral defection: one seat plays selfishly (counts only its own score, breaks its word
   * when that pays) instead of cooperatively, the rest of the table and the seed unchanged.
   */
  unilateral: Comparison;
  /** Breaking agreements: games where a seat withdrew, against a replay where it kept its word. */
  games: number;
  withdrawals: number;
  broken: Comparison;
};

export type LabReport = {
  scenario: string;
  mix: Mix;
  games: number;
  seed: number | string;
  outcome: { met: number; targets: { text: string; met: number }[]; crisis: number };
  /** Mean table metrics at the end. */
  table: Record<string, number>;
  length: { rounds: { mean: number; min: number; max: number }; actions: number; crisis: number };
  countries: CountryStats[];
  agreements: Record<AgreementType, Fates>;
  defection: DefectionStats;
  /** Share of games won by a seat playing each personality (mixed tables), per game played with it. */
  firstByPersonality?: Record<string, number>;
  /** Whether each balance target (docs/BALANCE.md) holds for this mix (where it applies). */
  checks: { name: string; ok: boolean; detail: string }[];
};

type SeatKind = { kind: "random" } | { kind: "bot"; personality?: Personality; strategy?: Strategy };

function parseKind(token: string): SeatKind {
  const t = token.trim();
  if (t === "random") return { kind: "random" };
  const [a, b] = t.split("+") as [string, string | undefined];
  const out: SeatKind = { kind: "bot" };
  for (const x of [a, b]) {
    if (!x) continue;
    if (isPersonality(x)) out.personality = x;
    else if ((STRATEGIES as readonly string[]).includes(x)) out.strategy = x as Strategy;
    else if (x !== "scenario") throw new Error(`unknown player kind "${x}" (a personality, cooperative, selfish, random or scenario)`);
  }
  return out;
}

/** Validates a mix name or pattern against a scenario; returns an error sentence or null. */
export function checkMix(scenario: Scenario, mix: Mix): string | null {
  try {
    playersFor(scenario, mix, 0);
    return null;
  } catch (err) {
    return (err as Error).message;
  }
}

/** Each seat's player for one game of a mix. */
export function playersFor(scenario: Scenario, mix: Mix, game: number | string): Record<string, SeatKind> {
  const seats = scenario.countries.filter((c) => c.control === "seat").map((c) => c.id);
  const out: Record<string, SeatKind> = {};
  switch (mix) {
    case "random":
      for (const s of seats) out[s] = { kind: "random" };
      return out;
    case "cooperative":
    case "selfish":
      for (const s of seats) out[s] = { kind: "bot", strategy: mix };
      return out;
    case "scenario":
      for (const s of seats) out[s] = { kind: "bot" };
      return out;
    case "mixed": {
      const rng = { rng: seedFrom(`mix:${game}`) };
      for (const s of seats) out[s] = { kind: "bot", personality: PERSONALITIES[randomInt(rng, PERSONALITIES.length)]! };
      return out;
    }
  }
  const entries = mix.split(",").map((x) => x.trim()).filter(Boolean);
  if (!entries.length) throw new Error("an empty mix");
  for (const s of seats) out[s] = { kind: "bot" };
  entries.forEach((e, i) => {
    if (e.includes("=")) {
      const [seat, kind] = e.split("=") as [string, string];
      if (!seats.includes(seat)) throw new Error(`"${seat}" is not a seat of ${scenario.id} (seats: ${seats.join(", ")})`);
      out[seat] = parseKind(kind);
    } else {
      if (i >= seats.length) throw new Error(`the mix names ${entries.length} players for ${seats.length} seats`);
      out[seats[i]!] = parseKind(e);
    }
  });
  return out;
}

function toPlayers(kinds: Record<string, SeatKind>, keepWord?: string): Record<string, SeatPlayer> {
  const out: Record<string, SeatPlayer> = {};
  for (const [seat, k] of Object.entries(kinds)) {
    if (k.kind === "random") out[seat] = { kind: "random" };
    else
      out[seat] = {
        kind: "bot",
        options: { ...(k.personality ? { personality: k.personality } : {}), ...(k.strategy ? { strategy: k.strategy } : {}), ...(seat === keepWord ? { mayBreak: false } : {}) },
      };
  }
  return out;
}

export type GameRecord = {
  seed: string;
  met: boolean;
  targets: boolean[];
  crisis: boolean;
  rounds: number;
  actions: number;
  table: Record<string, number>;
  totals: Record<string, number>;
  /** Each country's score against its par (`againstPar`), when its scenario sets one. */
  vsPar: Record<string, number>;
  first: string;
  personalities: Record<string, string>;
  withdrawals: { seat: string; agreement: string; type: AgreementType }[];
  agreements: { type: AgreementType; status: string; proposedBy: string; tookForce: boolean }[];
};

/**
 * Plays one game of a mix. `keepWord` names a seat that may not break agreements; `turn` makes
 * one seat play a strategy (the counterfactuals of the defection measures).
 */
export function playLabGame(scenario: Scenario, mix: Mix, seed: string, keepWord?: string, turn?: { seat: string; strategy: Strategy }): GameRecord {
  const kinds = playersFor(scenario, mix, seed);
  if (turn) {
    const k = kinds[turn.seat];
    const personality = k?.kind === "bot" && k.personality ? k.personality : scenarioPersonality(scenario, turn.seat);
    kinds[turn.seat] = { kind: "bot", personality, strategy: turn.strategy };
  }
  const setup = { scenario, settings: { seed } };
  const state: GameState =
    mix === "random" ? playGame(setup, {}, { others: { kind: "random" }, movesPerSeat: 4 }).state : playGame(setup, toPlayers(kinds, keepWord)).state;
  return recordOf(state, kinds, seed);
}

function scenarioPersonality(scenario: Scenario, seat: string): Personality {
  const p = scenario.countries.find((c) => c.id === seat)?.personality;
  return p && isPersonality(p) ? p : "pragmatist";
}

function recordOf(state: GameState, kinds: Record<string, SeatKind>, seed: string): GameRecord {
  const seats = new Set(state.scenario.countries.filter((c) => c.control === "seat").map((c) => c.id));
  const scores = computeScores(state);
  const outcome = tableOutcome(state);
  const totals: Record<string, number> = {};
  const vsPar: Record<string, number> = {};
  for (const s of scores) {
    totals[s.country] = s.total;
    const d = againstPar(s);
    if (d !== undefined) vsPar[s.country] = d;
  }
  const first = scores.find((s) => seats.has(s.country))?.country ?? "";
  const personalities: Record<string, string> = {};
  for (const c of state.scenario.countries) {
    if (!seats.has(c.id)) continue;
    const k = kinds[c.id];
    personalities[c.id] = !k || k.kind === "random" ? "random" : `${k.personality ?? c.personality}${k.strategy ? `+${k.strategy}` : ""}`;
  }
  const withdrawals: GameRecord["withdrawals"] = [];
  const agreements: GameRecord["agreements"] = [];
  for (const a of state.agreements) {
    const tookForce = a.steps.some((s) => s.what === "in-force");
    agreements.push({ type: a.type, status: a.status, proposedBy: a.proposedBy, tookForce });
    if (a.status === "broken" && a.brokenBy && seats.has(a.brokenBy)) withdrawals.push({ seat: a.brokenBy, agreement: a.id, type: a.type });
    // Leaving a deal of three or more: the others carried on without the defector.
    for (const seat of a.left ?? []) if (seats.has(seat)) withdrawals.push({ seat, agreement: a.id, type: a.type });
  }
  return {
    seed,
    met: outcome.met,
    targets: outcome.targets.map((t) => t.met),
    crisis: state.crisis,
    rounds: state.round,
    actions: state.version,
    table: { ...state.table },
    totals,
    vsPar,
    first,
    personalities,
    withdrawals,
    agreements,
  };
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
/** Population variance about `m`, the mean of `xs`. */
const variance = (xs: number[], m: number) => mean(xs.map((x) => (x - m) ** 2));
const r1 = (x: number) => Math.round(x * 10) / 10;
const r3 = (x: number) => Math.round(x * 1000) / 1000;
function quantile(sorted: number[], q: number): number {
  if (!sorted.length) return 0;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))));
  return sorted[i]!;
}

/** Plays `games` games of a mix and reports. Same options, same report. */
export function runLab(scenario: Scenario, options: LabOptions, onGame?: (done: number) => void): LabReport {
  const mix = options.mix ?? "random";
  const records: GameRecord[] = [];
  for (let i = 0; i < options.games; i++) {
    records.push(playLabGame(scenario, mix, `${options.seed}:${i}`));
    onGame?.(i + 1);
  }
  const unilateral: Pair[] = [];
  const broken: Pair[] = [];
  if (options.counterfactuals !== false && mix !== "random") {
    const seats = scenario.countries.filter((c) => c.control === "seat").map((c) => c.id);
    records.forEach((r, i) => {
      // One seat in turn defects (plays selfishly) or cooperates, all else equal.
      const seat = seats[i % seats.length]!;
      const kinds = playersFor(scenario, mix, r.seed);
      const k = kinds[seat];
      const base = k?.kind === "bot" ? k.strategy : undefined;
      const selfish = base === "selfish" ? r : playLabGame(scenario, mix, r.seed, undefined, { seat, strategy: "selfish" });
      const cooperative = base === "cooperative" ? r : playLabGame(scenario, mix, r.seed, undefined, { seat, strategy: "cooperative" });
      unilateral.push({ with: selfish, without: cooperative, seat });
      // The first seat that broke an agreement, replayed keeping its word.
      const breaker = r.withdrawals[0]?.seat;
      if (breaker) broken.push({ with: r, without: playLabGame(scenario, mix, r.seed, breaker), seat: breaker });
      onGame?.(options.games + i + 1);
    });
  }
  return report(scenario, mix, options, records, unilateral, broken);
}

type Pair = { with: GameRecord; without: GameRecord; seat: string };

function compare(pairs: Pair[], seats: string[]): Comparison {
  const sumSeats = (r: GameRecord, except?: string) => seats.filter((s) => s !== except).reduce((s, id) => s + (r.totals[id] ?? 0), 0);
  const gainsD = pairs.map((p) => (p.with.totals[p.seat] ?? 0) - (p.without.totals[p.seat] ?? 0));
  const gainsO = pairs.map((p) => sumSeats(p.with, p.seat) - sumSeats(p.without, p.seat));
  const gainsT = pairs.map((p) => sumSeats(p.with) - sumSeats(p.without));
  const np = pairs.length || 1;
  const paid = gainsD.filter((g) => g > 0).length / np;
  const m = mean(gainsD);
  return {
    measured: pairs.length,
    paidDefector: r3(paid),
    meanGainDefector: r1(m),
    sePaidDefector: r3(Math.sqrt((paid * (1 - paid)) / np)),
    seGainDefector: r1(Math.sqrt(variance(gainsD, m) / np)),
    paidOthers: r3(gainsO.filter((g) => g > 0).length / np),
    meanGainOthers: r1(mean(gainsO)),
    paidTable: r3(gainsT.filter((g) => g > 0).length / np),
    meanGainTable: r1(mean(gainsT)),
    metWith: r3(pairs.filter((p) => p.with.met).length / np),
    metWithout: r3(pairs.filter((p) => p.without.met).length / np),
  };
}

export function report(scenario: Scenario, mix: Mix, options: LabOptions, records: GameRecord[], unilateral: Pair[], broken: Pair[]): LabReport {
  const n = records.length || 1;
  const seats = scenario.countries.filter((c) => c.control === "seat").map((c) => c.id);
  const scored = scenario.countries.filter((c) => c.control !== "rival");
  const countries: CountryStats[] = scored.map((c) => {
    const xs = records.map((r) => r.totals[c.id] ?? 0).sort((a, b) => a - b);
    const m = mean(xs);
    const personalities: Record<string, number> = {};
    for (const r of records) {
      const p = r.personalities[c.id];
      if (p) personalities[p] = (personalities[p] ?? 0) + 1;
    }
    return {
      id: c.id,
      name: c.name,
      seat: c.control === "seat",
      mean: r1(m),
      sd: r1(Math.sqrt(variance(xs, m))),
      min: r1(xs[0] ?? 0),
      p10: r1(quantile(xs, 0.1)),
      median: r1(quantile(xs, 0.5)),
      p90: r1(quantile(xs, 0.9)),
      max: r1(xs[xs.length - 1] ?? 0),
      first: r3(records.filter((r) => r.first === c.id).length / n),
      personalities,
      ...(c.par !== undefined ? { par: c.par, beatPar: r3(records.filter((r) => (r.vsPar[c.id] ?? 0) > 0).length / n) } : {}),
    };
  });
  const agreements = Object.fromEntries(
    AGREEMENT_TYPES.map((t) => [t, { proposed: 0, tookForce: 0, declined: 0, lapsed: 0, broken: 0, defaulted: 0 } satisfies Fates]),
  ) as Record<AgreementType, Fates>;
  for (const r of records) {
    for (const a of r.agreements) {
      if (!seats.includes(a.proposedBy)) continue;
      const f = agreements[a.type];
      f.proposed++;
      if (a.tookForce) f.tookForce++;
      if (a.status === "declined") f.declined++;
      if (a.status === "lapsed") f.lapsed++;
      if (a.status === "broken") f.broken++;
      if (a.status === "defaulted") f.defaulted++;
    }
  }
  for (const f of Object.values(agreements)) for (const k of Object.keys(f) as (keyof Fates)[]) f[k] = r3(f[k] / n);
  const defection: DefectionStats = {
    unilateral: compare(unilateral, seats),
    games: records.filter((r) => r.withdrawals.length).length,
    withdrawals: records.reduce((s, r) => s + r.withdrawals.length, 0),
    broken: compare(broken, seats),
  };
  const met = records.filter((r) => r.met).length / n;
  const rounds = records.map((r) => r.rounds);
  const out: LabReport = {
    scenario: scenario.id,
    mix,
    games: records.length,
    seed: options.seed,
    outcome: {
      met: r3(met),
      targets: scenario.targets.map((t, i) => ({ text: t.text, met: r3(records.filter((r) => r.targets[i]).length / n) })),
      crisis: r3(records.filter((r) => r.crisis).length / n),
    },
    table: Object.fromEntries(Object.keys(records[0]?.table ?? {}).map((k) => [k, r1(mean(records.map((r) => r.table[k] ?? 0)))])),
    length: {
      rounds: { mean: r1(mean(rounds)), min: Math.min(...rounds), max: Math.max(...rounds) },
      actions: r1(mean(records.map((r) => r.actions))),
      crisis: r3(records.filter((r) => r.crisis).length / n),
    },
    countries,
    agreements,
    defection,
    checks: [],
  };
  if (mix === "mixed") {
    const played: Record<string, number> = {};
    const won: Record<string, number> = {};
    for (const rec of records) {
      for (const s of seats) played[rec.personalities[s]!] = (played[rec.personalities[s]!] ?? 0) + 1;
      const p = rec.personalities[rec.first];
      if (p) won[p] = (won[p] ?? 0) + 1;
    }
    out.firstByPersonality = Object.fromEntries(Object.keys(played).sort().map((p) => [p, r3((won[p] ?? 0) / played[p]!)]));
  }
  out.checks = checks(out);
  return out;
}

const signed = (x: number) => `${x >= 0 ? "+" : ""}${x}`;

/** The balance targets (docs/BALANCE.md), as they apply to this report's mix. */
function checks(r: LabReport): LabReport["checks"] {
  const out: LabReport["checks"] = [];
  const pct = (x: number) => `${Math.round(x * 100)}%`;
  if (r.mix === "cooperative") out.push({ name: "cooperative tables meet the shared target in at least 70% of games", ok: r.outcome.met >= 0.7, detail: pct(r.outcome.met) });
  if (r.mix === "selfish") out.push({ name: "selfish tables meet the shared target in at most 30% of games", ok: r.outcome.met <= 0.3, detail: pct(r.outcome.met) });
  if (r.mix === "mixed" || r.mix === "scenario") {
    const seats = r.countries.filter((c) => c.seat);
    const top = [...seats].sort((a, b) => b.first - a.first)[0];
    out.push({ name: "no country finishes first in more than 40% of games", ok: !!top && top.first <= 0.4, detail: top ? `most often first: ${top.id} ${pct(top.first)}` : "no seats" });
    const never = seats.filter((c) => c.first === 0).map((c) => c.id);
    out.push({ name: "every seat finishes first in some games", ok: never.length === 0, detail: never.length ? `never first: ${never.join(", ")}` : "all seats" });
    const withPar = seats.filter((c) => c.beatPar !== undefined);
    if (withPar.length) {
      const low = [...withPar].sort((a, b) => a.beatPar! - b.beatPar!)[0]!;
      out.push({ name: "every seat beats its par in at least 25% of games", ok: low.beatPar! >= 0.25, detail: `least often: ${low.id} ${pct(low.beatPar!)}` });
    }
  }
  if (r.mix !== "random") {
    const inForce = Object.entries(r.agreements).map(([type, f]) => ({ type, n: f.tookForce }));
    const all = inForce.reduce((sum, x) => sum + x.n, 0);
    const top = [...inForce].sort((a, b) => b.n - a.n)[0];
    if (top && all > 0) out.push({ name: "no agreement type is more than 50% of deals in force", ok: top.n / all <= 0.5, detail: `${top.type} ${pct(top.n / all)}` });
  }
  const u = r.defection.unilateral;
  if (r.mix !== "random" && u.measured > 0) {
    out.push({ name: "defecting tempts but does not dominate: it pays the defector in 15–45% of games", ok: u.paidDefector >= 0.15 && u.paidDefector <= 0.45, detail: `it paid in ${pct(u.paidDefector)} ± ${pct(u.sePaidDefector)} of ${u.measured} games (mean ${signed(u.meanGainDefector)} ± ${u.seGainDefector} points)` });
    out.push({
      name: "defecting never pays for the table",
      ok: u.meanGainTable < 0 && u.metWith <= u.metWithout,
      detail: `table total ${signed(u.meanGainTable)} points on average (higher in ${pct(u.paidTable)} of games); target met ${pct(u.metWith)} with the defector, ${pct(u.metWithout)} without`,
    });
  }
  return out;
}

/** The report as text for a terminal and for docs/BALANCE.md. */
export function formatReport(r: LabReport): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const lines: string[] = [];
  lines.push(`Scenario ${r.scenario} · mix ${r.mix} · ${r.games} games · seed ${r.seed}`);
  lines.push("");
  lines.push(`Table outcome met: ${pct(r.outcome.met)}   crisis: ${pct(r.outcome.crisis)}`);
  for (const t of r.outcome.targets) lines.push(`  ${pct(t.met).padStart(6)}  ${t.text}`);
  lines.push(`Table at the end (mean): ${Object.entries(r.table).map(([k, v]) => `${k} ${v}`).join(", ")}`);
  lines.push("");
  lines.push(`Game length: ${r.length.rounds.mean} rounds on average (${r.length.rounds.min}–${r.length.rounds.max}), ${r.length.actions} actions`);
  lines.push("");
  lines.push("Scores (total, after the table factor)      mean    sd   min   p10   med   p90   max   first");
  for (const c of r.countries) {
    const name = `${c.id} ${c.name}${c.seat ? "" : " (automated)"}`.slice(0, 40).padEnd(40);
    const nums = [c.mean, c.sd, c.min, c.p10, c.median, c.p90, c.max].map((x) => x.toFixed(1).padStart(6)).join("");
    lines.push(`  ${name}${nums}  ${c.seat ? pct(c.first).padStart(6) : "     –"}${c.par !== undefined ? `   par ${c.par.toFixed(1)}: beaten in ${pct(c.beatPar ?? 0)}` : ""}`);
  }
  if (r.mix === "mixed") {
    lines.push("");
    lines.push("How often a seat playing each personality finished first (mixed tables):");
    lines.push(`  ${firstByPersonality(r)}`);
  }
  lines.push("");
  lines.push("Agreements per game, proposed by seats    proposed  in force  declined  lapsed  broken  defaulted");
  for (const [type, f] of Object.entries(r.agreements)) {
    if (!f.proposed) continue;
    const nums = [f.proposed, f.tookForce, f.declined, f.lapsed, f.broken, f.defaulted].map((x) => x.toFixed(2).padStart(9)).join("");
    lines.push(`  ${type.padEnd(38)}${nums}`);
  }
  const d = r.defection;
  const comparison = (c: Comparison) => [
    `  paid the defector in ${pct(c.paidDefector)} ± ${pct(c.sePaidDefector)} (mean ${signed(c.meanGainDefector)} ± ${c.seGainDefector} points; ± one standard error)`,
    `  paid the other seats in ${pct(c.paidOthers)} (mean ${signed(c.meanGainOthers)} points together)`,
    `  paid the table (all seats) in ${pct(c.paidTable)} (mean ${signed(c.meanGainTable)} points); target met ${pct(c.metWith)} with the defection, ${pct(c.metWithout)} without`,
  ];
  lines.push("");
  lines.push(`Unilateral defection: ${d.unilateral.measured} games replayed with one seat (in turn) selfish, against the same game with it cooperative`);
  if (d.unilateral.measured) lines.push(...comparison(d.unilateral));
  lines.push(`Broken agreements: ${d.withdrawals} withdrawals in ${d.games} of ${r.games} games; ${d.broken.measured} measured against a replay where the seat kept its word`);
  if (d.broken.measured) lines.push(...comparison(d.broken));
  if (r.checks.length) {
    lines.push("");
    lines.push("Balance targets:");
    for (const c of r.checks) lines.push(`  [${c.ok ? "ok" : "MISSED"}] ${c.name}: ${c.detail}`);
  }
  return lines.join("\n");
}

function firstByPersonality(r: LabReport): string {
  return r.firstByPersonality ? Object.entries(r.firstByPersonality).map(([p, x]) => `${p} ${(x * 100).toFixed(1)}%`).join(" · ") : "–";
}
