/**
 * Git-style patches for `FileChange`s: the text humans review, golden files pin and
 * `git apply` must accept byte for byte (CRLF, BOM, missing final newline and empty files included).
 */
import { diffLineArrays, type LineEdits } from "./edits.js";
import { buildHunks, hunkHeader, type Hunk } from "./hunks.js";
import { lineParts, splitLines } from "./lines.js";
import { assertPatchPath, fileHeaderName, gitName, normalizePatchPath } from "./paths.js";
import type { DiffOptions, DiffStats, FileChange, MaskedLine } from "./types.js";

const DEFAULT_CONTEXT = 3;
const DEFAULT_TIMEOUT_MS = 2000;
const NO_NEWLINE = "\\ No newline at end of file";
/** git's modes for a regular file and an executable one. */
const FILE_MODE = "100644";
const EXECUTABLE_MODE = "100755";

/**
 * The patch for one file, or `""` when nothing changed. New and deleted files get git's
 * `new file mode` / `deleted file mode` headers and `/dev/null` names; an empty file created or
 * deleted has no hunks, so like git it has no `---`/`+++` lines either. Passing `mask` makes the
 * result display-only (see `DiffOptions.mask`).
 */
export function unifiedDiff(change: FileChange, options: DiffOptions = {}): string {
  if (change.before === change.after) return "";
  const path = normalizePatchPath(change.path);
  assertPatchPath(path);
  const { edits } = lineEdits(change, options);
  const hunks = buildHunks(edits, options.context ?? DEFAULT_CONTEXT);
  const header = fileHeader(path, change, hunks.length > 0);
  return header.concat(hunks.flatMap((h) => renderHunk(h, change, options.mask))).join("");
}

/**
 * One patch for many files (what `--patch FILE` writes): the per-file patches in the given
 * order, unchanged files omitted. `git apply` checks every file before touching any.
 */
export function renderPatch(changes: Iterable<FileChange>, options: DiffOptions = {}): string {
  let patch = "";
  for (const change of changes) patch += unifiedDiff(change, options);
  return patch;
}

/**
 * Added and removed line counts, from the same bounded diff the patch uses; when that diff fell
 * back to a coarse hunk the counts are the coarse ones (an upper bound).
 */
export function diffStats(change: FileChange, options: Pick<DiffOptions, "timeoutMs" | "maxEditLength"> = {}): DiffStats {
  const stats: DiffStats = { added: 0, removed: 0 };
  if (change.before === change.after) return stats;
  for (const { op } of lineEdits(change, options).edits) {
    if (op === "+") stats.added++;
    else if (op === "-") stats.removed++;
  }
  return stats;
}

/**
 * The bounded line diff of a change, with the `coarse` flag so callers can tell users a file
 * was too different to diff finely. A missing side counts as empty text.
 */
export function lineEdits(change: FileChange, options: Pick<DiffOptions, "timeoutMs" | "maxEditLength"> = {}): LineEdits {
  return diffLineArrays(splitLines(change.before ?? ""), splitLines(change.after ?? ""), {
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    maxEditLength: options.maxEditLength,
  });
}

/** `diff --git`, mode and `---`/`+++` lines, each ending in `\n`. */
function fileHeader(path: string, change: FileChange, hasHunks: boolean): string[] {
  const lines = [`diff --git ${gitName("a/", path)} ${gitName("b/", path)}`];
  if (change.before === null) lines.push(`new file mode ${(change.mode ?? 0) & 0o111 ? EXECUTABLE_MODE : FILE_MODE}`);
  if (change.after === null) lines.push(`deleted file mode ${FILE_MODE}`);
  if (hasHunks) {
    lines.push(`--- ${change.before === null ? "/dev/null" : fileHeaderName("a/", path)}`);
    lines.push(`+++ ${change.after === null ? "/dev/null" : fileHeaderName("b/", path)}`);
  }
  return lines.map((l) => l + "\n");
}

function renderHunk(hunk: Hunk, change: FileChange, mask: DiffOptions["mask"]): string[] {
  const out = [hunkHeader(hunk) + "\n"];
  let before = hunk.oldStart;
  let after = hunk.newStart;
  for (const { op, line } of hunk.edits) {
    const at: MaskedLine = op === "+" ? { change, after: after++ } : op === "-" ? { change, before: before++ } : { change, before: before++, after: after++ };
    out.push(renderLine(op, line, mask && ((text) => mask(text, at))));
  }
  return out;
}

/**
 * One patch line. The line's own terminator is kept, so a CRLF line carries its `\r` into the
 * patch; a line without one is the file's last line and gets the no-newline marker after it,
 * which tells git to drop the `\n` the patch format itself needs.
 */
function renderLine(op: string, line: string, mask: ((text: string) => string) | undefined): string {
  const { text, eol } = lineParts(line);
  const shown = mask === undefined ? text : mask(text).replace(/\n/g, "\u2424");
  return eol === "" ? `${op}${shown}\n${NO_NEWLINE}\n` : `${op}${shown}${eol}`;
}
