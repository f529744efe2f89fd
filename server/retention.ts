/**
 * Games nobody joined are removed (docs/DEPLOY.md, "Games nobody joined are removed"): a game
 * created and then left — no seat ever taken, no action, no observer by name, of no class —
 * would otherwise stay in the database for good. Once it has been asleep for `afterMs` (its room
 * closed for idleness: docs/DEPLOY.md, "Idle games sleep"; its facilitator's console or a
 * look-up of its code wakes it) and was created longer ago than that, it is removed with every
 * row it has (Store.forgetUnjoinedGames), when the process starts and then every
 * `sweepEvery(afterMs)`. The default is a week, not a day: a teacher may make the game for next
 * week's lesson and not open it until then. A game anyone joined, and every class's table, is
 * never touched; neither is one a room runs (its lease is live).
 */
import { logger } from "./logger.ts";
import type { GameStore } from "./storage/store.ts";

/** How long a game nobody joined is kept by default (UNJOINED_GAME_SECONDS). */
export const UNJOINED_GAME_MS = 7 * 24 * 3600_000;
/** Games removed in one transaction: a large backlog goes in several, so no one write holds the database long. */
const BATCH = 200;

/** How often the removal runs: a quarter of the time a game is kept, between a second and an hour. */
export const sweepEvery = (afterMs: number): number => Math.min(3600_000, Math.max(1000, Math.floor(afterMs / 4)));

/** Removes the games nobody joined that are older than `afterMs`, now; resolves with how many. */
export async function forgetUnjoined(store: Pick<GameStore, "forgetUnjoinedGames" | "classTableCodes">, afterMs: number, now = Date.now()): Promise<number> {
  const classTables = await store.classTableCodes();
  let removed = 0;
  for (;;) {
    const codes = await store.forgetUnjoinedGames(now - afterMs, classTables, BATCH);
    removed += codes.length;
    if (codes.length < BATCH) break;
  }
  if (removed) logger.info({ games: removed, unusedForHours: Math.round((afterMs / 3600_000) * 10) / 10 }, "games nobody joined removed");
  return removed;
}

/** The removal every `sweepEvery(afterMs)` until stopped (`afterMs` 0: never); a failed run is logged and the next one tries again. */
export function keepForgettingUnjoined(store: Pick<GameStore, "forgetUnjoinedGames" | "classTableCodes">, afterMs: number): { stop(): void } {
  if (!afterMs) return { stop: () => {} };
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    forgetUnjoined(store, afterMs)
      .catch((err: unknown) => logger.error({ err }, "could not remove the games nobody joined"))
      .finally(() => (running = false));
  }, sweepEvery(afterMs));
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
