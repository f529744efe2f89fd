/**
 * A class one of whose tables holds a stored game the rules of this version refuse to replay
 * (played under rules that have changed since: shared/engine/replay.ts `ReplayRefused`), on the
 * real server: the class console's status shows every other table as ever and that one marked,
 * with why, in the teacher's language; the gradebook and the comparison list every other table
 * and name that one, with why in the column the table's outcome (or status) goes in; the
 * console's "Compare the tables" compares the others and names that one, with why.
 */
import { afterEach, describe, expect, it } from "vitest";
import { en } from "../../client/i18n/en.ts";
import { zhCN } from "../../client/i18n/zh-CN.ts";
import { translator } from "../../client/i18n/translator.ts";
import { hashKey } from "../../server/codes.ts";
import { SqliteStore } from "../../server/storage/sqlite-store.ts";
import { computeScores, tableOutcome } from "../../shared/engine/scoring.ts";
import type { ClassInfo, ClassStatus } from "../../shared/protocol/classes.ts";
import type { CompareReply } from "../../shared/protocol/debrief.ts";
import { expectCleanDecoding } from "../helpers/game-client.ts";
import type { ServerProcess } from "../helpers/server-process.ts";
import { serverPerFile } from "../helpers/server-per-file.ts";
import { waitFor } from "../helpers/wait.ts";
import { scriptedGame, storeGame, withSecondRegime } from "../debrief/fixtures.ts";

const KEY = "class-refused-key-0123";
const CLASS = "CKRFAD";
/** Finished, replayed as ever. */
const PLAYED = "PAAAAA";
/** Finished; its log the rules now refuse. */
const REFUSED = "RAAAAA";
/** Unfinished; its log the rules now refuse: the server does not restore it, and the class's wake is refused. */
const REFUSED_RUNNING = "RAAAAC";
/** Unfinished, restored when the server starts: a running room. */
const RUNNING = "NAAAAA";

const played = scriptedGame({ seed: 5 });
const refused = withSecondRegime(scriptedGame());
const refusedRunning = withSecondRegime(scriptedGame({ seed: 13, stopAfterRound: 2 }));
const running = scriptedGame({ seed: 7, stopAfterRound: 1 });
const LONG = { bots: false, teams: false, facilitatorReadsPrivate: true, channels: "open" as const, quickStart: false, reconnectSeconds: 120, eventSeconds: 3600, negotiationSeconds: 3600, reviewSeconds: 3600 };

let server: ServerProcess;
serverPerFile((s) => (server = s), {
  seed: async (databasePath) => {
    const store = new SqliteStore(databasePath);
    const keyHash = hashKey(KEY);
    await storeGame(store, PLAYED, played, keyHash);
    await storeGame(store, REFUSED, refused.game, keyHash);
    await store.finishGame(REFUSED, Date.now());
    await storeGame(store, REFUSED_RUNNING, refusedRunning.game, keyHash, LONG);
    await storeGame(store, RUNNING, running, keyHash, LONG);
    // A student at each table; at the refused one, with an exit ticket the teacher still gets.
    await store.saveHolder(PLAYED, { id: "ana", seat: "US", roles: ["diplomat", "regulator", "envoy"], name: "Ana", token: "t1" });
    await store.saveHolder(REFUSED, { id: "bo", seat: "JP", roles: ["diplomat", "regulator", "envoy"], name: "Bo", token: "t2" });
    await store.saveExitTicket({ code: REFUSED, holder: "bo", name: "Bo", seat: "JP", roles: [], answers: ["Trust is slow."], at: Date.now() });
    await store.saveClass({ code: CLASS, keyHash, title: "Rules changed", scenarioId: played.setup.scenario.id, tables: [PLAYED, REFUSED, REFUSED_RUNNING, RUNNING], assign: "balanced", roster: [], students: [], createdAt: 1 });
    await store.close();
  },
});
afterEach(() => expectCleanDecoding());

async function get(path: string) {
  const res = await fetch(`${server.url}${path}`, { headers: { "x-facilitator-key": KEY } });
  return { status: res.status, text: await res.text() };
}

/** RFC 4180, as server/csv.ts writes it (byte-order mark, quoted cells, CRLF). */
function parseCsv(file: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  const body = file.replace(/^\uFEFF/, "");
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") row.push(cell), (cell = "");
    else if (c === "\r" && body[i + 1] === "\n") row.push(cell), rows.push(row), (row = []), (cell = ""), i++;
    else cell += c;
  }
  return rows;
}

const english = translator(en, "en", undefined);
const chinese = translator(zhCN, "zh-CN", undefined);
const why = (g: { refusedAt: number }) => ({ en: `move ${g.refusedAt + 1} is no longer allowed`, zh: `第 ${g.refusedAt + 1} 步现在不再允许` });

describe("a class with a table the rules now refuse to replay", () => {
  it("the class console shows every other table as ever, and that one marked with why, in the teacher's language", async () => {
    // The running table's room is up (restored at start) before the console reads it.
    await waitFor(async () => (await get(`/api/games/${RUNNING}`)).status === 200, { message: "the running table restored" });
    const r = await get(`/api/classes/${CLASS}/status?lang=en`);
    expect(r.status, r.text).toBe(200);
    const status = JSON.parse(r.text) as ClassStatus;
    expect(status.tablesDetail.map((t) => t.code)).toEqual([PLAYED, REFUSED, REFUSED_RUNNING, RUNNING]);

    const [a, b, c, d] = status.tablesDetail;
    const top = computeScores(played.state)[0]!;
    const outcome = tableOutcome(played.state);
    expect(a).toMatchObject({ phase: "ended", round: played.state.round, outcome: { met: outcome.targets.filter((t) => t.met).length, total: outcome.targets.length }, leader: { total: top.total } });
    expect(a!.refused).toBeUndefined();
    expect(d).toMatchObject({ phase: running.state.phase, round: running.state.round });
    expect(d!.refused).toBeUndefined();

    for (const [table, g] of [
      [b!, refused],
      [c!, refusedRunning],
    ] as const) {
      expect(table.phase).toBe("ended");
      expect(table.refused?.key).toBe("http.rulesChanged");
      // What the console shows under the table, in each teacher's language (client/ui/class/class-page.ts).
      expect(`${english.t("class.refused")} ${english.render(table.refused!)}`).toMatch(new RegExp(`^This table cannot be opened\\. This game was played under rules that have since changed: ${why(g).en} \\(.*one regime per sector and target.*\\)`));
      expect(`${chinese.t("class.refused")} ${chinese.render(table.refused!)}`).toContain(why(g).zh);
      expect(chinese.t("class.refused")).not.toBe(english.t("class.refused"));
    }

    // The join screen's look-up reads the class too.
    const info = await get(`/api/classes/${CLASS}`);
    expect(info.status, info.text).toBe(200);
    expect((JSON.parse(info.text) as ClassInfo).tables.map((t) => t.code)).toEqual([PLAYED, REFUSED, REFUSED_RUNNING, RUNNING]);
    expect(server.exited).toBe(false);
  });

  it("the gradebook lists every other table and names the refused ones, with why, in the reader's language", async () => {
    for (const [lang, say] of [
      ["en", "en"],
      ["zh-CN", "zh"],
    ] as const) {
      const r = await get(`/api/classes/${CLASS}/gradebook.csv?lang=${lang}`);
      expect(r.status, r.text).toBe(200);
      const [header, ...rows] = parseCsv(r.text);
      const outcomeAt = header!.indexOf(lang === "en" ? "table outcome" : zhCN["gradebook.col.outcome"]);
      expect(outcomeAt).toBe(11);
      const byGame = (code: string) => rows.filter((row) => row[1] === code);
      // The table replayed as ever: its student, seat and outcome.
      const words = lang === "en" ? english : chinese;
      expect(byGame(PLAYED).map((row) => [row[0], row[2], row[outcomeAt]])).toEqual([["1", "Ana", words.t(tableOutcome(played.state).met ? "gradebook.outcome.met" : "gradebook.outcome.missed")]]);
      // The refused table: its student, with what the store knows (seat, exit ticket), and why.
      const [bo] = byGame(REFUSED);
      expect(bo!.slice(0, 3)).toEqual(["2", REFUSED, "Bo"]);
      if (lang === "en") expect(bo![3]).toBe("Japan");
      else expect(bo![3]).toMatch(/\p{Script=Han}/u);
      expect(bo![outcomeAt]).toContain(why(refused)[say]);
      expect(bo!).toContain("Trust is slow.");
      // Nobody held a seat at the other refused table: one row names it, and why.
      const named = byGame(REFUSED_RUNNING);
      expect(named).toHaveLength(1);
      expect(named[0]![0]).toBe("3");
      expect(named[0]![outcomeAt]).toContain(why(refusedRunning)[say]);
      expect(rows.every((row) => row.length === header!.length)).toBe(true);
    }
  });

  it("the comparison lists every other table and names the refused ones, with why, in the reader's language", async () => {
    for (const [lang, say] of [
      ["en", "en"],
      ["zh-CN", "zh"],
    ] as const) {
      const r = await get(`/api/classes/${CLASS}/comparison.csv?lang=${lang}`);
      expect(r.status, r.text).toBe(200);
      const [header, ...rows] = parseCsv(r.text);
      expect(rows.map((row) => [row[0], row[1]])).toEqual([
        ["1", PLAYED],
        ["2", REFUSED],
        ["3", REFUSED_RUNNING],
        ["4", RUNNING],
      ]);
      expect(rows.every((row) => row.length === header!.length)).toBe(true);
      // The others compared as ever: status, rounds resolved.
      expect(rows[0]![2]).toBe((lang === "en" ? english : chinese).label("compare.status", "finished"));
      expect(rows[0]![3]).toBe(String(played.state.history.length));
      // The refused ones: why in the status column, the rest empty.
      expect(rows[1]![2]).toContain(why(refused)[say]);
      expect(rows[2]![2]).toContain(why(refusedRunning)[say]);
      expect(rows[1]!.slice(3).every((x) => x === "")).toBe(true);
    }
  });
  it("'Compare the tables' compares the other tables and names the refused ones, with why, in the reader's language", async () => {
    // What the class console's link asks for (client/ui/class/class-page.ts compareHref): every table.
    for (const [lang, say, words] of [
      ["en", "en", english],
      ["zh-CN", "zh", chinese],
    ] as const) {
      const r = await get(`/api/compare?codes=${[PLAYED, REFUSED, REFUSED_RUNNING, RUNNING].join(",")}&lang=${lang}`);
      expect(r.status, r.text).toBe(200);
      const reply = JSON.parse(r.text) as CompareReply;
      expect(reply.games.map((g) => g.code)).toEqual([PLAYED, RUNNING]);
      expect(reply.games[0]!.roundsPlayed).toBe(played.state.history.length);
      expect(reply.refused?.map((g) => g.code)).toEqual([REFUSED, REFUSED_RUNNING]);
      // What the compare page shows above the others (client/ui/compare/compare-page.ts).
      for (const [g, fixture] of [
        [reply.refused![0]!, refused],
        [reply.refused![1]!, refusedRunning],
      ] as const) {
        const shown = words.t("compare.leftOut", { name: g.code, why: words.render(g.why) });
        expect(shown).toContain(g.code);
        expect(shown).toContain(why(fixture)[say]);
      }
    }
    // Only refused games: the refusal itself, as for one game's report.
    const only = await get(`/api/compare?codes=${REFUSED},${REFUSED_RUNNING}`);
    expect(only.status, only.text).toBe(409);
    expect((JSON.parse(only.text) as { error: { code: string } }).error.code).toBe("game/rules_changed");
    expect(server.exited).toBe(false);
  });
});
