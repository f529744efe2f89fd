/**
 * The class console (client/ui/class/class-page.ts) in a real Chromium at a projector's
 * 1920×1080: Vite serves tests/client/dom/class.html and the client's own modules; the test
 * answers the console's requests (its status every few seconds, its commands) itself.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import type { ClassCommand, ClassStatus } from "../../shared/protocol/classes.ts";
import { poll, shot } from "../e2e/harness.ts";
import { domPages, type DomPages } from "../helpers/dom-page.ts";

const CODE = "QKD7WM";

let pages: DomPages;
let page: Page;
/** What the next status read answers, and every command the console sent. */
let current: ClassStatus;
let commands: ClassCommand[] = [];
/** Each table's result of a command (every table's ok unless a test says otherwise); `after`: the class as the command leaves it. */
type Results = { table: number; code: string; ok: boolean; error?: { code: string; message: string } }[];
let answer: (command: ClassCommand) => Results;
let after: ClassStatus | undefined;
/** The scenario's shipped control-cell scripts, as the server lists them (none unless a test sets them before opening the console). */
let shipped: unknown[] = [];

const table = (number: number, over: Partial<ClassStatus["tablesDetail"][number]> = {}): ClassStatus["tablesDetail"][number] => ({
  number,
  code: `T${number}ABCD`,
  phase: "negotiation",
  round: 1,
  paused: false,
  deadline: Date.now() + 300_000,
  remainingMs: 300_000,
  connected: 2,
  people: true,
  done: { count: 4, total: 7 },
  outcome: { met: 1, total: 3 },
  leader: null,
  waitingRulings: 0,
  played: [],
  scheduled: [],
  ...over,
});

function status(tables = [table(1), table(2)]): ClassStatus {
  return {
    code: CODE,
    title: "Year 11",
    scenario: { id: "classroom-quick", title: "Classroom quick start 2023" },
    teams: false,
    assign: "balanced",
    tables: tables.map((x) => ({ number: x.number, code: x.code, phase: x.phase, round: x.round, students: 2 })),
    students: 3,
    capacity: 14,
    rounds: 4,
    eventSeconds: 20,
    cards: [{ id: "chip-ban", title: "Chip ban", date: "2022", text: "A ban.", effects: [] }],
    countries: [
      { id: "US", name: "United States", bloc: "alliance", control: "person" },
      { id: "JP", name: "Japan", bloc: "alliance", control: "person" },
    ],
    tablesDetail: tables,
    roster: [
      { id: "a".repeat(16), name: "Amira", table: 1, seat: "US", seatName: "United States", roles: ["diplomat"], rejoinCode: "RYMYDK", presence: "here" },
      { id: "b".repeat(16), name: "Ben", table: 2, seat: "JP", seatName: "Japan", roles: ["diplomat"], rejoinCode: "MY3EY9", presence: "here" },
    ],
  };
}

beforeAll(async () => {
  // Built once: the tests load the page a dozen times (tests/helpers/dom-page.ts).
  pages = await domPages({ built: ["class.html"] });
  page = await pages.browser.newPage({ viewport: { width: 1920, height: 1080 } });
  // The test answers the console's requests, from what the test running sets.
  await page.route("**/api/scenarios/*/injects*", (route) => route.fulfill({ json: shipped }));
  await page.route(`**/api/classes/${CODE}/**`, async (route) => {
    const url = new URL(route.request().url());
    if (url.pathname.endsWith("/status")) return route.fulfill({ json: current });
    const command = route.request().postDataJSON() as ClassCommand;
    commands.push(command);
    const results = answer(command);
    if (after) current = after;
    return route.fulfill({ json: { results } });
  });
}, 120_000);

afterAll(async () => {
  await pages?.close();
});

beforeEach(async () => {
  current = status();
  commands = [];
  shipped = [];
  answer = () => current.tablesDetail.map((x) => ({ table: x.number, code: x.code, ok: true }));
  after = undefined;
});

/**
 * The class console loaded afresh, its requests answered by the test; `ready`: what shows once it
 * has drawn. Each test loads it once it has set the class it starts from. One page serves every
 * test: loaded again, with the storage its origin kept emptied first (the class's key, the
 * language chosen), it starts as a new page would.
 */
async function open(ready = "#class-all-pause") {
  if (page.url().startsWith(pages.url(""))) {
    await page.evaluate(() => {
      localStorage.clear();
      sessionStorage.clear();
    });
  }
  await page.goto(pages.url("class.html"));
  await page.waitForFunction(() => document.body.dataset.ready === "1", undefined, { timeout: 60_000 });
  await page.evaluate((code) => (window as never as { classPage: { mount(c: string): Promise<void> } }).classPage.mount(code), CODE);
  await page.locator(ready).waitFor();
}

/** The visible status lines of the "To every table" box, each with its id and text. */
const said = () => page.locator(".class-all .status").evaluateAll((els) => els.filter((e) => e.textContent).map((e) => [e.id, e.textContent]));

describe("the class console's replies", () => {
  it("confirms a broadcast right under its button, in view at 1080p, and clears the pace buttons' older reply", async () => {
    await open();
    await page.locator("#class-all-extend1-negotiation").click();
    await poll(said).toEqual([["class-pace-msg", "1 min added to the negotiation at every table in it."]]);
    await page.locator("#class-broadcast").fill("Two minutes left.");
    await page.locator("#class-broadcast-send").click();
    await poll(said).toEqual([["class-broadcast-msg", "Sent to every table."]]);
    expect(commands.at(-1)).toEqual({ type: "broadcast", text: "Two minutes left." });
    // Right under the button, where the teacher looks after pressing it.
    const button = (await page.locator("#class-broadcast-send").boundingBox())!;
    const reply = (await page.locator("#class-broadcast-msg").boundingBox())!;
    expect(reply.y - (button.y + button.height)).toBeLessThan(30);
    await page.locator("#class-broadcast-send").click();
    await poll(said).toEqual([["class-broadcast-msg", "Write the message first."]]);
  });

  it("confirms a deck card and an inject of one's own under their own buttons", async () => {
    await open();
    await page.locator("#class-card-send").click();
    await poll(said).toEqual([["class-card-msg", "The inject reached every table."]]);
    await page.locator("#class-inject-send").click();
    await poll(said).toEqual([["class-inject-msg", "An inject needs a title and a text."]]);
  });

  it("sends a card of one's own with its words in Chinese, for the students who read the game in Chinese", async () => {
    await open();
    await page.locator("#class-inject-title").fill("Fab fire");
    await page.locator("#class-inject-text").fill("A fire stops a fab.");
    await page.locator("#class-inject-languages > summary").click();
    await page.locator("#class-inject-title-zh-CN").fill("晶圆厂火灾");
    // Half a translation is marked under its field and nothing is sent.
    await page.locator("#class-inject-send").click();
    await poll(() => page.locator("#class-inject-text-zh-CN-problem").textContent()).toBe("Say what happens: players read this text.");
    const sent = () => commands.filter((c) => c?.type === "custom-event");
    expect(sent()).toEqual([]);
    await page.locator("#class-inject-text-zh-CN").fill("一场大火使一座晶圆厂停产。");
    await page.locator("#class-inject-send").click();
    await poll(() => sent().length).toBe(1);
    expect(sent()[0]).toMatchObject({ type: "custom-event", title: "Fab fire", text: "A fire stops a fab.", texts: { "zh-CN": { title: "晶圆厂火灾", text: "一场大火使一座晶圆厂停产。" } } });
    // Sent: the form is empty again, its Chinese too.
    await poll(() => page.locator("#class-inject-title-zh-CN").inputValue()).toBe("");
  });
});

describe("a command some tables had no need of", () => {
  const refused = (table: number, code: string, message: string) => ({ table, code: `T${table}ABCD`, ok: false, error: { code, message } });
  const reply = () => page.locator("#class-pace-msg");
  it("says where it worked and names the tables left as they were calmly; red only for a real failure; gone once the tables change", async () => {
    // Table 2 paused at its own console; "Resume all".
    current = status([table(1), table(2, { paused: true }), table(3)]);
    await open();
    answer = () => [refused(1, "rule/not_paused", "The game is not paused."), { table: 2, code: "T2ABCD", ok: true }, refused(3, "rule/not_paused", "The game is not paused.")];
    after = status([table(1), table(2), table(3)]);
    await page.locator("#class-all-resume").click();
    await poll(() => reply().textContent()).toBe("Resumed at table 2. Tables 1 and 3 were not paused.");
    expect(await reply().getAttribute("class")).toBe("status status-ok");
    expect(await reply().locator(".status-error").count()).toBe(0);
    // Not red: the line about tables 1 and 3 is in the page's ink.
    expect(await reply().locator(".status-skip").evaluate((el) => getComputedStyle(el).color)).toBe("rgb(27, 31, 36)");
    // The next reads of the class change nothing: the reply stays.
    await page.waitForResponse((r) => r.url().includes("/status"));
    expect(await reply().textContent()).toBe("Resumed at table 2. Tables 1 and 3 were not paused.");
    // Table 3 pauses at its own console: the reply no longer says how things are, and goes.
    current = status([table(1), table(2), table(3, { paused: true })]);
    await poll(() => reply().textContent()).toBe("");

    // "Pause all" with table 3 paused already and table 2 over; table 1 refuses for a real reason.
    current = status([table(1), table(2, { phase: "ended" }), table(3, { paused: true })]);
    answer = () => [refused(1, "rule/untimed", "This phase has no clock."), refused(2, "rule/game_over", "The game is over."), refused(3, "rule/already_paused", "The game is already paused.")];
    after = undefined;
    await poll(() => page.locator("#class-all-pause").isEnabled()).toBe(true);
    await page.locator("#class-all-pause").click();
    await poll(() => reply().textContent()).toBe("Table 2 has finished its game: left as it is. Table 3 was already paused. Table 1: This phase has no clock.");
    expect(await reply().locator(".status-error").textContent()).toBe("Table 1: This phase has no clock.");
  });

  it("says which tables a deck card reached, and which it could not reach now", async () => {
    current = status([table(1), table(2, { phase: "review" }), table(3, { phase: "ended" })]);
    await open();
    answer = () => [{ table: 1, code: "T1ABCD", ok: true }, refused(2, "rule/wrong_phase", "You cannot play an event card during the review phase."), refused(3, "rule/game_over", "The game is over.")];
    await page.locator("#class-card-send").click();
    const said = page.locator("#class-card-msg");
    await poll(() => said.textContent()).toBe("The inject reached table 1. Table 2 is not in an event or negotiation phase, where a card plays now: not played there. Table 3 has finished its game: left as it is.");
    expect(await said.locator(".status-error").count()).toBe(0);
  });
});

describe("the card and inject 'When' menus", () => {
  const whens = (id: string) => page.locator(`#${id} option`).allTextContents();
  it("follow every table, not table 1 alone, and the reply says which tables a card reaches when", async () => {
    // Table 2 paused in round 1's negotiation; tables 1 and 3 in its review.
    current = status([table(1, { phase: "review" }), table(2, { paused: true }), table(3, { phase: "review" })]);
    await open();
    const offered = ["Now (at table 2: the others are not in an event or negotiation)", "Start of round 2", "Start of round 3", "Start of round 4"];
    await poll(() => whens("class-card-when")).toEqual(offered);
    expect(await whens("class-inject-when")).toEqual(offered);
    // Table 1 has moved on to round 2's negotiation; table 2 is still in round 1's review: round 2 plays now at table 1, and is scheduled at table 2.
    current = status([table(1, { round: 2 }), table(2, { phase: "review" }), table(3, { phase: "ended" })]);
    await poll(() => whens("class-card-when")).toEqual(["Now (at table 1: the others are not in an event or negotiation)", "Start of round 2", "Start of round 3", "Start of round 4"]);
    await page.locator("#class-card-when").selectOption("2");
    answer = () => [{ table: 1, code: "T1ABCD", ok: true }, { table: 2, code: "T2ABCD", ok: true }, { table: 3, code: "T3ABCD", ok: false, error: { code: "game/not_running", message: "Table 3 is not running." } }];
    await page.locator("#class-card-send").click();
    await poll(() => page.locator("#class-card-msg").textContent()).toBe("Played now at table 1. Scheduled for the start of round 2 at table 2. Table 3 has finished its game: left as it is.");
    expect(commands.at(-1)).toEqual({ type: "play-event", cardId: "chip-ban", round: 2 });
  });
});

describe("the class console's language", () => {
  it("has the switch the other pages have; choosing Chinese reloads the console in Chinese, its reads and downloads asked in it", async () => {
    await open();
    const pick = page.locator(".class-page .language-switch select");
    expect(await pick.getAttribute("aria-label")).toBe("Language");
    expect(await pick.inputValue()).toBe("en");
    await Promise.all([page.waitForEvent("load"), pick.selectOption("zh-CN")]);
    await page.waitForFunction(() => document.body.dataset.ready === "1", undefined, { timeout: 60_000 });
    const asked: string[] = [];
    page.on("request", (r) => void asked.push(r.url()));
    await page.evaluate((code) => (window as never as { classPage: { mount(c: string): Promise<void> } }).classPage.mount(code), CODE);
    await poll(() => page.locator("#class-all-h").textContent()).toBe("发给所有桌");
    expect(await page.locator(".class-page .language-switch select").inputValue()).toBe("zh-CN");
    expect(asked.some((u) => u.includes("/status?lang=zh-CN"))).toBe(true);
    await page.locator("#class-gradebook-csv").click();
    await poll(() => asked.some((u) => u.includes("/gradebook.csv?lang=zh-CN"))).toBe(true);
  });
});

describe("the class console's script file, in Chinese", () => {
  it("is chosen with a button in the page's words, not the browser's own file control (which says 'Choose File' in the browser's language)", async () => {
    await open();
    await Promise.all([page.waitForEvent("load"), page.locator(".class-page .language-switch select").selectOption("zh-CN")]);
    await page.waitForFunction(() => document.body.dataset.ready === "1", undefined, { timeout: 60_000 });
    await page.evaluate((code) => (window as never as { classPage: { mount(c: string): Promise<void> } }).classPage.mount(code), CODE);
    const choose = page.locator("#class-script-choose");
    await poll(() => choose.textContent()).toBe("选择文件…");
    expect(await choose.isVisible()).toBe(true);
    expect(await page.locator("#class-script-file").isVisible()).toBe(false);
    // The button opens the browser's file chooser; the file chosen is read as before.
    const [chooser] = await Promise.all([page.waitForEvent("filechooser"), choose.click()]);
    await chooser.setFiles({ name: "ours.json", mimeType: "application/json", buffer: Buffer.from("{}") });
    await poll(() => page.locator(".script-section .status").first().textContent()).toMatch(/^无法载入 ours\.json：/);
  });
});

describe("'Who sits where' with a student who joined a table by its code", () => {
  it("lists them, marked, with a Remove that takes them off their seat, and names each person's ministries as the table's console does", async () => {
    const base = status();
    current = {
      ...base,
      teams: true,
      students: 3,
      roster: [
        { ...base.roster[0]!, roles: ["diplomat", "regulator", "envoy"] },
        { ...base.roster[1]!, roles: ["regulator"] },
        { id: "t1-gus123", name: "Gus", table: 1, seat: "JP", seatName: "Japan", roles: ["diplomat"], rejoinCode: "GUSGUS", presence: "here", byTableCode: true },
      ],
    };
    await open(".class-roster-table");
    expect(await page.locator("#class-roster-h").textContent()).toBe("Who sits where (3)");
    const rows = await page.locator(".class-roster-table tbody tr").evaluateAll((trs) => trs.map((tr) => [...tr.children].slice(0, 4).map((c) => c.textContent)));
    expect(rows).toEqual([
      ["Amira", "1", "United States", "all three ministries"],
      ["Ben", "2", "Japan", "Regulator"],
      ["Gus (joined by the table's code)", "1", "Japan", "Diplomat"],
    ]);
    expect(await page.locator(".class-roster-table tbody tr").nth(0).locator("button", { hasText: "Remove" }).count()).toBe(1);
    // Gus holds no class place: his Remove asks to take him off his seat, and sends his row's id.
    const sent: unknown[] = [];
    await page.route(`**/api/classes/${CODE}/remove`, (route) => {
      sent.push(route.request().postDataJSON());
      return route.fulfill({ json: { ok: true } });
    });
    try {
      const gus = page.locator("#class-remove-t1-gus123");
      expect(await gus.getAttribute("aria-label")).toBe("Take Gus (table 1, Japan), who joined by the table's code, off their seat");
      await gus.click();
      await poll(() => page.locator("dialog.confirm[open] #confirm-q").textContent()).toContain("Take Gus off their seat (table 1, Japan)? They joined the table by its code, not through the class.");
      await page.locator("dialog.confirm[open] #confirm-yes").click();
      await poll(() => sent).toEqual([{ student: "t1-gus123" }]);
      await poll(() => page.locator("#class-roster-msg").textContent()).toBe("Gus was taken off their seat at table 1.");
    } finally {
      await page.unroute(`**/api/classes/${CODE}/remove`);
    }
  });
});

describe("the rejoin codes in 'Who sits where'", () => {
  const roster = () => page.locator(".class-roster-table tbody").innerText();
  it("are hidden on the projected console; the teacher shows one student's code, and it hides again", async () => {
    await open();
    await page.locator(".class-roster-table").waitFor();
    expect(await roster()).not.toContain("RYMYDK");
    expect(await roster()).not.toContain("MY3EY9");
    const amira = page.locator(`#class-code-${"a".repeat(16)}`);
    const ben = page.locator(`#class-code-${"b".repeat(16)}`);
    expect(await amira.getAttribute("aria-label")).toBe("Show code for Amira");
    await amira.click();
    await poll(roster).toContain("RYMYDK");
    expect(await roster()).not.toContain("MY3EY9");
    expect(await amira.getAttribute("aria-pressed")).toBe("true");
    // The console's next read of the class keeps it shown; the button keeps the keyboard's place.
    await page.waitForResponse((r) => r.url().includes("/status"));
    expect(await roster()).toContain("RYMYDK");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe(`class-code-${"a".repeat(16)}`);
    // Another student's code: Amira's hides.
    await ben.click();
    await poll(roster).toContain("MY3EY9");
    expect(await roster()).not.toContain("RYMYDK");
    // Pressed again, it hides.
    await ben.click();
    await poll(roster).not.toContain("MY3EY9");
    expect(await ben.getAttribute("aria-pressed")).toBe("false");
  });

  it("go once every table's game is over, with the hint on giving them: nobody rejoins a finished table", async () => {
    current = status([table(1, { phase: "ended" }), table(2, { phase: "ended" })]);
    await open(".class-over");
    await page.locator(".class-roster-table").waitFor();
    expect(await page.locator(".class-roster-table").getByText("Show code").count()).toBe(0);
    expect(await page.locator(".class-roster-table thead th").allTextContents()).toEqual(["Student", "Table", "Country", "Ministry", "Now"]);
    expect(await page.locator(".class-roster").getByText(/rejoin code/).count()).toBe(0);
    // The teacher's downloads stay.
    expect(await page.locator("#class-gradebook-csv").isVisible()).toBe(true);
  });
});

describe("'Remove everyone who never joined' in 'Who sits where'", () => {
  it("is offered only while some students never came to their table; it names them in its question, sends them alone, and says who was removed", async () => {
    const base = status();
    const cal = { id: "c".repeat(16), name: "Cal", table: 1, seat: "JP", seatName: "Japan", roles: ["diplomat"], presence: "absent" as const };
    const dee = { id: "d".repeat(16), name: "Dee", table: 2, seat: "US", seatName: "United States", roles: ["diplomat"], presence: "absent" as const };
    const gus = { id: "t1-gus123", name: "Gus", table: 1, seat: "JP", seatName: "Japan", roles: ["diplomat"], presence: "absent" as const, byTableCode: true as const };
    const sent: unknown[] = [];
    await page.route(`**/api/classes/${CODE}/remove-unjoined`, (route) => {
      sent.push(route.request().postDataJSON());
      current = { ...base, students: 2 };
      return route.fulfill({ json: { removed: [{ id: cal.id, name: "Cal" }, { id: dee.id, name: "Dee" }] } });
    });
    try {
      // Everyone at their table: no such button.
      await open(".class-roster-table");
      expect(await page.locator("#class-remove-unjoined").count()).toBe(0);

      current = { ...base, students: 5, roster: [...base.roster, cal, dee, gus] };
      await open("#class-remove-unjoined");
      expect(await page.locator("#class-remove-unjoined").textContent()).toBe("Remove everyone who never joined");
      await page.locator("#class-remove-unjoined").click();
      await poll(() => page.locator("dialog.confirm[open] #confirm-q").textContent()).toContain("Remove 2 students who never came to their table from the class: Cal, Dee?");
      expect(await page.locator("dialog.confirm[open] #confirm-yes").textContent()).toBe("Remove 2 students");
      await page.locator("dialog.confirm[open] #confirm-yes").click();
      // Only the class's students not at their table were sent (not Amira and Ben, nor Gus, who joined by the table's code).
      await poll(() => sent).toEqual([{ students: [cal.id, dee.id] }]);
      await poll(() => page.locator("#class-roster-msg").textContent()).toBe("2 students who never joined were removed from the class: Cal, Dee. Their places are free.");
      // The class read again: nobody left who never joined, and the button is gone.
      await poll(() => page.locator("#class-remove-unjoined").count()).toBe(0);
      expect(await page.locator(".class-roster-table tbody tr").count()).toBe(2);
    } finally {
      await page.unroute(`**/api/classes/${CODE}/remove-unjoined`);
    }
  });

  it("spares a student the teacher just moved: on their way to the new table, said so in the roster, not one who never joined", async () => {
    const base = status();
    const eva = { id: "e".repeat(16), name: "Eva", table: 2, seat: "IN", seatName: "India", roles: ["diplomat"], presence: "absent" as const, movedFrom: 1 };
    current = { ...base, students: 3, roster: [...base.roster, eva] };
    await open(".class-roster-table");
    expect(await page.locator(".class-roster-table tr", { hasText: "Eva" }).locator("td.presence").textContent()).toBe("moved here from Table 1: on the way");
    expect(await page.locator("#class-remove-unjoined").count()).toBe(0);
    // With a student who never came beside her, the button names that student alone.
    const cal = { id: "c".repeat(16), name: "Cal", table: 1, seat: "JP", seatName: "Japan", roles: ["diplomat"], presence: "absent" as const };
    current = { ...base, students: 4, roster: [...base.roster, eva, cal] };
    await open("#class-remove-unjoined");
    await page.locator("#class-remove-unjoined").click();
    await poll(() => page.locator("dialog.confirm[open] #confirm-q").textContent()).toContain("Remove 1 student who never came to their table from the class: Cal?");
    await page.locator("dialog.confirm[open] #confirm-no").click();
  });
});

describe("removing one student in 'Who sits where'", () => {
  it("asks first with a button that names the student, their table and their country", async () => {
    const cal = { id: "c".repeat(16), name: "Cal", table: 1, seat: "JP", seatName: "Japan", roles: ["diplomat"], presence: "absent" as const };
    current = { ...status(), roster: [...status().roster, cal] };
    await open(`#class-remove-${cal.id}`);
    await page.locator(`#class-remove-${cal.id}`).click();
    await poll(() => page.locator("dialog.confirm[open] #confirm-yes").textContent()).toBe("Remove Cal (table 1, Japan) from the class");
    await page.locator("#confirm-no").click();
    await poll(() => page.locator("dialog.confirm[open]").count()).toBe(0);
  });
});

describe("moving one student to another table in 'Who sits where'", () => {
  it("is reached by the keyboard: Move names the student, asks which table (those whose game is not over), sends it and says where they sit now", async () => {
    const amira = status().roster[0]!;
    const gus = { id: "t1-gus123", name: "Gus", table: 1, seat: "JP", seatName: "Japan", roles: ["diplomat"], presence: "here" as const, byTableCode: true as const };
    current = { ...status([table(1), table(2), table(3), table(4, { phase: "ended" })]), roster: [...status().roster, gus] };
    const sent: unknown[] = [];
    const isMove = (url: URL) => url.pathname.endsWith(`/api/classes/${CODE}/move`);
    await page.route(isMove, (route) => {
      sent.push(route.request().postDataJSON());
      current = { ...current, roster: [{ ...amira, table: 3, seat: "JP", seatName: "Japan", presence: "absent" }, status().roster[1]!, gus] };
      return route.fulfill({ json: { table: 3, seat: "JP", seatName: "Japan", roles: ["diplomat"] } });
    });
    try {
      await open(`#class-move-${amira.id}`);
      expect(await page.locator(`#class-move-${amira.id}`).getAttribute("aria-label")).toBe("Move Amira (table 1, United States) to another table");
      // A person who joined a table by its code holds no class place to move: Remove only.
      expect(await page.locator(`#class-move-${gus.id}`).count()).toBe(0);
      expect(await page.locator(`#class-remove-${gus.id}`).count()).toBe(1);
      // From the control before it in her row, Tab reaches Move, and Enter asks.
      await page.locator(`#class-code-${amira.id}`).focus();
      await page.keyboard.press("Tab");
      expect(await page.evaluate(() => document.activeElement?.id)).toBe(`class-move-${amira.id}`);
      await page.keyboard.press("Enter");
      await poll(() => page.locator("dialog.confirm[open] #confirm-q").textContent()).toContain("Move Amira to another table? Their seat at table 1 (United States) is freed");
      // The tables to choose from: not her own, not one whose game is over; the list has the focus.
      expect(await page.locator("dialog.confirm[open] select option").allTextContents()).toEqual(["Table 2", "Table 3"]);
      expect(await page.evaluate(() => document.activeElement?.id)).toBe("confirm-reason");
      await page.keyboard.press("ArrowDown");
      await page.keyboard.press("Tab");
      await page.keyboard.press("Tab");
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Move");
      await page.keyboard.press("Enter");
      await poll(() => sent).toEqual([{ student: amira.id, table: 3 }]);
      await poll(() => page.locator("#class-roster-msg").textContent()).toBe("Amira was moved to table 3 (Japan).");
      // The class read again: her row says where she is now; the focus is back on her Move.
      await poll(() => page.locator(".class-roster-table tbody tr").first().locator("td").first().textContent()).toBe("3");
      expect(await page.evaluate(() => document.activeElement?.id)).toBe(`class-move-${amira.id}`);
      // How the roster's buttons and the question look on a laptop and a phone (E2E_SCREENSHOTS=1).
      for (const [width, height] of [[1366, 768], [390, 844]] as const) {
        await page.setViewportSize({ width, height });
        await page.locator(`#class-move-${amira.id}`).scrollIntoViewIfNeeded();
        await shot(page, `class-roster-move-${width}x${height}`);
        // The roster scrolls sideways in its card on a phone; the page does not.
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(width);
        await page.locator(`#class-move-${amira.id}`).click();
        await page.locator("dialog.confirm[open]").waitFor();
        await shot(page, `class-move-question-${width}x${height}`);
        await page.locator("#confirm-no").click();
      }
      // Every table over: the move's line goes with the roster's buttons, not left beside a finished class.
      current = { ...status([1, 2, 3, 4].map((n) => table(n, { phase: "ended", deadline: 0, remainingMs: 0 }))), roster: current.roster };
      await page.locator(".class-over").waitFor();
      await poll(() => page.locator(`#class-move-${amira.id}`).count()).toBe(0);
      expect(await page.locator("#class-roster-msg").textContent()).toBe("");
    } finally {
      await page.setViewportSize({ width: 1920, height: 1080 });
      await page.unroute(isMove);
    }
  });
});

describe("the pace buttons' state", () => {
  const enabled = () => Promise.all(["#class-all-pause", "#class-all-resume"].map((id) => page.locator(id).isEnabled()));
  it("offer only the one that changes something: Pause while tables run, Resume while one is paused, both when some are", async () => {
    await open();
    expect(await enabled()).toEqual([true, false]);
    // The tables pause once the command reaches them: a read of the class before the press still finds them running.
    after = status([table(1, { paused: true }), table(2, { paused: true })]);
    await page.locator("#class-all-pause").click();
    await poll(enabled).toEqual([false, true]);
    after = undefined;
    // The keyboard's place moves to the button that now applies.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("class-all-resume");
    current = status([table(1, { paused: true }), table(2)]);
    await page.waitForResponse((r) => r.url().includes("/status"));
    await poll(enabled).toEqual([true, true]);
    // And the tables say what their count of seats done counts.
    expect(await page.locator(".class-tables .hint").textContent()).toContain("a bot's unless an offer or a question waits on it");
    // A table nobody is at (its students gone, bots at every seat) says its clock ends the phase, every seat done or not.
    current = status([table(1), table(2, { connected: 0, people: false, done: { count: 7, total: 7 } })]);
    await page.waitForResponse((r) => r.url().includes("/status"));
    await poll(() => page.locator(".class-done").allTextContents()).toEqual(["4 of 7 seats done", "7 of 7 seats done · the clock ends the phase"]);
    // A student whose phone dropped a moment ago still holds their seat (the phase waits for their "done"): no clock line.
    current = status([table(1), table(2, { connected: 0, people: true, done: { count: 6, total: 7 } })]);
    await page.waitForResponse((r) => r.url().includes("/status"));
    await poll(() => page.locator(".class-done").allTextContents()).toEqual(["4 of 7 seats done", "6 of 7 seats done"]);
  });
});

describe("a control-cell script fitted into a shorter game", () => {
  it("warns beside the plan, and in its question, when fitting crowds a round: its cards and how long its event phase then runs", async () => {
    // The shipped Alliance 2021 script (six rounds, at most six cards in one) at tables of two rounds, 30 s a card, still in their lobby.
    const alliance = JSON.parse(readFileSync(new URL("../../assets/injects/alliance-2021.json", import.meta.url), "utf8")) as { injects: unknown[] };
    shipped = [{ ...alliance, scenario: "classroom-quick" }];
    current = { ...status([table(1, { phase: "lobby", round: 0 }), table(2, { phase: "lobby", round: 0 })]), rounds: 2, eventSeconds: 30 };
    await open("#class-script-load-0");
    await page.locator("#class-script-load-0").click();
    const warning = page.locator("#class-script-crowded");
    await poll(() => warning.textContent()).toMatch(/^Fitted into 2 rounds, round 2 opens with 10 cards, where the script puts at most 6 in a round\. That round's event phase then runs up to 5 min \(30 s a card\)/);
    expect(await page.locator("label[for=class-script-fit]").textContent()).toBe("Fit the script's 6 rounds into this game's 2: its 19 injects keep their order, 9 or 10 a round");
    // Beside the advice not to, scheduling it all is not the blue button.
    const all = page.locator("#class-script-all");
    const primary = () => all.evaluate((el) => el.classList.contains("primary"));
    expect(await primary()).toBe(false);
    // The question before scheduling it all says it again.
    await all.click();
    await poll(() => page.locator("dialog.confirm[open] #confirm-q").textContent()).toContain("round 2 opens with 10 cards");
    await page.locator("#confirm-no").click();
    await page.locator("dialog.confirm").waitFor({ state: "detached" });
    // (The console's reads of the class, not commands, have no body.)
    expect(commands.filter(Boolean)).toEqual([]);
    // Unfitted, the script plays its first two rounds as written: no warning.
    await page.locator("#class-script-fit").uncheck();
    await poll(() => warning.count()).toBe(0);
    await poll(primary).toBe(true);
  });
});

describe("a table whose stored game the rules now refuse to replay", () => {
  // As the server marks it (server/classes/routes.ts, tests/classes/class-refused-table.test.ts).
  const refused = {
    key: "http.rulesChanged",
    args: { n: 9, why: { key: "refusal.secondRegime", args: { country: { ref: "country", id: "US" }, member: { ref: "country", id: "US", inline: true }, id: "A1", sector: { ref: "sector", id: "semis", inline: true }, target: { ref: "country", id: "CN", inline: true } } } },
  } as NonNullable<ClassStatus["tablesDetail"][number]["refused"]>;

  it("is marked with why, in the teacher's language, in place of its facts and links; the other tables show as ever", async () => {
    // The scenario's countries in the teacher's language, as the server answers them (?lang=).
    const inLanguage = (us: string, cn: string): ClassStatus => {
      const base = status([table(1), table(2, { phase: "ended", deadline: 0, remainingMs: 0, outcome: { met: 0, total: 0 }, refused })]);
      return { ...base, countries: [{ id: "US", name: us, inSentence: us === "United States" ? "the United States" : us, bloc: "alliance", control: "person" }, { id: "CN", name: cn, bloc: "rival", control: "bot" }] };
    };
    current = inLanguage("United States", "China");
    await open();
    const mark = page.locator("#class-refused-2");
    expect(await mark.textContent()).toMatch(/^This table cannot be opened\. This game was played under rules that have since changed: move 9 is no longer allowed \(the United States is already in A1 on semiconductors against China \(one regime per sector and target\).*\), so it cannot be replayed\.$/);
    // The other table as ever: its facts and its console.
    expect(await page.locator("#class-open-1").isVisible()).toBe(true);
    expect(await page.locator(".class-table").nth(0).locator(".class-facts").count()).toBe(1);
    // The refused one: no facts a replay would give, no console or projector that cannot open.
    expect(await page.locator(".class-table").nth(1).locator(".class-facts, .actions").count()).toBe(0);
    expect(await page.locator("#class-open-2").count()).toBe(0);
    // In Chinese, once the teacher switches.
    current = inLanguage("美国", "中国");
    await Promise.all([page.waitForEvent("load"), page.locator(".class-page .language-switch select").selectOption("zh-CN")]);
    await page.waitForFunction(() => document.body.dataset.ready === "1", undefined, { timeout: 60_000 });
    await page.evaluate((code) => (window as never as { classPage: { mount(c: string): Promise<void> } }).classPage.mount(code), CODE);
    await poll(() => page.locator("#class-refused-2").textContent()).toMatch(/^这一桌无法打开。这局对局是在此后已修改的规则下进行的：第 9 步现在不再允许（美国已加入 A1（对中国的半导体管制；同一领域、同一对象只能加入一个管制机制）.*），因此无法重放。$/);
  });
});

describe("a table's card before its first round has resolved", () => {
  it("reads no targets met (the starting position is not a result); from the first review on it counts them", async () => {
    const targets = () => page.locator(".class-table dt").evaluateAll((dts) => dts.filter((d) => d.textContent === "Shared targets met").map((d) => d.nextElementSibling!.textContent));
    current = status([table(1, { phase: "lobby", round: 0, deadline: 0, remainingMs: 0 }), table(2, { phase: "negotiation", round: 1 })]);
    await open("#class-table-2");
    await poll(targets).toEqual(["—", "—"]);
    current = status([table(1, { phase: "review", round: 1 }), table(2, { phase: "negotiation", round: 2 })]);
    await poll(targets, { timeout: 20_000 }).toEqual(["1/3", "1/3"]);
  });
});

describe("a class of one table", () => {
  it("counts it as one table, and offers no comparison once it is over: its one button opens the table's console", async () => {
    current = status([table(1)]);
    await open();
    expect(await page.locator(".class-head p.muted").first().textContent()).toMatch(/^1 table · 3 of 14 places taken/);
    current = status([table(1, { phase: "ended", deadline: 0, remainingMs: 0 })]);
    await page.locator(".class-over").waitFor();
    expect(await page.locator(".class-over p").first().textContent()).toBe("The table has finished. Download the grades below, or open the table's console for its report.");
    expect(await page.getByText("Compare the tables", { exact: true }).count()).toBe(0);
    expect(await page.locator(".class-over a.button.primary").getAttribute("href")).toBe("/T1ABCD");
    expect(await page.locator("#class-gradebook-csv").isVisible()).toBe(true);
  });

  it("over, the roster says who left and who never came, not 'away (the seat is kept)' nor 'a bot plays the seat' in a warning's colour", async () => {
    const row = (id: string, name: string, table: number, presence: "here" | "away" | "bot" | "absent") => ({ id: id.repeat(16), name, table, seat: "US", seatName: "United States", roles: ["diplomat"], presence });
    const roster = [row("a", "Amira", 1, "away"), row("b", "Ben", 1, "bot"), row("c", "Cal", 1, "absent"), row("d", "Dee", 1, "here"), row("e", "Eve", 2, "away")];
    const now = async () => page.locator(".class-roster-table tbody tr").evaluateAll((trs) => trs.map((tr) => [tr.querySelector("th")!.textContent, tr.querySelector("td.presence")!.textContent, getComputedStyle(tr.querySelector("td.presence")!).fontWeight]));
    // Table 1 over, table 2 still playing: only table 1's rows change their words.
    current = { ...status([table(1, { phase: "ended" }), table(2)]), roster };
    await open(".class-roster-table");
    await poll(now).toEqual([
      ["Amira", "left", "400"],
      ["Ben", "left; a bot played the seat to the end", "400"],
      ["Cal", "never came to the table", "400"],
      ["Dee", "at the table", "400"],
      ["Eve", "away (the seat is kept)", "600"],
    ]);
  });

  it("offers the comparison of two tables among the downloads while they play, and once over, once: the finished card's first button", async () => {
    current = status([table(1, { phase: "ended" }), table(2)]);
    await open("#class-compare");
    expect(await page.getByText("Compare the tables", { exact: true }).count()).toBe(1);
    // The finished table's card has no clock to show; the one still playing shows its own.
    const facts = (i: number) => page.locator(".class-table").nth(i).locator(".class-facts dt").allTextContents();
    expect(await facts(0)).not.toContain("Clock");
    expect(await facts(1)).toContain("Clock");
    expect(await page.locator(".class-head p.muted").first().textContent()).toMatch(/^2 tables · /);
    // In the downloads row the comparison (a link) looks as the two spreadsheets (buttons) beside it do.
    const looks = await page.locator(".class-exports .actions > *").evaluateAll((els) =>
      els.map((e) => {
        const c = getComputedStyle(e);
        return [Math.round(e.getBoundingClientRect().height), c.fontWeight, c.fontSize, c.borderTopColor, c.paddingTop, c.color].join(" ");
      }),
    );
    expect(looks).toHaveLength(3);
    expect(new Set(looks).size, looks.join(" | ")).toBe(1);
    current = status([table(1, { phase: "ended" }), table(2, { phase: "ended" })]);
    await page.locator(".class-over").waitFor();
    await poll(() => page.getByText("Compare the tables", { exact: true }).count()).toBe(1);
    expect(await page.locator(".class-over a.button.primary").textContent()).toBe("Compare the tables");
    // It looks as a primary button does (filled), not as the plain ones below it.
    const primary = await page.locator(".class-over a.button.primary").evaluate((a) => {
      const probe = document.body.appendChild(Object.assign(document.createElement("button"), { className: "primary" }));
      const look = (e: Element) => [getComputedStyle(e).backgroundColor, getComputedStyle(e).color, getComputedStyle(e).borderTopColor].join(" ");
      const both = [look(a), look(probe), look(document.querySelector("#class-gradebook-csv")!)];
      probe.remove();
      return both;
    });
    expect(primary[0]).toBe(primary[1]);
    expect(primary[0]).not.toBe(primary[2]);
    expect(await page.locator(".class-exports .actions > *").evaluateAll((els) => els.map((e) => e.id))).toEqual(["class-comparison-csv", "class-gradebook-csv"]);
  });
});
