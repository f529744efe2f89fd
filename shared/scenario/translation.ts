/**
 * A scenario's words in another language: a file beside the scenario, assets/scenarios/<lang>/<id>.json,
 * keyed by the scenario's stable ids (countries, objectives, events, standards and their options;
 * targets and debrief questions by position), so the scenario's numbers and order can change
 * without touching it. `translationIssues` names every text without a translation (and every
 * translation of something the scenario no longer has); `translateScenario` puts the words in,
 * keeping English wherever a translation is missing. Pure: no I/O.
 */
import { z } from "zod";
import { SectorEnum, Text, type Scenario } from "./schema.ts";
import { formatPath, parseWith, type PartialScenario, type ScenarioIssue } from "./validate.ts";
import { placeOf } from "./plain-issues.ts";
import { text as says, type Text as Said } from "../engine/text.ts";

import { SCENARIO_LANGUAGES } from "./languages.ts";
import { missingNumbers } from "./numbers.ts";
export { SCENARIO_LANGUAGES, type ScenarioLanguage } from "./languages.ts";

export const ScenarioTextSchema = z.strictObject({
  language: z.enum(SCENARIO_LANGUAGES),
  title: Text(80),
  summary: Text(800),
  /** The summary when a person plays the scripted rival (shared/scenario/red-cell.ts). */
  redCellSummary: Text(800).optional(),
  countries: z.record(
    z.string(),
    z.strictObject({
      name: Text(60),
      profile: Text(600),
      notes: z.partialRecord(SectorEnum, Text(200)).default({}),
      objectives: z.record(z.string(), Text(300)).default({}),
      secret: Text(300).optional(),
      brief: z.strictObject({ interests: Text(400), redLines: Text(300), firstMoves: Text(400) }).optional(),
    }),
  ),
  standards: z.record(z.string(), z.strictObject({ name: Text(60), options: z.record(z.string(), Text(80)) })).default({}),
  events: z.record(z.string(), z.strictObject({ title: Text(100), date: Text(40), text: Text(600) })).default({}),
  targets: z.array(Text(200)).default([]),
  debrief: z.array(Text(400)).default([]),
});
export type ScenarioText = z.infer<typeof ScenarioTextSchema>;

/** What every reader may see of a translation: all but the secret objectives (they travel with each seat's private view). */
export type PublicScenarioText = Omit<ScenarioText, "countries"> & { countries: Record<string, Omit<ScenarioText["countries"][string], "secret">> };

export function publicText(text: ScenarioText): PublicScenarioText {
  const countries: PublicScenarioText["countries"] = {};
  for (const [id, c] of Object.entries(text.countries)) countries[id] = { name: c.name, profile: c.profile, notes: c.notes, objectives: c.objectives, ...(c.brief ? { brief: c.brief } : {}) };
  return { ...text, countries };
}

export type TextResult = { ok: true; text: ScenarioText } | { ok: false; issues: ScenarioIssue[] };

export function parseScenarioText(input: unknown): TextResult {
  const parsed = parseWith(ScenarioTextSchema, input);
  return parsed.ok ? { ok: true, text: parsed.data } : parsed;
}

/** One text of the scenario beside its translation (undefined: none), named by its path in the scenario file. */
export type TextPair = { path: string; place: string; english: string; translated: string | undefined };

/**
 * Every translatable text of the scenario with its translation, in file order. Of a scenario
 * refused for other problems, the texts of what parsed (shared/scenario/validate.ts): an item
 * that did not parse, or whose id another item has too (its translation could be either's), has none.
 */
export function textPairs(s: PartialScenario, text: ScenarioText): TextPair[] {
  const pairs: TextPair[] = [];
  const pair = (path: readonly PropertyKey[], english: string | undefined, translated: string | undefined) => english !== undefined && pairs.push({ path: formatPath(path), place: placeOf(s, path), english, translated });
  pair(["title"], s.title, text.title);
  pair(["summary"], s.summary, text.summary);
  if (s.rival?.redCellSummary) pair(["rival", "redCellSummary"], s.rival.redCellSummary, text.redCellSummary);
  settled(s.countries).forEach((c, i) => {
    if (!c) return;
    const t = text.countries[c.id];
    pair(["countries", i, "name"], c.name, t?.name);
    pair(["countries", i, "profile"], c.profile, t?.profile);
    for (const [sector, data] of Object.entries(c.sectors)) if (data?.chokepointNote) pair(["countries", i, "sectors", sector, "chokepointNote"], data.chokepointNote, t?.notes[sector as keyof typeof t.notes]);
    c.objectives.forEach((o, k) => pair(["countries", i, "objectives", k, "text"], o.text, t?.objectives[o.id]));
    pair(["countries", i, "secret", "text"], c.secret.text, t?.secret);
    if (c.brief) for (const part of ["interests", "redLines", "firstMoves"] as const) pair(["countries", i, "brief", part], c.brief[part], t?.brief?.[part]);
  });
  settled(s.standards).forEach((st, i) => {
    if (!st) return;
    const t = text.standards[st.id];
    pair(["standards", i, "name"], st.name, t?.name);
    st.options.forEach((o, k) => pair(["standards", i, "options", k, "name"], o.name, t?.options[o.id]));
  });
  settled(s.events).forEach((e, i) => {
    if (!e) return;
    const t = text.events[e.id];
    pair(["events", i, "title"], e.title, t?.title);
    pair(["events", i, "date"], e.date, t?.date);
    pair(["events", i, "text"], e.text, t?.text);
  });
  s.targets?.forEach((t, i) => t && pair(["targets", i, "text"], t.text, text.targets[i]));
  s.debrief?.forEach((q, i) => q !== undefined && pair(["debrief", i], q, text.debrief[i]));
  return pairs;
}

/** A list's items with an id no other item has (undefined in place of the others). */
function settled<T extends { id: string }>(list: readonly (T | undefined)[] | undefined): (T | undefined)[] {
  const count = new Map<string, number>();
  for (const x of list ?? []) if (x) count.set(x.id, (count.get(x.id) ?? 0) + 1);
  return (list ?? []).map((x) => (x && count.get(x.id) === 1 ? x : undefined));
}

/** Whether every item of a list parsed and has its own id: only then can a translation of an id it lacks be named. */
const complete = <T extends { id: string }>(list: readonly (T | undefined)[] | undefined): list is T[] => !!list && settled(list).every((x) => x !== undefined);

/**
 * Every text of the scenario without a translation, named by its path in the scenario file and
 * its English; every translation that does not state a number its English states (a stale
 * translation: the English changed "80%" to "60%"); then every translation of an id the
 * scenario does not have (a card since removed).
 */
export function translationIssues(s: PartialScenario, text: ScenarioText): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [];
  const lang = text.language;
  const extra = (where: string, what: Said) => issues.push({ path: `(${lang})`, text: says("scenario.issue.extraTranslation", { where, what }) });
  const untranslatedText = (english: string) => says("scenario.issue.untranslated", { lang, english: clip(english) });

  // A country, a card or a standard with no translation at all is named once, not field by field.
  const untranslated = new Map<string, string>();
  const whole = (path: PropertyKey[]) => untranslated.set(formatPath(path), placeOf(s, path));
  settled(s.countries).forEach((c, i) => c && !text.countries[c.id] && whole(["countries", i]));
  settled(s.standards).forEach((st, i) => st && !text.standards[st.id] && whole(["standards", i]));
  settled(s.events).forEach((e, i) => e && !text.events[e.id] && whole(["events", i]));
  const reported = new Set<string>();
  for (const p of textPairs(s, text)) {
    const [item, place] = [...untranslated].find(([u]) => p.path.startsWith(`${u}.`)) ?? [];
    if (item) {
      if (!reported.has(item)) issues.push({ path: item, place, text: untranslatedText(p.english) });
      reported.add(item);
    } else if (p.translated === undefined) {
      // A brief is translated whole: named once, by its first part.
      const brief = p.path.match(/^(countries\[\d+\]\.brief)\./)?.[1];
      if (brief && reported.has(brief)) continue;
      if (brief) reported.add(brief);
      issues.push({ path: brief ?? p.path, place: brief ? p.place.replace(/ → \w+$/, "") : p.place, text: untranslatedText(p.english) });
    } else {
      const lost = missingNumbers(p.english, p.translated, lang);
      if (lost.length) issues.push({ path: p.path, place: p.place, text: says("scenario.issue.staleNumbers", { lang, numbers: lost.map((n) => `"${n}"`).join(", "), translated: clip(p.translated) }) });
    }
  }

  // Translations of what the scenario does not have: judged only of lists that parsed whole, each item with its own id.
  const countries = s.countries;
  if (complete(countries)) {
    countries.forEach((c) => {
      const t = text.countries[c.id];
      if (!t) return;
      if (!c.brief && t.brief) extra(`countries.${c.id}.brief`, says("scenario.issue.what.brief"));
      const objectiveIds = new Set(c.objectives.map((o) => o.id));
      for (const id of Object.keys(t.objectives)) if (!objectiveIds.has(id)) extra(`countries.${c.id}.objectives`, says("scenario.issue.what.objective", { id }));
      for (const sector of Object.keys(t.notes)) if (!c.sectors[sector as keyof typeof c.sectors]?.chokepointNote) extra(`countries.${c.id}.notes`, says("scenario.issue.what.note", { sector }));
    });
    const countryIds = new Set(countries.map((c) => c.id));
    for (const id of Object.keys(text.countries)) if (!countryIds.has(id)) extra("countries", says("scenario.issue.what.country", { id }));
  }
  if (complete(s.standards)) {
    const standardIds = new Set(s.standards.map((st) => st.id));
    for (const id of Object.keys(text.standards)) if (!standardIds.has(id)) extra("standards", says("scenario.issue.what.standard", { id }));
  }
  if (complete(s.events)) {
    const eventIds = new Set(s.events.map((e) => e.id));
    for (const id of Object.keys(text.events)) if (!eventIds.has(id)) extra("events", says("scenario.issue.what.event", { id }));
  }
  if (s.targets && text.targets.length > s.targets.length) extra("targets", says("scenario.issue.what.targets", { count: String(text.targets.length), has: String(s.targets.length) }));
  if (s.debrief && text.debrief.length > s.debrief.length) extra("debrief", says("scenario.issue.what.questions", { count: String(text.debrief.length), has: String(s.debrief.length) }));
  return issues;
}

const clip = (s: string) => (s.length > 60 ? `${s.slice(0, 57)}…` : s);

/** The scenario in the translation's words; English stays wherever a translation is missing. */
export function translateScenario(s: Scenario, text: ScenarioText | PublicScenarioText | undefined): Scenario {
  if (!text) return s;
  const secretOf = (id: string) => (text.countries[id] as { secret?: string } | undefined)?.secret;
  return {
    ...s,
    title: text.title,
    // A scenario whose scripted rival a person plays has lost its script and reads the red cell's summary.
    summary: !s.rival && text.redCellSummary ? text.redCellSummary : text.summary,
    ...(s.rival ? { rival: { ...s.rival, ...(s.rival.redCellSummary && text.redCellSummary ? { redCellSummary: text.redCellSummary } : {}) } } : {}),
    countries: s.countries.map((c) => {
      const t = text.countries[c.id];
      if (!t) return c;
      const sectors = { ...c.sectors };
      for (const [sector, data] of Object.entries(c.sectors)) {
        const note = t.notes[sector as keyof typeof t.notes];
        if (data && note && data.chokepointNote) sectors[sector as keyof typeof sectors] = { ...data, chokepointNote: note };
      }
      // The English name's sentence form ("the Netherlands") is not the translation's: its name stands alone.
      const { inSentence: _english, ...rest } = c;
      return {
        ...rest,
        name: t.name,
        profile: t.profile,
        ...(c.brief && t.brief ? { brief: t.brief } : {}),
        sectors,
        objectives: c.objectives.map((o) => ({ ...o, text: t.objectives[o.id] ?? o.text })),
        secret: { ...c.secret, text: secretOf(c.id) ?? c.secret.text },
      };
    }),
    standards: s.standards.map((st) => {
      const t = text.standards[st.id];
      return t ? { ...st, name: t.name, options: st.options.map((o) => ({ ...o, name: t.options[o.id] ?? o.name })) } : st;
    }),
    events: s.events.map((e) => ({ ...e, ...text.events[e.id] })),
    targets: s.targets.map((t, i) => ({ ...t, text: text.targets[i] ?? t.text })),
    debrief: s.debrief.map((q, i) => text.debrief[i] ?? q),
  };
}
