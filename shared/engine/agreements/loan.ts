/**
 * Infrastructure loan (docs/RULES.md §4.4): lenders finance a recipient's
 * project over the build rounds; once built it connects the recipient (the divide narrows),
 * raises its prosperity and gives lenders influence; then the recipient repays with interest,
 * or defaults when the interest is too high.
 */
import { z } from "zod";
import { lazy } from "../../lazy.ts";
import type { Rules } from "../../scenario/schema.ts";
import { nextRandom } from "../rng.ts";
import { bumpCapital, bumpMetric, bumpTable } from "../ledger.ts";
import type { Agreement, GameState } from "../types.ts";
import { LOAN_CONDITIONS, PROJECT_TYPES, STANCES, type Stance } from "../vocabulary.ts";
import { addStep, dataOf, inForce, news, pct, r2, stanceToward } from "../world.ts";
import { defineAgreement, distinct, DISTINCT, Id, Ids, problem, unique, type PublicWorld, type Variant } from "./kit.ts";
import { countries, country, ref, text, type Text } from "../text.ts";

export const LoanSchema = lazy(() => z.strictObject({
  type: z.literal("loan"),
  lenders: Ids,
  recipient: Id,
  project: z.enum(PROJECT_TYPES),
  amount: z.number().min(1).max(60),
  interest: z.number().min(0).max(15),
  grace: z.number().int().min(0).max(5),
  conditions: z.array(z.enum(LOAN_CONDITIONS)).max(3).refine(distinct, DISTINCT).default([]),
}));
export type LoanTerms = z.infer<typeof LoanSchema>;

/**
 * The score an automated partner gives a loan offer: it takes the best one for each project
 * (docs/RULES.md §4.4, "Recipients choose"). Lower interest, more grace, a larger amount, a lender
 * of the camp it leans to and fewer conditions score higher.
 */
export function loanChoiceScore(
  choice: Rules["loans"]["choice"],
  stance: Stance,
  t: Pick<LoanTerms, "interest" | "grace" | "amount" | "conditions">,
  lenderBloc: string,
): number {
  const lean = STANCES.indexOf(stance) - 2; // negative: leans to the alliance
  const affinity = lenderBloc === "rival" ? Math.sign(lean) : lenderBloc === "alliance" ? -Math.sign(lean) : 0;
  const score = -choice.interest * t.interest + choice.grace * t.grace + choice.amount * t.amount + choice.affinity * affinity - choice.condition * t.conditions.length;
  // To a millionth: offers the formula scores the same are a tie, which the earlier offer wins,
  // though floating point makes 0.8 × 3 + 0.15 × 10 a hair more than 0.15 × 26.
  return Math.round(score * 1e6) / 1e6;
}

/** `loanChoiceScore` from a bot's view. */
export function partnerChoiceScore(w: PublicWorld, partner: string, t: Pick<LoanTerms, "interest" | "grace" | "amount" | "conditions">, lenderBloc: string): number {
  return loanChoiceScore(w.ctx.rules.loans.choice, w.byId.get(partner)?.stance ?? "hedging", t, lenderBloc);
}

/**
 * Whether a loan finances its project: signed, in force or repaid, or built before it broke or
 * defaulted (a project is financed and built once). The one rule the engine, the bots and the
 * client read: each passes the deals it sees and the scenario's build rounds.
 */
const finances = (a: Pick<Agreement, "terms" | "status" | "built">, buildRounds: number) =>
  a.terms.type === "loan" && (a.status === "in-force" || a.status === "signed" || a.status === "expired" || (a.built ?? 0) >= buildRounds);

/** The loan among `agreements` (those a reader sees) that already finances a recipient's project, if any. */
export function financingLoan<A extends Pick<Agreement, "terms" | "status" | "built">>(agreements: readonly A[], buildRounds: number, recipient: string, project: string): A | undefined {
  return agreements.find((a) => finances(a, buildRounds) && a.terms.type === "loan" && a.terms.recipient === recipient && a.terms.project === project);
}

/** Whether a partner's project is already financed (visible loans only). */
export function projectFinanced(w: PublicWorld, recipient: string, project: string): boolean {
  return !!financingLoan(w.view.agreements, w.ctx.rules.loans.buildRounds, recipient, project);
}

/** Every project already financed, as `recipient\0project`: `projectFinanced` for all at once. */
export function financedProjects(w: PublicWorld): Set<string> {
  const out = new Set<string>();
  for (const a of w.view.agreements) if (finances(a, w.ctx.rules.loans.buildRounds) && a.terms.type === "loan") out.add(`${a.terms.recipient}\0${a.terms.project}`);
  return out;
}

/** The loan already financing this recipient's project, if any (`financingLoan` over every deal). */
export function projectTaken(state: GameState, t: { recipient: string; project: string }): Agreement | undefined {
  return financingLoan(state.agreements, state.scenario.rules.loans.buildRounds, t.recipient, t.project);
}

/**
 * A loan's money and influence (docs/RULES.md §4.4), one formula each for the round's
 * resolution, `outlay`, the preview's note and the bots' projection: what each lender pays a
 * build round, what the recipient repays a round once its grace is over (the amount with
 * interest, over the rounds left after building and grace), the chance it defaults each of
 * those rounds, and the influence each lender gains when the project is built.
 */
const financing = (rules: Pick<Rules["loans"], "buildRounds">, t: Pick<LoanTerms, "amount" | "lenders">): number => t.amount / rules.buildRounds / t.lenders.length;
function repayment(rules: Pick<Rules["loans"], "buildRounds">, t: Pick<LoanTerms, "amount" | "interest" | "grace">, duration: number): number {
  return (t.amount * (1 + t.interest / 100)) / Math.max(1, duration - rules.buildRounds - t.grace);
}
const defaultRisk = (rules: Pick<Rules["loans"], "safeInterest" | "defaultRiskPerPoint">, t: Pick<LoanTerms, "interest">): number => Math.max(0, t.interest - rules.safeInterest) * rules.defaultRiskPerPoint;
function lenderInfluence(rules: Pick<Rules["loans"], "influencePerCapital" | "conditionInfluence">, t: Pick<LoanTerms, "amount" | "lenders" | "conditions">): number {
  // The conditions that tie the partner to the lenders' ecosystem: all but local jobs.
  let ecosystem = 0;
  for (const c of t.conditions) if (c !== "local-jobs") ecosystem++;
  return (t.amount * rules.influencePerCapital) / t.lenders.length + rules.conditionInfluence * ecosystem;
}

function completeProject(state: GameState, a: Agreement) {
  const rules = state.scenario.rules.loans;
  const t = a.terms as LoanTerms;
  const recipient = state.countries[t.recipient]!;
  const project = ref("project", t.project, true);
  addStep(state, a, "completed");
  news(state, "project", text("news.built", { country: country(t.recipient), project, id: a.id, lenders: countries(t.lenders) }));
  if (!recipient.connected) {
    recipient.connected = true;
    bumpTable(state, "divide", -rules.divideDrop, text("cause.connected", { country: country(t.recipient), id: a.id }));
  }
  bumpMetric(state, t.recipient, "prosperity", rules.recipientProsperity, text("cause.deal.newProject", { id: a.id, project }));
  if (t.conditions.includes("local-jobs")) bumpMetric(state, t.recipient, "support", rules.localJobsSupport, text("cause.deal.localJobs", { id: a.id }));
  for (const l of t.lenders) bumpMetric(state, l, "influence", lenderInfluence(rules, t), text("cause.deal.builtOnOurs", { id: a.id, country: country(t.recipient), project }));
  const lenderBloc = dataOf(state, t.lenders[0]!).bloc;
  if (lenderBloc === "alliance" || lenderBloc === "rival") recipient.stance = stanceToward(recipient.stance, lenderBloc, 1);
}

/**
 * The repayments of a loan taking force in round `start` that would fall after the game's last
 * round (`last`): they are never made (docs/RULES.md §4.4, "A term past the game's end").
 * `owed`: what the loan repays over its whole term; `unpaid`: the part due after the last round;
 * null when every repayment falls within the game. The one home of that rule for the deal
 * builder's warning (client/model/deal-form.ts) and the preview's note (`note` below).
 */
export function repaymentsPastEnd(
  rules: { loans: Pick<Rules["loans"], "buildRounds"> },
  t: Pick<LoanTerms, "amount" | "interest" | "grace">,
  duration: number,
  start: number,
  last: number,
): { owed: number; unpaid: number } | null {
  const firstPay = start + rules.loans.buildRounds + t.grace;
  const end = start + duration - 1;
  const repayments = Math.max(0, end - firstPay + 1);
  const missed = Math.min(repayments, Math.max(0, end - last));
  if (missed <= 0) return null;
  const each = repayment(rules.loans, t, duration);
  return { owed: r2(each * repayments), unpaid: r2(each * missed) };
}

/** `repaymentsPastEnd` as a sentence: "The game ends after round 3: 10.3 of the 20.6 capital this loan repays falls due later and is never repaid." */
export function pastEndText(p: { owed: number; unpaid: number }, last: number): Text {
  return p.unpaid >= p.owed ? text("loan.pastEnd.all", { last, owed: p.owed }) : text("loan.pastEnd.some", { last, owed: p.owed, unpaid: p.unpaid });
}

/** A loan's shortest term: its build rounds, its grace and one round to repay. */
export const minLoanDuration = (rules: { loans: Pick<Rules["loans"], "buildRounds"> }, t: Pick<LoanTerms, "grace">) => rules.loans.buildRounds + t.grace + 1;

export const loan = defineAgreement<LoanTerms>({
  type: "loan",
  words: /\bloans?\b|\blend(?:s|ing)?\b|\blent\b|financ|贷款|融资|借给|借钱给|借款|放贷/,
  role: "envoy",
  minParties: 2,
  schema: LoanSchema,
  parties: (t) => unique([...t.lenders, t.recipient]),
  without(t, parties, who) {
    // The recipient leaving ends the loan; one of several lenders leaving leaves the others lending.
    const lenders = t.lenders.filter((l) => l !== who);
    if (parties.length < 3 || who === t.recipient || !lenders.length) return null;
    return { terms: { ...t, lenders }, parties: unique([...lenders, t.recipient]) };
  },
  minDuration: minLoanDuration,
  check(world, t, _parties, duration) {
    if (t.lenders.includes(t.recipient)) return problem("rule/lender_is_recipient", "recipient", text("refusal.lenderIsRecipient"));
    const data = world.country(t.recipient)!;
    if (!data.needs.includes(t.project)) return problem("rule/project_not_needed", "project", text("refusal.projectNotNeeded", { country: country(t.recipient), project: text(`projectA.${t.project}`) }));
    const taken = world.financed?.(t.recipient, t.project);
    if (taken) return problem("rule/project_taken", "project", text("refusal.projectTaken", { country: country(t.recipient), project: ref("project", t.project, true), id: taken }));
    if (world.rules) {
      const minimum = minLoanDuration(world.rules, t);
      if (duration < minimum)
        return problem(
          "rule/loan_too_short",
          "duration",
          text("refusal.loanTooShort", { minimum, build: world.rules.loans.buildRounds, grace: t.grace }),
        );
    }
    return null;
  },
  outlay: (rules, t, _parties, country, built) => (t.lenders.includes(country) && built < rules.loans.buildRounds ? financing(rules.loans, t) : 0),
  summary: (t) => ({
    params: {
      lenders: { countries: t.lenders },
      amount: { num: t.amount },
      recipient: { country: t.recipient },
      project: { labels: [t.project], prefix: "project", join: ", " },
      interest: { num: t.interest },
      grace: { plural: "deal.grace", count: t.grace },
    },
    extras: t.conditions.length ? [{ key: "conditions", params: { conditions: { labels: t.conditions, prefix: "condition", join: ", " } } }] : [],
  }),
  note(state, a, seat) {
    const rules = state.scenario.rules.loans;
    const t = a.terms as LoanTerms;
    if (a.status !== "in-force" || !a.parties.includes(seat)) return undefined;
    const notes: Text[] = [];
    // Repayments past the game's end are never made: said to every party, first.
    const past = repaymentsPastEnd(state.scenario.rules, t, a.duration, a.startRound ?? state.round, state.settings.rounds);
    if (past) notes.push(pastEndText(past, state.settings.rounds));
    const left = rules.buildRounds - (a.built ?? 0);
    if (left <= 0) return notes;
    const project = ref("project", t.project, true);
    const ready = state.round + left;
    const built = ready <= state.settings.rounds ? text("preview.loan.builtIn", { project, round: ready }) : text("preview.loan.builtAfter", { project });
    if (!t.lenders.includes(seat)) return [...notes, text("preview.loan.building", { rounds: rules.buildRounds, built })];
    // A round's preview shows one round's financing: say the whole, and when the rest is paid.
    // To the cent, as the ledger pays it and as the preview's lines show it (its capital row says
    // −1.67, so does the note); the total is the rounds' payments as said, so "3.34 over 2 rounds:
    // 1.67 now, 1.67 next round" adds up.
    const each = r2(financing(rules, t));
    const args = { total: r2(each * rules.buildRounds), rounds: rules.buildRounds, each, built };
    return [...notes, left === 1 ? text("preview.loan.financingNext", args) : text("preview.loan.financing", { ...args, count: left })];
  },
  resolve(state) {
    const rules = state.scenario.rules.loans;
    for (const a of inForce(state, "loan")) {
      const t = a.terms as LoanTerms;
      const nl = t.lenders.length;
      const built = a.built ?? 0;
      const project = ref("project", t.project, true);
      if (built < rules.buildRounds) {
        for (const l of t.lenders) bumpCapital(state, l, -financing(rules, t), text("cause.deal.financing", { id: a.id, country: country(t.recipient), project }));
        a.built = built + 1;
        if (a.built === rules.buildRounds) completeProject(state, a);
        continue;
      }
      const sinceDone = state.round - (a.startRound ?? state.round) - rules.buildRounds + 1;
      if (sinceDone <= t.grace) continue;
      const risk = defaultRisk(rules, t);
      const payment = repayment(rules, t, a.duration);
      if (risk > 0 && state.expected) {
        // A preview shows the odds, not the roll: repayment and the cost of default, each weighted by its chance.
        const label = text("cause.deal.defaultRisk", { id: a.id, pct: pct(risk), interest: t.interest });
        bumpCapital(state, t.recipient, -payment * (1 - risk), label);
        for (const l of t.lenders) bumpCapital(state, l, (payment / nl) * (1 - risk), label);
        bumpMetric(state, t.recipient, "trust", -rules.defaultTrust * risk, label);
        bumpMetric(state, t.recipient, "support", (-rules.defaultTrust / 2) * risk, label);
        continue;
      }
      if (risk > 0 && nextRandom(state) < risk) {
        a.status = "defaulted";
        addStep(state, a, "defaulted", t.recipient);
        bumpMetric(state, t.recipient, "trust", -rules.defaultTrust, text("cause.deal.defaulted", { id: a.id, interest: t.interest }));
        bumpMetric(state, t.recipient, "support", -rules.defaultTrust / 2, text("cause.deal.debtDistress", { id: a.id }));
        news(state, "project", text("news.defaulted", { country: country(t.recipient), id: a.id, interest: t.interest }));
        continue;
      }
      bumpCapital(state, t.recipient, -payment, text("cause.deal.repayment", { id: a.id }));
      for (const l of t.lenders) bumpCapital(state, l, payment / nl, text("cause.deal.repaymentFrom", { id: a.id, country: country(t.recipient) }));
    }
  },
  form: {
    fields: ["lenders", "recipient", "project", "amount", "interest", "grace", "conditions", "duration"],
    read: (t) => ({ lenders: [...t.lenders], recipient: t.recipient, project: t.project, amount: t.amount, interest: t.interest, grace: t.grace, conditions: [...t.conditions] }),
    write: (f) => ({
      terms: { type: "loan", lenders: f.lenders, recipient: f.recipient, project: f.project, amount: f.amount, interest: f.interest, grace: f.grace, conditions: f.conditions },
      parties: unique([...f.lenders, f.recipient]),
    }),
  },
  bots: {
    takesSides: false,
    previewShowsAll: false,
    costsEachRound: (t, me) => t.recipient === me || t.lenders.includes(me),
    sameDealKey: (t) => `${t.recipient}:${t.project}`,
    partiesMatter: false,
    variants(w, { terms: t, duration }, who) {
      const out: Variant<LoanTerms>[] = [];
      if (t.lenders.includes(who)) {
        for (const d of [1, 2, 3]) if (t.interest + d <= 15) out.push({ terms: { ...t, interest: t.interest + d } });
        if (!t.conditions.includes("trusted-vendors")) out.push({ terms: { ...t, conditions: [...t.conditions, "trusted-vendors"] } });
        if (t.grace > 0) out.push({ terms: { ...t, grace: t.grace - 1 } });
        if (t.amount > 6) out.push({ terms: { ...t, amount: Math.round(t.amount * 0.7) } });
      } else {
        for (const d of [1, 2, 3]) if (t.interest - d >= 0) out.push({ terms: { ...t, interest: t.interest - d } });
        if (t.conditions.length) out.push({ terms: { ...t, conditions: t.conditions.slice(0, -1) } });
        if (t.grace < 5) out.push({ terms: { ...t, grace: t.grace + 1 }, duration: Math.max(duration, minLoanDuration(w.ctx.rules, { grace: t.grace + 1 })) });
      }
      return out;
    },
    project(w, deal, acc, out) {
      const { terms: t, existing, start, end } = deal;
      const r = w.ctx.rules.loans;
      const nl = t.lenders.length;
      const built = existing?.built ?? 0;
      const buildLeft = Math.max(0, r.buildRounds - built);
      const buildRounds = Math.min(buildLeft, deal.horizon);
      for (const l of t.lenders) acc.flow(l, "capital", -financing(r, t), buildRounds, "financing the project");
      const completeRound = w.round + buildLeft - 1;
      const completes = buildLeft > 0 && completeRound <= Math.min(w.lastRound, end);
      const recipient = w.byId.get(t.recipient);
      let chance = 1;
      if (!existing && recipient?.control === "partner") {
        // An automated partner picks the best offer; the rival's published offer competes.
        const lenderBloc = w.byId.get(t.lenders[0]!)?.bloc ?? "alliance";
        const ours = partnerChoiceScore(w, t.recipient, t, lenderBloc);
        const rival = w.ctx.rival;
        const rivalNeed = recipient.needs.find((p) => !projectFinanced(w, t.recipient, p));
        if (rival && rival.country !== t.lenders[0] && rivalNeed === t.project && w.round > 1) {
          const theirs = partnerChoiceScore(w, t.recipient, { ...rival.loanOffer, conditions: [] }, "rival");
          chance = ours > theirs ? 0.85 : ours === theirs ? 0.4 : 0.05;
        } else chance = 0.85;
      }
      // A project built already is repaid all the same (its completion is behind it).
      if (!completes && buildLeft > 0) return;
      if (completes) {
        const delayed = buildLeft > 1;
        out.connects = { recipient: t.recipient, lenders: t.lenders, chance };
        if (recipient && !recipient.connected) acc.tflow("divide", -r.divideDrop * chance, 1, "a partner connected", delayed);
        acc.flow(t.recipient, "prosperity", r.recipientProsperity * chance, 1, "a new project", delayed);
        if (t.conditions.includes("local-jobs")) acc.flow(t.recipient, "support", r.localJobsSupport * chance, 1, "local jobs", delayed);
        const influence = lenderInfluence(r, t) * chance;
        for (const l of t.lenders) acc.flow(l, "influence", influence, 1, "a project built on our terms", delayed);
      }
      // Repayments inside the game.
      const firstPay = start + r.buildRounds + t.grace;
      const pays = Math.max(0, Math.min(w.lastRound, start + deal.duration - 1) - Math.max(firstPay, w.round) + 1);
      if (pays <= 0) return;
      const payment = repayment(r, t, deal.duration);
      const risk = defaultRisk(r, t);
      const survive = Math.pow(1 - Math.min(1, risk), (pays + 1) / 2);
      const from = Math.max(0, firstPay - w.round);
      acc.push({ who: t.recipient, key: "capital", perRound: -payment * survive * chance, rounds: pays, label: "loan repayment", delayed: true, from });
      for (const l of t.lenders) acc.push({ who: l, key: "capital", perRound: (payment / nl) * survive * chance, rounds: pays, label: "repayment", delayed: true, from });
      if (risk > 0) {
        const pDefault = 1 - Math.pow(1 - Math.min(1, risk), pays);
        acc.flow(t.recipient, "trust", -r.defaultTrust * pDefault * chance, 1, "risk of default", true);
        acc.flow(t.recipient, "support", (-r.defaultTrust / 2) * pDefault * chance, 1, "risk of default", true);
      }
    },
    random(d) {
      const recipients = d.state.scenario.countries.filter((c) => c.needs.length && c.id !== d.seat);
      const r = recipients.length ? d.pick(recipients) : d.state.scenario.countries[0]!;
      const terms: LoanTerms = {
        type: "loan",
        lenders: [d.seat],
        recipient: r.id,
        project: r.needs.length ? d.pick(r.needs) : "cable",
        amount: 4 + d.int(20),
        interest: d.int(9),
        grace: d.int(2),
        conditions: d.sample(LOAN_CONDITIONS, d.int(3)),
      };
      return { terms, parties: [d.seat] };
    },
  },
});
