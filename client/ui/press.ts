/**
 * Redraws wait while a control is held down.
 *
 * Chromium fires no click when the control pressed is taken out of the page between the press
 * and the release, even if it is put back. A panel redrawn by a state patch in that moment does
 * exactly that, so in a busy game (bots acting several times a second, the facilitator seeing
 * every move) a player's "Sign" or the facilitator's "Announce the ruling" could be lost. So a
 * screen that redraws on updates asks `whenReleased`: it runs now, or once the control is let go
 * (after the click that release makes). A press held on purpose frees the screen after
 * HOLD_MAX_MS, so updates are never held back for long.
 */

/** What a press can click: buttons, links, form controls and their labels, ARIA widgets. */
const CONTROL = "button, a[href], label, input, select, textarea, summary, [role=button], [role=tab], [role=radio], [role=checkbox], [role=menuitem], [role=option]";
/** Keys that click a focused control on their release (Enter clicks on the press itself). */
const CLICKS_ON_RELEASE = new Set([" ", "Spacebar"]);
const HOLD_MAX_MS = 1500;

let held = false;
let timer: ReturnType<typeof setTimeout> | undefined;
const waiting = new Set<() => void>();

const onControl = (target: EventTarget | null) => target instanceof Element && target.closest(CONTROL) !== null;

function hold() {
  held = true;
  clearTimeout(timer);
  timer = setTimeout(letGo, HOLD_MAX_MS);
}

function letGo() {
  if (!held) return;
  held = false;
  clearTimeout(timer);
  // The release's own click is dispatched in the same task as the release: run after it.
  setTimeout(flush, 0);
}

function flush() {
  if (held) return;
  const due = [...waiting];
  waiting.clear();
  for (const fn of due) fn();
}

// Listening from the moment the module loads: a press before the first redraw counts too.
if (typeof document !== "undefined") {
  document.addEventListener("pointerdown", (e) => onControl(e.target) && hold(), true);
  // A key held down repeats its keydown: only the first one starts the hold, so it still ends in time.
  document.addEventListener("keydown", (e) => !e.repeat && CLICKS_ON_RELEASE.has(e.key) && onControl(e.target) && hold(), true);
  for (const type of ["pointerup", "pointercancel", "keyup", "dragend"]) window.addEventListener(type, letGo, true);
  window.addEventListener("blur", letGo);
}

/** True while a control is pressed (and not yet released or timed out). */
export function controlHeld(): boolean {
  return held;
}

/** Runs `fn` now, or once the control held down is let go; the same `fn` waiting twice runs once. */
export function whenReleased(fn: () => void) {
  if (held) waiting.add(fn);
  else fn();
}

/** Forgets a waiting `fn` (its screen is gone). */
export function forgetWaiting(fn: () => void) {
  waiting.delete(fn);
}

/**
 * A screen's redraw: at most once a frame, and never under a control being pressed. `schedule`
 * asks for one; `cancel` drops what is pending (the screen is gone).
 */
export function frameRedraw(draw: () => void) {
  let frame = 0;
  const schedule = () => {
    if (frame) return;
    frame = requestAnimationFrame(() => {
      frame = 0;
      if (controlHeld()) return whenReleased(schedule);
      draw();
    });
  };
  const cancel = () => {
    cancelAnimationFrame(frame);
    frame = 0;
    forgetWaiting(schedule);
  };
  return { schedule, cancel };
}

/**
 * A control that changes its meaning in place ("go on" becoming "I'm done negotiating", "End the
 * event" becoming "End the negotiation" when the clock moves the phase) ignores presses for a
 * moment after the change, shown disabled: a press aimed at the old meaning must not land on the
 * new one. Not for a control that appears where there was none.
 */
export class Settling {
  private key = "";
  private until = 0;
  constructor(private ms = 1200) {}

  /** How many ms the control meaning `key` ("" while none is shown) still ignores presses. */
  left(key: string, now = performance.now()): number {
    if (key !== this.key) {
      this.until = this.key && key ? now + this.ms : 0;
      this.key = key;
    }
    return Math.max(0, this.until - now);
  }
}
