/**
 * Opens the room of a game just written to the database (a new game, a class's table, a
 * what-if fork) through the matchmaker, which picks the process that runs it.
 *
 * With several processes (docs/DEPLOY.md, "Several processes"), Colyseus asks the process it
 * picked to create the room and waits COLYSEUS_PRESENCE_SHORT_TIMEOUT (2 s) for its answer; past
 * that it creates the room on this process as well. A process that is slow (a loaded machine),
 * not gone, has by then claimed the game's lease, so the room here stands down with
 * game/elsewhere (GameRoom.onCreate) — and the teacher creating a class was answered 500 for a
 * game that runs. Here that refusal means the game is opened elsewhere: this waits for its
 * listing there, so the code handed back can be joined at once. Should that process fail to
 * open it after all, its lease lapses and the lease watch restores the game (server/leases.ts).
 */
import { matchMaker, ServerError } from "@colyseus/core";
import { logger } from "../logger.ts";

/** The refusal of a room whose game another process holds the lease of (GameRoom.onCreate). */
export const runsElsewhere = (code: string) => new ServerError(409, `game/elsewhere: game ${code} runs on another process`);
const isElsewhere = (err: unknown): boolean => err instanceof ServerError && err.message.startsWith("game/elsewhere:");

/** How long a create waits for the room another process is opening to be listed. */
const LISTING_WAIT_MS = 10_000;

export async function openGame(options: { code: string; paused?: boolean }): Promise<void> {
  try {
    await matchMaker.createRoom("game", options);
    return;
  } catch (err) {
    if (!isElsewhere(err)) throw err;
  }
  const until = Date.now() + LISTING_WAIT_MS;
  while (!(await matchMaker.driver.findOne({ roomId: options.code }))) {
    if (Date.now() > until) {
      logger.warn({ code: options.code }, "a new game's room, claimed by another process, is not listed yet");
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  logger.info({ code: options.code }, "a new game's room opened on another process, which answered the matchmaker late");
}
