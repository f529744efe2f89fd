/**
 * The round review: every change of a round for me, for the table and for the others, each
 * with its causes (the engine's explanations, which add up to the change); the scoreboard;
 * the table outcome. Pure.
 */
import { groupCauses } from "../../shared/engine/cause-groups.ts";
import { crisisTension, outcomeFinal, unresolvedRound } from "../../shared/engine/resolution.ts";
import { againstPar, byTotal, exactTotal, missedTargetsCut, seatRanks, type Score } from "../../shared/engine/scoring.ts";
import { withoutSecret } from "../../shared/engine/views.ts";
import type { Change, NewsItem } from "../../shared/engine/types.ts";
import type { ClientView } from "../../shared/protocol/view.ts";
import { has, label, sentence, t } from "../i18n/index.ts";
import { countries, country, type Text } from "../../shared/engine/text.ts";
import { CAUSE_DIGITS, causeAmount, num, signed } from "./format.ts";
import { namingDeals } from "./deals.ts";

/** A change key in words: "prosperity" → "Prosperity", "capability:semis" → "Semiconductors capability". */
export function keyLabel(key: string): string {
  if (key.startsWith("capability:")) return t("metric.capability", { sector: label("sector", key.slice(11)) });
  const k = `metric.${key}`;
  return has(k) ? t(k) : key;
}

export type ChangeRow = { key: string; label: string; from: number; to: number; delta: number; causes: Change["causes"] };
export type ChangeGroup = { subject: string; name: string; rows: ChangeRow[] };

const METRIC_ORDER = ["capital", "prosperity", "security", "influence", "trust", "support", "cohesion", "resilience", "divide", "tension"];
const order = (key: string) => {
  const i = METRIC_ORDER.indexOf(key);
  return i >= 0 ? i : 100;
};

/** `named`: how a cause's label reads once grouped (the grouping reads its deal codes). */
function rowsOf(changes: Change[], named?: (label: Text) => Text): ChangeRow[] {
  return changes
    .map((c) => ({
      key: c.key,
      label: keyLabel(c.key),
      from: c.from,
      to: c.to,
      delta: Math.round((c.to - c.from) * 100) / 100,
      // By source (an event card's shortages in many countries are one line), largest first.
      causes: named ? groupCauses(c.causes).map((x) => ({ ...x, label: named(x.label) })) : groupCauses(c.causes),
    }))
    .filter((r) => Math.abs(r.delta) >= 0.01 || r.causes.some((c) => Math.abs(c.amount) >= 0.01))
    .sort((a, b) => order(a.key) - order(b.key) || a.key.localeCompare(b.key));
}

/** The changes of a round: the recorded ones, or the live ones of the round being played. */
export function changesOf(view: Pick<ClientView, "history" | "changes" | "round">, round: number): Change[] {
  const rec = view.history.find((h) => h.round === round);
  if (rec) return rec.changes;
  return round === view.round ? view.changes : [];
}

/** `namedDeals`: causes name deals by kind and parties, not by code (the projector: client/model/deals.ts `namingDeals`). */
export function groupChanges(view: Pick<ClientView, "history" | "changes" | "round" | "countries" | "viewer" | "agreements">, round: number, namedDeals = false): { mine?: ChangeGroup; table: ChangeGroup; others: ChangeGroup[] } {
  const changes = changesOf(view, round);
  const named = namedDeals ? (x: Text) => namingDeals(view, x) : undefined;
  const me = view.viewer.kind === "seat" ? view.viewer.seat : undefined;
  const group = (subject: string): ChangeGroup => ({
    subject,
    name: subject === "table" ? t("review.table") : (view.countries.find((c) => c.id === subject)?.name ?? subject),
    rows: rowsOf(changes.filter((c) => c.subject === subject), named),
  });
  const others = view.countries.filter((c) => c.id !== me).map((c) => group(c.id)).filter((g) => g.rows.length);
  return { ...(me ? { mine: group(me) } : {}), table: group("table"), others };
}

/** Capital below zero as the ledger records it, to the cent (shared/engine/ledger.ts): a sum's rounding error is not a debt. */
const inDebt = (capital: number) => capital < -0.005;

/**
 * What a capital row that ends below zero means (docs/RULES.md, "Paying for deals"): the cost
 * that took it there, the largest of the causes the engine recorded for the change, and that
 * debt is not fined while the game goes on but scores nothing at the end (shared/engine/scoring.ts).
 * `subject`: the country's id. Undefined for another row, or one that ends at or above zero.
 */
export function belowZeroNote(row: Pick<ChangeRow, "key" | "to" | "causes">, subject: string): string | undefined {
  if (row.key !== "capital" || !inDebt(row.to)) return undefined;
  const cost = row.causes.reduce<ChangeRow["causes"][number] | undefined>((worst, c) => (c.amount < 0 && c.amount < (worst?.amount ?? 0) ? c : worst), undefined);
  return cost
    ? sentence("review.belowZero", { cause: cost.label, amount: causeAmount(cost.amount), country: country(subject) })
    : t("review.belowZero.still", { capital: num(row.to, CAUSE_DIGITS) });
}

/**
 * The scoreboard's line for the countries it scores whose capital is below zero: that capital
 * counts nothing in their score (docs/RULES.md, "Scores"), however deep. Undefined when none is.
 */
export function debtNote(view: Pick<ClientView, "countries" | "scores">): string | undefined {
  const scored = new Set(view.scores.map((s) => s.country));
  const debtors = view.countries.filter((c) => scored.has(c.id) && inDebt(c.capital));
  if (!debtors.length) return undefined;
  return t("review.debt", { countries: debtors.map((c) => t("review.debt.country", { country: c.name, capital: num(c.capital, CAUSE_DIGITS) })).join(t("misc.comma")) });
}

export type ScoreRow = {
  /** Rank by total among the seats (`seatRanks`); an automated partner has none. */
  rank?: number;
  country: string;
  name: string;
  total: number;
  subtotal: number;
  factor: number;
  met: number;
  objectives: number;
  mine: boolean;
  /** A country a player holds (control "seat"), not an automated partner: only seats are ranked (by points and against par) or named as winners. */
  seat: boolean;
  /** Points above (or below) the country's par, and (seats only) its rank by that among the seats that have one. */
  vsPar?: number;
  parRank?: number;
};

/**
 * Par compares final scores with games played to their end (docs/BALANCE.md): it applies once
 * the game is over, every round resolved or a crisis ended it; not after an early end.
 */
export function parApplies(view: Pick<ClientView, "phase" | "recorded" | "settings" | "crisis">): boolean {
  return view.phase === "ended" && (view.crisis || everyRoundResolved(view));
}

const everyRoundResolved = (view: Pick<ClientView, "recorded" | "settings">) => view.recorded.length >= view.settings.rounds;

/**
 * Why a game that did not end in a crisis is over: its last round resolved, or the facilitator
 * ended it sooner, in a round (the engine's `unresolvedRound`, which the debrief report says too)
 * or after one.
 */
export function howItEnded(view: Pick<ClientView, "phase" | "round" | "recorded" | "settings">): [key: "end.finished" | "end.stopped" | "end.stoppedAfter", args?: { round: number; rounds: number }] {
  if (everyRoundResolved(view)) return ["end.finished"];
  return [unresolvedRound(view) ? "end.stopped" : "end.stoppedAfter", { round: view.round, rounds: view.settings.rounds }];
}

/**
 * Whether every row of the scores counts its secret objective: the facilitator's, and
 * everyone's once the game is over (the secrets are revealed). Otherwise a seat sees only its
 * own secret objective, in its own row.
 */
const allSecretsShown = (scores: readonly Score[]) => scores.every((s) => s.objectives.some((o) => o.secret));

/**
 * The scores counted alike for every row, so two phones put side by side agree: while other
 * seats' secret objectives are hidden, no row counts one — the viewer's own included — and
 * their own is shown apart (`ownSecret`).
 */
export function comparableScores(scores: readonly Score[]): Score[] {
  return allSecretsShown(scores) ? [...scores] : scores.map((s) => (s.objectives.some((o) => o.secret) ? withoutSecret(s) : s));
}

/**
 * The seat's own secret objective while the scoreboard leaves it out (the game is on): what it
 * asks, its points, whether it is met, and the seat's score with it. Nobody else's.
 */
export function ownSecret(view: Pick<ClientView, "scores" | "viewer">): { text: string; points: number; met: boolean; totalWith: number } | undefined {
  if (view.viewer.kind !== "seat" || allSecretsShown(view.scores)) return undefined;
  const seat = view.viewer.seat;
  const mine = view.scores.find((s) => s.country === seat);
  const secret = mine?.objectives.find((o) => o.secret);
  return mine && secret ? { text: secret.text, points: secret.points, met: secret.met, totalWith: mine.total } : undefined;
}

/** Whether the scoreboard leaves secret objectives out (the game is on, and this viewer does not see them all). */
export function publicOnly(view: Pick<ClientView, "scores">): boolean {
  return !allSecretsShown(view.scores);
}

/**
 * Whether the scoreboard counts secret objectives the players do not see yet: the facilitator's,
 * while the game is on, whose totals and ranks then differ from the players' and the projector's.
 */
export function countsHiddenSecrets(view: Pick<ClientView, "scores" | "viewer" | "phase">): boolean {
  return view.viewer.kind === "facilitator" && view.phase !== "ended" && !publicOnly(view);
}

export function scoreRows(view: Pick<ClientView, "scores" | "countries" | "viewer">): ScoreRow[] {
  const me = view.viewer.kind === "seat" ? view.viewer.seat : undefined;
  const isSeat = (id: string) => view.countries.find((c) => c.id === id)?.control === "seat";
  const sorted = comparableScores(view.scores).sort(byTotal);
  const ranks = seatRanks(sorted, isSeat, exactTotal);
  const parRanks = seatRanks(sorted, isSeat, againstPar);
  return sorted.map((s) => {
    const country = view.countries.find((c) => c.id === s.country);
    const vsPar = againstPar(s);
    return {
      ...(ranks.has(s.country) ? { rank: ranks.get(s.country)! } : {}),
      country: s.country,
      name: country?.name ?? s.country,
      total: s.total,
      subtotal: s.subtotal,
      factor: s.factor,
      met: s.objectives.filter((o) => o.met).length,
      objectives: s.objectives.length,
      mine: s.country === me,
      seat: isSeat(s.country),
      ...(vsPar !== undefined ? { vsPar } : {}),
      ...(parRanks.has(s.country) ? { parRank: parRanks.get(s.country)! } : {}),
    };
  });
}

/**
 * Who won, in the end screen's first lines and the result card: the seats with the most points
 * (all of them on a tie), those that did best against par when par applies (`parApplies`), and
 * whether the table met its shared targets (else every score is cut: `missedTargetsCut`). Only
 * seats win: an automated partner is scored and listed but nobody played it (docs/RULES.md,
 * "Scores"). The rows are the scoreboard's own (`scoreRows`), so it names nothing the scoreboard
 * does not show.
 */
export function whoWon(view: Pick<ClientView, "scores" | "countries" | "viewer" | "phase" | "recorded" | "settings" | "crisis" | "outcome">): {
  top: { countries: string[]; score: number };
  bestPar?: { countries: string[]; points: number; sameAsTop: boolean };
  met: boolean;
} {
  const all = scoreRows(view);
  const firsts = all.filter((r) => r.rank === 1);
  const byPar = parApplies(view) ? all.filter((r) => r.parRank === 1) : [];
  const ids = (rs: ScoreRow[]) => rs.map((r) => r.country);
  const sameAsTop = byPar.length === firsts.length && byPar.every((r) => firsts.includes(r));
  return {
    top: { countries: ids(firsts), score: firsts[0]?.total ?? 0 },
    ...(byPar.length ? { bestPar: { countries: ids(byPar), points: byPar[0]!.vsPar!, sameAsTop } } : {}),
    met: view.outcome.met,
  };
}

/** `whoWon` in one or two sentences, for the top of the end screen. */
export function whoWonText(view: Parameters<typeof whoWon>[0] & Pick<ClientView, "scenario">): string {
  const w = whoWon(view);
  // Countries named in a sentence: "The United States and Japan scored most".
  const names = countries(w.top.countries);
  const score = num(w.top.score);
  const lead = !w.bestPar
    ? sentence("end.winner", { names, score })
    : w.bestPar.sameAsTop
      ? sentence("end.winner.parToo", { names, score, points: signed(w.bestPar.points) })
      : sentence("end.winner.par", { names, score, best: countries(w.bestPar.countries), points: signed(w.bestPar.points) });
  return `${lead}${t("misc.sentenceJoin")}${w.met ? t("end.targets.met") : sentence("end.targets.missed", { cut: missedTargetsCut(view.scenario.missedTargetFactor) })}`;
}

/**
 * A change's `shown` largest causes (they come largest first), then the rest as one line with
 * their sum and count: a projector has room for a few lines, and what it shows still adds up.
 * A single cause left over is shown itself: a line saying "one other cause" takes the same room
 * and hides its name.
 */
export function fewCauses(causes: ChangeRow["causes"], shown = 2): ({ amount: number; label: ChangeRow["causes"][number]["label"]; others?: undefined } | { amount: number; label?: undefined; others: number })[] {
  const upTo = causes.length === shown + 1 ? causes.length : shown;
  const out: ReturnType<typeof fewCauses> = causes.slice(0, upTo).map((c) => ({ amount: c.amount, label: c.label }));
  const rest = causes.slice(upTo);
  if (rest.length) out.push({ amount: rest.reduce((sum, c) => sum + c.amount, 0), others: rest.length });
  return out;
}

/** Whether the outcome and scores on screen are final (the engine's `outcomeFinal`): said as done, not as "for now". */
export function finalOutcome(view: Pick<ClientView, "phase" | "round" | "settings">): boolean {
  return outcomeFinal({ phase: view.phase, round: view.round, rounds: view.settings.rounds });
}

/** Share of the table's shared targets that hold now. */
export function outcomeProgress(view: Pick<ClientView, "outcome">): { met: number; total: number; all: boolean } {
  const met = view.outcome.targets.filter((x) => x.met).length;
  return { met, total: view.outcome.targets.length, all: view.outcome.met };
}

/**
 * The offers the reader sees that lapsed unsigned when `round` resolved (an offer still open at
 * resolution lapses, docs/RULES.md "Life of a deal"). The view holds only those the reader may
 * see: a lapsed offer stays private to its parties and the facilitator, so there is no news of it.
 */
export function lapsedIn(view: Pick<ClientView, "agreements">, round: number): ClientView["agreements"] {
  return view.agreements.filter((a) => a.status === "lapsed" && a.steps.some((s) => s.what === "lapsed" && s.round === round));
}

/** The news of a round, as read in its review (`newsText`). */
export function newsOf(view: Pick<ClientView, "news" | "recorded">, round: number): NewsItem[] {
  return view.news.filter((n) => n.round === round).map((n) => ({ ...n, text: newsText(n, view.recorded.includes(round)) }));
}

/**
 * A news item's words, `resolved`: once its round has resolved. A signing's "It takes force at
 * resolution" is past by then (and a deal withdrawn before it never did), so it is left out.
 */
export function newsText(n: NewsItem, resolved: boolean): Text {
  return resolved && n.text.key === "news.signed" ? { ...n.text, key: "news.signed.resolved" } : n.text;
}

/** The round a review panel opens on: the round being reviewed, else the last resolved one. */
export function defaultReviewRound(view: Pick<ClientView, "recorded" | "phase" | "round">): number | undefined {
  return view.recorded.at(-1);
}

/** How far several sectors' capability moved: "up 0.2–0.5 each" when all rose, "down …" when all fell, else "from −0.2 to +0.3". */
export function capabilityRange(deltas: number[]): string {
  const low = Math.min(...deltas);
  const high = Math.max(...deltas);
  if (low > 0) return t("review.capabilities.up", { low: num(low), high: num(high) });
  if (high < 0) return t("review.capabilities.down", { low: num(-high), high: num(-low) });
  return t("review.capabilities.range", { low: signed(low), high: signed(high) });
}

/**
 * What ended the game in a crisis, in the engine's numbers (shared/engine/resolution.ts
 * `crisisTension`): the peak the crisis check saw and, when the resolution cooled tension
 * afterwards, the value the round's record kept (the one the charts and the review show).
 */
export function crisisText(view: ClientView): string {
  // The last round's record comes over HTTP: until it is here, say no number rather than a wrong one.
  const last = view.recorded.at(-1);
  if (last !== undefined && view.history.at(-1)?.round !== last) return t("card.crisis");
  const c = crisisTension(view);
  if (!c) return t("card.crisis");
  return c.settled !== undefined ? t("end.crisis.peak", { peak: num(c.peak), settled: num(c.settled), round: c.round! }) : t("end.crisis", { tension: num(c.peak) });
}
