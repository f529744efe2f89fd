/**
 * A school's Wi-Fi that goes for a few seconds: the phone's page comes back by itself (it joins
 * again with its seat token, client/net/connection.ts), and the chat lines said while it was away
 * show once it is back, each once. The phone reaches the server through a relay here that can
 * lose the phone's side of its connections while the server's side stays open, as a Wi-Fi gone
 * silent does (no close reaches the server): the server goes on sending into the dead socket, and
 * the public lines past the state's window leave the room state meanwhile
 * (server/rooms/view-sync.ts CHAT_WINDOW). With the SDK's own reconnection, which decodes the
 * server's full state into the state it kept, none of those lines showed. The line she typed
 * while offline is sent once, when she is back (its action id).
 */
import { createServer, connect, type Server, type Socket } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { Client } from "@colyseus/sdk";
import type { CreateGameReply } from "../../shared/protocol/messages.ts";
import { person, poll, shot, type RunningServer } from "./harness.ts";
import { browserPerFile } from "./browser-per-file.ts";

let server: RunningServer;
let browser: Browser;

/**
 * A TCP relay to the server. `silence()`: the phone's side of every connection open now is cut,
 * while the server's side stays open and what it sends there goes nowhere, and new connections
 * are refused until `restore()`.
 */
async function relay(port: number): Promise<{ url: string; silence(): void; restore(): void; close(): void }> {
  const pairs: [Socket, Socket][] = [];
  let silent = false;
  const server: Server = createServer((phone) => {
    if (silent) return phone.destroy();
    const upstream = connect(port, "127.0.0.1");
    phone.pipe(upstream);
    upstream.pipe(phone);
    phone.on("error", () => undefined);
    upstream.on("error", () => undefined);
    phone.on("close", () => upstream.destroyed || upstream.end());
    pairs.push([phone, upstream]);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const at = typeof address === "object" && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${at}`,
    silence() {
      silent = true;
      for (const [phone, upstream] of pairs.splice(0)) {
        upstream.unpipe(phone);
        phone.unpipe(upstream);
        phone.removeAllListeners("close");
        upstream.resume(); // read and drop what the server sends
        phone.destroy();
      }
    },
    restore() {
      silent = false;
    },
    close() {
      server.close();
    },
  };
}

const lines = (p: Page) => p.locator("li.message .text").allTextContents();
const say = async (p: Page, text: string) => {
  await p.locator("#chat-input").fill(text);
  await p.locator("#chat-input").press("Enter");
};

describe("a phone on a flaky school Wi-Fi", () => {
  browserPerFile({ botDelayMs: 400 }, (s, b) => {
    server = s;
    browser = b;
  });
  const relays: { close(): void }[] = [];
  afterAll(() => relays.forEach((r) => r.close()));

  it("shows the lines said while its network was away for a few seconds, and sends hers once", async () => {
    const created = (await (
      await fetch(`${server.url}/api/games`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ scenarioId: "classroom-quick", settings: { bots: true, seed: 3, eventSeconds: 5, negotiationSeconds: 3600, reviewSeconds: 600 } }) })
    ).json()) as CreateGameReply;
    const joinAs = async (p: Page, name: string, seat: string, url = server.url) => {
      await p.goto(`${url}/${created.code}`);
      await p.locator("#name").fill(name);
      await p.locator(`#seat-${seat}`).check();
      await p.getByRole("button", { name: "Join as a player" }).click();
      await poll(() => p.locator(".topbar .who").textContent()).toContain(name);
    };
    const ana = await person(browser, { width: 390, height: 844 });
    const ken = await person(browser);
    const wifi = await relay(server.port);
    relays.push(wifi);
    await joinAs(ana.page, "Ana", "US", wifi.url);
    await joinAs(ken.page, "Ken", "JP");
    // The facilitator starts the game (from a script: this test is about the players' pages).
    const fac = await new Client(`ws://127.0.0.1:${server.port}`).joinById(created.code, { as: "facilitator", key: created.facilitatorKey });
    fac.onMessage("*", () => undefined);
    expect(await fac.request("facilitator", { type: "start", actionId: "start-the-game" })).toMatchObject({ ok: true });
    for (const p of [ana.page, ken.page]) {
      await poll(() => p.locator(".topbar .phase").textContent(), { timeout: 60_000 }).toBe("Negotiation");
      await p.locator("#tab-talks").click();
    }
    await say(ken.page, "before the drop");
    await poll(() => lines(ana.page)).toContain("before the drop");

    // Ken speaks as her network goes: the server has not noticed yet, and sends his lines into her
    // dead socket; past the room state's window of public lines, the first ones leave it.
    await say(ana.page, "as the network goes");
    await poll(() => lines(ana.page)).toContain("as the network goes");
    wifi.silence();
    await poll(() => ana.page.locator(".topbar .conn").getAttribute("title")).toBe("Connection lost — reconnecting…");
    await say(ana.page, "typed while offline");
    const away = Array.from({ length: 6 }, (_, i) => `while she was away ${i + 1}`);
    for (const line of away) await say(ken.page, line);
    // The first of them has left the room state (the facilitator's raw state shows it).
    const raw = () => ((fac.state as { toJSON(): { chat?: { text: string }[] } }).toJSON().chat ?? []).map((l) => l.text);
    await poll(() => raw()).toContain(away.at(-1));
    await poll(() => raw()).not.toContain(away[0]);
    wifi.restore();
    await poll(() => ana.page.locator(".topbar .conn").getAttribute("title")).toBe("Connected");
    await poll(() => lines(ana.page)).toEqual(expect.arrayContaining(away));
    await poll(() => lines(ken.page)).toContain("typed while offline");
    await shot(ana.page, "flaky-wifi-back-390x844");
    await fac.leave(true);
    for (const p of [ana.page, ken.page]) {
      const seen = await lines(p);
      for (const line of ["before the drop", "as the network goes", ...away, "typed while offline"]) expect(seen.filter((l) => l === line), line).toHaveLength(1);
    }
  }, 180_000);
});
