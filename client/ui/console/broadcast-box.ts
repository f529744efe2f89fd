/**
 * The facilitator's broadcast: a line to every seat, shown at the top of every player's screen and
 * in their Facilitator channel. It sits on the console's overview, with the clock's controls, since
 * "five minutes left" goes with the pace: under every seat, which comes first (overview-section.ts).
 */
import { t } from "../../i18n/index.ts";
import type { UiContext } from "../context.ts";
import { h, status } from "../dom.ts";
import { sendCommand } from "./form-kit.ts";

export function broadcastBox(ctx: UiContext): HTMLElement {
  const text = h("textarea", { id: "con-broadcast", rows: 2, maxlength: 1000 });
  const msg = h("p", { class: "status", "aria-live": "polite" });
  const form = h(
    "form",
    {},
    h("label", { for: "con-broadcast" }, t("console.broadcast.label")),
    text,
    h("div", { class: "actions" }, h("button", { type: "submit", class: "primary", id: "con-broadcast-send" }, t("fac.broadcast.submit"))),
    msg,
  );
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    if (!text.value.trim()) return status(msg, t("console.broadcast.empty"), "error");
    // The box empties once it went: the line under it says what went out, word for word, so the
    // facilitator can check it was the message they meant (and say it again, aloud, in the room).
    const line = text.value.trim();
    if (await sendCommand(ctx, { type: "broadcast", text: text.value }, t("console.broadcast.sent", { text: line }), msg)) text.value = "";
  });
  return h("section", { class: "console-card", "aria-labelledby": "con-bc-h" }, h("h3", { id: "con-bc-h" }, t("fac.broadcast")), h("p", { class: "muted small" }, t("console.broadcast.intro")), form);
}
