/**
 * What a seat says: answers to people's questions in chat ("why?", "would you join?", "what
 * would it take?"), the public `dealWith`, and its one plenary message a negotiation (what it
 * wants this round and why, or what the table is missing).
 */
import type { Draft } from "../engine/actions.ts";
import { describe, kindFor, kindOf, sectorOf, type AgreementType } from "../engine/agreements/index.ts";
import { countries, country as countryRef, list, ref, text, type Arg, type Text } from "../engine/text.ts";
import type { Agreement, Message } from "../engine/types.ts";
import { automatedSigns, madeOrder, waitsOn } from "../engine/world.ts";
import { dealIdsIn, dealIdsTyped } from "../engine/deal-ids.ts";
import type { Refusal } from "../engine/result.ts";
import { canSeeAgreement, type Viewer } from "../engine/views.ts";
import type { ProjectType, Sector } from "../engine/vocabulary.ts";
import type { BotContext } from "./context.ts";
import { country, draftParties, project } from "./model.ts";
import { isPersonality, profileFor } from "./personality.ts";
import { candidates } from "./proposals.ts";
import { CRISIS_NEAR, r1, tensionPeaks, type Valuation } from "./value.ts";
import { because, changeText, lengthText, said, thenText } from "./speech.ts";
import { addressees, askedInPlenary, declinedOffer, namesOf, plenaryRoute, questionsFor, questionsIn, type Hints, type Intent } from "./intents.ts";
import { exactMind, notesOf, type BotDecision, type Left, type BotOptions, type Mind, type Rng } from "./mind.ts";
import { asDraft, confirmed, valueOwn, worthOwn } from "./valuing.ts";
import { whatWouldItTakeOf } from "./counter.ts";
import { objectiveSectors, withOffers } from "./proposing.ts";
import { pledgeText, pledgesOn, signRefusal } from "./answers.ts";

const chat = (m: Mind, channel: string, said: Text, draft?: Draft): BotDecision | null =>
  m.ctx.legal.chatChannels.includes(channel) ? { action: { actor: m.actor, move: { type: "chat", channel, said, ...(draft ? { draft } : {}) } } } : null;

/**
 * The terms an answer invites the asker to propose ("We would sign this, for 2 rounds: … Propose
 * it"), by the text that says so: its line carries them, so the reader can put exactly those
 * terms in the deal builder. They say no more than the words do (`describe` of the same draft).
 */
const PROPOSABLE = new WeakMap<Text, Draft>();
const proposable = (said: Text, draft: Draft): Text => (PROPOSABLE.set(said, draft), said);

/** The terms a line invites its reader to propose: one draft, where its answers name exactly one. */
function termsIn(said: Text): Draft | undefined {
  const found = new Map<string, Draft>();
  const walk = (a: Arg) => {
    if (typeof a !== "object") return;
    if ("list" in a) return a.list.forEach(walk);
    if (!("key" in a)) return;
    const d = PROPOSABLE.get(a);
    if (d) found.set(JSON.stringify(d), d);
    for (const k in a.args) walk(a.args[k]!);
  };
  walk(said);
  return found.size === 1 ? [...found.values()][0] : undefined;
}

/** Answers the oldest question that waits on it, in the channel it was asked in (`rng`: the seat's stream, whose notes say which offers it left). */
export function answerQuestions(m: Mind, rng?: Rng): BotDecision | null {
  const { countries, messages, channels, round } = m.ctx.view;
  const names = m.options.names;
  const q = questionsFor(messages, channels, m.me, round - 1, countries, names, m.ctx.view.agreements)[0];
  if (!q) return null;
  // A plenary line that names no country and came to it as a party to a deal (intents.ts `plenaryRoute`): its questions on that deal.
  const route = q.channel === "plenary" && !askedInPlenary(q.text, countries, names).length ? plenaryRoute(q, m.me, m.ctx.view.agreements) : undefined;
  // A draft it tells a person of is one the engine's preview takes (valuing.ts `confirmed`).
  m.exact = true;
  // The countries a question names, by their names (not their ids: "IN" is also a word).
  const seats = countries.map((c) => ({ id: c.id, names: namesOf(countries, c.id, names).filter((n) => n !== c.id) }));
  const plenary = q.channel === "plenary" ? (sentence: string) => addressees(sentence, countries, names) : undefined;
  // Each question of the message answered in turn, in one line (the same answer once).
  const answers: Text[] = [];
  // Its own lines count as discussing the deals they name by terms, unless it has declined one of
  // the asker's deals this round: a chat line and a deal's step are not ordered within a round,
  // and "Why?" after a decline asks about the decline (the deal it had suggested, proposed and
  // turned down as put, say).
  const declined = m.ctx.view.agreements.some((a) => a.parties.includes(q.from.seat!) && a.steps.some((s) => s.round >= q.round && s.by === m.me && s.what === "declined"));
  // Tension or the crisis asked about (or a deal that adds to it named) while the crisis is near: the projection first, not the usage help.
  const crisis = crisisRemark(m);
  if (crisis && (CRISIS_WORDS.test(q.text) || crisisDeals(crisis).some((id) => new RegExp(`\\b${id}\\b`, "i").test(q.text)))) answers.push(crisis);
  const asked = questionsIn(q.text, seats, m.me, plenary);
  // Its own lines in this channel this round: a reason one of them gave is referred back to, not given again (`unrepeated`).
  const earlier = m.ctx.view.messages.flatMap((x) => (x.channel === q.channel && x.round === q.round && x.from.seat === m.me && !x.deleted && x.said ? [x.said] : []));
  const routed = route && asked.flatMap((i) => routedIntent(i, route));
  for (const intent of routed?.length ? routed : asked) {
    if (answers.length && intent.kind === "other") continue;
    const a = unrepeated(replyTo(m, q, intent, rng && notesOf(m, rng).left, topics(m, q, [...answers].reverse(), declined)), answers, earlier);
    // The same answer once; one that holds an earlier one whole ("…; instead, we would sign this")
    // takes its place, and one an earlier answer holds whole adds nothing.
    const json = JSON.stringify(a);
    if (answers.some((b) => JSON.stringify(b).includes(json))) continue;
    const held = answers.findIndex((b) => json.includes(JSON.stringify(b)));
    if (held >= 0) answers.splice(held, 1, a);
    else answers.push(a);
  }
  const [first, second, third] = answers;
  const said = asAnswered(m, q.channel, third ? text("bot.dm.three", { first: first!, second: second!, third }) : second ? text("bot.dm.two", { first: first!, second }) : first!);
  return chat(m, q.channel, said, termsIn(said));
}

/** The lines that say an answer is the one given just before (`asAnswered`), in turn. */
const SAME = ["bot.dm.same", "bot.dm.sameAgain"];

/**
 * `said`, or where its last line in `channel` said the same (a person asking "what do you want?"
 * and then "你们想要什么？"), with a word that the answer stands ("Our answer is the same as just
 * now."), so it does not read as a bot that did not hear the question: two such lines in turn
 * are worded differently, so no two answers running are the same words.
 */
function asAnswered(m: Mind, channel: string, said: Text): Text {
  const mine = m.ctx.view.messages.findLast((x) => x.channel === channel && x.from.seat === m.me && !x.deleted && x.said);
  if (!mine?.said) return said;
  const wrapped = SAME.includes(mine.said.key);
  // Its "你好！" greeting holds the usage help as its line too.
  const last = wrapped || mine.said.key === "bot.dm.hello" ? (mine.said.args!.line as Text) : mine.said;
  if (jsonOf(last) !== JSON.stringify(said)) return said;
  // A second line it cannot answer ("你喜欢吃饺子吗？" after the weather) is another question, not
  // the same one asked again: a short word that it answers deals, not "our answer is the same".
  if (said.key === "bot.dm.help" || said.key === "bot.dm.helpAny") return text("bot.dm.helpAgain");
  return text(wrapped && mine.said.key === SAME[0] ? SAME[1]! : SAME[0]!, { line: said });
}

/**
 * A question of a plenary line that names no country, as the party it came to answers it
 * (intents.ts `plenaryRoute`): on a deal it names, only those the party is for (another party
 * answers the rest); "why did you decline?", "why not?", "what would it take?" naming no deal, on
 * the asker's offer it declined (`declined`); anything else as asked.
 */
function routedIntent(i: Intent, route: { named: string[]; declined?: string }): Intent[] {
  if ("agreementId" in i && i.agreementId) return route.named.includes(i.agreementId) ? [i] : [];
  if (route.declined && (i.kind === "why" || (i.kind === "take" && !i.wants))) {
    const { declined: _, ...rest } = i as Intent & { declined?: true };
    return [{ ...rest, agreementId: route.declined } as Intent];
  }
  return [i];
}

/** Words that ask about tension or the crisis, in either language. */
const CRISIS_WORDS = /\b(tension|tensions|crisis|escalat\w*)\b|紧张|危机/i;
/** The deals a crisis remark names, by id. */
const crisisDeals = (t: Text): string[] => {
  const deals = t.args?.deals;
  return deals && typeof deals === "object" && "args" in deals ? dealIdsIn(JSON.stringify(deals)) : [];
};

/**
 * "Why did you decline A3? What would it take on A3?": the second answer's "as it stands, it
 * costs us …" left out where an earlier answer of the same reply gave those very numbers; where
 * one of its earlier lines in the channel this round gave them (`earlier`: "why?", then "what
 * would it take?" in a message of its own), referred back to ("As we said, A3 does not pay for us
 * as it stands, and no small change of it would."). The other
 * way round ("what would it take?", then "why?"), the reason it declined the deal,
 * already given in numbers, is referred back to as well ("As we said, A3 does not pay for us as
 * it stands: that is why we declined it."); "why?" asked twice running is `asAnswered`'s.
 */
function unrepeated(a: Text, before: Text[], earlier: Text[] = []): Text {
  const why = a.args?.why;
  const join = JOIN_SAID[a.key];
  const reason = WHY_SAID[a.key];
  if (!why || (a.key !== "bot.dm.takeNothingWhy" && !join && !reason)) return a;
  const now = before.some((b) => JSON.stringify(b).includes(JSON.stringify(why)));
  // A "why?" answer repeated whole ("why?" twice) is `asAnswered`'s, not a reason given by another answer.
  if (!now && !earlier.some((b) => holds(b, why) && !(reason && holds(b, a)))) return a;
  const { why: _, ...args } = a.args!;
  if (reason) return text(reason, { id: args.id! });
  // "Why did you decline A16? Will you join A16?": "No, we would not join A16", its reason said once.
  if (join) return text(join, args);
  return text(now ? "bot.dm.takeNothing" : "bot.dm.takeNothingAfter", { id: args.id! });
}

/** Why it declined a deal, as said after an answer that gave the same reason in numbers ("what would it take on A3?": `unrepeated`). */
const WHY_SAID: Partial<Record<string, string>> = { "bot.dm.why.declined": "bot.dm.why.declinedSaid" };

/** "Will you join?" answers, as said after an answer that gave the same reason (`unrepeated`). */
const JOIN_SAID: Partial<Record<string, string>> = { "bot.dm.joinNo": "bot.dm.joinNoSaid", "bot.dm.joinNoIf": "bot.dm.joinNoIfSaid", "bot.dm.joinNoChange": "bot.dm.joinNoChangeSaid" };

const ACTIVE = new Set(["proposed", "signed", "in-force"]);
/** Deals nobody can sign again: one a party broke, one that ran its course, a loan that defaulted. */
const OVER = new Set(["broken", "expired", "defaulted"]);
/** Deals no one signs, joins or changes any more: those over (`OVER`) and offers that lapsed unsigned at their round's end. */
const CLOSED = new Set([...OVER, "lapsed"]);

/** The reasons a bot gives on a deal that read as an answer of their own, the deal named once. */
const ANSWERED = new Set(["signed", "declined", "countered", "stands", "stayOut", "proposed", "withdrew"]);

/**
 * Why it did what it did on a deal: its reason as an answer ("We declined A3: …", "我方拒绝了
 * A3：…"), not the reason behind a heading ("On A3: declined: …", "关于 A3：已拒绝：…").
 */
function whyAnswer(id: string, reason: string | Text): Text {
  const verb = typeof reason === "string" ? undefined : /^bot\.why\.([\w-]+)$/.exec(reason.key)?.[1];
  if (verb && ANSWERED.has(verb) && typeof reason !== "string") return text(`bot.dm.why.${verb}`, { ...reason.args, id });
  return text("bot.dm.why", { id, reason });
}

/**
 * The latest offer with the asker it took itself out of (`left`, answers.ts), of the type and
 * sector asked, that it may tell of where the question was asked (`mayTell`): its id and memory.
 */
function leftOf(m: Mind, q: Message, left: Map<string, Left> | undefined, type?: string, sector?: string): [string, Left] | undefined {
  return [...(left ?? [])].reverse().find(([, l]) => l.parties.includes(q.from.seat!) && (!type || l.type === type) && (!sector || l.sector === sector) && mayTellLeft(m, q, l));
}

/**
 * The latest deal it declined or stepped out of (`left`) that the answer to `q` may speak of,
 * one the asker proposed or is party to before any other: its id and the reason it gave.
 */
function declinedLast(m: Mind, q: Message, left: Map<string, Left> | undefined): [string, string | Text] | undefined {
  const asker = q.from.seat!;
  const hits: { id: string; reason: string | Text; theirs: boolean; at: number }[] = [];
  for (const a of speakable(m, q)) {
    a.steps.forEach((s, i) => {
      if (s.by === m.me && s.reason && (s.what === "declined" || s.what === "stepped-out")) hits.push({ id: a.id, reason: s.reason, theirs: a.proposedBy === asker || a.parties.includes(asker), at: s.round * 1000 + i });
    });
  }
  for (const [id, l] of left ?? []) {
    if (!hits.some((h) => h.id === id) && mayTellLeft(m, q, l)) hits.push({ id, reason: l.reason, theirs: l.parties.includes(asker), at: (l.round ?? 0) * 1000 + 999 });
  }
  const best = hits.sort((a, b) => Number(b.theirs) - Number(a.theirs) || b.at - a.at)[0];
  return best && [best.id, best.reason];
}

/** Whether the answer to `q` may speak of an offer it left: as of an offer still proposed among the parties it left (`mayTell`), who saw its reason on it. */
const mayTellLeft = (m: Mind, q: Message, l: Left) => mayTell(m, q, { status: "proposed", parties: l.parties, signatures: [] });

/** Answers that name a deal with the asker by its terms, not by an id: positive, or why none pays. */
const OFFERED = new Set(["bot.dm.offer", "bot.dm.offerWith", "bot.dm.offerNotYours", "bot.dm.offerNotYoursBudget"]);
const NONE_PAYS = new Set(["bot.dm.offerNoneWhy", "bot.dm.offerNoneIf", "bot.dm.offerNoneWith", "bot.dm.offerNear"]);

/**
 * "Why?" on a deal an answer named by its terms (`answer`): that answer's reason again, its deal
 * referred back to ("Because that deal pays for us over 2 rounds: it brings us …"), not "Which deal?".
 */
function reasonIn(answer: Text, alone = true): Text {
  const { rounds, why, no } = answer.args!;
  // After another sentence ("We have turned down no …"), the deal said by what it is, not "Because…".
  const [yes, not] = alone ? ["bot.dm.whyYes", "bot.dm.whyNo"] : ["bot.dm.thatYes", "bot.dm.thatNo"];
  return OFFERED.has(answer.key) ? text(yes, { rounds: rounds!, why: why! }) : text(not, { rounds: rounds!, why: (no ?? why)! });
}

/** Words of an option's name too common to tell it from another (English words, not agreement types). */
const PLAIN_WORDS = new Set("the and for with set by of standards standard norms".split(" "));
const wordsOf = (x: string) => new Set(x.toLowerCase().match(/[\p{L}\p{N}]+/gu)?.filter((w) => w.length >= 3 && !PLAIN_WORDS.has(w) && !HAN.test(w)) ?? []);
const HAN = /\p{Script=Han}/u;
/**
 * The phrases of a name in Chinese, written without spaces: its runs of Han characters, cut at
 * 的, without a leading 以, 由 or 经 nor a closing 规范 or 标准 (norms, standards: `PLAIN_WORDS`),
 * two characters or more ("以权利为本的人工智能规范": 权利为本, 人工智能). A question names one by
 * writing it ("国家主导的…", "一体化 6G").
 */
const phrasesOf = (x: string) =>
  new Set(x.match(/\p{Script=Han}+/gu)?.flatMap((run) => run.split("的")).map((p) => p.replace(/^[以由经](?=\p{Script=Han}{2})/u, "").replace(/(?:规范|标准)$/u, "")).filter((p) => p.length >= 2) ?? []);

/**
 * The option of one of the scenario's standards races a question names by a word only its name
 * has among that race's ("open 6G": "Open, interoperable 6G (open RAN)", not "Single-vendor
 * integrated 6G"), or by a phrase only its name has in the scenario's translations ("一体化 6G":
 * "单一供应商的一体化 6G", `BotOptions.standards`), where exactly one option is so named, in a
 * question about standards or the race's sector.
 */
function optionAsked(m: Mind, words: string, h: Ask): Hints["option"] {
  const asked = wordsOf(words);
  const translated = m.options.standards ?? {};
  // Only where the question is about standards, or the race's sector ("…open RAN?": telecom), so "are you open to…?" names no option.
  const races = m.ctx.view.scenario.standards.filter((race) => h.type === "standards" || (!h.type && h.sector === race.sector));
  const hits = races.flatMap((race) => {
    const namesOf = (o: (typeof race.options)[number]) => [o.name, ...(translated[race.id]?.options[o.id] ?? [])];
    return race.options.filter((o) => {
      const others = [race.name, ...(translated[race.id]?.names ?? []), ...race.options.filter((x) => x.id !== o.id).flatMap(namesOf)];
      const otherWords = new Set(others.flatMap((x) => [...wordsOf(x)]));
      const own = namesOf(o);
      const word = own.some((n) => [...wordsOf(n)].some((w) => !otherWords.has(w) && asked.has(w)));
      return word || own.some((n) => [...phrasesOf(n)].some((p) => !others.some((x) => x.includes(p)) && words.includes(p)));
    }).map((o) => ({ technology: race.id, option: o.id }));
  });
  return hits.length === 1 ? hits[0] : undefined;
}

/** The reply to one question, from the valuation (`found`: the deals discussed before it, the latest first, `topics`). */
function replyTo(m: Mind, q: Message, asked: Intent, left?: Map<string, Left>, found: Topic[] = []): Text {
  const asker = q.from.seat!;
  // A coalition asked for by its option's name ("a standards coalition for open 6G"): one backing it.
  const intent: Intent = (() => {
    if (asked.kind === "why" || asked.kind === "trust" || asked.kind === "courtesy" || asked.kind === "other") return asked;
    const option = optionAsked(m, q.text, asked);
    return option ? { ...asked, type: "standards", option } : asked;
  })();
  const named = "agreementId" in intent && intent.agreementId ? speakable(m, q).find((a) => a.id === intent.agreementId) : undefined;
  if ("agreementId" in intent && intent.agreementId && !named) {
    // An offer it took itself out of: it no longer sees it, but remembers why it left, and tells
    // the offer's parties, who saw that reason on it, where only they read the answer (or where
    // the asker chose to ask, if the offer was the asker's and its alone).
    const out = intent.kind === "why" ? left?.get(intent.agreementId) : undefined;
    if (out && mayTellLeft(m, q, out)) return whyAnswer(intent.agreementId, out.reason);
    return elsewhere(m, q, intent.agreementId, left?.get(intent.agreementId)) ?? text("bot.dm.unknown", { id: intent.agreementId });
  }
  // "Would you sell us minerals at 0.9?" where such a deal between the two is on the table: that deal, not a fresh one (`onTable`).
  const table = !named && (intent.kind === "propose" || intent.kind === "take" || intent.kind === "join") ? onTable(m, q, intent) : undefined;
  if (table) return table;
  // A deal that is over is not one to sign, join or change: it says so, then answers about the deals still to make.
  const over = (a: Agreement | undefined) => (a && CLOSED.has(a.status) && intent.kind !== "other" && intent.kind !== "trust" && intent.kind !== "courtesy" ? closedText(m, a, asker, again(m, a, asker) ?? offerTo(m, q, intent)) : null);
  switch (intent.kind) {
    case "why": {
      // The deal named; or, of the type or sector asked about, the latest it declined (or gave a
      // reason on) with the asker, else the last one discussed of that kind; or the deal last
      // discussed in this channel (one of its answers named by its terms too); or the latest one
      // with the asker on which this bot said something.
      const { type, sector } = intent;
      // "Why did you decline?", no deal named: the latest deal it declined or stepped out of, never
      // one it proposed or signed; none, and it says so (after a deal by its terms it said no to,
      // that answer's reason; where the deal it would speak of is over, that it is, below).
      if (intent.declined && !named && !type && !sector) {
        const out = declinedLast(m, q, left);
        if (out) return whyAnswer(out[0], out[1]);
        const no = found.find((t) => "said" in t && NONE_PAYS.has(t.said.key));
        if (no && "said" in no) return reasonIn(no.said);
        const a = whyDeal(m, q, found);
        if (!a || !OVER.has(a.status)) return text("bot.dm.whyNoDecline");
      }
      const fits = (t: Topic) => (!type || topicType(t) === type) && (!sector || ("said" in t ? t.sector : sectorOf(t.deal.terms)) === sector);
      const last = named ? undefined : found.find((t) => fits(t) && ("said" in t || spoke(m, t.deal)));
      const said = last && "said" in last ? last.said : null;
      if (said && !type && !sector) return reasonIn(said);
      const a = named ?? whyDeal(m, q, found, type, sector);
      // An offer of the asker's of that kind it took itself out of (it no longer sees it): that it stayed out, and why, as the deal's step says.
      const gone = a ? undefined : leftOf(m, q, left, type, sector);
      if (gone) return whyAnswer(gone[0], gone[1].reason);
      // "为什么拒绝我们的贷款？" with no loan of theirs: said so, then the loan discussed (or the one it would sign), not another deal's reason.
      if (!a && (type || sector)) return text("bot.dm.whyNoneOf", { what: kindText({ type, sector })!, then: said ? reasonIn(said, false) : offerTo(m, q, { ...(type ? { type } : {}), ...(sector ? { sector } : {}) }) });
      if (!a) return text("bot.dm.whyWhich");
      const step = [...a.steps].reverse().find((s) => s.by === m.me && s.reason);
      const answer = step ? whyAnswer(a.id, step.reason!) : text("bot.dm.whyNone", { id: a.id });
      // A deal that is over is said to be over ("A8 is over: China withdrew from it…"), then why.
      return OVER.has(a.status) ? overText(m, a, asker, answer) : answer;
    }
    case "join": {
      const ended = over(named);
      if (ended) return ended;
      // A deal every party signed takes no new party (docs/RULES.md §3): the fresh deal of its kind with its parties and this bot;
      // one it is in is not one it joins ("We are already in A5…"), and a condition on who else joins gets the fresh deal with them.
      const all = named && signedByAll(m, named, named.id, () => offerTo(m, q, freshOf(named, intent)), !!(intent.ifJoined || intent.partners));
      if (all) return all;
      if (named && signedOffer(m, named)) return signedText(named, named.id);
      if (named) {
        const draft = { ...asDraft(named), parties: named.parties.includes(m.me) ? named.parties : [...named.parties, m.me] };
        if (!draftParties(draft).includes(m.me)) return text("bot.dm.notParty", { id: named.id });
        const v = confirmed(m, draft);
        if (!v) return text("bot.dm.cannot", { id: named.id });
        // Worth it, but its signature on another open offer that could not take force with this one stands (answers.ts `pledgesOn`): it keeps its word, and says so.
        if (v.value >= m.profile.threshold && !pledgesOn(m, { id: named.id, terms: draft.terms, parties: draftParties(draft) }).outs) return text("bot.dm.joinKept", { id: named.id, why: pledgeText("bot.why.pledge.kept", named.type) });
        const refused = v.value >= m.profile.threshold && cannotSign(m, named, v);
        if (refused) return refused;
        if (v.value >= m.profile.threshold) return text("bot.dm.joinYes", { id: named.id, why: proposedWhy(m, named) ?? because(v) });
        const more = takeOn(m, draft, asker, v);
        if (more && !more.with) return text("bot.dm.joinNoChange", { id: named.id, why: because(v, true), change: changeText(draft, more.draft), yes: because(more.value) });
        return more?.with ? text("bot.dm.joinNoIf", { id: named.id, why: because(v, true), countries: countries(more.with), yes: because(more.value) }) : text("bot.dm.joinNo", { id: named.id, why: because(v, true) });
      }
      return noneOfKind(m, q, offerTo(m, q, intent));
    }
    case "take": {
      const ended = over(named);
      if (ended) return ended;
      const all = named && signedByAll(m, named, named.id, () => orInstead(m, q, offerTo(m, q, freshOf(named, intent))), !!(intent.terms || intent.partners));
      if (all) return all;
      // Terms the asker put a number on ("on A2 at 0.8"): those terms valued, as a what-if.
      if (named && intent.terms) return whatIf(m, named, asker, intent);
      if (named) {
        const draft = asDraft(named);
        if (!draftParties(draft).includes(m.me)) return text("bot.dm.notParty", { id: named.id });
        const v = confirmed(m, draft);
        const w = takeOn(m, draft, asker, v);
        // One more member makes it pay: said as "will you join?" says it, the button's answer too.
        if (w?.with && v) return text("bot.dm.joinNoIf", { id: named.id, why: because(v, true), countries: countries(w.with), yes: because(w.value) });
        if (!w) {
          // It would sign the deal, but the asker could not propose it (nor any small change of it): said so, not that it does not pay.
          const refusal = v && v.value >= m.profile.threshold ? m.ctx.checkProposal(draft, asker) : null;
          if (refusal) return notYours({ draft, value: v! }, refusal);
          // No change of it pays: why, from the deal as it stands, as the button says it (`askBotOn`); never another deal.
          return v ? text("bot.dm.takeNothingWhy", { id: named.id, why: because(v, true) }) : text("bot.dm.takeNothing", { id: named.id });
        }
        if (JSON.stringify(w.draft) === JSON.stringify(draft)) return cannotSign(m, named, w.value) || text("bot.dm.takeAsIs", { id: named.id, why: proposedWhy(m, named) ?? because(w.value) });
        return text("bot.dm.take", { id: named.id, change: changeText(draft, w.draft), why: because(w.value) });
      }
      // A follow-up that names nothing ("What would it take?" after "Why did you decline A11?"):
      // about the deal last discussed in this channel (docs/RULES.md, "Follow-ups"), not another.
      const last = Object.keys(intent).length === 1 ? found[0] : undefined;
      const onSaid = last && "said" in last && last.draft ? takeOnSaid(m, asker, last.draft) : undefined;
      if (onSaid) return onSaid;
      if (last && "said" in last) return orInstead(m, q, saidAgain(m, q, offerTo(m, q, saidAsk(last, intent))));
      if (last) return replyTo(m, q, { ...intent, agreementId: last.deal.id }, left, found);
      // Nothing discussed yet, and it has just declined an offer of the asker's ("What would it
      // take for you to sign it?" after the decline): about that offer, as "why?" is, and as the
      // plenary's question on it is (`routedIntent`), not a fresh deal of another kind.
      // So too a question that names only that offer's kind ("…for our chip export-control offer?").
      const refused = Object.keys(intent).every((k) => k === "kind" || k === "type" || k === "sector") ? declinedOffer(m.ctx.view.agreements, q, m.me, intent, (a) => mayTell(m, q, a)) : undefined;
      if (refused) return replyTo(m, q, { ...intent, agreementId: refused.id }, left, found);
      return noneOfKind(m, q, offerTo(m, q, intent));
    }
    case "if": {
      const t = named ? { deal: named } : lastDiscussed(m, q, found, intent.type);
      // A deal one of its answers named by its terms: that kind of deal, as changed.
      if (t && "said" in t) {
        const h = withFigure(t.type, Object.keys(t.terms ?? {}), intent, t.described);
        return "key" in h ? h : offerTo(m, q, saidAsk(t, h));
      }
      const a = t?.deal;
      // "…if Japan does?": a condition on who else is in. On a deal no longer open (declined,
      // lapsed, over) it says so, and answers about a fresh one with the asker and them.
      // (The bot asked may be the one named: "如果日本也加入呢？" to Japan.)
      if (a && intent.ifJoined && !ACTIVE.has(a.status)) {
        const fresh = { ...intent, type: intent.type ?? a.type, ...(intent.sector || !sectorOf(a.terms) ? {} : { sector: sectorOf(a.terms) as Sector }) };
        return closedText(m, a, asker, offerTo(m, q, fresh));
      }
      // A deal every party signed is changed by no one, and joined by no one: the fresh deal of its kind, as asked.
      const all = a && signedByAll(m, a, labelOf(t!), () => offerTo(m, q, freshOf(a, intent)));
      if (all) return all;
      // A bare number and no deal to put it on ("would you accept 0.3 instead?" before any): which deal, not another deal's terms.
      if (!a && intent.figure !== undefined && !intent.type && !intent.sector) return text("bot.dm.figureNoDeal", { num: intent.figure });
      return over(a) ?? (a ? whatIf(m, a, asker, intent, labelOf(t!)) : offerTo(m, q, intent));
    }
    case "propose":
      return noneOfKind(m, q, offerTo(m, q, intent));
    case "pay":
      return payReply(m, q, intent, named, found);
    case "trust": {
      // What moves trust, from the scenario's rules (docs/RULES.md): a deal kept to its end raises it; leaving one early, a loan's default and a fallen government lower it.
      const r = m.ctx.rules;
      return text("bot.dm.trust", { kept: r.trust.kept, withdraw: r.trust.withdraw, default: r.loans.defaultTrust, fall: r.support.fallTrust });
    }
    // "Thanks", "ok", "bye": a courteous word back, not the usage help. A thanks right after its own
    // "you're welcome" gets the other wording, so no two lines running are the same words (as `asAnswered`
    // does for answers), and a thanks never gets "our answer is the same as just now".
    case "courtesy": {
      if (!intent.thanks) return text("bot.dm.courtesy");
      const mine = m.ctx.view.messages.findLast((x) => x.channel === q.channel && x.from.seat === m.me && !x.deleted && x.said);
      return text(mine?.said?.key === "bot.dm.thanks" ? "bot.dm.thanksAgain" : "bot.dm.thanks");
    }
    // "你好！": greeted back before the note of what it answers, not met with the note alone.
    case "other":
      return intent.greeting ? text("bot.dm.hello", { line: helpText(m, q) }) : helpText(m, q);
  }
}

/**
 * The usage help, its example questions on a real deal the asker may read of: the latest one the
 * asker and this bot are both in (an offer of the asker's to it, say), else one with no deal id at
 * all, never an id of no deal.
 */
function helpText(m: Mind, q: Message): Text {
  const asker = q.from.seat!;
  const deal = speakable(m, q).reverse().find((a) => a.parties.includes(asker) && a.parties.includes(m.me));
  return deal ? text("bot.dm.help", { id: deal.id }) : text("bot.dm.helpAny");
}

/**
 * "What would it take?", "what would you want for it?" after an answer that named a deal by its
 * terms for the asker to propose (`draft`, that answer's): on that very deal, as on a deal by its
 * id, the smallest change of it this bot would sign (nothing, where it would sign it as it
 * stands), to propose; undefined where none pays, for the answer about deals of its kind.
 */
function takeOnSaid(m: Mind, asker: string, draft: Draft): Text | undefined {
  const w = whatWouldItTakeOf(m, draft, confirmed(m, draft), asker);
  if (!w || m.ctx.checkProposal(w.draft, asker)) return undefined;
  if (JSON.stringify(w.draft) === JSON.stringify(draft)) return proposable(text("bot.dm.takeSaidAsIs", { why: because(w.value) }), draft);
  return proposable(text("bot.dm.takeSaid", { change: changeText(draft, w.draft), why: because(w.value) }), w.draft);
}

/**
 * A question about a fresh deal of a kind (type or sector, a direction of trade, partners) the
 * asker and this bot already have on the table: that deal, by its id, with the verdict on the
 * terms asked (`whatIf`: as it stands; yes with the asker's numbers; or the smallest change it
 * would accept), as docs/RULES.md promises a priced question. Not a fresh draft, which `between`
 * leaves out as repeating it, nor "we see no such deal". One in force is said to be.
 */
function onTable(m: Mind, q: Message, h: Ask): Text | undefined {
  if (!h.type && !h.sector) return undefined;
  const asker = q.from.seat!;
  const fits = (a: Agreement) => {
    const t = a.terms as Record<string, unknown>;
    if (h.type && a.type !== h.type) return false;
    if (h.sector && sectorOf(a.terms) !== h.sector) return false;
    if (h.project && t.project !== h.project) return false;
    if (h.supplier && a.terms.type === "supply") {
      const [seller, buyer] = h.supplier === "asker" ? [asker, m.me] : [m.me, asker];
      if (!a.terms.suppliers.includes(seller) || !a.terms.buyers.includes(buyer)) return false;
    } else if (h.supplier) return false;
    return (h.partners ?? []).every((p) => a.parties.includes(p));
  };
  const a = speakable(m, q).reverse().find((x) => ACTIVE.has(x.status) && x.parties.includes(asker) && x.parties.includes(m.me) && fits(x));
  if (!a) return undefined;
  if (a.status === "in-force") return text("bot.dm.inForce", { id: a.id });
  // Signed by all: no longer open to other terms (only an offer is amended).
  if (a.status === "signed") return text("bot.dm.signed", { id: a.id });
  const then = whatIf(m, a, asker, h);
  if (then.key === "bot.dm.already.proposed") return then;
  return then.key === "bot.dm.takeAsIs" ? text("bot.dm.onTableAsIs", { id: a.id, why: then.args!.why! }) : text("bot.dm.onTable", { id: a.id, then });
}

/**
 * That a deal is over, from its record: who withdrew from it and when (the asker: "you withdrew
 * from it in round 2"), or its end (expired, defaulted); then `then`, the answer about the deals
 * still to make.
 */
function overText(m: Mind, a: Agreement, asker: string, then: Text): Text {
  const left = [...a.steps].reverse().find((s) => s.what === "withdrawn" && s.by === a.brokenBy);
  if (a.status === "broken" && a.brokenBy && left) {
    if (a.brokenBy === asker) return text("bot.dm.over.you", { id: a.id, round: left.round, then });
    if (a.brokenBy === m.me) return text("bot.dm.over.we", { id: a.id, round: left.round, then });
    return text("bot.dm.over.broken", { id: a.id, country: countryRef(a.brokenBy), round: left.round, then });
  }
  return a.status === "defaulted" ? text("bot.dm.over.defaulted", { id: a.id, then }) : text("bot.dm.over.ended", { id: a.id, then });
}

/** That a deal is no longer open (`overText`, or declined: who declined it and when; or lapsed unsigned), then `then`. */
function closedText(m: Mind, a: Agreement, asker: string, then: Text): Text {
  if (a.status !== "declined" && a.status !== "lapsed") return overText(m, a, asker, then);
  const step = [...a.steps].reverse().find((s) => s.what === a.status);
  if (a.status === "lapsed" || !step?.by) return text("bot.dm.closed.lapsed", { id: a.id, then });
  if (step.by === m.me) return text("bot.dm.closed.we", { id: a.id, round: step.round, then });
  if (step.by === asker) return text("bot.dm.closed.you", { id: a.id, round: step.round, then });
  return text("bot.dm.closed.declined", { id: a.id, country: countryRef(step.by), round: step.round, then });
}

/**
 * A deal of listed parties (a regime, a coalition) that every party signed, this bot not among
 * them: no party joins it now, as only an offer is amended (docs/RULES.md §3, "Life of a deal").
 * A supply deal or loan names its parties by its terms, which leave no place for it either way.
 */
const sealed = (m: Mind, a: Agreement) => (a.status === "signed" || a.status === "in-force") && !a.parties.includes(m.me) && !kindFor(a.terms).parties(a.terms, []).length;

/**
 * A deal this bot is in that every party signed: no country joins it now and its terms do not
 * change, as only an offer is amended (docs/RULES.md §3, "Life of a deal").
 */
const ours = (m: Mind, a: Agreement) => (a.status === "signed" || a.status === "in-force") && a.parties.includes(m.me);

/** That it is already in `a` (`ours`), signed or in force, and no country can join it or change it now; then `then`, the fresh deal asked about, if any. */
const alreadyIn = (a: Agreement, id: Arg, then?: Text): Text => text(a.status === "in-force" ? "bot.dm.already.inForce" : "bot.dm.already.signed", { id, ...(then ? { then } : {}) });

/**
 * The answer on a deal every party signed, whatever was asked of it (to join it, what it would
 * take, a what-if, money): no country joins it and its terms do not change now (docs/RULES.md §3,
 * "Life of a deal"). Not this bot's (`sealed`): said so, then `fresh()`, the answer about the fresh
 * deal of its kind asked instead (`freshOf`); its own (`ours`): that it is already in it, then
 * `fresh()` where the question asks for more (`more`: other terms, other countries). Undefined for
 * a deal still open. The one home of that answer (`id`: how the answer names the deal, `labelOf`).
 */
function signedByAll(m: Mind, a: Agreement, id: Arg, fresh: () => Text, more = true): Text | undefined {
  if (sealed(m, a)) return text("bot.dm.sealed", { id, then: fresh() });
  if (ours(m, a)) return alreadyIn(a, id, more ? fresh() : undefined);
  return undefined;
}

/**
 * An offer waiting on this bot that pays for it (`v`) but whose signature the engine would not
 * take now (answers.ts `signRefusal`, the check its signing makes): that it pays, and why it
 * cannot sign it, not "yes"; null when it can sign it, or the offer does not wait on it.
 */
function cannotSign(m: Mind, a: Agreement, v: Valuation, id: Arg = a.id): Text | null {
  const refusal = waitsOn(a, m.me) ? signRefusal(m, a) : null;
  return refusal && text("bot.dm.cannotSign", { id, why: because(v), rule: refusal.text });
}

/** An offer still open that this bot has signed, another's (its own it would sign as it stands, as it proposed it): asked to join or sign it as it stands, it says it has. */
const signedOffer = (m: Mind, a: Agreement) => a.status === "proposed" && a.proposedBy !== m.me && a.signatures.includes(m.me);
/** "We have signed A6 already: it takes force once Japan signs it." */
const signedText = (a: Agreement, id: Arg): Text => text("bot.dm.already.proposed", { id, countries: countries(a.parties.filter((p) => !a.signatures.includes(p))) });

/** The fresh deal of the kind of `a` (its type, sector and tier, as the question does not change them) with its parties and those the question names, to ask about instead of `a`. */
function freshOf(a: Agreement, h: Hints): Ask {
  const { kind: _, agreementId: __, ...asked } = h as Hints & { kind?: string; agreementId?: string };
  const sector = sectorOf(a.terms) as Sector | undefined;
  const tier = "tier" in a.terms ? a.terms.tier : undefined;
  return { ...asked, type: a.type, ...(asked.sector || !sector ? {} : { sector }), ...(asked.tier || !tier ? {} : { tier }), partners: [...new Set([...a.parties, ...(asked.partners ?? [])])] };
}

/**
 * "What would it take?" after its answer that named a deal by its terms that does not pay
 * (`then`, that deal found again with the same reason): where one of its lines in the channel this
 * round already gave that reason (the answer, or "Why?" after it), referred back to ("As we said,
 * no small change makes this deal pay for us: Critical minerals from China to …"): the deal named
 * again, its parties and all, for what follows to be about it, but not its numbers a second or
 * third time.
 */
function saidAgain(m: Mind, q: Message, then: Text): Text {
  const { deal, why } = then.args ?? {};
  if (then.key !== "bot.dm.offerNoneWhy" || !deal || !why) return then;
  const told = m.ctx.view.messages.some((x) => x.channel === q.channel && x.round === q.round && x.from.seat === m.me && !x.deleted && !!x.said && holds(x.said, why));
  return told ? text("bot.dm.takeSaidNothing", { deal, rounds: then.args!.rounds! }) : then;
}

/**
 * A question on a kind of deal, or "what would it take?" on one, answered that none of the kind
 * pays and no one more member would help (`then`): with the deal with the asker it would sign
 * instead, if any, as the country card's button gives it (`dealWith`), so the answer says plainly
 * that the kind asked does not pay, and which would, and leaves the asker something to propose;
 * or, where none is left to propose, its own offer that waits on the asker's answer.
 */
function orInstead(m: Mind, q: Message, then: Text): Text {
  if (then.key !== "bot.dm.offerNoneWhy" && then.key !== "bot.dm.offerNoneType" && then.key !== "bot.dm.offerNoneRule" && then.key !== "bot.dm.takeSaidNothing") return then;
  const yes = dealsWith(m, q.from.seat!, {}).yes;
  if (!yes) {
    // Its best deal with the asker may be one it has offered already (the search leaves out deals on the table): that offer, waiting on the asker.
    const waiting = speakable(m, q).reverse().find((a) => a.proposedBy === m.me && waitsOn(a, q.from.seat!));
    return waiting ? text("bot.dm.two", { first: then, second: text("bot.dm.offerWaits", { deal: text("bot.dm.idKind", { id: waiting.id, type: ref("type", waiting.type, true) }) }) }) : then;
  }
  return text("bot.dm.two", { first: then, second: proposable(text("bot.dm.instead", { deal: describe(yes.draft), rounds: lengthText(yes.draft.duration), yes: because(yes.value, false, true) }), yes.draft) });
}

/**
 * "We see no standards coalition with you that would pay for us.", the answer to a question on a
 * kind of deal where it found none of that kind to value: then the deal of another kind it would
 * sign (`orInstead`), so the answer says plainly that the kind asked does not pay, and which
 * would. An answer that names a deal of the kind asked, with its numbers, stays on that kind: a
 * follow-up ("what if it is broad?") is about it.
 */
const noneOfKind = (m: Mind, q: Message, then: Text): Text => (then.key === "bot.dm.offerNoneType" ? orInstead(m, q, then) : then);

/**
 * The deals this bot may speak of in answer to `q`: those everyone who reads the answer may see,
 * and the asker's own offers with it alone, wherever the asker chose to ask about them (the
 * plenary too: "Japan, why did you decline A3?"). It sees its own private offers, but a question
 * naming one from someone not party to it, or one with a third country asked where others read
 * the answer, gets the answer a deal that does not exist gets.
 */
function speakable(m: Mind, q: Message): Agreement[] {
  return m.ctx.view.agreements.filter((a) => mayTell(m, q, a));
}

/** Whether the answer to `q` may speak of deal `a`: the asker's own with this bot alone, or one everyone reading the answer may see. */
function mayTell(m: Mind, q: Message, a: Pick<Agreement, "status" | "parties" | "signatures">): boolean {
  const asker = q.from.seat!;
  if (a.parties.includes(asker) && a.parties.every((p) => p === asker || p === m.me)) return true;
  return readers(m, q).every((v) => canSeeAgreement(v, a));
}

/**
 * A deal it sees and the asker may see too (or an offer of the asker's it took itself out of,
 * `left`), asked about where some reader may not see it ("Japan, what would it take to sign A8?"
 * in the plenary): not "we see no deal A8", which is false, but that it answers where only those
 * who may see it read (a private channel of the two, if the rules let them open one). Its parties
 * and terms stay out of the line. A deal the asker may not see gets the answer a deal that does
 * not exist gets, so nobody learns of one by guessing its id.
 */
function elsewhere(m: Mind, q: Message, id: string, left?: Left): Text | undefined {
  const asker = q.from.seat!;
  const a = m.ctx.view.agreements.find((x) => x.id === id);
  const known = a ? canSeeAgreement({ kind: "seat", seat: asker, roles: [] }, a) : !!left?.parties.includes(asker);
  if (!known) return undefined;
  // Asked where only the asker and this bot read (their own private channel), privacy is not what
  // keeps it from speaking: it no longer sees the deal, having taken itself out of it. It says
  // that, and why, not "open a private channel".
  if (readers(m, q).every((v) => v.kind === "seat" && (v.seat === asker || v.seat === m.me))) return left ? whyAnswer(id, left.reason) : undefined;
  return text(m.ctx.legal.openChannelWith.includes(asker) ? "bot.dm.private" : "bot.dm.privateClosed", { id });
}

/** Who reads the plenary: everyone, observers too. */
const EVERYONE: Viewer = { kind: "observer" };

/** Who reads the answer to `q`: the plenary's everyone; another channel's members. */
function readers(m: Mind, q: Message): Viewer[] {
  const c = m.ctx.view.channels.find((x) => x.id === q.channel);
  if (!c || c.kind === "plenary") return [EVERYONE];
  return [...new Set([...c.members, q.from.seat!])].map((seat) => ({ kind: "seat", seat, roles: [] }));
}

/**
 * A deal discussed in a channel: one by its id (`unmentioned`: found as the latest with the
 * asker, never named in the channel, so the answer says what it is), or one an answer of this
 * bot named by its terms (`said`, that answer; its type, sector, project and description, to
 * find it again).
 */
type Topic = { deal: Agreement; unmentioned?: true } | ({ said: Text; type: string; deal?: undefined; described: Arg; draft?: Draft } & Pick<Hints, "sector" | "project" | "tier" | "terms" | "partners">);

/** A deal an answer named by its terms. */
type SaidTopic = Extract<Topic, { said: Text }>;

const topicType = (t: Topic): string => ("said" in t ? t.type : t.deal.type);
/** How an answer names a deal: its id; one never named in the channel with what it is ("A8 (investment screening pact)"). */
const labelOf = (t: Topic): Arg => ("said" in t || !t.unmentioned ? t.deal!.id : text("bot.dm.idKind", { id: t.deal.id, type: ref("type", t.deal.type, true) }));
/** Whether this bot gave a reason on deal `a`. */
const spoke = (m: Mind, a: Agreement) => a.steps.some((s) => s.by === m.me && s.reason);

/**
 * The deals discussed before question `q`, the latest first: in its answers before it in the same
 * reply (`answers`, the latest first), then in the channel's lines up to `q`, the asker's and its
 * own: the ids a person wrote ("A21"), and the deals its own answers named, by id or by their
 * terms (`topicsIn`; by id only where `declined`, see answerQuestions), with its terms where the line
 * invited the asker to propose that very deal (`termsIn`, a message's `draft`). A line that names none
 * (a note of what it answers, "Which deal?") is passed over, not the end of the conversation.
 * Derived from the messages, so the same channel gives the same answer (no state kept between moves).
 */
function topics(m: Mind, q: Message, answers: Text[], declined: boolean): Topic[] {
  const view = m.ctx.view;
  const out: Topic[] = [];
  const who = new Set([q.from.seat, m.me]);
  const deals = speakable(m, q);
  const byId = (id: string) => {
    const a = deals.find((y) => y.id === id);
    if (a && !out.some((t) => t.deal === a)) out.push({ deal: a });
  };
  const said = (t: Text, terms: boolean, draft?: Draft) => {
    for (const x of topicsIn(t).reverse()) {
      if (typeof x === "string") byId(x);
      else if (terms) out.push(draft && JSON.stringify(describe(draft)) === JSON.stringify(x.described) ? { ...x, draft } : x);
    }
  };
  for (const t of answers) said(t, true, termsIn(t));
  for (let i = view.messages.length - 1; i >= 0; i--) {
    const x = view.messages[i]!;
    if (x.id > q.id || x.channel !== q.channel || x.deleted || !who.has(x.from.seat)) continue;
    if (x.said) said(x.said, x.from.seat === m.me && !declined, x.draft);
    else for (const id of dealIdsTyped(x.text)) byId(id);
  }
  return out;
}

/** The deals answer `t` names, in the order it names them: ids, and deals by their terms (an offer it would sign, or the nearest that does not pay: `OFFERED`, `NONE_PAYS`). */
function topicsIn(t: Text): (string | SaidTopic)[] {
  const out: (string | SaidTopic)[] = [];
  const walk = (x: unknown) => {
    if (!x || typeof x !== "object") return;
    const u = x as Text;
    // The usage help names a deal only as an example of a question to ask (`helpText`): not one discussed.
    if (u.key === "bot.dm.help") return;
    if (typeof u.key === "string" && (OFFERED.has(u.key) || NONE_PAYS.has(u.key))) {
      const found = dealIn(u);
      if (found) out.push({ said: u, ...found });
      return;
    }
    if (typeof u.args?.id === "string") out.push(u.args.id);
    for (const v of Object.values(u.args ?? {})) walk(v);
  };
  walk(t);
  return out;
}

/**
 * The deal a follow-up without an id is about: the last discussed in this channel (of `type`,
 * if named, `topics`), else the latest (of `type`) between the asker and this bot — "如果日本也加入呢？" in
 * the plenary, where nothing was discussed, is about their deal, not about any deal at all.
 */
function lastDiscussed(m: Mind, q: Message, found: Topic[], type?: string): Topic | undefined {
  const asker = q.from.seat!;
  const inChannel = found.find((t) => !type || topicType(t) === type);
  if (inChannel) return inChannel;
  const a = speakable(m, q).reverse().find((a) => (!type || a.type === type) && a.parties.includes(asker) && (a.parties.includes(m.me) || a.steps.some((s) => s.by === m.me)));
  return a && { deal: a, unmentioned: true };
}

/** A what-if or an offer of money on a deal an answer named by its terms (`t`): that deal (its type, sector, project, tier and numbers, where the question names no others; its parties, and any the question adds), as asked. */
function saidAsk(t: Extract<Topic, { said: Text }>, h: Hints): Ask {
  const { said: _, deal: __, described: ___, ...was } = t;
  const terms = t.terms || h.terms ? { terms: { ...t.terms, ...h.terms } } : {};
  const partners = t.partners || h.partners ? { partners: [...new Set([...(t.partners ?? []), ...(h.partners ?? [])])] } : {};
  return { ...was, ...h, ...terms, ...partners };
}

/** "Why?" without an id: the deal of the type or sector asked, the latest this bot declined with the asker first (none, if none is of that kind); else the channel's last it spoke on; else the latest it spoke on with the asker. */
function whyDeal(m: Mind, q: Message, found: Topic[], type?: string, sector?: string): Agreement | undefined {
  const asker = q.from.seat!;
  const withAsker = speakable(m, q).filter((a) => (a.parties.includes(asker) || a.proposedBy === asker) && spoke(m, a));
  if (type || sector) {
    const lastStep = (a: Agreement, what?: string) => Math.max(-1, ...a.steps.map((s, i) => (s.by === m.me && (!what || s.what === what) ? s.round * 1000 + i : -1)));
    const fits = withAsker.filter((a) => (!type || a.type === type) && (!sector || sectorOf(a.terms) === sector));
    const made = madeOrder(m.ctx.view.agreements);
    const ranked = fits.sort((a, b) => lastStep(b, "declined") - lastStep(a, "declined") || lastStep(b) - lastStep(a) || made(b.id) - made(a.id));
    return ranked[0];
  }
  return found.find((t) => t.deal && spoke(m, t.deal))?.deal ?? [...withAsker].reverse().find((a) => a.parties.includes(asker));
}

/** The terms a bare number may set (`Hints.figure`), those with a word of their own (`NamedTerms`). */
const FIGURE_TERMS = ["price", "volume", "amount", "interest", "contribution"] as const;

/**
 * The terms of a deal of `type` among `has` (the terms it carries) a bare number ("would you
 * accept 0.3 instead?") could be: those the engine's terms schema would take at that number (0.3
 * is a supply deal's price, not its volume, a whole number of units; 3 could be either).
 */
function figureTerms(type: string, has: readonly string[], n: number): (typeof FIGURE_TERMS)[number][] {
  const shape = kindOf(type as AgreementType).schema.shape;
  return FIGURE_TERMS.filter((k) => has.includes(k) && !!shape[k]?.safeParse(n).success);
}

/**
 * A what-if with a bare number on a deal of `type` carrying the terms `has` (`Hints.figure`): the
 * hints with that number as the one term it can be, or the answer where it names none or several
 * ("3 could be more than one term of A1 (its price and volume): say which…"); the hints as they
 * are without one.
 */
function withFigure(type: string, has: readonly string[], h: Hints, id: Arg): Hints | Text {
  if (h.figure === undefined) return h;
  const { figure: n, ...rest } = h;
  const can = figureTerms(type, has, n);
  if (can.length === 1) return { ...rest, terms: { ...rest.terms, [can[0]!]: n } };
  if (!can.length) return text("bot.dm.figureNone", { id, num: n });
  return text("bot.dm.figureWhich", { id, num: n, volume: text("bot.dm.figureVolume", { count: n }), terms: list(can.map((k) => text(`bot.term.${k}`))) });
}

/** The terms of `terms` the asker put a number on ("at 0.8": the price), or null when the deal has no such term. */
function namedTerms(terms: Draft["terms"], h: Hints): Record<string, number> | null {
  const named = Object.entries(h.terms ?? {});
  return named.every(([k]) => k in terms) ? Object.fromEntries(named) : null;
}

/** The deal `a` with what the asker would change (a tier, a sector, more partners), as this bot would sign it. */
function changed(m: Mind, a: Agreement, asker: string, h: Hints): Draft {
  const d = asDraft(a);
  const terms = { ...d.terms, ...namedTerms(d.terms, h) } as Record<string, unknown>;
  if (h.tier && "tier" in terms) terms.tier = h.tier;
  if (h.sector && "sector" in terms) terms.sector = h.sector;
  if (h.target && terms.type === "export-control") terms.target = h.target;
  if (h.project && terms.type === "loan") terms.project = h.project;
  let parties = d.parties;
  // Listed parties (a regime, a coalition): this bot, and any country the asker names, join.
  if (parties.length) parties = [...new Set([...parties, m.me, ...(h.partners ?? []).filter((p) => p !== asker || parties.includes(asker))])];
  return { terms: terms as Draft["terms"], parties, duration: d.duration };
}

/**
 * A what-if on a deal ("can you sign A21 if we make it broad?", "if we pay you something?"):
 * the changed deal by its valuation: yes and why; or no and why, with the smallest change of
 * terms it would sign (counter.ts), or the country that would make it pay by joining.
 */
function whatIf(m: Mind, a: Agreement, asker: string, asked: Hints, id: Arg = a.id): Text {
  const base = asDraft(a);
  const h = withFigure(base.terms.type, Object.keys(base.terms), asked, id);
  if ("key" in h) return h;
  const draft = changed(m, a, asker, h);
  if (!draftParties(draft).includes(m.me)) return text("bot.dm.notParty", { id });
  const same = JSON.stringify(draft.terms) === JSON.stringify(base.terms) && draft.duration === base.duration;
  if (same && signedOffer(m, a) && JSON.stringify(draft.parties) === JSON.stringify(base.parties)) return signedText(a, id);
  const change = changeText(base, draft);
  const v = confirmed(m, draft);
  if (!v) return same ? text("bot.dm.cannot", { id }) : text("bot.dm.ifCannot", { id, change });
  if (v.value >= m.profile.threshold) return same ? (cannotSign(m, a, v, id) || text("bot.dm.takeAsIs", { id, why: proposedWhy(m, a) ?? because(v) })) : text("bot.dm.ifYes", { id, change, why: because(v) });
  const w = whatWouldItTakeOf(m, draft, undefined, asker);
  if (w && w.change) {
    const more = changeText(draft, w.draft);
    return same ? text("bot.dm.take", { id, change: more, why: because(w.value) }) : text("bot.dm.ifNear", { id, change, no: because(v, true), more, why: because(w.value) });
  }
  const join = joinIf(m, draft, asker);
  if (join) return text(same ? "bot.dm.joinNoIf" : "bot.dm.ifNoIf", { id, change, why: because(v, true), countries: countries(join.with), yes: because(join.value) });
  return same ? text("bot.dm.joinNo", { id, why: because(v, true) }) : text("bot.dm.ifNo", { id, change, why: because(v, true) });
}

/** The types whose terms carry money from one country to another (docs/RULES.md §3, "Paying for deals"): a supply deal's price and co-investment, a loan's amount and interest. */
const PAID = new Set(["supply", "loan"]);
/** Answers that it would sign the deal asked about, unchanged. */
const SIGNS = new Set(["bot.dm.takeAsIs", "bot.dm.pay.asIs", "bot.dm.offer"]);

/** Whether in `d` the asker pays this bot: it buys what this bot supplies, or lends to it. */
function paysUs(d: Draft, asker: string, me: string): boolean {
  const t = d.terms;
  if (t.type === "supply") return t.suppliers.includes(me) && t.buyers.includes(asker);
  return t.type === "loan" && t.recipient === me && t.lenders.includes(asker);
}

/**
 * The deal an answer on a deal by its terms (`answer`, `topicsIn`) names, to find it again: its
 * type, sector, project, tier and the numbers of its terms (a loan's amount and interest, a supply
 * deal's volume and price: `NamedTerms`), and its description.
 */
function dealIn(answer: Text): Omit<Extract<Topic, { said: Text }>, "said"> | null {
  const find = (x: unknown, hit: (r: { ref?: string; id?: string; key?: string }) => string | undefined): string | undefined => {
    if (!x || typeof x !== "object") return undefined;
    const found = hit(x as { ref?: string; id?: string; key?: string });
    if (found) return found;
    for (const v of Object.values(x)) {
      const s = find(v, hit);
      if (s) return s;
    }
    return undefined;
  };
  const deal = answer.args?.deal as Text | undefined;
  const type = deal && /^deal\.([\w-]+)$/.exec(deal.key ?? "")?.[1];
  if (!type) return null;
  const sector = find(deal, (r) => (r.ref === "sector" ? r.id : undefined)) as Sector | undefined;
  const project = find(deal, (r) => (r.ref === "project" ? r.id : undefined)) as ProjectType | undefined;
  const tier = find(deal, (r) => /^deal\.tier\.(\w+)$/.exec(r.key ?? "")?.[1]) as "broad" | "frontier" | undefined;
  const terms = Object.fromEntries((["amount", "interest", "volume", "price", "contribution"] as const).flatMap((k) => (typeof deal.args?.[k] === "number" ? [[k, deal.args[k]]] : [])));
  // A deal of listed parties (a regime, a coalition) is between the countries it named: "Controls by Japan, the Netherlands and the United States…" is not the asker's and its alone.
  const listed = deal.args?.parties;
  const partners = listed && typeof listed === "object" && "list" in listed ? listed.list.flatMap((c) => (typeof c === "object" && "ref" in c && c.ref === "country" ? [c.id] : [])) : [];
  return { type, ...(sector ? { sector } : {}), ...(project ? { project } : {}), ...(tier ? { tier } : {}), ...(Object.keys(terms).length ? { terms } : {}), ...(partners.length ? { partners } : {}), described: deal };
}

/**
 * "If we pay you, would you join?": on the deal named, or the one last discussed (by its terms
 * in its last answer, or by id), or of the type asked. Where its terms carry money (`PAID`), the
 * terms it would sign; else that the deal has no payment in it and each deal is judged on its
 * own (answers.ts), what would make it pay (a change of terms, one more member), and a deal with
 * money in it, the asker paying, that it would sign.
 */
function payReply(m: Mind, q: Message, intent: Extract<Intent, { kind: "pay" }>, named: Agreement | undefined, found: Topic[]): Text {
  const asker = q.from.seat!;
  const { kind: _, agreementId: __, ...h } = intent;
  const t = named ? { deal: named } : lastDiscussed(m, q, found, intent.type);
  const said = t && "said" in t ? t : null;
  const a = t?.deal;
  const type = a?.type ?? said?.type ?? intent.type;
  // Money offered for nothing in particular: the deal with money in it it would sign.
  if (!type) return offerTo(m, q, { ...h, pay: true });
  const ask: Ask = said ? saidAsk(said, h) : { ...h, type };
  const fresh = () => (said && stepOn(m, asker, ask, said.described)) || offerTo(m, q, PAID.has(type) ? { ...ask, pay: true } : ask);
  // A deal that is over is said to be, then the answer is about a fresh one of its kind; one
  // every party signed takes no new party, so the answer is about the fresh deal of its kind.
  const then = a && CLOSED.has(a.status) ? null : a ? (signedByAll(m, a, labelOf(t!), () => offerTo(m, q, freshOf(a, h))) ?? whatIf(m, a, asker, h, labelOf(t!))) : fresh();
  const answer = (then: Text): Text => {
    if (PAID.has(type)) return text(`bot.dm.pay.terms.${type}`, { then });
    const lead = text(type === "rnd" ? "bot.dm.pay.none.rnd" : "bot.dm.pay.none", { kind: text(`bot.say.kind.${type}`), then });
    // A deal it would sign as it stands needs no money elsewhere.
    if (SIGNS.has(then.key)) return lead;
    const money = dealsWith(m, asker, { pay: true });
    const yes = money.yes && !money.others(money.yes.draft).length ? money.yes : null;
    return yes ? proposable(text("bot.dm.pay.money", { first: lead, deal: describe(yes.draft), rounds: lengthText(yes.draft.duration), why: because(yes.value, false, true) }), yes.draft) : lead;
  };
  return then ? answer(then) : closedText(m, a!, asker, again(m, a!, asker) ?? answer(fresh()));
}

/**
 * An offer that lapsed unsigned whose very terms this bot would still sign, and the asker could
 * propose again: said so, the terms to propose anew (it is a new deal, with a new id). Null
 * otherwise, and for deals that ran or were broken (their terms were in force).
 */
function again(m: Mind, a: Agreement, asker: string): Text | null {
  if (a.status !== "lapsed" || !draftParties(asDraft(a)).includes(m.me)) return null;
  const draft = asDraft(a);
  if (m.ctx.checkProposal(draft, asker)) return null;
  const v = confirmed(m, draft);
  return v && v.value >= m.profile.threshold ? proposable(text("bot.dm.again", { why: because(v) }), draft) : null;
}

/**
 * What would make the deal an earlier answer named by its terms (`deal`) pay, found again among
 * the deals of that kind with the asker, without its numbers again: as it stands; with a change
 * of terms; with one more member; or nothing. Null when it is not found again.
 */
function stepOn(m: Mind, asker: string, ask: Ask, deal: Arg): Text | null {
  const { yes, near } = dealsWith(m, asker, ask);
  const same = (f?: Found | null) => !!f && JSON.stringify(describe(f.draft)) === JSON.stringify(deal);
  if (!near) return same(yes) ? text("bot.dm.pay.asIs") : null;
  if (!same(near)) return null;
  if (yes) return text("bot.dm.pay.change", { change: changeText(near.draft, yes.draft), why: because(yes.value) });
  const join = joinIf(m, near.draft, asker);
  return join ? text("bot.dm.pay.joinIf", { countries: countries(join.with), yes: because(join.value) }) : text("bot.dm.pay.nothing");
}

/**
 * What would make `draft` worth signing for this bot: the nearest terms (counter.ts
 * `whatWouldItTakeOf`), else one more member (`joinIf`, `with`). The one answer chat ("what
 * would it take?", "will you join?") and the deal card's "What would it take?" button give.
 */
function takeOn(m: Mind, draft: Draft, asker: string, v: Valuation | null = confirmed(m, draft)): { draft: Draft; value: Valuation; change?: Text; with?: string[] } | null {
  const w = whatWouldItTakeOf(m, draft, v, asker);
  if (w) return w;
  // One it would sign as it stands but the asker could not propose is said so by the caller, not given a member it does not need.
  const join = v && v.value < m.profile.threshold ? joinIf(m, draft, asker) : null;
  return join ? { draft: { ...draft, parties: [...draft.parties, ...join.with] }, value: join.value, with: join.with } : null;
}

/**
 * A regime or a coalition this bot would not join as it stands but would with one more
 * member: the seat (by this bot's valuation, confirmed by the engine) that makes it pay.
 */
function joinIf(m: Mind, draft: Draft, asker: string): { with: string[]; value: Valuation } | null {
  if (!draft.parties.length) return null;
  const threshold = m.profile.threshold;
  const others = m.ctx.view.countries
    .filter((c) => c.control === "seat" && c.id !== asker && !draft.parties.includes(c.id))
    .map((c) => ({ id: c.id, d: { ...draft, parties: [...draft.parties, c.id] } }))
    .map((x) => ({ ...x, own: worthOwn(m, x.d) }))
    .filter((x) => x.own >= threshold)
    .sort((x, y) => y.own - x.own);
  for (const x of others.slice(0, 2)) {
    if (m.ctx.check({ type: "propose", draft: x.d })) continue;
    const value = confirmed(m, x.d);
    if (value && value.value >= threshold) return { with: [x.id], value };
  }
  return null;
}

type Ask = Hints & { type?: string };

/** A type in a sector, as a reader names it: "an export-control regime", "joint R&D in quantum". */
function kindText(h: Ask): Text | null {
  if (!h.type) return h.sector ? text("bot.dm.dealIn", { sector: ref("sector", h.sector, true) }) : null;
  return h.sector ? text("bot.dm.kindIn", { type: ref("type", h.type, true), sector: ref("sector", h.sector, true) }) : text("bot.dm.kind", { type: ref("type", h.type, true) });
}

type Found = { draft: Draft; value: Valuation };

/**
 * The deal with `asker` (of the type, sector, tier and partners asked) this bot would sign
 * (`yes`): between the two of them (and the countries asked) first, else with a third country
 * in it, else the smallest change of the nearest it would sign; `near`, that nearest, when no
 * deal as suggested pays. The one answer behind chat's "what would it take?" (`offerTo`) and the
 * button's (`dealWith`).
 */
function dealsWith(m: Mind, asker: string, h: Ask): { pool: Draft[]; others: (d: Draft) => string[]; yes: Found | null; near?: Found } {
  const pool = askedDeals(m, asker, h);
  // A deal with the asker is between the two (and the countries the asker named); one with a
  // third country in it is said to be one ("With China in it, this would pay for us …").
  const others = (d: Draft) => draftParties(d).filter((p) => p !== m.me && p !== asker && !h.partners?.includes(p));
  const ours = pool.filter((d) => !others(d).length);
  const best = bestOf(m, ours, asker) ?? bestOf(m, pool.filter((d) => others(d).length), asker);
  if (best) return { pool, others, yes: best };
  const near = nearestOf(m, ours.length ? ours : pool);
  if (!near) return { pool, others, yes: null };
  const w = others(near.draft).length ? null : whatWouldItTakeOf(m, near.draft, undefined, asker);
  return { pool, others, near, yes: w && w.value.value >= m.profile.threshold && !wordKept(m, w.draft) ? { draft: w.draft, value: w.value } : null };
}

/**
 * "What would it take?" on a country: the deal with `asker` (of the type, sector, tier and
 * partners asked, if any) this bot values most; else why none pays, from the valuation of the
 * nearest one, and what would make it pay (a change of terms, or one more member).
 */
function offerTo(m: Mind, q: Message, h: Ask): Text {
  const asker = q.from.seat!;
  // A control is on the rival unless the question says otherwise (docs/RULES.md): asked of the rival, or of any bot about one on itself, one aimed at it.
  if (h.type === "export-control" && !h.target && (h.on ?? m.w.rivalId) === m.me && asker !== m.me) return aimedAtUs(m, q, h);
  // A country the asker names that is automated and would never sign a deal of this type (the rival, a partner: the engine's `automatedSigns`): said so, not "none pays".
  const never = h.type ? (h.partners ?? []).filter((p) => {
    const c = m.ctx.view.countries.find((x) => x.id === p);
    return !!c && !automatedSigns(c.control, m.ctx.rival, p, { type: h.type!, ...(h.type === "loan" ? { recipient: p } : {}) });
  }) : [];
  if (never.length) return text("bot.dm.automatedNever", { countries: countries(never), kind: kindText(h)! });
  const { pool, others, yes, near } = dealsWith(m, asker, h);
  if (yes && !near) return others(yes.draft).length
    ? text("bot.dm.offerWith", { countries: countries(others(yes.draft)), deal: describe(yes.draft), rounds: lengthText(yes.draft.duration), why: because(yes.value, false, true) })
    : proposable(text("bot.dm.offer", { deal: describe(yes.draft), rounds: lengthText(yes.draft.duration), why: because(yes.value, false, true) }), yes.draft);
  const what = kindText(h);
  // Just after signing a deal with the asker, none more pays (the search leaves out deals that
  // repeat it, and what it signed is already counted): it says so, not that it sees no deal.
  // Only those every reader of the answer may see (an offer still open is its parties' alone).
  const signed = what ? [] : signedWith(m, asker).filter((a) => mayTell(m, q, a));
  const ids = signedIds(signed, asker);
  const anyDeal = text(signed.length ? "bot.dm.otherDeal" : "bot.dm.anyDeal");
  const after = (then: Text) => (signed.length ? text("bot.dm.justSigned", { ids, then }) : then);
  // The deal it would sign, which the asker could not propose now (its budget, the rules): said so, with the engine's numbers, not that it does not pay.
  const theirs = near && !yes && near.value.value >= m.profile.threshold ? m.ctx.checkProposal(near.draft, asker) : null;
  if (near && theirs) return after(notYours(near, theirs));
  if (near && others(near.draft).length) return after(text("bot.dm.offerNoneWith", { what: what ?? anyDeal, countries: countries(others(near.draft)), deal: describe(near.draft), rounds: lengthText(near.draft.duration), why: because(near.value, true, true) }));
  if (near) {
    if (yes) {
      // The asker's own terms fall short: said, with the smallest change from them it would sign.
      // The terms it would sign are the asker's with the change: those are the ones to propose.
      if (h.terms) return proposable(text("bot.dm.offerNear", { deal: describe(near.draft), rounds: lengthText(near.draft.duration), no: because(near.value, true, true), change: changeText(near.draft, yes.draft), why: because(yes.value, false, true) }), yes.draft);
      return proposable(text("bot.dm.offer", { deal: describe(yes.draft), rounds: lengthText(yes.draft.duration), why: because(yes.value, false, true) }), yes.draft);
    }
    const join = joinIf(m, near.draft, asker);
    // Valued over the rounds the deal would run, which the answer says.
    const args = { what: what ?? anyDeal, deal: describe(near.draft), rounds: lengthText(near.draft.duration), why: because(near.value, true, true) };
    return after(join ? text("bot.dm.offerNoneIf", { ...args, countries: countries(join.with), yes: because(join.value) }) : text("bot.dm.offerNoneWhy", args));
  }
  // Drafts the rules refuse, of the kind the question asks about: the rule, as the engine words
  // it. Asked for no kind of deal, the first refused draft of its search is one the asker never
  // named ("a regime cannot target one of its own members" to "what would it take?"): not a
  // reason to give, so the answer is the general one, that no deal with the asker pays.
  const refused = what ? pool.map((d) => m.ctx.check({ type: "propose", draft: d })).find((r) => r) : null;
  if (refused) return after(text("bot.dm.offerNoneRule", { what: what ?? anyDeal, rule: refused.text }));
  if (h.type === "loan" && !pool.length) {
    const noNeed = noProjectNeeded(m, asker, h.partners ?? []);
    if (noNeed) return noNeed;
  }
  if (what) return text("bot.dm.offerNoneType", { type: what });
  return signed.length ? text("bot.dm.offerNoneSigned", { ids }) : text("bot.dm.offerNone");
}

/**
 * A loan asked of a bot where neither it, the asker nor a country named has a project to finance: a loan pays for
 * a project its borrower needs (docs/RULES.md), so none between the two can be made, whatever its
 * terms. Said so, with the countries that do need one, rather than that no loan would pay.
 */
function noProjectNeeded(m: Mind, asker: string, named: string[]): Text | null {
  if ([m.me, asker, ...named].some((id) => country(m.w, id).needs.length)) return null;
  const borrowers = m.ctx.view.countries.filter((c) => c.needs.length && !c.connected).map((c) => c.id);
  return borrowers.length ? text("bot.dm.loanNoNeed", { countries: countries(borrowers) }) : text("bot.dm.loanNoNeedAny");
}

/**
 * "China, will you join the export regime?": a control aimed at this bot is none it joins. What
 * such a regime would do to it, by its valuation: the asker's regime on it that it may speak of,
 * else one of the asker (and the countries named) on its exports in the sector asked (or the
 * sector where the asker holds most of the chokepoint).
 */
function aimedAtUs(m: Mind, q: Message, h: Ask): Text {
  const asker = q.from.seat!;
  const theirs = speakable(m, q).reverse().find((a) => a.terms.type === "export-control" && a.terms.target === m.me && a.parties.includes(asker) && ACTIVE.has(a.status) && (!h.sector || a.terms.sector === h.sector));
  const them = country(m.w, asker);
  const sector = h.sector ?? (Object.keys(them.sectors) as Sector[]).sort((a, b) => them.sectors[b].chokepoint - them.sectors[a].chokepoint)[0]!;
  const draft: Draft = theirs ? asDraft(theirs) : { terms: { type: "export-control", sector, tier: h.tier ?? "frontier", target: m.me }, parties: [...new Set([asker, ...(h.partners ?? [])])].filter((p) => p !== m.me), duration: Math.max(1, m.w.left) };
  return text("bot.dm.aimedAtUs", { deal: theirs ? text("bot.dm.idKind", { id: theirs.id, type: ref("type", theirs.type, true) }) : describe(draft), rounds: lengthText(draft.duration), why: because(valueOwn(m, draft), true, true) });
}

/**
 * A deal this bot would sign that the engine would refuse from the asker (`refusal`): the deal
 * and why it pays for the bot, then why the asker could not propose it, the budget in its
 * numbers ("it would cost you 4 capital a round, and only 0 of yours is not already committed").
 */
function notYours(f: Found, refusal: Refusal): Text {
  const args = { deal: describe(f.draft), rounds: lengthText(f.draft.duration), why: because(f.value, false, true) };
  const { cost, free } = refusal.text.args ?? {};
  if (refusal.code === "rule/insufficient_capital" && cost !== undefined && free !== undefined) return text("bot.dm.offerNotYoursBudget", { ...args, cost, free });
  return text("bot.dm.offerNotYours", { ...args, rule: refusal.text });
}

/**
 * The deals with `asker` (both parties, still proposed, signed or in force) this bot signed this
 * round and still signs (an amendment since has taken its signature off).
 */
function signedWith(m: Mind, asker: string): Agreement[] {
  const { agreements, round } = m.ctx.view;
  return agreements.filter((a) => ACTIVE.has(a.status) && a.parties.includes(asker) && a.signatures.includes(m.me) && a.steps.some((s) => s.by === m.me && s.what === "signed" && s.round === round));
}

/** Those deals' ids, an offer still waiting on `asker`'s signature said so: the bot's signature alone makes no deal. */
const signedIds = (deals: Agreement[], asker: string) => list(deals.map((a) => (waitsOn(a, asker) ? text("bot.signed.waitsOnYou", { id: a.id }) : a.id)));

/**
 * The country card's "What would it take?" where this bot sees no deal with `asker` (`dealWith`
 * is null) just after signing one with it: that it has, and sees no other that pays this round.
 */
export function noDealWith(ctx: BotContext, asker: string, options: BotOptions = {}): Text | undefined {
  const m = exactMind(ctx, options);
  const signed = signedWith(m, asker);
  return signed.length ? text("bot.ask.signed", { who: countryRef(m.me), ids: signedIds(signed, asker) }) : undefined;
}

/**
 * The deals this bot might make with `asker`, as asked: what it would propose and what the
 * asker's country needs, of the type asked, moved to the sector and tier asked, with the
 * partners named; none that repeats a deal the two already have (proposed, signed or in force).
 */
function askedDeals(m: Mind, asker: string, h: Ask): Draft[] {
  if (asker === m.me) return [];
  const them = country(m.w, asker);
  const theirs = candidates(withOffers(m), asker, profileFor(isPersonality(them.personality) ? them.personality : "pragmatist"), { supply: new Set(), rnd: new Set(), sellSupply: new Set() });
  let pool = [...candidates(withOffers(m), m.me, m.profile, objectiveSectors(m)), ...theirs].filter((d) => !h.type || d.terms.type === h.type);
  const narrowed = !!(h.type || h.sector || h.tier || h.partners || h.terms || h.target || h.pay || h.project || h.supplier || h.option);
  if (h.type && !pool.length) pool = made(m, asker, h);
  if (narrowed) pool = pool.flatMap((d) => fitted(m, d, asker, h));
  const found = between(m, asker, h, pool);
  if (found.length || !narrowed) return found;
  // Nothing of what was asked among the deals either side's needs suggest: the plain terms of it, valued.
  const type = h.type ?? (h.project ? "loan" : undefined) ?? (h.sector || h.pay || h.terms?.price !== undefined || h.terms?.volume !== undefined ? "supply" : undefined);
  return type ? between(m, asker, h, made(m, asker, { ...h, type }).flatMap((d) => fitted(m, d, asker, h))) : [];
}

/** Of `pool`, the drafts between `asker` and this bot, once each, none repeating a deal they have; a deal of listed parties with a third country in it also as the two's alone (and the countries named). */
function between(m: Mind, asker: string, h: Ask, pool: Draft[]): Draft[] {
  const asked = [...new Set([m.me, asker, ...(h.partners ?? [])])];
  const seen = new Set<string>();
  return pool
    .flatMap((d) => (d.parties.length && d.parties.some((p) => !asked.includes(p)) ? [d, { ...d, parties: asked }] : [d]))
    .filter((d) => {
      const key = JSON.stringify(d);
      if (seen.has(key)) return false;
      seen.add(key);
      return draftParties(d).includes(asker) && draftParties(d).includes(m.me) && !repeats(m, d, asker) && (!h.pay || paysUs(d, asker, m.me)) && signable(m, d);
    });
}

/** Whether every automated country in draft `d` would sign it (the engine's `automatedSigns`): no deal it names is one the rival or a partner is sure to decline. */
function signable(m: Mind, d: Draft): boolean {
  return draftParties(d).every((p) => {
    const c = m.ctx.view.countries.find((x) => x.id === p);
    return !c || automatedSigns(c.control, m.ctx.rival, p, d.terms as { type: string; recipient?: string });
  });
}

/** A draft moved to what was asked (sector, tier, both parties and the partners named in its list), or nothing when it cannot be. */
function fitted(m: Mind, d: Draft, asker: string, h: Ask): Draft[] {
  const named = namedTerms(d.terms, h);
  if (!named) return [];
  const terms = { ...d.terms, ...named } as Record<string, unknown>;
  if (h.sector) {
    if ("sector" in terms) terms.sector = h.sector;
    else if (terms.type === "standards") {
      if (m.ctx.view.scenario.standards.find((s) => s.id === terms.technology)?.sector !== h.sector) return [];
    } else return [];
  }
  if (h.tier) {
    if (!("tier" in terms)) return [];
    terms.tier = h.tier;
  }
  if (h.option) {
    if (terms.type !== "standards") return [];
    Object.assign(terms, h.option);
  }
  if (h.target) {
    if (terms.type !== "export-control") return [];
    terms.target = h.target;
  }
  if (h.project) {
    if (terms.type !== "loan") return [];
    terms.project = h.project;
  }
  if (h.supplier) {
    // "Would Japan buy … from us?": the asker supplies and this bot buys (or the other way round), whoever else is in the deal.
    if (terms.type !== "supply") return [];
    const [seller, buyer] = h.supplier === "asker" ? [asker, m.me] : [m.me, asker];
    const t = terms as Extract<Draft["terms"], { type: "supply" }>;
    if (!t.suppliers.includes(seller) || !t.buyers.includes(buyer)) {
      // Turned round, at the scenario's full price (or the price asked), not the price of the other direction.
      Object.assign(terms, { suppliers: [seller], buyers: [buyer], price: h.terms?.price ?? (m.ctx.rules.supply.fullPrice || 1) });
    }
  }
  let parties = d.parties;
  const partners = (h.partners ?? []).filter((p) => p !== m.me);
  if (parties.length) parties = [...new Set([...parties, m.me, asker, ...partners])];
  else if (partners.some((p) => !draftParties(d).includes(p))) return [];
  return [{ terms: terms as Draft["terms"], parties, duration: d.duration }];
}

/** A deal of a type neither side's needs suggest (a control where this bot would not propose one, joint research it does not seek, a pact, a statement on the rival, goods it neither buys nor sells): the plain terms, with the asker. */
function made(m: Mind, asker: string, h: Ask): Draft[] {
  const left = Math.max(1, m.w.left);
  const self = country(m.w, m.me);
  const top = (key: "chokepoint" | "capability") => (Object.keys(self.sectors) as Sector[]).sort((a, b) => self.sectors[b][key] - self.sectors[a][key])[0]!;
  if (h.type === "export-control") {
    const target = h.target ?? m.w.rivalId;
    if (!target || target === m.me || target === asker) return [];
    return [{ terms: { type: "export-control", sector: h.sector ?? top("chokepoint"), tier: h.tier ?? "frontier", target }, parties: [asker, m.me], duration: left }];
  }
  if (h.type === "rnd") return [{ terms: { type: "rnd", sector: h.sector ?? top("capability"), contribution: h.terms?.contribution ?? 2 }, parties: [m.me, asker], duration: Math.min(2, left) }];
  if (h.type === "screening") return [{ terms: { type: "screening" }, parties: [m.me, asker], duration: left }];
  if (h.type === "alignment") {
    const target = m.w.rivalId;
    if (!target || target === m.me || target === asker) return [];
    return [{ terms: { type: "alignment", clauses: ["threat-assessment"], target }, parties: [m.me, asker], duration: left }];
  }
  if (h.type === "loan") {
    // The loan asked for the project asked: the asker lends where this bot needs it, else this bot lends to the asker.
    // Neither needing one, the two lend together to a country named that does ("will you lend to Kenya?").
    const needs = (id: string) => country(m.w, id).needs;
    const ours = needs(m.me).length > 0 && (!h.project || needs(m.me).includes(h.project) || !needs(asker).includes(h.project));
    const third = needs(m.me).length || needs(asker).length ? undefined : h.partners?.find((p) => p !== m.me && p !== asker && needs(p).length);
    const [lenders, recipient] = third ? [[asker, m.me], third] : ours ? [[asker], m.me] : [[m.me], asker];
    const project = (h.project ?? needs(recipient)[0]) as ProjectType | undefined;
    if (!project) return [];
    const terms = { type: "loan" as const, lenders, recipient, project, amount: h.terms?.amount ?? 10, interest: h.terms?.interest ?? m.ctx.rules.loans.safeInterest, grace: 1, conditions: [] };
    return [{ terms, parties: [], duration: kindFor(terms).minDuration(m.ctx.rules, terms) }];
  }
  if (h.type === "supply") {
    // The side that makes more of the goods sells them (this bot, where the asker offers to pay), at the scenario's full price (or the price asked).
    const sector = h.sector ?? top("capability");
    const them = country(m.w, asker);
    const mine = h.supplier ? h.supplier === "bot" : h.pay || self.sectors[sector].capability >= them.sectors[sector].capability;
    const [seller, buyer] = mine ? [m.me, asker] : [asker, m.me];
    const price = h.terms?.price ?? (m.ctx.rules.supply.fullPrice || 1);
    return [{ terms: { type: "supply", suppliers: [seller], buyers: [buyer], sector, volume: h.terms?.volume ?? 2, price, coInvest: 0 }, parties: [], duration: left }];
  }
  return [];
}

/** Whether a draft repeats a deal `asker` and this bot already have: same type and subject (sector, technology, project), both parties to it. */
function repeats(m: Mind, d: Draft, asker: string): boolean {
  const t = d.terms as Record<string, unknown>;
  return m.ctx.view.agreements.some((a) => {
    if (!ACTIVE.has(a.status) || a.type !== t.type || !a.parties.includes(asker) || !a.parties.includes(m.me)) return false;
    const u = a.terms as Record<string, unknown>;
    return ["sector", "technology", "project", "recipient", "target"].every((k) => u[k] === t[k]);
  });
}

/**
 * Among `pool`, the best deal this bot would sign, checked by the engine: from its side, and from
 * the side of `asker`, whom the answer invites to propose it (a deal the asker cannot afford is
 * passed over, not counted among the three it values).
 */
function bestOf(m: Mind, pool: Draft[], asker: string): { draft: Draft; value: Valuation } | null {
  const ranked = pool
    .map((d) => ({ d, own: worthOwn(m, d) }))
    .filter((x) => x.own >= m.profile.threshold)
    .sort((a, b) => b.own - a.own)
    .filter((x) => !m.ctx.checkProposal(x.d, asker));
  for (const { d } of ranked.slice(0, 3)) {
    if (m.ctx.check({ type: "propose", draft: d }) || wordKept(m, d)) continue;
    const value = confirmed(m, d);
    if (value && value.value >= m.profile.threshold) return { draft: d, value };
  }
  return null;
}

/**
 * Whether its signature on an open offer that could not take force with `d` stands (answers.ts
 * `pledgesOn`: an offer of two it does not leave), so that it would decline `d` when proposed,
 * however much `d` pays: not a deal it names as one it would sign.
 */
const wordKept = (m: Mind, d: Draft): boolean => {
  const { pledged, outs } = pledgesOn(m, { id: "", terms: d.terms, parties: draftParties(d) });
  return pledged.length > 0 && !outs;
};

/** Among `pool`, the one this bot values most though it falls short, with its valuation (what it would cost it). */
function nearestOf(m: Mind, pool: Draft[]): { draft: Draft; value: Valuation } | null {
  const ranked = pool.map((d) => ({ d, own: worthOwn(m, d) })).sort((a, b) => b.own - a.own);
  for (const { d } of ranked.slice(0, 3)) {
    if (m.ctx.check({ type: "propose", draft: d })) continue;
    const value = confirmed(m, d);
    if (value) return { draft: d, value };
  }
  return null;
}

/**
 * "What would it take?" on a country rather than a deal: the deal with `asker` this bot would
 * sign, as a draft the asker can propose, with the reason; null when it sees none.
 */
export function dealWith(ctx: BotContext, asker: string, options: BotOptions = {}): { draft: Draft; value: number; reason: Text } | null {
  const { yes } = dealsWith(exactMind(ctx, options), asker, {});
  return yes ? { draft: yes.draft, value: yes.value.value, reason: said("worth", yes.value) } : null;
}

/**
 * The "What would it take?" button on a deal card (`draft`): the nearest terms of that deal this
 * bot would sign (or it with one more member), each checked as the bot then signs it; where no
 * change of it pays, `none`, why not (its valuation of the deal as it stands), never another deal.
 */
export function askBotOn(ctx: BotContext, asker: string, draft: Draft, options: BotOptions = {}): { draft: Draft; value: number; reason: Text } | { none?: Text } {
  const m = exactMind(ctx, options);
  const v = confirmed(m, draft);
  const w = takeOn(m, draft, asker, v);
  if (w?.with) return { draft: w.draft, value: w.value.value, reason: text("bot.why.joinIf", { countries: countries(w.with), why: because(w.value) }) };
  // Why it would sign them: the change and what it makes the deal worth, or the deal as it stands.
  if (w) return { draft: w.draft, value: w.value.value, reason: w.change ? thenText(w.change, w.value) : said("asIs", w.value) };
  // It would sign the deal, but the asker could not propose it: the engine's refusal is the reason.
  const refusal = v && v.value >= m.profile.threshold ? m.ctx.checkProposal(draft, asker) : null;
  if (refusal) return { none: notYours({ draft, value: v! }, refusal) };
  return v ? { none: text("bot.ask.noChange", { who: countryRef(m.me), why: because(v, true) }) } : {};
}

/**
 * Once a negotiation, in the plenary, which everyone reads: what it wants this round, in its
 * personality's voice. A deal it proposed that everyone may see (every party signed: docs/RULES.md
 * §9) is named by type, sector and partners, with why (its valuation); one still open and private
 * to its parties only by its kind and sector, with the table's numbers: not with whom, nor its
 * numbers, which come from the private terms. With no deal proposed, that it needs nothing more
 * and answers every offer, with the shared target the table is missing, if any. The table's note
 * comes once a round, from the first line that says it; a line another seat has said this round
 * word for word says what this bot weighs most as well (`unlike`).
 */
export function speak(m: Mind): BotDecision | null {
  const view = m.ctx.view;
  // Once a round: its opening line, not an answer it gave in the plenary first (asked there before it spoke).
  if (view.messages.some((x) => x.channel === "plenary" && x.from.seat === m.me && x.round === view.round && !!x.said && opening(x.said.key))) return null;
  const before = view.messages.flatMap((x) => (x.channel === "plenary" && x.round === view.round && x.said && !x.deleted ? [x.said] : []));
  const voice = m.profile.personality;
  const mine = view.agreements.filter((a) => a.proposedBy === m.me && a.steps[0]?.round === view.round);
  const shown = mine.find((a) => canSeeAgreement(EVERYONE, a));
  if (shown) {
    const partners = shown.parties.filter((p) => p !== m.me);
    // The reason it proposed the deal for, as the deal's card shows it (`proposedWhy`); not the deal
    // valued again once it is signed, against a world that already holds it ("costs us little (0 points)").
    return chat(m, "plenary", unlike(m, asBefore(m, text(`bot.say.want.${voice}`, { deal: wantedDeal(shown, partners), why: proposedWhy(m, shown) ?? because(valueOwn(m, asDraft(shown))) })), before));
  }
  const note = tableRemark(m);
  // Absent, not "": the catalog drops a clause left out with the space before it.
  const table: Record<string, Arg> = note && !before.some((t) => holds(t, note)) ? { table: note } : {};
  // An offer out is one still open: not one declined, nor one every party signed (shown above).
  const open = mine.find((a) => a.status === "proposed");
  if (open) return chat(m, "plenary", unlike(m, asBefore(m, text(`bot.say.seek.${voice}`, { deal: wantedDeal(open, []), ...table })), before));
  return chat(m, "plenary", unlike(m, asBefore(m, text(`bot.say.nothing.${voice}`, table)), before));
}

/** The catalog lines a bot opens a round with in the plenary (`speak`), and those that wrap one (`unlike`, `asBefore`). */
const OPENING = /^bot\.say\.(want|seek|nothing|weigh|again|changed)\./;
const CHANGED = ["bot.say.changed.got", "bot.say.changed.retry", "bot.say.changed.dropped", "bot.say.changed.need"];
const WRAPS = new Set(["bot.say.weigh", "bot.say.again.last", "bot.say.again.rounds", ...CHANGED]);
/** Whether a line of the bot's in the plenary is its opening line, itself or wrapped (`bot.say.weigh` has no dot after it). */
const opening = (key: string) => OPENING.test(key) || WRAPS.has(key);

/** An opening line inside any wrapper (`unlike`, `asBefore`): what it says of the bot's position. */
function unwrapped(t: Text): Text {
  while (WRAPS.has(t.key) && t.args?.line && typeof t.args.line === "object" && "key" in t.args.line) t = t.args.line;
  return t;
}

/**
 * What an opening line says of the bot's position: the line inside any wrapper, without the
 * table's note, which is the table's news, not the bot's position.
 */
function positionOf(t: Text): string {
  const { key, args } = unwrapped(t);
  const { table: _, ...rest } = args ?? {};
  return JSON.stringify({ key, args: rest });
}

/**
 * `line`, or where the bot opened the last round with the same position (the same deal wanted,
 * the same kind offered in private, or nothing needed), says so first: "Our position is the same
 * as last round.", then "… has not changed for 3 rounds." as it lasts, so no two rounds running
 * open with the same words, and a reader sees that nothing moved for it. Where it opened the last
 * round with another position, what changed comes first (`changedSince`).
 */
function asBefore(m: Mind, line: Text): Text {
  const view = m.ctx.view;
  const mine = positionOf(line);
  let rounds = 1;
  let last: Text | undefined;
  for (let r = view.round - 1; r >= 1; r--) {
    const opened = view.messages.find((x) => x.channel === "plenary" && x.from.seat === m.me && x.round === r && !x.deleted && x.said && opening(x.said.key));
    last ??= r === view.round - 1 ? opened?.said : undefined;
    if (!opened || positionOf(opened.said!) !== mine) break;
    rounds++;
  }
  if (rounds === 1) return last ? changedSince(m, unwrapped(last), line) : line;
  return rounds === 2 ? text("bot.say.again.last", { line }) : text("bot.say.again.rounds", { line, count: rounds });
}

/** The deal an opening line wants or has offered (`wantedDeal`), none where it needs nothing. */
const dealOf = (t: Text): Text | undefined => (/^bot\.say\.(want|seek)\./.test(t.key) && typeof t.args?.deal === "object" && "key" in t.args.deal ? t.args.deal : undefined);

/** A deal as `wantedDeal` says it, without its partners: its kind and sector ("a supply-chain deal in semiconductors"). */
function kindOnly(deal: Text): Text {
  const { partners: _, ...args } = deal.args ?? {};
  return text(deal.key.replace(".with", ""), args);
}

/**
 * `line` (this round's opening), where the bot opened the last round with another position
 * (`was`, unwrapped), with what changed since, as its deals and plan say: the deal it sought then
 * that every party signed, named as everyone may now read it ("Last round we signed a
 * supply-chain deal with Japan in critical minerals."); one not taken up, which it no longer
 * seeks, or offers again in another form (the line says which); or that it needed nothing then.
 * An offer not every party signed is named by its kind and sector alone, as last round's line named it.
 */
function changedSince(m: Mind, was: Text, line: Text): Text {
  const before = dealOf(was);
  const now = dealOf(unwrapped(line));
  if (!before) return now ? text("bot.say.changed.need", { line }) : line;
  const got = signedSince(m, before);
  if (got) return text("bot.say.changed.got", { before: got, line });
  const again = now && jsonOf(kindOnly(now)) === jsonOf(kindOnly(before));
  return text(again ? "bot.say.changed.retry" : "bot.say.changed.dropped", { before, line });
}

/**
 * The deal it proposed last round that an opening line named (`deal`, with its partners or by its
 * kind alone) and that every party has since signed, as everyone may read it: with its partners.
 */
function signedSince(m: Mind, deal: Text): Text | undefined {
  const said = jsonOf(deal);
  for (const a of m.ctx.view.agreements) {
    if (a.proposedBy !== m.me || a.steps[0]?.round !== m.ctx.view.round - 1 || a.status === "proposed" || a.status === "declined" || a.status === "lapsed" || !canSeeAgreement(EVERYONE, a)) continue;
    const full = wantedDeal(a, a.parties.filter((p) => p !== m.me));
    if (JSON.stringify(full) === said || JSON.stringify(wantedDeal(a, [])) === said) return full;
  }
  return undefined;
}

/**
 * The JSON of a text or argument, kept by the object for texts already said: a plenary line is
 * compared with every line of the round by each seat that speaks (`unlike`, `holds`), and the
 * engine never changes a message it stored, so the same object always gives the same JSON.
 */
const jsonKept = new WeakMap<object, string>();
function jsonOf(t: Arg): string {
  if (typeof t !== "object" || t === null) return JSON.stringify(t);
  let s = jsonKept.get(t);
  if (s === undefined) jsonKept.set(t, (s = JSON.stringify(t)));
  return s;
}

/** Whether text `t` says `part`, itself or in one of its arguments. */
function holds(t: Arg, part: Arg): boolean {
  return holdsJson(t, JSON.stringify(part));
}
function holdsJson(t: Arg, part: string): boolean {
  if (jsonOf(t) === part) return true;
  if (typeof t !== "object" || t === null) return false;
  return ("key" in t ? Object.values(t.args ?? {}) : "list" in t ? t.list : []).some((a) => holdsJson(a, part));
}

/**
 * `line`, or where another seat said it word for word this round (two hawks with nothing to ask
 * for), with what this bot weighs most (its weights, tilted by personality) and where it stands
 * on it: the next metric down while that too was said.
 */
function unlike(m: Mind, line: Text, before: Text[]): Text {
  const said = new Set(before.map(jsonOf));
  if (!said.has(JSON.stringify(line))) return line;
  const self = country(m.w, m.me);
  const metrics = (Object.keys(self.weights) as (keyof typeof self.weights)[]).sort((a, b) => self.weights[b] * m.profile.tilt[b] - self.weights[a] * m.profile.tilt[a]);
  for (const k of metrics) {
    const t = text("bot.say.weigh", { line, metric: ref("metric", k, true), now: r1(self.metrics[k]) });
    if (!said.has(JSON.stringify(t))) return t;
  }
  return line;
}

/**
 * Why it proposed or signed deal `a`, as that step says (the deal card's reason), while the terms
 * are still those it put its name to: the one source of the reason it gives for its own offer, in the
 * plenary and in chat ("as it stands"), so the card's "+4 prosperity" is not "+20.8 capital" in
 * chat once other deals have moved which part weighs most. Whether it still signs is the
 * valuation's now.
 */
export function proposedWhy(m: Mind, a: Agreement): Text | undefined {
  for (const step of [...a.steps].reverse()) {
    // Terms or parties changed since (amended, or a party stepped out): that reason was for another deal.
    if (step.revision !== a.revision) return undefined;
    const reason = step.by === m.me && typeof step.reason === "object" ? step.reason : undefined;
    if (reason?.key !== "bot.why.proposed" && reason?.key !== "bot.why.signed") continue;
    const why = reason.args?.why;
    return why && typeof why === "object" && "key" in why ? why : undefined;
  }
  return undefined;
}

/** A deal it wants, as one deal with its article ("an investment screening pact"), in its sector, with `partners` (a catalog key for each type). */
function wantedDeal(a: Agreement, partners: string[]): Text {
  const sector = (a.terms as { sector?: string }).sector;
  const args = { type: text(`bot.say.kind.${a.type}`), partners: list(partners.map((p) => ref("country", p))), ...(sector ? { sector: ref("sector", sector, true) } : {}) };
  return text(partners.length ? (sector ? "bot.say.deal.with.in" : "bot.say.deal.with") : sector ? "bot.say.deal.in" : "bot.say.deal", args);
}

/**
 * What the table's number says first: the crisis, when this round's peak comes near it
 * (`crisisRemark`); else the first shared target of a table number it misses now, in numbers
 * ("resilience is 38; the table needs 50 or more"); else how many of its shared targets it meets,
 * counted as the game shows them (the view's outcome: every target, the crisis one too).
 */
function tableRemark(m: Mind): Arg {
  const crisis = crisisRemark(m);
  if (crisis) return crisis;
  for (const t of m.ctx.targets) {
    const c = t.condition;
    if (c.kind !== "table") continue;
    const now = m.ctx.view.table[c.metric];
    if (c.atLeast !== undefined && now < c.atLeast) return text("bot.say.below", { metric: ref("metric", c.metric, true), now: r1(now), target: c.atLeast });
    if (c.atMost !== undefined && now > c.atMost) return text("bot.say.above", { metric: ref("metric", c.metric, true), now: r1(now), target: c.atMost });
  }
  const shown = m.ctx.view.outcome?.targets ?? [];
  if (!shown.length) return "";
  const met = shown.filter((x) => x.met).length;
  return met === shown.length ? text("bot.say.onTrack", { count: shown.length }) : text("bot.say.meets", { met, total: shown.length });
}

/**
 * The crisis, when this round's resolution may bring it: tension now, what the deals made add
 * this round (each deal's share, as the bots' model projects it: model.ts `project`, the rival's
 * retaliation included) and the peak they take it to before the drift cools it (value.ts
 * `tensionPeaks`, the engine's order), against the crisis level and what a crisis costs every
 * score (docs/RULES.md §5). Undefined while that peak stays more than `CRISIS_NEAR` below it.
 */
export function crisisRemark(m: Mind): Text | undefined {
  const rules = m.ctx.rules;
  const at = rules.tension.crisisAt;
  const now = m.ctx.view.table.tension;
  if (m.w.left <= 0 || m.ctx.view.crisis) return undefined;
  const peak = tensionPeaks(m.w, m.o, null)[0] ?? now;
  if (peak < at - CRISIS_NEAR) return undefined;
  const adds: { id: string; amount: number; made: number }[] = [];
  for (const a of m.w.view.agreements) {
    if ((a.status !== "in-force" && a.status !== "signed") || kindOf(a.terms.type).bots.outlook === false) continue;
    let amount = 0;
    for (const f of project(m.w, a, a.status === "in-force" ? a : undefined).table) if (f.key === "tension" && f.rounds > 0) amount += f.perRound;
    if (amount > 0.05) adds.push({ id: a.id, amount, made: adds.length });
  }
  adds.sort((x, y) => y.amount - x.amount || x.made - y.made);
  const cut = Math.round((1 - rules.scoring.missedTargetFactor) * 100);
  const args = { now: r1(now), at, cut, decay: rules.tension.decay, peak: r1(peak) };
  if (!adds.length) return text("bot.say.crisisCalm", args);
  const deals = list(adds.map((x) => text("bot.say.crisisAdds", { id: x.id, amount: r1(x.amount) })));
  const total = adds.reduce((s, x) => s + x.amount, 0);
  // The peak unclamped: the engine's meter stops at 100, the sum does not.
  const top = Math.max(peak, now + total);
  return text(top >= at ? "bot.say.crisis" : "bot.say.crisisNear", { ...args, peak: r1(top), adds: r1(total), deals, gap: r1(at - top) });
}

