/**
 * A student back on the class's link on the device the class placed her from (she closed the
 * tab, or scanned the QR code again): the join page says where she sits and under which name,
 * holds that name, and "Back to my table" takes her to her own seat. A classmate on the same
 * device (a school tablet passed round) who types her own name is placed as a newcomer, not sent
 * to the seat of the student before her (client/ui/class/class-forms.ts). A student who types a
 * table's own game code (read off a classmate's phone) is told it is a class's table and led to
 * the class's code, which places her (client/ui/start-page.ts). Two who pick the same free seat
 * there at once: the second is refused, and her list shows the seat as taken, not still free.
 * A student whose table's game is over is led from its end screen back to the class's join page
 * (client/ui/end-screen.ts), not only to the start page.
 */
import { describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import type { ClassCommand, ClassCommandReply, ClassStatus, CreateClassReply } from "../../shared/protocol/classes.ts";
import { person, poll, shot, type RunningServer } from "./harness.ts";
import { browserPerFile } from "./browser-per-file.ts";

let server: RunningServer;
let browser: Browser;

describe("the join pages of a class", () => {
  browserPerFile({ botDelayMs: 300 }, (s, b) => {
    server = s;
    browser = b;
  });

  it("is recognised with her name and table; another name on the same device is placed anew", async () => {
    const created = (await (
      await fetch(`${server.url}/api/classes`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ scenarioId: "classroom-quick", tables: 2, settings: { teams: false, bots: true, seed: 4, eventSeconds: 600, negotiationSeconds: 3600, reviewSeconds: 600 } }),
      })
    ).json()) as CreateClassReply;
    const roster = async () => ((await (await fetch(`${server.url}/api/classes/${created.code}/status`, { headers: { "x-facilitator-key": created.facilitatorKey } })).json()) as ClassStatus).roster;
    const { context, page: first } = await person(browser, { width: 390, height: 844 });
    await first.goto(`${server.url}/${created.code}`);
    await first.locator("#class-name").fill("Ana");
    await first.locator("#class-join").click();
    await first.waitForURL((u) => created.tables.includes(u.pathname.slice(1)), { timeout: 20_000 });
    await poll(() => first.locator(".topbar .who").textContent()).toMatch(/^Ana · /);
    const seat = await first.locator(".topbar .who").textContent();
    const table = new URL(first.url()).pathname;
    const number = created.tables.indexOf(table.slice(1)) + 1;
    await first.close();

    // The tab closed, the class link opened again on the same phone.
    const p = await context.newPage();
    await p.goto(`${server.url}/${created.code}`);
    await poll(() => p.locator("#class-join-about").textContent()).toBe(`This device already has a place in this class: Ana, at Table ${number}. Go back to it, or type your own name if you are someone else.`);
    expect(await p.locator("#class-name").inputValue()).toBe("Ana");
    expect(await p.locator("#class-join").textContent()).toBe("Back to my table");
    await shot(p, "class-back-390x844");
    await p.locator("#class-join").click();
    await p.waitForURL((u) => u.pathname === table, { timeout: 20_000 });
    await poll(() => p.locator(".topbar .who").textContent()).toBe(seat);
    expect((await roster()).map((s) => s.name)).toEqual(["Ana"]);

    // A classmate takes the same phone and types her own name: a place of her own.
    await p.goto(`${server.url}/${created.code}`);
    await p.locator("#class-name").fill("Bo");
    await p.locator("#class-join").click();
    await poll(() => p.locator(".topbar .who").textContent(), { timeout: 30_000 }).toMatch(/^Bo · /);
    const now = await roster();
    const places = ["Ana", "Bo"].map((name) => now.find((s) => s.name === name)).map((s) => s && `${s.table}:${s.seat}`);
    expect(places[1]).toBeDefined();
    expect(places[1]).not.toBe(places[0]);
  }, 180_000);

  it("a student who types a table's own code is told it belongs to a class and led to the class's join form", async () => {
    const created = (await (
      await fetch(`${server.url}/api/classes`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ scenarioId: "classroom-quick", tables: 2 }) })
    ).json()) as CreateClassReply;
    const { page: p } = await person(browser, { width: 390, height: 844 });
    await p.goto(server.url);
    await p.locator("#code").fill(created.tables[1]!);
    await p.locator("#code").press("Enter");
    await poll(() => p.locator("#start-class-table").textContent()).toBe(
      `This is Table 2 of a class. New to the class? Join it with the class code ${created.code}: the class places you at a table and keeps your seat for you. Join the class`,
    );
    await shot(p, "class-table-code-390x844");
    await p.locator("#start-class-link").click();
    await p.locator("#class-name").waitFor({ timeout: 20_000 });
    expect(new URL(p.url()).pathname).toBe(`/${created.code}`);
  }, 120_000);

  it("two students who pick the same free seat of a table: the second is refused and her list shows it taken", async () => {
    const created = (await (
      await fetch(`${server.url}/api/classes`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ scenarioId: "classroom-quick", tables: 1, settings: { teams: false } }) })
    ).json()) as CreateClassReply;
    const [kim, lee] = await Promise.all(["Kim", "Lee"].map(async (name) => {
      const { page } = await person(browser, { width: 390, height: 844 });
      await page.goto(`${server.url}/${created.tables[0]}`);
      await page.locator("#name").fill(name);
      await page.locator("#seat-ID").check();
      return page;
    }));
    await kim!.getByRole("button", { name: "Join as a player" }).click();
    await poll(() => kim!.locator(".topbar .who").textContent()).toMatch(/^Kim · /);
    await lee!.getByRole("button", { name: "Join as a player" }).click();
    await poll(() => lee!.locator(".join-form .status").textContent()).toContain("already taken");
    await poll(() => lee!.locator("label[for=seat-ID]").textContent()).toContain("held by Kim");
    expect(await lee!.locator("#seat-ID").isDisabled()).toBe(true);
    expect(await lee!.locator("#name").inputValue()).toBe("Lee");
    await shot(lee!, "class-same-seat-390x844");
  }, 120_000);

  it("a student whose table's game is over is led from the end screen back to the class's page, which still knows her", async () => {
    const created = (await (
      await fetch(`${server.url}/api/classes`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ scenarioId: "classroom-quick", tables: 1, settings: { teams: false, bots: true, seed: 4, eventSeconds: 600, negotiationSeconds: 3600, reviewSeconds: 600 } }),
      })
    ).json()) as CreateClassReply;
    const command = async (body: ClassCommand) =>
      ((await (
        await fetch(`${server.url}/api/classes/${created.code}/command`, { method: "POST", headers: { "content-type": "application/json", "x-facilitator-key": created.facilitatorKey }, body: JSON.stringify(body) })
      ).json()) as ClassCommandReply).results.map((r) => r.ok);
    const { page: p } = await person(browser, { width: 390, height: 844 });
    await p.goto(`${server.url}/${created.code}`);
    await p.locator("#class-name").fill("Ana");
    await p.locator("#class-join").click();
    await p.waitForURL((u) => u.pathname === `/${created.tables[0]}`, { timeout: 20_000 });
    await poll(() => p.locator(".topbar .who").textContent()).toMatch(/^Ana · /);
    expect(await command({ type: "start" })).toEqual([true]);
    expect(await command({ type: "end-game" })).toEqual([true]);

    // No "Play again" (a game outside the class), and not the class console's link (the teacher's).
    const back = p.locator("#end-class-page");
    await back.waitFor({ timeout: 30_000 });
    expect(await back.textContent()).toBe("Back to the class");
    expect(await p.locator("#end-again, #end-class").count()).toBe(0);
    expect(await p.locator("#end-class-hint").textContent()).toBe(
      "Hand in the exit ticket below, then follow your teacher: the debrief of the tables is on the projector. The class page keeps your place at Table 1.",
    );
    await p.locator(".exit-ticket").first().waitFor({ timeout: 20_000 });
    await shot(p, "class-student-ended-390x844");
    await back.click();
    await poll(() => p.locator("#class-join-about").textContent()).toBe("You were at Table 1 on this device: go back to your table to see how it ended and answer the exit ticket.");
    expect(new URL(p.url()).pathname).toBe(`/${created.code}`);
    expect(await p.locator("#class-join").textContent()).toBe("Back to my table");
  }, 180_000);
});
