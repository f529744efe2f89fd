/**
 * A player writing on a phone (390×844) keeps their Send button in view when a notice comes:
 * the flash sits above the tab bar (client/phone.css), where the page scrolls the composer's Send
 * button when the player writes, so a flash that would cover the composer goes under the top
 * bar instead (client/ui/game-screen.ts placeFlash), and Send can still be pressed.
 */
import { afterAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { join as conn, type Conn } from "../helpers/game-client.ts";
import { createGame } from "../helpers/server-process.ts";
import { person, poll, settled, shot, type RunningServer } from "./harness.ts";
import { browserPerFile } from "./browser-per-file.ts";

let server: RunningServer;
let browser: Browser;
let fac: Conn | undefined;

type Box = { x: number; y: number; width: number; height: number };
const overlaps = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe("a notice on a phone while the player writes in Talks", () => {
  browserPerFile({ botDelayMs: 600 }, (s, b) => {
    server = s;
    browser = b;
  });

  afterAll(async () => {
    await fac?.leave().catch(() => {});
  });

  it("does not cover the chat's Send button, which still takes the tap", async () => {
    const created = await createGame(server, { scenarioId: "classroom-quick", settings: { rounds: 2, eventSeconds: 600, negotiationSeconds: 1800, bots: true } });
    fac = await conn.facilitator(server.url.replace(/^http/, "ws"), created.code, created.facilitatorKey);
    const { page: p } = await person(browser, { width: 390, height: 844 });
    await p.goto(`${server.url}/${created.code}`);
    await p.locator("#name").fill("Kenji");
    await p.locator("#seat-JP").check();
    await p.getByRole("button", { name: "Join as a player" }).click();
    await p.locator("#tab-country").waitFor({ timeout: 30_000 });
    expect((await fac.facilitator({ type: "start" })).ok).toBe(true);
    await p.locator("#tab-talks").click();
    await p.locator("#chat-input").focus();
    await p.locator("#chat-input").fill("We offer chips");
    await settled(p);
    // The notice comes while the player writes.
    expect((await fac.facilitator({ type: "broadcast", text: "Two minutes left, everyone." })).ok).toBe(true);
    await poll(() => p.locator("#flash").textContent()).toContain("Two minutes left, everyone.");
    expect(await p.locator("#flash").isVisible()).toBe(true);
    await settled(p);
    const send = (await p.locator("#chat-send").boundingBox())!;
    // Send is in view, above the tab bar, where the page scrolled it.
    expect(send.y + send.height).toBeLessThanOrEqual(844);
    await shot(p, "phone-flash-composer-390x844");
    expect(overlaps((await p.locator("#flash").boundingBox())!, send), "the flash covers Send").toBe(false);
    expect(overlaps((await p.locator("#flash").boundingBox())!, (await p.locator("#chat-input").boundingBox())!), "the flash covers the message being written").toBe(false);
    // A tap on Send reaches it (nothing lies on top of its middle), and the message goes.
    const onTop = await p.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.closest("#chat-send") !== null, { x: send.x + send.width / 2, y: send.y + send.height / 2 });
    expect(onTop).toBe(true);
    await p.locator("#chat-send").click({ trial: false });
    await poll(() => p.locator(".talks .log, .channel").first().textContent()).toContain("We offer chips");
  }, 180_000);
});
