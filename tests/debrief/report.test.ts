/**
 * The after-action report and its exports, from games built with the engine:
 * every agreement and every round's metrics are in the report; the CSV has one row per country
 * per round; an inject changes exactly the metrics it names and shows in the review and the
 * report; a ruling is logged and applied; the JSON log replays; chat follows the privacy setting.
 */
import { describe, expect, it } from "vitest";
import { analysisOf, analyze, setupOf, type LoggedAction } from "../../server/debrief/analysis.ts";
import { logExport, metricsCsv, REMOVED, WITHHELD } from "../../server/debrief/exports.ts";
import { renderReportHtml as renderIn } from "../../server/debrief/report-html.ts";
import { englishWords, wordsFor } from "../../server/debrief/words.ts";
import { inLanguage } from "../../server/debrief/routes.ts";
import { say } from "../helpers/words.ts";
import type { DebriefReport } from "../../shared/protocol/debrief.ts";
import { buildReport } from "../../server/debrief/report.ts";
import type { GameRecord } from "../../server/storage/store.ts";
import { apply, COUNTRY_METRICS, replay, SECTORS, TABLE_METRICS, type Action, type GameState } from "../../shared/engine/index.ts";
import { classroom, FACILITATOR, INJECT, Recorder, RULING_EFFECTS, scriptedGame, SEAT, SETTINGS } from "./fixtures.ts";
import { DraftSchema } from "../../shared/engine/actions.ts";
import { agreementById } from "../../shared/engine/world.ts";

/** The report in English, as a facilitator reads it by default. */
const renderReportHtml = (r: DebriefReport) => renderIn(r, englishWords(classroom()));

const logged = (log: Action[]): LoggedAction[] => log.map((action, i) => ({ action, at: 1_800_000_000_000 + i * 1000 }));

function recordOf(g: Recorder, code = "ACDEFG"): GameRecord {
  return {
    code,
    scenario: g.setup.scenario,
    settings: { ...SETTINGS, facilitatorReadsPrivate: g.setup.settings.facilitatorReadsPrivate ?? false, teams: g.setup.settings.teams ?? false },
    seed: String(g.setup.settings.seed),
    keyHash: "0".repeat(64),
    createdAt: 1_800_000_000_000,
    finishedAt: g.state.phase === "ended" ? 1_800_000_999_000 : null,
  };
}

function built(g: Recorder) {
  const record = recordOf(g);
  const analysis = analyze(setupOf(record), logged(g.log));
  return { record, analysis, report: buildReport(record, analysis, "facilitator") };
}

/** Every number an inject could touch, flattened to `subject|key` → value. */
function numbers(s: GameState): Map<string, number> {
  const out = new Map<string, number>();
  for (const c of Object.values(s.countries)) {
    for (const m of COUNTRY_METRICS) out.set(`${c.id}|${m}`, c.metrics[m]);
    for (const x of SECTORS) out.set(`${c.id}|capability:${x}`, c.sectors[x].capability);
    out.set(`${c.id}|capital`, c.capital);
  }
  for (const m of TABLE_METRICS) out.set(`table|${m}`, s.table[m]);
  return out;
}

describe("the after-action report", () => {
  const g = scriptedGame();
  const { record, analysis, report } = built(g);

  it("a report anyone with its link may read names no person in the seats' news: a player, its players", () => {
    // A bot takes the US seat over from Ana and Ben once the game runs, and the facilitator moves Lee.
    const at = g.log.findIndex((a) => a.move.type === "start") + 1;
    const log: Action[] = [
      ...g.log.slice(0, at),
      { actor: { kind: "system" }, move: { type: "log-seat", change: "to-bot", seat: "US", names: ["Ana", "Ben"] } },
      { actor: FACILITATOR, move: { type: "log-seat", change: "moved", seat: "JP", name: "Lee" } },
      ...g.log.slice(at),
    ];
    const a = analyze(setupOf(record), logged(log));
    const line = (r: DebriefReport, key: string) => say(r.timeline.find((e) => e.text.key === key)!.text, record.scenario);
    const full = buildReport(record, a, "facilitator");
    expect(line(full, "news.seat.to-bot")).toMatch(/^A bot took over the United States from Ana and Ben in round 1\.$/);
    expect(line(full, "news.seat.moved")).toBe("The facilitator moved Lee to Japan.");
    const open = buildReport(record, a, "public");
    expect(line(open, "news.seat.to-bot")).toBe("A bot took over the United States from its players in round 1.");
    expect(line(open, "news.seat.moved")).toBe("The facilitator moved a player to Japan.");
    expect(JSON.stringify(open)).not.toMatch(/\b(Ana|Ben|Lee)\b/);
  });

  it("is built from the same game the room played: setupOf + the log replay to the recorded state", () => {
    expect(g.state.phase).toBe("ended");
    expect(analysis.final).toEqual(g.state);
    expect(replay(setupOf(record), g.log)).toEqual(g.state);
  });

  it("contains every agreement with its whole life and its fate", () => {
    const ids = g.state.agreements.map((a) => a.id).sort();
    expect(ids.length).toBeGreaterThan(10);
    expect(report.agreements.map((a) => a.id).sort()).toEqual(ids);
    for (const a of report.agreements) {
      const live = agreementById(g.state, a.id)!;
      expect(a.steps).toEqual(live.steps);
      expect(a.status).toBe(live.status);
      expect(a.fate).toBe(live.status === "expired" ? "kept" : live.status === "proposed" ? "open" : live.status);
      // Every step of every agreement is on the timeline, once.
      const entries = report.timeline.filter((e) => e.kind === "agreement" && e.agreementId === a.id);
      expect(entries.map((e) => e.step)).toEqual(live.steps.map((s) => s.what));
    }
    const fates = new Set(report.agreements.map((a) => a.fate));
    for (const f of ["kept", "broken", "declined", "lapsed"] as const) expect(fates, f).toContain(f);
    const regime = report.agreements.find((a) => a.id === "A1")!;
    // The Netherlands left a regime of three (the others carried on), then Japan left the two-member rest.
    expect(regime.steps.map((s) => s.what)).toEqual(["proposed", "signed", "amended", "signed", "signed", "in-force", "withdrawn", "withdrawn"]);
    expect(regime.brokenBy).toBe("JP");
    // The timeline says so: the Dutch withdrawal left the deal standing, the Japanese one broke it (as the in-game news does).
    const said = report.timeline.filter((e) => e.agreementId === "A1" && e.step === "withdrawn").map((e) => say(e.text, g.state.scenario));
    expect(said).toEqual(["The Netherlands withdrew from A1 (Export-control regime); the United States and Japan carry on without it.", "Japan withdrew from A1 (Export-control regime): the agreement is broken."]);
  });

  it("keeps the actors' reasons (bots always give one) on agreement steps and the timeline", () => {
    const withdrawal = report.timeline.find((e) => e.agreementId === "A1" && e.step === "withdrawn")!;
    expect(withdrawal).toMatchObject({ by: "NL", round: 2, reason: "Our toolmakers lost too many sales to China." });
    const decline = report.timeline.find((e) => e.agreementId === "A2" && e.step === "declined")!;
    expect(decline.reason).toBe("Screening would scare off Chinese investment we need.");
    const html = renderReportHtml(report);
    expect(html).toContain("Screening would scare off Chinese investment we need.");
    expect(html).toContain("Frontier-only leaves a gap in mature nodes.");
  });

  it("has every round's metrics for every country and for the table, from the start", () => {
    const rounds = g.state.history.length;
    expect(rounds).toBe(g.state.settings.rounds);
    expect(report.series.rounds).toEqual([0, ...g.state.history.map((h) => h.round)]);
    for (const c of g.setup.scenario.countries) {
      for (const m of COUNTRY_METRICS) {
        expect(report.series.countries[c.id]![m]).toEqual([c.metrics[m], ...g.state.history.map((h) => h.metrics[c.id]![m])]);
      }
      for (const s of SECTORS) expect(report.series.capabilities[c.id]![s]).toHaveLength(rounds + 1);
    }
    for (const m of TABLE_METRICS) expect(report.series.table[m]).toEqual([g.setup.scenario.table[m], ...g.state.history.map((h) => h.table[m])]);
  });

  it("explains why the table's metrics moved each round: causes that add up to each change", () => {
    expect(report.tableChanges.map((t) => t.round)).toEqual(g.state.history.map((h) => h.round));
    const all = report.tableChanges.flatMap((t) => t.changes);
    expect(all.length).toBeGreaterThan(0);
    for (const c of all) {
      expect(c.subject).toBe("table");
      expect(Math.abs(c.causes.reduce((x, y) => x + y.amount, 0) - (c.to - c.from))).toBeLessThan(0.011);
    }
    expect(renderReportHtml(report)).toContain("Why the table moved");
  });

  it("gives final scores with every objective, secret ones revealed, and the table outcome", () => {
    expect(report.scores.length).toBe(g.setup.scenario.countries.filter((c) => c.control !== "rival").length);
    for (const s of report.scores) expect(s.objectives.some((o) => o.secret)).toBe(true);
    expect(report.countries.every((c) => c.secret)).toBe(true);
    expect(report.outcome.targets).toHaveLength(g.setup.scenario.targets.length);
    expect(report.debrief).toEqual(g.setup.scenario.debrief);
    const html = renderReportHtml(report);
    for (const q of report.debrief) expect(html).toContain(q.replace(/'/g, "&#39;"));
    // A missed target says what is missing, as the engine's check found it (shared/engine/scoring.ts).
    const missed = report.outcome.targets.filter((t) => !t.met);
    expect(missed.length).toBeGreaterThan(0);
    for (const t of missed) expect(html).toContain(`${t.text}<span class="why"> — ${say(t.why!)}</span>`);
    expect(html).toContain("<strong>Table outcome: missed</strong>");
  });

  it("says what the missed targets do to every score by the scenario's factor: halved at 0.5, the factor otherwise", async () => {
    expect(report.game.scenario.missedTargetFactor).toBe(0.5);
    const outcome = (html: string) => html.match(/<p class="outcome missed">(.*?)<\/p>/)![1];
    expect(outcome(renderReportHtml(report))).toContain("every score is halved.");
    const scaled = { ...report, game: { ...report.game, scenario: { ...report.game.scenario, missedTargetFactor: 0.6 } } };
    expect(outcome(renderReportHtml(scaled))).toContain("every score is multiplied by 0.6.");
    expect(outcome(renderReportHtml(scaled))).not.toContain("halved");
    const zh = renderIn(scaled, await wordsFor("zh-CN", classroom()));
    expect(outcome(zh)).toContain("每个得分乘以 0.6。");
    // A game still on: "would be".
    const running = { ...scaled, game: { ...scaled.game, status: "running" as const, phase: "negotiation" as const, round: 2 } };
    expect(outcome(renderReportHtml(running))).toContain("if the game ended now, every score would be multiplied by 0.6.");
  });

  it("ranks the seats' scores as the end screen does: an automated partner that scores most takes no rank", () => {
    const partners = report.countries.filter((c) => c.control === "partner").map((c) => c.id);
    expect(partners.length).toBeGreaterThan(0);
    // A partner on top: the best seat is still first, and the partners show no rank.
    const scores = [...report.scores].sort((a, b) => Number(partners.includes(b.country)) - Number(partners.includes(a.country)) || b.total - a.total).map((s, i) => ({ ...s, total: 100 - i }));
    const html = renderReportHtml({ ...report, scores });
    const table = html.slice(html.indexOf('class="data scores"'));
    const ranks = [...table.slice(0, table.indexOf("</table>")).matchAll(/<tr><td>([^<]*)<\/td><th scope="row">([^<]*)<\/th>/g)].map((m) => m[1]);
    expect(ranks).toEqual(scores.map((s, i) => (partners.includes(s.country) ? "—" : String(i - partners.length + 1))));
  });

  it("says a card's restriction in a sentence, its sector in lower case: “China stops supplies of semiconductors to every alliance country”", () => {
    const [first, ...rest] = report.events;
    const events = [{ ...first!, effects: [{ kind: "restriction" as const, by: "CN", on: "alliance", sector: "semis" as const, rounds: 2 }] }, ...rest];
    expect(renderReportHtml({ ...report, events })).toContain("China stops supplies of semiconductors to every alliance country for 2 rounds");
  });

  it("says what ended each phase: the clock, every seat ready, or the facilitator; a log from before the room recorded it says either of the first two", async () => {
    const short = scriptedGame({ stopAfterRound: 1, noise: false });
    const advances = short.log.flatMap((a, i) => (a.move.type === "advance" ? [i] : []));
    expect(advances).toHaveLength(2);
    const phases = (log: Action[], words = englishWords(classroom())) =>
      analyze(setupOf(recordOf(short)), logged(log)).timeline.filter((e) => e.kind === "phase").map((e) => words.render(e.text));
    const withCauses = (causes: ("clock" | "ready" | "facilitator")[]) =>
      short.log.map((a, i) => {
        const cause = causes[advances.indexOf(i)];
        return !cause ? a : cause === "facilitator" ? { actor: FACILITATOR, move: { type: "advance" as const } } : { ...a, move: { type: "advance" as const, cause } };
      });
    // Continue tapped by every seat ends the event phase; the negotiation runs out of time.
    expect(phases(withCauses(["ready", "clock"]))).toEqual([
      "Negotiation opens (every seat was ready before the event phase's time was up).",
      "Negotiation closed (time up); round 1 resolved.",
    ]);
    expect(phases(withCauses(["clock", "ready"]))).toEqual(["Negotiation opens (the event phase's time was up).", "Negotiation closed (every seat was ready before time was up); round 1 resolved."]);
    expect(phases(withCauses(["facilitator", "facilitator"]))).toEqual(["Negotiation opens (event phase ended by the facilitator).", "Negotiation closed by the facilitator; round 1 resolved."]);
    expect(phases(withCauses(["ready", "clock"]), await wordsFor("zh-CN", classroom()))).toEqual(["谈判开始（事件阶段时间未到，所有席位均已准备好）。", "谈判结束（时间到）；第 1 轮已结算。"]);
    // A stored log from before the room recorded the cause replays, and blames neither.
    expect(phases(short.log)).toEqual(["Negotiation opens (event phase over: time up, or every seat was ready).", "Negotiation closed (time up, or every seat was ready); round 1 resolved."]);
  });

  it("lists events, injects (scheduled ones when they are played) and broadcasts on the timeline", () => {
    const injects = report.timeline.filter((e) => e.kind === "inject");
    expect(injects.map((e) => [e.round, say(e.text).split(".")[0]])).toEqual([
      [1, "Facilitator's inject: Port strike"],
      [3, "Facilitator's inject: Cable cut"],
    ]);
    expect(report.timeline.find((e) => e.kind === "scheduled")).toMatchObject({ round: 2, by: "facilitator" });
    expect(report.events.filter((e) => e.custom).map((e) => e.title)).toEqual(["Port strike", "Cable cut"]);
    expect(report.timeline.some((e) => e.kind === "broadcast" && say(e.text).includes("Ten minutes left"))).toBe(true);
    // In order: sequence numbers never go back.
    const seqs = report.timeline.map((e) => e.seq);
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
  });
});

describe("a bot's reason on a deal's step", () => {
  it("is quoted after the step, without the verb the step already says: its “us” reads as the bot's, not the reader's", () => {
    const scenario = classroom();
    const g = new Recorder({ scenario, settings: { seed: "why", rounds: scenario.rounds, teams: false, facilitatorReadsPrivate: true, channels: "open" } });
    g.act(FACILITATOR, { type: "start" });
    g.advance();
    const security = { key: "bot.part.plus", args: { amount: 4, what: { ref: "metric" as const, id: "security", inline: true } } };
    const prosperity = { key: "bot.part.amount", args: { amount: 4, what: { ref: "metric" as const, id: "prosperity", inline: true } } };
    const id = `A${g.state.nextAgreement}`;
    g.try({ actor: SEAT("US"), move: { type: "propose", draft: DraftSchema.parse({ terms: { type: "screening" }, parties: ["US", "JP"], duration: 2 }) }, reason: { key: "bot.why.proposed", args: { type: { ref: "type", id: "screening", inline: true }, why: { key: "bot.body.gains", args: { gains: security } } } } });
    g.try({ actor: SEAT("JP"), move: { type: "decline", agreementId: id, revision: 1 }, reason: { key: "bot.why.declined", args: { why: { key: "bot.body.costsOnly", args: { costs: prosperity } } } } });
    expect(agreementById(g.state, id)!.status).toBe("declined");
    const html = renderReportHtml(built(g).report);
    const text = html.replace(/<[^>]+>/g, "");
    expect(text).toContain("proposed by the United States — “brings us +4 security”");
    expect(text).toContain("declined by Japan — “costs us 4 prosperity for nothing we need”");
    expect(text).not.toMatch(/— proposed investment screening pact:|— declined:/);
  });

  it("on a coalition of one, signed as it is proposed, is said on the proposal, not again on its own signature", () => {
    const scenario = classroom();
    const g = new Recorder({ scenario, settings: { seed: "why", rounds: scenario.rounds, teams: false, facilitatorReadsPrivate: true, channels: "open" } });
    g.act(FACILITATOR, { type: "start" });
    g.advance();
    const id = `A${g.state.nextAgreement}`;
    const influence = { key: "bot.part.plus", args: { amount: 12, what: { ref: "metric" as const, id: "influence", inline: true } } };
    const reason = { key: "bot.why.proposed", args: { type: { ref: "type", id: "standards", inline: true }, why: { key: "bot.body.gains", args: { gains: influence } } } };
    g.act(SEAT("CN"), { type: "propose", draft: DraftSchema.parse({ terms: { type: "standards", technology: "6g", option: "integrated-6g" }, parties: ["CN"], duration: 3 }) }, reason as never);
    expect(agreementById(g.state, id)!.status).toBe("signed");
    const { report } = built(g);
    expect(report.timeline.filter((e) => e.agreementId === id).map((e) => [e.step, e.reason])).toEqual([
      ["proposed", reason],
      ["signed", undefined],
    ]);
    const text = renderReportHtml(report).replace(/<[^>]+>/g, "");
    expect(text).toContain("“brings us +12 influence”");
    expect(text).not.toMatch(/proposed standards coalition:/);
  });
});

describe("a custom inject", () => {
  it("changes exactly the metrics it names, and shows in the review and the report", async () => {
    const g = scriptedGame({ stopAfterRound: 1 });
    const at = g.log.findIndex((a) => a.move.type === "custom-event");
    const before = replay(g.setup, g.log, at);
    const after = replay(g.setup, g.log, at + 1);
    const a = numbers(before);
    const b = numbers(after);
    const changed = [...b.keys()].filter((k) => b.get(k) !== a.get(k));
    expect(changed.sort()).toEqual(["US|prosperity", "table|tension"]);
    expect(b.get("US|prosperity")! - a.get("US|prosperity")!).toBe(-6);
    expect(b.get("table|tension")! - a.get("table|tension")!).toBe(4);
    // Stances and restrictions are untouched too.
    expect(Object.values(after.countries).map((c) => c.stance)).toEqual(Object.values(before.countries).map((c) => c.stance));
    expect(after.restrictions).toEqual(before.restrictions);
    // The review: the round's changes explain it by the inject's title.
    const causes = (s: GameState, key: string) => s.changes[key]?.causes.filter((c) => say(c.label) === INJECT.title).map((c) => c.amount);
    expect(causes(after, "US|prosperity")).toEqual([-6]);
    expect(causes(after, "table|tension")).toEqual([4]);
    expect(g.state.history[0]!.changes.find((c) => c.subject === "US" && c.key === "prosperity")!.causes).toContainEqual({ label: { key: "cause.card", args: { title: INJECT.title } }, amount: -6 });
    // The report: on the timeline with its measured impacts, and in the HTML.
    const { report } = built(g);
    const entry = report.timeline.find((e) => e.kind === "inject")!;
    expect(entry).toMatchObject({ round: 1, phase: "event", by: "facilitator", effects: INJECT.effects });
    expect(entry.impacts).toEqual([
      { subject: "US", key: "prosperity", amount: -6 },
      { subject: "table", key: "tension", amount: 4 },
    ]);
    const html = renderReportHtml(report);
    expect(html).toContain("Facilitator&#39;s inject: Port strike");
    // The card's effects in the words the console and the board's card wrote them, and what they
    // changed in the same words (an inline "United States prosperity −6" read as another wording).
    expect(html).toContain("Effects: United States: Prosperity −6; Table: Tension +4");
    expect(html).toContain("Changed: United States: Prosperity −6; Table: Tension +4");
    const zh = renderIn(report, await wordsFor("zh-CN", classroom()));
    const effects = [...zh.matchAll(/<p class="effects">效果：(.*?)<\/p>/g)].map((m) => m[1]!).find((e) => e.includes("：经济繁荣 −6"))!;
    expect(effects).toContain("全桌：紧张局势 +4");
    expect(zh).toContain(`<p class="impacts">变化：${effects}</p>`);
  });
});

describe("a matrix action and its ruling", () => {
  it("are logged and applied, and the report shows both", () => {
    const g = scriptedGame({ stopAfterRound: 1 });
    const at = g.log.findIndex((a) => a.move.type === "rule-matrix");
    expect(g.log[at]).toEqual({ actor: FACILITATOR, move: { type: "rule-matrix", matrixId: "M1", ruling: "accept", effects: RULING_EFFECTS, note: "A warm summit." } });
    const before = replay(g.setup, g.log, at);
    const after = replay(g.setup, g.log, at + 1);
    expect(after.matrix.find((m) => m.id === "M1")).toMatchObject({ status: "accepted", effects: RULING_EFFECTS, note: "A warm summit." });
    const a = numbers(before);
    const b = numbers(after);
    expect([...b.keys()].filter((k) => b.get(k) !== a.get(k))).toEqual(["ID|influence"]);
    expect(b.get("ID|influence")! - a.get("ID|influence")!).toBe(5);
    expect(after.news.at(-1)!.kind).toBe("matrix");

    const { report } = built(g);
    expect(report.matrix.find((m) => m.id === "M1")).toMatchObject({ status: "accepted", seat: "ID" });
    expect(report.timeline.find((e) => e.kind === "matrix" && e.matrixId === "M1")).toMatchObject({ by: "ID", round: 1 });
    expect(report.timeline.find((e) => e.kind === "ruling" && e.matrixId === "M1")).toMatchObject({ by: "facilitator", impacts: [{ subject: "ID", key: "influence", amount: 5 }] });
  });

  it("a rolled ruling is drawn from the game's seed, so the report tells the same result on every replay", () => {
    const g = scriptedGame();
    const m2 = g.state.matrix.find((m) => m.id === "M2")!;
    expect(["succeeded", "failed"]).toContain(m2.status);
    const { report } = built(g);
    expect(say(report.timeline.find((e) => e.kind === "ruling" && e.matrixId === "M2")!.text)).toContain(`${m2.status} on a roll (50% chance)`);
  });
});

describe("the exports", () => {
  const g = scriptedGame();
  const { record, analysis } = built(g);

  it("the CSV has one row per country per round (round 0 = the start), with the table's metrics as columns", () => {
    const csv = metricsCsv(record, analysis);
    // A byte-order mark first, in English too: Excel then reads the file as UTF-8.
    expect(csv.startsWith("\uFEFFgame,")).toBe(true);
    const lines = csv.slice(1).trimEnd().split("\r\n");
    const header = lines[0]!.split(",");
    expect(header.slice(0, 8)).toEqual(["game", "scenario", "round", "label", "country", "country_name", "control", "bloc"]);
    for (const m of [...COUNTRY_METRICS, "capital", ...TABLE_METRICS.map((t) => `table_${t}`), ...SECTORS.map((s) => `capability_${s}`)]) expect(header).toContain(m);
    const rows = lines.slice(1).map((l) => Object.fromEntries(l.split(",").map((v, i) => [header[i]!, v])));
    const countries = g.setup.scenario.countries.map((c) => c.id);
    const rounds = g.state.history.length;
    expect(rows).toHaveLength(countries.length * (rounds + 1));
    for (let r = 0; r <= rounds; r++) {
      const these = rows.filter((x) => x.round === String(r));
      expect(these.map((x) => x.country).sort()).toEqual([...countries].sort());
    }
    for (const h of g.state.history)
      for (const c of countries) {
        const row = rows.find((x) => x.round === String(h.round) && x.country === c)!;
        for (const m of COUNTRY_METRICS) expect(Number(row[m])).toBe(h.metrics[c]![m]);
        // Capital, which the scores count: the last round's row holds what the game ended with.
        if (h === g.state.history.at(-1)) expect(Number(row.capital)).toBe(g.state.countries[c]!.capital);
        for (const t of TABLE_METRICS) expect(Number(row[`table_${t}`])).toBe(h.table[t]);
      }
  });

  it("the JSON log replays to the same game", () => {
    const exported = JSON.parse(JSON.stringify(logExport(record, analysis)));
    expect(exported).toMatchObject({ format: "chokepoint-log", version: 1, code: "ACDEFG", privateChat: "included" });
    expect(exported.actions).toHaveLength(g.log.length);
    expect(replay(exported.setup, exported.actions)).toEqual(g.state);
  });
});

describe("a message the facilitator removed, after a ruling", () => {
  it("is the line replaced in the JSON log, not its neighbour: a ruling posts a line in the Facilitator channel too", () => {
    const g = scriptedGame({ stopAfterRound: 1, noise: false });
    const line = g.state.messages.find((m) => m.text === "Japan supports a broad regime.")!;
    expect(g.state.messages.some((m) => m.id < line.id && m.said)).toBe(true); // the ruling's line came first
    g.act(FACILITATOR, { type: "delete-message", messageId: line.id, reason: "off topic" });
    const { record, analysis } = built(g);
    const exported = logExport(record, analysis);
    const chats = exported.actions.flatMap((a) => (a.move.type === "chat" ? [a.move.text] : []));
    expect(chats).not.toContain("Japan supports a broad regime.");
    expect(chats).toContain("Between us: we need your photoresists in the regime.");
    expect(chats.filter((t) => t === REMOVED)).toHaveLength(1);
  });
});

describe("chat follows the game's privacy setting", () => {
  it("with the facilitator reading private channels: team and bilateral chat are in the report", () => {
    // Team channels exist for a table that plays in teams (without teams, a seat's team channel is no channel: docs/RULES.md).
    const { report } = built(scriptedGame({ teams: true }));
    expect(report.chat.included).toEqual(["plenary", "broadcast", "team", "bilateral", "minilateral"]);
    expect(report.chat.messages.some((m) => m.kind === "bilateral" && m.text.includes("photoresists"))).toBe(true);
    expect(report.chat.messages.some((m) => m.kind === "team")).toBe(true);
  });

  it("switched on mid-game: the private lines written while it was on are in, and the note says those written while it was off are left out (en and zh-CN)", async () => {
    const g = scriptedGame({ teams: true, facilitatorReadsPrivate: false });
    // The facilitator turns reading on after the US–Japan line and before China's team note.
    const at = g.log.findIndex((a) => a.move.type === "chat" && a.move.text?.startsWith("Team note"));
    const log = [...g.log.slice(0, at), { actor: FACILITATOR, move: { type: "set-comms", facilitatorReadsPrivate: true } } as Action, ...g.log.slice(at)];
    const record = recordOf(g);
    const report = buildReport(record, analyze(setupOf(record), logged(log)), "facilitator");
    expect(report.chat.messages.some((m) => m.kind === "team" && m.text.includes("hold the minerals"))).toBe(true);
    expect(report.chat.messages.some((m) => m.text.includes("photoresists"))).toBe(false);
    const html = renderReportHtml(report);
    expect(html).toContain("lines written while that setting was off (a setting every player saw) are left out");
    expect(renderIn(report, await wordsFor("zh-CN", classroom()))).toContain("该设置关闭时（所有玩家都能看到这一设置）写下的内容不包含在内");
    // Read all along, nothing is left out and the note says so.
    expect(built(scriptedGame({ teams: true })).report.chat.note.key).toBe("report.chat.private");
  });

  it("without: only the plenary and broadcasts, and the log withholds private lines yet still replays every number", () => {
    const g = scriptedGame({ facilitatorReadsPrivate: false });
    const { record, analysis, report } = built(g);
    expect(report.chat.included).toEqual(["plenary", "broadcast"]);
    expect(report.chat.messages.length).toBeGreaterThan(0);
    expect(report.chat.messages.every((m) => m.kind === "plenary" || m.kind === "broadcast")).toBe(true);
    expect(renderReportHtml(report)).not.toContain("photoresists");
    const exported = logExport(record, analysis);
    expect(exported.privateChat).toBe("withheld");
    expect(JSON.stringify(exported)).not.toContain("photoresists");
    expect(exported.actions.filter((a) => a.move.type === "chat" && a.move.text === WITHHELD).length).toBeGreaterThan(0);
    const again = replay(exported.setup, exported.actions);
    expect({ ...again, messages: [] }).toEqual({ ...g.state, messages: [] });
    expect(again.messages.map((m) => m.channel)).toEqual(g.state.messages.map((m) => m.channel));
  });
});

describe("a game in progress", () => {
  const g = scriptedGame({ stopAfterRound: 2 });
  const { record, analysis } = built(g);

  it("reports up to now", () => {
    const report = buildReport(record, analysis, "facilitator");
    expect(report.game).toMatchObject({ status: "running", round: 2, roundsPlayed: 2, phase: "review" });
    expect(report.series.rounds).toEqual([0, 1, 2]);
    expect(report.agreements.map((a) => a.id).sort()).toEqual(g.state.agreements.map((a) => a.id).sort());
    // Its outcome is the outcome so far, in the heading as in the sentence after it.
    const html = renderReportHtml(report);
    expect(html).toMatch(/<strong>Table outcome so far: (met|missed)<\/strong>/);
    expect(html).toMatch(/shared targets hold now/);
  });

  it("seen through a share link (the public) hides unsigned offers, secrets, pending matrix actions, scheduled cards and private chat", () => {
    const pending: Action = { actor: { kind: "seat", seat: "IN", roles: ["diplomat", "regulator", "envoy"] }, move: { type: "matrix", text: "We quietly court Vietnam's ministers." } };
    expect(apply(g.state, pending).ok).toBe(true);
    const a2 = analyze(setupOf(record), logged([...g.log, pending]));
    const pub = buildReport(record, a2, "public");
    expect(pub.audience).toBe("public");
    const hiddenStatuses = new Set(["proposed", "declined", "lapsed"]);
    expect(pub.agreements.some((a) => hiddenStatuses.has(a.status))).toBe(false);
    expect(pub.timeline.some((e) => e.agreementId && hiddenStatuses.has(agreementById(g.state, e.agreementId)!.status))).toBe(false);
    expect(pub.countries.some((c) => c.secret)).toBe(false);
    expect(pub.scores.some((s) => s.objectives.some((o) => o.secret))).toBe(false);
    expect(pub.timeline.some((e) => e.kind === "scheduled")).toBe(false);
    expect(pub.matrix.some((m) => m.status === "pending")).toBe(false);
    expect(pub.timeline.some((e) => say(e.text).includes("quietly court"))).toBe(false);
    expect(pub.chat.messages.every((m) => m.kind === "plenary" || m.kind === "broadcast")).toBe(true);
    expect(pub.game.seed).toBeUndefined();
    const html = renderReportHtml(pub);
    expect(html).not.toContain("photoresists");
    expect(html).not.toContain("Secret:");
  });
});

describe("a game the facilitator ended during a round", () => {
  /** Round 3's negotiation: one deal signed by both, one offer unanswered, then the facilitator ends the game. */
  function endedInRound3() {
    const g = scriptedGame({ stopAfterRound: 2 });
    g.advance();
    g.advance();
    const signed = g.propose("US", { terms: { type: "rnd", sector: "ai", contribution: 1 }, parties: ["US", "JP"], duration: 1 }, "Another pilot.");
    g.sign("JP", signed, "Again.");
    const open = g.propose("IN", { terms: { type: "screening" }, parties: ["IN", "ID"], duration: 2 }, "Try again.");
    g.act(FACILITATOR, { type: "end-game" });
    return { g, signed, open };
  }
  /** The words of the element with this id (or class), tags dropped. */
  const words = (html: string, id: string) => (html.match(new RegExp(`<(p|dd)[^>]*(id|class)="${id}"[^>]*>([\\s\\S]*?)</\\1>`))?.[3] ?? "").replace(/<[^>]+>/g, "").replace(/\s+/g, " ");

  it("says round N was ended before it resolved and that its deals never took effect, read off the final state", async () => {
    const { g, signed, open } = endedInRound3();
    const { record, report } = built(g);
    expect(report.game).toMatchObject({ status: "finished", round: 3, roundsPlayed: 2, unresolvedRound: 3 });
    const html = renderReportHtml(report);
    expect(html).toContain("<dd>Ended by the facilitator in round 3 of 4, before that round resolved</dd>");
    expect(words(html, "unresolved")).toBe(`Round 3 never resolved. The facilitator ended the game during round 3, before it resolved, so the deals proposed or signed in it never took effect: ${signed} (Joint R&amp;D / talent exchange), ${open} (Investment screening pact).`);
    // The timeline says why they lapsed: the game ended, not a missing signature at a resolution.
    const lapsed = report.timeline.filter((e) => e.step === "lapsed" && e.round === 3).map((e) => say(e.text, record.scenario));
    expect(lapsed).toEqual([`${signed} (Joint R&D / talent exchange) lapsed: the game ended before it took effect.`, `${open} (Investment screening pact) lapsed: the game ended before it took effect.`]);
    // And in Chinese.
    const zh = inLanguage(record, "zh-CN");
    const chinese = words(renderIn(buildReport(zh, analysisOf(zh, logged(g.log), "zh-CN"), "facilitator"), await wordsFor("zh-CN", zh.scenario)), "unresolved");
    expect(chinese).toMatch(new RegExp(`^第 3 轮没有结算。主持人在第 3 轮结算前结束了游戏，因此本轮提出或签署的协议都没有生效：${signed}（.+）、${open}（.+）。$`));
  });

  it("a game played to its end, or ended after a round resolved, says no round went unresolved", () => {
    const whole = built(scriptedGame()).report;
    expect(whole.game.unresolvedRound).toBeUndefined();
    expect(renderReportHtml(whole)).not.toContain('class="unresolved"');
    expect(renderReportHtml(whole)).toContain("<dd>Finished</dd>");
    const g = scriptedGame({ stopAfterRound: 2 });
    g.act(FACILITATOR, { type: "end-game" });
    const after = built(g).report;
    expect(after.game).toMatchObject({ status: "finished", roundsPlayed: 2 });
    expect(after.game.unresolvedRound).toBeUndefined();
    const html = renderReportHtml(after);
    expect(html).not.toContain('class="unresolved"');
    expect(html).toContain("<dd>Ended by the facilitator after round 2 of 4</dd>");
  });
});

describe("the HTML file", () => {
  it("is self-contained: no external script, style, image or font", () => {
    const { report } = built(scriptedGame());
    const html = renderReportHtml(report);
    expect(html).not.toMatch(/<(script|link|img|iframe)[^>]+(src|href)=["']?(https?:)?\/\//i);
    expect(html).not.toMatch(/@import|url\(\s*["']?https?:/i);
    expect(html).toContain("Chart.js v4");
    expect(html).toContain('id="report-data"');
  });

  it("names a personality only where a bot played: a seat a person held gets none", () => {
    const { report } = built(scriptedGame({ stopAfterRound: 1 }));
    const row = (html: string, country: string) => html.match(new RegExp(`<tr><th scope="row">${country}</th><td>([^<]*)</td>`))?.[1];
    // The facilitator's roster: a person held the United States; no one held Japan, so a bot did.
    const html = renderReportHtml({ ...report, players: [{ seat: "US", name: "Bob", roles: ["diplomat", "regulator", "envoy"] }] });
    expect(row(html, "United States")).toBe("Bob");
    expect(row(html, "Japan")).toBe("bot ·\u00a0pragmatist");
    expect(row(html, "Kenya")).toBe("automated partner ·\u00a0hedger");
    // The public report has no roster: who held a seat is unknown, so no seat is given a personality.
    const shared = renderReportHtml({ ...report, players: undefined });
    expect(row(shared, "United States")).toBe("seat");
    expect(row(shared, "Kenya")).toBe("automated partner ·\u00a0hedger");
  });

  it("names China's stance in its countries table as the alliance's rival, not 'with the alliance's rival'", () => {
    const html = renderReportHtml(built(scriptedGame({ stopAfterRound: 1 })).report);
    const stance = (country: string) => html.match(new RegExp(`<tr><th scope="row">${country}</th><td>[^<]*</td><td>([^<]*)`))?.[1];
    expect(stance("China")).toBe("the alliance&#39;s rival");
    expect(stance("Japan")).toBe("aligned with the alliance");
  });

  it("writes a country's capital in debt with the minus sign, as its changes: “… → −2.8”, in English and in Chinese", async () => {
    const g = scriptedGame({ stopAfterRound: 1 });
    const inDebt = (r: DebriefReport) => ({ ...r, countries: r.countries.map((c) => (c.id === "KE" ? { ...c, capital: { ...c.capital, end: -2.8 } } : c)) });
    const capital = (html: string) => html.match(/<tr><th scope="row">(?:Kenya|肯尼亚)<\/th>(?:<td>[^]*?<\/td>){2}<td>([^<]*)<\/td>/)?.[1];
    // (and says that it scores nothing: docs/RULES.md, "Scores")
    expect(capital(renderReportHtml(inDebt(built(g).report)))).toMatch(/ → −2\.8 \(below zero: scores nothing\)$/);
    const zh = inLanguage(recordOf(g), "zh-CN");
    expect(capital(renderIn(inDebt(buildReport(zh, analysisOf(zh, logged(g.log), "zh-CN"), "facilitator")), await wordsFor("zh-CN", zh.scenario)))).toMatch(/ → −2\.8（低于零：不计分）$/);
  });

  it("joins the causes of a change with the reader's list separator: “；” in Chinese, “; ” in English", async () => {
    const g = scriptedGame();
    const causes = (html: string) => [...html.matchAll(/<table[^>]*class="data compact why"[\s\S]*?<\/table>/g)].map((m) => m[0]).join("");
    const english = causes(renderReportHtml(built(g).report));
    expect(english).toContain("</strong>; ");
    const zh = inLanguage(recordOf(g), "zh-CN");
    const chinese = causes(renderIn(buildReport(zh, analysisOf(zh, logged(g.log), "zh-CN"), "facilitator"), await wordsFor("zh-CN", zh.scenario)));
    expect(chinese).toContain("</strong>；");
    expect(chinese).not.toContain("; ");
  });

  it("escapes what players and facilitators wrote", () => {
    const g = scriptedGame({ stopAfterRound: 1 });
    g.act({ kind: "seat", seat: "US", roles: ["diplomat", "regulator", "envoy"] }, { type: "chat", channel: "plenary", text: "</script><script>alert(1)</script><b>bold</b>" });
    const { report } = built(g);
    const html = renderReportHtml(report);
    expect(html).not.toContain("<script>alert(1)");
    expect(html).not.toContain("<b>bold</b>");
    expect(html).toContain("&lt;b&gt;bold&lt;/b&gt;");
    // The inline JSON data island parses whole (nothing in it closes its script early).
    const start = html.indexOf('id="report-data">') + 'id="report-data">'.length;
    const island = JSON.parse(html.slice(start, html.indexOf("</script>", start)));
    expect(island.labels).toEqual(report.series.rounds.map((r) => (r === 0 ? "Start" : `Round ${r}`)));
  });
});

describe("the printed handout", () => {
  const g = scriptedGame();
  const html = (settings: Partial<GameRecord["settings"]>, classTable?: GameRecord["classTable"]) => {
    const record = { ...recordOf(g), settings: { ...recordOf(g).settings, ...settings }, ...(classTable ? { classTable } : {}) };
    return renderReportHtml(buildReport(record, analyze(setupOf(record), logged(g.log)), "facilitator"));
  };
  it("is offered for a game a facilitator ran and for a class's table, not for a 'Play now' game of one person and bots", () => {
    expect(html({})).toContain(">Print a handout</button>");
    expect(html({ quickStart: true })).not.toContain('id="print-handout"');
    expect(html({ quickStart: true }, { code: "QKD7WM", table: 1 })).toContain(">Print a class handout</button>");
  });
  it("calls it a class handout only at a class's table: a game a facilitator ran is not a class", () => {
    expect(html({})).not.toContain("class handout");
    expect(html({}, { code: "QKD7WM", table: 2 })).toContain(">Print a class handout</button>");
  });
});

describe("a country that ends below zero in the report", () => {
  it("the countries' table says its capital below zero scores nothing, in English and Chinese", async () => {
    // docs/RULES.md, "Paying for deals": Indonesia repays 12.36 in round 3 with 12 on hand.
    const scenario = classroom();
    const g = new Recorder({ scenario, settings: { seed: "11", rounds: 3, teams: false, facilitatorReadsPrivate: false, channels: "open" } });
    g.act(FACILITATOR, { type: "start" });
    g.advance();
    const loan = g.propose("ID", { terms: { type: "loan", lenders: ["US"], recipient: "ID", project: "grid", amount: 12, interest: 3, grace: 0, conditions: [] }, parties: ["US", "ID"], duration: 3 });
    g.sign("US", loan);
    while (g.state.phase !== "ended") g.advance();
    expect(g.state.countries.ID!.capital).toBeLessThan(0);
    const { record, report } = built(g);
    const row = (html: string, name: string) => html.split("<tr>").find((r) => r.includes(`<th scope="row">${name}</th>`) && r.includes("→"))!;
    expect(row(renderReportHtml(report), "Indonesia")).toContain("→ −0.4 (below zero: scores nothing)");
    expect(row(renderReportHtml(report), "United States")).not.toContain("below zero");
    const zh = inLanguage(record, "zh-CN");
    const html = renderIn(buildReport(zh, analysisOf(zh, logged(g.log), "zh-CN"), "facilitator"), await wordsFor("zh-CN", zh.scenario));
    expect(html).toContain("−0.4（低于零：不计分）");
  });
});
