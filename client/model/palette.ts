/**
 * Colours of the board, chosen from the Okabe–Ito palette, which stays distinguishable with
 * the common colour-vision deficiencies. Colour is never the only signal: the board labels
 * countries, and the panels say everything in words.
 */
import type { Stance } from "../../shared/engine/vocabulary.ts";

export const OKABE_ITO = {
  black: 0x000000,
  orange: 0xe69f00,
  skyBlue: 0x56b4e9,
  bluishGreen: 0x009e73,
  yellow: 0xf0e442,
  blue: 0x0072b2,
  vermillion: 0xd55e00,
  reddishPurple: 0xcc79a7,
} as const;

export const BLOC_COLOURS: Record<string, number> = {
  alliance: OKABE_ITO.blue,
  rival: OKABE_ITO.vermillion,
  swing: OKABE_ITO.orange,
  partner: OKABE_ITO.bluishGreen,
};
export const OTHER_BLOC = 0x8a8f98;

/** A diverging blue–grey–orange scale from the alliance to the rival. */
export const STANCE_COLOURS: Record<Stance, number> = {
  aligned: OKABE_ITO.blue,
  leaning: OKABE_ITO.skyBlue,
  hedging: 0xb8b8b8,
  "rival-leaning": OKABE_ITO.orange,
  rival: OKABE_ITO.vermillion,
};

export const BOARD = {
  ocean: 0x16263a,
  land: 0x3b4656,
  border: 0x1d2633,
  outline: 0xffffff,
  selected: OKABE_ITO.yellow,
  supply: OKABE_ITO.yellow,
  fence: OKABE_ITO.reddishPurple,
  project: OKABE_ITO.bluishGreen,
  label: 0xffffff,
} as const;

export function blocColour(bloc: string): number {
  return BLOC_COLOURS[bloc] ?? OTHER_BLOC;
}

export function hex(colour: number): string {
  return `#${colour.toString(16).padStart(6, "0")}`;
}

/** Relative luminance (WCAG 2) of a 0xRRGGBB colour. */
export function luminance(colour: number): number {
  const ch = [(colour >> 16) & 255, (colour >> 8) & 255, colour & 255].map((v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * ch[0]! + 0.7152 * ch[1]! + 0.0722 * ch[2]!;
}

/** WCAG contrast ratio between two colours (1..21). */
export function contrast(a: number, b: number): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** Black or white, whichever reads better on `background`. */
export function textOn(background: number): number {
  return contrast(background, 0xffffff) >= contrast(background, 0x000000) ? 0xffffff : 0x000000;
}
