/** The waiting room: the code to share, who holds which seat, which seats bots will take. */
import type { ClientView } from "../../shared/protocol/view.ts";
import { label, t, errorText } from "../i18n/index.ts";
import { seatRows } from "../model/lobby.ts";
import { isLoopback, joinAddress } from "../model/join-address.ts";
import { networkAddresses } from "../net/http.ts";
import type { Panel, UiContext } from "./context.ts";
import { joinScreen } from "./class/join-screen.ts";
import { h, replaceChanged, status } from "./dom.ts";
import { privacyText } from "./talks-panel.ts";
import { projectorLink } from "./widgets.ts";
import { ministriesAside } from "../model/format.ts";

export class LobbyPanel implements Panel {
  readonly el = h("div", { class: "panel lobby-panel" });
  /** The server's network addresses, asked once when this page is on localhost (../model/join-address.ts); undefined until known. */
  private lan: string[] | undefined;
  private last: ClientView | undefined;
  constructor(private ctx: UiContext) {
    if (isLoopback(window.location.hostname))
      void networkAddresses().then((lan) => {
        this.lan = lan;
        if (this.last) this.render(this.last);
      });
  }

  render(view: ClientView) {
    this.last = view;
    const me = view.viewer.kind === "seat" ? view.viewer.seat : undefined;
    // A table of a class: newcomers join the class, which places them, not this table directly.
    const inClass = this.ctx.classTable;
    const joinCode = inClass?.classCode ?? view.code;
    // Opened as localhost (the facilitator's own laptop), the link names where phones reach it instead.
    const where = joinAddress(window.location, this.lan);
    const url = `${where.host}/${joinCode}`;
    const msg = h("p", { class: "status" });
    const facilitator = view.viewer.kind === "facilitator";
    const start =
      facilitator
        ? h(
            "button",
            {
              type: "button",
              class: "primary big",
              id: "lobby-start",
              onclick: async () => {
                const reply = await this.ctx.conn.facilitator({ type: "start" });
                if (!reply.ok) status(msg, errorText(reply.error), "error");
              },
            },
            t("lobby.start"),
          )
        : h("p", {}, this.ctx.store.get().me?.kind === "player" && view.viewer.kind === "observer" ? t("lobby.unseated") : t("lobby.waitStart"));
    replaceChanged(
      this.el,
      h("h2", {}, inClass ? t("lobby.classTitle", { table: inClass.table }) : t("lobby.title")),
      // On the projector: the join screen with its QR code; for people (an observer at their own screen too), the code and link.
      this.ctx.projector
        ? joinScreen(joinCode, inClass ? t("class.join.title") : t("class.join.gameTitle"), { after: this.ctx.boardShown, where })
        : h(
            "div",
            { class: "share" },
            h("p", {}, inClass ? t("lobby.classShare", { url }) : t("lobby.share", { url })),
            h("p", { class: "code-big", "aria-label": joinCode.split("").join(" ") }, joinCode),
            this.ctx.store.get().me?.kind === "facilitator" ? h("p", {}, projectorLink(view.code, "lobby-watch")) : null,
            // The facilitator of a game among friends often plays too: a seat is taken from the join page, in a tab of its own.
            this.ctx.store.get().me?.kind === "facilitator"
              ? h("p", {}, t("lobby.playToo"), t("misc.sentenceJoin"), h("a", { href: `/${view.code}?as=player`, target: "_blank", rel: "noopener", id: "lobby-play" }, t("lobby.playToo.link")))
              : null,
          ),
      h("p", { class: "muted" }, view.scenario.title, " · ", t("lobby.settings", { teams: view.settings.teams ? t("lobby.on") : t("lobby.off"), bots: this.ctx.bots ? t("lobby.on") : t("lobby.off"), rounds: view.settings.rounds })),
      // The facilitator's start above the seats: a table of thirteen would push it below the fold.
      facilitator ? h("div", { class: "lobby-start" }, start, msg) : null,
      h(
        "table",
        { class: "seat-table" },
        h("caption", { class: "sr-only" }, t("lobby.seats")),
        h("thead", {}, h("tr", {}, h("th", { scope: "col" }, t("lobby.seat")), h("th", { scope: "col" }, t("lobby.holders")))),
        h(
          "tbody",
          {},
          ...seatRows(view.seats).map((s) =>
            h(
              "tr",
              { class: s.id === me ? "mine" : "" },
              h("th", { scope: "row" }, h("span", { class: `swatch bloc-${s.bloc}`, "aria-hidden": "true" }), s.name, h("span", { class: "muted small" }, ` · ${label("bloc", s.bloc)}`)),
              h(
                "td",
                {},
                s.holders.length
                  ? s.holders.map((x) =>
                      h(
                        "div",
                        {},
                        x.name,
                        ministriesAside(view.settings.teams, x.roles, s.holders.map((y) => y.roles)),
                        // "(you)" as every list says it: " (you)" in English, "（你）" flush in Chinese (misc.aside), no space before the full-width bracket.
                        s.id === me ? t("misc.aside", { text: t("misc.you") }) : "",
                        x.connected ? "" : h("span", { class: "muted" }, ` · ${t("lobby.offline")}`),
                      ),
                    )
                  : h("span", { class: "muted" }, this.ctx.bots ? t("lobby.botWill") : t("lobby.botNot")),
              ),
            ),
          ),
        ),
      ),
      view.waiting?.length ? h("p", {}, h("strong", {}, t("lobby.waiting"), t("misc.colon")), view.waiting.map((w) => w.name).join(t("misc.comma"))) : null,
      h("p", { class: "privacy-note" }, privacyText(view)),
      facilitator ? null : start,
      facilitator ? null : msg,
    );
  }
}
