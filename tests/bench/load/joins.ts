/**
 * Bytes on the wire, per scenario, from a real server: what a player, an observer and the
 * facilitator receive to join (full state + welcome) at the start of round 1 and at the last
 * negotiation of a bot-played game, and the patch each client receives for one action
 * (a plenary line, a bilateral line, an offer, a signature).
 */
import "./counting-socket.ts";
import { PROTOCOL, type CountingSocket } from "./counting-socket.ts";
import { BenchServer } from "./server-child.ts";
import type { Created } from "./server.ts";
import type { Action } from "../../../shared/engine/actions.ts";
import type { Scenario } from "../../../shared/scenario/schema.ts";
import { botGame, RESTORED_SETTINGS } from "../engine.ts";
import { actionId } from "./load-model.ts";
import { sleep } from "../../helpers/wait.ts";

const sdk = await import("@colyseus/sdk");
type SdkRoom = Awaited<ReturnType<InstanceType<typeof sdk.Client>["joinById"]>>;
type Reply = { ok: boolean; error?: { code: string; message: string } };

export type JoinFigures = {
  scenario: string;
  when: "round 1" | "last negotiation" | "end of last negotiation";
  player: number;
  observer: number;
  facilitator: number;
  schemaWarnings: number;
  /** Patch bytes each kind of client received for one action (the actor is a player). */
  patches?: Record<string, { actor: number; party: number; bystander: number; observer: number; facilitator: number }>;
};

const socketOf = (room: SdkRoom) => (room as unknown as { connection: { transport: { ws: CountingSocket } } }).connection.transport.ws;
const total = (s: CountingSocket) => [...s.received.values()].reduce((a, b) => a + b, 0);
const patchBytes = (s: CountingSocket) => s.received.get(PROTOCOL.ROOM_STATE_PATCH) ?? 0;

async function joinAndCount(endpoint: string, code: string, options: Record<string, unknown>): Promise<{ room: SdkRoom; bytes: number }> {
  const client = new sdk.Client(endpoint);
  const room = await client.joinById(code, options as never);
  room.reconnection.enabled = false;
  let welcomed = false;
  room.onMessage("welcome", () => (welcomed = true));
  room.onMessage("*", () => {});
  const until = Date.now() + 10_000;
  while (!(welcomed && (room.state as { pub?: { size: number } }).pub?.size) && Date.now() < until) await sleep(10);
  if (!welcomed) throw new Error(`no welcome for ${JSON.stringify(options)}`);
  // The join's own frames: a patch of what the room did meanwhile is not part of it.
  return { room, bytes: total(socketOf(room)) - patchBytes(socketOf(room)) };
}

async function measureJoins(server: BenchServer, game: Created[number], seats: string[]) {
  const warningsBefore = server.warnings();
  // The joins measured come first, in tests/server/late-join.test.ts's order and names (each
  // joiner is in the seats of the next ones' joins): at the last negotiation's end, its bytes.
  const player = await joinAndCount(server.endpoint, game.code, { as: "player", name: "Late", seat: seats[0] });
  const observer = await joinAndCount(server.endpoint, game.code, { as: "observer", name: "Late observer" });
  const facilitator = await joinAndCount(server.endpoint, game.code, { as: "facilitator", key: game.facilitatorKey });
  const party = await joinAndCount(server.endpoint, game.code, { as: "player", name: "Party", seat: seats[1] });
  const bystander = await joinAndCount(server.endpoint, game.code, { as: "player", name: "Bystander", seat: seats[2] });
  await sleep(200); // the server prints its warning as it encodes; let the pipe deliver it
  return { player, party, bystander, observer, facilitator, warnings: server.warnings() - warningsBefore };
}

async function measureActions(c: Awaited<ReturnType<typeof measureJoins>>, seats: string[]) {
  const [a, b] = seats as [string, string];
  const clients = { actor: c.player.room, party: c.party.room, bystander: c.bystander.room, observer: c.observer.room, facilitator: c.facilitator.room };
  const act = async (room: SdkRoom, move: unknown) => {
    const r = (await room.request("act", { ...(move as object), actionId: actionId() } as never, { timeout: 10_000 })) as Reply;
    if (!r.ok) throw new Error(`${JSON.stringify(move)}: ${r.error?.code} ${r.error?.message}`);
  };
  const measure = async (what: () => Promise<void>) => {
    await sleep(150);
    const before = Object.fromEntries(Object.entries(clients).map(([k, r]) => [k, patchBytes(socketOf(r))]));
    const counts = Object.values(clients).map((r) => socketOf(r).patches);
    await what();
    // Patches go out every 50 ms; on a busy machine later: wait for one to reach every client
    // (a client the action does not concern gets one too, with the new version), then a little more.
    const until = Date.now() + 3000;
    while (Object.values(clients).some((r, i) => socketOf(r).patches === counts[i]) && Date.now() < until) await sleep(20);
    await sleep(150);
    return Object.fromEntries(Object.entries(clients).map(([k, r]) => [k, patchBytes(socketOf(r)) - before[k]!])) as Record<keyof typeof clients, number>;
  };
  const channel = `ch:${[a, b].sort().join("+")}`;
  const opened = (await c.player.room.request("act", { type: "open-channel", members: [b], actionId: actionId() } as never, { timeout: 10_000 })) as Reply;
  if (!opened.ok && opened.error?.code !== "rule/channel_exists") throw new Error(`open-channel: ${opened.error?.code} ${opened.error?.message}`);
  // An alignment statement commits no capital, so the party can sign it late in a game.
  const draft = { terms: { type: "alignment", clauses: ["supply-chain-risk"], target: seats[2] }, parties: [a, b], duration: 2 };
  const out: Record<string, Awaited<ReturnType<typeof measure>>> = {};
  out["plenary chat line"] = await measure(() => act(c.player.room, { type: "chat", channel: "plenary", text: "We propose a joint research programme on AI safety." }));
  out["bilateral chat line"] = await measure(() => act(c.player.room, { type: "chat", channel, text: "Shall we split the cost evenly this year?" }));
  out["new offer"] = await measure(() => act(c.player.room, { type: "propose", draft }));
  const deals = [...(c.party.room.state as { privateAgreements: Iterable<{ id: string; revision: number; proposedBy: string; status: string }> }).privateAgreements];
  const offer = deals.find((x) => x.proposedBy === a && x.status === "proposed")!;
  out["signature"] = await measure(() => act(c.party.room, { type: "sign", agreementId: offer.id, revision: offer.revision }));
  return out;
}

/** Join and patch figures for every scenario; one game server for all of them. */
export async function joinFigures(scenarios: Map<string, Scenario>, cpu: number | undefined): Promise<JoinFigures[]> {
  const server = await BenchServer.start("game", cpu);
  const out: JoinFigures[] = [];
  try {
    for (const [id, scenario] of scenarios) {
      const seats = scenario.countries.filter((x) => x.control === "seat").map((x) => x.id);
      // Round 1: a fresh game, started and in negotiation.
      const [fresh] = await server.request<Created>({ type: "create-game", count: 1, scenarioId: id, settings: { bots: false, eventSeconds: 600, negotiationSeconds: 7200, seed: "bench" } });
      const f = await joinAndCount(server.endpoint, fresh!.code, { as: "facilitator", key: fresh!.facilitatorKey });
      for (const type of ["start", "advance"]) await f.room.request("facilitator", { type, actionId: actionId() } as never, { timeout: 10_000 });
      const early = await measureJoins(server, fresh!, seats);
      out.push({ scenario: id, when: "round 1", player: early.player.bytes, observer: early.observer.bytes, facilitator: early.facilitator.bytes, schemaWarnings: early.warnings });
      // The last negotiation of a bot-played game: the largest state a room holds while people play.
      // The same game, stored the same way, as tests/server/late-join.test.ts's.
      const { setup, log, lastNegotiation, lastNegotiationEnd } = botGame(scenario);
      /** A game restored from the bot game's first `moves` moves. */
      const restored = async (moves: number) =>
        (
          await server.request<Created>({
            type: "create-game",
            count: 1,
            scenarioId: id,
            settings: { ...RESTORED_SETTINGS, seed: String(setup.settings.seed) },
            log: log.slice(0, moves) as Action[],
          })
        )[0];
      const late = await restored(lastNegotiation);
      const lateJoins = await measureJoins(server, late!, seats);
      const patches = await measureActions(lateJoins, seats);
      out.push({ scenario: id, when: "last negotiation", player: lateJoins.player.bytes, observer: lateJoins.observer.bytes, facilitator: lateJoins.facilitator.bytes, schemaWarnings: lateJoins.warnings, patches });
      // The same negotiation at its last move: the round's offers, refusals and lines are all in the room state.
      const ending = await restored(lastNegotiationEnd);
      const endJoins = await measureJoins(server, ending!, seats);
      out.push({ scenario: id, when: "end of last negotiation", player: endJoins.player.bytes, observer: endJoins.observer.bytes, facilitator: endJoins.facilitator.bytes, schemaWarnings: endJoins.warnings });
      const rooms = [f, ...Object.values(early), ...Object.values(lateJoins), ...Object.values(endJoins)].flatMap((c) => (typeof c === "object" && "room" in c ? [c.room] : []));
      await Promise.all(rooms.map((r) => Promise.race([r.leave(true).catch(() => {}), sleep(2000)])));
    }
  } finally {
    await server.stop();
  }
  return out;
}
