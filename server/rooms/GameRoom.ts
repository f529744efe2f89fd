/**
 * One game = one Colyseus room whose id is the join code. The room is an adapter:
 * parse → authorize seat and role → engine `apply` → persist →
 * sync. It holds no rule of the game; phases, deals and scores are the engine's.
 */
import { Room, SchemaSerializer, ServerError, type AuthContext, type Client } from "@colyseus/core";
import { StateView } from "@colyseus/schema";
import type { Action, Draft, Move } from "../../shared/engine/actions.ts";
import { whatWouldItTake } from "../../shared/bots/bot.ts";
import { botContext } from "../../shared/bots/context.ts";
import { apply } from "../../shared/engine/apply.ts";
import { preview } from "../../shared/engine/preview.ts";
import { replay } from "../../shared/engine/replay.ts";
import type { Viewer } from "../../shared/engine/views.ts";
import type { GameState } from "../../shared/engine/types.ts";
import type { Refusal } from "../../shared/engine/result.ts";
import { englishWords } from "../debrief/words.ts";
import { ROLES, type Role } from "../../shared/engine/vocabulary.ts";
import {
  AskBotSchema,
  FacilitatorCommandSchema,
  JoinOptionsSchema,
  PlayerMoveSchema,
  PreviewRequestSchema,
  splitActionId,
  type AskBotAnswer,
  type FacilitatorCommand,
  type GameSettings,
  type JoinOptions,
  type LobbyInfo,
  type Reply,
  type ReplyError,
  type Welcome,
} from "../../shared/protocol/messages.ts";
import { ExitTicketSchema, NoteSchema } from "../../shared/protocol/classes.ts";
import { FACILITATOR_KEY, seatKey } from "../../shared/protocol/view.ts";
import { issueText } from "../../shared/protocol/issues.ts";
import { codeGuesses, floods, keyMatches, newCode, newSecret, RateLimiter } from "../codes.ts";
import { logger } from "../logger.ts";
import { timed } from "../metrics.ts";
import { LeaseLost, type ClassStore, type GameRecord, type GameStore, type HolderRecord } from "../storage/store.ts";
import type { LeaseKeeper } from "../leases.ts";
import { peerOf } from "../matchmake-guard.ts";
import { BotRunner, type BotChooser } from "./bot-runner.ts";
import { ActionIds } from "./action-ids.ts";
import { guardFrames, type FrameBudgets } from "./frame-guard.ts";
import { FullStateSerializer } from "./full-state-serializer.ts";
import { PhaseClock } from "./phase-clock.ts";
import { ViewSync } from "./view-sync.ts";
import { GameRoomState, Holder, Seat } from "./room-state.ts";

/** Phases a clock ends, and that end early once everyone at the table is ready. */
const TIMED_PHASES: readonly string[] = ["event", "negotiation", "review"];

export type RoomDeps = {
  store: GameStore & ClassStore;
  /** This process's leases: a room runs its game only while it holds the game's lease. */
  leases: LeaseKeeper;
  chooser: BotChooser;
  /** Milliseconds between bot moves (a human pace by default). */
  botDelayMs: number;
};

type ClientData = { kind: "player"; holderId: string } | { kind: "observer"; name?: string } | { kind: "facilitator" };
type Live = { record: HolderRecord; client?: Client };
type ActReply = Reply<{ version: number }>;

/** Rooms of this process by code, for the HTTP API. */
export const liveRooms = new Map<string, GameRoom>();

export class GameRoom extends Room<{ state: GameRoomState }> {
  static deps: RoomDeps;
  override state = new GameRoomState();
  override autoDispose = false;

  record!: GameRecord;
  game!: GameState;
  private log: Action[] = [];
  private holders = new Map<string, Live>();
  private rejoinCodes: Record<string, string> = {};
  private phaseClock!: PhaseClock;
  /** The round and phase the clock is running for. */
  private clockFor = { round: 0, phase: "" };
  private views!: ViewSync;
  private bots!: BotRunner;
  private shuttingDown = false;
  /** Another process holds this game now: refuse everything and let the clients go. */
  private standingDown = false;
  /** Actions run one at a time, each stored before the next one is applied. */
  private queue: Promise<unknown> = Promise.resolve();
  private chatLimit = new RateLimiter(8, 10_000);
  private actLimit = new RateLimiter(40, 10_000);
  private warned = new RateLimiter(1, 60_000);
  /** Holder id → time (ms) until which that person may not chat. */
  private mutedUntil = new Map<string, number>();
  private budgets!: FrameBudgets;
  /** Each connection's address (from onAuth), to hold a flooding address back from joining again. */
  private addresses = new Map<string, string>();
  private actionIds = new ActionIds();

  private get deps(): RoomDeps {
    return GameRoom.deps;
  }

  override messages = {
    act: timed("act", (client: Client, payload: unknown) => this.onAct(client, payload)),
    preview: timed("preview", (client: Client, payload: unknown) => this.onPreview(client, payload)),
    facilitator: timed("facilitator", (client: Client, payload: unknown) => this.onFacilitator(client, payload)),
    "ask-bot": timed("ask-bot", (client: Client, payload: unknown) => this.onAskBot(client, payload)),
    "exit-ticket": timed("exit-ticket", (client: Client, payload: unknown) => this.onExitTicket(client, payload)),
    note: timed("note", (client: Client, payload: unknown) => this.onNote(client, payload)),
    // Any other type: dropped, never quoted back (server/crash-guard.ts says why).
    _: () => undefined,
  };

  /** Colyseus picks a SchemaSerializer when the state is set; ours keeps late joiners' full state whole. */
  override setSerializer(serializer: Parameters<Room["setSerializer"]>[0]) {
    super.setSerializer(serializer instanceof SchemaSerializer && !(serializer instanceof FullStateSerializer) ? new FullStateSerializer() : serializer);
  }

  override async onCreate(options: { code: string; paused?: boolean }) {
    const store = this.deps.store;
    const record = await store.getGame(options.code);
    if (!record) throw new ServerError(404, `no game ${options.code}`);
    // The lease first: another process may be running this game (docs/DEPLOY.md).
    const epoch = await this.deps.leases.claim(record.code);
    if (epoch === null) throw new ServerError(409, `game/elsewhere: game ${record.code} runs on another process`);
    this.roomId = record.code;
    this.record = record;
    // The request types a client may send are the handlers above; any other frame type is dropped unread.
    this.budgets = guardFrames(
      this,
      Object.keys(this.messages).filter((type) => type !== "_"),
      (client) => floods.miss(this.addresses.get(client.sessionId) ?? "?"),
    );
    try {
      const [entries, holders, seats] = await Promise.all([store.actionLog(record.code), store.holders(record.code), store.seats(record.code)]);
      this.log = entries.map((e) => e.action);
      this.game = replay(this.setup(), this.log);
      this.actionIds = ActionIds.fromLog(entries, this.game.version);
      this.state.code = record.code;
      for (const h of holders) this.holders.set(h.id, { record: h });
      const savedSeats = new Map(seats.map((s) => [s.seat, s]));
      for (const c of record.scenario.countries.filter((x) => x.control === "seat")) {
        const saved = savedSeats.get(c.id);
        const rejoin = saved?.rejoinCode ?? newCode();
        this.rejoinCodes[c.id] = rejoin;
        if (!saved) await store.saveSeat(record.code, { seat: c.id, rejoinCode: rejoin, bot: false });
        this.state.seats.set(c.id, new Seat({ id: c.id, name: c.name, bloc: c.bloc, bot: saved?.bot ?? false }));
      }
    } catch (err) {
      void this.deps.leases.release(record.code);
      throw err;
    }
    this.views = new ViewSync(this.state, () => this.game, () => this.clients, (client) => this.viewerOf(client));
    this.phaseClock = new PhaseClock(
      this.state,
      (fn, ms) => this.clock.setTimeout(fn, ms),
      // The phase whose clock ran out, which may have ended meanwhile (everyone was ready).
      () => this.advancePhase(this.clockFor.round, this.clockFor.phase),
    );
    this.deps.leases.hold(record.code, epoch, () => this.standDown());
    this.refreshSeats();
    this.sync();
    this.bots = new BotRunner(this, this.deps.chooser, this.deps.botDelayMs);
    if (options.paused) this.state.paused = true;
    if (this.game.phase === "ended") this.autoDispose = true;
    else this.startClock();
    // Restored after a restart, nobody is connected yet: as after a drop, a seat whose people
    // do not come back within the reconnection window goes to a bot.
    if (this.log.length && this.record.settings.bots) this.clock.setTimeout(() => this.botAbsentSeats(), this.record.settings.reconnectSeconds * 1000);
    liveRooms.set(record.code, this);
    logger.info({ code: record.code, actions: this.log.length, phase: this.game.phase }, this.log.length ? "game restored" : "game created");
  }

  override async onDispose() {
    this.phaseClock?.stop();
    this.bots?.stop();
    if (liveRooms.get(this.roomId) === this) liveRooms.delete(this.roomId);
    await this.queue;
    // Let another process take the game at once (a drain, or a finished game's last player gone).
    if (!this.standingDown) await this.deps.leases.release(this.roomId);
  }

  /**
   * Another process took the game over (this one was paused or cut off past its lease): stop
   * the clock and the bots, write nothing more, and close every connection; the clients rejoin
   * by code and reach the process that holds the game now.
   */
  standDown() {
    if (this.standingDown) return;
    this.standingDown = true;
    this.phaseClock?.stop();
    this.bots?.stop();
    if (liveRooms.get(this.roomId) === this) liveRooms.delete(this.roomId);
    logger.warn({ code: this.roomId }, "lease lost: another process runs this game now; standing down");
    void this.disconnect(CLOSE_MOVED);
  }

  override onUncaughtException(error: Error, method: string) {
    logger.error({ code: this.roomId, method, err: error }, "uncaught exception in room");
  }

  setup() {
    const s = this.record.settings;
    return {
      scenario: this.record.scenario,
      settings: { seed: this.record.seed, rounds: s.rounds ?? this.record.scenario.rounds, teams: s.teams, facilitatorReadsPrivate: s.facilitatorReadsPrivate, channels: s.channels ?? "open" },
    };
  }

  // ---- Joining ----------------------------------------------------------------------

  override onAuth(client: Client, options: unknown, context: AuthContext) {
    // Wrong keys, rejoin codes and tokens are guesses too: counted per address with wrong game codes.
    const address = peerOf(context);
    if (codeGuesses.blocked(address)) throw new ServerError(429, "rate/limited: too many wrong codes from here; wait a minute");
    if (floods.blocked(address)) throw new ServerError(429, "rate/limited: too many messages from here; wait a minute");
    this.addresses.set(client.sessionId, address);
    try {
      return this.authorize(options);
    } catch (err) {
      if (err instanceof ServerError && err.message.startsWith("auth/bad_")) codeGuesses.miss(address);
      throw err;
    }
  }

  private authorize(options: unknown) {
    const parsed = JoinOptionsSchema.safeParse(options ?? {});
    if (!parsed.success) throw new ServerError(400, `input/invalid: ${issueText(parsed.error.issues)}`);
    const o = parsed.data;
    if (o.as === "facilitator" && !keyMatches(o.key, this.record.keyHash)) throw new ServerError(403, "auth/bad_key: that facilitator key does not open this game");
    if (o.as === "player") this.findPlayerSlot(o); // throws a clear error when the seat cannot be had
    return o;
  }

  override async onJoin(client: Client<{ userData: ClientData }>, _options: unknown, auth: JoinOptions & { as: string }) {
    client.view = new StateView();
    let welcome: Welcome;
    if (auth.as === "facilitator") {
      client.userData = { kind: "facilitator" };
      client.view.add(this.state.priv.get(FACILITATOR_KEY)!);
      welcome = { kind: "facilitator", name: "Facilitator" };
    } else if (auth.as === "observer") {
      client.userData = { kind: "observer", name: auth.name ?? "Observer" };
      welcome = { kind: "observer", name: auth.name ?? "Observer" };
    } else {
      const o = auth as Extract<JoinOptions, { as: "player" }>;
      const live = this.seatPlayer(o);
      // The token must outlive a crash of this process before the player is told it.
      await this.deps.store.saveHolder(this.roomId, live.record);
      const previous = live.client;
      live.client = client;
      client.userData = { kind: "player", holderId: live.record.id };
      if (previous && previous !== client) previous.leave(4000);
      if (live.record.seat) client.view.add(this.state.priv.get(seatKey(live.record.seat))!);
      welcome = { kind: "player", name: live.record.name, token: live.record.token, ...(live.record.seat ? { seat: live.record.seat, roles: live.record.roles } : {}) };
    }
    this.views.addPrivateLines(client);
    this.refreshSeats();
    client.send("welcome", welcome);
    if (this.record.settings.quickStart && this.game.phase === "lobby" && welcome.seat)
      void this.act({ actor: { kind: "facilitator" }, move: { type: "start" }, reason: "quick game: starts when the first player takes a seat" });
    logger.info({ code: this.roomId, kind: welcome.kind, seat: welcome.seat }, "joined");
  }

  /** Which holder a joining player becomes: a returning one (token or rejoin code) or a new one. */
  private findPlayerSlot(o: Extract<JoinOptions, { as: "player" }>): { live?: Live; seat?: string; roles: Role[] } {
    if (o.token) {
      const live = [...this.holders.values()].find((h) => h.record.token === o.token);
      if (live) return { live, roles: live.record.roles as Role[] };
      throw new ServerError(403, "auth/bad_token: that seat token is not one of this game's; join again without it");
    }
    if (o.rejoinCode) {
      const seat = Object.entries(this.rejoinCodes).find(([, code]) => code === o.rejoinCode)?.[0];
      if (!seat) throw new ServerError(403, "auth/bad_rejoin_code: that rejoin code does not match any seat");
      // The person of that seat who dropped or left (still "holding" a dropped client during the
      // reconnection window); or the seat's only person, whose other device is then let go.
      const inSeat = [...this.holders.values()].filter((h) => h.record.seat === seat);
      const live = inSeat.find((h) => !this.isConnected(h)) ?? (inSeat.length === 1 ? inSeat[0] : undefined);
      if (live) return { live, roles: live.record.roles as Role[] };
      const roles = this.freeRoles(seat);
      if (!roles.length) throw new ServerError(409, "seat/taken: everyone in that seat is connected; ask the facilitator");
      return { seat, roles };
    }
    const teams = this.record.settings.teams;
    if (!o.seat) {
      if (this.game.phase !== "lobby") {
        // With teams, a seat is free while one of its ministries is: fill seats one ministry at a time.
        const free = [...this.state.seats.values()].find((s) => this.freeRoles(s.id).length > 0);
        if (!free) throw new ServerError(409, "seat/none_free: every seat is taken");
        const roles = this.freeRoles(free.id);
        return { seat: free.id, roles: this.record.settings.teams ? roles.slice(0, 1) : roles };
      }
      return { roles: [] }; // waits in the lobby until the facilitator seats them
    }
    const seat = this.state.seats.get(o.seat);
    if (!seat) throw new ServerError(404, `seat/unknown: there is no seat "${o.seat}" in this game`);
    const free = this.freeRoles(o.seat);
    const wanted = teams ? (o.roles ?? free) : [...ROLES];
    if (!wanted.length || wanted.some((r) => !free.includes(r)))
      throw new ServerError(409, teams ? `seat/taken: ${seat.name}'s ${wanted.filter((r) => !free.includes(r)).join(", ") || "ministries"} already taken` : `seat/taken: ${seat.name} is already taken`);
    return { seat: o.seat, roles: wanted };
  }

  private seatPlayer(o: Extract<JoinOptions, { as: "player" }>): Live {
    const slot = this.findPlayerSlot(o);
    if (slot.live) {
      if (slot.live.record.seat) this.takeFromBot(slot.live.record.seat);
      return slot.live;
    }
    const record: HolderRecord = { id: newSecret(6), seat: slot.seat ?? null, roles: slot.seat ? slot.roles : [], name: o.name, token: newSecret(18) };
    const live = { record };
    this.holders.set(record.id, live);
    if (record.seat) this.takeFromBot(record.seat);
    return live;
  }

  private takeFromBot(seat: string) {
    const s = this.state.seats.get(seat);
    if (s?.bot) {
      s.bot = false;
      this.write(this.deps.store.saveSeat(this.roomId, { seat, rejoinCode: this.rejoinCodes[seat]!, bot: false }));
    }
  }

  /** Ministries of a seat nobody holds (all three or none when teams are off). */
  freeRoles(seat: string): Role[] {
    const taken = new Set([...this.holders.values()].filter((h) => h.record.seat === seat).flatMap((h) => h.record.roles as Role[]));
    if (!this.record.settings.teams) return taken.size ? [] : [...ROLES];
    return ROLES.filter((r) => !taken.has(r));
  }

  override async onDrop(client: Client<{ userData: ClientData }>) {
    this.refreshSeats(client);
    try {
      await this.allowReconnection(client, this.record.settings.reconnectSeconds);
    } catch {
      // Not back in time: handled in onLeave.
    }
  }

  override onReconnect(client: Client<{ userData: ClientData }>) {
    // Colyseus hands over a new Client object (same userData and view): track it, and give its
    // view the private lines posted while it was away (sync() only reaches connected clients).
    const live = this.holderOf(client);
    if (live && (!live.client || !this.clients.includes(live.client))) live.client = client;
    this.views.addPrivateLines(client);
    this.refreshSeats();
    logger.info({ code: this.roomId }, "reconnected");
  }

  private isConnected(h: Live): boolean {
    return !!h.client && this.clients.includes(h.client);
  }

  override onBeforeShutdown() {
    this.shuttingDown = true;
    this.bots?.stop();
    super.onBeforeShutdown();
  }

  override onLeave(client: Client<{ userData: ClientData }>) {
    this.budgets.forget(client.sessionId);
    this.addresses.delete(client.sessionId);
    const data = client.userData;
    if (data?.kind === "player") {
      const live = this.holders.get(data.holderId);
      if (live?.client === client) live.client = undefined;
      const seat = live?.record.seat;
      // A seat whose people are all gone goes to a bot once the game runs (a setting); not when
      // the server is shutting down: they come back to their seats after the restart.
      if (seat && !this.shuttingDown && !this.standingDown && this.record.settings.bots && this.game.phase !== "lobby" && this.game.phase !== "ended") {
        const anyone = [...this.holders.values()].some((h) => h.record.seat === seat && h.client);
        if (!anyone) this.setBot(seat, true);
      }
    }
    this.refreshSeats(client);
  }

  private botAbsentSeats() {
    if (this.shuttingDown || this.standingDown || this.game.phase === "lobby" || this.game.phase === "ended") return;
    for (const seat of this.state.seats.values()) {
      const people = [...this.holders.values()].filter((h) => h.record.seat === seat.id);
      if (people.length && !people.some((h) => h.client)) this.setBot(seat.id, true);
    }
    this.refreshSeats();
  }

  private setBot(seat: string, bot: boolean) {
    const s = this.state.seats.get(seat);
    if (!s || s.bot === bot) return;
    s.bot = bot;
    this.write(this.deps.store.saveSeat(this.roomId, { seat, rejoinCode: this.rejoinCodes[seat]!, bot }));
    logger.info({ code: this.roomId, seat, bot }, bot ? "bot takes seat" : "bot leaves seat");
  }

  /** Rewrites the public seat list (names, roles, who is connected). */
  private refreshSeats(leaving?: Client) {
    const toHolder = (h: Live) =>
      new Holder({ id: h.record.id, name: h.record.name, roles: h.record.roles.join(","), connected: !!h.client && h.client !== leaving && this.clients.includes(h.client) });
    for (const seat of this.state.seats.values()) {
      seat.holders.clear();
      for (const h of this.holders.values()) if (h.record.seat === seat.id) seat.holders.push(toHolder(h));
    }
    // People without a seat yet, so the facilitator can seat them (assign-seat).
    this.state.waiting.clear();
    for (const h of this.holders.values()) if (!h.record.seat && h.client) this.state.waiting.push(toHolder(h));
  }

  // ---- Requests ---------------------------------------------------------------------

  private onAct(client: Client<{ userData: ClientData }>, payload: unknown): ActReply | Promise<ActReply> {
    const holder = this.holderOf(client);
    if (!holder) return fail("rule/not_a_player", "Only seated players can act; observers and the facilitator have their own controls.");
    const seat = holder.record.seat;
    if (!seat) return fail("rule/not_seated", "You have no seat yet; the facilitator will seat you.");
    const split = splitActionId(payload);
    if (!split.ok) return this.invalid(client, split.issues);
    // A repeat of an id this seat used gets the first answer, before any limit counts it again.
    return this.actionIds.answer(seat, split.actionId, (logId) => {
      if (!this.actLimit.hit(holder.record.id)) return fail("rate/limited", "Too many actions at once; wait a few seconds.");
      const parsed = PlayerMoveSchema.safeParse(split.rest);
      if (!parsed.success) return this.invalid(client, parsed.error.issues);
      const move = parsed.data as Move;
      if (move.type === "chat") {
        const refused = this.chatRefusal(holder, move.text);
        if (refused) return refused;
      }
      return this.act({ actor: { kind: "seat", seat, roles: this.actingRoles(holder) }, move }, logId).then((reply) => {
        if (reply.ok) this.write(this.deps.store.countAction(this.roomId, holder.record.id));
        return reply;
      });
    });
  }

  /**
   * With teams, a person acts for their own ministries and for those nobody in their seat
   * holds, so a country with one or two students still has every tool (docs/RULES.md, teams).
   */
  private actingRoles(holder: Live): Role[] {
    if (!this.record.settings.teams) return [...ROLES];
    const free = this.freeRoles(holder.record.seat!);
    return ROLES.filter((r) => holder.record.roles.includes(r) || free.includes(r));
  }

  /** The exit ticket at the end: a seated person's short answers, kept for the report and the gradebook. */
  private async onExitTicket(client: Client<{ userData: ClientData }>, payload: unknown): Promise<Reply> {
    const holder = this.holderOf(client);
    if (!holder?.record.seat) return fail("rule/not_seated", "Only players answer the exit ticket.");
    if (this.game.phase !== "ended") return fail("rule/wrong_phase", "The exit ticket opens when the game ends.");
    const parsed = ExitTicketSchema.safeParse(payload);
    if (!parsed.success) return this.invalid(client, parsed.error.issues);
    const { answers } = parsed.data as { answers: string[] };
    const r = holder.record;
    try {
      await this.deps.store.saveExitTicket({ code: this.roomId, holder: r.id, name: r.name, seat: r.seat!, roles: r.roles, answers, at: Date.now() });
    } catch (err) {
      logger.error({ code: this.roomId, err }, "could not store an exit ticket");
      return fail("server/storage", "The server could not save your answers; please try again.");
    }
    return { ok: true };
  }

  /** An observer's timestamped note, or a hot-wash finding of the facilitator: kept for the facilitator's report. */
  private async onNote(client: Client<{ userData: ClientData }>, payload: unknown): Promise<Reply> {
    const kind = client.userData?.kind;
    if (kind !== "observer" && kind !== "facilitator") return fail("rule/observers_only", "Notes are for observers and the facilitator; players have their channels.");
    const parsed = NoteSchema.safeParse(payload);
    if (!parsed.success) return this.invalid(client, parsed.error.issues);
    const note = parsed.data;
    if (note.kind === "finding" && kind !== "facilitator") return fail("auth/facilitator_only", "Only the facilitator records hot-wash findings.");
    const data = client.userData;
    const author = data?.kind === "observer" ? (data.name ?? "Observer") : "Facilitator";
    try {
      await this.deps.store.saveNote({ code: this.roomId, kind: note.kind, author, round: this.game.round, phase: this.game.phase, at: Date.now(), text: note.text });
    } catch (err) {
      logger.error({ code: this.roomId, err }, "could not store a note");
      return fail("server/storage", "The server could not save your note; please try again.");
    }
    return { ok: true };
  }

  /** Moderation before a chat line reaches the engine: a mute, the game's word filter, the rate limit. */
  private chatRefusal(holder: Live, text: string) {
    const until = this.mutedUntil.get(holder.record.id) ?? 0;
    if (until > Date.now()) return fail("chat/muted", `The facilitator muted you; you can write again in ${Math.ceil((until - Date.now()) / 60_000)} min.`);
    const banned = (this.record.settings.wordFilter ?? []).find((w) => new RegExp(`(^|[^\\p{L}\\p{N}])${escapeRegExp(w)}($|[^\\p{L}\\p{N}])`, "iu").test(text));
    if (banned) return fail("chat/filtered", `This game does not allow the word "${banned}"; your message was not sent. Rephrase it.`);
    if (!this.chatLimit.hit(holder.record.id)) return fail("rate/limited", "You are sending messages too fast; wait a few seconds.");
    return undefined;
  }

  private mute(holderId: string, minutes: number, logId?: string): ActReply | Promise<ActReply> {
    const live = this.holders.get(holderId);
    if (!live) return fail("seat/unknown_player", "There is no such player in this game.");
    if (!live.record.seat) return fail("rule/not_seated", `${live.record.name} has no seat, so cannot chat anyway.`);
    if (minutes) this.mutedUntil.set(holderId, Date.now() + minutes * 60_000);
    else if (!this.mutedUntil.delete(holderId)) return fail("rule/not_muted", `${live.record.name} is not muted.`);
    live.client?.send("notice", { kind: "warning", text: minutes ? `The facilitator muted you for ${minutes} min: you can read but not write.` : "The facilitator lifted your mute." });
    return this.act({ actor: { kind: "facilitator" }, move: { type: "log-mute", seat: live.record.seat, name: live.record.name, minutes } }, logId);
  }

  private onPreview(client: Client<{ userData: ClientData }>, payload: unknown): Reply<{ lines: unknown[] }> {
    const seat = this.holderOf(client)?.record.seat;
    if (!seat) return fail("rule/not_seated", "Only a seated player can preview a deal for their country.");
    const parsed = PreviewRequestSchema.safeParse(payload);
    if (!parsed.success) return this.invalid(client, parsed.error.issues);
    const result = preview(this.game, seat, parsed.data as Parameters<typeof preview>[2]);
    return result.ok ? { ok: true, lines: result.lines } : this.refused(result.error);
  }

  /** "What would it take?": a bot answers for its seat, from what that seat can see. */
  private onAskBot(client: Client<{ userData: ClientData }>, payload: unknown): Reply<AskBotAnswer> {
    const seat = this.holderOf(client)?.record.seat;
    if (!seat) return fail("rule/not_seated", "Only a seated player can ask a bot.");
    const parsed = AskBotSchema.safeParse(payload);
    if (!parsed.success) return this.invalid(client, parsed.error.issues);
    const req = parsed.data as { seat: string; draft: Draft };
    if (!this.state.seats.get(req.seat)?.bot) return fail("rule/not_a_bot", "That seat is played by people; ask them in a channel.");
    if (this.game.phase !== "negotiation") return fail("rule/wrong_phase", "Bots answer during negotiation.");
    const answer = whatWouldItTake(botContext(this.game, req.seat), req.draft);
    return { ok: true, answer: answer ? { draft: answer.draft, reason: answer.reason } : null };
  }

  private onFacilitator(client: Client<{ userData: ClientData }>, payload: unknown): ActReply | Promise<ActReply> {
    if (client.userData?.kind !== "facilitator") return fail("auth/facilitator_only", "Only the facilitator can do that.");
    const split = splitActionId(payload);
    if (!split.ok) return this.invalid(client, split.issues);
    return this.actionIds.answer(FACILITATOR_KEY, split.actionId, (logId) => {
      const parsed = FacilitatorCommandSchema.safeParse(split.rest);
      if (!parsed.success) return this.invalid(client, parsed.error.issues);
      return this.command(parsed.data as FacilitatorCommand, logId);
    });
  }

  /**
   * A facilitator command, already parsed and authorized (from the console, or from the class
   * console to every table); `logId` is its action id as stored in the log.
   */
  command(cmd: FacilitatorCommand, logId?: string): ActReply | Promise<ActReply> {
    const ok = { ok: true as const, version: this.game.version };
    switch (cmd.type) {
      case "pause":
        if (this.state.paused) return fail("rule/already_paused", "The game is already paused.");
        this.phaseClock.pause();
        return ok;
      case "resume":
        if (!this.state.paused) return fail("rule/not_paused", "The game is not paused.");
        this.phaseClock.resume();
        return ok;
      case "extend":
        if (!this.phaseClock.running && !this.state.paused) return fail("rule/untimed", "This phase has no clock to extend.");
        this.phaseClock.extend(cmd.seconds * 1000);
        return ok;
      case "assign-seat":
        return this.assignSeat(cmd.holder, cmd.seat, cmd.roles);
      case "free-seat": {
        if (!this.state.seats.has(cmd.seat)) return fail("seat/unknown", `There is no seat "${cmd.seat}".`);
        for (const h of this.holders.values()) if (h.record.seat === cmd.seat) this.unseat(h);
        if (this.record.settings.bots && this.game.phase !== "lobby") this.setBot(cmd.seat, true);
        this.refreshSeats();
        return ok;
      }
      case "bot-seat": {
        if (!this.state.seats.has(cmd.seat)) return fail("seat/unknown", `There is no seat "${cmd.seat}".`);
        if (cmd.bot) for (const h of this.holders.values()) if (h.record.seat === cmd.seat) this.unseat(h);
        this.setBot(cmd.seat, cmd.bot);
        this.refreshSeats();
        return ok;
      }
      case "mute":
        return this.mute(cmd.holder, cmd.minutes, logId);
      case "log-mute":
        return fail("input/invalid", "type: use the mute command; the room records it.");
      default:
        return this.act({ actor: { kind: "facilitator" }, move: cmd as Move }, logId);
    }
  }

  private holderOf(client: Client<{ userData: ClientData }>): Live | undefined {
    const data = client.userData;
    return data?.kind === "player" ? this.holders.get(data.holderId) : undefined;
  }

  private invalid(client: Client, issues: Parameters<typeof issueText>[0]) {
    const message = issueText(issues);
    if (this.warned.hit(client.sessionId)) logger.warn({ code: this.roomId, session: client.sessionId, message }, "invalid payload");
    return fail("input/invalid", message);
  }

  private assignSeat(holderId: string, seat: string, roles?: Role[]): Reply<{ version: number }> {
    const live = this.holders.get(holderId);
    if (!live) return fail("seat/unknown_player", "There is no such player in this game.");
    if (!this.state.seats.has(seat)) return fail("seat/unknown", `There is no seat "${seat}".`);
    const teams = this.record.settings.teams;
    const others = [...this.holders.values()].filter((h) => h !== live && h.record.seat === seat);
    if (!teams && others.length) return fail("seat/taken", "That seat is taken; free it first.");
    const wanted = teams ? (roles ?? ROLES.filter((r) => !others.some((h) => h.record.roles.includes(r)))) : [...ROLES];
    if (teams && others.some((h) => h.record.roles.some((r) => wanted.includes(r as Role)))) return fail("seat/taken", "Those ministries are taken in that seat.");
    if (!wanted.length) return fail("seat/taken", "No ministry is free in that seat.");
    const client = live.client;
    if (client && live.record.seat) client.view?.remove(this.state.priv.get(seatKey(live.record.seat))!);
    live.record = { ...live.record, seat, roles: wanted };
    this.write(this.deps.store.saveHolder(this.roomId, live.record));
    this.takeFromBot(seat);
    if (client) {
      client.view?.add(this.state.priv.get(seatKey(seat))!);
      this.views.addPrivateLines(client);
      client.send("welcome", { kind: "player", name: live.record.name, token: live.record.token, seat, roles: wanted } satisfies Welcome);
    }
    this.refreshSeats();
    return { ok: true, version: this.game.version };
  }

  private unseat(h: Live) {
    if (h.client && h.record.seat) {
      h.client.view?.remove(this.state.priv.get(seatKey(h.record.seat))!);
      this.views.removePrivateLines(h.client);
      h.client.send("welcome", { kind: "player", name: h.record.name, token: h.record.token } satisfies Welcome);
    }
    h.record = { ...h.record, seat: null, roles: [] };
    this.write(this.deps.store.saveHolder(this.roomId, h.record));
  }

  // ---- Applying actions ---------------------------------------------------------------

  /** A rule's refusal: its code and text (each client renders it in its language), and the sentence in English for logs and tools. */
  private refused(error: Refusal): { ok: false; error: ReplyError } {
    return { ok: false, error: { code: error.code, message: englishWords(this.game.scenario).render(error.text), text: error.text } };
  }

  /**
   * The one path by which the game changes: engine, then storage, then sync. Actions wait
   * their turn: each is applied to the state the previous one left and is durable before its
   * reply, before anyone sees it, and before the next is applied. `id` is the client's action id.
   */
  act(action: Action, id?: string): Promise<ActReply> {
    const run = this.queue.then(() => this.actNow(action, id));
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * The system ends a phase (its clock ran out, or everyone is ready), if that phase is still
   * the current one when its turn in the queue comes: a clock and a last "ready" landing
   * together must not end two phases.
   */
  private advancePhase(round: number, phase: string) {
    const run = this.queue.then(() =>
      this.game.round === round && this.game.phase === phase && phase !== "ended" ? this.actNow({ actor: { kind: "system" }, move: { type: "advance" } }) : undefined,
    );
    this.queue = run.catch(() => undefined);
  }

  private async actNow(action: Action, id?: string): Promise<ActReply> {
    if (this.standingDown) return fail("server/moved", "This game moved to another server; reconnecting.");
    const result = apply(this.game, action);
    if (!result.ok) return this.refused(result.error);
    const before = this.game;
    try {
      await this.deps.store.appendAction(this.roomId, { seq: this.log.length, action, at: Date.now(), ...(id ? { id } : {}) }, this.deps.leases.epochOf(this.roomId));
    } catch (err) {
      if (err instanceof LeaseLost) {
        this.standDown();
        return fail("server/moved", "This game moved to another server; reconnecting.");
      }
      logger.error({ code: this.roomId, err }, "could not store action");
      return fail("server/storage", "The server could not save that; please try again.");
    }
    this.log.push(action);
    this.game = result.state;
    if (action.move.type === "delete-message") {
      // The removed message's line (public or private) loses its text for everyone who holds it.
      this.views.rewriteLine(action.move.messageId);
    }
    this.afterChange(before);
    return { ok: true, version: this.game.version };
  }

  private afterChange(before: GameState) {
    const g = this.game;
    if (before.phase === "lobby" && g.phase !== "lobby" && this.record.settings.bots) {
      for (const seat of this.state.seats.values()) if (!seat.holders.length) this.setBot(seat.id, true);
    }
    if (before.phase !== g.phase || before.round !== g.round) {
      this.startClock();
      this.bots.newPhase();
      if (g.phase === "ended") {
        this.write(this.deps.store.finishGame(this.roomId, Date.now()));
        this.autoDispose = true;
      }
    }
    this.sync();
    if (before.settings.facilitatorReadsPrivate !== g.settings.facilitatorReadsPrivate) this.views.refreshPrivateLines();
    if (TIMED_PHASES.includes(g.phase) && this.everyoneReady()) this.clock.setTimeout(() => this.advanceIf(g.version), 0);
  }

  private startClock() {
    this.clockFor = { round: this.game.round, phase: this.game.phase };
    this.phaseClock.start(this.phaseSeconds);
  }

  private advanceIf(version: number) {
    if (this.game.version === version && TIMED_PHASES.includes(this.game.phase) && !this.state.paused) this.advancePhase(this.game.round, this.game.phase);
  }

  /**
   * Every connected person has said they are ready (in the event and review phases: that they
   * have read it). Bots hold a phase open only while an offer waits on them (they answer within
   * seconds); their own readiness counts only at a table with nobody on it.
   */
  private everyoneReady(): boolean {
    const seats = [...this.state.seats.values()];
    const people = seats.filter((s) => s.holders.some((h) => h.connected));
    const bots = seats.filter((s) => s.bot);
    // An offer waiting on a bot holds the negotiation until the bot has answered it.
    if (this.game.phase === "negotiation" && bots.some((s) => this.bots.waitingOn(s.id))) return false;
    const waitingFor = people.length ? people : bots;
    return waitingFor.length > 0 && waitingFor.every((s) => this.game.ready.includes(s.id));
  }

  get phaseSeconds(): number {
    const s = this.record.settings;
    const t = this.record.scenario.timers;
    switch (this.game.phase) {
      case "event":
        return s.eventSeconds ?? t.eventSeconds;
      case "negotiation":
        return s.negotiationSeconds ?? t.negotiationSeconds;
      case "review":
        return s.reviewSeconds ?? t.reviewSeconds;
      default:
        return 0;
    }
  }

  // ---- Sync ---------------------------------------------------------------------------

  private sync() {
    this.views.sync(this.rejoinCodes);
  }

  private viewerOf(client: Client<{ userData: ClientData }>): Viewer | undefined {
    const data = client.userData;
    if (data?.kind === "facilitator") return { kind: "facilitator" };
    const seat = this.holderOf(client)?.record.seat;
    return seat ? { kind: "seat", seat, roles: [...ROLES] } : undefined;
  }

  // ---- For the HTTP API and the bot runner --------------------------------------------

  lobbyInfo(): LobbyInfo {
    return {
      code: this.roomId,
      scenario: { id: this.record.scenario.id, title: this.record.scenario.title },
      phase: this.game.phase,
      round: this.game.round,
      settings: { teams: this.record.settings.teams, bots: this.record.settings.bots, facilitatorReadsPrivate: this.game.settings.facilitatorReadsPrivate, rounds: this.game.settings.rounds },
      seats: [...this.state.seats.values()].map((s) => ({
        id: s.id,
        name: s.name,
        bloc: s.bloc,
        bot: s.bot,
        holders: s.holders.map((h) => ({ name: h.name, roles: h.roles ? h.roles.split(",") : [], connected: h.connected })),
        freeRoles: this.freeRoles(s.id),
      })),
    };
  }

  /** Seat ids in the scenario's order (class mode places students in them). */
  seatIds(): string[] {
    return [...this.state.seats.keys()];
  }

  /** People connected to a seat now (the class console's headcount). */
  connectedPeople(): number {
    return [...this.holders.values()].filter((h) => h.record.seat && this.isConnected(h)).length;
  }

  botSeats(): string[] {
    return [...this.state.seats.values()].filter((s) => s.bot).map((s) => s.id);
  }

  get paused(): boolean {
    return this.state.paused;
  }

  /** A write that no reply waits for: seat and holder changes; a failure is logged. */
  private write(done: Promise<void>) {
    done.catch((err) => logger.error({ code: this.roomId, err }, "could not store a seat change"));
  }
}

/** Close code when another process took the game over: the client rejoins by code at once. */
export const CLOSE_MOVED = 4100;

function fail(code: string, message: string): { ok: false; error: { code: string; message: string } } {
  return { ok: false, error: { code, message } };
}

export type { GameSettings };

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
