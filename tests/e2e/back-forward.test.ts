/**
 * A player and the room's projector press the browser's Back (to a blank page) and, a while
 * later, Forward: each page rejoins and its clock reads the time the phase has left, as the
 * server keeps it. The page takes the server's clock from the Date header of the game's lobby
 * reply (client/net/http.ts); a lobby the browser kept from the first visit and replayed on
 * Forward carried that visit's Date, and the bar showed as much more time left as had passed
 * since (server/app.ts: no API answer is kept; the lobby is always asked of the server).
 */
import { afterAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { join as conn, type Conn } from "../helpers/game-client.ts";
import { createGame } from "../helpers/server-process.ts";
import { person, poll, type RunningServer } from "./harness.ts";
import { browserPerFile } from "./browser-per-file.ts";

let server: RunningServer;
let browser: Browser;
let code = "";
let fac: Conn;

/**
 * How long the pages stay on the blank page: a replayed lobby's clock would be at least this far
 * off, twice the 3 s the test allows a clock (12 s before: the time away is waiting, not checking).
 */
const AWAY_MS = 6_000;

browserPerFile({ botDelayMs: 400 }, async (s, b) => {
  server = s;
  browser = b;
  const created = await createGame(server, { scenarioId: "classroom-quick", settings: { bots: true, eventSeconds: 600, negotiationSeconds: 1800 } });
  code = created.code;
  fac = await conn.facilitator(server.url.replace(/^http/, "ws"), code, created.facilitatorKey);
});

afterAll(async () => {
  await fac?.leave().catch(() => {});
});

/** Seconds the bar's clock reads ("29:41 left in …"; the projector's, beside the phase's badge, "29:41"), or undefined while it shows no time. */
async function shownSeconds(p: Page): Promise<number | undefined> {
  const text = (await p.locator(".topbar .timer").textContent()) ?? "";
  const m = /(\d+):(\d\d)(?::(\d\d))?/.exec(text);
  if (!m) return undefined;
  return m[3] === undefined ? Number(m[1]) * 60 + Number(m[2]) : Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]);
}

/** How far (seconds) the page's clock is from the time the phase has left on the server, read at the same moment. */
async function clockError(p: Page): Promise<number | undefined> {
  const shown = await shownSeconds(p);
  const left = (fac.view().deadline - Date.now()) / 1000;
  return shown === undefined ? undefined : Math.abs(shown - left);
}

describe("the browser's Back then Forward during a timed phase", () => {
  it("a player's page and the projector rejoin with the clock the server keeps, not one off by the time away", async () => {
    const player = await person(browser);
    const projector = await person(browser);
    await player.page.goto(`${server.url}/${code}`);
    await player.page.locator("#name").fill("Ana");
    await player.page.locator("#seat-US").check();
    await player.page.getByRole("button", { name: "Join as a player" }).click();
    await poll(() => player.page.locator(".topbar").textContent(), { timeout: 30_000 }).toContain("Ana");
    await projector.page.goto(`${server.url}/${code}/watch`);
    await fac.command({ type: "start" });
    await poll(() => fac.view().deadline).toBeGreaterThan(0);
    for (const p of [player.page, projector.page]) await poll(() => clockError(p)).toBeLessThan(3);

    await Promise.all([player.page.goBack(), projector.page.goBack()]);
    expect(player.page.url()).toBe("about:blank");
    // Away from the game for a while: long enough that a clock taken from the first visit shows.
    await new Promise((resolve) => setTimeout(resolve, AWAY_MS));
    await Promise.all([player.page.goForward(), projector.page.goForward()]);
    expect(new URL(player.page.url()).pathname).toBe(`/${code}`);

    for (const p of [player.page, projector.page]) {
      // Rejoined: the bar shows the clock again, and it is the server's, within the second the bar rounds to and the reading takes.
      await poll(() => shownSeconds(p), { timeout: 30_000 }).toBeDefined();
      await poll(() => clockError(p)).toBeLessThan(3);
    }
    await player.context.close();
    await projector.context.close();
  }, 150_000);
});
