/**
 * "My country" (a seat's own panel) and the profile of any country (the same blocks, without
 * what the viewer may not see). Metrics carry the latest change and its causes.
 */
import type { CountryView } from "../../shared/engine/views.ts";
import { PERSONALITIES, stanceShown } from "../../shared/engine/vocabulary.ts";
import type { Key } from "../i18n/en.ts";
import { holderRoles, type ClientView } from "../../shared/protocol/view.ts";
import { label, list, render, t, tn } from "../i18n/index.ts";
import { capitalRow, countryMetrics, exposureRows, myCountry, objectives, restrictionsOf, sectorRows } from "../model/country.ts";
import { myAgreements, pendingForMe, restrictionText } from "../model/deals.ts";
import { goodWhenUp, ministriesAside, needsText, num, pct } from "../model/format.ts";
import type { Panel, UiContext } from "./context.ts";
import { glossed } from "./glossary-links.ts";
import { h, replaceChanged } from "./dom.ts";
import { causedChange, causeList, dealCard, details, trendBadge } from "./widgets.ts";

const open = new Set<string>();

/** Capital, an amount with no ceiling, in a row of its own; then the metrics under their 0–100 scale, each with its meter. */
export function metricsTable(view: ClientView, c: CountryView, scope: string) {
  const row = (r: ReturnType<typeof capitalRow>) => {
    const capital = r.key === "capital";
    const why = r.causes.length
      ? details(`${scope}:${c.id}:${r.key}`, open, h("span", {}, causedChange(r.delta, goodWhenUp(r.key)), h("span", { class: "sr-only" }, ` ${t("review.causes")}`)), causeList(r.causes, goodWhenUp(r.key)))
      : trendBadge(0);
    return h(
      "tr",
      {},
      h("th", { scope: "row" }, capital ? t("metric.capital") : label("metric", r.key), capital ? h("span", { class: "hint block" }, t("country.capital.detail", { capital: num(c.capital), income: num(c.income) })) : null),
      h("td", { class: "num" }, capital ? null : h("meter", { min: 0, max: 100, value: r.value, "aria-hidden": "true" }), " ", num(r.value)),
      h("td", {}, why),
    );
  };
  return h(
    "table",
    { class: "metrics" },
    h("caption", { class: "sr-only" }, t("country.metrics")),
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, t("review.metric")), h("th", { scope: "col", class: "num" }, t("country.now")), h("th", { scope: "col" }, t("review.change")))),
    h("tbody", {}, row(capitalRow(view, c))),
    h("tbody", {}, h("tr", { class: "scale" }, h("th", { scope: "colgroup", colspan: "3" }, t("country.scale"))), ...countryMetrics(view, c).map(row)),
  );
}

export function sectorsTable(view: ClientView, c: CountryView) {
  return h(
    "table",
    { class: "sectors" },
    h("caption", {}, t("country.sectors")),
    h(
      "thead",
      {},
      h("tr", {}, h("th", { scope: "col" }, t("country.sector")), h("th", { scope: "col", class: "num" }, t("country.capability")), h("th", { scope: "col", class: "num" }, t("country.chokepoint"))),
    ),
    h(
      "tbody",
      {},
      ...sectorRows(view, c).map((s) =>
        h(
          "tr",
          {},
          h("th", { scope: "row" }, label("sector", s.sector)),
          h("td", { class: "num" }, num(s.capability, 2), " ", s.delta ? trendBadge(s.delta) : null),
          h("td", { class: "num" }, h("span", { class: "bar", style: { width: `${Math.round(s.chokepoint * 60)}px` }, "aria-hidden": "true" }), " ", pct(s.chokepoint)),
        ),
      ),
    ),
  );
}

export function objectivesList(view: ClientView, c: CountryView) {
  const rows = objectives(view, c);
  const pub = rows.filter((o) => !o.secret);
  const secret = rows.find((o) => o.secret);
  const item = (o: (typeof rows)[number]) =>
    h(
      "li",
      { class: o.met ? "met" : "" },
      h("span", { class: "check-mark", "aria-hidden": "true" }, o.met ? "✔" : "○"),
      " ",
      o.text,
      // "…chokepoints. (15 pts)", "…关键节点。（15 分）": the full-width bracket brings its own space.
      t("misc.sentenceJoin"),
      h("span", { class: "muted" }, o.met === null ? t("country.worth", { points: o.points }) : t("country.worthNow", { points: o.points, state: o.met ? t("country.met") : t("country.notMet") })),
      // Why it does not hold yet, on a line of its own ("Kenya's undersea cable is still being built (A12): 1 of 2 rounds done.").
      o.why ? h("span", { class: "hint block" }, render(o.why)) : null,
    );
  return h(
    "div",
    { class: "objectives" },
    h("h3", {}, t("country.objectives")),
    h("ul", {}, ...pub.map(item)),
    secret ? h("div", { class: "secret" }, h("h3", {}, t("country.secret")), h("ul", {}, item(secret))) : null,
  );
}

export function profileHeader(view: ClientView, c: CountryView) {
  const seat = view.seats.find((s) => s.id === c.id);
  // In a team game each name says its ministries ("Zoe (Regulator)"), as the waiting room's list
  // and the top bar do: a phone's top bar has no room for them, and teammates see who does what.
  // A person alone at a team seat also acts for the ministries nobody else holds: it says so.
  const held = seat?.holders.map((x) => holderRoles(x.roles)) ?? [];
  const holders = seat?.holders.map((x, i) => `${x.name}${ministriesAside(view.settings.teams, held[i], held)}`) ?? [];
  return h(
    "div",
    { class: "profile-head" },
    // Who plays a seat (a person or a bot) the next line says; only a country nobody can take is called automated here.
    h("p", {}, h("span", { class: `swatch bloc-${c.bloc}`, "aria-hidden": "true" }), t("country.bloc", { bloc: label("bloc", c.bloc) }), " · ", t("country.stance", { stance: label("stance", stanceShown(c)) }), c.control === "seat" ? null : ` · ${label("control", c.control)}`),
    c.control === "seat" ? h("p", { class: "muted", id: `bot-${c.id}` }, seat?.bot ? botLine(c) : holders.length ? t("country.holders", { holders: list(holders) }) : "") : null,
    c.needs.length ? h("p", {}, c.connected ? t("country.connected") : t("country.notConnected", { needs: needsText(c.needs) })) : null,
    c.falls ? h("p", { class: "warn" }, tn("country.falls", c.falls)) : null,
    h("p", { class: "profile-text" }, c.profile),
  );
}

/** A bot's personality, named and in one sentence: how it bargains (docs/RULES.md §1). */
function botLine(c: CountryView): string {
  const known = (PERSONALITIES as readonly string[]).includes(c.personality);
  return known ? t("country.botAs", { personality: label("report.personality", c.personality), style: t(`country.style.${c.personality}` as Key) }) : t("country.bot");
}

export function restrictionsList(view: ClientView, id: string) {
  const rs = restrictionsOf(view, id);
  if (!rs.length) return null;
  return h(
    "div",
    {},
    h("h3", {}, t("country.restrictions")),
    h("ul", {}, ...rs.map((r) => h("li", {}, restrictionText(view, r)))),
  );
}

export function exposureList(view: ClientView, c: CountryView) {
  const rows = exposureRows(view, c);
  if (!rows.length) return null;
  return h("p", { class: "small" }, h("strong", {}, t("country.exposure"), t("misc.colon")), rows.map((r) => `${r.name} ${pct(r.share)}`).join(t("misc.comma")));
}

/** The seat's one-page brief from the scenario: interests, red lines, first moves; printable on its own. */
export function seatBrief(c: CountryView) {
  const b = c.brief;
  if (!b) return null;
  const print = h("button", { type: "button", class: "link no-print", id: "brief-print" }, t("brief.print"));
  print.addEventListener("click", () => {
    document.body.classList.add("printing-brief");
    window.addEventListener("afterprint", () => document.body.classList.remove("printing-brief"), { once: true });
    window.print();
  });
  return h(
    "section",
    { class: "seat-brief", id: "country-brief", "aria-labelledby": "brief-h" },
    h("h3", { id: "brief-h" }, t("brief.title", { name: c.name })),
    h(
      "dl",
      {},
      h("dt", {}, t("brief.interests")),
      h("dd", {}, ...glossed(b.interests)),
      h("dt", {}, t("brief.redLines")),
      h("dd", {}, ...glossed(b.redLines)),
      h("dt", {}, t("brief.firstMoves")),
      h("dd", {}, ...glossed(b.firstMoves)),
    ),
    print,
  );
}

export class MyCountryPanel implements Panel {
  readonly el = h("div", { class: "panel country-panel" });
  constructor(private ctx: UiContext) {}

  render(view: ClientView) {
    const c = myCountry(view);
    if (!c) return replaceChanged(this.el, h("p", {}, t("misc.none")));
    this.ctx.conn.need("changes");
    this.ctx.conn.need("deals"); // the cards' last word: a step's reason leaves the room state after a second
    const pending = pendingForMe(view);
    const mine = myAgreements(view).filter((a) => !pending.includes(a));
    replaceChanged(
      this.el,
      h("h2", {}, c.name),
      profileHeader(view, c),
      seatBrief(c),
      metricsTable(view, c, "mine"),
      objectivesList(view, c),
      h(
        "section",
        { "aria-labelledby": "pending-h" },
        h("h3", { id: "pending-h" }, t("country.pending"), pending.length ? h("span", { class: "count" }, String(pending.length)) : null),
        pending.length ? h("div", { class: "deal-list" }, ...pending.map((a) => dealCard(this.ctx, view, a, { scope: "mine" }))) : h("p", { class: "muted" }, t("country.pending.none")),
      ),
      h(
        "section",
        { "aria-labelledby": "mine-h" },
        h("h3", { id: "mine-h" }, t("country.mine")),
        mine.length ? h("div", { class: "deal-list" }, ...mine.map((a) => dealCard(this.ctx, view, a, { compact: true, scope: "mine" }))) : h("p", { class: "muted" }, t("country.mine.none")),
      ),
      restrictionsList(view, c.id),
      sectorsTable(view, c),
      exposureList(view, c),
    );
  }
}
