/**
 * The Chinese font the client ships (assets/fonts, built by client/tools/build-cjk-font.ts),
 * carried inside an HTML report that shows Chinese: only the files that hold a character of the
 * page, as data: URLs, so the file still opens offline and draws Chinese where no CJK font is
 * installed. Characters outside the subset (a player's own words) are drawn from the whole font's
 * slices that hold them (the rest CSS), as in the client.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";

export const FONT_DIR = join(import.meta.dirname, "..", "..", "assets", "fonts");
/** The family the subset's CSS declares (client/styles.css reads it for zh-CN readers). */
export const CJK_FAMILY = "Noto Sans SC Subset";
/** The whole font in slices, for the characters the subset lacks (what people write): its own family, listed after the system's Chinese fonts. */
export const CJK_REST_FAMILY = "Noto Sans SC Web";
export const REST_CSS = "noto-sans-sc-rest.css";

/** `range`: the face's unicode-range as the CSS writes it. */
export type FontFace = { file: string; chars: Set<string>; range: string };

/** The faces the subset's CSS declares: each file with the characters of its unicode-range. */
export function fontFaces(): FontFace[] {
  const css = readFileSync(join(FONT_DIR, "noto-sans-sc-subset.css"), "utf8");
  return [...css.matchAll(/src: url\(\.\/([\w-]+\.woff2)\)[^;]*; unicode-range: ([^;]+);/g)].map((m) => ({
    file: m[1]!,
    range: m[2]!,
    chars: new Set(m[2]!.split(",").map((u) => String.fromCodePoint(parseInt(u.trim().slice(2), 16)))),
  }));
}

/** The first CJK block (radicals): below it, Latin text and punctuation every system font draws. */
const CJK_FROM = 0x2e80;

let faces: FontFace[] | undefined;
const files = new Map<string, string>();

/** A CSS unicode-range ("U+4e00-4e0f,U+ff0c") as code point spans, `[lo, hi]`. */
export function unicodeRanges(range: string): [number, number][] {
  return range.split(",").map((r) => {
    const [lo, hi = lo] = r.trim().replace(/^U\+/i, "").split("-").map((x) => parseInt(x, 16)) as [number, number?];
    return [lo, hi];
  });
}

/** Whether a code point lies in any of `ranges`. */
export const inRanges = (ranges: readonly [number, number][], cp: number) => ranges.some(([lo, hi]) => cp >= lo && cp <= hi);

/** The whole font's slices (the rest CSS): each file, its unicode-range, and a test of a code point. */
export function restFaces(): { file: string; range: string; has: (cp: number) => boolean }[] {
  const css = readFileSync(join(FONT_DIR, REST_CSS), "utf8");
  return [...css.matchAll(/src: url\(([^)]+\.woff2)\)[^;]*; unicode-range: ([^;]+);/g)].map((m) => {
    const ranges = unicodeRanges(m[2]!);
    return { file: join(FONT_DIR, m[1]!), range: m[2]!, has: (cp: number) => inRanges(ranges, cp) };
  });
}

let rest: ReturnType<typeof restFaces> | undefined;

/**
 * `@font-face` rules, with the font inline, for the subset's files that draw a character of
 * `text`, and the whole font's slices for the characters the subset lacks (what people wrote):
 * "" if none.
 */
export function inlineFontFor(text: string): string {
  faces ??= fontFaces();
  const used = new Set<string>();
  for (const ch of text) if (ch.codePointAt(0)! >= CJK_FROM) used.add(ch);
  if (!used.size) return "";
  const rules: string[] = [];
  const inline = (path: string) => {
    let data = files.get(path);
    if (data === undefined) files.set(path, (data = readFileSync(path).toString("base64")));
    return data;
  };
  const drawn = new Set<string>();
  for (const face of faces) {
    for (const ch of face.chars) drawn.add(ch);
    if (![...face.chars].some((ch) => used.has(ch))) continue;
    // The file's whole range: the script writes dates in the reader's language too.
    rules.push(`@font-face { font-family: "${CJK_FAMILY}"; font-weight: 400; src: url(data:font/woff2;base64,${inline(join(FONT_DIR, face.file))}) format("woff2"); unicode-range: ${face.range}; }`);
  }
  const missing = [...used].filter((ch) => !drawn.has(ch)).map((ch) => ch.codePointAt(0)!);
  if (missing.length) {
    rest ??= restFaces();
    for (const slice of rest) {
      if (!missing.some((cp) => slice.has(cp))) continue;
      rules.push(`@font-face { font-family: "${CJK_REST_FAMILY}"; font-weight: 400; src: url(data:font/woff2;base64,${inline(slice.file)}) format("woff2"); unicode-range: ${slice.range}; }`);
    }
  }
  return rules.join("\n");
}
