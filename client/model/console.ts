/**
 * The facilitator console's god view, computed from the facilitator's view: one row per seat
 * (who holds it and whether they are connected, the last thing the seat did, offers waiting on
 * it, messages and unread ones, metrics with this round's change), a seat's drill-down, the
 * round timeline, and what a change of communication rules will announce. `ActivityLog`
 * notices what each seat did between two views, with the time it was seen, after what the
 * server's record of the game says each seat did before (`recordedActivity`). Pure.
 */
import type { Agreement, AgreementStep, MatrixAction, Message } from "../../shared/engine/types.ts";
import type { Action } from "../../shared/engine/actions.ts";
import { loggedLineId, postsMessage } from "../../shared/engine/message-ids.ts";
import { VERSION_CARDLESS_ROUNDS } from "../../shared/engine/deck.ts";
import type { TimelineEntry } from "../../shared/protocol/debrief.ts";
import { COUNTRY_METRICS, ROLES, type CountryMetric, type Phase } from "../../shared/engine/vocabulary.ts";
import { freeMinistries, type ClientView } from "../../shared/protocol/view.ts";
import { label, list, sentence, t } from "../i18n/index.ts";
import { country, ref, type Ref } from "../../shared/engine/text.ts";
import type { Role } from "../../shared/engine/vocabulary.ts";
import { channelName, type ReadMarks } from "./channels.ts";
import { countryName } from "./deals.ts";
import { seatRows, type SeatRow } from "./lobby.ts";
import { changesOf } from "./review.ts";
import { ministries, ministriesAside } from "./format.ts";

/** The note after the facilitator moves a person: "Ana moved to the Netherlands." (with teams, "… as diplomat."). A person's name stays as typed. */
export function movedText(name: string, seat: string, role?: Role): string {
  return role ? sentence("console.seats.moved.role", { name, seat: country(seat), role: ref("role", role, true) }) : sentence("console.seats.moved", { name, seat: country(seat) });
}

/** A place the facilitator may move a person to: a seat (with teams, one of its ministries), and how the list names it. */
export type MoveTarget = { seat: string; role?: Role; text: string };

/**
 * Where the console's "Move to…" list may send `holder`: only what the server's assign-seat
 * accepts (server/rooms/seating.ts `assignSeat`: ministries nobody else in the seat holds; without
 * teams, a seat nobody else holds), and not where they already are.
 */
export function moveTargets(view: Pick<ClientView, "seats" | "settings">, holder: string): MoveTarget[] {
  const teams = view.settings.teams;
  const rows = seatRows(view.seats);
  const mine = rows.flatMap((s) => s.holders.filter((x) => x.id === holder).map((x) => ({ seat: s.id, roles: x.roles })))[0];
  return rows.flatMap((s) => {
    const free = freeMinistries(s.holders.filter((x) => x.id !== holder).map((x) => x.roles), teams);
    if (!teams) return s.id === mine?.seat || !free.length ? [] : [{ seat: s.id, text: s.name }];
    const here = (r: Role) => s.id === mine?.seat && mine.roles.length === 1 && mine.roles[0] === r;
    return free.filter((r) => !here(r)).map((r) => ({ seat: s.id, role: r, text: `${s.name} · ${label("role", r)}` }));
  });
}

/**
 * The question before a move, saying what it does besides (server/rooms/seating.ts `assignSeat`):
 * the seat left stays with the others in it, goes to a bot (`bots`: the game's bots are on; in
 * the lobby, at the start) or is left free; the person no longer reads its private channels; a
 * bot playing the new seat leaves it.
 */
export function moveQuestion(view: Pick<ClientView, "seats" | "phase">, bots: boolean, holder: string, name: string, to: Pick<MoveTarget, "seat" | "role">): string {
  const rows = seatRows(view.seats);
  const left = rows.find((s) => s.holders.some((x) => x.id === holder));
  const dest = rows.find((s) => s.id === to.seat);
  const lobby = view.phase === "lobby";
  const parts = [to.role ? sentence("console.seats.move.askRole", { name, seat: country(to.seat), role: ref("role", to.role, true) }) : sentence("console.seats.move.ask", { name, seat: country(to.seat) })];
  if (left && left.id !== to.seat) {
    const others = left.holders.filter((x) => x.id !== holder).map((x) => x.name);
    const seat = country(left.id);
    if (others.length) parts.push(sentence("console.seats.move.stays", { seat, names: list(others) }));
    else parts.push(emptiedText(seat, bots, lobby));
    if (!lobby) parts.push(sentence("console.seats.move.private", { name, seat }));
  }
  if (dest?.bot && dest.id !== left?.id) parts.push(sentence("console.seats.move.fromBot", { seat: country(dest.id) }));
  return parts.join(t("misc.sentenceJoin"));
}

/**
 * What becomes of a seat its last person leaves (server/rooms/seating.ts): with the game's bots
 * on, a bot plays it (in the lobby, from the start, unless someone takes it first); without,
 * it is left free.
 */
function emptiedText(seat: Ref, bots: boolean, lobby: boolean): string {
  if (bots) return sentence(lobby ? "console.seats.move.botAtStart" : "console.seats.move.bot", { seat });
  return sentence("console.seats.move.free", { seat });
}

/**
 * The question before the seat table's "Free seat" or "Give to a bot" (server/rooms/seating.ts
 * `freeSeat`, `botSeat`), naming whom it affects: everyone in the seat leaves it and has no
 * country until the facilitator seats them again, and, once the game runs, no longer sees the
 * seat's private channels; a freed seat goes to a bot or is left free, as a seat its last person
 * was moved from. None when the seat holds nobody (a bot taking an empty seat puts no one out).
 */
export function unseatQuestion(view: Pick<ClientView, "seats" | "phase">, bots: boolean, seatId: string, to: "free" | "bot"): string | undefined {
  const row = seatRows(view.seats).find((s) => s.id === seatId);
  if (!row?.holders.length) return undefined;
  const seat = country(seatId);
  const names = list(row.holders.map((x) => x.name));
  const lobby = view.phase === "lobby";
  const parts = [sentence(to === "free" ? "console.seats.free.ask" : "console.seats.toBot.ask", { seat }), sentence("console.seats.unseated", { names })];
  if (to === "free") parts.push(emptiedText(seat, bots, lobby));
  if (!lobby) parts.push(sentence("console.seats.move.private", { name: names, seat }));
  return parts.join(t("misc.sentenceJoin"));
}

/** The phase a seat's "done" is about (event, negotiation or review), for the words that name it. */
export function readyPhase(phase: ClientView["phase"]): "event" | "negotiation" | "review" {
  return phase === "event" || phase === "review" ? phase : "negotiation";
}

/**
 * Something a seat did. `at`: when the server stored it (from the game's record), or when this
 * browser saw it happen; absent when neither is known. `key`: the same thing, seen in the room
 * state or in the record, has the same key (see `activityKey`).
 */
export type Activity = { seat: string; kind: "message" | "agreement" | "matrix" | "ready"; text: string; round: number; at?: number; key?: string };

/**
 * What one activity is, whichever source tells of it: a message by its id (the engine numbers
 * messages in the order of the moves that post one, shared/engine/message-ids.ts), a free-form
 * action by its id, a deal's step by the deal, the step, who took it and its round (a seat may
 * amend one deal twice in a round: their order tells those apart), a seat's "done" by its round and phase.
 */
const activityKey = {
  message: (id: number) => `m:${id}`,
  matrix: (id: string) => `x:${id}`,
  step: (id: string, what: AgreementStep["what"], by: string, round: number) => `a:${id}:${what}:${by}:${round}`,
  ready: (seat: string, round: number, phase: string) => `r:${seat}:${round}:${phase}`,
};

export type SeatOverview = SeatRow & {
  stance: string;
  connected: number;
  /** Holders, connected or not. */
  people: number;
  /** Done with the phase, as the "4 of 7 seats done" count has it (shared/protocol/view.ts `seatDone`, judged on the server). */
  ready: boolean;
  last?: Activity;
  /** Offers that name the seat and still need its signature. */
  waitingOnSeat: Agreement[];
  /** Offers the seat proposed that others have not all signed. */
  proposedBySeat: Agreement[];
  messages: { total: number; round: number; unread: number };
  metrics: Record<CountryMetric, { value: number; delta: number | null }>;
  capital: { value: number; delta: number | null };
  pendingMatrix: number;
};

/**
 * In a game with teams, who of a seat acted: "Cal (Economic envoy)", or the ministry alone where
 * the record has no name; nothing where the seat acted as one (one person holds every ministry).
 */
function minister(teams: boolean, roles: readonly string[] | undefined, name: string | undefined): string | undefined {
  if (!teams || !roles?.length || roles.length >= ROLES.length) return undefined;
  return name ? `${name}${ministriesAside(teams, roles)}` : ministries(roles);
}

/** What a seat did, with who of its team did it where that is known: "Cal (Economic envoy) proposed A17". */
const didBy = (who: string | undefined, did: string) => (who ? t("console.did.by", { who, did }) : did);

/** A deal step's minister: the step records the ministry that took it (shared/engine/apply.ts `minister`). */
const stepMinister = (s: Pick<AgreementStep, "role" | "name">) => minister(true, s.role ? [s.role] : undefined, s.name);

const stepText = (a: Pick<Agreement, "id">, s: Pick<AgreementStep, "what" | "role" | "name">) => didBy(stepMinister(s), t("console.did.agreement", { what: label("console.step", s.what), id: a.id }));

function messageText(view: Pick<ClientView, "viewer" | "countries" | "channels" | "settings">, m: Pick<Message, "channel"> & { from?: Message["from"] }): string {
  const ch = view.channels.find((c) => c.id === m.channel);
  return didBy(minister(view.settings.teams, m.from?.roles, m.from?.name), t("console.did.message", { channel: ch ? channelName(view, ch) : m.channel }));
}

const matrixText = (m: Pick<MatrixAction, "id">) => t("console.did.matrix", { id: m.id });

const readyText = (phase: ClientView["phase"]) => t(`console.did.ready.${readyPhase(phase)}`);

/** A step a seat took (not the facilitator's, nor the clock's: a lapse, an expiry). */
const bySeat = (view: Pick<ClientView, "countries">, s: AgreementStep): s is AgreementStep & { by: string } => !!s.by && view.countries.some((c) => c.id === s.by);

/**
 * The last thing each seat did, as far as the view tells: its latest message, agreement step or
 * matrix action, by round (within a round, a step beats a matrix action beats a message, which
 * is the usual order of importance, not necessarily of time).
 */
export function lastFromView(view: Pick<ClientView, "viewer" | "countries" | "channels" | "messages" | "agreements" | "matrix" | "settings">): Record<string, Activity> {
  const best: Record<string, { a: Activity; rank: number }> = {};
  const offer = (a: Activity, rank: number) => {
    const cur = best[a.seat];
    const score = a.round * 10 + rank;
    if (!cur || score >= cur.rank) best[a.seat] = { a, rank: score };
  };
  for (const m of view.messages) if (m.from.seat) offer({ seat: m.from.seat, kind: "message", text: messageText(view, m), round: m.round }, 1);
  for (const m of view.matrix ?? []) offer({ seat: m.seat, kind: "matrix", text: matrixText(m), round: m.round }, 2);
  for (const a of view.agreements) for (const s of a.steps) if (bySeat(view, s)) offer({ seat: s.by, kind: "agreement", text: stepText(a, s), round: s.round }, 3);
  return Object.fromEntries(Object.entries(best).map(([k, v]) => [k, v.a]));
}

/**
 * The game's record as the server keeps it, for the facilitator's console opened after the fact
 * (a reload): the report's timeline (server/debrief/analysis.ts: every deal step and free-form
 * action with the log entry that made it) and the log with its times (server/debrief/exports.ts
 * `logExport`: messages and "done" are in the log alone).
 */
export type GameRecordFeed = {
  timeline: readonly Pick<TimelineEntry, "seq" | "at" | "round" | "phase" | "kind" | "by" | "agreementId" | "step" | "matrixId" | "role" | "name">[];
  actions: readonly Action[];
  times: readonly (number | null)[];
  /** The rules edition of the game (its log's setup): how its lines are numbered (shared/engine/message-ids.ts). */
  edition?: number;
};

/**
 * Every activity of the seats in the game's record, oldest first, each with the time the server
 * stored it, worded as the activity log words what it sees happen. Messages in channels the
 * facilitator may not read are left out, as they are from the view.
 */
export function recordedActivity(view: Pick<ClientView, "viewer" | "countries" | "channels" | "messages" | "settings">, record: GameRecordFeed): Activity[] {
  const seats = new Set(view.countries.map((c) => c.id));
  const timeline = [...record.timeline].sort((a, b) => a.seq - b.seq);
  const found: { seq: number; a: Activity }[] = [];
  const at = (time: number | null | undefined) => (typeof time === "number" ? { at: time } : {});
  for (const e of timeline) {
    if (!e.by || !seats.has(e.by)) continue;
    if (e.kind === "agreement" && e.agreementId && e.step)
      found.push({ seq: e.seq, a: { seat: e.by, kind: "agreement", text: stepText({ id: e.agreementId }, { what: e.step, ...(e.role ? { role: e.role } : {}), ...(e.name ? { name: e.name } : {}) }), round: e.round, ...at(e.at), key: activityKey.step(e.agreementId, e.step, e.by, e.round) } });
    else if (e.kind === "matrix" && e.matrixId) found.push({ seq: e.seq, a: { seat: e.by, kind: "matrix", text: matrixText({ id: e.matrixId }), round: e.round, ...at(e.at), key: activityKey.matrix(e.matrixId) } });
  }
  // The round and phase an action was taken in: those of the state the timeline's last entry before it left.
  let i = 0;
  let now: { round: number; phase: string } = { round: 0, phase: "lobby" };
  let lines = 0;
  let messages = 0;
  record.actions.forEach((action, seq) => {
    while (i < timeline.length && timeline[i]!.seq < seq) now = timeline[i++]!;
    const m = action.move;
    if (postsMessage(m)) messages = loggedLineId(record.edition, seq, ++lines);
    if (action.actor.kind !== "seat" || !seats.has(action.actor.seat)) return;
    const seat = action.actor.seat;
    if (m.type === "chat") {
      if (!view.channels.some((c) => c.id === m.channel)) return;
      const round = view.messages.find((x) => x.id === messages)?.round ?? now.round;
      found.push({ seq, a: { seat, kind: "message", text: messageText(view, { channel: m.channel, from: action.actor }), round, ...at(record.times[seq]), key: activityKey.message(messages) } });
    } else if (m.type === "ready" && m.ready) {
      const phase = readyPhase((m.phase ?? now.phase) as Phase);
      found.push({ seq, a: { seat, kind: "ready", text: didBy(minister(view.settings.teams, action.actor.roles, action.actor.name), readyText(phase)), round: now.round, ...at(record.times[seq]), key: activityKey.ready(seat, now.round, phase) } });
    }
  });
  // In log order; the steps one action made, in the order the engine took them.
  return found.sort((a, b) => a.seq - b.seq).map((f) => f.a);
}

/** `steps`: how many steps of `round` each deal had (earlier ones may arrive later, fetched: shared/protocol/archive.ts). */
type Snapshot = { round: number; message: number; steps: Map<string, number>; matrix: Set<string>; ready: Set<string> };

/**
 * Notices what seats did between successive views (new messages, agreement steps, matrix
 * actions, "done negotiating") and keeps, per seat, the latest few with the time they were seen.
 * What the first view holds happened before this browser looked: it has no time until the
 * game's record comes (`record`), which gives every seat's earlier activity with its real time;
 * after it, what a view brings that the record already told of (a deal or a message that
 * reached this client late) is not new.
 */
export class ActivityLog {
  private snap?: Snapshot;
  private recent = new Map<string, Activity[]>();
  /** Seen happening before the record came, oldest first: put after it. */
  private seen: Activity[] = [];
  /** The keys of what the record told of (a second step of the same key, `key#2`). */
  private told?: Set<string>;
  constructor(private keep = 8) {}

  observe(view: Pick<ClientView, "viewer" | "countries" | "channels" | "messages" | "agreements" | "matrix" | "ready" | "round" | "phase" | "settings">, now: number): Activity[] {
    const thisRound = new Map(view.agreements.map((a) => [a.id, a.steps.filter((s) => s.round === view.round)]));
    const next: Snapshot = {
      round: view.round,
      message: view.messages.reduce((m, x) => Math.max(m, x.id), 0),
      steps: new Map([...thisRound].map(([id, steps]) => [id, steps.length])),
      matrix: new Set((view.matrix ?? []).map((m) => m.id)),
      ready: new Set(view.ready),
    };
    const prev = this.snap;
    this.snap = next;
    if (!prev) {
      if (!this.told) for (const a of Object.values(lastFromView(view))) this.push(a);
      return [];
    }
    const fresh: Activity[] = [];
    for (const m of view.messages) if (m.id > prev.message && m.from.seat) fresh.push({ seat: m.from.seat, kind: "message", text: messageText(view, m), round: m.round, at: now, key: activityKey.message(m.id) });
    for (const a of view.agreements) {
      const seen = prev.round === view.round ? (prev.steps.get(a.id) ?? 0) : 0;
      const steps = thisRound.get(a.id)!;
      steps.forEach((s, i) => {
        if (i < seen || !bySeat(view, s)) return;
        // The how-many-th step of its kind: a seat that amends a deal twice in a round takes two.
        const key = activityKey.step(a.id, s.what, s.by, s.round);
        const nth = steps.slice(0, i + 1).filter((x) => x.by && activityKey.step(a.id, x.what, x.by, x.round) === key).length;
        fresh.push({ seat: s.by, kind: "agreement", text: stepText(a, s), round: s.round, at: now, key: nth > 1 ? `${key}#${nth}` : key });
      });
    }
    for (const m of view.matrix ?? []) if (!prev.matrix.has(m.id)) fresh.push({ seat: m.seat, kind: "matrix", text: matrixText(m), round: m.round, at: now, key: activityKey.matrix(m.id) });
    for (const s of view.ready)
      if (!prev.ready.has(s)) {
        fresh.push({ seat: s, kind: "ready", text: readyText(view.phase), round: view.round, at: now, key: activityKey.ready(s, view.round, readyPhase(view.phase)) });
      }
    const news = fresh.filter((a) => !this.told?.has(a.key!));
    for (const a of news) this.push(a);
    if (!this.told) this.seen.push(...news);
    return news;
  }

  /**
   * The game's record (`recordedActivity`, oldest first) takes the place of what the first view
   * told: each seat's history is the record's, then what was seen happen that it does not hold.
   */
  record(activities: readonly Activity[]) {
    const counts = new Map<string, number>();
    const told = new Set<string>();
    for (const a of activities) {
      const n = (counts.get(a.key!) ?? 0) + 1;
      counts.set(a.key!, n);
      told.add(n > 1 ? `${a.key}#${n}` : a.key!);
    }
    this.told = told;
    const seen = this.seen.filter((a) => !told.has(a.key!));
    this.seen = [];
    this.recent.clear();
    for (const a of [...activities, ...seen]) this.push(a);
  }

  private push(a: Activity) {
    const list = this.recent.get(a.seat) ?? [];
    list.unshift(a);
    this.recent.set(a.seat, list.slice(0, this.keep));
  }

  last(seat: string): Activity | undefined {
    return this.recent.get(seat)?.[0];
  }

  history(seat: string): Activity[] {
    return this.recent.get(seat) ?? [];
  }
}

/** This round's change of `subject|key` (injects, rulings, the resolution), or null when nothing moved it. */
function deltaThisRound(view: Pick<ClientView, "history" | "changes" | "round">, subject: string, key: string): number | null {
  const c = changesOf(view, view.round).find((x) => x.subject === subject && x.key === key);
  return c ? Math.round((c.to - c.from) * 10) / 10 : null;
}

/** One row per seat for the console's god view, in the scenario's order. */
export function seatOverview(
  view: Pick<ClientView, "viewer" | "seats" | "countries" | "channels" | "messages" | "agreements" | "matrix" | "ready" | "round" | "phase" | "history" | "changes" | "settings">,
  read: ReadMarks,
  last: (seat: string) => Activity | undefined = (s) => lastFromView(view)[s],
): SeatOverview[] {
  return seatRows(view.seats).map((s, i) => {
    const c = view.countries.find((x) => x.id === s.id);
    const mine = view.messages.filter((m) => m.from.seat === s.id);
    const open = view.agreements.filter((a) => a.status === "proposed");
    const metrics = Object.fromEntries(
      COUNTRY_METRICS.map((m) => [m, { value: c?.metrics[m] ?? 0, delta: deltaThisRound(view, s.id, m) }]),
    ) as SeatOverview["metrics"];
    return {
      ...s,
      stance: c?.stance ?? "",
      connected: s.holders.filter((h) => h.connected).length,
      people: s.holders.length,
      // What the "5 of 7 seats done" beside the table counts: the server's judgement of the seat, from the whole game.
      ready: view.seats[i]!.done,
      last: last(s.id),
      waitingOnSeat: open.filter((a) => a.parties.includes(s.id) && !a.signatures.includes(s.id)),
      proposedBySeat: open.filter((a) => a.proposedBy === s.id),
      messages: {
        total: mine.length,
        round: mine.filter((m) => m.round === view.round).length,
        unread: mine.filter((m) => m.id > (read[m.channel] ?? 0)).length,
      },
      metrics,
      capital: { value: c?.capital ?? 0, delta: deltaThisRound(view, s.id, "capital") },
      pendingMatrix: (view.matrix ?? []).filter((m) => m.seat === s.id && m.status === "pending").length,
    };
  });
}

/** Connection of a seat in one word: who plays it now. */
export function seatState(row: Pick<SeatOverview, "bot" | "people" | "connected">, game: { phase: ClientView["phase"]; bots: boolean }): "online" | "partly" | "offline" | "bot" | "botWill" | "empty" {
  if (row.people && row.connected === row.people) return "online";
  if (row.connected) return "partly";
  if (row.bot) return "bot";
  if (row.people) return "offline";
  // In the waiting room of a game with bots, an empty seat is one a bot takes at the start, as the waiting room says.
  return game.phase === "lobby" && game.bots ? "botWill" : "empty";
}

/** Messages the facilitator can read, by this seat, newest first. */
export function seatMessages(view: Pick<ClientView, "messages">, seat: string, limit = 6): Message[] {
  return view.messages.filter((m) => m.from.seat === seat).slice(-limit).reverse();
}

export type TimelineRound = {
  round: number;
  state: "past" | "current" | "future";
  /** For the current round: the phase now. */
  phase?: Phase;
  /** For the current round (the game not over): its phases in order, the one now marked (`phaseSteps`). */
  steps?: PhaseStep[];
  events: { title: string; custom: boolean }[];
  scheduled: { title: string; custom: boolean }[];
  rulings: number;
  tookForce: number;
};

/** The rounds of the game for the pace bar: what was played in each, what is scheduled, where we are. */
export function roundTimeline(view: Pick<ClientView, "round" | "phase" | "settings" | "events" | "scheduled" | "matrix" | "agreements" | "news">): TimelineRound[] {
  const out: TimelineRound[] = [];
  const last = Math.max(view.settings.rounds, view.round);
  for (let r = 1; r <= last; r++) {
    const state = view.phase === "lobby" ? "future" : r < view.round || (r === view.round && view.phase === "ended") ? "past" : r === view.round ? "current" : "future";
    out.push({
      round: r,
      state,
      ...(state === "current" ? { phase: view.phase, steps: phaseSteps(view.phase, openedWithEventPhase(view)) } : {}),
      events: view.events.filter((e) => e.round === r).map((e) => ({ title: e.title, custom: e.custom })),
      scheduled: (view.scheduled ?? []).filter((s) => s.round === r).map((s) => ({ title: s.card.title, custom: s.card.custom })),
      rulings: (view.matrix ?? []).filter((m) => m.round === r && m.status !== "pending").length,
      tookForce: view.agreements.filter((a) => a.startRound === r).length,
    });
  }
  return out;
}

/**
 * Whether the current round opened with its event phase. Its cards are played there, and a round
 * without one opens with the negotiation (docs/RULES.md §2), but in a game made before that rule
 * (`settings.edition`, shared/engine/deck.ts `VERSION_CARDLESS_ROUNDS`) it opened with an empty
 * event phase. Read from what happened, not from the round's cards now, which include any the
 * facilitator played during a negotiation that opened without: every card played in an event phase
 * is news of that phase (shared/engine/apply.ts playCard), and the view holds the whole current
 * round's news.
 */
export function openedWithEventPhase(view: Pick<ClientView, "round" | "phase" | "news" | "settings">): boolean {
  return view.phase === "event" || view.settings.edition < VERSION_CARDLESS_ROUNDS || view.news.some((n) => n.round === view.round && n.phase === "event");
}

export type PhaseStep = { phase: Phase; state: "done" | "now" | "next" };

/**
 * The phases of a round in order, with the current one marked. `eventPhase`: whether the round
 * opened with its event phase (`openedWithEventPhase`); a round that did not lists none.
 */
export function phaseSteps(phase: Phase, eventPhase = true): PhaseStep[] {
  const order: Phase[] = eventPhase ? ["event", "negotiation", "review"] : ["negotiation", "review"];
  const i = order.indexOf(phase);
  return order.map((p, j) => ({ phase: p, state: phase === "ended" || (i >= 0 && j < i) ? "done" : j === i ? "now" : "next" }));
}

/** What a change of communication rules will say to every player (the engine posts it as news). */
export function commsAnnouncement(view: Pick<ClientView, "settings">, change: { channels?: "open" | "same-bloc" | "closed"; facilitatorReadsPrivate?: boolean }): string | undefined {
  const parts: string[] = [];
  if (change.channels && change.channels !== view.settings.channels) parts.push(t(`console.comms.says.${change.channels}`));
  if (change.facilitatorReadsPrivate !== undefined && change.facilitatorReadsPrivate !== view.settings.facilitatorReadsPrivate)
    parts.push(t(change.facilitatorReadsPrivate ? "console.comms.says.readOn" : "console.comms.says.readOff"));
  return parts.length ? parts.join(" ") : undefined;
}

/** Offers the seat is in, for the drill-down: waiting on it, waiting on others. */
export function seatOffers(view: Pick<ClientView, "agreements">, seat: string): { waiting: Agreement[]; others: Agreement[]; live: Agreement[] } {
  const open = view.agreements.filter((a) => a.status === "proposed" && a.parties.includes(seat));
  return {
    waiting: open.filter((a) => !a.signatures.includes(seat)),
    others: open.filter((a) => a.signatures.includes(seat)),
    live: view.agreements.filter((a) => (a.status === "in-force" || a.status === "signed") && a.parties.includes(seat)),
  };
}

export { countryName };
