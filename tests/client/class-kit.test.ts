/**
 * The class and teaching-kit models: a pasted roster, routes of the class console and the
 * kit, glossary terms found in game text, and links that land on real headings of
 * docs/TEACHING.md.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseRoster } from "../../client/model/class-roster.ts";
import { EPILOGUE_ANCHOR, glossParts, TERM_ANCHORS } from "../../client/model/glossary.ts";
import { shippedScenarios } from "../../server/scenarios.ts";
import { parseMarkdown } from "../../client/model/markdown.ts";
import { parseRoute, routePath } from "../../client/model/route.ts";

const headings = new Set(parseMarkdown(readFileSync(new URL("../../docs/TEACHING.md", import.meta.url), "utf8")).flatMap((b) => (b.kind === "heading" ? [b.id] : [])));

describe("class roster", () => {
  it("reads name, table lines (commas, tabs or semicolons), skips a header and blank lines, names bad lines", () => {
    const r = parseRoster("Name, Table\nAda Lovelace, 1\n\nAlan Turing\t2\nGrace; 3\nnobody here\nBad, x");
    expect(r.roster).toEqual([
      { name: "Ada Lovelace", table: 1 },
      { name: "Alan Turing", table: 2 },
      { name: "Grace", table: 3 },
    ]);
    expect(r.problems).toEqual(['line 6: "nobody here" is not "name, table number"', 'line 7: "Bad, x" is not "name, table number"']);
  });
});

describe("routes", () => {
  it.each([
    ["/class/hq4m9c", { kind: "class", code: "HQ4M9C" }],
    ["/class/nope", { kind: "start" }],
    ["/teaching", { kind: "teaching" }],
  ])("%s", (path, route) => {
    expect(parseRoute(path)).toEqual(route);
    if (route.kind !== "start") expect(routePath(parseRoute(path))).toBe(path.toUpperCase().replace("/CLASS/", "/class/").replace("/TEACHING", "/teaching"));
  });
});

describe("glossary links", () => {
  it("finds terms in game text once each, longest first, keeping the text whole", () => {
    const text = "ASML ships EUV tools; the Entity List grows; EUV again, and a chokepoint.";
    const parts = glossParts(text);
    expect(parts.map((p) => p.text).join("")).toBe(text);
    expect(parts.filter((p) => p.anchor).map((p) => [p.text, p.anchor])).toEqual([
      ["EUV", "euv-duv-lithography"],
      ["Entity List", "entity-list"],
      ["chokepoint", "chokepoint"],
    ]);
    expect(glossParts("Plain words only.")).toEqual([{ text: "Plain words only." }]);
  });

  it("every term lands on a heading of docs/TEACHING.md", () => {
    for (const a of TERM_ANCHORS) expect(headings.has(a), a).toBe(true);
    expect(headings.has(EPILOGUE_ANCHOR), EPILOGUE_ANCHOR).toBe(true);
  });

  it("every seat of every scenario has a brief (a scripted rival too, for the red cell); the kit prints Classroom quick start's as the game shows them", () => {
    const missing = [...shippedScenarios().values()].flatMap((s) => s.countries.filter((c) => c.control !== "partner" && !c.brief).map((c) => `${s.id}:${c.id}`));
    expect(missing).toEqual([]);
    const doc = readFileSync(new URL("../../docs/TEACHING.md", import.meta.url), "utf8");
    for (const c of shippedScenarios().get("classroom-quick")!.countries.filter((x) => x.brief)) {
      expect(doc, c.name).toContain(`### Brief: ${c.name}\n\n**Interests:** ${c.brief!.interests} **Red lines:** ${c.brief!.redLines} **First moves:** ${c.brief!.firstMoves}`);
    }
  });
});
