/**
 * Why the server refused a join, in the reader's words. The matchmaker carries only a sentence,
 * "code: detail" in English (server/rooms/seating.ts, server/matchmake-guard.ts); the codes a
 * person can meet have a sentence in the catalog (client/i18n/en/server.ts), and any other shows
 * its detail without the code (a payload that does not parse, a method the matchmaker refuses:
 * what a hand-made client meets, not a person).
 */
import { render, t, type Key } from "../i18n/index.ts";
import { JoinOptionsSchema, movedToOf, type JoinOptions } from "../../shared/protocol/messages.ts";
import { plainText } from "../../shared/scenario/plain-issues.ts";

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
  "game/not_found": "join.noGame",
  "game/rules_changed": "join.rulesChanged",
  "class/removed": "join.removed",
  "class/moved": "join.moved",
};

/**
 * `options`: what the join sent. A malformed join (`input/invalid`, which the server words in
 * English alone, as the matchmaker carries a sentence and no catalog text) is read again with
 * the same schema the server read it with (shared/protocol/messages.ts `JoinOptionsSchema`), so
 * the reader is told what is wrong (a name of invisible characters, say) in their own words.
 */
export function joinRefusal(raw: string, options?: JoinOptions): { code?: string; message: string; movedTo?: number } {
  const coded = /^([a-z]+\/[a-z_]+):\s*([\s\S]*)$/.exec(raw);
  if (!coded) return { message: raw };
  const [, code, detail] = coded as unknown as [string, string, string];
  if (code === "input/invalid" && options) return { code, message: invalidJoin(options) };
  // A moved student's old seat token: the refusal names the table they were moved to (a server before it named none).
  const movedTo = code === "class/moved" ? movedToOf(raw) : undefined;
  if (movedTo !== undefined) return { code, message: t("join.movedTo", { table: movedTo }), movedTo };
  const key = JOIN_SENTENCES[code];
  return { code, message: key ? t(key) : detail };
}

/** What is wrong with a join's options, as the reader reads it; a join this client finds well-formed was refused by a server of another version. */
function invalidJoin(options: JoinOptions): string {
  const parsed = JoinOptionsSchema.safeParse(options);
  const issue = parsed.success ? undefined : parsed.error.issues[0];
  return issue ? t("join.invalid", { detail: render(plainText(issue, options, JoinOptionsSchema)) }) : t("join.invalidOther");
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
  // A seat token of a person the teacher removed from the class, or moved to another table, is refused for good too.
  return code === "auth/bad_token" || code === "auth/bad_key" || code === "class/removed" || code === "class/moved";
}

/**
 * Why the server closed a student's page on purpose (shared/protocol/messages.ts
 * `ClosedWhySchema`), in the banner's sentence or the bar's short label: removed from the class,
 * or moved to another of its tables, named when the close said which (`movedTo`).
 */
export function sentAwayText(why: "removed" | "moved", movedTo: number | undefined, short = false): string {
  if (why === "removed") return t(short ? "conn.removedBar" : "conn.removed");
  if (movedTo === undefined) return t(short ? "conn.movedBar" : "conn.moved");
  return t(short ? "conn.movedToBar" : "conn.movedTo", { table: movedTo });
}
