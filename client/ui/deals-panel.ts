/**
 * The Deals panel: the button to the deal builder, offers waiting for me, and the ledger of
 * every agreement this viewer may see with its status, signatures and fate.
 */
import type { ClientView } from "../../shared/protocol/view.ts";
import { label, t } from "../i18n/index.ts";
import { allowedTypes } from "../model/deal-form.ts";
import { askableBot, describeDeal, durationText, fate, ledger, pendingForMe, countryName } from "../model/deals.ts";
import type { Panel, UiContext } from "./context.ts";
import { h, replace } from "./dom.ts";
import { dealCard } from "./widgets.ts";
import { playerMatrix } from "./matrix/player-matrix.ts";

type Filter = "all" | "mine" | "live";

export class DealsPanel implements Panel {
  readonly el = h("div", { class: "panel deals-panel" });
  private filter: Filter = "all";
  constructor(private ctx: UiContext) {}

  render(view: ClientView) {
    const me = view.viewer.kind === "seat" ? view.viewer.seat : undefined;
    const canPropose = !!me && view.phase === "negotiation" && allowedTypes(view).length > 0;
    const pending = pendingForMe(view);
    const rows = ledger([...view.agreements], this.filter, me);
    const newButton = h("button", { type: "button", id: "new-deal", class: "primary", disabled: !canPropose }, t("deals.new"));
    newButton.addEventListener("click", () => this.ctx.openBuilder(undefined, newButton));
    const filters = h(
      "div",
      { class: "filters", role: "radiogroup", "aria-label": t("deals.filter") },
      h("span", { class: "muted" }, t("deals.filter"), t("misc.colon")),
      ...(["all", "mine", "live"] as Filter[])
        .filter((f) => f !== "mine" || me)
        .map((f) =>
          h(
            "button",
            { type: "button", id: `filter-${f}`, role: "radio", "aria-checked": String(this.filter === f), class: this.filter === f ? "chip selected" : "chip", onclick: () => ((this.filter = f), this.render(view)) },
            t(`deals.filter.${f}`),
          ),
        ),
    );
    replace(
      this.el,
      me
        ? h(
            "div",
            { class: "deals-top" },
            newButton,
            !canPropose && view.phase !== "negotiation" ? h("p", { class: "hint" }, t("deals.onlyNegotiation")) : null,
          )
        : null,
      me
        ? h(
            "section",
            { "aria-labelledby": "offers-h" },
            h("h2", { id: "offers-h" }, t("deals.pending"), pending.length ? h("span", { class: "count" }, String(pending.length)) : null),
            pending.length ? h("div", { class: "deal-list" }, ...pending.map((a) => dealCard(this.ctx, view, a, { scope: "offer" }))) : h("p", { class: "muted" }, t("deals.pending.none")),
          )
        : null,
      h(
        "section",
        { "aria-labelledby": "ledger-h" },
        h("h2", { id: "ledger-h" }, t("deals.ledger")),
        filters,
        rows.length
          ? h(
              "div",
              { class: "deal-list ledger" },
              ...rows.map((a) => {
                const live = a.status === "proposed" || a.status === "signed" || a.status === "in-force";
                if (live && me && a.parties.includes(me) && !pending.includes(a)) return dealCard(this.ctx, view, a, { scope: "ledger" });
                // A refusal from a bot can be asked about: "what would it take?"
                if (a.status === "declined" && askableBot(view, a)) return dealCard(this.ctx, view, a, { scope: "ledger" });
                return h(
                  "article",
                  { class: `deal compact deal-${a.status}` },
                  h("header", {}, h("strong", {}, `${a.id} · ${label("type", a.type)}`), " ", h("span", { class: `badge status-${a.status}` }, label("status", a.status)), " ", h("span", { class: "muted small" }, durationText(a))),
                  h("p", {}, describeDeal(a)),
                  h(
                    "p",
                    { class: "muted small" },
                    t("deals.signed", { signed: a.signatures.length, total: a.parties.length }),
                    a.brokenBy ? ` · ${t("deals.step.withdrawn", { by: countryName(view, a.brokenBy) })}` : "",
                    fate(view, a) ? ` · ${fate(view, a)}` : "",
                  ),
                );
              }),
            )
          : h("p", { class: "muted" }, t("deals.ledger.none")),
      ),
      playerMatrix(this.ctx, view),
    );
  }
}
