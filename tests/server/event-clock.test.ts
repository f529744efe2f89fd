/**
 * The event phase's clock gives each card of the round its reading time (docs/RULES.md §2): a
 * round that opens with the facilitator's three scheduled cards stays open three times the
 * event card's seconds, a round with one card once.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectCleanDecoding, join, leaveAll, type Conn } from "../helpers/game-client.ts";
import { createGame, startServerProcess, tempDatabase, type ServerProcess } from "../helpers/server-process.ts";
import { eventually, waitFor } from "../helpers/wait.ts";

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
