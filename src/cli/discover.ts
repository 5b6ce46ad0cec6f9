/**
 * Turning the paths users type into compose files. A directory is searched for compose file
 * names (`docker-compose*.yml`, `compose*.yaml`, `docker-stack*.yml`, `stack*.yml`, …) below it;
 * a glob is matched as written. Which of the files found are stacks is decided by their names
 * (folder-roles.ts).
 * `node_modules` and dot-folders are skipped and symbolic links are not followed, so a link
 * loop cannot make the search run forever (name a linked file explicitly to use it).
 */
import { readdirSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type FastGlob from "fast-glob";
import { SEARCH_OPTIONS } from "../io/glob.js";

export const COMPOSE_FILE_PATTERNS = ["docker-compose*.y?(a)ml", "compose*.y?(a)ml", "docker-stack*.y?(a)ml", "stack*.y?(a)ml"] as const;

/** The names `COMPOSE_FILE_PATTERNS` match (a name test needs no glob engine). */
export const COMPOSE_FILE_NAME = /^(?:docker-)?(?:compose|stack).*\.ya?ml$/;

/**
 * fast-glob, loaded the first time a pattern is named: most runs name files or folders, and it
 * is some thirty modules to load. (It is CommonJS, so loading it here stays synchronous.)
 */
let glob: typeof FastGlob | undefined;
function fg(): typeof FastGlob {
  glob ??= createRequire(import.meta.url)("fast-glob") as typeof FastGlob;
  return glob;
}

const SEARCH: FastGlob.Options = { ...SEARCH_OPTIONS, ignore: ["**/node_modules/**"] };

/**
 * Compose files anywhere under `dir`, sorted: what fast-glob finds for the patterns at any depth
 * with `SEARCH`, walked by hand because the patterns are fixed. fast-glob would load and compile
 * them again for every folder named (a tenth of a second for thirty folders). Like `SEARCH`:
 * regular files only (a link is neither followed nor listed), dot-folders and `node_modules`
 * skipped, unreadable folders skipped.
 */
export function findComposeFiles(dir: string): string[] {
  const found: string[] = [];
  const walk = (at: string) => {
    let entries;
    try {
      entries = readdirSync(at, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (entry.isFile() && COMPOSE_FILE_NAME.test(entry.name)) found.push(path.join(at, entry.name));
      else if (entry.isDirectory() && !entry.name.startsWith(".") && entry.name !== "node_modules") walk(path.join(at, entry.name));
    }
  };
  walk(path.resolve(dir));
  return found.sort();
}

/** Files matching a glob written relative to `cwd`, sorted. */
export function expandGlob(pattern: string, cwd: string): string[] {
  return fg().sync(pattern, { ...SEARCH, cwd }).sort();
}

export function isGlob(text: string): boolean {
  return fg().isDynamicPattern(text);
}
