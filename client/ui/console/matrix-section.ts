/**
 * The matrix queue: each pending free-form action with its argument (we do, so that, because)
 * and a ruling form — accept, refuse, or roll with chosen odds — with effects and a note to the
 * table, and what those effects would change before it is announced (the engine's
 * `previewRuling`, asked of the server as the facilitator edits them); then the rulings already
 * announced, with what they did. A pending card is built once, so what the facilitator types
 * survives updates.
 */
import type { MatrixAction } from "../../../shared/engine/types.ts";
import type { ClientView } from "../../../shared/protocol/view.ts";
import { t, errorText } from "../../i18n/index.ts";
import { countryName } from "../../model/deals.ts";
import { describeEffects, NOTE_MAX, parseAmount, validateEffects, validateRuling, type RulingDraft } from "../../model/inject.ts";
import { matrixQueue, rulingPreviewLines, rulingText } from "../../model/matrix.ts";
import type { UiContext } from "../context.ts";
import { announce, h, keepChildren, replace, setText, status } from "../dom.ts";
import { effectsForm } from "./effects-form.ts";
import { field, markProblems, problemsSummary, refusal } from "./form-kit.ts";
import { argument } from "../matrix/player-matrix.ts";

export class MatrixSection {
  readonly el = h("div", { class: "console-matrix" });
  private pendingBox = h("section", { class: "console-card", "aria-labelledby": "mq-pending-h" });
  private ruledBox = h("section", { class: "console-card", "aria-labelledby": "mq-ruled-h" });
  private cards = new Map<string, HTMLElement>();
  /** Each card's preview, asked again when the numbers it starts from change (another ruling, a card, a round's resolution). */
  private previews = new Map<string, () => void>();
  private numbers = "";

  private pendingCount = h("span", { class: "count" });
  private pendingList = h("div", { class: "ruling-list" });
  private noPending = h("p", { class: "muted" }, t("ruling.none"));

  constructor(private ctx: UiContext) {
    this.pendingBox.append(h("h3", { id: "mq-pending-h" }, t("matrix.pending"), this.pendingCount), h("p", { class: "muted small" }, t("ruling.intro")), this.pendingList, this.noPending);
    this.el.append(this.pendingBox, this.ruledBox);
  }

  private card(view: ClientView, m: MatrixAction): HTMLElement {
    const cached = this.cards.get(m.id);
    if (cached) return cached;
    const p = (x: string) => `mq-${m.id}-${x}`;
    const choice = (value: RulingDraft["ruling"], text: string) =>
      h("label", { class: "radio" }, h("input", { type: "radio", name: p("ruling"), id: p(value), value, checked: value === "accept" }), text);
    const odds = h("input", { id: p("odds"), type: "text", inputmode: "numeric", size: 4, value: "50", autocomplete: "off" });
    const oddsField = field("odds", t("matrix.oddsLabel"), odds, { inline: true, hint: t("ruling.odds.hint") });
    const note = h("textarea", { id: p("note"), rows: 2, maxlength: NOTE_MAX + 20 });
    // An effect of a ruling is first about the seat that acted: "Prosperity +5" left on "Everyone"
    // would give it to every country on the map, announced and past undoing.
    const effects = effectsForm(view, p("eff"), "effects", "ruling.effects.none", m.seat);
    const preview = h("div", { class: "ruling-preview", id: p("preview") });
    const top = h("p", { class: "status" });
    const msg = h("p", { class: "status", "aria-live": "polite" });
    const submit = h("button", { type: "submit", class: "primary", id: p("submit") }, t("ruling.submit"));
    const ruling = () => (form.querySelector<HTMLInputElement>(`input[name="${p("ruling")}"]:checked`)?.value ?? "accept") as RulingDraft["ruling"];
    const sync = () => {
      const r = ruling();
      oddsField.hidden = r !== "roll";
      effects.el.hidden = preview.hidden = r === "refuse";
      submit.textContent = t(`ruling.submit.${r}`);
    };
    // What the effects would change, from the engine on the server, a moment after each edit; an
    // answer to an older edit is dropped. Nothing is asked while a row is incomplete or wrong.
    let timer: ReturnType<typeof setTimeout> | undefined;
    let seq = 0;
    /** What the preview shows: the engine's lines, or a sentence instead (a row to complete, a refusal); none while no effect is listed. */
    let shown: { lines: string[]; note?: string } | undefined;
    const showPreview = (next = shown) => {
      shown = next;
      if (!shown) return replace(preview);
      const { lines, note } = shown;
      const chance = parseAmount(odds.value);
      replace(
        preview,
        h("p", { class: "effects-title" }, t("ruling.preview.title")),
        ruling() === "roll" ? h("p", { class: "small" }, t("ruling.preview.roll", { odds: chance === undefined || chance < 0 || chance > 100 ? "?" : `${chance}%` })) : null,
        note ? h("p", { class: "muted small" }, note) : lines.length ? h("ul", { class: "plain small" }, ...lines.map((l) => h("li", {}, l))) : h("p", { class: "muted small" }, t("ruling.preview.none")),
      );
    };
    const askPreview = () => {
      clearTimeout(timer);
      const mine = ++seq;
      const v = this.ctx.view();
      const rows = effects.rows();
      if (!v || !rows.length) return showPreview(undefined);
      const checked = validateEffects(v, rows);
      if (Object.keys(checked.problems).length) return showPreview({ lines: [], note: t("ruling.preview.incomplete") });
      timer = setTimeout(async () => {
        const reply = await this.ctx.conn.previewRuling({ matrixId: m.id, effects: checked.effects });
        if (mine !== seq) return;
        showPreview(reply.ok ? { lines: rulingPreviewLines(reply) } : { lines: [], note: errorText(reply.error) });
      }, 350);
    };
    this.previews.set(m.id, askPreview);
    const form: HTMLFormElement = h(
      "form",
      { class: "ruling-form", novalidate: true },
      top,
      h("fieldset", { class: "ruling-choice" }, h("legend", {}, t("ruling.choice")), choice("accept", t("matrix.accept")), choice("roll", t("matrix.roll")), choice("refuse", t("matrix.refuse"))),
      oddsField,
      effects.el,
      preview,
      field("note", t("matrix.noteLabel"), note, { hint: t("ruling.note.hint") }),
      h("div", { class: "actions" }, submit),
      msg,
    );
    const check = () => {
      const v = this.ctx.view();
      return v ? validateRuling(v, m.id, { ruling: ruling(), odds: odds.value, note: note.value, effects: effects.rows() }) : undefined;
    };
    // Once sent with problems, the marks follow what is typed and chosen.
    const recheck = () => {
      if (!form.dataset.tried) return;
      const c = check();
      if (c) problemsSummary(top, markProblems(form, c.ok ? {} : c.problems));
    };
    form.addEventListener("change", () => {
      sync();
      recheck();
    });
    form.addEventListener("input", recheck);
    effects.onChange(() => {
      recheck();
      askPreview();
    });
    // A roll, and its chance as it is typed, change what the preview says, not its numbers: nothing is asked.
    odds.addEventListener("input", () => showPreview());
    form.addEventListener("change", (e) => (e.target as HTMLInputElement).name === p("ruling") && showPreview());
    form.addEventListener("submit", async (e) => {
      e.preventDefault();
      const checked = check();
      if (!checked) return;
      if (!checked.ok) {
        form.dataset.tried = "1";
        return problemsSummary(top, markProblems(form, checked.problems, true));
      }
      problemsSummary(top, markProblems(form, {}));
      submit.disabled = true;
      const reply = await this.ctx.conn.facilitator(checked.value);
      submit.disabled = false;
      if (!reply.ok) return refusal(msg, errorText(reply.error));
      status(msg, t("ruling.done"), "ok");
      announce(t("ruling.done"));
    });
    sync();
    const el = h(
      "article",
      { class: "card ruling-card", id: `mq-${m.id}` },
      h("header", {}, h("strong", {}, `${m.id} · ${countryName(view, m.seat)}`), h("span", { class: "muted small" }, ` · ${t("console.roundN", { round: m.round })}`)),
      argument(m),
      form,
    );
    this.cards.set(m.id, el);
    return el;
  }

  render(view: ClientView) {
    const { pending, ruled } = matrixQueue(view);
    for (const id of [...this.cards.keys()]) if (!pending.some((m) => m.id === id)) this.cards.delete(id), this.previews.delete(id);
    // The numbers moved (a ruling, a card, a resolution): what each ruling would do is asked
    // again. Not on every patch: the talks change the version and no number.
    const numbers = JSON.stringify([view.round, view.phase, view.table, view.countries.map((c) => [c.capital, c.metrics, c.sectors, c.falls, c.stance])]);
    if (numbers !== this.numbers) {
      if (this.numbers) for (const ask of this.previews.values()) ask();
      this.numbers = numbers;
    }
    // The pending cards stay where they are: a card moved loses a click aimed at it.
    setText(this.pendingCount, String(pending.length));
    this.pendingCount.hidden = !pending.length;
    this.noPending.hidden = pending.length > 0;
    keepChildren(this.pendingList, pending.map((m) => this.card(view, m)));
    replace(
      this.ruledBox,
      h("h3", { id: "mq-ruled-h" }, t("ruling.announced")),
      ruled.length
        ? h(
            "ul",
            { class: "matrix-list ruled" },
            ...ruled.map((m) =>
              h(
                "li",
                { class: `matrix matrix-${m.status}` },
                h("p", {}, h("strong", {}, `${m.id} · ${countryName(view, m.seat)}`), " · ", h("span", { class: `badge ruling-${m.status}` }, rulingText(m)), h("span", { class: "muted small" }, ` · ${t("console.roundN", { round: m.round })}`)),
                h("p", { class: "small" }, m.text),
                m.note ? h("p", { class: "small" }, t("matrix.note", { note: m.note })) : null,
                m.effects.length ? h("p", { class: "small muted" }, t(m.status === "failed" ? "ruling.effects.failed" : "ruling.effects", { effects: describeEffects(view, m.effects) })) : null,
              ),
            ),
          )
        : h("p", { class: "muted" }, t("ruling.announced.none")),
    );
  }
}
