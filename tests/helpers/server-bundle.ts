/**
 * The game server as one ESM file for the tests' servers: built once per vitest run (the
 * globalSetup in vitest.config.ts), then every test server starts it with plain node
 * (tests/helpers/server-process.ts) instead of loading ~1,000 modules through tsx's hooks
 * (docs/ARCHITECTURE.md, "How long the suite runs").
 *
 * Only the repo's own code goes in; every package stays an import of node_modules, so the server
 * loads the same single copies of @colyseus/* (and their optional native parts) as `npm start`.
 * `import.meta.url`, `import.meta.dirname` and `import.meta.filename` in the repo's files become
 * their source file's own, so paths read at run time (server/scenarios.ts's SCENARIO_DIR,
 * server/app.ts's DIST_DIR, server/debrief/report-font.ts's FONT_DIR ...) resolve as they do
 * under `npm start`, wherever the bundle lies.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { build, type Plugin } from "esbuild";
import { ROOT, SERVER_BUNDLE_ENV } from "./server-process.ts";

/** Where the bundle goes (ignored by git, as dist/ is). */
export const SERVER_BUNDLE = join(ROOT, "dist-server", "main.mjs");

const ownImportMeta: Plugin = {
  name: "own-import-meta",
  setup(b) {
    b.onLoad({ filter: /\.[cm]?ts$/ }, (args) => {
      if (args.path.includes("/node_modules/")) return undefined;
      const source = readFileSync(args.path, "utf8");
      const contents = source
        .replaceAll("import.meta.url", JSON.stringify(pathToFileURL(args.path).href))
        .replaceAll("import.meta.dirname", JSON.stringify(dirname(args.path)))
        .replaceAll("import.meta.filename", JSON.stringify(args.path));
      return { contents, loader: "ts" };
    });
  },
};

/** Bundles server/main.ts into SERVER_BUNDLE, its source map beside it. */
export async function buildServerBundle(): Promise<string> {
  mkdirSync(dirname(SERVER_BUNDLE), { recursive: true });
  const { outputFiles } = await build({
    absWorkingDir: ROOT,
    entryPoints: [join(ROOT, "server", "main.ts")],
    outfile: SERVER_BUNDLE,
    write: false,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node22",
    packages: "external",
    // Beside it, not inside: node reads an inline map at every start. Stack traces name the
    // bundle's lines (each file's code follows a `// server/….ts` comment there), or the sources'
    // with SERVER_NODE_FLAGS=--enable-source-maps.
    sourcemap: "linked",
    logLevel: "warning",
    plugins: [ownImportMeta],
  });
  // Each file written whole, then renamed into place: a server starting meanwhile (another run in
  // this checkout) reads an old bundle or the new one, never half of one. The map first.
  for (const file of [...outputFiles].sort((a, b) => Number(b.path.endsWith(".map")) - Number(a.path.endsWith(".map")))) {
    const partial = `${file.path}.${process.pid}.tmp`;
    writeFileSync(partial, file.contents);
    renameSync(partial, file.path);
  }
  return SERVER_BUNDLE;
}

/** vitest's globalSetup: one build per run, shared by every project that runs. */
export default async function setup(): Promise<void> {
  // The variable reaches the test workers; the marker beside it keeps a value inherited from a
  // shell (an older run's bundle) from being taken for this run's.
  if (process.env[SERVER_BUNDLE_ENV] && process.env[`${SERVER_BUNDLE_ENV}_BY`] === String(process.pid)) return;
  const started = Date.now();
  process.env[SERVER_BUNDLE_ENV] = await buildServerBundle();
  process.env[`${SERVER_BUNDLE_ENV}_BY`] = String(process.pid);
  if (process.env.TEST_LOG_LEVEL === "debug") console.log(`server bundle built in ${Date.now() - started} ms`);
}
