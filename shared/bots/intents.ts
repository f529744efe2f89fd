/**
 * The small grammar of questions a bot answers in chat (docs/RULES.md §1, "Talking to a bot").
 * A person writes to a bot in a channel they share with it, or addresses it in the plenary
 * ("Japan, …", "@Japan", `addressees`; or names it in a question addressed to nobody; or, naming
 * no country, asks of a deal it is party to or of the asker's offer it declined: `plenaryRoute`); the
 * bot recognises one of seven intents from plain words (English or Chinese) and answers from
 * its valuation (or, for trust, the rules):
 *
 *   why            "why did you decline A3?"            → the reason it gave on that deal
 *   take           "what would it take (on A3)?"        → the nearest terms it would sign, or
 *                  "what do you want from us?"            the best deal it sees with the asker
 *                  "what does Japan want, and why?"       (a closing "and why?" asks its reason)
 *   trust          "how can we raise our trust?"        → what moves trust, by the rules
 *   join           "will you join A5?" / "join a regime?" → yes or no, and why
 *   propose        "I propose a supply deal"            → the terms of that type it would sign
 *   if             "can you sign A21 if we make it broad?" → the deal (named, or the one last
 *                                                            discussed in the channel) with the
 *                                                          changed terms: yes or no and why, or
 *                                                          the smallest change it would accept
 *   pay            "if we pay you, would you join?"      → where the deal (named, or the one last
 *                  "如果我们付钱/补偿你们的损失呢？"          discussed) carries money (a supply
 *                                                          deal's price, a loan's amount and
 *                                                          interest); that a regime, pact,
 *                                                          statement... carries none, what
 *                                                          would make it pay, and a deal with
 *                                                          money it would sign
 *
 * A sector ("in quantum", "芯片"), a tier ("broad", "前沿"), a control's target ("on everyone
 * outside", "对所有外部国家"), the countries named and terms with a number
 * ("at 0.8", "4 a round", "利率 3") narrow every answer (`Hints`); buying or selling ("would Japan
 * buy … from us?", "卖给我们") is a supply deal in the direction said (`supplier`). A condition on who else is in
 * ("will you join the chip regime if Japan does?", "如果日本加入") asks about the deal last
 * discussed, or a fresh one with the asker, with those countries among its parties.
 *
 * Anything else gets a polite note of what it answers. A deal is named by its id (A7KM; A3 in a
 * game of counted ids, shared/engine/deal-ids.ts); a type
 * by a word for it ("loan", "regime", "贷款"...).
 */
import { AGREEMENTS, sectorOf, type AgreementType } from "../engine/agreements/index.ts";
import { dealIdsTyped } from "../engine/deal-ids.ts";
import type { Agreement, Channel, Message } from "../engine/types.ts";
import { canSeeAgreement } from "../engine/views.ts";
import type { ProjectType, Sector } from "../engine/vocabulary.ts";

/**
 * What a question narrows the answer to: a sector ("in quantum", "芯片"), a tier ("broad",
 * "前沿"), countries it names besides the bot (partners a deal must include), and whether the
 * asker offers to pay ("if we pay you something?": the `pay` intent; talk.ts then looks only at
 * deals in which the asker pays the bot).
 */
export type Hints = {
  sector?: Sector;
  tier?: "frontier" | "broad";
  partners?: string[];
  pay?: true;
  terms?: NamedTerms;
  /** A control on everyone outside its members ("on everyone outside", "对所有外部国家"): the export-control terms' target `outside`. */
  target?: "outside";
  /** The country a control is said to be on ("on China", "对中国"), the bot asked too: a control aimed at it is none it joins (talk.ts). */
  on?: string;
  /** A loan's project ("for the economic corridor", "用于经济走廊"): the loan asked is for it. */
  project?: ProjectType;
  /** The question's condition is who else is in ("…if Japan does?", "如果日本加入"): the deal with the countries it names among the parties. */
  ifJoined?: true;
  /**
   * Who would supply the goods of a supply deal asked about: the asker ("would Japan buy 5G
   * equipment from Finland/us?", "we could sell you…", "从我们这里买") or the bot asked ("will you
   * sell chips to us?", "can we buy from you?", "卖给我们").
   */
  supplier?: "asker" | "bot";
  /** A standards race's option the question names by a word of its own ("open 6G", "rights-based norms"): the coalition asked backs it (talk.ts `optionAsked`). */
  option?: { technology: string; option: string };
  /**
   * A number the question puts on no named term ("would you accept 0.3 instead?", "你们能接受 0.3
   * 吗？"): the term of the deal asked about it can be (talk.ts `figureTerm`: a supply deal's price
   * where only the price can be 0.3), or, where it could be several, the bot asks which.
   */
  figure?: number;
};

/** Terms a question puts a number on: "at 0.8", "2 capital a round each" (joint research's contribution, "每轮各投入 2 资金"), "4 a round" (or "4 units a round", as a deal's card says it), "a loan of 20" (or "lend us 20", "借给你们 20"), "at 3% interest", "单价 0.8", "每轮 4 单位", "利率 3". */
export type NamedTerms = { price?: number; volume?: number; amount?: number; interest?: number; contribution?: number };

export type Intent =
  /** `declined`: the question asks about a decline and names no deal, type or sector ("why did you decline?", "为什么拒绝？"). */
  | ({ kind: "why"; agreementId?: string; type?: AgreementType; declined?: true } & Pick<Hints, "sector">)
  /** `wants`: "what do you want (from us)?", "你们想从我们这里得到什么？": what the bot wants most with the asker, never a follow-up on the deal last discussed. */
  | ({ kind: "take"; agreementId?: string; type?: AgreementType; wants?: true } & Hints)
  | ({ kind: "join"; agreementId?: string; type?: AgreementType } & Hints)
  | ({ kind: "propose"; type?: AgreementType } & Hints)
  /** A what-if on a deal (named, or the one last discussed in the channel): "can you sign A21 if we make it broad?". */
  | ({ kind: "if"; agreementId?: string; type?: AgreementType } & Hints)
  /** An offer of money for a deal (named, or the one last discussed): "if we pay you, would you join?", "如果我们用一笔资金补偿你们的损失呢？". */
  | ({ kind: "pay"; agreementId?: string; type?: AgreementType } & Omit<Hints, "pay">)
  /** "How can we raise our trust?", "怎样才能提高信誉？": what moves trust, from the rules. */
  | { kind: "trust" }
  /** A message of small talk and nothing else: "thanks", "ok", "bye", "谢谢，再见"; `thanks`: it thanks ("谢谢", "thank you"). */
  | { kind: "courtesy"; thanks?: true }
  /** `greeting`: a greeting and nothing else ("你好！", "hello"): the note of what it answers, greeted back (talk.ts). */
  | { kind: "other"; greeting?: true };

const WHY = /\bwhy\b|how come|为什么|为何|怎么拒绝|为啥/;
/**
 * A why about a decline or a step out: "why did you decline/reject/turn it down/stay out?",
 * "为什么拒绝/不签/不加入？". Not 退出, a withdrawal in the bots' own words (我方退出了 A8), which
 * is asked about as "why did you withdraw?" is.
 */
const DECLINE = /\bdeclin|\breject|\bturn(?:ed|ing)?\s+(?:\S+\s+)?down\b|\brefus|\b(?:stay(?:ed)?|step(?:ped)?)\s+out\b|拒绝|不签|没签|没有签|不加入|没加入|没有加入/;
const TAKE = /what would it take|what (?:do|would) you (?:want|need|accept|sign)|what are you (?:looking|asking|hoping) for|what terms|your terms|what would you|条件|要什么|得到什么|怎样才|怎么才|如何才/u;
/** "What does Japan want from us?": what the bot asked wants, where the country named is it ("you", its name), not a third one (`parseIntent`). */
const WANTS = /what (?:does|do|would|will) ((?:[\p{L}.]+\s+){1,4})(?:want|need|expect)\b/u;
const ZH_WANTS = /([^，,？?。：:、\s]{1,8}?)(?:最)?(?:想|需要|希望)(?:从[^，,？?。]{0,8}?)?(?:得到|获得|要)?什么/u;
/** What the bot wants, not what a deal would take: "what are you looking for?", and none of "…it?", "…for that?", "…in return?", "需要什么条件？", "…作为交换？" (`parseIntent`). */
const LOOKING = /what are you (?:looking|hoping) for/;
const ON_A_DEAL = /\b(?:it|that)\b|\bthis\s+(?:deal|one|offer|agreement)\b|\bin (?:return|exchange)\b|条件|这项|这个|它|作为(?:交换|回报)|交换/u;
/** A what-do-you-want question that also asks "and why?" ("What do you want most, and why?", "你们想要什么，为什么？"): the reason of that answer, which gives its reason. */
const AND_WHY = /(?:(?:,|，)?\s*(?:and\s+)?why|(?:,|，)\s*(?:为什么|为何|为啥))\s*[?？!！.。]*\s*$/u;
/** "How can we raise our trust?", "怎样才能提高信誉？": what moves trust (docs/RULES.md: keeping, withdrawing, defaulting). */
const TRUST = /\bhow\b[^?]*\b(?:raise|increase|improve|build|gain|earn|grow|boost|restore|rebuild|lift)\b[^?]*\btrust\b|(?:怎么|怎样|如何|怎么样)[^？?]*(?:提高|提升|增加|赢得|建立|恢复|积累)[^？?]*(?:信誉|信任)/u;
/** A changed or conditional offer on a deal: "if we…", "instead of frontier", "如果…", "改成…". */
const IF = /\bif\b|\binstead\b|rather than|如果|假如|要是|若是|改成|改为|换成|而不是|而非/;
/** Whether terms would do, on a deal (named or the last discussed): "would you accept 1%?", "你们能接受利率 1% 吗？", "行不行？", "同意吗？". */
const ACCEPT = /(?:would|will|do) you (?:accept|take|agree|live with)|(?:can|could) you (?:sign|accept|take|agree|live with)|\bacceptable\b|接受|同意吗|同不同意|行不行|行吗|可不可以|可以吗|好不好|能否签|能不能签|可以签/;
/** An offer the asker makes, however it ends ("we are willing to lend you 30…, do you accept?", "我们愿意…你们接受吗？"): a deal proposed, with its terms. */
const OFFER = /\bwe (?:propose|offer|are (?:willing|ready|prepared) to|would like to (?:offer|propose|lend|provide|give)|can (?:offer|provide|lend)|will (?:offer|provide|give))\b|\bi (?:propose|offer)\b|我们愿意|我方愿意|我们提议|我方提议|我提议|我们建议|我方建议|我们可以提供|我方可以提供|我们提供|我方提供/;
/**
 * Joining or signing, asked: "will you join…?", "would you sign…?", "加入", "你们愿意和中国签一份…协议吗？",
 * "肯签吗", "会不会签" (a willingness and a 签 after it: "would you sign", where "能签/可以签" is
 * "can you sign", `ACCEPT`).
 */
const JOIN = /\bjoin\b|\b(?:will|would) you (?:sign|back)\b|\bsign up\b|加入|参加|签不签|会签|(?:愿意|愿不愿意|肯|会不会)[^，,？?。]{0,16}?签/;
/** A line that asks: a question mark, a question word of Chinese, or a verb that opens a question ("would you…", "are you…"). */
const ASKS = /[?？]|[吗呢么]\s*$|^\s*(?:would|will|do|does|are|is|can|could|shall)\s+(?:you|it|they|there)\b|\binterested\b/u;
const PROPOSE = /\bi propose\b|\bwe propose\b|\bhow about\b|\blet'?s\b|\bwhat about\b|我提议|我们提议|建议|提议/;
/**
 * Lending, put as a verb ("will you lend to Kenya?", "we will lend you 10 at 3%", "你们会借给肯尼亚吗？", "…借钱给肯尼亚吗？"): a loan proposed, though no other word asks.
 * Not lending told in the past ("we lent to Kenya", "我们借给了肯尼亚"): that is news, not an offer.
 */
const LEND = /\blend(?:s|ing)?\b|借(?:钱)?给(?![了过])|借款|放贷/;
/**
 * Supplying goods, said as selling is ("China supplies the US…", "we could supply chips to you",
 * "will you supply us with…", "中国向美国供应…", "供货"): not "a supply deal", 供应链 or 供应协议
 * (a supply deal's names), which name a kind of deal and no direction.
 */
const SUPPLY = /\bsuppl(?:ies|ying)\b|\bsupply\s+(?:\S+\s+){0,4}?to\b|\bsupply\s+(?:us|you|me)\s+with\b|(?:供应|供货)(?!链|协议|协定)/u;
/** Buying or selling goods ("would Japan buy 5G equipment from Finland?", "will you sell chips to us?", "从我们这里买", "卖给我们"), or supplying them (`SUPPLY`): a supply deal, in the direction `supplierOf` reads. */
const TRADE = new RegExp(`\\b(?:buy|buying|buys|purchase|import|sell|selling|sells)\\b|(?:购买|进口|采购|买|卖|出售)|${SUPPLY.source}`, "u");

/**
 * Who would supply in a question about buying or selling (`TRADE`): the bot asked where the
 * goods come from it ("buy … from you/Japan", "sell … to us", "can we buy…?", "will you
 * sell…?", "从你们这里买", "卖给我们"); the asker where they go to the bot ("would Japan buy …
 * from Finland/us?", "we could sell you…", "would you buy…?", "你们会从我们这里买…吗？"); nothing
 * where the question does not say ("需要什么条件才能买稀土？"). `me`: the bot's names.
 */
function supplierOf(s: string, me: readonly string[]): "asker" | "bot" | undefined {
  const names = me.map(escape).join("|") || "(?!)";
  const you = new RegExp(`^(?:the\\s+)?(?:you|your|yours|${names})(?![\\p{L}])|^(?:你们|你方|贵方|你|${names})`, "iu");
  const us = /^(?:us|our|ours|me)(?![\p{L}])|^(?:我们|我方|我国|我)/iu;
  const sells = /\b(?:sell|selling|sells)\b|卖|出售/u.test(s) || SUPPLY.test(s);
  const to = /\b(?:sell|selling|sells|export|supply|supplies|supplying)\s+(?:\S+\s+){0,4}?to\s+(.+)|\b(?:sell|sells|selling|supply|supplies|supplying)\s+(.+)|(?:卖|出售|出口|供应|供货)[^，,？?。]{0,8}?给\s*(.+)|向\s*(.+?)(?:出售|出口|供应|供货)/u.exec(s);
  if (sells && to) {
    const who = (to[1] ?? to[2] ?? to[3] ?? to[4])!.trim();
    if (you.test(who)) return "asker";
    if (us.test(who)) return "bot";
  }
  const from = /\bfrom\s+(.+)|从\s*(.+)/u.exec(s);
  if (!sells && from) return you.test((from[1] ?? from[2])!.trim()) ? "bot" : "asker";
  // The one who buys or sells, where the question names them: "can we buy…?", "would you buy…?", "你们会卖…吗？".
  const verb = sells ? "(?:sell|selling|export|supply|supplies|supplying)|卖|出售|出口|供应|供货" : "(?:buy|purchase|import)|购买|进口|采购|买";
  const by = (who: string) => new RegExp(`\\b(?:${who})\\b[^?？]*?(?:${verb})`, "iu").test(s) || new RegExp(`(?:${who})[^，,？?。]{0,8}?(?:${verb})`, "u").test(s);
  const weDo = by("we|i|我们|我方");
  const youDo = by(`you|${names}|你们|你方|贵方`);
  if (weDo === youDo) return undefined;
  return weDo === sells ? "asker" : "bot";
}

/** Words for each sector, in English and Chinese (the zh-CN catalog's names, client/i18n/zh-CN/vocabulary.ts, and shorter ones people write). */
const SECTOR_WORDS: readonly [Sector, RegExp][] = [
  ["semis", /semiconductors?|\bsemis\b|\bchips?\b|chipmaking|半导体|芯片/],
  ["quantum", /quantum|量子/],
  ["telecom", /telecoms?|\b[56]g\b|open[- ]?ran\b|\bran\b|cables?|通信|电信|光缆|无线接入网/],
  ["minerals", /minerals?|rare earths?|nickel|稀土|矿产|矿物|镍/],
  ["biotech", /biotech|pharma|生物|医药/],
  ["energy", /\benergy\b|batter(?:y|ies)|能源|电池/],
  ["ai", /\bai\b|artificial intelligence|\bcompute\b|人工智能|算力/],
];
/** Words for each loan project, in English and Chinese (the catalogs' names, client/i18n/{en,zh-CN}/vocabulary.ts, and shorter ones): a loan for it. Read before the sectors ("海底光缆" is not telecom). */
const PROJECT_WORDS: readonly [ProjectType, RegExp][] = [
  ["cable", /(?:undersea|submarine|subsea)\s+cables?|海底光缆|海缆/g],
  ["5g", /\b5g\s+networks?\b|5g\s*网络/g],
  ["grid", /(?:power|electricity)\s+grids?|\bgrid\b|电网/g],
  ["datacentre", /data\s*cent(?:re|er)s?|数据中心/g],
  ["corridor", /(?:economic\s+|trade\s+|transport\s+)?corridors?|经济走廊|走廊/g],
];
/** A tier named after "instead of" is the one the asker moves away from: "a broad control instead of frontier". */
const NOT_TIER = /(?:instead of|rather than|not|而不是|而非|不是|不要)\s*(?:an?\s+|the\s+)?(?:broad|frontier|全面|宽泛|广泛|前沿)/g;
const BROAD = /\bbroad\b|全面|宽泛|广泛/;
const FRONTIER = /\bfrontier\b|前沿/;
/** A control on everyone outside its members: the target `outside` of the export-control terms. */
const OUTSIDE = /\b(?:on|against|to|targeting)\s+(?:all\s+|every\s+)?(?:everyone|everybody|all|(?:the\s+)?(?:other\s+)?(?:countries|nations))\s+outside\b|\bon\s+all\s+(?:the\s+)?outside\s+(?:countries|nations)\b|\boutside\s+(?:the\s+)?regime\b|(?:对|针对)\s*所有\s*(?:外部|非成员|成员以外的?)\s*国家?|所有非成员国|机制以外的所有国家/u;
/** A condition on who else is in: "if Japan does", "if Japan joins too", "如果日本也加入" (not "if we…", "if you…"). */
const IF_JOINED = /\bif\s+(?!(?:we|you|i|they|it|that|this|so|not)\b)(?:the\s+)?[\p{L}.]+(?:\s+[\p{L}.]+){0,2}?\s+(?:does|do|did|joins?|signs?|is\s+in|are\s+in|comes?\s+in|goes?\s+in|agrees?|too)\b|(?:如果|假如|要是|若是)(?!我们|我方|你们|贵方)[^，,？?。]{1,8}?(?:也)?(?:加入|参加|签署|签|同意)/u;
/** An offer of money: "if we pay you", "compensate", "cover your loss", "funds"; "付钱", "补偿", "资金", "出钱", "给钱". */
const PAY = /\bpay(?:ing|s)?\b|\bpaid\b|\bpayments?\b|compensat|\breimburs|\bsweeten|\bmoney\b|\bcash\b|\bfunds?\b|\bfunding\b|\bcover (?:your|the|its) loss|\bsubsid|给(?:你们?|你方|贵方)?(?:钱|补偿|好处|资金)|补偿|赔偿|补贴|付钱|出钱|给钱|花钱|一笔钱|资金|支付|付费|报酬/;

const NUM = "(\\d+(?:\\.\\d+)?)(?!\\d|\\.\\d)";
/**
 * The unit a term's number may carry, as the deal cards write it ("单价 1 资金", "贷款 14 资金",
 * "2 capital"): part of the term, not money offered (`PAY`, whose "资金" is a sum put on the table).
 */
const UNIT = "(?:\\s*(?:资金|capital))?";
/**
 * Capital a round that each party of joint research puts in ("2 capital a round each", "每轮各投入 2
 * 资金"): a term of the deal, not money paid to the bot (its "资金" is no `PAY`).
 */
const CONTRIBUTION = new RegExp(`${NUM}\\s*capital\\s+(?:each\\s+)?(?:a|per|each)\\s+round|\\bcontribut(?:e|es|ion|ing)\\s*(?:of|to|at)?\\s*${NUM}|(?:每轮|每方|各方)[^\\d，,。？?]{0,6}?${NUM}\\s*资金|(?:投入|出资)\\s*${NUM}`, "u");
/** Every contribution of a text, taken out before it is read for an offer of money (`cluesOf`). */
const CONTRIBUTIONS = new RegExp(CONTRIBUTION.source, "gu");
/** The words that put a number on a term, in English and Chinese; the interest first (a "%" is never a price), then a contribution, the volume, the price and the amount. */
const TERM_NUMBERS: readonly [keyof NamedTerms, RegExp][] = [
  ["interest", new RegExp(`${NUM}\\s*%|(?:interest(?:\\s+rate)?|利率|利息)\\s*(?:of|at|to|为|是|降到|降至|改为|改成)?\\s*${NUM}`, "u")],
  // Capital a round is what each party of joint research puts in (its contribution), not goods.
  ["contribution", CONTRIBUTION],
  ["volume", new RegExp(`${NUM}\\s*(?:units?\\s+)?(?:a|per|each)\\s+round|\\bvolume\\s*(?:of|to|at)?\\s*${NUM}|每轮\\s*${NUM}|${NUM}\\s*(?:个)?单位|${NUM}\\s*units?\\b`, "u")],
  ["price", new RegExp(`(?:\\bat|\\bprice(?:\\s+(?:of|at|to))?|单价|价格|价钱|每单位|以)\\s*(?:为|是|降到|降至|改为|改成)?\\s*\\$?${NUM}(?!\\s*(?:rounds?|轮|%))${UNIT}|${NUM}\\s*(?:each|apiece|per unit|a unit|的价格|的单价)`, "u")],
  ["amount", new RegExp(`(?:\\bamount|\\bloan of|贷款金额|金额|贷款|\\blend(?:s|ing)?(?:\\s+(?:us|you|them|me|it|him|her|\\p{L}+))?|借(?:钱)?给[^\\d\\s，,。]{0,6}|借款|放贷|提供)\\s*(?:of|to|为|是)?\\s*${NUM}${UNIT}|${NUM}\\s*的?[^\\d\\s，,。]{0,8}贷款`, "u")],
];

/**
 * The terms a text puts a number on (`NamedTerms`), each read once: a number is one term's; and
 * the text without them (`rest`), where an offer of money is read.
 */
function termsOf(s: string): { terms?: NamedTerms; rest: string } {
  const out: NamedTerms = {};
  let rest = s;
  for (const [term, re] of TERM_NUMBERS) {
    const m = re.exec(rest);
    if (!m) continue;
    const n = Number(m.slice(1).find((x) => x !== undefined));
    if (!Number.isFinite(n)) continue;
    out[term] = n;
    rest = rest.slice(0, m.index) + " ".repeat(m[0].length) + rest.slice(m.index + m[0].length);
  }
  return { ...(Object.keys(out).length ? { terms: out } : {}), rest };
}

/**
 * The one number of a text that no term word claims (`termsOf`) and that names nothing else: not a
 * deal's id ("A39"), a generation ("5G", "6G"), a share ("3%"), a count of rounds ("2 rounds",
 * "2 轮") or a year ("2021").
 */
function figureOf(s: string): number | undefined {
  const rest = s.replace(/\b(?:a|(?:deal|agreement)\s*)#?\d{1,4}\b|协议\s*a?\d{1,4}/gu, " ");
  const found = [...rest.matchAll(/(?<![\p{L}\d.])(\d+(?:\.\d+)?)(?![\d.]*\d)(?!\s*(?:%|g\b|rounds?\b|years?\b|轮|年|个?国家|countries))/gu)].map((x) => Number(x[1])).filter((n) => Number.isFinite(n) && n < 1000);
  return found.length === 1 ? found[0] : undefined;
}

/** Every seat's names (its id, its name, its translated names), to find the countries a question names. */
export type SeatNames = readonly { id: string; names: readonly string[] }[];

/**
 * The intent of a message, the deal or type it names, and what narrows it (`Hints`). `seats`
 * (optional) finds the countries it names, other than `me` (the bot asked).
 */
export function parseIntent(words: string, seats: SeatNames = [], me?: string, alone = false): Intent {
  const { s, named, typed, hints: all } = cluesOf(words, seats, me);
  // A bare number is a term only in a what-if on a deal ("would you accept 0.3 instead?"): "a 10 loan" asks of no deal.
  const { figure: _figure, ...hints } = all;
  const { sector } = hints;
  const wants = WANTS.exec(s);
  // What a third country wants is for it to say, not this bot.
  const who = (wants ?? ZH_WANTS.exec(s))?.[1];
  const third = !!who && !/\byou\b|你|贵方/u.test(who) && mentioned(who, seats, me).length > 0;
  const take = (TAKE.test(s) || !!wants) && !third;
  // "What do you want most, and why?": the reason of what it wants, which that answer gives.
  const whyOfTake = take && !WHY.test(s.replace(AND_WHY, ""));
  if (WHY.test(s) && !whyOfTake) return { kind: "why", ...named, ...typed, ...(sector ? { sector } : {}), ...(DECLINE.test(s) && !named.agreementId && !typed.type && !sector ? { declined: true as const } : {}) };
  if (TRUST.test(s) && !named.agreementId) return { kind: "trust" };
  // An offer of money, however put ("if we pay you…", "what would it take if we compensate you?"): what money can and cannot buy.
  if (hints.pay) {
    const { pay: _, ...rest } = hints;
    return { kind: "pay", ...named, ...typed, ...rest };
  }
  // "What do you want (from us)?": the deal with the asker it values most, whatever was discussed before (docs/RULES.md, the questions table).
  const wanted = take && (!!who || LOOKING.test(s)) && !ON_A_DEAL.test(s);
  if (take) return { kind: "take", ...named, ...typed, ...hints, ...(wanted ? { wants: true as const } : {}) };
  // A condition or a change of terms, on a deal (named or the last discussed): evaluated as changed.
  if (IF.test(s)) return { kind: "if", ...named, ...typed, ...all };
  // "我们愿意向印度提供贷款…，你们接受吗？": the asker's own offer, with its terms, not a what-if on another deal.
  if (OFFER.test(s) && !named.agreementId) return { kind: "propose", ...typed, ...hints };
  if (ACCEPT.test(s)) return { kind: "if", ...named, ...typed, ...all };
  if (JOIN.test(s)) return { kind: "join", ...named, ...typed, ...hints };
  if (PROPOSE.test(s) || LEND.test(s) || hints.supplier) return { kind: "propose", ...typed, ...hints };
  // A message of terms and nothing else ("and at 0.5?", "0.4 呢？"): a what-if on the deal discussed
  // (`alone`: after a question of the same message, they are that question's, `questionsIn`).
  if (alone && (all.terms || all.figure !== undefined)) return { kind: "if", ...named, ...typed, ...all };
  // A question that names a kind of deal and asks nothing else the grammar knows ("Would you do
  // joint research?", "Interested in a supply deal?", "联合研发呢？"): which deal of that kind it
  // would sign, as "will you join…?" asks; not the usage help. A statement ("We lent to Kenya") is news.
  if (typed.type && !named.agreementId && ASKS.test(s)) return { kind: "join", ...typed, ...hints };
  if (SMALL_TALK.test(words)) return { kind: "courtesy", ...(THANKS.test(words) ? { thanks: true as const } : {}) };
  if (HELLO.test(words)) return { kind: "other", greeting: true };
  return { kind: "other" };
}

/** Small talk and nothing else, in English or Chinese: thanks, ok, goodbyes (a greeting gets the note of what it answers). */
const SMALL_TALK = /^(?:[\s,，。.!！~、;；]*(?:thanks(?: a lot| so much| very much)?|thank you(?: (?:very much|so much))?|many thanks|thx|ty|ok|okay|alright|all right|fine|great|good|cool|noted|got it|bye|goodbye|good bye|see you|cheers|谢谢(?:你们|你|您)?|多谢|(?:非常)?感谢(?:你们|您)?|再见|好的|好吧|好|行|明白了|知道了|收到|拜拜|回见|嗯))+[\s,，。.!！~、;；]*$/iu;
/** A greeting and nothing else, in English or Chinese: "hello", "hi there", "你好！", "您好", "大家好". */
const HELLO = /^[\s,，。.!！~]*(?:(?:hello|hi|hey|good (?:morning|afternoon|evening|day))(?: there| all| everyone)?|你好|您好|你们好|大家好|早上好|上午好|下午好|晚上好|嗨|哈喽)[\s,，。.!！~]*$/iu;
/** Small talk that thanks: "thanks", "thank you", "谢谢你们", "多谢" (talk.ts answers it with a "you're welcome"). */
const THANKS = /\bthank|\bthx\b|\bty\b|谢|感谢/iu;

/** At most this many questions of one message are answered, in the order written (a flood of questions gets no wall of answers). */
export const QUESTIONS_PER_MESSAGE = 3;

/**
 * The questions of one message, in the order written: each sentence (`sentencesOf`) read by
 * `parseIntent`, at most `QUESTIONS_PER_MESSAGE`. A sentence that asks nothing ("We withdrew
 * from A1.", "We need minerals.") lends the deal, type, sector... it names to the question after
 * it, where that question names none. `addressed` (the plenary): whom a sentence is addressed to
 * (`addressees`); the sentences after one addressed to other seats are theirs, not `me`'s. A
 * message with no question in any sentence is read whole.
 */
export function questionsIn(words: string, seats: SeatNames = [], me?: string, addressed?: (sentence: string) => Set<string> | null): Intent[] {
  const out: Intent[] = [];
  let context: Partial<Clues["named"] & Clues["typed"] & Hints> = {};
  let mine = true;
  for (const sentence of sentencesOf(words)) {
    const to = addressed?.(sentence);
    if (to) mine = !me || to.has(me);
    if (!mine) {
      context = {};
      continue;
    }
    const intent = parseIntent(sentence, seats, me);
    // "What do you want most? And why?": a bare why after a what-do-you-want asks the reason that answer gives.
    if (intent.kind === "why" && Object.keys(intent).length === 1 && out.at(-1)?.kind === "take" && !Object.keys(context).length) continue;
    if (intent.kind === "other" || intent.kind === "courtesy") {
      const c = cluesOf(sentence, seats, me);
      // A bare number in a sentence that asks nothing is no term of the question after it.
      const { figure: _, ...hints } = c.hints;
      context = { ...context, ...c.named, ...c.typed, ...hints };
      continue;
    }
    out.push(withContext(intent, context));
    context = {};
    if (out.length === QUESTIONS_PER_MESSAGE) break;
  }
  // What the sentences after the last question name ("…购买关键矿产吗？单价 1.2", "…minerals? At 0.9."): that question's too.
  const last = out.at(-1);
  if (last && mine && Object.keys(context).length) out[out.length - 1] = withContext(last as Exclude<Intent, { kind: "other" }>, context);
  return out.length ? out : [parseIntent(words, seats, me, mine)];
}

/** A question with what the sentences before it named and it does not. */
function withContext(intent: Exclude<Intent, { kind: "other" }>, context: Partial<Clues["named"] & Clues["typed"] & Hints>): Intent {
  const { agreementId, type, sector, ...hints } = context;
  const add = <T extends object>(x: T) => Object.fromEntries(Object.entries(x).filter(([k, v]) => v !== undefined && !(k in intent))) as Partial<T>;
  if (intent.kind === "trust") return intent;
  if (intent.kind === "why") return { ...intent, ...add({ agreementId, type, sector }) };
  if (intent.kind === "propose") return { ...intent, ...add({ type, sector, ...hints }) };
  return { ...intent, ...add({ agreementId, type, sector, ...hints }) };
}

/** A condition clause before the question ("if …,", "如果……，"). */
const CONDITION = /(?:\bif\b|如果|假如)[^,，?？.。]*[,，]/u;

type Clues = { s: string; named: { agreementId?: string }; typed: { type?: AgreementType }; hints: Hints };

/** What a text names: a deal, a type, and the `Hints`. */
function cluesOf(text: string, seats: SeatNames, me?: string): Clues {
  const words = plainWords(text);
  const s = words.toLowerCase();
  // A deal's id as its card shows it ("A7KM", "a7km"), or after a word for a deal ("deal 7KM"): "a 10 loan" names none.
  const agreementId = dealIdsTyped(s)[0];
  // "If Australia covers your minerals and we add joint chip research, would you join a chip
  // regime?": the deal asked about is the main clause's; a deal the condition names is the
  // condition's, read only where the main clause names none.
  const written = writtenType(s.replace(CONDITION, " ")) ?? writtenType(s);
  // Buying or selling goods is a supply deal, in the direction asked; a project's name in it is the goods ("5G network equipment": telecom).
  const supplier = TRADE.test(s) && (!written || written === "supply") ? supplierOf(s, seats.find((x) => x.id === me)?.names ?? []) : undefined;
  const trade = supplier !== undefined;
  const { terms, rest: termless } = termsOf(s);
  // Capital a round each ("每轮各投入 2 资金") is a term of joint research alone: a question that puts it and names no type asks about joint research, not the deal discussed of another kind.
  const type = trade ? "supply" : (written ?? (terms?.contribution !== undefined ? "rnd" : undefined));
  const project = trade ? undefined : PROJECT_WORDS.find(([, re]) => new RegExp(re.source).test(s))?.[0];
  // A project's name is no sector ("海底光缆", "5G network").
  const unprojected = project ? PROJECT_WORDS.reduce((x, [, re]) => x.replace(re, " "), s) : s;
  const sector = SECTOR_WORDS.find(([, re]) => re.test(unprojected))?.[0];
  const rest = s.replace(NOT_TIER, " ");
  const tier = BROAD.test(rest) ? "broad" : FRONTIER.test(rest) ? "frontier" : undefined;
  const partners = mentioned(words, seats, me);
  const on = seats.find((x) => x.names.length && targeted(x.names).test(words))?.id;
  const named = { ...(agreementId ? { agreementId } : {}) };
  const typed = { ...(type ? { type } : {}) };
  const figure = terms ? undefined : figureOf(s);
  const hints: Hints = {
    ...(sector ? { sector } : {}),
    ...(project ? { project } : {}),
    ...(tier ? { tier } : {}),
    ...(partners.length ? { partners } : {}),
    // A term's capital ("单价 2 资金", "每轮各投入 2 资金") is no offer of money.
    ...(PAY.test(termless.replace(CONTRIBUTIONS, " ")) ? { pay: true as const } : {}),
    ...(terms ? { terms } : {}),
    ...(OUTSIDE.test(s) ? { target: "outside" as const } : on ? { on } : {}),
    ...(IF_JOINED.test(s) ? { ifJoined: true as const } : {}),
    ...(supplier ? { supplier } : {}),
    ...(figure !== undefined ? { figure } : {}),
  };
  return { s, named, typed, hints };
}

/**
 * The agreement type a text names by its words (each agreement module's `words`): the one whose
 * words say the most of it ("an alignment statement on supply-chain risk" is a statement, not a
 * supply deal); where two say as much, the head of the phrase: in English the first named ("a
 * regime on mineral supply"), in Chinese, which puts it last, the last ("关于供应链风险的声明").
 */
function writtenType(s: string): AgreementType | undefined {
  const han = UNSPACED.test(s);
  let best: { type: AgreementType; length: number; at: number } | undefined;
  for (const k of AGREEMENTS) {
    const hits = [...s.matchAll(new RegExp(k.words.source, `${k.words.flags.replace("g", "")}g`))];
    if (!hits.length) continue;
    const length = hits.reduce((n, m) => n + m[0].length, 0);
    const at = han ? -hits.at(-1)!.index : hits[0]!.index;
    if (!best || length > best.length || (length === best.length && at < best.at)) best = { type: k.type as AgreementType, length, at };
  }
  return best?.type;
}

/** A country named as what a control is on ("on China", "against China", "对中国"): the target, not a partner. */
const targeted = (names: readonly string[]) => new RegExp(`(?:\\bon|\\bagainst|\\btargeting|针对|对于|对)\\s*(?:the\\s+)?(?:${names.map(escape).join("|")})`, "giu");

/** Words for a market or trade a country is named as the place of ("China sales", "sales to China", "中国市场"). */
const MARKET = "sales|market|markets|exports?|imports?|trade|revenues?|customers|buyers|demand|orders|business";
const MARKET_ZH = "市场|销售|销路|出口|进口|贸易|收入|客户|订单";
/**
 * A country named as the object of the sentence, its market or trade ("your lost China sales",
 * "China's market", "exports to China", "对中国的出口", "中国市场"): not a party to the deal asked about.
 */
const marketOf = (names: readonly string[]) => {
  const n = names.map(escape).join("|");
  return new RegExp(`(?:(?:${n})(?:['’]s)?\\s+(?:${MARKET})\\b|\\b(?:${MARKET})\\s+(?:to|in|with|from)\\s+(?:the\\s+)?(?:${n})|(?:对|向|在)?(?:${n})(?:的)?(?:${MARKET_ZH}))`, "giu");
};

/** The seats a text names as partners, other than `me`, a control's target and a country named as a market, in the order of `seats`. */
function mentioned(words: string, seats: SeatNames, me?: string): string[] {
  if (!seats.length) return [];
  const all = seats.flatMap((x) => x.names);
  return seats.filter((x) => x.id !== me && x.names.length && mentionOf(x.names, all.filter((n) => !x.names.includes(n)))(words.replace(targeted(x.names), " ").replace(marketOf(x.names), " "))).map((x) => x.id);
}

/** Each country's names in the scenario's translations (country id → names), for questions in the plenary. */
export type TranslatedNames = Readonly<Record<string, readonly string[]>>;

/** Each standards race's names and its options' names in the scenario's translations (race id → names; option id → names), for a question that names an option in another language. */
export type TranslatedStandards = Readonly<Record<string, { names: readonly string[]; options: Readonly<Record<string, readonly string[]>> }>>;

/**
 * The names a person may call a seat by in the plenary: its id, its country's name, and that
 * name in every translation of the scenario (`translated`; the server passes them from
 * assets/scenarios/<lang>/, the engine does no I/O).
 */
export function namesOf(countries: readonly { id: string; name: string }[], seat: string, translated: TranslatedNames = {}): string[] {
  const name = countries.find((c) => c.id === seat)?.name;
  return [...new Set([seat, ...(name ? [name] : []), ...(translated[seat] ?? [])])];
}

/** Every other seat's names (a longer name that holds this seat's, 印度尼西亚 beside 印度, is not a mention of it). */
function otherNames(countries: readonly { id: string; name: string }[], seat: string, translated: TranslatedNames = {}): string[] {
  return countries.filter((c) => c.id !== seat).flatMap((c) => namesOf(countries, c.id, translated));
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** Scripts written without spaces between words: a name in them is a mention wherever it stands ("日本为什么…"). */
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

const SEAT_ID = /^[A-Z]{2,3}$/;

/** A test of whether a text names the seat by one of `names`, not as part of a longer name in `others`. */
export function mentionOf(names: readonly string[], others: readonly string[] = []): (text: string) => boolean {
  const longer = others.filter((o) => names.some((n) => o.length > n.length && o.toLowerCase().includes(n.toLowerCase()))).sort((x, y) => y.length - x.length);
  const hide = longer.length ? new RegExp(longer.map(escape).join("|"), "giu") : null;
  // A seat's id ("IN", "ID") is matched as written: in any case it is a word ("in", "id") of most sentences.
  const res = names.map((n) => (UNSPACED.test(n) ? new RegExp(escape(n), "iu") : new RegExp(`(^|[^\\p{L}\\p{N}])${escape(n)}($|[^\\p{L}\\p{N}])`, SEAT_ID.test(n) ? "u" : "iu")));
  return (text) => {
    const rest = hide ? text.replace(hide, " ") : text;
    return res.some((re) => re.test(rest));
  };
}

/**
 * Where a question in the plenary says whom it is for: a greeting at most ("Sorry", "请问"),
 * then one or more names ("Netherlands and Japan", "印度和印度尼西亚") and a comma, a colon or
 * 、 — or "@Name" anywhere. A country named elsewhere ("…join controls on China?",
 * "…对中国的前沿芯片管制？") is what the question is about, not whom it asks.
 */
const GREETING = /^(?:(?:(?:hello|hi|hey|dear|ok(?:ay)?|so|well|sorry|thanks|thank you|please|and|but)(?![\p{L}\p{N}])|请问|你好|您好|那么|好的|抱歉|对不起|谢谢)[\s,，:：!！]*)*/iu;
const JOINED = /^\s*(?:,|，|、|&|\band\b|和|与|及|跟)\s*/iu;
const VOCATIVE = /^\s*[,，:：、]/u;
/** Letters with full stops ("U.S.", "e.g."): written without them, "U.S." reads as the seat id US and ends no sentence. */
const ABBREVIATION = /(?<![\p{L}\p{N}])(?:\p{L}\.){2,}/gu;
/** A message as the grammar reads it: abbreviations without their full stops. */
export const plainWords = (words: string): string => words.replace(ABBREVIATION, (a) => a.replaceAll(".", ""));

/** The sentences of a message: split on ? ！ 。 and line breaks, and on a full stop that is not a decimal point ("at 0.8") nor an abbreviation's (`plainWords`). */
export const sentencesOf = (words: string): string[] => plainWords(words).split(/[?？!！。\n]+|\.(?!\d)/u).map((x) => x.trim()).filter(Boolean);

/**
 * The seats a message addresses (`address` above), or null when it addresses none in
 * particular (then any seat it names is asked, `mentionOf`).
 */
export function addressees(words: string, countries: readonly { id: string; name: string }[], translated: TranslatedNames = {}): Set<string> | null {
  // Every name of every seat, the longest first (印度尼西亚 before 印度).
  const names = countries
    .flatMap((c) => namesOf(countries, c.id, translated).map((n) => ({ id: c.id, n, exact: SEAT_ID.test(n) })))
    .sort((a, b) => b.n.length - a.n.length);
  const at = (rest: string) =>
    names.find(({ n, exact }) => {
      const head = rest.slice(0, n.length);
      if (exact ? head !== n : head.toLowerCase() !== n.toLowerCase()) return false;
      return UNSPACED.test(n) || !/^[\p{L}\p{N}]/u.test(rest.slice(n.length));
    });
  const out = new Set<string>();
  const plain = plainWords(words);
  for (const m of plain.matchAll(/@/gu)) {
    const hit = at(plain.slice(m.index + 1));
    if (hit) out.add(hit.id);
  }
  for (const sentence of sentencesOf(words)) {
    let rest = sentence.replace(GREETING, "");
    const found: string[] = [];
    for (let hit = at(rest); hit; hit = at(rest)) {
      found.push(hit.id);
      rest = rest.slice(hit.n.length);
      // "Japan, Netherlands: …" is two; "Japan, what…" is one and its comma.
      const joined = JOINED.exec(rest);
      if (!joined || !at(rest.slice(joined[0].length))) break;
      rest = rest.slice(joined[0].length);
    }
    if (found.length && VOCATIVE.test(rest)) for (const id of found) out.add(id);
  }
  return out.size ? out : null;
}

/**
 * Whether a plenary message asks `seat` (`addressees`, else `mentionOf` its names), worked out
 * once a message and seat: the turn rules ask it of every seat on every turn, and a message
 * never changes. Kept with the countries and translations it was read with.
 */
type Asks = { countries: object; translated: object; to: Set<string> | null; bySeat: Map<string, boolean>; nobody?: boolean };
const asks = new WeakMap<Message, Asks>();
function asksOf(m: Message, countries: readonly { id: string; name: string }[], translated: TranslatedNames): Asks {
  let a = asks.get(m);
  if (!a || a.countries !== countries || a.translated !== translated) asks.set(m, (a = { countries, translated, to: addressees(m.text, countries, translated), bySeat: new Map() }));
  return a;
}
function plenaryAsks(m: Message, seat: string, countries: readonly { id: string; name: string }[], translated: TranslatedNames): boolean {
  const a = asksOf(m, countries, translated);
  let v = a.bySeat.get(seat);
  if (v === undefined) a.bySeat.set(seat, (v = asksSeat(m.text, a.to, seat, countries, translated)));
  return v;
}

/** Whether a plenary message names no country at all (`askedInPlenary` finds none), read once a message. */
function namesNobody(m: Message, countries: readonly { id: string; name: string }[], translated: TranslatedNames): boolean {
  const a = asksOf(m, countries, translated);
  return (a.nobody ??= !a.to && !countries.some((c) => plenaryAsks(m, c.id, countries, translated)));
}

/**
 * At most this many countries answer one plenary line (docs/RULES.md §1, "Talking to a bot"), the
 * first to answer: one that names none (`plenaryRoute`) goes to the bots that are parties to the
 * deal it names, or that declined the asker's offers, and one that names many countries ("Japan,
 * Korea, India, Taiwan and the Netherlands, what do you want?") to each of them; a class's
 * plenary is not flooded with their answers either way (`belowCap`).
 */
export const PLENARY_ANSWERS = 3;

/**
 * What a plenary line that names no country asks of the deals' parties, read once a message: the
 * deals it names by id (`named`), and whether it asks about a decline or what a deal would take
 * without naming one (`unnamed`: "why did you decline?", "why not?", "what would it take to get
 * chips?"; the type or sector it narrows to). Null: neither.
 */
type Routable = { named: string[]; unnamed?: { type?: AgreementType; sector?: Sector } };
const routables = new WeakMap<Message, Routable | null>();
function routableOf(m: Message): Routable | null {
  let r = routables.get(m);
  if (r !== undefined) return r;
  r = null;
  // Most lines ask nothing of the kind: the grammar reads only those with a deal's id or a why or take word.
  const words = plainWords(m.text).toLowerCase();
  if (dealIdsTyped(words).length || WHY.test(words) || TAKE.test(words)) {
    const intents = questionsIn(m.text);
    const named = [...new Set(intents.flatMap((i) => ("agreementId" in i && i.agreementId ? [i.agreementId] : [])))];
    const bare = intents.find((i): i is Extract<Intent, { kind: "why" | "take" }> => (i.kind === "why" || (i.kind === "take" && !i.wants)) && !i.agreementId);
    const unnamed = bare && { ...(bare.type ? { type: bare.type } : {}), ...(bare.sector ? { sector: bare.sector } : {}) };
    if (named.length || unnamed) r = { named, ...(unnamed ? { unnamed } : {}) };
  }
  routables.set(m, r);
  return r;
}

const OBSERVER = { kind: "observer" } as const;
/** Whether `seat` may speak of deal `a` in the plenary in answer to `asker`: everyone may see it, or it is the asker's with `seat` alone (talk.ts `mayTell`). */
const tellable = (a: Agreement, asker: string, seat: string) =>
  a.parties.includes(seat) && (canSeeAgreement(OBSERVER, a) || (a.parties.includes(asker) && a.parties.every((p) => p === asker || p === seat)));

/**
 * Whether `seat` is the party a question on deal `a` from `asker` is for: the one that declined
 * it, the one that broke it; for "why" one that gave a reason on it; otherwise, on an offer, one
 * whose signature it waits on (or lapsed without), on any other deal every party but the asker.
 */
function holds(a: Agreement, seat: string, asker: string, why: boolean): boolean {
  if (seat === asker || !a.parties.includes(seat)) return false;
  if (a.status === "declined") return a.steps.some((s) => s.what === "declined" && s.by === seat);
  if (a.status === "broken") return a.brokenBy === seat;
  if (why) return a.steps.some((s) => s.by === seat && s.reason !== undefined);
  if (a.status === "proposed" || a.status === "lapsed") return !a.signatures.includes(seat);
  return true;
}

/**
 * Who answers a plenary question that names no country (docs/RULES.md §1, "Talking to a bot"),
 * as `seat` reads it from the deals it sees: the deals the question names (`named`) that `seat`
 * is the party for (`holds`: "why was A3 declined?" goes to the country that declined A3); or,
 * naming none, where it asks why (or what it would take), the latest of the asker's offers that
 * `seat` declined in the round the question was asked (`declined`). Only deals it may speak of
 * where everyone reads (`tellable`): a private offer of three or more gets no answer there.
 * Undefined when the question is not for `seat`. Every party sees a deal's parties and steps as
 * the engine holds them, so the game loop (the whole state) and the bot (its view) agree.
 */
export function plenaryRoute(q: Message, seat: string, agreements: readonly Agreement[]): { named: string[]; declined?: string } | undefined {
  const asker = q.from.seat;
  const r = asker && asker !== seat ? routableOf(q) : null;
  if (!r || !asker) return undefined;
  const intents = r.named.length ? questionsIn(q.text) : [];
  const named = r.named.filter((id) => {
    const a = agreements.find((x) => x.id === id);
    const why = intents.some((i) => i.kind === "why" && i.agreementId === id);
    return !!a && tellable(a, asker, seat) && holds(a, seat, asker, why);
  });
  const declined = r.unnamed && declinedOffer(agreements, q, seat, r.unnamed, (a) => tellable(a, asker, seat));
  if (!named.length && !declined) return undefined;
  return { named, ...(declined ? { declined: declined.id } : {}) };
}

/**
 * The latest offer the asker of `q` proposed that `seat` declined in the round `q` was asked in
 * (of the type and sector asked, if any), among the deals the answer may speak of (`may`): what
 * "why did you decline?", "why not?" or "what would it take?" naming no deal asks about, in the
 * plenary (`plenaryRoute`) and in a channel (talk.ts), so both find the same offer.
 */
export function declinedOffer(agreements: readonly Agreement[], q: Message, seat: string, asked: { type?: string; sector?: string }, may: (a: Agreement) => boolean): Agreement | undefined {
  const { type, sector } = asked;
  return agreements.findLast(
    (a) => a.proposedBy === q.from.seat && a.status === "declined" && (!type || a.type === type) && (!sector || sectorOf(a.terms) === sector) && a.steps.some((s) => s.what === "declined" && s.by === seat && s.round === q.round) && may(a),
  );
}

/**
 * Whether plenary message `q` (at `at` in `messages`), naming no country, waits on `seat`: it is
 * for `seat` (`plenaryRoute`) and not yet answered by `PLENARY_ANSWERS` others (`belowCap`).
 */
function routedAsks(q: Message, at: number, seat: string, messages: readonly Message[], agreements: readonly Agreement[]): boolean {
  return !!plenaryRoute(q, seat, agreements) && belowCap(q, at, seat, messages);
}

/**
 * Whether plenary message `q` (at `at` in `messages`), asking `seat`, still waits on it: either
 * `seat` has already answered it, or fewer than `PLENARY_ANSWERS` countries have answered in the
 * plenary since it was asked (a bot's answer is a catalog line of `bot.dm.`; a warning of the
 * crisis alone, `bot.say.`, answers no question and is not counted). Each answer adds one to
 * that count and is given only while it is short, so however the deals change afterwards, no
 * more than that many answer one line, whether it names them or goes to them by a deal.
 */
function belowCap(q: Message, at: number, seat: string, messages: readonly Message[]): boolean {
  const answered = new Set<string>();
  for (let i = at + 1; i < messages.length; i++) {
    const x = messages[i]!;
    if (x.channel !== q.channel || !x.from.seat || x.from.seat === q.from.seat || !x.said?.key.startsWith("bot.dm.")) continue;
    if (x.from.seat === seat) return true;
    answered.add(x.from.seat);
  }
  return answered.size < PLENARY_ANSWERS;
}

/**
 * The countries that answer a plenary line naming none (`plenaryRoute`), as the asker reads it
 * when sending it (its view's deals, `round`): the client says no more that no one will answer.
 */
export function routedInPlenary(words: string, asker: string, round: number, agreements: readonly Agreement[], seats: readonly string[]): string[] {
  const q: Message = { id: 0, round, channel: "plenary", from: { seat: asker }, text: words };
  return seats.filter((s) => !!plenaryRoute(q, s, agreements)).slice(0, PLENARY_ANSWERS);
}

/** Whether plenary words ask `seat`: addressed to it (`to`, from `addressees`), or, addressed to nobody in particular, naming it. */
function asksSeat(words: string, to: Set<string> | null, seat: string, countries: readonly { id: string; name: string }[], translated: TranslatedNames): boolean {
  return to ? to.has(seat) : mentionOf(namesOf(countries, seat, translated), otherNames(countries, seat, translated))(plainWords(words));
}

/**
 * The countries a plenary message asks, as `questionsFor` reads it for each seat (addressed to
 * them, or named in words addressed to nobody), in the order of `countries`: none when it names
 * no country. The client reads a line its person sent with it, to say why no bot will answer.
 */
export function askedInPlenary(words: string, countries: readonly { id: string; name: string }[], translated: TranslatedNames = {}): string[] {
  const to = addressees(words, countries, translated);
  return countries.filter((c) => asksSeat(words, to, c.id, countries, translated)).map((c) => c.id);
}

/** A channel's questions a seat answers in turn: a person who writes more at once is answered on the latest few. */
export const QUESTIONS_KEPT = 3;

/**
 * The questions that wait on a seat, the oldest of each channel, the oldest first: the messages from a
 * person in a channel it shares with others (or, in the plenary, that address it: `addressees`;
 * or, addressing nobody in particular, that name it by one of its names and not as part of
 * another country's: `namesOf`, `otherNames`) that its own lines
 * there have not yet answered, one line answering one question in the order they were asked
 * (at most the latest `QUESTIONS_KEPT` of each seat's a channel, so one person's flood in the
 * plenary does not push out another's question).
 * Messages a bot wrote (catalog sentences) never wait on anyone, so bots do not talk in circles.
 * The turn rules ask this for every seat on every turn, and most games have no person's
 * message: a plenary message is read once for each seat it may ask (`plenaryAsks`).
 */
export function questionsFor(
  messages: readonly Message[],
  channels: readonly Channel[] | Record<string, Channel>,
  seat: string,
  sinceRound: number,
  countries: readonly { id: string; name: string }[],
  translated: TranslatedNames = {},
  agreements: readonly Agreement[] = [],
): readonly Message[] {
  let memo = questionsMemo.get(messages);
  // The deals matter only to a plenary line that names no country and asks of a deal (`plenaryRoute`): most lists have none, and keep their answers while deals change.
  if (!memo || memo.channels !== channels || memo.countries !== countries || memo.translated !== translated || (memo.agreements !== agreements && memo.dealsRead))
    questionsMemo.set(messages, (memo = { channels, countries, translated, agreements, dealsRead: false, bySeat: new Map() }));
  memo.agreements = agreements;
  const key = `${seat}|${sinceRound}`;
  let found = memo.bySeat.get(key);
  if (!found) {
    const scan = scanQuestions(messages, channels, seat, sinceRound, countries, translated, agreements);
    memo.bySeat.set(key, (found = scan.found));
    if (scan.dealsRead) memo.dealsRead = true;
  }
  return found;
}

/**
 * `questionsFor`'s answers on one list of messages, by seat and round: the turn rules ask it of
 * every seat several times a turn, and the list is the same until a message is added (the engine
 * makes a new list then, and never changes a message in place).
 */
const questionsMemo = new WeakMap<readonly Message[], { channels: object; countries: object; translated: object; agreements: object; dealsRead: boolean; bySeat: Map<string, readonly Message[]> }>();

function scanQuestions(
  messages: readonly Message[],
  channels: readonly Channel[] | Record<string, Channel>,
  seat: string,
  sinceRound: number,
  countries: readonly { id: string; name: string }[],
  translated: TranslatedNames,
  agreements: readonly Agreement[],
): { found: readonly Message[]; dealsRead: boolean } {
  let dealsRead = false;
  let byId: Map<string, Channel> | undefined;
  let waiting: Map<string, Message[]> | undefined;
  for (let at = 0; at < messages.length; at++) {
    const m = messages[at]!;
    if (m.from.seat === seat) {
      const asked = waiting?.get(m.channel);
      if (asked) {
        asked.shift();
        if (!asked.length) waiting!.delete(m.channel);
      }
      continue;
    }
    if (m.said || m.deleted || !m.from.seat || m.round < sinceRound) continue;
    byId ??= new Map((Array.isArray(channels) ? channels : Object.values(channels)).map((c) => [c.id, c]));
    const c = byId.get(m.channel);
    if (!c) continue;
    // In a channel of its own, a question addressed to other countries ("China, what do you want?") is theirs, not this seat's to answer.
    // In the plenary, a line that names no country asks the parties to the deals it is about (`plenaryRoute`);
    // whether it asks of a deal is read first, once a message: most lines do not, and naming no country is read for every country.
    const asked = c.kind === "plenary" ? (plenaryAsks(m, seat, countries, translated) && belowCap(m, at, seat, messages)) || (!!routableOf(m) && (dealsRead = true) && namesNobody(m, countries, translated) && routedAsks(m, at, seat, messages, agreements)) : c.kind !== "broadcast" && c.kind !== "team" && c.members.includes(seat) && (asksOf(m, countries, translated).to?.has(seat) ?? true);
    if (!asked) continue;
    const before = (waiting ??= new Map()).get(m.channel);
    if (!before) waiting.set(m.channel, [m]);
    else {
      // A flood drops the flooder's own oldest, never another person's question in the channel.
      before.push(m);
      const same = before.filter((x: Message) => x.from.seat === m.from.seat);
      if (same.length > QUESTIONS_KEPT) before.splice(before.indexOf(same[0]!), 1);
    }
  }
  if (!waiting) return { found: [], dealsRead };
  const oldest: Message[] = [];
  for (const asked of waiting.values()) oldest.push(asked[0]!);
  // The longest waiting first: a channel that keeps getting questions does not hold back the others.
  return { found: oldest.sort((a, b) => a.id - b.id), dealsRead };
}
