/**
 * The line-level edit script between two texts, bounded in time.
 *
 * jsdiff's Myers implementation is quadratic in the number of changed lines, so a reformatted
 * file can hang the CLI for minutes. The common prefix and suffix are trimmed first (cheap, and
 * most compose-gate edits touch a few lines of a large file), jsdiff runs on the middle with a
 * timeout, and when it gives up the middle becomes one removal plus one addition: coarser,
 * but still an exact patch.
 */
import { diffArrays } from "diff";

/** One line of the edit script; `op` is the unified-diff prefix of the line. */
export interface Edit {
  op: " " | "-" | "+";
  /** The line including its `\n` (absent only on a last line without a final newline). */
  line: string;
}

/** An edit script plus whether it is the coarse fallback rather than a minimal diff. */
export interface LineEdits {
  edits: Edit[];
  /** `true` when jsdiff hit its time or edit-length bound and the middle was replaced wholesale. */
  coarse: boolean;
}

/** Limits handed to jsdiff; see `DiffOptions.timeoutMs` and `DiffOptions.maxEditLength`. */
export interface EditBounds {
  timeoutMs: number;
  maxEditLength?: number;
}

/** Computes the edit script turning `before` lines into `after` lines (see `splitLines`). */
export function diffLineArrays(before: string[], after: string[], bounds: EditBounds): LineEdits {
  const prefix = commonPrefixLength(before, after);
  const suffix = commonSuffixLength(before, after, prefix);
  const oldMiddle = before.slice(prefix, before.length - suffix);
  const newMiddle = after.slice(prefix, after.length - suffix);
  const exact = middleEdits(oldMiddle, newMiddle, bounds);
  const middle = exact ?? [...tag("-", oldMiddle), ...tag("+", newMiddle)];
  const edits = [
    ...tag(" ", before.slice(0, prefix)),
    ...groupRemovalsFirst(middle),
    ...tag(" ", before.slice(before.length - suffix)),
  ];
  return { edits, coarse: exact === undefined };
}

function commonPrefixLength(a: string[], b: string[]): number {
  const limit = Math.min(a.length, b.length);
  let i = 0;
  while (i < limit && a[i] === b[i]) i++;
  return i;
}

/** Suffix length that does not overlap the already-counted prefix on either side. */
function commonSuffixLength(a: string[], b: string[], prefix: number): number {
  const limit = Math.min(a.length, b.length) - prefix;
  let n = 0;
  while (n < limit && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
}

/** jsdiff on the trimmed middle; `undefined` when it gave up. Skips jsdiff when a side is empty. */
function middleEdits(oldLines: string[], newLines: string[], bounds: EditBounds): Edit[] | undefined {
  if (oldLines.length === 0 || newLines.length === 0) {
    return [...tag("-", oldLines), ...tag("+", newLines)];
  }
  const changes = diffArrays(oldLines, newLines, {
    timeout: bounds.timeoutMs,
    ...(bounds.maxEditLength === undefined ? {} : { maxEditLength: bounds.maxEditLength }),
  });
  if (changes === undefined) return undefined;
  return changes.flatMap((c) => tag(c.removed ? "-" : c.added ? "+" : " ", c.value));
}

function tag(op: Edit["op"], lines: string[]): Edit[] {
  return lines.map((line) => ({ op, line }));
}

/**
 * Within each run of changed lines, lists removals before additions, as git does. `git apply`
 * accepts any interleaving (it rebuilds each side separately); this is for readers and for
 * golden files that should not depend on jsdiff's internal ordering.
 */
function groupRemovalsFirst(edits: Edit[]): Edit[] {
  const out: Edit[] = [];
  let removed: Edit[] = [];
  let added: Edit[] = [];
  const flush = () => {
    for (const e of removed) out.push(e);
    for (const e of added) out.push(e);
    removed = [];
    added = [];
  };
  for (const e of edits) {
    if (e.op === "-") removed.push(e);
    else if (e.op === "+") added.push(e);
    else {
      flush();
      out.push(e);
    }
  }
  flush();
  return out;
}
