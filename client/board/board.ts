/**
 * The board's public face: creates the Phaser game inside a container, with pointer input and
 * keys confined to that container, and returns a handle the game screen
 * uses. Loaded lazily, so the start page does not download Phaser.
 */
import type * as PhaserTypes from "phaser";
import Phaser from "./phaser-lite.js";
import type { BoardModel } from "../model/board.ts";
import { BoardScene, type BoardCallbacks } from "./BoardScene.ts";

export type BoardHandle = {
  update(model: BoardModel): void;
  highlight(id?: string): void;
  select(id?: string): void;
  zoom(steps: number): void;
  reset(): void;
  destroy(): void;
  /** Where a country's label sits on the canvas now, in CSS pixels (for tests and tooltips). */
  screenOf(id: string): { x: number; y: number } | undefined;
  /** Every shown label's centre and size on the canvas now, in CSS pixels (tests check they stay readable). */
  labels(): { id: string; x: number; y: number; w: number; h: number }[];
  /** The regimes' labels ("Chips 65%") on the canvas, in CSS pixels (tests check no name is under one). */
  marks(): { x0: number; y0: number; x1: number; y1: number }[];
  /** The event card's box on the canvas, in CSS pixels, while it is shown (tests check it rises onto the board). */
  eventCard(): { x: number; y: number; w: number; h: number; titlePx: number; title: string; alpha: number } | undefined;
  /** Resolves once the first frame showing the game's countries is rendered (what it does not show waits for it: client/ui/game-screen.ts). */
  firstFrame: Promise<void>;
  /** Frames rendered so far, and whether the loop is drawing now: it sleeps while nothing moves (tests check it rests). */
  frames(): { count: number; drawing: boolean };
  /** Reads one pixel of the canvas back (tests check the map really rendered). */
  snapshotPixel(x: number, y: number): Promise<{ r: number; g: number; b: number; a: number }>;
};

export function createBoard(parent: HTMLElement, callbacks: BoardCallbacks): Promise<BoardHandle> {
  return new Promise((resolve, reject) => {
    const scene = new BoardScene(callbacks);
    let game: PhaserTypes.Game;
    try {
      game = new Phaser.Game({
        type: Phaser.WEBGL,
        parent,
        backgroundColor: "#16263a",
        banner: false,
        audio: { noAudio: true },
        scale: { mode: Phaser.Scale.RESIZE, width: parent.clientWidth || 800, height: parent.clientHeight || 450 },
        input: { keyboard: false, mouse: { target: parent }, touch: { target: parent } },
        render: { antialias: true, pixelArt: false },
        fps: { limit: 30 },
        scene,
      });
    } catch (e) {
      reject(e);
      return;
    }
    scene.ready.then(() => {
      const onKey = (e: KeyboardEvent) => {
        if (!e.defaultPrevented && !e.altKey && !e.ctrlKey && !e.metaKey && scene.handleKey(e)) e.preventDefault();
      };
      parent.addEventListener("keydown", onKey);
      // Phaser notices a resized parent only while its loop runs, and the board's loop sleeps
      // when idle: wake it whenever the layout changes the container's size.
      const observer = new ResizeObserver(() => {
        scene.wake(800);
        // refresh() alone reuses the parent size Phaser measured last (it measures only on its own
        // timer, which sleeps with the loop): a board narrowed by the console kept a canvas too wide.
        game.scale.getParentBounds();
        game.scale.refresh();
      });
      observer.observe(parent);
      const firstFrame = scene.drawn;
      const handle: BoardHandle = {
        update: (model) => scene.setModel(model),
        highlight: (id) => scene.setHighlight(id),
        select: (id) => scene.setSelected(id),
        zoom: (steps) => scene.zoomBy(steps),
        reset: () => scene.resetView(),
        destroy: () => {
          observer.disconnect();
          parent.removeEventListener("keydown", onKey);
          game.destroy(true);
        },
        screenOf: (id) => scene.screenOf(id),
        labels: () => scene.labelBoxes(),
        marks: () => scene.markBoxes(),
        eventCard: () => scene.eventCardBox(),
        firstFrame,
        frames: () => ({ count: scene.frames, drawing: game.loop.running }),
        snapshotPixel: (x, y) =>
          new Promise((res) => {
            scene.wake(1000);
            game.renderer.snapshotPixel(x, y, (c) => {
              const colour = c as PhaserTypes.Display.Color;
              res({ r: colour.red, g: colour.green, b: colour.blue, a: colour.alpha });
            });
          }),
      };
      // A hook for the end-to-end tests and for anyone debugging in the console.
      (window as unknown as { chokepointBoard?: BoardHandle }).chokepointBoard = handle;
      // When the board first showed the countries: the first-frame benchmark (tests/bench/first-frame.ts) waits for it.
      void firstFrame.then(() => ((window as unknown as { chokepointBoardDrawn?: boolean }).chokepointBoardDrawn = true));
      resolve(handle);
    }, reject);
  });
}
