/**
 * The line-level edit script between two texts, bounded in time.
 *
 * jsdiff's Myers implementation is quadratic in the number of changed lines, so a reformatted
 * file can hang the CLI for minutes. The common prefix and suffix are trimmed first (cheap, and
 * most compose-gate edits touch a few lines of a large file), jsdiff runs on the middle with a
 * timeout, and when it gives up the middle becomes one removal plus one addition: coarser,
 * but still an exact patch.
 *
 * A large file edited in many places (a secret converted in every service) leaves a middle of
 * tens of thousands of lines with thousands of changes, where jsdiff would run into its timeout.
 * There the middle is first cut at anchor lines — lines that occur exactly once on each side, in
 * the same order (patience diff's idea) — and jsdiff runs on each small gap between anchors.
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
  const deadline = Date.now() + bounds.timeoutMs;
  const middle =
    oldMiddle.length + newMiddle.length > ANCHORED_ABOVE ? anchoredEdits(oldMiddle, newMiddle, bounds, deadline) : gapEdits(oldMiddle, newMiddle, bounds, bounds.timeoutMs);
  const edits = [
    ...tag(" ", before.slice(0, prefix)),
    ...groupRemovalsFirst(middle.edits),
    ...tag(" ", before.slice(before.length - suffix)),
  ];
  return { edits, coarse: middle.coarse };
}

/** Middles longer than this (lines on both sides) are cut at anchors before jsdiff sees them. */
const ANCHORED_ABOVE = 2000;

/** jsdiff on one stretch of lines, or the coarse replacement when it gives up. */
function gapEdits(oldLines: string[], newLines: string[], bounds: EditBounds, timeoutMs: number): LineEdits {
  const late = timeoutMs < 0 && oldLines.length > 0 && newLines.length > 0;
  const exact = late ? undefined : middleEdits(oldLines, newLines, { ...bounds, timeoutMs: Math.max(0, timeoutMs) });
  return exact ? { edits: exact, coarse: false } : { edits: [...tag("-", oldLines), ...tag("+", newLines)], coarse: true };
}

/** The middle diffed gap by gap between anchor lines, all gaps sharing one deadline. */
function anchoredEdits(oldLines: string[], newLines: string[], bounds: EditBounds, deadline: number): LineEdits {
  const edits: Edit[] = [];
  let coarse = false;
  let a = 0;
  let b = 0;
  const gap = (toA: number, toB: number) => {
    const part = gapEdits(oldLines.slice(a, toA), newLines.slice(b, toB), bounds, deadline - Date.now());
    for (const e of part.edits) edits.push(e);
    coarse ||= part.coarse;
  };
  for (const [i, j] of anchors(oldLines, newLines)) {
    gap(i, j);
    edits.push({ op: " ", line: oldLines[i] });
    a = i + 1;
    b = j + 1;
  }
  gap(oldLines.length, newLines.length);
  return { edits, coarse };
}

/**
 * Pairs of indexes of lines unique on both sides, as many as possible in the same order on
 * both sides (a longest increasing subsequence, O(n log n)).
 */
function anchors(oldLines: string[], newLines: string[]): [number, number][] {
  const seen = new Map<string, { old: number; new: number; at: number }>();
  oldLines.forEach((line, i) => {
    const s = seen.get(line);
    if (s) s.old++;
    else seen.set(line, { old: 1, new: 0, at: i });
  });
  const pairs: [number, number][] = [];
  const newAt = new Map<string, number>();
  newLines.forEach((line, j) => {
    const s = seen.get(line);
    if (!s) return;
    s.new++;
    newAt.set(line, j);
  });
  for (const [line, s] of seen) if (s.old === 1 && s.new === 1) pairs.push([s.at, newAt.get(line)!]);
  pairs.sort((x, y) => x[0] - y[0]);
  // Patience sorting on the new-side index; `tails[k]` ends the best run of length k + 1.
  const tails: number[] = [];
  const previous: number[] = [];
  pairs.forEach(([, j], p) => {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (pairs[tails[mid]][1] < j) lo = mid + 1;
      else hi = mid;
    }
    previous[p] = lo > 0 ? tails[lo - 1] : -1;
    tails[lo] = p;
  });
  const run: [number, number][] = [];
  for (let p = tails.length > 0 ? tails[tails.length - 1] : -1; p >= 0; p = previous[p]) run.push(pairs[p]);
  return run.reverse();
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
