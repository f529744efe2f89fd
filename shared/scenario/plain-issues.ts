/**
 * The one place zod's complaints become plain words, for everyone who sends us something
 * malformed: a teacher's scenario (`npm run validate-scenario`, ./validate.ts), a facilitator's
 * control-cell script (./injects.ts) and a client's message to the room or the HTTP API
 * (shared/protocol/issues.ts). zod's issue codes map to catalog texts (client/i18n/en/issues.ts;
 * shared/engine/text.ts), so each reader gets them in their language: the field and what it must
 * be, and the value found ("prosperity must be at most 100 — it is 150"), never more than a
 * short quote of it. The place of a problem in a file is named by the things it is in
 * ("countries → JP (Japan) → metrics → prosperity") beside its JSON path.
 */
import type { z } from "zod";
import { text, type Arg, type Text } from "../engine/text.ts";

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

/** A quote of what someone wrote, cut short: a reply never echoes a long input back. */
export const clip = (s: string, max = 40) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

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
  return parts.join(" → ");
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
function numberWanted(schema: Schema | undefined, fallback: Arg): Arg {
  if (schema?._zod.def.type !== "number") return fallback;
  const bound = (b: number | null | undefined) => (b === null || b === undefined || Math.abs(b) >= Number.MAX_SAFE_INTEGER ? undefined : b);
  const [min, max] = [bound(schema.minValue), bound(schema.maxValue)];
  const kind = text(schema.isInt ? "issue.kind.int" : "issue.kind.number");
  if (min !== undefined && max !== undefined) return text("issue.number.between", { kind, min: String(min), max: String(max) });
  if (min !== undefined) return text("issue.number.atLeast", { kind, min: String(min) });
  if (max !== undefined) return text("issue.number.atMost", { kind, max: String(max) });
  return kind;
}

/** The field a sentence is about: its name, or a list's item by its place ("debrief #3"). */
function fieldName(path: readonly Key[]): Arg {
  const last = path.at(-1);
  if (last === undefined) return text("issue.whole");
  if (typeof last !== "number") return clip(String(last));
  const list = path.findLast((k) => typeof k === "string");
  return list === undefined ? `#${last + 1}` : `${clip(String(list))} #${last + 1}`;
}

/** A value as a sentence names it: a string quoted (cut short), a list or a group by its size. */
function describe(v: unknown): Arg {
  if (typeof v === "string") return `"${clip(v, 60)}"`;
  if (v === null) return text("issue.value.null");
  if (Array.isArray(v)) return text("issue.value.list", { count: String(v.length) });
  if (typeof v === "object") return text("issue.value.object");
  return clip(String(v));
}

const EXPECTED: Record<string, string> = {
  number: "issue.kind.number",
  int: "issue.kind.int",
  string: "issue.kind.string",
  boolean: "issue.kind.boolean",
  array: "issue.kind.array",
  object: "issue.kind.object",
  record: "issue.kind.object",
};

/** The closest of `options` to a misspelled `value`, if one is near enough to be meant. */
function nearest(value: unknown, options: readonly unknown[]): string | undefined {
  if (typeof value !== "string" || value.length > 100) return undefined;
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

/** At most this many of a list are named (the options a field may take, the stray fields of a message). */
const SHOWN = 12;

/** `"a", "b", "c"`, the first `SHOWN` of them, "…" for the rest. */
function quoted(items: readonly unknown[]): string {
  const shown = items.slice(0, SHOWN).map((o) => (typeof o === "string" ? `"${clip(o)}"` : clip(String(o))));
  return items.length > SHOWN ? `${shown.join(", ")}, …` : shown.join(", ");
}

function oneOf(field: Arg, options: readonly unknown[], value: unknown): Text {
  const listed = quoted(options);
  const guess = nearest(value, options);
  const found = value === undefined ? text("issue.oneOf.missing", { field, options: listed }) : text("issue.oneOf", { field, options: listed, value: describe(value) });
  return guess ? text("issue.didYouMean", { said: found, guess }) : found;
}

/**
 * One problem zod found in `root`, as a catalog text naming the field, what it must be and the
 * value found: one mapping by issue code, for every field of every input these schemas check.
 * With the input's schema, a number's sentence says what number it wants ("a whole number from
 * 1 to 12"). `root` is the input itself (what zod was given), where the value found is read.
 */
export function plainText(issue: Issue, root: unknown, schema?: z.ZodType): Text {
  const path = issue.path;
  const field = fieldName(path);
  const value = valueAt(root, path);
  const says = saidText(issue.message);
  if (says) return says;
  // A schema that says in its own words what a field is ("one round, a whole number from 0 to
  // 12 (?round=N, given once)") knows better than a sentence made from the issue's code.
  if (issue.code !== "custom" && !ZOD_WORDS.test(issue.message)) return own(issue.message);
  switch (issue.code) {
    case "invalid_type": {
      const number = issue.expected === "number" || issue.expected === "int";
      const wanted: Arg = EXPECTED[issue.expected] ? text(EXPECTED[issue.expected]!) : issue.expected;
      const expected = number ? numberWanted(schemaAt(schema as Schema | undefined, root, path), wanted) : wanted;
      if (value === undefined) return text("issue.missing", { field, expected });
      if (typeof value === "string" && number && value.trim() !== "" && Number.isFinite(Number(value)))
        return text("issue.numberAsText", { field, expected, value: clip(value.trim()) });
      return text("issue.wrongType", { field, expected, value: typeof value === "string" ? text("issue.value.text", { value: describe(value) }) : describe(value) });
    }
    case "too_big":
    case "too_small": {
      const big = issue.code === "too_big";
      const limit = String(Number(big ? issue.maximum : issue.minimum));
      if (issue.origin === "number" || issue.origin === "int") {
        const key = big ? (issue.inclusive ? "issue.atMost" : "issue.lessThan") : issue.inclusive ? "issue.atLeast" : "issue.moreThan";
        return text(key, { field, limit, value: describe(value) });
      }
      if (issue.origin === "string" && typeof value === "string") {
        if (!big && limit === "1") return text("issue.empty", { field });
        return text(big ? "issue.longest" : "issue.shortest", { field, limit, count: String(value.trim().length) });
      }
      if (issue.origin === "array" && Array.isArray(value)) return text(big ? "issue.mostItems" : "issue.fewestItems", { field, limit, count: String(value.length) });
      return own(issue.message);
    }
    case "invalid_value":
      return issue.values.length === 1 ? text("issue.wrongType", { field, expected: describe(issue.values[0]), value: describe(value) }) : oneOf(field, issue.values, value);
    case "invalid_union": {
      // A list of kinds ("kind": "metric" | "table" | …) whose kind is none of them.
      const options = (issue as { options?: unknown[] }).options;
      if (options) return oneOf(field, options, value);
      // Otherwise the branch that came closest (fewest problems) says what is wrong.
      const closest = [...issue.errors].sort((a, b) => a.length - b.length)[0]?.[0];
      return closest ? plainText({ ...closest, path: [...path, ...closest.path] } as Issue, root, schema) : text("issue.noForm", { field, value: describe(value) });
    }
    case "invalid_format": {
      if (issue.format === "url") return text("issue.url", { field, value: describe(value) });
      return text("issue.pattern", { field, pattern: clip(issue.pattern ?? issue.format, 80), value: describe(value) });
    }
    case "unrecognized_keys":
      return text("issue.strayFields", { count: issue.keys.length, field, keys: quoted(issue.keys) });
    case "not_multiple_of":
      return text("issue.multipleOf", { field, divisor: String(issue.divisor), value: describe(value) });
    default: {
      // Our own checks (refine) already speak in sentences: in the catalog's, where the check names its text (`params: { text: key }`).
      const key = (issue as { params?: { text?: unknown } }).params?.text;
      return typeof key === "string" ? text(key) : own(issue.message);
    }
  }
}

/** How zod's own messages begin ("Invalid input: expected number, received string", "Too big: …"): any other message is the schema's own. */
const ZOD_WORDS = /^(Invalid|Too (big|small)|Unrecognized|Expected)\b/;

/**
 * A schema's own words as a catalog text (client/i18n/en/issues.ts `issue.said.*`), for a check
 * that takes only a message: `.max(40, says("issue.said.nameLong"))`, `z.boolean({ error: says(…) })`.
 * The message carries the text's key and arguments; `plainText` renders it in the reader's language.
 */
export const says = (key: string, args?: Record<string, string | number>): string => JSON.stringify(text(key, args));

/** The catalog text a message made by `says` carries. */
function saidText(message: string): Text | undefined {
  if (!message.startsWith('{"key":"')) return undefined;
  try {
    const t = JSON.parse(message) as { key?: unknown; args?: unknown };
    if (typeof t.key !== "string") return undefined;
    return isRecord(t.args) ? text(t.key, t.args as Record<string, Arg>) : text(t.key);
  } catch {
    return undefined;
  }
}

/** A sentence of our own schema's (a refine's message), as it is written. */
const own = (message: string): Text => text("issue.own", { message: clip(message, 300) });
