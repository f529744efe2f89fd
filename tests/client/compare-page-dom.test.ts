/**
 * The comparison page (client/ui/compare/compare-page.ts), which a teacher puts on the projector
 * for the debrief, in a real Chromium: read from the back of a room at 1920×1080 (large type,
 * the screen's width), and still whole at 1366×768 and on a phone. Vite serves
 * tests/client/dom/compare.html; the test answers the page's request for the comparison with
 * the server's own summaries of three scripted games, tables of one class.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { analyze } from "../../server/debrief/analysis.ts";
import { compareReply, compareSummary } from "../../server/debrief/compare.ts";
import type { GameRecord } from "../../server/storage/store.ts";
import type { Action } from "../../shared/engine/actions.ts";
import type { CompareReply } from "../../shared/protocol/debrief.ts";
import { REPLAY_REFUSED } from "../../server/said.ts";
import { replay, ReplayRefused } from "../../shared/engine/replay.ts";
import { scriptedGame, SETTINGS, withSecondRegime } from "../debrief/fixtures.ts";
import { domPages, type DomPages } from "../helpers/dom-page.ts";
import { shot } from "../e2e/harness.ts";

const CODES = ["T1ABCD", "T2ABCD", "T3ABCD"];
const reply: CompareReply = (() => {
  const games = CODES.map((code, i) => {
    const g = scriptedGame({ seed: i + 1, noise: false });
    const record: GameRecord = { code, scenario: g.setup.scenario, settings: SETTINGS, seed: String(g.setup.settings.seed), keyHash: "x", createdAt: i, finishedAt: 2, classTable: { code: "QKD7WM", table: i + 1 } };
    return { g, summary: compareSummary(record, analyze(g.setup, g.log.map((action: Action, at: number) => ({ action, at })))) };
  });
  const scenario = games[0]!.g.setup.scenario;
  // The reply as the server's route makes it (server/debrief/routes.ts, GET /api/compare).
  return compareReply(scenario, games.map((x) => x.summary));
})();

let pages: DomPages;
beforeAll(async () => {
  // Built once: each test opens the page anew, some at several sizes (tests/helpers/dom-page.ts).
  pages = await domPages({ built: ["compare.html"] });
}, 120_000);
afterAll(async () => {
  await pages?.close();
});

async function open(width: number, height: number, answer: CompareReply = reply, query = ""): Promise<Page> {
  const page = await pages.browser.newPage({ viewport: { width, height } });
  await page.route("**/api/compare*", (route) => route.fulfill({ json: answer }));
  await page.goto(pages.url(`compare.html${query}`));
  await page.waitForFunction(() => document.body.dataset.ready === "1", undefined, { timeout: 60_000 });
  await page.evaluate((codes) => (window as never as { comparePage: { mount(c: string[]): Promise<void> } }).comparePage.mount(codes), CODES);
  await page.locator("#compare-chart").waitFor();
  return page;
}

/** The page's type and width, as a reader at the back of the room meets them. */
const measure = (page: Page) =>
  page.evaluate(() => {
    const px = (sel: string) => parseFloat(getComputedStyle(document.querySelector(sel)!).fontSize);
    const main = document.querySelector("main")!.getBoundingClientRect();
    const chart = (window as unknown as { chokepointCompareChart: { options: { plugins: { legend: { labels: { font?: { size?: number } } } } }; config: { options: { scales: { x: { ticks: { font?: { size?: number } } } } } } } }).chokepointCompareChart;
    return {
      cell: px(".compare-games tbody td"),
      header: px(".compare-games thead th"),
      scoreCell: px(".compare-scores tbody td"),
      chartLabels: (chart.config.options.scales.x.ticks.font?.size ?? 0) as number,
      width: main.width / window.innerWidth,
      overflow: document.documentElement.scrollWidth - window.innerWidth,
    };
  });

describe("the comparison page on a projector", () => {
  it("shows the scenario's debrief questions, in order, for the teacher to lead the debrief from", async () => {
    const page = await open(1920, 1080);
    const questions = page.locator("section[aria-labelledby=cmp-questions]");
    expect(await questions.locator("h2").innerText()).toBe("Debrief questions");
    const asked = await questions.locator("ol.compare-questions > li").allInnerTexts();
    expect(asked.length).toBeGreaterThan(0);
    expect(asked).toEqual(reply.scenario.debrief);
    // The classroom scenario's first question, as its file words it.
    expect(asked[0]).toBe("Which agreement changed the most numbers, and who gained from it?");
    await page.close();
  });


  it("at 1920×1080 reads from the back of a room: its tables' cells, headers and chart labels in large type, across the screen's width", async () => {
    const page = await open(1920, 1080);
    const m = await measure(page);
    expect(m.cell).toBeGreaterThanOrEqual(20);
    expect(m.scoreCell).toBeGreaterThanOrEqual(20);
    expect(m.header).toBeGreaterThanOrEqual(18);
    expect(m.chartLabels).toBeGreaterThanOrEqual(18);
    expect(m.width).toBeGreaterThan(0.9);
    expect(m.overflow).toBeLessThanOrEqual(0);
    await shot(page, "compare-1920x1080");
    await page.close();
  });

  it("stands each number column's header over its numbers, on their right (within 3 px of its cells), in English and in Chinese", async () => {
    for (const query of ["", "?lang=zh-CN"]) {
      const page = await open(1920, 1080, reply, query);
      await page.locator(".chart-data summary").click();
      // Each column of each table whose numbers are set on the right: its header's alignment, and its right edge against theirs.
      const columns = await page.evaluate(() =>
        [...document.querySelectorAll("main table")].flatMap((table) =>
          [...table.querySelectorAll("thead th")].flatMap((th, i) => {
            const cells = [...table.querySelectorAll(`tbody tr > :nth-child(${i + 1})`)];
            if (!cells.length || !cells.every((c) => getComputedStyle(c).textAlign === "right")) return [];
            const right = (el: Element) => {
              const range = document.createRange();
              range.selectNodeContents(el);
              return Math.round(range.getBoundingClientRect().right);
            };
            return [{ header: th.textContent, align: getComputedStyle(th).textAlign, offBy: Math.max(...cells.map((c) => Math.abs(right(c) - right(th)))) }];
          }),
        ),
      );
      expect(columns.length, query).toBeGreaterThan(8);
      for (const c of columns) expect([c.header, c.align, c.offBy <= 3]).toEqual([c.header, "right", true]);
      await shot(page, `compare-headers${query ? "-zh-CN" : ""}-1920x1080`);
      await page.close();
    }
  });

  it("at 1366×768 and on a phone keeps the page whole: no sideways scroll, type no smaller than before", async () => {
    for (const [w, hgt] of [[1366, 768], [390, 844]] as const) {
      const page = await open(w, hgt);
      const m = await measure(page);
      expect(m.overflow).toBeLessThanOrEqual(0);
      expect(m.cell).toBeGreaterThanOrEqual(13.5);
      await shot(page, `compare-${w}x${hgt}`);
      await page.close();
    }
  });
});

describe("the comparison's Open column", () => {
  it("at 1366×768 keeps its Report and Replay links off the card's edge, padded as every other cell is, a table ended early among them", async () => {
    // Table 1 as if the facilitator had ended it during round 2: its Rounds cell is the row's longest.
    const early: CompareReply = { ...reply, games: [{ ...reply.games[0]!, roundsPlayed: 1, unresolvedRound: 2 }, ...reply.games.slice(1)] };
    const page = await open(1366, 768, early);
    expect(await page.locator(`#cmp-${CODES[0]} td`).nth(1).innerText()).toBe("1 of 4 resolved\nended in round 2");
    const cells = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLTableRowElement>(".compare-games tbody tr")].map((row) => {
        const open = row.lastElementChild as HTMLElement;
        const other = row.children[row.children.length - 2] as HTMLElement;
        const pad = (el: HTMLElement) => getComputedStyle(el).paddingRight;
        const links = [...open.querySelectorAll("a")].map((a) => a.getBoundingClientRect());
        const wrap = row.closest(".god-wrap")!.getBoundingClientRect();
        return {
          padding: pad(open) === pad(other) && getComputedStyle(open).paddingLeft === getComputedStyle(other).paddingLeft,
          links: links.length,
          // Room between the last link and the edge of the table's frame, in px: the cell's padding at least.
          room: Math.round(wrap.right - Math.max(...links.map((r) => r.right))),
          cellPadding: parseFloat(pad(other)),
          overflow: row.closest(".god-wrap")!.scrollWidth - row.closest(".god-wrap")!.clientWidth,
        };
      }),
    );
    expect(cells.length).toBe(3);
    for (const c of cells) {
      expect(c.links).toBe(2);
      expect(c.padding).toBe(true);
      expect(c.room).toBeGreaterThanOrEqual(Math.floor(c.cellPadding));
      expect(c.overflow).toBeLessThanOrEqual(0);
    }
    await page.close();
  });
});

describe("the class console's comparison with a table the rules now refuse to replay", () => {
  // The server's reply (server/debrief/routes.ts, GET /api/compare): tables 1 and 2 compared, table 3 named with why.
  const refused = withSecondRegime(scriptedGame());
  const why = (() => {
    try {
      replay(refused.game.setup, refused.game.log);
    } catch (err) {
      if (err instanceof ReplayRefused) return REPLAY_REFUSED(err).text!;
    }
    throw new Error("the fixture's log replays");
  })();
  const withRefused: CompareReply = { ...reply, games: reply.games.slice(0, 2), refused: [{ code: CODES[2]!, classTable: { code: "QKD7WM", table: 3 }, why }] };

  it("compares the other tables and names the refused one, with why, in English and in Chinese", async () => {
    // As the reply names it (the server's reply is in the page's language; this one is in English).
    const country = reply.countries.find((c) => c.id === "US")!.name;
    for (const [query, name, says] of [
      ["", "Table 3 (T3ABCD)", `move ${refused.refusedAt + 1} is no longer allowed`],
      ["?lang=zh-CN", "第 3 桌（T3ABCD）", `第 ${refused.refusedAt + 1} 步现在不再允许`],
    ] as const) {
      const page = await open(1366, 768, withRefused, query);
      const note = page.locator(`#cmp-left-out-${CODES[2]}`);
      const text = await note.innerText();
      expect(text.startsWith(name), text).toBe(true);
      expect(text).toContain(says);
      // The rule's own words, its countries named as the scenario names them (not their ids).
      expect(text).toContain(country);
      // The other tables compared as ever.
      expect(await page.locator(".compare-games tbody tr").evaluateAll((rows) => rows.map((r) => r.id))).toEqual([`cmp-${CODES[0]}`, `cmp-${CODES[1]}`]);
      await page.close();
    }
  });
});
