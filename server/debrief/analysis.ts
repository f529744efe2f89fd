/**
 * One pass over a game's log: replays it action by action (the same `apply` the room used) and
 * notes what each action did — agreement steps, cards played, matrix actions and rulings,
 * broadcasts, news — with the actor, the reason and the time. The report, the exports, the
 * replay frames, forks and comparisons all read this analysis; nothing is stored twice.
 */
import type { Action } from "../../shared/engine/actions.ts";
import { describe } from "../../shared/engine/agreements/index.ts";
import { apply } from "../../shared/engine/apply.ts";
import { ReplayRefused } from "../../shared/engine/replay.ts";
import { createGame } from "../../shared/engine/setup.ts";
import { agreementById } from "../../shared/engine/world.ts";
import type { AgreementStep, GameState, Setup } from "../../shared/engine/types.ts";
import { countries, country, ref, text, textId, type Arg, type Text } from "../../shared/engine/text.ts";
import type { Impact, TimelineEntry } from "../../shared/protocol/debrief.ts";
import type { GameRecord } from "../storage/store.ts";
import { noteSeatTurn, type SeatTurn } from "./seat-turns.ts";

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
  /** Seat → the bots' and people's takeovers of it, in order (server/debrief/seat-turns.ts). */
  seatTurns: Record<string, SeatTurn[]>;
};

/** The engine setup of a stored game: its room's (server/rooms/GameRoom.ts `setup`), its report's and its forks'. */
export function setupOf(record: GameRecord): Setup {
  const s = record.settings;
  return {
    scenario: record.scenario,
    settings: { seed: record.seed, rounds: s.rounds ?? record.scenario.rounds, teams: s.teams, facilitatorReadsPrivate: s.facilitatorReadsPrivate, channels: s.channels ?? "open", ...(s.edition !== undefined ? { edition: s.edition } : {}), ...(s.idSalt !== undefined ? { idSalt: s.idSalt } : {}) },
  };
}

/** News kinds the timeline tells from structured data instead (cards, matrix, agreement steps). */
const DERIVED_NEWS = new Set(["event", "matrix"]);
/** Agreement news that repeat a step (signed, in force, withdrawn); other agreement news stay. */
const STEP_NEWS = new Set(["news.signed", "news.inForce", "news.withdrew"]);

export function analyze(setup: Setup, log: readonly LoggedAction[]): Analysis {
  const initial = createGame(setup);
  let state = initial;
  const timeline: TimelineEntry[] = [];
  const frames: Frame[] = [{ round: 0, kind: "start", actions: 0, state: initial }];
  const roundStarts = new Map<number, number>();
  const seatTurns: Record<string, SeatTurn[]> = {};
  log.forEach(({ action, at }, seq) => {
    const result = apply(state, action);
    if (!result.ok) throw new ReplayRefused(seq, action.move.type, result.error.code, result.error.text, setup.scenario);
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
    noteNews(before, after, action, add);
    noteSeatTurn(seatTurns, action, after.round);
    state = after;
    if (resolved) frames.push({ round: after.history.at(-1)!.round, kind: "round-end", actions: seq + 1, state: after });
  });
  // The last state, unless the last action was a resolution (that frame is then also "now").
  if (frames.at(-1)!.actions !== log.length) frames.push({ round: state.round, kind: state.phase === "ended" ? "ended" : "now", actions: log.length, state });
  return { setup, log: [...log], initial, final: state, timeline, frames, roundStarts, seatTurns };
}

type Add = (e: Omit<TimelineEntry, "seq" | "at" | "round" | "phase"> & Partial<Pick<TimelineEntry, "round" | "phase">>) => void;

function actorId(action: Action): string {
  return action.actor.kind === "seat" ? action.actor.seat : action.actor.kind;
}

/**
 * Why the system ended a phase, as the room recorded it on its `advance`: the clock ran out, or
 * every seat was ready; "unknown" in a log from before the room recorded it.
 */
function systemCause(action: Action): "clock" | "ready" | "unknown" {
  return (action.move.type === "advance" && action.move.cause) || "unknown";
}

function notePhase(before: GameState, after: GameState, action: Action, add: Add) {
  if (before.phase === after.phase && before.round === after.round) return;
  const by = actorId(action);
  const who = by === "facilitator" ? text("timeline.facilitator") : country(by);
  // A round with no card opens with the negotiation (docs/RULES.md §2): no event phase ended.
  const noCard = after.round !== before.round && after.phase === "negotiation";
  if (after.round !== before.round) add({ kind: "round", by, text: text("timeline.round", { round: after.round, rounds: after.settings.rounds }), phase: noCard ? "negotiation" : "event" });
  if (noCard) add({ kind: "phase", by, text: text("timeline.negotiationOpens.noCard") });
  else if (after.phase === "negotiation") add({ kind: "phase", by, text: by === "system" ? text(`timeline.negotiationOpens.${systemCause(action)}`) : text("timeline.negotiationOpens", { who }) });
  else if (after.phase === "review" || (before.phase === "negotiation" && after.history.length > before.history.length)) {
    const round = after.history.at(-1)!.round;
    add({ kind: "phase", by, text: by === "system" ? text(`timeline.closed.${systemCause(action)}`, { round }) : text("timeline.closedBy", { who, round }) });
  } else if (after.phase === "ended" && action.move.type === "advance" && before.phase === "review") {
    add({ kind: "phase", by, text: text("timeline.ended") });
  }
}

/** Changes credited to `label` by this action (causes with that label, after minus before). */
function impactsOf(before: GameState, after: GameState, label: Text): Impact[] {
  const out: Impact[] = [];
  const sameRound = before.round === after.round;
  const id = textId(label);
  for (const [key, change] of Object.entries(after.changes)) {
    const cause = change.causes.find((c) => textId(c.label) === id);
    if (!cause) continue;
    const earlier = sameRound ? (before.changes[key]?.causes.find((c) => textId(c.label) === id)?.amount ?? 0) : 0;
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
      cardId: card.id,
      round: card.round,
      text: card.custom ? text("timeline.inject", { title: card.title, text: card.text }) : text("timeline.event", { event: ref("event", card.id) }),
      effects: card.effects,
      impacts: impactsOf(before, after, text("cause.card", { title: card.custom ? card.title : ref("event", card.id) })),
    });
  }
  const planned = after.scheduled.filter((s) => !before.scheduled.includes(s));
  for (const s of planned) {
    add({ kind: "scheduled", by: "facilitator", text: text(s.card.custom ? "timeline.scheduledInject" : "timeline.scheduledEvent", { title: s.card.custom ? s.card.title : ref("event", s.card.id), round: s.round }), effects: s.card.effects });
  }
}

function noteMatrix(before: GameState, after: GameState, action: Action, add: Add) {
  for (const m of after.matrix) {
    const was = before.matrix.find((x) => x.id === m.id);
    if (!was) {
      add({ kind: "matrix", by: m.seat, matrixId: m.id, text: text("timeline.matrix", { country: country(m.seat), id: m.id, action: m.text }), ...(action.reason ? { reason: action.reason } : {}) });
    } else if (was.status === "pending" && m.status !== "pending") {
      add({
        kind: "ruling",
        by: "facilitator",
        matrixId: m.id,
        text: text(m.odds !== undefined && (m.status === "succeeded" || m.status === "failed") ? "timeline.rulingRoll" : "timeline.ruling", {
          id: m.id,
          country: country(m.seat),
          status: text(`matrix.status.${m.status}`),
          odds: Math.round((m.odds ?? 0) * 100),
          note: m.note ?? "",
        }),
        effects: m.effects,
        impacts: impactsOf(before, after, text("cause.ruling", { country: country(m.seat), id: m.id })),
      });
    }
  }
}

/**
 * Who took a deal step, in the timeline's sentence: the country, or in a game with teams the
 * minister who took it (the step records the ministry, and the person where the action named
 * them: shared/engine/apply.ts `minister`), "Cal (Economic envoy of the United States)". A reader
 * who may not read people's names gets "The United States (Economic envoy)" (report.ts `namelessEntry`;
 * a report's deal steps carry no name for that reader). The report's deal cards name it the same way.
 */
export function stepBy(step: Pick<AgreementStep, "by" | "role" | "name">): Arg {
  if (!step.by) return "";
  if (!step.role) return country(step.by);
  const args = { country: country(step.by), role: ref("role", step.role) };
  return step.name ? text("timeline.by.person", { ...args, name: step.name }) : text("timeline.by.minister", args);
}

function noteAgreements(before: GameState, after: GameState, action: Action, add: Add) {
  for (const a of after.agreements) {
    const old = agreementById(before, a.id);
    const known = old?.steps.length ?? 0;
    if (a.steps.length === known) continue;
    const fresh = a.steps.slice(known);
    const completing = !(old && old.parties.every((p) => old.signatures.includes(p))) && a.parties.every((p) => a.signatures.includes(p));
    const lastSigned = fresh.filter((s) => s.what === "signed").at(-1);
    for (const step of fresh) {
      const args = {
        id: a.id,
        type: ref("type", a.type),
        by: stepBy(step),
        revision: step.revision,
        deal: describe(a),
        duration: text("deal.duration", { count: a.duration }),
        others: countries(a.parties),
        rounds: a.startRound === a.endRound ? text("timeline.roundOne", { round: a.startRound ?? 0 }) : text("timeline.roundSpan", { from: a.startRound ?? 0, to: a.endRound ?? 0 }),
      };
      const key =
        step.what === "signed" && completing && step === lastSigned
          ? "timeline.step.signedAll"
          : step.what === "lapsed" && step.phase === "ended"
            ? "timeline.step.lapsedAtEnd"
            : // The engine lists in `left` a party that withdrew while the others carried on (shared/engine/apply.ts "withdraw"); any other withdrawal broke the deal.
              step.what === "withdrawn" && step.by !== undefined && a.left?.includes(step.by)
              ? "timeline.step.withdrawnOthersCarryOn"
              : `timeline.step.${step.what}`;
      // The reason is on the step (engine) or, for the action's own steps, on the action: said once, so
      // a proposal that every party has signed at once (a coalition of one) gives it on the proposal,
      // not again on the proposer's signature ("signed — “proposed standards coalition: …”").
      const told = fresh.some((s) => s.reason !== undefined && s.by === step.by);
      const reason = step.reason ?? (!told && step.by && action.actor.kind === "seat" && action.actor.seat === step.by ? action.reason : undefined);
      add({ kind: "agreement", agreementId: a.id, step: step.what, round: step.round, phase: step.phase, text: text(key, args), ...(step.by ? { by: step.by } : {}), ...(step.role ? { role: step.role } : {}), ...(step.name ? { name: step.name } : {}), ...(reason ? { reason } : {}) });
    }
  }
}

function noteBroadcasts(before: GameState, after: GameState, add: Add) {
  for (const m of after.messages.slice(before.messages.length)) {
    if (m.channel === "broadcast") add({ kind: "broadcast", by: "facilitator", text: text("timeline.broadcast", { text: m.text }) });
  }
}

function noteNews(before: GameState, after: GameState, action: Action, add: Add) {
  for (const n of after.news.slice(before.news.length)) {
    if (DERIVED_NEWS.has(n.kind)) continue;
    if (n.kind === "agreement" && STEP_NEWS.has(n.text.key)) continue;
    if (n.kind === "phase") continue; // told by notePhase
    // The room's own records (a bot taking a seat over) are the system's, not the facilitator's.
    add({ kind: "news", topic: n.kind, round: n.round, phase: n.phase, text: n.text, ...(n.kind === "facilitator" ? { by: action.actor.kind === "system" ? "system" : "facilitator" } : {}) });
  }
}

// ---- A small cache: reports, CSVs and frames of one game share one analysis -------------

const cache = new Map<string, { length: number; analysis: Analysis }>();
const CACHE_SIZE = 32;

/**
 * The analysis of a stored game, re-computed only when its log has grown. `language`: the
 * record's scenario is in that language's words (the same game; its cards and names read in it),
 * and so is a facilitator's card that carries them (a shipped script's, `texts`).
 */
export function analysisOf(record: GameRecord, log: readonly LoggedAction[], language = "en"): Analysis {
  const key = `${record.code}/${language}`;
  const hit = cache.get(key);
  if (hit && hit.length === log.length) {
    cache.delete(key);
    cache.set(key, hit);
    return hit.analysis;
  }
  const analysis = analyze(setupOf(record), language === "en" ? log : log.map((l) => cardsIn(l, language)));
  cache.delete(key);
  cache.set(key, { length: log.length, analysis });
  while (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return analysis;
}

/** A facilitator's card in `language` when the move carries its words in it; any other action as it is. */
function cardsIn(l: LoggedAction, language: string): LoggedAction {
  const m = l.action.move;
  const words = m.type === "custom-event" ? m.texts?.[language as keyof NonNullable<typeof m.texts>] : undefined;
  return words ? { ...l, action: { ...l.action, move: { ...m, ...words } } as LoggedAction["action"] } : l;
}
