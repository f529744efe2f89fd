/**
 * The game screen: top bar (code, round, phase, countdown, connection, who I am), the board on
 * the left with its legend and the current event, tabbed HTML panels on the right, and the two
 * dialogs (deal builder, country profile). It subscribes to the store and redraws what is
 * visible once per animation frame.
 */
import { holderRoles, personPlays, seatsDone, type ClientView } from "../../shared/protocol/view.ts";
import type { Message } from "../../shared/engine/types.ts";
import { label, prepareNumbers, render, sentence, t, tn, errorText } from "../i18n/index.ts";
import { country } from "../../shared/engine/text.ts";
import { BOARD_PAST, boardModel, eventKey, legend, projectKey, readingOrder, roundEvents, type ColourBy } from "../model/board.ts";
import { newMessages, newMessageText, messageText, plenaryNews } from "../model/channels.ts";
import { remaining, urgent } from "../model/countdown.ts";
import { doneText, readyLabel } from "../model/lobby.ts";
import { countryName, freshDeclines, freshSignatures, offerNews, pendingForMe } from "../model/deals.ts";
import { clock, ministriesAside } from "../model/format.ts";
import { freshRulings } from "../model/matrix.ts";
import { hex } from "../model/palette.ts";
import type { StoreState } from "../state/store.ts";
import { sentAwayText } from "../net/join-refusal.ts";
import type { BoardHandle } from "../board/board.ts";
import type { Panel, TabId, UiContext } from "./context.ts";
import { MyCountryPanel } from "./country-panel.ts";
import { DealBuilder } from "./deal-builder.ts";
import { announce, clearAnnouncements, h, keepChildren, keepFocus, narrow, NARROW_QUERY, phoneLayout, replace, setAttr, setText, SHORT_BAR_QUERY, STACKED_QUERY, touchOnly } from "./dom.ts";
import { legendFold } from "./fold.ts";
import { glossTree } from "./glossary-links.ts";
import { EventStrip } from "./event-strip.ts";
import { LobbyPanel } from "./lobby-panel.ts";
import { ObserverPanel } from "./observer-panel.ts";
import { ProfileDialog } from "./profile-dialog.ts";
import { ReviewPanel } from "./review-panel.ts";
import { TalksPanel } from "./talks-panel.ts";
import { DealsPanel } from "./deals-panel.ts";
import { WorldPanel } from "./world-panel.ts";
import { LaterPanel } from "./later-panel.ts";
import { loadBoardModule } from "./board-loader.ts";
import { chineseFontReady, languageSwitch } from "./language.ts";
import { Guide } from "./guide.ts";
import { frameRedraw, Settling } from "./press.ts";
import { projectorLink } from "./widgets.ts";
import { onwardPath } from "../model/route.ts";
import { stanceShown } from "../../shared/engine/vocabulary.ts";


type Ctx = Omit<UiContext, "openProfile" | "openBuilder" | "selectTab" | "openChannel" | "highlight" | "view" | "boardShown" | "projector" | "bots" | "eventSeconds">;
type AnyTab = TabId | "end";
/** How long the flash stays: long enough to read a broadcast of a few lines. */
const FLASH_MS = 20_000;
/** How long the plenary has to stay quiet before the lines that came are told (plenaryHeard). */
const PLENARY_QUIET_MS = 1500;

export class GameScreen {
  private root: HTMLElement;
  private bar = h("header", { class: "topbar" });
  private banner = h("div", { class: "banner", role: "status", hidden: true });
  /** What the facilitator just did to everyone or to you (a broadcast, a pause, a move, a mute), over the board's top for a while (clear of the tabs), whichever tab is open. */
  // On a phone it sits just above the tab bar, over the chat's Send button: a tap on it, or on a
  // field to write in (where the keyboard then lifts it), puts it away (client/phone.css).
  private flash = h("div", { class: "flash", id: "flash", role: "status", hidden: true, onclick: () => this.hideFlash() });
  private flashTimer: ReturnType<typeof setTimeout> | undefined;
  /** The flash says the clock was paused or resumed: news of the phase it was said in, put away when the phase changes. */
  private flashIsClock = false;
  private boardBox = h("div", { id: "board", class: "board", tabindex: 0, role: "application", "aria-roledescription": "map", "aria-label": t("board.label") });
  private tooltip = h("div", { class: "map-tooltip", "aria-hidden": "true", hidden: true });
  private legendBox = h("div", { class: "legend", "aria-label": t("board.legend") });
  private eventStrip = new EventStrip();
  private tabsNav = h("div", { class: "tabs", role: "tablist", "aria-label": t("tabs.label") });
  private tabButtons = new Map<AnyTab, { el: HTMLButtonElement; name: Text; count: HTMLSpanElement }>();
  private tabList: AnyTab[] = [];
  private panelBox = h("div", { class: "tabpanel", role: "tabpanel", tabindex: 0, id: "panel" });
  /** Disables every control of the panel at once while the connection is lost (no layout box of its own: styles.css). */
  private fence = h("fieldset", { class: "fence" }, this.panelBox);
  private panels = new Map<AnyTab, Panel>();
  private tab: AnyTab = "country";
  /** A phone's flash sits where the keyboard lifts it over what is being written: writing puts it away. */
  private onFocusIn = (e: FocusEvent) => {
    if (!this.flash.hidden && (e.target instanceof HTMLTextAreaElement || e.target instanceof HTMLInputElement) && phoneLayout()) this.hideFlash();
  };
  /** The page scrolled or resized under a flash shown: it moves off the chat's composer if that came under it. */
  private onScroll = () => this.placeFlash();
  /** The tab open before a reload of this game, restored if the phase still has it (then cleared). */
  private savedTab?: string;
  private builder: DealBuilder;
  private guide: Guide;
  private profile: ProfileDialog;
  private board?: BoardHandle;
  private colourBy: ColourBy = "bloc";
  private ticker: ReturnType<typeof setInterval>;
  private narrowQuery = window.matchMedia(NARROW_QUERY);
  private stackedQuery = window.matchMedia(STACKED_QUERY);
  private shortBarQuery = window.matchMedia(SHORT_BAR_QUERY);
  private onNarrow = () => (this.tick(), this.schedule());
  /** A click or tap outside the open game menu closes it. */
  private onPointerDown = (e: PointerEvent) => {
    const menu = this.bar.querySelector<HTMLDetailsElement>(".game-menu");
    if (menu?.open && e.target instanceof Node && !menu.contains(e.target)) this.closeMenu(menu);
  };
  /** Closed now, and remembered at once: the toggle event comes later, and a redraw of the bar before it opened the menu again. */
  private closeMenu(box: HTMLDetailsElement) {
    this.menuOpen = false;
    box.open = false;
  }
  private unsubscribe: () => void;
  private lastMessage = -1;
  /** The round of the first view: an earlier round's message is history, never news (a broadcast shows when it is sent). */
  private openedRound = 0;
  /** The cards a screen reader has been told of. */
  private announcedEvents = new Set<string>();
  private lastPhase = "";
  /** A new round's event came: the next redraw shows its card (see render). */
  private showNewEvent = false;
  private lastOffers = new Set<string>();
  /** Entered from a control of the page before (Play now, Join, Play again), now gone: the game's title takes the focus once it names the game. */
  private titleFocus: boolean;
  private ctx: UiContext;
  private mode: "player" | "facilitator" | "observer" = "observer";
  private timerText = h("span", { class: "timer", "aria-live": "off" });
  private projector: boolean;
  private markBoardShown!: () => void;

  constructor(root: HTMLElement, base: Ctx, options: { projector?: boolean; bots?: boolean; eventSeconds?: number; takeFocus?: boolean } = {}) {
    this.root = root;
    this.titleFocus = !!options.takeFocus;
    this.projector = !!options.projector;
    // The projector's large type and layout (client/class.css) key off the page, bar included.
    document.documentElement.classList.toggle("projector-mode", this.projector);
    this.savedTab = base.memory.openTab(base.code);
    this.ctx = {
      ...base,
      projector: this.projector,
      bots: options.bots ?? true,
      ...(options.eventSeconds ? { eventSeconds: options.eventSeconds } : {}),
      view: () => base.store.get().view,
      openProfile: (id, from) => {
        const v = base.store.get().view;
        if (v) this.profile.open(v, id, from);
        this.board?.select(id);
      },
      openBuilder: (mode, from) => {
        const v = base.store.get().view;
        if (v) this.builder.open(v, mode, from);
      },
      // A panel's button that opens another tab (the guide's "Open Deals") shows it as a tab's press does.
      selectTab: (tab, focus) => {
        this.selectTab(tab, focus);
        this.bringPanelIntoView();
      },
      openChannel: (id) => {
        this.selectTab("talks");
        this.bringPanelIntoView();
        (this.panels.get("talks") as TalksPanel).select(id);
      },
      highlight: (id) => this.board?.highlight(id),
      boardShown: new Promise<void>((r) => (this.markBoardShown = r)),
    };
    // The number formats (their first use costs 15–60 ms) are made once the board is on screen, if nothing needed them sooner.
    void this.ctx.boardShown.then(() => setTimeout(prepareNumbers));
    this.builder = new DealBuilder(this.ctx);
    this.guide = new Guide(this.ctx);
    this.profile = new ProfileDialog(this.ctx);
    const lobby = new LobbyPanel(this.ctx);
    this.panels.set("lobby", lobby);
    this.panels.set("country", new MyCountryPanel(this.ctx));
    this.panels.set("talks", new TalksPanel(this.ctx));
    this.panels.set("deals", new DealsPanel(this.ctx));
    this.panels.set("review", new ReviewPanel(this.ctx));
    this.panels.set("world", new WorldPanel(this.ctx));
    this.panels.set("console", new LaterPanel(() => import("./console/console-panel.ts").then(({ ConsolePanel }) => new ConsolePanel(this.ctx)), this.ctx.view));
    this.panels.set("table", new ObserverPanel(this.ctx));
    this.panels.set("end", new LaterPanel(() => import("./end-screen.ts").then(({ EndScreen }) => new EndScreen(this.ctx)), this.ctx.view));
    this.prepareLaterPanels(base.store.get().view);

    const zoom = (d: number) => () => this.board?.zoom(d);
    const colourToggle = h(
      "div",
      { class: "colour-by", role: "radiogroup", "aria-label": t("board.colourBy") },
      h("span", { class: "muted small" }, t("board.colourBy"), t("misc.colon")),
      ...(["bloc", "stance"] as ColourBy[]).map((c) =>
        h("button", { type: "button", role: "radio", class: "chip", id: `colour-${c}`, "aria-checked": String(c === this.colourBy), onclick: () => this.setColour(c) }, t(`board.colourBy.${c}`)),
      ),
    );
    replace(
      root,
      h("a", { href: "#panel", class: "skip" }, t("app.skip")),
      this.bar,
      this.banner,
      h(
        "main",
        { id: "main", class: `game${this.projector ? " projector" : ""}` },
        h(
          "section",
          { class: "board-col", "aria-label": t("board.column") },
          h(
            "div",
            { class: "board-wrap" },
            this.boardBox,
            this.tooltip,
            this.flash,
            h(
              "div",
              { class: "map-controls" },
              h("button", { type: "button", id: "map-zoom-in", "aria-label": t("board.zoomIn"), title: t("board.zoomIn"), onclick: zoom(1) }, "+"),
              h("button", { type: "button", id: "map-zoom-out", "aria-label": t("board.zoomOut"), title: t("board.zoomOut"), onclick: zoom(-1) }, "−"),
              h("button", { type: "button", id: "map-reset", "aria-label": t("board.reset"), title: t("board.reset"), onclick: () => this.board?.reset() }, "⟲"),
            ),
          ),
          legendFold(this.legendBox, colourToggle),
          this.guide.el,
          this.eventStrip.el,
        ),
        h("section", { class: "side" }, this.tabsNav, this.fence),
      ),
      h("p", { class: "sr-only keys-hint", id: "board-keys" }, t("board.keys")),
    );
    // A screen reader on a phone is not told of keys it has none of (a description is read even from a hidden element).
    if (!touchOnly()) this.boardBox.setAttribute("aria-describedby", "board-keys");
    // Entered from a form further down the start page: the game starts at the top bar.
    window.scrollTo(0, 0);
    this.unsubscribe = base.store.subscribe((s, prev) => this.changed(s, prev));
    this.ticker = setInterval(() => this.tick(), 500);
    // The clock's words depend on the width (a phone shows "4:52" alone): a phone turned upright
    // gets the short form at once, not at the next tick, which left the bar too wide for it; and
    // a tablet turned upright or on its side folds or unfolds the event card and the guide
    // (client/ui/event-strip.ts, client/ui/guide.ts); a phone turned either way, the guide names
    // the ready button as the bar now shows it.
    this.narrowQuery.addEventListener("change", this.onNarrow);
    this.stackedQuery.addEventListener("change", this.onNarrow);
    this.shortBarQuery.addEventListener("change", this.onNarrow);
    document.addEventListener("pointerdown", this.onPointerDown, true);
    document.addEventListener("focusin", this.onFocusIn);
    window.addEventListener("scroll", this.onScroll, { passive: true });
    window.addEventListener("resize", this.onScroll);
    void this.loadBoard();
    this.schedule();
  }

  destroy() {
    this.markBoardShown();
    document.documentElement.classList.remove("projector-mode");
    this.unsubscribe();
    clearInterval(this.ticker);
    clearTimeout(this.plenaryTimer);
    this.narrowQuery.removeEventListener("change", this.onNarrow);
    this.stackedQuery.removeEventListener("change", this.onNarrow);
    this.shortBarQuery.removeEventListener("change", this.onNarrow);
    document.removeEventListener("pointerdown", this.onPointerDown, true);
    document.removeEventListener("focusin", this.onFocusIn);
    window.removeEventListener("scroll", this.onScroll);
    window.removeEventListener("resize", this.onScroll);
    clearTimeout(this.readySettle);
    this.redraw.cancel();
    this.board?.destroy();
    this.builder.dialog.remove();
    this.profile.dialog.remove();
    void this.rules?.then((dialog) => dialog.remove(), () => undefined);
  }

  private async loadBoard() {
    try {
      const [{ createBoard }] = await Promise.all([loadBoardModule(), chineseFontReady()]);
      this.board = await createBoard(this.boardBox, {
        onHover: (id, x, y) => this.hover(id, x, y),
        onSelect: (id, from) => this.ctx.openProfile(id, from ?? this.boardBox),
        keepClear: () => this.mapControlsBox(),
        onCard: (box) => {
          this.cardBox = box;
          this.placeFlash();
        },
      });
      this.schedule();
      // The next task runs after that frame is painted.
      void this.board.firstFrame.then(() => setTimeout(this.markBoardShown));
    } catch (e) {
      console.error(e);
      replace(this.boardBox, h("p", { class: "board-fallback" }, t("board.unavailable")));
      this.markBoardShown();
    }
  }

  /** Where the zoom buttons cover the map, in the board's own pixels (labels keep clear of it). */
  private mapControlsBox() {
    const controls = this.root.querySelector(".map-controls");
    if (!controls) return [];
    const b = this.boardBox.getBoundingClientRect();
    const r = controls.getBoundingClientRect();
    return r.width ? [{ x0: r.left - b.left - 4, y0: r.top - b.top - 4, x1: r.right - b.left + 4, y1: r.bottom - b.top + 4 }] : [];
  }

  private hover(id: string | undefined, x: number, y: number) {
    const view = this.ctx.view();
    const c = id ? view?.countries.find((k) => k.id === id) : undefined;
    if (!c) {
      this.tooltip.hidden = true;
      return;
    }
    replace(this.tooltip, h("strong", {}, c.name), h("span", {}, `${label("bloc", c.bloc)} · ${label("stance", stanceShown(c))}`));
    this.tooltip.hidden = false;
    const box = this.boardBox.getBoundingClientRect();
    const w = this.tooltip.offsetWidth;
    this.tooltip.style.left = `${Math.min(Math.max(0, x + 14), box.width - w - 4)}px`;
    this.tooltip.style.top = `${Math.max(0, y - 10)}px`;
  }

  private setColour(c: ColourBy) {
    this.colourBy = c;
    for (const b of this.root.querySelectorAll<HTMLElement>(".colour-by [role=radio]")) b.setAttribute("aria-checked", String(b.id === `colour-${c}`));
    this.schedule();
  }

  private changed(s: StoreState, prev: StoreState) {
    if (s.status !== prev.status || s.error !== prev.error || s.elsewhere !== prev.elsewhere || s.sentAway !== prev.sentAway || s.movedTo !== prev.movedTo) this.renderBanner(s);
    if (s.notices !== prev.notices && s.notices.length) this.showFlash(render(s.notices[s.notices.length - 1]!.text));
    if (s.view && s.view !== prev.view) this.announceChanges(s.view, prev.view);
    if (s.view !== prev.view) this.prepareLaterPanels(s.view);
    this.schedule();
  }

  /** The console's code loads for the facilitator alone, the end screen's from the last round on (client/ui/later-panel.ts). */
  private prepareLaterPanels(view: ClientView | undefined) {
    if (!view) return;
    if (view.viewer.kind === "facilitator") (this.panels.get("console") as LaterPanel).prepare();
    if (view.phase === "ended" || view.round >= view.settings.rounds) (this.panels.get("end") as LaterPanel).prepare();
  }

  private renderBanner(s: StoreState) {
    const text =
      s.sentAway ? sentAwayText(s.sentAway, s.movedTo) : s.status === "reconnecting" ? t("conn.reconnecting") : s.status === "lost" ? `${t("conn.lost")} ${s.error ?? ""}` : s.status === "connecting" ? t("conn.connecting") : s.status === "closed" ? t("conn.gameClosed") : "";
    this.banner.hidden = !text;
    this.banner.className = `banner ${s.status}`;
    // Nothing typed or pressed here reaches the game while it is lost; a seat another device took
    // is taken back only on purpose, by the banner's button that says so.
    this.fence.disabled = s.status === "lost";
    // Removed from the class: nothing to reconnect to; the front page takes the class's code.
    // Moved to another table: the class's page (its join page) takes them on to their new seat at once.
    const classPage = this.ctx.classTable ? onwardPath(this.ctx.classTable.classCode) : "/";
    const action = s.sentAway === "moved" ? h("a", { class: "retry button", href: classPage, id: "conn-new-table" }, t("conn.toNewTable")) : s.sentAway ? h("a", { class: "retry button", href: "/" }, t("conn.toFront")) : s.status === "lost" ? h("button", { type: "button", class: "retry", onclick: () => window.location.reload() }, t(s.elsewhere ? "conn.takeBack" : "conn.retry")) : null;
    replace(this.banner, text, action);
    if (s.status === "reconnecting" || s.status === "lost" || s.status === "closed") announce(text, true);
  }

  /** Shows a line in the flash for twenty seconds (a newer one replaces it) and tells a screen reader. */
  private showFlash(text: string, clock = false) {
    this.flashIsClock = clock;
    announce(text);
    this.flash.textContent = text;
    this.flash.hidden = false;
    this.placeFlash();
    clearTimeout(this.flashTimer);
    this.flashTimer = setTimeout(() => this.hideFlash(), FLASH_MS);
  }

  /**
   * A phone's flash sits above the tab bar (client/phone.css), where the page brings what the
   * player is about to press: the chat's composer and its Send button when they write, a deal
   * card's buttons (Sign, Decline, …) when they read their offers. It never covers one of those, nor
   * the ready button's question under the top bar:
   * over one it goes to the top of the screen, under the top bar and the banner; when one is there
   * too, just above the lowest of them that leaves it clear of all. With no such place on the
   * screen it waits unseen (a screen reader was told) until a scroll makes room; it comes back
   * down once what it would cover has scrolled away.
   */
  private placeFlash() {
    if (this.flash.hidden) return;
    this.flash.classList.remove("flash-top", "flash-waiting");
    this.flash.style.top = "";
    this.flash.style.bottom = "";
    if (!phoneLayout()) return this.liftFlashOffCard();
    const controls = [...this.root.querySelectorAll<HTMLElement>(".composer, .deal .actions, .ready-ask")].map((c) => c.getBoundingClientRect()).filter((r) => r.height > 0);
    const home = this.flash.getBoundingClientRect();
    const covers = (top: number) => controls.some((r) => top < r.bottom && r.top < top + home.height && home.left < r.right && r.left < home.right);
    if (!covers(home.top)) return;
    const GAP = 8;
    const ceiling = Math.max(0, (this.banner.hidden ? this.bar : this.banner).getBoundingClientRect().bottom) + GAP;
    const above = controls.map((r) => r.top - GAP - home.height).sort((a, b) => b - a);
    const top = [ceiling, ...above].find((y) => y >= ceiling && y <= home.top && !covers(y));
    if (top === undefined) return this.flash.classList.add("flash-waiting");
    this.flash.classList.add("flash-top");
    this.flash.style.top = `${top}px`;
  }

  /** The board's event card while it rests on the board (canvas CSS pixels), from the board. */
  private cardBox?: { x: number; y: number; w: number; h: number };

  /**
   * Over the board (a projector's flash at its foot, client/class.css), a flash that would cover the
   * round's event card while it rests there sits just above the card instead; it goes back down
   * when the card leaves.
   */
  private liftFlashOffCard() {
    const card = this.cardBox;
    if (!card) return;
    const wrap = this.flash.offsetParent as HTMLElement | null;
    if (!wrap) return;
    const at = wrap.getBoundingClientRect();
    const board = this.boardBox.getBoundingClientRect();
    const c = { left: board.left + card.x, right: board.left + card.x + card.w, top: board.top + card.y, bottom: board.top + card.y + card.h };
    const f = this.flash.getBoundingClientRect();
    if (!(f.top < c.bottom && c.top < f.bottom && f.left < c.right && c.left < f.right)) return;
    // Only a flash at the board's foot moves up (a laptop's hangs from the board's top).
    if (f.bottom < at.top + at.height / 2) return;
    this.flash.style.bottom = `${Math.max(0, at.bottom - c.top + 8)}px`;
  }

  private hideFlash() {
    clearTimeout(this.flashTimer);
    this.flashIsClock = false;
    this.flash.hidden = true;
  }

  private announceChanges(view: ClientView, prev?: ClientView) {
    // Game over: a notice from the game (a broadcast, a pause) leaves the end screen's top; one sent with the end still shows.
    if (prev && view.phase === "ended" && prev.phase !== "ended") this.hideFlash();
    // A new phase: what the live regions said belongs to the one before ("Offers for you: A40" stayed
    // readable on the end screen); this render's announcements start them again.
    if (this.lastPhase && this.lastPhase !== `${view.round}:${view.phase}`) clearAnnouncements();
    const first = this.lastMessage < 0;
    if (first) this.openedRound = view.round;
    const lastId = Math.max(this.lastMessage, ...view.messages.map((m) => m.id), 0);
    if (!first) {
      const fresh = newMessages(view, this.lastMessage, this.openedRound);
      // The facilitator's broadcast is shown to everyone else whichever tab they are on.
      const broadcast = view.viewer.kind === "facilitator" ? undefined : fresh.findLast((m) => view.channels.find((c) => c.id === m.channel)?.kind === "broadcast");
      if (broadcast) this.showFlash(t("flash.broadcast", { text: messageText(broadcast) }));
      // Plenary lines wait for a pause in them and are told together (plenaryNews); the others are to me, and told at once.
      const plenary = fresh.filter((m) => m !== broadcast && view.channels.find((c) => c.id === m.channel)?.kind === "plenary");
      const mine = fresh.filter((m) => m !== broadcast && !plenary.includes(m));
      if (mine.length > 3) announce(t("talks.unread.other", { count: mine.length }));
      else for (const m of mine) announce(`${newMessageText(view, m)}${t("misc.colon")}${messageText(m)}`);
      if (plenary.length) this.plenaryHeard(view, plenary);
    }
    this.lastMessage = lastId;
    // A new phase (the review, the next round's event): "paused" or "goes on" was about the one
    // before, and would stay up its twenty seconds over the review on the projector.
    if (this.flashIsClock && this.lastPhase && this.lastPhase !== `${view.round}:${view.phase}`) this.hideFlash();
    if (prev && view.paused !== prev.paused && view.phase !== "ended" && view.phase !== "lobby" && view.viewer.kind !== "facilitator") this.showFlash(t(view.paused ? "flash.paused" : "flash.resumed"), true);
    const ruled = freshRulings(prev, view);
    if (ruled.length) this.showFlash(ruled.join(" "));
    const phaseKey = `${view.round}:${view.phase}`;
    if (phaseKey !== this.lastPhase) {
      if (this.lastPhase) announce(t("misc.phaseNow", { phase: label("phase.title", view.phase), round: view.round }), true);
      // A reload comes back on the tab it left, when this phase still has it.
      const saved = this.lastPhase ? undefined : this.savedTab;
      this.savedTab = undefined;
      if (saved && this.tabsFor(view).includes(saved as AnyTab)) this.selectTab(saved as AnyTab);
      // The end screen comes first when the game ends, and when a finished game is (re)opened. A
      // focus on the ready button (gone with the review) or in the panel (replaced) would fall to
      // the page: it goes to the "Game over" tab, from which Tab enters the end screen.
      if (view.phase === "ended") this.selectTab("end", !!this.lastPhase && this.focusLeaves());
      if (view.phase === "review" && this.lastPhase && (this.tab === "country" || this.tab === "deals")) this.selectTab("review");
      // And back: a player still on the review when the next round begins sees their country, which its event just changed
      // (a round with no card begins with the negotiation: docs/RULES.md §2).
      const nextRound = !!this.lastPhase && !this.lastPhase.startsWith(`${view.round}:`) && (view.phase === "event" || view.phase === "negotiation");
      if (nextRound && this.tab === "review" && view.viewer.kind === "seat") this.selectTab("country");
      if (view.phase === "event" && this.lastPhase) this.showNewEvent = true;
      this.lastPhase = phaseKey;
    }
    // Several cards at once (a control-cell script): a screen reader hears the earliest, as the strip shows it, and how many came with it.
    const fresh = readingOrder(roundEvents(view.events)).filter((e) => !this.announcedEvents.has(eventKey(e)));
    if (fresh.length) {
      const ev = fresh[0]!;
      if (this.announcedEvents.size || (prev && prev.events.length < view.events.length))
        announce(`${t("misc.newEvent", { title: ev.title, text: ev.text })}${fresh.length > 1 ? t("misc.aside", { text: t("event.andMore", { count: fresh.length - 1 }) }) : ""}`);
      for (const e of fresh) this.announcedEvents.add(eventKey(e));
    }
    const pending = pendingForMe(view);
    for (const a of pending) if (!this.lastOffers.has(`${a.id}:${a.revision}`) && prev) announce(offerNews(view, a));
    this.lastOffers = new Set(pending.map((a) => `${a.id}:${a.revision}`));
    // My country's own offers answered, in the flash (which a screen reader is told too): "Japan
    // declined A21: “…”", "China signed A16." — whichever tab is open, and to the minister who proposed it.
    const answered = [...freshDeclines(prev, view), ...freshSignatures(prev, view)];
    if (answered.length) this.showFlash(answered.join(" "));
  }

  private plenaryLines: Message[] = [];
  private plenaryTimer: ReturnType<typeof setTimeout> | undefined;
  /**
   * Plenary lines are told once none has come for `PLENARY_QUIET_MS`: a burst (every bot's opening
   * line of a negotiation, a move every few hundred ms) is one announcement, a line alone is read whole.
   */
  private plenaryHeard(view: ClientView, lines: Message[]) {
    this.plenaryLines.push(...lines);
    clearTimeout(this.plenaryTimer);
    this.plenaryTimer = setTimeout(() => {
      const v = this.ctx.view() ?? view;
      announce(plenaryNews(v, this.plenaryLines.splice(0)));
    }, PLENARY_QUIET_MS);
  }

  /** Whether the focus is where a new phase takes it away: the ready button, the panel, or already nowhere. */
  private focusLeaves(): boolean {
    const at = document.activeElement;
    return !at || at === document.body || at.id === "ready" || this.panelBox.contains(at);
  }

  /** One render a frame at most, and none under a control being pressed (client/ui/press.ts). */
  private readonly redraw = frameRedraw(() => this.render());
  private schedule() {
    this.redraw.schedule();
  }

  private tabsFor(view: ClientView): AnyTab[] {
    const v = view.viewer;
    const tabs: AnyTab[] = [];
    if (view.phase === "ended") tabs.push("end");
    if (view.phase === "lobby" || (v.kind === "observer" && this.mode === "player")) tabs.push("lobby");
    if (v.kind === "seat") tabs.push("country", "talks", "deals", "review", "world");
    else if (v.kind === "facilitator") tabs.push("console", "talks", "deals", "review", "world");
    else if (this.mode === "player") tabs.push("world");
    else tabs.push("table", "talks", "deals", "review", "world");
    // Before the first round there are no deals to list and nothing to review.
    const idle: AnyTab[] = view.phase === "lobby" ? ["deals", "review", "table"] : [];
    return [...new Set(tabs)].filter((x) => !idle.includes(x));
  }

  /**
   * On a phone the panel sits under the map: a tab opens at its top, right under the sticky bar
   * (and the banner stuck below it), with nothing of the event card above it peeking out between.
   * The panel is left where it is when its top already shows in the upper half of the screen.
   */
  private bringPanelIntoView() {
    if (!narrow()) return;
    requestAnimationFrame(() => {
      const below = this.panelBelowBars();
      if (below < 16 || this.panelBox.getBoundingClientRect().top > window.innerHeight / 2) window.scrollBy(0, below);
    });
  }

  /** How far the panel's top is below the top bar and the banner under it (negative: on a phone, scrolled under them). */
  private panelBelowBars(): number {
    const covered = this.banner.hidden ? this.bar : this.banner;
    return this.panelBox.getBoundingClientRect().top - covered.getBoundingClientRect().bottom;
  }

  selectTab(tab: AnyTab, focus = false) {
    this.tab = tab;
    this.ctx.memory.saveOpenTab(this.ctx.code, tab);
    this.schedule();
    if (focus) requestAnimationFrame(() => document.getElementById(`tab-${tab}`)?.focus());
  }

  private render() {
    const s = this.ctx.store.get();
    const view = s.view;
    this.mode = s.me?.kind ?? "observer";
    this.renderBar(s);
    if (!view) {
      replace(this.panelBox, h("p", {}, t("conn.connecting")));
      return;
    }
    this.builder.follow(view);
    const tabs = this.tabsFor(view);
    if (!tabs.includes(this.tab)) this.tab = tabs[0]!;
    this.renderTabs(view, tabs);
    const talks = this.panels.get("talks") as TalksPanel;
    talks.visible = this.tab === "talks";
    const panel = this.panels.get(this.tab)!;
    panel.render(view);
    // Every glossary term in the panel links to its entry (chat is people's own words).
    if (this.tab !== "talks") glossTree(panel.el);
    if (this.panelBox.firstChild !== panel.el) {
      // Each tab keeps its own place in the panel (the box they share would hand the last one's on).
      if (this.shownTab) this.scrolls.set(this.shownTab, this.panelBox.scrollTop);
      replace(this.panelBox, panel.el);
      this.panelBox.scrollTop = this.scrolls.get(this.tab) ?? 0;
      // Where the page itself scrolls (a phone), the end screen opens at its top, below the bar.
      const above = this.panelBelowBars();
      if (this.tab === "end" && above < 0) window.scrollBy(0, above);
      this.shownTab = this.tab;
      panel.shown?.();
    }
    this.panelBox.setAttribute("aria-labelledby", `tab-${this.tab}`);
    if (this.profile.isOpen) this.profile.render(view);
    this.renderBoard(view);
    this.eventStrip.render(view, this.tab);
    this.guide.render(view, this.tab);
    // Where the page itself scrolls (a phone), a new round's event card sat above the screen when
    // the player had read down the review: the page goes back to its top, the map and the card.
    if (this.showNewEvent) {
      this.showNewEvent = false;
      if (this.eventStrip.el.getBoundingClientRect().top < this.bar.getBoundingClientRect().bottom) window.scrollTo(0, 0);
    }
    this.root.querySelector(".game")?.classList.toggle("ended", view.phase === "ended");
    // The waiting room: on the projector its join screen takes more of the width (client/class.css).
    this.root.querySelector(".game")?.classList.toggle("lobby", view.phase === "lobby");
    this.root.querySelector(".game")?.classList.toggle("console-wide", this.tab === "console");
    // The panel drawn again may have moved a deal's buttons under the flash, or out from under it.
    this.placeFlash();
  }

  private renderTabs(view: ClientView, tabs: AnyTab[]) {
    const talks = this.panels.get("talks") as TalksPanel;
    // "Unread" means nothing on a room's screen that nobody reads as theirs: the projector counts none.
    const unread = this.projector ? 0 : talks.unread(view);
    const offers = pendingForMe(view).length;
    const pendingRulings = view.viewer.kind === "facilitator" ? (view.matrix ?? []).filter((m) => m.status === "pending").length : 0;
    const names: Record<AnyTab, string> = {
      lobby: t("lobby.title"),
      country: view.viewer.kind === "seat" ? countryName(view, view.viewer.seat) : t("tab.country"),
      talks: t("tab.talks"),
      deals: t("tab.deals"),
      review: t("tab.review"),
      world: t("tab.world"),
      console: t("tab.console"),
      table: t("tab.table"),
      end: t("end.title"),
    };
    const badge: Partial<Record<AnyTab, number>> = { talks: unread, deals: offers, country: offers, console: pendingRulings };
    this.tabList = tabs;
    // Each tab's button is made once and updated in place: a bar rebuilt on every state patch
    // detached the button under a click or tap, and the click was lost.
    const buttons = tabs.map((tab) => {
      const b = this.tabButtons.get(tab) ?? this.makeTabButton(tab);
      const selected = tab === this.tab;
      setAttr(b.el, "aria-selected", String(selected));
      setAttr(b.el, "tabindex", selected ? "0" : "-1");
      if (b.el.className !== (selected ? "tab selected" : "tab")) b.el.className = selected ? "tab selected" : "tab";
      setText(b.name, names[tab]);
      const n = badge[tab] ?? 0;
      if (n) {
        setText(b.count, String(n));
        // Read after the tab's name: "Talks (3)", "会谈（3）".
        setAttr(b.count, "aria-label", t("misc.aside", { text: n }));
        if (b.count.parentNode !== b.el) b.el.append(b.count);
      } else b.count.remove();
      return b.el;
    });
    keepChildren(this.tabsNav, buttons);
  }

  private makeTabButton(tab: AnyTab) {
    const name = document.createTextNode("");
    const count = h("span", { class: "count" });
    const el = h("button", { type: "button", role: "tab", id: `tab-${tab}`, "aria-controls": "panel" }, h("span", { class: "tab-name" }, name));
    el.addEventListener("click", () => {
      this.selectTab(tab);
      this.bringPanelIntoView();
    });
    el.addEventListener("keydown", (e) => {
      const tabs = this.tabList;
      const i = tabs.indexOf(tab);
      const next = e.key === "ArrowRight" ? tabs[(i + 1) % tabs.length] : e.key === "ArrowLeft" ? tabs[(i - 1 + tabs.length) % tabs.length] : e.key === "Home" ? tabs[0] : e.key === "End" ? tabs[tabs.length - 1] : undefined;
      if (next) {
        e.preventDefault();
        this.selectTab(next, true);
      }
    });
    const b = { el, name, count };
    this.tabButtons.set(tab, b);
    return b;
  }

  private renderBar(s: StoreState) {
    const view = s.view;
    const me = s.me;
    // What I can do at my seat: the bar says it short, the menu and the bar's tooltip in full.
    const acting = (short: boolean) => {
      if (me?.kind !== "player" || !me.seat) return "";
      const holders = view?.seats.find((x) => x.id === me.seat)?.holders.map((x) => holderRoles(x.roles));
      return ministriesAside(view?.settings.teams, me.roles, holders, short);
    };
    const whoIn = (short: boolean) =>
      me?.kind === "facilitator"
        ? t("bar.facilitator")
        : me?.kind === "player" && me.seat
          ? `${me.name} · ${view ? countryName(view, me.seat) : me.seat}${acting(short)}`
          : me?.kind === "player"
            ? me.name
            : me?.kind === "observer"
              ? me.name
                ? `${me.name} · ${t("bar.observer")}`
                : t("bar.observer")
              : t("conn.connecting"); // the server has not said who we are yet: not "Observer" to a player
    const who = whoIn(false);
    const whoShort = whoIn(true);
    const seat = view?.viewer.kind === "seat" ? view.viewer.seat : undefined;
    const ready = !!seat && view!.ready.includes(seat);
    const phase = view?.phase;
    const shown = !!seat && (phase === "event" || phase === "negotiation" || phase === "review");
    // Offers still waiting on me lapse unanswered once every seat is done (docs/RULES.md §3, "Life
    // of a deal"): the first press says so under the bar, and the button asks for one more.
    const phaseKey = shown ? `${view!.round}:${phase}` : "";
    const waiting = shown && phase === "negotiation" && !ready ? pendingForMe(view!) : [];
    // Nothing waits any more (answered, withdrawn, a teammate pressed it): a later offer does not bring the question back by itself.
    if (!waiting.length) this.readyAsk = "";
    const asking = waiting.length > 0 && this.readyAsk === phaseKey;
    // The button says "go on" in the event and "I'm done negotiating" in the same place a moment
    // later, or "Done anyway" once it asks: a tap aimed at the old meaning must not press the new one, so it waits a moment.
    const settleMs = this.readySettling.left(asking ? `${phaseKey}:ask` : phaseKey);
    const settling = settleMs > 0;
    const askText = asking ? tn("bar.ready.ask", waiting.length) : "";
    const readyLong = shown ? (ready ? sentence("bar.ready.on", { country: country(seat!) }) : asking ? t("bar.ready.anyway") : readyLabel(view!)) : "";
    const readyShort = shown ? (ready ? t("bar.ready.on.short") : asking ? t("bar.ready.anyway.short") : readyLabel(view!, true)) : "";
    // Kept across the bar's redraws while it means the same (another seat done, a crisis, a
    // reconnection redraw the bar): a button replaced between a finger's press and its lift loses the tap.
    const readySig = shown ? JSON.stringify([phaseKey, ready, asking, settling, waiting.length > 0, s.status === "lost", readyLong, readyShort]) : "";
    const readyButton = !shown
      ? null
      : this.readyKept?.sig === readySig
        ? this.readyKept.el
        : h(
          "button",
          {
            type: "button",
            id: "ready",
            // No connection (the seat held on another device, say): pressing it would do nothing.
            disabled: s.status === "lost",
            // Not `disabled` while it settles: a disabled button cannot hold the focus, and the
            // keyboard user who pressed "I'm done negotiating" found it on the page when the review came.
            "aria-disabled": settling ? "true" : undefined,
            class: ready ? "ready on" : asking ? "ready asking" : "ready",
            "aria-pressed": String(ready),
            "aria-label": readyLong,
            "aria-describedby": asking ? "ready-ask-text" : undefined,
            onclick: async () => {
              if (settling) return;
              if (waiting.length && !asking) {
                this.readyAsk = phaseKey;
                announce(tn("bar.ready.ask", waiting.length));
                return this.schedule();
              }
              this.readyAsk = "";
              const reply = await this.ctx.conn.act({ type: "ready", ready: !ready, phase });
              if (!reply.ok) announce(errorText(reply.error), true);
            },
            onkeydown: (e: Event) => this.keepNegotiatingOnEscape(e as KeyboardEvent, asking),
          },
          // Done, it says so and how to take it back: at a table of teams a second minister who
          // pressed it too, to say the same, took the country's "done" back.
          ready ? "✔ " : null,
          h("span", { class: "long" }, readyLong),
          h("span", { class: "short", "aria-hidden": "true" }, readyShort),
        );
    this.readyKept = readyButton ? { sig: readySig, el: readyButton } : undefined;
    // Under the bar, next after the button for the keyboard: why it asks, and the way to the offers or back.
    const askBox = asking
      ? h(
          "div",
          { class: "ready-ask", id: "ready-ask", onkeydown: (e: Event) => this.keepNegotiatingOnEscape(e as KeyboardEvent, true) },
          h("p", { id: "ready-ask-text" }, askText),
          h(
            "div",
            { class: "actions" },
            h("button", { type: "button", class: "primary", id: "ready-ask-show", onclick: () => this.showWaiting(waiting[0]!.id) }, t("bar.ready.ask.show")),
            h("button", { type: "button", id: "ready-ask-keep", onclick: () => this.keepNegotiating() }, t("bar.ready.ask.keep")),
          ),
        )
      : null;
    const done = view ? seatsDone(view.seats) : { count: 0, total: 0 };
    // Redrawn only when something in it changed: a button replaced under a finger loses the tap.
    // A table of a class names its table to everyone; its console links back to the class.
    const table = this.ctx.classTable;
    const signature = JSON.stringify([s.status, s.sentAway, s.movedTo, who, whoShort, readySig, askText, done, table, view && [view.code, view.round, view.settings.rounds, view.phase, view.crisis, view.scenario.title]]);
    if (signature === this.barSignature) return this.tick();
    this.barSignature = signature;
    clearTimeout(this.readySettle);
    if (settling) this.readySettle = setTimeout(() => this.renderBar(this.ctx.store.get()), settleMs);
    // A student the teacher removed from the class, or moved to another table, is not connected and will not be here: the bar says why.
    const connLabel = s.sentAway ? sentAwayText(s.sentAway, s.movedTo, true) : label("conn", s.status);
    const gameName = view ? (table ? t("bar.classTable", { table: table.table, code: view.code }) : t("bar.code", { code: view.code })) : "";
    const barNodes: (Element | null | false | undefined)[] = [
      h("h1", { class: "brand", id: "game-title", tabindex: -1 }, t("app.title"), view ? h("span", { class: "sr-only" }, ` · ${gameName}`) : null),
      table && this.mode === "facilitator" ? h("a", { href: `/class/${table.classCode}`, id: "bar-class-back", class: "class-back" }, t("bar.backToClass")) : null,
      // Only the code itself in a fixed-width face: Chinese words in one are set a full width apart.
      view ? h("span", { class: "code", title: gameName }, ...gameName.split(view.code).flatMap((part, i) => (i ? [h("span", { class: "code-id" }, view.code), part] : [part]))) : null,
      // A phone hides the code; a student placed by a class still sees which table they are at.
      view && table ? h("span", { class: "table-name", "aria-hidden": "true" }, t("bar.table", { table: table.table })) : null,
      view ? h("span", { class: "scenario" }, `${view.scenario.title}`) : null,
      view && view.round ? h("span", { class: "round" }, h("span", { class: "long" }, t("bar.round", { round: view.round, rounds: view.settings.rounds })), h("span", { class: "short", "aria-hidden": "true" }, t("bar.round.short", { round: view.round, rounds: view.settings.rounds }))) : null,
      view ? h("span", { class: `phase phase-${view.phase}` }, label("phase.title", view.phase)) : null,
      this.timerText,
      view?.crisis ? h("span", { class: "crisis" }, t("bar.crisis")) : null,
      // The room's screen says how many are done, not how the phase ends (the facilitator ends it):
      // in its large type "· the clock ends the phase" left the scenario's name "Allia…".
      view && view.phase === "negotiation" ? h("span", { class: "small muted readycount" }, doneText(done, this.projector || personPlays(view.seats))) : null,
      h("span", { class: "spacer" }),
      readyButton,
      askBox,
      h("span", { class: "who", ...(whoShort === who ? {} : { title: who }) }, whoShort),
      h("span", { class: `conn conn-${s.status}${s.sentAway ? " conn-removed" : ""}`, title: connLabel }, h("span", { class: "dot", "aria-hidden": "true" }), h("span", { class: "sr-only" }, connLabel)),
      this.menu(view, who, gameName),
    ];
    // The nodes kept (the ready button, the timer) stay where they are; the rest are put around them.
    keepFocus(this.bar, () => keepChildren(this.bar, barNodes.filter((n): n is Element => !!n)));
    if (this.titleFocus && view) {
      this.titleFocus = false;
      // Unless the player has already put it somewhere (the page loads the board meanwhile).
      const at = document.activeElement;
      if (!at || at === document.body) document.getElementById("game-title")?.focus({ preventScroll: true });
    }
    // Just under the bar, wherever the page put it (client/styles.css places it under a bar at the top).
    if (askBox) askBox.style.top = `${Math.max(0, this.bar.getBoundingClientRect().bottom) + 2}px`;
    // Over the side panel beside the map it would cover the panel's first controls ("Propose a
    // deal", the tabs): the panel moves down by its height while it is open (client/styles.css).
    this.root.style.setProperty("--ready-ask", askBox ? `${askBox.getBoundingClientRect().height + 4}px` : "0px");
    this.tick();
  }

  /** The round and phase ("2:negotiation") in which the ready button asks before marking done with offers waiting on me. */
  private readyAsk = "";
  /** The player keeps negotiating: the ready button asks no more, and has the focus again. */
  private keepNegotiating() {
    this.readyAsk = "";
    this.schedule();
    requestAnimationFrame(() => document.getElementById("ready")?.focus());
  }
  private keepNegotiatingOnEscape(e: KeyboardEvent, asking: boolean) {
    if (e.key !== "Escape" || !asking) return;
    e.preventDefault();
    this.keepNegotiating();
  }
  /** The offers that wait on me, in the Deals tab: the first of them has the focus. */
  private showWaiting(id: string) {
    this.readyAsk = "";
    this.selectTab("deals");
    this.bringPanelIntoView();
    requestAnimationFrame(() => this.panelBox.querySelector<HTMLElement>(`[data-focus="offer-${CSS.escape(id)}"]`)?.focus());
  }

  /** The game menu: who I am, the code, How to play, the start page. Kept open across redraws. */
  private menuOpen = false;
  private barSignature = "";
  /** The tab in the panel box now, and where each tab was scrolled to when it was left. */
  private shownTab?: AnyTab;
  private scrolls = new Map<AnyTab, number>();
  /** The ready button ignores taps a moment after it changes meaning, and is redrawn when it takes them. */
  private readySettling = new Settling();
  private readySettle?: ReturnType<typeof setTimeout>;
  /** The ready button now, and what it means (`renderBar`). */
  private readyKept?: { sig: string; el: HTMLButtonElement };
  private menu(view: ClientView | undefined, who: string, gameName: string) {
    const howTo = h("a", { href: `/how-to-play?from=${this.ctx.code}${view ? `&scenario=${encodeURIComponent(view.scenario.id)}` : ""}`, id: "menu-howto" }, t("howto.link"));
    const box = h(
      "details",
      { class: "game-menu", open: this.menuOpen },
      h("summary", { "aria-label": t("menu.label"), id: "menu-button" }, h("span", { "aria-hidden": "true" }, "☰")),
      h(
        "div",
        { class: "menu-body" },
        h("p", { class: "menu-who" }, who),
        view ? h("p", {}, gameName) : null,
        languageSwitch(),
        // The facilitator puts the public board on the room's screen from here.
        view && this.mode === "facilitator" ? projectorLink(view.code, "menu-watch") : null,
        howTo,
        h("a", { href: "/", id: "menu-start" }, t("end.newGame")),
      ),
    );
    box.addEventListener("toggle", () => (this.menuOpen = box.open));
    // The rules open over the game; the link's own page (with its way back) is for a new tab.
    howTo.addEventListener("click", (e) => this.openRules(e, box));
    // Escape closes it from anywhere inside, and the focus goes back to ☰.
    box.addEventListener("keydown", (e) => {
      if (e.key !== "Escape" || !box.open) return;
      e.preventDefault();
      e.stopPropagation();
      this.closeMenu(box);
      box.querySelector("summary")?.focus();
    });
    // Tabbing out of it closes it: left open, it covered the Review and World tabs. (A focus lost
    // to nothing is a redraw of the bar, which keeps the menu open and puts the focus back.)
    box.addEventListener("focusout", (e) => {
      const to = e.relatedTarget;
      if (box.open && to instanceof Node && !box.contains(to)) this.closeMenu(box);
    });
    return box;
  }

  /** The rules dialog, made at its first opening. */
  private rules?: Promise<HTMLDialogElement>;
  private openRules(e: MouseEvent, menu: HTMLDetailsElement) {
    if (e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    this.closeMenu(menu);
    const page = (e.currentTarget as HTMLAnchorElement | null)?.href;
    this.rules ??= import("./pages/how-to-play.ts").then(async ({ rulesDialog }) => {
      // The game's own scenario: its numbers come first where they differ from those the rules quote.
      const dialog = await rulesDialog(this.ctx.view()?.scenario.id);
      dialog.addEventListener("close", () => document.getElementById("menu-button")?.focus());
      document.body.append(dialog);
      return dialog;
    });
    this.rules.then(
      (dialog) => {
        if (!dialog.open) dialog.showModal();
        dialog.querySelector<HTMLElement>(".close")?.focus();
      },
      () => {
        // Its code did not load (a new build deployed meanwhile, the network): the page, in a new tab, and the next click tries again.
        this.rules = undefined;
        if (page) window.open(page, "_blank", "noopener");
      },
    );
  }

  private tick() {
    const s = this.ctx.store.get();
    const view = s.view;
    if (!view) return;
    const ms = remaining(view, Date.now(), s.offset);
    // On a phone, and on the projector (where the phase's badge beside it names the phase in
    // large type), the clock alone: the projector's bar keeps its room for the scenario's name.
    // A game over is not paused, whatever its clock was left at. ❚❚, not ⏸: the text fonts have
    // it, where ⏸ needs an emoji font (an empty box without one).
    const text = view.paused && view.phase !== "ended"
      ? `❚❚ ${narrow() ? "" : t("bar.paused")}${ms ? ` ${clock(ms)}` : ""}`
      : ms === null
        ? view.phase === "lobby" || view.phase === "ended" || narrow()
          ? ""
          : t("bar.untimed")
        : narrow() || this.projector
          ? clock(ms)
          : t("bar.timeLeft", { time: clock(ms), phase: label("phase", view.phase) });
    if (this.timerText.textContent !== text) this.timerText.textContent = text;
    // A pause stops the clock only: the bar says so to whoever points at it (the flash says it once).
    const hint = view.paused && view.phase !== "ended" ? t("bar.paused.hint") : "";
    if ((this.timerText.getAttribute("title") ?? "") !== hint) {
      if (hint) this.timerText.setAttribute("title", hint);
      else this.timerText.removeAttribute("title");
    }
    this.timerText.classList.toggle("urgent", urgent(ms) && !view.paused);
  }

  private renderBoard(view: ClientView) {
    for (const part of BOARD_PAST) this.ctx.conn.need(part);
    this.eventStrip.follow(view);
    const model = boardModel(view, this.colourBy, this.eventStrip.lead);
    // The map redraws every country when its model changes: not for a chat line.
    const boardSig = JSON.stringify(model);
    if (this.board && boardSig !== this.boardSig) {
      this.boardSig = boardSig;
      this.board.update(model);
    }
    const entries = legend(view, this.colourBy);
    // Each kind of project on the map, by the mark on its circle ("C", "缆").
    const marks = projectKey(model.projects);
    const sig = JSON.stringify([entries, marks]);
    if (sig === this.legendSig) return;
    this.legendSig = sig;
    replace(
      this.legendBox,
      h(
        "ul",
        {},
        ...entries.map((e) => h("li", {}, h("span", { class: "swatch", style: { background: hex(e.colour) }, "aria-hidden": "true" }), e.label)),
        h("li", {}, h("span", { class: "glyph arc", "aria-hidden": "true" }, "⟿"), t("board.legend.supply")),
        h("li", {}, h("span", { class: "glyph fence", "aria-hidden": "true" }, "◌"), t("board.legend.fence")),
        h("li", {}, h("span", { class: "glyph project", "aria-hidden": "true" }, "◉"), t("board.legend.loan")),
        ...marks.map((m) => h("li", {}, h("span", { class: "glyph mark" }, m.glyph), m.name)),
      ),
    );
  }

  private legendSig = "";
  private boardSig = "";
}
