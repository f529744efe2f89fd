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

/**
 * The questions that wait on a seat: the latest message from a person in each channel it
 * shares with others (or, in the plenary, one that names it) since it last wrote there.
 * Messages a bot wrote (catalog sentences) never wait on anyone, so bots do not talk in circles.
 */
export function questionsFor(messages: readonly Message[], channels: readonly Channel[] | Record<string, Channel>, seat: string, names: readonly string[], sinceRound: number): Message[] {
  const byId = new Map((Array.isArray(channels) ? channels : Object.values(channels)).map((c) => [c.id, c]));
  const latest = new Map<string, Message>();
  const mentions = names.map((n) => new RegExp(`(^|[^\\p{L}\\p{N}])${n.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}($|[^\\p{L}\\p{N}])`, "iu"));
  for (const m of messages) {
    const c = byId.get(m.channel);
    if (!c) continue;
    if (m.from.seat === seat) {
      latest.delete(m.channel);
      continue;
    }
    if (m.said || m.deleted || !m.from.seat || m.round < sinceRound) continue;
    const asked = c.kind === "plenary" ? mentions.some((re) => re.test(m.text)) : c.kind !== "broadcast" && c.kind !== "team" && c.members.includes(seat);
    if (asked) latest.set(m.channel, m);
  }
  return [...latest.values()];
}
