/**
 * The load generator's WebSocket: the `ws` socket the SDK would use in Node, counting the
 * bytes of every frame by Colyseus protocol code (first byte, low 5 bits) without keeping
 * them. Installed as globalThis.WebSocket before @colyseus/sdk loads (it picks its socket
 * class once, when its module is evaluated).
 */
import NodeWebSocket from "ws";

export const PROTOCOL = { JOIN_ROOM: 10, ROOM_DATA: 13, ROOM_STATE: 14, ROOM_STATE_PATCH: 15, ROOM_RESPONSE: 22 } as const;

/** Sizes of patch frames (bytes → how many), and totals by protocol code, since the last reset. */
export const traffic = {
  patchSizes: new Map<number, number>(),
  bytesByCode: new Map<number, number>(),
  reset() {
    this.patchSizes.clear();
    this.bytesByCode.clear();
  },
};

export class CountingSocket extends NodeWebSocket {
  /** Bytes this socket received by protocol code (for per-client join and patch figures). */
  readonly received = new Map<number, number>();
  patches = 0;

  constructor(...args: ConstructorParameters<typeof NodeWebSocket>) {
    super(...args);
    this.on("message", (data: NodeWebSocket.RawData | ArrayBuffer) => {
      const size = Array.isArray(data) ? data.reduce((n, b) => n + b.length, 0) : data instanceof ArrayBuffer ? data.byteLength : data.length;
      const first = Array.isArray(data) ? data[0]![0]! : data instanceof ArrayBuffer ? new Uint8Array(data)[0]! : data[0]!;
      const code = first & 0x1f;
      this.received.set(code, (this.received.get(code) ?? 0) + size);
      traffic.bytesByCode.set(code, (traffic.bytesByCode.get(code) ?? 0) + size);
      if (code === PROTOCOL.ROOM_STATE_PATCH) {
        this.patches++;
        traffic.patchSizes.set(size, (traffic.patchSizes.get(size) ?? 0) + 1);
      }
    });
  }
}

(globalThis as { WebSocket?: unknown }).WebSocket = CountingSocket;
