/**
 * The control cell's injects and rulings as form models: a custom event card (title, text,
 * effects, now or a later round) and the effects of a matrix ruling. `validateInject` and
 * `validateEffects` check every field before anything is sent and name the field that is
 * wrong, in the catalog's words; the server still decides (and its refusals are shown as they
 * come). `describeEffect` says an effect in one line (`describeEffects` several) for lists, the timeline and rulings. Pure.
 */
import { RESTRICTION_ROUNDS_MAX, type Effect, type Pressure } from "../../shared/scenario/schema.ts";
import type { FacilitatorCommand } from "../../shared/protocol/messages.ts";
import { CustomEffectSchema, type CardTexts } from "../../shared/engine/actions.ts";
import { SCENARIO_LANGUAGES, type ScenarioLanguage } from "../../shared/scenario/languages.ts";
import { COUNTRY_METRICS, SECTORS, STANCES, type CountryMetric, type Sector, type Stance, type TableMetric } from "../../shared/engine/vocabulary.ts";
import type { ClientView, DeckCard } from "../../shared/protocol/view.ts";
import { label, render, sentenceNaming, t, tn, type Key } from "../i18n/index.ts";
import { plainText } from "../../shared/scenario/plain-issues.ts";
import { country, ref, type Arg } from "../../shared/engine/text.ts";
import { readingOrder } from "./board.ts";
import { countryName } from "./deals.ts";
import { cardTitle } from "./facilitator.ts";
import { signed } from "./format.ts";

/** Who an effect may name besides one country (the engine's groups). */
export const TARGET_GROUPS = ["all", "seats", "alliance", "rival", "swing", "partner"] as const;
export type TargetGroup = (typeof TARGET_GROUPS)[number];

/**
 * The groups an effect may name in this scenario: everyone, the seats when some country is one,
 * and each bloc some country belongs to (a country's `bloc` in shared/scenario/schema.ts; the
 * engine expands a group to its members, shared/engine/effects.ts `targetIds`, so a bloc with no
 * country names nobody). Alliance 2021 has no swing states and lists none. `keep`: a group
 * already chosen (a row being edited) stays offered. Countries whose bloc is unknown offer every group.
 */
export function targetGroups(view: { countries: readonly { bloc?: string; control?: string }[] }, keep?: string): TargetGroup[] {
  const cs = view.countries;
  if (!cs.length || cs.some((c) => c.bloc === undefined)) return [...TARGET_GROUPS];
  return TARGET_GROUPS.filter((g) => g === "all" || g === keep || (g === "seats" ? cs.some((c) => c.control === undefined || c.control === "seat") : cs.some((c) => c.bloc === g)));
}

/**
 * A group as the effects form offers it: a bloc of a few countries names them, "The rival bloc
 * (China)" (sentences keep the group's own label, "the alliance's rival bloc", true from any seat).
 */
export function groupOption(view: Named, g: TargetGroup): string {
  const members = g === "all" || g === "seats" ? [] : view.countries.filter((c) => c.bloc === g);
  const name = g === "rival" ? t("inject.group.rival") : label("group", g);
  return members.length && members.length <= 4 ? name + t("misc.aside", { text: members.map((c) => c.name).join(t("misc.comma")) }) : name;
}

export const EFFECT_KINDS = ["metric", "table", "capability", "capital", "stance", "restriction"] as const;
export type EffectKind = (typeof EFFECT_KINDS)[number];

/** One row of the effects editor, as typed (the amount is the field's text). */
export type EffectDraft = {
  kind: EffectKind;
  target: string;
  metric: CountryMetric;
  tableMetric: TableMetric;
  sector: Sector;
  stance: Stance;
  amount: string;
  /** A restriction's supplier (its `target` is who is cut off) and how many rounds it lasts, as typed. */
  by: string;
  rounds: string;
};

export type InjectDraft = {
  title: string;
  text: string;
  /** The card's words in other languages, as typed (empty fields: that language reads the card's own). */
  translations?: CardTranslationDrafts;
  /** "" = now; otherwise the round number it is scheduled for. */
  when: string;
  effects: EffectDraft[];
};

/** A card's title and text as typed, by language (client/ui/console/card-languages.ts). */
export type CardTranslationDrafts = Partial<Record<ScenarioLanguage, { title: string; text: string }>>;

/**
 * The card's words in other languages, checked: a language with neither field typed is left out
 * (its readers read the card's own words); one with either needs both, within the same lengths.
 * Problems are keyed `title.<lang>` and `text.<lang>`.
 */
export function validateCardTexts(drafts: CardTranslationDrafts | undefined): { texts?: CardTexts; problems: Problems } {
  const problems: Problems = {};
  const texts: CardTexts = {};
  for (const lang of SCENARIO_LANGUAGES) {
    const title = drafts?.[lang]?.title.trim() ?? "";
    const text = drafts?.[lang]?.text.trim() ?? "";
    if (!title && !text) continue;
    if (!title) problems[`title.${lang}`] = t("inject.invalid.title");
    else if (title.length > TITLE_MAX) problems[`title.${lang}`] = t("inject.invalid.tooLong", { max: TITLE_MAX, count: title.length });
    if (!text) problems[`text.${lang}`] = t("inject.invalid.text");
    else if (text.length > TEXT_MAX) problems[`text.${lang}`] = t("inject.invalid.tooLong", { max: TEXT_MAX, count: text.length });
    texts[lang] = { title, text };
  }
  return Object.keys(texts).length && !Object.keys(problems).length ? { texts, problems } : { problems };
}

/** Field → problem. Keys: `title`, `text`, `when`, `effects`, `effects.N.target`, `effects.N.amount`, `effects.N.by`, `effects.N.rounds`, `effects.N.kind`, `odds`, `note`. */
export type Problems = Record<string, string>;

export const MAX_EFFECTS = 12;
export const TITLE_MAX = 100;
export const TEXT_MAX = 600;
export const NOTE_MAX = 300;
/** The longest supply cut-off an effect may impose: the scenario schema's. */
export { RESTRICTION_ROUNDS_MAX };

type Ctx = Pick<ClientView, "countries" | "round" | "phase" | "settings">;
/** What naming a country needs: the game view, or the class console's list of the scenario's countries. */
export type Named = { countries: readonly { id: string; name: string; inSentence?: string; bloc?: string; control?: string }[] };

export function emptyEffect(kind: EffectKind = "metric", target = "all"): EffectDraft {
  return { kind, target, metric: COUNTRY_METRICS[0], tableMetric: "tension", sector: SECTORS[0], stance: STANCES[2], amount: "", by: "", rounds: "1" };
}

/** Which inputs a row shows for its kind. */
export function effectParts(kind: EffectKind): { by: boolean; target: boolean; metric: boolean; tableMetric: boolean; sector: boolean; stance: boolean; amount: boolean; rounds: boolean } {
  return {
    by: kind === "restriction",
    target: kind !== "table",
    metric: kind === "metric",
    tableMetric: kind === "table",
    sector: kind === "capability" || kind === "restriction",
    stance: kind === "stance",
    amount: kind !== "stance" && kind !== "restriction",
    rounds: kind === "restriction",
  };
}

/** The range an amount must lie in: capabilities are on a 0–10 scale, the rest on 0–100. */
export function amountRange(kind: EffectKind): { min: number; max: number } {
  return kind === "capability" ? { min: -5, max: 5 } : { min: -50, max: 50 };
}

const isGroup = (id: string): id is TargetGroup => (TARGET_GROUPS as readonly string[]).includes(id);

/** Parses a typed number the way people type it: "−5" (a real minus), "-5", "+2.5", "2,5". */
export function parseAmount(text: string): number | undefined {
  const clean = text.trim().replace(/[−–]/g, "-").replace(",", ".").replace(/^\+/, "");
  if (!clean || !/^-?\d+(\.\d+)?$/.test(clean)) return undefined;
  return Number(clean);
}

/** Checks effect rows; returns the engine's effects when every row is right. */
export function validateEffects(ctx: Named, rows: EffectDraft[], prefix = "effects"): { effects: Effect[]; problems: Problems } {
  const problems: Problems = {};
  const effects: Effect[] = [];
  if (rows.length > MAX_EFFECTS) problems[prefix] = t("inject.invalid.tooMany", { max: MAX_EFFECTS });
  const known = new Set(ctx.countries.map((c) => c.id));
  rows.forEach((r, i) => {
    const at = (f: string) => `${prefix}.${i}.${f}`;
    const parts = effectParts(r.kind);
    if (parts.target) {
      if (!r.target) problems[at("target")] = t("inject.invalid.who");
      else if (r.kind === "stance" && isGroup(r.target)) problems[at("target")] = t("inject.invalid.stanceGroup");
      else if (!isGroup(r.target) && !known.has(r.target)) problems[at("target")] = t("inject.invalid.unknownCountry", { id: r.target });
      else if (r.kind === "restriction" && r.target === r.by) problems[at("target")] = t("inject.invalid.restrictSelf");
    }
    if (parts.by) {
      if (!r.by) problems[at("by")] = t("inject.invalid.by");
      else if (!known.has(r.by)) problems[at("by")] = t("inject.invalid.unknownCountry", { id: r.by });
    }
    let rounds = 0;
    if (parts.rounds) {
      const n = parseAmount(r.rounds);
      if (n === undefined || !Number.isInteger(n) || n < 1 || n > RESTRICTION_ROUNDS_MAX) problems[at("rounds")] = t("inject.invalid.rounds", { max: RESTRICTION_ROUNDS_MAX });
      else rounds = n;
    }
    let amount = 0;
    if (parts.amount) {
      const { min, max } = amountRange(r.kind);
      const n = parseAmount(r.amount);
      if (!r.amount.trim()) problems[at("amount")] = t("inject.invalid.amountMissing");
      else if (n === undefined) problems[at("amount")] = t("inject.invalid.amountNumber");
      else if (n < min || n > max) problems[at("amount")] = t(r.kind === "capability" ? "inject.invalid.capabilityRange" : "inject.invalid.amountRange", { min: signed(min, 0), max: signed(max, 0) });
      else if (n === 0) problems[at("amount")] = t("inject.invalid.amountZero");
      else amount = n;
    }
    if (Object.keys(problems).some((k) => k.startsWith(`${prefix}.${i}.`))) return;
    const effect = toEffect(r, amount, rounds);
    // The server's own schema for a custom card's effect has the last word on the row.
    const checked = CustomEffectSchema.safeParse(effect);
    if (checked.success) effects.push(checked.data);
    else problems[at("kind")] = checked.error.issues.map((x) => render(plainText(x, effect, CustomEffectSchema))).join(t("misc.listJoin"));
  });
  return { effects, problems };
}

function toEffect(r: EffectDraft, amount: number, rounds: number): Effect {
  switch (r.kind) {
    case "metric":
      return { kind: "metric", target: r.target, metric: r.metric, amount };
    case "table":
      return { kind: "table", metric: r.tableMetric, amount };
    case "capability":
      return { kind: "capability", target: r.target, sector: r.sector, amount };
    case "capital":
      return { kind: "capital", target: r.target, amount };
    case "stance":
      return { kind: "stance", target: r.target, stance: r.stance };
    case "restriction":
      return { kind: "restriction", by: r.by, sector: r.sector, on: r.target, rounds };
  }
}

/** The rounds a card may be scheduled for: after the current one, up to the last. */
export function laterRounds(ctx: Pick<ClientView, "round" | "settings" | "phase">): number[] {
  if (ctx.phase === "ended") return [];
  const out: number[] = [];
  for (let r = Math.max(ctx.round + 1, 1); r <= ctx.settings.rounds; r++) out.push(r);
  return out;
}

/** A card of the deck as the console lists it; `waitsFor`: the title of the card it answers, when the engine would not play it yet. */
export type DeckRow = { id: string; title: string; date: string; card?: DeckCard; waitsFor?: string };

/**
 * The deck's cards as the console lists them: by date, earliest first, as the event strip reads
 * a round's cards (./board.ts `readingOrder`). A card that answers one not played yet carries
 * that card's title: the engine refuses to play or schedule it (shared/engine/deck.ts
 * `waitingCards`, which the facilitator's view carries as `deckWaiting`).
 */
export function deckRows(view: Pick<ClientView, "deckRemaining" | "deckCards" | "deckWaiting" | "scheduled">): DeckRow[] {
  const known = [...(view.deckCards ?? []), ...(view.scheduled ?? []).map((s) => s.card)];
  const rows = (view.deckRemaining ?? []).map((id) => {
    const card = view.deckCards?.find((c) => c.id === id);
    const first = view.deckWaiting?.[id];
    return { id, title: cardTitle(id, view.deckCards), date: card?.date ?? "", ...(card ? { card } : {}), ...(first ? { waitsFor: cardTitle(first, known) } : {}) };
  });
  return readingOrder(rows);
}

/** Whether a card can be played now (the engine allows it during the event and negotiation). */
export function canPlayNow(ctx: Pick<ClientView, "phase">): boolean {
  return ctx.phase === "event" || ctx.phase === "negotiation";
}

export type Checked<T> = { ok: true; value: T } | { ok: false; problems: Problems };

/** Checks a custom card; gives the `custom-event` command when it is right. */
export function validateInject(ctx: Ctx, draft: InjectDraft): Checked<Extract<FacilitatorCommand, { type: "custom-event" }>> {
  const problems: Problems = {};
  const title = draft.title.trim();
  const text = draft.text.trim();
  if (!title) problems.title = t("inject.invalid.title");
  else if (title.length > TITLE_MAX) problems.title = t("inject.invalid.tooLong", { max: TITLE_MAX, count: title.length });
  if (!text) problems.text = t("inject.invalid.text");
  else if (text.length > TEXT_MAX) problems.text = t("inject.invalid.tooLong", { max: TEXT_MAX, count: text.length });
  let round: number | undefined;
  if (ctx.phase === "ended") problems.when = t("inject.invalid.ended");
  else if (!draft.when) {
    if (!canPlayNow(ctx)) problems.when = laterRounds(ctx).length ? t("inject.invalid.notNow", { phase: label("phase", ctx.phase) }) : t("inject.invalid.noRoundLeft");
  } else {
    const r = Number(draft.when);
    if (!laterRounds(ctx).includes(r)) problems.when = t("inject.invalid.round", { round: draft.when, rounds: ctx.settings.rounds });
    else round = r;
  }
  const checked = validateEffects(ctx, draft.effects);
  Object.assign(problems, checked.problems);
  const translated = validateCardTexts(draft.translations);
  Object.assign(problems, translated.problems);
  if (Object.keys(problems).length) return { ok: false, problems };
  return { ok: true, value: { type: "custom-event", title, text, effects: checked.effects, ...(translated.texts ? { texts: translated.texts } : {}), ...(round ? { round } : {}) } };
}

export type RulingDraft = { ruling: "accept" | "refuse" | "roll"; odds: string; note: string; effects: EffectDraft[] };

/** Checks a ruling on a matrix action; gives the `rule-matrix` command when it is right. A refusal carries no effects. */
export function validateRuling(ctx: Pick<ClientView, "countries">, matrixId: string, draft: RulingDraft): Checked<Extract<FacilitatorCommand, { type: "rule-matrix" }>> {
  const problems: Problems = {};
  const note = draft.note.trim();
  if (note.length > NOTE_MAX) problems.note = t("inject.invalid.tooLong", { max: NOTE_MAX, count: note.length });
  let odds: number | undefined;
  if (draft.ruling === "roll") {
    const n = parseAmount(draft.odds);
    if (n === undefined || n < 0 || n > 100) problems.odds = t("ruling.invalid.odds");
    else odds = Math.round(n) / 100;
  }
  let effects: Effect[] = [];
  if (draft.ruling !== "refuse") {
    const checked = validateEffects(ctx, draft.effects);
    Object.assign(problems, checked.problems);
    effects = checked.effects;
  }
  if (Object.keys(problems).length) return { ok: false, problems };
  return { ok: true, value: { type: "rule-matrix", matrixId, ruling: draft.ruling, ...(odds !== undefined ? { odds } : {}), effects, note } };
}

/**
 * Who an effect names, as its sentence's argument: a group as a sentence reads it ("to the
 * alliance", "The alliance: …" opening one), or a country's bare name, as a label ("Japan: Trust −5").
 */
function who(view: Named, target: string): Arg {
  return isGroup(target) ? ref("group", target) : countryName(view, target);
}

/** Several effects in one line, as phrases of a list: "Japan: Trust −5; Table: Tension +3". */
export function describeEffects(view: Named, effects: readonly Effect[]): string {
  return effects.map((e) => describeEffect(view, e)).join(t("misc.listJoin"));
}

/**
 * A card's effects as the console lists them, one line each: its plain effects, then each
 * pressure's conditional effects with their condition ("Unless a regime on semiconductors
 * against China includes the United States — …", "If one does — …"), in the same short form.
 */
export function cardEffectLines(view: Named, card: { effects: readonly Effect[]; pressures?: readonly Pressure[] }): string[] {
  const of = (id: string) => view.countries.find((c) => c.id === id);
  const names = { country: (id: string) => of(id)?.name, countryInSentence: (id: string) => of(id)?.inSentence };
  const lines = card.effects.length ? [describeEffects(view, card.effects)] : [];
  for (const p of card.pressures ?? []) {
    const r = p.regime;
    const args = { sector: ref("sector", r.sector, true), target: country(r.target), members: { list: r.members.map((m) => country(m)) }, share: Math.round(r.atLeast * 100) };
    if (p.unless.length) lines.push(sentenceNaming(names, r.atLeast > 0 ? "effect.pressure.unlessAtLeast" : "effect.pressure.unless", { ...args, effects: describeEffects(view, p.unless) }));
    if (p.met.length) lines.push(t("effect.pressure.met", { effects: describeEffects(view, p.met) }));
  }
  return lines;
}

/** One effect in words: "Japan: Trust −5", "Table: Tension +3", "Kenya: stance → hedging". */
export function describeEffect(view: Named, e: Effect): string {
  // Countries named from `view`: the class console has no game whose names the translator holds.
  const of = (id: string) => view.countries.find((c) => c.id === id);
  const sentence = (key: Key, args: Record<string, Arg>) => sentenceNaming({ country: (id) => of(id)?.name, countryInSentence: (id) => of(id)?.inSentence }, key, args);
  switch (e.kind) {
    case "metric":
      return sentence("effect.metric", { who: who(view, e.target), metric: label("metric", e.metric), amount: signed(e.amount) });
    case "table":
      return t("effect.table", { metric: label("metric", e.metric), amount: signed(e.amount) });
    case "capability":
      return sentence("effect.capability", { who: who(view, e.target), sector: label("sector", e.sector), amount: signed(e.amount) });
    case "capital":
      return sentence("effect.capital", { who: who(view, e.target), amount: signed(e.amount) });
    case "stance":
      return sentence("effect.stance", { who: who(view, e.target), stance: label("stance", e.stance) });
    case "restriction":
      return sentence("effect.restriction", { by: country(e.by), sector: ref("sector", e.sector, true), on: isGroup(e.on) ? ref("group", e.on) : country(e.on), rounds: tn("deal.duration", e.rounds) });
  }
}
