/**
 * The shapes shared by the diff module. A `FileChange` is what a transform produces for one
 * file; everything else in `src/diff/` turns it into text a human reviews and `git apply` accepts.
 */

/** One file's content before and after a run. */
export interface FileChange {
  /** Repository-relative POSIX path (`deploy/docker-compose.yml`); used for both sides. */
  path: string;
  /** Original content; `null` when the file is created. */
  before: string | null;
  /** New content; `null` when the file is deleted. */
  after: string | null;
  /** Permission bits of a created file; an executable one is written as git's `new file mode 100755`. */
  mode?: number;
  /**
   * Where secret text is written in each side, as sorted `[start, end)` offsets into `before`
   * and `after`: a `mask` receives the change and the line numbers, so it can hide those
   * characters whatever their spelling.
   */
  secrets?: { before?: readonly (readonly [number, number])[]; after?: readonly (readonly [number, number])[] };
}

/** Which line a `mask` is given: 1-based line numbers in `change.before` and `change.after` (a context line has both). */
export interface MaskedLine {
  change: FileChange;
  before?: number;
  after?: number;
}

/** How a patch is computed and rendered. */
export interface DiffOptions {
  /**
   * Unchanged lines shown around each change (default 3, git's default). With 0 the patch only
   * applies with `git apply --unidiff-zero`, because git refuses context-free hunks otherwise.
   */
  context?: number;
  /**
   * Milliseconds jsdiff may spend per file before compose-gate falls back to one coarse hunk
   * (default 2000). jsdiff is O(N·D): a 1 MB reformat took ~39 s unbounded. Timing-based, so a
   * file near the limit can diff differently on a slower machine; use `maxEditLength` where the
   * output must be reproducible (golden files).
   */
  timeoutMs?: number;
  /**
   * Deterministic alternative/companion to `timeoutMs`: the largest edit distance (removed plus
   * added lines, after trimming the common prefix and suffix) jsdiff may explore before the
   * coarse fallback is used. Unset means unbounded.
   */
  maxEditLength?: number;
  /**
   * Rewrites the text of every content line (context, removed and added) before it is printed,
   * e.g. `secretMasker(values)`. It receives the line without its `\n`/`\r\n` terminator and the
   * terminator is re-attached afterwards; a `\n` in its result is shown as `\u2424` (␤) so hunk
   * line counts never change. A masked patch is for display only: it may no longer apply.
   * Write the unmasked patch for `--patch` unless the user explicitly asked for masking.
   * The second argument says which line of which change it is (see `FileChange.secrets`).
   */
  mask?: (line: string, at: MaskedLine) => string;
}

/** Line counts of a change, as shown in summaries (`+3 -1`). */
export interface DiffStats {
  added: number;
  removed: number;
}
