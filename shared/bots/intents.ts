/**
 * The small grammar of questions a bot answers in chat (docs/RULES.md §1, "Talking to a bot").
 * A person writes to a bot in a channel they share with it, or names it in the plenary; the
 * bot recognises one of four intents from plain words (English or Chinese) and answers from
 * its valuation:
 *
 *   why            "why did you decline A3?"            → the reason it gave on that deal
 *   take           "what would it take (on A3)?"        → the nearest terms it would sign, or
 *                  "what do you want from us?"            the best deal it sees with the asker
 *   join           "will you join A5?" / "join a regime?" → yes or no, and why
 *   propose        "I propose a supply deal"            → the terms of that type it would sign
 *
 * Anything else gets a polite note of what it answers. A deal is named by its id (A3); a type
 * by a word for it ("loan", "regime", "贷款"...).
 */
import { AGREEMENTS, type AgreementType } from "../engine/agreements/index.ts";
import type { Channel, Message } from "../engine/types.ts";

export type Intent =
  | { kind: "why"; agreementId?: string }
  | { kind: "take"; agreementId?: string; type?: AgreementType }
  | { kind: "join"; agreementId?: string; type?: AgreementType }
  | { kind: "propose"; type?: AgreementType }
  | { kind: "other" };


const WHY = /\bwhy\b|how come|为什么|为何|怎么拒绝/;
const TAKE = /what would it take|what (?:do|would) you (?:want|need|accept|sign)|what terms|your terms|what would you|条件|要什么|怎样才|怎么才/;
const JOIN = /\bjoin\b|\bwill you (?:sign|back)\b|\bsign up\b|加入|参加|签不签|会签/;
const PROPOSE = /\bi propose\b|\bwe propose\b|\bhow about\b|\blet'?s\b|我提议|我们提议|建议/;

/** The intent of a message, and the deal or type it names. */
export function parseIntent(words: string): Intent {
  const s = words.toLowerCase();
  const id = /\b(?:a|deal|agreement)\s*#?(\d{1,4})\b/.exec(s) ?? /协议\s*a?(\d{1,4})/.exec(s);
  const agreementId = id ? `A${id[1]}` : undefined;
  // Each agreement module names its words; the first that matches wins ("export control" before "control").
  const type = AGREEMENTS.find((k) => k.words.test(s))?.type as AgreementType | undefined;
  const named = { ...(agreementId ? { agreementId } : {}) };
  const typed = { ...(type ? { type } : {}) };
  if (WHY.test(s)) return { kind: "why", ...named };
  if (TAKE.test(s)) return { kind: "take", ...named, ...typed };
  if (JOIN.test(s)) return { kind: "join", ...named, ...typed };
  if (PROPOSE.test(s)) return { kind: "propose", ...typed };
  return { kind: "other" };
}

/** Each country's names in the scenario's translations (country id → names), for questions in the plenary. */
export type TranslatedNames = Readonly<Record<string, readonly string[]>>;

/**
 * The names a person may call a seat by in the plenary: its id, its country's name, and that
 * name in every translation of the scenario (`translated`; the server passes them from
 * assets/scenarios/<lang>/, the engine does no I/O).
 */
function namesOf(countries: readonly { id: string; name: string }[], seat: string, translated: TranslatedNames = {}): string[] {
  const name = countries.find((c) => c.id === seat)?.name;
  return [...new Set([seat, ...(name ? [name] : []), ...(translated[seat] ?? [])])];
}

/** Every other seat's names (a longer name that holds this seat's, 印度尼西亚 beside 印度, is not a mention of it). */
function otherNames(countries: readonly { id: string; name: string }[], seat: string, translated: TranslatedNames = {}): string[] {
  return countries.filter((c) => c.id !== seat).flatMap((c) => namesOf(countries, c.id, translated));
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** Scripts written without spaces between words: a name in them is a mention wherever it stands ("日本为什么…"). */
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

const SEAT_ID = /^[A-Z]{2,3}$/;

/** A test of whether a text names the seat by one of `names`, not as part of a longer name in `others`. */
export function mentionOf(names: readonly string[], others: readonly string[] = []): (text: string) => boolean {
  const longer = others.filter((o) => names.some((n) => o.length > n.length && o.toLowerCase().includes(n.toLowerCase()))).sort((x, y) => y.length - x.length);
  const hide = longer.length ? new RegExp(longer.map(escape).join("|"), "giu") : null;
  // A seat's id ("IN", "ID") is matched as written: in any case it is a word ("in", "id") of most sentences.
  const res = names.map((n) => (UNSPACED.test(n) ? new RegExp(escape(n), "iu") : new RegExp(`(^|[^\\p{L}\\p{N}])${escape(n)}($|[^\\p{L}\\p{N}])`, SEAT_ID.test(n) ? "u" : "iu")));
  return (text) => {
    const rest = hide ? text.replace(hide, " ") : text;
    return res.some((re) => re.test(rest));
  };
}

/** A channel's questions a seat answers in turn: a person who writes more at once is answered on the latest few. */
export const QUESTIONS_KEPT = 3;

/**
 * The questions that wait on a seat, the oldest first in each channel: the messages from a
 * person in a channel it shares with others (or, in the plenary, that name it by one of its
 * names and not as part of another country's: `namesOf`, `otherNames`) that its own lines
 * there have not yet answered, one line answering one question in the order they were asked
 * (at most the latest `QUESTIONS_KEPT` a channel).
 * Messages a bot wrote (catalog sentences) never wait on anyone, so bots do not talk in circles.
 * The turn rules ask this for every seat on every turn, and most games have no person's
 * message: the names and their patterns are made only when a plenary message is read.
 */
export function questionsFor(
  messages: readonly Message[],
  channels: readonly Channel[] | Record<string, Channel>,
  seat: string,
  sinceRound: number,
  countries: readonly { id: string; name: string }[],
  translated: TranslatedNames = {},
): Message[] {
  let byId: Map<string, Channel> | undefined;
  let waiting: Map<string, Message[]> | undefined;
  let named: ((text: string) => boolean) | undefined;
  for (const m of messages) {
    if (m.from.seat === seat) {
      const asked = waiting?.get(m.channel);
      if (asked) {
        asked.shift();
        if (!asked.length) waiting!.delete(m.channel);
      }
      continue;
    }
    if (m.said || m.deleted || !m.from.seat || m.round < sinceRound) continue;
    byId ??= new Map((Array.isArray(channels) ? channels : Object.values(channels)).map((c) => [c.id, c]));
    const c = byId.get(m.channel);
    if (!c) continue;
    const asked = c.kind === "plenary" ? (named ??= mentionOf(namesOf(countries, seat, translated), otherNames(countries, seat, translated)))(m.text) : c.kind !== "broadcast" && c.kind !== "team" && c.members.includes(seat);
    if (!asked) continue;
    const before = (waiting ??= new Map()).get(m.channel);
    if (!before) waiting.set(m.channel, [m]);
    else if (before.push(m) > QUESTIONS_KEPT) before.shift();
  }
  if (!waiting) return [];
  const oldest: Message[] = [];
  for (const asked of waiting.values()) oldest.push(asked[0]!);
  return oldest;
}
