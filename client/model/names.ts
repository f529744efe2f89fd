/** The scenario's names as a view carries them, for rendering the engine's texts (client/i18n). */
import type { ClientView } from "../../shared/protocol/view.ts";
import type { Names } from "../i18n/index.ts";

export function viewNames(view: Pick<ClientView, "countries" | "scenario" | "events" | "deckCards" | "scheduled">): Names {
  const tech = (id: string) => view.scenario.standards.find((s) => s.id === id);
  return {
    country: (id) => view.countries.find((c) => c.id === id)?.name,
    countryInSentence: (id) => view.countries.find((c) => c.id === id)?.inSentence,
    technology: (id) => tech(id)?.name,
    option: (technology, id) => tech(technology)?.options.find((o) => o.id === id)?.name,
    objective: (country, id) => {
      const c = view.countries.find((k) => k.id === country);
      return c?.objectives.find((o) => o.id === id)?.text ?? (c?.secret?.id === id ? c.secret.text : undefined);
    },
    event: (id) => view.events.find((e) => e.id === id)?.title ?? view.deckCards?.find((e) => e.id === id)?.title ?? view.scheduled?.find((e) => e.card.id === id)?.card.title,
  };
}
