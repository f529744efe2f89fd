import type { Move } from "./actions.ts";

/**
 * Whether an accepted move posts a line in the game's messages: a chat line, a broadcast, or a
 * ruling's line in the Facilitator channel (apply.ts). A line's id is the count of such moves up
 * to and including its own, so whoever reads ids off a log counts with this.
 */
export function postsMessage(move: Pick<Move, "type">): boolean {
  return move.type === "chat" || move.type === "broadcast" || move.type === "rule-matrix";
}
