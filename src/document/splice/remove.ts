/**
 * Removing an entry: its CST item leaves the collection and its composed pair or item leaves
 * the document. In a block collection, the lines after the entry that are not its own (the
 * blank lines and the comment lines that describe what follows) stay in the file, and the
 * entry that moves up takes over the indentation its parent prints.
 */
import type { Pair, YAMLMap, YAMLSeq } from "yaml";
import { keysChanged } from "../resolve.js";
import { dropping, type DocState } from "../state.js";
import { cutForeignTail, endsWithNewline, entryItems, prependTokens, type BlockMap, type BlockSeq, type CollectionItem, type SourceToken } from "../tokens.js";
import { flowRemove } from "./flow.js";
import { ownIndentation } from "./indentation.js";
import { collectionToken, itemOfPair, itemsOf, stripFinalNewline, type CollectionToken } from "./items.js";

export function deletePair(state: DocState, map: YAMLMap, pair: Pair): void {
  const coll = collectionToken(map);
  const item = itemOfPair(coll, pair);
  removeItem(coll, item);
  dropping(state, pair);
  map.items.splice(map.items.indexOf(pair), 1);
  keysChanged(map);
}

export function deleteSeqItem(state: DocState, seq: YAMLSeq, index: number): void {
  const coll = collectionToken(seq);
  const item = entryItems(coll)[index];
  removeItem(coll, item);
  dropping(state, seq.items[index]);
  seq.items.splice(index, 1);
}

function removeItem(coll: CollectionToken, item: CollectionItem): void {
  const at = itemsOf(coll).indexOf(item);
  if (coll.type === "flow-collection") flowRemove(coll, at);
  else removeBlockItem(coll, at, item);
}

function removeBlockItem(coll: BlockMap | BlockSeq, at: number, item: CollectionItem): void {
  const indent = coll.indent;
  ownIndentation(coll);
  const tail = cutForeignTail(item, indent) as SourceToken[];
  const lostNewline = !endsWithNewline(item) && tail.length === 0;
  itemsOf(coll).splice(at, 1);
  if (tail.length > 0) {
    const next = itemsOf(coll)[at];
    if (next) prependTokens(next.start, tail);
    else itemsOf(coll).push({ start: tail });
  }
  const firstEntry = entryItems(coll)[0];
  if (at === 0 && firstEntry) {
    // The parent's indentation now serves the next entry: drop the one it carried.
    const start = firstEntry.start;
    if (indent > 0) while (start[0]?.type === "newline") start.shift();
    if (start[0]?.type === "space") start.shift();
  }
  if (lostNewline && at === itemsOf(coll).length && at > 0) {
    // The removed entry ended the file without a final newline: keep it that way.
    stripFinalNewline(itemsOf(coll)[at - 1]);
  }
}
