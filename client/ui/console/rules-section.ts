/**
 * Rules and people: the communication rules (who may open private channels, whether the
 * facilitator reads them — every change is announced to all players), seat management (free a
 * seat, give it to a bot or take it back, move a person, rejoin codes, people waiting for a
 * seat). The broadcast is on the overview, beside the clock (./broadcast-box.ts).
 */
import type { FacilitatorCommand, Welcome } from "../../../shared/protocol/messages.ts";
import type { ClientView } from "../../../shared/protocol/view.ts";
import { sentence, t, errorText } from "../../i18n/index.ts";
import { country } from "../../../shared/engine/text.ts";
import { commsAnnouncement, movedText, moveQuestion, moveTargets, seatState, unseatQuestion } from "../../model/console.ts";
import { seatRows, type SeatRow } from "../../model/lobby.ts";
import { ministriesAside, timeOfDay } from "../../model/format.ts";
import type { UiContext } from "../context.ts";
import { announce, h, KeyedRows, replace, replaceChanged } from "../dom.ts";
import { refusal, sendCommand } from "./form-kit.ts";
import { confirmAction } from "../confirm.ts";
import type { CodeReveal } from "../code-reveal.ts";
import type { Role } from "../../../shared/engine/vocabulary.ts";

type Policy = "open" | "same-bloc" | "closed";
/** A row of the seat table and what it shows besides the seat: its rejoin code (and whether it is shown), and the table's signature. */
type SeatTableRow = { s: SeatRow; code: string; shown: boolean; table: string; view: ClientView; muted: Record<string, number> };
const POLICIES: Policy[] = ["open", "same-bloc", "closed"];

export class RulesSection {
  readonly el = h("div", { class: "console-rules" });
  private commsBox = h("section", { class: "console-card", "aria-labelledby": "rules-comms-h" });
  private seatsBox = h("section", { class: "console-card", "aria-labelledby": "rules-seats-h" });
  private seatMsg = h("p", { class: "status", "aria-live": "polite" });
  /** The mutes still running, by holder: until when (from the welcome, then as this console gives them). */
  private mutes = new Map<string, number>();
  /** The welcome the mutes were last read from: a reconnection's welcome brings the server's list again. */
  private mutesOf?: Welcome;
  private commsSig = "";
  private commsForm = h("form", { class: "comms-form" });
  private seatBody = h("tbody");
  private waitingBox = h("div");
  private seatRows = new KeyedRows<SeatTableRow>(
    (r) => r.s.id,
    (r) => JSON.stringify([r.s, r.code, r.shown, r.table, r.muted]),
    (r) => this.seatRow(r),
  );

  constructor(
    private ctx: UiContext,
    private codes: CodeReveal,
  ) {
    this.seatsBox.append(
      h("h3", { id: "rules-seats-h" }, t("fac.seats")),
      this.seatMsg,
      h("p", { class: "hint", id: "rules-rejoin-hint" }, t("fac.rejoin.hint")),
      h(
        "table",
        { class: "seat-table console-seat-admin", "aria-describedby": "rules-rejoin-hint" },
        h("thead", {}, h("tr", {}, h("th", { scope: "col" }, t("lobby.seat")), h("th", { scope: "col" }, t("lobby.holders")), h("th", { scope: "col" }, t("fac.rejoin")), h("th", { scope: "col" }, t("console.seats.actions")))),
        this.seatBody,
      ),
      this.waitingBox,
    );
    this.el.append(this.commsBox, this.seatsBox);
  }

  private send(command: FacilitatorCommand, done: string, msg: HTMLElement) {
    return sendCommand(this.ctx, command, done, msg);
  }

  /** The rules form is rebuilt only when the rules change, so a half-made choice is not lost. */
  private renderComms(view: ClientView) {
    const sig = `${view.settings.channels}|${view.settings.facilitatorReadsPrivate}|${view.phase === "ended"}`;
    if (sig === this.commsSig) return;
    this.commsSig = sig;
    const ended = view.phase === "ended";
    const radios = POLICIES.map((p) =>
      h(
        "label",
        { class: "radio block" },
        h("input", { type: "radio", name: "con-policy", id: `con-policy-${p}`, value: p, checked: view.settings.channels === p, disabled: ended }),
        h("strong", {}, t(`fac.comms.${p}`)),
        h("span", { class: "muted small block" }, t(`console.comms.${p}.hint`)),
      ),
    );
    const reads = h("input", { type: "checkbox", id: "con-reads", checked: view.settings.facilitatorReadsPrivate, disabled: ended });
    const says = h("p", { class: "comms-says", "aria-live": "polite" });
    const msg = h("p", { class: "status", "aria-live": "polite" });
    const apply = h("button", { type: "submit", class: "primary", id: "con-comms-apply", disabled: true }, t("console.comms.apply"));
    const wanted = () => ({
      channels: (this.commsForm.querySelector<HTMLInputElement>('input[name="con-policy"]:checked')?.value ?? view.settings.channels) as Policy,
      facilitatorReadsPrivate: reads.checked,
    });
    const sync = () => {
      const text = commsAnnouncement(view, wanted());
      says.textContent = text ? t("console.comms.willSay", { text }) : "";
      says.hidden = !text;
      apply.disabled = !text || ended;
    };
    const fresh = h("form", { class: "comms-form" });
    this.commsForm = fresh;
    replace(
      fresh,
      h("fieldset", {}, h("legend", {}, t("fac.comms.channels")), ...radios),
      h("div", { class: "check" }, reads, h("label", { for: "con-reads" }, t("console.comms.reads"))),
      h("p", { class: "notice", role: "note" }, t("console.comms.public")),
      says,
      h("div", { class: "actions" }, apply),
      msg,
    );
    fresh.addEventListener("change", sync);
    fresh.addEventListener("submit", async (e) => {
      e.preventDefault();
      const w = wanted();
      const text = commsAnnouncement(view, w);
      if (!text) return;
      const change: Extract<FacilitatorCommand, { type: "set-comms" }> = { type: "set-comms" };
      if (w.channels !== view.settings.channels) change.channels = w.channels;
      if (w.facilitatorReadsPrivate !== view.settings.facilitatorReadsPrivate) change.facilitatorReadsPrivate = w.facilitatorReadsPrivate;
      apply.disabled = true;
      const reply = await this.ctx.conn.facilitator(change);
      if (!reply.ok) {
        apply.disabled = false;
        return refusal(msg, errorText(reply.error));
      }
      announce(t("console.comms.done", { text }));
      this.lastDone = t("console.comms.done", { text });
    });
    sync();
    replace(
      this.commsBox,
      h("h3", { id: "rules-comms-h" }, t("console.comms")),
      h(
        "p",
        { class: "comms-now" },
        t("console.comms.now", { policy: t(`fac.comms.${view.settings.channels}`), access: view.settings.facilitatorReadsPrivate ? t("console.comms.now.reads") : t("console.comms.now.private") }),
      ),
      this.lastDone ? h("p", { class: "status status-ok", role: "status" }, this.lastDone) : null,
      fresh,
    );
  }

  private lastDone = "";

  render(view: ClientView) {
    this.renderComms(view);
    this.renderSeats(view);
  }

  /**
   * The seat table: a row is made again only when what it shows changes, so a "Move to…" or
   * "Mute" list the facilitator has open is not closed by another seat's move.
   */
  private renderSeats(view: ClientView) {
    const ended = view.phase === "ended";
    // What every row's lists and buttons depend on besides the row itself.
    const table = JSON.stringify([view.seats.map((s) => [s.id, s.name]), view.settings.teams, ended, view.phase === "lobby"]);
    const now = Date.now();
    const me = this.ctx.store.get().me;
    if (me && me !== this.mutesOf) {
      this.mutesOf = me;
      this.mutes = new Map(Object.entries(me.mutes ?? {}).map(([holder, left]) => [holder, now + left]));
    }
    // The mutes still running of this seat's people (a row is drawn again when one starts or ends).
    const mutedIn = (s: SeatRow) => Object.fromEntries(s.holders.map((x) => [x.id, this.mutes.get(x.id) ?? 0] as const).filter(([, until]) => until > now));
    const rows = seatRows(view.seats).map((s) => ({ s, code: view.rejoinCodes?.[s.id] ?? "", shown: this.codes.isShown(s.id), table, view, muted: mutedIn(s) }));
    this.seatRows.update(this.seatBody, rows);
    const waiting = view.waiting ?? [];
    replaceChanged(this.waitingBox, waiting.length ? h("h4", {}, t("lobby.waiting")) : null, waiting.length ? h("ul", { class: "waiting" }, ...waiting.map((w) => h("li", {}, w.name, " ", this.seatSelect(view, w.id, w.name)))) : null);
    // A row another seat's change left as it was: its lists offer what is free now.
    for (const select of this.el.querySelectorAll<HTMLSelectElement>("select.move-to")) this.fillMoves(select, view);
  }

  /**
   * A person's "Move to…" list: only places the server would accept (`moveTargets`), filled again
   * when those change (`fillMoves`); picking one asks first, saying what becomes of the seat left,
   * and only a yes sends the move.
   */
  private seatSelect(view: ClientView, holder: string, name: string) {
    const id = `con-move-${holder}`;
    const select = h("select", { id, class: "small move-to", "data-holder": holder });
    this.fillMoves(select, view);
    select.addEventListener("change", async () => {
      const [seat, role] = select.value.split("|") as [string, Role | undefined];
      // The list goes back to its prompt whatever the answer (or a refusal), ready to pick again.
      select.value = "";
      const now = this.ctx.view();
      if (!seat || !now) return;
      if (!(await confirmAction(moveQuestion(now, this.ctx.bots, holder, name, { seat, role }), t("console.seats.move.yes", { name }), select, false))) return;
      void this.send({ type: "assign-seat", holder, seat, ...(role ? { roles: [role] } : {}) }, movedText(name, seat, role), this.seatMsg);
    });
    return h("span", { class: "move" }, h("label", { for: id, class: "sr-only" }, t("fac.assign", { name })), select);
  }

  /** A "Move to…" list's options, made again only when where its person may go changed. */
  private fillMoves(select: HTMLSelectElement, view: ClientView) {
    const targets = moveTargets(view, select.dataset.holder!);
    const sig = JSON.stringify(targets);
    if (select.dataset.targets === sig) return;
    select.dataset.targets = sig;
    replace(select, h("option", { value: "" }, t("console.seats.moveTo")), ...targets.map((x) => h("option", { value: x.role ? `${x.seat}|${x.role}` : x.seat }, x.text)));
    select.disabled = !targets.length;
  }

  /**
   * "Free seat" and "Give to a bot" put the seat's people out of it mid-game: a click meant for
   * another row must not. They ask first, as a move does, naming who leaves (`unseatQuestion`);
   * a bot taking a seat nobody holds asks nothing.
   */
  private async unseat(seat: string, to: "free" | "bot", button: HTMLElement) {
    const view = this.ctx.view();
    if (!view) return;
    const question = unseatQuestion(view, this.ctx.bots, seat, to);
    if (question && !(await confirmAction(question, t(to === "free" ? "fac.free" : "fac.toBot"), button))) return;
    if (to === "free") void this.send({ type: "free-seat", seat }, sentence("console.seats.freed", { seat: country(seat) }), this.seatMsg);
    else void this.send({ type: "bot-seat", seat, bot: true }, t("fac.done"), this.seatMsg);
  }

  /** Moderation: for a few minutes a person may read, sign and decline but not write, offer or open channels; the report logs it. */
  private muteSelect(holder: string, name: string) {
    const id = `con-mute-${holder}`;
    const select = h(
      "select",
      { id, class: "small" },
      h("option", { value: "" }, t("mod.mute")),
      ...[5, 10, 30].map((m) => h("option", { value: String(m) }, t("mod.mute.minutes", { minutes: m }))),
      h("option", { value: "0" }, t("mod.mute.lift")),
    );
    select.addEventListener("change", () => {
      if (!select.value) return;
      const minutes = Number(select.value);
      select.value = "";
      void this.send({ type: "mute", holder, minutes }, minutes ? t("mod.muted.done", { name, minutes }) : t("mod.unmuted.done", { name }), this.seatMsg).then((done) => {
        if (!done) return;
        if (minutes) this.mutes.set(holder, Date.now() + minutes * 60_000);
        else this.mutes.delete(holder);
        const view = this.ctx.view();
        if (view) this.renderSeats(view);
      });
    });
    return h("span", { class: "move" }, h("label", { for: id, class: "sr-only" }, t("mod.mute.label", { name })), select);
  }

  private seatRow({ s, code, view, muted }: SeatTableRow): Element {
    const ended = view.phase === "ended";
    const state = seatState({ bot: s.bot, people: s.holders.length, connected: s.holders.filter((x) => x.connected).length }, { phase: view.phase, bots: this.ctx.bots });
    return h(
      "tr",
      {},
      h("th", { scope: "row" }, h("span", { class: `swatch bloc-${s.bloc}`, "aria-hidden": "true" }), s.name),
      h(
        "td",
        { class: "small" },
        s.holders.length
          ? s.holders.map((x) =>
              h(
                "div",
                { class: "holder" },
                h("span", { class: x.connected ? "online" : "offline", "aria-hidden": "true" }, x.connected ? "● " : "○ "),
                x.name,
                ministriesAside(view.settings.teams, x.roles),
                h("span", { class: "sr-only" }, ` ${x.connected ? t("conn.connected") : t("lobby.offline")}`),
                " ",
                this.seatSelect(view, x.id, x.name),
                muted[x.id] ? h("span", { class: "badge muted-badge", id: `con-muted-${x.id}` }, t("mod.mutedUntil", { time: timeOfDay(muted[x.id]!) })) : null,
                " ",
                this.muteSelect(x.id, x.name),
              ),
            )
          : h("span", { class: "muted" }, t(`console.state.${state}`)),
      ),
      h("td", { class: "rejoin" }, this.codes.cell({ key: s.id, code, name: s.name, id: `con-code-${s.id}` })),
      // A table cell on every row, even with no button in it (an ".actions" flex box would not be one).
      h(
        "td",
        { class: "seat-actions small" },
        s.holders.length && !ended ? h("button", { type: "button", class: "link", id: `con-free-${s.id}`, onclick: (e: Event) => void this.unseat(s.id, "free", e.currentTarget as HTMLElement) }, t("fac.free")) : null,
        s.bot && !ended
          ? h("button", { type: "button", class: "link", id: `con-unbot-${s.id}`, onclick: () => this.send({ type: "bot-seat", seat: s.id, bot: false }, t("fac.done"), this.seatMsg) }, t("fac.fromBot"))
          : view.phase !== "lobby" && !ended
            ? h("button", { type: "button", class: "link", id: `con-bot-${s.id}`, onclick: (e: Event) => void this.unseat(s.id, "bot", e.currentTarget as HTMLElement) }, t("fac.toBot"))
            : null,
      ),
    );
  }
}
