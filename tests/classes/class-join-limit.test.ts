/**
 * Placing students from one address (docs/PROTOCOL.md, "Classes"): the class code is on the
 * projector, so one address may not fill a class with made-up names, yet a school's students,
 * who share one address, still all get in: 40 a minute per class, 120 a minute across classes.
 */
import { describe, expect, it } from "vitest";
import { PLACEMENTS, placementLimits } from "../../server/classes/routes.ts";
import type { ClassInfo, ClassJoinReply, CreateClassReply } from "../../shared/protocol/classes.ts";
import type { ServerProcess } from "../helpers/server-process.ts";
import { serverPerFile } from "../helpers/server-per-file.ts";

let server: ServerProcess;
serverPerFile((s) => (server = s));

async function post<T>(path: string, body: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(`${server.url}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as T };
}
const newClass = async (tables: number) => (await post<CreateClassReply>("/api/classes", { scenarioId: "classroom-quick", tables, settings: { teams: true } })).body;
const info = async (code: string) => (await (await fetch(`${server.url}/api/classes/${code}`)).json()) as ClassInfo;
type Refusal = { error: { code: string; message: string } };

describe("one address filling a class", () => {
  it("is refused with 429 rate/limited past 40 students a minute while the class still has room; a placed student's token still brings them back", async () => {
    const c = await newClass(3);
    expect((await info(c.code)).capacity).toBe(63);
    const placed: ClassJoinReply[] = [];
    for (let i = 0; i < PLACEMENTS.perClass; i++) {
      const r = await post<ClassJoinReply>(`/api/classes/${c.code}/join`, { name: `Bogus ${i}` });
      expect(r.status).toBe(201);
      placed.push(r.body);
    }
    const refused = await post<Refusal>(`/api/classes/${c.code}/join`, { name: "Bogus 41" });
    expect(refused.status).toBe(429);
    expect(refused.body.error).toMatchObject({ code: "rate/limited", message: "Many students have just joined from this network; wait a minute and join again." });
    // The rest of the class is still free for the real students.
    expect((await info(c.code)).students).toBe(40);
    // A student who is already placed comes back to their place (a refresh) all the same.
    const back = await post<ClassJoinReply>(`/api/classes/${c.code}/join`, { name: "Bogus 0", token: placed[0]!.token });
    expect(back.status).toBe(200);
    expect(back.body).toEqual(placed[0]);
  });

  it("counts across classes too: 120 a minute from one address", async () => {
    // 40 already placed by the test above, within the minute; three more classes of 40 reach 120 and more.
    const classes = [await newClass(2), await newClass(2), await newClass(2)];
    const statuses: number[] = [];
    for (const c of classes) for (let i = 0; i < 30; i++) statuses.push((await post(`/api/classes/${c.code}/join`, { name: `Student ${i}` })).status);
    expect(statuses.slice(0, 80)).toEqual(Array(80).fill(201));
    expect(statuses.slice(80)).toEqual(Array(10).fill(429));
    expect((await info(classes[2]!.code)).students).toBe(20);
  });
});

describe("the limit's window", () => {
  it("lets a class of 60 behind one school address in within about a minute, each refused student trying again 10 s later", () => {
    const limits = placementLimits();
    const waiting = Array.from({ length: 60 }, (_, i) => i);
    const joinedAt: number[] = [];
    for (let now = 0; waiting.length && now <= 10 * 60_000; now += 10_000) {
      for (const student of [...waiting]) {
        if (limits.blocked("school", "CLASS1", now)) break;
        limits.hit("school", "CLASS1", now);
        joinedAt.push(now);
        waiting.splice(waiting.indexOf(student), 1);
      }
    }
    expect(joinedAt).toHaveLength(60);
    expect(joinedAt.filter((t) => t === 0)).toHaveLength(40);
    expect(Math.max(...joinedAt)).toBe(60_000);
    // Another class at the same school, in the same minute, is not held back by the first.
    expect(limits.blocked("school", "CLASS2", 60_000)).toBe(false);
  });
});
