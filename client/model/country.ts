/**
 * A country as the "My country" panel and the profile show it: metrics with the latest change
 * and its causes, sectors, objectives with whether they hold now, restrictions. Pure.
 */
import { financingLoan } from "../../shared/engine/agreements/loan.ts";
import { country, ref, type Text } from "../../shared/engine/text.ts";
import type { Change } from "../../shared/engine/types.ts";
import { COUNTRY_METRICS, SECTORS, TABLE_METRICS, type CountryMetric, type Sector, type TableMetric } from "../../shared/engine/vocabulary.ts";
import type { CountryView } from "../../shared/engine/views.ts";
import type { ClientView } from "../../shared/protocol/view.ts";
import { list, refName, t, tn } from "../i18n/index.ts";
import { trend } from "./format.ts";

export type MetricRow = { key: string; value: number; delta: number; trend: "up" | "down" | "flat"; causes: Change["causes"]; round: number | null };

type Changes = Pick<ClientView, "changes" | "history" | "round" | "lastChanges">;

/**
 * The latest change of `subject|key`: this round's if there is one, else the last recorded
 * round's. The round says which. A client that joined late has only some records: the last
 * changes it fetched (`lastChanges`) answer for the rounds they cover.
 */
export function latestChange(view: Changes, subject: string, key: string): { change: Change; round: number } | undefined {
  const now = view.changes.find((c) => c.subject === subject && c.key === key);
  if (now) return { change: now, round: view.round };
  for (let i = view.history.length - 1; i >= 0; i--) {
    const rec = view.history[i]!;
    if (view.lastChanges && rec.round <= view.lastChanges.round) break;
    const c = rec.changes.find((x) => x.subject === subject && x.key === key);
    if (c) return { change: c, round: rec.round };
  }
  return view.lastChanges?.changes.find((x) => x.change.subject === subject && x.change.key === key);
}

function row(view: Changes, subject: string, key: string, value: number): MetricRow {
  const latest = latestChange(view, subject, key);
  const delta = latest ? latest.change.to - latest.change.from : 0;
  return { key, value, delta, trend: trend(delta), causes: latest?.change.causes ?? [], round: latest?.round ?? null };
}

export function countryMetrics(view: Changes, c: CountryView): MetricRow[] {
  return COUNTRY_METRICS.map((m: CountryMetric) => row(view, c.id, m, c.metrics[m]));
}

export function capitalRow(view: Changes, c: CountryView): MetricRow {
  return row(view, c.id, "capital", c.capital);
}

export function tableMetrics(view: Changes & Pick<ClientView, "table">): MetricRow[] {
  return TABLE_METRICS.map((m: TableMetric) => row(view, "table", m, view.table[m]));
}

export type SectorRow = { sector: Sector; capability: number; chokepoint: number; delta: number };

export function sectorRows(view: Changes, c: CountryView): SectorRow[] {
  return SECTORS.map((s) => {
    const latest = latestChange(view, c.id, `capability:${s}`);
    return { sector: s, capability: c.sectors[s].capability, chokepoint: c.sectors[s].chokepoint, delta: latest ? latest.change.to - latest.change.from : 0 };
  });
}

/** `why`: what an unmet objective of the viewer's own country lacks, in the engine's words (scoring.ts `checkCondition`). */
export type ObjectiveRow = { id: string; text: string; points: number; met: boolean | null; secret: boolean; why?: Text };

/**
 * Objectives with whether they hold now (from the scores the viewer may see); the viewer's own
 * unmet ones with why not, whose words speak to their owner ("…not built with your loan").
 */
export function objectives(view: Pick<ClientView, "scores" | "viewer">, c: CountryView): ObjectiveRow[] {
  const score = view.scores.find((s) => s.country === c.id);
  const own = view.viewer.kind === "seat" && view.viewer.seat === c.id;
  const row = (o: { id: string; text: string; points: number }, secret: boolean): ObjectiveRow => {
    const result = score?.objectives.find((x) => x.id === o.id);
    return { id: o.id, text: o.text, points: o.points, met: result?.met ?? null, secret, ...(own && result?.why && !result.met ? { why: result.why } : {}) };
  };
  const rows = c.objectives.map((o) => row(o, false));
  if (c.secret) rows.push(row(c.secret, true));
  return rows;
}

export function myCountry(view: Pick<ClientView, "viewer" | "countries">): CountryView | undefined {
  return view.viewer.kind === "seat" ? view.countries.find((c) => c.id === (view.viewer as { seat: string }).seat) : undefined;
}

/** Bans that hit this country or that it imposes. */
export function restrictionsOf(view: Pick<ClientView, "restrictions">, id: string) {
  return view.restrictions.filter((r) => r.by === id || r.on.includes(id));
}

/** Exposure as sorted rows, largest first. */
export function exposureRows(view: Pick<ClientView, "countries">, c: CountryView): { id: string; name: string; share: number }[] {
  return Object.entries(c.exposure)
    .filter(([, v]) => v > 0)
    .sort((a, b) => b[1] - a[1])
    .map(([id, share]) => ({ id, name: view.countries.find((x) => x.id === id)?.name ?? id, share }));
}

/**
 * Where each of a partner's projects stands as this viewer sees it: financed by which loan (the
 * engine's and the bots' rule, `financingLoan`, over the deals this viewer is sent) and how many
 * resolutions until it is built, or open, with an offer for it this viewer sees. A loan nobody
 * has signed yet finances nothing (docs/RULES.md §4.4).
 */
export type NeedRow =
  | { project: string; state: "open"; offer?: string }
  | { project: string; state: "financed" | "built"; deal: string; lenders: string[]; left: number };

export function needRows(view: Pick<ClientView, "agreements" | "scenario">, c: Pick<CountryView, "id" | "needs">): NeedRow[] {
  const build = view.scenario.buildRounds;
  return c.needs.map((project) => {
    const a = financingLoan(view.agreements, build, c.id, project);
    if (!a || a.terms.type !== "loan") {
      const offer = view.agreements.find((x) => x.status === "proposed" && x.terms.type === "loan" && x.terms.recipient === c.id && x.terms.project === project);
      return offer ? { project, state: "open", offer: offer.id } : { project, state: "open" };
    }
    // A signed loan takes force, and starts building, at this round's resolution.
    const left = Math.max(0, build - (a.status === "signed" ? 0 : (a.built ?? 0)));
    return { project, state: left ? "financed" : "built", deal: a.id, lenders: [...a.terms.lenders], left };
  });
}

/** A `needRows` row in words: "economic corridor: financed (A1, China), 1 round to build". */
export function needText(r: NeedRow): string {
  const project = refName(ref("project", r.project, true));
  if (r.state === "open") return r.offer ? t("need.offered", { project, id: r.offer }) : t("need.open", { project });
  const lenders = list(r.lenders.map((id) => refName(country(id))));
  return r.state === "built" ? t("need.built", { project, id: r.deal, lenders }) : tn("need.financed", r.left, { project, id: r.deal, lenders });
}
