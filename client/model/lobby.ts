/** Seats as the join form offers them: free, held by a bot (takeable), or taken. Pure. */
import { EVENT_SECONDS, REVIEW_SECONDS, type LobbyInfo, type ScenarioSummary } from "../../shared/protocol/messages.ts";
import { ROLES, type Role } from "../../shared/engine/vocabulary.ts";
import { holderRoles, type ClientView, type SeatInfo } from "../../shared/protocol/view.ts";
import { label, list, sentenceNaming, t } from "../i18n/index.ts";
import { country } from "../../shared/engine/text.ts";
import { ministries } from "./format.ts";

export type SeatChoice = { id: string; name: string; bloc: string; available: boolean; freeRoles: Role[]; text: string };

export function seatChoices(info: LobbyInfo): SeatChoice[] {
  return info.seats.map((s) => {
    const free = s.freeRoles.filter((r): r is Role => (ROLES as readonly string[]).includes(r));
    const holders = s.holders.map((x) => x.name);
    const available = free.length > 0;
    let text: string;
    // Nobody in it and nothing free: a class keeps it for a student it placed there (server/rooms/seating.ts `openRoles`).
    if (!holders.length) text = !available ? t("start.seat.held", { name: s.name }) : s.bot ? t("start.seat.bot", { name: s.name }) : t("start.seat.free", { name: s.name });
    else if (available) text = t("start.seat.partial", { name: s.name, holders: list(holders), roles: ministries(free) });
    else text = t("start.seat.taken", { name: s.name, holders: list(holders) });
    return { id: s.id, name: s.name, bloc: s.bloc, available, freeRoles: free, text: `${text} · ${label("bloc", s.bloc)}` };
  });
}

/** The red cell's option and its hint, naming the rival as a sentence does: "Red cell: a person plays the United States". */
export function redCellWords(rival: NonNullable<ScenarioSummary["rival"]>): { label: string; hint: string } {
  const names = { country: (id: string) => (id === rival.id ? rival.name : undefined), countryInSentence: (id: string) => (id === rival.id ? rival.inSentence : undefined) };
  const args = { name: country(rival.id) };
  return { label: sentenceNaming(names, "start.redCell", args), hint: sentenceNaming(names, "start.redCell.hint", args) };
}

/**
 * The scenario made for a lesson (assets/scenarios/classroom-quick.json: four short rounds, seven
 * seats): what "Play now" plays, and what the forms to create a game or a class start on, so a
 * teacher in a hurry does not get a long exercise by pressing "Create game".
 */
export const CLASSROOM_SCENARIO = "classroom-quick";

/** The scenario a create form starts on: the classroom one where it is shipped, else the first listed. */
export function defaultScenario<S extends { id: string }>(scenarios: readonly S[]): S | undefined {
  return scenarios.find((s) => s.id === CLASSROOM_SCENARIO) ?? scenarios[0];
}

/**
 * "Play now": one person among bots. Bots never hold a phase, and the person moves the event
 * card and the review on with "Go on" when done, so those clocks give a slow reader (a phone,
 * a screen reader) at least a minute and two instead of a class's pace (20 s in Classroom quick start 2023).
 */
export function playNowRequest(s: { id: string; timers: { eventSeconds: number; reviewSeconds: number } }) {
  return {
    scenarioId: s.id,
    settings: { bots: true, quickStart: true, eventSeconds: Math.max(s.timers.eventSeconds, 60), reviewSeconds: Math.max(s.timers.reviewSeconds, 120) },
  };
}

/**
 * A game that ended and left the server's memory: the server answers it from the store, without
 * seats (server/app.ts, GET /api/games/:code). Nobody can join it; its replay remains.
 */
export const isOver = (info: LobbyInfo) => info.phase === "ended" && !info.seats.length;

export type SeatRow = { id: string; name: string; bloc: string; bot: boolean; holders: { id: string; name: string; roles: string[]; connected: boolean }[] };

/** The waiting room's and the control cell's seat list. */
export function seatRows(seats: SeatInfo[]): SeatRow[] {
  return seats.map((s) => ({
    id: s.id,
    name: s.name,
    bloc: s.bloc,
    bot: s.bot,
    holders: s.holders.map((x) => ({ id: x.id, name: x.name, roles: holderRoles(x.roles), connected: x.connected })),
  }));
}

/**
 * The ready button's words in the view's phase (`short`: as a phone shows them). The last
 * round's review leads to the final scores, not to a next round (docs/RULES.md, §2).
 */
export function readyLabel(view: Pick<ClientView, "phase" | "round" | "settings">, short = false): string {
  const phase = view.phase as "event" | "negotiation" | "review";
  if (phase === "review" && view.round >= view.settings.rounds) return t(short ? "bar.ready.lastReview.short" : "bar.ready.lastReview");
  return t(short ? `bar.ready.${phase}.short` : `bar.ready.${phase}`);
}

/**
 * "4 of 7 seats done" (shared/protocol/view.ts `seatsDone`), and where no person plays
 * (`personPlays`, or the class status's `people`) that the clock ends the
 * phase: every seat may be done, yet a table of bots alone waits for its clock.
 */
export const doneText = (done: { count: number; total: number }, people: boolean): string => t(people ? "bar.readyCount" : "bar.readyCount.clock", done);

/** A game's length as a creation form has it typed: rounds, minutes of negotiation, seconds of event card and review. */
export type TypedLength = { rounds: string; minutes: string; eventSeconds: string; reviewSeconds: string };

/**
 * The game and class forms' rounds and clocks, checked as the server bounds them: the settings,
 * or the first field out of its range in words.
 */
export function gameLength(typed: TypedLength): { ok: true; rounds: number; negotiationSeconds: number; eventSeconds: number; reviewSeconds: number } | { ok: false; problem: string } {
  const out = (name: "start.rounds" | "start.negotiationMinutes" | "start.eventSeconds" | "start.reviewSeconds", range: { min: number; max: number }) => ({ ok: false as const, problem: `${t(name)}${t("misc.colon")}${t("invalid.range", range)}` });
  const rounds = Number(typed.rounds);
  const minutes = Number(typed.minutes);
  if (!Number.isInteger(rounds) || rounds < 1 || rounds > 12) return out("start.rounds", { min: 1, max: 12 });
  if (!(minutes >= 0.5 && minutes <= 120)) return out("start.negotiationMinutes", { min: 0.5, max: 120 });
  const eventSeconds = Number(typed.eventSeconds);
  const reviewSeconds = Number(typed.reviewSeconds);
  for (const [value, bounds, name] of [[eventSeconds, EVENT_SECONDS, "start.eventSeconds"], [reviewSeconds, REVIEW_SECONDS, "start.reviewSeconds"]] as const)
    if (!Number.isInteger(value) || value < bounds.min || value > bounds.max) return out(name, bounds);
  return { ok: true, rounds, negotiationSeconds: Math.round(minutes * 60), eventSeconds, reviewSeconds };
}
