/**
 * Wrong class codes from one address (docs/PROTOCOL.md, "Classes"): past 60 a minute the address
 * is refused, as guessing codes should be, yet a school shares one address, so a pupil typing
 * wrong codes must not lock the teacher out of their console nor a placed student out of their
 * place: the facilitator key and a place token still get through. A locked request without its
 * secret is refused alike whether the code exists or not.
 */
import { describe, expect, it } from "vitest";
import type { ClassJoinReply, CreateClassReply } from "../../shared/protocol/classes.ts";
import type { ServerProcess } from "../helpers/server-process.ts";
import { serverPerFile } from "../helpers/server-per-file.ts";

let server: ServerProcess;
serverPerFile((s) => (server = s));

async function send(method: string, path: string, body?: unknown, key?: string, headers: Record<string, string> = {}): Promise<{ status: number; body: any }> {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: { "content-type": "application/json", ...(key ? { "x-facilitator-key": key } : {}), ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: await res.json() };
}

describe("an address locked for wrong class codes", () => {
  it("still lets the teacher's key and a placed student's token through, on every request her page makes, and refuses everything else alike", async () => {
    const created = (await send("POST", "/api/classes", { scenarioId: "classroom-quick", tables: 1 })).body as CreateClassReply;
    const key = created.facilitatorKey;
    const ana = (await send("POST", `/api/classes/${created.code}/join`, { name: "Ana" })).body as ClassJoinReply;
    expect(ana.token).toBeTruthy();

    // One pupil mistypes (or tries codes) until the address is locked.
    const misses: number[] = [];
    for (let i = 0; i < 60; i++) misses.push((await send("GET", `/api/classes/NOPE${String(i).padStart(2, "0")}`)).status);
    expect(new Set(misses)).toEqual(new Set([404]));
    expect((await send("GET", "/api/classes/NOPE99")).status).toBe(429);

    // Without a secret, the real class and a made-up one get the same refusal.
    const info = await send("GET", `/api/classes/${created.code}`);
    expect(info.status).toBe(429);
    expect(info.body.error.code).toBe("rate/limited");
    expect((await send("POST", `/api/classes/${created.code}/join`, { name: "Bea" })).status).toBe(429);
    expect((await send("GET", `/api/classes/${created.code}/status`, undefined, "not-the-key")).status).toBe(429);
    expect((await send("GET", `/api/classes/NOPE99/status`, undefined, key)).status).toBe(429);

    // The teacher's console and command work with the class's key.
    const status = await send("GET", `/api/classes/${created.code}/status`, undefined, key);
    expect(status.status).toBe(200);
    expect(status.body.roster.map((s: { name: string }) => s.name)).toEqual(["Ana"]);
    expect((await send("POST", `/api/classes/${created.code}/command`, { type: "pause" }, key)).status).toBe(200);

    // Ana, placed before, gets her place back with her token (a reload of her page).
    const back = await send("POST", `/api/classes/${created.code}/join`, { name: "Ana", token: ana.token });
    expect(back.status).toBe(200);
    expect(back.body).toEqual(ana);

    // Her page on its way back (client/ui/start-page.ts) looks the code up as a game, then the
    // class's info, each with her place token; wrong codes typed on the start page lock the games' route too.
    for (let i = 0; i < 61; i++) await send("GET", `/api/games/WRNG${String(i).padStart(2, "0")}`);
    const mine = { "x-place-token": ana.token };
    const wrong = { "x-place-token": "x".repeat(ana.token.length) };
    expect((await send("GET", `/api/games/${created.code}`)).status).toBe(429);
    expect((await send("GET", `/api/games/${created.code}`, undefined, undefined, wrong)).status).toBe(429);
    const lobby = await send("GET", `/api/games/${created.code}`, undefined, undefined, mine);
    expect(lobby).toEqual({ status: 200, body: { class: created.code } });
    expect((await send("GET", `/api/classes/${created.code}`)).status).toBe(429);
    expect((await send("GET", `/api/classes/${created.code}`, undefined, undefined, wrong)).status).toBe(429);
    const again = await send("GET", `/api/classes/${created.code}`, undefined, undefined, mine);
    expect(again.status).toBe(200);
    expect(again.body.students).toBe(1);
    expect(await send("POST", `/api/classes/${created.code}/join`, { name: "Ana", token: ana.token })).toEqual({ status: 200, body: ana });
  });
});
