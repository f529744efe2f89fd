/**
 * A classroom-quick game through the real server with one scripted person (Indonesia) and bots
 * in every other seat. Each round the person makes offers to bots, asks a bot a question in a
 * direct channel and asks "what would it take?" on a bot's country, then proposes the answer.
 * The test checks what a player should be able to count on: every offer that names a bot got
 * an answer with a reason before its negotiation ended; a question in Chinese in the plenary
 * naming a bot by its Chinese name got an answer there; every bot wrote a grounded message in
 * the plenary each round; the question got an answer; the bot signed the draft it named (asked
 * again if it signed another deal meanwhile that made ours worthless to it, and said so when asked).
 */
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { join, leaveAll, type Conn, expectCleanDecoding } from "../helpers/game-client.ts";
import { createGame, type ServerProcess } from "../helpers/server-process.ts";
import { serverPerFile } from "../helpers/server-per-file.ts";
import { eventually } from "../helpers/wait.ts";
import type { Text } from "../../shared/engine/text.ts";
import { say } from "../helpers/words.ts";
import { getScenario } from "../../server/scenarios.ts";

let server: ServerProcess;
serverPerFile((s) => (server = s), { botDelayMs: 15 });

afterEach(() => expectCleanDecoding());

/** Every seat but Indonesia's, which a person holds. */
const BOTS = getScenario("classroom-quick")!.countries.filter((c) => c.control === "seat" && c.id !== "ID").map((c) => c.id);
const english = (t: Text) => say(t, getScenario("classroom-quick"));

describe("a classroom game with one person and bots", () => {
  let fac: Conn, id: Conn;
  afterAll(() => leaveAll(fac, id));

  /** Indonesia proposes a draft; returns the new offer's id. */
  const propose = (draft: unknown) => id.propose(draft);

  it("every offer to a bot is answered with a reason in its phase; bots talk, answer questions and sign what they named", async () => {
    const { code, facilitatorKey } = await createGame(server, {
      scenarioId: "classroom-quick",
      settings: { rounds: 2, bots: true, seed: 11, eventSeconds: 600, negotiationSeconds: 600, reviewSeconds: 600 },
    });
    fac = await join.facilitator(server.endpoint, code, facilitatorKey);
    id = await join.player(server.endpoint, code, { name: "Ida", seat: "ID" });
    await fac.command({ type: "start" });
    let channel = "";
    for (const round of [1, 2]) {
      // The event card: the person has read it.
      await eventually(() => expect([id.view().round, id.view().phase]).toEqual([round, "event"]));
      await id.ok({ type: "ready", ready: true });
      await eventually(() => expect(id.view().phase).toBe("negotiation"));

      // An offer a bot will refuse or counter: Japan pays dear for minerals.
      const dear = await propose({ terms: { type: "supply", suppliers: ["ID"], buyers: ["JP"], sector: "minerals", volume: 5, price: 4 + round / 2, coInvest: 0 }, parties: ["ID", "JP"], duration: 2 });
      await eventually(() => expect(id.view().agreements.find((a) => a.id === dear)?.steps.some((s) => s.by === "JP")).toBe(true), { timeout: 20_000 });

      // A question in a direct channel: why?
      if (!channel) {
        await id.ok({ type: "open-channel", members: ["JP"] });
        await eventually(() => expect((channel = id.view().channels.find((c) => c.kind === "bilateral" && c.members.includes("JP"))?.id ?? "")).not.toBe(""));
      }
      await id.ok({ type: "chat", channel, text: `Why did you decline ${dear}?` });
      await eventually(() => {
        const answer = id.view().messages.filter((m) => m.channel === channel && m.from.seat === "JP" && m.round === round).at(-1);
        expect(answer?.said, "Japan answers in the channel").toBeDefined();
        const step = id.view().agreements.find((a) => a.id === dear)!.steps.find((s) => s.by === "JP")!;
        // Its answer quotes the reason on the deal, or (after a counter) names its terms.
        expect(english(answer!.said!)).toMatch(new RegExp(`^On ${dear}: |^We (declined|signed|countered|proposed|withdrew from) ${dear}\\b|^We (would|see)`));
        if (step.what === "declined") expect(english(answer!.said!)).toBe(`We declined ${dear}: ${english(step.reason as Text).replace(/^declined: /, "")}.`);
      }, { timeout: 20_000 });

      // The same question in the plenary, in Chinese, naming Japan by its Chinese name: Japan answers there.
      if (round === 1) {
        await id.ok({ type: "chat", channel: "plenary", text: `日本，为什么拒绝 ${dear}？` });
        await eventually(() => {
          const plenary = id.view().messages.filter((m) => m.channel === "plenary");
          const asked = plenary.findIndex((m) => m.from.seat === "ID" && m.text.startsWith("日本"));
          const answer = plenary.slice(asked + 1).find((m) => m.from.seat === "JP" && m.said?.key.startsWith("bot.dm."));
          expect(asked).toBeGreaterThanOrEqual(0);
          expect(answer?.said?.key, "Japan answers the Chinese question in the plenary").toMatch(/^bot\.dm\.why/);
        }, { timeout: 20_000 });
        // Asked again in the plenary naming no country: Japan, the party that answered the offer, answers, and no one else does.
        await id.ok({ type: "chat", channel: "plenary", text: `Why did you decline ${dear}?` });
        await eventually(() => {
          const plenary = id.view().messages.filter((m) => m.channel === "plenary");
          const asked = plenary.findIndex((m) => m.from.seat === "ID" && m.text.startsWith("Why did you decline"));
          const answers = plenary.slice(asked + 1).filter((m) => m.said?.key.startsWith("bot.dm."));
          expect(asked).toBeGreaterThanOrEqual(0);
          expect(answers.map((m) => [m.from.seat, m.said!.key.replace(/\..*$/, "")]), "Japan answers the question that names no country").toContainEqual(["JP", "bot"]);
          // Asked in the same channel as just before, Japan says its answer stands and gives it again.
          const again = answers.find((m) => m.from.seat === "JP")!.said!;
          expect(again.key).toBe("bot.dm.same");
          expect((again.args!.line as Text).key).toMatch(/^bot\.dm\.why/);
        }, { timeout: 20_000 });
      }
      // By round 2, the question that named no country got no answer but Japan's.
      if (round === 2) {
        const plenary = id.view().messages.filter((m) => m.channel === "plenary");
        const asked = plenary.findIndex((m) => m.from.seat === "ID" && m.text.startsWith("Why did you decline"));
        expect(new Set(plenary.slice(asked + 1).filter((m) => m.said?.key.startsWith("bot.dm.")).map((m) => m.from.seat))).toEqual(new Set(["JP"]));
      }

      // "What would it take?" on a country: the first bot that names a deal with us, then signs it.
      // Bots keep negotiating meanwhile: one that signs another deal between its answer and our
      // offer may no longer want it, and then, asked on that offer, names no such terms as worth
      // signing, or may have joined a deal the named one now cannot stand beside (the rules refuse
      // it, "one regime per sector and target"); we ask again (as a person would), a few times at most.
      const nameAndSign = async (): Promise<string> => {
        let named: { bot: string; draft: unknown } | undefined;
        for (const bot of BOTS) {
          const reply = await id.askBot({ seat: bot });
          expect(reply, JSON.stringify(reply)).toMatchObject({ ok: true });
          const answer = (reply as Extract<typeof reply, { ok: true }>).answer;
          if (answer) {
            expect(english(answer.reason)).toMatch(/^worth signing: /);
            named = { bot, draft: answer.draft };
            break;
          }
        }
        expect(named, "a bot names a deal it would sign with Indonesia").toBeDefined();
        let taken: string;
        try {
          taken = await propose(named!.draft);
        } catch (e) {
          // Only the world moving under the answer may refuse it (a rule), never the draft's form or a role.
          expect(String(e)).toMatch(/ refused: rule\//);
          return `${named!.bot}'s terms refused since: ${String(e)}`;
        }
        let deal: ReturnType<Conn["view"]>["agreements"][number] | undefined;
        await eventually(() => {
          deal = id.view().agreements.find((a) => a.id === taken);
          expect(deal?.steps.some((s) => s.by === named!.bot), `${named!.bot} answers ${taken}`).toBe(true);
        }, { timeout: 20_000 });
        if (deal!.signatures.includes(named!.bot)) return "signed";
        const again = await id.askBot({ seat: named!.bot, draft: named!.draft });
        const terms = (again as Extract<typeof again, { ok: true }>).answer;
        expect(JSON.stringify(terms?.draft) !== JSON.stringify(named!.draft), `${named!.bot} turned down ${taken} (${JSON.stringify(deal!.steps)}) yet still names its terms`).toBe(true);
        return `${named!.bot} turned down ${taken}: ${english(deal!.steps.at(-1)!.reason as Text)}`;
      };
      const tries: string[] = [];
      while (tries.length < 3 && tries.at(-1) !== "signed") tries.push(await nameAndSign());
      expect(tries.at(-1), tries.join("; ")).toBe("signed");

      // Every bot has said, in the plenary, what it wants this round: a deal it proposed, with its
      // valuation's numbers once every party signed, by kind and sector while it is open, or that
      // it needs nothing more (the table's numbers come once a round, from the first to say them).
      await eventually(() => {
        for (const bot of BOTS) {
          const said = id.view().messages.filter((m) => m.channel === "plenary" && m.from.seat === bot && m.round === round && m.said);
          expect(said.length, `${bot} spoke in round ${round}`).toBeGreaterThanOrEqual(1);
          // Grounded: numbers from its valuation, or its open offer's kind and sector, or that it needs nothing more.
          // The line inside what changed since last round, or that it has not (`bot.say.changed.`, `bot.say.again.`).
          const keyOf = (l: NonNullable<(typeof said)[number]["said"]>): string => (/^bot\.say\.(again|changed)\./.test(l.key) ? keyOf(l.args!.line as Text) : l.key);
          const grounded = said.map((m) => m.said!).filter((l) => /\d/.test(english(l)) || /^bot\.say\.(seek|nothing)\./.test(keyOf(l)));
          expect(grounded.length, `${bot}'s plenary lines in round ${round}: ${said.map((m) => keyOf(m.said!)).join(", ")}`).toBeGreaterThanOrEqual(1);
        }
      }, { timeout: 20_000 });

      // The person is done; the negotiation ends once nothing waits on a bot.
      await id.ok({ type: "ready", ready: true });
      await eventually(() => expect(fac.view().phase).toBe("review"), { timeout: 30_000 });

      // Every offer this round that named a bot: each bot party answered it (sign, decline or a
      // counter), with a reason, during the negotiation. Only a person's silence lets one lapse.
      const offers = fac.view().agreements.filter((a) => a.steps[0]?.round === round && a.steps[0]?.what === "proposed");
      expect(offers.length).toBeGreaterThan(2);
      for (const a of offers) {
        for (const bot of a.parties.filter((p) => BOTS.includes(p))) {
          // (A deal of one is signed by its proposal: that "signed" step is the engine's, not a move.)
          const own = (i: number) => i > 0 && a.steps[i - 1]!.by === bot && a.steps[i - 1]!.what === "proposed" && a.steps[i]!.what === "signed";
          const answers = a.steps.filter((s, i) => s.by === bot && ["signed", "declined", "amended", "stepped-out", "proposed"].includes(s.what) && !own(i));
          // One decline closes an offer for everyone: the others need not answer it then.
          const closedByOther = a.status === "declined" && a.steps.some((s) => s.what === "declined" && s.by !== bot);
          if (!closedByOther) expect(answers.length, `${bot} answered ${a.id}`).toBeGreaterThan(0);
          for (const s of answers) {
            expect(s.phase, `${bot} on ${a.id}`).toBe("negotiation");
            expect(s.reason, `${bot}'s reason on ${a.id}`).toBeDefined();
            expect(english(s.reason as Text)).toMatch(s.what === "stepped-out" ? /^stayed out of / : /^(signed|declined|countered|proposed)\b/);
          }
        }
        if (a.status === "lapsed") {
          const last = a.steps.filter((s) => s.what !== "lapsed").at(-1)!;
          const unsigned = a.parties.filter((p) => !a.steps.some((s) => s.by === p && s.revision === last.revision && (s.what === "signed" || s.what === "amended" || s.what === "proposed")));
          expect(unsigned.filter((p) => BOTS.includes(p)), `${a.id} lapsed waiting on a bot`).toEqual([]);
        }
      }
      await id.ok({ type: "ready", ready: true });
    }
  }, 180_000);
});
