/**
 * The patch for a run: every changed compose file and every new extra file, in one text that
 * `git apply` accepts. The displayed version is masked (secret values replaced) and may be
 * coloured; the `--patch` file is neither, because a masked patch no longer applies.
 */
import { colorize, unifiedDiff, type DiffOptions, type FileChange, type PatchColors } from "../diff/index.js";

export interface Change extends FileChange {
  /** Permission bits of a new file; an executable one gets git's `new file mode 100755`. */
  mode?: number;
}

export function renderChanges(changes: readonly Change[], options: DiffOptions = {}): string {
  return changes.map((change) => withMode(change, unifiedDiff(change, options))).join("");
}

/** The patch masked for display, coloured when `colors` is given. */
export function displayPatch(changes: readonly Change[], mask: (line: string) => string, colors?: PatchColors): string {
  const patch = renderChanges(changes, { mask });
  return colors ? colorize(patch, colors) : patch;
}

/**
 * `unifiedDiff` writes every new file as mode 100644; a script must arrive executable, so the
 * mode line of a new executable file is rewritten (it is the only `new file mode` line of its
 * own file's patch, before any hunk).
 */
function withMode(change: Change, patch: string): string {
  if (change.before !== null || change.mode === undefined || (change.mode & 0o111) === 0) return patch;
  return patch.replace(/^new file mode 100644$/m, "new file mode 100755");
}
