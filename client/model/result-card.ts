/**
 * The result card a player shares after a game: the scenario, their country, score and rank,
 * and how the table did. Pure: the text lines; client/ui/result-card.ts draws them.
 */
import type { ClientView } from "../../shared/protocol/view.ts";
import { t } from "../i18n/index.ts";
import { num } from "./format.ts";
import { outcomeProgress, scoreRows } from "./review.ts";

export type ResultCard = { title: string; headline: string; lines: string[]; text: string };

export function resultCard(view: ClientView): ResultCard {
  const rows = scoreRows(view);
  const mine = rows.find((r) => r.mine);
  const outcome = outcomeProgress(view);
  const headline = mine ? t("card.mine", { country: mine.name, score: num(mine.total), rank: mine.rank, of: rows.length }) : t("card.table", { count: rows.length });
  const lines = [
    view.crisis ? t("card.crisis") : outcome.all ? t("card.targetsMet", { total: outcome.total }) : t("card.targetsMissed", { met: outcome.met, total: outcome.total }),
    ...(mine ? [t("card.objectives", { met: mine.met, total: mine.objectives })] : []),
    t("card.winner", { country: rows[0]?.name ?? "—", score: rows[0] ? num(rows[0].total) : "—" }),
    t("card.rounds", { rounds: view.settings.rounds }),
  ];
  const title = view.scenario.title;
  return { title, headline, lines, text: [`${t("app.title")} · ${title}`, headline, ...lines].join("\n") };
}
