/**
 * Text on the board's canvas: its font, and its sizes by screen (a projector read from the back
 * of a room, a phone's narrow map, a laptop).
 */

import { pageFont } from "../ui/language.ts";

let font: string | undefined;
/**
 * The page's font list (client/styles.css, through client/ui/language.ts `pageFont`): emoji fonts
 * for the devices that have one, and the Chinese fonts — a zh-CN reader's subset first; in other
 * languages last, for a facilitator's card written in Chinese.
 */
export function boardFont(): string {
  return (font ??= pageFont());
}

/** A projector's board, read from the back of a room: larger type (its HTML type is 24 px and up, client/class.css). */
export function projectorType(boardWidth: number): boolean {
  return document.documentElement.classList.contains("projector-mode") && boardWidth >= 700;
}

/** The countries' names: a phone's world map is 390 px wide, and a smaller name leaves Europe's crowd room near its countries. */
export function labelFontSize(boardWidth: number): string {
  return projectorType(boardWidth) ? "19px" : boardWidth < 500 ? "12px" : "13px";
}

/**
 * An export-control fence's label ("Chips 65%"): on a projector as large as the map's names
 * (11 px read as a speck from the back of a room).
 */
export function fenceFontSize(boardWidth: number): string {
  return projectorType(boardWidth) ? "19px" : "11px";
}

/**
 * The event card: on a projector its title stands larger than the map's names (19 px), its date
 * as large as them; still no wider than two thirds of a 1920-px screen's board, so it keeps to
 * the oceans.
 */
export function cardType(boardWidth: number): { w: number; datePx: number; titlePx: number } {
  const big = projectorType(boardWidth);
  return { w: Math.min(big ? 580 : 420, boardWidth - 40), datePx: big ? 19 : 12, titlePx: big ? 28 : 17 };
}
