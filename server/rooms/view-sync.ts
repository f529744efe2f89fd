/**
 * View sync: the engine's state into the room's schema state, and each client's StateView
 * kept to exactly what it may read (docs/PROTOCOL.md, "State sync and views";
 * shared/protocol/view.ts for the parts). An action re-sends only what it changed: the
 * version number, the sections whose JSON changed, the new lines of the logs and the chat,
 * and the deals it touched. Private chat lines and unsigned deals are added to the views of
 * the clients who may read them, and taken out when that changes.
 *
 * A deal that ended (declined, lapsed, expired, broken, defaulted) never changes again: it
 * leaves the room state a second after it ended (`dropEnded`). Once a round is over, its
 * lines and its deals' steps leave the room state (`trim`), the public chat keeps only its
 * latest lines (`CHAT_WINDOW`) and each private channel its own (`PRIVATE_WINDOW`); a private line or deal no view holds any more leaves its array a
 * delay after it left the last view (`dropUnheld`); a deal's step keeps its stated reason only for a second, as
 * long as it takes to reach the clients there (`stripReasons`), so that a client joining late gets what the screen shows now:
 * a client that was there keeps them, a later one fetches them over HTTP when a panel reads them
 * (shared/protocol/archive.ts). Round records never enter the room state.
 */
import type { Client } from "@colyseus/core";
import type { StateView } from "@colyseus/schema";
import type { Agreement, GameState, Message } from "../../shared/engine/types.ts";
import { canReadMessage, canSeeAgreement, type Viewer } from "../../shared/engine/views.ts";
import { computeSections, isPublicMessage, JsonCache, sectionsRead } from "../../shared/protocol/sections.ts";
import { bareStepJson, LOG_KEYS, toWireDeal, toWireLine, type Logs, type WireDeal } from "../../shared/protocol/view.ts";
import { ENDED_STATUSES, lastRound, PRIVATE_WINDOW } from "../../shared/protocol/archive.ts";
import { ChatLine, Deal, Section, type GameRoomState } from "./room-state.ts";

const OBSERVER: Viewer = { kind: "observer" };
/**
 * How many public chat lines the room state holds: earlier ones leave it a second after the
 * window passes them (a bot's line is 500-600 B; the talks fetch the rest).
 */
export const CHAT_WINDOW = 4;
/** The room state's field holding the index of each log's first line it still holds. */
const FROM = { news: "newsFrom", events: "eventsFrom" } as const satisfies Record<keyof Logs, keyof GameRoomState>;

/** A line only some clients may hold: a private chat line or an unsigned deal. */
type PrivateLine = { line: ChatLine | Deal; readable: (viewer: Viewer) => boolean };
type PrivateDeal = { line: Deal; readable: (viewer: Viewer) => boolean; agreement: Agreement };
type PrivateChatLine = { line: ChatLine; readable: (viewer: Viewer) => boolean };

export class ViewSync {
  private privateLines = new Set<PrivateLine>();
  /** The private chat lines in the room state, by channel, oldest first. */
  private channelLines = new Map<string, PrivateChatLine[]>();
  private syncedMessages = 0;
  private linesById = new Map<number, ChatLine>();
  private json = new JsonCache();
  /** The log items last sent, to find new and rewritten ones by identity. */
  private sentLogs: Logs = { news: [], events: [] };
  private publicDeals = new Map<string, Agreement>();
  private privateDeals = new Map<string, PrivateDeal>();
  /** Ended deals that left the room state, with their status and step count then (they change no more). */
  private trimmedDeals = new Map<string, string>();
  private trimPending = false;
  /** Deals that ended and leave the state after a delay: their end goes out in a patch first. */
  private endedPending: AfterADelay;
  /** Public lines that have not yet been in the state a whole delay, and those that have. */
  private linesAging: AfterADelay;
  private aged = new Set<number>();
  /** Deals with steps that still carry their reasons: rewritten without them after a delay. */
  private reasonsPending: AfterADelay;
  /**
   * Private lines and deals no longer readable by anyone in the room state (of a past round,
   * retired), until no view holds them: then they leave their arrays (`dropUnheld`).
   */
  private unheld = new Set<ChatLine | Deal>();
  private unheldPending: AfterADelay<ChatLine | Deal>;
  /** Every view a private line was shown to, until its client left for good (`forget`): a dropped connection's view still holds lines. */
  private views = new Set<StateView>();
  /** The state and rejoin codes the sections were last computed from, and the deals last synced. */
  private sectionsOf?: { game: GameState; rejoinCodes: string };
  private dealsOf?: Agreement[];

  constructor(
    private state: GameRoomState,
    private game: () => GameState,
    private clients: () => Iterable<Client>,
    private viewerOf: (client: Client) => Viewer | undefined,
    /** Secret objectives in the scenario's other languages (server/scenario-texts.ts). */
    private secretTexts: Record<string, Record<string, string>> = {},
    /** Runs a function a little later: after the patch that carries the round's last lines. */
    private later: (fn: () => void) => void = (fn) => fn(),
  ) {
    this.endedPending = new AfterADelay(later, (ids) => this.dropEnded(ids));
    this.reasonsPending = new AfterADelay(later, (ids) => this.stripReasons(ids));
    this.linesAging = new AfterADelay(later, (ids) => this.dropAged(ids));
    this.unheldPending = new AfterADelay<ChatLine | Deal>(later, (lines) => this.dropUnheld(lines));
    state.since = 1;
    state.newsFrom = 0;
    state.eventsFrom = 0;
    state.dealsTrimmed = 0;
    state.chatGone = 0;
  }

  /** Brings the schema state up to the game: the version, changed sections, new log and chat lines, changed deals. */
  sync(rejoinCodes: Record<string, string>) {
    const game = this.game();
    if (this.state.version !== game.version) this.state.version = game.version;
    const codes = JSON.stringify(rejoinCodes);
    if (!this.sectionsKept(game, codes)) {
      const sections = computeSections(game, rejoinCodes, this.json, this.secretTexts);
      setSections(this.state.pub, sections.pub);
      setSections(this.state.priv, sections.priv);
      for (const key of LOG_KEYS) this.syncLog(key, sections.logs[key]);
      this.sectionsOf = { game, rejoinCodes: codes };
    }
    if (game.agreements !== this.dealsOf) {
      this.syncDeals(game.agreements);
      this.dealsOf = game.agreements;
    }
    for (const message of game.messages.slice(this.syncedMessages)) this.pushLine(message);
    this.syncedMessages = game.messages.length;
    if (game.round > this.state.since && !this.trimPending) this.trimAfterADelay(game.round);
  }

  /**
   * Lets go of the rounds before `round` once it has begun a whole delay ago. With clients
   * connected, a round's last lines go out in a patch before they leave the state (a line added
   * and removed within one patch would reach nobody); a round that ended within the delay is
   * trimmed by the next run, a whole delay later, not by this one.
   */
  private trimAfterADelay(round: number) {
    if (this.nobodyHere()) return this.trim(round);
    this.trimPending = true;
    this.later(() => {
      this.trimPending = false;
      this.trim(round);
      const now = this.game().round;
      if (now > this.state.since) this.trimAfterADelay(now);
    });
  }

  /** No client is connected: nothing has to reach anyone before it leaves the state. */
  private nobodyHere(): boolean {
    return !!this.clients()[Symbol.iterator]().next().done;
  }

  private pushLine(message: Message) {
    const line = Object.assign(new ChatLine(), toWireLine(message, this.state));
    this.linesById.set(message.id, line);
    if (isPublicMessage(message)) {
      this.state.chat.push(line);
      // As at a round's end, a line goes out in a patch before it leaves the state: only lines
      // that have been in it a whole delay leave, however many came at once.
      if (this.nobodyHere()) this.dropLines(Math.max(0, this.state.chat.length - CHAT_WINDOW));
      else this.linesAging.add(String(line.id));
      return;
    }
    this.state.privateChat.push(line);
    const p: PrivateChatLine = { line, readable: (viewer) => canReadMessage(this.game(), viewer, message) };
    this.addPrivate(p);
    let held = this.channelLines.get(message.channel);
    if (!held) this.channelLines.set(message.channel, (held = []));
    held.push(p);
    // Each channel keeps its latest lines, as the public chat does (a long round's talk would
    // otherwise stay in the state, and in memory, until the round ends).
    if (this.nobodyHere()) this.dropPrivate(message.channel, held.length - PRIVATE_WINDOW);
    else this.linesAging.add(String(line.id));
  }

  /** Lets go of the lines, deal steps and ended deals of the rounds before `round`. */
  private trim(round: number) {
    const was = this.state.since;
    if (round <= was) return;
    this.state.since = round;
    // A line without its round is of the round `since` was when it was written (toWireLine).
    const lineRound = (line: ChatLine) => line.round ?? was;
    const before = (item: { round: number } | undefined) => !!item && item.round < round;
    for (const key of LOG_KEYS) {
      const lines = this.state[key];
      const fromKey = FROM[key];
      const sent = this.sentLogs[key];
      while (lines.length && before(sent[this.state[fromKey]])) {
        lines.shift();
        this.state[fromKey]++;
      }
    }
    let old = 0;
    while (old < this.state.chat.length && lineRound(this.state.chat[old]!) < round) old++;
    this.dropLines(old);
    for (const [channel, held] of this.channelLines) {
      const kept: PrivateChatLine[] = [];
      for (const p of held) if (lineRound(p.line) >= round) kept.push(p);
      else this.letGoLine(p);
      if (kept.length) this.channelLines.set(channel, kept);
      else this.channelLines.delete(channel);
    }
    const ended = (a: Agreement) => ENDED_STATUSES.has(a.status) && lastRound(a) < round;
    for (const [id, a] of [...this.publicDeals]) {
      if (ended(a)) {
        this.state.agreements.delete(id);
        this.publicDeals.delete(id);
        this.trimmedDeals.set(id, trimmedAs(a));
      } else trimSteps(this.state.agreements.get(id)!, a, round);
    }
    for (const deal of [...this.privateDeals.values()]) {
      if (ended(deal.agreement)) {
        this.retire(deal);
        this.trimmedDeals.set(deal.agreement.id, trimmedAs(deal.agreement));
      } else trimSteps(deal.line, deal.agreement, round);
    }
  }

  /** Lets the lines beyond the window go that have been in the state a whole delay. */
  private dropAged(ids: ReadonlySet<string>) {
    for (const id of ids) this.aged.add(Number(id));
    const chat = this.state.chat;
    let n = 0;
    while (chat.length - n > CHAT_WINDOW && this.aged.has(chat[n]!.id)) n++;
    this.dropLines(n);
    for (const [channel, held] of this.channelLines) {
      let k = 0;
      while (held.length - k > PRIVATE_WINDOW && this.aged.has(held[k]!.line.id)) k++;
      this.dropPrivate(channel, k);
    }
    for (const id of this.aged) if (!this.linesById.has(id)) this.aged.delete(id);
  }

  /** Lets go of a private channel's first `n` lines: they leave every view, then their array. */
  private dropPrivate(channel: string, n: number) {
    const held = this.channelLines.get(channel);
    if (!held || n <= 0) return;
    for (const p of held.splice(0, n)) this.letGoLine(p);
    if (!held.length) this.channelLines.delete(channel);
  }

  /** A private chat line leaves every view, and its array once no view holds it. */
  private letGoLine(p: PrivateChatLine) {
    this.withdraw(p);
    this.linesById.delete(p.line.id);
  }

  /** Lets go of the first `n` public chat lines. */
  private dropLines(n: number) {
    for (let i = 0; i < n; i++) this.linesById.delete(this.state.chat.shift()!.id);
    if (n > 0) this.state.chatGone += n;
  }

  /**
   * Whether every section would be the same as when they were last computed: nothing changed
   * but the chat, the version and open offers. A move shares every part of the state it does
   * not write with the one before it (shared/engine/step-copy.ts); no section reads the
   * messages, and of the deals only those that took force (`sectionsRead`). An offer, an
   * amendment, a signature short of the last or a refusal thus recomputes no section; its deal
   * is synced by itself.
   */
  private sectionsKept(game: GameState, rejoinCodes: string): boolean {
    const last = this.sectionsOf;
    if (!last || last.rejoinCodes !== rejoinCodes) return false;
    const keys = Object.keys(game) as (keyof GameState)[];
    if (keys.length !== Object.keys(last.game).length) return false;
    for (const k of keys) if (!UNSECTIONED.has(k) && game[k] !== last.game[k]) return false;
    return game.agreements === last.game.agreements || sameSettled(game.agreements, last.game.agreements);
  }

  /** A message changed after it was sent (removed by the facilitator): its line follows, for everyone who holds it. */
  rewriteLine(messageId: number) {
    const line = this.linesById.get(messageId);
    const message = this.game().messages.find((m) => m.id === messageId);
    if (!message) return;
    // A line of an earlier round left the state: it comes back as it is now, and clients that
    // kept it replace it by id.
    if (!line) return this.pushLine(message);
    const wire = toWireLine(message) as Record<string, unknown>;
    const fields = line as unknown as Record<string, unknown>;
    for (const key of ["text", "said", "draft", "deleted"] as const) if (fields[key] !== wire[key]) fields[key] = wire[key];
    // Written anew, it stays a whole delay more: a line that left the state in the patch that
    // changed it would leave its old words with every client that keeps it.
    this.aged.delete(messageId);
    if (!this.nobodyHere()) this.linesAging.add(String(messageId));
  }

  /**
   * Makes a client's view hold exactly the private lines it may read now: after a join, a
   * reconnection, a new seat or none. A connection that dropped keeps its view but is not among
   * the clients while it is away, so what changed meanwhile (a deal that became public or left
   * it out, a line that left the state) reaches its view only here.
   */
  fitPrivateLines(client: Client) {
    const view = client.view;
    if (!view) return;
    const viewer = this.viewerOf(client);
    const tracked = new Set<ChatLine | Deal>();
    for (const p of this.privateLines) {
      tracked.add(p.line);
      if (viewer && p.readable(viewer)) this.show(view, p.line);
      else if (view.has(p.line)) view.remove(p.line); // only lines the view holds: another sends the client a refId it does not know
    }
    // Lines no one reads any more (retired deals, lines of past rounds) stay in their arrays until no view holds them.
    for (const line of this.unheld) if (!tracked.has(line) && view.has(line)) view.remove(line);
    this.retryUnheld();
  }

  /** A client left for good: its view holds nothing that keeps a line in the state. */
  forget(client: Client) {
    if (client.view && this.views.delete(client.view)) this.retryUnheld();
  }

  /** The lines a view kept in the state may leave now that it let them go: they are checked again after a delay. */
  private retryUnheld() {
    for (const line of this.unheld) if (!this.unheldPending.has(line)) this.unheldPending.add(line);
  }

  /** After reading rights change (the facilitator's setting): every client sees exactly what it may. */
  refreshPrivateLines() {
    for (const p of this.privateLines) this.refresh(p);
  }

  /** Appends a log's new items; rewrites an item the engine replaced (a new object). */
  private syncLog<K extends keyof Logs>(key: K, items: Logs[K]) {
    const sent = this.sentLogs[key];
    if (items === sent) return;
    const lines = this.state[key];
    const from = this.state[FROM[key]];
    while (from + lines.length > items.length) lines.pop(); // never in a game that goes forward; kept exact anyway
    for (let i = from; i < items.length; i++) {
      const item = items[i]!;
      if (i - from >= lines.length) lines.push(new Section({ json: this.json.of(item, () => item) }));
      else if (item !== sent[i]) {
        const json = this.json.of(item, () => item);
        if (lines[i - from]!.json !== json) lines[i - from]!.json = json;
      }
    }
    this.sentLogs[key] = items;
  }

  /** Public deals by id for everyone; an unsigned one in its readers' views until it is public. */
  private syncDeals(agreements: Agreement[]) {
    let nobody: boolean | undefined;
    for (const a of agreements) {
      const trimmed = this.trimmedDeals.get(a.id);
      if (trimmed !== undefined && trimmed === trimmedAs(a)) continue;
      if (ENDED_STATUSES.has(a.status) && !this.endedPending.has(a.id)) {
        // Nobody to tell that it ended (a room restored, or empty): it need not enter the state at all.
        nobody ??= this.nobodyHere();
        if (nobody && !this.publicDeals.has(a.id) && !this.privateDeals.has(a.id)) {
          this.trimmedDeals.set(a.id, trimmedAs(a));
          this.state.dealsTrimmed++;
          continue;
        }
        this.endedPending.add(a.id);
      }
      if (canSeeAgreement(OBSERVER, a)) {
        const held = this.privateDeals.get(a.id);
        if (held) this.retire(held);
        if (this.publicDeals.get(a.id) === a) continue;
        const deal = this.state.agreements.get(a.id);
        if (!deal) this.state.agreements.set(a.id, this.write(this.newDeal(a), a));
        else this.write(deal, a);
        this.publicDeals.set(a.id, a);
        continue;
      }
      if (this.publicDeals.delete(a.id)) this.state.agreements.delete(a.id);
      const held = this.privateDeals.get(a.id);
      if (!held) {
        const deal: PrivateDeal = { agreement: a, line: this.write(this.newDeal(a), a), readable: (viewer) => canSeeAgreement(viewer, deal.agreement) };
        this.privateDeals.set(a.id, deal);
        this.state.privateAgreements.push(deal.line);
        this.addPrivate(deal);
      } else if (held.agreement !== a) {
        const parties = held.agreement.parties;
        held.agreement = a;
        this.write(held.line, a);
        if (a.parties.some((p) => !parties.includes(p))) {
          // A new party never had the earlier steps: they go out with their reasons again (and leave after a delay).
          if (withReasons(held.line, a)) this.reasonsPending.add(a.id);
          this.refresh(held);
        } else if (a.parties.length !== parties.length) this.refresh(held);
      }
    }
  }

  /**
   * Writes a deal; a new step's reason goes out in a patch, then leaves the state (a later
   * client fetches the deal's history). With nobody connected, steps enter without reasons.
   */
  private write(deal: Deal, a: Agreement): Deal {
    const nobody = this.nobodyHere();
    if (!writeDeal(deal, a, nobody)) return deal;
    if (nobody) this.state.dealsTrimmed++;
    else this.reasonsPending.add(a.id);
    return deal;
  }

  /** Rewrites the steps of these deals without their reasons. */
  private stripReasons(ids: ReadonlySet<string>) {
    let stripped = false;
    for (const id of ids) {
      const held = this.privateDeals.get(id);
      const deal = held?.line ?? this.state.agreements.get(id);
      const a = held?.agreement ?? this.publicDeals.get(id);
      if (!deal || !a) continue;
      const past = deal.past ?? 0;
      for (let i = 0; i < deal.steps.length; i++) {
        const step = a.steps[past + i];
        if (!step?.reason) continue;
        const bare = bareStepJson(step);
        if (deal.steps[i] !== bare) {
          deal.steps[i] = bare;
          stripped = true;
        }
      }
    }
    if (stripped) this.state.dealsTrimmed++;
  }

  /** Lets go of these deals, which ended (their last change went out in a patch before). */
  private dropEnded(ids: ReadonlySet<string>) {
    for (const id of ids) {
      const a = this.publicDeals.get(id) ?? this.privateDeals.get(id)?.agreement;
      if (!a) continue;
      if (this.publicDeals.delete(id)) this.state.agreements.delete(id);
      const held = this.privateDeals.get(id);
      if (held) this.retire(held);
      this.trimmedDeals.set(id, trimmedAs(a));
      this.state.dealsTrimmed++;
    }
  }

  /** A deal new to the state holds only the steps of the rounds it still holds. */
  private newDeal(a: Agreement): Deal {
    return Object.assign(new Deal(), { past: stepsBefore(a, this.state.since) });
  }

  /** A deal that became public or ended leaves every private view, and its array after a delay. */
  private retire(deal: PrivateDeal) {
    this.withdraw(deal);
    this.privateDeals.delete(deal.agreement.id);
  }

  /** A private line or deal no one may read any more: out of every view now, out of its array once no view holds it. */
  private withdraw(p: PrivateLine) {
    for (const client of this.clients()) if (client.view?.has(p.line)) client.view.remove(p.line);
    this.privateLines.delete(p);
    this.letGo(p.line);
  }

  /** A line no one reads any more: it leaves its array once no view holds it. */
  private letGo(line: ChatLine | Deal) {
    this.unheld.add(line);
    this.unheldPending.add(line);
  }

  /**
   * Lets the lines go that no view holds, a whole delay after they left the last connected
   * view (the removal from the view goes out in a patch of its own before the array changes).
   * A line a dropped connection's view still holds stays until it comes back (fitPrivateLines
   * takes it out of the view) or leaves for good (`forget`).
   */
  private dropUnheld(lines: ReadonlySet<ChatLine | Deal>) {
    const gone = new Set<ChatLine | Deal>();
    for (const line of lines) {
      if (!this.unheld.has(line) || [...this.views].some((view) => view.has(line))) continue;
      gone.add(line);
      this.unheld.delete(line);
    }
    if (!gone.size) return;
    for (const array of [this.state.privateChat, this.state.privateAgreements] as ChatLine[][])
      for (let i = array.length - 1; i >= 0; i--) if (gone.has(array[i]!)) array.splice(i, 1);
  }

  private addPrivate(p: PrivateLine) {
    this.privateLines.add(p);
    for (const client of this.clients()) {
      const viewer = this.viewerOf(client);
      if (viewer && p.readable(viewer) && client.view) this.show(client.view, p.line);
    }
  }

  /** Every client holds the line exactly when it may read it. */
  private refresh(p: PrivateLine) {
    for (const client of this.clients()) {
      const viewer = this.viewerOf(client);
      if (viewer && p.readable(viewer) && client.view) this.show(client.view, p.line);
      else if (client.view?.has(p.line)) client.view.remove(p.line); // never remove what a view lacks (unknown refId on the client)
    }
  }

  /**
   * Adds a line to a view that lacks it. Adding one the view holds sends it whole again, and an
   * array of it whose item was rewritten in the same patch then decodes with items twice
   * (@colyseus/schema 5: a deal's steps, after a reason left them; tests/server/view-sync.test.ts).
   */
  private show(view: StateView, line: ChatLine | Deal) {
    this.views.add(view);
    if (!view.has(line)) view.add(line);
  }

}

/** Parts of the state no section reads (of the deals, only those `sectionsRead`: `sameSettled`). */
const UNSECTIONED = new Set<string>(["messages", "version", "agreements", "nextAgreement"]);

/** Whether the deals the sections read are the same objects in both lists, in the same order. */
function sameSettled(a: Agreement[], b: Agreement[]): boolean {
  let j = 0;
  for (const x of a) {
    if (!sectionsRead(x)) continue;
    while (j < b.length && !sectionsRead(b[j]!)) j++;
    if (b[j++] !== x) return false;
  }
  while (j < b.length && !sectionsRead(b[j]!)) j++;
  return j >= b.length;
}

function setSections(map: GameRoomState["pub"], sections: Record<string, string>) {
  for (const [key, json] of Object.entries(sections)) {
    const existing = map.get(key);
    if (!existing) map.set(key, new Section({ json }));
    else if (existing.json !== json) existing.json = json;
  }
}

const DEAL_FIELDS = ["id", "type", "parties", "terms", "duration", "status", "revision", "proposedBy", "proposedAt", "signatures", "startRound", "endRound", "built", "brokenBy", "left"] as const satisfies readonly (keyof WireDeal)[];

/**
 * Writes the fields of a deal that changed, and appends its new steps (steps are only ever
 * added), `bare`: without their reasons. Whether it appended a step that has a reason.
 */
function writeDeal(deal: Deal, a: Agreement, bare: boolean): boolean {
  const wire = toWireDeal(a);
  const fields = deal as unknown as Record<string, unknown>;
  for (const key of DEAL_FIELDS) if (fields[key] !== wire[key]) fields[key] = wire[key];
  const past = deal.past ?? 0;
  const steps = deal.steps;
  const same = (held: string, i: number) => held === wire.steps[i] || held === bareStepJson(a.steps[i]!);
  if (past + steps.length > wire.steps.length || steps.some((held, i) => !same(held, past + i))) steps.clear();
  let reasoned = false;
  for (let i = past + steps.length; i < wire.steps.length; i++) {
    const step = a.steps[i]!;
    steps.push(bare ? bareStepJson(step) : wire.steps[i]!);
    reasoned ||= !!step.reason;
  }
  return reasoned;
}

/** Writes the deal's steps back with their reasons; whether any had one. */
function withReasons(deal: Deal, a: Agreement): boolean {
  const past = deal.past ?? 0;
  const wire = toWireDeal(a).steps;
  let reasoned = false;
  for (let i = 0; i < deal.steps.length; i++) {
    if (!a.steps[past + i]!.reason) continue;
    reasoned = true;
    if (deal.steps[i] !== wire[past + i]) deal.steps[i] = wire[past + i]!;
  }
  return reasoned;
}

/** How many of a deal's steps are of rounds before `round` (steps are in round order). */
function stepsBefore(a: Agreement, round: number): number {
  let n = 0;
  while (n < a.steps.length && a.steps[n]!.round < round) n++;
  return n;
}

/** Lets go of a deal's steps of rounds before `round`. */
function trimSteps(deal: Deal, a: Agreement, round: number) {
  const past = stepsBefore(a, round);
  for (let n = deal.past ?? 0; n < past && deal.steps.length; n++) deal.steps.shift();
  if ((deal.past ?? 0) !== past) deal.past = past;
}

const trimmedAs = (a: Agreement) => `${a.status}/${a.steps.length}`;

/**
 * Ids to act on once what was last written about them has been in the room state for a whole
 * delay (`later`'s), so that it went out in a patch first. An id added while a run is already
 * due waits for the next run: a deal signed just before the run would otherwise lose its
 * reason, or leave the state, before any client saw it.
 */
class AfterADelay<K = string> {
  /** Added before the run now scheduled: acted on by it. */
  private due = new Set<K>();
  /** Added since: acted on by the run after. */
  private next = new Set<K>();
  private scheduled = false;

  constructor(
    private later: (fn: () => void) => void,
    private run: (ids: ReadonlySet<K>) => void,
  ) {}

  has(id: K): boolean {
    return this.due.has(id) || this.next.has(id);
  }

  add(id: K) {
    this.due.delete(id);
    this.next.add(id);
    this.schedule();
  }

  private schedule() {
    if (this.scheduled) return;
    this.scheduled = true;
    this.later(() => this.fire());
  }

  private fire() {
    this.scheduled = false;
    const due = this.due;
    this.due = this.next;
    this.next = new Set();
    if (due.size) this.run(due);
    if (this.due.size) this.schedule();
  }
}
