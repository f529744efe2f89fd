/** The end screen: final scores, the table outcome, secret objectives revealed, debrief questions. */
import type { ClientView } from "../../shared/protocol/view.ts";
import { t } from "../i18n/index.ts";
import type { Panel, UiContext } from "./context.ts";
import { h, replace } from "./dom.ts";
import { outcomeBox, scoreboard } from "./review-panel.ts";
import { facilitatorLinks, sharedReport } from "../model/report.ts";
import { DebriefBox } from "./debrief/debrief-box.ts";

export class EndScreen implements Panel {
  readonly el = h("div", { class: "panel end-screen" });
  private debrief: DebriefBox;
  constructor(private ctx: UiContext) {
    this.debrief = new DebriefBox({ code: ctx.code, memory: ctx.memory, conn: ctx.conn }, "end-db");
  }

  /** The facilitator's own link (with the key), or a share link the facilitator posted. */
  private reportUrl(view: ClientView): string | undefined {
    const key = view.viewer.kind === "facilitator" ? this.ctx.memory.get(this.ctx.code).facilitator?.key : undefined;
    return key ? facilitatorLinks(this.ctx.code, key).html : sharedReport(view.messages, view.code);
  }

  render(view: ClientView) {
    const report = this.reportUrl(view);
    const secrets = view.countries.filter((c) => c.secret);
    replace(
      this.el,
      h("h2", { id: "end-title" }, t("end.title")),
      h("p", { class: view.crisis ? "warn big" : "big" }, view.crisis ? t("end.crisis") : t("end.finished")),
      outcomeBox(view),
      scoreboard(view, t("end.scores")),
      secrets.length ? h("section", {}, h("h3", {}, t("end.secrets")), h("ul", {}, ...secrets.map((c) => h("li", {}, h("strong", {}, c.name), ": ", c.secret!.text)))) : null,
      view.scenario.debrief.length ? h("section", {}, h("h3", {}, t("end.debrief")), h("ol", { class: "debrief" }, ...view.scenario.debrief.map((q) => h("li", {}, q)))) : null,
      report ? h("p", {}, h("a", { href: report, target: "_blank", rel: "noopener", class: "button primary", id: "end-report" }, t("end.report"))) : null,
      view.viewer.kind === "facilitator" && this.debrief.render(view) ? this.debrief.el : null,
      h("p", {}, h("a", { href: "/", class: "button" }, t("end.newGame"))),
    );
  }
}
