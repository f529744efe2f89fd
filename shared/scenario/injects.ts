/**
 * A control cell's inject script: a dated schedule of event cards for one scenario, round by
 * round, that the game console and the class console load and fire (one click per inject, or
 * the whole script scheduled at once). Each inject is a card of the scenario's deck (it plays
 * with the card's effects) or a card of the script's own, with its own effects. A script file
 * is untrusted input: `parseInjectScript` runs the schema and then checks it against the
 * scenario, naming every problem by where it is (the inject by its id, the field, the JSON path)
 * and in plain words the facilitator reads in their language (catalog texts: zod's complaints
 * by ./plain-issues.ts, as a scenario's are). docs/TEACHING.md shows the Alliance 2021 and
 * Multipolar 2024 scripts.
 */
import { z } from "zod";
import { lazy } from "../lazy.ts";
import { EffectSchema, Id, Text, type Effect } from "./schema.ts";
import { CardTextsSchema, type CardTexts } from "../engine/actions.ts";
import { text, type Text as Said } from "../engine/text.ts";
import { plainText } from "./plain-issues.ts";
import { issueAt, type ScenarioIssue } from "./validate.ts";

export const InjectSchema = lazy(() =>
  z
  .strictObject({
    id: Id,
    /** The round it belongs to (round 1 is the scenario's first year). */
    round: z.number().int().min(1).max(12),
    /** The real date, as people write it ("7 Oct 2022", "Nov 2021 – Jan 2022"). */
    date: Text(40),
    /** Why now: the question it puts to the table, for the control cell. */
    why: Text(300),
    /** A card of the scenario's deck: it plays with that card's text and effects. */
    card: Id.optional(),
    /** Or a card of the script's own; `texts`, its words in other languages (a shipped script's come from assets/injects/<lang>/). */
    custom: z.strictObject({ title: Text(100), text: Text(600), effects: z.array(EffectSchema).min(1).max(12), texts: CardTextsSchema.optional() }).optional(),
  })
  .refine((i) => !!i.card !== !!i.custom, { message: "an inject names a deck card (card) or carries its own (custom), not both and not neither", params: { text: "script.issue.cardOrCustom" } }),
);
export type Inject = z.infer<typeof InjectSchema>;

export const InjectScriptSchema = lazy(() => z.strictObject({
  scenario: Id,
  title: Text(100),
  injects: z.array(InjectSchema).min(1).max(60),
}));
export type InjectScript = z.infer<typeof InjectScriptSchema>;

/** What checking a script needs of its scenario: its id, its cards and its countries. */
export type ScenarioShape = { id: string; events: readonly { id: string }[]; countries: readonly { id: string }[] };

/** The problems of a well-formed script against its scenario: unknown cards and countries, repeats, rounds out of order. */
export function scriptProblems(script: InjectScript, scenario: ScenarioShape): ScenarioIssue[] {
  return [...scenarioProblem(script.scenario, scenario), ...injectProblems(script, script.injects.map((inj, i) => [i, inj] as const), scenario)];
}

function scenarioProblem(id: string, scenario: ScenarioShape): ScenarioIssue[] {
  return id === scenario.id ? [] : [issueAt(undefined, ["scenario"], text("script.issue.otherScenario", { script: id, scenario: scenario.id }))];
}

/** The problems of injects (each with its place in the file's list, `root`) against the scenario. */
function injectProblems(root: unknown, injects: readonly (readonly [number, Inject])[], scenario: ScenarioShape): ScenarioIssue[] {
  const problems: ScenarioIssue[] = [];
  const problem = (path: readonly PropertyKey[], said: Said) => problems.push(issueAt(root, path, said));
  const cards = new Set(scenario.events.map((e) => e.id));
  const countries = new Set(scenario.countries.map((c) => c.id));
  const groups = new Set(["all", "seats", "alliance", "rival", "swing", "partner"]);
  const ids = new Set<string>();
  const used = new Set<string>();
  let before: Inject | undefined;
  for (const [i, inj] of injects) {
    const at = ["injects", i];
    if (ids.has(inj.id)) problem([...at, "id"], text("script.issue.idTwice", { id: inj.id }));
    ids.add(inj.id);
    if (before && inj.round < before.round) problem([...at, "round"], text("script.issue.outOfOrder", { round: String(inj.round), before: String(before.round) }));
    before = inj;
    if (inj.card) {
      if (!cards.has(inj.card)) problem([...at, "card"], text("script.issue.unknownCard", { card: inj.card }));
      else if (used.has(inj.card)) problem([...at, "card"], text("script.issue.cardTwice", { card: inj.card }));
      used.add(inj.card);
    }
    inj.custom?.effects.forEach((e, j) => {
      for (const id of effectCountries(e)) if (!groups.has(id) && !countries.has(id)) problem([...at, "custom", "effects", j], text("script.issue.unknownCountry", { id }));
    });
  }
  return problems;
}

function effectCountries(e: Effect): string[] {
  if (e.kind === "restriction") return [e.by, e.on];
  return "target" in e ? [e.target] : [];
}

/** A refused script's problems: each where it is and what is wrong (render `issueLine` in the reader's words). */
export type ParsedScript = { ok: true; script: InjectScript } | { ok: false; problems: ScenarioIssue[] };

/** Parses a script from JSON text or data and checks it against the scenario. */
export function parseInjectScript(input: unknown, scenario: ScenarioShape): ParsedScript {
  let data = input;
  if (typeof input === "string") {
    try {
      data = JSON.parse(input);
    } catch (e) {
      return { ok: false, problems: [{ path: "(root)", text: text("script.issue.notJson", { error: (e as Error).message }) }] };
    }
  }
  const parsed = InjectScriptSchema.safeParse(data);
  if (parsed.success) {
    const problems = scriptProblems(parsed.data, scenario);
    return problems.length ? { ok: false, problems } : { ok: true, script: parsed.data };
  }
  const root = typeof data === "object" && data !== null && !Array.isArray(data) ? (data as Record<string, unknown>) : {};
  // Not a script at all (a scenario file, another tool's JSON): say so, before its fields' complaints.
  const notScript: ScenarioIssue[] = !("injects" in root) ? [{ path: "(root)", text: text("script.issue.notAScript") }] : [];
  // One pass names every problem: the injects that are well formed are checked against the scenario too.
  const wellFormed = (Array.isArray(root.injects) ? root.injects : []).flatMap((raw, i) => {
    const inj = InjectSchema.safeParse(raw);
    return inj.success ? [[i, inj.data] as const] : [];
  });
  const problems = [
    ...notScript,
    ...parsed.error.issues.map((i) => issueAt(data, i.path, plainText(i, data, InjectScriptSchema))),
    ...(typeof root.scenario === "string" ? scenarioProblem(root.scenario, scenario) : []),
    ...injectProblems(data, wellFormed, scenario),
  ];
  return { ok: false, problems };
}

/** The facilitator move that fires an inject: now (no round) or scheduled for the start of `round`. */
export function injectMove(inject: Inject, round?: number): InjectMove {
  const when = round ? { round } : {};
  if (inject.card) return { type: "play-event", cardId: inject.card, ...when };
  const c = inject.custom!;
  return { type: "custom-event", title: c.title, text: c.text, effects: c.effects, ...(c.texts ? { texts: c.texts } : {}), ...when };
}
export type InjectMove =
  | { type: "play-event"; cardId: string; round?: number }
  | { type: "custom-event"; title: string; text: string; effects: Effect[]; texts?: CardTexts; round?: number };
