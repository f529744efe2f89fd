/**
 * The import rules of ARCHITECTURE.md: everything under shared/ is pure TypeScript — no
 * colyseus, phaser, node builtins, DOM, Math.random, Date.now or new Date( — so the server,
 * the client, bots, replay and preview can all run the same rules.
 */
import { readdirSync, readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { PURE, SERIAL_IN_PURE_FOLDERS } from "../vitest.config.ts";
import { blank } from "./helpers/blank.ts";

const ROOT = join(import.meta.dirname, "..");
const BUILTINS = new Set(builtinModules.filter((m) => !m.startsWith("_")).map((m) => m.split("/")[0]!));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === "node_modules" ? [] : sourceFiles(path);
    return /\.(ts|tsx|mts|cts|js|mjs)$/.test(e.name) && !e.name.endsWith(".d.ts") ? [path] : [];
  });
}

export type Violation = { line: number; rule: string; text: string };

/** What a file under shared/ must not do. */
export function violations(code: string): Violation[] {
  const found: Violation[] = [];
  const lineOf = (text: string, index: number) => text.slice(0, index).split("\n").length;
  const noComments = blank(code, false);
  const specifiers = /(?:\bimport\s*(?:type\s+)?(?:[\w*{}\s,$]+\s+from\s*)?|\bexport\s*(?:type\s+)?[\w*{}\s,$]+\s+from\s*|\bimport\s*\(\s*|\brequire\s*\(\s*)(["'])([^"']+)\1/g;
  for (const m of noComments.matchAll(specifiers)) {
    const spec = m[2]!;
    const root = spec.startsWith("@") ? spec.split("/").slice(0, 2).join("/") : spec.split("/")[0]!;
    let rule: string | undefined;
    if (spec.startsWith("node:")) rule = "node builtin";
    else if (BUILTINS.has(root)) rule = "node builtin";
    else if (root === "colyseus" || root.startsWith("@colyseus/") || root.startsWith("colyseus.")) rule = "colyseus";
    else if (root === "phaser" || root.startsWith("phaser")) rule = "phaser";
    if (rule) found.push({ line: lineOf(noComments, m.index!), rule, text: spec });
  }
  const codeOnly = blank(code, true);
  const forbidden: [RegExp, string][] = [
    [/(?<![\w$.])document\s*[.[]/g, "DOM (document)"],
    [/(?<![\w$.])window\s*[.[]/g, "DOM (window)"],
    [/(?<![\w$.])globalThis\s*\.\s*(?:document|window)\b/g, "DOM (globalThis)"],
    [/\bMath\s*\.\s*random\b/g, "Math.random"],
    [/\bDate\s*\.\s*now\b/g, "Date.now"],
    [/\bnew\s+Date\s*\(/g, "new Date("],
    [/\bperformance\s*\.\s*now\b/g, "performance.now"],
  ];
  for (const [re, rule] of forbidden) for (const m of codeOnly.matchAll(re)) found.push({ line: lineOf(codeOnly, m.index!), rule, text: m[0] });
  return found;
}

describe("architecture: shared/ is pure", () => {
  const files = sourceFiles(join(ROOT, "shared"));

  it("finds the engine, protocol, scenario and bot files", () => {
    const rel = files.map((f) => relative(ROOT, f));
    expect(rel).toContain(join("shared", "engine", "apply.ts"));
    expect(rel).toContain(join("shared", "scenario", "schema.ts"));
    expect(rel.length).toBeGreaterThan(15);
  });

  it.each(files.map((f) => [relative(ROOT, f), f]))("%s", (_rel, file) => {
    expect(violations(readFileSync(file, "utf8"))).toEqual([]);
  });
});

describe("architecture: the checker itself", () => {
  it.each([
    ['import { readFileSync } from "node:fs";', "node builtin"],
    ['import fs from "fs";', "node builtin"],
    ['import { join } from "path";', "node builtin"],
    ['import * as cp from "child_process";', "node builtin"],
    ['const os = require("os");', "node builtin"],
    ['const m = await import("node:crypto");', "node builtin"],
    ['export { x } from "node:util";', "node builtin"],
    ['export * from "fs/promises";', "node builtin"],
    ['import "node:process";', "node builtin"],
    ['import { Room } from "@colyseus/core";', "colyseus"],
    ['import { Client } from "colyseus.js";', "colyseus"],
    ['import type { Scene } from "phaser";', "phaser"],
    ["const x = Math.random();", "Math.random"],
    ["const t = Date.now();", "Date.now"],
    ["const d = new Date();", "new Date("],
    ['document.getElementById("x");', "DOM (document)"],
    ["window.alert(1);", "DOM (window)"],
    ["const w = `${Math.random()}`;", "Math.random"],
  ])("catches %s", (code, rule) => {
    expect(violations(code).map((v) => v.rule)).toContain(rule);
  });

  it.each([
    "/** Pure: no Math.random, no Date.now, no new Date(), no document. */",
    "// import fs from 'fs'",
    'const text = "the window of opportunity and the document";',
    "const label = `Math.random() is not used here`;",
    'import { z } from "zod";',
    'import { apply } from "./apply.ts";',
    "const dateNow = state.round; const windowSize = 3; const documents = [];",
    'const re = /"window"/g;',
  ])("lets pass %s", (code) => {
    expect(violations(code)).toEqual([]);
  });
});

/** A vitest include pattern as a test of a path from the root ("**\/" any folders, "*" within one). */
const globTest = (glob: string): RegExp =>
  new RegExp(`^${glob.split(/(\*\*\/|\*)/).map((part) => (part === "**/" ? "(?:[^/]+/)*" : part === "*" ? "[^/]*" : part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))).join("")}$`);

/** What a test file does that only the servers or the serial projects may: start a game server, or a browser. */
export function startsServerOrBrowser(code: string): string[] {
  const codeOnly = blank(code, true);
  return [...codeOnly.matchAll(/\b(?:serverPerFile|startServerProcess|startServer|domPages|launchBrowser)\s*\(|\bchromium\s*\.\s*launch\b/g)].map((m) => m[0].replace(/\s*\($/, ""));
}

describe("architecture: the pure test project starts no server and no browser (vitest.config.ts)", () => {
  const tests = sourceFiles(join(ROOT, "tests")).map((f) => relative(ROOT, f).split("\\").join("/"));
  const inPure = (rel: string) => PURE.some((g) => globTest(g).test(rel)) && !SERIAL_IN_PURE_FOLDERS.some((g) => globTest(g).test(rel));
  const pure = tests.filter(inPure);

  it("finds the pure project's files, and not those it leaves to the others", () => {
    expect(pure).toContain("tests/architecture.test.ts");
    expect(pure).toContain("tests/debrief/report.test.ts");
    expect(pure).not.toContain("tests/client/compare-page-dom.test.ts");
    expect(pure).not.toContain("tests/server/full-game.test.ts");
    expect(pure.length).toBeGreaterThan(40);
  });

  it.each(pure.map((rel) => [rel]))("%s", (rel) => {
    expect(startsServerOrBrowser(readFileSync(join(ROOT, rel), "utf8"))).toEqual([]);
  });

  it.each([
    ["serverPerFile((s) => (server = s));", "serverPerFile"],
    ["const server = await startServerProcess({ databasePath });", "startServerProcess"],
    ["pages = await domPages();", "domPages"],
    ["const b = await chromium.launch({ executablePath });", "chromium.launch"],
  ])("catches %s", (code, what) => {
    expect(startsServerOrBrowser(code)).toEqual([what]);
  });

  it.each(['import { ROOT } from "../helpers/server-process.ts";', "// serverPerFile(...) would start one", 'const note = "domPages() starts Chromium";', "server.listen(0, \"127.0.0.1\", resolve);"])("lets pass %s", (code) => {
    expect(startsServerOrBrowser(code)).toEqual([]);
  });
});
