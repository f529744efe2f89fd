/**
 * The projector's side column: the event, the table's metrics, agreements in force, the
 * plenary, the scoreboard — all public, nothing private, in type large enough for a room.
 */
import type { ClientView } from "../../shared/protocol/view.ts";
import { label, t } from "../i18n/index.ts";
import { author, messagesIn } from "../model/channels.ts";
import { describeDeal } from "../model/deals.ts";
import type { Panel, UiContext } from "./context.ts";
import { emojiText } from "./emoji.ts";
import { h, replace } from "./dom.ts";
import { outcomeBox, scoreboard } from "./review-panel.ts";
import { tableMetricsList } from "./world-panel.ts";

export class ObserverPanel implements Panel {
  readonly el = h("div", { class: "panel observer-panel" });
  constructor(readonly ctx: UiContext) {}

  render(view: ClientView) {
    const live = view.agreements.filter((a) => a.status === "in-force" || a.status === "signed");
    const plenary = [...messagesIn(view, "plenary"), ...messagesIn(view, "broadcast")].sort((a, b) => a.id - b.id).slice(-12);
    replace(
      this.el,
      tableMetricsList(view, "obs"),
      outcomeBox(view),
      h(
        "section",
        { "aria-labelledby": "obs-live" },
        h("h2", { id: "obs-live" }, t("obs.inForce")),
        live.length ? h("ul", { class: "obs-deals" }, ...live.map((a) => h("li", {}, h("strong", {}, `${label("type", a.type)}: `), describeDeal(a)))) : h("p", { class: "muted" }, t("obs.inForce.none")),
      ),
      h(
        "section",
        { "aria-labelledby": "obs-plenary" },
        h("h2", { id: "obs-plenary" }, t("obs.plenary")),
        plenary.length
          ? h("ol", { class: "messages", role: "log" }, ...plenary.map((m) => h("li", { class: `message${m.from.facilitator ? " facilitator" : ""}` }, h("span", { class: "meta" }, h("span", { class: "who" }, author(view, m))), m.deleted ? h("span", { class: "text deleted" }, t("mod.deleted")) : h("span", { class: "text" }, ...emojiText(m.text)))))
          : h("p", { class: "muted" }, t("talks.empty")),
      ),
      scoreboard(view),
    );
  }
}
