/**
 * The console's overview: the pace bar (phase, clock, pause/resume, extend, end the phase, end
 * the game) with the round timeline, and the god view of every seat — who holds it and whether
 * they are connected, the last thing the seat did, offers waiting on it, messages and unread
 * ones, metrics — with a drill-down into one seat.
 */
import { COUNTRY_METRICS, SECTORS, stanceShown } from "../../../shared/engine/vocabulary.ts";
import type { FacilitatorCommand } from "../../../shared/protocol/messages.ts";
import { personPlays, seatsDone, type ClientView } from "../../../shared/protocol/view.ts";
import { label, t, tn, errorText } from "../../i18n/index.ts";
import { channelName, messageText } from "../../model/channels.ts";
import { doneText } from "../../model/lobby.ts";
import { ActivityLog, readyPhase, roundTimeline, seatMessages, seatOffers, seatOverview, seatState, type Activity, type SeatOverview } from "../../model/console.ts";
import { remaining } from "../../model/countdown.ts";
import { objectives, type ObjectiveRow } from "../../model/country.ts";
import { describeDeal } from "../../model/deals.ts";
import { clock, timeOfDay, ministries, ministriesActing, ministriesAside, num, signed } from "../../model/format.ts";
import { rulingText } from "../../model/matrix.ts";
import type { UiContext } from "../context.ts";
import { announce, h, KeyedRows, replace, replaceChanged, setText, status } from "../dom.ts";
import { confirmAction } from "../confirm.ts";
import { refusal } from "./form-kit.ts";
import { broadcastBox } from "./broadcast-box.ts";
import { Settling } from "../press.ts";
import type { CodeReveal } from "../code-reveal.ts";

/** How long a confirmation of the pace buttons stays on screen. */
const DONE_SHOWN_MS = 8000;

type Columns = "activity" | "metrics";


function activityText(a: Activity | undefined) {
  if (!a) return h("span", { class: "muted" }, t("console.did.nothing"));
  return h("span", {}, a.text, h("span", { class: "muted small" }, a.at ? ` · ${timeOfDay(a.at)}` : ` · ${t("report.round.short", { round: a.round })}`));
}

/** An objective on the seat detail, public or secret: its text, then what it is worth ("… (3 pts)"). */
const worth = (o: ObjectiveRow) => [o.text, t("misc.sentenceJoin"), h("span", { class: "muted" }, t("country.worth", { points: o.points }))];

function delta(d: number | null) {
  if (d === null || Math.abs(d) < 0.05) return null;
  // The overview's metrics (a country's and its capital) are all good news when they rise.
  const good = d > 0;
  return h("span", { class: `delta ${good ? "pos" : "neg"}` }, signed(d));
}

export class OverviewSection {
  readonly el = h("div", { class: "console-overview" });
  private paceBox = h("section", { class: "console-card pace", "aria-labelledby": "pace-h" });
  /** The pace bar's parts, made once and changed in place; the buttons are made again when `buttonsKey` changes. */
  private pace = {
    title: h("h3", { id: "pace-h" }),
    clock: h("span", { class: "pace-clock", id: "con-clock" }),
    done: h("span", { class: "muted small" }),
    actions: h("div", { class: "actions pace-actions" }),
    hint: h("p", { class: "hint", id: "con-pause-hint" }),
    timeline: h("ol", { class: "round-timeline", "aria-label": t("console.timeline") }),
    buttonsKey: "",
  };
  private seatsBox = h("section", { class: "console-card", "aria-labelledby": "god-h" });
  private detailBox = h("section", { class: "console-card seat-detail", "aria-live": "off" });
  /** Who is watching (observers at their own screens, a projector): names and whether connected. */
  private observersBox = h("section", { class: "console-card console-observers", "aria-labelledby": "con-obs-h" });
  private broadcastBox: HTMLElement;
  private msg = h("p", { class: "status", "aria-live": "polite" });
  private columns: Columns = "activity";
  private selected?: string;
  /** What each part showed last: a part is drawn again only when what it shows changed. */
  private drawn = { pace: "", seats: "", detail: "", observers: "" };
  /** The advance button waits a moment after it changes meaning; a timer draws it again when it takes clicks. */
  private advanceSettling = new Settling();
  private advanceSettle?: ReturnType<typeof setTimeout>;
  /** The round and phase the pace buttons act on; a confirmation still open when they change closes. */
  private paceFor = { key: "", asked: new AbortController() };
  private seatBody = h("tbody", {});
  private seatRows = new KeyedRows<{ view: ClientView; r: SeatOverview }>(
    ({ r }) => r.id,
    ({ r }) => JSON.stringify([this.columns, this.selected === r.id, { ...r, waitingOnSeat: r.waitingOnSeat.length, proposedBySeat: r.proposedBySeat.length }]),
    ({ view, r }) => this.seatRow(view, r),
  );

  constructor(
    private ctx: UiContext,
    private log: ActivityLog,
    private codes: CodeReveal,
  ) {
    this.detailBox.hidden = true;
    const pace = this.pace;
    // The buttons' reply on the heading's line, beside the clock they act on: a line of its own
    // under them, empty but for a moment after each press, held the seats a line further down.
    this.paceBox.append(h("div", { class: "pace-head" }, pace.title, pace.clock, pace.done, this.msg), pace.actions, pace.hint, pace.timeline);
    this.broadcastBox = broadcastBox(ctx);
    // Every seat right under the pace, the broadcast after the seat's drill-down: at 1366×768 a
    // table of thirteen (Alliance 2021) starts in view, not under the broadcast below the fold.
    this.el.append(this.paceBox, this.seatsBox, this.detailBox, this.broadcastBox, this.observersBox);
  }

  private async send(command: FacilitatorCommand, done: string) {
    const reply = await this.ctx.conn.facilitator(command);
    if (!reply.ok) return refusal(this.msg, errorText(reply.error));
    status(this.msg, done, "ok");
    announce(done);
    // A reply confirms the press and then goes: "The game has started." stayed under the buttons all game.
    setTimeout(() => {
      if (this.msg.textContent === done) this.msg.textContent = "";
    }, DONE_SHOWN_MS);
  }

  private button(id: string, text: string, command: FacilitatorCommand, done: string, cls = "", confirm?: string, describedBy?: string) {
    const asked = this.paceFor.asked.signal;
    return h(
      "button",
      {
        type: "button",
        id,
        class: cls,
        ...(describedBy ? { "aria-describedby": describedBy } : {}),
        onclick: async (e: Event) => {
          if (confirm && !(await confirmAction(confirm, text, e.currentTarget as HTMLElement, true, asked))) return;
          void this.send(command, done);
        },
      },
      text,
    );
  }

  private renderPace(view: ClientView) {
    const ended = view.phase === "ended";
    const lobby = view.phase === "lobby";
    const running = view.phase === "lobby" || view.phase === "ended" ? null : view.phase;
    const done = seatsDone(view.seats);
    const pace = this.pace;
    // "End the event" becomes "End the negotiation" when the clock moves on: a click meant for the
    // event must not end the negotiation, so the button waits a moment after it changes.
    const phaseKey = running ? `${view.round}:${running}` : view.phase;
    const settleMs = this.advanceSettling.left(running ? phaseKey : "");
    if (phaseKey !== this.paceFor.key) {
      // "End the negotiation now?" left open while the clock ran on would end another phase.
      this.paceFor.asked.abort();
      this.paceFor = { key: phaseKey, asked: new AbortController() };
    }
    replaceChanged(pace.title, label("phase.title", view.phase), view.round ? h("span", { class: "muted" }, ` · ${t("bar.round", { round: view.round, rounds: view.settings.rounds })}`) : null);
    this.tick(view);
    pace.done.hidden = view.phase !== "negotiation";
    setText(pace.done, view.phase === "negotiation" ? doneText(done, personPlays(view.seats)) : "");
    // Before the start ("Start the game" is the console's own button) and once the game is over
    // there is nothing to press here: no empty row of buttons, nor room for their replies. A game
    // ended in its lobby would leave only an empty report, so "End the game" waits for the
    // start, as the class console's "End the game at every table" does.
    const idle = ended || lobby;
    pace.actions.hidden = pace.hint.hidden = this.msg.hidden = idle;
    // What a pause does and does not stop, beside its button: the clock only; the talks go on.
    setText(pace.hint, idle ? "" : t(view.paused ? "console.paused.hint" : "console.pause.hint"));
    // The buttons are made again only when what they act on changes (the phase, the pause): a
    // seat finishing or a bot's move leaves them the same nodes, so a press on one is never lost
    // to a redraw, nor the keyboard's focus on it.
    const buttonsKey = idle ? "" : JSON.stringify([phaseKey, view.paused, view.settings.rounds]);
    if (buttonsKey !== pace.buttonsKey) {
      pace.buttonsKey = buttonsKey;
      const focused = [...pace.actions.children].indexOf(document.activeElement as Element);
      replace(pace.actions, ...(running ? this.paceButtons(view, running) : []));
      // Pause becomes Resume in its place: the keyboard stays on it.
      if (focused >= 0 && !pace.actions.contains(document.activeElement)) (pace.actions.children[focused] as HTMLElement | undefined)?.focus({ preventScroll: true });
    }
    const advance = pace.actions.querySelector<HTMLButtonElement>("#con-advance");
    if (advance) advance.disabled = settleMs > 0;
    clearTimeout(this.advanceSettle);
    if (settleMs > 0) this.advanceSettle = setTimeout(() => this.ctx.view() && this.renderPace(this.ctx.view()!), settleMs);
    const timeline = roundTimeline(view);
    const sig = JSON.stringify(timeline);
    if (sig === this.drawn.pace) return;
    this.drawn.pace = sig;
    replace(
      pace.timeline,
      ...timeline.map((r) =>
        h(
          "li",
          { class: `tl-round tl-${r.state}`, "aria-current": r.state === "current" ? "step" : undefined },
          h("span", { class: "tl-label" }, t("report.round.short", { round: r.round }), r.state === "current" ? h("span", { class: "sr-only" }, t("misc.aside", { text: t("console.now") })) : null),
          r.steps
            ? h("span", { class: "tl-phases" }, ...r.steps.map((p) => h("span", { class: `tl-phase tl-${p.state}`, title: label("phase.title", p.phase) }, label("phase.title", p.phase))))
            : null,
          ...r.events.map((e) => h("span", { class: `tl-event${e.custom ? " custom" : ""}`, title: `${e.custom ? t("inject.custom.badge") : t("obs.event")}${t("misc.colon")}${e.title}` }, e.custom ? "✎ " : "▣ ", e.title)),
          ...r.scheduled.map((e) => h("span", { class: "tl-event scheduled", title: `${t("console.scheduled")}${t("misc.colon")}${e.title}` }, "» ", e.title)),
          r.rulings ? h("span", { class: "tl-note" }, tn("console.rulings", r.rulings)) : null,
          r.tookForce ? h("span", { class: "tl-note" }, tn("console.tookForce", r.tookForce)) : null,
        ),
      ),
    );
  }

  /** Pause or resume, extend, end the phase, end the game: for the phase `running` of this round, paused or not. */
  private paceButtons(view: ClientView, running: Exclude<ClientView["phase"], "lobby" | "ended">) {
    // What the extend and end buttons name: a press that lands after this phase ended is refused.
    const aim = { phase: running, round: view.round };
    const phase = label("phase", running);
    return [
      view.paused ? this.button("con-resume", `▶ ${t("fac.resume")}`, { type: "resume" }, t("console.done.resume"), "primary", undefined, "con-pause-hint") : this.button("con-pause", t("fac.pause"), { type: "pause" }, t("console.done.pause"), "", undefined, "con-pause-hint"),
      // Each names the phase it adds to, and the command names it too (`aim`).
      ...[1, 5].map((minutes) => this.button(`con-extend${minutes}`, t("fac.extend", { minutes, phase }), { type: "extend", seconds: minutes * 60, ...aim }, t("console.done.extend", { minutes, phase }))),
      // Ending the negotiation early lapses every offer not yet signed: asked first, as a
      // press aimed at "End the event" can land on it once the clock has moved the phase.
      this.button("con-advance", t("console.advance", { phase }), { type: "advance", ...aim }, t("console.done.advance", { phase }), "", running === "negotiation" ? t("console.advance.confirm") : undefined),
      // The question says what ending now costs: before its review the round is never resolved, and its deals lapse.
      this.button("con-end", t("fac.endGame"), { type: "end-game" }, t("console.done.end"), "danger", t(view.phase === "review" ? "fac.endGame.confirm.review" : "fac.endGame.confirm.unresolved", { round: view.round, rounds: view.settings.rounds })),
    ];
  }

  private renderSeats(view: ClientView, rows: SeatOverview[]) {
    const chip = (c: Columns) =>
      h(
        "button",
        {
          type: "button",
          class: "chip",
          role: "radio",
          id: `con-cols-${c}`,
          "aria-checked": String(this.columns === c),
          onclick: () => {
            this.columns = c;
            this.render(this.ctx.view() ?? view);
            document.getElementById(`con-cols-${c}`)?.focus();
          },
        },
        t(`console.cols.${c}`),
      );
    const head =
      this.columns === "activity"
        ? [t("lobby.seat"), t("console.col.people"), t("console.col.last"), t("console.col.offers"), t("console.col.messages")]
        : [t("lobby.seat"), ...COUNTRY_METRICS.map((m) => label("metric", m)), t("metric.capital")];
    const privateNote = !view.settings.facilitatorReadsPrivate ? h("p", { class: "muted small" }, t("console.private.hidden")) : null;
    // The table's frame changes with the columns; its rows each when their seat changed.
    const frame = JSON.stringify([this.columns, !!privateNote]);
    if (frame !== this.drawn.seats) {
      this.drawn.seats = frame;
      replace(
        this.seatsBox,
        h(
          "div",
          { class: "god-head" },
          h("h3", { id: "god-h" }, t("console.seats")),
          h("div", { class: "console-cols", role: "radiogroup", "aria-label": t("console.cols") }, chip("activity"), chip("metrics")),
        ),
        privateNote,
        h(
          "div",
          // A frame that scrolls sideways on a phone: a keyboard reaches it to scroll it too.
          { class: "god-wrap", tabindex: 0, role: "group", "aria-labelledby": "god-h" },
          h(
            "table",
            { class: `god-view cols-${this.columns}` },
            h("thead", {}, h("tr", {}, ...head.map((x, i) => h("th", { scope: "col", class: this.columns === "metrics" && i > 0 ? "num" : "" }, x)))),
            this.seatBody,
          ),
        ),
      );
    }
    this.seatRows.update(
      this.seatBody,
      rows.map((r) => ({ view, r })),
    );
  }

  private seatRow(view: ClientView, r: SeatOverview) {
    const state = seatState(r, { phase: view.phase, bots: this.ctx.bots });
    const open = h(
      "button",
      { type: "button", class: "link seat-open", id: `con-seat-${r.id}`, "aria-expanded": String(this.selected === r.id), "aria-controls": "con-detail" },
      h("span", { class: `swatch bloc-${r.bloc}`, "aria-hidden": "true" }),
      r.name,
    );
    open.addEventListener("click", () => this.select(r.id === this.selected ? undefined : r.id));
    open.addEventListener("mouseenter", () => this.ctx.highlight(r.id));
    open.addEventListener("mouseleave", () => this.ctx.highlight(undefined));
    const name = h("th", { scope: "row" }, open, r.ready ? h("span", { class: "ready-mark", title: t(`console.ready.${readyPhase(view.phase)}`) }, " ✔", h("span", { class: "sr-only" }, t(`console.ready.${readyPhase(view.phase)}`))) : null);
    const cls = `${this.selected === r.id ? "selected" : ""} state-${state}`;
    if (this.columns === "metrics") {
      return h(
        "tr",
        { class: cls },
        name,
        ...COUNTRY_METRICS.map((m) => h("td", { class: "num" }, num(r.metrics[m].value), " ", delta(r.metrics[m].delta))),
        h("td", { class: "num" }, num(r.capital.value), " ", delta(r.capital.delta)),
      );
    }
    const people = r.holders.length
      ? r.holders.map((x) => {
          // Short in the table, in full in its tooltip and the seat's detail.
          const held = r.holders.map((y) => y.roles);
          const aside = ministriesAside(view.settings.teams, x.roles, held, true);
          const full = ministriesActing(view.settings.teams, x.roles, held);
          return h(
            "div",
            { class: "holder" },
            h("span", { class: x.connected ? "online" : "offline", "aria-hidden": "true" }, x.connected ? "● " : "○ "),
            x.name,
            aside ? h("span", { class: "muted small", ...(aside.includes(full) ? {} : { title: full }) }, aside) : null,
            h("span", { class: "sr-only" }, ` ${x.connected ? t("conn.connected") : t("lobby.offline")}`),
          );
        })
      : h("span", { class: "muted" }, t(`console.state.${state}`));
    return h(
      "tr",
      { class: cls },
      name,
      h("td", { class: "small" }, people, r.bot && r.holders.length ? h("div", { class: "muted small" }, t("console.state.bot")) : null),
      h("td", { class: "small" }, activityText(r.last)),
      h(
        "td",
        { class: "small" },
        r.waitingOnSeat.length ? h("div", {}, h("span", { class: "count warn-count" }, String(r.waitingOnSeat.length)), " ", t("console.offers.waiting")) : null,
        r.proposedBySeat.length ? h("div", { class: "muted" }, tn("console.offers.proposed", r.proposedBySeat.length)) : null,
        r.pendingMatrix ? h("div", {}, h("span", { class: "badge" }, tn("console.matrixPending", r.pendingMatrix))) : null,
        !r.waitingOnSeat.length && !r.proposedBySeat.length && !r.pendingMatrix ? h("span", { class: "muted" }, "—") : null,
      ),
      h(
        "td",
        { class: "small" },
        t("console.msgs", { round: r.messages.round, total: r.messages.total }),
        r.messages.unread ? h("span", { class: "count", title: tn("talks.unread", r.messages.unread) }, String(r.messages.unread), h("span", { class: "sr-only" }, ` ${tn("talks.unread", r.messages.unread)}`)) : null,
      ),
    );
  }

  private renderObservers(view: ClientView) {
    const list = view.observers ?? [];
    const sig = JSON.stringify(list);
    if (sig === this.drawn.observers) return;
    this.drawn.observers = sig;
    const here = list.filter((o) => o.connected).length;
    replace(
      this.observersBox,
      h("h3", { id: "con-obs-h" }, t("console.observers", { count: here })),
      list.length
        ? h(
            "ul",
            { class: "plain small", id: "con-observers" },
            ...list.map((o) =>
              h(
                "li",
                { class: o.connected ? "" : "muted" },
                h("span", { class: o.connected ? "online" : "offline", "aria-hidden": "true" }, o.connected ? "● " : "○ "),
                o.name ?? h("em", {}, t("console.observers.unnamed")),
                ` · ${o.connected ? t("conn.connected") : t("lobby.offline")}`,
              ),
            ),
          )
        : h("p", { class: "muted small" }, t("console.observers.none")),
    );
  }

  select(seat: string | undefined) {
    this.selected = seat;
    this.ctx.highlight(seat);
    const v = this.ctx.view();
    if (v) this.render(v);
    if (seat) requestAnimationFrame(() => this.detailBox.scrollIntoView({ block: "nearest" }));
  }

  private renderDetail(view: ClientView, rows: SeatOverview[]) {
    const r = rows.find((x) => x.id === this.selected);
    this.detailBox.hidden = !r;
    this.detailBox.id = "con-detail";
    if (!r) {
      this.drawn.detail = "";
      if (this.detailBox.firstChild) replace(this.detailBox);
      return;
    }
    const c = view.countries.find((x) => x.id === r.id)!;
    const offers = seatOffers(view, r.id);
    const history = this.log.history(r.id);
    const msgs = seatMessages(view, r.id);
    const matrix = (view.matrix ?? []).filter((m) => m.seat === r.id);
    const objs = objectives(view, c);
    const secret = objs.filter((o) => o.secret);
    const close = h("button", { type: "button", class: "link", id: "con-detail-close" }, t("misc.close"));
    close.addEventListener("click", () => {
      this.select(undefined);
      document.getElementById(`con-seat-${r.id}`)?.focus();
    });
    const sig = JSON.stringify([r, c.stance, c.sectors, offers, history, msgs, matrix, objs, view.rejoinCodes?.[r.id] ?? "", this.codes.isShown(r.id), view.settings.teams ?? false]);
    if (sig === this.drawn.detail) return;
    this.drawn.detail = sig;
    const dealLine = (a: (typeof offers.waiting)[number]) => h("li", {}, h("strong", {}, a.id), " ", describeDeal(a), h("span", { class: "muted small" }, ` · ${t("deals.signed", { signed: a.signatures.length, total: a.parties.length })}`));
    replace(
      this.detailBox,
      h(
        "header",
        { class: "detail-head" },
        h("h3", { id: "con-detail-h" }, h("span", { class: `swatch bloc-${r.bloc}`, "aria-hidden": "true" }), r.name),
        h("span", { class: "muted small" }, `${label("bloc", r.bloc)} · ${label("stance", stanceShown({ bloc: r.bloc, stance: c.stance }))}`),
        h("span", { class: "spacer" }),
        h("button", { type: "button", class: "link", onclick: (e: Event) => this.ctx.openProfile(r.id, e.currentTarget as HTMLElement) }, t("console.detail.profile")),
        close,
      ),
      h(
        "div",
        { class: "detail-grid" },
        h(
          "div",
          {},
          h("h4", {}, t("console.col.people")),
          r.holders.length
            ? h(
                "ul",
                { class: "plain" },
                ...r.holders.map((x) =>
                  h("li", {}, h("span", { class: x.connected ? "online" : "offline" }, x.connected ? "● " : "○ "), x.name, ` · ${x.connected ? t("conn.connected") : t("lobby.offline")}`, view.settings.teams && x.roles.length ? ` · ${ministriesActing(true, x.roles, r.holders.map((y) => y.roles)) || ministries(x.roles)}` : ""),
                ),
              )
            : h("p", { class: "muted" }, t(`console.state.${seatState(r, { phase: view.phase, bots: this.ctx.bots })}`)),
          view.rejoinCodes?.[r.id] ? h("p", { class: "small" }, t("fac.rejoin"), t("misc.colon"), this.codes.cell({ key: r.id, code: view.rejoinCodes[r.id], name: r.name, id: `con-detail-code-${r.id}` })) : null,
          h("h4", {}, t("console.detail.activity")),
          history.length ? h("ul", { class: "plain small" }, ...history.map((a) => h("li", {}, activityText(a)))) : h("p", { class: "muted small" }, t("console.did.nothing")),
          h("h4", {}, t("console.detail.metrics")),
          h(
            "table",
            { class: "detail-metrics" },
            h(
              "tbody",
              {},
              ...COUNTRY_METRICS.map((m) => h("tr", {}, h("th", { scope: "row" }, label("metric", m)), h("td", { class: "num" }, num(r.metrics[m].value)), h("td", { class: "num" }, delta(r.metrics[m].delta)))),
              h("tr", {}, h("th", { scope: "row" }, t("metric.capital")), h("td", { class: "num" }, num(r.capital.value)), h("td", { class: "num" }, delta(r.capital.delta))),
            ),
          ),
          h("p", { class: "small muted" }, SECTORS.map((s) => `${label("sectorShort", s)} ${num(c.sectors[s].capability)}`).join(" · ")),
        ),
        h(
          "div",
          {},
          h("h4", {}, t("console.detail.waiting")),
          offers.waiting.length ? h("ul", { class: "plain small" }, ...offers.waiting.map(dealLine)) : h("p", { class: "muted small" }, t("console.detail.none")),
          offers.others.length ? h("h4", {}, t("console.detail.waitingOthers")) : null,
          offers.others.length ? h("ul", { class: "plain small" }, ...offers.others.map(dealLine)) : null,
          h("h4", {}, t("console.detail.live")),
          offers.live.length ? h("ul", { class: "plain small" }, ...offers.live.map(dealLine)) : h("p", { class: "muted small" }, t("console.detail.none")),
          h("h4", {}, t("matrix.title")),
          matrix.length
            ? h("ul", { class: "plain small" }, ...matrix.map((m) => h("li", {}, h("strong", {}, m.id), " ", h("span", { class: "badge" }, rulingText(m)), " ", m.text)))
            : h("p", { class: "muted small" }, t("console.detail.none")),
          h("h4", {}, t("console.detail.messages")),
          msgs.length
            ? h(
                "ul",
                { class: "plain small detail-messages" },
                ...msgs.map((m) => {
                  const ch = view.channels.find((x) => x.id === m.channel);
                  return h("li", {}, h("span", { class: "muted" }, `${t("talks.round", { round: m.round })} · ${ch ? channelName(view, ch) : m.channel}: `), m.deleted ? t("mod.deleted") : messageText(m));
                }),
              )
            : h("p", { class: "muted small" }, t("console.detail.noMessages")),
          h("h4", {}, t("country.objectives")),
          h(
            "ul",
            { class: "plain small" },
            ...objs.filter((o) => !o.secret).map((o) => h("li", {}, o.met ? "✔ " : "○ ", ...worth(o))),
            ...secret.map((o) => h("li", { class: "secret-line" }, o.met ? "✔ " : "○ ", h("strong", {}, t("country.secret")), h("span", { class: "block" }, ...worth(o)))),
          ),
        ),
      ),
    );
  }

  render(view: ClientView) {
    // What each seat said and did in earlier rounds: fetched when a facilitator who came later opens the console.
    this.ctx.conn.need("chat");
    this.ctx.conn.need("deals");
    this.ctx.conn.need("events");
    const read = this.ctx.memory.readMarks(this.ctx.code);
    const rows = seatOverview(view, read, (s) => this.log.last(s));
    this.renderPace(view);
    // Nobody is left to read a broadcast once the game is over.
    this.broadcastBox.hidden = view.phase === "ended";
    this.renderSeats(view, rows);
    this.renderDetail(view, rows);
    this.renderObservers(view);
  }

  /** The clock only (called every half second by the console, and by each redraw). */
  tick(view: ClientView) {
    const ms = remaining(view, Date.now(), this.ctx.store.get().offset);
    const idle = view.phase === "lobby" || view.phase === "ended";
    setText(this.pace.clock, view.paused ? t("console.clock.paused", { time: ms !== null ? clock(ms) : "—" }) : ms === null ? (idle ? "" : t("bar.untimed")) : t("console.clock.left", { time: clock(ms) }));
    this.pace.clock.classList.toggle("paused", !!view.paused);
  }
}
