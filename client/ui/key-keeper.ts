/**
 * "Keep your key": shown once, when a facilitator creates a game or a teacher a class. The key
 * is the only way back into the game's console, report and archive (or the class console and
 * every table's) from another computer, and it never travels in a link, so it is copied or
 * downloaded with the codes as a small text file made in the browser. The laptop that creates
 * the game is often the one on the projector, so the key comes masked: "Show the key" shows it
 * to be copied by hand, and the copy and the download need no showing.
 */
import { t, tn } from "../i18n/index.ts";
import { keyGroups } from "../../shared/protocol/messages.ts";
import { announce, h, status } from "./dom.ts";

type Continue = () => Promise<{ ok: true } | { ok: false; message: string }>;

/** What the screen says: a game's facilitator key, or a class's key with its tables' codes. */
export type KeptFor = { kind: "game"; code: string; readsPrivate: boolean } | { kind: "class"; code: string; tables: readonly string[] };

/**
 * Copies `text`: the Clipboard API, which a page served over plain HTTP on a school network
 * (http://192.168.…, not localhost) does not have, then the older copy command on a hidden field.
 */
async function copied(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const field = h("textarea", { class: "sr-only", "aria-hidden": "true", readonly: "" }) as HTMLTextAreaElement;
    field.value = text;
    document.body.append(field);
    field.select();
    try {
      return document.execCommand("copy");
    } catch {
      return false;
    } finally {
      field.remove();
    }
  }
}

export function keyKeeper(kept: KeptFor, key: string, onContinue: Continue): HTMLElement {
  const { code } = kept;
  const game = kept.kind === "game";
  const msg = h("p", { class: "status", "aria-live": "polite" });
  // In groups of four to be copied by hand; the groups are spaced by style, so a copy or selection is the key alone.
  // Masked, each character is a dot: the key's shape, not the key, is in the page.
  const value = h("code", { id: "key-value", class: "key-value" });
  const reveal = h("button", { type: "button", class: "link", id: "key-show" });
  // The button's words say what it does next; no aria-pressed beside them, or a screen reader
  // would hear "Hide the key, pressed".
  let shown = false;
  const show = (now: boolean) => {
    shown = now;
    value.classList.toggle("masked", !shown);
    // A screen reader hears "Show the key", not a row of dots.
    if (shown) value.removeAttribute("aria-hidden");
    else value.setAttribute("aria-hidden", "true");
    value.replaceChildren(...keyGroups(key).map((g) => h("span", { class: "key-group" }, shown ? g : "•".repeat(g.length))));
    reveal.textContent = t(shown ? "start.key.hide" : "start.key.show");
  };
  show(false);
  reveal.addEventListener("click", () => show(!shown));
  const copy = h("button", { type: "button", id: "key-copy" }, t("start.key.copy"));
  copy.addEventListener("click", async () => {
    if (await copied(key)) {
      status(msg, t("start.key.copied"), "ok");
      announce(t("start.key.copied"));
    } else {
      // Never shown for it: this screen may be on the projector.
      status(msg, t("start.key.copyBlocked"), "error");
    }
  });
  const origin = window.location.origin;
  const text = game ? t("start.key.file", { code, key, origin }) : t("class.key.file", { code, key, origin, tables: kept.tables.join(", ") });
  const file = URL.createObjectURL(new Blob([text], { type: "text/plain;charset=utf-8" }));
  const download = h(
    "a",
    { href: file, download: game ? `chokepoint-${code}-facilitator-key.txt` : `chokepoint-class-${code}-key.txt`, class: "button", id: "key-download" },
    game ? t("start.key.download") : t("class.key.download"),
  );
  const go = h("button", { type: "button", class: "primary", id: "key-continue" }, game ? t("start.key.continue") : t("class.key.continue"));
  go.addEventListener("click", async () => {
    go.disabled = true;
    const entered = await onContinue();
    if (entered.ok) return URL.revokeObjectURL(file);
    go.disabled = false;
    status(msg, t("error.joinFailed", { message: entered.message }), "error");
  });
  const codes = game
    ? [h("dt", {}, t("start.key.code")), h("dd", {}, h("code", { id: "key-code", class: "key-value" }, code))]
    : [
        h("dt", {}, t("class.key.code")),
        h("dd", {}, h("code", { id: "key-code", class: "key-value" }, code)),
        h("dt", {}, t("class.key.tables")),
        h("dd", {}, h("code", { id: "key-tables", class: "key-tables" }, kept.tables.join(" · "))),
      ];
  return h(
    "div",
    { class: "key-keeper", role: "region", "aria-labelledby": "key-title" },
    h("h2", { id: "key-title", tabindex: -1 }, game ? t("start.key.title") : t("class.key.title")),
    h("p", {}, game ? t("start.key.intro", { code }) : tn("class.key.intro", kept.tables.length, { code })),
    // The warning before the key: a laptop mirrored to the projector shows the key the moment it appears.
    h("p", { class: "warn" }, kept.kind === "game" ? t(kept.readsPrivate ? "start.key.warn" : "start.key.warn.private") : t("class.key.warn")),
    h("dl", { class: "key-pair" }, ...codes, h("dt", {}, game ? t("start.key.key") : t("class.key.key")), h("dd", {}, value, " ", reveal)),
    h("div", { class: "actions" }, copy, download, go),
    msg,
  );
}
