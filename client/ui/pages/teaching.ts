/**
 * The teaching kit (docs/TEACHING.md, shipped with the page; docs/TEACHING.zh-CN.md for
 * Chinese readers, fetched only by them): objectives, lesson and exercise plans, class mode,
 * seat briefs (printable), glossary and the epilogue. Game text links its terms here
 * (/teaching#term).
 */
import englishKit from "../../../docs/TEACHING.md?raw";
import { currentLocale, t } from "../../i18n/index.ts";
import { parseMarkdown, withHeadingIds, type Block } from "../../model/markdown.ts";
import { h, replace } from "../dom.ts";
import { chineseFontReady, languageSwitch } from "../language.ts";
import { block, contents } from "./how-to-play.ts";

/** The kit in the reader's language (English for a language it is not written in), with the English anchors. */
async function kitBlocks(): Promise<Block[]> {
  const english = parseMarkdown(englishKit);
  if (currentLocale() !== "zh-CN") return english;
  return withHeadingIds(parseMarkdown((await import("../../../docs/TEACHING.zh-CN.md?raw")).default), english);
}

export async function mountTeaching(root: HTMLElement) {
  document.title = `${t("kit.title")} · ${t("app.title")}`;
  // The kit in Chinese draws on most of the Chinese font's files: all of them arrive before the
  // page is drawn (Chromium left a heading drawn while its file was on its way as boxes).
  const [kit] = await Promise.all([kitBlocks(), chineseFontReady()]);
  const blocks = kit.filter((b, i) => !(i === 0 && b.kind === "heading"));
  const sections = blocks.filter((b): b is Extract<Block, { kind: "heading" }> => b.kind === "heading" && b.level === 2);
  replace(
    root,
    h("a", { href: "#main", class: "skip" }, t("app.skip.main")),
    h(
      "header",
      { class: "topbar page-bar" },
      h("a", { href: "/", class: "brand home-link" }, t("app.title")),
      h("span", { class: "spacer" }),
      // On a phone the brand is hidden: this is the way home there (as on How to play).
      h("a", { href: "/", class: "top-link", id: "kit-home" }, t("end.newGame")),
      h("button", { type: "button", class: "top-link", onclick: () => window.print() }, t("kit.print")),
      languageSwitch(),
    ),
    h(
      "main",
      { id: "main", class: "howto teaching" },
      h("h1", {}, t("kit.title")),
      contents(t("kit.contents"), sections),
      h("article", { class: "howto-rules" }, ...blocks.map(block)),
    ),
  );
  // A link to a term or a brief lands on it once the page exists.
  const target = decodeURIComponent(window.location.hash.slice(1));
  if (target) requestAnimationFrame(() => document.getElementById(target)?.scrollIntoView());
}
