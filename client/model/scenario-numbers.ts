/**
 * A scenario's own numbers beside the rulebook's. docs/RULES.md quotes the Classroom scenario's
 * coefficients (tests/scenario/rules-doc.test.ts holds it to them); another scenario sets some
 * differently in its file (assets/scenarios/*.json, `rules`). The How to play page lists those,
 * read from the scenario's data as the server serves it, never copied by hand.
 */
import type { Rules } from "../../shared/scenario/schema.ts";
import { label, sentence } from "../i18n/index.ts";

/** Where in docs/RULES.md each group of a scenario's `rules` is explained (the sections' numbers, the same in every language). */
export const RULES_SECTION: Record<keyof Rules, string> = {
  production: "5",
  controls: "4.1",
  screening: "4.2",
  supply: "4.3",
  loans: "4.4",
  alignment: "4.5",
  standards: "4.6",
  rnd: "4.7",
  shortage: "6",
  trust: "3",
  tension: "5",
  cohesion: "5",
  support: "8",
  scoring: "8",
};

/**
 * A rule explained in another section than the rest of its group: support follows the economy in
 * §5's drift (the fall and its reset in §8), and the crisis level is §8's (tension's drift is §5's).
 */
const RULE_SECTION: Record<string, string> = {
  "support.perProsperity": "5",
  "tension.crisisAt": "8",
};

/** The section of docs/RULES.md that explains the rule at `path` ("support.perProsperity": "5"). */
export const ruleSection = (path: string): string => RULE_SECTION[path] ?? RULES_SECTION[path.split(".")[0] as keyof Rules] ?? "";

export type NumberRow = { path: string; section: string; rulebook: string; scenario: string };

function leaves(value: unknown, path: string, out: Map<string, unknown>) {
  if (value && typeof value === "object" && !Array.isArray(value)) for (const [k, v] of Object.entries(value)) leaves(v, path ? `${path}.${k}` : k, out);
  else out.set(path, value);
  return out;
}

/**
 * A rule's name in the reader's words ("Export controls: members' lost revenue per unit of trade
 * exposure" for `controls.revenueCost`): the catalog's `howto.rule.*`; a sector's entry in
 * `shortage.dependencies` names the sector. The path itself for a rule the catalog does not know.
 */
export function ruleLabel(path: string): string {
  const fed = /^shortage\.dependencies\.(\w+)$/.exec(path)?.[1];
  if (fed) return sentence("howto.rule.shortage.dependencies", { sector: { ref: "sector", id: fed, inline: true } });
  return label("howto.rule", path);
}

const shown = (v: unknown, num: (x: number) => string) => (v === undefined ? "—" : typeof v === "number" ? num(v) : Array.isArray(v) ? v.join(", ") : String(v));

/** The rules whose value in `scenario` differs from the rulebook's (`rulebook`: the Classroom scenario's), in the file's order. */
export function scenarioNumbers(scenario: Rules, rulebook: Rules, num: (x: number) => string = String): NumberRow[] {
  const mine = leaves(scenario, "", new Map());
  const book = leaves(rulebook, "", new Map());
  const rows: NumberRow[] = [];
  for (const [path, value] of mine) {
    if (JSON.stringify(value) === JSON.stringify(book.get(path))) continue;
    rows.push({ path, section: ruleSection(path), rulebook: shown(book.get(path), num), scenario: shown(value, num) });
  }
  return rows;
}
