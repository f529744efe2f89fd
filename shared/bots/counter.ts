/**
 * The nearest terms a seat would sign: the search behind its counter-offers (answers.ts) and
 * behind "what would it take?" from a person (`whatWouldItTakeOf`, for talk.ts's replies and its
 * `askBotOn`, the deal card's button).
 */
import type { Draft } from "../engine/actions.ts";
import type { Agreement } from "../engine/types.ts";
import type { Text } from "../engine/text.ts";
import { draftParties } from "./model.ts";
import { variants } from "./proposals.ts";
import type { Valuation } from "./value.ts";
import { changeText } from "./speech.ts";
import { termsOf, type Mind } from "./mind.ts";
import { asDraft, confirmed, theirValue, worthOwn } from "./valuing.ts";

type Found = { draft: Draft; value: Valuation; change: Text };

/**
 * Nearest terms (by changes of terms) this bot would sign and the engine would accept from it
 * (`feasible`: its budget, the rules), valued as it would sign them (valuing.ts `confirmed`); none of the terms
 * changes a term back to a value in `had` (by `termsOf`).
 */
export function searchTerms(m: Mind, draft: Draft, feasible: (d: Draft) => boolean, existing?: Agreement, had?: ReadonlySet<string>): Found | null {
  const threshold = m.profile.threshold;
  const seen = new Set<string>([JSON.stringify(draft)]);
  const now = had ? termsOf(draft) : [];
  const others = draftParties(draft).filter((p) => p !== m.me && m.w.byId.get(p)?.control === "seat");
  // Nearest first: every variant one change away is tried before any two changes away, so the
  // second ring (from the first eight of the first) is made only when the first gave no answer.
  let frontier: Draft[] = [draft];
  let tried = 0;
  for (let depth = 1; depth <= 2 && frontier.length; depth++) {
    const ring: { draft: Draft; estimate: number }[] = [];
    for (const f of frontier) {
      for (const v of variants(m.w, f, m.me)) {
        const key = JSON.stringify(v);
        if (seen.has(key)) continue;
        seen.add(key);
        // A term back to a value the offer already had (`had`: answers.ts): one side refused it.
        if (had && termsOf(v).some((t) => had.has(t) && !now.includes(t))) continue;
        ring.push({ draft: v, estimate: worthOwn(m, v) });
      }
    }
    // Among equally near, the one the other side loses least on.
    const ranked = ring
      .filter((p) => p.estimate >= threshold)
      .map((p) => ({ ...p, theirs: others.length ? Math.min(...others.map((o) => theirValue(m, o, p.draft))) : 0 }))
      .sort((a, b) => b.theirs - a.theirs || b.estimate - a.estimate);
    for (const p of ranked) {
      if (!feasible(p.draft)) continue;
      if (tried++ >= 2) return null;
      const value = confirmed(m, p.draft);
      if (!value) continue;
      if (value.value >= threshold) return { draft: p.draft, value, change: changeText(existing ? asDraft(existing) : draft, p.draft) };
    }
    frontier = ring.slice(0, 8).map((p) => p.draft);
  }
  return null;
}

/**
 * "What would it take?": terms near `draft` that this seat would sign, or null when no small
 * change of terms makes the deal worth it. A draft it would already sign comes back unchanged.
 * `v`: its value of `draft` itself (`confirmed`), when the caller has it already (talk.ts).
 * `asker`: the seat an answer invites to propose the terms; the engine must take them from it too.
 */
export function whatWouldItTakeOf(m: Mind, draft: Draft, v: Valuation | null = confirmed(m, draft), asker?: string): { draft: Draft; value: Valuation; change?: Text } | null {
  if (!v) return null;
  // Terms it could put its name to now: the engine would take them as its own proposal (and the asker's).
  const feasible = (d: Draft) => !m.ctx.check({ type: "propose", draft: d }) && (!asker || !m.ctx.checkProposal(d, asker));
  if (v.value >= m.profile.threshold && feasible(draft)) return { draft, value: v };
  const found = searchTerms(m, draft, feasible);
  return found ? { draft: found.draft, value: found.value, change: found.change } : null;
}
