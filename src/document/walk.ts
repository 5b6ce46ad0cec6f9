/**
 * A pre-order walk over `yaml` nodes in document order (a pair's key before its value).
 * `yaml`'s own `visit` supports replacing and removing nodes while it walks, and pays for that
 * on every node (a path array, a visitor lookup, a result check); the document layer only
 * reads, and walks on every conversion, so it uses this plain loop instead.
 */
import { isCollection, isPair, type Node, type Pair } from "yaml";

/**
 * Calls `onNode` for `root` and every node inside it (aliases are not followed), and `onPair`
 * for every map pair. A callback returning `true` stops the walk; `walkNodes` then returns true.
 */
export function walkNodes(root: unknown, onNode: (node: Node) => boolean | void, onPair?: (pair: Pair) => boolean | void): boolean {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const item = stack.pop();
    if (isPair(item)) {
      if (onPair?.(item)) return true;
      // Pushed in reverse so the key comes off the stack first.
      if (item.value != null) stack.push(item.value);
      if (item.key != null) stack.push(item.key);
      continue;
    }
    if (item == null || typeof item !== "object") continue;
    const node = item as Node;
    if (onNode(node)) return true;
    if (isCollection(node)) {
      const items = node.items as unknown[];
      for (let i = items.length - 1; i >= 0; i--) stack.push(items[i]);
    }
  }
  return false;
}
