/**
 * The project compose-gate works in, and whether a path stays inside it. The **project root**
 * is the repository root — the nearest folder, from the working directory up, that holds a
 * `.git` entry (a folder, or the file of a worktree or submodule) — or, outside a repository,
 * the working directory itself. The config is searched for up to it; compose files read and
 * folders written must resolve inside it (links followed), so a link in a pull request cannot
 * make compose-gate print `/etc/shadow` into a CI log or write into a folder of the runner.
 */
import { realpathSync } from "node:fs";
import path from "node:path";
import { repositoryRoot } from "./paths.js";

/** The real path of the repository root holding `cwd`, else of `cwd`. */
export function findProjectRoot(cwd: string): string {
  const start = realOrSelf(path.resolve(cwd));
  return repositoryRoot(start) ?? start;
}

/**
 * Where `target` really is: links resolved in every part that exists, the rest (a file or
 * folders still to be created) appended as written.
 */
export function realLocation(target: string): string {
  const absolute = path.resolve(target);
  const missing: string[] = [];
  for (let at = absolute; ; at = path.dirname(at)) {
    try {
      return path.join(realpathSync(at), ...missing.reverse());
    } catch {
      if (path.dirname(at) === at) return absolute;
      missing.push(path.basename(at));
    }
  }
}

/** True when the real path `real` is `root` or below it. */
export function isWithin(root: string, real: string): boolean {
  const rel = path.relative(root, real);
  return rel === "" || (!rel.startsWith(`..${path.sep}`) && rel !== ".." && !path.isAbsolute(rel));
}

/** `realpath`, or the path itself when it does not exist (yet). */
export function realOrSelf(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return file;
  }
}
