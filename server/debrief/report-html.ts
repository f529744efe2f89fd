/**
 * The after-action report as one self-contained HTML file: inline CSS, the report's numbers as
 * inline JSON, Chart.js's UMD build inlined to draw them, and the client's Chinese font when it
 * shows Chinese (report-font.ts). No request leaves the file, so it
 * can be mailed, archived and opened offline. Print CSS makes it a clean PDF: sections start on
 * new pages, cards and charts never split, and each chart prints as an image of itself so it
 * is never clipped. Every word comes from the client's catalog (client/i18n), in the language
 * of the translator it is given.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { groupCauses } from "../../shared/engine/cause-groups.ts";
import { amends } from "../../shared/engine/agreements/index.ts";
import { afterStep } from "../../shared/bots/speech.ts";
import { outcomeFinal } from "../../shared/engine/resolution.ts";
import { exactTotal, missedTargetsCut, seatRanks, type Score } from "../../shared/engine/scoring.ts";
import { COUNTRY_METRICS, SECTORS, stanceShown, TABLE_METRICS } from "../../shared/engine/vocabulary.ts";
import { CAUSE_DIGITS, clockLocale, heldMinistries, MOMENT_FORMS, signedNumber, type Translator } from "../../client/i18n/translator.ts";
import type { Key } from "../../client/i18n/en.ts";
import { LANGUAGES, OFFERED } from "../../client/i18n/languages.ts";
import type { DebriefReport, Impact, ReportAgreement, TimelineEntry } from "../../shared/protocol/debrief.ts";
import { EXIT_QUESTION_KEYS } from "../../shared/protocol/classes.ts";
import { country, minutesArg, ref, type Arg, type Text } from "../../shared/engine/text.ts";
import type { Effect } from "../../shared/scenario/schema.ts";
import { CJK_FAMILY, CJK_REST_FAMILY, inlineFontFor } from "./report-font.ts";
import { stepBy } from "./analysis.ts";

let chartJs: string | undefined;
/** Chart.js's UMD build, read once from node_modules. */
function chartLibrary(): string {
  if (chartJs === undefined) {
    const main = createRequire(import.meta.url).resolve("chart.js");
    chartJs = readFileSync(join(dirname(main), "chart.umd.min.js"), "utf8");
  }
  return chartJs;
}

const TIMELINE_FILTERS = ["event", "inject", "ruling", "matrix", "agreement", "broadcast", "news", "phase"] as const;
const FATES = ["open", "signed", "in-force", "kept", "broken", "defaulted", "declined", "lapsed"] as const;
const GROUPS = ["all", "seats", "alliance", "rival", "swing", "partner"];

export function esc(x: unknown): string {
  return String(x ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

/**
 * What a browser opening the HTML report shows when the link does not open it (revoked, wrong or
 * expired): the refusal in the reader's words and a way to the start page, no script (the
 * report's CSP); the English `message` where the refusal has no catalog words.
 */
export function failurePage(f: { message: string; text?: Text }, w: Translator): string {
  const title = w.t("http.page.title");
  return `<!doctype html>
<html lang="${esc(w.locale)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;line-height:1.5;color:#1a1a1a}</style></head>
<body><main><h1>${esc(title)}</h1><p>${esc(f.text ? w.render(f.text) : f.message)}</p><p><a href="/">${esc(w.t("http.page.start"))}</a></p></main></body></html>
`;
}

/** JSON that is safe inside a <script> element. */
function scriptJson(x: unknown): string {
  return JSON.stringify(x).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}

/** The report's helpers in one language: words, numbers, names. */
function helpers(w: Translator, r: DebriefReport) {
  // A catalog line's own separators ("Chokepoint · After-action report") wrap as the report's other dots do (DOT).
  const k = (key: string, params?: Record<string, string | number>) => w.t(key as Key, params).replaceAll(" · ", DOT);
  /** A phase's clock: whole minutes, seconds under two minutes ("30 s", not "0.5 min"), else minutes to a tenth. */
  const span = (seconds: number) => (seconds % 60 && seconds < 120 ? k("report.duration.seconds", { n: seconds }) : k("report.duration.minutes", { n: minutesArg(seconds) }));
  /** A value to a tenth (a negative one, capital in debt, with the real minus sign: the translator's numbers). */
  const num = (x: number) => w.num(Math.round(x * 10) / 10);
  /**
   * A stated reason after what was done ("declined by Japan — “…”"): a person's words as written,
   * a bot's catalog sentence in this language without the verb its deal's `step` already says
   * (shared/bots/speech.ts `afterStep`), quoted, so its "us" reads as theirs, not the reader's.
   */
  const said = (x: string | Text, step?: string) => {
    const reason = step ? afterStep(x, step) : x;
    return k("report.said", { reason: typeof reason === "string" ? reason : w.render(reason) });
  };
  const signed = (x: number) => (x > 0 ? `+${num(x)}` : x < 0 ? `−${num(-x)}` : "0");
  /**
   * A moment, labelled with its zone: UTC as the server writes it, until the page's script
   * (localTimes) writes it in the reader's own zone, named ("1:31 PM EST"), on screen and in
   * print alike. `clock`: the time of day only (the timeline, the hot wash).
   */
  const date = (ms: number | null | undefined, clock = false) => {
    if (!ms) return "—";
    const iso = new Date(ms).toISOString();
    return `<time datetime="${iso}" data-at="${clock ? "time" : "date"}">${esc(k("report.utc", { date: clock ? iso.slice(11, 16) : iso.slice(0, 16).replace("T", " ") }))}</time>`;
  };
  const names = new Map(r.countries.map((c) => [c.id, c.name]));
  const name = (id: string | undefined) => (!id ? "" : id === "facilitator" ? k("report.from.facilitator") : id === "system" ? w.t("timeline.clock") : w.refName({ ref: "country", id }) || (names.get(id) ?? id));
  const metric = (m: string) => (m.startsWith("capability:") ? k("metric.capability", { sector: w.label("sector", m.slice(11)) }) : w.label("metric", m));
  /** A sentence that names countries (`country(id)`): each in its sentence form, "the Netherlands" (`name` is the bare label). */
  const sentence = (key: Key, args: Record<string, Arg>) => w.render({ key, args });
  const roundLabel = (round: number) => (round === 0 ? k("report.round.start") : k("report.round", { round }));
  const roundShort = (round: number) => (round === 0 ? k("report.round.start") : k("report.round.short", { round }));
  return { k, span, num, signed, date, name, sentence, metric, roundLabel, roundShort, said };
}
type H = ReturnType<typeof helpers>;

/**
 * The dot between items of one line ("Seed 523603159 · 141 actions logged"): a line that wraps
 * there takes the dot with the item after it, never leaving it alone at a line's end.
 */
const DOT = " ·\u00a0";

/** The report in `w`'s language; `langLink` builds the address of the same report in another language (the switch). */
export function renderReportHtml(r: DebriefReport, w: Translator, langLink?: (lang: string) => string): string {
  const h = helpers(w, r);
  const { k, span, name, date } = h;
  const g = r.game;
  const statusText =
    g.status === "finished"
      ? g.crisisTension
        ? g.crisisTension.settled !== undefined
          ? k("report.status.crisis.peak", { peak: h.num(g.crisisTension.peak), settled: h.num(g.crisisTension.settled), round: g.crisisTension.round! })
          : k("report.status.crisis.reached", { tension: h.num(g.crisisTension.peak) })
        : g.unresolvedRound
          ? k("report.status.stopped", { round: g.unresolvedRound, rounds: g.rounds })
          : g.roundsPlayed < g.rounds
            ? k("report.status.stoppedAfter", { round: g.roundsPlayed, rounds: g.rounds })
            : k("report.status.finished")
      : g.status === "running"
        ? k("report.status.running", { round: g.round, phase: w.label("phase", g.phase) })
        : k("report.status.lobby");
  const targetsMet = r.outcome.targets.filter((t) => t.met).length;
  const finished = g.status === "finished";
  // The last round's review ends the game: its outcome is said as final, as the review says it.
  const final = outcomeFinal({ phase: g.phase, round: g.round, rounds: g.rounds });
  const outcomeArgs = { met: targetsMet, count: r.outcome.targets.length };
  const outcomeText = r.outcome.met
    ? k(final ? "report.outcome.finished" : "report.outcome.now", outcomeArgs)
    : h.sentence(final ? "report.outcome.finishedMissed" : "report.outcome.nowMissed", { ...outcomeArgs, cut: missedTargetsCut(g.scenario.missedTargetFactor, !final) });
  // A game still on has an outcome "so far", in the heading as in the sentence after it.
  const outcomeHead = r.outcome.met ? (final ? "report.outcome.met" : "report.outcome.metNow") : final ? "report.outcome.missed" : "report.outcome.missedNow";
  const settings = [
    k(g.settings.teams ? "report.settings.teams" : "report.settings.solo"),
    k(`report.settings.channels.${g.settings.channels}`),
    k(g.settings.facilitatorReadsPrivate ? "report.settings.reads" : "report.settings.readsNot"),
    ...(g.settings.bots ? [k("report.settings.bots")] : []),
    ...(g.settings.redCell ? [k("report.settings.redCell")] : []),
    k("report.settings.timers", { event: span(g.settings.timers.eventSeconds), negotiation: span(g.settings.timers.negotiationSeconds), review: span(g.settings.timers.reviewSeconds) }),
  ].join(k("report.join"));
  // A class's table is named as the class names it ("Table 1 · W436JE"), its code beside.
  const gameName = g.classTable ? `${k("report.fact.table", { table: g.classTable.table })}${DOT}${g.code}` : g.code;

  const data = {
    labels: r.series.rounds.map(h.roundLabel),
    short: r.series.rounds.map(h.roundShort),
    table: r.series.table,
    // The peak tension the crisis check saw, at the round it ended the game, when that round's record shows it cooled (docs/RULES.md §8).
    ...(g.crisisTension?.settled !== undefined ? { tensionPeak: { name: k("report.charts.tensionPeak"), values: r.series.rounds.map((round) => (round === g.crisisTension!.round ? g.crisisTension!.peak : null)) } } : {}),
    countries: r.countries.map((c) => ({ id: c.id, name: name(c.id), control: c.control })),
    metrics: r.series.countries,
    metricNames: Object.fromEntries([...COUNTRY_METRICS, ...TABLE_METRICS].map((m) => [m, w.label("metric", m)])),
    countryMetrics: COUNTRY_METRICS,
    tableMetrics: TABLE_METRICS,
  };
  const switcher = langLink
    ? `<nav class="langs screen-only" aria-label="${esc(k("report.language"))}">${OFFERED.map((l) => (l === w.locale ? `<strong lang="${l}">${esc(k(`lang.${l}`))}</strong>` : `<a href="${esc(langLink(l))}" lang="${l}" hreflang="${l}">${esc(k(`lang.${l}`))}</a>`)).join(DOT)}</nav>`
    : "";

  const css = STYLE;
  // The handout is for a debrief with people in the room: a "Play now" game (one person and bots,
  // no facilitator) has nobody to hand it to. Only a class's table calls it a class handout.
  const handout = !!g.classTable || !g.settings.quickStart;
  /** The report's language: its words, and its times once the page's script has run. */
  const lang = reportLanguage(w);
  const parts: string[] = [];
  parts.push(`<!doctype html>
<html lang="${esc(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Chokepoint">
<title>${esc(k("report.title", { title: g.scenario.title, code: gameName }))}</title>
<style>${css}</style>
</head>
<body>
<header class="cover">
  ${switcher}
  ${handout ? `<p class="screen-only print-actions"><button type="button" id="print-handout">${esc(k(g.classTable ? "report.handout.class" : "report.handout"))}</button> <span class="note">${esc(k("report.handout.note"))}</span></p>` : ""}
  <p class="kicker">${esc(k(r.audience === "public" ? "report.kicker.public" : "report.kicker"))}</p>
  <h1>${esc(g.scenario.title)}</h1>
  <p class="lede">${esc(g.scenario.summary)}</p>
  <dl class="facts">
    <div><dt>${esc(k("report.fact.game"))}</dt><dd>${g.classTable ? `${esc(k("report.fact.table", { table: g.classTable.table }))}${DOT}` : ""}<code>${esc(g.code)}</code>${g.forkedFrom ? esc(k("report.fact.forked", { code: g.forkedFrom.code, round: g.forkedFrom.round })) : ""}</dd></div>
    <div><dt>${esc(k("report.fact.status"))}</dt><dd>${esc(statusText)}</dd></div>
    <div><dt>${esc(k("report.fact.rounds"))}</dt><dd>${esc(k("report.fact.roundsValue", { played: g.roundsPlayed, rounds: g.rounds }))}</dd></div>
    <div><dt>${esc(k("report.fact.created"))}</dt><dd>${date(g.createdAt)}</dd></div>
    <div><dt>${esc(k("report.fact.ended"))}</dt><dd>${date(g.finishedAt)}</dd></div>
    <div class="full fact-settings"><dt>${esc(k("report.fact.settings"))}</dt><dd>${esc(settings)}</dd></div>
    ${g.seed !== undefined ? `<div class="fact-record"><dt>${esc(k("report.fact.seed"))}</dt><dd><code>${esc(g.seed)}</code>${DOT}<span class="nowrap">${esc(k("report.fact.actions", { count: g.actions }))}</span></dd></div>` : ""}
  </dl>
  ${unresolvedNote(r, w)}
  <p class="outcome ${r.outcome.met ? "met" : "missed"}"><strong>${esc(k(outcomeHead))}</strong>${esc(k("misc.dash"))}${esc(outcomeText)}</p>
</header>
<nav class="toc" aria-label="${esc(k("report.toc"))}"><ol>
${(["outcome", "charts", "timeline", "agreements", "control", "countries", "chat", "questions"] as const).map((s) => `  <li><a href="#${s}">${esc(k(`report.s.${s}`))}</a></li>`).join("\n")}
${r.exitTickets?.length ? `  <li><a href="#tickets">${esc(k("report.s.tickets"))}</a></li>` : ""}
${r.notes?.length ? `  <li><a href="#notes">${esc(k("report.s.notes"))}</a></li>` : ""}
  <li class="appendix"><a href="#numbers">${esc(k("report.s.numbers"))}</a></li>
</ol></nav>
<main>`);

  // 1. Outcome and scores
  parts.push(`<section id="outcome"><h2>${esc(k("report.s.outcome"))}</h2>
<h3>${esc(k("report.targets"))}</h3>
<ul class="targets">${r.outcome.targets.map((t) => `<li class="${t.met ? "met" : "missed"}"><span class="mark" aria-label="${esc(k(t.met ? "report.target.met" : "report.target.missed"))}">${t.met ? "✓" : "✗"}</span> ${esc(t.text)}${!t.met && t.why ? `<span class="why">${esc(k("misc.dash"))}${esc(w.render(t.why))}</span>` : ""}</li>`).join("")}</ul>
<h3>${esc(k(finished ? "report.scores" : "report.scores.soFar"))}</h3>
<p class="note">${esc(k("report.scores.note"))}${r.audience === "public" && !finished ? ` ${esc(k("report.scores.secretsHidden"))}` : ""}</p>
${scoresTable(r.scores, r.countries, h)}
</section>`);

  // 2. Charts
  parts.push(`<section id="charts" class="page"><h2>${esc(k("report.s.charts"))}</h2>
<p class="note">${esc(k("report.charts.note"))}</p>
<figure class="chart wide"><figcaption>${esc(k("report.charts.table"))}</figcaption><div class="frame"><canvas data-chart="table" role="img" aria-label="${esc(k("report.charts.table.label"))}"></canvas></div></figure>
${COUNTRY_METRICS.map((m) => `<figure class="chart wide"><figcaption>${esc(k("report.charts.metric", { metric: h.metric(m) }))}</figcaption><div class="frame"><canvas data-chart="metric" data-metric="${m}" role="img" aria-label="${esc(k("report.charts.metric.label", { metric: h.metric(m) }))}"></canvas></div></figure>`).join("\n")}
<h3 class="page">${esc(k("report.charts.countries"))}</h3>
<div class="grid">${r.countries.map((c) => `<figure class="chart small"><figcaption>${esc(name(c.id))} <span class="tag">${esc(w.label("control", c.control))}</span></figcaption><div class="frame"><canvas data-chart="country" data-country="${esc(c.id)}" role="img" aria-label="${esc(k("report.charts.country.label", { country: name(c.id) }))}"></canvas></div></figure>`).join("")}</div>
</section>`);

  // 3. Timeline
  parts.push(`<section id="timeline" class="page"><h2>${esc(k("report.s.timeline"))}</h2>
<p class="note">${esc(k("report.timeline.note"))}</p>
<div class="filters screen-only" role="group" aria-label="${esc(k("report.timeline.filters"))}">
${TIMELINE_FILTERS.map((kind) => `<label><input type="checkbox" data-kind="${kind}" checked> ${esc(k(`report.kind.${kind}`))}</label>`).join(" ")}
</div>
${timelineHtml(r.timeline, w, h)}
</section>`);

  // 4. Agreements
  parts.push(`<section id="agreements" class="page"><h2>${esc(k("report.s.agreements"))}</h2>
${agreementSummary(r.agreements, w, h)}
${agreementsHtml(r, w, h)}
</section>`);

  // 5. Control cell
  parts.push(`<section id="control" class="page"><h2>${esc(k("report.s.control"))}</h2>
<h3>${esc(k("report.control.cards"))}</h3>
${
  r.events.length
    ? `<ol class="cards">${r.events
        .map((e) => {
          const title = e.custom ? e.title : w.refName({ ref: "event", id: e.id });
          const entry = r.timeline.find((x) => x.cardId === e.id);
          return `<li class="card ${e.custom ? "inject" : ""}"><p><span class="badge ${e.custom ? "inject" : "event"}">${esc(k(e.custom ? "report.kind.inject" : "report.kind.event"))}</span> <strong>${esc(k("report.control.card", { round: e.round, title }))}</strong> <span class="muted">${esc(e.custom ? "" : e.date)}</span></p><p>${esc(e.text)}</p>${effectsHtml(e.effects, w, h)}${impactsHtml(entry?.impacts, w, h)}</li>`;
        })
        .join("")}</ol>`
    : `<p class="empty">${esc(k("report.control.noCard"))}</p>`
}
${r.scheduled.length ? `<h3>${esc(k("report.control.scheduled"))}</h3><ul>${r.scheduled.map((s) => `<li>${esc(k("report.control.scheduledLine", { round: s.round, title: s.title, text: s.text }))}</li>`).join("")}</ul>` : ""}
<h3>${esc(k("report.control.matrix"))}</h3>
${
  r.matrix.length
    ? `<ol class="cards">${r.matrix
        .map(
          (m) =>
            `<li class="card"><p><span class="badge ruling">${esc(k(`matrix.status.${m.status}`))}</span> <strong>${esc(k("report.control.matrixHead", { id: m.id, country: name(m.seat), round: m.round }))}</strong>${m.odds !== undefined ? ` <span class="muted">${esc(k("report.control.odds", { odds: Math.round(m.odds * 100) }))}</span>` : ""}</p><p>“${esc(m.text)}”</p>${m.note ? `<p class="reason">${esc(k("matrix.note", { note: m.note }))}</p>` : ""}${effectsHtml(m.effects, w, h, m.status === "failed")}${impactsHtml(r.timeline.find((e) => e.kind === "ruling" && e.matrixId === m.id)?.impacts, w, h)}</li>`,
        )
        .join("")}</ol>`
    : `<p class="empty">${esc(k("report.control.noMatrix"))}</p>`
}
</section>`);

  // 6. Countries
  const scoreOf = new Map(r.scores.map((s) => [s.country, s]));
  parts.push(`<section id="countries" class="page"><h2>${esc(k("report.s.countries"))}</h2>
<table tabindex="0" class="data compact"><thead><tr><th>${esc(k("report.col.country"))}</th><th>${esc(k("report.countries.col.control"))}</th><th>${esc(k("report.countries.col.stance"))}</th><th>${esc(k("report.countries.col.capital"))}</th><th>${esc(k("report.col.falls"))}</th><th>${esc(k("report.countries.col.connected"))}</th></tr></thead><tbody>
${r.countries
  .map(
    (c) =>
      `<tr><th scope="row">${esc(name(c.id))}</th><td>${esc(controlText(r, c, w))}${botPlayed(r, c) ? `${DOT}${esc(w.label("report.personality", c.personality))}` : ""}</td><td>${esc(w.label("stance", stanceShown({ bloc: c.bloc, stance: c.stance.start })))}${c.stance.end !== c.stance.start ? ` → <strong>${esc(w.label("stance", stanceShown({ bloc: c.bloc, stance: c.stance.end })))}</strong>` : ""}</td><td>${h.num(c.capital.start)} → ${h.num(c.capital.end)}${c.capital.end < 0 ? esc(k("report.capital.belowZero")) : ""}</td><td>${c.falls || ""}</td><td>${esc(k(c.connected ? "misc.yes" : "misc.no"))}</td></tr>`,
  )
  .join("")}
</tbody></table>
<div class="grid two">${r.countries
  .filter((c) => c.objectives.length || c.secret)
  .map((c) => {
    const results = scoreOf.get(c.id)?.objectives ?? [];
    const mark = (id: string) => {
      const o = results.find((x) => x.id === id);
      return o ? `<span class="mark ${o.met ? "met" : "missed"}">${o.met ? "✓" : "✗"}</span>` : `<span class="mark">·</span>`;
    };
    const pts = (points: number) => `<span class="muted">${esc(k("report.points", { points }))}</span>`;
    return `<div class="card objectives"><h3>${esc(name(c.id))}</h3><ul>${c.objectives.map((o) => `<li>${mark(o.id)} ${esc(o.text)} ${pts(o.points)}</li>`).join("")}${c.secret ? `<li class="secret">${mark(c.secret.id)} <strong>${esc(k("report.secret"))}</strong><span class="block">${esc(c.secret.text)} ${pts(c.secret.points)}</span></li>` : ""}</ul></div>`;
  })
  .join("\n")}</div>
</section>`);

  // 7. Chat
  parts.push(`<section id="chat" class="page"><h2>${esc(k("report.s.chat"))}</h2><p class="note">${esc(w.render(r.chat.note))}</p>
${chatHtml(r, w, h)}
</section>`);

  // 8. Debrief questions
  parts.push(`<section id="questions" class="page"><h2>${esc(k("report.s.questions"))}</h2>
<ol class="questions">${r.debrief.map((q) => `<li><p>${esc(q)}</p><div class="lines" aria-hidden="true"><span></span><span></span><span></span><span></span></div></li>`).join("")}</ol>
</section>`);

  // The students' exit tickets (the facilitator's own report only): each question with its answer.
  if (r.exitTickets?.length) {
    const ticket = (t: NonNullable<DebriefReport["exitTickets"]>[number]) =>
      `<div class="card ticket"><h3>${esc(k("report.tickets.who", { country: name(t.seat), name: t.name }))}</h3><ol>${t.answers
        .map((a, i) => `<li><p class="muted">${esc(k(EXIT_QUESTION_KEYS[i] ?? ""))}</p><p>${a ? esc(a) : `<span class="empty">${esc(k("report.tickets.blank"))}</span>`}</p></li>`)
        .join("")}</ol></div>`;
    parts.push(`<section id="tickets" class="page"><h2>${esc(k("report.s.tickets"))}</h2>
<p class="note">${esc(k("report.tickets.note"))}</p>
${r.exitTickets.map(ticket).join("\n")}
</section>`);
  }

  // Hot wash: the facilitator's findings, then the observers' notes, with their time.
  if (r.notes?.length) {
    const line = (n: NonNullable<DebriefReport["notes"]>[number]) =>
      `<li><span class="when">${h.date(n.at, true)}${DOT}${esc(h.roundShort(n.round))}</span> <strong>${esc(k("report.notes.by", { who: n.name ?? k(n.by === "facilitator" ? "report.from.facilitator" : "report.notes.observer") }))}</strong> ${esc(n.text)}</li>`;
    const findings = r.notes.filter((n) => n.kind === "finding");
    const notes = r.notes.filter((n) => n.kind === "note");
    parts.push(`<section id="notes" class="page"><h2>${esc(k("report.s.notes"))}</h2>
<h3>${esc(k("report.notes.findings"))}</h3>${findings.length ? `<ol class="notes">${findings.map(line).join("")}</ol>` : `<p class="empty">${esc(k("report.notes.noFindings"))}</p>`}
<h3>${esc(k("report.notes.observers"))}</h3>${notes.length ? `<ol class="notes">${notes.map(line).join("")}</ol>` : `<p class="empty">${esc(k("report.notes.noNotes"))}</p>`}
</section>`);
  }

  // Appendix
  parts.push(`<section id="numbers" class="page"><h2>${esc(k("report.s.numbers"))}</h2>
<p class="note">${esc(k("report.numbers.note"))}</p>
${seriesTable(k("report.numbers.table"), r.series.rounds, TABLE_METRICS.map((m) => [h.metric(m), r.series.table[m]]), h)}
${tableWhy(r, w, h)}
${COUNTRY_METRICS.map((m) => seriesTable(h.metric(m), r.series.rounds, r.countries.map((c) => [name(c.id), r.series.countries[c.id]![m]]), h)).join("\n")}
${capabilityTable(r, w, h)}
</section>`);

  parts.push(`</main>
<footer><p>${/* the date is markup (<time>): escape the sentence around it */ esc(k("report.footer", { date: "\u0000" })).replace("\u0000", date(Date.parse(r.generatedAt)))}</p></footer>
<script type="application/json" id="report-data">${scriptJson(data)}</script>
<script>${localTimes(lang)}</script>
<script>${chartLibrary()}</script>
<script>${CHART_SCRIPT}</script>
</body>
</html>`);
  const html = parts.join("\n");
  const font = inlineFontFor(html);
  // The font starts loading before the body is laid out: Chromium left the text that first
  // asked for an inline font in the fallback's empty boxes once the font had loaded.
  return font ? html.replace("</head>", `<style>${font}</style>\n<script>${FONT_LOAD}</script>\n</head>`) : html;
}

/**
 * Every <time data-at> of the report in the reader's zone and the report's language `lang` (not
 * the browser's: a Chinese report read in an English browser), the zone named ("Jan 15, 2027,
 * 01:31 PM EST"; "01:31 PM EST" on the timeline), as client/i18n/translator.ts momentText writes
 * them on the room's screens; in the reader's variant of that language, as the browser asks
 * (`clockLocale`: an English report in an en-GB browser writes 20:33). Without scripts the times
 * stay in UTC, labelled so. Its own script: the charts' failing to load leaves the times right.
 */
export const localTimes = (lang: string) => `(function () {
  ${clockLocale.toString()}
  var asked = typeof navigator === "undefined" ? [] : navigator.languages && navigator.languages.length ? navigator.languages : navigator.language ? [navigator.language] : [];
  var lang = clockLocale(${scriptJson(lang)}, asked);
  var forms = ${scriptJson(MOMENT_FORMS)};
  document.querySelectorAll("time[data-at]").forEach(function (t) {
    var d = new Date(t.getAttribute("datetime"));
    if (isNaN(d)) return;
    try { t.textContent = new Intl.DateTimeFormat(lang, forms[t.getAttribute("data-at")] || forms.date).format(d); } catch (e) {}
  });
})();`;

const FONT_LOAD = `document.fonts && document.fonts.forEach(function (f) { f.load().catch(function () {}); });`;

/** The language a report's scripts write its times in: the translator's, if the report has it. */
function reportLanguage(w: Translator): string {
  return (LANGUAGES as readonly string[]).includes(w.locale) ? w.locale : "en";
}

const policy = (scripts: string) => `default-src 'none'; style-src 'unsafe-inline'; script-src ${scripts}; img-src data: blob:; font-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'self'`;
const policies = new Map<string, string>();
/**
 * What a report written by `w` may load and run: only what it carries inline, and of scripts only
 * the report's own four, named by their SHA-256, so a script that an escaping slip let into the
 * page (from a chat line, a note, a name) would not run; the report's data is JSON, which runs
 * nothing. Without a translator, the policy of a page with no script (failurePage).
 */
export function reportCsp(w?: Translator): string {
  if (!w) return policy("'none'");
  const lang = reportLanguage(w);
  let made = policies.get(lang);
  if (made === undefined) {
    const hash = (body: string) => `'sha256-${createHash("sha256").update(body, "utf8").digest("base64")}'`;
    made = policy([localTimes(lang), chartLibrary(), CHART_SCRIPT, FONT_LOAD].map(hash).join(" "));
    policies.set(lang, made);
  }
  return made;
}

/**
 * Whether a bot played the country as far as the report knows: an automated country, or a seat
 * the facilitator's roster shows no person held. A personality is a bot's (docs/RULES.md §1), so
 * only these rows name one; a seat of the public report, whose roster is left out, names none.
 */
function botPlayed(r: DebriefReport, c: DebriefReport["countries"][number]): boolean {
  return c.control !== "seat" || !!c.turns?.length || (!!r.players && !r.players.some((p) => p.seat === c.id));
}

/**
 * Who played a country: the facilitator's report names the people of a seat (and their
 * ministries), or a bot; a seat that changed hands says who played it from which round ("Ana,
 * then a bot from round 3"), the public report without people's names ("Players, then a bot
 * from round 3").
 */
function controlText(r: DebriefReport, c: DebriefReport["countries"][number], w: Translator): string {
  if (c.control !== "seat") return w.label("control", c.control);
  const now = r.players ? holdersText(r, c, w) : undefined;
  if (!c.turns?.length) return now ?? w.label("control", c.control);
  const people = (names: string[] | undefined) => (r.players && names?.length ? names.join(w.t("misc.comma")) : w.t("report.control.people"));
  const first = c.turns[0]!;
  const parts = [first.to === "bot" ? people(first.names) : w.t("report.control.aBot")];
  c.turns.forEach((t, i) => {
    // The people who hold the seat at the end are named with their ministries, as without a handover.
    const who = t.to === "bot" ? w.t("report.control.aBot") : i === c.turns!.length - 1 && now && now !== w.t("report.control.bot") ? now : people(t.names);
    parts.push(w.t("report.control.then", { who, round: t.round }));
  });
  return parts.join("");
}

/** The people who hold a seat at the end (with teams, their ministries), or "bot" when nobody does. */
function holdersText(r: DebriefReport, c: DebriefReport["countries"][number], w: Translator): string {
  const people = r.players!.filter((p) => p.seat === c.id);
  if (!people.length) return w.t("report.control.bot");
  const teams = r.game.settings?.teams;
  return people
    .map((p) => {
      const roles = heldMinistries(w, teams, p.roles);
      return roles ? w.t("report.control.person", { name: p.name, roles }) : p.name;
    })
    .join(w.t("misc.comma"));
}

function scoresTable(scores: Score[], countries: DebriefReport["countries"], h: H): string {
  const { k, num, name } = h;
  if (!scores.length) return `<p class="empty">${esc(k("report.scores.none"))}</p>`;
  // Ranked as the end screen ranks them: the seats only, an automated partner takes no rank.
  const ranks = seatRanks(scores, (id) => countries.find((c) => c.id === id)?.control === "seat", exactTotal);
  const metrics = COUNTRY_METRICS;
  return `<p class="swipe-hint">${esc(k("report.swipe"))}</p><table tabindex="0" class="data scores"><thead><tr><td colspan="2"></td><th colspan="${metrics.length}" class="group" scope="colgroup">${esc(k("report.scores.weighted"))}</th><td colspan="6"></td></tr><tr><th>${esc(k("report.col.rank"))}</th><th>${esc(k("report.col.country"))}</th>${metrics.map((m) => `<th class="num">${esc(h.metric(m))}</th>`).join("")}<th class="num">${esc(k("report.col.objectives"))}</th><th class="num">${esc(k("report.col.capital"))}</th><th class="num">${esc(k("report.col.falls"))}</th><th class="num">${esc(k("report.col.subtotal"))}</th><th class="num">${esc(k("report.col.factor"))}</th><th class="num">${esc(k("report.col.total"))}</th></tr></thead><tbody>
${scores
  .map((s) => {
    const met = s.objectives.filter((o) => o.met);
    return `<tr><td>${ranks.get(s.country) ?? "—"}</td><th scope="row">${esc(name(s.country))}</th>${metrics.map((m) => `<td class="num">${num(s.weighted[m])}</td>`).join("")}<td class="num" title="${esc(met.map((o) => o.text).join(k("report.join")))}">${met.length}/${s.objectives.length} · ${num(met.reduce((x, o) => x + o.points, 0))}</td><td class="num">${s.capital ? num(s.capital) : ""}</td><td class="num">${s.fallPenalty ? `−${num(s.fallPenalty)}` : ""}</td><td class="num">${num(s.subtotal)}</td><td class="num">${s.factor}</td><td class="num"><strong>${num(s.total)}</strong></td></tr>`;
  })
  .join("")}
</tbody></table>`;
}

function impactsHtml(impacts: Impact[] | undefined, w: Translator, h: H): string {
  if (!impacts?.length) return "";
  const list = impacts.map((i) => metricChange(i.subject, i.key, i.amount, h));
  return `<p class="impacts">${esc(h.k("report.impacts", { impacts: list.join(h.k("report.join")) }))}</p>`;
}

/**
 * One metric's change, worded as the console and the board's "What it does" word an effect
 * ("United States: Prosperity −6", "Table: Tension +4"): the report's "Effects:" and "Changed:"
 * lines both say it so. `who` names a subject that is not the table (a country, or a group).
 */
function metricChange(subject: string, metric: string, amount: number, h: H, who: (id: string) => string = h.name): string {
  if (subject === "table") return h.k("report.effect.table", { metric: h.metric(metric), amount: h.signed(amount) });
  return h.k("effect.metric", { who: who(subject), metric: h.metric(metric), amount: h.signed(amount) });
}

function effectText(e: Effect, w: Translator, h: H): string {
  const { k, signed, name, sentence } = h;
  const who = (t: string) => (GROUPS.includes(t) ? k(`report.effect.every.${t}`) : name(t));
  const whom = (t: string): Arg => (GROUPS.includes(t) ? k(`report.effect.every.${t}`) : country(t));
  switch (e.kind) {
    // The metric's label, as the console and the board's "What it does" write the card ("Table: Tension +4").
    case "metric":
      return metricChange(e.target, e.metric, e.amount, h, who);
    case "table":
      return metricChange("table", e.metric, e.amount, h);
    case "capability":
      return k("effect.capability", { who: who(e.target), sector: w.label("sector", e.sector), amount: signed(e.amount) });
    case "capital":
      return k("effect.capital", { who: who(e.target), amount: signed(e.amount) });
    case "stance":
      return sentence("report.effect.stance", { who: country(e.target), stance: w.label("stance", e.stance) });
    case "restriction":
      return sentence("report.effect.restriction", { who: country(e.by), sector: ref("sector", e.sector, true), on: whom(e.on), rounds: w.tn("deal.duration", e.rounds) });
  }
}

/** `failed`: a ruling whose roll failed, whose effects were never applied. */
function effectsHtml(effects: Effect[] | undefined, w: Translator, h: H, failed = false): string {
  if (!effects?.length) return "";
  return `<p class="effects">${esc(h.k(failed ? "ruling.effects.failed" : "ruling.effects", { effects: effects.map((e) => effectText(e, w, h)).join(h.k("report.join")) }))}</p>`;
}

function timelineHtml(timeline: TimelineEntry[], w: Translator, h: H): string {
  const { k } = h;
  if (!timeline.length) return `<p class="empty">${esc(k("report.timeline.none"))}</p>`;
  const rounds = new Map<number, TimelineEntry[]>();
  for (const e of timeline) rounds.set(e.round, [...(rounds.get(e.round) ?? []), e]);
  const badge = (e: TimelineEntry) => (e.kind === "agreement" && e.step ? k(`report.step.${e.step}`) : e.kind === "news" && e.topic ? w.label("report.topic", e.topic) : k(`report.kind.${e.kind}`));
  const phase = (p: TimelineEntry["phase"]) => (p === "resolution" ? k("report.phase.resolution") : w.label("phase", p));
  return [...rounds.entries()]
    .map(
      ([round, entries]) => `<div class="round"><h3>${esc(round === 0 ? k("report.timeline.before") : h.roundLabel(round))}</h3><ol class="timeline">${entries
        .filter((e) => e.kind !== "round")
        .map(
          (e) =>
            `<li class="entry k-${e.kind}" data-kind="${e.kind}"><span class="when">${esc(phase(e.phase))}${e.at ? ` ${h.date(e.at, true)}` : ""}</span><span class="badge ${e.kind}${e.step ? ` step-${e.step}` : ""}">${esc(badge(e))}</span><span class="what">${esc(w.render(e.text))}${e.reason ? `<span class="reason">${esc(k("misc.dash"))}${esc(h.said(e.reason, e.step))}</span>` : ""}${e.kind === "inject" || e.kind === "ruling" || e.kind === "event" ? impactsHtml(e.impacts, w, h) : ""}</span></li>`,
        )
        .join("")}</ol></div>`,
    )
    .join("\n");
}

/**
 * A game ended during a round's event or negotiation: said plainly, with the deals that were
 * proposed or signed then and lapsed at the end (the steps the engine's endGame records).
 */
function unresolvedNote(r: DebriefReport, w: Translator): string {
  const round = r.game.unresolvedRound;
  if (!round) return "";
  const lapsed = r.agreements.filter((a) => a.steps.some((s) => s.what === "lapsed" && s.phase === "ended" && s.round === round));
  const deals = lapsed.map((a) => w.t("report.unresolved.deal", { id: a.id, type: w.label("type", a.type) })).join(w.t("misc.comma"));
  return `<p class="unresolved" id="unresolved"><strong>${esc(w.t("report.unresolved.title", { round }))}</strong>${esc(w.t("misc.sentenceJoin"))}${esc(w.t(lapsed.length ? "report.unresolved.deals" : "report.unresolved.none", { round, deals }))}</p>`;
}

function agreementSummary(agreements: ReportAgreement[], w: Translator, h: H): string {
  const { k } = h;
  if (!agreements.length) return "";
  const types = [...new Set(agreements.map((a) => a.type))];
  const count = (type: string, fate: string) => agreements.filter((a) => a.type === type && a.fate === fate).length;
  const used = FATES.filter((f) => agreements.some((a) => a.fate === f));
  return `<table tabindex="0" class="data compact"><caption>${esc(k("report.agreements.byType"))}</caption><thead><tr><th>${esc(k("report.agreements.type"))}</th>${used.map((f) => `<th class="num">${esc(k(`report.fate.${f}`))}</th>`).join("")}<th class="num">${esc(k("report.agreements.all"))}</th></tr></thead><tbody>
${types.map((t) => `<tr><th scope="row">${esc(w.label("type", t))}</th>${used.map((f) => `<td class="num">${count(t, f) || ""}</td>`).join("")}<td class="num">${agreements.filter((a) => a.type === t).length}</td></tr>`).join("")}
<tr class="total"><th scope="row">${esc(k("report.agreements.all"))}</th>${used.map((f) => `<td class="num">${agreements.filter((a) => a.fate === f).length}</td>`).join("")}<td class="num">${agreements.length}</td></tr>
</tbody></table>`;
}

const NEVER_IN_FORCE = new Set(["open", "declined", "lapsed"]);
/** Steps the engine records while resolving a round (and automated countries' answers, given then). */
const RESOLUTION_STEPS = new Set(["in-force", "lapsed", "expired", "defaulted", "completed"]);

function agreementsHtml(r: DebriefReport, w: Translator, h: H): string {
  const { k } = h;
  if (!r.agreements.length) return `<p class="empty">${esc(k(r.audience === "public" ? "report.agreements.nonePublic" : "report.agreements.none"))}</p>`;
  const seats = new Set(r.countries.filter((c) => c.control === "seat").map((c) => c.id));
  const phase = (s: ReportAgreement["steps"][number]) => (RESOLUTION_STEPS.has(s.what) || (s.by && !seats.has(s.by)) ? k("report.phase.resolution") : w.label("phase", s.phase));
  const tookForce = r.agreements.filter((a) => !NEVER_IN_FORCE.has(a.fate));
  const never = r.agreements.filter((a) => NEVER_IN_FORCE.has(a.fate));
  const step = (s: ReportAgreement["steps"][number]) =>
    !s.by ? k(`report.step.${s.what}`) : s.what === "stepped-out" ? h.sentence("report.agreement.steppedOut", { country: stepBy(s) }) : h.sentence("report.agreement.by", { step: k(`report.step.${s.what}`), country: stepBy(s) });
  return `<h3>${esc(k("report.agreements.tookForce", { count: tookForce.length }))}</h3>
${tookForce.length ? tookForce.map((a) => agreementCard(a, w, h, phase, step)).join("\n") : `<p class="empty">${esc(k("report.agreements.empty"))}</p>`}
<h3>${esc(k("report.agreements.never", { count: never.length }))}</h3>
${
  never.length
    ? `<table tabindex="0" class="data compact offers"><thead><tr><th>${esc(k("report.agreements.col.deal"))}</th><th>${esc(k("report.agreements.col.terms"))}</th><th>${esc(k("report.agreements.col.fate"))}</th><th>${esc(k("report.agreements.col.life"))}</th></tr></thead><tbody>${never
        .map(
          (a) =>
            `<tr><th scope="row">${esc(a.id)}<br><span class="muted">${esc(w.label("type", a.type))}</span></th><td>${esc(w.render(a.description))}<span class="muted">${esc(k("misc.aside", { text: w.tn("deal.duration", a.duration) }))}</span></td><td><span class="badge fate-${a.fate}">${esc(k(`report.fate.${a.fate}`))}</span></td><td>${a.steps
              .map((s) => `${esc(h.roundShort(s.round))} ${esc(step(s))}${s.reason ? `<span class="reason">${esc(h.k("misc.dash"))}${esc(h.said(s.reason, s.what))}</span>` : ""}`)
              .join("<br>")}</td></tr>`,
        )
        .join("")}</tbody></table>`
    : `<p class="empty">${esc(k("report.agreements.empty"))}</p>`
}`;
}

function agreementCard(a: ReportAgreement, w: Translator, h: H, phase: (s: ReportAgreement["steps"][number]) => string, step: (s: ReportAgreement["steps"][number]) => string): string {
  const { k, name } = h;
  const facts = [
    w.tn("deal.duration", a.duration),
    ...(a.startRound !== undefined ? [k("report.agreement.inForce", { rounds: a.startRound === a.endRound ? k("timeline.roundOne", { round: a.startRound }) : k("timeline.roundSpan", { from: a.startRound, to: a.endRound ?? a.startRound }) })] : []),
    ...(a.brokenBy ? [h.sentence("report.agreement.brokenBy", { country: country(a.brokenBy) })] : []),
    ...(a.revision > 1 ? [k("report.agreement.revision", { revision: a.revision })] : []),
  ];
  return `<article class="card deal fate-${a.fate}">
<p class="deal-head"><span class="badge fate-${a.fate}">${esc(k(`report.fate.${a.fate}`))}</span> <strong>${esc(a.id)}${DOT}${esc(w.label("type", a.type))}</strong> <span class="muted">${esc(facts.join(DOT))}</span></p>
<p>${esc(w.render(a.description))} <span class="muted">${esc(h.sentence("report.agreement.proposedBy", { country: country(a.proposedBy), parties: w.list(a.parties.map(name)) }))}</span></p>
<ol class="steps">${a.steps.map((s) => `<li><span class="when">${esc(h.roundShort(s.round))} ${esc(phase(s))}</span> ${esc(step(s))}${amends(s) || (s.what === "signed" && a.revision > 1) ? ` <span class="muted">${esc(k("report.agreement.rev", { revision: s.revision }))}</span>` : ""}${s.reason ? `<span class="reason">${esc(h.k("misc.dash"))}${esc(h.said(s.reason, s.what))}</span>` : ""}</li>`).join("")}</ol>
</article>`;
}

function chatHtml(r: DebriefReport, w: Translator, h: H): string {
  if (!r.chat.messages.length) return `<p class="empty">${esc(h.k("report.chat.none"))}</p>`;
  const channels = r.chat.channels.filter((c) => r.chat.messages.some((m) => m.channel === c.id));
  return channels
    .map((c) => {
      const messages = r.chat.messages.filter((m) => m.channel === c.id);
      // The kind's tag only when it says more than the channel's name (the plenary is named by its kind).
      const name = w.render(messages[0]!.channelName);
      const kind = w.label("talks.kind", c.kind);
      return `<div class="channel"><h3>${esc(name)}${kind === name ? "" : ` <span class="tag">${esc(kind)}</span>`}</h3><ol class="chat">${messages
        .map((m) => `<li><span class="when">${esc(h.roundShort(m.round))}</span> <strong>${esc(w.render(m.from))}</strong>${esc(h.k("misc.colon"))}${m.deleted ? `<em class="removed">${esc(h.k("mod.deleted"))}</em>` : esc(m.said ? w.render(m.said) : m.text)}</li>`)
        .join("")}</ol></div>`;
    })
    .join("\n");
}

function seriesTable(title: string, rounds: number[], rows: [string, number[]][], h: H): string {
  return `<table tabindex="0" class="data numbers"><caption>${esc(title)}</caption><thead><tr><td></td>${rounds.map((r) => `<th class="num">${esc(h.roundShort(r))}</th>`).join("")}</tr></thead><tbody>
${rows.map(([label, values]) => `<tr><th scope="row">${esc(label)}</th>${values.map((v) => `<td class="num">${h.num(v)}</td>`).join("")}</tr>`).join("")}
</tbody></table>`;
}

/** Why the table's metrics moved each round: the largest causes of each change (they add up to it). */
function tableWhy(r: DebriefReport, w: Translator, h: H): string {
  const { k, num } = h;
  // A cause's amount as the review gives it.
  const causeAmount = (x: number) => signedNumber(w.locale, x, CAUSE_DIGITS);
  const rows = r.tableChanges.flatMap((round) =>
    round.changes
      .filter((c) => c.to !== c.from)
      .map((c) => {
        // By source, as the review groups them (shared/engine/cause-groups.ts): a card's shortages in many countries are one line.
        const causes = groupCauses(c.causes);
        const shown = causes.slice(0, 6);
        const rest = causes.slice(6);
        const restSum = rest.reduce((x, y) => x + y.amount, 0);
        return `<tr><td>${esc(h.roundShort(round.round))}</td><th scope="row">${esc(h.metric(c.key))}</th><td class="num">${num(c.from)} → <strong>${num(c.to)}</strong></td><td>${shown.map((x) => `${esc(w.render(x.label))} <strong>${causeAmount(x.amount)}</strong>`).join(esc(k("report.join")))}${rest.length ? `${esc(k("report.join"))}<span class="muted">${esc(k("report.why.rest", { count: rest.length, amount: causeAmount(restSum) }))}</span>` : ""}</td></tr>`;
      }),
  );
  if (!rows.length) return "";
  return `<table tabindex="0" class="data compact why"><caption>${esc(k("report.why"))}</caption><thead><tr><th>${esc(k("report.why.col.round"))}</th><th>${esc(k("report.why.col.metric"))}</th><th class="num">${esc(k("report.why.col.change"))}</th><th>${esc(k("report.why.col.causes"))}</th></tr></thead><tbody>${rows.join("")}</tbody></table>`;
}

function capabilityTable(r: DebriefReport, w: Translator, h: H): string {
  const last = r.series.rounds.length - 1;
  return `<table tabindex="0" class="data numbers"><caption>${esc(h.k("report.capabilities", { last: h.roundLabel(r.series.rounds[last]!) }))}</caption><thead><tr><td></td>${SECTORS.map((s) => `<th class="num">${esc(w.label("sector", s))}</th>`).join("")}</tr></thead><tbody>
${r.countries
  .map((c) => {
    const caps = r.series.capabilities[c.id]!;
    return `<tr><th scope="row">${esc(h.name(c.id))}</th>${SECTORS.map((s) => {
      const v = caps[s];
      const a = v[0]!;
      const b = v[last]!;
      return `<td class="num">${h.num(a)}${b !== a ? ` → <strong>${h.num(b)}</strong>` : ""}</td>`;
    }).join("")}</tr>`;
  })
  .join("")}
</tbody></table>`;
}

const STYLE = `
:root { --ink:#1d232b; --muted:#5f6b78; --line:#d9dee4; --bg:#ffffff; --soft:#f4f6f8; --accent:#1f5f99;
  --met:#1e7b3c; --missed:#b3261e; --inject:#8a4b00; --event:#1f5f99; --ruling:#6b3fa0; --deal:#33691e; --news:#455a64; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0 auto; max-width: 1040px; padding: 24px 28px 48px; font: 15px/1.5 "Segoe UI", system-ui, -apple-system, Roboto, "Helvetica Neue", Arial, "${CJK_FAMILY}", "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "${CJK_REST_FAMILY}", sans-serif; color: var(--ink); background: var(--bg); }
h1 { font-size: 30px; line-height: 1.2; margin: 4px 0 8px; }
h2 { font-size: 22px; margin: 36px 0 12px; padding-bottom: 6px; border-bottom: 2px solid var(--ink); }
h3 { font-size: 16px; margin: 20px 0 8px; }
p { margin: 6px 0; }
code { font: 13px ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; background: var(--soft); padding: 1px 4px; border-radius: 3px; }
a { color: var(--accent); }
.kicker { text-transform: uppercase; letter-spacing: .08em; font-size: 12px; color: var(--muted); margin: 0; }
.lede { color: var(--muted); max-width: 80ch; }
.facts { display: grid; grid-template-columns: repeat(auto-fit, minmax(230px, 1fr)); gap: 6px 18px; margin: 14px 0; }
.facts div { border-left: 3px solid var(--line); padding-left: 8px; }
.facts dt { font-size: 12px; color: var(--muted); text-transform: uppercase; letter-spacing: .05em; }
.facts dd { margin: 0; }
.nowrap { white-space: nowrap; }
/* A moment reads whole: "negotiation 07:43 PM UTC" wrapped to "PM UTC" alone in the timeline's narrow column. */
time { white-space: nowrap; }
:lang(zh) p, :lang(zh) li, :lang(zh) dd { text-wrap-style: pretty; }
.facts .full { grid-column: 1 / -1; order: 9; }
.outcome { padding: 10px 14px; border-radius: 6px; font-size: 16px; }
.unresolved { padding: 10px 14px; border-radius: 6px; background: #fff4e0; border: 1px solid #b26b00; }
.outcome.met { background: #e6f4ea; border: 1px solid var(--met); }
.outcome.missed { background: #fdecea; border: 1px solid var(--missed); }
.toc ol { columns: 3; margin: 12px 0; padding-left: 20px; font-size: 14px; }
.note, .muted { color: var(--muted); }
.block { display: block; }
.note { font-size: 13.5px; }
.empty { color: var(--muted); font-style: italic; }
.targets { list-style: none; padding: 0; }
.targets li { padding: 3px 0 3px 1.4em; text-indent: -1.4em; } .targets .why { color: #444; }
.mark { display: inline-block; width: 1.3em; font-weight: 700; text-indent: 0; }
.met .mark, .mark.met { color: var(--met); } .missed .mark, .mark.missed { color: var(--missed); }
table.data { border-collapse: collapse; width: 100%; margin: 10px 0 18px; font-size: 13.5px; }
table.data caption { text-align: left; font-weight: 600; padding: 4px 0; }
table.data th, table.data td { border-bottom: 1px solid var(--line); padding: 4px 6px; text-align: left; vertical-align: top; }
/* A Chinese name or heading breaks at its spaces and punctuation only: a phone's narrow table broke "印度尼西亚" one character a line (the table scrolls sideways instead). */
table.data th { word-break: keep-all; }
table.data thead th { background: var(--soft); font-weight: 600; font-size: 12.5px; }
table.data .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
table.data th.group { text-align: center; font-weight: 500; color: var(--muted); border-bottom: 1px solid var(--muted); background: none; }
table.data tr.total th, table.data tr.total td { border-top: 2px solid var(--ink); font-weight: 600; }
table.why td:last-child { font-size: .92em; } table.why td:first-child { width: 4em; }
table.offers td:nth-child(2) { width: 38%; } table.offers td:last-child { font-size: .95em; }
table.numbers { font-size: 12px; table-layout: fixed; break-inside: avoid; page-break-inside: avoid; }
table.numbers th:first-child { width: 26%; }
.chart { margin: 12px 0 22px; break-inside: avoid; page-break-inside: avoid; }
.chart figcaption { font-weight: 600; margin-bottom: 4px; }
.chart .frame { position: relative; width: 100%; }
.chart.wide .frame { height: 340px; }
.chart.small .frame { height: 190px; }
.chart img.print-copy { display: none; width: 100%; height: auto; }
.grid { display: grid; grid-template-columns: repeat(3, 1fr); gap: 10px 16px; }
.grid .chart { margin: 0; }
.grid.two { grid-template-columns: 1fr 1fr; }
.grid.two .card { margin: 0; }
.tag { font-size: 11px; font-weight: 500; color: var(--muted); border: 1px solid var(--line); border-radius: 8px; padding: 0 6px; vertical-align: middle; }
.badge { display: inline-block; min-width: 72px; white-space: nowrap; align-self: start; text-align: center; font-size: 11px; font-weight: 600; text-transform: uppercase; letter-spacing: .04em; border-radius: 3px; padding: 1px 6px; color: #fff; background: var(--news); }
.badge.event { background: var(--event); } .badge.inject, .badge.scheduled { background: var(--inject); }
.badge.ruling, .badge.matrix { background: var(--ruling); } .badge.agreement { background: var(--deal); }
.badge.broadcast { background: #00695c; } .badge.phase { background: #5f6b78; }
.badge.step-proposed, .badge.step-amended { background: #4a6a88; }
.badge.step-declined, .badge.step-lapsed { background: #5f6b78; }
.badge.step-withdrawn, .badge.step-defaulted { background: var(--missed); }
.badge.step-completed { background: #00695c; }
.badge.fate-kept, .badge.fate-in-force, .badge.fate-signed { background: var(--met); }
.badge.fate-broken, .badge.fate-defaulted { background: var(--missed); }
.badge.fate-declined, .badge.fate-lapsed, .badge.fate-open { background: #5f6b78; }
.round h3 { margin-top: 18px; border-bottom: 1px solid var(--line); }
ol.timeline { list-style: none; padding: 0; margin: 0; }
.entry { display: grid; grid-template-columns: 128px 96px 1fr; gap: 8px; align-items: start; padding: 3px 0; border-bottom: 1px dotted var(--line); font-size: 13.5px; break-inside: avoid; page-break-inside: avoid; }
.entry[hidden] { display: none; }
.entry .when { color: var(--muted); font-size: 12px; padding-top: 2px; }
.entry.k-phase { color: var(--muted); }
.entry.k-inject, .entry.k-ruling { background: #fff8ec; }
.reason { font-style: italic; color: #4a5561; }
/* Chinese has no italic face (the browser slants the glyphs): a reason stands apart by its colour instead. */
:lang(zh) .reason, :lang(zh) .empty, :lang(zh) em { font-style: normal; }
:lang(zh) .reason { color: #8a5a00; }
.impacts, .effects { font-size: 12.5px; color: #3b4650; margin: 2px 0; }
.filters { font-size: 13px; margin: 8px 0; display: flex; flex-wrap: wrap; gap: 4px 14px; }
.card { border: 1px solid var(--line); border-radius: 6px; padding: 8px 12px; margin: 8px 0; break-inside: avoid; page-break-inside: avoid; }
.card.inject { border-left: 4px solid var(--inject); }
ol.cards { list-style: none; padding: 0; }
.deal { border-left: 4px solid #8d96a0; }
.deal.fate-kept, .deal.fate-in-force, .deal.fate-signed { border-left-color: var(--met); }
.deal.fate-broken, .deal.fate-defaulted { border-left-color: var(--missed); }
.deal-head { margin-bottom: 2px; }
ol.steps { margin: 4px 0 0; padding-left: 18px; font-size: 13px; }
ol.steps .when { color: var(--muted); font-size: 12px; display: inline-block; min-width: 104px; }
.objectives ul { list-style: none; padding-left: 0; margin: 4px 0; }
.objectives h3 { margin: 2px 0 4px; }
.ticket h3 { margin: 2px 0 4px; }
.ticket ol { padding-left: 1.4em; margin: 4px 0; }
.ticket p { margin: 2px 0; white-space: pre-wrap; }
.secret { background: var(--soft); }
.channel h3 { font-size: 15px; }
ol.chat { list-style: none; padding: 0; font-size: 13.5px; }
ol.chat li { padding: 2px 0; border-bottom: 1px dotted var(--line); break-inside: avoid; }
ol.chat .when { color: var(--muted); font-size: 12px; display: inline-block; min-width: 28px; }
ol.chat .removed { color: var(--muted); }
ol.questions li { margin-bottom: 18px; break-inside: avoid; page-break-inside: avoid; }
ol.questions .lines span { display: block; height: 26px; border-bottom: 1px solid #b8c0c8; }
footer { margin-top: 40px; border-top: 1px solid var(--line); color: var(--muted); font-size: 12.5px; }
@media (max-width: 760px) { .grid { grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); } .entry { grid-template-columns: 1fr; } .toc ol { columns: 1; } }
/* A phone: one chart a row, wide tables scroll inside themselves (focusable, so the keyboard can too). */
.swipe-hint { display: none; }
@media (max-width: 520px) { .swipe-hint { display: block; color: #555; font-size: 0.85em; margin: 0 0 4px; } table.data.scores th[scope="row"] { position: sticky; left: 0; background: #fff; } body { padding: 12px 12px 40px; } .grid, .grid.two { grid-template-columns: minmax(0, 1fr); } table.data { display: block; overflow-x: auto; max-width: 100%; } }
/* A phone: the offers that never took force read as a list, each offer a block (terms, fate, then its history), as the
   agreements above do; as a table its history column was some 45 px, three Chinese characters a line. */
@media (max-width: 520px) { table.data.offers, table.data.offers tbody, table.data.offers tr { display: block; } table.data.offers thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; } table.data.offers tr { border-bottom: 1px solid var(--line); padding: 6px 0; } table.data.offers th, table.data.offers td { display: block; width: auto; border: 0; padding: 2px 0; } }
/* A finger or a phone-wide screen: the language links and the contents are 44 px tall to tap (they were one line of small text). */
@media (pointer: coarse), (max-width: 700px) { .langs a, .toc a { display: inline-flex; align-items: center; min-height: 44px; } }
@page { margin: 14mm 12mm 16mm; }
.print-actions { margin: 0 0 12px; }
.print-actions button { font: inherit; padding: 6px 12px; border: 1px solid var(--line); border-radius: 4px; background: #fff; cursor: pointer; }
/* Parts numbered in the order they are shown, the appendix apart. Digits in every language: a
   counter's characters are not in the page's text, which decides the Chinese glyphs the report
   carries inside (report-font.ts), and every font has the digits. */
main { counter-reset: part; }
main > section:not(#numbers) { counter-increment: part; }
main > section:not(#numbers) > h2::before { content: counter(part) ". "; }
.toc li.appendix { list-style: none; }
@media print {
  /* The handout: the outcome and the questions, unnumbered, without the record's seed and settings. */
  html.handout main > section:not(#outcome):not(#questions), html.handout .fact-record, html.handout .fact-settings { display: none !important; }
  html.handout main > section:not(#numbers) > h2::before { content: none; }
  body { max-width: none; padding: 0; font-size: 10pt; }
  h1 { font-size: 22pt; } h2 { font-size: 15pt; margin-top: 0; } h3 { font-size: 11.5pt; }
  .screen-only, .toc { display: none !important; }
  .page { break-before: page; page-break-before: always; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  .chart canvas { display: none !important; }
  .chart img.print-copy { display: block; }
  .chart .frame { height: auto !important; }
  .chart.wide { width: 100%; }
  .grid { grid-template-columns: repeat(3, 1fr); }
  table.data { font-size: 8.5pt; }
  /* The scores' thirteen columns fit an A4 page's width: their heads wrap, their cells pad less. */
  table.data thead th { font-size: 8pt; }
  table.data thead th.num { white-space: normal; }
  table.data th, table.data td { padding: 3px 4px; }
  table.data thead { display: table-header-group; }
  table.data tr { break-inside: avoid; page-break-inside: avoid; }
  .entry { grid-template-columns: 104px 84px 1fr; font-size: 8.8pt; }
  .entry .badge { font-size: 7pt; min-width: 0; width: 100%; }
  a { color: inherit; text-decoration: none; }
}
`;

/** Draws every chart, then keeps an image copy of each for printing (canvases clip in print). */
const CHART_SCRIPT = `
(function () {
  var data = JSON.parse(document.getElementById("report-data").textContent);
  var palette = ["#1f77b4","#d62728","#2ca02c","#ff7f0e","#9467bd","#8c564b","#e377c2","#17becf","#bcbd22","#7f7f7f","#393b79","#637939","#8c6d31","#843c39","#7b4173","#3182bd","#e6550d","#31a354","#756bb1","#636363"];
  var tableColors = { cohesion: "#1f77b4", resilience: "#2ca02c", divide: "#ff7f0e", tension: "#d62728" };
  var metricColors = { prosperity: "#1f77b4", security: "#d62728", influence: "#9467bd", trust: "#2ca02c", support: "#ff7f0e" };
  document.querySelectorAll(".filters input").forEach(function (box) {
    box.addEventListener("change", function () {
      document.querySelectorAll('.entry[data-kind="' + box.dataset.kind + '"]').forEach(function (li) { li.hidden = !box.checked; });
    });
  });
  // The handout: the outcome and the debrief questions alone, a few pages instead of the whole record.
  var handout = document.getElementById("print-handout");
  if (handout) handout.addEventListener("click", function () { document.documentElement.classList.add("handout"); window.print(); });
  window.addEventListener("afterprint", function () { document.documentElement.classList.remove("handout"); });
  if (typeof Chart === "undefined") return;
  // A chart's words are drawn once: the Chinese font inlined above (if any) must be ready first.
  var faces = document.fonts ? Array.from(document.fonts).filter(function (f) { return f.family.replace(/"/g, "") === "${CJK_FAMILY}"; }) : [];
  if (faces.length) Promise.all(faces.map(function (f) { return f.load().catch(function () {}); })).then(drawCharts);
  else drawCharts();

  function drawCharts() {
    Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
    Chart.defaults.font.size = 12;
    Chart.defaults.color = "#3b4650";
    function line(label, values, color, dashed) {
      return { label: label, data: values, borderColor: color, backgroundColor: color, borderWidth: dashed ? 1.5 : 2, borderDash: dashed ? [5, 4] : [], pointRadius: 2.5, pointHoverRadius: 4, tension: 0, spanGaps: true };
    }
    function options(fixed, legend) {
      return {
        animation: false, responsive: true, maintainAspectRatio: false, devicePixelRatio: 2,
        interaction: { mode: "nearest", intersect: false },
        plugins: { legend: { display: legend !== false, position: "bottom", labels: { boxWidth: 14, boxHeight: 2, padding: 8, font: { size: 11 } } }, tooltip: { enabled: true } },
        // true: the whole 0–100 scale; false: Chart.js's own; a { min, max }: that range (a metric's, around its data).
        scales: { y: fixed === true ? { min: 0, max: 100, ticks: { stepSize: 25 } } : fixed ? fixed : {}, x: { grid: { display: false } } }
      };
    }
    function configFor(canvas) {
      var kind = canvas.dataset.chart, config;
      if (kind === "table") {
        var sets = data.tableMetrics.map(function (m) { return line(data.metricNames[m], data.table[m], tableColors[m], false); });
        if (data.tensionPeak) sets.push(Object.assign(line(data.tensionPeak.name, data.tensionPeak.values, tableColors.tension, false), { showLine: false, pointStyle: "triangle", pointRadius: 6, pointHoverRadius: 7 }));
        config = { type: "line", data: { labels: data.labels, datasets: sets }, options: options(true) };
      } else if (kind === "metric") {
        var m = canvas.dataset.metric;
        var all = [].concat.apply([], data.countries.map(function (c) { return data.metrics[c.id][m]; }));
        // Metrics live in 0–100: a range around the data, in tens, never past the bounds.
        var range = { min: Math.max(0, Math.floor((Math.min.apply(null, all) - 2) / 10) * 10), max: Math.min(100, Math.ceil((Math.max.apply(null, all) + 2) / 10) * 10) };
        config = { type: "line", data: { labels: data.labels, datasets: data.countries.map(function (c, i) { return line(c.name, data.metrics[c.id][m], palette[i % palette.length], c.control !== "seat"); }) }, options: options(range) };
      } else {
        var id = canvas.dataset.country;
        config = { type: "line", data: { labels: data.short, datasets: data.countryMetrics.map(function (m) { return line(data.metricNames[m], data.metrics[id][m], metricColors[m], false); }) }, options: options(true) };
        config.options.plugins.legend.labels.font = { size: 10 };
        config.options.plugins.legend.labels.padding = 5;
        config.options.plugins.legend.labels.boxWidth = 10;
      }
      return config;
    }
    var canvases = Array.prototype.slice.call(document.querySelectorAll("canvas[data-chart]"));
    var charts = [];
    function draw(canvas) {
      if (!Chart.getChart(canvas)) charts.push(new Chart(canvas, configFor(canvas)));
    }
    function snapshot(chart) {
      var frame = chart.canvas.parentNode, img = frame.querySelector("img.print-copy");
      if (!img) { img = document.createElement("img"); img.className = "print-copy"; img.alt = chart.canvas.getAttribute("aria-label") || ""; frame.appendChild(img); }
      img.src = chart.toBase64Image("image/png", 1);
    }
    // The charts on screen first, then the rest, each with its copy for printing, a few at a time
    // while the browser is idle: drawn all at once before the page could scroll, 15 charts and
    // their images held a teacher's page still for seconds.
    var tasks = [];
    function task(canvas) { return function () { draw(canvas); snapshot(Chart.getChart(canvas)); }; }
    var idle = window.requestIdleCallback ? function (f) { window.requestIdleCallback(f, { timeout: 500 }); } : function (f) { setTimeout(function () { f({ timeRemaining: function () { return 0; } }); }, 16); };
    function work(deadline) {
      // One at least: a page never idle calls this at the timeout, with no time left.
      while (tasks.length) {
        tasks.shift()();
        if (deadline.timeRemaining() <= 10) break;
      }
      if (tasks.length) idle(work);
      else document.body.setAttribute("data-charts-ready", String(charts.length));
    }
    // Printing: every chart drawn now, and every copy taken anew (the canvases follow the window's size).
    window.addEventListener("beforeprint", function () {
      canvases.forEach(draw);
      charts.forEach(snapshot);
    });
    // After the page's first paint, so that its text shows and scrolls at once.
    requestAnimationFrame(function () {
      setTimeout(function () {
        var high = window.innerHeight;
        var shown = canvases.filter(function (c) { var r = c.getBoundingClientRect(); return r.bottom > 0 && r.top < high; });
        shown.forEach(draw);
        tasks = shown.concat(canvases.filter(function (c) { return shown.indexOf(c) < 0; })).map(task);
        idle(work);
      });
    });
  }
})();
`;
