/**
 * The replay viewer: stepping through a game's frames (the board at the start and at the end
 * of every round), and what a frame shows beside the board — the table's metrics with their
 * change since the previous frame, the round's events, rulings, deals that took force or
 * ended, its news, the standings — and the round a what-if from this frame would start at. Pure.
 */
import type { Agreement, AgreementStatus, AgreementStep, MatrixAction, NewsItem, PlayedEvent } from "../../shared/engine/types.ts";
import type { GameView } from "../../shared/engine/views.ts";
import { TABLE_METRICS, type TableMetric } from "../../shared/engine/vocabulary.ts";
import { byTotal } from "../../shared/engine/scoring.ts";
import type { ReplayFrame } from "../../shared/protocol/debrief.ts";
import type { ClientView } from "../../shared/protocol/view.ts";
import { country } from "../../shared/engine/text.ts";
import { sentence, t } from "../i18n/index.ts";
import { newsText } from "./review.ts";

/** A frame index kept inside the frames. */
export function clampFrame(index: number, frames: readonly unknown[]): number {
  if (!frames.length) return 0;
  return Math.max(0, Math.min(frames.length - 1, Math.trunc(index)));
}

/** Where a keyboard key moves the replay (null: not a replay key). */
export function stepKey(key: string, index: number, count: number): number | null {
  switch (key) {
    case "ArrowRight":
    case "PageDown":
      return Math.min(count - 1, index + 1);
    case "ArrowLeft":
    case "PageUp":
      return Math.max(0, index - 1);
    case "Home":
      return 0;
    case "End":
      return count - 1;
    default:
      return null;
  }
}

export type FrameSummary = {
  round: number;
  table: { key: TableMetric; value: number; delta: number | null }[];
  events: PlayedEvent[];
  rulings: MatrixAction[];
  /** Deals that took force this round and are still in force at the frame. */
  tookForce: Agreement[];
  /** Deals that ended this round, each with the step that ended it; `tookForce`: it had taken force this round too (a one-round deal runs out in the resolution that starts it). */
  ended: { agreement: Agreement; step: AgreementStep; tookForce: boolean }[];
  news: NewsItem[];
  standings: { country: string; name: string; total: number }[];
};

const ENDINGS = new Set<AgreementStep["what"]>(["expired", "withdrawn", "defaulted", "lapsed", "declined"]);
const ENDED = new Set<AgreementStatus>(["expired", "broken", "defaulted", "lapsed", "declined"]);

/**
 * The step that ended a deal that has ended: a withdrawal that broke it, not one after which the
 * others carried on (the news tells that one).
 */
function endOf(a: Agreement): AgreementStep | undefined {
  return ENDED.has(a.status) ? a.steps.findLast((s) => ENDINGS.has(s.what)) : undefined;
}

/** What happened in the frame's round, as the frame's view tells it. The start frame has only the table. */
export function frameSummary(frames: ReplayFrame[], index: number): FrameSummary | undefined {
  const frame = frames[index];
  if (!frame) return undefined;
  const v = frame.view;
  const prev = index > 0 ? frames[index - 1]!.view : undefined;
  const r = frame.round;
  const inRound = <T extends { round: number }>(xs: readonly T[]) => (r === 0 ? [] : xs.filter((x) => x.round === r));
  const names = new Map(v.countries.map((c) => [c.id, c.name]));
  const ended = r === 0 ? [] : v.agreements.flatMap((a) => {
    const step = endOf(a);
    return step?.round === r ? [{ agreement: a, step, tookForce: a.startRound === r }] : [];
  });
  return {
    round: r,
    table: TABLE_METRICS.map((key) => ({ key, value: v.table[key], delta: prev ? Math.round((v.table[key] - prev.table[key]) * 10) / 10 : null })),
    events: inRound(v.events),
    rulings: inRound(v.matrix ?? []).filter((m) => m.status !== "pending"),
    // Each deal once: one that took force and ended in this round is among those that ended.
    tookForce: r === 0 ? [] : v.agreements.filter((a) => a.startRound === r && !ended.some((x) => x.agreement === a)),
    ended,
    // A frame shows a resolved round: its signings took force or were withdrawn (`newsText`).
    news: inRound(v.news).map((n) => ({ ...n, text: newsText(n, true) })),
    standings: [...v.scores].sort(byTotal).map((s) => ({ country: s.country, name: names.get(s.country) ?? s.country, total: s.total })),
  };
}

/** How a deal ended in the frame's round ("expired"); one that took force in it too says so ("took force, then expired"). */
export function endedText(x: FrameSummary["ended"][number]): string {
  const step = sentence(`deals.step.${x.step.what}`, { by: x.step.by ? country(x.step.by) : "" });
  return x.tookForce ? t("replay.tookForceThen", { step }) : step;
}

/** The round a what-if from this frame starts at: the next round, when the game went on to it. */
export function forkRoundFor(frames: ReplayFrame[], index: number): number | undefined {
  const frame = frames[index];
  if (!frame) return undefined;
  const next = frame.round + 1;
  return frames.some((f) => f.round >= next) ? next : undefined;
}

/**
 * A frame's view in the shape the board and panels take (a replay has no clock, seats or
 * connections): the same GameView with the room's fields empty.
 */
export function frameClientView(code: string, view: GameView): ClientView {
  return { ...view, code, deadline: 0, paused: false, remainingMs: 0, seats: [], waiting: [], recorded: view.history.map((h) => h.round) };
}
