/**
 * How a seat values drafts within one decision: its own value (with the parts it explains, or
 * the number alone), the draft checked against the engine's preview when it answers a person, and how
 * it expects another seat to value a draft. Each is kept in the decision's `Mind` (mind.ts), so
 * a draft is projected and valued once per call. Also the public `appraise` and `valuations`.
 */
import type { Draft } from "../engine/actions.ts";
import type { PreviewLine } from "../engine/preview.ts";
import type { Agreement } from "../engine/types.ts";
import type { BotContext } from "./context.ts";
import { country, project, type Projection } from "./model.ts";
import { isPersonality, profileFor } from "./personality.ts";
import { valueFor, worthFor, type Valuation } from "./value.ts";
import { said } from "./speech.ts";
import type { Text } from "../engine/text.ts";
import { exactMind, mindOf, type BotOptions, type Mind } from "./mind.ts";

/** The model's projection of a draft, once per decision. */
function projectOf(m: Mind, draft: Pick<Draft, "terms" | "parties" | "duration">): Projection {
  let p = m.projections.get(draft);
  if (!p) m.projections.set(draft, (p = project(m.w, draft)));
  return p;
}

/** Its own valuation of a draft, with its parts: the model's, or with the engine's preview `lines` for this round (`valuations`). */
export function valueOwn(m: Mind, draft: Pick<Draft, "terms" | "parties" | "duration">, lines?: PreviewLine[]): Valuation {
  if (lines) return valueOwnOf(m, draft, lines);
  let v = m.own.get(draft);
  if (!v) m.own.set(draft, (v = valueOwnOf(m, draft)));
  return v;
}

/** Its own value of a draft, the number alone (as `valueOwn(m, draft).value`). */
export function worthOwn(m: Mind, draft: Pick<Draft, "terms" | "parties" | "duration">): number {
  let v = m.worth.get(draft) ?? m.own.get(draft)?.value;
  if (v === undefined) m.worth.set(draft, (v = worthFor(m.w, m.o, m.me, projectOf(m, draft), m.profile, m.optionsFor(draft))));
  return v;
}

function valueOwnOf(m: Mind, draft: Pick<Draft, "terms" | "parties" | "duration">, lines?: PreviewLine[]): Valuation {
  const proj = projectOf(m, draft);
  const opts = m.optionsFor(draft);
  const v = valueFor(m.w, m.o, m.me, proj, m.profile, lines ? { ...opts, preview: lines } : opts);
  // Its secret objective counts, but what it says never names it (speech.ts: "a goal of our own").
  const secret = m.secret;
  if (secret !== undefined) for (const p of v.parts) if (p.objective?.id === secret) (p.label = "secret"), delete p.objective;
  return v;
}

/**
 * Its value of a draft it may put its name to: the one it signs an offer of those terms by
 * (answers.ts `offerValue`: the model's), so what it tells people of a deal (talk.ts, the "What
 * would it take?" button) is what it then does with it, yes or no. Answering people (`m.exact`),
 * null when the engine's preview refuses the draft.
 */
export function confirmed(m: Mind, draft: Draft): Valuation | null {
  if (m.exact && !previewDraft(m, draft)) return null;
  return valueOwn(m, draft);
}

function previewDraft(m: Mind, draft: Draft): PreviewLine[] | null {
  const p = m.ctx.preview({ draft });
  return p.ok ? p.lines : null;
}

export function asDraft(a: Agreement): Draft {
  return { terms: a.terms, parties: a.parties, duration: a.duration };
}

/** How a country other than this bot would likely value a draft (public objectives, its personality). */
export function theirValue(m: Mind, who: string, draft: Draft): number {
  const c = country(m.w, who);
  if (c.control !== "seat") return 0;
  let byWho = m.theirs.get(draft);
  if (!byWho) m.theirs.set(draft, (byWho = new Map()));
  let v = byWho.get(who);
  if (v === undefined) {
    const profile = profileFor(isPersonality(c.personality) ? c.personality : "pragmatist");
    v = worthFor(m.w, m.o, who, projectOf(m, draft), profile, { objectives: c.objectives }) - profile.threshold;
    byWho.set(who, v);
  }
  return v;
}

/**
 * How this seat values a draft it is a party to, in score points, with the reason it would
 * give: the value it would sign an offer of those terms by (`confirmed`).
 */
export function appraise(ctx: BotContext, draft: Draft, options: BotOptions = {}): { value: number; threshold: number; reason: Text; parts: Valuation["parts"] } | null {
  const m = exactMind(ctx, options);
  const v = confirmed(m, draft);
  if (!v) return null;
  return { value: v.value, threshold: m.profile.threshold, parts: v.parts, reason: said(v.value >= m.profile.threshold ? "worth" : "notWorth", v) };
}

/**
 * A draft's value to this seat by the model alone (what its own moves use) and with the
 * engine's preview for this round (exact): tests/bots/valuation.test.ts keeps them together.
 */
export function valuations(ctx: BotContext, draft: Draft, options: BotOptions = {}): { model: number; exact: number; threshold: number } | null {
  const m = mindOf(ctx, options);
  const lines = previewDraft(m, draft);
  if (!lines) return null;
  return { model: valueOwn(m, draft).value, exact: valueOwn(m, draft, lines).value, threshold: m.profile.threshold };
}
