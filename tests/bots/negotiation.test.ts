/**
 * How bots negotiate over the revisions of one offer: a bot never counters a term back to a
 * value the offer already had (it converges: meets the other side, signs, or declines with its
 * reason), and a bot that will not join an offer of three or more that stands without it takes
 * itself out with its reason instead of closing the offer for everyone.
 */
import { describe, expect, it } from "vitest";
import { botContext } from "../../shared/bots/context.ts";
import { decideBotAction } from "../../shared/bots/bot.ts";
import { apply, DraftSchema, type Action, type GameState } from "../../shared/engine/index.ts";
import { agreementById } from "../../shared/engine/world.ts";
import { playGame } from "../../shared/bots/game-loop.ts";
import { act, negotiating, offer, scenario, seatActor, words, zhWords } from "./helpers.ts";

/** A bot's answer; each seat keeps its own stream, as the game loop does (what it keeps between moves goes with it). */
const rngs = new Map<string, { rng: number }>();
function answer(state: GameState, seat: string): Action {
  if (!rngs.has(seat)) rngs.set(seat, { rng: rngs.size + 1 });
  const d = decideBotAction(botContext(state, seat), rngs.get(seat)!);
  expect(d, `${seat} answers`).not.toBeNull();
  return { ...d!.action, ...(d!.reason ? { reason: d!.reason } : {}) };
}

describe("counter-offers between bots", () => {
  it("never take a term back to a value the offer had: the United States and Finland's chip deal ends", () => {
    // The US asks 1.3 for chips; Finland counters at 0, the US at 0.4. Finland used to counter at
    // 0 again and the US at 0.4, until the amendments ran out.
    rngs.clear();
    const draft = { terms: { type: "supply" as const, suppliers: ["US"], buyers: ["FI"], sector: "semis" as const, volume: 3, price: 1.3 }, duration: 4 };
    let { state, id } = offer(negotiating("alliance-2021", 1), "US", draft);
    const had = new Map<string, Set<string>>();
    const remember = (d: { terms: object; duration: number }) => {
      for (const [k, v] of Object.entries({ ...d.terms, duration: d.duration })) had.set(k, (had.get(k) ?? new Set()).add(JSON.stringify(v)));
    };
    remember(agreementById(state, id)!);
    const moves: string[] = [];
    for (let turn = 0; turn < 12 && agreementById(state, id)!.status === "proposed"; turn++) {
      const a = agreementById(state, id)!;
      const seat = a.signatures.includes("US") ? "FI" : "US";
      const action = answer(state, seat);
      const move = action.move;
      expect(["amend", "sign", "decline"], `${seat} answers ${id}`).toContain(move.type);
      if (move.type === "amend") {
        const now = { ...a.terms, duration: a.duration } as Record<string, unknown>;
        for (const [k, v] of Object.entries({ ...move.draft.terms, duration: move.draft.duration })) {
          if (JSON.stringify(v) === JSON.stringify(now[k])) continue;
          expect(had.get(k)?.has(JSON.stringify(v)) ?? false, `${moves.join(", ")}, ${seat}: ${k} back to ${JSON.stringify(v)}`).toBe(false);
        }
        remember(move.draft);
        moves.push(`${seat} ${(move.draft.terms as { price: number }).price}`);
      } else moves.push(`${seat} ${move.type}`);
      state = act(state, action);
    }
    // It ends this negotiation, signed or declined with a reason, well before the cap on amendments.
    const a = agreementById(state, id)!;
    expect(a.status, moves.join(", ")).not.toBe("proposed");
    expect(a.steps.filter((s) => s.what === "amended").length, moves.join(", ")).toBeLessThan(4);
    expect(a.steps.at(-1)!.reason, "the last answer gives its reason").toBeDefined();
  });
});

describe("staying out of a deal of three or more", () => {
  // Indonesia (a person here) offers minerals to Japan and the Netherlands; Japan wants them, the Netherlands does not.
  const draft = { terms: { type: "supply" as const, suppliers: ["ID"], buyers: ["JP", "NL"], sector: "minerals" as const, volume: 3, price: 0.5 }, duration: 2 };

  it("the bot that will not join takes itself out with its reason; the rest sign the new revision", () => {
    rngs.clear();
    let { state, id } = offer(negotiating(), "ID", draft);
    state = act(state, answer(state, "JP"));
    expect(agreementById(state, id)!.signatures).toEqual(["ID", "JP"]);
    const out = answer(state, "NL");
    expect(out.move).toMatchObject({ type: "amend", agreementId: id, revision: 1 });
    state = act(state, out);
    let a = agreementById(state, id)!;
    // The same deal without the Netherlands, at a new revision nobody has signed yet: the signatures on the old one are void.
    expect(a).toMatchObject({ status: "proposed", revision: 2, parties: ["ID", "JP"], signatures: [] });
    expect(a.terms).toMatchObject({ suppliers: ["ID"], buyers: ["JP"], volume: 3, price: 0.5 });
    const step = a.steps.at(-1)!;
    expect(step).toMatchObject({ what: "stepped-out", by: "NL", revision: 2 });
    expect(words(step.reason as never)).toMatch(new RegExp(`^stayed out of ${id}: costs us .+; go ahead without us$`));
    expect(zhWords(step.reason as never)).toMatch(new RegExp(`^未加入 ${id}：.+；其他各方可在没有我方的情况下继续$`));
    // Out of it, the Netherlands no longer sees the offer (only its parties do), but asked why it left, it says so.
    state = act(state, { actor: seatActor("ID"), move: { type: "open-channel", members: ["NL"] } });
    state = act(state, { actor: seatActor("ID"), move: { type: "chat", channel: "ch:ID+NL", text: `Why did you leave ${id}?` } });
    const why = answer(state, "NL");
    expect(why.move).toMatchObject({ type: "chat", channel: "ch:ID+NL" });
    const because = words(step.reason as never).replace(/^stayed out of \w+: (.+); go ahead without us$/, "$1");
    const said = why.move.type === "chat" ? words(why.move.said) : "";
    expect(said).toMatch(new RegExp(`^We stayed out of ${id}: `));
    expect(said).toContain(because);
    state = act(state, why);
    // A signature on the old revision is refused; Japan (a bot) and Indonesia (a person) sign the new one.
    expect(apply(state, { actor: seatActor("JP"), move: { type: "sign", agreementId: id, revision: 1 } }).ok).toBe(false);
    const jp = answer(state, "JP");
    expect(jp.move).toMatchObject({ type: "sign", agreementId: id, revision: 2 });
    state = act(state, jp);
    state = act(state, { actor: seatActor("ID"), move: { type: "sign", agreementId: id, revision: 2 } });
    a = agreementById(state, id)!;
    expect(a.status).toBe("signed");
    expect(a.parties).not.toContain("NL");
  });

  it("a two-party offer it will not sign is still declined", () => {
    rngs.clear();
    const { state, id } = offer(negotiating(), "ID", { ...draft, terms: { ...draft.terms, buyers: ["NL"] } });
    const d = answer(state, "NL");
    expect(d.move).toMatchObject({ type: "decline", agreementId: id });
    expect(agreementById(act(state, d), id)!.status).toBe("declined");
  });

  it("the engine takes a party out only of a deal that stands without it, and with nothing else changed", () => {
    const { state, id } = offer(negotiating(), "ID", draft);
    const leave = (seat: string, d: typeof draft & { parties: string[] }) => apply(state, { actor: seatActor(seat), move: { type: "amend", agreementId: id, revision: 1, draft: DraftSchema.parse(d) } });
    expect(leave("NL", { ...draft, terms: { ...draft.terms, buyers: ["JP"] }, parties: [] }).ok).toBe(true);
    // Leaving and changing the price at once is not leaving.
    expect(leave("NL", { ...draft, terms: { ...draft.terms, buyers: ["JP"], price: 0.1 }, parties: [] }).ok).toBe(false);
    // A deal of two does not stand without either party: the Netherlands may decline, not leave.
    const pair = offer(negotiating(), "US", { terms: { type: "export-control", sector: "semis", tier: "frontier", target: "CN" }, parties: ["US", "NL"], duration: 3 });
    const alone = DraftSchema.parse({ terms: { type: "export-control", sector: "semis", tier: "frontier", target: "CN" }, parties: ["US"], duration: 3 });
    expect(apply(pair.state, { actor: seatActor("NL"), move: { type: "amend", agreementId: pair.id, revision: 1, draft: alone } }).ok).toBe(false);
  });
});

describe("a proposal that was answered", () => {
  it("is not put again, the same terms to the same parties, in the same negotiation", () => {
    // The United States put the same AI regime to its allies four times in one negotiation of
    // Alliance 2021, and they stayed out of each; the Netherlands did the same with a chip regime.
    for (const id of ["alliance-2021", "multipolar-2024"]) {
      for (const seed of ["again:1", "again:2"]) {
        const { log } = playGame({ scenario: scenario(id), settings: { seed } }, {});
        let phase = 0;
        const seen = new Set<string>();
        const kinds = new Set<string>();
        for (const action of log) {
          if (action.move.type === "advance") {
            phase++;
            seen.clear();
          }
          if (action.move.type !== "propose" || action.actor.kind !== "seat") continue;
          const d = action.move.draft;
          kinds.add(d.terms.type);
          const key = JSON.stringify([action.actor.seat, d.terms, d.duration, [...d.parties].sort()]);
          expect(seen.has(key), `${id} ${seed}, phase ${phase}: ${key} again`).toBe(false);
          seen.add(key);
        }
        expect(kinds.has("export-control"), `${id} ${seed}: regimes were proposed`).toBe(true);
      }
    }
  });
});
