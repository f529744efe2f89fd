/**
 * What-if: a new game from the start of round N of an old one — same scenario, seed and
 * settings, and the old log up to and including the action that began round N. Replaying that
 * log gives the new game exactly the old game's state at that moment.
 */
import type { GameRecord, GameStore, DebriefStore } from "../storage/store.ts";
import type { Analysis } from "./analysis.ts";
import { replay } from "../../shared/engine/replay.ts";
import { newCode } from "../codes.ts";

export type ForkResult = { ok: true; code: string } | { ok: false; status: number; code: string; message: string };

/** The prefix of the log that starts round `round`, or why there is none. */
export function forkLog(analysis: Analysis, round: number): { ok: true; upTo: number } | { ok: false; status: number; code: string; message: string } {
  const start = analysis.roundStarts.get(round);
  if (start === undefined) {
    const reached = analysis.final.round;
    return { ok: false, status: 409, code: "fork/round_not_reached", message: `This game has not begun round ${round}${reached ? ` (it reached round ${reached})` : " (it has not started)"}.` };
  }
  const upTo = start + 1;
  const state = replay(analysis.setup, analysis.log.slice(0, upTo).map((l) => l.action));
  if (state.phase === "ended") return { ok: false, status: 409, code: "fork/ended", message: `Round ${round} ended the game as it began; there is nothing to play from there.` };
  return { ok: true, upTo };
}

/** Stores the new game (record, log, seats, fork link); the caller opens its room. */
export async function createFork(store: GameStore & DebriefStore, record: GameRecord, analysis: Analysis, round: number, now = Date.now()): Promise<ForkResult> {
  const prefix = forkLog(analysis, round);
  if (!prefix.ok) return prefix;
  let code = newCode();
  while (await store.getGame(code)) code = newCode();
  await store.createGame({ ...record, code, createdAt: now, finishedAt: null });
  // Actions only: the parent's client action ids stay with the parent.
  await Promise.all(analysis.log.slice(0, prefix.upTo).map(({ action, at }, seq) => store.appendAction(code, { seq, action, at: at ?? now })));
  // Same seats: the seats bots played stay with bots; the others wait for people. New rejoin codes.
  for (const seat of await store.seats(record.code)) await store.saveSeat(code, { seat: seat.seat, rejoinCode: newCode(), bot: seat.bot });
  await store.recordFork({ code, parent: record.code, round });
  return { ok: true, code };
}
