/**
 * Paths as users see them: relative to the working directory with `/` separators, which is
 * also how they appear in patches (`git apply` run from that directory finds them).
 */
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
