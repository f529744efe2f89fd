import { fileURLToPath } from "node:url";
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
  // The package exports only its whole build; the board's subset imports its sources.
  resolve: {
    alias: [
      { find: /^phaser-src\//, replacement: fileURLToPath(new URL("./node_modules/phaser/src/", import.meta.url)) },
      { find: "phaser3spectorjs", replacement: fileURLToPath(new URL("./client/board/spector-stub.js", import.meta.url)) },
    ],
  },
  // Phaser's own build flags, for the board's subset of it (client/board/phaser-lite.js).
  // Its sources test them as `if (typeof FLAG)`, so the `typeof` expressions are what is replaced.
  define: {
    "typeof WEBGL_RENDERER": "true",
    "typeof CANVAS_RENDERER": "false",
    "typeof WEBGL_DEBUG": "false",
    "typeof FEATURE_SOUND": "false",
    "typeof PLUGIN_CAMERA3D": "false",
    "typeof PLUGIN_FBINSTANT": "false",
  },
});
