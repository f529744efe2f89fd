/**
 * Agreement types live in one place: a module each under shared/engine/agreements/, listed by
 * the registry there (docs/ARCHITECTURE.md "A new agreement type"). Everything else reads
 * the modules, so a new type is one new module, its scenario rules and its strings.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { AGREEMENTS, AGREEMENT_TYPES, TermsSchema, checkTerms, draftWorld, kindOf, partiesOf } from "../../shared/engine/agreements/index.ts";
import type { FormValues } from "../../shared/engine/agreements/kit.ts";
import { randomDraft } from "../../shared/bots/random-bot.ts";
import { seedFrom } from "../../shared/engine/rng.ts";
import { blank } from "../helpers/blank.ts";
import { newGame } from "./helpers.ts";

const ROOT = join(import.meta.dirname, "..", "..");
const REGISTRY = join("shared", "engine", "agreements");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === "node_modules" ? [] : sourceFiles(path);
    return /\.ts$/.test(e.name) && !e.name.endsWith(".d.ts") ? [path] : [];
  });
}

const NAMES = AGREEMENT_TYPES.map((t) => t.replace(/[-]/g, "\\-")).join("|");

/**
 * Where a file enumerates agreement types: a `case "supply":` label, or three or more type
 * names written as strings other than building, testing or passing one type (`type: "loan"`,
 * `type === "loan"`, `dealers(w, me, "loan")`), as a list or a record keyed by type would.
 */
export function enumerations(code: string): string[] {
  const text = blank(code, false);
  const found: string[] = [];
  for (const m of text.matchAll(new RegExp(`\\bcase\\s+["'](${NAMES})["']`, "g"))) found.push(`case "${m[1]}"`);
  const listed = new Set<string>();
  for (const m of text.matchAll(new RegExp(`(["'])(${NAMES})\\1`, "g"))) {
    const before = text.slice(Math.max(0, m.index! - 12), m.index!);
    const after = text.slice(m.index! + m[0].length, m.index! + m[0].length + 3);
    if (/(type\s*:|[=!]==?|\bcase)\s*$/.test(before) || (/[(,]\s*$/.test(before) && /^\s*\)/.test(after))) continue;
    listed.add(m[2]!);
  }
  if (listed.size >= 3) found.push(`lists ${[...listed].sort().join(", ")}`);
  return found;
}

describe("the agreement registry", () => {
  const files = ["shared", "server", "client"].flatMap((d) => sourceFiles(join(ROOT, d))).filter((f) => !relative(ROOT, f).startsWith(REGISTRY));

  it("is the only place that enumerates agreement types", () => {
    const found = files.map((f) => [relative(ROOT, f), enumerations(readFileSync(f, "utf8"))] as const);
    const offenders = Object.fromEntries(found.filter(([, v]) => v.length > 0));
    expect(offenders).toEqual({});
  });

  it.each([
    ['switch (t.type) { case "supply": return 1; }', ['case "supply"']],
    ['const MIN = { "export-control": 1, screening: 2, "rnd": 2, "loan": 2 };', ["lists export-control, loan, rnd"]],
    ['const TYPES = ["alignment", "standards", "rnd"] as const;', ["lists alignment, rnd, standards"]],
  ])("catches an enumeration: %s", (code, expected) => {
    expect(enumerations(code)).toEqual(expected);
  });

  it.each([
    'if (a.terms.type === "loan" || a.terms.type === "supply" || t.type !== "rnd") x();',
    'const d = { terms: { type: "supply" } }; const e = { terms: { type: "loan" } }; const f = { type: "rnd" };',
    'dealers(w, me, "supply"); dealers(w, me, "loan"); kindOf("rnd");',
    '// case "supply": a comment is not code',
  ])("lets a single type through: %s", (code) => {
    expect(enumerations(code)).toEqual([]);
  });

  it("lists each type once, with a module that names it", () => {
    expect(new Set(AGREEMENT_TYPES).size).toBe(AGREEMENTS.length);
    for (const kind of AGREEMENTS) expect(kindOf(kind.type)).toBe(kind);
    expect(TermsSchema.options.map((o) => o.shape.type.value)).toEqual([...AGREEMENT_TYPES]);
  });

  it.each([...AGREEMENT_TYPES])("%s: random terms are well formed, and the deal form carries them both ways", (type) => {
    const state = newGame();
    const rng = { rng: seedFrom(`registry-${type}`) };
    const kind = kindOf(type);
    let accepted = 0;
    for (let i = 0; i < 40; i++) {
      const draft = randomDraft(state, "US", type, rng);
      expect(TermsSchema.safeParse(draft.terms).success).toBe(true);
      if (!checkTerms(draftWorld(state), draft, "US")) accepted++;
      const form = { parties: draft.parties, duration: draft.duration, ...kind.form.read(draft.terms as never) } as FormValues;
      const back = kind.form.write(form);
      expect(back.terms).toEqual(draft.terms);
      expect(partiesOf(back)).toEqual(partiesOf(draft));
      expect(kind.form.fields).toContain("duration");
    }
    expect(accepted).toBeGreaterThan(0);
  });
});
