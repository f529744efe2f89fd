/**
 * `npm run validate-scenario -- FILE...`: prints every problem with its JSON path; exits 1 on a bad file.
 * A scenario carries its translations beside it (DIR/<lang>/FILE, shared/scenario/translation.ts):
 * a text without one is a problem, named by its path and its English.
 */
import { existsSync, readFileSync } from "node:fs";
import { parseScenario } from "../../shared/scenario/validate.ts";
import { parseScenarioText, SCENARIO_LANGUAGES, translationIssues } from "../../shared/scenario/translation.ts";
import type { ScenarioIssue } from "../../shared/scenario/validate.ts";
import type { Scenario } from "../../shared/scenario/schema.ts";
import { translationPath } from "../scenario-texts.ts";

const files = process.argv.slice(2);
if (!files.length) {
  console.error("usage: npm run validate-scenario -- FILE [FILE...]");
  process.exit(2);
}

/** Problems of the scenario's translations, each path prefixed by the translation file's language. */
function translationProblems(file: string, scenario: Scenario): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [];
  for (const lang of SCENARIO_LANGUAGES) {
    const path = translationPath(file, lang);
    if (!existsSync(path)) {
      issues.push({ path: `(${lang})`, message: `no ${lang} translation: ${path} does not exist` });
      continue;
    }
    const parsed = parseScenarioText(readFileSync(path, "utf8"));
    const found = parsed.ok ? translationIssues(scenario, parsed.text) : parsed.issues.map((i) => ({ path: `${path} ${i.path}`, message: i.message }));
    issues.push(...found);
  }
  return issues;
}

let bad = 0;
for (const file of files) {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    console.error(`${file}: cannot read: ${(err as Error).message}`);
    bad++;
    continue;
  }
  const parsed = parseScenario(text);
  const result = parsed.ok ? { ...parsed, issues: translationProblems(file, parsed.scenario) } : parsed;
  if (result.issues.length === 0 && result.ok) {
    const s = result.scenario;
    console.log(`${file}: ok — "${s.title}", ${s.countries.filter((c) => c.control === "seat").length} seats, ${s.rounds} rounds, ${s.events.length} event cards, translated into ${SCENARIO_LANGUAGES.join(", ")}`);
  } else {
    bad++;
    console.error(`${file}: ${result.issues.length} problem(s)`);
    for (const i of result.issues) console.error(`  ${i.path}: ${i.message}`);
  }
}
process.exit(bad ? 1 : 0);
