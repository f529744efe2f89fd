/**
 * Parse an untrusted scenario (JSON text or a value) into a checked `Scenario`:
 * first the zod schema, then semantic checks (references resolve, shares add up, weights
 * sum to 1). Every problem is reported with the JSON path of the field at fault.
 */
import { cardEra } from "../engine/deck.ts";
import { z } from "zod";
import { SECTORS } from "../engine/vocabulary.ts";
import { ScenarioSchema, type Condition, type Effect, type Scenario } from "./schema.ts";

export type ScenarioIssue = { path: string; message: string };
export type ScenarioResult = { ok: true; scenario: Scenario } | { ok: false; issues: ScenarioIssue[] };

const GROUP_TARGETS = new Set(["all", "seats", "alliance", "rival", "swing", "partner"]);
const EPS = 1e-6;

/** Formats a path like `countries[2].exposure.CN`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out || "(root)";
}

/** JSON text or a value, parsed with `schema`: the data, or every problem with the JSON path at fault. */
export function parseWith<T>(schema: z.ZodType<T>, input: unknown): { ok: true; data: T } | { ok: false; issues: ScenarioIssue[] } {
  let value = input;
  if (typeof input === "string") {
    try {
      value = JSON.parse(input);
    } catch (err) {
      return { ok: false, issues: [{ path: "(root)", message: `not valid JSON: ${(err as Error).message}` }] };
    }
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) return { ok: false, issues: parsed.error.issues.map((i: z.core.$ZodIssue) => ({ path: formatPath(i.path), message: i.message })) };
  return { ok: true, data: parsed.data };
}

export function parseScenario(input: unknown): ScenarioResult {
  const parsed = parseWith(ScenarioSchema, input);
  if (!parsed.ok) return parsed;
  const issues = semanticIssues(parsed.data);
  return issues.length ? { ok: false, issues } : { ok: true, scenario: parsed.data };
}

/** Parse or throw with every issue listed: for files we ship, which tests load. */
export function loadScenario(input: unknown): Scenario {
  const result = parseScenario(input);
  if (!result.ok) throw new Error(result.issues.map((i) => `${i.path}: ${i.message}`).join("\n"));
  return result.scenario;
}

function semanticIssues(s: Scenario): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [];
  const add = (path: readonly PropertyKey[], message: string) => issues.push({ path: formatPath(path), message });
  const ids = new Set<string>();
  s.countries.forEach((c, i) => {
    if (ids.has(c.id)) add(["countries", i, "id"], `duplicate country id "${c.id}"`);
    ids.add(c.id);
  });
  const country = (id: string) => s.countries.find((c) => c.id === id);
  const standards = new Map(s.standards.map((t) => [t.id, new Set(t.options.map((o) => o.id))]));

  const checkTarget = (target: string, path: PropertyKey[]) => {
    if (!GROUP_TARGETS.has(target) && !ids.has(target)) add(path, `unknown country "${target}"`);
  };
  const checkCondition = (c: Condition, path: PropertyKey[]) => {
    if ("with" in c && c.with)
      c.with.forEach((id, k) => !ids.has(id) && add([...path, "with", k], `unknown country "${id}"`));
    if (c.kind === "connected") {
      const p = country(c.partner);
      if (!p) add([...path, "partner"], `unknown country "${c.partner}"`);
      else if (p.needs.length === 0) add([...path, "partner"], `"${c.partner}" needs no infrastructure, so it can never be connected`);
    }
    if (c.kind === "standard") {
      const opts = standards.get(c.technology);
      if (!opts) add([...path, "technology"], `unknown standard "${c.technology}"`);
      else if (!opts.has(c.option)) add([...path, "option"], `"${c.option}" is not an option of "${c.technology}"`);
    }
    if ("atLeast" in c && "atMost" in c && c.atLeast !== undefined && c.atMost !== undefined && c.atLeast > c.atMost)
      add(path, "atLeast is greater than atMost");
  };
  const checkEffect = (e: Effect, path: PropertyKey[]) => {
    if ("target" in e) checkTarget(e.target, [...path, "target"]);
    if (e.kind === "stance" && !ids.has(e.target)) add([...path, "target"], `unknown country "${e.target}"`);
    if (e.kind === "restriction") {
      if (!ids.has(e.by)) add([...path, "by"], `unknown country "${e.by}"`);
      checkTarget(e.on, [...path, "on"]);
    }
  };

  // Countries: exposures, weights, objectives.
  s.countries.forEach((c, i) => {
    let total = 0;
    for (const [other, share] of Object.entries(c.exposure)) {
      if (other === c.id) add(["countries", i, "exposure", other], "a country has no trade exposure to itself");
      else if (!ids.has(other)) add(["countries", i, "exposure", other], `unknown country "${other}"`);
      total += share;
    }
    if (total > 1 + EPS) add(["countries", i, "exposure"], `trade exposures add up to ${total.toFixed(3)}, more than 1`);
    const w = c.weights;
    const sum = w.prosperity + w.security + w.influence + w.trust + w.support;
    if (Math.abs(sum - 1) > 1e-3) add(["countries", i, "weights"], `weights add up to ${sum.toFixed(3)}, not 1`);
    const objectiveIds = new Set<string>();
    [...c.objectives, c.secret].forEach((o, k) => {
      const path = k < c.objectives.length ? ["countries", i, "objectives", k] : ["countries", i, "secret"];
      if (objectiveIds.has(o.id)) add([...path, "id"], `duplicate objective id "${o.id}"`);
      objectiveIds.add(o.id);
      checkCondition(o.condition, [...path, "condition"]);
    });
    if (c.control === "partner" && c.needs.length === 0) add(["countries", i, "needs"], "an automated partner must need at least one project");
  });

  // Chokepoint shares of each sector add up to at most 100% of the world.
  for (const sector of SECTORS) {
    const total = s.countries.reduce((sum, c) => sum + (c.sectors[sector]?.chokepoint ?? 0), 0);
    if (total > 1 + EPS) add(["countries"], `chokepoint shares in ${sector} add up to ${total.toFixed(3)}, more than 1`);
  }

  const seats = s.countries.filter((c) => c.control === "seat");
  if (seats.length < 2) add(["countries"], "a scenario needs at least two seats");
  const rivals = s.countries.filter((c) => c.control === "rival");
  if (rivals.length > 1) add(["countries"], "at most one country may be the automated rival");
  if (rivals.length === 1 && !s.rival) add(["rival"], `country "${rivals[0]!.id}" is the automated rival, so the scenario needs a rival script`);
  if (s.rival) {
    const r = country(s.rival.country);
    if (!r) add(["rival", "country"], `unknown country "${s.rival.country}"`);
    else if (r.control !== "rival") add(["rival", "country"], `"${r.id}" must have control "rival"`);
    for (const [tech, option] of Object.entries(s.rival.standards)) {
      const opts = standards.get(tech);
      if (!opts) add(["rival", "standards", tech], `unknown standard "${tech}"`);
      else if (!opts.has(option)) add(["rival", "standards", tech], `"${option}" is not an option of "${tech}"`);
    }
  }

  s.standards.forEach((t, i) => {
    const seen = new Set<string>();
    t.options.forEach((o, k) => {
      if (seen.has(o.id)) add(["standards", i, "options", k, "id"], `duplicate option id "${o.id}"`);
      seen.add(o.id);
    });
  });
  const eventIds = new Set<string>();
  s.events.forEach((e, i) => {
    if (eventIds.has(e.id)) add(["events", i, "id"], `duplicate event id "${e.id}"`);
    eventIds.add(e.id);
    e.effects.forEach((eff, k) => checkEffect(eff, ["events", i, "effects", k]));
    e.pressures.forEach((pr, k) => {
      const path = ["events", i, "pressures", k];
      for (const id of [pr.regime.target, ...pr.regime.members]) if (!ids.has(id)) add([...path, "regime"], `unknown country "${id}"`);
      if (pr.regime.members.includes(pr.regime.target)) add([...path, "regime", "target"], "a regime cannot target one of its members");
      pr.unless.forEach((eff, n) => checkEffect(eff, [...path, "unless", n]));
      pr.met.forEach((eff, n) => checkEffect(eff, [...path, "met", n]));
    });
  });
  // A paired card follows a card of the same scenario, no later than its own era.
  s.events.forEach((e, i) => {
    if (e.after === undefined) return;
    const first = s.events.find((x) => x.id === e.after);
    if (!first) add(["events", i, "after"], `unknown event "${e.after}"`);
    else if (first.id === e.id) add(["events", i, "after"], "a card cannot follow itself");
    else if (cardEra(first, s.year) > cardEra(e, s.year)) add(["events", i, "after"], `"${first.id}" belongs to a later era than this card`);
    else if (first.after !== undefined) add(["events", i, "after"], `"${first.id}" follows another card itself; pairs do not chain`);
  });
  s.targets.forEach((t, i) => {
    checkCondition(t.condition, ["targets", i, "condition"]);
    if (t.condition.kind === "agreement" && t.condition.as) add(["targets", i, "condition", "as"], "a shared target counts every country's deals: a side (as) is for a country's objective");
  });
  return issues;
}
