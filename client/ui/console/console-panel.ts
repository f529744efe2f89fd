/**
 * The facilitator console (the control cell's god view), a wide tab of the game screen with
 * five parts: Overview (pace, round timeline, every seat, a seat's drill-down), Injects, Matrix
 * (the queue of free-form actions to rule on), Rules & seats (communication rules, seat
 * management, broadcast) and Debrief (report, exports, share links, replay, what-if, archive).
 * It watches every view (even while another tab is open) to know what each seat did last.
 */
import type { ClientView } from "../../../shared/protocol/view.ts";
import { errorText, t } from "../../i18n/index.ts";
import { ActivityLog, recordedActivity } from "../../model/console.ts";
import { actionLog, report } from "../../net/debrief.ts";
import { matrixQueue } from "../../model/matrix.ts";
import type { Panel, UiContext } from "../context.ts";
import { announce, h, keepChildren, replace, setAttr, setText } from "../dom.ts";
import { refusal } from "./form-kit.ts";
import { NotesBox } from "../notes-box.ts";
import { CodeReveal } from "../code-reveal.ts";
import { DebriefBox } from "../debrief/debrief-box.ts";
import { InjectSection } from "./inject-section.ts";
import { MatrixSection } from "./matrix-section.ts";
import { OverviewSection } from "./overview-section.ts";
import { RulesSection } from "./rules-section.ts";
import "./console.css";

export const CONSOLE_PARTS = ["overview", "injects", "matrix", "rules", "debrief"] as const;
export type ConsolePart = (typeof CONSOLE_PARTS)[number];

export class ConsolePanel implements Panel {
  readonly el = h("div", { class: "panel console-panel" });
  private nav = h("div", { class: "console-nav", role: "tablist", "aria-label": t("console.title") });
  private partButtons = new Map<ConsolePart, { el: HTMLButtonElement; name: Text; count: HTMLSpanElement }>();
  private body = h("div", { class: "console-body", role: "tabpanel", id: "con-body" });
  private part: ConsolePart = "overview";
  private log = new ActivityLog();
  private overview: OverviewSection;
  private injects: InjectSection;
  private matrix: MatrixSection;
  private rules: RulesSection;
  private debrief: DebriefBox;
  private ticker: ReturnType<typeof setInterval>;
  private debriefWrap: HTMLElement;
  private noKey = h("p", { class: "muted" }, t("debrief.noKey"));
  /** "Start the game", above every part while the game waits in its lobby: loading the script in Injects, the facilitator need not go back to Overview. */
  private startMsg = h("p", { class: "status", "aria-live": "polite" });
  private startBar = h(
    "div",
    { class: "actions console-start" },
    h("button", { type: "button", id: "con-start", class: "primary", onclick: () => void this.start() }, t("fac.start")),
    this.startMsg,
  );

  constructor(private ctx: UiContext) {
    // One code in sight at a time on the whole console: the seat table's and a seat's drill-down share it.
    const codes = new CodeReveal(() => {
      const v = ctx.view();
      if (v) this.render(v);
    });
    this.overview = new OverviewSection(ctx, this.log, codes);
    this.injects = new InjectSection(ctx);
    this.matrix = new MatrixSection(ctx);
    this.rules = new RulesSection(ctx, codes);
    this.debrief = new DebriefBox({ code: ctx.code, memory: ctx.memory, conn: ctx.conn }, "con-db");
    // The hot wash: findings and notes, timestamped, for the report; then the debrief tools.
    this.debriefWrap = h("div", { class: "console-card" }, new NotesBox(ctx, ["finding", "note"]).el, this.debrief.el);
    this.el.append(h("h2", { class: "sr-only" }, t("console.title")), this.nav, this.startBar, this.body);
    const first = ctx.store.get().view;
    if (first) this.log.observe(first, Date.now());
    void this.loadRecord();
    const stop = ctx.store.subscribe((s, prev) => {
      if (s.status === "idle") {
        stop();
        clearInterval(this.ticker);
        return;
      }
      if (s.view && s.view !== prev.view && s.view.viewer.kind === "facilitator") this.log.observe(s.view, Date.now());
    });
    this.ticker = setInterval(() => {
      const v = ctx.view();
      if (v && this.part === "overview" && this.el.isConnected) this.overview.tick(v);
    }, 500);
  }

  /**
   * Every seat's activity before this page opened, with its real time, from the game's record:
   * the report's timeline and the log (each once; the key opens both). Without it a reloaded
   * console knew only what the room state still held, and no time for any of it.
   */
  private async loadRecord() {
    const key = this.ctx.memory.get(this.ctx.code).facilitator?.key;
    if (!key) return;
    const [got, log] = await Promise.all([report(this.ctx.code, { key }), actionLog(this.ctx.code, key)]);
    const view = this.ctx.view();
    if (!got.ok || !log.ok || !view) return;
    this.log.record(recordedActivity(view, { timeline: got.value.timeline, actions: log.value.actions, times: log.value.times, edition: log.value.setup?.settings.edition }));
    if (this.el.isConnected) this.render(view);
  }

  show(part: ConsolePart) {
    this.part = part;
    const v = this.ctx.view();
    if (v) this.render(v);
  }

  private renderNav(view: ClientView) {
    const pending = matrixQueue(view).pending.length;
    const names: Record<ConsolePart, string> = {
      overview: t("console.part.overview"),
      injects: t("console.part.injects"),
      matrix: t("console.part.matrix"),
      rules: t("console.part.rules"),
      debrief: t("console.part.debrief"),
    };
    // The part buttons are made once and updated in place: rebuilt on every state patch, a
    // click aimed at one could land on a detached button and be lost.
    keepChildren(
      this.nav,
      CONSOLE_PARTS.map((p) => {
        const b = this.partButtons.get(p) ?? this.makePartButton(p);
        const selected = p === this.part;
        const cls = `console-tab${selected ? " selected" : ""}`;
        if (b.el.className !== cls) b.el.className = cls;
        setAttr(b.el, "aria-selected", String(selected));
        setAttr(b.el, "tabindex", selected ? "0" : "-1");
        setText(b.name, names[p]);
        if (p === "matrix" && pending) {
          setText(b.count, String(pending));
          setAttr(b.count, "aria-label", t("misc.aside", { text: pending }));
          if (b.count.parentNode !== b.el) b.el.append(b.count);
        } else b.count.remove();
        return b.el;
      }),
    );
  }

  private makePartButton(p: ConsolePart) {
    const name = document.createTextNode("");
    const count = h("span", { class: "count" });
    const el = h("button", { type: "button", role: "tab", id: `con-part-${p}`, "aria-controls": "con-body" }, name);
    el.addEventListener("click", () => {
      this.show(p);
      // On a phone the parts scroll sideways in one row: the chosen one comes fully into sight
      // (the row alone scrolls; the page stays where it is).
      const row = this.nav.getBoundingClientRect();
      const tab = el.getBoundingClientRect();
      if (tab.left < row.left) this.nav.scrollLeft -= row.left - tab.left;
      else if (tab.right > row.right) this.nav.scrollLeft += tab.right - row.right;
    });
    el.addEventListener("keydown", (e) => {
      const i = CONSOLE_PARTS.indexOf(p);
      const next = e.key === "ArrowRight" ? CONSOLE_PARTS[(i + 1) % CONSOLE_PARTS.length] : e.key === "ArrowLeft" ? CONSOLE_PARTS[(i - 1 + CONSOLE_PARTS.length) % CONSOLE_PARTS.length] : undefined;
      if (!next) return;
      e.preventDefault();
      this.show(next);
      requestAnimationFrame(() => document.getElementById(`con-part-${next}`)?.focus());
    });
    const b = { el, name, count };
    this.partButtons.set(p, b);
    return b;
  }

  private async start() {
    const reply = await this.ctx.conn.facilitator({ type: "start" });
    if (!reply.ok) return refusal(this.startMsg, errorText(reply.error));
    announce(t("console.done.start"));
  }

  render(view: ClientView) {
    this.renderNav(view);
    this.startBar.hidden = view.phase !== "lobby";
    this.body.setAttribute("aria-labelledby", `con-part-${this.part}`);
    let content: HTMLElement;
    switch (this.part) {
      case "overview":
        this.overview.render(view);
        content = this.overview.el;
        break;
      case "injects":
        this.injects.render(view);
        content = this.injects.el;
        break;
      case "matrix":
        this.matrix.render(view);
        content = this.matrix.el;
        break;
      case "rules":
        this.rules.render(view);
        content = this.rules.el;
        break;
      case "debrief":
        content = this.debrief.render(view) ? this.debriefWrap : this.noKey;
        break;
    }
    if (this.body.firstChild !== content) replace(this.body, content);
  }
}
