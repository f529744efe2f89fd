/**
 * The Deals panel: the button to the deal builder, offers waiting for me, and the ledger of
 * every agreement this viewer may see with its status, signatures and fate. Built once; each
 * deal's card is made again only when something it shows changed, so a long game's ledger costs
 * nothing on a patch about something else, and a card's preview or a button under a finger stays.
 */
import type { Agreement } from "../../shared/engine/types.ts";
import type { ClientView } from "../../shared/protocol/view.ts";
import { label, t } from "../i18n/index.ts";
import { allowedTypes } from "../model/deal-form.ts";
import { ministries } from "../model/format.ts";
import { ROLES } from "../../shared/engine/vocabulary.ts";
import { askableBot, dealActions, declineWord, describeDeal, durationText, fate, lastWord, ledger, pendingForMe } from "../model/deals.ts";
import type { Panel, UiContext } from "./context.ts";
import { h, keepChildren, KeyedRows, setAttr, setText } from "./dom.ts";
import { dealCard } from "./widgets.ts";
import type { DealSent } from "./deal-builder.ts";
import { playerMatrix } from "./matrix/player-matrix.ts";

type Filter = "all" | "mine" | "live";
const FILTERS: Filter[] = ["all", "mine", "live"];

/** A row of a list: the deal, the view it was drawn from, and whether it is a full card. */
type Row = { a: Agreement; view: ClientView; card: boolean };

const me = (view: ClientView) => (view.viewer.kind === "seat" ? view.viewer.seat : undefined);

/** Everything a full card shows beside the deal itself: its buttons, the last word on it, the phase. */
function cardSignature({ a, view }: Row): string {
  const seat = me(view);
  return JSON.stringify([a, view.phase, seat, dealActions(view, a), lastWord(a, seat) ?? "", askableBot(view, a) ?? "", !!view.settings.teams]);
}

export class DealsPanel implements Panel {
  readonly el = h("div", { class: "panel deals-panel" });
  private filter: Filter = "all";
  private newButton = h("button", { type: "button", id: "new-deal", class: "primary" }, t("deals.new"));
  private onlyHint = h("p", { class: "hint" }, t("deals.onlyNegotiation"));
  private top = h("div", { class: "deals-top" }, this.newButton, this.onlyHint);
  private offersCount = h("span", { class: "count" });
  private offersList = h("div", { class: "deal-list" });
  private offersNone = h("p", { class: "muted" }, t("deals.pending.none"));
  private offersBox = h("section", { "aria-labelledby": "offers-h" }, h("h2", { id: "offers-h" }, t("deals.pending"), this.offersCount), this.offersList, this.offersNone);
  private filterButtons = new Map<Filter, HTMLButtonElement>();
  private ledgerList = h("div", { class: "deal-list ledger" });
  private ledgerNone = h("p", { class: "muted" }, t("deals.ledger.none"));
  private matrixSlot = h("div", {});
  private ledgerHeading = h("h2", { id: "ledger-h" }, t("deals.ledger"));
  /** The deals there were when "Propose a deal" was pressed, and whether the focus waits for the new one's card. */
  private known = new Set<string>();
  private awaitingOwn = false;
  private offers: KeyedRows<Row>;
  private rows: KeyedRows<Row>;

  constructor(private ctx: UiContext) {
    this.newButton.addEventListener("click", () => {
      this.known = new Set(this.ctx.view()?.agreements.map((a) => a.id));
      this.awaitingOwn = false;
      this.ctx.openBuilder(undefined, this.newButton);
    });
    // Proposed: the focus goes to the new offer's card in the ledger (or its heading until the card
    // comes), not back to "Propose a deal", where a second Enter opened a new, empty builder.
    this.newButton.addEventListener("deal-sent", (e) => {
      const sent = (e as CustomEvent<DealSent>).detail;
      if (!sent.proposed) return;
      const card = this.ownNewCard();
      this.awaitingOwn = !card;
      sent.focus = card ?? this.ledgerHeading;
      if (!sent.focus.hasAttribute("tabindex")) sent.focus.setAttribute("tabindex", "-1");
    });
    const filters = h(
      "div",
      { class: "filters", role: "radiogroup", "aria-label": t("deals.filter") },
      h("span", { class: "muted" }, t("deals.filter"), t("misc.colon")),
      ...FILTERS.map((f) => {
        const b = h("button", { type: "button", id: `filter-${f}`, role: "radio" }, t(`deals.filter.${f}`));
        b.addEventListener("click", () => {
          this.filter = f;
          const v = this.ctx.view();
          if (v) this.render(v);
        });
        this.filterButtons.set(f, b);
        return b;
      }),
    );
    this.offers = new KeyedRows(
      (r) => r.a.id,
      cardSignature,
      (r) => dealCard(this.ctx, r.view, r.a, { scope: "offer" }),
    );
    this.rows = new KeyedRows(
      (r) => `${r.card ? "card" : "line"}:${r.a.id}`,
      (r) => (r.card ? cardSignature(r) : JSON.stringify([r.a, fate(r.view, r.a), declineWord(r.a, me(r.view)) ?? ""])),
      (r) => (r.card ? dealCard(this.ctx, r.view, r.a, { scope: "ledger" }) : ledgerLine(r.view, r.a)),
    );
    this.el.append(this.top, this.offersBox, h("section", { "aria-labelledby": "ledger-h" }, this.ledgerHeading, filters, this.ledgerList, this.ledgerNone), this.matrixSlot);
  }

  render(view: ClientView) {
    // Past deals and each deal's whole history: fetched when a client that came later opens this panel.
    this.ctx.conn.need("deals");
    const seat = me(view);
    const canPropose = !!seat && view.phase === "negotiation" && allowedTypes(view).length > 0;
    const pending = pendingForMe(view);
    this.top.hidden = !seat;
    this.offersBox.hidden = !seat;
    this.newButton.disabled = !canPropose;
    this.onlyHint.hidden = canPropose || view.phase === "negotiation";
    // The offer whose button has the focus (Sign, Decline): when it leaves the list, the focus goes on from it.
    const active = document.activeElement instanceof HTMLElement && this.offersList.contains(document.activeElement) ? document.activeElement : undefined;
    const from = active?.closest<HTMLElement>("[data-deal]");
    const left = from ? { id: from.dataset.deal!, at: [...this.offersList.children].indexOf(from) } : undefined;
    if (seat) {
      setText(this.offersCount, pending.length ? String(pending.length) : "");
      this.offersCount.hidden = !pending.length;
      this.offers.update(
        this.offersList,
        pending.map((a) => ({ a, view, card: true })),
      );
      this.offersList.hidden = !pending.length;
      this.offersNone.hidden = !!pending.length;
      // In a team, an offer of another ministry is a teammate's: the empty list says so, as the ledger's card of it does.
      const roles = view.viewer.kind === "seat" ? view.viewer.roles : [];
      setText(this.offersNone, view.settings.teams && roles.length < ROLES.length ? t("deals.pending.none.team", { roles: ministries(roles) }) : t("deals.pending.none"));
    }
    if (this.filter === "mine" && !seat) this.filter = "all";
    for (const [f, b] of this.filterButtons) {
      b.hidden = f === "mine" && !seat;
      setAttr(b, "aria-checked", String(this.filter === f));
      const cls = this.filter === f ? "chip selected" : "chip";
      if (b.className !== cls) b.className = cls;
    }
    const rows = ledger([...view.agreements], this.filter, seat, view.round).map((a): Row => {
      const live = a.status === "proposed" || a.status === "signed" || a.status === "in-force";
      // My live deals, and a refusal from a bot (which can be asked "what would it take?"), as cards.
      const card = (live && !!seat && a.parties.includes(seat) && !pending.includes(a)) || (a.status === "declined" && !!askableBot(view, a));
      return { a, view, card };
    });
    this.rows.update(this.ledgerList, rows);
    this.ledgerList.hidden = !rows.length;
    this.ledgerNone.hidden = !!rows.length;
    const matrix = playerMatrix(this.ctx, view);
    keepChildren(this.matrixSlot, matrix ? [matrix] : []);
    if (left && !this.el.contains(document.activeElement)) this.focusAfter(left);
    if (this.awaitingOwn) {
      const card = this.ownNewCard();
      if (card) {
        this.awaitingOwn = false;
        const at = document.activeElement;
        if (at === this.ledgerHeading || at === document.body || !at) focusOn(card);
      }
    }
  }

  /** The card of the offer I proposed last, once the ledger has it: a deal of my country's not there when the builder opened. */
  private ownNewCard(): HTMLElement | undefined {
    const view = this.ctx.view();
    const seat = view && me(view);
    const mine = seat ? view.agreements.filter((a) => a.proposedBy === seat && !this.known.has(a.id)).at(-1) : undefined;
    return (mine && this.ledgerList.querySelector<HTMLElement>(`:scope > [data-deal="${CSS.escape(mine.id)}"]`)) || undefined;
  }

  /**
   * An offer left "Offers for you" under the focus (signed, declined, gone): the focus goes to the
   * card of the offer now in its place, else to that deal's card in the ledger, else to the list's
   * heading; never to the page, which a keyboard user had to start from again and a screen reader
   * read out over "You signed A16". A card, not its Sign button: a quick second Enter, meant for
   * the first offer, would have signed the next one.
   */
  private focusAfter(left: { id: string; at: number }) {
    const cards = [...this.offersList.querySelectorAll<HTMLElement>(":scope > [data-deal]")];
    const next = this.offersList.hidden ? undefined : (cards[left.at] ?? cards.at(-1));
    const card = next ?? this.ledgerList.querySelector<HTMLElement>(`:scope > [data-deal="${CSS.escape(left.id)}"]`);
    focusOn(card ?? this.offersBox.querySelector<HTMLElement>("#offers-h")!);
  }
}

/** Focuses an element, a card or a heading made focusable for it (not in the Tab order). */
function focusOn(el: HTMLElement) {
  if (!(el instanceof HTMLButtonElement) && !el.hasAttribute("tabindex")) el.setAttribute("tabindex", "-1");
  el.focus();
}

/** Someone else's deal, or one that is over, in the ledger: its sentence, status and fate (which names who withdrew, from the deal's steps). */
function ledgerLine(view: ClientView, a: Agreement) {
  return h(
    "article",
    // Its card's focus key (widgets.ts dealCard): a focused card that becomes a line (a deal broken) keeps the focus.
    // Named as its card is: a screen reader that lands on it (focus handed over after a signature) hears which deal it is.
    { class: `deal compact deal-${a.status}`, "aria-label": `${a.id} ${label("type", a.type)}`, "data-deal": a.id, "data-focus": `ledger-${a.id}`, tabindex: -1 },
    h("header", {}, h("strong", {}, `${a.id} · ${label("type", a.type)}`), " ", h("span", { class: `badge status-${a.status}` }, label("status", a.status)), " ", h("span", { class: "muted small" }, durationText(a))),
    h("p", {}, describeDeal(a)),
    h(
      "p",
      { class: "muted small" },
      t("deals.signed", { signed: a.signatures.length, total: a.parties.length }),
      fate(view, a) ? ` · ${fate(view, a)}` : "",
    ),
    reasonLine(declineWord(a, me(view))),
  );
}

/** Longer than this, a reason is folded to two lines on the ledger's line. */
const SHORT_REASON = 120;

/** A refusal's reason, as the deal card gives it: whole when short, else two lines that unfold on a tap (whole on hover). */
function reasonLine(said: string | undefined) {
  if (!said) return null;
  if (said.length <= SHORT_REASON) return h("p", { class: "deal-reason muted small" }, said);
  return h("details", { class: "deal-reason muted small", title: said }, h("summary", {}, said));
}
