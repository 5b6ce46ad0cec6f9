/**
 * Groups an edit script into unified-diff hunks with git's conventions, so the patch reads like
 * `git diff` output and `git apply` finds every hunk where it belongs.
 */
import type { Edit } from "./edits.js";

/** One `@@ -oldStart,oldLines +newStart,newLines @@` block and its lines. */
export interface Hunk {
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
  edits: Edit[];
}

/**
 * Cuts hunks around changed lines, keeping `context` unchanged lines on each side and merging
 * two changes whose gap is at most `2 * context` lines (their contexts would touch or overlap).
 */
export function buildHunks(edits: Edit[], context: number): Hunk[] {
  const changed = changedIndexes(edits);
  if (changed.length === 0) return [];
  const positions = linePositions(edits);
  const hunks: Hunk[] = [];
  let first = changed[0];
  let last = first;
  for (const index of changed.slice(1)) {
    if (index - last - 1 > 2 * context) {
      hunks.push(makeHunk(edits, positions, first - context, last + 1 + context));
      first = index;
    }
    last = index;
  }
  hunks.push(makeHunk(edits, positions, first - context, last + 1 + context));
  return hunks;
}

function changedIndexes(edits: Edit[]): number[] {
  const indexes: number[] = [];
  edits.forEach((e, i) => {
    if (e.op !== " ") indexes.push(i);
  });
  return indexes;
}

/** Old and new lines consumed before each edit index (and after the last, at `edits.length`). */
interface Positions {
  old: Uint32Array;
  new: Uint32Array;
}

function linePositions(edits: Edit[]): Positions {
  const old = new Uint32Array(edits.length + 1);
  const neu = new Uint32Array(edits.length + 1);
  edits.forEach((e, i) => {
    old[i + 1] = old[i] + (e.op === "+" ? 0 : 1);
    neu[i + 1] = neu[i] + (e.op === "-" ? 0 : 1);
  });
  return { old, new: neu };
}

/**
 * A hunk over `edits[from, to)` (clamped). An empty side starts at the line *before* the hunk
 * (`-0,0` for an empty file, `-5,0` for an insertion after line 5), which is what diff and git use.
 */
function makeHunk(edits: Edit[], positions: Positions, from: number, to: number): Hunk {
  const start = Math.max(0, from);
  const end = Math.min(edits.length, to);
  const oldLines = positions.old[end] - positions.old[start];
  const newLines = positions.new[end] - positions.new[start];
  return {
    oldStart: positions.old[start] + (oldLines === 0 ? 0 : 1),
    oldLines,
    newStart: positions.new[start] + (newLines === 0 ? 0 : 1),
    newLines,
    edits: edits.slice(start, end),
  };
}

/** `@@ -3,7 +3,8 @@`, omitting a count of 1 the way git does. */
export function hunkHeader(h: Hunk): string {
  return `@@ -${range(h.oldStart, h.oldLines)} +${range(h.newStart, h.newLines)} @@`;
}

function range(start: number, count: number): string {
  return count === 1 ? `${start}` : `${start},${count}`;
}
