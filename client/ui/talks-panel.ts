/**
 * The Talks panel: channels with unread counts, the history of the chosen one, a composer,
 * and a form to open a bilateral or minilateral channel. The composer and the open form are
 * built once, so typing is never interrupted by incoming state.
 */
import type { ClientView } from "../../shared/protocol/view.ts";
import { label, list, t, tn, errorText } from "../i18n/index.ts";
import { ANSWERING_MS, author, botsAnswering, plenaryHint, channelCandidates, channelMembers, channelRows, draftFor, existingChannel, isMine, messageText, messagesIn, mutedUntil, type ReadMarks } from "../model/channels.ts";
import { formFrom } from "../model/deal-form.ts";
import { timeOfDay } from "../model/format.ts";
import type { Panel, UiContext } from "./context.ts";
import { linkify } from "../model/report.ts";
import { untranslatedNames } from "../i18n/scenario-text.ts";
import { announce, followEnd, h, keepChildren, KeyedRows, narrow, replace, setAttr, setText, status } from "./dom.ts";
import { emojiText } from "./emoji.ts";

type Message = ReturnType<typeof messagesIn>[number];

export class TalksPanel implements Panel {
  readonly el = h("div", { class: "panel talks-panel" });
  private selected = "plenary";
  /** A channel just opened: the reply can arrive before the state patch that contains it. */
  private pending?: string;
  /**
   * The message box takes the focus once the channel just opened (or found) shows it: until the
   * state patch brings the channel, the composer is hidden and cannot take it (the focus fell to
   * the page, and the keyboard user lost their place).
   */
  private focusComposer = false;
  private listEl = h("div", { class: "channel-list", role: "list" });
  private channelButtons = new Map<string, { item: HTMLDivElement; button: HTMLButtonElement; kind: HTMLSpanElement; name: HTMLSpanElement; count: HTMLSpanElement }>();
  private head = h("div", { class: "channel-head" });
  // A list, not role "log": an <ol> may not take that role, and its lines would stop being list items.
  private log = h("ol", { class: "messages", "aria-live": "off", tabindex: 0 });
  /** The log stays at its newest line while its reader reads there (`followEnd`). */
  private follow = followEnd(this.log);
  private logBox = h("div", { class: "log-box" }, this.log);
  /** "Japan is answering…" under the log, from a line sent to a bot until its answer (or ANSWERING_MS). */
  private answeringNote = h("p", { class: "muted small answering", role: "status", hidden: true });
  private answering?: { channel: string; after: number; until: number; timer?: ReturnType<typeof setTimeout> };
  // No maxlength: a paste is never cut silently; the counter and the send check say what is too long.
  private input = h("textarea", { id: "chat-input", rows: 2, "aria-describedby": "chat-count" });
  private count = h("span", { id: "chat-count", class: "muted small chat-count" });
  private inputLabel = h("label", { for: "chat-input", class: "sr-only" });
  private sendMsg = h("p", { class: "status" });
  /** After a question sent in the plenary that no one there will answer: why, and how to ask (`plenaryHint`). */
  private hint = h("p", { class: "hint small plenary-hint", id: "chat-hint", role: "status", hidden: true });
  /** The channel the hint was given in: it goes when another channel is shown. */
  private hintIn = "";
  private composer: HTMLFormElement;
  private openBox = h("details", { class: "open-channel" });
  private privacy = h("p", { class: "privacy-note" });
  private openBuilt = "";
  private headSig = "";
  private shownChannel = "";
  private empty = h("li", { class: "muted empty" }, t("talks.empty"));
  private lines = new KeyedRows<{ m: Message; view: ClientView }>(
    ({ m }) => String(m.id),
    ({ m, view }) => JSON.stringify([m.deleted ?? false, messageText(m), author(view, m), isMine(view, m), view.viewer.kind === "facilitator", !!draftFor(view, m)]),
    ({ m, view }) => this.messageLine(view, m),
  );
  private read: ReadMarks;
  private send: HTMLButtonElement;
  /** While the facilitator has muted this person: until when, and a timer to lift the note then. */
  private mutedNote = h("p", { class: "notice", id: "chat-muted", role: "status", hidden: true });
  private mutedTimer?: ReturnType<typeof setTimeout>;
  visible = false;

  constructor(private ctx: UiContext) {
    this.read = ctx.memory.readMarks(ctx.code);
    const send = h("button", { type: "submit", class: "primary", id: "chat-send" }, t("talks.send"));
    this.send = send;
    this.composer = h("form", { class: "composer" }, this.mutedNote, this.inputLabel, this.input, send, this.count, this.sendMsg, this.hint);
    this.input.addEventListener("input", () => this.showCount());
    // On a phone the browser scrolls the field into view, leaving Send under the tab bar at the
    // foot: the button comes into view too (the page's scroll padding keeps it above the bar).
    this.input.addEventListener("focus", () => {
      if (narrow()) requestAnimationFrame(() => send.scrollIntoView({ block: "nearest" }));
    });
    this.input.addEventListener("keydown", (e) => {
      // An Enter that picks a word in an input method (pinyin, kana) only ends the composition:
      // the word goes into the box and the message waits for the next Enter. Chromium marks that
      // key isComposing; Safari sends it as keyCode 229 just after the composition ends.
      if (e.isComposing || e.keyCode === 229) return;
      if (e.key === "Enter" && !e.shiftKey) {
        e.preventDefault();
        this.composer.requestSubmit();
      }
    });
    this.composer.addEventListener("submit", async (e) => {
      e.preventDefault();
      const text = this.input.value.trim();
      if (!text) return;
      if (text.length > CHAT_MAX) return status(this.sendMsg, t("mod.tooLong", { length: text.length, max: CHAT_MAX }), "error");
      send.disabled = true;
      const channel = this.selected;
      const view = ctx.view();
      const after = view?.messages.reduce((n, m) => Math.max(n, m.id), 0) ?? 0;
      const reply =
        view?.viewer.kind === "facilitator" ? await ctx.conn.facilitator({ type: "broadcast", text }) : await ctx.conn.act({ type: "chat", channel: this.selected, text });
      send.disabled = false;
      if (view) this.renderMuted(view);
      if (reply.ok) {
        clearTimeout(this.answering?.timer);
        this.answering = { channel: this.selected, after, until: Date.now() + ANSWERING_MS };
        this.answering.timer = setTimeout(() => this.renderAnswering(), ANSWERING_MS + 50);
        const place = this.composerPlace();
        this.renderAnswering();
        this.keepComposer(place);
        this.input.value = "";
        this.sendMsg.textContent = "";
        this.showHint(view && channel === "plenary" ? plenaryHint(view, text, untranslatedNames(view.scenario.id)) : undefined, channel);
        this.showCount();
      } else status(this.sendMsg, errorText(reply.error), "error");
      this.input.focus();
    });
    this.el.append(h("div", { class: "talks" }, h("nav", { "aria-label": t("talks.channels") }, h("h2", { class: "sr-only" }, t("talks.channels")), this.listEl, this.openBox, this.privacy), h("section", { class: "channel" }, this.head, this.logBox, this.answeringNote, this.composer)));
  }

  /** Back on screen: the log where the reader left it (its end, if they were reading the end). */
  shown() {
    this.follow.restore();
  }

  private showHint(text: string | undefined, channel = this.selected) {
    this.hintIn = channel;
    this.hint.hidden = !text || channel !== this.selected;
    setText(this.hint, text ?? "");
    // Under Send, at a phone's foot: into view above the tab bar (the page's scroll padding), Send with it.
    if (!this.hint.hidden && narrow()) requestAnimationFrame(() => this.hint.scrollIntoView({ block: "nearest" }));
  }

  private showCount() {
    const n = this.input.value.trim().length;
    // Shown near the limit only, and in the error colour past it.
    this.count.textContent = n > CHAT_MAX * 0.8 ? t("mod.count", { length: n, max: CHAT_MAX }) : "";
    this.count.classList.toggle("over", n > CHAT_MAX);
  }

  select(channel: string) {
    this.selected = channel;
    const view = this.ctx.view();
    if (view) this.render(view);
  }

  unread(view: ClientView): number {
    return channelRows(view, this.read).reduce((s, r) => s + r.unread, 0);
  }

  render(view: ClientView) {
    const place = this.composerPlace();
    this.draw(view);
    this.keepComposer(place);
  }

  /**
   * Where the message box is on a phone's screen while it has the focus (typing, or just sent):
   * on a phone the log grows with its lines (client/styles.css, up to its limit), so the line just
   * sent, or the "is answering" note, pushed the box down under the tab bar at the foot until the
   * person scrolled (`keepComposer` moves the page back by as much).
   */
  private composerPlace(): number | undefined {
    if (!narrow() || !this.composer.contains(document.activeElement)) return undefined;
    const top = this.composer.getBoundingClientRect().top;
    return top >= 0 && top < window.innerHeight ? top : undefined;
  }

  /** The box back where it was on the screen (`composerPlace`), when what grew above it pushed it down. */
  private keepComposer(place: number | undefined) {
    if (place === undefined || !this.composer.isConnected) return;
    const moved = this.composer.getBoundingClientRect().top - place;
    if (moved > 1) window.scrollBy(0, moved);
  }

  private draw(view: ClientView) {
    // Earlier rounds' lines: fetched when a client that came later reads the talks.
    if (this.visible) this.ctx.conn.need("chat");
    // A quick game has no facilitator: its announcements channel stays out of the list while it is empty.
    const quick = this.ctx.memory.quickGame(this.ctx.code);
    const rows = channelRows(view, this.read).filter((r) => !(quick && r.kind === "broadcast" && !r.last));
    if (this.pending && rows.some((r) => r.id === this.pending)) {
      this.selected = this.pending;
      this.pending = undefined;
    }
    if (!rows.some((r) => r.id === this.selected) && this.selected !== this.pending) this.selected = view.viewer.kind === "facilitator" ? "broadcast" : (rows.find((r) => r.id === "plenary")?.id ?? rows[0]?.id ?? "plenary");
    if (view.viewer.kind === "facilitator" && !rows.find((r) => r.id === this.selected)?.canPost && this.selected !== "broadcast" && !this.visible) this.selected = "broadcast";
    const current = rows.find((r) => r.id === this.selected);
    if (this.visible && current) {
      this.read[current.id] = current.last;
      current.unread = 0;
      this.ctx.memory.saveReadMarks(this.ctx.code, this.read);
    }
    // Each channel's button is made once and updated in place, so a click aimed at it is not
    // lost to a state patch that rebuilt the list under the pointer.
    keepChildren(
      this.listEl,
      rows.map((r) => {
        const b = this.channelButtons.get(r.id) ?? this.makeChannelButton(r.id);
        const selected = r.id === this.selected;
        const cls = `channel-button kind-${r.kind}${selected ? " selected" : ""}`;
        if (b.button.className !== cls) b.button.className = cls;
        setAttr(b.button, "aria-current", selected ? "true" : undefined);
        setText(b.kind, label("talks.kind", r.kind));
        setText(b.name, r.kind === "plenary" || r.kind === "broadcast" ? "" : r.name);
        // Not on the projector: nobody there has a channel to catch up on (client/ui/game-screen.ts renderTabs).
        if (r.unread && !this.ctx.projector) {
          setText(b.count, String(r.unread));
          setAttr(b.count, "aria-label", tn("talks.unread", r.unread));
          if (b.count.parentNode !== b.button) b.button.append(b.count);
        } else b.count.remove();
        return b.item;
      }),
    );
    const channel = view.channels.find((c) => c.id === this.selected);
    const canPost = !!current?.canPost;
    const members = channel ? channelMembers(view, channel) : "";
    const headSig = JSON.stringify([current?.name ?? "", members, canPost, current?.closed ?? ""]);
    if (headSig !== this.headSig) {
      this.headSig = headSig;
      // The facilitator speaks to everyone in their own channel: a channel they only read says where, one press away.
      const facilitator = view.viewer.kind === "facilitator";
      const readOnly =
        facilitator && !current?.closed
          ? h("p", { class: "hint read-only" }, t("talks.readOnly.facilitator"), t("misc.sentenceJoin"), h("button", { type: "button", class: "link", id: "talks-to-broadcast", onclick: () => this.select("broadcast") }, t("talks.readOnly.toBroadcast")))
          : h("p", { class: "hint read-only" }, current?.closed ?? t("talks.readOnly"));
      replace(this.head, h("h3", {}, current?.name ?? ""), members ? h("p", { class: "muted small" }, t("talks.members", { members })) : null, canPost ? null : readOnly);
      // "Message to Facilitator" read as a message to the facilitator: for them it is a broadcast.
      const boxLabel = facilitator && current?.kind === "broadcast" ? t("talks.broadcast") : t("talks.message", { channel: current?.name ?? "" });
      this.inputLabel.textContent = boxLabel;
      this.input.placeholder = boxLabel;
    }
    // The log keeps its lines: a new message is appended, a removed one redrawn, the rest untouched,
    // so the reader's place in a long log and the composer's focus survive every patch.
    const msgs = messagesIn(view, this.selected);
    const switched = this.shownChannel !== this.selected;
    this.shownChannel = this.selected;
    this.lines.update(
      this.log,
      msgs.map((m) => ({ m, view })),
    );
    if (!msgs.length) keepChildren(this.log, [this.empty]);
    // Another channel opens at its newest line; in the same one, `followEnd` keeps the reader's place or the end.
    if (switched) this.follow.toEnd();
    this.composer.hidden = !canPost;
    // Without the message box under it (the facilitator's plenary, the projector, a closed channel), the log takes its room.
    this.logBox.classList.toggle("no-composer", !canPost);
    if (this.hintIn !== this.selected && !this.hint.hidden) this.showHint(undefined);
    if (this.focusComposer && canPost && this.selected !== this.pending) {
      this.focusComposer = false;
      this.input.focus();
    }
    this.renderMuted(view);
    this.renderAnswering(view);
    this.renderOpenForm(view);
    setText(this.privacy, privacyText(view));
  }

  private renderAnswering(view = this.ctx.view()) {
    const a = this.answering;
    const names = view && a && a.channel === this.selected && Date.now() < a.until ? botsAnswering(view, a.channel, a.after) : [];
    this.answeringNote.hidden = !names.length;
    setText(this.answeringNote, names.length ? t("talks.answering", { names: list(names) }) : "");
  }

  /** Muted, a person can still read and draft, but not send: said above the field, not after a try. */
  private renderMuted(view: ClientView) {
    const until = view.viewer.kind === "seat" ? mutedUntil(this.ctx.store.get().notices) : 0;
    const left = until - Date.now();
    const muted = left > 0;
    this.mutedNote.hidden = !muted;
    this.send.disabled = muted;
    clearTimeout(this.mutedTimer);
    if (!muted) return;
    setText(this.mutedNote, t("talks.mutedUntil", { time: timeOfDay(until) }));
    this.mutedTimer = setTimeout(() => this.renderMuted(this.ctx.view() ?? view), left + 50);
  }

  private messageLine(view: ClientView, m: Message) {
    return h(
      "li",
      { class: `message${isMine(view, m) ? " mine" : ""}${m.from.facilitator ? " facilitator" : ""}` },
      h(
        "span",
        { class: "meta" },
        h("span", { class: "who" }, author(view, m)),
        " ",
        h("span", { class: "when" }, t("talks.round", { round: m.round })),
        view.viewer.kind === "facilitator" && !m.deleted ? deleteButton(this.ctx, m.id, this.sendMsg) : null,
      ),
      m.deleted
        ? h("span", { class: "text deleted" }, t("mod.deleted"))
        : h("span", { class: "text" }, ...linkify(messageText(m), window.location.origin).map((part) => (part.href ? h("a", { href: part.href, target: "_blank", rel: "noopener" }, part.text) : emojiText(part.text)))),
      this.draftButton(view, m),
    );
  }

  /** A bot's line that names terms it would sign: one click puts exactly those terms in the deal builder, to look over and propose. */
  private draftButton(view: ClientView, m: Message) {
    const draft = draftFor(view, m);
    if (!draft) return null;
    const b = h("button", { type: "button", class: "small draft-to-builder" }, t("talks.toBuilder"));
    b.addEventListener("click", () => {
      const v = this.ctx.view() ?? view;
      this.ctx.openBuilder({ type: draft.terms.type, start: formFrom(v, draft) }, b);
    });
    return h("div", {}, b);
  }

  private makeChannelButton(id: string) {
    const kind = h("span", { class: "channel-kind" });
    const name = h("span", { class: "channel-name" });
    const count = h("span", { class: "count" });
    const button = h("button", { type: "button", id: `chan-${id}`, onclick: () => this.select(id) }, kind, name);
    const b = { item: h("div", { role: "listitem" }, button), button, kind, name, count };
    this.channelButtons.set(id, b);
    return b;
  }

  private renderOpenForm(view: ClientView) {
    const candidates = channelCandidates(view);
    const key = candidates.map((c) => c.id).join(",") + view.phase + view.settings.channels;
    if (key === this.openBuilt) return;
    this.openBuilt = key;
    if (!candidates.length || view.phase === "ended") {
      this.openBox.hidden = true;
      return;
    }
    this.openBox.hidden = false;
    const msg = h("p", { class: "status" });
    const form = h(
      "form",
      { class: "open-form" },
      h("fieldset", {}, h("legend", {}, t("talks.open.with")), ...candidates.map((c) => h("div", { class: "check" }, h("input", { type: "checkbox", id: `open-${c.id}`, value: c.id }), h("label", { for: `open-${c.id}` }, c.name)))),
      h("button", { type: "submit" }, t("talks.open.submit")),
      msg,
    );
    form.addEventListener("submit", async (e) => {
      e.preventDefault();
      const members = [...form.querySelectorAll<HTMLInputElement>("input:checked")].map((x) => x.value);
      if (!members.length) return status(msg, t("talks.open.pick"), "error");
      const v = this.ctx.view();
      const existing = v && existingChannel(v, [...members, v.viewer.kind === "seat" ? v.viewer.seat : ""]);
      if (existing) {
        this.focusComposer = true;
        this.select(existing.id);
        return;
      }
      const reply = await this.ctx.conn.act({ type: "open-channel", members });
      if (!reply.ok) return status(msg, errorText(reply.error), "error");
      for (const x of form.querySelectorAll<HTMLInputElement>("input:checked")) x.checked = false;
      this.openBox.open = false;
      const me = v?.viewer.kind === "seat" ? v.viewer.seat : "";
      const id = `ch:${[...new Set([me, ...members])].sort().join("+")}`;
      this.pending = id;
      this.focusComposer = true;
      announce(t("talks.open.submit"));
      this.select(id);
    });
    replace(this.openBox, h("summary", {}, t("talks.open")), form);
  }
}

/** The communication rules every player sees: who may read private channels, who may open them. */
export function privacyText(view: ClientView): string {
  const reads = view.settings.facilitatorReadsPrivate ? t("talks.privacy.on") : t("talks.privacy.off");
  return t("talks.rules", { reads, who: t(`talks.who.${view.settings.channels ?? "open"}`) });
}

/** The engine's chat limit (shared/engine/actions.ts). */
const CHAT_MAX = 1000;

/** The engine's limit on a removal's reason (shared/engine/actions.ts `delete-message`). */
const REASON_MAX = 200;

/**
 * The facilitator's "remove for everyone" beside a message. It asks first, in a small dialog
 * with an optional reason, which the news and the report give with the removal (by whom the
 * message was, and why: docs/TEACHING.md).
 */
export function deleteButton(ctx: UiContext, id: number, msg: HTMLElement) {
  const button = h(
    "button",
    {
      type: "button",
      class: "link small mod-delete",
      "aria-label": t("mod.delete.label", { id }),
      onclick: () => removeDialog(ctx, id, msg, button),
    },
    t("mod.delete"),
  );
  return button;
}

function removeDialog(ctx: UiContext, id: number, msg: HTMLElement, from: HTMLElement) {
  // Remove is the form's one submit button, so Enter in the reason removes; Cancel and Escape do not.
  const reason = h("input", { id: "mod-reason", type: "text", maxlength: REASON_MAX, autocomplete: "off", "aria-describedby": "mod-reason-hint" });
  const dialog = h(
    "dialog",
    { class: "mod-remove", "aria-labelledby": "mod-remove-q" },
    h(
      "form",
      { method: "dialog" },
      h("p", { id: "mod-remove-q" }, t("mod.delete.confirm")),
      h("div", { class: "field" }, h("label", { for: reason.id }, t("mod.delete.reason")), reason, h("span", { id: "mod-reason-hint", class: "hint block" }, t("mod.delete.reason.hint"))),
      h("div", { class: "actions" }, h("button", { type: "button", id: "mod-remove-cancel", onclick: () => dialog.close("cancel") }, t("mod.delete.cancel")), h("button", { type: "submit", value: "remove", class: "danger", id: "mod-remove-go" }, t("mod.delete"))),
    ),
  );
  dialog.addEventListener("close", async () => {
    const remove = dialog.returnValue === "remove";
    const why = reason.value.trim().slice(0, REASON_MAX);
    dialog.remove();
    // Back to the button pressed, or, when a redraw took its row away, to the message log.
    (from.isConnected ? from : msg).focus?.();
    if (!remove) return;
    const reply = await ctx.conn.facilitator({ type: "delete-message", messageId: id, reason: why });
    if (reply.ok) announce(t("mod.deleted.done"));
    else status(msg, errorText(reply.error), "error");
  });
  document.body.append(dialog);
  dialog.showModal();
  reason.focus();
}
