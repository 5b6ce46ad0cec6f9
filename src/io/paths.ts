/**
 * Paths as users see them: relative to the working directory with `/` separators, which is
 * also how they appear in patches (`git apply` run from that directory finds them).
 */
import { existsSync } from "node:fs";
import path from "node:path";

/** `deploy/compose.yml` for a file under `cwd`, `../other/compose.yml` outside it. */
export function displayPath(absolute: string, cwd: string): string {
  const rel = path.relative(cwd, absolute);
  if (rel === "") return ".";
  return rel.split(path.sep).join("/");
}

/** True when a display path leaves the working directory (a patch cannot name it). */
export function isOutside(display: string): boolean {
  return display === ".." || display.startsWith("../") || path.isAbsolute(display);
}

/**
 * The root of the git repository holding `dir` (the nearest folder with a `.git` entry), or
 * undefined when there is none. Workflows live under it (`.github/workflows/`).
 */
export function repositoryRoot(dir: string): string | undefined {
  for (let at = path.resolve(dir); ; at = path.dirname(at)) {
    if (existsSync(path.join(at, ".git"))) return at;
    if (path.dirname(at) === at) return undefined;
  }
}
