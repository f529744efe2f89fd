/**
 * The deal builder asks the engine: a draft is checked by the engine's own `checkTerms` and
 * schema (the same refusal the server would give, shown next to its field), and each type's
 * fields, bounds and terms come from its module.
 */
import { describe, expect, it } from "vitest";
import { AGREEMENT_TYPES, checkDraft, kindOf } from "../../shared/engine/agreements/index.ts";
import { emptyForm, fieldsFor, formFrom, lapseNote, pastEndNote, setField, toDraft, validate, type DealForm } from "../../client/model/deal-form.ts";
import { describeDeal } from "../../client/model/deals.ts";
import { render, t, useCatalog } from "../../client/i18n/index.ts";
import { en } from "../../client/i18n/en.ts";
import { zhCN } from "../../client/i18n/zh-CN.ts";
import { preview } from "../../shared/engine/preview.ts";
import type { Text } from "../../shared/engine/text.ts";
import { createGame } from "../../shared/engine/setup.ts";
import { asSeat, clientView, negotiation, scenario, step } from "./fixtures.ts";

const state = negotiation();
const us = clientView(state, asSeat("US"));
const form = (patch: Partial<DealForm>): DealForm => ({ ...emptyForm(us, patch.type ?? "supply"), ...patch });

describe("the deal form checks a draft with the engine", () => {
  it.each<[string, Partial<DealForm>, string, string]>([
    ["a supplier who also buys", { type: "supply", suppliers: ["JP", "US"], buyers: ["US"] }, "buyers", t("invalid.supplierBuyer")],
    ["a supplier too weak to supply", { type: "supply", suppliers: ["KE"], buyers: ["US"], sector: "semis" }, "suppliers", t("invalid.cannotSupply", { sector: "Semiconductors" })],
    ["a seat on neither side", { type: "supply", suppliers: ["JP"], buyers: ["NL"] }, "suppliers", t("invalid.meSide")],
    ["a regime against one of its members", { type: "export-control", parties: ["US", "NL"], target: "NL" }, "target", t("invalid.targetParty")],
    ["a pact of one", { type: "screening", parties: ["US"] }, "parties", t("invalid.minParties", { count: 2 })],
    ["a loan to a country that did not ask", { type: "loan", lenders: ["US"], recipient: "ID", project: "5g" }, "project", t("invalid.needsProject", { country: "Indonesia" })],
    ["a volume above the schema's bound", { type: "supply", suppliers: ["JP"], volume: 11 }, "volume", t("invalid.range", { min: 1, max: 10 })],
  ])("names %s next to its field", (_what, patch, field, message) => {
    const f = form(patch);
    const problems = validate(us, f);
    expect(problems).toEqual({ [field]: message });
    // The same draft is refused by the engine the server runs (numbers aside, which its schema refuses).
    if (field !== "volume") expect(checkDraft(state, toDraft(f), "US").ok).toBe(false);
  });

  it("names what only the deal schema refuses in the reader's language, as a refusal would (not the schema library's English)", () => {
    const f = form({ type: "supply", suppliers: ["JP"], buyers: ["US"], sector: "bananas" as never });
    expect(validate(us, f)).toEqual({ sector: expect.stringMatching(/^sector must be one of "semis", .* — it is "bananas"$/) });
    useCatalog(zhCN, "zh-CN");
    try {
      expect(validate(us, f)).toEqual({ sector: expect.stringMatching(/^sector 应为 "semis", .* 之一，现在是 "bananas"$/) });
    } finally {
      useCatalog(en, "en");
    }
  });

  it("names a regime over nothing its members hold (the Netherlands has no minerals)", () => {
    const nl = clientView(state, asSeat("NL"));
    const f = { ...emptyForm(nl, "export-control"), parties: ["NL"], sector: "minerals" as const, target: "CN" };
    expect(validate(nl, f)).toEqual({ sector: t("invalid.nothingToControl", { sector: "Critical minerals" }) });
    expect(checkDraft(state, toDraft(f), "NL")).toMatchObject({ ok: false, error: { code: "rule/nothing_to_control" } });
  });

  it("names the clashes the engine refuses before sending: opposite camps, a second pact, the other side of a race, a controlled sale, a second regime on the same sector and target", () => {
    const all = ["diplomat", "regulator", "envoy"] as const;
    const as = (id: string) => ({ kind: "seat" as const, seat: id, roles: [...all] });
    let s = state;
    // Signed deals every viewer sees: a US–JP pact, the US backing one option of a race, the US–NL–JP chip regime on China.
    s = step(s, { actor: as("US"), move: { type: "propose", draft: { terms: { type: "screening" }, parties: ["US", "JP"], duration: 2 } } });
    s = step(s, { actor: as("JP"), move: { type: "sign", agreementId: `A${s.nextAgreement - 1}`, revision: 1 } });
    const race = s.scenario.standards[0]!;
    s = step(s, { actor: as("US"), move: { type: "propose", draft: { terms: { type: "standards", technology: race.id, option: race.options[0]!.id }, parties: ["US"], duration: 2 } } });
    s = step(s, { actor: as("US"), move: { type: "sign", agreementId: "A2", revision: 1 } });
    s = step(s, { actor: as("JP"), move: { type: "sign", agreementId: "A2", revision: 1 } });
    const me = clientView(s, asSeat("US"));
    const cases: [Partial<DealForm>, string][] = [
      [{ type: "screening", parties: ["US", "CN"] }, "rule/no_trust"],
      [{ type: "screening", parties: ["US", "JP"] }, "rule/already_screened"],
      [{ type: "standards", parties: ["US"], technology: race.id, option: race.options[1]!.id }, "rule/other_side"],
      [{ type: "supply", suppliers: ["US"], buyers: ["CN"], sector: "semis" }, "rule/controlled_export"],
      [{ type: "export-control", parties: ["US"], sector: "semis", target: "CN" }, "rule/second_regime"],
    ];
    for (const [patch, code] of cases) {
      const f = { ...emptyForm(me, patch.type!), ...patch };
      const refusal = checkDraft(s, toDraft(f), "US");
      expect(refusal, code).toMatchObject({ ok: false, error: { code } });
      expect(Object.values(validate(me, f)), code).toEqual([render((refusal as { error: { text: Text } }).error.text)]);
    }
  });

  it("lets a draft the engine accepts through", () => {
    const f = form({ type: "supply", suppliers: ["JP"], buyers: ["US"], volume: 2, price: 1 });
    expect(validate(us, f)).toEqual({});
    expect(checkDraft(state, toDraft(f), "US").ok).toBe(true);
  });

  it("reads number bounds from the engine's schema", () => {
    const loan = fieldsFor(us, form({ type: "loan" }));
    expect(loan.find((f) => f.name === "interest")).toMatchObject({ kind: "number", min: 0, max: 15, step: 0.5 });
    expect(loan.find((f) => f.name === "grace")).toMatchObject({ kind: "number", min: 0, max: 5, step: 1 });
    expect(loan.find((f) => f.name === "duration")).toMatchObject({ kind: "number", min: 1, max: 10, step: 1 });
  });

  it.each([...AGREEMENT_TYPES])("%s: an offer comes back from the form unchanged", (type) => {
    const a = state.agreements.find((x) => x.type === type);
    const f = emptyForm(us, type);
    const draft = a ? { terms: a.terms, parties: a.parties, duration: a.duration } : toDraft(f);
    expect(toDraft(formFrom(us, draft)).terms).toEqual(draft.terms);
    expect(fieldsFor(us, f).map((x) => x.name)).toContain("duration");
    expect(describeDeal({ terms: draft.terms, parties: draft.parties })).not.toMatch(/\{|deal\./);
  });

  it("a new deal names no country but the proposer's own seat: Japan's supply deal ticks no supplier, Japan buys", () => {
    const jp = clientView(state, asSeat("JP"));
    const supply = emptyForm(jp, "supply");
    expect(supply.suppliers).toEqual([]);
    expect(supply.buyers).toEqual(["JP"]);
    // Ticking one supplier sends that one alone (the first capable seat, the United States, was ticked and sent along).
    const chosen = setField(jp, supply, "suppliers", ["NL"]);
    expect(toDraft(chosen).terms).toMatchObject({ suppliers: ["NL"], buyers: ["JP"] });
    // Every seat, every type: the sides of a blank form hold the seat itself or nobody.
    for (const seat of Object.keys(state.countries)) {
      const view = clientView(state, asSeat(seat));
      for (const type of AGREEMENT_TYPES) {
        const f = emptyForm(view, type);
        for (const side of [f.suppliers, f.buyers, f.lenders, f.parties]) expect(side.filter((x) => x !== seat), `${seat} ${type}`).toEqual([]);
      }
    }
  });

  it("a country with projects to finance asks for a loan as its recipient; a lender asks to lend", () => {
    const id = clientView(state, asSeat("ID"));
    const needs = id.countries.find((c) => c.id === "ID")!.needs;
    expect(needs.length).toBeGreaterThan(0);
    const blank = emptyForm(id, "loan");
    expect(blank.recipient).toBe("ID");
    expect(needs).toContain(blank.project);
    // Nobody is made a lender for it: the seat picks who lends.
    expect(blank.lenders).toEqual([]);
    expect(validate(id, blank)).toEqual({ lenders: t("invalid.pick") });
    const ask = setField(id, blank, "lenders", ["US"]);
    expect(validate(id, ask)).toEqual({});
    expect(checkDraft(state, toDraft(ask), "ID").ok).toBe(true);
    // Asking, it is not forced among the lenders; its own name is offered as the recipient.
    const fields = fieldsFor(id, ask);
    expect(fields.find((f) => f.name === "lenders")).toMatchObject({ locked: [] });
    expect((fields.find((f) => f.name === "recipient") as { options: { value: string }[] }).options.map((o) => o.value)).toContain("ID");
    // Lending to another instead puts it back among the lenders, and asking again takes it out.
    const lend = setField(id, ask, "recipient", "KE");
    expect(lend.lenders).toContain("ID");
    expect(setField(id, lend, "recipient", "ID").lenders).not.toContain("ID");
    // A lender's loan is as before: it lends, locked among the lenders, to a country in need.
    const usLoan = emptyForm(us, "loan");
    expect(usLoan.lenders).toEqual(["US"]);
    expect(fieldsFor(us, usLoan).find((f) => f.name === "lenders")).toMatchObject({ locked: ["US"] });
  });

  it("a project a loan already finances is not offered again; chosen anyway, the draft names that loan; a new draft starts on a project still to finance", () => {
    const ke = us.countries.find((c) => c.id === "KE")!;
    let s = step(state, { actor: { kind: "seat", seat: "US", roles: ["diplomat", "regulator", "envoy"] }, move: { type: "propose", draft: { terms: { type: "loan", lenders: ["US"], recipient: "KE", project: ke.needs[0]! as "cable", amount: 20, interest: 1, grace: 1, conditions: [] }, parties: ["US", "KE"], duration: 6 } } });
    s = step(s, { actor: { kind: "system" }, move: { type: "advance" } });
    const after = clientView(s, asSeat("US"));
    const loan = after.agreements.find((a) => a.type === "loan")!;
    expect(loan.status).toBe("in-force");
    const f = { ...emptyForm(after, "loan"), recipient: "KE" };
    const fixed = setField(after, f, "recipient", "KE");
    const project = fieldsFor(after, fixed).find((x) => x.name === "project") as { options: { value: string }[] };
    expect(project.options.map((o) => o.value)).not.toContain(ke.needs[0]);
    if (ke.needs.length > 1) expect(fixed.project).toBe(ke.needs[1]);
    // Chosen anyway, the draft names the loan that finances it.
    expect(validate(after, { ...fixed, project: ke.needs[0]! as never }).project).toContain(loan.id);
    // A fresh loan draft starts on a project still to finance.
    const fresh = emptyForm(after, "loan");
    expect(`${fresh.recipient}:${fresh.project}`).not.toBe(`KE:${ke.needs[0]}`);
  });

  it("a loan without grace says so in words, one with grace counts its rounds", () => {
    const loan = (grace: number) => describeDeal({ terms: { type: "loan", lenders: ["US"], recipient: "KE", project: "cable", amount: 10, interest: 3, grace, conditions: [] }, parties: ["US", "KE"] });
    expect(loan(0)).toContain("(no grace period)");
    expect(loan(1)).toContain("(1 round's grace)");
    expect(loan(2)).toContain("(2 rounds' grace)");
  });

  it("switching to a loan lengthens the draft to a loan's default, to another type to the game's end", () => {
    expect(setField(us, form({ type: "rnd", duration: 2 }), "type", "loan").duration).toBe(4);
    expect(setField(us, form({ type: "rnd", duration: 2 }), "type", "screening").duration).toBe(us.settings.rounds);
  });

  it("a new deal runs to the game's end, so it is in force when the shared targets are checked (a loan keeps its term)", () => {
    // Round 1 of the fixture's game: a regime proposed now and signed is in force to the last round.
    const rounds = us.settings.rounds;
    expect(us.round).toBe(1);
    expect(rounds).toBeGreaterThan(2);
    for (const type of AGREEMENT_TYPES) expect(emptyForm(us, type).duration, type).toBe(type === "loan" ? 4 : rounds);
    expect(lapseNote(us, emptyForm(us, "export-control"))).toBeUndefined();
    // Shortened, the builder says beside Propose when it lapses.
    expect(lapseNote(us, { duration: 2 })).toBe(`If signed this round, it lapses after round 2 of ${rounds}.`);
    // The engine agrees: signed this round with the default, the regime ends in the last round.
    let s = step(state, { actor: { kind: "seat", seat: "US", roles: ["diplomat", "regulator", "envoy"] }, move: { type: "propose", draft: toDraft({ ...emptyForm(us, "export-control"), parties: ["US", "JP"], target: "CN" }) } });
    const id = s.agreements.at(-1)!.id;
    s = step(s, { actor: { kind: "seat", seat: "JP", roles: ["diplomat", "regulator", "envoy"] }, move: { type: "sign", agreementId: id, revision: 1 } });
    s = step(s, { actor: { kind: "system" }, move: { type: "advance" } });
    expect(s.agreements.find((a) => a.id === id)).toMatchObject({ status: "in-force", startRound: 1, endRound: rounds });
  });

  it("a new deal's default is the rounds left, never below the engine's minimum: a loan's build rounds, grace and one to repay", () => {
    const at = (round: number, rounds: number) => ({ ...us, round, settings: { ...us.settings, rounds } });
    const loanMinimum = (f: DealForm) => kindOf("loan").minDuration(state.scenario.rules, kindOf("loan").form.write(f).terms);
    // A long game: the loan runs to its end too, past its minimum.
    const long = emptyForm(at(1, 7), "loan");
    expect(loanMinimum(long)).toBe(state.scenario.rules.loans.buildRounds + long.grace + 1);
    expect(loanMinimum(long)).toBeLessThan(7);
    expect(long.duration).toBe(7);
    // Round 2 of 3: two rounds left; a loan cannot be shorter than its minimum, every other type ends with the game.
    const short = at(2, 3);
    for (const type of AGREEMENT_TYPES) expect(emptyForm(short, type).duration, type).toBe(type === "loan" ? loanMinimum(emptyForm(short, "loan")) : 2);
    // Switched from a loan, the draft is cut back to the game's end.
    expect(setField(short, emptyForm(short, "loan"), "type", "screening").duration).toBe(2);
    expect(setField(short, emptyForm(short, "screening"), "type", "loan").duration).toBe(loanMinimum(emptyForm(short, "loan")));
    // A longer grace lengthens the loan to its new minimum, which the engine would refuse below; a loan already longer keeps its length.
    const graced = setField(short, emptyForm(short, "loan"), "grace", 3);
    expect(graced.duration).toBe(state.scenario.rules.loans.buildRounds + 3 + 1);
    expect(graced.duration).toBe(loanMinimum(graced));
    expect(setField(at(1, 10), emptyForm(at(1, 10), "loan"), "grace", 2).duration).toBe(10);
    expect(setField(short, emptyForm(short, "loan"), "grace", Number.NaN).duration).toBe(loanMinimum(emptyForm(short, "loan")));
  });

  it("in a game of three rounds a new loan is repaid by the game's end: no grace, three rounds, its repayment made in round 3", () => {
    // Round 1 of 3: the build rounds (2), a round's grace and one to repay would make four, one past the game.
    let s = createGame({ scenario, settings: { seed: "three-rounds", rounds: 3 } });
    s = step(s, { actor: { kind: "facilitator" }, move: { type: "start" } });
    s = step(s, { actor: { kind: "system" }, move: { type: "advance" } });
    const short = clientView(s, asSeat("US"));
    expect(short.settings.rounds).toBe(3);
    const f = { ...emptyForm(short, "loan"), lenders: ["US"], recipient: "KE", project: "cable" as const, amount: 20, interest: 0 };
    expect(f).toMatchObject({ grace: 0, duration: 3 });
    expect(validate(short, f)).toEqual({});
    expect(lapseNote(short, f)).toBeUndefined();
    // Signed with those defaults, Kenya repays in the last round: nothing is left for after the game.
    s = step(s, { actor: { kind: "seat", seat: "US", roles: ["diplomat", "regulator", "envoy"] }, move: { type: "propose", draft: toDraft(f) } });
    const id = s.agreements.at(-1)!.id;
    // Kenya, an automated partner, takes the only offer for its cable when the round resolves.
    while (s.phase !== "ended") s = step(s, { actor: { kind: "system" }, move: { type: "advance" } });
    const round3 = s.history.find((h) => h.round === 3)!.changes.find((c) => c.subject === "KE" && c.key === "capital")!;
    expect(round3.causes).toContainEqual({ label: { key: "cause.deal.repayment", args: { id } }, amount: -20 });
    // Late in the same game no loan can be repaid before the end: the shortest one, with no grace.
    const late = { ...short, round: 2 };
    expect(emptyForm(late, "loan")).toMatchObject({ grace: 0, duration: scenario.rules.loans.buildRounds + 1 });
  });

  it("a loan with repayments due after the game's last round is flagged beside Propose and in the preview, as the engine plays it: those repayments are never made (docs/RULES.md §4.4)", () => {
    let s = createGame({ scenario, settings: { seed: "three-rounds", rounds: 3 } });
    s = step(s, { actor: { kind: "facilitator" }, move: { type: "start" } });
    s = step(s, { actor: { kind: "system" }, move: { type: "advance" } });
    const view = clientView(s, asSeat("US"));
    const base = { ...emptyForm(view, "loan"), lenders: ["US"], recipient: "KE", project: "cable" as const, amount: 20, interest: 3 };
    // The default (no grace, three rounds: built in rounds 1–2, repaid in round 3) fits the game: no warning.
    expect(base).toMatchObject({ grace: 0, duration: 3 });
    expect(pastEndNote(view, base)).toBeUndefined();
    // Four rounds: 20.6 repaid over rounds 3 and 4, and round 4 is not played.
    const four = { ...base, duration: 4 };
    expect(validate(view, four)).toEqual({});
    expect(pastEndNote(view, four)).toBe("The game ends after round 3: 10.3 of the 20.6 capital this loan repays would fall due later and is never repaid.");
    // With a round's grace too, nothing at all falls within the game.
    const graced = { ...four, grace: 1 };
    expect(pastEndNote(view, graced)).toBe("The game ends after round 3: every repayment of this loan would fall due later, so none of the 20.6 capital it repays is ever repaid.");
    // Chinese readers are told the same.
    useCatalog(zhCN, "zh-CN");
    try {
      expect(pastEndNote(view, four)).toBe("对局在第 3 轮后结束：这笔贷款应偿还的 20.6 资金中，有 10.3 在那之后才到期，永远不会偿还。");
      expect(pastEndNote(view, graced)).toBe("对局在第 3 轮后结束：这笔贷款的每一笔还款都在那之后才到期，应偿还的 20.6 资金一分也不会偿还。");
    } finally {
      useCatalog(en, "en");
    }
    // The preview of the same draft, the server's answer beside the builder, says it too.
    const notes = (p: ReturnType<typeof preview>) => (p.ok ? p.notes.map(render) : []);
    expect(notes(preview(s, "US", { draft: toDraft(four) }))).toContain(pastEndNote(view, four));
    // A country not party to the loan is not told of its repayments.
    expect(notes(preview(s, "JP", { draft: toDraft(four) })).some((n) => n.startsWith("The game ends after round"))).toBe(false);
    expect(notes(preview(s, "US", { draft: toDraft(base) })).some((n) => n.startsWith("The game ends after round"))).toBe(false);
    // Played out, the engine does as said: Kenya repays 10.3 in round 3, and nothing more.
    s = step(s, { actor: { kind: "seat", seat: "US", roles: ["diplomat", "regulator", "envoy"] }, move: { type: "propose", draft: toDraft(four) } });
    const id = s.agreements.at(-1)!.id;
    while (s.phase !== "ended") s = step(s, { actor: { kind: "system" }, move: { type: "advance" } });
    const repaid = s.history.flatMap((h) => h.changes.filter((c) => c.subject === "KE" && c.key === "capital").flatMap((c) => c.causes.filter((x) => x.label.key === "cause.deal.repayment" && x.label.args?.id === id).map((x) => x.amount)));
    expect(repaid).toEqual([-10.3]);
  });

  it("late in the game the default is the rounds left", () => {
    const late = { ...us, round: us.settings.rounds - 1 };
    expect(emptyForm(late, "screening").duration).toBe(2);
    expect(lapseNote(late, { duration: 2 })).toBeUndefined();
    expect(lapseNote(late, { duration: 1 })).toBe(`If signed this round, it lapses after round ${late.round} of ${us.settings.rounds}.`);
  });
});
