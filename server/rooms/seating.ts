/**
 * Seating of one game: who holds which seat and ministries, who is connected, which seats
 * bots play, and the public seat list in the room state. A joining player is matched to a
 * seat here (by token, rejoin code or a free seat); the facilitator's seat commands land
 * here too. Seat and holder changes are written to the store without holding up a reply.
 */
import type { Presence } from "../../shared/protocol/classes.ts";
import { ServerError, type Client } from "@colyseus/core";
import type { Scenario } from "../../shared/scenario/schema.ts";
import type { Viewer } from "../../shared/engine/views.ts";
import { ROLES, type Role } from "../../shared/engine/vocabulary.ts";
import type { GameSettings, JoinOptions, LobbyInfo, Notice, Reply, Welcome } from "../../shared/protocol/messages.ts";
import { movedRefusal } from "../../shared/protocol/messages.ts";
import { country, list, ref, text } from "../../shared/engine/text.ts";
import { actingMinistries, freeMinistries, holderRoles, observerKey, OBSERVERS_KEY, seatKey, type ObserverInfo } from "../../shared/protocol/view.ts";
import { hashKey, newCode, newSecret, sameSecret } from "../codes.ts";
import { logger } from "../logger.ts";
import type { ClassRecord, GameStore, HolderRecord } from "../storage/store.ts";
import { fail } from "./replies.ts";
import { Holder, Seat, Section, type GameRoomState } from "./room-state.ts";
import type { ViewSync } from "./view-sync.ts";

export type ClientData = { kind: "player"; holderId: string } | { kind: "observer"; name?: string } | { kind: "facilitator" };
export type RoomClient = Client<{ userData: ClientData }>;
/** A person who joined as a player, and their connection while they have one. */
export type Live = { record: HolderRecord; client?: Client };
type PlayerJoin = Extract<JoinOptions, { as: "player" }>;

export class Seating {
  /** Holder id → person. */
  readonly holders = new Map<string, Live>();
  /** Seat → its rejoin code (shown to the facilitator, typed by a player on another device). */
  readonly rejoinCodes: Record<string, string> = {};
  /** Sessions whose holder another connection took over: they may not come back with their reconnection token. */
  private superseded = new Set<string>();
  /** Places a class put its students in at this table (server/classes/routes.ts): held for them, refused to anyone else who joins. */
  private classPlaces: readonly ClassPlace[] = [];
  /** The class's places at its other tables, each place's id with its table's number: a student here whose place is among them was moved there by the teacher. */
  private placesElsewhere: ReadonlyMap<string, number> = new Map();
  /**
   * The names observers gave (as first typed, by their lower case), in the order they came: the
   * facilitator's console lists them connected or not. An observer without a name is listed
   * only while connected (nothing tells them apart once gone).
   */
  private observerNames = new Map<string, string>();
  /** Each listed name's entry of `priv` (`refreshObservers`), by the name's lower case, and the number its key carries. */
  private observerEntries = new Map<string, { number: number; section: Section }>();
  private observersNumbered = 0;

  constructor(
    private code: string,
    private state: GameRoomState,
    private settings: GameSettings,
    private store: Pick<GameStore, "saveHolder" | "saveSeat" | "saveObserver" | "forgetObserver">,
    private clients: () => readonly Client[],
    private views: () => Pick<ViewSync, "fitPrivateLines">,
    private phase: () => string,
    /** A person took a bot's seat: what the bot had said (that it was done) is not theirs. */
    private tookFromBot: (seat: string) => void = () => {},
    /**
     * A bot took over a seat from the people who held it (`to-bot`), or a person took a seat
     * over from its bot (`from-bot`): the room records it in the game's log, so the report and
     * the gradebook tell who played the seat in which rounds.
     */
    private handedOver: (seat: string, change: "to-bot" | "from-bot", names: string[]) => void = () => {},
  ) {
    // Only the facilitator's StateView holds this entry (GameRoom.onJoin).
    state.priv.set(OBSERVERS_KEY, new Section({ json: "0" }));
  }

  /**
   * Holders, seats and observers' names as stored (a new game: none yet, and each seat gets its
   * rejoin code now): after a restart the facilitator's list of observers has the names given before.
   */
  async restore(scenario: Scenario, holders: HolderRecord[], seats: { seat: string; rejoinCode: string; bot: boolean }[], observers: readonly string[] = []) {
    for (const h of holders) this.holders.set(h.id, { record: h });
    for (const name of observers) if (!this.observerNames.has(name.toLowerCase())) this.observerNames.set(name.toLowerCase(), name);
    // Their entries now, so a facilitator who joins first is shown them (`showObservers`).
    this.refreshObservers([]);
    const saved = new Map(seats.map((s) => [s.seat, s]));
    for (const c of scenario.countries.filter((x) => x.control === "seat")) {
      const s = saved.get(c.id);
      const rejoin = s?.rejoinCode ?? newCode();
      this.rejoinCodes[c.id] = rejoin;
      if (!s) await this.store.saveSeat(this.code, { seat: c.id, rejoinCode: rejoin, bot: false });
      this.state.seats.set(c.id, new Seat({ id: c.id, name: c.name, bloc: c.bloc, bot: s?.bot ?? false, done: false }));
    }
  }

  // ---- Joining ----------------------------------------------------------------------

  /** Which holder a joining player becomes: a returning one (token or rejoin code) or a new one. Throws a coded error when the seat cannot be had. */
  findPlayerSlot(o: PlayerJoin): { live?: Live; seat?: string; roles: Role[]; place?: string } {
    if (o.token) {
      const live = this.holderByToken(o.token);
      // A class's student the teacher removed (their place is no longer the class's here) or moved to another table, and nobody has seated since.
      if (live && live.record.place && !live.record.seat && !this.classPlaces.some((p) => p.id === live.record.place)) {
        const movedTo = this.placesElsewhere.get(live.record.place);
        if (movedTo !== undefined) throw new ServerError(409, movedRefusal(movedTo));
        throw new ServerError(403, "class/removed: your teacher removed you from the class; ask your teacher, or join the class again with its class code if they allow it");
      }
      if (live) return { live, roles: live.record.roles as Role[] };
      throw new ServerError(403, "auth/bad_token: that seat token is not one of this game's; join again without it");
    }
    // A class's student sits only at the table the class placed them at (the teacher moves them):
    // a place token none of this table's places holds is another table's, or a removed place's.
    if (o.place && !this.classPlaces.some((p) => sameSecret(o.place!, p.token)))
      throw new ServerError(409, "class/other_table: your class placed you at another table; join the class again with its class code, or ask your teacher to move you");
    if (o.rejoinCode) {
      const seat = Object.entries(this.rejoinCodes).find(([, code]) => sameSecret(o.rejoinCode!, code))?.[0];
      if (!seat) throw new ServerError(403, "auth/bad_rejoin_code: that rejoin code does not match any seat");
      // The person of that seat with the name typed (with teams a seat has up to three); else a
      // class student whose place there waits, by the name she gave the class (the console shows
      // her the seat's code); else the one who dropped or left (still "holding" a dropped client
      // during the reconnection window); or the seat's only person. Their other device is then
      // let go. Not those two while a class place there waits: whoever the code's typist is, a
      // classmate already seated is not theirs to take.
      const inSeat = [...this.holders.values()].filter((h) => h.record.seat === seat);
      const named = inSeat.find((h) => sameName(h.record.name, o.name));
      const places = named ? [] : this.waitingPlaces(seat);
      const waiting = places.find((p) => sameName(p.name, o.name));
      const live = named ?? (places.length ? undefined : (inSeat.find((h) => !this.isConnected(h)) ?? (inSeat.length === 1 ? inSeat[0] : undefined)));
      if (live) return { live, roles: live.record.roles as Role[] };
      if (!this.freeRoles(seat).length) throw new ServerError(409, "seat/taken: everyone in that seat is connected; ask the facilitator");
      const { roles, place } = this.rejoinRoles(seat, waiting);
      if (!roles.length) throw new ServerError(409, `seat/held: ${this.state.seats.get(seat)!.name}'s free ministries are kept for students the class placed there`);
      return { seat, roles, ...(place ? { place } : {}) };
    }
    const teams = this.settings.teams;
    if (!o.seat) {
      if (this.phase() !== "lobby") {
        // With teams, a seat is free while one of its ministries is: fill seats one ministry at a time.
        const free = [...this.state.seats.values()].find((s) => this.openRoles(s.id, o.place).length > 0);
        if (!free) throw new ServerError(409, "seat/none_free: every seat is taken");
        const roles = this.openRoles(free.id, o.place);
        return { seat: free.id, roles: teams ? roles.slice(0, 1) : roles };
      }
      // Waits in the lobby until the facilitator seats them; everyone sees the waiting list
      // (docs/PROTOCOL.md, "Joining a game"), so it holds at most three people per seat.
      const waiting = [...this.holders.values()].filter((h) => !h.record.seat && h.client).length;
      const cap = waitingCap(this.state.seats.size);
      if (waiting >= cap) throw new ServerError(409, `seat/lobby_full: ${cap} players are already waiting for a seat; join as an observer, or ask the facilitator`);
      return { roles: [] };
    }
    const seat = this.state.seats.get(o.seat);
    if (!seat) throw new ServerError(404, `seat/unknown: there is no seat "${o.seat}" in this game`);
    const free = this.freeRoles(o.seat);
    const open = this.openRoles(o.seat, o.place);
    const wanted = teams ? (o.roles ?? (open.length ? open : free)) : [...ROLES];
    if (!wanted.length || wanted.some((r) => !free.includes(r)))
      throw new ServerError(409, teams ? `seat/taken: ${seat.name}'s ${wanted.filter((r) => !free.includes(r)).join(", ") || "ministries"} already taken` : `seat/taken: ${seat.name} is already taken`);
    if (wanted.some((r) => !open.includes(r)))
      throw new ServerError(409, teams ? `seat/held: ${seat.name}'s ${wanted.filter((r) => !open.includes(r)).join(", ")} kept for a student the class placed there` : `seat/held: ${seat.name} is kept for a student the class placed there`);
    return { seat: o.seat, roles: wanted };
  }

  /**
   * Seats a joining player's connection: its holder (new or returning) is stored before the
   * player is told their token, so the token outlives a crash; another device of the same
   * holder is let go.
   */
  async join(client: RoomClient, o: PlayerJoin): Promise<{ welcome: Welcome; returning: boolean }> {
    const { live, returning } = this.seatPlayer(o);
    await this.store.saveHolder(this.code, live.record);
    const previous = live.client;
    live.client = client;
    client.userData = { kind: "player", holderId: live.record.id };
    if (previous && previous !== client) {
      // A connection still there is let go at once; one that dropped could otherwise come back
      // within its reconnection window, into a seat someone else now holds.
      this.superseded.add(previous.sessionId);
      previous.leave(4000);
    }
    if (live.record.seat) client.view!.add(this.state.priv.get(seatKey(live.record.seat))!);
    const welcome: Welcome = { kind: "player", name: live.record.name, token: live.record.token, ...(live.record.seat ? { seat: live.record.seat, roles: live.record.roles } : {}) };
    return { welcome, returning };
  }

  /** The holder a joining player becomes; `returning`: one who had joined before (seat token, rejoin code). */
  private seatPlayer(o: PlayerJoin): { live: Live; returning: boolean } {
    const slot = this.findPlayerSlot(o);
    if (slot.live) {
      if (slot.live.record.seat) this.takeFromBot(slot.live.record.seat, slot.live.record.name);
      return { live: slot.live, returning: true };
    }
    const place = slot.place ?? (slot.seat ? this.placeTaken(slot.seat, slot.roles, o) : undefined);
    const record: HolderRecord = { id: newSecret(6), seat: slot.seat ?? null, roles: slot.seat ? slot.roles : [], name: o.name, token: newSecret(18), held: [], ...(place ? { place } : {}) };
    const live = { record };
    this.holders.set(record.id, live);
    if (record.seat) this.takeFromBot(record.seat, record.name);
    this.tellTeammates(live);
    return { live, returning: false };
  }

  /**
   * With teams, the others in a newcomer's seat are told who took which ministries: they acted
   * for those while nobody held them (`actingRoles`), and their deal types change under them.
   */
  private tellTeammates(newcomer: Live) {
    const seat = newcomer.record.seat;
    if (!this.settings.teams || !seat) return;
    const said = text("server.notice.teammate", { name: newcomer.record.name, roles: list(newcomer.record.roles.map((r) => ref("role", r))) });
    for (const h of this.holders.values()) if (h !== newcomer && h.record.seat === seat) h.client?.send("notice", { kind: "info", text: said } satisfies Notice);
  }

  /**
   * Colyseus hands over a new Client object on a reconnection (same userData and view): track
   * it. Whether it may come back: not when another connection took its holder over meanwhile.
   */
  reconnected(client: RoomClient): boolean {
    if (this.superseded.delete(client.sessionId)) return false;
    const live = this.holderOf(client);
    if (live && (!live.client || !this.clients().includes(live.client))) live.client = client;
    return true;
  }

  /**
   * A connection is gone for good. With `botTakesEmpty`, a seat whose people are all gone
   * goes to a bot (the game runs, bots are on, the server is not shutting down).
   */
  left(client: RoomClient, botTakesEmpty: boolean) {
    this.superseded.delete(client.sessionId);
    const live = this.holderOf(client);
    if (!live) return;
    if (live.client === client) live.client = undefined;
    const seat = live.record.seat;
    if (seat && botTakesEmpty && ![...this.holders.values()].some((h) => h.record.seat === seat && h.client)) this.setBot(seat, true, this.namesIn(seat));
  }

  /** Seats whose people are not connected go to bots (after a restore, once the reconnection window has passed). */
  botAbsentSeats() {
    for (const seat of this.state.seats.values()) {
      const people = [...this.holders.values()].filter((h) => h.record.seat === seat.id);
      if (people.length && !people.some((h) => h.client)) this.setBot(seat.id, true, people.map((h) => h.record.name));
    }
    this.refresh();
  }

  /** The game has started: bots take every seat nobody holds. */
  botEmptySeats() {
    for (const seat of this.state.seats.values()) if (!seat.holders.length) this.setBot(seat.id, true);
  }

  // ---- Who is who ---------------------------------------------------------------------

  holderOf(client: RoomClient): Live | undefined {
    const data = client.userData;
    return data?.kind === "player" ? this.holders.get(data.holderId) : undefined;
  }

  /** What a connection may read: the facilitator's view, its seat's, or the public part only. */
  viewerOf(client: RoomClient): Viewer | undefined {
    if (client.userData?.kind === "facilitator") return { kind: "facilitator" };
    const seat = this.holderOf(client)?.record.seat;
    return seat ? { kind: "seat", seat, roles: [...ROLES] } : undefined;
  }

  /** The holder a seat token belongs to, if any. */
  holderByToken(token: string): Live | undefined {
    return [...this.holders.values()].find((h) => sameSecret(token, h.record.token));
  }

  /** The seat a seat token stands for (undefined: a holder without a seat; null: no holder has that token). */
  viewerOfToken(token: string): Viewer | undefined | null {
    const holder = this.holderByToken(token);
    if (!holder) return null;
    return holder.record.seat ? { kind: "seat", seat: holder.record.seat, roles: [...ROLES] } : undefined;
  }

  /** Ministries of a seat nobody holds (all three or none when teams are off). */
  freeRoles(seat: string): Role[] {
    return freeMinistries([...this.holders.values()].filter((h) => h.record.seat === seat).map((h) => h.record.roles), this.settings.teams);
  }

  /**
   * Ministries of `seat` that a joiner with the class place token `place` may take: free, and not
   * held for another student the class placed there (`place` undefined: for nobody in particular,
   * as the join page lists them). A class's student is known at the table by their place token,
   * never by their name, which a classmate could type. A joiner who holds no place in a seat the
   * class placed a student in (one who typed the table's code) takes none of it: its student acts
   * for the ministries nobody holds (`actingRoles`; alone at a country, all three), so any it took
   * would be taken from them. The class places its next students in the seat's free ministries
   * (server/classes/routes.ts), and the table's console may still seat anyone anywhere.
   */
  openRoles(seat: string, place?: string): Role[] {
    const here = this.classPlaces.filter((p) => p.seat === seat);
    const own = place ? here.find((p) => sameSecret(place, p.token)) : undefined;
    if (here.length && !own) return [];
    const held = new Set(here.filter((p) => p !== own).flatMap((p) => p.roles));
    return this.freeRoles(seat).filter((r) => !held.has(r));
  }

  /**
   * What a newcomer by `seat`'s rejoin code (nobody there to come back as) takes. The code names
   * a country, not a student, and with teams a class may have placed several students in it:
   * it never takes a ministry held for another. A student whose place there waits (`place`,
   * found by the name she gave the class: the class console shows her the code on her row)
   * takes that place's ministries and no more, as the class's join page would have seated her,
   * so the ministries the class placed nobody in stay free for the students it places next (it
   * places them in the table's free ministries) and she still acts for them while nobody holds
   * them (`actingRoles`), and she takes the place (its id). Anyone else: the free ministries no
   * class place holds, and no place.
   */
  private rejoinRoles(seat: string, waiting: ClassPlace | undefined): { roles: Role[]; place?: string } {
    const own = waiting ? this.freeRoles(seat).filter((r) => waiting.roles.includes(r)) : [];
    return own.length ? { roles: own, place: waiting!.id } : { roles: this.openRoles(seat) };
  }

  /** The class places in `seat` whose students have not taken them, with a ministry still free. */
  private waitingPlaces(seat: string): ClassPlace[] {
    const free = this.freeRoles(seat);
    return this.classPlaces.filter((p) => p.seat === seat && !this.holderOfPlace(p.id) && p.roles.some((r) => free.includes(r as Role)));
  }

  /**
   * The class place (its id) a newcomer taking `roles` of `seat` with a place token takes: the one
   * of that token among those ministries. (By the seat's rejoin code, `rejoinRoles` gives it; a
   * person the table's console seats, `confirmedPlace`.) A direct join never gets a held
   * ministry, so it takes no place.
   */
  private placeTaken(seat: string, roles: readonly string[], o: PlayerJoin): string | undefined {
    if (!o.place) return undefined;
    return this.classPlaces.find((p) => p.seat === seat && p.roles.some((r) => roles.includes(r)) && sameSecret(o.place!, p.token))?.id;
  }

  /** The class's places at this table, now (after a student is placed, moved or removed, and when the room opens), and the tables of those at its other tables, by place id. */
  holdForClass(places: readonly ClassPlace[], elsewhere: ReadonlyMap<string, number> = new Map()) {
    this.classPlaces = places;
    this.placesElsewhere = elsewhere;
    // A person seated before holders kept their class place (stored games restored after an
    // upgrade) is known by the name they gave the class, once: from then on by the place alone.
    for (const p of places) {
      if (this.holderOfPlace(p.id)) continue;
      const named = [...this.holders.values()].filter((h) => !h.record.place && seatedAs(h.record, p));
      if (named.length !== 1) continue;
      named[0]!.record = { ...named[0]!.record, place: p.id };
      this.write(this.store.saveHolder(this.code, named[0]!.record));
    }
  }

  /**
   * `record` as the table's console seats it. Seated where the class placed a student of that
   * name (any case) who has not taken her place, this is her: the teacher, seating "Ana" in the
   * seat the class kept for Ana, confirms who she is (she forgot her class, or joined without a
   * seat), so she takes the place, and the class console finds her and its Remove takes her off.
   * The console may also seat someone over a kept ministry, giving it to another person: under
   * another name they take no place, as the student is still missing and the class console says
   * so rather than show a stand-in as her. Two such places (two students of one name in one
   * seat's ministries) cannot tell which she is: neither. A person who holds a place keeps it
   * wherever the console moves her (`holderOfPlace` finds her there); one the class has since
   * removed (a place no longer held here) may take another.
   */
  private confirmedPlace(record: HolderRecord): HolderRecord {
    // Kept while the class still holds it and nobody else seated has taken it since (a free seat, then its token again).
    const holder = record.place ? this.holderOfPlace(record.place) : undefined;
    if (record.place && this.classPlaces.some((p) => p.id === record.place) && (!holder || holder.record.id === record.id)) return record;
    const named = this.classPlaces.filter((p) => !this.holderOfPlace(p.id) && seatedAs(record, p));
    return named.length === 1 ? { ...record, place: named[0]!.id } : record;
  }

  /**
   * With teams, a person acts for their own ministries and for those nobody in their seat
   * holds, so a country with one or two students still has every tool (docs/RULES.md, teams).
   */
  actingRoles(holder: Live): Role[] {
    const seat = holder.record.seat!;
    return actingMinistries(holder.record.roles, [...this.holders.values()].filter((h) => h.record.seat === seat).map((h) => h.record.roles), this.settings.teams);
  }

  /**
   * The person who took the class place `place` (`placeId`) and holds a seat now, wherever the
   * table's console moved them; never matched by name here (two students may share one, and
   * anyone may type it): a name takes a place only when the teacher seats its person (`confirmedPlace`).
   */
  holderOfPlace(place: string): Live | undefined {
    // A call from a process of an older version names no place: nobody, not the first holder without one.
    if (!place) return undefined;
    return [...this.holders.values()].find((h) => h.record.place === place && h.record.seat);
  }

  /**
   * Where the student of the class place `place` is now, for the class console's roster:
   * connected, away (dropped, the seat theirs), away with a bot playing the seat, or not at the
   * table (never joined it, or taken off the seat).
   */
  presence(place: string): Presence {
    return this.presenceOf(this.holderOfPlace(place));
  }

  /** Where a seated person is now (`presence`), whether the class placed them or not. */
  presenceOf(h: Live | undefined): Presence {
    if (!h?.record.seat) return "absent";
    if (this.isConnected(h)) return "here";
    return this.state.seats.get(h.record.seat!)?.bot ? "bot" : "away";
  }

  isConnected(h: Live): boolean {
    return !!h.client && this.clients().includes(h.client);
  }

  seatIds(): string[] {
    return [...this.state.seats.keys()];
  }

  botSeats(): string[] {
    return [...this.state.seats.values()].filter((s) => s.bot).map((s) => s.id);
  }

  connectedPeople(): number {
    return [...this.holders.values()].filter((h) => h.record.seat && this.isConnected(h)).length;
  }

  lobbySeats(): LobbyInfo["seats"] {
    return [...this.state.seats.values()].map((s) => ({
      id: s.id,
      name: s.name,
      bloc: s.bloc,
      bot: s.bot,
      holders: s.holders.map((h) => ({ name: h.name, roles: holderRoles(h.roles), connected: h.connected })),
      freeRoles: this.openRoles(s.id),
    }));
  }

  // ---- The facilitator's seat commands ------------------------------------------------

  assignSeat(holderId: string, seat: string, roles?: Role[]): Reply {
    const live = this.holders.get(holderId);
    if (!live) return fail("seat/unknown_player", "server.unknownPlayer");
    if (!this.state.seats.has(seat)) return fail("seat/unknown", "server.unknownSeat", { seat });
    const teams = this.settings.teams;
    // What the others in the seat leave free (the console offers only that: client/model/console.ts `moveTargets`).
    const free = freeMinistries([...this.holders.values()].filter((h) => h !== live && h.record.seat === seat).map((h) => h.record.roles), teams);
    if (!teams && !free.length) return fail("seat/taken", "server.seatTaken");
    const wanted = teams ? (roles ?? free) : [...ROLES];
    if (wanted.some((r) => !free.includes(r))) return fail("seat/taken", "server.ministriesTaken");
    if (!wanted.length) return fail("seat/taken", "server.noMinistryFree");
    const client = live.client;
    const left = live.record.seat;
    if (client && left) client.view?.remove(this.state.priv.get(seatKey(left))!);
    live.record = this.confirmedPlace({ ...this.leaving(live.record, seat), seat, roles: wanted });
    this.write(this.store.saveHolder(this.code, live.record));
    this.takeFromBot(seat, live.record.name);
    // A seat its last person was moved from is played by a bot, as a freed seat is (with bots on, once the game runs).
    const empty = left && left !== seat && ![...this.holders.values()].some((h) => h.record.seat === left);
    if (empty && this.settings.bots && this.phase() !== "lobby") this.setBot(left, true, [live.record.name]);
    if (client) {
      client.view?.add(this.state.priv.get(seatKey(seat))!);
      // The old seat's unsigned deals and private lines leave its view, the new seat's enter it.
      this.views().fitPrivateLines(client);
      client.send("welcome", { kind: "player", name: live.record.name, token: live.record.token, seat, roles: wanted } satisfies Welcome);
      // Told in words too: the screen changing country under them is easy to miss.
      const where = teams ? text("server.notice.movedRoles", { country: country(seat), roles: list(wanted.map((r) => ref("role", r))) }) : text("server.notice.moved", { country: country(seat) });
      client.send("notice", { kind: "info", text: where } satisfies Notice);
    }
    if (left !== seat) this.tellTeammates(live);
    this.refresh();
    return { ok: true };
  }

  /** Everyone (or only `holder`) leaves the seat; with `bot`, a bot takes it once nobody is left in it. */
  freeSeat(seat: string, bot: boolean, holder?: string): Reply {
    if (!this.state.seats.has(seat)) return fail("seat/unknown", "server.unknownSeat", { seat });
    if (holder && this.holders.get(holder)?.record.seat !== seat) return fail("seat/unknown_player", "server.unknownPlayer");
    const names = this.namesIn(seat);
    for (const h of this.holders.values()) if (h.record.seat === seat && (!holder || h.record.id === holder)) this.unseat(h);
    if (bot && this.freeRoles(seat).length === ROLES.length) this.setBot(seat, true, names);
    this.refresh();
    return { ok: true };
  }

  /** A bot takes the seat (its people are unseated) or leaves it. */
  botSeat(seat: string, bot: boolean): Reply {
    if (!this.state.seats.has(seat)) return fail("seat/unknown", "server.unknownSeat", { seat });
    const names = this.namesIn(seat);
    if (bot) for (const h of this.holders.values()) if (h.record.seat === seat) this.unseat(h);
    this.setBot(seat, bot, bot ? names : []);
    this.refresh();
    return { ok: true };
  }

  private unseat(h: Live) {
    const seat = h.record.seat;
    h.record = { ...this.leaving(h.record, null), seat: null, roles: [] };
    this.write(this.store.saveHolder(this.code, h.record));
    if (h.client && seat) {
      h.client.view?.remove(this.state.priv.get(seatKey(seat))!);
      this.views().fitPrivateLines(h.client);
      h.client.send("welcome", { kind: "player", name: h.record.name, token: h.record.token } satisfies Welcome);
    }
  }

  /**
   * `record` about to hold `next` instead of its seat: once the game is under way, the seat it
   * leaves joins the seats it held (HolderRecord.held), so the gradebook still lists the person
   * with the country they played. Seats changed in the lobby were never played: not kept.
   */
  private leaving(record: HolderRecord, next: string | null): HolderRecord {
    const phase = this.phase();
    if (!record.seat || record.seat === next || phase === "lobby") return record;
    return { ...record, held: [...(record.held ?? []), { seat: record.seat, roles: record.roles, ...(phase === "ended" ? { atEnd: true as const } : {}) }] };
  }

  /** The names of the people who hold `seat` (connected or not). */
  private namesIn(seat: string): string[] {
    return [...this.holders.values()].filter((h) => h.record.seat === seat).map((h) => h.record.name);
  }

  /** `name` takes the seat: if a bot played it, the bot leaves it. */
  private takeFromBot(seat: string, name: string) {
    const s = this.state.seats.get(seat);
    if (s?.bot) {
      s.bot = false;
      this.write(this.store.saveSeat(this.code, { seat, rejoinCode: this.rejoinCodes[seat]!, bot: false }));
      this.tookFromBot(seat);
      this.handedOver(seat, "from-bot", [name]);
    }
  }

  /** A bot takes the seat (`from`: the people it takes it over from, none for a seat nobody held) or leaves it. */
  private setBot(seat: string, bot: boolean, from: string[] = []) {
    const s = this.state.seats.get(seat);
    if (!s || s.bot === bot) return;
    s.bot = bot;
    this.write(this.store.saveSeat(this.code, { seat, rejoinCode: this.rejoinCodes[seat]!, bot }));
    logger.info({ code: this.code, seat, bot }, bot ? "bot takes seat" : "bot leaves seat");
    if (bot && from.length) this.handedOver(seat, "to-bot", from);
  }

  /**
   * Brings the public seat list up to date (names, roles, who is connected); `leaving` counts
   * as gone already. A list that did not change is left alone, so an observer coming or going
   * sends nobody a patch.
   */
  refresh(leaving?: Client) {
    const clients = this.clients();
    const entry = (h: Live): HolderFields => ({ id: h.record.id, name: h.record.name, roles: h.record.roles.join(","), connected: !!h.client && h.client !== leaving && clients.includes(h.client) });
    const people = [...this.holders.values()];
    for (const seat of this.state.seats.values()) setHolders(seat.holders, people.filter((h) => h.record.seat === seat.id).map(entry));
    // People without a seat yet, so the facilitator can seat them (assign-seat).
    setHolders(this.state.waiting, people.filter((h) => !h.record.seat && h.client).map(entry));
    this.refreshObservers(clients, leaving);
  }

  /**
   * The facilitator's list of observers: an entry of `priv` per name given (`observerKey`: the
   * name and whether they are connected), and OBSERVERS_KEY, how many connected observers gave
   * none. An observer coming or going changes one entry (or the count), so the facilitator's
   * patch carries that entry, not the whole list again; nobody else's view holds any of it.
   */
  private refreshObservers(clients: readonly Client[], leaving?: Client) {
    const watching = clients.filter((c): c is RoomClient => c !== leaving && (c as RoomClient).userData?.kind === "observer");
    const nameOf = (c: RoomClient) => (c.userData?.kind === "observer" ? c.userData.name : undefined);
    for (const c of watching) {
      const name = nameOf(c);
      if (name && !this.observerNames.has(name.toLowerCase())) {
        this.observerNames.set(name.toLowerCase(), name);
        // Kept in the store too, so the list survives a restart (`restore`).
        this.write(this.store.saveObserver(this.code, name));
      }
    }
    const here = new Set(watching.map((c) => nameOf(c)?.toLowerCase()));
    // A bounded list: past OBSERVERS_KEPT names, the longest gone are forgotten.
    for (const key of this.observerNames.keys()) {
      if (this.observerNames.size <= OBSERVERS_KEPT) break;
      if (!here.has(key)) {
        this.observerNames.delete(key);
        this.write(this.store.forgetObserver(this.code, key));
      }
    }
    const facilitators = clients.filter((c) => c !== leaving && (c as RoomClient).userData?.kind === "facilitator");
    for (const [key, entry] of this.observerEntries) {
      if (this.observerNames.has(key)) continue;
      this.state.priv.delete(observerKey(entry.number));
      this.observerEntries.delete(key);
    }
    for (const [key, name] of this.observerNames) {
      const json = JSON.stringify({ name, connected: here.has(key) } satisfies ObserverInfo);
      const entry = this.observerEntries.get(key);
      if (entry) {
        if (entry.section.json !== json) entry.section.json = json;
        continue;
      }
      const section = new Section({ json });
      const number = this.observersNumbered++;
      this.state.priv.set(observerKey(number), section);
      this.observerEntries.set(key, { number, section });
      for (const f of facilitators) if (f.view && !f.view.has(section)) f.view.add(section);
    }
    const unnamed = String(watching.filter((c) => !nameOf(c)).length);
    const count = this.state.priv.get(OBSERVERS_KEY)!;
    if (count.json !== unnamed) count.json = unnamed;
  }

  /**
   * The facilitator's StateView gets the list of observers (`refreshObservers`): the count of those
   * without a name and each name's entry. Again when its connection comes back: entries made while
   * it was away were added to the views of the facilitators connected then.
   */
  showObservers(client: Client) {
    const view = client.view!;
    for (const section of [this.state.priv.get(OBSERVERS_KEY)!, ...[...this.observerEntries.values()].map((e) => e.section)]) if (!view.has(section)) view.add(section);
  }

  /** A write that no reply waits for: seat and holder changes; a failure is logged. */
  private write(done: Promise<void>) {
    done.catch((err) => logger.error({ code: this.code, err }, "could not store a seat change"));
  }
}

/** How many observers' names the facilitator's list keeps, connected ones and those who left. */
const OBSERVERS_KEPT = 100;

/** How many players may wait in a game's lobby without a seat: three per seat (a team's three ministries). */
export function waitingCap(seats: number): number {
  return 3 * seats;
}

/**
 * How many connections (players, observers, waiting players) one address may hold in one game:
 * every ministry of every seat and ten more (observers, a projector), for a classroom behind one
 * address. The facilitator's key and a seat token are not counted against it.
 */
export function connectionsCap(seats: number): number {
  return 3 * seats + 10;
}

/** Where a class placed one of its students at this table (seat and ministries), their place token, which alone takes it when joining, its id (`placeId`), and the name they gave the class (`seatedAs`). */
export type ClassPlace = { seat: string; roles: readonly string[]; token: string; id: string; name: string };

/** One name typed two ways ("ana", "Ana"): how a person is matched to a name when nothing else tells them apart. */
const sameName = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/**
 * Whether `holder` sits where the class place `p` is (its seat, one of its ministries) under the
 * name its student gave the class. Trusted only where the person did not get there by typing the
 * name: the table's console seated them (`confirmedPlace`: the teacher vouches for them), or they
 * sat there before holders kept their place (`holdForClass`); never at a join, where anyone may
 * type a name.
 */
const seatedAs = (holder: HolderRecord, p: ClassPlace) => holder.seat === p.seat && sameName(holder.name, p.name) && holder.roles.some((r) => p.roles.includes(r));

/**
 * A class place's id, derived from its place token on the server: the class console names a
 * student by it (server/classes/routes.ts) and a person who took the place keeps it
 * (HolderRecord.place), and it does not reveal the token.
 */
export function placeId(token: string): string {
  return hashKey(token).slice(0, 16);
}

/** The places `record` has put its students in at its table `table` (counted from 1). */
export function classPlaces(record: Pick<ClassRecord, "students">, table: number): ClassPlace[] {
  return record.students.filter((s) => s.table === table - 1).map(({ seat, roles, token, name }) => ({ seat, roles, token, id: placeId(token), name }));
}

/** The places `record` has put its students in at its tables other than `table` (tables counted from 1): each place's id, and its table. */
export function placesElsewhere(record: Pick<ClassRecord, "students">, table: number): Map<string, number> {
  return new Map(record.students.filter((s) => s.table !== table - 1).map((s) => [placeId(s.token), s.table + 1]));
}

type HolderFields = { id: string; name: string; roles: string; connected: boolean };

/** Replaces a schema list of holders by `wanted`, unless it already says exactly that. */
function setHolders(list: GameRoomState["waiting"], wanted: HolderFields[]) {
  const same = list.length === wanted.length && wanted.every((w, i) => {
    const h = list.at(i);
    return !!h && h.id === w.id && h.name === w.name && h.roles === w.roles && h.connected === w.connected;
  });
  if (same) return;
  list.clear();
  for (const w of wanted) list.push(new Holder(w));
}
