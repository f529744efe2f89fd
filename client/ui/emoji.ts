/** Emoji in the page: drawn when the device has an emoji font, named in a small tag otherwise. */
import { emojiParts, namedEmoji } from "../model/emoji.ts";
import { h, type Child } from "./dom.ts";

let drawable: boolean | undefined;

/**
 * Whether this device draws colour emoji: a thumbs-up is drawn and compared with a character
 * no font has (which every browser draws as its empty box). Same pixels: no emoji font.
 */
export function emojiDrawable(): boolean {
  if (drawable !== undefined) return drawable;
  try {
    const canvas = document.createElement("canvas");
    canvas.width = canvas.height = 24;
    const g = canvas.getContext("2d", { willReadFrequently: true });
    if (!g) return (drawable = true);
    const draw = (s: string) => {
      g.clearRect(0, 0, 24, 24);
      g.font = '18px "Noto Color Emoji", "Apple Color Emoji", "Segoe UI Emoji", sans-serif';
      g.textBaseline = "top";
      g.fillStyle = "#000";
      g.fillText(s, 0, 0);
      return g.getImageData(0, 0, 24, 24).data.join(",");
    };
    drawable = draw("\u{1F44D}") !== draw("\u{10FFFD}");
  } catch {
    drawable = true;
  }
  return drawable;
}

/** Text for a chat line or a card: emoji kept, or each shown as a named tag. */
export function emojiText(text: string): Child[] {
  if (emojiDrawable()) return [text];
  return emojiParts(text).map((p) => (p.emoji ? h("span", { class: "emoji-name", role: "img", "aria-label": p.emoji }, p.emoji) : p.text));
}

/** For text drawn on the canvas, which cannot hold a tag. */
export function canvasText(text: string): string {
  return emojiDrawable() ? text : namedEmoji(text);
}
