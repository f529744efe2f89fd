/**
 * A hawk never sells its goods to, or researches with, the other camp: in Alliance 2021 with a
 * person or a bot playing China (the red cell), hawks of the alliance proposed and signed supply
 * deals selling China semiconductors and AI ("brings us +8 capital over its 4 rounds and +2
 * prosperity"), against what the alliance is there for (docs/RULES.md §1, the scenario's brief).
 * Pragmatists, free riders and the others still trade with it for the price.
 */
import { describe, expect, it } from "vitest";
import { botContext } from "../../shared/bots/context.ts";
import { appraise, decideBotAction } from "../../shared/bots/bot.ts";
import { playGame, type SeatPlayer } from "../../shared/bots/game-loop.ts";
import { createGame } from "../../shared/engine/setup.ts";
import { DraftSchema, type DraftInput, type GameState } from "../../shared/engine/index.ts";
import { withRedCell } from "../../shared/scenario/red-cell.ts";
import { act, offer, scenario, words, zhWords } from "./helpers.ts";

const redCell = () => withRedCell(scenario("alliance-2021"));

/** Alliance 2021 with China a seat, in round 1's negotiation. */
function negotiating(seed = 7): GameState {
  let s = createGame({ scenario: redCell(), settings: { seed } });
  s = act(s, { actor: { kind: "facilitator" }, move: { type: "start" } });
  return act(s, { actor: { kind: "system" }, move: { type: "advance" } });
}

/** China buys `sector`'s goods from `seller` at a generous price (1.5, half again the full price). */
const chinaBuys = (seller: string, sector: "semis" | "minerals" = "semis"): DraftInput => ({
  terms: { type: "supply", suppliers: [seller], buyers: ["CN"], sector, volume: 4, price: 1.5, coInvest: 0 },
  parties: [],
  duration: 4,
});

describe("a hawk and the other camp", () => {
  it("declines to sell China chips at any price, saying why in both languages, where a pragmatist and a free rider sign", () => {
    // The United States, the United Kingdom and Australia (its ore) are hawks; the Netherlands a pragmatist, Germany a free rider.
    for (const [seller, sector] of [["US", "semis"], ["GB", "semis"], ["AU", "minerals"]] as const) {
      const { state, id } = offer(negotiating(), "CN", chinaBuys(seller, sector));
      const d = decideBotAction(botContext(state, seller), { rng: 12345 })!;
      expect(d.action.move, seller).toMatchObject({ type: "decline", agreementId: id });
      expect(words(d.reason, "alliance-2021"), seller).toMatch(/declined: would supply China, in the rival camp: we do not supply the rival camp, with goods or research, at any price/);
      // One colon, after 已拒绝: the reason is a sentence with its subject ("会把我方的产品…给予对立阵营的中国：无论价格如何…" had none, and a second colon).
      expect(zhWords(d.reason, "alliance-2021"), seller).toMatch(/^已拒绝：该协议会向对立阵营的\S+提供我方的产品或研发成果，无论价格如何，我方都不会这样做$/);
      expect(appraise(botContext(state, seller), DraftSchema.parse(chinaBuys(seller, sector)))!.value, seller).toBeLessThan(0);
    }
    for (const seller of ["NL", "DE"]) {
      const { state, id } = offer(negotiating(), "CN", chinaBuys(seller));
      const d = decideBotAction(botContext(state, seller), { rng: 12345 })!;
      expect(d.action.move, seller).toMatchObject({ type: "sign", agreementId: id });
    }
  });

  it("keeps its research from China too, and China, a hawk, keeps its minerals from the alliance", () => {
    const rnd: DraftInput = { terms: { type: "rnd", sector: "ai", contribution: 4 }, parties: ["CN", "US"], duration: 2 };
    const r = offer(negotiating(), "CN", rnd);
    expect(decideBotAction(botContext(r.state, "US"), { rng: 12345 })!.action.move).toMatchObject({ type: "decline", agreementId: r.id });
    // Japan asks to buy China's minerals: China, played by a hawk bot, sells none.
    const japanBuys: DraftInput = { terms: { type: "supply", suppliers: ["CN"], buyers: ["JP"], sector: "minerals", volume: 4, price: 1.5, coInvest: 0 }, parties: [], duration: 4 };
    const m = offer(negotiating(), "JP", japanBuys);
    const d = decideBotAction(botContext(m.state, "CN"), { rng: 12345 })!;
    expect(d.action.move).toMatchObject({ type: "decline", agreementId: m.id });
    expect(words(d.reason, "alliance-2021")).toMatch(/would supply Japan, in the rival camp/);
  });

  it("never proposes nor signs a deal supplying China in whole games where every alliance seat is a hawk", () => {
    const s = redCell();
    const alliance = s.countries.filter((c) => c.bloc === "alliance" && c.control === "seat").map((c) => c.id);
    const players: Record<string, SeatPlayer> = Object.fromEntries(alliance.map((id) => [id, { kind: "bot", options: { personality: "hawk" } }]));
    let deals = 0;
    // Seeds in which, before, the hawks sold China semiconductors (the Netherlands, Japan, the UK, South Korea, Germany).
    for (const seed of ["digest:0", "digest:1"]) {
      const { state } = playGame({ scenario: s, settings: { seed } }, players);
      deals += state.agreements.filter((a) => a.terms.type === "supply").length;
      for (const a of state.agreements) {
        const t = a.terms;
        const toChina = t.type === "supply" ? t.buyers.includes("CN") : t.type === "rnd" && a.parties.includes("CN");
        if (!toChina) continue;
        const sellers = t.type === "supply" ? t.suppliers : a.parties.filter((p) => p !== "CN");
        for (const seat of sellers.filter((x) => alliance.includes(x))) {
          const signed = a.steps.some((st) => st.what === "signed" && st.by === seat);
          expect({ seed, deal: a.id, seat, proposed: a.proposedBy === seat, signed }).toEqual({ seed, deal: a.id, seat, proposed: false, signed: false });
        }
      }
    }
    // They still trade among themselves.
    expect(deals).toBeGreaterThan(10);
  });
});
