/**
 * The world board: Natural Earth countries (precomputed, see client/tools/build-map.ts), the
 * seats and partners coloured by bloc or stance, supply deals as arcs with goods flowing to
 * the buyer, export-control regimes as fences around their targets, infrastructure projects as
 * icons that fill as they are built, and the event card sliding in. Pan by dragging or with
 * the arrow keys, zoom with the wheel or + and −; on a touch screen pinch with two fingers. It
 * draws; every fact is also in the panels.
 *
 * This scene holds what is shown (the model, the highlighted and selected countries) and the
 * loop that draws it; each layer and each kind of input has its module beside it.
 */
import type * as PhaserTypes from "phaser";
import Phaser from "./phaser-lite.js";
import type { BoardCountry, BoardModel } from "../model/board.ts";
import { labelAt, type Rect } from "../model/labels.ts";
import { shapeAt } from "../model/map-geo.ts";
import { BOARD } from "../model/palette.ts";
import { canvasText } from "../ui/emoji.ts";
import { BaseMap } from "./base-map.ts";
import { BoardCamera } from "./camera.ts";
import { drawCountries } from "./countries.ts";
import { EventCard, lessMotion } from "./event-card.ts";
import { drawFlows } from "./flows.ts";
import { KeyboardCursor } from "./keyboard.ts";
import { CountryLabels } from "./labels.ts";
import { Overlay } from "./overlay.ts";
import { PointerInput } from "./pointer-input.ts";
import { MAP, shapeOf } from "./world-map.ts";

export type BoardCallbacks = {
  onHover(id: string | undefined, x: number, y: number): void;
  onSelect(id: string, from?: HTMLElement): void;
  /** Parts of the canvas (CSS pixels) that HTML covers, such as the zoom buttons: no label goes there. */
  keepClear?(): Rect[];
  /** The event card came to rest (its box on the canvas, CSS pixels) or left: HTML over the board keeps clear of it. */
  onCard?(box: { x: number; y: number; w: number; h: number } | undefined): void;
};

/** How often the supply flows' dots take a step: ten frames a second. */
const FLOW_FRAME_MS = 100;

export class BoardScene extends Phaser.Scene {
  readonly ready: Promise<void>;
  private resolveReady!: () => void;
  /** Resolves once a frame showing the game's countries has been rendered (not just the empty scene). */
  readonly drawn: Promise<void>;
  private resolveDrawn: (() => void) | undefined;
  private model: BoardModel = { countries: [], arcs: [], fences: [], projects: [] };
  private byIso = new Map<string, BoardCountry>();
  /** The loop sleeps when nothing moves; this says until when it must keep drawing. */
  private awakeUntil = 0;
  private camera!: BoardCamera;
  private base!: BaseMap;
  private fills!: PhaserTypes.GameObjects.Graphics;
  private overlay!: Overlay;
  private flows!: PhaserTypes.GameObjects.Graphics;
  private labels!: CountryLabels;
  private card!: EventCard;
  private pointers!: PointerInput;
  private keys!: KeyboardCursor;
  /** The country under the pointer or the keys' cursor, and the one opened. */
  private marked: { highlighted?: string; selected?: string } = {};
  private drawnZoom = 0;
  /** The timer that wakes the loop for the supply flows' next step. */
  private flowFrame?: ReturnType<typeof setTimeout>;
  /** Frames rendered so far (tests check the board rests when nothing moves). */
  frames = 0;
  private dirty = true;
  private shownEvent = "";

  constructor(private callbacks: BoardCallbacks) {
    super({ key: "Board" });
    this.ready = new Promise((r) => (this.resolveReady = r));
    this.drawn = new Promise((r) => (this.resolveDrawn = r));
  }

  create() {
    const cam = this.cameras.main;
    cam.setBackgroundColor(BOARD.ocean);
    this.camera = new BoardCamera(this, {
      moved: () => (this.labels.stale = true),
      redraw: () => {
        this.dirty = true;
        this.wake();
      },
      wake: () => this.wake(),
    });
    // Drawn once at the resolution the fitted map needs (update() draws it again when zoomed).
    this.base = new BaseMap(this, BaseMap.scaleFor(this.camera.fitZoom()));
    this.fills = this.add.graphics();
    const overlay = this.add.graphics();
    this.flows = this.add.graphics();
    const leaders = this.add.graphics();
    // A second camera draws the event card at screen size; the map's own camera ignores the card.
    const uiCam = this.cameras.add(0, 0, this.scale.width, this.scale.height);
    uiCam.ignore([this.base.image, this.fills, overlay, this.flows, leaders]);
    this.overlay = new Overlay(this, overlay, this.camera, uiCam);
    this.labels = new CountryLabels(this, leaders, this.camera, uiCam, () => this.callbacks.keepClear?.() ?? [], () => this.overlay.fenceLabelBoxes());
    this.card = new EventCard(this, () => this.labelBoxes(), () => this.wake(), (box) => this.callbacks.onCard?.(box));
    this.camera.fit();
    this.scale.on("resize", (size: PhaserTypes.Structs.Size) => {
      this.cameras.main.setSize(size.width, size.height);
      uiCam.setSize(size.width, size.height);
      this.camera.fit(true);
      this.card.layout();
    });
    this.game.events.on(Phaser.Core.Events.POST_RENDER, () => this.frames++);
    this.events.once("destroy", () => clearTimeout(this.flowFrame));
    this.pointers = new PointerInput(this, this.camera, this, this.callbacks);
    this.keys = new KeyboardCursor(this.camera, this, this.callbacks);
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

  // ---- What is shown ----------------------------------------------------------------

  setModel(model: BoardModel) {
    this.model = model;
    this.byIso = new Map(model.countries.map((c) => [c.iso, c]));
    this.dirty = true;
    this.wake();
    if (model.event && model.event.key !== this.shownEvent) {
      this.shownEvent = model.event.key;
      this.card.show(canvasText(model.event.title), model.event.date);
    } else if (!model.event && this.shownEvent) {
      // No card now (the game is over, or a replay stepped back before the first round): the one shown goes.
      this.shownEvent = "";
      this.card.hide();
    }
  }

  get highlighted(): string | undefined {
    return this.marked.highlighted;
  }

  /** The board's container (the keys hand the focus back to it). */
  get container(): HTMLElement | undefined {
    return this.game.canvas.parentElement ?? undefined;
  }

  get countries(): readonly BoardCountry[] {
    return this.model.countries;
  }

  setHighlight(id?: string) {
    this.marked.highlighted = id;
    this.dirty = true;
    this.wake();
  }

  setSelected(id?: string) {
    this.marked.selected = id;
    this.dirty = true;
    this.wake();
  }

  resetView() {
    this.camera.fit(false);
  }

  zoomBy(steps: number) {
    this.camera.zoomBy(steps);
  }

  /** A key pressed on the board (board.ts listens on its container): true when the board used it. */
  handleKey(e: KeyboardEvent): boolean {
    return this.keys.handle(e);
  }

  // ---- Where things are on the canvas (CSS pixels) ---------------------------------

  screenOf(id: string): { x: number; y: number } | undefined {
    const s = shapeOf(this.model.countries, id);
    return s ? this.camera.toScreen(s.at[0], s.at[1]) : undefined;
  }

  /** Every shown label's box on the canvas now (tests check them; taps use them). */
  labelBoxes() {
    return this.labels.boxes();
  }

  /** The regimes' labels on the canvas now (tests check that no name is under one). */
  markBoxes() {
    return this.overlay.fenceLabelBoxes();
  }

  /** The event card's box on the canvas now, while it is shown (tests check it stays on the board). */
  eventCardBox() {
    return this.card.box();
  }

  /** A label's name first, then the country's shape, then a label within a finger's reach. */
  countryAt(sx: number, sy: number): BoardCountry | undefined {
    const labels = this.labelBoxes();
    const byLabel = labelAt(labels, sx, sy);
    if (byLabel) return this.model.countries.find((c) => c.id === byLabel);
    const zoom = this.camera.zoom;
    const at = this.camera.toWorld(sx, sy);
    const preferred = this.model.countries.map((c) => c.iso);
    const shape = shapeAt(MAP.shapes, at.x, at.y, preferred, 6 / zoom);
    if (shape) return this.byIso.get(shape.id);
    const near = labelAt(labels, sx, sy, 32);
    return near ? this.model.countries.find((c) => c.id === near) : undefined;
  }

  // ---- The loop ---------------------------------------------------------------------

  override update(time: number) {
    const zoom = this.camera.zoom;
    if (this.dirty || zoom !== this.drawnZoom) {
      const wanted = BaseMap.scaleFor(zoom);
      if (wanted !== this.base.scale) this.base.draw(wanted);
      drawCountries(this.fills, this.model, this.camera, this.marked);
      // The regimes' labels first: the names are placed clear of them.
      this.overlay.draw(this.model);
      this.labels.draw(this.model, this.highlighted);
      this.drawnZoom = zoom;
      this.dirty = false;
      const drawn = this.resolveDrawn;
      if (drawn && this.model.countries.length) {
        // This step renders right after its update: that render is the first to show the countries.
        this.game.events.once(Phaser.Core.Events.POST_RENDER, () => drawn());
        this.resolveDrawn = undefined;
      }
    } else if (this.labels.stale && !this.pointers.dragging) this.labels.draw(this.model, this.highlighted);
    // A reader who asks for less motion sees the flows' dots stand still.
    const flowing = this.model.arcs.some((a) => a.live) && !lessMotion();
    // The dots stand where the step's time puts them, so each step is as long as the next
    // however late its frame comes (a frame's own time moved them unevenly).
    drawFlows(this.flows, this.model, this.camera, flowing ? Math.round(time / FLOW_FRAME_MS) * FLOW_FRAME_MS : 0);
    if (this.pointers.dragging || this.tweens.getTweens().length > 0) this.wake(400);
    if (performance.now() > this.awakeUntil) {
      this.game.loop.sleep();
      // Supply flows' dots move a step every FLOW_FRAME_MS, the loop asleep in between: drawn at
      // the loop's 30 frames a second, a live deal kept a phone's or a software-rendered
      // laptop's whole map redrawing for the rest of the game.
      if (flowing && this.flowFrame === undefined) {
        // At the next step's time, more than half a step away (a timer a little early would draw the same step again).
        const now = performance.now();
        const next = (Math.floor((now + FLOW_FRAME_MS / 2) / FLOW_FRAME_MS) + 1) * FLOW_FRAME_MS;
        this.flowFrame = setTimeout(() => {
          this.flowFrame = undefined;
          if (this.sys.isActive()) this.wake(0);
        }, next - now);
      }
    }
  }
}
