/**
 * One process, one port: the built client, the HTTP API and the WebSocket rooms.
 * `startServer` is used by `npm start` (server/main.ts) and by the integration tests.
 */
import { existsSync } from "node:fs";
import http from "node:http";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { matchMaker, Server } from "@colyseus/core";
import { WebSocketTransport } from "@colyseus/ws-transport";
import express from "express";
import { seedFrom } from "../shared/engine/rng.ts";
import { CreateGameSchema, JoinCode, type CreateGameReply, type ScenarioSummary } from "../shared/protocol/messages.ts";
import { formatPath } from "../shared/scenario/validate.ts";
import { botChooser } from "../shared/bots/bot.ts";
import { hashKey, newCode, newSecret, RateLimiter } from "./codes.ts";
import { logger } from "./logger.ts";
import { GameRoom, liveRooms } from "./rooms/GameRoom.ts";
import type { BotChooser } from "./rooms/bot-runner.ts";
import { shippedScenarios } from "./scenarios.ts";
import { SqliteStore } from "./storage/sqlite-store.ts";
import type { GameStore } from "./storage/store.ts";
import { debriefRouter, existingKey, type DebriefDeps } from "./debrief/routes.ts";

/** The built client; CLIENT_DIR points elsewhere (end-to-end tests build their own copy). */
export const DIST_DIR = process.env.CLIENT_DIR ?? join(dirname(fileURLToPath(import.meta.url)), "..", "dist");

export type ServerOptions = {
  port: number;
  host?: string;
  databasePath: string;
  botDelayMs?: number;
  chooser?: BotChooser;
  /** Serve the built client from dist/ (on by default when it exists). */
  serveClient?: boolean;
};

export type RunningServer = {
  port: number;
  store: GameStore;
  url: string;
  /** Stops accepting, disconnects rooms, closes the database. */
  close(): Promise<void>;
};

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const store = new SqliteStore(options.databasePath);
  GameRoom.deps = { store, chooser: options.chooser ?? ((state, seat, rng) => botChooser(state, seat, rng)), botDelayMs: options.botDelayMs ?? 2500 };
  const httpServer = http.createServer();
  const gameServer = new Server({
    transport: new WebSocketTransport({ server: httpServer }),
    greet: false,
    gracefullyShutdown: false,
    express: (app) => mountHttp(app, store, options.serveClient ?? existsSync(DIST_DIR)),
  });
  gameServer.define("game", GameRoom);
  await gameServer.listen(options.port, options.host);
  for (const record of store.unfinishedGames()) {
    try {
      await matchMaker.createRoom("game", { code: record.code });
    } catch (err) {
      logger.error({ code: record.code, err }, "could not restore game");
    }
  }
  const address = httpServer.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  return {
    port,
    store,
    url: `http://127.0.0.1:${port}`,
    async close() {
      await gameServer.gracefullyShutdown(false);
      store.close();
    },
  };
}

function mountHttp(app: express.Application, store: DebriefDeps, serveClient: boolean) {
  const createLimit = new RateLimiter(30, 60_000);
  // Generous enough for a class behind one address mistyping codes; still far too slow to guess one.
  const missLimit = new RateLimiter(60, 60_000);
  const api = express.Router();
  api.use(express.json({ limit: "256kb" }));

  api.get("/health", (_req, res) => {
    res.json({ ok: true, games: liveRooms.size, uptimeSeconds: Math.round(process.uptime()) });
  });

  api.get("/scenarios", (_req, res) => {
    const list: ScenarioSummary[] = [...shippedScenarios().values()].map((s) => ({
      id: s.id,
      title: s.title,
      summary: s.summary,
      year: s.year,
      rounds: s.rounds,
      timers: s.timers,
      seats: s.countries.filter((c) => c.control === "seat").map((c) => ({ id: c.id, name: c.name, bloc: c.bloc })),
    }));
    res.json(list);
  });

  api.post("/games", async (req, res) => {
    if (!createLimit.hit(req.ip ?? "?")) return void res.status(429).json({ error: { code: "rate/limited", message: "Too many games created from here; wait a minute." } });
    const parsed = CreateGameSchema.safeParse(req.body ?? {});
    if (!parsed.success) {
      const i = parsed.error.issues[0]!;
      return void res.status(400).json({ error: { code: "input/invalid", message: `${formatPath(i.path)}: ${i.message}` } });
    }
    const scenario = shippedScenarios().get(parsed.data.scenarioId);
    if (!scenario) return void res.status(404).json({ error: { code: "input/unknown_scenario", message: `There is no scenario "${parsed.data.scenarioId}".` } });
    let code = newCode();
    while (store.getGame(code)) code = newCode();
    // A facilitator may send the key of their earlier games (header x-facilitator-key) to keep one archive.
    const existing = existingKey(req, store);
    if (existing && "error" in existing) return void res.status(existing.error.status).json({ error: { code: existing.error.code, message: existing.error.message } });
    const facilitatorKey = existing?.key ?? newSecret(18);
    const settings = parsed.data.settings;
    store.createGame({
      code,
      scenario,
      settings,
      seed: String(settings.seed ?? seedFrom(`${code}:${Date.now()}`)),
      keyHash: hashKey(facilitatorKey),
      createdAt: Date.now(),
      finishedAt: null,
    });
    await matchMaker.createRoom("game", { code });
    logger.info({ code, scenario: scenario.id }, "game created");
    res.status(201).json({ code, facilitatorKey } satisfies CreateGameReply);
  });

  api.get("/games/:code", (req, res) => {
    const ip = req.ip ?? "?";
    if (missLimit.blocked(ip)) return void res.status(429).json({ error: { code: "rate/limited", message: "Too many wrong codes; wait a minute." } });
    const parsed = JoinCode.safeParse(req.params.code);
    const room = parsed.success ? liveRooms.get(parsed.data) : undefined;
    if (room) return void res.json(room.lobbyInfo());
    const archived = parsed.success ? store.getGame(parsed.data) : undefined;
    if (archived) return void res.json({ code: archived.code, scenario: { id: archived.scenario.id, title: archived.scenario.title }, phase: "ended", round: 0, settings: archived.settings, seats: [] });
    missLimit.hit(ip);
    res.status(404).json({ error: { code: "game/unknown", message: "No game has that code. Check the six characters with your facilitator." } });
  });

  // Debrief and archive: reports, exports, share links, replay frames, what-if forks, comparison.
  api.use(debriefRouter(store));

  api.use((_req, res) => {
    res.status(404).json({ error: { code: "http/not_found", message: "No such API route." } });
  });
  app.use("/api", api);

  if (serveClient) {
    app.use(express.static(DIST_DIR, { index: "index.html", maxAge: "1h" }));
    // Any other page path is the single-page client.
    app.use((req, res, next) => (req.method === "GET" && !req.path.startsWith("/matchmake") ? res.sendFile(join(DIST_DIR, "index.html")) : next()));
  }
}
