/**
 * The round review: what changed for me and for the table, each change with its causes in
 * words and numbers; the table outcome (first where no country is mine); the scoreboard; other
 * countries on request.
 */
import type { ClientView } from "../../shared/protocol/view.ts";
import { render, sentence, t } from "../i18n/index.ts";
import { country } from "../../shared/engine/text.ts";
import { missedTargetsCut } from "../../shared/engine/scoring.ts";
import { goodWhenUp, num, signed } from "../model/format.ts";
import { belowZeroNote, capabilityRange, debtNote, defaultReviewRound, finalOutcome, countsHiddenSecrets, groupChanges, lapsedIn, newsOf, outcomeProgress, ownSecret, parApplies, publicOnly, scoreRows, type ChangeGroup } from "../model/review.ts";
import type { Panel, UiContext } from "./context.ts";
import { h, replaceChanged } from "./dom.ts";
import { describeDeal } from "../model/deals.ts";
import { causedChange, causeList, changeRange, details, trendBadge } from "./widgets.ts";

const open = new Set<string>();

/** A row's causes, and under a capital row that ends below zero what took it there and what that means (`belowZeroNote`). */
function belowZeroBody(r: ChangeGroup["rows"][number], subject: string) {
  const causes = causeList(r.causes, goodWhenUp(r.key));
  const note = belowZeroNote(r, subject);
  return note ? h("div", {}, causes, h("p", { class: "small below-zero" }, note)) : causes;
}

export function changeTable(group: ChangeGroup, scope: string, expanded = true) {
  if (!group.rows.length) return h("p", { class: "muted" }, t("review.noChange"));
  const row = (r: ChangeGroup["rows"][number]) => {
    const key = `${scope}:${group.subject}:${r.key}`;
    const range = changeRange(r.from, r.to);
    return details(
      key,
      open,
      h("span", { class: "change-summary" }, h("span", { class: "change-label" }, r.label), " ", causedChange(range.change, goodWhenUp(r.key)), " ", h("span", { class: "muted small change-range" }, range.text)),
      belowZeroBody(r, group.subject),
      expanded && !r.key.startsWith("capability:"),
    );
  };
  // Every sector's capability grows a little each round: several sectors are one line, folded,
  // so a phone's review is not seven rows of "+0.2" before the table's changes.
  const sectors = group.rows.filter((r) => r.key.startsWith("capability:"));
  if (sectors.length < 3) return h("div", { class: "changes" }, ...group.rows.map(row));
  const first = group.rows.indexOf(sectors[0]!);
  const deltas = sectors.map((r) => r.delta);
  const same = deltas.every((d) => d === deltas[0]);
  const folded = details(
    `${scope}:${group.subject}:capabilities`,
    open,
    h(
      "span",
      { class: "change-summary" },
      h("span", { class: "change-label" }, t("review.capabilities", { count: sectors.length })),
      " ",
      same ? trendBadge(deltas[0]!, true) : null,
      " ",
      h("span", { class: "muted small change-range" }, same ? t("review.capabilities.each") : capabilityRange(deltas)),
    ),
    h("div", { class: "changes" }, ...sectors.map(row)),
  );
  const rest = group.rows.filter((r) => !r.key.startsWith("capability:"));
  return h("div", { class: "changes" }, ...rest.slice(0, first).map(row), folded, ...rest.slice(first).map(row));
}

export function scoreboard(view: ClientView, caption = t("review.scores")) {
  const rows = scoreRows(view);
  const factor = rows.find((r) => r.factor !== 1)?.factor;
  // Par compares final scores: shown once the game is over, when it was played to its end.
  const hasPar = view.phase === "ended" && rows.some((r) => r.vsPar !== undefined);
  const par = hasPar && parApplies(view);
  const secret = ownSecret(view);
  const debt = debtNote(view);
  return h(
    "table",
    { class: "scores" },
    h("caption", {}, caption, publicOnly(view) ? h("span", { class: "muted small block" }, t("review.publicOnly")) : countsHiddenSecrets(view) ? h("span", { class: "muted small block" }, t("review.withSecrets")) : null, factor !== undefined ? h("span", { class: "muted small block" }, t(finalOutcome(view) ? "end.factor" : "end.factor.now", { factor })) : null, par ? h("span", { class: "muted small block" }, t("review.parHint")) : hasPar ? h("span", { class: "muted small block", id: "par-early" }, t("review.parEarly", { round: view.recorded.length, rounds: view.settings.rounds })) : null, debt ? h("span", { class: "muted small block debt-note" }, debt) : null),
    h(
      "thead",
      {},
      h(
        "tr",
        {},
        h("th", { scope: "col", class: "num" }, t("review.rank")),
        h("th", { scope: "col" }, t("end.country")),
        h("th", { scope: "col", class: "num" }, t("review.score")),
        h("th", { scope: "col", class: "num" }, t("review.objectives")),
        par ? h("th", { scope: "col", class: "num", title: t("review.parHint") }, t("review.vsPar")) : null,
      ),
    ),
    h(
      "tbody",
      {},
      ...rows.map((r) =>
        h(
          "tr",
          { class: r.mine ? "mine" : "" },
          // An automated partner takes no rank (docs/RULES.md, "Par").
          h("td", { class: "num" }, r.rank === undefined ? "—" : String(r.rank)),
          h("th", { scope: "row" }, r.name, r.mine ? h("span", { class: "muted" }, t("misc.aside", { text: t("misc.you") })) : null),
          h("td", { class: "num" }, num(r.total)),
          h("td", { class: "num" }, `${r.met}/${r.objectives}`),
          par ? h("td", { class: "num" }, r.vsPar === undefined ? "—" : r.parRank === undefined ? signed(r.vsPar) : t("review.vsParCell", { points: signed(r.vsPar), rank: r.parRank })) : null,
        ),
      ),
    ),
    // The seat's own secret objective, apart from the rows every screen shows alike.
    secret
      ? h(
          "tfoot",
          {},
          // Heading, objective, status each on a line: the objective's text has a colon of its own ("Win the Gulf's AI build-out: finance…").
          h(
            "tr",
            { class: "mine own-secret" },
            h(
              "td",
              { colspan: String(par ? 5 : 4) },
              h("strong", { class: "block" }, t("review.ownSecret")),
              h("span", { class: "block" }, secret.text),
              h("span", { class: "block muted" }, secret.met ? t("review.ownSecret.met", { points: num(secret.points), total: num(secret.totalWith) }) : t("review.ownSecret.open", { points: num(secret.points) })),
            ),
          ),
        )
      : null,
  );
}

/** A target's name: its text up to the first colon ("Resilient supply chains: resilience reaches 50."), or all of it. */
const targetName = (text: string) => text.split(/[:：]\s*/)[0] || text;

/** `compact` (the projector): each target by its name and mark only, so the list fits the screen nobody scrolls. */
export function outcomeBox(view: ClientView, compact = false) {
  const p = outcomeProgress(view);
  const final = finalOutcome(view);
  return h(
    "section",
    { class: `outcome ${p.all ? "met" : "missed"}`, "aria-labelledby": "outcome-h" },
    h("h3", { id: "outcome-h" }, t(final ? "review.outcome.countEnd" : "review.outcome.count", { met: p.met, total: p.total })),
    h(
      "p",
      {},
      p.all ? t(final ? "review.outcome.metEnd" : "review.outcome.met") : sentence(final ? "review.outcome.missedEnd" : "review.outcome.missed", { cut: missedTargetsCut(view.scenario.missedTargetFactor, !final) }),
    ),
    h(
      "ul",
      {},
      ...view.outcome.targets.map((x) =>
        h(
          "li",
          { class: x.met ? "met" : "" },
          h("span", { class: "check-mark", "aria-hidden": "true" }, x.met ? "✔" : "✘"),
          " ",
          compact ? targetName(x.text) : x.text,
          // Compact, the mark says it; a screen reader still hears it.
          h("span", { class: compact ? "sr-only" : "muted" }, t("misc.aside", { text: final ? t(x.met ? "review.target.metEnd" : "review.target.missedEnd") : t(x.met ? "review.target.met" : "review.target.missed") })),
          // Why it is not met, a sentence after the mark's: a space in English, none in Chinese (misc.sentenceJoin).
          !compact && !x.met && x.why ? h("span", { class: "target-why" }, t("misc.sentenceJoin"), render(x.why)) : null,
        ),
      ),
    ),
  );
}

export class ReviewPanel implements Panel {
  readonly el = h("div", { class: "panel review-panel" });
  private round?: number;
  private lastDefault?: number;
  private other = "";
  constructor(readonly ctx: UiContext) {}

  render(view: ClientView) {
    // Rounds with a review, newest last; a record the client lacks is fetched when picked.
    const rounds = view.recorded;
    const def = defaultReviewRound(view);
    // Follow the newest round unless the reader picked an older one.
    if (this.round === undefined || this.round === this.lastDefault || !rounds.includes(this.round)) this.round = def;
    this.lastDefault = def;
    if (this.round === undefined) {
      return replaceChanged(this.el, h("h2", {}, t("tab.review")), h("p", {}, t("review.none")), outcomeBox(view), scoreboard(view));
    }
    const round = this.round;
    // A client that joined later fetches the round's record and the older news when the review shows them.
    this.ctx.conn.needRound(round);
    this.ctx.conn.need("news");
    this.ctx.conn.need("deals"); // a lapsed offer is a deal that left the room state
    // The room never reads a deal card's code: the projector names each deal (client/model/deals.ts namingDeals).
    const groups = groupChanges(view, round, this.ctx.projector);
    const pick = h("select", { id: "review-round" }, ...rounds.map((r) => h("option", { value: r, selected: r === round }, String(r))));
    pick.addEventListener("change", () => {
      this.round = Number(pick.value);
      // The panel may have kept these lists through patches: draw the latest view.
      this.render(this.ctx.view() ?? view);
    });
    const others = h("select", { id: "review-other" }, h("option", { value: "" }, "—"), ...groups.others.map((g) => h("option", { value: g.subject, selected: g.subject === this.other }, g.name)));
    others.addEventListener("change", () => {
      this.other = others.value;
      this.render(this.ctx.view() ?? view);
    });
    const other = groups.others.find((g) => g.subject === this.other);
    const news = newsOf(view, round);
    const lapsed = lapsedIn(view, round);
    // A seat reads what changed for it first; a screen with no country of its own (the projector,
    // an observer, the facilitator) leads with the round's outcome, as the projector's Table tab
    // does, and the projector shows it as compact as there, whole on the screen nobody scrolls.
    const outcome = outcomeBox(view, this.ctx.projector);
    // The outcome and the scoreboard are the game's now; the changes above them are the round's.
    // Read later (the next round's event has moved the numbers), they would disagree unsaid:
    // "resilience 32 to 37.2" above "resilience is 33.2" below.
    const later = view.round !== round || (view.phase !== "review" && view.phase !== "ended");
    const now = later ? h("p", { class: "muted small review-now" }, t("review.outcome.now", { round: view.round, past: round })) : null;
    replaceChanged(
      this.el,
      h("div", { class: "review-head" }, h("h2", {}, t("review.title", { round })), h("div", { class: "field inline" }, h("label", { for: "review-round" }, t("review.round")), pick)),
      groups.mine ? h("section", { "aria-labelledby": "rv-mine" }, h("h3", { id: "rv-mine" }, sentence("review.mine", { country: country(groups.mine.subject) })), changeTable(groups.mine, `r${round}`)) : now,
      groups.mine ? null : outcome,
      h("section", { "aria-labelledby": "rv-table" }, h("h3", { id: "rv-table" }, groups.table.name), changeTable(groups.table, `r${round}`)),
      groups.mine ? now : null,
      groups.mine ? outcome : null,
      scoreboard(view),
      groups.others.length
        ? h(
            "section",
            { "aria-labelledby": "rv-others" },
            h("h3", { id: "rv-others" }, t("review.others")),
            h("div", { class: "field inline" }, h("label", { for: "review-other" }, t("review.showOthers")), others),
            other ? changeTable(other, `r${round}`, false) : null,
          )
        : null,
      lapsed.length
        ? h("section", { "aria-labelledby": "rv-lapsed" }, h("h3", { id: "rv-lapsed" }, t("review.lapsed")), h("ul", { class: "news" }, ...lapsed.map((a) => h("li", {}, t("review.lapsedOffer", { id: a.id, deal: describeDeal(a) })))))
        : null,
      news.length ? h("section", { "aria-labelledby": "rv-news" }, h("h3", { id: "rv-news" }, t("review.news")), h("ul", { class: "news" }, ...news.map((n) => h("li", { class: `news-${n.kind}` }, render(n.text))))) : null,
    );
  }
}
