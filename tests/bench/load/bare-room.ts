/**
 * The baseline of the load benchmark: a bare Colyseus 0.18 room with a tiny schema-v5 state
 * (one entry per player, a counter), answering the same request/reply traffic as the game
 * room. What Colyseus itself costs on this machine, measured in the same run.
 */
import { Room, type Client } from "@colyseus/core";
import { schema, t, type SchemaType } from "@colyseus/schema";

const Player = schema({ name: t.string(), x: t.number(), y: t.number(), moves: t.number() }, "BarePlayer");
type Player = SchemaType<typeof Player>;
const BareState = schema({ tick: t.number(), players: t.map(Player) }, "BareState");
type BareState = SchemaType<typeof BareState>;

export class BareRoom extends Room<{ state: BareState }> {
  override state = new BareState();
  override autoDispose = false;

  override messages = {
    act: (client: Client, payload: unknown) => {
      const p = this.state.players.get(client.sessionId);
      if (!p || typeof payload !== "object" || payload === null) return { ok: false, error: { code: "input/invalid", message: "bad" } };
      p.x = (p.x + 1) % 100;
      p.moves += 1;
      this.state.tick += 1;
      return { ok: true, version: this.state.tick };
    },
  };

  override onJoin(client: Client, options: { name?: string }) {
    this.state.players.set(client.sessionId, new Player({ name: String(options?.name ?? "p"), x: 0, y: 0, moves: 0 }));
    client.send("welcome", { kind: "player" });
  }

  override onLeave(client: Client) {
    this.state.players.delete(client.sessionId);
  }
}
