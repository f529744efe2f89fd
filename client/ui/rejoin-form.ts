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

type Enter = (code: string, options: JoinOptions) => Promise<{ ok: true } | { ok: false; message: string; code?: string }>;

/**
 * `games`: the game looked up, or a class's tables (the student picks theirs). `host`: whose page
 * the form is on, which names who gives out the codes (a class's teacher, a game's facilitator);
 * `teams`: whether a seat holds one ministry of a country's team.
 */
export function rejoinOption(enter: Enter, games: { code: string; label: string }[], host: { kind: "class" | "game"; teams: boolean }, name = ""): HTMLElement {
  const who = { who: t(host.kind === "class" ? "rejoin.who.class" : "rejoin.who.game") };
  const checkWith = (sentence: string) => sentence + t("misc.sentenceJoin") + t("rejoin.check", who);
  const table = h("select", { id: "rejoin-table" }, ...games.map((g) => h("option", { value: g.code }, g.label)));
  const code = h("input", { id: "rejoin-code", autocomplete: "off", autocapitalize: "characters", spellcheck: "false", maxlength: 8, class: "code-input" });
  const person = h("input", { id: "rejoin-name", autocomplete: "nickname", maxlength: 40, value: name });
  const msg = h("p", { class: "status", role: "status" });
  const submit = h("button", { type: "submit", class: "primary", id: "rejoin-submit" }, t("rejoin.submit"));
  const field = (text: string, control: HTMLElement) => h("div", { class: "field" }, h("label", { for: control.id }, text), control);
  const form = h(
    "form",
    { class: "rejoin-form", novalidate: true },
    h("p", { class: "hint" }, t(host.teams ? "rejoin.introTeams" : "rejoin.intro", who)),
    games.length > 1 ? field(t("rejoin.table"), table) : null,
    field(t("rejoin.code"), code),
    field(t("start.name"), person),
    submit,
    msg,
  );
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const rejoinCode = normalizeCode(code.value);
    if (!isCode(rejoinCode)) {
      code.focus();
      return status(msg, checkWith(t("rejoin.badFormat")), "error");
    }
    const named = requiredText(person, msg, t("error.name"));
    if (!named) return;
    submit.disabled = true;
    status(msg, t("start.joining"));
    const joined = await enter(table.value, { as: "player", name: named, rejoinCode });
    submit.disabled = false;
    if (!joined.ok) status(msg, t("error.joinFailed", { message: joined.code === "auth/bad_rejoin_code" ? checkWith(joined.message) : joined.message }), "error");
  });
  return h("details", { class: "rejoin-open", id: "rejoin-open" }, h("summary", {}, t("rejoin.summary")), form);
}
