/**
 * The exit ticket at the end of a game: three short answers each player gives before leaving
 * (docs/TEACHING.md "Exit ticket and gradebook"). They land in the gradebook CSV and in the
 * facilitator's own report. The form keeps what was typed across the end screen's redraws.
 */
import { EXIT_QUESTION_KEYS as QUESTIONS } from "../../shared/protocol/classes.ts";
import { errorText, t } from "../i18n/index.ts";
import type { UiContext } from "./context.ts";
import { h, status } from "./dom.ts";

export class ExitTicketBox {
  readonly el: HTMLElement;
  constructor(ctx: UiContext) {
    const fields = QUESTIONS.map((q, i) => h("textarea", { id: `exit-${i + 1}`, rows: 2, maxlength: 600 }));
    const msg = h("p", { class: "status", role: "status" });
    const submit = h("button", { type: "submit", class: "primary", id: "exit-send" }, t("exit.send"));
    const form = h(
      "form",
      { class: "exit-ticket card", "aria-labelledby": "exit-h" },
      h("h3", { id: "exit-h" }, t("exit.title")),
      // A Play-now game has nobody running it to read the answers.
      h("p", { class: "hint", id: "exit-intro" }, t(ctx.memory.quickGame(ctx.code) ? "exit.intro.quick" : "exit.intro")),
      ...fields.map((f, i) => h("div", { class: "field" }, h("label", { for: f.id }, t(QUESTIONS[i]!)), f)),
      submit,
      msg,
    );
    form.addEventListener("submit", async (e) => {
      e.preventDefault();
      if (fields.every((f) => !f.value.trim())) return status(msg, t("exit.empty"), "error");
      submit.disabled = true;
      const reply = await ctx.conn.exitTicket({ answers: fields.map((f) => f.value.trim()) });
      submit.disabled = false;
      if (reply.ok) status(msg, t("exit.done"), "ok");
      else status(msg, errorText(reply.error), "error");
    });
    this.el = form;
  }
}
