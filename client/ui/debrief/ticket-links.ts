/**
 * The facilitator's report links (open in a tab, download the report, the CSV, the log). The
 * key never goes in a URL: each link carries a short-lived ticket the key bought from the
 * server (docs/PROTOCOL.md, "Debrief and archive"). While a link is on the page its ticket is
 * renewed before it runs out, so the address a middle-click opens or "Copy link" copies opens
 * the report too; a link whose ticket has run out all the same (a computer woken from sleep)
 * buys a fresh one when it is clicked, middle-clicked or right-clicked.
 */
import type { GameLinks } from "../../../shared/protocol/debrief.ts";
import { linksFor, ticket } from "../../net/debrief.ts";
import { h } from "../dom.ts";

type Kind = keyof ReturnType<typeof linksFor>;

/** A ticket this close to its end is renewed before a click uses it (a download may take a while to start). */
const MARGIN_MS = 30_000;

export class TicketLinks {
  private anchors: { a: HTMLAnchorElement; kind: Kind }[] = [];
  private links: ReturnType<typeof linksFor>;
  private expiresAt = 0;
  private pending: Promise<boolean> | undefined;
  private renewal: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private code: string,
    private key: string,
    private onError: (message: string) => void,
    /** Links and their expiry the server already gave (the archive's). */
    given?: { links: GameLinks; expiresAt: number },
  ) {
    this.links = linksFor(code, {});
    if (given) {
      const q = new URL(given.links.html, "http://x").searchParams.get("ticket");
      if (q) this.use(q, given.expiresAt);
    }
  }

  /** An anchor to one of the game's links; it holds a ticket as soon as one is in hand. */
  link(kind: Kind, attrs: Record<string, string>, text: string): HTMLAnchorElement {
    const a = h("a", { ...attrs, href: this.links[kind] }, text) as HTMLAnchorElement;
    this.anchors.push({ a, kind });
    a.addEventListener("click", (e) => this.onClick(e, a));
    // A middle-click opens a tab without a click event; a right-click's menu copies the address.
    a.addEventListener("auxclick", (e) => e.button === 1 && this.onClick(e, a));
    a.addEventListener("contextmenu", () => void (this.fresh() || this.refresh()));
    return a;
  }

  /** Buys a ticket now (when the links are shown), so a right-click "copy link" works too. */
  refresh(): Promise<boolean> {
    this.pending ??= ticket(this.code, this.key).then((r) => {
      this.pending = undefined;
      if (!r.ok) {
        this.onError(r.message);
        return false;
      }
      this.use(r.value.ticket, r.value.expiresAt);
      return true;
    });
    return this.pending;
  }

  private use(t: string, expiresAt: number) {
    this.expiresAt = expiresAt;
    this.links = linksFor(this.code, { ticket: t });
    for (const { a, kind } of this.anchors) a.href = this.links[kind];
    // Renewed a little before the click-time margin, for as long as one of the links is on a page.
    clearTimeout(this.renewal);
    this.renewal = setTimeout(() => {
      if (this.anchors.some(({ a }) => a.isConnected)) void this.refresh();
    }, Math.max(expiresAt - Date.now() - 2 * MARGIN_MS, MARGIN_MS));
  }

  private fresh(): boolean {
    return Date.now() < this.expiresAt - MARGIN_MS;
  }

  private onClick(e: MouseEvent, a: HTMLAnchorElement) {
    if (this.fresh()) return; // the browser follows the link as it is
    // A middle-click opens a tab as a plain click with target=_blank does.
    e.preventDefault();
    // A tab opened now, inside the click, is not a blocked pop-up; it is sent on once the ticket is here.
    const tab = a.target === "_blank" ? window.open("", "_blank") : null;
    void this.refresh().then((ok) => {
      if (!ok) return tab?.close();
      if (tab) {
        tab.opener = null;
        tab.location.href = a.href;
      } else if (this.fresh()) a.click();
    });
  }
}
