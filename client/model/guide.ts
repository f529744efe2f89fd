/**
 * The first-game guide: which step a newcomer is at, read from the game itself (the phase,
 * their deals with bots), so it follows whatever they do, in any order. Pure.
 *
 *   event → propose → waiting (→ declined) → signed → review → done
 */
import type { ClientView } from "../../shared/protocol/view.ts";
import { SECTORS } from "../../shared/engine/vocabulary.ts";
import { allowedTypes, emptyForm, isValid, validate, type DealForm } from "./deal-form.ts";
import { pendingForMe } from "./deals.ts";

export type GuideStep = "event" | "offer" | "propose" | "waiting" | "declined" | "signed" | "review" | "done";

/** Step numbers shown to the player ("2 of 5"); declined is a detour of step 3. */
export const STEP_NUMBER: Record<GuideStep, number> = { event: 1, offer: 2, propose: 2, waiting: 3, declined: 3, signed: 4, review: 5, done: 5 };

/**
 * Undefined outside the guide's round: the lobby, a viewer who is not a seat, and past the next
 * round's event card, where the last card ("the next rounds are yours") has been read or passed.
 */
export function guideStep(view: ClientView): GuideStep | undefined {
  if (view.viewer.kind !== "seat") return undefined;
  const me = view.viewer.seat;
  if (view.phase === "lobby") return undefined;
  if (view.phase === "ended" || view.round > 2 || (view.round === 2 && view.phase !== "event")) return undefined;
  if (view.round === 2) return "done";
  if (view.phase === "event") return "event";
  if (view.phase === "review") return "review";
  const bots = new Set(view.seats.filter((s) => s.bot).map((s) => s.id));
  const withBots = view.agreements.filter((a) => a.parties.includes(me) && a.parties.some((p) => p !== me && bots.has(p)));
  if (withBots.some((a) => a.status === "signed" || a.status === "in-force")) return "signed";
  if (withBots.some((a) => a.status === "proposed" && (a.proposedBy === me || a.signatures.includes(me)))) return "waiting";
  if (withBots.some((a) => a.status === "declined" && a.proposedBy === me)) return "declined";
  // A bot's offer already waiting on me comes first: a deal proposed beside it may overlap it
  // (two screening pacts between the same allies), and the second could then not be signed.
  if (pendingForMe(view).some((a) => withBots.includes(a))) return "offer";
  return "propose";
}

/** The catalog key of a step's text (client/i18n/en/game.ts "guide.*"). */
export type GuideTextKey =
  | `guide.${Exclude<GuideStep, "review">}`
  | "guide.propose.supply"
  | "guide.event.touch"
  | "guide.signed.touch"
  | "guide.signed.pending"
  | "guide.signed.pending.touch"
  | "guide.review"
  | "guide.review.touch"
  | "guide.review.mine"
  | "guide.review.mine.touch"
  | "guide.review.last"
  | "guide.review.last.touch"
  | "guide.review.mine.last"
  | "guide.review.mine.last.touch";

/**
 * What the guide says at a step. `touch`: a touch screen (a coarse pointer), where the ready
 * button is tapped; elsewhere it is chosen (a mouse or a keyboard: "tap" on a laptop was wrong).
 * The review says "your deal is among the causes" only when a deal of the player's took force
 * this round: after a refusal, there is none. In the game's last round the ready button leads to
 * the final scores (client/model/lobby.ts `readyLabel`), not to play on. Once a deal with a bot is
 * signed, offers that still wait on the player (a bot's, another person's) are named: "every
 * party has signed" alone would tell them the table is done with them.
 */
export function guideTextKey(view: ClientView, step: GuideStep, touch: boolean): GuideTextKey {
  const device = touch ? ".touch" : "";
  if (step === "signed" && pendingForMe(view).length) return `guide.signed.pending${device}`;
  if (step === "event" || step === "signed") return `guide.${step}${device}` as GuideTextKey;
  if (step === "review") return `guide.review${myDealTookForce(view) ? ".mine" : ""}${view.round >= view.settings.rounds ? ".last" : ""}${device}` as GuideTextKey;
  if (step === "propose" && firstDeal(view)?.type === "supply") return "guide.propose.supply";
  return `guide.${step}`;
}

/**
 * The first deal the guide suggests, as the builder opens it: a screening pact when the engine's
 * own checks would take one with an ally (a country of the seat's camp, the alliance or its rival) a bot plays; otherwise (a
 * seat with no ally: China at Alliance 2021's table, a swing state as India) a supply deal buying from a bot's country in the sector where it is
 * strongest beside the player, with that country ticked. Undefined when neither would pass.
 */
export function firstDeal(view: ClientView): { type: "screening" | "supply"; start?: Partial<DealForm> } | undefined {
  if (view.viewer.kind !== "seat") return undefined;
  const me = view.viewer.seat;
  const types = allowedTypes(view);
  const bots = view.seats.filter((s) => s.bot && s.id !== me).map((s) => s.id);
  const passes = (form: DealForm) => isValid(validate(view, form));
  const bloc = (id: string) => view.countries.find((c) => c.id === id)?.bloc;
  // Allies share a camp: a swing state (India, hedging) has none, though another swing state shares its bloc's label.
  const camp = bloc(me) === "alliance" || bloc(me) === "rival";
  const allies = camp ? bots.filter((b) => bloc(b) === bloc(me)) : [];
  if (types.includes("screening") && allies.some((b) => passes({ ...emptyForm(view, "screening"), parties: [me, b] }))) return { type: "screening" };
  if (!types.includes("supply")) return undefined;
  const mine = view.countries.find((c) => c.id === me);
  const lead = (id: string, sector: (typeof SECTORS)[number]) => (view.countries.find((c) => c.id === id)?.sectors[sector].capability ?? 0) - (mine?.sectors[sector].capability ?? 0);
  const offers = bots.flatMap((b) => SECTORS.map((sector) => ({ b, sector, lead: lead(b, sector) }))).sort((x, y) => y.lead - x.lead);
  for (const { b, sector } of offers) {
    const start = { suppliers: [b], buyers: [me], sector };
    if (passes({ ...emptyForm(view, "supply"), ...start })) return { type: "supply", start };
  }
  return undefined;
}

/** Whether a deal the seat is party to took force this round (and so stands among the review's causes). */
export function myDealTookForce(view: ClientView): boolean {
  if (view.viewer.kind !== "seat") return false;
  const me = view.viewer.seat;
  return view.agreements.some((a) => a.parties.includes(me) && a.steps.some((s) => s.what === "in-force" && s.round === view.round));
}

/** What this browser keeps: nothing (never guided), the game being guided, or done. */
export type GuideMemory = { get(): string | null; set(value: string): void };
const KEY_DONE = "done";

/** Whether to guide in this game: the first quick game this browser plays, until finished or skipped. */
export function guideWanted(memory: GuideMemory, code: string, quickGame: boolean): boolean {
  const kept = memory.get();
  if (kept === KEY_DONE) return false;
  if (kept === `active:${code}`) return true;
  if (kept || !quickGame) return false;
  memory.set(`active:${code}`);
  return true;
}

export function guideFinished(memory: GuideMemory) {
  memory.set(KEY_DONE);
}
