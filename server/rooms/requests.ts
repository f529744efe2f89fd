/**
 * The room's requests (docs/PROTOCOL.md, "Requests"): each handler parses its payload with
 * zod, checks who is asking, and answers with a reply. Actions that change the game go to
 * the room's one path (`act`, queued, stored, synced); a repeated action id gets its first
 * answer (action-ids.ts). Chat moderation (mutes, the word filter, the rate) is checked here,
 * before a line reaches the engine.
 */
import type { Client } from "@colyseus/core";
import type { Action, Draft, Move } from "../../shared/engine/actions.ts";
import { askBotOn, dealWith, noDealWith } from "../../shared/bots/bot.ts";
import { botContext } from "../../shared/bots/context.ts";
import { preview, previewRuling } from "../../shared/engine/preview.ts";
import { ref, text } from "../../shared/engine/text.ts";
import type { GameState } from "../../shared/engine/types.ts";
import type { Role } from "../../shared/engine/vocabulary.ts";
import {
  AskBotSchema,
  FacilitatorCommandSchema,
  PlayerMoveSchema,
  PreviewRequestSchema,
  RulingPreviewSchema,
  splitActionId,
  type AskBotAnswer,
  type FacilitatorCommand,
  type GameSettings,
  type Notice,
  type PlayerMove,
  type Reply,
} from "../../shared/protocol/messages.ts";
import { ExitTicketSchema, NoteSchema, type MyExitTicket } from "../../shared/protocol/classes.ts";
import { FACILITATOR_KEY } from "../../shared/protocol/view.ts";
import { RateLimiter } from "../codes.ts";
import { logger } from "../logger.ts";
import type { z } from "zod";
import { said } from "../said.ts";
import type { ClassStore, GameStore } from "../storage/store.ts";
import type { ActionIds } from "./action-ids.ts";
import { MOST_LEFT_MS, type PhaseClock } from "./phase-clock.ts";
import { fail, invalidInput, refused } from "./replies.ts";
import type { GameRoomState } from "./room-state.ts";
import type { Live, RoomClient, Seating } from "./seating.ts";

export type ActReply = Reply<{ version: number }>;

/**
 * Observers' notes a game keeps at most: the facilitator's report (server/debrief/) reads every
 * one, so without a bound a crowd of observers could grow the database and stall the report.
 * The facilitator's own notes and findings are never refused by it.
 */
export const NOTES_PER_GAME = 2000;

/**
 * Previews one person may ask for in 10 seconds: the deal builder asks for one 350 ms after each
 * change (client/ui/deal-builder.ts), so someone clicking through a draft without pause asks
 * for under 30; a script asking more would keep a core busy.
 */
export const PREVIEWS_PER_TEN_SECONDS = 40;

/**
 * "What would it take?" questions one person may ask the bots in 10 seconds: each is a button
 * that waits for its answer (client/ui/widgets.ts `askBot`), one per bot's card or deal, and
 * each answer costs the bot's thinking, about twice a preview's work.
 */
export const ASKS_PER_TEN_SECONDS = 20;

/**
 * Moves a seat may make only so many times in 10 minutes: each adds an entry to a section sent
 * whole when it changes (shared/protocol/sections.ts), so without a bound one seat making them as
 * fast as its moves allow (four a second) sends a longer section every time. A private channel is
 * listed in each member's section: 229 channels in a minute had sent a member 4.5 MB, and 4,000
 * make every action's sections cost ~19 ms and a member's section ~380 KB. A pending free-form
 * action is in the facilitator's section (600 characters each): 228 in a minute had sent the
 * facilitator 18 MB, and a console on a slow network that falls 4 MB behind is cut
 * (send-guard.ts). 12 channels let a person talk with every other seat of the largest scenario
 * at once; a free-form action takes minutes to write.
 */
export const SEAT_MOVES_PER_TEN_MINUTES = { "open-channel": 12, matrix: 6 } as const;
const TOO_FAST = { "open-channel": "server.channelsTooFast", matrix: "server.matrixTooFast" } as const;

/** What the requests need of their room. */
export type RequestsRoom = {
  code: string;
  settings: GameSettings;
  state: GameRoomState;
  store: Pick<GameStore & ClassStore, "saveExitTicket" | "exitTickets" | "saveNote">;
  seating: Seating;
  actionIds: ActionIds;
  game(): GameState;
  phaseClock(): PhaseClock;
  /** The one path by which the game changes (queued, stored, synced); `by` is the person who sent it. */
  act(action: Action, id?: string, by?: string): Promise<ActReply>;
};

export class Requests {
  private chatLimit = new RateLimiter(8, 10_000);
  private actLimit = new RateLimiter(40, 10_000);
  /** Per person, as moves are: a preview costs milliseconds of engine work, asking a bot more (`PREVIEWS_PER_TEN_SECONDS`, `ASKS_PER_TEN_SECONDS`). */
  private previewLimit = new RateLimiter(PREVIEWS_PER_TEN_SECONDS, 10_000);
  private askLimit = new RateLimiter(ASKS_PER_TEN_SECONDS, 10_000);
  /** Per seat and move type (`SEAT_MOVES_PER_TEN_MINUTES`): a seat's people share its channels and its free-form actions. */
  private seatMoveLimits = {
    "open-channel": new RateLimiter(SEAT_MOVES_PER_TEN_MINUTES["open-channel"], 10 * 60_000),
    matrix: new RateLimiter(SEAT_MOVES_PER_TEN_MINUTES.matrix, 10 * 60_000),
  };
  /** Per connection: a person writes a note in seconds, not several a second. */
  private noteLimit = new RateLimiter(4, 10_000);
  private warned = new RateLimiter(1, 60_000);
  /** Holder id → time (ms) until which that person may not chat. */
  private mutedUntil = new Map<string, number>();

  /** `notesKept`: the notes and findings the game already holds (the store's count when the room opens). */
  constructor(
    private room: RequestsRoom,
    private notesKept: number,
  ) {}

  act(client: RoomClient, payload: unknown): ActReply | Promise<ActReply> {
    const holder = this.room.seating.holderOf(client);
    if (!holder) return fail("rule/not_a_player", "server.notAPlayer");
    const seat = holder.record.seat;
    if (!seat) return fail("rule/not_seated", "server.notSeated");
    const split = splitActionId(payload);
    if (!split.ok) return this.invalid(client, split.issues, payload);
    // A repeat of an id this seat used gets the first answer, before any limit counts it again.
    return this.room.actionIds.answer(seat, split.actionId, (logId) => {
      if (!this.actLimit.hit(holder.record.id)) return fail("rate/limited", "server.tooManyActions");
      const parsed = PlayerMoveSchema.safeParse(split.rest);
      if (!parsed.success) return this.invalid(client, parsed.error.issues, split.rest, PlayerMoveSchema);
      // A person's reason for a decline or a withdrawal goes with the action, as a bot's does.
      const { reason, ...fields } = parsed.data as PlayerMove & { reason?: string };
      const move = fields as Move;
      const words = move.type === "chat" ? move.text : reason;
      // A mute stops offers and new channels too: a muted person could otherwise write to the
      // whole table through them (a flood of offers lands on every party's screen).
      if (move.type === "propose" || move.type === "amend" || move.type === "open-channel") {
        const muted = this.mutedLeft(holder);
        if (muted) return fail("chat/muted", "server.mutedOffers", { minutes: muted });
      }
      if ((move.type === "open-channel" || move.type === "matrix") && !this.seatMoveLimits[move.type].hit(seat))
        return fail("rate/limited", TOO_FAST[move.type], { max: SEAT_MOVES_PER_TEN_MINUTES[move.type] });
      if (words !== undefined) {
        const refusal = this.chatRefusal(holder, words);
        if (refusal) return refusal;
      }
      // The person's action count is stored with the action (server/storage/store.ts LogEntry).
      // In a team game, the person's name goes with every action of theirs, so the log records who
      // did it: a message's writer, the minister who took a step on a deal (shared/engine/apply.ts
      // `minister`). Up to three people share the seat.
      const name = this.room.settings.teams ? { name: holder.record.name } : {};
      return this.room.act({ actor: { kind: "seat", seat, roles: this.room.seating.actingRoles(holder), ...name }, move, ...(reason ? { reason } : {}) }, logId, holder.record.id);
    });
  }

  preview(client: RoomClient, payload: unknown): Reply<{ lines: unknown[]; notes: unknown[] }> {
    const holder = this.room.seating.holderOf(client);
    const seat = holder?.record.seat;
    if (!holder || !seat) return fail("rule/not_seated", "server.previewNotSeated");
    if (!this.previewLimit.hit(holder.record.id)) return fail("rate/limited", "server.previewsTooFast");
    const parsed = PreviewRequestSchema.safeParse(payload);
    if (!parsed.success) return this.invalid(client, parsed.error.issues, payload, PreviewRequestSchema);
    const game = this.room.game();
    const result = preview(game, seat, parsed.data as Parameters<typeof preview>[2]);
    return result.ok ? { ok: true, lines: result.lines, notes: result.notes } : refused(game.scenario, result.error);
  }

  /**
   * What a ruling on a free-form action would change (the console's ruling form asks as the
   * facilitator edits it): the facilitator's only, as the ruling is; previews count against the
   * same limit as a player's.
   */
  previewRuling(client: RoomClient, payload: unknown): Reply<{ lines: unknown[]; scores: unknown[]; notes: unknown[] }> {
    if (client.userData?.kind !== "facilitator") return fail("auth/facilitator_only", "refusal.facilitatorOnly");
    if (!this.previewLimit.hit(FACILITATOR_KEY)) return fail("rate/limited", "server.previewsTooFast");
    const parsed = RulingPreviewSchema.safeParse(payload);
    if (!parsed.success) return this.invalid(client, parsed.error.issues, payload, RulingPreviewSchema);
    const game = this.room.game();
    const result = previewRuling(game, parsed.data.matrixId, parsed.data.effects);
    return result.ok ? { ok: true, lines: result.lines, scores: result.scores, notes: result.notes } : refused(game.scenario, result.error);
  }

  /** "What would it take?": a bot answers for its seat, from what that seat can see. */
  askBot(client: RoomClient, payload: unknown): Reply<AskBotAnswer> {
    const holder = this.room.seating.holderOf(client);
    const seat = holder?.record.seat;
    if (!holder || !seat) return fail("rule/not_seated", "server.askNotSeated");
    if (!this.askLimit.hit(holder.record.id)) return fail("rate/limited", "server.asksTooFast");
    const parsed = AskBotSchema.safeParse(payload);
    if (!parsed.success) return this.invalid(client, parsed.error.issues, payload, AskBotSchema);
    const req = parsed.data as { seat: string; draft?: Draft };
    if (!this.room.state.seats.get(req.seat)?.bot) return fail("rule/not_a_bot", "server.notABot");
    const game = this.room.game();
    if (game.phase !== "negotiation") return fail("rule/wrong_phase", "server.botsInNegotiation");
    // On a deal: the nearest terms of it it would sign, else why none; on the country: the deal with me it values most.
    const ctx = botContext(game, req.seat);
    const answer = req.draft ? askBotOn(ctx, seat, req.draft) : dealWith(ctx, seat);
    if (!answer || !("draft" in answer)) {
      const none = answer ? answer.none : noDealWith(ctx, seat);
      return { ok: true, answer: null, ...(none ? { none } : {}) };
    }
    return { ok: true, answer: { draft: answer.draft, reason: answer.reason } };
  }

  facilitator(client: RoomClient, payload: unknown): ActReply | Promise<ActReply> {
    if (client.userData?.kind !== "facilitator") return fail("auth/facilitator_only", "refusal.facilitatorOnly");
    const split = splitActionId(payload);
    if (!split.ok) return this.invalid(client, split.issues, payload);
    return this.room.actionIds.answer(FACILITATOR_KEY, split.actionId, (logId) => {
      const parsed = FacilitatorCommandSchema.safeParse(split.rest);
      if (!parsed.success) return this.invalid(client, parsed.error.issues, split.rest, FacilitatorCommandSchema);
      return this.command(parsed.data as FacilitatorCommand, logId);
    });
  }

  /**
   * A facilitator command, already parsed and authorized (from the console, or from the class
   * console to every table); `logId` is its action id as stored in the log.
   */
  command(cmd: FacilitatorCommand, logId?: string): ActReply | Promise<ActReply> {
    const { state, seating } = this.room;
    const clock = this.room.phaseClock();
    switch (cmd.type) {
      case "pause":
        if (state.paused) return fail("rule/already_paused", "server.alreadyPaused");
        clock.pause();
        return this.logged({ type: "log-clock", change: "pause" }, logId);
      case "resume":
        if (!state.paused) return fail("rule/not_paused", "server.notPaused");
        clock.resume();
        return this.logged({ type: "log-clock", change: "resume" }, logId);
      case "extend": {
        const game = this.room.game();
        if ((cmd.phase && cmd.phase !== game.phase) || (cmd.round !== undefined && cmd.round !== game.round))
          return { ok: false, error: { code: "rule/phase_moved", ...said("server.extendPhaseMoved", { phase: ref("phase", cmd.phase ?? game.phase), round: cmd.round ?? game.round }) } };
        if (!clock.running && !state.paused) return fail("rule/untimed", "server.untimed");
        // The time added, which stops at the most a phase may have left (phase-clock.ts).
        const seconds = clock.extend(cmd.seconds * 1000) / 1000;
        if (!seconds) return fail("rule/clock_full", "server.clockFull", { minutes: MOST_LEFT_MS / 60_000 });
        return this.logged({ type: "log-clock", change: "extend", seconds }, logId);
      }
      case "assign-seat": {
        const name = seating.holders.get(cmd.holder)?.record.name;
        const moved = seating.assignSeat(cmd.holder, cmd.seat, cmd.roles as Role[] | undefined);
        return moved.ok ? this.logged({ type: "log-seat", change: "moved", seat: cmd.seat, ...(name ? { name } : {}) }, logId) : moved;
      }
      case "free-seat": {
        // One person taken off a seat (the class console's "remove"): the others in it stay.
        const name = cmd.holder ? seating.holders.get(cmd.holder)?.record.name : undefined;
        const freed = seating.freeSeat(cmd.seat, !!this.room.settings.bots && this.room.game().phase !== "lobby", cmd.holder);
        if (!freed.ok) return freed;
        return this.logged(name ? { type: "log-seat", change: "removed", seat: cmd.seat, name } : { type: "log-seat", change: "freed", seat: cmd.seat }, logId);
      }
      case "bot-seat": {
        const changed = seating.botSeat(cmd.seat, cmd.bot);
        return changed.ok ? this.logged({ type: "log-seat", change: cmd.bot ? "bot" : "people", seat: cmd.seat }, logId) : changed;
      }
      case "mute":
        return this.mute(cmd.holder, cmd.minutes, logId);
      case "log-mute":
      case "log-clock":
      case "log-seat":
        return fail("input/invalid", "issue.ownRecord", { type: cmd.type });
      default:
        return this.room.act({ actor: { kind: "facilitator" }, move: cmd as Move }, logId);
    }
  }

  /** The exit ticket at the end: a seated person's short answers, kept for the report and the gradebook. */
  async exitTicket(client: RoomClient, payload: unknown): Promise<Reply> {
    const holder = this.room.seating.holderOf(client);
    if (!holder?.record.seat) return fail("rule/not_seated", "server.ticketPlayersOnly");
    if (this.room.game().phase !== "ended") return fail("rule/wrong_phase", "server.ticketNotYet");
    const parsed = ExitTicketSchema.safeParse(payload);
    if (!parsed.success) return this.invalid(client, parsed.error.issues, payload, ExitTicketSchema);
    const sent = parsed.data.answers;
    const r = holder.record;
    try {
      // An answer sent as null keeps the one handed in before.
      const before = sent.includes(null) ? await this.handedIn(r.id) : undefined;
      const answers = sent.map((a, i) => a ?? before?.[i] ?? "");
      await this.room.store.saveExitTicket({ code: this.room.code, holder: r.id, name: r.name, seat: r.seat!, roles: r.roles, answers, at: Date.now() });
    } catch (err) {
      logger.error({ code: this.room.code, err }, "could not store an exit ticket");
      return fail("server/storage", "server.ticketNotSaved");
    }
    return { ok: true };
  }

  /**
   * The asking person's own exit ticket, so a reloaded end screen shows what they handed in. Only
   * theirs (by holder id): another player's answers are the facilitator's to read, in the report.
   */
  async myExitTicket(client: RoomClient): Promise<Reply<MyExitTicket>> {
    const holder = this.room.seating.holderOf(client);
    if (!holder) return fail("rule/not_a_player", "server.ticketPlayersOnly");
    try {
      return { ok: true, answers: (await this.handedIn(holder.record.id)) ?? null };
    } catch (err) {
      logger.error({ code: this.room.code, err }, "could not read an exit ticket");
      return fail("server/storage", "server.ticketNotRead");
    }
  }

  private async handedIn(holder: string): Promise<string[] | undefined> {
    return (await this.room.store.exitTickets(this.room.code)).find((t) => t.holder === holder)?.answers;
  }

  /** An observer's timestamped note, or a hot-wash finding of the facilitator: kept for the facilitator's report. */
  async note(client: RoomClient, payload: unknown): Promise<Reply> {
    const data = client.userData;
    const kind = data?.kind;
    if (kind !== "observer" && kind !== "facilitator") return fail("rule/observers_only", "server.notesNotForPlayers");
    if (!this.noteLimit.hit(client.sessionId)) return fail("rate/limited", "server.notesTooFast");
    if (kind === "observer" && this.notesKept >= NOTES_PER_GAME) return fail("rule/notes_full", "server.notesFull", { max: NOTES_PER_GAME });
    const parsed = NoteSchema.safeParse(payload);
    if (!parsed.success) return this.invalid(client, parsed.error.issues, payload, NoteSchema);
    const note = parsed.data;
    if (note.kind === "finding" && kind !== "facilitator") return fail("auth/facilitator_only", "server.findingsFacilitatorOnly");
    // The role, named in the report's language when it is read; an observer's own name as given.
    const by = kind;
    const name = data?.kind === "observer" ? data.name : undefined;
    const game = this.room.game();
    // Counted before the write, so notes arriving together cannot pass the bound.
    this.notesKept++;
    try {
      await this.room.store.saveNote({ code: this.room.code, kind: note.kind, by, ...(name ? { name } : {}), round: game.round, phase: game.phase, at: Date.now(), text: note.text });
    } catch (err) {
      this.notesKept--;
      logger.error({ code: this.room.code, err }, "could not store a note");
      return fail("server/storage", "server.noteNotSaved");
    }
    return { ok: true };
  }

  /**
   * A room command done: once the game is under way the engine records it for the news and the
   * report (in the lobby, seats change as people arrive and nothing is worth a line).
   */
  private logged(move: Extract<Move, { type: "log-clock" | "log-seat" }>, logId?: string): ActReply | Promise<ActReply> {
    const game = this.room.game();
    if (game.phase === "lobby" || game.phase === "ended") return { ok: true, version: game.version };
    return this.room.act({ actor: { kind: "facilitator" }, move }, logId);
  }

  /** Moderation before a chat line reaches the engine: a mute, the game's word filter, the rate limit. */
  private chatRefusal(holder: Live, text: string) {
    const muted = this.mutedLeft(holder);
    if (muted) return fail("chat/muted", "server.muted", { minutes: muted });
    const banned = (this.room.settings.wordFilter ?? []).find((w) => new RegExp(`(^|[^\\p{L}\\p{N}])${escapeRegExp(w)}($|[^\\p{L}\\p{N}])`, "iu").test(text));
    if (banned) return fail("chat/filtered", "server.wordFiltered", { word: banned });
    if (!this.chatLimit.hit(holder.record.id)) return fail("rate/limited", "server.chatTooFast");
    return undefined;
  }

  /** Whole minutes left of a person's mute, 0 when none runs. */
  private mutedLeft(holder: Live): number {
    const left = (this.mutedUntil.get(holder.record.id) ?? 0) - Date.now();
    return left > 0 ? Math.ceil(left / 60_000) : 0;
  }

  private mute(holderId: string, minutes: number, logId?: string): ActReply | Promise<ActReply> {
    const live = this.room.seating.holders.get(holderId);
    if (!live) return fail("seat/unknown_player", "server.unknownPlayer");
    if (!live.record.seat) return fail("rule/not_seated", "server.playerNotSeated", { name: live.record.name });
    if (minutes) this.mutedUntil.set(holderId, Date.now() + minutes * 60_000);
    else if (!this.mutedUntil.delete(holderId)) return fail("rule/not_muted", "server.notMuted", { name: live.record.name });
    live.client?.send("notice", { kind: "warning", text: minutes ? text("server.notice.muted", { minutes }) : text("server.notice.unmuted") } satisfies Notice);
    return this.room.act({ actor: { kind: "facilitator" }, move: { type: "log-mute", seat: live.record.seat, name: live.record.name, minutes, holder: holderId } }, logId);
  }

  /** The mutes still running, by holder: milliseconds left. */
  runningMutes(now = Date.now()): Record<string, number> {
    const left: Record<string, number> = {};
    for (const [holder, until] of this.mutedUntil) if (until > now) left[holder] = until - now;
    return left;
  }

  /** After a restart: the mutes still running, from the logged mutes and when each was stored. */
  restoreMutes(entries: readonly { action: Action; at: number }[]) {
    for (const { action, at } of entries) {
      const m = action.move;
      if (m.type !== "log-mute" || !m.holder) continue;
      if (m.minutes) this.mutedUntil.set(m.holder, at + m.minutes * 60_000);
      else this.mutedUntil.delete(m.holder);
    }
  }

  /** A malformed payload's refusal (`input`: what was parsed, with `schema`), logged now and then. */
  private invalid(client: Client, issues: readonly z.core.$ZodIssue[], input: unknown, schema?: z.ZodType) {
    const refusal = invalidInput(issues, input, schema);
    if (this.warned.hit(client.sessionId)) logger.warn({ code: this.room.code, session: client.sessionId, message: refusal.error.message }, "invalid payload");
    return refusal;
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
