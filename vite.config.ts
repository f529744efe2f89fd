import { fileURLToPath } from "node:url";
import { defineConfig, type Plugin } from "vite";

/**
 * The board's chunk and Phaser are fetched beside the entry (modulepreload, low priority),
 * not once the entry has run: a projector or a returning player opens the board straight
 * away, and its first frame waited for their download to start (docs/PERFORMANCE.md). They
 * still run only when the board is opened (client/ui/board-loader.ts); the start page loaded
 * them after its first screen anyway.
 */
function preloadBoard(): Plugin {
  return {
    name: "preload-board",
    apply: "build",
    transformIndexHtml: {
      order: "post",
      handler(_html, { bundle }) {
        const chunks = Object.values(bundle ?? {}).flatMap((c) => (c.type === "chunk" ? [c] : []));
        const board = chunks.find((c) => c.facadeModuleId?.endsWith("/client/board/board.ts"));
        const entry = chunks.find((c) => c.isEntry);
        if (!board || !entry) return [];
        const loaded = new Set([entry.fileName, ...entry.imports]);
        return [board.fileName, ...board.imports]
          .filter((f) => !loaded.has(f))
          .map((f) => ({ tag: "link", attrs: { rel: "modulepreload", crossorigin: true, href: `/${f}`, fetchpriority: "low" }, injectTo: "head" as const }));
      },
    },
  };
}

/**
 * The client lives in client/ and builds into dist/, which the server serves (npm start).
 * Phaser is large and does not tree-shake; the board imports it lazily, and it gets a chunk
 * of its own so the start page loads fast.
 */
export default defineConfig({
  root: "client",
  publicDir: false,
  plugins: [preloadBoard()],
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
