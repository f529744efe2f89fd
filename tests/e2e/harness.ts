/**
 * End-to-end harness: builds the client once, starts the real server (server/main.ts) on a
 * free port with a temporary database, and drives Debian's Chromium through playwright-core.
 * Nothing here is skipped: without Chromium the tests fail and say how to install it.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from "playwright-core";
import { expect } from "vitest";
import { startServerProcess } from "../helpers/server-process.ts";

/**
 * expect.poll with a timeout that tolerates a busy two-core machine (vitest's default is 1 s):
 * with other browsers and servers on its cores, a page opening the board took 9-15 s to show it.
 */
export const poll = <T>(fn: () => T | Promise<T>, options: { timeout?: number } = {}) => expect.poll(fn, { interval: 100, ...options, timeout: options.timeout ?? 30_000 });

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const ARTIFACTS = join(ROOT, "test-results", "e2e");
const NODE = join(ROOT, "node_modules", ".bin", "node");
const VITE = join(ROOT, "node_modules", ".bin", "vite");

export const CHROMIUM_PATHS = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].filter(Boolean) as string[];

/** Flags that give real WebGL (SwiftShader) in a headless, offline Chromium. */
export const CHROMIUM_FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--use-angle=swiftshader",
  "--enable-unsafe-swiftshader",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-dev-shm-usage",
];

export function chromiumPath(): string {
  const found = CHROMIUM_PATHS.find((p) => existsSync(p));
  if (!found)
    throw new Error(
      `Chromium is not installed (looked at ${CHROMIUM_PATHS.join(", ")}). The end-to-end tests drive Debian's chromium: run \`sudo apt-get install chromium\` (.ci/run does), or set CHROMIUM_PATH.`,
    );
  return found;
}

let built = false;
/**
 * Builds the client into dist/ once per test run (the server serves dist/). Each test file runs
 * in a process of its own, a child of the run's vitest process: dist/ keeps which run built it
 * (that process's id and start time), and a later file of the same run uses that build instead
 * of spending a build on every e2e file. Where the run cannot be told, it builds.
 */
export function buildClient() {
  if (built) return;
  const stamp = join(ROOT, "dist", ".built-for-run");
  const run = testRun();
  if (run && existsSync(stamp) && readFileSync(stamp, "utf8") === run) {
    built = true;
    return;
  }
  const r = spawnSync(NODE, [VITE, "build", "--logLevel", "warn"], { cwd: ROOT, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`vite build failed:\n${r.stdout}\n${r.stderr}`);
  if (run) writeFileSync(stamp, run);
  built = true;
}

/** The vitest run this test process belongs to: its parent's id and start time (Linux's /proc), or undefined. */
function testRun(): string | undefined {
  // Watch mode reruns files in the same vitest process after an edit: build every time there.
  if (!process.env.VITEST || process.env.VITEST_MODE === "WATCH") return undefined;
  try {
    // Field 22 of /proc/PID/stat, counted after the command's closing parenthesis (a name may hold spaces).
    const stat = readFileSync(`/proc/${process.ppid}/stat`, "utf8");
    const started = stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19];
    return started ? `${process.ppid}:${started}` : undefined;
  } catch {
    return undefined;
  }
}

export type RunningServer = { url: string; port: number; dir: string; stop(signal?: "SIGTERM" | "SIGKILL"): Promise<void> };

/** Starts server/main.ts as `npm start` would (tests/helpers/server-process.ts), on a free port and a database in `dir` (a new temporary folder unless given). */
export async function startServer(options: { dir?: string; port?: number; botDelayMs?: number } = {}): Promise<RunningServer> {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), "chokepoint-e2e-"));
  const server = await startServerProcess({ databasePath: join(dir, "games.sqlite"), port: options.port, botDelayMs: options.botDelayMs ?? 400 });
  return {
    url: server.url,
    port: server.port,
    dir,
    stop: async (signal = "SIGTERM") => {
      if (signal === "SIGKILL") {
        await server.kill();
        return;
      }
      // A shutdown that takes longer than 5 s is cut short.
      const stuck = setTimeout(() => void server.kill(), 5000);
      await server.stop();
      clearTimeout(stuck);
    },
  };
}

/**
 * WebGL without multisampling, for the tests' pages only. The board asks for it (smooth edges
 * at a device pixel ratio of 1: client/board/board.ts), and there SwiftShader draws a 1366×768
 * frame in 27–30 ms of CPU without it against 62–70 ms with it (docs/PERFORMANCE.md, "The board
 * at rest"). No test looks at how smooth an edge is, and the frames the e2e files draw make the
 * GPU process their largest user of the CPU (docs/ARCHITECTURE.md, "How long the suite runs").
 * The first-frame benchmark (tests/bench/first-frame.ts) keeps it: it measures what a reader's
 * browser does.
 */
export const WITHOUT_MULTISAMPLING = "--webgl-antialiasing-mode=none";

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), headless: true, args: [...CHROMIUM_FLAGS, WITHOUT_MULTISAMPLING] });
}

/** A fresh, isolated browser context (its own storage): one per person at the table. */
export async function person(browser: Browser, size = { width: 1280, height: 720 }): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: size, deviceScaleFactor: 1, locale: "en-GB" });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  // Failed requests are reported with their address (the console line does not say which).
  page.on("console", (m) => m.type() === "error" && !m.text().startsWith("Failed to load resource") && errors.push(m.text()));
  page.on("response", (r) => r.status() >= 400 && errors.push(`${r.status()} ${new URL(r.url()).pathname}`));
  return { context, page, errors };
}

/**
 * Makes the page's next Play now (the start page's one-click game, client/model/lobby.ts
 * playNowRequest) a game of `rounds` rounds instead of its scenario's: the request's
 * settings.rounds (shared/protocol/messages.ts), set on its way to the server. For a walkthrough
 * that reads every kind of phase in round 1 and then only presses "ready" to the end screen.
 * Call the returned function once the game is created.
 */
export async function playNowRounds(page: Page, serverUrl: string, rounds: number): Promise<() => Promise<void>> {
  const games = `${serverUrl}/api/games`;
  await page.route(games, async (route) => {
    const request = route.request();
    if (request.method() !== "POST") return route.continue();
    const body = request.postDataJSON() as { settings?: Record<string, unknown> };
    await route.continue({ postData: JSON.stringify({ ...body, settings: { ...body.settings, rounds } }) });
  });
  return () => page.unroute(games);
}

/**
 * Presses the ready button with `press`; when it asks first, since offers wait on the player
 * (client/ui/game-screen.ts: they lapse when the negotiation ends), presses it once more, "I'm
 * done anyway", when it takes presses again.
 */
export async function readyAnyway(page: Page, press: () => Promise<unknown>) {
  const before = await page.locator(".topbar .phase").textContent();
  await press();
  await page.waitForFunction(
    (b) => !!document.getElementById("ready-ask") || document.getElementById("ready")?.getAttribute("aria-pressed") === "true" || document.querySelector(".topbar .phase")?.textContent !== b,
    before,
    { timeout: 30_000 },
  );
  if (!(await page.locator("#ready-ask").count())) return;
  await page.waitForFunction(() => document.getElementById("ready")?.getAttribute("aria-disabled") !== "true", undefined, { timeout: 30_000 });
  await press();
}

/** Says yes to the page's own "are you sure?" (client/ui/confirm.ts) that the click before it opened. */
export async function confirmYes(page: Page) {
  await page.locator("dialog.confirm #confirm-yes").click();
  await page.locator("dialog.confirm").waitFor({ state: "detached" });
}

/**
 * A screenshot in test-results/e2e/, for a person to look at: nothing in the suite reads these
 * files, so they are taken only when asked for (`E2E_SCREENSHOTS=1 npx vitest run tests/e2e`).
 * The e2e files take over a hundred, each a frame of a page that may be drawing the board with
 * Chromium's software renderer. A check that reads a screenshot's pixels takes its own
 * (tests/e2e/phone.test.ts, screenshotInPage).
 */
export async function shot(page: Page, name: string) {
  if (process.env.E2E_SCREENSHOTS !== "1") return;
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
}

export function cleanup(dir: string) {
  rmSync(dir, { recursive: true, force: true });
}

/** The page's visible text and the labels assistive technology reads; a link to a source outside shows its address, which is not a word. */
export async function shown(p: Page): Promise<string> {
  return p.evaluate(() => {
    const labels = [...document.querySelectorAll("[aria-label], [title], [placeholder]")].flatMap((e) => ["aria-label", "title", "placeholder"].map((a) => e.getAttribute(a) ?? ""));
    const addresses = [...document.querySelectorAll<HTMLAnchorElement>('a[href^="http"]')].map((a) => a.innerText).filter(Boolean);
    let text = [document.body.innerText, document.title, ...labels].join("\n");
    for (const a of addresses) text = text.split(a).join(" ");
    return text;
  });
}

/** What lies outside the viewport or overlaps: elements cut off at the right or bottom edge. */
export async function overflowReport(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const vw = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth > vw + 1) out.push(`page scrolls horizontally: ${document.documentElement.scrollWidth} > ${vw}`);
    for (const el of document.querySelectorAll<HTMLElement>(".topbar > *, .tabs > *, .map-controls, .board-foot, .side")) {
      const r = el.getBoundingClientRect();
      if (r.width && r.right > vw + 1) out.push(`${el.className || el.tagName} ends at ${Math.round(r.right)} > ${vw}`);
    }
    return out;
  });
}

/**
 * Waits until the page has laid out and painted what changed (a resize, a new panel) and its
 * animations and transitions have finished: two animation frames, then the `finished` of
 * every running animation that ends. Instead of a fixed pause.
 */
export async function settled(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const frame = () => new Promise<void>((r) => requestAnimationFrame(() => r()));
    await frame();
    await frame();
    // Only animations that end: a spinner or a pulsing clock runs forever.
    const ending = document.getAnimations().filter((a) => a.effect?.getComputedTiming().iterations !== Infinity);
    await Promise.all(ending.map((a) => a.finished.catch(() => undefined)));
  });
}

/**
 * Scrolls what a locator finds into view before a screenshot (centred, unless it is wholly in
 * view already), then checks that it is shown. A panel re-renders when a state patch lands,
 * which can detach the element between finding and scrolling it, so it finds it again until a
 * scroll succeeds. The page's own scroll, not Playwright's: that one first waits for the element
 * to keep its box over two animation frames, which took seconds at a load average of 45 on a
 * page drawing the board, beyond the 2 s each try has.
 */
export async function reveal(locator: Locator): Promise<void> {
  const scrolled = () =>
    locator.evaluate(
      (el) => {
        (el as HTMLElement & { scrollIntoViewIfNeeded(centre: boolean): void }).scrollIntoViewIfNeeded(true);
        return el.checkVisibility();
      },
      undefined,
      { timeout: 2_000 },
    );
  await poll(() => scrolled().catch(() => false)).toBe(true);
}

/** The scenario's name in the top bar, and whether it shows whole (shown, not cut to "C…" by the bar's other parts). */
export async function barScenario(page: Page): Promise<{ text: string; whole: boolean }> {
  // Read in one look at the page: the bar is drawn anew as the game moves, and an element found a moment before may have left it.
  return page.evaluate(() => {
    const el = document.querySelector(".topbar .scenario");
    const bar = document.querySelector(".topbar");
    if (!el || !bar) return { text: "", whole: false };
    const r = el.getBoundingClientRect();
    return { text: el.textContent ?? "", whole: r.width > 0 && el.scrollWidth <= el.clientWidth + 1 && r.right <= bar.getBoundingClientRect().right };
  });
}
