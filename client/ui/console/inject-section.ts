/**
 * Injects: play a card from the scenario's deck now or schedule it for a later round; write a
 * custom card (title, text, effects on chosen countries' metrics, sectors, stance or capital,
 * or on the table) for now or a later round. Every field is checked before sending; a refusal
 * from the server is shown as it comes. Above them, the control-cell script (./script-section.ts).
 * The form is built once; the lists are redrawn.
 */
import { cardLanguageFields } from "./card-languages.ts";
import type { ClientView } from "../../../shared/protocol/view.ts";
import { t, errorText } from "../../i18n/index.ts";
import { canPlayNow, deckRows, describeEffects, laterRounds, TEXT_MAX, TITLE_MAX, validateInject, validateEffects, type InjectDraft } from "../../model/inject.ts";
import type { UiContext } from "../context.ts";
import { announce, h, replace, status } from "../dom.ts";
import { effectsForm } from "./effects-form.ts";
import { effectLines, field, markProblems, problemsSummary, refusal, refusalText } from "./form-kit.ts";
import { ScriptSection } from "./script-section.ts";

/** A refusal shown beside its card (the live region says it: `announce`). */
function showRefusal(el: HTMLElement, text: string) {
  el.textContent = text;
  el.className = "deck-note block status-error";
}

export class InjectSection {
  readonly el = h("div", { class: "console-injects" });
  private deckBox = h("section", { class: "console-card", "aria-labelledby": "inj-deck-h" });
  private playedBox = h("section", { class: "console-card", "aria-labelledby": "inj-played-h" });
  private formBox = h("section", { class: "console-card", "aria-labelledby": "inj-custom-h" });
  private when = h("select", { id: "inj-when" });
  private preview = h("p", { class: "inject-preview small", "aria-live": "polite" });
  private submit = h("button", { type: "submit", class: "primary", id: "inj-submit", "aria-describedby": "inj-closed" }, t("inject.submit.now"));
  /** Why no card can be sent: the game is over, or no round is left to play one in. */
  private closed = h("p", { class: "hint", id: "inj-closed", "aria-live": "polite" });
  private sending = false;
  /** No "now" and no later round in the When list (the game is over, or its last round is past): a card could only be refused. */
  private closedNow = () => !this.when.options.length;
  private built = false;
  private deckMsg = h("p", { class: "status", "aria-live": "polite" });
  private lastWhen = "";
  /** The round chosen for each deck card, kept across redraws. */
  private deckWhen = new Map<string, string>();
  private deckSig = "";

  private script: ScriptSection;

  constructor(private ctx: UiContext) {
    // The table's own cards: the deck's, the ones played and the ones scheduled.
    const cards = (v: ClientView) => [...(v.deckCards ?? []), ...v.events.filter((e) => !e.custom), ...(v.scheduled ?? []).map((x) => x.card).filter((c) => !c.custom)];
    this.script = new ScriptSection({
      prefix: "inj",
      storageKey: `chokepoint:script:${ctx.code}`,
      scenario: () => {
        const v = ctx.view();
        return v ? { id: v.scenario.id, rounds: v.settings.rounds, events: cards(v), countries: v.countries } : undefined;
      },
      tables: () => {
        const v = ctx.view();
        return v ? [{ round: v.round, phase: v.phase, rounds: v.settings.rounds, played: v.events, scheduled: v.scheduled ?? [] }] : [];
      },
      eventSeconds: () => ctx.eventSeconds,
      card: (id) => {
        const v = ctx.view();
        return v ? cards(v).find((c) => c.id === id) : undefined;
      },
      names: () => ctx.view() ?? { countries: [] },
      send: async (move) => {
        const reply = await ctx.conn.facilitator(move);
        return reply.ok ? { ok: true } : { ok: false, message: errorText(reply.error) };
      },
    });
    this.el.append(this.script.el, this.formBox, this.deckBox, this.playedBox);
  }

  private build(view: ClientView) {
    this.built = true;
    const title = h("input", { id: "inj-title", type: "text", maxlength: TITLE_MAX + 20, autocomplete: "off" });
    const text = h("textarea", { id: "inj-text", rows: 3, maxlength: TEXT_MAX + 50 });
    const count = h("span", { class: "hint", "aria-live": "off" });
    const effects = effectsForm(view, "inj-eff");
    const languages = cardLanguageFields("inj");
    const top = h("p", { class: "status", "aria-live": "polite" });
    const msg = h("p", { class: "status", "aria-live": "polite" });
    const submit = this.submit;
    const draft = (): InjectDraft => ({ title: title.value, text: text.value, translations: languages.values(), when: this.when.value, effects: effects.rows() });
    const form = h(
      "form",
      { class: "inject-form", novalidate: true },
      top,
      field("title", t("fac.custom.title"), title, { hint: t("inject.title.hint") }),
      field("text", t("fac.custom.text"), text),
      count,
      languages.el,
      effects.el,
      h("div", { class: "row" }, field("when", t("fac.custom.round"), this.when, { inline: true })),
      this.preview,
      h("div", { class: "actions" }, submit, h("button", { type: "reset", class: "link", id: "inj-clear" }, t("inject.clear"))),
      this.closed,
      msg,
    );
    const refresh = () => {
      const v = this.ctx.view();
      count.textContent = t("inject.count", { count: text.value.trim().length, max: TEXT_MAX });
      submit.textContent = this.when.value ? t("inject.submit.later", { round: this.when.value }) : t("inject.submit.now");
      if (!v) return;
      const checked = validateEffects(v, effects.rows());
      this.preview.textContent = checked.effects.length ? t("inject.preview", { effects: describeEffects(v, checked.effects) }) : t("inject.preview.none");
      // Once the form has been sent with problems, keep the marks in step with what is typed.
      if (form.dataset.tried) {
        const c = validateInject(v, draft());
        problemsSummary(top, markProblems(form, c.ok ? {} : c.problems));
      }
    };
    form.addEventListener("input", refresh);
    form.addEventListener("change", refresh);
    effects.onChange(refresh);
    form.addEventListener("reset", () => {
      setTimeout(() => {
        effects.reset();
        languages.reset();
        delete form.dataset.tried;
        markProblems(form, {});
        top.textContent = "";
        refresh();
      });
    });
    form.addEventListener("submit", async (e) => {
      e.preventDefault();
      const v = this.ctx.view();
      if (!v) return;
      const checked = validateInject(v, draft());
      if (!checked.ok) {
        form.dataset.tried = "1";
        languages.reveal(checked.problems);
        problemsSummary(top, markProblems(form, checked.problems, true));
        msg.textContent = "";
        return;
      }
      markProblems(form, {});
      top.textContent = "";
      this.sending = submit.disabled = true;
      const reply = await this.ctx.conn.facilitator(checked.value);
      this.sending = false;
      submit.disabled = this.closedNow();
      if (!reply.ok) return refusal(msg, errorText(reply.error));
      const done = checked.value.round ? t("fac.custom.scheduled", { round: checked.value.round }) : t("inject.played", { title: checked.value.title });
      status(msg, done, "ok");
      announce(done);
      title.value = "";
      text.value = "";
      effects.reset();
      languages.reset();
      delete form.dataset.tried;
      refresh();
    });
    replace(
      this.formBox,
      h("h3", { id: "inj-custom-h" }, t("inject.custom")),
      h("p", { class: "muted small" }, t("inject.custom.intro")),
      form,
    );
    refresh();
  }

  /**
   * A refusal of a deck card, said beside the card whose Play was pressed (the list is long: a
   * line at its foot is out of sight), until the next card plays.
   */
  private deckRefusal?: { id: string; text: string };

  private renderDeck(view: ClientView, now: boolean, later: number[]) {
    const rows = deckRows(view);
    if (this.deckRefusal && !rows.some((r) => r.id === this.deckRefusal!.id)) this.deckRefusal = undefined;
    replace(
      this.deckBox,
      h("h3", { id: "inj-deck-h" }, t("fac.deck"), h("span", { class: "muted" }, t("misc.aside", { text: rows.length }))),
      h("p", { class: "muted small" }, t("inject.deck.intro")),
      this.deckMsg,
      rows.length
        ? h(
            "ul",
            { class: "deck console-deck" },
            ...rows.map(({ id, title, card, waitsFor }) => {
              const sel = h("select", { id: `deck-when-${id}`, class: "small", disabled: !!waitsFor }, ...(now ? [h("option", { value: "" }, t("fac.custom.now"))] : []), ...later.map((r) => h("option", { value: r }, t("fac.custom.later", { round: r }))));
              const chosen = this.deckWhen.get(id);
              if (chosen !== undefined && [...sel.options].some((o) => o.value === chosen)) sel.value = chosen;
              // The button says what it will do: play now, or schedule for the round chosen.
              const goText = () => (sel.value ? t("inject.deck.schedule") : t("inject.deck.go"));
              sel.addEventListener("change", () => {
                this.deckWhen.set(id, sel.value);
                go.textContent = goText();
              });
              // Why the engine would not play it yet, in place of a Play that could only be refused.
              const waits = waitsFor ? h("span", { id: `deck-waits-${id}`, class: "hint block" }, t("inject.deck.waits", { first: waitsFor })) : null;
              const note = h("span", { id: `deck-note-${id}`, class: "deck-note block" });
              const refused = this.deckRefusal?.id === id ? this.deckRefusal.text : "";
              if (refused) showRefusal(note, refused);
              const go = h("button", { type: "button", id: `deck-play-${id}`, disabled: !!waitsFor || (!now && !later.length), "aria-describedby": waits ? waits.id : note.id }, goText());
              go.addEventListener("click", async () => {
                const round = sel.value ? Number(sel.value) : undefined;
                go.disabled = true;
                const reply = await this.ctx.conn.facilitator({ type: "play-event", cardId: id, ...(round ? { round } : {}) });
                go.disabled = false;
                if (!reply.ok) {
                  const text = refusalText(errorText(reply.error));
                  this.clearRefusal();
                  this.deckMsg.textContent = "";
                  this.deckRefusal = { id, text };
                  // The node this handler closed over, or the one a redraw since put in its place.
                  const shown = document.getElementById(note.id) ?? note;
                  showRefusal(shown, text);
                  announce(text, true);
                  return;
                }
                this.clearRefusal();
                const done = round ? t("fac.custom.scheduled", { round }) : t("inject.played", { title });
                status(this.deckMsg, done, "ok");
                announce(done);
              });
              return h(
                "li",
                {},
                h("span", {}, h("strong", {}, title), card ? h("span", { class: "muted small block" }, card.text) : null, ...(card ? effectLines(view, card) : []), waits, note),
                h("label", { for: sel.id, class: "sr-only" }, t("inject.deck.when", { title })),
                sel,
                go,
              );
            }),
          )
        : h("p", { class: "muted" }, t("fac.deck.none")),
    );
  }

  /** Takes the last refusal away from beside its card. */
  private clearRefusal() {
    if (this.deckRefusal) {
      const shown = document.getElementById(`deck-note-${this.deckRefusal.id}`);
      if (shown) {
        shown.textContent = "";
        shown.className = "deck-note block";
      }
    }
    this.deckRefusal = undefined;
  }

  render(view: ClientView) {
    // The cards played in earlier rounds: fetched when a facilitator who came later opens this part.
    this.ctx.conn.need("events");
    if (!this.built) this.build(view);
    this.script.render();
    // "When": now (if the phase allows) and each later round; keep the choice across updates.
    const later = laterRounds(view);
    const now = canPlayNow(view);
    const keep = this.when.value || this.lastWhen;
    const options = [...(now ? [{ value: "", text: t("fac.custom.now") }] : []), ...later.map((r) => ({ value: String(r), text: t("fac.custom.later", { round: r }) }))];
    const sig = options.map((o) => o.value).join(",");
    if (this.when.dataset.sig !== sig) {
      replace(this.when, ...options.map((o) => h("option", { value: o.value }, o.text)));
      this.when.dataset.sig = sig;
      if (options.some((o) => o.value === keep)) this.when.value = keep;
    }
    this.lastWhen = this.when.value;
    this.when.disabled = !options.length;
    if (!this.sending) this.submit.disabled = this.closedNow();
    this.closed.textContent = this.closedNow() ? t(view.phase === "ended" ? "inject.invalid.ended" : "inject.invalid.noRoundLeft") : "";

    // Made again only when it would show something else: a "when" list left open stays open.
    const deckSig = JSON.stringify([deckRows(view), now, later]);
    if (deckSig !== this.deckSig) this.renderDeck(view, now, later);
    this.deckSig = deckSig;

    // Scheduled cards by the round they will play in, soonest first.
    const scheduled = [...(view.scheduled ?? [])].sort((a, b) => a.round - b.round);
    const played = [...view.events].reverse();
    replace(
      this.playedBox,
      h("h3", { id: "inj-played-h" }, t("inject.log")),
      scheduled.length
        ? h(
            "ul",
            { class: "inject-log" },
            ...scheduled.map((s) =>
              h(
                "li",
                { class: "scheduled" },
                h("span", { class: "badge" }, t("inject.scheduledFor", { round: s.round })),
                " ",
                h("strong", {}, s.card.title),
                s.card.custom ? h("span", { class: "badge custom" }, t("inject.custom.badge")) : null,
                ...effectLines(view, s.card),
              ),
            ),
          )
        : null,
      played.length
        ? h(
            "ul",
            { class: "inject-log" },
            ...played.map((e) =>
              h(
                "li",
                {},
                h("span", { class: "badge" }, t("report.round.short", { round: e.round })),
                " ",
                h("strong", {}, e.title),
                e.custom ? h("span", { class: "badge custom" }, t("inject.custom.badge")) : null,
                ...effectLines(view, e),
              ),
            ),
          )
        : h("p", { class: "muted" }, t("inject.log.none")),
    );
  }
}
