/**
 * A school's address, shared by a class, locked because one student guessed codes
 * (server/codes.ts `codeGuesses`), or with a flooder behind it (`floods`, `floodedHolders`):
 * the seated students still reload their game and reconnect with their own secrets (the seat
 * token, the facilitator key, the SDK's reconnection token); nobody else gets an answer, and a
 * connection closed for flooding does not come back early. Each scenario speaks from its own
 * loopback address (127.0.0.30–39, used by no other test file).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { Conn, expectCleanDecoding, join, leaveAll } from "../helpers/game-client.ts";
import { httpRequest } from "../helpers/http-request.ts";
import { RawClient, requestFrame, reserveSeat, roomSocketOutcome } from "../helpers/raw-client.ts";
import { createGame, type ServerProcess } from "../helpers/server-process.ts";
import { serverPerFile } from "../helpers/server-per-file.ts";
import { eventually, waitFor } from "../helpers/wait.ts";

let server: ServerProcess;
let code: string;
let facilitatorKey: string;
let facilitator: Conn;
const open: (Conn | undefined)[] = [];
const raws: RawClient[] = [];
serverPerFile((s) => (server = s));

beforeAll(async () => {
  ({ code, facilitatorKey } = await createGame(server, { scenarioId: "classroom-quick", settings: { seed: 7 } }));
  facilitator = await join.facilitator(server.endpoint, code, facilitatorKey);
  open.push(facilitator);
});
afterAll(async () => {
  await leaveAll(...open);
  await Promise.all(raws.map((r) => r.close()));
});
afterEach(() => expectCleanDecoding());

const get = (from: string, path: string, headers: Record<string, string> = {}) => httpRequest(server.port, "GET", path, { localAddress: from, headers });
const post = (from: string, path: string, body: unknown) => {
  const data = JSON.stringify(body);
  return httpRequest(server.port, "POST", path, { localAddress: from, headers: { "content-type": "application/json" }, body: data });
};

/** Locks an address the way a guesser does: 60 game codes that are not games. */
async function lock(from: string) {
  const letters = "ACDEFGHJKMNPQRTUVWXY3469";
  for (let i = 0; i < 60; i++) {
    const guess = `${letters[i % 24]}${letters[Math.floor(i / 24)]}QQQQ`;
    if (guess !== code) expect((await get(from, `/api/games/${guess}`)).status).toBe(404);
  }
  expect((await get(from, `/api/games/${code}`)).status).toBe(429);
}

const holder = (name: string) =>
  facilitator
    .view()
    .seats.flatMap((s) => s.holders)
    .find((h) => h.name === name);

describe("reloading a game from a locked address", () => {
  it("what a reloading browser asks for answers when it carries the seat token or the facilitator key; without one, or with a wrong one, 429", async () => {
    const me = "127.0.0.30";
    const ana = await join.player(server.endpoint, code, { name: "Ana", seat: "NL" });
    open.push(ana);
    const token = ana.welcome.token!;
    await lock(me);

    // A player's reload: the lobby (client/main.ts), the book, round records and the past (client/net/connection.ts).
    const seat = { "x-seat-token": token };
    expect(await get(me, `/api/games/${code}`, seat)).toMatchObject({ status: 200, body: { code } });
    expect(await get(me, `/api/games/${code}/scenario`, seat)).toMatchObject({ status: 200, body: { countries: expect.any(Array) } });
    expect(await get(me, `/api/games/${code}/rounds/1`, seat)).toMatchObject({ status: 404, body: { error: { code: "game/no_record" } } });
    expect((await get(me, `/api/games/${code}/past/news`, seat)).status).toBe(200);
    // The facilitator's, with the event cards and the secret objectives.
    const key = { "x-facilitator-key": facilitatorKey };
    for (const path of ["", "/scenario", "/cards", "/secrets", "/past/chat"]) expect((await get(me, `/api/games/${code}${path}`, key)).status, path).toBe(200);

    // Anything else from there is refused alike: no secret, a wrong one, a right one on a code that is no game.
    const wrongToken = { "x-seat-token": "not-a-token-of-this-game" };
    const wrongKey = { "x-facilitator-key": "not-the-key-of-this-game" };
    for (const path of ["", "/scenario", "/rounds/1", "/past/news", "/cards", "/secrets"]) {
      for (const headers of [{}, wrongToken, wrongKey]) expect(await get(me, `/api/games/${code}${path}`, headers), `${path} ${JSON.stringify(headers)}`).toMatchObject({ status: 429, body: { error: { code: "rate/limited" } } });
      expect((await get(me, `/api/games/QQQQQQ${path}`, seat)).status, path).toBe(429);
    }
    // Another machine is not affected.
    expect((await get("127.0.0.39", `/api/games/${code}/scenario`)).status).toBe(200);
  });
});

/** The room's answer to a preview in the lobby: the connection is served. */
const answered = { ok: false, error: { code: "rule/wrong_phase" } };

describe("the SDK's reconnection from a locked address", () => {
  it("brings a seated player back: by itself after a dropped socket, and with client.reconnect(token)", async () => {
    const me = "127.0.0.31";
    const bo = await Conn.join(server.endpoint, code, { as: "player", name: "Bo", seat: "US" }, me);
    const cy = await Conn.join(server.endpoint, code, { as: "player", name: "Cy", seat: "CN" }, me);
    open.push(bo, cy);
    await lock(me);

    // The SDK's own retries (client/net/connection.ts relies on them): the network drops the socket.
    Object.assign(bo.room.reconnection, { enabled: true, minUptime: 0, minDelay: 100, maxDelay: 500 });
    let reconnected = false;
    bo.room.onReconnect(() => (reconnected = true));
    bo.socket.terminate();
    await waitFor(() => reconnected, { message: "the SDK to reconnect" });
    expect(await bo.preview({ agreementId: "A999" })).toMatchObject(answered);

    // client.reconnect(room.reconnectionToken): the matchmaker's `reconnect`, from the same address.
    await cy.drop();
    const back = await cy.reconnect();
    open.push(back);
    expect(back.welcome).toMatchObject({ kind: "player", seat: "CN" });
    expect(await back.preview({ agreementId: "A999" })).toMatchObject(answered);
    await eventually(() => expect(holder("Cy")).toMatchObject({ connected: true }));
  });

  it("a wrong reconnection token from there is refused like everything else", async () => {
    const me = "127.0.0.32";
    await lock(me);
    for (const room of [code, "QQQQQQ"]) {
      const refused = await post(me, `/matchmake/reconnect/${room}`, { reconnectionToken: "not-a-reconnection-token" });
      expect(refused.status, room).toBe(429);
      expect(String(refused.body.error)).toMatch(/^rate\/limited/);
    }
  });
});

describe("a connection closed for flooding", () => {
  it("may not reconnect with its reconnection token, through the matchmaker or its socket, from any address; its seat token is refused for a minute", async () => {
    const seated = await join.player(server.endpoint, code, { name: "Flo", seat: "JP" });
    const token = seated.welcome.token!;
    await seated.leave();
    const raw = await RawClient.join(server.url, code, { as: "player", name: "Flo", token }, "127.0.0.33");
    raws.push(raw);
    const reconnectionToken = raw.reconnectionToken!;
    const { processId, roomId, sessionId } = raw.seat!;
    expect(reconnectionToken).toBeTruthy();
    await raw.flood(requestFrame(1, "act", { type: "ready", ready: true }));
    await waitFor(() => raw.closed, { message: "the flooding connection to be closed" });
    expect(raw.closed?.code).toBe(4429);
    await eventually(() => expect(holder("Flo")).toMatchObject({ connected: false }));

    for (const from of ["127.0.0.33", "127.0.0.34"]) {
      // The matchmaker's reconnect (client.reconnect): no seat.
      const matchmaker = await post(from, `/matchmake/reconnect/${roomId}`, { reconnectionToken });
      expect(matchmaker.status, from).not.toBe(200);
      // The SDK's own retry: the room's socket with the token, straight away.
      const outcome = await roomSocketOutcome(`${server.endpoint}/${processId}/${roomId}?sessionId=${sessionId}&reconnectionToken=${reconnectionToken}&skipHandshake=1`, { localAddress: from });
      expect(outcome, from).toBe("refused");
    }
    // Joining again with the seat token: refused for a minute (server/codes.ts `floodedHolders`).
    expect((await reserveSeat(server.url, code, { as: "player", name: "Flo", token }, "127.0.0.35")).status).toBe(429);
  });
});
