/**
 * Rows of effects for a custom card or a matrix ruling: what changes (a country metric, a
 * table metric, a sector's capability, capital, a stance, or a supply cut-off: one country
 * stops supplying a sector to a country or group for some rounds), for whom, by how much. Each row can
 * be removed; problems from `validateEffects` show under the field they concern.
 */
import { COUNTRY_METRICS, SECTORS, STANCES, TABLE_METRICS, type CountryMetric, type Sector, type Stance, type TableMetric } from "../../../shared/engine/vocabulary.ts";
import { label, t } from "../../i18n/index.ts";
import { type Named, EFFECT_KINDS, MAX_EFFECTS, RESTRICTION_ROUNDS_MAX, amountRange, groupOption, targetGroups, effectParts, emptyEffect, type EffectDraft, type EffectKind } from "../../model/inject.ts";
import { signed } from "../../model/format.ts";
import { h, replace } from "../dom.ts";
import { field } from "./form-kit.ts";

type Row = { el: HTMLElement; read(): EffectDraft };

export type EffectsForm = { el: HTMLElement; rows(): EffectDraft[]; reset(): void; onChange(fn: () => void): void };

/**
 * `none`: what no effect means here (a card that is news only, a ruling that changes no number).
 * `defaultTarget`: whom a new row names first ("all" for a card; a ruling's own seat, who acted).
 */
export function effectsForm(view: Named, prefix: string, problemPrefix = "effects", none: "inject.effects.none" | "ruling.effects.none" = "inject.effects.none", defaultTarget = "all"): EffectsForm {
  let rows: Row[] = [];
  let serial = 0;
  const listeners: (() => void)[] = [];
  const changed = () => listeners.forEach((f) => f());
  const list = h("div", { class: "effect-rows" });
  const empty = h("p", { class: "muted small" }, t(none));
  const add = h("button", { type: "button", class: "link", id: `${prefix}-add` }, t("fac.custom.add"));

  const renumber = () => {
    rows.forEach((r, i) => {
      r.el.querySelector("legend")!.textContent = t("inject.effect.n", { n: i + 1 });
      for (const w of r.el.querySelectorAll<HTMLElement>("[data-part]")) w.dataset.problem = `${problemPrefix}.${i}.${w.dataset.part}`;
    });
    empty.hidden = rows.length > 0;
    add.hidden = rows.length >= MAX_EFFECTS;
    add.textContent = rows.length ? t("fac.custom.add") : t("fac.custom.addFirst");
  };

  const addRow = (draft: EffectDraft = emptyEffect("metric", defaultTarget)) => {
    const n = serial++;
    const id = (x: string) => `${prefix}-${x}-${n}`;
    const kind = h("select", { id: id("kind") }, ...EFFECT_KINDS.map((k) => h("option", { value: k, selected: k === draft.kind }, t(`inject.kind.${k}`))));
    const target = h(
      "select",
      { id: id("target") },
      h("optgroup", { label: t("inject.groups") }, ...targetGroups(view, draft.target).map((g) => h("option", { value: g, selected: g === draft.target }, groupOption(view, g)))),
      h("optgroup", { label: t("inject.countries") }, ...view.countries.map((c) => h("option", { value: c.id, selected: c.id === draft.target }, c.name))),
    );
    const metric = h("select", { id: id("metric") }, ...COUNTRY_METRICS.map((m) => h("option", { value: m, selected: m === draft.metric }, label("metric", m))));
    const tableMetric = h("select", { id: id("tmetric") }, ...TABLE_METRICS.map((m) => h("option", { value: m, selected: m === draft.tableMetric }, label("metric", m))));
    const sector = h("select", { id: id("sector") }, ...SECTORS.map((s) => h("option", { value: s, selected: s === draft.sector }, label("sector", s))));
    const stance = h("select", { id: id("stance") }, ...STANCES.map((s) => h("option", { value: s, selected: s === draft.stance }, label("stance", s))));
    const by = h("select", { id: id("by") }, h("option", { value: "", selected: !draft.by }, t("inject.restriction.pick")), ...view.countries.map((c) => h("option", { value: c.id, selected: c.id === draft.by }, c.name)));
    const rounds = h("input", { id: id("rounds"), type: "number", min: 1, max: RESTRICTION_ROUNDS_MAX, step: 1, size: 3, value: draft.rounds, autocomplete: "off" });
    const amount = h("input", { id: id("amount"), type: "text", inputmode: "decimal", size: 6, value: draft.amount, autocomplete: "off" });
    const hint = h("span", { class: "hint" });
    const part = (key: string, text: string, control: HTMLElement, extra?: HTMLElement) => {
      const w = field("", text, control, { inline: true });
      w.dataset.part = key;
      if (extra) w.append(extra);
      return w;
    };
    const parts = {
      by: part("by", t("inject.restriction.by"), by),
      target: part("target", t("fac.custom.target"), target),
      metric: part("metric", t("fac.custom.metric"), metric),
      tableMetric: part("tableMetric", t("fac.custom.metric"), tableMetric),
      sector: part("sector", t("fac.custom.sector"), sector),
      stance: part("stance", t("inject.stance"), stance),
      amount: part("amount", t("fac.custom.amount"), amount, hint),
      rounds: part("rounds", t("inject.restriction.rounds"), rounds, h("span", { class: "hint" }, t("inject.amount.hint", { min: 1, max: RESTRICTION_ROUNDS_MAX }))),
    };
    const remove = h("button", { type: "button", class: "link", id: id("remove") }, t("fac.custom.remove"));
    const el = h("fieldset", { class: "effect-row" }, h("legend", {}), part("kind", t("inject.what"), kind), ...Object.values(parts), remove);
    const sync = () => {
      const k = kind.value as EffectKind;
      const show = effectParts(k);
      for (const [key, w] of Object.entries(parts)) w.hidden = !show[key as keyof typeof show];
      // A cut-off's target is who loses the supplies.
      parts.target.querySelector("label")!.textContent = t(k === "restriction" ? "inject.restriction.on" : "fac.custom.target");
      const r = amountRange(k);
      hint.textContent = t("inject.amount.hint", { min: signed(r.min, 0), max: signed(r.max, 0) });
    };
    kind.addEventListener("change", () => {
      sync();
      changed();
    });
    el.addEventListener("input", changed);
    el.addEventListener("change", changed);
    sync();
    const row: Row = {
      el,
      read: () => ({
        kind: kind.value as EffectKind,
        target: target.value,
        metric: metric.value as CountryMetric,
        tableMetric: tableMetric.value as TableMetric,
        sector: sector.value as Sector,
        stance: stance.value as Stance,
        amount: amount.value,
        by: by.value,
        rounds: rounds.value,
      }),
    };
    remove.addEventListener("click", () => {
      const i = rows.indexOf(row);
      rows = rows.filter((x) => x !== row);
      el.remove();
      renumber();
      changed();
      // Keep the keyboard in the editor: the next row's first control, or "add".
      (rows[i]?.el.querySelector("select") ?? add).focus();
    });
    rows.push(row);
    list.append(el);
    renumber();
    return row;
  };

  add.addEventListener("click", () => {
    if (rows.length >= MAX_EFFECTS) return;
    const r = addRow();
    r.el.querySelector("select")?.focus();
    changed();
  });
  renumber();
  return {
    el: h("div", { class: "effects-editor" }, h("p", { class: "effects-title" }, t("inject.effects")), h("p", { class: "hint" }, t("inject.groups.hint")), empty, list, add),
    rows: () => rows.map((r) => r.read()),
    reset: () => {
      rows = [];
      replace(list);
      renumber();
    },
    onChange: (fn) => listeners.push(fn),
  };
}
