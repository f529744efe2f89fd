/**
 * Why the server refused a join, in the reader's words. The matchmaker carries only a sentence,
 * "code: detail" in English (server/rooms/seating.ts, server/matchmake-guard.ts); the codes a
 * person can meet have a sentence in the catalog (client/i18n/en/server.ts), and any other shows
 * its detail without the code (a payload that does not parse, a method the matchmaker refuses:
 * what a hand-made client meets, not a person).
 */
import { t, type Key } from "../i18n/index.ts";

export const JOIN_SENTENCES: Record<string, Key> = {
  "rate/limited": "join.rateLimited",
  "auth/bad_token": "join.badToken",
  "auth/bad_rejoin_code": "join.badRejoinCode",
  "auth/bad_key": "http.gameBadKey",
  "seat/taken": "join.seatTaken",
  "seat/held": "join.seatHeld",
  "seat/none_free": "join.noneFree",
  "seat/lobby_full": "join.lobbyFull",
  "rate/connections": "join.tooManyConnections",
  "rate/rejoins": "join.tooManyRejoins",
  "seat/unknown": "join.unknownSeat",
  "game/elsewhere": "join.elsewhere",
  "class/other_table": "join.otherTable",
  "class/removed": "join.removed",
};

export function joinRefusal(raw: string): { code?: string; message: string } {
  const coded = /^([a-z]+\/[a-z_]+):\s*([\s\S]*)$/.exec(raw);
  if (!coded) return { message: raw };
  const [, code, detail] = coded as unknown as [string, string, string];
  const key = JOIN_SENTENCES[code];
  return { code, message: key ? t(key) : detail };
}

/**
 * Whether a refused join means this browser's token or key will never open the game again (the
 * game forgot it, or the game is gone): only then is it forgotten. A school's address locked for
 * a minute, a game moving between processes, a dropped network: the same token works later.
 */
export function credentialsGone(failure: { raw?: string; code?: string; status?: number; over?: true }): boolean {
  if (failure.over || failure.status === 404) return true;
  // The refusal's code as the connection passes it (its message is already in the reader's words), or read from a raw server message.
  const code = failure.code ?? (failure.raw ? /^([a-z]+\/[a-z_]+):/.exec(failure.raw)?.[1] : undefined);
  // A seat token of a person the teacher removed from the class is refused for good too.
  return code === "auth/bad_token" || code === "auth/bad_key" || code === "class/removed";
}
