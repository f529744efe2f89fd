/**
 * The debrief router in this process (express, an in-memory store; no game server): what it
 * refuses before anything is stored. A fork while the process shuts down is refused as a new
 * game is (server/app.ts, POST /api/games).
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

const store = new SqliteStore(":memory:");
const status = { draining: false };
let server: http.Server;
let port: number;

beforeAll(async () => {
  await storeGame(store, GAME, scriptedGame(), hashKey(KEY));
  await store.finishGame(GAME, Date.now());
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
      const r = await post(`/api/games/${GAME}/fork`, { round: 2 });
      expect(r.status).toBe(503);
      expect(r.body).toMatchObject({ error: { code: "server/draining", message: "This server is shutting down; try again in a moment.", text: { key: "http.draining" } } });
      expect(await store.gamesByKey(hashKey(KEY))).toHaveLength(1);
    } finally {
      status.draining = false;
    }
  });
});
