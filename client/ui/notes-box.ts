/**
 * Timestamped notes for observers (at their own screen) and hot-wash findings for the
 * facilitator; both land in the facilitator's report (docs/TEACHING.md). The server gives no
 * notes back but in that report (docs/PROTOCOL.md, `note`), so the box lists what this tab saved
 * to this game (client/model/notes.ts): the writer's own notes, never anyone else's.
 */
import { errorText, t } from "../i18n/index.ts";
import { timeOfDay } from "../model/format.ts";
import { savedNotes, saveNote, type SavedNote } from "../model/notes.ts";
import type { UiContext } from "./context.ts";
import { h, replace, status } from "./dom.ts";

/** This tab's storage, or none (a browser that refuses it still sends notes). */
function tabStorage(): Pick<Storage, "getItem" | "setItem"> | undefined {
  try {
    return window.sessionStorage;
  } catch {
    return undefined;
  }
}

export class NotesBox {
  readonly el: HTMLElement;
  private mine = h("ol", { class: "notes-mine" });
  private mineBox: HTMLElement;
  constructor(
    private ctx: UiContext,
    kinds: ("note" | "finding")[],
    options: { open?: boolean } = {},
  ) {
    const text = h("textarea", { id: `notes-text-${kinds.join("-")}`, rows: 2, maxlength: 1000 });
    const kind = kinds.length > 1 ? h("select", { id: `notes-kind-${kinds.join("-")}` }, ...kinds.map((k) => h("option", { value: k }, t(`notes.kind.${k}`)))) : null;
    const msg = h("p", { class: "status", role: "status" });
    const form = h(
      "form",
      { class: "notes-form" },
      h("label", { for: text.id }, kinds.includes("finding") ? t("notes.label.finding") : t("notes.label.note")),
      text,
      kind ? h("label", { for: kind.id, class: "sr-only" }, t("notes.kind")) : null,
      kind,
      h("button", { type: "submit" }, t("notes.save")),
      msg,
    );
    form.addEventListener("submit", async (e) => {
      e.preventDefault();
      if (!text.value.trim()) return status(msg, t("notes.empty"), "error");
      const note = { kind: (kind?.value as "note" | "finding" | undefined) ?? kinds[0]!, text: text.value.trim() };
      const reply = await ctx.conn.note(note);
      if (!reply.ok) return status(msg, errorText(reply.error), "error");
      const at = Date.now();
      saveNote(tabStorage(), ctx.code, { ...note, at, round: ctx.view()?.round ?? 0 });
      text.value = "";
      this.renderMine();
      status(msg, t("notes.saved", { time: timeOfDay(at) }), "ok");
    });
    this.mineBox = h("section", { class: "notes-saved", "aria-labelledby": `notes-mine-${kinds.join("-")}` }, h("h3", { id: `notes-mine-${kinds.join("-")}` }, t("notes.mine")), h("p", { class: "hint" }, t("notes.mine.hint")), this.mine);
    this.renderMine();
    this.el = h("details", { class: "notes-box", open: !!options.open }, h("summary", {}, kinds.includes("finding") ? t("notes.title.finding") : t("notes.title.note")), form, this.mineBox);
  }

  private renderMine() {
    const notes = savedNotes(tabStorage(), this.ctx.code);
    this.mineBox.hidden = !notes.length;
    replace(this.mine, ...notes.map((n: SavedNote) => h("li", {}, h("span", { class: "meta muted small" }, t("notes.mine.when", { time: timeOfDay(n.at), round: n.round }), n.kind === "finding" ? ` · ${t("notes.kind.finding")}` : ""), " ", h("span", { class: "note-text" }, n.text))));
  }
}
