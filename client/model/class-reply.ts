/**
 * What the class console says after a command to every table (client/ui/class/class-page.ts):
 * the tables it reached, the tables it had no need to touch (already paused, not paused, over,
 * in another phase: left as they are on purpose, said calmly), and the tables where it really
 * failed. Each table's result comes from the server (server/classes/routes.ts, POST …/command).
 */
import type { ClassCommand, ClassCommandReply, ClassStatus } from "../../shared/protocol/classes.ts";
import { errorText, list, t, tn, type PluralBase } from "../i18n/index.ts";

export type ClassReplyWords = {
  /** Said when every table took the command: the sentence the console always said. */
  all: string;
  /** What was done, naming the tables reached ("Resumed at tables 1 and 3."). */
  some: (tables: string) => string;
};

export type ClassReplyText = { done: string; skipped: string; failed: string };

type Result = ClassCommandReply["results"][number];

/** The refusals that leave a table as it is on purpose, for `command`, and how each is said. */
function skipReason(command: ClassCommand, code: string): PluralBase | undefined {
  if (code === "rule/game_over" || code === "game/not_running") return "class.all.skip.over";
  switch (command.type) {
    case "pause":
      return code === "rule/already_paused" ? "class.all.skip.paused" : undefined;
    case "resume":
      return code === "rule/not_paused" ? "class.all.skip.notPaused" : undefined;
    case "start":
      return code === "rule/wrong_phase" ? "class.all.skip.started" : undefined;
    case "advance":
    case "extend":
      return code === "rule/other_phase" ? "class.all.skip.otherPhase" : undefined;
    case "play-event":
    case "custom-event":
      if (code === "rule/wrong_phase") return "class.all.skip.notNow";
      if (code === "rule/round_passed") return "class.all.skip.roundPassed";
      if (code === "rule/event_played") return "class.all.skip.played";
      return undefined;
    default:
      return undefined;
  }
}

/** "table 2", "tables 1 and 3". */
export const tablesWords = (tables: number[]) => tn("class.all.tables", tables.length, { tables: list(tables.map(String)) });

/**
 * The reply to `command` in three parts, each "" when empty. `tables`: the tables as the console
 * last showed them, which tell a card played now from one scheduled for a later round.
 */
export function classReply(command: ClassCommand, results: readonly Result[], words: ClassReplyWords, tables: ClassStatus["tablesDetail"] = []): ClassReplyText {
  const reached = results.filter((r) => r.ok).map((r) => r.table);
  const skipped = new Map<PluralBase, number[]>();
  const failed: Result[] = [];
  for (const r of results) {
    if (r.ok) continue;
    const reason = skipReason(command, r.error?.code ?? "");
    if (reason) skipped.set(reason, [...(skipped.get(reason) ?? []), r.table]);
    else failed.push(r);
  }
  const round = command.type === "play-event" || command.type === "custom-event" ? command.round : undefined;
  let done = "";
  // A round a table is in already plays the card now there (shared/engine/apply.ts laterRound).
  const now = round === undefined ? [] : reached.filter((n) => tables.find((x) => x.number === n)?.round === round);
  if (reached.length === results.length && !now.length) done = words.all;
  else if (reached.length && round !== undefined) {
    const later = reached.filter((n) => !now.includes(n));
    done = [now.length ? t("class.all.reached.now", { tables: tablesWords(now) }) : "", later.length ? t("class.all.reached.later", { round, tables: tablesWords(later) }) : ""].filter(Boolean).join(t("misc.sentenceJoin"));
  } else if (reached.length) done = words.some(tablesWords(reached));
  const calm = [...skipped].map(([reason, at]) => tn(reason, at.length, { tables: list(at.map(String)), ...(round !== undefined ? { round } : {}) }));
  return {
    done,
    skipped: calm.join(t("misc.sentenceJoin")),
    failed: failed.map((f) => t("class.all.failed", { table: f.table, message: f.error ? errorText(f.error) : "" })).join(t("misc.sentenceJoin")),
  };
}
