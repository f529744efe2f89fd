/**
 * The control cell in a real browser against the real server: a facilitator runs a short game
 * from the console — starts it, pauses and resumes, writes a custom card (a wrong amount is
 * caught before sending), schedules a deck card, saves a loaded script as a file and loads it
 * back, rules on a player's three-part matrix action, changes the communication rules
 * (announced to all), drills into a seat, ends the game — then
 * downloads the HTML report and finds the inject and the ruling in it; makes and revokes a
 * share link; replays the game on the board; starts a what-if; lists both games in the archive
 * and compares them. Screenshots at 1280×720 and 1024×768 go to test-results/e2e/ (with
 * E2E_SCREENSHOTS=1: tests/e2e/harness.ts, shot).
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { parseInjectScript } from "../../shared/scenario/injects.ts";
import { confirmYes, overflowReport, person, poll, settled, shot, reveal, type RunningServer } from "./harness.ts";
import { createGame } from "../helpers/server-process.ts";
import { join as conn, leaveAll } from "../helpers/game-client.ts";
import { browserPerFile } from "./browser-per-file.ts";

type Person = Awaited<ReturnType<typeof person>>;

let server: RunningServer;
let browser: Browser;
let fac: Person;
let ana: Person; // United States
let code = "";
let forkCode = "";
/** The facilitator key, read off the "keep your key" screen; no address any page requests may hold it. */
let key = "";
const requested: string[] = [];
const INJECT = "Fab fire in Hsinchu";
const scenario = JSON.parse(readFileSync(new URL("../../assets/scenarios/classroom-quick.json", import.meta.url), "utf8")) as { id: string; events: { id: string }[]; countries: { id: string; control: string }[] };
const classroomSeats = scenario.countries.filter((c) => c.control === "seat");
const NOTE = "Approved: the recycling plant opens next year.";
const TICKET = "Trust came before the chips deal.";

const text = async (p: Page, selector: string) => (await p.locator(selector).first().textContent()) ?? "";

async function phaseIs(p: Page, phase: string) {
  await poll(() => p.locator(".topbar .phase").textContent(), { timeout: 20_000 }).toBe(phase);
}

async function part(p: Page, name: "overview" | "injects" | "matrix" | "rules" | "debrief") {
  await p.locator("#tab-console").click();
  await p.locator(`#con-part-${name}`).click();
  await poll(() => p.locator(`#con-part-${name}`).getAttribute("aria-selected")).toBe("true");
}

/** Screenshots at both sizes, with nothing cut off at the edges. */
async function both(p: Page, name: string, fixed = true) {
  for (const [w, h] of [
    [1280, 720],
    [1024, 768],
  ] as const) {
    await p.setViewportSize({ width: w, height: h });
    await settled(p);
    expect(await overflowReport(p), `${name} at ${w}×${h}`).toEqual([]);
    // The game screen and the replay fit the window: panels scroll inside, the page does not grow with them.
    if (fixed) expect(await p.evaluate(() => document.documentElement.scrollHeight - document.documentElement.clientHeight), `${name} page height at ${w}×${h}`).toBeLessThan(10);
    await shot(p, `${name}-${w}x${h}`);
  }
  await p.setViewportSize({ width: 1280, height: 720 });
}

describe("the facilitator console and the debrief in a real browser", () => {
  browserPerFile({ botDelayMs: 600 }, async (s, b) => {
    server = s;
    browser = b;
    fac = await person(browser);
    ana = await person(browser);
    fac.context.on("request", (r) => requested.push(r.url()));
  });

  it("a facilitator creates a game and a player joins; the console shows every seat", async () => {
    const p = fac.page;
    await p.goto(server.url);
    await poll(() => p.locator("#scenario option").count()).toBeGreaterThan(0);
    // A teacher in a hurry who only presses "Create game" gets the short classroom game, not a 13-seat exercise.
    expect(await p.locator("#scenario").inputValue()).toBe("classroom-quick");
    expect(await p.locator("#rounds").inputValue()).toBe("4");
    expect(await text(p, ".create-form .scenario-about")).toContain("4 rounds");
    // Alliance 2021's China is a scripted rival; the red cell makes it a seat, and the seats say so.
    await p.locator("#scenario").selectOption("alliance-2021");
    const seats = p.locator(".create-form p.muted", { hasText: "Seats:" });
    expect(await seats.textContent()).not.toContain("China");
    await p.locator("#red-cell").check();
    expect(await seats.textContent()).toMatch(/Seats: .*, China$/);
    await p.locator("#red-cell").uncheck();
    expect(await seats.textContent()).not.toContain("China");
    await p.locator("#scenario").selectOption("classroom-quick");
    await p.locator("#rounds").fill("2");
    await p.locator("#negotiation").fill("10");
    // The event card's and the review's clocks: the scenario's, and the facilitator may set them.
    expect(await p.locator("#event-seconds").inputValue()).toBe("20");
    expect(await p.locator("#review-seconds").inputValue()).toBe("60");
    await p.locator("#event-seconds").fill("25");
    await p.getByRole("button", { name: "Create game" }).click();
    // The key is shown once, with a download of the code and key, before the console opens.
    await poll(() => p.locator("#key-value").count()).toBe(1);
    // Masked until the facilitator shows it: the laptop may be on the projector.
    expect((await text(p, "#key-value")).replace(/[•\s]/g, "")).toBe("");
    await p.locator("#key-show").click();
    key = (await text(p, "#key-value")).trim();
    // Created with "the facilitator may read private channels" off: the key screen says so, as the lobby does.
    expect(await text(p, ".key-keeper .warn")).toContain("Private channels stay private, also from whoever holds the key");
    expect(await text(p, ".key-keeper .warn")).not.toContain("reads every private message");
    const shown = (await text(p, "#key-code")).trim();
    // Made to be written by hand: the codes' alphabet (no I, l, O, 0), shown in groups of four.
    expect(key).toMatch(/^[ACDEFGHJKMNPQRTUVWXY3469]{32}$/);
    expect(await p.locator("#key-value .key-group").allTextContents()).toEqual(key.match(/.{4}/g));
    await shot(p, "c00-keep-key");
    const [file] = await Promise.all([p.waitForEvent("download"), p.locator("#key-download").click()]);
    expect(file.suggestedFilename()).toBe(`chokepoint-${shown}-facilitator-key.txt`);
    const kept = readFileSync((await file.path())!, "utf8");
    expect(kept).toContain(`Game code: ${shown}`);
    expect(kept).toContain(`Facilitator key: ${key}`);
    await p.locator("#key-continue").click();
    await p.waitForURL(/\/[A-Z0-9]{6}$/, { timeout: 15_000 });
    code = new URL(p.url()).pathname.slice(1);
    expect(code).toBe(shown);
    const report = (await (await fetch(`${server.url}/api/games/${code}/report`, { headers: { "x-facilitator-key": key } })).json()) as { game: { settings: { timers: object } } };
    expect(report.game.settings.timers).toEqual({ eventSeconds: 25, negotiationSeconds: 600, reviewSeconds: 60 });

    await ana.page.goto(`${server.url}/${code}`);
    await ana.page.locator("#name").fill("Ana");
    // A game someone runs offers no country by default (nobody takes one by pressing Join), and a
    // way to wait for the facilitator to seat them.
    await ana.page.locator("#seat-later").waitFor();
    expect(await ana.page.locator("input[name=seat]:checked").count()).toBe(0);
    await ana.page.getByRole("button", { name: "Join as a player" }).click();
    await poll(() => ana.page.locator(".join-form .status").textContent()).toBe("Please choose a country.");
    await ana.page.locator("#seat-US").check();
    await ana.page.getByRole("button", { name: "Join as a player" }).click();
    await poll(() => ana.page.locator(".topbar").textContent()).toContain("Ana");

    await part(p, "overview");
    const us = p.locator(".god-view tr", { has: p.locator("#con-seat-US") });
    await poll(() => us.textContent()).toContain("Ana");
    expect(await us.textContent()).toContain("Connected");
    // One row per seat of the scenario: people's, bots' and empty ones alike.
    expect(await p.locator(".god-view tbody tr").count()).toBe(classroomSeats.length);
    await both(p, "c01-console-lobby");
  }, 90_000);

  it("starts from the console, ends the event, pauses and resumes", async () => {
    const p = fac.page;
    // Start is over every part of the console while the game waits: here, where the script is loaded.
    await part(p, "injects");
    await p.locator("#con-start").click();
    await phaseIs(ana.page, "Event");
    // The facilitator's own page redraws when its view arrives, which may be after the player's.
    await poll(() => p.locator("#con-start").isVisible()).toBe(false);
    await part(p, "overview");
    await p.locator("#con-advance").click();
    await phaseIs(ana.page, "Negotiation");
    // The word stays under the clock into the next phase: it names the phase that ended.
    await poll(() => text(p, ".console-card .status")).toBe("The event has ended.");
    // The extend buttons say which phase they add to, as the phase moves on.
    await poll(() => text(p, "#con-extend1")).toBe("+1 min to the negotiation");
    expect(await text(p, "#con-extend5")).toBe("+5 min to the negotiation");
    await p.locator("#con-pause").click();
    await poll(() => text(p, "#con-clock")).toContain("Paused");
    await poll(() => text(ana.page, ".topbar .timer")).toContain("Paused");
    // The player is told in words, over whatever tab is open, not only by the clock's sign.
    await poll(() => text(ana.page, "#flash")).toBe("The facilitator has paused the game: the clock is stopped; talks and offers go on.");
    expect(await p.locator("#flash").isVisible()).toBe(false);
    expect(await p.locator(".tl-round.tl-current").textContent()).toContain("Negotiation");
    await both(p, "c02-console-paused");
    // Not a pixel of the page scrolls on a facilitator's laptop: nothing hangs below the game
    // screen to lift its top bar (the board's hidden keyboard hint did, with its paragraph's
    // margins: client/styles.css, .sr-only).
    await p.setViewportSize({ width: 1366, height: 768 });
    await settled(p);
    expect(await p.evaluate(() => document.documentElement.scrollHeight - document.documentElement.clientHeight)).toBe(0);
    // Scrolled down a little, the console's sticky row of parts covers the pace buttons. A
    // facilitator at the keyboard who goes back up to one (Shift+Tab) sees it come out from under
    // the row, not stay hidden there with the focus on it.
    const nav = () => p.evaluate(() => document.querySelector(".console-nav")!.getBoundingClientRect().bottom);
    for (const [id, next] of [
      ["con-resume", "con-extend1"],
      ["con-end", "con-pause-hint"],
    ] as const) {
      await p.evaluate(([target, after]) => {
        const panel = document.querySelector(".tabpanel")!;
        panel.scrollTop += document.getElementById(target)!.getBoundingClientRect().top - document.querySelector(".console-nav")!.getBoundingClientRect().top;
        // Where the keyboard was: the control after it (the hint is no control: the focus starts from it).
        const from = document.getElementById(after)!;
        from.tabIndex = -1;
        from.focus({ preventScroll: true });
        from.removeAttribute("tabindex");
      }, [id, next] as const);
      await p.keyboard.press("Shift+Tab");
      expect(await p.evaluate(() => document.activeElement?.id)).toBe(id);
      expect(await p.locator(`#${id}`).evaluate((el) => el.getBoundingClientRect().top)).toBeGreaterThanOrEqual((await nav()) - 1);
    }
    await p.setViewportSize({ width: 1280, height: 720 });
    await p.locator("#con-resume").click();
    // The paused clock reads "Paused · 9:58 left" too: resumed, it says no more that it is paused.
    await poll(() => text(p, "#con-clock")).not.toContain("Paused");
    expect(await text(p, "#con-clock")).toContain("left");
    await poll(() => text(ana.page, "#flash")).toBe("The game goes on: the clock runs again.");
  }, 60_000);

  it("a custom card: a wrong amount is named before sending, then the card plays", async () => {
    const p = fac.page;
    await part(p, "injects");
    // This scenario ships no script: the sentence saying so stands above the file field, not beside its foot.
    // The sentence comes once the list of the scenario's scripts has come over HTTP.
    await p.locator(".script-load > p").waitFor();
    const none = await p.locator(".script-load > p").boundingBox();
    const field = await p.locator(".script-load > .field").boundingBox();
    expect(none!.y + none!.height).toBeLessThanOrEqual(field!.y + 1);
    await p.locator("#inj-submit").click();
    await poll(() => text(p, ".inject-form [data-problem='title'] .field-error")).toBe("Give the card a title.");
    await p.locator("#inj-title").fill(INJECT);
    await p.locator("#inj-text").fill("A fire stops a Taiwanese chip fab for a month.");
    // The first effect is "an effect"; once there is one, the next is "another".
    expect(await text(p, "#inj-eff-add")).toBe("Add an effect");
    await p.locator("#inj-eff-add").click();
    expect(await text(p, "#inj-eff-add")).toBe("Add another effect");
    await p.locator("#inj-eff-target-0").selectOption("JP");
    await p.locator("#inj-eff-metric-0").selectOption("trust");
    await p.locator("#inj-eff-amount-0").fill("-80");
    await p.locator("#inj-eff-add").click();
    await p.locator("#inj-eff-kind-1").selectOption("table");
    await p.locator("#inj-eff-tmetric-1").selectOption("tension");
    await p.locator("#inj-eff-amount-1").fill("4");
    // A ban, as the scenario's cards have: China stops critical minerals to Japan for two rounds.
    await p.locator("#inj-eff-add").click();
    await p.locator("#inj-eff-kind-2").selectOption("restriction");
    expect(await p.locator("#inj-eff-amount-2").isVisible()).toBe(false);
    expect(await text(p, "label[for='inj-eff-target-2']")).toBe("To whom");
    // The rival bloc reads with its countries, and "Everyone" / "All seats" are told apart.
    expect(await p.locator("#inj-eff-target-2 option[value='rival']").textContent()).toBe("The rival bloc (China)");
    expect(await text(p, ".effects-editor > .hint")).toContain("All seats: only the countries players hold.");
    await p.locator("#inj-eff-by-2").selectOption("CN");
    await p.locator("#inj-eff-target-2").selectOption("JP");
    await p.locator("#inj-eff-sector-2").selectOption("minerals");
    await p.locator("#inj-eff-rounds-2").fill("2");
    await p.locator("#inj-submit").click();
    await poll(() => text(p, "[data-problem='effects.0.amount'] .field-error")).toBe("Between −50 and +50.");
    expect(await p.locator("#inj-eff-amount-0").getAttribute("aria-invalid")).toBe("true");
    await shot(p, "c03-inject-invalid");
    await p.locator("#inj-eff-amount-0").fill("-5");
    await poll(() => p.locator("[data-problem='effects.0.amount'] .field-error").count()).toBe(0);
    expect(await text(p, ".inject-preview")).toBe("This card will do: Japan: Trust −5; Table: Tension +4; China stops supplies of critical minerals to Japan for 2 rounds.");
    await p.setViewportSize({ width: 1366, height: 768 });
    await reveal(p.locator(".inject-form .effect-row").nth(2));
    await settled(p);
    await shot(p, "c03b-inject-ban-1366x768");
    await p.setViewportSize({ width: 1280, height: 720 });
    await p.locator("#inj-submit").click();
    await poll(() => text(p, ".inject-form .status-ok")).toContain(INJECT);
    await poll(() => text(ana.page, ".event-strip")).toContain(INJECT);
    // The round's first card is a step back in the strip: the inject came second this round.
    expect(await text(ana.page, "#event-of")).toBe("card 2 of 2");
    await ana.page.getByRole("button", { name: "Previous card of this round" }).click();
    await poll(() => text(ana.page, "#event-of")).toBe("card 1 of 2");
    expect(await text(ana.page, ".event-strip h2")).not.toBe(INJECT);
    await ana.page.getByRole("button", { name: "Next card of this round" }).click();
    await poll(() => text(ana.page, ".event-strip h2")).toBe(INJECT);
    // The players read what a custom card does, as a deck card's text says its effects; the ban is in force.
    expect(await text(ana.page, ".event-strip .event-effects")).toBe("What it does: Japan: Trust −5; Table: Tension +4; China stops supplies of critical minerals to Japan for 2 rounds.");
    await ana.page.setViewportSize({ width: 1366, height: 768 });
    await settled(ana.page);
    await shot(ana.page, "c03c-player-custom-card-1366x768");
    await ana.page.setViewportSize({ width: 1280, height: 720 });
    await poll(() => text(p, ".inject-log")).toContain(INJECT);
    // A deck card scheduled for round 2 shows on the timeline.
    const first = p.locator(".console-deck select").first();
    const id = ((await first.getAttribute("id")) ?? "").replace("deck-when-", "");
    await first.selectOption("2");
    await p.locator(`[id="deck-play-${id}"]`).click();
    await poll(() => text(p, ".console-injects")).toContain("Card scheduled for round 2.");
    // A card's conditional effects are listed with their condition, beside its effects.
    await poll(() => text(p, ".console-deck")).toMatch(/Unless a regime on .+ against .+ includes .+ — /);
    await p.setViewportSize({ width: 1366, height: 768 });
    await reveal(p.locator(".console-deck .effect-line", { hasText: "Unless a regime" }).first());
    await settled(p);
    await shot(p, "c04a-deck-conditional-1366x768");
    await p.setViewportSize({ width: 1280, height: 720 });
    await both(p, "c04-console-injects");
    await part(p, "overview");
    expect(await p.locator(".tl-round").nth(1).locator(".tl-event.scheduled").count()).toBe(1);
  }, 60_000);

  it("a loaded script saves as a file that loads back: the same injects, in the script file's format", async () => {
    const p = fac.page;
    await part(p, "injects");
    // A script of this scenario: a deck card, then a card of its own.
    const script = {
      scenario: "classroom-quick",
      title: "Our own script",
      injects: [
        { id: "r1-micron", round: 1, date: "May 2023", card: "micron-ban", why: "A ban on one firm: who takes its market?" },
        { id: "r2-port", round: 2, date: "Jun 2024", why: "A port closes: who ships around it?", custom: { title: "Port strike", text: "Dockers stop a container port for a week.", effects: [{ kind: "table", metric: "tension", amount: 2 }] } },
      ],
    };
    const injects = p.locator(".script-list li > strong");
    await p.locator("#inj-script-file").setInputFiles({ name: "ours.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(script)) });
    await poll(() => injects.allTextContents()).toHaveLength(2);
    const titles = await injects.allTextContents();
    expect(titles[1]).toBe("Port strike");

    const [saved] = await Promise.all([p.waitForEvent("download"), p.locator("#inj-script-save").click()]);
    expect(saved.suggestedFilename()).toBe("classroom-quick-script.json");
    const json = readFileSync((await saved.path())!, "utf8");
    // The file is what a script file is: parseInjectScript reads it back to the very script loaded.
    expect(parseInjectScript(json, scenario)).toEqual({ ok: true, script });
    // Sending the whole script asks first, saying what it would send; cancelled, nothing is sent.
    await p.locator("#inj-script-all").click();
    // The deck card may have been drawn already: the port strike at least is scheduled for round 2.
    await poll(() => text(p, "dialog.confirm #confirm-q")).toMatch(/^Send the whole script\? 1 card scheduled for round 2(; 1 card played now)?\.$/);
    await p.setViewportSize({ width: 1366, height: 768 });
    await settled(p);
    await shot(p, "c04c-script-all-confirm-1366x768");
    await p.setViewportSize({ width: 1280, height: 720 });
    await p.locator("dialog.confirm #confirm-no").click();
    await p.locator("dialog.confirm").waitFor({ state: "detached" });
    expect(await text(p, "#inj-script-all")).toMatch(/^Schedule the whole script \([12]\)$/);
    await p.setViewportSize({ width: 1366, height: 768 });
    await reveal(p.locator(".script-section"));
    await settled(p);
    await shot(p, "c04b-script-loaded-1366x768");
    await p.setViewportSize({ width: 1280, height: 720 });

    // Unloaded, the section offers the file field again; the saved file loads back to the same injects.
    await p.locator("#inj-script-unload").click();
    await poll(() => p.locator("#inj-script-file").count()).toBe(1);
    expect(await text(p, ".script-load .hint")).toContain("Save a loaded script as a file, edit it, and load it back");
    await p.locator("#inj-script-file").setInputFiles({ name: saved.suggestedFilename(), mimeType: "application/json", buffer: Buffer.from(json) });
    await poll(() => injects.allTextContents()).toEqual(titles);
    await p.locator("#inj-script-unload").click();

    // An eight-round script, one card a round, fitted into this two-round game: round 2 (round 1
    // runs) would open with four, and its event phase's clock (25 s a card, as the game was made) says so.
    const own = (round: number) => ({ id: `r${round}`, round, date: "2024", why: "Why now.", custom: { title: `Card ${round}`, text: "Text.", effects: [{ kind: "table", metric: "tension", amount: 1 }] } });
    const long = { scenario: "classroom-quick", title: "Eight rounds", injects: [1, 2, 3, 4, 5, 6, 7, 8].map(own) };
    await p.locator("#inj-script-file").setInputFiles({ name: "long.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(long)) });
    await poll(() => text(p, "#inj-script-crowded")).toMatch(/^Fitted into 2 rounds, round 2 opens with 4 cards, where the script puts at most 1 in a round\. That round's event phase then runs up to 1\.7 min \(25 s a card\)/);
    // Beside that advice, scheduling it all is not the console's blue button.
    expect(await p.locator("#inj-script-all").evaluate((el) => el.classList.contains("primary"))).toBe(false);
    await p.locator("#inj-script-unload").click();
  }, 60_000);

  it("a player argues a matrix action in three parts; missing parts are named", async () => {
    const a = ana.page;
    await a.locator("#tab-deals").click();
    await a.locator("#pm-submit").click();
    await poll(() => text(a, "[data-problem='aim'] .field-error")).toBe("Say what it should achieve.");
    await a.locator("#pm-action").fill("we fund a gallium recycling plant with Japan");
    await a.locator("#pm-aim").fill("our chip fabs keep running through a ban");
    await a.locator("#pm-reason").fill("China cut gallium exports by half last year");
    await poll(() => text(a, ".matrix-preview")).toContain("We fund a gallium recycling plant with Japan, so that our chip fabs keep running through a ban, because China cut gallium exports by half last year.");
    await a.locator("#pm-submit").click();
    await poll(() => text(a, ".player-matrix")).toContain("waiting for a ruling");
    await reveal(a.locator(".player-matrix"));
    await shot(a, "c05-player-matrix");
  }, 60_000);

  it("the facilitator rules on it: bad odds are caught, then the ruling is announced", async () => {
    const p = fac.page;
    await poll(() => text(p, "#tab-console .count")).toBe("1");
    await part(p, "matrix");
    const card = p.locator("#mq-M1");
    await poll(() => card.count()).toBe(1);
    expect(await card.textContent()).toContain("so that…our chip fabs keep running");
    await card.locator("#mq-M1-roll").check();
    await card.locator("#mq-M1-odds").fill("150");
    await card.locator("#mq-M1-submit").click();
    await poll(() => text(p, "#mq-M1 [data-problem='odds'] .field-error")).toBe("A chance between 0 and 100.");
    await card.locator("#mq-M1-accept").check();
    await card.locator("#mq-M1-eff-add").click();
    await card.locator("#mq-M1-eff-kind-0").selectOption("table");
    await card.locator("#mq-M1-eff-tmetric-0").selectOption("resilience");
    await card.locator("#mq-M1-eff-amount-0").fill("3");
    // Before it is announced, the form shows what the effect would do, as the server's engine reckons it.
    await poll(() => text(p, "#mq-M1-preview")).toMatch(/Table: Supply-chain resilience [\d.]+ → [\d.]+/);
    const [, from, to] = (await text(p, "#mq-M1-preview")).match(/Supply-chain resilience ([\d.]+) → ([\d.]+)/)!;
    expect(Number(to) - Number(from)).toBeCloseTo(Math.min(3, 100 - Number(from)), 5);
    await card.locator("#mq-M1-note").fill(NOTE);
    await shot(p, "c06-ruling-form");
    await card.locator("#mq-M1-submit").click();
    await poll(() => text(p, ".matrix-list.ruled")).toContain(NOTE);
    expect(await text(p, ".matrix-list.ruled")).toContain("Effects: Table: Supply-chain resilience +3");
    await both(p, "c07-console-matrix");
    const a = ana.page;
    await poll(() => text(a, "#pm-item-M1")).toContain("accepted");
    expect(await text(a, "#pm-item-M1")).toContain(NOTE);
    // The player is told over whichever tab is open, and the form's "Sent" goes once the ruling has come.
    expect(await text(a, "#flash")).toBe("The facilitator has ruled on your free-form action M1: accepted. The ruling is in Deals.");
    expect(await text(a, ".matrix-form > .status")).toBe("");
    await reveal(a.locator("#pm-item-M1"));
    await shot(a, "c07b-player-ruling");
    // Players have no console.
    expect(await a.locator("#tab-console").count()).toBe(0);
  }, 60_000);

  it("communication rules are announced to everyone; seats and broadcast", async () => {
    const p = fac.page;
    await part(p, "rules");
    expect(await text(p, ".console-rules .notice")).toContain("announced to all players");
    await p.locator("#con-policy-same-bloc").check();
    await p.locator("#con-reads").check();
    await poll(() => text(p, ".comms-says")).toBe("Will be announced to everyone: Private channels are allowed only within a bloc. The facilitator can now read private channels.");
    await p.evaluate(() => document.querySelector(".tabpanel")!.scrollTo(0, 0));
    await shot(p, "c08a-comms-before-apply");
    await p.locator("#con-comms-apply").click();
    await poll(() => text(p, ".comms-now")).toContain("Only within a bloc");
    expect(await text(p, ".comms-now")).toContain("You can read private channels.");
    // The broadcast sits on the overview with the clock: "five minutes left" goes with the pace.
    await part(p, "overview");
    expect(await p.locator(".console-rules #con-broadcast").count()).toBe(0);
    await p.locator("#con-broadcast").fill("Five minutes left, everyone.");
    await p.locator("#con-broadcast-send").click();
    await poll(() => text(p, ".console-card:has(#con-broadcast) .status")).toBe("Broadcast sent to every player: “Five minutes left, everyone.”");
    // Every player sees it at once, whichever tab is open.
    await poll(() => text(ana.page, "#flash")).toBe("From the facilitator: Five minutes left, everyone.");
    expect(await ana.page.locator("#flash").isVisible()).toBe(true);
    await part(p, "rules");
    await both(p, "c08-console-rules");
    // On a phone the page scrolls under the sticky top bar: the console's parts stick whole below it.
    await p.setViewportSize({ width: 390, height: 844 });
    await reveal(p.locator(".console-seat-admin"));
    await poll(() => p.evaluate(() => window.scrollY)).toBeGreaterThan(200);
    const bar = await p.evaluate(() => ({ top: document.querySelector(".topbar")!.getBoundingClientRect().bottom, tab: document.querySelector("#con-part-rules")!.getBoundingClientRect().top }));
    expect(bar.tab).toBeGreaterThanOrEqual(bar.top);
    // The parts are one row that scrolls sideways (two would hold a quarter of the screen), and
    // changing part leaves the page where it is: the row stays stuck under the top bar, the part
    // chosen in full sight, not the page jumped back up to the map.
    const tops = await p.locator(".console-nav [role=tab]").evaluateAll((els) => els.map((e) => Math.round(e.getBoundingClientRect().top)));
    expect(new Set(tops).size).toBe(1);
    await part(p, "debrief");
    const debrief = await p.evaluate(() => ({ tab: document.querySelector("#con-part-debrief")!.getBoundingClientRect().toJSON() as DOMRect, row: document.querySelector(".console-nav")!.getBoundingClientRect().toJSON() as DOMRect }));
    expect(Math.abs(debrief.tab.top - bar.tab)).toBeLessThanOrEqual(2);
    expect(debrief.tab.right).toBeLessThanOrEqual(debrief.row.right + 1);
    await part(p, "rules");
    await shot(p, "c08b-console-rules-390x844");
    await p.setViewportSize({ width: 1280, height: 720 });
    // The player is told: the news says it, and the Talks panel's privacy note follows.
    await ana.page.locator("#tab-world").click();
    await poll(() => text(ana.page, ".world-panel"), { timeout: 10_000 }).toContain("Communication rules changed");
  }, 60_000);

  it("the god view drills into a seat: people, last action, offers, matrix actions, messages", async () => {
    const p = fac.page;
    await part(p, "overview");
    await p.locator("#con-seat-US").click();
    const detail = p.locator("#con-detail");
    await poll(() => detail.isVisible()).toBe(true);
    // The detail fills in as the seat's activity arrives: read it until it has all three.
    for (const part of ["Ana", "submitted free-form action M1", "Secret objective"]) await poll(() => detail.textContent()).toContain(part);
    await p.locator("#con-cols-metrics").click();
    await poll(() => text(p, ".god-view thead")).toContain("Prosperity");
    // Japan's trust shows this round's change from the card.
    await poll(() => p.locator(".god-view tr", { has: p.locator("#con-seat-JP") }).textContent()).toContain("−5");
    await both(p, "c09-console-overview-detail");
    await p.locator("#con-cols-activity").click();
  }, 60_000);

  it("the facilitator's plenary, where they cannot write, gives its log the room a message box takes on a player's screen", async () => {
    const p = fac.page;
    await p.setViewportSize({ width: 1366, height: 768 });
    try {
      // How far down a long log may reach (a player's, with the message box under it, stops at 46% of the screen).
      const reach = (page: Page) => page.locator(".log-box .messages").evaluate((el) => parseFloat(getComputedStyle(el).maxHeight));
      await p.locator("#tab-talks").click();
      await p.locator("#chan-plenary").click();
      await poll(() => p.locator(".channel .read-only").count()).toBe(1);
      // A long log fills the panel down to its foot (it stopped where a player's does, a third of the panel empty below).
      expect(await reach(p)).toBeGreaterThanOrEqual(768 * 0.55);
      await shot(p, "c09b-facilitator-plenary-1366x768");
    } finally {
      await p.setViewportSize({ width: 1280, height: 720 });
      await part(p, "overview");
    }
  }, 60_000);

  it("ends the game from the console; the end screen and the console offer the report", async () => {
    const p = fac.page;
    // Ending the negotiation asks first. A question left open while the negotiation ends
    // otherwise (here another console, as the clock would) closes: its "yes" would end the review.
    await p.locator("#con-advance").click();
    await poll(() => p.locator("dialog.confirm[open]").count()).toBe(1);
    const other = await conn.facilitator(server.url.replace(/^http/, "ws"), code, key);
    await other.command({ type: "advance", phase: "negotiation", round: 1 });
    await poll(() => p.locator("dialog.confirm").count()).toBe(0);
    await leaveAll(other);
    await phaseIs(p, "Round review");
    await p.locator("#con-end").click();
    await confirmYes(p);
    await phaseIs(ana.page, "Game over");
    // Ended before its last round: the player reads who ended it and when, not "the last round is over".
    await poll(() => text(ana.page, "#end-title + p")).toBe("The facilitator ended the game after round 1 of 2.");
    await p.locator("#tab-end").click();
    await poll(() => p.locator("#end-db-download").count()).toBe(1);
    await reveal(p.locator("#end-db-h"));
    await shot(p, "c10-end-screen-facilitator");
  }, 60_000);

  it("downloads the HTML report: it holds the custom card and the ruling; the CSV has a row per country per round", async () => {
    const p = fac.page;
    await part(p, "debrief");
    // The console's report links carry a short-lived ticket, never the key.
    await poll(() => p.locator("#con-db-open").getAttribute("href")).toContain("ticket=");
    for (const id of ["open", "download", "csv", "log"]) expect(await p.locator(`#con-db-${id}`).getAttribute("href")).not.toContain(key);
    const [download] = await Promise.all([p.waitForEvent("download"), p.locator("#con-db-download").click()]);
    expect(download.suggestedFilename()).toBe(`chokepoint-${code}-report.html`);
    const html = readFileSync((await download.path())!, "utf8");
    expect(html).toContain(INJECT);
    expect(html).toContain(NOTE);
    expect(html).toContain("We fund a gallium recycling plant with Japan");
    const [csv] = await Promise.all([p.waitForEvent("download"), p.locator("#con-db-csv").click()]);
    const rows = readFileSync((await csv.path())!, "utf8").trim().split("\n");
    expect(rows.length - 1).toBeGreaterThanOrEqual(6 * 2);
  }, 60_000);

  it("makes a read-only link, which opens the report; revoked, it does not", async () => {
    const p = fac.page;
    await p.locator("#con-db-share-make").click();
    const link = p.locator(".shares .share-url").first();
    await poll(() => link.count()).toBe(1);
    const url = (await link.getAttribute("href"))!;
    expect((await p.request.get(url)).status()).toBe(200);
    await both(p, "c11-console-debrief");
    const revoke = p.locator(".shares li.live button.danger").first();
    await revoke.click();
    await confirmYes(p);
    await poll(() => p.locator(".shares li.revoked").count()).toBe(1);
    expect((await p.request.get(url)).status()).toBe(403);
    // Revoked, it is no longer shown as a link to open or copy.
    expect(await p.locator(".shares li.revoked a, .shares li.revoked button").count()).toBe(0);
  }, 60_000);

  it("the replay steps through the game round by round on the board", async () => {
    const p = fac.page;
    await p.goto(`${server.url}/${code}/replay`);
    await poll(() => p.locator("#replay-summary").count()).toBe(1);
    await poll(() => p.evaluate(() => !!(window as unknown as { chokepointBoard?: unknown }).chokepointBoard), { timeout: 20_000 }).toBe(true);
    expect(await text(p, ".replay-who")).toContain("Facilitator's replay");
    await p.locator("#replay-first").click();
    await poll(() => text(p, ".replay-frame")).toContain("Start");
    // The place in the replay says it counts steps: "Game over (round 2) · 3 of 3" read as round 3 of 3.
    expect(await text(p, ".replay-frame")).toMatch(/^Start · step 1 of \d+$/);
    await p.keyboard.press("ArrowRight");
    await poll(() => text(p, ".replay-frame")).toContain("round 1");
    expect(await text(p, ".replay-frame")).toMatch(/ · step 2 of \d+$/);
    await poll(() => text(p, ".event-strip")).toContain(INJECT);
    expect(await text(p, "#replay-summary")).toContain(NOTE);
    // The board really drew the map.
    const pixel = await p.evaluate(async () => {
      const board = (window as unknown as { chokepointBoard: { screenOf(id: string): { x: number; y: number }; snapshotPixel(x: number, y: number): Promise<{ r: number; g: number; b: number }> } }).chokepointBoard;
      const us = board.screenOf("US");
      return board.snapshotPixel(Math.round(us.x - 30), Math.round(us.y + 14));
    });
    expect(pixel.b).toBeGreaterThan(pixel.r + 60);
    await both(p, "c12-replay");
    // Playing, the button's every character is drawn by a font of the page, not as an empty box
    // (this machine has no emoji font, like many a classroom's Linux laptop).
    await p.locator("#replay-play").click();
    await poll(() => p.locator("#replay-play").getAttribute("aria-pressed")).toBe("true");
    const boxes = await p.locator("#replay-play").evaluate((el) => {
      const canvas = document.createElement("canvas");
      canvas.width = canvas.height = 48;
      const g = canvas.getContext("2d", { willReadFrequently: true })!;
      const draw = (s: string) => {
        g.clearRect(0, 0, 48, 48);
        g.font = getComputedStyle(el).font;
        g.textBaseline = "top";
        g.fillText(s, 0, 0);
        return g.getImageData(0, 0, 48, 48).data.join(",");
      };
      const none = draw("\u{10FFFD}");
      return [...(el.textContent ?? "")].filter((ch) => ch.trim() && draw(ch) === none);
    });
    expect(boxes).toEqual([]);
    await p.locator("#replay-play").click();
    await poll(() => p.locator("#replay-play").getAttribute("aria-pressed")).toBe("false");
  }, 60_000);

  it("without the key the replay is the public one, with no what-if", async () => {
    const a = ana.page;
    await a.goto(`${server.url}/${code}/replay`);
    await poll(() => text(a, ".replay-who")).toContain("Public replay");
    expect(await a.locator("#replay-fork").count()).toBe(0);
    expect(await a.locator("#replay-last").isDisabled()).toBe(true); // it opens on the last frame
    await a.locator("#replay-prev").click();
    await poll(() => text(a, ".replay-frame")).toContain("round 1");
    await shot(a, "c12b-replay-public");
    // The archive of a browser with no facilitator key says so.
    await a.goto(`${server.url}/archive`);
    await poll(() => text(a, ".archive-list")).toContain("has not run a game as facilitator");
  }, 60_000);

  it("a what-if from round 1 opens as a new game for the same facilitator", async () => {
    const p = fac.page;
    await p.locator("#replay-first").click();
    await p.locator("#replay-fork").click();
    const open = p.locator("#replay-fork-open");
    await poll(() => open.count()).toBe(1);
    forkCode = ((await open.getAttribute("href")) ?? "").slice(1);
    expect(forkCode).toMatch(/^[A-Z0-9]{6}$/);
    expect(forkCode).not.toBe(code);
    await open.click();
    await poll(() => text(p, ".topbar")).toContain(forkCode);
    await poll(() => text(p, ".topbar")).toContain("Facilitator");
    await p.locator("#tab-console").click();
    await poll(() => text(p, "#con-clock")).toContain("Paused");
  }, 60_000);

  it("the archive lists both games; two are compared side by side", async () => {
    const p = fac.page;
    await p.goto(server.url);
    await p.locator("#start-archive").click();
    await p.waitForURL(/\/archive$/);
    await poll(() => p.locator(`#game-${code}`).count()).toBe(1);
    await poll(() => p.locator(`#game-${forkCode}`).count()).toBe(1);
    expect(await text(p, `#game-${forkCode}`)).toContain(`what-if of ${code} from round 1`);
    // The what-if has not finished: its targets so far are not coloured as missed.
    const fork = p.locator(`#game-${forkCode} td`, { hasText: "so far" });
    expect(await fork.count()).toBe(1);
    expect(await fork.getAttribute("class")).not.toMatch(/outcome-(met|missed)/);
    expect(await p.locator("#archive-compare").isDisabled()).toBe(true);
    await p.locator(`#pick-${code}`).check();
    await p.locator(`#pick-${forkCode}`).check();
    await poll(() => p.locator("#archive-compare").isDisabled()).toBe(false);
    await both(p, "c13-archive", false);
    await p.locator("#archive-compare").click();
    await p.waitForURL(/\/compare\//);
    await poll(() => p.locator(".chart-box[data-ready]").count(), { timeout: 20_000 }).toBe(1);
    expect(await text(p, ".compare-games")).toContain(code);
    expect(await text(p, ".compare-games")).toContain(forkCode);
    await p.locator("#compare-metric").selectOption("table:tension");
    await poll(() => text(p, ".chart-data summary")).toContain("Tension");
    // The whole 0–100 scale, as in the report: a few points of change do not fill the chart.
    const scale = () => p.evaluate(() => {
      const y = (window as unknown as { chokepointCompareChart?: { scales: { y: { min: number; max: number } } } }).chokepointCompareChart?.scales.y;
      return y ? [y.min, y.max] : [];
    });
    await poll(scale).toEqual([0, 100]);
    // The y axis's title reads level above the chart, not on its side beside the axis (Chinese on its side is hard to read).
    expect(await text(p, "#compare-axis")).toBe("Tension");
    const [axis, chart] = await Promise.all([p.locator("#compare-axis").boundingBox(), p.locator("#compare-chart").boundingBox()]);
    expect(axis!.y + axis!.height).toBeLessThanOrEqual(chart!.y + 1);
    expect(await p.evaluate(() => (window as unknown as { chokepointCompareChart?: { options: { scales: { y: { title?: { display?: boolean } } } } } }).chokepointCompareChart?.options.scales.y.title?.display)).toBe(false);
    await both(p, "c14-compare", false);
    const unexpected = [...fac.errors, ...ana.errors];
    expect(unexpected).toEqual([]);
  }, 90_000);

  it("on another computer, the code and the kept key open the console and the report; a wrong key does not", async () => {
    const other = await person(browser);
    other.context.on("request", (r) => requested.push(r.url()));
    try {
      const p = other.page;
      await p.goto(`${server.url}/${forkCode}`);
      await p.locator("#fac-open summary").click();
      await p.locator("#fac-key").fill("not-the-key-of-this-game");
      await p.getByRole("button", { name: "Open the console" }).click();
      await poll(() => text(p, ".fac-open-form .status")).toContain("facilitator key does not open this game");
      // Typed as it was written down: in its groups, in lower case.
      await p.locator("#fac-key").fill(key.match(/.{4}/g)!.join(" ").toLowerCase());
      await p.getByRole("button", { name: "Open the console" }).click();
      await poll(() => text(p, ".topbar")).toContain("Facilitator");
      await part(p, "debrief");
      await poll(() => p.locator("#con-db-open").getAttribute("href")).toContain("ticket=");
      const [tab] = await Promise.all([other.context.waitForEvent("page"), p.locator("#con-db-open").click()]);
      await tab.waitForLoadState();
      await poll(() => tab.locator(".facts").first().textContent()).toContain(forkCode);
      expect(await tab.locator(".kicker").textContent()).not.toContain("public");
      expect(tab.url()).not.toContain(key);
      // A refresh keeps the console: the key stays in this browser, not in the address.
      await p.reload();
      await poll(() => text(p, ".topbar")).toContain("Facilitator");
      expect(p.url()).toBe(`${server.url}/${forkCode}`);
    } finally {
      await other.context.close();
    }
    // Every address any page asked for, in every tab of the test: none holds the key.
    expect(requested.length).toBeGreaterThan(20);
    expect(requested.filter((u) => u.includes(key) || /[?&]key=/.test(u))).toEqual([]);
  }, 90_000);
  it("a finished game: on another computer, its code and the kept key open the facilitator's debrief with the exit tickets and gradebook; My games offers them too", async () => {
    // A short game played to its end: Nia answers the exit ticket, then everyone leaves and the
    // finished game's room closes. From then on nobody can join it.
    const ws = server.url.replace(/^http/, "ws");
    const done = await createGame(server, { scenarioId: "classroom-quick", settings: { rounds: 1, bots: true } });
    const running = await conn.facilitator(ws, done.code, done.facilitatorKey);
    const nia = await conn.player(ws, done.code, { name: "Nia", seat: "JP" });
    await running.command({ type: "start" });
    await running.command({ type: "end-game" });
    await poll(() => nia.view().phase).toBe("ended");
    expect(await nia.room.request("exit-ticket", { answers: [TICKET, "", ""] })).toMatchObject({ ok: true });
    // While its room is still open (Nia and the console are in it), the game is as over for a newcomer:
    // no seat to join, and the facilitator's key opens the debrief.
    const early = await person(browser);
    try {
      await early.page.goto(`${server.url}/${done.code}`);
      await poll(() => text(early.page, ".join-details")).toContain("This game is over");
      expect(await early.page.locator('input[name="seat"]').count()).toBe(0);
      await early.page.locator("#fac-open summary").click();
      await early.page.locator("#fac-key").fill(done.facilitatorKey);
      await early.page.getByRole("button", { name: "Open the debrief" }).click();
      await poll(() => early.page.locator("#over-db-open").getAttribute("href")).toContain("ticket=");
    } finally {
      await early.context.close();
    }
    await leaveAll(nia, running);
    await poll(async () => ((await (await fetch(`${server.url}/api/games/${done.code}`)).json()) as { seats: unknown[] }).seats.length, { timeout: 30_000 }).toBe(0);

    const other = await person(browser);
    other.context.on("request", (r) => requested.push(r.url()));
    try {
      const p = other.page;
      await p.goto(`${server.url}/${done.code}`);
      await poll(() => text(p, ".join-details")).toContain("This game is over");
      await p.locator("#fac-open summary").click();
      await p.locator("#fac-key").fill("not-the-key-of-this-game");
      await p.getByRole("button", { name: "Open the debrief" }).click();
      await poll(() => text(p, ".fac-open-form .status")).toContain("facilitator key does not open this game");
      expect(await p.locator("#over-db-open").count()).toBe(0);
      await p.locator("#fac-key").fill(done.facilitatorKey);
      await p.getByRole("button", { name: "Open the debrief" }).click();
      // The end screen's debrief: the report, its exports, the exit tickets and gradebook, the replay.
      await poll(() => p.locator("#over-db-open").getAttribute("href")).toContain("ticket=");
      expect(await text(p, "#over-title")).toContain("Classroom quick start 2023");
      const [tab] = await Promise.all([other.context.waitForEvent("page"), p.locator("#over-db-open").click()]);
      await tab.waitForLoadState();
      await poll(() => tab.locator(".facts").first().textContent()).toContain(done.code);
      expect(await tab.locator(".kicker").textContent()).not.toContain("public");
      await tab.close();
      const [book] = await Promise.all([p.waitForEvent("download"), p.locator("#over-db-gradebook").click()]);
      expect(book.suggestedFilename()).toBe(`chokepoint-${done.code}-gradebook.csv`);
      const rows = readFileSync((await book.path())!, "utf8");
      expect(rows).toContain("Nia");
      expect(rows).toContain(TICKET);
      await both(p, "c15-finished-game-debrief", false);
      // A refresh opens the debrief again: the key stays in this browser.
      await p.reload();
      await poll(() => p.locator("#over-db-open").count()).toBe(1);

      // My games: the finished game, one of its key's, offers its exit tickets and gradebook there too.
      await p.goto(`${server.url}/archive`);
      await poll(() => p.locator(`#game-${done.code}`).count()).toBe(1);
      expect(await text(p, ".archive-group h2")).toBe("Classroom quick start 2023 · 1 game");
      expect(await text(p, `#game-${done.code}`)).toContain("Exit tickets & gradebook");
      const [again] = await Promise.all([p.waitForEvent("download"), p.locator(`#gradebook-${done.code}`).click()]);
      expect(readFileSync((await again.path())!, "utf8")).toContain(TICKET);
      // Another key, of one game: "1 game", not "1 games".
      const single = await createGame(server, { scenarioId: "multipolar-2024", settings: { rounds: 1 } });
      await p.locator(".add-key summary").click();
      await p.locator("#archive-key").fill(single.facilitatorKey);
      await p.locator("#archive-key-add").click();
      await poll(() => text(p, ".add-key .status")).toBe("Key added: 1 game.");
      await poll(() => p.locator(`#game-${single.code}`).count()).toBe(1);
      await both(p, "c16-archive-one-game", false);
      expect(other.errors.filter((e) => !e.startsWith("403 "))).toEqual([]);
    } finally {
      await other.context.close();
    }
    expect(requested.filter((u) => u.includes(done.facilitatorKey) || /[?&]key=/.test(u))).toEqual([]);
  }, 120_000);
});
