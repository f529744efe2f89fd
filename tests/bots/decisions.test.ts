/**
 * A bot values deals by its country's interest: it signs what clearly helps it, declines what
 * clearly hurts it (with a reason that says why), counters a near miss with terms it would
 * then sign, and answers "what would it take?" with such terms. It sees only its seat's view.
 */
import { describe, expect, it } from "vitest";
import { botContext } from "../../shared/bots/context.ts";
import { appraise, askBotOn, decideBotAction } from "../../shared/bots/bot.ts";
import { DraftSchema, type GameState } from "../../shared/engine/index.ts";
import { act, negotiating, offer, scenario, seatActor, words, zhWords } from "./helpers.ts";
import { agreementById } from "../../shared/engine/world.ts";
import { lastWord } from "../../client/model/deals.ts";
import { useCatalog } from "../../client/i18n/index.ts";
import { en } from "../../client/i18n/en.ts";
import { zhCN } from "../../client/i18n/zh-CN.ts";
import type { Text } from "../../shared/engine/text.ts";
import { mindOf } from "../../shared/bots/mind.ts";
import { candidates } from "../../shared/bots/proposals.ts";
import { objectiveSectors, withOffers } from "../../shared/bots/proposing.ts";

const rng = () => ({ rng: 12345 });

function answer(state: GameState, seat: string, options = {}) {
  const d = decideBotAction(botContext(state, seat), rng(), options);
  expect(d, `${seat} decides something`).not.toBeNull();
  return d!;
}

describe("answering offers", () => {
  it("a decline that quotes a gain bigger than its cost says what it is worth to the bot, all told", () => {
    const { state } = offer(negotiating(), "US", { terms: { type: "export-control", sector: "semis", tier: "frontier", target: "CN" }, parties: ["US", "NL", "JP"], duration: 4 });
    const d = answer(state, "JP");
    // A deal of three that stands without it: it stays out rather than declining for everyone.
    expect(d.action.move.type).toBe("amend");
    // 9.6 prosperity and 4.8 support for +8.2 security: the sum of its weights decides, and is said.
    expect(words(d.reason)).toMatch(/^stayed out of A1: costs us [\d.]+ prosperity and [\d.]+ domestic support for \+[\d.]+ security; −[\d.]+ points to us, all told; go ahead without us$/);
    expect(zhWords(d.reason)).toMatch(/；整体来看，对我方为 −[\d.]+ 分；其他各方可在没有我方的情况下继续$/);
  });

  it("declines a second coalition for a standard it already backs, naming the deal it backs it through", () => {
    const first = offer(negotiating(), "JP", { terms: { type: "standards", technology: "6g", option: "open-6g" }, parties: ["JP", "US"], duration: 2 });
    const signed = act(first.state, { actor: seatActor("US"), move: { type: "sign", agreementId: first.id, revision: 1 } });
    expect(agreementById(signed, first.id)!.status).toBe("signed");
    const { state, id } = offer(signed, "ID", { terms: { type: "standards", technology: "6g", option: "open-6g" }, parties: ["ID", "US"], duration: 2 });
    const d = answer(state, "US");
    expect(d.action.move).toMatchObject({ type: "decline", agreementId: id });
    // Not "gives us too little (0 points)": a second coalition for a side it is on gains it nothing, and it says why.
    expect(words(d.reason)).toBe(`declined: we already back open, interoperable 6G (open RAN) through ${first.id}; a second coalition for it gains us nothing`);
    expect(zhWords(d.reason)).toMatch(new RegExp(`^已拒绝：我方已通过 ${first.id} 支持 .+，再加入一个同样的联盟对我方毫无益处$`));
    // On the deal's card, after the step that says it declined, the reason does not say so again.
    const card = agreementById(act(state, { ...d.action, reason: d.reason! }), id)!;
    // (No scenario names are set for the client's catalog here: the country reads as its id.)
    expect(lastWord(card, "ID")).toMatch(new RegExp(`^declined by US: “we already back .+ through ${first.id}; a second coalition for it gains us nothing”$`));
    useCatalog(zhCN, "zh-CN");
    try {
      expect(lastWord(card, "ID")).toMatch(new RegExp(`^被US拒绝，理由：“我方已通过 ${first.id} 支持 .+，再加入一个同样的联盟对我方毫无益处”$`));
    } finally {
      useCatalog(en, "en");
    }
  });

  it("signs a deal that clearly helps it: Japan gets the minerals deal its objective asks for, cheaply", () => {
    const { state, id } = offer(negotiating(), "ID", { terms: { type: "supply", suppliers: ["ID"], buyers: ["JP"], sector: "minerals", volume: 3, price: 0.5 }, duration: 2 });
    const d = answer(state, "JP");
    expect(d.action.move).toMatchObject({ type: "sign", agreementId: id, revision: 1 });
    expect(words(d.reason)).toMatch(/^signed: .*critical minerals/);
    // The same reason in Chinese: catalog words, no English left over but the objective's own text.
    expect(zhWords(d.reason)).toMatch(/^已签署：/);
    expect(zhWords(d.reason)).not.toMatch(/\{|bot\./);
  });

  it("declines a deal that clearly hurts it, and says what it costs: India will not join an export-control regime", () => {
    const { state, id } = offer(negotiating(), "US", { terms: { type: "export-control", sector: "semis", tier: "broad", target: "CN" }, parties: ["US", "IN"], duration: 3 });
    const d = answer(state, "IN");
    expect(d.action.move).toMatchObject({ type: "decline", agreementId: id });
    expect(words(d.reason)).toMatch(/^declined: costs us .*never join an export-control regime/);
  });

  it("weighs its own secret objective: Indonesia declines any alignment statement", () => {
    const { state } = offer(negotiating(), "CN", { terms: { type: "alignment", clauses: ["threat-assessment"], target: "US" }, parties: ["CN", "ID"], duration: 2 });
    const d = answer(state, "ID");
    expect(d.action.move.type).toBe("decline");
    // It weighs its secret but never names it, nor says by how much: the reason says "a goal of our own".
    expect(words(d.reason)).toContain("a setback to a goal of our own");
    expect(JSON.stringify(d.reason)).not.toMatch(/"key":"bot\.part\.secret\.cost","args"/);
    expect(words(d.reason)).not.toContain("Never sign an alignment statement");
  });

  it("keeps within its means: India signs one chip deal it can pay for, not a second that runs it into debt with the first", () => {
    // India has 5 capital and earns 5 a round in Multipolar 2024's five rounds; 5.2 a round for
    // chips it can pay, twice that it cannot (docs/RULES.md, "Paying for deals").
    const mp = "multipolar-2024";
    const chips = (supplier: string) => ({ terms: { type: "supply" as const, suppliers: [supplier], buyers: ["IN"], sector: "semis" as const, volume: 4, price: 1.3 }, duration: 5 });
    const alone = offer(negotiating(mp), "NL", chips("NL"));
    expect(answer(alone.state, "IN").action.move).toMatchObject({ type: "sign", agreementId: alone.id });
    // The same offer while India's own offer of the same chips from Germany waits on Germany: both would be paid.
    const own = offer(negotiating(mp), "IN", chips("DE"));
    const second = offer(own.state, "NL", chips("NL"));
    const d = answer(second.state, "IN");
    expect(d.action.move.type).not.toBe("sign");
    expect(words(d.reason, mp)).toMatch(/[\d.]+ capital over its \d rounds \([\d.]+ more than we will have\)/);
  });

  it("counters a near miss with terms it would then sign", () => {
    // Japan wants minerals, but 6 a round at 4 is more than it can pay (its budget is 20).
    const draft = { terms: { type: "supply" as const, suppliers: ["ID"], buyers: ["JP"], sector: "minerals" as const, volume: 6, price: 4 }, duration: 2 };
    const { state, id } = offer(negotiating(), "ID", draft);
    const d = answer(state, "JP");
    expect(d.action.move.type).toBe("amend");
    expect(words(d.reason)).toMatch(new RegExp(`^countered ${id}: `));
    const countered = (d.action.move as { draft: ReturnType<typeof DraftSchema.parse> }).draft;
    expect(countered).not.toEqual(DraftSchema.parse(draft));
    // The same terms, offered afresh by Indonesia: Japan signs them.
    const again = offer(negotiating(), "ID", countered);
    const d2 = answer(again.state, "JP");
    expect(d2.action.move).toMatchObject({ type: "sign", agreementId: again.id });
    // And the amendment itself is a legal move that leaves Japan's signature on the new revision.
    const after = act(state, d.action);
    expect(agreementById(after, id)!.signatures).toEqual(["JP"]);
    expect(agreementById(after, id)!.revision).toBe(2);
  });

  it("takes the best of two competing loans for its own project and declines the other", () => {
    let s = negotiating();
    const cheap = offer(s, "US", { terms: { type: "loan", lenders: ["US"], recipient: "ID", project: "grid", amount: 12, interest: 1, grace: 1 }, duration: 4 });
    const dear = offer(cheap.state, "CN", { terms: { type: "loan", lenders: ["CN"], recipient: "ID", project: "grid", amount: 12, interest: 9, grace: 0 }, duration: 3 });
    s = dear.state;
    const first = answer(s, "ID");
    expect(first.action.move).toMatchObject({ type: "decline", agreementId: dear.id });
    s = act(s, first.action);
    const second = answer(s, "ID");
    expect(second.action.move).toMatchObject({ type: "sign", agreementId: cheap.id });
  });

  it("weighs by personality: a hawk values a chip regime more than a dove does", () => {
    const draft = DraftSchema.parse({ terms: { type: "export-control", sector: "semis", tier: "frontier", target: "CN" }, parties: ["US", "NL", "JP"], duration: 4 });
    const ctx = botContext(negotiating(), "NL");
    const hawk = appraise(ctx, draft, { personality: "hawk" })!;
    const dove = appraise(ctx, draft, { personality: "dove" })!;
    expect(hawk.value).toBeGreaterThan(dove.value);
    expect(words(hawk.reason)).toMatch(/security/);
  });
});

describe("what it says it would sign is what it signs", () => {
  /** Japan asked by Indonesia, before it answers Indonesia's minerals offer, with `capital` in reserve and 1 a round of income. */
  function asked(capital: number, question: string) {
    const s0 = negotiating();
    s0.scenario = structuredClone(s0.scenario);
    s0.countries.JP!.capital = capital;
    s0.scenario.countries.find((c) => c.id === "JP")!.capital = 1;
    const o = offer(s0, "ID", { terms: { type: "supply", suppliers: ["ID"], buyers: ["JP"], sector: "minerals", volume: 3, price: 0.5 }, duration: 2 });
    const opened = act(o.state, { actor: seatActor("ID"), move: { type: "open-channel", members: ["JP"] } });
    const channel = Object.values(opened.channels).find((c) => c.kind === "bilateral" && c.members.includes("JP") && c.members.includes("ID"))!.id;
    const q = act(opened, { actor: seatActor("ID"), move: { type: "chat", channel, text: question.replace("ID", o.id) } });
    // The question waited on it first (the server's turns: shared/bots/game-loop.ts), so it answers before it moves on the offer.
    const said = decideBotAction(botContext(q, "JP"), rng(), {}, { counters: true, questionsFirst: true })!;
    expect(said.action.move.type).toBe("chat");
    const then = answer(act(q, said.action), "JP");
    return { id: o.id, said: (said.action.move as { said: Text }).said, then };
  }

  it("with the capital for it, says yes to the offer and signs it", () => {
    const { id, said, then } = asked(0.5, "Would you sign ID?");
    expect(words(said)).toMatch(new RegExp(`^Yes, we would join ${id}:`));
    expect(then.action.move).toMatchObject({ type: "sign", agreementId: id });
  });

  it.each(["Would you sign ID?", "Can you sign ID?"])("“%s” where the engine would not take its signature (1.5 capital a round, 1 free): that it pays but it cannot sign it now, and why; not yes, then no signature", (question) => {
    const { id, said, then } = asked(0, question);
    expect(words(said)).toMatch(new RegExp(`^${id} would pay for us: it brings us .*\\. But we cannot sign it now: this deal costs 1\\.5 capital a round, and only 1 is not already committed\\.$`));
    expect(zhWords(said)).toMatch(new RegExp(`^${id} 对我方有利：.*但我方现在无法签署：这项协议每轮花费 1\\.5 资金，而尚未承诺的资金只有 1。$`));
    expect(then.action.move.type).not.toBe("sign");
  });
});

describe("overlapping export-control regimes: one regime per member, sector and target (docs/RULES.md §4.1)", () => {
  it("does not draft a second chip regime on China with the United States once it is in one: the regimes the Netherlands would propose are ones the engine takes", () => {
    // The United States, Britain, Canada and Australia have signed a chip regime on China (the playtest's A55).
    const first = offer(negotiating("alliance-2021"), "US", { terms: { type: "export-control", sector: "semis", tier: "broad", target: "CN" }, parties: ["US", "GB", "CA", "AU"], duration: 3 });
    let s = first.state;
    for (const p of ["GB", "CA", "AU"]) s = act(s, { actor: seatActor(p), move: { type: "sign", agreementId: first.id, revision: 1 } });
    const ctx = botContext(s, "NL");
    const m = mindOf(ctx);
    const regimes = candidates(withOffers(m), "NL", m.profile, objectiveSectors(m)).filter((d) => d.terms.type === "export-control" && d.terms.sector === "semis");
    expect(regimes.length).toBeGreaterThan(0);
    for (const d of regimes) {
      expect(d.parties).not.toContain("US");
      expect(ctx.checkProposal(d, "NL")).toBeNull();
    }
  });
});

describe("overlapping screening pacts: one pact per pair (docs/RULES.md §4.2)", () => {
  const al = "alliance-2021";
  it("does not make a pact for two countries that already have one: the pact Canada would propose is one the engine takes", () => {
    // The Netherlands and Japan have signed a pact; Canada's friends in the table's order are the United States, the Netherlands, Japan…
    const nlJp = offer(negotiating(al), "NL", { terms: { type: "screening" }, parties: ["NL", "JP"], duration: 3 });
    const s = act(nlJp.state, { actor: seatActor("JP"), move: { type: "sign", agreementId: nlJp.id, revision: 1 } });
    const ctx = botContext(s, "CA");
    const m = mindOf(ctx);
    const pacts = candidates(withOffers(m), "CA", m.profile, objectiveSectors(m)).filter((d) => d.terms.type === "screening");
    expect(pacts).toHaveLength(1);
    expect(pacts[0]!.parties).toEqual(["CA", "US", "NL", "DE"]);
    expect(ctx.checkProposal(pacts[0]!, "CA")).toBeNull();
  });

  // A bot's signature on an open pact is its word: asked to sign a second pact that the engine
  // would refuse once the first took force, it does not hold both (one of them would die with its
  // signature on it).
  const overlapping = (s: GameState, seat: string) => {
    const held = s.agreements.filter((a) => a.type === "screening" && a.status === "proposed" && a.signatures.includes(seat));
    return held.some((a) => held.some((b) => b !== a && a.parties.some((p) => p !== seat && b.parties.includes(p))));
  };
  /** `seat`'s moves (a bot's) until it has nothing more to answer, checking after each that it never holds two overlapping pacts. */
  const answerAll = (s: GameState, seat: string) => {
    for (let i = 0; i < 4; i++) {
      const d = decideBotAction(botContext(s, seat), rng());
      if (!d || d.action.move.type === "ready") break;
      s = act(s, { ...d.action, ...(d.reason ? { reason: d.reason } : {}) });
      expect(overlapping(s, seat), `${seat} holds two overlapping pacts after ${d.action.move.type}`).toBe(false);
    }
    return s;
  };

  it("asked to sign a second pact with Canada while its signature is on an open one with Canada, the Netherlands steps out of the first, says why in its thread, then signs: Canada can sign both and both take force", () => {
    const first = offer(negotiating(al), "GB", { terms: { type: "screening" }, parties: ["GB", "NL", "CA"], duration: 3 });
    // The Netherlands signs the Britain–Netherlands–Canada pact, which then waits on Canada.
    const d = answer(first.state, "NL");
    expect(d.action.move).toMatchObject({ type: "sign", agreementId: first.id });
    const signed = act(first.state, { ...d.action, reason: d.reason! });
    const second = offer(signed, "JP", { terms: { type: "screening" }, parties: ["JP", "NL", "CA"], duration: 3 });
    let s = answerAll(second.state, "NL");
    const a1 = agreementById(s, first.id)!;
    const a2 = agreementById(s, second.id)!;
    expect(a2.signatures).toContain("NL");
    expect(a1.parties).toEqual(["GB", "CA"]);
    const out = a1.steps.find((x) => x.what === "stepped-out" && x.by === "NL")!;
    expect(words(out.reason as never, al)).toBe(`stayed out of ${first.id}: we are signing another investment screening pact with some of the same countries instead, and two countries share at most one pact; go ahead without us`);
    expect(zhWords(out.reason as never, al)).toBe(`未加入 ${first.id}：我方将改为签署另一项与部分相同国家的投资审查协定，而两国之间至多只能有一项此类协定；其他各方可在没有我方的情况下继续`);
    // Canada (a person) signs the Netherlands' pact, then Britain's, which goes on without the Netherlands: the engine takes both signatures.
    s = act(s, { actor: seatActor("CA"), move: { type: "sign", agreementId: second.id, revision: a2.revision } });
    s = act(s, { actor: seatActor("GB"), move: { type: "sign", agreementId: first.id, revision: a1.revision } });
    s = act(s, { actor: seatActor("CA"), move: { type: "sign", agreementId: first.id, revision: a1.revision } });
    expect(agreementById(s, first.id)!.status).toBe("signed");
    expect(agreementById(s, second.id)!.status).toBe("signed");
  });

  it("with its signature on an open pact of two with Canada, which it cannot step out of, the Netherlands stays out of a second pact with Canada, saying it keeps its word", () => {
    const first = offer(negotiating(al), "NL", { terms: { type: "screening" }, parties: ["NL", "CA"], duration: 3 });
    const second = offer(first.state, "JP", { terms: { type: "screening" }, parties: ["JP", "NL", "CA"], duration: 3 });
    // Asked first, it says so: what it says it would sign is what it signs.
    let asked = act(second.state, { actor: seatActor("JP"), move: { type: "open-channel", members: ["NL"] } });
    asked = act(asked, { actor: seatActor("JP"), move: { type: "chat", channel: "ch:JP+NL", text: `will you join ${second.id}?` } });
    const reply = decideBotAction(botContext(asked, "NL"), rng(), {}, { counters: true, questionsFirst: true })!;
    expect(reply.action.move.type).toBe("chat");
    const said = (reply.action.move as { said: Text }).said;
    expect(words(said, al)).toBe(`No, we would not join ${second.id}: we have signed another investment screening pact with some of the same countries, still open, and two countries share at most one pact; we keep our word on it.`);
    expect(zhWords(said, al)).toBe(`不，我方不会加入 ${second.id}：我方已签署另一项与部分相同国家的投资审查协定，该协定仍待签署，而两国之间至多只能有一项此类协定；我方信守承诺。`);
    const s = answerAll(second.state, "NL");
    const a2 = agreementById(s, second.id)!;
    expect(a2.parties).toEqual(["JP", "CA"]);
    const out = a2.steps.find((x) => x.what === "stepped-out" && x.by === "NL")!;
    expect(words(out.reason as never, al)).toBe(`stayed out of ${second.id}: we have signed another investment screening pact with some of the same countries, still open, and two countries share at most one pact; we keep our word on it; go ahead without us`);
    expect(zhWords(out.reason as never, al)).toMatch(/^未加入 A2：我方已签署另一项与部分相同国家的投资审查协定，该协定仍待签署，而两国之间至多只能有一项此类协定；我方信守承诺；/);
    // Canada can still sign the pact the Netherlands proposed.
    expect(act(s, { actor: seatActor("CA"), move: { type: "sign", agreementId: first.id, revision: 1 } }).agreements.find((a) => a.id === first.id)!.status).toBe("signed");
  });
});

// The deal card's "What would it take?" button (server/rooms/requests.ts `ask-bot`).
describe("what would it take?", () => {
  it("returns a draft it would sign as it stands when it already would", () => {
    const s = negotiating();
    const draft = DraftSchema.parse({ terms: { type: "supply", suppliers: ["ID"], buyers: ["JP"], sector: "minerals", volume: 3, price: 0.5 }, duration: 2 });
    const w = askBotOn(botContext(s, "JP"), "ID", draft);
    expect("draft" in w && w.draft).toEqual(draft);
    expect(words("reason" in w ? w.reason : undefined)).toMatch(/^we would sign as it stands/);
  });

  it("returns nearby terms it would sign, which it then signs when the asker offers them", () => {
    const s = negotiating();
    const draft = DraftSchema.parse({ terms: { type: "supply", suppliers: ["ID"], buyers: ["JP"], sector: "minerals", volume: 6, price: 4 }, duration: 2 });
    const w = askBotOn(botContext(s, "JP"), "ID", draft);
    if (!("draft" in w)) throw new Error("no terms found");
    expect(w.draft).not.toEqual(draft);
    const again = offer(s, "ID", w.draft);
    expect(answer(again.state, "JP").action.move).toMatchObject({ type: "sign", agreementId: again.id });
  });

  it("offers no terms when no small change makes a harmful deal worth it, and says why", () => {
    const s = negotiating();
    const draft = DraftSchema.parse({ terms: { type: "export-control", sector: "semis", tier: "broad", target: "CN" }, parties: ["US", "IN"], duration: 3 });
    const w = askBotOn(botContext(s, "IN"), "US", draft);
    expect("draft" in w).toBe(false);
    expect(words((w as { none?: Text }).none)).toMatch(/^India: “No small change of these terms makes the deal worth it for us/);
  });
});

describe("what a bot may know", () => {
  it("gets only its seat's view, the public rules and functions bound to its seat", () => {
    const s = negotiating();
    const ctx = botContext(s, "US");
    // Its own fields and its class's methods (the state it is bound to is in private fields).
    const exposed = [...Object.keys(ctx), ...Object.getOwnPropertyNames(Object.getPrototypeOf(ctx)).filter((k) => k !== "constructor")];
    expect(exposed.sort()).toEqual(["check", "checkProposal", "crisisScore", "epoch", "legal", "preview", "proposeTypes", "rival", "rules", "seat", "targets", "view"].filter((k) => k !== "rival" || "rival" in ctx).sort());
    // What a crisis would do to its own score: two numbers of its own seat, nobody else's.
    expect(Object.keys(ctx.crisisScore!()).sort()).toEqual(["crisis", "now"]);
    // The key a bot keeps its valuations under is an empty token, not the state it stands for.
    expect(Object.getOwnPropertyNames(ctx.epoch)).toEqual([]);
    const others = ctx.view.countries.filter((c) => c.id !== "US");
    expect(others.every((c) => c.secret === undefined)).toBe(true);
    expect(ctx.view.countries.find((c) => c.id === "US")!.secret).toBeDefined();
    const text = JSON.stringify(ctx.view);
    for (const c of scenario().countries) if (c.id !== "US") expect(text).not.toContain(c.secret.text);
    expect(text).not.toContain('"deck"');
    expect(text).not.toContain('"rng"');
  });

  it("checks a draft from another seat's side with the engine's own check (what it reads every seat sees): its budget", () => {
    const s = negotiating();
    const rnd = { terms: { type: "rnd" as const, sector: "semis" as const, contribution: 4 }, parties: ["US", "NL"], duration: 2 };
    expect(botContext(s, "US").checkProposal(rnd, "NL")).toBeNull();
    const poor = structuredClone(s);
    poor.countries.NL!.capital = 0;
    poor.scenario.countries.find((c) => c.id === "NL")!.capital = 1;
    expect(botContext(poor, "US").checkProposal(rnd, "NL")?.code).toBe("rule/insufficient_capital");
    // The United States itself could still propose it.
    expect(botContext(poor, "US").check({ type: "propose", draft: rnd })).toBeNull();
  });

  it("a draft its seat already has waiting stands only while the rules still take it: the budget is checked all the same", () => {
    const rnd = { terms: { type: "rnd" as const, sector: "semis" as const, contribution: 4 }, parties: ["US", "NL"], duration: 2 };
    const { state } = offer(negotiating(), "US", rnd);
    // The offer on the table is what the bot means by "as it stands", for itself and from another seat's side.
    expect(botContext(state, "US").check({ type: "propose", draft: rnd })).toBeNull();
    expect(botContext(state, "NL").checkProposal(rnd, "US")).toBeNull();
    // The United States can no longer pay its part: the same draft is now one the rules refuse.
    const poor = structuredClone(state);
    poor.countries.US!.capital = 0;
    poor.scenario.countries.find((c) => c.id === "US")!.capital = 1;
    expect(botContext(poor, "US").check({ type: "propose", draft: rnd })?.code).toBe("rule/insufficient_capital");
    expect(botContext(poor, "NL").checkProposal(rnd, "US")?.code).toBe("rule/insufficient_capital");
  });

  it("cannot preview for another seat: the preview is bound to its own", () => {
    const { state, id } = offer(negotiating(), "ID", { terms: { type: "supply", suppliers: ["ID"], buyers: ["JP"], sector: "minerals", volume: 3, price: 0.5 }, duration: 2 });
    // The US is not a party: the offer is private to Indonesia and Japan.
    expect(botContext(state, "US").preview({ agreementId: id }).ok).toBe(false);
    expect(botContext(state, "JP").preview({ agreementId: id }).ok).toBe(true);
  });

  it("does nothing outside negotiation", () => {
    const s = act(negotiating(), { actor: { kind: "system" }, move: { type: "advance" } });
    expect(s.phase).toBe("review");
    expect(decideBotAction(botContext(s, "US"), rng())).toBeNull();
  });
});
