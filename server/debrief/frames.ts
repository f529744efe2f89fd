/**
 * The replay viewer's data: the board at the start and at the end of every round. The
 * observer's board (anyone with the code, or a share link) names nobody who held a seat: its
 * news are told as the public report tells them (report.ts `namelessNews`).
 */
import { viewFor } from "../../shared/engine/views.ts";
import type { ReplayFrame, ReplayReply } from "../../shared/protocol/debrief.ts";
import type { Analysis } from "./analysis.ts";
import { namelessNews, statusOf } from "./report.ts";
import { ref, text } from "../../shared/engine/text.ts";

export function replayFrames(code: string, analysis: Analysis, viewer: "facilitator" | "observer", round?: number): ReplayReply {
  const frames: ReplayFrame[] = [];
  analysis.frames.forEach((f, index) => {
    if (round !== undefined && f.round !== round) return;
    const view = viewFor(f.state, { kind: viewer });
    frames.push({
      index,
      round: f.round,
      kind: f.kind,
      label: text(`frame.${f.kind}`, { round: f.round, phase: ref("phase", f.state.phase) }),
      actions: f.actions,
      view: viewer === "facilitator" ? view : { ...view, news: view.news.map((n) => ({ ...n, text: namelessNews(n.text) })) },
    });
  });
  return { code, viewer, status: statusOf(analysis.final), frames };
}
