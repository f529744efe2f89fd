/**
 * The first-game guide: a short card beside the board that walks a newcomer through one
 * round of their first Play-now game (the event, a deal signed with a bot, the review). It
 * can be skipped, and once finished or skipped it never shows again in this browser.
 */
import type { ClientView } from "../../shared/protocol/view.ts";
import { t } from "../i18n/index.ts";
import { firstDeal, guideFinished, guideStep, guideTextKey, guideWanted, STEP_NUMBER, type GuideMemory, type GuideStep } from "../model/guide.ts";
import { readyLabel } from "../model/lobby.ts";
import type { UiContext } from "./context.ts";
import { h, replace, shortBar, stacked } from "./dom.ts";
import { foldButton, showFold } from "./fold.ts";

const KEY = "chokepoint:guide";

function browserMemory(): GuideMemory {
  try {
    const s = window.localStorage;
    return { get: () => s.getItem(KEY), set: (v) => s.setItem(KEY, v) };
  } catch {
    let v: string | null = null;
    return { get: () => v, set: (x) => void (v = x) };
  }
}

/** The ready button the step points at, as the top bar shows it: short where the bar is (client/ui/dom.ts SHORT_BAR_QUERY). */
function buttonLabel(view: ClientView, step: GuideStep): string {
  const phase = step === "event" ? "event" : step === "signed" ? "negotiation" : step === "review" ? "review" : undefined;
  if (!phase) return "";
  return readyLabel({ ...view, phase }, shortBar());
}

export class Guide {
  readonly el = h("aside", { class: "guide", "aria-labelledby": "guide-title", hidden: true });
  private memory = browserMemory();
  private wanted?: boolean;
  private shown?: GuideStep;
  /** The catalog key of the words shown (`guideTextKey`: they can change within a step), and whether the review they point to is open. */
  private said?: string;
  /**
   * On a phone or an upright tablet (client/ui/dom.ts STACKED_QUERY), past the first step, the card
   * folds to two lines of its text and its buttons (it took a quarter of the screen): "Details"
   * shows the text whole and "Skip the guide", and stays so for the next steps.
   */
  private whole = false;
  private folded = "";
  private toggle = foldButton("guide-fold", "guide-text guide-skip", () => ((this.whole = !this.whole), this.fold()));

  constructor(private ctx: UiContext) {}

  private finish() {
    guideFinished(this.memory);
    this.wanted = false;
    this.el.hidden = true;
  }

  /** `tab`: the tab the game screen shows (a step offers to open the review or the Deals tab only where it is not open). */
  render(view: ClientView, tab?: string) {
    if (this.wanted === undefined) {
      if (view.viewer.kind !== "seat" || view.phase === "lobby") return;
      const quick = this.ctx.memory.quickGame(this.ctx.code);
      this.wanted = guideWanted(this.memory, this.ctx.code, quick && view.round <= 1);
    }
    if (!this.wanted) return;
    this.ctx.conn.need("deals"); // a bot's refusal of my offer is a deal that left the room state
    const step = guideStep(view);
    // Past its last card (the next round's talks, the end screen): the guide has nothing left to say.
    if (!step) return this.shown ? this.finish() : undefined;
    this.fold();
    // The words follow the state within a step too (offers arriving once a deal is signed).
    const touch = window.matchMedia("(pointer: coarse)").matches;
    const key = guideTextKey(view, step, touch);
    // A proposal opens the Deals tab (deal-builder.ts): steps 3 and 4 offer "Open Deals" only while another tab is shown.
    const dealsOpen = tab === "deals";
    const said = `${key}:${step === "review" && tab === "review"}:${(step === "waiting" || step === "signed") && dealsOpen}`;
    if (step === this.shown && said === this.said) return;
    this.shown = step;
    this.said = said;
    this.el.hidden = false;
    // A deal this seat can make: a pact with an ally, or a supply deal where it has no ally.
    const deal = firstDeal(view) ?? { type: "screening" as const };
    const propose = (primary: boolean) =>
      h(
        "button",
        { type: "button", class: primary ? "primary" : undefined, id: "guide-propose", onclick: (e: Event) => this.ctx.openBuilder({ type: deal.type, start: deal.start }, e.currentTarget as HTMLElement) },
        t(deal.type === "supply" ? "guide.proposeButton.supply" : "guide.proposeButton"),
      );
    const deals = (primary: boolean) => h("button", { type: "button", class: primary ? "primary" : undefined, id: "guide-deals", onclick: () => this.ctx.selectTab("deals") }, t("guide.dealsButton"));
    const review = () => h("button", { type: "button", id: "guide-review", onclick: () => this.ctx.selectTab("review") }, t("guide.reviewButton"));
    const close = () => h("button", { type: "button", class: "primary", id: "guide-close", onclick: () => this.finish() }, t("guide.close"));
    const actions: Record<GuideStep, () => HTMLElement[]> = {
      event: () => [],
      // Proposing keeps its place from the step before: a bot's offer arriving under a finger must not put another button there.
      offer: () => [propose(false), deals(true)],
      propose: () => [propose(true)],
      declined: () => [propose(true)],
      waiting: () => (dealsOpen ? [] : [deals(false)]),
      signed: () => (key.startsWith("guide.signed.pending") && !dealsOpen ? [deals(true)] : []),
      review: () => (tab === "review" ? [] : [review()]),
      done: () => [close()],
    };
    replace(
      this.el,
      h("p", { class: "guide-head" }, h("strong", { id: "guide-title" }, t("guide.title")), h("span", { class: "muted small" }, t("guide.step", { n: STEP_NUMBER[step], of: 5 }))),
      h("p", { class: "guide-text", id: "guide-text", "aria-live": "polite" }, t(key, { button: buttonLabel(view, step) })),
      this.toggle,
      h("div", { class: "actions" }, ...actions[step](), step === "done" ? null : h("button", { type: "button", class: "link", id: "guide-skip", onclick: () => this.finish() }, t("guide.skip"))),
    );
    this.fold();
  }

  /** Folded, the text stays in the page (clipped to two lines, client/phone.css): a screen reader still reads it whole. */
  private fold() {
    const foldable = stacked() && !!this.shown && this.shown !== "event";
    const whole = !foldable || this.whole;
    const state = `${this.shown}:${foldable}:${whole}`;
    if (state === this.folded) return;
    this.folded = state;
    showFold(this.el, this.toggle, foldable, whole, ["guide-skip"]);
  }
}
