/**
 * The board under a mouse or fingers: hover names a country, a click or tap selects it, a drag
 * pans, the wheel zooms; two fingers pinch-zoom and pan about their midpoint.
 */
import type * as PhaserTypes from "phaser";
import type { BoardCountry } from "../model/board.ts";
import type { BoardCallbacks } from "./BoardScene.ts";
import { ZOOM_STEP, type BoardCamera } from "./camera.ts";

/** What the pointers act on (the scene, client/board/BoardScene.ts). */
export type PointerBoard = {
  wake(): void;
  countryAt(x: number, y: number): BoardCountry | undefined;
  readonly highlighted: string | undefined;
  setHighlight(id?: string): void;
  setSelected(id?: string): void;
};

export class PointerInput {
  private drag?: { x: number; y: number; sx: number; sy: number; moved: boolean };
  /** Touches on the canvas (pointer id → position in game pixels), for pinch-zoom. */
  private touches = new Map<number, { x: number; y: number }>();
  /** The last two-finger spread and midpoint while pinching; a pinch is never a tap. */
  private pinch?: { dist: number; mid: { x: number; y: number } };
  private pinched = false;

  constructor(
    private scene: PhaserTypes.Scene,
    private camera: BoardCamera,
    private board: PointerBoard,
    private callbacks: BoardCallbacks,
  ) {
    this.listenForPinch();
    this.listen();
  }

  /** A drag is under way (the loop keeps drawing; names wait until it ends to be placed again). */
  get dragging(): boolean {
    return this.drag !== undefined;
  }

  /**
   * Pinch-zoom and two-finger pan, read from the canvas's own pointer events (Phaser follows
   * one touch): the map zooms about the fingers' midpoint by the change in their spread.
   */
  private listenForPinch() {
    const canvas = this.scene.game.canvas;
    const scale = this.scene.scale;
    const at = (e: PointerEvent) => {
      const r = canvas.getBoundingClientRect();
      return { x: ((e.clientX - r.left) * scale.width) / (r.width || 1), y: ((e.clientY - r.top) * scale.height) / (r.height || 1) };
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
        this.drag = undefined;
      }
    });
    canvas.addEventListener("pointermove", (e) => {
      if (!this.touches.has(e.pointerId)) return;
      this.touches.set(e.pointerId, at(e));
      if (!this.pinch || this.touches.size < 2) return;
      const now = spread();
      if (this.pinch.dist > 0 && now.dist > 0) this.camera.zoomBy(Math.log(now.dist / this.pinch.dist) / Math.log(ZOOM_STEP), now.mid);
      this.camera.panBy(this.pinch.mid.x - now.mid.x, this.pinch.mid.y - now.mid.y);
      this.pinch = now;
    });
    const lift = (e: PointerEvent) => {
      if (!this.touches.delete(e.pointerId)) return;
      if (this.touches.size < 2) this.pinch = undefined;
      // The finger still down after a pinch does not start a drag from where the pinch began.
      if (this.touches.size === 1) this.drag = undefined;
    };
    canvas.addEventListener("pointerup", lift);
    canvas.addEventListener("pointercancel", lift);
  }

  private listen() {
    const input = this.scene.input;
    const board = this.board;
    input.on("pointermove", (p: PhaserTypes.Input.Pointer) => {
      board.wake();
      if (this.pinch) return;
      if (this.drag && p.isDown) {
        const dx = p.x - this.drag.x;
        const dy = p.y - this.drag.y;
        if (Math.abs(dx) + Math.abs(dy) > 4) this.drag.moved = true;
        if (this.drag.moved) this.camera.dragFrom(this.drag, dx, dy);
        return;
      }
      const hit = board.countryAt(p.x, p.y);
      if (hit?.id !== board.highlighted) board.setHighlight(hit?.id);
      this.scene.game.canvas.style.cursor = hit ? "pointer" : "grab";
      this.callbacks.onHover(hit?.id, p.x, p.y);
    });
    input.on("pointerdown", (p: PhaserTypes.Input.Pointer) => {
      if (this.touches.size <= 1) this.pinched = false;
      if (this.pinch) return;
      this.drag = { x: p.x, y: p.y, ...this.camera.scroll(), moved: false };
    });
    input.on("pointerup", (p: PhaserTypes.Input.Pointer) => {
      const wasDrag = this.drag?.moved;
      this.drag = undefined;
      if (wasDrag || this.pinched) return;
      const hit = board.countryAt(p.x, p.y);
      if (hit) {
        board.setSelected(hit.id);
        this.callbacks.onSelect(hit.id);
      }
    });
    input.on("gameout", () => {
      this.callbacks.onHover(undefined, 0, 0);
      this.drag = undefined;
    });
    input.on("wheel", (p: PhaserTypes.Input.Pointer, _over: unknown, _dx: number, dy: number) => {
      this.camera.zoomBy(dy > 0 ? -0.5 : 0.5, { x: p.x, y: p.y });
    });
  }
}
