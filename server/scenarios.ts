/** The scenarios shipped in assets/scenarios and the control-cell scripts in assets/injects (with their translations), loaded and checked once. */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { basename, join, dirname } from "node:path";
import { logger } from "./logger.ts";
import { fileURLToPath } from "node:url";
import { issueLine, loadScenario } from "../shared/scenario/validate.ts";
import { englishWords } from "./debrief/words.ts";
import type { Scenario } from "../shared/scenario/schema.ts";
import { parseInjectScript, type InjectScript } from "../shared/scenario/injects.ts";
import { redCellRival, withRedCell } from "../shared/scenario/red-cell.ts";
import { parseInjectScriptText, withCardTexts, type InjectScriptText, type ShippedScript } from "../shared/scenario/inject-text.ts";
import { SCENARIO_LANGUAGES } from "../shared/scenario/languages.ts";

export const SCENARIO_DIR = join(dirname(fileURLToPath(import.meta.url)), "..", "assets", "scenarios");

/** A scenario and the file it came from (its translations sit beside it under that file's name). */
export type ScenarioFile = { scenario: Scenario; file: string };

/**
 * Every scenario file in `dir` that checks out, by id, and the files left out with why. A file
 * that does not check out (an author's draft dropped in beside the shipped ones), or repeats an
 * id another file took first, is left out and the others still load: one bad file must not take
 * the list down.
 */
export function readScenarioFolder(dir: string): { byId: Map<string, ScenarioFile>; leftOut: { file: string; why: string }[] } {
  const byId = new Map<string, ScenarioFile>();
  const leftOut: { file: string; why: string }[] = [];
  for (const name of readdirSync(dir).filter((f) => f.endsWith(".json")).sort()) {
    const file = join(dir, name);
    let scenario: Scenario;
    try {
      scenario = loadScenario(readFileSync(file, "utf8"), englishWords().render);
    } catch (err) {
      leftOut.push({ file, why: `\`npm run validate-scenario -- ${file}\` lists its problems:\n${(err as Error).message}` });
      continue;
    }
    const twin = byId.get(scenario.id);
    if (twin) leftOut.push({ file, why: `its id "${scenario.id}" is already ${basename(twin.file)}'s` });
    else byId.set(scenario.id, { scenario, file });
  }
  return { byId, leftOut };
}

let cache: Map<string, ScenarioFile> | undefined;
function loadShipped(): Map<string, ScenarioFile> {
  if (cache) return cache;
  const { byId, leftOut } = readScenarioFolder(SCENARIO_DIR);
  for (const { file, why } of leftOut) logger.error({ file }, `scenario file ${basename(file)} left out: ${why}`);
  return (cache = byId);
}

let byId: Map<string, Scenario> | undefined;
export function shippedScenarios(): Map<string, Scenario> {
  return (byId ??= new Map([...loadShipped()].map(([id, s]) => [id, s.scenario])));
}

/** The file a shipped scenario came from: its translations are found beside it by that file's name. */
export function scenarioFile(id: string): string | undefined {
  return loadShipped().get(id)?.file;
}

export function getScenario(id: string): Scenario | undefined {
  return shippedScenarios().get(id);
}

/** The scenario a new game plays: the shipped one, or with the red cell its rival made a seat. */
export function scenarioPlayed(scenario: Scenario, settings: { redCell?: boolean | undefined }): { ok: true; scenario: Scenario } | { ok: false; message: string } {
  if (!settings.redCell) return { ok: true, scenario };
  if (!redCellRival(scenario)) return { ok: false, message: `settings.redCell: "${scenario.title}" has no scripted rival for a person to play (its countries are all seats or partners)` };
  return { ok: true, scenario: withRedCell(scenario) };
}

export const INJECT_DIR = join(dirname(fileURLToPath(import.meta.url)), "..", "assets", "injects");

/** A shipped script (its custom cards carrying their translations) and its translations by language. */
type Shipped = { script: InjectScript; texts: Map<string, InjectScriptText> };
let scripts: Map<string, Shipped[]> | undefined;

/**
 * The control-cell scripts shipped in assets/injects, checked against their scenarios once, with
 * their translations (assets/injects/<lang>/<file>). A translation that misses a text is still
 * served (the English shows for that text); tests/scenario/injects.test.ts and
 * `npm run validate-scenario` refuse it.
 */
function loadScripts(): Map<string, Shipped[]> {
  if (!scripts) {
    scripts = new Map();
    for (const file of readdirSync(INJECT_DIR).filter((f) => f.endsWith(".json")).sort()) {
      let raw: { scenario?: unknown };
      try {
        raw = JSON.parse(readFileSync(join(INJECT_DIR, file), "utf8")) as { scenario?: unknown };
      } catch (err) {
        logger.error({ file }, `control-cell script ${file} left out: ${(err as Error).message}`);
        continue;
      }
      const scenario = shippedScenarios().get(String(raw.scenario));
      // Left out with a line in the log, like a scenario file that does not check out.
      if (!scenario) {
        logger.error({ file }, `control-cell script ${file} left out: no shipped scenario "${String(raw.scenario)}"`);
        continue;
      }
      const parsed = parseInjectScript(raw, scenario);
      if (!parsed.ok) {
        logger.error({ file }, `control-cell script ${file} left out:\n${parsed.problems.map((p) => englishWords().render(issueLine(p))).join("\n")}`);
        continue;
      }
      const texts = new Map<string, InjectScriptText>();
      for (const lang of SCENARIO_LANGUAGES) {
        const path = join(INJECT_DIR, lang, file);
        if (!existsSync(path)) continue;
        const text = parseInjectScriptText(readFileSync(path, "utf8"));
        if (!text.ok) {
          logger.error({ file: path }, `translation ${path} left out (the English shows):\n${text.issues.map((i) => `  ${englishWords().render(issueLine(i))}`).join("\n")}`);
          continue;
        }
        texts.set(lang, text.text);
      }
      const shipped = { script: withCardTexts(parsed.script, [...texts.values()]), texts };
      scripts.set(scenario.id, [...(scripts.get(scenario.id) ?? []), shipped]);
    }
  }
  return scripts;
}

/** The shipped scripts of each scenario, their custom cards carrying every translation of their words. */
export function shippedInjectScripts(): Map<string, InjectScript[]> {
  return new Map([...loadScripts()].map(([id, list]) => [id, list.map((s) => s.script)]));
}

/** A scenario's scripts for a reader of `lang`: each with its translation into it, when it has one. */
export function injectScriptsIn(scenarioId: string, lang: string): ShippedScript[] {
  return (loadScripts().get(scenarioId) ?? []).map(({ script, texts }) => (texts.has(lang) ? { ...script, translation: texts.get(lang)! } : script));
}

/** Each phase's clock in seconds, as a game runs it: its own settings, else the scenario's timers. */
export function phaseTimers(settings: { eventSeconds?: number | undefined; negotiationSeconds?: number | undefined; reviewSeconds?: number | undefined }, scenario: Pick<Scenario, "timers">): Scenario["timers"] {
  const t = scenario.timers;
  return { eventSeconds: settings.eventSeconds ?? t.eventSeconds, negotiationSeconds: settings.negotiationSeconds ?? t.negotiationSeconds, reviewSeconds: settings.reviewSeconds ?? t.reviewSeconds };
}
