/**
 * The server's half of ./view.ts: splits the engine's views into JSON sections. Public
 * sections come from the observer's view; each seat's and the facilitator's private section
 * holds only what their view has beyond it. `assembleView(sections)` for a viewer equals
 * `viewFor(state, viewer)` (tests/protocol checks it).
 */
import type { Objective } from "../scenario/schema.ts";
import type { GameState, Message } from "../engine/types.ts";
import { viewFor, type Viewer } from "../engine/views.ts";
import { ROLES } from "../engine/vocabulary.ts";
import { countryKey, FACILITATOR_KEY, seatKey, type FacilitatorSection, type PublicSections, type SeatSection } from "./view.ts";

export type Sections = { pub: Record<string, string>; priv: Record<string, string> };

const PUBLIC_CHANNELS = new Set(["plenary", "broadcast"]);

export function isPublicMessage(m: Message): boolean {
  return PUBLIC_CHANNELS.has(m.channel);
}

export function computeSections(state: GameState, rejoinCodes: Record<string, string> = {}): Sections {
  const pubView = viewFor(state, { kind: "observer" });
  const pub: Record<string, string> = {};
  const put = <K extends keyof PublicSections>(key: K, value: PublicSections[K]) => (pub[key] = JSON.stringify(value));
  put("scenario", pubView.scenario);
  put("meta", {
    version: pubView.version,
    settings: pubView.settings,
    round: pubView.round,
    phase: pubView.phase,
    crisis: pubView.crisis,
    ready: pubView.ready,
    standards: pubView.standards,
    outcome: pubView.outcome,
  });
  put("table", pubView.table);
  put("agreements", pubView.agreements);
  put("restrictions", pubView.restrictions);
  put("events", pubView.events);
  put("news", pubView.news);
  put("changes", pubView.changes);
  put("history", pubView.history);
  put("scores", pubView.scores);
  put("channels", pubView.channels);
  put("matrix", pubView.matrix);
  const publicMatrix = new Set(pubView.matrix.map((m) => m.id));
  for (const c of pubView.countries) pub[countryKey(c.id)] = JSON.stringify(c);

  const publicAgreements = new Set(pubView.agreements.map((a) => a.id));
  const priv: Record<string, string> = {};
  for (const c of state.scenario.countries.filter((x) => x.control === "seat")) {
    const viewer: Viewer = { kind: "seat", seat: c.id, roles: [...ROLES] };
    const v = viewFor(state, viewer);
    const section: SeatSection = {
      agreements: v.agreements.filter((a) => !publicAgreements.has(a.id)),
      channels: v.channels.filter((ch) => !PUBLIC_CHANNELS.has(ch.id)),
      scores: v.scores,
      matrix: v.matrix.filter((m) => !publicMatrix.has(m.id)),
    };
    const secret = v.countries.find((x) => x.id === c.id)?.secret;
    if (secret) section.secret = secret;
    priv[seatKey(c.id)] = JSON.stringify(section);
  }
  const f = viewFor(state, { kind: "facilitator" });
  const secrets: Record<string, Objective> = {};
  for (const c of f.countries) if (c.secret) secrets[c.id] = c.secret;
  const facilitator: FacilitatorSection = {
    secrets,
    agreements: f.agreements.filter((a) => !publicAgreements.has(a.id)),
    channels: f.channels.filter((ch) => !PUBLIC_CHANNELS.has(ch.id)),
    scores: f.scores,
    deckRemaining: f.deckRemaining ?? [],
    deckCards: f.deckCards ?? [],
    scheduled: f.scheduled ?? [],
    matrix: f.matrix.filter((m) => !publicMatrix.has(m.id)),
    rejoinCodes,
  };
  priv[FACILITATOR_KEY] = JSON.stringify(facilitator);
  return { pub, priv };
}
