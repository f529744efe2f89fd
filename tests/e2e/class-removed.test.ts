/**
 * A student the teacher removes from the class, on their phone: the page says plainly that their
 * teacher removed them from the class and what they can do, with a way to the front page, rather
 * than a waiting room "for a seat" under a top bar that still says the game runs, and the top
 * bar's connection mark says they were removed and are not connected. The server
 * closes their connection saying why (shared/protocol/messages.ts CLOSE_REMOVED). A student the
 * teacher moves to another table is told so (CLOSE_OTHER_TABLE), and the banner's link takes
 * them to their new table in one tap (the class's page, going straight on). Reloading the old table's page by hand (after the
 * banner, or on a phone that slept through the move and still holds the old seat's token) takes
 * them on the same way, straight to their new table, rather than to a refusal or the class's page.
 * A student whose network was down while the teacher moved or removed them is told so as soon as
 * it returns (the refusal of the page's rejoin with the old seat's token), with the same banner
 * and link, rather than "reconnecting" for good.
 */
import { describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import type { ClassStatus, CreateClassReply } from "../../shared/protocol/classes.ts";
import { person, shot, type RunningServer } from "./harness.ts";
import { browserPerFile } from "./browser-per-file.ts";

let server: RunningServer;
let browser: Browser;

const poll = <T>(fn: () => T | Promise<T>, timeout = 60_000) => expect.poll(fn, { interval: 200, timeout });

/** A request to the class routes (the teacher's with her key), its JSON reply. */
const post = async (path: string, body: unknown, key?: string) =>
  (await fetch(`${server.url}${path}`, { method: "POST", headers: { "content-type": "application/json", ...(key ? { "x-facilitator-key": key } : {}) }, body: JSON.stringify(body) })).json();
const newClass = async (tables: number) =>
  (await post("/api/classes", { scenarioId: "classroom-quick", tables, settings: { teams: false, bots: true, seed: 4, eventSeconds: 600, negotiationSeconds: 3600, reviewSeconds: 600 } })) as CreateClassReply;
const statusOf = async (created: CreateClassReply) =>
  (await (await fetch(`${server.url}/api/classes/${created.code}/status`, { headers: { "x-facilitator-key": created.facilitatorKey } })).json()) as ClassStatus;
/** A student joins the class by name on a phone, and is placed at one of its tables. */
async function joinClass(created: CreateClassReply, name: string) {
  const you = await person(browser, { width: 390, height: 844 });
  await you.page.goto(`${server.url}/${created.code}`);
  await you.page.locator("#class-name").fill(name);
  await you.page.locator("#class-join").click();
  await you.page.waitForURL((u) => created.tables.includes(u.pathname.slice(1)), { timeout: 20_000 });
  await poll(() => you.page.locator(".topbar .who").textContent()).toContain(`${name} · `);
  return you;
}

describe("a student removed from the class", () => {
  browserPerFile({ botDelayMs: 300 }, (s, b) => {
    server = s;
    browser = b;
  });

  it("is told on their phone that the teacher removed them, and how to come back", async () => {
    const created = await newClass(1);
    const { page: p } = await person(browser, { width: 390, height: 844 });
    await p.goto(`${server.url}/${created.code}`);
    await p.locator("#class-name").fill("Dan");
    await p.locator("#class-join").click();
    await p.waitForURL((u) => u.pathname === `/${created.tables[0]}`, { timeout: 20_000 });
    await poll(() => p.locator(".topbar .who").textContent()).toContain("Dan · ");

    const status = await statusOf(created);
    expect(await post(`/api/classes/${created.code}/remove`, { student: status.roster[0]!.id }, created.facilitatorKey)).toEqual({ ok: true });

    await poll(() => p.locator(".banner").textContent()).toContain("Your teacher removed you from the class, so you no longer have a seat in this game.");
    expect(await p.locator(".banner").textContent()).toContain("join the class again with its class code");
    expect(await p.locator(".banner").textContent()).not.toContain("Disconnected");
    expect(await p.locator(".banner a", { hasText: "Go to the front page" }).getAttribute("href")).toBe("/");
    // The top bar under the banner no longer says the student is connected: it says they were removed.
    const conn = p.locator(".topbar .conn");
    await poll(() => conn.getAttribute("title")).toBe("Removed from the class: not connected");
    expect(await conn.textContent()).toBe("Removed from the class: not connected");
    expect(await p.locator(".topbar").textContent()).not.toMatch(/\bConnected\b/);
    // The browser no longer keeps a seat token for the game: a reload does not land in a waiting room.
    expect(await p.evaluate((c) => JSON.parse(localStorage.getItem(`chokepoint:game:${c}`) ?? "{}").player?.token, created.tables[0]!)).toBeUndefined();
  }, 180_000);

  it("moved to another table, is told on their phone, and the banner's link takes them to their new table", async () => {
    const created = await newClass(2);
    const { page: p } = await person(browser, { width: 390, height: 844 });
    await p.goto(`${server.url}/${created.code}`);
    await p.locator("#class-name").fill("Eve");
    await p.locator("#class-join").click();
    await p.waitForURL((u) => u.pathname === `/${created.tables[0]}`, { timeout: 20_000 });
    await poll(() => p.locator(".topbar .who").textContent()).toContain("Eve · ");

    const status = await statusOf(created);
    expect(await post(`/api/classes/${created.code}/move`, { student: status.roster[0]!.id, table: 2 }, created.facilitatorKey)).toMatchObject({ table: 2 });

    await poll(() => p.locator(".banner").textContent()).toContain("Your teacher moved you to Table 2, so your seat here is free.");
    await poll(() => p.locator(".topbar .conn").getAttribute("title")).toBe("Moved to Table 2: not connected");
    await shot(p, "class-moved-banner-390x844");
    const link = p.locator(".banner a", { hasText: "Go to my new table" });
    const href = await link.getAttribute("href");
    // One tap: the class's page knows her (her place token) at table 2 and goes straight on, as its "Back to my table" does.
    await link.click();
    await p.waitForURL((u) => u.pathname === `/${created.tables[1]}`, { timeout: 20_000 });
    await poll(() => p.locator(".topbar .who").textContent()).toContain("Eve · ");
    expect(await p.locator(".topbar .table-name").textContent()).toBe("Table 2");
    // Going back shows the class's page, with its button, rather than taking her on again.
    await p.goBack();
    await poll(() => p.locator("#class-join").textContent()).toBe("Back to my table");
    expect(new URL(p.url()).pathname).toBe(`/${created.code}`);
    // The same link on a device the class holds no place for opens the class's join form.
    const other = await person(browser, { width: 390, height: 844 });
    await other.page.goto(`${server.url}${href}`);
    await poll(() => other.page.locator("#class-join").textContent()).toBe("Join my table");
    expect(new URL(other.page.url()).pathname).toBe(`/${created.code}`);
  }, 180_000);

  it("moved or removed while their phone was offline, is told when the network returns, and one tap takes the moved one to his new table", async () => {
    const created = await newClass(2);
    const join = (name: string) => joinClass(created, name);
    const hal = await join("Hal");
    const ivy = await join("Ivy");
    // Hal is moved to the table he is not at.
    const next = created.tables.indexOf(new URL(hal.page.url()).pathname.slice(1)) === 0 ? 2 : 1;
    // Both phones lose the network, and stay off until the page has tried to join again with its
    // seat token (the matchmaker's request, failing offline).
    const gaveUp = [hal, ivy].map((s) => s.page.waitForEvent("requestfailed", { predicate: (r) => r.url().includes("/matchmake/"), timeout: 60_000 }));
    for (const s of [hal, ivy]) {
      await s.context.setOffline(true);
      await poll(() => s.page.locator(".topbar .conn").getAttribute("title")).toBe("Connection lost — reconnecting…");
    }
    const status = await statusOf(created);
    const id = (name: string) => status.roster.find((r) => r.name === name)!.id;
    expect(await post(`/api/classes/${created.code}/move`, { student: id("Hal"), table: next }, created.facilitatorKey)).toMatchObject({ table: next });
    expect(await post(`/api/classes/${created.code}/remove`, { student: id("Ivy") }, created.facilitatorKey)).toEqual({ ok: true });
    await Promise.all(gaveUp);
    for (const s of [hal, ivy]) await s.context.setOffline(false);

    await poll(() => ivy.page.locator(".banner").textContent()).toContain("Your teacher removed you from the class, so you no longer have a seat in this game.");
    expect(await ivy.page.locator(".topbar .conn").getAttribute("title")).toBe("Removed from the class: not connected");
    expect(await ivy.page.locator(".banner a", { hasText: "Go to the front page" }).getAttribute("href")).toBe("/");
    await poll(() => hal.page.locator(".banner").textContent()).toContain(`Your teacher moved you to Table ${next}, so your seat here is free.`);
    expect(await hal.page.locator(".topbar .conn").getAttribute("title")).toBe(`Moved to Table ${next}: not connected`);
    await shot(hal.page, "class-moved-offline-banner-390x844");
    await hal.page.locator(".banner a", { hasText: "Go to my new table" }).click();
    await hal.page.waitForURL((u) => u.pathname === `/${created.tables[next - 1]}`, { timeout: 20_000 });
    await poll(() => hal.page.locator(".topbar .who").textContent()).toContain("Hal · ");
    expect(await hal.page.locator(".topbar .table-name").textContent()).toBe(`Table ${next}`);
  }, 180_000);

  it("moved to another table, reloading the old table's page by hand goes straight on to her new table", async () => {
    const created = await newClass(2);
    // Each is placed at a table of the class; the teacher moves each to the other one.
    const join = async (name: string) => {
      const you = await joinClass(created, name);
      const old = new URL(you.page.url()).pathname.slice(1);
      return { ...you, name, old, next: created.tables.indexOf(old) === 0 ? 2 : 1 };
    };
    const fay = await join("Fay");
    const gus = await join("Gus");
    // Fay's phone sleeps through the move: her page is gone, her browser still holds the old seat's token.
    await fay.page.close();
    const status = await statusOf(created);
    for (const s of [fay, gus]) expect(await post(`/api/classes/${created.code}/move`, { student: status.roster.find((r) => r.name === s.name)!.id, table: s.next }, created.facilitatorKey)).toMatchObject({ table: s.next });

    // Gus saw the banner, and reloads the old table's page anyway.
    await poll(() => gus.page.locator(".banner").textContent()).toContain(`Your teacher moved you to Table ${gus.next},`);
    await gus.page.reload();
    // Fay wakes her phone and opens the old table's page.
    const fayPage = await fay.context.newPage();
    await fayPage.goto(`${server.url}/${fay.old}`);
    // That one navigation reaches the new table's game screen, with no button to tap on the class's page.
    for (const [s, p] of [[gus, gus.page], [fay, fayPage]] as const) {
      await p.waitForURL((u) => u.pathname === `/${created.tables[s.next - 1]}`, { timeout: 20_000 });
      await poll(() => p.locator(".topbar .who").textContent()).toContain(`${s.name} · `);
      expect(await p.locator(".topbar .table-name").textContent()).toBe(`Table ${s.next}`);
      // The back button does not lead back into the old table's page, which would send her on again:
      // it shows the class's page, with its button, rather than taking her on again.
      await p.goBack();
      await poll(() => p.locator("#class-join").textContent()).toBe("Back to my table");
      expect(new URL(p.url()).pathname).toBe(`/${created.code}`);
      expect(await p.locator("#class-join-about").textContent()).toContain(`${s.name}, at Table ${s.next}`);
    }
  }, 180_000);
});
