/**
 * A full table: every seat of Alliance 2021 held by a team of three, with the facilitator
 * reading the private channels. A round's resolution sends each of the 40 clients the round's
 * changes and causes (the shared part, about 40 KB) and its own private part; the schema
 * encoder writes them all into one buffer (server/rooms/full-state-serializer.ts), which must
 * hold them without growing.
 */
import { afterAll, describe, expect, it } from "vitest";
import { expectCleanDecoding, join, leaveAll, type Conn } from "../helpers/game-client.ts";
import { createGame, type ServerProcess } from "../helpers/server-process.ts";
import { serverPerFile } from "../helpers/server-per-file.ts";
import { eventually } from "../helpers/wait.ts";
import { shippedScenarios } from "../../server/scenarios.ts";

let server: ServerProcess;
serverPerFile((s) => (server = s));
const open: Conn[] = [];
afterAll(() => leaveAll(...open));

describe("a full table of teams", () => {
  it("goes through a resolution with every client's view whole and no growth of the encoder's buffer", async () => {
    const seats = shippedScenarios().get("alliance-2021")!.countries.filter((c) => c.control === "seat").map((c) => c.id);
    const { code, facilitatorKey } = await createGame(server, {
      scenarioId: "alliance-2021",
      settings: { teams: true, bots: true, facilitatorReadsPrivate: true, seed: 5, eventSeconds: 600, negotiationSeconds: 3600, reviewSeconds: 600 },
    });
    const fac = await join.facilitator(server.endpoint, code, facilitatorKey);
    open.push(fac);
    for (const seat of seats)
      for (const role of ["diplomat", "regulator", "envoy"] as const) open.push(await join.player(server.endpoint, code, { name: `${seat} ${role}`, seat, roles: [role] }));
    expect(open.length).toBeGreaterThanOrEqual(3 * 12);
    await fac.command({ type: "start" });
    for (const phase of ["negotiation", "review"] as const) {
      await fac.command({ type: "advance" });
      for (const c of open) await eventually(() => expect(c.view().phase).toBe(phase));
    }
    // Every client holds the round's review: the same changes, and its own seat's numbers.
    const changes = fac.view().changes;
    expect(changes.length).toBeGreaterThan(10);
    for (const c of open.slice(1)) {
      expect(c.view().changes).toEqual(changes);
      const seat = c.viewer.kind === "seat" ? c.viewer.seat : "";
      expect(c.view().countries.find((x) => x.id === seat)?.secret, seat).toBeDefined();
    }
    expectCleanDecoding();
    expect(server.output()).not.toMatch(/buffer overflow/);
  }, 120_000);
});
