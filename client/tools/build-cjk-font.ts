/**
 * Builds the Chinese font the client loads for zh-CN readers only: Noto Sans SC
 * (@fontsource/noto-sans-sc, regular; bold is synthesized) subset with subset-font to the
 * characters the zh-CN catalog, the scenarios' and control-cell scripts' Chinese texts
 * (assets/scenarios/zh-CN/, assets/injects/zh-CN/), the Chinese rules (docs/RULES.zh-CN.md,
 * the How to play page) and the Chinese teaching kit (docs/TEACHING.zh-CN.md, /teaching) use:
 * assets/fonts/noto-sans-sc-*.woff2 and the CSS that declares them
 * (assets/fonts/noto-sans-sc-subset.css); the HTML report carries the files it needs
 * (server/debrief/report-font.ts). Players' messages outside that set fall back to the system's fonts.
 *
 * Two tiers, so the first screen stays light: the characters of the start page (its catalog
 * area, with the class forms, the keys its code names, and the scenarios' titles, summaries and
 * country names) in files of their own, and every other character in others. Each file declares its `unicode-range`, so a browser fetches
 * only the files whose characters a page shows; the game screen loads the rest before drawing
 * the board (client/ui/language.ts), whose canvas cannot redraw when a font arrives.
 * Fontsource ships the font in slices and a subset is made from one slice, so each tier has
 * one file per slice it draws on.
 *
 * Run after changing the catalog or a scenario's or script's Chinese text:
 * `node --import tsx client/tools/build-cjk-font.ts`
 * (tests/client/cjk-font.test.ts fails while the font misses a character).
 */
import { readFileSync, readdirSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import subsetFont from "subset-font";
import { zhCN } from "../i18n/zh-CN.ts";
import { start } from "../i18n/zh-CN/start.ts";
import { CJK_FAMILY, CJK_REST_FAMILY, FONT_DIR, fontFaces, inRanges, REST_CSS, unicodeRanges } from "../../server/debrief/report-font.ts";

const ROOT = join(import.meta.dirname, "..", "..");
const FILES = join(ROOT, "node_modules", "@fontsource", "noto-sans-sc", "files");
const SCENARIO_TEXTS = join(ROOT, "assets", "scenarios", "zh-CN");
const SCRIPT_TEXTS = join(ROOT, "assets", "injects", "zh-CN");
/** The pages drawn from Chinese documents: How to play and the teaching kit. */
const DOCUMENTS = ["RULES.zh-CN.md", "TEACHING.zh-CN.md"].map((f) => join(ROOT, "docs", f));
/** The code that draws the start page (with the class forms on it). */
const START_PAGE = ["client/ui/start-page.ts", "client/ui/class/class-forms.ts", "client/model/lobby.ts", "client/ui/language.ts"];

const isCjk = (ch: string) => ch.codePointAt(0)! > 0x2e7f;
const charactersOf = (texts: Iterable<string>) => {
  const chars = new Set<string>();
  for (const text of texts) for (const ch of text) if (isCjk(ch)) chars.add(ch);
  return chars;
};

/** Every string of the scenarios' and scripts' Chinese texts, and the ones the start page shows. */
function scenarioStrings(): { all: string[]; startPage: string[] } {
  const all: string[] = [];
  const startPage: string[] = [];
  const walk = (x: unknown) => {
    if (typeof x === "string") all.push(x);
    else if (Array.isArray(x)) x.forEach(walk);
    else if (x && typeof x === "object") Object.values(x).forEach(walk);
  };
  for (const file of readdirSync(SCENARIO_TEXTS).filter((f) => f.endsWith(".json"))) {
    const text = JSON.parse(readFileSync(join(SCENARIO_TEXTS, file), "utf8")) as { title: string; summary: string; countries: Record<string, { name: string }> };
    walk(text);
    startPage.push(text.title, text.summary, ...Object.values(text.countries).map((c) => c.name));
  }
  for (const file of readdirSync(SCRIPT_TEXTS).filter((f) => f.endsWith(".json"))) walk(JSON.parse(readFileSync(join(SCRIPT_TEXTS, file), "utf8")));
  return { all, startPage };
}

/** The characters the font must draw: `first` on the start page, `later` everywhere else. */
export function fontCharacters(): { first: string; later: string } {
  const scenarios = scenarioStrings();
  // The keys the start page's code names (and the lobby's labels: blocs, phases, ministries).
  const named = new Set(START_PAGE.flatMap((f) => [...readFileSync(join(ROOT, f), "utf8").matchAll(/\b(?:t|tn|sentence)\("([\w.-]+)"/g)].map((m) => m[1]!)));
  const startKeys = Object.entries(zhCN).filter(([k]) => named.has(k) || /^(invalid|error|bloc|phase|role|lang)\./.test(k));
  // The start area holds the class forms' words too; the classroom area's consoles, scripts and reports are later pages'.
  const first = charactersOf([...Object.values(start), ...startKeys.map(([, v]) => v), ...scenarios.startPage]);
  const all = charactersOf([...Object.values(zhCN), ...scenarios.all, ...DOCUMENTS.map((f) => readFileSync(f, "utf8"))]);
  return { first: [...first].sort().join(""), later: [...all].filter((ch) => !first.has(ch)).sort().join("") };
}

/** The package's slices of a weight with their unicode ranges (its CSS lists them). */
function slices(weight: 400 | 700): { file: string; ranges: [number, number][]; has: (cp: number) => boolean }[] {
  const css = readFileSync(join(FILES, "..", `${weight}.css`), "utf8");
  return [...css.matchAll(/url\(\.\/files\/([\w-]+\.woff2)\)[^;]*;\s*unicode-range:\s*([^;]+);/g)].map((m) => {
    const ranges = unicodeRanges(m[2]!);
    return { file: m[1]!, ranges, has: (cp: number) => inRanges(ranges, cp) };
  });
}

/** One subset file per slice that holds a character of `text` (each slice is its own font). */
async function build(weight: 400 | 700, text: string): Promise<{ bytes: Buffer; chars: string }[]> {
  const out = [];
  for (const slice of slices(weight)) {
    const chars = [...text].filter((ch) => slice.has(ch.codePointAt(0)!)).join("");
    if (!chars) continue;
    out.push({ bytes: await subsetFont(readFileSync(join(FILES, slice.file)), chars, { targetFormat: "woff2" }), chars });
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const tiers = fontCharacters();
  for (const old of readdirSync(FONT_DIR).filter((f) => f.endsWith(".woff2"))) unlinkSync(join(FONT_DIR, old));
  const faces: string[] = [];
  for (const [tier, text] of Object.entries(tiers)) {
    let total = 0;
    const parts = await build(400, text);
    parts.forEach((p, i) => {
      const name = `noto-sans-sc-400-${tier}-${i}.woff2`;
      writeFileSync(join(FONT_DIR, name), p.bytes);
      total += p.bytes.length;
      const range = [...p.chars].map((ch) => `U+${ch.codePointAt(0)!.toString(16)}`).join(",");
      faces.push(`@font-face { font-family: "${CJK_FAMILY}"; font-weight: 400; font-display: swap; src: url(./${name}) format("woff2"); unicode-range: ${range}; }`);
    });
    console.log(`${tier}: ${parts.length} files, ${total} bytes for ${text.length} characters`);
  }
  writeFileSync(join(FONT_DIR, "noto-sans-sc-subset.css"), `/* Generated by client/tools/build-cjk-font.ts: Noto Sans SC (SIL OFL 1.1) subset to the zh-CN catalog and scenario texts. */\n${faces.join("\n")}\n`);
  writeFileSync(join(FONT_DIR, REST_CSS), restCss());
  console.log(`the rest: ${slices(400).length} slices of the whole font, fetched by the characters a page shows`);
}

/**
 * The whole font, in the package's own slices, under a family of its own ("Noto Sans SC Web"):
 * the last resort before the generic family for what people write (names, messages, rulings),
 * whose characters no subset can know. A browser fetches a slice only for a character on the
 * page that the subset and the system's Chinese fonts (listed before it) do not draw.
 */
export function restCss(): string {
  // The subset's characters are left out: the subset draws them, and a face that claims a character
  // counts as needed for it (document.fonts.check) even when a family before it draws it.
  const inSubset = new Set(fontFaces().flatMap((f) => [...f.chars].map((ch) => ch.codePointAt(0)!)));
  const faces = slices(400).flatMap((slice) => {
    const ranges: string[] = [];
    for (const [lo, hi] of slice.ranges) {
      // Chinese only: Latin and symbols stay the system's, emoji (flags) the emoji font's.
      if (lo < 0x2e80 || hi >= 0x1f000) continue;
      let from = lo;
      for (let cp = lo; cp <= hi + 1; cp++) {
        if (cp <= hi && !inSubset.has(cp)) continue;
        if (cp > from) ranges.push(cp - 1 === from ? `U+${from.toString(16)}` : `U+${from.toString(16)}-${(cp - 1).toString(16)}`);
        from = cp + 1;
      }
    }
    if (!ranges.length) return [];
    return [`@font-face { font-family: "${CJK_REST_FAMILY}"; font-weight: 400; font-display: swap; src: url(../../node_modules/@fontsource/noto-sans-sc/files/${slice.file}) format("woff2"); unicode-range: ${ranges.join(",")}; }`];
  });
  return `/* Generated by client/tools/build-cjk-font.ts: Noto Sans SC (SIL OFL 1.1), the package's slices of the whole font. */\n${faces.join("\n")}\n`;
}
