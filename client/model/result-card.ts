/**
 * The result card a player shares after a game: the scenario, their country, score and rank
 * (among the seats, as the scoreboard ranks them),
 * and how the table did. Pure: the text lines; client/ui/result-card.ts draws them.
 */
import type { ClientView } from "../../shared/protocol/view.ts";
import { list, sentence, t } from "../i18n/index.ts";
import { country } from "../../shared/engine/text.ts";
import { missedTargetsCut } from "../../shared/engine/scoring.ts";
import { num } from "./format.ts";
import { outcomeProgress, scoreRows, whoWon } from "./review.ts";

export type ResultCard = { title: string; headline: string; lines: string[]; text: string };

export function resultCard(view: ClientView): ResultCard {
  const rows = scoreRows(view);
  const mine = rows.find((r) => r.mine);
  const outcome = outcomeProgress(view);
  const top = whoWon(view).top;
  // A label, not a sentence: the bare names, as the scoreboard writes them.
  const topNames = top.countries.map((id) => rows.find((r) => r.country === id)?.name ?? id);
  const headline = mine ? t("card.mine", { country: mine.name, score: num(mine.total), rank: mine.rank ?? "—", of: rows.filter((r) => r.seat).length }) : t("card.table", { count: rows.length });
  const lines = [
    view.crisis ? t("card.crisis") : outcome.all ? t("card.targetsMet", { total: outcome.total }) : sentence("card.targetsMissed", { met: outcome.met, total: outcome.total, cut: missedTargetsCut(view.scenario.missedTargetFactor) }),
    ...(mine ? [t("card.objectives", { met: mine.met, total: mine.objectives })] : []),
    t("card.winner", { country: topNames.length ? list(topNames) : "—", score: topNames.length ? num(top.score) : "—" }),
    t("card.rounds", { rounds: view.settings.rounds }),
  ];
  const title = view.scenario.title;
  return { title, headline, lines, text: [`${t("app.title")} · ${title}`, headline, ...lines].join("\n") };
}

/**
 * A player's own result, for the top of the end screen beside who won: their country's score,
 * its rank among the seats, and their objectives met. Undefined for anyone without a seat.
 */
export function yourResult(view: ClientView): string | undefined {
  const rows = scoreRows(view);
  const mine = rows.find((r) => r.mine);
  if (!mine || mine.rank === undefined) return undefined;
  return sentence("end.yours", { country: country(mine.country), score: num(mine.total), rank: mine.rank, of: rows.filter((r) => r.seat).length, met: mine.met, total: mine.objectives });
}
