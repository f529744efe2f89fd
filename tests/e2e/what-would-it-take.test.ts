/**
 * "What would it take?" through the browser, on a 1366×768 laptop, in a Play-now game, on a bot's
 * country card (docs/RULES.md, "The What would it take? button"): the answer is a draft sent with
 * one click, and the bot then signs it. (tests/e2e/keyboard.test.ts presses the same button by
 * keyboard, up to the draft being sent.)
 * Screenshots go to test-results/e2e/wwit-*.png (with E2E_SCREENSHOTS=1: tests/e2e/harness.ts, shot).
 */
import { describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { person, poll, settled, shot, type RunningServer } from "./harness.ts";
import { browserPerFile } from "./browser-per-file.ts";

let server: RunningServer;
let browser: Browser;
let p: Page;

const phase = () => p.locator(".topbar .phase").textContent();
/** The ledger's card of deal `id` (bots proposing meanwhile add cards above it). */
const card = (id: string) => p.locator(`#panel .ledger article.deal[data-deal="${id}"]`).first();
/** The ids of the deals on the Deals tab. */
const dealIds = () => p.locator("#panel .ledger article.deal").evaluateAll((all) => all.map((c) => c.getAttribute("data-deal") ?? ""));
/** A card's status badge ("proposed", "signed, takes force at resolution", "in force"...). */
const status = (id: string) => card(id).locator("header .badge").textContent();

/** After "Propose these terms": the deal the click made, the one new card among the Deals tab's. */
async function newDeal(before: string[]): Promise<string> {
  await p.locator("#tab-deals").click();
  let made = "";
  await poll(async () => {
    const mine = await p.locator("#panel .ledger article.deal").evaluateAll((all) => all.filter((c) => /proposed by you\b/i.test(c.textContent ?? "")).map((c) => c.getAttribute("data-deal") ?? ""));
    made = mine.find((id) => !before.includes(id)) ?? "";
    return made;
  }, { timeout: 20_000 }).not.toBe("");
  return made;
}

/**
 * Countries' cards until one whose bot names terms it would sign (some have none to offer the
 * US), its draft sent with one click; then how the bot answered: "signed", or the card's text.
 */
async function nameAndSend(): Promise<string> {
  await p.locator("#tab-deals").click();
  const before = await dealIds();
  await p.locator("#tab-world").click();
  let asked = "";
  for (const [id, name] of <[string, string][]>[["JP", "Japan"], ["NL", "the Netherlands"], ["IN", "India"], ["TW", "Taiwan"], ["VN", "Vietnam"], ["ID", "Indonesia"], ["KE", "Kenya"]]) {
    await p.locator(`button[aria-label="Open profile of ${name}"]`).first().click();
    await p.locator(`#ask-country-${id}`).click();
    await poll(() => p.evaluate((c) => !!document.querySelector(`#ask-${c}`) || (/\S/.test(document.querySelector(".ask-country .status")?.textContent ?? "") && !/Asking/.test(document.querySelector(".ask-country .status")?.textContent ?? "")), id), { timeout: 30_000 }).toBe(true);
    if (await p.locator(`#ask-${id}-send`).count()) {
      await shot(p, "wwit-1-country-draft");
      await p.locator(`#ask-${id}-send`).click();
      await poll(() => p.locator(`#ask-${id}-result`).textContent()).toContain("Proposed");
      asked = id;
    }
    await p.keyboard.press("Escape");
    await poll(() => p.locator("dialog.profile[open]").count()).toBe(0);
    if (asked) break;
  }
  expect(asked, "some bot named terms").not.toBe("");
  const deal = await newDeal(before);
  // The bot answers: it signs the terms it named, or declines them with the deal it signed since.
  await poll(() => status(deal), { timeout: 60_000 }).toMatch(/^(signed|in force|declined)/i);
  return /^declined/i.test((await status(deal)) ?? "") ? `${asked} declined ${deal}: ${await card(deal).textContent()}` : "signed";
}

describe("What would it take? in the browser: press, draft, send, the bot signs", () => {
  browserPerFile({ botDelayMs: 100 }, async (s, b) => {
    server = s;
    browser = b;
    p = (await person(browser, { width: 1366, height: 768 })).page;
  });

  it("on a bot's country card", { timeout: 180_000 }, async () => {
    await p.goto(server.url);
    await p.locator("#quick-name").fill("Kim");
    await p.locator("#quick-play").click();
    await p.waitForURL(/\/[A-Z0-9]{6}$/, { timeout: 30_000 });
    await poll(phase).toBe("Event");
    await p.locator("#guide-skip").click();
    await p.locator("#ready").click();
    await poll(phase).toBe("Negotiation");
    await settled(p);
    // Bots keep negotiating meanwhile: one that signs another deal between its answer and our
    // offer may no longer want the terms it named, and declines them saying so (docs/RULES.md,
    // "Its word, and what it signed since"); we ask again, as a person would, a few times at most.
    const tries: string[] = [];
    while (tries.length < 3 && tries.at(-1) !== "signed") tries.push(await nameAndSend());
    expect(tries.at(-1), tries.join("; ")).toBe("signed");
    await shot(p, "wwit-2-country-signed");
  });
});
