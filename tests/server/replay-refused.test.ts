/**
 * A stored game whose log the rules now refuse (played before a rule existed: here a second
 * export-control regime on the same member, sector and target, which docs/RULES.md §4.1 forbids)
 * on the real server: its report, a look-up of its code and the reads of its past say why in the
 * reader's language (409, no stack), a join is refused with the same reason, and the server keeps
 * serving everyone else.
 */
import { afterEach, describe, expect, it } from "vitest";
import { en } from "../../client/i18n/en.ts";
import { zhCN } from "../../client/i18n/zh-CN.ts";
import { translator } from "../../client/i18n/translator.ts";
import { joinRefusal } from "../../client/net/join-refusal.ts";
import { hashKey } from "../../server/codes.ts";
import { SqliteStore } from "../../server/storage/sqlite-store.ts";
import { replay, ReplayRefused } from "../../shared/engine/replay.ts";
import type { Text } from "../../shared/engine/text.ts";
import { Conn, expectCleanDecoding } from "../helpers/game-client.ts";
import type { ServerProcess } from "../helpers/server-process.ts";
import { serverPerFile } from "../helpers/server-per-file.ts";
import { scriptedGame, storeGame, withSecondRegime } from "../debrief/fixtures.ts";

const KEY = "k1-facilitator-key-for-tests";
/** Finished: read through the report routes only. */
const FINISHED = "ACDEFG";
/** Still running: the server tries to restore it when it starts, and a join wakes it. */
const RUNNING = "ACDEFH";
const BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

const finished = withSecondRegime(scriptedGame());
const running = withSecondRegime(scriptedGame({ seed: 13, stopAfterRound: 2 }));

let server: ServerProcess;
serverPerFile((s) => (server = s), {
  seed: async (databasePath) => {
    const store = new SqliteStore(databasePath);
    await storeGame(store, FINISHED, finished.game, hashKey(KEY));
    await store.finishGame(FINISHED, Date.now());
    await storeGame(store, RUNNING, running.game, hashKey(KEY), { bots: true, teams: false, facilitatorReadsPrivate: true, channels: "open", quickStart: false, reconnectSeconds: 120, eventSeconds: 600, negotiationSeconds: 3600, reviewSeconds: 1800 });
    await store.close();
  },
});
afterEach(() => expectCleanDecoding());

async function get(path: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${server.url}${path}`, { headers: { "x-facilitator-key": KEY, ...headers } });
  const text = await res.text();
  return { status: res.status, type: res.headers.get("content-type") ?? "", text };
}

async function healthy() {
  const res = await fetch(`${server.url}/api/health`);
  expect(res.status).toBe(200);
}

describe("a stored game the rules now refuse to replay", () => {
  it("is refused by the engine with the entry, the move and the rule", () => {
    const refused = (() => {
      try {
        replay(finished.game.setup, finished.game.log);
      } catch (err) {
        return err;
      }
    })();
    expect(refused).toBeInstanceOf(ReplayRefused);
    expect(refused).toMatchObject({ index: finished.refusedAt, move: "propose", code: "rule/second_regime" });
  });

  it("its report answers why, in English and in Chinese, with 409 and no stack", async () => {
    for (const path of [`/api/games/${FINISHED}/report`, `/api/games/${RUNNING}/report`, `/api/games/${FINISHED}/metrics.csv`]) {
      const r = await get(path, { accept: "application/json" });
      expect(r.status, r.text).toBe(409);
      const body = JSON.parse(r.text) as { error: { code: string; message: string; text: Text } };
      expect(body.error.code).toBe("game/rules_changed");
      expect(body.error.text.key).toBe("http.rulesChanged");
      expect(body.error.message).toMatch(/^This game was played under rules that have since changed: move \d+ is no longer allowed \(.*one regime per sector and target.*\), so it cannot be replayed\.$/);
      expect(r.text).not.toMatch(/at .*\.ts:\d+|stack|refused on replay/);
      // What each reader's client shows: the catalog's sentence in their language, with the rule's own words.
      const english = translator(en, "en", undefined).render(body.error.text);
      expect(english).toContain(`move ${(path.includes(RUNNING) ? running : finished).refusedAt + 1} is no longer allowed`);
      const chinese = translator(zhCN, "zh-CN", undefined).render(body.error.text);
      expect(chinese).toContain("已修改的规则");
      expect(chinese).toContain("同一领域、同一对象只能加入一个管制机制");
    }
    await healthy();
  });

  it("its report page opened in a browser says why in the reader's language", async () => {
    const english = await get(`/api/games/${FINISHED}/report.html?lang=en`, { accept: BROWSER });
    expect(english.status).toBe(409);
    expect(english.type).toContain("text/html");
    expect(english.text).toContain(`move ${finished.refusedAt + 1} is no longer allowed`);
    const chinese = await get(`/api/games/${FINISHED}/report.html?lang=zh-CN`, { accept: BROWSER });
    expect(chinese.status).toBe(409);
    expect(chinese.text).toContain(`第 ${finished.refusedAt + 1} 步现在不再允许`);
    expect(chinese.text).not.toMatch(/at .*\.ts:\d+|refused on replay/);
    await healthy();
  });

  it("a look-up of its code, its console's and a player's reads of its past say why (409), in English and in Chinese", async () => {
    // The game is asleep (its restore was refused when the server started): each of these wakes it
    // first, and each is told, not only the first (a refused wake leaves it asleep).
    const cases: [string, Record<string, string>][] = [
      [`/api/games/${RUNNING}`, {}],
      [`/api/games/${RUNNING}`, { "x-facilitator-key": KEY }],
      [`/api/games/${RUNNING}`, { "x-seat-token": "no-such-token" }],
      [`/api/games/${RUNNING}/rounds/1`, { "x-facilitator-key": KEY }],
      [`/api/games/${RUNNING}/past/news`, { "x-facilitator-key": KEY }],
    ];
    for (const [path, headers] of cases) {
      const res = await fetch(`${server.url}${path}`, { headers: { accept: "application/json", ...headers } });
      const raw = await res.text();
      expect(res.status, `${path} ${raw}`).toBe(409);
      const body = JSON.parse(raw) as { error: { code: string; message: string; text: Text } };
      expect(body.error.code).toBe("game/rules_changed");
      expect(raw).not.toMatch(/at .*\.ts:\d+|stack|server\/error/);
      expect(translator(en, "en", undefined).render(body.error.text)).toContain(`move ${running.refusedAt + 1} is no longer allowed`);
      const chinese = translator(zhCN, "zh-CN", undefined).render(body.error.text);
      expect(chinese).toContain(`第 ${running.refusedAt + 1} 步现在不再允许`);
      expect(chinese).toContain("同一领域、同一对象只能加入一个管制机制");
    }
    await healthy();
    expect(server.exited).toBe(false);
  });

  it("the reason names the countries as the reader reads them, where the reader has no scenario at hand (the start page's look-up, a report asked in Chinese)", async () => {
    for (const path of [`/api/games/${RUNNING}`, `/api/games/${FINISHED}/report?lang=zh-CN`, `/api/games/${FINISHED}/report`]) {
      const r = await get(path, { accept: "application/json" });
      expect(r.status, r.text).toBe(409);
      const body = JSON.parse(r.text) as { error: { message: string; text: Text } };
      // As the start page renders it: the catalog in the reader's language, no scenario's names.
      const english = translator(en, "en", undefined).render(body.error.text);
      const chinese = translator(zhCN, "zh-CN", undefined).render(body.error.text);
      for (const said of [english, body.error.message]) {
        expect(said).toContain("the United States is already in");
        expect(said).toContain("against China");
        expect(said).not.toMatch(/\b(US|CN)\b/);
      }
      expect(chinese).toContain("美国已加入");
      expect(chinese).toContain("对中国的半导体管制");
      expect(chinese).not.toMatch(/\b(US|CN)\b/);
    }
  });

  it("a join is refused with the reason, in the reader's language, and the server stays up", async () => {
    const warn = console.warn;
    console.warn = () => {};
    let raw: string | undefined;
    try {
      const conn = await Conn.join(server.endpoint, RUNNING, { as: "observer", name: "Teacher" });
      await conn.leave();
    } catch (err) {
      raw = (err as Error).message;
    } finally {
      console.warn = warn;
    }
    expect(raw).toMatch(/^game\/rules_changed: This game was played under rules that have since changed: move \d+ is no longer allowed/);
    expect(joinRefusal(raw!).message).toBe(en["join.rulesChanged"]);
    await healthy();
    expect(server.exited).toBe(false);
  });
});
