/**
 * Real `@colyseus/sdk` clients for the server tests, each recording the raw bytes it
 * receives. Players, observers and the facilitator share one wrapper (`Conn`, made by
 * `join.player/observer/facilitator`) that rebuilds the client's view exactly as the web
 * client does (`assembleView(room.state.toJSON(), viewer, book)`, the book fetched over HTTP) and sends requests with replies.
 */
// The recorder must replace globalThis.WebSocket before the SDK module is evaluated.
import http from "node:http";
import { FROM_HEADER, RecordingSocket } from "./recording-socket.ts";
import type { Room as SdkRoom, Client as SdkClient } from "@colyseus/sdk";
import type { z } from "zod";
import type { AskBotAnswer, AskBotRequest, FacilitatorCommandSchema, JoinOptions, Notice, PlayerMoveSchema, PreviewRequest, Reply, RulingPreviewRequest, Welcome } from "../../shared/protocol/messages.ts";
import { assembleView, type ClientView, type ScenarioBook, type SyncedState } from "../../shared/protocol/view.ts";
import { Archive, PAST_PARTS, pastHeaders, type PastItems, type PastPart } from "../../shared/protocol/archive.ts";
import type { RoundRecord } from "../../shared/engine/types.ts";
import type { GameView } from "../../shared/engine/views.ts";
import { waitFor } from "./wait.ts";

const sdk = await import("@colyseus/sdk");

/**
 * What the SDK's schema decoder complained about ("refId" not found, definition mismatch, bad
 * UTF-8...): it logs and carries on with a wrong state, so tests must look here
 * (`expectCleanDecoding()` after each test).
 */
export const decoderComplaints: string[] = [];
for (const level of ["error", "warn"] as const) {
  const original = console[level].bind(console);
  console[level] = (...args: unknown[]) => {
    const text = args.map((a) => (typeof a === "string" ? a : a instanceof Error ? a.message : "")).join(" ");
    if (/refId|@colyseus\/schema|decode\.|definition mismatch/.test(text)) decoderComplaints.push(text.slice(0, 300));
    original(...args);
  };
}

export function expectCleanDecoding(): void {
  const found = decoderComplaints.splice(0);
  if (found.length) throw new Error(`the SDK's decoder complained ${found.length} time(s):\n${found.join("\n")}`);
}

/** What a client sends (schema inputs: defaults may be left out). */
export type PlayerMove = z.input<typeof PlayerMoveSchema>;
export type FacilitatorCommand = z.input<typeof FacilitatorCommandSchema>;
export type AnyReply = Reply<Record<string, unknown>>;
export type RefusedReply = Extract<AnyReply, { ok: false }>;

const books = new Map<string, Promise<ScenarioBook>>();

async function getJson<T>(url: string, headers: Record<string, string> = {}): Promise<T> {
  const res = await fetch(url, { headers });
  if (!res.ok) throw new Error(`GET ${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** A game's scenario book as the web client fetches it (with the event cards when the facilitator key is given), once per game. */
export function fetchBook(endpoint: string, code: string, key?: string): Promise<ScenarioBook> {
  endpoint = endpoint.replace(/^ws/, "http"); // the SDK's ws:// endpoint serves HTTP on the same port
  const id = `${endpoint}/${code}/${key ?? ""}`;
  let book = books.get(id);
  if (!book) {
    book = Promise.all([
      getJson<ScenarioBook>(`${endpoint}/api/games/${code}/scenario`),
      key ? getJson<ScenarioBook["cards"]>(`${endpoint}/api/games/${code}/cards`, { "x-facilitator-key": key }) : undefined,
      key ? getJson<ScenarioBook["secrets"]>(`${endpoint}/api/games/${code}/secrets`, { "x-facilitator-key": key }) : undefined,
    ]).then(([b, cards, secrets]) => (cards ? { ...b, cards, secrets } : b));
    books.set(id, book);
    book.catch(() => books.delete(id));
  }
  return book;
}

export class Conn {
  readonly welcomes: Welcome[] = [];
  /** What the server told this connection alone (a mute, its lifting). */
  readonly notices: Notice[] = [];
  /** Frames received before this wrapper existed are on the socket too (it records from birth). */
  readonly socket: RecordingSocket;

  /** The game's scenario book, fetched as the web client does (GET /api/games/:code/scenario). */
  book!: ScenarioBook;
  /** What left the room state that this client saw or fetched, as the web client keeps it. */
  archive = new Archive();
  private merged?: SyncedState;
  /** The next state is the first of a connection, or of another seat. */
  private fresh = true;

  private constructor(
    readonly client: SdkClient,
    readonly room: SdkRoom,
    readonly options: JoinOptions,
  ) {
    const ws = (room as unknown as { connection: { transport: { ws: unknown } } }).connection.transport.ws;
    if (!(ws instanceof RecordingSocket)) throw new Error("the SDK did not use the recording socket: was @colyseus/sdk imported before tests/helpers/recording-socket.ts?");
    this.socket = ws;
    room.onMessage("welcome", (w: Welcome) => {
      const before = this.welcomes.at(-1);
      this.welcomes.push(w);
      // What this client kept belongs to who it was: another seat starts afresh (as client/net/connection.ts does).
      const who = (x: Welcome) => (x.kind === "player" ? (x.seat ?? "") : x.kind);
      if (before && who(before) !== who(w) && this.merged) {
        // It comes before the patch that changes what this client may read: the new archive starts from that patch.
        this.archive = new Archive();
        this.fresh = true;
        this.merged = new Archive().merge(this.syncedState(), true);
      }
    });
    room.onMessage("notice", (n: Notice) => this.notices.push(n));
    room.onStateChange((state: { toJSON(): unknown }) => {
      this.merged = this.archive.merge(state.toJSON() as SyncedState, this.fresh);
      this.fresh = false;
    });
    // Tests decide when to reconnect; the SDK's automatic retries would race them.
    room.reconnection.enabled = false;
  }

  /** `from`: the local address (127.0.0.N) the SDK speaks from, over HTTP and WebSocket alike, its reconnections too. */
  static async join(endpoint: string, code: string, options: JoinOptions, from?: string): Promise<Conn> {
    const client = new sdk.Client(endpoint, from ? { headers: { [FROM_HEADER]: from }, fetchFn: fetchFrom(from) } : undefined);
    const book = fetchBook(endpoint, code, options.as === "facilitator" ? options.key : undefined);
    // The handlers go on the room as soon as it is joined: the SDK drops a message that comes
    // before its handler, and the welcome comes one round trip after the join. (Waiting for the
    // book first lost the welcome whenever the HTTP answer was the slower, on a loaded machine.)
    const conn = new Conn(client, await client.joinById(code, options), options);
    conn.book = await book;
    await waitFor(() => conn.welcomes.length > 0 && conn.synced, { message: `welcome and state for ${JSON.stringify(options)}` });
    return conn;
  }

  /** `client.reconnect(room.reconnectionToken)` after a drop: a new connection to the same session. */
  async reconnect(): Promise<Conn> {
    const room = await this.client.reconnect(this.room.reconnectionToken);
    const conn = new Conn(this.client, room, this.options);
    conn.book = this.book;
    conn.archive = this.archive;
    conn.welcomes.push(...this.welcomes);
    await waitFor(() => conn.synced, { message: "state after reconnection" });
    return conn;
  }

  get welcome(): Welcome {
    const w = this.welcomes.at(-1);
    if (!w) throw new Error("no welcome yet");
    return w;
  }

  get synced(): boolean {
    const s = this.room.state as { pub?: { size?: number } } | undefined;
    return !!s?.pub && (s.pub.size ?? 0) > 0;
  }

  get viewer(): GameView["viewer"] {
    const w = this.welcome;
    if (w.kind === "facilitator") return { kind: "facilitator" };
    if (w.kind === "player" && w.seat) return { kind: "seat", seat: w.seat, roles: (w.roles ?? []) as ("diplomat" | "regulator" | "envoy")[] };
    return { kind: "observer" };
  }

  /** The raw synced state, as the client decoded it. */
  syncedState(): SyncedState {
    return this.room.state.toJSON() as SyncedState;
  }

  /** What this client sees now: the same function the web client uses, with what it kept and fetched. */
  view(): ClientView {
    const v = this.merged && assembleView(this.merged, this.viewer, this.book);
    if (!v) throw new Error("no view yet");
    return v;
  }

  /** The HTTP address of this client's game, with the credentials the web client sends. */
  private pastRequest(path: string, via?: string): [string, Record<string, string>] {
    const endpoint = (this.client as unknown as { settings: { hostname: string; port: string } }).settings;
    const origin = via ? via.replace(/^ws/, "http") : `http://${endpoint.hostname}:${endpoint.port}`;
    const url = `${origin}/api/games/${this.room.roomId}/${path}`;
    const w = this.welcome;
    return [url, pastHeaders(this.options.as === "facilitator" ? { key: this.options.key } : { token: w.kind === "player" ? w.token : undefined })];
  }

  /**
   * Fetches a part of the past as the web client does when a panel reads it; `via`: another
   * server's endpoint (in a cluster, any process answers for any game).
   */
  async fetchPast(part: PastPart, via?: string): Promise<void> {
    this.archive.add(part, await getJson<PastItems[typeof part]>(...this.pastRequest(`past/${part}`, via)));
    this.merged = this.archive.merge(this.syncedState(), false);
  }

  /** Fetches every part of the past and every round's record: what the client shows once each of its panels has been read. */
  async fetchEverything(): Promise<void> {
    for (const part of PAST_PARTS) await this.fetchPast(part);
    await this.fetchRecords();
  }

  /** Fetches the records of every recorded round. */
  async fetchRecords(): Promise<void> {
    for (const round of this.view().recorded) this.archive.addRecord(await getJson<RoundRecord>(...this.pastRequest(`rounds/${round}`)));
    this.merged = this.archive.merge(this.syncedState(), false);
  }

  /** Sends a move with a fresh action id (or the one given: a retry); payloads that are not objects go as they are. */
  act(move: PlayerMove | Record<string, unknown> | unknown, actionId = newActionId()): Promise<AnyReply> {
    return this.room.request("act", withId(move, actionId) as never, { timeout: 5000 }) as Promise<AnyReply>;
  }

  /** Acts and expects the server to accept. */
  async ok(move: PlayerMove): Promise<{ version: number }> {
    const reply = await this.act(move);
    if (!reply.ok) throw new Error(`${JSON.stringify(move)} refused: ${reply.error.code} ${reply.error.message}`);
    return reply as unknown as { version: number };
  }

  /** Proposes a draft as this client's seat and returns the new offer's id once it shows in the view. */
  async propose(draft: unknown): Promise<string> {
    const seat = "seat" in this.viewer ? this.viewer.seat : undefined;
    const before = new Set(this.view().agreements.map((a) => a.id));
    await this.ok({ type: "propose", draft } as never);
    return waitFor(() => this.view().agreements.find((a) => !before.has(a.id) && a.proposedBy === seat)?.id, { message: "the new offer in the view" });
  }

  facilitator(command: FacilitatorCommand | Record<string, unknown>, actionId = newActionId()): Promise<AnyReply> {
    return this.room.request("facilitator", withId(command, actionId) as never, { timeout: 5000 }) as Promise<AnyReply>;
  }

  async command(command: FacilitatorCommand): Promise<void> {
    const reply = await this.facilitator(command);
    if (!reply.ok) throw new Error(`${JSON.stringify(command)} refused: ${reply.error.code} ${reply.error.message}`);
  }

  preview(request: PreviewRequest | Record<string, unknown>): Promise<AnyReply> {
    return this.room.request("preview", request as never, { timeout: 5000 }) as Promise<AnyReply>;
  }

  /** What a ruling on a free-form action would change (the facilitator's only). */
  previewRuling(request: RulingPreviewRequest | Record<string, unknown>): Promise<AnyReply> {
    return this.room.request("preview-ruling", request as never, { timeout: 5000 }) as Promise<AnyReply>;
  }

  /** "What would it take?": asks a bot's seat for terms it would sign (a bot thinks longer than a move takes). */
  askBot(request: AskBotRequest | Record<string, unknown>): Promise<Reply<AskBotAnswer>> {
    return this.room.request("ask-bot", request as never, { timeout: 10_000 }) as Promise<Reply<AskBotAnswer>>;
  }

  get open(): boolean {
    return this.socket.readyState === RecordingSocket.OPEN;
  }

  /** Every byte received so far, frames concatenated. */
  bytes(): Buffer {
    return Buffer.concat(this.socket.frames);
  }

  received(text: string): boolean {
    return this.bytes().includes(Buffer.from(text, "utf8"));
  }

  /** The network goes away: the TCP connection is destroyed without a close frame. */
  async drop(): Promise<void> {
    this.socket.terminate();
    await waitFor(() => this.socket.readyState === RecordingSocket.CLOSED, { message: "socket closed" });
  }

  async leave(): Promise<void> {
    if (this.open) await this.room.leave(true);
  }
}

/** A `fetch` for the SDK's matchmaker requests, speaking from a local address (127.0.0.N). */
function fetchFrom(localAddress: string): typeof fetch {
  return (async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(String(input));
    const headers = Object.fromEntries(new Headers(init?.headers).entries());
    delete headers[FROM_HEADER];
    const body = typeof init?.body === "string" ? init.body : undefined;
    if (body !== undefined) headers["content-length"] = String(Buffer.byteLength(body));
    return new Promise<Response>((resolve, reject) => {
      const req = http.request({ host: url.hostname, port: url.port, path: `${url.pathname}${url.search}`, method: init?.method ?? "GET", headers, localAddress }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (d: Buffer) => chunks.push(d));
        res.on("end", () => {
          const answer = new Headers();
          for (const [k, v] of Object.entries(res.headers)) if (typeof v === "string") answer.set(k, v);
          resolve(new Response(Buffer.concat(chunks), { status: res.statusCode ?? 0, headers: answer }));
        });
      });
      req.on("error", reject);
      req.end(body);
    });
  }) as typeof fetch;
}

let actionCount = 0;
/** A new client-chosen action id (docs/PROTOCOL.md, "Requests"). */
export function newActionId(): string {
  return `t${process.pid}-${Date.now().toString(36)}-${++actionCount}`;
}

function withId(payload: unknown, actionId: string): unknown {
  return payload !== null && typeof payload === "object" && !Array.isArray(payload) ? { ...payload, actionId } : payload;
}

export const join = {
  player: (endpoint: string, code: string, o: Omit<Extract<JoinOptions, { as: "player" }>, "as">) => Conn.join(endpoint, code, { as: "player", ...o }),
  observer: (endpoint: string, code: string, name = "Observer") => Conn.join(endpoint, code, { as: "observer", name }),
  facilitator: (endpoint: string, code: string, key: string) => Conn.join(endpoint, code, { as: "facilitator", key }),
};

/** Tries to join and returns the error message the server refused with (throws if it let us in). */
export async function refusedJoin(endpoint: string, code: string, options: JoinOptions): Promise<string> {
  const client = new sdk.Client(endpoint);
  let room: SdkRoom | undefined;
  // The SDK warns "Room connection was closed unexpectedly" for every refused join; expected here.
  const warn = console.warn;
  console.warn = () => {};
  const before = RecordingSocket.all.length;
  try {
    room = await client.joinById(code, options);
  } catch (err) {
    const opened = RecordingSocket.all.slice(before);
    await waitFor(() => opened.every((s) => s.readyState === RecordingSocket.CLOSED), { message: "the refused socket to close" });
    return err instanceof Error ? err.message : String(err);
  } finally {
    console.warn = warn;
  }
  await room.leave(true);
  throw new Error(`join ${JSON.stringify(options)} was accepted`);
}

export async function leaveAll(...conns: (Conn | undefined)[]): Promise<void> {
  await Promise.all(conns.map((c) => c?.leave().catch(() => {})));
}

export function expectRefused(reply: AnyReply, code: string): RefusedReply {
  if (reply.ok) throw new Error(`expected ${code}, got ok: ${JSON.stringify(reply)}`);
  if (reply.error.code !== code) throw new Error(`expected ${code}, got ${reply.error.code}: ${reply.error.message}`);
  return reply;
}
