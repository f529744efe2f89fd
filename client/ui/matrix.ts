/**
 * Matrix actions: a seat writes a free-form move, the facilitator accepts, refuses or rolls for
 * it (with effects). Players see their own pending ones and every ruled one.
 */
import type { MatrixAction } from "../../shared/engine/types.ts";
import type { ClientView } from "../../shared/protocol/view.ts";
import { label, t } from "../i18n/index.ts";
import { countryName } from "../model/deals.ts";
import { pct } from "../model/format.ts";
import type { UiContext } from "./context.ts";
import { announce, h, status } from "./dom.ts";
import { effectsEditor } from "./effects-editor.ts";

const drafts = new Map<string, string>();

function matrixItem(view: ClientView, m: MatrixAction) {
  return h(
    "li",
    { class: `matrix matrix-${m.status}` },
    h("p", {}, h("strong", {}, t("matrix.by", { country: countryName(view, m.seat), round: m.round })), " · ", h("span", { class: "badge" }, label("matrix.status", m.status)), m.odds !== undefined ? ` (${t("matrix.odds", { odds: pct(m.odds) })})` : ""),
    h("p", {}, m.text),
    m.note ? h("p", { class: "muted" }, t("matrix.note", { note: m.note })) : null,
  );
}

/** The player's form and the list of matrix actions this viewer may see. */
export function matrixSection(ctx: UiContext, view: ClientView) {
  const list = view.matrix ?? [];
  const seat = view.viewer.kind === "seat";
  if (!seat && !list.length) return null;
  let form: HTMLElement | null = null;
  if (seat && view.phase === "negotiation") {
    const text = h("textarea", { id: "matrix-text", rows: 3, maxlength: 600, minlength: 10 });
    text.value = drafts.get(ctx.code) ?? "";
    text.addEventListener("input", () => drafts.set(ctx.code, text.value));
    const msg = h("p", { class: "status" });
    const f = h("form", { class: "matrix-form" }, h("label", { for: "matrix-text" }, t("matrix.text")), text, h("button", { type: "submit", id: "matrix-submit" }, t("matrix.submit")), msg);
    f.addEventListener("submit", async (e) => {
      e.preventDefault();
      const reply = await ctx.conn.act({ type: "matrix", text: text.value });
      if (!reply.ok) return status(msg, reply.error.message, "error");
      drafts.delete(ctx.code);
      text.value = "";
      status(msg, t("matrix.sent"), "ok");
      announce(t("matrix.sent"));
    });
    form = f;
  }
  return h(
    "section",
    { class: "matrix-section", "aria-labelledby": "matrix-h" },
    h("h2", { id: "matrix-h" }, t("matrix.title")),
    seat ? h("p", { class: "muted small" }, t("matrix.intro")) : null,
    form,
    list.length ? h("ul", { class: "matrix-list" }, ...[...list].reverse().map((m) => matrixItem(view, m))) : h("p", { class: "muted" }, t("matrix.none")),
  );
}

const rulingCards = new Map<string, HTMLElement>();

/** The facilitator's rulings on pending actions (each card is built once, so typing survives updates). */
export function matrixRulings(ctx: UiContext, view: ClientView) {
  const pending = (view.matrix ?? []).filter((m) => m.status === "pending");
  for (const id of rulingCards.keys()) if (!pending.some((m) => m.id === id)) rulingCards.delete(id);
  if (!pending.length) return null;
  return h(
    "section",
    { class: "matrix-rulings", "aria-labelledby": "rulings-h" },
    h("h3", { id: "rulings-h" }, t("matrix.pending"), h("span", { class: "count" }, String(pending.length))),
    ...pending.map((m) => {
      const cached = rulingCards.get(m.id);
      if (cached) return cached;
      const odds = h("input", { type: "number", id: `odds-${m.id}`, min: 0, max: 100, step: 5, value: 50 });
      const note = h("input", { type: "text", id: `note-${m.id}`, maxlength: 300 });
      const effects = effectsEditor(view, `rule-${m.id}`);
      const msg = h("p", { class: "status" });
      const rule = async (ruling: "accept" | "refuse" | "roll") => {
        const reply = await ctx.conn.facilitator({
          type: "rule-matrix",
          matrixId: m.id,
          ruling,
          ...(ruling === "roll" ? { odds: Math.max(0, Math.min(1, Number(odds.value) / 100)) } : {}),
          effects: ruling === "refuse" ? [] : effects.value(),
          note: note.value,
        });
        if (!reply.ok) status(msg, reply.error.message, "error");
      };
      const card = h(
        "article",
        { class: "card ruling" },
        matrixItem(view, m),
        h("div", { class: "field" }, h("label", { for: `note-${m.id}` }, t("matrix.noteLabel")), note),
        effects.el,
        h("div", { class: "field inline" }, h("label", { for: `odds-${m.id}` }, t("matrix.oddsLabel")), odds),
        h(
          "div",
          { class: "actions" },
          h("button", { type: "button", class: "primary", onclick: () => rule("accept") }, t("matrix.accept")),
          h("button", { type: "button", onclick: () => rule("roll") }, t("matrix.roll")),
          h("button", { type: "button", class: "danger", onclick: () => rule("refuse") }, t("matrix.refuse")),
        ),
        msg,
      );
      rulingCards.set(m.id, card);
      return card;
    }),
  );
}
