/**
 * The World panel: the board in words. Every country with its bloc and stance (a button opens
 * its profile), the table metrics, supply arcs, fences and projects the map draws, events,
 * standards and the news. Keyboard users reach every country from here.
 */
import type { ClientView } from "../../shared/protocol/view.ts";
import { label, list, render, t } from "../i18n/index.ts";
import { BOARD_PAST, boardModel } from "../model/board.ts";
import { needRows, needText, tableMetrics } from "../model/country.ts";
import { describeDeal, restrictionText } from "../model/deals.ts";
import { goodWhenUp, meterBands, num, pct } from "../model/format.ts";
import { newsText } from "../model/review.ts";
import type { Panel, UiContext } from "./context.ts";
import { glossed } from "./glossary-links.ts";
import { eventDate } from "./event-date.ts";
import { customEffects } from "./event-strip.ts";
import { sourceLine } from "./source-link.ts";
import { h, replaceChanged } from "./dom.ts";
import { causedChange, causeList, countryLink, details, trendBadge } from "./widgets.ts";
import { stanceShown } from "../../shared/engine/vocabulary.ts";

const open = new Set<string>();

export function tableMetricsList(view: ClientView, scope: string) {
  return h(
    "table",
    { class: "metrics table-metrics" },
    h("caption", {}, t("world.table")),
    h(
      "tbody",
      {},
      ...tableMetrics(view).map((r) =>
        h(
          "tr",
          {},
          h("th", { scope: "row" }, label("metric", r.key), r.key === "divide" || r.key === "tension" ? h("span", { class: "hint block" }, t(`metric.${r.key}.hint` as "metric.divide.hint")) : null),
          h("td", { class: "num" }, h("meter", { min: 0, max: 100, value: r.value, "aria-hidden": "true", ...meterBands(r.key) }), " ", num(r.value)),
          h("td", {}, r.causes.length ? details(`${scope}:${r.key}`, open, causedChange(r.delta, goodWhenUp(r.key)), causeList(r.causes, goodWhenUp(r.key))) : trendBadge(0)),
        ),
      ),
    ),
  );
}

/** A heading and its deals, each with its number and terms (nothing when there are none). */
function dealList(id: string, title: string, deals: ClientView["agreements"], aside: (a: ClientView["agreements"][number]) => string) {
  if (!deals.length) return null;
  return h("section", { "aria-labelledby": id }, h("h3", { id }, title), h("ul", { class: "on-map" }, ...deals.map((a) => h("li", {}, h("strong", {}, `${a.id} `), describeDeal(a), aside(a)))));
}

export class WorldPanel implements Panel {
  readonly el = h("div", { class: "panel world-panel" });
  constructor(private ctx: UiContext) {}

  render(view: ClientView) {
    this.ctx.conn.need("news");
    this.ctx.conn.need("events");
    this.ctx.conn.need("changes");
    for (const part of BOARD_PAST) this.ctx.conn.need(part);
    const board = boardModel(view);
    const me = view.viewer.kind === "seat" ? view.viewer.seat : undefined;
    const standards = view.scenario.standards.filter((s) => view.standards[s.id]);
    replaceChanged(
      this.el,
      h("h2", {}, t("world.title")),
      h(
        "table",
        { class: "countries" },
        h("thead", {}, h("tr", {}, h("th", { scope: "col" }, t("world.name")), h("th", { scope: "col" }, t("world.stance")), h("th", { scope: "col" }, t("world.status")))),
        h(
          "tbody",
          {},
          ...view.countries.map((c) => {
            const seat = view.seats.find((s) => s.id === c.id);
            // Who plays it first (whom a player can talk to), then any projects it needs.
            const who = c.control === "seat" ? (seat?.bot ? t("country.bot") : list(seat?.holders.map((x) => x.name) ?? [])) : t(`world.who.${c.control}`);
            // A country's projects each say whether a loan finances them, and which: bots lend only for an open one.
            const status = [
              who ? h("span", { class: "block who" }, who) : null,
              c.needs.length && c.connected ? h("span", { class: "block" }, t("country.connected")) : null,
              c.needs.length ? h("ul", { class: "needs" }, ...needRows(view, c).map((r) => h("li", { class: `need-${r.state}` }, needText(r)))) : null,
            ];
            return h(
              "tr",
              { class: c.id === me ? "mine" : "" },
              h(
                "th",
                { scope: "row" },
                h("span", { class: `swatch bloc-${c.bloc}`, "aria-hidden": "true" }),
                countryLink(this.ctx, view, c.id),
                c.id === me ? h("span", { class: "muted" }, t("misc.aside", { text: t("misc.you") })) : null,
                h("span", { class: "muted small block" }, label("bloc", c.bloc)),
              ),
              h("td", { class: "small" }, label("stance", stanceShown(c))),
              h("td", { class: "small" }, ...status),
            );
          }),
        ),
      ),
      tableMetricsList(view, "world"),
      // A deal signed this round takes force at the resolution: it is listed apart, and a regime's effectiveness comes then.
      dealList("map-h", t("obs.inForce"), view.agreements.filter((a) => a.status === "in-force"), (a) => (a.type === "export-control" ? t("misc.aside", { text: pct(board.fences.find((f) => f.id === a.id)?.strength ?? 0) }) : "")),
      dealList("signed-h", t("world.signed"), view.agreements.filter((a) => a.status === "signed"), () => ""),
      view.restrictions.length
        ? h(
            "section",
            {},
            h("h3", {}, t("world.restrictions")),
            h("ul", {}, ...view.restrictions.map((r) => h("li", {}, restrictionText(view, r)))),
          )
        : null,
      h(
        "section",
        {},
        h("h3", {}, t("world.standards")),
        standards.length
          ? h("ul", {}, ...standards.map((s) => h("li", {}, t("world.standard", { technology: s.name, option: s.options.find((o) => o.id === view.standards[s.id])?.name ?? view.standards[s.id]! }))))
          : h("p", { class: "muted" }, t("world.noStandards")),
      ),
      view.events.length
        ? h(
            "section",
            {},
            h("h3", {}, t("world.events")),
            h("ul", { class: "events" }, ...[...view.events].reverse().map((e) => h("li", {}, h("p", { class: "event-meta" }, eventDate(e), h("span", { class: "muted" }, ` ${t("event.round", { round: e.round })}`)), h("strong", {}, e.title), h("p", { class: "small" }, ...glossed(e.text)), customEffects(view, e), sourceLine(e.source)))),
          )
        : null,
      view.news.length
        ? h("section", {}, h("h3", {}, t("world.news")), h("ul", { class: "news" }, ...[...view.news].reverse().slice(0, 40).map((n) => h("li", { class: `news-${n.kind}` }, h("span", { class: "muted" }, `${t("report.round.short", { round: n.round })} `), render(newsText(n, view.recorded.includes(n.round)))))))
        : null,
    );
  }
}
