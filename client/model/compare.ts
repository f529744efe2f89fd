/**
 * Comparing games of one scenario (several class sections, a game and its what-ifs): the
 * server's comparison when one key opens every game, or the same summary put together from
 * each game's report when the games were made under different keys. Then the rows and series
 * the compare page shows: outcome and agreements per game, scores per country across games, a
 * metric by round across games. Pure.
 */
import { COUNTRY_METRICS, TABLE_METRICS, type CountryMetric, type TableMetric } from "../../shared/engine/vocabulary.ts";
import { agreementsReached, countFates, reachedFates, scoreRow, type CompareGame, type CompareReply, type DebriefReport } from "../../shared/protocol/debrief.ts";
import { t } from "../i18n/index.ts";
import { byTotal, exactTotal, seatRanks } from "../../shared/engine/scoring.ts";


/** A game's comparison summary from its (facilitator's) report. */
export function summaryFromReport(r: DebriefReport): CompareGame {
  const names = new Map(r.countries.map((c) => [c.id, c.name]));
  const table = r.game.classTable;
  return {
    code: r.game.code,
    ...(table?.code ? { classTable: { code: table.code, table: table.table } } : {}),
    status: r.game.status,
    createdAt: r.game.createdAt,
    finishedAt: r.game.finishedAt,
    rounds: r.game.rounds,
    roundsPlayed: r.game.roundsPlayed,
    ...(r.game.unresolvedRound ? { unresolvedRound: r.game.unresolvedRound } : {}),
    crisis: r.game.crisis,
    outcome: r.outcome,
    scores: r.scores.map((s) => scoreRow(s, names)),
    series: r.series,
    agreements: countFates(r.agreements),
  };
}

/** The comparison from reports; refuses games of different scenarios like the server does. */
export function compareFromReports(reports: DebriefReport[]): { ok: true; value: CompareReply } | { ok: false; message: string } {
  const first = reports[0];
  if (!first) return { ok: false, message: t("compare.none") };
  const other = reports.find((r) => r.game.scenario.id !== first.game.scenario.id);
  if (other) return { ok: false, message: t("compare.differentScenarios", { code: other.game.code, title: other.game.scenario.title, first: first.game.scenario.title }) };
  return {
    ok: true,
    value: {
      scenario: { id: first.game.scenario.id, title: first.game.scenario.title, debrief: first.debrief },
      countries: first.countries.map((c) => ({ id: c.id, name: c.name, control: c.control })),
      games: reports.map(summaryFromReport),
    },
  };
}

/** A game as the page names it: a class's table by its name ("Table 2"), any other game by its code. */
export const gameName = (g: Pick<CompareGame, "code" | "classTable">): string => (g.classTable ? t("compare.table", { table: g.classTable.table }) : g.code);

/** The class whose tables these are, when every game compared is a table of one class (the page links back to its console). */
export function classOf(reply: CompareReply): string | undefined {
  const codes = new Set(reply.games.map((g) => g.classTable?.code));
  const [only] = codes;
  return codes.size === 1 ? only : undefined;
}

export type GameRow = {
  code: string;
  /** What the page calls it (`gameName`); the code is shown beside a table's name. */
  name: string;
  status: CompareGame["status"];
  /** How far the game got, in the report's words (server/debrief/report-html.ts): "1 of 4 resolved". */
  rounds: string;
  /** "ended in round 2": the facilitator ended the game during that round, before it resolved. */
  endedIn?: string;
  crisis: boolean;
  met: boolean;
  targetsMet: number;
  targets: number;
  /** Agreements reached (signed, whatever became of them since: shared/protocol/debrief.ts `agreementsReached`). */
  agreements: number;
  /** Offers made: every proposal, whatever its fate (reached, declined, lapsed, still open). */
  offers: number;
  /** Agreements reached, by what became of them (shared/protocol/debrief.ts `reachedFates`). */
  kept: number;
  inForce: number;
  broken: number;
  top?: { name: string; total: number };
};

/** One row per game: its outcome and what became of its agreements. */
export function gameRows(reply: CompareReply): GameRow[] {
  return reply.games.map((g) => {
    const f = g.agreements.byFate;
    const top = [...g.scores].sort(byTotal)[0];
    return {
      code: g.code,
      name: gameName(g),
      status: g.status,
      rounds: t("report.fact.roundsValue", { played: g.roundsPlayed, rounds: g.rounds }),
      ...(g.unresolvedRound ? { endedIn: t("compare.endedIn", { round: g.unresolvedRound }) } : {}),
      crisis: g.crisis,
      met: g.outcome.met,
      targetsMet: g.outcome.targets.filter((x) => x.met).length,
      targets: g.outcome.targets.length,
      agreements: agreementsReached(f),
      offers: g.agreements.total,
      ...reachedFates(f),
      ...(top ? { top: { name: top.name, total: top.total } } : {}),
    };
  });
}

/** A country's total in one game, with its rank among the seats (none for an automated partner, as the scoreboard ranks). */
export type ScoreCell = { total: number; rank?: number } | null;
export type ScoreRowAcross = { country: string; name: string; cells: ScoreCell[]; spread: number };

/** Scores per country across games (columns in the games' order), with each game's rank; countries in the scenario's order. */
export function scoresAcross(reply: CompareReply): ScoreRowAcross[] {
  const seats = new Set(reply.countries.filter((c) => c.control === "seat").map((c) => c.id));
  const ranks = reply.games.map((g) => {
    const rank = seatRanks(g.scores, (c) => seats.has(c), exactTotal);
    return new Map(g.scores.map((s) => [s.country, { total: s.total, ...(rank.has(s.country) ? { rank: rank.get(s.country)! } : {}) }]));
  });
  return reply.countries
    .filter((c) => ranks.some((m) => m.has(c.id)))
    .map((c) => {
      const cells = ranks.map((m) => m.get(c.id) ?? null);
      const totals = cells.filter((x): x is NonNullable<ScoreCell> => x !== null).map((x) => x.total);
      return { country: c.id, name: c.name, cells, spread: totals.length ? Math.round((Math.max(...totals) - Math.min(...totals)) * 10) / 10 : 0 };
    });
}

export type SeriesChoice = { scope: "table"; metric: TableMetric } | { scope: "country"; country: string; metric: CountryMetric };

/** A metric by round, one line per game; labels run to the longest game. */
export function seriesAcross(reply: CompareReply, choice: SeriesChoice): { labels: string[]; lines: { code: string; name: string; values: (number | null)[] }[] } {
  const rounds = reply.games.reduce((best, g) => (g.series.rounds.length > best.length ? g.series.rounds : best), [] as number[]);
  const longest = rounds.map((r) => (r === 0 ? t("compare.start") : t("compare.round", { round: r })));
  const lines = reply.games.map((g) => {
    const raw = choice.scope === "table" ? g.series.table[choice.metric] : g.series.countries[choice.country]?.[choice.metric];
    const values = longest.map((_, i) => (raw && i < raw.length ? raw[i]! : null));
    return { code: g.code, name: gameName(g), values };
  });
  return { labels: longest, lines };
}

/**
 * Games whose lines are the same in every round, by name, two or more to a group: drawn on top
 * of one another, the chart shows only the last drawn, so the page says so.
 */
export function sameLines(lines: readonly { name: string; values: readonly (number | null)[] }[]): string[][] {
  const groups = new Map<string, string[]>();
  for (const l of lines) {
    const key = JSON.stringify(l.values);
    groups.set(key, [...(groups.get(key) ?? []), l.name]);
  }
  return [...groups.values()].filter((g) => g.length > 1);
}

/** Every metric the compare page offers, table metrics first. */
export function seriesChoices(reply: CompareReply): SeriesChoice[] {
  const table = TABLE_METRICS.map((metric) => ({ scope: "table" as const, metric }));
  const seats = reply.countries.filter((c) => c.control === "seat");
  const countries = seats.flatMap((c) => COUNTRY_METRICS.map((metric) => ({ scope: "country" as const, country: c.id, metric })));
  return [...table, ...countries];
}

export function choiceKey(c: SeriesChoice): string {
  return c.scope === "table" ? `table:${c.metric}` : `${c.country}:${c.metric}`;
}

export function choiceFromKey(key: string): SeriesChoice {
  const [a, b] = key.split(":");
  if (a === "table") return { scope: "table", metric: (TABLE_METRICS as readonly string[]).includes(b!) ? (b as TableMetric) : "tension" };
  return { scope: "country", country: a!, metric: (COUNTRY_METRICS as readonly string[]).includes(b!) ? (b as CountryMetric) : "prosperity" };
}
