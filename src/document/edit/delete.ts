/**
 * `ComposeDocument.delete` and `removeWhere`: removing a map entry or a list item. A removal
 * that would empty its collection leaves `{}` or `[]` (or, with `prune`, removes the key that
 * holds it); one that would leave an alias without its anchor, or empty the file, is refused.
 */
import { isMap, isSeq, type Node } from "yaml";
import { EditError } from "../errors.js";
import { toPlain } from "../plain.js";
import { resolvePath, type Path } from "../resolve.js";
import { assertNoDanglingAliases } from "../sharing.js";
import { emptyCollection } from "../splice/empty-collection.js";
import { deletePair, deleteSeqItem } from "../splice/remove.js";
import { touched, type DocState } from "../state.js";
import type { DeleteOptions } from "../types.js";
import { guard } from "./guard.js";

/** Delete the map key or sequence item at `path`; false when there was none. */
export function deleteEntry(state: DocState, path: Path, options: DeleteOptions = {}): boolean {
  const r = resolvePath(state.doc, path);
  if (!r || !r.parent) return false;
  const where = guard(state, r, path, options.shared, "delete");
  if (where === "local") {
    throw new EditError("SHARED_ANCHOR", `${path.join(".")} comes from a merge key and cannot be removed locally`);
  }
  assertNoDanglingAliases(state, r.node, path);
  const parentPath = path.slice(0, -1);
  const emptied = r.parent.items.length === 1;
  if (emptied && parentPath.length === 0) {
    throw new EditError("UNSUPPORTED", `cannot remove ${path.join(".")}: it is the file's only top-level key, and an empty file is not a compose file`);
  }
  if (emptied) {
    // Pruning goes up one level only: an emptied service stays, as `{}`.
    if (options.prune) return deleteEntry(state, parentPath, { ...options, prune: false });
    emptyCollection(state, parentPath, isMap(r.parent) ? "map" : "seq");
    return touched(state);
  }
  if (isMap(r.parent) && r.pair) deletePair(state, r.parent, r.pair);
  else if (isSeq(r.parent) && r.index !== undefined) deleteSeqItem(state, r.parent, r.index);
  return touched(state);
}

/** Remove every item of the sequence at `path` for which `match` is true; returns how many. */
export function removeWhere(state: DocState, path: Path, match: (value: unknown, index: number) => boolean, options: DeleteOptions = {}): number {
  const r = resolvePath(state.doc, path);
  if (!r || !isSeq(r.node)) return 0;
  const doomed: number[] = [];
  r.node.items.forEach((item, i) => {
    if (match(toPlain(item as Node, state.doc), i)) doomed.push(i);
  });
  // From the end, so the indices still to remove stay valid.
  for (let i = doomed.length - 1; i >= 0; i--) deleteEntry(state, [...path, doomed[i]], options);
  return doomed.length;
}
