/**
 * Finding and handling the CST items the splice modules edit: the token of a composed
 * collection, the item of a map entry, a collection's items whatever its kind, and the final
 * line break of an item. Small shared steps, kept apart so each splice reads as its plan.
 */
import type { Node, Pair, YAMLMap, YAMLSeq } from "yaml";
import { EditError } from "../errors.js";
import type { Quote } from "../fragment.js";
import { slotsOf, type BlockMap, type BlockSeq, type CollectionItem, type FlowCollection, type Token } from "../tokens.js";

export type CollectionToken = BlockMap | BlockSeq | FlowCollection;

/** The token a composed collection was read from, or an `EditError` when it has none to edit. */
export function collectionToken(node: YAMLMap | YAMLSeq): CollectionToken {
  const token = node.srcToken;
  if (!token || (token.type !== "block-map" && token.type !== "block-seq" && token.type !== "flow-collection")) {
    throw new EditError("UNSUPPORTED", "this collection has no editable source");
  }
  return token;
}

/** The item of `coll` that holds `pair`, found by its key token. */
export function itemOfPair(coll: CollectionToken, pair: Pair): CollectionItem {
  const keyToken = (pair.key as Node | null)?.srcToken;
  const item = itemsOf(coll).find((it) => it.key === keyToken);
  if (!item) throw new EditError("UNSUPPORTED", "entry not found in the source");
  return item;
}

/** The items of any collection token, typed loosely enough to splice across collection kinds. */
export function itemsOf(coll: CollectionToken): CollectionItem[] {
  return coll.items as CollectionItem[];
}

/** The quote style of a neighbouring scalar, so a new entry matches the list or map it joins. */
export function quoteOf(token: Token | undefined): Quote {
  if (token?.type === "double-quoted-scalar") return "double";
  if (token?.type === "single-quoted-scalar") return "single";
  return undefined;
}

/** Drop the line break that ends an item, for an item that now ends a file which had none. */
export function stripFinalNewline(item: CollectionItem): void {
  const slots = slotsOf(item);
  for (let i = slots.length - 1; i >= 0; i--) {
    const t = slots[i].token;
    if (t.type === "newline") {
      slots[i].array.splice(slots[i].index, 1);
      return;
    }
    if (t.type === "block-scalar") {
      t.source = t.source.replace(/\r?\n$/, "");
      return;
    }
    if (t.type !== "space") return;
  }
}
