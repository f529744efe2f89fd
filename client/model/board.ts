/**
 * What the board draws, computed from the view: the countries in play with their colour and
 * label, supply-chain arcs, export-control fences, infrastructure projects, the latest event.
 * The Phaser scene only turns this into shapes; every item here also has an HTML twin in the
 * panels. Pure.
 */
import type { Agreement, PlayedEvent } from "../../shared/engine/types.ts";
import type { Sector } from "../../shared/engine/vocabulary.ts";
import type { ClientView } from "../../shared/protocol/view.ts";
import { label, t } from "../i18n/index.ts";
import { projectDone, projectProgress } from "./deals.ts";
import { blocColour, STANCE_COLOURS, OTHER_BLOC } from "./palette.ts";

export type ColourBy = "bloc" | "stance";

export type BoardCountry = {
  id: string;
  iso: string;
  name: string;
  short: string;
  bloc: string;
  colour: number;
  mine: boolean;
  control: "seat" | "rival" | "partner";
  /** A developing partner still waiting for infrastructure. */
  waiting: boolean;
};
export type BoardArc = { id: string; from: string; to: string; sector: Sector; volume: number; live: boolean };
export type BoardFence = { id: string; target: string; sector: Sector; sectorLabel: string; members: string[]; strength: number; ring: number };
export type BoardProject = { id: string; recipient: string; project: string; progress: number; done: boolean; lenderBloc: string; slot: number };
export type BoardModel = {
  countries: BoardCountry[];
  arcs: BoardArc[];
  fences: BoardFence[];
  projects: BoardProject[];
  event?: PlayedEvent & { key: string };
};

/** Short labels for the map; the full name is in the hover card and the panels. */
export function shortName(name: string): string {
  const known: Record<string, string> = { "United States": "USA", "United Kingdom": "UK", "South Korea": "S. Korea", "Republic of Korea": "S. Korea", "United Arab Emirates": "UAE", "South Africa": "S. Africa" };
  return known[name] ?? name;
}

function fenceTargets(view: Pick<ClientView, "countries">, a: Agreement): string[] {
  const t = a.terms;
  if (t.type !== "export-control") return [];
  if (t.target !== "outside") return [t.target];
  return view.countries.filter((c) => !a.parties.includes(c.id) && c.sectors[t.sector].capability > 0).map((c) => c.id);
}

export function boardModel(view: Pick<ClientView, "countries" | "agreements" | "events" | "round" | "viewer">, colourBy: ColourBy = "bloc"): BoardModel {
  const me = view.viewer.kind === "seat" ? view.viewer.seat : undefined;
  const countries: BoardCountry[] = view.countries.map((c) => ({
    id: c.id,
    iso: c.iso,
    name: c.name,
    short: shortName(c.name),
    bloc: c.bloc,
    colour: colourBy === "stance" ? (STANCE_COLOURS[c.stance] ?? OTHER_BLOC) : blocColour(c.bloc),
    mine: c.id === me,
    control: c.control,
    waiting: c.needs.length > 0 && !c.connected,
  }));
  const arcs: BoardArc[] = [];
  const fences: BoardFence[] = [];
  const projects: BoardProject[] = [];
  const rings = new Map<string, number>();
  const slots = new Map<string, number>();
  for (const a of view.agreements) {
    const t = a.terms;
    const live = a.status === "in-force";
    if (t.type === "supply" && (live || a.status === "signed")) {
      for (const s of t.suppliers) for (const b of t.buyers) arcs.push({ id: a.id, from: s, to: b, sector: t.sector, volume: t.volume, live });
    }
    if (t.type === "export-control" && live) {
      const strength = Math.min(1, a.parties.reduce((sum, p) => sum + (view.countries.find((c) => c.id === p)?.sectors[t.sector].chokepoint ?? 0), 0));
      for (const target of fenceTargets(view, a)) {
        const ring = rings.get(target) ?? 0;
        rings.set(target, ring + 1);
        fences.push({ id: a.id, target, sector: t.sector, sectorLabel: label("sectorShort", t.sector), members: a.parties, strength, ring });
      }
    }
    if (t.type === "loan" && (live || a.status === "expired" || (a.status === "defaulted" && projectDone(a)))) {
      const slot = slots.get(t.recipient) ?? 0;
      slots.set(t.recipient, slot + 1);
      const lender = view.countries.find((c) => c.id === t.lenders[0]);
      projects.push({ id: a.id, recipient: t.recipient, project: t.project, progress: projectProgress(a), done: projectDone(a), lenderBloc: lender?.bloc ?? "other", slot });
    }
  }
  const last = view.events[view.events.length - 1];
  // A round may open with several cards (a facilitator's script): the board names the last, and how many came with it.
  const others = last ? roundEvents(view.events).length - 1 : 0;
  const event = last && last.round === view.round ? { ...last, key: `${last.round}:${last.id}`, date: others ? [last.date, t("event.andMore", { count: others })].filter(Boolean).join(" · ") : last.date } : undefined;
  return { countries, arcs, fences, projects, ...(event ? { event } : {}) };
}

/** The cards of the latest round that had any, in the order they were played. */
export function roundEvents<E extends { round: number }>(events: readonly E[]): E[] {
  const round = events[events.length - 1]?.round;
  let first = events.length;
  while (first > 0 && events[first - 1]!.round === round) first--;
  return events.slice(first);
}

/** The legend's entries for the current colouring. */
export function legend(view: Pick<ClientView, "countries">, colourBy: ColourBy): { key: string; colour: number; label: string }[] {
  if (colourBy === "stance") return Object.entries(STANCE_COLOURS).map(([k, colour]) => ({ key: k, colour, label: label("stance", k) }));
  const blocs = [...new Set(view.countries.map((c) => c.bloc))];
  return blocs.map((b) => ({ key: b, colour: blocColour(b), label: label("bloc", b) }));
}
