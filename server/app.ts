/**
 * One process, one port: the built client, the HTTP API and the WebSocket rooms.
 * `startServer` is used by `npm start` (server/main.ts) and by the integration tests.
 *
 * Alone (the default), the process keeps its games in a SQLite file. With `redisUrl` and a
 * PostgreSQL `databaseUrl`, several processes share the games (docs/DEPLOY.md): Colyseus's
 * Redis presence and driver let any process find a game by its code and reserve a seat in it,
 * and leases in the database decide which process runs each game (server/leases.ts).
 */
import { existsSync, readFileSync } from "node:fs";
import { gunzipSync, gzipSync } from "node:zlib";
import http from "node:http";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { matchMaker, Server, type Presence } from "@colyseus/core";
import { RedisDriver } from "@colyseus/redis-driver";
import { RedisPresence } from "@colyseus/redis-presence";
import { WebSocketTransport } from "@colyseus/ws-transport";
import express from "express";
import { seedFrom } from "../shared/engine/rng.ts";
import { CURRENT_EDITION } from "../shared/engine/deal-ids.ts";
import { replay, ReplayRefused } from "../shared/engine/replay.ts";
import { CreateGameSchema, JoinCode, type CodeIsClass, type CreateGameReply, type LobbyInfo, type ScenarioSummary } from "../shared/protocol/messages.ts";
import { scenarioBook, scenarioCards, scenarioSecrets } from "../shared/protocol/sections.ts";
import { PastAuthSchema, PastPartSchema, PLACE_HEADER, RoundParamSchema, type PastPart } from "../shared/protocol/archive.ts";
import type { PastReply } from "./rooms/past.ts";
import { botChooser } from "../shared/bots/bot.ts";
import { codeGuesses, gamesCreatedLimit, hashKey, keyMatches, newCode, newKey, sameSecret } from "./codes.ts";
import { colyseusLogger, logger } from "./logger.ts";
import { guardMatchmaking, isRulesChanged } from "./matchmake-guard.ts";
import { addressOf, fromThisMachine, stampClientAddresses, TRUST_NOBODY, type Trust } from "./client-address.ts";
import { GameRoom, liveRooms } from "./rooms/GameRoom.ts";
import { openGame } from "./rooms/open-game.ts";
import { roomCall } from "./rooms/room-call.ts";
import type { BotChooser } from "./rooms/bot-runner.ts";
import { injectScriptsIn, phaseTimers, scenarioPlayed, shippedScenarios } from "./scenarios.ts";
import { redCellRival } from "../shared/scenario/red-cell.ts";
import { localizedScenario, publicScenarioText, secretTexts, translatedNames, translatedStandards } from "./scenario-texts.ts";
import { LeaseKeeper, leaseTimes } from "./leases.ts";
import { waker, type Wake } from "./wake.ts";
import { forgetUnjoined, keepForgettingUnjoined, UNJOINED_GAME_MS } from "./retention.ts";
import { countHttp, observeServer, registry } from "./metrics.ts";
import { openStore } from "./storage/open-store.ts";
import type { Store } from "./storage/store.ts";
import { setupOf } from "./debrief/analysis.ts";
import { debriefRouter, DRAINING, existingKey, refuseKeyInUrl } from "./debrief/routes.ts";
import { CLASS_PLACES, classRouter, studentOf, type ClassPlaces } from "./classes/routes.ts";
import { limitUnsentBytes } from "./rooms/send-guard.ts";
import { lanAddresses } from "./lan.ts";
import { clientPagePolicy } from "./page-policy.ts";
import { NEW_GAMES_FULL, refusedGame, said, saidInvalid, sendFailure, type Failure } from "./said.ts";
import type { JoinAddresses } from "../shared/protocol/classes.ts";

/** The built client; CLIENT_DIR points elsewhere (end-to-end tests build their own copy). */
export const DIST_DIR = process.env.CLIENT_DIR ?? join(dirname(fileURLToPath(import.meta.url)), "..", "dist");

export type ServerOptions = {
  port: number;
  host?: string;
  /** The SQLite file (used when no databaseUrl is given). */
  databasePath: string;
  /** postgres://…: games in PostgreSQL, shared by every process. */
  databaseUrl?: string;
  /** redis://…: Colyseus presence and driver in Redis, so several processes share the games. */
  redisUrl?: string;
  /** host:port (or host/path) at which clients reach this process's WebSockets behind the load balancer. */
  publicAddress?: string;
  /** How long a game's lease lasts without renewal (default 6 s). */
  leaseMs?: number;
  /** How long a drain (SIGTERM) may take before the process exits anyway (default 10 s). */
  drainMs?: number;
  /** How long a client may take to send a request's headers (default 20 s); the whole request gets half as long again. */
  headersTimeoutMs?: number;
  /** The proxies whose X-Forwarded-For names the client (TRUSTED_PROXIES; server/client-address.ts); default none. */
  trustProxy?: Trust;
  botDelayMs?: number;
  chooser?: BotChooser;
  /** Serve the built client from dist/ (on by default when it exists). */
  serveClient?: boolean;
  /** A game in its lobby with nobody connected this long goes to sleep (default 2 h; 0: never). */
  idleLobbyMs?: number;
  /** A game under way with nobody connected this long goes to sleep (default 24 h; 0: never). */
  idleGameMs?: number;
  /** A lobby nobody has ever joined goes to sleep this soon (default 15 min; 0: never). */
  idleUnjoinedMs?: number;
  /** How many lobbies nobody has joined this process keeps open before it refuses new games (default 300). */
  unjoinedLobbies?: number;
  /** How many games nobody is connected to this process keeps open; past that, those left the longest sleep at once (default 1000). */
  emptyRooms?: number;
  /** A game nobody ever joined is removed from the database once asleep this long (default a week; 0: never; ./retention.ts). */
  unjoinedGameMs?: number;
  /** Students one address may place in one class, and how long a place nobody takes is kept (server/classes/routes.ts CLASS_PLACES). */
  classPlaces?: Partial<ClassPlaces>;
  /** Bytes that may wait unsent to one connection before it is cut (default 4 MB; server/rooms/send-guard.ts). */
  slowClientBytes?: number;
};

/** Idle times by default (docs/DEPLOY.md, "Idle games sleep"). */
export const IDLE_LOBBY_MS = 2 * 3600_000;
export const IDLE_GAME_MS = 24 * 3600_000;
export const IDLE_UNJOINED_MS = 15 * 60_000;
/** Lobbies nobody has joined, open at once in one process (about a third of a megabyte each). */
export const UNJOINED_LOBBIES = 300;
/** Games nobody is connected to, open at once in one process (lobbies and games under way; about 300 MB). */
export const EMPTY_ROOMS = 1000;

export type RunningServer = {
  port: number;
  store: Store;
  leases: LeaseKeeper;
  url: string;
  /** `host:port` at which other computers on the network reach it, the most likely first (./lan.ts). */
  lan(): string[];
  /** Stops accepting, disconnects rooms, closes the database. */
  close(): Promise<void>;
};

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const store = await openStore({ databasePath: options.databasePath, ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {}) });
  const shared = !!options.redisUrl;
  const leases = new LeaseKeeper(
    store,
    leaseTimes(options.leaseMs ?? 6000),
    async (code) => void (await matchMaker.handleCreateRoom("game", { code })),
    shared ? repairListings : undefined,
  );
  if (options.slowClientBytes !== undefined) limitUnsentBytes(options.slowClientBytes);
  const idle = { lobbyMs: options.idleLobbyMs ?? IDLE_LOBBY_MS, gameMs: options.idleGameMs ?? IDLE_GAME_MS, unjoinedMs: options.idleUnjoinedMs ?? IDLE_UNJOINED_MS, emptyRooms: options.emptyRooms ?? EMPTY_ROOMS };
  GameRoom.deps = {
    store,
    leases,
    chooser: options.chooser ?? ((state, seat, rng, limits) => botChooser(state, seat, rng, { names: translatedNames(state.scenario.id), standards: translatedStandards(state.scenario.id) }, limits)),
    botDelayMs: options.botDelayMs ?? 2500,
    idle,
  };
  const wake = waker(store);
  // A client that sends its request slowly (a byte now and then) would hold a connection for
  // Node's default 5 minutes: it gets this long for the headers and half as long again for the
  // whole request. Only receiving the request is timed: a long report download and a WebSocket,
  // once upgraded, are not. Node checks the timeouts every connectionsCheckingInterval (30 s
  // by default, longer than the timeouts themselves).
  const headersTimeout = options.headersTimeoutMs ?? 20_000;
  const httpServer = http.createServer({ headersTimeout, requestTimeout: headersTimeout * 1.5, connectionsCheckingInterval: headersTimeout / 4 });
  const status = { draining: false };
  // Known once the server listens (its port may be chosen then).
  let lan = (): string[] => [];
  const presence = shared ? new RedisPresence(options.redisUrl!) : undefined;
  const publicAddress = shared ? (options.publicAddress ?? `127.0.0.1:${options.port}`) : options.publicAddress;
  const gameServer = new Server({
    transport: new WebSocketTransport({ server: httpServer }),
    greet: false,
    gracefullyShutdown: false,
    logger: colyseusLogger,
    ...(presence ? { presence, driver: new RedisDriver(options.redisUrl!) } : {}),
    ...(publicAddress ? { publicAddress } : {}),
    express: (app) => mountHttp(app, { store, presence, status, wake, lan: () => lan(), unjoinedLobbies: options.unjoinedLobbies ?? UNJOINED_LOBBIES, classPlaces: { ...CLASS_PLACES, ...options.classPlaces } }, options.serveClient ?? existsSync(DIST_DIR)),
  });
  gameServer.define("game", GameRoom);
  await gameServer.listen(options.port, options.host);
  // After listen: its request listener must run before the one listen adds.
  guardMatchmaking(
    httpServer,
    async (code) => JoinCode.safeParse(code).success && !!(await store.getGame(code)),
    (code, options, address) => !!liveRooms.get(code)?.admit(options, address),
    wake,
  );
  // Ahead of every listener, the matchmaker's guard included: each request and upgrade carries
  // its client's address for every per-address limit.
  stampClientAddresses(httpServer, options.trustProxy ?? TRUST_NOBODY);
  // Games nobody ever joined, past their time, go before any is restored (./retention.ts).
  const unjoinedGameMs = options.unjoinedGameMs ?? UNJOINED_GAME_MS;
  if (unjoinedGameMs) await forgetUnjoined(store, unjoinedGameMs).catch((err: unknown) => logger.error({ err }, "could not remove the games nobody joined"));
  const forgetting = keepForgettingUnjoined(store, unjoinedGameMs);
  if (!shared) {
    // Alone by configuration: every unfinished game is this process's, whatever lease a
    // crashed predecessor left on it. Sleeping games stay asleep; so does a game whose last
    // action (or creation) is older than its idle time: nobody was there to keep it awake.
    const now = Date.now();
    const awake = await store.awakeGames();
    // A game with actions may be under way: it gets the longer idle time of the two.
    const idleFor = (actions: number) => (actions ? idle.gameMs : idle.lobbyMs);
    const stale = awake.filter((g) => idleFor(g.actions) && now - g.lastActivity > idleFor(g.actions)).map((g) => g.record.code);
    await store.markAsleep(stale, now);
    if (stale.length) logger.info({ games: stale.length }, "idle games left asleep");
    for (const { record } of awake.filter((g) => !stale.includes(g.record.code))) {
      try {
        await leases.takeOver(record.code);
        await matchMaker.createRoom("game", { code: record.code });
      } catch (err) {
        // Its log the rules now refuse (logged by its room): left asleep, so a join wakes it and is told why.
        if (isRulesChanged(err)) await store.markAsleep([record.code], Date.now()).catch((e: unknown) => logger.error({ code: record.code, err: e }, "could not mark the game asleep"));
        else logger.error({ code: record.code, err }, "could not restore game");
      }
    }
  }
  // Shared: the games of processes that are gone come back through the lease watch.
  leases.start();
  observeServer({
    games: () => liveRooms.size,
    asleep: () => store.sleepingCount(),
    players: () => [...liveRooms.values()].reduce((n, room) => n + room.clients.length, 0),
    leases: () => leases.count,
    commits: () => store.commitStats(),
  });
  const address = httpServer.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  // Read at each ask: a laptop joins the school's Wi-Fi after the server has started.
  lan = () => lanAddresses(port, options.host);
  let closing: Promise<void> | undefined;
  return {
    port,
    store,
    leases,
    url: `http://127.0.0.1:${port}`,
    lan,
    close() {
      // Drain: refuse new games (/api/ready says so), hand every game's lease back as its room
      // closes so another process restores it at once, then close the database. A drain that
      // hangs (Redis gone) ends at its deadline all the same.
      closing ??= (async () => {
        status.draining = true;
        forgetting.stop();
        leases.stopWatching();
        const drained = gameServer.gracefullyShutdown(false).catch((err) => logger.error({ err }, "drain failed"));
        const deadline = new Promise<void>((resolve) => setTimeout(resolve, options.drainMs ?? 10_000).unref());
        await Promise.race([drained, deadline]);
        leases.stop();
        await Promise.race([store.close(), deadline]).catch((err) => logger.error({ err }, "could not close the database"));
      })();
      return closing;
    },
  };
}

/** Re-points the driver's listing of each game this process holds at this process (a paused peer may have overwritten or removed it). */
async function repairListings(codes: string[]) {
  if (!codes.length) return;
  const listed = await matchMaker.driver.findByIds(codes);
  for (const code of codes) {
    const room = matchMaker.getLocalRoomById(code) as unknown as { _listing?: object } | undefined;
    const listing = room?.["_listing"];
    if (listing && listed.get(code)?.processId !== matchMaker.processId) await matchMaker.driver.persist(listing as never, true);
  }
}

type HttpDeps = { store: Store; presence: Presence | undefined; status: { draining: boolean }; wake: Wake; lan: () => string[]; unjoinedLobbies: number; classPlaces: ClassPlaces };

/**
 * Whether this process may open `count` more games: lobbies nobody has joined yet stay under
 * `cap` (each holds its scenario and state in memory until it sleeps, IDLE_UNJOINED_MS after it
 * opened), so addresses creating games they never use cannot fill the server's memory.
 */
export function roomForNewGames(cap: number, count = 1): boolean {
  let unjoined = 0;
  for (const room of liveRooms.values()) if (room.unjoinedLobby) unjoined++;
  return unjoined + count <= cap;
}

/** Resolves with the promise's value, or rejects after `ms`: a dependency that hangs is not ready. */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([promise, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms).unref())]);
}

/** The largest JSON body the API reads (a class's roster is the largest a client sends). */
const BODY_LIMIT = "256kb";

/**
 * What is wrong with a body express.json could not read, as a refusal: body-parser's errors
 * are HTTP errors of the client's (4xx, `expose`), most with a `type` naming the problem.
 */
function unreadableBody(err: unknown): Failure | undefined {
  const { status, expose, type } = (err ?? {}) as { status?: unknown; expose?: unknown; type?: unknown };
  if (expose !== true || typeof status !== "number" || status < 400 || status >= 500) return undefined;
  if (type === "entity.too.large") return { status: 413, code: "input/too_large", message: `The request body is larger than ${BODY_LIMIT}.` };
  if (type === "charset.unsupported" || type === "encoding.unsupported")
    return { status: 415, code: "input/unsupported_encoding", message: "The request body must be JSON in UTF-8, plain or compressed with gzip, deflate or br." };
  if (type === "entity.parse.failed") return { status: 400, code: "input/invalid", message: "The request body is not JSON: send an object, with content-type: application/json." };
  return { status: 400, code: "input/invalid", message: "The request body could not be read." };
}

function mountHttp(app: express.Application, deps: HttpDeps, serveClient: boolean) {
  const { store, presence, status, wake: wakeRoom, lan, unjoinedLobbies, classPlaces } = deps;
  /**
   * `wakeRoom` for a route that answers the game's reader: a sleeping game whose stored log the
   * rules now refuse does not wake (server/wake.ts); its refusal comes back as the replay's own
   * (shared/engine/replay.ts `ReplayRefused`), which the error handler below answers with 409 and
   * why, in the reader's language. The room that refused may be on another process, whose refusal
   * carries only English words: the stored log is replayed here for the move and the rule.
   */
  const wake: Wake = async (code) => {
    try {
      return await wakeRoom(code);
    } catch (err) {
      if (!isRulesChanged(err)) throw err;
      const game = await store.getGame(code);
      if (game) replay(setupOf(game), (await store.actionLog(code)).map((e) => e.action));
      throw err;
    }
  };
  const call = roomCall(!!presence);
  const createLimit = gamesCreatedLimit();
  const api = express.Router();
  // Every API answer describes the server as it is now (a game's lobby and clock, a class's
  // tables, a report, a key's archive), or holds a secret: none is kept by a browser or a proxy.
  // A browser's Back then Forward otherwise replays a kept answer, and its Date header (the
  // client's clock offset, client/net/http.ts) is minutes old. The few routes whose answer never
  // changes (a scenario's words, a game's scenario book, a round's record) say so themselves:
  // no-cache, revalidated by ETag.
  api.use((_req, res, next) => {
    res.set("Cache-Control", "no-store");
    next();
  });
  api.use(express.json({ limit: BODY_LIMIT }));
  api.use(refuseKeyInUrl);

  app.use((req, res, next) => {
    res.on("finish", () => countHttp(req.method, res.statusCode));
    next();
  });

  // Liveness: the process answers.
  api.get("/health", (_req, res) => {
    res.json({ ok: true, games: liveRooms.size, uptimeSeconds: Math.round(process.uptime()) });
  });

  // The server's network addresses, for a page opened as localhost whose join link would name
  // localhost (a game's projector, /CODE/watch; client/model/join-address.ts). Keyless, answered
  // to this machine alone: the projector joins as an observer and may hold no key (a projector's
  // own browser, a new window), while a page on a loopback name runs in a browser on this very
  // machine, so its request comes from loopback and a key would prove nothing more. Anyone else,
  // a proxied request among them (./client-address.ts `fromThisMachine`), learns nothing of the
  // school's network. The class console asks with its class's key instead (./classes/routes.ts).
  api.get("/addresses", (req, res) => {
    // Only English: no page shows this refusal (the join screen warns that phones cannot open localhost).
    if (!fromThisMachine(req)) return void sendFailure(res, { status: 403, code: "http/not_local", message: "Only this computer may ask for its network addresses." });
    res.json({ addresses: lan() } satisfies JoinAddresses);
  });

  // Readiness: can take games (not draining; the database and, when shared, Redis answer).
  api.get("/ready", async (_req, res) => {
    const checks: Record<string, string> = {};
    const check = async (name: string, probe: () => Promise<unknown>) => {
      try {
        await within(probe(), 1500, name);
        checks[name] = "ok";
      } catch (err) {
        checks[name] = (err as Error).message;
      }
    };
    await Promise.all([check("database", () => store.ping()), ...(presence ? [check("redis", () => presence.exists("chokepoint:ready"))] : [])]);
    if (status.draining) checks.draining = "this process is shutting down";
    const ok = Object.values(checks).every((v) => v === "ok");
    res.status(ok ? 200 : 503).json({ ok, checks });
  });

  // ?lang=zh-CN: titles, summaries and seat names in that language (English where untranslated).
  api.get("/scenarios", (req, res) => {
    const lang = String(req.query.lang ?? "en");
    const list: ScenarioSummary[] = [...shippedScenarios().values()].map((x) => localizedScenario(x, lang)).map((s) => ({
      id: s.id,
      title: s.title,
      summary: s.summary,
      year: s.year,
      rounds: s.rounds,
      timers: s.timers,
      seats: s.countries.filter((c) => c.control === "seat").map((c) => ({ id: c.id, name: c.name, bloc: c.bloc })),
      ...(redCellRival(s) ? { rival: { ...redCellRival(s)!, ...(s.rival?.redCellSummary ? { summary: s.rival.redCellSummary } : {}) } } : {}),
      rules: s.rules,
    }));
    res.json(list);
  });

  // The control-cell scripts of a scenario (public teaching material, as in docs/TEACHING.md);
  // ?lang=zh-CN: each with its translation into that language, for the console to show.
  api.get("/scenarios/:id/injects", (req, res) => {
    const scenario = shippedScenarios().get(String(req.params.id));
    if (!scenario) return void res.status(404).json({ error: { code: "input/unknown_scenario", message: `There is no scenario "${String(req.params.id)}".` } });
    res.json(injectScriptsIn(scenario.id, String(req.query.lang ?? "en")));
  });

  // A scenario's words in a language, for the client to show a game in it: only its readers
  // download it (once per scenario; gzip, as Chinese text is most of it). No secret objectives:
  // those travel with each seat's private view.
  const gzipped = new Map<string, Buffer>();
  api.get("/scenarios/:id/text/:lang", (req, res) => {
    const text = publicScenarioText(req.params.id, req.params.lang);
    if (!text) return void res.status(404).json({ error: { code: "input/unknown_scenario", message: `There is no ${req.params.lang} text for scenario "${req.params.id}".` } });
    res.set("Cache-Control", "no-cache").type("application/json").vary("Accept-Encoding");
    if (!req.acceptsEncodings("gzip")) return void res.send(JSON.stringify(text));
    const key = `${req.params.id}/${req.params.lang}`;
    if (!gzipped.has(key)) gzipped.set(key, gzipSync(JSON.stringify(text)));
    res.set("Content-Encoding", "gzip").send(gzipped.get(key));
  });

  api.post("/games", async (req, res) => {
    if (!createLimit.hit(addressOf(req))) return void res.status(429).json({ error: { code: "rate/limited", ...said("http.gamesCreatedLimited") } });
    const parsed = CreateGameSchema.safeParse(req.body ?? {});
    if (!parsed.success) {
      return void res.status(400).json({ error: { code: "input/invalid", ...saidInvalid(parsed.error.issues, req.body ?? {}, CreateGameSchema) } });
    }
    const shipped = shippedScenarios().get(parsed.data.scenarioId);
    if (!shipped) return void res.status(404).json({ error: { code: "input/unknown_scenario", message: `There is no scenario "${parsed.data.scenarioId}".` } });
    const played = scenarioPlayed(shipped, parsed.data.settings);
    if (!played.ok) return void res.status(400).json({ error: { code: "input/invalid", message: played.message } });
    const scenario = played.scenario;
    if (status.draining) return sendFailure(res, DRAINING());
    if (!roomForNewGames(unjoinedLobbies)) return sendFailure(res, NEW_GAMES_FULL());
    let code = newCode();
    while (await store.getGame(code)) code = newCode();
    // A facilitator may send the key of their earlier games (header x-facilitator-key) to keep one archive.
    const existing = await existingKey(req, store);
    if (existing && "error" in existing) return sendFailure(res, existing.error);
    const facilitatorKey = existing?.key ?? newKey();
    const settings = parsed.data.settings;
    await store.createGame({
      code,
      scenario,
      // Deal ids drawn, not counted, and apart from another game's of the same seed (shared/engine/deal-ids.ts).
      settings: { ...settings, edition: CURRENT_EDITION, idSalt: code },
      seed: String(settings.seed ?? seedFrom(`${code}:${Date.now()}`)),
      keyHash: hashKey(facilitatorKey),
      createdAt: Date.now(),
      finishedAt: null,
    });
    await openGame({ code });
    logger.info({ code, scenario: scenario.id }, "game created");
    res.status(201).json({ code, facilitatorKey } satisfies CreateGameReply);
  });

  /**
   * An address that guessed too many wrong codes is refused for a while (server/codes.ts), except
   * a request that carries a secret of the game it names: its facilitator key (`x-facilitator-key`)
   * or one of its seat tokens (`x-seat-token`), as a join does (server/matchmake-guard.ts), or, for
   * a class's code, a student's place token (`x-place-token`). A
   * browser sends its own with every request of its game (client/net/http.ts), so the students
   * behind a school's locked address still reload their game. A wrong secret is counted, and
   * refused like everything else: a locked address learns nothing of which codes are games.
   */
  const tooManyGuesses = async (req: express.Request, res: express.Response): Promise<boolean> => {
    const ip = addressOf(req);
    if (!codeGuesses.blocked(ip)) return false;
    const secret = await opensGame(req);
    if (secret === "yes") return false;
    if (secret === "wrong") codeGuesses.miss(ip);
    res.status(429).json({ error: { code: "rate/limited", ...said("http.wrongCodesLimited") } });
    return true;
  };
  /** Whether the request's key or seat token opens the game `:code` names ("none": it sends neither). */
  const opensGame = async (req: express.Request): Promise<"yes" | "wrong" | "none"> => {
    const header = (name: string) => (typeof req.headers[name] === "string" && req.headers[name] ? (req.headers[name] as string) : undefined);
    const key = header("x-facilitator-key");
    const token = header("x-seat-token");
    const place = header(PLACE_HEADER);
    if (!key && !token && !place) return "none";
    const code = JoinCode.safeParse(req.params.code);
    // A class student's page looks its class's code up as a game first (client/ui/start-page.ts).
    if (!key && !token) {
      const klass = code.success ? await store.getClass(code.data) : undefined;
      return klass && studentOf(klass, place!) ? "yes" : "wrong";
    }
    const game = code.success ? await store.getGame(code.data) : undefined;
    if (!game) return "wrong";
    if (key) return keyMatches(key, game.keyHash) ? "yes" : "wrong";
    return (await store.holders(game.code)).some((h) => sameSecret(token!, h.token)) ? "yes" : "wrong";
  };

  api.get("/games/:code", async (req, res) => {
    const ip = addressOf(req);
    if (await tooManyGuesses(req, res)) return;
    const parsed = JoinCode.safeParse(req.params.code);
    // Running here or on another process (a process gone: its game is being restored elsewhere, below).
    const running = (code: string) => call(code, "lobbyInfo");
    const info = parsed.success ? await running(parsed.data) : undefined;
    if (info) return void res.json(info);
    // A sleeping game wakes for whoever looks it up (server/wake.ts).
    const woken = parsed.success && (await wake(parsed.data)) ? await running(parsed.data) : undefined;
    if (woken) return void res.json(woken);
    const archived = parsed.success ? await store.getGame(parsed.data) : undefined;
    if (archived && archived.finishedAt === null)
      return void res
        .status(503)
        .set("Retry-After", "2")
        .json({ error: { code: "game/moving", ...said("http.moving") } });
    // The public settings a live game's lobby info shows (GameRoom.lobbyInfo), never the seed or the word filter.
    if (archived) {
      const s = archived.settings;
      const settings = { teams: !!s.teams, bots: s.bots ?? true, facilitatorReadsPrivate: !!s.facilitatorReadsPrivate, rounds: s.rounds ?? archived.scenario.rounds, quickStart: !!s.quickStart, eventSeconds: phaseTimers(s, archived.scenario).eventSeconds };
      return void res.json({ code: archived.code, scenario: { id: archived.scenario.id, title: archived.scenario.title }, phase: "ended", round: 0, settings, ...(archived.classTable ? { classTable: archived.classTable } : {}), seats: [] } satisfies LobbyInfo);
    }
    // A class's code is not a wrong guess: the join page looks every code up as a game first,
    // and a class of students behind one address would otherwise lock itself out. Nor an error:
    // the answer says it is a class's (shared/protocol/messages.ts CodeIsClass).
    if (parsed.success && (await store.getClass(parsed.data))) return void res.json({ class: parsed.data } satisfies CodeIsClass);
    codeGuesses.miss(ip);
    res.status(404).json({ error: { code: "game/unknown", ...said("http.gameUnknown") } });
  });

  /** JSON gzipped once (a Buffer is already gzipped), sent as it is to a client that accepts gzip. */
  const sendJson = (req: express.Request, res: express.Response, body: Buffer | string) => {
    res.type("application/json").vary("Accept-Encoding");
    if (typeof body === "string") body = gzipSync(body);
    if (!req.acceptsEncodings("gzip")) return void res.send(gunzipSync(body));
    res.set("Content-Encoding", "gzip").send(body);
  };

  // A game's scenario book (shared/protocol/view.ts): what of its scenario never changes and
  // every reader may have, fetched once by the client instead of travelling in the room state.
  // No secret objective and no event card is in it (tests/server/hidden-information.test.ts).
  const books = new Map<string, Buffer>();
  api.get("/games/:code/scenario", async (req, res) => {
    const ip = addressOf(req);
    if (await tooManyGuesses(req, res)) return;
    const parsed = JoinCode.safeParse(req.params.code);
    let body = parsed.success ? books.get(parsed.data) : undefined;
    if (!body && parsed.success) {
      const game = await store.getGame(parsed.data);
      if (game) {
        body = gzipSync(JSON.stringify(scenarioBook(game.scenario)));
        if (books.size >= 500) books.delete(books.keys().next().value!);
        books.set(parsed.data, body);
      }
    }
    if (!body) {
      codeGuesses.miss(ip);
      return void res.status(404).json({ error: { code: "game/unknown", ...said("http.gameUnknown") } });
    }
    // A game's scenario never changes (games are never deleted, so a code never names another): a
    // reconnecting browser revalidates it with its ETag and gets a 304.
    res.set("Cache-Control", "no-cache");
    sendJson(req, res, body);
  });

  // The scenario's event cards, for the facilitator's console (it lists the undrawn ones by id),
  // and every secret objective: only with the game's facilitator key, as they are the facilitator's alone.
  const facilitatorsGame = async (req: express.Request, res: express.Response) => {
    const ip = addressOf(req);
    if (await tooManyGuesses(req, res)) return;
    const key = req.headers["x-facilitator-key"];
    if (typeof key !== "string" || !key) return void res.status(401).json({ error: { code: "auth/required", message: "This needs the game's facilitator key (header x-facilitator-key)." } });
    const parsed = JoinCode.safeParse(req.params.code);
    const game = parsed.success ? await store.getGame(parsed.data) : undefined;
    if (!game || !keyMatches(key, game.keyHash)) {
      codeGuesses.miss(ip);
      return void res.status(403).json({ error: { code: "auth/bad_key", ...said("http.gameBadKey") } });
    }
    return game;
  };
  api.get("/games/:code/cards", async (req, res) => {
    const game = await facilitatorsGame(req, res);
    if (game) res.json(scenarioCards(game.scenario));
  });
  api.get("/games/:code/secrets", async (req, res) => {
    const game = await facilitatorsGame(req, res);
    if (game) res.json(scenarioSecrets(game.scenario, secretTexts(game.scenario.id)));
  });

  // A running game's past (shared/protocol/archive.ts): a round's record, and the parts that left
  // the room state once their round was over, for a client that joined later and opens a panel
  // that reads them. Each as far as the credentials sent may read it (server/rooms/past.ts).
  const records = new Map<string, Buffer>();
  const askRoom = async (req: express.Request, res: express.Response, what: PastPart | { round: number }): Promise<PastReply | undefined> => {
    const ip = addressOf(req);
    const sent = { token: req.headers["x-seat-token"], key: req.headers["x-facilitator-key"] };
    const auth = PastAuthSchema.safeParse(sent);
    if (!auth.success) return void res.status(400).json({ error: { code: "input/invalid", ...saidInvalid(auth.error.issues, sent, PastAuthSchema) } });
    const code = JoinCode.safeParse(req.params.code);
    let reply: PastReply | undefined;
    const ask = (code: string) => call(code, "past", what, auth.data);
    if (code.success) {
      reply = await ask(code.data);
      // A sleeping game wakes for whoever reads its past (server/wake.ts).
      if (!reply && (await wake(code.data))) reply = await ask(code.data);
    }
    if (!reply) {
      codeGuesses.miss(ip);
      return void res.status(404).json({ error: { code: "game/unknown", message: "No running game has that code." } });
    }
    if (!reply.ok) {
      if (reply.status === 403) codeGuesses.miss(ip);
      return void res.status(reply.status).json({ error: { code: reply.code, message: reply.message } });
    }
    return reply;
  };
  api.get("/games/:code/rounds/:round", async (req, res) => {
    res.set("Cache-Control", "no-cache");
    const round = RoundParamSchema.safeParse(req.params.round);
    if (!round.success) return void res.status(400).json({ error: { code: "input/invalid", ...saidInvalid(round.error.issues, req.params.round, RoundParamSchema) } });
    // Before the records kept: a locked address is not told which codes have one.
    if (await tooManyGuesses(req, res)) return;
    // A round's record never changes once written: kept gzipped for every reader of the game.
    const key = `${req.params.code}/${round.data}`;
    const kept = records.get(key);
    if (kept) return sendJson(req, res, kept);
    const reply = await askRoom(req, res, { round: round.data });
    if (!reply?.ok) return;
    const body = gzipSync(JSON.stringify(reply.body));
    if (records.size >= 2000) records.delete(records.keys().next().value!);
    records.set(key, body);
    sendJson(req, res, body);
  });
  api.get("/games/:code/past/:part", async (req, res) => {
    const part = PastPartSchema.safeParse(req.params.part);
    if (!part.success) return void res.status(400).json({ error: { code: "input/invalid", ...saidInvalid(part.error.issues, req.params.part, PastPartSchema) } });
    if (await tooManyGuesses(req, res)) return;
    const reply = await askRoom(req, res, part.data);
    if (reply?.ok) sendJson(req, res, JSON.stringify(reply.body));
  });

  // Debrief and archive: reports, exports, share links, replay frames, what-if forks, comparison.
  api.use(debriefRouter(store, createLimit, status));
  // Class mode: several tables of one scenario, one join screen, one console.
  api.use(classRouter(store, wakeRoom, createLimit, status, call, lan, (tables) => roomForNewGames(unjoinedLobbies, tables), classPlaces));

  api.use((_req, res) => {
    res.status(404).json({ error: { code: "http/not_found", message: "No such API route." } });
  });
  // A body the client sent wrong is the client's mistake: said so, and logged without a stack.
  // A stored game the rules now refuse to replay is said so (a conflict, 409), without a stack.
  // Any other failure (the database or another process not answering) is a JSON error too, and logged.
  api.use((err: unknown, req: express.Request, res: express.Response, _next: express.NextFunction) => {
    const unreadable = unreadableBody(err);
    if (unreadable) {
      logger.info({ path: req.path, status: unreadable.status, type: (err as { type?: unknown }).type }, "unreadable request body");
      if (!res.headersSent) sendFailure(res, unreadable);
      return;
    }
    if (err instanceof ReplayRefused) {
      const failure = refusedGame(err, { path: req.path });
      if (!res.headersSent) sendFailure(res, failure);
      return;
    }
    // The same refusal from a room (its wake: server/wake.ts) whose log replays here after all (another
    // process's version): said without the move, in the reader's language too.
    if (isRulesChanged(err)) {
      logger.warn({ path: req.path, refusal: (err as Error).message }, "stored game refused on wake");
      if (!res.headersSent) sendFailure(res, { status: 409, code: "game/rules_changed", ...said("join.rulesChanged") });
      return;
    }
    logger.error({ err, path: req.path }, "request failed");
    if (!res.headersSent) res.status(500).json({ error: { code: "server/error", ...said("http.serverError") } });
  });
  app.use("/api", api);
  app.get("/metrics", async (_req, res) => {
    res.type(registry.contentType).send(await registry.metrics());
  });

  if (serveClient) {
    const index = join(DIST_DIR, "index.html");
    const policy = clientPagePolicy(existsSync(index) ? readFileSync(index, "utf8") : "");
    const withPolicy = (res: express.Response) => res.setHeader("Content-Security-Policy", policy(res.req.headers.host));
    // A page is asked for again each time (no-cache: a 304 when unchanged): a page kept for an hour
    // after a deploy would load the old build's files, or none. The files it names keep an hour.
    const page = (res: express.Response) => (withPolicy(res), res.setHeader("Cache-Control", "no-cache"));
    app.use(express.static(DIST_DIR, { index: "index.html", maxAge: "1h", setHeaders: (res, path) => path.endsWith(".html") && page(res) }));
    // Any other page path is the single-page client.
    app.use((req, res, next) => (req.method === "GET" && !req.path.startsWith("/matchmake") ? (page(res), res.sendFile(join(DIST_DIR, "index.html"))) : next()));
  }
}
