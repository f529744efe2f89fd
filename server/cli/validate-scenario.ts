/**
 * `npm run validate-scenario -- FILE...`: prints every problem, each where it is (named by the
 * things it is in, and by its JSON path) and in plain words; exits 1 on a bad file. A scenario
 * that fails its schema still has the parts that parsed checked, its translations too, so one
 * run reports everything (shared/scenario/validate.ts).
 * A FILE is a scenario or a control-cell script (assets/injects, checked against its shipped
 * scenario). Each carries its translations beside it (DIR/<lang>/FILE; shared/scenario/translation.ts,
 * shared/scenario/inject-text.ts): a text without one is a problem, named by its path and its
 * English, and so is a translation that does not state a number its English states.
 */
import { existsSync, readFileSync } from "node:fs";
import { issueLine, parseScenario } from "../../shared/scenario/validate.ts";
import { parseScenarioText, SCENARIO_LANGUAGES, translationIssues } from "../../shared/scenario/translation.ts";
import type { ScenarioIssue } from "../../shared/scenario/validate.ts";
import { translationPath } from "../scenario-texts.ts";
import { shippedScenarios } from "../scenarios.ts";
import { parseInjectScript } from "../../shared/scenario/injects.ts";
import { injectTextIssues, parseInjectScriptText } from "../../shared/scenario/inject-text.ts";
import { text as says } from "../../shared/engine/text.ts";
import { englishWords } from "../debrief/words.ts";

const words = englishWords();
const line = (i: ScenarioIssue) => words.render(issueLine(i));

const files = process.argv.slice(2);
if (!files.length) {
  console.error("usage: npm run validate-scenario -- FILE [FILE...]");
  process.exit(2);
}

/**
 * Problems of a file's translations (a scenario's or a script's), each path prefixed by the
 * translation file's language: every shipped language must have one, parse, and pass `check`.
 */
function translationProblems<T>(
  file: string,
  parse: (text: string) => { ok: true; text: T } | { ok: false; issues: ScenarioIssue[] },
  check: (text: T) => ScenarioIssue[],
): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [];
  for (const lang of SCENARIO_LANGUAGES) {
    const path = translationPath(file, lang);
    if (!existsSync(path)) {
      issues.push({ path: `(${lang})`, text: says("cli.validate.noTranslation", { lang, path }) });
      continue;
    }
    const parsed = parse(readFileSync(path, "utf8"));
    issues.push(...(parsed.ok ? check(parsed.text) : parsed.issues.map((i) => ({ path: `${path} ${i.path}`, ...(i.place ? { place: `${path} ${i.place}` } : {}), text: i.text }))));
  }
  return issues;
}

/** A control-cell script: checked against its shipped scenario, then its translations. */
function checkScript(file: string, text: string): { ok: boolean; lines: string[] } {
  const raw = JSON.parse(text) as { scenario?: unknown };
  const scenario = shippedScenarios().get(String(raw.scenario));
  if (!scenario) return { ok: false, lines: [`  scenario: no shipped scenario "${String(raw.scenario)}"`] };
  const parsed = parseInjectScript(raw, scenario);
  if (!parsed.ok) return { ok: false, lines: parsed.problems.map((p) => `  ${line(p)}`) };
  const issues = translationProblems(file, parseInjectScriptText, (text) => injectTextIssues(parsed.script, text));
  if (issues.length) return { ok: false, lines: issues.map((i) => `  ${line(i)}`) };
  return { ok: true, lines: [`"${parsed.script.title}", ${parsed.script.injects.length} injects for ${scenario.id}, translated into ${SCENARIO_LANGUAGES.join(", ")}`] };
}

const isScript = (text: string) => {
  try {
    return Array.isArray((JSON.parse(text) as { injects?: unknown }).injects);
  } catch {
    return false;
  }
};

const problems = (n: number) => `${n} ${n === 1 ? "problem" : "problems"}`;

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
  if (isScript(text)) {
    const checked = checkScript(file, text);
    if (checked.ok) console.log(`${file}: ok — ${checked.lines[0]}`);
    else {
      bad++;
      console.error(`${file}: ${problems(checked.lines.length)}`);
      for (const line of checked.lines) console.error(line);
    }
    continue;
  }
  const parsed = parseScenario(text);
  // The translations of what parsed, even of a scenario refused for other problems.
  const read = parsed.ok ? parsed.scenario : parsed.partial;
  const issues = [...(parsed.ok ? [] : parsed.issues), ...(read ? translationProblems(file, parseScenarioText, (text) => translationIssues(read, text)) : [])];
  if (parsed.ok && issues.length === 0) {
    const s = parsed.scenario;
    console.log(`${file}: ok — "${s.title}", ${s.countries.filter((c) => c.control === "seat").length} seats, ${s.rounds} rounds, ${s.events.length} event cards, translated into ${SCENARIO_LANGUAGES.join(", ")}`);
  } else {
    bad++;
    console.error(`${file}: ${problems(issues.length)}`);
    for (const i of issues) console.error(`  ${line(i)}`);
  }
}
process.exit(bad ? 1 : 0);
