/**
 * Parse an untrusted scenario (JSON text or a value) into a checked `Scenario`:
 * first the zod schema, then semantic checks (references resolve, shares add up, weights
 * sum to 1). Every problem is reported as a catalog text (client/i18n/en/issues.ts; zod's
 * complaints in plain words by ./plain-issues.ts), so the reader gets it in their language
 * (`npm run validate-scenario -- --lang zh-CN`), with the JSON path of the field at fault and its
 * place named by the things it is in. A file that does not
 * have the right shape still has its cross-references checked on the parts that parsed (a
 * country, card, standard or target each parses on its own), so one run reports everything.
 */
import { cardEra } from "../engine/deck.ts";
import { z } from "zod";
import { SECTORS } from "../engine/vocabulary.ts";
import { ScenarioSchema, type Condition, type Effect, type Scenario } from "./schema.ts";
import { placeOf, plainText, valueAt } from "./plain-issues.ts";
import { text, type Arg, type Text } from "../engine/text.ts";

/** A problem: the JSON path of the field at fault, that place named ("countries → JP (Japan) → …"), and what is wrong, in the catalog's words. */
export type ScenarioIssue = { path: string; place?: string; text: Text };

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
export function issueAt(root: unknown, path: readonly PropertyKey[], problem: Text): ScenarioIssue {
  const place = placeOf(root, path);
  return place ? { path: formatPath(path), place, text: problem } : { path: formatPath(path), text: problem };
}

/** Where a problem is: "countries → JP (Japan) → metrics → prosperity (countries[2].metrics.prosperity)", or the path alone where it names everything on the way ("rules.controls.drag"). */
export function issueWhere(i: Pick<ScenarioIssue, "path" | "place">): Arg {
  return i.place && i.place.replaceAll(" → ", ".") !== i.path ? text("issue.where", { place: i.place, path: i.path }) : i.path;
}

/** One line a person reads: where, then what (render it in the reader's words: client/i18n). */
export function issueLine(i: ScenarioIssue): Text {
  return text("issue.line", { where: issueWhere(i), problem: i.text });
}

/** A text's key and arguments, for a reader with no catalog at hand (a thrown error that no caller rendered). */
export function bareText(t: Text): string {
  return t.args ? `${t.key} ${JSON.stringify(t.args)}` : t.key;
}

function readJson(input: unknown): { ok: true; value: unknown } | { ok: false; issues: ScenarioIssue[] } {
  if (typeof input !== "string") return { ok: true, value: input };
  try {
    return { ok: true, value: JSON.parse(input) };
  } catch (err) {
    return { ok: false, issues: [{ path: "(root)", text: text("issue.notJson", { error: (err as Error).message }) }] };
  }
}

/** JSON text or a value, parsed with `schema`: the data, or every problem in plain words with the JSON path at fault. */
export function parseWith<T>(schema: z.ZodType<T>, input: unknown): { ok: true; data: T } | { ok: false; issues: ScenarioIssue[] } {
  const json = readJson(input);
  if (!json.ok) return json;
  const parsed = schema.safeParse(json.value);
  if (!parsed.success) return { ok: false, issues: parsed.error.issues.map((i) => issueAt(json.value, i.path, plainText(i, json.value, schema))) };
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
  const issues = parsed.error.issues.map((i) => issueAt(value, i.path, plainText(i, value, ScenarioSchema)));
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

/** Parse or throw with every issue listed, each in the words of `say` (English: server/debrief/words.ts): for files we ship, which the server loads at start. */
export function loadScenario(input: unknown, say: (t: Text) => string = bareText): Scenario {
  const result = parseScenario(input);
  if (!result.ok) throw new Error(result.issues.map((i) => say(issueLine(i))).join("\n"));
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
  const add = (path: readonly PropertyKey[], problem: Text) => issues.push(issueAt(root, path, problem));
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
    if (!standardIds.has(tech)) return add(techPath, text("scenario.issue.unknownStandard", { id: tech }));
    const opts = standards.get(tech);
    if (opts && !opts.has(option)) add(optionPath, text("scenario.issue.notAnOption", { option, technology: tech }));
  };

  const checkTarget = (target: string, path: PropertyKey[]) => {
    if (!GROUP_TARGETS.has(target)) knownCountry(target, path);
  };
  const checkCondition = (c: Condition, path: PropertyKey[]) => {
    if ("with" in c && c.with) c.with.forEach((id, k) => knownCountry(id, [...path, "with", k]));
    if (c.kind === "connected" && knownCountry(c.partner, [...path, "partner"])) {
      const p = country(c.partner);
      if (p && p.needs.length === 0) add([...path, "partner"], text("scenario.issue.neverConnected", { id: c.partner }));
    }
    if (c.kind === "standard") checkStandard(c.technology, c.option, [...path, "technology"], [...path, "option"]);
    if ("atLeast" in c && "atMost" in c && c.atLeast !== undefined && c.atMost !== undefined && c.atLeast > c.atMost)
      add(path, text("scenario.issue.atLeastOverAtMost"));
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
      if (other === c.id) !twice.has(c.id) && add(["countries", i, "exposure", other], text("scenario.issue.selfExposure"));
      else knownCountry(other, ["countries", i, "exposure", other]);
      total += share;
    }
    if (total > 1 + EPS) add(["countries", i, "exposure"], text("scenario.issue.exposureSum", { total: total.toFixed(3) }));
    const w = c.weights;
    const sum = w.prosperity + w.security + w.influence + w.trust + w.support;
    if (Math.abs(sum - 1) > 1e-3) add(["countries", i, "weights"], text("scenario.issue.weightSum", { total: sum.toFixed(3) }));
    const objectiveIds = new Set<string>();
    [...c.objectives, c.secret].forEach((o, k) => {
      const path = k < c.objectives.length ? ["countries", i, "objectives", k] : ["countries", i, "secret"];
      if (objectiveIds.has(o.id)) add([...path, "id"], text("scenario.issue.duplicateObjective", { id: o.id }));
      objectiveIds.add(o.id);
      checkCondition(o.condition, [...path, "condition"]);
    });
    if (c.control === "partner" && c.needs.length === 0) add(["countries", i, "needs"], text("scenario.issue.partnerNeeds"));
  });

  // Sums and counts over all countries: only when every country parsed.
  const all = broken.has("countries") ? undefined : countries.filter(defined);
  if (all) {
    // Chokepoint shares of each sector add up to at most 100% of the world.
    for (const sector of SECTORS) {
      const total = all.reduce((sum, c) => sum + (c.sectors[sector]?.chokepoint ?? 0), 0);
      if (total > 1 + EPS) add(["countries"], text("scenario.issue.chokepointSum", { sector, total: total.toFixed(3) }));
    }
    const seats = all.filter((c) => c.control === "seat");
    if (seats.length < 2) add(["countries"], text("scenario.issue.twoSeats"));
    const rivals = all.filter((c) => c.control === "rival");
    if (rivals.length > 1) add(["countries"], text("scenario.issue.oneRival"));
    if (rivals.length === 1 && !s.rival && !broken.has("rival")) add(["rival"], text("scenario.issue.rivalScript", { id: rivals[0]!.id }));
  }
  if (s.rival) {
    if (knownCountry(s.rival.country, ["rival", "country"])) {
      const r = country(s.rival.country);
      if (r && r.control !== "rival") add(["rival", "country"], text("scenario.issue.rivalControl", { id: r.id }));
    }
    for (const [tech, option] of Object.entries(s.rival.standards)) checkStandard(tech, option, ["rival", "standards", tech], ["rival", "standards", tech]);
  }

  s.standards?.forEach((t, i) => {
    if (!t) return;
    const seen = new Set<string>();
    t.options.forEach((o, k) => {
      if (seen.has(o.id)) add(["standards", i, "options", k, "id"], text("scenario.issue.duplicateOption", { id: o.id }));
      seen.add(o.id);
    });
    // A race that opens after the last round could never be run.
    if (t.opens !== undefined && typeof s.rounds === "number" && t.opens > s.rounds) add(["standards", i, "opens"], text("scenario.issue.raceOpensLate", { opens: t.opens, rounds: s.rounds }));
  });
  const events = s.events ?? [];
  const eventIds = idsIn(valueAt(root, ["events"]));
  const seenEvents = new Set<string>();
  eventIds.forEach((id, i) => {
    if (id === undefined) return;
    if (seenEvents.has(id)) add(["events", i, "id"], text("scenario.issue.duplicateEvent", { id }));
    seenEvents.add(id);
  });
  events.forEach((e, i) => {
    if (!e) return;
    e.effects.forEach((eff, k) => checkEffect(eff, ["events", i, "effects", k]));
    e.pressures.forEach((pr, k) => {
      const path = ["events", i, "pressures", k];
      for (const id of [pr.regime.target, ...pr.regime.members]) knownCountry(id, [...path, "regime"]);
      if (pr.regime.members.includes(pr.regime.target)) add([...path, "regime", "target"], text("scenario.issue.regimeMember"));
      pr.unless.forEach((eff, n) => checkEffect(eff, [...path, "unless", n]));
      pr.met.forEach((eff, n) => checkEffect(eff, [...path, "met", n]));
    });
  });
  // A paired card follows a card of the same scenario, no later than its own era.
  events.forEach((e, i) => {
    if (!e || e.after === undefined) return;
    const first = events.find((x) => x?.id === e.after);
    if (!seenEvents.has(e.after)) add(["events", i, "after"], text("scenario.issue.unknownEvent", { id: e.after }));
    else if (!first) return;
    else if (first.id === e.id) add(["events", i, "after"], text("scenario.issue.followsItself"));
    else if (s.year !== undefined && cardEra(first, s.year) > cardEra(e, s.year)) add(["events", i, "after"], text("scenario.issue.laterEra", { id: first.id }));
    else if (first.after !== undefined) add(["events", i, "after"], text("scenario.issue.chained", { id: first.id }));
  });
  s.targets?.forEach((t, i) => {
    if (!t) return;
    checkCondition(t.condition, ["targets", i, "condition"]);
    if (t.condition.kind === "agreement" && t.condition.as) add(["targets", i, "condition", "as"], text("scenario.issue.sharedTargetSide"));
  });

  // A duplicate id, once; the ids others still name that no country has, which one of the two
  // probably had, told with it.
  const countryName = (i: number) => {
    const name = valueAt(root, ["countries", i, "name"]);
    return typeof name === "string" ? name : `countries[${i}]`;
  };
  const orphans = duplicates.length ? [...unknown].filter(([, paths]) => paths.some((p) => p[0] === "countries" && p[2] === "exposure")) : [];
  duplicates.forEach((d, n) => {
    const said = text("scenario.issue.duplicateCountry", { id: d.id, first: countryName(d.first), firstPath: `countries[${d.first}]`, second: countryName(d.second), secondPath: `countries[${d.second}]` });
    const told = orphans.map(([id, paths]) => text("scenario.issue.orphan", { count: paths.length, id }));
    add(["countries", d.second, "id"], n === 0 && told.length ? text("scenario.issue.duplicateCountry.orphans", { said, orphans: { list: told } }) : said);
  });
  for (const [id] of orphans) unknown.delete(id);
  for (const [id, paths] of unknown) {
    const [first, ...more] = paths;
    const shown: Arg[] = more.slice(0, 3).map((p) => issueWhere(issueAt(root, p, text("issue.whole"))));
    if (more.length > shown.length) shown.push(text("scenario.issue.morePlaces", { count: more.length - shown.length }));
    add(first!, shown.length ? text("scenario.issue.unknownCountry.also", { id, places: { list: shown } }) : text("scenario.issue.unknownCountry", { id }));
  }
  return issues;
}
