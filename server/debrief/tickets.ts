/**
 * Tickets: short-lived signed links to one game's report, exports and replay, so the
 * facilitator key itself never rides in a URL (a projected or pasted link, the browser's
 * history, a Referer or a server log would leak it). A ticket is `EXPIRY.SIGNATURE`: the expiry
 * in seconds since the epoch, and an HMAC-SHA256 over the game code and that expiry, keyed by
 * the game's stored key hash. Any process that can read the game can check it, and nobody
 * without the key (or the database) can make one. docs/PROTOCOL.md, "Debrief and archive".
 */
import { createHmac } from "node:crypto";
import { sameSecret } from "../codes.ts";

/** How long a ticket opens its game's report: long enough to open or download, short enough that a leaked link soon dies. */
export const TICKET_SECONDS = 10 * 60;

const SHAPE = /^(\d{1,12})\.([\w-]{43})$/;

function signature(code: string, expiry: number, keyHash: string): string {
  return createHmac("sha256", Buffer.from(keyHash, "hex")).update(`chokepoint-ticket:${code}:${expiry}`).digest("base64url");
}

export function issueTicket(code: string, keyHash: string, nowMs = Date.now()): { ticket: string; expiresAt: number } {
  const expiry = Math.floor(nowMs / 1000) + TICKET_SECONDS;
  return { ticket: `${expiry}.${signature(code, expiry, keyHash)}`, expiresAt: expiry * 1000 };
}

export type TicketCheck = "ok" | "expired" | "bad";

/** Whether `ticket` opens game `code` now. A forged or altered ticket is "bad"; a genuine one past its time, "expired". */
export function checkTicket(ticket: string, code: string, keyHash: string, nowMs = Date.now()): TicketCheck {
  const m = SHAPE.exec(ticket);
  if (!m) return "bad";
  const expiry = Number(m[1]);
  if (!sameSecret(m[2]!, signature(code, expiry, keyHash))) return "bad";
  // A genuine ticket never reaches further than one lifetime ahead (it was signed with a key, but not by this server's rule).
  if (expiry * 1000 > nowMs + TICKET_SECONDS * 1000 + 60_000) return "bad";
  return expiry * 1000 > nowMs ? "ok" : "expired";
}
