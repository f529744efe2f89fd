/**
 * "How to play": a one-screen summary of a round, then the full rules (docs/RULES.md, shipped
 * with the page; docs/RULES.zh-CN.md for Chinese readers, fetched only by them) with a table
 * of contents. Opened from the start page; the game menu shows the same in a dialog (rulesDialog).
 */
import englishRules from "../../../docs/RULES.md?raw";
import { currentLocale, t } from "../../i18n/index.ts";
import { numbered, parseMarkdown, plain, type Block, type Inline } from "../../model/markdown.ts";
import { sourceLink } from "../../model/source.ts";
import { num } from "../../model/format.ts";
import { CLASSROOM_SCENARIO } from "../../model/lobby.ts";
import { ruleLabel, scenarioNumbers } from "../../model/scenario-numbers.ts";
import { listScenarios } from "../../net/http.ts";
import { h, replace, type Child } from "../dom.ts";
import { languageSwitch } from "../language.ts";

function inlines(parts: Inline[]): Child[] {
  return parts.map((p) => {
    if (p.kind === "strong") return h("strong", {}, p.text);
    if (p.kind === "em") return h("em", {}, p.text);
    if (p.kind === "code") return h("code", {}, p.text);
    if (p.kind === "link") {
      // The documents link each other by file name; on the site the rules are a page.
      if (/^RULES(\.zh-CN)?\.md$/.test(p.href)) return h("a", { href: "/how-to-play" }, p.text);
      if (/^TEACHING(\.zh-CN)?\.md$/.test(p.href)) return h("a", { href: "/teaching" }, p.text);
      const link = sourceLink(p.href);
      return link ? h("a", { href: link.href, rel: "noopener", target: "_blank" }, p.text) : h("a", { href: p.href.startsWith("#") ? p.href : `#${p.href}` }, p.text);
    }
    return p.text;
  });
}

/**
 * The one-minute summary of a round. Each step names its ready button both as the top bar
 * shows it on a laptop and as it reads on a phone (game-screen.ts, phone.css), from the same
 * catalog keys, so the guide never quotes a label the player cannot find.
 */
export function briefSteps(): string[] {
  return (["event", "negotiation", "review"] as const).map((phase) => t(`howto.brief.${phase}`, { long: t(`bar.ready.${phase}`), short: t(`bar.ready.${phase}.short`) }));
}

export function block(b: Block): HTMLElement {
  switch (b.kind) {
    case "heading": {
      // The page has its own h1; the document's levels shift down by one.
      const tag = (["h2", "h2", "h3", "h4", "h4", "h4"] as const)[b.level - 1]!;
      return h(tag, { id: b.id }, ...inlines(b.text));
    }
    case "paragraph":
      return h("p", {}, ...inlines(b.text));
    case "rule":
      return h("hr", {});
    case "list":
      return h(b.ordered ? "ol" : "ul", {}, ...b.items.map((item) => h("li", {}, ...inlines(item.text), item.children ? block(item.children) : null)));
    case "table":
      return h(
        "div",
        { class: "table-scroll", tabindex: 0, role: "region", "aria-label": plain(b.head.flat()) },
        h("table", {}, h("thead", {}, h("tr", {}, ...b.head.map((c) => h("th", { scope: "col" }, ...inlines(c))))), h("tbody", {}, ...b.rows.map((r) => h("tr", {}, ...r.map((c) => h("td", {}, ...inlines(c))))))),
      );
  }
}

/**
 * The table of contents of a document page: each entry's number in a column of its own, so a
 * title that wraps stays beside its number (a list marker sat on the last line of a wrapped
 * link) and a heading that carries its own number ("1. Who is at the table") is not numbered twice.
 */
export function contents(title: string, sections: Extract<Block, { kind: "heading" }>[]): HTMLElement {
  return h(
    "nav",
    { class: "howto-toc", "aria-label": title },
    h("h2", {}, title),
    h(
      "ol",
      {},
      ...sections.map((s, i) => {
        const entry = numbered(plain(s.text), i);
        // The number is drawn by the style sheet (phone.css), so the entry's text is its title alone.
        return h("li", { "data-number": entry.number }, h("a", { href: `#${s.id}` }, entry.text));
      }),
    ),
  );
}

/** The rules in the reader's language (English for a language they are not written in). */
async function rulesText(): Promise<string> {
  return currentLocale() === "zh-CN" ? (await import("../../../docs/RULES.zh-CN.md?raw")).default : englishRules;
}

/**
 * A scenario's own numbers, where they differ from those the rules quote (the Classroom
 * scenario's): read from the scenario's data as the server lists it (client/model/scenario-numbers.ts).
 */
async function numbersCard(scenarioId: string, blocks: Block[]): Promise<HTMLElement | null> {
  const listed = await listScenarios();
  const chosen = listed.ok ? listed.value.find((s) => s.id === scenarioId) : undefined;
  const book = listed.ok ? listed.value.find((s) => s.id === CLASSROOM_SCENARIO) : undefined;
  const card = (...children: Child[]) => h("section", { class: "card howto-numbers", id: "howto-numbers", "aria-labelledby": "howto-numbers-title" }, ...children);
  if (!chosen || !book) return card(h("h2", { id: "howto-numbers-title" }, t("howto.numbers.unknown.title")), h("p", {}, t("howto.numbers.unknown")));
  const title = h("h2", { id: "howto-numbers-title" }, t("howto.numbers.title", { title: chosen.title }));
  if (chosen.id === book.id) return card(title, h("p", {}, t("howto.numbers.same")));
  const rows = scenarioNumbers(chosen.rules, book.rules, (x) => num(x, 2));
  if (!rows.length) return card(title, h("p", {}, t("howto.numbers.none", { title: chosen.title })));
  // Each row links to the section of the rules that explains it.
  const headings = blocks.filter((b): b is Extract<Block, { kind: "heading" }> => b.kind === "heading");
  const sectionLink = (section: string) => {
    const heading = headings.find((b) => new RegExp(`^${section.replace(".", "\\.")}[.\\s]`).test(plain(b.text)));
    return heading ? h("a", { href: `#${heading.id}` }, `§${section}`) : `§${section}`;
  };
  return card(
    title,
    h("p", {}, t("howto.numbers.intro", { title: chosen.title, book: book.title })),
    h(
      "div",
      { class: "table-scroll", tabindex: 0, role: "region", "aria-labelledby": "howto-numbers-title" },
      h(
        "table",
        {},
        h("thead", {}, h("tr", {}, ...[t("howto.numbers.col.rule"), t("howto.numbers.col.section"), t("howto.numbers.col.book", { title: book.title }), t("howto.numbers.col.scenario", { title: chosen.title })].map((c) => h("th", { scope: "col" }, c)))),
        h("tbody", {}, ...rows.map((r) => h("tr", { "data-rule": r.path }, h("td", {}, h("span", { class: "rule-name" }, ruleLabel(r.path)), " ", h("code", { class: "rule-key small muted block" }, r.path)), h("td", {}, sectionLink(r.section)), h("td", { class: "num" }, r.rulebook), h("td", { class: "num" }, r.scenario)))),
      ),
    ),
  );
}

/** The one-minute summary, the contents and the rules: the page under its title, and the game's rules dialog; `scenario`: the game's or the one chosen, whose own numbers come first. */
async function rulesParts(scenario?: string): Promise<HTMLElement[]> {
  const blocks = parseMarkdown(await rulesText(), { forPlayers: true }).filter((b, i) => !(i === 0 && b.kind === "heading"));
  const sections = blocks.filter((b): b is Extract<Block, { kind: "heading" }> => b.kind === "heading" && b.level === 2);
  return [
    h(
      "section",
      { class: "card howto-brief", "aria-labelledby": "howto-brief" },
      h("h2", { id: "howto-brief" }, t("howto.brief")),
      h("ol", {}, ...briefSteps().map((step) => h("li", {}, step))),
      h("p", {}, t("howto.brief.score")),
    ),
    ...(scenario ? [await numbersCard(scenario, blocks)].filter((x): x is HTMLElement => !!x) : []),
    contents(t("howto.contents"), sections),
    h("article", { class: "howto-rules" }, ...blocks.map(block)),
  ];
}

export async function mountHowToPlay(root: HTMLElement, options: { back?: { href: string; text: string }; scenario?: string } = {}) {
  document.title = `${t("howto.title")} · ${t("app.title")}`;
  const parts = await rulesParts(options.scenario);
  const back = options.back ?? { href: "/", text: t("end.newGame") };
  replace(
    root,
    h("a", { href: "#main", class: "skip" }, t("app.skip.main")),
    h("header", { class: "topbar page-bar" }, h("a", { href: "/", class: "brand home-link" }, t("app.title")), h("span", { class: "spacer" }), h("a", { href: back.href, class: "top-link", id: "howto-back" }, back.text), languageSwitch()),
    h("main", { id: "main", class: "howto" }, h("h1", {}, t("howto.title")), ...parts),
  );
}

/**
 * The rules over the game, opened from its ☰ menu: the player reads them without leaving the
 * game (on a page of their own, a quick game's clock ran out meanwhile and the bots played on).
 * Its links move within it: one to a section scrolls there, one to the rules goes to the top.
 */
export async function rulesDialog(scenario?: string): Promise<HTMLDialogElement> {
  const body = h("div", { class: "rules-scroll howto" }, ...(await rulesParts(scenario)));
  const dialog = h(
    "dialog",
    { class: "rules-dialog", "aria-labelledby": "rules-title" },
    h(
      "div",
      { class: "rules-frame" },
      h("header", {}, h("h2", { id: "rules-title" }, t("howto.title")), h("button", { type: "button", class: "close", id: "rules-close", "aria-label": t("howto.close"), onclick: () => dialog.close() }, "✕")),
      body,
    ),
  );
  dialog.addEventListener("click", (e) => {
    if (e.target === dialog) return dialog.close();
    const link = e.target instanceof Element ? e.target.closest("a") : null;
    const href = link?.getAttribute("href");
    if (!href || link!.target === "_blank") return;
    e.preventDefault();
    if (href.startsWith("#")) body.querySelector(`#${CSS.escape(href.slice(1))}`)?.scrollIntoView();
    else if (link!.pathname === window.location.pathname || link!.pathname === "/how-to-play") body.scrollTop = 0;
    // Another page (the teaching kit): beside the game, never in its place.
    else window.open(link!.href, "_blank", "noopener");
  });
  return dialog;
}
