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
import type { Viewer } from "./views.ts";

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
    if (["event", "negotiation", "review"].includes(state.phase)) out.actions.push({ actor, move: { type: "advance" } });
    if (state.phase === "event" || state.phase === "negotiation")
      for (const id of [...state.deck].sort()) out.actions.push({ actor, move: { type: "play-event", cardId: id } });
    if (state.phase !== "ended") out.actions.push({ actor, move: { type: "end-game" } });
    return out;
  }
  const seat = viewer.seat;
  const actor = { kind: "seat" as const, seat, roles: viewer.roles };
  if (state.phase === "ended") return out;
  // The facilitator's rule for private channels closes channels opened before it too.
  const shut = (kind: ChannelKind, members: readonly string[]) => channelPolicyRefusal(state.settings.channels, kind, members, seat, state.scenario.countries) !== null;
  out.chatChannels = Object.values(state.channels)
    .filter((c) => c.kind === "plenary" || ((c.kind === "team" || c.kind === "bilateral" || c.kind === "minilateral") && c.members.includes(seat) && !shut(c.kind, c.members)))
    .map((c) => c.id);
  out.openChannelWith = state.scenario.countries.filter((c) => c.control === "seat" && c.id !== seat && !shut("bilateral", [seat, c.id])).map((c) => c.id);
  if (state.phase !== "negotiation") return out;
  out.proposeTypes = proposeTypes(state, viewer);
  for (const a of state.agreements) {
    // The status first: most deals of a late game have ended, and their parties need no scan.
    if (a.status !== "proposed" && a.status !== "in-force" && a.status !== "signed") continue;
    if (!a.parties.includes(seat) || !viewer.roles.includes(ROLE_FOR_TYPE[a.type])) continue;
    if (a.status === "proposed" && !a.signatures.includes(seat)) {
      // A signature the engine would refuse is not offered: the budget, or a clash with a deal signed since.
      if (!checkBudget(state, a, seat) && !checkSigning(state, a, seat)) out.actions.push({ actor, move: { type: "sign", agreementId: a.id, revision: a.revision } });
      out.actions.push({ actor, move: { type: "decline", agreementId: a.id, revision: a.revision } });
    }
    if (a.status === "in-force" || a.status === "signed") out.actions.push({ actor, move: { type: "withdraw", agreementId: a.id } });
  }
  out.actions.push({ actor, move: { type: "ready", ready: !state.ready.includes(seat) } });
  return out;
}
