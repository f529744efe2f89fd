/**
 * The class console's spreadsheets in the teacher's language: the gradebook (one row per
 * person who held a seat: what they did, how their country did, their exit ticket) and the
 * comparison of the class's tables. Headings and words come from the catalog (client/i18n,
 * "gradebook.*" and "comparison.*"), country names from the scenario's translation; every file
 * starts with a byte-order mark so spreadsheets open it as UTF-8 (server/csv.ts).
 */
import { computeScores, tableOutcome } from "../../shared/engine/scoring.ts";
import { EXIT_QUESTIONS } from "../../shared/protocol/classes.ts";
import type { Translator } from "../../client/i18n/translator.ts";
import type { CompareGame } from "../../shared/protocol/debrief.ts";
import { analysisOf } from "../debrief/analysis.ts";
import { botSpans } from "../debrief/seat-turns.ts";
import type { GameRecord, Store } from "../storage/store.ts";

export function gradebookHeader(words: Translator): string[] {
  return [
    words.t("gradebook.col.table"),
    words.t("gradebook.col.game"),
    words.t("gradebook.col.student"),
    words.t("gradebook.col.seat"),
    words.t("gradebook.col.ministry"),
    words.t("gradebook.col.actions"),
    words.t("gradebook.col.bot"),
    words.t("gradebook.col.objectivesMet"),
    words.t("gradebook.col.objectives"),
    words.t("gradebook.col.score"),
    words.t("gradebook.col.outcome"),
    ...Array.from({ length: EXIT_QUESTIONS }, (_, i) => words.t("gradebook.col.ticket", { number: i + 1 })),
  ];
}

/**
 * One row per person who held a seat at `game` (a record whose scenario speaks the reader's
 * language). "actions" counts the person's own (a bot's moves in their seat are nobody's), and
 * the rounds a bot played their seat are named beside it: the seat's score is partly the bot's.
 */
export async function gradebookRows(store: Pick<Store, "actionLog" | "actionCounts" | "exitTickets" | "holders">, game: GameRecord, table: number, words: Translator): Promise<string[][]> {
  const analysis = analysisOf(game, await store.actionLog(game.code));
  const final = analysis.final;
  const botRounds = (seat: string) =>
    botSpans(analysis.seatTurns[seat] ?? [])
      .map((s) => (s.to === undefined ? words.t("gradebook.bot.from", { round: s.from }) : s.to === s.from ? words.t("gradebook.bot.round", { round: s.from }) : words.t("gradebook.bot.rounds", { from: s.from, to: s.to })))
      .join(words.t("misc.comma"));
  const scores = new Map(computeScores(final).map((s) => [s.country, s]));
  const names = new Map(game.scenario.countries.map((c) => [c.id, c.name]));
  const outcome = tableOutcome(final).met ? words.t("gradebook.outcome.met") : words.t("gradebook.outcome.missed");
  const counts = await store.actionCounts(game.code);
  const tickets = new Map((await store.exitTickets(game.code)).map((t) => [t.holder, t]));
  return (await store.holders(game.code))
    .filter((h) => h.seat)
    .map((h) => {
      const score = scores.get(h.seat!);
      const ticket = tickets.get(h.id);
      return [
        String(table),
        game.code,
        h.name,
        names.get(h.seat!) ?? h.seat!,
        game.settings.teams ? h.roles.map((r) => words.label("role", r)).join(" + ") : words.t("gradebook.allMinistries"),
        String(counts[h.id] ?? 0),
        botRounds(h.seat!),
        String(score?.objectives.filter((o) => o.met).length ?? 0),
        String(score?.objectives.length ?? 0),
        String(score?.total ?? ""),
        outcome,
        ...Array.from({ length: EXIT_QUESTIONS }, (_, i) => ticket?.answers[i] ?? ""),
      ];
    });
}

/** The comparison: one row per table, one score column per country (named from `countries`, in the reader's language). */
export function comparisonRows(summaries: readonly CompareGame[], countries: readonly { id: string; name: string }[], words: Translator): string[][] {
  const header = [
    words.t("comparison.col.table"),
    words.t("comparison.col.game"),
    words.t("comparison.col.status"),
    words.t("comparison.col.rounds"),
    words.t("comparison.col.crisis"),
    words.t("comparison.col.targetsMet"),
    words.t("comparison.col.targets"),
    words.t("comparison.col.outcome"),
    ...countries.map((c) => words.t("comparison.col.score", { country: c.name })),
    words.t("comparison.col.agreements"),
    words.t("comparison.col.kept"),
    words.t("comparison.col.broken"),
  ];
  const rows = summaries.map((s, i) => [
    String(i + 1),
    s.code,
    words.label("compare.status", s.status),
    String(s.roundsPlayed),
    s.crisis ? words.t("comparison.yes") : words.t("comparison.no"),
    String(s.outcome.targets.filter((t) => t.met).length),
    String(s.outcome.targets.length),
    s.outcome.met ? words.t("gradebook.outcome.met") : words.t("gradebook.outcome.missed"),
    ...countries.map((c) => String(s.scores.find((x) => x.country === c.id)?.total ?? "")),
    String(s.agreements.total),
    String(s.agreements.byFate.kept + s.agreements.byFate["in-force"]),
    String(s.agreements.byFate.broken),
  ]);
  return [header, ...rows];
}
