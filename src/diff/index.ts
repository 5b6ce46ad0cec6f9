/**
 * Unified diffs of compose-gate's edits: git-style patches that `git apply` accepts exactly,
 * bounded in time, optionally masked for display and coloured for terminals.
 */
export type { DiffOptions, DiffStats, FileChange, MaskedLine } from "./types.js";
export { unifiedDiff, renderPatch, diffStats, lineEdits } from "./render.js";
export { colorize, type PatchColors } from "./colorize.js";
export { diffLineArrays, type Edit, type EditBounds, type LineEdits } from "./edits.js";
export { buildHunks, hunkHeader, type Hunk } from "./hunks.js";
export { splitLines } from "./lines.js";
