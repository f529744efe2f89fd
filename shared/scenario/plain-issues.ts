/**
 * A file's problems in the words of the person who wrote it (a teacher preparing a scenario,
 * `npm run validate-scenario`): zod's issue codes mapped to our own sentences, naming the value
 * found ("prosperity must be at most 100 — it is 150"), and the place of each problem named by
 * the things it is in ("countries → JP (Japan) → metrics → prosperity") beside its JSON path.
 * The people who read these prepare scenarios, in English as the files are (the CLI's own
 * lines are English too); the game's catalog (client/i18n) is for players.
 */
import type { z } from "zod";

type Issue = z.core.$ZodIssue;
type Key = PropertyKey;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** The value at `path` inside `root` (undefined where the path leaves the value). */
export function valueAt(root: unknown, path: readonly Key[]): unknown {
  let here = root;
  for (const key of path) {
    if (Array.isArray(here) && typeof key === "number") here = here[key];
    else if (isRecord(here) && typeof key === "string") here = here[key];
    else return undefined;
  }
  return here;
}

const clip = (s: string, max = 40) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

/** An item of a list by what names it: its id (and name or title), else its place and its text. */
function itemName(item: unknown, index: number): string {
  if (isRecord(item)) {
    const label = [item.name, item.title].find((v) => typeof v === "string");
    if (typeof item.id === "string") return label ? `${item.id} (${clip(label as string)})` : item.id;
    if (typeof item.text === "string") return `#${index + 1} ("${clip(item.text)}")`;
  }
  return `#${index + 1}`;
}

/** "countries → US (United States) → metrics → prosperity": the path, each list item by its name. */
export function placeOf(root: unknown, path: readonly Key[]): string {
  const parts: string[] = [];
  let here = root;
  for (const key of path) {
    const next = valueAt(here, [key]);
    parts.push(typeof key === "number" ? itemName(next, key) : String(key));
    here = next;
  }
  return parts.join(" → ") || "(the whole file)";
}

type Def = { type: string; innerType?: Schema; in?: Schema; shape?: Record<string, Schema>; element?: Schema; valueType?: Schema; options?: Schema[]; discriminator?: string };
type Schema = { _zod: { def: Def; propValues?: Record<string, Set<unknown>> }; isInt?: boolean; minValue?: number | null; maxValue?: number | null };
const WRAPPERS = new Set(["optional", "default", "prefault", "nullable", "nonoptional", "readonly", "catch"]);

/** The schema of the field at `path` (the kind of a union picked by the value's discriminator), where it can be told. */
function schemaAt(schema: Schema | undefined, root: unknown, path: readonly Key[]): Schema | undefined {
  let here = schema;
  let value = root;
  const unwrap = (s: Schema | undefined): Schema | undefined => {
    const def = s?._zod.def;
    if (def && WRAPPERS.has(def.type)) return unwrap(def.innerType);
    if (def?.type === "pipe") return unwrap(def.in);
    if (def?.type === "union" && def.discriminator && def.options) {
      const kind = valueAt(value, [def.discriminator]);
      return unwrap(def.options.find((o) => o._zod.propValues?.[def.discriminator!]?.has(kind)));
    }
    return s;
  };
  for (const key of path) {
    const def = unwrap(here)?._zod.def;
    here = def?.type === "object" ? def.shape?.[String(key)] : def?.type === "array" ? def.element : def?.type === "record" ? def.valueType : undefined;
    value = valueAt(value, [key]);
    if (!here) return undefined;
  }
  return unwrap(here);
}

/** "a whole number from 1 to 12", "a number of at least 0", as the field's schema says. */
function numberWanted(schema: Schema | undefined, fallback: string): string {
  if (schema?._zod.def.type !== "number") return fallback;
  const bound = (b: number | null | undefined) => (b === null || b === undefined || Math.abs(b) >= Number.MAX_SAFE_INTEGER ? undefined : b);
  const [min, max] = [bound(schema.minValue), bound(schema.maxValue)];
  const kind = schema.isInt ? "a whole number" : "a number";
  if (min !== undefined && max !== undefined) return `${kind} from ${min} to ${max}`;
  if (min !== undefined) return `${kind} of at least ${min}`;
  if (max !== undefined) return `${kind} of at most ${max}`;
  return kind;
}

/** The field a sentence is about: its name, or a list's item by its place ("debrief #3"). */
function fieldName(path: readonly Key[]): string {
  const last = path.at(-1);
  if (last === undefined) return "the file";
  if (typeof last !== "number") return String(last);
  const list = path.findLast((k) => typeof k === "string");
  return list === undefined ? `#${last + 1}` : `${String(list)} #${last + 1}`;
}

/** A value as a sentence names it. */
function describe(v: unknown): string {
  if (typeof v === "string") return `"${clip(v, 60)}"`;
  if (v === null) return "null (empty)";
  if (Array.isArray(v)) return `a list of ${v.length}`;
  if (typeof v === "object") return "a group of fields { … }";
  return String(v);
}

const EXPECTED: Record<string, string> = {
  number: "a number",
  int: "a whole number",
  string: "text",
  boolean: "true or false",
  array: "a list [ … ]",
  object: "a group of fields { … }",
  record: "a group of fields { … }",
};

/** The closest of `options` to a misspelled `value`, if one is near enough to be meant. */
function nearest(value: unknown, options: readonly unknown[]): string | undefined {
  if (typeof value !== "string") return undefined;
  let best: { option: string; distance: number } | undefined;
  for (const option of options) {
    if (typeof option !== "string") continue;
    const distance = editDistance(value.toLowerCase(), option.toLowerCase());
    if (!best || distance < best.distance) best = { option, distance };
  }
  return best && best.distance <= Math.max(1, Math.floor(best.option.length / 3)) ? best.option : undefined;
}

function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    row = next;
  }
  return row[b.length]!;
}

function oneOf(field: string, options: readonly unknown[], value: unknown): string {
  const listed = options.map((o) => (typeof o === "string" ? `"${o}"` : String(o))).join(", ");
  const guess = nearest(value, options);
  const found = value === undefined ? `${field} is missing: it must be one of ${listed}` : `${field} must be one of ${listed} — it is ${describe(value)}`;
  return guess ? `${found} (did you mean "${guess}"?)` : found;
}

/**
 * One problem zod found in `root`, as a sentence naming the field and the value found: one
 * mapping by issue code, for every field of every file these schemas check. With the file's
 * schema, a number's sentence says what number it wants ("a whole number from 1 to 12").
 */
export function plainMessage(issue: Issue, root: unknown, schema?: z.ZodType): string {
  const path = issue.path;
  const field = fieldName(path);
  const value = valueAt(root, path);
  switch (issue.code) {
    case "invalid_type": {
      const wanted = EXPECTED[issue.expected] ?? issue.expected;
      const expected = issue.expected === "number" || issue.expected === "int" ? numberWanted(schemaAt(schema as Schema | undefined, root, path), wanted) : wanted;
      if (value === undefined) return `${field} is missing: it must be ${expected}`;
      if (typeof value === "string" && (issue.expected === "number" || issue.expected === "int") && value.trim() !== "" && Number.isFinite(Number(value)))
        return `${field} must be ${expected}, not text: write ${value.trim()} without the quotes`;
      return `${field} must be ${expected} — it is ${typeof value === "string" ? `the text ${describe(value)}` : describe(value)}`;
    }
    case "too_big":
    case "too_small": {
      const big = issue.code === "too_big";
      const limit = Number(big ? issue.maximum : issue.minimum);
      if (issue.origin === "number" || issue.origin === "int") {
        const bound = big ? (issue.inclusive ? "at most" : "less than") : issue.inclusive ? "at least" : "more than";
        return `${field} must be ${bound} ${limit} — it is ${describe(value)}`;
      }
      if (issue.origin === "string" && typeof value === "string") {
        if (!big && limit === 1) return `${field} must not be empty`;
        return `${field} must be ${big ? "at most" : "at least"} ${limit} characters long — it has ${value.trim().length}`;
      }
      if (issue.origin === "array" && Array.isArray(value)) return `${field} must list ${big ? "at most" : "at least"} ${limit} — it lists ${value.length}`;
      return issue.message;
    }
    case "invalid_value":
      return issue.values.length === 1 ? `${field} must be ${describe(issue.values[0])} — it is ${describe(value)}` : oneOf(field, issue.values, value);
    case "invalid_union": {
      // A list of kinds ("kind": "metric" | "table" | …) whose kind is none of them.
      const options = (issue as { options?: unknown[] }).options;
      if (options) return oneOf(field, options, value);
      // Otherwise the branch that came closest (fewest problems) says what is wrong.
      const closest = [...issue.errors].sort((a, b) => a.length - b.length)[0]?.[0];
      return closest ? plainMessage({ ...closest, path: [...path, ...closest.path] } as Issue, root, schema) : `${field} is none of the forms it may take — it is ${describe(value)}`;
    }
    case "invalid_format": {
      if (issue.format === "url") return `${field} must be a web address starting with https:// — it is ${describe(value)}`;
      // A pattern our schema explains in words ("an id of letters, digits, - or _") says them.
      const words = issue.message.startsWith("Invalid") ? `written as ${issue.pattern ?? issue.format}` : issue.message;
      return `${field} must be ${words} — it is ${describe(value)}`;
    }
    case "unrecognized_keys": {
      const keys = issue.keys.map((k) => `"${k}"`).join(", ");
      return `${field} has no ${issue.keys.length > 1 ? "fields" : "field"} ${keys}: check the spelling, or remove ${issue.keys.length > 1 ? "them" : "it"}`;
    }
    case "not_multiple_of":
      return `${field} must be a multiple of ${String(issue.divisor)} — it is ${describe(value)}`;
    default:
      // Our own checks (refine) already speak in sentences.
      return issue.message;
  }
}
