/**
 * Scenario and script files written by a test, and the `validate-scenario` command run on
 * them: the folder is removed when the test (or, made outside a test, the file) is done, so
 * runs leave nothing in the system's temporary folder.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, onTestFinished } from "vitest";

/** A new empty folder, removed after the current test (or after the file, outside a test). */
export function tempFolder(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `chokepoint-${prefix}-`));
  const remove = () => rmSync(dir, { recursive: true, force: true });
  try {
    onTestFinished(remove);
  } catch {
    afterAll(remove);
  }
  return dir;
}

/** `npm run validate-scenario -- ...files`, as a newcomer runs it, in an English locale (whatever the machine's). */
export function validateScenario(...files: string[]) {
  return validateScenarioIn({ LANG: "C.UTF-8" }, ...files);
}

/** `npm run validate-scenario -- ...args` under a locale of its own (`LANG`, `LC_ALL`). */
export function validateScenarioIn(locale: { LANG?: string; LC_ALL?: string }, ...args: string[]) {
  const { LANG: _lang, LC_ALL: _all, LC_MESSAGES: _messages, ...env } = process.env;
  return spawnSync(join("node_modules", ".bin", "node"), ["--import", "tsx", join("server", "cli", "validate-scenario.ts"), ...args], { encoding: "utf8", timeout: 60_000, env: { ...env, ...locale } });
}
