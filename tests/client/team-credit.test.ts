/**
 * A team game credits its ministers (docs/RULES.md, "The three ministries"): a deal step one
 * minister took records the ministry and the person (shared/engine/apply.ts `minister`), and
 * every screen that says who did it names them — a teammate's deal card, the facilitator
 * console's activity, the report's log, deal cards and chat — while a seat one person plays reads
 * as before ("The United States proposed A1"), and whoever may not read people's names (a share
 * link, the public report, the open replay, a share link's log) gets the ministry alone.
 */
import { describe, expect, it } from "vitest";
import { analyze, setupOf } from "../../server/debrief/analysis.ts";
import { logExport } from "../../server/debrief/exports.ts";
import { replayFrames } from "../../server/debrief/frames.ts";
import { buildReport } from "../../server/debrief/report.ts";
import { renderReportHtml } from "../../server/debrief/report-html.ts";
import { englishWords } from "../../server/debrief/words.ts";
import type { GameRecord } from "../../server/storage/store.ts";
import type { Action } from "../../shared/engine/actions.ts";
import { agreementById } from "../../shared/engine/world.ts";
import { ROLES } from "../../shared/engine/vocabulary.ts";
import { replay } from "../../shared/engine/replay.ts";
import { bareStepJson, fromStepJson, stepJson } from "../../shared/protocol/view.ts";
import { fate, proposerText } from "../../client/model/deals.ts";
import { useNames } from "../../client/i18n/index.ts";
import { viewNames } from "../../client/model/names.ts";
import { lastFromView, recordedActivity } from "../../client/model/console.ts";
import { classroom, FACILITATOR, Recorder, SETTINGS } from "../debrief/fixtures.ts";
import { asFacilitator, asSeat, clientView } from "./fixtures.ts";
import { say } from "../helpers/words.ts";

const ana = { kind: "seat" as const, seat: "US", roles: ["diplomat" as const], name: "Ana" };
const ben = { kind: "seat" as const, seat: "US", roles: ["regulator" as const], name: "Ben" };
const cal = { kind: "seat" as const, seat: "US", roles: ["envoy" as const], name: "Cal" };
/** The envoy in a log stored before the room put a person's name on every action of theirs. */
const envoyUnnamed = { kind: "seat" as const, seat: "US", roles: ["envoy" as const] };
/** Japan: one person, every ministry. */
const jun = { kind: "seat" as const, seat: "JP", roles: ["diplomat" as const, "regulator" as const, "envoy" as const], name: "Jun" };

function teamGame(teams = true) {
  const scenario = classroom();
  // Without teams the room sends each seat as one person with every ministry and no name (server/rooms/requests.ts).
  const as = (actor: Action["actor"]): Action["actor"] => (teams || actor.kind !== "seat" ? actor : { kind: "seat", seat: actor.seat, roles: [...ROLES] });
  const g = new Recorder({ scenario, settings: { seed: "ministers", rounds: scenario.rounds, teams, facilitatorReadsPrivate: true, channels: "open" } });
  g.act(FACILITATOR, { type: "start" });
  g.advance();
  const supply = (price: number) => ({ terms: { type: "supply" as const, suppliers: ["JP"], buyers: ["US"], sector: "semis" as const, volume: 2, price, coInvest: 0 }, parties: ["JP", "US"], duration: 2 });
  g.act(as(ana), { type: "chat", channel: "plenary", text: "We back the standards alliance." });
  g.act(as(cal), { type: "propose", draft: supply(1) }); // A1, signed by Japan
  g.act(as(jun), { type: "sign", agreementId: "A1", revision: 1 });
  g.act(as(jun), { type: "propose", draft: { terms: { type: "rnd", sector: "ai", contribution: 1 }, parties: ["JP", "US"], duration: 1 } }); // A2, declined by Cal
  g.act(as(cal), { type: "decline", agreementId: "A2", revision: 1 });
  g.act(as(envoyUnnamed), { type: "propose", draft: supply(1.5) }); // A3
  g.act(as(ben), { type: "ready", ready: true });
  return g;
}

function recordOf(g: Recorder): GameRecord {
  return { code: "TEAMCR", scenario: g.setup.scenario, settings: { ...SETTINGS, teams: g.setup.settings.teams ?? false }, seed: String(g.setup.settings.seed), keyHash: "0".repeat(64), createdAt: 1_800_000_000_000, finishedAt: null };
}

const logged = (log: Action[]) => log.map((action, i) => ({ action, at: 1_800_000_000_000 + i * 60_000 }));

describe("a deal card says which minister took a teammate's step", () => {
  const g = teamGame();
  useNames(viewNames(clientView(g.state, asFacilitator)));

  it("the engine records the ministry and the person on a minister's step, nothing on a step of a seat one person plays", () => {
    expect(agreementById(g.state, "A1")!.steps.map((s) => [s.what, s.by, s.role, s.name])).toEqual([
      ["proposed", "US", "envoy", "Cal"],
      ["signed", "JP", undefined, undefined],
    ]);
    expect(agreementById(g.state, "A3")!.steps[0]).toMatchObject({ by: "US", role: "envoy" });
    expect(agreementById(g.state, "A3")!.steps[0]!.name).toBeUndefined();
    // Without teams, nothing is recorded, whoever acted.
    expect(agreementById(teamGame(false).state, "A1")!.steps[0]).not.toHaveProperty("role");
  });

  it("on the wire, a step keeps its minister, with or without its reason", () => {
    const step = agreementById(g.state, "A1")!.steps[0]!;
    expect(fromStepJson(stepJson(step))).toEqual(step);
    expect(fromStepJson(bareStepJson({ ...step, reason: "why" }))).toEqual(step);
    const plain = agreementById(g.state, "A1")!.steps[1]!;
    expect(stepJson(plain)).toBe('[1,"signed",1,"JP"]');
  });

  it("“proposed by you” only for one's own move; a teammate's reads by name and ministry", () => {
    const a1 = agreementById(g.state, "A1")!;
    expect(proposerText(clientView(g.state, asSeat("US", ["diplomat"])), a1)).toBe("proposed by Cal (Economic envoy), revision 1");
    expect(proposerText(clientView(g.state, asSeat("US", ["regulator"])), a1)).toBe("proposed by Cal (Economic envoy), revision 1");
    expect(proposerText(clientView(g.state, asSeat("US", ["envoy"])), a1)).toBe("proposed by you, revision 1");
    expect(proposerText(clientView(g.state, asSeat("JP")), a1)).toBe("proposed by the United States, revision 1");
    // A record without the person's name still says which ministry.
    expect(proposerText(clientView(g.state, asSeat("US", ["diplomat"])), agreementById(g.state, "A3")!)).toBe("proposed by your Economic envoy, revision 1");
    // A seat one person plays: as before.
    const a2 = agreementById(g.state, "A2")!;
    expect(proposerText(clientView(g.state, asSeat("JP")), a2)).toBe("proposed by you, revision 1");
    expect(fate(clientView(g.state, asSeat("US", ["diplomat"])), a2)).toBe("R1 declined by Cal (Economic envoy)");
    expect(fate(clientView(g.state, asSeat("US", ["envoy"])), a2)).toBe("R1 declined by you");
    expect(fate(clientView(g.state, asSeat("JP")), a2)).toBe("R1 declined by the United States");
  });
});

describe("the facilitator console names the minister who acted", () => {
  const g = teamGame();
  const view = clientView(g.state, asFacilitator);

  it("live, from the view: the steps and the chat", () => {
    expect(lastFromView(view).US!.text).toBe("Economic envoy proposed A3");
    expect(lastFromView({ ...view, agreements: [] }).US!.text).toBe("Ana (Diplomat) wrote in Plenary (everyone)");
    expect(lastFromView(view).JP!.text).toBe("proposed A2");
  });

  it("from the game's record, after a reload: the log's actors", () => {
    const analysis = analyze(setupOf(recordOf(g)), logged(g.log));
    const times = g.log.map((_, i) => 1_800_000_000_000 + i * 60_000);
    const done = recordedActivity(view, { timeline: analysis.timeline, actions: g.log, times });
    expect(done.filter((a) => a.seat === "US").map((a) => a.text)).toEqual([
      "Ana (Diplomat) wrote in Plenary (everyone)",
      "Cal (Economic envoy) proposed A1",
      "Cal (Economic envoy) declined A2",
      "Economic envoy proposed A3",
      "Ben (Regulator) is done negotiating",
    ]);
    expect(done.filter((a) => a.seat === "JP").map((a) => a.text)).toEqual(["signed A1", "proposed A2"]);
  });
});

describe("the report credits ministers where its reader may read names", () => {
  const g = teamGame();
  const record = recordOf(g);
  const analysis = analyze(setupOf(record), logged(g.log));
  const words = englishWords(classroom());
  const steps = (r: ReturnType<typeof buildReport>) => r.timeline.filter((e) => e.kind === "agreement").map((e) => say(e.text, g.setup.scenario).split(":")[0]);
  const plain = (html: string) => html.replace(/<[^>]+>/g, "").replace(/&amp;/g, "&");

  it("the facilitator's: the person and the ministry in the log, the deal cards and the chat", () => {
    const report = buildReport(record, analysis, "facilitator");
    expect(steps(report)).toEqual([
      "Cal (Economic envoy of the United States) proposed A1 (Supply-chain deal)",
      "Japan signed A1 (Supply-chain deal); every party has signed.",
      "Japan proposed A2 (Joint R&D / talent exchange)",
      "Cal (Economic envoy of the United States) declined A2 (Joint R&D / talent exchange).",
      "The United States (Economic envoy) proposed A3 (Supply-chain deal)",
    ]);
    const html = plain(renderReportHtml(report, words));
    expect(html).toContain("proposed by Cal (Economic envoy of the United States)");
    expect(html).toContain("Ana · United States (Diplomat)");
  });

  it("a share link's, the public one, the open replay and a share link's log: the ministry, no name; the log still replays", () => {
    const shared = buildReport(record, analysis, "facilitator", undefined, { named: false, privateChat: true });
    expect(steps(shared)).toContain("The United States (Economic envoy) proposed A1 (Supply-chain deal)");
    expect(steps(shared)).toContain("The United States (Economic envoy) declined A2 (Joint R&D / talent exchange).");
    const html = plain(renderReportHtml(shared, words));
    expect(html).toContain("proposed by the United States (Economic envoy)");
    expect(html).toContain("United States (Diplomat)");
    const pub = buildReport(record, analysis, "public");
    const log = logExport(record, analysis, { named: false, privateChat: false });
    const frames = replayFrames(record.code, analysis, "observer");
    for (const [what, data] of Object.entries({ shared, html, pub, log, frames })) {
      const bytes = typeof data === "string" ? data : JSON.stringify(data);
      expect(bytes.match(/.{0,40}\b(Ana|Ben|Cal|Jun)\b.{0,40}/)?.[0], `a name in ${what}`).toBeUndefined();
    }
    expect(replay(log.setup, log.actions).countries).toEqual(g.state.countries);
  });

  it("without teams, the log names the country as before", () => {
    const solo = teamGame(false);
    const rec = recordOf(solo);
    const report = buildReport(rec, analyze(setupOf(rec), logged(solo.log)), "facilitator");
    expect(steps(report)[0]).toBe("The United States proposed A1 (Supply-chain deal)");
    expect(report.chat.messages.map((m) => say(m.from, solo.setup.scenario))).toEqual(["United States"]);
  });
});

