/**
 * Whether a file may be run as code: an `.mjs` config is imported, so whoever can write it, or
 * replace it in its folder, runs code as the user running compose-gate (in CI, often root, on a
 * pull request from a stranger). The rule is the code cache's (src/cli/launch.cts), widened to
 * files root owns: the file, and the folder it is named in and the folder it really is in, must
 * be owned by this user or root and writable by no one else. On systems without POSIX owners
 * (Windows) there is nothing to check.
 */
import { lstatSync, realpathSync, statSync, type Stats } from "node:fs";
import path from "node:path";

/** Why `file` must not be run as code, or undefined when it may. */
export function untrustedReason(file: string): string | undefined {
  if (typeof process.getuid !== "function") return undefined;
  const uid = process.getuid();
  const real = realpathSync(file);
  const stat = statSync(real);
  if (!stat.isFile()) return "is not a regular file";
  const own = ownership(stat, uid);
  if (own) return `${own}${real === path.resolve(file) ? "" : ` (it links to ${real})`}`;
  for (const dir of new Set([path.dirname(path.resolve(file)), path.dirname(real)])) {
    const problem = ownership(lstatSync(dir), uid);
    if (problem) return `is in a folder (${dir}) that ${problem}`;
  }
  return undefined;
}

/** What is wrong with the owner or mode of `stat`, phrased for a file or folder. */
function ownership(stat: Stats, uid: number): string | undefined {
  if (stat.uid !== uid && stat.uid !== 0) return `is owned by uid ${stat.uid}, neither you (uid ${uid}) nor root`;
  if (stat.mode & 0o002) return `can be written by anyone (mode ${(stat.mode & 0o777).toString(8)})`;
  if (stat.mode & 0o020) return `can be written by its group (mode ${(stat.mode & 0o777).toString(8)})`;
  return undefined;
}
