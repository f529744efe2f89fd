/**
 * What a client keeps of a game's past (shared/protocol/archive.ts): lines, steps and ended
 * deals it saw stay after they leave the room state; a client that came later lacks them until
 * it fetches them; what is of the rounds the state holds comes from the state alone.
 */
import { describe, expect, it } from "vitest";
import { Archive, lastChanges, PRIVATE_WINDOW } from "../../shared/protocol/archive.ts";
import { bareStepJson, fromStepJson, stepJson, type ClientView, type SyncedState, type WireDeal, type WireLine } from "../../shared/protocol/view.ts";
import type { AgreementStep, RoundRecord } from "../../shared/engine/types.ts";
import { replay } from "../../shared/engine/replay.ts";
import { viewFor } from "../../shared/engine/views.ts";
import { countryMetrics, sectorRows, tableMetrics } from "../../client/model/country.ts";
import { shippedScenarios } from "../../server/scenarios.ts";
import { botGame } from "../bench/engine.ts";
import { BOARD_PAST, boardModel } from "../../client/model/board.ts";
import { GameRoomState } from "../../server/rooms/room-state.ts";
import { ViewSync } from "../../server/rooms/view-sync.ts";
import { pastItems } from "../../server/rooms/past.ts";
import { scenarioBook } from "../../shared/protocol/sections.ts";
import { assembleView } from "../../shared/protocol/view.ts";

const line = (id: number, round: number, channel = "plenary"): WireLine => ({ id, round, channel, seat: "US", text: `line ${id}` });
/** A line as the room state holds it in its `since` round: without its round, and without the plenary's name. */
const held = (id: number, channel?: string): WireLine => ({ id, ...(channel ? { channel } : {}), seat: "US", text: `line ${id}` });
const step = (round: number, what: AgreementStep["what"]) => stepJson({ round, phase: "negotiation", what, revision: 1 });
const deal = (id: string, status: string, steps: string[], past = 0): WireDeal => ({ id, type: "rnd", parties: "US,JP", terms: "{}", duration: 2, status, revision: 1, proposedBy: "US", proposedAt: 0, signatures: "US,JP", steps, past });
const news = (round: number, n: number) => ({ json: JSON.stringify({ round, phase: "negotiation", kind: "agreement", text: { key: `news.${n}` } }) });

function state(parts: Partial<SyncedState>): SyncedState {
  return { code: "HQ4M9C", deadline: 0, paused: false, remainingMs: 0, version: 1, seats: {}, pub: {}, priv: {}, news: [], events: [], agreements: {}, privateAgreements: [], chat: [], privateChat: [], since: 1, newsFrom: 0, eventsFrom: 0, ...parts };
}

const round1 = state({
  news: [news(1, 0), news(1, 1)],
  chat: [held(1)],
  privateChat: [held(2, "ch:JP+US")],
  agreements: { A1: deal("A1", "in-force", [step(1, "proposed"), step(1, "signed")]), A2: deal("A2", "expired", [step(1, "proposed"), step(1, "expired")]) },
});
// Round 2 after the trim: round 1's lines, A1's steps and the expired A2 have left the state.
const round2 = state({ since: 2, newsFrom: 2, news: [news(2, 2)], chat: [held(3)], agreements: { A1: deal("A1", "in-force", [step(2, "completed")], 2) } });

describe("the archive of a game's past", () => {
  it("keeps what a client saw after it left the room state, in order", () => {
    const archive = new Archive();
    archive.merge(round1, true);
    const merged = archive.merge(round2, false);
    expect(merged.news.map((n) => JSON.parse(n.json).text.key)).toEqual(["news.0", "news.1", "news.2"]);
    expect(merged.chat.map((l) => l.id).sort()).toEqual([1, 2, 3]);
    // Kept with the round they were of, though the state's `since` moved on.
    expect(merged.chat.map((l) => [l.id, l.round, l.channel]).sort()).toEqual([[1, 1, "plenary"], [2, 1, "ch:JP+US"], [3, 2, "plenary"]]);
    expect(merged.agreements.A1!.steps.map((s) => fromStepJson(s).what)).toEqual(["proposed", "signed", "completed"]);
    expect(merged.agreements.A2!.status).toBe("expired");
    for (const part of ["news", "events", "chat", "deals"] as const) expect(archive.lacks(part)).toBe(false);
  });

  it("a client that came later lacks the past until it fetches it, then sees what the others see", () => {
    const early = new Archive();
    early.merge(round1, true);
    const seen = early.merge(round2, false);
    const late = new Archive();
    const first = late.merge(round2, true);
    expect(first.chat.map((l) => l.id)).toEqual([3]);
    expect(first.agreements.A1!.steps).toHaveLength(1);
    for (const part of ["news", "events", "chat", "deals"] as const) expect(late.lacks(part)).toBe(true);
    late.add("chat", [{ id: 1, round: 1, seat: "US", text: "line 1" }, line(2, 1, "ch:JP+US"), line(3, 2)]);
    late.add("news", [0, 1, 2].map((n) => JSON.parse(news(n < 2 ? 1 : 2, n).json)));
    late.add("deals", [deal("A1", "in-force", [step(1, "proposed"), step(1, "signed"), step(2, "completed")]), deal("A2", "expired", [step(1, "proposed"), step(1, "expired")])]);
    const merged = late.merge(round2, false);
    expect(late.lacks("chat")).toBe(false);
    expect(merged.news).toEqual(seen.news);
    expect(merged.agreements).toEqual(seen.agreements);
    expect(merged.chat.map((l) => l.id).sort()).toEqual([1, 2, 3]);
    expect(merged.chat.sort((a, b) => a.id - b.id)).toEqual(seen.chat.sort((a, b) => a.id - b.id));
  });

  it("what is of the rounds the state holds comes from the state alone: a line this client may no longer read leaves its view", () => {
    const archive = new Archive();
    archive.merge(state({ privateChat: [line(5, 1, "team:US")], chat: [line(4, 1)] }), true);
    const after = archive.merge(state({ chat: [line(4, 1)] }), false);
    expect(after.chat.map((l) => l.id)).toEqual([4]);
  });

  it("the facilitator's client keeps earlier rounds' private lines only while it may read their channels, and lacks them once it may", () => {
    const channel = (id: string) => ({ id, kind: "bilateral", members: ["JP", "US"], name: id });
    const sections = (reads: boolean, since: number) => ({
      pub: { meta: { json: JSON.stringify({ settings: { facilitatorReadsPrivate: reads } }) }, channels: { json: JSON.stringify([{ id: "plenary", kind: "plenary", members: [], name: "Plenary" }]) } },
      priv: { facilitator: { json: JSON.stringify({ channels: reads ? [channel("ch:JP+US")] : [] }) } },
      since,
    });
    const archive = new Archive();
    archive.merge(state({ ...sections(true, 1), chat: [line(1, 1)], privateChat: [line(2, 1, "ch:JP+US")] }), true);
    expect(archive.merge(state({ ...sections(true, 2), chat: [line(3, 2)] }), false).chat.map((l) => l.id).sort()).toEqual([1, 2, 3]);
    // The game's setting turns off: the private line of round 1 leaves the facilitator's screen.
    expect(archive.merge(state({ ...sections(false, 2), chat: [line(3, 2)] }), false).chat.map((l) => l.id).sort()).toEqual([1, 3]);
    expect(archive.lacks("chat")).toBe(false);
    // On again, in a later round: what was said privately in the rounds that left the state is to be fetched.
    archive.merge(state({ ...sections(true, 2), chat: [line(3, 2)] }), false);
    expect(archive.lacks("chat")).toBe(true);
  });

  it("a rejoin after the state let go of rounds this client never saw lacks them again", () => {
    const archive = new Archive();
    archive.merge(round1, true);
    archive.merge(state({ since: 3, newsFrom: 5 }), true);
    expect(archive.lacks("news")).toBe(true);
    expect(archive.lacks("deals")).toBe(true);
  });

  it("a deal that ended leaves the state within its round: a client that saw it end keeps it, a fresh join lacks it", () => {
    const archive = new Archive();
    const offer = deal("A3", "proposed", [step(1, "proposed")]);
    archive.merge(state({ privateAgreements: [offer] }), true);
    archive.merge(state({ privateAgreements: [{ ...offer, status: "declined", steps: [step(1, "proposed"), step(1, "declined")] }] }), false);
    const after = archive.merge(state({ dealsTrimmed: 1 }), false);
    expect(after.agreements.A3?.status).toBe("declined");
    expect(after.agreements.A3?.steps).toHaveLength(2);
    expect(archive.lacks("deals")).toBe(false);
    const late = new Archive();
    late.merge(state({ dealsTrimmed: 1 }), true);
    expect(late.lacks("deals")).toBe(true);
    expect(late.lacks("chat")).toBe(false);
  });

  it("a public line that left the chat's window stays for a client that saw it; a fresh join lacks it", () => {
    const archive = new Archive();
    archive.merge(state({ chat: [line(1, 1), line(2, 1)], privateChat: [line(3, 1, "team:US")] }), true);
    const after = archive.merge(state({ chat: [line(2, 1)], chatGone: 1 }), false);
    // The private line left this client's view (it may no longer read it); the public one left the window.
    expect(after.chat.map((l) => l.id)).toEqual([1, 2]);
    expect(archive.lacks("chat")).toBe(false);
    const late = new Archive();
    late.merge(state({ chat: [line(2, 1)], chatGone: 1 }), true);
    expect(late.lacks("chat")).toBe(true);
    expect(late.lacks("deals")).toBe(false);
  });

  it("a private line its channel's full window passed stays for a client that saw it; a fresh join with a full window lacks the chat", () => {
    const ids = (from: number, n: number) => Array.from({ length: n }, (_, i) => from + i);
    const bilateral = (list: number[]) => list.map((id) => held(id, "ch:JP+US"));
    const archive = new Archive();
    archive.merge(state({ privateChat: bilateral(ids(1, 1)) }), true);
    archive.merge(state({ privateChat: bilateral(ids(1, PRIVATE_WINDOW + 2)) }), false);
    // The window moved on by two lines: the first two left the state, not this client's screen.
    const after = archive.merge(state({ privateChat: bilateral(ids(3, PRIVATE_WINDOW)) }), false);
    expect(after.chat.map((l) => l.id)).toEqual(ids(1, PRIVATE_WINDOW + 2));
    expect(archive.lacks("chat")).toBe(false);
    const late = new Archive();
    expect(late.merge(state({ privateChat: bilateral(ids(3, PRIVATE_WINDOW)) }), true).chat).toHaveLength(PRIVATE_WINDOW);
    expect(late.lacks("chat")).toBe(true);
    // A channel short of its window lost nothing to it: a fresh join has it all.
    const short = new Archive();
    short.merge(state({ privateChat: bilateral(ids(3, PRIVATE_WINDOW - 1)) }), true);
    expect(short.lacks("chat")).toBe(false);
  });

  it("a step's reason that left the room state stays for a client that saw it", () => {
    const archive = new Archive();
    const proposed: AgreementStep = { round: 1, phase: "negotiation", what: "proposed", by: "JP", revision: 1, reason: "chips for both" };
    const withReason = stepJson(proposed);
    const bare = bareStepJson(proposed);
    archive.merge(state({ privateAgreements: [deal("A4", "proposed", [withReason])] }), true);
    const after = archive.merge(state({ privateAgreements: [deal("A4", "proposed", [bare, step(1, "signed")])], dealsTrimmed: 1 }), false);
    expect(after.privateAgreements[0]!.steps).toEqual([withReason, step(1, "signed")]);
    const late = new Archive();
    expect(late.merge(state({ privateAgreements: [deal("A4", "proposed", [bare])], dealsTrimmed: 1 }), true).privateAgreements[0]!.steps).toEqual([bare]);
    expect(late.lacks("deals")).toBe(true);
  });

  it("round records come in one by one", () => {
    const archive = new Archive();
    expect(archive.hasRecord(1)).toBe(false);
    archive.addRecord({ round: 1, metrics: {}, capabilities: {}, table: { cohesion: 1, resilience: 1, divide: 1, tension: 1 }, changes: [] });
    expect(archive.hasRecord(1)).toBe(true);
    expect(archive.merge(round2, false).history!.map((h) => JSON.parse(h.json).round)).toEqual([1]);
  });
});

describe("a metric's last change for a client that joined late", () => {
  // The alliance bot game at its last negotiation: many metrics last moved rounds ago.
  const scenario = shippedScenarios().get("alliance-2021")!;
  const { setup, log, lastNegotiation } = botGame(scenario);
  const game = replay(setup, log, lastNegotiation);
  const full = viewFor(game, { kind: "observer" });
  const rows = (view: Pick<ClientView, "changes" | "history" | "round" | "lastChanges" | "table">) => [
    tableMetrics(view),
    ...full.countries.map((c) => [countryMetrics(view, c), sectorRows(view, c)]),
  ];
  /** A client that has the latest record (always fetched) and, when given, the last changes it fetched. */
  const late = (fetched?: boolean) => {
    const archive = new Archive();
    archive.addRecord(full.history.at(-1)!);
    if (fetched) archive.add("changes", JSON.parse(JSON.stringify(lastChanges(game.history))));
    const merged = archive.merge(state({ since: game.round }), true);
    return { ...full, history: merged.history!.map((h) => JSON.parse(h.json) as RoundRecord), lastChanges: merged.lastChanges };
  };

  it("shows what a client with every round's record shows, once it fetched the last changes", () => {
    expect(full.history.length).toBeGreaterThan(2);
    // Without them, some metric that did not move in the last round would show no change.
    expect(rows(late(false))).not.toEqual(rows(full));
    expect(rows(late(true))).toEqual(rows(full));
  });

  it("a record newer than the last changes fetched is read first", () => {
    const before = { ...full, history: full.history.slice(0, -1) };
    const upToBefore = { ...full, history: [full.history.at(-1)!], lastChanges: lastChanges(before.history) };
    expect(rows(upToBefore)).toEqual(rows(full));
  });
});

describe("the board of a screen opened late", () => {
  // The classroom bot game in its last review: Kenya's cable and Vietnam's 5G were built rounds
  // ago, their loans ended and their steps left the room state.
  const scenario = shippedScenarios().get("classroom-quick")!;
  const { setup, log, lastNegotiationEnd } = botGame(scenario);
  const game = replay(setup, log, lastNegotiationEnd + 1);
  const observer = { kind: "observer" } as const;
  /** What a screen that stayed connected all game draws (it kept every deal it saw: the tests above). */
  const connected = boardModel(viewFor(game, observer));
  /** The room state a projector opened now receives (nobody else there: the state let go of the past at once). */
  const state = new GameRoomState();
  new ViewSync(state, () => game, () => [], () => undefined).sync({});
  const raw = state.toJSON() as unknown as SyncedState;
  const projects = (m: ReturnType<typeof boardModel>) => m.projects.map((p) => `${p.recipient} ${p.project}${p.done ? " built" : ""}`).sort();

  it("draws the projects a connected screen draws, once it fetched the parts of the past the board reads", () => {
    expect(game.phase).toBe("review");
    expect(projects(connected)).toEqual(expect.arrayContaining(["KE cable built", "VN 5g built"]));
    const archive = new Archive();
    archive.merge(raw, true);
    const view = () => assembleView(archive.merge(raw, false), observer, scenarioBook(scenario))!;
    // The room state alone lacks them: what the map showed before the board asked for the past.
    expect(projects(boardModel(view()))).not.toEqual(projects(connected));
    for (const part of BOARD_PAST) if (archive.lacks(part)) archive.add(part, JSON.parse(JSON.stringify(pastItems(game, observer, part))));
    const late = boardModel(view());
    expect(projects(late)).toEqual(projects(connected));
    expect(late).toEqual(connected);
  });
});
