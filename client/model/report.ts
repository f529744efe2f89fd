/**
 * Links to the game's after-action report (served by the server's debrief API) found in chat:
 * everyone but the facilitator opens the report with a share link the facilitator made and
 * posted to the table (the facilitator's own links carry a ticket: client/ui/debrief/ticket-links.ts).
 * Pure.
 */
import type { Message } from "../../shared/engine/types.ts";

const SHARE = /(?:https?:\/\/[^\s/]+)?\/api\/games\/([A-Z0-9]{6})\/report\.html\?share=[\w-]+/;

/** The newest report share link the facilitator posted for this game, if any. */
export function sharedReport(messages: Message[], code: string): string | undefined {
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i]!;
    if (!m.from.facilitator) continue;
    const found = SHARE.exec(m.text);
    if (found && found[1] === code) return found[0].replace(/^https?:\/\/[^/]+/, "");
  }
  return undefined;
}

export type TextPart = { text: string; href?: string };

/** Splits a chat line into text and links to this same site (other addresses stay plain text). */
export function linkify(text: string, origin: string): TextPart[] {
  const parts: TextPart[] = [];
  const re = /https?:\/\/\S+/g;
  let last = 0;
  for (const m of text.matchAll(re)) {
    const url = m[0].replace(/[.,;:!?)]+$/, "");
    if (!url.startsWith(`${origin}/`)) continue;
    if (m.index! > last) parts.push({ text: text.slice(last, m.index) });
    parts.push({ text: url, href: url });
    last = m.index! + url.length;
  }
  if (last < text.length) parts.push({ text: text.slice(last) });
  return parts;
}
