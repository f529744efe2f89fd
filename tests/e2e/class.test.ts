/**
 * A class in a real browser: a teacher creates a class of three tables (teams on), the join
 * screen goes on the projector, three students join from browsers and thirty from protocol
 * clients, the class console starts every table and plays two rounds, one broadcast reaches
 * every table, a message is removed and a student muted, and the teacher downloads the
 * comparison and the gradebook. axe-core scans the join screen, the projector and the class
 * console; the projector's body text is at least 24 px at 1920×1080, and its map's names 24 px tall.
 */
import { readFileSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { afterAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { join as conn, type Conn } from "../helpers/game-client.ts";
import { eventually, waitFor } from "../helpers/wait.ts";
import type { ClassJoinReply, ClassStatus } from "../../shared/protocol/classes.ts";
import { confirmYes, person, poll, shot, type RunningServer } from "./harness.ts";
import { browserPerFile } from "./browser-per-file.ts";
import { lanAddresses } from "../../server/lan.ts";

let server: RunningServer;
let browser: Browser;
let teacher: Awaited<ReturnType<typeof person>>;
let projector: Awaited<ReturnType<typeof person>>;
const students: Awaited<ReturnType<typeof person>>[] = [];
const sdk: Conn[] = [];
let classCode = "";
let key = "";
let tables: string[] = [];

/** Serious and critical axe violations, each named with the elements it found. */
async function axe(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page: page as never }).analyze();
  return result.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(" | ")}`);
}

/** The smallest font size (px) of visible text in the projector's side column and top bar. */
async function smallestText(page: Page): Promise<{ px: number; text: string }> {
  return page.evaluate(() => {
    let min = { px: 999, text: "" };
    const walker = document.createTreeWalker(document.querySelector("#main .side") ?? document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || !n.textContent?.trim()) continue;
      const r = el.getBoundingClientRect();
      const style = getComputedStyle(el);
      if (!r.width || !r.height || style.visibility === "hidden" || el.closest(".sr-only, [hidden], details:not([open]) > :not(summary)")) continue;
      const px = parseFloat(style.fontSize);
      if (px < min.px) min = { px, text: n.textContent.trim().slice(0, 40) };
    }
    return min;
  });
}

/** The class's status asks the server about every table: asked every 250 ms, not eventually()'s 25, while the tables' waits run on the same cores. */
const STATUS_POLL = 250;

async function status(): Promise<ClassStatus> {
  const res = await fetch(`${server.url}/api/classes/${classCode}/status`, { headers: { "x-facilitator-key": key } });
  return (await res.json()) as ClassStatus;
}

describe("a class of three tables in a real browser", () => {
  browserPerFile({ botDelayMs: 1500, timeout: 180_000 }, async (s, b) => {
    server = s;
    browser = b;
    teacher = await person(browser, { width: 1920, height: 1080 });
    projector = await person(browser, { width: 1920, height: 1080 });
  });

  afterAll(async () => {
    await Promise.all(sdk.map((c) => c.leave().catch(() => {})));
  }, 240_000);

  it("the teacher creates a class; the console shows the join screen with code, QR and link", async () => {
    const p = teacher.page;
    await p.goto(server.url);
    // A class is a lesson: the classroom scenario is the one offered first.
    await poll(() => p.locator("#class-scenario").inputValue()).toBe("classroom-quick");
    // On a projector-sized screen "Create a class" is in view, right under "Join a game" (not
    // below the tall "Create a game" with an empty gap above it).
    const [joinBox, classBox] = await Promise.all([p.locator(".start-grid > .card").nth(1).boundingBox(), p.locator(".start-class").boundingBox()]);
    expect(classBox!.y - (joinBox!.y + joinBox!.height)).toBeLessThan(40);
    expect(classBox!.y + 200).toBeLessThan(1080);
    // The whole form fits the projector, "Create the class" included: the rarer clocks are folded.
    const submitBox = await p.locator("#class-create").boundingBox();
    expect(submitBox!.y + submitBox!.height).toBeLessThanOrEqual(1080);
    await p.locator("#class-rounds").fill("2");
    await p.locator("#class-minutes").fill("15");
    // The tables changed after the rounds and minutes were typed keep them (they were reset to the scenario's).
    await p.locator("#class-tables").fill("3");
    await p.locator("#class-tables").dispatchEvent("change");
    expect([await p.locator("#class-rounds").inputValue(), await p.locator("#class-minutes").inputValue()]).toEqual(["2", "15"]);
    // Two rounds of a 20 s card, 15 min of talks and a 60 s review: the teacher sees how long a game can take.
    await poll(() => p.locator(".create-class-form .hint[aria-live]").textContent()).toContain("a game takes up to 33 minutes");
    // The card's clock too (several cards a round from a fitted script need longer): 2 × (1.5 + 15 + 1).
    expect(await p.locator("#class-event-seconds").inputValue()).toBe("20");
    await p.locator(".class-more > summary").click();
    await p.locator("#class-event-seconds").fill("90");
    await poll(() => p.locator(".create-class-form .hint[aria-live]").textContent()).toContain("a game takes up to 35 minutes");
    await poll(() => p.locator("#class-teams").isChecked()).toBe(true);
    await p.locator("#class-create").click();
    // The class key is shown once, with what it opens, a copy and a download of the codes and key.
    await p.locator("#key-value").waitFor({ timeout: 20_000 });
    await p.locator("#key-show").click();
    key = ((await p.locator("#key-value").textContent()) ?? "").trim();
    classCode = ((await p.locator("#key-code").textContent()) ?? "").trim();
    expect(key.length).toBeGreaterThanOrEqual(20);
    expect(await p.locator(".key-keeper").textContent()).toContain("class console");
    const shownTables = ((await p.locator("#key-tables").textContent()) ?? "").split(" · ");
    expect(shownTables).toHaveLength(3);
    expect(await p.locator("#key-copy").isVisible()).toBe(true);
    await shot(p, "class-keep-key-1920x1080");
    expect(await axe(p)).toEqual([]);
    const [file] = await Promise.all([p.waitForEvent("download"), p.locator("#key-download").click()]);
    expect(file.suggestedFilename()).toBe(`chokepoint-class-${classCode}-key.txt`);
    const kept = readFileSync((await file.path())!, "utf8");
    expect(kept).toContain(`Class key: ${key}`);
    expect(kept).toContain(`/class/${classCode}`);
    for (const table of shownTables) expect(kept).toContain(table);
    await p.locator("#key-continue").click();
    await p.waitForURL(/\/class\/[A-Z0-9]{6}$/, { timeout: 20_000 });
    expect(new URL(p.url()).pathname).toBe(`/class/${classCode}`);
    expect(await p.evaluate((c) => localStorage.getItem(`chokepoint:class:${c}`), classCode)).toBe(key);
    await p.locator(".join-qr svg").waitFor();
    await poll(() => p.locator(".join-code").textContent()).toBe(`${classCode.slice(0, 3)} ${classCode.slice(3)}`);
    expect(await p.locator(".join-url").textContent()).toContain(`/${classCode}`);
    tables = (await status()).tables.map((x) => x.code);
    expect(tables).toEqual(shownTables);
    await shot(p, "class-console-1920x1080");
    expect(await axe(p)).toEqual([]);
    await p.locator("#class-project").click();
    await shot(p, "class-join-screen-1920x1080");
    expect(await axe(p)).toEqual([]);
    await p.setViewportSize({ width: 1366, height: 768 });
    await shot(p, "class-join-screen-1366x768");
    await p.setViewportSize({ width: 1920, height: 1080 });
    // Escape leaves the full-size join screen, as its button does.
    await p.keyboard.press("Escape");
    await poll(() => p.locator("#class-project").getAttribute("aria-pressed")).toBe("false");
  }, 240_000);

  it("on another computer the class console asks for the kept key; a wrong one is refused, the right one opens every table", async () => {
    const other = await person(browser, { width: 390, height: 844 });
    const p = other.page;
    await p.goto(`${server.url}/class/${classCode}`);
    await p.locator("#class-key").fill("not-the-class-key");
    await p.locator("#class-key-open").click();
    await poll(() => p.locator(".class-key-form .status").textContent()).toContain("does not open this class");
    await shot(p, "class-key-refused-390x844");
    await p.locator("#class-key").fill(key);
    await p.locator("#class-key-open").click();
    await p.locator(".join-qr svg").waitFor({ timeout: 20_000 });
    // The same key opens each table's console from its "Open" link.
    await p.locator("#class-open-1").click();
    await p.waitForURL((u) => u.pathname === `/${tables[0]}`, { timeout: 20_000 });
    await p.locator("#tab-console").waitFor({ timeout: 30_000 });
    expect(other.errors.filter((e) => !/^4\d\d /.test(e))).toEqual([]);
    await other.context.close();
  }, 240_000);

  it("three students join from browsers (code typed, or the short link) and thirty from protocol clients", async () => {
    const sizes = [
      { width: 390, height: 844 },
      { width: 1366, height: 768 },
      { width: 1280, height: 720 },
    ];
    for (const [i, size] of sizes.entries()) {
      const s = await person(browser, size);
      students.push(s);
      await s.page.goto(`${server.url}/${classCode}`);
      await s.page.locator("#class-name").fill(`Browser ${i + 1}`);
      if (i === 0) {
        // The class's name once, and teams said plainly (this class plays in teams).
        expect(await s.page.locator("#class-join-about").textContent()).toBe("3 tables play the same scenario, in teams. Type your name: the class places you at a table and gives you a country and one of its three ministries.");
        await shot(s.page, "class-student-join-390x844");
      }
      await s.page.locator("#class-join").click();
      await s.page.waitForURL((u) => tables.some((c) => u.pathname === `/${c}`), { timeout: 20_000 });
    }
    // The first student opens the class link again (a second scan of the QR code) and types their
    // name: back at the same table and seat, not refused as someone else taking it.
    const first = students[0]!.page;
    const table = new URL(first.url()).pathname;
    await poll(() => first.locator(".topbar .who").textContent()).toContain("Browser 1 · ");
    const seat = await first.locator(".topbar .who").textContent();
    await first.goto(`${server.url}/${classCode}`);
    await first.locator("#class-name").fill("Browser 1");
    await first.locator("#class-join").click();
    await first.waitForURL((u) => u.pathname === table, { timeout: 20_000 });
    await poll(() => first.locator(".topbar .who").textContent()).toBe(seat);
    // The phone names the student's table, and its waiting room sends a newcomer to the class's
    // code (which places them), not to this table's.
    const number = tables.indexOf(table.slice(1)) + 1;
    await poll(() => first.locator(".topbar .table-name").textContent()).toBe(`Table ${number}`);
    await first.locator("#tab-lobby").click();
    await poll(() => first.locator(".lobby-panel h2").textContent()).toBe(`Waiting room · Table ${number}`);
    // Opened as 127.0.0.1, the line names where other devices reach the server (server/lan.ts), once the server has said.
    const reached = lanAddresses(Number(new URL(server.url).port))[0] ?? new URL(server.url).host;
    await poll(() => first.locator(".lobby-panel .share").textContent()).toBe(`The teacher's class places students at tables: someone not yet placed joins the class at ${reached}/${classCode} with the class code${classCode}`);
    await shot(first, "class-student-waiting-390x844");
    // A class's code is no wrong game code: no phone logs a failed request for it.
    for (const s of students) expect(s.errors).toEqual([]);
    for (let i = 0; i < 30; i++) {
      const res = await fetch(`${server.url}/api/classes/${classCode}/join`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name: `Student ${i + 1}` }) });
      const placed = (await res.json()) as ClassJoinReply;
      sdk.push(await conn.player(server.url.replace("http", "ws"), placed.game, { name: `Student ${i + 1}`, seat: placed.seat, place: placed.token, roles: placed.roles as ("diplomat" | "regulator" | "envoy")[] }));
    }
    await eventually(async () => expect((await status()).tablesDetail.map((x) => x.connected)).toEqual([11, 11, 11]), { timeout: 20_000, interval: STATUS_POLL });
    await eventually(async () => expect(await teacher.page.locator(".class-roster-table tbody tr").count()).toBe(33), { timeout: 10_000 });
  }, 240_000);

  it("a student whose phone died takes back their own seat on a new one with the rejoin code the class console shows", async () => {
    const old = students[1]!;
    await poll(() => old.page.locator(".topbar .who").textContent()).toContain("Browser 2 · ");
    const seat = await old.page.locator(".topbar .who").textContent();
    const place = (await status()).roster.find((r) => r.name === "Browser 2")!;
    // Hidden on the projected console until the teacher shows this student's code.
    expect(await teacher.page.locator(".class-roster-table").innerText()).not.toContain(place.rejoinCode!);
    await teacher.page.locator(`#class-code-${place.id}`).click();
    await teacher.page.locator(".class-roster-table code", { hasText: place.rejoinCode! }).first().waitFor();
    const phone = await person(browser, { width: 390, height: 844 });
    const p = phone.page;
    await p.goto(`${server.url}/${classCode}`);
    await p.locator("#rejoin-open summary").click();
    await p.locator("#rejoin-table").selectOption({ label: `Table ${place.table}` });
    await p.locator("#rejoin-name").fill("Browser 2");
    // A wrong code is refused in words (the server counts it as a guess).
    await p.locator("#rejoin-code").fill(place.rejoinCode === "ACDEFG" ? "ACDEFH" : "ACDEFG");
    await p.locator("#rejoin-submit").click();
    await poll(() => p.locator(".rejoin-form .status").textContent()).toContain("does not match any seat");
    await shot(p, "class-rejoin-refused-390x844");
    await p.locator("#rejoin-code").fill(place.rejoinCode!.toLowerCase());
    await p.locator("#rejoin-submit").click();
    await p.waitForURL((u) => u.pathname === `/${tables[place.table - 1]}`, { timeout: 20_000 });
    // The same seat, name and ministry, and still one student in the class.
    await poll(() => p.locator(".topbar .who").textContent()).toBe(seat);
    expect((await status()).roster).toHaveLength(33);
    // This browser keeps the seat's token, so a refresh brings it back to the seat as any join does.
    expect(await p.evaluate((c) => JSON.parse(localStorage.getItem(`chokepoint:game:${c}`) ?? "{}").player?.token, tables[place.table - 1]!)).toMatch(/^\S{16,}$/);
    await old.context.close();
    students[1] = phone;
  }, 60_000);

  it("the projector of a table shows the join code and passes axe before the start", async () => {
    const p = projector.page;
    await p.goto(`${server.url}/${tables[0]}/watch`);
    await p
      .waitForFunction(() => !!document.querySelector(".join-screen .join-qr svg"), undefined, { timeout: 45_000 })
      .catch(async (e) => {
        await shot(p, "class-projector-lobby-FAILED");
        throw e;
      });
    // A table of a class shows the class's code: the class places whoever joins.
    expect(await p.locator(".join-screen .join-code").first().textContent()).toBe(`${classCode.slice(0, 3)} ${classCode.slice(3)}`);
    await shot(p, "class-projector-lobby-1920x1080");
    expect(await axe(p)).toEqual([]);
    // The map's names are read from the back of the room too: each stands at least 24 px tall (13-px names stood 18).
    const labelHeights = () => p.evaluate(() => (window as unknown as { chokepointBoard?: { labels(): { h: number }[] } }).chokepointBoard?.labels().map((l) => l.h) ?? []);
    await eventually(async () => expect((await labelHeights()).length).toBeGreaterThan(5), { timeout: 20_000 });
    expect(Math.min(...(await labelHeights()))).toBeGreaterThanOrEqual(24);
  }, 240_000);

  it("the class console starts every table; a broadcast reaches every table; a message is removed and a student muted", async () => {
    const p = teacher.page;
    await p.locator("#class-all-start").click();
    await eventually(async () => expect((await status()).tablesDetail.every((x) => x.phase === "event")).toBe(true), { timeout: 15_000, interval: STATUS_POLL });
    // The card's clock the teacher set (90 s, the scenario's is 20 s).
    const first = (await status()).tablesDetail[0]!;
    expect(first.paused ? first.remainingMs : first.deadline - Date.now()).toBeGreaterThan(45_000);
    // Paused, the clocks stop: phases move only when the teacher says, however slow this machine is.
    await p.locator("#class-all-pause").click();
    await eventually(async () => expect((await status()).tablesDetail.every((x) => x.paused)).toBe(true), { timeout: 15_000, interval: STATUS_POLL });
    // The reply shows right under the buttons, where the teacher is looking.
    const paused = p.locator(".class-all .status", { hasText: "Every table is paused: the clocks are stopped; talks and offers go on." });
    await paused.waitFor();
    // Under the row's last button, "End the game at every table", which may wrap onto a line of its own.
    const [buttons, reply] = await Promise.all([p.locator("#class-all-end-game").boundingBox(), paused.boundingBox()]);
    expect(reply!.y - (buttons!.y + buttons!.height)).toBeLessThan(40);
    // "End the event at every table in it" asks before it acts; the teacher says yes.
    await p.locator("#class-all-advance-event").click();
    await confirmYes(p);
    await eventually(async () => expect((await status()).tablesDetail.every((x) => x.phase === "negotiation")).toBe(true), { timeout: 15_000, interval: STATUS_POLL });
    // The time buttons name the phase they add to, and the tables in it.
    await poll(() => p.locator("#class-all-extend1-negotiation").textContent(), { timeout: 15_000 }).toBe("+1 min to the negotiation (tables 1, 2, 3)");
    expect(await p.locator("[id^=class-all-extend1-]").count()).toBe(1);
    await p.locator("#class-broadcast").fill("Ten minutes to agree a chip deal, every table.");
    await p.getByRole("button", { name: "Send to all tables" }).click();
    for (const c of sdk) await eventually(() => expect(c.view().messages.some((m) => m.text === "Ten minutes to agree a chip deal, every table.")).toBe(true), { timeout: 15_000 });
    await students[0]!.page.getByText("Ten minutes to agree a chip deal, every table.").first().waitFor({ timeout: 15_000 });

    // Moderation at table 1, from the table's console connection (the facilitator key).
    const spammer = sdk.find((c) => c.view().code === tables[0])!;
    await spammer.ok({ type: "chat", channel: "plenary", text: "BUY CHEAP CHIPS ".repeat(30).trim() });
    const fac = await conn.facilitator(server.url.replace("http", "ws"), tables[0]!, key);
    sdk.push(fac);
    const spam = await waitFor(() => fac.view().messages.find((m) => m.text.startsWith("BUY CHEAP CHIPS")), { message: "the spam line at the console" });
    await fac.command({ type: "delete-message", messageId: spam.id, reason: "spam" });
    await eventually(() => expect(spammer.view().messages.find((m) => m.id === spam.id)).toMatchObject({ deleted: true, text: "" }));
    await projector.page.getByText("Message removed by the facilitator.").first().waitFor({ timeout: 45_000 });
    const holder = fac.view().seats.flatMap((s) => s.holders).find((x) => x.name === spammer.welcome.name)!;
    await fac.command({ type: "mute", holder: holder.id, minutes: 10 });
    expect(await spammer.act({ type: "chat", channel: "plenary", text: "again" })).toMatchObject({ ok: false, error: { code: "chat/muted" } });

    // A table's console opened from the class console names its table and leads back; its
    // address, which a projector may show, holds the table's code only.
    await p.locator("#class-open-2").click();
    await p.locator("#con-clock").waitFor({ timeout: 20_000 });
    expect(new URL(p.url()).pathname).toBe(`/${tables[1]}`);
    expect(await p.locator(".topbar .code").textContent()).toBe(`Table 2 · Game ${tables[1]}`);
    await p.locator("#bar-class-back").click();
    await p.locator("#class-all-pause").waitFor({ timeout: 20_000 });
    // Every table has started: nothing is left to start.
    expect(await p.locator("#class-all-start").count()).toBe(0);
    expect(new URL(p.url()).pathname).toBe(`/class/${classCode}`);
  }, 240_000);

  it("two rounds: the projector's review says what changed, in large type", async () => {
    const p = teacher.page;
    const advanceTo = async (phase: string, round: number) => {
      const ending = { review: "negotiation", event: "review", negotiation: "event", ended: "review" }[phase];
      await p.locator(`#class-all-advance-${ending}`).click();
      await confirmYes(p);
      await eventually(async () => expect((await status()).tablesDetail.every((x) => x.phase === phase && (phase === "ended" || x.round === round))).toBe(true), { timeout: 20_000, interval: STATUS_POLL });
    };
    await advanceTo("review", 1);
    await projector.page.locator(".proj-changed").waitFor({ timeout: 20_000 });
    await shot(projector.page, "class-projector-review-1920x1080");
    const small = await smallestText(projector.page);
    expect(small.px, `smallest projector text: "${small.text}"`).toBeGreaterThanOrEqual(24);
    // The code, the phase and the clock stay on screen during the game.
    for (const sel of [".topbar .code", ".topbar .phase"]) expect(await projector.page.locator(sel).isVisible(), sel).toBe(true);
    // Paused: the clock says so.
    expect(await projector.page.locator(".topbar .timer").textContent()).toBeTruthy();
    expect(await projector.page.locator(".topbar .code").textContent()).toContain(tables[0]);
    expect(await axe(projector.page)).toEqual([]);
    await advanceTo("event", 2);
    await advanceTo("negotiation", 2);
    await advanceTo("review", 2);
    await advanceTo("ended", 2);
  }, 240_000);

  it("exit tickets, then the comparison and the gradebook download from the class console", async () => {
    // Each browser student answers the exit ticket on the end screen.
    for (const [i, s] of students.entries()) {
      await s.page.locator("#exit-1").waitFor({ timeout: 30_000 });
      await s.page.locator("#exit-1").fill(`Gallium answer ${i + 1}`);
      await s.page.locator("#exit-2").fill("The loan to Kenya");
      await s.page.locator("#exit-send").click();
      await s.page.getByText("Handed in.").waitFor({ timeout: 15_000 });
    }
    await shot(students[0]!.page, "class-exit-ticket-390x844");
    // A reload shows the student what they handed in, and says so; a new hand-in with one answer
    // added keeps the two they did not touch (the gradebook below has all three).
    const first = students[0]!.page;
    await first.reload();
    await poll(() => first.locator("#exit-1").inputValue(), { timeout: 30_000 }).toBe("Gallium answer 1");
    expect(await first.locator("#exit-2").inputValue()).toBe("The loan to Kenya");
    expect(await first.locator("#exit-3").inputValue()).toBe("");
    await first.getByText("You handed these answers in. You can change them and hand in again.").waitFor({ timeout: 15_000 });
    await first.locator("#exit-send").scrollIntoViewIfNeeded();
    await shot(first, "class-exit-ticket-reloaded-390x844");
    await first.locator("#exit-3").fill("Changed after reload");
    await first.locator("#exit-send").click();
    await first.getByText("Handed in.").waitFor({ timeout: 15_000 });
    const p = teacher.page;
    await p.locator("#class-gradebook-csv").waitFor();
    const [gradebook] = await Promise.all([p.waitForEvent("download"), p.locator("#class-gradebook-csv").click()]);
    const file = readFileSync((await gradebook.path())!);
    // The saved file starts with a byte-order mark, so Excel opens the students' names and answers as UTF-8.
    expect([...file.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = file.toString("utf8").slice(1).trim().split("\r\n");
    expect(csv[0]).toMatch(/^table,game,student,seat,ministry,at the end,actions,rounds a bot played the seat,objectives met/);
    expect(csv.length - 1).toBeGreaterThanOrEqual(33);
    expect(csv.some((l) => l.endsWith(",Gallium answer 1,The loan to Kenya,Changed after reload"))).toBe(true);
    const [comparison] = await Promise.all([p.waitForEvent("download"), p.locator("#class-comparison-csv").click()]);
    const rows = readFileSync((await comparison.path())!, "utf8").trim().split("\r\n");
    expect(rows).toHaveLength(4);
    expect(rows.slice(1).every((r) => r.includes(",finished,"))).toBe(true);
    // Over, a table paused before the end no longer reads "paused"; the console says the class
    // is over where the join screen was, and offers nothing more to send to the tables.
    await poll(() => p.locator(".class-table.phase-ended").count()).toBe(3);
    for (const card of await p.locator(".class-table").allTextContents()) expect(card).not.toContain("paused");
    await p.locator(".class-over", { hasText: "The class is over" }).waitFor();
    expect(await p.locator(".join-code").count()).toBe(0);
    expect(await p.locator(".class-all").isVisible()).toBe(false);
    expect(await p.locator("#class-project, [id^=class-remove-]").count()).toBe(0);
    expect(await p.locator(".class-over a", { hasText: "Compare the tables" }).getAttribute("href")).toBe(`/compare/${tables.join("+")}`);
    await shot(p, "class-console-ended-1920x1080");
    expect(await axe(p)).toEqual([]);
    // The comparison names the class's tables, codes beside, and leads back to the class console.
    await p.locator(".class-over a", { hasText: "Compare the tables" }).click();
    await p.locator("#compare-chart").waitFor({ timeout: 20_000 });
    expect(await p.locator(`#cmp-${tables[1]} th`).textContent()).toBe(`Table 2 ${tables[1]}`);
    expect(await p.locator(".compare-scores thead th").allTextContents()).toEqual(["Country", ...tables.map((c, i) => `Table ${i + 1} ${c}`), "Spread"]);
    // A class's tables are tables on the page too, as the class console's button calls them.
    expect(await p.locator("h1").textContent()).toBe("Classroom quick start 2023: tables side by side");
    expect(await p.locator(".page-head p.muted").textContent()).toBe("The class's 3 tables.");
    expect(await p.locator("[aria-labelledby=cmp-games] thead th").first().textContent()).toBe("Table");
    expect(await p.locator(".topbar .page-title").textContent()).toBe("Compare the tables");
    expect(await p.title()).toMatch(/^Compare the tables · /);
    await p.locator(".chart-data summary").click();
    expect(await p.locator(".chart-data thead th").first().textContent()).toBe("Table");
    expect(await p.locator("#compare-chart").getAttribute("aria-label")).toContain("one line per table");
    await shot(p, "class-compare-1920x1080");
    await p.locator("#compare-class-back").click();
    await p.locator(".class-over").waitFor({ timeout: 20_000 });
    expect(new URL(p.url()).pathname).toBe(`/class/${classCode}`);
    // A table's game-over: one report button, and the way back to the class instead of "Play
    // again" (a new game would be outside the class).
    await p.locator("#class-open-1").click();
    await p.locator("#end-class").waitFor({ timeout: 20_000 });
    await p.locator("#end-db-download").waitFor({ timeout: 20_000 });
    expect(await p.locator(".end-next > *").evaluateAll((els) => els.map((e) => e.id))).toEqual(["end-report", "end-class", "end-replay", "end-start"]);
    expect(await p.locator(".end-screen a", { hasText: /^Open the/ }).count()).toBe(1);
    await shot(p, "class-table-ended-1920x1080");
    await p.locator("#end-class").click();
    await p.locator(".class-over").waitFor({ timeout: 20_000 });
    expect([...teacher.errors, ...projector.errors, ...students.flatMap((s) => s.errors)].filter((e) => !/^4\d\d /.test(e))).toEqual([]);
  }, 240_000);

  it("the comparison's report links hold their ticket: opened in a new tab or copied, they open the report", async () => {
    const p = teacher.page;
    await p.goto(`${server.url}/compare/${tables.join("+")}`);
    await p.locator("#compare-chart").waitFor({ timeout: 20_000 });
    // A table's "Report" link holds its ticket as soon as it is drawn: opened in a new tab by a
    // middle-click, or copied and opened elsewhere without the key, it opens the report.
    const reportHref = await waitFor(async () => {
      const href = await p.locator(`#cmp-${tables[0]} a[target=_blank]`).getAttribute("href");
      return href?.includes("ticket=") ? href : undefined;
    }, { message: "a ticket in the report link" });
    const copied = await fetch(new URL(reportHref, server.url), { headers: { accept: "text/html" } });
    expect(copied.status).toBe(200);
    expect(await copied.text()).toContain(tables[0]);
    const [tab] = await Promise.all([p.context().waitForEvent("page"), p.locator(`#cmp-${tables[0]} a[target=_blank]`).click({ button: "middle" })]);
    await tab.waitForLoadState();
    expect(await tab.title()).not.toContain("cannot be opened");
    await tab.close();
  }, 120_000);

  it("a table's projector opened from the class console shows the room the outcome, with no links for the teacher's laptop", async () => {
    const p = teacher.page;
    await p.goto(`${server.url}/class/${classCode}`);
    await p.locator(".class-over").waitFor({ timeout: 20_000 });
    // "Its projector" of a table, opened from the class console in the teacher's browser (which
    // holds the key): what the room reads (the outcome, the scores), none of the report, "Back to
    // the class" or start page links the teacher's own screen of the table has (the class console
    // stays in its own tab).
    const watch = p.locator(`a[href="/${tables[0]}/watch"]`);
    expect(await watch.count()).toBeGreaterThan(0);
    const [screen] = await Promise.all([p.context().waitForEvent("page"), watch.first().click()]);
    await screen.locator("#end-winner").waitFor({ timeout: 30_000 });
    expect(await screen.locator(".end-screen table").count()).toBeGreaterThan(0);
    expect(await screen.locator(".end-next, #end-class, #end-again, #end-report, #end-start").count()).toBe(0);
    await shot(screen, "class-projector-ended-1920x1080");
    await screen.close();
  }, 120_000);

  it("the class's join page says at once that the class is over", async () => {
    // The class's join page, once every table is over, says so before anyone types a name; a
    // student this browser placed may still go back to their table.
    const late = await person(browser, { width: 390, height: 844 });
    await late.page.goto(`${server.url}/${classCode}`);
    await poll(() => late.page.locator("#class-join-over").textContent(), { timeout: 20_000 }).toBe("This class is over: the games at every table have ended, so nobody can join it now.");
    expect(await late.page.locator("#class-join, #class-name").count()).toBe(0);
    expect(await late.page.locator(".class-over-replays a").evaluateAll((as) => as.map((a) => a.getAttribute("href")))).toEqual(tables.map((c) => `/${c}/replay`));
    await shot(late.page, "class-join-over-390x844");
    await late.page.setViewportSize({ width: 1920, height: 1080 });
    await shot(late.page, "class-join-over-1920x1080");
    await late.context.close();
    const first = students[0]!.page;
    await first.goto(`${server.url}/${classCode}`);
    await poll(() => first.locator("#class-join").textContent(), { timeout: 20_000 }).toBe("Back to my table");
    await shot(first, "class-join-over-placed-390x844");
    expect([...teacher.errors, ...students.flatMap((s) => s.errors)].filter((e) => !/^4\d\d /.test(e))).toEqual([]);
  }, 120_000);
});
