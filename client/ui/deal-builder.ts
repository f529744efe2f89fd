/**
 * The deal builder: one dialog for all seven agreement types. Typed fields with party
 * pickers, mistakes named next to their field before anything is sent, and a preview of what
 * the deal would change for me this round — asked from the server, which runs the round with
 * and without it. Proposes, amends or counters.
 */
import type { Agreement } from "../../shared/engine/types.ts";
import { ROLE_FOR_TYPE, type AgreementType } from "../../shared/engine/agreements/index.ts";
import { holderRoles, type ClientView } from "../../shared/protocol/view.ts";
import { label, t, tn, errorText } from "../i18n/index.ts";
import { allowedTypes, emptyForm, fieldsFor, formFrom, isValid, lapseNote, pastEndNote, setField, toDraft, validate, type DealForm, type Field, type Problems } from "../model/deal-form.ts";
import { describeDeal } from "../model/deals.ts";
import type { UiContext } from "./context.ts";
import { announce, h, keepChildren, keepFocus, replace, setAttr, status } from "./dom.ts";
import { isBusy, previewList, setBusy, type PreviewAnswer } from "./widgets.ts";
import type { Role } from "../../shared/engine/vocabulary.ts";

type Mode = { amend?: Agreement; counter?: Agreement; type?: AgreementType; start?: Partial<DealForm> };

/**
 * The "deal-sent" event's detail, dispatched on the element that opened the builder once a
 * proposal (`proposed`) or an amendment is accepted: a listener may set `focus`, where the focus
 * goes when the builder closes, in place of that element.
 */
export type DealSent = { proposed: boolean; focus?: HTMLElement };

export class DealBuilder {
  readonly dialog = h("dialog", { class: "deal-builder", "aria-labelledby": "builder-title" });
  private body = h("div", { class: "builder-body" });
  private fieldsBox = h("div", { class: "builder-fields" });
  private summary = h("p", { class: "builder-summary", "aria-live": "polite" });
  private previewBox = h("section", { class: "builder-preview", "aria-labelledby": "preview-h", "aria-live": "polite" });
  /** A refusal of Propose, in the sticky bar beside the button: below the form it was out of sight. */
  private submitMsg = h("p", { class: "status", id: "deal-submit-msg" });
  private lapse = h("span", { class: "hint", id: "deal-lapse", hidden: true });
  /** A loan whose repayments would fall due after the game's last round, never made (docs/RULES.md §4.4). */
  private pastEnd = h("span", { class: "hint warn", id: "deal-past-end", hidden: true });
  /**
   * Outside the negotiation nothing can be proposed or amended (the engine refuses it, docs/RULES.md
   * §2): beside the disabled button, why, and when it works again. The draft stays as written.
   */
  private closedNote = h("p", { class: "notice", id: "deal-closed", role: "status", hidden: true });
  /**
   * In a team, the draft's ministry went to a teammate while it was open (docs/RULES.md, "The three
   * ministries"): whose it is now, and a button that posts the draft's summary to the team's
   * channel for them. The draft stays open to read; Propose is off unless its type is changed
   * to one of the ministries still held.
   */
  private handover = h("div", { class: "handover", id: "deal-handover", hidden: true });
  private handoverText = h("p", { class: "notice" });
  private handoverButton = h("button", { type: "button", id: "deal-to-team" }, t("builder.toTeam"));
  private handoverMsg = h("p", { class: "status" });
  /** The ministry whose loss was last told, so it is announced once. */
  private handoverTold = "";
  private submitButton?: HTMLButtonElement;
  private form!: DealForm;
  private view!: ClientView;
  private mode: Mode = {};
  private problems: Problems = {};
  private touched = false;
  /**
   * The refusal beside Propose is the form's own count of fields to fix (not the server's word):
   * it follows the form as it is fixed, and goes once nothing is left to fix, instead of saying
   * "1 field needs fixing" under a draft whose preview already shows.
   */
  private refusedFields = false;
  private previewTimer?: ReturnType<typeof setTimeout>;
  private previewSeq = 0;
  private returnFocus?: HTMLElement | null;

  constructor(private ctx: UiContext) {
    this.dialog.addEventListener("close", () => {
      clearTimeout(this.previewTimer);
      this.returnFocus?.focus();
    });
    this.dialog.append(this.body);
    document.body.append(this.dialog);
    this.handover.append(this.handoverText, this.handoverButton, this.handoverMsg);
    this.handoverButton.addEventListener("click", () => void this.toTeam());
  }

  open(view: ClientView, mode: Mode = {}, from?: HTMLElement | null) {
    this.view = view;
    this.mode = mode;
    this.returnFocus = from ?? (document.activeElement as HTMLElement | null);
    const source = mode.amend ?? mode.counter;
    this.form = source ? formFrom(view, source) : { ...emptyForm(view, mode.type), ...mode.start };
    this.touched = !!source;
    this.submitMsg.textContent = "";
    this.refusedFields = false;
    this.handoverTold = "";
    this.handoverMsg.textContent = "";
    this.build();
    this.dialog.showModal();
    (this.dialog.querySelector("#deal-type") as HTMLElement | null)?.focus();
    this.update();
  }

  /**
   * Each state patch, while open: the facilitator moved this person to another seat, so a draft
   * made for the old one closes rather than be sent (the engine would refuse it).
   */
  follow(view: ClientView) {
    if (!this.dialog.open || !this.view) return;
    const seat = (v: ClientView["viewer"]) => (v.kind === "seat" ? v.seat : v.kind);
    if (seat(view.viewer) !== seat(this.view.viewer)) return this.dialog.close();
    // Another ministry for this person in the same country (a teammate took one, the facilitator
    // moved them): the draft stays, its type list is drawn again, and a draft of a ministry no longer
    // theirs says whose it is now (`showPhase`) rather than vanish.
    const roles = (v: ClientView["viewer"]) => (v.kind === "seat" ? v.roles.join() : "");
    if (roles(view.viewer) !== roles(this.view.viewer)) {
      this.view = view;
      this.build();
      return this.update();
    }
    // A deal signed meanwhile (a loan now financing the chosen project) changes the choices and
    // the problems: the form is drawn again with them, what the player chose kept.
    const shown = (v: ClientView) => JSON.stringify([fieldsFor(v, this.form), validate(v, this.form)]);
    const before = shown(this.view);
    const phase = this.view.phase;
    this.view = view;
    // The phase moved on: a refusal of the phase before ("You cannot propose during the review phase") is old news.
    if (view.phase !== phase) this.submitMsg.textContent = "";
    if (shown(view) !== before) this.update();
    else this.showPhase();
  }

  /** "Not sent: n fields need fixing", counted again as the form changes; gone once none is left. */
  private showFieldRefusal() {
    const left = Object.keys(this.problems).length;
    if (left) return status(this.submitMsg, tn("builder.errors", left), "error");
    this.refusedFields = false;
    this.submitMsg.textContent = "";
  }

  /** Propose (or Send amendment) works in the negotiation only: elsewhere it is disabled, and the note says why. */
  private showPhase() {
    const phase = this.view.phase;
    const lost = this.lostMinistry();
    const open = phase === "negotiation" && !lost;
    if (this.submitButton) {
      this.submitButton.disabled = !open;
      setAttr(this.submitButton, "aria-describedby", lost ? this.handover.id : open ? undefined : this.closedNote.id);
    }
    this.showHandover(lost);
    if (lost) {
      this.closedNote.hidden = true;
      return;
    }
    this.closedNote.hidden = open;
    const text = open ? "" : t(phase === "ended" ? "builder.closed.ended" : phase === "review" ? "builder.closed.review" : "builder.closed.event");
    if (this.closedNote.textContent !== text) this.closedNote.textContent = text;
  }

  /** The ministry of the draft's type, when this person no longer holds it (a teammate does, or no one). */
  private lostMinistry(): Role | undefined {
    const v = this.view.viewer;
    const role = ROLE_FOR_TYPE[this.form.type];
    return v.kind === "seat" && !v.roles.includes(role) ? role : undefined;
  }

  /** The note that the draft's ministry is a teammate's now, told once to a screen reader, with the button that posts the draft to the team. */
  private showHandover(role: Role | undefined) {
    this.handover.hidden = !role;
    if (!role) {
      this.handoverTold = "";
      return;
    }
    const v = this.view.viewer;
    const seat = v.kind === "seat" ? v.seat : "";
    const holder = this.view.seats.find((x) => x.id === seat)?.holders.find((p) => holderRoles(p.roles).includes(role));
    const args = { role: label("role", role), type: label("type", this.form.type) };
    const text = holder ? t("builder.handedOver", { ...args, name: holder.name }) : t("builder.handedOver.noOne", args);
    if (this.handoverText.textContent !== text) this.handoverText.textContent = text;
    // Sent only whole: an unfinished draft has no summary to send.
    this.handoverButton.hidden = !this.teamChannel() || !isValid(this.problems);
    if (this.handoverTold !== `${role}:${this.form.type}`) {
      this.handoverTold = `${role}:${this.form.type}`;
      announce(text);
    }
  }

  private teamChannel(): string | undefined {
    const v = this.view.viewer;
    const id = v.kind === "seat" ? `team:${v.seat}` : "";
    return this.view.settings.teams && this.view.channels.some((c) => c.id === id) ? id : undefined;
  }

  /** Posts the draft's summary to the team's channel, for the teammate whose ministry it is now. */
  private async toTeam() {
    const channel = this.teamChannel();
    const role = this.lostMinistry();
    if (!channel || !role || !isValid(this.problems) || isBusy(this.handoverButton)) return;
    setBusy(this.handoverButton, true);
    const text = t("builder.toTeam.text", { role: label("role", role), summary: describeDeal(toDraft(this.form)) });
    const reply = await this.ctx.conn.act({ type: "chat", channel, text });
    setBusy(this.handoverButton, false);
    if (!reply.ok) return status(this.handoverMsg, errorText(reply.error), "error");
    status(this.handoverMsg, t("builder.toTeam.done"), "ok");
  }

  private build() {
    const source = this.mode.amend ?? this.mode.counter;
    const title = this.mode.amend ? t("builder.title.amend", { id: this.mode.amend.id }) : this.mode.counter ? t("builder.title.counter", { id: this.mode.counter.id }) : t("builder.title.new");
    // The draft's own type stays listed when its ministry is no longer this person's (`lostMinistry`).
    const types = source ? [source.type] : [...new Set([...allowedTypes(this.view), this.form.type])];
    const type = h(
      "select",
      { id: "deal-type", disabled: !!source, "aria-describedby": source ? "deal-type-fixed" : undefined },
      // Which minister handles a type matters only in a team; alone, the name fits a phone's select.
      ...types.map((ty) => {
        const role = label("role", ROLE_FOR_TYPE[ty]);
        // A draft's own type whose ministry went to a teammate says whose it is now.
        const whose = this.view.viewer.kind === "seat" && !this.view.viewer.roles.includes(ROLE_FOR_TYPE[ty]) ? t("builder.type.teammate", { role }) : t("builder.type.role", { role });
        return h("option", { value: ty, selected: ty === this.form.type }, this.view.settings.teams ? `${label("type", ty)} — ${whose}` : label("type", ty));
      }),
    );
    type.addEventListener("change", () => this.set("type", type.value));
    const submit = h("button", { type: "submit", class: "primary", id: "deal-submit" }, source ? t("builder.amend") : t("builder.propose"));
    this.submitButton = submit;
    const cancel = h("button", { type: "button", id: "deal-cancel", onclick: () => this.dialog.close() }, t("builder.cancel"));
    const form = h(
      "form",
      { method: "dialog", novalidate: true },
      // The fields scroll; the Propose/Cancel bar below them does not, so nothing of the form shows beneath it.
      h(
        "div",
        { class: "builder-scroll" },
        h("header", {}, h("h2", { id: "builder-title" }, title)),
        // A revision cannot change the type (docs/RULES.md, "amend"): the greyed list says why, and where another type is offered.
        h("div", { class: "field" }, h("label", { for: "deal-type" }, t("builder.type")), type, source ? h("p", { class: "hint small", id: "deal-type-fixed" }, t("builder.type.fixed")) : null),
        h("div", { class: "builder-main" }, this.fieldsBox, h("aside", { class: "builder-side" }, this.summary, this.previewBox)),
      ),
      h("footer", { class: "actions" }, submit, cancel, this.closedNote, this.handover, this.lapse, this.pastEnd, this.submitMsg),
    );
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      void this.submit(submit);
    });
    replace(this.body, form);
  }

  private set(name: keyof DealForm, value: unknown) {
    this.form = setField(this.view, this.form, name, value);
    // A new deal type is a new form, unmarked until one of its fields is filled in (or Propose is
    // pressed): its empty choices are not the player's mistakes yet.
    this.touched = name !== "type";
    this.update();
  }

  private update() {
    this.problems = validate(this.view, this.form);
    // The fields are drawn anew (a choice can add or remove fields): the one that has the focus keeps it.
    const fresh = fieldsFor(this.view, this.form).map((f) => this.renderField(f));
    keepFocus(this.fieldsBox, () => keepChildren(this.fieldsBox, this.keepTypedNumber(fresh)));
    const ok = isValid(this.problems);
    if (this.refusedFields) this.showFieldRefusal();
    // Beside Propose: the Duration field may be below the fold.
    const lapse = lapseNote(this.view, this.form);
    this.lapse.textContent = lapse ?? "";
    this.lapse.hidden = !lapse;
    const pastEnd = pastEndNote(this.view, this.form);
    this.pastEnd.textContent = pastEnd ?? "";
    this.pastEnd.hidden = !pastEnd;
    this.summary.textContent = ok ? describeDeal(toDraft(this.form)) : "";
    // No preview of a draft that is no longer this person's to propose (the server would refuse it).
    const lost = this.lostMinistry();
    if (ok && lost) {
      clearTimeout(this.previewTimer);
      replace(this.previewBox, h("h3", { id: "preview-h" }, t("builder.preview.title")), h("p", { class: "muted" }, t("builder.preview.teammate", { role: label("role", lost) })));
    } else this.schedulePreview(ok);
    this.showPhase();
  }

  /**
   * The number field being typed in stays the same element through a redraw, its new label, error
   * and limits put around it: a number field has no selection to copy to a new one, so a value
   * selected to be typed over (Tab, Ctrl+A) would otherwise be typed after instead (3 became 31).
   */
  private keepTypedNumber(fresh: HTMLElement[]): HTMLElement[] {
    const typing = document.activeElement;
    if (!(typing instanceof HTMLInputElement) || typing.type !== "number" || !this.fieldsBox.contains(typing)) return fresh;
    const box = typing.closest<HTMLElement>(".field");
    const at = fresh.findIndex((f) => f.querySelector(`input[type="number"]#${CSS.escape(typing.id)}`));
    if (!box || box.parentElement !== this.fieldsBox || at < 0) return fresh;
    const twin = fresh[at]!.querySelector<HTMLInputElement>(`#${CSS.escape(typing.id)}`)!;
    for (const a of [...typing.attributes]) if (a.name !== "value" && !twin.hasAttribute(a.name)) typing.removeAttribute(a.name);
    for (const a of [...twin.attributes]) if (a.name !== "value") setAttr(typing, a.name, a.value);
    // What the person typed stays as typed ("3.0" is 3) unless the form now holds another number.
    if (Number(typing.value) !== Number(twin.value) || typing.value === "" !== (twin.value === "")) typing.value = twin.value;
    box.className = fresh[at]!.className;
    keepChildren(box, [...fresh[at]!.childNodes].map((n) => (n === twin ? typing : n)));
    return fresh.map((f, i) => (i === at ? box : f));
  }

  private renderField(f: Field) {
    const id = `deal-${f.name}`;
    const problem = this.touched ? this.problems[f.name] : undefined;
    const errId = `${id}-error`;
    const error = problem ? h("p", { class: "field-error", id: errId }, problem) : null;
    const describedBy = problem ? errId : undefined;
    switch (f.kind) {
      case "countries":
      case "checks": {
        const value = this.form[f.name] as string[];
        const locked = f.kind === "countries" ? (f.locked ?? []) : [];
        return h(
          "fieldset",
          { class: `field choices${problem ? " invalid" : ""}`, "aria-describedby": describedBy },
          h("legend", {}, t(f.label)),
          f.kind === "countries" && locked.length ? h("p", { class: "hint" }, t("builder.parties.hint")) : null,
          h(
            "div",
            { class: f.kind === "countries" ? "country-grid" : "check-list" },
            ...f.options.map((o) => {
              const boxId = `${id}-${o.value}`;
              const box = h("input", { type: "checkbox", id: boxId, value: o.value, checked: value.includes(o.value) || locked.includes(o.value), disabled: locked.includes(o.value) });
              box.addEventListener("change", () => {
                const next = box.checked ? [...new Set([...value, o.value])] : value.filter((v) => v !== o.value);
                this.set(f.name, next);
              });
              return h("div", { class: "check" }, box, h("label", { for: boxId }, o.label, o.hint && f.kind === "countries" ? h("span", { class: "muted small" }, o.hint) : null));
            }),
          ),
          error,
        );
      }
      case "select": {
        const value = String(this.form[f.name]);
        const select = h(
          "select",
          { id, "aria-invalid": problem ? "true" : undefined, "aria-describedby": describedBy },
          ...(f.options.some((o) => o.value === value) ? [] : [h("option", { value, selected: true }, "—")]),
          ...f.options.map((o) => h("option", { value: o.value, selected: o.value === value }, o.hint ? `${o.label}${t("misc.aside", { text: o.hint })}` : o.label)),
        );
        select.addEventListener("change", () => this.set(f.name, select.value));
        return h("div", { class: `field${problem ? " invalid" : ""}` }, h("label", { for: id }, t(f.label)), select, error);
      }
      case "number": {
        const input = h("input", {
          id,
          type: "number",
          inputmode: "decimal",
          min: f.min,
          max: f.max,
          step: f.step,
          value: String(this.form[f.name]),
          "aria-invalid": problem ? "true" : undefined,
          "aria-describedby": describedBy,
        });
        input.addEventListener("input", () => {
          const v = input.value === "" ? Number.NaN : Number(input.value);
          this.form = setField(this.view, this.form, f.name, v);
          this.touched = true;
          // Do not redraw while typing a number: only refresh errors, summary and preview.
          this.problems = validate(this.view, this.form);
          const p = this.problems[f.name];
          const box = input.closest(".field")!;
          box.classList.toggle("invalid", !!p);
          input.setAttribute("aria-invalid", p ? "true" : "false");
          box.querySelector(".field-error")?.remove();
          if (p) {
            box.append(h("p", { class: "field-error", id: errId }, p));
            input.setAttribute("aria-describedby", errId);
          } else input.removeAttribute("aria-describedby");
          const ok = isValid(this.problems);
          if (this.refusedFields) this.showFieldRefusal();
          this.summary.textContent = ok ? describeDeal(toDraft(this.form)) : "";
          this.schedulePreview(ok);
        });
        // A number is committed as the focus leaves it (Tab): redraw once the focus has landed on
        // the next field, which then keeps it, rather than under it while it moves there.
        input.addEventListener("change", () => setTimeout(() => this.dialog.open && this.update()));
        return h("div", { class: `field number${problem ? " invalid" : ""}` }, h("label", { for: id }, t(f.label)), input, error);
      }
    }
  }

  private schedulePreview(ok: boolean) {
    clearTimeout(this.previewTimer);
    if (!ok) {
      // Each problem under its field's name as the form shows it (the whole draft's own, bare).
      const labels = new Map<string, string>(fieldsFor(this.view, this.form).map((f) => [f.name, t(f.label)]));
      const list = Object.entries(this.problems).map(([k, v]) => (labels.has(k) ? `${labels.get(k)}${t("misc.colon")}${v}` : v));
      replace(
        this.previewBox,
        h("h3", { id: "preview-h" }, t("builder.preview.title")),
        // Nothing is marked until the form has been touched: then there is nothing "above" to fix.
        h("p", { class: "muted" }, t(this.touched ? "builder.preview.invalid" : "builder.preview.incomplete")),
        this.touched ? h("ul", { class: "problems" }, ...list.map((x) => h("li", {}, x))) : null,
      );
      return;
    }
    replace(this.previewBox, h("h3", { id: "preview-h" }, t("builder.preview.title")), h("p", { class: "muted" }, t("builder.preview.busy")));
    this.previewTimer = setTimeout(() => void this.preview(), 350);
  }

  private async preview() {
    const seq = ++this.previewSeq;
    // A counter-offer or an amendment is previewed in place of the offer it revises, not beside it.
    const target = this.mode.amend ?? this.mode.counter;
    const draft = toDraft(this.form);
    const reply = await this.ctx.conn.preview(target ? { draft, amends: target.id } : { draft });
    if (seq !== this.previewSeq || !this.dialog.open) return;
    if (!reply.ok) {
      const p = h("p", {});
      status(p, errorText(reply.error), "error");
      replace(this.previewBox, h("h3", { id: "preview-h" }, t("builder.preview.title")), p);
      return;
    }
    this.showPreview(reply);
  }

  private showPreview(p: PreviewAnswer) {
    replace(this.previewBox, h("h3", { id: "preview-h" }, t("builder.preview.title")), previewList(this.ctx.view() ?? this.view, p));
  }

  private async submit(button: HTMLButtonElement) {
    this.touched = true;
    this.update();
    if (!isValid(this.problems)) {
      this.refusedFields = true;
      this.showFieldRefusal();
      (this.fieldsBox.querySelector(".invalid input, .invalid select") as HTMLElement | null)?.focus();
      return;
    }
    button.disabled = true;
    const draft = toDraft(this.form);
    const target = this.mode.amend ?? this.mode.counter;
    const reply = target ? await this.ctx.conn.act({ type: "amend", agreementId: target.id, revision: target.revision, draft }) : await this.ctx.conn.act({ type: "propose", draft });
    button.disabled = this.view.phase !== "negotiation";
    this.refusedFields = false;
    if (!reply.ok) return status(this.submitMsg, errorText(reply.error), "error");
    const done = target ? t("deals.done.amend", { id: target.id }) : t("deals.done.propose");
    announce(done);
    // The button that opened the builder may name another place for the focus after it: "Propose a
    // deal" got it back, and a second Enter right after the first opened a new, empty builder.
    const sent = new CustomEvent<DealSent>("deal-sent", { bubbles: true, detail: { proposed: !target } });
    this.returnFocus?.dispatchEvent(sent);
    if (sent.detail.focus) this.returnFocus = sent.detail.focus;
    this.dialog.close();
    // At once: closing gives the focus back to "Propose a deal" until the close event comes (a
    // task later, longer on a busy device), and an Enter in between opened a new builder.
    this.returnFocus?.focus();
    this.ctx.selectTab("deals");
  }
}
