/**
 * The seats and partners over the base map: filled by bloc or stance, outlined when they are the
 * reader's, highlighted or selected; a marker where a country is too small to see at this zoom,
 * a dashed ring round a developing partner still waiting for infrastructure.
 */
import type * as PhaserTypes from "phaser";
import type { BoardModel } from "../model/board.ts";
import { inRing } from "../model/map-geo.ts";
import { BOARD } from "../model/palette.ts";
import type { BoardCamera } from "./camera.ts";
import { dashedCircle, tracePolygon } from "./draw-kit.ts";
import { MAP } from "./world-map.ts";

/** Under this many screen pixels a country is drawn as a marker (and its label starts above it). */
export const MARKER_BELOW = 14;

/** Whether ring `outer` contains the first point of ring `inner` (then `inner` is a hole). */
function contains(outer: number[], inner: number[]): boolean {
  return inRing(outer, inner[0]!, inner[1]!);
}

export function drawCountries(g: PhaserTypes.GameObjects.Graphics, model: BoardModel, camera: BoardCamera, marked: { highlighted?: string; selected?: string }) {
  const px = (n: number) => camera.px(n);
  g.clear();
  for (const c of model.countries) {
    const s = MAP.shapes.get(c.iso);
    if (!s) continue;
    const hl = c.id === marked.highlighted || c.id === marked.selected;
    g.fillStyle(c.colour, hl ? 1 : 0.88);
    const outline = c.id === marked.selected ? BOARD.selected : c.mine || hl ? BOARD.outline : BOARD.border;
    g.lineStyle(px(c.mine || hl ? 2.5 : 1), outline, 1);
    if (s.dot) {
      g.fillCircle(s.at[0], s.at[1], px(7));
      g.strokeCircle(s.at[0], s.at[1], px(7));
      continue;
    }
    // Holes are not cut here: the Graphics object fills outlines only (holes are rare and small).
    for (const r of s.rings) {
      if (!s.rings.some((o) => o !== r && contains(o, r))) {
        tracePolygon(g, r);
        g.fillPath();
      }
      tracePolygon(g, r);
      g.strokePath();
    }
    if (camera.onScreenSize(s) < MARKER_BELOW) {
      // Too small to see at this zoom (the Netherlands on a world map): a marker.
      g.fillStyle(c.colour, 1);
      g.fillCircle(s.at[0], s.at[1], px(6));
      g.lineStyle(px(1.5), c.mine || hl ? BOARD.outline : BOARD.border, 1);
      g.strokeCircle(s.at[0], s.at[1], px(6));
    }
    if (c.waiting) {
      // Developing partners still waiting for infrastructure: a dashed inner ring.
      g.lineStyle(px(1.5), BOARD.label, 0.8);
      dashedCircle(g, s.at[0], s.at[1], px(9), 10);
    }
  }
}
