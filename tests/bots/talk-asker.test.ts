/**
 * A bot's answers say only what its valuation and the engine back: terms it invites a person to
 * propose are terms the engine would take from that person; a number the person puts on a
 * deal is valued as put; a follow-up is about the deal last discussed (docs/RULES.md, "Talking
 * to a bot").
 */
import { describe, expect, it } from "vitest";
import { botContext } from "../../shared/bots/context.ts";
import { decideBotAction } from "../../shared/bots/bot.ts";
import { parseIntent } from "../../shared/bots/intents.ts";
import { apply, type GameState } from "../../shared/engine/index.ts";
import type { Draft } from "../../shared/engine/actions.ts";
import type { Text } from "../../shared/engine/text.ts";
import { translatedNames } from "../../server/scenario-texts.ts";
import { act, negotiating, offer, say, seatActor, words, zhWords } from "./helpers.ts";

/** The Netherlands with 0.1 capital and no income left to commit (as after deals that take all of it). */
function broke(): GameState {
  const s = structuredClone(negotiating());
  s.countries.NL!.capital = 0.1;
  s.scenario.countries.find((c) => c.id === "NL")!.capital = 0;
  return s;
}

const proposable = (s: GameState, by: string, draft: Draft) => apply(s, { actor: seatActor(by), move: { type: "propose", draft } }).ok;

describe("terms a bot invites a person to propose", () => {
  it("are terms the engine would take from that person: none the asker cannot afford, and it says so in numbers", () => {
    const s = broke();
    const q = "What would it take for joint research in semiconductors with us?";
    const r = say(s, q, "NL", "US");
    if (r.draft) expect(proposable(r.state, "NL", r.draft), words(r.said)).toBe(true);
    // The United States would sign joint research in chips; the Netherlands could not propose any.
    expect(r.said.key).toBe("bot.dm.offerNotYoursBudget");
    expect(words(r.said)).toMatch(/^We would sign this, for 2 rounds: Joint semiconductors research by the United States and the Netherlands, \d capital each a round\. By our count, it .*\. But it would cost you \d capital a round, and only 0\.1 of yours is not already committed: you could not propose it now\.$/);
    expect(zhWords(r.said)).toMatch(/但它每轮要花费你方 \d 资金，而你方尚未承诺的资金只有 0\.1：你方现在无法提出这项协议。$/);
    // Asked for anything: a deal it would sign that costs the Netherlands nothing it lacks, or none.
    const any = say(r.state, "What do you want from us?", "NL", "US");
    if (any.draft) expect(proposable(any.state, "NL", any.draft), words(any.said)).toBe(true);
    expect(words(any.said)).not.toMatch(/Propose it.*capital each a round|capital each a round.*Propose it/);
  });

  it("on a deal named by its id that it would sign as it stands but the asker could not propose: says so, not that it does not pay", () => {
    const rnd = { terms: { type: "rnd" as const, sector: "semis" as const, contribution: 4 }, parties: ["US", "NL"], duration: 2 };
    const o = offer(broke(), "US", rnd);
    const r = say(o.state, `What would it take on ${o.id}?`, "NL", "US");
    expect(r.said.key).toBe("bot.dm.offerNotYoursBudget");
    expect(words(r.said)).not.toMatch(/No small change/);
  });

  it("an asker who can afford the terms is still invited to propose them", () => {
    const r = say(negotiating(), "What would it take for joint research in semiconductors with us?", "NL", "US");
    expect(r.said.key).toBe("bot.dm.offer");
    expect(proposable(r.state, "NL", r.draft!)).toBe(true);
  });
});

describe("“What if we pay 2 capital a round each?” on joint research", () => {
  it("reads the number as each party's contribution", () => {
    // Capital a round each is a term of joint research alone: the question is about that kind of deal.
    expect(parseIntent("What if we pay 2 capital a round each?")).toEqual({ kind: "pay", type: "rnd", terms: { contribution: 2 } });
    // "各投入" puts in, it pays no one: the Chinese asks for the deal at that contribution (docs/RULES.zh-CN.md).
    expect(parseIntent("如果我们每轮各投入 2 资金呢？")).toEqual({ kind: "if", type: "rnd", terms: { contribution: 2 } });
  });

  it("is valued at 2 capital each, not answered as though nothing were asked", () => {
    const first = say(negotiating(), "What would it take for joint research in semiconductors with us?", "NL", "US");
    expect(words(first.said)).toMatch(/4 capital each a round/);
    const paid = say(first.state, "What if we pay 2 capital a round each?", "NL", "US");
    const en = words(paid.said);
    expect(en).not.toMatch(/needs no payment|as it stands/);
    expect(en).toMatch(/^In a joint R&D and talent exchange, each party pays its own contribution.* Joint semiconductors research by the United States and the Netherlands, 2 capital each a round\./);
    expect(zhWords(paid.said)).toMatch(/各方每轮投入 2 资金/);
    if (paid.draft) expect(proposable(paid.state, "NL", paid.draft)).toBe(true);
  });

  it("for an asker who cannot afford even that, says so with the numbers", () => {
    const first = say(broke(), "What would it take for joint research in semiconductors with us?", "NL", "US");
    const paid = say(first.state, "What if we pay 2 capital a round each?", "NL", "US");
    expect(words(paid.said)).toMatch(/2 capital each a round\. .*But it would cost you 2 capital a round, and only 0\.1 of yours is not already committed/);
    expect(paid.draft).toBeUndefined();
  });
});

describe("a follow-up that names no deal", () => {
  /** Japan declines a frontier chip control the United States proposed with it. */
  function declined() {
    const ctl = offer(negotiating(), "US", { terms: { type: "export-control", sector: "semis", tier: "frontier", target: "CN" }, parties: ["US", "JP"], duration: 3 });
    const d = decideBotAction(botContext(ctl.state, "JP"), { rng: 12345 })!;
    expect(d.action.move).toMatchObject({ type: "decline", agreementId: ctl.id });
    return { state: act(ctl.state, { ...d.action, reason: d.reason! }), id: ctl.id };
  }

  it.each([
    ["en", "Why did you decline {id}?", "What would it take?"],
    ["zh", "为什么拒绝 {id}？", "需要什么条件？"],
  ])("“What would it take?” after “Why did you decline?” is about that deal (%s)", (_, why, take) => {
    const g = declined();
    const first = say(g.state, why.replace("{id}", g.id), "US", "JP");
    expect((first.said.args as { id?: string }).id).toBe(g.id);
    const then = say(first.state, take, "US", "JP");
    // Its smallest change of terms, or that no change of it would do, about A-n.
    expect(then.said.key).toMatch(/^bot\.dm\.(take|takeAsIs|takeNothing|takeNothingWhy|takeNothingAfter)$/);
    expect((then.said.args as { id?: string }).id).toBe(g.id);
    expect(words(then.said)).toContain(g.id);
  });
});

describe("the rival asked to join controls", () => {
  /** The Netherlands asks China in the plenary; China's answer. */
  function plenary(q: string): Text {
    let s = act(negotiating(), { actor: seatActor("NL"), move: { type: "chat", channel: "plenary", text: q } });
    for (let i = 0; i < 6; i++) {
      const d = decideBotAction(botContext(s, "CN"), { rng: 1 }, { names: translatedNames(s.scenario.id) })!;
      if (d.action.move.type === "chat") return d.action.move.said!;
      s = act(s, { ...d.action, ...(d.reason ? { reason: d.reason } : {}) });
    }
    throw new Error(`China did not answer “${q}”`);
  }

  it.each(["China, will you join the export regime?", "中国，你们会加入出口管制吗？"])("will not join controls aimed at itself, and says what they would cost it: %s", (q) => {
    const said = plenary(q);
    expect(said.key).toBe("bot.dm.aimedAtUs");
    const en = words(said);
    expect(en).toMatch(/^We will not join controls aimed at us\. Controls by the Netherlands on exports of frontier semiconductors to China, over 4 rounds: it costs us .*\d/);
    expect(en).not.toMatch(/to Japan|Propose it/);
    expect(zhWords(said)).toMatch(/^我方不会加入针对我方的管制。/);
  });

  it("a control on another country is answered as before, from the deals it would make", () => {
    expect(plenary("China, will you join controls on Japan?").key).not.toBe("bot.dm.aimedAtUs");
  });
});

describe("a loan asked between two countries that need no project", () => {
  it("says no loan between them can be made and names the countries that need one, in English and Chinese", () => {
    const s = negotiating();
    const needing = s.scenario.countries.filter((c) => (c.needs ?? []).length).map((c) => c.id);
    expect(needing.length, "the scenario has countries that need a project").toBeGreaterThan(0);
    for (const q of ["could you lend us 20?", "what would it take for a loan?", "你们要什么条件才肯提供贷款？"]) {
      const a = say(s, q, "US", "NL");
      expect(a.said.key, q).toBe("bot.dm.loanNoNeed");
      expect(words(a.said), q).toMatch(/^A loan finances a project its borrower needs, and neither of us needs one, so no loan between us can be made\. The countries that need one: .*Kenya/);
      expect(zhWords(a.said), q).toMatch(/^贷款用于资助借款方所需的项目，而我们双方都不需要.*(Kenya|肯尼亚)/);
      expect(a.draft, q).toBeUndefined();
    }
  });

  it("“will you lend to Kenya?” values a loan the two make together to Kenya, not one between them", () => {
    const a = say(negotiating(), "will you lend to Kenya?", "US", "NL");
    expect(words(a.said)).toMatch(/Loan of \d+ capital from the United States and the Netherlands to Kenya for the/);
    expect(words(a.said)).not.toMatch(/neither of us needs one/);
  });
});
