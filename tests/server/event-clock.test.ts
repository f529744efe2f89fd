/**
 * The event phase's clock gives each card of the round its reading time (docs/RULES.md §2): a
 * round that opens with the facilitator's three scheduled cards stays open three times the
 * event card's seconds, a round with one card once. The log keeps what ended each phase (the
 * clock, every seat ready, the facilitator), and the report's timeline says it. A round with no
 * card has no event phase: it opens with the negotiation's clock.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectCleanDecoding, join, leaveAll, type Conn } from "../helpers/game-client.ts";
import { createGame, startServerProcess, tempDatabase, type ServerProcess } from "../helpers/server-process.ts";
import { eventually, waitFor } from "../helpers/wait.ts";
import { say } from "../helpers/words.ts";
import type { Text } from "../../shared/engine/text.ts";
import type { Action } from "../../shared/engine/actions.ts";

const db = tempDatabase();
let server: ServerProcess;
let fac: Conn, us: Conn;

beforeAll(async () => {
  server = await startServerProcess({ databasePath: db.databasePath });
  const { code, facilitatorKey } = await createGame(server, {
    scenarioId: "classroom-quick",
    settings: { bots: true, seed: 7, eventSeconds: 30, negotiationSeconds: 3600, reviewSeconds: 600 },
  });
  fac = await join.facilitator(server.endpoint, code, facilitatorKey);
  us = await join.player(server.endpoint, code, { name: "Una", seat: "US" });
}, 120_000);

afterAll(async () => {
  await leaveAll(fac, us);
  await server?.stop();
  db.cleanup();
  expectCleanDecoding();
});

/** Seconds left on the clock as the player sees it, read as soon as the phase shows. */
async function secondsLeft(round: number): Promise<number> {
  await eventually(() => expect(us.view()).toMatchObject({ round, phase: "event" }));
  const deadline = await waitFor(() => (us.view().round === round ? us.view().deadline : 0), { message: "a deadline" });
  return (deadline - Date.now()) / 1000;
}

describe("the event phase's clock", () => {
  it("is the event card's seconds for each card the round opens with", async () => {
    for (const n of [1, 2, 3]) await fac.command({ type: "custom-event", title: `Scheduled card ${n}`, text: "For round 2.", effects: [], round: 2 });
    await fac.command({ type: "start" });
    const first = await secondsLeft(1);
    expect(us.view().events.filter((e) => e.round === 1)).toHaveLength(1);
    expect(first).toBeGreaterThan(20);
    expect(first).toBeLessThanOrEqual(30);
    await fac.command({ type: "advance" });
    await eventually(() => expect(us.view().phase).toBe("negotiation"));
    await fac.command({ type: "advance" });
    await eventually(() => expect(us.view().phase).toBe("review"));
    await fac.command({ type: "advance" });
    const second = await secondsLeft(2);
    expect(us.view().events.filter((e) => e.round === 2)).toHaveLength(3);
    expect(second).toBeGreaterThan(80);
    expect(second).toBeLessThanOrEqual(90);
  });
});

describe("a round with no card (docs/RULES.md §2)", () => {
  it("opens with the negotiation and its clock: nobody is asked to read an event, and the report's timeline says why", async () => {
    // Six rounds of the classroom game: its deck's years run out after its own four.
    const { code, facilitatorKey } = await createGame(server, { scenarioId: "classroom-quick", settings: { bots: true, seed: 9, rounds: 6, eventSeconds: 30, negotiationSeconds: 3600, reviewSeconds: 600 } });
    const f = await join.facilitator(server.endpoint, code, facilitatorKey);
    const una = await join.player(server.endpoint, code, { name: "Una", seat: "US" });
    try {
      await f.command({ type: "start" });
      for (let round = 1; round <= 4; round++) for (const phase of ["event", "negotiation", "review"] as const) await f.command({ type: "advance", phase, round });
      await eventually(() => expect(una.view()).toMatchObject({ round: 5, phase: "negotiation" }));
      expect(una.view().events.filter((e) => e.round === 5)).toEqual([]);
      const deadline = await waitFor(() => (una.view().round === 5 ? una.view().deadline : 0), { message: "a deadline" });
      expect((deadline - Date.now()) / 1000).toBeGreaterThan(3500);
      const headers = { "x-facilitator-key": facilitatorKey };
      const report = (await (await fetch(`${server.url}/api/games/${code}/report`, { headers })).json()) as { timeline: { kind: string; round: number; text: Text }[] };
      expect(report.timeline.filter((e) => e.round === 5 && (e.kind === "round" || e.kind === "phase")).map((e) => say(e.text))).toEqual(["Round 5 of 6 begins.", "Negotiation opens at once (no event card this round)."]);
    } finally {
      await leaveAll(f, una);
    }
  }, 60_000);
});

describe("what ended a phase", () => {
  it("is in the log and on the report's timeline: every seat ready, the facilitator, the clock", async () => {
    // Round 1 opens with six cards (30 s to read them, time for Una's Continue); round 2 with one (5 s).
    const { code, facilitatorKey } = await createGame(server, { scenarioId: "classroom-quick", settings: { bots: true, seed: 8, eventSeconds: 5, negotiationSeconds: 3600, reviewSeconds: 600 } });
    const f = await join.facilitator(server.endpoint, code, facilitatorKey);
    const una = await join.player(server.endpoint, code, { name: "Una", seat: "US" });
    try {
      for (const n of [1, 2, 3, 4, 5]) await f.command({ type: "custom-event", title: `Opening card ${n}`, text: "For round 1.", effects: [], round: 1 });
      await f.command({ type: "start" });
      await eventually(() => expect(una.view()).toMatchObject({ round: 1, phase: "event" }));
      // Una taps Continue: she is the only person at the table, so the event phase ends early.
      await una.ok({ type: "ready", ready: true, phase: "event" });
      await eventually(() => expect(una.view().phase).toBe("negotiation"));
      await f.command({ type: "advance", phase: "negotiation", round: 1 });
      await eventually(() => expect(una.view().phase).toBe("review"));
      await una.ok({ type: "ready", ready: true, phase: "review" });
      // Round 2's event phase runs out of time.
      await eventually(() => expect(una.view()).toMatchObject({ round: 2, phase: "negotiation" }), { timeout: 30_000 });
      const headers = { "x-facilitator-key": facilitatorKey };
      const log = (await (await fetch(`${server.url}/api/games/${code}/log.json`, { headers })).json()) as { actions: Action[] };
      expect(log.actions.filter((a) => a.move.type === "advance").map((a) => [a.actor.kind, a.move.type === "advance" ? a.move.cause : undefined])).toEqual([
        ["system", "ready"],
        ["facilitator", undefined],
        ["system", "ready"],
        ["system", "clock"],
      ]);
      const report = (await (await fetch(`${server.url}/api/games/${code}/report`, { headers })).json()) as { timeline: { kind: string; text: Text }[] };
      expect(report.timeline.filter((e) => e.kind === "phase").map((e) => say(e.text))).toEqual([
        "Negotiation opens (every seat was ready before the event phase's time was up).",
        "Negotiation closed by the facilitator; round 1 resolved.",
        "Negotiation opens (the event phase's time was up).",
      ]);
    } finally {
      await leaveAll(f, una);
    }
  }, 60_000);
});
