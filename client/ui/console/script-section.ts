/**
 * The control-cell script in a console: load the scenario's shipped script (assets/injects)
 * or a script file, see each inject by round with its date, why it comes now, its effects
 * and where it stands, and fire it with one click (now, or scheduled for its round), or
 * schedule the whole script at once. The game console drives one table; the class console
 * every table (its host sends each move to all of them). A file is checked with the same
 * schema as the shipped scripts before anything is sent; a loaded script saves as such a file
 * (the script's own JSON), so a facilitator starts their own from a real one.
 */
import type { Effect, Pressure } from "../../../shared/scenario/schema.ts";
import { parseInjectScript, type Inject, type InjectMove, type InjectScript } from "../../../shared/scenario/injects.ts";
import { injectWords, type InjectScriptText, type ShippedScript } from "../../../shared/scenario/inject-text.ts";
import { isScenarioLanguage } from "../../../shared/scenario/languages.ts";
import { currentLocale, render, t, tn } from "../../i18n/index.ts";
import { issueLine } from "../../../shared/scenario/validate.ts";
import { byRound, clickMove, fitText, fitToRounds, fitWarning, injectStatus, planMove, planText, scriptRounds, type InjectStatus, type TableCards } from "../../model/inject-script.ts";
import { effectLines } from "./form-kit.ts";
import { call } from "../../net/http.ts";
import { announce, h, replace, saveFile, status } from "../dom.ts";
import { confirmAction } from "../confirm.ts";

type Named = { countries: readonly { id: string; name: string }[] };

export type ScriptHost = {
  /** For ids and storage: "inj" in a game console, "class" in the class console. */
  prefix: string;
  storageKey: string;
  scenario(): { id: string; rounds: number; events: readonly { id: string }[]; countries: readonly { id: string }[] } | undefined;
  tables(): TableCards[];
  /** The event card's clock at the tables, a card, when known: what a round crowded by fitting costs (`fitWarning`). */
  eventSeconds(): number | undefined;
  card(id: string): { title: string; date: string; effects: readonly Effect[]; pressures?: readonly Pressure[] } | undefined;
  names(): Named;
  send(move: InjectMove): Promise<{ ok: true } | { ok: false; message: string }>;
};

export class ScriptSection {
  readonly el: HTMLElement;
  private body = h("div", { class: "script-body" });
  private msg = h("p", { class: "status", "aria-live": "polite" });
  private script: InjectScript | undefined;
  private shipped: ShippedScript[] | undefined;
  /** The loaded script's words in the reader's language (none: its own). */
  private words: InjectScriptText | undefined;
  private sig = "";
  private busy = false;
  /** A script longer than the game is fitted into its rounds (`fitToRounds`) unless the facilitator unticks it. */
  private fit = true;

  /** Clears what the section last said: the console's other controls acted since. */
  quiet() {
    status(this.msg, "");
  }

  constructor(private host: ScriptHost) {
    this.el = h(
      "section",
      { class: "console-card script-section", "aria-labelledby": `${host.prefix}-script-h` },
      h("h3", { id: `${host.prefix}-script-h` }, t("script.title")),
      h("p", { class: "muted small" }, t("script.intro")),
      this.body,
      this.msg,
    );
    try {
      const kept = localStorage.getItem(host.storageKey);
      if (kept) this.script = JSON.parse(kept) as InjectScript;
    } catch {
      // no storage, or a stale entry: load again
    }
  }

  private async loadShipped(id: string) {
    if (this.shipped) return;
    // A shipped script's words in the reader's language, asked for only in a language scripts are translated into.
    const lang = currentLocale();
    const r = await call<ShippedScript[]>(`/api/scenarios/${encodeURIComponent(id)}/injects${isScenarioLanguage(lang) ? `?lang=${encodeURIComponent(lang)}` : ""}`);
    this.shipped = r.ok ? r.value : [];
    this.sig = "";
    this.render();
  }

  private use(script: ShippedScript | undefined) {
    // Kept in its own words: a shipped script's translation comes with the list, in the language of the moment.
    this.script = script && ownWords(script);
    try {
      if (this.script) localStorage.setItem(this.host.storageKey, JSON.stringify(this.script));
      else localStorage.removeItem(this.host.storageKey);
    } catch {
      // storage full or off: the script stays loaded until the page closes
    }
    this.sig = "";
    this.render();
  }

  private loader(scenario: NonNullable<ReturnType<ScriptHost["scenario"]>>) {
    const p = this.host.prefix;
    // The browser's own file control speaks the browser's language ("Choose File", "No file
    // chosen"), not the page's: it is hidden, and a button in the reader's words opens it.
    const file = h("input", { type: "file", id: `${p}-script-file`, accept: ".json,application/json", hidden: true });
    const choose = h("button", { type: "button", id: `${p}-script-choose`, onclick: () => file.click() }, t("script.file.choose"));
    file.addEventListener("change", async () => {
      const f = file.files?.[0];
      if (!f) return;
      const parsed = parseInjectScript(await f.text(), scenario);
      file.value = "";
      if (!parsed.ok) return status(this.msg, t("script.file.bad", { name: f.name, problems: parsed.problems.slice(0, 5).map((p) => render(issueLine(p))).join(t("misc.listJoin")) }), "error");
      status(this.msg, t("script.loaded", { title: this.shownTitle(parsed.script), count: parsed.script.injects.length }), "ok");
      this.use(parsed.script);
    });
    const shipped = this.shipped ?? [];
    return h(
      "div",
      { class: "script-load" },
      ...shipped.map((s, i) =>
        h(
          "button",
          {
            type: "button",
            class: "primary",
            id: `${p}-script-load-${i}`,
            onclick: () => {
              status(this.msg, t("script.loaded", { title: this.shownTitle(s), count: s.injects.length }), "ok");
              this.use(s);
            },
          },
          t("script.load", { title: this.shownTitle(s) }),
        ),
      ),
      this.shipped && !shipped.length ? h("p", { class: "muted small" }, t("script.none")) : null,
      h("div", { class: "field" }, h("label", { for: file.id }, t("script.file")), choose, file, h("span", { class: "hint" }, t("script.file.hint"))),
    );
  }

  private statusText(inj: Inject): string {
    const all = this.host.tables().map((tb) => injectStatus(tb, inj));
    const word = (s: InjectStatus) => (s.kind === "scheduled" ? t("script.status.scheduled", { round: s.round }) : t(`script.status.${s.kind}`));
    if (all.length <= 1) return all[0] ? word(all[0]) : "";
    const groups = new Map<string, number>();
    for (const s of all) groups.set(word(s), (groups.get(word(s)) ?? 0) + 1);
    if (groups.size === 1) return t("script.status.everyTable", { status: [...groups.keys()][0]! });
    return [...groups].map(([w, n]) => tn("script.status.atTables", n, { status: w })).join(" · ");
  }

  /** The table whose state decides an inject's button: the first where it is neither played nor scheduled. */
  private moveFor(inj: Inject): InjectMove | null {
    for (const tb of this.host.tables()) {
      const m = clickMove(tb, inj);
      if (m) return m;
    }
    return null;
  }

  private async fire(moves: { inj: Inject; move: InjectMove }[]) {
    this.busy = true;
    this.sig = "";
    this.render();
    const failed: string[] = [];
    for (const { inj, move } of moves) {
      const r = await this.host.send(move);
      if (!r.ok) failed.push(`${this.title(inj)}${t("misc.colon")}${r.message}`);
    }
    this.busy = false;
    this.sig = "";
    if (failed.length) status(this.msg, failed.join(t("misc.sentenceJoin")), "error");
    else {
      const done = moves.length === 1 ? (moves[0]!.move.round ? t("script.fired.scheduled", { title: this.title(moves[0]!.inj), round: moves[0]!.move.round }) : t("script.fired.now", { title: this.title(moves[0]!.inj) })) : t("script.fired.all", { plan: planText(moves.map((m) => m.move)) });
      status(this.msg, done, "ok");
      announce(done);
    }
    this.render();
  }

  /** The script loaded for this scenario, and its words in the reader's language: a shipped one as the server sent it last (its custom cards carry every translation). */
  private loaded(scenario: string): { script: InjectScript; words: InjectScriptText | undefined } | undefined {
    if (!this.script || this.script.scenario !== scenario) return undefined;
    const shipped = this.shippedAs(this.script);
    return shipped ? { script: ownWords(shipped), words: shipped.translation } : { script: this.script, words: undefined };
  }

  /** The shipped script this one is (by its title): a shipped script saved as a file and loaded back is still that one. */
  private shippedAs(script: InjectScript): ShippedScript | undefined {
    return this.shipped?.find((s) => s.title === script.title);
  }

  /** A script's title in the reader's language where it has one. */
  private shownTitle(script: InjectScript): string {
    return this.shippedAs(script)?.translation?.title ?? script.title;
  }

  private title(inj: Inject): string {
    if (inj.custom) return injectWords(inj, this.words).title!;
    return this.host.card(inj.card!)?.title ?? inj.card!;
  }

  /** "Fit the script's 6 rounds into this game's 3": ticked, its injects spread over the game's rounds. */
  private fitChoice(script: InjectScript, to: number): HTMLElement {
    const box = h("input", { type: "checkbox", id: `${this.host.prefix}-script-fit`, checked: this.fit, disabled: this.busy });
    box.addEventListener("change", () => {
      this.fit = box.checked;
      this.sig = "";
      this.render();
      document.getElementById(box.id)?.focus();
    });
    return h("p", { class: "check script-fit" }, box, h("label", { for: box.id }, fitText(script, to)));
  }

  render() {
    const scenario = this.host.scenario();
    if (!scenario) return;
    if (!this.shipped) void this.loadShipped(scenario.id);
    const loaded = this.loaded(scenario.id);
    this.words = loaded?.words;
    const tables = this.host.tables();
    const rounds = tables[0]?.rounds ?? scenario.rounds;
    const longer = loaded && scriptRounds(loaded.script) > rounds ? scriptRounds(loaded.script) : 0;
    const script = loaded && longer && this.fit ? fitToRounds(loaded.script, rounds) : loaded?.script;
    // Fitting may pile many cards into one round, whose event phase's clock grows with them: said beside the plan and in its question.
    const crowded = loaded && longer && this.fit ? fitWarning(loaded.script, rounds, this.host.eventSeconds(), tables) : undefined;
    const sig = JSON.stringify([script?.title, script?.injects.length, this.busy, this.fit, this.shipped?.length, crowded, tables.map((tb) => [tb.round, tb.phase, tb.played.length, tb.scheduled.length])]);
    if (sig === this.sig) return;
    this.sig = sig;
    if (!script) return void replace(this.body, this.loader(scenario));
    const p = this.host.prefix;
    const plan = script.injects.flatMap((inj) => {
      const first = tables.map((tb) => planMove(tb, inj)).find((m) => m);
      return first ? [{ inj, move: first }] : [];
    });
    const names = this.host.names();
    replace(
      this.body,
      h("p", {}, h("strong", {}, this.words?.title ?? script.title), " ", h("span", { class: "muted small" }, t("script.count", { count: script.injects.length }))),
      h(
        "p",
        { class: "actions" },
        h(
          "button",
          {
            type: "button",
            // Beside the warning not to, scheduling it all is not the action the console puts first.
            class: crowded ? undefined : "primary",
            id: `${p}-script-all`,
            disabled: this.busy || !plan.length,
            // Many cards at once, and a scheduled card cannot be taken back: it asks first, saying what it will send.
            onclick: async (e: Event) => {
              const question = [t("script.all.confirm", { plan: planText(plan.map((x) => x.move)) }), crowded].filter(Boolean).join(t("misc.sentenceJoin"));
              if (await confirmAction(question, t("script.all.yes"), e.currentTarget as HTMLElement, false)) void this.fire(plan);
            },
          },
          plan.length ? t("script.all", { count: plan.length }) : t("script.all.none"),
        ),
        h("button", { type: "button", id: `${p}-script-save`, onclick: () => saveFile(`${script.scenario}-script.json`, new Blob([`${JSON.stringify(script, null, 2)}\n`], { type: "application/json" })) }, t("script.save")),
        h(
          "button",
          {
            type: "button",
            class: "link",
            id: `${p}-script-unload`,
            disabled: this.busy,
            onclick: () => {
              status(this.msg, t("script.unloaded"), "ok");
              this.use(undefined);
            },
          },
          t("script.unload"),
        ),
      ),
      loaded && longer ? this.fitChoice(loaded.script, rounds) : null,
      crowded ? h("p", { class: "notice script-crowded", id: `${p}-script-crowded`, role: "note" }, crowded) : null,
      h("p", { class: "hint" }, t("script.all.hint")),
      ...byRound(script).map((group) =>
        h(
          "div",
          { class: "script-round" },
          h("h4", {}, t("script.round", { round: group.round })),
          h(
            "ul",
            { class: "script-list" },
            ...group.injects.map((inj) => {
              const card = inj.card ? this.host.card(inj.card) : undefined;
              const move = this.moveFor(inj);
              const label = move ? (move.round ? t("script.go.schedule", { round: move.round }) : t("script.go.now")) : "";
              return h(
                "li",
                { id: `${p}-script-${inj.id}` },
                h("span", { class: "script-date" }, injectWords(inj, this.words).date),
                h("strong", {}, this.title(inj)),
                inj.custom ? h("span", { class: "badge custom" }, t("inject.custom.badge")) : null,
                h("span", { class: "muted small block" }, injectWords(inj, this.words).why),
                ...effectLines(names, inj.custom ?? card ?? { effects: [] }),
                h("span", { class: "script-status small block" }, this.statusText(inj)),
                move ? h("button", { type: "button", class: "small", disabled: this.busy, "aria-label": `${label}: ${this.title(inj)}`, onclick: () => void this.fire([{ inj, move }]) }, label) : null,
              );
            }),
          ),
        ),
      ),
    );
  }
}

const ownWords = ({ translation: _, ...script }: ShippedScript): InjectScript => script;
