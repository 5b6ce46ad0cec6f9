/**
 * Flow collections (`[a, b]`, `{k: v}`) on one line: entries join and leave with the comma and
 * space that separate them, in the collection's own spacing, and an emptied block collection
 * becomes a flow token (`{}`, `[]`) that later inserts can land in.
 */
import { space, entryItems, type CollectionItem, type FlowCollection, type SourceToken } from "../tokens.js";
import { itemsOf } from "./items.js";

/** Add `item` after the last entry, behind a comma and the spacing the second item uses. */
export function flowInsert(coll: FlowCollection, item: CollectionItem): void {
  const entries = entryItems(coll);
  if (entries.length > 0) {
    const pad = itemsOf(coll)[1]?.start.find((t) => t.type === "space")?.source ?? " ";
    item.start = [{ type: "comma", offset: 0, indent: 0, source: "," }, space(pad), ...item.start];
    itemsOf(coll).splice(itemsOf(coll).indexOf(entries[entries.length - 1]) + 1, 0, item);
  } else {
    itemsOf(coll).push(item);
  }
}

/** Remove item `at`; when it was the first, the next one loses the comma that followed it. */
export function flowRemove(coll: FlowCollection, at: number): void {
  itemsOf(coll).splice(at, 1);
  const next = itemsOf(coll)[at];
  if (at === 0 && next) {
    const comma = next.start.findIndex((t) => t.type === "comma");
    if (comma >= 0) {
      let end = comma + 1;
      while (next.start[end]?.type === "space") end++;
      next.start.splice(comma, end - comma);
    }
  }
}

/** An empty flow collection token for `source` (`{}` or `[]`), followed by `end` (a comment, a line break). */
export function flowToken(source: string, end: SourceToken[]): FlowCollection {
  const open = source[0] === "[" ? "flow-seq-start" : "flow-map-start";
  const close = source[0] === "[" ? "flow-seq-end" : "flow-map-end";
  return {
    type: "flow-collection",
    offset: 0,
    indent: 0,
    start: { type: open, offset: 0, indent: 0, source: source[0] },
    items: [],
    end: [{ type: close, offset: 0, indent: 0, source: source[source.length - 1] }, ...end],
  };
}
