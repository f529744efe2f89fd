/**
 * Bots at a live table on the real server: one person (Indonesia) and bots in every other
 * seat of classroom quick start. An offer made after every bot has said it is ready is still
 * answered, with a reason, before the negotiation ends; "what would it take?" returns terms
 * the bot then signs when they are offered; once the person is ready, bots only answer.
 */
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { join, leaveAll, type Conn, expectCleanDecoding } from "../helpers/game-client.ts";
import { createGame, type ServerProcess } from "../helpers/server-process.ts";
import { serverPerFile } from "../helpers/server-per-file.ts";
import { eventually } from "../helpers/wait.ts";
import type { AskBotAnswer } from "../../shared/protocol/messages.ts";
import type { Agreement } from "../../shared/engine/types.ts";
import type { Action } from "../../shared/engine/actions.ts";
import type { Text } from "../../shared/engine/text.ts";
import { say } from "../helpers/words.ts";
import { getScenario } from "../../server/scenarios.ts";

const english = (t: Text) => say(t, getScenario("classroom-quick"));

let server: ServerProcess;
serverPerFile((s) => (server = s), { botDelayMs: 15 });

afterEach(() => expectCleanDecoding());

/** Every seat but Indonesia's, which a person holds. */
const BOTS = getScenario("classroom-quick")!.countries.filter((c) => c.control === "seat" && c.id !== "ID").map((c) => c.id);
/** Indonesia sells Japan critical minerals at a price Japan will not pay. */
const DEAR = { terms: { type: "supply" as const, suppliers: ["ID"], buyers: ["JP"], sector: "minerals" as const, volume: 4, price: 2, coInvest: 0 }, parties: ["ID", "JP"], duration: 2 };

describe("bots at a live table", () => {
  let fac: Conn, id: Conn;
  let code = "", key = "";
  const agreement = (aid: string): Agreement | undefined => id.view().agreements.find((a) => a.id === aid);

  afterAll(() => leaveAll(fac, id));

  /** Indonesia proposes a draft; returns the new offer's id. */
  const propose = (draft: unknown) => id.propose(draft);

  it("take every empty seat and say they are ready once they have nothing to do", async () => {
    const created = await createGame(server, {
      scenarioId: "classroom-quick",
      settings: { rounds: 2, bots: true, seed: 7, eventSeconds: 600, negotiationSeconds: 600, reviewSeconds: 600 },
    });
    ({ code, facilitatorKey: key } = created);
    fac = await join.facilitator(server.endpoint, code, key);
    id = await join.player(server.endpoint, code, { name: "Ida", seat: "ID" });
    await fac.command({ type: "start" });
    await fac.command({ type: "advance" });
    await eventually(() => expect(id.view().phase).toBe("negotiation"));
    await eventually(() => expect(id.view().ready.sort()).toEqual([...BOTS].sort()), { timeout: 20_000 });
  });

  it("'what would it take?' returns terms the bot then signs when they are offered", async () => {
    const refused = await id.askBot({ seat: "ID", draft: DEAR });
    expect(refused).toMatchObject({ ok: false, error: { code: "rule/not_a_bot" } });
    // The first of a few dear sales for which a bot names cheaper terms it would sign.
    let found: { bot: string; answer: NonNullable<AskBotAnswer["answer"]> } | undefined;
    const tries = ["JP", "US"].flatMap((bot) => (["energy", "minerals"] as const).flatMap((sector) => [5, 3, 2].map((price) => ({ bot, sector, price }))));
    for (const { bot, sector, price } of tries) {
      const draft = { terms: { ...DEAR.terms, buyers: [bot], sector, price }, parties: ["ID", bot], duration: 2 };
      const reply = await id.askBot({ seat: bot, draft });
      expect(reply, JSON.stringify(reply)).toMatchObject({ ok: true });
      const answer = (reply as Extract<typeof reply, { ok: true }>).answer;
      if (answer && answer.draft.terms.type === "supply" && answer.draft.terms.price < price) {
        found = { bot, answer };
        break;
      }
    }
    expect(found, "a bot names cheaper terms for one of the sales").toBeDefined();
    expect(english(found!.answer.reason)).toMatch(/price \d/);
    const aid = await propose(found!.answer.draft);
    await eventually(() => expect(agreement(aid)?.signatures).toContain(found!.bot), { timeout: 20_000 });
  });

  it("'what would it take?' on a deal no small change saves says why, and names no other deal", async () => {
    // Controls Japan would not join with Indonesia at any tier.
    let none: Text | undefined;
    for (const bot of ["JP", "NL", "US"]) for (const tier of ["frontier", "broad"] as const) {
      if (none) break;
      const draft = { terms: { type: "export-control" as const, sector: "semis" as const, tier, target: "CN" }, parties: ["ID", bot], duration: 2 };
      const reply = await id.askBot({ seat: bot, draft });
      expect(reply, JSON.stringify(reply)).toMatchObject({ ok: true });
      const ok = reply as Extract<typeof reply, { ok: true }>;
      // Any terms named are a change of that control, never another deal.
      if (ok.answer) expect(ok.answer.draft.terms.type).toBe("export-control");
      else none = ok.none;
    }
    expect(none, "a bot says why no change of a control would do").toBeDefined();
    expect(english(none!)).toMatch(/: “No small change of these terms makes the deal worth it for us: as it stands, it /);
  });

  it("answer an offer made after they were ready, with a reason, before the negotiation ends", async () => {
    const aid = await propose(DEAR);
    // The person is ready too: only the offer waiting on Japan holds the phase open.
    await id.ok({ type: "ready", ready: true });
    await eventually(() => expect(agreement(aid)?.steps.some((s) => s.by === "JP")).toBe(true), { timeout: 20_000 });
    const answer = agreement(aid)!.steps.find((s) => s.by === "JP")!;
    expect(["declined", "amended", "signed"]).toContain(answer.what);
    expect(answer.phase).toBe("negotiation");
    // The reason is catalog text: English here, Chinese for a Chinese reader.
    expect(english(answer.reason as Text)).toMatch(/^(declined|countered|signed)\b/);
  });

  it("wrap up once every person is ready: they answer what waits on them, start nothing new, and the negotiation ends", async () => {
    // Round 1's negotiation ends once Japan has answered; on to round 2's.
    await eventually(() => expect(id.view().phase).toBe("review"), { timeout: 20_000 });
    await fac.command({ type: "advance" });
    await eventually(() => expect(id.view().phase).toBe("event"));
    await fac.command({ type: "advance" });
    await eventually(() => expect(id.view().phase).toBe("negotiation"));
    await id.ok({ type: "ready", ready: true });
    await eventually(() => expect(id.view().phase).toBe("review"), { timeout: 20_000 });

    const log = (await (await fetch(`${server.url}/api/games/${code}/log.json`, { headers: { "x-facilitator-key": key } })).json()) as { actions: Action[] };
    const readyAt = log.actions.findLastIndex((a) => a.actor.kind === "seat" && a.actor.seat === "ID" && a.move.type === "ready");
    const after = log.actions.slice(readyAt + 1);
    const end = after.findIndex((a) => a.move.type === "advance");
    const wrapUp = after.slice(0, end).filter((a) => a.actor.kind === "seat");
    // Answers to offers (sign, decline, counter) and bots saying they are ready; no new deal, no break.
    expect(wrapUp.map((a) => a.move.type).filter((t) => !["sign", "decline", "amend", "ready", "chat"].includes(t))).toEqual([]);
  });

});

describe("a person who takes a bot's seat in the negotiation", () => {
  it("is not done for it: the bot's ready mark leaves with the bot", async () => {
    const { code, facilitatorKey } = await createGame(server, {
      scenarioId: "classroom-quick",
      settings: { rounds: 2, bots: true, seed: 8, eventSeconds: 600, negotiationSeconds: 600, reviewSeconds: 600 },
    });
    const fac = await join.facilitator(server.endpoint, code, facilitatorKey);
    const ida = await join.player(server.endpoint, code, { name: "Ida", seat: "ID" });
    let nora: Conn | undefined;
    try {
      await fac.command({ type: "start" });
      await fac.command({ type: "advance" });
      await eventually(() => expect(ida.view().ready).toContain("NL"), { timeout: 20_000 });
      nora = await join.player(server.endpoint, code, { name: "Nora", seat: "NL" });
      await eventually(() => expect(nora!.view().ready).not.toContain("NL"));
      expect(nora.view().phase).toBe("negotiation");
      expect(nora.view().seats.find((s) => s.id === "NL")).toMatchObject({ bot: false });
    } finally {
      await leaveAll(fac, ida, ...(nora ? [nora] : []));
    }
  });
});
