/**
 * The archive page: the facilitator's games, found through every facilitator key this browser
 * keeps (one per game unless games were made under one key), merged, newest first, grouped by
 * scenario; which selections can be compared; and the share links of a game. Pure.
 */
import type { ArchiveEntry, ShareInfo } from "../../shared/protocol/debrief.ts";
import { t, tn } from "../i18n/index.ts";

export type KeyedEntry = ArchiveEntry & { key: string };

/** Distinct keys, in the order first seen. */
export function distinctKeys(pairs: { code: string; key: string }[]): string[] {
  return [...new Set(pairs.map((p) => p.key).filter(Boolean))];
}

/** Merges the archive replies of several keys: one entry per game (the first key that opened it), newest first. */
export function mergeArchives(replies: { key: string; games: ArchiveEntry[] }[]): KeyedEntry[] {
  const byCode = new Map<string, KeyedEntry>();
  for (const r of replies) for (const g of r.games) if (!byCode.has(g.code)) byCode.set(g.code, { ...g, key: r.key });
  return [...byCode.values()].sort((a, b) => b.createdAt - a.createdAt || a.code.localeCompare(b.code));
}

/** Games grouped by scenario, groups in the order of their newest game. */
export function byScenario(entries: KeyedEntry[]): { id: string; title: string; games: KeyedEntry[] }[] {
  const groups = new Map<string, { id: string; title: string; games: KeyedEntry[] }>();
  for (const e of entries) {
    const g = groups.get(e.scenario.id) ?? { id: e.scenario.id, title: e.scenario.title, games: [] };
    g.games.push(e);
    groups.set(e.scenario.id, g);
  }
  return [...groups.values()];
}

export const COMPARE_MIN = 2;
export const COMPARE_MAX = 10;

/** Whether the selected games can be compared, and if not, why (in words). */
export function compareCheck(entries: KeyedEntry[], selected: string[]): { ok: true } | { ok: false; reason: string } {
  const chosen = entries.filter((e) => selected.includes(e.code));
  if (chosen.length < COMPARE_MIN) return { ok: false, reason: t("archive.compare.pick", { min: COMPARE_MIN }) };
  if (chosen.length > COMPARE_MAX) return { ok: false, reason: t("archive.compare.tooMany", { max: COMPARE_MAX }) };
  const scenarios = new Set(chosen.map((e) => e.scenario.id));
  if (scenarios.size > 1) return { ok: false, reason: t("archive.compare.scenarios") };
  if (chosen.some((e) => e.status === "lobby")) return { ok: false, reason: t("archive.compare.lobby") };
  return { ok: true };
}

/** The one key that opens all these games, if there is one (the server's comparison needs it). */
export function commonKey(keyOf: (code: string) => string | undefined, codes: string[]): string | undefined {
  const keys = new Set(codes.map(keyOf));
  if (keys.size !== 1) return undefined;
  const [k] = [...keys];
  return k;
}

/** "Finished · round 4 of 4", "Round 2 of 4 (running)", "Waiting room". */
export function entryStatus(e: Pick<ArchiveEntry, "status" | "round" | "rounds" | "roundsPlayed" | "crisis">): string {
  if (e.status === "lobby") return t("archive.status.lobby");
  if (e.status === "finished") return e.crisis ? tn("archive.status.crisis", e.rounds, { played: e.roundsPlayed }) : tn("archive.status.finished", e.rounds, { played: e.roundsPlayed });
  return t("archive.status.running", { round: e.round, rounds: e.rounds });
}

/** "Met (5/5)", "Missed (3/5)", "—" in the lobby. */
export function entryOutcome(e: Pick<ArchiveEntry, "outcome" | "status">): string {
  if (!e.outcome) return "—";
  const counts = { met: e.outcome.targetsMet, total: e.outcome.targets };
  if (e.status !== "finished") return t("archive.outcome.now", counts);
  return t(e.outcome.met ? "archive.outcome.met" : "archive.outcome.missed", counts);
}

/** Live share links first (newest first), then revoked ones. */
export function shareRows(shares: ShareInfo[]): (ShareInfo & { live: boolean })[] {
  return shares.map((s) => ({ ...s, live: s.revokedAt === null })).sort((a, b) => Number(b.live) - Number(a.live) || b.createdAt - a.createdAt);
}
