/**
 * A bot asked in chat about a deal speaks of it only to an asker who may see it: a private offer
 * (proposed, declined, amended) stays among its parties. Indonesia asks the
 * Netherlands' bot about the offer Japan made it; the answer must read as one about a deal that
 * does not exist, and Indonesia's raw bytes must not carry what the bot said on the offer. Nor
 * do they carry any bot's secret objective, however Indonesia asks ("what would it take?" by the
 * button or in chat), though the answers weigh those secrets.
 */
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { join, leaveAll, type Conn, expectCleanDecoding } from "../helpers/game-client.ts";
import { createGame, type ServerProcess } from "../helpers/server-process.ts";
import { serverPerFile } from "../helpers/server-per-file.ts";
import { eventually, waitFor } from "../helpers/wait.ts";
import type { Message } from "../../shared/engine/types.ts";
import type { Text } from "../../shared/engine/text.ts";

let server: ServerProcess;
serverPerFile((s) => (server = s), { botDelayMs: 15 });

afterEach(() => expectCleanDecoding());

describe("a bot asked about a deal the asker may not see", () => {
  let fac: Conn, jp: Conn, id: Conn;
  afterAll(() => leaveAll(fac, jp, id));

  /** Indonesia asks a bot (the Netherlands') `text` in their channel; the bot's answer to it. */
  async function ask(channel: string, text: string, bot = "NL"): Promise<Message> {
    const before = id.view().messages.length;
    // Past the chat's rate (8 lines in any 10 s; refused tries are not counted), tried again every 500 ms until it passes (at most 20 tries in 10 s: all requests are limited to 40).
    await waitFor(async () => (await id.act({ type: "chat", channel, text })).ok, { timeout: 30_000, interval: 500, message: "the question sent" });
    return waitFor(() => id.view().messages.slice(before).find((m) => m.channel === channel && m.from.seat === bot), { timeout: 30_000, message: "the bot's answer" });
  }

  it("answers as about a deal that does not exist, and sends none of what it said on it", async () => {
    const created = await createGame(server, { scenarioId: "classroom-quick", settings: { rounds: 2, bots: true, seed: 7, eventSeconds: 600, negotiationSeconds: 3600, reviewSeconds: 600 } });
    fac = await join.facilitator(server.endpoint, created.code, created.facilitatorKey);
    jp = await join.player(server.endpoint, created.code, { name: "Jun", seat: "JP" });
    id = await join.player(server.endpoint, created.code, { name: "Ida", seat: "ID" });
    await fac.command({ type: "start" });
    await fac.command({ type: "advance" });
    await eventually(() => expect(id.view().phase).toBe("negotiation"));
    // Japan sells the Netherlands chips at a price it will not pay: it answers with a reason.
    const offer = await jp.propose({ terms: { type: "supply", suppliers: ["JP"], buyers: ["NL"], sector: "semis", volume: 5, price: 5, coInvest: 0 }, parties: ["NL", "JP"], duration: 2 });
    const reason = await waitFor(() => jp.view().agreements.find((a) => a.id === offer)?.steps.find((s) => s.by === "NL" && s.reason)?.reason, { timeout: 30_000, message: "the bot's reason on Japan's offer" });
    const deal = jp.view().agreements.find((a) => a.id === offer)!;
    expect(["signed", "in-force"], "the offer is still private").not.toContain(deal.status);
    expect(id.view().agreements.map((a) => a.id)).not.toContain(offer);

    await id.ok({ type: "open-channel", members: ["NL"] });
    const channel = await waitFor(() => id.view().channels.find((c) => c.kind === "bilateral" && c.members.includes("NL"))?.id, { message: "the channel with the Netherlands" });
    const missing = "A99";
    const questions = (deal: string) => [`Why did you decline ${deal}? What would it take on ${deal}?`, `Would you join ${deal}?`, `What if India joins ${deal}?`];
    for (const [i, q] of questions(offer).entries()) {
      const hidden = await ask(channel, q);
      const none = await ask(channel, questions(missing)[i]!);
      expect(JSON.stringify(hidden.said), q).toBe(JSON.stringify(none.said).replaceAll(missing, offer));
    }
    // A follow-up without an id, after naming it, is not about it either.
    await ask(channel, `Tell me about ${offer}.`);
    const follow = await ask(channel, "What if India joins too?");
    expect(JSON.stringify(follow.said)).not.toContain(`"${offer}"`);
    // What the bot said on the offer reached Japan and never Indonesia.
    const said = JSON.stringify(reason);
    expect(jp.received(said), "Japan's bytes carry the bot's reason on its offer").toBe(true);
    expect(id.received(said), "Indonesia's bytes carry the bot's reason on Japan's offer").toBe(false);
  }, 120_000);

  it("sends the terms a bot's answer offers (to put in the deal builder) only to its channel's members, as its words", async () => {
    // The bots play on meanwhile, so which of them has a deal to offer Indonesia now varies: each
    // is asked in turn until one offers terms (one must).
    let answer: Message | undefined;
    for (const bot of ["NL", "US", "CN", "IN", "TW"]) {
      if (!id.view().channels.some((c) => c.kind === "bilateral" && c.members.includes(bot))) await id.ok({ type: "open-channel", members: [bot] });
      const channel = await waitFor(() => id.view().channels.find((c) => c.kind === "bilateral" && c.members.includes(bot))?.id, { message: `the channel with ${bot}` });
      const reply = await ask(channel, "What would it take to do a deal with you?", bot);
      if (reply.draft) {
        answer = reply;
        break;
      }
    }
    // Terms of its own, or (where its last line in the channel invited a deal) that deal as it stands,
    // or (no deal of the kind asked pays it) the deal it would sign instead.
    const instead = answer?.said?.key === "bot.dm.two" ? (answer.said.args?.second as Text | undefined)?.key : undefined;
    expect(["bot.dm.offer", "bot.dm.takeSaidAsIs", "bot.dm.instead"], "a bot offered Indonesia terms").toContain(instead ?? answer?.said?.key);
    expect(answer!.draft!.parties, "the terms offered to Indonesia").toContain("ID");
    const terms = JSON.stringify(answer!.draft);
    expect(id.received(terms), "Indonesia's bytes carry the terms").toBe(true);
    expect(jp.received(terms), "Japan's bytes carry terms offered in Indonesia's channel").toBe(false);
  }, 60_000);

  it("says no bot's secret objective, asked by the button or in chat, about its country or a deal on its secret's ground", async () => {
    const secrets = fac.view().countries.flatMap((c) => (c.secret ? [{ seat: c.id, id: `${c.id.toLowerCase()}-secret`, text: c.secret.text }] : []));
    // Indonesia's own secret reached it: a search that could never match would pass for nothing.
    expect(id.received(secrets.find((x) => x.seat === "ID")!.text)).toBe(true);
    const bots = ["US", "NL", "CN", "IN", "TW"];
    for (const bot of bots) {
      for (const draft of [undefined, { terms: { type: "rnd", sector: "semis", contribution: 3 }, parties: ["ID", bot], duration: 2 }, { terms: { type: "screening" }, parties: ["ID", bot], duration: 2 }]) {
        const reply = await id.askBot({ seat: bot, ...(draft ? { draft } : {}) } as never);
        expect(reply.ok, JSON.stringify(reply)).toBe(true);
      }
    }
    // In chat too, to the Netherlands, whose secret is a deal Indonesia may offer, and the United States.
    for (const bot of ["NL", "US"]) {
      if (!id.view().channels.some((c) => c.kind === "bilateral" && c.members.includes(bot))) await id.ok({ type: "open-channel", members: [bot] });
      const channel = await waitFor(() => id.view().channels.find((c) => c.kind === "bilateral" && c.members.includes(bot))?.id, { message: `the channel with ${bot}` });
      await ask(channel, "What would it take to do a deal with you? Why? Would you join a semiconductor R&D programme?", bot);
    }
    // Some answer weighed a bot's secret: it says "a goal of our own", and nothing of which.
    expect(id.received("bot.part.secret.gain"), "an answer that weighs a secret").toBe(true);
    for (const { seat, id: secretId, text } of secrets.filter((x) => bots.includes(x.seat))) {
      expect(id.received(secretId), `${seat}'s secret's id`).toBe(false);
      expect(id.received(text), `${seat}'s secret`).toBe(false);
    }
  }, 120_000);
});
