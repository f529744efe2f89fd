/**
 * What a seat says: answers to people's questions in chat ("why?", "would you join?", "what
 * would it take?"), the public `dealWith`, and its one plenary message a negotiation (what it
 * wants this round and why, or what the table is missing).
 */
import type { Draft } from "../engine/actions.ts";
import { describe } from "../engine/agreements/index.ts";
import { list, ref, text, type Arg, type Text } from "../engine/text.ts";
import type { BotContext } from "./context.ts";
import { country, draftParties } from "./model.ts";
import { isPersonality, profileFor } from "./personality.ts";
import { candidates } from "./proposals.ts";
import { r1, type Valuation } from "./value.ts";
import { because, changeText, said } from "./speech.ts";
import { parseIntent, questionsFor, type Intent } from "./intents.ts";
import { exactMind, notesOf, type BotDecision, type BotOptions, type Mind, type Rng } from "./mind.ts";
import { asDraft, confirmed, valueOwn, worthOwn } from "./valuing.ts";
import { whatWouldItTakeOf } from "./counter.ts";
import { objectiveSectors, withOffers } from "./proposing.ts";

const chat = (m: Mind, channel: string, said: Text): BotDecision | null =>
  m.ctx.legal.chatChannels.includes(channel) ? { action: { actor: m.actor, move: { type: "chat", channel, said } } } : null;

/** Answers the oldest question that waits on it, in the channel it was asked in. */
export function answerQuestions(m: Mind): BotDecision | null {
  const { countries, messages, channels, round } = m.ctx.view;
  const names = m.options.names;
  const q = questionsFor(messages, channels, m.me, round - 1, countries, names)[0];
  if (!q) return null;
  // What it tells a person it checks against the engine's preview.
  m.exact = true;
  return chat(m, q.channel, replyTo(m, q.from.seat!, parseIntent(q.text)));
}

/** The reply to one question, from the valuation. */
function replyTo(m: Mind, asker: string, intent: Intent): Text {
  const view = m.ctx.view;
  const named = "agreementId" in intent && intent.agreementId ? view.agreements.find((a) => a.id === intent.agreementId) : undefined;
  if ("agreementId" in intent && intent.agreementId && !named) return text("bot.dm.unknown", { id: intent.agreementId });
  switch (intent.kind) {
    case "why": {
      // The deal named, or the latest one with the asker on which this bot said something.
      const a = named ?? [...view.agreements].reverse().find((x) => x.parties.includes(asker) && x.steps.some((s) => s.by === m.me && s.reason));
      if (!a) return text("bot.dm.whyWhich");
      const step = [...a.steps].reverse().find((s) => s.by === m.me && s.reason);
      if (!step) return text("bot.dm.whyNone", { id: a.id });
      return text("bot.dm.why", { id: a.id, reason: typeof step.reason === "string" ? step.reason : step.reason! });
    }
    case "join": {
      if (named) {
        const draft = { ...asDraft(named), parties: named.parties.includes(m.me) ? named.parties : [...named.parties, m.me] };
        if (!draftParties(draft).includes(m.me)) return text("bot.dm.notParty", { id: named.id });
        const v = confirmed(m, draft);
        if (!v) return text("bot.dm.cannot", { id: named.id });
        return v.value >= m.profile.threshold ? text("bot.dm.joinYes", { id: named.id, why: because(v) }) : text("bot.dm.joinNo", { id: named.id, why: because(v, true) });
      }
      return offerTo(m, asker, intent.type);
    }
    case "take": {
      if (named) {
        const draft = asDraft(named);
        if (!draftParties(draft).includes(m.me)) return text("bot.dm.notParty", { id: named.id });
        const w = whatWouldItTakeOf(m, draft);
        if (!w) return text("bot.dm.takeNothing", { id: named.id });
        if (JSON.stringify(w.draft) === JSON.stringify(draft)) return text("bot.dm.takeAsIs", { id: named.id, why: because(w.value) });
        return text("bot.dm.take", { id: named.id, change: changeText(draft, w.draft), why: because(w.value) });
      }
      return offerTo(m, asker, intent.type);
    }
    case "propose":
      return offerTo(m, asker, intent.type);
    case "other":
      return text("bot.dm.help");
  }
}

/** "What would it take?" on a country: the deal with `asker` (of `type`, if named) this bot values most. */
function offerTo(m: Mind, asker: string, type?: string): Text {
  const best = bestDealWith(m, asker, type);
  if (!best) return type ? text("bot.dm.offerNoneType", { type: ref("type", type, true) }) : text("bot.dm.offerNone");
  return text("bot.dm.offer", { deal: describe(best.draft), rounds: best.draft.duration, why: because(best.value) });
}

/** Among the deals this bot might propose, the best one that names `asker`, checked by the engine. */
function bestDealWith(m: Mind, asker: string, type?: string): { draft: Draft; value: Valuation } | null {
  if (asker === m.me) return null;
  // What it would propose to the asker, and what the asker's country needs from it (by its public view).
  const them = country(m.w, asker);
  const theirs = candidates(withOffers(m), asker, profileFor(isPersonality(them.personality) ? them.personality : "pragmatist"), { supply: new Set(), rnd: new Set(), sellSupply: new Set() });
  const pool = [...candidates(withOffers(m), m.me, m.profile, objectiveSectors(m)), ...theirs]
    .filter((d) => (!type || d.terms.type === type) && draftParties(d).includes(asker) && draftParties(d).includes(m.me))
    .map((d) => ({ d, own: worthOwn(m, d) }))
    .filter((x) => x.own >= m.profile.threshold)
    .sort((a, b) => b.own - a.own);
  for (const { d } of pool.slice(0, 3)) {
    if (m.ctx.check({ type: "propose", draft: d })) continue;
    const value = confirmed(m, d);
    if (value && value.value >= m.profile.threshold) return { draft: d, value };
  }
  return null;
}

/**
 * "What would it take?" on a country rather than a deal: the deal with `asker` this bot would
 * sign, as a draft the asker can propose, with the reason; null when it sees none.
 */
export function dealWith(ctx: BotContext, asker: string, options: BotOptions = {}): { draft: Draft; value: number; reason: Text } | null {
  const m = exactMind(ctx, options);
  const best = bestDealWith(m, asker);
  return best ? { draft: best.draft, value: best.value.value, reason: said("worth", best.value) } : null;
}

/**
 * Once a negotiation, in the plenary: what it wants this round (the deal it proposed, by type
 * and partners, not its private terms) and why, in its personality's voice; or that it needs
 * nothing more and answers every offer, with the shared target the table is missing, if any.
 */
export function speak(m: Mind, rng: Rng): BotDecision | null {
  const view = m.ctx.view;
  if (view.messages.some((x) => x.channel === "plenary" && x.from.seat === m.me && x.round === view.round)) return null;
  const voice = m.profile.personality;
  const mine = view.agreements.find((a) => a.proposedBy === m.me && a.steps[0]?.round === view.round);
  if (mine) {
    const partners = mine.parties.filter((p) => p !== m.me);
    const sector = (mine.terms as { sector?: string }).sector;
    // One deal, named with its article ("an investment screening pact"): a catalog key for each type.
    const args = { type: text(`bot.say.kind.${mine.type}`), partners: list(partners.map((p) => ref("country", p))), ...(sector ? { sector: ref("sector", sector, true) } : {}) };
    const key = partners.length ? (sector ? "bot.say.deal.with.in" : "bot.say.deal.with") : sector ? "bot.say.deal.in" : "bot.say.deal";
    const deal = text(key, args);
    // The valuation it proposed the deal for, while its terms are as it proposed them.
    const proposed = notesOf(m, rng).proposed;
    const value = proposed && proposed.key === JSON.stringify([mine.terms, mine.duration]) ? proposed.value : valueOwn(m, asDraft(mine));
    return chat(m, "plenary", text(`bot.say.want.${voice}`, { deal, why: because(value) }));
  }
  return chat(m, "plenary", text(`bot.say.nothing.${voice}`, { table: tableRemark(m) }));
}

/** The first shared target the table misses now, in numbers ("resilience is 38; the table needs 50 or more"), or that it meets them all. */
function tableRemark(m: Mind): Arg {
  for (const t of m.ctx.targets) {
    const c = t.condition;
    if (c.kind !== "table") continue;
    const now = m.ctx.view.table[c.metric];
    if (c.atLeast !== undefined && now < c.atLeast) return text("bot.say.below", { metric: ref("metric", c.metric, true), now: r1(now), target: c.atLeast });
    if (c.atMost !== undefined && now > c.atMost) return text("bot.say.above", { metric: ref("metric", c.metric, true), now: r1(now), target: c.atMost });
  }
  const count = m.ctx.targets.filter((t) => t.condition.kind === "table").length;
  return count ? text("bot.say.onTrack", { count }) : "";
}

