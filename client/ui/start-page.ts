/**
 * The start page: create a game (scenario, length, settings) or join one with its code (name,
 * a free seat and ministries, or watching). Errors are said in plain words next to the form.
 */
import { EVENT_SECONDS, REVIEW_SECONDS, type CreateGameRequest, type JoinOptions, type LobbyInfo, typedKey } from "../../shared/protocol/messages.ts";
import { ROLES, type Role } from "../../shared/engine/vocabulary.ts";
import { label, list, t, tn } from "../i18n/index.ts";
import { createGame, isClassCode, listScenarios, lobbyInfo } from "../net/http.ts";
import type { Remembered, SessionMemory } from "../net/session-memory.ts";
import { codeError, isCode, normalizeCode } from "../model/route.ts";
import { CLASSROOM_SCENARIO, defaultScenario, gameLength, playNowRequest, redCellWords, seatChoices } from "../model/lobby.ts";
import { h, replace, requiredText, status, type Child } from "./dom.ts";
import { languageSwitch } from "./language.ts";
import { renderClassJoin, renderCreateClass, type ClassFormDeps } from "./class/class-forms.ts";
import { classInfo, placeToken } from "../net/class-api.ts";
import { keyKeeper } from "./key-keeper.ts";
import { rejoinOption } from "./rejoin-form.ts";

export type StartDeps = {
  /** Joins and switches to the game screen; resolves with an error sentence on failure. */
  enter(code: string, options: JoinOptions): Promise<{ ok: true } | { ok: false; message: string; code?: string }>;
  remembered(code: string): Remembered;
  rememberFacilitator(code: string, key: string, created?: CreateGameRequest): void;
  forgetFacilitator(code: string): void;
  resume(code: string): void;
  /** Opens the class's link going straight on to this browser's table, in place of this page in the browser's history (a page that sends its reader on). */
  sendToClass(code: string): void;
  /** This browser's games: a finished game's debrief keeps its facilitator's key here. */
  memory: SessionMemory;
  /** Class mode: a class code at the join box, and the teacher's "Create a class". */
  classes?: ClassFormDeps;
};

export function mountStartPage(root: HTMLElement, deps: StartDeps, prefill?: string) {
  const joinBox = h("section", { class: "card start-join", "aria-labelledby": "join-title" });
  const howTo = h("a", { href: "/how-to-play", id: "start-how", class: "button" }, t("howto.link"));
  // A /CODE link is an invitation to that game: its join form alone, the rest one tap away.
  if (prefill && isCode(prefill)) {
    replace(
      root,
      h(
        "div",
        { class: "start start-invited" },
        h("header", { class: "start-head" }, languageSwitch(), h("h1", {}, t("app.title")), h("p", { class: "tagline" }, t("app.tagline"))),
        h("main", { id: "main", class: "start-grid" }, joinBox),
        h("p", { class: "start-more" }, h("a", { href: "/", id: "start-home" }, t("start.other")), " · ", howTo),
      ),
    );
    renderJoin(joinBox, deps, prefill);
    return;
  }
  const quickBox = h("section", { class: "card start-quick", "aria-labelledby": "quick-title" });
  const createBox = h("section", { class: "card start-create", "aria-labelledby": "create-title" });
  const classBox = deps.classes ? h("section", { class: "card start-class", "aria-labelledby": "class-create-title" }) : null;
  replace(
    root,
    h(
      "div",
      { class: "start" },
      h("header", { class: "start-head" }, languageSwitch(), h("h1", {}, t("app.title")), h("p", { class: "tagline" }, t("app.tagline")), h("p", { class: "start-more" }, howTo)),
      h("main", { id: "main", class: "start-grid" }, quickBox, joinBox, createBox, classBox),
    ),
  );
  renderJoin(joinBox, deps, prefill);
  void renderCreate(createBox, deps);
  if (classBox && deps.classes) void renderCreateClass(classBox, deps.classes);
  void renderQuick(quickBox, deps);
}

// ---- Play now --------------------------------------------------------------------------

/** One click to a running game: a quick game of the short classroom scenario, me in one seat, bots in the others. */
async function renderQuick(box: HTMLElement, deps: StartDeps) {
  const result = await listScenarios();
  const s = result.ok ? result.value.find((x) => x.id === CLASSROOM_SCENARIO) : undefined;
  if (!s) return box.remove();
  const name = h("input", { id: "quick-name", type: "text", maxlength: 40, autocomplete: "nickname", required: true });
  const seat = h("select", { id: "quick-seat" }, ...s.seats.map((x) => h("option", { value: x.id }, x.name)));
  const msg = h("p", { class: "status", "aria-live": "polite" });
  const submit = h("button", { type: "submit", class: "primary", id: "quick-play" }, t("start.quick.submit"));
  const form = h("form", { novalidate: true }, field(t("start.name"), name), field(t("start.seat"), seat), submit, msg);
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const who = name.value.trim();
    if (!who) return status(msg, `${t("start.name")}${t("misc.colon")}${t("invalid.required")}`, "error");
    submit.disabled = true;
    status(msg, t("start.quick.busy"));
    const request = playNowRequest(s);
    const created = await createGame(request);
    if (!created.ok) {
      submit.disabled = false;
      return status(msg, t("error.server", { message: created.message }), "error");
    }
    deps.rememberFacilitator(created.value.code, created.value.facilitatorKey, request);
    const joined = await deps.enter(created.value.code, { as: "player", name: who, seat: seat.value });
    if (!joined.ok) {
      submit.disabled = false;
      status(msg, t("error.joinFailed", { message: joined.message }), "error");
    }
  });
  const minutes = Math.round(s.timers.negotiationSeconds / 60);
  replace(box, h("h2", { id: "quick-title" }, t("start.quick.title")), h("p", { class: "muted" }, t("start.quick.intro", { title: s.title, rounds: s.rounds, minutes })), form);
}

// ---- Create ----------------------------------------------------------------------------

async function renderCreate(box: HTMLElement, deps: StartDeps) {
  replace(box, h("h2", { id: "create-title" }, t("start.create.title")), h("p", {}, t("app.loading")));
  const result = await listScenarios();
  if (!result.ok) {
    const msg = h("p", {});
    status(msg, result.message, "error");
    replace(box, h("h2", { id: "create-title" }, t("start.create.title")), msg);
    return;
  }
  const scenarios = result.value;
  if (!scenarios.length) {
    replace(box, h("h2", { id: "create-title" }, t("start.create.title")), h("p", {}, t("start.noScenarios")));
    return;
  }
  // It starts on the classroom scenario, as "Play now" and "Create a class" do.
  const first = defaultScenario(scenarios)?.id;
  const select = h("select", { id: "scenario", name: "scenario" }, ...scenarios.map((s) => h("option", { value: s.id, selected: s.id === first }, s.title.includes(String(s.year)) ? s.title : `${s.title}${t("misc.aside", { text: s.year })}`)));
  const about = h("div", { class: "scenario-about", "aria-live": "polite" });
  const rounds = h("input", { id: "rounds", type: "number", min: 1, max: 12, step: 1, required: true });
  const negotiation = h("input", { id: "negotiation", type: "number", min: 1, max: 120, step: 0.5, required: true });
  // The event card's and the review's clocks, in seconds, within the game's bounds.
  const eventClock = h("input", { id: "event-seconds", type: "number", min: EVENT_SECONDS.min, max: EVENT_SECONDS.max, step: 5, required: true });
  const reviewClock = h("input", { id: "review-seconds", type: "number", min: REVIEW_SECONDS.min, max: REVIEW_SECONDS.max, step: 5, required: true });
  const bots = h("input", { id: "bots", type: "checkbox", checked: true });
  const teams = h("input", { id: "teams", type: "checkbox" });
  const reads = h("input", { id: "reads", type: "checkbox" });
  const redCell = h("input", { id: "red-cell", type: "checkbox" });
  const redCellLabel = h("span", {});
  const redCellHint = h("p", { class: "hint", id: "red-cell-hint" });
  redCell.setAttribute("aria-describedby", redCellHint.id);
  const redCellBox = h("div", { class: "red-cell-option" }, check(redCell, redCellLabel), redCellHint);
  const filter = h("input", { id: "word-filter", type: "text", autocomplete: "off" });
  const msg = h("p", { class: "status" });
  const submit = h("button", { type: "submit", class: "primary" }, t("start.create.submit"));

  const summary = h("p", {});
  const facts = h("p", { class: "muted" });
  // The rules with this scenario's own numbers first (the rulebook quotes the Classroom scenario's).
  const rulesLink = h("a", { id: "scenario-rules", href: "/how-to-play" }, t("start.scenario.rules"));
  /** The scenario's summary and seats, or with the red cell ticked the ones where a person plays the rival. */
  const showSummary = () => {
    const s = scenarios.find((x) => x.id === select.value) ?? scenarios[0]!;
    const red = redCell.checked && s.rival;
    summary.textContent = red && s.rival?.summary ? s.rival.summary : s.summary;
    const seats = [...s.seats.map((x) => x.name), ...(red ? [s.rival!.name] : [])].join(t("misc.comma"));
    facts.textContent = `${tn("start.scenario.rounds", s.rounds)} · ${t("start.scenario.seats", { seats })}`;
  };
  redCell.addEventListener("change", showSummary);
  const show = () => {
    const s = scenarios.find((x) => x.id === select.value) ?? scenarios[0]!;
    rounds.value = String(s.rounds);
    negotiation.value = String(Math.round((s.timers.negotiationSeconds / 60) * 2) / 2);
    eventClock.value = String(s.timers.eventSeconds);
    reviewClock.value = String(s.timers.reviewSeconds);
    rulesLink.setAttribute("href", `/how-to-play?scenario=${encodeURIComponent(s.id)}`);
    replace(about, summary, facts, h("p", { class: "small" }, rulesLink));
    // The red cell: only where a scripted rival exists (Alliance 2021's China).
    redCellBox.hidden = !s.rival;
    if (!s.rival) redCell.checked = false;
    const words = s.rival ? redCellWords(s.rival) : undefined;
    redCellLabel.textContent = words?.label ?? "";
    redCellHint.textContent = words?.hint ?? "";
    showSummary();
  };
  select.addEventListener("change", show);
  show();

  const form = h(
    "form",
    { class: "create-form", novalidate: true },
    field(t("start.scenario"), select),
    about,
    h(
      "fieldset",
      { class: "settings" },
      h("legend", {}, t("start.settings")),
      h("div", { class: "row" }, field(t("start.rounds"), rounds), field(t("start.negotiationMinutes"), negotiation)),
      h("div", { class: "row" }, field(t("start.eventSeconds"), eventClock), field(t("start.reviewSeconds"), reviewClock)),
      h("p", { class: "hint" }, t("start.clocks.hint")),
      check(bots, t("start.bots")),
      check(teams, t("start.teams")),
      check(reads, t("start.facilitatorReadsPrivate")),
      redCellBox,
      field(t("mod.filter"), filter, t("mod.filter.hint")),
    ),
    submit,
    msg,
  );
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const length = gameLength({ rounds: rounds.value, minutes: negotiation.value, eventSeconds: eventClock.value, reviewSeconds: reviewClock.value });
    if (!length.ok) return status(msg, length.problem, "error");
    const words = filter.value.split(",").map((w) => w.trim()).filter((w) => w.length >= 2);
    submit.disabled = true;
    status(msg, t("start.create.busy"));
    const request: CreateGameRequest = {
      scenarioId: select.value,
      settings: {
        rounds: length.rounds,
        negotiationSeconds: length.negotiationSeconds,
        eventSeconds: length.eventSeconds,
        reviewSeconds: length.reviewSeconds,
        bots: bots.checked,
        teams: teams.checked,
        facilitatorReadsPrivate: reads.checked,
        reconnectSeconds: 120,
        ...(redCell.checked ? { redCell: true } : {}),
        ...(words.length ? { wordFilter: words } : {}),
      },
    };
    const created = await createGame(request);
    if (!created.ok) {
      submit.disabled = false;
      return status(msg, t("error.server", { message: created.message }), "error");
    }
    const { code, facilitatorKey } = created.value;
    deps.rememberFacilitator(code, facilitatorKey, request);
    // The key is shown once, here: it never travels in a link, so this is where it is kept.
    replace(box, keyKeeper({ kind: "game", code, readsPrivate: reads.checked }, facilitatorKey, () => deps.enter(code, { as: "facilitator", key: facilitatorKey })));
    box.setAttribute("aria-labelledby", "key-title");
    box.querySelector<HTMLElement>("#key-title")?.focus();
  });
  replace(box, h("h2", { id: "create-title" }, t("start.create.title")), h("p", { class: "muted" }, t("start.create.intro")), form);
}

function field(text: string, control: HTMLElement, hint?: string) {
  const hintId = hint ? `${control.id}-hint` : undefined;
  if (hintId) control.setAttribute("aria-describedby", hintId);
  return h("div", { class: "field" }, h("label", { for: control.id }, text), control, hint ? h("p", { class: "hint", id: hintId }, hint) : null);
}

function check(input: HTMLInputElement, text: Child) {
  return h("div", { class: "check" }, input, h("label", { for: input.id }, text));
}

// ---- Join ------------------------------------------------------------------------------

function renderJoin(box: HTMLElement, deps: StartDeps, prefill?: string) {
  const code = h("input", { id: "code", name: "code", autocomplete: "off", autocapitalize: "characters", spellcheck: "false", maxlength: 8, value: prefill ?? "", class: "code-input" });
  const findMsg = h("p", { class: "status" });
  const details = h("div", { class: "join-details" });
  const find = h("button", { type: "submit" }, t("start.find"));
  const form = h("form", { class: "find-form", novalidate: true }, field(t("start.code"), code, t("start.code.hint")), find, findMsg);
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    await lookUp();
  });
  const lookUp = async () => {
    const value = normalizeCode(code.value);
    replace(details);
    if (!isCode(value)) return status(findMsg, codeError(value), "error");
    status(findMsg, t("app.loading"));
    // A student placed in this class before (a reload): their place token gets an answer even from a school address locked for wrong codes.
    const place = deps.classes ? placeToken(deps.classes.storage, value) : undefined;
    const info = await lobbyInfo(value, undefined, place);
    // The box takes a class's code as well as a game's: a code of neither says so of both.
    if (!info.ok) return status(findMsg, info.status === 404 ? t("error.unknownCode", { code: value }) : info.message, "error");
    if (isClassCode(info.value)) {
      if (!deps.classes) return status(findMsg, t("error.unknownCode", { code: value }), "error");
      // A class's code: its join screen places the student at a table.
      const klass = await classInfo(value, place);
      if (!klass.ok) return status(findMsg, klass.message, "error");
      status(findMsg, t("class.join.found", { title: klass.value.title }), "ok");
      return renderClassJoin(details, klass.value, deps.classes);
    }
    // A table of a class where this browser holds no seat, while the class keeps a place for it
    // (a student the teacher moved to another table, reloading the old table's page; its seat
    // token is forgotten or refused): the class's link, which knows its place, takes them on to their table at once.
    const inClass = info.value.classTable;
    const here = deps.remembered(value);
    if (inClass && info.value.phase !== "ended" && deps.classes && !here.player?.token && !here.facilitator && placeToken(deps.classes.storage, inClass.code)) return deps.sendToClass(inClass.code);
    status(findMsg, t("start.lobby.scenario", { title: info.value.scenario.title, phase: label("phase", info.value.phase) }), "ok");
    // Over, whether or not its room has closed yet: nobody new can join it, and its facilitator's key opens the debrief.
    if (info.value.phase === "ended")
      return replace(details, h("p", {}, t("start.over")), h("p", {}, h("a", { href: `/${info.value.code}/replay`, id: "start-over-replay" }, t("end.replay"))), facilitatorOver(info.value.code, deps));
    renderSeatForm(details, info.value, deps);
  };
  replace(box, h("h2", { id: "join-title" }, t("start.join.title")), h("p", { class: "muted" }, t("start.join.intro")), form, details);
  if (prefill && isCode(prefill)) void lookUp();
}

/** `again`: drawn anew after a refusal (the seat was taken meanwhile), with the name typed and the refusal. */
function renderSeatForm(box: HTMLElement, info: LobbyInfo, deps: StartDeps, again?: { name: string; problem: string }) {
  const remembered = deps.remembered(info.code);
  const name = h("input", { id: "name", name: "name", autocomplete: "nickname", maxlength: 40, value: again?.name ?? remembered.player?.name ?? "" });
  const choices = seatChoices(info);
  // A friend's quick game starts on the first free seat. A game someone runs (a class, an
  // exercise seated by roster) starts on none, so nobody takes a country by pressing Join, and
  // offers to wait for the facilitator to seat them.
  const quick = !!info.settings.quickStart;
  const seatGroup = h(
    "fieldset",
    { class: "seats" },
    h("legend", {}, t("start.seat")),
    ...choices.map((c, i) =>
      h(
        "div",
        { class: `seat-choice bloc-${c.bloc}` },
        h("input", { type: "radio", name: "seat", id: `seat-${c.id}`, value: c.id, disabled: !c.available, checked: quick && c.available && i === choices.findIndex((x) => x.available) }),
        h("label", { for: `seat-${c.id}` }, h("span", { class: "swatch", "aria-hidden": "true" }), c.text),
      ),
    ),
    quick || info.phase === "ended"
      ? null
      : h("div", { class: "seat-choice seat-later" }, h("input", { type: "radio", name: "seat", id: "seat-later", value: "" }), h("label", { for: "seat-later" }, t("start.seat.later"))),
  );
  const roleGroup = info.settings.teams
    ? h(
        "fieldset",
        { class: "roles" },
        h("legend", {}, t("start.roles")),
        h("p", { class: "hint" }, t("start.roles.hint")),
        ...ROLES.map((r) => h("div", { class: "check" }, h("input", { type: "radio", id: `role-${r}`, name: "role", value: r }), h("label", { for: `role-${r}` }, `${label("role", r)} — ${t(`role.${r}.does`)}`))),
      )
    : null;
  const msg = h("p", { class: "status" });
  const join = h("button", { type: "submit", class: "primary" }, t("start.join.submit"));
  const watch = h("button", { type: "button" }, t("start.observe.submit"));
  const syncRoles = () => {
    if (!roleGroup) return;
    const seat = (seatGroup.querySelector("input[name=seat]:checked") as HTMLInputElement | null)?.value;
    const free = choices.find((c) => c.id === seat)?.freeRoles ?? [];
    // One ministry each, so a seat fills with up to three students; the first free one is picked.
    for (const r of ROLES) {
      const box = roleGroup.querySelector<HTMLInputElement>(`#role-${r}`)!;
      box.disabled = !free.includes(r);
      box.checked = r === free[0];
    }
  };
  seatGroup.addEventListener("change", syncRoles);
  syncRoles();
  // A table of a class, found by its own game code (read off a classmate's phone): a newcomer
  // belongs in the class, which places her and keeps her seat for her, not in a seat picked here.
  const inClass = info.classTable && info.phase !== "ended" ? info.classTable : undefined;
  const form = h(
    "form",
    { class: "join-form", novalidate: true },
    inClass ? h("p", { id: "start-class-table", class: "notice" }, t("start.classTable", { table: inClass.table, code: inClass.code }), t("misc.sentenceJoin"), h("a", { href: `/${inClass.code}`, id: "start-class-link" }, t("start.classTable.link"))) : null,
    remembered.player?.token || remembered.facilitator
      ? h("p", {}, h("button", { type: "button", class: "primary", onclick: () => deps.resume(info.code) }, t("start.rejoin", { code: info.code })))
      : null,
    field(t("start.name"), name),
    seatGroup,
    roleGroup,
    h("div", { class: "actions" }, join, watch),
    msg,
  );
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const who = requiredText(name, msg, t("error.name"));
    if (!who) return;
    const seat = (seatGroup.querySelector("input[name=seat]:checked") as HTMLInputElement | null)?.value;
    if (seat === undefined) return status(msg, t("error.seat"), "error");
    // "" is "the facilitator seats me": no country, and so no ministry, yet.
    const roles = roleGroup && seat ? [...roleGroup.querySelectorAll<HTMLInputElement>("input[name=role]:checked")].map((x) => x.value as Role) : undefined;
    if (roleGroup && seat && !roles?.length) return status(msg, t("error.roles"), "error");
    join.disabled = true;
    status(msg, t("start.joining"));
    const result = await deps.enter(info.code, { as: "player", name: who, ...(seat ? { seat } : {}), ...(roles ? { roles } : {}) });
    join.disabled = false;
    if (result.ok) return;
    const problem = t("error.joinFailed", { message: result.message });
    status(msg, problem, "error");
    // Someone took the seat since the list was drawn (two students pressing Join on one country):
    // the list is drawn again as the table is now, so it no longer offers that seat as free.
    if (result.code !== "seat/taken" && result.code !== "seat/held") return;
    const now = await lobbyInfo(info.code);
    if (now.ok && !isClassCode(now.value) && now.value.phase !== "ended") renderSeatForm(box, now.value, deps, { name: who, problem });
  });
  watch.addEventListener("click", async () => {
    watch.disabled = true;
    const result = await deps.enter(info.code, { as: "observer", ...(name.value.trim() ? { name: name.value.trim() } : {}) });
    watch.disabled = false;
    if (!result.ok) status(msg, t("error.joinFailed", { message: result.message }), "error");
  });
  replace(box, form, rejoinOption(deps.enter, [{ code: info.code, label: info.code }], { kind: "game", teams: info.settings.teams }, remembered.player?.name), facilitatorOpen(info.code, deps));
  if (again) status(msg, again.problem, "error");
  void list;
}

/** A facilitator on another computer opens their game's console with its code and the key they kept. */
function facilitatorOpen(code: string, deps: StartDeps): HTMLElement {
  const key = h("input", { id: "fac-key", type: "password", autocomplete: "off", spellcheck: "false", maxlength: 128 });
  const msg = h("p", { class: "status", "aria-live": "polite" });
  const open = h("button", { type: "submit" }, t("start.fac.submit"));
  const form = h("form", { class: "fac-open-form", novalidate: true }, h("p", { class: "hint" }, t("start.fac.intro")), field(t("start.fac.key"), key), open, msg);
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const value = typedKey(key.value);
    if (value.length < 8) return status(msg, t("start.fac.short"), "error");
    open.disabled = true;
    status(msg, t("start.joining"));
    // Remembered before the console opens (it reads the key for the report links); a key the server refuses is forgotten again.
    const before = deps.remembered(code).facilitator;
    deps.rememberFacilitator(code, value);
    const result = await deps.enter(code, { as: "facilitator", key: value });
    open.disabled = false;
    if (result.ok) return;
    if (before) deps.rememberFacilitator(code, before.key);
    else deps.forgetFacilitator(code);
    status(msg, t("error.joinFailed", { message: result.message }), "error");
  });
  return h("details", { class: "fac-open", id: "fac-open" }, h("summary", {}, t("start.fac.summary")), form);
}

/**
 * A finished game's facilitator, on this computer or another: the key they kept (remembered here,
 * or pasted) opens the game's debrief (client/ui/debrief/ended-game.ts), which the server checks.
 */
function facilitatorOver(code: string, deps: StartDeps): HTMLElement {
  const box = h("div", { class: "fac-over" });
  const key = h("input", { id: "fac-key", type: "password", autocomplete: "off", spellcheck: "false", maxlength: 128 });
  const msg = h("p", { class: "status", "aria-live": "polite" });
  const open = h("button", { type: "submit" }, t("start.over.fac.submit"));
  const form = h("form", { class: "fac-open-form", novalidate: true }, h("p", { class: "hint" }, t("start.over.fac.intro")), field(t("start.fac.key"), key), open, msg);
  const details = h("details", { class: "fac-open", id: "fac-open" }, h("summary", {}, t("start.fac.summary")), form);
  const show = async (value: string, focus: boolean) => {
    open.disabled = true;
    status(msg, t("app.loading"));
    // The debrief tools load only for a finished game (client/ui/later-panel.ts says why).
    const opened = await import("./debrief/ended-game.ts").then(({ openEndedGame }) => openEndedGame(code, value, deps.memory), () => ({ ok: false as const, message: t("error.network") }));
    open.disabled = false;
    if (!opened.ok) return status(msg, opened.message, "error");
    replace(box, opened.el);
    if (focus) opened.el.querySelector<HTMLElement>("#over-title")?.focus();
  };
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const value = typedKey(key.value);
    if (value.length < 8) return status(msg, t("start.fac.short"), "error");
    void show(value, true);
  });
  replace(box, details);
  // The facilitator's own browser kept the key: the debrief opens at once (the form stays if the key no longer opens it).
  const kept = deps.remembered(code).facilitator?.key;
  if (kept) {
    details.open = true;
    void show(kept, false);
  }
  return box;
}
