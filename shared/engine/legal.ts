/**
 * What a viewer may do now: concrete actions for the finite choices (sign, decline, withdraw,
 * ready, phase control, event cards) and the open ones described (which deal types it may
 * propose, where it may chat). UI hints, bots and self-play all read this.
 */
import type { Action } from "./actions.ts";
import { checkBudget, checkSigning } from "./agreements/index.ts";
import type { ChannelKind, GameState } from "./types.ts";
import { channelPolicyRefusal } from "./channel-policy.ts";
import { AGREEMENT_TYPES, ROLE_FOR_TYPE, type AgreementType } from "./agreements/index.ts";
import { channelUnused, type Viewer } from "./views.ts";
import { ROUND_PHASES } from "./vocabulary.ts";

export type LegalActions = {
  actions: Action[];
  /** Deal types this viewer's ministries may propose now. */
  proposeTypes: AgreementType[];
  /** Channels this viewer may post in now. */
  chatChannels: string[];
  /** Other seats a bilateral or minilateral channel may be opened with. */
  openChannelWith: string[];
};

/** Deal types a seat's ministries may propose now (`legalActions`' `proposeTypes`, without the rest of its work). */
export function proposeTypes(state: GameState, viewer: Extract<Viewer, { kind: "seat" }>): AgreementType[] {
  return state.phase === "negotiation" ? AGREEMENT_TYPES.filter((t) => viewer.roles.includes(ROLE_FOR_TYPE[t])) : [];
}

export function legalActions(state: GameState, viewer: Viewer): LegalActions {
  const out: LegalActions = { actions: [], proposeTypes: [], chatChannels: [], openChannelWith: [] };
  if (viewer.kind === "observer") return out;
  if (viewer.kind === "facilitator") {
    const actor = { kind: "facilitator" } as const;
    out.chatChannels = state.phase === "ended" ? [] : ["broadcast"];
    if (state.phase === "lobby") out.actions.push({ actor, move: { type: "start" } });
    if ((ROUND_PHASES as readonly string[]).includes(state.phase)) out.actions.push({ actor, move: { type: "advance" } });
    if (state.phase === "event" || state.phase === "negotiation")
      for (const id of [...state.deck].sort()) out.actions.push({ actor, move: { type: "play-event", cardId: id } });
    if (state.phase !== "ended") out.actions.push({ actor, move: { type: "end-game" } });
    return out;
  }
  if (state.phase === "ended") return out;
  out.chatChannels = chatChannelsOf(state, viewer.seat);
  out.openChannelWith = openChannelWithOf(state, viewer.seat);
  if (state.phase !== "negotiation") return out;
  out.proposeTypes = proposeTypes(state, viewer);
  out.actions = seatActions(state, viewer);
  return out;
}

/** `legalActions`' channels a seat may post in (the phase not ended). */
export function chatChannelsOf(state: GameState, seat: string): string[] {
  // The facilitator's rule for private channels closes channels opened before it too. A team
  // channel with teams off is nobody's to read (views.ts `channelUnused`), so it is not offered;
  // `apply` still takes a line there, as games played before this rule have such lines in their
  // stored logs, and a replay must accept every entry the game accepted.
  return Object.values(state.channels)
    .filter((c) => c.kind === "plenary" || ((c.kind === "team" || c.kind === "bilateral" || c.kind === "minilateral") && c.members.includes(seat) && !channelUnused(state, c) && !shut(state, seat, c.kind, c.members)))
    .map((c) => c.id);
}

/** `legalActions`' seats a seat may open a bilateral channel with (the phase not ended). */
export function openChannelWithOf(state: GameState, seat: string): string[] {
  return state.scenario.countries.filter((c) => c.control === "seat" && c.id !== seat && !shut(state, seat, "bilateral", [seat, c.id])).map((c) => c.id);
}

function shut(state: GameState, seat: string, kind: ChannelKind, members: readonly string[]): boolean {
  return channelPolicyRefusal(state.settings.channels, kind, members, seat, state.scenario.countries) !== null;
}

/** `legalActions`' concrete actions of a seat in a negotiation: sign, decline, withdraw, ready. */
export function seatActions(state: GameState, viewer: Extract<Viewer, { kind: "seat" }>): Action[] {
  const actions: Action[] = [];
  const seat = viewer.seat;
  const actor = { kind: "seat" as const, seat, roles: viewer.roles };
  for (const a of state.agreements) {
    // The status first: most deals of a late game have ended, and their parties need no scan.
    if (a.status !== "proposed" && a.status !== "in-force" && a.status !== "signed") continue;
    if (!a.parties.includes(seat) || !viewer.roles.includes(ROLE_FOR_TYPE[a.type])) continue;
    if (a.status === "proposed" && !a.signatures.includes(seat)) {
      // A signature the engine would refuse is not offered: the budget, or a clash with a deal signed since.
      if (!checkBudget(state, a, seat) && !checkSigning(state, a, seat)) actions.push({ actor, move: { type: "sign", agreementId: a.id, revision: a.revision } });
      actions.push({ actor, move: { type: "decline", agreementId: a.id, revision: a.revision } });
    }
    if (a.status === "in-force" || a.status === "signed") actions.push({ actor, move: { type: "withdraw", agreementId: a.id } });
  }
  actions.push({ actor, move: { type: "ready", ready: !state.ready.includes(seat) } });
  return actions;
}
