/**
 * A school behind one address: a classmate's wrong codes lock that address for a minute
 * (server/codes.ts `codeGuesses`), and a student reloads the game page meanwhile. The browser
 * sends its seat token with every request of its game (client/net/http.ts), so the reload brings
 * the game back instead of "too many wrong codes" and the join form. Here the browser and the
 * guesser both speak from 127.0.0.1.
 */
import { describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { person, poll, shot, type RunningServer } from "./harness.ts";
import { browserPerFile } from "./browser-per-file.ts";
import { httpRequest } from "../helpers/http-request.ts";

let server: RunningServer;
let browser: Browser;

describe("reloading while the school's address is locked", () => {
  browserPerFile({ botDelayMs: 300 }, (s, b) => {
    server = s;
    browser = b;
  });

  it("the seated student gets their game back", async () => {
    const { page: p, errors } = await person(browser);
    await p.goto(server.url);
    await p.locator("#quick-name").fill("Ada");
    await p.locator("#quick-play").click();
    await poll(() => p.locator(".topbar").innerText()).toMatch(/Ada · /);
    const code = new URL(p.url()).pathname.split("/")[1]!;
    expect(code).toMatch(/^[A-Z0-9]{6}$/);

    // A classmate guesses codes from the same address until it is locked.
    const letters = "ACDEFGHJKMNPQRTUVWXY3469";
    for (let i = 0; i < 60; i++) {
      const guess = `${letters[i % 24]}${letters[Math.floor(i / 24)]}QQQQ`;
      if (guess !== code) await httpRequest(server.port, "GET", `/api/games/${guess}`);
    }
    expect((await httpRequest(server.port, "GET", `/api/games/${code}`)).status).toBe(429);

    await p.reload();
    await poll(() => p.locator(".topbar").innerText()).toMatch(/Ada · /);
    await poll(() => p.locator('[role="tab"]').count()).toBeGreaterThan(0);
    expect(await p.locator("#quick-play, #code").count()).toBe(0);
    await shot(p, "locked-school-reload");
    expect(errors).toEqual([]);
  }, 180_000);
});
