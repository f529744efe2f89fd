/**
 * View sync: the engine's state into the room's schema state, and each client's StateView
 * kept to exactly what it may read (docs/PROTOCOL.md, "State sync and views"). Public and
 * per-seat sections are JSON strings re-sent only when they change; chat lines are appended
 * once, private ones added to the views of the clients who may read their channel.
 */
import type { Client } from "@colyseus/core";
import type { GameState, Message } from "../../shared/engine/types.ts";
import { canReadChannel, type Viewer } from "../../shared/engine/views.ts";
import { computeSections, isPublicMessage } from "../../shared/protocol/sections.ts";
import { ChatLine, Section, type GameRoomState } from "./room-state.ts";

export class ViewSync {
  private privateLines: { message: Message; line: ChatLine }[] = [];
  private syncedMessages = 0;
  private linesById = new Map<number, ChatLine>();

  constructor(
    private state: GameRoomState,
    private game: () => GameState,
    private clients: () => Iterable<Client>,
    private viewerOf: (client: Client) => Viewer | undefined,
  ) {}

  /** Brings the schema state up to the game: changed sections, new chat lines. */
  sync(rejoinCodes: Record<string, string>) {
    const game = this.game();
    const { pub, priv } = computeSections(game, rejoinCodes);
    setSections(this.state.pub, pub);
    setSections(this.state.priv, priv);
    for (const message of game.messages.slice(this.syncedMessages)) {
      const line = new ChatLine({ id: message.id, json: JSON.stringify(message) });
      this.linesById.set(message.id, line);
      if (isPublicMessage(message)) {
        this.state.chat.push(line);
        continue;
      }
      this.state.privateChat.push(line);
      this.privateLines.push({ message, line });
      for (const client of this.clients()) if (this.canRead(client, message)) client.view?.add(line);
    }
    this.syncedMessages = game.messages.length;
  }

  /** A message changed after it was sent (removed by the facilitator): its line follows, for everyone who holds it. */
  rewriteLine(messageId: number) {
    const line = this.linesById.get(messageId);
    const message = this.game().messages.find((m) => m.id === messageId);
    if (line && message) line.json = JSON.stringify(message);
  }

  /** Gives a client's view the private lines it may read (after a join, a reconnection, a new seat). */
  addPrivateLines(client: Client) {
    for (const { message, line } of this.privateLines) if (this.canRead(client, message)) client.view?.add(line);
  }

  /** Takes every private line out of a client's view (it lost its seat). */
  removePrivateLines(client: Client) {
    // Only lines the view holds: removing one it never had sends the client a refId it does not know.
    for (const { line } of this.privateLines) if (client.view?.has(line)) client.view.remove(line);
  }

  /** After the facilitator's reading rights change: every client sees exactly what it may. */
  refreshPrivateLines() {
    for (const client of this.clients())
      for (const { message, line } of this.privateLines) {
        if (this.canRead(client, message)) client.view?.add(line);
        else if (client.view?.has(line)) client.view.remove(line); // never remove what a view lacks (unknown refId on the client)
      }
  }

  private canRead(client: Client, message: Message): boolean {
    const game = this.game();
    const viewer = this.viewerOf(client);
    const channel = game.channels[message.channel];
    return !!viewer && !!channel && canReadChannel(game, viewer, channel);
  }
}

function setSections(map: GameRoomState["pub"], sections: Record<string, string>) {
  for (const [key, json] of Object.entries(sections)) {
    const existing = map.get(key);
    if (!existing) map.set(key, new Section({ json }));
    else if (existing.json !== json) existing.json = json;
  }
}
