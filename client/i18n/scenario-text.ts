/**
 * The scenario's own words (titles, profiles, objectives, event cards, debrief questions) in the
 * reader's language. The server sends a game's texts in the scenario file's English, the same to
 * everyone; a reader of another language fetches that language's public text once
 * (GET /api/scenarios/:id/text/:lang) and every view is put into it here. A secret objective
 * is not in that text: it travels with its translations, to those who may read it
 * (shared/protocol/view.ts puts it in the reader's language). English stays where a text has no
 * translation (a facilitator's own inject, a card added since); a facilitator's card that carries
 * its words in the reader's language (a shipped script's, `texts`) reads in them. Pure.
 */
import type { ClientView } from "../../shared/protocol/view.ts";
import type { LobbyInfo } from "../../shared/protocol/messages.ts";
import type { PublicScenarioText } from "../../shared/scenario/translation.ts";
import type { ScenarioLanguage } from "../../shared/scenario/languages.ts";
import type { CardTexts } from "../../shared/engine/actions.ts";

let text: { scenario: string; lang: string; words: PublicScenarioText } | undefined;

/** The translation in use (null: the scenario's English). */
export function useScenarioText(scenario: string, lang: string, words: PublicScenarioText | null) {
  text = words ? { scenario, lang, words } : undefined;
}

export function scenarioTextFor(scenario: string, lang: string): boolean {
  return text?.scenario === scenario && text.lang === lang;
}

/** The countries' names in the scenario's English, kept as a view is put into another language. */
let untranslated: { scenario: string; names: Record<string, string[]> } | undefined;

/**
 * The names the scenario's countries had before `localizeView` put them in the reader's language
 * (country id → names; none for a view read in English): a person may still call a country by
 * them in the plenary, as the bots read it (shared/bots/intents.ts `namesOf`).
 */
export function untranslatedNames(scenario: string): Readonly<Record<string, readonly string[]>> {
  return text && untranslated?.scenario === scenario ? untranslated.names : {};
}

/** A view in the reader's words. Returns the same view when there is nothing to translate. */
export function localizeView(view: ClientView, lang: string): ClientView {
  const words = text && text.scenario === view.scenario.id && text.lang === lang ? text.words : undefined;
  if (!words) return view;
  // A facilitator's card reads in the reader's language when it carries it (a shipped script's card does).
  const card = <T extends { id: string; title: string; date: string; text: string; texts?: CardTexts }>(e: T, custom = false): T =>
    custom ? { ...e, ...e.texts?.[lang as ScenarioLanguage] } : words.events[e.id] ? { ...e, ...words.events[e.id] } : e;
  const countryName = (id: string, name: string) => words.countries[id]?.name ?? name;
  untranslated = { scenario: view.scenario.id, names: Object.fromEntries(view.countries.map((c) => [c.id, [c.name]])) };
  const countries = view.countries.map((c) => {
    const w = words.countries[c.id];
    if (!w) return c;
    // The English name's sentence form ("the Netherlands") is not the translation's: its name stands alone.
    const { inSentence: _english, ...rest } = c;
    return { ...rest, name: w.name, profile: w.profile, ...(c.brief && w.brief ? { brief: w.brief } : {}), objectives: c.objectives.map((o) => ({ ...o, text: w.objectives[o.id] ?? o.text })) };
  });
  // Scores name each objective again: public ones from the text, a secret one as the reader's view already holds it.
  const objective = (country: string, o: { id: string; text: string; secret: boolean }) =>
    (o.secret ? countries.find((c) => c.id === country)?.secret?.text : words.countries[country]?.objectives[o.id]) ?? o.text;
  return {
    ...view,
    scores: view.scores.map((s) => ({ ...s, objectives: s.objectives.map((o) => ({ ...o, text: objective(s.country, o) })) })),
    outcome: { ...view.outcome, targets: view.outcome.targets.map((t, i) => ({ ...t, text: words.targets[i] ?? t.text })) },
    scenario: {
      ...view.scenario,
      title: words.title,
      // A game whose scripted rival a person plays (no rival in the view) reads the red cell's summary.
      summary: !view.scenario.rivalCountry && words.redCellSummary ? words.redCellSummary : words.summary,
      standards: view.scenario.standards.map((s) => {
        const w = words.standards[s.id];
        return w ? { ...s, name: w.name, options: s.options.map((o) => ({ ...o, name: w.options[o.id] ?? o.name })) } : s;
      }),
      targets: view.scenario.targets.map((t, i) => ({ ...t, text: words.targets[i] ?? t.text })),
      debrief: view.scenario.debrief.map((q, i) => words.debrief[i] ?? q),
    },
    countries,
    seats: view.seats.map((s) => ({ ...s, name: countryName(s.id, s.name) })),
    events: view.events.map((e) => card(e, e.custom)),
    ...(view.deckCards ? { deckCards: view.deckCards.map((e) => card(e)) } : {}),
    ...(view.scheduled ? { scheduled: view.scheduled.map((s) => ({ ...s, card: card(s.card, s.card.custom) })) } : {}),
  };
}

/** A game's lobby (the join form) in the reader's words. */
export function localizeLobby(info: LobbyInfo, lang: string): LobbyInfo {
  const words = text && text.scenario === info.scenario.id && text.lang === lang ? text.words : undefined;
  if (!words) return info;
  return { ...info, scenario: { ...info.scenario, title: words.title }, seats: info.seats.map((s) => ({ ...s, name: words.countries[s.id]?.name ?? s.name })) };
}
