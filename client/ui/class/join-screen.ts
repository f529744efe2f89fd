/**
 * The join screen for a projector: the code in large type, a QR code of the short join link
 * (drawn by the `qrcode` package as SVG, loaded with the first join screen: a player's page
 * never needs it; on a game's projector drawn after the board's first frame), and the link
 * itself. Used by the class console and by a game's lobby on the projector.
 */
import { t } from "../../i18n/index.ts";
import type { JoinAddress } from "../../model/join-address.ts";
import { h } from "../dom.ts";

/** Letters of a code spaced for reading aloud and from the back of a room. */
export function spacedCode(code: string): string {
  return code.match(/.{1,3}/g)?.join(" ") ?? code;
}

const drawn = new Map<string, Promise<string>>();
const markups = new Map<string, string>();

type Options = {
  /** Below the code (the class's count of places taken). */
  extra?: HTMLElement | null;
  /** The QR code is drawn once it resolves (a game's projector: after the board's first frame). */
  after?: Promise<void>;
  /** Where students reach the site (the class console: ../../model/join-address.ts); by default this page's address, as it is. */
  where?: JoinAddress;
};

const here = (): JoinAddress => ({ host: window.location.host, origin: window.location.origin, others: [], unreachable: false });

/** The short join link is the site and the code: the start page opens that code's join form. */
export function joinScreen(code: string, title: string, { extra, after, where = here() }: Options = {}): HTMLElement {
  const link = `${where.origin}/${code}`;
  const qr = h("div", { class: "join-qr", role: "img", "aria-label": t("class.join.qr", { link }) });
  // Panels redraw often: the SVG is made once per link, and drawn at once when it is ready.
  // It comes from the library, built from our own link: no outside text goes into it.
  const show = (markup: string) => {
    qr.innerHTML = markup;
    qr.querySelector("svg")?.setAttribute("aria-hidden", "true");
  };
  const ready = markups.get(link);
  if (ready) show(ready);
  else
    // The library loads at once; the code is drawn once `after` resolves.
    void Promise.all([import("qrcode"), after]).then(([{ default: QRCode }]) => {
      let svg = drawn.get(link);
      if (!svg) drawn.set(link, (svg = QRCode.toString(link, { type: "svg", margin: 1, errorCorrectionLevel: "M", color: { dark: "#000000", light: "#ffffff" } })));
      void svg.then((markup) => {
        markups.set(link, markup);
        show(markup);
      });
    });
  return h(
    "section",
    { class: "join-screen", "aria-labelledby": "join-screen-h" },
    h("h2", { id: "join-screen-h", class: "join-title" }, title),
    h(
      "div",
      { class: "join-body" },
      h(
        "div",
        { class: "join-words" },
        h("p", { class: "join-step" }, t("class.join.step1")),
        // On a narrow screen the link breaks before the code, not inside it.
        h("p", { class: "join-url" }, h("a", { href: link }, `${where.host}/`, h("wbr"), code)),
        where.others.length ? h("p", { class: "join-others" }, t("class.join.others", { addresses: where.others.map((a) => `${a}/${code}`).join(t("misc.comma")) })) : null,
        where.unreachable ? h("p", { class: "join-warning", role: "note" }, h("strong", {}, t("class.join.localhost")), " ", t("class.join.localhost.fix")) : null,
        h("p", { class: "join-step" }, t("class.join.step2")),
        h("p", { class: "join-code", "aria-label": t("class.join.codeLabel", { code: code.split("").join(" ") }) }, spacedCode(code)),
        extra ?? null,
      ),
      qr,
    ),
  );
}
