/**
 * A new value for an existing entry. The entry keeps its key text, its place, the comment on
 * its key's line and the lines after it; only the value's tokens are new. The composed pair or
 * list item gets the new value's node, so text and data stay in step.
 */
import type { Pair, YAMLMap, YAMLSeq } from "yaml";
import { EditError } from "../errors.js";
import { renderFlowEntry, renderPair, renderSeqItem } from "../fragment.js";
import { keyString } from "../resolve.js";
import { dropping, markInserted, type DocState } from "../state.js";
import { cutForeignTail, endsWithNewline, entryItems, newline, space, type BlockSeq, type CollectionItem, type SourceToken } from "../tokens.js";
import type { EditOptions } from "../types.js";
import { keepSpacesOffBlockScalar } from "./block-scalar.js";
import { ownIndentation } from "./indentation.js";
import { collectionToken, itemOfPair, itemsOf, stripFinalNewline } from "./items.js";

/** Give the entry `pair` of `map` the value `value`, rendered whole. */
export function replacePair(state: DocState, map: YAMLMap, pair: Pair, value: unknown, options: EditOptions): void {
  const coll = collectionToken(map);
  const key = keyString(pair) ?? "";
  if (coll.type === "flow-collection") {
    const frag = renderFlowEntry("map", key, value, state.style);
    const item = itemOfPair(coll, pair);
    item.value = frag.item.value;
    swapValue(state, pair, frag.node as Pair);
    return;
  }
  const item = itemOfPair(coll, pair);
  const at = itemsOf(coll).indexOf(item);
  ownIndentation(coll);
  const tail = cutForeignTail(item, coll.indent);
  const hadNewline = endsWithNewline(item);
  const frag = renderPair(key, value, coll.indent, state.style, options.comment);
  const fresh = frag.item;
  const carried = keepKeyLine(item, fresh, coll.indent, state.style.eol);
  if (!hadNewline) stripFinalNewline(fresh);
  itemsOf(coll)[at] = fresh;
  const moved = [...carried, ...tail] as SourceToken[];
  keepSpacesOffBlockScalar(state, coll, at, fresh, moved);
  if (moved.length > 0) itemsOf(coll).splice(at + 1, 0, { start: moved });
  swapValue(state, pair, frag.node as Pair);
}

/**
 * Give the rendered entry `fresh` the old entry's leading lines, its key text and anything
 * written between the colon and the line break (a comment). Returns the lines of the old
 * separator after its first line break that must stay in the file: with no old value, they
 * are the lines that follow the key's line; with one, they only led into it.
 */
function keepKeyLine(item: CollectionItem, fresh: CollectionItem, indent: number, eol: string): SourceToken[] {
  fresh.start = item.start;
  fresh.key = item.key;
  const oldSep = (item.sep ?? []) as SourceToken[];
  const firstBreak = oldSep.findIndex((t) => t.type === "newline");
  const keptLine = firstBreak >= 0 ? oldSep.slice(0, firstBreak) : oldSep;
  const carried = firstBreak >= 0 ? oldSep.slice(firstBreak + 1) : [];
  const freshSep = (fresh.sep ?? []) as SourceToken[];
  const freshBreak = freshSep.findIndex((t) => t.type === "newline");
  const explicit = item.start.some((t) => t.type === "explicit-key-ind");
  if (explicit) {
    // `? key` ends its line: the value's `:` goes where it was, or on a line of its own.
    const colon = oldSep.findIndex((t) => t.type === "map-value-ind");
    const lead = colon >= 0 ? oldSep.slice(0, colon) : [newline(eol), ...(indent > 0 ? [space(" ".repeat(indent))] : [])];
    fresh.sep = [...lead, ...freshSep];
  } else if (freshBreak >= 0 && keptLine.some((t) => t.type === "comment")) {
    fresh.sep = [...keptLine, ...freshSep.slice(freshBreak)];
  }
  return carried.length > 0 && item.value === undefined && !explicit ? carried : [];
}

/** The composed pair takes the new value's node; the old one leaves the document. */
function swapValue(state: DocState, pair: Pair, rendered: Pair): void {
  dropping(state, pair.value);
  pair.value = rendered.value;
  markInserted(state, pair.value as object);
}

/** Give item `index` of `seq` the value `value`, rendered whole. */
export function replaceSeqItem(state: DocState, seq: YAMLSeq, index: number, value: unknown): void {
  const coll = collectionToken(seq);
  const item = entryItems(coll)[index];
  if (coll.type === "flow-collection") {
    const frag = renderFlowEntry("seq", undefined, value, state.style);
    item.value = frag.item.value;
    dropping(state, seq.items[index]);
    seq.items[index] = frag.node;
  } else {
    const frag = renderSeqItem(value, coll.indent, state.style);
    if (item.value === undefined) fillEmptySeqItem(state, coll as BlockSeq, item, frag.item);
    else {
      const hadNewline = endsWithNewline(item);
      item.value = frag.item.value;
      if (!hadNewline) stripFinalNewline(item);
    }
    dropping(state, seq.items[index]);
    seq.items[index] = frag.node;
  }
  markInserted(state, seq.items[index] as object);
}

/**
 * A value for a list item that has none (a lone `-`). Everything after its dash sits in the
 * item's leading tokens: its line break, comment lines, the indentation of the next line.
 * The value goes right after the dash; the lines after the dash's line stay after the value.
 */
function fillEmptySeqItem(state: DocState, coll: BlockSeq, item: CollectionItem, rendered: CollectionItem): void {
  const dash = item.start.findIndex((t) => t.type === "seq-item-ind");
  const lineEnd = item.start.findIndex((t, i) => i > dash && t.type === "newline");
  const dashLine = item.start.slice(dash + 1, lineEnd < 0 ? undefined : lineEnd);
  if (dashLine.some((t) => t.type === "comment")) {
    throw new EditError("UNSUPPORTED", "this list item holds only a comment after its dash; write its value by hand");
  }
  const tail = cutForeignTail(item, coll.indent);
  const later = lineEnd < 0 ? [] : item.start.slice(lineEnd + 1);
  item.start = [...item.start.slice(0, dash + 1), ...rendered.start.slice(rendered.start.findIndex((t) => t.type === "seq-item-ind") + 1)];
  item.value = rendered.value;
  if (lineEnd < 0) stripFinalNewline(item);
  const after = [...later, ...tail] as SourceToken[];
  const at = itemsOf(coll).indexOf(item);
  keepSpacesOffBlockScalar(state, coll, at, item, after);
  if (after.length > 0) itemsOf(coll).splice(at + 1, 0, { start: after });
}
