/**
 * A few helpers to build HTML without a framework: `h(tag, attrs, ...children)` makes an
 * element; `announce` speaks through the page's aria-live regions; `replace` swaps a panel's
 * content while keeping the focused control focused when it survives the swap.
 */
type Attrs = Record<string, string | number | boolean | undefined | null | EventListener | Partial<CSSStyleDeclaration>>;
export type Child = Node | string | number | null | undefined | false | Child[];

/** Where the layout is a phone's (client/phone.css uses the same width). */
export const NARROW_QUERY = "(max-width: 700px)";
export const narrow = () => window.matchMedia(NARROW_QUERY).matches;
/**
 * A tablet upright, or a window 701-900 px wide: the map above the panel (client/phone.css writes
 * its tablet rule with this condition; tests/client/stacked-query.test.ts holds the two in step).
 */
export const UPRIGHT_TABLET_QUERY = "(min-width: 701px) and (max-width: 900px) and (min-height: 501px), (min-width: 701px) and (orientation: portrait)";
/**
 * A phone or an upright tablet: the map above the panel, with little height to spare. There the
 * event card and the first-game guide fold (client/ui/fold.ts), which sat whole under an upright
 * tablet's map and left it a strip (client/phone.css, with the same condition).
 */
export const STACKED_QUERY = `${NARROW_QUERY}, ${UPRIGHT_TABLET_QUERY}`;
export const stacked = () => window.matchMedia(STACKED_QUERY).matches;
/** A phone on its side, or any window under 500 px tall: the map beside the panel (client/phone.css writes its rule with this condition). */
export const LANDSCAPE_PHONE_QUERY = "(orientation: landscape) and (max-height: 500px)";
/**
 * Where the top bar takes its short words ("R1/4", the ready button's "Done"; client/phone.css,
 * with the same condition): a phone either way up and an upright tablet, where the long ones cut
 * the player's label ("M…" at 768 px upright, "Mia · United …" at 844×390). The guide names the
 * ready button with the words the bar shows (client/ui/guide.ts).
 */
export const SHORT_BAR_QUERY = `${STACKED_QUERY}, ${LANDSCAPE_PHONE_QUERY}`;
export const shortBar = () => window.matchMedia(SHORT_BAR_QUERY).matches;
/** A touch screen, or a narrow one (client/phone.css): the flash sits above the tab bar there, the map's legend starts folded. */
export const phoneLayout = () => window.matchMedia(`(pointer: coarse), ${NARROW_QUERY}`).matches;
/** A touch screen with no mouse, so no keyboard to speak of: client/phone.css hides `.keys-hint` there with the same query. */
export const touchOnly = () => window.matchMedia("(hover: none) and (pointer: coarse)").matches;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith("on") && typeof v === "function") el.addEventListener(k.slice(2).toLowerCase(), v as EventListener);
    else if (k === "style" && typeof v === "object") Object.assign(el.style, v);
    else if (k === "class") el.className = String(v);
    else if (v === true) el.setAttribute(k, "");
    else if (k === "value" && "value" in el) (el as HTMLInputElement).value = String(v);
    else if (k === "checked" && "checked" in el) (el as HTMLInputElement).checked = Boolean(v);
    else el.setAttribute(k, String(v));
  }
  append(el, children);
  return el;
}

/**
 * A sentence whose last few characters never wrap apart: Chinese breaks between any two
 * characters, and even text-wrap-style: pretty leaves "之一。" alone on a phone's last line.
 */
export function keptTail(text: string, chars = 6): Child[] {
  const all = Array.from(text);
  if (all.length <= chars) return [text];
  return [all.slice(0, -chars).join(""), h("span", { class: "kept-tail" }, all.slice(-chars).join(""))];
}

export function append(el: Element, children: Child[]) {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) append(el, c);
    else el.append(c instanceof Node ? c : String(c));
  }
}

let uid = 0;
export function id(prefix = "id"): string {
  return `${prefix}-${++uid}`;
}

/**
 * Replaces the children of `el`. If the focused element had an id that exists in the new
 * content, focus (and the caret of a text field) moves there, so a re-render does not throw
 * the keyboard user out of the panel.
 */
export function replace(el: Element, ...children: Child[]) {
  lastGiven.delete(el);
  const scrolls = [...el.querySelectorAll<HTMLElement>("[data-keep-scroll]")].map((s) => [s.dataset.keepScroll, s.scrollTop] as const);
  keepFocus(el, () => {
    el.replaceChildren();
    append(el, children);
  });
  for (const [key, top] of scrolls) {
    const s = el.querySelector<HTMLElement>(`[data-keep-scroll="${key}"]`);
    if (!s) continue;
    s.scrollTop = top;
  }
}

/** How near its end (px) a log's reader counts as reading the end. */
const END_SLACK = 24;

/**
 * A chat log that follows its end: while the reader is at the end (or within END_SLACK of it), the
 * log stays there whatever makes it taller — a line appended, a line rewrapped when the panel
 * narrows or a font arrives, the box itself shrinking as a note or the message box shows under it.
 * A reader who scrolled up to older lines is left where they are. Taken off the page and put back
 * (another tab, then this one), the log shows the end again, or the place the reader left.
 * `toEnd()` jumps to the end (a channel just opened); `restore()` puts the reader's place back.
 * The one home of this for every log (client/ui/talks-panel.ts, the players' and the facilitator's).
 */
export function followEnd(log: HTMLElement): { toEnd(): void; restore(): void } {
  let atEnd = true;
  let top = 0;
  /** Where this code last put the log: the scroll event that move fires says nothing of the reader. */
  let placed: number | undefined;
  /** The log's sizes when it was last placed: a scroll under other sizes is the browser's, and the observers below place the log again. */
  let sized = "";
  const size = () => `${log.scrollHeight}/${log.clientHeight}/${log.clientWidth}`;
  const shows = () => log.isConnected && log.clientHeight > 0;
  const place = (y: number) => {
    log.scrollTop = y;
    placed = log.scrollTop;
    sized = size();
  };
  const restore = () => {
    if (shows()) place(atEnd ? log.scrollHeight : top);
  };
  const toEnd = () => {
    atEnd = true;
    restore();
  };
  log.addEventListener("scroll", () => {
    if (!shows()) return;
    // Its own move's event can come after the lines rewrapped, and the browser moves a log whose
    // lines rewrap itself (scroll anchoring): neither says where the reader is.
    const own = log.scrollTop === placed;
    placed = undefined;
    if (own || (sized && size() !== sized)) return;
    atEnd = log.scrollHeight - log.scrollTop - log.clientHeight < END_SLACK;
    top = log.scrollTop;
  });
  // Anything that changes the log's size or its lines' sizes: stay at the end if the reader was there.
  const sizes = new ResizeObserver(() => restore());
  sizes.observe(log);
  for (const c of log.children) sizes.observe(c);
  new MutationObserver((changes) => {
    for (const c of changes) for (const n of c.addedNodes) if (n instanceof Element) sizes.observe(n);
    restore();
  }).observe(log, { childList: true });
  return { toEnd, restore };
}

/** What each element was last given by `replaceChanged`: its markup, and the elements it then showed. */
const lastGiven = new WeakMap<Element, { markup: string; shown: WeakSet<Element> }>();

/** A child's markup, with what `h` sets as properties (a field's value, a box's checked) written in. */
function markupOf(children: Child[]): string {
  let out = "";
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    if (Array.isArray(c)) out += markupOf(c);
    else if (c instanceof Element) {
      out += c.outerHTML;
      for (const f of c.querySelectorAll<HTMLInputElement>("input, select, textarea")) out += `\u0000${f.id}=${f.value}${f.checked ? "*" : ""}`;
    } else if (c instanceof Node) out += `\u0001${c.textContent}`;
    else out += `\u0001${String(c)}`;
  }
  return out;
}

/**
 * `replace`, unless the new content is the same as what `el` was last given: then the page keeps
 * the nodes it has, and with them an open list, a text selection, a screen reader's place, and
 * what was added to them since (glossary links, a reply under a button). For a panel drawn whole
 * on every patch, most patches change nothing it shows. Returns whether it replaced.
 */
export function replaceChanged(el: Element, ...children: Child[]): boolean {
  const markup = markupOf(children);
  const last = lastGiven.get(el);
  if (last && last.markup === markup && el.childNodes.length && !tookFrom(last.shown, children)) return false;
  replace(el, ...children);
  const shown = new WeakSet<Element>();
  for (const n of el.querySelectorAll("*")) shown.add(n);
  lastGiven.set(el, { markup, shown });
  return true;
}

/**
 * Whether building `children` took a shown element out of the page: a kept element (a link made
 * once, a reply box) put inside a new wrapper has moved there, so the new content must go in after
 * all. A kept element given as a child itself stays where it is until the content is replaced.
 */
function tookFrom(shown: WeakSet<Element>, children: Child[]): boolean {
  const check = (c: Child): boolean => {
    if (Array.isArray(c)) return c.some(check);
    if (!(c instanceof Element) || shown.has(c)) return false;
    for (const n of c.querySelectorAll("*")) if (shown.has(n)) return true;
    return false;
  };
  return children.some(check);
}

/**
 * Runs `change` on the content of `el`; if it took away the focused element, focus (and a text
 * field's caret) goes to the element with the same id (or data-focus) in the new content.
 */
export function keepFocus(el: Element, change: () => void) {
  const active = document.activeElement as HTMLElement | null;
  const focusId = active && el.contains(active) ? active.id || active.dataset.focus : undefined;
  const caret = active instanceof HTMLInputElement || active instanceof HTMLTextAreaElement ? ([active.selectionStart, active.selectionEnd, active.value] as const) : undefined;
  change();
  if (!focusId || (active && active.isConnected && document.activeElement === active)) return;
  const next = (el.querySelector(`#${CSS.escape(focusId)}`) ?? el.querySelector(`[data-focus="${CSS.escape(focusId)}"]`)) as HTMLElement | null;
  if (!next) return;
  next.focus({ preventScroll: true });
  if (caret && (next instanceof HTMLInputElement || next instanceof HTMLTextAreaElement) && next.value === caret[2]) {
    try {
      next.setSelectionRange(caret[0], caret[1]);
    } catch {
      // number inputs have no selection
    }
  }
}

/**
 * Makes `nodes` the children of `el`, touching the DOM only where they differ: a node kept
 * across renders is not moved (a moved node loses the focus and a tap aimed at it), rows that
 * left are removed, and new ones inserted where they belong.
 */
export function keepChildren(el: Element, nodes: readonly Node[]) {
  if (el.childNodes.length === nodes.length && nodes.every((n, i) => el.childNodes[i] === n)) return;
  const wanted = new Set(nodes);
  for (const c of [...el.childNodes]) if (!wanted.has(c)) c.remove();
  nodes.forEach((n, i) => {
    const at = el.childNodes[i];
    if (at !== n) el.insertBefore(n, at ?? null);
  });
}

/**
 * A list whose rows are made once per key, and made again only when their signature (a string
 * of everything the row shows) changes. A long game's lists cost nothing on a patch that does
 * not touch them, and the row under the pointer, the focus or a half-read preview stays put.
 */
export class KeyedRows<T> {
  private rows = new Map<string, { sig: string; el: Element }>();

  constructor(
    private readonly key: (item: T) => string,
    private readonly signature: (item: T) => string,
    private readonly make: (item: T) => Element,
  ) {}

  /** Puts the rows of `items` into `container`, in order, the unchanged ones untouched. */
  update(container: Element, items: readonly T[]) {
    const next = new Map<string, { sig: string; el: Element }>();
    const nodes = items.map((item) => {
      const key = this.key(item);
      const sig = this.signature(item);
      const old = this.rows.get(key);
      const row = old && old.sig === sig ? old : { sig, el: this.make(item) };
      next.set(key, row);
      return row.el;
    });
    this.rows = next;
    keepFocus(container, () => keepChildren(container, nodes));
  }
}

/** Sets a text node's or element's text only when it differs (no mutation, no reflow otherwise). */
export function setText(el: Node, text: string) {
  if (el.textContent !== text) el.textContent = text;
}

/** Sets or removes an attribute only when it differs. */
export function setAttr(el: Element, name: string, value: string | undefined) {
  if (value === undefined) {
    if (el.hasAttribute(name)) el.removeAttribute(name);
  } else if (el.getAttribute(name) !== value) el.setAttribute(name, value);
}

/** How long a line stays in a live region at least: a burst of announcements is all read before any leaves. */
const ANNOUNCED_MS = 30_000;
/** At most this many lines in a live region; beyond it, the oldest that have been there `ANNOUNCED_MS` leave. */
const ANNOUNCED_LINES = 5;

/**
 * Speaks a sentence through the polite (or assertive) live region: each its own line, ended by a
 * line break, so a region read whole (a screen reader's review of it, its text copied) gives one
 * announcement a line ("Offers for you: A1", "Offers for you: A2"), not "…: A1Offers for you: A2".
 * A line leaves only once it is old: a burst of more than five (new offers, a notice, a message)
 * dropped its first lines before a screen reader had read them.
 */
export function announce(text: string, urgent = false) {
  const region = document.getElementById(urgent ? "live-assertive" : "live-polite");
  if (!region) return;
  const line = document.createElement("p");
  line.textContent = `${text}\n`;
  line.dataset.at = String(Date.now());
  region.append(line);
  const old = Date.now() - ANNOUNCED_MS;
  for (let over = region.childElementCount - ANNOUNCED_LINES, first = region.firstElementChild as HTMLElement | null; over > 0 && first && Number(first.dataset.at ?? 0) < old; over--) {
    first.remove();
    first = region.firstElementChild as HTMLElement | null;
  }
}

/** Empties both live regions, once what they said is out of date. */
export function clearAnnouncements() {
  for (const id of ["live-polite", "live-assertive"]) document.getElementById(id)?.replaceChildren();
}

/** Saves a file made in the browser (a download), through a link clicked once. */
export function saveFile(name: string, blob: Blob) {
  const url = URL.createObjectURL(blob);
  const link = h("a", { href: url, download: name, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  // Not at once: the browser may read the file after the click returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A short-lived status line under a form, e.g. "Proposed." or a refusal. */
export function status(el: Element, text: string, kind: "ok" | "error" | "info" = "info") {
  el.textContent = text;
  el.className = `status status-${kind}`;
  el.setAttribute("role", kind === "error" ? "alert" : "status");
}

/** The trimmed text of a required field, or "" after saying why and moving the focus to it. */
export function requiredText(input: HTMLInputElement, msg: Element, missing: string): string {
  const text = input.value.trim();
  if (!text) {
    input.focus();
    status(msg, missing, "error");
  }
  return text;
}
