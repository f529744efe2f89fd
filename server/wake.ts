/**
 * Sleeping games (docs/DEPLOY.md, "Idle games sleep"): a game room with nobody connected for a
 * while closes, and its game stays in the database marked asleep, with no lease. Whoever comes
 * back — a join by code, a rejoin by seat token or rejoin code, the facilitator's key, an HTTP
 * look-up, a class's join screen or console — wakes it here first: its room is opened again
 * through the matchmaker (on this process or, with several processes, wherever Colyseus
 * creates rooms), and the room's own lease claim (GameRoom.onCreate, server/leases.ts) lets
 * only one process run it. The join then goes on as for any running game.
 */
import { matchMaker } from "@colyseus/core";
import { logger } from "./logger.ts";
import { isRulesChanged } from "./matchmake-guard.ts";
import { goingToSleep } from "./rooms/GameRoom.ts";
import type { GameStore } from "./storage/store.ts";

/** How long a wake waits for a room another process is opening (or one going to sleep here). */
const WAKE_WAIT_MS = 5000;

export type Wake = (code: string) => Promise<boolean>;

/**
 * `wake(code)`: resolves true once the game runs in a room (here or on another process), woken
 * if it was asleep or on its way to sleep; false when no room runs it and it is not asleep
 * (unknown, finished, or between processes after a crash: the lease watch restores those).
 * Wakes of one game on one process share one attempt.
 */
export function waker(store: GameStore): Wake {
  const waking = new Map<string, Promise<boolean>>();
  // The matchmaker's listing, not liveRooms: a room is in liveRooms at the end of its onCreate,
  // a moment before Colyseus lists it, and a join by code needs the listing.
  const listed = async (code: string) => !!(await matchMaker.driver.findOne({ roomId: code }));
  const attempt = async (code: string): Promise<boolean> => {
    const until = Date.now() + WAKE_WAIT_MS;
    let woke = false;
    for (;;) {
      // A room of this process on its way to sleep: wait until the game is marked asleep.
      const settling = goingToSleep.get(code);
      if (settling) {
        await settling;
        woke = true;
      }
      if (await listed(code)) return true;
      if (!(await store.isAsleep(code))) {
        // Not asleep and in no room: unknown, finished or between processes after a crash
        // (nothing to wake), or just claimed by a process whose room is not listed yet — another
        // wake, or the lease watch: its lease is live; wait for its listing while this wake lasts.
        if (!woke && !(await store.leaseOf(code))?.live) return false;
        if (Date.now() > until) return false;
        woke = true;
      } else {
        woke = true;
        try {
          await matchMaker.createRoom("game", { code, woke: true });
          logger.info({ code }, "woke a sleeping game");
          return true;
        } catch (err) {
          // Its log the rules now refuse: no wake opens it; the join is told why. Its room's claim
          // took it out of sleep: marked asleep again, so the next one to come back is told too.
          if (isRulesChanged(err)) {
            await store.markAsleep([code], Date.now()).catch((e: unknown) => logger.error({ code, err: e }, "could not mark the game asleep"));
            throw err;
          }
          // Another process claimed it first (game/elsewhere): its room opens there.
          logger.info({ code, err: (err as Error).message }, "a sleeping game's wake went elsewhere");
        }
      }
      if (Date.now() > until) return false;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  return (code) => {
    let p = waking.get(code);
    if (!p) {
      p = attempt(code).finally(() => waking.delete(code));
      waking.set(code, p);
    }
    return p;
  };
}
