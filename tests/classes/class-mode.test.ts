/**
 * Class mode on the real server: a class of three tables, 33 students placed by the join
 * screen (balanced: tables and countries fill evenly, one ministry each with teams), who then
 * join their tables with SDK clients; one broadcast and injects with effects reach every table; the exit ticket and
 * the gradebook and comparison CSVs hold what the teacher needs. The red cell lets a person
 * play Alliance 2021's scripted China.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { expectCleanDecoding, expectRefused, join, leaveAll, type Conn } from "../helpers/game-client.ts";
import type { ServerProcess } from "../helpers/server-process.ts";
import { serverPerFile } from "../helpers/server-per-file.ts";
import { eventually } from "../helpers/wait.ts";
import type { ClassCommandReply, ClassInfo, ClassJoinReply, ClassStatus, CreateClassReply, CreateClassRequest } from "../../shared/protocol/classes.ts";
import type { CreateGameReply, LobbyInfo, ScenarioSummary } from "../../shared/protocol/messages.ts";
import { place } from "../../server/classes/assign.ts";
import { getScenario } from "../../server/scenarios.ts";
import { say } from "../helpers/words.ts";

let server: ServerProcess;
const conns: Conn[] = [];

serverPerFile((s) => (server = s));
afterAll(() => leaveAll(...conns));
afterEach(() => expectCleanDecoding());

async function post<T>(path: string, body: unknown, key?: string): Promise<{ status: number; body: T }> {
  const res = await fetch(`${server.url}${path}`, { method: "POST", headers: { "content-type": "application/json", ...(key ? { "x-facilitator-key": key } : {}) }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as T };
}
async function get(path: string, key?: string) {
  return fetch(`${server.url}${path}`, key ? { headers: { "x-facilitator-key": key } } : {});
}

describe("placing students (pure)", () => {
  const seats = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `S${i}`, free: ["diplomat", "regulator", "envoy"] as ("diplomat" | "regulator" | "envoy")[] }));
  it("balanced: the emptiest table, then the emptiest seat, one ministry with teams", () => {
    const tables = [
      { students: 2, seats: seats(3) },
      { students: 1, seats: seats(3) },
    ];
    tables[1]!.seats[0]!.free = ["regulator", "envoy"];
    expect(place(tables, { mode: "balanced", teams: true, random: () => 0 })).toEqual({ table: 1, seat: "S1", roles: ["diplomat"] });
    // Without teams a seat is taken whole, and a seat with anyone in it is not free.
    expect(place(tables, { mode: "balanced", teams: false, random: () => 0 })).toEqual({ table: 1, seat: "S1", roles: ["diplomat", "regulator", "envoy"] });
  });
  it("a roster names the table; a full class has no place", () => {
    const tables = [
      { students: 0, seats: seats(2) },
      { students: 5, seats: seats(2) },
    ];
    expect(place(tables, { mode: "roster", teams: true, rosterTable: 1, random: () => 0 })?.table).toBe(1);
    const full = [{ students: 6, seats: [{ id: "A", free: [] }] }];
    expect(place(full, { mode: "balanced", teams: true, random: () => 0 })).toBeUndefined();
  });
});

describe("the red cell", () => {
  it("a game or a class of Alliance 2021 may let a person play China; a scenario without a scripted rival refuses it", async () => {
    const scenarios = (await (await get("/api/scenarios")).json()) as ScenarioSummary[];
    expect(scenarios.find((s) => s.id === "alliance-2021")?.rival).toEqual({ id: "CN", name: "China", summary: expect.stringMatching(/China is played by a person/) });
    expect(scenarios.find((s) => s.id === "multipolar-2024")?.rival).toBeUndefined();
    const game = await post<CreateGameReply>("/api/games", { scenarioId: "alliance-2021", settings: { redCell: true } });
    expect(game.status).toBe(201);
    const info = (await (await get(`/api/games/${game.body.code}`)).json()) as LobbyInfo;
    expect(info.seats.find((s) => s.id === "CN")).toMatchObject({ name: "China", bloc: "rival" });
    const china = await join.player(server.endpoint, game.body.code, { name: "Red Cell", seat: "CN" });
    expect(china.welcome.seat).toBe("CN");
    await china.leave();
    const plain = await post<CreateGameReply>("/api/games", { scenarioId: "alliance-2021" });
    expect(((await (await get(`/api/games/${plain.body.code}`)).json()) as LobbyInfo).seats.map((s) => s.id)).not.toContain("CN");
    const refused = await post<{ error: { code: string; message: string } }>("/api/classes", { scenarioId: "classroom-quick", tables: 2, settings: { redCell: true } });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(/^settings\.redCell: .* has no scripted rival/);
  });
});

describe("a class of three tables", () => {
  let created: CreateClassReply;
  const placed: ClassJoinReply[] = [];
  const request: CreateClassRequest = {
    scenarioId: "classroom-quick",
    tables: 3,
    assign: "balanced",
    roster: [{ name: "Rosa Roster", table: 3 }],
    settings: { teams: true, bots: true, rounds: 2, seed: 9, eventSeconds: 600, negotiationSeconds: 3600, reviewSeconds: 600 },
  };

  beforeAll(async () => {
    const res = await post<CreateClassReply>("/api/classes", request);
    expect(res.status).toBe(201);
    created = res.body;
  });

  it("creates the tables and answers its code with what a join screen needs", async () => {
    expect(created.tables).toHaveLength(3);
    const info = (await (await get(`/api/classes/${created.code}`)).json()) as ClassInfo;
    expect(info).toMatchObject({ code: created.code, teams: true, assign: "balanced", students: 0, capacity: 3 * 7 * 3 });
    expect(info.tables.map((t) => t.code)).toEqual(created.tables);
    // Each table knows its class and number: its players' screens and its report name it "Table N".
    for (const [i, code] of created.tables.entries()) {
      expect(((await (await get(`/api/games/${code}`)).json()) as LobbyInfo).classTable).toEqual({ code: created.code, table: i + 1 });
    }
    // Its title by default, the scenario's and the date, in the reader's language.
    const date = info.title.slice(info.scenario.title.length);
    expect(info.title.startsWith(info.scenario.title)).toBe(true);
    expect(date).toMatch(/^ · [A-Z][a-z]{2} \d{1,2}, \d{4}$/);
    const zh = (await (await get(`/api/classes/${created.code}?lang=zh-CN`)).json()) as ClassInfo;
    expect(zh.scenario.title).not.toBe(info.scenario.title);
    // The day as each reader writes days elsewhere: "Dec 5, 2026", "2026年12月5日".
    expect(zh.title.startsWith(`${zh.scenario.title} · `)).toBe(true);
    expect(zh.title.slice(zh.scenario.title.length)).toMatch(/^ · \d{4}年\d{1,2}月\d{1,2}日$/);
    expect((await get(`/api/classes/ACDEFG`)).status).toBe(404);
    expect((await post("/api/classes", { ...request, tables: 0 })).body).toMatchObject({ error: { code: "input/invalid", message: expect.stringMatching(/^tables: /) } });
  });

  it("places 33 students evenly (tables 11/11/11, countries before second ministries), by roster when named", async () => {
    for (let i = 0; i < 20; i++) {
      const r = await post<ClassJoinReply>(`/api/classes/${created.code}/join`, { name: `Student ${i + 1}` });
      expect(r.status).toBe(201);
      placed.push(r.body);
    }
    // The rest arrive at the same moment: still one place each.
    const together = await Promise.all(Array.from({ length: 12 }, (_, i) => post<ClassJoinReply>(`/api/classes/${created.code}/join`, { name: `Student ${i + 21}` })));
    placed.push(...together.map((r) => r.body));
    const places = placed.map((p) => `${p.game}:${p.seat}:${p.roles.join()}`);
    expect(new Set(places).size).toBe(places.length);
    const rosa = await post<ClassJoinReply>(`/api/classes/${created.code}/join`, { name: "rosa roster" });
    expect(rosa.body.table).toBe(3);
    placed.push(rosa.body);
    const perTable = [1, 2, 3].map((n) => placed.filter((p) => p.table === n).length);
    expect(perTable.reduce((a, b) => a + b)).toBe(33);
    expect(Math.max(...perTable) - Math.min(...perTable)).toBeLessThanOrEqual(1);
    for (const n of [1, 2, 3]) {
      const bySeat = new Map<string, number>();
      for (const p of placed.filter((x) => x.table === n)) bySeat.set(p.seat, (bySeat.get(p.seat) ?? 0) + 1);
      expect(bySeat.size).toBe(7); // every country has someone
      expect(Math.max(...bySeat.values()) - Math.min(...bySeat.values())).toBeLessThanOrEqual(1);
    }
    expect(placed.every((p) => p.roles.length === 1)).toBe(true);
    // Coming back with the token: the same place, not a second one.
    const again = await post<ClassJoinReply>(`/api/classes/${created.code}/join`, { name: "Student 1", token: placed[0]!.token });
    expect(again.body).toEqual(placed[0]);
  });

  it("students join their tables; one ministry each, and every tool of a seat is still played", async () => {
    // Each by the name the class placed them under (any case: the table keeps their place for it).
    const nameOf = (i: number) => (i === 32 ? "Rosa Roster" : `Student ${i + 1}`);
    for (const [i, p] of placed.entries()) conns.push(await join.player(server.endpoint, p.game, { name: nameOf(i), seat: p.seat, place: p.token, roles: p.roles as ("diplomat" | "regulator" | "envoy")[] }));
    expect(conns.every((c, i) => c.welcome.seat === placed[i]!.seat)).toBe(true);
    const status = (await (await get(`/api/classes/${created.code}/status`, created.facilitatorKey)).json()) as ClassStatus;
    expect(status.tablesDetail.map((t) => t.connected)).toEqual([11, 11, 11]);
    expect(status.roster).toHaveLength(33);
    expect((await get(`/api/classes/${created.code}/status`)).status).toBe(401);
    expect((await get(`/api/classes/${created.code}/status`, "wrong-key-123")).status).toBe(403);
  });

  it("one command reaches every table: start, advance, a broadcast", async () => {
    for (const command of [{ type: "start" }, { type: "advance", phase: "event" }]) {
      const r = await post<{ results: { ok: boolean }[] }>(`/api/classes/${created.code}/command`, command, created.facilitatorKey);
      expect(r.body.results.map((x) => x.ok)).toEqual([true, true, true]);
    }
    await post(`/api/classes/${created.code}/command`, { type: "broadcast", text: "Five minutes left at every table." }, created.facilitatorKey);
    for (const c of conns) await eventually(() => expect(c.view().messages.some((m) => m.channel === "broadcast" && m.text === "Five minutes left at every table.")).toBe(true));
    expect((await post(`/api/classes/${created.code}/command`, { type: "broadcast", text: "x" })).status).toBe(401);
    // A lone student (not the Regulator) still proposes an export control when nobody holds the Regulator's job.
    const i = placed.findIndex((p) => p.roles[0] !== "regulator" && placed.filter((q) => q.game === p.game && q.seat === p.seat).length === 1);
    expect(i).toBeGreaterThanOrEqual(0);
    const partner = placed.find((q) => q.game === placed[i]!.game && q.seat !== placed[i]!.seat)!.seat;
    await conns[i]!.ok({ type: "propose", draft: { terms: { type: "export-control", sector: "semis", tier: "frontier", target: "outside" }, parties: [placed[i]!.seat, partner], duration: 2 } });
  });

  it("an inject to every table carries its effects, now or scheduled, and the status shows where each card stands", async () => {
    const cmd = (body: unknown) => post<{ results: { ok: boolean }[] }>(`/api/classes/${created.code}/command`, body, created.facilitatorKey);
    const before = conns.map((c) => c.view().table.resilience);
    const now = await cmd({ type: "custom-event", title: "A cable ship runs aground", text: "Repairs wait for weeks.", effects: [{ kind: "table", metric: "resilience", amount: -4 }] });
    expect(now.body.results.map((x) => x.ok)).toEqual([true, true, true]);
    for (const [i, c] of conns.entries()) await eventually(() => expect(c.view().table.resilience).toBeCloseTo(Math.max(0, before[i]! - 4), 5));
    const status1 = (await (await get(`/api/classes/${created.code}/status`, created.facilitatorKey)).json()) as ClassStatus;
    const card = status1.cards.find((c) => !status1.tablesDetail[0]!.played.some((p) => p.id === c.id))!;
    expect(card.effects.length).toBeGreaterThan(0);
    const later = await cmd({ type: "play-event", cardId: card.id, round: 2 });
    expect(later.body.results.map((x) => x.ok)).toEqual([true, true, true]);
    const status2 = (await (await get(`/api/classes/${created.code}/status`, created.facilitatorKey)).json()) as ClassStatus;
    for (const t of status2.tablesDetail) {
      expect(t.played.some((p) => p.custom && p.title === "A cable ship runs aground")).toBe(true);
      expect(t.scheduled).toEqual([{ round: 2, card: { id: card.id, custom: false, title: card.title } }]);
    }
    expect(status2.countries.map((c) => c.id)).toContain("US");
  });

  it("observers take timestamped notes and the facilitator records findings; both are in the facilitator's report only", async () => {
    const table = created.tables[0]!;
    const observer = await join.observer(server.endpoint, table, "Analyst Ana");
    const fac = await join.facilitator(server.endpoint, table, created.facilitatorKey);
    conns.push(observer, fac);
    expect(await observer.room.request("note", { text: "Netherlands hesitated before joining the regime." })).toMatchObject({ ok: true });
    expectRefused(await observer.room.request("note", { kind: "finding", text: "x" }), "auth/facilitator_only");
    expectRefused(await observer.room.request("note", { text: "" }), "input/invalid");
    const player = conns[placed.findIndex((p) => p.game === table)]!;
    expectRefused(await player.room.request("note", { text: "me too" }), "rule/observers_only");
    expect(await fac.room.request("note", { kind: "finding", text: "Unilateral controls leaked until all three holders joined." })).toMatchObject({ ok: true });
    const report = (await (await get(`/api/games/${table}/report`, created.facilitatorKey)).json()) as { notes: { kind: string; by: string; name?: string; round: number; text: string; at: number }[] };
    expect(report.notes).toEqual([
      expect.objectContaining({ kind: "note", by: "observer", name: "Analyst Ana", round: 1, text: "Netherlands hesitated before joining the regime." }),
      expect.objectContaining({ kind: "finding", by: "facilitator", text: "Unilateral controls leaked until all three holders joined." }),
    ]);
    expect(report.notes[0]!.at).toBeGreaterThan(0);
    const html = await (await get(`/api/games/${table}/report.html`, created.facilitatorKey)).text();
    expect(html).toContain(`<section id="notes"`);
    expect(html).toContain("Unilateral controls leaked until all three holders joined.");
    const pub = (await (await get(`/api/games/${table}/report`)).json()) as { notes?: unknown };
    expect(pub.notes).toBeUndefined();
  });

  it("ends with exit tickets, a gradebook and a comparison", async () => {
    const first = conns[0]!;
    expectRefused(await first.room.request("exit-ticket", { answers: ["a", "b", "c"] }), "rule/wrong_phase");
    for (const code of created.tables) {
      const fac = await join.facilitator(server.endpoint, code, created.facilitatorKey);
      await fac.command({ type: "end-game" });
      await fac.leave();
    }
    await eventually(() => expect(first.view().phase).toBe("ended"));
    // A student arriving now is told the games are over, not that the class is full.
    await eventually(async () => expect((await post<{ error: { code: string; text: { key: string } } }>(`/api/classes/${created.code}/join`, { name: "Late Lena" })).body.error).toMatchObject({ code: "class/over", text: { key: "http.classOver" } }));
    // A command to every table once they are over: each refusal carries its text, which the class console renders in the teacher's language.
    const over = await post<{ results: { ok: boolean; error?: { text?: { key: string } } }[] }>(`/api/classes/${created.code}/command`, { type: "advance", phase: "review" }, created.facilitatorKey);
    expect(over.body.results.map((r) => [r.ok, r.error?.text?.key])).toEqual(created.tables.map(() => [false, "refusal.gameOver"]));
    expect(await first.room.request("exit-ticket", { answers: ["Gallium, and we signed a supply deal.", "The loan to Kenya", ""] })).toMatchObject({ ok: true });
    expectRefused(await first.room.request("exit-ticket", { answers: ["only one"] }), "input/invalid");
    const download = await get(`/api/classes/${created.code}/gradebook.csv`, created.facilitatorKey);
    // A byte-order mark in English too, so Excel opens the students' names and answers as UTF-8 (text() drops it: read the bytes).
    const bytes = new Uint8Array(await download.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = new TextDecoder().decode(bytes);
    const lines = csv.trim().split("\r\n");
    // Each answer under its question (quoted where it holds a comma or quotes).
    expect(lines[0]).toBe('table,game,student,seat,ministry,at the end,actions,rounds a bot played the seat,objectives met,objectives,seat score,table outcome,"Which chokepoint mattered most to your country, and what did you do about it?",Name one deal that cost your country something but helped the table. Was it worth it?,"Did the game look more like an alliance of trust or an unequal ""food chain""? Give one example."');
    expect(lines).toHaveLength(34);
    expect(lines.find((l) => l.includes("Student 1,"))).toContain("Gallium, and we signed a supply deal.");
    const comparisonBytes = new Uint8Array(await (await get(`/api/classes/${created.code}/comparison.csv`, created.facilitatorKey)).arrayBuffer());
    expect([...comparisonBytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const comparison = new TextDecoder().decode(comparisonBytes);
    expect(comparison.trim().split("\r\n")).toHaveLength(4);
    expect(comparison.split("\r\n")[0]).toMatch(/^table,game,status,rounds resolved,crisis,shared targets met,targets,table outcome,score United States,/);
    expect((await get(`/api/classes/${created.code}/gradebook.csv`)).status).toBe(401);
  });

  it("the gradebook, the comparison and the console's status read in the teacher's language (?lang=zh-CN), the same rows", async () => {
    const english = (await (await get(`/api/classes/${created.code}/gradebook.csv`, created.facilitatorKey)).text()).trim().split("\r\n");
    const zh = (await (await get(`/api/classes/${created.code}/gradebook.csv?lang=zh-CN`, created.facilitatorKey)).text()).trim().split("\r\n");
    // A byte-order mark, so a spreadsheet opens the Chinese as UTF-8 (text() drops it: read the bytes).
    const bytes = new Uint8Array(await (await get(`/api/classes/${created.code}/gradebook.csv?lang=zh-CN`, created.facilitatorKey)).arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(zh[0]).toBe("桌号,对局,学生,席位,部门,结束时,行动次数,由机器人接手的轮次,已达成目标,目标总数,席位得分,全桌结果,对你的国家来说，哪个关键节点最重要？你们采取了什么行动？,举出一项让你的国家付出代价、却对整桌有利的协议。值得吗？,这局游戏更像一个基于信任的同盟，还是一条不平等的“食物链”？请举一个例子。");
    expect(zh).toHaveLength(english.length);
    const student1 = zh.find((l) => l.includes("Student 1,"))!;
    // Their own ministry, as the table's console names it (the class placed one each), not those they act for while nobody holds them.
    expect(student1).toMatch(/,(美国|荷兰|日本|中国|韩国|台湾地区|德国)[^,]*,(外交官|监管官员|经济特使),仍在席位上,/);
    expect(student1).toMatch(/,(达成|未达成),"Gallium, and we signed a supply deal\."/);
    const comparison = (await (await get(`/api/classes/${created.code}/comparison.csv?lang=zh-CN`, created.facilitatorKey)).text()).trim().split("\r\n");
    expect(comparison[0]).toMatch(/^桌号,对局,状态,已结算轮数,危机,已达成共同目标,共同目标总数,全桌结果,得分：美国,/);
    expect(comparison[1]).toMatch(/^1,[A-Z0-9]{6},已结束,\d+,(是|否),/);
    // Without ?lang=, the browser's language decides (a CSV is a file the browser saves).
    const byHeader = await fetch(`${server.url}/api/classes/${created.code}/comparison.csv`, { headers: { "x-facilitator-key": created.facilitatorKey, "accept-language": "zh-CN,zh;q=0.9" } });
    expect((await byHeader.text()).split("\r\n")[0]).toMatch(/^桌号/);
    const status = (await (await get(`/api/classes/${created.code}/status?lang=zh-CN`, created.facilitatorKey)).json()) as ClassStatus;
    expect(status.countries.find((c) => c.id === "US")!.name).toBe("美国");
    // A card's condition names a country inside a sentence: "against the United States".
    const enStatus = (await (await get(`/api/classes/${created.code}/status`, created.facilitatorKey)).json()) as ClassStatus;
    expect(enStatus.countries.find((c) => c.id === "US")).toMatchObject({ name: "United States", inSentence: "the United States" });
    expect(status.cards.find((c) => c.id === "gallium-licensing")!.title).toMatch(/镓/);
    expect(status.roster[0]!.seatName).toMatch(/[\u4e00-\u9fff]/);
    expect(((await (await get(`/api/classes/${created.code}?lang=zh-CN`)).json()) as ClassInfo).scenario.title).toBe("2023 课堂快速入门");
  });
});

describe("a class whose tables are in different phases", () => {
  let created: CreateClassReply;
  const command = (body: unknown) => post<ClassCommandReply>(`/api/classes/${created.code}/command`, body, created.facilitatorKey);
  const phases = async () => ((await (await get(`/api/classes/${created.code}/status`, created.facilitatorKey)).json()) as ClassStatus).tablesDetail.map((t) => t.phase);

  beforeAll(async () => {
    created = (await post<CreateClassReply>("/api/classes", { scenarioId: "classroom-quick", tables: 2, settings: { bots: true, rounds: 2, seed: 4, eventSeconds: 600, negotiationSeconds: 3600, reviewSeconds: 600 } })).body;
    expect((await command({ type: "start" })).body.results.map((r) => r.ok)).toEqual([true, true]);
  });

  it("ending the event leaves a table already in negotiation as it is, and says so", async () => {
    // Table 1's students were all ready: it moved on to the negotiation while table 2 reads its card.
    const fac = await join.facilitator(server.endpoint, created.tables[0]!, created.facilitatorKey);
    await fac.command({ type: "advance", phase: "event" });
    await fac.leave();
    expect(await phases()).toEqual(["negotiation", "event"]);
    const ended = await command({ type: "advance", phase: "event" });
    expect(ended.body.results.map((r) => [r.ok, r.error?.code, r.error?.text?.key])).toEqual([
      [false, "rule/other_phase", "http.classOtherPhase"],
      [true, undefined, undefined],
    ]);
    expect(ended.body.results[0]!.error!.message).toBe("Left as it is (in the negotiation, not the event).");
    expect(await phases()).toEqual(["negotiation", "negotiation"]);
    // One that names each table's round, as the class console showed it, is refused where that round is not the one running (a question left open across a round).
    const stale = await command({ type: "advance", phase: "negotiation", rounds: { [created.tables[0]!]: 2, [created.tables[1]!]: 2 } });
    expect(stale.body.results.map((r) => [r.ok, r.error?.code])).toEqual([
      [false, "rule/phase_moved"],
      [false, "rule/phase_moved"],
    ]);
    expect(await phases()).toEqual(["negotiation", "negotiation"]);
    // An "end the phase" that does not name its phase is refused rather than guessed.
    expect((await command({ type: "advance" })).status).toBe(400);
  });

  it("adds time to the phase it names at every table in it, within the table console's bounds; time meant for a phase that has ended is refused, naming it", async () => {
    const detail = async () => ((await (await get(`/api/classes/${created.code}/status`, created.facilitatorKey)).json()) as ClassStatus).tablesDetail;
    const before = await detail();
    expect(before.map((t) => [t.phase, t.round])).toEqual([
      ["negotiation", 1],
      ["negotiation", 1],
    ]);
    // The class console names the phase, and the round each table was in when it showed it.
    const shown = (round: number) => Object.fromEntries(before.map((t) => [t.code, round]));
    expect((await command({ type: "extend", seconds: 300, phase: "negotiation", rounds: shown(1) })).body.results.map((r) => r.ok)).toEqual([true, true]);
    const after = await detail();
    // The clock is rescheduled from now: a millisecond may pass between its two readings of the time.
    for (const [i, d] of after.entries()) expect(Math.abs(d.deadline - before[i]!.deadline - 300_000)).toBeLessThan(50);
    // Time for the event reaches no table in the negotiation: each is left as it is, and says so.
    const other = await command({ type: "extend", seconds: 60, phase: "event" });
    expect(other.body.results.map((r) => [r.ok, r.error?.code])).toEqual([
      [false, "rule/other_phase"],
      [false, "rule/other_phase"],
    ]);
    // A press on "+1 min to the event" that lands after round 1's event ended is refused, naming
    // that phase, rather than given to the negotiation now running.
    const stale = await command({ type: "extend", seconds: 60, phase: "event", rounds: shown(1) });
    expect(stale.body.results.map((r) => [r.ok, r.error?.code, r.error?.text?.key])).toEqual([
      [false, "rule/phase_moved", "server.extendPhaseMoved"],
      [false, "rule/phase_moved", "server.extendPhaseMoved"],
    ]);
    expect(stale.body.results[0]!.error!.message).toBe("The event of round 1 has already ended; no time was added to the phase now running.");
    expect((await detail()).map((t) => t.deadline)).toEqual(after.map((t) => t.deadline));
    // Time that names no phase is refused rather than guessed; and the table console's bounds hold.
    expect((await command({ type: "extend", seconds: 60 })).status).toBe(400);
    expect((await command({ type: "extend", seconds: 5, phase: "negotiation" })).status).toBe(400);
    expect((await command({ type: "extend", seconds: 7200, phase: "negotiation" })).status).toBe(400);
  });
});

describe("removing one student from the class", () => {
  let created: CreateClassReply;
  const roster = async () => ((await (await get(`/api/classes/${created.code}/status`, created.facilitatorKey)).json()) as ClassStatus).roster;
  const remove = (student: string, key: string | null = created.facilitatorKey) => post<{ error?: { code: string } }>(`/api/classes/${created.code}/remove`, { student }, key ?? undefined);
  const lobby = async () => (await (await get(`/api/games/${created.tables[0]}`)).json()) as LobbyInfo;

  beforeAll(async () => {
    created = (await post<CreateClassReply>("/api/classes", { scenarioId: "classroom-quick", tables: 1, settings: { bots: true, teams: false, rounds: 2, seed: 5, eventSeconds: 600, negotiationSeconds: 3600, reviewSeconds: 600 } })).body;
  });

  it("frees the place in the class and the seat at the table (a bot takes it), by the class key only; several in a row", async () => {
    // A duplicate Chloe and fake students sent by plain HTTP fill the class.
    const chloe = (await post<ClassJoinReply>(`/api/classes/${created.code}/join`, { name: "Chloe" })).body;
    const capacity = ((await (await get(`/api/classes/${created.code}`)).json()) as ClassInfo).capacity;
    for (let i = 1; i < capacity; i++) expect((await post(`/api/classes/${created.code}/join`, { name: `Fake ${i}` })).status).toBe(201);
    expect((await post<{ error: { code: string } }>(`/api/classes/${created.code}/join`, { name: "Late Lee" })).body.error.code).toBe("class/full");
    const conn = await join.player(server.endpoint, chloe.game, { name: "Chloe", seat: chloe.seat, place: chloe.token });
    conns.push(conn);
    expect((await post<ClassCommandReply>(`/api/classes/${created.code}/command`, { type: "start" }, created.facilitatorKey)).body.results[0]!.ok).toBe(true);
    expect((await lobby()).seats.find((s) => s.id === chloe.seat)).toMatchObject({ bot: false, holders: [{ name: "Chloe" }] });

    const before = await roster();
    const id = before.find((r) => r.name === "Chloe")!.id;
    expect((await remove(id, null)).status).toBe(401);
    expect((await remove(id, "wrong-key-123")).status).toBe(403);
    expect((await remove("not an id")).status).toBe(400);
    expect((await roster()).length).toBe(capacity);

    const watcher = await join.observer(server.endpoint, chloe.game);
    conns.push(watcher);
    expect((await remove(id)).status).toBe(200);
    // Chloe's seat at the table: her holder is gone from it, told so, and a bot plays it.
    await eventually(async () => expect((await lobby()).seats.find((s) => s.id === chloe.seat)).toMatchObject({ bot: true, holders: [] }));
    await eventually(() => expect(conn.welcome.seat).toBeUndefined());
    // The table's news names who left the seat (a seat of a team keeps its other ministers).
    const country = (await lobby()).seats.find((s) => s.id === chloe.seat)!.name;
    // A sentence names it in its sentence form ("the United States").
    const inSentence = getScenario("classroom-quick")!.countries.find((c) => c.id === chloe.seat)!.inSentence ?? country;
    await eventually(() => expect(watcher.view().news.map((n) => say(n.text, getScenario("classroom-quick")))).toContain(`The facilitator took Chloe off the seat of ${inSentence}.`));
    expect((await roster()).map((r) => r.name)).not.toContain("Chloe");
    expect((await remove(id)).status).toBe(404);
    // Her place is free again: the next student gets it.
    const dana = await post<ClassJoinReply>(`/api/classes/${created.code}/join`, { name: "Dana" });
    expect(dana.status).toBe(201);
    expect(dana.body.seat).toBe(chloe.seat);

    // Two fakes removed one after the other, and two at once: each frees one place.
    const fakes = (await roster()).filter((r) => r.name.startsWith("Fake ")).slice(0, 4);
    for (const f of fakes.slice(0, 2)) expect((await remove(f.id)).status).toBe(200);
    expect((await Promise.all(fakes.slice(2).map((f) => remove(f.id)))).map((r) => r.status)).toEqual([200, 200]);
    const after = await roster();
    expect(after).toHaveLength(capacity - 4);
    for (const f of fakes) expect(after.map((r) => r.id)).not.toContain(f.id);
    expect(((await (await get(`/api/classes/${created.code}`)).json()) as ClassInfo).students).toBe(capacity - 4);
    // The class console's gradebook still lists Chloe, who played at her table: with her country, as taken off her seat.
    const gradebook = (await (await get(`/api/classes/${created.code}/gradebook.csv`, created.facilitatorKey)).text()).trim().split("\r\n");
    expect(gradebook.filter((l) => l.includes(",Chloe,"))).toEqual([expect.stringMatching(new RegExp(`^1,${chloe.game},Chloe,${country},,taken off the seat by the facilitator,0,`))]);
    // The fakes removed are gone from it; those still in the class, who never came to their table, are listed as that, with no score.
    for (const f of fakes) expect(gradebook.filter((l) => l.includes(`,${f.name},`))).toEqual([]);
    const kept = after.filter((r) => r.name.startsWith("Fake "));
    expect(gradebook.filter((l) => l.includes(",Fake ")).map((l) => l.split(",").slice(2, 12))).toEqual(kept.map((r) => [r.name, r.seatName, "", "never came to Table 1", "", "", "", "", "", ""]));
  });
});
