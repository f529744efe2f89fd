/**
 * The end screen: what to do next first (play again, the report, the replay), then the final
 * scores, the table outcome, secret objectives revealed, debrief questions and a result card.
 * On the projector (/CODE/watch, in a class or not, whoever's browser shows it) the room reads
 * the outcome alone: no links nor buttons for the person at the laptop.
 */
import type { ClientView } from "../../shared/protocol/view.ts";
import { t } from "../i18n/index.ts";
import type { Panel, UiContext } from "./context.ts";
import { h, replaceChanged, status } from "./dom.ts";
import { outcomeBox, scoreboard } from "./review-panel.ts";
import { sharedReport } from "../model/report.ts";
import { resultCard, yourResult } from "../model/result-card.ts";
import { crisisText, howItEnded, whoWonText } from "../model/review.ts";
import { DebriefBox } from "./debrief/debrief-box.ts";
import { TicketLinks } from "./debrief/ticket-links.ts";
import { resultCardBox } from "./result-card.ts";
import { ExitTicketBox } from "./exit-ticket.ts";
import { epilogueLink } from "./glossary-links.ts";

export class EndScreen implements Panel {
  readonly el = h("div", { class: "panel end-screen" });
  private debrief: DebriefBox;
  private card?: { key: string; el: HTMLElement };
  private againMsg = h("p", { class: "status", "aria-live": "polite" });
  private exit?: ExitTicketBox;
  /** The facilitator's report link: made once, its ticket renewed on a click when it has run out. */
  private ticketed?: HTMLAnchorElement;
  constructor(private ctx: UiContext) {
    // One report button: the one at the top, not a second in the debrief tools below.
    this.debrief = new DebriefBox({ code: ctx.code, memory: ctx.memory, conn: ctx.conn }, "end-db", false);
  }

  private key(): string | undefined {
    return this.ctx.memory.get(this.ctx.code).facilitator?.key;
  }

  /**
   * The report: a ticketed link for the key this browser holds (its own games), or a share link
   * posted to the table. The facilitator's next step is the debrief: their report is the primary
   * button, "Play again" beside it (a player's primary).
   */
  private reportLink(view: ClientView): HTMLElement | null {
    const key = this.key();
    const attrs = { target: "_blank", rel: "noopener", class: view.viewer.kind === "facilitator" ? "button primary big" : "button", id: "end-report" };
    if (key) {
      if (!this.ticketed) {
        const links = new TicketLinks(this.ctx.code, key, (message) => status(this.againMsg, message, "error"));
        this.ticketed = links.link("html", attrs, t("end.report"));
        void links.refresh();
      }
      return this.ticketed;
    }
    const shared = sharedReport(view.messages, view.code);
    return shared ? h("a", { ...attrs, href: shared }, t("end.report")) : null;
  }

  private replayUrl(view: ClientView): string | undefined {
    if (this.key()) return `/${this.ctx.code}/replay`;
    const shared = sharedReport(view.messages, view.code);
    const token = shared ? new URL(shared, "http://x").searchParams.get("share") : null;
    return token ? `/${this.ctx.code}/replay?share=${encodeURIComponent(token)}` : undefined;
  }

  /** The card is a picture: drawn again only when the scores change. */
  private cardFor(view: ClientView): HTMLElement {
    const card = resultCard(view);
    if (this.card?.key !== card.text) this.card = { key: card.text, el: resultCardBox(card) };
    return this.card.el;
  }

  render(view: ClientView) {
    this.ctx.conn.need("chat");
    const projector = this.ctx.projector;
    const report = projector ? null : this.reportLink(view);
    const replay = projector ? undefined : this.replayUrl(view);
    const secrets = view.countries.filter((c) => c.secret);
    const facilitator = view.viewer.kind === "facilitator";
    // A class's table, on its console or a student's phone: no game is played again, which would
    // be outside the class. Whoever holds the key (the facilitator, or an observer's screen in the
    // teacher's browser) goes back to the class, where the other tables are. A student goes back to the class's join page (/CLASSCODE, the code
    // every table's players already read from GET /api/games/CODE), which keeps her place; first
    // she is pointed to the exit ticket and the debrief (docs/TEACHING.md, "A 50-minute lesson").
    const table = projector ? undefined : this.ctx.classTable;
    const inClass = table && (facilitator || this.key()) ? table : undefined;
    const student = table && !inClass && view.viewer.kind === "seat" ? table : undefined;
    const canAgain = !projector && !!this.ctx.playAgain && !!this.key() && !table;
    const again = inClass
      ? h("a", { href: `/class/${inClass.classCode}`, class: "button big", id: "end-class" }, t("end.backToClass"))
      : student
      ? h("a", { href: `/${student.classCode}`, class: "button big", id: "end-class-page" }, t("end.classPage"))
      : canAgain
      ? h(
          "button",
          {
            type: "button",
            class: facilitator ? "big" : "primary big",
            id: "end-again",
            onclick: async (e: Event) => {
              const button = e.currentTarget as HTMLButtonElement;
              button.disabled = true;
              status(this.againMsg, t("end.again.busy"));
              const result = await this.ctx.playAgain!();
              if (!result.ok) {
                button.disabled = false;
                status(this.againMsg, result.message, "error");
              }
            },
          },
          t("end.again"),
        )
      : null;
    const yours = yourResult(view);
    replaceChanged(
      this.el,
      h("h2", { id: "end-title" }, t("end.title")),
      h("p", { class: view.crisis ? "warn big" : "big" }, view.crisis ? crisisText(view) : endText(view)),
      h("p", { class: "big", id: "end-winner" }, whoWonText(view)),
      // A player's own standing, before the links and the long table: where they came and what they achieved.
      yours ? h("p", { class: "big", id: "end-yours" }, yours) : null,
      projector
        ? null
        : h(
            "nav",
            { class: "end-next", "aria-label": t("end.links") },
            ...(facilitator ? [report, again] : [again, report]),
            replay ? h("a", { href: replay, class: "button", id: "end-replay" }, t("end.replay")) : null,
            h("a", { href: "/", class: "button", id: "end-start" }, t("end.newGame")),
          ),
      // A player keeps their seat in the new game; the facilitator keeps the facilitator's chair.
      canAgain ? h("p", { class: "hint" }, t(view.viewer.kind === "facilitator" ? "end.again.hint.facilitator" : "end.again.hint", { title: view.scenario.title })) : null,
      student ? h("p", { class: "hint", id: "end-class-hint" }, t("end.classPage.hint", { table: student.table })) : null,
      this.againMsg,
      epilogueLink(),
      view.viewer.kind === "seat" ? (this.exit ??= new ExitTicketBox(this.ctx)).el : null,
      outcomeBox(view),
      scoreboard(view, t("end.scores")),
      view.viewer.kind === "seat" ? this.cardFor(view) : null,
      secrets.length ? h("section", {}, h("h3", {}, t("end.secrets")), h("ul", {}, ...secrets.map((c) => h("li", {}, h("strong", { class: "block" }, c.name), c.secret!.text)))) : null,
      view.scenario.debrief.length ? h("section", {}, h("h3", {}, t("end.debrief")), h("ol", { class: "debrief" }, ...view.scenario.debrief.map((q) => h("li", {}, q)))) : null,
      view.viewer.kind === "facilitator" && this.debrief.render(view) ? this.debrief.el : null,
    );
  }
}

function endText(view: ClientView): string {
  const [key, args] = howItEnded(view);
  return key === "end.finished" ? t(key) : t(key, args!);
}

