/**
 * Comparing two or more games of one scenario side by side (class sections, a game and its
 * what-ifs): outcome and agreements per game, each country's score across games, and any
 * metric by round as a line chart (Chart.js, loaded only here) with the same numbers in a
 * table, and the scenario's debrief questions. Uses the server's comparison when one facilitator key opens every game, else puts it
 * together from each game's report.
 */
import type { CompareReply } from "../../../shared/protocol/debrief.ts";
import type { Text } from "../../../shared/engine/text.ts";
import { label, list, sentenceNaming, t, type Key } from "../../i18n/index.ts";
import { commonKey } from "../../model/archive.ts";
import { choiceFromKey, choiceKey, classOf, compareFromReports, gameName, gameRows, sameLines, scoresAcross, seriesAcross, seriesChoices, type SeriesChoice } from "../../model/compare.ts";
import { num } from "../../model/format.ts";
import { hex, OKABE_ITO } from "../../model/palette.ts";
import { compare, report } from "../../net/debrief.ts";
import type { SessionMemory } from "../../net/session-memory.ts";
import { h, replace } from "../dom.ts";
import { failure, loading, pageShell } from "../pages/page-shell.ts";
import { TicketLinks } from "../debrief/ticket-links.ts";

/**
 * A game's report in a new tab: the key buys a ticket as soon as the link is drawn, so the
 * address holds it however the link is opened or copied (never the key in a URL).
 */
function reportLink(code: string, key: string): HTMLElement {
  const links = new TicketLinks(code, key, () => undefined);
  const a = links.link("html", { target: "_blank", rel: "noopener" }, t("archive.report"));
  void links.refresh();
  return a;
}

type Deps = { codes: string[]; memory: SessionMemory };

/** A game's name (a class's "Table 2"), with its code beside it when the name is not the code. */
const named = (g: { code: string; name: string }) => (g.name === g.code ? h("code", {}, g.code) : h("span", {}, g.name, " ", h("code", { class: "muted small" }, g.code)));

const LINE_COLOURS = [OKABE_ITO.blue, OKABE_ITO.vermillion, OKABE_ITO.bluishGreen, OKABE_ITO.orange, OKABE_ITO.reddishPurple, OKABE_ITO.skyBlue, OKABE_ITO.black, 0x8a8f98, OKABE_ITO.yellow, 0x6b4c9a];
const DASHES = [[], [6, 3], [2, 2], [8, 3, 2, 3], [], [6, 3], [2, 2], [8, 3, 2, 3], [], [6, 3]];

/** A game left out of the comparison (its stored log the rules now refuse to replay): its name, code and why, in the reader's language. */
type LeftOut = { code: string; name: string; why: string };

async function load(deps: Deps): Promise<{ ok: true; value: CompareReply; leftOut: LeftOut[] } | { ok: false; message: string }> {
  const keyOf = (code: string) => deps.memory.get(code).facilitator?.key;
  const missing = deps.codes.filter((c) => !keyOf(c));
  if (missing.length) return { ok: false, message: t("compare.noKey", { codes: missing.join(", ") }) };
  const shared = commonKey(keyOf, deps.codes);
  if (shared) {
    const r = await compare(deps.codes, shared);
    if (r.ok) {
      // Why, its countries named as the compared scenario names them.
      const names = new Map(r.value.countries.map((c) => [c.id, c.name]));
      const why = (w: Text) => sentenceNaming({ country: (id) => names.get(id) }, w.key as Key, w.args ?? {});
      return { ok: true, value: r.value, leftOut: (r.value.refused ?? []).map((g) => ({ code: g.code, name: gameName(g), why: why(g.why) })) };
    }
    if (r.status !== 403) return { ok: false, message: r.message };
  }
  const reports = await Promise.all(deps.codes.map((c) => report(c, { key: keyOf(c)! })));
  // A game the rules now refuse to replay is left out and named, as the server's comparison does.
  const leftOut = reports.flatMap((r, i) => (!r.ok && r.code === "game/rules_changed" ? [{ code: deps.codes[i]!, name: deps.codes[i]!, why: r.message }] : []));
  const bad = reports.find((r) => !r.ok && r.code !== "game/rules_changed") ?? (leftOut.length === reports.length ? reports[0] : undefined);
  if (bad && !bad.ok) return { ok: false, message: bad.message };
  const got = compareFromReports(reports.map((r) => (r.ok ? r.value : null)).filter((r) => r !== null));
  return got.ok ? { ...got, leftOut } : got;
}

export async function mountComparePage(root: HTMLElement, deps: Deps): Promise<() => void> {
  const main = pageShell(root, t("compare.title"));
  // Put on the projector for the debrief: larger type and the screen's width there (client/ui/console/console.css).
  main.classList.add("compare-page");
  if (deps.codes.length < 2) {
    failure(main, t("archive.compare.pick", { min: 2 }), h("p", {}, h("a", { href: "/archive" }, t("archive.title"))));
    return () => undefined;
  }
  loading(main);
  const got = await load(deps);
  if (!got.ok) {
    failure(main, got.message, h("p", {}, h("a", { href: "/archive" }, t("archive.title"))));
    return () => undefined;
  }
  const reply = got.value;
  const inClass = classOf(reply);
  // A class's tables are tables here too, as the class console's "Compare the tables" calls them.
  const words = inClass
    ? ({ heading: "compare.heading.tables", intro: "compare.intro.tables", first: "compare.col.table", chart: "compare.chart.label.tables" } as const)
    : ({ heading: "compare.heading", intro: "compare.intro", first: "compare.col.game", chart: "compare.chart.label" } as const);
  if (inClass) {
    document.title = `${t("class.compare")} · ${t("app.title")}`;
    const shown = root.querySelector(".page-title");
    if (shown) shown.textContent = t("class.compare");
  }
  const colour = (i: number) => hex(LINE_COLOURS[i % LINE_COLOURS.length]!);
  const rows = gameRows(reply);
  const scores = scoresAcross(reply);
  const chartBox = h("div", { class: "chart-box" });
  // The y axis's title, level above the axis: Chart.js sets it on its side, and Chinese on its side is hard to read.
  const axisTitle = h("p", { class: "chart-axis", id: "compare-axis" });
  const dataBox = h("div", {});
  const choices = seriesChoices(reply);
  const select = h(
    "select",
    { id: "compare-metric" },
    h("optgroup", { label: t("review.table") }, ...choices.filter((c) => c.scope === "table").map((c) => h("option", { value: choiceKey(c) }, label("metric", c.metric)))),
    ...reply.countries
      .filter((c) => c.control === "seat")
      .map((country) =>
        h("optgroup", { label: country.name }, ...choices.filter((c): c is Extract<SeriesChoice, { scope: "country" }> => c.scope === "country" && c.country === country.id).map((c) => h("option", { value: choiceKey(c) }, t("metric.ofCountry", { country: country.name, metric: label("metric", c.metric) })))),
      ),
  );
  select.value = "table:cohesion";
  let chart: { destroy(): void } | undefined;

  const draw = async () => {
    const choice = choiceFromKey(select.value);
    const series = seriesAcross(reply, choice);
    const title = choice.scope === "table" ? label("metric", choice.metric) : t("metric.ofCountry", { country: reply.countries.find((c) => c.id === choice.country)?.name ?? choice.country, metric: label("metric", choice.metric) });
    axisTitle.textContent = title;
    replace(
      dataBox,
      ...sameLines(series.lines).map((names) => h("p", { class: "hint compare-same" }, t("compare.same", { names: list(names) }))),
      h(
        "details",
        { class: "chart-data" },
        h("summary", {}, t("compare.data", { metric: title })),
        h(
          "table",
          {},
          h("thead", {}, h("tr", {}, h("th", { scope: "col" }, t(words.first)), ...series.labels.map((l) => h("th", { scope: "col", class: "num" }, l)))),
          h("tbody", {}, ...series.lines.map((l) => h("tr", {}, h("th", { scope: "row" }, named(l)), ...l.values.map((v) => h("td", { class: "num" }, v === null ? "—" : num(v)))))),
        ),
      ),
    );
    try {
      const { Chart, LineController, LineElement, PointElement, LinearScale, CategoryScale, Legend, Tooltip } = await import("chart.js");
      Chart.register(LineController, LineElement, PointElement, LinearScale, CategoryScale, Legend, Tooltip);
      chart?.destroy();
      const canvas = h("canvas", { id: "compare-chart", role: "img", "aria-label": t(words.chart, { metric: title }) });
      replace(chartBox, canvas);
      // The page's fonts, not Chart.js's Helvetica: its Chinese labels are boxes in a font list without the Chinese font.
      Chart.defaults.font.family = getComputedStyle(canvas).fontFamily;
      // Its labels as large as the page's text around it (larger on a projector), not Chart.js's 12 px.
      const font = { size: Math.round(parseFloat(getComputedStyle(chartBox).fontSize) * 0.9) };
      chart = new Chart(canvas, {
        type: "line",
        data: {
          labels: series.labels,
          datasets: series.lines.map((l, i) => ({
            label: l.name,
            data: l.values,
            borderColor: colour(i),
            backgroundColor: colour(i),
            borderDash: DASHES[i % DASHES.length],
            borderWidth: 2.5,
            pointRadius: 3,
            spanGaps: false,
            tension: 0,
          })),
        },
        options: {
          responsive: true,
          maintainAspectRatio: false,
          animation: false,
          plugins: { legend: { position: "bottom", labels: { boxWidth: 32, boxHeight: 3, font } }, tooltip: { mode: "index", intersect: false, titleFont: font, bodyFont: font } },
          // Every metric here is 0–100 (shared/engine/ledger.ts): the whole scale, as in the report's charts,
          // so a one-point move does not fill the chart as a cliff.
          scales: { x: { ticks: { font } }, y: { min: 0, max: 100, ticks: { stepSize: 25, font } } },
        },
      });
      chartBox.dataset.ready = "1";
      // A hook for the end-to-end tests (tests/e2e/console.test.ts reads the drawn scale).
      (window as unknown as { chokepointCompareChart?: unknown }).chokepointCompareChart = chart;
    } catch (e) {
      console.error(e);
      replace(chartBox, h("p", { class: "muted" }, t("compare.chart.failed")));
    }
  };
  select.addEventListener("change", () => void draw());

  replace(
    main,
    h(
      "div",
      { class: "page-head" },
      // Opened from a class (every game one of its tables): the way back to its console.
      inClass ? h("p", {}, h("a", { href: `/class/${inClass}`, id: "compare-class-back" }, t("bar.backToClass"))) : null,
      h("h1", {}, t(words.heading, { title: reply.scenario.title })),
      h("p", { class: "muted" }, t(words.intro, { count: reply.games.length })),
      // Named, with why, rather than the whole comparison refused for one table.
      ...got.leftOut.map((g) => h("p", { class: "notice compare-left-out", id: `cmp-left-out-${g.code}` }, t("compare.leftOut", { name: g.name === g.code ? g.code : `${g.name}${t("misc.aside", { text: g.code })}`, why: g.why }))),
    ),
    h(
      "section",
      { class: "card", "aria-labelledby": "cmp-games" },
      h("h2", { id: "cmp-games" }, t("compare.games")),
      h(
        "div",
        { class: "god-wrap" },
        h(
          "table",
          { class: "compare-games" },
          h(
            "thead",
            {},
            h(
              "tr",
              {},
              // A count's header stands over its numbers, on their right (client/styles.css th.num).
              ...(
                [
                  [words.first, false],
                  ["archive.col.status", false],
                  ["compare.col.rounds", false],
                  ["archive.col.outcome", false],
                  ["compare.col.agreements", true],
                  ["compare.col.offers", true],
                  ["compare.col.kept", true],
                  ["compare.col.inForce", true],
                  ["compare.col.broken", true],
                  ["compare.col.top", false],
                  ["archive.col.open", false],
                ] as const
              ).map(([key, count]) => h("th", { scope: "col", ...(count ? { class: "num" } : {}) }, t(key))),
            ),
          ),
          h(
            "tbody",
            {},
            ...rows.map((r, i) => {
              const key = deps.memory.get(r.code).facilitator?.key;
              return h(
                "tr",
                { id: `cmp-${r.code}` },
                h("th", { scope: "row" }, h("span", { class: "swatch", style: { background: colour(i) }, "aria-hidden": "true" }), named(r)),
                h("td", {}, t(`compare.status.${r.status}`)),
                // An early end on a line of its own: each line kept whole, the row no wider than "4 of 4 resolved" makes it.
                h("td", {}, r.rounds, r.endedIn ? [h("br"), r.endedIn] : null),
                h("td", { class: r.status !== "finished" ? "" : r.met ? "outcome-met" : "outcome-missed" }, t(r.status !== "finished" ? "archive.outcome.now" : r.met ? "archive.outcome.met" : "archive.outcome.missed", { met: r.targetsMet, total: r.targets }), r.crisis ? h("span", { class: "badge status-broken" }, t("bar.crisis")) : null),
                h("td", { class: "num" }, String(r.agreements)),
                h("td", { class: "num" }, String(r.offers)),
                h("td", { class: "num" }, String(r.kept)),
                h("td", { class: "num" }, String(r.inForce)),
                h("td", { class: "num" }, String(r.broken)),
                h("td", {}, r.top ? `${r.top.name}${t("misc.aside", { text: num(r.top.total) })}` : "—"),
                // The links in small type inside the cell, the cell padded as every other (its padding in the row's em, not the small type's).
                h("td", {}, h("span", { class: "small" }, key ? reportLink(r.code, key) : null, " ", h("a", { href: `/${r.code}/replay` }, t("archive.replay")))),
              );
            }),
          ),
        ),
      ),
    ),
    h(
      "section",
      { class: "card", "aria-labelledby": "cmp-chart" },
      h("h2", { id: "cmp-chart" }, t("compare.series")),
      h("div", { class: "field inline" }, h("label", { for: "compare-metric" }, t("compare.metric")), select),
      axisTitle,
      chartBox,
      dataBox,
    ),
    h(
      "section",
      { class: "card", "aria-labelledby": "cmp-scores" },
      h("h2", { id: "cmp-scores" }, t("compare.scores")),
      h(
        "div",
        { class: "god-wrap" },
        h(
          "table",
          { class: "compare-scores" },
          h("thead", {}, h("tr", {}, h("th", { scope: "col" }, t("end.country")), ...reply.games.map((g) => h("th", { scope: "col", class: "num" }, named({ code: g.code, name: gameName(g) }))), h("th", { scope: "col", class: "num" }, t("compare.col.spread")))),
          h(
            "tbody",
            {},
            ...scores.map((s) =>
              h(
                "tr",
                {},
                h("th", { scope: "row" }, s.name),
                ...s.cells.map((c) => h("td", { class: "num" }, c ? (c.rank !== undefined ? t("review.vsParCell", { points: num(c.total), rank: c.rank }) : num(c.total)) : "—")),
                h("td", { class: "num" }, num(s.spread)),
              ),
            ),
          ),
        ),
      ),
    ),
    // The scenario's debrief questions, as the report lists them: the teacher leads the debrief from
    // here, on the projector (a server of the version before sends none).
    reply.scenario.debrief?.length
      ? h(
          "section",
          { class: "card", "aria-labelledby": "cmp-questions" },
          h("h2", { id: "cmp-questions" }, t("report.s.questions")),
          h("ol", { class: "compare-questions" }, ...reply.scenario.debrief.map((q) => h("li", {}, q))),
        )
      : null,
  );
  await draw();
  return () => chart?.destroy();
}
