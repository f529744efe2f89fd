/** Rows of effects for a custom event card or a matrix ruling, as the engine's schema wants them. */
import { z } from "zod";
import { CustomEffectSchema } from "../../shared/engine/actions.ts";
import { COUNTRY_METRICS, SECTORS, TABLE_METRICS } from "../../shared/engine/vocabulary.ts";
import type { ClientView } from "../../shared/protocol/view.ts";
import { label, t } from "../i18n/index.ts";
import { h } from "./dom.ts";

export type CustomEffect = z.infer<typeof CustomEffectSchema>;
type Kind = "none" | "metric" | "table" | "capital" | "capability";
const GROUPS = ["all", "seats", "alliance", "rival", "swing", "partner"] as const;

export function effectsEditor(view: ClientView, prefix: string): { el: HTMLElement; value(): CustomEffect[] } {
  const rows: { el: HTMLElement; value(): CustomEffect | null }[] = [];
  const list = h("div", { class: "effect-rows" });
  let n = 0;
  const addRow = () => {
    const i = n++;
    const id = (x: string) => `${prefix}-${x}-${i}`;
    const kind = h("select", { id: id("kind") }, ...(["none", "metric", "table", "capital", "capability"] as Kind[]).map((k) => h("option", { value: k }, t(`fac.custom.effect.${k}`))));
    const target = h(
      "select",
      { id: id("target") },
      ...GROUPS.map((g) => h("option", { value: g }, t(`fac.custom.target.${g}`))),
      ...view.countries.map((c) => h("option", { value: c.id }, c.name)),
    );
    const metric = h("select", { id: id("metric") }, ...COUNTRY_METRICS.map((m) => h("option", { value: m }, label("metric", m))));
    const tableMetric = h("select", { id: id("tmetric") }, ...TABLE_METRICS.map((m) => h("option", { value: m }, label("metric", m))));
    const sector = h("select", { id: id("sector") }, ...SECTORS.map((s) => h("option", { value: s }, label("sector", s))));
    const amount = h("input", { id: id("amount"), type: "number", min: -50, max: 50, step: 1, value: -5 });
    const f = (key: string, control: HTMLElement, text: string) => h("div", { class: "field inline", "data-part": key }, h("label", { for: control.id }, text), control);
    const parts = {
      target: f("target", target, t("fac.custom.target")),
      metric: f("metric", metric, t("fac.custom.metric")),
      tmetric: f("tmetric", tableMetric, t("fac.custom.metric")),
      sector: f("sector", sector, t("fac.custom.sector")),
      amount: f("amount", amount, t("fac.custom.amount")),
    };
    const el = h("fieldset", { class: "effect-row" }, h("legend", {}, t("fac.custom.effect")), f("kind", kind, t("fac.custom.effect")), ...Object.values(parts));
    const sync = () => {
      const k = kind.value as Kind;
      parts.target.hidden = !(k === "metric" || k === "capital" || k === "capability");
      parts.metric.hidden = k !== "metric";
      parts.tmetric.hidden = k !== "table";
      parts.sector.hidden = k !== "capability";
      parts.amount.hidden = k === "none";
    };
    kind.addEventListener("change", sync);
    sync();
    const value = (): CustomEffect | null => {
      const a = Number(amount.value) || 0;
      switch (kind.value as Kind) {
        case "metric":
          return { kind: "metric", target: target.value, metric: metric.value as (typeof COUNTRY_METRICS)[number], amount: a };
        case "table":
          return { kind: "table", metric: tableMetric.value as (typeof TABLE_METRICS)[number], amount: a };
        case "capital":
          return { kind: "capital", target: target.value, amount: a };
        case "capability":
          return { kind: "capability", target: target.value, sector: sector.value as (typeof SECTORS)[number], amount: Math.max(-5, Math.min(5, a)) };
        default:
          return null;
      }
    };
    rows.push({ el, value });
    list.append(el);
  };
  addRow();
  const add = h("button", { type: "button", class: "link" }, t("fac.custom.add"));
  add.addEventListener("click", () => rows.length < 6 && addRow());
  return {
    el: h("div", { class: "effects-editor" }, list, add),
    value: () => rows.map((r) => r.value()).filter((e): e is CustomEffect => e !== null),
  };
}
