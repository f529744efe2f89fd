/**
 * The reducer: `apply(state, action)` returns the next state or a coded refusal. It never
 * throws for bad input and never changes the state it is given.
 */
import { cardReady, nextCard, VERSION_CARDLESS_ROUNDS } from "./deck.ts";
import { ActionSchema, type Action, type Draft, type Move } from "./actions.ts";
import { checkBudget, checkDraft, checkSigning, describe, kindFor, leavingOffer } from "./agreements/index.ts";
import { addAgreement, agreementById } from "./world.ts";
import { dealId } from "./deal-ids.ts";
import { nextLineId } from "./message-ids.ts";
import { canSeeAgreement } from "./views.ts";
import { applyEffects } from "./effects.ts";
import { bumpMetric, bumpTable } from "./ledger.ts";
import { channelPolicyRefusal } from "./channel-policy.ts";
import { checkCrisis, checkFalls, countryName, endGame, resolveRound } from "./resolution.ts";
import { refuse, type ApplyResult, type Refusal } from "./result.ts";
import { copyForMove } from "./step-copy.ts";
import type { Agreement, AgreementStep, GameState, Message } from "./types.ts";
import type { Effect } from "../scenario/schema.ts";
import { nextRandom } from "./rng.ts";
import { ROLES, type Phase, type Role } from "./vocabulary.ts";
import { ROLE_FOR_TYPE } from "./agreements/index.ts";
import { issueText } from "../protocol/issues.ts";
import { channelTitle, countries, country, list, minutesArg, ref, text, type Arg, type Text } from "./text.ts";

type SeatActor = { kind: "seat"; seat: string; roles: Role[]; name?: string };
type Step = (next: GameState) => ApplyResult | void;
type Refused = { ok: false; error: Refusal };

const SEAT_MOVES = new Set<Move["type"]>(["chat", "open-channel", "propose", "amend", "sign", "decline", "withdraw", "ready", "matrix"]);
const PHASES_FOR: Partial<Record<Move["type"], Phase[]>> = {
  "open-channel": ["lobby", "event", "negotiation", "review"],
  propose: ["negotiation"],
  amend: ["negotiation"],
  sign: ["negotiation"],
  decline: ["negotiation"],
  withdraw: ["negotiation"],
  // In the event and review phases "ready" means "I have read it": the phase may end early.
  ready: ["event", "negotiation", "review"],
  matrix: ["event", "negotiation", "review"],
  "rule-matrix": ["event", "negotiation", "review"],
  "set-comms": ["lobby", "event", "negotiation", "review"],
  start: ["lobby"],
  advance: ["event", "negotiation", "review"],
  // A card plays now in the event or negotiation phase; it may be scheduled for a later round from the lobby on.
  "play-event": ["lobby", "event", "negotiation", "review"],
  "custom-event": ["lobby", "event", "negotiation", "review"],
  "end-game": ["lobby", "event", "negotiation", "review"],
};

/** Parses untrusted input, then applies it. */
export function applyInput(state: GameState, input: unknown): ApplyResult {
  const parsed = ActionSchema.safeParse(input);
  if (!parsed.success) {
    return refuse("input/invalid", issueText(parsed.error.issues, input, ActionSchema));
  }
  return apply(state, parsed.data);
}

/** Applies one action (docs/RULES.md §2–4). */
export function apply(state: GameState, action: Action): ApplyResult {
  const { actor, move } = action;
  const when = phaseCheck(state, move.type);
  if (when) return when;
  // A "ready" meant for a phase the clock has since ended would end the next one unread.
  if (move.type === "ready" && move.phase && move.phase !== state.phase) return refuse("rule/phase_moved", text("refusal.readyPhaseMoved", { phase: ref("phase", move.phase) }));
  // Likewise an "end the phase" click that arrives after the clock ended that phase.
  if (move.type === "advance" && move.phase && move.round !== undefined && (move.phase !== state.phase || move.round !== state.round))
    return refuse("rule/phase_moved", text("refusal.advanceRoundMoved", { phase: ref("phase", move.phase), round: move.round }));
  if (move.type === "advance" && move.phase && move.phase !== state.phase) return refuse("rule/phase_moved", text("refusal.advancePhaseMoved", { phase: ref("phase", move.phase) }));

  let step: Step | Refused;
  if (SEAT_MOVES.has(move.type)) {
    if (actor.kind !== "seat") return refuse("rule/not_a_seat", text("refusal.playersOnly"));
    const notSeat = seatCheck(state, actor.seat);
    if (notSeat) return notSeat;
    step = seatMove(state, actor, move, action.reason);
  } else if (move.type === "advance") {
    if (actor.kind === "seat") return refuse("rule/facilitator_only", text("refusal.endPhase"));
    // Why a phase ended is the room's to say (its clock, every seat ready): a facilitator ends it by hand.
    if (move.cause && actor.kind !== "system") return refuse("rule/facilitator_only", text("refusal.facilitatorOnly"));
    step = advance;
  } else if (move.type === "log-seat" && actor.kind === "system") {
    // The room records a seat a bot took over (or gave back) by itself: nobody's command.
    if (move.change !== "to-bot" && move.change !== "from-bot") return refuse("rule/facilitator_only", text("refusal.facilitatorOnly"));
    step = facilitatorMove(state, move);
  } else {
    if (actor.kind !== "facilitator") return refuse("rule/facilitator_only", text("refusal.facilitatorOnly"));
    step = facilitatorMove(state, move);
  }
  if (typeof step !== "function") return step;
  const next = copyForMove(state, move);
  const result = step(next);
  if (result) return result;
  next.version = state.version + 1;
  return { ok: true, state: next };
}

/** Whether a move of this type may be made now: the game not over, and the phase its own (PHASES_FOR). */
function phaseCheck(state: GameState, type: Move["type"]): Refused | null {
  // After the end, people may still talk (a report link, a last word); nothing else changes.
  if (state.phase === "ended" && type !== "chat" && type !== "broadcast") return refuse("rule/game_over", text("refusal.gameOver"));
  const phases = PHASES_FOR[type];
  if (phases && !phases.includes(state.phase)) return refuse("rule/wrong_phase", text("refusal.wrongPhase", { move: text(`move.${type}`), phase: ref("phase", state.phase) }));
  return null;
}

/** Whether `seat` is a country people (or a bot in their place) play. */
function seatCheck(state: GameState, seat: string): Refused | null {
  const data = state.scenario.countries.find((c) => c.id === seat);
  if (!data || data.control !== "seat") return refuse("rule/not_a_seat", text("refusal.notASeat", { id: seat }));
  return null;
}

function seatMove(state: GameState, actor: SeatActor, move: Move, reason?: string | Text): Step | Refused {
  const why = reason ? { reason } : {};
  const seat = actor.seat;
  switch (move.type) {
    case "chat": {
      // Own keys only: a record by id also answers "constructor" or "toString" with a function.
      const channel = Object.hasOwn(state.channels, move.channel) ? state.channels[move.channel] : undefined;
      if (!channel || !canPost(channel, seat)) return refuse("rule/not_in_channel", text("refusal.notInChannel", { channel: move.channel }));
      const closed = channelPolicyRefusal(state.settings.channels, channel.kind, channel.members, seat, state.scenario.countries);
      if (closed) return refuse(closed.code, closed.text);
      return (next) => {
        next.messages = [...state.messages, { id: nextLineId(state), round: state.round, channel: channel.id, from: { seat, roles: actor.roles, ...(actor.name ? { name: actor.name } : {}) }, text: move.text ?? "", ...(move.said ? { said: move.said } : {}), ...(move.draft ? { draft: move.draft } : {}) }];
      };
    }
    case "open-channel": {
      const members = [...new Set([seat, ...move.members])].sort();
      const notSeat = members.find((m) => state.scenario.countries.find((c) => c.id === m)?.control !== "seat");
      if (notSeat) return refuse("rule/not_a_seat", text("refusal.notTalkable", { id: notSeat }));
      if (members.length < 2) return refuse("rule/too_few_members", text("refusal.tooFewMembers"));
      const closed = channelPolicyRefusal(state.settings.channels, members.length === 2 ? "bilateral" : "minilateral", members, seat, state.scenario.countries);
      if (closed) return refuse(closed.code, closed.text);
      const id = `ch:${members.join("+")}`;
      if (state.channels[id]) return refuse("rule/channel_exists", text("refusal.channelExists", { members: countries(members) }));
      return (next) => {
        next.channels[id] = { id, kind: members.length === 2 ? "bilateral" : "minilateral", members, name: members.map((m) => countryName(state, m)).join(" · ") };
      };
    }
    case "propose":
      return proposeOrAmend(state, actor, move.draft, undefined, reason);
    case "amend": {
      const a = agreementById(state, move.agreementId);
      const check = offerCheck(state, actor, a, move.revision);
      if (check) return check;
      return proposeOrAmend(state, actor, move.draft, a, reason);
    }
    case "sign":
    case "decline": {
      const a = agreementById(state, move.agreementId);
      const check = offerCheck(state, actor, a, move.revision);
      if (check) return check;
      if (a!.signatures.includes(seat)) return refuse("rule/already_signed", text("refusal.alreadySigned", { id: a!.id }));
      if (move.type === "sign") {
        const budget = checkBudget(state, a!, seat);
        if (budget) return { ok: false, error: budget };
        // A recipient seat chooses one of competing loans for a project, not several; no pact stacks on another.
        const clash = checkSigning(state, a!, seat);
        if (clash) return { ok: false, error: clash };
      }
      return (next) => {
        const b = agreementById(next, a!.id)!;
        if (move.type === "decline") {
          b.status = "declined";
          b.steps.push({ round: next.round, phase: next.phase, what: "declined", by: seat, ...minister(state, actor, b), revision: b.revision, ...why });
          return;
        }
        b.signatures.push(seat);
        b.steps.push({ round: next.round, phase: next.phase, what: "signed", by: seat, ...minister(state, actor, b), revision: b.revision, ...why });
        if (b.parties.every((p) => b.signatures.includes(p))) {
          b.status = "signed";
          next.news = [...next.news, { round: next.round, phase: next.phase, kind: "agreement", text: text("news.signed", { id: b.id, deal: describe(b) }) }];
        }
      };
    }
    case "withdraw": {
      const a = agreementById(state, move.agreementId);
      if (!a || !a.parties.includes(seat)) return refuse("rule/not_a_party", text("refusal.notAParty", { id: move.agreementId }));
      if (a.status !== "in-force" && a.status !== "signed") return refuse("rule/not_in_force", text("refusal.notInForce", { id: a.id, status: ref("status", a.status) }));
      const role = roleCheck(actor, a);
      if (role) return role;
      return (next) => {
        const b = agreementById(next, a.id)!;
        // From a deal of three or more, the defector alone leaves and the others carry on.
        const rest = kindFor(b.terms).without(b.terms, b.parties, seat);
        if (rest) {
          b.terms = rest.terms;
          b.parties = rest.parties;
          b.signatures = b.signatures.filter((p) => p !== seat);
          b.left = [...(b.left ?? []), seat];
        } else {
          b.status = "broken";
          b.brokenBy = seat;
        }
        b.steps.push({ round: next.round, phase: next.phase, what: "withdrawn", by: seat, ...minister(state, actor, b), revision: b.revision, ...why });
        const rules = next.scenario.rules.trust;
        bumpMetric(next, seat, "trust", -rules.withdraw, text("cause.withdrew", { id: b.id }));
        bumpTable(next, "cohesion", -rules.withdrawCohesion, text("cause.countryWithdrew", { country: country(seat), id: b.id }));
        next.news.push({
          round: next.round,
          phase: next.phase,
          kind: "agreement",
          text: rest
            ? text("news.withdrewOthersCarryOn", { country: country(seat), id: b.id, type: ref("type", b.type), others: countries(rest.parties) })
            : text("news.withdrew", { country: country(seat), id: b.id, type: ref("type", b.type) }),
        });
        checkFalls(next);
      };
    }
    case "ready":
      return (next) => {
        next.ready = move.ready ? [...new Set([...next.ready, seat])] : next.ready.filter((s) => s !== seat);
      };
    case "matrix":
      return (next) => {
        next.matrix.push({ id: `M${next.matrix.length + 1}`, round: next.round, seat, text: move.text, status: "pending", effects: [] });
      };
    default:
      return refuse("rule/not_a_seat_move", text("refusal.notASeatMove", { move: text(`move.${move.type}`) }));
  }
}

function canPost(channel: GameState["channels"][string], seat: string): boolean {
  if (channel.kind === "plenary") return true;
  if (channel.kind === "broadcast") return false;
  return channel.members.includes(seat);
}

/**
 * Who of a team took a step on a deal (`AgreementStep.role`, `name`): in a game with teams, the
 * deal type's ministry when the person acting held fewer than all three, with their name if the
 * action carries it; nothing when the seat acted as one (one person holds every ministry).
 */
function minister(state: GameState, actor: SeatActor, a: Pick<Agreement, "type">): Pick<AgreementStep, "role" | "name"> {
  if (!state.settings.teams || actor.roles.length >= ROLES.length) return {};
  return { role: ROLE_FOR_TYPE[a.type], ...(actor.name ? { name: actor.name } : {}) };
}

function roleCheck(actor: { roles: readonly Role[] }, a: Pick<Agreement, "type">) {
  const needed = ROLE_FOR_TYPE[a.type];
  if (actor.roles.includes(needed)) return null;
  return refuse("rule/wrong_role", text("refusal.wrongRole", { type: ref("type", a.type), role: ref("role", needed) }));
}

/** Whether `seat` may answer the offer `a` (sign, decline, amend...): it must be open and name the seat. Also asked by an amendment's preview (./preview.ts). */
export function openOfferCheck(a: Agreement | undefined, seat: string): Refused | null {
  // A deal the seat may not see (an offer between others, open or answered) is one it never heard of.
  if (!a || !canSeeAgreement({ kind: "seat", seat, roles: [] }, a)) return refuse("rule/unknown_agreement", text("refusal.unknownOffer"));
  if (!a.parties.includes(seat)) return refuse("rule/not_a_party", text("refusal.notAParty", { id: a.id }));
  if (a.status !== "proposed") return refuse("rule/not_open", text("refusal.notOpen", { id: a.id, status: ref("status", a.status) }));
  return null;
}

/** Checks common to answering an offer: it exists, is open, names us, and is the revision we saw. */
function offerCheck(state: GameState, actor: SeatActor, a: Agreement | undefined, revision: number) {
  const open = openOfferCheck(a, actor.seat);
  if (open) return open;
  if (a!.revision !== revision) return refuse("rule/stale_revision", text("refusal.staleRevision", { id: a!.id, revision: a!.revision }));
  return roleCheck(actor, a!);
}

/**
 * A draft `seat` proposes, or offers as the next revision of `previous`, checked against the
 * world (not the seat's roles nor its budget): its parties, and `leaving`, the party the draft is
 * checked as when the seat takes itself out of an offer that stands without it (nobody has
 * signed that revision yet). Also asked by a draft's preview (./preview.ts).
 */
export function revisionCheck(state: GameState, seat: string, draft: Draft, previous?: Agreement): { ok: true; parties: string[]; leaving: string | null } | Refused {
  if (previous && previous.type !== draft.terms.type) return refuse("rule/type_change", text("refusal.typeChange"));
  const leaving = previous ? leavingOffer(previous, draft, seat) : null;
  const checked = checkDraft(state, draft, leaving ?? seat);
  return checked.ok ? { ...checked, leaving } : checked;
}

/** Offers one seat may have waiting for answers at once (docs/RULES.md, Life of a deal). */
export const OPEN_OFFERS_PER_SEAT = 8;

/** Terms, parties and duration as one comparable string, whatever order they were written in. */
function draftShape(terms: Agreement["terms"], parties: readonly string[], duration: number): string {
  return JSON.stringify([sorted(terms), [...parties].sort(), duration]);
}

/** Plain data with every object's fields in key order (a loop, not entries and `fromEntries`: each proposal checks its shape). */
function sorted(x: unknown): unknown {
  if (Array.isArray(x)) return x.map(sorted);
  if (!x || typeof x !== "object") return x;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(x).sort((a, b) => (a < b ? -1 : 1))) {
    const v = sorted((x as Record<string, unknown>)[k]);
    // A field named "__proto__" stays a field, as `Object.fromEntries` would keep it.
    if (k === "__proto__") Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
    else out[k] = v;
  }
  return out;
}

/**
 * A new offer beside those `seat` already has waiting: not the same as one of them (it would
 * only fill its parties' screens again), and not past OPEN_OFFERS_PER_SEAT.
 */
function offersWaitingCheck(state: GameState, seat: string, draft: Draft, parties: readonly string[]): Refused | null {
  const waiting = state.agreements.filter((a) => a.status === "proposed" && a.proposedBy === seat);
  if (!waiting.length) return null;
  // The draft's shape only when an offer of its type waits (most proposals meet none).
  let shape: string | undefined;
  const same = waiting.find((a) => a.type === draft.terms.type && draftShape(a.terms, a.parties, a.duration) === (shape ??= draftShape(draft.terms, parties, draft.duration)));
  if (same) return refuse("rule/same_offer", text("refusal.sameOffer", { id: same.id }));
  if (waiting.length >= OPEN_OFFERS_PER_SEAT) return refuse("rule/too_many_offers", text("refusal.tooManyOffers", { count: waiting.length }));
  return null;
}

/**
 * Whether the rules let `actor` offer `draft`, new or as the next revision of `previous`: the
 * ministry its type needs, the draft against the world (`revisionCheck`), and the proposer's
 * budget for it. Everything a proposal or an amendment meets except the offers the proposer
 * already has waiting (`offersWaitingCheck`): those only stop the same offer being sent again,
 * the draft itself stays allowed. `proposalCheck` (the bots) and `proposeOrAmend` both ask it.
 */
function draftCheck(state: GameState, actor: { seat: string; roles: readonly Role[] }, draft: Draft, previous?: Agreement): { ok: true; parties: string[]; leaving: string | null } | Refused {
  const role = roleCheck(actor, { type: draft.terms.type });
  if (role) return role;
  const checked = revisionCheck(state, actor.seat, draft, previous);
  if (!checked.ok) return checked;
  // A revision keeps its offer's id: what the offer stood for is not counted twice.
  const budget = checkBudget(state, { id: previous?.id, terms: draft.terms, parties: checked.parties }, actor.seat);
  if (budget) return { ok: false, error: budget };
  return checked;
}

/**
 * Whether the engine's rules let `seat` (holding `roles`) propose `draft` now: the phase, a seat
 * country, and `draftCheck`; not whether the seat already has the same offer, or as many as it
 * may, waiting for answers (`offersWaitingCheck`), which a bot reads as "the offer stands"
 * (shared/bots/context.ts).
 */
export function proposalCheck(state: GameState, seat: string, roles: readonly Role[], draft: Draft): Refusal | null {
  const refused = phaseCheck(state, "propose") ?? seatCheck(state, seat);
  if (refused) return refused.error;
  const checked = draftCheck(state, { seat, roles }, draft);
  return checked.ok ? null : checked.error;
}

function proposeOrAmend(state: GameState, actor: SeatActor, draft: Draft, previous?: Agreement, reason?: string | Text) {
  const checked = draftCheck(state, actor, draft, previous);
  if (!checked.ok) return checked;
  const waiting = previous ? null : offersWaitingCheck(state, actor.seat, draft, checked.parties);
  if (waiting) return waiting;
  const leaving = checked.leaving;
  const id = previous?.id ?? dealId(state.settings, state.nextAgreement);
  return (next: GameState) => {
    const revision = (previous?.revision ?? 0) + 1;
    const a: Agreement = {
      id,
      type: draft.terms.type,
      parties: checked.parties,
      terms: draft.terms,
      duration: draft.duration,
      status: "proposed",
      revision,
      proposedBy: previous?.proposedBy ?? actor.seat,
      proposedAt: previous?.proposedAt ?? state.version,
      signatures: leaving ? [] : [actor.seat],
      steps: [...(previous?.steps ?? []), { round: next.round, phase: next.phase, what: !previous ? "proposed" : leaving ? "stepped-out" : "amended", by: actor.seat, ...minister(state, actor, draft.terms), revision, ...(reason ? { reason } : {}) }],
    };
    if (!previous) next.nextAgreement += 1;
    if (a.parties.every((p) => a.signatures.includes(p))) {
      a.status = "signed";
      a.steps.push({ round: next.round, phase: next.phase, what: "signed", by: actor.seat, ...minister(state, actor, a), revision });
      next.news = [...next.news, { round: next.round, phase: next.phase, kind: "agreement", text: text("news.signed", { id: a.id, deal: describe(a) }) }];
    }
    addAgreement(next, a);
  };
}

function facilitatorMove(state: GameState, move: Move): Step | Refused {
  switch (move.type) {
    case "start":
      return (next) => {
        next.round = 1;
        beginRound(next);
      };
    case "play-event": {
      const card = state.scenario.events.find((e) => e.id === move.cardId);
      if (!card) return refuse("rule/unknown_event", text("refusal.unknownEvent", { id: move.cardId }));
      const later = laterRound(state, move.round, move.type);
      if (typeof later === "object") return later;
      if (!state.deck.includes(card.id)) return refuse("rule/event_played", text("refusal.eventPlayed", { event: ref("event", card.id) }));
      if (!cardReady(state, card)) return refuse("rule/event_out_of_order", text("refusal.eventOutOfOrder", { event: ref("event", card.id), first: ref("event", card.after!) }));
      return (next) => {
        next.deck = next.deck.filter((id) => id !== card.id);
        if (later) schedule(next, later, { ...card, custom: false });
        else playCard(next, { ...card, custom: false });
      };
    }
    case "custom-event": {
      const bad = badTarget(state, move.effects);
      if (bad) return bad;
      const later = laterRound(state, move.round, move.type);
      if (typeof later === "object") return later;
      return (next) => {
        const id = `custom-${next.events.filter((e) => e.custom).length + next.scheduled.filter((e) => e.card.custom).length + 1}`;
        const card = { id, title: move.title, text: move.text, date: "", effects: move.effects, custom: true, ...(move.texts ? { texts: move.texts } : {}) };
        if (later) schedule(next, later, card);
        else playCard(next, card);
      };
    }
    case "rule-matrix": {
      const m = state.matrix.find((x) => x.id === move.matrixId);
      if (!m) return refuse("rule/unknown_matrix", text("refusal.unknownMatrix", { id: move.matrixId }));
      if (m.status !== "pending") return refuse("rule/already_ruled", text("refusal.alreadyRuled", { id: m.id, status: text(`matrix.status.${m.status}`) }));
      if (move.ruling === "roll" && move.odds === undefined) return refuse("input/invalid", text("refusal.rollOdds"));
      const bad = badTarget(state, move.effects);
      if (bad) return bad;
      return (next) => {
        const n = next.matrix.find((x) => x.id === m.id)!;
        const success = move.ruling === "accept" || (move.ruling === "roll" && nextRandom(next) < move.odds!);
        n.status = move.ruling === "refuse" ? "refused" : move.ruling === "accept" ? "accepted" : success ? "succeeded" : "failed";
        n.effects = move.ruling === "refuse" ? [] : move.effects;
        if (move.odds !== undefined) n.odds = move.odds;
        if (move.note) n.note = move.note;
        const ruling = { country: country(m.seat), action: m.text, status: text(`matrix.status.${n.status}`), note: move.note ?? "" };
        const said = move.ruling === "roll" ? text("news.rulingRoll", { ...ruling, odds: Math.round(move.odds! * 100) }) : text("news.ruling", ruling);
        next.news.push({ round: next.round, phase: next.phase, kind: "matrix", text: said });
        // And in the Facilitator channel, where the facilitator finds what they said to the table: a
        // ruling is public once made (the news above, the ruled action in everyone's view), so the
        // line tells nobody more; as catalog text, each reader reads it in their language.
        next.messages = [...next.messages, { id: nextLineId(next), round: next.round, channel: "broadcast", from: { facilitator: true }, text: "", said }];
        if (success && move.ruling !== "refuse") {
          applyEffects(next, move.effects, text("cause.ruling", { country: country(m.seat), id: m.id }));
          checkFalls(next);
          checkCrisis(next);
        }
      };
    }
    case "set-comms":
      return (next) => {
        if (move.channels) next.settings.channels = move.channels;
        if (move.facilitatorReadsPrivate !== undefined && move.facilitatorReadsPrivate !== state.settings.facilitatorReadsPrivate) {
          // Lines already written stay under the setting they were written under (views.ts `facilitatorReadsLine`).
          const from = nextLineId(state);
          const before = state.privateReads ?? [{ from: 1, reads: state.settings.facilitatorReadsPrivate }];
          next.privateReads = [...before.filter((r) => r.from < from), { from, reads: move.facilitatorReadsPrivate }];
          next.settings = { ...next.settings, facilitatorReadsPrivate: move.facilitatorReadsPrivate };
        }
        const parts = [
          ...(move.channels ? [text(`news.comms.channels.${move.channels}`)] : []),
          ...(move.facilitatorReadsPrivate === undefined ? [] : [text(move.facilitatorReadsPrivate ? "news.comms.reads" : "news.comms.readsNot")]),
        ];
        if (parts.length) next.news.push({ round: next.round, phase: next.phase, kind: "facilitator", text: text("news.comms", { changes: { list: parts } }) });
      };
    case "broadcast":
      return (next) => {
        next.messages = [...state.messages, { id: nextLineId(state), round: state.round, channel: "broadcast", from: { facilitator: true }, text: move.text }];
      };
    case "delete-message": {
      const m = state.messages.find((x) => x.id === move.messageId);
      if (!m) return refuse("rule/unknown_message", text("refusal.unknownMessage", { id: move.messageId }));
      if (m.deleted) return refuse("rule/already_deleted", text("refusal.alreadyDeleted", { id: move.messageId }));
      const by = m.from.facilitator ? text("timeline.facilitator") : m.from.seat ? country(m.from.seat) : text("news.someone");
      const channel = state.channels[m.channel];
      const where = channel ? channelTitle(channel) : m.channel;
      return (next) => {
        // Its words go, a bot's catalog sentence and the terms it offered too: a removed line carries nothing it said.
        next.messages = state.messages.map((x) => (x.id === m.id ? removed(x) : x));
        next.news.push({ round: next.round, phase: next.phase, kind: "facilitator", text: text(move.reason ? "news.messageRemovedReason" : "news.messageRemoved", { by, where, reason: move.reason ?? "" }) });
      };
    }
    case "log-mute": {
      if (!Object.hasOwn(state.countries, move.seat)) return refuse("rule/unknown_country", text("refusal.unknownCountry", { id: move.seat }));
      return (next) => {
        const who = { name: move.name, country: country(move.seat) };
        next.news.push({ round: next.round, phase: next.phase, kind: "facilitator", text: move.minutes ? text("news.muted", { ...who, minutes: move.minutes }) : text("news.unmuted", who) });
      };
    }
    case "log-clock":
      return (next) => {
        const key = move.change === "pause" ? "news.clockPaused" : move.change === "resume" ? "news.clockResumed" : "news.clockExtended";
        next.news.push({ round: next.round, phase: next.phase, kind: "facilitator", text: text(key, { phase: ref("phase", next.phase), minutes: minutesArg(move.seconds ?? 0) }) });
      };
    case "log-seat": {
      if (!Object.hasOwn(state.countries, move.seat)) return refuse("rule/unknown_country", text("refusal.unknownCountry", { id: move.seat }));
      return (next) => {
        const handover = move.change === "to-bot" || move.change === "from-bot";
        const args: Record<string, Arg> = handover ? { names: list(move.names ?? []), round: next.round } : { name: move.name ?? "" };
        next.news.push({ round: next.round, phase: next.phase, kind: "facilitator", text: text(`news.seat.${move.change}`, { ...args, country: country(move.seat) }) });
      };
    }
    case "end-game":
      return (next) => {
        endGame(next);
        next.news.push({ round: next.round, phase: "ended", kind: "facilitator", text: text("news.facilitatorEnded") });
      };
    default:
      return refuse("rule/facilitator_only", text("refusal.notAFacilitatorMove", { move: text(`move.${move.type}`) }));
  }
}

/** Names the first effect whose country does not exist. */
function badTarget(state: GameState, effects: readonly Effect[]): Refused | null {
  for (const [i, e] of effects.entries()) {
    const ids = "target" in e ? [e.target] : e.kind === "restriction" ? [e.by, e.on] : [];
    const bad = ids.find((id) => !["all", "seats", "alliance", "rival", "swing", "partner"].includes(id) && !Object.hasOwn(state.countries, id));
    if (bad) return refuse("input/invalid", text("refusal.effectCountry", { index: i, id: bad }));
  }
  return null;
}

/** A round to schedule for (0 = now); refuses a round that has passed or does not exist, and "now" outside the event and negotiation. */
function laterRound(state: GameState, round: number | undefined, move: "play-event" | "custom-event"): number | Refused {
  if (round === undefined || round === state.round) {
    if (state.phase === "event" || state.phase === "negotiation") return 0;
    return refuse("rule/wrong_phase", text("refusal.wrongPhase", { move: text(`move.${move}`), phase: ref("phase", state.phase) }));
  }
  if (round < state.round) return refuse("rule/round_passed", text("refusal.roundPassed", { round }));
  if (round > state.settings.rounds) return refuse("rule/no_such_round", text("refusal.noSuchRound", { rounds: state.settings.rounds }));
  return round;
}

function schedule(next: GameState, round: number, card: Omit<GameState["events"][number], "round">) {
  next.scheduled.push({ round, card });
}

function playCard(next: GameState, card: Omit<GameState["events"][number], "round">) {
  next.events.push({ ...card, round: next.round });
  const title = card.custom ? card.title : ref("event", card.id);
  next.news.push({ round: next.round, phase: next.phase, kind: "event", text: text(card.custom ? "news.customCard" : "news.event", { title }) });
  applyEffects(next, card.effects, text("cause.card", { title }));
  checkFalls(next);
  checkCrisis(next);
}

/**
 * A round begins (docs/RULES.md §2): its cards are played in its event phase. A round with no
 * card (a game longer than its deck, once every card is played) opens with the negotiation, from
 * rules edition `VERSION_CARDLESS_ROUNDS` on; a game made before keeps its empty event phase, so
 * its log, whose ready moves and clock advances end that phase, replays as played.
 */
function beginRound(next: GameState) {
  next.phase = "event";
  next.changes = {};
  next.ready = [];
  const scheduled = next.scheduled.filter((x) => x.round === next.round);
  for (const s of scheduled) playCard(next, s.card);
  next.scheduled = next.scheduled.filter((x) => x.round !== next.round);
  if (next.phase !== "event") return; // a scheduled card may have caused a crisis
  // A round the facilitator scheduled cards for (an inject script) has those as its events:
  // no card is drawn from the deck beside them (docs/RULES.md, The event deck).
  if (scheduled.length) return;
  const card = nextCard(next);
  if (card) {
    next.deck = next.deck.filter((id) => id !== card.id);
    playCard(next, { ...card, custom: false });
  } else if (next.settings.edition >= VERSION_CARDLESS_ROUNDS) next.phase = "negotiation";
}

/** Ends the current phase (clock or facilitator). */
function advance(next: GameState): ApplyResult | void {
  next.ready = [];
  switch (next.phase) {
    case "event":
      next.phase = "negotiation";
      return;
    case "negotiation":
      resolveRound(next);
      return;
    case "review":
      if (next.round >= next.settings.rounds) {
        endGame(next);
        next.news.push({ round: next.round, phase: "ended", kind: "phase", text: text("news.lastRound") });
        return;
      }
      next.round += 1;
      beginRound(next);
      return;
  }
}

/** A message as the facilitator's removal leaves it: no words, no catalog sentence, no terms. */
function removed({ said: _said, draft: _draft, ...kept }: Message): Message {
  return { ...kept, text: "", deleted: true };
}
