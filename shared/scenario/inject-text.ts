/**
 * A control-cell script's words in another language: a file beside the script,
 * assets/injects/<lang>/<file>.json, keyed by the injects' ids: the script's title, and for
 * each inject its date and why it comes now (for the facilitator), and for a card of the
 * script's own its title and text (for every player: it travels with the card, `texts`).
 * `injectTextIssues` names every text without a translation, every translation of an inject
 * the script does not have, and every translation that does not state a number its English
 * states; `scriptInLanguage` gives the console the words to show. Pure: no I/O.
 */
import { z } from "zod";
import { lazy } from "../lazy.ts";
import { SCENARIO_LANGUAGES } from "./languages.ts";
import { missingNumbers } from "./numbers.ts";
import { Text } from "./schema.ts";
import { formatPath, parseWith, type ScenarioIssue } from "./validate.ts";
import type { Inject, InjectScript } from "./injects.ts";
import { text as says } from "../engine/text.ts";

export const InjectScriptTextSchema = lazy(() => z.strictObject({
  language: z.enum(SCENARIO_LANGUAGES),
  title: Text(100),
  injects: z.record(
    z.string(),
    z.strictObject({
      date: Text(40),
      why: Text(300),
      /** A card of the script's own only. */
      title: Text(100).optional(),
      text: Text(600).optional(),
    }),
  ),
}));
export type InjectScriptText = z.infer<typeof InjectScriptTextSchema>;

/** A shipped script as the server sends it: its own words, and those of the reader's language when it is translated into it. */
export type ShippedScript = InjectScript & { translation?: InjectScriptText };

export function parseInjectScriptText(input: unknown): { ok: true; text: InjectScriptText } | { ok: false; issues: ScenarioIssue[] } {
  const parsed = parseWith(InjectScriptTextSchema, input);
  return parsed.ok ? { ok: true, text: parsed.data } : parsed;
}

export function injectTextIssues(script: InjectScript, text: InjectScriptText): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [];
  const lang = text.language;
  const clip = (s: string) => (s.length > 60 ? `${s.slice(0, 57)}…` : s);
  const check = (path: readonly PropertyKey[], english: string, translated: string | undefined) => {
    if (translated === undefined) return void issues.push({ path: formatPath(path), text: says("scenario.issue.untranslated", { lang, english: clip(english) }) });
    const lost = missingNumbers(english, translated, lang);
    if (lost.length) issues.push({ path: formatPath(path), text: says("scenario.issue.staleNumbers", { lang, numbers: lost.map((n) => `"${n}"`).join(", "), translated: clip(translated) }) });
  };
  check(["title"], script.title, text.title);
  script.injects.forEach((inj, i) => {
    const t = text.injects[inj.id];
    if (!t) return void issues.push({ path: formatPath(["injects", i]), text: says("script.issue.untranslatedInject", { lang, id: inj.id, why: clip(inj.why) }) });
    check(["injects", i, "date"], inj.date, t.date);
    check(["injects", i, "why"], inj.why, t.why);
    if (inj.custom) {
      check(["injects", i, "custom", "title"], inj.custom.title, t.title);
      check(["injects", i, "custom", "text"], inj.custom.text, t.text);
    } else if (t.title || t.text) issues.push({ path: `(${lang})`, text: says("script.issue.deckCardTranslated", { id: inj.id, card: inj.card ?? "" }) });
  });
  const ids = new Set(script.injects.map((i) => i.id));
  for (const id of Object.keys(text.injects)) if (!ids.has(id)) issues.push({ path: `(${lang})`, text: says("script.issue.extraInject", { id }) });
  return issues;
}

/** The script with its translations' card words in each custom card (`custom.texts`), so a fired card reads in every player's language. */
export function withCardTexts(script: InjectScript, texts: readonly InjectScriptText[]): InjectScript {
  return {
    ...script,
    injects: script.injects.map((inj) => {
      if (!inj.custom) return inj;
      const own = { ...inj.custom.texts };
      for (const t of texts) {
        const w = t.injects[inj.id];
        if (w?.title && w.text) own[t.language] = { title: w.title, text: w.text };
      }
      return Object.keys(own).length ? { ...inj, custom: { ...inj.custom, texts: own } } : inj;
    }),
  };
}

/** What the console shows of an inject in the reader's words (its own words where there is no translation). */
export function injectWords(inj: Inject, text: InjectScriptText | undefined): { date: string; why: string; title?: string } {
  const t = text?.injects[inj.id];
  const title = inj.custom ? (t?.title ?? inj.custom.title) : undefined;
  return { date: t?.date ?? inj.date, why: t?.why ?? inj.why, ...(title ? { title } : {}) };
}
