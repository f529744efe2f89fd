/** Supply deals as arcs bent northwards, with dots moving from supplier to buyer (drawn each frame while one is live). */
import type * as PhaserTypes from "phaser";
import type { BoardModel } from "../model/board.ts";
import { arcControl, bezier } from "../model/map-geo.ts";
import { BOARD } from "../model/palette.ts";
import type { BoardCamera } from "./camera.ts";
import { anchorOf } from "./world-map.ts";

export function drawFlows(g: PhaserTypes.GameObjects.Graphics, model: BoardModel, camera: BoardCamera, time: number) {
  const px = (n: number) => camera.px(n);
  g.clear();
  for (const a of model.arcs) {
    const from = anchorOf(model.countries, a.from);
    const to = anchorOf(model.countries, a.to);
    if (!from || !to) continue;
    // Bend every arc northwards, like a route over the globe.
    const c0 = arcControl(from, to, 0.22);
    const mid: [number, number] = [(from[0] + to[0]) / 2, (from[1] + to[1]) / 2];
    const c: [number, number] = c0[1] > mid[1] ? [2 * mid[0] - c0[0], 2 * mid[1] - c0[1]] : c0;
    g.lineStyle(px(a.live ? 2.5 : 1.5), BOARD.supply, a.live ? 0.9 : 0.5);
    g.beginPath();
    g.moveTo(from[0], from[1]);
    for (let i = 1; i <= 24; i++) {
      const p = bezier(from, c, to, i / 24);
      g.lineTo(p[0], p[1]);
    }
    g.strokePath();
    // Arrow head at the buyer.
    const tip = bezier(from, c, to, 1);
    const back = bezier(from, c, to, 0.94);
    const ang = Math.atan2(tip[1] - back[1], tip[0] - back[0]);
    const size = px(8);
    g.fillStyle(BOARD.supply, 1);
    g.fillTriangle(tip[0], tip[1], tip[0] - Math.cos(ang - 0.45) * size, tip[1] - Math.sin(ang - 0.45) * size, tip[0] - Math.cos(ang + 0.45) * size, tip[1] - Math.sin(ang + 0.45) * size);
    if (!a.live) continue;
    const n = Math.min(6, 1 + Math.round(a.volume / 2));
    for (let i = 0; i < n; i++) {
      const t = ((time / 3600 + i / n) % 1 + 1) % 1;
      const p = bezier(from, c, to, t);
      g.fillCircle(p[0], p[1], px(3));
    }
  }
}
