import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    // One file at a time: two Chromiums or a cluster side by side starve each other's waits on
    // a 2-core machine (docs/ARCHITECTURE.md, "How long the suite runs").
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
