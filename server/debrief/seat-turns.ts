/**
 * Who played each seat, by round: the handovers the room records in the game's log (a bot
 * taking a seat over from its people, a person taking it over from its bot: the system's
 * `log-seat` moves `to-bot` and `from-bot`, shared/engine/actions.ts). The report's countries
 * table and the gradebook read them, so a teacher never credits a student with a bot's rounds.
 */
import type { Action } from "../../shared/engine/index.ts";

/** From `round` on, the seat was played by a bot (`to: "bot"`, taken over from `names`) or by `names` (taken over from the bot). */
export type SeatTurn = { round: number; to: "bot" | "people"; names: string[] };

/** Adds `action` to the seats' handovers (by seat, in order) if it is one; `round`: the round it was applied in. */
export function noteSeatTurn(turns: Record<string, SeatTurn[]>, action: Action, round: number) {
  const m = action.move;
  if (m.type !== "log-seat" || (m.change !== "to-bot" && m.change !== "from-bot")) return;
  (turns[m.seat] ??= []).push({ round, to: m.change === "to-bot" ? "bot" : "people", names: m.names ?? [] });
}

/**
 * The rounds a bot played a seat, as spans: `[from, to]`, `to` undefined while it still plays
 * it at the end. A seat whose first handover is a person's took it from a bot that had
 * played it since round 1 (the game began with nobody in it).
 */
export function botSpans(turns: readonly SeatTurn[]): { from: number; to?: number }[] {
  const spans: { from: number; to?: number }[] = [];
  let since: number | undefined = turns[0]?.to === "people" ? 1 : undefined;
  for (const t of turns) {
    if (t.to === "bot" && since === undefined) since = t.round;
    else if (t.to === "people" && since !== undefined) {
      spans.push({ from: since, to: t.round });
      since = undefined;
    }
  }
  if (since !== undefined) spans.push({ from: since });
  return spans;
}
