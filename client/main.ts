/**
 * Boots the client: reads the address, shows the start page or (re)joins the game this
 * browser belongs to, and switches between them without reloading.
 */
import "./styles.css";
import "./phone.css";
import "./class.css";
import type { CreateGameRequest, JoinOptions } from "../shared/protocol/messages.ts";
import { prepareNumbers, t, useNames, wholeCatalogReady } from "./i18n/index.ts";
import { viewNames } from "./model/names.ts";
import { chineseFontReady, startLanguage } from "./ui/language.ts";
import { GameConnection } from "./net/connection.ts";
import { createGame, forgetEarlyReplies, isClassCode, lobbyInfo } from "./net/http.ts";
import { credentialsGone } from "./net/join-refusal.ts";
import { memoryStorage, SessionMemory, type As } from "./net/session-memory.ts";
import { isCode, isOnward, normalizeCode, onwardPath, parseRoute, routePath, type Route } from "./model/route.ts";
import { isOver } from "./model/lobby.ts";
import { store } from "./state/store.ts";
import { GameScreen } from "./ui/game-screen.ts";
import { h, replace } from "./ui/dom.ts";
import { mountStartPage } from "./ui/start-page.ts";
import { loadBoardModule } from "./ui/board-loader.ts";
import { extraKeys, rememberedKeys } from "./net/key-ring.ts";
import { classTable, watchClass } from "./net/class-table.ts";

function storage(kind: "localStorage" | "sessionStorage") {
  try {
    const s = window[kind];
    s.setItem("chokepoint:probe", "1");
    s.removeItem("chokepoint:probe");
    return s;
  } catch {
    return memoryStorage();
  }
}

const memory = new SessionMemory(storage("localStorage"), storage("sessionStorage"));
const root = document.getElementById("app")!;
let connection: GameConnection | undefined;
let screen: GameScreen | undefined;

// The engine's texts name countries, standards and cards: the names come from the scenario in play.
store.subscribe((s, prev) => {
  if (s.view !== prev.view) useNames(s.view ? viewNames(s.view) : null);
});

function navigate(route: Route, replaceState = false) {
  const path = routePath(route);
  if (window.location.pathname !== path) (replaceState ? history.replaceState : history.pushState).call(history, null, "", path);
}

/** The debrief pages (archive, replay, compare): their code loads when one is opened. */
let pageCleanup: (() => void) | undefined;
/** A class's table console keeps the class's tables watched (client/net/class-table.ts `watchClass`). */
let stopWatchingClass: (() => void) | undefined;

/**
 * A page's code, with every file of the Chinese font and the rest of the catalog
 * (client/ui/language.ts): the page draws once all are here, as the game screen does. Chromium
 * kept text drawn before its file arrived as boxes (the comparison's 指标 label, the replay's
 * ▶ 播放), and a chart's labels blank; a key whose part had not come would read in English.
 */
async function pageModule<T>(load: Promise<T>): Promise<T> {
  const [module] = await Promise.all([load, chineseFontReady(), wholeCatalogReady()]);
  return module;
}

function localStore(): Pick<Storage, "getItem" | "setItem" | "length" | "key"> {
  try {
    return window.localStorage;
  } catch {
    return { length: 0, key: () => null, getItem: () => null, setItem: () => undefined };
  }
}

async function showDebriefPage(r: Extract<Route, { kind: "archive" | "replay" | "compare" }>) {
  replace(root, h("p", { class: "loading" }, t("app.loading")));
  if (r.kind === "archive") {
    const { mountArchivePage } = await pageModule(import("./ui/archive/archive-page.ts"));
    return void (await mountArchivePage(root, { memory, storage: localStore() }));
  }
  if (r.kind === "replay") {
    const { mountReplayPage } = await pageModule(import("./ui/replay/replay-page.ts"));
    const share = new URLSearchParams(window.location.search).get("share") ?? undefined;
    pageCleanup = await mountReplayPage(root, { code: r.code, memory, ...(share ? { share } : {}) });
    return;
  }
  const { mountComparePage } = await pageModule(import("./ui/compare/compare-page.ts"));
  pageCleanup = await mountComparePage(root, { codes: r.codes, memory });
}

async function teardown() {
  pageCleanup?.();
  pageCleanup = undefined;
  screen?.destroy();
  screen = undefined;
  const c = connection;
  connection = undefined;
  await c?.leave();
}

/**
 * Joins a game and shows it; on failure leaves the current page as it is and says why.
 * `fromPage`: entered from a control of this page (the start page's forms, Play again), whose
 * focus went with it; the game screen puts it on the game's title.
 */
async function enter(code: string, options: JoinOptions, projector = false, fromPage = false): Promise<{ ok: true } | { ok: false; message: string; code?: string; over?: true; gone?: boolean }> {
  await teardown();
  // The Chinese font's files load while the game is joined: the screen draws once they are here (client/ui/language.ts).
  const font = chineseFontReady();
  // So do the catalog's words beyond the start page's, which a refusal below may name too.
  const words = wholeCatalogReady();
  // With this browser's token or key: a school's address locked for a classmate's wrong codes still answers it.
  const info = await lobbyInfo(code, options.as === "facilitator" ? { key: options.key } : options.as === "player" && options.token ? { token: options.token } : undefined);
  await words;
  if (!info.ok) return { ok: false, message: info.status === 404 ? t("error.unknownGame", { code }) : info.message, gone: credentialsGone({ status: info.status }) };
  // A class's code is no table to join: its join screen is the start page's.
  if (isClassCode(info.value)) return { ok: false, message: t("error.unknownGame", { code }) };
  if (isOver(info.value)) return { ok: false, message: t("start.over"), over: true };
  // A friend's quick game has no facilitator either: what waits for one is not offered.
  if (info.value.settings.quickStart && !memory.quickGame(code)) memory.update(code, { quick: true });
  store.set({ offset: info.offset ?? 0, view: undefined, me: undefined, notices: [] });
  const conn = new GameConnection(code, options, store, memory);
  const opening = conn.open();
  // A game's lobby shows no number: there the formats wait for the board's first frame (client/ui/game-screen.ts).
  loadBoardSoon(info.value.phase !== "lobby");
  const result = await opening;
  if (!result.ok) return { ok: false, message: result.message.replace(/^[a-z]+\/[a-z_]+:\s*/, ""), ...(result.code ? { code: result.code } : {}), gone: credentialsGone({ code: result.code }) };
  connection = conn;
  if (options.as === "player") memory.update(code, { player: { ...memory.get(code).player, name: options.name } }, "player");
  // An observer who joined from the start page watches on their own screen, at /CODE (a refresh
  // rejoins as the observer); /CODE/watch is the room's screen, the projector.
  if (options.as === "observer" && !projector) memory.update(code, { observer: options.name ? { name: options.name } : {} }, "observer");
  navigate(projector ? { kind: "watch", code } : { kind: "game", code });
  await font;
  // A table of a class names its table to everyone at it; its console links back to the class.
  const inClass = info.value.classTable;
  const table = inClass ? { classCode: inClass.code, table: inClass.table } : undefined;
  // Opened from the class console (in this tab), it keeps the class's tables watched.
  const fromConsole = options.as === "facilitator" ? classTable(storage("sessionStorage"), code) : undefined;
  stopWatchingClass?.();
  stopWatchingClass = fromConsole && options.as === "facilitator" ? watchClass(fromConsole.classCode, options.key) : undefined;
  screen = new GameScreen(root, { code, store, conn, memory, playAgain: () => playAgain(code), ...(table ? { classTable: table } : {}) }, { projector, bots: info.value.settings.bots, eventSeconds: info.value.settings.eventSeconds, takeFocus: fromPage });
  return { ok: true };
}

/**
 * Play again: a new game of the same scenario with the same settings and a new seed, this
 * browser in the same place (the same seat under the same name, or the facilitator's chair).
 */
async function playAgain(code: string): Promise<{ ok: true } | { ok: false; message: string }> {
  const { view, me } = store.get();
  if (!view) return { ok: false, message: t("conn.connecting") };
  const remembered = memory.get(code).created;
  const settings = { ...(remembered?.settings ?? { rounds: view.settings.rounds, teams: view.settings.teams, facilitatorReadsPrivate: view.settings.facilitatorReadsPrivate, channels: view.settings.channels, bots: true, quickStart: me?.kind === "player" }) };
  delete settings.seed;
  const request = { scenarioId: remembered?.scenarioId ?? view.scenario.id, settings } as CreateGameRequest;
  const created = await createGame(request);
  if (!created.ok) return { ok: false, message: t("error.server", { message: created.message }) };
  const next = created.value.code;
  memory.update(next, { facilitator: { key: created.value.facilitatorKey }, created: { scenarioId: request.scenarioId, settings } }, me?.kind === "player" ? undefined : "facilitator");
  if (me?.kind === "player") return enter(next, { as: "player", name: me.name, ...(me.seat ? { seat: me.seat } : {}) }, false, true);
  return enter(next, { as: "facilitator", key: created.value.facilitatorKey }, false, true);
}

function optionsFor(code: string, as: As): JoinOptions | undefined {
  const r = memory.get(code);
  if (as === "facilitator" && r.facilitator) return { as: "facilitator", key: r.facilitator.key };
  if (as === "player" && r.player?.token) return { as: "player", name: r.player.name, token: r.player.token };
  if (as === "observer") return { as: "observer", ...(r.observer?.name ? { name: r.observer.name } : {}) };
  return undefined;
}

/** `onward`: a class's code opened from "Go to my new table" (client/model/route.ts `onwardPath`). */
function showStart(prefill?: string, message?: string, onward = false) {
  mountStartPage(
    root,
    {
      enter: (code, options) => enter(code, options, false, true),
      remembered: (code) => memory.get(code),
      rememberFacilitator: (code, key, created) => memory.update(code, { facilitator: { key }, ...(created ? { created: { scenarioId: created.scenarioId, settings: { ...created.settings } } } : {}) }, "facilitator"),
      forgetFacilitator: (code) => memory.forget(code, "facilitator"),
      resume: (code) => void route({ kind: "game", code }),
      // Onward, as the banner's "Go to my new table" (client/model/route.ts `onwardPath`): the
      // class's page goes straight on to the table its place names, else shows its join form.
      sendToClass: (code) => {
        window.history.replaceState(null, "", onwardPath(code));
        void route({ kind: "game", code });
      },
      memory,
      classes: {
        storage: localStore(),
        enter: (code, options) => enter(code, options, false, true),
        playerToken: (code) => memory.get(code).player?.token,
        takeOnward: () => {
          const once = onward;
          onward = false;
          return once;
        },
        rememberFacilitator: (code, key) => memory.update(code, { facilitator: { key } }),
        openClass: (code) => {
          navigate({ kind: "class", code });
          void route({ kind: "class", code });
        },
      },
    },
    prefill,
  );
  if (message) {
    const p = h("p", { class: "status status-error", role: "alert" }, message);
    root.querySelector(".start-join")?.prepend(p);
  }
  // A facilitator's way back to their games (reports, replays, comparisons).
  if (rememberedKeys(localStore()).length || extraKeys(localStore()).length)
    root.querySelector(".start-head")?.append(h("p", { class: "start-archive" }, h("a", { href: "/archive", id: "start-archive" }, t("archive.link"))));
}

async function route(r: Route) {
  if (r.kind === "start") {
    await teardown();
    navigate(r, true);
    return showStart();
  }
  if (r.kind === "watch") {
    replace(root, h("p", { class: "loading" }, t("conn.connecting")));
    // The room's screen names itself, so the console's list of who watches reads "The projector",
    // not "an observer who gave no name" (client/ui/console/overview-section.ts); a name this
    // browser gave as an observer is kept.
    const options = optionsFor(r.code, "observer")!;
    const result = await enter(r.code, options.as === "observer" && !options.name ? { ...options, name: t("watch.name") } : options, true);
    // A game long over: the projector shows its replay, from the end.
    if (!result.ok && result.over) {
      navigate({ kind: "replay", code: r.code }, true);
      return route({ kind: "replay", code: r.code });
    }
    if (!result.ok) showStart(r.code, result.message);
    return;
  }
  if (r.kind === "howto") {
    await teardown();
    const [{ mountHowToPlay }] = await Promise.all([import("./ui/pages/how-to-play.ts"), wholeCatalogReady()]);
    // From a game's menu, "back" returns to that game.
    const query = new URLSearchParams(window.location.search);
    const from = query.get("from");
    // ?scenario=: the game's or the one chosen on the start page, whose own numbers the page shows first.
    const scenario = query.get("scenario");
    return mountHowToPlay(root, {
      ...(from && isCode(from) ? { back: { href: `/${normalizeCode(from)}`, text: t("howto.backToGame") } } : {}),
      ...(scenario && /^[a-z0-9-]{1,60}$/.test(scenario) ? { scenario } : {}),
    });
  }
  if (r.kind === "teaching") {
    await teardown();
    const [{ mountTeaching }] = await Promise.all([import("./ui/pages/teaching.ts"), wholeCatalogReady()]);
    return mountTeaching(root);
  }
  if (r.kind === "class") {
    await teardown();
    replace(root, h("p", { class: "loading" }, t("app.loading")));
    const { mountClassPage } = await pageModule(import("./ui/class/class-page.ts"));
    pageCleanup = await mountClassPage(root, { code: r.code, storage: localStore(), tab: storage("sessionStorage"), rememberFacilitator: (code, key) => memory.update(code, { facilitator: { key } }) });
    return;
  }
  if (r.kind !== "game") {
    await teardown();
    return showDebriefPage(r);
  }
  // The facilitator's "play a country yourself" link (the waiting room) opens the game in a tab
  // of its own as a player: the seat this browser holds there, else the join form, not the console.
  const asPlayer = new URLSearchParams(window.location.search).get("as") === "player";
  if (asPlayer) window.history.replaceState(null, "", `/${r.code}`);
  // The address forgets "go straight on": going back to it shows the class's page, not the table again.
  const onward = isOnward(window.location.search);
  if (onward) window.history.replaceState(null, "", `/${r.code}`);
  const as = asPlayer ? (memory.get(r.code).player?.token ? "player" : undefined) : memory.resumeAs(r.code);
  const options = as ? optionsFor(r.code, as) : undefined;
  if (!options) return showStart(r.code, undefined, onward);
  replace(root, h("p", { class: "loading" }, t("conn.connecting")));
  const result = await enter(r.code, options);
  if (!result.ok) {
    // A token the server no longer knows (the game was reset, or is gone): forget it and offer
    // the form. Not for a refusal that passes (a locked address, a game moving, the network).
    // A finished game's facilitator keeps their key: the start page opens the game's debrief with it.
    const debrief = as === "facilitator" && result.over;
    if (as && (result.over || result.gone) && !debrief) memory.forget(r.code, as);
    // A game over: the join form, looking the code up, says so under it with the replay's link; said above it too, it read twice.
    showStart(r.code, result.over ? undefined : result.message);
  }
}

window.addEventListener("popstate", () => void route(parseRoute(window.location.pathname)));
// Every page is drawn in the reader's language: the catalog loads first (the start page's part
// of it, or the whole for another page, whose words come with it rather than after it).
const first = parseRoute(window.location.pathname);
void startLanguage(first.kind !== "start").then(() => {
  document.title = t("app.title");
  void route(first).finally(forgetEarlyReplies);
  // A game's page runs the board's code once its join is on its way (enter).
  if (first.kind !== "watch" && first.kind !== "game") loadBoardSoon(true);
});

/**
 * Runs the board's code (Phaser, fetched beside the entry: vite.config.ts) and, with `numbers`,
 * makes the number formats in the background, in the next task: while the start page is read,
 * or while a game's join is on its way, whose reply the board's first frame waits for anyway.
 */
function loadBoardSoon(numbers: boolean) {
  setTimeout(() => {
    if (numbers) prepareNumbers();
    loadBoardModule()
      .then(() => storage("sessionStorage").removeItem("chokepoint:reloaded"))
      .catch(() => undefined);
  }, 0);
}
