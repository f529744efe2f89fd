/**
 * The Table tab of the projector and of an observer's own screen: the table's metrics,
 * agreements in force, the plenary, the latest rulings, the scoreboard — all public, nothing private. On the
 * projector in type large enough for a room, and no note box (the room would read it); at an
 * observer's screen their note box comes first, with the notes they saved.
 */
import type { ClientView } from "../../shared/protocol/view.ts";
import type { Message } from "../../shared/engine/types.ts";
import { label, render, t, tn } from "../i18n/index.ts";
import { author, messageText, messagesIn } from "../model/channels.ts";
import { describeDeal } from "../model/deals.ts";
import type { Panel, UiContext } from "./context.ts";
import { emojiText } from "./emoji.ts";
import { followEnd, h, KeyedRows, replaceChanged, setText } from "./dom.ts";
import { outcomeBox, scoreboard } from "./review-panel.ts";
import { tableMetricsList } from "./world-panel.ts";
import { NotesBox } from "./notes-box.ts";
import { fewCauses, groupChanges, type ChangeRow } from "../model/review.ts";
import { causeAmount, goodWhenUp } from "../model/format.ts";
import { causedChange, changeRange } from "./widgets.ts";
import { matrixLists } from "../model/matrix.ts";
import { matrixItem } from "./matrix/player-matrix.ts";

/** The plenary's latest lines the Table tab keeps; its box scrolls them (client/class.css). */
const PLENARY_LINES = 30;

export class ObserverPanel implements Panel {
  readonly el = h("div", { class: "panel observer-panel" });
  private notes?: NotesBox;
  /**
   * The plenary and the broadcasts: one list kept across redraws, a box of its own that scrolls
   * when it outgrows it and stays at its newest line while its reader is there (`followEnd`).
   */
  // A list, not role "log": an <ol> may not take that role, and its lines would stop being list items.
  private plenaryLog = h("ol", { class: "messages plenary-log", "aria-live": "polite", tabindex: 0, "aria-labelledby": "obs-plenary" });
  private follow = followEnd(this.plenaryLog);
  private plenaryEmpty = h("p", { class: "muted" });
  private plenaryHead = h("h2", { id: "obs-plenary" });
  /**
   * The plenary's section, kept too and given to the panel as it is: built anew around the kept
   * list, it would take the list out of the page on every render, and the panel would be drawn
   * whole on every patch (dom.ts `replaceChanged`), its outcome and metrics replaced under a reader.
   */
  private plenarySection = h("section", { "aria-labelledby": "obs-plenary" }, this.plenaryHead, this.plenaryEmpty);
  private plenaryLines = new KeyedRows<{ m: Message; view: ClientView }>(
    ({ m }) => String(m.id),
    ({ m, view }) => `${m.deleted ? 1 : 0}|${author(view, m)}|${messageText(m)}`,
    ({ m, view }) => h("li", { class: `message${m.from.facilitator ? " facilitator" : ""}` }, h("span", { class: "meta" }, h("span", { class: "who" }, author(view, m))), m.deleted ? h("span", { class: "text deleted" }, t("mod.deleted")) : h("span", { class: "text" }, ...emojiText(messageText(m)))),
  );
  constructor(readonly ctx: UiContext) {
    if (!ctx.projector) this.notes = new NotesBox(ctx, ["note"], { open: true });
  }

  render(view: ClientView) {
    this.ctx.conn.need("chat");
    this.ctx.conn.need("changes");
    // A deal signed this round takes force at the resolution: listed apart, as the players' World tab lists it.
    const inForce = view.agreements.filter((a) => a.status === "in-force");
    const signed = view.agreements.filter((a) => a.status === "signed");
    const deals = (list: typeof inForce) => h("ul", { class: "obs-deals" }, ...list.map((a) => h("li", {}, h("strong", {}, `${label("type", a.type)}: `), describeDeal(a))));
    const plenary = [...messagesIn(view, "plenary"), ...messagesIn(view, "broadcast")].sort((a, b) => a.id - b.id).slice(-PLENARY_LINES);
    this.plenaryLines.update(
      this.plenaryLog,
      plenary.map((m) => ({ m, view })),
    );
    setText(this.plenaryHead, t("obs.plenary"));
    setText(this.plenaryEmpty, t("talks.empty"));
    const list = plenary.length ? this.plenaryLog : this.plenaryEmpty;
    if (this.plenarySection.lastElementChild !== list) this.plenarySection.lastElementChild!.replaceWith(list);
    // This round's latest rulings: an older round's would read as news in the one after.
    const rulings = matrixLists(view).others.filter((m) => m.round === view.round).slice(0, 3);
    const review = view.phase === "review";
    // The review names the round's deals (whatChanged), those that ended at its resolution too.
    if (review) this.ctx.conn.need("deals");
    const outcome = outcomeBox(view, this.ctx.projector);
    const redrawn = replaceChanged(
      this.el,
      this.notes?.el,
      // In the review: the targets met or missed (short, in the room's view without scrolling),
      // then what changed and who caused it.
      review ? outcome : null,
      review ? whatChanged(view) : null,
      review ? scoreboard(view) : null,
      tableMetricsList(view, "obs"),
      review ? null : outcome,
      h(
        "section",
        { "aria-labelledby": "obs-live" },
        h("h2", { id: "obs-live" }, t("obs.inForce")),
        inForce.length ? deals(inForce) : h("p", { class: "muted" }, t("obs.inForce.none")),
      ),
      signed.length ? h("section", { "aria-labelledby": "obs-signed" }, h("h2", { id: "obs-signed" }, t("world.signed")), deals(signed)) : null,
      this.plenarySection,
      // The facilitator's latest rulings, announced to all: the room reads them here, not only under Deals.
      rulings.length ? h("section", { "aria-labelledby": "obs-rulings" }, h("h2", { id: "obs-rulings" }, t("ruling.announced")), h("ul", { class: "matrix-list" }, ...rulings.map((m) => matrixItem(view, m, false)))) : null,
      review ? null : scoreboard(view),
    );
    // Put back in the panel, the log shows its newest line again (or where its reader left it).
    if (redrawn) this.follow.restore();
  }

  /** Back on screen (the Table tab chosen again): the plenary at its newest line. */
  shown() {
    this.follow.restore();
  }
}

/** A change's largest causes as a room reads them, the rest as one line (client/model/review.ts `fewCauses`). */
function causeLines(causes: ChangeRow["causes"]): string[] {
  return fewCauses(causes).map((c) => `${causeAmount(c.amount)} ${c.label ? render(c.label) : tn("proj.otherCauses", c.others)}`);
}

/**
 * The review on a projector: the table's changes, then the biggest moves of any country, each
 * with its largest causes (the deal, the event or the country behind it), in words a room reads.
 */
function whatChanged(view: ClientView) {
  const groups = groupChanges(view, view.round, true);
  const line = (name: string, r: ChangeRow, range = changeRange(r.from, r.to)) =>
    h(
      "li",
      {},
      h("strong", {}, name ? t("metric.ofCountry", { country: name, metric: r.label }) : r.label),
      " ",
      causedChange(range.change, goodWhenUp(r.key)),
      " ",
      h("span", { class: "muted" }, range.text),
      r.causes.length ? h("ul", { class: "proj-causes" }, ...causeLines(r.causes).map((line) => h("li", {}, line))) : null,
    );
  const moves = groups.others
    .flatMap((g) => g.rows.filter((r) => !r.key.startsWith("capability:") && r.key !== "capital").map((r) => ({ name: g.name, r })))
    .sort((a, b) => Math.abs(b.r.delta) - Math.abs(a.r.delta))
    .slice(0, 4);
  return h(
    "section",
    { class: "proj-changed", "aria-labelledby": "proj-changed-h" },
    h("h2", { id: "proj-changed-h" }, t("proj.changed", { round: view.round })),
    groups.table.rows.length ? h("ul", { class: "proj-changes" }, ...groups.table.rows.map((r) => line("", r))) : h("p", { class: "muted" }, t("review.noChange")),
    moves.length ? h("h3", {}, t("proj.moves")) : null,
    moves.length ? h("ul", { class: "proj-changes" }, ...moves.map((m) => line(m.name, m.r))) : null,
  );
}
