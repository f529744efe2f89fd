/**
 * Bots in whole games: over thousands of seeded decisions they never choose an action the
 * engine refuses, every decision carries a one-line reason, the same seed plays the same game,
 * and replay(log) reproduces it.
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { playersFor } from "../../shared/bots/balance.ts";
import { playGame, type SeatPlayer } from "../../shared/bots/game-loop.ts";
import { ActionSchema, replay, type GameState } from "../../shared/engine/index.ts";
import type { Scenario } from "../../shared/scenario/schema.ts";
import { scenario, words } from "./helpers.ts";

function players(s: Scenario, mix: string, seed: string): Record<string, SeatPlayer> {
  const out: Record<string, SeatPlayer> = {};
  for (const [seat, k] of Object.entries(playersFor(s, mix, seed)))
    out[seat] = k.kind === "random" ? k : { kind: "bot", options: { ...(k.personality ? { personality: k.personality } : {}), ...(k.strategy ? { strategy: k.strategy } : {}) } };
  return out;
}

/** Canonical JSON (sorted keys), so states compare regardless of key order. */
function canon(state: GameState): string {
  const { scenario: _s, ...rest } = state;
  return JSON.stringify(rest, (_k, x) => (x && typeof x === "object" && !Array.isArray(x) ? Object.fromEntries(Object.keys(x).sort().map((k) => [k, x[k]])) : x));
}

describe("bots in whole games", () => {
  it("never choose an illegal action over thousands of seeded decisions, each with a one-line reason", () => {
    const s = scenario("classroom-quick");
    let decisions = 0;
    const moves = new Set<string>();
    const mixes = ["scenario", "cooperative", "selfish", "mixed", "mixed", "US=hawk+selfish,CN=dove,IN=random"];
    for (let i = 0; i < 30; i++) {
      const mix = mixes[i % mixes.length]!;
      const seed = `legal:${i}`;
      const game = playGame({ scenario: s, settings: { seed } }, players(s, mix, seed), { reasons: true });
      expect(game.botRefused, `${mix} ${seed}: moves refused from bots`).toBe(0);
      if (!mix.includes("random")) expect(game.refused).toBe(0);
      expect(game.state.phase).toBe("ended");
      for (const a of game.log) expect(ActionSchema.safeParse(JSON.parse(JSON.stringify(a))).success).toBe(true);
      for (const d of game.decisions) {
        moves.add(d.move);
        if (!d.reason) continue; // the random player gives none
        const said = words(d.reason);
        expect(said).not.toContain("\n");
        expect(said.length).toBeLessThan(400);
        expect(said).toMatch(/^(signed|declined|countered|stayed out|proposed|withdrew|ready)\b/);
        expect(said).not.toMatch(/\{|\bbot\./);
      }
      decisions += game.decisions.length;
    }
    expect(decisions).toBeGreaterThan(2500);
    for (const m of ["propose", "sign", "decline", "ready"]) expect(moves).toContain(m);
  });

  it.each(["alliance-2021", "multipolar-2024"])("play %s to the end without a refused move", (id) => {
    const s = scenario(id);
    const game = playGame({ scenario: s, settings: { seed: "legal" } }, players(s, "mixed", "legal"));
    expect(game.refused).toBe(0);
    expect(game.state.phase).toBe("ended");
    expect(game.log.filter((a) => a.move.type === "propose").length).toBeGreaterThan(5);
  });

  it("play the same game from the same seed, and replay(log) reproduces it", () => {
    const s = scenario("classroom-quick");
    const p = players(s, "mixed", "same");
    const a = playGame({ scenario: s, settings: { seed: "same" } }, p, { reasons: true });
    const b = playGame({ scenario: s, settings: { seed: "same" } }, p, { reasons: true });
    expect(b.log).toEqual(a.log);
    expect(b.decisions).toEqual(a.decisions);
    expect(canon(b.state)).toBe(canon(a.state));
    expect(canon(replay({ scenario: s, settings: { seed: "same" } }, a.log))).toBe(canon(a.state));
    const c = playGame({ scenario: s, settings: { seed: "other" } }, p);
    expect(c.log).not.toEqual(a.log);
  });
});

describe("npm run simulate -- --reasons", () => {
  it("prints every decision of one bot game, a bot's line in chat with the sentence it wrote", () => {
    const cli = spawnSync(join("node_modules", ".bin", "node"), ["--import", "tsx", join("server", "cli", "simulate.ts"), "--scenario", "classroom-quick", "--mix", "scenario", "--seed", "7", "--reasons", "--no-counterfactuals"], { encoding: "utf8", timeout: 120_000 });
    expect(cli.status, cli.stderr).toBe(0);
    const lines = cli.stdout.trim().split("\n");
    const chat = lines.filter((l) => /^round \d+ +[A-Z]+ +chat /.test(l));
    expect(chat.length).toBeGreaterThan(6);
    // Each says something a person can read: what it wants this round, or that it needs nothing.
    for (const l of chat) expect(l.replace(/^round \d+ +[A-Z]+ +chat +/, "")).toMatch(/\bround\b.{10,}/);
    expect(lines.some((l) => /^round 1 +[A-Z]+ +propose +proposed /.test(l))).toBe(true);
  });
});
