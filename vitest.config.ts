import { configDefaults, defineConfig } from "vitest/config";

// Four groups, one after the other (docs/ARCHITECTURE.md, "How long the suite runs"):
// - "pure": files that only compute (engine, bots, scenarios, protocol, client logic, debrief):
//   no browser, no game server, no database, no waits on the clock. Two at a time, each in a
//   fresh process (modules such as the debrief's analysis cache keep state between files).
// - "servers": the game server's and the classes' files (a real server and SDK clients, no
//   browser), two at a time: most of their time is waiting on the server's clocks and sockets.
// - "serial": everything else, one file at a time in a fresh process each: two Chromiums, or a
//   cluster's leases beside anything, starve each other's waits on 2 cores.
// A new file under a pure folder is pure; it must not start a browser or a game server: one that
// starts a game server goes under tests/server (or tests/classes), one that drives Chromium in
// SERIAL_IN_PURE_FOLDERS. tests/architecture.test.ts holds the pure project to that.
export const PURE = [
  "tests/architecture.test.ts",
  "tests/bots/**/*.test.ts",
  "tests/client/**/*.test.ts",
  "tests/debrief/**/*.test.ts",
  "tests/engine/**/*.test.ts",
  "tests/golden/**/*.test.ts",
  "tests/protocol/**/*.test.ts",
  "tests/scenario/**/*.test.ts",
  // Reads docs/DEPLOY.md's example files; starts nothing, though it sits beside the cluster's.
  "tests/scale/deploy-files.test.ts",
];
/** Files that start a game server and connect SDK clients to it, and no browser. */
export const SERVERS = ["tests/server/**/*.test.ts", "tests/classes/**/*.test.ts"];
/** Files under those folders that drive Chromium. */
export const SERIAL_IN_PURE_FOLDERS = [
  "tests/client/class-page-dom.test.ts",
  "tests/client/compare-page-dom.test.ts",
  "tests/client/panels-dom.test.ts",
  "tests/debrief/html-render.test.ts",
];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // `expect.poll` waits for a condition; its default second is a fixed time in disguise: a
    // Chromium page drawing a panel at a load average of 20–40 takes longer, and the DOM tests
    // failed on it now and then. A poll that passes returns as soon as it does.
    expect: { poll: { timeout: 15_000 } },
    // The game server bundled once per run, for every test server (tests/helpers/server-bundle.ts).
    globalSetup: ["tests/helpers/server-bundle.ts"],
    projects: [
      {
        extends: true,
        test: {
          name: "pure",
          include: PURE,
          exclude: [...configDefaults.exclude, ...SERIAL_IN_PURE_FOLDERS],
          sequence: { groupOrder: 0 },
          maxWorkers: 2,
          // Nothing here waits on a clock, so a timeout only catches a hang; on a loaded 2-core
          // machine a 4 s file of seeded games took 250 s, one test 147 s. So a test here sets no
          // timeout of its own: a shorter one only fails a slow machine.
          testTimeout: 600_000,
          hookTimeout: 600_000,
        },
      },
      {
        extends: true,
        test: {
          name: "servers",
          include: SERVERS,
          sequence: { groupOrder: 1 },
          maxWorkers: 2,
        },
      },
      {
        extends: true,
        test: {
          name: "serial",
          include: ["tests/**/*.test.ts"],
          exclude: [...configDefaults.exclude, ...PURE, ...SERVERS],
          sequence: { groupOrder: 2 },
          fileParallelism: false,
        },
      },
      {
        // A project of their own only because a project's exclude wins over its include; a group
        // of their own, after "serial", so no file of theirs runs beside one of its (projects of
        // one group share the group's run).
        extends: true,
        test: {
          name: "serial-chromium",
          include: SERIAL_IN_PURE_FOLDERS,
          sequence: { groupOrder: 3 },
          fileParallelism: false,
        },
      },
    ],
  },
});
