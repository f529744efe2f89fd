/**
 * A tabletop exercise's screens in a real browser: Alliance 2021 with its control-cell script
 * (assets/injects/alliance-2021.json), whose round opens with four cards at once, on the room's
 * screen (/CODE/watch at 1920×1080), an observer's laptop (1366×768) and a player's phone
 * (390×844): the event strip and the board's card open on the earliest card by date.
 * Screenshots go to test-results/e2e/.
 */
import { afterAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { shippedInjectScripts } from "../../server/scenarios.ts";
import { injectMove } from "../../shared/scenario/injects.ts";
import { join as conn, type Conn } from "../helpers/game-client.ts";
import { createGame } from "../helpers/server-process.ts";
import { person, poll, settled, shot, type RunningServer } from "./harness.ts";
import { browserPerFile } from "./browser-per-file.ts";

type Person = Awaited<ReturnType<typeof person>>;
type Card = { title: string; alpha: number; y: number };

let server: RunningServer;
let browser: Browser;
let code = "";
let fac: Conn;
let projector: Person;
let observer: Person;
let player: Person;
const script = shippedInjectScripts().get("alliance-2021")![0]!;
const roundOne = script.injects.filter((i) => i.round === 1);

describe("the projector and an observer's screen in a tabletop exercise", () => {
  browserPerFile({ botDelayMs: 600 }, async (s, b) => {
    server = s;
    browser = b;
    const created = await createGame(server, { scenarioId: "alliance-2021", settings: { rounds: 2, eventSeconds: 600, negotiationSeconds: 1800, bots: true } });
    code = created.code;
    fac = await conn.facilitator(server.url.replace(/^http/, "ws"), code, created.facilitatorKey);
    for (const inj of roundOne) expect((await fac.facilitator(injectMove(inj, 1))).ok).toBe(true);
    projector = await person(browser, { width: 1920, height: 1080 });
    observer = await person(browser, { width: 1366, height: 768 });
    player = await person(browser, { width: 390, height: 844 });
  });

  afterAll(async () => {
    await fac?.leave().catch(() => {});
  });

  it("in the lobby the projector, an observer's laptop and a player's phone join", async () => {
    await projector.page.goto(`${server.url}/${code}/watch`);
    await projector.page.locator(".join-qr").waitFor({ timeout: 30_000 });
    await shot(projector.page, "p01-projector-lobby-1920x1080");
    const o = observer.page;
    await o.goto(`${server.url}/${code}`);
    await o.locator("#name").fill("Ms Observer");
    await o.getByRole("button", { name: /watch/i }).click();
    await o.locator(".lobby, .panel").first().waitFor({ timeout: 30_000 });
    await poll(() => o.locator(".topbar .who").textContent()).toBeTruthy();
    await settled(o);
    await shot(o, "p02-observer-lobby-1366x768");
    // A player at a phone takes a seat.
    const p = player.page;
    await p.goto(`${server.url}/${code}`);
    await p.locator("#name").fill("Kenji");
    await p.locator("#seat-JP").check();
    await p.getByRole("button", { name: "Join as a player" }).click();
    await p.locator("#tab-country").waitFor({ timeout: 30_000 });
  });

  it("the round opens with the script's four cards: the strip and the board's card open on the earliest by date", async () => {
    expect((await fac.facilitator({ type: "start" })).ok).toBe(true);
    for (const page of [projector.page, observer.page, player.page]) {
      await poll(() => page.locator("#event-of").textContent()).toBe(`card 1 of ${roundOne.length}`);
      expect(await page.locator(".event-strip .event-date").textContent()).toBe(roundOne[0]!.date);
    }
    await shot(projector.page, "p03-projector-cards-1920x1080");
    await shot(observer.page, "p04-observer-cards-1366x768");
    await shot(player.page, "p05-player-cards-390x844");
    // The board's card names the same earliest card, and is opaque from its first frame on: a
    // new page (its card rises again) is looked at as soon as the card is there.
    const p = projector.page;
    await p.reload();
    const look = () => p.evaluate(() => (window as unknown as { chokepointBoard?: { eventCard(): Card | undefined } }).chokepointBoard?.eventCard());
    await poll(async () => !!(await look()), { timeout: 40_000 }).toBe(true);
    const card = (await look())!;
    await shot(p, "p03a-projector-card-rising-1920x1080");
    expect(card.title).toBe(await p.locator(".event-strip h2").textContent());
    expect(card.alpha).toBe(1);
  });

});
