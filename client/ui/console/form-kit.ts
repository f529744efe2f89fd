/**
 * Small pieces the console's forms share: a labelled field that can show its problem under it
 * (found by the problem's key), a status line that says a server refusal plainly, and a card's
 * effects as its lists show them.
 */
import { cardEffectLines, type Named, type Problems } from "../../model/inject.ts";
import { errorText, t, tn } from "../../i18n/index.ts";
import type { FacilitatorCommand } from "../../../shared/protocol/messages.ts";
import type { UiContext } from "../context.ts";
import { announce, h, status } from "../dom.ts";

/** A field wrapper: label, control, and a slot for its problem (`data-problem` = the problem's key). */
export function field(key: string, text: string, control: HTMLElement, options: { inline?: boolean; hint?: string } = {}) {
  return h(
    "div",
    { class: `field${options.inline ? " inline" : ""}`, "data-problem": key },
    h("label", { for: control.id }, text),
    control,
    options.hint ? h("span", { class: "hint" }, options.hint) : null,
  );
}

/**
 * Shows each problem under its field (and clears the others); returns how many there were.
 * The first field with a problem gets the focus when `focus` is set.
 */
export function markProblems(container: HTMLElement, problems: Problems, focus = false): number {
  let first: HTMLElement | undefined;
  for (const wrap of container.querySelectorAll<HTMLElement>("[data-problem]")) {
    const key = wrap.dataset.problem!;
    const text = problems[key];
    const control = wrap.querySelector<HTMLElement>("input, select, textarea");
    let slot = wrap.querySelector<HTMLElement>(":scope > .field-error");
    wrap.classList.toggle("invalid", !!text);
    if (!text) {
      slot?.remove();
      control?.removeAttribute("aria-invalid");
      continue;
    }
    if (!slot) {
      slot = h("p", { class: "field-error", id: `${control?.id ?? key.replace(/\W/g, "-")}-problem` });
      wrap.append(slot);
    }
    slot.textContent = text;
    if (control) {
      control.setAttribute("aria-invalid", "true");
      control.setAttribute("aria-describedby", slot.id);
      first ??= control;
    }
  }
  if (focus && first) first.focus();
  return Object.keys(problems).length;
}

/** A refusal from the server, said as it came (its code stripped), or the form's own count of problems. */
/** Sends a facilitator's command: its refusal, or `done`, said under the control in `msg` (and `done` to screen readers). Whether it was accepted. */
export async function sendCommand(ctx: Pick<UiContext, "conn">, command: FacilitatorCommand, done: string, msg: HTMLElement): Promise<boolean> {
  const reply = await ctx.conn.facilitator(command);
  if (!reply.ok) {
    refusal(msg, errorText(reply.error));
    return false;
  }
  status(msg, done, "ok");
  announce(done);
  return true;
}

export function refusal(el: HTMLElement, message: string) {
  status(el, refusalText(message), "error");
}

/** A server refusal's words (its code stripped), as `refusal` says them. */
export function refusalText(message: string): string {
  return t("console.refused", { message: message.replace(/^[a-z]+\/[a-z_]+:\s*/, "") });
}

export function problemsSummary(el: HTMLElement, count: number) {
  if (count) status(el, tn("builder.errors", count), "error");
  else el.textContent = "";
}

/** A card's effects, its conditional ones each on a line of its own (`cardEffectLines`). */
export function effectLines(view: Named, card: Parameters<typeof cardEffectLines>[1]): HTMLElement[] {
  return cardEffectLines(view, card).map((line) => h("span", { class: "effect-line small block" }, line));
}
