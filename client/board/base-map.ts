/**
 * The base map (every country, in land grey with borders) drawn once with the 2D canvas into a
 * texture: a WebGL Graphics object would triangulate thousands of points every frame. Drawn
 * again at twice the resolution when zoomed in.
 */
import type * as PhaserTypes from "phaser";
import { BOARD } from "../model/palette.ts";
import { MAP } from "./world-map.ts";

export class BaseMap {
  image!: PhaserTypes.GameObjects.Image;
  /** The texture's resolution: 0.5, 1 or 2 (BaseMap.scaleFor). */
  scale = 0;

  constructor(
    private scene: PhaserTypes.Scene,
    scale: number,
  ) {
    this.draw(scale);
  }

  /**
   * The resolution the base map needs at this zoom: half when the whole world is shown on a
   * laptop's board (a quarter of the pixels to fill and upload, none of them lost on screen),
   * twice when zoomed in.
   */
  static scaleFor(zoom: number): number {
    const needed = zoom * (window.devicePixelRatio || 1);
    return needed > 1.05 ? 2 : needed > 0.525 ? 1 : 0.5;
  }

  draw(scale: number) {
    const canvas = document.createElement("canvas");
    canvas.width = Math.round(MAP.width * scale);
    canvas.height = Math.round(MAP.height * scale);
    const g = canvas.getContext("2d")!;
    g.scale(scale, scale);
    const hexColour = (c: number) => `#${c.toString(16).padStart(6, "0")}`;
    g.fillStyle = hexColour(BOARD.land);
    g.strokeStyle = hexColour(BOARD.border);
    // Borders one pixel of the texture wide: Skia draws a stroke no wider than a pixel as a
    // hairline, far cheaper than the 1.2 pixels they were (docs/PERFORMANCE.md: most of the
    // drawing's time went to that stroke).
    g.lineWidth = 1 / scale;
    g.lineJoin = "round";
    const all = new Path2D();
    for (const s of [...MAP.shapes.values()].filter((x) => !x.dot)) {
      const path = new Path2D();
      for (const r of s.rings) trace(path, r);
      g.fill(path, "evenodd");
      all.addPath(path);
    }
    const land = new Path2D();
    for (const r of MAP.land) trace(land, r);
    g.fill(land, "evenodd");
    g.stroke(all);
    for (const s of MAP.shapes.values())
      if (s.dot) {
        g.beginPath();
        g.arc(s.at[0], s.at[1], 2.5, 0, Math.PI * 2);
        g.fill();
      }
    const key = `basemap-${scale}`;
    const textures = this.scene.textures;
    // A plain texture of the canvas: addCanvas's CanvasTexture reads every pixel back at once (for editing), which the board never does.
    if (!textures.exists(key)) textures.create(key, canvas, canvas.width, canvas.height)?.add("__BASE", 0, 0, 0, canvas.width, canvas.height);
    if (this.image) this.image.setTexture(key);
    else {
      this.image = this.scene.add.image(0, 0, key).setOrigin(0, 0);
      this.image.setDepth(-1);
    }
    this.image.setScale(1 / scale);
    this.scale = scale;
  }
}

function trace(path: Path2D, ring: number[]) {
  path.moveTo(ring[0]!, ring[1]!);
  for (let i = 2; i < ring.length; i += 2) path.lineTo(ring[i]!, ring[i + 1]!);
  path.closePath();
}
