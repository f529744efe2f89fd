/**
 * The debrief and archive HTTP API (docs/PROTOCOL.md "Debrief and archive"). Reports and
 * exports need the game's facilitator key (header `x-facilitator-key`, never in a URL), a
 * short-lived ticket the key bought for links a browser tab opens (`?ticket=`, tickets.ts), or
 * a read-only share link the facilitator made (`?share=` or header `x-share-token`). Every
 * refusal is `{error: {code, message}}` with 400, 401, 403, 404 or 429.
 */
import { openGame } from "../rooms/open-game.ts";
import express from "express";
import { gunzipSync, gzipSync } from "node:zlib";
import { ReplayRefused } from "../../shared/engine/replay.ts";
import { tableOutcome } from "../../shared/engine/scoring.ts";
import { JoinCode } from "../../shared/protocol/messages.ts";
import { CompareQuerySchema, ForkRequestSchema, ReplayQuerySchema, ShareRequestSchema, type ArchiveEntry, type Audience, type CompareGame, type CompareReply, type DebriefReport, type ForkReply, type GameLinks, type ShareCreated, type ShareInfo, type TicketReply } from "../../shared/protocol/debrief.ts";
import { addressOf } from "../client-address.ts";
import { gamesCreatedLimit, hashKey, keyMatches, newSecret, RateLimiter } from "../codes.ts";
import { logger } from "../logger.ts";
import type { ClassStore, DebriefStore, GameRecord, GameStore, ShareRecord, Store } from "../storage/store.ts";
import { analysisOf, type Analysis } from "./analysis.ts";
import { compareReply, compareSummary } from "./compare.ts";
import { logExport, metricsCsv } from "./exports.ts";
import { absentRows, gradebookHeader, gradebookRows } from "../classes/class-csv.ts";
import { csvFile } from "../csv.ts";
import { createFork } from "./fork.ts";
import { replayFrames } from "./frames.ts";
import { failurePage, renderReportHtml, reportCsp } from "./report-html.ts";
import { wordsFor } from "./words.ts";
import { acceptedLanguages, isLanguage, pickLanguage } from "../../client/i18n/languages.ts";
import { localizedScenario } from "../scenario-texts.ts";
import { buildReport, FACILITATOR, gameInfo, statusOf, type Reader } from "./report.ts";
import { checkTicket, issueTicket } from "./tickets.ts";
import { REPLAY_REFUSED, refusedGame, said, saidInvalid, sendFailure, type Failure } from "../said.ts";

export type DebriefDeps = GameStore & DebriefStore & Pick<ClassStore, "notes" | "exitTickets" | "actionCounts" | "getClass">;
type Req = express.Request;
type Res = express.Response;

const KEY_HEADER = "x-facilitator-key";
const SHARE_HEADER = "x-share-token";

function param(req: Req, name: string): string | undefined {
  const v = req.query[name];
  return typeof v === "string" && v ? v : undefined;
}

/**
 * The reader's language: ?lang=; for a page or file the browser opens itself (the HTML report,
 * a CSV), else the browser's languages; English otherwise.
 */
export function languageOf(req: Req, opened = false): string {
  const asked = param(req, "lang") ?? (opened ? pickLanguage(acceptedLanguages(req.headers["accept-language"])) : undefined);
  return isLanguage(asked) ? asked : "en";
}


/** A game record whose scenario speaks `language` (its cards, names, objectives and questions). */
export function inLanguage(record: GameRecord, language: string): GameRecord {
  return language === "en" ? record : { ...record, scenario: localizedScenario(record.scenario, language) };
}

/** The credentials a request carries: the facilitator key (a header only), a share token (header or query), a ticket (query). */
export function credentials(req: Req): { key?: string; share?: string; ticket?: string } {
  const header = (h: string) => {
    const v = req.headers[h];
    return typeof v === "string" && v.trim() ? v.trim() : undefined;
  };
  const key = header(KEY_HEADER);
  const share = header(SHARE_HEADER) ?? param(req, "share");
  const ticket = param(req, "ticket");
  return { ...(key ? { key } : {}), ...(share ? { share } : {}), ...(ticket ? { ticket } : {}) };
}

/**
 * No API takes the facilitator key from a URL: a link that carried it would leave it in the
 * browser's history, a Referer, a proxy's log or a projected screen. Such a request is refused
 * whole, before anything reads or logs it.
 */
export function refuseKeyInUrl(req: Req, res: Res, next: express.NextFunction) {
  if (req.query.key === undefined) return next();
  sendFailure(res, {
    status: 400,
    code: "auth/key_in_url",
    message: `A facilitator key never goes in a link (it would leak): send it in the ${KEY_HEADER} header, or open the report from the console, whose links carry a short-lived ticket.`,
  });
}

const REQUIRED: Failure = {
  status: 401,
  code: "auth/required",
  message: `This needs the game's facilitator key (header ${KEY_HEADER}), a ticket link from the console (?ticket=), or a share link from the facilitator (?share=).`,
};

/**
 * For `POST /api/games`: the existing facilitator key a facilitator sent to keep all their
 * games under one key, or a refusal when it has never opened a game here.
 */
export async function existingKey(req: Req, store: DebriefDeps): Promise<{ key: string } | { error: Failure } | undefined> {
  const key = credentials(req).key;
  if (!key) return undefined;
  if (key.length < 8 || key.length > 128 || !(await store.gamesByKey(hashKey(key))).length)
    return { error: { status: 403, code: "auth/bad_key", ...said("http.keyUnknown") } };
  return { key };
}

/** The refusal of a new game (POST /api/games, or a fork) while the process shuts down. */
export const DRAINING = (): Failure => ({ status: 503, code: "server/draining", ...said("http.draining") });

/**
 * Share links one game may have, revoked ones included: one for each class, colleague or
 * parent a teacher sends the report to, many times over; never an unbounded table.
 */
export const SHARES_PER_GAME = 50;

/**
 * Replays (GET /api/games/:code/replay) one address may open a minute: a class behind one
 * school address opening its game's replay at once, each student a few times over.
 */
export const REPLAYS_PER_MINUTE = 60;

/** Bytes of gzipped replay bodies kept (a long game's is about a tenth of a megabyte). */
const REPLAY_CACHE_BYTES = 32 * 1024 * 1024;

/**
 * Reads of one key's games (GET /api/archive, /api/compare) a minute. Each replays every game
 * it lists, a few milliseconds apiece: a key that gathered hundreds of games (30 new ones a
 * minute) would otherwise keep the process busy for everyone, read after read. A person opens
 * My games, adds a key, compares a few: a handful a minute.
 */
export const ARCHIVE_READS_PER_MINUTE = 12;
/** The same reads from one address a minute, whatever the keys: a school's teachers behind one address each open theirs. */
export const ARCHIVE_READS_PER_ADDRESS_PER_MINUTE = 60;

/** What-if forks of one game an hour, whoever asks (docs/PROTOCOL.md, "What-if forks"). */
export const FORKS_PER_GAME_PER_HOUR = 20;

/**
 * `createLimit`: the games an address may create (POST /api/games, server/app.ts); a fork is a
 * new game and counts against it too. `status.draining`: the process is shutting down, and
 * refuses a fork as it refuses a new game (server/app.ts `close`).
 */
export function debriefRouter(store: DebriefDeps, createLimit: RateLimiter = gamesCreatedLimit(), status: { readonly draining: boolean } = { draining: false }): express.Router {
  const router = express.Router();
  const misses = new RateLimiter(20, 60_000);
  const forksOf = new RateLimiter(FORKS_PER_GAME_PER_HOUR, 3600_000);
  const archiveReads = new RateLimiter(ARCHIVE_READS_PER_MINUTE, 60_000);
  const archiveReadsFrom = new RateLimiter(ARCHIVE_READS_PER_ADDRESS_PER_MINUTE, 60_000);

  /** Counts a wrong key, token or code against the caller's address; true when it is over the limit. */
  const limited = (req: Req, res: Res, f?: Failure, send: (f: Failure) => void = (f) => sendFailure(res, f)): boolean => {
    const ip = addressOf(req);
    if (misses.blocked(ip)) {
      send({ status: 429, code: "rate/limited", ...said("http.wrongKeysLimited") });
      return true;
    }
    if (f) {
      misses.hit(ip);
      send(f);
      return true;
    }
    return false;
  };

  const gameOf = async (req: Req): Promise<GameRecord | undefined> => {
    const parsed = JoinCode.safeParse(req.params.code);
    return parsed.success ? store.getGame(parsed.data) : undefined;
  };

  /**
   * The facilitator (key, or a ticket the key bought) or a share link's holder; the audience of
   * what they get, and what of the facilitator's report they may read (`reader`). `page`: a
   * browser opening the HTML report, which gets a refusal as a short page in its language (same
   * status) unless it asks for JSON first; API callers get the JSON.
   */
  const access = async (req: Req, res: Res, options: { keyOnly?: boolean; open?: boolean; page?: boolean } = {}): Promise<{ record: GameRecord; audience: Audience; via: "key" | "share" | "none"; reader: Reader } | undefined> => {
    // The page's words are loaded only for a refusal: an allowed report builds its own.
    const page = options.page && req.accepts(["html", "json"]) === "html";
    const send = (f: Failure) => {
      if (!page) return sendFailure(res, f);
      void wordsFor(languageOf(req, true)).then(
        (words) => {
          privateHeaders(res);
          res.setHeader("Content-Security-Policy", reportCsp());
          // A person opening a link reads what to do, not which header or parameter was missing.
          res.status(f.status).type("html").send(failurePage(f.code === "auth/required" ? { ...f, ...said("http.page.linkNeeded") } : f, words));
        },
        () => sendFailure(res, f),
      );
    };
    if (limited(req, res, undefined, send)) return undefined;
    const { key, share, ticket } = credentials(req);
    const reading = !options.keyOnly;
    if (!key && !(reading && (share || ticket)) && !options.open) {
      send(options.keyOnly ? { ...REQUIRED, message: `This needs the game's facilitator key (header ${KEY_HEADER}).` } : REQUIRED);
      return undefined;
    }
    const record = await gameOf(req);
    if (!record) return void limited(req, res, { status: 404, code: "game/unknown", ...said("http.gameUnknown") }, send);
    if (key) {
      if (!keyMatches(key, record.keyHash)) return void limited(req, res, { status: 403, code: "auth/bad_key", ...said("http.gameBadKey") }, send);
      return { record, audience: "facilitator", via: "key", reader: FACILITATOR };
    }
    if (ticket && reading) {
      const check = checkTicket(ticket, record.code, record.keyHash);
      if (check === "bad") return void limited(req, res, { status: 403, code: "auth/bad_ticket", ...said("http.ticketBad") }, send);
      if (check === "expired") return void send({ status: 403, code: "auth/ticket_expired", ...said("http.ticketExpired") });
      return { record, audience: "facilitator", via: "key", reader: FACILITATOR };
    }
    if (share && !options.keyOnly) {
      const found = await store.shareByToken(hashKey(share));
      if (!found || found.code !== record.code) return void limited(req, res, { status: 403, code: "auth/bad_share", ...said("http.shareBad") }, send);
      if (found.revokedAt !== null) return void send({ status: 403, code: "auth/share_revoked", ...said("http.shareRevoked") });
      return { record, audience: "facilitator", via: "share", reader: { named: false, privateChat: found.privateChat } };
    }
    return { record, audience: "public", via: "none", reader: { named: false, privateChat: false } };
  };

  /**
   * The analysis of a stored game read in `language`. A log the rules now refuse names the game's
   * countries from its scenario in English and in every translation (server/said.ts
   * `REPLAY_REFUSED`), not from the translated one the analysis read.
   */
  const analysisFor = async (original: GameRecord, language = "en"): Promise<Analysis> => {
    const record = inLanguage(original, language);
    try {
      return analysisOf(record, await store.actionLog(record.code), language);
    } catch (err) {
      if (err instanceof ReplayRefused && record !== original) throw new ReplayRefused(err.index, err.move, err.code, err.text, original.scenario);
      throw err;
    }
  };

  /** A share link sees the full report once the game is over; while it runs, what an observer sees. */
  const audienceFor = (got: { audience: Audience; via: string }, analysis: Analysis): Audience =>
    got.via === "share" && analysis.final.phase !== "ended" ? "public" : got.audience;

  // Kept by no cache, as every API answer (server/app.ts); nor named to another site, nor sniffed.
  const privateHeaders = (res: Res) => {
    res.setHeader("Referrer-Policy", "no-referrer");
    res.setHeader("X-Content-Type-Options", "nosniff");
  };

  const attach = (req: Req, res: Res, filename: string, always = false) => {
    if (always || param(req, "download")) res.setHeader("Content-Disposition", `attachment; filename="${filename}"`);
  };

  // ---- Reports and exports ---------------------------------------------------------------

  router.get("/games/:code/report", async (req, res) => {
    const got = await access(req, res);
    if (!got) return;
    const language = languageOf(req);
    const record = inLanguage(got.record, language);
    const analysis = await analysisFor(got.record, language);
    privateHeaders(res);
    res.json(await forFacilitator(store, buildReport(record, analysis, audienceFor(got, analysis), await store.forkOf(got.record.code), got.reader), got.via));
  });

  router.get("/games/:code/report.html", async (req, res) => {
    const got = await access(req, res, { page: true });
    if (!got) return;
    // The reader's language: ?lang= (the report's own switch), else the browser's.
    const language = languageOf(req, true);
    const record = inLanguage(got.record, language);
    const words = await wordsFor(language, record.scenario);
    let analysis: Analysis;
    try {
      analysis = await analysisFor(got.record, language);
    } catch (err) {
      if (!(err instanceof ReplayRefused) || req.accepts(["html", "json"]) !== "html") throw err;
      // A person opening the link reads why in their language (the API's answer: server/app.ts).
      const failure = refusedGame(err, { code: record.code });
      privateHeaders(res);
      res.setHeader("Content-Security-Policy", reportCsp());
      return void res.status(409).type("html").send(failurePage(failure, words));
    }
    const sameReportIn = (lang: string) => {
      const url = new URL(req.originalUrl, "http://report");
      url.searchParams.set("lang", lang);
      url.searchParams.delete("download");
      return `${url.pathname}${url.search}`;
    };
    const html = renderReportHtml(await forFacilitator(store, buildReport(record, analysis, audienceFor(got, analysis), await store.forkOf(got.record.code), got.reader), got.via), words, sameReportIn);
    privateHeaders(res);
    res.setHeader("Content-Security-Policy", reportCsp(words));
    attach(req, res, `chokepoint-${got.record.code}-report.html`);
    res.type("html").send(html);
  });

  router.get("/games/:code/log.json", async (req, res) => {
    const got = await access(req, res);
    if (!got) return;
    const analysis = await analysisFor(got.record);
    if (audienceFor(got, analysis) !== "facilitator")
      return void sendFailure(res, { status: 403, code: "auth/not_yet", ...said("http.logNotYet") });
    privateHeaders(res);
    attach(req, res, `chokepoint-${got.record.code}-log.json`);
    res.json(logExport(got.record, analysis, got.reader));
  });

  router.get("/games/:code/metrics.csv", async (req, res) => {
    const got = await access(req, res);
    if (!got) return;
    privateHeaders(res);
    attach(req, res, `chokepoint-${got.record.code}-metrics.csv`, true);
    const language = languageOf(req, true);
    const record = inLanguage(got.record, language);
    res.type("text/csv; charset=utf-8").send(metricsCsv(record, await analysisFor(got.record, language), await wordsFor(language, record.scenario)));
  });

  // One game's gradebook (the class console's has every table: server/classes/routes.ts), its rows
  // numbered with the game's table in its class as that one and the report number it; 1 for a game of no class.
  // A class's table lists after them, as the class's gradebook does, the class's students of that
  // table who never came to it or held no seat there (server/classes/class-csv.ts `absentRows`).
  router.get("/games/:code/gradebook.csv", async (req, res) => {
    const got = await access(req, res, { keyOnly: true });
    if (!got) return;
    const language = languageOf(req, true);
    const record = inLanguage(got.record, language);
    const words = await wordsFor(language, record.scenario);
    const table = record.classTable?.table ?? 1;
    const rows = await gradebookRows(store, record, table, words);
    const cls = record.classTable && (await store.getClass(record.classTable.code));
    if (cls?.tables[table - 1] === record.code) rows.push(...(await absentRows(store, cls, record, table, words)));
    privateHeaders(res);
    attach(req, res, `chokepoint-${got.record.code}-gradebook.csv`, true);
    res.type("text/csv; charset=utf-8").send(csvFile([gradebookHeader(words), ...rows]));
  });

  // ---- Replay viewer ---------------------------------------------------------------------

  // Every board of a game, anyone's with its code: tens of milliseconds of work and a megabyte of
  // JSON for a long game. So each body is built once per game, version, reader, language and
  // round, and kept gzipped (a finished game never changes: its bodies serve every later reader);
  // and one address opens at most REPLAYS_PER_MINUTE of them.
  const replays = new Map<string, Buffer>();
  let replayBytes = 0;
  const replaysFrom = new RateLimiter(REPLAYS_PER_MINUTE, 60_000);
  router.get("/games/:code/replay", async (req, res) => {
    const got = await access(req, res, { open: true });
    if (!got) return;
    const query = ReplayQuerySchema.safeParse(req.query);
    if (!query.success) return void sendFailure(res, { status: 400, code: "input/invalid", ...saidInvalid(query.error.issues, req.query, ReplayQuerySchema) });
    if (!replaysFrom.hit(addressOf(req))) return void sendFailure(res, { status: 429, code: "rate/limited", ...said("http.replaysLimited") });
    const round = query.data.round;
    const language = languageOf(req);
    const viewer = got.via === "key" ? "facilitator" : "observer";
    const code = got.record.code;
    // A game still running changes with every action: its version is its log's length.
    const log = got.record.finishedAt === null ? await store.actionLog(code) : undefined;
    const key = `${code}/${log ? log.length : "ended"}/${viewer}/${language}/${round ?? "all"}`;
    let body = replays.get(key);
    if (!body) {
      const record = inLanguage(got.record, language);
      const analysis = analysisOf(record, log ?? (await store.actionLog(code)), language);
      body = gzipSync(JSON.stringify(replayFrames(code, analysis, viewer, round)));
      replays.set(key, body);
      replayBytes += body.length;
      // Bounded: the oldest bodies go first.
      for (const [k, b] of replays) {
        if (replayBytes <= REPLAY_CACHE_BYTES) break;
        replays.delete(k);
        replayBytes -= b.length;
      }
    }
    privateHeaders(res);
    res.type("application/json").vary("Accept-Encoding");
    if (!req.acceptsEncodings("gzip")) return void res.send(gunzipSync(body));
    res.set("Content-Encoding", "gzip").send(body);
  });

  // ---- Share links -----------------------------------------------------------------------

  const shareInfo = (s: ShareRecord): ShareInfo => ({ id: s.id, createdAt: s.createdAt, revokedAt: s.revokedAt, privateChat: s.privateChat });

  // ---- Tickets ---------------------------------------------------------------------------

  /** The facilitator key (header) buys a short-lived ticket: links a browser tab or a download can open. */
  router.post("/games/:code/ticket", async (req, res) => {
    const got = await access(req, res, { keyOnly: true });
    if (!got) return;
    privateHeaders(res);
    const { ticket, expiresAt } = issueTicket(got.record.code, got.record.keyHash);
    res.status(201).json({ ticket, expiresAt, links: linksOf(got.record.code, `?ticket=${ticket}`) } satisfies TicketReply);
  });

  /** Share links being made, per game: counted and stored one at a time, so two at once cannot both pass the cap. */
  const sharing = new Map<string, Promise<unknown>>();
  router.post("/games/:code/share", async (req, res) => {
    const got = await access(req, res, { keyOnly: true });
    if (!got) return;
    const parsed = ShareRequestSchema.safeParse(req.body ?? {});
    if (!parsed.success) return void sendFailure(res, { status: 400, code: "input/invalid", ...saidInvalid(parsed.error.issues, req.body ?? {}, ShareRequestSchema) });
    const code = got.record.code;
    const token = newSecret(18);
    const share: ShareRecord = { id: newSecret(6), code, tokenHash: hashKey(token), createdAt: Date.now(), revokedAt: null, privateChat: parsed.data.privateChat };
    const made = (sharing.get(code) ?? Promise.resolve()).then(async () => {
      // Revoked links count: they stay stored, and revoking is no way around the cap.
      if ((await store.shares(code)).length >= SHARES_PER_GAME) return false;
      await store.createShare(share);
      return true;
    });
    const settled = made.catch(() => undefined);
    sharing.set(code, settled);
    void settled.then(() => sharing.get(code) === settled && sharing.delete(code));
    if (!(await made)) return void sendFailure(res, { status: 409, code: "share/too_many", ...said("http.sharesFull", { n: SHARES_PER_GAME }) });
    const q = `?share=${encodeURIComponent(token)}`;
    logger.info({ code: got.record.code, share: share.id, privateChat: share.privateChat }, "share link created");
    res.status(201).json({
      ...shareInfo(share),
      token,
      links: linksOf(got.record.code, q),
    } satisfies ShareCreated);
  });

  router.get("/games/:code/shares", async (req, res) => {
    const got = await access(req, res, { keyOnly: true });
    if (!got) return;
    privateHeaders(res);
    res.json({ shares: (await store.shares(got.record.code)).map(shareInfo) });
  });

  router.delete("/games/:code/shares/:id", async (req, res) => {
    const got = await access(req, res, { keyOnly: true });
    if (!got) return;
    if (!(await store.revokeShare(got.record.code, String(req.params.id), Date.now())))
      return void sendFailure(res, { status: 404, code: "share/unknown", ...said("http.shareUnknown") });
    res.json({ ok: true });
  });

  // ---- What-if ----------------------------------------------------------------------------

  router.post("/games/:code/fork", async (req, res) => {
    const got = await access(req, res, { keyOnly: true });
    if (!got) return;
    const parsed = ForkRequestSchema.safeParse(req.body ?? {});
    if (!parsed.success) {
      return void sendFailure(res, { status: 400, code: "input/invalid", ...saidInvalid(parsed.error.issues, req.body ?? {}, ForkRequestSchema) });
    }
    // A fork is a new game: none while the process shuts down (its room would be closed at once).
    if (status.draining) return void sendFailure(res, DRAINING());
    // Each fork is a game under way that holds memory and a room: forks count as games created
    // by the address, and one game may be forked only so often. A fork either limit refuses counts against neither.
    const address = addressOf(req);
    if (createLimit.blocked(address)) return void sendFailure(res, { status: 429, code: "rate/limited", ...said("http.gamesCreatedLimited") });
    if (!forksOf.hit(got.record.code)) return void sendFailure(res, { status: 429, code: "rate/limited", ...said("http.forksLimited", { n: FORKS_PER_GAME_PER_HOUR }) });
    createLimit.hit(address);
    const analysis = await analysisFor(got.record);
    const made = await createFork(store, got.record, analysis, parsed.data.round);
    if (!made.ok) return void sendFailure(res, made);
    try {
      // A what-if waits for its facilitator: nobody is seated yet, so its clock starts paused.
      await openGame({ code: made.code, paused: true });
    } catch (err) {
      logger.error({ code: made.code, err }, "could not open the forked game");
      return void sendFailure(res, { status: 500, code: "server/fork_failed", ...said("http.forkFailed") });
    }
    logger.info({ code: made.code, from: got.record.code, round: parsed.data.round }, "what-if game forked");
    res.status(201).json({ code: made.code, facilitatorKey: credentials(req).key!, forkedFrom: { code: got.record.code, round: parsed.data.round } } satisfies ForkReply);
  });

  // ---- Archive and comparison (by key, across games) -------------------------------------

  /** The games of the key a request carries, or a refusal. */
  const keyedGames = async (req: Req, res: Res): Promise<{ key: string; games: GameRecord[] } | undefined> => {
    if (limited(req, res)) return undefined;
    const { key } = credentials(req);
    if (!key) return void sendFailure(res, { ...REQUIRED, message: `This needs your facilitator key (header ${KEY_HEADER}).` });
    // Counted before the games are read (reading them is most of the cost); a key nobody else knows is nobody else's limit.
    const keyHash = hashKey(key);
    if (archiveReads.blocked(keyHash) || !archiveReadsFrom.hit(addressOf(req))) return void sendFailure(res, { status: 429, code: "rate/limited", ...said("http.archiveReadsLimited") });
    archiveReads.hit(keyHash);
    const games = await store.gamesByKey(keyHash);
    if (!games.length) return void limited(req, res, { status: 403, code: "auth/bad_key", ...said("http.keyNoGames") });
    return { key, games };
  };

  router.get("/archive", async (req, res) => {
    const got = await keyedGames(req, res);
    if (!got) return;
    const language = languageOf(req);
    const games: ArchiveEntry[] = [];
    for (const original of got.games) {
      // One game's analysis at a time, the other connections served between two: a long list
      // never holds the process for its whole length (the games and moves of every room wait).
      await new Promise((resolve) => setImmediate(resolve));
      const record = inLanguage(original, language);
      const analysis = await analysisFor(original, language);
      const info = gameInfo(record, analysis, "facilitator", await store.forkOf(record.code));
      const outcome = statusOf(analysis.final) === "lobby" ? null : buildOutcome(analysis);
      games.push({
        code: record.code,
        scenario: { id: info.scenario.id, title: info.scenario.title },
        status: info.status,
        phase: info.phase,
        round: info.round,
        rounds: info.rounds,
        roundsPlayed: info.roundsPlayed,
        crisis: info.crisis,
        createdAt: info.createdAt,
        finishedAt: info.finishedAt,
        actions: info.actions,
        outcome,
        ...(info.forkedFrom ? { forkedFrom: info.forkedFrom } : {}),
        // Ticketed: the archive's links open in a tab without the key (tickets.ts).
        ...ticketed(record),
      });
    }
    privateHeaders(res);
    res.json({ games });
  });

  router.get("/compare", async (req, res) => {
    const got = await keyedGames(req, res);
    if (!got) return;
    const query = { codes: param(req, "codes") ?? "" };
    const parsed = CompareQuerySchema.safeParse(query);
    if (!parsed.success) return void sendFailure(res, { status: 400, code: "input/invalid", ...saidInvalid(parsed.error.issues, query, CompareQuerySchema) });
    const language = languageOf(req);
    const mine = new Map(got.games.map((g) => [g.code, g]));
    const originals: GameRecord[] = [];
    for (const code of parsed.data.codes) {
      const original = mine.get(code);
      if (!original) return void sendFailure(res, { status: 403, code: "auth/bad_key", ...said("http.compareNotYours", { code }) });
      originals.push(original);
    }
    const records = originals.map((g) => inLanguage(g, language));
    const scenario = records[0]!.scenario;
    const other = records.find((r) => r.scenario.id !== scenario.id);
    if (other) return void sendFailure(res, { status: 400, code: "compare/different_scenarios", ...said("compare.differentScenarios", { code: other.code, title: other.scenario.title, first: scenario.title }) });
    // A game the rules now refuse to replay is left out and named with why; the others are compared.
    // None left: the first refusal is the answer (409), logged once, with the others.
    const read = await Promise.all(
      records.map(async (r, i) => {
        try {
          return compareSummary(r, await analysisFor(originals[i]!, language));
        } catch (err) {
          if (!(err instanceof ReplayRefused)) throw err;
          return { err, refused: { code: r.code, ...(r.classTable ? { classTable: r.classTable } : {}), why: refusedGame(err, { code: r.code }).text! } };
        }
      }),
    );
    const games = read.filter((g) => !("refused" in g)) as CompareGame[];
    const refused = read.flatMap((g) => ("refused" in g ? [g] : []));
    if (!games.length) return void sendFailure(res, REPLAY_REFUSED(refused[0]!.err));
    privateHeaders(res);
    res.json({ ...compareReply(scenario, games), ...(refused.length ? { refused: refused.map((g) => g.refused) } : {}) } satisfies CompareReply);
  });

  return router;
}

function ticketed(record: GameRecord): { links: GameLinks; expiresAt: number } {
  const { ticket, expiresAt } = issueTicket(record.code, record.keyHash);
  return { links: linksOf(record.code, `?ticket=${ticket}`), expiresAt };
}

function linksOf(code: string, query = ""): GameLinks {
  const base = `/api/games/${code}`;
  return { report: `${base}/report${query}`, html: `${base}/report.html${query}`, csv: `${base}/metrics.csv${query}`, log: `${base}/log.json${query}`, replay: `${base}/replay${query}` };
}

function buildOutcome(analysis: Analysis): ArchiveEntry["outcome"] {
  const outcome = tableOutcome(analysis.final);
  return { met: outcome.met, targetsMet: outcome.targets.filter((t) => t.met).length, targets: outcome.targets.length };
}

/**
 * The facilitator's report carries the observers' notes, the hot-wash findings, who held each
 * seat and the students' exit tickets; the public one does not. A share link of a finished game
 * reads the whole game, and the hot-wash findings, but neither the observers' notes (written for
 * the facilitator, often about the people in the room) nor people's names and words: no roster,
 * no exit tickets (and its report was built without the names in its handovers and news).
 */
async function forFacilitator(store: Pick<Store, "notes" | "holders" | "exitTickets">, report: DebriefReport, via: string): Promise<DebriefReport> {
  if (report.audience !== "facilitator") return report;
  const shared = via === "share";
  const notes = (await store.notes(report.game.code)).filter((n) => !shared || n.kind === "finding").map(({ kind, by, name, round, phase, at, text }) => ({ kind, by, ...(name === undefined ? {} : { name }), round, phase, at, text }));
  if (shared) return { ...report, notes };
  const [holders, tickets] = await Promise.all([store.holders(report.game.code), store.exitTickets(report.game.code)]);
  const order = report.countries.map((c) => c.id);
  return {
    ...report,
    notes,
    players: holders.filter((h) => h.seat).map((h) => ({ seat: h.seat!, name: h.name, roles: h.roles })),
    exitTickets: tickets
      .map(({ seat, name, answers }) => ({ seat, name, answers }))
      .sort((a, b) => order.indexOf(a.seat) - order.indexOf(b.seat) || a.name.localeCompare(b.name)),
  };
}
