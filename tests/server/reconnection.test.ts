/**
 * Coming back: a dropped connection within the window, a browser
 * refresh with the seat token, another device with the facilitator's rejoin code, a player who
 * never comes back (a bot takes the seat, and gives it back), the facilitator moving people, and
 * a connection whose seat was taken over while it was away, which may not come back to it.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { expectCleanDecoding, expectRefused, join, leaveAll, type Conn } from "../helpers/game-client.ts";
import { createGame, lobby, type ServerProcess } from "../helpers/server-process.ts";
import { serverPerFile } from "../helpers/server-per-file.ts";
import { eventually, waitFor } from "../helpers/wait.ts";
import type { ClientView } from "../../shared/protocol/view.ts";

let server: ServerProcess;
serverPerFile((s) => (server = s));

afterEach(() => expectCleanDecoding());

const RECONNECT_SECONDS = 5;
const holdersOf = (v: ClientView, seat: string) => v.seats.find((s) => s.id === seat)!.holders;
const seatOf = (v: ClientView, seat: string) => v.seats.find((s) => s.id === seat)!;
const texts = (c: Conn) => c.view().messages.map((m) => m.text);

describe("reconnection keeps seat, roles, chat history and pending offers", () => {
  let code: string;
  let key: string;
  let fac: Conn, usRegulator: Conn, usDiplomat: Conn, nl: Conn, jp: Conn;
  const open: Conn[] = [];
  let offerId: string;

  beforeAll(async () => {
    ({ code, facilitatorKey: key } = await createGame(server, {
      scenarioId: "classroom-quick",
      settings: { teams: true, bots: true, seed: 5, reconnectSeconds: RECONNECT_SECONDS, eventSeconds: 600, negotiationSeconds: 3600, reviewSeconds: 600 },
    }));
    fac = await join.facilitator(server.endpoint, code, key);
    usRegulator = await join.player(server.endpoint, code, { name: "Reg", seat: "US", roles: ["regulator"] });
    usDiplomat = await join.player(server.endpoint, code, { name: "Dip", seat: "US", roles: ["diplomat", "envoy"] });
    nl = await join.player(server.endpoint, code, { name: "Noor", seat: "NL" });
    jp = await join.player(server.endpoint, code, { name: "Jun", seat: "JP" });
    open.push(fac, usRegulator, usDiplomat, nl, jp);
    await fac.command({ type: "start" });
    await fac.command({ type: "advance" });
    for (const c of open) await eventually(() => expect(c.view().phase).toBe("negotiation"));

    await usRegulator.ok({ type: "open-channel", members: ["NL"] });
    await usRegulator.ok({ type: "chat", channel: "ch:NL+US", text: "Shall we screen investments together?" });
    await usDiplomat.ok({ type: "chat", channel: "team:US", text: "Reg, you handle the Dutch." });
    await nl.ok({ type: "propose", draft: { terms: { type: "screening" }, parties: ["NL", "US"], duration: 2 } });
    const offer = await waitFor(() => usRegulator.view().agreements.find((a) => a.proposedBy === "NL" && a.type === "screening"), { message: "NL's offer" });
    offerId = offer.id;
    expect(offer).toMatchObject({ status: "proposed", revision: 1, signatures: ["NL"] });
  });
  afterAll(() => leaveAll(...open));

  it("a dropped connection comes back with client.reconnect(token) within the window", async () => {
    const before = usRegulator.view();
    await usRegulator.drop();
    await eventually(() => expect(holdersOf(fac.view(), "US")).toEqual(expect.arrayContaining([expect.objectContaining({ name: "Reg", connected: false })])));
    // While away, the table moves on.
    await nl.ok({ type: "chat", channel: "ch:NL+US", text: "Are you still there?" });

    const back = await usRegulator.reconnect();
    open.push(back);
    await eventually(() => expect(texts(back)).toContain("Are you still there?"));
    const v = back.view();
    expect(v.viewer).toEqual({ kind: "seat", seat: "US", roles: ["regulator"] });
    expect(texts(back)).toEqual(expect.arrayContaining(["Shall we screen investments together?", "Reg, you handle the Dutch."]));
    expect(v.countries.find((c) => c.id === "US")?.secret).toEqual(before.countries.find((c) => c.id === "US")?.secret);
    expect(v.agreements.find((a) => a.id === offerId)).toMatchObject({ status: "proposed", revision: 1 });
    // Everyone sees the seat held again, by the same person.
    await eventually(() => expect(holdersOf(fac.view(), "US").find((h) => h.name === "Reg")).toMatchObject({ connected: true }));
    expect(holdersOf(fac.view(), "US")).toHaveLength(2);
    // Still the Regulator: the pending offer can be signed at the revision read before the drop.
    await back.ok({ type: "sign", agreementId: offerId, revision: 1 });
    await eventually(() => expect(fac.view().agreements.find((a) => a.id === offerId)?.status).toBe("signed"));
    usRegulator = back;
  });

  it("a refresh (a new connection with the welcome token) returns to the same seat and roles", async () => {
    const token = usDiplomat.welcome.token!;
    const holderId = (await waitFor(() => holdersOf(fac.view(), "US").find((h) => h.name === "Dip"), { message: "Dip in the facilitator's seat list" })).id;
    await usDiplomat.drop(); // the page unloads
    const again = await join.player(server.endpoint, code, { name: "Dip", token });
    open.push(again);
    expect(again.welcome).toMatchObject({ kind: "player", seat: "US", roles: ["diplomat", "envoy"], token });
    expect(texts(again)).toContain("Reg, you handle the Dutch.");
    expect(again.view().agreements.find((a) => a.id === offerId)?.status).toBe("signed");
    await eventually(() => expect(holdersOf(fac.view(), "US").map((h) => [h.id, h.name, h.connected])).toEqual(expect.arrayContaining([[holderId, "Dip", true]])));
    expect(holdersOf(fac.view(), "US")).toHaveLength(2);
    await again.ok({ type: "chat", channel: "team:US", text: "Back after a refresh." });
    await eventually(() => expect(texts(usRegulator)).toContain("Back after a refresh."));
    usDiplomat = again;
  });

  it("a second tab with the same token takes over, and the first tab is let go", async () => {
    const second = await join.player(server.endpoint, code, { name: "Dip", token: usDiplomat.welcome.token! });
    open.push(second);
    await waitFor(() => !usDiplomat.open, { message: "the first tab to be closed" });
    expect(second.welcome).toMatchObject({ seat: "US", roles: ["diplomat", "envoy"] });
    await second.ok({ type: "chat", channel: "team:US", text: "From the second tab." });
    await eventually(() => expect(holdersOf(fac.view(), "US").find((h) => h.name === "Dip")).toMatchObject({ connected: true }));
    usDiplomat = second;
  });

  it("another device takes a dropped seat with the rejoin code only the facilitator sees", async () => {
    const rejoinCode = fac.view().rejoinCodes!.JP!;
    expect(rejoinCode).toMatch(/^[ACDEFGHJKMNPQRTUVWXY3469]{6}$/);
    const roles = jp.welcome.roles;
    await jp.drop(); // the laptop died
    const phone = await join.player(server.endpoint, code, { name: "Jun (phone)", rejoinCode: rejoinCode.toLowerCase() });
    open.push(phone);
    expect(phone.welcome).toMatchObject({ kind: "player", seat: "JP", roles });
    expect(phone.view().countries.find((c) => c.id === "JP")?.secret).toBeTruthy();
    // Still one person in the seat, and connected.
    await eventually(() => expect(holdersOf(fac.view(), "JP")).toMatchObject([{ connected: true }]));
    await phone.ok({ type: "chat", channel: "plenary", text: "Japan is back, on a phone." });
    jp = phone;
  });

  it("a seat whose player does not come back in time goes to a bot, and back to the player on return", async () => {
    const nlToken = nl.welcome.token!;
    await Promise.all([nl.drop(), usDiplomat.drop()]);
    // NL's only player is gone: after the window a bot plays it. The US still has its Regulator.
    await eventually(() => expect(seatOf(fac.view(), "NL").bot).toBe(true), { timeout: (RECONNECT_SECONDS + 5) * 1000 });
    expect(seatOf(fac.view(), "US").bot).toBe(false);
    expect((await lobby(server, code)).seats.find((s) => s.id === "NL")).toMatchObject({ bot: true });
    // The bot plays the seat: it gets ready like the other bots.
    await eventually(() => expect(fac.view().ready).toContain("NL"), { timeout: 5_000 });

    const returning = await join.player(server.endpoint, code, { name: "Noor", token: nlToken });
    open.push(returning);
    expect(returning.welcome).toMatchObject({ seat: "NL", roles: ["diplomat", "regulator", "envoy"] });
    await eventually(() => expect(seatOf(fac.view(), "NL")).toMatchObject({ bot: false, holders: [expect.objectContaining({ name: "Noor", connected: true })] }));
    expect(texts(returning)).toEqual(expect.arrayContaining(["Shall we screen investments together?", "Are you still there?"]));
    nl = returning;
  });
});

describe("the facilitator moves people between seats and bots", () => {
  it("frees a seat (a bot takes it), seats the person again, hands a seat to a bot and back", async () => {
    const { code, facilitatorKey } = await createGame(server, {
      scenarioId: "classroom-quick",
      settings: { teams: false, bots: true, seed: 9, eventSeconds: 600, negotiationSeconds: 3600, reviewSeconds: 600 },
    });
    const fac = await join.facilitator(server.endpoint, code, facilitatorKey);
    const us = await join.player(server.endpoint, code, { name: "Ana", seat: "US" });
    const jp = await join.player(server.endpoint, code, { name: "Jun", seat: "JP" });
    try {
      await fac.command({ type: "start" });
      await fac.command({ type: "advance" });
      await us.ok({ type: "open-channel", members: ["JP"] });
      await us.ok({ type: "chat", channel: "ch:JP+US", text: "Between us." });
      await eventually(() => expect(texts(jp)).toContain("Between us."));

      // The facilitator's view gets Jun's holder entry by a patch of its own: wait for it, do not read it early.
      const holderId = (await waitFor(() => holdersOf(fac.view(), "JP")[0], { message: "Jun in the facilitator's seat list" })).id;
      await fac.command({ type: "free-seat", seat: "JP" });
      await waitFor(() => jp.welcomes.length === 2, { message: "a second welcome" });
      expect(jp.welcome.seat).toBeUndefined();
      await eventually(() => expect(seatOf(fac.view(), "JP")).toMatchObject({ bot: true, holders: [] }));
      expect(jp.view().viewer.kind).toBe("observer");
      await eventually(() => expect(jp.syncedState().priv?.["seat:JP"]).toBeUndefined());
      expectRefused(await jp.act({ type: "chat", channel: "plenary", text: "hello?" }), "rule/not_seated");

      // Seated again (the facilitator knew the holder id from when Jun held the seat).
      await fac.command({ type: "assign-seat", holder: holderId, seat: "JP" });
      await waitFor(() => jp.welcomes.length === 3, { message: "a third welcome" });
      expect(jp.welcome).toMatchObject({ seat: "JP", roles: ["diplomat", "regulator", "envoy"] });
      await eventually(() => expect(seatOf(fac.view(), "JP")).toMatchObject({ bot: false, holders: [expect.objectContaining({ name: "Jun" })] }));
      await eventually(() => expect(texts(jp)).toContain("Between us."));
      await jp.ok({ type: "chat", channel: "ch:JP+US", text: "Back in my seat." });

      // Moved to another seat mid-game, Jun leaves Japan to a bot, not to nobody.
      await fac.command({ type: "assign-seat", holder: holderId, seat: "IN" });
      await waitFor(() => jp.welcome.seat === "IN", { message: "Jun's new seat" });
      await eventually(() => expect(seatOf(fac.view(), "JP")).toMatchObject({ bot: true, holders: [] }));
      await eventually(() => expect(seatOf(fac.view(), "IN")).toMatchObject({ bot: false, holders: [expect.objectContaining({ name: "Jun" })] }));

      // A seat can also be handed to a bot and taken back.
      await fac.command({ type: "bot-seat", seat: "US", bot: true });
      await waitFor(() => us.welcomes.length === 2, { message: "the US player unseated" });
      await eventually(() => expect(seatOf(fac.view(), "US").bot).toBe(true));
      await fac.command({ type: "bot-seat", seat: "US", bot: false });
      await eventually(() => expect(seatOf(fac.view(), "US").bot).toBe(false));
    } finally {
      await leaveAll(fac, us, jp);
    }
  });
});

const TAKEOVER_SETTINGS = { teams: false, bots: false, seed: 2, reconnectSeconds: 60, eventSeconds: 600, negotiationSeconds: 3600, reviewSeconds: 600 };

describe("a seat taken over while its connection was away", () => {
  it.each(["token", "rejoinCode"] as const)("by %s: the connection it was taken from cannot come back", async (how) => {
    const { code, facilitatorKey } = await createGame(server, { scenarioId: "classroom-quick", settings: TAKEOVER_SETTINGS });
    const fac = await join.facilitator(server.endpoint, code, facilitatorKey);
    const laptop = await join.player(server.endpoint, code, { name: "Jun", seat: "JP" });
    const open: Conn[] = [fac, laptop];
    try {
      await fac.command({ type: "start" });
      await laptop.drop();
      const phone = await join.player(server.endpoint, code, how === "token" ? { name: "Jun", token: laptop.welcome.token! } : { name: "Someone else", rejoinCode: fac.view().rejoinCodes!.JP! });
      open.push(phone);
      expect(phone.welcome.seat).toBe("JP");
      const back = await laptop.reconnect().then(
        (c) => (open.push(c), c),
        () => undefined,
      );
      if (back) {
        // Let in at most for a moment: it must not be able to act for the seat.
        await eventually(() => expect(back.open).toBe(false));
      }
      await eventually(() => expect(fac.view().seats.find((s) => s.id === "JP")!.holders.map((h) => h.connected)).toEqual([true]));
      await phone.ok({ type: "chat", channel: "plenary", text: "only the phone is here" });
    } finally {
      await leaveAll(...open);
    }
  });
});

describe("a reconnection token that comes back while its connection is still open", () => {
  it("takes the seat over as a second tab's join does: the old connection is closed with 4000, the new one plays the seat", async () => {
    const { code, facilitatorKey } = await createGame(server, { scenarioId: "classroom-quick", settings: TAKEOVER_SETTINGS });
    const fac = await join.facilitator(server.endpoint, code, facilitatorKey);
    const first = await join.player(server.endpoint, code, { name: "Ana", seat: "US" });
    const open: Conn[] = [fac, first];
    try {
      await fac.command({ type: "start" });
      await eventually(() => expect(first.view().phase).not.toBe("lobby"));
      let closedWith: number | undefined;
      first.room.onLeave((code: number) => (closedWith = code));
      // Its reconnection token, replayed from a new connection while the first one is open.
      const second = await first.reconnect();
      open.push(second);
      // The first one is let go with the code the web client reads as "taken over elsewhere".
      await waitFor(() => closedWith !== undefined, { message: "the first connection to be closed" });
      expect(closedWith).toBe(4000);
      expect(first.open).toBe(false);
      // The second one plays the seat, and the table sees it held by one connected person.
      await second.ok({ type: "chat", channel: "plenary", text: "From the new connection." });
      await eventually(() => expect(texts(fac)).toContain("From the new connection."));
      await eventually(() => expect(holdersOf(fac.view(), "US").map((h) => [h.name, h.connected])).toEqual([["Ana", true]]));
    } finally {
      await leaveAll(...open);
    }
  });
});
