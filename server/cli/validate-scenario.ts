/**
 * `npm run validate-scenario -- [--lang en|zh-CN] FILE...`: prints every problem, each where it
 * is (named by the things it is in, and by its JSON path) and in plain words; exits 1 on a bad
 * file. It speaks the game's catalog (client/i18n/*\/issues.ts) in the language `--lang` names,
 * or else Chinese where the locale (LC_ALL, LC_MESSAGES, LANG) starts with "zh", English
 * otherwise; file names, JSON paths and the file's own words stay as they are. A scenario
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
import { issueAt, type PartialScenario, type ScenarioIssue } from "../../shared/scenario/validate.ts";
import type { Scenario } from "../../shared/scenario/schema.ts";
import { translationPath } from "../scenario-texts.ts";
import { shippedScenarios } from "../scenarios.ts";
import { parseInjectScript } from "../../shared/scenario/injects.ts";
import { injectTextIssues, parseInjectScriptText } from "../../shared/scenario/inject-text.ts";
import { text } from "../../shared/engine/text.ts";
import { OFFERED, type Language } from "../../client/i18n/languages.ts";
import { wordsFor } from "../debrief/words.ts";

/** The language asked for: `--lang X` (or `--lang=X`), else the locale's when it is Chinese; and the files. */
function readArgs(argv: readonly string[], env: NodeJS.ProcessEnv): { lang: string; files: string[] } {
  const files: string[] = [];
  let lang: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--lang") lang = argv[++i] ?? "";
    else if (arg.startsWith("--lang=")) lang = arg.slice("--lang=".length);
    else files.push(arg);
  }
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || "";
  return { lang: lang ?? (locale.toLowerCase().startsWith("zh") ? "zh-CN" : "en"), files };
}

const args = readArgs(process.argv.slice(2), process.env);
const isOffered = (x: string): x is Language => (OFFERED as readonly string[]).includes(x);
if (!isOffered(args.lang)) {
  const english = await wordsFor("en");
  console.error(english.render(text("cli.validate.badLang", { languages: OFFERED.join(", "), lang: JSON.stringify(args.lang) })));
  process.exit(2);
}
const words = await wordsFor(args.lang);
const say = words.render;
const line = (i: ScenarioIssue) => say(issueLine(i));
const files = args.files;
if (!files.length) {
  console.error(say(text("cli.validate.usage")));
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
      issues.push({ path: `(${lang})`, text: text("cli.validate.noTranslation", { lang, path }) });
      continue;
    }
    const parsed = parse(readFileSync(path, "utf8"));
    issues.push(...(parsed.ok ? check(parsed.text) : parsed.issues.map((i) => ({ path: `${path} ${i.path}`, ...(i.place ? { place: `${path} ${i.place}` } : {}), text: i.text }))));
  }
  return issues;
}

/**
 * The scenarios named on the command line that check out, by id: a script written for a scenario
 * still being written is checked against it (`npm run validate-scenario -- mine.json my-script.json`).
 */
function scenariosGiven(): Map<string, Scenario> {
  const out = new Map<string, Scenario>();
  for (const file of files) {
    let content: string;
    try {
      content = readFileSync(file, "utf8");
    } catch {
      continue;
    }
    const parsed = isScript(content) ? undefined : parseScenario(content);
    if (parsed?.ok) out.set(parsed.scenario.id, parsed.scenario);
  }
  return out;
}

/** A control-cell script: checked against its scenario (one named beside it, else a shipped one), then its translations. */
function checkScript(file: string, content: string): { ok: boolean; lines: string[] } {
  const raw = JSON.parse(content) as { scenario?: unknown };
  const scenario = scenariosGiven().get(String(raw.scenario)) ?? shippedScenarios().get(String(raw.scenario));
  if (!scenario) return { ok: false, lines: [`  ${line({ path: "scenario", text: text("cli.validate.noScenario", { id: String(raw.scenario) }) })}`] };
  const parsed = parseInjectScript(raw, scenario);
  if (!parsed.ok) return { ok: false, lines: parsed.problems.map((p) => `  ${line(p)}`) };
  const issues = translationProblems(file, parseInjectScriptText, (text) => injectTextIssues(parsed.script, text));
  if (issues.length) return { ok: false, lines: issues.map((i) => `  ${line(i)}`) };
  return { ok: true, lines: [say(text("cli.validate.scriptOk", { file, title: parsed.script.title, count: parsed.script.injects.length, scenario: scenario.id, languages: SCENARIO_LANGUAGES.join(", ") }))] };
}

function isScript(content: string): boolean {
  try {
    return Array.isArray((JSON.parse(content) as { injects?: unknown }).injects);
  } catch {
    return false;
  }
}

/** The countries of the world map (assets/map/world.json), by ISO numeric code: the board draws only these. */
const MAP_ISOS = new Set((JSON.parse(readFileSync(new URL("../../assets/map/world.json", import.meta.url), "utf8")) as { countries: { id: string }[] }).countries.map((c) => c.id));

/** A country whose ISO code the map does not have: the game would run, but the board could not draw it. */
function offTheMap(scenario: PartialScenario, content: string): ScenarioIssue[] {
  const root = JSON.parse(content) as unknown;
  return (scenario.countries ?? []).flatMap((c, i) =>
    c && typeof c.iso === "string" && !MAP_ISOS.has(c.iso) ? [issueAt(root, ["countries", i, "iso"], text("cli.validate.isoOffMap", { iso: c.iso }))] : [],
  );
}

/** "FILE: 3 problems". */
const problems = (file: string, count: number) => say(text("cli.validate.problems", { count, file }));

let bad = 0;
for (const file of files) {
  let content: string;
  try {
    content = readFileSync(file, "utf8");
  } catch (err) {
    console.error(say(text("cli.validate.unreadable", { file, error: (err as Error).message })));
    bad++;
    continue;
  }
  if (isScript(content)) {
    const checked = checkScript(file, content);
    if (checked.ok) console.log(checked.lines[0]);
    else {
      bad++;
      console.error(problems(file, checked.lines.length));
      for (const line of checked.lines) console.error(line);
    }
    continue;
  }
  const parsed = parseScenario(content);
  // The translations of what parsed, even of a scenario refused for other problems.
  const read = parsed.ok ? parsed.scenario : parsed.partial;
  const issues = [...(parsed.ok ? [] : parsed.issues), ...(read ? offTheMap(read, content) : []), ...(read ? translationProblems(file, parseScenarioText, (text) => translationIssues(read, text)) : [])];
  if (parsed.ok && issues.length === 0) {
    const s = parsed.scenario;
    const seats = s.countries.filter((c) => c.control === "seat").length;
    console.log(say(text("cli.validate.scenarioOk", { file, title: s.title, seats, rounds: s.rounds, cards: s.events.length, languages: SCENARIO_LANGUAGES.join(", ") })));
  } else {
    bad++;
    console.error(problems(file, issues.length));
    for (const i of issues) console.error(`  ${line(i)}`);
  }
}
process.exit(bad ? 1 : 0);
