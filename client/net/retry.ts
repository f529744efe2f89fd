/**
 * Retrying an action safely: each action gets an id once, and every try sends that same id,
 * so the server applies it at most once and answers a repeat with its first answer
 * (docs/PROTOCOL.md, "Requests").
 */
import type { Reply } from "../../shared/protocol/messages.ts";

/** 16 random bytes in base64url. `crypto.getRandomValues` works outside secure contexts (a LAN address over http). */
export function newActionId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  let text = "";
  for (const b of bytes) text += String.fromCharCode(b);
  return btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** A reply made by the client itself: the request never got an answer (offline, dropped, timed out). */
export function unanswered(reply: Reply<unknown>): boolean {
  return !reply.ok && reply.error.code.startsWith("client/");
}

/**
 * Sends `payload` with one action id until it is answered: after a try without an answer it
 * waits until the connection is back (`connected` resolves false when it gives up) and sends
 * the same id again, at most `tries` times in all.
 */
export async function sendAction<T>(
  payload: Record<string, unknown>,
  send: (body: Record<string, unknown>) => Promise<Reply<T>>,
  connected: () => Promise<boolean>,
  tries = 4,
): Promise<Reply<T>> {
  const body = { ...payload, actionId: newActionId() };
  let reply = await send(body);
  for (let n = 1; n < tries && unanswered(reply); n++) {
    if (!(await connected())) break;
    reply = await send(body);
  }
  return reply;
}
