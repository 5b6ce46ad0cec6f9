/**
 * The semantic safety net: after a transform, the data of each file may differ from before
 * only at paths the document layer logged as edited. Anything else changing means an edit
 * reached further than it said (a bug); the pipeline then refuses the transform's output.
 */
import { isDeepStrictEqual } from "node:util";
import type { Key } from "../document/resolve.js";

/** Paths (as key arrays) where two plain values differ, as deep as both sides are maps. */
export function differingPaths(before: unknown, after: unknown, path: Key[] = []): Key[][] {
  if (isDeepStrictEqual(before, after)) return [];
  const isMap = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
  if (isMap(before) && isMap(after)) {
    const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
    return [...keys].flatMap((k) => differingPaths(before[k], after[k], [...path, k]));
  }
  return [path];
}

/**
 * Differences not covered by any edited path (one is a prefix of the other). The edited paths
 * go into a trie, so each difference is looked up along its own length instead of being
 * compared with each edit (a large stack has tens of thousands of both).
 */
export function undeclaredChanges(before: unknown, after: unknown, edited: Key[][]): Key[][] {
  const root: TrieNode = { children: new Map() };
  for (const e of edited) {
    let node = root;
    for (const key of e) {
      const id = String(key);
      let next = node.children.get(id);
      if (!next) {
        next = { children: new Map() };
        node.children.set(id, next);
      }
      node = next;
    }
    node.edited = true;
  }
  return differingPaths(before, after).filter((d) => !covered(root, d));
}

/** Keys compare as text: `1` and `"1"` are the same step. */
interface TrieNode {
  children: Map<string, TrieNode>;
  /** An edited path ends here. */
  edited?: true;
}

/** An edited path is a prefix of `path` (or equal to it), or `path` is a prefix of one. */
function covered(root: TrieNode, path: readonly Key[]): boolean {
  let node = root;
  for (const key of path) {
    if (node.edited) return true;
    const next = node.children.get(String(key));
    if (!next) return false;
    node = next;
  }
  return true;
}
