/**
 * "Keep your facilitator key": shown once, when a facilitator creates a game. The key is the
 * only way back into the game's console, report and archive from another computer (the start
 * page's "I am this game's facilitator"), and it never travels in a link, so the facilitator
 * copies it or downloads it with the code as a small text file made in the browser.
 */
import { t } from "../i18n/index.ts";
import { announce, h, status } from "./dom.ts";

export function keyKeeper(code: string, key: string, onContinue: () => Promise<{ ok: true } | { ok: false; message: string }>): HTMLElement {
  const msg = h("p", { class: "status", "aria-live": "polite" });
  const value = h("code", { id: "key-value", class: "key-value" }, key);
  const copy = h("button", { type: "button", id: "key-copy" }, t("start.key.copy"));
  copy.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(key);
      status(msg, t("start.key.copied"), "ok");
      announce(t("start.key.copied"));
    } catch {
      // No clipboard (an insecure origin, a refusal): the key is selected for a manual copy.
      window.getSelection()?.selectAllChildren(value);
    }
  });
  const text = t("start.key.file", { code, key, origin: window.location.origin });
  const file = URL.createObjectURL(new Blob([text], { type: "text/plain;charset=utf-8" }));
  const download = h("a", { href: file, download: `chokepoint-${code}-facilitator-key.txt`, class: "button", id: "key-download" }, t("start.key.download"));
  const go = h("button", { type: "button", class: "primary", id: "key-continue" }, t("start.key.continue"));
  go.addEventListener("click", async () => {
    go.disabled = true;
    const entered = await onContinue();
    if (entered.ok) return URL.revokeObjectURL(file);
    go.disabled = false;
    status(msg, t("error.joinFailed", { message: entered.message }), "error");
  });
  return h(
    "div",
    { class: "key-keeper", role: "region", "aria-labelledby": "key-title" },
    h("h2", { id: "key-title", tabindex: -1 }, t("start.key.title")),
    h("p", {}, t("start.key.intro", { code })),
    h("dl", { class: "key-pair" }, h("dt", {}, t("start.key.code")), h("dd", {}, h("code", { id: "key-code", class: "key-value" }, code)), h("dt", {}, t("start.key.key")), h("dd", {}, value)),
    h("p", { class: "warn" }, t("start.key.warn")),
    h("div", { class: "actions" }, copy, download, go),
    msg,
  );
}
