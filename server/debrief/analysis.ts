/**
 * One pass over a game's log: replays it action by action (the same `apply` the room used) and
 * notes what each action did — agreement steps, cards played, matrix actions and rulings,
 * broadcasts, news — with the actor, the reason and the time. The report, the exports, the
 * replay frames, forks and comparisons all read this analysis; nothing is stored twice.
 */
import type { Action } from "../../shared/engine/actions.ts";
import { AGREEMENT_NAMES, describe } from "../../shared/engine/agreements/index.ts";
import { apply } from "../../shared/engine/apply.ts";
import { countryName } from "../../shared/engine/resolution.ts";
import { createGame } from "../../shared/engine/setup.ts";
import type { GameState, Setup } from "../../shared/engine/types.ts";
import type { Impact, TimelineEntry } from "../../shared/protocol/debrief.ts";
import type { GameRecord } from "../storage/store.ts";

export type LoggedAction = { action: Action; at: number | null };

/** A state worth showing on the replay board: the start, the end of each round, the end or now. */
export type Frame = { round: number; kind: "start" | "round-end" | "ended" | "now"; actions: number; state: GameState };

export type Analysis = {
  setup: Setup;
  log: LoggedAction[];
  initial: GameState;
  final: GameState;
  timeline: TimelineEntry[];
  frames: Frame[];
  /** Round → index of the action that began it (the `start` for round 1, an `advance` after). */
  roundStarts: Map<number, number>;
};

/** The engine setup of a stored game, exactly as its room builds it. */
export function setupOf(record: GameRecord): Setup {
  const s = record.settings;
  return {
    scenario: record.scenario,
    settings: { seed: record.seed, rounds: s.rounds ?? record.scenario.rounds, teams: s.teams, facilitatorReadsPrivate: s.facilitatorReadsPrivate, channels: s.channels ?? "open" },
  };
}

/** News kinds the timeline tells from structured data instead (cards, matrix, agreement steps). */
const DERIVED_NEWS = new Set(["event", "matrix"]);
/** Agreement news that repeat a step (signed, in force, withdrawn); other agreement news stay. */
const STEP_NEWS = /^(Signed|In force) \(|withdrew from /;

export function analyze(setup: Setup, log: readonly LoggedAction[]): Analysis {
  const initial = createGame(setup);
  let state = initial;
  const timeline: TimelineEntry[] = [];
  const frames: Frame[] = [{ round: 0, kind: "start", actions: 0, state: initial }];
  const roundStarts = new Map<number, number>();
  log.forEach(({ action, at }, seq) => {
    const result = apply(state, action);
    if (!result.ok) throw new Error(`log entry ${seq} (${action.move.type}) was refused on replay: ${result.error.code} ${result.error.message}`);
    const before = state;
    const after = result.state;
    const resolved = after.history.length > before.history.length;
    const add = (e: Omit<TimelineEntry, "seq" | "at" | "round" | "phase"> & Partial<Pick<TimelineEntry, "round" | "phase">>) =>
      timeline.push({ seq, at, round: after.round, phase: after.phase, ...e, ...(resolved && e.kind !== "phase" ? { phase: "resolution" as const } : {}) });
    notePhase(before, after, action, add);
    if (after.round !== before.round && !roundStarts.has(after.round)) roundStarts.set(after.round, seq);
    noteCards(before, after, add);
    noteMatrix(before, after, action, add);
    noteAgreements(before, after, action, add);
    noteBroadcasts(before, after, add);
    noteNews(before, after, add);
    state = after;
    if (resolved) frames.push({ round: after.history.at(-1)!.round, kind: "round-end", actions: seq + 1, state: after });
  });
  // The last state, unless the last action was a resolution (that frame is then also "now").
  if (frames.at(-1)!.actions !== log.length) frames.push({ round: state.round, kind: state.phase === "ended" ? "ended" : "now", actions: log.length, state });
  return { setup, log: [...log], initial, final: state, timeline, frames, roundStarts };
}

type Add = (e: Omit<TimelineEntry, "seq" | "at" | "round" | "phase"> & Partial<Pick<TimelineEntry, "round" | "phase">>) => void;

function actorId(action: Action): string {
  return action.actor.kind === "seat" ? action.actor.seat : action.actor.kind;
}

function notePhase(before: GameState, after: GameState, action: Action, add: Add) {
  if (before.phase === after.phase && before.round === after.round) return;
  const by = actorId(action);
  const who = by === "system" ? "the clock" : by === "facilitator" ? "the facilitator" : countryName(after, by);
  if (after.round !== before.round) add({ kind: "round", by, text: `Round ${after.round} of ${after.settings.rounds} begins.`, phase: "event" });
  if (after.phase === "negotiation") add({ kind: "phase", by, text: `Negotiation opens (event phase ended by ${who}).` });
  else if (after.phase === "review" || (before.phase === "negotiation" && after.history.length > before.history.length)) {
    const closed = by === "system" ? "Negotiation closed (time up, or every seat was ready)" : `Negotiation closed by ${who}`;
    add({ kind: "phase", by, text: `${closed}; round ${after.history.at(-1)!.round} resolved.` });
  } else if (after.phase === "ended" && action.move.type === "advance" && before.phase === "review") {
    add({ kind: "phase", by, text: "The last round is over; the game has ended." });
  }
}

/** Changes credited to `label` by this action (causes with that label, after minus before). */
function impactsOf(before: GameState, after: GameState, label: string): Impact[] {
  const out: Impact[] = [];
  const sameRound = before.round === after.round;
  for (const [key, change] of Object.entries(after.changes)) {
    const cause = change.causes.find((c) => c.label === label);
    if (!cause) continue;
    const earlier = sameRound ? (before.changes[key]?.causes.find((c) => c.label === label)?.amount ?? 0) : 0;
    const amount = Math.round((cause.amount - earlier) * 100) / 100;
    if (amount !== 0) out.push({ subject: change.subject, key: change.key, amount });
  }
  return out;
}

function noteCards(before: GameState, after: GameState, add: Add) {
  for (const card of after.events.slice(before.events.length)) {
    add({
      kind: card.custom ? "inject" : "event",
      by: card.custom ? "facilitator" : "system",
      round: card.round,
      text: card.custom ? `Facilitator's inject: ${card.title}. ${card.text}` : `Event: ${card.title} (${card.date}). ${card.text}`,
      effects: card.effects,
      impacts: impactsOf(before, after, card.title),
    });
  }
  const planned = after.scheduled.filter((s) => !before.scheduled.includes(s));
  for (const s of planned) {
    add({ kind: "scheduled", by: "facilitator", text: `${s.card.custom ? "Inject" : "Event card"} "${s.card.title}" scheduled for round ${s.round}.`, effects: s.card.effects });
  }
}

function noteMatrix(before: GameState, after: GameState, action: Action, add: Add) {
  for (const m of after.matrix) {
    const was = before.matrix.find((x) => x.id === m.id);
    if (!was) {
      add({ kind: "matrix", by: m.seat, matrixId: m.id, text: `${countryName(after, m.seat)} submitted a matrix action (${m.id}): "${m.text}"`, ...(action.reason ? { reason: action.reason } : {}) });
    } else if (was.status === "pending" && m.status !== "pending") {
      const odds = m.odds !== undefined && (m.status === "succeeded" || m.status === "failed") ? ` on a ${Math.round(m.odds * 100)}% roll` : "";
      add({
        kind: "ruling",
        by: "facilitator",
        matrixId: m.id,
        text: `Ruling on ${m.id} (${countryName(after, m.seat)}): ${m.status}${odds}.${m.note ? ` ${m.note}` : ""}`,
        effects: m.effects,
        impacts: impactsOf(before, after, `ruling on ${countryName(after, m.seat)}'s action (${m.id})`),
      });
    }
  }
}

const STEP_VERB: Record<string, string> = {
  proposed: "proposed",
  amended: "amended",
  signed: "signed",
  declined: "declined",
  "in-force": "took force",
  expired: "expired, kept to its end",
  withdrawn: "withdrew from",
  lapsed: "lapsed unsigned",
  defaulted: "defaulted on",
  completed: "project completed",
};

function noteAgreements(before: GameState, after: GameState, action: Action, add: Add) {
  for (const a of Object.values(after.agreements)) {
    const old = before.agreements[a.id];
    const known = old?.steps.length ?? 0;
    if (a.steps.length === known) continue;
    const fresh = a.steps.slice(known);
    const completing = !(old && old.parties.every((p) => old.signatures.includes(p))) && a.parties.every((p) => a.signatures.includes(p));
    const lastSigned = fresh.filter((s) => s.what === "signed").at(-1);
    for (const step of fresh) {
      const name = `${a.id} (${AGREEMENT_NAMES[a.type]})`;
      const by = step.by ? countryName(after, step.by) : "";
      let text: string;
      switch (step.what) {
        case "proposed":
        case "amended":
          text = `${by} ${step.what} ${name}${step.what === "amended" ? `, revision ${step.revision}` : ""}: ${describe(after, a)}, for ${a.duration} round(s).`;
          break;
        case "signed":
          text = `${by} signed ${name}${completing && step === lastSigned ? "; every party has signed" : ""}.`;
          break;
        case "declined":
          text = `${by} declined ${name}.`;
          break;
        case "withdrawn":
          text = `${by} withdrew from ${name}: the agreement is broken.`;
          break;
        case "defaulted":
          text = `${by} defaulted on ${name}.`;
          break;
        case "in-force":
          text = `${name} took force for ${roundSpan(a.startRound, a.endRound)}: ${describe(after, a)}.`;
          break;
        case "expired":
          text = `${name} expired, kept to its end.`;
          break;
        case "lapsed":
          text = `${name} lapsed: not every party signed before resolution.`;
          break;
        case "completed":
          text = `${name}: the project is built.`;
          break;
        default:
          text = `${name}: ${STEP_VERB[step.what] ?? step.what}.`;
      }
      // The reason is on the step (engine) or, for the action's own steps, on the action.
      const reason = step.reason ?? (step.by && action.actor.kind === "seat" && action.actor.seat === step.by ? action.reason : undefined);
      add({ kind: "agreement", agreementId: a.id, step: step.what, round: step.round, phase: step.phase, text, ...(step.by ? { by: step.by } : {}), ...(reason ? { reason } : {}) });
    }
  }
}

export function roundSpan(from?: number, to?: number): string {
  return from === to ? `round ${from}` : `rounds ${from}–${to}`;
}

function noteBroadcasts(before: GameState, after: GameState, add: Add) {
  for (const m of after.messages.slice(before.messages.length)) {
    if (m.channel === "broadcast") add({ kind: "broadcast", by: "facilitator", text: `Facilitator to all: ${m.text}` });
  }
}

function noteNews(before: GameState, after: GameState, add: Add) {
  for (const n of after.news.slice(before.news.length)) {
    if (DERIVED_NEWS.has(n.kind)) continue;
    if (n.kind === "agreement" && STEP_NEWS.test(n.text)) continue;
    if (n.kind === "phase") continue; // told by notePhase
    add({ kind: "news", topic: n.kind, round: n.round, phase: n.phase, text: n.text, ...(n.kind === "facilitator" ? { by: "facilitator" } : {}) });
  }
}

// ---- A small cache: reports, CSVs and frames of one game share one analysis -------------

const cache = new Map<string, { length: number; analysis: Analysis }>();
const CACHE_SIZE = 32;

/** The analysis of a stored game, re-computed only when its log has grown. */
export function analysisOf(record: GameRecord, log: readonly LoggedAction[]): Analysis {
  const hit = cache.get(record.code);
  if (hit && hit.length === log.length) {
    cache.delete(record.code);
    cache.set(record.code, hit);
    return hit.analysis;
  }
  const analysis = analyze(setupOf(record), log);
  cache.delete(record.code);
  cache.set(record.code, { length: log.length, analysis });
  while (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return analysis;
}
