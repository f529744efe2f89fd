/**
 * The class console (/class/CODE, facilitator key): the join screen for the projector, every
 * table side by side (phase, clock, people, shared targets, leader), a switch to any table's
 * own console or projector, one broadcast / phase command / inject with effects / control-cell
 * script (../console/script-section.ts) to every table, where
 * each student sits, and the comparison and gradebook downloads.
 */
import type { ClassCommand, ClassStatus } from "../../../shared/protocol/classes.ts";
import { typedKey } from "../../../shared/protocol/messages.ts";
import { ROUND_PHASES, type RoundPhase } from "../../../shared/engine/vocabulary.ts";
import { errorText, label, sentenceNaming, t, tn, type Key } from "../../i18n/index.ts";
import { classCommand, classKey, classStatus, fetchCsv, joinAddresses, moveStudent, rememberClassKey, removeStudent, removeUnjoined } from "../../net/class-api.ts";
import { networkAddresses } from "../../net/http.ts";
import { rememberClassTable } from "../../net/class-table.ts";
import { clock } from "../../model/format.ts";
import { heldMinistries } from "../../i18n/translator.ts";
import { doneText } from "../../model/lobby.ts";
import { announce, h, replace, replaceChanged, saveFile, status } from "../dom.ts";
import { confirmAction, confirmWithChoice } from "../confirm.ts";
import { languageSwitch } from "../language.ts";
import { CodeReveal } from "../code-reveal.ts";
import { forgetWaiting, Settling, whenReleased } from "../press.ts";
import { joinScreen } from "./join-screen.ts";
import { effectsForm } from "../console/effects-form.ts";
import { ScriptSection } from "../console/script-section.ts";
import { validateCardTexts, validateEffects } from "../../model/inject.ts";
import { effectLines, markProblems } from "../console/form-kit.ts";
import { cardLanguageFields } from "../console/card-languages.ts";
import { cardTitle } from "../../model/facilitator.ts";
import { phasesToEnd } from "../../model/class-phases.ts";
import { classReply, tablesWords, type ClassReplyWords } from "../../model/class-reply.ts";
import { isLoopback, joinAddress } from "../../model/join-address.ts";

/** Why a table's stored game cannot be replayed (ClassStatus `refused`), its countries named as the scenario names them. */
function refusedText(s: ClassStatus, why: NonNullable<ClassStatus["tablesDetail"][number]["refused"]>): string {
  const of = (id: string) => s.countries.find((c) => c.id === id);
  return sentenceNaming({ country: (id) => of(id)?.name, countryInSentence: (id) => of(id)?.inSentence }, why.key as Key, why.args ?? {});
}

type Deps = {
  code: string;
  storage: Pick<Storage, "getItem" | "setItem">;
  /** This tab's storage: each table's console opened from here names its table and links back. */
  tab: Pick<Storage, "getItem" | "setItem">;
  /** Keeps the key for each table too, so "Open" on a table opens its console. */
  rememberFacilitator?: (code: string, key: string) => void;
  /** How often it reads the class again: every 4 s unless given (tests/client/dom/class-entry.ts shortens it). */
  pollMs?: number;
};

export async function mountClassPage(root: HTMLElement, deps: Deps): Promise<() => void> {
  const key = classKey(deps.storage, deps.code);
  if (!key) return askForKey(root, deps);
  const head = h("header", { class: "class-head" });
  const joinBox = h("div", { class: "class-join-box" });
  const tablesBox = h("section", { class: "class-tables", "aria-labelledby": "class-tables-h" });
  const allBox = h("section", { class: "class-all card", "aria-labelledby": "class-all-h" });
  const rosterBox = h("section", { class: "class-roster card", "aria-labelledby": "class-roster-h" });
  const exportBox = h("section", { class: "class-exports card", "aria-labelledby": "class-exports-h" });
  const msg = h("p", { class: "status", role: "status" });
  const page = h("main", { id: "main", class: "class-page" }, languageBar(), head, joinBox, msg, tablesBox, allBox, exportBox, rosterBox);
  replace(root, page);
  // Opened from the start page's key screen, further down: the console starts at its top.
  window.scrollTo(0, 0);

  let last: ClassStatus | undefined;
  let projecting = false;
  const projectButton = h("button", { type: "button", id: "class-project", "aria-pressed": "false" }, t("class.project"));
  projectButton.addEventListener("click", () => {
    projecting = !projecting;
    // Shown to the room now: where the server is reached, asked again (the laptop may have joined the Wi-Fi since).
    if (projecting) void askLan().then(draw);
    page.classList.toggle("projecting", projecting);
    projectButton.setAttribute("aria-pressed", String(projecting));
    projectButton.textContent = projecting ? t("class.project.stop") : t("class.project");
  });
  // Escape leaves the full-size join screen, as it closes a dialog.
  const escape = (e: KeyboardEvent) => {
    if (e.key !== "Escape" || !projecting || document.querySelector("dialog[open]")) return;
    projectButton.click();
    projectButton.focus();
  };
  document.addEventListener("keydown", escape);

  /** What each table that refused a command said, one sentence a table. */
  const failedAt = (failed: { table: number; error?: Parameters<typeof errorText>[0] }[]) =>
    failed.map((f) => t("class.all.failed", { table: f.table, message: f.error ? errorText(f.error) : "" })).join(t("misc.sentenceJoin"));
  // Each group of controls says how its last press went right under it (a line after the inject
  // forms is off the screen at 1080p); a press in one group clears what another said before.
  const lines: HTMLElement[] = [];
  const line = (id: string) => {
    const el = h("p", { class: "status", role: "status", id });
    lines.push(el);
    return el;
  };
  const quiet = (keep?: HTMLElement) => {
    for (const el of lines) if (el !== keep) status(el, "");
    if (keep) script?.quiet();
  };
  const say = (out: HTMLElement, text: string, kind: "ok" | "error") => {
    quiet(out);
    status(out, text, kind);
    replied = undefined;
  };
  /**
   * The state of the tables a command's reply speaks of: when it changes (a table paused or
   * resumed elsewhere, a phase ended, a card played), the reply no longer applies and goes.
   */
  const tablesNow = (s: ClassStatus | undefined) => JSON.stringify(s?.tablesDetail.map((x) => [x.phase, x.round, x.paused, x.played.length, x.scheduled.length]));
  let replied: string | undefined;
  /**
   * A command to every table, and its reply under its own controls: what it did and where, the
   * tables it left as they were on purpose (already paused, over, in another phase: said calmly,
   * not as errors), and in red only the tables where it really failed (./class-reply.ts).
   */
  const send = async (command: ClassCommand, words: ClassReplyWords, out: HTMLElement) => {
    const reply = await classCommand(deps.code, key, command);
    if (!reply.ok) return say(out, reply.message, "error"), false;
    const said = classReply(command, reply.value.results, words, last?.tablesDetail);
    quiet(out);
    out.className = `status ${said.failed ? "status-mixed" : "status-ok"}`;
    out.setAttribute("role", said.failed ? "alert" : "status");
    replace(out, ...[said.done && h("span", {}, said.done), said.skipped && h("span", { class: "status-skip" }, said.skipped), said.failed && h("span", { class: "status-error" }, said.failed)].filter((x): x is HTMLElement => !!x).flatMap((x, i) => (i ? [" ", x] : [x])));
    if (!said.failed) announce(out.textContent ?? "");
    replied = undefined;
    await refresh();
    replied = tablesNow(latest);
    return !said.failed;
  };
  /** Each group's reply to a command, while the tables are as it left them. */
  const forget = (s: ClassStatus) => {
    if (replied !== undefined && tablesNow(s) !== replied) {
      quiet();
      replied = undefined;
    }
  };

  // ---- To every table: phase controls, broadcast, inject (built once, kept while typing) ----
  const paceMsg = line("class-pace-msg");
  const bcMsg = line("class-broadcast-msg");
  const cardMsg = line("class-card-msg");
  const injMsg = line("class-inject-msg");
  const allButton = (type: "start" | "pause" | "resume") =>
    h("button", { type: "button", id: `class-all-${type}`, onclick: () => void send({ type }, { all: t(`class.all.${type}.done`), some: (tables) => t(`class.all.${type}.some`, { tables }) }, paceMsg) }, t(`class.all.${type}`));
  const startButton = allButton("start");
  const pauseButton = allButton("pause");
  const resumeButton = allButton("resume");
  // It cannot be undone: asked first, as the table console's "End the game" is. A table over
  // already (or whose room has closed) is left as it is; the exit ticket opens at every other.
  const endAllButton = h(
    "button",
    {
      type: "button",
      class: "danger",
      id: "class-all-end-game",
      onclick: async (e: Event) => {
        if (!(await confirmAction(t("class.all.endGame.confirm"), t("class.all.endGame"), e.currentTarget as HTMLElement))) return;
        void send({ type: "end-game" }, { all: t("class.all.endGame.done"), some: (tables) => t("class.all.endGame.some", { tables }) }, paceMsg);
      },
    },
    t("class.all.endGame"),
  );
  // One "End the …" button for each phase some table is in. The command names its phase, as the
  // table console's does (overview-section.ts), so a table ahead or behind is left as it is; and
  // when the buttons change under the pointer, they take no press for a moment (press.ts Settling).
  const paceRow = h("div", { class: "actions" });
  const advanceSettling = new Settling();
  let advanceSettle: ReturnType<typeof setTimeout> | undefined;
  // A confirmation left open while a table's phase moves on closes: it asked about tables that changed.
  // The rounds and the question are read at the press: a button kept because its words stayed the same still names the round shown then.
  let endsFor = { key: "", asked: new AbortController(), detail: [] as ClassStatus["tablesDetail"] };
  /** The round each table shown in `phase` was in: a table that has left it since refuses the command. */
  const roundsIn = (phase: RoundPhase) => Object.fromEntries(endsFor.detail.filter((x) => x.phase === phase).map((x) => [x.code, x.round]));
  const endButton = (settling: boolean) => ({ phase, tables }: { phase: RoundPhase; tables: number[] }) => {
    const words = { phase: label("phase", phase), tables: tn("class.all.tables", tables.length, { tables: tables.join(t("misc.comma")) }) };
    const onclick = async (e: Event) => {
      const rounds = roundsIn(phase);
      const asked = endsFor.asked.signal;
      if (!(await confirmAction(t("class.all.advance.confirm", words), t("class.all.advance", words), e.currentTarget as HTMLElement, true, asked))) return;
      void send({ type: "advance", phase, rounds }, { all: t("class.all.advance.done", words), some: () => t("class.all.advance.done", words) }, paceMsg);
    };
    return h("button", { type: "button", id: `class-all-advance-${phase}`, disabled: settling, onclick }, t("class.all.advance", words));
  };
  // The same time as the table console's buttons (overview-section.ts), one pair for each phase
  // some table is in, naming it: a table that has left it by the time the press lands refuses.
  const extendButtons = (settling: boolean) => ({ phase, tables }: { phase: RoundPhase; tables: number[] }) =>
    [1, 5].map((minutes) => {
      const words = { minutes, phase: label("phase", phase), tables: tn("class.all.tables", tables.length, { tables: tables.join(t("misc.comma")) }) };
      const onclick = () => void send({ type: "extend", seconds: minutes * 60, phase, rounds: roundsIn(phase) }, { all: t("class.all.extend.done", words), some: () => t("class.all.extend.done", words) }, paceMsg);
      return h("button", { type: "button", id: `class-all-extend${minutes}-${phase}`, disabled: settling, onclick }, t("class.all.extend", words));
    });
  const renderPace = (s: ClassStatus) => {
    const ends = phasesToEnd(s.tablesDetail);
    const settleMs = advanceSettling.left(ends.length ? JSON.stringify(ends) : "");
    const endsKey = JSON.stringify(s.tablesDetail.map((x) => [x.code, x.round, x.phase]));
    if (endsKey !== endsFor.key) {
      endsFor.asked.abort();
      endsFor = { key: endsKey, asked: new AbortController(), detail: s.tablesDetail };
    }
    clearTimeout(advanceSettle);
    if (settleMs > 0) advanceSettle = setTimeout(draw, settleMs);
    // Start only while a table waits in its lobby; the clocks' buttons only while a game runs.
    const waiting = s.tablesDetail.some((x) => x.phase === "lobby");
    const live = s.tablesDetail.filter((x) => x.phase !== "lobby" && x.phase !== "ended");
    const running = live.length > 0;
    // Only the one that would change something: "Pause all" while a table runs, "Resume all" while one is paused.
    const focused = document.activeElement;
    pauseButton.disabled = live.every((x) => x.paused);
    resumeButton.disabled = !live.some((x) => x.paused);
    if (focused === pauseButton && pauseButton.disabled) resumeButton.focus();
    if (focused === resumeButton && resumeButton.disabled) pauseButton.focus();
    replaceChanged(paceRow, ...(waiting ? [startButton] : []), ...ends.map(endButton(settleMs > 0)), ...(running ? [pauseButton, resumeButton, ...ends.flatMap(extendButtons(settleMs > 0)), endAllButton] : []));
  };
  const bcText = h("textarea", { id: "class-broadcast", rows: 2 });
  const bcForm = h("form", { class: "class-broadcast" }, h("label", { for: "class-broadcast" }, t("class.broadcast")), bcText, h("button", { type: "submit", class: "primary", id: "class-broadcast-send" }, t("class.broadcast.send")), bcMsg);
  bcForm.addEventListener("submit", async (e) => {
    e.preventDefault();
    const text = bcText.value.trim();
    if (!text) return say(bcMsg, t("class.broadcast.empty"), "error");
    if (await send({ type: "broadcast", text }, { all: t("class.broadcast.done"), some: (tables) => t("class.broadcast.some", { tables }) }, bcMsg)) bcText.value = "";
  });
  // Injects with effects (a deck card, or a card of one's own) and the control-cell script,
  // built once the first status has brought the scenario's cards and countries.
  const injectBox = h("div", { class: "class-injects" });
  let script: ScriptSection | undefined;
  const commandReply = async (command: ClassCommand): Promise<{ ok: true } | { ok: false; message: string }> => {
    // The script section says how it went in its own line.
    quiet();
    const reply = await classCommand(deps.code, key, command);
    if (!reply.ok) return { ok: false, message: reply.message };
    const failed = reply.value.results.filter((r) => !r.ok);
    void refresh();
    return failed.length ? { ok: false, message: failedAt(failed) } : { ok: true };
  };
  /** A card now, or at the start of `round`: at every table, or at those it reached. */
  const injectWords = (round: number | undefined): ClassReplyWords => ({
    all: round ? t("fac.custom.scheduled", { round }) : t("class.inject.done"),
    some: (tables) => t("class.inject.some", { tables }),
  });
  const buildInjects = (s: ClassStatus) => {
    const names = { countries: s.countries };
    // A deck card at every table, now or at the start of a later round.
    const card = h("select", { id: "class-card" }, ...s.cards.map((c) => h("option", { value: c.id }, cardTitle(c.id, s.cards))));
    const cardWhen = h("select", { id: "class-card-when" });
    const cardEffects = h("p", { class: "muted", "aria-live": "polite" });
    const showCard = () => {
      const c = s.cards.find((x) => x.id === card.value);
      replace(cardEffects, ...(c ? effectLines(names, c) : []));
    };
    card.addEventListener("change", showCard);
    showCard();
    const cardForm = h(
      "form",
      { class: "class-card-form" },
      h("h3", {}, t("class.card.title")),
      h("div", { class: "field" }, h("label", { for: card.id }, t("class.card.pick")), card),
      cardEffects,
      h("div", { class: "field inline" }, h("label", { for: cardWhen.id }, t("fac.custom.round")), cardWhen),
      h("button", { type: "submit", id: "class-card-send" }, t("class.card.send")),
      cardMsg,
    );
    cardForm.addEventListener("submit", async (e) => {
      e.preventDefault();
      const round = cardWhen.value ? Number(cardWhen.value) : undefined;
      await send({ type: "play-event", cardId: card.value, ...(round ? { round } : {}) }, injectWords(round), cardMsg);
    });
    // A card of one's own, with effects.
    const injTitle = h("input", { id: "class-inject-title", type: "text", autocomplete: "off" });
    const injText = h("textarea", { id: "class-inject-text", rows: 2 });
    const effects = effectsForm(names, "class-eff");
    const languages = cardLanguageFields("class-inject");
    const injWhen = h("select", { id: "class-inject-when" });
    const injForm = h(
      "form",
      { class: "class-inject", novalidate: true },
      h("h3", {}, t("class.inject.heading")),
      h("div", { class: "field" }, h("label", { for: "class-inject-title" }, t("class.inject.title")), injTitle),
      h("div", { class: "field" }, h("label", { for: "class-inject-text" }, t("class.inject.text")), injText),
      languages.el,
      effects.el,
      h("div", { class: "field inline" }, h("label", { for: injWhen.id }, t("fac.custom.round")), injWhen),
      h("p", { class: "hint" }, t("class.inject.hint")),
      h("button", { type: "submit", id: "class-inject-send" }, t("class.inject.send")),
      injMsg,
    );
    injForm.addEventListener("submit", async (e) => {
      e.preventDefault();
      if (!injTitle.value.trim() || !injText.value.trim()) return say(injMsg, t("class.inject.empty"), "error");
      const checked = validateEffects(names, effects.rows());
      const translated = validateCardTexts(languages.values());
      markProblems(languages.el, translated.problems);
      languages.reveal(translated.problems);
      const problems = [...Object.values(checked.problems), ...Object.values(translated.problems)];
      if (problems.length) return say(injMsg, problems.join(t("misc.sentenceJoin")), "error");
      const round = injWhen.value ? Number(injWhen.value) : undefined;
      const texts = translated.texts ? { texts: translated.texts } : {};
      if (await send({ type: "custom-event", title: injTitle.value.trim(), text: injText.value.trim(), effects: checked.effects, ...texts, ...(round ? { round } : {}) }, injectWords(round), injMsg)) {
        injTitle.value = "";
        injText.value = "";
        effects.reset();
        languages.reset();
      }
    });
    script = new ScriptSection({
      prefix: "class",
      storageKey: `chokepoint:class-script:${deps.code}`,
      scenario: () => (last ? { id: last.scenario.id, rounds: last.rounds, events: last.cards, countries: last.countries } : undefined),
      tables: () => (last?.tablesDetail ?? []).map((x) => ({ round: x.round, phase: x.phase, rounds: last!.rounds, played: x.played, scheduled: x.scheduled })),
      eventSeconds: () => last?.eventSeconds || undefined,
      card: (id) => last?.cards.find((c) => c.id === id),
      names: () => ({ countries: last?.countries ?? [] }),
      send: (move) => commandReply(move),
    });
    replace(injectBox, script.el, cardForm, injForm);
    return { whens: [cardWhen, injWhen] };
  };
  let whens: HTMLSelectElement[] = [];
  /**
   * Across the tables, not the first one alone: "Now" while any table can take a card now (in an
   * event or negotiation; the others refuse it, and the reply names them), naming those tables
   * when not all can; then the start of each round still to come at the table furthest behind.
   * A table already in a round asked for plays the card now there (the reply says so too).
   */
  const syncWhens = (s: ClassStatus) => {
    const live = s.tablesDetail.filter((x) => x.phase !== "ended");
    const ready = live.filter((x) => x.phase === "event" || x.phase === "negotiation").map((x) => x.number);
    const from = live.length ? Math.min(...live.map((x) => x.round + 1)) : s.rounds + 1;
    const nowWords = ready.length === live.length ? t("fac.custom.now") : t("class.card.nowAt", { tables: tablesWords(ready) });
    const options: [string, string][] = [
      ...(ready.length ? [["", nowWords] as [string, string]] : []),
      ...Array.from({ length: Math.max(0, s.rounds - from + 1) }, (_, i): [string, string] => [String(from + i), t("fac.custom.later", { round: from + i })]),
    ];
    const sig = JSON.stringify(options);
    for (const sel of whens) {
      if (sel.dataset.sig === sig) continue;
      const keep = sel.value;
      replace(sel, ...options.map(([value, words]) => h("option", { value }, words)));
      sel.dataset.sig = sig;
      if (options.some(([value]) => value === keep)) sel.value = keep;
      sel.disabled = !options.length;
    }
  };
  replace(allBox, h("h2", { id: "class-all-h" }, t("class.all")), paceRow, paceMsg, bcForm, injectBox);

  // ---- Exports ----
  const exportMsg = h("p", { class: "status", role: "status" });
  const download = (path: string, name: string) => async () => {
    const got = await fetchCsv(path, key);
    if (!got.ok) status(exportMsg, t("class.export.failed", { message: got.problem }), "error");
    else {
      saveFile(name, got.file);
      status(exportMsg, t("class.export.done", { name }), "ok");
    }
  };

  // ---- Who sits where: removing one student (a duplicate, a fake), after asking ----
  const rosterMsg = h("p", { class: "status", role: "status", id: "class-roster-msg" });
  const removeButton = (r: ClassStatus["roster"][number]) => {
    const onclick = async (e: Event) => {
      // One who joined the table by its code holds no class place: they only leave their seat.
      const words = { name: r.name, table: r.table, seat: r.seatName };
      const [ask, label, done] = r.byTableCode ? (["class.remove.joinerConfirm", "class.remove.joinerLabel", "class.remove.joinerDone"] as const) : (["class.remove.confirm", "class.remove.label", "class.remove.done"] as const);
      if (!(await confirmAction(t(ask, words), t(label, words), e.currentTarget as HTMLElement))) return;
      const reply = await removeStudent(deps.code, key, { student: r.id });
      if (!reply.ok) return status(rosterMsg, reply.message, "error");
      status(rosterMsg, t(done, words), "ok");
      announce(t(done, words));
      void refresh();
    };
    return h("button", { type: "button", class: "link", id: `class-remove-${r.id}`, "aria-label": t(r.byTableCode ? "class.remove.joinerLabel" : "class.remove.label", { name: r.name, table: r.table, seat: r.seatName }), onclick }, t("class.remove"));
  };

  // ---- Who sits where: removing at once every student who never came to their table ----
  /**
   * Moves a student of the class to another table whose game is not over, chosen in the question
   * (a person who joined a table by its code holds no class place: only Remove). No button when
   * no other table could take them.
   */
  const moveButton = (r: ClassStatus["roster"][number], s: ClassStatus) => {
    const tables = s.tablesDetail.filter((x) => x.number !== r.table && x.phase !== "ended");
    if (r.byTableCode || !tables.length) return null;
    const words = { name: r.name, table: r.table, seat: r.seatName };
    const onclick = async (e: Event) => {
      const choices = tables.map((x) => ({ value: String(x.number), label: t("class.move.table", { table: x.number }) }));
      const chosen = await confirmWithChoice(t("class.move.confirm", words), t("class.move.yes"), t("class.move.to"), choices, e.currentTarget as HTMLElement);
      if (!chosen) return;
      const reply = await moveStudent(deps.code, key, { student: r.id, table: Number(chosen) });
      if (!reply.ok) return status(rosterMsg, reply.message, "error");
      const done = t("class.move.done", { name: r.name, table: reply.value.table, seat: reply.value.seatName });
      status(rosterMsg, done, "ok");
      announce(done);
      void refresh();
    };
    return h("button", { type: "button", class: "link", id: `class-move-${r.id}`, "aria-label": t("class.move.label", words), onclick }, t("class.move"));
  };

  /**
   * The class's students shown as not at their table (never joined it): the places "Remove
   * everyone who never joined" frees. Not a student the teacher moved, on their way to the new table.
   */
  const unjoined = (s: ClassStatus) => s.roster.filter((r) => !r.byTableCode && r.presence === "absent" && r.movedFrom === undefined);
  const removeUnjoinedButton = (s: ClassStatus) => {
    if (!unjoined(s).length) return null;
    const onclick = async (e: Event) => {
      // The class as the console shows it now: the question names exactly the students it sends.
      const them = unjoined(latest ?? s);
      if (!them.length) return;
      const names = them.map((r) => r.name).join(t("misc.comma"));
      if (!(await confirmAction(tn("class.removeUnjoined.confirm", them.length, { names }), tn("class.removeUnjoined.yes", them.length), e.currentTarget as HTMLElement))) return;
      const reply = await removeUnjoined(deps.code, key, { students: them.map((r) => r.id) });
      if (!reply.ok) return status(rosterMsg, reply.message, "error");
      const removed = reply.value.removed;
      const done = tn("class.removeUnjoined.done", removed.length, { names: removed.map((r) => r.name).join(t("misc.comma")) });
      status(rosterMsg, done, "ok");
      announce(done);
      void refresh();
    };
    return h("p", { class: "actions" }, h("button", { type: "button", id: "class-remove-unjoined", onclick }, t("class.removeUnjoined")));
  };

  const codes = new CodeReveal(() => draw());

  const render = (s: ClassStatus) => {
    forget(s);
    last = s;
    if (!script) {
      whens = buildInjects(s).whens;
      for (const x of s.tables) rememberClassTable(deps.tab, x.code, { classCode: s.code, table: x.number });
    }
    syncWhens(s);
    renderPace(s);
    script?.render();
    const started = s.tablesDetail.some((x) => x.phase !== "lobby");
    // Every game over: nobody joins any more and nothing goes to the tables; what is left is the
    // comparison, the grades and each table's report.
    const over = s.tablesDetail.length > 0 && s.tablesDetail.every((x) => x.phase === "ended");
    if (over && projecting) projectButton.click();
    // Over, the roster has no buttons: what its last one did (a move, a removal) goes with them.
    if (over) status(rosterMsg, "");
    const single = s.tables.length === 1;
    replaceChanged(
      head,
      h("h1", {}, s.title),
      h("p", { class: "muted" }, tn("class.summary", s.tables.length, { students: s.students, capacity: s.capacity, mode: t(`class.assign.${s.assign}`) })),
      over ? null : h("div", { class: "actions" }, projectButton),
    );
    if (over)
      replaceChanged(
        joinBox,
        h(
          "section",
          { class: "class-over card", "aria-labelledby": "class-over-h" },
          h("h2", { id: "class-over-h" }, t("class.over.title")),
          h("p", {}, tn("class.over.text", s.tables.length)),
          // One table has nothing to compare with: its report is on its console.
          h("p", { class: "actions" }, single ? h("a", { class: "button primary", href: `/${s.tables[0]!.code}` }, t("class.open")) : h("a", { class: "button primary", href: compareHref(s) }, t("class.compare"))),
        ),
      );
    else replaceChanged(joinBox, joinScreen(s.code, t("class.join.title"), { extra: h("p", { class: "join-count" }, t("class.join.count", { students: s.students, capacity: s.capacity })), where: joinAddress(window.location, lan) }));
    joinBox.classList.toggle("compact", started && !over && !projecting);
    allBox.hidden = over;
    replace(
      tablesBox,
      h("h2", { id: "class-tables-h" }, t("class.tables")),
      started && !over ? h("p", { class: "hint" }, t("class.done.hint")) : null,
      h(
        "div",
        { class: "class-grid" },
        ...s.tablesDetail.map((x) => {
          const left = x.paused ? x.remainingMs : x.deadline ? Math.max(0, x.deadline - Date.now()) : 0;
          const resolved = x.round > 1 || x.phase === "review" || x.phase === "ended";
          return h(
            "article",
            { class: `class-table card phase-${x.phase}`, "aria-labelledby": `class-table-${x.number}` },
            h("h3", { id: `class-table-${x.number}` }, t("class.table", { number: x.number }), " ", h("code", {}, x.code)),
            // Its stored game the rules now refuse to replay: why, in place of what a replay would tell; its console and projector cannot open it.
            ...(x.refused
              ? [h("p", { class: "class-refused attention", id: `class-refused-${x.number}` }, h("strong", {}, t("class.refused")), t("misc.sentenceJoin"), refusedText(s, x.refused))]
              : [
                  h(
                    "dl",
                    { class: "class-facts" },
                    h("dt", {}, t("class.phase")),
                    h("dd", {}, `${label("phase", x.phase)}${x.round ? ` · ${t("class.round", { round: x.round, rounds: s.rounds })}` : ""}${x.paused && x.phase !== "ended" ? ` · ${t("class.paused")}` : ""}`),
                    // A finished game has no clock: no row that could only say "—".
                    ...(x.phase === "ended" ? [] : [h("dt", {}, t("class.clock")), h("dd", { class: "clock", "data-deadline": x.paused ? "" : String(x.deadline) }, left ? clock(left) : "—")]),
                    h("dt", {}, t("class.people")),
                    h("dd", {}, String(x.connected)),
                    ...((ROUND_PHASES as readonly string[]).includes(x.phase) && x.done.total ? [h("dt", {}, t("class.done")), h("dd", { class: "class-done" }, doneText(x.done, x.people))] : []),
                    // Targets met and the leader say nothing before the first round has resolved: until
                    // then they are the countries' starting points, not anything the table did.
                    h("dt", {}, t("class.targets")),
                    h("dd", {}, resolved ? `${x.outcome.met}/${x.outcome.total}` : "—"),
                    h("dt", {}, t("class.leader")),
                    h("dd", {}, x.leader && resolved ? `${x.leader.name}${t("misc.aside", { text: x.leader.total })}` : "—"),
                    x.waitingRulings ? h("dt", {}, t("class.rulings")) : null,
                    x.waitingRulings ? h("dd", { class: "attention" }, String(x.waitingRulings)) : null,
                  ),
                  h(
                    "p",
                    { class: "actions" },
                    h("a", { class: "button", href: `/${x.code}`, id: `class-open-${x.number}` }, t("class.open")),
                    h("a", { class: "button", href: `/${x.code}/watch`, target: "_blank", rel: "noopener" }, t("class.projector")),
                  ),
                ]),
          );
        }),
      ),
    );
    replaceChanged(
      exportBox,
      h("h2", { id: "class-exports-h" }, t("class.exports")),
      h(
        "p",
        { class: "actions" },
        // Over, the comparison is the card above's first button (`class-over`), not a second one here.
        single || over ? null : h("a", { class: "button", href: compareHref(s), id: "class-compare" }, t("class.compare")),
        h("button", { type: "button", id: "class-comparison-csv", onclick: download(`/api/classes/${s.code}/comparison.csv`, `chokepoint-class-${s.code}-comparison.csv`) }, t("class.comparisonCsv")),
        h("button", { type: "button", id: "class-gradebook-csv", onclick: download(`/api/classes/${s.code}/gradebook.csv`, `chokepoint-class-${s.code}-gradebook.csv`) }, t("class.gradebookCsv")),
      ),
      exportMsg,
    );
    replaceChanged(
      rosterBox,
      h("h2", { id: "class-roster-h" }, t("class.roster", { count: s.roster.length })),
      // Over, nobody rejoins a table: the rejoin codes and how to give them go too.
      s.roster.length && !over ? h("p", { class: "hint" }, t("class.roster.rejoinHint")) : null,
      over ? null : removeUnjoinedButton(s),
      rosterMsg,
      // On a phone the table is wider than the screen: it scrolls sideways in its card, not the page.
      s.roster.length
        ? h(
            "div",
            { class: "class-roster-scroll" },
            h(
              "table",
              { class: "class-roster-table" },
              h("thead", {}, h("tr", {}, h("th", { scope: "col" }, t("class.col.name")), h("th", { scope: "col" }, t("class.col.table")), h("th", { scope: "col" }, t("class.col.seat")), h("th", { scope: "col" }, t("class.col.ministry")), h("th", { scope: "col" }, t("class.col.presence")), over ? null : h("th", { scope: "col" }, t("fac.rejoin")), over ? null : h("th", { scope: "col" }, t("console.seats.actions")))),
              h(
                "tbody",
                {},
                ...s.roster.map((r) => h("tr", {}, h("th", { scope: "row" }, r.name, r.byTableCode ? h("span", { class: "muted small" }, t("misc.aside", { text: t("class.roster.byTableCode") })) : null), h("td", {}, String(r.table)), h("td", {}, r.seatName), h("td", {}, rosterMinistries(s.teams, r.roles)), presenceCell(r, s.tablesDetail.find((x) => x.number === r.table)?.phase === "ended"), over ? null : h("td", { class: "rejoin" }, codes.cell({ key: r.id, code: r.rejoinCode, name: r.name, id: `class-code-${r.id}` })), over ? null : h("td", {}, h("span", { class: "roster-actions" }, moveButton(r, s), removeButton(r))))),
              ),
            ),
          )
        : h("p", { class: "muted" }, t("class.roster.empty")),
    );
  };

  let latest: ClassStatus | undefined;
  const draw = () => latest && render(latest);
  // Opened as localhost, the join screen shows where students' devices reach the server instead (../../model/join-address.ts).
  let lan: string[] | undefined;
  const askLan = async () => {
    if (!isLoopback(window.location.hostname)) return;
    lan = await networkAddresses(() => joinAddresses(deps.code, key));
  };
  const refresh = async () => {
    const r = await classStatus(deps.code, key);
    if (!r.ok) return status(msg, r.message, "error");
    msg.textContent = "";
    latest = r.value;
    // Not under a button being pressed (client/ui/press.ts).
    whenReleased(draw);
  };
  await Promise.all([askLan(), refresh()]);
  draw();
  // Every few seconds: students arrive, phases move. The clocks tick in between.
  const poll = setInterval(() => void refresh(), deps.pollMs ?? 4000);
  const tick = setInterval(() => {
    for (const el of root.querySelectorAll<HTMLElement>(".class-table .clock[data-deadline]")) {
      const d = Number(el.dataset.deadline);
      if (d) el.textContent = clock(Math.max(0, d - Date.now()));
    }
  }, 1000);
  return () => {
    document.removeEventListener("keydown", escape);
    clearInterval(poll);
    clearInterval(tick);
    clearTimeout(advanceSettle);
    forgetWaiting(draw);
  };
}

/**
 * The language switch every other page has (../language.ts), made once and kept out of the
 * redrawn header: it reloads the page, and the console comes back as it was (its key, script
 * and rejoin state are stored), its tables' words, the cards and the CSVs in the new language.
 */
const languageBar = () => h("div", { class: "class-bar" }, languageSwitch());

/**
 * A student's ministries as their table's console names them (client/i18n/translator.ts
 * `heldMinistries`): their own, not those they act for while nobody holds them; all three when
 * they hold them all, or the game has no teams.
 */
const rosterMinistries = (teams: boolean, roles: readonly string[]) => heldMinistries({ t, label }, teams, roles) || t("class.allMinistries");

/** The page that sets the class's tables side by side. */
const compareHref = (s: ClassStatus) => `/compare/${s.tables.map((x) => x.code).join("+")}`;

/**
 * A browser without the class's key (another computer, a cleared browser): the teacher pastes
 * the key they kept when they created the class; the server checks it before it is kept.
 */
function askForKey(root: HTMLElement, deps: Deps): () => void {
  let stop = () => {};
  const input = h("input", { id: "class-key", type: "password", autocomplete: "off", spellcheck: "false", maxlength: 128 });
  const msg = h("p", { class: "status", "aria-live": "polite" });
  const submit = h("button", { type: "submit", class: "primary", id: "class-key-open" }, t("class.key.open"));
  const form = h(
    "form",
    { class: "class-key-form card", novalidate: true },
    h("p", {}, t("class.noKey")),
    h("div", { class: "field" }, h("label", { for: "class-key" }, t("class.key.label")), input),
    submit,
    msg,
  );
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const value = typedKey(input.value);
    if (value.length < 8) return status(msg, t("class.key.short"), "error");
    submit.disabled = true;
    const checked = await classStatus(deps.code, value);
    submit.disabled = false;
    if (!checked.ok) {
      input.focus();
      return status(msg, checked.message, "error");
    }
    rememberClassKey(deps.storage, deps.code, value);
    for (const table of checked.value.tables) deps.rememberFacilitator?.(table.code, value);
    stop = await mountClassPage(root, deps);
  });
  replace(root, h("main", { id: "main", class: "class-page" }, languageBar(), h("h1", {}, t("class.title"), " ", h("code", {}, deps.code)), form));
  input.focus();
  return () => stop();
}

/**
 * Where a student is, in the roster's "Now" column. At a table whose game is over a seat is kept
 * for nobody and no bot plays on: one who left is said to have left, plainly, not "away (the seat
 * is kept)" in a warning's colour, and one a bot replaced as the gradebook says it; one who never
 * came is said never to have come (the gradebook lists only those who played).
 */
function presenceCell({ presence, movedFrom }: ClassStatus["roster"][number], over: boolean): HTMLElement {
  if (!presence) return h("td", { class: "presence" }, "—");
  // Moved by the teacher and not at the new table yet: on their way, not a student who never came.
  if (presence === "absent" && movedFrom !== undefined && !over) return h("td", { class: "presence absent moved" }, t("class.presence.moved", { table: movedFrom }));
  const shown = over ? ({ away: "left", bot: "left", absent: "never", here: "here" } as const)[presence] : presence;
  return h("td", { class: `presence ${shown}` }, over && presence === "bot" ? t("gradebook.atEnd.bot") : t(`class.presence.${shown}`));
}
