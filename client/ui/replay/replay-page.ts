/**
 * The replay viewer: a game round by round on the real board (the same Phaser scene the game
 * uses, fed with each frame's view), with a stepper (first, previous, next, last, a slider,
 * play), what happened in the frame's round beside the board, and — for the facilitator — a
 * what-if game from the next round. The facilitator's key gives the facilitator's frames; a
 * share link or nothing gives the observer's (the public board).
 */
import type { ReplayFrame, ReplayReply } from "../../../shared/protocol/debrief.ts";
import { label, render, t, useNames } from "../../i18n/index.ts";
import { viewNames } from "../../model/names.ts";
import { boardModel, legend, projectKey } from "../../model/board.ts";
import { countryName, describeDeal } from "../../model/deals.ts";
import { goodWhenUp, num, signed } from "../../model/format.ts";
import { crisisTension } from "../../../shared/engine/resolution.ts";
import { describeEffects } from "../../model/inject.ts";
import { rulingText } from "../../model/matrix.ts";
import { hex } from "../../model/palette.ts";
import { clampFrame, endedText, forkRoundFor, frameClientView, frameSummary, stepKey } from "../../model/replay.ts";
import { fork, replayFrames, type Credential } from "../../net/debrief.ts";
import type { SessionMemory } from "../../net/session-memory.ts";
import type { BoardHandle } from "../../board/board.ts";
import { loadBoardModule } from "../board-loader.ts";
import { announce, h, narrow, replace, status } from "../dom.ts";
import { foldButton, legendFold, showFold } from "../fold.ts";
import { controlHeld } from "../press.ts";
import { failure, loading, pageShell } from "../pages/page-shell.ts";
import { stanceShown } from "../../../shared/engine/vocabulary.ts";

type Deps = { code: string; memory: SessionMemory; share?: string };

const PLAY_MS = 2500;

export async function mountReplayPage(root: HTMLElement, deps: Deps): Promise<() => void> {
  const key = deps.memory.get(deps.code).facilitator?.key;
  const credential: Credential = key ? { key } : deps.share ? { share: deps.share } : {};
  const frameLabel = h("span", { class: "frame-label", "aria-live": "polite", id: "replay-label" });
  const main = pageShell(root, t("replay.title", { code: deps.code }), [frameLabel]);
  loading(main);
  const got = await replayFrames(deps.code, credential);
  if (!got.ok) {
    failure(main, got.status === 404 ? t("error.unknownGame", { code: deps.code }) : got.message, h("p", {}, h("a", { href: "/archive" }, t("archive.title"))));
    return () => undefined;
  }
  if (!got.value.frames.length) {
    failure(main, t("replay.noFrames"));
    return () => undefined;
  }
  return new ReplayView(main, deps, got.value, frameLabel, key).destroy;
}

/** A tick under the slider: "Start", "R2" (第2轮 in Chinese), "End" (stopped mid-round), "Now" (in progress). */
function tickLabel(f: ReplayFrame): string {
  if (f.kind === "start") return t("replay.start");
  if (f.kind === "ended") return t("replay.tick.ended");
  if (f.kind === "now") return t("replay.tick.now");
  return t("report.round.short", { round: f.round });
}

class ReplayView {
  private index: number;
  private board?: BoardHandle;
  private boardBox = h("div", { id: "board", class: "board", tabindex: 0, role: "img", "aria-label": t("replay.board") });
  private legendBox = h("div", { class: "legend", "aria-label": t("board.legend") });
  private eventBox = h("section", { class: "event-strip", "aria-label": t("obs.event") });
  /** On a phone the frame's cards fold to their titles as the game's card does; the reader's choice holds from frame to frame. */
  private eventWhole = true;
  private eventFold = foldButton("replay-event-fold", "", () => ((this.eventWhole = !this.eventWhole), this.render()));
  private stepper = h("div", { class: "replay-stepper" });
  private summary = h("div", { class: "replay-summary", id: "replay-summary" });
  private countryBox = h("div", { class: "replay-country" });
  private slider: HTMLInputElement;
  private playing?: ReturnType<typeof setInterval>;
  private selected?: string;
  private frames: ReplayFrame[];
  private keyHandler = (e: KeyboardEvent) => {
    const el = e.target as HTMLElement | null;
    if (el && (el.closest("input, select, textarea, [contenteditable]") || el.id === "board")) return;
    const next = stepKey(e.key, this.index, this.frames.length);
    if (next === null) return;
    e.preventDefault();
    this.go(next);
  };

  constructor(
    main: HTMLElement,
    private deps: Deps,
    private reply: ReplayReply,
    private frameLabel: HTMLElement,
    private key?: string,
  ) {
    this.frames = reply.frames;
    this.index = this.frames.length - 1;
    this.slider = h("input", { type: "range", id: "replay-slider", min: 0, max: this.frames.length - 1, step: 1, value: this.index });
    this.slider.addEventListener("input", () => this.go(Number(this.slider.value)));
    main.className = "game replay";
    replace(
      main,
      h(
        "section",
        { class: "board-col", "aria-label": t("replay.board") },
        h(
          "div",
          { class: "board-wrap" },
          this.boardBox,
          h(
            "div",
            { class: "map-controls" },
            h("button", { type: "button", "aria-label": t("board.zoomIn"), title: t("board.zoomIn"), onclick: () => this.board?.zoom(1) }, "+"),
            h("button", { type: "button", "aria-label": t("board.zoomOut"), title: t("board.zoomOut"), onclick: () => this.board?.zoom(-1) }, "−"),
            h("button", { type: "button", "aria-label": t("board.reset"), title: t("board.reset"), onclick: () => this.board?.reset() }, "⟲"),
          ),
        ),
        legendFold(this.legendBox),
        this.eventBox,
      ),
      h(
        "section",
        { class: "side replay-side", "aria-label": t("replay.side") },
        h("div", { class: "tabpanel" }, h("p", { class: "muted small replay-who" }, reply.viewer === "facilitator" ? t("replay.asFacilitator") : t("replay.asObserver")), this.stepper, this.countryBox, this.summary),
      ),
    );
    document.addEventListener("keydown", this.keyHandler);
    void this.loadBoard();
    this.render();
  }

  destroy = () => {
    clearInterval(this.playing);
    document.removeEventListener("keydown", this.keyHandler);
    this.board?.destroy();
  };

  private async loadBoard() {
    try {
      // The Chinese font is here: the page is drawn once it is (client/main.ts).
      const { createBoard } = await loadBoardModule();
      this.board = await createBoard(this.boardBox, {
        onHover: () => undefined,
        onSelect: (id) => {
          this.selected = id === this.selected ? undefined : id;
          this.board?.select(this.selected);
          this.render();
        },
      });
      this.render();
    } catch (e) {
      console.error(e);
      replace(this.boardBox, h("p", { class: "board-fallback" }, t("board.unavailable")));
    }
  }

  private go(i: number) {
    const next = clampFrame(i, this.frames);
    if (next === this.index) return;
    this.index = next;
    this.render();
    announce(render(this.frames[next]!.label));
  }

  private toggle() {
    if (this.playing) {
      clearInterval(this.playing);
      this.playing = undefined;
    } else {
      if (this.index >= this.frames.length - 1) this.index = 0;
      this.playing = setInterval(() => {
        // Not under a pressed button: the step would redraw it, and the click (Pause) be lost.
        if (controlHeld()) return;
        if (this.index >= this.frames.length - 1) return this.toggle();
        this.go(this.index + 1);
      }, PLAY_MS);
    }
    this.render();
  }

  private render() {
    const frame = this.frames[this.index]!;
    const view = frameClientView(this.reply.code, frame.view);
    useNames(viewNames(view));
    this.frameLabel.textContent = render(frame.label);
    this.slider.value = String(this.index);
    this.slider.setAttribute("aria-valuetext", render(frame.label));
    const model = boardModel(view);
    this.board?.update(model);
    replace(
      this.legendBox,
      h(
        "ul",
        {},
        ...legend(view, "bloc").map((e) => h("li", {}, h("span", { class: "swatch", style: { background: hex(e.colour) }, "aria-hidden": "true" }), e.label)),
        // The projects on the map, by the mark on their circles ("C", "缆"), as on the game screen.
        ...projectKey(model.projects).map((m) => h("li", {}, h("span", { class: "glyph mark" }, m.glyph), m.name)),
      ),
    );
    const events = view.events.filter((e) => e.round === frame.round);
    const texts = events.map((_, i) => `replay-event-text-${i}`);
    replace(
      this.eventBox,
      events.length
        ? events.map((ev, i) =>
            h(
              "div",
              {},
              h("div", { class: "event-head" }, h("h2", {}, h("span", { class: "muted" }, `${ev.custom ? t("replay.customCard") : t("obs.event")} · ${t("report.round.short", { round: ev.round })}${t("misc.dash")}`), ev.title), i === 0 ? this.eventFold : null),
              h("p", { id: texts[i] }, ev.text),
            ),
          )
        : h("p", { class: "muted" }, frame.round === 0 ? view.scenario.summary : t("replay.noEvent")),
    );
    const foldable = narrow() && events.length > 0;
    this.eventFold.setAttribute("aria-controls", texts.join(" "));
    showFold(this.eventBox, this.eventFold, foldable, !foldable || this.eventWhole, texts);
    const b = (id: string, text: string, aria: string, to: number, disabled: boolean) => h("button", { type: "button", id, "aria-label": aria, title: aria, disabled, onclick: () => this.go(to) }, text);
    const last = this.frames.length - 1;
    replace(
      this.stepper,
      h("h1", { class: "replay-frame" }, render(frame.label), h("span", { class: "muted small" }, ` · ${t("replay.position", { n: this.index + 1, count: this.frames.length })}`)),
      h(
        "div",
        { class: "actions" },
        b("replay-first", "|◀", t("replay.first"), 0, this.index === 0),
        b("replay-prev", "◀", t("replay.prev"), this.index - 1, this.index === 0),
        // ❚❚, not ⏸: the text fonts have it, where ⏸ needs an emoji font (an empty box without one).
        h("button", { type: "button", id: "replay-play", class: "primary", "aria-pressed": String(!!this.playing), onclick: () => this.toggle() }, this.playing ? `❚❚ ${t("replay.pause")}` : `▶ ${t("replay.play")}`),
        b("replay-next", "▶", t("replay.next"), this.index + 1, this.index === last),
        b("replay-last", "▶|", t("replay.last"), last, this.index === last),
      ),
      h("div", { class: "field" }, h("label", { for: "replay-slider" }, t("replay.slider")), this.slider),
      h("ol", { class: "replay-ticks", "aria-hidden": "true" }, ...this.frames.map((f, i) => h("li", { class: i === this.index ? "now" : "", onclick: () => this.go(i) }, tickLabel(f)))),
      h("p", { class: "muted small keys-hint" }, t("replay.keys")),
    );
    this.renderCountry(view);
    this.renderSummary(view);
  }

  private renderCountry(view: ReturnType<typeof frameClientView>) {
    const c = this.selected ? view.countries.find((x) => x.id === this.selected) : undefined;
    if (!c) return replace(this.countryBox);
    const score = view.scores.find((s) => s.country === c.id);
    replace(
      this.countryBox,
      h(
        "section",
        { class: "card replay-card", "aria-labelledby": "rc-h" },
        h("h2", { id: "rc-h" }, c.name, h("span", { class: "muted small" }, ` · ${label("bloc", c.bloc)} · ${label("stance", stanceShown(c))}`)),
        h("p", { class: "small" }, (["prosperity", "security", "influence", "trust", "support"] as const).map((m) => `${label("metric", m)} ${num(c.metrics[m])}`).join(" · "), ` · ${t("metric.capital")} ${num(c.capital)}`),
        score ? h("p", { class: "small" }, t("replay.score", { total: num(score.total) })) : null,
        h("button", { type: "button", class: "link", onclick: () => ((this.selected = undefined), this.board?.select(undefined), this.render()) }, t("misc.close")),
      ),
    );
  }

  private renderSummary(view: ReturnType<typeof frameClientView>) {
    const s = frameSummary(this.frames, this.index)!;
    const forkRound = this.key ? forkRoundFor(this.frames, this.index) : undefined;
    const msg = h("p", { class: "status", "aria-live": "polite" });
    let forkBox: HTMLElement | null = null;
    if (forkRound !== undefined && this.key) {
      const key = this.key;
      const go = h("button", { type: "button", id: "replay-fork" }, t("replay.fork", { round: forkRound }));
      go.addEventListener("click", async () => {
        go.disabled = true;
        const r = await fork(this.deps.code, key, forkRound);
        go.disabled = false;
        if (!r.ok) return status(msg, r.message, "error");
        this.deps.memory.update(r.value.code, { facilitator: { key: r.value.facilitatorKey } });
        replace(msg, t("debrief.whatif.made", { code: r.value.code, round: forkRound }), " ", h("a", { href: `/${r.value.code}`, class: "button primary", id: "replay-fork-open" }, t("debrief.whatif.open", { code: r.value.code })));
        msg.className = "status status-ok";
      });
      forkBox = h("section", { class: "card fork-card" }, h("h2", {}, t("debrief.whatif")), h("p", { class: "muted small" }, t("replay.fork.intro", { round: forkRound })), go, msg);
    }
    replace(
      this.summary,
      h(
        "section",
        { "aria-labelledby": "rs-table" },
        h("h2", { id: "rs-table" }, t("world.table")),
        h(
          "table",
          { class: "replay-table" },
          h(
            "tbody",
            {},
            ...s.table.map((r) =>
              h(
                "tr",
                {},
                h("th", { scope: "row" }, label("metric", r.key)),
                h("td", { class: "num" }, num(r.value)),
                h("td", { class: "num" }, r.delta === null || Math.abs(r.delta) < 0.05 ? "" : h("span", { class: `delta ${r.delta > 0 === goodWhenUp(r.key) ? "pos" : "neg"}` }, signed(r.delta))),
              ),
            ),
          ),
        ),
        crisisNote(view),
      ),
      s.rulings.length
        ? h(
            "section",
            {},
            h("h2", {}, t("replay.rulings")),
            h(
              "ul",
              { class: "plain small" },
              ...s.rulings.map((m) =>
                h("li", {}, h("strong", {}, `${countryName(view, m.seat)}${t("misc.colon")}`), m.text, t("misc.dash"), h("span", { class: "badge" }, rulingText(m)), m.note ? ` ${m.note}` : "", m.effects.length ? h("span", { class: "muted block" }, describeEffects(view, m.effects)) : null),
              ),
            ),
          )
        : null,
      s.tookForce.length ? h("section", {}, h("h2", {}, t("replay.tookForce")), h("ul", { class: "plain small" }, ...s.tookForce.map((a) => h("li", {}, h("strong", {}, `${a.id} `), describeDeal(a))))) : null,
      s.ended.length
        ? h(
            "section",
            {},
            h("h2", {}, t("replay.ended")),
            h("ul", { class: "plain small" }, ...s.ended.map((x) => h("li", {}, h("strong", {}, `${x.agreement.id} `), endedText(x), t("misc.colon"), describeDeal(x.agreement)))),
          )
        : null,
      s.news.length ? h("section", {}, h("h2", {}, t("review.news")), h("ul", { class: "news small" }, ...s.news.map((n) => h("li", { class: `news-${n.kind}` }, render(n.text))))) : null,
      h(
        "section",
        {},
        h("h2", {}, t("review.scores")),
        h("ol", { class: "standings small" }, ...s.standings.slice(0, 8).map((x) => h("li", {}, `${x.name} `, h("span", { class: "muted" }, num(x.total))))),
      ),
      forkBox,
    );
  }
}

/** On a frame after a crisis that came at a resolution which then cooled tension: the peak the crisis check saw, beside the settled value the table shows (the engine's `crisisTension`). */
function crisisNote(view: ReturnType<typeof frameClientView>): HTMLElement | null {
  const c = crisisTension(view);
  return c?.settled !== undefined ? h("p", { class: "warn small", id: "replay-crisis" }, t("replay.crisis.peak", { peak: num(c.peak), settled: num(c.settled), round: c.round! })) : null;
}
