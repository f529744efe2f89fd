/**
 * The comparison of a class's tables on a teacher's laptop (1366×768) and on the projector
 * (1920×1080), in English and in Chinese: the row of each table fits its card, so its Report and
 * Replay links are in sight, not behind a scroll past the card's edge (client/ui/console/console.css).
 */
import { describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import type { CreateClassReply } from "../../shared/protocol/classes.ts";
import { shot, type RunningServer } from "./harness.ts";
import { browserPerFile } from "./browser-per-file.ts";

let server: RunningServer;
let browser: Browser;

describe("the comparison of a class's tables on a wide screen", () => {
  browserPerFile({ botDelayMs: 300 }, (s, b) => {
    server = s;
    browser = b;
  });

  it("shows every column of the tables' row, the links to each table's report among them", async () => {
    const created = (await (
      await fetch(`${server.url}/api/classes`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ scenarioId: "classroom-quick", tables: 2, settings: { teams: false, bots: true, seed: 4, eventSeconds: 600, negotiationSeconds: 3600, reviewSeconds: 600 } }) })
    ).json()) as CreateClassReply;
    for (const [width, height, locale] of [[1366, 768, "en-GB"], [1366, 768, "zh-CN"], [1920, 1080, "en-GB"]] as const) {
      const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: 1, locale });
      // The teacher's browser keeps each table's key (the class console remembers them).
      await context.addInitScript(([tables, key]) => {
        for (const code of tables) localStorage.setItem(`chokepoint:game:${code}`, JSON.stringify({ facilitator: { key } }));
      }, [created.tables, created.facilitatorKey] as const);
      const p = await context.newPage();
      await p.goto(`${server.url}/compare/${created.tables.join("+")}`);
      await p.locator(`#cmp-${created.tables[1]} a[href$="/replay"]`).waitFor({ timeout: 20_000 });
      const [scroll, client] = await p.locator(".compare-games").evaluate((table) => [table.parentElement!.scrollWidth, table.parentElement!.clientWidth]);
      expect(scroll, `${width}×${height} ${locale}`).toBeLessThanOrEqual(client);
      await shot(p, `compare-${width}x${height}-${locale}`);
      await context.close();
    }
  }, 120_000);
});
