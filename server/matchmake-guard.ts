/**
 * The matchmaker's HTTP route (`POST /matchmake/METHOD/ROOM`, served by Colyseus, not
 * Express): only the two methods the game uses, bodies of a known, small size, and wrong codes
 * counted per address with the HTTP API's (server/codes.ts `codeGuesses`), so a script cannot
 * guess join codes or rejoin codes through it.
 */
import type http from "node:http";
import { matchMaker, ServerError } from "@colyseus/core";
import { peerOf } from "./client-address.ts";
import { codeGuesses, floods } from "./codes.ts";
import { logger } from "./logger.ts";

/** The refusal of an address locked for wrong codes (server/codes.ts `codeGuesses`). */
export const WRONG_CODES_LIMITED = "rate/limited: too many wrong codes from here; wait a minute";
/** The refusal of a person who rejoined too often (server/codes.ts `rejoins`). */
export const REJOINS_LIMITED = "rate/rejoins: you have rejoined this game too often in the last minutes; wait a minute and join again";
/** The refusal of an address (or a person) closed for flooding (server/codes.ts `floods`, `floodedHolders`). */
export const FLOODS_LIMITED = "rate/limited: too many messages from here; wait a minute";
/**
 * A join by a code that is no running game (none such, or one that has ended): the matchmaker's
 * own "room … not found", under a code the web client has a sentence for (client/net/join-refusal.ts).
 * Its status stays the matchmaker's (522), which the SDK and the tests read.
 */
export const noGame = (err: unknown) => new ServerError(NOT_FOUND, `game/not_found: ${(err as Error).message}: no game of this code is running (it has ended, or the code is mistyped)`);

/**
 * A game whose stored log the rules of this version refuse (shared/engine/replay.ts
 * `ReplayRefused`): its room does not open (GameRoom.onCreate), and a join is refused with the
 * reason, which the web client has a sentence for (client/net/join-refusal.ts).
 */
export const rulesChanged = (message: string) => new ServerError(409, `game/rules_changed: ${message}`);
export const isRulesChanged = (err: unknown): boolean => err instanceof ServerError && err.message.startsWith("game/rules_changed:");

/**
 * Join options that carry a secret only its holder has (a seat token, the facilitator key):
 * such a join from a locked address goes on to the room, which lets it in if the secret matches
 * (GameRoom.admit). With several processes, only on the process that runs the game.
 */
function carriesSecret(options: unknown): boolean {
  const o = options as { as?: unknown; token?: unknown; key?: unknown } | null;
  return (o?.as === "player" && !!o.token) || (o?.as === "facilitator" && !!o.key);
}

/** Joining by code, and the SDK's reconnection; creating rooms is the server's job alone. */
const METHODS = new Set(["joinById", "reconnect"]);
const NOT_FOUND = 522; // ErrorCode.MATCHMAKE_INVALID_ROOM_ID

/**
 * The largest body a matchmaker call may have: join options are a name, a seat, roles and a
 * token or key, well under 1 KB. Colyseus reads the whole body into memory before it looks at
 * it, so a larger one is refused unread.
 */
const MATCHMAKE_BODY_LIMIT = 16 * 1024;

/**
 * Refuses a matchmaker call whose body is too large (413) or of unknown length (411: chunked,
 * so its size is not known until it has been read), before anything reads it. The response
 * closes the connection, so the rest of the body is never read.
 */
function refuseBody(req: http.IncomingMessage, res: http.ServerResponse): boolean {
  if (!req.url?.startsWith("/matchmake/")) return false;
  const length = req.headers["content-length"];
  let refusal: [number, string] | undefined;
  if (length === undefined && req.method === "POST") refusal = [411, "input/length_required: send the join options with a Content-Length"];
  else if (Number(length) > MATCHMAKE_BODY_LIMIT) refusal = [413, `input/too_large: join options are at most ${MATCHMAKE_BODY_LIMIT / 1024} KB`];
  if (!refusal) return false;
  const [status, error] = refusal;
  res.writeHead(status, { "content-type": "application/json", connection: "close" });
  res.end(JSON.stringify({ code: status, error }));
  return true;
}

type AuthContext = { headers?: Headers };
type Invoke = (method: string, roomName: string, options: unknown, auth?: AuthContext) => Promise<unknown>;

/** A guess that missed: no such game. (Wrong rejoin codes, keys and tokens: GameRoom.onAuth.) */
function isWrongGuess(err: unknown): boolean {
  return (err as { code?: unknown })?.code === NOT_FOUND;
}

/**
 * A seat the matchmaker could not reserve in a listed room (its SeatReservationError, which the
 * controller passes on as a plain ServerError): the room is closing (going to sleep, still listed
 * a moment), or it was just opened on another process, whose listing Colyseus writes before that
 * process answers the room's channel, so the request was lost and timed out ("already full").
 */
function isSeatMissed(err: unknown): boolean {
  return / is already full\.$| is no longer available\.$/.test((err as Error | undefined)?.message ?? "");
}

/** How long a join keeps waking a game whose room it keeps missing. */
const JOIN_WAKE_MS = 10_000;

/**
 * A join by code that finds no room, or one closing: the game may be asleep or on its way to
 * sleep; woken (server/wake.ts), the join goes on. Joins from several browsers at once, through
 * several processes, can each meet the game between rooms (its room closing for idleness, a
 * woken room not yet answering on the other process, or one that closed again before their seat
 * was reserved), so a join tries again while the wake says the game runs, for a while; a code
 * that is no game misses once.
 */
async function joinAwake<T>(join: () => Promise<T>, wake: () => Promise<boolean>): Promise<T> {
  const until = Date.now() + JOIN_WAKE_MS;
  for (let tries = 0; ; tries++) {
    try {
      return await join();
    } catch (err) {
      if (!(isWrongGuess(err) || isSeatMissed(err)) || Date.now() > until) throw err;
      if (tries) await new Promise((resolve) => setTimeout(resolve, 100));
      if (!(await wake())) throw err;
    }
  }
}

type SeatReservation = { roomId: string; sessionId: string; processId?: string; publicAddress?: string };
type Listing = { processId?: string; publicAddress?: string };

/**
 * Points a seat reservation at the process whose room holds the seat. Colyseus builds it from
 * the listing it read before reserving; while a game moves (its process paused past its lease,
 * another restoring it) that listing can still name the old process although the seat was
 * reserved in the new room (it answers the room's channel as soon as it is listed). The client
 * would then connect to a process that does not answer, and wait for ever.
 */
export async function pointAtSeat(reservation: SeatReservation): Promise<SeatReservation> {
  if (reservation.processId === matchMaker.processId) return reservation;
  const local = matchMaker.getLocalRoomById(reservation.roomId) as unknown as { _reservedSeats: Record<string, unknown>; _listing: Listing } | undefined;
  const listing: Listing | undefined = local && reservation.sessionId in local._reservedSeats ? local._listing : await matchMaker.driver.findOne({ roomId: reservation.roomId });
  if (!listing?.processId || listing.processId === reservation.processId) return reservation;
  logger.info({ code: reservation.roomId, listed: reservation.processId, holder: listing.processId }, "a join read a moving game's old listing: sent to its new process");
  const { publicAddress: _, ...rest } = reservation;
  return { ...rest, processId: listing.processId, ...(listing.publicAddress ? { publicAddress: listing.publicAddress } : {}) };
}

/**
 * `known(code)`: whether the database has that game. With several processes a game is briefly
 * in no process while it moves (its process died, another restores it): its players' retries
 * are not wrong guesses. `admit(code, options, address)`: the room's own join check when the game runs
 * in this process (it throws the coded refusal; false when the game runs elsewhere), so a join that will be refused costs one
 * HTTP request, not a seat reservation, a WebSocket and a refusal there; the room checks
 * again when the socket connects (and alone, for a game on another process). `wake(code)`: opens a
 * sleeping game's room again (server/wake.ts), so a join by code to it goes on as to a running game.
 */
export function guardMatchmaking(
  httpServer: http.Server,
  known: (code: string) => Promise<boolean> = async () => false,
  admit: (code: string, options: unknown, address: string) => boolean = () => false,
  wake: (code: string) => Promise<boolean> = async () => false,
): void {
  // The request listeners (Colyseus's, which serves the matchmaker and hands the rest to Express)
  // run only for a request the body check lets through.
  const listeners = httpServer.listeners("request") as ((req: http.IncomingMessage, res: http.ServerResponse) => void)[];
  httpServer.removeAllListeners("request");
  httpServer.on("request", (req: http.IncomingMessage, res: http.ServerResponse) => {
    if (refuseBody(req, res)) return;
    for (const listener of listeners) listener.call(httpServer, req, res);
  });
  const controller = matchMaker.controller as unknown as { invokeMethod: Invoke };
  const invoke = controller.invokeMethod.bind(controller);
  controller.invokeMethod = async (method, roomName, options, auth) => {
    if (!METHODS.has(method)) throw new ServerError(403, `http/forbidden: the matchmaker only joins games by code`);
    const address = peerOf(auth);
    // A reconnection carries its own secret too: Colyseus's reconnection token, which only the
    // connection that dropped has; the room checks it (a connection closed for flooding has none
    // that works: GameRoom.onDrop).
    const reconnecting = method === "reconnect";
    const locked = codeGuesses.blocked(address);
    if (locked && !reconnecting && !(method === "joinById" && carriesSecret(options))) throw new ServerError(429, WRONG_CODES_LIMITED);
    const flooded = floods.blocked(address);
    if (flooded && !reconnecting && !(method === "joinById" && carriesSecret(options))) throw new ServerError(429, FLOODS_LIMITED);
    try {
      // The room counts wrong keys, rejoin codes and tokens as guesses, as it does when the socket connects.
      const checked = reconnecting || (method === "joinById" && admit(roomName, options, address));
      // A locked address's secret goes on only where this process could check it; whatever fails
      // is refused alike, so a locked address learns nothing of which codes are games.
      if (locked && !checked) throw new ServerError(429, WRONG_CODES_LIMITED);
      if (flooded && !checked) throw new ServerError(429, FLOODS_LIMITED);
      const join = () => invoke(method, roomName, options, auth);
      const reservation = method === "joinById" ? await joinAwake(join, () => wake(roomName).catch((err: unknown) => (isRulesChanged(err) ? Promise.reject(err) : false))) : await join();
      return await pointAtSeat(reservation as SeatReservation);
    } catch (err) {
      if (isWrongGuess(err) && !(await known(roomName).catch(() => false))) {
        codeGuesses.miss(address);
        if (codeGuesses.blocked(address)) logger.warn({ address }, "wrong codes: address refused for a minute");
      }
      throw locked ? new ServerError(429, WRONG_CODES_LIMITED) : isWrongGuess(err) ? noGame(err) : err;
    }
  };
}
