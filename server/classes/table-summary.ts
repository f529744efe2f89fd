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
  /**
   * `seat` and `roles`: where the student sits now (the table's console may have moved them) and
   * their own ministries there, as the table's console lists its people (not the ones they act
   * for while nobody holds them: client/model/format.ts `ministriesAside`).
   */
  students: { rejoinCode?: string; presence: Presence; roles?: string[]; seat?: string }[];
  /**
   * The people seated here who hold none of the class's places here: they joined the table by its
   * game code, not through the class's join screen (or the class removed their place). The
   * gradebook lists everyone who played, so the class console counts and lists them too.
   * Missing from a room on a process of the version before.
   */
  others?: { holder: string; name: string; seat: string; roles: string[]; rejoinCode?: string; presence: Presence }[];
};

/** The seats of a running table and the ministries free in each, for placing a student (server/classes/assign.ts). */
export type ClassSeats = { phase: GameState["phase"]; seats: { id: string; free: Role[] }[] };
