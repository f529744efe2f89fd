/**
 * The gradebook of a game stored before the store kept the seats people left
 * (HolderRecord.held undefined, server/storage/store.ts): a student no longer in a seat is still
 * listed when the game's log names them (the seat a bot took over from them,
 * server/debrief/seat-turns.ts), or with no seat when they have actions of their own; someone who
 * only waited in the lobby is not. A holder of the new code lists the seats it left.
 */
import { afterEach, expect, it } from "vitest";
import { en } from "../../client/i18n/en.ts";
import { useCatalog } from "../../client/i18n/index.ts";
import { ministriesAside } from "../../client/model/format.ts";
import { gradebookHeader, gradebookRows } from "../../server/classes/class-csv.ts";
import { wordsFor } from "../../server/debrief/words.ts";
import { SqliteStore } from "../../server/storage/sqlite-store.ts";
import { FACILITATOR, Recorder, SEAT, SETTINGS, SYSTEM, classroom, storeGame } from "../debrief/fixtures.ts";

let store: SqliteStore | undefined;
afterEach(async () => store?.close());

function playedGame(): Recorder {
  const scenario = classroom();
  const g = new Recorder({ scenario, settings: { seed: "3", rounds: scenario.rounds, teams: false, facilitatorReadsPrivate: true, channels: "open" } });
  g.act(FACILITATOR, { type: "start" });
  g.advance();
  g.act(SEAT("US"), { type: "chat", channel: "plenary", text: "The United States is here." });
  g.act(SEAT("JP"), { type: "chat", channel: "plenary", text: "Japan too." });
  // The facilitator freed the US: a bot took it over from Ana. Japan's Bo was taken off with bots off at the time: no handover.
  g.act(FACILITATOR, { type: "log-seat", change: "freed", seat: "US" });
  g.act(SYSTEM, { type: "log-seat", change: "to-bot", seat: "US", names: ["Ana"] });
  g.act(FACILITATOR, { type: "log-seat", change: "freed", seat: "JP" });
  return g;
}

it("lists the students of an old game who left their seats, from its log; not those who only waited", async () => {
  store = new SqliteStore(":memory:");
  const g = playedGame();
  await storeGame(store, "OLDGBK", g, "k");
  // Actions by person, as the room appends them (the log above holds them without `by`).
  await store.appendAction("OLDGBK", { seq: g.log.length, action: { actor: SEAT("JP"), move: { type: "chat", channel: "plenary", text: "Still Japan." } }, at: 1, by: "bo" });
  for (const h of [
    { id: "ana", seat: null, roles: [], name: "Ana", token: "t1" },
    { id: "bo", seat: null, roles: [], name: "Bo", token: "t2" },
    { id: "chloe", seat: "IN", roles: ["diplomat", "regulator", "envoy"], name: "Chloe", token: "t3" },
    { id: "lee", seat: null, roles: [], name: "Lee", token: "t4" },
  ])
    await store.saveHolder("OLDGBK", h);
  const record = (await store.getGame("OLDGBK"))!;
  const rows = await gradebookRows(store, record, 2, await wordsFor("en", record.scenario));
  // A game without teams: no ministry to name (everyone holds all three).
  expect(rows.map((r) => r.slice(0, 8))).toEqual([
    ["2", "OLDGBK", "Ana", "United States", "", "taken off the seat by the facilitator", "0", "from round 1"],
    ["2", "OLDGBK", "Bo", "", "", "taken off the seat by the facilitator", "1", ""],
    ["2", "OLDGBK", "Chloe", "India", "", "still in the seat", "0", ""],
  ]);
});

it("lists a holder of the new code with every seat it played, and not one whose seats changed only in the lobby", async () => {
  store = new SqliteStore(":memory:");
  await storeGame(store, "NEWGBK", playedGame(), "k", { ...SETTINGS, teams: true });
  await store.saveHolder("NEWGBK", { id: "ana", seat: "NL", roles: ["envoy"], name: "Ana", token: "t1", held: [{ seat: "US", roles: ["diplomat", "regulator"] }] });
  await store.saveHolder("NEWGBK", { id: "lee", seat: null, roles: [], name: "Lee", token: "t2", held: [] });
  await store.saveHolder("NEWGBK", { id: "mo", seat: null, roles: [], name: "Mo", token: "t3", held: [{ seat: "CN", roles: ["envoy"], atEnd: true }] });
  const record = (await store.getGame("NEWGBK"))!;
  // Chinese words; the country names are the record's (the routes pass it translated: server/classes/routes.ts).
  const rows = await gradebookRows(store, record, 1, await wordsFor("zh-CN", record.scenario));
  expect(rows.map((r) => r.slice(2, 6))).toEqual([
    // The ministries she held in each seat, as the table's console names them: alone at the
    // Netherlands, the one she took, not the three she acts for there while nobody holds them.
    ["Ana", "United States → Netherlands", "外交官、监管官员 → 经济特使", "仍在席位上"],
    ["Mo", "China", "经济特使", "仍在席位上"],
  ]);
});

it("says a table still playing is not over yet, not that it missed its targets", async () => {
  store = new SqliteStore(":memory:");
  await storeGame(store, "RUNGBK", playedGame(), "k");
  await store.saveHolder("RUNGBK", { id: "chloe", seat: "IN", roles: ["diplomat", "regulator", "envoy"], name: "Chloe", token: "t3", held: [] });
  const record = (await store.getGame("RUNGBK"))!;
  const outcome = gradebookHeader(await wordsFor("en", record.scenario)).indexOf("table outcome");
  const rows = await gradebookRows(store, record, 1, await wordsFor("en", record.scenario));
  expect(rows.map((r) => r[outcome])).toEqual(["not over yet"]);
});

it("names the ministries each student of a teams game holds, as the table's console names them: alone at a country the one they took, not the three they act for", async () => {
  store = new SqliteStore(":memory:");
  await storeGame(store, "TEAMGB", playedGame(), "k", { ...SETTINGS, teams: true });
  await store.saveHolder("TEAMGB", { id: "ana", seat: "NL", roles: ["diplomat"], name: "Ana", token: "t1", held: [] });
  await store.saveHolder("TEAMGB", { id: "bo", seat: "IN", roles: ["diplomat"], name: "Bo", token: "t2", held: [] });
  await store.saveHolder("TEAMGB", { id: "cy", seat: "IN", roles: ["envoy"], name: "Cy", token: "t3", held: [] });
  await store.saveHolder("TEAMGB", { id: "dee", seat: "JP", roles: ["diplomat", "regulator"], name: "Dee", token: "t4", held: [] });
  await store.saveHolder("TEAMGB", { id: "eli", seat: "US", roles: ["diplomat", "regulator", "envoy"], name: "Eli", token: "t5", held: [] });
  const record = (await store.getGame("TEAMGB"))!;
  const rows = await gradebookRows(store, record, 1, await wordsFor("en", record.scenario));
  expect(rows.map((r) => r.slice(2, 5))).toEqual([
    ["Ana", "Netherlands", "Diplomat"],
    ["Bo", "India", "Diplomat"],
    ["Cy", "India", "Economic envoy"],
    ["Dee", "Japan", "Diplomat, Regulator"],
    ["Eli", "United States", "all three ministries"],
  ]);
  // As the table's console names them beside each person's name (client/model/format.ts ministriesAside).
  useCatalog(en, "en");
  expect((await store.holders("TEAMGB")).map((h) => `${h.name}${ministriesAside(true, h.roles)}`)).toEqual(["Ana (Diplomat)", "Bo (Diplomat)", "Cy (Economic envoy)", "Dee (Diplomat, Regulator)", "Eli"]);
});
