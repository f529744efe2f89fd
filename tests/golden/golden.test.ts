/**
 * Golden action logs: recorded games replayed to the final state
 * they reached when recorded. A failure means the rules (or classroom quick start) changed
 * what a known game does; if that was intended, re-record with
 *   node_modules/.bin/node --import tsx tests/golden/record.ts
 * and read the diff before committing.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { getScenario } from "../../server/scenarios.ts";
import { ActionSchema, applyInput, createGame, replay, type Action, type Settings } from "../../shared/engine/index.ts";
import { digest, type Digest } from "./digest.ts";

type Golden = { name: string; description: string; scenario: string; settings: Partial<Settings> & { seed: number | string }; log: Action[]; expected: Digest };

const DIR = import.meta.dirname;
const FILES = readdirSync(DIR).filter((f) => f.endsWith(".json")).sort();
const load = (file: string): Golden => JSON.parse(readFileSync(join(DIR, file), "utf8"));

describe("golden action logs", () => {
  it("there are some", () => {
    expect(FILES.length).toBeGreaterThanOrEqual(3);
  });

  it.each(FILES)("%s replays to its recorded final state", (file) => {
    const g = load(file);
    const scenario = getScenario(g.scenario);
    expect(scenario, `scenario ${g.scenario}`).toBeDefined();
    const state = replay({ scenario: scenario!, settings: g.settings }, g.log);
    expect(digest(state)).toEqual(g.expected);
  });

  it.each(FILES)("%s is valid input, one action at a time, as the server would receive it", (file) => {
    const g = load(file);
    let state = createGame({ scenario: getScenario(g.scenario)!, settings: g.settings });
    for (const [i, action] of g.log.entries()) {
      expect(ActionSchema.safeParse(action).success, `entry ${i}`).toBe(true);
      // Through JSON, as if sent over the wire.
      const r = applyInput(state, JSON.parse(JSON.stringify(action)));
      if (!r.ok) throw new Error(`entry ${i}: ${r.error.code} ${r.error.text.key}`);
      state = r.state;
    }
    expect(digest(state)).toEqual(g.expected);
  });
});
