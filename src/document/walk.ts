/**
 * A depth-first walk over a yaml node tree in document order, for reading passes over whole
 * files. yaml's `visit` copies and freezes the ancestor path at every collection and pair and
 * dispatches on node type for every node, which made it a tenth of the time of checking a
 * folder of stacks; readers that need neither paths nor edits use this instead.
 */
import { isCollection, isNode, isPair, type Node, type Pair } from "yaml";

/**
 * Calls `enter` for every node and pair at or below `root`, in `visit`'s order (a collection
 * before its items, a pair before its key and its value; null keys and values are skipped).
 * Stops as soon as `enter` returns true, and then returns true itself.
 */
export function walkNodes(root: unknown, enter: (node: Node | Pair) => boolean | void): boolean {
  if (isPair(root)) return enter(root) === true || walkNodes(root.key, enter) || walkNodes(root.value, enter);
  if (!isNode(root)) return false;
  if (enter(root) === true) return true;
  if (isCollection(root)) {
    for (const item of root.items as unknown[]) if (walkNodes(item, enter)) return true;
  }
  return false;
}
