/**
 * What the board draws, computed from the view: the countries in play with their colour and
 * label, supply-chain arcs, export-control fences, infrastructure projects, the round's event.
 * The Phaser scene only turns this into shapes; every item here also has an HTML twin in the
 * panels. Pure.
 */
import type { PlayedEvent } from "../../shared/engine/types.ts";
import { regimeEffectivenessIn, regimeTargetsAmong } from "../../shared/engine/agreements/export-control.ts";
import type { Sector } from "../../shared/engine/vocabulary.ts";
import type { ClientView } from "../../shared/protocol/view.ts";
import type { PastPart } from "../../shared/protocol/archive.ts";
import { has, label, t, type Key } from "../i18n/index.ts";
import { projectDone, projectProgress } from "./deals.ts";
import { BOARD, blocColour, STANCE_COLOURS, OTHER_BLOC } from "./palette.ts";

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
/** `glyph`: the mark on its circle in the reader's language ("C", "缆"), which the legend names. */
export type BoardProject = { id: string; recipient: string; project: string; glyph: string; progress: number; done: boolean; lenderBloc: string };
export type BoardModel = {
  countries: BoardCountry[];
  arcs: BoardArc[];
  fences: BoardFence[];
  projects: BoardProject[];
  event?: PlayedEvent & { key: string };
};

/**
 * The parts of the past the board draws from. A loan whose project was built (expired, or
 * defaulted after it) and a project's "completed" step leave the room state once their round
 * is over (docs/PROTOCOL.md, "What is over travels on request"): a screen opened or reloaded
 * late fetches them (client/net/connection.ts `need`), so that its map shows the projects one
 * that stayed connected shows.
 */
export const BOARD_PAST = ["deals"] as const satisfies readonly PastPart[];

/** Short labels for the map; the full name is in the hover card and the panels. */
export function shortName(name: string): string {
  const known: Record<string, string> = { "United States": "USA", "United Kingdom": "UK", "South Korea": "S. Korea", "Republic of Korea": "S. Korea", "United Arab Emirates": "UAE", "South Africa": "S. Africa" };
  return known[name] ?? name;
}

export function boardModel(view: Pick<ClientView, "countries" | "agreements" | "events" | "round" | "viewer" | "phase">, colourBy: ColourBy = "bloc", lead?: string): BoardModel {
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
  for (const a of view.agreements) {
    const t = a.terms;
    const live = a.status === "in-force";
    if (t.type === "supply" && (live || a.status === "signed")) {
      for (const s of t.suppliers) for (const b of t.buyers) arcs.push({ id: a.id, from: s, to: b, sector: t.sector, volume: t.volume, live });
    }
    if (t.type === "export-control" && live) {
      // The engine's rules of whom a regime targets and how hard it bites (docs/RULES.md §4.1).
      const strength = regimeEffectivenessIn({ get: (id) => view.countries.find((c) => c.id === id) }, a.parties, t.sector);
      for (const target of regimeTargetsAmong(view.countries, a)) {
        const ring = rings.get(target) ?? 0;
        rings.set(target, ring + 1);
        fences.push({ id: a.id, target, sector: t.sector, sectorLabel: label("sectorShort", t.sector), members: a.parties, strength, ring });
      }
    }
    if (t.type === "loan" && (live || a.status === "expired" || (a.status === "defaulted" && projectDone(a)))) {
      const lender = view.countries.find((c) => c.id === t.lenders[0]);
      projects.push({ id: a.id, recipient: t.recipient, project: t.project, glyph: projectGlyph(t.project), progress: projectProgress(a), done: projectDone(a), lenderBloc: lender?.bloc ?? "other" });
    }
  }
  // A round may open with several cards (a facilitator's script): the board names one, `lead` (the
  // game screen's choice: the earliest of the cards that just came) or else the round's earliest
  // by date, and how many came with it: "and 4 more this round" under the first, and under any
  // later one its place, as the strip under the board writes it ("card 5 of 5", client/ui/event-strip.ts).
  // Once the game is over the board announces no card: the last round's event is old news (the
  // strip under the board still shows it), and the end screen beside the map is what matters.
  const cards = view.phase !== "ended" ? readingOrder(roundEvents(view.events, view.round)) : [];
  const at = Math.max(0, cards.findIndex((e) => eventKey(e) === lead));
  const shown = cards[at];
  const place = cards.length < 2 ? "" : at === 0 ? t("event.andMore", { count: cards.length - 1 }) : t("event.ofRound", { n: at + 1, count: cards.length });
  const event = shown ? { ...shown, key: eventKey(shown), date: place ? [shown.date, place].filter(Boolean).join(" · ") : shown.date } : undefined;
  return { countries, arcs, fences, projects, ...(event ? { event } : {}) };
}

/** The mark on a project's circle, in the reader's language: "C" (cable), "缆". */
export function projectGlyph(project: string): string {
  const key = `board.glyph.${project}`;
  return has(key) ? t(key as Key) : "?";
}

/** The legend's key to the project marks on the board: each kind once, in the order they first appear. */
export function projectKey(projects: readonly BoardProject[]): { project: string; glyph: string; name: string }[] {
  const kinds = [...new Set(projects.map((p) => p.project))];
  return kinds.map((project) => ({ project, glyph: projectGlyph(project), name: label("project", project) }));
}

/** A played card's key: its round and id (a card is played once). */
export const eventKey = (e: { round: number; id: string }) => `${e.round}:${e.id}`;

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/**
 * When a card's date begins, as a number that sorts: "12 Mar 2021" → 20210312, "Sep 2021" →
 * 20210900, "12 Sep – 3 Nov 2021" → 20210912, "Nov 2021 – Jan 2022" → 20211100,
 * "2021年3月12日" → 20210312. Undefined for a date with no year (a facilitator's own card has none).
 */
export function dateKey(date: string): number | undefined {
  const zh = /(\d{4})年(?:(\d{1,2})月)?(?:(\d{1,2})日)?/.exec(date);
  if (zh) return Number(zh[1]) * 10000 + Number(zh[2] ?? 0) * 100 + Number(zh[3] ?? 0);
  const year = /\b(\d{4})\b/.exec(date);
  if (!year) return undefined;
  const month = new RegExp(`\\b(${MONTHS.join("|")})[a-z]*\\b`, "i").exec(date);
  // A day counts when it comes before the month ("5–7 Dec 2021"), not after it ("Nov 2021 – 12 Jan 2022").
  const day = month ? /\b(\d{1,2})\b/.exec(date.slice(0, month.index)) : null;
  return Number(year[1]) * 10000 + (month ? MONTHS.indexOf(month[1]!.slice(0, 3).toLowerCase()) + 1 : 0) * 100 + Number(day?.[1] ?? 0);
}

/**
 * A round's cards in the order they happened, so a room reads them in turn: by date, earliest
 * first; a card without a date (the facilitator's own) stays after the card played before it.
 */
export function readingOrder<E extends { date: string }>(cards: readonly E[]): E[] {
  let before = -Infinity;
  const keyed = cards.map((card, i) => {
    const key = dateKey(card.date);
    if (key !== undefined) before = key;
    return { card, key: key ?? before, i };
  });
  return keyed.sort((a, b) => a.key - b.key || a.i - b.i).map((k) => k.card);
}

/**
 * Which of a round's cards (in reading order) to open on: the earliest of those not `seen` yet,
 * so several cards that come at once are read from the first, and a card played later shows
 * itself. Undefined when nothing is new.
 */
export function firstNew<E extends { round: number; id: string }>(ordered: readonly E[], seen: ReadonlySet<string>): E | undefined {
  return ordered.find((e) => !seen.has(eventKey(e)));
}

/**
 * The cards of the latest round that had any, in the order they were played; with `round`, that
 * round's cards only (none in a round the deck has no card left for, docs/RULES.md).
 */
export function roundEvents<E extends { round: number }>(events: readonly E[], round?: number): E[] {
  const last = events[events.length - 1]?.round;
  if (round !== undefined && last !== round) return [];
  let first = events.length;
  while (first > 0 && events[first - 1]!.round === last) first--;
  return events.slice(first);
}

/**
 * The legend's entries for the current colouring, then the countries not in the game (Taiwan in
 * Multipolar 2024): the base map's land (client/board/base-map.ts), as the board draws them.
 */
export function legend(view: Pick<ClientView, "countries">, colourBy: ColourBy): { key: string; colour: number; label: string }[] {
  const other = { key: "other", colour: BOARD.land, label: t("board.legend.other") };
  if (colourBy === "stance") return [...Object.entries(STANCE_COLOURS).map(([k, colour]) => ({ key: k, colour, label: label("stance", k) })), other];
  const blocs = [...new Set(view.countries.map((c) => c.bloc))];
  return [...blocs.map((b) => ({ key: b, colour: blocColour(b), label: label("bloc", b) })), other];
}
