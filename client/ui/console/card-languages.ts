/**
 * A custom card's words in the game's other languages, folded under the card's own fields: a
 * teacher writes the card once in English and, if some students read Chinese, once in Chinese;
 * each player then reads the card in their language (the card carries both, as a script's
 * cards do). Left empty, every reader reads the card's own words.
 */
import { t } from "../../i18n/index.ts";
import { SCENARIO_LANGUAGES } from "../../../shared/scenario/languages.ts";
import type { CardTranslationDrafts, Problems } from "../../model/inject.ts";
import { TEXT_MAX, TITLE_MAX } from "../../model/inject.ts";
import { h } from "../dom.ts";
import { field } from "./form-kit.ts";

export function cardLanguageFields(prefix: string): { el: HTMLDetailsElement; values(): CardTranslationDrafts; reset(): void; reveal(problems: Problems): void } {
  const fields = SCENARIO_LANGUAGES.map((lang) => ({
    lang,
    title: h("input", { id: `${prefix}-title-${lang}`, type: "text", lang, maxlength: TITLE_MAX + 20, autocomplete: "off" }),
    text: h("textarea", { id: `${prefix}-text-${lang}`, lang, rows: 2, maxlength: TEXT_MAX + 50 }),
  }));
  const el = h(
    "details",
    { class: "card-languages", id: `${prefix}-languages` },
    h("summary", {}, t("inject.lang.summary")),
    h("p", { class: "hint" }, t("inject.lang.hint")),
    ...fields.flatMap((f) => [
      field(`title.${f.lang}`, t("inject.lang.title", { language: t(`lang.${f.lang}`) }), f.title),
      field(`text.${f.lang}`, t("inject.lang.text", { language: t(`lang.${f.lang}`) }), f.text),
    ]),
  );
  return {
    el,
    values: () => Object.fromEntries(fields.map((f) => [f.lang, { title: f.title.value, text: f.text.value }])),
    reset: () => {
      for (const f of fields) f.title.value = f.text.value = "";
    },
    // A problem in a folded field would be marked out of sight.
    reveal: (problems) => {
      if (Object.keys(problems).some((k) => /^(title|text)\./.test(k))) el.open = true;
    },
  };
}
