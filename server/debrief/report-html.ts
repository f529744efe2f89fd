/**
 * The after-action report as one self-contained HTML file: inline CSS, the report's numbers as
 * inline JSON, and Chart.js's UMD build inlined to draw them. No request leaves the file, so it
 * can be mailed, archived and opened offline. Print CSS makes it a clean PDF: sections start on
 * new pages, cards and charts never split, and each chart prints as an image of itself so it
 * is never clipped.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { Score } from "../../shared/engine/scoring.ts";
import { COUNTRY_METRICS, SECTOR_NAMES, SECTORS, TABLE_METRICS, type Sector } from "../../shared/engine/vocabulary.ts";
import type { DebriefReport, Impact, ReportAgreement, TimelineEntry } from "../../shared/protocol/debrief.ts";
import type { Effect } from "../../shared/scenario/schema.ts";

let chartJs: string | undefined;
/** Chart.js's UMD build, read once from node_modules. */
function chartLibrary(): string {
  if (chartJs === undefined) {
    const main = createRequire(import.meta.url).resolve("chart.js");
    chartJs = readFileSync(join(dirname(main), "chart.umd.min.js"), "utf8");
  }
  return chartJs;
}

const METRIC_NAMES: Record<string, string> = {
  prosperity: "Prosperity",
  security: "Security",
  influence: "Influence",
  trust: "Trust",
  support: "Domestic support",
  cohesion: "Alliance cohesion",
  resilience: "Supply-chain resilience",
  divide: "Global tech divide",
  tension: "Tension",
  capital: "Capital",
};

const FATE_NAMES: Record<string, string> = {
  open: "Open offer",
  signed: "Signed",
  "in-force": "In force",
  kept: "Kept (expired)",
  broken: "Broken",
  defaulted: "Defaulted",
  declined: "Declined",
  lapsed: "Lapsed",
};

const KIND_NAMES: Record<TimelineEntry["kind"], string> = {
  round: "Round",
  phase: "Phase",
  event: "Event",
  inject: "Inject",
  scheduled: "Scheduled",
  matrix: "Matrix",
  ruling: "Ruling",
  agreement: "Deal",
  broadcast: "Broadcast",
  news: "News",
};

export function esc(x: unknown): string {
  return String(x ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

/** JSON that is safe inside a <script> element. */
function scriptJson(x: unknown): string {
  return JSON.stringify(x).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}

const num = (x: number) => (Math.round(x * 10) / 10).toLocaleString("en-US");
const signed = (x: number) => (x > 0 ? `+${num(x)}` : x < 0 ? `−${num(-x)}` : "0");
const date = (ms: number | null | undefined) => (ms ? `<time datetime="${new Date(ms).toISOString()}">${esc(new Date(ms).toISOString().slice(0, 16).replace("T", " "))} UTC</time>` : "—");

export function renderReportHtml(r: DebriefReport): string {
  const names = new Map(r.countries.map((c) => [c.id, c.name]));
  const name = (id: string | undefined) => (!id ? "" : id === "facilitator" ? "Facilitator" : id === "system" ? "Clock" : (names.get(id) ?? id));
  const g = r.game;
  const statusText = g.status === "finished" ? (g.crisis ? "Ended in a crisis" : "Finished") : g.status === "running" ? `In progress — report up to round ${g.round}, ${g.phase}` : "Not started";
  const targetsMet = r.outcome.targets.filter((t) => t.met).length;

  const data = {
    labels: r.series.labels,
    table: r.series.table,
    countries: r.countries.map((c) => ({ id: c.id, name: c.name, control: c.control })),
    metrics: r.series.countries,
    metricNames: METRIC_NAMES,
    countryMetrics: COUNTRY_METRICS,
    tableMetrics: TABLE_METRICS,
  };

  const css = STYLE;
  const parts: string[] = [];
  parts.push(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Chokepoint after-action report">
<title>After-action report — ${esc(g.scenario.title)} — ${esc(g.code)}</title>
<style>${css}</style>
</head>
<body>
<header class="cover">
  <p class="kicker">Chokepoint · After-action report${r.audience === "public" ? " · public view" : ""}</p>
  <h1>${esc(g.scenario.title)}</h1>
  <p class="lede">${esc(g.scenario.summary)}</p>
  <dl class="facts">
    <div><dt>Game</dt><dd><code>${esc(g.code)}</code>${g.forkedFrom ? ` — what-if from <code>${esc(g.forkedFrom.code)}</code> at round ${g.forkedFrom.round}` : ""}</dd></div>
    <div><dt>Status</dt><dd>${esc(statusText)}</dd></div>
    <div><dt>Rounds</dt><dd>${g.roundsPlayed} of ${g.rounds} resolved</dd></div>
    <div><dt>Created</dt><dd>${date(g.createdAt)}</dd></div>
    <div><dt>Ended</dt><dd>${date(g.finishedAt)}</dd></div>
    <div class="full"><dt>Settings</dt><dd>${g.settings.teams ? "teams of three ministries" : "one player per seat"}; private channels ${g.settings.channels === "open" ? "open to all" : g.settings.channels === "same-bloc" ? "within a bloc" : "closed"}; facilitator ${g.settings.facilitatorReadsPrivate ? "reads" : "does not read"} private channels${g.settings.bots ? "; bots fill empty seats" : ""}</dd></div>
    ${g.seed !== undefined ? `<div><dt>Seed</dt><dd><code>${esc(g.seed)}</code> · ${g.actions} actions logged</dd></div>` : ""}
  </dl>
  <p class="outcome ${r.outcome.met ? "met" : "missed"}"><strong>Table outcome: ${r.outcome.met ? "met" : "missed"}</strong> — ${targetsMet} of ${r.outcome.targets.length} shared targets hold${g.status === "finished" ? "" : " now"}${r.outcome.met ? "" : g.status === "finished" ? "; every score is scaled down" : "; if the game ended now, every score would be scaled down"}.</p>
</header>
<nav class="toc" aria-label="Contents"><ol>
  <li><a href="#outcome">Outcome and scores</a></li>
  <li><a href="#charts">Metrics by round</a></li>
  <li><a href="#timeline">Timeline</a></li>
  <li><a href="#agreements">Agreements</a></li>
  <li><a href="#control">Control cell: injects and rulings</a></li>
  <li><a href="#countries">Countries and objectives</a></li>
  <li><a href="#chat">Chat</a></li>
  <li><a href="#questions">Debrief questions</a></li>
  <li><a href="#numbers">Appendix: the numbers</a></li>
</ol></nav>
<main>`);

  // 1. Outcome and scores
  parts.push(`<section id="outcome"><h2>1. Outcome and scores</h2>
<h3>Shared targets</h3>
<ul class="targets">${r.outcome.targets.map((t) => `<li class="${t.met ? "met" : "missed"}"><span class="mark" aria-label="${t.met ? "met" : "missed"}">${t.met ? "✓" : "✗"}</span> ${esc(t.text)}</li>`).join("")}</ul>
<h3>Scores${g.status === "finished" ? "" : " so far"}</h3>
<p class="note">Each score is the country's weighted metrics plus the points of the objectives it met, minus a penalty for each government fall; it is multiplied by the factor (×) when the table outcome is missed.${r.audience === "public" && g.status !== "finished" ? " Secret objectives stay hidden until the game ends." : ""}</p>
${scoresTable(r.scores, name)}
</section>`);

  // 2. Charts
  parts.push(`<section id="charts" class="page"><h2>2. Metrics by round</h2>
<p class="note">“Start” is the scenario's opening position; each later point is the end of a round. Solid lines are seats, dashed lines automated countries (the rival, developing partners). The appendix lists every value and why the table's metrics moved each round.</p>
<figure class="chart wide"><figcaption>The table: cohesion, resilience, tech divide and tension (a crisis at 100)</figcaption><div class="frame"><canvas data-chart="table" role="img" aria-label="Table metrics by round"></canvas></div></figure>
${COUNTRY_METRICS.map((m) => `<figure class="chart wide"><figcaption>${esc(METRIC_NAMES[m])} by country</figcaption><div class="frame"><canvas data-chart="metric" data-metric="${m}" role="img" aria-label="${esc(METRIC_NAMES[m])} by country and round"></canvas></div></figure>`).join("\n")}
<h3 class="page">Each country's five metrics (0–100)</h3>
<div class="grid">${r.countries.map((c) => `<figure class="chart small"><figcaption>${esc(c.name)} <span class="tag">${esc(c.control)}</span></figcaption><div class="frame"><canvas data-chart="country" data-country="${esc(c.id)}" role="img" aria-label="${esc(c.name)}: metrics by round"></canvas></div></figure>`).join("")}</div>
</section>`);

  // 3. Timeline
  parts.push(`<section id="timeline" class="page"><h2>3. Timeline</h2>
<p class="note">Every event card, facilitator inject, matrix action and ruling, every step of every agreement, broadcasts and the news, in the order they happened. <em>Italics</em> give the actor's stated reason (bots always give one).</p>
<div class="filters screen-only" role="group" aria-label="Show in the timeline">
${(["event", "inject", "ruling", "matrix", "agreement", "broadcast", "news", "phase"] as const).map((k) => `<label><input type="checkbox" data-kind="${k}" checked> ${KIND_NAMES[k]}</label>`).join(" ")}
</div>
${timelineHtml(r.timeline, name)}
</section>`);

  // 4. Agreements
  parts.push(`<section id="agreements" class="page"><h2>4. Agreements</h2>
${agreementSummary(r.agreements)}
${agreementsHtml(r, name)}
</section>`);

  // 5. Control cell
  parts.push(`<section id="control" class="page"><h2>5. Control cell: injects and rulings</h2>
<h3>Event cards and injects</h3>
${r.events.length ? `<ol class="cards">${r.events.map((e) => `<li class="card ${e.custom ? "inject" : ""}"><p><span class="badge ${e.custom ? "inject" : "event"}">${e.custom ? "Inject" : "Event"}</span> <strong>Round ${e.round}: ${esc(e.title)}</strong> <span class="muted">${esc(e.date)}</span></p><p>${esc(e.text)}</p>${effectsHtml(e.effects, name)}${impactsFor(r.timeline, e.custom ? "inject" : "event", e.title, name)}</li>`).join("")}</ol>` : `<p class="empty">No card was played.</p>`}
${r.scheduled.length ? `<h3>Scheduled, not yet played</h3><ul>${r.scheduled.map((s) => `<li>Round ${s.round}: ${esc(s.title)} — ${esc(s.text)}</li>`).join("")}</ul>` : ""}
<h3>Matrix actions</h3>
${r.matrix.length ? `<ol class="cards">${r.matrix.map((m) => `<li class="card"><p><span class="badge ruling">${esc(m.status)}</span> <strong>${esc(m.id)} · ${esc(name(m.seat))}, round ${m.round}</strong>${m.odds !== undefined ? ` <span class="muted">odds ${Math.round(m.odds * 100)}%</span>` : ""}</p><p>“${esc(m.text)}”</p>${m.note ? `<p class="reason">Ruling: ${esc(m.note)}</p>` : ""}${effectsHtml(m.effects, name)}${rulingImpacts(r.timeline, m.id, name)}</li>`).join("")}</ol>` : `<p class="empty">No matrix action was submitted.</p>`}
</section>`);

  // 6. Countries
  const scoreOf = new Map(r.scores.map((s) => [s.country, s]));
  parts.push(`<section id="countries" class="page"><h2>6. Countries and objectives</h2>
<table class="data compact"><thead><tr><th>Country</th><th>Control</th><th>Stance (start → end)</th><th>Capital (start → end)</th><th>Falls</th><th>Connected</th></tr></thead><tbody>
${r.countries.map((c) => `<tr><th scope="row">${esc(c.name)}</th><td>${esc(c.control)}${c.control === "seat" ? "" : ""} · ${esc(c.personality)}</td><td>${esc(c.stance.start)}${c.stance.end !== c.stance.start ? ` → <strong>${esc(c.stance.end)}</strong>` : ""}</td><td>${num(c.capital.start)} → ${num(c.capital.end)}</td><td>${c.falls || ""}</td><td>${c.connected ? "yes" : "no"}</td></tr>`).join("")}
</tbody></table>
<div class="grid two">${r.countries
  .filter((c) => c.objectives.length || c.secret)
  .map((c) => {
    const results = scoreOf.get(c.id)?.objectives ?? [];
    const mark = (id: string) => {
      const o = results.find((x) => x.id === id);
      return o ? `<span class="mark ${o.met ? "met" : "missed"}">${o.met ? "✓" : "✗"}</span>` : `<span class="mark">·</span>`;
    };
    return `<div class="card objectives"><h3>${esc(c.name)}</h3><ul>${c.objectives.map((o) => `<li>${mark(o.id)} ${esc(o.text)} <span class="muted">${o.points} pts</span></li>`).join("")}${c.secret ? `<li class="secret">${mark(c.secret.id)} <strong>Secret:</strong> ${esc(c.secret.text)} <span class="muted">${c.secret.points} pts</span></li>` : ""}</ul></div>`;
  })
  .join("\n")}</div>
</section>`);

  // 7. Chat
  parts.push(`<section id="chat" class="page"><h2>7. Chat</h2><p class="note">${esc(r.chat.note)}</p>
${chatHtml(r)}
</section>`);

  // 8. Debrief questions
  parts.push(`<section id="questions" class="page"><h2>8. Debrief questions</h2>
<ol class="questions">${r.debrief.map((q) => `<li><p>${esc(q)}</p><div class="lines" aria-hidden="true"><span></span><span></span><span></span><span></span></div></li>`).join("")}</ol>
</section>`);

  // Appendix
  parts.push(`<section id="numbers" class="page"><h2>Appendix: the numbers</h2>
<p class="note">The values the charts draw. The CSV export has the same numbers, one row per country per round.</p>
${seriesTable("The table", r.series.labels, TABLE_METRICS.map((m) => [METRIC_NAMES[m]!, r.series.table[m]]))}
${tableWhy(r)}
${COUNTRY_METRICS.map((m) => seriesTable(METRIC_NAMES[m]!, r.series.labels, r.countries.map((c) => [c.name, r.series.countries[c.id]![m]]))).join("\n")}
${capabilityTable(r)}
</section>`);

  parts.push(`</main>
<footer><p>Generated ${date(Date.parse(r.generatedAt))} from the game's log by the Chokepoint server. The JSON log export replays this game exactly (same seed, same actions, same numbers).</p></footer>
<script type="application/json" id="report-data">${scriptJson(data)}</script>
<script>${chartLibrary()}</script>
<script>${CHART_SCRIPT}</script>
</body>
</html>`);
  return parts.join("\n");
}

function scoresTable(scores: Score[], name: (id: string) => string): string {
  if (!scores.length) return `<p class="empty">No scores.</p>`;
  const metrics = COUNTRY_METRICS;
  return `<table class="data scores"><thead><tr><th colspan="2"></th><th colspan="${metrics.length}" class="group">Weighted metrics (metric × the country's weight)</th><th colspan="5"></th></tr><tr><th>#</th><th>Country</th>${metrics.map((m) => `<th class="num">${esc(METRIC_NAMES[m])}</th>`).join("")}<th class="num">Objectives met · pts</th><th class="num">Falls</th><th class="num">Subtotal</th><th class="num">×</th><th class="num">Total</th></tr></thead><tbody>
${scores
  .map((s, i) => {
    const met = s.objectives.filter((o) => o.met);
    return `<tr><td>${i + 1}</td><th scope="row">${esc(name(s.country))}</th>${metrics.map((m) => `<td class="num">${num(s.weighted[m])}</td>`).join("")}<td class="num" title="${esc(met.map((o) => o.text).join("; "))}">${met.length}/${s.objectives.length} · ${num(met.reduce((x, o) => x + o.points, 0))}</td><td class="num">${s.fallPenalty ? `−${num(s.fallPenalty)}` : ""}</td><td class="num">${num(s.subtotal)}</td><td class="num">${s.factor}</td><td class="num"><strong>${num(s.total)}</strong></td></tr>`;
  })
  .join("")}
</tbody></table>`;
}

function keyName(key: string): string {
  if (key.startsWith("capability:")) return `${SECTOR_NAMES[key.slice(11) as Sector] ?? key.slice(11)} capability`;
  return METRIC_NAMES[key] ?? key;
}

function impactsHtml(impacts: Impact[] | undefined, name: (id: string) => string): string {
  if (!impacts?.length) return "";
  return `<p class="impacts">Changed: ${impacts.map((i) => `${esc(i.subject === "table" ? "Table" : name(i.subject))} ${esc(keyName(i.key).toLowerCase())} <strong>${signed(i.amount)}</strong>`).join("; ")}</p>`;
}

function effectText(e: Effect, name: (id: string) => string): string {
  const who = (t: string) => (["all", "seats", "alliance", "rival", "swing", "partner"].includes(t) ? `every ${t === "all" ? "country" : t === "seats" ? "seat" : `${t} country`}` : name(t));
  switch (e.kind) {
    case "metric":
      return `${who(e.target)}: ${METRIC_NAMES[e.metric]!.toLowerCase()} ${signed(e.amount)}`;
    case "table":
      return `table: ${METRIC_NAMES[e.metric]!.toLowerCase()} ${signed(e.amount)}`;
    case "capability":
      return `${who(e.target)}: ${SECTOR_NAMES[e.sector]} capability ${signed(e.amount)}`;
    case "capital":
      return `${who(e.target)}: capital ${signed(e.amount)}`;
    case "stance":
      return `${name(e.target)} becomes ${e.stance}`;
    case "restriction":
      return `${name(e.by)} stops ${SECTOR_NAMES[e.sector]} supplies to ${who(e.on)} for ${e.rounds} round(s)`;
  }
}

function effectsHtml(effects: Effect[] | undefined, name: (id: string) => string): string {
  if (!effects?.length) return "";
  return `<p class="effects">Effects: ${effects.map((e) => esc(effectText(e, name))).join("; ")}</p>`;
}

function impactsFor(timeline: TimelineEntry[], kind: TimelineEntry["kind"], title: string, name: (id: string) => string): string {
  const entry = timeline.find((e) => e.kind === kind && e.text.includes(title));
  return impactsHtml(entry?.impacts, name);
}

function rulingImpacts(timeline: TimelineEntry[], matrixId: string, name: (id: string) => string): string {
  return impactsHtml(timeline.find((e) => e.kind === "ruling" && e.matrixId === matrixId)?.impacts, name);
}

function timelineHtml(timeline: TimelineEntry[], name: (id: string) => string): string {
  if (!timeline.length) return `<p class="empty">Nothing has happened yet.</p>`;
  const rounds = new Map<number, TimelineEntry[]>();
  for (const e of timeline) rounds.set(e.round, [...(rounds.get(e.round) ?? []), e]);
  return [...rounds.entries()]
    .map(
      ([round, entries]) => `<div class="round"><h3>${round === 0 ? "Before the game" : `Round ${round}`}</h3><ol class="timeline">${entries
        .filter((e) => e.kind !== "round")
        .map(
          (e) =>
            `<li class="entry k-${e.kind}" data-kind="${e.kind}"><span class="when">${esc(e.phase)}${e.at ? ` <time datetime="${new Date(e.at).toISOString()}">${new Date(e.at).toISOString().slice(11, 16)}</time>` : ""}</span><span class="badge ${e.kind}${e.step ? ` step-${e.step}` : ""}">${esc(e.kind === "agreement" && e.step ? e.step : e.kind === "news" && e.topic ? e.topic : KIND_NAMES[e.kind])}</span><span class="what">${esc(e.text)}${e.reason ? ` <span class="reason">— ${esc(e.reason)}</span>` : ""}${e.kind === "inject" || e.kind === "ruling" || e.kind === "event" ? impactsHtml(e.impacts, name) : ""}</span></li>`,
        )
        .join("")}</ol></div>`,
    )
    .join("\n");
}

function agreementSummary(agreements: ReportAgreement[]): string {
  if (!agreements.length) return "";
  const fates = Object.keys(FATE_NAMES);
  const types = [...new Set(agreements.map((a) => a.typeName))];
  const count = (type: string, fate: string) => agreements.filter((a) => a.typeName === type && a.fate === fate).length;
  const used = fates.filter((f) => agreements.some((a) => a.fate === f));
  return `<table class="data compact"><caption>Agreements by type and fate</caption><thead><tr><th>Type</th>${used.map((f) => `<th class="num">${esc(FATE_NAMES[f])}</th>`).join("")}<th class="num">All</th></tr></thead><tbody>
${types.map((t) => `<tr><th scope="row">${esc(t)}</th>${used.map((f) => `<td class="num">${count(t, f) || ""}</td>`).join("")}<td class="num">${agreements.filter((a) => a.typeName === t).length}</td></tr>`).join("")}
<tr class="total"><th scope="row">All</th>${used.map((f) => `<td class="num">${agreements.filter((a) => a.fate === f).length}</td>`).join("")}<td class="num">${agreements.length}</td></tr>
</tbody></table>`;
}

const NEVER_IN_FORCE = new Set(["open", "declined", "lapsed"]);
/** Steps the engine records while resolving a round (and automated countries' answers, given then). */
const RESOLUTION_STEPS = new Set(["in-force", "lapsed", "expired", "defaulted", "completed"]);

function agreementsHtml(r: DebriefReport, name: (id: string) => string): string {
  if (!r.agreements.length) return `<p class="empty">No agreement was proposed${r.audience === "public" ? " in public view" : ""}.</p>`;
  const seats = new Set(r.countries.filter((c) => c.control === "seat").map((c) => c.id));
  const phase = (s: ReportAgreement["steps"][number]) => (RESOLUTION_STEPS.has(s.what) || (s.by && !seats.has(s.by)) ? "resolution" : s.phase);
  const tookForce = r.agreements.filter((a) => !NEVER_IN_FORCE.has(a.fate));
  const never = r.agreements.filter((a) => NEVER_IN_FORCE.has(a.fate));
  return `<h3>Deals that took force (${tookForce.length})</h3>
${tookForce.length ? tookForce.map((a) => agreementCard(a, name, phase)).join("\n") : `<p class="empty">None.</p>`}
<h3>Offers that never took force (${never.length})</h3>
${
  never.length
    ? `<table class="data compact offers"><thead><tr><th>Deal</th><th>Terms</th><th>Fate</th><th>Its life</th></tr></thead><tbody>${never
        .map(
          (a) =>
            `<tr><th scope="row">${esc(a.id)}<br><span class="muted">${esc(a.typeName)}</span></th><td>${esc(a.description)} <span class="muted">(${a.duration} round(s))</span></td><td><span class="badge fate-${a.fate}">${esc(FATE_NAMES[a.fate])}</span></td><td>${a.steps
              .map((s) => `R${s.round} ${esc(s.what)}${s.by ? ` by ${esc(name(s.by))}` : ""}${s.reason ? ` <span class="reason">— ${esc(s.reason)}</span>` : ""}`)
              .join("<br>")}</td></tr>`,
        )
        .join("")}</tbody></table>`
    : `<p class="empty">None.</p>`
}`;
}

function agreementCard(a: ReportAgreement, name: (id: string) => string, phase: (s: ReportAgreement["steps"][number]) => string): string {
  const when = a.startRound !== undefined ? ` · in force ${a.startRound === a.endRound ? `round ${a.startRound}` : `rounds ${a.startRound}–${a.endRound}`}` : "";
  return `<article class="card deal fate-${a.fate}">
<p class="deal-head"><span class="badge fate-${a.fate}">${esc(FATE_NAMES[a.fate])}</span> <strong>${esc(a.id)} · ${esc(a.typeName)}</strong> <span class="muted">${a.duration} round(s)${when}${a.brokenBy ? ` · broken by ${esc(name(a.brokenBy))}` : ""}${a.revision > 1 ? ` · revision ${a.revision}` : ""}</span></p>
<p>${esc(a.description)}. <span class="muted">Proposed by ${esc(name(a.proposedBy))}; parties: ${a.parties.map((p) => esc(name(p))).join(", ")}.</span></p>
<ol class="steps">${a.steps.map((s) => `<li><span class="when">R${s.round} ${esc(phase(s))}</span> ${esc(s.what)}${s.by ? ` by ${esc(name(s.by))}` : ""}${s.what === "amended" || (s.what === "signed" && a.revision > 1) ? ` <span class="muted">(rev. ${s.revision})</span>` : ""}${s.reason ? ` <span class="reason">— ${esc(s.reason)}</span>` : ""}</li>`).join("")}</ol>
</article>`;
}

function chatHtml(r: DebriefReport): string {
  if (!r.chat.messages.length) return `<p class="empty">No message in the channels included.</p>`;
  const channels = r.chat.channels.filter((c) => r.chat.messages.some((m) => m.channel === c.id));
  return channels
    .map(
      (c) =>
        `<div class="channel"><h3>${esc(c.name)} <span class="tag">${esc(c.kind)}</span></h3><ol class="chat">${r.chat.messages
          .filter((m) => m.channel === c.id)
          .map((m) => `<li><span class="when">R${m.round}</span> <strong>${esc(m.from)}:</strong> ${esc(m.text)}</li>`)
          .join("")}</ol></div>`,
    )
    .join("\n");
}

function seriesTable(title: string, labels: string[], rows: [string, number[]][]): string {
  return `<table class="data numbers"><caption>${esc(title)}</caption><thead><tr><th></th>${labels.map((l) => `<th class="num">${esc(l.replace("Round ", "R"))}</th>`).join("")}</tr></thead><tbody>
${rows.map(([label, values]) => `<tr><th scope="row">${esc(label)}</th>${values.map((v) => `<td class="num">${num(v)}</td>`).join("")}</tr>`).join("")}
</tbody></table>`;
}

/** Why the table's metrics moved each round: the largest causes of each change (they add up to it). */
function tableWhy(r: DebriefReport): string {
  const rows = r.tableChanges.flatMap((round) =>
    round.changes
      .filter((c) => c.to !== c.from)
      .map((c) => {
        const causes = [...c.causes].sort((a, b) => Math.abs(b.amount) - Math.abs(a.amount));
        const shown = causes.slice(0, 6);
        const rest = causes.slice(6);
        const restSum = rest.reduce((x, y) => x + y.amount, 0);
        return `<tr><td>R${round.round}</td><th scope="row">${esc(METRIC_NAMES[c.key] ?? c.key)}</th><td class="num">${num(c.from)} → <strong>${num(c.to)}</strong></td><td>${shown.map((x) => `${esc(x.label)} <strong>${signed(x.amount)}</strong>`).join("; ")}${rest.length ? `; <span class="muted">${rest.length} smaller causes ${signed(restSum)}</span>` : ""}</td></tr>`;
      }),
  );
  if (!rows.length) return "";
  return `<table class="data compact why"><caption>Why the table moved, round by round (the largest causes; they add up to each change)</caption><thead><tr><th>Round</th><th>Metric</th><th class="num">Change</th><th>Causes</th></tr></thead><tbody>${rows.join("")}</tbody></table>`;
}

function capabilityTable(r: DebriefReport): string {
  const last = r.series.labels.length - 1;
  return `<table class="data numbers"><caption>Capabilities by sector (0–10): start → ${esc(r.series.labels[last]!)}</caption><thead><tr><th></th>${SECTORS.map((s) => `<th class="num">${esc(SECTOR_NAMES[s])}</th>`).join("")}</tr></thead><tbody>
${r.countries
  .map((c) => {
    const caps = r.series.capabilities[c.id]!;
    return `<tr><th scope="row">${esc(c.name)}</th>${SECTORS.map((s) => {
      const v = caps[s];
      const a = v[0]!;
      const b = v[last]!;
      return `<td class="num">${num(a)}${b !== a ? ` → <strong>${num(b)}</strong>` : ""}</td>`;
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
body { margin: 0 auto; max-width: 1040px; padding: 24px 28px 48px; font: 15px/1.5 "Segoe UI", system-ui, -apple-system, Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink); background: var(--bg); }
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
.facts .full { grid-column: 1 / -1; order: 9; }
.outcome { padding: 10px 14px; border-radius: 6px; font-size: 16px; }
.outcome.met { background: #e6f4ea; border: 1px solid var(--met); }
.outcome.missed { background: #fdecea; border: 1px solid var(--missed); }
.toc ol { columns: 3; margin: 12px 0; padding-left: 20px; font-size: 14px; }
.note, .muted { color: var(--muted); }
.note { font-size: 13.5px; }
.empty { color: var(--muted); font-style: italic; }
.targets { list-style: none; padding: 0; }
.targets li { padding: 3px 0 3px 1.4em; text-indent: -1.4em; }
.mark { display: inline-block; width: 1.3em; font-weight: 700; text-indent: 0; }
.met .mark, .mark.met { color: var(--met); } .missed .mark, .mark.missed { color: var(--missed); }
table.data { border-collapse: collapse; width: 100%; margin: 10px 0 18px; font-size: 13.5px; }
table.data caption { text-align: left; font-weight: 600; padding: 4px 0; }
table.data th, table.data td { border-bottom: 1px solid var(--line); padding: 4px 6px; text-align: left; vertical-align: top; }
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
.badge.broadcast { background: #00695c; } .badge.phase { background: #9aa5b1; }
.badge.step-proposed, .badge.step-amended { background: #4a6a88; }
.badge.step-declined, .badge.step-lapsed { background: #8d96a0; }
.badge.step-withdrawn, .badge.step-defaulted { background: var(--missed); }
.badge.step-completed { background: #00695c; }
.badge.fate-kept, .badge.fate-in-force, .badge.fate-signed { background: var(--met); }
.badge.fate-broken, .badge.fate-defaulted { background: var(--missed); }
.badge.fate-declined, .badge.fate-lapsed, .badge.fate-open { background: #8d96a0; }
.round h3 { margin-top: 18px; border-bottom: 1px solid var(--line); }
ol.timeline { list-style: none; padding: 0; margin: 0; }
.entry { display: grid; grid-template-columns: 128px 96px 1fr; gap: 8px; align-items: start; padding: 3px 0; border-bottom: 1px dotted var(--line); font-size: 13.5px; break-inside: avoid; page-break-inside: avoid; }
.entry[hidden] { display: none; }
.entry .when { color: var(--muted); font-size: 12px; padding-top: 2px; }
.entry.k-phase { color: var(--muted); }
.entry.k-inject, .entry.k-ruling { background: #fff8ec; }
.reason { font-style: italic; color: #4a5561; }
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
.secret { background: var(--soft); }
.channel h3 { font-size: 15px; }
ol.chat { list-style: none; padding: 0; font-size: 13.5px; }
ol.chat li { padding: 2px 0; border-bottom: 1px dotted var(--line); break-inside: avoid; }
ol.chat .when { color: var(--muted); font-size: 12px; display: inline-block; min-width: 28px; }
ol.questions li { margin-bottom: 18px; break-inside: avoid; page-break-inside: avoid; }
ol.questions .lines span { display: block; height: 26px; border-bottom: 1px solid #b8c0c8; }
footer { margin-top: 40px; border-top: 1px solid var(--line); color: var(--muted); font-size: 12.5px; }
@media (max-width: 760px) { .grid { grid-template-columns: 1fr 1fr; } .entry { grid-template-columns: 1fr; } .toc ol { columns: 1; } }
@page { margin: 14mm 12mm 16mm; }
@media print {
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
  document.querySelectorAll("time[datetime]").forEach(function (t) {
    var d = new Date(t.getAttribute("datetime"));
    if (!isNaN(d)) t.textContent = t.textContent.length <= 5 ? d.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", hourCycle: "h23" }) : d.toLocaleString([], { dateStyle: "medium", timeStyle: "short" });
  });
  document.querySelectorAll(".filters input").forEach(function (box) {
    box.addEventListener("change", function () {
      document.querySelectorAll('.entry[data-kind="' + box.dataset.kind + '"]').forEach(function (li) { li.hidden = !box.checked; });
    });
  });
  if (typeof Chart === "undefined") return;
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
      scales: { y: fixed ? { min: 0, max: 100, ticks: { stepSize: 25 } } : fixed === false ? {} : fixed, x: { grid: { display: false } } }
    };
  }
  var charts = [];
  document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
    var kind = canvas.dataset.chart, config;
    if (kind === "table") {
      config = { type: "line", data: { labels: data.labels, datasets: data.tableMetrics.map(function (m) { return line(data.metricNames[m], data.table[m], tableColors[m], false); }) }, options: options(true) };
    } else if (kind === "metric") {
      var m = canvas.dataset.metric;
      var all = [].concat.apply([], data.countries.map(function (c) { return data.metrics[c.id][m]; }));
      // Metrics live in 0–100: a range around the data, in tens, never past the bounds.
      var range = { min: Math.max(0, Math.floor((Math.min.apply(null, all) - 2) / 10) * 10), max: Math.min(100, Math.ceil((Math.max.apply(null, all) + 2) / 10) * 10) };
      config = { type: "line", data: { labels: data.labels, datasets: data.countries.map(function (c, i) { return line(c.name, data.metrics[c.id][m], palette[i % palette.length], c.control !== "seat"); }) }, options: options(range) };
    } else {
      var id = canvas.dataset.country;
      config = { type: "line", data: { labels: data.labels.map(function (l) { return l.replace("Round ", "R"); }), datasets: data.countryMetrics.map(function (m) { return line(data.metricNames[m], data.metrics[id][m], metricColors[m], false); }) }, options: options(true) };
      config.options.plugins.legend.labels.font = { size: 10 };
      config.options.plugins.legend.labels.padding = 5;
      config.options.plugins.legend.labels.boxWidth = 10;
    }
    charts.push(new Chart(canvas, config));
  });
  function snapshot() {
    charts.forEach(function (chart) {
      var frame = chart.canvas.parentNode, img = frame.querySelector("img.print-copy");
      if (!img) { img = document.createElement("img"); img.className = "print-copy"; img.alt = chart.canvas.getAttribute("aria-label") || ""; frame.appendChild(img); }
      img.src = chart.toBase64Image("image/png", 1);
    });
  }
  snapshot();
  window.addEventListener("beforeprint", snapshot);
  document.body.setAttribute("data-charts-ready", String(charts.length));
})();
`;
