import type { Move } from "./actions.ts";
import type { GameState } from "./types.ts";

/**
 * Line ids. Every reader of a line reads its id (a client keeps its lines, and what it has read,
 * in id order across the channels it sees). Counted ids (1, 2, 3 …, one count for the whole game)
 * told a seat that saw plenary lines 10 and 15 that four lines it may not read were written in
 * between, in channels of others; so a line's id is instead the game's `version` its move made
 * (one move posts at most one line), which everyone is sent at that moment anyway
 * (docs/PROTOCOL.md, "State sync and views"): ids still rise in the order written, and say
 * nothing of what kind of move came between two of them.
 *
 * A game made under an edition of the rules before `VERSION_LINE_IDS` (./types.ts
 * `Settings.edition`) keeps counted ids, so its log, whose moderation moves name lines by id,
 * replays as played.
 */
export const VERSION_LINE_IDS = 3;

/** The id of the line a move applied to `state` posts (./apply.ts). */
export function nextLineId(state: Pick<GameState, "version" | "messages" | "settings">): number {
  return state.settings.edition >= VERSION_LINE_IDS ? state.version + 1 : state.messages.length + 1;
}

/**
 * The id of the line the move at `seq` (0-based) of a game's whole log posted, the `count`-th line
 * (1-based) the game has: a move's version is its place in the log, counted from 1.
 */
export function loggedLineId(edition: number | undefined, seq: number, count: number): number {
  return (edition ?? 1) >= VERSION_LINE_IDS ? seq + 1 : count;
}

/**
 * Whether an accepted move posts a line in the game's messages: a chat line, a broadcast, or a
 * ruling's line in the Facilitator channel (apply.ts), so whoever reads ids off a log counts with this.
 */
export function postsMessage(move: Pick<Move, "type">): boolean {
  return move.type === "chat" || move.type === "broadcast" || move.type === "rule-matrix";
}
