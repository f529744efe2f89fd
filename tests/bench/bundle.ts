/**
 * Client bundle sizes: builds the client (vite, with a manifest) into a temporary folder and
 * reports each chunk's gzip size, the entry (what every page loads) and the JS to reach the
 * board: the entry's static imports, then the board module's chunk and its static imports.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

type ManifestChunk = { file: string; src?: string; isEntry?: boolean; isDynamicEntry?: boolean; imports?: string[]; dynamicImports?: string[]; css?: string[] };
export type BundleFigures = {
  entryGz: number;
  boardGz: number;
  jsToBoardGz: number;
  cssGz: number;
  chunks: { file: string; rawBytes: number; gzBytes: number }[];
  /** The build's folder, kept for the first-frame measurement; remove with `cleanup()`. */
  dir: string;
};

const gz = (path: string) => gzipSync(readFileSync(path), { level: 9 }).length;

export function buildClient(root: string): string {
  const dir = mkdtempSync(join(tmpdir(), "chokepoint-bench-dist-"));
  execFileSync(join(root, "node_modules", ".bin", "vite"), ["build", "--outDir", dir, "--emptyOutDir", "--manifest", "--logLevel", "error"], { cwd: root, stdio: ["ignore", "ignore", "inherit"] });
  return dir;
}

export function bundleFigures(dir: string): BundleFigures {
  const manifest = JSON.parse(readFileSync(join(dir, ".vite", "manifest.json"), "utf8")) as Record<string, ManifestChunk>;
  const closure = (keys: string[], seen = new Set<string>()): Set<string> => {
    for (const k of keys) {
      if (seen.has(k)) continue;
      seen.add(k);
      closure(manifest[k]?.imports ?? [], seen);
    }
    return seen;
  };
  const size = (keys: Iterable<string>) => [...keys].reduce((n, k) => n + gz(join(dir, manifest[k]!.file)), 0);
  const entryKey = Object.keys(manifest).find((k) => manifest[k]!.isEntry)!;
  const boardKey = Object.keys(manifest).find((k) => k.endsWith("board/board.ts"));
  const entry = closure([entryKey]);
  const toBoard = closure(boardKey ? [boardKey] : [], new Set(entry));
  const assets = join(dir, "assets");
  const files = readdirSync(assets);
  return {
    entryGz: size(entry),
    boardGz: boardKey ? size([boardKey]) : 0,
    jsToBoardGz: size(toBoard),
    cssGz: files.filter((f) => f.endsWith(".css")).reduce((n, f) => n + gz(join(assets, f)), 0),
    chunks: files
      .filter((f) => f.endsWith(".js"))
      .map((f) => ({ file: f, rawBytes: readFileSync(join(assets, f)).length, gzBytes: gz(join(assets, f)) }))
      .sort((a, b) => b.gzBytes - a.gzBytes),
    dir,
  };
}

export function removeBuild(dir: string) {
  rmSync(dir, { recursive: true, force: true });
}
