/**
 * The deal builder's model: one form for every agreement type. Each type's module in the
 * engine (shared/engine/agreements/) says which fields it shows, how its terms map to the
 * form, and what is wrong with a draft: this file only adds the options a player picks from
 * and the catalog's words. A draft is checked with the engine's own zod schema and the
 * engine's own `checkTerms`, on the facts the view shows, so mistakes are named next to
 * their field before anything is sent. What the view cannot show (the budget, a project
 * financed in a private offer, the scenario's rules) is the server's answer to the preview.
 */
import type { z } from "zod";
import { DraftSchema, MAX_DURATION, type Draft } from "../../shared/engine/actions.ts";
import { AGREEMENT_TYPES, checkTerms, kindFor, kindOf, ROLE_FOR_TYPE, type AgreementType, type Problem } from "../../shared/engine/agreements/index.ts";
import { blockingRegime } from "../../shared/engine/agreements/export-control.ts";
import { financingLoan, minLoanDuration, pastEndText, repaymentsPastEnd } from "../../shared/engine/agreements/loan.ts";
import type { DraftWorld, FormField, FormValues } from "../../shared/engine/agreements/kit.ts";
import type { Agreement } from "../../shared/engine/types.ts";
import { ALIGNMENT_CLAUSES, LOAN_CONDITIONS, PROJECT_TYPES, SECTORS, type ProjectType } from "../../shared/engine/vocabulary.ts";
import type { ClientView } from "../../shared/protocol/view.ts";
import { plainText } from "../../shared/scenario/plain-issues.ts";
import { label, render, t, type Key } from "../i18n/index.ts";
import { needsText } from "./format.ts";

export type DealForm = FormValues & { type: AgreementType };
export type FieldName = keyof DealForm;

type Option = { value: string; label: string; hint?: string };
export type Field =
  | { name: FieldName; label: Key; kind: "countries"; options: Option[]; locked?: string[] }
  | { name: FieldName; label: Key; kind: "select"; options: Option[] }
  | { name: FieldName; label: Key; kind: "checks"; options: Option[] }
  | { name: FieldName; label: Key; kind: "number"; min: number; max: number; step: number };

type Ctx = Pick<ClientView, "viewer" | "countries" | "scenario"> & Partial<Pick<ClientView, "agreements" | "round" | "settings">>;

const me = (ctx: Pick<ClientView, "viewer">) => (ctx.viewer.kind === "seat" ? ctx.viewer.seat : "");

/** The visible loan that already finances a country's project: a project is financed once. */
const financedBy = (ctx: Ctx, recipient: string, project: string) => financingLoan(ctx.agreements ?? [], ctx.scenario.buildRounds, recipient, project)?.id;

/** A country's needs that no visible loan finances yet. */
function openNeeds(ctx: Ctx, country: { id: string; needs: readonly string[] } | undefined): ProjectType[] {
  return country ? (country.needs.filter((p) => !financedBy(ctx, country.id, p)) as ProjectType[]) : [];
}

/** Types this viewer's ministries handle (the engine refuses the others). */
export function allowedTypes(ctx: Pick<ClientView, "viewer">): AgreementType[] {
  if (ctx.viewer.kind !== "seat") return [];
  const roles = ctx.viewer.roles;
  return AGREEMENT_TYPES.filter((type) => roles.includes(ROLE_FOR_TYPE[type]));
}

/**
 * The rounds from this one to the game's last, both counted: a deal signed this round takes force
 * now and ends after round + duration − 1 (shared/engine/resolution.ts), so one this long is still
 * in force when the game ends and the shared targets and objectives are checked. Undefined
 * without the game's clock (a form built from a scenario alone).
 */
export function roundsToEnd(ctx: Ctx): number | undefined {
  if (ctx.round === undefined || !ctx.settings) return undefined;
  return Math.min(MAX_DURATION, Math.max(1, ctx.settings.rounds - ctx.round + 1));
}

/**
 * A new deal runs to the end of the game: a regime, a pact or a supply line that lapses before
 * then is missing when the table's targets are checked. Never shorter than the engine lets the
 * deal run (a loan's build rounds, its grace and one to repay: shared/engine/agreements/loan.ts),
 * even when that outlasts the game (a loan begun too late to be repaid in it: `defaultGrace`).
 */
function defaultDuration(ctx: Ctx, form: DealForm): number {
  return Math.max(minimumDuration(ctx, form), roundsToEnd(ctx) ?? 2);
}

/** The shortest the engine lets this deal run (shared/engine/agreements: each kind's `minDuration`). */
function minimumDuration(ctx: Ctx, form: DealForm): number {
  const kind = kindOf(form.type);
  return kind.minDuration({ loans: { buildRounds: ctx.scenario.buildRounds } }, kind.form.write(form).terms);
}

/**
 * A new loan's grace: one round, or none when a round's grace would push its shortest term
 * (build rounds, grace, one to repay) past the game's last round, where its repayments are never
 * made (docs/RULES.md §4.4): in round 1 of a 3-round game the loan is built in rounds 1–2 and
 * repaid in round 3, not given a fourth round the game does not have.
 */
function defaultGrace(ctx: Ctx): number {
  const left = roundsToEnd(ctx);
  const fits = (grace: number) => left === undefined || minLoanDuration({ loans: { buildRounds: ctx.scenario.buildRounds } }, { grace }) <= left;
  return fits(1) ? 1 : 0;
}

export function emptyForm(ctx: Ctx, type: AgreementType = allowedTypes(ctx)[0] ?? AGREEMENT_TYPES[0]): DealForm {
  const self = me(ctx);
  const others = ctx.countries.filter((c) => c.id !== self);
  const rival = ctx.scenario.rivalCountry ?? ctx.countries.find((c) => c.bloc === "rival")?.id ?? others[0]?.id ?? "";
  const partner = ctx.countries.find((c) => openNeeds(ctx, c).length > 0 && c.id !== self);
  // A country with projects to finance asks for a loan itself: it is the recipient, a richer country lends.
  const needy = ctx.countries.find((c) => c.id === self && openNeeds(ctx, c).length > 0);
  const tech = ctx.scenario.standards[0];
  // The lists of countries on each side start with the proposer's own seat where it belongs (it
  // buys, it lends) or empty: another seat ticked by default was sent along with the one the
  // player chose ("from United States and Australia" when they meant Australia).
  const form: DealForm = {
    type,
    parties: [self],
    duration: 1,
    sector: "semis",
    tier: "frontier",
    target: rival === self ? "outside" : rival,
    suppliers: [],
    buyers: [self],
    volume: 2,
    price: 1,
    coInvest: 0,
    lenders: needy ? [] : [self],
    recipient: needy ? self : (partner?.id ?? ""),
    project: openNeeds(ctx, needy ?? partner)[0] ?? "cable",
    amount: 10,
    interest: 3,
    grace: defaultGrace(ctx),
    conditions: [],
    clauses: ["supply-chain-risk"],
    technology: tech?.id ?? "",
    option: tech?.options[0]?.id ?? "",
    contribution: 2,
  };
  return { ...form, duration: defaultDuration(ctx, form) };
}

/**
 * Switching type keeps what both types share and fills sensible defaults for the rest: a shorter
 * draft lengthens to the new type's default, a longer one is cut to the game's end (a loan's three
 * rounds become a screening pact's two in round 2 of 3), never below the new type's minimum.
 */
export function withType(ctx: Ctx, form: DealForm, type: AgreementType): DealForm {
  const next = { ...form, type };
  return { ...next, duration: Math.max(defaultDuration(ctx, next), Math.min(form.duration, roundsToEnd(ctx) ?? form.duration)) };
}

/**
 * The builder's line beside Propose when the deal would lapse before the game ends ("If signed
 * this round, it lapses after round 2 of 6"): the Duration field may be out of sight, and a
 * target checked at the end does not count a deal that has lapsed. Undefined when it runs to the end.
 */
export function lapseNote(ctx: Ctx, form: Pick<DealForm, "duration">): string | undefined {
  if (ctx.round === undefined || !ctx.settings || !Number.isInteger(form.duration) || form.duration < 1) return undefined;
  const end = ctx.round + form.duration - 1;
  return end < ctx.settings.rounds ? t("builder.lapses", { end, rounds: ctx.settings.rounds }) : undefined;
}

/**
 * The builder's warning beside Propose when a loan, if signed this round, would have repayments
 * due after the game's last round, which are never made (docs/RULES.md §4.4): the engine's own
 * rule and sentence (shared/engine/agreements/loan.ts `repaymentsPastEnd`), as the preview's note
 * says it. Undefined for another type, or a loan repaid within the game.
 */
export function pastEndNote(ctx: Ctx, form: DealForm): string | undefined {
  if (form.type !== "loan" || ctx.round === undefined || !ctx.settings || !Number.isInteger(form.duration) || form.duration < 1) return undefined;
  if (!Number.isInteger(form.grace) || !(form.amount > 0) || !(form.interest >= 0)) return undefined;
  const past = repaymentsPastEnd({ loans: { buildRounds: ctx.scenario.buildRounds } }, form, form.duration, ctx.round, ctx.settings.rounds);
  return past ? render(pastEndText(past, ctx.settings.rounds)) : undefined;
}

/** The form for amending or countering an existing offer. */
export function formFrom(ctx: Ctx, a: Pick<Agreement, "terms" | "parties" | "duration">): DealForm {
  const base = emptyForm(ctx, a.terms.type);
  return { ...base, type: a.terms.type, parties: [...a.parties], duration: a.duration, ...kindFor(a.terms).form.read(a.terms) };
}

/** The engine's Draft for this form (unchecked: run `validate` first). */
export function toDraft(form: DealForm): Draft {
  const { terms, parties } = kindOf(form.type).form.write(form);
  return { terms, parties, duration: form.duration } as Draft;
}

const countryOptions = (ctx: Ctx, filter: (c: Ctx["countries"][number]) => boolean = () => true): Option[] =>
  ctx.countries.filter(filter).map((c) => ({ value: c.id, label: c.name, hint: label("bloc", c.bloc) }));
const sectorOptions = (): Option[] => SECTORS.map((s) => ({ value: s, label: label("sector", s) }));

/** A number field's bounds and step, read from the engine's schema of the type's terms. */
function numberField(form: DealForm, name: FormField, key: Key): Field {
  const schema = name === "duration" ? DraftSchema.shape.duration : kindOf(form.type).schema.shape[name];
  const inner = (schema && "unwrap" in schema && typeof schema.unwrap === "function" ? schema.unwrap() : schema) as { minValue?: number | null; maxValue?: number | null; isInt?: boolean } | undefined;
  return { name, label: key, kind: "number", min: inner?.minValue ?? 0, max: inner?.maxValue ?? 100, step: inner?.isInt ? 1 : STEPS[name] ?? 0.1 };
}
/** Steps of the decimal number fields (whole-number fields step by 1). */
const STEPS: Partial<Record<FormField, number>> = { interest: 0.5, contribution: 1, amount: 1, coInvest: 1 };

/** How the builder shows each field (its label, kind and options), whichever type uses it. */
function fieldOf(ctx: Ctx, form: DealForm, name: FormField): Field {
  const self = me(ctx);
  switch (name) {
    case "parties":
      return { name, label: "builder.parties", kind: "countries", options: countryOptions(ctx), locked: [self] };
    case "suppliers":
    case "buyers":
      return { name, label: name === "suppliers" ? "builder.suppliers" : "builder.buyers", kind: "countries", options: countryOptions(ctx) };
    case "sector":
      return { name, label: "builder.sector", kind: "select", options: sectorOptions() };
    case "tier":
      return { name, label: "builder.tier", kind: "select", options: (["frontier", "broad"] as const).map((v) => ({ value: v, label: label("tier", v) })) };
    case "target":
      return form.type === "export-control"
        ? { name, label: "builder.target", kind: "select", options: [{ value: "outside", label: t("builder.target.outside") }, ...countryOptions(ctx, (c) => !form.parties.includes(c.id))] }
        : { name, label: "builder.concerning", kind: "select", options: countryOptions(ctx, (c) => !form.parties.includes(c.id)) };
    case "lenders":
      // You are a party as a lender, or as the recipient asking for the loan.
      return { name, label: "builder.lenders", kind: "countries", options: countryOptions(ctx, (c) => (c.needs.length === 0 || c.id === self) && c.id !== form.recipient), locked: form.recipient === self ? [] : [self] };
    case "recipient": {
      // Countries with a project still to finance (and the one chosen, whose error then says why).
      const recipients = ctx.countries
        .filter((c) => c.needs.length > 0 && !form.lenders.includes(c.id))
        .map((c) => ({ c, open: openNeeds(ctx, c) }))
        .filter(({ c, open }) => open.length > 0 || c.id === form.recipient);
      return {
        name,
        label: "builder.recipient",
        kind: "select",
        options: recipients.map(({ c, open }) => ({ value: c.id, label: c.name, hint: open.length ? t("builder.needs", { needs: needsText(open) }) : t("builder.allFinanced") })),
      };
    }
    case "project": {
      // The recipient's projects no loan finances yet, and the one chosen marked when a loan now does.
      const recipient = ctx.countries.find((c) => c.id === form.recipient);
      const open = openNeeds(ctx, recipient);
      const taken = (p: string) => (recipient ? financedBy(ctx, recipient.id, p) : undefined);
      return {
        name,
        label: "builder.project",
        kind: "select",
        options: PROJECT_TYPES.filter((p) => !recipient || open.includes(p) || p === form.project).map((p) => ({ value: p, label: label("project", p), hint: taken(p) ? t("builder.financedBy", { id: taken(p)! }) : undefined })),
      };
    }
    case "conditions":
      return { name, label: "builder.conditions", kind: "checks", options: LOAN_CONDITIONS.map((c) => ({ value: c, label: label("condition", c) })) };
    case "clauses":
      return { name, label: "builder.clauses", kind: "checks", options: ALIGNMENT_CLAUSES.map((c) => ({ value: c, label: label("clause", c) })) };
    case "technology":
      return { name, label: "builder.technology", kind: "select", options: ctx.scenario.standards.map((s) => ({ value: s.id, label: s.name })) };
    case "option": {
      const tech = ctx.scenario.standards.find((s) => s.id === form.technology);
      return { name, label: "builder.option", kind: "select", options: (tech?.options ?? []).map((o) => ({ value: o.id, label: o.name })) };
    }
    case "duration":
    case "volume":
    case "price":
    case "coInvest":
    case "amount":
    case "interest":
    case "grace":
    case "contribution":
      return numberField(form, name, `builder.${name}`);
  }
}

/** The fields of a type, in the order its module lists them. */
export function fieldsFor(ctx: Ctx, form: DealForm): Field[] {
  return kindOf(form.type).form.fields.map((name) => fieldOf(ctx, form, name));
}

/** Sets a field, keeping dependent fields consistent (the option follows the technology…). */
export function setField(ctx: Ctx, form: DealForm, name: FieldName, value: unknown): DealForm {
  const next = { ...form, [name]: value } as DealForm;
  if (name === "type") return withType(ctx, form, value as AgreementType);
  if (name === "technology") {
    const tech = ctx.scenario.standards.find((s) => s.id === value);
    if (tech && !tech.options.some((o) => o.id === next.option)) next.option = tech.options[0]?.id ?? "";
  }
  if (name === "recipient") {
    const r = ctx.countries.find((c) => c.id === value);
    const open = openNeeds(ctx, r);
    if (r && !open.includes(next.project)) next.project = open[0] ?? (r.needs[0] as ProjectType | undefined) ?? next.project;
    // Asking for a loan: you leave the lenders, and you choose who lends (nobody is ticked for you).
    const self = me(ctx);
    if (value === self) next.lenders = next.lenders.filter((x) => x !== self);
    else if (!next.lenders.includes(self)) next.lenders = [self, ...next.lenders];
  }
  // A country is on one side of a supply deal: ticked on one side, it leaves the other.
  if (name === "suppliers") next.buyers = next.buyers.filter((x) => !next.suppliers.includes(x));
  if (name === "buyers") next.suppliers = next.suppliers.filter((x) => !next.buyers.includes(x));
  if (name === "parties" && next.parties.includes(next.target)) {
    const free = ctx.countries.find((c) => !next.parties.includes(c.id));
    next.target = next.type === "export-control" ? "outside" : (free?.id ?? "");
  }
  // A longer grace lengthens a loan to its new shortest term (build, grace, one to repay), which the engine would otherwise refuse.
  // (A grace being retyped, empty for now, changes nothing.)
  if (name === "grace") {
    const minimum = minimumDuration(ctx, next);
    if (Number.isFinite(minimum)) next.duration = Math.max(next.duration, minimum);
  }
  return next;
}

export type Problems = Partial<Record<FieldName | "form", string>>;

/**
 * The view's facts as the engine's checks read them: countries, standards races and the deals
 * every viewer sees signed or in force, so the clashes the engine refuses (a second screening
 * pact, the other side of a race, a sale a regime forbids) are named before sending. The rules
 * and private offers are the server's to check.
 */
export function worldOf(ctx: Ctx): DraftWorld {
  const bound = (ctx.agreements ?? []).filter((a) => a.status === "signed" || a.status === "in-force");
  return {
    country: (id) => ctx.countries.find((c) => c.id === id),
    standards: ctx.scenario.standards,
    ...(ctx.round !== undefined ? { round: ctx.round } : {}),
    commitments: (country, type) => bound.filter((a) => a.type === type && a.parties.includes(country)),
    controlled: (supplier, buyer, sector) =>
      blockingRegime(bound, (id, s) => ctx.countries.find((c) => c.id === id)?.sectors[s].capability ?? 0, supplier, buyer, sector, true)?.id,
    financed: (recipient, project) => financedBy(ctx, recipient, project),
  };
}

/** The catalog's words for an engine refusal of a draft. */
function problemText(ctx: Ctx, form: DealForm, p: Problem): string {
  const name = (id: string) => ctx.countries.find((c) => c.id === id)?.name ?? id;
  switch (p.code) {
    case "rule/not_a_party":
      return t(p.field === "suppliers" ? "invalid.meSide" : p.field === "lenders" ? "invalid.meLender" : "invalid.meParty");
    case "rule/too_few_parties":
      return t("invalid.minParties", { count: kindOf(form.type).minParties });
    case "rule/supplier_is_buyer":
      return t("invalid.supplierBuyer");
    case "rule/lender_is_recipient":
      return t("invalid.lenderRecipient");
    case "rule/target_is_party":
      return t("invalid.targetParty");
    case "rule/project_not_needed":
      return t("invalid.needsProject", { country: name(form.recipient) });
    case "rule/cannot_supply":
      return t("invalid.cannotSupply", { sector: label("sector", form.sector) });
    case "rule/nothing_to_control":
      return t("invalid.nothingToControl", { sector: label("sector", form.sector) });
    case "rule/unknown_country":
      return t("invalid.required");
    default:
      return render(p.text);
  }
}

/** Mistakes a player can see without the server, by field. Empty when the form may be sent. */
export function validate(ctx: Ctx, form: DealForm): Problems {
  const p: Problems = {};
  for (const f of fieldsFor(ctx, form)) {
    if (f.kind !== "number") continue;
    const v = form[f.name] as number;
    if (typeof v !== "number" || !Number.isFinite(v)) p[f.name] = t("invalid.required");
    else if (v < f.min || v > f.max) p[f.name] = t("invalid.range", { min: f.min, max: f.max });
    else if (f.step === 1 && !Number.isInteger(v)) p[f.name] = t("invalid.integer");
  }
  const draft = toDraft(form);
  const parsed = DraftSchema.safeParse(draft);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.map(String);
      const field = (path[0] === "terms" ? path[1] : path[0]) as FieldName | undefined;
      const key: FieldName | "form" = field && field in form ? field : "form";
      if (p[key]) continue;
      p[key] = schemaMessage(issue, draft);
    }
    return p;
  }
  const problem = checkTerms(worldOf(ctx), parsed.data, me(ctx));
  if (problem) {
    const key: FieldName | "form" = problem.field in form ? (problem.field as FieldName) : "form";
    p[key] ??= problemText(ctx, form, problem);
  }
  return p;
}

/** What the deal schema says of a draft the form let through, in the reader's language (shared/scenario/plain-issues.ts, the same words as a refusal's). */
function schemaMessage(issue: z.core.$ZodIssue, draft: Draft): string {
  if (issue.code === "too_small" && issue.origin === "array") return t("invalid.pick");
  return render(plainText(issue, draft, DraftSchema));
}

export function isValid(problems: Problems): boolean {
  return Object.keys(problems).length === 0;
}
