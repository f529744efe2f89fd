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
 */
import { SchemaSerializer, type Client } from "@colyseus/core";
import type { Schema } from "@colyseus/schema";

export class FullStateSerializer<T extends Schema> extends SchemaSerializer<T> {
  override getFullState(client?: Client, timing?: Parameters<SchemaSerializer<T>["getFullState"]>[1]) {
    // Without a client this only (re)encodes the shared part, into a grown buffer if needed.
    const shared = super.getFullState();
    if (shared.buffer !== this.fullEncodeBuffer.buffer) this.fullEncodeBuffer = new Uint8Array(shared.buffer);
    return client ? super.getFullState(client, timing) : shared;
  }
}
