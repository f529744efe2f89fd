/**
 * The matchmaker's HTTP route (`POST /matchmake/METHOD/ROOM`, served by Colyseus, not
 * Express): only the two methods the game uses, and wrong codes counted per address with the
 * HTTP API's (server/codes.ts `codeGuesses`), so a script cannot guess join codes or rejoin
 * codes through it.
 */
import type http from "node:http";
import { matchMaker, ServerError } from "@colyseus/core";
import { codeGuesses, floods } from "./codes.ts";
import { logger } from "./logger.ts";

/**
 * The socket's address, stamped on each request and WebSocket upgrade before Colyseus sees
 * it: its auth context trusts X-Forwarded-For, which any client can write.
 */
const PEER_HEADER = "x-chokepoint-peer";

/** The address a matchmaker call or a room join came from (see PEER_HEADER). */
export function peerOf(context: { headers?: Headers } | undefined): string {
  return context?.headers?.get(PEER_HEADER) ?? "?";
}
/** Joining by code, and the SDK's reconnection; creating rooms is the server's job alone. */
const METHODS = new Set(["joinById", "reconnect"]);
const NOT_FOUND = 522; // ErrorCode.MATCHMAKE_INVALID_ROOM_ID

type AuthContext = { headers?: Headers };
type Invoke = (method: string, roomName: string, options: unknown, auth?: AuthContext) => Promise<unknown>;

/** A guess that missed: no such game. (Wrong rejoin codes, keys and tokens: GameRoom.onAuth.) */
function isWrongGuess(err: unknown): boolean {
  return (err as { code?: unknown })?.code === NOT_FOUND;
}

/**
 * `known(code)`: whether the database has that game. With several processes a game is briefly
 * in no process while it moves (its process died, another restores it): its players' retries
 * are not wrong guesses. `admit(code, options)`: the room's own join check when the game runs
 * in this process (it throws the coded refusal), so a join that will be refused costs one
 * HTTP request, not a seat reservation, a WebSocket and a refusal there; the room checks
 * again when the socket connects (and alone, for a game on another process).
 */
export function guardMatchmaking(
  httpServer: http.Server,
  known: (code: string) => Promise<boolean> = async () => false,
  admit: (code: string, options: unknown) => void = () => undefined,
): void {
  const stamp = (req: http.IncomingMessage) => {
    req.headers[PEER_HEADER] = req.socket.remoteAddress ?? "?";
  };
  httpServer.prependListener("request", stamp);
  httpServer.prependListener("upgrade", stamp);
  const controller = matchMaker.controller as unknown as { invokeMethod: Invoke };
  const invoke = controller.invokeMethod.bind(controller);
  controller.invokeMethod = async (method, roomName, options, auth) => {
    if (!METHODS.has(method)) throw new ServerError(403, `http/forbidden: the matchmaker only joins games by code`);
    const address = peerOf(auth);
    if (codeGuesses.blocked(address)) throw new ServerError(429, "rate/limited: too many wrong codes from here; wait a minute");
    if (floods.blocked(address)) throw new ServerError(429, "rate/limited: too many messages from here; wait a minute");
    if (method === "joinById") {
      try {
        admit(roomName, options);
      } catch (err) {
        // Wrong keys, rejoin codes and tokens are guesses, as in GameRoom.onAuth.
        if (err instanceof ServerError && err.message.startsWith("auth/bad_")) codeGuesses.miss(address);
        throw err;
      }
    }
    try {
      return await invoke(method, roomName, options, auth);
    } catch (err) {
      if (isWrongGuess(err) && !(await known(roomName).catch(() => false))) {
        codeGuesses.miss(address);
        if (codeGuesses.blocked(address)) logger.warn({ address }, "wrong codes: address refused for a minute");
      }
      throw err;
    }
  };
}
