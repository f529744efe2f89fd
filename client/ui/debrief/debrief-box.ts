/**
 * The facilitator's debrief tools for one game, on the console and the end screen: open or
 * download the after-action report (HTML), the metrics (CSV) and the action log (JSON); make,
 * post and revoke read-only share links; open the replay; start a what-if game from a round;
 * go to the archive to compare games. Works while the game runs ("up to now") and after it.
 */
import type { ClientView } from "../../../shared/protocol/view.ts";
import { t, errorText } from "../../i18n/index.ts";
import { shareRows } from "../../model/archive.ts";
import { moment } from "../../model/format.ts";
import { createShareLink, fork, revokeShare, shares } from "../../net/debrief.ts";
import type { SessionMemory } from "../../net/session-memory.ts";
import type { GameConnection } from "../../net/connection.ts";
import { fetchCsv } from "../../net/class-api.ts";
import { announce, h, replace, saveFile, status } from "../dom.ts";
import { confirmAction } from "../confirm.ts";
import { TicketLinks } from "./ticket-links.ts";

/** Share links made in this page, by game and link id (the server never shows a token again). */
const made = new Map<string, Map<string, string>>();

type Deps = { code: string; memory: SessionMemory; conn?: GameConnection };


export class DebriefBox {
  readonly el = h("section", { class: "debrief-box", "aria-labelledby": "" });
  private sharesBox = h("div", { class: "share-list", "aria-live": "polite" });
  private forkBox = h("div", { class: "fork-box" });
  private msg = h("p", { class: "status", "aria-live": "polite" });
  private built = false;
  private forkSig = "";
  private ended = false;

  /** `open`: whether the box has its own "Open the report" (the end screen has that button at its top already). */
  constructor(
    private deps: Deps,
    private idPrefix = "db",
    private open = true,
  ) {
    this.el.setAttribute("aria-labelledby", `${idPrefix}-h`);
  }

  private get key(): string | undefined {
    return this.deps.memory.get(this.deps.code).facilitator?.key;
  }

  private id(x: string) {
    return `${this.idPrefix}-${x}`;
  }

  private build(key: string) {
    this.built = true;
    const links = new TicketLinks(this.deps.code, key, (message) => status(this.msg, message, "error"));
    // Unticked unless the facilitator ticks it: a link travels further than the private talks' writers expected.
    const withPrivate = h("input", { type: "checkbox", id: this.id("share-private") });
    const make = h("button", { type: "button", id: this.id("share-make") }, t("debrief.share.make"));
    make.addEventListener("click", async () => {
      make.disabled = true;
      const r = await createShareLink(this.deps.code, key, { privateChat: withPrivate.checked });
      make.disabled = false;
      if (!r.ok) return status(this.msg, r.message, "error");
      const url = `${window.location.origin}${r.value.links.html}`;
      const mine = made.get(this.deps.code) ?? new Map<string, string>();
      mine.set(r.value.id, url);
      made.set(this.deps.code, mine);
      status(this.msg, t("debrief.share.made"), "ok");
      announce(t("debrief.share.made"));
      await this.loadShares(key);
    });
    replace(
      this.el,
      h("h3", { id: this.id("h") }, t("debrief.title")),
      h("p", { class: "muted small" }, t("fac.report.intro")),
      h(
        "div",
        { class: "actions report-links" },
        this.open ? links.link("html", { target: "_blank", rel: "noopener", class: "button primary", id: this.id("open") }, t("fac.report.open")) : null,
        links.link("download", { class: "button", id: this.id("download"), download: `chokepoint-${this.deps.code}-report.html` }, t("debrief.download.html")),
        links.link("csv", { class: "button", id: this.id("csv"), download: `chokepoint-${this.deps.code}-metrics.csv` }, t("fac.report.csv")),
        links.link("logDownload", { class: "button", id: this.id("log"), download: `chokepoint-${this.deps.code}-log.json` }, t("fac.report.log")),
        this.gradebookButton(key),
      ),
      h(
        "div",
        { class: "actions" },
        h("a", { href: `/${this.deps.code}/replay`, class: "button", id: this.id("replay"), target: "_blank", rel: "noopener" }, t("debrief.replay")),
        h("a", { href: "/archive", class: "button", id: this.id("archive"), target: "_blank", rel: "noopener" }, t("debrief.archive")),
      ),
      h("h4", {}, t("debrief.share")),
      h("p", { class: "muted small" }, t("debrief.share.intro")),
      h("div", { class: "check" }, withPrivate, h("label", { for: withPrivate.id }, t("debrief.share.private"))),
      make,
      this.sharesBox,
      h("h4", {}, t("debrief.whatif")),
      h("p", { class: "muted small" }, t("debrief.whatif.intro")),
      this.forkBox,
      this.msg,
    );
    void links.refresh();
    void this.loadShares(key);
  }

  /** The exit tickets' answers, one row a student (docs/TEACHING.md "Exit ticket and gradebook"): the key goes in a header, not the address. */
  private gradebookButton(key: string) {
    const name = `chokepoint-${this.deps.code}-gradebook.csv`;
    const button = h("button", { type: "button", class: "button", id: this.id("gradebook") }, t("debrief.gradebook"));
    button.addEventListener("click", async () => {
      button.disabled = true;
      const got = await fetchCsv(`/api/games/${encodeURIComponent(this.deps.code)}/gradebook.csv`, key);
      button.disabled = false;
      if (!got.ok) return status(this.msg, t("class.export.failed", { message: got.problem }), "error");
      saveFile(name, got.file);
      status(this.msg, t("class.export.done", { name }), "ok");
    });
    return button;
  }

  private async loadShares(key: string) {
    const r = await shares(this.deps.code, key);
    if (!r.ok) return replace(this.sharesBox, h("p", { class: "status status-error", role: "alert" }, r.message));
    const rows = shareRows(r.value.shares);
    const mine = made.get(this.deps.code);
    if (!rows.length) return replace(this.sharesBox, h("p", { class: "muted small" }, t("debrief.share.none")));
    replace(
      this.sharesBox,
      h(
        "ul",
        { class: "shares" },
        ...rows.map((s) => {
          const url = mine?.get(s.id);
          const revoke = h("button", { type: "button", class: "link danger", id: this.id(`revoke-${s.id}`) }, t("debrief.share.revoke"));
          revoke.addEventListener("click", async () => {
            if (!(await confirmAction(t("debrief.share.revoke.confirm"), t("debrief.share.revoke"), revoke))) return;
            revoke.disabled = true;
            const done = await revokeShare(this.deps.code, key, s.id);
            if (!done.ok) {
              revoke.disabled = false;
              return status(this.msg, done.message, "error");
            }
            status(this.msg, t("debrief.share.revoked"), "ok");
            announce(t("debrief.share.revoked"));
            await this.loadShares(key);
          });
          // A revoked link opens nothing: neither shown as a link nor offered to copy.
          const copy = url && s.live ? h("button", { type: "button", class: "link", id: this.id(`copy-${s.id}`) }, t("misc.copy")) : null;
          copy?.addEventListener("click", async () => {
            try {
              await navigator.clipboard.writeText(url!);
              copy.textContent = t("misc.copied");
            } catch {
              status(this.msg, t("debrief.share.copyFailed"), "error");
            }
          });
          const post =
            url && s.live && this.deps.conn
              ? h("button", { type: "button", class: "link", id: this.id(`post-${s.id}`) }, t("fac.report.post"))
              : null;
          post?.addEventListener("click", async () => {
            if (s.privateChat && !(await confirmAction(t("debrief.share.post.private"), t("fac.report.post"), post))) return;
            const reply = await this.deps.conn!.facilitator({ type: "broadcast", text: t("fac.report.posted", { url: url! }) });
            if (!reply.ok) return status(this.msg, errorText(reply.error), "error");
            status(this.msg, t("debrief.share.postedDone"), "ok");
          });
          return h(
            "li",
            { class: s.live ? "live" : "revoked" },
            h("span", { class: `badge ${s.live ? "status-in-force" : "status-broken"}` }, s.live ? t("debrief.share.live") : t("debrief.share.revokedAt", { when: moment(s.revokedAt!) })),
            " · ",
            h("span", { class: "small" }, t("debrief.share.created", { when: moment(s.createdAt) })),
            " · ",
            h("span", { class: "small" }, t(s.privateChat ? "debrief.share.withPrivate" : "debrief.share.withoutPrivate")),
            url && s.live ? h("a", { href: url, target: "_blank", rel: "noopener", class: "small block share-url" }, url) : null,
            h("span", { class: "actions" }, copy, post, s.live ? revoke : null),
          );
        }),
      ),
    );
  }

  /** Rounds a what-if can start from: each round the game has begun. */
  private renderFork(view: Pick<ClientView, "round" | "phase">, key: string) {
    const reached = view.phase === "lobby" ? 0 : view.round;
    const sig = `${reached}`;
    if (sig === this.forkSig) return;
    this.forkSig = sig;
    if (!reached) return replace(this.forkBox, h("p", { class: "muted small" }, t("debrief.whatif.notYet")));
    const select = h("select", { id: this.id("fork-round") }, ...Array.from({ length: reached }, (_, i) => h("option", { value: i + 1, selected: i + 1 === reached }, t("debrief.whatif.round", { round: i + 1 }))));
    const go = h("button", { type: "button", id: this.id("fork-go") }, t("debrief.whatif.go"));
    go.addEventListener("click", async () => {
      go.disabled = true;
      const r = await fork(this.deps.code, key, Number(select.value));
      go.disabled = false;
      if (!r.ok) return status(this.msg, r.message, "error");
      this.deps.memory.update(r.value.code, { facilitator: { key: r.value.facilitatorKey } });
      const link = h("a", { href: `/${r.value.code}`, id: this.id("fork-open"), class: "button primary" }, t("debrief.whatif.open", { code: r.value.code }));
      replace(this.msg, t("debrief.whatif.made", { code: r.value.code, round: r.value.forkedFrom.round }), " ", link);
      this.msg.className = "status status-ok";
      announce(t("debrief.whatif.made", { code: r.value.code, round: r.value.forkedFrom.round }));
    });
    replace(this.forkBox, h("div", { class: "field inline" }, h("label", { for: select.id }, t("debrief.whatif.from")), select, go));
  }

  /** Renders for the facilitator; returns false (and shows nothing) without the game's key. */
  render(view: Pick<ClientView, "round" | "phase">): boolean {
    const key = this.key;
    if (!key) return false;
    if (!this.built) this.build(key);
    const ended = view.phase === "ended";
    if (ended !== this.ended) {
      this.ended = ended;
      void this.loadShares(key);
    }
    this.renderFork(view, key);
    return true;
  }
}
