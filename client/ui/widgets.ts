/** Small pieces several panels share: trend badges, cause lists, preview lines, deal buttons. */
import type { PreviewLine } from "../../shared/engine/preview.ts";
import { draftKey, DraftSchema, type Draft } from "../../shared/engine/actions.ts";
import type { Agreement, Cause } from "../../shared/engine/types.ts";
import type { Text } from "../../shared/engine/text.ts";
import type { ClientView } from "../../shared/protocol/view.ts";
import { label, render, sentence, t, errorText } from "../i18n/index.ts";
import { country } from "../../shared/engine/text.ts";
import { askableBot, dealActions, durationText, fate, lastWord, saidText, describeDeal, countryName, proposerText, waitingText, withdrawQuestion } from "../model/deals.ts";
import { ARROWS, CAUSE_DIGITS, causeAmount, goodWhenUp, num, shownChange, signed, trend } from "../model/format.ts";
import { keyLabel } from "../model/review.ts";
import type { UiContext } from "./context.ts";
import { announce, h, narrow, status } from "./dom.ts";
import { confirmAction, confirmWithReason } from "./confirm.ts";

/**
 * A change as an arrow and a signed number, to `digits` decimals: one (a review's "from 50 to
 * 50.9") or a cause's (`CAUSE_DIGITS`: the preview, whose difference is the figures beside it).
 */
export function trendBadge(delta: number, goodWhenUp = true, digits = 1) {
  const dir = trend(delta);
  const good = dir === "flat" ? "flat" : (dir === "up") === goodWhenUp ? "good" : "bad";
  const words = dir === "up" ? t("country.trend.up", { delta: num(Math.abs(delta), digits) }) : dir === "down" ? t("country.trend.down", { delta: num(Math.abs(delta), digits) }) : t("country.trend.flat");
  return h("span", { class: `trend trend-${dir} ${good}`, title: words }, h("span", { "aria-hidden": "true" }, `${ARROWS[dir]} ${dir === "flat" ? "" : signed(delta, digits)}`), h("span", { class: "sr-only" }, words));
}

/**
 * A change listed above its causes (the review, the projector, the country and world panels):
 * to a cause's decimals (`CAUSE_DIGITS`), as the causes are, so they add up to it as printed
 * (docs/RULES.md: "the causes add up to the change"): "−0.55" over its one cause "−0.55", never
 * "−0.5". With `from` and `to`, the change is theirs as `changeRange` prints them.
 */
export function causedChange(delta: number, goodWhenUp = true) {
  return trendBadge(delta, goodWhenUp, CAUSE_DIGITS);
}

/** "from 50 to 49.45": a change's ends, to the decimals of `causedChange`; the change between them, as printed (`shownChange`). */
export function changeRange(from: number, to: number): { change: number; text: string } {
  return { change: shownChange(from, to, CAUSE_DIGITS), text: t("review.from", { from: num(from, CAUSE_DIGITS), to: num(to, CAUSE_DIGITS) }) };
}

/**
 * An amount coloured as news for the reader: green when it is good for them, red when bad (a rise of tension is bad).
 * To a cause's decimals (`causeAmount`), as every figure of a preview, so a row's figures agree:
 * "−6.96 / −1.84 ▼ −5.12", not "−6.96 / −1.84 ▼ −5.1".
 */
function amount(x: number, up: boolean) {
  const text = causeAmount(x);
  return h("span", { class: `amount ${text === "±0" ? "" : x > 0 === up ? "pos" : "neg"}` }, text);
}

/** What moved a metric, each cause's amount coloured as news (`up`: whether a rise of the metric is good). */
export function causeList(causes: Cause[], up = true) {
  if (!causes.length) return h("p", { class: "muted" }, t("review.noChange"));
  return h("ul", { class: "causes" }, ...causes.map((c) => h("li", {}, amount(c.amount, up), " ", render(c.label))));
}

/** A <details> that stays open or closed across re-renders (the panels redraw often). */
export function details(key: string, open: Set<string>, summary: HTMLElement | string, body: HTMLElement | null, defaultOpen = false) {
  const isOpen = open.has(key) || (defaultOpen && !open.has(`!${key}`));
  const d = h("details", { open: isOpen, "data-key": key }, h("summary", { id: `sum-${key.replace(/[^\w-]/g, "_")}` }, summary), body);
  d.addEventListener("toggle", () => {
    if (d.open) {
      open.add(key);
      open.delete(`!${key}`);
    } else {
      open.delete(key);
      open.add(`!${key}`);
    }
  });
  return d;
}

/** A preview as the server answers it: `notes` (the engine's, preview.ts) say what the lines leave out; an older server sent none. */
export type PreviewAnswer = { lines: PreviewLine[]; notes?: Text[] };

export function previewList(view: ClientView, { lines, notes = [] }: PreviewAnswer) {
  void view;
  // No line: the engine's first note says why, on the same line; any other (capital falling below zero later) follows.
  if (!lines.length) {
    const [why, ...rest] = notes;
    const none = h("p", { class: "muted preview-none" }, why ? sentence("builder.preview.noneBecause", { why }) : t("builder.preview.none"));
    return rest.length ? h("div", { class: "preview-list" }, none, ...rest.map((n) => h("p", { class: "preview-note" }, render(n)))) : none;
  }
  return h(
    "div",
    { class: "preview-list" },
    h("p", { class: "hint" }, t("builder.preview.hint")),
    ...notes.map((n) => h("p", { class: "preview-note" }, render(n))),
    h(
      "table",
      { class: "preview-table" },
      h(
        "thead",
        {},
        h("tr", {}, h("th", { scope: "col" }, t("review.metric")), h("th", { scope: "col", class: "num" }, t("preview.with")), h("th", { scope: "col", class: "num" }, t("preview.without")), h("th", { scope: "col", class: "num" }, t("preview.difference"))),
      ),
      h(
        "tbody",
        {},
        ...lines.map((l) => {
          const name = `${l.subject === "table" ? t("builder.preview.table") : t("builder.preview.you")}${t("misc.colon")}${keyLabel(l.key)}`;
          // Older servers sent only the difference; then both worlds are unknown.
          const withDeal = l.withDeal as PreviewLine["withDeal"] | undefined;
          const withoutDeal = l.withoutDeal as PreviewLine["withoutDeal"] | undefined;
          const up = goodWhenUp(l.key);
          const change = (x: number) => amount(x, up);
          return h(
            "tr",
            {},
            h(
              "th",
              { scope: "row" },
              name,
              withDeal && withoutDeal
                ? h(
                    "details",
                    { class: "preview-why" },
                    // Seven rows' "Why" read alike to a screen reader: each names its row.
                    h("summary", { "aria-label": t("preview.why.label", { row: name }) }, t("preview.why")),
                    h("p", { class: "small" }, h("strong", {}, t("preview.with")), " ", change(withDeal.change)),
                    causeList(withDeal.causes, up),
                    h("p", { class: "small" }, h("strong", {}, t("preview.without")), " ", change(withoutDeal.change)),
                    causeList(withoutDeal.causes, up),
                  )
                : h("ul", { class: "causes compact" }, ...l.causes.map((c) => h("li", {}, amount(c.amount, up), " ", render(c.label)))),
            ),
            h("td", { class: "num" }, withDeal ? change(withDeal.change) : "—"),
            h("td", { class: "num" }, withoutDeal ? change(withoutDeal.change) : "—"),
            h("td", { class: "num" }, trendBadge(l.delta, up, CAUSE_DIGITS)),
          );
        }),
      ),
    ),
  );
}

/**
 * What a deal card showed after a click (a reply, a preview), kept across re-renders: the
 * panels redraw on every state patch, and a bot's move must not wipe the preview a player
 * just asked for.
 */
const cardMemory = new Map<string, { revision: number; text?: string; kind?: "ok" | "error" | "info"; preview?: PreviewAnswer; ask?: HTMLElement }>();

/** A deal as a card: sentence, status, signatures, and the buttons this viewer may use. */
export function dealCard(ctx: UiContext, view: ClientView, a: Agreement, options: { compact?: boolean; scope?: string } = {}) {
  const acts = dealActions(view, a);
  const me = view.viewer.kind === "seat" ? view.viewer.seat : undefined;
  const scope = options.scope ?? "deal";
  const key = `${scope}:${a.id}`;
  const msg = h("p", { class: "status", "aria-live": "polite" });
  const out = h("div", { class: "preview-out" });
  const remembered = cardMemory.get(key);
  const remember = (patch: { text?: string; kind?: "ok" | "error" | "info"; preview?: PreviewAnswer; ask?: HTMLElement }) => cardMemory.set(key, { ...cardMemory.get(key), revision: a.revision, ...patch });
  const showPreview = (p: PreviewAnswer) => out.replaceChildren(h("h4", {}, t("builder.preview.title")), previewList(view, p));
  if (remembered && remembered.revision === a.revision) {
    if (remembered.text) status(msg, remembered.text, remembered.kind ?? "info");
    // A bot's answer to "What would it take?" is the same node, moved into the card drawn again
    // (a signature or a bot's move redraws the card): its "Propose these terms" still amends this revision.
    // Only while a bot may still be asked: once the deal is signed or the negotiation over, its answer is stale.
    if (remembered.ask && view.phase === "negotiation" && askableBot(view, a)) out.replaceChildren(remembered.ask);
    else if (remembered.preview) showPreview(remembered.preview);
  }
  const say = (text: string, kind: "ok" | "error" | "info") => {
    status(msg, text, kind);
    remember({ text, kind });
  };
  const act = async (kind: "sign" | "decline" | "withdraw", button: HTMLButtonElement) => {
    // A decline or a withdrawal is asked once more, with a field for why (docs/RULES.md, "Life of a deal").
    const reason =
      kind === "withdraw"
        ? await confirmWithReason(withdrawQuestion(view, a), t("deals.withdraw"), t("deals.withdraw.reason"), button)
        : kind === "decline"
          ? await confirmWithReason(t("deals.decline.confirm", { id: a.id }), t("deals.decline"), t("deals.decline.reason"), button)
          : "";
    if (reason === null || isBusy(button)) return;
    const why = reason ? { reason } : {};
    // Busy, not disabled: a disabled button dropped the focus to the page; this one keeps it until
    // the card leaves "Offers for you", and the Deals panel then hands it on (deals-panel.ts).
    setBusy(button, true);
    const reply = await ctx.conn.act(kind === "withdraw" ? { type: "withdraw", agreementId: a.id, ...why } : kind === "decline" ? { type: kind, agreementId: a.id, revision: a.revision, ...why } : { type: kind, agreementId: a.id, revision: a.revision });
    setBusy(button, false);
    if (reply.ok) {
      const text = t(`deals.done.${kind}`, { id: a.id });
      say(text, "ok");
      announce(text);
    } else say(errorText(reply.error), "error");
  };
  const preview = async (button: HTMLButtonElement) => {
    button.disabled = true;
    status(msg, t("builder.preview.busy"));
    const reply = await ctx.conn.preview({ agreementId: a.id });
    button.disabled = false;
    if (!reply.ok) return say(errorText(reply.error), "error");
    msg.textContent = "";
    remember({ text: "", preview: reply, ask: undefined });
    showPreview(reply);
  };
  const buttons: HTMLElement[] = [];
  const btn = (name: string, text: string, cls: string, onclick: (b: HTMLButtonElement) => void) => {
    // Named with the deal ("Sign A21"): a card's buttons, listed or tabbed through, said only "Sign".
    const b = h("button", { type: "button", class: cls, id: `${scope}-${a.id}-${name}`, "aria-label": t("deals.buttonFor", { action: text, id: a.id }) }, text);
    b.addEventListener("click", () => onclick(b));
    buttons.push(b);
  };
  if (acts.preview && me) btn("preview", t("deals.preview"), "", preview);
  if (acts.sign) btn("sign", t("deals.sign"), "primary", (b) => act("sign", b));
  if (acts.decline) btn("decline", t("deals.decline"), "", (b) => act("decline", b));
  if (acts.amend) btn("amend", a.proposedBy === me ? t("deals.amend") : t("deals.counter"), "", (b) => ctx.openBuilder(a.proposedBy === me ? { amend: a } : { counter: a }, b));
  if (acts.withdraw) btn("withdraw", t("deals.withdraw"), "danger", (b) => act("withdraw", b));
  const leave = acts.leave;
  if (leave)
    btn("leave", t("deals.leave"), "", async (b) => {
      if (!(await confirmAction(t("deals.leave.confirm", { id: a.id }), t("deals.leave"), b))) return;
      b.disabled = true;
      const reply = await ctx.conn.act({ type: "amend", agreementId: a.id, revision: a.revision, draft: leave });
      b.disabled = false;
      if (!reply.ok) return say(errorText(reply.error), "error");
      const text = t("deals.done.leave", { id: a.id });
      say(text, "ok");
      announce(text);
    });
  const bot = view.phase === "negotiation" ? askableBot(view, a) : undefined;
  if (bot)
    btn("ask", t("deals.ask"), "", async (b) => {
      await askBot(ctx, view, bot, a, b, out, say);
      const answer = out.querySelector<HTMLElement>(".ask-answer");
      if (!answer) return;
      remember({ ask: answer, preview: undefined });
      // The card may have been drawn again while the bot answered: the answer goes to the one shown.
      const shown = document.querySelector<HTMLElement>(`[data-focus="${scope}-${a.id}"] .preview-out`);
      if (shown && shown !== out) shown.replaceChildren(answer);
    });
  // Unless compact, the card says who proposed it (`proposedBy`): the proposal's reason does not say it again.
  const said = lastWord(a, me, !options.compact);
  const roleNote = me && a.parties.includes(me) && !acts.hasRole && view.settings.teams ? h("p", { class: "hint" }, t("deals.roleNeeded", { role: label("role", acts.role) })) : null;
  return h(
    "article",
    // Focusable from a script only (the Deals panel hands it the focus after a signature or a
    // proposal), and the same card to the focus when it is drawn again (client/ui/dom.ts keepFocus).
    { class: `deal deal-${a.status}`, "aria-label": `${a.id} ${label("type", a.type)}`, "data-deal": a.id, "data-focus": `${scope}-${a.id}`, tabindex: -1 },
    // The rounds it runs and its fate, as the ledger's line for another's deal gives them (deals-panel.ts).
    h("header", {}, h("strong", {}, `${a.id} · ${label("type", a.type)}`), " ", h("span", { class: `badge status-${a.status}` }, label("status", a.status)), " ", h("span", { class: "muted small" }, durationText(a))),
    h("p", {}, describeDeal(a)),
    options.compact
      ? null
      : h(
          "p",
          { class: "muted small" },
          proposerText(view, a),
          " · ",
          t("deals.signed", { signed: a.signatures.length, total: a.parties.length }),
          waitingText(view, a, me) ? ` · ${waitingText(view, a, me)}` : "",
          fate(view, a, true) ? ` · ${fate(view, a, true)}` : "",
        ),
    roleNote,
    acts.blocked ? h("p", { class: "hint deal-blocked" }, acts.blocked) : null,
    said ? h("p", { class: "deal-reason muted small" }, said) : null,
    buttons.length ? h("div", { class: "actions" }, ...buttons) : null,
    msg,
    out,
  );
}

/**
 * A button busy with its request: marked so (aria-disabled, dimmed) and deaf to a second press,
 * but not `disabled`. A disabled button drops the focus to the page, and inside a modal dialog
 * the keyboard user was thrown out of it.
 */
export function setBusy(button: HTMLButtonElement, busy: boolean) {
  if (busy) button.setAttribute("aria-disabled", "true");
  else button.removeAttribute("aria-disabled");
}
export const isBusy = (button: HTMLButtonElement) => button.getAttribute("aria-disabled") === "true";

/**
 * "What would it take?": asks a bot for the nearest terms it would sign on a deal `a` (or, on
 * its country, the deal with me it values most) and shows them, with its reason, as a draft
 * the player sends with one click (an amendment of the open offer, or a new proposal).
 */
export async function askBot(ctx: UiContext, view: ClientView, bot: string, a: Agreement | undefined, button: HTMLButtonElement, out: HTMLElement, say: (text: string, kind: "ok" | "error" | "info") => void) {
  if (isBusy(button)) return;
  setBusy(button, true);
  say(sentence("deals.ask.busy", { who: country(bot) }), "info");
  const reply = await ctx.conn.askBot(a ? { seat: bot, draft: { terms: a.terms, parties: a.parties, duration: a.duration } } : { seat: bot });
  setBusy(button, false);
  if (!reply.ok) return say(errorText(reply.error), "error");
  const answer = reply.answer;
  if (!answer) return say(reply.none ? saidText(reply.none) : sentence(a ? "deals.ask.nothing" : "deals.ask.noDeal", { who: country(bot) }), "info");
  say("", "info");
  // Changed terms of an open offer are an amendment of it; of a closed deal, a new proposal.
  const open = a?.status === "proposed";
  // The bot would sign the open offer unchanged: there are no terms to send.
  const asItStands = open && !!a && sameDeal(answer.draft, a);
  const id = a?.id ?? bot;
  const send = h("button", { type: "button", class: "primary", id: `ask-${id}-send` }, open ? t("deals.ask.sendAmend") : t("deals.ask.sendNew"));
  // Focusable (tabindex -1): the focus lands here once the terms are sent, inside the dialog or card it was in.
  const result = h("p", { class: "status", "aria-live": "polite", id: `ask-${id}-result`, tabindex: -1 });
  send.addEventListener("click", async () => {
    if (isBusy(send)) return;
    setBusy(send, true);
    const move = open && a ? { type: "amend" as const, agreementId: a.id, revision: a.revision, draft: answer.draft } : { type: "propose" as const, draft: answer.draft };
    const sent = await ctx.conn.act(move);
    if (!sent.ok) {
      setBusy(send, false);
      return status(result, errorText(sent.error), "error");
    }
    const text = open && a ? t("deals.done.amend", { id: a.id }) : t("deals.done.propose");
    status(result, text, "ok");
    announce(text);
    // The terms are sent: the button goes, and the focus to the line that says so (not to the page).
    result.focus();
    send.remove();
  });
  // What the terms do for the asker, before the one click that sends them (the reason above is the bot's own view).
  const forYou = h("div", { class: "ask-for-you" }, h("p", { class: "muted small" }, t("builder.preview.busy")));
  const answerBox = h(
    "div",
    { class: "ask-answer", id: `ask-${id}`, role: "group", "aria-labelledby": `ask-${id}-title`, tabindex: -1 },
    h("h4", { id: `ask-${id}-title` }, sentence(asItStands ? "deals.ask.asItStands" : "deals.ask.title", { who: country(bot) })),
    h("p", {}, describeDeal(answer.draft), " · ", t("deals.ask.rounds", { rounds: answer.draft.duration })),
    h("p", { class: "muted small" }, sentence("deals.ask.theirView", { who: country(bot), reason: answer.reason })),
    forYou,
    asItStands ? null : send,
    result,
  );
  out.replaceChildren(answerBox);
  // The answer takes the focus from the button that asked for it (a keyboard user reads it next, and Tab reaches its "Propose").
  if (document.activeElement === button || document.activeElement === document.body) answerBox.focus();
  // Terms sent as an amendment are previewed in place of the offer they revise.
  const mine = await ctx.conn.preview(open && a ? { draft: answer.draft, amends: a.id } : { draft: answer.draft });
  if (!mine.ok) status(forYou.firstElementChild as HTMLElement, errorText(mine.error), "error");
  else forYou.replaceChildren(h("h4", {}, t("deals.ask.forYou")), previewList(view, mine));
  // On a phone the preview pushes the send button down under the tab bar at the foot: it comes
  // into view above the bar (the page's scroll padding, client/phone.css), in a coming frame (a
  // deal card drawn again meanwhile has the answer moved into it by then), unless the player has
  // scrolled the answer off the screen meanwhile.
  if (narrow())
    requestAnimationFrame(() => {
      const box = answerBox.getBoundingClientRect();
      if (send.isConnected && box.bottom > 0 && box.top < innerHeight) send.scrollIntoView({ block: "nearest" });
    });
}


/** Whether a draft is the deal's own terms, parties and length (in any order of keys and parties: both are parsed as a draft first). */
function sameDeal(d: Draft, a: Agreement): boolean {
  const key = (x: unknown) => {
    const parsed = DraftSchema.safeParse(x);
    return parsed.success ? draftKey(parsed.data) : undefined;
  };
  const mine = key({ terms: a.terms, parties: a.parties, duration: a.duration });
  return mine !== undefined && key(d) === mine;
}

export function countryLink(ctx: UiContext, view: ClientView, id: string) {
  const b = h("button", { type: "button", class: "link", "aria-label": sentence("country.open", { name: country(id) }) }, countryName(view, id));
  b.addEventListener("click", () => ctx.openProfile(id, b));
  b.addEventListener("mouseenter", () => ctx.highlight(id));
  b.addEventListener("mouseleave", () => ctx.highlight(undefined));
  b.addEventListener("focus", () => ctx.highlight(id));
  b.addEventListener("blur", () => ctx.highlight(undefined));
  return b;
}

/** The game's projector view (the public board, large type), opened in a new tab for the room's screen. */
export function projectorLink(code: string, id: string) {
  return h("a", { href: `/${code}/watch`, target: "_blank", rel: "noopener", id }, t("menu.projector"));
}
