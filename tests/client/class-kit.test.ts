/**
 * The class and teaching-kit models: a pasted roster, routes of the class console and the
 * kit, glossary terms found in game text, and links that land on real headings of
 * docs/TEACHING.md and of its Chinese translation (docs/TEACHING.zh-CN.md).
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseRoster } from "../../client/model/class-roster.ts";
import { phasesToEnd } from "../../client/model/class-phases.ts";
import { classTable, rememberClassTable } from "../../client/net/class-table.ts";
import { memoryStorage } from "../../client/net/session-memory.ts";
import { EPILOGUE_ANCHOR, glossParts, TERM_ANCHORS } from "../../client/model/glossary.ts";
import { shippedScenarios } from "../../server/scenarios.ts";
import { parseMarkdown, withHeadingIds } from "../../client/model/markdown.ts";
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

describe("the class console's end-the-phase buttons", () => {
  it("one for each phase some table is in, in the round's order, naming its tables; none in the lobby or after the end", () => {
    const tables = [
      { number: 1, phase: "negotiation" },
      { number: 2, phase: "event" },
      { number: 3, phase: "negotiation" },
      { number: 4, phase: "lobby" },
      { number: 5, phase: "ended" },
    ];
    expect(phasesToEnd(tables)).toEqual([
      { phase: "event", tables: [2] },
      { phase: "negotiation", tables: [1, 3] },
    ]);
    expect(phasesToEnd(tables.slice(3))).toEqual([]);
  });
});

describe("a table's console opened from the class console", () => {
  it("finds its class and number in the tab's storage, by the game's code; nothing for another game or a damaged entry", () => {
    const tab = memoryStorage();
    rememberClassTable(tab, "jeunn4", { classCode: "HQ4M9C", table: 1 });
    expect(classTable(tab, "JEUNN4")).toEqual({ classCode: "HQ4M9C", table: 1 });
    expect(classTable(tab, "ABCDEF")).toBeUndefined();
    tab.setItem("chokepoint:class-table:ABCDEF", "{not json");
    expect(classTable(tab, "ABCDEF")).toBeUndefined();
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

  it("every seat of every scenario has a brief (a scripted rival too, for the red cell); the kit prints Classroom quick start 2023's as the game shows them", () => {
    const missing = [...shippedScenarios().values()].flatMap((s) => s.countries.filter((c) => c.control !== "partner" && !c.brief).map((c) => `${s.id}:${c.id}`));
    expect(missing).toEqual([]);
    const doc = readFileSync(new URL("../../docs/TEACHING.md", import.meta.url), "utf8");
    for (const c of shippedScenarios().get("classroom-quick")!.countries.filter((x) => x.brief)) {
      expect(doc, c.name).toContain(`### Brief: ${c.name}\n\n**Interests:** ${c.brief!.interests} **Red lines:** ${c.brief!.redLines} **First moves:** ${c.brief!.firstMoves}`);
    }
  });
});

describe("docs/TEACHING.zh-CN.md (the teaching kit in Chinese) follows docs/TEACHING.md", () => {
  const EN = readFileSync(new URL("../../docs/TEACHING.md", import.meta.url), "utf8");
  const ZH = readFileSync(new URL("../../docs/TEACHING.zh-CN.md", import.meta.url), "utf8");
  // Chinese dates name the month by its number (2021年3月12日), English by its name.
  const numbers = (doc: string) => [...new Set(doc.replace(/\d+(?=月)/g, "").match(/\d+(?:\.\d+)?/g))].sort();
  const headingLevels = (doc: string) => parseMarkdown(doc).flatMap((b) => (b.kind === "heading" ? [b.level] : []));
  const shape = (doc: string) => doc.split("\n").filter((l) => /^(#{1,3} |---|\| ---)/.test(l)).map((l) => l.replace(/^(#+|---|\| ---).*/, "$1"));

  it("has the same sections, tables and rows, in the same order", () => {
    expect(shape(ZH)).toEqual(shape(EN));
    expect(headingLevels(ZH)).toEqual(headingLevels(EN));
    const rows = (doc: string) => doc.split("\n").filter((l) => l.startsWith("|")).length;
    expect(rows(ZH)).toBe(rows(EN));
  });

  it("quotes the same numbers, codes and web addresses (a change updates both)", () => {
    expect(numbers(ZH)).toEqual(numbers(EN));
    const codes = (doc: string) => [...doc.matchAll(/`([^`]+)`/g)].map((m) => m[1]);
    expect(codes(ZH)).toEqual(codes(EN));
    const addresses = (doc: string) => [...doc.matchAll(/<(https?:[^>]+)>/g)].map((m) => m[1]);
    expect(addresses(ZH)).toEqual(addresses(EN));
  });

  it("every glossary link lands on the Chinese entry of the same term", () => {
    const zh = withHeadingIds(parseMarkdown(ZH), parseMarkdown(EN));
    const heading = (id: string) => zh.find((b) => b.kind === "heading" && b.id === id);
    const text = (id: string) => {
      const b = heading(id);
      return b?.kind === "heading" ? b.text.map((p) => p.text).join("") : undefined;
    };
    for (const a of TERM_ANCHORS) expect(heading(a), a).toBeDefined();
    expect(text("chokepoint")).toBe("关键节点（咽喉要道）");
    expect(text("entity-list")).toBe("实体清单");
    expect(text(EPILOGUE_ANCHOR)).toBe("现实中实际发生了什么（2021–2025）");
    expect(text("brief-taiwan")).toBe("简报：台湾地区");
  });

  it("prints Classroom quick start 2023's briefs as the game shows them in Chinese", () => {
    const texts = JSON.parse(readFileSync(new URL("../../assets/scenarios/zh-CN/classroom-quick.json", import.meta.url), "utf8")) as {
      countries: Record<string, { name: string; brief?: { interests: string; redLines: string; firstMoves: string } }>;
    };
    const briefs = Object.values(texts.countries).filter((c) => c.brief);
    expect(briefs).toHaveLength(7);
    for (const c of briefs) expect(ZH, c.name).toContain(`### 简报：${c.name}\n\n**利益：**${c.brief!.interests} **红线：**${c.brief!.redLines} **开局行动：**${c.brief!.firstMoves}`);
  });
});
