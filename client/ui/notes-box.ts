/**
 * Timestamped notes for observers (on the projector or their own screen) and hot-wash
 * findings for the facilitator; both land in the facilitator's report (docs/TEACHING.md).
 */
import { errorText, t } from "../i18n/index.ts";
import type { UiContext } from "./context.ts";
import { h, status } from "./dom.ts";

export class NotesBox {
  readonly el: HTMLElement;
  constructor(ctx: UiContext, kinds: ("note" | "finding")[]) {
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
      const reply = await ctx.conn.note({ kind: (kind?.value as "note" | "finding" | undefined) ?? kinds[0]!, text: text.value.trim() });
      if (!reply.ok) return status(msg, errorText(reply.error), "error");
      text.value = "";
      status(msg, t("notes.saved", { time: new Date().toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" }) }), "ok");
    });
    this.el = h("details", { class: "notes-box" }, h("summary", {}, kinds.includes("finding") ? t("notes.title.finding") : t("notes.title.note")), form);
  }
}
