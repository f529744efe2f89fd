/**
 * Channels and messages for the Talks panel: which channels a viewer sees, in what order,
 * with unread counts against the last message id read in each, who may write where. Pure.
 */
import type { Channel, Message } from "../../shared/engine/types.ts";
import type { ClientView } from "../../shared/protocol/view.ts";
import type { Notice } from "../../shared/protocol/messages.ts";
import { label, list, render, t } from "../i18n/index.ts";
import { countryName } from "./deals.ts";
import { seatRows } from "./lobby.ts";
import { channelPolicyRefusal } from "../../shared/engine/channel-policy.ts";
import { partiesOf } from "../../shared/engine/agreements/index.ts";
import type { Draft } from "../../shared/engine/actions.ts";
import { ministries, ministriesAside } from "./format.ts";
import { askedInPlenary, questionsIn, routedInPlenary, type TranslatedNames } from "../../shared/bots/intents.ts";

/** `closed`: why the facilitator's rule for private channels keeps this viewer from writing in it. */
export type ChannelRow = { id: string; kind: Channel["kind"]; name: string; members: string[]; unread: number; last: number; canPost: boolean; closed?: string };
export type ReadMarks = Record<string, number>;

const KIND_ORDER: Channel["kind"][] = ["broadcast", "plenary", "team", "bilateral", "minilateral"];

export function canPost(view: Pick<ClientView, "viewer" | "phase"> & Partial<Pick<ClientView, "settings" | "countries">>, c: Channel): boolean {
  if (view.phase === "ended") return false;
  if (view.viewer.kind === "facilitator") return c.kind === "broadcast";
  if (view.viewer.kind !== "seat") return false;
  if (c.kind === "plenary") return true;
  if (c.kind === "broadcast") return false;
  return c.members.includes(view.viewer.seat) && !closedBy(view, c);
}

/** The engine's refusal when the facilitator's rule for private channels closes `c` to this seat (channel-policy.ts). */
function closedBy(view: Pick<ClientView, "viewer"> & Partial<Pick<ClientView, "settings" | "countries">>, c: Channel): string | undefined {
  if (view.viewer.kind !== "seat" || !view.settings) return undefined;
  const refusal = channelPolicyRefusal(view.settings.channels, c.kind, c.members, view.viewer.seat, view.countries ?? []);
  return refusal ? render(refusal.text) : undefined;
}

/** A channel's name for this viewer: bilateral channels are named after the other country. */
export function channelName(view: Pick<ClientView, "viewer" | "countries">, c: Channel): string {
  if (c.kind === "plenary") return label("talks.kind", "plenary");
  if (c.kind === "broadcast") return label("talks.kind", "broadcast");
  if (c.kind === "team") return countryName(view, c.members[0] ?? "");
  const me = view.viewer.kind === "seat" ? view.viewer.seat : undefined;
  const others = c.members.filter((m) => m !== me);
  return list(others.map((m) => countryName(view, m)));
}

/**
 * Who is in a channel, for its header: the countries of a bilateral or minilateral one; the
 * people of a team's, with their ministries ("Alice (Diplomat), Bob (Regulator)") and, short,
 * those they act for while nobody holds them ("Alice (Diplomat, for now also Economic envoy)"),
 * from the seat list every viewer has. Empty for the plenary and the broadcast.
 */
export function channelMembers(view: Pick<ClientView, "countries" | "seats">, c: Channel): string {
  if (c.kind === "plenary" || c.kind === "broadcast") return "";
  const people = c.kind === "team" ? (seatRows(view.seats).find((s) => s.id === c.members[0])?.holders ?? []) : [];
  // A person who holds all three ministries: their name says enough.
  if (people.length) return people.map((p) => `${p.name}${ministriesAside(true, p.roles, people.map((x) => x.roles), true)}`).join(t("misc.comma"));
  return c.members.map((m) => view.countries.find((x) => x.id === m)?.name ?? m).join(t("misc.comma"));
}

export function channelRows(view: Pick<ClientView, "viewer" | "phase" | "channels" | "messages" | "countries"> & Partial<Pick<ClientView, "settings">>, read: ReadMarks): ChannelRow[] {
  const rows = view.channels.map((c) => {
    const msgs = view.messages.filter((m) => m.channel === c.id);
    const mark = read[c.id] ?? 0;
    const closed = view.viewer.kind === "seat" && c.members.includes(view.viewer.seat) ? closedBy(view, c) : undefined;
    return {
      id: c.id,
      kind: c.kind,
      name: channelName(view, c),
      members: c.members,
      unread: msgs.filter((m) => m.id > mark && !isMine(view, m)).length,
      last: msgs.length ? msgs[msgs.length - 1]!.id : 0,
      canPost: canPost(view, c),
      ...(closed ? { closed } : {}),
    };
  });
  return rows.sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || b.last - a.last || a.name.localeCompare(b.name));
}

/** A message's words: a person's as written, a bot's catalog sentence in the reader's language. */
export function messageText(m: Pick<Message, "text" | "said">): string {
  return m.said ? render(m.said) : m.text;
}

/** Terms a bot's line says it would sign, for another seat they name (the reader who may propose them); not on a removed line. */
export function draftFor(view: Pick<ClientView, "viewer">, m: Pick<Message, "draft" | "deleted" | "from">): Draft | undefined {
  const reader = view.viewer.kind === "seat" ? view.viewer.seat : undefined;
  return m.draft && !m.deleted && reader && reader !== m.from.seat && partiesOf(m.draft).includes(reader) ? m.draft : undefined;
}

export function isMine(view: Pick<ClientView, "viewer">, m: Message): boolean {
  if (view.viewer.kind === "seat") return m.from.seat === view.viewer.seat;
  if (view.viewer.kind === "facilitator") return !!m.from.facilitator;
  return false;
}

export function messagesIn(view: Pick<ClientView, "messages">, channel: string): Message[] {
  return view.messages.filter((m) => m.channel === channel);
}

/** Who wrote a message, in words: "Japan (Diplomat)" or "Facilitator". */
export function author(view: Pick<ClientView, "countries" | "settings">, m: Message): string {
  if (m.from.facilitator) return t("talks.from.facilitator");
  const country = countryName(view, m.from.seat ?? "");
  const seat = !view.settings.teams || !m.from.roles?.length || m.from.roles.length === 3 ? country : t("talks.from", { country, roles: ministries(m.from.roles) });
  return m.from.name ? t("talks.from.person", { name: m.from.name, seat }) : seat;
}

/**
 * What a screen reader hears of a new message, before its text: a private channel is named as
 * one, by who wrote in it ("New message from Japan in your private channel", not "in Japan from Japan").
 */
export function newMessageText(view: Pick<ClientView, "viewer" | "countries" | "settings" | "channels">, m: Message): string {
  const ch = view.channels.find((c) => c.id === m.channel);
  const from = author(view, m);
  // "Your" private channel for its members; the facilitator reading it hears it named.
  if ((ch?.kind === "bilateral" || ch?.kind === "minilateral") && view.viewer.kind === "seat" && ch.members.includes(view.viewer.seat)) {
    const me = view.viewer.seat;
    const others = ch.members.filter((s) => s !== me);
    return others.length === 1 && others[0] === m.from.seat ? t("talks.new.private", { from }) : t("talks.new.privateWith", { from, channel: channelName(view, ch) });
  }
  return t("talks.new", { channel: ch ? channelName(view, ch) : m.channel, from });
}

/**
 * Messages that arrived since `before` (by id) and are not mine: the ones to announce. With
 * `fromRound`, the round the page opened in: a line written since is of that round or later, and
 * an earlier round's line is history fetched after the first screen (shared/protocol/archive.ts),
 * which a page whose room state held no line yet would otherwise take for new.
 */
export function newMessages(view: Pick<ClientView, "viewer" | "messages">, before: number, fromRound = 0): Message[] {
  return view.messages.filter((m) => m.id > before && m.round >= fromRound && !isMine(view, m));
}


/**
 * What a screen reader hears of plenary lines that came close together: one line whole, as
 * `newMessageText` and its text; several, their count and who wrote them ("5 new messages in
 * Plenary (everyone), from Indonesia, Netherlands, India, China and Japan"), to read in Talks.
 * Every bot opens a negotiation with a line there, and read whole they ran to a minute of
 * speech over the offers a player has to answer.
 */
export function plenaryNews(view: Pick<ClientView, "viewer" | "countries" | "settings" | "channels">, lines: readonly Message[]): string {
  const [first] = lines;
  if (!first) return "";
  if (lines.length === 1) return `${newMessageText(view, first)}${t("misc.colon")}${messageText(first)}`;
  const ch = view.channels.find((c) => c.id === first.channel);
  const from = list([...new Set(lines.map((m) => author(view, m)))]);
  return t("talks.new.many", { count: lines.length, channel: ch ? channelName(view, ch) : first.channel, from });
}

/** The id of an existing channel with exactly these members, if any. */
export function existingChannel(view: Pick<ClientView, "channels">, members: string[]): Channel | undefined {
  const want = [...new Set(members)].sort().join("+");
  return view.channels.find((c) => (c.kind === "bilateral" || c.kind === "minilateral") && [...c.members].sort().join("+") === want);
}

/** Seats a player may open a channel with (other seats). */
export function channelCandidates(view: Pick<ClientView, "viewer" | "countries" | "settings">): { id: string; name: string }[] {
  if (view.viewer.kind !== "seat") return [];
  const me = view.viewer.seat;
  const policy = view.settings.channels ?? "open";
  if (policy === "closed") return [];
  const myBloc = view.countries.find((c) => c.id === me)?.bloc;
  return view.countries.filter((c) => c.control === "seat" && c.id !== me && (policy === "open" || c.bloc === myBloc)).map((c) => ({ id: c.id, name: c.name }));
}

/**
 * Until when the facilitator has muted this person (0: not muted), from the notices the server
 * sent this page: the latest mute or lift decides. A page opened after the mute does not know
 * it, and learns it from the refusal of its first line.
 */
export function mutedUntil(notices: readonly (Notice & { at: number })[]): number {
  for (let i = notices.length - 1; i >= 0; i--) {
    const n = notices[i]!;
    if (n.text.key === "server.notice.unmuted") return 0;
    if (n.text.key === "server.notice.muted") return n.at + Number(n.text.args?.minutes ?? 0) * 60_000;
  }
  return 0;
}

/** How long a question to a bot shows "… is answering" at most (a bot answers within seconds, docs/RULES.md). */
export const ANSWERING_MS = 30_000;

/**
 * The bots that have not yet answered a line this viewer sent in a private channel (`after`: the
 * last message id in the view when it was sent): a bot answers every direct message within the
 * negotiation, after a pause that makes it read like a person, so the channel says it is coming.
 * The plenary is left out: there a bot answers only when named, or asked of a deal it is party to.
 */
export function botsAnswering(view: Pick<ClientView, "viewer" | "phase" | "channels" | "messages" | "seats" | "countries">, channel: string, after: number): string[] {
  if (view.viewer.kind !== "seat" || view.phase !== "negotiation") return [];
  const me = view.viewer.seat;
  const c = view.channels.find((x) => x.id === channel);
  if (!c || c.kind === "plenary" || c.kind === "broadcast") return [];
  const answered = new Set(view.messages.filter((m) => m.channel === channel && m.id > after && m.from.seat).map((m) => m.from.seat));
  return c.members.filter((s) => s !== me && !answered.has(s) && view.seats.some((x) => x.id === s && x.bot)).map((s) => countryName(view, s));
}

/**
 * A quiet hint under the plenary's message box after this person sent `words` there, where
 * nobody they may expect to will answer (docs/RULES.md §1, "Talking to a bot"): a question (it
 * ends with "?", or the bots' grammar reads one, shared/bots/intents.ts) that names no country, at
 * a table with bots in the phases they answer in — in the plenary bots answer when named, or
 * when asked of a deal they are party to —
 * or one that asks an automated country (the rival, a developing partner), which never talks. A
 * question naming no country that goes to the bots party to a deal (`routedInPlenary`) gets none.
 * Who is asked is read as the bots read it (`askedInPlenary`), with the names this client
 * knows: the view's, and `translated` (the scenario's own, when the view is in another language).
 */
export function plenaryHint(view: Pick<ClientView, "viewer" | "phase" | "countries" | "seats" | "round" | "agreements">, words: string, translated: TranslatedNames = {}): string | undefined {
  if (view.viewer.kind !== "seat") return undefined;
  const me = view.viewer.seat;
  const asking = /[?？]\s*$/u.test(words) || questionsIn(words).some((q) => q.kind !== "other");
  if (!asking) return undefined;
  const asked = askedInPlenary(words, view.countries, translated).filter((id) => id !== me);
  const automated = asked.flatMap((id) => view.countries.filter((c) => c.id === id && c.control !== "seat"));
  if (automated.length) return automated.map((c) => t(`talks.hint.${c.control === "rival" ? "rival" : "partner"}`, { country: c.name })).join(" ");
  const bot = view.seats.find((x) => x.bot && x.id !== me);
  if (asked.length || !bot || (view.phase !== "event" && view.phase !== "negotiation")) return undefined;
  // Naming no country, it goes to the bots party to the deal it names, or that declined this person's offers this round (`routedInPlenary`).
  const bots = view.seats.filter((x) => x.bot).map((x) => x.id);
  if (routedInPlenary(words, me, view.round, view.agreements, bots).length) return undefined;
  return t("talks.hint.nameBots", { example: t("talks.hint.example", { country: countryName(view, bot.id) }) });
}
