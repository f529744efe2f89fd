/**
 * The game screen's panels alone in a page, for tests/client/panels-dom.test.ts: a panel is
 * mounted with a context whose requests all succeed, then rendered with one view after another
 * as state patches would bring them.
 */
import "../../../client/styles.css";
import "../../../client/phone.css";
import type { ClientView } from "../../../shared/protocol/view.ts";
import { ActivityLog } from "../../../client/model/console.ts";
import { memoryStorage, SessionMemory } from "../../../client/net/session-memory.ts";
import { Store } from "../../../client/state/store.ts";
import type { UiContext } from "../../../client/ui/context.ts";
import { InjectSection } from "../../../client/ui/console/inject-section.ts";
import { MatrixSection } from "../../../client/ui/console/matrix-section.ts";
import { RulesSection } from "../../../client/ui/console/rules-section.ts";
import { OverviewSection } from "../../../client/ui/console/overview-section.ts";
import { DealsPanel } from "../../../client/ui/deals-panel.ts";
import { TalksPanel } from "../../../client/ui/talks-panel.ts";
import { MyCountryPanel } from "../../../client/ui/country-panel.ts";
import { ReviewPanel } from "../../../client/ui/review-panel.ts";
import { ObserverPanel } from "../../../client/ui/observer-panel.ts";
import { WorldPanel } from "../../../client/ui/world-panel.ts";
import { LobbyPanel } from "../../../client/ui/lobby-panel.ts";
import { DealBuilder } from "../../../client/ui/deal-builder.ts";
import { ExitTicketBox } from "../../../client/ui/exit-ticket.ts";
import { EventStrip } from "../../../client/ui/event-strip.ts";
import { resultCardBox } from "../../../client/ui/result-card.ts";
import type { ResultCard } from "../../../client/model/result-card.ts";
import { frameRedraw } from "../../../client/ui/press.ts";
import { h, replaceChanged } from "../../../client/ui/dom.ts";
import { epilogueLink } from "../../../client/ui/glossary-links.ts";
import { useCatalog, useNames } from "../../../client/i18n/index.ts";
import { viewNames } from "../../../client/model/names.ts";
import { CodeReveal } from "../../../client/ui/code-reveal.ts";
import { rejoinOption } from "../../../client/ui/rejoin-form.ts";
import { joinRefusal } from "../../../client/net/join-refusal.ts";
import { loadCatalog, type Language } from "../../../client/i18n/languages.ts";
import { mountHowToPlay } from "../../../client/ui/pages/how-to-play.ts";
import { keyKeeper } from "../../../client/ui/key-keeper.ts";
import { GameScreen } from "../../../client/ui/game-screen.ts";
import { EndScreen } from "../../../client/ui/end-screen.ts";

const store = new Store();
/** Every move and command the panel sent, for the test to read; each succeeds, unless a test set a refusal for the next one. */
const sent: unknown[] = [];
let refusal: { code: string; message: string; text?: unknown } | undefined;
const ok = async (request: unknown) => {
  sent.push(request);
  const error = refusal;
  refusal = undefined;
  return error ? { ok: false as const, error } : { ok: true as const };
};
/** What a bot answers to "what would it take?" (none unless a test sets one). */
let askAnswer: unknown = null;
/** What the server answers to a preview (no line unless a test sets the engine's answer). */
let previewAnswer: unknown = { ok: true, lines: [], notes: [] };
/** While set, the server's preview answers wait for it (`holdPreviews`, `releasePreviews`). */
let previewGate: Promise<void> | undefined;
let openGate = () => {};
/** Every preview asked, for the test to read. */
const previews: unknown[] = [];
/** What the server answers to a ruling's preview (no line unless a test sets the engine's answer), and every one asked. */
let rulingAnswer: unknown = { ok: true, lines: [], scores: [], notes: [] };
const rulingPreviews: unknown[] = [];
const ctx = {
  code: "HQ4M9C",
  store,
  conn: { act: ok, facilitator: ok, preview: async (request: unknown) => (previews.push(request), await previewGate, previewAnswer), previewRuling: async (request: unknown) => (rulingPreviews.push(request), rulingAnswer), askBot: async () => ({ ok: true, answer: askAnswer }), myExitTicket: async () => ({ ok: true, answers: null }), exitTicket: ok, need() {}, needRound() {} },
  memory: new SessionMemory(memoryStorage(), memoryStorage()),
  view: () => store.get().view,
  openProfile() {},
  // As the game screen does: the deal builder opens on the terms asked (a bot's line's "Put these terms in the deal builder").
  openBuilder(mode: Parameters<UiContext["openBuilder"]>[0], from?: HTMLElement | null) {
    const view = store.get().view;
    if (!view) return;
    builder = new DealBuilder(ctx);
    builder.open(view, mode, from);
  },
  selectTab() {},
  openChannel() {},
  highlight() {},
} as unknown as UiContext;

let panel: { el: HTMLElement; render(view: ClientView): void } | undefined;
let screen: GameScreen | undefined;
let builder: DealBuilder | undefined;
/** The game screen's redraw (once a frame, never under a pressed control). */
const redraw = frameRedraw(() => panel!.render(store.get().view!));
/** The console's rejoin codes, shown one at a time (the console panel makes one for its parts). */
const codes = new CodeReveal(() => panel!.render(store.get().view!));

/** The tab the game screen would show under the event strip. */
let tab = "country";

const api = {
  sent,
  previews,
  rulingPreviews,
  dom: { h, replaceChanged },
  mount(kind: "deals" | "talks" | "overview" | "matrix" | "rules" | "injects" | "country" | "review" | "world" | "observer" | "exit" | "event" | "lobby", view: ClientView) {
    store.set({ status: "connected", view });
    // The scenario's names, as client/main.ts takes them from each view.
    useNames(viewNames(view));
    const made = {
      deals: () => new DealsPanel(ctx),
      talks: () => new TalksPanel(ctx),
      overview: () => new OverviewSection(ctx, new ActivityLog(), codes),
      matrix: () => new MatrixSection(ctx),
      rules: () => new RulesSection(ctx, codes),
      injects: () => new InjectSection(ctx),
      country: () => new MyCountryPanel(ctx),
      review: () => new ReviewPanel(ctx),
      world: () => new WorldPanel(ctx),
      lobby: () => new LobbyPanel(ctx),
      observer: () => new ObserverPanel(ctx),
      // The end screen's exit ticket, drawn once.
      exit: () => ({ el: new ExitTicketBox(ctx).el, render() {} }),
      // The round's event card under the board, over the tab `openTab` names.
      event: () => {
        const strip = new EventStrip();
        tab = "country";
        return { el: strip.el, render: (v: ClientView) => strip.render(v, tab) };
      },
    }[kind]();
    if (made instanceof TalksPanel) made.visible = true;
    panel = made;
    document.getElementById("host")!.replaceChildren(made.el);
    made.render(view);
  },
  /** Switches the panels' language (a panel mounted next reads in it). */
  async language(lang: Language) {
    useCatalog(await loadCatalog(lang), lang);
  },
  /** The player opens another tab (the event strip is drawn again, as the game screen does). */
  openTab(name: string) {
    tab = name;
    panel?.render(store.get().view!);
  },
  /** The "How to play" page in the catalog's language (`language` first). */
  async howToPlay(scenario?: string) {
    panel = undefined;
    await mountHowToPlay(document.getElementById("host")!, scenario ? { scenario } : {});
  },
  /** The whole game screen (bar, board, tabs), on this view. */
  screen(view: ClientView) {
    panel = undefined;
    // A game screen of its own: the one before stops listening to the store, as the client's
    // router ends a screen it leaves, and the tab it left is not this one's to come back to.
    screen?.destroy();
    ctx.memory = new SessionMemory(memoryStorage(), memoryStorage());
    store.set({ status: "connected", view });
    useNames(viewNames(view));
    screen = new GameScreen(document.getElementById("host")!, ctx);
  },
  /**
   * The end screen alone, in a browser that holds the game's facilitator key (the teacher's
   * laptop), on the projector (/CODE/watch) or not, for a class's table or a game of its own.
   */
  endScreen(view: ClientView, options: { projector: boolean; classTable?: { classCode: string; table: number } }) {
    store.set({ status: "connected", view });
    useNames(viewNames(view));
    const memory = new SessionMemory(memoryStorage(), memoryStorage());
    memory.update(ctx.code, { facilitator: { key: "K".repeat(32) } }, "facilitator");
    const end = new EndScreen({ ...ctx, memory, projector: options.projector, playAgain: async () => ({ ok: true }), ...(options.classTable ? { classTable: options.classTable } : {}) } as UiContext);
    panel = end;
    document.getElementById("host")!.replaceChildren(end.el);
    end.render(view);
  },
  /** The end screen's link to what really happened, alone. */
  epilogue() {
    panel = undefined;
    document.getElementById("host")!.replaceChildren(epilogueLink());
  },
  /** The "I have a rejoin code" form, alone, on a class's or a game's join page; the server refuses every code as one that matches no seat. */
  rejoin(host: { kind: "class" | "game"; teams: boolean }) {
    panel = undefined;
    const refused = async () => ({ ok: false as const, ...joinRefusal("auth/bad_rejoin_code: no seat has that rejoin code") });
    document.getElementById("host")!.replaceChildren(rejoinOption(refused, [{ code: ctx.code, label: ctx.code }], host, "Amira"));
  },
  /** "Keep your facilitator key", alone, as the start page shows it once a game is made. */
  keyKeeper(key: string) {
    panel = undefined;
    document.getElementById("host")!.replaceChildren(keyKeeper({ kind: "game", code: ctx.code, readsPrivate: false }, key, async () => ({ ok: true })));
  },
  /** The end screen's result card (a picture drawn on a canvas), alone. */
  resultCard(card: ResultCard) {
    panel = undefined;
    document.getElementById("host")!.replaceChildren(resultCardBox(card));
  },
  /** The server refuses the next move or command with this error. */
  refuseNext(error: { code: string; message: string; text?: unknown }) {
    refusal = error;
  },
  /** The answer every ruling's preview gets from now on. */
  setRulingPreviewAnswer(answer: unknown) {
    rulingAnswer = answer;
  },
  /** The answer every preview gets from now on. */
  setPreviewAnswer(answer: unknown) {
    previewAnswer = answer;
  },
  /** The answer the next "what would it take?" gets. */
  /** The server's preview answers wait until `releasePreviews`. */
  holdPreviews() {
    previewGate = new Promise((open) => (openGate = open));
  },
  releasePreviews() {
    previewGate = undefined;
    openGate();
  },
  setAskAnswer(answer: unknown) {
    askAnswer = answer;
  },
  /** The server's welcome to this connection, as the connection hands it to the store. */
  welcome(me: NonNullable<ReturnType<Store["get"]>["me"]>) {
    store.set({ me });
  },
  /** A notice from the server (a mute, its lift), as the connection hands it to the store. */
  notice(n: Parameters<Store["notice"]>[0]) {
    store.notice(n);
  },
  /** What this browser remembers having made the game with (a panel mounted next reads it). */
  remember(what: object) {
    ctx.memory.update(ctx.code, what);
  },
  /** The deal builder opened on a new draft of `type`, as the guide's and the deals panel's buttons open it. */
  openBuilder(view: ClientView, type: string) {
    store.set({ status: "connected", view });
    builder = new DealBuilder(ctx);
    builder.open(view, { type } as never);
  },
  /** A state patch: the store, the open deal builder and the panel get the next view, as the game screen does. */
  patch(view: ClientView) {
    store.set({ view });
    useNames(viewNames(view));
    builder?.follow(view);
    panel?.render(view);
  },
  /** A state patch the way the game screen takes it: the redraw comes in the next frame. */
  patchLater(view: ClientView) {
    store.set({ view });
    useNames(viewNames(view));
    redraw.schedule();
  },
};

(window as unknown as { panels: typeof api }).panels = api;
document.body.dataset.ready = "1";
