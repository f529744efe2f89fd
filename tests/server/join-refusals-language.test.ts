/**
 * What a Chinese reader reads when the server refuses their join (real server, real SDK, the
 * web client's own reading of the refusal: client/net/join-refusal.ts): a name the game cannot
 * take, a code that is no running game, and a school's address closed for a minute after its
 * connections flooded. Each is a sentence of the catalog in their language that says what to do,
 * never the server's English.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { Conn, expectCleanDecoding, join, leaveAll } from "../helpers/game-client.ts";
import { dataFrame, RawClient } from "../helpers/raw-client.ts";
import { createGame, type ServerProcess } from "../helpers/server-process.ts";
import { serverPerFile } from "../helpers/server-per-file.ts";
import { waitFor } from "../helpers/wait.ts";
import { en } from "../../client/i18n/en.ts";
import { t, useCatalog } from "../../client/i18n/index.ts";
import { loadCatalog } from "../../client/i18n/languages.ts";
import { joinRefusal } from "../../client/net/join-refusal.ts";
import type { JoinOptions } from "../../shared/protocol/messages.ts";

let server: ServerProcess;
serverPerFile((s) => (server = s));
afterEach(() => expectCleanDecoding());

const SETTINGS = { bots: false, seed: 3, eventSeconds: 600, negotiationSeconds: 3600, reviewSeconds: 600 };
let code: string;
let ana: Conn;
const raws: RawClient[] = [];

beforeAll(async () => {
  ({ code } = await createGame(server, { scenarioId: "classroom-quick", settings: SETTINGS }));
  ana = await join.player(server.endpoint, code, { name: "Ana", seat: "US" });
  useCatalog(await loadCatalog("zh-CN"), "zh-CN");
});
afterAll(async () => {
  useCatalog(en, "en");
  await leaveAll(ana);
  await Promise.all(raws.map((r) => r.close()));
});

/** The join refused, as the SDK throws it, read as the web client reads it (from `from`, a local address). */
async function refusal(joinCode: string, options: JoinOptions, from?: string): Promise<{ code?: string; message: string }> {
  const warn = console.warn;
  console.warn = () => {};
  try {
    const conn = await Conn.join(server.endpoint, joinCode, options, from);
    await conn.leave();
  } catch (err) {
    return joinRefusal((err as Error).message, options);
  } finally {
    console.warn = warn;
  }
  throw new Error(`join ${JSON.stringify(options)} was accepted`);
}

/** Chinese, and none of the server's English words. */
function inChinese(message: string) {
  expect(message).toMatch(/[\u4e00-\u9fff]/);
  expect(message).not.toMatch(/[A-Za-z]{3,}/);
}

describe("a refused join, read in Chinese", () => {
  it("a name the game cannot take: what is wrong with it, in Chinese, and to change it", async () => {
    // A name of invisible characters only (what a paste can bring): the form lets it through, the server does not.
    const refused = await refusal(code, { as: "player", name: "\u200b\u200b" });
    expect(refused.code).toBe("input/invalid");
    inChinese(refused.message);
    expect(refused.message).toContain(t("issue.said.nameInvisible"));
    const blank = await refusal(code, { as: "observer", name: "   " });
    inChinese(blank.message);
    expect(blank.message).toContain(t("issue.said.nameRequired"));
  });

  it("a code that is no running game: say so, and to check the code", async () => {
    const refused = await refusal("QQQQQQ", { as: "observer" });
    expect(refused).toEqual({ code: "game/not_found", message: t("join.noGame") });
    inChinese(refused.message);
  });

  it("an address closed for a minute after its connections flooded: wait a minute and try again", async () => {
    const from = "127.0.0.9";
    for (let n = 0; n < 3; n++) {
      const raw = await RawClient.join(server.url, code, { as: "observer" }, from);
      raws.push(raw);
      await raw.flood(dataFrame("act", { type: "ready" }));
      await waitFor(() => raw.closed, { message: `flood ${n + 1} to be cut off` });
    }
    const refused = await refusal(code, { as: "player", name: "Bo" }, from);
    expect(refused).toEqual({ code: "rate/limited", message: t("join.rateLimited") });
    inChinese(refused.message);
  });
});
