/**
 * Where entries are written in the text as read: a line and column for findings (`locate`),
 * offsets for masking secrets (`writtenValues`, `written`). Offsets are only asked before any
 * edit, since edits move text; text compose-gate inserted has no position at all.
 */
import type { Node } from "yaml";
import { resolvePath, type Path } from "./resolve.js";
import type { DocState } from "./state.js";
import type { Location } from "./types.js";
import { writtenScalar, writtenValues, type WrittenScalar, type WrittenValue } from "./written.js";

/**
 * The key for map entries, the value otherwise, following merge keys to the anchor that
 * defines the value. `undefined` for text compose-gate inserted.
 */
export function locate(state: DocState, path: Path): Location | undefined {
  const r = resolvePath(state.doc, path);
  if (!r) return undefined;
  const target = (r.pair?.key as Node | undefined) ?? r.node ?? r.parent;
  if (!target || state.inserted.has(target) || (r.pair && state.inserted.has(r.pair))) return undefined;
  const offset = (target as Node).range?.[0];
  if (offset === undefined) return undefined;
  return position(state, offset);
}

/** Line and column of an offset in the original text. */
function position(state: DocState, offset: number): Location {
  const pos = state.lines.linePos(offset);
  return { file: state.filename, line: pos.line, column: pos.col };
}

/** Every scalar written as a value, with where it is written; before any edit. */
export function writtenValuesOf(state: DocState): WrittenValue[] {
  assertUnedited(state);
  return writtenValues(state.doc, state.original);
}

/** Where the scalar at `path` is written, through aliases and merge keys; before any edit. */
export function writtenAt(state: DocState, path: Path): WrittenScalar | undefined {
  assertUnedited(state);
  const r = resolvePath(state.doc, path);
  return r ? writtenScalar(r.node, state.original) : undefined;
}

function assertUnedited(state: DocState): void {
  if (state.edited.length > 0) throw new Error("source positions are those of the text as read: ask for them before editing");
}
