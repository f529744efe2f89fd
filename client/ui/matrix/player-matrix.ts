/**
 * A player's free-form ("matrix") actions: a form in three parts — we do X, so that Y,
 * because Z — checked before sending, and the list of this seat's submissions with the
 * facilitator's rulings, then the rulings on other seats' actions. Observers and the
 * facilitator see the ruled actions only. Built once per game screen; the form keeps what is
 * typed across updates.
 */
import type { MatrixAction } from "../../../shared/engine/types.ts";
import type { ClientView } from "../../../shared/protocol/view.ts";
import { t, errorText } from "../../i18n/index.ts";
import { countryName } from "../../model/deals.ts";
import { describeEffects } from "../../model/inject.ts";
import { canSubmitMatrix, composeMatrix, matrixLists, matrixProblems, rulingText, splitMatrix, type MatrixParts } from "../../model/matrix.ts";
import type { UiContext } from "../context.ts";
import { announce, h, replace, status } from "../dom.ts";
import { field, markProblems, problemsSummary, refusal } from "../console/form-kit.ts";
import "../console/console.css";

class PlayerMatrix {
  readonly el = h("section", { class: "matrix-section player-matrix", "aria-labelledby": "pm-h" });
  private formBox = h("div", {});
  private mineBox = h("div", {});
  private othersBox = h("div", {});
  private form?: HTMLFormElement;
  private drawn = "";
  private formState = "";
  /** The form's "Sent. The facilitator will rule on it.", which goes once the ruling has come. */
  private sentMsg?: HTMLElement;

  constructor(private ctx: UiContext) {
    this.el.append(h("h2", { id: "pm-h" }, t("matrix.title")), this.formBox, this.mineBox, this.othersBox);
  }

  private buildForm(): HTMLFormElement {
    const part = (key: keyof MatrixParts, rows: number) => h("textarea", { id: `pm-${key}`, rows, maxlength: 560 });
    const action = part("action", 2);
    const aim = part("aim", 2);
    const reason = part("reason", 2);
    const top = h("p", { class: "status" });
    const preview = h("p", { class: "matrix-preview small", "aria-live": "polite" });
    const msg = h("p", { class: "status", "aria-live": "polite" });
    this.sentMsg = msg;
    const parts = (): MatrixParts => ({ action: action.value, aim: aim.value, reason: reason.value });
    const form: HTMLFormElement = h(
      "form",
      { class: "matrix-form", novalidate: true },
      h("p", { class: "muted small" }, t("pmatrix.intro")),
      top,
      field("action", t("pmatrix.action"), action, { hint: t("pmatrix.action.hint") }),
      field("aim", t("pmatrix.aim"), aim, { hint: t("pmatrix.aim.hint") }),
      field("reason", t("pmatrix.reason"), reason, { hint: t("pmatrix.reason.hint") }),
      h("div", { "data-problem": "form" }, preview),
      h("div", { class: "actions" }, h("button", { type: "submit", class: "primary", id: "pm-submit" }, t("matrix.submit"))),
      msg,
    );
    const refresh = () => {
      const p = parts();
      preview.textContent = p.action.trim() ? t("pmatrix.preview", { text: composeMatrix(p) }) : "";
      if (form.dataset.tried) problemsSummary(top, markProblems(form, matrixProblems(p) as Record<string, string>));
    };
    form.addEventListener("input", refresh);
    form.addEventListener("submit", async (e) => {
      e.preventDefault();
      const p = parts();
      const problems = matrixProblems(p) as Record<string, string>;
      if (Object.keys(problems).length) {
        form.dataset.tried = "1";
        problemsSummary(top, markProblems(form, problems, true));
        return;
      }
      const button = form.querySelector<HTMLButtonElement>("#pm-submit")!;
      button.disabled = true;
      const reply = await this.ctx.conn.act({ type: "matrix", text: composeMatrix(p) });
      button.disabled = false;
      if (!reply.ok) return refusal(msg, errorText(reply.error));
      action.value = "";
      aim.value = "";
      reason.value = "";
      delete form.dataset.tried;
      markProblems(form, {});
      top.textContent = "";
      refresh();
      status(msg, t("matrix.sent"), "ok");
      announce(t("matrix.sent"));
    });
    return form;
  }

  render(view: ClientView) {
    // A quick game this browser made ("Play now") has no facilitator to rule on an action: it would wait for ever.
    const ruled = !this.ctx.memory.quickGame(this.ctx.code);
    const can = ruled && canSubmitMatrix(view);
    const seated = view.viewer.kind === "seat" && view.phase !== "ended";
    const formState = can ? "form" : !seated ? "none" : ruled ? "not-now" : "no-facilitator";
    if (formState !== this.formState) {
      this.formState = formState;
      if (can) this.form ??= this.buildForm();
      const note = formState === "not-now" ? "pmatrix.notNow" : formState === "no-facilitator" ? "pmatrix.noFacilitator" : undefined;
      replace(this.formBox, can ? this.form : note ? h("p", { class: "muted small", id: "pm-note" }, t(note)) : null);
    }
    const { mine, others } = matrixLists(view);
    // Redrawn only when a submission or a ruling changed (the Deals panel renders on every patch).
    const sig = JSON.stringify([view.viewer.kind, mine, others]);
    if (sig === this.drawn) return;
    this.drawn = sig;
    if (this.sentMsg?.classList.contains("status-ok") && !mine.some((m) => m.status === "pending")) this.sentMsg.textContent = "";
    replace(
      this.mineBox,
      view.viewer.kind === "seat" ? h("h3", {}, t("pmatrix.yours")) : null,
      view.viewer.kind === "seat" ? (mine.length ? h("ul", { class: "matrix-list" }, ...mine.map((m) => matrixItem(view, m, true))) : h("p", { class: "muted small" }, t("pmatrix.yours.none"))) : null,
    );
    replace(
      this.othersBox,
      others.length ? h("h3", {}, view.viewer.kind === "seat" ? t("pmatrix.others") : t("ruling.announced")) : null,
      others.length ? h("ul", { class: "matrix-list" }, ...others.map((m) => matrixItem(view, m, false))) : null,
    );
  }
}

/** The three parts of an action, or its sentence when it was written another way. */
export function argument(m: Pick<MatrixAction, "text">) {
  const p = splitMatrix(m.text);
  if (!p.aim && !p.reason) return h("p", { class: "matrix-text" }, m.text);
  return h(
    "dl",
    { class: "matrix-parts" },
    h("dt", {}, t("pmatrix.action")),
    h("dd", {}, p.action),
    h("dt", {}, t("pmatrix.aim")),
    h("dd", {}, p.aim),
    h("dt", {}, t("pmatrix.reason")),
    h("dd", {}, p.reason),
  );
}

/** One action in a list: whose (or "yours"), its ruling, the argument, the facilitator's note and the effects. */
export function matrixItem(view: ClientView, m: MatrixAction, mine: boolean) {
  return h(
    "li",
    { class: `matrix matrix-${m.status}`, id: `pm-item-${m.id}` },
    h(
      "p",
      { class: "matrix-head" },
      h("strong", {}, mine ? t("pmatrix.mine", { id: m.id, round: m.round }) : t("matrix.by", { country: countryName(view, m.seat), round: m.round })),
      " ",
      h("span", { class: `badge ruling-${m.status}` }, rulingText(m)),
    ),
    argument(m),
    m.note ? h("p", { class: "small" }, t("matrix.note", { note: m.note })) : null,
    m.effects.length ? h("p", { class: "small muted" }, t(m.status === "failed" ? "ruling.effects.failed" : "ruling.effects", { effects: describeEffects(view, m.effects) })) : null,
  );
}

const panels = new WeakMap<UiContext, PlayerMatrix>();

/** The section for the Deals panel (null for viewers with nothing to see). */
export function playerMatrix(ctx: UiContext, view: ClientView): HTMLElement | null {
  if (view.viewer.kind !== "seat" && !(view.matrix ?? []).some((m) => m.status !== "pending")) return null;
  let p = panels.get(ctx);
  if (!p) {
    p = new PlayerMatrix(ctx);
    panels.set(ctx, p);
  }
  p.render(view);
  return p.el;
}
