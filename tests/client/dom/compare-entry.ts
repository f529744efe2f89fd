/**
 * The comparison page alone, for tests/client/compare-page-dom.test.ts: mounted with the
 * facilitator key of every game kept in this browser; the test answers its request for the
 * comparison itself.
 */
import "../../../client/styles.css";
import "../../../client/class.css";
import { mountComparePage } from "../../../client/ui/compare/compare-page.ts";
import { SessionMemory } from "../../../client/net/session-memory.ts";
import { startLanguage } from "../../../client/ui/language.ts";

const api = {
  async mount(codes: string[]) {
    const memory = new SessionMemory(localStorage, sessionStorage);
    for (const code of codes) memory.update(code, { facilitator: { key: "the-class-key-0123456789" } });
    await mountComparePage(document.getElementById("host")!, { codes, memory });
  },
};

(window as unknown as { comparePage: typeof api }).comparePage = api;
void startLanguage(true).then(() => (document.body.dataset.ready = "1"));
