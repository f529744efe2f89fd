/**
 * The debrief and archive API on the real server (a child process running `server/main.ts`),
 * with games stored through the store before it starts: who may reach reports, exports, the
 * archive, share links, forks and comparisons, and what they get.
 */
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { en } from "../../client/i18n/en.ts";
import { zhCN } from "../../client/i18n/zh-CN.ts";
import { translator } from "../../client/i18n/translator.ts";
import { hashKey } from "../../server/codes.ts";
import { FORKS_PER_GAME_PER_HOUR, REPLAYS_PER_MINUTE } from "../../server/debrief/routes.ts";
import { issueTicket, TICKET_SECONDS } from "../../server/debrief/tickets.ts";
import { SqliteStore } from "../../server/storage/sqlite-store.ts";
import { apply, replay, viewFor } from "../../shared/engine/index.ts";
import type { Text } from "../../shared/engine/text.ts";
import type { ArchiveReply, CompareReply, DebriefReport, ForkReply, ReplayReply, ShareCreated, TicketReply } from "../../shared/protocol/debrief.ts";
import type { LobbyInfo } from "../../shared/protocol/messages.ts";
import { expectCleanDecoding, join, leaveAll, type Conn } from "../helpers/game-client.ts";
import { httpRequest } from "../helpers/http-request.ts";
import type { ServerProcess } from "../helpers/server-process.ts";
import { serverPerFile } from "../helpers/server-per-file.ts";
import { eventually } from "../helpers/wait.ts";
import { scriptedGame, SETTINGS, storeGame } from "../debrief/fixtures.ts";

const KEY = "k1-facilitator-key-for-tests";
const OTHER_KEY = "k2-another-facilitators-key";
const FINISHED = "ACDEFG";
const SECOND = "ACDEFH";
const RUNNING = "ACDEFJ";
const OTHERS = "ACDEFK";
/** A finished game whose creator chose a seed and a word filter, under a key of its own. */
const SECRETIVE = "ACDEFM";
/** Long clocks so the restored game in progress stays where it is during the tests. */
const SLOW = { ...SETTINGS, eventSeconds: 600, negotiationSeconds: 3600, reviewSeconds: 1800 };

let server: ServerProcess;
const finished = scriptedGame();
const running = scriptedGame({ seed: 13, stopAfterRound: 2 });

/** What a browser asks for when it opens a link, and what an API caller asks for. */
const BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
const JSON_ONLY = "application/json";

type ErrorBody = { error: { code: string; message: string; text?: Text } };

async function call<T = unknown>(path: string, init: { method?: string; key?: string; share?: string; body?: unknown; accept?: string; language?: string } = {}): Promise<{ status: number; body: T; headers: Headers; text: string }> {
  const headers: Record<string, string> = {};
  if (init.accept) headers.accept = init.accept;
  if (init.language) headers["accept-language"] = init.language;
  if (init.key) headers["x-facilitator-key"] = init.key;
  if (init.share) headers["x-share-token"] = init.share;
  if (init.body !== undefined) headers["content-type"] = "application/json";
  const res = await fetch(`${server.url}${path}`, { method: init.method ?? "GET", headers, ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}) });
  const text = await res.text();
  let body: unknown = text;
  if ((res.headers.get("content-type") ?? "").includes("json")) body = JSON.parse(text);
  return { status: res.status, body: body as T, headers: res.headers, text };
}

function expectError(r: { status: number; body: unknown }, status: number, code: string) {
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  const body = r.body as ErrorBody;
  expect(body.error.code).toBe(code);
  expect(body.error.message.length).toBeGreaterThan(10);
}

serverPerFile((s) => (server = s), {
  seed: async (databasePath) => {
    const store = new SqliteStore(databasePath);
    await storeGame(store, FINISHED, finished, hashKey(KEY));
    await storeGame(store, SECOND, scriptedGame({ seed: 12 }), hashKey(KEY));
    await storeGame(store, RUNNING, running, hashKey(KEY), SLOW);
    await storeGame(store, OTHERS, scriptedGame({ seed: 14 }), hashKey(OTHER_KEY));
    await storeGame(store, SECRETIVE, scriptedGame({ seed: 15 }), hashKey("k3-the-secretive-facilitator"), { ...SETTINGS, seed: "creators-own-seed", wordFilter: ["pineapple"] });
    for (const code of [FINISHED, SECOND, OTHERS, SECRETIVE]) await store.finishGame(code, Date.now());
    // An observer's candid note, the facilitator's hot-wash finding, and who held a seat.
    await store.saveNote({ code: FINISHED, kind: "note", by: "observer", name: "Oscar (observer 2)", round: 1, phase: "negotiation", at: Date.now(), text: "The Dutch delegate stalled again." });
    await store.saveNote({ code: FINISHED, kind: "finding", by: "facilitator", round: 2, phase: "review", at: Date.now(), text: "A control leaks without all three holders." });
    await store.saveHolder(FINISHED, { id: "h1", seat: "NL", roles: ["diplomat"], name: "Ms Vermeer", token: "t".repeat(24) });
    await store.close();
  },
  // Info-level logs: the key check below reads every line the server writes (games created, shared, forked).
  env: { LOG_LEVEL: "info" },
});

afterEach(() => expectCleanDecoding());

const GAME_PATHS = ["report", "report.html", "log.json", "metrics.csv", "shares"];

describe("without the facilitator key or a share link", () => {
  let player: Conn | undefined;
  let observer: Conn | undefined;
  afterAll(() => leaveAll(player, observer));

  it("nobody reaches a report, an export, the share links, a fork, the archive or a comparison: 401 with a clear JSON error", async () => {
    for (const p of GAME_PATHS) expectError(await call(`/api/games/${FINISHED}/${p}`, { accept: JSON_ONLY }), 401, "auth/required");
    expectError(await call(`/api/games/${FINISHED}/share`, { method: "POST" }), 401, "auth/required");
    expectError(await call(`/api/games/${FINISHED}/fork`, { method: "POST", body: { round: 2 } }), 401, "auth/required");
    expectError(await call(`/api/games/${FINISHED}/shares/x`, { method: "DELETE" }), 401, "auth/required");
    expectError(await call("/api/archive"), 401, "auth/required");
    expectError(await call(`/api/compare?codes=${FINISHED},${SECOND}`), 401, "auth/required");
    const r = await call<ErrorBody>(`/api/games/${FINISHED}/report`);
    expect(r.body.error.message).toContain("x-facilitator-key");
  });

  it("a browser opening a report link that lets nobody in gets a page that says what to do, in its language, without HTTP's words", async () => {
    const zh = translator(zhCN, "zh-CN");
    for (const [page, words] of [
      [await call(`/api/games/${FINISHED}/report.html?lang=en`, { accept: BROWSER }), translator(en, "en")],
      [await call(`/api/games/${FINISHED}/report.html?lang=zh-CN`, { accept: BROWSER }), zh],
    ] as const) {
      expect(page.status).toBe(401);
      expect(page.headers.get("content-type")).toMatch(/^text\/html/);
      expect(page.text).toContain(words.t("http.page.linkNeeded"));
      expect(page.text).not.toMatch(/x-facilitator-key|header|\?ticket=|\?share=/i);
    }
  });

  it("a player's token or an observer's join code opens nothing (403), and a wrong key neither", async () => {
    player = await join.player(server.endpoint, RUNNING, { name: "Ana", seat: "US" });
    observer = await join.observer(server.endpoint, RUNNING);
    const token = player.welcome.token!;
    expect(token.length).toBeGreaterThan(15);
    expectError(await call(`/api/games/${RUNNING}/report`, { key: token }), 403, "auth/bad_key");
    expectError(await call(`/api/games/${RUNNING}/report.html?share=${token}`, { accept: JSON_ONLY }), 403, "auth/bad_share");
    expectError(await call("/api/archive", { key: token }), 403, "auth/bad_key");
    expectError(await call(`/api/games/${RUNNING}/metrics.csv`, { key: RUNNING }), 403, "auth/bad_key");
    // The key of someone else's games does not open these.
    expectError(await call(`/api/games/${FINISHED}/log.json`, { key: OTHER_KEY }), 403, "auth/bad_key");
    // The game in progress really is live: the observer sees it.
    expect(observer.view().round).toBe(2);
  });

  it("the replay of the public board is open to anyone with the code (what observers saw), never the facilitator's view", async () => {
    const r = await call<ReplayReply>(`/api/games/${FINISHED}/replay`);
    expect(r.status).toBe(200);
    expect(r.body.viewer).toBe("observer");
    expect(r.body.frames.map((f) => [f.kind, f.round])).toEqual([
      ["start", 0],
      ["round-end", 1],
      ["round-end", 2],
      ["round-end", 3],
      ["round-end", 4],
      ["ended", 4],
    ]);
    for (const f of r.body.frames) {
      expect(f.view.viewer).toEqual({ kind: "observer" });
      expect(f.view.history).toHaveLength(f.round);
      expect(f.view.channels.every((c) => c.kind === "plenary" || c.kind === "broadcast")).toBe(true);
      expect(f.view.deckRemaining).toBeUndefined();
    }
    expectError(await call(`/api/games/${FINISHED}/replay`, { key: "not-the-key-at-all" }), 403, "auth/bad_key");
  });
});

describe("with the facilitator key", () => {
  it("opens the report, the HTML file, the JSON log and the CSV of a finished game", async () => {
    const report = await call<DebriefReport>(`/api/games/${FINISHED}/report`, { key: KEY });
    expect(report.status).toBe(200);
    expect(report.headers.get("cache-control")).toBe("no-store");
    expect(report.body.audience).toBe("facilitator");
    expect(report.body.game).toMatchObject({ code: FINISHED, status: "finished", roundsPlayed: 4, seed: "11" });
    expect(report.body.agreements.map((a) => a.id).sort()).toEqual(finished.state.agreements.map((a) => a.id).sort());

    const html = await call(`/api/games/${FINISHED}/report.html?download=1`, { key: KEY });
    expect(html.status).toBe(200);
    expect(html.headers.get("content-type")).toContain("text/html");
    expect(html.headers.get("content-disposition")).toBe(`attachment; filename="chokepoint-${FINISHED}-report.html"`);
    expect(html.headers.get("content-security-policy")).toContain("default-src 'none'");
    // Of scripts, only the report's own, by their hashes: not any inline script.
    expect(html.headers.get("content-security-policy")).toMatch(/script-src( 'sha256-[A-Za-z0-9+/=]+'){4};/);
    expect(html.text).toContain("Port strike");

    const log = await call<{ setup: Parameters<typeof replay>[0]; actions: Parameters<typeof replay>[1] }>(`/api/games/${FINISHED}/log.json`, { key: KEY });
    expect(log.status).toBe(200);
    expect(replay(log.body.setup, log.body.actions)).toEqual(finished.state);

    const csv = await call(`/api/games/${FINISHED}/metrics.csv`, { key: KEY });
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toContain("text/csv");
    expect(csv.text.trimEnd().split("\r\n")).toHaveLength(1 + finished.setup.scenario.countries.length * 5);
  });

  it("reports a game in progress up to now, and its replay ends with the board now", async () => {
    const report = await call<DebriefReport>(`/api/games/${RUNNING}/report`, { key: KEY });
    expect(report.body.game).toMatchObject({ status: "running", round: 2, roundsPlayed: 2 });
    // Ana, who joined the game above and left it, handed the US to a bot: the log records the
    // handover after round 2's end, so the replay ends with the board now.
    const handover = apply(running.state, { actor: { kind: "system" }, move: { type: "log-seat", change: "to-bot", seat: "US", names: ["Ana"] } });
    if (!handover.ok) throw new Error("the handover was refused");
    let frames!: Awaited<ReturnType<typeof call<ReplayReply>>>;
    await eventually(async () => {
      frames = await call<ReplayReply>(`/api/games/${RUNNING}/replay`, { key: KEY });
      expect(frames.body.frames.map((f) => f.kind)).toEqual(["start", "round-end", "round-end", "now"]);
    });
    expect(frames.body.viewer).toBe("facilitator");
    expect(frames.body.frames.at(-1)!.view).toEqual(JSON.parse(JSON.stringify(viewFor(handover.state, { kind: "facilitator" }))));
    const one = await call<ReplayReply>(`/api/games/${RUNNING}/replay?round=1`, { key: KEY });
    expect(one.body.frames.map((f) => f.round)).toEqual([1]);
  });
});

describe("in the reader's language", () => {
  it("the report, the CSV, the replay, the archive and the comparison read in Chinese when asked, the same game underneath", async () => {
    const html = await call(`/api/games/${FINISHED}/report.html?lang=zh-CN`, { key: KEY });
    expect(html.text).toContain("2023 课堂快速入门");
    expect(html.text).toContain("印度尼西亚");
    expect(html.text).not.toContain("Classroom quick start 2023");
    expect(html.text).toContain("Port strike"); // the facilitator's own inject stays as written

    const csv = await call(`/api/games/${FINISHED}/metrics.csv?lang=zh-CN`, { key: KEY });
    const [header, first] = csv.text.split("\r\n");
    expect(header).toMatch(/^对局,情景,轮次,标签,国家代码,国家,扮演方式,阵营,经济繁荣,/);
    // A byte-order mark first (fetch's text() reads past it), so a spreadsheet opens the Chinese as UTF-8.
    const bytes = new Uint8Array(await (await fetch(`${server.url}/api/games/${FINISHED}/metrics.csv?lang=zh-CN`, { headers: { "x-facilitator-key": KEY } })).arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(first).toContain(",2023 课堂快速入门,0,开局,US,美国,席位,同盟阵营,");
    const english = await call(`/api/games/${FINISHED}/metrics.csv`, { key: KEY });
    expect(english.text.split("\r\n")[0]).toMatch(/^game,scenario,round,label,country,country_name,control,bloc,prosperity,/);
    // In English too: the file is UTF-8 whatever the reader's language (server/csv.ts).
    const englishBytes = new Uint8Array(await (await fetch(`${server.url}/api/games/${FINISHED}/metrics.csv`, { headers: { "x-facilitator-key": KEY } })).arrayBuffer());
    expect([...englishBytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(english.text.split("\r\n")[1]).toContain(",classroom-quick,0,start,US,United States,seat,alliance,");
    // Same numbers in both: only the words differ.
    const numbers = (text: string) => text.split("\r\n").slice(1).map((row) => row.split(",").slice(8));
    expect(numbers(csv.text)).toEqual(numbers(english.text));

    const frames = await call<ReplayReply>(`/api/games/${FINISHED}/replay?lang=zh-CN`, { key: KEY });
    const last = frames.body.frames.at(-1)!.view;
    expect(last.scenario.title).toBe("2023 课堂快速入门");
    expect(last.countries.find((c) => c.id === "CN")!.secret!.text).toMatch(/国际影响力/);

    const archive = await call<ArchiveReply>(`/api/archive?lang=zh-CN`, { key: KEY });
    expect(archive.body.games.map((g) => g.scenario.title)).toContain("2023 课堂快速入门");
    const compare = await call<CompareReply>(`/api/compare?codes=${FINISHED},${SECOND}&lang=zh-CN`, { key: KEY });
    expect(compare.body.countries.map((c) => c.name)).toContain("美国");
    // The debrief questions, as the Chinese report lists them: the teacher leads the debrief from the comparison.
    const report = await call<DebriefReport>(`/api/games/${FINISHED}/report?lang=zh-CN`, { key: KEY });
    expect(compare.body.scenario.debrief).toEqual(report.body.debrief);
    expect(compare.body.scenario.debrief[0]).toMatch(/[\u4e00-\u9fff]/);
  });
});

describe("share links", () => {
  let share: ShareCreated;

  it("are made by the facilitator and open the report and exports read-only", async () => {
    const made = await call<ShareCreated>(`/api/games/${FINISHED}/share`, { method: "POST", key: KEY });
    expect(made.status).toBe(201);
    share = made.body;
    expect(share.token.length).toBeGreaterThan(20);
    for (const link of Object.values(share.links)) {
      const r = await call(link);
      expect(r.status, link).toBe(200);
    }
    const report = await call<DebriefReport>(share.links.report);
    // The game is over: the share link gets the full debrief, secrets revealed.
    expect(report.body.audience).toBe("facilitator");
    expect(report.body.countries.every((c) => c.secret)).toBe(true);
    expect((await call(`/api/games/${FINISHED}/report`, { share: share.token })).status).toBe(200);
  });

  it("carry the hot-wash findings but neither the observers' notes nor who held each seat", async () => {
    const own = await call<DebriefReport>(`/api/games/${FINISHED}/report`, { key: KEY });
    expect(own.body.notes?.map((n) => n.text)).toEqual(["The Dutch delegate stalled again.", "A control leaks without all three holders."]);
    expect(own.body.players).toEqual([{ seat: "NL", name: "Ms Vermeer", roles: ["diplomat"] }]);
    const shared = await call<DebriefReport>(share.links.report);
    expect(shared.body.notes?.map((n) => n.text)).toEqual(["A control leaks without all three holders."]);
    expect(shared.body.players).toBeUndefined();
    const html = await call(share.links.html);
    expect(html.text).toContain("A control leaks without all three holders.");
    for (const secret of ["stalled again", "Oscar", "Vermeer"]) expect(html.text).not.toContain(secret);
  });

  it("cannot make links, fork, open the archive, or open another game", async () => {
    expectError(await call(`/api/games/${FINISHED}/share`, { method: "POST", share: share.token }), 401, "auth/required");
    expectError(await call(`/api/games/${FINISHED}/fork`, { method: "POST", share: share.token, body: { round: 1 } }), 401, "auth/required");
    expectError(await call(`/api/archive?share=${share.token}`), 401, "auth/required");
    expectError(await call(`/api/games/${SECOND}/report`, { share: share.token }), 403, "auth/bad_share");
  });

  it("of a game in progress show only the public board and no log", async () => {
    const made = await call<ShareCreated>(`/api/games/${RUNNING}/share`, { method: "POST", key: KEY });
    const report = await call<DebriefReport>(made.body.links.report);
    expect(report.body.audience).toBe("public");
    expect(report.body.countries.some((c) => c.secret)).toBe(false);
    expect(report.body.agreements.every((a) => ["signed", "in-force", "expired", "broken", "defaulted"].includes(a.status))).toBe(true);
    expectError(await call(made.body.links.log), 403, "auth/not_yet");
  });

  it("are listed and revocable", async () => {
    const list = await call<{ shares: { id: string; revokedAt: number | null }[] }>(`/api/games/${FINISHED}/shares`, { key: KEY });
    expect(list.body.shares.map((s) => s.id)).toEqual([share.id]);
    expect(JSON.stringify(list.body)).not.toContain(share.token);
    expect((await call(`/api/games/${FINISHED}/shares/${share.id}`, { method: "DELETE", key: KEY })).status).toBe(200);
    // An API caller gets the JSON; a browser opening the link, a page in its reader's language.
    expectError(await call(share.links.html, { accept: JSON_ONLY }), 403, "auth/share_revoked");
    expectError(await call(share.links.report), 403, "auth/share_revoked");
    const zh = translator(zhCN, "zh-CN");
    for (const [page, words] of [
      [await call(share.links.html, { accept: BROWSER, language: "zh-CN,zh;q=0.9" }), zh],
      [await call(`${share.links.html}&lang=zh-CN`), zh],
      [await call(share.links.html, { accept: BROWSER }), null],
    ] as const) {
      expect(page.status).toBe(403);
      expect(page.headers.get("content-type")).toMatch(/^text\/html/);
      expect(page.headers.get("content-security-policy")).toContain("script-src 'none'");
      expect(page.text).not.toMatch(/<script|"error"/);
      expect(page.text).toContain('<a href="/">');
      if (words) {
        expect(page.text).toContain('<html lang="zh-CN">');
        expect(page.text).toContain(words.t("http.shareRevoked"));
        expect(page.text).toContain(words.t("http.page.start"));
      } else expect(page.text).toContain("The facilitator has revoked this share link.");
    }
    expectError(await call(`/api/games/${FINISHED}/shares/${share.id}`, { method: "DELETE", key: KEY }), 404, "share/unknown");
    const after = await call<{ shares: { id: string; revokedAt: number | null }[] }>(`/api/games/${FINISHED}/shares`, { key: KEY });
    expect(after.body.shares[0]!.revokedAt).toBeGreaterThan(0);
  });
});

describe("the archive", () => {
  let created: string;

  it("a facilitator keeps one key for all their games: POST /api/games accepts it", async () => {
    const res = await call<{ code: string; facilitatorKey: string }>("/api/games", { method: "POST", key: KEY, body: { scenarioId: "classroom-quick" } });
    expect(res.status).toBe(201);
    expect(res.body.facilitatorKey).toBe(KEY);
    created = res.body.code;
    const fresh = await call<{ facilitatorKey: string }>("/api/games", { method: "POST", body: { scenarioId: "classroom-quick" } });
    expect(fresh.body.facilitatorKey).not.toBe(KEY);
    expectError(await call("/api/games", { method: "POST", key: "a-key-nobody-ever-had", body: { scenarioId: "classroom-quick" } }), 403, "auth/bad_key");
  });

  it("lists the games of the key, newest first, with scenario, dates, rounds and outcome", async () => {
    const r = await call<ArchiveReply>("/api/archive", { key: KEY });
    expect(r.status).toBe(200);
    const codes = r.body.games.map((g) => g.code);
    expect(codes[0]).toBe(created);
    expect([...codes].sort()).toEqual([FINISHED, SECOND, RUNNING, created].sort());
    expect(codes).not.toContain(OTHERS);
    const done = r.body.games.find((g) => g.code === FINISHED)!;
    expect(done).toMatchObject({ scenario: { id: "classroom-quick" }, status: "finished", rounds: 4, roundsPlayed: 4, actions: finished.log.length });
    expect(done.finishedAt).toBeGreaterThan(0);
    expect(done.outcome).toMatchObject({ targets: 3 });
    // Any report opens from there in a browser tab: each link carries a ticket, never the key.
    expect(done.links.html).toMatch(new RegExp(`^/api/games/${FINISHED}/report\\.html\\?ticket=\\d+\\.[\\w-]{43}$`));
    expect(JSON.stringify(r.body)).not.toContain(KEY);
    expect(done.expiresAt).toBeGreaterThan(Date.now());
    expect((await call(done.links.report)).status).toBe(200);
    expect(r.body.games.find((g) => g.code === RUNNING)).toMatchObject({ status: "running", round: 2 });
    expect(r.body.games.find((g) => g.code === created)).toMatchObject({ status: "lobby", outcome: null });
    const other = await call<ArchiveReply>("/api/archive", { key: OTHER_KEY });
    expect(other.body.games.map((g) => g.code)).toEqual([OTHERS]);
  });
});

describe("the facilitator key never rides in a URL", () => {
  /** Every path-like string in a body: the links the server hands out. */
  const urlsIn = (text: string) => [...text.matchAll(/\/api\/[^\s"'<>]+/g)].map((m) => m[0]);

  it("a key in a query is refused on every route, before anything is read, with a code that says why", async () => {
    for (const path of [`/api/games/${FINISHED}/report.html`, `/api/games/${FINISHED}/log.json`, "/api/archive", `/api/compare?codes=${FINISHED},${SECOND}&x=1`, `/api/games/${FINISHED}`]) {
      const sep = path.includes("?") ? "&" : "?";
      const r = await call<ErrorBody>(`${path}${sep}key=${encodeURIComponent(KEY)}`);
      expectError(r, 400, "auth/key_in_url");
      expect(r.body.error.message).toContain("x-facilitator-key");
      expect(r.text).not.toContain(KEY);
    }
  });

  it("the key buys a ticket; the ticket's links open the report, exports and replay in a tab, as the facilitator", async () => {
    const made = await call<TicketReply>(`/api/games/${FINISHED}/ticket`, { method: "POST", key: KEY });
    expect(made.status).toBe(201);
    expect(made.headers.get("cache-control")).toBe("no-store");
    expect(made.body.expiresAt).toBeGreaterThan(Date.now() + 5 * 60_000);
    expect(made.body.expiresAt).toBeLessThanOrEqual(Date.now() + TICKET_SECONDS * 1000 + 1000);
    for (const link of Object.values(made.body.links)) {
      expect(link).toContain(`ticket=${made.body.ticket}`);
      expect(link).not.toContain(KEY);
      expect((await call(link)).status, link).toBe(200);
    }
    const report = await call<DebriefReport>(made.body.links.report);
    expect(report.body.audience).toBe("facilitator");
    const frames = await call<ReplayReply>(made.body.links.replay);
    expect(frames.body.viewer).toBe("facilitator");
    // The HTML report's own links (its language switch) carry the ticket, not the key.
    const html = await call(`${made.body.links.html}&lang=en`);
    expect(html.headers.get("referrer-policy")).toBe("no-referrer");
    for (const url of urlsIn(html.text)) expect(url).not.toContain(KEY);
  });

  it("a ticket opens only reading, and only its own game", async () => {
    const { body } = await call<TicketReply>(`/api/games/${FINISHED}/ticket`, { method: "POST", key: KEY });
    const q = `?ticket=${body.ticket}`;
    expectError(await call(`/api/games/${FINISHED}/share${q}`, { method: "POST" }), 401, "auth/required");
    expectError(await call(`/api/games/${FINISHED}/ticket${q}`, { method: "POST" }), 401, "auth/required");
    expectError(await call(`/api/games/${FINISHED}/fork${q}`, { method: "POST", body: { round: 1 } }), 401, "auth/required");
    expectError(await call(`/api/archive${q}`), 401, "auth/required");
    // Same key, another game: the ticket names its game.
    expectError(await call(`/api/games/${SECOND}/report${q}`), 403, "auth/bad_ticket");
    expectError(await call(`/api/games/${FINISHED}/ticket`, { method: "POST" }), 401, "auth/required");
  });

  it("an expired ticket is refused with auth/ticket_expired, a forged one with auth/bad_ticket", async () => {
    const old = issueTicket(FINISHED, hashKey(KEY), Date.now() - (TICKET_SECONDS + 60) * 1000);
    const expired = await call<ErrorBody>(`/api/games/${FINISHED}/report.html?ticket=${old.ticket}`, { accept: JSON_ONLY });
    expectError(expired, 403, "auth/ticket_expired");
    expect(expired.body.error.message).toMatch(/expired/);
    const good = issueTicket(FINISHED, hashKey(KEY));
    const [expiry, sig] = good.ticket.split(".") as [string, string];
    const flipped = `${expiry}.${sig[0] === "A" ? "B" : "A"}${sig.slice(1)}`;
    expectError(await call(`/api/games/${FINISHED}/report?ticket=${flipped}`), 403, "auth/bad_ticket");
    // A later expiry with the old signature: the expiry is signed too.
    expectError(await call(`/api/games/${FINISHED}/report?ticket=${Number(expiry) + 3600}.${sig}`), 403, "auth/bad_ticket");
    // Signed with the key of another facilitator's game.
    expectError(await call(`/api/games/${FINISHED}/report?ticket=${issueTicket(FINISHED, hashKey(OTHER_KEY)).ticket}`), 403, "auth/bad_ticket");
  });

  it("no URL the server sent in this file's requests, and no line of its log, holds a key", async () => {
    const share = await call<ShareCreated>(`/api/games/${FINISHED}/share`, { method: "POST", key: KEY });
    const archive = await call<ArchiveReply>("/api/archive", { key: KEY });
    for (const url of [...urlsIn(share.text), ...urlsIn(archive.text)]) {
      expect(url).not.toContain(KEY);
      expect(url).not.toMatch(/[?&]key=/);
    }
    const log = server.output();
    expect(log.length).toBeGreaterThan(100);
    for (const key of [KEY, OTHER_KEY]) expect(log).not.toContain(key);
  });
});

describe("comparison", () => {
  it("puts two or more games of one scenario side by side", async () => {
    const r = await call<CompareReply>(`/api/compare?codes=${FINISHED},${SECOND},${RUNNING}`, { key: KEY });
    expect(r.status).toBe(200);
    expect(r.body.scenario.id).toBe("classroom-quick");
    // Its debrief questions in English, as the scenario words them.
    expect(r.body.scenario.debrief).toEqual(finished.setup.scenario.debrief);
    expect(r.body.games.map((g) => g.code)).toEqual([FINISHED, SECOND, RUNNING]);
    const a = r.body.games[0]!;
    expect(a.scores.length).toBeGreaterThan(0);
    expect(a.agreements.total).toBe(finished.state.agreements.length);
    expect(Object.values(a.agreements.byFate).reduce((x, y) => x + y, 0)).toBe(a.agreements.total);
    expect(a.agreements.byFate.broken).toBe(1);
    expect(a.series.table.tension).toHaveLength(5);
    expect(r.body.games[2]!.series.rounds).toEqual([0, 1, 2]);
  });

  it("refuses games of another key, of another scenario, or fewer than two", async () => {
    const notMine = await call(`/api/compare?codes=${FINISHED},${OTHERS}`, { key: KEY });
    expectError(notMine, 403, "auth/bad_key");
    const alliance = await call<{ code: string }>("/api/games", { method: "POST", key: KEY, body: { scenarioId: "alliance-2021" } });
    const mixed = await call(`/api/compare?codes=${FINISHED},${alliance.body.code}&lang=zh-CN`, { key: KEY });
    expectError(mixed, 400, "compare/different_scenarios");
    // Both refusals reach a Chinese reader in Chinese, the scenarios named by their Chinese titles.
    const zh = translator(zhCN, "zh-CN");
    expect(zh.render((notMine.body as ErrorBody).error.text!)).toBe(`对局 ${OTHERS} 不是用你的主持人密钥创建的，或者并不存在。`);
    const words = zh.render((mixed.body as ErrorBody).error.text!);
    expect(words).toContain(`对局 ${alliance.body.code} 的情景是“`);
    expect(words).toMatch(/^[^A-Za-z]*[A-Z0-9]{6}[^A-Za-z]*$/);
    expectError(await call(`/api/compare?codes=${FINISHED}`, { key: KEY }), 400, "input/invalid");
    // Too many codes are said to be too many, even copies of one game; one game twice is one game.
    const many = await call<ErrorBody>(`/api/compare?codes=${Array(1000).fill(FINISHED).join(",")}`, { key: KEY });
    expectError(many, 400, "input/invalid");
    expect(many.body.error.message).toBe("codes: compare at most ten games");
    expect((await call<ErrorBody>(`/api/compare?codes=${FINISHED},${FINISHED}`, { key: KEY })).body.error.message).toBe("codes: compare needs at least two different games");
  });
});

describe("what-if forks", () => {
  let facilitator: Conn | undefined;
  afterAll(() => leaveAll(facilitator));

  it("start a new game from the start of round N: its state equals the original's at round N", async () => {
    const round = 3;
    const r = await call<ForkReply>(`/api/games/${FINISHED}/fork`, { method: "POST", key: KEY, body: { round } });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({ facilitatorKey: KEY, forkedFrom: { code: FINISHED, round } });
    const code = r.body.code;
    expect(code).not.toBe(FINISHED);

    // The original at the start of round 3: its log up to the action that began the round.
    const began = finished.log.findIndex((_, i) => replay(finished.setup, finished.log, i + 1).round === round);
    const expected = replay(finished.setup, finished.log, began + 1);
    expect(expected).toMatchObject({ round, phase: "event" });

    // The new game's stored log replays to that state...
    const log = await call<{ setup: Parameters<typeof replay>[0]; actions: Parameters<typeof replay>[1] }>(`/api/games/${code}/log.json`, { key: KEY });
    expect(log.body.actions).toHaveLength(began + 1);
    expect(replay(log.body.setup, log.body.actions)).toEqual(expected);
    // ...and the live room the server opened for it holds that state.
    const info = await call<LobbyInfo>(`/api/games/${code}`);
    expect(info.body).toMatchObject({ phase: "event", round });
    facilitator = await join.facilitator(server.endpoint, code, KEY);
    const want = JSON.parse(JSON.stringify(viewFor(expected, { kind: "facilitator" })));
    // Earlier rounds are not in a join: the client fetches them as its panels read them.
    for (const part of ["deals", "events", "chat"] as const) await facilitator.fetchPast(part);
    await facilitator.fetchRecords();
    await eventually(() => {
      const view = facilitator!.view();
      for (const k of ["version", "round", "phase", "table", "countries", "agreements", "events", "history", "scores", "outcome", "matrix", "messages"] as const) expect(view[k], k).toEqual(want[k]);
    });
    // The fork is in the archive, under the same key, marked as a what-if.
    const archive = await call<ArchiveReply>("/api/archive", { key: KEY });
    expect(archive.body.games.find((g) => g.code === code)).toMatchObject({ forkedFrom: { code: FINISHED, round }, status: "running" });
  });

  it("refuses a round the game has not reached, and bad input", async () => {
    expectError(await call(`/api/games/${RUNNING}/fork`, { method: "POST", key: KEY, body: { round: 4 } }), 409, "fork/round_not_reached");
    expectError(await call(`/api/games/${RUNNING}/fork`, { method: "POST", key: KEY, body: { round: 0 } }), 400, "input/invalid");
    expectError(await call(`/api/games/${RUNNING}/fork`, { method: "POST", key: KEY, body: { round: "two" } }), 400, "input/invalid");
  });
});

describe("forking is limited", () => {
  /** From a loopback address of its own (127.0.0.N), as another machine would. */
  const from = (address: string, method: string, path: string, body?: unknown, key = KEY) =>
    httpRequest(server.port, method, path, {
      localAddress: address,
      headers: { "x-facilitator-key": key, ...(body !== undefined ? { "content-type": "application/json" } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  const refusal = (r: { status: number; body: Record<string, unknown> }) => ({ status: r.status, ...(r.body.error as { code: string; message: string }) });

  it(`per game: after ${FORKS_PER_GAME_PER_HOUR} forks of one game in an hour, the next is refused with 429 from any address; other games still fork`, async () => {
    for (let i = 0; i < FORKS_PER_GAME_PER_HOUR; i++) expect((await from("127.0.0.41", "POST", `/api/games/${SECOND}/fork`, { round: 1 })).status).toBe(201);
    for (const address of ["127.0.0.41", "127.0.0.42"])
      expect(refusal(await from(address, "POST", `/api/games/${SECOND}/fork`, { round: 1 }))).toMatchObject({
        status: 429,
        code: "rate/limited",
        message: `This game has been forked ${FORKS_PER_GAME_PER_HOUR} times in the last hour; wait before forking it again.`,
      });
    expect((await from("127.0.0.42", "POST", `/api/games/${FINISHED}/fork`, { round: 2 })).status).toBe(201);
    // A refused fork is no game created: an address that keeps pressing it may still create games.
    for (let i = 0; i < 30; i++) expect((await from("127.0.0.42", "POST", `/api/games/${SECOND}/fork`, { round: 1 })).status).toBe(429);
    expect((await from("127.0.0.42", "POST", "/api/games", { scenarioId: "classroom-quick", settings: { bots: false } })).status).toBe(201);
  });

  it("per address: a fork counts as a game created, so an address that created 30 games this minute cannot fork", async () => {
    for (let i = 0; i < 30; i++) expect((await from("127.0.0.43", "POST", "/api/games", { scenarioId: "classroom-quick", settings: { bots: false } })).status).toBe(201);
    expect(refusal(await from("127.0.0.43", "POST", `/api/games/${FINISHED}/fork`, { round: 1 }))).toMatchObject({ status: 429, code: "rate/limited", message: "Too many games created from here; wait a minute." });
    // Another address still forks the same game.
    expect((await from("127.0.0.44", "POST", `/api/games/${FINISHED}/fork`, { round: 1 })).status).toBe(201);
  });
});

describe("one game's gradebook", () => {
  const get = (address: string, path: string, key?: string) => httpRequest(server.port, "GET", path, { localAddress: address, headers: key ? { "x-facilitator-key": key } : {} });
  const errorOf = (r: { status: number; body: Record<string, unknown> }) => ({ status: r.status, code: (r.body.error as { code?: string } | undefined)?.code });

  it("answers as the other debrief routes: without a key, 401 whether or not the code is a game; with the key, the CSV", async () => {
    for (const code of [FINISHED, "QQQQQQ"]) {
      expect(errorOf(await get("127.0.0.45", `/api/games/${code}/gradebook.csv`)), code).toEqual({ status: 401, code: "auth/required" });
      expect(errorOf(await get("127.0.0.45", `/api/games/${code}/report`)), code).toEqual({ status: 401, code: "auth/required" });
    }
    const csv = await get("127.0.0.45", `/api/games/${FINISHED}/gradebook.csv?lang=en`, KEY);
    expect(csv.status).toBe(200);
    expect(String(csv.body.text)).toContain("Ms Vermeer");
  });

  it("counts wrong codes and keys with the other debrief routes: after 20, it and they answer 429", async () => {
    for (let i = 0; i < 10; i++) expect(errorOf(await get("127.0.0.46", `/api/games/QQQQ${"ACDEFGHJKM"[i]}Q/gradebook.csv`, KEY))).toEqual({ status: 404, code: "game/unknown" });
    for (let i = 0; i < 10; i++) expect(errorOf(await get("127.0.0.46", `/api/games/${FINISHED}/gradebook.csv`, OTHER_KEY))).toEqual({ status: 403, code: "auth/bad_key" });
    for (const path of ["gradebook.csv", "report", "metrics.csv"]) expect(errorOf(await get("127.0.0.46", `/api/games/${FINISHED}/${path}`, KEY)), path).toEqual({ status: 429, code: "rate/limited" });
    expect(errorOf(await get("127.0.0.46", `/api/games/QQQQQQ/gradebook.csv`))).toEqual({ status: 429, code: "rate/limited" });

    // Locked by wrong keys on another debrief route: the gradebook refuses too.
    for (let i = 0; i < 20; i++) expect((await get("127.0.0.47", `/api/games/${FINISHED}/report`, OTHER_KEY)).status).toBe(403);
    expect(errorOf(await get("127.0.0.47", `/api/games/${FINISHED}/gradebook.csv`, KEY))).toEqual({ status: 429, code: "rate/limited" });
    // Another address is not held back.
    expect((await get("127.0.0.48", `/api/games/${FINISHED}/gradebook.csv`, KEY)).status).toBe(200);
  });
});

describe("a finished game looked up by its code", () => {
  it("shows the same public settings as a live game's lobby, never the creator's seed or word filter", async () => {
    const r = await call<LobbyInfo>(`/api/games/${SECRETIVE}`);
    expect(r.status).toBe(200);
    expect(r.text).not.toContain("creators-own-seed");
    expect(r.text).not.toContain("pineapple");
    expect(r.body).toEqual({
      code: SECRETIVE,
      scenario: { id: "classroom-quick", title: expect.any(String) },
      phase: "ended",
      round: 0,
      settings: { teams: false, bots: true, facilitatorReadsPrivate: true, rounds: expect.any(Number), quickStart: false, eventSeconds: expect.any(Number) },
      seats: [],
    });
    // The fields a live game's lobby shows, no more.
    const live = await call<LobbyInfo>(`/api/games/${RUNNING}`);
    expect(Object.keys(r.body.settings).sort()).toEqual(Object.keys(live.body.settings).sort());
  });
});

describe("the replay's round", () => {
  it("is one whole number given once: a list or a repeated ?round= is refused with 400 naming it, not answered with every frame", async () => {
    expect((await call<ReplayReply>(`/api/games/${FINISHED}/replay?round=0`)).body.frames.map((f) => f.kind)).toEqual(["start"]);
    for (const query of ["round[]=1", "round=1&round=2", "round[0]=1", "round=13", "round=1.5", "round=", "round=x"]) {
      const r = await call(`/api/games/${FINISHED}/replay?${query}`);
      expectError(r, 400, "input/invalid");
      expect((r.body as ErrorBody).error.message, query).toBe("round: one round, a whole number from 0 to 12 (?round=N, given once)");
    }
  });
});

describe("the replay's cost", () => {
  it("comes gzipped to a browser that accepts it, the same frames as unzipped", async () => {
    const zipped = await fetch(`${server.url}/api/games/${FINISHED}/replay`, { headers: { "accept-encoding": "gzip" } });
    expect(zipped.status).toBe(200);
    expect(zipped.headers.get("content-encoding")).toBe("gzip");
    const plain = await httpRequest(server.port, "GET", `/api/games/${FINISHED}/replay`);
    expect(plain.status).toBe(200);
    expect(await zipped.json()).toEqual(plain.body);
  });

  it(`is limited per address: past ${REPLAYS_PER_MINUTE} a minute, 429 in plain words, while another address still opens it`, async () => {
    const from = (address: string) => httpRequest(server.port, "GET", `/api/games/${FINISHED}/replay?round=1`, { localAddress: address });
    for (let i = 0; i < REPLAYS_PER_MINUTE; i++) expect((await from("127.0.0.51")).status).toBe(200);
    const refused = await from("127.0.0.51");
    expect(refused.status).toBe(429);
    expect(refused.body.error).toMatchObject({ code: "rate/limited", message: "Too many replays opened from this network; wait a minute and open it again." });
    expect((await from("127.0.0.52")).body).toMatchObject({ code: FINISHED, viewer: "observer" });
  });
});
