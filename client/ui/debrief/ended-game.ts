/**
 * A finished game's debrief for its facilitator, on any computer. Once a game has ended nobody
 * new can join it (its room may still be open for those in it, or gone), but its key still
 * opens what the facilitator's end screen offers: the report, the metrics and the action log, the
 * exit tickets and gradebook, share links, the replay and a what-if (the end screen's DebriefBox).
 * The server checks the key on every request; this page only carries it in a header.
 */
import { t, wholeCatalogReady } from "../../i18n/index.ts";
import { report } from "../../net/debrief.ts";
import type { SessionMemory } from "../../net/session-memory.ts";
import { h } from "../dom.ts";
import { DebriefBox } from "./debrief-box.ts";

/**
 * Asks the server for the game's report with `key`: a key that does not open the game is refused
 * there and nothing is kept. A key that does is remembered in this browser (the replay, the
 * archive and a refresh use it) and the facilitator's debrief tools are returned.
 */
export async function openEndedGame(code: string, key: string, memory: SessionMemory): Promise<{ ok: true; el: HTMLElement } | { ok: false; message: string }> {
  // The debrief's words are the catalog's later part (client/i18n/languages.ts), not the start page's.
  const [got] = await Promise.all([report(code, { key }), wholeCatalogReady()]);
  if (!got.ok) return { ok: false, message: got.message };
  memory.update(code, { facilitator: { key } });
  const box = new DebriefBox({ code, memory }, "over-db");
  box.render({ round: got.value.game.round, phase: "ended" });
  return {
    ok: true,
    el: h(
      "section",
      { class: "ended-debrief", "aria-labelledby": "over-title" },
      h("h3", { id: "over-title", tabindex: -1 }, t("start.over.fac.title", { title: got.value.game.scenario.title })),
      h("p", { class: "muted small" }, t("start.over.fac.done")),
      box.el,
    ),
  };
}
