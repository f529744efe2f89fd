/**
 * The client's shape (ARCHITECTURE.md): one network seam is the only importer of
 * @colyseus/sdk; Phaser lives in client/board/ only; the view-model, store and catalog touch
 * no DOM; and the catalog has a name for every word of the engine's vocabulary.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { en } from "../../client/i18n/en.ts";
import { AGREEMENT_TYPES } from "../../shared/engine/agreements/index.ts";
import { ALIGNMENT_CLAUSES, COUNTRY_METRICS, LOAN_CONDITIONS, PHASES, PROJECT_TYPES, ROLES, SECTORS, STANCES, TABLE_METRICS } from "../../shared/engine/vocabulary.ts";
import { AGREEMENT_STATUSES } from "../../shared/engine/types.ts";

const ROOT = join(import.meta.dirname, "..", "..");
const CLIENT = join(ROOT, "client");

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith(".ts") && !e.name.endsWith(".d.ts") ? [join(dir, e.name)] : []));
}
const imports = (code: string) => [...code.matchAll(/(?:from|import)\s*\(?\s*["']([^"']+)["']/g)].map((m) => m[1]!);
const rel = (f: string) => relative(ROOT, f);

describe("client boundaries", () => {
  const all = files(CLIENT);

  it("only client/net/connection.ts imports @colyseus/sdk", () => {
    const users = all.filter((f) => imports(readFileSync(f, "utf8")).some((s) => s.startsWith("@colyseus/"))).map(rel);
    expect(users).toEqual([join("client", "net", "connection.ts")]);
  });

  it("only client/board/ imports phaser", () => {
    const users = all.filter((f) => imports(readFileSync(f, "utf8")).some((s) => s === "phaser" || s.startsWith("phaser/"))).map(rel);
    expect(users.length).toBeGreaterThan(0);
    for (const u of users) expect(u.startsWith(join("client", "board"))).toBe(true);
  });

  it("the view-model, store and catalog use no DOM and import no UI", () => {
    for (const dir of ["model", "state", "i18n"])
      for (const f of files(join(CLIENT, dir))) {
        const code = readFileSync(f, "utf8").replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, "");
        expect(code, rel(f)).not.toMatch(/(?<![\w.])(document|window|localStorage|sessionStorage)\s*\./);
        expect(imports(code).filter((s) => /\/(ui|board|net)\//.test(s)), rel(f)).toEqual([]);
      }
  });

  it("the board's keys are confined to its container: Phaser's keyboard, which listens on the whole window by default, is off", () => {
    const board = readFileSync(join(CLIENT, "board", "board.ts"), "utf8");
    expect(board).toMatch(/keyboard:\s*false/);
    expect(board).toMatch(/parent\.addEventListener\("keydown"/);
    expect(board).not.toMatch(/(window|document)\.addEventListener\("key/);
  });
});

describe("the catalog names the whole vocabulary", () => {
  const keys = new Set(Object.keys(en));
  it.each([
    ["sector", SECTORS],
    ["sectorShort", SECTORS],
    ["role", ROLES],
    ["metric", [...COUNTRY_METRICS, ...TABLE_METRICS]],
    ["type", AGREEMENT_TYPES],
    ["project", PROJECT_TYPES],
    ["condition", LOAN_CONDITIONS],
    ["clause", ALIGNMENT_CLAUSES],
    ["stance", STANCES],
    ["phase", PHASES],
    ["phase.title", PHASES],
    ["status", AGREEMENT_STATUSES],
  ] as const)("%s.*", (prefix, words) => {
    for (const w of words) expect(keys.has(`${prefix}.${w}`), `${prefix}.${w}`).toBe(true);
  });

  it("no placeholder is misspelt ({name} pairs balance)", () => {
    for (const [k, v] of Object.entries(en)) expect((v.match(/\{/g) ?? []).length, k).toBe((v.match(/\}/g) ?? []).length);
  });
});
