/**
 * The reader's language: chosen on the address (?lang=, which also makes a test locale
 * reachable), else the choice this browser remembers, else the browser's own languages. The
 * catalog loads before the first page is drawn (the start page's part of it for the start
 * page); a switch stores the choice and reloads, so every page, the board and the report links
 * follow it.
 */
import { currentLocale, t, useCatalog, wholeCatalogReady, type Key } from "../i18n/index.ts";
import { isLanguage, loadCatalogPart, OFFERED, pickLanguage, type Language } from "../i18n/languages.ts";
import { h } from "./dom.ts";

const STORAGE_KEY = "chokepoint:lang";

function remembered(): string | null {
  try {
    return window.localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

export function chosenLanguage(): Language {
  const asked = new URLSearchParams(window.location.search).get("lang");
  if (isLanguage(asked)) return asked;
  const kept = remembered();
  if (isLanguage(kept)) return kept;
  return pickLanguage(navigator.languages ?? [navigator.language]);
}

/**
 * Loads and switches to the reader's language, with the start page's part of its catalog
 * (client/i18n/languages.ts `loadCatalogPart`), or the whole of it when the first page is
 * another (`whole`: both parts load at once); sets the page's `lang` so screen readers and fonts
 * follow. Every other screen waits for the rest (client/i18n/index.ts `wholeCatalogReady`).
 */
export async function startLanguage(whole = false): Promise<Language> {
  const lang = chosenLanguage();
  const [first, later] = await Promise.all([loadCatalogPart(lang, "first"), whole ? loadCatalogPart(lang, "later").catch(() => undefined) : undefined, lang === "zh-CN" ? loadChineseFont() : undefined]);
  if (later) useCatalog({ ...first, ...later }, lang);
  else useCatalog(first, lang, () => loadCatalogPart(lang, "later"));
  // A reader who starts filling a form on the start page is on their way to a game: its words come meanwhile.
  document.addEventListener("focusin", () => void wholeCatalogReady(), { once: true });
  document.documentElement.lang = lang;
  // A Chinese name typed on the start page, in any language.
  if (lang !== "zh-CN") document.addEventListener("focusin", declareWholeFont, { once: true });
  return lang;
}

/**
 * The Chinese font, subset to the catalog's characters (client/tools/build-cjk-font.ts), so
 * every machine draws the panels and the board's canvas labels; loaded before the first page
 * so the board never draws boxes. Only zh-CN readers download it.
 */
async function loadChineseFont() {
  await import("../../assets/fonts/noto-sans-sc-subset.css");
  // A name typed on the start page may need it before any game screen.
  document.addEventListener("focusin", declareWholeFont, { once: true });
  document.documentElement.classList.add("cjk-font");
  document.fonts.addEventListener("loadingdone", reshapeText);
  await document.fonts.load('16px "Noto Sans SC Subset"', "中文").catch(() => undefined);
}

/**
 * Chromium leaves bold text drawn while its characters' file was on its way as boxes, even once
 * the file has arrived (the start page's 设置 legend, the projector's phase badge): when files
 * have loaded, every element's font is made anew for one style pass, which shapes its text again
 * with them. Nothing is painted in between.
 */
function reshapeText() {
  const root = document.documentElement;
  root.style.fontKerning = "normal";
  void root.offsetWidth;
  root.style.fontKerning = "";
}

/**
 * What people write (names, messages, rulings) may hold any character: the whole font, declared
 * in slices after the system's Chinese fonts (client/styles.css), each fetched for a character
 * shown that nothing before it draws. Not awaited: text already drawn takes it when it comes.
 * Pages in other languages list the subset and the slices after every font of their own.
 */
function declareWholeFont(): Promise<unknown> {
  // Text drawn before its file came stays boxes without it (one listener, however often this runs).
  document.fonts.addEventListener("loadingdone", reshapeText);
  // The slices leave the subset's characters (the commonest) to it: other languages' pages declare it here.
  declared ??= Promise.all([
    document.documentElement.classList.contains("cjk-font") ? undefined : import("../../assets/fonts/noto-sans-sc-subset.css"),
    import("../../assets/fonts/noto-sans-sc-rest.css"),
  ]).then(() => (declaredNow = true), () => undefined);
  return declared;
}
let declared: Promise<unknown> | undefined;
let declaredNow = false;

/**
 * The page's font list, for text drawn on a canvas (the board, the result card): client/styles.css
 * is its one home, so a canvas in the English UI ends with the Chinese fonts as the HTML does,
 * and a zh-CN reader's starts with the subset.
 */
export function pageFont(): string {
  return getComputedStyle(document.body).fontFamily;
}

/**
 * A canvas draws a character whose font file has not come as a box or nothing, and never draws
 * it again by itself: undefined when every file `text` needs in `font` (a canvas font, "bold
 * 17px …") is already in, else a promise of them (declared first, then fetched; resolves on a
 * failure too), after which the canvas draws the text again.
 */
export function canvasFontReady(font: string, text: string): Promise<void> | undefined {
  const declaring = declareWholeFont();
  if (declaredNow && document.fonts.check(font, text)) return undefined;
  return declaring.then(() => document.fonts.load(font, text)).then(() => undefined, () => undefined);
}

/**
 * Every file of the Chinese font (the first screen loads only the files it shows;
 * client/tools/build-cjk-font.ts). Awaited before the game screen, the board and the teaching
 * kit draw: a canvas label drawn before its characters' file arrived stays blank, and HTML drawn
 * meanwhile shows boxes until it arrives. Resolves at once for other languages, whose pages
 * get the whole font's slices declared all the same: a player's name or message may be Chinese
 * there too (client/styles.css names the slices last; a file comes only for a character shown).
 */
export async function chineseFontReady(): Promise<void> {
  declareWholeFont();
  if (!document.documentElement.classList.contains("cjk-font")) return;
  const faces = [...document.fonts].filter((f) => f.family.replace(/"/g, "") === "Noto Sans SC Subset");
  await Promise.all(faces.map((f) => f.load().catch(() => undefined)));
}

/** A language switch (hidden while only one language is offered). */
export function languageSwitch(current = currentLocale()): HTMLElement | null {
  if (OFFERED.length < 2) return null;
  const select = h(
    "select",
    {
      "aria-label": t("app.language"),
      // A redraw of what holds it (the game menu, when the seats' count changes) gives the focus back to it (dom.ts `keepFocus`).
      "data-focus": "language-switch",
      onchange: (e: Event) => {
        const lang = (e.target as HTMLSelectElement).value;
        try {
          window.localStorage.setItem(STORAGE_KEY, lang);
        } catch {
          // Private mode: the choice lasts for this page only.
        }
        const url = new URL(window.location.href);
        url.searchParams.delete("lang");
        window.location.assign(url.toString());
      },
    },
    ...OFFERED.map((l) => h("option", { value: l, selected: l === current, lang: l }, t(`lang.${l}` as Key))),
  );
  return h("label", { class: "language-switch" }, h("span", { class: "sr-only" }, t("app.language")), select);
}
