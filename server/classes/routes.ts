/**
 * Class mode over HTTP: create a class (N tables of one scenario under one facilitator key),
 * look it up by its code, place an arriving student at a table, seat and ministry, show the
 * console every table side by side, send one command to every table, and export the
 * gradebook and the comparison as CSV. docs/TEACHING.md describes a lesson with it.
 */
import { randomInt } from "node:crypto";
import express from "express";
import { ROLES, type Role } from "../../shared/engine/vocabulary.ts";
import { ClassCommandSchema, ClassJoinSchema, CreateClassSchema, MoveStudentSchema, RemoveStudentSchema, RemoveUnjoinedSchema, type ClassCommandReply, type ClassInfo, type ClassJoinReply, type ClassStatus, type CreateClassReply, type JoinAddresses, type MoveStudentReply, type RemoveUnjoinedReply } from "../../shared/protocol/classes.ts";
import { JoinCode } from "../../shared/protocol/messages.ts";
import { seedFrom } from "../../shared/engine/rng.ts";
import { CURRENT_EDITION } from "../../shared/engine/deal-ids.ts";
import { ref } from "../../shared/engine/text.ts";
import { addressOf } from "../client-address.ts";
import { gamesCreatedLimit, hashKey, keyMatches, newCode, newKey, newSecret, RateLimiter, sameSecret } from "../codes.ts";
import { analysisOf } from "../debrief/analysis.ts";
import { compareSummary } from "../debrief/compare.ts";
import { credentials, DRAINING, existingKey, inLanguage, languageOf } from "../debrief/routes.ts";
import { wordsFor } from "../debrief/words.ts";
import { localizedScenario } from "../scenario-texts.ts";
import { scenarioCards } from "../../shared/protocol/sections.ts";
import { absentRows, comparisonRows, gradebookHeader, gradebookRows, refusedGradebookRows } from "./class-csv.ts";
import { logger } from "../logger.ts";
import { openGame } from "../rooms/open-game.ts";
import { roomCall, type RoomCall } from "../rooms/room-call.ts";
import { phaseTimers, scenarioPlayed, shippedScenarios } from "../scenarios.ts";
import type { ClassRecord, GameRecord, GameStore, Store } from "../storage/store.ts";
import { PLACE_HEADER } from "../../shared/protocol/archive.ts";
import { place, type TableRoom } from "./assign.ts";
import { placeId } from "../rooms/seating.ts";
import { tableSummary, type ClassSeats, type TableSummary } from "./table-summary.ts";
import { NEW_GAMES_FULL, refusedGame, said, saidInvalid, sendFailure } from "../said.ts";
import { isRulesChanged } from "../matchmake-guard.ts";
import { ReplayRefused } from "../../shared/engine/replay.ts";
import type { Text } from "../../shared/engine/text.ts";
import { csvFile } from "../csv.ts";
import { DAY } from "../../client/i18n/translator.ts";

type Res = express.Response;

/** Tries of a change to a class that another process changed meanwhile (`untilSaved`). */
const SAVE_TRIES = 8;

/**
 * Students placed from one address: at most `perClass` a minute in one class, and `overall` a
 * minute across every class (docs/PROTOCOL.md, "Classes"). A school's students share one address,
 * so both are generous: a class of 40 joins at once, one of 60 within about a minute (the rest as
 * the first ones' minute passes); the class code is on the projector, and without a limit one
 * address could fill every place with made-up names before the students arrive.
 */
export const PLACEMENTS = { perClass: 40, overall: 120, windowMs: 60_000 };

/**
 * Over a class's life, what one address may take of it, and for how long a place nobody takes
 * is kept (docs/TEACHING.md, "Class mode"). `perAddress`: students placed from one address in
 * one class, more than any one classroom behind a school's shared address (the per-minute limit
 * above lets 40 in at once). `lapseMs`: a student placed who has not joined their table this long
 * after loses the place when the class has no other for an arriving student, so names made up
 * before the students arrive give their places to the students who do.
 */
export type ClassPlaces = { perAddress: number; lapseMs: number };
export const CLASS_PLACES: ClassPlaces = { perAddress: 60, lapseMs: 10 * 60_000 };

/** Whether `address` may have one more student placed in `classCode` now (`hit` records it). */
export function placementLimits(limits = PLACEMENTS) {
  const perClass = new RateLimiter(limits.perClass, limits.windowMs);
  const overall = new RateLimiter(limits.overall, limits.windowMs);
  return {
    blocked: (address: string, classCode: string, now = Date.now()) => perClass.blocked(`${classCode}:${address}`, now) || overall.blocked(address, now),
    hit: (address: string, classCode: string, now = Date.now()) => {
      perClass.hit(`${classCode}:${address}`, now);
      overall.hit(address, now);
    },
  };
}

/**
 * `wake(code)` opens a sleeping table's room again (server/wake.ts); by default nothing sleeps.
 * `gamesLimit`: the games an address may create (POST /api/games, server/app.ts): each table of a
 * class is a game and counts against it, so classes are no way past it. `status.draining`: the
 * process is shutting down and refuses a class as it refuses a game. `call` reaches a table's
 * room wherever it runs (server/rooms/room-call.ts: with several processes, the tables of a class
 * are spread over them). `lan`: where other computers on the network reach this process (../lan.ts).
 */
export function classRouter(
  store: Store,
  wake: (code: string) => Promise<boolean> = async () => false,
  gamesLimit: RateLimiter = gamesCreatedLimit(),
  status: { readonly draining: boolean } = { draining: false },
  call: RoomCall = roomCall(false),
  lan: () => string[] = () => [],
  roomFor: (tables: number) => boolean = () => true,
  classPlaces: ClassPlaces = CLASS_PLACES,
): express.Router {
  const router = express.Router();
  const createLimit = new RateLimiter(10, 60_000);
  const missLimit = new RateLimiter(60, 60_000);
  const placements = placementLimits();
  /** Students placed from each address in each class (`${class}:${address}`) while this process ran (`classPlaces.perAddress`). */
  const placedFrom = new Map<string, number>();
  const finished = new FinishedTables();

  /**
   * The class of the route's code. An address that sent too many wrong codes is refused, except
   * a request that brings the class's facilitator key or a student's place token (`secret`): a
   * school shares one address, and long secrets no guesser finds must not be locked out by one
   * pupil's wrong codes. Locked, an unknown code and a known one without its secret get the same
   * refusal, so the lock tells a guesser nothing.
   */
  const classOf = async (req: express.Request, res: Res, secret?: (record: ClassRecord) => boolean): Promise<ClassRecord | undefined> => {
    // Only a request that brings a secret reads the store while locked, and is answered alike whatever the code.
    const ip = addressOf(req);
    const locked = missLimit.blocked(ip);
    if (locked && !secret) return void sendFailure(res, { status: 429, code: "rate/limited", ...said("http.wrongCodesLimited") });
    const parsed = JoinCode.safeParse(req.params.code);
    const record = parsed.success ? await store.getClass(parsed.data) : undefined;
    if (locked && !(record && secret!(record))) return void sendFailure(res, { status: 429, code: "rate/limited", ...said("http.wrongCodesLimited") });
    if (!record) {
      missLimit.hit(ip);
      return void sendFailure(res, { status: 404, code: "class/unknown", ...said("http.classUnknown") });
    }
    // Every route of a class reads its tables' rooms: a table gone to sleep wakes first (a finished one never does).
    // A table whose stored game the rules now refuse does not wake (server/wake.ts): the others are
    // read all the same, and the console and the spreadsheets say why that one is missing.
    await Promise.all(record.tables.filter((code) => !finished.has(code)).map((code) => wake(code).catch((err: unknown) => (isRulesChanged(err) ? false : Promise.reject(err)))));
    return record;
  };

  /** The class's facilitator key (header x-facilitator-key): the console's routes. */
  const keyed = async (req: express.Request, res: Res): Promise<ClassRecord | undefined> => {
    const key = credentials(req).key;
    const record = await classOf(req, res, key ? (r) => keyMatches(key, r.keyHash) : undefined);
    if (!record) return undefined;
    if (!key) return void sendFailure(res, { status: 401, code: "auth/required", message: "This needs the class's facilitator key." });
    if (!keyMatches(key, record.keyHash)) return void sendFailure(res, { status: 403, code: "auth/bad_key", ...said("http.classBadKey") });
    return record;
  };

  router.post("/classes", async (req, res) => {
    const parsed = CreateClassSchema.safeParse(req.body ?? {});
    if (!parsed.success) {
      return sendFailure(res, { status: 400, code: "input/invalid", ...saidInvalid(parsed.error.issues, req.body ?? {}, CreateClassSchema) });
    }
    const body = parsed.data;
    const shipped = shippedScenarios().get(body.scenarioId);
    if (!shipped) return sendFailure(res, { status: 404, code: "input/unknown_scenario", message: `There is no scenario "${body.scenarioId}".` });
    const played = scenarioPlayed(shipped, body.settings);
    if (!played.ok) return sendFailure(res, { status: 400, code: "input/invalid", message: played.message });
    const scenario = played.scenario;
    const badRoster = body.roster.find((r) => r.table > body.tables);
    if (badRoster) return sendFailure(res, { status: 400, code: "input/invalid", message: `roster: ${badRoster.name} is at table ${badRoster.table}, but the class has ${body.tables} tables` });
    const existing = await existingKey(req, store);
    if (existing && "error" in existing) return sendFailure(res, existing.error);
    if (status.draining) return sendFailure(res, DRAINING());
    // The server opens only so many lobbies nobody has joined (server/app.ts `roomForNewGames`).
    if (!roomFor(body.tables)) return sendFailure(res, NEW_GAMES_FULL());
    // Both limits checked and counted with no await between, and only a class let through counts.
    const address = addressOf(req);
    if (createLimit.blocked(address)) return sendFailure(res, { status: 429, code: "rate/limited", ...said("http.classesCreatedLimited") });
    if (!gamesLimit.hit(address, Date.now(), body.tables)) return sendFailure(res, { status: 429, code: "rate/limited", ...said("http.gamesCreatedLimited") });
    createLimit.hit(address);
    const facilitatorKey = existing?.key ?? newKey();
    const keyHash = hashKey(facilitatorKey);
    const taken = async (c: string) => !!(await store.getClass(c)) || !!(await store.getGame(c));
    const fresh = async (also: string[] = []) => {
      let c = newCode();
      while (also.includes(c) || (await taken(c))) c = newCode();
      return c;
    };
    const code = await fresh();
    const now = Date.now();
    const sharedSeed = String(body.settings.seed ?? seedFrom(`${code}:${now}`));
    const tables: string[] = [];
    for (let i = 0; i < body.tables; i++) {
      const game = await fresh([code]);
      const record: GameRecord = {
        code: game,
        scenario,
        // Tables of the same seed (`sameSeed`) play the same events but name their deals apart (shared/engine/deal-ids.ts).
        settings: { ...body.settings, quickStart: false, edition: CURRENT_EDITION, idSalt: game },
        seed: body.sameSeed ? sharedSeed : String(seedFrom(`${game}:${now}:${i}`)),
        keyHash,
        createdAt: now + i, // keeps the tables in order in My games
        finishedAt: null,
        classTable: { code, table: i + 1 },
      };
      await store.createGame(record);
      await openGame({ code: game });
      tables.push(game);
    }
    const title = body.title || `${scenario.title} · ${new Date(now).toISOString().slice(0, 10)}`;
    await store.saveClass({ code, keyHash, title, scenarioId: scenario.id, tables, assign: body.assign, roster: body.roster, students: [], createdAt: now });
    logger.info({ code, tables }, "class created");
    res.status(201).json({ code, facilitatorKey, tables } satisfies CreateClassReply);
  });

  router.get("/classes/:code", async (req, res) => {
    const place = req.get(PLACE_HEADER);
    const record = await classOf(req, res, place ? (r) => !!studentOf(r, place) : undefined);
    if (record) res.json(await classInfo(store, record, languageOf(req), await progressOf(call, record), place));
  });

  // A class's students are placed and removed one at a time (read, change, save), so two
  // arriving together never share a place and a removal is never undone by a placing.
  const placing = new Map<string, Promise<unknown>>();
  const inTurn = (change: (req: express.Request, res: Res) => Promise<void>) => async (req: express.Request, res: Res) => {
    const key = String(req.params.code).toUpperCase();
    const turn = (placing.get(key) ?? Promise.resolve()).then(() => change(req, res));
    const settled = turn.catch(() => undefined);
    placing.set(key, settled);
    await turn;
    if (placing.get(key) === settled) placing.delete(key);
  };
  /**
   * With several processes, another may change the class between this one's read and its save (a
   * student placed through it): the save then fails and the change starts again from the class
   * as stored, so no student is lost and no place given twice. Each try reads the class anew.
   */
  const untilSaved = (change: (req: express.Request, res: Res) => Promise<"changed elsewhere" | void>) => async (req: express.Request, res: Res) => {
    for (let i = 0; i < SAVE_TRIES; i++) {
      if ((await change(req, res)) !== "changed elsewhere") return;
      // A few milliseconds more each time, at random, so processes that met do not meet again.
      await new Promise((resolve) => setTimeout(resolve, randomInt(5, 20) * (i + 1)));
    }
    sendFailure(res, { status: 503, code: "class/busy", ...said("http.classBusy") });
  };
  router.post("/classes/:code/join", inTurn(untilSaved((req, res) => placeStudent(req, res))));
  router.post("/classes/:code/remove", inTurn(untilSaved((req, res) => removeStudent(req, res))));
  router.post("/classes/:code/remove-unjoined", inTurn(untilSaved((req, res) => removeUnjoined(req, res))));
  router.post("/classes/:code/move", inTurn(untilSaved((req, res) => moveStudent(req, res))));

  const placeStudent = async (req: express.Request, res: Res) => {
    const parsed = ClassJoinSchema.safeParse(req.body ?? {});
    const token = parsed.success ? parsed.data.token : undefined;
    const record = await classOf(req, res, token ? (r) => !!studentOf(r, token) : undefined);
    if (!record) return;
    const read = JSON.stringify(record);
    if (!parsed.success) {
      return sendFailure(res, { status: 400, code: "input/invalid", ...saidInvalid(parsed.error.issues, req.body ?? {}, ClassJoinSchema) });
    }
    const { name } = parsed.data;
    const back = token ? studentOf(record, token) : undefined;
    const first = await store.getGame(record.tables[0]!);
    const reply = (s: ClassRecord["students"][number]): ClassJoinReply => ({
      game: record.tables[s.table]!,
      table: s.table + 1,
      seat: s.seat,
      seatName: seatName(first, s.seat),
      roles: s.roles,
      token: s.token,
    });
    if (back) return void res.json(reply(back));
    // A student coming back with their token is not placed again, so only newcomers count.
    const ip = addressOf(req);
    if (placements.blocked(ip, record.code)) return sendFailure(res, { status: 429, code: "rate/limited", ...said("http.classJoinsLimited") });
    const fromHere = `${record.code}:${ip}`;
    if ((placedFrom.get(fromHere) ?? 0) >= classPlaces.perAddress) return sendFailure(res, { status: 429, code: "class/address_full", ...said("http.classAddressFull", { n: classPlaces.perAddress }) });
    const teams = !!first?.settings.teams;
    const tables = await Promise.all(record.tables.map((code) => call(code, "classSeats")));
    const roomsOf = () => tables.map((table, i) => tableRoom(record, i, table));
    const rosterEntry = record.roster.find((r) => r.name.toLowerCase() === name.toLowerCase());
    const placeOne = () => place(roomsOf(), { mode: record.assign, teams, ...(rosterEntry ? { rosterTable: rosterEntry.table - 1 } : {}), random: () => randomInt(1_000_000) / 1_000_000 });
    let spot = placeOne();
    // No place left: those placed long ago who never came to their table give theirs up.
    const lapsed = spot ? [] : await lapsedStudents(call, record, Date.now() - classPlaces.lapseMs);
    if (lapsed.length) {
      record.students = record.students.filter((s) => !lapsed.includes(s));
      spot = placeOne();
    }
    if (!spot) {
      // Every table's game over: that, not "full", is why there is no place.
      const over = tables.every((table) => table?.phase === "ended");
      return sendFailure(res, over ? { status: 409, code: "class/over", ...said("http.classOver") } : { status: 409, code: "class/full", ...said("http.classFull") });
    }
    const student = { token: newSecret(18), name, table: spot.table, seat: spot.seat, roles: spot.roles, placedAt: Date.now() };
    // Placing is one at a time in this process (inTurn), and saved only over the class it read.
    record.students.push(student);
    if (!(await store.replaceClass(record, read))) return "changed elsewhere";
    const changed = new Set([spot.table, ...lapsed.map((s) => s.table)]);
    await Promise.all([...changed].map((table) => call(record.tables[table]!, "classChanged")));
    if (lapsed.length) logger.info({ code: record.code, lapsed: lapsed.length }, "class places nobody took lapsed");
    placements.hit(ip, record.code);
    placedFrom.set(fromHere, (placedFrom.get(fromHere) ?? 0) + 1);
    if (placedFrom.size > 100_000) placedFrom.clear();
    res.status(201).json(reply(student));
  };

  /**
   * Takes `gone` out of the class, saved only over the class as it was `read`, then tells their
   * tables: each table reads the class again, and a student's holder leaves the seat (what each
   * release freed); undefined when the class changed elsewhere meanwhile.
   */
  const removeStudents = async (record: ClassRecord, read: string, gone: ClassRecord["students"]) => {
    record.students = record.students.filter((s) => !gone.includes(s));
    if (!(await store.replaceClass(record, read))) return undefined;
    await Promise.all([...new Set(gone.map((s) => s.table))].map((table) => call(record.tables[table]!, "classChanged")));
    return Promise.all(gone.map((s) => call(record.tables[s.table]!, "releaseClassPlace", studentPlace(s))));
  };

  /**
   * Removes one student: their place in the class is free again, and at their table their
   * holder leaves the seat by the table console's own "free-seat" command (a bot takes the seat
   * once nobody is left in it, with bots on and the game running). If they held the seat once
   * the game was under way, the gradebook still lists them, as taken off it (./class-csv.ts).
   */
  const removeStudent = async (req: express.Request, res: Res) => {
    const record = await keyed(req, res);
    if (!record) return;
    const read = JSON.stringify(record);
    const parsed = RemoveStudentSchema.safeParse(req.body ?? {});
    if (!parsed.success) return sendFailure(res, { status: 400, code: "input/invalid", ...saidInvalid(parsed.error.issues, req.body ?? {}, RemoveStudentSchema) });
    // A person who joined a table by its game code (the roster's `t<table>-<holder>`): taken off their seat there.
    const joiner = /^t(\d+)-(.+)$/.exec(parsed.data.student);
    if (joiner) {
      const table = Number(joiner[1]) - 1;
      const code = record.tables[table];
      const freed = code !== undefined && (await call(code, "releaseTableJoiner", joiner[2]!, placesOf(record)[table]!));
      if (!freed) return sendFailure(res, { status: 404, code: "class/unknown_student", ...said("http.classUnknownStudent") });
      logger.info({ code: record.code, table: table + 1 }, "class table-code joiner removed");
      return void res.json({ ok: true });
    }
    const student = record.students.find((s) => studentId(s) === parsed.data.student);
    if (!student) return sendFailure(res, { status: 404, code: "class/unknown_student", ...said("http.classUnknownStudent") });
    const freed = await removeStudents(record, read, [student]);
    if (!freed) return "changed elsewhere";
    logger.info({ code: record.code, table: student.table + 1, seat: student.seat, freedHolder: !!freed[0] }, "class student removed");
    res.json({ ok: true });
  };

  /**
   * Removes, at once, the students the console listed who are still not at their table (never
   * joined it): names made up to fill the class, or last lesson's places. Each is removed as
   * `removeStudent` removes one; one who came to their table since the console asked keeps the place.
   */
  const removeUnjoined = async (req: express.Request, res: Res) => {
    const record = await keyed(req, res);
    if (!record) return;
    const read = JSON.stringify(record);
    const parsed = RemoveUnjoinedSchema.safeParse(req.body ?? {});
    if (!parsed.success) return sendFailure(res, { status: 400, code: "input/invalid", ...saidInvalid(parsed.error.issues, req.body ?? {}, RemoveUnjoinedSchema) });
    const asked = new Set(parsed.data.students);
    const gone = (await unjoinedStudents(call, record)).filter((s) => asked.has(studentId(s)));
    if (gone.length && !(await removeStudents(record, read, gone))) return "changed elsewhere";
    logger.info({ code: record.code, asked: asked.size, removed: gone.length }, "class students who never joined removed");
    res.json({ removed: gone.map((s) => ({ id: studentId(s), name: s.name })) } satisfies RemoveUnjoinedReply);
  };

  /**
   * Moves one student of the class to another of its tables, at any time, as a removal may come
   * at any time: their place (its token and id) stays theirs, and the class gives them a seat
   * there as it places an arriving student (the emptiest country; with teams, one ministry).
   * Their old seat is left as a removal leaves it (`releaseClassPlace`: the table console's
   * "free-seat", so a bot plays it once nobody is left in it), and their page there is told
   * they were moved; the class's link then takes them to the new table. A table whose game is
   * over, or with no seat free, takes nobody.
   */
  const moveStudent = async (req: express.Request, res: Res) => {
    const record = await keyed(req, res);
    if (!record) return;
    const read = JSON.stringify(record);
    const parsed = MoveStudentSchema.safeParse(req.body ?? {});
    if (!parsed.success) return sendFailure(res, { status: 400, code: "input/invalid", ...saidInvalid(parsed.error.issues, req.body ?? {}, MoveStudentSchema) });
    const student = record.students.find((s) => studentId(s) === parsed.data.student);
    if (!student) return sendFailure(res, { status: 404, code: "class/unknown_student", ...said("http.classUnknownStudent") });
    const to = parsed.data.table - 1;
    const code = record.tables[to];
    if (code === undefined) return sendFailure(res, { status: 400, code: "input/invalid", ...said("http.classNoSuchTable", { table: to + 1, tables: record.tables.length }) });
    if (to === student.table) return sendFailure(res, { status: 409, code: "class/same_table", ...said("http.classSameTable", { table: to + 1 }) });
    const seats = await call(code, "classSeats");
    if (!seats || seats.phase === "ended") return sendFailure(res, { status: 409, code: "class/table_over", ...said("http.classTableOver", { table: to + 1 }) });
    const first = await store.getGame(record.tables[0]!);
    const spot = place([tableRoom(record, to, seats)], { mode: "balanced", teams: !!first?.settings.teams, random: () => 0 });
    if (!spot) return sendFailure(res, { status: 409, code: "class/table_full", ...said("http.classTableFull", { table: to + 1 }) });
    const before = { ...student };
    // Placed anew there: they have the lapse's whole time (CLASS_PLACES.lapseMs) to reach the new table.
    Object.assign(student, { table: to, seat: spot.seat, roles: spot.roles, placedAt: Date.now(), movedFrom: before.table });
    if (!(await store.replaceClass(record, read))) return "changed elsewhere";
    // Both tables read the class again (the old one no longer holds the place, the new one does), then the old seat is freed.
    await Promise.all([before.table, to].map((table) => call(record.tables[table]!, "classChanged")));
    const left = await call(record.tables[before.table]!, "releaseClassPlace", studentPlace(before), to + 1);
    logger.info({ code: record.code, from: before.table + 1, to: to + 1, seat: spot.seat, freedHolder: !!left }, "class student moved");
    // The country in the teacher's language (?lang=), as the console's roster names it.
    res.json({ table: to + 1, seat: spot.seat, seatName: seatName(first && inLanguage(first, languageOf(req)), spot.seat), roles: spot.roles } satisfies MoveStudentReply);
  };

  router.get("/classes/:code/status", async (req, res) => {
    const record = await keyed(req, res);
    if (!record) return;
    res.json(await classStatus(store, call, record, languageOf(req), finished));
  });

  // A table's console opened from the class console (in its tab) says the teacher is still there (client/net/class-table.ts).
  router.post("/classes/:code/watch", async (req, res) => {
    const record = await keyed(req, res);
    if (!record) return;
    await watchTables(call, record);
    res.status(204).end();
  });

  // The console opened as localhost shows students one of these instead (client/model/join-address.ts).
  // Behind the key, as the console's other reads: a stranger learns nothing of the school's network.
  router.get("/classes/:code/addresses", async (req, res) => {
    const record = await keyed(req, res);
    if (!record) return;
    res.json({ addresses: lan() } satisfies JoinAddresses);
  });

  router.post("/classes/:code/command", async (req, res) => {
    const record = await keyed(req, res);
    if (!record) return;
    const parsed = ClassCommandSchema.safeParse(req.body ?? {});
    if (!parsed.success) {
      return sendFailure(res, { status: 400, code: "input/invalid", ...saidInvalid(parsed.error.issues, req.body ?? {}, ClassCommandSchema) });
    }
    const results: ClassCommandReply["results"] = await Promise.all(
      record.tables.map(async (code, i) => {
        const now = await call(code, "progress");
        // A table not live is one the status shows as ended (classStatus below).
        if (!now) return notRunning(i, code);
        const command = parsed.data;
        // "End the negotiation" leaves a table that is in another phase as it is; one whose phase
        // ends between this check and the command is refused by the engine (rule/phase_moved).
        // Time for a phase goes to the tables the console showed in it, each asked with its round,
        // so one that has moved on since refuses, naming the phase, rather than give the time to
        // the phase now running; a table the console did not show in it is left as it is.
        const phase = now.phase;
        const aim = command.type === "advance" || command.type === "extend" ? { phase: command.phase, round: command.rounds?.[code] } : undefined;
        if (aim && phase !== aim.phase && (command.type === "advance" ? phase !== "ended" : aim.round === undefined)) {
          return { table: i + 1, code, ok: false, error: { code: "rule/other_phase", ...said("http.classOtherPhase", { phase: ref("phase", phase), asked: ref("phase", aim.phase) }) } };
        }
        const round = aim?.round ? { round: aim.round } : {};
        const reply = await call(
          code,
          "command",
          command.type === "advance" ? { type: "advance", phase: command.phase, ...round } : command.type === "extend" ? { type: "extend", seconds: command.seconds, phase: command.phase, ...round } : command,
        );
        if (!reply) return notRunning(i, code);
        return reply.ok ? { table: i + 1, code, ok: true } : { table: i + 1, code, ok: false, error: reply.error };
      }),
    );
    logger.info({ code: record.code, command: parsed.data.type, ok: results.filter((r) => r.ok).length }, "class command");
    res.json({ results } satisfies ClassCommandReply);
  });

  // The teacher's language: ?lang= (the class console sends its own), else the browser's.
  const wordsOf = async (req: express.Request, scenario: GameRecord["scenario"] | undefined) => {
    const language = languageOf(req, true);
    return { language, words: await wordsFor(language, scenario && localizedScenario(scenario, language)) };
  };

  router.get("/classes/:code/gradebook.csv", async (req, res) => {
    const record = await keyed(req, res);
    if (!record) return;
    const games = await Promise.all(record.tables.map((c) => store.getGame(c)));
    const { language, words } = await wordsOf(req, games.find((g) => g)?.scenario);
    const rows: string[][] = [];
    for (const [i, game] of games.entries()) {
      if (!game) continue;
      const localized = inLanguage(game, language);
      // A table the rules now refuse to replay: listed all the same, with why (./class-csv.ts).
      rows.push(...(await refusedAsCsv(game.code, gradebookRows(store, localized, i + 1, words), (why) => refusedGradebookRows(store, localized, i + 1, words, words.render(why)))));
      // Then the class's students of that table who never came to it or left before the game began.
      rows.push(...(await absentRows(store, record, localized, i + 1, words)));
    }
    sendCsv(res, `chokepoint-class-${record.code}-gradebook.csv`, [gradebookHeader(words), ...rows]);
  });

  router.get("/classes/:code/comparison.csv", async (req, res) => {
    const record = await keyed(req, res);
    if (!record) return;
    const games = (await Promise.all(record.tables.map((c) => store.getGame(c)))).filter((g): g is GameRecord => !!g);
    const { language, words } = await wordsOf(req, games[0]?.scenario);
    const localized = games.map((g) => inLanguage(g, language));
    // A table the rules now refuse to replay: its row says why (./class-csv.ts), the others are compared as ever.
    const summaries = await Promise.all(localized.map(async (g) => refusedAsCsv(g.code, (async () => compareSummary(g, analysisOf(g, await store.actionLog(g.code))))(), (why) => ({ code: g.code, refused: words.render(why) }))));
    sendCsv(res, `chokepoint-class-${record.code}-comparison.csv`, comparisonRows(summaries, localized[0]?.scenario.countries ?? [], words));
  });

  return router;
}

/**
 * Table `i` of the class (from 0) as `place` reads it: the students the class placed there, and
 * in each seat the ministries free (held by nobody there, and not kept by the class for a
 * student placed in it); none once its game is over or when its room does not answer.
 */
function tableRoom(record: ClassRecord, i: number, table: ClassSeats | undefined): TableRoom {
  const placed = record.students.filter((s) => s.table === i);
  return {
    students: placed.length,
    seats: (table?.seats ?? []).map((seat) => {
      const reserved = new Set(placed.filter((s) => s.seat === seat.id).flatMap((s) => s.roles));
      return { id: seat.id, free: table!.phase !== "ended" ? ROLES.filter((r) => seat.free.includes(r) && !reserved.has(r)) : ([] as Role[]) };
    }),
  };
}

/** The student of `record` whose place token is `token` (compared in constant time). */
export function studentOf(record: ClassRecord, token: string): ClassRecord["students"][number] | undefined {
  return record.students.find((s) => sameSecret(token, s.token));
}

/** A student's id for the console and their table's room: their place's (server/rooms/seating.ts `placeId`), which does not reveal their place token. */
const studentId = (s: ClassRecord["students"][number]): string => placeId(s.token);

function seatName(game: GameRecord | undefined, seat: string): string {
  return game?.scenario.countries.find((c) => c.id === seat)?.name ?? seat;
}

function capacity(game: GameRecord | undefined, record: ClassRecord): number {
  if (!game) return 0;
  const seats = game.scenario.countries.filter((c) => c.control === "seat").length;
  return seats * record.tables.length * (game.settings.teams ? ROLES.length : 1);
}

/** A default title's day (kept as "2026-12-05", the UTC day it was made) as the reader writes days elsewhere: "Dec 5, 2026", "2026年12月5日". */
function day(iso: string, language: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso;
  return new Intl.DateTimeFormat(language, { ...DAY, timeZone: "UTC" }).format(Date.parse(iso));
}

/** A command's result at a table no process runs: the status shows it as ended (`classStatus`). */
const notRunning = (i: number, code: string): ClassCommandReply["results"][number] => ({
  table: i + 1,
  code,
  ok: false,
  error: { code: "game/not_running", message: `Table ${i + 1} (${code}) is not running.`, text: { key: "refusal.gameOver" } },
});

/** A student as their table's room knows them (GameRoom.classTable, releaseClassPlace): by their place's id, not their name nor their place token. */
const studentPlace = (s: ClassRecord["students"][number]) => ({ id: studentId(s), seat: s.seat });

/**
 * The class's students placed before `before` (epoch ms) who are not at their table and never
 * took their place there: the class console shows them as not at the table. Placed before
 * `placedAt` was kept: never lapse. A table not running keeps its students.
 */
async function lapsedStudents(call: RoomCall, record: ClassRecord, before: number): Promise<ClassRecord["students"]> {
  return (await unjoinedStudents(call, record)).filter((s) => s.placedAt !== undefined && s.placedAt < before);
}

/**
 * The class's students not at their table (the class console's "not at the table": never joined
 * it, or taken off the seat there) at a table that runs. A table not running keeps its students.
 */
async function unjoinedStudents(call: RoomCall, record: ClassRecord): Promise<ClassRecord["students"]> {
  const places = placesOf(record);
  const running = await Promise.all(record.tables.map((code, i) => call(code, "classTable", places[i]!)));
  const placed = record.tables.map(() => 0);
  return record.students.filter((s) => {
    const here = running[s.table]?.students[placed[s.table]!++];
    return !!here && here.presence === "absent";
  });
}

/** The places the class put its students in, table by table, as the tables' rooms know them. */
const placesOf = (record: ClassRecord) => record.tables.map((_, i) => record.students.filter((s) => s.table === i).map(studentPlace));

/** Each table's phase and round, and how many joined it by its code, from its room wherever it runs (undefined: not running). */
const progressOf = (call: RoomCall, record: ClassRecord) => {
  const places = placesOf(record);
  return Promise.all(record.tables.map((code, i) => call(code, "progress", places[i]!)));
};
/** `byTableCode`: the people seated at the table who hold none of the class's places there (GameRoom `byTableCode`; missing from a room of the version before). */
type Progress = ({ phase: string; round: number; byTableCode?: number } | undefined)[];

/**
 * The class as the join screen shows it, its tables where `progress` says (a table not running as
 * ended); the scenario's title in `language` (?lang=). The students counted at a table are those
 * the class placed there and those who joined it by its game code (`progress` byTableCode): the
 * gradebook lists everyone who played, and the join page and the class console count them alike.
 */
export async function classInfo(store: GameStore, record: ClassRecord, language: string, progress: Progress, place?: string): Promise<ClassInfo> {
  const stored = await store.getGame(record.tables[0]!);
  const game = stored && inLanguage(stored, language);
  // A title the class was given by default (the scenario's, then the date) reads in the reader's language too.
  const own = stored ? `${stored.scenario.title} · ` : undefined;
  const title = own && game && record.title.startsWith(own) ? `${game.scenario.title} · ${day(record.title.slice(own.length), language)}` : record.title;
  const tables = record.tables.map((code, i) => ({
    number: i + 1,
    code,
    phase: progress[i]?.phase ?? "ended",
    round: progress[i]?.round ?? 0,
    students: record.students.filter((s) => s.table === i).length + (progress[i]?.byTableCode ?? 0),
  }));
  return {
    code: record.code,
    title,
    scenario: { id: record.scenarioId, title: game?.scenario.title ?? record.scenarioId },
    teams: !!game?.settings.teams,
    assign: record.assign,
    tables,
    students: tables.reduce((sum, x) => sum + x.students, 0),
    capacity: capacity(game, record),
    ...placedBy(record, place),
  };
}

/** The student a place token names, as ClassInfo's `placed` says. */
function placedBy(record: ClassRecord, place: string | undefined): Pick<ClassInfo, "placed"> {
  const student = place ? studentOf(record, place) : undefined;
  return student ? { placed: { table: student.table + 1, name: student.name } } : {};
}


/** The teacher is watching every table of the class: bots do not end a phase early at one (GameRoom.ts `watched`). */
async function watchTables(call: RoomCall, record: ClassRecord) {
  await Promise.all(record.tables.map((code) => call(code, "seenByClassConsole")));
}

/**
 * The summaries of tables whose game is over and whose room is closed, by game code: each is
 * replayed from its log once, not at every read of the class console (every 4 s, for as long as
 * it stays open). A finished game never changes: no room opens it again (server/wake.ts) and
 * its log is not appended to. A table not running and not finished (its process crashed, and
 * another has not restored it yet) is replayed at every read, as its log may still grow.
 * The least recently read are forgotten past `limit` (about a kilobyte each).
 */
class FinishedTables {
  private summaries = new Map<string, TableSummary | RefusedTable>();
  constructor(private limit = 2000) {}

  has(code: string): boolean {
    return this.summaries.has(code);
  }

  /**
   * The table's summary from the store (undefined: no such game), or why the rules now refuse to
   * replay its game: kept as a finished table's summary is, since no room opens such a game
   * (server/wake.ts) and its log does not grow.
   */
  async read(store: GameStore, code: string): Promise<TableSummary | RefusedTable | undefined> {
    const kept = this.summaries.get(code);
    if (kept) {
      this.summaries.delete(code);
      this.summaries.set(code, kept);
      return kept;
    }
    const g = await store.getGame(code);
    if (!g) return undefined;
    const log = await store.actionLog(code);
    let summary: TableSummary | RefusedTable;
    try {
      summary = tableSummary(analysisOf(g, log).final);
    } catch (err) {
      if (!(err instanceof ReplayRefused)) throw err;
      summary = { refused: refusedGame(err, { code }).text! };
    }
    if (g.finishedAt !== null || "refused" in summary) {
      this.summaries.set(code, summary);
      if (this.summaries.size > this.limit) this.summaries.delete(this.summaries.keys().next().value!);
    }
    return summary;
  }
}

/** A table whose stored game the rules now refuse to replay: why, as a catalog text (server/said.ts `refusedGame`). */
type RefusedTable = { refused: Text };

/** Every table side by side; the scenario's cards and names in the teacher's `language` (?lang=). */
async function classStatus(store: Store, call: RoomCall, record: ClassRecord, language: string, finished: FinishedTables): Promise<ClassStatus> {
  // Each running table once, with the places of the class's students there; the others from their logs.
  const places = placesOf(record);
  const running = await Promise.all(record.tables.map((code, i) => call(code, "classTable", places[i]!)));
  const summaries = await Promise.all(record.tables.map((code, i) => running[i]?.summary ?? finished.read(store, code)));
  // Counted as the join page counts them (classInfo): those who joined a table by its code too.
  const info = await classInfo(store, record, language, running.map((table) => table && { phase: table.summary.phase, round: table.summary.round, byTableCode: table.others?.length ?? 0 }));
  const stored = await store.getGame(record.tables[0]!);
  const first = stored && inLanguage(stored, language);
  const names = new Map((first?.scenario.countries ?? []).map((c) => [c.id, c.name]));
  // Where each student is in their table's answer: places are listed in the class's order of students.
  const placed = record.tables.map(() => 0);
  const students = record.students.map((s) => running[s.table]?.students[placed[s.table]!++]);
  // People who joined a table by its game code, not through the class: the gradebook lists them, so the roster does too.
  const others = running.flatMap((table, i) => (table?.others ?? []).map((o) => ({ ...o, table: i })));
  return {
    ...info,
    rounds: first?.settings.rounds ?? first?.scenario.rounds ?? 0,
    eventSeconds: first ? phaseTimers(first.settings, first.scenario).eventSeconds : 0,
    cards: first ? scenarioCards(first.scenario) : [],
    countries: (first?.scenario.countries ?? []).map((c) => ({ id: c.id, name: c.name, ...(c.inSentence ? { inSentence: c.inSentence } : {}), bloc: c.bloc, control: c.control })),
    tablesDetail: record.tables.map((code, i) => {
      const room = running[i];
      const read = summaries[i];
      // A table the rules now refuse to replay: shown as not running, with why (no room runs it).
      const refused = read && "refused" in read ? read.refused : undefined;
      const game = read && !("refused" in read) ? read : undefined;
      const top = game?.top;
      return {
        number: i + 1,
        code,
        phase: game?.phase ?? "ended",
        round: game?.round ?? 0,
        paused: room?.paused ?? false,
        deadline: room?.deadline ?? 0,
        remainingMs: room?.remainingMs ?? 0,
        connected: room?.connected ?? 0,
        // A table on a process of the version before reports no `people`: the old guess then.
        people: room?.people ?? (room?.connected ?? 0) > 0,
        done: room?.done ?? { count: 0, total: 0 },
        outcome: game?.outcome ?? { met: 0, total: 0 },
        leader: top ? { name: names.get(top.country) ?? top.country, total: top.total } : null,
        waitingRulings: game?.waitingRulings ?? 0,
        played: game?.played ?? [],
        scheduled: game?.scheduled ?? [],
        ...(refused ? { refused } : {}),
      };
    }),
    roster: record.students.map((s, i) => {
      const here = students[i];
      // Where they sit now, with the ministries they act for there (both from the same seat).
      const seat = here?.seat ?? s.seat;
      return { id: studentId(s), name: s.name, table: s.table + 1, seat, seatName: seatName(first, seat), roles: here?.roles ?? s.roles, ...(here?.rejoinCode ? { rejoinCode: here.rejoinCode } : {}), ...(here ? { presence: here.presence } : {}), ...(s.movedFrom !== undefined ? { movedFrom: s.movedFrom + 1 } : {}) };
    }).concat(
      others.map((o) => ({ id: `t${o.table + 1}-${o.holder}`, name: o.name, table: o.table + 1, seat: o.seat, seatName: seatName(first, o.seat), roles: o.roles, ...(o.rejoinCode ? { rejoinCode: o.rejoinCode } : {}), presence: o.presence, byTableCode: true as const })),
    ),
  };
}

/**
 * What a table gives a class spreadsheet: `read`'s rows, or, when its stored game is one the
 * rules now refuse to replay (shared/engine/replay.ts `ReplayRefused`), `refused`'s, from why.
 */
async function refusedAsCsv<T, R>(code: string, read: Promise<T>, refused: (why: Text) => R | Promise<R>): Promise<T | R> {
  try {
    return await read;
  } catch (err) {
    if (!(err instanceof ReplayRefused)) throw err;
    return refused(refusedGame(err, { code }).text!);
  }
}

/** A spreadsheet to save (server/csv.ts: its byte-order mark and cells). */
function sendCsv(res: Res, filename: string, rows: string[][]) {
  res.setHeader("Content-Type", "text/csv; charset=utf-8");
  res.setHeader("Content-Disposition", `attachment; filename="${filename}"`);
  res.send(csvFile(rows));
}
