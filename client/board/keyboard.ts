/**
 * The board from the keyboard: arrows pan, + and − zoom, 0 fits the map again, ] and [ move a
 * cursor from country to country, Enter or Space opens the one under it, Escape hides its tip.
 * Not Phaser's keyboard plugin: it keeps the page's key events until its loop's next step,
 * which a sleeping loop does not take, and hands all of them again with every new key, so one
 * press of "]" moved two countries on.
 */
import type { BoardCountry } from "../model/board.ts";
import type { BoardCallbacks } from "./BoardScene.ts";
import type { BoardCamera } from "./camera.ts";
import { MAP } from "./world-map.ts";

/** What the keys act on (the scene, client/board/BoardScene.ts). */
export type KeyBoard = {
  wake(): void;
  resetView(): void;
  readonly countries: readonly BoardCountry[];
  readonly highlighted: string | undefined;
  setHighlight(id?: string): void;
  /** The board's container, which gets the focus back when what Enter opened closes. */
  readonly container: HTMLElement | undefined;
};

/** How far an arrow key pans, in screen pixels. */
const PAN_STEP = 60;

export class KeyboardCursor {
  /** The country the cursor is on, as an index into the board's countries. */
  private index = -1;

  constructor(
    private camera: BoardCamera,
    private board: KeyBoard,
    private callbacks: BoardCallbacks,
  ) {}

  /** A key pressed on the board (client/board/board.ts listens on its container): true when the board used it. */
  handle(e: KeyboardEvent): boolean {
    const board = this.board;
    switch (e.key) {
      case "ArrowLeft":
        this.camera.panBy(-PAN_STEP, 0);
        break;
      case "ArrowRight":
        this.camera.panBy(PAN_STEP, 0);
        break;
      case "ArrowUp":
        this.camera.panBy(0, -PAN_STEP);
        break;
      case "ArrowDown":
        this.camera.panBy(0, PAN_STEP);
        break;
      case "+":
      case "=":
        this.camera.zoomBy(1);
        break;
      case "-":
      case "_":
        this.camera.zoomBy(-1);
        break;
      case "0":
        board.resetView();
        break;
      case "]":
      case "[": {
        const list = board.countries;
        if (!list.length) return false;
        this.index = (this.index + (e.key === "]" ? 1 : -1) + list.length) % list.length;
        const c = list[this.index]!;
        board.setHighlight(c.id);
        const shape = MAP.shapes.get(c.iso);
        if (shape) {
          const p = this.camera.toScreen(shape.at[0], shape.at[1]);
          this.callbacks.onHover(c.id, p.x, p.y);
        }
        break;
      }
      case "Enter":
      case " ":
        if (board.highlighted) this.callbacks.onSelect(board.highlighted, board.container);
        break;
      case "Escape":
        this.callbacks.onHover(undefined, 0, 0);
        break;
      default:
        return false;
    }
    board.wake();
    return true;
  }
}
