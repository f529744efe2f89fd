/**
 * The board's camera: the whole map fitted to the screen's size, zoom and pan that keep the map
 * on screen, and the conversions between world units and canvas pixels.
 */
import type * as PhaserTypes from "phaser";
import Phaser from "./phaser-lite.js";
import type { Shape } from "../model/map-geo.ts";
import { MAP } from "./world-map.ts";

const MAX_ZOOM = 8;
/** One + or − step (and one wheel notch is half of it). */
export const ZOOM_STEP = 1.35;

export type CameraHooks = {
  /** The view moved: labels are placed again once it holds still. */
  moved(): void;
  /** The zoom changed: everything is drawn again. */
  redraw(): void;
  wake(): void;
};

export class BoardCamera {
  private minZoom = 1;

  constructor(
    private scene: PhaserTypes.Scene,
    private hooks: CameraHooks,
  ) {}

  private get cam() {
    return this.scene.cameras.main;
  }

  get zoom(): number {
    return this.cam.zoom;
  }

  /** Fits the whole map; on a resize, keeps the reader's zoom unless they never zoomed. */
  fit(keep = false) {
    const cam = this.cam;
    const wasFitted = Math.abs(cam.zoom - this.minZoom) < 1e-6;
    this.minZoom = this.fitZoom();
    if (!keep || wasFitted || cam.zoom < this.minZoom) cam.setZoom(this.minZoom);
    if (!keep) cam.centerOn(MAP.width / 2, MAP.height / 2);
    this.clamp();
    this.hooks.redraw();
  }

  /** The zoom that shows the whole map on the board at its size now. */
  fitZoom(): number {
    return Math.min(this.scene.scale.width / MAP.width, this.scene.scale.height / MAP.height);
  }

  zoomBy(steps: number, at?: { x: number; y: number }) {
    const cam = this.cam;
    const before = at ? cam.getWorldPoint(at.x, at.y) : new Phaser.Math.Vector2(cam.midPoint.x, cam.midPoint.y);
    const next = Phaser.Math.Clamp(cam.zoom * Math.pow(ZOOM_STEP, steps), this.minZoom, this.minZoom * MAX_ZOOM);
    cam.setZoom(next);
    if (at) {
      const after = cam.getWorldPoint(at.x, at.y);
      cam.scrollX += before.x - after.x;
      cam.scrollY += before.y - after.y;
    } else cam.centerOn(before.x, before.y);
    this.clamp();
    this.hooks.redraw();
  }

  panBy(dx: number, dy: number) {
    const cam = this.cam;
    cam.scrollX += dx / cam.zoom;
    cam.scrollY += dy / cam.zoom;
    this.clamp();
    this.hooks.wake();
  }

  /** Where a drag started from: the camera's scroll then. */
  scroll(): { sx: number; sy: number } {
    return { sx: this.cam.scrollX, sy: this.cam.scrollY };
  }

  /** Drags the map: `dx`, `dy` canvas pixels from where the drag started (`from`, its scroll()). */
  dragFrom(from: { sx: number; sy: number }, dx: number, dy: number) {
    const cam = this.cam;
    cam.scrollX = from.sx - dx / cam.zoom;
    cam.scrollY = from.sy - dy / cam.zoom;
    this.clamp();
  }

  /** Keeps the map on screen: centred when smaller than the view, inside it when larger. */
  private clamp() {
    const cam = this.cam;
    const viewW = cam.width / cam.zoom;
    const viewH = cam.height / cam.zoom;
    const mid = cam.midPoint;
    const cx = viewW >= MAP.width ? MAP.width / 2 : Phaser.Math.Clamp(mid.x, viewW / 2, MAP.width - viewW / 2);
    const cy = viewH >= MAP.height ? MAP.height / 2 : Phaser.Math.Clamp(mid.y, viewH / 2, MAP.height - viewH / 2);
    cam.centerOn(cx, cy);
    this.hooks.moved();
  }

  /** The world point at the canvas's top-left corner now (the camera's worldView lags a frame). */
  viewOrigin() {
    const cam = this.cam;
    return { x: cam.scrollX + cam.width / 2 - cam.width / (2 * cam.zoom), y: cam.scrollY + cam.height / 2 - cam.height / (2 * cam.zoom) };
  }

  /** A world point on the canvas, in CSS pixels. */
  toScreen(x: number, y: number) {
    const o = this.viewOrigin();
    const zoom = this.cam.zoom;
    return { x: (x - o.x) * zoom, y: (y - o.y) * zoom };
  }

  /** A canvas point (CSS pixels) in the world. */
  toWorld(sx: number, sy: number) {
    const o = this.viewOrigin();
    return { x: o.x + sx / this.cam.zoom, y: o.y + sy / this.cam.zoom };
  }

  /** `n` screen pixels in world units (lines and marks keep their size at any zoom). */
  px(n: number) {
    return n / this.cam.zoom;
  }

  /** A shape's larger side on screen, in pixels. */
  onScreenSize(s: Shape): number {
    const [x0, y0, x1, y1] = s.box;
    return Math.max(x1 - x0, y1 - y0) * this.cam.zoom;
  }
}
