/**
 * A depth-first walk over a yaml node tree in document order, for reading passes over whole
 * documents. yaml's `visit` supports replacing and removing nodes as it goes, and pays for that
 * at every node (a frozen copy of the ancestor path, a dispatch on the node's type); the
 * document layer walks on every conversion and every parse, reads only, and uses this instead.
 */
import { isCollection, isNode, isPair, type Node, type Pair } from "yaml";

/**
 * Calls `enter` for every node and pair at or below `root`, in `visit`'s order (a collection
 * before its items, a pair before its key and its value; null keys and values are skipped;
 * aliases are not followed). Stops as soon as `enter` returns true, and then returns true.
 * A loop with its own stack, so nesting depth costs no call-stack depth.
 */
export function walkNodes(root: unknown, enter: (node: Node | Pair) => boolean | void): boolean {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const item = stack.pop();
    if (isPair(item)) {
      if (enter(item) === true) return true;
      // Pushed in reverse, so the key comes off the stack first.
      if (item.value != null) stack.push(item.value);
      if (item.key != null) stack.push(item.key);
    } else if (isNode(item)) {
      if (enter(item) === true) return true;
      if (isCollection(item)) {
        const items = item.items as unknown[];
        for (let i = items.length - 1; i >= 0; i--) stack.push(items[i]);
      }
    }
  }
  return false;
}
