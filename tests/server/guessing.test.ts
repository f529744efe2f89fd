/**
 * Guessing codes: wrong game codes, rejoin codes and keys count per address across the HTTP
 * API and the matchmaker together, and past the limit the address gets `rate/limited` for a
 * minute. Each scenario speaks from its own loopback address (127.0.0.N), as separate
 * machines would; the honest class on 127.0.0.1 is never affected.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { zhCN } from "../../client/i18n/zh-CN.ts";
import { translator } from "../../client/i18n/translator.ts";
import type { Text } from "../../shared/engine/text.ts";
import { GuessLimiter } from "../../server/codes.ts";
import { join, leaveAll } from "../helpers/game-client.ts";
import { roomSocketOutcome } from "../helpers/raw-client.ts";
import { createGame, type ServerProcess } from "../helpers/server-process.ts";
import { serverPerFile } from "../helpers/server-per-file.ts";
import { httpRequest, type Answer } from "../helpers/http-request.ts";

let server: ServerProcess;
let code: string;
let facilitatorKey: string;
serverPerFile((s) => (server = s));

beforeAll(async () => {
  ({ code, facilitatorKey } = await createGame(server, { scenarioId: "classroom-quick", settings: { seed: 2 } }));
});

/** An HTTP request from a chosen local address (and any headers a guesser might forge). */
function from(localAddress: string, method: "GET" | "POST", path: string, body?: unknown, headers: Record<string, string> = {}) {
  const data = body === undefined ? undefined : JSON.stringify(body);
  return httpRequest(server.port, method, path, { localAddress, headers: { ...(data ? { "content-type": "application/json" } : {}), ...headers }, ...(data ? { body: data } : {}) });
}

const ALPHABET = "ACDEFGHJKMNPQRTUVWXY3469";
/** A code that is surely not a game: different from the real one in its first letter. */
const wrongCode = (i: number) => {
  const first = ALPHABET[i % ALPHABET.length]!;
  const c = `${first}${ALPHABET[(i * 7) % 24]}${ALPHABET[(i * 5) % 24]}QQQ`;
  return c === code ? "QQQQQQ" : c;
};
const joinById = (address: string, c: string, options: unknown, headers?: Record<string, string>) => from(address, "POST", `/matchmake/joinById/${c}`, options, headers);
const observer = { as: "observer", name: "Guess" };

/** The whole join, as the SDK does it: the matchmaker's seat, then the room's WebSocket (where keys and rejoin codes are checked). */
async function fullJoin(address: string, options: unknown): Promise<"joined" | "refused" | number> {
  const seat = await joinById(address, code, options);
  if (seat.status !== 200) return seat.status;
  const { processId, roomId, sessionId } = seat.body as Record<string, string>;
  return roomSocketOutcome(`${server.endpoint}/${processId}/${roomId}?sessionId=${sessionId}`, { localAddress: address });
}

describe("wrong codes through the matchmaker", () => {
  it("count with the HTTP API's, and lock the address out of both with rate/limited", async () => {
    const me = "127.0.0.2";
    for (let i = 0; i < 30; i++) expect((await from(me, "GET", `/api/games/${wrongCode(i)}`)).status).toBe(404);
    // Each refusal carries its words for the reader's language (client/i18n/en/server.ts).
    const unknown = (await from(me, "GET", `/api/games/${wrongCode(0)}`)).body as { error: { message: string; text: Text } };
    expect(unknown.error.message).toBe("No game has that code. Check the six characters with your facilitator.");
    expect(translator(zhCN, "zh-CN").render(unknown.error.text)).toBe("没有使用该代码的对局。请向主持人核对这六个字符。");
    for (let i = 30; i < 60; i++) expect((await joinById(me, wrongCode(i), observer)).status).not.toBe(200);
    // Locked: even the right code is refused now, by both routes.
    const refused = await joinById(me, code, observer);
    expect(refused.status).toBe(429);
    expect(String(refused.body.error)).toMatch(/^rate\/limited/);
    expect(await from(me, "GET", `/api/games/${code}`)).toMatchObject({ status: 429, body: { error: { code: "rate/limited", text: { key: "http.wrongCodesLimited" } } } });
    // Another machine is not affected.
    expect((await joinById("127.0.0.9", code, observer)).status).toBe(200);
    const honest = await join.observer(server.endpoint, code);
    await leaveAll(honest);
  });

  it("a forged X-Forwarded-For does not reset the count", async () => {
    const me = "127.0.0.3";
    let last: Answer | undefined;
    for (let i = 0; i < 61; i++) last = await joinById(me, wrongCode(i), observer, { "x-forwarded-for": `10.0.${i}.1`, "x-real-ip": `10.1.${i}.1` });
    expect(last?.status).toBe(429);
  });

  it("nor through the HTTP API: without TRUSTED_PROXIES the lock holds the socket's address, whatever the headers say", async () => {
    const me = "127.0.0.13";
    for (let i = 0; i < 60; i++) expect((await from(me, "GET", `/api/games/${wrongCode(i)}`, undefined, { "x-forwarded-for": `10.2.${i}.1`, "x-real-ip": `10.3.${i}.1` })).status).toBe(404);
    const forged = { "x-forwarded-for": "10.9.9.9", "x-real-ip": "10.9.9.9", "x-chokepoint-peer": "10.9.9.9" };
    expect((await from(me, "GET", `/api/games/${code}`, undefined, forged)).status).toBe(429);
    expect((await joinById(me, code, observer, forged)).status).toBe(429);
  });

  it("wrong rejoin codes and facilitator keys for a real game count too", async () => {
    const me = "127.0.0.4";
    for (let i = 0; i < 60; i++) {
      const options = i % 2 ? { as: "player", name: "Eve", rejoinCode: wrongCode(i) } : { as: "facilitator", key: `not-the-key-${i}` };
      // Refused by the matchmaker already (the room's own check, before a seat is reserved).
      expect(await fullJoin(me, options)).toBe(403);
    }
    expect(await fullJoin(me, observer)).toBe(429);
    expect(await fullJoin("127.0.0.8", observer)).toBe("joined");
  });

  it("a locked address (a school's, shared with a guesser) still lets in a seat token and the facilitator key that match; nothing else", async () => {
    const me = "127.0.0.7";
    const seated = await join.player(server.endpoint, code, { name: "Ana", seat: "NL" });
    const token = seated.welcomes[0]!.token!;
    for (let i = 0; i < 60; i++) await joinById(me, wrongCode(i), observer);
    expect(await fullJoin(me, observer)).toBe(429);
    // Ana's own token brings her back to her seat from that address, as does the facilitator's key.
    expect(await fullJoin(me, { as: "player", name: "Ana", token })).toBe("joined");
    expect(await fullJoin(me, { as: "facilitator", key: facilitatorKey })).toBe("joined");
    // A wrong token, a seat without a credential, a rejoin code (six characters: the lock is what keeps them from being guessed).
    expect(await fullJoin(me, { as: "player", name: "Eve", token: "not-a-token-of-this-game" })).toBe(429);
    expect(await fullJoin(me, { as: "player", name: "Eve", seat: "US" })).toBe(429);
    expect(await fullJoin(me, { as: "player", name: "Eve", rejoinCode: wrongCode(1) })).toBe(429);
    // A secret does not tell a locked address which codes are games.
    expect((await joinById(me, wrongCode(3), { as: "player", name: "Eve", token: "not-a-token-of-this-game" })).status).toBe(429);
    await leaveAll(seated);
  });

  it("the matchmaker only joins: creating a room with a game's code is refused", async () => {
    const created = await from("127.0.0.5", "POST", "/matchmake/create/game", { code });
    expect(created.status).toBe(403);
    const joined = await from("127.0.0.5", "POST", "/matchmake/joinOrCreate/game", { code });
    expect(joined.status).toBe(403);
  });
});

describe("a class's code", () => {
  it("looked up as a game (as the join page does first) is not a wrong guess: a class behind one address is never locked out", async () => {
    const created = await from("127.0.0.1", "POST", "/api/classes", { scenarioId: "classroom-quick", tables: 1, title: "Year 11" });
    expect(created.status).toBe(201);
    const klass = (created.body as { code: string }).code;
    const me = "127.0.0.6";
    // Nor an error: every student's phone would log one (the class's code is not a game's).
    for (let i = 0; i < 70; i++) expect(await from(me, "GET", `/api/games/${klass}`)).toMatchObject({ status: 200, body: { class: klass } });
    expect((await from(me, "GET", `/api/classes/${klass}`)).status).toBe(200);
    expect((await from(me, "GET", `/api/games/${code}`)).status).toBe(200);
  });
});

describe("the guess limiter", () => {
  it("refuses for a minute after the limit, then lets the address try again", () => {
    const limiter = new GuessLimiter(3, 60_000, 60_000);
    const t0 = 1_000_000;
    limiter.miss("a", t0);
    limiter.miss("a", t0 + 50_000);
    limiter.miss("a", t0 + 61_000); // the first has left the window
    expect(limiter.blocked("a", t0 + 61_001)).toBe(false);
    limiter.miss("a", t0 + 61_500); // the third within a minute
    expect(limiter.blocked("a", t0 + 61_600)).toBe(true);
    expect(limiter.blocked("b", t0 + 61_600)).toBe(false);
    // A full minute from the lockout, even though older misses leave the window earlier.
    expect(limiter.blocked("a", t0 + 121_000)).toBe(true);
    expect(limiter.blocked("a", t0 + 121_600)).toBe(false);
  });
});
