/**
 * What a client keeps of a game's past. The room state holds what the screen shows now
 * (docs/PROTOCOL.md "State sync and views"): the lines, deals' steps and ended deals of the
 * current round (`since`), and no round record at all. A client that was there keeps what it
 * saw as it leaves the room state; one that came later fetches the older parts over HTTP when
 * a panel reads them (`GET /api/games/:code/past/:part`, `GET /api/games/:code/rounds/:round`).
 * `Archive.merge` puts the two together into the synced state `assembleView` reads.
 */
import { z } from "zod";
import { lazy } from "../lazy.ts";
import type { AgreementStatus, NewsItem, PlayedEvent, RoundRecord } from "../engine/types.ts";
import { bareStepJson, fromStepJson, fullLine, PUBLIC_CHANNELS, type LastChanges, type SyncedState, type WireDeal, type WireLine } from "./view.ts";

/**
 * The parts of the past a client may fetch, each whole. `changes`: each metric's last change in
 * the recorded rounds, for a client that lacks the older records (the country panel's last change).
 */
export const PAST_PARTS = ["news", "events", "chat", "deals", "changes"] as const;
export type PastPart = (typeof PAST_PARTS)[number];
export const PastPartSchema = lazy(() => z.enum(PAST_PARTS));
/** A round's number in a route (`/rounds/:round`). */
export const RoundParamSchema = lazy(() => z.string().regex(/^[1-9][0-9]?$/).transform(Number));

/** Credentials for the past (headers x-seat-token, x-facilitator-key): without them, an observer's. */
export const PastAuthSchema = lazy(() => z.object({ token: z.string().min(1).max(64).optional(), key: z.string().min(1).max(128).optional() }));
export type PastAuth = z.infer<typeof PastAuthSchema>;
/** The headers that carry these credentials (the web client's and the tests' requests; server/app.ts reads them). */
export const pastHeaders = (c: PastAuth): Record<string, string> => (c.key ? { "x-facilitator-key": c.key } : c.token ? { "x-seat-token": c.token } : {});
/** The header a class student's browser sends its place token in when it looks its class's code up (server/app.ts, server/classes/routes.ts): an address locked for wrong codes still answers it. */
export const PLACE_HEADER = "x-place-token";

/** The body of `GET /api/games/:code/past/:part`: everything of that part the asker may read. */
export type PastItems = { news: NewsItem[]; events: PlayedEvent[]; chat: WireLine[]; deals: WireDeal[]; changes: LastChanges };

/** The last change of every subject and key in these records, newest first (each record's changes are public). */
export function lastChanges(history: readonly RoundRecord[]): LastChanges {
  const seen = new Set<string>();
  const changes: LastChanges["changes"] = [];
  for (let i = history.length - 1; i >= 0; i--) {
    const record = history[i]!;
    for (const change of record.changes) {
      const key = `${change.subject}|${change.key}`;
      if (seen.has(key)) continue;
      seen.add(key);
      changes.push({ round: record.round, change });
    }
  }
  return { round: history.at(-1)?.round ?? 0, changes };
}

/**
 * How many lines of each private channel (a team's, a bilateral or minilateral one) the room
 * state holds: earlier ones of the same round leave it once they have been in it a whole delay
 * (server/rooms/view-sync.ts). A client holding a channel's full window may lack earlier lines.
 */
export const PRIVATE_WINDOW = 8;

/** The private channels that fill their window in this state: earlier lines of theirs may have left it. */
function fullWindows(lines: readonly WireLine[]): Set<string> {
  const counts = new Map<string, number>();
  const full = new Set<string>();
  for (const { channel = "" } of lines) {
    const n = (counts.get(channel) ?? 0) + 1;
    counts.set(channel, n);
    if (n >= PRIVATE_WINDOW) full.add(channel);
  }
  return full;
}

/** Statuses a deal never leaves: such a deal leaves the room state a second after it ended. */
export const ENDED_STATUSES: ReadonlySet<AgreementStatus> = new Set(["expired", "broken", "defaulted", "declined", "lapsed"]);

/** The round of a deal's last step (a deal's steps are in round order). */
export const lastRound = (deal: { steps: { round: number }[] }) => deal.steps[deal.steps.length - 1]?.round ?? 0;

type Json = { json: string };

export class Archive {
  private news: (string | undefined)[] = [];
  private events: (string | undefined)[] = [];
  private chat = new Map<number, ReturnType<typeof fullLine>>();
  /** Ended deals seen or fetched, by id (their steps are in `steps`): they never change again. */
  private ended = new Map<string, WireDeal>();
  /** Every deal's steps by index. */
  private steps = new Map<string, string[]>();
  private records = new Map<number, string>();
  private lastChanges?: LastChanges;
  /** Parts of which the client lacks what the room state left out before it came (or while it was away). */
  private lacking = new Set<PastPart>();
  private since = 1;
  private dealsTrimmed = 0;
  private chatGone = 0;
  /** Whether the facilitator could read private channels at the last merge (the game's setting, which everyone sees). */
  private readsPrivate?: boolean;

  /**
   * The synced state with what this client saw before and fetched. `fresh`: the first state of
   * a new connection (a join or a rejoin), which may lack what left the room state meanwhile.
   */
  merge(synced: SyncedState, fresh: boolean): SyncedState {
    const since = synced.since ?? 1;
    if (fresh && since > this.since) for (const part of PAST_PARTS) this.lacking.add(part);
    if (fresh && (synced.dealsTrimmed ?? 0) > this.dealsTrimmed) this.lacking.add("deals");
    if (fresh && (synced.chatGone ?? 0) > this.chatGone) this.lacking.add("chat");
    // A private channel's lines beyond its window leave the state without a count (a count would
    // tell everyone how much others say in private): a new connection that holds a full window
    // fetches the chat.
    const full = fullWindows(synced.privateChat ?? []);
    if (fresh && full.size) this.lacking.add("chat");
    // The facilitator may now read private channels: the lines that left the state (of earlier
    // rounds, or beyond a channel's window) are theirs to fetch (their client never received them).
    const reads = readJson<{ settings?: { facilitatorReadsPrivate?: boolean } }>(synced.pub?.meta)?.settings?.facilitatorReadsPrivate;
    if (reads && this.readsPrivate === false && (since > 1 || full.size > 0)) this.lacking.add("chat");
    if (reads !== undefined) this.readsPrivate = reads;
    this.since = since;
    this.dealsTrimmed = synced.dealsTrimmed ?? 0;
    this.chatGone = synced.chatGone ?? 0;
    keep(this.news, synced.newsFrom ?? 0, synced.news ?? []);
    keep(this.events, synced.eventsFrom ?? 0, synced.events ?? []);
    // Kept with their rounds: a line's round left out is the state's `since`, which moves on.
    const lines = [...(synced.chat ?? []), ...(synced.privateChat ?? [])].map((l) => fullLine(l, since));
    for (const line of lines) this.chat.set(line.id, line);
    const inChat = new Set(lines.map((l) => l.id));
    const readable = readableChannels(synced);
    const live = [...Object.values(synced.agreements ?? {}), ...(synced.privateAgreements ?? [])];
    for (const deal of live) this.keepDeal(deal);
    const inState = new Set(live.map((d) => d.id));
    const withSteps = (d: WireDeal): WireDeal => ({ ...d, steps: (this.steps.get(d.id) ?? []).filter((s) => s !== undefined) });
    const agreements: Record<string, WireDeal> = {};
    // Only what left the room state comes from here: what is of its rounds, the state holds
    // exactly as this client may read it now (a channel it may no longer read, a deal that lost
    // it as a party). An ended deal's parties never change, so one this client saw stays.
    for (const [id, deal] of this.ended) if (!inState.has(id)) agreements[id] = withSteps(deal);
    for (const [id, deal] of Object.entries(synced.agreements ?? {})) agreements[id] = withSteps(deal);
    return {
      ...synced,
      news: known(this.news),
      events: known(this.events),
      history: [...this.records.entries()].sort((a, b) => a[0] - b[0]).map(([, json]) => ({ json })),
      ...(this.lastChanges ? { lastChanges: this.lastChanges } : {}),
      agreements,
      privateAgreements: (synced.privateAgreements ?? []).map(withSteps),
      // A public line (every viewer reads it) seen once stays, of the rounds the state holds too;
      // a private one of an earlier round, or one its channel's full window passed, while this
      // client may still read its channel (the facilitator may lose the right). A private line
      // of this round that left otherwise left this client's view: it may no longer read it.
      chat: [...[...this.chat.values()].filter((l) => !inChat.has(l.id) && (l.round < since || PUBLIC_CHANNELS.has(l.channel) || full.has(l.channel)) && (!readable || readable.has(l.channel))), ...lines],
      privateChat: [],
    };
  }

  /** Whether a panel that reads this part should fetch it. */
  lacks(part: PastPart): boolean {
    return this.lacking.has(part);
  }

  hasRecord(round: number): boolean {
    return this.records.has(round);
  }

  /** A part fetched whole: what the client did not have joins what it had. */
  add<P extends PastPart>(part: P, items: PastItems[P]) {
    if (part === "news" || part === "events") {
      const list = part === "news" ? this.news : this.events;
      (items as (NewsItem | PlayedEvent)[]).forEach((item, i) => (list[i] ??= JSON.stringify(item)));
    } else if (part === "chat") for (const line of items as WireLine[]) this.chat.set(line.id, fullLine(line));
    else if (part === "changes") this.lastChanges = items as LastChanges;
    else for (const deal of items as WireDeal[]) this.keepDeal(deal);
    this.lacking.delete(part);
  }

  addRecord(record: RoundRecord) {
    this.records.set(record.round, JSON.stringify(record));
  }

  private keepDeal(deal: WireDeal) {
    const steps = this.steps.get(deal.id) ?? [];
    this.steps.set(deal.id, steps);
    const past = deal.past ?? 0;
    (deal.steps ?? []).forEach((step, i) => {
      // A step stays in the room state without its reason once the reason went out: keep it with it.
      const held = steps[past + i];
      if (held !== step && !(held !== undefined && bareOf(held) === step)) steps[past + i] = step;
    });
    if (ENDED_STATUSES.has(deal.status as AgreementStatus)) this.ended.set(deal.id, { ...deal, past: 0, steps: [] });
  }
}

const bare = new Map<string, string>();
/** `bareStepJson` of a step's JSON. */
function bareOf(step: string): string {
  let known = bare.get(step);
  if (known === undefined) {
    known = bareStepJson(fromStepJson(step));
    if (bare.size > 5000) bare.clear();
    bare.set(step, known);
  }
  return known;
}

const readJson = <T>(section: Json | undefined): T | undefined => (section ? (JSON.parse(section.json) as T) : undefined);

/** The channels this client may read now: the public section's and those of the private section it holds (undefined before the public one came). */
function readableChannels(synced: SyncedState): Set<string> | undefined {
  const pub = readJson<{ id: string }[]>(synced.pub?.channels);
  if (!pub) return undefined;
  const ids = new Set<string>([...PUBLIC_CHANNELS, ...pub.map((c) => c.id)]);
  for (const section of Object.values(synced.priv ?? {})) for (const c of readJson<{ channels?: { id: string }[] }>(section)?.channels ?? []) ids.add(c.id);
  return ids;
}

function keep(list: (string | undefined)[], from: number, items: Json[]) {
  items.forEach((item, i) => (list[from + i] = item.json));
}

const known = (list: (string | undefined)[]): Json[] => list.flatMap((json) => (json === undefined ? [] : [{ json }]));
