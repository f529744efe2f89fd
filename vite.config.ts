import { defineConfig } from "vite";

/**
 * The client lives in client/ and builds into dist/, which the server serves (npm start).
 * Phaser is large and does not tree-shake; the board imports it lazily, and it gets a chunk
 * of its own so the start page loads fast.
 */
export default defineConfig({
  root: "client",
  publicDir: false,
  build: {
    outDir: "../dist",
    emptyOutDir: true,
    target: "es2022",
    chunkSizeWarningLimit: 1600,
    // The Chinese font's pieces stay files: inlined as base64 they would cost a third more.
    assetsInlineLimit: (file: string) => (file.endsWith(".woff2") ? false : undefined),
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [{ name: "phaser", test: /node_modules[\\/]phaser/ }],
        },
      },
    },
  },
  server: { fs: { allow: [".."] } },
});
