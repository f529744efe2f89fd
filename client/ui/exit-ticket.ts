/**
 * The exit ticket at the end of a game: three short answers each player gives before leaving
 * (docs/TEACHING.md "Exit ticket and gradebook"). They land in the gradebook CSV and in the
 * facilitator's own report. The form keeps what was typed across the end screen's redraws, and
 * a reloaded end screen fills it with what this person handed in before (`my-exit-ticket`,
 * docs/PROTOCOL.md). A box neither filled from there nor typed in is sent as null, which keeps
 * the answer handed in before: a hand-in never blanks an answer the student did not touch.
 */
import { EXIT_QUESTION_KEYS as QUESTIONS } from "../../shared/protocol/classes.ts";
import { errorText, t } from "../i18n/index.ts";
import type { UiContext } from "./context.ts";
import { h, narrow, status } from "./dom.ts";

/** Tries to read the earlier answers this often, a few seconds apart (a reload may land mid-reconnection). */
const LOAD_TRIES = 5;

export class ExitTicketBox {
  readonly el: HTMLElement;
  /** Per box: what it shows is the student's to send (typed in, or filled from their earlier hand-in). */
  private known: boolean[] = QUESTIONS.map(() => false);
  private fields: HTMLTextAreaElement[];
  private msg = h("p", { class: "status", role: "status" });
  private sent = false;

  constructor(private ctx: UiContext) {
    const fields = (this.fields = QUESTIONS.map((q, i) => h("textarea", { id: `exit-${i + 1}`, rows: 2, maxlength: 600 })));
    fields.forEach((f, i) => f.addEventListener("input", () => (this.known[i] = true)));
    const msg = this.msg;
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
    // On a phone the reply lands under the button, which may sit just above the tab bar: brought
    // into view (the page's scroll padding keeps it clear of the bar), as the message box's is.
    const say = (text: string, kind: "ok" | "error") => {
      status(msg, text, kind);
      if (narrow()) requestAnimationFrame(() => msg.scrollIntoView({ block: "nearest" }));
    };
    form.addEventListener("submit", async (e) => {
      e.preventDefault();
      if (fields.every((f) => !f.value.trim())) return say(t("exit.empty"), "error");
      submit.disabled = true;
      const reply = await ctx.conn.exitTicket({ answers: fields.map((f, i) => (this.known[i] ? f.value.trim() : null)) });
      submit.disabled = false;
      if (reply.ok) {
        this.sent = true;
        say(t("exit.done"), "ok");
      } else say(errorText(reply.error), "error");
    });
    this.el = form;
    void this.load();
  }

  /** Fills the boxes the student has not typed in with what they handed in before, and says it was handed in. */
  private async load(): Promise<void> {
    for (let i = 0; i < LOAD_TRIES; i++) {
      const reply = await this.ctx.conn.myExitTicket();
      if (reply.ok) {
        const answers = reply.answers;
        if (!answers) return;
        this.fields.forEach((f, j) => {
          if (this.known[j]) return;
          f.value = answers[j] ?? "";
          this.known[j] = true;
        });
        if (!this.sent) status(this.msg, t("exit.handedIn"), "ok");
        return;
      }
      // Not a player (cannot happen on a seat's end screen) or the store failed: nothing to show.
      if (!reply.error.code.startsWith("client/")) return;
      await new Promise((r) => setTimeout(r, 2000));
    }
  }
}
