/**
 * The red cell: in a scenario with a scripted rival (Alliance 2021's China), a person may play
 * the rival instead of the script. The rival becomes a seat like any other, with the same tools
 * (chat, deals, export controls, loans, matrix actions) and its own objectives scored; the
 * script's automatic moves (retaliation, loan offers, courting, standards votes) stop, because
 * the person makes them. If nobody takes the seat, a bot plays it as it plays any seat.
 */
import type { Scenario } from "./schema.ts";

/** The rival a scenario lets a person play, if it has one: its id and name, and that name's sentence form where it has one ("the United States"). */
export function redCellRival(scenario: Pick<Scenario, "rival" | "countries">): { id: string; name: string; inSentence?: string } | undefined {
  const id = scenario.rival?.country;
  const c = id ? scenario.countries.find((x) => x.id === id) : undefined;
  return c ? { id: c.id, name: c.name, ...(c.inSentence ? { inSentence: c.inSentence } : {}) } : undefined;
}

/** The scenario with its scripted rival turned into a seat (unchanged when it has none). */
export function withRedCell(scenario: Scenario): Scenario {
  const rival = redCellRival(scenario);
  if (!rival) return scenario;
  const { rival: _script, ...rest } = scenario;
  return {
    ...rest,
    summary: scenario.rival?.redCellSummary ?? scenario.summary,
    countries: scenario.countries.map((c) => (c.id === rival.id ? { ...c, control: "seat" as const } : c)),
  };
}
