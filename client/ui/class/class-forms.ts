/**
 * The start page's class parts: "Create a class" for a teacher (N tables of one scenario,
 * how students are placed, teams), and the student's join form for a class code (a name,
 * then the server says which table, country and ministry).
 */
import type { ClassInfo } from "../../../shared/protocol/classes.ts";
import { EVENT_SECONDS, REVIEW_SECONDS, type JoinOptions, type ScenarioSummary } from "../../../shared/protocol/messages.ts";
import { t, tn } from "../../i18n/index.ts";
import { createClass, joinClass, placeToken, rememberClassKey, rememberPlace } from "../../net/class-api.ts";
import { listScenarios } from "../../net/http.ts";
import { parseRoster } from "../../model/class-roster.ts";
import { defaultScenario, gameLength, redCellWords } from "../../model/lobby.ts";
import { h, keptTail, replace, requiredText, status } from "../dom.ts";
import { keyKeeper } from "../key-keeper.ts";
import { rejoinOption } from "../rejoin-form.ts";
import { ministries } from "../../model/format.ts";

type Kv = Pick<Storage, "getItem" | "setItem">;
export type ClassFormDeps = {
  storage: Kv;
  enter(code: string, options: JoinOptions): Promise<{ ok: true } | { ok: false; message: string; code?: string }>;
  /** The seat token this browser keeps for a game, if it has played there. */
  playerToken(code: string): string | undefined;
  /** Keeps the facilitator key of each table, so "Open" on the class console opens its console. */
  rememberFacilitator(code: string, key: string): void;
  openClass(code: string): void;
  /** True once when the address asked to go straight on to this browser's table (client/model/route.ts `onwardPath`). */
  takeOnward?(): boolean;
};

function field(text: string, control: HTMLElement, hint?: string) {
  const hintId = hint ? `${control.id}-hint` : undefined;
  if (hintId) control.setAttribute("aria-describedby", hintId);
  return h("div", { class: "field" }, h("label", { for: control.id }, text), control, hint ? h("p", { class: "hint", id: hintId }, hint) : null);
}

/** How long the tables play at most, in minutes: each round's event card, negotiation and review at their clocks. */
function lessonMinutes(s: ScenarioSummary, rounds: number, negotiationMinutes: number, eventSeconds: number, reviewSeconds: number): number {
  const perRound = (eventSeconds || s.timers.eventSeconds) / 60 + (negotiationMinutes || s.timers.negotiationSeconds / 60) + (reviewSeconds || s.timers.reviewSeconds) / 60;
  return Math.ceil((rounds || s.rounds) * perRound);
}

export async function renderCreateClass(box: HTMLElement, deps: ClassFormDeps) {
  const result = await listScenarios();
  if (!result.ok || !result.value.length) return box.remove();
  const scenarios: ScenarioSummary[] = result.value;
  // A class plays in a lesson: the classroom scenario first where it is shipped.
  const lesson = defaultScenario(scenarios)?.id;
  const scenario = h("select", { id: "class-scenario" }, ...scenarios.map((s) => h("option", { value: s.id, selected: s.id === lesson }, s.title.includes(String(s.year)) ? s.title : `${s.title}${t("misc.aside", { text: s.year })}`)));
  const tables = h("input", { id: "class-tables", type: "number", min: 1, max: 10, step: 1, value: 3 });
  const rounds = h("input", { id: "class-rounds", type: "number", min: 1, max: 12, step: 1 });
  const minutes = h("input", { id: "class-minutes", type: "number", min: 1, max: 120, step: 0.5 });
  // The event card's and the review's clocks: a control-cell script fitted into fewer rounds plays several cards a round.
  const eventClock = h("input", { id: "class-event-seconds", type: "number", min: EVENT_SECONDS.min, max: EVENT_SECONDS.max, step: 5 });
  const reviewClock = h("input", { id: "class-review-seconds", type: "number", min: REVIEW_SECONDS.min, max: REVIEW_SECONDS.max, step: 5 });
  const sameSeed = h("input", { id: "class-same-seed", type: "checkbox", checked: true });
  const teams = h("input", { id: "class-teams", type: "checkbox", checked: true });
  const redCell = h("input", { id: "class-red-cell", type: "checkbox" });
  const redCellLabel = h("label", { for: "class-red-cell" });
  const redCellBox = h("div", { class: "check" }, redCell, redCellLabel);
  const assign = h("select", { id: "class-assign" }, ...(["balanced", "random", "roster"] as const).map((m) => h("option", { value: m }, t(`class.assign.${m}`))));
  const roster = h("textarea", { id: "class-roster", rows: 4, placeholder: t("class.create.roster.placeholder") });
  const rosterField = field(t("class.create.roster"), roster, t("class.create.roster.hint"));
  const msg = h("p", { class: "status", role: "status" });
  const submit = h("button", { type: "submit", class: "primary", id: "class-create" }, t("class.create.submit"));
  const fit = h("p", { class: "hint", "aria-live": "polite" });
  const sync = () => {
    const s = scenarios.find((x) => x.id === scenario.value) ?? scenarios[0]!;
    // The scenario's numbers fill only empty fields (a new scenario empties them first): what the
    // teacher typed stays when another field changes. Not the field being typed in, emptied to retype.
    const fill = (input: HTMLInputElement, value: number) => {
      if (!input.value && document.activeElement !== input) input.value = String(value);
    };
    fill(rounds, s.rounds);
    fill(minutes, Math.round((s.timers.negotiationSeconds / 60) * 2) / 2);
    fill(eventClock, s.timers.eventSeconds);
    fill(reviewClock, s.timers.reviewSeconds);
    rosterField.hidden = assign.value !== "roster";
    // The red cell: only where a scripted rival exists (Alliance 2021's China).
    redCellBox.hidden = !s.rival;
    if (!s.rival) redCell.checked = false;
    const words = s.rival ? redCellWords(s.rival) : undefined;
    redCellLabel.textContent = words?.label ?? "";
    redCellLabel.title = words?.hint ?? "";
    showFit();
  };
  /** How many students the tables hold, and how long a game lasts, as the numbers are typed. */
  const showFit = () => {
    const s = scenarios.find((x) => x.id === scenario.value) ?? scenarios[0]!;
    const seats = (s.seats.length + (redCell.checked ? 1 : 0)) * (Number(tables.value) || 1);
    fit.textContent = t("class.create.fitAndLength", {
      fit: tn("class.create.fit", Number(tables.value) || 1, { seats: seats * (teams.checked ? 3 : 1) }),
      length: t("class.create.length", { minutes: lessonMinutes(s, Number(rounds.value), Number(minutes.value), Number(eventClock.value), Number(reviewClock.value)) }),
    });
  };
  scenario.addEventListener("change", () => {
    rounds.value = "";
    minutes.value = "";
    eventClock.value = "";
    reviewClock.value = "";
    sync();
  });
  for (const el of [tables, assign, teams, redCell]) el.addEventListener("change", sync);
  // The numbers as they are typed: the seats and the game's length follow each keystroke.
  for (const el of [tables, rounds, minutes, eventClock, reviewClock]) el.addEventListener("input", showFit);
  sync();
  const form = h(
    "form",
    { class: "create-class-form", novalidate: true },
    field(t("start.scenario"), scenario),
    h("div", { class: "row" }, field(t("class.create.tables"), tables), field(t("start.rounds"), rounds), field(t("start.negotiationMinutes"), minutes)),
    fit,
    field(t("class.create.assign"), assign),
    rosterField,
    h("div", { class: "check" }, teams, h("label", { for: "class-teams" }, t("class.create.teams"))),
    redCellBox,
    // Folded, so "Create the class" stays in view on a 1920×1080 projector: most lessons keep these.
    h(
      "details",
      { class: "class-more" },
      h("summary", {}, t("class.create.more")),
      h("div", { class: "row" }, field(t("start.eventSeconds"), eventClock), field(t("start.reviewSeconds"), reviewClock)),
      h("div", { class: "check" }, sameSeed, h("label", { for: "class-same-seed" }, t("class.create.sameSeed"))),
    ),
    submit,
    msg,
  );
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const n = Number(tables.value);
    if (!Number.isInteger(n) || n < 1 || n > 10) return status(msg, `${t("class.create.tables")}${t("misc.colon")}${t("invalid.range", { min: 1, max: 10 })}`, "error");
    const length = gameLength({ rounds: rounds.value, minutes: minutes.value, eventSeconds: eventClock.value, reviewSeconds: reviewClock.value });
    if (!length.ok) return status(msg, length.problem, "error");
    const parsed = assign.value === "roster" ? parseRoster(roster.value) : { roster: [], problems: [] };
    if (parsed.problems.length) return status(msg, parsed.problems.join(t("misc.listJoin")), "error");
    const beyond = parsed.roster.find((x) => x.table > n);
    if (beyond) return status(msg, t("class.create.rosterTable", { name: beyond.name, table: beyond.table, tables: n }), "error");
    submit.disabled = true;
    status(msg, t("start.create.busy"));
    // No title: the server names the class by its scenario and date, which every reader reads in
    // their own language (server/classes/routes.ts classInfo).
    const created = await createClass({
      scenarioId: scenario.value,
      tables: n,
      sameSeed: sameSeed.checked,
      assign: assign.value as "balanced" | "random" | "roster",
      roster: parsed.roster,
      settings: { rounds: length.rounds, negotiationSeconds: length.negotiationSeconds, eventSeconds: length.eventSeconds, reviewSeconds: length.reviewSeconds, bots: true, teams: teams.checked, facilitatorReadsPrivate: false, channels: "open", quickStart: false, reconnectSeconds: 120, ...(redCell.checked ? { redCell: true } : {}) },
    });
    submit.disabled = false;
    if (!created.ok) return status(msg, t("error.server", { message: created.message }), "error");
    const { code, facilitatorKey: key, tables: codes } = created.value;
    rememberClassKey(deps.storage, code, key);
    for (const table of codes) deps.rememberFacilitator(table, key);
    // The key is shown once, here, as a game's is: it never travels in a link.
    replace(
      box,
      keyKeeper({ kind: "class", code, tables: codes }, key, async () => {
        deps.openClass(code);
        return { ok: true };
      }),
    );
    box.setAttribute("aria-labelledby", "key-title");
    box.querySelector<HTMLElement>("#key-title")?.focus();
  });
  replace(box, h("h2", { id: "class-create-title" }, t("class.create.title")), h("p", { class: "muted" }, t("class.create.intro")), form);
}

/** A student's form for a class code: a name, then the table, country and ministry the server gives. */
export function renderClassJoin(box: HTMLElement, info: ClassInfo, deps: ClassFormDeps) {
  // Every table's game over (as the server's join says, server/classes/routes.ts): nobody new
  // is placed. A student this browser placed before may still go back to their table (their
  // place token brings them there) for its end and its exit ticket; anyone may watch the replays.
  const over = info.tables.every((x) => x.phase === "ended");
  // The class still holds a student this browser placed (the server read its place token).
  const mine = info.placed;
  const rejoin = () => rejoinOption(deps.enter, info.tables.map((x) => ({ code: x.code, label: t("class.table", { number: x.number }) })), { kind: "class", teams: info.teams });
  if (over && !mine) {
    const replays = h("ul", { class: "class-over-replays" }, ...info.tables.map((x) => h("li", {}, h("a", { href: `/${x.code}/replay` }, t("class.join.replay", { number: x.number })))));
    // A student on a new device still takes back their seat with the code the teacher shows.
    return replace(box, h("p", { id: "class-join-over", class: "big" }, t("class.join.over")), h("p", {}, t("class.join.overReplays")), replays, rejoin());
  }
  // Back on the class link (a closed tab, a second scan of the QR code): their name is filled in
  // and the button takes them back to the place they have, not to a new one.
  const name = h("input", { id: "class-name", autocomplete: "nickname", maxlength: 40, value: mine?.name ?? "" });
  const msg = h("p", { class: "status", role: "status" });
  const submit = h("button", { type: "submit", class: "primary", id: "class-join" }, t(mine ? "class.join.back" : "class.join.submit"));
  const about = (text: string) => h("p", { id: "class-join-about" }, ...keptTail(text));
  const form = h(
    "form",
    { class: "class-join-form", novalidate: true },
    ...(over
      ? [h("p", { id: "class-join-over", class: "big" }, t("class.join.over")), about(t("class.join.overPlaced", { table: mine!.table }))]
      : // The class's name is in the line above ("Class found: …"); teams or not, it says which.
        [about(mine ? t("class.join.placedHere", { table: mine.table, name: mine.name }) : info.teams ? tn("class.join.aboutTeams", info.tables.length) : tn("class.join.about", info.tables.length))]),
    field(t("start.name"), name, t("class.join.nameHint")),
    submit,
    msg,
  );
  const go = async () => {
    const who = requiredText(name, msg, t("error.name"));
    if (!who) return;
    submit.disabled = true;
    // Another name on a device the class placed someone from (a tablet the school passes round):
    // a newcomer, placed anew, not sent to the seat of the student before her.
    const back = !mine || who.toLowerCase() === mine.name.toLowerCase();
    const placed = await joinClass(info.code, who, back ? placeToken(deps.storage, info.code) : undefined);
    if (!placed.ok) {
      submit.disabled = false;
      return status(msg, placed.message, "error");
    }
    const p = placed.value;
    rememberPlace(deps.storage, info.code, p.token);
    status(msg, t("class.join.placed", { table: p.table, seat: p.seatName, roles: info.teams ? ministries(p.roles) : t("class.allMinistries") }), "ok");
    // The place token takes the seat the class holds for this student (a classmate typing the
    // same name does not). Back from the class link (a second scan of its QR code): the same
    // table and seat, rejoined with the seat token this browser keeps, not taken again from the
    // person it already is.
    const token = back ? deps.playerToken(p.game) : undefined;
    const joined = await deps.enter(p.game, { as: "player", name: who, seat: p.seat, place: p.token, ...(info.teams ? { roles: p.roles as ("diplomat" | "regulator" | "envoy")[] } : {}), ...(token ? { token } : {}) });
    submit.disabled = false;
    if (!joined.ok) status(msg, t("error.joinFailed", { message: joined.message }), "error");
  };
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    void go();
  });
  replace(box, form, rejoin());
  // From "Go to my new table": what "Back to my table" does, at once; a browser the class holds
  // no place for (another device, a cleared browser) stays on this form.
  if (deps.takeOnward?.() && mine) void go();
}
