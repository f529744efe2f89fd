/**
 * The deal builder's model: one form for all seven agreement types. It says which fields a
 * type has (with their options), turns the form into the engine's Draft, and checks it with
 * the engine's own zod schema plus the plain facts a player can see, so mistakes are named
 * next to their field before anything is sent. Whether the deal is legal in the world
 * (budget, a project already financed…) is the server's answer to the preview.
 */
import { DraftSchema, type Draft } from "../../shared/engine/actions.ts";
import type { Agreement } from "../../shared/engine/types.ts";
import {
  AGREEMENT_TYPES,
  ALIGNMENT_CLAUSES,
  LOAN_CONDITIONS,
  PROJECT_TYPES,
  ROLE_FOR_TYPE,
  SECTORS,
  type AgreementType,
  type AlignmentClause,
  type LoanCondition,
  type ProjectType,
  type Sector,
} from "../../shared/engine/vocabulary.ts";
import type { ClientView } from "../../shared/protocol/view.ts";
import { label, t, type Key } from "../i18n/index.ts";

export type DealForm = {
  type: AgreementType;
  parties: string[];
  duration: number;
  sector: Sector;
  tier: "frontier" | "broad";
  target: string;
  suppliers: string[];
  buyers: string[];
  volume: number;
  price: number;
  coInvest: number;
  lenders: string[];
  recipient: string;
  project: ProjectType;
  amount: number;
  interest: number;
  grace: number;
  conditions: LoanCondition[];
  clauses: AlignmentClause[];
  technology: string;
  option: string;
  contribution: number;
};
export type FieldName = keyof DealForm;

type Option = { value: string; label: string; hint?: string };
export type Field =
  | { name: FieldName; label: Key; kind: "countries"; options: Option[]; locked?: string[] }
  | { name: FieldName; label: Key; kind: "select"; options: Option[] }
  | { name: FieldName; label: Key; kind: "checks"; options: Option[] }
  | { name: FieldName; label: Key; kind: "number"; min: number; max: number; step: number };

type Ctx = Pick<ClientView, "viewer" | "countries" | "scenario">;

const me = (ctx: Pick<ClientView, "viewer">) => (ctx.viewer.kind === "seat" ? ctx.viewer.seat : "");

/** Types this viewer's ministries handle (the engine refuses the others). */
export function allowedTypes(ctx: Pick<ClientView, "viewer">): AgreementType[] {
  if (ctx.viewer.kind !== "seat") return [];
  const roles = ctx.viewer.roles;
  return AGREEMENT_TYPES.filter((type) => roles.includes(ROLE_FOR_TYPE[type]));
}

export function emptyForm(ctx: Ctx, type: AgreementType = allowedTypes(ctx)[0] ?? "supply"): DealForm {
  const self = me(ctx);
  const others = ctx.countries.filter((c) => c.id !== self);
  const rival = ctx.scenario.rivalCountry ?? ctx.countries.find((c) => c.bloc === "rival")?.id ?? others[0]?.id ?? "";
  const partner = ctx.countries.find((c) => c.needs.length > 0 && c.id !== self);
  const tech = ctx.scenario.standards[0];
  const capable = others.find((c) => c.sectors.semis.capability >= 2);
  return {
    type,
    parties: [self],
    duration: type === "loan" ? 4 : 2,
    sector: "semis",
    tier: "frontier",
    target: rival === self ? "outside" : rival,
    suppliers: [capable?.id ?? others[0]?.id ?? ""],
    buyers: [self],
    volume: 2,
    price: 1,
    coInvest: 0,
    lenders: [self],
    recipient: partner?.id ?? "",
    project: (partner?.needs[0] as ProjectType | undefined) ?? "cable",
    amount: 10,
    interest: 3,
    grace: 1,
    conditions: [],
    clauses: ["supply-chain-risk"],
    technology: tech?.id ?? "",
    option: tech?.options[0]?.id ?? "",
    contribution: 2,
  };
}

/** Switching type keeps what both types share and fills sensible defaults for the rest. */
export function withType(ctx: Ctx, form: DealForm, type: AgreementType): DealForm {
  const fresh = emptyForm(ctx, type);
  return { ...form, type, duration: type === "loan" ? Math.max(form.duration, fresh.duration) : form.duration };
}

/** The form for amending or countering an existing offer. */
export function formFrom(ctx: Ctx, a: Pick<Agreement, "terms" | "parties" | "duration">): DealForm {
  const base = emptyForm(ctx, a.terms.type);
  const form: DealForm = { ...base, type: a.terms.type, parties: [...a.parties], duration: a.duration };
  const t0 = a.terms;
  switch (t0.type) {
    case "export-control":
      return { ...form, sector: t0.sector, tier: t0.tier, target: t0.target };
    case "screening":
      return form;
    case "supply":
      return { ...form, suppliers: [...t0.suppliers], buyers: [...t0.buyers], sector: t0.sector, volume: t0.volume, price: t0.price, coInvest: t0.coInvest };
    case "loan":
      return { ...form, lenders: [...t0.lenders], recipient: t0.recipient, project: t0.project, amount: t0.amount, interest: t0.interest, grace: t0.grace, conditions: [...t0.conditions] };
    case "alignment":
      return { ...form, clauses: [...t0.clauses], target: t0.target };
    case "standards":
      return { ...form, technology: t0.technology, option: t0.option };
    case "rnd":
      return { ...form, sector: t0.sector, contribution: t0.contribution };
  }
}

/** The engine's Draft for this form (unchecked: run `validate` first). */
export function toDraft(form: DealForm): Draft {
  const duration = form.duration;
  switch (form.type) {
    case "export-control":
      return { terms: { type: "export-control", sector: form.sector, tier: form.tier, target: form.target }, parties: form.parties, duration };
    case "screening":
      return { terms: { type: "screening" }, parties: form.parties, duration };
    case "supply":
      return {
        terms: { type: "supply", suppliers: form.suppliers, buyers: form.buyers, sector: form.sector, volume: form.volume, price: form.price, coInvest: form.coInvest },
        parties: [...new Set([...form.suppliers, ...form.buyers])],
        duration,
      };
    case "loan":
      return {
        terms: { type: "loan", lenders: form.lenders, recipient: form.recipient, project: form.project, amount: form.amount, interest: form.interest, grace: form.grace, conditions: form.conditions },
        parties: [...new Set([...form.lenders, form.recipient])],
        duration,
      };
    case "alignment":
      return { terms: { type: "alignment", clauses: form.clauses, target: form.target }, parties: form.parties, duration };
    case "standards":
      return { terms: { type: "standards", technology: form.technology, option: form.option }, parties: form.parties, duration };
    case "rnd":
      return { terms: { type: "rnd", sector: form.sector, contribution: form.contribution }, parties: form.parties, duration };
  }
}

const countryOptions = (ctx: Ctx, filter: (c: Ctx["countries"][number]) => boolean = () => true): Option[] =>
  ctx.countries.filter(filter).map((c) => ({ value: c.id, label: c.name, hint: label("bloc", c.bloc) }));
const sectorOptions = (): Option[] => SECTORS.map((s) => ({ value: s, label: label("sector", s) }));
const num = (name: FieldName, key: Key, min: number, max: number, step = 1): Field => ({ name, label: key, kind: "number", min, max, step });

/** The fields of a type, in the order the builder shows them. */
export function fieldsFor(ctx: Ctx, form: DealForm): Field[] {
  const self = me(ctx);
  const parties: Field = { name: "parties", label: "builder.parties", kind: "countries", options: countryOptions(ctx), locked: [self] };
  const duration = num("duration", "builder.duration", 1, 10);
  switch (form.type) {
    case "export-control":
      return [
        parties,
        { name: "sector", label: "builder.sector", kind: "select", options: sectorOptions() },
        { name: "tier", label: "builder.tier", kind: "select", options: (["frontier", "broad"] as const).map((v) => ({ value: v, label: label("tier", v) })) },
        { name: "target", label: "builder.target", kind: "select", options: [{ value: "outside", label: t("builder.target.outside") }, ...countryOptions(ctx, (c) => !form.parties.includes(c.id))] },
        duration,
      ];
    case "screening":
      return [parties, duration];
    case "supply":
      return [
        { name: "suppliers", label: "builder.suppliers", kind: "countries", options: countryOptions(ctx) },
        { name: "buyers", label: "builder.buyers", kind: "countries", options: countryOptions(ctx) },
        { name: "sector", label: "builder.sector", kind: "select", options: sectorOptions() },
        num("volume", "builder.volume", 1, 10),
        num("price", "builder.price", 0, 5, 0.1),
        num("coInvest", "builder.coInvest", 0, 20),
        duration,
      ];
    case "loan": {
      const recipients = ctx.countries.filter((c) => c.needs.length > 0 && !form.lenders.includes(c.id));
      const recipient = ctx.countries.find((c) => c.id === form.recipient);
      return [
        { name: "lenders", label: "builder.lenders", kind: "countries", options: countryOptions(ctx, (c) => c.needs.length === 0 || c.id === self), locked: [self] },
        {
          name: "recipient",
          label: "builder.recipient",
          kind: "select",
          options: recipients.map((c) => ({ value: c.id, label: c.name, hint: t("builder.needs", { needs: c.needs.map((n) => label("project", n).toLowerCase()).join(", ") }) })),
        },
        {
          name: "project",
          label: "builder.project",
          kind: "select",
          options: PROJECT_TYPES.filter((p) => !recipient || recipient.needs.includes(p)).map((p) => ({ value: p, label: label("project", p) })),
        },
        num("amount", "builder.amount", 1, 60),
        num("interest", "builder.interest", 0, 15, 0.5),
        num("grace", "builder.grace", 0, 5),
        { name: "conditions", label: "builder.conditions", kind: "checks", options: LOAN_CONDITIONS.map((c) => ({ value: c, label: label("condition", c) })) },
        duration,
      ];
    }
    case "alignment":
      return [
        parties,
        { name: "clauses", label: "builder.clauses", kind: "checks", options: ALIGNMENT_CLAUSES.map((c) => ({ value: c, label: label("clause", c) })) },
        { name: "target", label: "builder.concerning", kind: "select", options: countryOptions(ctx, (c) => !form.parties.includes(c.id)) },
        duration,
      ];
    case "standards": {
      const tech = ctx.scenario.standards.find((s) => s.id === form.technology);
      return [
        parties,
        { name: "technology", label: "builder.technology", kind: "select", options: ctx.scenario.standards.map((s) => ({ value: s.id, label: s.name })) },
        { name: "option", label: "builder.option", kind: "select", options: (tech?.options ?? []).map((o) => ({ value: o.id, label: o.name })) },
        duration,
      ];
    }
    case "rnd":
      return [parties, { name: "sector", label: "builder.sector", kind: "select", options: sectorOptions() }, num("contribution", "builder.contribution", 1, 20), duration];
  }
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
    if (r && !r.needs.includes(next.project)) next.project = (r.needs[0] as ProjectType | undefined) ?? next.project;
  }
  if (name === "parties" && next.parties.includes(next.target)) {
    const free = ctx.countries.find((c) => !next.parties.includes(c.id));
    next.target = next.type === "export-control" ? "outside" : (free?.id ?? "");
  }
  return next;
}

export type Problems = Partial<Record<FieldName | "form", string>>;

const MIN_PARTIES: Record<AgreementType, number> = { "export-control": 1, screening: 2, supply: 2, loan: 2, alignment: 2, standards: 1, rnd: 2 };

/** Mistakes a player can see without the server, by field. Empty when the form may be sent. */
export function validate(ctx: Ctx, form: DealForm): Problems {
  const p: Problems = {};
  const self = me(ctx);
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
      p[key] = schemaMessage(issue);
    }
  }
  const parties = form.type === "supply" ? [...form.suppliers, ...form.buyers] : form.type === "loan" ? [...form.lenders, form.recipient] : form.parties;
  const unique = [...new Set(parties.filter(Boolean))];
  switch (form.type) {
    case "supply":
      if (!form.suppliers.length) p.suppliers ??= t("invalid.pick");
      if (!form.buyers.length) p.buyers ??= t("invalid.pick");
      if (form.suppliers.some((s) => form.buyers.includes(s))) p.buyers ??= t("invalid.supplierBuyer");
      if (!unique.includes(self)) p.suppliers ??= t("invalid.meSide");
      break;
    case "loan": {
      if (!form.lenders.includes(self)) p.lenders ??= t("invalid.meLender");
      if (form.lenders.includes(form.recipient)) p.recipient ??= t("invalid.lenderRecipient");
      const r = ctx.countries.find((c) => c.id === form.recipient);
      if (!r) p.recipient ??= t("invalid.required");
      else if (!r.needs.includes(form.project)) p.project ??= t("invalid.needsProject", { country: r.name });
      break;
    }
    default:
      if (!form.parties.includes(self)) p.parties ??= t("invalid.meParty");
      if (unique.length < MIN_PARTIES[form.type]) p.parties ??= t("invalid.minParties", { count: MIN_PARTIES[form.type] });
      if ((form.type === "export-control" || form.type === "alignment") && form.parties.includes(form.target)) p.target ??= t("invalid.targetParty");
      if (form.type === "alignment" && !form.clauses.length) p.clauses ??= t("invalid.pick");
      if (form.type === "standards" && !form.technology) p.technology ??= t("invalid.required");
  }
  return p;
}

function schemaMessage(issue: { code: string; message: string; origin?: unknown }): string {
  if (issue.code === "too_small" && issue.origin === "array") return t("invalid.pick");
  return t("invalid.field", { message: issue.message });
}

export function isValid(problems: Problems): boolean {
  return Object.keys(problems).length === 0;
}
