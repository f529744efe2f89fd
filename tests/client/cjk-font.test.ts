/**
 * The Chinese font shipped for zh-CN readers (client/tools/build-cjk-font.ts) draws every
 * character the catalog, the scenarios' Chinese texts, the Chinese rules and teaching kit use, and the start
 * page's characters sit in files of their own, so the first screen fetches only those.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fontCharacters } from "../../client/tools/build-cjk-font.ts";
import { CJK_FAMILY, CJK_REST_FAMILY, FONT_DIR, fontFaces, restFaces } from "../../server/debrief/report-font.ts";

const faces = fontFaces();
const rebuild = "run `node --import tsx client/tools/build-cjk-font.ts`";

describe("the Chinese font subset", () => {
  it("every file the CSS declares is there", () => {
    expect(faces.length).toBeGreaterThan(10);
    expect(faces.filter((f) => !existsSync(join(FONT_DIR, f.file))).map((f) => f.file)).toEqual([]);
  });

  it("draws every character of the catalog, the scenarios' texts, the rules and the teaching kit", () => {
    const { first, later } = fontCharacters();
    const covered = new Set(faces.flatMap((f) => [...f.chars]));
    expect([...first, ...later].filter((ch) => !covered.has(ch)).join(""), rebuild).toBe("");
  });

  it("keeps the start page's characters in first-screen files, apart from the rest", () => {
    const { first } = fontCharacters();
    const firstFiles = faces.filter((f) => f.file.includes("-first-"));
    const inFirst = new Set(firstFiles.flatMap((f) => [...f.chars]));
    expect([...first].filter((ch) => !inFirst.has(ch)).join(""), rebuild).toBe("");
    // No first-screen character also sits in a later file (the browser would fetch both).
    expect(faces.filter((f) => !f.file.includes("-first-") && [...f.chars].some((ch) => inFirst.has(ch))).map((f) => f.file)).toEqual([]);
  });

  it("the whole font's slices draw what people write beyond it, and claim none of the subset's characters", () => {
    const rest = restFaces();
    expect(rest.filter((f) => !existsSync(f.file)).map((f) => f.file)).toEqual([]);
    const drawnBy = (ch: string) => rest.filter((f) => f.has(ch.codePointAt(0)!)).length;
    // Words a player or a facilitator wrote in a test game, none of them in the catalog.
    expect([..."谢谢您欢迎王芳来台南科学园区变电站故障"].filter((ch) => drawnBy(ch) === 0 && !faces.some((f) => f.chars.has(ch))).join("")).toBe("");
    expect(faces.flatMap((f) => [...f.chars]).filter((ch) => drawnBy(ch) > 0).join(""), rebuild).toBe("");
  });

  it("pages in other languages draw a Chinese name with the system's Chinese fonts, else the whole font's slices, after every font for their own text", () => {
    const css = readFileSync(join(import.meta.dirname, "..", "..", "client", "styles.css"), "utf8");
    const list = /:root\s*\{[^}]*?font-family:\s*([^;]+);/.exec(css)?.[1] ?? "";
    const families = list.split(",").map((f) => f.trim().replace(/"/g, ""));
    // An English facilitator's seat table read 'held by □□' on a machine without a Chinese font.
    // The slices leave the subset's characters to it: both, the subset first.
    expect(families.slice(-2)).toEqual([CJK_FAMILY, CJK_REST_FAMILY]);
    // Nothing of the page's own text falls to them, and a machine with a Chinese font of its own downloads nothing.
    for (const system of ["sans-serif", "Segoe UI Emoji", "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC"]) expect(families.indexOf(system)).toBeLessThan(families.indexOf(CJK_FAMILY));
  });
});
