/**
 * New entries: a key in a map, an item at the end of a list. The entry is rendered in the
 * file's style at the collection's column (see fragment.ts), its CST item spliced in among the
 * file's tokens and its composed node added to the document, so text and data stay in step.
 * In a block collection the new entry takes the place of the lines that separated its
 * neighbours, and those lines move after it.
 */
import type { Pair, YAMLMap, YAMLSeq } from "yaml";
import { EditError } from "../errors.js";
import { renderFlowEntry, renderPair, renderSeqItem } from "../fragment.js";
import { keyAdded, ownPair } from "../resolve.js";
import { markInserted, type DocState } from "../state.js";
import { appendNewline, cutForeignTail, endsWithNewline, entryItems, lastEntryIndex, newline, space, type BlockMap, type BlockSeq, type CollectionItem, type SourceToken } from "../tokens.js";
import type { EditOptions } from "../types.js";
import { keepSpacesOffBlockScalar } from "./block-scalar.js";
import { flowInsert } from "./flow.js";
import { blankLineSeparated, ownIndentation } from "./indentation.js";
import { collectionToken, itemOfPair, itemsOf, quoteOf, stripFinalNewline } from "./items.js";

/** Add `key: value` to `map`: last, or next to the sibling `options.before`/`options.after` names. */
export function insertPair(state: DocState, map: YAMLMap, key: string, value: unknown, options: EditOptions): void {
  const coll = collectionToken(map);
  if (coll.type === "flow-collection") {
    const frag = renderFlowEntry("map", key, value, state.style);
    flowInsert(coll, frag.item);
    map.items.push(frag.node as Pair);
    keyAdded(map, frag.node as Pair);
    markInserted(state, frag.node);
    return;
  }
  // Work here stays constant for an append (the common case: a new secret, a new service),
  // so adding thousands of entries to one map is linear.
  const indent = coll.indent;
  const last = lastEntryIndex(coll);
  const frag = renderPair(key, value, indent, state.style, options.comment, quoteOf(itemsOf(coll)[last]?.value));
  const { at, pairIndex } = insertionPoint(coll, map, last, options);
  const separated = blankLineSeparated(coll);
  spliceBlockItem(state, coll, at, frag.item, indent);
  if (separated && at > 0) frag.item.start.unshift(newline(state.style.eol));
  map.items.splice(pairIndex, 0, frag.node as Pair);
  keyAdded(map, frag.node as Pair);
  markInserted(state, frag.node);
}

/**
 * Where a new entry goes, as an index in `coll`'s items (`at`) and in `map`'s pairs: by the
 * sibling the options name, else after the last entry (`last`), hence after every pair.
 */
function insertionPoint(coll: BlockMap | BlockSeq, map: YAMLMap, last: number, options: EditOptions): { at: number; pairIndex: number } {
  const anchorKey = options.after ?? options.before;
  const sibling = anchorKey !== undefined ? ownPair(map, anchorKey) : undefined;
  if (!sibling) return { at: last + 1, pairIndex: map.items.length };
  const after = options.after !== undefined ? 1 : 0;
  return { at: itemsOf(coll).indexOf(itemOfPair(coll, sibling)) + after, pairIndex: map.items.indexOf(sibling) + after };
}

/** Add `value` as the last item of `seq`, quoted like the item before it. */
export function appendSeqItem(state: DocState, seq: YAMLSeq, value: unknown, comment?: string): void {
  const coll = collectionToken(seq);
  if (coll.type === "flow-collection") {
    const last = entryItems(coll).pop();
    const frag = renderFlowEntry("seq", undefined, value, state.style, quoteOf(last?.value));
    flowInsert(coll, frag.item);
    seq.items.push(frag.node);
    markInserted(state, frag.node);
    return;
  }
  if (coll.type !== "block-seq") throw new EditError("NOT_A_SEQUENCE", "not a list");
  const entries = entryItems(coll);
  const frag = renderSeqItem(value, coll.indent, state.style, comment, quoteOf(entries[entries.length - 1]?.value));
  spliceBlockItem(state, coll, itemsOf(coll).indexOf(entries[entries.length - 1]) + 1, frag.item, coll.indent);
  seq.items.push(frag.node);
  markInserted(state, frag.node);
}

/** Put a rendered block item at `at`, keeping indentation, line breaks and outer comments right. */
function spliceBlockItem(state: DocState, coll: BlockMap | BlockSeq, at: number, item: CollectionItem, indent: number): void {
  if (at === 0) {
    // The first entry's indentation lives in the parent; the old first entry needs its own now.
    const first = itemsOf(coll)[0];
    if (first && indent > 0) first.start.unshift(space(" ".repeat(indent)));
    itemsOf(coll).splice(0, 0, item);
    return;
  }
  if (indent > 0) item.start.unshift(space(" ".repeat(indent)));
  ownIndentation(coll);
  const prev = itemsOf(coll)[at - 1];
  const tail = cutForeignTail(prev, indent) as SourceToken[];
  if (!endsWithNewline(prev)) {
    // The entry before ended the file without a line break: it gets one, and the new last entry goes without.
    appendNewline(prev, state.style.eol);
    if (tail.length === 0 && at === itemsOf(coll).length) stripFinalNewline(item);
  }
  itemsOf(coll).splice(at, 0, item);
  keepSpacesOffBlockScalar(state, coll, at, item, tail);
  if (tail.length > 0) itemsOf(coll).splice(at + 1, 0, { start: tail });
}
