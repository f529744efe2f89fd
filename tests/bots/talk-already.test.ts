/**
 * A bot asked to join, or to change, a deal it is already in says so: a deal every party signed
 * takes no new party and no new terms (docs/RULES.md §3, "Life of a deal"), and an offer it has
 * signed waits only for the others, never "No, we will not join A5". Found by a tester.
 */
import { describe, expect, it } from "vitest";
import type { GameState } from "../../shared/engine/index.ts";
import type { Text } from "../../shared/engine/text.ts";
import { act, negotiating, offer, say, seatActor, words, zhWords } from "./helpers.ts";

const ID = "alliance-2021";
const en = (t: Text) => words(t, ID);
const zh = (t: Text) => zhWords(t, ID);

/** Round 2: the United States and the Netherlands signed broad chip controls on China in round 1, in force now. */
function inForce(): { state: GameState; id: string } {
  const o = offer(negotiating(ID), "US", { terms: { type: "export-control", sector: "semis", tier: "broad", target: "CN" }, parties: ["US", "NL"], duration: 4 });
  let s = act(o.state, { actor: seatActor("NL"), move: { type: "sign", agreementId: o.id, revision: 1 } });
  while (s.round === 1 || s.phase !== "negotiation") s = act(s, { actor: { kind: "system" }, move: { type: "advance" } });
  expect(s.agreements.find((a) => a.id === o.id)!.status).toBe("in-force");
  return { state: s, id: o.id };
}

describe("a deal in force that the bot is in", () => {
  it("“will you join A1?”, “what if Germany joins A1?”, “如果德国也加入呢？”: it is already in it, and nobody can join it now", () => {
    const g = inForce();
    for (const q of [`will you join ${g.id}?`, `what if Germany joins ${g.id}?`, `会加入 ${g.id} 吗？`]) {
      const r = say(g.state, q, "US", "NL");
      expect(r.said.key, `${q}: ${en(r.said)}`).toBe("bot.dm.already.inForce");
      expect(en(r.said)).toMatch(new RegExp(`^We are already in ${g.id}: it is in force, and no country can join it now nor change its terms`));
      expect(en(r.said)).not.toMatch(/would not join|will not join/);
      expect(zh(r.said)).toMatch(new RegExp(`^我方已是 ${g.id} 的当事方：它已经生效`));
    }
    const first = say(g.state, `why did you sign ${g.id}?`, "US", "NL");
    const follow = say(first.state, "如果德国也加入呢？", "US", "NL");
    expect(follow.said.key, en(follow.said)).toBe("bot.dm.already.inForce");
  });
});

describe("an offer the bot has signed", () => {
  it("“will you join A2?” and “会加入人工智能联合研发吗” say it has signed it and whose signature it waits for", () => {
    const g = inForce();
    const o = offer(g.state, "US", { terms: { type: "rnd", sector: "ai", contribution: 2 }, parties: ["US", "NL", "JP"], duration: 2 });
    const s = act(o.state, { actor: seatActor("NL"), move: { type: "sign", agreementId: o.id, revision: 1 } });
    for (const q of [`will you join ${o.id}?`, "会加入人工智能联合研发吗", "will you join joint AI research?"]) {
      const r = say(s, q, "US", "NL");
      expect(r.said.key, `${q}: ${en(r.said)}`).toBe("bot.dm.already.proposed");
      expect(en(r.said)).toBe(`We have signed ${o.id} already: it still needs the signature of Japan.`);
      expect(zh(r.said)).toMatch(new RegExp(`^我方已经签署了 ${o.id}：待 .+ 签署后生效。$`));
    }
  });
});

describe("terms put on a supply deal in force", () => {
  it("“would you accept A1 at 0.5?” says the deal is in force and its terms cannot change, not how far 0.5 falls short", () => {
    const o = offer(negotiating(ID), "AU", { terms: { type: "supply", sector: "minerals", suppliers: ["AU"], buyers: ["NL"], volume: 2, price: 0.8 }, parties: ["AU", "NL"], duration: 3 });
    let s = act(o.state, { actor: seatActor("NL"), move: { type: "sign", agreementId: o.id, revision: 1 } });
    while (s.round === 1 || s.phase !== "negotiation") s = act(s, { actor: { kind: "system" }, move: { type: "advance" } });
    expect(s.agreements.find((a) => a.id === o.id)!.status).toBe("in-force");
    for (const q of [`would you accept ${o.id} at 0.5?`, `你们能接受 ${o.id} 单价 0.5 吗？`]) {
      const r = say(s, q, "NL", "AU");
      expect(r.said.key, `${q}: ${en(r.said)}`).toBe("bot.dm.already.inForce");
      expect(zh(r.said)).not.toMatch(/\d还不够/);
    }
  });
});

describe("the smallest further change, in Chinese", () => {
  it("puts a space between a number and the words after it", () => {
    const change = { key: "bot.change", args: { term: { key: "bot.term.price" }, from: 0.8, to: 0.5 } };
    const said = zhWords({ key: "bot.dm.ifNear", args: { id: "A4", change, no: "x", more: change, why: "y" } }, ID);
    expect(said).toMatch(/^仅将 A4 的价格从 0\.8 改为 0\.5 还不够：/);
  });
});
