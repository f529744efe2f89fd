/**
 * The Chinese font the client ships (assets/fonts, built by client/tools/build-cjk-font.ts),
 * carried inside an HTML report that shows Chinese: only the files that hold a character of the
 * page, as data: URLs, so the file still opens offline and draws Chinese where no CJK font is
 * installed. Characters outside the subset (a player's own words) fall back to the system's fonts,
 * as in the client.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";

export const FONT_DIR = join(import.meta.dirname, "..", "..", "assets", "fonts");
/** The family the subset's CSS declares (client/styles.css reads it for zh-CN readers). */
export const CJK_FAMILY = "Noto Sans SC Subset";

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

/** `@font-face` rules, with the font inline, for the subset's files that draw a character of `text` ("" if none). */
export function inlineFontFor(text: string): string {
  faces ??= fontFaces();
  const used = new Set<string>();
  for (const ch of text) if (ch.codePointAt(0)! >= CJK_FROM) used.add(ch);
  if (!used.size) return "";
  const rules: string[] = [];
  for (const face of faces) {
    if (![...face.chars].some((ch) => used.has(ch))) continue;
    let data = files.get(face.file);
    if (data === undefined) files.set(face.file, (data = readFileSync(join(FONT_DIR, face.file)).toString("base64")));
    // The file's whole range: the script writes dates in the reader's language too.
    rules.push(`@font-face { font-family: "${CJK_FAMILY}"; font-weight: 400; src: url(data:font/woff2;base64,${data}) format("woff2"); unicode-range: ${face.range}; }`);
  }
  return rules.join("\n");
}
