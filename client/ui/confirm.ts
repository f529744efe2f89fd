/**
 * The page's own "are you sure?": a modal <dialog> with the question and two buttons, Cancel and
 * the action named in words ("End the game"), in place of the browser's confirm(), which a
 * projector shows as an unstyled box from the browser. The dialog traps the keyboard while open
 * (showModal); Cancel has the focus first, so Enter or Space on an unread dialog ends nothing;
 * Escape cancels; when it closes the focus goes back to the button that asked (or, if a redraw
 * took that away, to where it was before).
 */
import { t } from "../i18n/index.ts";
import { h } from "./dom.ts";

/**
 * Asks `question`; true when the person pressed `yes`. `danger`: the action cannot be undone
 * (ending, removing). `until`: the question no longer stands (the phase it names has ended):
 * the dialog closes as a "no".
 */
export async function confirmAction(question: string, yes: string, from?: HTMLElement | null, danger = true, until?: AbortSignal): Promise<boolean> {
  return (await ask(question, yes, from, danger, until)) !== null;
}

/**
 * Asks `question` with a field for the person's reason, which they may leave empty (`label`
 * says who reads it): the reason ("" when none), or null when they cancelled.
 */
export function confirmWithReason(question: string, yes: string, label: string, from?: HTMLElement | null, danger = true): Promise<string | null> {
  return ask(question, yes, from, danger, undefined, { label });
}

/**
 * Asks `question` with a list (`label`) of `choices`, the first chosen: the value chosen, or null
 * when they cancelled (the class console's "Move" to another table).
 */
export function confirmWithChoice(question: string, yes: string, label: string, choices: readonly { value: string; label: string }[], from?: HTMLElement | null, danger = false): Promise<string | null> {
  return ask(question, yes, from, danger, undefined, { label, choices });
}

/** The dialog: null for "no", else the field's value: the reason's words, the choice ("" without a field). */
function ask(question: string, yes: string, from?: HTMLElement | null, danger = true, until?: AbortSignal, asked?: { label: string; choices?: readonly { value: string; label: string }[] }): Promise<string | null> {
  const before = from ?? (document.activeElement as HTMLElement | null);
  // One question at a time: an older one still open (a second click) is answered "no".
  document.querySelectorAll<HTMLDialogElement>("dialog.confirm").forEach((d) => d.close());
  const cancel = h("button", { type: "button", id: "confirm-no" }, t("confirm.cancel"));
  const go = h("button", { type: "submit", value: "yes", id: "confirm-yes", class: danger ? "danger" : "primary" }, yes);
  const field = !asked
    ? null
    : asked.choices
      ? h("select", { id: "confirm-reason" }, ...asked.choices.map((c) => h("option", { value: c.value }, c.label)))
      : h("textarea", { id: "confirm-reason", rows: "3", maxlength: "300", autocomplete: "off" });
  const dialog = h(
    "dialog",
    { class: "confirm", "aria-labelledby": "confirm-q" },
    h(
      "form",
      { method: "dialog" },
      h("p", { id: "confirm-q" }, question),
      field ? h("label", { for: "confirm-reason", class: "reason-label" }, asked!.label) : null,
      field,
      h("div", { class: "actions" }, cancel, go),
    ),
  );
  cancel.addEventListener("click", () => dialog.close("no"));
  if (until?.aborted) return Promise.resolve(null);
  until?.addEventListener("abort", () => dialog.open && dialog.close("no"), { once: true });
  return new Promise((resolve) => {
    dialog.addEventListener("close", () => {
      const answer = dialog.returnValue === "yes" ? ((field as HTMLTextAreaElement | HTMLSelectElement | null)?.value.trim() ?? "") : null;
      dialog.remove();
      // The asking button may have been drawn anew while the dialog was open (a state patch): its twin by id then.
      const back = before?.isConnected ? before : before?.id ? document.getElementById(before.id) : null;
      back?.focus();
      resolve(answer);
    });
    document.body.append(dialog);
    dialog.showModal();
    // With a reason to give or a choice to make, the field has the focus: Cancel still comes before the action.
    (field ?? cancel).focus();
  });
}
