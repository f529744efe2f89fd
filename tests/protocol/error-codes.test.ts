/**
 * docs/PROTOCOL.md and the server agree on refusals: every code the engine or the room can
 * answer a request with is listed in the document, and the document says when a deal you
 * are not in answers `rule/unknown_agreement` rather than `rule/not_a_party`.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../helpers/server-process.ts";

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith(".ts") ? [path] : [];
  });
}

const protocol = readFileSync(join(ROOT, "docs", "PROTOCOL.md"), "utf8");
const emitted = new Set(
  [...sources(join(ROOT, "shared", "engine")), ...sources(join(ROOT, "server", "rooms"))].flatMap((file) =>
    [...readFileSync(file, "utf8").matchAll(/["'`]((?:rule|rate|auth|seat|input|chat|server)\/[a-z_]*[a-z])["'`]/g)].map((m) => m[1]!),
  ),
);

describe("docs/PROTOCOL.md lists every refusal", () => {
  it("finds the codes in the sources at all", () => {
    expect(emitted.size).toBeGreaterThan(30);
    expect(emitted).toContain("rule/not_a_party");
  });

  it.each([...emitted].sort())("%s", (code) => {
    expect(protocol).toContain(`\`${code}\``);
  });

  it("says which of rule/unknown_agreement and rule/not_a_party a deal you are not in gets", () => {
    const row = protocol.split("\n").find((line) => line.startsWith("| `rule/unknown_agreement`"));
    expect(row).toMatch(/unsigned offer between other countries/);
    expect(protocol.split("\n").find((line) => line.startsWith("| `rule/not_a_party`"))).toMatch(/can see .* but are not a party/);
  });

  it("says what happens to chat after the end", () => {
    expect(protocol).toMatch(/\*\*After the end\.\*\* Once a game has ended, chat stays open/);
  });
});
