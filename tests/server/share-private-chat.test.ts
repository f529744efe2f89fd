/**
 * A share link of a finished game leaves out the private talks (team, bilateral, minilateral
 * chat) unless the facilitator asked for them when making it (docs/PROTOCOL.md "Share links"):
 * a link travels further than the people who wrote those words expected. Checked on the raw
 * bytes of every file the link serves, in both languages; a link made with them has them, so a
 * search that could never match would fail the test.
 */
import { randomBytes } from "node:crypto";
import { afterEach, expect, it } from "vitest";
import { expectCleanDecoding, join, leaveAll, type Conn } from "../helpers/game-client.ts";
import { createGame, type ServerProcess } from "../helpers/server-process.ts";
import { serverPerFile } from "../helpers/server-per-file.ts";
import { eventually } from "../helpers/wait.ts";
import { replay } from "../../shared/engine/index.ts";
import type { DebriefReport, ShareCreated, ShareInfo } from "../../shared/protocol/debrief.ts";
import type { LogExport } from "../../server/debrief/exports.ts";

let server: ServerProcess;
serverPerFile((s) => (server = s));
afterEach(() => expectCleanDecoding());

const nonce = (what: string) => `${what}-${randomBytes(6).toString("hex")}`;

it("a share link leaves the private talks out of every file it serves unless the facilitator asked for them; a malformed choice is refused", async () => {
  const { code, facilitatorKey: key } = await createGame(server, {
    scenarioId: "classroom-quick",
    settings: { teams: true, bots: false, seed: 21, facilitatorReadsPrivate: true, eventSeconds: 600, negotiationSeconds: 3600, reviewSeconds: 600 },
  });
  const said = { plenary: nonce("plenary"), team: nonce("team"), bilateral: nonce("bilateral"), minilateral: nonce("minilateral") };
  const PRIVATE = [said.team, said.bilateral, said.minilateral];
  const fac = await join.facilitator(server.endpoint, code, key);
  const us = await join.player(server.endpoint, code, { name: "Ana", seat: "US" });
  const jp = await join.player(server.endpoint, code, { name: "Jun", seat: "JP" });
  const nl = await join.player(server.endpoint, code, { name: "Noor", seat: "NL" });
  const open: Conn[] = [fac, us, jp, nl];
  try {
    await fac.command({ type: "start" });
    await fac.command({ type: "advance" });
    await eventually(() => expect(us.view().phase).toBe("negotiation"));
    await us.ok({ type: "chat", channel: "plenary", text: said.plenary });
    await us.ok({ type: "chat", channel: "team:US", text: said.team });
    await us.ok({ type: "open-channel", members: ["JP"] });
    await jp.ok({ type: "chat", channel: "ch:JP+US", text: said.bilateral });
    await nl.ok({ type: "open-channel", members: ["JP", "US"] });
    await nl.ok({ type: "chat", channel: "ch:JP+NL+US", text: said.minilateral });
    await fac.command({ type: "end-game" });
    await eventually(() => expect(us.view().phase).toBe("ended"));

    const make = async (body?: unknown) => {
      const res = await fetch(`${server.url}/api/games/${code}/share`, {
        method: "POST",
        headers: { "x-facilitator-key": key, ...(body === undefined ? {} : { "content-type": "application/json" }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { status: res.status, body: (await res.json()) as ShareCreated & { error?: { code: string; message: string } } };
    };
    /** Every file a link serves, as bytes: its links, in Chinese too, and as downloads. */
    const files = async (share: ShareCreated) => {
      const links = Object.values(share.links).flatMap((l) => [l, `${l}&lang=zh-CN`, `${l}&download=1`]);
      return Promise.all(
        links.map(async (link) => {
          const res = await fetch(`${server.url}${link}`);
          expect(res.status, link).toBe(200);
          return { link, bytes: Buffer.from(await res.arrayBuffer()) };
        }),
      );
    };
    const has = (bytes: Buffer, text: string) => bytes.includes(Buffer.from(text, "utf8"));

    // Without a body (a client from before the choice) and with `false`: no private line anywhere.
    const quiet = [(await make()).body, (await make({ privateChat: false })).body];
    for (const share of quiet) {
      for (const { link, bytes } of await files(share)) for (const text of PRIVATE) expect(has(bytes, text), `${text} in ${link}`).toBe(false);
      const report = (await (await fetch(`${server.url}${share.links.report}`)).json()) as DebriefReport;
      expect(report.chat.messages.map((m) => m.text)).toEqual([said.plenary]);
      expect(report.chat.included).toEqual(["plenary", "broadcast"]);
      expect(report.chat.note.key).toBe("report.chat.shareNoPrivate");
      expect(report.chat.channels.map((c) => c.kind).sort()).toEqual(["broadcast", "plenary"]);
      const html = await (await fetch(`${server.url}${share.links.html}&lang=en`)).text();
      expect(html).toContain(said.plenary);
      expect(html).toContain("This link leaves out the private talks");
      // Its log still replays the whole game; only the private words are withheld.
      const log = (await (await fetch(`${server.url}${share.links.log}`)).json()) as LogExport;
      expect(log.privateChat).toBe("withheld");
      expect(JSON.stringify(log)).toContain(said.plenary);
      expect(JSON.stringify(log)).toContain("[private message withheld]");
      expect(replay(log.setup, log.actions).phase).toBe("ended");
    }

    // Asked for: the private talks are in the report, its HTML and its log.
    const told = await make({ privateChat: true });
    expect(told.status).toBe(201);
    const byLink = new Map((await files(told.body)).map((f) => [f.link, f.bytes]));
    for (const link of [told.body.links.report, told.body.links.html, told.body.links.log, `${told.body.links.html}&lang=zh-CN`])
      for (const text of [said.plenary, ...PRIVATE]) expect(has(byLink.get(link)!, text), `${text} in ${link}`).toBe(true);
    const full = (await (await fetch(`${server.url}${told.body.links.report}`)).json()) as DebriefReport;
    expect(full.chat.included).toEqual(["plenary", "broadcast", "team", "bilateral", "minilateral"]);
    expect(((await (await fetch(`${server.url}${told.body.links.log}`)).json()) as LogExport).privateChat).toBe("included");

    // The facilitator's list says which link reads them.
    const listed = (await (await fetch(`${server.url}/api/games/${code}/shares`, { headers: { "x-facilitator-key": key } })).json()) as { shares: ShareInfo[] };
    expect(listed.shares.map((s) => [s.id, s.privateChat])).toEqual([
      [quiet[0]!.id, false],
      [quiet[1]!.id, false],
      [told.body.id, true],
    ]);

    // A hostile or mistaken request: refused with a reason that names the field, and no link made.
    for (const body of [{ privateChat: "yes" }, { privateChat: 1 }, { privateChat: null }, { privateChat: true, everything: true }, ["privateChat"]]) {
      const refused = await make(body);
      expect(refused.status, JSON.stringify(body)).toBe(400);
      expect(refused.body.error?.code).toBe("input/invalid");
      expect(refused.body.error?.message, JSON.stringify(body)).toMatch(/privateChat|everything|must be a group of fields/);
    }
    expect((await make({ privateChat: "yes" })).body.error?.message).toBe("privateChat: privateChat is true or false");
    const after = (await (await fetch(`${server.url}/api/games/${code}/shares`, { headers: { "x-facilitator-key": key } })).json()) as { shares: ShareInfo[] };
    expect(after.shares).toHaveLength(3);
  } finally {
    await leaveAll(...open);
  }
});
