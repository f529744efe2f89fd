/**
 * One address cannot fill a class before the students arrive (docs/PROTOCOL.md, "Classes";
 * docs/TEACHING.md, "Class mode"): it places at most so many students in one class over the
 * class's life, and the places of students who never came to their table lapse when an arriving
 * student finds the class full, so a real student from another address gets one. A student who
 * came to their table keeps their place.
 */
import { afterAll, afterEach, expect, it } from "vitest";
import { expectCleanDecoding, join, leaveAll, type Conn } from "../helpers/game-client.ts";
import type { ServerProcess } from "../helpers/server-process.ts";
import { serverPerFile } from "../helpers/server-per-file.ts";
import { classHttp } from "../helpers/class-http.ts";
import { httpRequest } from "../helpers/http-request.ts";
import { eventually } from "../helpers/wait.ts";
import type { ClassInfo, ClassJoinReply, CreateClassReply } from "../../shared/protocol/classes.ts";
import { t } from "../../client/i18n/index.ts";

let server: ServerProcess;
const conns: Conn[] = [];
serverPerFile((s) => (server = s), { env: { CLASS_PLACES_PER_ADDRESS: "4", CLASS_PLACE_LAPSE_SECONDS: "3" } });
afterAll(() => leaveAll(...conns));
afterEach(() => expectCleanDecoding());

const { post, status } = classHttp(() => server);
const joinFrom = (from: string, code: string, name: string) =>
  httpRequest(Number(new URL(server.url).port), "POST", `/api/classes/${code}/join`, { headers: { "content-type": "application/json" }, body: JSON.stringify({ name }), localAddress: from });

it("one address places only so many students in a class; places nobody took lapse for a real student, a student at her table keeps hers", async () => {
  const created = await post<CreateClassReply>("/api/classes", { scenarioId: "classroom-quick", tables: 1, settings: { teams: false, bots: true, seed: 3 } });
  const info = (await (await fetch(`${server.url}/api/classes/${created.code}`)).json()) as ClassInfo;
  expect(info.capacity).toBeGreaterThan(5);

  // Ana comes first and sits at her table.
  const ana = (await joinFrom("127.0.0.2", created.code, "Ana")).body as unknown as ClassJoinReply;
  const anaConn = await join.player(server.endpoint, ana.game, { name: "Ana", seat: ana.seat, place: ana.token });
  conns.push(anaConn);

  // One address makes names up: four placed, the fifth refused in plain words.
  for (let i = 0; i < 4; i++) expect((await joinFrom("127.0.0.3", created.code, `Fake ${i}`)).status).toBe(201);
  const capped = await joinFrom("127.0.0.3", created.code, "Fake 4");
  expect(capped.status).toBe(429);
  expect(capped.body.error).toMatchObject({ code: "class/address_full", message: t("http.classAddressFull", { n: 4 }) });

  // Other addresses fill the rest, until the class is full.
  for (let i = 0; i < info.capacity - 5; i++) expect((await joinFrom(`127.0.1.${10 + i}`, created.code, `Other ${i}`)).status).toBe(201);
  // A real student arrives from yet another address: once the places nobody took are old enough, she gets one.
  let bea: ClassJoinReply | undefined;
  await eventually(async () => {
    const r = await joinFrom("127.0.0.9", created.code, "Bea");
    if (r.status !== 201) expect(r.body.error).toMatchObject({ code: "class/full" });
    expect(r.status).toBe(201);
    bea = r.body as unknown as ClassJoinReply;
  }, { timeout: 30_000, interval: 500 });
  const roster = (await status(created.code, created.facilitatorKey)).roster.map((s) => s.name);
  expect(roster).toContain("Ana");
  expect(roster).toContain("Bea");
  // The made-up names placed long enough ago gave their places up (those placed since may wait their turn).
  expect(roster.filter((n) => n.startsWith("Fake")).length).toBeLessThan(4);
  // Bea takes her seat with her place token; Ana is still at hers.
  const beaConn = await join.player(server.endpoint, bea!.game, { name: "Bea", seat: bea!.seat, place: bea!.token });
  conns.push(beaConn);
  expect(beaConn.welcome.seat).toBe(bea!.seat);
  expect(anaConn.view().phase).toBe("lobby");
});
