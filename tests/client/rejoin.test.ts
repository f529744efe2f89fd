/**
 * The client's rejoin after its connection was lost for good (client/net/connection.ts): it
 * keeps trying while the game may come back (a server restarting restores unfinished games),
 * and stops, saying why, when the server says the game is over and its room closed, or that it
 * has no game of that code. The SDK is a stand-in whose first join succeeds and whose room
 * then leaves, as after the server was killed; fetch answers as the server's HTTP API would.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

type Handlers = { leave?: (code: number) => void };
const rooms: Handlers[] = [];
const joins = { count: 0 };

vi.mock("@colyseus/sdk", () => ({
  Client: class {
    async joinById() {
      joins.count += 1;
      if (joins.count > 1) throw Object.assign(new Error('room "ABCDEF" not found'), { code: 522 });
      const handlers: Handlers = {};
      rooms.push(handlers);
      return {
        reconnection: {},
        onMessage() {},
        onStateChange() {},
        onDrop() {},
        onReconnect() {},
        onLeave(f: (code: number) => void) {
          handlers.leave = f;
        },
        leave: async () => undefined,
      };
    }
  },
}));

const { GameConnection } = await import("../../client/net/connection.ts");
const { Store } = await import("../../client/state/store.ts");
const { memoryStorage, SessionMemory } = await import("../../client/net/session-memory.ts");

/** What GET /api/games/ABCDEF answers after the restart. */
let lookup: () => Response;
const lookups = { count: 0 };

function json(status: number, body: unknown) {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
}

const ended = { code: "ABCDEF", scenario: { id: "chokepoint", title: "Chokepoint" }, phase: "ended", round: 0, settings: { teams: false, bots: true, facilitatorReadsPrivate: false, rounds: 6, quickStart: false, eventSeconds: 60 }, seats: [] };

beforeEach(() => {
  vi.useFakeTimers();
  joins.count = 0;
  lookups.count = 0;
  rooms.length = 0;
  vi.stubGlobal("window", { location: { origin: "http://localhost" } });
  vi.stubGlobal("fetch", async (url: string) => {
    if (url.endsWith("/scenario")) return json(200, {});
    if (url.startsWith("/api/scenarios/")) return json(404, {});
    lookups.count += 1;
    return lookup();
  });
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

async function lostAfterRestart() {
  const store = new Store();
  const conn = new GameConnection("ABCDEF", { as: "player", name: "Ana", token: "t".repeat(32) } as never, store, new SessionMemory(memoryStorage(), memoryStorage()));
  expect(await conn.open()).toEqual({ ok: true });
  // The connection dropped (the server was killed): the room leaves.
  rooms[0]!.leave!(1006);
  expect(store.get().status).toBe("reconnecting");
  return { store, conn };
}

describe("rejoining a game whose room is gone", () => {
  it("a finished game: stops at the first answer and says the game is over and its room closed", async () => {
    lookup = () => json(200, ended);
    const { store, conn } = await lostAfterRestart();
    await vi.advanceTimersByTimeAsync(120_000);
    expect(store.get().status).toBe("closed");
    expect(joins.count).toBe(2);
    // Nothing sent waits for a connection that will not come back.
    const reply = await conn.act({ type: "ready", ready: true });
    expect(reply.ok).toBe(false);
    await conn.leave();
  });

  it("a code the server does not know: gives up after a few tries, and says so", async () => {
    lookup = () => json(404, { error: { code: "game/unknown", message: "No game with that code." } });
    const { store, conn } = await lostAfterRestart();
    await vi.advanceTimersByTimeAsync(600_000);
    expect(store.get().status).toBe("lost");
    expect(store.get().error).toContain("ABCDEF");
    expect(joins.count).toBe(4);
    await conn.leave();
  });

  it("a server still down (or restoring the game) is tried again, with a growing wait", async () => {
    lookup = () => json(503, { error: { code: "game/moving", message: "moving" } });
    const { store, conn } = await lostAfterRestart();
    await vi.advanceTimersByTimeAsync(120_000);
    expect(store.get().status).toBe("reconnecting");
    const tries = joins.count;
    expect(tries).toBeGreaterThan(5);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(joins.count).toBeGreaterThan(tries);
    await conn.leave();
  });
});
