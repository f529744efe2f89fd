/**
 * The control cell: pace the game (start, pause, extend, end a phase, end the game), set the
 * communication rules, rule on free-form actions, play or schedule event cards, write custom
 * ones, broadcast, and manage seats (free, give to a bot, move a player, rejoin codes).
 * Forms are built once; only the lists are redrawn when the state changes.
 */
import type { FacilitatorCommand } from "../../shared/protocol/messages.ts";
import type { ClientView } from "../../shared/protocol/view.ts";
import { label, list, t, errorText } from "../i18n/index.ts";
import { seatRows } from "../model/lobby.ts";
import { cardTitle } from "../model/facilitator.ts";
import type { Panel, UiContext } from "./context.ts";
import { announce, h, replace, status } from "./dom.ts";
import { effectsEditor } from "./effects-editor.ts";
import { matrixRulings } from "./matrix.ts";
import { createShare } from "../net/http.ts";
import { facilitatorLinks } from "../model/report.ts";

export class FacilitatorPanel implements Panel {
  readonly el = h("div", { class: "panel facilitator-panel" });
  private phaseBox = h("section", { class: "fac-phase", "aria-labelledby": "fac-phase-h" });
  private commsBox = h("section", { class: "fac-comms" });
  private rulingsBox = h("div", {});
  private deckBox = h("section", { "aria-labelledby": "fac-deck-h" });
  private customBox = h("details", { class: "fac-custom" });
  private broadcastBox = h("section", { "aria-labelledby": "fac-bc-h" });
  private seatsBox = h("section", { "aria-labelledby": "fac-seats-h" });
  private secretsBox = h("details", { class: "fac-secrets" });
  private reportBox = h("section", { class: "fac-report", "aria-labelledby": "fac-report-h" });
  private msg = h("p", { class: "status", "aria-live": "polite" });
  private built = false;
  private msgTimer?: ReturnType<typeof setTimeout>;

  constructor(private ctx: UiContext) {
    this.el.append(
      h("h2", {}, t("fac.title")),
      this.msg,
      this.phaseBox,
      this.rulingsBox,
      this.deckBox,
      this.customBox,
      this.broadcastBox,
      this.commsBox,
      this.seatsBox,
      this.secretsBox,
      this.reportBox,
    );
  }

  private async send(command: FacilitatorCommand, done = t("fac.done")) {
    const reply = await this.ctx.conn.facilitator(command);
    clearTimeout(this.msgTimer);
    if (reply.ok) {
      status(this.msg, done, "ok");
      announce(done);
      this.msgTimer = setTimeout(() => (this.msg.textContent = ""), 4000);
    } else status(this.msg, errorText(reply.error), "error");
    return reply.ok;
  }

  private buildForms(view: ClientView) {
    this.built = true;
    // Custom event card
    const title = h("input", { id: "custom-title", maxlength: 100 });
    const text = h("textarea", { id: "custom-text", rows: 3, maxlength: 600 });
    const effects = effectsEditor(view, "custom");
    const when = h("select", { id: "custom-round" }, h("option", { value: "" }, t("fac.custom.now")));
    for (let r = 2; r <= Math.max(view.settings.rounds, 2); r++) when.append(h("option", { value: r }, t("fac.custom.later", { round: r })));
    const cmsg = h("p", { class: "status" });
    const form = h(
      "form",
      { class: "custom-form" },
      h("div", { class: "field" }, h("label", { for: "custom-title" }, t("fac.custom.title")), title),
      h("div", { class: "field" }, h("label", { for: "custom-text" }, t("fac.custom.text")), text),
      effects.el,
      h("div", { class: "field inline" }, h("label", { for: "custom-round" }, t("fac.custom.round")), when),
      h("button", { type: "submit", class: "primary" }, t("fac.custom.submit")),
      cmsg,
    );
    form.addEventListener("submit", async (e) => {
      e.preventDefault();
      const round = when.value ? Number(when.value) : undefined;
      const reply = await this.ctx.conn.facilitator({ type: "custom-event", title: title.value, text: text.value, effects: effects.value(), ...(round ? { round } : {}) });
      if (!reply.ok) return status(cmsg, errorText(reply.error), "error");
      status(cmsg, round ? t("fac.custom.scheduled", { round }) : t("fac.custom.played"), "ok");
      title.value = "";
      text.value = "";
    });
    replace(this.customBox, h("summary", {}, t("fac.custom")), form);

    // Broadcast
    const bc = h("textarea", { id: "broadcast-text", rows: 2, maxlength: 1000 });
    const bmsg = h("p", { class: "status" });
    const bform = h("form", {}, h("label", { for: "broadcast-text" }, t("fac.broadcast")), bc, h("button", { type: "submit" }, t("fac.broadcast.submit")), bmsg);
    bform.addEventListener("submit", async (e) => {
      e.preventDefault();
      const reply = await this.ctx.conn.facilitator({ type: "broadcast", text: bc.value });
      if (!reply.ok) return status(bmsg, errorText(reply.error), "error");
      bc.value = "";
      status(bmsg, t("fac.done"), "ok");
    });
    replace(this.broadcastBox, h("h3", { id: "fac-bc-h", class: "sr-only" }, t("fac.broadcast")), bform);
    this.buildReport();
  }

  private buildReport() {
    const key = this.ctx.memory.get(this.ctx.code).facilitator?.key;
    if (!key) return;
    const links = facilitatorLinks(this.ctx.code, key);
    const out = h("div", {});
    const make = h("button", { type: "button", id: "report-share" }, t("fac.report.share"));
    make.addEventListener("click", async () => {
      make.disabled = true;
      const made = await createShare(this.ctx.code, key);
      make.disabled = false;
      if (!made.ok) return status(out, made.message, "error");
      const url = `${window.location.origin}${made.value.links.html}`;
      const ended = this.ctx.view()?.phase === "ended";
      const post = h("button", { type: "button", id: "report-post", disabled: ended, title: ended ? t("fac.report.afterEnd") : undefined }, t("fac.report.post"));
      post.addEventListener("click", () => void this.send({ type: "broadcast", text: t("fac.report.posted", { url }) }));
      replace(out, h("p", { class: "small" }, t("fac.report.made")), h("p", {}, h("a", { href: url, target: "_blank", rel: "noopener" }, url)), post);
    });
    replace(
      this.reportBox,
      h("h3", { id: "fac-report-h" }, t("fac.report")),
      h("p", { class: "small muted" }, t("fac.report.intro")),
      h(
        "p",
        { class: "actions" },
        h("a", { href: links.html, target: "_blank", rel: "noopener", class: "button", id: "report-open" }, t("fac.report.open")),
        h("a", { href: links.csv, class: "button" }, t("fac.report.csv")),
        h("a", { href: links.log, target: "_blank", rel: "noopener", class: "button" }, t("fac.report.log")),
      ),
      make,
      out,
    );
  }

  render(view: ClientView) {
    if (!this.built) this.buildForms(view);
    const ended = view.phase === "ended";
    const b = (id: string, text: string, command: FacilitatorCommand, cls = "", confirm?: string) =>
      h(
        "button",
        {
          type: "button",
          id,
          class: cls,
          onclick: () => {
            if (confirm && !window.confirm(confirm)) return;
            void this.send(command);
          },
        },
        text,
      );
    replace(
      this.phaseBox,
      h("h3", { id: "fac-phase-h" }, t("fac.phase"), ": ", label("phase.title", view.phase), view.round ? ` · ${t("bar.round", { round: view.round, rounds: view.settings.rounds })}` : ""),
      h(
        "div",
        { class: "actions" },
        view.phase === "lobby" ? b("fac-start", t("fac.start"), { type: "start" }, "primary") : null,
        !ended && view.phase !== "lobby" ? (view.paused ? b("fac-resume", t("fac.resume"), { type: "resume" }, "primary") : b("fac-pause", t("fac.pause"), { type: "pause" })) : null,
        !ended && view.phase !== "lobby" ? b("fac-extend1", t("fac.extend", { minutes: 1 }), { type: "extend", seconds: 60 }) : null,
        !ended && view.phase !== "lobby" ? b("fac-extend5", t("fac.extend", { minutes: 5 }), { type: "extend", seconds: 300 }) : null,
        !ended && view.phase !== "lobby" ? b("fac-advance", t("fac.advance"), { type: "advance" }, "primary") : null,
        !ended ? b("fac-end", t("fac.endGame"), { type: "end-game" }, "danger", t("fac.endGame.confirm")) : null,
      ),
      h(
        "p",
        { class: "small" },
        h("a", { href: `/${this.ctx.code}/watch`, target: "_blank", rel: "noopener" }, t("fac.observerLink.open")),
      ),
    );
    replace(this.rulingsBox, matrixRulings(this.ctx, view));

    const deck = view.deckRemaining ?? [];
    const canPlay = view.phase === "event" || view.phase === "negotiation";
    replace(
      this.deckBox,
      h("h3", { id: "fac-deck-h" }, t("fac.deck"), ` (${deck.length})`),
      deck.length
        ? h(
            "ul",
            { class: "deck" },
            ...deck.map((id) =>
              h(
                "li",
                {},
                h("span", {}, cardTitle(id, view.deckCards)),
                " ",
                h("button", { type: "button", id: `play-${id}`, disabled: !canPlay, onclick: () => this.send({ type: "play-event", cardId: id }) }, t("fac.play")),
                view.round < view.settings.rounds && !ended
                  ? h("button", { type: "button", class: "link", id: `sched-${id}`, onclick: () => this.send({ type: "play-event", cardId: id, round: view.round + 1 }, t("fac.custom.scheduled", { round: view.round + 1 })) }, t("fac.custom.later", { round: view.round + 1 }))
                  : null,
              ),
            ),
          )
        : h("p", { class: "muted" }, t("fac.deck.none")),
      view.scheduled?.length ? h("p", { class: "small" }, view.scheduled.map((s) => `R${s.round}: ${s.card.title}`).join(" · ")) : null,
    );

    const policy = h(
      "select",
      { id: "comms-policy" },
      ...(["open", "same-bloc", "closed"] as const).map((p) => h("option", { value: p, selected: view.settings.channels === p }, t(`fac.comms.${p}`))),
    );
    policy.addEventListener("change", () => this.send({ type: "set-comms", channels: policy.value as "open" | "same-bloc" | "closed" }));
    const reads = h("input", { type: "checkbox", id: "comms-reads", checked: view.settings.facilitatorReadsPrivate });
    reads.addEventListener("change", () => this.send({ type: "set-comms", facilitatorReadsPrivate: reads.checked }));
    replace(
      this.commsBox,
      h("h3", {}, t("fac.comms")),
      h("div", { class: "field inline" }, h("label", { for: "comms-policy" }, t("fac.comms.channels")), policy),
      h("div", { class: "check" }, reads, h("label", { for: "comms-reads" }, t("start.facilitatorReadsPrivate"))),
    );

    const rows = seatRows(view.seats);
    replace(
      this.seatsBox,
      h("h3", { id: "fac-seats-h" }, t("fac.seats")),
      h(
        "table",
        { class: "seat-table" },
        h("thead", {}, h("tr", {}, h("th", { scope: "col" }, t("lobby.seat")), h("th", { scope: "col" }, t("lobby.holders")), h("th", { scope: "col" }, t("fac.rejoin")), h("th", { scope: "col" }, h("span", { class: "sr-only" }, t("fac.seats"))))),
        h(
          "tbody",
          {},
          ...rows.map((s) =>
            h(
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
                        h("span", { class: x.connected ? "online" : "offline", title: x.connected ? t("conn.connected") : t("lobby.offline") }, x.connected ? "● " : "○ "),
                        x.name,
                        view.settings.teams && x.roles.length ? ` (${x.roles.map((r) => label("role", r)).join(", ")})` : "",
                        x.connected ? "" : ` · ${t("lobby.offline")}`,
                        " ",
                        moveSelect(this, view, x.id, x.name, s.id),
                      ),
                    )
                  : s.bot
                    ? t("lobby.botWill")
                    : t("lobby.nobody"),
              ),
              h("td", {}, h("code", {}, view.rejoinCodes?.[s.id] ?? "")),
              h(
                "td",
                { class: "actions small" },
                s.holders.length ? h("button", { type: "button", class: "link", id: `free-${s.id}`, onclick: () => this.send({ type: "free-seat", seat: s.id }) }, t("fac.free")) : null,
                s.bot
                  ? h("button", { type: "button", class: "link", id: `unbot-${s.id}`, onclick: () => this.send({ type: "bot-seat", seat: s.id, bot: false }) }, t("fac.fromBot"))
                  : view.phase !== "lobby" && !ended
                    ? h("button", { type: "button", class: "link", id: `bot-${s.id}`, onclick: () => this.send({ type: "bot-seat", seat: s.id, bot: true }) }, t("fac.toBot"))
                    : null,
              ),
            ),
          ),
        ),
      ),
    );

    if (view.waiting?.length)
      this.seatsBox.append(
        h("h4", {}, t("lobby.waiting")),
        h("ul", { class: "waiting" }, ...view.waiting.map((w) => h("li", {}, w.name, " ", moveSelect(this, view, w.id, w.name, "")))),
      );
    const secrets = view.countries.filter((c) => c.secret);
    replace(
      this.secretsBox,
      h("summary", {}, t("fac.secrets")),
      h("ul", {}, ...secrets.map((c) => h("li", {}, h("strong", {}, c.name), ": ", c.secret!.text))),
    );
    void list;
  }

  move(holder: string, seat: string) {
    void this.send({ type: "assign-seat", holder, seat });
  }
}

function moveSelect(panel: FacilitatorPanel, view: ClientView, holder: string, name: string, current: string) {
  const id = `move-${holder}`;
  const select = h("select", { id, class: "small" }, h("option", { value: "" }, "—"), ...view.seats.filter((s) => s.id !== current).map((s) => h("option", { value: s.id }, s.name)));
  select.addEventListener("change", () => select.value && panel.move(holder, select.value));
  return h("span", { class: "move" }, h("label", { for: id, class: "sr-only" }, t("fac.assign", { name })), select);
}
