/**
 * What a bot may know, and nothing more: its seat's view, the scenario's public rules, the
 * shared targets and the rival's published script, a preview of deals bound to its own seat,
 * its legal actions, and a dry run of a move it is about to make. A bot gets a `BotContext`
 * and never the game state, so it cannot read another seat's secret, the deck or the rng.
 */
import type { Draft, Move } from "../engine/actions.ts";
import { apply } from "../engine/apply.ts";
import { legalActions, type LegalActions } from "../engine/legal.ts";
import { preview, type Preview } from "../engine/preview.ts";
import type { Refusal } from "../engine/result.ts";
import type { GameState } from "../engine/types.ts";
import { ROLES } from "../engine/vocabulary.ts";
import { viewFor, type GameView } from "../engine/views.ts";
import type { Rules, Scenario } from "../scenario/schema.ts";

export type PreviewSubject = { draft: Draft } | { agreementId: string };

export type BotContext = {
  /** The seat this bot plays. */
  seat: string;
  /** Exactly what a lone player of this seat (all three ministries) sees. */
  view: GameView;
  /** The scenario's coefficients (public: docs/RULES.md prints them). */
  rules: Rules;
  /** The shared targets with their conditions (public: the table sees them). */
  targets: Scenario["targets"];
  /** The automated rival's published script, if the scenario has one. */
  rival?: Scenario["rival"];
  /** The engine's preview for this seat only. */
  preview(subject: PreviewSubject): Preview;
  /** This seat's legal actions now. */
  readonly legal: LegalActions;
  /** Would the engine accept this move from this seat now? null when it would. */
  check(move: Move): Refusal | null;
};

/** Builds a bot's context from the authoritative state (server and self-play call this). */
export function botContext(state: GameState, seat: string): BotContext {
  const viewer = { kind: "seat" as const, seat, roles: [...ROLES] };
  const actor = { kind: "seat" as const, seat, roles: [...ROLES] };
  const scenario = state.scenario;
  let legal: LegalActions | undefined;
  return {
    seat,
    view: viewFor(state, viewer),
    rules: scenario.rules,
    targets: scenario.targets,
    ...(scenario.rival ? { rival: scenario.rival } : {}),
    preview: (subject) => preview(state, seat, subject),
    get legal() {
      return (legal ??= legalActions(state, viewer));
    },
    check: (move) => {
      const result = apply(state, { actor, move });
      return result.ok ? null : result.error;
    },
  };
}
