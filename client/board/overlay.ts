/**
 * Marks over the countries: export-control regimes as fences round their targets (labelled
 * with the sector and the regime's strength), infrastructure projects as circles beside their
 * recipients that fill as they are built.
 */
import type * as PhaserTypes from "phaser";
import type { BoardModel } from "../model/board.ts";
import { BOARD, blocColour, textOn } from "../model/palette.ts";
import { boardFont, fenceFontSize } from "./board-text.ts";
import type { BoardCamera } from "./camera.ts";
import { dashedCircle } from "./draw-kit.ts";
import { projectSpots, type Rect } from "../model/labels.ts";
import { anchorOf, shapeOf } from "./world-map.ts";

export class Overlay {
  /** The labels drawn with the marks, made again with them. */
  private texts: PhaserTypes.GameObjects.Text[] = [];
  /** The regimes' sector labels ("Chips 65%"), drawn over the countries' names: the names keep clear of them. */
  private fenceLabels: PhaserTypes.GameObjects.Text[] = [];

  constructor(
    private scene: PhaserTypes.Scene,
    private g: PhaserTypes.GameObjects.Graphics,
    private camera: BoardCamera,
    /** The camera that draws the HTML-sized layer (the event card), which must not draw the map's texts. */
    private uiCam: PhaserTypes.Cameras.Scene2D.Camera,
  ) {}

  draw(model: BoardModel) {
    const g = this.g;
    const px = (n: number) => this.camera.px(n);
    g.clear();
    for (const t of this.texts) t.destroy();
    this.texts = [];
    this.fenceLabels = [];
    const zoom = this.camera.zoom;
    // Fences: dashed rings around each target, one per regime, labelled with the sector.
    // A target's labels stack upward, each clear of the one below (its rings are only 7 px apart).
    const labelTops = new Map<string, number>();
    for (const f of model.fences) {
      const at = anchorOf(model.countries, f.target);
      if (!at) continue;
      const r = this.fenceRadius(model, f.target) + px(7) * f.ring;
      // A dark ring under the dashes keeps the fence readable over any fill colour.
      g.lineStyle(px(5 + 2.5 * f.strength), 0x000000, 0.55);
      g.strokeCircle(at[0], at[1], r);
      g.lineStyle(px(2.5 + 2.5 * f.strength), BOARD.fence, 1);
      dashedCircle(g, at[0], at[1], r, 14);
      // Fence posts.
      g.fillStyle(BOARD.fence, 1);
      for (let i = 0; i < 8; i++) {
        const a = (i / 8) * Math.PI * 2;
        g.fillCircle(at[0] + Math.cos(a) * r, at[1] + Math.sin(a) * r, px(3));
      }
      const below = labelTops.get(f.target);
      const label = this.scene.add.text(at[0], Math.min(at[1] - r - px(4), below === undefined ? Infinity : below - px(2)), `${f.sectorLabel} ${Math.round(f.strength * 100)}%`, {
        fontFamily: boardFont(),
        fontSize: fenceFontSize(this.scene.scale.width),
        color: "#ffffff",
        backgroundColor: "#7a3f64",
        padding: { x: 3, y: 1 },
      });
      label.setOrigin(0.5, 1).setScale(1 / zoom).setDepth(11).setResolution(2);
      labelTops.set(f.target, label.y - label.displayHeight);
      this.uiCam.ignore(label);
      this.texts.push(label);
      this.fenceLabels.push(label);
    }
    // Projects: a circle per loan beside the recipient, filled as it is built.
    // Placed as client/board/labels.ts keeps names clear of them: on the screen, none over another.
    const drawn = model.projects.flatMap((p) => {
      const at = anchorOf(model.countries, p.recipient);
      return at ? [{ p, at }] : [];
    });
    const spots = projectSpots(drawn.map(({ at }) => ({ x: at[0] / px(1), y: at[1] / px(1) })));
    for (const [i, { p, at }] of drawn.entries()) {
      const spot = spots[i]!;
      const x = at[0] + px(spot.dx);
      const y = at[1] + px(spot.dy);
      const r = px(6 + 6 * p.progress);
      const colour = blocColour(p.lenderBloc);
      g.fillStyle(0x000000, 0.5);
      g.fillCircle(x, y, px(spot.r));
      g.lineStyle(px(2), BOARD.project, 1);
      g.strokeCircle(x, y, px(spot.r));
      g.fillStyle(colour, 1);
      g.fillCircle(x, y, r);
      if (!p.done) {
        g.lineStyle(px(3), BOARD.label, 1);
        g.beginPath();
        g.arc(x, y, px(12), -Math.PI / 2, -Math.PI / 2 + Math.PI * 2 * p.progress);
        g.strokePath();
      }
      const glyph = this.scene.add.text(x, y, p.glyph, { fontFamily: boardFont(), fontSize: "10px", fontStyle: "bold", color: textOn(colour) === 0 ? "#000000" : "#ffffff" });
      glyph.setOrigin(0.5, 0.5).setScale(1 / zoom).setDepth(12).setResolution(2);
      this.uiCam.ignore(glyph);
      this.texts.push(glyph);
    }
  }

  /** The regimes' labels as boxes on the canvas (CSS pixels), where they are now. */
  fenceLabelBoxes(): Rect[] {
    return this.fenceLabels.map((t) => {
      const w = t.displayWidth;
      const h = t.displayHeight;
      const a = this.camera.toScreen(t.x - w / 2, t.y - h);
      const b = this.camera.toScreen(t.x + w / 2, t.y);
      return { x0: a.x, y0: a.y, x1: b.x, y1: b.y };
    });
  }

  private fenceRadius(model: BoardModel, id: string): number {
    const s = shapeOf(model.countries, id);
    if (!s) return this.camera.px(20);
    const [x0, y0, x1, y1] = s.box;
    return Math.max(this.camera.px(16), Math.min(70, Math.max(x1 - x0, y1 - y0) * 0.32));
  }
}
