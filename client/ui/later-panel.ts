/**
 * A tab's panel whose code is loaded only by those who need it, so it stays off the JS a player
 * downloads to reach the board (docs/PERFORMANCE.md, "Panels loaded when needed"): the
 * facilitator's console (loaded as soon as the viewer is known to be the facilitator, not when
 * the tab opens, because the console watches every view from the start to know what each seat
 * did last) and the end screen (loaded from the last round on). Until it is here the tab says it
 * is loading; a failed load says so and is tried again at the next render.
 */
import type { ClientView } from "../../shared/protocol/view.ts";
import { t } from "../i18n/index.ts";
import type { Panel } from "./context.ts";
import { h, replace } from "./dom.ts";

export class LaterPanel implements Panel {
  /** Holds the panel once it is here; `display: contents` leaves the panel's own box where a tab's panel goes. */
  readonly el = h("div", { class: "later-panel", style: "display: contents" }, h("p", { class: "loading" }, t("app.loading")));
  private panel?: Panel;
  private loading?: Promise<void>;

  constructor(
    private load: () => Promise<Panel>,
    private view: () => ClientView | undefined,
  ) {}

  /** Loads the panel (once; again after a failure). */
  prepare(): void {
    this.loading ??= this.load().then(
      (panel) => {
        this.panel = panel;
        replace(this.el, panel.el);
        const view = this.view();
        if (view && this.el.isConnected) panel.render(view);
      },
      (e: unknown) => {
        console.error(e);
        this.loading = undefined;
        replace(this.el, h("p", { class: "status status-error", role: "alert" }, t("tab.unavailable")));
      },
    );
  }

  render(view: ClientView): void {
    if (this.panel) this.panel.render(view);
    else this.prepare();
  }

  shown(): void {
    this.panel?.shown?.();
  }
}
