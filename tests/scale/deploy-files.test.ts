/**
 * The example deployment files of docs/DEPLOY.md parse, and name only settings the server
 * reads: the systemd unit as systemd's INI format, the Containerfile as Dockerfile
 * instructions (exec-form commands are JSON arrays). docs/DEPLOY.md documents every variable.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, startNodeArgs } from "../helpers/server-process.ts";

const read = (path: string) => readFileSync(join(ROOT, path), "utf8");

/** Environment variables the server reads (server/main.ts and the logger). */
function variablesRead(): Set<string> {
  const source = read("server/main.ts") + read("server/logger.ts");
  const names = [...source.matchAll(/env\.([A-Z][A-Z0-9_]+)|seconds\("([A-Z][A-Z0-9_]+)"\)/g)].map((m) => m[1] ?? m[2]!);
  return new Set(names);
}

/** systemd's unit format: [Section] headers, Key=Value lines, # and ; comments, \ continuations. */
function parseUnit(text: string): Map<string, [string, string][]> {
  const sections = new Map<string, [string, string][]>();
  let current: [string, string][] | undefined;
  const lines = text.replace(/\\\n/g, " ").split("\n");
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith("#") || line.startsWith(";")) return;
    const header = /^\[([A-Za-z]+)\]$/.exec(line);
    if (header) {
      current = [];
      sections.set(header[1]!, current);
      return;
    }
    const pair = /^([A-Za-z][A-Za-z0-9]*)=(.*)$/.exec(line);
    if (!pair || !current) throw new Error(`line ${i + 1} is not a section header or Key=Value inside a section: ${line}`);
    current.push([pair[1]!, pair[2]!]);
  });
  return sections;
}

const INSTRUCTIONS = new Set(["FROM", "RUN", "CMD", "LABEL", "EXPOSE", "ENV", "ADD", "COPY", "ENTRYPOINT", "VOLUME", "USER", "WORKDIR", "ARG", "ONBUILD", "STOPSIGNAL", "HEALTHCHECK", "SHELL"]);

/** Dockerfile syntax: INSTRUCTION arguments, # comments, \ continuations. */
function parseContainerfile(text: string): { instruction: string; args: string }[] {
  return text
    .split("\n")
    .filter((l) => !l.trim().startsWith("#"))
    .join("\n")
    .replace(/\\\n/g, " ")
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean)
    .map((line) => {
      const m = /^([A-Za-z]+)\s+(.*)$/.exec(line);
      if (!m || !INSTRUCTIONS.has(m[1]!.toUpperCase())) throw new Error(`not a Dockerfile instruction: ${line}`);
      return { instruction: m[1]!.toUpperCase(), args: m[2]! };
    });
}

describe("the systemd unit (docs/deploy/chokepoint@.service)", () => {
  const unit = parseUnit(read("docs/deploy/chokepoint@.service"));

  it("parses into [Unit], [Service] and [Install] with an absolute ExecStart running server/main.ts as npm start does", () => {
    expect([...unit.keys()]).toEqual(["Unit", "Service", "Install"]);
    const service = new Map(unit.get("Service"));
    const [node, ...args] = service.get("ExecStart")!.split(/\s+/);
    expect(node).toMatch(/^\/\S+\/node$/);
    expect(args).toEqual([...startNodeArgs(), "server/main.ts"]);
    expect(service.get("KillSignal")).toBe("SIGTERM");
    expect(Number(service.get("TimeoutStopSec"))).toBeGreaterThan(20); // longer than its DRAIN_SECONDS
    expect(new Map(unit.get("Install")).get("WantedBy")).toBe("multi-user.target");
  });

  it("sets only variables the server reads", () => {
    const known = variablesRead();
    const set = unit.get("Service")!.filter(([k]) => k === "Environment").map(([, v]) => v.split("=")[0]!);
    expect(set.length).toBeGreaterThan(2);
    expect(set.filter((name) => !known.has(name))).toEqual([]);
  });
});

describe("the container file (docs/deploy/Containerfile)", () => {
  const steps = parseContainerfile(read("docs/deploy/Containerfile"));

  it("parses: FROM first, exec-form commands are JSON arrays, the server runs as npm start does, copied files exist, node_modules stays out of the context", () => {
    expect(steps[0]!.instruction).toBe("FROM");
    const cmd = steps.find((s) => s.instruction === "CMD")!;
    const argv = JSON.parse(cmd.args) as string[];
    expect(argv).toEqual(["node_modules/.bin/node", ...startNodeArgs(), "server/main.ts"]);
    const health = steps.find((s) => s.instruction === "HEALTHCHECK")!;
    expect(JSON.parse(health.args.slice(health.args.indexOf("CMD") + 3).trim())[0]).toBe("node");
    for (const copy of steps.filter((s) => s.instruction === "COPY")) {
      const sources = copy.args.split(/\s+/).slice(0, -1);
      for (const source of sources) expect(existsSync(join(ROOT, source)), source).toBe(true);
    }
    expect(read("docs/deploy/Containerfile.dockerignore").split("\n")).toContain("node_modules");
  });

  it("sets only variables the server reads, and exposes the port it listens on", () => {
    const known = variablesRead();
    const env = steps.filter((s) => s.instruction === "ENV").flatMap((s) => [...s.args.matchAll(/([A-Z_]+)=(\S+)/g)].map((m) => [m[1]!, m[2]!] as const));
    expect(env.filter(([name]) => !known.has(name))).toEqual([]);
    const port = env.find(([name]) => name === "PORT")![1];
    expect(steps.find((s) => s.instruction === "EXPOSE")!.args).toBe(port);
  });
});

it("docs/DEPLOY.md documents every variable the server reads", () => {
  const doc = read("docs/DEPLOY.md");
  const missing = [...variablesRead()].filter((name) => name !== "VITEST" && name !== "NODE_ENV" && name !== "BOT_DELAY_MS" && !doc.includes(`\`${name}\``));
  expect(missing).toEqual([]);
});
