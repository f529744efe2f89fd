/**
 * What the class console shows of one table: its game's phase, score and cards
 * (`tableSummary`, from a running room or a finished game's log), and, from a running room, its
 * clock, who is connected and where each of the class's students is (`ClassTableNow`, which
 * GameRoom.classTable answers wherever the room runs: server/rooms/room-call.ts).
 */
import { computeScores, tableOutcome } from "../../shared/engine/scoring.ts";
import type { GameState } from "../../shared/engine/types.ts";
import type { Role } from "../../shared/engine/vocabulary.ts";
import type { ClassStatus, Presence } from "../../shared/protocol/classes.ts";

type TableDetail = ClassStatus["tablesDetail"][number];

export type TableSummary = Pick<TableDetail, "phase" | "round" | "outcome" | "waitingRulings" | "played" | "scheduled"> & {
  top?: { country: string; total: number };
};

export function tableSummary(game: GameState): TableSummary {
  const outcome = tableOutcome(game);
  const top = computeScores(game)[0];
  return {
    phase: game.phase,
    round: game.round,
    outcome: { met: outcome.targets.filter((t) => t.met).length, total: outcome.targets.length },
    ...(top ? { top: { country: top.country, total: top.total } } : {}),
    waitingRulings: game.matrix.filter((m) => m.status === "pending").length,
    played: game.events.map((e) => ({ id: e.id, custom: e.custom, title: e.title })),
    scheduled: game.scheduled.map((x) => ({ round: x.round, card: { id: x.card.id, custom: x.card.custom, title: x.card.title } })),
  };
}

/** A running table, as the class console reads it; `students` in the order they were asked about. */
export type ClassTableNow = Pick<TableDetail, "paused" | "deadline" | "remainingMs" | "connected" | "people" | "done"> & {
  summary: TableSummary;
  /** `roles`: the ministries the student acts for now, when they hold a seat here (all three while alone at their country). */
  /** `seat` and `roles`: where the student sits now and the ministries they act for there (the table's console may have moved them). */
  students: { rejoinCode?: string; presence: Presence; roles?: string[]; seat?: string }[];
};

/** The seats of a running table and the ministries free in each, for placing a student (server/classes/assign.ts). */
export type ClassSeats = { phase: GameState["phase"]; seats: { id: string; free: Role[] }[] };
