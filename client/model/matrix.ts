/**
 * Matrix actions, the free-form moves a seat argues for and the facilitator rules on. A player
 * writes three parts — what we do, so that what happens, because why — and the engine keeps
 * one sentence; `composeMatrix` joins the parts and `splitMatrix` finds them again for display.
 * Lists for a seat (its own submissions first) and the facilitator's queue. Pure.
 */
import type { RulingLine } from "../../shared/engine/preview.ts";
import { country, type Text } from "../../shared/engine/text.ts";
import type { MatrixAction } from "../../shared/engine/types.ts";
import type { ClientView } from "../../shared/protocol/view.ts";
import { currentLocale, label, render, sentence, t } from "../i18n/index.ts";
import { num, pct } from "./format.ts";
import { keyLabel } from "./review.ts";

export type MatrixParts = { action: string; aim: string; reason: string };

/** The engine's bounds on the sentence (PlayerMoveSchema "matrix"). */
export const MATRIX_MIN = 10;
export const MATRIX_MAX = 600;
const PART_MIN = 3;

/**
 * The words that join the three parts, in the writer's language (the sentence is the player's
 * own, read by everyone as written); `splitMatrix` finds the parts by any language's words.
 */
const JOINS: Record<string, { soThat: string; because: string }> = {
  en: { soThat: ", so that ", because: ", because " },
  zh: { soThat: "，以便", because: "，因为" },
};
const joinsFor = (locale: string) => JOINS[locale.split("-")[0]!] ?? JOINS.en!;

const tidy = (s: string) => s.trim().replace(/\s+/g, " ").replace(/[.,;:!\s。，；：！]+$/, "");

/** "We fund a gallium recycling plant, so that our fabs keep running, because the ban bites." */
export function composeMatrix(p: MatrixParts, locale = currentLocale()): string {
  const action = tidy(p.action);
  // The fields are labelled "so that…" and "because…": a player who types the words again gets them once.
  const aim = tidy(p.aim).replace(/^(?:so that|in order that|以便|为了)[\s,，]*/i, "");
  const reason = tidy(p.reason).replace(/^(?:because)[\s,，]+|^(?:因为|由于)[\s,，]*/i, "");
  const first = action ? action.charAt(0).toUpperCase() + action.slice(1) : "";
  const { soThat, because } = joinsFor(locale);
  const end = locale.startsWith("zh") ? "。" : ".";
  return `${first}${aim ? `${soThat}${aim}` : ""}${reason ? `${because}${reason}` : ""}${end}`;
}

/** The three parts of a sentence `composeMatrix` made; a sentence written otherwise is all action. */
export function splitMatrix(text: string): MatrixParts {
  const body = text.trim().replace(/[.。]$/, "");
  for (const { soThat, because } of Object.values(JOINS)) {
    const i = body.indexOf(soThat);
    const j = body.indexOf(because, i >= 0 ? i + soThat.length : 0);
    if (i >= 0 && j >= 0) return { action: body.slice(0, i), aim: body.slice(i + soThat.length, j), reason: body.slice(j + because.length) };
  }
  return { action: text.trim(), aim: "", reason: "" };
}

/** Problems with the parts, by field (`action`, `aim`, `reason`, `form`); empty when it can be sent. */
export function matrixProblems(p: MatrixParts): Partial<Record<keyof MatrixParts | "form", string>> {
  const out: Partial<Record<keyof MatrixParts | "form", string>> = {};
  if (tidy(p.action).length < PART_MIN) out.action = t("pmatrix.invalid.action");
  if (tidy(p.aim).length < PART_MIN) out.aim = t("pmatrix.invalid.aim");
  if (tidy(p.reason).length < PART_MIN) out.reason = t("pmatrix.invalid.reason");
  const length = composeMatrix(p).length;
  if (length > MATRIX_MAX) out.form = t("pmatrix.invalid.long", { count: length, max: MATRIX_MAX });
  else if (!Object.keys(out).length && length < MATRIX_MIN) out.form = t("pmatrix.invalid.short", { min: MATRIX_MIN });
  return out;
}

/** When a seat may submit (the engine allows it in these phases). */
export function canSubmitMatrix(view: Pick<ClientView, "viewer" | "phase">): boolean {
  return view.viewer.kind === "seat" && (view.phase === "event" || view.phase === "negotiation" || view.phase === "review");
}

/** A seat's own actions (newest first) and everyone else's ruled ones (newest first). */
export function matrixLists(view: Pick<ClientView, "viewer" | "matrix">): { mine: MatrixAction[]; others: MatrixAction[] } {
  const me = view.viewer.kind === "seat" ? view.viewer.seat : undefined;
  const byNewest = (a: MatrixAction, b: MatrixAction) => Number(b.id.slice(1)) - Number(a.id.slice(1));
  const all = [...(view.matrix ?? [])].sort(byNewest);
  return { mine: all.filter((m) => m.seat === me), others: all.filter((m) => m.seat !== me && m.status !== "pending") };
}

/**
 * The rulings since `prev`, each in words for a flash: a seat hears of its own actions whichever
 * tab is open, not only in the Deals panel's list; the room (an observer, the projector) of every
 * one, with the facilitator's note, as the ruling is announced to all. The facilitator, who
 * ruled, hears of none.
 */
export function freshRulings(prev: Pick<ClientView, "viewer" | "matrix"> | undefined, view: Pick<ClientView, "viewer" | "matrix">): string[] {
  if (!prev || view.viewer.kind === "facilitator") return [];
  // An observer never sees an action pending: a ruled one new to its view is fresh.
  const was = new Map((prev.matrix ?? []).map((m) => [m.id, m.status]));
  const fresh = (m: MatrixAction) => m.status !== "pending" && (was.get(m.id) ?? "pending") === "pending";
  const { mine, others } = matrixLists(view);
  if (view.viewer.kind === "seat") return mine.filter(fresh).reverse().map((m) => t("flash.ruling", { id: m.id, ruling: rulingText(m) }));
  return others
    .filter(fresh)
    .reverse()
    .map((m) => [sentence("flash.rulingOf", { id: m.id, country: { ref: "country", id: m.seat }, ruling: rulingText(m) }), m.note ? t("matrix.note", { note: m.note }) : ""].filter(Boolean).join("\n"));
}

/** The facilitator's queue: pending actions, oldest first, and rulings already announced, newest first. */
export function matrixQueue(view: Pick<ClientView, "matrix">): { pending: MatrixAction[]; ruled: MatrixAction[] } {
  const all = view.matrix ?? [];
  const n = (m: MatrixAction) => Number(m.id.slice(1));
  return {
    pending: all.filter((m) => m.status === "pending").sort((a, b) => n(a) - n(b)),
    ruled: all.filter((m) => m.status !== "pending").sort((a, b) => n(b) - n(a)),
  };
}

/** "accepted", "succeeded on a roll (chance 60%)". */
export function rulingText(m: Pick<MatrixAction, "status" | "odds">): string {
  const base = label("matrix.status", m.status);
  return m.odds !== undefined && (m.status === "succeeded" || m.status === "failed") ? `${base}${t("misc.aside", { text: t("matrix.odds", { odds: pct(m.odds) }) })}` : base;
}

/** The engine's preview of a ruling (shared/engine/preview.ts `previewRuling`), as the server sends it. */
export type RulingPreviewAnswer = { lines: RulingLine[]; scores: { country: string; from: number; to: number }[]; notes: Text[] };

/**
 * A ruling's preview as the console's ruling form lists it, a line each: every number it changes
 * ("Japan: Security 48 → 53", "Table: Tension 38 → 41"), then every score that moves, then what
 * it sets off (a government falls), in the news's words.
 */
export function rulingPreviewLines(p: RulingPreviewAnswer): string[] {
  const fromTo = (x: { from: number; to: number }) => ({ from: num(x.from), to: num(x.to) });
  return [
    ...p.lines.map((l) => (l.subject === "table" ? t("ruling.preview.table", { metric: keyLabel(l.key), ...fromTo(l) }) : sentence("ruling.preview.line", { who: country(l.subject), metric: keyLabel(l.key), ...fromTo(l) }))),
    ...p.scores.map((x) => sentence("ruling.preview.score", { who: country(x.country), ...fromTo(x) })),
    ...p.notes.map(render),
  ];
}
