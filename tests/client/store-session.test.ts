/** The store and what the browser remembers per game (so a refresh returns to the same seat). */
import { describe, expect, it } from "vitest";
import { memoryStorage, SessionMemory } from "../../client/net/session-memory.ts";
import { Store } from "../../client/state/store.ts";
import { decodeMap, decodeRing, inShape, shapeAt, type MapFile } from "../../client/model/map-geo.ts";
import world from "../../assets/map/world.json";

describe("store", () => {
  it("notifies subscribers with the new and the previous state", () => {
    const store = new Store();
    const seen: string[] = [];
    const off = store.subscribe((s, prev) => seen.push(`${prev.status}->${s.status}`));
    store.set({ status: "connecting" });
    store.set({ status: "connected" });
    off();
    store.set({ status: "lost" });
    expect(seen).toEqual(["idle->connecting", "connecting->connected"]);
  });
  it("keeps the last twenty notices", () => {
    const store = new Store();
    for (let i = 0; i < 25; i++) store.notice({ kind: "info", text: { key: "server.notice.muted", args: { minutes: i } } }, i);
    expect(store.get().notices.map((n) => n.text.args?.minutes)).toEqual(Array.from({ length: 20 }, (_, i) => i + 5));
  });
});

describe("session memory", () => {
  it("a refreshed tab resumes as what it was; a new tab prefers the facilitator key", () => {
    const local = memoryStorage();
    const tab = memoryStorage();
    const m = new SessionMemory(local, tab);
    expect(m.resumeAs("HQ4M9C")).toBeUndefined();
    m.update("hq4m9c", { player: { name: "Ana", token: "t".repeat(24), seat: "US" } }, "player");
    expect(m.resumeAs("HQ4M9C")).toBe("player");
    m.update("HQ4M9C", { facilitator: { key: "k".repeat(24) } });
    expect(m.resumeAs("HQ4M9C")).toBe("player"); // this tab was the player
    expect(new SessionMemory(local, memoryStorage()).resumeAs("HQ4M9C")).toBe("facilitator"); // a new tab
    m.forget("HQ4M9C", "player");
    expect(m.resumeAs("HQ4M9C")).toBe("facilitator");
    expect(m.get("HQ4M9C").player).toBeUndefined();
  });
  it("knows a quick game this browser made, and one whose lobby said so", () => {
    const m = new SessionMemory(memoryStorage(), memoryStorage());
    expect(m.quickGame("HQ4M9C")).toBe(false);
    m.update("HQ4M9C", { created: { scenarioId: "classroom-quick", settings: { quickStart: true } } });
    expect(m.quickGame("HQ4M9C")).toBe(true);
    m.update("JKLMNP", { created: { scenarioId: "classroom-quick", settings: { quickStart: false } } });
    expect(m.quickGame("JKLMNP")).toBe(false);
    m.update("QRSTUV", { quick: true });
    expect(m.quickGame("QRSTUV")).toBe(true);
  });
  it("keeps read marks per game and survives garbage", () => {
    const local = memoryStorage();
    const m = new SessionMemory(local, memoryStorage());
    m.saveReadMarks("HQ4M9C", { plenary: 4 });
    expect(m.readMarks("HQ4M9C")).toEqual({ plenary: 4 });
    local.setItem("chokepoint:game:HQ4M9C", "{not json");
    expect(m.get("HQ4M9C")).toEqual({});
  });
});

describe("the precomputed map", () => {
  const map = decodeMap(world as unknown as MapFile);
  it("holds the Natural Earth countries by ISO numeric code, and small states as dots", () => {
    expect(map.shapes.size).toBeGreaterThan(220);
    for (const iso of ["840", "528", "392", "156", "356", "360", "404", "704", "702"]) expect(map.shapes.has(iso), iso).toBe(true);
    expect(map.shapes.get("702")!.dot).toBe(true); // Singapore
  });
  it("decodes delta rings and finds the country under a point (holes excluded)", () => {
    expect(decodeRing([10, 10, 5, 0, 0, 5, -5, 0])).toEqual([10, 10, 15, 10, 15, 15, 10, 15]);
    const us = map.shapes.get("840")!;
    expect(inShape(us, us.at[0], us.at[1])).toBe(true);
    expect(shapeAt(map.shapes, us.at[0], us.at[1])?.id).toBe("840");
    const lesotho = map.shapes.get("426")!;
    expect(inShape(map.shapes.get("710")!, lesotho.at[0], lesotho.at[1])).toBe(false); // South Africa's hole
    expect(shapeAt(map.shapes, 5, 5)).toBeUndefined(); // ocean
  });
  it("no ring jumps across the map (antimeridian cut)", () => {
    for (const s of map.shapes.values())
      for (const r of s.rings)
        for (let i = 2; i < r.length; i += 2) expect(Math.abs(r[i]! - r[i - 2]!), s.name).toBeLessThan(map.width / 2);
  });
});
