/**
 * The plain exports: the full JSON log (setup + actions, which `replay` re-runs) and a CSV of
 * every metric per round per country.
 */
import { crisisTension } from "../../shared/engine/resolution.ts";
import type { Action } from "../../shared/engine/actions.ts";
import type { Setup } from "../../shared/engine/types.ts";
import { facilitatorReadsLine, facilitatorReadsSomePrivate } from "../../shared/engine/views.ts";
import { COUNTRY_METRICS, SECTORS, TABLE_METRICS } from "../../shared/engine/vocabulary.ts";
import type { GameRecord } from "../storage/store.ts";
import type { Analysis } from "./analysis.ts";
import { loggedLineId, postsMessage } from "../../shared/engine/message-ids.ts";
import { FACILITATOR, metricSeries, type Reader } from "./report.ts";
import type { Translator } from "../../client/i18n/translator.ts";
import { csvFile } from "../csv.ts";

export const WITHHELD = "[private message withheld]";
/** What stands in the log for a message the facilitator removed: its words leave every export. */
export const REMOVED = "[message removed by the facilitator]";
/** What stands in a share link's log for the name of a person who held a seat (docs/PROTOCOL.md "Share links"). */
export const NAME_WITHHELD = "[name withheld]";

/** Ids of removed messages: a message's id is its place among the lines the engine posted (chat, broadcasts, rulings), in log order. */
function removedMessages(log: readonly { action: Action }[]): Set<number> {
  return new Set(log.flatMap(({ action }) => (action.move.type === "delete-message" ? [action.move.messageId] : [])));
}

export type LogExport = {
  format: "chokepoint-log";
  version: 1;
  code: string;
  exportedAt: string;
  /** `replay(setup, actions)` (shared/engine/replay.ts) re-runs the game. */
  setup: Setup;
  actions: Action[];
  /** When the server stored each action (epoch ms), index for index. */
  times: (number | null)[];
  /** Private chat (team, bilateral, minilateral) is withheld when the facilitator could not read it at the end, or a share link leaves it out. */
  privateChat: "included" | "withheld";
};

/**
 * The log, as `reader` may read it (report.ts `Reader`): a share link's has NAME_WITHHELD for
 * the names in the room's `log-seat` and `log-mute` records and in a person's actions and, unless it was made with the
 * private talks, WITHHELD for their words, as when the facilitator could not read them; it
 * still replays.
 */
export function logExport(record: GameRecord, analysis: Analysis, reader: Reader = FACILITATOR): LogExport {
  const state = analysis.final;
  const named = reader.named;
  const withhold = !facilitatorReadsSomePrivate(state) || !reader.privateChat;
  const isPrivate = (channel: string) => channel !== "plenary" && channel !== "broadcast";
  // Only players' chat writes in private channels, so the n-th private chat action wrote the n-th
  // private line; one written while the facilitator could not read it stays withheld (views.ts).
  const privateLines = state.messages.filter((line) => isPrivate(line.channel));
  let privateIndex = 0;
  const removed = removedMessages(analysis.log);
  let lines = 0;
  let messageId = 0;
  return {
    format: "chokepoint-log",
    version: 1,
    code: record.code,
    exportedAt: new Date().toISOString(),
    setup: analysis.setup,
    actions: analysis.log.map(({ action: logged }, seq) => {
      // In a team game every action of a person carries their name (server/rooms/requests.ts): withheld as the seat records' are.
      const action = !named && logged.actor.kind === "seat" && logged.actor.name ? { ...logged, actor: { ...logged.actor, name: NAME_WITHHELD } } : logged;
      const m = action.move;
      if (!named && m.type === "log-seat") return { ...action, move: { ...m, ...(m.name ? { name: NAME_WITHHELD } : {}), ...(m.names ? { names: [NAME_WITHHELD] } : {}) } };
      if (!named && m.type === "log-mute") return { ...action, move: { type: m.type, seat: m.seat, name: NAME_WITHHELD, minutes: m.minutes } };
      if (postsMessage(m)) messageId = loggedLineId(state.settings.edition, seq, ++lines);
      if (m.type !== "chat" && m.type !== "broadcast") return action;
      // Text only, never a catalog sentence beside it (a message holds one or the other).
      const replaced = (text: string) => ({ ...action, move: m.type === "chat" ? { type: "chat" as const, channel: m.channel, text } : { ...m, text } });
      if (removed.has(messageId)) return replaced(REMOVED);
      if (m.type === "chat" && isPrivate(m.channel)) {
        const line = privateLines[privateIndex++];
        if (withhold || !line || !facilitatorReadsLine(state, line.id)) return replaced(WITHHELD);
      }
      return action;
    }),
    times: analysis.log.map((l) => l.at),
    privateChat: withhold ? "withheld" : "included",
  };
}

/**
 * One row per country per round: round 0 holds the scenario's starting numbers, then one row
 * for every round resolved. The table's metrics repeat on each row of their round.
 */
export function metricsCsv(record: GameRecord, analysis: Analysis, words?: Translator): string {
  const series = metricSeries(analysis);
  const english = !words || words.locale === "en";
  const machine = [
    "game",
    "scenario",
    "round",
    "label",
    "country",
    "country_name",
    "control",
    "bloc",
    ...COUNTRY_METRICS,
    "capital",
    ...SECTORS.map((s) => `capability_${s}`),
    ...TABLE_METRICS.map((m) => `table_${m}`),
    "table_tension_peak",
  ];
  // Another language: headings and labels in its words (a spreadsheet in a Chinese classroom); the same columns.
  const header = english
    ? machine
    : [
        ...(["csv.game", "csv.scenario", "csv.round", "csv.label", "csv.country", "csv.countryName", "csv.control", "csv.bloc"] as const).map((k) => words.t(k)),
        ...COUNTRY_METRICS.map((m) => words.label("metric", m)),
        words.t("csv.capital"),
        ...SECTORS.map((s) => words.t("csv.capability", { sector: words.label("sector", s) })),
        ...TABLE_METRICS.map((m) => words.t("csv.table", { metric: words.label("metric", m) })),
        words.t("csv.tensionPeak"),
      ];
  // The round that ended in a crisis after tension cooled: the peak the crisis check saw, beside the settled value (docs/RULES.md §8).
  const crisis = crisisTension(analysis.final);
  const rows: (string | number)[][] = [header];
  series.rounds.forEach((round, i) => {
    for (const c of record.scenario.countries) {
      rows.push([
        record.code,
        // Another language reads the scenario's title in its words; English keeps the id a script can match.
        english ? record.scenario.id : record.scenario.title,
        round,
        english ? (round === 0 ? "start" : `round ${round}`) : round === 0 ? words.t("report.round.start") : words.t("report.round", { round }),
        c.id,
        c.name,
        // How the scenario runs the country (a seat, or an automated rival or partner), not who
        // held the seat: a person or a bot, and either may hold it in turn, so the word stays neutral.
        english ? c.control : words.label("control", c.control),
        english ? c.bloc : words.label("bloc", c.bloc),
        ...COUNTRY_METRICS.map((m) => series.countries[c.id]![m][i]!),
        series.capital[c.id]![i]!,
        ...SECTORS.map((s) => series.capabilities[c.id]![s][i]!),
        ...TABLE_METRICS.map((m) => series.table[m][i]!),
        crisis?.settled !== undefined && crisis.round === round ? crisis.peak : "",
      ]);
    }
  });
  return csvFile(rows);
}
