/**
 * One game = one Colyseus room whose id is the join code. The room is an adapter that wires
 * small units together: seating.ts (who sits where), requests.ts (parse, authorize, answer),
 * phase-clock.ts, view-sync.ts, action-ids.ts, frame-guard.ts and bot-runner.ts. What it keeps
 * is the one path by which the game changes: engine `apply` → persist → sync. It holds no rule
 * of the game; phases, deals and scores are the engine's.
 */
import { matchMaker, Room, SchemaSerializer, ServerError, type AuthContext, type Client, type Delayed } from "@colyseus/core";
import { StateView } from "@colyseus/schema";
import type { Action, AdvanceCause } from "../../shared/engine/actions.ts";
import { apply } from "../../shared/engine/apply.ts";
import { replay, ReplayRefused } from "../../shared/engine/replay.ts";
import type { GameState } from "../../shared/engine/types.ts";
import { CLOSE_OTHER_TABLE, CLOSE_REMOVED, JoinOptionsSchema, type FacilitatorCommand, type GameSettings, type JoinOptions, type LobbyInfo, type Welcome } from "../../shared/protocol/messages.ts";
import { FACILITATOR_KEY, seatDone, seatsDone } from "../../shared/protocol/view.ts";
import { codeGuesses, floodedHolders, floods, keyMatches, RateLimiter, rejoins, sameSecret } from "../codes.ts";
import { logger } from "../logger.ts";
import { phaseTimers } from "../scenarios.ts";
import { countRejoin, timed } from "../metrics.ts";
import { LeaseLost, type ClassStore, type DebriefStore, type GameRecord, type GameStore } from "../storage/store.ts";
import type { LeaseKeeper } from "../leases.ts";
import { peerOf } from "../client-address.ts";
import { runsElsewhere } from "./open-game.ts";
import { FLOODS_LIMITED, isRulesChanged, REJOINS_LIMITED, rulesChanged, WRONG_CODES_LIMITED } from "../matchmake-guard.ts";
import { BotRunner, type BotChooser } from "./bot-runner.ts";
import { ActionIds } from "./action-ids.ts";
import { guardFrames, type FrameBudgets } from "./frame-guard.ts";
import { FullStateSerializer } from "./full-state-serializer.ts";
import { clockInLog, LEAST_LEFT_AFTER_RESTART_MS, pausedInLog, PhaseClock } from "./phase-clock.ts";
import { fail, refused } from "./replies.ts";
import { refusedGame, saidInvalid } from "../said.ts";
import { setupOf } from "../debrief/analysis.ts";
import { Requests, type ActReply } from "./requests.ts";
import { classPlaces, connectionsCap, placesElsewhere, Seating, type RoomClient } from "./seating.ts";
import { ViewSync } from "./view-sync.ts";
import { pastItems, roundRecord, type PastReply } from "./past.ts";
import type { PastAuth, PastPart } from "../../shared/protocol/archive.ts";
import type { Viewer } from "../../shared/engine/views.ts";
import { secretTexts, translatedNames } from "../scenario-texts.ts";
import { GameRoomState } from "./room-state.ts";
import { tableSummary, type ClassSeats, type ClassTableNow } from "../classes/table-summary.ts";
import { ROLES } from "../../shared/engine/vocabulary.ts";
import { eventPhaseSeconds } from "../../shared/scenario/schema.ts";

/** ws's WebSocket, a connection's socket (WebSocketClient.ref in @colyseus/ws-transport 0.18). */
type OpenSocket = { close(code: number, reason?: string): void; terminate?(): void };

/** A class's student at this table, as the class console names them: their place's id (server/rooms/seating.ts `placeId`) and the seat the class gave them. */
type StudentPlace = { id: string; seat: string };

/** Phases a clock ends, and that end early once everyone at the table is ready. */
const TIMED_PHASES: readonly string[] = ["event", "negotiation", "review"];
/** How long a read of the class console counts as watching a table: it reads every 4 s, a tab in the background about once a minute. */
export const CLASS_CONSOLE_WATCH_MS = 90_000;
/**
 * The least event-card seconds, a card, at a table bots play while people watch it (`phaseSeconds`):
 * nobody there says they have read the card, so its clock alone ends the phase, and a game set
 * to a few seconds a card (bots read nothing) would take the card off the projector unread. The
 * shortest a shipped scenario gives (classroom: 20 s).
 */
export const WATCHED_EVENT_SECONDS = 20;

export type RoomDeps = {
  store: GameStore & ClassStore & Pick<DebriefStore, "forkOf">;
  /** This process's leases: a room runs its game only while it holds the game's lease. */
  leases: LeaseKeeper;
  chooser: BotChooser;
  /** Milliseconds between bot moves (a human pace by default). */
  botDelayMs: number;
  /** How long a room stays open with nobody connected before its game goes to sleep. */
  idle: IdleTimes;
};

/**
 * Idle times (docs/DEPLOY.md, "Idle games sleep"): a game still in its lobby, and a game under
 * way, with nobody connected for this long go to sleep (0: never).
 */
/**
 * `unjoinedMs`: a lobby nobody is in (its creator did not come back to it). `emptyRooms`: rooms
 * nobody is connected to that the process keeps open at once (0: no limit); past that, those
 * empty the longest go to sleep at once (`sleepEmptyRoomsPast`).
 */
export type IdleTimes = { lobbyMs: number; gameMs: number; unjoinedMs: number; emptyRooms?: number };

/** Rooms of this process by code, for the HTTP API. */
export const liveRooms = new Map<string, GameRoom>();

/** Rooms of this process on their way to sleep, each settled once its game is marked asleep (server/wake.ts waits for it). */
export const goingToSleep = new Map<string, Promise<void>>();

/**
 * Past `cap` rooms nobody is connected to, those empty the longest go to sleep now, whatever their
 * idle time (docs/DEPLOY.md, "Idle games sleep"). A game under way that everyone left stays open
 * for a day, and anyone may create 30 games a minute, start each (a quick game starts with its
 * first seat) and leave it: without this, one address would fill the process's memory within hours.
 * Asleep, a game loses nothing, and whoever comes back wakes it.
 */
export function sleepEmptyRoomsPast(cap: number): void {
  if (!cap) return;
  const empty = [...liveRooms.values()].filter((room) => room.unwatched);
  let over = empty.length - cap;
  if (over <= 0) return;
  for (const room of empty.filter((r) => r.maySleepNow).sort((a, b) => a.idleSince - b.idleSince)) {
    if (over-- <= 0) break;
    room.goToSleep("too many games nobody is connected to: the one left the longest goes to sleep");
  }
}

export class GameRoom extends Room<{ state: GameRoomState }> {
  static deps: RoomDeps;
  override state = new GameRoomState();
  override autoDispose = false;

  record!: GameRecord;
  game!: GameState;
  /** How many actions the game's log holds: the next one's place (the log itself is the store's, and replay reads it there). */
  private logLength = 0;
  private seating!: Seating;
  private requests!: Requests;
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
  private budgets!: FrameBudgets;
  /** Each connection's address (from onAuth), to hold a flooding address back from joining again. */
  private addresses = new Map<string, string>();
  /**
   * Sessions closed for flooding (server/rooms/frame-guard.ts): they may not reconnect with their
   * reconnection token, which would bring them back within the minute (their address, or their
   * seat token, is what the flood bans count: server/codes.ts `floods`, `floodedHolders`).
   */
  private flooders = new Set<string>();
  private actionIds = new ActionIds();
  /** Since when nobody has been connected, and the timer that puts the game to sleep then. */
  idleSince = Date.now();
  private sleepTimer: Delayed | undefined;
  /**
   * A what-if fork nobody has joined yet (none since its room opened, no player ever seated):
   * it sleeps on the lobby's idle time, as a new game nobody joined does, not the longer one of
   * a game under way (docs/DEPLOY.md, "Idle games sleep").
   */
  private unjoinedFork = false;
  /**
   * Someone (facilitator, player, observer) has joined since the room opened or was last left
   * empty. Not "ever": whoever created a game holds its key and may join its lobby, even take a
   * seat, and leave, and a lobby that counted as used from then on would escape the cap on unused
   * ones (server/app.ts `roomForNewGames`) and stay open for the lobby's long idle time.
   */
  private joinedOnce = false;
  /** Closing for idleness: onDispose marks the game asleep instead of handing its lease back. */
  private sleeping: (() => void) | undefined;

  private get deps(): RoomDeps {
    return GameRoom.deps;
  }

  override messages = {
    act: timed("act", (client: Client, payload: unknown) => this.requests.act(client, payload)),
    preview: timed("preview", (client: Client, payload: unknown) => this.requests.preview(client, payload)),
    "preview-ruling": timed("preview-ruling", (client: Client, payload: unknown) => this.requests.previewRuling(client, payload)),
    facilitator: timed("facilitator", (client: Client, payload: unknown) => this.requests.facilitator(client, payload)),
    "ask-bot": timed("ask-bot", (client: Client, payload: unknown) => this.requests.askBot(client, payload)),
    "exit-ticket": timed("exit-ticket", (client: Client, payload: unknown) => this.requests.exitTicket(client, payload)),
    "my-exit-ticket": timed("my-exit-ticket", (client: Client) => this.requests.myExitTicket(client)),
    note: timed("note", (client: Client, payload: unknown) => this.requests.note(client, payload)),
    // Any other type: dropped, never quoted back (server/crash-guard.ts says why).
    _: () => undefined,
  };

  /** Colyseus picks a SchemaSerializer when the state is set; ours keeps late joiners' full state whole. */
  override setSerializer(serializer: Parameters<Room["setSerializer"]>[0]) {
    super.setSerializer(serializer instanceof SchemaSerializer && !(serializer instanceof FullStateSerializer) ? new FullStateSerializer() : serializer);
  }

  override async onCreate(options: { code: string; paused?: boolean; woke?: boolean }) {
    const store = this.deps.store;
    const record = await store.getGame(options.code);
    if (!record) throw new ServerError(404, `no game ${options.code}`);
    // The lease first: another process may be running this game (docs/DEPLOY.md).
    const epoch = await this.deps.leases.claim(record.code);
    if (epoch === null) throw runsElsewhere(record.code);
    this.roomId = record.code;
    this.record = record;
    // The request types a client may send are the handlers above; any other frame type is dropped unread.
    this.budgets = guardFrames(
      this,
      Object.keys(this.messages).filter((type) => type !== "_"),
      (client) => {
        this.flooders.add(client.sessionId);
        floods.miss(this.addresses.get(client.sessionId) ?? "?");
        const holder = this.seating.holderOf(client);
        if (holder) floodedHolders.miss(`${record.code}:${holder.record.id}`);
      },
    );
    this.seating = new Seating(record.code, this.state, record.settings, store, () => this.clients, () => this.views, () => this.game.phase, (seat) => this.unreadyFromBot(seat), (seat, change, names) => this.logHandover(seat, change, names));
    let entries: Awaited<ReturnType<typeof store.actionLog>>;
    let notes: number;
    try {
      let holders, seats, observers;
      let fork, inClass;
      [entries, holders, seats, observers, notes, fork, inClass] = await Promise.all([
        store.actionLog(record.code),
        store.holders(record.code),
        store.seats(record.code),
        store.observers(record.code),
        store.noteCount(record.code),
        store.forkOf(record.code),
        record.classTable ? store.getClass(record.classTable.code) : undefined,
      ]);
      this.unjoinedFork = !!fork && holders.length === 0;
      this.logLength = entries.length;
      this.game = this.replayed(entries.map((e) => e.action));
      this.actionIds = ActionIds.fromLog(entries, this.game.version);
      this.state.code = record.code;
      await this.seating.restore(record.scenario, holders, seats, observers);
      // After the holders: a person seated before holders kept their class place is found by name once (Seating.holdForClass).
      if (inClass && record.classTable) this.seating.holdForClass(classPlaces(inClass, record.classTable.table), placesElsewhere(inClass, record.classTable.table));
    } catch (err) {
      void this.deps.leases.release(record.code);
      throw err;
    }
    this.views = new ViewSync(this.state, () => this.game, () => this.clients, (client) => this.seating.viewerOf(client), secretTexts(record.scenario.id), (fn) => void this.clock.setTimeout(fn, 1000));
    this.phaseClock = new PhaseClock(
      this.state,
      (fn, ms) => this.clock.setTimeout(fn, ms),
      // The phase whose clock ran out, which may have ended meanwhile (everyone was ready).
      () => this.advancePhase(this.clockFor.round, this.clockFor.phase, "clock"),
    );
    this.requests = new Requests({
      code: record.code,
      settings: record.settings,
      state: this.state,
      store,
      seating: this.seating,
      actionIds: this.actionIds,
      game: () => this.game,
      phaseClock: () => this.phaseClock,
      act: (action, id, by) => this.act(action, id, by),
    }, notes);
    this.requests.restoreMutes(entries);
    this.deps.leases.hold(record.code, epoch, () => this.standDown());
    this.seating.refresh();
    this.sync();
    this.bots = new BotRunner(this, this.deps.chooser, this.deps.botDelayMs, translatedNames(record.scenario.id));
    // A what-if waits for its facilitator; a game restored (after a restart, or waking from
    // sleep) whose facilitator's last clock record is a pause stays paused, with the time its
    // phase had left (docs/PROTOCOL.md, "Time").
    if (options.paused || pausedInLog(entries)) this.state.paused = true;
    if (this.game.phase === "ended") this.autoDispose = true;
    else this.startClock(options.paused ? undefined : this.leftInLog(entries, !!options.woke));
    // Restored after a restart, nobody is connected yet: as after a drop, a seat whose people
    // do not come back within the reconnection window goes to a bot.
    if (this.logLength && this.record.settings.bots) this.clock.setTimeout(() => this.botAbsentSeats(), this.record.settings.reconnectSeconds * 1000);
    liveRooms.set(record.code, this);
    // Idle from the moment the room is open, not from when its restore began (slow under load).
    this.idleSince = Date.now();
    this.armSleep();
    sleepEmptyRoomsPast(this.deps.idle.emptyRooms ?? 0);
    logger.info({ code: record.code, actions: this.logLength, phase: this.game.phase }, this.logLength ? "game restored" : "game created");
  }

  /**
   * The stored log replayed. A log the rules of this version refuse (a game played before a rule
   * changed: shared/engine/replay.ts `ReplayRefused`) refuses the join with the reason, and is
   * logged; the process carries on with its other games.
   */
  private replayed(log: Action[]): GameState {
    try {
      return replay(this.setup(), log);
    } catch (err) {
      if (!(err instanceof ReplayRefused)) throw err;
      throw rulesChanged(refusedGame(err, { code: this.record.code }).message);
    }
  }

  override async onDispose() {
    this.phaseClock?.stop();
    this.bots?.stop();
    if (liveRooms.get(this.roomId) === this) liveRooms.delete(this.roomId);
    await this.queue;
    if (this.sleeping) return this.fallAsleep(this.sleeping);
    // Let another process take the game at once (a drain, or a finished game's last player gone).
    if (!this.standingDown) await this.deps.leases.release(this.roomId);
  }

  // ---- Sleeping when nobody is connected (docs/DEPLOY.md, "Idle games sleep") ----------

  /** How long this game may stay open with nobody connected (0: for ever). */
  private idleMs(): number {
    if (this.game.phase === "ended") return 0;
    // Sooner than any lobby, never later (a server set to put lobbies to sleep quicker keeps that).
    const { lobbyMs, unjoinedMs } = this.deps.idle;
    if (this.unjoinedLobby) return lobbyMs && unjoinedMs ? Math.min(lobbyMs, unjoinedMs) : unjoinedMs || lobbyMs;
    return this.game.phase === "lobby" || this.unjoinedFork ? this.deps.idle.lobbyMs : this.deps.idle.gameMs;
  }

  /**
   * A game in its lobby that nobody is in (nobody joined since it opened, or all who did have
   * left, seated or not): it sleeps sooner, and the server opens only so many (server/app.ts).
   * Asleep it loses nothing: its seats and tokens are stored, and whoever comes back wakes it.
   */
  get unjoinedLobby(): boolean {
    return this.game.phase === "lobby" && !this.joinedOnce;
  }

  /** Nobody is connected from now on: the game sleeps once the idle time has passed. */
  private armSleep() {
    this.sleepTimer?.clear();
    this.sleepTimer = undefined;
    const ms = this.idleMs();
    if (ms) this.sleepTimer = this.clock.setTimeout(() => this.sleepIfIdle(), Math.max(0, this.idleSince + ms - Date.now()));
  }

  /**
   * Closes the room if nobody has been connected for the idle time (its phase's: a lobby that
   * was started meanwhile gets the longer time) and no join is on its way in.
   */
  private sleepIfIdle() {
    this.sleepTimer = undefined;
    if (!this.empty) return;
    const ms = this.idleMs();
    if (!ms) return;
    if (!this.maySleepNow || Date.now() < this.idleSince + ms) {
      this.sleepTimer = this.clock.setTimeout(() => this.sleepIfIdle(), !this.maySleepNow ? 1000 : this.idleSince + ms - Date.now());
      return;
    }
    this.goToSleep("nobody connected for a while: the game goes to sleep");
  }

  /** Nobody is connected, and the game is open here and not over (an ended game closes by itself once empty). */
  get empty(): boolean {
    return !this.clients.length && !this.sleeping && !this.standingDown && !this.shuttingDown && !!this.game && this.game.phase !== "ended";
  }

  /** `empty`, and the class console has not read the table lately either (`watched`): a teacher watching it keeps it as a connected facilitator would. */
  get unwatched(): boolean {
    return this.empty && this.classConsoleUntil <= Date.now();
  }

  /** No join is on its way in, and the matchmaker has listed the room. */
  get maySleepNow(): boolean {
    // A seat reserved by the matchmaker: someone is connecting (or their reservation lapses soon).
    const reserved = Object.keys((this as unknown as { _reservedSeats: object })._reservedSeats).length > 0;
    // Not yet registered by the matchmaker (it lists the room after onCreate, then listens for its
    // dispose): closed now, its listing would outlive it, and every join would find a room that
    // refuses seats ("already full") until the process restarts.
    const unregistered = matchMaker.getLocalRoomById(this.roomId) !== this;
    return !reserved && !unregistered;
  }

  /** Closes the room (`empty` and `maySleepNow`) and marks its game asleep once every action is stored. */
  goToSleep(why: string) {
    this.sleepTimer?.clear();
    this.sleepTimer = undefined;
    logger.info({ code: this.roomId, phase: this.game.phase, idleMinutes: Math.round((Date.now() - this.idleSince) / 60_000) }, why);
    // From here no join reaches this room: it is no longer the HTTP API's, and its listing goes
    // before onDispose runs; a wake waits for goingToSleep.
    this.phaseClock.stop();
    this.bots.stop();
    liveRooms.delete(this.roomId);
    goingToSleep.set(this.roomId, new Promise<void>((resolve) => (this.sleeping = resolve)));
    void this.disconnect();
  }

  /**
   * The room has closed for idleness and every action has been stored: the game is marked
   * asleep and its lease given up in one write (server/storage/store.ts `sleepGame`). If that
   * fails (the database), the lease lapses and the lease watch restores the game as after a crash.
   */
  private async fallAsleep(settled: () => void) {
    const code = this.roomId;
    const epoch = this.deps.leases.epochOf(code);
    try {
      if (epoch !== undefined && !this.standingDown) {
        this.deps.leases.forget(code);
        if (!(await this.deps.store.sleepGame(code, epoch, Date.now()))) logger.warn({ code }, "the game's lease moved before it could sleep");
      }
    } catch (err) {
      logger.error({ code, err }, "could not mark the game asleep");
    } finally {
      goingToSleep.delete(code);
      settled();
    }
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
    // A join refused with its code (a full lobby, a taken seat, a wrong token) is what any client
    // can cause at will: a line at info, without a stack, not an error.
    // A limit's refusal (rate/…) is what a script in a loop meets: at most a line a minute per
    // game and code (the matchmaker refuses most of them before a seat, and writes nothing).
    const cause = (error as { cause?: unknown }).cause;
    if (cause instanceof ServerError && (method === "onAuth" || method === "onJoin")) {
      const limit = /^rate\/\w+/.exec(cause.message)?.[0];
      if (limit && !this.refusalsLogged.hit(limit)) return;
      return void logger.info({ code: this.roomId, method, refusal: cause.message }, "join refused");
    }
    // A stored game the rules now refuse to replay: logged once, at warn, where it was refused (`replayed`).
    if (method === "onCreate" && isRulesChanged(cause)) return;
    logger.error({ code: this.roomId, method, err: error }, "uncaught exception in room");
  }

  setup() {
    return setupOf(this.record);
  }

  // ---- Joining and leaving ------------------------------------------------------------

  override onAuth(client: Client, options: unknown, context: AuthContext) {
    const address = peerOf(context);
    const admitted = this.admit(options, address, true);
    // Kept only for a join that goes on (a refused one never leaves, so would never be dropped).
    this.addresses.set(client.sessionId, address);
    return admitted;
  }

  /**
   * The join these options ask for from that address, or the coded refusal it gets (the
   * matchmaker asks before reserving a seat, and the room again when the socket connects).
   * Wrong keys, rejoin codes and tokens are guesses too: counted per address with wrong game
   * codes. An address locked for them (a school's, shared with whoever guessed) still lets in
   * a seat token or the facilitator key that matches: long secrets no guesser finds. A rejoin
   * code is six characters, which only the lock keeps from being guessed: refused like the rest.
   * A person coming back (seat token, rejoin code) is refused past their rejoins (server/codes.ts
   * `rejoins`); `count`: this is the join itself (the socket's onAuth), which counts one, not the
   * matchmaker's check ahead of it.
   */
  admit(options: unknown, address: string, count = false): JoinOptions {
    const locked = codeGuesses.blocked(address);
    try {
      const { o, returning } = this.authorize(options);
      const secret = o.as === "facilitator" || (o.as === "player" && !!o.token);
      if (locked && !secret) throw new ServerError(429, WRONG_CODES_LIMITED);
      // Flooding: the address is refused for a minute, except people who come back with their
      // own secret (behind one school address); a holder closed for flooding is refused anyway.
      const holder = o.as === "player" && o.token ? this.seating.holderByToken(o.token) : undefined;
      if ((floods.blocked(address) && !secret) || (holder && floodedHolders.blocked(`${this.record.code}:${holder.record.id}`)))
        throw new ServerError(429, FLOODS_LIMITED);
      // One address holds at most so many connections here (a classroom behind one address fits).
      const cap = connectionsCap(this.state.seats.size);
      if (!secret && [...this.addresses.values()].filter((a) => a === address).length >= cap)
        throw new ServerError(429, `rate/connections: ${cap} connections to this game already come from your network; close one, or ask the facilitator`);
      if (returning && !this.mayComeBack(returning, count)) throw new ServerError(429, REJOINS_LIMITED);
      return o;
    } catch (err) {
      if (err instanceof ServerError && err.message.startsWith("auth/bad_")) codeGuesses.miss(address);
      throw locked ? new ServerError(429, WRONG_CODES_LIMITED) : err;
    }
  }

  /** The join options, and the person they bring back (a seat token's, a rejoin code's), if any. */
  private authorize(options: unknown) {
    const parsed = JoinOptionsSchema.safeParse(options ?? {});
    if (!parsed.success) throw new ServerError(400, `input/invalid: ${saidInvalid(parsed.error.issues, options ?? {}, JoinOptionsSchema).message}`);
    const o = parsed.data;
    if (o.as === "facilitator" && !keyMatches(o.key, this.record.keyHash)) throw new ServerError(403, "auth/bad_key: that facilitator key does not open this game");
    // Throws a clear error when the seat cannot be had.
    const returning = o.as === "player" ? this.seating.findPlayerSlot(o).live : undefined;
    return { o, returning };
  }

  override async onJoin(client: RoomClient, _options: unknown, auth: JoinOptions) {
    this.sleepTimer?.clear();
    this.sleepTimer = undefined;
    this.unjoinedFork = false;
    this.joinedOnce = true;
    client.view = new StateView();
    let welcome: Welcome;
    let returning = false;
    if (auth.as === "facilitator") {
      client.userData = { kind: "facilitator" };
      client.view.add(this.state.priv.get(FACILITATOR_KEY)!);
      this.seating.showObservers(client);
      welcome = { kind: "facilitator", name: "Facilitator", mutes: this.requests.runningMutes() };
    } else if (auth.as === "observer") {
      client.userData = { kind: "observer", ...(auth.name ? { name: auth.name } : {}) };
      // No name given is no name: the client names the role in its reader's language (not "Observer" as if a name).
      welcome = { kind: "observer", ...(auth.name ? { name: auth.name } : {}) };
    } else {
      try {
        ({ welcome, returning } = await this.seating.join(client, auth));
      } catch (err) {
        // Refused after all (the lobby filled while its socket connected): it never joins, so never leaves.
        this.addresses.delete(client.sessionId);
        throw err;
      }
    }
    this.views.fitPrivateLines(client);
    this.seating.refresh();
    client.send("welcome", welcome);
    if (this.record.settings.quickStart && this.game.phase === "lobby" && welcome.seat)
      void this.act({ actor: { kind: "facilitator" }, move: { type: "start" }, reason: "quick game: starts when the first player takes a seat" });
    if (returning) this.cameBack(client, "rejoin");
    else logger.info({ code: this.roomId, kind: welcome.kind, seat: welcome.seat }, "joined");
  }

  /**
   * A person came back (`rejoin`: with their seat token or rejoin code; `reconnect`: the SDK's
   * reconnection): counted in /metrics every time, written to the log at most once a minute per
   * person, so coming back in a loop does not fill the log.
   */
  private cameBack(client: RoomClient, how: "rejoin" | "reconnect") {
    countRejoin(how);
    const holder = this.seating.holderOf(client)?.record;
    if (this.cameBackLogged.hit(holder?.id ?? client.sessionId)) logger.info({ code: this.roomId, how, seat: holder?.seat ?? undefined }, "came back");
  }
  private cameBackLogged = new RateLimiter(1, 60_000);
  private refusalsLogged = new RateLimiter(1, 60_000);

  override async onDrop(client: RoomClient) {
    this.seating.refresh(client);
    // Colyseus calls onDrop for a connection the server closed too (any code but 4000): one closed
    // for flooding leaves now, and comes back only by joining again, which the bans refuse for a minute.
    if (this.flooders.has(client.sessionId)) return;
    // One the teacher removed from the class (`sendAway`) is not coming back either.
    if (this.removedSessions.delete(client.sessionId)) return;
    // An observer has no seat to keep: it leaves now and simply joins again (the web client does
    // at once, without the SDK's reconnection: client/net/connection.ts welcome). Kept for the reconnection
    // window, dropped observers would hold their address's connections (`connectionsCap`) and
    // lock the classmates behind it out.
    if (client.userData?.kind === "observer") return;
    const token = client.reconnectionToken;
    this.dropped.set(token, client);
    try {
      await this.allowReconnection(client, this.record.settings.reconnectSeconds);
    } catch {
      // Not back in time: handled in onLeave.
    } finally {
      this.dropped.delete(token);
    }
  }

  /** Dropped connections by reconnection token, while they may come back: a reconnection is a rejoin of their holder's. */
  private dropped = new Map<string, RoomClient>();

  /**
   * Whether a person may come back, within their rejoins (server/codes.ts `rejoins`, kept by game
   * and holder, whatever the address); `count`: this is the coming back itself, counted once.
   */
  private mayComeBack(holder: { record: { id: string } }, count: boolean): boolean {
    const key = `${this.record.code}:${holder.record.id}`;
    if (rejoins.blocked(key)) return false;
    if (count) rejoins.hit(key);
    return true;
  }

  /**
   * Colyseus's check of a reconnection token (the matchmaker's `reconnect`): for a connection
   * still open it takes that connection out of the room as a drop and lets the token in, which
   * would bring a flooder back before its socket is gone (onDrop). Its token is refused instead.
   *
   * Any other connection still open whose token comes back (a phone that changed networks while
   * its old socket lingers, or the token used from somewhere else) is taken over, as a second
   * tab's join with the seat token takes it (Seating.join): the new connection gets the seat and
   * the old one is closed with 4000, which the web client shows as "taken over elsewhere"
   * (client/net/connection.ts). Colyseus itself never closes that old socket: it hands the old
   * Client the new socket, so the old one would stay open, deaf, its requests timing out.
   */
  override checkReconnectionToken(reconnectionToken: string): string {
    const flooder = this.clients.find((c) => this.flooders.has(c.sessionId) && sameSecret(reconnectionToken, c.reconnectionToken));
    if (flooder) return undefined as unknown as string;
    const open = this.clients.find((c) => sameSecret(reconnectionToken, c.reconnectionToken));
    // A reconnection is a rejoin: past its holder's rejoins, refused as a rejoin with the seat token is.
    const gone = this.dropped.get(reconnectionToken) ?? open;
    const holder = gone && this.seating.holderOf(gone);
    if (holder && !this.mayComeBack(holder, false)) throw new ServerError(429, REJOINS_LIMITED);
    const socket = open?.ref as unknown as OpenSocket | undefined;
    const sessionId = super.checkReconnectionToken(reconnectionToken);
    if (open && socket && sessionId === open.sessionId) this.takenOver.set(sessionId, socket);
    return sessionId;
  }

  /**
   * Sockets of connections still open when their reconnection token came back
   * (`checkReconnectionToken`), by session: closed with 4000 once the new connection is in
   * (onReconnect), cut if it never comes (onLeave).
   */
  private takenOver = new Map<string, OpenSocket>();

  override onReconnect(client: RoomClient) {
    const old = this.takenOver.get(client.sessionId);
    this.takenOver.delete(client.sessionId);
    if (old && old !== (client.ref as unknown)) old.close(4000, "taken over");
    // Its seat was taken over from another tab or device while it was away: it stays out (the client reads 4000 as that).
    if (!this.seating.reconnected(client)) return client.leave(4000);
    // The teacher removed it from the class, or moved it to another table, while it was away: told so now.
    const away = this.removedSessions.get(client.sessionId);
    if (away) return client.leave(away.code, away.reason);
    // Counted as a rejoin; past the limit (the SDK's own retries go straight to the socket, not
    // through checkReconnectionToken) it leaves, and its rejoin with the token is refused too.
    const holder = this.seating.holderOf(client);
    if (holder && !this.mayComeBack(holder, true)) return client.leave(CLOSE_REJOINS);
    // Its view gets what changed while it was away (sync() only reaches connected clients).
    this.views.fitPrivateLines(client);
    if (client.userData?.kind === "facilitator") this.seating.showObservers(client);
    this.seating.refresh();
    this.cameBack(client, "reconnect");
  }

  override onBeforeShutdown() {
    this.shuttingDown = true;
    this.bots?.stop();
    super.onBeforeShutdown();
  }

  override onLeave(client: RoomClient) {
    // Its token came back from a new connection that never arrived: the old socket, out of the room since, is let go as a drop.
    this.takenOver.get(client.sessionId)?.terminate?.();
    this.takenOver.delete(client.sessionId);
    this.budgets.forget(client.sessionId);
    this.flooders.delete(client.sessionId);
    this.removedSessions.delete(client.sessionId);
    this.addresses.delete(client.sessionId);
    this.views.forget(client);
    // Not when the server is shutting down: people come back to their seats after the restart.
    this.seating.left(client, this.gameRunsWithBots());
    this.seating.refresh(client);
    // A person gone for good no longer holds the phase: the rest may all be ready.
    if (!this.shuttingDown && !this.standingDown && TIMED_PHASES.includes(this.game.phase) && this.everyoneReady()) this.clock.setTimeout(() => this.advanceIf(this.game.version), 0);
    if (!this.clients.some((c) => c !== client)) {
      this.joinedOnce = false;
      this.idleSince = Date.now();
      this.armSleep();
      // Not yet empty (the leaving client is still counted): checked once it is out.
      this.clock.setTimeout(() => sleepEmptyRoomsPast(this.deps.idle.emptyRooms ?? 0), 0);
    }
  }

  private botAbsentSeats() {
    if (this.gameRunsWithBots()) this.seating.botAbsentSeats();
  }

  /** Bots take the seats people leave: the game is under way here, with bots on. */
  private gameRunsWithBots(): boolean {
    return !this.shuttingDown && !this.standingDown && !!this.record.settings.bots && this.game.phase !== "lobby" && this.game.phase !== "ended";
  }

  /**
   * A facilitator command, already parsed and authorized (the class console sends one to
   * every table); `logId` is its action id as stored in the log.
   */
  command(cmd: FacilitatorCommand, logId?: string): ActReply | Promise<ActReply> {
    return this.requests.command(cmd, logId);
  }

  // ---- Applying actions ---------------------------------------------------------------

  /**
   * The one path by which the game changes: engine, then storage, then sync. Actions wait
   * their turn: each is applied to the state the previous one left and is durable before its
   * reply, before anyone sees it, and before the next is applied. `id` is the client's action
   * id; `by` the person who sent it (their action count is stored with it).
   */
  act(action: Action, id?: string, by?: string): Promise<ActReply> {
    return this.actWhenDue(() => action, id, by) as Promise<ActReply>;
  }

  /**
   * An action chosen when its turn in the queue comes, from the state every earlier action
   * left (null: nothing to do then). Bots choose this way, so a move is never chosen from a
   * state that a person's action, already waiting, is about to change.
   */
  actWhenDue(choose: () => Action | null, id?: string, by?: string): Promise<ActReply | null> {
    // With nothing waiting, the action starts in this turn rather than a microtask later. So
    // nothing that `choose` and actNow do before actNow's first await may queue another action:
    // `this.queue` is not this one's yet, and that action would not wait for this one.
    const run = this.waiting++ ? this.queue.then(() => this.actNow(choose, id, by)) : this.actNow(choose, id, by);
    this.queue = run.then(this.settled, this.settled);
    return run;
  }

  /**
   * A person took a bot's seat: if the bot had said it was done with the phase, that is taken
   * back, so the phase does not end on the word of a bot that is no longer there.
   */
  /**
   * A bot took a seat over from its people, or a person from its bot: recorded in the game's log
   * (the system's `log-seat`), so the news, the report and the gradebook say who played the seat
   * from which round. Queued after the command that caused it (a facilitator's, logged too);
   * chosen when its turn comes, so nothing is recorded in the lobby or after the end.
   */
  private logHandover(seat: string, change: "to-bot" | "from-bot", names: string[]) {
    const unique = [...new Set(names.map((n) => n.trim().slice(0, 40)).filter(Boolean))].slice(0, 3);
    if (!unique.length) return;
    queueMicrotask(() => {
      void this.actWhenDue(() => {
        const phase = this.game.phase;
        return phase === "lobby" || phase === "ended" ? null : { actor: { kind: "system" }, move: { type: "log-seat", change, seat, names: unique } };
      }).catch((err: unknown) => logger.error({ code: this.roomId, seat, err }, "could not record a seat's handover"));
    });
  }

  private unreadyFromBot(seat: string) {
    void this.actWhenDue(() => {
      const phase = this.game.phase;
      if (!this.game.ready.includes(seat) || (phase !== "event" && phase !== "negotiation" && phase !== "review")) return null;
      return { actor: { kind: "seat", seat, roles: [...ROLES] }, move: { type: "ready", ready: false, phase }, reason: "a person took the seat from its bot" };
    }).catch((err: unknown) => logger.error({ code: this.roomId, seat, err }, "could not take back a bot's ready"));
  }

  /** Actions queued or running. */
  private waiting = 0;
  private settled = () => {
    this.waiting--;
  };

  /**
   * The system ends a phase (its clock ran out, or everyone is ready), if that phase is still
   * the current one when its turn in the queue comes: a clock and a last "ready" landing
   * together must not end two phases. The log keeps which (`cause`) for the report's timeline.
   */
  private advancePhase(round: number, phase: string, cause: AdvanceCause) {
    void this.actWhenDue(() => (this.game.round === round && this.game.phase === phase && phase !== "ended" ? { actor: { kind: "system" }, move: { type: "advance", cause } } : null));
  }

  /** The action `choose` gives now (none: null), applied, stored and synced. */
  private async actNow(choose: () => Action | null, id?: string, by?: string): Promise<ActReply | null> {
    const action = choose();
    if (!action) return null;
    if (this.standingDown) return fail("server/moved", "server.moved");
    const result = apply(this.game, action);
    if (!result.ok) return refused(this.game.scenario, result.error);
    const before = this.game;
    try {
      await this.deps.store.appendAction(this.roomId, { seq: this.logLength, action, at: Date.now(), ...(id ? { id } : {}), ...(by ? { by } : {}) }, this.deps.leases.epochOf(this.roomId));
    } catch (err) {
      if (err instanceof LeaseLost) {
        this.standDown();
        return fail("server/moved", "server.moved");
      }
      logger.error({ code: this.roomId, err }, "could not store action");
      return fail("server/storage", "server.notSaved");
    }
    this.logLength++;
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
    if (before.phase === "lobby" && g.phase !== "lobby" && this.record.settings.bots) this.seating.botEmptySeats();
    if (before.phase !== g.phase || before.round !== g.round) {
      this.startClock();
      this.bots.newPhase();
      if (g.phase === "ended") {
        this.deps.store.finishGame(this.roomId, Date.now()).catch((err) => logger.error({ code: this.roomId, err }, "could not store the game's end"));
        this.autoDispose = true;
      }
    }
    this.sync();
    this.bots?.changed();
    if (before.settings.facilitatorReadsPrivate !== g.settings.facilitatorReadsPrivate) this.views.refreshPrivateLines();
    if (TIMED_PHASES.includes(g.phase) && this.everyoneReady()) this.clock.setTimeout(() => this.advanceIf(g.version), 0);
  }

  private startClock(leftMs?: number) {
    this.clockFor = { round: this.game.round, phase: this.game.phase };
    this.phaseClock.start(this.phaseSeconds, leftMs);
  }

  /**
   * The time a restored phase has left (docs/PROTOCOL.md, "Time"): paused, what it had at the
   * pause; after a restart, what its clock has left now, its extends counted, and at least a
   * minute for people to come back; woken from sleep, when no clock ran, its full length.
   */
  private leftInLog(entries: Parameters<typeof clockInLog>[0], woke: boolean): number | undefined {
    const phaseMs = this.phaseSeconds * 1000;
    const logged = phaseMs ? clockInLog(entries, phaseMs) : null;
    if (!logged) return undefined;
    if (this.state.paused) return logged.paused ? logged.leftMs : undefined;
    if (woke) return undefined;
    return Math.max(logged.deadline - Date.now(), Math.min(phaseMs, LEAST_LEFT_AFTER_RESTART_MS));
  }

  /** Ends the phase every seat is ready in, unless something changed since they were (`version`). */
  private advanceIf(version: number) {
    if (this.shuttingDown || this.standingDown) return;
    if (this.game.version === version && TIMED_PHASES.includes(this.game.phase) && !this.state.paused) this.advancePhase(this.game.round, this.game.phase, "ready");
  }

  /**
   * Every connected person has said they are ready (in the event and review phases: that they
   * have read it). Bots hold a phase open only while an offer waits on them (they answer within
   * seconds); their own readiness counts only at a table with nobody at it: no person in a seat,
   * and no facilitator or observer (a projector) connected. A class whose phones all dropped
   * still has its teacher and its screen: the phase runs to its clock or the facilitator's
   * advance (docs/RULES.md, §2 "A round").
   */
  private everyoneReady(): boolean {
    // Nobody has said so (most actions of a negotiation): no seat list to build.
    if (!this.game.ready.length) return false;
    const seats = [...this.state.seats.values()];
    const people = this.people();
    const bots = seats.filter((s) => s.bot);
    // An offer waiting on a bot holds the negotiation until the bot has answered it.
    if (this.game.phase === "negotiation" && bots.some((s) => this.bots.waitingOn(s.id))) return false;
    if (people.length) return people.every((s) => this.game.ready.includes(s.id));
    if (this.watched()) return false;
    return bots.length > 0 && bots.every((s) => this.game.ready.includes(s.id));
  }

  /** A facilitator or an observer is connected, or the class console read the table lately: the table is not empty even with no person in a seat. */
  private watched(): boolean {
    return this.classConsoleUntil > Date.now() || this.clients.some((c) => c.userData?.kind === "facilitator" || c.userData?.kind === "observer");
  }

  /** Until when the class console counts as watching this table (`seenByClassConsole`). */
  private classConsoleUntil = 0;

  /**
   * The class console read this table (server/classes/routes.ts, its status every few seconds):
   * a teacher watching the class from it keeps the table as a connected facilitator would, for a
   * while after each read (a browser reads less often from a tab in the background).
   */
  seenByClassConsole() {
    this.classConsoleUntil = Date.now() + CLASS_CONSOLE_WATCH_MS;
  }

  /** "4 of 6 seats done" (shared/protocol/view.ts `seatsDone`) for the class console's tables: the same count as the table's own views. */
  seatsDone(): { count: number; total: number } {
    this.markDone();
    return seatsDone(this.state.seats.values());
  }

  /** What `markDone` last judged from: the game, and each seat's bot and whether anyone holds it. */
  private doneOf?: { game: GameState; seats: string };

  /**
   * Each seat's `done` (shared/protocol/view.ts `seatDone`), judged from the whole game: a bot
   * waited on by an offer or a question a view does not see is not done in any view, so every
   * view's "N of M seats done" is the same number. Before every patch, so it follows the game,
   * and the seats a bot takes or leaves, whatever changed them; judged again only when one did.
   */
  private markDone() {
    if (!this.game || !this.bots) return;
    const seats = [...this.state.seats.values()];
    const shape = seats.map((s) => `${s.bot ? 1 : 0}${s.holders.length ? 1 : 0}`).join("");
    if (this.doneOf?.game === this.game && this.doneOf.seats === shape) return;
    this.doneOf = { game: this.game, seats: shape };
    const waitedOn = (seat: string) => this.bots.waitingOn(seat);
    for (const seat of seats) {
      const done = seatDone(this.game, seat, waitedOn) === true;
      if (seat.done !== done) seat.done = done;
    }
  }

  override onBeforePatch() {
    this.markDone();
  }

  /**
   * Seats a person holds: connected, or dropped and still within their reconnection window (a
   * phone that slept, a page reloaded or left for the rules): they are coming back, so the phase
   * waits for them, to its clock at most. Past the window a bot takes the seat (bots on), or the
   * table goes on without them.
   */
  private people() {
    const away = new Set<string>();
    for (const c of this.dropped.values()) {
      const live = this.seating.holderOf(c);
      if (live?.client === c && live.record.seat) away.add(live.record.seat);
    }
    return [...this.state.seats.values()].filter((s) => s.holders.some((h) => h.connected) || (!s.bot && away.has(s.id)));
  }

  /** Every connected person has said they are ready (false at a table with nobody on it). */
  peopleReady(): boolean {
    const people = this.people();
    return people.length > 0 && people.every((s) => this.game.ready.includes(s.id));
  }

  get phaseSeconds(): number {
    const t = phaseTimers(this.record.settings, this.record.scenario);
    switch (this.game.phase) {
      case "event": {
        // Bots at every seat and people watching (a console, a projector, the class console): nobody
        // reads the card for the table, so it stays up long enough for those watching to.
        const readers = !this.people().length && this.watched();
        return eventPhaseSeconds(readers ? Math.max(t.eventSeconds, WATCHED_EVENT_SECONDS) : t.eventSeconds, this.game.events.filter((e) => e.round === this.game.round).length);
      }
      case "negotiation":
        return t.negotiationSeconds;
      case "review":
        return t.reviewSeconds;
      default:
        return 0;
    }
  }

  // ---- Sync ---------------------------------------------------------------------------

  private sync() {
    this.views.sync(this.seating.rejoinCodes);
    this.markDone();
  }

  // ---- For the HTTP API, the class console and the bot runner --------------------------

  lobbyInfo(): LobbyInfo {
    return {
      code: this.roomId,
      scenario: { id: this.record.scenario.id, title: this.record.scenario.title },
      phase: this.game.phase,
      round: this.game.round,
      settings: { teams: this.record.settings.teams, bots: this.record.settings.bots, facilitatorReadsPrivate: this.game.settings.facilitatorReadsPrivate, rounds: this.game.settings.rounds, quickStart: !!this.record.settings.quickStart, eventSeconds: phaseTimers(this.record.settings, this.record.scenario).eventSeconds },
      ...(this.record.classTable ? { classTable: this.record.classTable } : {}),
      seats: this.seating.lobbySeats(),
    };
  }

  /**
   * What left the room state (a part of the past, whole) or a round's record, as far as these
   * credentials may read it (server/rooms/past.ts), for GET /api/games/:code/past/:part and
   * /rounds/:round.
   */
  past(what: PastPart | { round: number }, auth: PastAuth): PastReply {
    if (typeof what === "object") return roundRecord(this.game, what.round);
    let viewer: Viewer = { kind: "observer" };
    if (auth.key !== undefined) {
      if (!keyMatches(auth.key, this.record.keyHash)) return { ok: false, status: 403, code: "auth/bad_key", message: "That facilitator key does not open this game." };
      viewer = { kind: "facilitator" };
    } else if (auth.token !== undefined) {
      const holder = this.seating.viewerOfToken(auth.token);
      if (holder === null) return { ok: false, status: 403, code: "auth/bad_token", message: "That seat token is not one of this game's." };
      if (holder) viewer = holder;
    }
    return { ok: true, body: pastItems(this.game, viewer, what) };
  }

  /**
   * Where the game is: its phase and round (a class's tables, server/classes/routes.ts). Given the
   * places the class put here, `byTableCode` counts the people seated here who hold none of them,
   * those `classTable` lists as `others`: the class's join page counts them as its console does.
   */
  progress(students?: readonly StudentPlace[]): { phase: GameState["phase"]; round: number; byTableCode?: number } {
    return { phase: this.game.phase, round: this.game.round, ...(students ? { byTableCode: this.byTableCode(students).length } : {}) };
  }

  /**
   * The people seated here who hold none of `students`' places (places the class put here): they
   * joined the table by its game code, not through the class's join screen (or the class removed
   * their place).
   */
  private byTableCode(students: readonly StudentPlace[]) {
    return [...this.seating.holders.values()].filter((h) => h.record.seat && !students.some((s) => s.id && h.record.place === s.id));
  }

  /** The table's seats and the ministries free in each (a class places students in them: server/classes/routes.ts). */
  classSeats(): ClassSeats {
    return { phase: this.game.phase, seats: this.seating.seatIds().map((id) => ({ id, free: this.seating.freeRoles(id) })) };
  }

  /** Reads of the class begun (`classChanged`): only the latest begun sets the places held. */
  private classReads = 0;

  /**
   * The class this table belongs to placed or removed a student: the table holds the places the
   * class now gives out here (server/rooms/seating.ts `openRoles`), as stored. Read here rather
   * than sent: with several processes, two changes saved one after the other may reach the room
   * in the other order, and a read begun later never sees an older class.
   */
  async classChanged(): Promise<void> {
    const table = this.record.classTable;
    if (!table) return;
    const read = ++this.classReads;
    try {
      const inClass = await this.deps.store.getClass(table.code);
      if (inClass && read === this.classReads) this.seating.holdForClass(classPlaces(inClass, table.table), placesElsewhere(inClass, table.table));
    } catch (err) {
      logger.error({ code: this.roomId, err }, "could not read the table's class");
    }
  }

  /**
   * What the class console shows of this table now, with each of `students` (places the class
   * put here): their seat's rejoin code and where they are (server/rooms/seating.ts `presence`).
   */
  classTable(students: readonly StudentPlace[]): ClassTableNow {
    // The class console reads this every few seconds: the teacher is watching (`seenByClassConsole`).
    this.seenByClassConsole();
    return {
      summary: tableSummary(this.game),
      paused: this.paused,
      deadline: this.state.deadline,
      remainingMs: this.state.remainingMs,
      connected: this.seating.connectedPeople(),
      people: this.people().length > 0,
      done: this.seatsDone(),
      students: students.map((s) => {
        // The code of the seat they hold (the table's console may have moved them), else of the class's.
        const holder = this.seating.holderOfPlace(s.id);
        const rejoinCode = this.seating.rejoinCodes[holder?.record.seat ?? s.seat];
        const roles = holder?.record.seat ? holder.record.roles : undefined;
        const seat = holder?.record.seat;
        return { ...(rejoinCode ? { rejoinCode } : {}), presence: this.seating.presence(s.id), ...(roles ? { roles } : {}), ...(seat ? { seat } : {}) };
      }),
      others: this.byTableCode(students).map((h) => {
        const seat = h.record.seat!;
        const rejoinCode = this.seating.rejoinCodes[seat];
        return { holder: h.record.id, name: h.record.name, seat, roles: h.record.roles, ...(rejoinCode ? { rejoinCode } : {}), presence: this.seating.presenceOf(h) };
      }),
    };
  }

  /**
   * A student the class took off it, or moved to another of its tables (`movedTo`: that table's
   * number), leaves their seat here, by the console's own "free-seat" command, and their
   * connection is closed saying why (`sendAway`), a move with the table it goes to
   * (shared/protocol/messages.ts `MovedToSchema`); false when they never joined the table.
   */
  async releaseClassPlace(place: StudentPlace, movedTo?: number): Promise<boolean> {
    const holder = this.seating.holderOfPlace(place.id)?.record;
    if (!holder) return false;
    if (holder.seat) await this.command({ type: "free-seat", seat: holder.seat, holder: holder.id });
    if (movedTo === undefined) this.sendAway(holder.id);
    else this.sendAway(holder.id, CLOSE_OTHER_TABLE, String(movedTo));
    return true;
  }

  /**
   * The teacher removed this person from the class, or moved them to another table: their
   * connection is closed with CLOSE_REMOVED or CLOSE_OTHER_TABLE, which their page reads as that
   * (client/net/connection.ts), rather than leave them in a waiting room for a seat nobody will
   * give them. It does not come back as a drop (onDrop); their seat token, if they try it again,
   * is refused (server/rooms/seating.ts `findPlayerSlot`).
   */
  private sendAway(holderId: string, code = CLOSE_REMOVED, reason?: string) {
    const client = this.seating.holders.get(holderId)?.client;
    if (!client) return;
    this.removedSessions.set(client.sessionId, { code, reason });
    client.leave(code, reason);
  }
  /**
   * Sessions sent away, with their close: a connection that had dropped when it was sent away
   * (its reconnection window still open) is closed the same way as soon as it comes back (onReconnect).
   */
  private removedSessions = new Map<string, { code: number; reason?: string }>();

  /**
   * A person who joined this class table by its game code (`byTableCode`: holding none of
   * `students`' places) whom the class console removes leaves their seat, as a class student
   * does (`releaseClassPlace`); false when no such person is seated here.
   */
  async releaseTableJoiner(holder: string, students: readonly StudentPlace[]): Promise<boolean> {
    const record = this.byTableCode(students).find((h) => h.record.id === holder)?.record;
    if (!record) return false;
    await this.command({ type: "free-seat", seat: record.seat!, holder: record.id });
    this.sendAway(record.id);
    return true;
  }

  botSeats(): string[] {
    return this.seating.botSeats();
  }

  get paused(): boolean {
    return this.state.paused;
  }
}


/** Close code when another process took the game over: the client rejoins by code at once. */
export const CLOSE_MOVED = 4100;
/** Close code of a reconnection past its person's rejoins (server/codes.ts `rejoins`): its rejoin with the token says `rate/rejoins`. */
export const CLOSE_REJOINS = 4430;

export type { GameSettings };
