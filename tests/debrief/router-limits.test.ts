/**
 * The debrief router in this process (express, an in-memory store; no game server): what it
 * refuses before anything is stored. A fork while the process shuts down is refused as a new
 * game is (server/app.ts, POST /api/games); a game has at most 50 share links.
 */
import type { AddressInfo } from "node:net";
import http from "node:http";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashKey } from "../../server/codes.ts";
import { debriefRouter } from "../../server/debrief/routes.ts";
import { SqliteStore } from "../../server/storage/sqlite-store.ts";
import { httpRequest } from "../helpers/http-request.ts";
import { scriptedGame, storeGame } from "./fixtures.ts";

const KEY = "k1-facilitator-key-for-tests";
const GAME = "ACDEFG";
const OTHER = "ACDEFH";
/** server/debrief/routes.ts SHARES_PER_GAME, as docs/PROTOCOL.md says. */
const SHARES_PER_GAME = 50;

const store = new SqliteStore(":memory:");
const status = { draining: false };
let server: http.Server;
let port: number;

beforeAll(async () => {
  await storeGame(store, GAME, scriptedGame(), hashKey(KEY));
  await storeGame(store, OTHER, scriptedGame({ seed: 12 }), hashKey(KEY));
  for (const code of [GAME, OTHER]) await store.finishGame(code, Date.now());
  const app = express();
  app.use(express.json());
  app.use("/api", debriefRouter(store, undefined, status));
  server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await store.close();
});

const post = (path: string, body: unknown = {}) =>
  httpRequest(port, "POST", path, { headers: { "content-type": "application/json", "x-facilitator-key": KEY }, body: JSON.stringify(body) });

describe("while the process shuts down", () => {
  it("a fork is refused with 503 server/draining, the refusal of a new game, and nothing is stored", async () => {
    status.draining = true;
    try {
      const before = (await store.gamesByKey(hashKey(KEY))).length;
      const r = await post(`/api/games/${GAME}/fork`, { round: 2 });
      expect(r.status).toBe(503);
      expect(r.body).toMatchObject({ error: { code: "server/draining", message: "This server is shutting down; try again in a moment.", text: { key: "http.draining" } } });
      expect(await store.gamesByKey(hashKey(KEY))).toHaveLength(before);
    } finally {
      status.draining = false;
    }
  });
});

describe("share links", () => {
  it(`a game has at most ${SHARES_PER_GAME}, revoked ones counted, even asked for all at once; the next is refused with 409 share/too_many; another game still gets its own`, async () => {
    const asked = await Promise.all(Array.from({ length: SHARES_PER_GAME + 5 }, () => post(`/api/games/${GAME}/share`)));
    expect(asked.filter((r) => r.status === 201)).toHaveLength(SHARES_PER_GAME);
    const refused = asked.filter((r) => r.status !== 201);
    expect(refused).toHaveLength(5);
    for (const r of refused)
      expect(r).toMatchObject({ status: 409, body: { error: { code: "share/too_many", message: `This game already has ${SHARES_PER_GAME} share links (revoked ones count); send one of the links you have.`, text: { key: "http.sharesFull" } } } });
    expect(await store.shares(GAME)).toHaveLength(SHARES_PER_GAME);
    // Revoking one does not make room: create and revoke would otherwise grow the table without end.
    const first = (await store.shares(GAME))[0]!;
    expect((await httpRequest(port, "DELETE", `/api/games/${GAME}/shares/${first.id}`, { headers: { "x-facilitator-key": KEY } })).status).toBe(200);
    expect((await post(`/api/games/${GAME}/share`)).status).toBe(409);
    expect((await post(`/api/games/${OTHER}/share`)).status).toBe(201);
  });
});
