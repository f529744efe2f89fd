/**
 * The world board: Natural Earth countries (precomputed, see client/tools/build-map.ts), the
 * seats and partners coloured by bloc or stance, supply deals as arcs with goods flowing to
 * the buyer, export-control regimes as fences around their targets, infrastructure projects as
 * icons that fill as they are built, and the event card sliding in. Pan by dragging or with
 * the arrow keys, zoom with the wheel or + and −; on a touch screen pinch with two fingers. It draws; every fact is also in the panels.
 */
import type * as PhaserTypes from "phaser";
import Phaser from "./phaser-lite.js";
import worldFile from "../../assets/map/world.json";
import type { BoardCountry, BoardModel } from "../model/board.ts";
import { arcControl, bezier, decodeMap, inRing, shapeAt, type MapFile, type Shape } from "../model/map-geo.ts";
import { BOARD, blocColour, textOn } from "../model/palette.ts";
import { CARD_MARGIN, cardSpot, labelAt, placeLabels, type LabelBox, type Rect } from "../model/labels.ts";
import { canvasText } from "../ui/emoji.ts";

/** Text on the board; an emoji font last, for the devices that have one. */
/** "Noto Sans SC Subset" is loaded for zh-CN readers only (client/ui/language.ts); elsewhere it is absent and skipped. */
const BOARD_FONT = 'system-ui, "Noto Sans SC Subset", sans-serif, "Noto Color Emoji", "Apple Color Emoji", "Segoe UI Emoji"';

export type BoardCallbacks = {
  onHover(id: string | undefined, x: number, y: number): void;
  onSelect(id: string, from?: HTMLElement): void;
  /** Parts of the canvas (CSS pixels) that HTML covers, such as the zoom buttons: no label goes there. */
  keepClear?(): Rect[];
};

/** A label as placed: its centre in world units, its size in screen pixels. */
type PlacedLabel = { id: string; wx: number; wy: number; w: number; h: number; shown: boolean; moved: boolean };

const MAP = decodeMap(worldFile as unknown as MapFile);
const MAX_ZOOM = 8;
/** One + or − step (and one wheel notch is half of it). */
const ZOOM_STEP = 1.35;
/** Where a project's circle sits beside its recipient, in screen pixels: the slot-th to the right. */
const projectSpot = (slot: number) => ({ dx: 16 + 22 * slot, dy: 14, r: 12 });
const PROJECT_GLYPH: Record<string, string> = { cable: "C", "5g": "5G", grid: "G", datacentre: "D", corridor: "R" };

/** Whether ring `outer` contains the first point of ring `inner` (then `inner` is a hole). */
function contains(outer: number[], inner: number[]): boolean {
  return inRing(outer, inner[0]!, inner[1]!);
}

export class BoardScene extends Phaser.Scene {
  readonly ready: Promise<void>;
  private resolveReady!: () => void;
  private model: BoardModel = { countries: [], arcs: [], fences: [], projects: [] };
  private byIso = new Map<string, BoardCountry>();
  private base?: PhaserTypes.GameObjects.Image;
  private baseScale = 0;
  /** The loop sleeps when nothing moves; this says until when it must keep drawing. */
  private awakeUntil = 0;
  private fills!: PhaserTypes.GameObjects.Graphics;
  private overlay!: PhaserTypes.GameObjects.Graphics;
  private flows!: PhaserTypes.GameObjects.Graphics;
  private overlayLeaders!: PhaserTypes.GameObjects.Graphics;
  private labels = new Map<string, PhaserTypes.GameObjects.Text>();
  private placed: PlacedLabel[] = [];
  /** The camera moved: labels are placed again (inside the view) once it holds still. */
  private labelsDirty = false;
  /** The last input of placeLabels and what it gave. */
  private labelInput = "";
  private labelsPlaced: ReturnType<typeof placeLabels> = [];
  private extraTexts: PhaserTypes.GameObjects.Text[] = [];
  private card?: PhaserTypes.GameObjects.Container;
  /** How far the event card has risen, 0 (below the board) to 1 (resting at its foot). */
  private cardRise = { share: 0 };
  private uiCam!: PhaserTypes.Cameras.Scene2D.Camera;
  private mapObjects: PhaserTypes.GameObjects.GameObject[] = [];
  private highlighted?: string;
  private selected?: string;
  private keyIndex = -1;
  private minZoom = 1;
  private drawnZoom = 0;
  private dirty = true;
  private dragging?: { x: number; y: number; sx: number; sy: number; moved: boolean };
  /** Touches on the canvas (pointer id → position in game pixels), for pinch-zoom. */
  private touches = new Map<number, { x: number; y: number }>();
  /** The last two-finger spread and midpoint while pinching; a pinch is never a tap. */
  private pinch?: { dist: number; mid: { x: number; y: number } };
  private pinched = false;
  private shownEvent = "";

  constructor(private callbacks: BoardCallbacks) {
    super({ key: "Board" });
    this.ready = new Promise((r) => (this.resolveReady = r));
  }

  create() {
    const cam = this.cameras.main;
    cam.setBackgroundColor(BOARD.ocean);
    this.drawBase(1);
    this.fills = this.add.graphics();
    this.overlay = this.add.graphics();
    this.flows = this.add.graphics();
    this.overlayLeaders = this.add.graphics();
    this.mapObjects.push(this.base!, this.fills, this.overlay, this.flows, this.overlayLeaders);
    this.uiCam = this.cameras.add(0, 0, this.scale.width, this.scale.height);
    this.uiCam.ignore(this.mapObjects);
    this.fit();
    this.scale.on("resize", (size: PhaserTypes.Structs.Size) => {
      this.cameras.main.setSize(size.width, size.height);
      this.uiCam.setSize(size.width, size.height);
      this.fit(true);
      this.layoutCard();
    });
    this.setupInput();
    this.resolveReady();
  }

  /**
   * Keeps the game loop running for at least `ms` more. Drawing a world map every frame is
   * costly (a classroom laptop, or several headless browsers on two cores), so the loop
   * sleeps whenever nothing moves and wakes on any change, input or animation.
   */
  wake(ms = 400) {
    this.awakeUntil = Math.max(this.awakeUntil, performance.now() + ms);
    if (!this.game.loop.running) this.game.loop.wake(true);
  }

  // ---- View -------------------------------------------------------------------------

  setModel(model: BoardModel) {
    this.model = model;
    this.byIso = new Map(model.countries.map((c) => [c.iso, c]));
    this.dirty = true;
    this.wake();
    if (model.event && model.event.key !== this.shownEvent) {
      this.shownEvent = model.event.key;
      this.showCard(canvasText(model.event.title), model.event.date);
    }
  }

  setHighlight(id?: string) {
    this.highlighted = id;
    this.dirty = true;
    this.wake();
  }

  setSelected(id?: string) {
    this.selected = id;
    this.dirty = true;
    this.wake();
  }

  private isoOf(id: string | undefined): string | undefined {
    return id ? this.model.countries.find((c) => c.id === id)?.iso : undefined;
  }

  private shapeOf(id: string): Shape | undefined {
    const iso = this.isoOf(id);
    return iso ? MAP.shapes.get(iso) : undefined;
  }

  // ---- Camera -----------------------------------------------------------------------

  /** Fits the whole map; on a resize, keeps the reader's zoom unless they never zoomed. */
  private fit(keep = false) {
    const cam = this.cameras.main;
    const w = this.scale.width;
    const h = this.scale.height;
    const wasFitted = Math.abs(cam.zoom - this.minZoom) < 1e-6;
    this.minZoom = Math.min(w / MAP.width, h / MAP.height);
    if (!keep || wasFitted || cam.zoom < this.minZoom) cam.setZoom(this.minZoom);
    if (!keep) cam.centerOn(MAP.width / 2, MAP.height / 2);
    this.clamp();
    this.dirty = true;
    this.wake();
  }

  resetView() {
    this.fit(false);
  }

  zoomBy(steps: number, at?: { x: number; y: number }) {
    const cam = this.cameras.main;
    const before = at ? cam.getWorldPoint(at.x, at.y) : new Phaser.Math.Vector2(cam.midPoint.x, cam.midPoint.y);
    const next = Phaser.Math.Clamp(cam.zoom * Math.pow(ZOOM_STEP, steps), this.minZoom, this.minZoom * MAX_ZOOM);
    cam.setZoom(next);
    if (at) {
      const after = cam.getWorldPoint(at.x, at.y);
      cam.scrollX += before.x - after.x;
      cam.scrollY += before.y - after.y;
    } else cam.centerOn(before.x, before.y);
    this.clamp();
    this.dirty = true;
    this.wake();
  }

  private panBy(dx: number, dy: number) {
    const cam = this.cameras.main;
    cam.scrollX += dx / cam.zoom;
    cam.scrollY += dy / cam.zoom;
    this.clamp();
    this.wake();
  }

  /** Keeps the map on screen: centred when smaller than the view, inside it when larger. */
  private clamp() {
    const cam = this.cameras.main;
    const viewW = cam.width / cam.zoom;
    const viewH = cam.height / cam.zoom;
    const mid = cam.midPoint;
    let cx = mid.x;
    let cy = mid.y;
    cx = viewW >= MAP.width ? MAP.width / 2 : Phaser.Math.Clamp(cx, viewW / 2, MAP.width - viewW / 2);
    cy = viewH >= MAP.height ? MAP.height / 2 : Phaser.Math.Clamp(cy, viewH / 2, MAP.height - viewH / 2);
    cam.centerOn(cx, cy);
    this.labelsDirty = true;
  }

  // ---- Input ------------------------------------------------------------------------

  /**
   * Pinch-zoom and two-finger pan, read from the canvas's own pointer events (Phaser follows
   * one touch): the map zooms about the fingers' midpoint by the change in their spread.
   */
  private setupPinch() {
    const canvas = this.game.canvas;
    const at = (e: PointerEvent) => {
      const r = canvas.getBoundingClientRect();
      return { x: ((e.clientX - r.left) * this.scale.width) / (r.width || 1), y: ((e.clientY - r.top) * this.scale.height) / (r.height || 1) };
    };
    const spread = () => {
      const [a, b] = [...this.touches.values()];
      return { dist: Math.hypot(a!.x - b!.x, a!.y - b!.y), mid: { x: (a!.x + b!.x) / 2, y: (a!.y + b!.y) / 2 } };
    };
    canvas.addEventListener("pointerdown", (e) => {
      if (e.pointerType !== "touch") return;
      this.touches.set(e.pointerId, at(e));
      if (this.touches.size === 2) {
        this.pinch = spread();
        this.pinched = true;
        this.dragging = undefined;
      }
    });
    canvas.addEventListener("pointermove", (e) => {
      if (!this.touches.has(e.pointerId)) return;
      this.touches.set(e.pointerId, at(e));
      if (!this.pinch || this.touches.size < 2) return;
      const now = spread();
      if (this.pinch.dist > 0 && now.dist > 0) this.zoomBy(Math.log(now.dist / this.pinch.dist) / Math.log(ZOOM_STEP), now.mid);
      this.panBy(this.pinch.mid.x - now.mid.x, this.pinch.mid.y - now.mid.y);
      this.pinch = now;
    });
    const lift = (e: PointerEvent) => {
      if (!this.touches.delete(e.pointerId)) return;
      if (this.touches.size < 2) this.pinch = undefined;
      // The finger still down after a pinch does not start a drag from where the pinch began.
      if (this.touches.size === 1) this.dragging = undefined;
    };
    canvas.addEventListener("pointerup", lift);
    canvas.addEventListener("pointercancel", lift);
  }

  private setupInput() {
    const input = this.input;
    this.setupPinch();
    input.on("pointermove", (p: PhaserTypes.Input.Pointer) => {
      this.wake();
      if (this.pinch) return;
      if (this.dragging && p.isDown) {
        const dx = p.x - this.dragging.x;
        const dy = p.y - this.dragging.y;
        if (Math.abs(dx) + Math.abs(dy) > 4) this.dragging.moved = true;
        if (this.dragging.moved) {
          const cam = this.cameras.main;
          cam.scrollX = this.dragging.sx - dx / cam.zoom;
          cam.scrollY = this.dragging.sy - dy / cam.zoom;
          this.clamp();
        }
        return;
      }
      const hit = this.countryAt(p.x, p.y);
      if (hit?.id !== this.highlighted) {
        this.highlighted = hit?.id;
        this.dirty = true;
      }
      this.game.canvas.style.cursor = hit ? "pointer" : "grab";
      this.callbacks.onHover(hit?.id, p.x, p.y);
    });
    input.on("pointerdown", (p: PhaserTypes.Input.Pointer) => {
      const cam = this.cameras.main;
      if (this.touches.size <= 1) this.pinched = false;
      if (this.pinch) return;
      this.dragging = { x: p.x, y: p.y, sx: cam.scrollX, sy: cam.scrollY, moved: false };
    });
    input.on("pointerup", (p: PhaserTypes.Input.Pointer) => {
      const wasDrag = this.dragging?.moved;
      this.dragging = undefined;
      if (wasDrag || this.pinched) return;
      const hit = this.countryAt(p.x, p.y);
      if (hit) {
        this.selected = hit.id;
        this.dirty = true;
        this.callbacks.onSelect(hit.id);
      }
    });
    input.on("gameout", () => {
      this.callbacks.onHover(undefined, 0, 0);
      this.dragging = undefined;
    });
    input.on("wheel", (p: PhaserTypes.Input.Pointer, _over: unknown, _dx: number, dy: number) => {
      this.zoomBy(dy > 0 ? -0.5 : 0.5, { x: p.x, y: p.y });
    });
  }

  /**
   * A key pressed on the board (board.ts listens on its container): true when the board used
   * it. Not Phaser's keyboard plugin: it keeps the page's key events until its loop's next
   * step, which a sleeping loop does not take, and hands all of them again with every new key,
   * so one press of "]" moved two countries on.
   */
  handleKey(e: KeyboardEvent): boolean {
    const step = 60;
    switch (e.key) {
      case "ArrowLeft":
        this.panBy(-step, 0);
        break;
      case "ArrowRight":
        this.panBy(step, 0);
        break;
      case "ArrowUp":
        this.panBy(0, -step);
        break;
      case "ArrowDown":
        this.panBy(0, step);
        break;
      case "+":
      case "=":
        this.zoomBy(1);
        break;
      case "-":
      case "_":
        this.zoomBy(-1);
        break;
      case "0":
        this.resetView();
        break;
      case "]":
      case "[": {
        const list = this.model.countries;
        if (!list.length) return false;
        this.keyIndex = (this.keyIndex + (e.key === "]" ? 1 : -1) + list.length) % list.length;
        const c = list[this.keyIndex]!;
        this.highlighted = c.id;
        this.dirty = true;
        const shape = MAP.shapes.get(c.iso);
        if (shape) {
          const p = this.toScreen(shape.at[0], shape.at[1]);
          this.callbacks.onHover(c.id, p.x, p.y);
        }
        break;
      }
      case "Enter":
      case " ":
        if (this.highlighted) this.callbacks.onSelect(this.highlighted, this.game.canvas.parentElement ?? undefined);
        break;
      case "Escape":
        this.callbacks.onHover(undefined, 0, 0);
        break;
      default:
        return false;
    }
    this.wake();
    return true;
  }

  screenOf(id: string): { x: number; y: number } | undefined {
    const s = this.shapeOf(id);
    return s ? this.toScreen(s.at[0], s.at[1]) : undefined;
  }

  /** The world point at the canvas's top-left corner now (the camera's worldView lags a frame). */
  private viewOrigin() {
    const cam = this.cameras.main;
    return { x: cam.scrollX + cam.width / 2 - cam.width / (2 * cam.zoom), y: cam.scrollY + cam.height / 2 - cam.height / (2 * cam.zoom) };
  }

  private toScreen(x: number, y: number) {
    const o = this.viewOrigin();
    const zoom = this.cameras.main.zoom;
    return { x: (x - o.x) * zoom, y: (y - o.y) * zoom };
  }

  /** Every shown label's box on the canvas now, in CSS pixels (tests check them; taps use them). */
  labelBoxes() {
    return this.placed.filter((p) => p.shown).map((p) => ({ id: p.id, ...this.toScreen(p.wx, p.wy), w: p.w, h: p.h }));
  }

  /** A label's name first, then the country's shape, then a label within a finger's reach. */
  private countryAt(sx: number, sy: number): BoardCountry | undefined {
    const labels = this.labelBoxes();
    const byLabel = labelAt(labels, sx, sy);
    if (byLabel) return this.model.countries.find((c) => c.id === byLabel);
    const cam = this.cameras.main;
    const o = this.viewOrigin();
    const preferred = this.model.countries.map((c) => c.iso);
    const shape = shapeAt(MAP.shapes, o.x + sx / cam.zoom, o.y + sy / cam.zoom, preferred, 6 / cam.zoom);
    if (shape) return this.byIso.get(shape.id);
    const near = labelAt(labels, sx, sy, 32);
    return near ? this.model.countries.find((c) => c.id === near) : undefined;
  }

  // ---- Drawing ----------------------------------------------------------------------

  override update(time: number) {
    const zoom = this.cameras.main.zoom;
    if (this.dirty || zoom !== this.drawnZoom) {
      const wanted = zoom * (window.devicePixelRatio || 1) > 1.05 ? 2 : 1;
      if (wanted !== this.baseScale) this.drawBase(wanted);
      this.drawCountries();
      this.drawOverlay();
      this.drawnZoom = zoom;
      this.dirty = false;
    } else if (this.labelsDirty && !this.dragging) this.drawLabels();
    const flowing = this.model.arcs.some((a) => a.live);
    this.drawFlows(time);
    const busy = flowing || this.dragging !== undefined || this.tweens.getTweens().length > 0;
    // Supply flows animate at a modest rate; everything else only draws when it changed.
    if (busy) this.wake(flowing ? 120 : 400);
    if (performance.now() > this.awakeUntil) this.game.loop.sleep();
  }

  private px(n: number) {
    return n / this.cameras.main.zoom;
  }

  private tracePolygon(g: PhaserTypes.GameObjects.Graphics, ring: number[]) {
    g.beginPath();
    g.moveTo(ring[0]!, ring[1]!);
    for (let i = 2; i < ring.length; i += 2) g.lineTo(ring[i]!, ring[i + 1]!);
    g.closePath();
  }

  /**
   * The base map (every country, in land grey with borders) drawn once with the 2D canvas into
   * a texture: a WebGL Graphics object would triangulate thousands of points every frame.
   * Redrawn at twice the resolution when zoomed in.
   */
  private drawBase(scale: number) {
    const canvas = document.createElement("canvas");
    canvas.width = Math.round(MAP.width * scale);
    canvas.height = Math.round(MAP.height * scale);
    const g = canvas.getContext("2d")!;
    g.scale(scale, scale);
    const hexColour = (c: number) => `#${c.toString(16).padStart(6, "0")}`;
    g.fillStyle = hexColour(BOARD.land);
    g.strokeStyle = hexColour(BOARD.border);
    g.lineWidth = 1.2 / scale;
    g.lineJoin = "round";
    const all = new Path2D();
    for (const s of [...MAP.shapes.values()].filter((x) => !x.dot)) {
      const path = new Path2D();
      for (const r of s.rings) this.trace(path, r);
      g.fill(path, "evenodd");
      all.addPath(path);
    }
    const land = new Path2D();
    for (const r of MAP.land) this.trace(land, r);
    g.fill(land, "evenodd");
    g.stroke(all);
    for (const s of MAP.shapes.values())
      if (s.dot) {
        g.beginPath();
        g.arc(s.at[0], s.at[1], 2.5, 0, Math.PI * 2);
        g.fill();
      }
    const key = `basemap-${scale}`;
    if (!this.textures.exists(key)) this.textures.addCanvas(key, canvas);
    if (this.base) this.base.setTexture(key);
    else {
      this.base = this.add.image(0, 0, key).setOrigin(0, 0);
      this.base.setDepth(-1);
    }
    this.base.setScale(1 / scale);
    this.baseScale = scale;
  }

  private trace(path: Path2D, ring: number[]) {
    path.moveTo(ring[0]!, ring[1]!);
    for (let i = 2; i < ring.length; i += 2) path.lineTo(ring[i]!, ring[i + 1]!);
    path.closePath();
  }

  private drawCountries() {
    const g = this.fills;
    g.clear();
    for (const c of this.model.countries) {
      const s = MAP.shapes.get(c.iso);
      if (!s) continue;
      const hl = c.id === this.highlighted || c.id === this.selected;
      g.fillStyle(c.colour, hl ? 1 : 0.88);
      const outline = c.id === this.selected ? BOARD.selected : c.mine || hl ? BOARD.outline : BOARD.border;
      g.lineStyle(this.px(c.mine || hl ? 2.5 : 1), outline, 1);
      if (s.dot) {
        g.fillCircle(s.at[0], s.at[1], this.px(7));
        g.strokeCircle(s.at[0], s.at[1], this.px(7));
        continue;
      }
      // Holes are not cut here: the Graphics object fills outlines only (holes are rare and small).
      for (const r of s.rings) {
        if (!s.rings.some((o) => o !== r && contains(o, r))) {
          this.tracePolygon(g, r);
          g.fillPath();
        }
        this.tracePolygon(g, r);
        g.strokePath();
      }
      if (this.onScreenSize(s) < 14) {
        // Too small to see at this zoom (the Netherlands on a world map): a marker.
        g.fillStyle(c.colour, 1);
        g.fillCircle(s.at[0], s.at[1], this.px(6));
        g.lineStyle(this.px(1.5), c.mine || hl ? BOARD.outline : BOARD.border, 1);
        g.strokeCircle(s.at[0], s.at[1], this.px(6));
      }
      if (c.waiting) {
        // Developing partners still waiting for infrastructure: a dashed inner ring.
        g.lineStyle(this.px(1.5), BOARD.label, 0.8);
        this.dashedCircle(g, s.at[0], s.at[1], this.px(9), 10);
      }
    }
    this.drawLabels();
  }

  private onScreenSize(s: Shape): number {
    const [x0, y0, x1, y1] = s.box;
    return Math.max(x1 - x0, y1 - y0) * this.cameras.main.zoom;
  }

  /** A projector's board, read from the back of a room: larger type (its HTML type is 24 px and up, client/class.css). */
  private projectorType(): boolean {
    return document.documentElement.classList.contains("projector-mode") && this.scale.width >= 700;
  }

  private drawLabels() {
    this.labelsDirty = false;
    const zoom = this.cameras.main.zoom;
    const o = this.viewOrigin();
    // Placed in canvas pixels, inside the canvas and clear of the HTML over it.
    const sx = (x: number) => (x - o.x) * zoom;
    const sy = (y: number) => (y - o.y) * zoom;
    const keep = new Set<string>();
    const boxes: LabelBox[] = [];
    // A phone's world map is 390 px wide: a smaller name leaves Europe's crowd room near its countries.
    const fontSize = this.projectorType() ? "19px" : this.scale.width < 500 ? "12px" : "13px";
    for (const c of this.model.countries) {
      const s = MAP.shapes.get(c.iso);
      if (!s) continue;
      keep.add(c.id);
      let label = this.labels.get(c.id);
      if (!label) {
        label = this.add.text(0, 0, "", { fontFamily: BOARD_FONT, fontSize, fontStyle: "bold", color: "#ffffff", stroke: "#000000", strokeThickness: 3 });
        label.setOrigin(0.5, 0.5).setResolution(Math.max(2, window.devicePixelRatio || 1));
        this.uiCam.ignore(label);
        this.labels.set(c.id, label);
      }
      if (label.style.fontSize !== fontSize) label.setFontSize(fontSize);
      label.setText(c.short + (c.mine ? " ★" : ""));
      label.setScale(1 / zoom);
      label.setColor(c.mine ? "#ffe66d" : "#ffffff");
      label.setDepth(10);
      const small = s.dot || this.onScreenSize(s) < 14;
      const [x0, y0, x1, y1] = s.box;
      boxes.push({
        id: c.id,
        x: sx(s.at[0]),
        y: sy(s.at[1]) + (small ? -15 : 0),
        from: small ? { x: sx(s.at[0]), y: sy(s.at[1]) } : undefined,
        w: label.width,
        h: label.height,
        priority: (c.mine ? 1e9 : 0) + (c.id === this.highlighted ? 1e8 : 0) + (x1 - x0) * (y1 - y0),
      });
    }
    // Markers of small countries are obstacles too, so no label covers a dot.
    const markers = this.model.countries
      .map((c) => MAP.shapes.get(c.iso))
      .filter((s): s is Shape => !!s && (s.dot || this.onScreenSize(s) < 14))
      .map((s) => ({ x0: sx(s.at[0]) - 7, y0: sy(s.at[1]) - 7, x1: sx(s.at[0]) + 7, y1: sy(s.at[1]) + 7 }));
    // So are the infrastructure projects' circles beside their recipients (drawOverlay), which
    // are drawn over the names.
    const projects = this.model.projects.flatMap((p) => {
      const at = this.anchor(p.recipient);
      if (!at) return [];
      const spot = projectSpot(p.slot);
      const x = sx(at[0]) + spot.dx;
      const y = sy(at[1]) + spot.dy;
      return [{ x0: x - spot.r, y0: y - spot.r, x1: x + spot.r, y1: y + spot.r }];
    });
    const covered = this.callbacks.keepClear?.() ?? [];
    const bounds = { x0: 0, y0: 0, x1: this.scale.width, y1: this.scale.height };
    const leaders = this.overlayLeaders;
    leaders.clear();
    leaders.lineStyle(this.px(1), 0xffffff, 0.7);
    // Most redraws (a chat line, a signature) leave every name where it was: placed once for the same input.
    const input = JSON.stringify([boxes, markers, projects, covered, bounds]);
    if (input !== this.labelInput) this.labelsPlaced = placeLabels(boxes, [...markers, ...projects, ...covered], bounds);
    this.labelInput = input;
    const placed = this.labelsPlaced;
    this.placed = placed.map((p, i) => ({ id: p.id, wx: o.x + p.x / zoom, wy: o.y + p.y / zoom, w: boxes[i]!.w, h: boxes[i]!.h, shown: p.shown, moved: p.moved }));
    for (const p of this.placed) {
      const label = this.labels.get(p.id)!;
      label.setVisible(p.shown);
      label.setPosition(p.wx, p.wy);
      // A label moved off its country points back to it with a thin line.
      if (p.shown && p.moved) {
        const s = this.shapeOf(p.id)!;
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

  private dashedCircle(g: PhaserTypes.GameObjects.Graphics, x: number, y: number, r: number, dashes: number) {
    const step = (Math.PI * 2) / (dashes * 2);
    for (let i = 0; i < dashes * 2; i += 2) {
      g.beginPath();
      g.arc(x, y, r, i * step, (i + 1) * step);
      g.strokePath();
    }
  }

  private anchor(id: string): [number, number] | undefined {
    const s = this.shapeOf(id);
    return s ? [s.at[0], s.at[1]] : undefined;
  }

  private fenceRadius(id: string): number {
    const s = this.shapeOf(id);
    if (!s) return this.px(20);
    const [x0, y0, x1, y1] = s.box;
    return Math.max(this.px(16), Math.min(70, Math.max(x1 - x0, y1 - y0) * 0.32));
  }

  private drawOverlay() {
    const g = this.overlay;
    g.clear();
    for (const t of this.extraTexts) t.destroy();
    this.extraTexts = [];
    const zoom = this.cameras.main.zoom;
    // Fences: dashed rings around each target, one per regime, labelled with the sector.
    for (const f of this.model.fences) {
      const at = this.anchor(f.target);
      if (!at) continue;
      const r = this.fenceRadius(f.target) + this.px(7) * f.ring;
      // A dark ring under the dashes keeps the fence readable over any fill colour.
      g.lineStyle(this.px(5 + 2.5 * f.strength), 0x000000, 0.55);
      g.strokeCircle(at[0], at[1], r);
      g.lineStyle(this.px(2.5 + 2.5 * f.strength), BOARD.fence, 1);
      this.dashedCircle(g, at[0], at[1], r, 14);
      // Fence posts.
      g.fillStyle(BOARD.fence, 1);
      for (let i = 0; i < 8; i++) {
        const a = (i / 8) * Math.PI * 2;
        g.fillCircle(at[0] + Math.cos(a) * r, at[1] + Math.sin(a) * r, this.px(3));
      }
      const label = this.add.text(at[0], at[1] - r - this.px(4), `${f.sectorLabel} ${Math.round(f.strength * 100)}%`, {
        fontFamily: BOARD_FONT,
        fontSize: "11px",
        color: "#ffffff",
        backgroundColor: "#7a3f64",
        padding: { x: 3, y: 1 },
      });
      label.setOrigin(0.5, 1).setScale(1 / zoom).setDepth(11).setResolution(2);
      this.uiCam.ignore(label);
      this.extraTexts.push(label);
    }
    // Projects: a circle per loan beside the recipient, filled as it is built.
    for (const p of this.model.projects) {
      const at = this.anchor(p.recipient);
      if (!at) continue;
      const spot = projectSpot(p.slot);
      const x = at[0] + this.px(spot.dx);
      const y = at[1] + this.px(spot.dy);
      const r = this.px(6 + 6 * p.progress);
      const colour = blocColour(p.lenderBloc);
      g.fillStyle(0x000000, 0.5);
      g.fillCircle(x, y, this.px(spot.r));
      g.lineStyle(this.px(2), BOARD.project, 1);
      g.strokeCircle(x, y, this.px(spot.r));
      g.fillStyle(colour, 1);
      g.fillCircle(x, y, r);
      if (!p.done) {
        g.lineStyle(this.px(3), BOARD.label, 1);
        g.beginPath();
        g.arc(x, y, this.px(12), -Math.PI / 2, -Math.PI / 2 + Math.PI * 2 * p.progress);
        g.strokePath();
      }
      const glyph = this.add.text(x, y, PROJECT_GLYPH[p.project] ?? "?", { fontFamily: BOARD_FONT, fontSize: "10px", fontStyle: "bold", color: textOn(colour) === 0 ? "#000000" : "#ffffff" });
      glyph.setOrigin(0.5, 0.5).setScale(1 / zoom).setDepth(12).setResolution(2);
      this.uiCam.ignore(glyph);
      this.extraTexts.push(glyph);
    }
  }

  /** Supply arcs with dots moving from supplier to buyer (redrawn each frame). */
  private drawFlows(time: number) {
    const g = this.flows;
    g.clear();
    for (const a of this.model.arcs) {
      const from = this.anchor(a.from);
      const to = this.anchor(a.to);
      if (!from || !to) continue;
      // Bend every arc northwards, like a route over the globe.
      const c0 = arcControl(from, to, 0.22);
      const mid: [number, number] = [(from[0] + to[0]) / 2, (from[1] + to[1]) / 2];
      const c: [number, number] = c0[1] > mid[1] ? [2 * mid[0] - c0[0], 2 * mid[1] - c0[1]] : c0;
      g.lineStyle(this.px(a.live ? 2.5 : 1.5), BOARD.supply, a.live ? 0.9 : 0.5);
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
      const size = this.px(8);
      g.fillStyle(BOARD.supply, 1);
      g.fillTriangle(tip[0], tip[1], tip[0] - Math.cos(ang - 0.45) * size, tip[1] - Math.sin(ang - 0.45) * size, tip[0] - Math.cos(ang + 0.45) * size, tip[1] - Math.sin(ang + 0.45) * size);
      if (!a.live) continue;
      const n = Math.min(6, 1 + Math.round(a.volume / 2));
      for (let i = 0; i < n; i++) {
        const t = ((time / 2400 + i / n) % 1 + 1) % 1;
        const p = bezier(from, c, to, t);
        g.fillCircle(p[0], p[1], this.px(3));
      }
    }
  }

  // ---- Event card -------------------------------------------------------------------

  private showCard(title: string, date: string) {
    this.card?.destroy();
    // On a projector the card's title stands larger than the map's names (19 px), its date as large
    // as them; still no wider than two thirds of a 1920-px screen's board, so it keeps to the oceans.
    const big = this.projectorType();
    const w = Math.min(big ? 580 : 420, this.scale.width - 40);
    const datePx = big ? 19 : 12;
    const bg = this.add.rectangle(0, 0, w, 64, 0xfdf6e3, 0.97).setOrigin(0.5, 0).setStrokeStyle(3, 0xe69f00);
    const t1 = this.add.text(0, 8, date, { fontFamily: BOARD_FONT, fontSize: `${datePx}px`, color: "#5b4a00" }).setOrigin(0.5, 0);
    const t2 = this.add
      .text(0, 14 + datePx, title, { fontFamily: BOARD_FONT, fontSize: big ? "28px" : "17px", fontStyle: "bold", color: "#1a1a1a", wordWrap: { width: w - 24 }, align: "center" })
      .setOrigin(0.5, 0);
    bg.height = Math.max(64, t2.y + t2.height + 16);
    bg.setSize(w, bg.height);
    // The card rises from the bottom edge, over the southern oceans, where the seats rarely are
    // (and aside, to a corner, where it would cover a seat's name there).
    const card = this.add.container(0, 0, [bg, t1, t2]);
    card.setDepth(100);
    this.cameras.main.ignore(card);
    this.card = card;
    // It rises by a share of the way, placed from the board's size at every step: a board still
    // settling its size (a page opened in the event phase) would leave a card tweened to a fixed
    // height below its foot, unseen.
    const rise = { share: 0 };
    this.cardRise = rise;
    this.layoutCard();
    this.tweens.add({ targets: rise, share: 1, duration: 600, ease: "Back.Out", onUpdate: () => this.layoutCard() });
    this.tweens.add({ targets: card, alpha: 0, delay: 7000, duration: 800, onComplete: () => card.destroy() });
  }

  private layoutCard() {
    if (!this.card?.active) return;
    const bg = this.card.list[0] as PhaserTypes.GameObjects.Rectangle;
    this.card.x = cardSpot({ w: this.scale.width, h: this.scale.height }, { w: bg.width, h: bg.height }, this.labelBoxes());
    // From just below the board's foot (share 0) to CARD_MARGIN above it (share 1).
    const below = 10;
    this.card.y = this.scale.height + below - (bg.height + below + CARD_MARGIN) * this.cardRise.share;
  }

  /** The event card's box on the canvas now, in CSS pixels, while it is shown (tests check it stays on the board). */
  eventCardBox(): { x: number; y: number; w: number; h: number; titlePx: number } | undefined {
    if (!this.card?.active) return undefined;
    const bg = this.card.list[0] as PhaserTypes.GameObjects.Rectangle;
    const title = this.card.list[2] as PhaserTypes.GameObjects.Text;
    return { x: this.card.x - bg.width / 2, y: this.card.y, w: bg.width, h: bg.height, titlePx: parseFloat(String(title.style.fontSize)) };
  }
}
