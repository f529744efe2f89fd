/** The scenarios shipped in assets/scenarios and the control-cell scripts in assets/injects, loaded and checked once. */
import { readdirSync, readFileSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { loadScenario } from "../shared/scenario/validate.ts";
import type { Scenario } from "../shared/scenario/schema.ts";
import { parseInjectScript, type InjectScript } from "../shared/scenario/injects.ts";
import { redCellRival, withRedCell } from "../shared/scenario/red-cell.ts";

export const SCENARIO_DIR = join(dirname(fileURLToPath(import.meta.url)), "..", "assets", "scenarios");

let cache: Map<string, Scenario> | undefined;

export function shippedScenarios(): Map<string, Scenario> {
  if (!cache) {
    cache = new Map();
    for (const file of readdirSync(SCENARIO_DIR).filter((f) => f.endsWith(".json")).sort()) {
      const scenario = loadScenario(readFileSync(join(SCENARIO_DIR, file), "utf8"));
      cache.set(scenario.id, scenario);
    }
  }
  return cache;
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

let scripts: Map<string, InjectScript[]> | undefined;

/** The control-cell scripts shipped in assets/injects, checked against their scenarios once (tests/scenario/injects.test.ts keeps the shipped ones valid). */
export function shippedInjectScripts(): Map<string, InjectScript[]> {
  if (!scripts) {
    scripts = new Map();
    for (const file of readdirSync(INJECT_DIR).filter((f) => f.endsWith(".json")).sort()) {
      const raw = JSON.parse(readFileSync(join(INJECT_DIR, file), "utf8")) as { scenario?: unknown };
      const scenario = shippedScenarios().get(String(raw.scenario));
      if (!scenario) throw new Error(`${file}: no shipped scenario "${String(raw.scenario)}"`);
      const parsed = parseInjectScript(raw, scenario);
      if (!parsed.ok) throw new Error(`${file}: ${parsed.problems.join("; ")}`);
      scripts.set(scenario.id, [...(scripts.get(scenario.id) ?? []), parsed.script]);
    }
  }
  return scripts;
}
