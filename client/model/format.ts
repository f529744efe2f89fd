/** Numbers and times as the panels show them. Pure. */
import { currentLocale, label, list, refName, t } from "../i18n/index.ts";
import { actingMinistries } from "../../shared/protocol/view.ts";
import { ROLES } from "../../shared/engine/vocabulary.ts";
import { ref } from "../../shared/engine/text.ts";
import { CAUSE_DIGITS, clockLocale, heldMinistries, ministryList, momentText, numberFormat, roundAway as r, signedNumber, TIME_OF_DAY } from "../i18n/translator.ts";

/** A value with at most one decimal: 55, 12.5. */
export function num(x: number, digits = 1): string {
  // One formatter by locale and digits, shared with the translator: making one costs ~50 µs, and a panel shows hundreds of numbers.
  return numberFormat(currentLocale(), digits).format(r(x, digits));
}

/** A change with its sign: +1.5, −0.3, ±0. Uses the real minus sign. */
export function signed(x: number, digits = 1): string {
  return signedNumber(currentLocale(), x, digits);
}

/**
 * A change as a reader can check it against the values shown beside it ("from 50 to 50.9"): the
 * difference of the two shown values, so "+0.9 from 50 to 50.9", never "+1" from rounding the
 * exact change (0.95) apart from them.
 */
export function shownChange(from: number, to: number, digits = 1): number {
  return r(r(to, digits) - r(from, digits), digits);
}

/** A cause's amount, to the decimals it has on every screen and in the report (`CAUSE_DIGITS`). */
export const causeAmount = (x: number) => signed(x, CAUSE_DIGITS);
export { CAUSE_DIGITS };

/** A share 0..1 as a percentage. */
export function pct(x: number): string {
  return `${Math.round(x * 100)}%`;
}

/** Milliseconds as m:ss (or h:mm:ss), never negative. */
export function clock(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${ss}` : `${m}:${ss}`;
}

/** Up, down or flat, with a threshold below which a change does not count. */
export function trend(delta: number, epsilon = 0.05): "up" | "down" | "flat" {
  return delta > epsilon ? "up" : delta < -epsilon ? "down" : "flat";
}

/** Metrics where a rise is bad news (the review's, the preview's and the replay's colours). */
const DOWN_IS_GOOD = new Set(["divide", "tension"]);
/** Whether a rise of the metric `key` (a review row's key: "tension", "capital", "capability:chips"...) is good news. */
export function goodWhenUp(key: string): boolean {
  return !DOWN_IS_GOOD.has(key);
}

/**
 * A 0–100 metric's `<meter>` bands. The browser paints a meter without bands green whatever its
 * value, so a lower-is-better metric (the tech divide, tension) names its optimum at 0: green up
 * to 35, amber to 65, red above (the divide's 70 drew a full green bar). Others stay plain.
 */
export function meterBands(key: string): { low?: number; high?: number; optimum?: number } {
  return goodWhenUp(key) ? {} : { low: 35, high: 65, optimum: 0 };
}

/** The browser's languages, most wanted first (none outside a browser that says). */
function browserLanguages(): readonly string[] {
  if (typeof navigator === "undefined") return [];
  return navigator.languages?.length ? navigator.languages : navigator.language ? [navigator.language] : [];
}

/** Times are written in the game's language, as its reader's browser writes it (`clockLocale`: en-GB 20:33, en-US 08:33 PM). */
const timeLocale = () => clockLocale(currentLocale(), browserLanguages());

/** A time of day in the game's language, the reader's zone ("14:05"). */
export function timeOfDay(ms: number): string {
  return new Intl.DateTimeFormat(timeLocale(), TIME_OF_DAY).format(ms);
}

/** A day and its time in the game's language, the zone named, as the after-action report writes them ("Dec 4, 2026, 09:43 PM GMT+8"). */
export function moment(ms: number): string {
  return momentText(timeLocale(), ms);
}

export const ARROWS = { up: "▲", down: "▼", flat: "■" } as const;

/** The projects a country still needs, inside a sentence: "undersea cable, 5G network". */
export function needsText(needs: readonly string[]): string {
  return needs.map((n) => refName(ref("project", n, true))).join(t("misc.comma"));
}

/** A person's ministries, as every list of people names them: "Diplomat, Regulator". */
export const ministries = (roles: readonly string[]): string => ministryList({ t, label }, roles);

/**
 * What a person in a team game can do, as every place that names their seat's role says it:
 * their ministries ("Diplomat, Regulator"), and while nobody else at their seat holds the others,
 * those they act for too ("Diplomat, also acting for Regulator and Economic envoy until teammates
 * join": docs/RULES.md "The three ministries"), from shared/protocol/view.ts `actingMinistries`,
 * the rule the server acts by. `seatHolders`: every holder's own ministries at the seat, theirs
 * included (without them, only their own); `short` for a line with little room ("Diplomat, for now
 * also Regulator", "Diplomat; all three for now"). "" where the game has no teams or they hold all three, where the name says enough
 * (client/i18n/translator.ts `heldMinistries`).
 */
export const ministriesActing = (teams: boolean | undefined, roles: readonly string[] | undefined, seatHolders?: readonly (readonly string[])[], short = false): string => {
  const held = heldMinistries({ t, label }, teams, roles);
  if (!held || !seatHolders) return held;
  const also = actingMinistries(roles!, seatHolders, true).filter((r) => !roles!.includes(r));
  if (!also.length) return held;
  const key = !short ? "seat.acting" : roles!.length + also.length === ROLES.length ? "seat.acting.shortAll" : "seat.acting.short";
  return t(key, { own: held, others: list(also.map((r) => label("role", r))) });
};

/** `ministriesActing` in brackets after a person's name: " (Diplomat)", or nothing. */
export const ministriesAside = (teams: boolean | undefined, roles: readonly string[] | undefined, seatHolders?: readonly (readonly string[])[], short = false): string => {
  const text = ministriesActing(teams, roles, seatHolders, short);
  return text ? t("misc.aside", { text }) : "";
};
