/**
 * The replay viewer's data: the board at the start and at the end of every round. The
 * observer's board (anyone with the code, or a share link) names nobody who held a seat: its
 * news are told as the public report tells them (report.ts `namelessNews`), and its deals' steps
 * and chat lines keep a team's ministry without the person's name.
 */
import { viewFor } from "../../shared/engine/views.ts";
import type { AgreementStep, Message } from "../../shared/engine/types.ts";
import type { ReplayFrame, ReplayReply } from "../../shared/protocol/debrief.ts";
import type { Analysis } from "./analysis.ts";
import { namelessNews, statusOf } from "./report.ts";
import { ref, text } from "../../shared/engine/text.ts";

/** A deal whose steps name no person: a minister of a team keeps their ministry (shared/engine/types.ts `AgreementStep`). */
function namelessSteps<A extends { steps: readonly AgreementStep[] }>(a: A): A {
  return a.steps.some((s) => s.name) ? { ...a, steps: a.steps.map(({ name: _name, ...step }) => step) } : a;
}

/** A line without its writer's name (a team game's): the seat and ministries stay. */
function namelessLine(m: Message): Message {
  if (!m.from.name) return m;
  const { name: _name, ...from } = m.from;
  return { ...m, from };
}

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
      view: viewer === "facilitator" ? view : { ...view, news: view.news.map((n) => ({ ...n, text: namelessNews(n.text) })), agreements: view.agreements.map(namelessSteps), messages: view.messages.map(namelessLine) },
    });
  });
  return { code, viewer, status: statusOf(analysis.final), frames };
}
