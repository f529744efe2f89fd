/**
 * View sync: the engine's state into the room's schema state, and each client's StateView
 * kept to exactly what it may read (docs/PROTOCOL.md, "State sync and views";
 * shared/protocol/view.ts for the parts). An action re-sends only what it changed: the
 * version number, the sections whose JSON changed, the new lines of the logs and the chat,
 * and the deals it touched. Private chat lines and unsigned deals are added to the views of
 * the clients who may read them, and taken out when that changes.
 */
import type { Client } from "@colyseus/core";
import type { Agreement, GameState, Message } from "../../shared/engine/types.ts";
import { canReadChannel, canSeeAgreement, type Viewer } from "../../shared/engine/views.ts";
import { computeSections, isPublicMessage, JsonCache } from "../../shared/protocol/sections.ts";
import { LOG_KEYS, toWireDeal, toWireLine, type Logs, type WireDeal } from "../../shared/protocol/view.ts";
import { ChatLine, Deal, Section, type GameRoomState } from "./room-state.ts";

const OBSERVER: Viewer = { kind: "observer" };

/** A line only some clients may hold: a private chat line or an unsigned deal. */
type PrivateLine = { line: ChatLine | Deal; readable: (viewer: Viewer) => boolean };
type PrivateDeal = { line: Deal; readable: (viewer: Viewer) => boolean; agreement: Agreement };

export class ViewSync {
  private privateLines = new Set<PrivateLine>();
  private syncedMessages = 0;
  private linesById = new Map<number, ChatLine>();
  private json = new JsonCache();
  /** The log items last sent, to find new and rewritten ones by identity. */
  private sentLogs: Logs = { news: [], events: [], history: [] };
  private publicDeals = new Map<string, Agreement>();
  private privateDeals = new Map<string, PrivateDeal>();
  /** The state and rejoin codes the sections were last computed from. */
  private sectionsOf?: { game: GameState; rejoinCodes: string };

  constructor(
    private state: GameRoomState,
    private game: () => GameState,
    private clients: () => Iterable<Client>,
    private viewerOf: (client: Client) => Viewer | undefined,
    /** Secret objectives in the scenario's other languages (server/scenario-texts.ts). */
    private secretTexts: Record<string, Record<string, string>> = {},
  ) {}

  /** Brings the schema state up to the game: the version, changed sections, new log and chat lines, changed deals. */
  sync(rejoinCodes: Record<string, string>) {
    const game = this.game();
    if (this.state.version !== game.version) this.state.version = game.version;
    const codes = JSON.stringify(rejoinCodes);
    if (!this.onlyChatChanged(game, codes)) {
      const sections = computeSections(game, rejoinCodes, this.json, this.secretTexts);
      setSections(this.state.pub, sections.pub);
      setSections(this.state.priv, sections.priv);
      for (const key of LOG_KEYS) this.syncLog(key, sections.logs[key]);
      this.syncDeals(sections.agreements);
      this.sectionsOf = { game, rejoinCodes: codes };
    }
    for (const message of game.messages.slice(this.syncedMessages)) {
      const line = Object.assign(new ChatLine(), toWireLine(message));
      this.linesById.set(message.id, line);
      if (isPublicMessage(message)) {
        this.state.chat.push(line);
        continue;
      }
      this.state.privateChat.push(line);
      this.addPrivate({ line, readable: (viewer) => this.canReadChannel(viewer, message) });
    }
    this.syncedMessages = game.messages.length;
  }

  /**
   * Whether nothing but the chat (and the version) changed since the sections were computed:
   * a chat move shares every other part of the state with the one before it
   * (shared/engine/step-copy.ts), and no section reads the messages.
   */
  private onlyChatChanged(game: GameState, rejoinCodes: string): boolean {
    const last = this.sectionsOf;
    if (!last || last.rejoinCodes !== rejoinCodes) return false;
    const keys = Object.keys(game) as (keyof GameState)[];
    if (keys.length !== Object.keys(last.game).length) return false;
    return keys.every((k) => k === "messages" || k === "version" || game[k] === last.game[k]);
  }

  /** A message changed after it was sent (removed by the facilitator): its line follows, for everyone who holds it. */
  rewriteLine(messageId: number) {
    const line = this.linesById.get(messageId);
    const message = this.game().messages.find((m) => m.id === messageId);
    if (!line || !message) return;
    const wire = toWireLine(message) as Record<string, unknown>;
    const fields = line as unknown as Record<string, unknown>;
    for (const key of ["text", "said", "deleted"] as const) if (fields[key] !== wire[key]) fields[key] = wire[key];
  }

  /** Gives a client's view the private lines it may read (after a join, a reconnection, a new seat). */
  addPrivateLines(client: Client) {
    const viewer = this.viewerOf(client);
    if (viewer) for (const p of this.privateLines) if (p.readable(viewer)) client.view?.add(p.line);
  }

  /** Takes every private line out of a client's view (it lost its seat). */
  removePrivateLines(client: Client) {
    // Only lines the view holds: removing one it never had sends the client a refId it does not know.
    for (const { line } of this.privateLines) if (client.view?.has(line)) client.view.remove(line);
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
    while (lines.length > items.length) lines.pop(); // never in a game that goes forward; kept exact anyway
    items.forEach((item, i) => {
      if (i >= lines.length) lines.push(new Section({ json: this.json.of(item, () => item) }));
      else if (item !== sent[i]) {
        const json = this.json.of(item, () => item);
        if (lines[i]!.json !== json) lines[i]!.json = json;
      }
    });
    this.sentLogs[key] = items;
  }

  /** Public deals by id for everyone; an unsigned one in its readers' views until it is public. */
  private syncDeals(agreements: Agreement[]) {
    for (const a of agreements) {
      if (canSeeAgreement(OBSERVER, a)) {
        const held = this.privateDeals.get(a.id);
        if (held) this.retire(held);
        if (this.publicDeals.get(a.id) === a) continue;
        const deal = this.state.agreements.get(a.id);
        if (!deal) this.state.agreements.set(a.id, writeDeal(new Deal(), a));
        else writeDeal(deal, a);
        this.publicDeals.set(a.id, a);
        continue;
      }
      if (this.publicDeals.delete(a.id)) this.state.agreements.delete(a.id);
      const held = this.privateDeals.get(a.id);
      if (!held) {
        const deal: PrivateDeal = { agreement: a, line: writeDeal(new Deal(), a), readable: (viewer) => canSeeAgreement(viewer, deal.agreement) };
        this.privateDeals.set(a.id, deal);
        this.state.privateAgreements.push(deal.line);
        this.addPrivate(deal);
      } else if (held.agreement !== a) {
        const parties = held.agreement.parties;
        held.agreement = a;
        writeDeal(held.line, a);
        if (a.parties.length !== parties.length || a.parties.some((p) => !parties.includes(p))) this.refresh(held);
      }
    }
  }

  /** A deal that became public leaves every private view; its line stays in the array, held by no one. */
  private retire(deal: PrivateDeal) {
    for (const client of this.clients()) if (client.view?.has(deal.line)) client.view.remove(deal.line);
    this.privateLines.delete(deal);
    this.privateDeals.delete(deal.agreement.id);
  }

  private addPrivate(p: PrivateLine) {
    this.privateLines.add(p);
    for (const client of this.clients()) {
      const viewer = this.viewerOf(client);
      if (viewer && p.readable(viewer)) client.view?.add(p.line);
    }
  }

  /** Every client holds the line exactly when it may read it. */
  private refresh(p: PrivateLine) {
    for (const client of this.clients()) {
      const viewer = this.viewerOf(client);
      if (viewer && p.readable(viewer)) client.view?.add(p.line);
      else if (client.view?.has(p.line)) client.view.remove(p.line); // never remove what a view lacks (unknown refId on the client)
    }
  }

  private canReadChannel(viewer: Viewer, message: Message): boolean {
    const game = this.game();
    const channel = game.channels[message.channel];
    return !!channel && canReadChannel(game, viewer, channel);
  }
}

function setSections(map: GameRoomState["pub"], sections: Record<string, string>) {
  for (const [key, json] of Object.entries(sections)) {
    const existing = map.get(key);
    if (!existing) map.set(key, new Section({ json }));
    else if (existing.json !== json) existing.json = json;
  }
}

const DEAL_FIELDS = ["id", "type", "parties", "terms", "duration", "status", "revision", "proposedBy", "signatures", "startRound", "endRound", "built", "brokenBy", "left"] as const satisfies readonly (keyof WireDeal)[];

/** Writes the fields of a deal that changed, and appends its new steps (steps are only ever added). */
function writeDeal(deal: Deal, a: Agreement): Deal {
  const wire = toWireDeal(a);
  const fields = deal as unknown as Record<string, unknown>;
  for (const key of DEAL_FIELDS) if (fields[key] !== wire[key]) fields[key] = wire[key];
  const steps = deal.steps;
  if (steps.length > wire.steps.length || steps.some((step, i) => step !== wire.steps[i])) steps.clear();
  for (let i = steps.length; i < wire.steps.length; i++) steps.push(wire.steps[i]!);
  return deal;
}
