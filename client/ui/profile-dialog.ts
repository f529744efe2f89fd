/** A country's profile in a dialog: opened from the map, the World panel or any country link. */
import type { ClientView } from "../../shared/protocol/view.ts";
import { t } from "../i18n/index.ts";
import type { UiContext } from "./context.ts";
import { h, replace, replaceChanged, status } from "./dom.ts";
import { askBot } from "./widgets.ts";
import { exposureList, metricsTable, objectivesList, profileHeader, restrictionsList, sectorsTable } from "./country-panel.ts";
import { glossTree } from "./glossary-links.ts";

export class ProfileDialog {
  readonly dialog = h("dialog", { class: "profile", "aria-labelledby": "profile-title" });
  private country?: string;
  private returnFocus?: HTMLElement | null;

  constructor(private ctx: UiContext) {
    this.dialog.addEventListener("close", () => {
      this.country = undefined;
      this.ctx.highlight(undefined);
      this.returnFocus?.focus();
    });
    this.dialog.addEventListener("click", (e) => {
      if (e.target === this.dialog) this.dialog.close();
    });
    document.body.append(this.dialog);
  }

  open(view: ClientView, id: string, from?: HTMLElement | null) {
    this.country = id;
    this.ask = undefined;
    // A fresh opening starts from an empty dialog: nothing of the last one is kept.
    replace(this.dialog);
    this.returnFocus = from ?? (document.activeElement as HTMLElement | null);
    this.render(view);
    if (!this.dialog.open) this.dialog.showModal();
    (this.dialog.querySelector(".close") as HTMLElement | null)?.focus();
  }

  get isOpen(): boolean {
    return this.dialog.open;
  }

  /**
   * "What would it take?" on a bot's country: the deal with me it values most, as a draft to
   * send. Made once per opening, so the answer stays while the view updates around it.
   */
  private askBlock(view: ClientView, id: string) {
    if (view.phase !== "negotiation" || view.viewer.kind !== "seat" || view.viewer.seat === id || !view.seats.some((s) => s.id === id && s.bot)) return null;
    if (this.ask?.id !== id) {
      const msg = h("p", { class: "status", "aria-live": "polite" });
      const out = h("div", {});
      const say = (text: string, kind: "ok" | "error" | "info") => status(msg, text, kind);
      const button = h("button", { type: "button", id: `ask-country-${id}` }, t("deals.ask"));
      button.addEventListener("click", () => void askBot(this.ctx, this.view ?? view, id, undefined, button, out, say));
      this.ask = { id, el: h("div", { class: "ask-country" }, button, msg, out) };
    }
    return this.ask.el;
  }
  private ask?: { id: string; el: HTMLElement };
  private view?: ClientView;

  render(view: ClientView) {
    if (!this.country) return;
    this.view = view;
    const c = view.countries.find((x) => x.id === this.country);
    if (!c) return;
    this.ctx.conn.need("changes");
    // The ask block is kept across renders: building the new body moves it (and the focus in it,
    // an answer or its "Propose") out of the page before `replaceChanged` can see where the focus
    // was, so it is noted here and put back (the keyboard user stays inside the modal dialog).
    const active = document.activeElement as HTMLElement | null;
    const focusId = active && this.dialog.contains(active) ? active.id : "";
    replaceChanged(
      this.dialog,
      h(
        "div",
        { class: "profile-body" },
        h("header", {}, h("h2", { id: "profile-title" }, c.name), h("button", { type: "button", class: "close", id: "profile-close", "aria-label": t("country.close"), onclick: () => this.dialog.close() }, "✕")),
        profileHeader(view, c),
        this.askBlock(view, c.id),
        metricsTable(view, c, "profile"),
        objectivesList(view, c),
        restrictionsList(view, c.id),
        sectorsTable(view, c),
        exposureList(view, c),
      ),
    );
    if (focusId && document.activeElement !== active) (this.dialog.querySelector(`#${CSS.escape(focusId)}`) as HTMLElement | null)?.focus({ preventScroll: true });
    glossTree(this.dialog);
  }
}
