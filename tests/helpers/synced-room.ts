/**
 * The room's view sync (server/rooms/view-sync.ts) without a server: the engine's game, the
 * room state and the clients given, for tests and benchmarks that drive it move by move.
 */
import type { Client } from "@colyseus/core";
import { apply, type Action, type Move } from "../../shared/engine/index.ts";
import type { Viewer } from "../../shared/engine/views.ts";
import { GameRoomState } from "../../server/rooms/room-state.ts";
import { ViewSync } from "../../server/rooms/view-sync.ts";
import { classroom, newGame, ok } from "../engine/helpers.ts";

/**
 * A room's view sync over `clients` (by default one without a view), whose delays run when the
 * test says a delay passed.
 */
export function syncedRoom(clients: () => Client[] = () => [{} as Client], viewerOf: (client: Client) => Viewer | undefined = () => undefined) {
  // A game with teams: the seats' team channels are the private lines tests and benchmarks send.
  let game = newGame(classroom(), { teams: true });
  const state = new GameRoomState();
  const queued: (() => void)[] = [];
  const sync = new ViewSync(state, () => game, clients, viewerOf, {}, (fn) => void queued.push(fn));
  return {
    state,
    sync,
    game: () => game,
    act(actor: Parameters<typeof ok>[1], move: Move) {
      game = ok(game, actor, move);
      // As the room does (server/rooms/GameRoom.ts): a removed message's line is rewritten.
      if (move.type === "delete-message") sync.rewriteLine(move.messageId);
      sync.sync({});
    },
    /** An action with what `act` cannot give (a stated reason). */
    run(action: Action) {
      const r = apply(game, action);
      if (!r.ok) throw new Error(r.error.code);
      game = r.state;
      sync.sync({});
    },
    /** A whole delay passes: what was waiting for it runs (what that schedules waits for the next). */
    delayPasses() {
      for (const fn of queued.splice(0)) fn();
    },
  };
}
