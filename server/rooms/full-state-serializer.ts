/**
 * The room's schema serializer, with one fix for late joiners.
 *
 * @colyseus/core 0.18.17's `SchemaSerializer.getFullState` encodes the shared part of a full
 * state into `fullEncodeBuffer` (Encoder.BUFFER_SIZE, 16 KB). When the state outgrows it, the
 * encoder grows into a new buffer, but `fullEncodeBuffer` keeps pointing at the old one; the
 * per-client `StateView` part is then appended to the old buffer, which is copied over the
 * shared part when it grows again. A client with a view (every client here) that joins once
 * the public state passes 16 KB received zeros in place of its tail (chat lines first): JSON it
 * cannot parse, found by tests/server/hidden-information.test.ts. Keeping the grown buffer
 * makes every later full state whole.
 *
 * And one fix for size: a room adds a joining client's private parts to its StateView in
 * onJoin, which queues them as view changes; the full state (sent once the client confirms
 * the join) already holds them, and the next patch sent them again (13 KB more for an
 * alliance facilitator). The full state is the client's whole picture, so its queued view
 * changes are dropped once it is encoded.
 *
 * And one fix for CPU: the room's patch clock ticks 20 times a second, and most ticks find
 * nothing to send. On such a tick 0.18.17 still looks for clients whose view changed with
 * `clients.filter`, which on Colyseus's Array subclass builds a new instance the slow way: 18 µs
 * per request of the game server's CPU under the load model (docs/PERFORMANCE.md). A plain loop
 * answers first; a tick with something to send takes the library's path.
 */
import { SchemaSerializer, type Client } from "@colyseus/core";
import { Encoder, type Schema } from "@colyseus/schema";

// The encoder writes a patch's shared part, then each view's part, into one buffer, and warns
// when one part does not fit in BUFFER_SIZE free bytes. A join is at most 32 KB
// (docs/PERFORMANCE.md), but a round's resolution sends its changes and their causes (about
// 40 KB in Alliance 2021), and the facilitator's part then holds every seat's (45 KB with
// private channels read). Set before any room builds its encoder; each room keeps two buffers.
Encoder.BUFFER_SIZE = 64 * 1024;

export class FullStateSerializer<T extends Schema> extends SchemaSerializer<T> {
  override applyPatches(clients: Client[], state?: unknown, timing?: Parameters<SchemaSerializer<T>["applyPatches"]>[2]) {
    if (!timing && clients.length && !this.encoder.hasChanges && !someViewChanged(clients)) return false;
    return super.applyPatches(clients, state, timing);
  }

  override getFullState(client?: Client, timing?: Parameters<SchemaSerializer<T>["getFullState"]>[1]) {
    // Without a client this only (re)encodes the shared part, into a grown buffer if needed.
    const shared = super.getFullState();
    if (shared.buffer !== this.fullEncodeBuffer.buffer) this.fullEncodeBuffer = new Uint8Array(shared.buffer);
    if (!client) return shared;
    const full = super.getFullState(client, timing);
    client.view?.changes.clear();
    return full;
  }
}

function someViewChanged(clients: Client[]): boolean {
  for (let i = 0; i < clients.length; i++) if (clients[i]!.view?.changes.size) return true;
  return false;
}
