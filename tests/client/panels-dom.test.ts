/**
 * The panels that a long game patches most — the deal list, the message log and the console's
 * overview — in a real Chromium (Vite serves tests/client/dom/panels.html and the client's own
 * modules), rendered view after view as state patches bring them: a row nothing changed is the
 * same DOM node after the patch, a changed row is redrawn alone, the reader's place in the log
 * holds, and typing in a text field (the chat composer, the matrix form) is not interrupted — the
 * field keeps focus and caret and never blurs. Views come from the real engine (./fixtures.ts).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { createGame, preview, previewRuling } from "../../shared/engine/index.ts";
import type { GameState } from "../../shared/engine/types.ts";
import type { ClientView } from "../../shared/protocol/view.ts";
import { loadScenario } from "../../shared/scenario/validate.ts";
import { chromiumPath } from "../e2e/harness.ts";
import { domPages, type DomPages } from "../helpers/dom-page.ts";
import { asFacilitator, asObserver, asSeat, clientView, negotiation, review, scenario, seatsOf, step, supplyDraft } from "./fixtures.ts";
import { leaveDraft } from "../../shared/engine/agreements/index.ts";
import { agreementById } from "../../shared/engine/world.ts";
import { analyze, setupOf } from "../../server/debrief/analysis.ts";
import { buildReport } from "../../server/debrief/report.ts";
import { renderReportHtml } from "../../server/debrief/report-html.ts";
import { englishWords } from "../../server/debrief/words.ts";
import type { GameRecord } from "../../server/storage/store.ts";
import { scriptedGame, SETTINGS } from "../debrief/fixtures.ts";
import { getScenario } from "../../server/scenarios.ts";
import { CURRENT_EDITION } from "../../shared/engine/deal-ids.ts";

const ROOT = join(import.meta.dirname, "..", "..");
const seat = (id: string) => ({ kind: "seat" as const, seat: id, roles: ["diplomat" as const, "regulator" as const, "envoy" as const] });
const chat = (s: GameState, from: string, text: string, channel = "plenary") => step(s, { actor: seat(from), move: { type: "chat", channel, text } });

let pages: DomPages;
let page: Page;

type Kind = "deals" | "talks" | "overview" | "matrix" | "rules" | "injects" | "country" | "review" | "world" | "observer" | "exit" | "event" | "lobby";
const mount = (kind: Kind, view: ClientView) => page.evaluate(([k, v]) => (window as never as { panels: { mount(k: string, v: unknown): void } }).panels.mount(k, v), [kind, view] as const);
const patch = (view: ClientView) => page.evaluate((v) => (window as never as { panels: { patch(v: unknown): void } }).panels.patch(v), view);
/** The whole game screen (bar, board, tabs) on this view. */
const screenOn = (view: ClientView) => page.evaluate((v) => (window as never as { panels: { screen(v: unknown): void } }).panels.screen(v), view);
/** Runs `fn` with the first-game guide under way for game `code` (client/model/guide.ts `guideWanted`), then ends it. */
async function withGuide(code: string, fn: () => Promise<void>) {
  await page.evaluate((c) => localStorage.setItem("chokepoint:guide", `active:${c}`), code);
  try {
    await fn();
  } finally {
    await page.evaluate(() => localStorage.removeItem("chokepoint:guide"));
  }
}
/** A patch as the game screen takes it: redrawn in a coming frame. */
const patchLater = (view: ClientView) => page.evaluate((v) => (window as never as { panels: { patchLater(v: unknown): void } }).panels.patchLater(v), view);
const sent = () => page.evaluate(() => (window as never as { panels: { sent: unknown[] } }).panels.sent.splice(0));
/** The preview requests made since the last call. */
const previewsAsked = () => page.evaluate(() => (window as never as { panels: { previews: unknown[] } }).panels.previews.splice(0));
/** Two animation frames: a redraw scheduled before them has run, unless it waits. */
const frames = () => page.evaluate(() => new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done()))));
/** Presses the mouse on `selector` and keeps it down. */
async function pressOn(selector: string) {
  const box = (await page.locator(selector).boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
}

/** Keeps the nodes matching `selector` (by their index) for a later `same`. */
const keep = (selector: string) => page.evaluate((sel) => ((window as never as { kept: Element[] }).kept = [...document.querySelectorAll(sel)]).length, selector);
/** For each kept node: still in the page, and still the one at its place. */
const same = (selector: string) => page.evaluate((sel) => {
  const kept = (window as never as { kept: Element[] }).kept;
  const now = [...document.querySelectorAll(sel)];
  return kept.map((el, i) => el.isConnected && now[i] === el);
}, selector);

/** Focuses a text field, types, puts the caret inside the text and counts the field's blurs from now on. */
async function typeInto(selector: string, text: string, caret: number) {
  await page.locator(selector).click();
  await page.keyboard.type(text);
  await page.evaluate(
    ([sel, at]) => {
      const field = document.querySelector<HTMLTextAreaElement>(sel)!;
      field.setSelectionRange(at, at);
      (window as never as { blurs: number }).blurs = 0;
      field.addEventListener("blur", () => (window as never as { blurs: number }).blurs++);
    },
    [selector, caret] as const,
  );
}
const fieldState = (selector: string) =>
  page.evaluate((sel) => {
    const field = document.querySelector<HTMLTextAreaElement>(sel)!;
    return { focused: document.activeElement === field, value: field.value, caret: field.selectionStart, blurs: (window as never as { blurs: number }).blurs };
  }, selector);

beforeAll(async () => {
  chromiumPath();
  // Built once: the file loads its page a dozen times (tests/helpers/dom-page.ts).
  pages = await domPages({ built: ["panels.html"] });
  page = await pages.browser.newPage({ viewport: { width: 420, height: 900 } });
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(pages.url("panels.html"));
  await page.waitForFunction(() => document.body.dataset.ready === "1", undefined, { timeout: 60_000 }).catch((e) => {
    throw new Error(`the panels page did not load: ${errors.join("; ")} ${e}`);
  });
}, 120_000);

afterAll(async () => {
  await pages?.close();
});

describe("the round's event card on a phone", () => {
  const openTab = (tab: string) => page.evaluate((t) => (window as never as { panels: { openTab(t: string): void } }).panels.openTab(t), tab);
  const card = () =>
    page.evaluate(() => {
      const strip = document.querySelector<HTMLElement>(".event-strip")!;
      const fold = strip.querySelector<HTMLButtonElement>("#event-fold")!;
      const text = strip.querySelector<HTMLElement>("#event-more p")!;
      const controls = (fold.getAttribute("aria-controls") ?? "").split(" ").filter(Boolean);
      return {
        title: strip.querySelector("h2")!.textContent,
        textShown: text.getClientRects().length > 0,
        height: strip.getBoundingClientRect().height,
        button: fold.getClientRects().length > 0 ? fold.textContent!.trim() : null,
        expanded: fold.getAttribute("aria-expanded"),
        controlsAll: controls.length > 0 && controls.every((id) => !!document.getElementById(id) && strip.contains(document.getElementById(id))),
        focused: document.activeElement === fold,
      };
    });
  const eventPhase = () => step(createGame({ scenario, settings: { seed: "client-tests" } }), { actor: { kind: "facilitator" }, move: { type: "start" } });

  it("shows whole in the event phase, then folds to its title and a Details button that unfolds it from the keyboard", async () => {
    await mount("event", clientView(eventPhase(), asSeat("US")));
    const whole = await card();
    expect(whole).toMatchObject({ textShown: true, expanded: "true" });
    expect(whole.height).toBeGreaterThan(100);

    // The negotiation opens on the same card: every tab's panel starts under a one-line strip.
    await patch(clientView(negotiation(), asSeat("US")));
    const folded = await card();
    expect(folded).toMatchObject({ title: whole.title, textShown: false, expanded: "false", controlsAll: true });
    expect(folded.button).toMatch(/^Details/);
    expect(folded.height).toBeLessThan(60);
    await openTab("deals");
    expect((await card()).textShown).toBe(false);

    await page.locator("#event-fold").focus();
    await page.keyboard.press("Enter");
    expect(await card()).toMatchObject({ textShown: true, expanded: "true", focused: true });
    // The player's choice holds through patches and tabs until the phase moves on.
    await openTab("talks");
    expect((await card()).textShown).toBe(true);
    await page.keyboard.press("Space");
    expect(await card()).toMatchObject({ textShown: false, expanded: "false", focused: true });
  });

  it("a card this screen sees first in the negotiation (a late join, a facilitator's card) shows whole until another tab opens", async () => {
    let s = negotiation();
    await mount("event", clientView(s, asSeat("US")));
    expect((await card()).textShown).toBe(true);
    await openTab("deals");
    expect((await card()).textShown).toBe(false);

    s = step(s, { actor: { kind: "facilitator" }, move: { type: "custom-event", title: "Port strike in Rotterdam", text: "Dockers stop loading chip tools for a week.", effects: [] } });
    await patch(clientView(s, asSeat("US")));
    expect(await card()).toMatchObject({ title: "Port strike in Rotterdam", textShown: true });
    // Where a deck card shows its date, a badge that opens with a capital as the date does.
    expect(await page.locator(".event-strip .event-date").first().textContent()).toBe("Facilitator's card");
    await openTab("country");
    expect(await card()).toMatchObject({ title: "Port strike in Rotterdam", textShown: false });
  });

  it("the lobby shows the scenario's summary, the review the round's card, and once the game is over the strip is gone", async () => {
    await page.setViewportSize({ width: 1200, height: 900 });
    try {
      const shown = () => page.locator(".event-strip").isVisible();
      const lobby = createGame({ scenario, settings: { seed: "client-tests" } });
      const waiting = clientView(lobby, asFacilitator);
      await mount("event", waiting);
      expect(await page.locator(".event-strip").textContent()).toBe(waiting.scenario.summary);
      const s = review();
      const reviewing = clientView(s, asFacilitator);
      await patch(reviewing);
      expect(await shown()).toBe(true);
      expect(reviewing.events.filter((e) => e.round === reviewing.round).map((e) => e.title)).toContain(await page.locator(".event-strip h2").textContent());
      await patch(clientView(step(s, { actor: { kind: "facilitator" }, move: { type: "end-game" } }), asFacilitator));
      expect(await shown()).toBe(false);
      await patch(clientView(step(s, { actor: { kind: "facilitator" }, move: { type: "end-game" } }), asSeat("US")));
      expect(await shown()).toBe(false);
    } finally {
      await page.setViewportSize({ width: 420, height: 900 });
    }
  });

  it("a round the deck has no card left for says so, in the event phase and the negotiation, instead of showing an earlier round's card", async () => {
    const rounds = scenario.events.length + 1;
    let s = step(createGame({ scenario, settings: { seed: "client-tests", rounds } }), { actor: { kind: "facilitator" }, move: { type: "start" } });
    while (s.round < rounds && s.phase !== "ended") s = step(s, { actor: { kind: "system" }, move: { type: "advance" } });
    expect(s.events.filter((e) => e.round === rounds)).toEqual([]);
    for (const viewer of [asSeat("US"), asObserver]) {
      await mount("event", clientView(s, viewer));
      const strip = page.locator(".event-strip");
      expect(await strip.textContent()).toBe("No event card this round: the deck has no card left to draw.");
      expect(await strip.locator("h2").count()).toBe(0);
      await patch(clientView(step(s, { actor: { kind: "system" }, move: { type: "advance" } }), viewer));
      expect(await strip.textContent()).toBe("No event card this round: the deck has no card left to draw.");
    }
    // A card the facilitator plays in that round shows as usual.
    s = step(s, { actor: { kind: "facilitator" }, move: { type: "custom-event", title: "Port strike in Rotterdam", text: "Dockers stop loading chip tools for a week.", effects: [] } });
    await patch(clientView(s, asSeat("US")));
    expect(await page.locator(".event-strip h2").textContent()).toBe("Port strike in Rotterdam");
  });

  it("on a laptop it stays whole, with no button", async () => {
    await page.setViewportSize({ width: 1200, height: 900 });
    try {
      await mount("event", clientView(negotiation(), asSeat("US")));
      await openTab("deals");
      expect(await card()).toMatchObject({ textShown: true, button: null });
    } finally {
      await page.setViewportSize({ width: 420, height: 900 });
    }
  });
});

describe("links alone on their line, on a phone", () => {
  it("an event card's source, the end screen's 'what really happened' and the report's languages are 40 px or taller to tap", async () => {
    await mount("event", clientView(step(createGame({ scenario, settings: { seed: "client-tests" } }), { actor: { kind: "facilitator" }, move: { type: "start" } }), asSeat("US")));
    const height = async (sel: string, on = page) => (await on.locator(sel).first().boundingBox())!.height;
    expect(await height(".event-strip .source a")).toBeGreaterThanOrEqual(40);
    await page.evaluate(() => (window as never as { panels: { epilogue(): void } }).panels.epilogue());
    expect(await height("#end-epilogue")).toBeGreaterThanOrEqual(40);
    // The report is a page of its own, drawn by the server; a phone-wide screen with a mouse too.
    const g = scriptedGame({ stopAfterRound: 1 });
    const record: GameRecord = { code: "ACDEFG", scenario: g.setup.scenario, settings: SETTINGS, seed: String(g.setup.settings.seed), keyHash: "0".repeat(64), createdAt: 0, finishedAt: null };
    const html = renderReportHtml(buildReport(record, analyze(setupOf(record), g.log.map((action) => ({ action, at: 0 }))), "public"), englishWords(), (l) => `?lang=${l}`);
    const report = await pages.browser.newPage({ viewport: { width: 390, height: 844 } });
    await report.setContent(html);
    expect(await height(".langs a", report)).toBeGreaterThanOrEqual(40);
    await report.close();
  });
});

describe("the result card in the English UI", () => {
  it("draws a Chinese player's name with the Chinese fonts of the page's list, once their files are in (this machine has no Chinese font)", async () => {
    // Every Chinese text the canvas draws, with its font and whether a loaded face of a family in that font covers each character.
    await page.evaluate(() => {
      const w = window as unknown as { drawn: { text: string; font: string; covered: boolean }[] };
      w.drawn = [];
      const fill = CanvasRenderingContext2D.prototype.fillText;
      const ranges = (f: FontFace) => f.unicodeRange.split(",").map((r) => r.trim().replace(/^U\+/i, "").split("-").map((x) => parseInt(x, 16)));
      CanvasRenderingContext2D.prototype.fillText = function (this: CanvasRenderingContext2D, text: string, x: number, y: number) {
        if (/[\u4e00-\u9fff]/.test(text)) {
          const loaded = [...document.fonts].filter((f) => f.status === "loaded" && this.font.includes(`"${f.family.replace(/"/g, "")}"`));
          const covered = [...text].filter((ch) => /[\u4e00-\u9fff]/.test(ch)).every((ch) => loaded.some((f) => ranges(f).some(([a, b]) => ch.codePointAt(0)! >= a! && ch.codePointAt(0)! <= (b ?? a)!)));
          w.drawn.push({ text, font: this.font, covered });
        }
        return fill.call(this, text, x, y);
      };
    });
    // Characters of the shipped subset: the whole font's slices are files in node_modules, which this page's dev server may not serve.
    const name = "王明的台湾";
    await page.evaluate(
      (card) => (window as never as { panels: { resultCard(c: unknown): void } }).panels.resultCard(card),
      { title: "Classroom quick start 2023", headline: `${name}: 61 points, 1st of 7`, lines: ["Targets met: 2 of 3"], text: "" },
    );
    // The card is drawn again once the files of its characters are in: its last drawing of the name is whole.
    await expect
      .poll(() => page.evaluate((n) => (window as unknown as { drawn: { text: string; covered: boolean }[] }).drawn.filter((d) => d.text.includes(n)).at(-1)?.covered ?? false, name), { timeout: 20_000 })
      .toBe(true);
    const last = await page.evaluate((n) => (window as unknown as { drawn: { text: string; font: string }[] }).drawn.filter((d) => d.text.includes(n)).at(-1)!.font, name);
    expect(last).toContain('"Noto Sans SC Web"');
  });
});

describe("the deal list", () => {
  it("an offer I can no longer sign says why, with no Sign button, and changes when the deal in the way is signed", async () => {
    const pact = (s: GameState, parties: string[]) => step(s, { actor: seat(parties[0]!), move: { type: "propose", draft: { terms: { type: "screening" }, parties, duration: 3 } } });
    let s = pact(pact(negotiation(), ["US", "JP"]), ["NL", "US", "JP"]);
    await mount("deals", clientView(s, asSeat("US")));
    expect(await page.locator("#offer-A4-sign").count()).toBe(1);
    s = step(s, { actor: seat("JP"), move: { type: "sign", agreementId: "A3", revision: 1 } });
    await patch(clientView(s, asSeat("US")));
    expect(await page.locator("#offer-A4-sign").count()).toBe(0);
    const offer = page.locator(".deal-list article.deal", { hasText: "A4" }).first();
    // (This page has no scenario names set: the countries read as their ids.)
    expect(await offer.locator(".deal-blocked").textContent()).toBe("You cannot sign this as things stand: the United States and Japan already treat each other as trusted investors (A3).");
    expect(await offer.locator("#offer-A4-decline").count()).toBe(1);
  });

  it("the round's review lists the reader's offers that lapsed unsigned, to their parties only", async () => {
    // A2, the Netherlands' regime, waits on the United States and Japan; A3: a pact the United
    // States offers India, which never signs it. The round resolves with both open.
    let s = step(negotiation(), { actor: seat("US"), move: { type: "propose", draft: { terms: { type: "screening" }, parties: ["US", "IN"], duration: 2 } } });
    s = step(s, { actor: { kind: "system" }, move: { type: "advance" } });
    expect(s.phase).toBe("review");
    const lapsed = () => page.locator(".review-panel section[aria-labelledby=rv-lapsed]");
    await mount("review", clientView(s, asSeat("US")));
    await expect.poll(() => lapsed().textContent()).toMatch(/^Offers that lapsed unsigned.*A3 lapsed unsigned: /);
    expect(await lapsed().locator("li").allTextContents()).toEqual([
      "A2 lapsed unsigned: Controls by the Netherlands, the United States and Japan on exports of frontier semiconductors to China",
      "A3 lapsed unsigned: Trusted-investor pact of the United States and India",
    ]);
    // Another country does not see the offer, nor its lapse.
    await mount("review", clientView(s, asSeat("KE")));
    await frames();
    expect(await lapsed().count()).toBe(0);
  });

  it("my own deal in the ledger gives its rounds and its fate as another country's deal does", async () => {
    // A1 (US–JP supply, mine) and A2 (NL–US–JP regime) took force as the round resolved.
    const s = review();
    const line = (id: string) => page.locator(".ledger article.deal", { hasText: `${id} ·` }).first();
    await mount("deals", clientView(s, asSeat("KE")));
    const other = (await line("A1").textContent())!;
    expect(other).toMatch(/rounds 1–2/);
    expect(other).toContain("R1 took force");
    await mount("deals", clientView(s, asSeat("US")));
    expect(await line("A1").getAttribute("class")).not.toContain("compact"); // my deal's card, not another's line
    const mine = (await line("A1").textContent())!;
    expect(mine).toMatch(/rounds 1–2/);
    expect(mine).toContain("R1 took force");
  });

  it("a deal a party walked out of says so once on another country's ledger line", async () => {
    // A1 (US–JP supply, signed): Japan withdraws, and the deal is broken.
    const s = step(negotiation(), { actor: seat("JP"), move: { type: "withdraw", agreementId: "A1" } });
    await mount("deals", clientView(s, asSeat("KE")));
    const a1 = (await page.locator(".ledger article.deal", { hasText: "A1 ·" }).first().textContent())!;
    expect(a1).toContain("R1 withdrawn by Japan");
    expect(a1.match(/withdrawn by/g)).toHaveLength(1);
  });

  it("my deal's card names a party that walked out once: its reason names the speaker alone", async () => {
    // A2 (the Netherlands' regime with the United States and Japan) signed; Japan walks out, saying why, and the others carry on.
    let s = negotiation();
    for (const p of ["US", "JP"]) s = step(s, { actor: seat(p), move: { type: "sign", agreementId: "A2", revision: 1 } });
    s = step(s, { actor: seat("JP"), move: { type: "withdraw", agreementId: "A2" }, reason: "We need the wafers at home." });
    await mount("deals", clientView(s, asSeat("US")));
    const card = page.locator(".ledger article.deal", { hasText: "A2 ·" }).first();
    expect(await card.getAttribute("class")).not.toContain("compact"); // my live deal's card
    const text = (await card.textContent())!;
    expect(text).toContain("R1 withdrawn by Japan");
    expect(text.match(/withdrawn by/g)).toHaveLength(1);
    expect(await card.locator(".deal-reason").textContent()).toBe("Japan: “We need the wafers at home.”");
  });

  it("my offer another party countered says once who made its terms, and whose words its reason is", async () => {
    let s = step(negotiation(), { actor: seat("US"), move: { type: "propose", draft: supplyDraft } });
    const id = s.agreements.at(-1)!.id;
    const terms = supplyDraft.terms as Extract<typeof supplyDraft.terms, { type: "supply" }>;
    s = step(s, { actor: seat("JP"), move: { type: "amend", agreementId: id, revision: 1, draft: { ...supplyDraft, terms: { ...terms, price: terms.price + 1 } } }, reason: "A fairer price." });
    await mount("deals", clientView(s, asSeat("US")));
    const card = page.locator(".deal-list article.deal", { hasText: `${id} ·` }).first();
    const text = (await card.textContent())!;
    expect(text).toContain("proposed by you, revision 2 by Japan");
    expect(text).not.toContain("amended by Japan");
    expect(await card.locator(".deal-reason").textContent()).toBe("Japan: “A fairer price.”");
  });

  it("the ledger's line says a party stepped out of an offer, not that it amended it, and gives the reason a refusal came with, as the card does", async () => {
    let s = negotiation();
    // Japan takes itself out of A2 (the Netherlands' regime), then the Netherlands declines what is left, saying why.
    s = step(s, { actor: seat("JP"), move: { type: "amend", agreementId: "A2", revision: 1, draft: leaveDraft(agreementById(s, "A2")!, "JP")! } });
    s = step(s, { actor: seat("NL"), move: { type: "decline", agreementId: "A2", revision: 2 }, reason: "Not without Japan." });
    // The United States offers Japan a second supply deal; Japan declines it at length.
    const long = "Our fabs need every wafer we make this year, and the price would not cover the new export licences; ask again when the new line in Kumamoto runs.";
    s = step(s, { actor: seat("US"), move: { type: "propose", draft: { ...supplyDraft, terms: { ...(supplyDraft.terms as Extract<typeof supplyDraft.terms, { type: "supply" }>), volume: 2 } } } });
    const a = s.agreements.at(-1)!.id;
    s = step(s, { actor: seat("JP"), move: { type: "decline", agreementId: a, revision: 1 }, reason: long });
    await mount("deals", clientView(s, asFacilitator));
    const line = (id: string) => page.locator(".ledger article.deal", { hasText: `${id} ·` }).first();
    const a2 = (await line("A2").textContent())!;
    expect(a2).toContain("R1 Japan stepped out");
    expect(a2).not.toContain("amended by Japan");
    // The line's fate says "declined by the Netherlands"; the reason names its speaker alone.
    expect(a2).toContain("R1 declined by the Netherlands");
    expect(await line("A2").locator("p.deal-reason").textContent()).toBe("The Netherlands: “Not without Japan.”");
    // A long reason: two lines, whole once unfolded, and whole in its title.
    const folded = line(a).locator("details.deal-reason");
    expect(await folded.getAttribute("title")).toBe(`Japan: “${long}”`);
    const height = () => folded.evaluate((d) => d.getBoundingClientRect().height);
    const closed = await height();
    await folded.locator("summary").click();
    await expect.poll(height).toBeGreaterThan(closed);
    expect(await folded.textContent()).toBe(`Japan: “${long}”`);
  });

  it("a card's preview gives the engine's notes: a loan's whole financing, and why a deal changes nothing", async () => {
    const setPreview = (answer: unknown) => page.evaluate((a) => (window as never as { panels: { setPreviewAnswer(a: unknown): void } }).panels.setPreviewAnswer(a), answer);
    let s = step(negotiation(), { actor: seat("US"), move: { type: "propose", draft: { terms: { type: "loan", lenders: ["US"], recipient: "KE", project: "cable", amount: 18, interest: 3, grace: 0, conditions: [] }, parties: ["US", "KE"], duration: 3 } } });
    s = step(s, { actor: seat("US"), move: { type: "propose", draft: { terms: { type: "supply", suppliers: ["US"], buyers: ["KE"], sector: "semis", volume: 2, price: 1, coInvest: 0 }, parties: ["US", "KE"], duration: 2 } } });
    const [loan, supply] = s.agreements.slice(-2).map((a) => a.id) as [string, string];
    await mount("deals", clientView(s, asSeat("US")));
    const card = (id: string) => page.locator("article.deal", { has: page.locator(`button[id$="-${id}-preview"]`) }).first();

    await setPreview(preview(s, "US", { agreementId: loan }));
    await card(loan).locator(`button[id$="-${loan}-preview"]`).click();
    await expect.poll(() => card(loan).locator(".preview-note").textContent()).toBe("You pay 18 capital over 2 rounds: 9 now, 9 next round; the undersea cable stands in round 2.");

    await setPreview(preview(s, "US", { agreementId: supply }));
    await card(supply).locator(`button[id$="-${supply}-preview"]`).click();
    await expect.poll(() => card(supply).locator(".preview-none").textContent()).toBe("No change for you or the table this round: Kenya is automated and signs only loans made to it, so it would decline.");
    await setPreview({ ok: true, lines: [], notes: [] });
  });

  it("a preview gives every figure to the same two decimals: the table's columns, the difference and the note agree with the causes under them", async () => {
    const setPreview = (answer: unknown) => page.evaluate((a) => (window as never as { panels: { setPreviewAnswer(a: unknown): void } }).panels.setPreviewAnswer(a), answer);
    // Three lenders share a cable of 10: each pays 10 ÷ 2 rounds ÷ 3 = 1.67 a round, so the United States' capital rises 13.33 with the deal, 15 without.
    let s = step(negotiation(), { actor: seat("US"), move: { type: "propose", draft: { terms: { type: "loan", lenders: ["US", "JP", "NL"], recipient: "KE", project: "cable", amount: 10, interest: 3, grace: 0, conditions: [] }, parties: ["US", "JP", "NL", "KE"], duration: 3 } } });
    const loan = s.agreements.at(-1)!.id;
    await mount("deals", clientView(s, asSeat("US")));
    const card = page.locator("article.deal", { has: page.locator(`button[id$="-${loan}-preview"]`) }).first();
    const answer = preview(s, "US", { agreementId: loan });
    await setPreview(answer);
    await card.locator(`button[id$="-${loan}-preview"]`).click();
    await expect.poll(() => card.locator(".preview-note").textContent()).toBe("You pay 3.34 capital over 2 rounds: 1.67 now, 1.67 next round; the undersea cable stands in round 2.");
    const capital = card.locator(".preview-table tbody tr", { hasText: "Capital" });
    const cells = await capital.locator("td").allTextContents();
    const line = (answer as Extract<typeof answer, { ok: true }>).lines.find((l) => l.key === "capital")!;
    const two = (x: number) => (x < 0 ? "−" : "+") + Math.abs(x).toFixed(2).replace(/\.?0+$/, "");
    expect(cells.slice(0, 2)).toEqual(["+13.33", "+15"]);
    expect([two(line.withDeal.change), two(line.withoutDeal.change)]).toEqual(cells.slice(0, 2));
    // The difference, to the cent as the columns beside it: with − without.
    expect(await capital.locator("td .trend [aria-hidden]").textContent()).toBe(`▼ ${two(line.delta)}`);
    expect(line.delta).toBe(-1.67);
    // The same figures in Chinese.
    const useLanguage = (l: string) => page.evaluate((x) => (window as never as { panels: { language(l: string): Promise<void> } }).panels.language(x), l);
    await useLanguage("zh-CN");
    try {
      await mount("deals", clientView(s, asSeat("US")));
      await card.locator(`button[id$="-${loan}-preview"]`).click();
      await expect.poll(() => card.locator(".preview-note").textContent()).toContain("你方在 2 轮内出资 3.34 资金：本轮 1.67，下一轮 1.67");
      const zh = card.locator(".preview-table tbody tr").first();
      expect(await zh.locator("td").allTextContents()).toEqual(["+13.33", "+15", expect.stringContaining("−1.67")]);
    } finally {
      await useLanguage("en");
      await setPreview({ ok: true, lines: [], notes: [] });
    }
  });

  it("a card's preview that moves nothing this round still warns that capital would fall below zero later", async () => {
    const setPreview = (answer: unknown) => page.evaluate((a) => (window as never as { panels: { setPreviewAnswer(a: unknown): void } }).panels.setPreviewAnswer(a), answer);
    // Indonesia asks the United States for a grid it cannot repay: 12.36 in round 3, with 12 of capital by then.
    const s = step(negotiation(), { actor: seat("ID"), move: { type: "propose", draft: { terms: { type: "loan", lenders: ["US"], recipient: "ID", project: "grid", amount: 12, interest: 3, grace: 0, conditions: [] }, parties: ["US", "ID"], duration: 3 } } });
    const loan = s.agreements.at(-1)!.id;
    await mount("deals", clientView(s, asSeat("ID")));
    const card = page.locator("article.deal", { has: page.locator(`button[id$="-${loan}-preview"]`) }).first();
    await setPreview(preview(s, "ID", { agreementId: loan }));
    await card.locator(`button[id$="-${loan}-preview"]`).click();
    await expect.poll(() => card.locator(".preview-none").textContent()).toBe("No change for you or the table this round: The project takes 2 rounds to build: the power grid stands in round 2.");
    expect(await card.locator(".preview-note").textContent()).toBe(
      "Your capital would fall below zero in round 3 (−0.36): this deal's payments and those of your deals in force take more than you earn, even with no new card or deal.",
    );
    await setPreview({ ok: true, lines: [], notes: [] });
  });

  it("keeps every card through a patch about something else, and redraws only the deal that changed", async () => {
    let s = negotiation();
    await mount("deals", clientView(s, asSeat("US")));
    // A1 (signed, mine) in the ledger, A2 (waiting on me) as an offer and in the ledger.
    expect(await keep("article.deal")).toBeGreaterThanOrEqual(3);
    s = chat(s, "JP", "Anyone for rare earths?");
    await patch(clientView(s, asSeat("US")));
    expect(await same("article.deal")).not.toContain(false);

    await page.evaluate(() => {
      const w = window as never as { a1: Element; a2: Element[] };
      w.a1 = [...document.querySelectorAll(".ledger article.deal")].find((el) => el.textContent!.includes("A1"))!;
      w.a2 = [...document.querySelectorAll("article.deal")].filter((el) => el.textContent!.includes("A2"));
    });
    // Japan signs A2: A2's cards are redrawn (two signatures now), A1's is untouched.
    s = step(s, { actor: seat("JP"), move: { type: "sign", agreementId: "A2", revision: 1 } });
    await patch(clientView(s, asSeat("US")));
    const after = await page.evaluate(() => {
      const w = window as never as { a1: Element; a2: Element[] };
      const a2 = [...document.querySelectorAll("article.deal")].filter((el) => el.textContent!.includes("A2"));
      return { a1: w.a1.isConnected, a2Kept: w.a2.some((el) => el.isConnected), a2Text: a2.map((el) => el.textContent) };
    });
    expect(after.a1).toBe(true);
    expect(after.a2Kept).toBe(false);
    expect(after.a2Text.join(" ")).toContain("2 of 3");
  });

  it("what would it take: the bot's terms with its own view named as its, and what they would do for the asker, before the one click that sends them", async () => {
    const view = clientView(negotiation(), asSeat("US"));
    const withBot = { ...view, seats: view.seats.map((s) => (s.id === "JP" ? { ...s, bot: true } : s)) };
    const a2 = withBot.agreements.find((a) => a.id === "A2")!;
    const longer = a2.duration + 1;
    await page.evaluate((d) => (window as never as { panels: { setAskAnswer(a: unknown): void } }).panels.setAskAnswer({ draft: d, reason: { key: "bot.why.worth", args: { gains: "x", costs: "y" } } }), { terms: a2.terms, parties: a2.parties, duration: longer });
    await mount("deals", withBot);
    const card = page.locator("article.deal").filter({ hasText: "A2" }).first();
    await card.getByRole("button", { name: "What would it take?" }).click();
    await expect.poll(() => card.locator(".ask-answer").count()).toBe(1);
    expect(await card.locator(".ask-answer h4").first().textContent()).toBe("Japan would sign:");
    expect(await card.locator(".ask-answer").textContent()).toContain("As Japan sees it, ");
    await expect.poll(() => card.locator(".ask-for-you h4").textContent()).toBe("What these terms would do for you this round");
    // Terms sent as an amendment of A2 are previewed in A2's place, not beside it.
    expect((await previewsAsked()).at(-1)).toEqual({ draft: { terms: a2.terms, parties: a2.parties, duration: longer }, amends: "A2" });
    await sent();
    await card.locator("#ask-A2-send").click();
    await expect.poll(() => sent()).toEqual([{ type: "amend", agreementId: "A2", revision: 1, draft: { terms: a2.terms, parties: a2.parties, duration: longer } }]);
    // Terms the bot would sign as they stand (its parties listed in another order): it says so, and there is nothing to send.
    await page.evaluate((d) => (window as never as { panels: { setAskAnswer(a: unknown): void } }).panels.setAskAnswer({ draft: d, reason: { key: "bot.why.asIs", args: { why: "x" } } }), { terms: a2.terms, parties: [...a2.parties].reverse(), duration: a2.duration });
    await mount("deals", withBot);
    const again = page.locator("article.deal").filter({ hasText: "A2" }).first();
    await again.getByRole("button", { name: "What would it take?" }).click();
    await expect.poll(() => again.locator(".ask-answer").count()).toBe(1);
    expect(await again.locator(".ask-answer h4").first().textContent()).toBe("Japan would sign this offer as it stands:");
    expect(await again.locator("#ask-A2-send").count()).toBe(0);
  });

  it("on a phone the bot's answer brings its send button into view above the tab bar once its preview arrives, unless the player has scrolled the answer away", async () => {
    const before = page.viewportSize()!;
    await page.setViewportSize({ width: 390, height: 844 });
    // Room under the panel to scroll, as the game screen has under its last card.
    await page.evaluate(() => (document.body.style.paddingBottom = "900px"));
    const call = (name: string) => page.evaluate((n) => (window as never as { panels: Record<string, () => void> }).panels[n]!(), name);
    try {
      const s = negotiation();
      const view = clientView(s, asSeat("US"));
      const withBot = { ...view, seats: view.seats.map((x) => (x.id === "JP" ? { ...x, bot: true } : x)) };
      const a2 = withBot.agreements.find((a) => a.id === "A2")!;
      const draft = { terms: a2.terms, parties: a2.parties, duration: a2.duration + 1 };
      await page.evaluate((d) => (window as never as { panels: { setAskAnswer(a: unknown): void } }).panels.setAskAnswer({ draft: d, reason: { key: "bot.why.worth", args: { gains: "x", costs: "y" } } }), draft);
      await page.evaluate((a) => (window as never as { panels: { setPreviewAnswer(a: unknown): void } }).panels.setPreviewAnswer(a), preview(s, "US", { draft, amends: "A2" }));
      /** Asks Japan on A2 with the button just above the tab bar, as a player taps it at the foot of the screen; the preview waits. */
      const ask = async () => {
        await mount("deals", withBot);
        await page.evaluate(() => {
          const bar = parseFloat(getComputedStyle(document.documentElement).getPropertyValue("--tabbar"));
          window.scrollBy(0, document.querySelector('[id$="-A2-ask"]')!.getBoundingClientRect().bottom - (innerHeight - bar - 8));
        });
        await call("holdPreviews");
        await page.locator('[id$="-A2-ask"]').click();
        // The answer is shown, its preview still to come.
        await expect.poll(() => page.locator("#ask-A2 .ask-for-you .muted").count()).toBe(1);
      };
      const answered = async () => {
        await call("releasePreviews");
        await expect.poll(() => page.locator("#ask-A2 .ask-for-you h4").textContent()).toBe("What these terms would do for you this round");
        await frames();
      };
      await ask();
      await answered();
      const place = await page.evaluate(() => {
        const bar = parseFloat(getComputedStyle(document.documentElement).getPropertyValue("--tabbar"));
        const send = document.getElementById("ask-A2-send")!.getBoundingClientRect();
        return { bottom: Math.round(send.bottom), above: innerHeight - bar, top: Math.round(send.top) };
      });
      expect(place.bottom, `the send button ends at ${place.bottom}, the tab bar starts at ${place.above}`).toBeLessThanOrEqual(place.above);
      expect(place.top).toBeGreaterThan(0);
      // The player scrolled on, past the answer, while the terms were previewed: the page is not pulled back to it.
      await ask();
      await page.evaluate(() => window.scrollBy(0, document.getElementById("ask-A2")!.getBoundingClientRect().bottom + 40));
      await answered();
      expect(await page.evaluate(() => document.getElementById("ask-A2")!.getBoundingClientRect().bottom)).toBeLessThan(0);
    } finally {
      await call("releasePreviews");
      await page.evaluate((a) => (window as never as { panels: { setPreviewAnswer(a: unknown): void } }).panels.setPreviewAnswer(a), { ok: true, lines: [], notes: [] });
      await page.evaluate(() => {
        document.body.style.paddingBottom = "";
        window.scrollTo(0, 0);
      });
      await page.setViewportSize(before);
    }
  });

  it("the bot's answer to 'what would it take?' stays in the card while another party's signature draws the card again, and still sends its terms", async () => {
    const withBot = (s: GameState) => {
      const v = clientView(s, asSeat("US"));
      return { ...v, seats: v.seats.map((x) => (x.id === "JP" ? { ...x, bot: true } : x)) };
    };
    // Taiwan offers a screening pact to the Netherlands, the United States and Japan (a bot).
    const parties = ["TW", "NL", "US", "JP"];
    const s = step(negotiation(), { actor: seat("TW"), move: { type: "propose", draft: { terms: { type: "screening" }, parties, duration: 3 } } });
    const pact = withBot(s).agreements.find((a) => a.proposedBy === "TW" && a.terms.type === "screening")!;
    await page.evaluate((d) => (window as never as { panels: { setAskAnswer(a: unknown): void } }).panels.setAskAnswer({ draft: d, reason: { key: "bot.why.worth", args: { gains: "x", costs: "y" } } }), { terms: pact.terms, parties, duration: 4 });
    await mount("deals", withBot(s));
    const card = page.locator(`article.deal[data-focus="offer-${pact.id}"]`);
    await card.getByRole("button", { name: "What would it take?" }).click();
    await expect.poll(() => card.locator(".ask-answer").count()).toBe(1);
    // The Netherlands signs while the United States reads: the card is drawn again (2 of 4 signed), still waiting on it and Japan.
    const signed = step(s, { actor: seat("NL"), move: { type: "sign", agreementId: pact.id, revision: 1 } });
    await patch(withBot(signed));
    await expect.poll(() => card.textContent()).toContain("2 of 4 signed");
    expect(await card.locator(".ask-answer h4").first().textContent()).toBe("Japan would sign:");
    await sent();
    await card.locator(`[id="ask-${pact.id}-send"]`).click();
    await expect.poll(() => sent()).toEqual([{ type: "amend", agreementId: pact.id, revision: 1, draft: { terms: pact.terms, parties, duration: 4 } }]);
    // Japan signs too: no bot is left to ask, and the answer goes.
    await patch(withBot(step(signed, { actor: seat("JP"), move: { type: "sign", agreementId: pact.id, revision: 1 } })));
    await expect.poll(() => card.locator(".ask-answer").count()).toBe(0);
  });

  it("a counter-offer names who made the revision, not only who first proposed the deal", async () => {
    // The Netherlands proposed A2; Japan counters with a shorter term.
    const s = step(negotiation(), { actor: seat("JP"), move: { type: "amend", agreementId: "A2", revision: 1, draft: { terms: { type: "export-control", sector: "semis", tier: "frontier", target: "CN" }, parties: ["NL", "US", "JP"], duration: 2 } } });
    await mount("deals", clientView(s, asSeat("US")));
    const a2 = page.locator("article.deal").filter({ hasText: "A2" }).first();
    expect(await a2.textContent()).toContain("proposed by the Netherlands, revision 2 by Japan");
    await mount("deals", clientView(s, asSeat("JP")));
    expect(await page.locator("article.deal").filter({ hasText: "A2" }).first().textContent()).toContain("proposed by the Netherlands, revision 2 by you");
    // A revision by the proposer itself reads as before.
    const own = step(negotiation(), { actor: seat("NL"), move: { type: "amend", agreementId: "A2", revision: 1, draft: { terms: { type: "export-control", sector: "semis", tier: "frontier", target: "CN" }, parties: ["NL", "US", "JP"], duration: 2 } } });
    await mount("deals", clientView(own, asSeat("US")));
    expect(await page.locator("article.deal").filter({ hasText: "A2" }).first().textContent()).toContain("proposed by the Netherlands, revision 2 ·");
  });

  it("a bot's offer says once who proposed it: its reason is quoted after its country alone, whose “us” it is", async () => {
    // The Netherlands (a bot) offers the United States a screening pact, with its reason; the United States reads the card.
    const why = { key: "bot.body.gains", args: { gains: { list: [{ key: "bot.part.plus", args: { amount: 4, what: { ref: "metric" as const, id: "security", inline: true } } }] } } };
    const s = step(negotiation(), { actor: seat("NL"), move: { type: "propose", draft: { terms: { type: "screening" }, parties: ["NL", "US"], duration: 2 } }, reason: { key: "bot.why.proposed", args: { type: { ref: "type", id: "screening", inline: true }, why } } });
    const id = s.agreements.at(-1)!.id;
    await mount("deals", clientView(s, asSeat("US")));
    const card = page.locator("article.deal").filter({ hasText: `${id} ·` }).first();
    expect((await card.textContent())!.match(/proposed by the Netherlands/g)).toHaveLength(1);
    expect(await card.locator("p.deal-reason").textContent()).toBe("The Netherlands: “brings us +4 security”");
  });

  it("the world's list of deals puts one signed this round under a heading of its own, not under 'Agreements in force'; a regime in force gives its effectiveness", async () => {
    // In the negotiation: A1 signed this round (not in force yet).
    await mount("world", clientView(negotiation(), asSeat("US")));
    const listed = () => page.evaluate(() => [...document.querySelectorAll(".world-panel section:has(> .on-map)")].map((s) => [s.querySelector("h3")!.textContent, [...s.querySelectorAll("li strong")].map((b) => b.textContent!.trim())]));
    expect(await listed()).toEqual([["Signed this round: take force at resolution", ["A1"]]]);
    // After the resolution: the regime A2 (signed by all three) is in force and shows how effective it is.
    await mount("world", clientView(review(), asSeat("US")));
    expect(await listed()).toEqual([["Agreements in force", ["A1", "A2"]]]);
    expect(await page.locator(".on-map li").filter({ hasText: "A2" }).textContent()).toMatch(/\([1-9]\d*%\)$/);
  });

  it("the projector's table lists a deal signed this round apart from the agreements in force, as the World tab does", async () => {
    const listed = () => page.evaluate(() => [...document.querySelectorAll(".observer-panel section:has(h2)")].filter((s) => s.querySelector(".obs-deals, #obs-live")).map((s) => [s.querySelector("h2")!.textContent, [...s.querySelectorAll(".obs-deals li")].length]));
    // In the negotiation: A1 signed this round, not in force yet.
    await mount("observer", clientView(negotiation(), asObserver));
    expect(await listed()).toEqual([["Agreements in force", 0], ["Signed this round: take force at resolution", 1]]);
    expect(await page.locator(".observer-panel").textContent()).toContain("None yet.");
    // After the resolution both are in force.
    await mount("observer", clientView(review(), asObserver));
    expect(await listed()).toEqual([["Agreements in force", 2]]);
  });

  it("the projector's Table tab keeps its nodes through a patch that changes nothing it shows, its plenary list too (a room's screen is not drawn whole on every patch)", async () => {
    const view = clientView(chat(negotiation(), "JP", "We table our loan preferences now."), asObserver);
    await mount("observer", view);
    expect(await page.locator(".observer-panel .plenary-log li").count()).toBe(1);
    // Held by reference in the page (an attribute would change the markup the panel compares).
    const mark = () => page.evaluate(() => ((window as never as { held: Element[] }).held = [...document.querySelectorAll(".observer-panel .outcome, .observer-panel section")]));
    const kept = () => page.evaluate(() => (window as never as { held: Element[] }).held.map((n) => n.isConnected));
    await mark();
    expect((await kept()).length).toBeGreaterThan(2);
    await patch({ ...view, version: view.version + 1 });
    expect(await kept()).not.toContain(false);
  });

  it("the projector's review reads each cause as a room would: its amount then words ('+6.2 from 6 other causes', not '+6.2 6 other causes'), a deal by its kind and parties, not its code", async () => {
    // The table's first change with three more small causes: the projector shows two and sums the rest.
    const view = clientView(review(), asObserver);
    const more = [1, 2, 3].map((i) => ({ label: { key: "cause.cohesionDecay" }, amount: 0.1 * i }));
    const history = view.history.map((h, i) => (i ? h : { ...h, changes: h.changes.map((c, j) => (j === h.changes.findIndex((x) => x.subject === "table") ? { ...c, causes: [...c.causes, ...more] } : c)) }));
    await mount("observer", { ...view, history });
    const causes = await page.locator(".proj-causes li").allTextContents();
    expect(causes.filter((c) => /other cause/.test(c)).length, causes.join("\n")).toBeGreaterThan(0);
    for (const c of causes) {
      expect(c).not.toMatch(/^[+−±][\d.]+ \d/);
      expect(c).not.toMatch(/\bA\d+\b/);
    }
    expect(causes.some((c) => c.includes("Supply-chain deal of Japan and the United States: ")), causes.join("\n")).toBe(true);
  });

  it("the world's list says, for each project a partner needs, which signed loan finances it or that it is open", async () => {
    let s = step(negotiation(), { actor: seat("US"), move: { type: "propose", draft: { terms: { type: "loan", lenders: ["US"], recipient: "ID", project: "datacentre", amount: 20, interest: 1, grace: 1, conditions: [] }, parties: ["US", "ID"], duration: 6 } } });
    const id = s.agreements.at(-1)!.id;
    s = step(s, { actor: seat("ID"), move: { type: "sign", agreementId: id, revision: 1 } });
    await mount("world", clientView(s, asSeat("JP")));
    expect(await page.locator("tr").filter({ hasText: "Indonesia" }).locator(".needs li").allTextContents()).toEqual([`data centre: financed (${id}, United States), 2 rounds to build`, "power grid: open"]);
  });

  it("the world's Status says who plays each country, above the projects it needs: a bot-played seat, a person, an automated partner — in English and Chinese", async () => {
    const view = clientView(negotiation(), asSeat("JP"));
    view.seats = view.seats.map((x) => (x.id === "ID" ? { ...x, bot: true } : x));
    const status = (name: string) => page.locator("tr").filter({ hasText: name }).locator("td").nth(1);
    const useLanguage = (l: string) => page.evaluate((x) => (window as never as { panels: { language(l: string): Promise<void> } }).panels.language(x), l);
    await mount("world", view);
    expect(await status("Indonesia").locator(".who").textContent()).toBe("Played by a bot");
    expect(await status("Indonesia").locator(".needs li").allTextContents()).toEqual(["data centre: open", "power grid: open"]);
    expect(await status("United States").textContent()).toBe("Ana");
    expect(await status("Kenya").locator(".who").textContent()).toBe("Automated: answers loan offers only");
    expect(await status("Kenya").locator(".needs li").count()).toBeGreaterThan(0);
    await useLanguage("zh-CN");
    try {
      await mount("world", view);
      // (The names stay the view's: this page sets no Chinese names.)
      expect(await status("Indonesia").locator(".who").textContent()).toBe("由机器人扮演");
      expect(await status("Kenya").locator(".who").textContent()).toBe("自动运行：只回应贷款提议");
    } finally {
      await useLanguage("en");
    }
  });

  it("in a team game My country names each person's ministries beside their name (a phone's top bar has no room for them); without teams, names alone", async () => {
    const view = clientView(negotiation(), asSeat("US", ["regulator"]));
    const people = [
      { id: "h1", name: "Zoe", roles: "regulator", connected: true },
      { id: "h2", name: "Sam", roles: "diplomat,envoy", connected: true },
    ];
    view.seats = view.seats.map((x) => (x.id === "US" ? { ...x, bot: false, holders: people } : x));
    await mount("country", { ...view, settings: { ...view.settings, teams: true } });
    expect(await page.locator("#bot-US").textContent()).toBe("Played by Zoe (Regulator) and Sam (Diplomat, Economic envoy)");
    await mount("country", { ...view, settings: { ...view.settings, teams: false } });
    expect(await page.locator("#bot-US").textContent()).toBe("Played by Zoe and Sam");
  });

  it("China's stance reads \"the alliance's rival\" on its own panel and in the world's list, not 'with the alliance's rival' nor 'the alliance's rival itself'", async () => {
    await mount("country", clientView(negotiation(), asSeat("CN")));
    const own = (await page.locator(".country-panel").textContent()) ?? "";
    expect(own).toContain("Bloc: Rival of the alliance · Stance: the alliance's rival");
    expect(own).not.toContain("with the alliance's rival");
    expect(own).not.toContain("rival itself");
    await mount("world", clientView(negotiation(), asSeat("US")));
    expect(await page.locator("tr").filter({ hasText: "China" }).locator("td").first().textContent()).toBe("the alliance's rival");
    // Other countries keep their stance's words.
    expect(await page.locator("tr").filter({ hasText: "Japan" }).locator("td").first().textContent()).toBe("aligned with the alliance");
  });

  it("My country puts capital in a row of its own, above the metrics' 0–100 scale: capital has no ceiling and no meter", async () => {
    await mount("country", clientView(negotiation(), asSeat("US")));
    const table = await page.evaluate(() => {
      const t = document.querySelector(".country-panel table.metrics")!;
      const rows = [...t.querySelectorAll("tr")].map((tr) => ({ text: tr.textContent ?? "", meter: !!tr.querySelector("meter") }));
      return { head: t.querySelector("thead")!.textContent ?? "", rows };
    });
    expect(table.head).not.toContain("0–100");
    const capital = table.rows.findIndex((r) => r.text.startsWith("Capital"));
    const scale = table.rows.findIndex((r) => r.text === "Metrics on a 0–100 scale");
    expect(capital).toBeGreaterThan(0);
    expect(scale, "the 0–100 scale heads the metrics, after capital").toBeGreaterThan(capital);
    expect(table.rows[capital]!.meter).toBe(false);
    const metrics = table.rows.slice(scale + 1);
    expect(metrics.length).toBeGreaterThanOrEqual(4);
    expect(metrics.every((r) => r.meter)).toBe(true);
  });

  it("typing a free-form action is not interrupted by patches", async () => {
    let s = negotiation();
    await mount("deals", clientView(s, asSeat("US")));
    await typeInto("#pm-action", "We open a fab in Kumamoto", 8);
    for (const line of ["one", "two", "three"]) {
      s = chat(s, "JP", line);
      await patch(clientView(s, asSeat("US")));
    }
    expect(await fieldState("#pm-action")).toEqual({ focused: true, value: "We open a fab in Kumamoto", caret: 8, blurs: 0 });
  });

  it("a quick game this browser made, with no facilitator to rule, offers no free-form form but says why", async () => {
    const view = clientView(negotiation(), asSeat("US"));
    const made = (quickStart: boolean) =>
      page.evaluate((q) => (window as never as { panels: { remember(s: unknown): void } }).panels.remember({ created: { scenarioId: "classroom-quick", settings: { bots: true, quickStart: q } } }), quickStart);
    await made(true);
    await mount("deals", view);
    expect(await page.locator("#pm-submit").count()).toBe(0);
    expect(await page.locator("#pm-note").textContent()).toContain("need a facilitator");
    // Nor an empty announcements channel in the talks: nobody would write there.
    await mount("talks", view);
    expect(await page.locator("#chan-broadcast").count()).toBe(0);
    expect(await page.locator("#chan-plenary").count()).toBe(1);
    // A game made with a facilitator: the form is there, and the channel its announcements come in.
    await made(false);
    await mount("deals", view);
    expect(await page.locator("#pm-submit").count()).toBe(1);
    await mount("talks", view);
    expect(await page.locator("#chan-broadcast").count()).toBe(1);
  });

  it("the exit ticket of a quick game does not say that whoever runs the game reads it: nobody does", async () => {
    const view = clientView(review(), asSeat("US"));
    const made = (quickStart: boolean) =>
      page.evaluate((q) => (window as never as { panels: { remember(s: unknown): void } }).panels.remember({ created: { scenarioId: "classroom-quick", settings: { bots: true, quickStart: q } } }), quickStart);
    await made(true);
    await mount("exit", view);
    expect(await page.locator("#exit-intro").textContent()).toBe("Three short questions to think the game over; your answers are kept with this game.");
    await made(false);
    await mount("exit", view);
    expect(await page.locator("#exit-intro").textContent()).toContain("whoever runs the game reads them");
  });
});

describe("declining an offer", () => {
  it("asks once more, with a field for why: Cancel sends nothing, Decline sends the reason typed (or none, left empty)", async () => {
    const s = negotiation();
    await mount("deals", clientView(s, asSeat("US")));
    await sent();
    await page.click("#offer-A2-decline");
    const dialog = page.locator("dialog.confirm[open]");
    expect(await dialog.locator("#confirm-q").textContent()).toBe("Decline A2? The offer closes for every party.");
    expect(await dialog.locator("label[for=confirm-reason]").textContent()).toBe("Why? Optional: the deal's parties read it, and the debrief keeps it.");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("confirm-reason");
    await page.click("#confirm-no");
    expect(await sent()).toEqual([]);

    await page.click("#offer-A2-decline");
    await page.fill("#confirm-reason", "  Our parliament will not back controls this year.  ");
    await page.click("#confirm-yes");
    await expect.poll(() => sent()).toEqual([{ type: "decline", agreementId: "A2", revision: 1, reason: "Our parliament will not back controls this year." }]);

    await mount("deals", clientView(s, asSeat("US")));
    await page.click("#offer-A2-decline");
    await page.click("#confirm-yes");
    await expect.poll(() => sent()).toEqual([{ type: "decline", agreementId: "A2", revision: 1 }]);
  });
});

describe("a press that a patch arrives under", () => {
  it("still clicks: the redraw waits for the release, then shows the patch", async () => {
    let s = negotiation();
    await mount("deals", clientView(s, asSeat("US")));
    await sent();
    const sign = "#offer-A2-sign";
    expect(await page.locator(sign).count()).toBe(1);
    await pressOn(sign);
    // Japan signs A2 while the player holds Sign: A2's card would be redrawn, its button replaced.
    s = step(s, { actor: seat("JP"), move: { type: "sign", agreementId: "A2", revision: 1 } });
    await patchLater(clientView(s, asSeat("US")));
    await frames();
    expect(await page.locator("article.deal", { hasText: "A2" }).first().textContent()).toContain("1 of 3");
    await page.mouse.up();
    expect(await sent()).toEqual([{ type: "sign", agreementId: "A2", revision: 1 }]);
    await frames();
    await frames();
    expect(await page.locator("article.deal", { hasText: "A2" }).first().textContent()).toContain("2 of 3");
  });

  it("a patch with no press under it is drawn in the next frames", async () => {
    let s = negotiation();
    await mount("deals", clientView(s, asSeat("US")));
    s = step(s, { actor: seat("JP"), move: { type: "sign", agreementId: "A2", revision: 1 } });
    await patchLater(clientView(s, asSeat("US")));
    await frames();
    expect(await page.locator("article.deal", { hasText: "A2" }).first().textContent()).toContain("2 of 3");
  });

  it("a ruling whose roll failed lists its effects as never applied", async () => {
    let s = negotiation();
    s = step(s, { actor: seat("JP"), move: { type: "matrix", text: "We stockpile gallium." } });
    s = step(s, { actor: { kind: "facilitator" }, move: { type: "rule-matrix", matrixId: "M1", ruling: "roll", odds: 0, effects: [{ kind: "metric", target: "JP", metric: "security", amount: 3 }], note: "" } });
    await mount("matrix", clientView(s, asFacilitator));
    await expect.poll(() => page.locator(".matrix-failed p.small.muted").first().textContent()).toMatch(/^Effects had the roll succeeded \(not applied\): /);
  });

  it("an effect added to a ruling names the seat that acted first, not everyone: the numbers it changes are that seat's unless the facilitator picks others", async () => {
    let s = negotiation();
    s = step(s, { actor: seat("JP"), move: { type: "matrix", text: "We stockpile gallium." } });
    await mount("matrix", clientView(s, asFacilitator));
    await sent();
    await page.locator("#mq-M1-eff-add").click();
    expect(await page.locator("#mq-M1-eff-target-0 option:checked").textContent()).toBe("Japan");
    await page.locator("#mq-M1-eff-metric-0").selectOption("security");
    await page.locator("#mq-M1-eff-amount-0").fill("5");
    // A second row starts from Japan too; a custom card's rows still start from everyone.
    await page.locator("#mq-M1-eff-add").click();
    expect(await page.locator("#mq-M1-eff-target-1").inputValue()).toBe("JP");
    await page.locator("#mq-M1-eff-remove-1").click();
    await page.locator("#mq-M1-submit").click();
    await expect.poll(() => sent()).toEqual([{ type: "rule-matrix", matrixId: "M1", ruling: "accept", effects: [{ kind: "metric", target: "JP", metric: "security", amount: 5 }], note: "" }]);
    await mount("injects", clientView(s, asFacilitator));
    await page.locator("#inj-eff-add").click();
    expect(await page.locator("#inj-eff-target-0").inputValue()).toBe("all");
  });

  it("a ruling shows what its effects would change before it is announced, as the engine reckons it, and follows the edits; a roll says they apply only on success", async () => {
    let s = negotiation();
    s = step(s, { actor: seat("JP"), move: { type: "matrix", text: "We stockpile gallium." } });
    const asked = () => page.evaluate(() => (window as never as { panels: { rulingPreviews: unknown[] } }).panels.rulingPreviews.splice(0));
    const answer = (effects: Parameters<typeof previewRuling>[2]) => page.evaluate((a) => (window as never as { panels: { setRulingPreviewAnswer(a: unknown): void } }).panels.setRulingPreviewAnswer(a), previewRuling(s, "M1", effects));
    const shown = () => page.locator("#mq-M1-preview").innerText();
    await mount("matrix", clientView(s, asFacilitator));
    await asked();
    const security = s.countries.JP!.metrics.security;
    const plus5 = [{ kind: "metric" as const, target: "JP", metric: "security" as const, amount: 5 }];
    await answer(plus5);
    await page.locator("#mq-M1-eff-add").click();
    await page.locator("#mq-M1-eff-metric-0").selectOption("security");
    // A row without its amount asks nothing yet.
    await expect.poll(shown).toContain("Complete the effects above");
    await page.locator("#mq-M1-eff-amount-0").fill("5");
    await expect.poll(shown).toContain(`Japan: Security ${security} → ${security + 5}`);
    expect(await shown()).toMatch(/Japan: score [\d.]+ → [\d.]+/);
    expect((await asked()).at(-1)).toEqual({ matrixId: "M1", effects: plus5 });
    // Edited to +8: asked again, and the lines follow.
    const plus8 = [{ ...plus5[0]!, amount: 8 }];
    await answer(plus8);
    await page.locator("#mq-M1-eff-amount-0").fill("8");
    await expect.poll(shown).toContain(`Japan: Security ${security} → ${security + 8}`);
    expect((await asked()).at(-1)).toEqual({ matrixId: "M1", effects: plus8 });
    await page.locator("#mq-M1-roll").check();
    await page.locator("#mq-M1-odds").fill("30");
    await expect.poll(shown).toContain("Only if the roll succeeds (a 30% chance); a failed roll changes nothing.");
    expect(await shown()).toContain(`Japan: Security ${security} → ${security + 8}`);
    // The chance changes the words, not the numbers: nothing more is asked of the server.
    expect(await asked()).toEqual([]);
    // A refusal applies nothing: no preview.
    await page.locator("#mq-M1-refuse").check();
    expect(await page.locator("#mq-M1-preview").isVisible()).toBe(false);
  });

  it("the facilitator's pending ruling card stays the same node through patches", async () => {
    let s = negotiation();
    s = step(s, { actor: seat("JP"), move: { type: "matrix", text: "We stockpile gallium." } });
    await mount("matrix", clientView(s, asFacilitator));
    expect(await keep(".ruling-card")).toBe(1);
    expect(await page.locator("#mq-pending-h .count").textContent()).toBe("1");
    s = chat(s, "IN", "India is listening.");
    await patch(clientView(s, asFacilitator));
    expect(await same(".ruling-card")).toEqual([true]);
    // A second action joins the queue below the first, which does not move.
    s = step(s, { actor: seat("IN"), move: { type: "matrix", text: "We court Vietnam." } });
    await patch(clientView(s, asFacilitator));
    expect(await same(".ruling-card")).toEqual([true]);
    expect(await page.locator(".ruling-card").count()).toBe(2);
    expect(await page.locator("#mq-pending-h .count").textContent()).toBe("2");
  });
});

describe("the console's lists with controls in them", () => {
  const withHolder = (view: ClientView, seat: string, name: string) => ({
    ...view,
    seats: view.seats.map((s) => (s.id === seat ? { ...s, holders: [...s.holders, { id: `h-${seat}`, name, roles: "diplomat,regulator,envoy", connected: true }] } : s)),
  });

  it.each([[1366, 830], [1920, 1230]])("the seat table on a %i-wide laptop: one line per seat's name and 'Show code', and the actions of a seat start at the same edge", async (width, panel) => {
    const before = page.viewportSize()!;
    await page.setViewportSize({ width, height: 768 });
    await page.evaluate((w) => (document.body.style.width = `${w}px`), panel);
    try {
      // A think tank's thirteen seats (Alliance 2021: "United Kingdom", "South Korea"), two of them held by people, the rest by bots.
      const game = step(createGame({ scenario: getScenario("alliance-2021")!, settings: { seed: "seat-table" } }), { actor: { kind: "facilitator" }, move: { type: "start" } });
      const bots = game.scenario.countries.filter((c) => c.control === "seat" && !["US", "JP"].includes(c.id)).map((c) => c.id);
      const seats = seatsOf(game, bots).map((x) => ({ ...x, holders: x.holders.map((hd) => ({ ...hd, name: "Ana Müller-Lüdenscheidt" })) }));
      const view = withHolder(clientView(game, asFacilitator, { seats }), "JP", "Ken");
      await mount("rules", { ...view, rejoinCodes: Object.fromEntries(view.seats.map((x) => [x.id, "K7QM4XDA"])) });
      const layout = await page.evaluate(() => {
        /** How many lines an element's text takes. */
        const lines = (el: Element) => {
          const tops = new Set<number>();
          const walk = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
          for (let n = walk.nextNode(); n; n = walk.nextNode()) {
            const range = document.createRange();
            range.selectNodeContents(n);
            for (const r of range.getClientRects()) if (r.width > 0) tops.add(Math.round(r.top));
          }
          return tops.size;
        };
        return [...document.querySelectorAll(".console-seat-admin tbody tr")].map((tr) => ({
          seat: tr.querySelector("th")!.textContent,
          name: lines(tr.querySelector("th")!),
          code: lines(tr.querySelector("td.rejoin button")!),
          actions: new Set([...tr.querySelectorAll(".seat-actions button")].map((b) => Math.round(b.getBoundingClientRect().left))).size,
          actionLines: new Set([...tr.querySelectorAll(".seat-actions button")].map((b) => Math.round(b.getBoundingClientRect().top))).size,
        }));
      });
      expect(layout.length).toBeGreaterThanOrEqual(6);
      // "Free seat" and "Give to a bot": side by side, or one under the other from the same edge.
      expect(layout.filter((row) => row.name > 1 || row.code > 1 || (row.actionLines > 1 && row.actions > 1))).toEqual([]);
    } finally {
      await page.evaluate(() => (document.body.style.width = ""));
      await page.setViewportSize(before);
    }
  });

  it("the seat table keeps the rows a patch did not change, so an open Move or Mute list stays open", async () => {
    let s = negotiation();
    let view = clientView(s, asFacilitator);
    await mount("rules", view);
    expect(await keep(".console-seat-admin tbody tr")).toBeGreaterThanOrEqual(6);
    const seats = view.seats.map((x) => x.id);
    // A chat line changes no seat: every row is the same node.
    s = chat(s, "JP", "Anyone for rare earths?");
    view = clientView(s, asFacilitator);
    await patch(view);
    expect(await same(".console-seat-admin tbody tr")).not.toContain(false);
    // Someone takes India: India's row alone is made again, and shows them.
    await patch(withHolder(view, "IN", "Ravi"));
    const kept = await same(".console-seat-admin tbody tr");
    expect(seats.filter((_, i) => !kept[i])).toEqual(["IN"]);
    const india = page.locator(".console-seat-admin tbody tr").filter({ has: page.locator("#con-mute-h-IN") });
    expect(await india.locator("th").textContent()).toBe("India");
    expect(await india.locator(".holder").textContent()).toContain("Ravi");
    // Moving (once confirmed) or muting someone sends the command, says so, and puts the list back to its prompt.
    await sent();
    await page.locator("#con-move-h1").selectOption("JP");
    await page.locator("#confirm-yes").click();
    await page.locator("dialog.confirm").waitFor({ state: "detached" });
    await page.locator("#con-mute-h1").selectOption("10");
    expect(await sent()).toEqual([
      { type: "assign-seat", holder: "h1", seat: "JP" },
      { type: "mute", holder: "h1", minutes: 10 },
    ]);
    expect(await page.locator("#con-move-h1").inputValue()).toBe("");
    expect(await page.locator("#con-mute-h1").inputValue()).toBe("");
    expect(await page.locator(".console-rules .status").last().textContent()).toContain("Ana");
    // The muted person is marked in the table until the mute ends or is lifted.
    await expect.poll(() => page.locator("#con-muted-h1").textContent()).toMatch(/^muted until \d\d:\d\d/);
    await page.locator("#con-mute-h1").selectOption("0");
    await expect.poll(() => page.locator("#con-muted-h1").count()).toBe(0);
  });

  it("a move is asked first, saying what becomes of the seat left, and offers only the seats and ministries free", async () => {
    const options = (sel: string) => page.locator(`${sel} option`).evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
    const question = page.locator("dialog.confirm[open] #confirm-q");
    let view = withHolder(clientView(negotiation(), asFacilitator), "IN", "Ravi");
    await mount("rules", view);
    await sent();
    // India's Ravi is not offered the United States (Ana's) nor India, where he is.
    const offered = await options("#con-move-h-IN");
    expect(offered).not.toContain("US");
    expect(offered).not.toContain("IN");
    expect(offered).toContain("JP");
    // Picking sends nothing: the question says the seat left goes to a bot, and that the bot of the new one stops; Cancel keeps him where he is.
    await page.locator("#con-move-h-IN").selectOption("CN");
    await question.waitFor();
    expect(await question.textContent()).toBe(
      "Move Ravi to China? India will be left free. Ravi will no longer see the private channels and unsigned offers of India. The bot playing China stops.",
    );
    expect(await page.locator("dialog.confirm #confirm-yes").textContent()).toBe("Move Ravi");
    await page.locator("#confirm-no").click();
    await page.locator("dialog.confirm").waitFor({ state: "detached" });
    expect(await sent()).toEqual([]);
    expect(await page.locator("#con-move-h-IN").inputValue()).toBe("");
    // Japan taken meanwhile: Ana's list, in a row the patch kept, no longer offers it.
    expect(await options("#con-move-h1")).toContain("JP");
    view = withHolder(view, "JP", "Kenji");
    await patch(view);
    expect(await options("#con-move-h1")).not.toContain("JP");
    expect(await options("#con-move-h1")).not.toContain("IN");

    // With teams: the ministries nobody else holds, a seat's own free ones among them.
    const teams = {
      ...view,
      settings: { ...view.settings, teams: true },
      seats: view.seats.map((x) => (x.id === "US" ? { ...x, holders: [{ ...x.holders[0]!, roles: "diplomat" }, { id: "h2", name: "Ben", roles: "regulator", connected: true }] } : x)),
    };
    await mount("rules", teams);
    const ana = await options("#con-move-h1");
    expect(ana).not.toContain("US|diplomat");
    expect(ana).not.toContain("US|regulator");
    expect(ana).toContain("US|envoy");
    expect(ana).not.toContain("JP|diplomat");
    expect(ana).toContain("NL|regulator");
    await page.locator("#con-move-h2").selectOption("NL|regulator");
    await question.waitFor();
    expect(await question.textContent()).toBe("Move Ben to the Netherlands as regulator? The United States stays with Ana. Ben will no longer see the private channels and unsigned offers of the United States.");
    expect(await sent()).toEqual([]);
    await page.locator("#confirm-yes").click();
    await page.locator("dialog.confirm").waitFor({ state: "detached" });
    expect(await sent()).toEqual([{ type: "assign-seat", holder: "h2", seat: "NL", roles: ["regulator"] }]);
  });

  it("freeing a seat or giving it to a bot asks first, naming who leaves it; a bot taking an empty seat does not ask", async () => {
    const question = page.locator("dialog.confirm[open] #confirm-q");
    await mount("rules", withHolder(clientView(negotiation(), asFacilitator), "IN", "Ravi"));
    await sent();
    // One click on Free seat sends nothing: the question names Ravi; Cancel keeps him in India.
    await page.locator("#con-free-IN").click();
    await question.waitFor();
    expect(await question.textContent()).toBe(
      "Free the seat of India? Ravi will have no country until you seat them again. India will be left free. Ravi will no longer see the private channels and unsigned offers of India.",
    );
    expect(await page.locator("dialog.confirm #confirm-yes").textContent()).toBe("Free seat");
    await page.locator("#confirm-no").click();
    await page.locator("dialog.confirm").waitFor({ state: "detached" });
    expect(await sent()).toEqual([]);
    await page.locator("#con-free-IN").click();
    await page.locator("#confirm-yes").click();
    await page.locator("dialog.confirm").waitFor({ state: "detached" });
    expect(await sent()).toEqual([{ type: "free-seat", seat: "IN" }]);
    // Give to a bot: the same question, the same answer.
    await page.locator("#con-bot-US").click();
    await question.waitFor();
    expect(await question.textContent()).toMatch(/^Give the United States to a bot\? Ana will have no country until you seat them again\./);
    expect(await sent()).toEqual([]);
    await page.locator("#confirm-yes").click();
    await page.locator("dialog.confirm").waitFor({ state: "detached" });
    expect(await sent()).toEqual([{ type: "bot-seat", seat: "US", bot: true }]);
    // Japan, which nobody holds, goes to a bot on one click.
    await page.locator("#con-bot-JP").click();
    await expect.poll(sent).toEqual([{ type: "bot-seat", seat: "JP", bot: true }]);
    expect(await page.locator("dialog.confirm").count()).toBe(0);
  });

  it("every row of the seat table has its Actions cell, empty when the seat offers no action, its borders in line with the row's", async () => {
    await mount("rules", clientView(negotiation(), asFacilitator));
    const rows = await page.evaluate(() => {
      const table = document.querySelector(".console-seat-admin")!;
      const columns = table.querySelectorAll("thead th").length;
      return [...table.querySelectorAll("tbody tr")].map((tr) => {
        const row = tr.getBoundingClientRect();
        const cells = [...tr.children];
        return {
          cells: cells.length === columns,
          tableCells: cells.every((c) => getComputedStyle(c).display === "table-cell"),
          inLine: cells.every((c) => Math.abs(c.getBoundingClientRect().top - row.top) < 1 && Math.abs(c.getBoundingClientRect().bottom - row.bottom) < 1),
        };
      });
    });
    expect(rows.length).toBeGreaterThanOrEqual(6);
    expect(rows.filter((r) => !r.cells || !r.tableCells || !r.inLine)).toEqual([]);
  });

  it("a console opened during a mute shows it, with the time it ends, from the server's welcome", async () => {
    const view = withHolder(clientView(negotiation(), asFacilitator), "IN", "Ravi");
    const welcome = (mutes: Record<string, number>) => page.evaluate((m) => (window as never as { panels: { welcome(me: unknown): void } }).panels.welcome({ kind: "facilitator", name: "Facilitator", mutes: m }), mutes);
    const inSeven = () => page.evaluate(() => new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit" }).format(Date.now() + 7 * 60_000));
    const before = await inSeven();
    await welcome({ h1: 7 * 60_000 });
    await mount("rules", view);
    const shown = await page.locator("#con-muted-h1").textContent();
    expect([`muted until ${before}`, `muted until ${await inSeven()}`]).toContain(shown);
    // A reconnection's welcome is the server's word: a mute lifted from another console is gone.
    await welcome({});
    await patch(view);
    await expect.poll(() => page.locator("#con-muted-h1").count()).toBe(0);
  });

  it("the facilitator's talks: their channel's box is a broadcast to every seat, and the plenary points to it", async () => {
    await mount("talks", clientView(negotiation(), asFacilitator));
    await page.locator("#chan-plenary").click();
    expect(await page.locator(".channel .read-only").textContent()).toContain("To speak to everyone, broadcast from the Facilitator channel.");
    await page.locator("#talks-to-broadcast").click();
    expect(await page.locator("#chan-broadcast").getAttribute("aria-current")).toBe("true");
    expect(await page.locator("#chat-input").isVisible()).toBe(true);
    expect(await page.locator("#chat-input").getAttribute("placeholder")).toBe("Broadcast to every seat");
    expect(await page.locator("label[for=chat-input]").textContent()).toBe("Broadcast to every seat");
    // A player's own channels still read "Message to …".
    await mount("talks", clientView(negotiation(), asSeat("US")));
    expect(await page.locator("#chat-input").getAttribute("placeholder")).toBe("Message to Plenary (everyone)");
  });

  it("a muted player reads above the message field until when, and cannot send until then", async () => {
    const view = clientView(negotiation(), asSeat("US"));
    await mount("talks", view);
    expect(await page.locator("#chat-muted").isVisible()).toBe(false);
    await page.evaluate(() => (window as never as { panels: { notice(n: unknown): void } }).panels.notice({ kind: "warning", text: { key: "server.notice.muted", args: { minutes: 5 } } }));
    await patch(view);
    expect(await page.locator("#chat-muted").textContent()).toMatch(/muted you until \d\d:\d\d/);
    expect(await page.locator("#chat-send").isDisabled()).toBe(true);
    await page.evaluate(() => (window as never as { panels: { notice(n: unknown): void } }).panels.notice({ kind: "info", text: { key: "server.notice.unmuted" } }));
    await patch(view);
    expect(await page.locator("#chat-muted").isVisible()).toBe(false);
    expect(await page.locator("#chat-send").isDisabled()).toBe(false);
  });

  it("the deck's cards and their When lists hold still through patches", async () => {
    let s = negotiation();
    await mount("injects", clientView(s, asFacilitator));
    const cards = await keep(".console-deck li");
    expect(cards).toBeGreaterThan(0);
    await page.locator(".console-deck select").first().selectOption({ index: 1 });
    s = chat(s, "JP", "Anyone for rare earths?");
    await patch(clientView(s, asFacilitator));
    expect(await same(".console-deck li")).not.toContain(false);
    expect(await page.locator(".console-deck select").first().evaluate((e: HTMLSelectElement) => e.selectedIndex)).toBe(1);
  });
});

describe("the custom card's effects", () => {
  it("offer as groups only those the scenario has: an Alliance 2021 with India in the alliance has no swing states", async () => {
    const file = JSON.parse(readFileSync(join(ROOT, "assets", "scenarios", "alliance-2021.json"), "utf8"));
    for (const c of file.countries) if (c.bloc === "swing") c.bloc = "alliance";
    const alliance = loadScenario(file);
    const groups = () => page.locator("#inj-eff-target-0 optgroup").first().locator("option").evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    await mount("injects", clientView(createGame({ scenario: alliance, settings: { seed: "groups" } }), asFacilitator));
    await page.locator("#inj-eff-add").click();
    expect(await groups()).toEqual(["all", "seats", "alliance", "rival", "partner"]);
    // The classroom game has every bloc, swing states too.
    await mount("injects", clientView(negotiation(), asFacilitator));
    await page.locator("#inj-eff-add").click();
    expect(await groups()).toEqual(["all", "seats", "alliance", "rival", "swing", "partner"]);
  });
});

describe("the console's deck", () => {
  const refuseNext = (error: { code: string; message: string; text?: unknown }) => page.evaluate((e) => (window as never as { panels: { refuseNext(e: unknown): void } }).panels.refuseNext(e), error);

  it("lists the cards by date, and a card that answers one not played yet says so instead of offering a Play the engine refuses", async () => {
    await mount("injects", clientView(negotiation(), asFacilitator));
    const dates = await page.locator(".console-deck li strong").allTextContents();
    expect(dates[0]).not.toMatch(/2025/);
    expect(dates.findIndex((d) => d.includes("2025"))).toBeGreaterThan(0);
    expect(await page.locator("#deck-play-ai-diffusion-dropped").isDisabled()).toBe(true);
    expect(await page.locator("#deck-waits-ai-diffusion-dropped").textContent()).toBe("Not yet: it answers “A rule to sort the world into tiers for AI chips (13 Jan 2025)”, which has to be played first.");
    expect(await page.locator("#deck-play-ai-diffusion-dropped").getAttribute("aria-describedby")).toBe("deck-waits-ai-diffusion-dropped");
    // Once its rule is played, it can be played.
    await patch(clientView(step(negotiation(), { actor: { kind: "facilitator" }, move: { type: "play-event", cardId: "ai-diffusion" } }), asFacilitator));
    expect(await page.locator("#deck-waits-ai-diffusion-dropped").count()).toBe(0);
    expect(await page.locator("#deck-play-ai-diffusion-dropped").isDisabled()).toBe(false);
  });

  it("once the game is over, the custom card cannot be sent and says why", async () => {
    await mount("injects", clientView(negotiation(), asFacilitator));
    expect(await page.locator("#inj-submit").isDisabled()).toBe(false);
    expect(await page.locator("#inj-closed").textContent()).toBe("");
    await patch(clientView(step(negotiation(), { actor: { kind: "facilitator" }, move: { type: "end-game" } }), asFacilitator));
    expect(await page.locator("#inj-submit").isDisabled()).toBe(true);
    expect(await page.locator("#inj-closed").textContent()).toBe("The game is over.");
    expect(await page.locator("#inj-when").isDisabled()).toBe(true);
  });

  it("a deck card's button says Schedule once a later round is chosen, and scheduled cards list soonest first", async () => {
    let s = negotiation();
    await mount("injects", clientView(s, asFacilitator));
    const id = (await page.locator(".console-deck select").first().getAttribute("id"))!.replace("deck-when-", "");
    const go = page.locator(`[id="deck-play-${id}"]`);
    expect(await go.textContent()).toBe("Play");
    await page.locator(`[id="deck-when-${id}"]`).selectOption("3");
    expect(await go.textContent()).toBe("Schedule");
    const [a, b] = s.deck.filter((c) => c !== id);
    s = step(s, { actor: { kind: "facilitator" }, move: { type: "play-event", cardId: a!, round: 3 } });
    s = step(s, { actor: { kind: "facilitator" }, move: { type: "play-event", cardId: b!, round: 2 } });
    await patch(clientView(s, asFacilitator));
    await expect.poll(() => page.locator(".inject-log li.scheduled .badge").allTextContents()).toEqual(["for round 2", "for round 3"]);
  });

  it("a refusal shows beside the card whose Play was pressed, is announced, and goes at the next card that plays", async () => {
    await mount("injects", clientView(negotiation(), asFacilitator));
    const ids = (await page.locator(".console-deck select").evaluateAll((els) => els.map((e) => e.id.replace("deck-when-", "")))).filter((id) => id !== "ai-diffusion-dropped");
    const [last, other] = [ids.at(-1)!, ids[0]!];
    await refuseNext({ code: "rule/event_played", message: "rule/event_played: already played", text: { key: "refusal.eventPlayed", args: { event: "Test card" } } });
    await page.locator(`[id="deck-play-${last}"]`).click();
    const note = page.locator(`[id="deck-note-${last}"]`);
    await expect.poll(() => note.textContent()).toContain("“Test card” has already been played or scheduled.");
    // Beside the card: in its own row, not at the foot of the list.
    expect(await page.locator(".console-deck li").filter({ has: page.locator(`[id="deck-play-${last}"]`) }).locator(".status-error").count()).toBe(1);
    expect(await page.locator("#live-assertive").textContent()).toContain("“Test card” has already been played or scheduled.");
    // The next card that plays takes the refusal away.
    await page.locator(`[id="deck-play-${other}"]`).click();
    await expect.poll(() => page.locator(".console-deck .status-error").count()).toBe(0);
    expect(await note.textContent()).toBe("");
    expect(await page.locator(".console-card .status-ok").textContent()).toContain("played");
  });
});

describe("panels drawn whole on each patch", () => {
  type Dom = { h: typeof import("../../client/ui/dom.ts").h; replaceChanged: typeof import("../../client/ui/dom.ts").replaceChanged };
  it("the same content is not put in again, unless building it took a kept element out of the page", async () => {
    const r = await page.evaluate(() => {
      const { h, replaceChanged } = (window as never as { panels: { dom: Dom } }).panels.dom;
      const host = h("div");
      document.body.append(host);
      const first = replaceChanged(host, h("p", {}, "Scores"));
      const p = host.firstChild;
      const same = replaceChanged(host, h("p", {}, "Scores"));
      const sameNode = host.firstChild === p;
      // A link made once (the report's), inside a list made each time.
      const kept = h("a", { id: "kept-link", href: "/r" }, "Report");
      replaceChanged(host, h("nav", {}, kept), h("p", {}, "Scores"));
      const again = replaceChanged(host, h("nav", {}, kept), h("p", {}, "Scores"));
      const result = { first, same, sameNode, again, shown: host.contains(kept) };
      host.remove();
      return result;
    });
    expect(r).toEqual({ first: true, same: false, sameNode: true, again: true, shown: true });
  });


  it("my country keeps its nodes, a text selection among them, until a patch changes what it shows", async () => {
    let s = negotiation();
    await mount("country", clientView(s, asSeat("US")));
    expect(await keep(".country-panel *")).toBeGreaterThan(20);
    await page.evaluate(() => {
      const h2 = document.querySelector(".country-panel h2")!;
      getSelection()!.selectAllChildren(h2);
    });
    s = chat(s, "JP", "Anyone for rare earths?");
    await patch(clientView(s, asSeat("US")));
    expect(await same(".country-panel *")).not.toContain(false);
    expect(await page.evaluate(() => getSelection()!.toString())).toBe("United States");
    // Japan signs A2, which waits on the United States: the panel shows it.
    s = step(s, { actor: seat("JP"), move: { type: "sign", agreementId: "A2", revision: 1 } });
    await patch(clientView(s, asSeat("US")));
    expect(await same(".country-panel *")).toContain(false);
    expect(await page.locator("#mine-A2-sign").locator("xpath=ancestor::article").textContent()).toContain("2 of 3");
  });

  it("my goals end in their points: “…chokepoints. (15 pts, not met yet)” in English, “…关键节点。（15 分，尚未达成）” in Chinese, no space before the full-width bracket; why not on a line below", async () => {
    const view = clientView(negotiation(), asSeat("US"));
    // The goal's line without the why below it.
    const goals = () => page.locator(".objectives li").evaluateAll((lis) => lis.map((li) => [...li.childNodes].filter((n) => !(n as Element).classList?.contains("hint")).map((n) => n.textContent).join("")));
    const whys = () => page.locator(".objectives li .hint").allTextContents();
    await mount("country", view);
    expect(await goals()).toContainEqual(expect.stringMatching(/chokepoints\. \(15 pts, not met yet\)$/));
    expect(await whys()).toContain("No export-control regime on semiconductors took force.");
    // The objectives as a Chinese reader's view holds them (client/i18n/scenario-text.ts).
    const zh = JSON.parse(readFileSync(join(ROOT, "assets", "scenarios", "zh-CN", "classroom-quick.json"), "utf8")) as { countries: Record<string, { objectives: Record<string, string> }> };
    const inChinese = { ...view, countries: view.countries.map((c) => (c.id === "US" ? { ...c, objectives: c.objectives.map((o) => ({ ...o, text: zh.countries.US!.objectives[o.id]! })) } : c)) };
    await page.evaluate(() => (window as never as { panels: { language(l: string): Promise<void> } }).panels.language("zh-CN"));
    try {
      await mount("country", inChinese);
      const lines = await goals();
      expect(lines).toContainEqual(expect.stringMatching(/关键节点。（15 分，尚未达成）$/));
      expect(lines.filter((l) => / （/.test(l))).toEqual([]);
      expect(await whys()).toContain("没有任何半导体出口管制机制生效。");
    } finally {
      await page.evaluate(() => (window as never as { panels: { language(l: string): Promise<void> } }).panels.language("en"));
    }
  });

  it("a secret objective “slogan: goal” reads on a line of its own under its heading — the review, the console, the end screen — never “Secret objective: slogan: goal”, in English and in Chinese", async () => {
    // Most objectives have a colon of their own (assets/scenarios/multipolar-2024.json): a label and a colon before one gave a line two colons.
    const text = { en: "Win the Gulf's AI build-out: finance the UAE's data centre.", "zh-CN": "赢得海湾的人工智能建设：为阿联酋的数据中心提供融资。" };
    const withSecret = (v: ClientView, secret: string): ClientView => ({
      ...v,
      countries: v.countries.map((c) => (c.secret ? { ...c, secret: { ...c.secret, text: secret } } : c)),
      scores: v.scores.map((x) => ({ ...x, objectives: x.objectives.map((o) => (o.secret ? { ...o, text: secret } : o)) })),
    });
    const lines = (selector: string) => page.locator(selector).evaluateAll((els) => els.map((el) => (el as HTMLElement).innerText.split("\n").map((l) => l.trim()).filter(Boolean)));
    const language = (l: string) => page.evaluate((x) => (window as never as { panels: { language(l: string): Promise<void> } }).panels.language(x), l);
    const s = negotiation();
    const ended = step(s, { actor: { kind: "facilitator" }, move: { type: "end-game" } });
    try {
      for (const lang of ["en", "zh-CN"] as const) {
        await language(lang);
        const secret = text[lang];
        // The seat's own, apart under the scoreboard: heading, objective, whether it is met.
        await mount("review", withSecret(clientView(s, asSeat("US")), secret));
        const own = await lines("tr.own-secret");
        expect(own).toHaveLength(1);
        expect(own[0]![1]).toBe(secret);
        expect(own[0]).toHaveLength(3);
        // The facilitator's drill-down into a seat.
        await mount("overview", withSecret(clientView(s, asFacilitator), secret));
        await page.locator("#con-seat-US").click();
        const points = clientView(s, asFacilitator).countries.find((c) => c.id === "US")!.secret!.points;
        await expect.poll(() => lines("#con-detail .secret-line")).toEqual([[expect.stringMatching(/^○ \S/), lang === "en" ? `${secret} (${points} pts)` : `${secret}（${points} 分）`]]);
        // The end screen, where every secret is revealed under its country's name.
        await page.evaluate((v) => (window as never as { panels: { screen(v: unknown): void } }).panels.screen(v), withSecret(clientView(ended, asSeat("US")), secret));
        await page.locator("#tab-end").click();
        // The end screen draws after the click: its lines are waited for, not read at once.
        await expect.poll(async () => (await lines(".end-screen li:has(> strong)")).length).toBeGreaterThan(1);
        const revealed = await lines(".end-screen li:has(> strong)");
        for (const li of revealed) expect([li.length, li[1]]).toEqual([2, secret]);
      }
    } finally {
      await language("en");
    }
  });

  it("the facilitator's seat detail gives every objective its points, the secret one too, as the public ones do", async () => {
    const view = clientView(negotiation(), asFacilitator);
    const us = view.countries.find((c) => c.id === "US")!;
    await mount("overview", view);
    await page.locator("#con-seat-US").click();
    const items = page.locator('#con-detail h4:has-text("Public objectives") + ul > li');
    await expect.poll(() => items.count()).toBeGreaterThan(1);
    // Each line: whether it is met, then the objective and its points.
    const shown = (await items.allInnerTexts()).map((x) => x.replace(/\s+/g, " ").trim().replace(/^[○✔] /, ""));
    const worth = (o: { text: string; points: number }) => `${o.text} (${o.points} pts)`;
    expect(shown).toEqual([...us.objectives.map(worth), `Secret objective ${worth(us.secret!)}`]);
  });

  it("the waiting room names me “Ana (Diplomat, also acting for …) (you)” in English, “Ana（外交官；…）（你）” in Chinese: no space between the full-width brackets", async () => {
    const waiting = clientView(createGame({ scenario, settings: { seed: "client-tests" } }), asSeat("US", ["diplomat"]));
    const view = { ...waiting, settings: { ...waiting.settings, teams: true }, seats: waiting.seats.map((x) => (x.id === "US" ? { ...x, holders: x.holders.map((p) => ({ ...p, roles: "diplomat" })) } : x)) };
    const mine = () => page.locator(".lobby-panel tr.mine td").textContent();
    await mount("lobby", view);
    // Alone at the US, Ana also acts for the ministries nobody holds (docs/RULES.md "The three ministries").
    expect(await mine()).toBe("Ana (Diplomat, also acting for Regulator and Economic envoy until teammates join) (you)");
    // The settings line after the scenario's title is one phrase: no capital after its first dot.
    expect(await page.locator(".lobby-panel p.muted", { hasText: " · " }).first().textContent()).toMatch(/^Classroom quick start 2023 · teams on · bots (on|off) · \d+ rounds$/);
    await page.evaluate(() => (window as never as { panels: { language(l: string): Promise<void> } }).panels.language("zh-CN"));
    try {
      await mount("lobby", view);
      expect(await mine()).toBe("Ana（外交官；队友加入前，也代行监管官员和经济特使的职责）（你）");
    } finally {
      await page.evaluate(() => (window as never as { panels: { language(l: string): Promise<void> } }).panels.language("en"));
    }
  });

  it("Stay out takes me out of an offer of three, after asking: the amendment the engine takes", async () => {
    await mount("country", clientView(negotiation(), asSeat("US")));
    await sent();
    // A2 (the Netherlands, the United States and Japan); A1, of two, has no Stay out.
    expect(await page.locator("#mine-A1-leave").count()).toBe(0);
    await page.locator("#mine-A2-leave").click();
    await page.locator("dialog.confirm[open]").waitFor();
    expect(await page.locator("dialog.confirm #confirm-q").textContent()).toContain("Stay out of A2?");
    await page.locator("#confirm-yes").click();
    await expect.poll(() => sent()).toEqual([{ type: "amend", agreementId: "A2", revision: 1, draft: { terms: expect.objectContaining({ type: "export-control" }), parties: ["NL", "JP"], duration: expect.any(Number) } }]);
  });

  it("the review colours each cause as news: a rise of tension or of the divide is red, a fall green", async () => {
    await mount("review", clientView(review(), asSeat("US")));
    const amounts = await page.evaluate(() =>
      [...document.querySelectorAll("details[data-key]")].flatMap((d) => {
        const metric = d.getAttribute("data-key")!.split(":").slice(2).join(":");
        return [...d.querySelectorAll(".causes .amount")].map((a) => ({ metric, text: a.textContent ?? "", cls: a.className }));
      }),
    );
    const rising = (x: { text: string }) => x.text.startsWith("+");
    const downIsGood = amounts.filter((a) => a.metric === "tension" || a.metric === "divide");
    expect(downIsGood.length, "causes of tension or the divide in the review").toBeGreaterThan(0);
    for (const a of downIsGood) expect(a.cls, `${a.metric} ${a.text}`).toContain(rising(a) ? "neg" : "pos");
    const upIsGood = amounts.filter((a) => a.metric === "capital" || a.metric === "prosperity");
    expect(upIsGood.length).toBeGreaterThan(0);
    for (const a of upIsGood) expect(a.cls, `${a.metric} ${a.text}`).toContain(rising(a) ? "pos" : "neg");
  });

  it("a review row's change and its causes agree as printed, in English and in Chinese: −0.55 over its one cause −0.55, not −0.5", async () => {
    const v = clientView(review(), asSeat("US"));
    const change = { subject: "US", key: "influence", from: 50, to: 49.45, causes: [{ label: { key: "cause.income" }, amount: -0.55 }] };
    const only = (cs: ClientView["changes"]) => [...cs.filter((c) => !(c.subject === "US" && c.key === "influence")), change];
    const view: ClientView = { ...v, changes: only(v.changes), history: v.history.map((h) => (h.round === v.round ? { ...h, changes: only(h.changes) } : h)) };
    const language = (l: string) => page.evaluate((x) => (window as never as { panels: { language(l: string): Promise<void> } }).panels.language(x), l);
    try {
      for (const [lang, range] of [["en", /from 50 to 49\.45/], ["zh-CN", /50.*49\.45/]] as const) {
        await language(lang);
        await mount("review", view);
        const row = page.locator("details[data-key$=':US:influence']").first();
        await expect.poll(() => row.count()).toBe(1);
        expect(await row.locator("summary .trend [aria-hidden]").textContent()).toMatch(/−0\.55$/);
        expect(await row.locator("summary .change-range").textContent()).toMatch(range);
        expect(await row.locator(".causes .amount").allTextContents()).toEqual(["−0.55"]);
      }
    } finally {
      await language("en");
    }
  });

  it("the review folds the sectors' capability into one line: a phone does not scroll past a row a sector before the table's changes", async () => {
    await mount("review", clientView(review(), asSeat("US")));
    const groups = await page.evaluate(() =>
      [...document.querySelectorAll("details[data-key$=':capabilities']")].map((d) => ({
        open: (d as HTMLDetailsElement).open,
        summary: d.querySelector("summary")!.textContent ?? "",
        inside: [...d.querySelectorAll("details[data-key*=':capability:']")].length,
        outside: [...document.querySelectorAll("details[data-key*=':capability:']")].filter((x) => !d.contains(x) && x.closest("details[data-key$=':capabilities']") === null).length,
      })),
    );
    expect(groups.length).toBeGreaterThan(0);
    for (const g of groups) {
      expect(g.open).toBe(false);
      expect(g.summary).toMatch(new RegExp(`Capability in ${g.inside} sectors`));
      expect(g.inside).toBeGreaterThanOrEqual(3);
      expect(g.outside).toBe(0);
    }
    // The other changes stay rows of their own, open as before.
    expect(await page.locator("details[data-key$=':prosperity'] summary, details[data-key$=':capital'] summary").count()).toBeGreaterThan(0);
  });

  it("the last round's review says the outcome as final, as the end screen does: missed, halved, × 0.5; a review with rounds to come says it for now", async () => {
    const outcome = () =>
      page.evaluate(() => ({
        text: document.querySelector(".review-panel .outcome p")?.textContent ?? "",
        marks: [...document.querySelectorAll(".review-panel .outcome li .muted")].map((m) => m.textContent ?? ""),
        caption: document.querySelector(".review-panel table.scores caption")?.textContent ?? "",
        heading: document.querySelector(".review-panel .outcome h3")?.textContent ?? "",
      }));
    const s = review();
    const mid = clientView(s, asSeat("US"));
    expect(mid.outcome.met, "the fixture's table misses a target after round 1").toBe(false);
    await mount("review", mid);
    const early = await outcome();
    expect(early.text).toContain("if the game ended now, every score would be halved");
    expect(early.marks).toContain(" (does not hold yet)");
    expect(early.caption).toContain("for now");
    // The count says what it counts (a bare "1/6" under a big heading on the projector did not).
    const held = mid.outcome.targets.filter((x) => x.met).length;
    expect(early.heading).toBe(`Table outcome: ${held} of ${mid.outcome.targets.length} targets hold`);

    // The same review, when round 1 is the game's last: this review ends the game.
    await mount("review", clientView(s, asSeat("US"), { settings: { ...mid.settings, rounds: 1 } }));
    const last = await outcome();
    expect(last.text).toBe("Not all shared targets are met: every score is halved.");
    expect(last.marks.length).toBeGreaterThan(0);
    // One tense: each target is met or missed, none "holds" or "does not hold yet".
    for (const m of last.marks) expect([" (met)", " (missed)"]).toContain(m);
    expect(last.caption).toContain("Every score × 0.5: the table missed its shared targets.");
    expect(last.caption).not.toContain("for now");
    expect(last.heading).toBe(`Table outcome: ${held} of ${mid.outcome.targets.length} targets met`);
  });

  it("a review read after its round says its outcome and scores are today's: the next round's event may have moved them", async () => {
    const s = review();
    await mount("review", clientView(s, asSeat("US")));
    expect(await page.locator(".review-panel .outcome").count()).toBe(1);
    // In the round's own review the numbers are the round's: nothing to say.
    expect(await page.locator(".review-panel .review-now").count()).toBe(0);
    // Round 2's event: round 1's review still shows, above the outcome as it stands now.
    const next = step(s, { actor: { kind: "system" }, move: { type: "advance" } });
    expect(next.round).toBe(2);
    await mount("review", clientView(next, asSeat("US")));
    expect(await page.locator(".review-head h2").textContent()).toBe("Round 1 review");
    expect(await page.locator(".review-panel .review-now").textContent()).toBe("The table outcome and the scores below are as they stand now, in round 2, not as round 1 left them.");
    // It stands right above the outcome it speaks of.
    expect(await page.locator(".review-panel .review-now + .outcome").count()).toBe(1);
  });

  it("the review keeps its round list through patches", async () => {
    let s = review();
    await mount("review", clientView(s, asSeat("US")));
    await keep("#review-round");
    s = chat(s, "JP", "A line in the review phase.");
    await patch(clientView(s, asSeat("US")));
    expect(await same("#review-round")).toEqual([true]);
    expect(await page.locator(".review-head h2").textContent()).toContain("1");
  });
});

describe("the deal builder", () => {
  // Each test opens its own builder: one a failed test left open must not cover the next ones.
  afterEach(() => page.evaluate(() => document.querySelectorAll("dialog").forEach((d) => d.remove())));

  it("previews a counter-offer in place of the offer it revises, and a new deal as a new deal", async () => {
    // The Netherlands offered A2 to the US and Japan: the US opens a counter-offer.
    const view = clientView(negotiation(), asSeat("US"));
    const a2 = view.agreements.find((a) => a.id === "A2")!;
    await mount("deals", view);
    await previewsAsked();
    const asked = async () => ((await page.evaluate(() => (window as never as { panels: { previews: unknown[] } }).panels.previews.length)) as number);
    await page.locator("article.deal").filter({ hasText: "A2" }).first().getByRole("button", { name: "Counter-offer" }).click();
    await expect.poll(asked).toBeGreaterThan(0);
    expect((await previewsAsked()).at(-1)).toEqual({ draft: { terms: a2.terms, parties: a2.parties, duration: a2.duration }, amends: "A2" });
    await page.evaluate(() => document.querySelectorAll("dialog").forEach((d) => d.remove()));
    // A new deal has no offer to stand in for.
    await page.evaluate((v) => (window as never as { panels: { openBuilder(v: unknown, type: string): void } }).panels.openBuilder(v, "screening"), view);
    await page.locator("#deal-parties-JP").check();
    await expect.poll(asked).toBeGreaterThan(0);
    expect((await previewsAsked()).at(-1)).not.toHaveProperty("amends");
  });

  it("a counter-offer's type list is greyed and says why: the type stays, another type is a new deal", async () => {
    await mount("deals", clientView(negotiation(), asSeat("US")));
    await page.locator("article.deal").filter({ hasText: "A2" }).first().getByRole("button", { name: "Counter-offer" }).click();
    const type = page.locator("dialog.deal-builder #deal-type");
    await expect.poll(() => type.isDisabled()).toBe(true);
    const why = await type.evaluate((el) => document.getElementById(el.getAttribute("aria-describedby") ?? "")?.textContent ?? "");
    expect(why).toBe("An amendment keeps the deal's type; for another type, choose “Propose a deal”.");
    expect(await page.locator("#deal-type-fixed").isVisible()).toBe(true);
    expect(Number(await type.evaluate((el) => getComputedStyle(el).opacity))).toBeLessThan(1);
    await page.evaluate(() => document.querySelectorAll("dialog").forEach((d) => d.remove()));
    // A new deal's list is open to choose, with nothing to explain.
    await page.evaluate((v) => (window as never as { panels: { openBuilder(v: unknown, type: string): void } }).panels.openBuilder(v, "screening"), clientView(negotiation(), asSeat("US")));
    await expect.poll(() => type.isDisabled()).toBe(false);
    expect(await page.locator("#deal-type-fixed").count()).toBe(0);
    await page.keyboard.press("Escape");
  });

  it("asks to fill in a new draft before marking anything, then names each problem by its field's label", async () => {
    await page.evaluate((v) => (window as never as { panels: { openBuilder(v: unknown, type: string): void } }).panels.openBuilder(v, "screening"), clientView(negotiation(), asSeat("US")));
    const preview = page.locator("dialog.deal-builder .builder-preview");
    // Just opened, nothing is marked: it does not point at fields "marked above".
    await expect.poll(() => preview.textContent()).toContain("Fill in the deal to see a preview");
    expect(await preview.locator(".problems li").count()).toBe(0);
    expect(await page.locator("dialog.deal-builder .field.invalid").count()).toBe(0);
    // A partner ticked and unticked: the form is touched, the parties are marked, and the list says "Parties", not the code's name.
    await page.locator("#deal-parties-JP").check();
    await page.locator("#deal-parties-JP").uncheck();
    await expect.poll(() => preview.textContent()).toContain("Fix the fields marked above");
    expect(await page.locator("dialog.deal-builder fieldset.invalid legend").textContent()).toBe("Parties");
    const problems = await preview.locator(".problems li").allTextContents();
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]).toMatch(/^Parties: /);
    expect(problems.join(" ")).not.toMatch(/\bparties:/);
    await page.keyboard.press("Escape");
  });

  it("keeps the focus and the numbers when Tab leaves a changed number, so the next one typed lands in the next field", async () => {
    await page.evaluate((v) => (window as never as { panels: { openBuilder(v: unknown, type: string): void } }).panels.openBuilder(v, "loan"), clientView(negotiation(), asSeat("US")));
    await page.locator("#deal-amount").focus();
    await page.locator("#deal-amount").fill("30");
    await page.keyboard.press("Tab");
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("deal-interest");
    await page.keyboard.press("Control+A");
    await page.keyboard.type("1");
    await page.keyboard.press("Tab");
    await expect.poll(() => page.evaluate(() => document.activeElement?.closest("dialog") !== null && document.activeElement !== document.body)).toBe(true);
    expect(await page.locator("#deal-amount").inputValue()).toBe("30");
    expect(await page.locator("#deal-interest").inputValue()).toBe("1");
    await page.keyboard.press("Escape");
  });

  it("keeps a number selected to be typed over when the form redraws under it (a change committed just before)", async () => {
    await page.evaluate((v) => (window as never as { panels: { openBuilder(v: unknown, type: string): void } }).panels.openBuilder(v, "loan"), clientView(negotiation(), asSeat("US")));
    await page.locator("dialog[open] #deal-amount").fill("30");
    await page.locator("dialog[open] #deal-interest").focus();
    await page.keyboard.press("Control+A");
    // The amount's change redraws the form a moment after the focus left it; here it lands after the selection.
    await page.evaluate(() => document.querySelector("dialog[open] #deal-amount")!.dispatchEvent(new Event("change")));
    await page.evaluate(() => new Promise((r) => setTimeout(r, 0)));
    await page.keyboard.type("1");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("deal-interest");
    expect(await page.locator("dialog[open] #deal-interest").inputValue()).toBe("1");
    expect(await page.locator("dialog[open] #deal-amount").inputValue()).toBe("30");
    await page.keyboard.press("Escape");
  });

  const openBuilder = (v: ClientView, type: string) => page.evaluate(([view, ty]) => (window as never as { panels: { openBuilder(v: unknown, type: string): void } }).panels.openBuilder(view, ty), [v, type] as const);

  it("warns beside Propose when a loan's repayments would fall due after the game's last round, where they are never made; not for a loan repaid within the game", async () => {
    const view = clientView(negotiation(), asSeat("US"));
    await openBuilder(view, "loan");
    const warning = page.locator("dialog[open] #deal-past-end");
    // The new loan runs to the game's end with a round's grace: repaid within the game.
    expect(await warning.isVisible()).toBe(false);
    // Five rounds' grace lengthens it past the last round: none of its repayments is made.
    await page.locator("dialog[open] #deal-grace").fill("5");
    await page.evaluate(() => document.querySelector("dialog[open] #deal-grace")!.dispatchEvent(new Event("change")));
    await expect.poll(() => warning.isVisible()).toBe(true);
    expect(await warning.textContent()).toMatch(new RegExp(`^The game ends after round ${view.settings.rounds}: every repayment of this loan would fall due later, so none of the [\\d.]+ capital it repays is ever repaid\\.$`));
    await page.keyboard.press("Escape");
  });

  it("when the negotiation ends, Propose is disabled and says why; the draft waits for the next round's negotiation", async () => {
    const s = negotiation();
    await openBuilder(clientView(s, asSeat("US")), "screening");
    await page.locator("#deal-parties-JP").check();
    expect(await page.locator("#deal-submit").isEnabled()).toBe(true);
    expect(await page.locator("#deal-closed").isVisible()).toBe(false);
    // The clock ends the negotiation: the round's review.
    const reviewed = step(s, { actor: { kind: "system" }, move: { type: "advance" } });
    await patch(clientView(reviewed, asSeat("US")));
    await expect.poll(() => page.locator("#deal-submit").isDisabled()).toBe(true);
    expect(await page.locator("#deal-closed").textContent()).toBe("The negotiation has ended: Propose works again in the next round's negotiation, with this draft if you leave it open.");
    expect(await page.locator("#deal-submit").getAttribute("aria-describedby")).toBe("deal-closed");
    expect(await page.locator("#deal-parties-JP").isChecked()).toBe(true);
    await sent();
    await page.locator("#deal-submit").click({ force: true });
    expect(await sent()).toEqual([]);
    // The next round's event, then its negotiation: Propose works again on the same draft.
    const event = step(reviewed, { actor: { kind: "system" }, move: { type: "advance" } });
    await patch(clientView(event, asSeat("US")));
    await expect.poll(() => page.locator("#deal-closed").textContent()).toContain("starts after the event");
    await patch(clientView(step(event, { actor: { kind: "system" }, move: { type: "advance" } }), asSeat("US")));
    await expect.poll(() => page.locator("#deal-submit").isEnabled()).toBe(true);
    expect(await page.locator("#deal-closed").isVisible()).toBe(false);
    expect(await page.locator("#deal-parties-JP").isChecked()).toBe(true);
    await page.keyboard.press("Escape");
  });

  it("a loan signed while the builder is open marks the project it finances and drops it from the recipient's needs", async () => {
    const s = negotiation();
    await openBuilder(clientView(s, asSeat("CN")), "loan");
    await page.locator("#deal-recipient").selectOption("ID");
    expect(await page.locator("#deal-project").inputValue()).toBe("datacentre");
    expect(await page.locator("#deal-recipient option[value=ID]").textContent()).toMatch(/data centre/i);
    // The Netherlands lends Indonesia its data centre meanwhile, and Indonesia signs.
    const loan = { type: "loan" as const, lenders: ["NL"], recipient: "ID", project: "datacentre" as const, amount: 10, interest: 3, grace: 1, conditions: [] };
    let t = step(s, { actor: seat("NL"), move: { type: "propose", draft: { terms: loan, parties: ["NL", "ID"], duration: 4 } } });
    t = step(t, { actor: seat("ID"), move: { type: "sign", agreementId: "A3", revision: 1 } });
    await patch(clientView(t, asSeat("CN")));
    await expect.poll(() => page.locator("#deal-recipient option[value=ID]").textContent()).not.toMatch(/data centre/i);
    expect(await page.locator("#deal-project option[value=datacentre]").textContent()).toContain("already financed: A3");
    expect(await page.locator("#deal-project-error").textContent()).toContain("A3");
    await page.keyboard.press("Escape");
  });

  it("a refusal of Propose shows in the bar beside the button, in sight on a phone, and is announced", async () => {
    await openBuilder(clientView(negotiation(), asSeat("CN")), "loan");
    await page.locator("#deal-recipient").selectOption("ID");
    await page.evaluate(() => (window as never as { panels: { refuseNext(e: unknown): void } }).panels.refuseNext({ code: "rule/financed", message: "Indonesia's data centre is already financed (A21)." }));
    await page.locator("#deal-submit").click();
    const msg = page.locator("dialog.deal-builder footer #deal-submit-msg");
    await expect.poll(() => msg.textContent()).toContain("A21");
    expect(await msg.getAttribute("role")).toBe("alert");
    const box = (await msg.boundingBox())!;
    expect(box.y + box.height).toBeLessThanOrEqual(page.viewportSize()!.height);
    expect(box.y).toBeGreaterThanOrEqual(0);
    await page.keyboard.press("Escape");
  });

  it("Propose with fields left wrong says in words that nothing was sent and where the problems are, not a bare count", async () => {
    // A supply deal with no supplier or buyer ticked and no units a round: two things to fix.
    await openBuilder(clientView(negotiation(), asSeat("US")), "supply");
    await page.locator("#deal-volume").fill("0");
    await page.locator("#deal-submit").click();
    const msg = page.locator("dialog.deal-builder footer #deal-submit-msg");
    await expect.poll(() => msg.textContent()).toBe("Not sent: 2 fields need fixing; each problem is shown beside its field.");
    // One left: the sentence says one field, not "1 fields".
    await page.locator("#deal-volume").fill("2");
    await page.locator("#deal-submit").click();
    await expect.poll(() => msg.textContent()).toBe("Not sent: 1 field needs fixing; its problem is shown beside it.");
    await page.keyboard.press("Escape");
  });

  it("the refusal beside Propose follows the fields as they are fixed, and goes when none is left: no \"1 field needs fixing\" under a draft that previews", async () => {
    // A supply deal refused with no supplier and no units a round.
    await openBuilder(clientView(negotiation(), asSeat("US")), "supply");
    await page.locator("#deal-volume").fill("0");
    await page.locator("#deal-submit").click();
    const msg = page.locator("dialog.deal-builder footer #deal-submit-msg");
    await expect.poll(() => msg.textContent()).toBe("Not sent: 2 fields need fixing; each problem is shown beside its field.");
    // One fixed, without pressing Propose again: the count follows.
    await page.locator("#deal-volume").fill("2");
    await expect.poll(() => msg.textContent()).toBe("Not sent: 1 field needs fixing; its problem is shown beside it.");
    // The last fixed: the draft previews, and nothing says it needs fixing.
    await page.locator("#deal-suppliers-JP").check();
    await expect.poll(() => page.locator("dialog.deal-builder .builder-summary").textContent()).toContain("from Japan to the United States");
    await expect.poll(() => msg.textContent()).toBe("");
    expect(await page.locator("dialog.deal-builder .field.invalid, dialog.deal-builder fieldset.invalid").count()).toBe(0);
    await page.keyboard.press("Escape");
  });

  it.each([[390, 844], [1366, 768], [1920, 1080]])("the Propose/Cancel bar is the dialog's bottom edge at %i×%i: no text of the form shows beneath it, scrolled anywhere, and the last field scrolls clear of it", async (width, height) => {
    const before = page.viewportSize()!;
    await page.setViewportSize({ width, height });
    try {
      await openBuilder(clientView(negotiation(), asSeat("CN")), "loan");
      await page.locator("#deal-recipient").selectOption("ID");
      // A refusal's line makes the bar taller (the reviewer's phone: a loan of 60 refused).
      await page.evaluate(() => (window as never as { panels: { refuseNext(e: unknown): void } }).panels.refuseNext({ code: "rule/capital", message: "This deal costs 30 capital a round, and only 20.1 is not already committed." }));
      await page.locator("#deal-submit").click();
      await expect.poll(() => page.locator("#deal-submit-msg").textContent()).toContain("20.1");
      const edges = (to: "top" | "middle" | "bottom") =>
        page.evaluate((where) => {
          const dialog = document.querySelector("dialog.deal-builder")!;
          const scroller = [...dialog.querySelectorAll<HTMLElement>("*")].find((e) => e.scrollHeight > e.clientHeight + 1 && getComputedStyle(e).overflowY === "auto");
          if (scroller) scroller.scrollTop = where === "top" ? 0 : where === "bottom" ? scroller.scrollHeight : scroller.scrollHeight / 2;
          const bar = dialog.querySelector("footer")!.getBoundingClientRect();
          const fields = [...dialog.querySelectorAll(".builder-fields .field")];
          return { dialog: dialog.getBoundingClientRect().bottom, bar: bar.bottom, barTop: bar.top, lastField: fields.at(-1)!.getBoundingClientRect().bottom, inView: dialog.getBoundingClientRect().bottom <= innerHeight + 1 };
        }, to);
      for (const to of ["top", "middle", "bottom"] as const) {
        const e = await edges(to);
        expect(Math.abs(e.dialog - e.bar), `${to}: ${JSON.stringify(e)}`).toBeLessThanOrEqual(1);
        expect(e.inView).toBe(true);
        if (to === "bottom") expect(e.lastField).toBeLessThanOrEqual(e.barTop);
      }
      await page.keyboard.press("Escape");
    } finally {
      await page.setViewportSize(before);
    }
  });

  it("a country ticked on one side of a supply deal leaves the other", async () => {
    await openBuilder(clientView(negotiation(), asSeat("CN")), "supply");
    expect(await page.locator("#deal-buyers-CN").isChecked()).toBe(true);
    await page.locator("#deal-suppliers-CN").check();
    await expect.poll(() => page.locator("#deal-buyers-CN").isChecked()).toBe(false);
    await page.locator("#deal-buyers-JP").check();
    expect(await page.locator("#deal-suppliers-CN").isChecked()).toBe(true);
    expect(await page.locator("dialog.deal-builder").textContent()).not.toContain("both supplier and buyer");
    // And back: CN ticked as a buyer leaves the suppliers.
    await page.locator("#deal-buyers-CN").check();
    await expect.poll(() => page.locator("#deal-suppliers-CN").isChecked()).toBe(false);
    await page.keyboard.press("Escape");
  });

  it("closes when the facilitator moves the person to another seat: a draft for the old seat is not sent", async () => {
    const s = negotiation();
    await page.evaluate((v) => (window as never as { panels: { openBuilder(v: unknown, type: string): void } }).panels.openBuilder(v, "screening"), clientView(s, asSeat("US")));
    expect(await page.locator("dialog.deal-builder[open]").count()).toBe(1);
    // A patch of the same seat keeps it open.
    await patch(clientView(chat(s, "JP", "Still here."), asSeat("US")));
    expect(await page.locator("dialog.deal-builder[open]").count()).toBe(1);
    await patch(clientView(s, asSeat("NL")));
    await expect.poll(() => page.locator("dialog.deal-builder[open]").count()).toBe(0);
  });
});

describe("the message log", () => {
  const plenary = (n: number, from = negotiation()) => {
    let s = from;
    for (let i = 1; i <= n; i++) s = chat(s, i % 2 ? "JP" : "NL", `Line ${i}: chips, gallium and a long enough sentence to take a line or two.`);
    return s;
  };

  it("appends a new line and leaves the others, and the reader's place, where they were", async () => {
    let s = plenary(40);
    await mount("talks", clientView(s, asSeat("US")));
    const lines = await keep(".messages li");
    expect(lines).toBe(40);
    // The log opens at its end; the reader scrolls back to the middle.
    const start = await page.evaluate(() => {
      const log = document.querySelector<HTMLElement>(".messages")!;
      const atEnd = log.scrollHeight - log.scrollTop - log.clientHeight < 2;
      log.scrollTop = Math.round(log.scrollHeight / 2);
      return { atEnd, top: log.scrollTop };
    });
    // The log learns where its reader is from the scroll event, which comes with a frame.
    await frames();
    expect(start.atEnd).toBe(true);
    s = chat(s, "IN", "A new line at the end.");
    await patch(clientView(s, asSeat("US")));
    expect(await same(".messages li")).not.toContain(false);
    const after = await page.evaluate(() => {
      const log = document.querySelector<HTMLElement>(".messages")!;
      return { count: log.children.length, last: log.lastElementChild!.textContent, top: log.scrollTop };
    });
    expect(after).toEqual({ count: 41, last: expect.stringContaining("A new line at the end."), top: start.top });
    // Back at the end, the log follows new lines.
    await page.evaluate(() => {
      const log = document.querySelector<HTMLElement>(".messages")!;
      log.scrollTop = log.scrollHeight;
    });
    await frames();
    s = chat(s, "CN", "And another.");
    await patch(clientView(s, asSeat("US")));
    expect(await page.evaluate(() => {
      const log = document.querySelector<HTMLElement>(".messages")!;
      return log.scrollHeight - log.scrollTop - log.clientHeight < 2;
    })).toBe(true);
  });

  it("the facilitator's plenary stays at its newest line when its lines rewrap (the console's wider panel narrows to the talks'), and a reader scrolled up stays put", async () => {
    let s = plenary(40);
    await page.evaluate(() => (document.body.style.width = "600px"));
    await mount("talks", clientView(s, asFacilitator));
    await page.locator("#chan-plenary").click();
    const fromEnd = () => page.evaluate(() => {
      const log = document.querySelector<HTMLElement>(".messages")!;
      return log.scrollHeight - log.scrollTop - log.clientHeight;
    });
    await expect.poll(fromEnd).toBeLessThan(2);
    // The panel narrows: every line takes more height. The reader at the end stays there …
    await page.evaluate(() => (document.body.style.width = "400px"));
    await expect.poll(fromEnd).toBeLessThan(2);
    // … and so does the next line that arrives.
    s = chat(s, "IN", "A new line at the end.");
    await patch(clientView(s, asFacilitator));
    await expect.poll(fromEnd).toBeLessThan(2);
    expect(await page.locator(".messages li").last().textContent()).toContain("A new line at the end.");
    // A reader who scrolled up to older lines is not pulled down by a new line nor by a rewrap.
    const top = await page.evaluate(() => {
      const log = document.querySelector<HTMLElement>(".messages")!;
      log.scrollTop = 200;
      return log.scrollTop;
    });
    await frames();
    s = chat(s, "CN", "And another.");
    await patch(clientView(s, asFacilitator));
    await page.evaluate(() => (document.body.style.width = "380px"));
    await frames();
    expect(await page.evaluate(() => document.querySelector<HTMLElement>(".messages")!.scrollTop)).toBe(top);
    await page.evaluate(() => (document.body.style.width = ""));
  });

  it("typing a message is not interrupted while lines arrive", async () => {
    let s = plenary(5);
    await mount("talks", clientView(s, asSeat("US")));
    await typeInto("#chat-input", "我们建议一项芯片协议", 4);
    for (let i = 0; i < 3; i++) {
      s = chat(s, "JP", `Arriving ${i}`);
      await patch(clientView(s, asSeat("US")));
    }
    expect(await fieldState("#chat-input")).toEqual({ focused: true, value: "我们建议一项芯片协议", caret: 4, blurs: 0 });
    expect(await page.locator(".messages li").count()).toBe(8);
  });

  it("the Enter that picks a word in a pinyin input method sends nothing; the next Enter sends the Chinese", async () => {
    await mount("talks", clientView(plenary(1), asSeat("US")));
    await sent();
    await page.locator("#chat-input").click();
    // Chromium's own input-method path: the pinyin is composed, Enter picks the word, the word is committed.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("Input.imeSetComposition", { text: "women", selectionStart: 5, selectionEnd: 5 });
    await page.keyboard.press("Enter");
    await cdp.send("Input.insertText", { text: "我们" });
    await cdp.detach();
    expect(await sent()).toEqual([]);
    expect((await page.locator("#chat-input").inputValue()).trim()).toBe("我们");
    await page.locator("#chat-input").press("Enter");
    await expect.poll(() => page.locator("#chat-input").inputValue()).toBe("");
    expect(await sent()).toEqual([{ type: "chat", channel: "plenary", text: "我们" }]);
  });
});

describe("a question in the plenary that no one will answer", () => {
  /** Sends `text` from the plenary's box, as a person does (Enter), and waits for the box to empty. */
  async function ask(text: string) {
    await page.locator("#chat-input").fill(text);
    await page.locator("#chat-input").press("Enter");
    await expect.poll(() => page.locator("#chat-input").inputValue()).toBe("");
  }
  const hint = async () => ((await page.locator("#chat-hint").isVisible()) ? await page.locator("#chat-hint").textContent() : null);

  it("naming no country, at a table with bots: says that bots answer when named, or anything in a private channel", async () => {
    await mount("talks", clientView(negotiation(), asSeat("US")));
    await sent();
    await ask("What do you want from us?");
    expect(await hint()).toBe("Bots answer in the plenary when you name them (“China, what would it take?”), or anything in a private channel.");
    // The bots' intent words make a question without its "?" too.
    await ask("what would it take");
    expect(await hint()).toContain("Bots answer in the plenary when you name them");
    // Named, the bot answers: nothing to say. Nor after a line that asks nothing.
    await ask("China, what do you want from us?");
    expect(await hint()).toBeNull();
    await ask("Good morning everyone.");
    expect(await hint()).toBeNull();
    // In a private channel every line is answered.
    await page.locator('[id="chan-ch:JP+US"]').click();
    await ask("What do you want from us?");
    expect(await hint()).toBeNull();
    expect(await sent()).toHaveLength(5);
  });

  it("at a table of people only, says nothing; in Chinese, the hint is in Chinese", async () => {
    const view = clientView(negotiation(), asSeat("US"));
    await mount("talks", { ...view, seats: view.seats.map((x) => ({ ...x, bot: false })) });
    await ask("What do you want from us?");
    expect(await hint()).toBeNull();
    await page.evaluate(() => (window as never as { panels: { language(l: string): Promise<void> } }).panels.language("zh-CN"));
    try {
      await mount("talks", view);
      await ask("你们想要什么？");
      expect(await hint()).toContain("机器人在全体会议中只回答点了其国名的提问");
    } finally {
      await page.evaluate(() => (window as never as { panels: { language(l: string): Promise<void> } }).panels.language("en"));
    }
  });

  it("asking an automated country (Alliance 2021's China, a developing partner) says that it does not talk", async () => {
    const alliance = loadScenario(JSON.parse(readFileSync(join(ROOT, "assets", "scenarios", "alliance-2021.json"), "utf8")));
    let s = createGame({ scenario: alliance, settings: { seed: "client-tests" } });
    s = step(s, { actor: { kind: "facilitator" }, move: { type: "start" } });
    s = step(s, { actor: { kind: "system" }, move: { type: "advance" } });
    await mount("talks", clientView(s, asSeat("US")));
    await ask("China, what do you want from us?");
    expect(await hint()).toBe("China is automated: it does not talk; its moves follow the scenario (see its country card).");
    await ask("@Kenya would you take a loan?");
    expect(await hint()).toBe("Kenya is automated: it does not talk; it signs only loans made to it (see its country card).");
    // A seat named: a person may answer it.
    await ask("Japan, what do you want from us?");
    expect(await hint()).toBeNull();
  });
});

/**
 * Runs `body` with `page` the panels' page on a phone (`onPhone` below) laid out as the game's own
 * page (client/index.html): the log as tall as its lines, up to the app's limit, not the test
 * page's fixed height, and the live regions out of sight.
 */
async function onPhoneAsGamePage(body: () => Promise<void>) {
  await onPhone(async (phone) => {
    const was = page;
    page = phone;
    try {
      await page.evaluate(() => {
        [...document.head.querySelectorAll("style")].find((x) => x.textContent!.includes("height: 240px"))?.remove();
        for (const id of ["live-polite", "live-assertive"]) document.getElementById(id)!.className = "sr-only";
      });
      await body();
    } finally {
      page = was;
    }
  });
}

/** Scrolls the page so that element `id` sits just above the phone's tab bar, where a thumb scrolling down (or the browser, for a tapped field) may leave it. */
const justAboveTabBar = (id: string) =>
  page.evaluate((x) => {
    const bar = parseFloat(getComputedStyle(document.documentElement).getPropertyValue("--tabbar"));
    window.scrollBy(0, document.getElementById(x)!.getBoundingClientRect().bottom - (innerHeight - bar - 8));
  }, id);

describe("the exit ticket on a phone", () => {
  it("shows that the answers were handed in above the tab bar, when Hand in was tapped just above it (390×844, zh-CN)", async () => {
    await onPhoneAsGamePage(async () => {
      await page.evaluate((l) => (window as never as { panels: { language(l: string): Promise<void> } }).panels.language(l), "zh-CN");
      const ended = step(negotiation(), { actor: { kind: "facilitator" }, move: { type: "end-game" } });
      await page.evaluate((v) => (window as never as { panels: { screen(v: unknown): void } }).panels.screen(v), clientView(ended, asSeat("US")));
      await page.locator("#tab-end").click();
      await page.locator("#exit-1").fill("光刻机");
      await justAboveTabBar("exit-send");
      await page.locator("#exit-send").tap();
      const reply = page.locator(".exit-ticket .status");
      await expect.poll(() => reply.textContent()).toBe("已提交。你可以修改答案后再次提交。");
      // Not hidden under the tab bar: the line is the element drawn at its own middle.
      await expect
        .poll(() =>
          reply.evaluate((el) => {
            const box = el.getBoundingClientRect();
            return el.contains(document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2));
          }),
        )
        .toBe(true);
    });
  });
});

describe("a new round on a phone", () => {
  it("shows the new event card: the page read down the review goes back to its top (390×844)", async () => {
    await onPhoneAsGamePage(async () => {
      const rev = review();
      await page.evaluate((v) => (window as never as { panels: { screen(v: unknown): void } }).panels.screen(v), clientView(rev, asSeat("US")));
      // The server's state arrives after the screen opens, as over a connection.
      await patch(clientView(rev, asSeat("US")));
      await page.locator("#tab-review").click();
      await page.locator("#tab-review[aria-selected=true]").waitFor();
      // Read to the end of the review, the event card far above.
      await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
      await frames();
      expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(300);
      const next = step(rev, { actor: { kind: "system" }, move: { type: "advance" } });
      expect([next.round, next.phase]).toEqual([2, "event"]);
      await patch(clientView(next, asSeat("US")));
      await expect.poll(() => page.locator(".topbar .phase").textContent()).toBe("Event");
      await page.locator("#tab-country[aria-selected=true]").waitFor();
      // The new card's title on screen, below the top bar.
      const seen = () =>
        page.evaluate(() => {
          const title = document.querySelector(".event-strip")!.getBoundingClientRect();
          const bar = document.querySelector(".topbar")!.getBoundingClientRect();
          return title.height > 0 && title.top >= bar.bottom && title.top < innerHeight - 120;
        });
      await expect.poll(seen).toBe(true);
    });
  });
});

describe("the message box on a phone", () => {
  it("stays above the tab bar after a message is sent and the log grows under it (390×844)", async () => {
    await onPhoneAsGamePage(async () => {
      // A few lines: the log is as tall as they are, short of its limit.
      let s = negotiation();
      for (const [from, line] of [["JP", "Good morning."], ["NL", "Morning."], ["IN", "Hello all."], ["JP", "Shall we talk chips?"]] as const) s = chat(s, from, line);
      await page.evaluate((v) => (window as never as { panels: { screen(v: unknown): void } }).panels.screen(v), clientView(s, asSeat("US")));
      await page.locator("#tab-talks").click();
      await page.locator("#chat-input").waitFor();
      await justAboveTabBar("chat-send");
      await page.locator("#chat-input").focus();
      const text = "We would like a chip deal with every one of you: supply at a fair price, for three rounds, and a word on export controls before the review.";
      await page.keyboard.type(text);
      await page.locator("#chat-send").tap();
      await expect.poll(() => page.locator("#chat-input").inputValue()).toBe("");
      // The server's patch brings the line: the log grows above the box.
      s = chat(s, "US", text);
      await patch(clientView(s, asSeat("US")));
      await expect.poll(() => page.locator(".messages li").count()).toBe(5);
      await frames();
      const onTop = (id: string) =>
        page.evaluate((x) => {
          const box = document.getElementById(x)!.getBoundingClientRect();
          return document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2)?.id ?? "";
        }, id);
      await expect.poll(() => onTop("chat-send")).toBe("chat-send");
      expect(await onTop("chat-input")).toBe("chat-input");
      // A question no one will answer: its hint under Send shows above the tab bar too.
      await page.keyboard.type("What do you want from us?");
      await page.keyboard.press("Enter");
      await expect.poll(() => page.locator("#chat-hint").isVisible()).toBe(true);
      s = chat(s, "US", "What do you want from us?");
      await patch(clientView(s, asSeat("US")));
      await expect.poll(() => page.locator(".messages li").count()).toBe(6);
      await expect.poll(() => onTop("chat-hint")).toBe("chat-hint");
      expect(await onTop("chat-send")).toBe("chat-send");
    });
  });
});

describe("a bot's line that names terms it would sign", () => {
  afterEach(() => page.evaluate(() => document.querySelectorAll("dialog").forEach((d) => d.remove())));

  it("puts exactly those terms in the deal builder in one click, for the reader they are offered to", async () => {
    const opened = negotiation();
    const channel = Object.values(opened.channels).find((c) => c.kind === "bilateral" && c.members.join() === "JP,US")!.id;
    const said = { key: "bot.dm.offer", args: { deal: "chips", rounds: "2 rounds", why: "pays" } };
    const s = step(opened, { actor: seat("JP"), move: { type: "chat", channel, said, draft: supplyDraft } });
    await mount("talks", clientView(s, asSeat("US")));
    await sent();
    await page.locator(`[id="chan-${channel}"]`).click();
    await page.getByRole("button", { name: "Put these terms in the deal builder" }).click();
    const builder = page.locator("dialog.deal-builder");
    await expect.poll(() => builder.isVisible()).toBe(true);
    expect(await page.locator("#deal-volume").inputValue()).toBe("3");
    expect(await page.locator("#deal-price").inputValue()).toBe("1");
    expect(await page.locator("#deal-duration").inputValue()).toBe("2");
    expect(await page.locator("#deal-sector").inputValue()).toBe("semis");
    await expect.poll(() => builder.locator(".builder-summary").textContent()).toContain("Semiconductors from Japan to the United States: 3 units a round at 1 capital each");
    // Nothing is sent until the player proposes.
    expect(await sent()).toEqual([]);
    // Its writer (a person who took the bot's seat, say) has no terms of its own to propose to itself.
    await page.keyboard.press("Escape");
    await mount("talks", clientView(s, asSeat("JP")));
    await page.locator(`[id="chan-${channel}"]`).click();
    await expect.poll(() => page.locator(".messages li").last().textContent()).toContain("We would sign this");
    expect(await page.locator(".draft-to-builder").count()).toBe(0);
  });
});

describe("removing a message", () => {
  afterEach(() => page.evaluate(() => document.querySelectorAll("dialog").forEach((d) => d.remove())));

  it("asks in a small dialog with an optional reason, and sends the reason typed; Cancel sends nothing", async () => {
    const s = chat(negotiation(), "JP", "You are all idiots");
    const id = s.messages.at(-1)!.id;
    await mount("talks", clientView(s, asFacilitator));
    await sent();
    const remove = page.locator(`.mod-delete[aria-label="Remove message ${id} for everyone"]`);
    await remove.click();
    const dialog = page.locator("dialog.mod-remove[open]");
    expect(await dialog.locator("#mod-remove-q").textContent()).toBe("Remove this message for everyone? The removal is logged in the report.");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("mod-reason");
    await page.locator("#mod-remove-cancel").click();
    await expect.poll(() => page.locator("dialog.mod-remove").count()).toBe(0);
    expect(await sent()).toEqual([]);
    // Again, with a reason: Remove sends it.
    await remove.click();
    await page.locator("#mod-reason").fill("  Insult to another delegation ");
    await page.locator("#mod-remove-go").click();
    await expect.poll(() => sent()).toEqual([{ type: "delete-message", messageId: id, reason: "Insult to another delegation" }]);
    // Enter in the reason removes too; with no reason the removal is still sent.
    await remove.click();
    await page.locator("#mod-reason").press("Enter");
    await expect.poll(() => sent()).toEqual([{ type: "delete-message", messageId: id, reason: "" }]);
  });
});

describe("the How to play page", () => {
  const language = (l: string) => page.evaluate((x) => (window as never as { panels: { language(l: string): Promise<void> } }).panels.language(x), l);
  // Numbers, headings and section marks as the reader sees them in the document's own text (marks and link addresses left out).
  const numbers = (text: string) => [...new Set(text.match(/\d+(?:\.\d+)?/g))].sort();
  const readable = (md: string) => md.replace(/\]\([^)\s]*\)/g, "]").replace(/[*`]/g, "");

  it.each([
    ["en", "RULES.md"],
    ["zh-CN", "RULES.zh-CN.md"],
  ])("in %s shows no source file, setting key or refusal code, and every heading and number of docs/%s", async (lang, file) => {
    const doc = readFileSync(join(ROOT, "docs", file), "utf8");
    try {
      await language(lang);
      await page.evaluate(() => (window as never as { panels: { howToPlay(): Promise<void> } }).panels.howToPlay());
      const rules = page.locator(".howto-rules");
      await expect.poll(() => rules.locator("h2").count()).toBeGreaterThanOrEqual(9);
      const text = await rules.innerText();
      // What the document holds for contributors, as it is written there.
      expect(doc).toMatch(/shared\/engine\/scoring\.ts/);
      expect(doc).toContain("`rule/no_trust`");
      expect(doc).toContain("`alignment.regimeDiscount`");
      // None of it reaches the page: no file, no refusal code, no setting or function name.
      expect(text).not.toMatch(/[\w-]+\.(ts|md|json)\b/);
      expect(text).not.toMatch(/\b[a-z]+\/[a-z]+_[a-z_]+\b|rule\//);
      expect(text).not.toMatch(/\b[a-z]+\.[a-z]+[A-Z]\w*|\b(rules|rival)\.\*|seatRanks|whoWon|againstPar/);
      expect(await rules.locator("code").allTextContents()).toEqual(expect.not.arrayContaining([expect.stringMatching(/[./]/)]));
      // Nor the marks of a sentence it was cut from: an empty aside, a comma or "see" left at its edge.
      expect(text).not.toMatch(/\(\s*\)|（\s*）|[(（]\s*[,;，；、]|[,;，；、]\s*[)）]|\bsee\s*[).]|\s[.,;]/);
      // Every heading, with its number, and every number of the rules stays.
      const headings = [...doc.matchAll(/^#{2,4} (.*)$/gm)].map((m) => readable(m[1]!));
      expect(await rules.locator("h2, h3, h4").allTextContents()).toEqual(headings);
      // (An ordered list's item numbers are the list's markers, not its text.)
      expect(numbers(text)).toEqual(numbers(readable(doc.replace(/^# .*\n/, "").replace(/^\s*\d+\.\s/gm, ""))));
      expect(text.match(/§\d+(\.\d+)?/g)).toEqual(readable(doc).match(/§\d+(\.\d+)?/g));
      // The teaching kit the rules point facilitators to is the site's page, not a file.
      expect(await rules.locator('a[href="/teaching"]').count()).toBe(1);
    } finally {
      await language("en");
    }
  });
});

describe("the console overview", () => {
  it("says by the pause control that a pause stops the clock only: talks and offers go on", async () => {
    const s = negotiation();
    await mount("overview", clientView(s, asFacilitator));
    expect(await page.locator("#con-pause").getAttribute("aria-describedby")).toBe("con-pause-hint");
    expect(await page.locator("#con-pause-hint").textContent()).toBe("Pause stops the clock only: talks and offers go on, and bots answer once you resume.");
    await mount("overview", { ...clientView(s, asFacilitator), paused: true, remainingMs: 120_000 });
    expect(await page.locator("#con-resume").getAttribute("aria-describedby")).toBe("con-pause-hint");
    expect(await page.locator("#con-pause-hint").textContent()).toBe("The clock is stopped; talks and offers go on. Bots answer once you resume.");
  });

  it("redraws only the seat that changed; the pace buttons hold still", async () => {
    let s = negotiation();
    await mount("overview", clientView(s, asFacilitator));
    const rows = await keep(".god-view tbody tr");
    expect(rows).toBeGreaterThanOrEqual(6);
    const ids = await page.evaluate(() => [...document.querySelectorAll(".god-view tbody tr .seat-open")].map((b) => b.id));
    await page.evaluate(() => ((window as never as { pause: Element }).pause = document.querySelector("#con-pause")!));
    // India writes in the plenary: India's row counts a message; no other row changes.
    s = chat(s, "IN", "India is listening.");
    await patch(clientView(s, asFacilitator));
    const kept = await same(".god-view tbody tr");
    const changed = ids.filter((_, i) => !kept[i]);
    expect(changed).toEqual(["con-seat-IN"]);
    expect(await page.evaluate(() => (window as never as { pause: Element }).pause.isConnected)).toBe(true);
    expect(await page.locator("#con-seat-IN").locator("xpath=ancestor::tr").textContent()).toContain("1 this round · 1 in all");
  });

  it("a seat finishing during a pause changes the count in place: Resume, the extend and end buttons stay the same nodes, and a press begun before the patch still resumes", async () => {
    const paused = (s: GameState) => ({ ...clientView(s, asFacilitator, { seats: seatsOf(s, ["CN", "JP", "NL"]) }), paused: true, remainingMs: 120_000 });
    let s = negotiation();
    await mount("overview", paused(s));
    await sent();
    const buttons = "#con-resume, #con-extend1, #con-extend5, #con-advance, #con-end";
    expect(await keep(buttons)).toBe(5);
    expect(await page.locator(".pace-head .muted.small").textContent()).toBe("2 of 4 seats done");
    // The facilitator presses Resume; Japan signs before the button is let go.
    await pressOn("#con-resume");
    s = step(s, { actor: seat("JP"), move: { type: "sign", agreementId: "A2", revision: 1 } });
    await patch(paused(s));
    expect(await page.locator(".pace-head .muted.small").textContent()).toBe("3 of 4 seats done");
    expect(await same(buttons)).toEqual([true, true, true, true, true]);
    await page.mouse.up();
    await expect.poll(() => sent()).toEqual([{ type: "resume" }]);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("con-resume");
    // The clock reads the pause in place too, and the resumed view puts Pause where Resume was, with the keyboard on it.
    expect(await page.locator("#con-clock").textContent()).toBe("Paused · 2:00 left");
    await patch({ ...paused(s), paused: false });
    expect(await page.locator("#con-clock").textContent()).not.toContain("Paused");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("con-pause");
    // A view whose pause flag the room state has not sent yet is a running clock, patch after patch (not red every other one).
    const { paused: _, ...unflagged } = { ...paused(s), paused: false };
    for (let i = 0; i < 2; i++) {
      await patch(unflagged as ClientView);
      expect(await page.locator("#con-clock").getAttribute("class")).toBe("pace-clock");
    }
  });

  it("ticks exactly the seats its \"seats done\" count counts: a bot nothing waits on is done before it says so", async () => {
    // Japan and the Netherlands played by bots too; the United States by Ana. Each seat's done as the server judged it.
    const withBots = (s: GameState, bots = ["CN", "JP", "NL"]) => clientView(s, asFacilitator, { seats: seatsOf(s, bots) });
    const ticked = () => page.evaluate(() => [...document.querySelectorAll(".god-view tbody tr")].filter((tr) => tr.querySelector(".ready-mark")).map((tr) => tr.querySelector(".seat-open")!.id.slice("con-seat-".length)).sort());
    const count = () => page.locator(".pace-head .muted.small").textContent();
    let s = negotiation();
    // The Dutch regime (A2) waits on Japan and the United States; China's and the Netherlands' bots have said nothing yet.
    await mount("overview", withBots(s));
    expect(await count()).toBe("2 of 4 seats done");
    expect(await ticked()).toEqual(["CN", "NL"]);
    s = step(s, { actor: seat("JP"), move: { type: "sign", agreementId: "A2", revision: 1 } });
    await patch(withBots(s));
    expect(await count()).toBe("3 of 4 seats done");
    expect(await ticked()).toEqual(["CN", "JP", "NL"]);
    s = step(s, { actor: seat("US"), move: { type: "ready", ready: true } });
    await patch(withBots(s));
    expect(await count()).toBe("4 of 4 seats done");
    expect(await ticked()).toEqual(["CN", "JP", "NL", "US"]);
    // Ana's phone drops: she may come back, and the phase would still end early once every person is done.
    const away = (v: ClientView) => ({ ...v, seats: v.seats.map((x) => ({ ...x, holders: x.holders.map((hd) => ({ ...hd, connected: false })) })) });
    await patch(away(withBots(s)));
    expect(await count()).toBe("4 of 4 seats done");
    // A bot takes her seat: bots alone, only the clock ends the phase, which the count says
    // (the Dutch offer, and Japan's line in their channel, now wait on the United States' bot).
    const botsOnly = (s: GameState) => withBots(s, ["CN", "JP", "NL", "US"]);
    await patch(botsOnly(s));
    expect(await count()).toBe("3 of 4 seats done · the clock ends the phase");
    s = step(s, { actor: seat("US"), move: { type: "sign", agreementId: "A2", revision: 1 } });
    await patch(botsOnly(s));
    expect(await count()).toBe("3 of 4 seats done · the clock ends the phase");
    // Signed, the offer waits on it no more; Japan's line in their channel still does (the server counts questions too).
    expect(await ticked()).toEqual(["CN", "JP", "NL"]);
  });

  it("ending the negotiation asks first, in the page's own dialog (not the browser's confirm): offers not yet signed lapse; the event and the review end at once", async () => {
    const s = negotiation();
    await mount("overview", clientView(s, asFacilitator));
    await sent();
    const native: string[] = [];
    const record = (d: { message(): string; dismiss(): Promise<void> }) => void (native.push(d.message()), d.dismiss());
    page.on("dialog", record);
    try {
      const question = page.locator("dialog.confirm[open] #confirm-q");
      // Escape: nothing is sent, and the focus is back on the button that asked.
      await page.locator("#con-advance").click();
      await expect.poll(() => question.textContent()).toBe("End the negotiation now for everyone? Offers not yet signed by all their parties lapse.");
      expect(await page.locator("dialog.confirm #confirm-yes").textContent()).toBe(await page.locator("#con-advance").textContent());
      // Cancel has the focus first: Enter on a dialog not read ends nothing.
      expect(await page.evaluate(() => document.activeElement?.id)).toBe("confirm-no");
      await page.keyboard.press("Escape");
      await page.locator("dialog.confirm").waitFor({ state: "detached" });
      expect(await page.evaluate(() => document.activeElement?.id)).toBe("con-advance");
      expect(await sent()).toEqual([]);
      // Cancel by keyboard, then yes by keyboard (Tab to it, Enter).
      await page.keyboard.press("Enter");
      await question.waitFor();
      await page.keyboard.press("Enter");
      await page.locator("dialog.confirm").waitFor({ state: "detached" });
      expect(await sent()).toEqual([]);
      await page.keyboard.press("Enter");
      await question.waitFor();
      await page.keyboard.press("Tab");
      expect(await page.evaluate(() => document.activeElement?.id)).toBe("confirm-yes");
      await page.keyboard.press("Enter");
      await expect.poll(() => sent()).toEqual([{ type: "advance", phase: "negotiation", round: 1 }]);
      expect(await page.evaluate(() => document.activeElement?.id)).toBe("con-advance");
      // Ending the game asks too, with the button's words on its Yes.
      await page.locator("#con-end").click();
      // In the negotiation the question says what ending now costs: the round is never resolved, its deals lapse.
      await expect.poll(() => question.textContent()).toBe("End the game for everyone now? Round 1 of 4 is not resolved: its offers and the deals signed in it lapse and never take effect. The final scores count the numbers as they stand.");
      await page.locator("#confirm-yes").click();
      await expect.poll(() => sent()).toEqual([{ type: "end-game" }]);
      expect(native).toEqual([]);
    } finally {
      page.off("dialog", record);
    }
  });

  it("ending the game from a round's review asks with the round it ends after, and says nothing of deals lapsing", async () => {
    await mount("overview", clientView(review(), asFacilitator));
    await sent();
    await page.locator("#con-end").click();
    const question = page.locator("dialog.confirm #confirm-q");
    await expect.poll(() => question.textContent()).toBe("End the game for everyone now, after round 1 of 4? The final scores count the numbers as they stand.");
    await page.locator("#confirm-no").click();
    await page.locator("dialog.confirm").waitFor({ state: "detached" });
    expect(await sent()).toEqual([]);
  });

  it("offers no 'End the game' before the game starts, beside the empty rounds; it comes with the start", async () => {
    const lobby = createGame({ scenario, settings: { seed: "client-tests" } });
    await mount("overview", clientView(lobby, asFacilitator));
    expect(await page.locator(".round-timeline .tl-round").count()).toBeGreaterThan(0);
    expect(await page.locator("#con-end").count()).toBe(0);
    expect(await page.locator(".pace-actions").isVisible()).toBe(false);
    await patch(clientView(step(lobby, { actor: { kind: "facilitator" }, move: { type: "start" } }), asFacilitator));
    await expect.poll(() => page.locator("#con-end").textContent()).toBe("End the game");
  });

  it("an 'End the negotiation now?' left open while the clock ends the negotiation closes, and sends nothing", async () => {
    const s = negotiation();
    await mount("overview", clientView(s, asFacilitator));
    await sent();
    await page.locator("#con-advance").click();
    await page.locator("dialog.confirm[open]").waitFor();
    await patch(clientView(step(s, { actor: { kind: "system" }, move: { type: "advance" } }), asFacilitator));
    await page.locator("dialog.confirm").waitFor({ state: "detached" });
    expect(await sent()).toEqual([]);
  });

  it("the advance button that the clock turned from one phase to the next takes no click for a moment", async () => {
    const s = negotiation();
    await mount("overview", clientView(s, asFacilitator));
    expect(await page.locator("#con-advance").isEnabled()).toBe(true);
    // The clock ends the negotiation: "End the negotiation" becomes "End the review" in its place.
    await patch(clientView(step(s, { actor: { kind: "system" }, move: { type: "advance" } }), asFacilitator));
    expect(await page.locator("#con-advance").textContent()).toContain("review");
    expect(await page.locator("#con-advance").isDisabled()).toBe(true);
    await sent();
    await page.locator("#con-advance").click({ force: true });
    expect(await sent()).toEqual([]);
    // A moment later it takes clicks again.
    await expect.poll(() => page.locator("#con-advance").isEnabled(), { timeout: 5000 }).toBe(true);
  });
});

describe("the \"I have a rejoin code\" form", () => {
  const language = (l: string) => page.evaluate((x) => (window as never as { panels: { language(l: string): Promise<void> } }).panels.language(x), l);
  const rejoin = (kind: "class" | "game", teams: boolean) => page.evaluate((h) => (window as never as { panels: { rejoin(h: unknown): void } }).panels.rejoin(h), { kind, teams });
  /** The form's hint, then what it says to a code of the wrong shape and to a code no seat has. */
  async function words(kind: "class" | "game", teams: boolean) {
    await rejoin(kind, teams);
    await page.locator("#rejoin-open summary").click();
    const intro = await page.locator(".rejoin-form .hint").textContent();
    const said = page.locator(".rejoin-form .status");
    await page.locator("#rejoin-code").fill("K7Q");
    await page.locator("#rejoin-submit").click();
    const badFormat = await said.textContent();
    // The code the sentence gives as an example is one the form takes.
    await page.locator("#rejoin-code").fill(/[A-Z0-9]{6}/.exec(badFormat!)![0]);
    await page.locator("#rejoin-submit").click();
    await expect.poll(() => said.textContent()).not.toBe(badFormat);
    return { intro, badFormat, badCode: await said.textContent() };
  }

  it("names the teacher on a class's page and the facilitator on a game's, in every sentence; a ministry only when the game has teams", async () => {
    expect(await words("class", true)).toEqual({
      intro: "On a new phone or browser? Ask your teacher for your seat's rejoin code: you take back your own place, name and ministry instead of joining as someone new.",
      badFormat: "A rejoin code has six letters and digits, e.g. K4QX3M. Check it with your teacher.",
      badCode: "Could not join: That rejoin code does not match any seat in this game. Check it with your teacher.",
    });
    expect(await words("game", false)).toEqual({
      intro: "On a new phone or browser? Ask your facilitator for your seat's rejoin code: you take back your own place and name instead of joining as someone new.",
      badFormat: "A rejoin code has six letters and digits, e.g. K4QX3M. Check it with your facilitator.",
      badCode: "Could not join: That rejoin code does not match any seat in this game. Check it with your facilitator.",
    });
  });

  it("in Chinese: 老师 on a class's page, 主持人 on a game's", async () => {
    await language("zh-CN");
    try {
      expect(await words("class", false)).toEqual({
        intro: "用了新的手机或浏览器？请向老师要你席位的重新加入代码：你会回到自己原来的席位，名字不变，而不是作为新人加入。",
        badFormat: "重新加入代码为六位字母和数字，例如 K4QX3M。请向老师核对。",
        badCode: "无法加入：该重新加入代码与本局任何席位都不匹配。请向老师核对。",
      });
      const game = await words("game", true);
      expect(game.intro).toBe("用了新的手机或浏览器？请向主持人要你席位的重新加入代码：你会回到自己原来的席位，名字和部门都不变，而不是作为新人加入。");
      expect(game.badFormat).toContain("请向主持人核对。");
      expect(game.badCode).toContain("请向主持人核对。");
    } finally {
      await language("en");
    }
  });
});

describe("the rejoin codes on a table's console", () => {
  // A teacher projects a table's console as they do the class console: whoever reads a code takes that seat.
  const codes = { US: "RYMYDK", JP: "MY3EY9" };
  const view = (s = negotiation()) => clientView(s, asFacilitator, { rejoinCodes: codes });
  const focused = () => page.evaluate(() => document.activeElement?.id);

  it("are hidden in the seat table; the facilitator shows one seat's code, and it hides again", async () => {
    let s = negotiation();
    await mount("rules", view(s));
    const table = () => page.locator(".console-seat-admin tbody").innerText();
    expect(await table()).not.toContain("RYMYDK");
    expect(await table()).not.toContain("MY3EY9");
    const us = page.locator("#con-code-US");
    expect(await us.getAttribute("aria-label")).toBe("Show code for United States");
    await us.click();
    await expect.poll(table).toContain("RYMYDK");
    expect(await table()).not.toContain("MY3EY9");
    expect(await us.getAttribute("aria-pressed")).toBe("true");
    expect(await focused()).toBe("con-code-US");
    // A patch keeps it shown.
    s = chat(s, "JP", "Anyone for rare earths?");
    await patch(view(s));
    expect(await table()).toContain("RYMYDK");
    // Japan's: the United States' hides; pressed again, Japan's hides too.
    await page.locator("#con-code-JP").click();
    await expect.poll(table).toContain("MY3EY9");
    expect(await table()).not.toContain("RYMYDK");
    await page.locator("#con-code-JP").click();
    await expect.poll(table).not.toContain("MY3EY9");
    expect(await focused()).toBe("con-code-JP");
  });

  it("the seat table says what a code is for, as the class console's roster does (English and Chinese)", async () => {
    const language = (l: string) => page.evaluate((x) => (window as never as { panels: { language(l: string): Promise<void> } }).panels.language(x), l);
    const hint = async () => {
      await mount("rules", view());
      expect(await page.locator(".console-seat-admin").getAttribute("aria-describedby")).toBe("rules-rejoin-hint");
      return page.locator("#rules-rejoin-hint").textContent();
    };
    expect(await hint()).toBe('A player on a new phone or browser: press "Show code" on their seat\'s row and give them the code; on the join page they choose "I have a rejoin code" and take back their own seat.');
    await language("zh-CN");
    try {
      expect(await hint()).toContain("“我有重新加入代码”");
    } finally {
      await language("en");
    }
  });

  it("are hidden in a seat's drill-down until shown", async () => {
    await mount("overview", view());
    await page.locator("#con-seat-US").click();
    const detail = () => page.locator("#con-detail").innerText();
    await expect.poll(detail).toContain("Rejoin code");
    expect(await detail()).not.toContain("RYMYDK");
    await page.locator("#con-detail-code-US").click();
    await expect.poll(detail).toContain("RYMYDK");
    expect(await focused()).toBe("con-detail-code-US");
    await page.locator("#con-detail-code-US").click();
    await expect.poll(detail).not.toContain("RYMYDK");
  });
});

describe("the facilitator key, shown once a game is made", () => {
  // The laptop that creates the game is often the one on the projector.
  const KEY = "QTFHKG6HN4YYNQNGVCKWHEYWE4KVF3WG";

  it("comes masked; Show the key shows it in groups of four, and it hides again; the copy and the download need no showing", async () => {
    await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
    await page.evaluate((k) => (window as never as { panels: { keyKeeper(k: string): void } }).panels.keyKeeper(k), KEY);
    const box = () => page.locator(".key-keeper").innerText();
    const show = page.locator("#key-show");
    expect(await box()).toContain("Facilitator key");
    expect(await box()).not.toContain("QTFH");
    expect(await page.locator("#key-value .key-group").allTextContents()).toEqual(Array(8).fill("••••"));
    expect(await show.textContent()).toBe("Show the key");
    // Its words say what it does; it is not also a toggle that reads "pressed".
    expect(await show.getAttribute("aria-pressed")).toBeNull();
    // Copied while masked: the clipboard has the key, the screen still does not.
    await page.locator("#key-copy").click();
    await expect.poll(() => page.locator(".key-keeper .status").textContent()).toBe("The key is on your clipboard.");
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(KEY);
    expect(await box()).not.toContain("QTFH");
    // The download holds the key too.
    const file = await page.locator("#key-download").getAttribute("href");
    expect(await page.evaluate((u) => fetch(u!).then((r) => r.text()), file)).toContain(`Facilitator key: ${KEY}`);
    await show.click();
    expect(await page.locator("#key-value .key-group").allTextContents()).toEqual(KEY.match(/.{4}/g));
    expect(await show.textContent()).toBe("Hide the key");
    expect(await show.getAttribute("aria-pressed")).toBeNull();
    await show.click();
    expect(await box()).not.toContain("QTFH");
    expect(await show.textContent()).toBe("Show the key");
  });

  it("where the browser lets the page copy nothing (plain HTTP on a school network), Copy says so and the key stays masked", async () => {
    await page.evaluate((k) => {
      Object.defineProperty(navigator, "clipboard", { configurable: true, value: { writeText: () => Promise.reject(new DOMException("insecure", "NotAllowedError")) } });
      document.execCommand = () => false;
      (window as never as { panels: { keyKeeper(k: string): void } }).panels.keyKeeper(k);
    }, KEY);
    await page.locator("#key-copy").click();
    await expect.poll(() => page.locator(".key-keeper .status").textContent()).toContain("choose Show the key and copy it by hand");
    expect(await page.locator(".key-keeper").innerText()).not.toContain("QTFH");
    expect(await page.locator("#key-show").textContent()).toBe("Show the key");
  });
});

/** The panels' page in a 390×844 touch phone's browser, closed after `use`. */
async function onPhone(use: (p: Page) => Promise<void>) {
  const phone = await pages.browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true });
  try {
    const p = await phone.newPage();
    await p.goto(pages.url("panels.html"));
    await p.waitForFunction(() => document.body.dataset.ready === "1", undefined, { timeout: 60_000 });
    await use(p);
  } finally {
    await phone.close();
  }
}

describe("the review's causes on a phone", () => {
  it("wrap under their words, not under their amounts (390 px)", async () => {
    await onPhone(async (p) => {
      await p.evaluate((v) => (window as never as { panels: { mount(k: string, v: unknown): void } }).panels.mount("review", v), clientView(review(), asSeat("US")));
      await expect.poll(() => p.locator(".causes li").count()).toBeGreaterThan(0);
      // Narrow enough that some causes take two lines.
      await p.locator(".causes").first().evaluate((ul) => (ul.closest("section, div")!.parentElement!.style.width = "260px"));
      const lines = await p.locator(".causes li").evaluateAll((lis) =>
        lis.flatMap((li) => {
          const amount = li.querySelector(".amount");
          if (!amount) return [];
          // From the cause's first letter (after the space that follows the amount).
          const range = document.createRange();
          const next = amount.nextSibling;
          if (next?.nodeType === Node.TEXT_NODE && next.textContent!.startsWith(" ")) range.setStart(next, 1);
          else range.setStartAfter(amount);
          range.setEndAfter(li.lastChild!);
          const rects = [...range.getClientRects()].filter((r) => r.width > 0);
          const tops = [...new Set(rects.map((r) => Math.round(r.top)))];
          if (tops.length < 2) return [];
          const starts = tops.map((top) => Math.min(...rects.filter((r) => Math.round(r.top) === top).map((r) => r.left)));
          return [{ text: li.textContent, first: Math.round(starts[0]!), rest: starts.slice(1).map(Math.round) }];
        }),
      );
      expect(lines.length, "causes on two lines or more").toBeGreaterThan(0);
      for (const l of lines) for (const start of l.rest) expect(Math.abs(start - l.first), l.text!).toBeLessThanOrEqual(3);
    });
  });
});

describe("my country's metrics on a phone", () => {
  it.each(["en", "zh-CN"])("shows a metric's change on the row's line, beside its name and value and its ▶, not half a line lower in its 44-px tap target (390 px, %s)", async (lang) => {
    await onPhone(async (p) => {
      await p.evaluate((x) => (window as never as { panels: { language(l: string): Promise<void> } }).panels.language(x), lang);
      await p.evaluate((v) => (window as never as { panels: { mount(k: string, v: unknown): void } }).panels.mount("country", v), clientView(review(), asSeat("US")));
      const rows = p.locator("table.metrics tr:has(details)");
      await expect.poll(() => rows.count()).toBeGreaterThan(0);
      // As wide as the game screen's table on a 390-px phone (this page's panel is wider).
      await p.locator("table.metrics").evaluate((table) => (table.style.width = "369px"));
      const lines = await rows.evaluateAll((trs) =>
        trs.map((tr) => {
          const name = tr.querySelector("th")!.getBoundingClientRect();
          const change = tr.querySelector("summary .trend")!.getBoundingClientRect();
          const target = tr.querySelector("summary")!.getBoundingClientRect();
          return { name: tr.querySelector("th")!.textContent, offset: Math.round(Math.abs(change.top - name.top)), target: Math.round(target.height) };
        }),
      );
      for (const line of lines) {
        // On the name's line (a few pixels for the trend's own line height), its target still 44 px tall.
        expect(line.offset, line.name!).toBeLessThanOrEqual(4);
        expect(line.target, line.name!).toBeGreaterThanOrEqual(44);
        // One line: the disclosure triangle and the change together ("▶ ▲ +1.2" broke after the
        // triangle in a narrow column, the change a line under it and the target 61 px tall).
        expect(line.target, line.name!).toBeLessThanOrEqual(45);
      }
    });
  });
});

describe("the console's Every seat table on a phone", () => {
  for (const lang of ["en", "zh-CN"] as const) {
    it(`scrolls sideways in a frame that shows it does, a keyboard scrolls it, and no heading breaks (390 px, ${lang})`, async () => {
      await onPhone(async (p) => {
        await p.evaluate((x) => (window as never as { panels: { language(l: string): Promise<void> } }).panels.language(x), lang);
        await p.evaluate((v) => (window as never as { panels: { mount(k: string, v: unknown): void } }).panels.mount("overview", v), clientView(negotiation(), asFacilitator));
        const frame = p.getByRole("group", { name: lang === "en" ? "Every seat" : "所有席位" });
        await frame.locator("table.god-view").waitFor();
        const box = (await frame.boundingBox())!;
        expect(box.x).toBeGreaterThanOrEqual(0);
        expect(box.x + box.width).toBeLessThanOrEqual(390);
        const sizes = () => frame.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth, left: el.scrollLeft }));
        const at = await sizes();
        // The English table is wider than the phone; the Chinese one, its headings short, fits.
        if (lang === "en") expect(at.scroll, "the table is wider than the phone").toBeGreaterThan(at.client);
        // The sign: a shadow drawn on the frame's edges, each hidden by a cover scrolling with the table at its end.
        const bg = await frame.evaluate((el) => getComputedStyle(el).backgroundImage + " | " + getComputedStyle(el).backgroundAttachment);
        expect(bg).toMatch(/radial-gradient.*radial-gradient/);
        expect(bg).toMatch(/local, local, scroll, scroll/);
        // A keyboard reaches the frame and scrolls it.
        await frame.focus();
        await p.keyboard.press("ArrowRight");
        if (at.scroll > at.client) await expect.poll(async () => (await sizes()).left).toBeGreaterThan(0);
        // Every column's heading on one line (提议, not 提 over 议).
        const heights = await frame.locator("thead th").evaluateAll((ths) => ths.map((th) => {
          const range = document.createRange();
          range.selectNodeContents(th);
          return { text: th.textContent, lines: new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size };
        }));
        for (const h of heights) expect(h.lines, `${h.text} wraps`).toBe(1);
      });
    });
  }
});

describe("the World tab's countries on a phone", () => {
  it("keep each name, its bloc under it and its stance together, the name's 44-px target reaching over the bloc", async () => {
    await onPhone(async (p) => {
      await p.evaluate((v) => (window as never as { panels: { mount(k: string, v: unknown): void } }).panels.mount("world", v), clientView(negotiation(), asSeat("US")));
      const rows = await p.evaluate(() =>
        [...document.querySelectorAll(".countries tbody tr")].map((tr) => {
          const link = tr.querySelector("th .link")!;
          const bloc = tr.querySelector("th .block")!;
          // Where the words are: a range's box, not the button's.
          const words = (el: Element) => {
            const r = document.createRange();
            r.selectNodeContents(el);
            return r.getBoundingClientRect();
          };
          const name = words(link);
          const stance = words(tr.querySelector("td")!);
          const b = bloc.getBoundingClientRect();
          const target = link.getBoundingClientRect();
          // A finger on the bloc's words, under the name.
          const hit = document.elementFromPoint(target.left + 5, b.top + b.height / 2);
          return { name: link.textContent, stanceOff: Math.abs(stance.top - name.top), blocGap: b.top - name.bottom, target: Math.min(target.width, target.height), tapOnBloc: hit === link || link.contains(hit) };
        }),
      );
      expect(rows.length).toBeGreaterThanOrEqual(6);
      for (const r of rows) {
        // The name on the row's first line with its stance; the bloc right under it, not a line lower.
        expect(r.stanceOff, r.name!).toBeLessThan(4);
        expect(r.blocGap, r.name!).toBeLessThan(6);
        expect(r.target, r.name!).toBeGreaterThanOrEqual(44);
        expect(r.tapOnBloc, r.name!).toBe(true);
      }
    });
  });
});

describe("keyboard shortcuts' hints", () => {
  it("show with a mouse and keyboard, and not on a touch-only phone", async () => {
    const hint = async (p: Page) => {
      await p.evaluate(() => {
        const { h } = (window as never as { panels: { dom: { h: (tag: string, attrs: object, text: string) => HTMLElement } } }).panels.dom;
        document.getElementById("host")!.replaceChildren(h("p", { class: "muted small keys-hint" }, "Keys: ← → step, Home and End jump to the ends."));
      });
      return p.locator(".keys-hint").isVisible();
    };
    expect(await hint(page)).toBe(true);
    await onPhone(async (p) => expect(await hint(p)).toBe(false));
  });
});

describe("what a screen reader is told", () => {
  it("the board's column is a landmark named for what it holds, the map and the event, not 'Legend' (its legend is one part of it)", async () => {
    await screenOn(clientView(negotiation(), asSeat("US")));
    await expect.poll(() => page.getByRole("region", { name: "Map and event", exact: true }).count()).toBe(1);
    const column = page.getByRole("region", { name: "Map and event", exact: true });
    expect(await column.getByRole("application").count()).toBe(1);
    expect(await page.getByRole("region", { name: "Legend", exact: true }).count()).toBe(0);
  });

  it("a new offer for me is announced with what it is and who made it; once the phase changes, that announcement leaves the live region (it stayed to the end screen)", async () => {
    const before = negotiation();
    const after = step(before, { actor: seat("JP"), move: { type: "propose", draft: { terms: { type: "screening" }, parties: ["JP", "US"], duration: 2 } } });
    const id = after.agreements.at(-1)!.id;
    await page.evaluate((v) => (window as never as { panels: { screen(v: unknown): void } }).panels.screen(v), clientView(before, asSeat("US")));
    await patch(clientView(after, asSeat("US")));
    // The offer said whole: its code alone ("Offers for you: A2") told nothing of what it is or who made it.
    await expect.poll(async () => ((await page.locator("#live-polite").textContent()) ?? "").split("\n")).toContain(`New offer for you: ${id} · Investment screening pact, proposed by Japan, revision 1. Trusted-investor pact of Japan and the United States`);
    await patch(clientView(step(after, { actor: { kind: "system" }, move: { type: "advance" } }), asSeat("US")));
    await expect.poll(() => page.locator("#live-assertive").textContent()).toMatch(/review/i);
    expect(await page.locator("#live-polite").textContent()).not.toContain("offer for you");
  });
});

describe("signing by keyboard", () => {
  it("the focus goes to the next offer's card as the signed one leaves 'Offers for you', then to the signed deal's card in the ledger; each signature announced", async () => {
    let s = step(negotiation(), { actor: seat("JP"), move: { type: "propose", draft: { terms: { type: "screening" }, parties: ["JP", "US"], duration: 2 } } });
    const second = s.agreements.at(-1)!.id;
    await mount("deals", clientView(s, asSeat("US")));
    expect(await page.locator("#offers-h + .deal-list > article").evaluateAll((els) => els.map((e) => e.getAttribute("data-deal")))).toEqual(["A2", second]);
    await page.locator("#offer-A2-sign").focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => page.locator("#live-polite").textContent()).toContain("You signed A2.");
    s = step(s, { actor: seat("US"), move: { type: "sign", agreementId: "A2", revision: 1 } });
    await patch(clientView(s, asSeat("US")));
    // The next offer's card: a second Enter (meant for A2) signs nothing; Tab reaches its buttons.
    expect(await page.evaluate(() => document.activeElement?.getAttribute("data-deal"))).toBe(second);
    await sent();
    await page.keyboard.press("Enter");
    expect(await sent()).toEqual([]);
    await page.locator(`#offer-${second}-sign`).focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => page.locator("#live-polite").textContent()).toContain(`You signed ${second}.`);
    s = step(s, { actor: seat("US"), move: { type: "sign", agreementId: second, revision: 1 } });
    await patch(clientView(s, asSeat("US")));
    // None left: the deal just signed, in the ledger (not the page).
    const focused = () => page.evaluate(() => ({ deal: document.activeElement?.getAttribute("data-deal"), inLedger: !!document.activeElement?.closest(".ledger") }));
    expect(await focused()).toEqual({ deal: second, inLedger: true });
    expect(await page.locator("#offers-h + .deal-list + p").isVisible()).toBe(true);
    // The card drawn again (the round resolves, the deal takes force), then made a line (Japan
    // withdraws, in the next negotiation): the focus stays on the deal.
    s = step(s, { actor: { kind: "system" }, move: { type: "advance" } });
    await patch(clientView(s, asSeat("US")));
    expect(await focused()).toEqual({ deal: second, inLedger: true });
    while (s.phase !== "negotiation") s = step(s, { actor: { kind: "system" }, move: { type: "advance" } });
    s = step(s, { actor: seat("JP"), move: { type: "withdraw", agreementId: second } });
    await patch(clientView(s, asSeat("US")));
    expect(await focused()).toEqual({ deal: second, inLedger: true });
    // The line it became is named as the card was: a screen reader on it hears which deal it is.
    expect(await page.evaluate(() => document.activeElement?.classList.contains("compact"))).toBe(true);
    expect(await page.locator(":focus").getAttribute("aria-label")).toBe(`${second} Investment screening pact`);
    expect(await page.getByRole("article", { name: `${second} Investment screening pact` }).count()).toBe(1);
  });
});

describe("choosing a deal type", () => {
  it("starts that deal's form unmarked: no field reads as a mistake before the player has filled any in; Propose then marks what is missing", async () => {
    const s = negotiation();
    await mount("deals", clientView(s, asSeat("US")));
    await sent();
    await page.locator("#new-deal").click();
    await page.locator("dialog[open] #deal-type").selectOption("supply");
    await page.locator("dialog[open] #deal-suppliers-JP").waitFor();
    expect(await page.locator("dialog[open] .field-error").allTextContents()).toEqual([]);
    expect(await page.locator("dialog[open] .builder-preview").textContent()).toContain("Fill in the deal to see a preview of what it would do.");
    await page.locator("dialog[open] #deal-submit").click();
    await expect.poll(() => page.locator("dialog[open] .field-error").allTextContents()).toEqual(["Pick at least one."]);
    expect(await sent()).toEqual([]);
    await page.locator("dialog[open] #deal-cancel").click();
  });
});

describe("proposing by keyboard", () => {
  it("a second Enter right after Propose opens no new builder: the focus is on the ledger, then on the new offer's card", async () => {
    const s = negotiation();
    await mount("deals", clientView(s, asSeat("US")));
    await page.locator("#new-deal").focus();
    await page.keyboard.press("Enter");
    await page.locator("dialog[open] #deal-type").selectOption("screening");
    await page.locator("dialog[open] #deal-parties-JP").check();
    await page.locator("dialog[open] #deal-submit").focus();
    await sent();
    // Where the focus is the moment the builder closes, before any later task (a busy device's
    // next Enter can come then): on the ledger already, not back on "Propose a deal".
    await page.evaluate(() => {
      const dialog = document.querySelector("dialog[open]")!;
      new MutationObserver((_, observer) => {
        if (dialog.hasAttribute("open")) return;
        document.body.dataset.focusAtClose = document.activeElement?.id ?? "";
        observer.disconnect();
      }).observe(dialog, { attributes: true, attributeFilter: ["open"] });
    });
    await page.keyboard.press("Enter");
    await expect.poll(() => page.locator("dialog[open]").count()).toBe(0);
    expect(await page.evaluate(() => document.body.dataset.focusAtClose)).toBe("ledger-h");
    expect(await sent()).toMatchObject([{ type: "propose" }]);
    // The second press of a quick double Enter, before the new offer has come back.
    await page.keyboard.press("Enter");
    expect(await page.locator("dialog[open]").count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("ledger-h");
    // The offer comes back from the server: the focus moves on to its card.
    const proposed = step(s, { actor: seat("US"), move: { type: "propose", draft: { terms: { type: "screening" }, parties: ["US", "JP"], duration: 2 } } });
    const id = proposed.agreements.at(-1)!.id;
    await patch(clientView(proposed, asSeat("US")));
    expect(await page.evaluate(() => document.activeElement?.getAttribute("data-deal"))).toBe(id);
    await page.keyboard.press("Enter");
    expect(await page.locator("dialog[open]").count()).toBe(0);
  });
});

describe("a draft whose ministry a teammate takes", () => {
  it("stays open to read, says whose it is now, and can be sent to the team channel; Propose is off", async () => {
    const s = negotiation();
    const teams = (roles: ("diplomat" | "regulator" | "envoy")[], holders: { id: string; name: string; roles: string; connected: boolean }[]) => {
      const view = clientView({ ...s, settings: { ...s.settings, teams: true } }, asSeat("US", roles));
      return { ...view, seats: view.seats.map((x) => (x.id === "US" ? { ...x, holders } : x)) };
    };
    // Ana holds all three US ministries and drafts an export-control regime.
    const alone = teams(["diplomat", "regulator", "envoy"], [{ id: "h1", name: "Ana", roles: "diplomat,regulator,envoy", connected: true }]);
    await page.evaluate(([v, ty]) => (window as never as { panels: { openBuilder(v: unknown, type: string): void } }).panels.openBuilder(v, ty), [alone, "export-control"] as const);
    await page.locator("dialog[open] #deal-parties-JP").check();
    await expect.poll(() => page.locator("dialog[open] .builder-summary").textContent()).not.toBe("");
    expect(await page.locator("dialog[open] #deal-handover").isVisible()).toBe(false);
    // Ben joins as Regulator.
    await patch(teams(["diplomat", "envoy"], [{ id: "h1", name: "Ana", roles: "diplomat,envoy", connected: true }, { id: "h2", name: "Ben", roles: "regulator", connected: true }]));
    const note = "Ben is your Regulator now: this draft (Export-control regime) is theirs to propose. It stays here for you to read, or to send to your team's channel.";
    await expect.poll(() => page.locator("dialog[open] #deal-handover .notice").textContent()).toBe(note);
    expect(await page.locator("dialog[open] #deal-parties-JP").isChecked()).toBe(true);
    expect(await page.locator("dialog[open] #deal-type").inputValue()).toBe("export-control");
    expect(await page.locator("dialog[open] #deal-type option:checked").textContent()).toBe("Export-control regime — your Regulator's");
    expect(await page.locator("dialog[open] .builder-preview p").textContent()).toBe("No preview: this draft is your Regulator's to propose now.");
    expect(await page.locator("dialog[open] #deal-submit").isDisabled()).toBe(true);
    expect(((await page.locator("#live-polite").textContent()) ?? "").split("\n")).toContain(note);
    await sent();
    await page.locator("dialog[open] #deal-to-team").click();
    expect(await sent()).toEqual([{ type: "chat", channel: "team:US", text: "A draft for our Regulator: Controls by the United States and Japan on exports of frontier semiconductors to China" }]);
    await expect.poll(() => page.locator("dialog[open] #deal-handover .status").textContent()).toBe("Sent to your team's channel.");
    await page.keyboard.press("Escape");
  });
});

describe("the live region", () => {
  it("reads a burst of announcements one to a line, and keeps all of them: new offers, then a notice", async () => {
    const before = negotiation();
    let after = before;
    // Seven new offers for the US at once: more than the five lines the region used to keep.
    for (const [by, duration] of [["JP", 1], ["JP", 3], ["NL", 1], ["NL", 2], ["IN", 1], ["IN", 2], ["ID", 1]] as const)
      after = step(after, { actor: seat(by), move: { type: "propose", draft: { terms: { type: "screening" }, parties: [by, "US"], duration } } });
    const ids = after.agreements.slice(before.agreements.length).map((a) => a.id);
    expect(ids).toHaveLength(7);
    await page.evaluate((v) => (window as never as { panels: { screen(v: unknown): void } }).panels.screen(v), clientView(before, asSeat("US")));
    await patch(clientView(after, asSeat("US")));
    await page.evaluate(() => (window as never as { panels: { notice(n: unknown): void } }).panels.notice({ kind: "info", text: { key: "server.notice.teammate", args: { name: "Ben", roles: "Regulator" } } }));
    const lines = async () => ((await page.locator("#live-polite").textContent()) ?? "").split("\n").filter(Boolean);
    await expect.poll(lines).toContain("Ben joined your country as Regulator: the deals of that ministry are theirs now.");
    // Each announcement whole on its own line, none run into the next, none lost.
    const said = await lines();
    for (const id of ids) expect(said.some((line) => line.startsWith(`New offer for you: ${id} · `)), id).toBe(true);
  });
});

describe("the game's end by keyboard", () => {
  it("the focus on the ready button goes to the 'Game over' tab when the game ends, not to the page with the button gone", async () => {
    const last = review();
    await screenOn(clientView(last, asSeat("US")));
    await patch(clientView(last, asSeat("US")));
    await page.locator("#ready").focus();
    await patch(clientView(step(last, { actor: { kind: "facilitator" }, move: { type: "end-game" } }), asSeat("US")));
    await expect.poll(() => page.locator("#tab-end").getAttribute("aria-selected")).toBe("true");
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("tab-end");
    // Tab goes on into the end screen.
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("panel");
  });
});

describe("the plenary in the live region", () => {
  it("a burst of plenary lines, one a patch as bots open a negotiation, is told once with its count and writers; a line alone is read whole", async () => {
    let s = negotiation();
    await screenOn(clientView(s, asSeat("US")));
    // The screen's first view (lines in it are history, not news) comes with its first patch.
    await patch(clientView(s, asSeat("US")));
    // What was said of the plenary (the fixture's offer for the US is announced too).
    const lines = async () => ((await page.locator("#live-polite").textContent()) ?? "").split("\n").filter((line) => line.includes("in Plenary"));
    const before = (await lines()).length;
    for (const [from, text] of [["JP", "This round we want a supply-chain deal with Indonesia."], ["NL", "This round we want a joint R&D exchange with Taiwan."], ["IN", "We keep our options open."], ["CN", "Security first."]] as const) {
      s = chat(s, from, text);
      await patch(clientView(s, asSeat("US")));
    }
    await expect.poll(async () => (await lines()).slice(before)).toEqual(["4 new messages in Plenary (everyone), from Japan, Netherlands, India and China"]);
    s = chat(s, "ID", "We would do an infrastructure loan with China.");
    await patch(clientView(s, asSeat("US")));
    await expect.poll(async () => (await lines()).slice(before)).toEqual([
      "4 new messages in Plenary (everyone), from Japan, Netherlands, India and China",
      "New message in Plenary (everyone) from Indonesia: We would do an infrastructure loan with China.",
    ]);
  });
});

describe("my own offer answered", () => {
  it("shows in the flash and is announced, whichever tab is open: another party's signature and a refusal with its reason", async () => {
    let s = step(negotiation(), { actor: seat("US"), move: { type: "propose", draft: { terms: { type: "screening" }, parties: ["US", "IN"], duration: 2 } } });
    const signedId = s.agreements.at(-1)!.id;
    s = step(s, { actor: seat("US"), move: { type: "propose", draft: { terms: { type: "screening" }, parties: ["US", "NL"], duration: 2 } } });
    const declinedId = s.agreements.at(-1)!.id;
    // Seen by one minister of a team (the US's Regulator), on the Country tab.
    await page.evaluate((v) => (window as never as { panels: { screen(v: unknown): void } }).panels.screen(v), clientView(s, asSeat("US", ["regulator"])));
    s = step(s, { actor: seat("IN"), move: { type: "sign", agreementId: signedId, revision: 1 } });
    await patch(clientView(s, asSeat("US", ["regulator"])));
    await expect.poll(() => page.locator("#flash").textContent()).toBe(`India signed ${signedId}.`);
    s = step(s, { actor: seat("NL"), move: { type: "decline", agreementId: declinedId, revision: 1 }, reason: "Not now." });
    await patch(clientView(s, asSeat("US", ["regulator"])));
    await expect.poll(() => page.locator("#flash").textContent()).toBe(`The Netherlands declined ${declinedId}: “Not now.”`);
    expect(await page.locator("#flash").isVisible()).toBe(true);
    const said = ((await page.locator("#live-polite").textContent()) ?? "").split("\n");
    expect(said).toContain(`India signed ${signedId}.`);
    expect(said).toContain(`The Netherlands declined ${declinedId}: “Not now.”`);
  });
});

describe("the facilitator's broadcast", () => {
  it("a broadcast, once sent, is quoted under the emptied box: the facilitator sees what went out", async () => {
    await mount("overview", clientView(negotiation(), asFacilitator));
    await sent();
    await page.locator("#con-broadcast").fill("  CONTROL: ten minutes left in round 1.  ");
    await page.locator("#con-broadcast-send").click();
    await expect.poll(() => page.locator(".console-card:has(#con-broadcast) .status").textContent()).toBe("Broadcast sent to every player: “CONTROL: ten minutes left in round 1.”");
    expect(await page.locator("#con-broadcast").inputValue()).toBe("");
    expect(await sent()).toEqual([{ type: "broadcast", text: "  CONTROL: ten minutes left in round 1.  " }]);
  });
});

describe("I'm done negotiating while offers wait on me", () => {
  const readyMoves = async () => ((await sent()) as { type: string }[]).filter((m) => m.type === "ready");
  const settledReady = () => expect.poll(() => page.locator("#ready").getAttribute("aria-disabled")).toBe(null);
  for (const [width, height] of [[390, 844], [1366, 768]] as const)
    it(`says how many offers lapse and asks once more, then marks me done at the second press (${width}×${height})`, async () => {
      // The Netherlands' export control (A2) waits on the United States.
      await page.setViewportSize({ width, height });
      try {
        await screenOn(clientView(negotiation(), asSeat("US")));
        await sent();
        await page.locator("#ready").click();
        await expect.poll(() => page.locator("#ready-ask-text").textContent()).toBe("1 offer waits for your answer. It lapses unanswered when the negotiation ends.");
        expect(await readyMoves(), "the first press marks nobody done").toEqual([]);
        expect(await page.locator("#ready").getAttribute("aria-label")).toBe("I'm done anyway");
        // The question and its buttons whole on the screen, the button that asks whole in the bar.
        // Measured from the bar's top: the game keeps its bar at the top of the screen, and this
        // page may hold earlier tests' elements above it (at 1366 px the bar then sits mid-page).
        const boxes = await page.evaluate(() => {
          const r = (sel: string) => document.querySelector(sel)!.getBoundingClientRect();
          return { ask: r("#ready-ask"), show: r("#ready-ask-show"), keep: r("#ready-ask-keep"), ready: r("#ready"), bar: r(".topbar"), menu: r("#menu-button") };
        });
        for (const b of [boxes.ask, boxes.show, boxes.keep]) expect(b.left >= 0 && b.right <= width && b.top >= boxes.bar.bottom && b.bottom - boxes.bar.top <= height && b.height > 0).toBe(true);
        expect(boxes.ready.right <= boxes.menu.left && boxes.ready.left >= 0 && boxes.ready.bottom <= boxes.bar.bottom).toBe(true);
        await settledReady();
        await page.locator("#ready").click();
        await expect.poll(readyMoves).toEqual([{ type: "ready", ready: true, phase: "negotiation" }]);
      } finally {
        await page.setViewportSize({ width: 420, height: 900 });
      }
    });

  it("by keyboard: Escape keeps negotiating, and the question leads to the offers", async () => {
    await screenOn(clientView(negotiation(), asSeat("US")));
    await sent();
    await page.locator("#ready").focus();
    await page.keyboard.press("Enter");
    await page.locator("#ready-ask").waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("ready");
    await page.keyboard.press("Escape");
    await expect.poll(() => page.locator("#ready-ask").count()).toBe(0);
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("ready");
    expect(await page.locator("#ready .long").textContent()).toBe("I'm done negotiating");
    await settledReady();
    await page.keyboard.press("Enter");
    await page.locator("#ready-ask").waitFor();
    // Next after the button: the way to the offers.
    await page.keyboard.press("Tab");
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("ready-ask-show");
    await page.keyboard.press("Enter");
    await expect.poll(() => page.locator("#tab-deals").getAttribute("aria-selected")).toBe("true");
    await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.focus)).toBe("offer-A2");
    expect(await page.locator("#ready-ask").count()).toBe(0);
    expect(await readyMoves()).toEqual([]);
  });

  it("marks me done at once when no offer waits on me", async () => {
    // The United States signs A2: nothing waits on it.
    const s = step(negotiation(), { actor: seat("US"), move: { type: "sign", agreementId: "A2", revision: 1 } });
    await screenOn(clientView(s, asSeat("US")));
    await sent();
    await page.locator("#ready").click();
    await expect.poll(readyMoves).toEqual([{ type: "ready", ready: true, phase: "negotiation" }]);
    expect(await page.locator("#ready-ask").count()).toBe(0);
  });

  it("asks when the offer came after the bar was drawn, though nothing else in the bar changed", async () => {
    // Nothing waits on the United States (it signed A2); then India offers it a screening pact.
    const s = step(negotiation(), { actor: seat("US"), move: { type: "sign", agreementId: "A2", revision: 1 } });
    await screenOn(clientView(s, asSeat("US")));
    await sent();
    await settledReady();
    const offered = step(s, { actor: seat("IN"), move: { type: "propose", draft: { terms: { type: "screening" }, parties: ["IN", "US"], duration: 2 } } });
    await patch(clientView(offered, asSeat("US")));
    await expect.poll(() => page.locator("#tab-deals").textContent()).toContain("1");
    await settledReady();
    await page.locator("#ready").click();
    await expect.poll(() => page.locator("#ready-ask-text").textContent()).toBe("1 offer waits for your answer. It lapses unanswered when the negotiation ends.");
    expect(await readyMoves(), "the press marks nobody done").toEqual([]);
    await page.locator("#ready-ask-keep").click();
  });

  it("takes a press held while another seat says it is done: the bar is redrawn around the button", async () => {
    // The United States signs A2: nothing waits on it, so one press marks it done.
    const s = step(negotiation(), { actor: seat("US"), move: { type: "sign", agreementId: "A2", revision: 1 } });
    // China, a bot, not done yet; then done.
    const chinaDone = (done: boolean) => clientView(s, asSeat("US"), { seats: seatsOf(s).map((x) => (x.id === "CN" ? { ...x, done } : x)) });
    await screenOn(chinaDone(false));
    await sent();
    await settledReady();
    const count = () => page.locator(".topbar .readycount").textContent();
    const before = await count();
    const box = (await page.locator("#ready").boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    // Between the finger's press and its lift, China is done: the count in the bar changes.
    await patch(chinaDone(true));
    await expect.poll(count).not.toBe(before);
    await page.mouse.up();
    await expect.poll(readyMoves).toEqual([{ type: "ready", ready: true, phase: "negotiation" }]);
  });

  it("asks in Chinese", async () => {
    const language = (l: string) => page.evaluate((x) => (window as never as { panels: { language(l: string): Promise<void> } }).panels.language(x), l);
    await language("zh-CN");
    try {
      await screenOn(clientView(negotiation(), asSeat("US")));
      await page.locator("#ready").click();
      await expect.poll(() => page.locator("#ready-ask-text").textContent()).toBe("有 1 项提议在等你答复。谈判结束时，未答复的提议将失效。");
      expect(await page.locator("#ready-ask-show").textContent()).toBe("查看这些提议");
    } finally {
      // The question closed, so the next test's screen does not open with it under the bar.
      if (await page.locator("#ready-ask-keep").count()) await page.locator("#ready-ask-keep").click();
      await language("en");
    }
  });
});

describe("a notice on a phone over an offer's buttons", () => {
  it("does not cover Sign or any other button of the offers shown, which still take the tap", async () => {
    // The Netherlands' export control (A2) waits on the United States; the US's own offer to India is signed while the player reads it.
    let s = step(negotiation(), { actor: seat("US"), move: { type: "propose", draft: { terms: { type: "screening" }, parties: ["US", "IN"], duration: 2 } } });
    const mine = s.agreements.at(-1)!.id;
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      await screenOn(clientView(s, asSeat("US")));
      await page.locator("#tab-deals").click();
      const sign = page.locator(".deal [id$='-A2-sign']");
      await sign.waitFor();
      // The player has scrolled the offer's buttons to just above the tab bar, where the flash sits.
      await page.evaluate(() => {
        const row = document.querySelector(".deal [id$='-A2-sign']")!.closest(".actions")!.getBoundingClientRect();
        window.scrollBy(0, row.bottom - (document.querySelector(".tabs")!.getBoundingClientRect().top - 12));
      });
      s = step(s, { actor: seat("IN"), move: { type: "sign", agreementId: mine, revision: 1 } });
      await patch(clientView(s, asSeat("US")));
      await expect.poll(() => page.locator("#flash").textContent()).toBe(`India signed ${mine}.`);
      await frames();
      expect(await page.locator("#flash").isVisible()).toBe(true);
      const hidden = await page.evaluate(() => {
        const f = document.querySelector("#flash")!.getBoundingClientRect();
        return [...document.querySelectorAll<HTMLElement>(".deal .actions button")]
          .filter((b) => {
            const r = b.getBoundingClientRect();
            return r.height > 0 && r.top < f.bottom && f.top < r.bottom && r.left < f.right && f.left < r.right;
          })
          .map((b) => b.id);
      });
      expect(hidden, "buttons under the flash").toEqual([]);
      const box = (await sign.boundingBox())!;
      expect(box.y + box.height).toBeLessThanOrEqual(844);
      expect(await page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.closest("[id$='-A2-sign']") !== null, { x: box.x + box.width / 2, y: box.y + box.height / 2 })).toBe(true);
    } finally {
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.setViewportSize({ width: 420, height: 900 });
    }
  });
});

describe("the pause notice", () => {
  const fac = { kind: "facilitator" as const };
  const flash = () => page.locator("#flash");
  // The clock's pause is the room's (server/), not the engine's: the view carries it.
  const at = (s: GameState, viewer: Parameters<typeof clientView>[1], paused: boolean) => ({ ...clientView(s, viewer), paused });
  it("goes when the round moves on to the review, on the projector: \"paused\", then \"goes on\"", async () => {
    const s0 = negotiation();
    await page.evaluate((v) => (window as never as { panels: { screen(v: unknown): void } }).panels.screen(v), at(s0, asObserver, false));
    await patch(at(s0, asObserver, true));
    await expect.poll(() => flash().textContent()).toBe("The facilitator has paused the game: the clock is stopped; talks and offers go on.");
    // Resumed: the paused notice gives way to the resumed one.
    await patch(at(s0, asObserver, false));
    await expect.poll(() => flash().textContent()).toBe("The game goes on: the clock runs again.");
    expect(await flash().isVisible()).toBe(true);
    // The review comes: the notice is the last phase's, gone at once, not after its twenty seconds.
    const rev = step(s0, { actor: { kind: "system" }, move: { type: "advance" } });
    expect(rev.phase).toBe("review");
    await patch(at(rev, asObserver, false));
    await expect.poll(() => flash().isHidden(), { timeout: 3_000 }).toBe(true);
  });

  it("a pause still on when the phase moves goes with its phase too; a broadcast after it shows as ever", async () => {
    const s0 = negotiation();
    await page.evaluate((v) => (window as never as { panels: { screen(v: unknown): void } }).panels.screen(v), at(s0, asSeat("JP"), false));
    await patch(at(s0, asSeat("JP"), true));
    await expect.poll(() => flash().textContent()).toContain("paused");
    const rev = step(s0, { actor: fac, move: { type: "advance" } });
    expect(rev.phase).toBe("review");
    await patch(at(rev, asSeat("JP"), true));
    await expect.poll(() => flash().isHidden(), { timeout: 3_000 }).toBe(true);
    const told = step(rev, { actor: fac, move: { type: "broadcast", text: "Read your review." } });
    await patch(at(told, asSeat("JP"), true));
    await expect.poll(() => flash().textContent()).toBe("From the facilitator: Read your review.");
    expect(await flash().isVisible()).toBe(true);
  });
});

describe("the projector's end screen", () => {
  it("shows the room the outcome, with no links nor buttons for the laptop that holds the key: in a class or not", async () => {
    const ended = clientView(step(negotiation(), { actor: { kind: "facilitator" }, move: { type: "end-game" } }), asObserver);
    const endScreen = (options: { projector: boolean; classTable?: { classCode: string; table: number } }) => page.evaluate(([v, o]) => (window as never as { panels: { endScreen(v: unknown, o: unknown): void } }).panels.endScreen(v, o), [ended, options] as const);
    const controls = () => page.locator(".end-screen").locator("a.button, button").evaluateAll((els) => els.map((e) => e.id || e.textContent));
    // The same browser's own screen of the game (not the projector): its ways on, as ever.
    await endScreen({ projector: false });
    await expect.poll(controls).toEqual(expect.arrayContaining(["end-again", "end-replay", "end-start"]));
    for (const classTable of [undefined, { classCode: "QKD7WM", table: 2 }]) {
      await endScreen({ projector: true, ...(classTable ? { classTable } : {}) });
      await page.locator("#end-winner").waitFor();
      expect(await controls(), JSON.stringify(classTable)).toEqual([]);
      expect(await page.locator(".end-screen .end-next").count()).toBe(0);
      // What the room reads: how it ended, who won, the table's outcome and the scores.
      expect(await page.locator("#end-title").textContent()).toBe("Game over");
      expect(await page.locator(".end-screen table").count()).toBeGreaterThan(0);
    }
  });
});

describe("the projector's Table", () => {
  it("shows a matrix ruling to the room as it is announced: in the flash and in the Table's list, the note with it", async () => {
    const before = step(negotiation(), { actor: seat("JP"), move: { type: "matrix", text: "We open a chip fab in Kumamoto, so that supply holds, because Taiwan is at risk." } });
    const after = step(before, { actor: { kind: "facilitator" }, move: { type: "rule-matrix", matrixId: "M1", ruling: "roll", odds: 0.6, effects: [], note: "Tokyo moves fast." } });
    await page.evaluate((v) => (window as never as { panels: { screen(v: unknown): void } }).panels.screen(v), clientView(before, asObserver));
    await page.locator("#tab-table[aria-selected=true]").waitFor();
    expect(await page.locator("#flash").isHidden()).toBe(true);
    await patch(clientView(after, asObserver));
    await expect.poll(() => page.locator("#flash").textContent()).toMatch(/^The facilitator has ruled on M1, a free-form action by Japan: (succeeded|failed) on a roll \(chance 60%\)\.\nRuling: Tokyo moves fast\.$/);
    expect(await page.locator("#flash").isVisible()).toBe(true);
    // The flash goes after a while; the Table keeps the ruling for the room.
    const listed = page.locator(".observer-panel section", { has: page.locator("h2", { hasText: "Rulings announced" }) });
    await expect.poll(() => listed.textContent()).toContain("Tokyo moves fast.");
    expect(await listed.textContent()).toContain("We open a chip fab in Kumamoto");
    // The next round's Table is that round's: the ruling is in its history, not announced again.
    let next = after;
    while (next.round === after.round || next.phase !== "negotiation") next = step(next, { actor: { kind: "system" }, move: { type: "advance" } });
    await patch(clientView(next, asObserver));
    await expect.poll(() => page.locator(".observer-panel h2").allTextContents()).not.toContain("Rulings announced");
  });
});

describe("a team: several people in one country, each with their ministries", () => {
  /** The US held by Alice (Diplomat) and Bob (Regulator); A2, export controls waiting on the US, is the Regulator's. */
  const teamView = (roles: ("diplomat" | "regulator")[]) => {
    const s = negotiation();
    const view = clientView({ ...s, settings: { ...s.settings, teams: true } }, asSeat("US", roles));
    const holders = [
      { id: "h1", name: "Alice", roles: "diplomat", connected: true },
      { id: "h2", name: "Bob", roles: "regulator", connected: true },
    ];
    return { ...view, seats: view.seats.map((s) => (s.id === "US" ? { ...s, holders } : s)) };
  };
  const badge = (tab: string) => page.locator(`#tab-${tab} .count`);

  it("a Diplomat's tabs and 'Offers for you' count no offer only the Regulator answers; the Regulator's count it", async () => {
    const desk = await pages.browser.newPage({ viewport: { width: 1280, height: 720 } });
    const was = page;
    page = desk;
    try {
      await page.goto(pages.url("panels.html"));
      await page.waitForFunction(() => document.body.dataset.ready === "1", undefined, { timeout: 60_000 });
      await screenOn(teamView(["regulator"]));
      await badge("deals").waitFor();
      expect(await badge("deals").textContent()).toBe("1");
      expect(await badge("country").textContent()).toBe("1");
      await page.goto(pages.url("panels.html"));
      await page.waitForFunction(() => document.body.dataset.ready === "1", undefined, { timeout: 60_000 });
      await screenOn(teamView(["diplomat"]));
      await page.locator("#tab-deals").waitFor();
      expect(await badge("deals").count()).toBe(0);
      expect(await badge("country").count()).toBe(0);
    } finally {
      page = was;
      await desk.close();
    }
    // The Diplomat still sees the offer among the country's deals, saying whose it is: it waits
    // for the country's Regulator, not for "you", whose empty "Offers for you" says why it is empty.
    await mount("deals", teamView(["diplomat"]));
    expect(await page.locator("#offers-h .count").isVisible()).toBe(false);
    expect(await page.locator("#offers-h + .deal-list + p").textContent()).toBe("No open offer is for you as Diplomat. Offers for the other ministries are your teammates' to answer.");
    const card = await page.locator("article.deal", { hasText: "A2" }).first().textContent();
    expect(card).toContain("waiting for the United States (your Regulator), Japan");
    expect(card).not.toContain("waiting for you");
    expect(card).toContain("Your Regulator handles this.");
    await mount("deals", teamView(["regulator"]));
    expect(await page.locator("#offers-h .count").textContent()).toBe("1");
  });

  it("the team channel's header names the people in it with their ministries, in English and Chinese", async () => {
    await mount("talks", teamView(["diplomat"]));
    await page.locator('[id="chan-team:US"]').click();
    expect(await page.locator(".channel-head").textContent()).toContain("Members: Alice (Diplomat, for now also Economic envoy), Bob (Regulator, for now also Economic envoy)");
    await page.evaluate(() => (window as never as { panels: { language(l: string): Promise<void> } }).panels.language("zh-CN"));
    try {
      await mount("talks", teamView(["diplomat"]));
      await page.locator('[id="chan-team:US"]').click();
      expect(await page.locator(".channel-head").textContent()).toContain("成员：Alice（外交官，暂兼经济特使）、Bob（监管官员，暂兼经济特使）");
    } finally {
      await page.evaluate(() => (window as never as { panels: { language(l: string): Promise<void> } }).panels.language("en"));
    }
  });
});

describe("the tab bar on a phone", () => {
  /** Each tab's box, and where its name's words show: the words' own box, cut by the nearest box around them that clips. */
  const tabs = () =>
    page.$$eval(".tabs .tab", (els) =>
      els.map((el) => {
        const box = el.getBoundingClientRect();
        const range = document.createRange();
        range.selectNodeContents(el.querySelector(".tab-name") ?? el);
        const words = range.getBoundingClientRect();
        let left = words.left;
        let right = words.right;
        for (let at: Element | null = (el.querySelector(".tab-name") ?? el); at && at !== el.parentElement; at = at.parentElement) {
          if (getComputedStyle(at).overflowX === "visible") continue;
          const clip = at.getBoundingClientRect();
          left = Math.max(left, clip.left);
          right = Math.min(right, clip.right);
          break;
        }
        const name = el.querySelector<HTMLElement>(".tab-name");
        // A name cut short (an ellipsis, "Netherla…") is wider than the box that shows it.
        const whole = !name || name.scrollWidth <= name.clientWidth + 0.5;
        return { id: el.id, left: box.left, right: box.right, shownLeft: left, shownRight: right, whole, text: name?.textContent ?? "" };
      }),
    );
  for (const lang of ["en", "zh-CN"] as const)
    it(`keeps the Netherlands' tab in its own column beside 'Game over' at 390 px, its name whole (${lang})`, async () => {
      const phone = await pages.browser.newPage({ viewport: { width: 390, height: 844 } });
      const was = page;
      page = phone;
      try {
        await page.goto(pages.url("panels.html"));
        await page.waitForFunction(() => document.body.dataset.ready === "1", undefined, { timeout: 60_000 });
        await page.evaluate((l) => (window as never as { panels: { language(l: string): Promise<void> } }).panels.language(l), lang);
        const ended = step(negotiation(), { actor: { kind: "facilitator" }, move: { type: "end-game" } });
        await screenOn(clientView(ended, asSeat("NL")));
        await page.locator("#tab-country").waitFor();
        const list = await tabs();
        expect(list.map((x) => x.id).slice(0, 2)).toEqual(["tab-end", "tab-country"]);
        // No tab's box runs into the next one's, and no name's words show outside its own tab.
        for (let i = 1; i < list.length; i++) expect(list[i]!.left).toBeGreaterThanOrEqual(list[i - 1]!.right - 0.5);
        expect(list.filter((x) => x.shownLeft < x.left - 0.5 || x.shownRight > x.right + 0.5).map((x) => x.id)).toEqual([]);
        // The country's name shows whole, not cut to "Netherla…"; so does every other tab's.
        expect(list.find((x) => x.id === "tab-country")!.text).toBe("Netherlands");
        expect(list.filter((x) => !x.whole).map((x) => `${x.id}: ${x.text}`)).toEqual([]);
      } finally {
        page = was;
        await phone.close();
      }
    });
});

describe("an observer's top bar", () => {
  const welcome = (me: object) => page.evaluate((m) => (window as never as { panels: { welcome(me: unknown): void } }).panels.welcome(m), me);
  const language = (l: string) => page.evaluate((x) => (window as never as { panels: { language(l: string): Promise<void> } }).panels.language(x), l);
  const who = () => page.locator(".topbar .who").textContent();
  for (const [lang, role] of [["en", "Observer"], ["zh-CN", "观察员"]] as const)
    it(`names an observer by the name they gave, and as an observer, in their language; one who gave none, by the role alone (${lang})`, async () => {
      await language(lang);
      try {
        await welcome({ kind: "observer", name: "Mei" });
        await screenOn(clientView(negotiation(), asObserver));
        await expect.poll(who).toBe(`Mei · ${role}`);
        // No name given: the server sends none, and the bar says what they are, not a name that is a role's English word.
        await welcome({ kind: "observer" });
        await expect.poll(who).toBe(role);
      } finally {
        await language("en");
      }
    });
});

describe("a round with no event card (docs/RULES.md §2)", () => {
  it("opens with the negotiation: the bar asks nobody to read an event, the strip says there is none, and a player left on the review sees their country", async () => {
    // Two rounds more than the classroom game's four: its deck's years run out after them.
    let s = createGame({ scenario, settings: { seed: "client-tests", rounds: scenario.rounds + 2, edition: CURRENT_EDITION } });
    s = step(s, { actor: { kind: "facilitator" }, move: { type: "start" } });
    while (s.round < scenario.rounds || s.phase !== "review") s = step(s, { actor: { kind: "system" }, move: { type: "advance" } });
    await screenOn(clientView(s, asSeat("US")));
    // The screen learns the phase it is in from the room's patches, as after a reload.
    await patch(clientView(s, asSeat("US")));
    await page.locator("#tab-review").click();
    await expect.poll(() => page.locator("#tab-review").getAttribute("aria-selected")).toBe("true");
    await patch(clientView(step(s, { actor: { kind: "system" }, move: { type: "advance" } }), asSeat("US")));
    await expect.poll(() => page.locator(".topbar .round .long").textContent()).toBe(`Round ${scenario.rounds + 1} of ${scenario.rounds + 2}`);
    expect(await page.locator("#ready .long").textContent()).toBe("I'm done negotiating");
    expect(await page.locator("#event-none").textContent()).toBe("No event card this round: the deck has no card left to draw.");
    await expect.poll(() => page.locator("#tab-country").getAttribute("aria-selected")).toBe("true");
  });
});

describe("the first-game guide at the review", () => {
  it("offers to open the review only while another tab is shown", async () => {
    const view = clientView(review(), asSeat("US"));
    await withGuide(view.code, async () => {
      await screenOn(view);
      await expect.poll(() => page.locator("#guide-title").count()).toBe(1);
      await page.locator("#tab-country").click();
      await expect.poll(() => page.locator("#guide-review").count()).toBe(1);
      await page.locator("#guide-review").click();
      await expect.poll(() => page.locator("#tab-review").getAttribute("aria-selected")).toBe("true");
      // The review is open: no button to open it (it read "Open the review" above the open review).
      await expect.poll(() => page.locator("#guide-review").count()).toBe(0);
      expect(await page.locator("#guide-text").textContent()).toContain("The review");
      await page.locator("#tab-country").click();
      await expect.poll(() => page.locator("#guide-review").count()).toBe(1);
    });
  });
});

describe("the first-game guide while a bot weighs my offer", () => {
  it("offers to open the Deals tab only while another tab is shown", async () => {
    // The United States offers India (a bot) a screening pact: the guide's step 3 waits for its answer.
    const s = step(negotiation(), { actor: seat("US"), move: { type: "propose", draft: { terms: { type: "screening" }, parties: ["US", "IN"], duration: 2 } } });
    const view = clientView(s, asSeat("US"));
    const withBot = { ...view, seats: view.seats.map((x) => (x.id === "IN" ? { ...x, bot: true } : x)) };
    await withGuide(view.code, async () => {
      await screenOn(withBot);
      await expect.poll(() => page.locator("#guide-text").textContent()).toContain("Offer sent.");
      await page.locator("#tab-country").click();
      await expect.poll(() => page.locator("#guide-deals").count()).toBe(1);
      await page.locator("#guide-deals").click();
      await expect.poll(() => page.locator("#tab-deals").getAttribute("aria-selected")).toBe("true");
      // Deals is open, as a proposal leaves it: no button to open it (it read "Open Deals" above the open Deals tab).
      await expect.poll(() => page.locator("#guide-deals").count()).toBe(0);
      expect(await page.locator("#guide-text").textContent()).toContain("Offer sent.");
      await page.locator("#tab-world").click();
      await expect.poll(() => page.locator("#guide-deals").count()).toBe(1);
    });
  });
});

describe("the first-game guide once a deal with a bot is signed and offers wait", () => {
  it("offers to open the Deals tab only while another tab is shown", async () => {
    // India (a bot) signs the United States' screening pact (step 4); the Netherlands' export control still waits on the United States.
    let s = step(negotiation(), { actor: seat("US"), move: { type: "propose", draft: { terms: { type: "screening" }, parties: ["US", "IN"], duration: 2 } } });
    const mine = s.agreements.find((a) => a.parties.includes("IN"))!;
    s = step(s, { actor: seat("IN"), move: { type: "sign", agreementId: mine.id, revision: 1 } });
    const view = clientView(s, asSeat("US"));
    const withBot = { ...view, seats: view.seats.map((x) => (x.id === "IN" ? { ...x, bot: true } : x)) };
    await withGuide(view.code, async () => {
      await screenOn(withBot);
      await page.locator("#tab-country").click();
      await expect.poll(() => page.locator("#guide-text").textContent()).toContain("new offers wait for your answer");
      await expect.poll(() => page.locator("#guide-deals").count()).toBe(1);
      await page.locator("#guide-deals").click();
      await expect.poll(() => page.locator("#tab-deals").getAttribute("aria-selected")).toBe("true");
      // Deals is open, the offers in it: no button to open it (it read "Open Deals" above the open Deals tab).
      await expect.poll(() => page.locator("#guide-deals").count()).toBe(0);
      expect(await page.locator("#guide-text").textContent()).toContain("new offers wait for your answer");
      await page.locator("#tab-world").click();
      await expect.poll(() => page.locator("#guide-deals").count()).toBe(1);
    });
  });
});

describe("who is watching, in the console's overview", () => {
  it("lists each observer by name with whether they are connected, and one who gave no name as such", async () => {
    const view: ClientView = { ...clientView(negotiation(), asFacilitator), observers: [{ name: "Mei", connected: true }, { name: "Ana", connected: false }, { connected: true }] };
    await mount("overview", view);
    expect(await page.locator("#con-obs-h").textContent()).toBe("Watching (2 connected)");
    expect(await page.locator("#con-observers li").allTextContents()).toEqual(["● Mei · Connected", "○ Ana · offline", "● an observer who gave no name · Connected"]);
    await patch({ ...view, observers: [] });
    await expect.poll(() => page.locator(".console-observers").textContent()).toContain("Nobody watches on a screen of their own yet.");
  });
});

describe("the How to play page for a scenario", () => {
  const shipped = ["classroom-quick", "alliance-2021"].map((id) => getScenario(id)!);
  const at = (rules: unknown, path: string) => path.split(".").reduce<unknown>((v, k) => (v as Record<string, unknown>)[k], rules);

  it("lists the scenario's own numbers where they differ from the Classroom ones the rules quote, from the scenario's data", async () => {
    await page.route("**/api/scenarios?*", (route) => route.fulfill({ json: shipped.map((s) => ({ id: s.id, title: s.title, summary: s.summary, year: s.year, rounds: s.rounds, timers: s.timers, seats: [], rules: s.rules })) }));
    try {
      await page.evaluate(() => (window as never as { panels: { howToPlay(s?: string): Promise<void> } }).panels.howToPlay("alliance-2021"));
      const card = page.locator("#howto-numbers");
      await expect.poll(() => card.locator("tbody tr").count()).toBeGreaterThan(0);
      expect(await card.locator("h2").textContent()).toBe(`The numbers of ${shipped[1]!.title}`);
      const rows = await card.locator("tbody tr").evaluateAll((trs) => trs.map((tr) => [tr.getAttribute("data-rule"), ...[...tr.querySelectorAll("td")].map((td) => td.textContent)]));
      // Each rule by its name in the reader's words, its key in the scenario file small beside it for a designer.
      const named = await card.locator("tbody tr").evaluateAll((trs) => trs.map((tr) => [tr.querySelector(".rule-name")?.textContent, tr.querySelector("code.rule-key")?.textContent]));
      expect(named).toContainEqual(["Export controls: cohesion per member beyond the first", "controls.cohesionPerPartner"]);
      expect(named).toContainEqual(["Shortage: table's resilience lost per point", "shortage.resilience"]);
      expect(named.every(([name, key]) => name && key && name !== key)).toBe(true);
      // The ones the facilitator did the arithmetic with: a regime's cohesion per partner, screening, leftover capital, a shortage's resilience.
      for (const path of ["controls.cohesionPerPartner", "screening.prosperity", "scoring.capitalValue", "shortage.resilience", "controls.tension", "loans.divideDrop"]) {
        const row = rows.find((r) => r[0] === path);
        expect(row, path).toEqual([path, expect.stringMatching(new RegExp(`^[A-Z].* ${path.replace(".", "\\.")}$`)), expect.stringMatching(/^§\d/), String(at(shipped[0]!.rules, path)), String(at(shipped[1]!.rules, path))]);
      }
      // Only the differing ones, each linked to the section that explains it.
      for (const r of rows) expect(at(shipped[0]!.rules, r[0]!), r[0]!).not.toEqual(at(shipped[1]!.rules, r[0]!));
      expect(await card.locator('tbody a[href^="#"]').count()).toBe(rows.length);
      // The Classroom scenario itself: the rules quote its numbers.
      await page.evaluate(() => (window as never as { panels: { howToPlay(s?: string): Promise<void> } }).panels.howToPlay("classroom-quick"));
      await expect.poll(() => page.locator("#howto-numbers p").textContent()).toBe("The rules below quote this scenario's own numbers.");
    } finally {
      await page.unroute("**/api/scenarios?*");
    }
  });
});

describe("a person alone at a team seat (docs/RULES.md \"The three ministries\")", () => {
  const welcome = (me: object) => page.evaluate((m) => (window as never as { panels: { welcome(me: unknown): void } }).panels.welcome(m), me);
  const language = (l: string) => page.evaluate((x) => (window as never as { panels: { language(l: string): Promise<void> } }).panels.language(x), l);
  /** The US in a game with teams: Ana joined as its Diplomat; `ben`: Ben holds its Regulator. */
  const usWith = (viewer: Parameters<typeof clientView>[1], ben = false) => {
    const s = negotiation();
    const view = clientView({ ...s, settings: { ...s.settings, teams: true } }, viewer);
    const holders = [{ id: "h1", name: "Ana", roles: "diplomat", connected: true }, ...(ben ? [{ id: "h2", name: "Ben", roles: "regulator", connected: true }] : [])];
    return { ...view, seats: view.seats.map((x) => (x.id === "US" ? { ...x, bot: false, holders } : x)) };
  };

  for (const [lang, full, short, withBen] of [
    ["en", "Diplomat, also acting for Regulator and Economic envoy until teammates join", "Diplomat; all three for now", "Diplomat, also acting for Economic envoy until teammates join"],
    ["zh-CN", "外交官；队友加入前，也代行监管官员和经济特使的职责", "外交官，暂兼三职", "外交官；队友加入前，也代行经济特使的职责"],
  ] as const)
    it(`the top bar, the game menu and My country say she also acts for the ministries nobody holds, until teammates join (${lang})`, async () => {
      await language(lang);
      const aside = (x: string) => (lang === "en" ? ` (${x})` : `（${x}）`);
      const us = "United States"; // the fixture's scenario names its countries in English
      try {
        await welcome({ kind: "player", name: "Ana", token: "t", seat: "US", roles: ["diplomat"] });
        await screenOn(usWith(asSeat("US", ["diplomat", "regulator", "envoy"])));
        const bar = page.locator(".topbar .who");
        await expect.poll(() => bar.textContent()).toBe(`Ana · ${us}${aside(short)}`);
        expect(await bar.getAttribute("title")).toBe(`Ana · ${us}${aside(full)}`);
        expect(await page.locator(".menu-who").textContent()).toBe(`Ana · ${us}${aside(full)}`);
        await mount("country", usWith(asSeat("US", ["diplomat", "regulator", "envoy"])));
        expect(await page.locator("#bot-US").textContent()).toContain(`Ana${aside(full)}`);
        // Ben takes the Regulator: each of them acts for the Economic envoy nobody holds.
        await mount("country", usWith(asSeat("US", ["diplomat", "envoy"]), true));
        const played = (await page.locator("#bot-US").textContent()) ?? "";
        expect(played).toContain(`Ana${aside(withBen)}`);
        expect(played).toContain(`Ben${aside(withBen.replace(lang === "en" ? "Diplomat" : "外交官", lang === "en" ? "Regulator" : "监管官员"))}`);
      } finally {
        await language("en");
      }
    });

  it("the console's seat table says it short, in full in its tooltip and the seat's detail", async () => {
    const holders = () => page.locator("#con-seat-US").locator("xpath=ancestor::tr").locator(".holder");
    await mount("overview", usWith(asFacilitator));
    expect(await holders().textContent()).toContain("Ana (Diplomat; all three for now)");
    expect(await holders().locator("[title]").getAttribute("title")).toBe("Diplomat, also acting for Regulator and Economic envoy until teammates join");
    await page.locator("#con-seat-US").click();
    await expect.poll(() => page.locator('#con-detail h4:has-text("People") + ul').textContent()).toContain("Ana · Connected · Diplomat, also acting for Regulator and Economic envoy until teammates join");
    // Ben takes the Regulator: each of them acts for the Economic envoy nobody holds.
    await mount("overview", usWith(asFacilitator, true));
    const row = await holders().allTextContents();
    expect(row.map((x) => x.replace(/\s+/g, " ").trim())).toEqual(["● Ana (Diplomat, for now also Economic envoy) Connected", "● Ben (Regulator, for now also Economic envoy) Connected"]);
  });

});
