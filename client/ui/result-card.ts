/** Draws the result card as a picture (1200×630, the size link previews use) and shares or saves it. */
import { t } from "../i18n/index.ts";
import type { ResultCard } from "../model/result-card.ts";
import { h, status } from "./dom.ts";
import { canvasFontReady, pageFont } from "./language.ts";

const W = 1200;
const H = 630;

/** Lines no wider than `width`, broken between words and between any two Chinese characters (written without spaces). */
function wrap(g: CanvasRenderingContext2D, text: string, width: number): string[] {
  const out: string[] = [];
  let line = "";
  for (const piece of text.match(/\s+|[\u2e80-\uffef]|[^\s\u2e80-\uffef]+/g) ?? []) {
    const next = line + piece;
    if (g.measureText(next.trim()).width > width && line.trim()) {
      out.push(line.trim());
      line = piece.trimStart();
    } else line = next;
  }
  if (line.trim()) out.push(line.trim());
  return out;
}

/**
 * The card's type, in the page's font list (client/styles.css): a Chinese name or scenario title
 * is drawn with the Chinese fonts in every language, on a machine without any of its own too.
 */
function cardType() {
  const font = pageFont();
  return { title: `600 34px ${font}`, headline: `800 58px ${font}`, lines: `400 36px ${font}` };
}

export function drawCard(card: ResultCard): HTMLCanvasElement {
  const canvas = document.createElement("canvas");
  canvas.width = W;
  canvas.height = H;
  const g = canvas.getContext("2d");
  if (!g) return canvas;
  g.fillStyle = "#16263a";
  g.fillRect(0, 0, W, H);
  g.fillStyle = "#0072b2";
  g.fillRect(0, 0, 18, H);
  const type = cardType();
  g.fillStyle = "#c7cfdb";
  g.font = type.title;
  g.fillText(`${t("app.title")} · ${card.title}`, 70, 95);
  g.fillStyle = "#ffffff";
  g.font = type.headline;
  let y = 190;
  for (const l of wrap(g, card.headline, W - 140)) {
    g.fillText(l, 70, y);
    y += 70;
  }
  g.font = type.lines;
  g.fillStyle = "#e8ecf2";
  y += 20;
  for (const line of card.lines) {
    for (const l of wrap(g, line, W - 140)) {
      g.fillText(l, 70, y);
      y += 50;
    }
  }
  g.fillStyle = "#e69f00";
  g.fillRect(70, H - 60, 160, 8);
  return canvas;
}

/** The card, with Share (where the device can share a picture) and Save picture. */
export function resultCardBox(card: ResultCard): HTMLElement {
  let url = drawCard(card).toDataURL("image/png");
  const msg = h("p", { class: "status", "aria-live": "polite" });
  const file = async () => new File([await (await fetch(url)).blob()], "chokepoint-result.png", { type: "image/png" });
  const canShare = typeof navigator.share === "function";
  const share = canShare
    ? h("button", {
        type: "button",
        class: "primary",
        id: "card-share",
        onclick: async () => {
          try {
            const f = await file();
            const data: ShareData = navigator.canShare?.({ files: [f] }) ? { files: [f], text: card.text } : { text: card.text, title: card.title };
            await navigator.share(data);
          } catch (e) {
            if ((e as Error).name !== "AbortError") status(msg, t("card.shareFailed"), "error");
          }
        },
      }, t("card.share"))
    : null;
  const copy = h("button", {
    type: "button",
    id: "card-copy",
    onclick: async () => {
      try {
        await navigator.clipboard.writeText(card.text);
        status(msg, t("card.copied"), "ok");
      } catch {
        status(msg, t("card.copyFailed"), "error");
      }
    },
  }, t("card.copy"));
  const img = h("img", { src: url, alt: card.text.replace(/\n/g, ". "), width: W, height: H, class: "card-image" });
  const save = h("a", { href: url, download: "chokepoint-result.png", class: "button", id: "card-save" }, t("card.save"));
  // A canvas does not redraw when a font arrives: once the files of the characters it shows are
  // in (Chinese ones, in any language), draw the card again.
  const type = cardType();
  const fonts = [canvasFontReady(type.title, `${t("app.title")} · ${card.title}`), canvasFontReady(type.headline, card.headline), canvasFontReady(type.lines, card.lines.join(" "))];
  if (fonts.some(Boolean))
    void Promise.all(fonts).then(() => {
      url = drawCard(card).toDataURL("image/png");
      img.src = url;
      save.href = url;
    });
  return h("section", { class: "result-card", "aria-labelledby": "card-title" }, h("h3", { id: "card-title" }, t("card.title")), img, h("div", { class: "actions" }, share, save, copy), msg);
}
