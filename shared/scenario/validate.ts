/**
 * Parse an untrusted scenario (JSON text or a value) into a checked `Scenario`:
 * first the zod schema, then semantic checks (references resolve, shares add up, weights
 * sum to 1). Every problem is reported in plain words (./plain-issues.ts) with the JSON path
 * of the field at fault and its place named by the things it is in. A file that does not
 * have the right shape still has its cross-references checked on the parts that parsed (a
 * country, card, standard or target each parses on its own), so one run reports everything.
 */
import { cardEra } from "../engine/deck.ts";
import { z } from "zod";
import { SECTORS } from "../engine/vocabulary.ts";
import { ScenarioSchema, type Condition, type Effect, type Scenario } from "./schema.ts";
import { placeOf, plainMessage, valueAt } from "./plain-issues.ts";

/** A problem: the JSON path of the field at fault, that place named ("countries → JP (Japan) → …"), and what is wrong. */
export type ScenarioIssue = { path: string; message: string; place?: string };

type Part<T> = T extends readonly (infer U)[] ? (U | undefined)[] : T;
/**
 * What parsed of a scenario that did not: each field that parsed, and of a list that did not,
 * each item that did (undefined where one did not, so every item keeps its place).
 */
export type PartialScenario = { [K in keyof Scenario]?: Part<Scenario[K]> };

/**
 * A refused scenario's problems and, when its parts could be read, what parsed of it (for the
 * checks of its translations, shared/scenario/translation.ts, in the same run).
 */
export type ScenarioResult = { ok: true; scenario: Scenario } | { ok: false; issues: ScenarioIssue[]; partial?: PartialScenario };

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

/** A problem at `path` of the file `root`: its JSON path and its place named. */
export function issueAt(root: unknown, path: readonly PropertyKey[], message: string): ScenarioIssue {
  return { path: formatPath(path), place: placeOf(root, path), message };
}

/** Where a problem is: "countries → JP (Japan) → metrics → prosperity (countries[2].metrics.prosperity)", or the path alone where it names everything on the way ("rules.controls.drag"). */
export function issueWhere(i: Pick<ScenarioIssue, "path" | "place">): string {
  return i.place && i.place.replaceAll(" → ", ".") !== i.path ? `${i.place} (${i.path})` : i.path;
}

/** One line a person reads: where, then what. */
export function issueLine(i: ScenarioIssue): string {
  return `${issueWhere(i)}: ${i.message}`;
}

function readJson(input: unknown): { ok: true; value: unknown } | { ok: false; issues: ScenarioIssue[] } {
  if (typeof input !== "string") return { ok: true, value: input };
  try {
    return { ok: true, value: JSON.parse(input) };
  } catch (err) {
    return { ok: false, issues: [{ path: "(root)", message: `not valid JSON: ${(err as Error).message}` }] };
  }
}

/** JSON text or a value, parsed with `schema`: the data, or every problem in plain words with the JSON path at fault. */
export function parseWith<T>(schema: z.ZodType<T>, input: unknown): { ok: true; data: T } | { ok: false; issues: ScenarioIssue[] } {
  const json = readJson(input);
  if (!json.ok) return json;
  const parsed = schema.safeParse(json.value);
  if (!parsed.success) return { ok: false, issues: parsed.error.issues.map((i) => issueAt(json.value, i.path, plainMessage(i, json.value, schema))) };
  return { ok: true, data: parsed.data };
}

export function parseScenario(input: unknown): ScenarioResult {
  const json = readJson(input);
  if (!json.ok) return json;
  const value = json.value;
  const parsed = ScenarioSchema.safeParse(value);
  if (parsed.success) {
    const checked = semanticIssues(parsed.data, value, new Set());
    return checked.length ? { ok: false, issues: checked, partial: parsed.data } : { ok: true, scenario: parsed.data };
  }
  const issues = parsed.error.issues.map((i) => issueAt(value, i.path, plainMessage(i, value, ScenarioSchema)));
  const lenient = leniently(value);
  if (!lenient) return { ok: false, issues };
  return { ok: false, issues: [...issues, ...semanticIssues(lenient.scenario, value, lenient.broken)], partial: lenient.scenario };
}

/**
 * A file that failed the schema, read part by part: each top-level field parsed on its own and,
 * for a list that fails, each of its items; `broken` names the fields that did not parse whole.
 */
function leniently(value: unknown): { scenario: PartialScenario; broken: ReadonlySet<string> } | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
  const raw = value as Record<string, unknown>;
  const scenario: Record<string, unknown> = {};
  const broken = new Set<string>();
  for (const [key, schema] of Object.entries(ScenarioSchema.shape) as [string, z.ZodType][]) {
    const whole = schema.safeParse(raw[key]);
    if (whole.success) {
      if (whole.data !== undefined) scenario[key] = whole.data;
      continue;
    }
    broken.add(key);
    const list = raw[key];
    if (schema instanceof z.ZodArray && Array.isArray(list)) {
      const item = schema.element as z.ZodType;
      scenario[key] = list.map((x) => {
        const one = item.safeParse(x);
        return one.success ? one.data : undefined;
      });
    }
  }
  return { scenario: scenario as PartialScenario, broken };
}

/** Parse or throw with every issue listed: for files we ship, which the server loads at start. */
export function loadScenario(input: unknown): Scenario {
  const result = parseScenario(input);
  if (!result.ok) throw new Error(result.issues.map(issueLine).join("\n"));
  return result.scenario;
}

/** The ids of a list's items, read from the file itself: an item that did not parse may still be named. */
function idsIn(list: unknown): (string | undefined)[] {
  return Array.isArray(list) ? list.map((x) => (typeof x === "object" && x !== null && typeof (x as { id?: unknown }).id === "string" ? (x as { id: string }).id : undefined)) : [];
}

/**
 * The cross-references and sums of what parsed of a scenario (`broken`: the fields that did not
 * parse whole; a check that needs all of a list skips a broken one). A country's id used twice
 * is one problem: a place that still names the old id of one of the two (in a trade-exposure
 * table, which names every partner) is told in that problem, not again as an unknown country;
 * an unknown country named in several places is one problem naming them all.
 */
function semanticIssues(s: PartialScenario, root: unknown, broken: ReadonlySet<string>): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [];
  const add = (path: readonly PropertyKey[], message: string) => issues.push(issueAt(root, path, message));
  const countries = s.countries;
  if (!countries) return issues;
  const defined = <T>(x: T | undefined): x is T => x !== undefined;

  // Ids come from the file: a country that did not parse is still a country others may name.
  const countryIds = idsIn(valueAt(root, ["countries"]));
  const ids = new Set(countryIds.filter(defined));
  const firstOf = new Map<string, number>();
  const duplicates: { id: string; first: number; second: number }[] = [];
  countryIds.forEach((id, i) => {
    if (id === undefined) return;
    const first = firstOf.get(id);
    if (first === undefined) firstOf.set(id, i);
    else duplicates.push({ id, first, second: i });
  });
  const twice = new Set(duplicates.map((d) => d.id));

  // Unknown countries, each with every place that names it.
  const unknown = new Map<string, PropertyKey[][]>();
  const unknownCountry = (id: string, path: PropertyKey[]) => unknown.set(id, [...(unknown.get(id) ?? []), path]);
  const knownCountry = (id: string, path: PropertyKey[]) => ids.has(id) || (unknownCountry(id, path), false);
  const country = (id: string) => countries.find((c) => c?.id === id);

  const standardIds = new Set(idsIn(valueAt(root, ["standards"])).filter(defined));
  const standards = new Map((s.standards ?? []).filter(defined).map((t) => [t.id, new Set(t.options.map((o) => o.id))]));
  const checkStandard = (tech: string, option: string, techPath: PropertyKey[], optionPath: PropertyKey[]) => {
    if (!standardIds.has(tech)) return add(techPath, `unknown standard "${tech}"`);
    const opts = standards.get(tech);
    if (opts && !opts.has(option)) add(optionPath, `"${option}" is not an option of "${tech}"`);
  };

  const checkTarget = (target: string, path: PropertyKey[]) => {
    if (!GROUP_TARGETS.has(target)) knownCountry(target, path);
  };
  const checkCondition = (c: Condition, path: PropertyKey[]) => {
    if ("with" in c && c.with) c.with.forEach((id, k) => knownCountry(id, [...path, "with", k]));
    if (c.kind === "connected" && knownCountry(c.partner, [...path, "partner"])) {
      const p = country(c.partner);
      if (p && p.needs.length === 0) add([...path, "partner"], `"${c.partner}" needs no infrastructure, so it can never be connected`);
    }
    if (c.kind === "standard") checkStandard(c.technology, c.option, [...path, "technology"], [...path, "option"]);
    if ("atLeast" in c && "atMost" in c && c.atLeast !== undefined && c.atMost !== undefined && c.atLeast > c.atMost)
      add(path, "atLeast is greater than atMost");
  };
  const checkEffect = (e: Effect, path: PropertyKey[]) => {
    if (e.kind === "stance") knownCountry(e.target, [...path, "target"]);
    else if ("target" in e) checkTarget(e.target, [...path, "target"]);
    if (e.kind === "restriction") {
      knownCountry(e.by, [...path, "by"]);
      checkTarget(e.on, [...path, "on"]);
    }
  };

  // Countries: exposures, weights, objectives.
  countries.forEach((c, i) => {
    if (!c) return;
    let total = 0;
    for (const [other, share] of Object.entries(c.exposure)) {
      // A country whose id another has too may well mean that other one: the duplicate says so.
      if (other === c.id) !twice.has(c.id) && add(["countries", i, "exposure", other], "a country has no trade exposure to itself");
      else knownCountry(other, ["countries", i, "exposure", other]);
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

  // Sums and counts over all countries: only when every country parsed.
  const all = broken.has("countries") ? undefined : countries.filter(defined);
  if (all) {
    // Chokepoint shares of each sector add up to at most 100% of the world.
    for (const sector of SECTORS) {
      const total = all.reduce((sum, c) => sum + (c.sectors[sector]?.chokepoint ?? 0), 0);
      if (total > 1 + EPS) add(["countries"], `chokepoint shares in ${sector} add up to ${total.toFixed(3)}, more than 1`);
    }
    const seats = all.filter((c) => c.control === "seat");
    if (seats.length < 2) add(["countries"], "a scenario needs at least two seats");
    const rivals = all.filter((c) => c.control === "rival");
    if (rivals.length > 1) add(["countries"], "at most one country may be the automated rival");
    if (rivals.length === 1 && !s.rival && !broken.has("rival")) add(["rival"], `country "${rivals[0]!.id}" is the automated rival, so the scenario needs a rival script`);
  }
  if (s.rival) {
    if (knownCountry(s.rival.country, ["rival", "country"])) {
      const r = country(s.rival.country);
      if (r && r.control !== "rival") add(["rival", "country"], `"${r.id}" must have control "rival"`);
    }
    for (const [tech, option] of Object.entries(s.rival.standards)) checkStandard(tech, option, ["rival", "standards", tech], ["rival", "standards", tech]);
  }

  s.standards?.forEach((t, i) => {
    if (!t) return;
    const seen = new Set<string>();
    t.options.forEach((o, k) => {
      if (seen.has(o.id)) add(["standards", i, "options", k, "id"], `duplicate option id "${o.id}"`);
      seen.add(o.id);
    });
  });
  const events = s.events ?? [];
  const eventIds = idsIn(valueAt(root, ["events"]));
  const seenEvents = new Set<string>();
  eventIds.forEach((id, i) => {
    if (id === undefined) return;
    if (seenEvents.has(id)) add(["events", i, "id"], `duplicate event id "${id}"`);
    seenEvents.add(id);
  });
  events.forEach((e, i) => {
    if (!e) return;
    e.effects.forEach((eff, k) => checkEffect(eff, ["events", i, "effects", k]));
    e.pressures.forEach((pr, k) => {
      const path = ["events", i, "pressures", k];
      for (const id of [pr.regime.target, ...pr.regime.members]) knownCountry(id, [...path, "regime"]);
      if (pr.regime.members.includes(pr.regime.target)) add([...path, "regime", "target"], "a regime cannot target one of its members");
      pr.unless.forEach((eff, n) => checkEffect(eff, [...path, "unless", n]));
      pr.met.forEach((eff, n) => checkEffect(eff, [...path, "met", n]));
    });
  });
  // A paired card follows a card of the same scenario, no later than its own era.
  events.forEach((e, i) => {
    if (!e || e.after === undefined) return;
    const first = events.find((x) => x?.id === e.after);
    if (!seenEvents.has(e.after)) add(["events", i, "after"], `unknown event "${e.after}"`);
    else if (!first) return;
    else if (first.id === e.id) add(["events", i, "after"], "a card cannot follow itself");
    else if (s.year !== undefined && cardEra(first, s.year) > cardEra(e, s.year)) add(["events", i, "after"], `"${first.id}" belongs to a later era than this card`);
    else if (first.after !== undefined) add(["events", i, "after"], `"${first.id}" follows another card itself; pairs do not chain`);
  });
  s.targets?.forEach((t, i) => {
    if (!t) return;
    checkCondition(t.condition, ["targets", i, "condition"]);
    if (t.condition.kind === "agreement" && t.condition.as) add(["targets", i, "condition", "as"], "a shared target counts every country's deals: a side (as) is for a country's objective");
  });

  // A duplicate id, once; the ids others still name that no country has, which one of the two
  // probably had, told with it.
  const countryName = (i: number) => {
    const name = valueAt(root, ["countries", i, "name"]);
    return typeof name === "string" ? name : `countries[${i}]`;
  };
  const orphans = duplicates.length ? [...unknown].filter(([, paths]) => paths.some((p) => p[0] === "countries" && p[2] === "exposure")) : [];
  duplicates.forEach((d, n) => {
    const told = n === 0 && orphans.length
      ? `; ${orphans.map(([id, paths]) => `"${id}", which ${paths.length === 1 ? "one place names" : `${paths.length} places name`} but no country has,`).join(" and ")} was probably one of theirs`
      : "";
    add(["countries", d.second, "id"], `duplicate country id "${d.id}": ${countryName(d.first)} (countries[${d.first}]) and ${countryName(d.second)} (countries[${d.second}]) both use it — give each its own id${told}`);
  });
  for (const [id] of orphans) unknown.delete(id);
  for (const [id, paths] of unknown) {
    const [first, ...more] = paths;
    const shown = more.slice(0, 3).map((p) => issueWhere(issueAt(root, p, "")));
    if (more.length > shown.length) shown.push(`${more.length - shown.length} more ${more.length - shown.length === 1 ? "place" : "places"}`);
    const also = shown.length ? `; also named at ${shown.length > 1 ? `${shown.slice(0, -1).join(", ")} and ${shown.at(-1)}` : shown[0]}` : "";
    add(first!, `unknown country "${id}": no country has this id${also}`);
  }
  return issues;
}
