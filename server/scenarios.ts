/** The scenarios shipped in assets/scenarios, loaded and checked once. */
import { readdirSync, readFileSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { loadScenario } from "../shared/scenario/validate.ts";
import type { Scenario } from "../shared/scenario/schema.ts";

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
