/** Strokes the board's layers share (client/board/countries.ts, client/board/overlay.ts). */
import type * as PhaserTypes from "phaser";

export function tracePolygon(g: PhaserTypes.GameObjects.Graphics, ring: number[]) {
  g.beginPath();
  g.moveTo(ring[0]!, ring[1]!);
  for (let i = 2; i < ring.length; i += 2) g.lineTo(ring[i]!, ring[i + 1]!);
  g.closePath();
}

export function dashedCircle(g: PhaserTypes.GameObjects.Graphics, x: number, y: number, r: number, dashes: number) {
  const step = (Math.PI * 2) / (dashes * 2);
  for (let i = 0; i < dashes * 2; i += 2) {
    g.beginPath();
    g.arc(x, y, r, i * step, (i + 1) * step);
    g.strokePath();
  }
}
