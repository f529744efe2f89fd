/**
 * What signing a deal would change for a seat this round: the same
 * resolution run twice on copies of the state, with and without the deal, compared.
 */
import type { Draft } from "./actions.ts";
import { checkDraft } from "./agreements/index.ts";
import { resolveRound } from "./resolution.ts";
import { refuse, type Refusal } from "./result.ts";
import { cloneState } from "./setup.ts";
import type { Cause, GameState } from "./types.ts";
import { ref, text, textId, type Text } from "./text.ts";

/**
 * One metric: `delta` is the difference the deal makes (with minus without), `causes` what
 * makes it up; `withDeal` and `withoutDeal` are the metric's change this round in each case,
 * with their own causes, so a reader sees both worlds side by side.
 */
export type PreviewLine = {
  subject: string;
  key: string;
  delta: number;
  causes: Cause[];
  withDeal: { change: number; causes: Cause[] };
  withoutDeal: { change: number; causes: Cause[] };
};
export type Preview = { ok: true; lines: PreviewLine[] } | { ok: false; error: Refusal };

const round2 = (x: number) => Math.round(x * 100) / 100;

/**
 * Every seat party signs; automated parties (partners, the rival) are left to answer at
 * resolution as they would in the game: a partner picks among competing loans, the rival
 * signs only the types its script accepts.
 */
function seatsSign(state: GameState, parties: string[], signed: string[]): { status: "signed" | "proposed"; signatures: string[] } {
  const seats = parties.filter((p) => state.scenario.countries.find((c) => c.id === p)?.control === "seat");
  const signatures = [...new Set([...signed, ...seats])];
  return { status: parties.every((p) => signatures.includes(p)) ? "signed" : "proposed", signatures };
}

function world(change: { from: number; to: number; causes: Cause[] } | undefined) {
  if (!change) return { change: 0, causes: [] };
  return { change: round2(change.to - change.from), causes: change.causes.filter((c) => Math.abs(c.amount) >= 0.01).map((c) => ({ label: c.label, amount: round2(c.amount) })) };
}

/** Preview a new draft (`{ draft }`) or an existing offer (`{ agreementId }`) for `seat`. */
export function preview(state: GameState, seat: string, subject: { draft: Draft } | { agreementId: string }): Preview {
  if (!state.countries[seat]) return refuse("rule/unknown_country", text("refusal.unknownCountry", { id: seat }));
  if (state.phase === "lobby" || state.phase === "ended") return refuse("rule/wrong_phase", text("refusal.noPreview"));
  const without = cloneState(state);
  const withDeal = cloneState(state);
  if ("agreementId" in subject) {
    const a = state.agreements[subject.agreementId];
    if (!a || (a.status === "proposed" && !a.parties.includes(seat))) return refuse("rule/unknown_agreement", text("refusal.unknownOffer"));
    if (a.status !== "proposed" && a.status !== "signed") return refuse("rule/not_open", text("refusal.notOpenShort", { id: a.id, status: ref("status", a.status) }));
    // A copy without the offer rather than `delete`, which leaves an object slow to enumerate.
    const { [a.id]: _omitted, ...others } = without.agreements;
    without.agreements = others;
    withDeal.agreements[a.id] = { ...structuredClone(a), ...seatsSign(state, a.parties, a.signatures) };
  } else {
    const checked = checkDraft(state, subject.draft, seat);
    if (!checked.ok) return checked;
    const id = "draft";
    withDeal.agreements[id] = {
      id,
      type: subject.draft.terms.type,
      parties: checked.parties,
      terms: subject.draft.terms,
      duration: subject.draft.duration,
      revision: 1,
      proposedBy: seat,
      ...seatsSign(state, checked.parties, [seat]),
      steps: [],
    };
  }
  for (const s of [without, withDeal]) {
    s.phase = "negotiation";
    s.changes = {};
    resolveRound(s);
  }
  const lines: PreviewLine[] = [];
  const keys = new Set([...Object.keys(withDeal.changes), ...Object.keys(without.changes)]);
  for (const k of keys) {
    const [subjectId, key] = k.split("|") as [string, string];
    if (subjectId !== seat && subjectId !== "table") continue;
    const a = withDeal.changes[k];
    const b = without.changes[k];
    const delta = round2((a ? a.to - a.from : 0) - (b ? b.to - b.from : 0));
    if (Math.abs(delta) < 0.01) continue;
    const causes = new Map<string, number>();
    const labels = new Map<string, Text>();
    for (const c of a?.causes ?? []) labels.set(textId(c.label), c.label), causes.set(textId(c.label), (causes.get(textId(c.label)) ?? 0) + c.amount);
    for (const c of b?.causes ?? []) labels.set(textId(c.label), c.label), causes.set(textId(c.label), (causes.get(textId(c.label)) ?? 0) - c.amount);
    lines.push({
      subject: subjectId,
      key,
      delta,
      causes: [...causes].filter(([, v]) => Math.abs(v) >= 0.01).map(([id, amount]) => ({ label: labels.get(id)!, amount: round2(amount) })),
      withDeal: world(a),
      withoutDeal: world(b),
    });
  }
  return { ok: true, lines: lines.sort((x, y) => (x.subject === y.subject ? x.key.localeCompare(y.key) : x.subject === "table" ? 1 : -1)) };
}
