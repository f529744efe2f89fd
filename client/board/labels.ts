/**
 * The countries' names on the map: placed in canvas pixels inside the view, clear of each other,
 * of small countries' markers, of the projects' circles, of the regimes' labels and of the HTML over the canvas
 * (client/model/labels.ts places them); a name moved off its country points back to it with a
 * thin leader line.
 */
import type * as PhaserTypes from "phaser";
import type { BoardModel } from "../model/board.ts";
import { placeLabels, projectSpots, type LabelBox, type Rect } from "../model/labels.ts";
import type { Shape } from "../model/map-geo.ts";
import { boardFont, labelFontSize } from "./board-text.ts";
import type { BoardCamera } from "./camera.ts";
import { MARKER_BELOW } from "./countries.ts";
import { anchorOf, MAP, shapeOf } from "./world-map.ts";

/** A label as placed: its centre in world units, its size in screen pixels. */
type PlacedLabel = { id: string; wx: number; wy: number; w: number; h: number; shown: boolean; moved: boolean };

export class CountryLabels {
  private labels = new Map<string, PhaserTypes.GameObjects.Text>();
  private placed: PlacedLabel[] = [];
  /** The camera moved: labels are placed again (inside the view) once it holds still. */
  stale = false;
  /** The last input of placeLabels and what it gave. */
  private lastInput = "";
  private lastPlaced: ReturnType<typeof placeLabels> = [];

  constructor(
    private scene: PhaserTypes.Scene,
    /** The leader lines from moved names to their countries. */
    private leaders: PhaserTypes.GameObjects.Graphics,
    private camera: BoardCamera,
    /** The camera that draws the HTML-sized layer (the event card), which must not draw the map's texts. */
    private uiCam: PhaserTypes.Cameras.Scene2D.Camera,
    /** Parts of the canvas (CSS pixels) that HTML covers: no label goes there. */
    private keepClear: () => Rect[],
    /** The marks' own labels (the regimes' "Chips 65%"), drawn over the names: no name goes under one. */
    private marks: () => Rect[],
  ) {}

  draw(model: BoardModel, highlighted: string | undefined) {
    this.stale = false;
    const zoom = this.camera.zoom;
    const o = this.camera.viewOrigin();
    const small = (s: Shape) => s.dot || this.camera.onScreenSize(s) < MARKER_BELOW;
    // Placed in canvas pixels, inside the canvas and clear of the HTML over it.
    const sx = (x: number) => (x - o.x) * zoom;
    const sy = (y: number) => (y - o.y) * zoom;
    const keep = new Set<string>();
    const boxes: LabelBox[] = [];
    const width = this.scene.scale.width;
    const fontSize = labelFontSize(width);
    for (const c of model.countries) {
      const s = MAP.shapes.get(c.iso);
      if (!s) continue;
      keep.add(c.id);
      let label = this.labels.get(c.id);
      if (!label) {
        label = this.scene.add.text(0, 0, "", { fontFamily: boardFont(), fontSize, fontStyle: "bold", color: "#ffffff", stroke: "#000000", strokeThickness: 3 });
        label.setOrigin(0.5, 0.5).setResolution(Math.max(2, window.devicePixelRatio || 1));
        this.uiCam.ignore(label);
        this.labels.set(c.id, label);
      }
      if (label.style.fontSize !== fontSize) label.setFontSize(fontSize);
      label.setText(c.short + (c.mine ? " ★" : ""));
      label.setScale(1 / zoom);
      label.setColor(c.mine ? "#ffe66d" : "#ffffff");
      label.setDepth(10);
      const [x0, y0, x1, y1] = s.box;
      // A country wholly out of view has no name on the map: kept inside the view, its name sat
      // on another country (Taiwan's on India, zoomed in on Africa), its line too faint to say so.
      if (sx(x1) < 0 || sx(x0) > width || sy(y1) < 0 || sy(y0) > this.scene.scale.height) {
        label.setVisible(false);
        continue;
      }
      boxes.push({
        id: c.id,
        x: sx(s.at[0]),
        y: sy(s.at[1]) + (small(s) ? -15 : 0),
        from: small(s) ? { x: sx(s.at[0]), y: sy(s.at[1]) } : undefined,
        w: label.width,
        h: label.height,
        priority: (c.mine ? 1e9 : 0) + (c.id === highlighted ? 1e8 : 0) + (x1 - x0) * (y1 - y0),
      });
    }
    // Markers of small countries are obstacles too, so no label covers a dot.
    const markers = model.countries
      .map((c) => MAP.shapes.get(c.iso))
      .filter((s): s is Shape => !!s && small(s))
      .map((s) => ({ x0: sx(s.at[0]) - 7, y0: sy(s.at[1]) - 7, x1: sx(s.at[0]) + 7, y1: sy(s.at[1]) + 7 }));
    // So are the infrastructure projects' circles beside their recipients (client/board/overlay.ts),
    // which are drawn over the names.
    const anchored = model.projects.flatMap((p) => {
      const at = anchorOf(model.countries, p.recipient);
      return at ? [{ x: sx(at[0]), y: sy(at[1]) }] : [];
    });
    const projects = projectSpots(anchored).map((spot, i) => {
      const x = anchored[i]!.x + spot.dx;
      const y = anchored[i]!.y + spot.dy;
      return { x0: x - spot.outer, y0: y - spot.outer, x1: x + spot.outer, y1: y + spot.outer };
    });
    const covered = [...this.keepClear(), ...this.marks()];
    const bounds = { x0: 0, y0: 0, x1: width, y1: this.scene.scale.height };
    const leaders = this.leaders;
    leaders.clear();
    leaders.lineStyle(this.camera.px(1), 0xffffff, 0.7);
    // Most redraws (a chat line, a signature) leave every name where it was: placed once for the same input.
    const input = JSON.stringify([boxes, markers, projects, covered, bounds]);
    if (input !== this.lastInput) this.lastPlaced = placeLabels(boxes, [...markers, ...projects, ...covered], bounds);
    this.lastInput = input;
    this.placed = this.lastPlaced.map((p, i) => ({ id: p.id, wx: o.x + p.x / zoom, wy: o.y + p.y / zoom, w: boxes[i]!.w, h: boxes[i]!.h, shown: p.shown, moved: p.moved }));
    for (const p of this.placed) {
      const label = this.labels.get(p.id)!;
      label.setVisible(p.shown);
      label.setPosition(p.wx, p.wy);
      // A label moved off its country points back to it with a thin line.
      if (p.shown && p.moved) {
        const s = shapeOf(model.countries, p.id)!;
        const half = label.height / 2 / zoom;
        leaders.lineBetween(s.at[0], s.at[1], p.wx, p.wy > s.at[1] ? p.wy - half : p.wy + half);
      }
    }
    for (const [id, label] of this.labels)
      if (!keep.has(id)) {
        label.destroy();
        this.labels.delete(id);
      }
  }

  /** Every shown label's box on the canvas now, in CSS pixels (tests check them; taps use them). */
  boxes() {
    return this.placed.filter((p) => p.shown).map((p) => ({ id: p.id, ...this.camera.toScreen(p.wx, p.wy), w: p.w, h: p.h }));
  }
}
