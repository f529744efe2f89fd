/**
 * Calls a method of a game's room wherever the room runs: this process's room, or, with several
 * processes sharing Redis (docs/DEPLOY.md, "Several processes"), the room on the process that
 * runs the game, through Colyseus's remote room call (its arguments and result travel as JSON).
 * The HTTP routes that read or steer a running game (the join page's look-up, the past, a
 * class's tables) go through here, so none of them acts only on the games of its own process.
 */
import { matchMaker } from "@colyseus/core";
import { logger } from "../logger.ts";
import { liveRooms, type GameRoom } from "./GameRoom.ts";

/** The room's public methods. */
type Method = Exclude<{ [K in keyof GameRoom]-?: GameRoom[K] extends (...args: never[]) => unknown ? K : never }[keyof GameRoom], undefined>;
type Args<M extends Method> = GameRoom[M] extends (...args: infer A) => unknown ? A : never;
type Result<M extends Method> = GameRoom[M] extends (...args: never[]) => infer R ? Awaited<R> : never;

/** undefined: no process runs the game (asleep, finished, or its process gone and the game not restored yet). */
export type RoomCall = <M extends Method>(code: string, method: M, ...args: Args<M>) => Promise<Result<M> | undefined>;

/** `shared`: several processes share the games (Redis); without it a game runs here or nowhere. */
export function roomCall(shared: boolean): RoomCall {
  return async (code, method, ...args) => {
    const room = liveRooms.get(code);
    if (room) return (await (room[method] as (...a: unknown[]) => unknown)(...args)) as never;
    if (!shared || !(await matchMaker.driver.findOne({ roomId: code }))) return undefined;
    // A room listens on its own channel while its process lives; a process killed leaves its
    // listing behind until its games are restored elsewhere, but Redis drops its subscriptions
    // with its connection. Nobody listening: a call would only wait out Colyseus's timeout
    // (COLYSEUS_PRESENCE_SHORT_TIMEOUT, 2 s) for every table of a class, at every read.
    if (!(await matchMaker.presence.channels(roomChannel(code))).length) return undefined;
    try {
      return (await matchMaker.remoteRoomCall<GameRoom>(code, method as never, args)) as never;
    } catch (err) {
      // That process is gone (its game is being restored elsewhere: server/leases.ts) or the call
      // failed there. Logged by method alone: the error's text repeats the arguments (place tokens).
      logger.warn({ code, method, timedOut: /timed out/.test(String((err as Error)?.message)) }, "a room on another process did not answer");
      return undefined;
    }
  };
}

/**
 * The channel a room of Colyseus listens on for remote calls (its matchMaker's getRoomChannel,
 * not exported); as a pattern for PUBSUB CHANNELS, a game code (./GameRoom.ts) has no glob character.
 */
const roomChannel = (code: string) => `$${code}`;
