/**
 * "I have a rejoin code": a student on another device (a phone that died, a new browser) takes
 * back their own seat, name and ministries with the seat's rejoin code, which the facilitator
 * reads in the table's console or the class console's roster, instead of joining as a second
 * person. The join keeps the seat's token as any join does (client/net/connection.ts), and a
 * wrong code is refused by the server, which counts it as a guess (docs/PROTOCOL.md).
 */
import type { JoinOptions } from "../../shared/protocol/messages.ts";
import { t } from "../i18n/index.ts";
import { isCode, normalizeCode } from "../model/route.ts";
import { h, requiredText, status } from "./dom.ts";

type Enter = (code: string, options: JoinOptions) => Promise<{ ok: true } | { ok: false; message: string }>;

/** `games`: the game looked up, or a class's tables (the student picks theirs). */
export function rejoinOption(enter: Enter, games: { code: string; label: string }[], name = ""): HTMLElement {
  const table = h("select", { id: "rejoin-table" }, ...games.map((g) => h("option", { value: g.code }, g.label)));
  const code = h("input", { id: "rejoin-code", autocomplete: "off", autocapitalize: "characters", spellcheck: "false", maxlength: 8, class: "code-input" });
  const who = h("input", { id: "rejoin-name", autocomplete: "nickname", maxlength: 40, value: name });
  const msg = h("p", { class: "status", role: "status" });
  const submit = h("button", { type: "submit", class: "primary", id: "rejoin-submit" }, t("rejoin.submit"));
  const field = (text: string, control: HTMLElement) => h("div", { class: "field" }, h("label", { for: control.id }, text), control);
  const form = h(
    "form",
    { class: "rejoin-form", novalidate: true },
    h("p", { class: "hint" }, t("rejoin.intro")),
    games.length > 1 ? field(t("rejoin.table"), table) : null,
    field(t("rejoin.code"), code),
    field(t("start.name"), who),
    submit,
    msg,
  );
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const rejoinCode = normalizeCode(code.value);
    if (!isCode(rejoinCode)) {
      code.focus();
      return status(msg, t("rejoin.badFormat"), "error");
    }
    const person = requiredText(who, msg, t("error.name"));
    if (!person) return;
    submit.disabled = true;
    status(msg, t("start.joining"));
    const joined = await enter(table.value, { as: "player", name: person, rejoinCode });
    submit.disabled = false;
    if (!joined.ok) status(msg, t("error.joinFailed", { message: joined.message }), "error");
  });
  return h("details", { class: "rejoin-open", id: "rejoin-open" }, h("summary", {}, t("rejoin.summary")), form);
}
