/**
 * Bots that negotiate by national interest (docs/RULES.md §1).
 *
 * API — everything a server or a self-play driver needs:
 *
 *   decideBotAction(ctx, rng, options?) → { action, reason } | null
 *     One move for the seat `ctx` belongs to, chosen among its legal actions, with a one-line
 *     reason for the review and the debrief ("declined: costs us 12 prosperity for 3 security").
 *     null when it has nothing (more) to do; during negotiation it first says it is ready.
 *     `ctx` comes from `botContext(state, seat)` (context.ts): the seat's view, the public
 *     rules, a preview bound to the seat and its legal actions — never the game state, so a
 *     bot cannot read hidden state. `rng` is a seeded `{ rng }` holder (shared/engine/rng.ts):
 *     the same context and rng give the same decision. `options` can override the scenario's
 *     personality or play a table-wide strategy (the balance lab's cooperative and selfish mixes).
 *
 *   askBotOn(ctx, asker, draft, options?) → { draft, value, reason } | { none? }
 *     The deal card's "What would it take?": terms near `draft` this seat would sign and
 *     `asker` could propose (the draft itself when it already would, or it with one more
 *     member), or why no change of it pays (talk.ts).
 *
 *   dealWith(ctx, asker, options?) → { draft, value, reason } | null
 *     The same asked of a country rather than a deal: a deal with `asker` it would sign.
 *
 *   appraise(ctx, draft, options?) → { value, threshold, reason } | null
 *     How this seat values a draft, in score points, and why.
 *
 *   botChooser(state, seat, rng) → { action, reason } | null
 *     The server's BotChooser signature; builds the context and decides.
 *
 * Decisions, in order: answer offers that name it (sign what serves it, counter a near miss
 * with an amendment it would sign, decline what harms it; as a loan recipient, take the best
 * of competing offers); break an agreement when its personality allows and breaking pays;
 * propose what its country needs; then say it is ready.
 *
 * This file is the entry: the public API and the order of decisions. Each decision has its
 * module: answers.ts (offers), breaking.ts (leaving a deal), proposing.ts (what to propose),
 * counter.ts (the nearest terms a seat would sign), talk.ts (chat and the plenary); mind.ts
 * holds what a decision works from and keeps, valuing.ts how a seat values drafts.
 */
import type { GameState } from "../engine/types.ts";
import type { TurnLimits } from "./game-loop.ts";
import { text } from "../engine/text.ts";
import { botContext, type BotContext } from "./context.ts";
import { mindOf, type BotDecision, type BotOptions, type Mind, type Rng } from "./mind.ts";
import { answerOffers } from "./answers.ts";
import { breakDeals } from "./breaking.ts";
import { propose } from "./proposing.ts";
import { answerQuestions, speak } from "./talk.ts";

export type { BotDecision, BotOptions } from "./mind.ts";
export { rememberBetweenMoves } from "./mind.ts";
export { appraise, valuations } from "./valuing.ts";
export { askBotOn, dealWith, noDealWith } from "./talk.ts";

/** The server's chooser: a context from the state, then a decision. */
export function botChooser(state: GameState, seat: string, rng: Rng, options?: BotOptions, limits?: TurnLimits): BotDecision | null {
  if (state.phase !== "negotiation") return null;
  return decideBotAction(botContext(state, seat), rng, options, limits);
}

/** `limits`: what the turn rules allow this turn (shared/bots/game-loop.ts; past its cap a seat answers without counter-offers). */
export function decideBotAction(ctx: BotContext, rng: Rng, options: BotOptions = {}, limits?: TurnLimits): BotDecision | null {
  if (ctx.view.phase !== "negotiation") return null;
  const mind = mindOf(ctx, options);
  // Past the turn rules' cap a person's question comes first: it may be all the seat still does.
  if (limits?.counters === false) return answerQuestions(mind, rng) ?? answerOffers(mind, rng, false) ?? ready(mind);
  // Offers before questions, unless a question waited on it before any of them did.
  const [first, then] = limits?.questionsFirst ? [answerQuestions, answerOffers] : [answerOffers, answerQuestions];
  return first(mind, rng) ?? then(mind, rng) ?? breakDeals(mind, rng) ?? propose(mind, rng) ?? speak(mind) ?? ready(mind);
}

function ready(m: Mind): BotDecision | null {
  if (m.ctx.view.ready.includes(m.me)) return null;
  const action = m.ctx.legal.actions.find((x) => x.move.type === "ready" && x.move.ready === true);
  return action ? { action, reason: text("bot.why.ready") } : null;
}
