/**
 * The first-game guide: which step a newcomer is at, read from the game itself (the phase,
 * their deals with bots), so it follows whatever they do, in any order. Pure.
 *
 *   event → propose → waiting (→ declined) → signed → review → done
 */
import type { ClientView } from "../../shared/protocol/view.ts";

export type GuideStep = "event" | "offer" | "propose" | "waiting" | "declined" | "signed" | "review" | "done";

/** Step numbers shown to the player ("2 of 5"); declined is a detour of step 3. */
export const STEP_NUMBER: Record<GuideStep, number> = { event: 1, offer: 2, propose: 2, waiting: 3, declined: 3, signed: 4, review: 5, done: 5 };

export function guideStep(view: ClientView): GuideStep | undefined {
  if (view.viewer.kind !== "seat") return undefined;
  const me = view.viewer.seat;
  if (view.phase === "lobby") return undefined;
  if (view.phase === "ended" || view.round > 1) return "done";
  if (view.phase === "event") return "event";
  if (view.phase === "review") return "review";
  const bots = new Set(view.seats.filter((s) => s.bot).map((s) => s.id));
  const withBots = view.agreements.filter((a) => a.parties.includes(me) && a.parties.some((p) => p !== me && bots.has(p)));
  if (withBots.some((a) => a.status === "signed" || a.status === "in-force")) return "signed";
  if (withBots.some((a) => a.status === "proposed" && (a.proposedBy === me || a.signatures.includes(me)))) return "waiting";
  if (withBots.some((a) => a.status === "declined" && a.proposedBy === me)) return "declined";
  // A bot's offer already waiting on me comes first: a deal proposed beside it may overlap it
  // (two screening pacts between the same allies), and the second could then not be signed.
  if (withBots.some((a) => a.status === "proposed" && a.proposedBy !== me && !a.signatures.includes(me))) return "offer";
  return "propose";
}

/** What this browser keeps: nothing (never guided), the game being guided, or done. */
export type GuideMemory = { get(): string | null; set(value: string): void };
const KEY_DONE = "done";

/** Whether to guide in this game: the first quick game this browser plays, until finished or skipped. */
export function guideWanted(memory: GuideMemory, code: string, quickGame: boolean): boolean {
  const kept = memory.get();
  if (kept === KEY_DONE) return false;
  if (kept === `active:${code}`) return true;
  if (kept || !quickGame) return false;
  memory.set(`active:${code}`);
  return true;
}

export function guideFinished(memory: GuideMemory) {
  memory.set(KEY_DONE);
}
