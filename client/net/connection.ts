/**
 * The network seam: the only module that imports @colyseus/sdk. It joins a game room, turns
 * every state patch into the viewer's view (shared/protocol/view.ts) in the store, keeps the
 * seat token so a refresh returns to the same seat, shows dropped connections as
 * "reconnecting", and wraps every request so the caller gets `{ ok, error }`, never a throw.
 */
import { Client, type Room } from "@colyseus/sdk";
import { ClosedWhySchema, MovedToSchema, type AskBotAnswer, type AskBotRequest, type FacilitatorCommand, type JoinOptions, type Notice, type PlayerMove, type PreviewRequest, type Reply, type RulingPreviewRequest, type Welcome } from "../../shared/protocol/messages.ts";
import type { PreviewLine, RulingLine } from "../../shared/engine/preview.ts";
import { ROLES, type Role } from "../../shared/engine/vocabulary.ts";
import { actingMinistries, assembleView, holderRoles, type ScenarioBook, type SyncedState } from "../../shared/protocol/view.ts";
import type { ExitTicket, MyExitTicket, NoteRequest } from "../../shared/protocol/classes.ts";
import type { GameView } from "../../shared/engine/views.ts";
import { text, type Text } from "../../shared/engine/text.ts";
import { currentLocale, t, wholeCatalogReady } from "../i18n/index.ts";
import { localizeView } from "../i18n/scenario-text.ts";
import type { Store } from "../state/store.ts";
import { gamePast, isClassCode, lobbyInfo, roundRecord, scenarioBook, scenarioCards, scenarioSecrets } from "./http.ts";
import { isOver } from "../model/lobby.ts";
import { Archive, type PastAuth, type PastPart } from "../../shared/protocol/archive.ts";
import { joinRefusal, sentAwayText } from "./join-refusal.ts";
import { sendAction } from "./retry.ts";
import type { SessionMemory } from "./session-memory.ts";

const REQUEST_TIMEOUT = 15_000;
/** How many times in a row the server may say it has no game of this code before a rejoin gives up. */
const UNKNOWN_TRIES = 3;

/**
 * Who I am in the view. With teams, I act for my ministries and for those nobody else in my
 * seat holds (as the server does), so `seats` (the synced seat list) widens my roles.
 */
export function viewerOf(me: Welcome, seats?: SyncedState["seats"]): GameView["viewer"] {
  if (me.kind === "facilitator") return { kind: "facilitator" };
  if (me.kind === "player" && me.seat) {
    const roles = (me.roles ?? []).filter((r): r is Role => (ROLES as readonly string[]).includes(r));
    if (!roles.length || roles.length === ROLES.length) return { kind: "seat", seat: me.seat, roles: [...ROLES] };
    const holders = Object.values(seats?.[me.seat]?.holders ?? {}).map((h) => holderRoles(h.roles));
    return { kind: "seat", seat: me.seat, roles: actingMinistries(roles, holders, true) };
  }
  return { kind: "observer" };
}

function endpoint(): string {
  return window.location.origin;
}

function errorText(e: unknown): string {
  if (e && typeof e === "object" && "message" in e && typeof (e as Error).message === "string") return (e as Error).message;
  return String(e);
}

export class GameConnection {
  private room?: Room;
  /** The last state decoded, and with what this client kept and fetched of the past (shared/protocol/archive.ts). */
  private raw?: SyncedState;
  private synced?: SyncedState;
  private archive = new Archive();
  /** The next state is the first of a new connection. */
  private fresh = true;
  /** Parts of the past and round records being fetched. */
  private fetching = new Set<string>();
  private archivedFor = "";
  /** The game's scenario book (shared/protocol/view.ts): fetched once, beside the first join. */
  private book?: ScenarioBook;
  private closed = false;
  private retrying?: ReturnType<typeof setTimeout>;
  /** Rejoins in a row that the server answered with "no game of this code" (scheduleRejoin). */
  private unknown = 0;

  constructor(
    readonly code: string,
    private options: JoinOptions,
    private store: Store,
    private memory: SessionMemory,
  ) {}

  /** Joins (or rejoins with the stored token). Resolves with an error sentence on failure. */
  async open(rejoin = false): Promise<{ ok: true } | { ok: false; message: string; code?: string; movedTo?: number }> {
    this.store.set({ status: rejoin ? "reconnecting" : "connecting", error: undefined, elsewhere: undefined });
    try {
      const client = new Client(endpoint());
      const book = this.book ? undefined : this.fetchBook();
      const room = await client.joinById(this.code, this.options);
      if (this.closed) {
        void room.leave(true);
        return { ok: false, message: "closed" };
      }
      // Handlers go on at once: the SDK drops a message (the welcome, one round trip after the
      // join) that arrives before its handler, and the book's fetch may well be slower.
      this.attach(room);
      if (book) {
        const got = await book;
        if (!got.ok) {
          this.room = undefined;
          void room.leave(true);
          throw new Error(got.message);
        }
        this.book = got.book;
        this.refresh();
      }
      this.store.set({ status: "connected" });
      if (rejoin) this.store.notice({ kind: "info", text: text("conn.reconnected") });
      return { ok: true };
    } catch (e) {
      // A refusal's sentence is in the catalog's later part, which the start page may not have yet.
      await wholeCatalogReady();
      const { code, message, movedTo } = joinRefusal(errorText(e), this.options);
      if (!rejoin) this.store.set({ status: "lost", error: message });
      return { ok: false, message, ...(code ? { code } : {}), ...(movedTo !== undefined ? { movedTo } : {}) };
    }
  }

  /** The game's scenario book; a facilitator's has the event cards and the secret objectives too. */
  private async fetchBook(): Promise<{ ok: true; book: ScenarioBook } | { ok: false; message: string }> {
    const key = this.options.as === "facilitator" ? this.options.key : undefined;
    const [book, cards, secrets] = await Promise.all([scenarioBook(this.code, this.credentials()), key ? scenarioCards(this.code, key) : undefined, key ? scenarioSecrets(this.code, key) : undefined]);
    if (!book.ok) return book;
    if (cards && !cards.ok) return cards;
    if (secrets && !secrets.ok) return secrets;
    return { ok: true, book: cards && secrets ? { ...book.value, cards: cards.value, secrets: secrets.value } : book.value };
  }

  private attach(room: Room) {
    this.room = room;
    // No SDK reconnection: a dropped connection leaves (onLeave) and joins again with its seat
    // token (scheduleRejoin), a new room object with a state decoded afresh. The SDK's
    // reconnection decodes the server's full state into the state it kept, and lost what the
    // server had sent into a socket it did not know was dead (a Wi-Fi gone silent for a few
    // seconds): chat lines said meanwhile never showed (docs/PROTOCOL.md, "Reconnection").
    room.reconnection.enabled = false;
    room.onMessage("welcome", (me: Welcome) => this.welcome(me));
    room.onMessage("notice", (n: Notice) => this.store.notice(n));
    this.fresh = true;
    room.onStateChange((state: { toJSON(): unknown }) => {
      this.raw = state.toJSON() as SyncedState;
      this.synced = this.archive.merge(this.raw, this.fresh);
      this.fresh = false;
      this.refresh();
    });
    room.onLeave((code: number, reason?: string) => {
      if (this.closed || this.room !== room) return;
      const why = ClosedWhySchema.safeParse(code);
      if (why.success && (why.data === "removed" || why.data === "moved")) {
        const to = why.data === "moved" ? MovedToSchema.safeParse(reason) : undefined;
        this.sentAway(why.data, to?.success ? to.data : undefined);
        return;
      }
      if (why.success && why.data === "elsewhere") {
        // The server closed this connection because the same seat joined from another tab or
        // device: rejoining on our own would take it back and start a tug of war.
        this.store.set({ status: "lost", error: t("conn.elsewhere"), elsewhere: true });
        return;
      }
      // The connection dropped (the network, a server restart): join again with the token, at once.
      this.store.set({ status: "reconnecting" });
      this.scheduleRejoin(0);
    });
  }

  /**
   * The teacher removed this person from the class, or moved them to another table (the class's
   * page takes them there): their seat token will not open this game again (the server refuses
   * it), and rejoining on our own would only say so. Told by the close of a live connection, or,
   * when the move came while the network was down, by the refusal of the rejoin with the seat
   * token (scheduleRejoin).
   */
  private sentAway(why: "removed" | "moved", movedTo: number | undefined) {
    this.memory.forget(this.code, "player");
    this.store.set({ status: "lost", error: sentAwayText(why, movedTo), sentAway: why, ...(movedTo !== undefined ? { movedTo } : {}) });
  }

  private scheduleRejoin(delay: number) {
    clearTimeout(this.retrying);
    this.retrying = setTimeout(async () => {
      if (this.closed) return;
      const remembered = this.memory.get(this.code);
      if (this.options.as === "player" && remembered.player?.token) this.options = { ...this.options, token: remembered.player.token };
      const result = await this.open(true);
      if (!result.ok && (result.code === "class/moved" || result.code === "class/removed")) {
        this.sentAway(result.code === "class/moved" ? "moved" : "removed", result.movedTo);
        return;
      }
      if (!result.ok && result.code === "auth/bad_token") {
        // The server no longer knows this seat (the game was reset): retrying cannot help.
        this.memory.forget(this.code, "player");
        this.store.set({ status: "lost", error: result.message });
        return;
      }
      if (result.ok) this.unknown = 0;
      if (result.ok || this.closed) return;
      // Why the room was not there: a server that restarted restores only unfinished games
      // (server/wake.ts), so a finished game's room is gone for good, and a game the server
      // no longer has at all will not come back either. Retrying helps only a game still running.
      const why = await this.whyNoRoom();
      if (this.closed) return;
      if (why === "over") {
        this.store.set({ status: "closed", error: undefined });
        return;
      }
      this.unknown = why === "unknown" ? this.unknown + 1 : 0;
      if (this.unknown >= UNKNOWN_TRIES) {
        this.store.set({ status: "lost", error: t("conn.unknownGame", { code: this.code }) });
        return;
      }
      this.store.set({ status: "reconnecting", error: result.message });
      this.scheduleRejoin(Math.min(Math.max(delay * 2, 1000), 10_000));
    }, delay);
  }

  /**
   * What the server says of this game after a rejoin failed (GET /api/games/CODE, with this
   * client's key or token): over (its room closed: the server serves its report and replay
   * over HTTP only), unknown (no game of this code), or anything else (down, restoring it,
   * refusing for a while), which a later try may get past.
   */
  private async whyNoRoom(): Promise<"over" | "unknown" | "other"> {
    const info = await lobbyInfo(this.code, this.credentials());
    if (info.ok) return !isClassCode(info.value) && isOver(info.value) ? "over" : "other";
    return info.status === 404 ? "unknown" : "other";
  }

  private welcome(me: Welcome) {
    if (me.kind === "player") this.memory.update(this.code, { player: { name: me.name, ...(me.token ? { token: me.token } : {}), ...(me.seat ? { seat: me.seat } : {}) } }, "player");
    // An observer who gave no name rejoins with none (a role's word kept as a name would follow them).
    else if (me.kind === "observer") this.memory.update(this.code, { observer: me.name ? { name: me.name } : {} }, "observer");
    else this.memory.update(this.code, {}, "facilitator");
    this.store.set({ me });
    this.refresh();
  }

  private refresh() {
    const me = this.store.get().me;
    if (!this.synced || !me) return;
    // What this client kept belongs to who it was: another seat starts afresh.
    const who = me.kind === "player" ? (me.seat ?? "") : me.kind;
    if (this.archivedFor && this.archivedFor !== who && this.raw) {
      // The welcome comes before the patch that changes what this client may read: the new
      // archive starts from that patch, and keeps nothing of the old seat's lines and deals.
      this.archive = new Archive();
      this.fresh = true;
      this.synced = new Archive().merge(this.raw, true);
    }
    this.archivedFor = who;
    const lang = currentLocale();
    const view = assembleView(this.synced, viewerOf(me, this.synced.seats), this.book, lang);
    if (view) this.store.set({ view: localizeView(view, lang) });
    // The latest round's record is on screen in several places (the review, the country's last change).
    const latest = view?.recorded.at(-1);
    if (latest !== undefined) this.needRound(latest);
  }

  /**
   * What this client sends with each request of its game (client/net/http.ts): the facilitator
   * key, or its seat token (the welcome's; before it, the one it rejoins with).
   */
  private credentials(): PastAuth {
    if (this.options.as === "facilitator") return { key: this.options.key };
    const me = this.store.get().me;
    const token = (me?.kind === "player" ? me.token : undefined) ?? (this.options.as === "player" ? this.options.token : undefined);
    return token ? { token } : {};
  }

  /** A panel reads this part of the past: fetched once if the client came after it left the room state. */
  need(part: PastPart) {
    if (!this.archive.lacks(part)) return;
    const credentials = this.credentials();
    void this.fetchOnce(part, async () => {
      const got = await gamePast(this.code, part, credentials);
      if (got.ok) this.archive.add(part, got.value);
      return got.ok;
    });
  }

  /** A panel shows this round's record (the review's round picker). */
  needRound(round: number) {
    if (this.archive.hasRecord(round)) return;
    void this.fetchOnce(`round:${round}`, async () => {
      const got = await roundRecord(this.code, round, this.credentials());
      if (got.ok) this.archive.addRecord(got.value);
      return got.ok;
    });
  }

  private async fetchOnce(what: string, fetchIt: () => Promise<boolean>) {
    if (this.fetching.has(what)) return;
    this.fetching.add(what);
    const archive = this.archive;
    const ok = await fetchIt();
    // A failed fetch may be tried again by the next render, a little later.
    setTimeout(() => this.fetching.delete(what), ok ? 0 : 3000);
    if (ok && this.raw && archive === this.archive) {
      this.synced = this.archive.merge(this.raw, false);
      this.refresh();
    }
  }

  private async request<T>(type: string, payload: unknown): Promise<Reply<T>> {
    if (this.store.get().status === "closed") return { ok: false, error: { code: "game/closed", message: t("conn.gameClosed") } };
    if (!this.room) return { ok: false, error: { code: "client/offline", message: t("conn.reconnecting") } };
    try {
      const reply = (await this.room.request(type, payload, { timeout: REQUEST_TIMEOUT })) as Reply<T> | undefined;
      return reply ?? { ok: false, error: { code: "client/no_reply", message: t("error.timeout") } };
    } catch (e) {
      const reason = (e as { reason?: unknown }).reason;
      const message = typeof reason === "string" ? reason : reason && typeof reason === "object" && "message" in reason ? String((reason as { message: unknown }).message) : errorText(e);
      return { ok: false, error: { code: "client/request_failed", message } };
    }
  }

  /** Resolves true once connected again (false after `timeout` ms or when this connection is closed). */
  private connectedAgain(timeout = 60_000): Promise<boolean> {
    return new Promise((resolve) => {
      const check = () => {
        if (this.closed || this.store.get().status === "closed") return done(false);
        if (this.room && this.store.get().status === "connected") done(true);
      };
      const timer = setTimeout(() => done(false), timeout);
      const unsubscribe = this.store.subscribe(check);
      const done = (ok: boolean) => {
        clearTimeout(timer);
        unsubscribe();
        resolve(ok);
      };
      check();
    });
  }

  /** An action: sent with one action id, and sent again with it after a reconnection until answered. */
  private action(type: "act" | "facilitator", payload: PlayerMove | FacilitatorCommand) {
    return sendAction<Record<string, unknown>>(
      payload as Record<string, unknown>,
      (body) => this.request<Record<string, unknown>>(type, body),
      () => this.connectedAgain(),
    );
  }

  act(move: PlayerMove) {
    return this.action("act", move);
  }

  preview(req: PreviewRequest) {
    return this.request<{ lines: PreviewLine[]; notes?: Text[] }>("preview", req);
  }

  /** What a ruling on a free-form action would change now (the facilitator's console). */
  previewRuling(req: RulingPreviewRequest) {
    return this.request<{ lines: RulingLine[]; scores: { country: string; from: number; to: number }[]; notes: Text[] }>("preview-ruling", req);
  }

  /** "What would it take?": terms near a draft that a bot-held seat would sign. */
  askBot(req: AskBotRequest) {
    return this.request<AskBotAnswer>("ask-bot", req);
  }

  facilitator(command: FacilitatorCommand) {
    return this.action("facilitator", command);
  }

  /** An observer's note or a hot-wash finding, for the report. */
  note(note: NoteRequest) {
    return this.request<Record<string, unknown>>("note", note);
  }

  /** The exit ticket's answers at the end of the game (shared/protocol/classes.ts). */
  exitTicket(ticket: ExitTicket) {
    return this.request<Record<string, unknown>>("exit-ticket", ticket);
  }

  /** What this person handed in on the exit ticket before (a reloaded end screen shows it). */
  myExitTicket() {
    return this.request<MyExitTicket>("my-exit-ticket", {});
  }

  async leave() {
    this.closed = true;
    clearTimeout(this.retrying);
    await this.room?.leave(true).catch(() => undefined);
    this.store.set({ status: "idle", view: undefined, me: undefined });
  }
}
