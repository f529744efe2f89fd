/**
 * `preview`: what it predicts a deal changes for a seat this round
 * is exactly what happens when the deal is signed and the round resolved, compared with the
 * same round resolved without it, chance outcomes (research, defaults) taken at their
 * expected values: a preview shows the odds, never this round's rolls.
 */
import { describe, expect, it } from "vitest";
import { randomDraft, randomSeatAction } from "../../shared/bots/random-bot.ts";
import { apply, AGREEMENT_TYPES, computeScores, preview, previewRuling, randomInt, seatIds, sectorInSentence, seedFrom, text, type DraftInput, type GameState } from "../../shared/engine/index.ts";
import { getScenario } from "../../server/scenarios.ts";
import type { Effect, Scenario } from "../../shared/scenario/schema.ts";
import { say } from "../helpers/words.ts";
import { en } from "../../client/i18n/en.ts";
import { scenarioNames, translator } from "../../client/i18n/translator.ts";
import { agree, classroom, derive, draft, FACILITATOR, negotiating, nextNegotiation, ok, quiet, resolve, seat, withRival } from "./helpers.ts";

/** Every number a preview line can be about, for one subject. */
function numbers(s: GameState, subject: string): Record<string, number> {
  if (subject === "table") return { ...s.table };
  const c = s.countries[subject]!;
  return { ...c.metrics, capital: c.capital, ...Object.fromEntries(Object.entries(c.sectors).map(([k, v]) => [`capability:${k}`, v.capability])) };
}

/** The real difference the deal makes: resolve with it (all seat parties signing) and without. */
function actualDiff(state: GameState, input: DraftInput, proposer: string, subject: string): Record<string, number> | null {
  const parties = draft(input);
  const seats = new Set(state.scenario.countries.filter((c) => c.control === "seat").map((c) => c.id));
  const signers = [...new Set(parties.terms.type === "supply" ? [...parties.terms.suppliers, ...parties.terms.buyers] : parties.terms.type === "loan" ? [...parties.terms.lenders, parties.terms.recipient] : parties.parties)].filter((p) => p !== proposer && seats.has(p));
  let signed: GameState;
  try {
    signed = agree(state, proposer, input, signers).state;
  } catch {
    return null; // someone could not sign (budget): nothing to compare
  }
  const withDeal = resolve({ ...signed, expected: true });
  const without = resolve({ ...state, expected: true });
  const a = numbers(withDeal, subject);
  const b = numbers(without, subject);
  return Object.fromEntries(Object.keys(a).map((k) => [k, a[k]! - b[k]!]));
}

function expectPreviewMatches(state: GameState, input: DraftInput, proposer: string, viewer: string, mustSign = true) {
  const p = preview(state, viewer, { draft: draft(input) });
  if (!p.ok) throw new Error(`${p.error.code} ${p.error.text.key}`);
  for (const subject of [viewer, "table"]) {
    const real = actualDiff(state, input, proposer, subject);
    if (!real) {
      if (mustSign) throw new Error("the deal could not be signed");
      return null;
    }
    const predicted = Object.fromEntries(p.lines.filter((l) => l.subject === subject).map((l) => [l.key, l.delta]));
    for (const [key, value] of Object.entries(real)) {
      const guess = predicted[key] ?? 0;
      expect(Math.abs(guess - value), `${subject} ${key}: preview ${guess}, actual ${value}`).toBeLessThanOrEqual(0.011);
    }
    for (const key of Object.keys(predicted)) expect(real, `preview names ${subject} ${key}`).toHaveProperty(key);
  }
  // Each line's causes add up to its delta.
  for (const line of p.lines) expect(Math.abs(line.causes.reduce((x, c) => x + c.amount, 0) - line.delta)).toBeLessThanOrEqual(0.011);
  return p;
}

const DEALS: [string, DraftInput, string, string[]][] = [
  ["a chip regime against China", { terms: { type: "export-control", sector: "semis", tier: "broad", target: "CN" }, parties: ["US", "NL", "JP"], duration: 2 }, "US", ["US", "NL", "JP"]],
  ["a frontier AI control on everyone outside", { terms: { type: "export-control", sector: "ai", tier: "frontier", target: "outside" }, parties: ["US", "JP"], duration: 1 }, "US", ["US", "JP"]],
  ["a screening pact", { terms: { type: "screening" }, parties: ["US", "JP", "IN"], duration: 2 }, "JP", ["US", "JP", "IN"]],
  ["a chip deal with co-investment", { terms: { type: "supply", suppliers: ["JP"], buyers: ["IN"], sector: "semis", volume: 3, price: 1, coInvest: 2 }, duration: 2 }, "IN", ["JP", "IN"]],
  ["a minerals deal", { terms: { type: "supply", suppliers: ["ID"], buyers: ["JP", "US"], sector: "minerals", volume: 4, price: 0.5 }, duration: 1 }, "JP", ["ID", "JP", "US"]],
  ["a loan to Kenya", { terms: { type: "loan", lenders: ["US"], recipient: "KE", project: "cable", amount: 20, interest: 3, grace: 0, conditions: ["open-standards"] }, duration: 3 }, "US", ["US"]],
  ["a loan to Indonesia", { terms: { type: "loan", lenders: ["CN"], recipient: "ID", project: "grid", amount: 12, interest: 5, grace: 1 }, duration: 4 }, "CN", ["CN", "ID"]],
  ["an alignment statement", { terms: { type: "alignment", clauses: ["threat-assessment", "secure-infrastructure"], target: "CN" }, parties: ["US", "JP", "IN"], duration: 1 }, "US", ["US", "JP", "IN"]],
  ["a standards coalition", { terms: { type: "standards", technology: "6g", option: "open-6g" }, parties: ["US", "JP"], duration: 2 }, "JP", ["US", "JP"]],
  ["joint R&D", { terms: { type: "rnd", sector: "quantum", contribution: 8 }, parties: ["US", "JP"], duration: 1 }, "US", ["US", "JP"]],
];

const cases = (world: () => Scenario, name: string) =>
  DEALS.flatMap(([deal, input, proposer, viewers]) => viewers.map((v) => [name, deal, v, world, input, proposer] as const));

let randomCompared = 0;

describe("preview equals what happens", () => {
  it.each([...cases(classroom, "classroom-quick"), ...cases(() => withRival(classroom(), (s) => (s.countries.find((c) => c.id === "CN")!.control = "seat", delete s.rival)), "classroom-quick (again, CN a seat)")])(
    "%s, round 1: %s, for %s",
    (_w, _deal, viewer, world, input, proposer) => {
      expectPreviewMatches(negotiating(world()), input, proposer, viewer);
    },
  );

  it.each([1, 2, 3, 4, 5, 6])("in a later round with deals in force (seed %i)", (seed) => {
    let s = negotiating(classroom(), { seed });
    s = agree(s, "US", { terms: { type: "export-control", sector: "semis", tier: "broad", target: "CN" }, parties: ["US", "NL"], duration: 3 }, ["NL"]).state;
    s = agree(s, "JP", { terms: { type: "rnd", sector: "ai", contribution: 6 }, parties: ["JP", "NL"], duration: 3 }, ["NL"]).state;
    s = nextNegotiation(resolve(s));
    for (const [, input, proposer, viewers] of DEALS.slice(2)) for (const v of viewers) expectPreviewMatches(s, input, proposer, v);
  });

  it.each(Array.from({ length: 30 }, (_, i) => i + 1))("random deals in random games (seed %i)", (seed) => {
    const world = seed % 2 ? classroom() : withRival();
    let s = negotiating(world, { seed });
    const rng = { rng: seedFrom(`preview:${seed}`) };
    // Play a random stretch of the game, then stop in a negotiation.
    const rounds = randomInt(rng, world.rounds);
    for (let r = 0; r < rounds && s.phase === "negotiation"; r++) {
      for (let i = 0; i < 12; i++) {
        const who = seatIds(s)[randomInt(rng, seatIds(s).length)]!;
        const action = randomSeatAction(s, who, rng);
        const next = action && apply(s, action);
        if (next && next.ok) s = next.state;
      }
      s = resolve(s);
      if (s.phase !== "review") break;
      s = nextNegotiation(s);
    }
    if (s.phase !== "negotiation") return;
    let compared = 0;
    for (let i = 0; i < 8; i++) {
      const seats = seatIds(s);
      const proposer = seats[randomInt(rng, seats.length)]!;
      const input = randomDraft(s, proposer, AGREEMENT_TYPES[randomInt(rng, AGREEMENT_TYPES.length)]!, rng);
      if (!preview(s, proposer, { draft: input }).ok) continue;
      if (expectPreviewMatches(s, input, proposer, proposer, false)) compared++;
    }
    randomCompared += compared;
  });

  it("compared enough random deals", () => {
    expect(randomCompared).toBeGreaterThanOrEqual(80);
  });

  it("previews an existing offer by its id", () => {
    let s = negotiating(classroom());
    s = ok(s, seat("US"), { type: "propose", draft: draft(DEALS[0]![1]) });
    const byId = preview(s, "NL", { agreementId: "A1" });
    const byDraft = preview(negotiating(classroom()), "NL", { draft: draft(DEALS[0]![1]) });
    expect(byId.ok && byDraft.ok).toBe(true);
    if (byId.ok && byDraft.ok) expect(byId.lines.map((l) => [l.key, l.delta])).toEqual(byDraft.lines.map((l) => [l.key, l.delta]));
  });

  it("a draft's causes call it the new deal, never by a placeholder id; an offer's by its own", () => {
    const named: string[] = [];
    for (const [what, input, proposer] of DEALS) {
      const p = preview(negotiating(classroom()), proposer, { draft: draft(input) });
      if (!p.ok) continue;
      const said = p.lines.flatMap((l) => [...l.causes, ...l.withDeal.causes, ...l.withoutDeal.causes]).map((c) => say(c.label));
      expect(said.join(" | "), what).not.toMatch(/\bdraft\b/);
      if (said.some((x) => x.includes("the new deal"))) named.push(what);
    }
    expect(named.length).toBeGreaterThanOrEqual(DEALS.length - 2);
    let s = negotiating(classroom());
    s = ok(s, seat("US"), { type: "propose", draft: draft(DEALS[0]![1]) });
    const byId = preview(s, "NL", { agreementId: "A1" });
    expect(byId.ok && byId.lines.flatMap((l) => [...l.causes, ...l.withDeal.causes]).map((c) => say(c.label)).join(" | ")).toContain("A1: ");
  });

  it("a loan to a partner with a competing offer on the table is previewed as the partner will choose", () => {
    // With an automated rival, every unfinanced need gets a rival offer at resolution.
    const world = withRival();
    let s = nextNegotiation(resolve(negotiating(world)));
    const rivalOffer = s.agreements.find((a) => a.status === "proposed" && a.terms.type === "loan" && a.terms.recipient === "KE" && a.terms.project === "cable");
    expect(rivalOffer).toBeDefined();
    // A worse offer than the rival's (higher interest, smaller): Kenya takes the rival's, so the US pays nothing.
    const worse: DraftInput = { terms: { type: "loan", lenders: ["US"], recipient: "KE", project: "cable", amount: 4, interest: 12, grace: 0 }, duration: 3 };
    expectPreviewMatches(s, worse, "US", "US");
    const better: DraftInput = { terms: { type: "loan", lenders: ["US"], recipient: "KE", project: "cable", amount: 30, interest: 1, grace: 1 }, duration: 4 };
    expectPreviewMatches(s, better, "US", "US");
  });

  it("an offer the automated rival will not sign is previewed as doing nothing", () => {
    const world = withRival(classroom(), (s) => (s.rival!.accepts = ["rnd"]));
    const s = negotiating(world);
    const input: DraftInput = { terms: { type: "supply", suppliers: ["CN"], buyers: ["JP"], sector: "minerals", volume: 3, price: 1 }, duration: 1 };
    const p = expectPreviewMatches(s, input, "JP", "JP");
    expect(p && p.ok && p.lines).toEqual([]);
  });

  it.each([
    ["a viewer who is not a party", "KE", "rule/not_a_party"],
    ["an unknown country", "XX", "rule/unknown_country"],
    ["a name every object answers to", "constructor", "rule/unknown_country"],
  ])("refuses %s", (_why, viewer, code) => {
    const p = preview(negotiating(classroom()), viewer, { draft: draft(DEALS[2]![1]) });
    expect(p.ok ? "ok" : p.error.code).toBe(code);
  });

  it("refuses outside a round, and leaves the state alone", () => {
    const s = negotiating(classroom());
    const before = JSON.stringify(s);
    preview(s, "US", { draft: draft(DEALS[0]![1]) });
    expect(JSON.stringify(s)).toBe(before);
    const ended = ok(s, { kind: "facilitator" }, { type: "end-game" });
    const p = preview(ended, "US", { draft: draft(DEALS[0]![1]) });
    expect(p.ok ? "ok" : p.error.code).toBe("rule/wrong_phase");
  });
});

describe("what the lines leave out", () => {
  /** The preview's notes as a player reads them. */
  const notes = (s: GameState, viewer: string, input: DraftInput | { agreementId: string }) => {
    const p = preview(s, viewer, "agreementId" in input ? input : { draft: draft(input) });
    if (!p.ok) throw new Error(p.error.code);
    return { lines: p.lines, notes: p.notes.map((n) => say(n, s.scenario)) };
  };

  it("a deal that changes nothing for the seat or the table says why: an automated partner's answer", () => {
    const p = notes(negotiating(classroom()), "US", { terms: { type: "supply", suppliers: ["US"], buyers: ["KE"], sector: "semis", volume: 2, price: 1 }, duration: 2 });
    expect(p.lines).toEqual([]);
    expect(p.notes).toEqual(["Kenya is automated and signs only loans made to it, so it would decline."]);
  });

  it("the automated rival's answer, by the kinds of deal its script signs", () => {
    const world = withRival(classroom(), (s) => (s.rival!.accepts = ["rnd"]));
    const p = notes(negotiating(world), "JP", { terms: { type: "supply", suppliers: ["CN"], buyers: ["JP"], sector: "minerals", volume: 3, price: 1 }, duration: 1 });
    expect(p.lines).toEqual([]);
    expect(p.notes).toEqual(["China is automated and signs only these kinds of deal: joint R&D / talent exchange; it would decline this one."]);
  });

  it("a partner that takes another loan for its project says so, naming that offer only to those who may see it", () => {
    const s = nextNegotiation(resolve(negotiating(withRival())));
    const rivalOffer = s.agreements.find((a) => a.status === "proposed" && a.terms.type === "loan" && a.terms.recipient === "KE" && a.terms.project === "cable")!;
    const loan = { terms: { type: "loan" as const, lenders: ["US"], recipient: "KE", project: "cable" as const, amount: 4, interest: 12, grace: 0 }, duration: 3 };
    // China's offer to Kenya is theirs alone until both sign: the United States learns that a better one exists, not which.
    const p = notes(s, "US", loan);
    expect(p.lines).toEqual([]);
    expect(p.notes).toEqual(["Kenya would not take this loan for its undersea cable as it stands: an automated partner signs only the best offer it has."]);
    expect(p.notes.join(" ")).not.toContain(rivalOffer.id);
    // China, a party to it, reads its id.
    const own = notes(s, "CN", { ...loan, terms: { ...loan.terms, lenders: ["CN"] } });
    expect(own.notes).toEqual([`Kenya would take ${rivalOffer.id} for its undersea cable instead: an automated partner signs the best offer.`]);
  });

  it("a delivery a regime signed since would stop says so, as the round's news would", () => {
    let s = negotiating(classroom());
    s = ok(s, seat("CN"), { type: "propose", draft: draft({ terms: { type: "supply", suppliers: ["JP"], buyers: ["CN"], sector: "semis", volume: 2, price: 1 }, duration: 2 }) });
    s = agree(s, "US", { terms: { type: "export-control", sector: "semis", tier: "broad", target: "CN" }, parties: ["US", "NL", "JP"], duration: 2 }, ["NL", "JP"]).state;
    const p = notes(s, "CN", { agreementId: "A1" });
    expect(p.lines).toEqual([]);
    expect(p.notes).toEqual([say(text("news.blockedDelivery", { id: "A1", regime: "A2", sector: sectorInSentence("semis") }), s.scenario)]);
    expect(p.notes[0]).toBe("A1 delivers nothing this round: A2 controls its members' exports of semiconductors to this buyer.");
  });

  it("a loan says the whole of a lender's financing, not only this round's half, and when its project stands", () => {
    const s = negotiating(classroom());
    const build = s.scenario.rules.loans.buildRounds;
    expect(build).toBe(2);
    const p = notes(s, "US", { terms: { type: "loan", lenders: ["US"], recipient: "KE", project: "cable", amount: 18, interest: 3, grace: 0 }, duration: 3 });
    expect(p.lines.find((l) => l.key === "capital")?.delta).toBe(-9);
    expect(p.notes).toEqual(["You pay 18 capital over 2 rounds: 9 now, 9 next round; the undersea cable stands in round 2."]);
    // Two lenders: each its share.
    const shared = notes(s, "JP", { terms: { type: "loan", lenders: ["US", "JP"], recipient: "KE", project: "cable", amount: 18, interest: 3, grace: 0 }, duration: 3 });
    expect(shared.notes).toEqual(["You pay 9 capital over 2 rounds: 4.5 now, 4.5 next round; the undersea cable stands in round 2."]);
    // A scenario that builds in three rounds.
    const slow = negotiating(derive(classroom(), (x) => (x.rules.loans.buildRounds = 3)));
    const three = notes(slow, "US", { terms: { type: "loan", lenders: ["US"], recipient: "KE", project: "cable", amount: 18, interest: 3, grace: 0 }, duration: 4 });
    expect(three.lines.find((l) => l.key === "capital")?.delta).toBe(-6);
    expect(three.notes).toEqual(["You pay 18 capital over 3 rounds: 6 now, 6 in each of the next 2 rounds; the undersea cable stands in round 3."]);
  });

  it("a loan's seat recipient, whose numbers move only once the project stands, is told when", () => {
    const s = negotiating(classroom());
    const p = notes(s, "ID", { terms: { type: "loan", lenders: ["US"], recipient: "ID", project: "grid", amount: 6, interest: 3, grace: 0 }, duration: 3 });
    expect(p.lines.filter((l) => l.subject === "ID")).toEqual([]);
    expect(p.notes).toEqual(["The project takes 2 rounds to build: the power grid stands in round 2."]);
  });

  it("warns when the deal would take the seat's capital below zero in a later round, as the rounds then resolve", () => {
    // A quiet table: no card moves capital, so the rounds play out as the preview resolves them.
    let s = negotiating();
    const loan = (amount: number) => ({ terms: { type: "loan" as const, lenders: ["US"], recipient: "ID", project: "grid" as const, amount, interest: 3, grace: 0 }, duration: 3 });
    // Indonesia has 3 and earns 3 a round: 12 by round 3, when it repays 12 × 1.03 = 12.36 at once.
    expect([s.countries.ID!.capital, s.scenario.countries.find((c) => c.id === "ID")!.capital]).toEqual([3, 3]);
    const warned = notes(s, "ID", loan(12));
    expect(warned.notes).toEqual([
      "The project takes 2 rounds to build: the power grid stands in round 2.",
      "Your capital would fall below zero in round 3 (−0.36): this deal's payments and those of your deals in force take more than you earn, even with no new card or deal.",
    ]);
    // A loan of 6 repays 6.18: it fits.
    expect(notes(s, "ID", loan(6)).notes).toEqual(["The project takes 2 rounds to build: the power grid stands in round 2."]);
    // The lender, paid back, is not warned.
    expect(notes(s, "US", loan(12)).notes.join(" ")).not.toContain("below zero");
    // What the engine then does: round 2 ends at 12 − 0 ≥ 0, round 3 at −0.36.
    s = agree(s, "ID", loan(12), ["US"]).state;
    const capital: number[] = [];
    for (;;) {
      s = resolve(s);
      capital.push(s.countries.ID!.capital);
      if (s.round === 3) break;
      s = nextNegotiation(s);
    }
    expect(capital).toEqual([6, 9, -0.36]);
  });

  it("does not warn a seat whose capital falls below zero anyway when the deal brings it money", () => {
    const s = negotiating(quiet((x) => (x.countries.find((c) => c.id === "JP")!.capital = 4)));
    // Japan has 4 and earns 4 a round, and pays 6 a round for R&D already signed: 2, 0, −2, −4 after rounds 1–4.
    const funded = agree(s, "JP", { terms: { type: "rnd", sector: "ai", contribution: 6 }, parties: ["JP", "US"], duration: 4 }, ["US"]).state;
    expect(funded.countries.JP!.capital).toBe(4);
    // Selling chips to India brings 0.5 a round back: still −0.5 after round 3, but not for the sale: no warning.
    const sale = { terms: { type: "supply" as const, suppliers: ["JP"], buyers: ["IN"], sector: "semis" as const, volume: 1, price: 0.5 }, duration: 3 };
    expect(notes(funded, "JP", sale).notes).toEqual([]);
    // One more a round for two rounds: 1 after round 1, −2 after round 2.
    const more = notes(funded, "JP", { terms: { type: "rnd", sector: "quantum", contribution: 1 }, parties: ["JP", "US"], duration: 2 });
    expect(more.notes).toEqual([
      "Your capital would fall below zero in round 2 (−2): this deal's payments and those of your deals in force take more than you earn, even with no new card or deal.",
    ]);
  });

  it("a loan whose project would stand after the game's last round says so", () => {
    let s = negotiating(classroom());
    while (s.round < s.settings.rounds) s = nextNegotiation(resolve(s));
    const p = notes(s, "US", { terms: { type: "loan", lenders: ["US"], recipient: "KE", project: "cable", amount: 10, interest: 3, grace: 0 }, duration: 3 });
    expect(p.notes).toEqual([
      // Nor is any of it repaid within the game (docs/RULES.md §4.4): said first.
      `The game ends after round ${s.settings.rounds}: every repayment of this loan would fall due later, so none of the 10.3 capital it repays is ever repaid.`,
      "You pay 10 capital over 2 rounds: 5 now, 5 next round; the undersea cable would stand only after the game's last round.",
    ]);
  });

  it("a regime whose members hold none of the sector's chokepoints says it holds nobody back", () => {
    const s = negotiating(classroom());
    expect(s.countries.IN!.sectors.ai.chokepoint).toBe(0);
    const p = notes(s, "IN", { terms: { type: "export-control", sector: "ai", tier: "broad", target: "KE" }, parties: ["IN"], duration: 2 });
    // And, a line of its own, the objective India's joining breaks (see "the seat's own objectives at stake").
    expect(p).toEqual({
      lines: [],
      notes: ["No member holds any of the AI & compute chokepoints, so the regime holds nobody back.", "Crosses your red line: it breaks your objective “Keep strategic autonomy: never join an export-control regime”, 6 points lost for good."],
    });
  });

  it("a deal whose effects this round all fall on others names them", () => {
    const s = negotiating(getScenario("alliance-2021")!);
    const p = notes(s, "IL", { terms: { type: "standards", technology: "6g", option: "open-6g" }, parties: ["IL"], duration: 2 });
    expect(p).toEqual({ lines: [], notes: ["It moves only other countries' numbers this round: China."] });
  });

  it("a deal with lines and nothing left out has no note but the objectives it meets", () => {
    const p = notes(negotiating(classroom()), "US", DEALS[0]![1]);
    expect(p.lines.length).toBeGreaterThan(0);
    expect(p.notes.filter((n) => !n.startsWith("Meets your objective"))).toEqual([]);
  });
});

describe("with this deal, without it, difference", () => {
  it("gives each metric's change in both worlds, whose gap is the difference, each with its own causes", () => {
    const p = preview(negotiating(classroom()), "NL", { draft: draft(DEALS[0]![1]) });
    expect(p.ok).toBe(true);
    if (!p.ok) return;
    expect(p.lines.length).toBeGreaterThan(0);
    for (const l of p.lines) {
      expect(Math.abs(l.withDeal.change - l.withoutDeal.change - l.delta), l.key).toBeLessThanOrEqual(0.011);
      expect(Math.abs(l.withDeal.causes.reduce((x, c) => x + c.amount, 0) - l.withDeal.change), l.key).toBeLessThanOrEqual(0.011);
      expect(Math.abs(l.withoutDeal.causes.reduce((x, c) => x + c.amount, 0) - l.withoutDeal.change), l.key).toBeLessThanOrEqual(0.011);
    }
  });
});

describe("an honest preview", () => {
  it("shows research odds and expected results, the same whatever this round's dice", () => {
    const s = negotiating(classroom());
    const input = { terms: { type: "rnd" as const, sector: "quantum" as const, contribution: 8 }, parties: ["US", "JP"], duration: 1 };
    const a = preview(s, "US", { draft: draft(input) });
    const b = preview({ ...s, rng: (s.rng + 12345) >>> 0 }, "US", { draft: draft(input) });
    expect(a).toEqual(b);
    if (!a.ok) throw new Error(a.error.code);
    const r = s.scenario.rules.rnd;
    const line = a.lines.find((l) => l.key === "capability:quantum")!;
    const chance = Math.min(r.maxChance, 16 * r.chancePerCapital);
    expect(line.delta).toBeCloseTo(chance * r.breakthrough + (1 - chance) * r.learning, 2);
    expect(say(line.causes[0]!.label, s.scenario)).toContain(`${Math.round(chance * 100)}%: +${r.breakthrough}, else +${r.learning}`);
    // The real resolution still rolls: one of the two outcomes, not the average.
    const real = resolve(agree(s, "US", input, ["JP"]).state);
    const gained = real.changes["US|capability:quantum"]!.causes.find((c) => say(c.label, real.scenario).startsWith("A1"))!.amount;
    expect([r.breakthrough, r.learning]).toContain(gained);
  });
});

describe("a counter-offer or an amendment is previewed in place of the offer it revises", () => {
  /** The real difference an amendment makes: amended and signed by every other seat party, against the round without the offer. */
  function expectRevisionMatches(state: GameState, id: string, input: DraftInput, by: string, signers: string[]) {
    const p = preview(state, by, { draft: draft(input), amends: id });
    if (!p.ok) throw new Error(`${p.error.code} ${p.error.text.key}`);
    let amended = ok(state, seat(by), { type: "amend", agreementId: id, revision: state.agreements.find((a) => a.id === id)!.revision, draft: draft(input) });
    for (const x of signers) amended = ok(amended, seat(x), { type: "sign", agreementId: id, revision: amended.agreements.find((a) => a.id === id)!.revision });
    const withDeal = resolve({ ...amended, expected: true });
    const without = resolve({ ...state, expected: true, agreements: state.agreements.filter((a) => a.id !== id) });
    for (const subject of [by, "table"]) {
      const a = numbers(withDeal, subject);
      const b = numbers(without, subject);
      const predicted = Object.fromEntries(p.lines.filter((l) => l.subject === subject).map((l) => [l.key, l.delta]));
      for (const key of Object.keys(a)) expect(Math.abs((predicted[key] ?? 0) - (a[key]! - b[key]!)), `${subject} ${key}`).toBeLessThanOrEqual(0.011);
    }
    return p;
  }
  const exportSales = (p: ReturnType<typeof preview>, seatId: string) => (p.ok ? p.lines.find((l) => l.subject === seatId && l.key === "prosperity")! : undefined);

  it("a supply offer countered at a higher price shows the export sales in full, not as a repeat of a deal signed since", () => {
    // Taiwan offers to buy 5 units of quantum goods from the Netherlands at 0.8 (A1), then signs
    // the same purchase from Japan (A2): A1 comes first among Taiwan's quantum deals, so it is the
    // one that counts in full (docs/RULES.md §4.3, diminishing returns).
    let s = negotiating(classroom());
    const offer = { type: "supply" as const, suppliers: ["NL"], buyers: ["TW"], sector: "quantum" as const, volume: 5, price: 0.8, coInvest: 0 };
    s = ok(s, seat("TW"), { type: "propose", draft: draft({ terms: offer, duration: 3 }) });
    s = agree(s, "TW", { terms: { ...offer, suppliers: ["JP"] }, duration: 3 }, ["JP"]).state;
    const r = s.scenario.rules.supply;
    expect([r.supplierProsperity, r.fullPrice, r.repeatBenefit]).toEqual([0.25, 1, 0.1]);
    const asOffered = exportSales(preview(s, "NL", { agreementId: "A1" }), "NL")!;
    expect(asOffered.delta).toBe(0.25 * 5 * 0.8);
    // The counter at 1.2 is paid the full price: 0.25 × 5, in A1's name, no repeat.
    const counter = { terms: { ...offer, price: 1.2 }, duration: 3 };
    const p = expectRevisionMatches(s, "A1", counter, "NL", ["TW"]);
    const line = exportSales(p, "NL")!;
    expect(line.delta).toBe(0.25 * 5);
    expect(line.delta).toBeGreaterThanOrEqual(asOffered.delta);
    expect(line.causes.map((c) => say(c.label, s.scenario))).toEqual(["A1: export sales"]);
    // The same terms as a new proposal would come after A2, a repeat: a tenth of it.
    expect(exportSales(preview(s, "NL", { draft: draft(counter) }), "NL")!.delta).toBe(0.13);
  });

  it("an offer to the automated rival, which signs it anyway, does not compete with its own revision", () => {
    // The rival signs supply deals at resolution: the offer and a draft beside it would both take force.
    let s = negotiating(withRival());
    const offer = { type: "supply" as const, suppliers: ["CN"], buyers: ["JP"], sector: "minerals" as const, volume: 3, price: 1, coInvest: 0 };
    s = ok(s, seat("JP"), { type: "propose", draft: draft({ terms: offer, duration: 2 }) });
    const bigger = { terms: { ...offer, volume: 4 }, duration: 2 };
    const p = expectRevisionMatches(s, "A1", bigger, "JP", []);
    const security = p.ok && p.lines.find((l) => l.subject === "JP" && l.key === "security")!;
    expect(security && security.causes.map((c) => say(c.label, s.scenario)).join(" | ")).not.toMatch(/another deal in the same sector/);
    const beside = preview(s, "JP", { draft: draft(bigger) });
    expect(beside.ok && beside.lines.find((l) => l.subject === "JP" && l.key === "security")!.causes.map((c) => say(c.label, s.scenario)).join(" | ")).toMatch(/another deal in the same sector/);
  });

  it("a better loan offered to a partner in place of one it would take is worth the whole loan, not the gap between the two", () => {
    let s = negotiating(classroom());
    const loan = { type: "loan" as const, lenders: ["US"], recipient: "KE", project: "cable" as const, amount: 10, interest: 6, grace: 0, conditions: [] };
    s = ok(s, seat("US"), { type: "propose", draft: draft({ terms: loan, duration: 3 }) });
    const better = { terms: { ...loan, interest: 2 }, duration: 3 };
    const p = expectRevisionMatches(s, "A1", better, "US", []);
    const capital = p.ok && p.lines.find((l) => l.subject === "US" && l.key === "capital");
    // The first half of the financing leaves this round, as the offer's own preview says.
    expect(capital && capital.delta).toBe(-5);
    const own = preview(s, "US", { agreementId: "A1" });
    expect(own.ok && own.lines.find((l) => l.subject === "US" && l.key === "capital")!.delta).toBe(-5);
  });

  it("refuses as an amendment would, and a seat that steps out is previewed as the offer standing without it", () => {
    let s = negotiating(classroom());
    const regime = { type: "export-control" as const, sector: "semis" as const, tier: "broad" as const, target: "CN" };
    s = ok(s, seat("US"), { type: "propose", draft: draft({ terms: regime, parties: ["US", "NL", "JP"], duration: 2 }) });
    const code = (viewer: string, input: DraftInput, amends = "A1") => {
      const p = preview(s, viewer, { draft: draft(input), amends });
      return p.ok ? "ok" : p.error.code;
    };
    expect(code("KE", { terms: regime, parties: ["US", "KE"], duration: 2 })).toBe("rule/unknown_agreement");
    expect(code("NL", { terms: regime, parties: ["US", "NL"], duration: 2 }, "A9")).toBe("rule/unknown_agreement");
    expect(code("NL", { terms: { type: "screening" }, parties: ["US", "NL"], duration: 2 })).toBe("rule/type_change");
    // The Netherlands steps out: the US and Japan's regime, nobody's signature on it yet.
    expect(code("NL", { terms: regime, parties: ["US", "JP"], duration: 2 })).toBe("ok");
    const signed = agree(s, "US", { terms: { type: "screening" }, parties: ["US", "NL"], duration: 2 }, ["NL"]).state;
    const p = preview(signed, "NL", { draft: draft({ terms: { type: "screening" }, parties: ["US", "NL"], duration: 1 }), amends: "A2" });
    expect(p.ok ? "ok" : p.error.code).toBe("rule/not_open");
  });
});

describe("the seat's own objectives at stake", () => {
  /** The notes as the seat reads them: its own secret objective named, as its view names it (client/model/names.ts). */
  function read(s: GameState, viewer: string, input: DraftInput): string[] {
    const p = preview(s, viewer, { draft: draft(input) });
    if (!p.ok) throw new Error(p.error.code);
    const base = scenarioNames(s.scenario);
    const own = s.scenario.countries.find((c) => c.id === viewer)!.secret;
    const names = { ...base, objective: (c: string, id: string) => base.objective(c, id) ?? (c === viewer && id === own.id ? own.text : undefined) };
    return p.notes.map((n) => translator(en, "en", names).render(n));
  }
  const regime: DraftInput = { terms: { type: "export-control", sector: "semis", tier: "broad", target: "CN" }, parties: ["US", "JP", "KR", "IN"], duration: 2 };

  it("joining an export-control regime warns India of the red line its public objective draws, with the points", () => {
    const s = negotiating(getScenario("multipolar-2024")!);
    const said = read(s, "IN", regime);
    expect(said).toContain("Crosses your red line: it breaks your objective “Keep strategic autonomy: join no export-control regime”, 4 points lost for good.");
  });

  it("a seat's secret objective is named to that seat, and to no other party's preview", () => {
    const s = negotiating(getScenario("multipolar-2024")!);
    const kr = s.scenario.countries.find((c) => c.id === "KR")!.secret;
    expect(read(s, "KR", regime).some((n) => n.includes(kr.text.replace(/\.$/, "")) && n.includes(`${kr.points} points`))).toBe(true);
    for (const viewer of ["US", "JP", "IN"]) {
      const p = preview(s, viewer, { draft: draft(regime) });
      if (!p.ok) throw new Error(p.error.code);
      const named = JSON.stringify(p.notes).match(/"of":"([A-Z]+)"/g) ?? [];
      expect(named.every((m) => m === `"of":"${viewer}"`), `${viewer}: ${named}`).toBe(true);
      expect(read(s, viewer, regime).join(" ")).not.toContain(kr.text.replace(/\.$/, ""));
    }
  });

  it("a deal that meets an objective says so; a deal that touches none says nothing of objectives", () => {
    const s = negotiating(getScenario("multipolar-2024")!);
    const rnd: DraftInput = { terms: { type: "rnd", sector: "semis", contribution: 4 }, parties: ["NL", "JP"], duration: 2 };
    const nl = s.scenario.countries.find((c) => c.id === "NL")!.secret;
    expect(read(s, "NL", rnd)).toContain(`Meets your objective “${nl.text.replace(/\.$/, "")}” as of this round: ${nl.points} points if it still holds at the end.`);
    expect(read(s, "JP", rnd).join(" ")).not.toMatch(/objective/);
  });
});

describe("previewRuling: what a ruling on a free-form action would change", () => {
  const withAction = () => ok(negotiating(classroom()), seat("JP"), { type: "matrix", text: "We stockpile gallium for the fabs." });
  const rule = (s: GameState, effects: Effect[]) => ok(s, FACILITATOR, { type: "rule-matrix", matrixId: "M1", ruling: "accept", effects, note: "" });

  it("is the ruling itself: the numbers, their limits, the scores and the news it sets off, as accepting it makes them", () => {
    const s = withAction();
    const jp = s.countries.JP!;
    const effects: Effect[] = [
      { kind: "metric", target: "JP", metric: "security", amount: 50 },
      { kind: "metric", target: "JP", metric: "support", amount: -50 },
      { kind: "metric", target: "JP", metric: "support", amount: -50 },
      { kind: "capital", target: "JP", amount: 5 },
    ];
    const p = previewRuling(s, "M1", effects);
    if (!p.ok) throw new Error(p.error.code);
    const after = rule(s, effects);
    // Security stops at its limit of 100; support at zero brings the government down, and the news says so.
    expect(p.lines).toContainEqual({ subject: "JP", key: "security", from: jp.metrics.security, to: Math.min(100, jp.metrics.security + 50) });
    expect(p.lines).toContainEqual({ subject: "JP", key: "capital", from: jp.capital, to: after.countries.JP!.capital });
    for (const l of p.lines) expect(l.to).toBe(l.subject === "table" ? after.table[l.key as keyof GameState["table"]] : numbers(after, l.subject)[l.key]);
    expect(after.countries.JP!.falls).toBe(jp.falls + 1);
    expect(p.notes).toEqual([text("news.fall", { country: { ref: "country", id: "JP" }, stance: { ref: "stance", id: after.countries.JP!.stance } })]);
    const total = (g: GameState) => computeScores(g).find((x) => x.country === "JP")!.total;
    expect(p.scores.find((x) => x.country === "JP")).toEqual({ country: "JP", from: total(s), to: total(after) });
    // The state previewed is left as it was.
    expect(s.matrix[0]!.status).toBe("pending");
    expect(s.countries.JP!.metrics.security).toBe(jp.metrics.security);
  });

  it("is refused as the ruling would be", () => {
    const s = withAction();
    expect(previewRuling(s, "M2", [])).toMatchObject({ ok: false, error: { code: "rule/unknown_matrix" } });
    expect(previewRuling(rule(s, []), "M1", [])).toMatchObject({ ok: false, error: { code: "rule/already_ruled" } });
    expect(previewRuling(s, "M1", [{ kind: "metric", target: "XX", metric: "trust", amount: 1 }])).toMatchObject({ ok: false, error: { code: "input/invalid" } });
  });
});
