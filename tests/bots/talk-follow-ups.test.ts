/**
 * A follow-up that names no deal is about the deal last discussed, as the bot's own answer named
 * it, parties and all; and a signed deal, which takes no new party, is answered about as one:
 * what the bot would sign instead, never a price for joining it nor a dead end (docs/RULES.md,
 * "Follow-ups" and the questions table). Found by a tester in the Alliance 2021 plenary.
 */
import { describe, expect, it } from "vitest";
import { botContext } from "../../shared/bots/context.ts";
import { decideBotAction } from "../../shared/bots/bot.ts";
import type { GameState } from "../../shared/engine/index.ts";
import type { Text } from "../../shared/engine/text.ts";
import type { Draft } from "../../shared/engine/actions.ts";
import { translatedNames } from "../../server/scenario-texts.ts";
import { act, negotiating, offer, words, zhWords, seatActor } from "./helpers.ts";

const ID = "alliance-2021";
const en = (t: Text) => words(t, ID);
const zh = (t: Text) => zhWords(t, ID);

/** `from` asks `text` in the plenary; `to`'s answer, and the state with it said. */
function ask(state: GameState, text: string, from = "NL", to = "JP"): { said: Text; draft?: Draft; state: GameState } {
  const asked = act(state, { actor: seatActor(from), move: { type: "chat", channel: "plenary", text } });
  const d = decideBotAction(botContext(asked, to), { rng: 12345 }, { names: translatedNames(ID) })!;
  expect(d.action.move.type, `${to} answers “${text}”`).toBe("chat");
  const move = d.action.move as { said: Text; draft?: Draft };
  return { said: move.said, ...(move.draft ? { draft: move.draft } : {}), state: act(asked, d.action) };
}

/** The countries of the first export control an answer names by its terms ("Controls by Japan, the Netherlands and the United States"). */
function partiesIn(said: Text): string[] {
  const find = (x: unknown): Text | undefined => {
    if (!x || typeof x !== "object") return undefined;
    if ((x as Text).key === "deal.export-control") return x as Text;
    for (const v of Object.values((x as Text).args ?? {})) {
      const hit = find(v);
      if (hit) return hit;
    }
    return undefined;
  };
  const deal = find(said);
  expect(deal, "an export control named by its terms").toBeDefined();
  return (deal!.args!.parties as { list: { id: string }[] }).list.map((c) => c.id).sort();
}

describe("a follow-up on a deal the bot named by its terms", () => {
  it("“what would it take?” after “…if the United States does?” keeps the United States in the deal", () => {
    const first = ask(negotiating(ID), "Japan, will you join the chip regime if the United States does?");
    expect(partiesIn(first.said)).toEqual(["JP", "NL", "US"]);
    for (const q of ["Japan, what would it take?", "日本，需要什么条件？"]) {
      const then = ask(first.state, q);
      expect(partiesIn(then.said), `${q}: ${en(then.said)}`).toEqual(["JP", "NL", "US"]);
      expect(en(then.said)).toMatch(/Japan, the Netherlands and the United States/);
    }
  });
});

/** Round 2: the United States and the Netherlands signed broad chip controls on China in round 1, in force now. */
function signedRegime(): { state: GameState; id: string } {
  const o = offer(negotiating(ID), "US", { terms: { type: "export-control", sector: "semis", tier: "broad", target: "CN" }, parties: ["US", "NL"], duration: 4 });
  let s = act(o.state, { actor: seatActor("NL"), move: { type: "sign", agreementId: o.id, revision: 1 } });
  while (s.round === 1 || s.phase !== "negotiation") s = act(s, { actor: { kind: "system" }, move: { type: "advance" } });
  expect(s.agreements.find((a) => a.id === o.id)!.status).toBe("in-force");
  return { state: s, id: o.id };
}

describe("a deal every party signed, asked about by a country not in it", () => {
  // Its members are in one regime on chips to China (A1) already, so the fresh regime of its kind
  // with them and Japan is one the engine refuses (docs/RULES.md §4.1): the bot says so in the
  // engine's words, never offers it, and offers what it would sign instead.
  const refusedFresh = (g: { id: string }) => `No export-control regime in semiconductors with you is open to us this round: the Netherlands is already in ${g.id} on semiconductors against China (one regime per sector and target): leave the Netherlands out of this one, or leave ${g.id} first.`;

  it("“will you join it?”: that no country can join it now, then that the fresh deal of its kind with its parties and the bot is refused, not a price for joining it", () => {
    const g = signedRegime();
    const join = ask(g.state, `Japan, will you join ${g.id}?`);
    expect(join.said.key).toBe("bot.dm.sealed");
    expect(en(join.said)).toMatch(new RegExp(`^${g.id} is signed by all its parties, and no country can join it now: a deal takes new parties only while it is an offer\. `));
    expect(zh(join.said)).toMatch(new RegExp(`^${g.id} 已由各方签署，现在任何国家都无法加入：`));
    expect(en(join.said)).not.toMatch(/would not join|no place for us/);
    expect(en(join.said)).toContain(refusedFresh(g));
    expect(zh(join.said)).toMatch(new RegExp(`已加入 ${g.id}（对.+的半导体管制；同一领域、同一对象只能加入一个管制机制）：请把.+移出本协议，或先退出 ${g.id}。$`));
    expect(join.draft).toBeUndefined();

    // “What would it take?” after it, and on the deal by its id: something to propose, never a dead end.
    for (const q of ["Japan, what would it take?", `Japan, what would it take on ${g.id}?`, "日本，需要什么条件？"]) {
      const take = ask(join.state, q);
      const line = en(take.said);
      expect(line, q).not.toMatch(/no place for us|not a party/);
      expect(line, q).not.toMatch(/Controls by Japan, the Netherlands and the United States/);
      expect(line, q).toMatch(/Propose it and we will answer within moments\.$/);
      expect(take.draft, q).toBeDefined();
      expect(zh(take.said), q).toMatch(/你方提出后，我方会很快答复。$/);
    }
  });

  it("“…if South Korea does?” on it: the fresh deal with South Korea in it too is refused the same way", () => {
    const g = signedRegime();
    const r = ask(g.state, `Japan, will you join ${g.id} if South Korea does?`);
    expect(r.said.key).toBe("bot.dm.sealed");
    expect(en(r.said)).toContain(refusedFresh(g));
  });

  it("“if we pay you, will you join it?”: no payment in a regime, and that no country can join it now, not a price for joining it", () => {
    const g = signedRegime();
    const r = ask(g.state, `Japan, if we pay you, will you join ${g.id}?`);
    const line = en(r.said);
    expect(line).toMatch(new RegExp(`${g.id} is signed by all its parties, and no country can join it now`));
    expect(line).not.toMatch(/would not join|no place for us/);
    expect(line).toContain(refusedFresh(g));
  });
});
