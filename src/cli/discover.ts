/**
 * Turning the paths users type into compose files. A directory is searched for compose file
 * names (`docker-compose*.yml`, `compose*.yaml`, …) below it; a glob is matched as written.
 * `node_modules` and dot-folders are skipped and symbolic links are not followed, so a link
 * loop cannot make the search run forever (name a linked file explicitly to use it).
 */
import { createRequire } from "node:module";
import type FastGlob from "fast-glob";
import { SEARCH_OPTIONS } from "../io/glob.js";

export const COMPOSE_FILE_PATTERNS = ["docker-compose*.y?(a)ml", "compose*.y?(a)ml"] as const;

/**
 * fast-glob, loaded the first time a directory or pattern is named: most runs name files, and
 * it is some thirty modules to load. (It is CommonJS, so loading it here stays synchronous.)
 */
let glob: typeof FastGlob | undefined;
function fg(): typeof FastGlob {
  glob ??= createRequire(import.meta.url)("fast-glob") as typeof FastGlob;
  return glob;
}

const SEARCH: FastGlob.Options = { ...SEARCH_OPTIONS, ignore: ["**/node_modules/**"] };

/** Compose files anywhere under `dir`, sorted. */
export function findComposeFiles(dir: string): string[] {
  return fg().sync(COMPOSE_FILE_PATTERNS.map((p) => `**/${p}`), { ...SEARCH, cwd: dir }).sort();
}

/** Files matching a glob written relative to `cwd`, sorted. */
export function expandGlob(pattern: string, cwd: string): string[] {
  return fg().sync(pattern, { ...SEARCH, cwd }).sort();
}

export function isGlob(text: string): boolean {
  return fg().isDynamicPattern(text);
}
