/**
 * Deal ids tell a seat nothing of the deals it may not see (docs/RULES.md §3 and §9,
 * shared/engine/deal-ids.ts): drawn from the seed, not counted, in a game of the current edition;
 * counted in a game saved before (edition 1), which replays as it was played.
 */
import { describe, expect, it } from "vitest";
import type { DraftInput, GameState } from "../../shared/engine/index.ts";
import { CURRENT_EDITION, DEAL_ID, dealId, DRAWN_IDS, dealIdsTyped } from "../../shared/engine/deal-ids.ts";
import { viewFor } from "../../shared/engine/views.ts";
import { preview } from "../../shared/engine/preview.ts";
import { replay } from "../../shared/engine/replay.ts";
import type { Action } from "../../shared/engine/actions.ts";
import { agree, draft, FACILITATOR, negotiating, ok, quiet, refused, seat, SYSTEM } from "./helpers.ts";

const screening = (parties: string[]): DraftInput => ({ terms: { type: "screening" }, parties, duration: 2 });
const current = { edition: CURRENT_EDITION };

/**
 * US offers Japan a pact, then, if `hidden`, the Netherlands offers India one (US may not see it),
 * then US offers Japan another. The ids of the deals US's screen holds, in the order made.
 */
function seenByUs(seed: string, hidden: boolean): { ids: string[]; state: GameState } {
  let s = negotiating(quiet(), { seed, ...current });
  s = agree(s, "US", screening(["US", "JP"])).state;
  if (hidden) s = agree(s, "NL", screening(["NL", "IN"])).state;
  s = agree(s, "US", screening(["US", "JP", "TW"])).state;
  const view = viewFor(s, { kind: "seat", seat: "US", roles: [] });
  return { ids: view.agreements.map((a) => a.id), state: s };
}

describe("deal ids", () => {
  it("are short, unique in a game, and neither counted nor in the order made", () => {
    const settings = { seed: "ids", ...current };
    const ids = Array.from({ length: 600 }, (_, i) => dealId(settings, i + 1));
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^A[2-9][A-HJKMNP-Z]{2}$/);
    expect(ids.every((id) => DEAL_ID.test(id))).toBe(true);
    // Sorted, they are not the order made: about half of the neighbours are in the wrong order.
    const rising = ids.slice(1).filter((id, i) => id > ids[i]!).length;
    expect(rising / (ids.length - 1)).toBeGreaterThan(0.4);
    expect(rising / (ids.length - 1)).toBeLessThan(0.6);
    // Past the ids of one draw, a lap number keeps them unique.
    expect(dealId(settings, DRAWN_IDS + 1)).toBe(`${ids[0]}2`);
    // Same seed, same ids; another seed, others.
    expect(dealId(settings, 7)).toBe(ids[6]);
    expect(Array.from({ length: 20 }, (_, i) => dealId({ seed: "other", ...current }, i + 1))).not.toEqual(ids.slice(0, 20));
  });

  it("games of one seed (a class's tables, for the same events) draw apart by their salt; a game saved without one draws as before", () => {
    const first = (idSalt?: string) => Array.from({ length: 20 }, (_, i) => dealId({ seed: "class", ...current, ...(idSalt ? { idSalt } : {}) }, i + 1));
    expect(first("TABLE1")).not.toEqual(first("TABLE2"));
    expect(first("TABLE1")).toEqual(first("TABLE1"));
    expect(first()).toEqual(Array.from({ length: 20 }, (_, i) => dealId({ seed: "class", ...current }, i + 1)));
    // The salt reaches the game's deals through its setup.
    const s = agree(negotiating(quiet(), { seed: "class", ...current, idSalt: "TABLE1" }), "US", screening(["US", "JP"])).state;
    expect(s.agreements.map((a) => a.id)).toEqual([first("TABLE1")[0]]);
  });

  it("a game saved before ids were drawn (no edition in its setup) keeps counted ids", () => {
    expect(dealId({ seed: "ids", edition: 1 }, 21)).toBe("A21");
    const s = agree(negotiating(quiet(), { seed: "old" }), "US", screening(["US", "JP"])).state;
    expect(s.settings.edition).toBe(1);
    expect(s.agreements.map((a) => a.id)).toEqual(["A1"]);
  });

  it("the ids a seat sees do not tell whether an offer it may not see was made between them", () => {
    // With counted ids, US would see A1 and A3: the gap is NL's offer to India.
    const { ids: old } = ((): { ids: string[] } => {
      let s = negotiating(quiet(), { seed: "gap" });
      s = agree(s, "US", screening(["US", "JP"])).state;
      s = agree(s, "NL", screening(["NL", "IN"])).state;
      s = agree(s, "US", screening(["US", "JP", "TW"])).state;
      return { ids: viewFor(s, { kind: "seat", seat: "US", roles: [] }).agreements.map((a) => a.id) };
    })();
    expect(old).toEqual(["A1", "A3"]);

    // Drawn ids: over many seeds, what US sees is alike with and without the hidden offer.
    const seeds = Array.from({ length: 200 }, (_, i) => `gap:${i}`);
    const stats = (hidden: boolean) => {
      let firstBelow = 0;
      const spread: number[] = [];
      for (const seed of seeds) {
        const { ids, state } = seenByUs(seed, hidden);
        expect(ids).toHaveLength(2);
        // Nothing of the hidden offer is on US's screen: not its id, nor the count of deals.
        const json = JSON.stringify(viewFor(state, { kind: "seat", seat: "US", roles: [] }));
        if (hidden) expect(json).not.toContain(`"${state.agreements[1]!.id}"`);
        expect(json).not.toContain("nextAgreement");
        const [a, b] = ids as [string, string];
        if (a < b) firstBelow++;
        spread.push(Math.abs(code(a) - code(b)));
      }
      return { firstBelow: firstBelow / seeds.length, spread: spread.reduce((x, y) => x + y, 0) / spread.length };
    };
    const without = stats(false);
    const withHidden = stats(true);
    for (const s of [without, withHidden]) {
      expect(s.firstBelow).toBeGreaterThan(0.4);
      expect(s.firstBelow).toBeLessThan(0.6);
      // The distance between the two ids is that of any two drawn ids (a third of the range), with or without a deal between them.
      expect(s.spread / DRAWN_IDS).toBeGreaterThan(0.28);
      expect(s.spread / DRAWN_IDS).toBeLessThan(0.39);
    }
  });

  it("a deal a seat may not see, even once declined, is refused as one that does not exist", () => {
    let s = negotiating(quiet(), { seed: "probe", ...current });
    const { state, id } = agree(s, "NL", screening(["NL", "IN"]));
    s = ok(state, seat("IN"), { type: "decline", agreementId: id, revision: 1 });
    const never = dealId(s.settings, s.nextAgreement);
    for (const agreementId of [id, never]) {
      const r = refused(s, seat("US"), { type: "sign", agreementId, revision: 1 }, "rule/unknown_agreement");
      expect(!r.ok && r.error.text).toEqual({ key: "refusal.unknownOffer" });
      expect(preview(s, "US", { agreementId })).toMatchObject({ ok: false, error: { code: "rule/unknown_agreement" } });
    }
  });

  it("the log of a game replays to the same ids; a log saved with counted ids replays under edition 1", () => {
    const log: Action[] = [
      { actor: FACILITATOR, move: { type: "start" } },
      { actor: SYSTEM, move: { type: "advance" } },
      { actor: seat("US"), move: { type: "propose", draft: draft(screening(["US", "JP"])) } },
    ];
    const drawnGame = replay({ scenario: quiet(), settings: { seed: "log", ...current } }, log);
    const id = drawnGame.agreements[0]!.id;
    expect(id).toBe(dealId(drawnGame.settings, 1));
    const signed = [...log, { actor: seat("JP"), move: { type: "sign" as const, agreementId: id, revision: 1 } }];
    expect(replay({ scenario: quiet(), settings: { seed: "log", ...current } }, signed).agreements[0]!.status).toBe("signed");
    // An old log names A1, and its setup no edition.
    const old = [...log, { actor: seat("JP"), move: { type: "sign" as const, agreementId: "A1", revision: 1 } }];
    expect(replay({ scenario: quiet(), settings: { seed: "log" } }, old).agreements[0]).toMatchObject({ id: "A1", status: "signed" });
  });

  it("chat names a deal by its id in any case, after a word for a deal, or in Chinese", () => {
    expect(dealIdsTyped("Why did you decline a7km? And deal 3, 协议A5XY; a 10 loan, ask all")).toEqual(["A7KM", "A3", "A5XY"]);
  });
});

/** An id's place among every drawn id, as spelled (A + digit + two letters). */
function code(id: string): number {
  const L = "ABCDEFGHJKMNPQRSTUVWXYZ";
  return (Number(id[1]) - 2) * L.length * L.length + L.indexOf(id[2]!) * L.length + L.indexOf(id[3]!);
}
