/**
 * Matrix actions: a seat writes a free-form move, the facilitator accepts, refuses or rolls for
 * it (with effects). Players see their own pending ones and every ruled one.
 */
import type { MatrixAction } from "../../shared/engine/types.ts";
import type { ClientView } from "../../shared/protocol/view.ts";
import { label, t, errorText } from "../i18n/index.ts";
import { countryName } from "../model/deals.ts";
import { pct } from "../model/format.ts";
import type { UiContext } from "./context.ts";
import { h, status } from "./dom.ts";
import { effectsEditor } from "./effects-editor.ts";

function matrixItem(view: ClientView, m: MatrixAction) {
  return h(
    "li",
    { class: `matrix matrix-${m.status}` },
    h("p", {}, h("strong", {}, t("matrix.by", { country: countryName(view, m.seat), round: m.round })), " · ", h("span", { class: "badge" }, label("matrix.status", m.status)), m.odds !== undefined ? ` (${t("matrix.odds", { odds: pct(m.odds) })})` : ""),
    h("p", {}, m.text),
    m.note ? h("p", { class: "muted" }, t("matrix.note", { note: m.note })) : null,
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
        if (!reply.ok) status(msg, errorText(reply.error), "error");
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
