/**
 * The class console's spreadsheets in the teacher's language: the gradebook (one row per
 * person who held a seat: what they did, how their country did, their exit ticket) and the
 * comparison of the class's tables. Headings and words come from the catalog (client/i18n,
 * "gradebook.*" and "comparison.*"), country names from the scenario's translation; every file
 * starts with a byte-order mark so spreadsheets open it as UTF-8 (server/csv.ts).
 */
import { computeScores, tableOutcome } from "../../shared/engine/scoring.ts";
import { EXIT_QUESTION_KEYS, EXIT_QUESTIONS } from "../../shared/protocol/classes.ts";
import { heldMinistries, type Translator } from "../../client/i18n/translator.ts";
import { agreementsReached, reachedFates, type CompareGame } from "../../shared/protocol/debrief.ts";
import { analysisOf } from "../debrief/analysis.ts";
import { botSpans, type SeatTurn } from "../debrief/seat-turns.ts";
import { placeId } from "../rooms/seating.ts";
import type { ClassRecord, GameRecord, HeldSeat, HolderRecord, Store } from "../storage/store.ts";

export function gradebookHeader(words: Translator): string[] {
  return [
    words.t("gradebook.col.table"),
    words.t("gradebook.col.game"),
    words.t("gradebook.col.student"),
    words.t("gradebook.col.seat"),
    words.t("gradebook.col.ministry"),
    words.t("gradebook.col.atEnd"),
    words.t("gradebook.col.actions"),
    words.t("gradebook.col.bot"),
    words.t("gradebook.col.objectivesMet"),
    words.t("gradebook.col.objectives"),
    words.t("gradebook.col.score"),
    words.t("gradebook.col.outcome"),
    // Each answer under its question, as the student read it (client/ui/exit-ticket.ts).
    ...EXIT_QUESTION_KEYS.map((key) => words.t(key)),
  ];
}

/**
 * One row per person who held a seat at `game` at any time once it was under way (a record
 * whose scenario speaks the reader's language): the seat they hold now, or held last, and
 * before it any they were moved from (HolderRecord.held). "at the end" says whether they were
 * still in the seat when the game ended, or left it: a bot took it over from them (the seat's
 * handovers, server/debrief/seat-turns.ts), or the facilitator took them off it. "actions"
 * counts the person's own (a bot's moves in their seat are nobody's), and the rounds a bot
 * played their (last) seat are named beside it: the seat's score is partly the bot's.
 *
 * A holder stored before the store kept the seats people left (`held` undefined) and no longer
 * in a seat is still listed when the game's log names them: the seat a bot took over from them
 * (or, without one, with no seat when they have actions of their own).
 */
export async function gradebookRows(store: Pick<Store, "actionLog" | "actionCounts" | "exitTickets" | "holders">, game: GameRecord, table: number, words: Translator): Promise<string[][]> {
  const analysis = analysisOf(game, await store.actionLog(game.code));
  const final = analysis.final;
  const turns = (seat: string) => analysis.seatTurns[seat] ?? [];
  const botRounds = (seat: string) =>
    botSpans(turns(seat))
      .map((s) => (s.to === undefined ? words.t("gradebook.bot.from", { round: s.from }) : s.to === s.from ? words.t("gradebook.bot.round", { round: s.from }) : words.t("gradebook.bot.rounds", { from: s.from, to: s.to })))
      .join(words.t("misc.comma"));
  const scores = new Map(computeScores(final).map((s) => [s.country, s]));
  const names = new Map(game.scenario.countries.map((c) => [c.id, c.name]));
  // A table still playing has no outcome yet (its targets are judged at the end).
  const outcome = final.phase !== "ended" ? words.t("gradebook.outcome.open") : tableOutcome(final).met ? words.t("gradebook.outcome.met") : words.t("gradebook.outcome.missed");
  const counts = await store.actionCounts(game.code);
  const tickets = new Map((await store.exitTickets(game.code)).map((t) => [t.holder, t]));
  const rows: string[][] = [];
  const holders = await store.holders(game.code);
  for (const h of holders) {
    const seats = seatsOf(h, analysis.seatTurns);
    if (!seats.length && !(h.held === undefined && counts[h.id])) continue;
    const last = seats.at(-1);
    const score = last?.seat ? scores.get(last.seat) : undefined;
    const ticket = tickets.get(h.id);
    // Still in their seat: unless a bot took it over from them (their connection dropped for good) and kept it to the end.
    const end = h.seat ? (turns(h.seat).at(-1)?.to === "bot" ? "gradebook.atEnd.bot" : "gradebook.atEnd.inSeat") : last?.atEnd ? "gradebook.atEnd.inSeat" : "gradebook.atEnd.off";
    rows.push([
      ...whoColumns(game, table, h.name, seats, names, words),
      words.t(end),
      String(counts[h.id] ?? 0),
      last?.seat ? botRounds(last.seat) : "",
      String(score?.objectives.filter((o) => o.met).length ?? 0),
      String(score?.objectives.length ?? 0),
      String(score?.total ?? ""),
      outcome,
      ...ticketColumns(ticket),
    ]);
  }
  return rows;
}

/**
 * The gradebook of a table whose stored game the rules now refuse to replay (shared/engine/replay.ts
 * `ReplayRefused`), so that the rest of the class's gradebook is still there: what the store
 * knows without a replay — each person who held a seat, the seats they held, their actions and
 * exit ticket — with `why` (in the reader's language) in the table outcome column, and the
 * columns only a replay gives (at the end, a bot's rounds, objectives, score) empty. Nobody
 * held a seat there: one row naming the table and why.
 */
export async function refusedGradebookRows(store: Pick<Store, "actionCounts" | "exitTickets" | "holders">, game: GameRecord, table: number, words: Translator, why: string): Promise<string[][]> {
  const names = new Map(game.scenario.countries.map((c) => [c.id, c.name]));
  const counts = await store.actionCounts(game.code);
  const tickets = new Map((await store.exitTickets(game.code)).map((t) => [t.holder, t]));
  const rows: string[][] = [];
  for (const h of await store.holders(game.code)) {
    const seats = seatsOf(h, {});
    if (!seats.length && !counts[h.id]) continue;
    const ticket = tickets.get(h.id);
    rows.push([
      ...whoColumns(game, table, h.name, seats, names, words),
      "",
      String(counts[h.id] ?? 0),
      "",
      "",
      "",
      "",
      why,
      ...ticketColumns(ticket),
    ]);
  }
  if (!rows.length) rows.push([String(table), game.code, ...Array<string>(9).fill(""), why, ...Array<string>(EXIT_QUESTIONS).fill("")]);
  return rows;
}

/**
 * The class's students at table `table` (counted from 1) whom the table's rows (`gradebookRows`)
 * do not list, so that a teacher grading from the gradebook sees every student of the class: one
 * placed there who never came to the table, one who came but held no seat there once the game was
 * under way (taken off it in the lobby, or moved to another table before the start), and a name of the pasted roster for that table whom the class
 * never placed. Their "at the end" cell says which, their seat is where the class placed them, and
 * the cells of scores and actions are empty: none of them played, and a 0 would read as a grade.
 */
export async function absentRows(store: Pick<Store, "holders">, record: ClassRecord, game: GameRecord, table: number, words: Translator): Promise<string[][]> {
  const holders = await store.holders(game.code);
  const names = new Map(game.scenario.countries.map((c) => [c.id, c.name]));
  const row = (name: string, seat: HeldSeat | undefined, key: "gradebook.atEnd.neverCame" | "gradebook.atEnd.noSeat") => [
    ...whoColumns(game, table, name, seat ? [seat] : [], names, words),
    words.t(key, { table }),
    ...Array<string>(6).fill(""),
    ...ticketColumns(undefined),
  ];
  const rows: string[][] = [];
  for (const s of record.students.filter((s) => s.table === table - 1)) {
    const h = holders.find((h) => h.place === placeId(s.token));
    // Listed by the table's rows: in a seat now, or played one.
    if (h && (h.seat || h.held?.length)) continue;
    rows.push(row(s.name, { seat: s.seat, roles: s.roles }, h ? "gradebook.atEnd.noSeat" : "gradebook.atEnd.neverCame"));
  }
  const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
  for (const r of record.roster.filter((r) => r.table === table)) {
    // Placed by the class (at any table, listed there), or seated at this table by its code under that name.
    if (record.students.some((s) => same(s.name, r.name)) || holders.some((h) => same(h.name, r.name) && (h.seat || h.held?.length))) continue;
    rows.push(row(r.name, undefined, "gradebook.atEnd.neverCame"));
  }
  return rows;
}

/**
 * A gradebook row's first columns: the table, its code, the person, the seats they played and,
 * with teams, the ministries they held in each. Without teams everyone holds every ministry:
 * nothing to tell apart. With teams, the ministries as the table's console names them: their own,
 * not those they acted for while nobody held them (alone at a country, all three); none known
 * for a seat of an old record.
 */
function whoColumns(game: GameRecord, table: number, name: string, seats: HeldSeat[], names: Map<string, string>, words: Translator): string[] {
  return [
    String(table),
    game.code,
    name,
    seats.map((s) => (s.seat ? (names.get(s.seat) ?? s.seat) : "")).join(" → "),
    game.settings.teams ? seats.map((s) => (s.roles.length ? heldMinistries(words, true, s.roles) || words.t("class.allMinistries") : "")).join(" → ") : "",
  ];
}

/** A gradebook row's last columns: the person's exit-ticket answers, empty where none. */
const ticketColumns = (ticket: { answers: readonly string[] } | undefined): string[] => Array.from({ length: EXIT_QUESTIONS }, (_, i) => ticket?.answers[i] ?? "");

/**
 * The seats `h` played, oldest first: those they left (HolderRecord.held), then the one they
 * hold. A holder stored before `held` was kept: the seats a bot took over from someone of their
 * name (the log's handovers) stand for the seats they left.
 */
function seatsOf(h: HolderRecord, seatTurns: Record<string, SeatTurn[]>): HeldSeat[] {
  const earlier = h.held ?? Object.entries(seatTurns).filter(([seat, turns]) => seat !== h.seat && turns.some((t) => t.to === "bot" && t.names.includes(h.name))).map(([seat]) => ({ seat, roles: [] }));
  const seats = [...earlier, ...(h.seat ? [{ seat: h.seat, roles: h.roles }] : [])];
  // Taken off a seat and put back in it: one turn in it, with the ministries they hold last.
  return seats.filter((s, i) => s.seat !== seats[i + 1]?.seat);
}

/** A table whose stored game the rules now refuse to replay: its code and why, in the reader's language. */
export type RefusedTable = { code: string; refused: string };

/**
 * The comparison: one row per table, one score column per country (named from `countries`, in the
 * reader's language). A table the rules now refuse to replay has its row, why in the status
 * column and the other columns empty.
 */
export function comparisonRows(summaries: readonly (CompareGame | RefusedTable)[], countries: readonly { id: string; name: string }[], words: Translator): string[][] {
  const header = [
    words.t("comparison.col.table"),
    words.t("comparison.col.game"),
    words.t("comparison.col.status"),
    // Resolved, as the comparison page's "2 of 4 resolved" (report.fact.roundsValue): a table in
    // round 3, or ended by its facilitator in it, has resolved 2.
    words.t("comparison.col.roundsResolved"),
    words.t("comparison.col.crisis"),
    words.t("comparison.col.targetsMet"),
    words.t("comparison.col.targets"),
    words.t("comparison.col.outcome"),
    ...countries.map((c) => words.t("comparison.col.score", { country: c.name })),
    words.t("comparison.col.agreements"),
    words.t("comparison.col.offers"),
    words.t("comparison.col.kept"),
    words.t("comparison.col.inForce"),
    words.t("comparison.col.broken"),
  ];
  const rows = summaries.map((s, i) => ("refused" in s ? [String(i + 1), s.code, s.refused, ...header.slice(3).map(() => "")] : comparisonRow(s, i, countries, words)));
  return [header, ...rows];
}

function comparisonRow(s: CompareGame, i: number, countries: readonly { id: string; name: string }[], words: Translator): string[] {
  const fates = reachedFates(s.agreements.byFate);
  return [
    String(i + 1),
    s.code,
    words.label("compare.status", s.status),
    String(s.roundsPlayed),
    s.crisis ? words.t("comparison.yes") : words.t("comparison.no"),
    String(s.outcome.targets.filter((t) => t.met).length),
    String(s.outcome.targets.length),
    s.status !== "finished" ? words.t("gradebook.outcome.open") : s.outcome.met ? words.t("gradebook.outcome.met") : words.t("gradebook.outcome.missed"),
    ...countries.map((c) => String(s.scores.find((x) => x.country === c.id)?.total ?? "")),
    String(agreementsReached(s.agreements.byFate)),
    String(s.agreements.total),
    // The agreements reached by what became of them, in the comparison page's columns.
    ...[fates.kept, fates.inForce, fates.broken].map(String),
  ];
}
