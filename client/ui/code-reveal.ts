/**
 * A rejoin code takes its seat: whoever reads it can. A console is often on the projector (the
 * class console, a table's console opened from it), so each code stays hidden behind a "Show
 * code" button until the facilitator shows the one a person needs, and it hides again at a
 * second press or when another is shown: one code in sight at a time.
 */
import { t } from "../i18n/index.ts";
import { h } from "./dom.ts";

export class CodeReveal {
  private shown?: string;

  /** `redraw` draws the rows again (a row's signature holds `isShown`, so the pressed ones change). */
  constructor(private redraw: () => void) {}

  isShown(key: string) {
    return this.shown === key;
  }

  /**
   * A code's cell: "—" without a code, else a button (with the code before it while shown).
   * `key` names the code (its seat or student), `name` whose it is for a screen reader, `id` the
   * button's, where the keyboard's place stays across the redraw.
   */
  cell({ key, code, name, id }: { key: string; code: string | undefined; name: string; id: string }): Node | string {
    if (!code) return "—";
    const shown = this.isShown(key);
    const onclick = () => {
      this.shown = shown ? undefined : key;
      this.redraw();
      document.getElementById(id)?.focus();
    };
    const button = h("button", { type: "button", class: "link", id, "aria-pressed": String(shown), "aria-label": t(shown ? "fac.rejoin.hide.label" : "fac.rejoin.show.label", { name }), onclick }, t(shown ? "fac.rejoin.hide" : "fac.rejoin.show"));
    return shown ? h("span", { class: "code-reveal" }, h("code", {}, code), " ", button) : button;
  }
}
