/**
 * Reads of the composed document the way Docker sees it: what is at a path (through aliases
 * and merge keys), which keys a map has, and the scalar text as written. Plain values come
 * from the plain-data cache instead (see plain.ts); these answer questions about the nodes.
 */
import { isMap, isScalar, isSeq, type Document } from "yaml";
import { isMergePair, mapKeys, resolvePath, type Path } from "./resolve.js";

export type NodeKind = "map" | "seq" | "scalar" | "null";

export function has(doc: Document, path: Path): boolean {
  return resolvePath(doc, path) !== undefined;
}

/** Keys of the map at `path` (own keys, then keys merged in through `<<`). */
export function keysAt(doc: Document, path: Path): string[] {
  const r = resolvePath(doc, path);
  return r && isMap(r.node) ? mapKeys(doc, r.node) : [];
}

/** Whether the map at `path` takes entries from other maps through a merge key (`<<:`). */
export function hasMergeKeyAt(doc: Document, path: Path): boolean {
  const r = resolvePath(doc, path);
  return !!r && isMap(r.node) && r.node.items.some(isMergePair);
}

/** What sits at `path`; `"null"` for `key:` with no value, undefined for nothing. */
export function kindAt(doc: Document, path: Path): NodeKind | undefined {
  const r = resolvePath(doc, path);
  if (!r) return undefined;
  if (r.node === null || (isScalar(r.node) && r.node.value === null)) return "null";
  if (isMap(r.node)) return "map";
  if (isSeq(r.node)) return "seq";
  return "scalar";
}

/** The raw scalar text at `path` as written in the file (`0440` stays `0440`). */
export function sourceTextAt(doc: Document, path: Path): string | undefined {
  const r = resolvePath(doc, path);
  if (!r || !isScalar(r.node)) return undefined;
  const tok = r.node.srcToken;
  if (tok && "source" in tok && typeof tok.source === "string") return tok.source;
  return r.node.source ?? String(r.node.value);
}
