/**
 * Records every WebSocket frame a test client receives, as raw bytes, before the SDK decodes
 * anything. `@colyseus/sdk` picks its socket class once, when its module loads
 * (`const WebSocket = globalThis.WebSocket || NodeWebSocket` in
 * build/transport/WebSocketTransport.mjs), so this module must run before the SDK is
 * imported: tests/helpers/game-client.ts imports it first and loads the SDK afterwards.
 * The class is the `ws` package's socket (the SDK's own Node fallback), which can also be
 * cut without a close frame (`terminate()`), like a dropped network.
 */
import NodeWebSocket from "ws";

/**
 * A header the SDK passes on to every socket it opens (`new Client(endpoint, {headers})`), never
 * sent: the socket speaks from that local address instead (127.0.0.N, as a separate machine,
 * a school's address shared by its students; tests/helpers/game-client.ts `Conn.join`'s `from`).
 */
export const FROM_HEADER = "x-test-local-address";

/** The constructor's arguments with FROM_HEADER turned into ws's `localAddress`. */
function speakingFrom(args: ConstructorParameters<typeof NodeWebSocket>): ConstructorParameters<typeof NodeWebSocket> {
  const [url, options, ...rest] = args;
  const o = options as NodeWebSocket.ClientOptions | undefined;
  const from = o && typeof o === "object" && !Array.isArray(o) ? o.headers?.[FROM_HEADER] : undefined;
  if (!from) return args;
  const headers = { ...o!.headers };
  delete headers[FROM_HEADER];
  return [url, { ...o, headers, localAddress: String(from) }, ...rest] as unknown as ConstructorParameters<typeof NodeWebSocket>;
}

export class RecordingSocket extends NodeWebSocket {
  /** Every socket made in this process, oldest first. */
  static readonly all: RecordingSocket[] = [];

  /** Every message received, in order, as the bytes that came off the wire (after any frame reassembly). */
  readonly frames: Buffer[] = [];

  constructor(...args: ConstructorParameters<typeof NodeWebSocket>) {
    super(...speakingFrom(args));
    RecordingSocket.all.push(this);
    this.on("message", (data: NodeWebSocket.RawData | ArrayBuffer) => this.frames.push(toBuffer(data)));
  }

  get receivedBytes(): number {
    return this.frames.reduce((n, f) => n + f.length, 0);
  }
}

function toBuffer(data: NodeWebSocket.RawData | ArrayBuffer): Buffer {
  if (Array.isArray(data)) return Buffer.concat(data);
  if (data instanceof ArrayBuffer) return Buffer.from(new Uint8Array(data));
  return Buffer.from(data);
}

(globalThis as { WebSocket?: unknown }).WebSocket = RecordingSocket;
