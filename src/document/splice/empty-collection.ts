/**
 * A collection whose last entry is deleted becomes `{}` or `[]` on its key's line, so the key
 * still holds a collection of the same kind rather than null (an emptied service stays a
 * service). The key's line keeps its comment; the lines after the old block stay in the file.
 */
import { isMap, isSeq, type Node, type Pair, type YAMLMap, type YAMLSeq } from "yaml";
import { renderFlowValue } from "../fragment.js";
import { resolvePath, type Path } from "../resolve.js";
import { dropping, markInserted, type DocState } from "../state.js";
import { cutForeignTail, endsWithNewline, newline, space, type BlockMap, type SourceToken } from "../tokens.js";
import { flowToken } from "./flow.js";
import { collectionToken, itemOfPair, itemsOf } from "./items.js";
import { replaceSeqItem } from "./replace.js";

/** Replace the collection at `path` with an empty flow one (`{}` / `[]`) on its key's line. */
export function emptyCollection(state: DocState, path: Path, kind: "map" | "seq"): void {
  const r = resolvePath(state.doc, path);
  if (!r || !r.parent) return;
  const old = r.node as YAMLMap | YAMLSeq;
  const coll = collectionToken(old);
  if (coll.type === "flow-collection") {
    itemsOf(coll).length = 0;
    old.items.length = 0;
    return;
  }
  const { node, source } = renderFlowValue(kind === "map" ? {} : [], state.style);
  if (isMap(r.parent) && r.pair) {
    emptyOnKeyLine(state, r.parent, r.pair, node, source);
  } else if (isSeq(r.parent) && r.index !== undefined) {
    replaceSeqItem(state, r.parent, r.index, kind === "map" ? {} : []);
    return;
  }
  markInserted(state, node);
}

/** The value of `pair` becomes the flow collection `node` (written `source`), after the key's colon. */
function emptyOnKeyLine(state: DocState, parent: YAMLMap, pair: Pair, node: Node, source: string): void {
  const parentColl = collectionToken(parent);
  const item = itemOfPair(parentColl, pair);
  const tail = cutForeignTail(item, (parentColl as BlockMap).indent ?? 0);
  const oldSep = (item.sep ?? []) as SourceToken[];
  const firstBreak = oldSep.findIndex((t) => t.type === "newline");
  const keptLine = firstBreak >= 0 ? oldSep.slice(0, firstBreak) : oldSep;
  const indicator = keptLine.findIndex((t) => t.type === "map-value-ind");
  const afterColon = keptLine.slice(indicator + 1).filter((t) => t.type === "comment" || t.type === "space");
  const hadNewline = endsWithNewline(item);
  item.sep = [...keptLine.slice(0, indicator + 1), space(" ")];
  // A trailing comment of the old collection's key line stays on that line.
  const end: SourceToken[] = [];
  if (afterColon.some((t) => t.type === "comment")) end.push(...afterColon);
  if (hadNewline) end.push(newline(state.style.eol));
  // The new node edits the token that is printed, so a later insert into `{}` shows.
  const token = flowToken(source, end);
  item.value = token;
  (node as YAMLMap | YAMLSeq).srcToken = token;
  const at = itemsOf(parentColl).indexOf(item);
  if (tail.length > 0) itemsOf(parentColl).splice(at + 1, 0, { start: tail as SourceToken[] });
  dropping(state, pair.value);
  pair.value = node;
}
