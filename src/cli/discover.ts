/**
 * Turning the paths users type into compose files. A directory is searched for compose file
 * names (`docker-compose*.yml`, `compose*.yaml`, …) below it; a glob is matched as written.
 * `node_modules` and dot-folders are skipped and symbolic links are not followed, so a link
 * loop cannot make the search run forever (name a linked file explicitly to use it).
 */
import fg from "fast-glob";
import { SEARCH_OPTIONS } from "../io/glob.js";

export const COMPOSE_FILE_PATTERNS = ["docker-compose*.y?(a)ml", "compose*.y?(a)ml"] as const;

const SEARCH: fg.Options = { ...SEARCH_OPTIONS, ignore: ["**/node_modules/**"] };

/** Compose files anywhere under `dir`, sorted. */
export function findComposeFiles(dir: string): string[] {
  return fg.sync(COMPOSE_FILE_PATTERNS.map((p) => `**/${p}`), { ...SEARCH, cwd: dir }).sort();
}

/** Files matching a glob written relative to `cwd`, sorted. */
export function expandGlob(pattern: string, cwd: string): string[] {
  return fg.sync(pattern, { ...SEARCH, cwd }).sort();
}

export function isGlob(text: string): boolean {
  return fg.isDynamicPattern(text);
}
