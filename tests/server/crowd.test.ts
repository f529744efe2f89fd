/**
 * A crowd in one game's lobby (docs/PROTOCOL.md, "Joining a game"): every client receives the
 * names of the players waiting for a seat, and the lobby screen on the projector shows them, so a
 * game holds at most three waiting players per seat (`seat/lobby_full`), and one address at most
 * three connections per seat and ten more (`rate/connections`). Refused joins are not errors in
 * the server's log.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { Conn, expectCleanDecoding, join, leaveAll, refusedJoin } from "../helpers/game-client.ts";
import { createGame, type ServerProcess } from "../helpers/server-process.ts";
import { serverPerFile } from "../helpers/server-per-file.ts";
import { eventually } from "../helpers/wait.ts";
import { RawClient } from "../helpers/raw-client.ts";

let server: ServerProcess;
serverPerFile((s) => (server = s));
afterEach(() => expectCleanDecoding());

const conns: Conn[] = [];
afterAll(() => leaveAll(...conns));

describe("a crowd of unseated players from one address", () => {
  let code: string;
  let key: string;
  let watcher: Conn;

  beforeAll(async () => {
    // Classroom Quick has 7 seats: 21 may wait, 31 connections per address.
    ({ code, facilitatorKey: key } = await createGame(server, { scenarioId: "classroom-quick", settings: { seed: 4 } }));
    watcher = await join.observer(server.endpoint, code, "Projector");
    conns.push(watcher);
  });

  it("waits at most three per seat in the lobby; past that a join without a seat is refused with seat/lobby_full, at the same moment too", async () => {
    for (let i = 0; i < 15; i++) conns.push(await join.player(server.endpoint, code, { name: `Crowd ${i}` }));
    // Ten at once for the last six places: six wait, four are refused.
    const together = await Promise.allSettled(Array.from({ length: 10 }, (_, i) => join.player(server.endpoint, code, { name: `Rush ${i}` })));
    const joined = together.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
    conns.push(...joined);
    expect(joined).toHaveLength(6);
    for (const r of together) if (r.status === "rejected") expect(String(r.reason)).toMatch(/seat\/lobby_full/);
    expect(await refusedJoin(server.endpoint, code, { as: "player", name: "One Too Many" })).toBe(
      "seat/lobby_full: 21 players are already waiting for a seat; join as an observer, or ask the facilitator",
    );
    await eventually(() => expect(watcher.view().waiting).toHaveLength(21));
    expect(watcher.view().waiting.map((w) => w.name)).not.toContain("One Too Many");
    // A student who picks a seat still gets it.
    const ana = await join.player(server.endpoint, code, { name: "Ana", seat: "US" });
    conns.push(ana);
    expect(ana.welcome.seat).toBe("US");
    // One who waits leaves: a place in the lobby is free again.
    const gone = conns.find((c) => c.welcome.name === "Crowd 0")!;
    await gone.leave();
    conns.splice(conns.indexOf(gone), 1);
    await eventually(() => expect(watcher.view().waiting).toHaveLength(20));
    conns.push(await join.player(server.endpoint, code, { name: "Late Lee" }));
  });

  it("holds 31 connections per address in the game, then refuses rate/connections; the facilitator and another address still get in", async () => {
    // Here: the projector, 21 waiting, Ana = 23 connections.
    for (let i = 0; i < 8; i++) conns.push(await join.observer(server.endpoint, code, `Watcher ${i}`));
    expect(await refusedJoin(server.endpoint, code, { as: "observer", name: "Watcher 9" })).toBe(
      "rate/connections: 31 connections to this game already come from your network; close one, or ask the facilitator",
    );
    expect(await refusedJoin(server.endpoint, code, { as: "player", name: "Bob", seat: "CN" })).toMatch(/^rate\/connections/);
    const elsewhere = await Conn.join(server.endpoint, code, { as: "player", name: "Bob", seat: "CN" }, "127.0.0.9");
    conns.push(elsewhere);
    expect(elsewhere.welcome.seat).toBe("CN");
    // A connection that leaves frees its place.
    const gone = conns.find((c) => c.welcome.name === "Watcher 0")!;
    await gone.leave();
    conns.splice(conns.indexOf(gone), 1);
    await eventually(async () => void conns.push(await join.observer(server.endpoint, code, "Watcher 9")));
    // At the cap again, the facilitator's key still opens the game.
    expect(await refusedJoin(server.endpoint, code, { as: "observer", name: "Watcher 10" })).toMatch(/^rate\/connections/);
    const facilitator = await join.facilitator(server.endpoint, code, key);
    conns.push(facilitator);
    expect(facilitator.welcome.kind).toBe("facilitator");
  });

  it("writes no refused join to the log as an error, nor one the room refuses when its socket connects", async () => {
    // Two players asking for one seat at the same moment: the matchmaker lets both through, the room seats one.
    const { code: other } = await createGame(server, { scenarioId: "classroom-quick", settings: { seed: 5 } });
    const both = await Promise.allSettled(["Kai", "Lou"].map((name) => Conn.join(server.endpoint, other, { as: "player", name, seat: "JP" }, "127.0.0.10")));
    conns.push(...both.flatMap((r) => (r.status === "fulfilled" ? [r.value] : [])));
    expect(both.filter((r) => r.status === "rejected").map((r) => String((r as PromiseRejectedResult).reason))).toEqual([expect.stringMatching(/seat\/taken/)]);
    const errors = server.output().split("\n").filter((line) => line.includes('"level":50'));
    expect(errors).toEqual([]);
  });

  it("an observer whose connection drops frees its address's place at once, though the game keeps seats for dropped players for minutes", async () => {
    const school = "127.0.0.11";
    const { code: other } = await createGame(server, { scenarioId: "classroom-quick", settings: { seed: 6, reconnectSeconds: 300 } });
    // 31 observer connections from one address, each dropped without a close frame.
    for (let i = 0; i < 31; i++) await (await RawClient.join(server.url, other, { as: "observer" }, school)).close();
    // A classmate behind the same address still gets in, as a player and as an observer.
    await eventually(async () => void conns.push(await Conn.join(server.endpoint, other, { as: "player", name: "Classmate", seat: "NL" }, school)));
    conns.push(await Conn.join(server.endpoint, other, { as: "observer", name: "Viewer" }, school));
  });
});
