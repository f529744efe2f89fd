/**
 * A game's past for the HTTP routes that serve it (server/app.ts): what left the room state
 * once its round was over (shared/protocol/archive.ts), whole, and round records, each only as
 * far as the asker may read it: a seat token reads what that seat's players read, the
 * facilitator key what the facilitator reads, nobody else more than an observer
 * (tests/server/hidden-information.test.ts checks the bodies).
 */
import type { GameState } from "../../shared/engine/types.ts";
import { canReadMessage, canSeeAgreement, type Viewer } from "../../shared/engine/views.ts";
import { lastChanges, type PastItems, type PastPart } from "../../shared/protocol/archive.ts";
import { isPublicMessage } from "../../shared/protocol/sections.ts";
import { toWireDeal, toWireLine } from "../../shared/protocol/view.ts";

export type PastReply = { ok: true; body: unknown } | { ok: false; status: number; code: string; message: string };

export function pastItems<P extends PastPart>(game: GameState, viewer: Viewer, part: P): PastItems[P] {
  const items: { [K in PastPart]: () => PastItems[K] } = {
    news: () => game.news,
    events: () => game.events,
    chat: () =>
      game.messages
        .filter((m) => isPublicMessage(m) || (viewer.kind !== "observer" && canReadMessage(game, viewer, m)))
        .map((m) => toWireLine(m)),
    deals: () => game.agreements.filter((a) => canSeeAgreement(viewer, a)).map(toWireDeal),
    changes: () => lastChanges(game.history),
  };
  return items[part]();
}

export function roundRecord(game: GameState, round: number): PastReply {
  const record = game.history.find((h) => h.round === round);
  return record ? { ok: true, body: record } : { ok: false, status: 404, code: "game/no_record", message: `Round ${round} has no record yet.` };
}
