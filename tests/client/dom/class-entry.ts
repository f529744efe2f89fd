/**
 * The class console alone in a page, for tests/client/class-page-dom.test.ts: mounted with the
 * class's key already kept; the test answers its requests (status, commands) itself. It reads
 * the class every half second rather than every 4 s: the tests that wait for its next read
 * (a change of the tables, a reply that stays) wait the same way, and less.
 */
import "../../../client/styles.css";
// As the app loads it (client/main.ts): the class console's own rules.
import "../../../client/class.css";
import { mountClassPage } from "../../../client/ui/class/class-page.ts";
import { startLanguage } from "../../../client/ui/language.ts";

const api = {
  async mount(code: string) {
    localStorage.setItem(`chokepoint:class:${code}`, "the-class-key-0123456789");
    await mountClassPage(document.getElementById("host")!, { code, storage: localStorage, tab: sessionStorage, pollMs: 500 });
  },
};

(window as unknown as { classPage: typeof api }).classPage = api;
// The reader's language first, the whole catalog, as client/main.ts loads it before a page other than the start page.
void startLanguage(true).then(() => (document.body.dataset.ready = "1"));
