/**
 * SARIF `replacements` from a before/after pair: each run of changed lines becomes one
 * replacement that deletes whole lines (from column 1 of the first to column 1 of the line
 * after the last, so line terminators go with them) and inserts the new lines. Computed with
 * the same bounded line diff as the patches, so a SARIF fix and `compose-gate transform`
 * describe the same edit.
 */
import { buildHunks, lineEdits, splitLines } from "../diff/index.js";

export interface Region {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

export interface Replacement {
  deletedRegion: Region;
  insertedContent: { text: string };
}

export function replacementsFor(before: string, after: string): Replacement[] {
  if (before === after) return [];
  const lines = splitLines(before);
  const { edits } = lineEdits({ path: "file", before, after });
  return buildHunks(edits, 0).map((hunk) => {
    // An insertion's hunk names the line *before* it; a replacement's names its first line.
    const first = hunk.oldLines === 0 ? hunk.oldStart + 1 : hunk.oldStart;
    const text = hunk.edits.filter((e) => e.op === "+").map((e) => e.line).join("");
    return { deletedRegion: region(lines, first, hunk.oldLines), insertedContent: { text } };
  });
}

/** Lines `first … first+count-1` (1-based) including their terminators; empty for count 0. */
function region(lines: string[], first: number, count: number): Region {
  const next = first + count;
  if (next <= lines.length || endsWithNewline(lines)) {
    return { startLine: first, startColumn: 1, endLine: next, endColumn: 1 };
  }
  // The deletion runs to the end of a file without a final newline: end after its last character.
  const last = lines[lines.length - 1];
  return { startLine: first, startColumn: 1, endLine: lines.length, endColumn: last.length + 1 };
}

function endsWithNewline(lines: string[]): boolean {
  return lines.length === 0 || lines[lines.length - 1].endsWith("\n");
}
