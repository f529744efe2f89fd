/**
 * A school's address, shared by a class, locked because one student guessed codes
 * (server/codes.ts `codeGuesses`), or with a flooder behind it (`floods`, `floodedHolders`):
 * the seated students still reload their game and reconnect with their own secrets (the seat
 * token, the facilitator key, the SDK's reconnection token); nobody else gets an answer, and a
 * connection closed for flooding does not come back early. Each scenario speaks from its own
 * loopback address (127.0.0.30–39, used by no other test file).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { expectCleanDecoding, join, leaveAll, type Conn } from "../helpers/game-client.ts";
import { httpRequest } from "../helpers/http-request.ts";
import { createGame, type ServerProcess } from "../helpers/server-process.ts";
import { serverPerFile } from "../helpers/server-per-file.ts";

let server: ServerProcess;
let code: string;
let facilitatorKey: string;
let facilitator: Conn;
const open: (Conn | undefined)[] = [];
serverPerFile((s) => (server = s));

beforeAll(async () => {
  ({ code, facilitatorKey } = await createGame(server, { scenarioId: "classroom-quick", settings: { seed: 7 } }));
  facilitator = await join.facilitator(server.endpoint, code, facilitatorKey);
  open.push(facilitator);
});
afterAll(async () => {
  await leaveAll(...open);
});
afterEach(() => expectCleanDecoding());

const get = (from: string, path: string, headers: Record<string, string> = {}) => httpRequest(server.port, "GET", path, { localAddress: from, headers });

/** Locks an address the way a guesser does: 60 game codes that are not games. */
async function lock(from: string) {
  const letters = "ACDEFGHJKMNPQRTUVWXY3469";
  for (let i = 0; i < 60; i++) {
    const guess = `${letters[i % 24]}${letters[Math.floor(i / 24)]}QQQQ`;
    if (guess !== code) expect((await get(from, `/api/games/${guess}`)).status).toBe(404);
  }
  expect((await get(from, `/api/games/${code}`)).status).toBe(429);
}

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
