/** The frame of the debrief pages (archive, replay, compare): a top bar with the way back and the language switch, and the page's main area. */
import { t } from "../../i18n/index.ts";
import { h, replace, type Child } from "../dom.ts";
import { languageSwitch } from "../language.ts";
import "../console/console.css";

export function pageShell(root: HTMLElement, title: string, extra: Child[] = []): HTMLElement {
  const main = h("main", { id: "main", class: "debrief-page" });
  document.title = `${title} · ${t("app.title")}`;
  replace(
    root,
    h("a", { href: "#main", class: "skip" }, t("app.skip.main")),
    h(
      "header",
      { class: "topbar" },
      h("a", { href: "/", class: "brand home-link" }, t("app.title")),
      h("span", { class: "page-title" }, title),
      ...extra,
      h("span", { class: "spacer" }),
      h("a", { href: "/archive", class: "top-link", id: "nav-archive" }, t("archive.title")),
      h("a", { href: "/", class: "top-link", id: "nav-start" }, t("end.newGame")),
      languageSwitch(),
    ),
    main,
  );
  return main;
}

export function loading(el: HTMLElement) {
  replace(el, h("p", { class: "loading" }, t("app.loading")));
}

export function failure(el: HTMLElement, message: string, extra?: Child) {
  replace(el, h("div", { class: "card page-error" }, h("p", { class: "status status-error", role: "alert" }, message), extra ?? null));
}
