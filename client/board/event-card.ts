/**
 * The round's event card: its date and title rise from the board's foot, over the southern
 * oceans where the seats rarely are (or aside, to a corner, where it would cover a seat's name
 * there), rest there seven seconds, then sink back. It is opaque from its first frame to its last and
 * rises in a quarter of a second without overshooting (a room read a pale card bouncing in, and
 * a fading one as a pale card drawn over the map); a reader who asks for less motion gets it at
 * rest at once, and gone at once.
 */
import type * as PhaserTypes from "phaser";
import { CARD_MARGIN, cardSpot } from "../model/labels.ts";
import { canvasFontReady } from "../ui/language.ts";
import { boardFont, cardType } from "./board-text.ts";
import { breaksBetweenCharacters, wrapLines } from "../model/line-wrap.ts";

type Box = { x: number; y: number; w: number; h: number };

export class EventCard {
  private card?: PhaserTypes.GameObjects.Container;
  /** How far the card has risen, 0 (below the board) to 1 (resting at its foot). */
  private rise = { share: 0 };

  /** The timer that starts the card's way down; the card rests without the board's loop drawing. */
  private leaving?: ReturnType<typeof setTimeout>;

  constructor(
    private scene: PhaserTypes.Scene,
    /** The names on the board now, in CSS pixels, which the card keeps clear of. */
    private labels: () => readonly Box[],
    /** Wakes the board's loop, which sleeps while nothing moves. */
    private wake: () => void,
    /** Told where the card rests once it does, and told `undefined` once it starts to leave. */
    private placed: (box: Box | undefined) => void = () => {},
  ) {
    scene.events.once("destroy", () => clearTimeout(this.leaving));
  }

  /** The card last asked for: one whose font files come after a newer card was asked for is not shown. */
  private asked = 0;

  show(title: string, date: string) {
    const ask = ++this.asked;
    const type = cardType(this.scene.scale.width);
    // A Chinese title in the English UI (a facilitator's card): its font files first, as a canvas never draws it again.
    const fonts = [canvasFontReady(`bold ${type.titlePx}px ${boardFont()}`, title), canvasFontReady(`${type.datePx}px ${boardFont()}`, date)];
    if (fonts.some(Boolean)) void Promise.all(fonts).then(() => ask === this.asked && this.scene.sys?.isActive() && this.draw(title, date));
    else this.draw(title, date);
  }

  private draw(title: string, date: string) {
    this.card?.destroy();
    clearTimeout(this.leaving);
    this.leaving = undefined;
    const scene = this.scene;
    const type = cardType(scene.scale.width);
    const w = type.w;
    const bg = scene.add.rectangle(0, 0, w, 64, 0xfdf6e3, 1).setOrigin(0.5, 0).setStrokeStyle(3, 0xe69f00);
    const t1 = scene.add.text(0, 8, date, { fontFamily: boardFont(), fontSize: `${type.datePx}px`, color: "#5b4a00" }).setOrigin(0.5, 0);
    const t2 = scene.add
      .text(0, 14 + type.datePx, title, {
        fontFamily: boardFont(),
        fontSize: `${type.titlePx}px`,
        fontStyle: "bold",
        color: "#1a1a1a",
        // A Chinese title breaks between its characters, as the page's text does (client/model/line-wrap.ts); Phaser's wrap breaks at spaces only.
        wordWrap: breaksBetweenCharacters(title) ? { width: w - 24, callback: (text: string, obj: PhaserTypes.GameObjects.Text) => wrapLines(text, w - 24, (s) => obj.context.measureText(s).width) } : { width: w - 24 },
        align: "center",
      })
      .setOrigin(0.5, 0);
    bg.height = Math.max(64, t2.y + t2.height + 16);
    bg.setSize(w, bg.height);
    const card = scene.add.container(0, 0, [bg, t1, t2]);
    card.setDepth(100).setAlpha(1);
    scene.cameras.main.ignore(card);
    this.card = card;
    // It rises by a share of the way, placed from the board's size at every step: a board still
    // settling its size (a page opened in the event phase) would leave a card tweened to a fixed
    // height below its foot, unseen.
    const still = lessMotion();
    const rise = { share: still ? 1 : 0 };
    this.rise = rise;
    this.layout();
    // It leaves as it came, opaque, sinking below the board's foot: a fading card read as a pale
    // card drawn over the map. A window timer, not a tween's delay, holds it: a tween, even one
    // waiting, keeps the board's loop drawing every frame, 7 s of a redrawn map for a card at rest.
    // The seven seconds count from the card's arrival at rest, not from its first frame: Phaser
    // moves a tween by a capped, smoothed frame time (after a wake, a 60th of a second a frame at
    // first), so on a starved machine, a frame every half second, the quarter-second rise outlasted
    // the timer and the card sank again before it had ever rested.
    const leave = () => {
      if (this.rise !== rise) return;
      this.tellPlace();
      this.leaving = setTimeout(() => {
        if (!card.active) return;
        this.placed(undefined);
        this.wake();
        if (still) card.destroy();
        else scene.tweens.add({ targets: rise, share: 0, duration: 250, ease: "Cubic.In", onUpdate: () => this.layout(), onComplete: () => card.destroy() });
      }, still ? 7800 : 7000);
    };
    if (still) leave();
    else scene.tweens.add({ targets: rise, share: 1, duration: 250, ease: "Cubic.Out", onUpdate: () => this.layout(), onComplete: leave });
  }

  /** Takes the card off the board at once (one whose fonts are still loading is not drawn). */
  hide() {
    this.asked++;
    clearTimeout(this.leaving);
    if (this.card?.active) this.placed(undefined);
    this.card?.destroy();
  }

  /** Says where the card rests (after a resize too). */
  private tellPlace() {
    const b = this.rise.share === 1 ? this.box() : undefined;
    if (b) this.placed({ x: b.x, y: b.y, w: b.w, h: b.h });
  }

  layout() {
    if (!this.card?.active) return;
    const { width, height } = this.scene.scale;
    const bg = this.card.list[0] as PhaserTypes.GameObjects.Rectangle;
    this.card.x = cardSpot({ w: width, h: height }, { w: bg.width, h: bg.height }, this.labels());
    // From just below the board's foot (share 0) to CARD_MARGIN above it (share 1).
    const below = 10;
    this.card.y = height + below - (bg.height + below + CARD_MARGIN) * this.rise.share;
    if (this.rise.share === 1 && this.leaving !== undefined) this.tellPlace();
  }

  /** The card's box on the canvas now, in CSS pixels, while it is shown (tests check it stays on the board). */
  box(): (Box & { titlePx: number; title: string; alpha: number }) | undefined {
    if (!this.card?.active) return undefined;
    const bg = this.card.list[0] as PhaserTypes.GameObjects.Rectangle;
    const title = this.card.list[2] as PhaserTypes.GameObjects.Text;
    return { x: this.card.x - bg.width / 2, y: this.card.y, w: bg.width, h: bg.height, titlePx: parseFloat(String(title.style.fontSize)), title: title.text, alpha: Math.min(this.card.alpha, bg.fillAlpha) };
  }
}

/** The reader's system asks for less motion (the card and the supply flows' dots keep still). */
export function lessMotion(): boolean {
  return typeof window !== "undefined" && !!window.matchMedia?.("(prefers-reduced-motion: reduce)").matches;
}
