/**
 * A browser loads a translation in two parts (client/i18n/languages.ts `loadCatalogPart`): the
 * start page draws with the first, and every other screen waits for `wholeCatalogReady` before
 * it draws, so none shows a word of the later part in English.
 */
import { afterEach, describe, expect, it } from "vitest";
import { en, type Key } from "../../client/i18n/en.ts";
import { t, useCatalog, wholeCatalogReady } from "../../client/i18n/index.ts";
import { loadCatalogPart } from "../../client/i18n/languages.ts";
import { zhCN } from "../../client/i18n/zh-CN.ts";

afterEach(() => useCatalog(en, "en"));

describe("a catalog in parts", () => {
  it("reads the start page's words at once and the later part's once wholeCatalogReady has resolved, asked once however often it is awaited", async () => {
    const first = await loadCatalogPart("zh-CN", "first");
    let asked = 0;
    useCatalog(first, "zh-CN", () => (asked++, loadCatalogPart("zh-CN", "later")));
    const console: Key = "console.title";
    expect(t("start.quick.submit")).toBe(zhCN["start.quick.submit"]);
    expect(t(console)).toBe(en[console]);
    await Promise.all([wholeCatalogReady(), wholeCatalogReady()]);
    await wholeCatalogReady();
    expect(asked).toBe(1);
    expect(t(console)).toBe(zhCN[console]);
    expect(t("start.quick.submit")).toBe(zhCN["start.quick.submit"]);
  });

  it("resolves when the later part fails to come (the words read in English) and asks again on the next call", async () => {
    let asked = 0;
    useCatalog(await loadCatalogPart("zh-CN", "first"), "zh-CN", () => (++asked === 1 ? Promise.reject(new Error("offline")) : loadCatalogPart("zh-CN", "later")));
    await wholeCatalogReady();
    expect(t("refusal.gameOver")).toBe(en["refusal.gameOver"]);
    await wholeCatalogReady();
    expect(asked).toBe(2);
    expect(t("refusal.gameOver")).toBe(zhCN["refusal.gameOver"]);
  });

  it("a whole catalog has nothing to wait for", async () => {
    useCatalog(zhCN, "zh-CN");
    await wholeCatalogReady();
    expect(t("refusal.gameOver")).toBe(zhCN["refusal.gameOver"]);
  });
});
