/**
 * A loaded control-cell script at one table: where each inject stands (played, scheduled,
 * ready to play, waiting for its round, past, after the last round) and what "schedule the
 * whole script" sends for it (and says so: `planText`). The game console reads it from the
 * table's view; the class console from each table's status. Pure.
 */
import type { Inject, InjectMove, InjectScript } from "../../shared/scenario/injects.ts";
import { injectMove } from "../../shared/scenario/injects.ts";
import { eventPhaseSeconds } from "../../shared/scenario/schema.ts";
import { t, tn } from "../i18n/index.ts";
import { num } from "./format.ts";

/** What a console knows of one table: its round and phase, and the cards played or scheduled there. */
export type TableCards = {
  round: number;
  phase: string;
  rounds: number;
  played: readonly { id: string; custom: boolean; title: string }[];
  scheduled: readonly { round: number; card: { id: string; custom: boolean; title: string } }[];
};

export type InjectStatus =
  | { kind: "played" }
  | { kind: "scheduled"; round: number }
  /** Its round is now and the phase allows a card. */
  | { kind: "ready" }
  /** Its round is still to come. */
  | { kind: "later" }
  /** Its round has begun or passed without it (it may still be played now). */
  | { kind: "past" }
  /** The game ends before its round. */
  | { kind: "beyond" };

/** A played card is the inject's: the same deck card, or a custom card under its title in any of its languages (a view shows each reader theirs). */
const sameCard = (inj: Inject, card: { id: string; custom: boolean; title: string }) => {
  if (inj.card) return !card.custom && card.id === inj.card;
  const c = inj.custom!;
  return card.custom && (card.title === c.title || Object.values(c.texts ?? {}).some((x) => x.title === card.title));
};

export const canPlayNow = (t: Pick<TableCards, "phase">) => t.phase === "event" || t.phase === "negotiation";

export function injectStatus(t: TableCards, inj: Inject): InjectStatus {
  if (t.played.some((c) => sameCard(inj, c))) return { kind: "played" };
  const s = t.scheduled.find((x) => sameCard(inj, x.card));
  if (s) return { kind: "scheduled", round: s.round };
  if (t.phase === "ended" || inj.round > t.rounds) return { kind: "beyond" };
  if (inj.round > t.round) return { kind: "later" };
  if (inj.round === t.round && canPlayNow(t)) return { kind: "ready" };
  return { kind: "past" };
}

/** The move "schedule the whole script" sends for an inject: later rounds scheduled, this round's played now; none for the rest. */
export function planMove(t: TableCards, inj: Inject): InjectMove | null {
  const s = injectStatus(t, inj);
  if (s.kind === "later") return injectMove(inj, inj.round);
  if (s.kind === "ready") return injectMove(inj);
  return null;
}

/**
 * What "schedule the whole script" sends, in words, as its question and its result say it:
 * "12 cards scheduled in rounds 2–6; 2 cards played now".
 */
export function planText(moves: readonly Pick<InjectMove, "round">[]): string {
  const later = moves.flatMap((m) => (m.round ? [m.round] : []));
  const now = moves.length - later.length;
  const parts: string[] = [];
  if (later.length) {
    const from = Math.min(...later);
    const to = Math.max(...later);
    parts.push(tn("script.plan.later", later.length, { rounds: from === to ? t("script.plan.round", { round: from }) : t("script.plan.rounds", { from, to }) }));
  }
  if (now) parts.push(tn("script.plan.now", now));
  return parts.join(t("misc.listJoin"));
}

/** The move of an inject's own button: play now when the phase allows, otherwise schedule it for its round (or the next one). */
export function clickMove(t: TableCards, inj: Inject): InjectMove | null {
  const s = injectStatus(t, inj);
  if (s.kind === "played" || s.kind === "scheduled" || s.kind === "beyond") return null;
  if (s.kind === "later") return injectMove(inj, inj.round);
  if (canPlayNow(t)) return injectMove(inj);
  return t.round + 1 <= t.rounds ? injectMove(inj, t.round + 1) : null;
}

/** The injects of a script grouped by round, in the script's order. */
export function byRound(script: InjectScript): { round: number; injects: Inject[] }[] {
  const out: { round: number; injects: Inject[] }[] = [];
  for (const inj of script.injects) {
    const last = out[out.length - 1];
    if (last && last.round === inj.round) last.injects.push(inj);
    else out.push({ round: inj.round, injects: [inj] });
  }
  return out;
}

/** The last round a script has an inject for. */
export const scriptRounds = (script: InjectScript): number => script.injects.reduce((most, inj) => Math.max(most, inj.round), 0);

/**
 * The script fitted into a shorter game: its injects, in the script's order, cut into `rounds`
 * runs of near-equal length, so every round gets about as many cards and the whole story plays
 * instead of stopping halfway (Alliance 2021's 19 injects over six rounds into a three-round
 * game: 6, 6 and 7). An inject never lands in an earlier round than one before it; the longer
 * runs come last, so round 1, where the players learn the game, is never busier than a later one.
 * A script that fits is returned as it is; one with no more injects than rounds is scaled.
 */
export function fitToRounds(script: InjectScript, rounds: number): InjectScript {
  const last = scriptRounds(script);
  if (rounds < 1 || last <= rounds) return script;
  const n = script.injects.length;
  // A script with no more injects than the game has rounds keeps its own pacing, scaled: two
  // injects of rounds 1 and 6 in a three-round game go to rounds 1 and 3, not 2 and 3.
  if (n <= rounds) return { ...script, injects: script.injects.map((inj) => ({ ...inj, round: Math.max(1, Math.ceil((inj.round * rounds) / last)) })) };
  return { ...script, injects: script.injects.map((inj, i) => ({ ...inj, round: Math.ceil(((i + 1) * rounds) / n) })) };
}

/** How many cards more than the script's busiest round make a fitted round crowded: 1.5 min more of event clock at 30 s a card. */
const CROWDED_BY = 3;

/** How many injects each round of a script holds. */
const perRound = (script: InjectScript): Map<number, number> => {
  const n = new Map<number, number>();
  for (const inj of script.injects) n.set(inj.round, (n.get(inj.round) ?? 0) + 1);
  return n;
};

/** The fitting's choice in words: "Fit the script's 6 rounds into this game's 3: its 19 injects keep their order, 6 or 7 a round". */
export function fitText(script: InjectScript, rounds: number): string {
  const counts = perRound(fitToRounds(script, rounds));
  const each = Array.from({ length: rounds }, (_, i) => counts.get(i + 1) ?? 0);
  const [least, most] = [Math.min(...each), Math.max(...each)];
  const spread = least === most ? String(most) : t("script.fit.spread", { least, most });
  return t("script.fit", { from: scriptRounds(script), to: rounds, count: script.injects.length, spread });
}

/**
 * What a console says beside a script fitted into `rounds` (`fitToRounds`) when fitting piles
 * clearly more cards into a round still to come at some table than the script puts into any
 * round of its own (`CROWDED_BY` more, at least): the busiest such round and its cards, how long
 * its event phase's clock then runs at the tables' `eventSeconds` a card
 * (shared/scenario/schema.ts `eventPhaseSeconds`; unsaid when not known), and what the console
 * offers instead. None for a script that fits, or spreads about as
 * thinly as it was written.
 */
export function fitWarning(script: InjectScript, rounds: number, eventSeconds: number | undefined, tables: readonly Pick<TableCards, "round">[]): string | undefined {
  const fitted = fitToRounds(script, rounds);
  if (fitted === script) return undefined;
  const most = Math.max(...perRound(script).values());
  // A round every table has begun has its clock already: its cards are played, not scheduled.
  const begun = tables.length ? Math.min(...tables.map((tb) => tb.round)) : 0;
  const [round, count] = [...perRound(fitted)].filter(([r]) => r > begun).reduce<[number, number]>((top, x) => (x[1] > top[1] ? x : top), [0, 0]);
  if (count < most + CROWDED_BY) return undefined;
  const parts = [t("script.fit.crowded", { rounds, round, count, most })];
  if (eventSeconds) parts.push(t("script.fit.crowded.clock", { minutes: num(eventPhaseSeconds(eventSeconds, count) / 60), seconds: eventSeconds }));
  parts.push(t("script.fit.crowded.instead", { rounds }));
  return parts.join(t("misc.sentenceJoin"));
}
