/**
 * The archive: every game this browser's facilitator keys opened, newest first, grouped by
 * scenario, with each game's status and table outcome, its report, metrics, log, exit tickets
 * and gradebook and replay (what the facilitator's end screen offers), and a way to pick two or more games of one scenario to compare. A key from another computer
 * can be added here (it stays in this browser).
 */
import type { ArchiveEntry } from "../../../shared/protocol/debrief.ts";
import { typedKey } from "../../../shared/protocol/messages.ts";
import { t, tn } from "../../i18n/index.ts";
import { byScenario, compareCheck, distinctKeys, entryOutcome, entryStatus, mergeArchives, type KeyedEntry } from "../../model/archive.ts";
import { archive } from "../../net/debrief.ts";
import { addExtraKey, extraKeys, rememberedKeys } from "../../net/key-ring.ts";
import type { SessionMemory } from "../../net/session-memory.ts";
import { fetchCsv } from "../../net/class-api.ts";
import { moment } from "../../model/format.ts";
import { h, replace, saveFile, status } from "../dom.ts";
import { failure, loading, pageShell } from "../pages/page-shell.ts";
import { TicketLinks } from "../debrief/ticket-links.ts";

type Deps = { memory: SessionMemory; storage: Pick<Storage, "getItem" | "setItem" | "length" | "key"> };

export async function mountArchivePage(root: HTMLElement, deps: Deps) {
  const main = pageShell(root, t("archive.title"));
  const list = h("div", { class: "archive-list" });
  const keyForm = addKeyForm(deps, () => void load());
  replace(main, h("div", { class: "page-head" }, h("h1", {}, t("archive.title")), h("p", { class: "muted" }, t("archive.intro"))), list, keyForm);

  async function load() {
    loading(list);
    const keys = distinctKeys([...rememberedKeys(deps.storage), ...extraKeys(deps.storage).map((key) => ({ code: "", key }))]);
    if (!keys.length) return replace(list, h("div", { class: "card" }, h("p", {}, t("archive.noKeys")), h("p", {}, h("a", { href: "/", class: "button primary" }, t("archive.create")))));
    const replies = await Promise.all(keys.map(async (key) => ({ key, r: await archive(key) })));
    const ok = replies.flatMap(({ key, r }) => (r.ok ? [{ key, games: r.value.games }] : []));
    const failed = replies.filter(({ r }) => !r.ok && r.status !== 403).map(({ r }) => (r.ok ? "" : r.message));
    const entries = mergeArchives(ok);
    // Remember which key opens each game, so its replay and comparisons work from this browser.
    for (const e of entries) if (!deps.memory.get(e.code).facilitator) deps.memory.update(e.code, { facilitator: { key: e.key } });
    if (!entries.length) return failed.length ? failure(list, failed[0]!) : replace(list, h("div", { class: "card" }, h("p", {}, t("archive.empty"))));
    render(entries, failed);
  }

  function render(entries: KeyedEntry[], failed: string[]) {
    const selected = new Set<string>();
    const why = h("p", { class: "status", id: "archive-why", "aria-live": "polite" });
    const compare = h("button", { type: "button", class: "primary", id: "archive-compare", disabled: true }, t("archive.compare"));
    const sync = () => {
      const check = compareCheck(entries, [...selected]);
      compare.disabled = !check.ok;
      why.textContent = check.ok ? t("archive.compare.ready", { count: selected.size }) : check.reason;
      why.className = "status";
    };
    compare.addEventListener("click", () => {
      const codes = entries.filter((e) => selected.has(e.code)).map((e) => e.code);
      window.location.assign(`/compare/${codes.join("+")}`);
    });
    const row = (e: KeyedEntry) => {
      const box = h("input", { type: "checkbox", id: `pick-${e.code}`, disabled: e.status === "lobby" });
      box.addEventListener("change", () => {
        if (box.checked) selected.add(e.code);
        else selected.delete(e.code);
        sync();
      });
      // The server's links carry a ticket (never the key); a click after it runs out buys another.
      const links = new TicketLinks(e.code, e.key, (message) => status(why, message, "error"), e);
      return h(
        "tr",
        { id: `game-${e.code}` },
        h("td", {}, box, h("label", { for: box.id, class: "sr-only" }, t("archive.pick", { code: e.code }))),
        h("th", { scope: "row" }, h("code", {}, e.code), forkNote(e)),
        h("td", {}, entryStatus(e)),
        // A game still running has no outcome yet: its count so far is not coloured as met or missed (as on the compare page).
        h("td", { class: e.outcome && e.status === "finished" ? (e.outcome.met ? "outcome-met" : "outcome-missed") : "" }, entryOutcome(e)),
        h("td", { class: "small" }, moment(e.createdAt)),
        h(
          "td",
          { class: "actions small" },
          links.link("html", { target: "_blank", rel: "noopener", id: `report-${e.code}` }, t("archive.report")),
          links.link("csv", {}, t("archive.csv")),
          links.link("logDownload", { download: `chokepoint-${e.code}-log.json` }, t("archive.log")),
          e.status !== "lobby" ? gradebookButton(e, why) : null,
          e.status !== "lobby" ? h("a", { href: `/${e.code}/replay`, id: `replay-${e.code}` }, t("archive.replay")) : null,
          e.status !== "finished" ? h("a", { href: `/${e.code}`, id: `open-${e.code}` }, t("archive.open")) : null,
        ),
      );
    };
    replace(
      list,
      failed.length ? h("p", { class: "status status-error", role: "alert" }, failed[0]!) : null,
      h("div", { class: "compare-bar card" }, compare, why),
      ...byScenario(entries).map((g) =>
        h(
          "section",
          { class: "card archive-group", "aria-labelledby": `sc-${g.id}` },
          h("h2", { id: `sc-${g.id}` }, g.title, h("span", { class: "muted small" }, ` · ${tn("archive.games", g.games.length)}`)),
          h(
            "table",
            { class: "archive-table" },
            h(
              "thead",
              {},
              h(
                "tr",
                {},
                h("th", { scope: "col" }, h("span", { class: "sr-only" }, t("archive.col.pick"))),
                h("th", { scope: "col" }, t("archive.col.code")),
                h("th", { scope: "col" }, t("archive.col.status")),
                h("th", { scope: "col" }, t("archive.col.outcome")),
                h("th", { scope: "col" }, t("archive.col.created")),
                h("th", { scope: "col" }, t("archive.col.open")),
              ),
            ),
            h("tbody", {}, ...g.games.map(row)),
          ),
        ),
      ),
    );
    sync();
  }

  await load();
}

/**
 * The exit tickets' answers and each player's results, one row a student (docs/TEACHING.md "Exit
 * ticket and gradebook"), as the end screen's debrief offers them: the key goes in a header, and
 * the server checks it.
 */
function gradebookButton(e: KeyedEntry, msg: HTMLElement) {
  const name = `chokepoint-${e.code}-gradebook.csv`;
  const button = h("button", { type: "button", class: "link", id: `gradebook-${e.code}` }, t("archive.gradebook"));
  button.addEventListener("click", async () => {
    button.disabled = true;
    const got = await fetchCsv(`/api/games/${encodeURIComponent(e.code)}/gradebook.csv`, e.key);
    button.disabled = false;
    if (!got.ok) return status(msg, t("class.export.failed", { message: got.problem }), "error");
    saveFile(name, got.file);
    status(msg, t("class.export.done", { name }), "ok");
  });
  return button;
}

function forkNote(e: ArchiveEntry) {
  return e.forkedFrom ? h("span", { class: "muted small block" }, t("archive.forked", { code: e.forkedFrom.code, round: e.forkedFrom.round })) : null;
}

function addKeyForm(deps: Deps, reload: () => void) {
  const input = h("input", { id: "archive-key", type: "text", autocomplete: "off", spellcheck: "false", size: 30 });
  const msg = h("p", { class: "status", "aria-live": "polite" });
  const form = h(
    "form",
    { class: "field inline" },
    h("label", { for: "archive-key" }, t("archive.key")),
    input,
    h("button", { type: "submit", id: "archive-key-add" }, t("archive.key.add")),
  );
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const key = typedKey(input.value);
    if (key.length < 8) return status(msg, t("archive.key.short"), "error");
    const r = await archive(key);
    if (!r.ok) return status(msg, r.message, "error");
    addExtraKey(deps.storage, key);
    input.value = "";
    status(msg, tn("archive.key.added", r.value.games.length), "ok");
    reload();
  });
  return h("details", { class: "card add-key" }, h("summary", {}, t("archive.key.title")), h("p", { class: "muted small" }, t("archive.key.intro")), form, msg);
}
