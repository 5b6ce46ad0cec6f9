/**
 * `ComposeDocument.set`: a value at a path, replacing what is there or creating what is
 * missing. The smallest change that says it wins: a scalar over a scalar rewrites one token;
 * anything else replaces the entry's value; a missing path becomes one new entry in the
 * deepest map that exists.
 */
import { isCollection, isMap, isScalar, isSeq, type Document, type Node, type YAMLMap } from "yaml";
import { EditError } from "../errors.js";
import { toPlain } from "../plain.js";
import { resolvePath, type Path, type Resolved } from "../resolve.js";
import type { ScalarValue } from "../scalar.js";
import { assertNoDanglingAliases } from "../sharing.js";
import { insertPair } from "../splice/insert.js";
import { replacePair, replaceSeqItem } from "../splice/replace.js";
import { setScalar } from "../splice/set-scalar.js";
import { touched, type DocState } from "../state.js";
import type { EditOptions } from "../types.js";
import { guard } from "./guard.js";

/** Set the value at `path`; false when it was already there. */
export function setValue(state: DocState, path: Path, value: unknown, options: EditOptions = {}): boolean {
  if (path.length === 0) throw new EditError("UNSUPPORTED", "cannot replace the whole document");
  const r = resolvePath(state.doc, path);
  return r ? replaceValue(state, r, path, value, options) : createValue(state, path, value, options);
}

function replaceValue(state: DocState, r: Resolved, path: Path, value: unknown, options: EditOptions): boolean {
  if (sameValue(r.node, value, state.doc)) return false;
  const where = guard(state, r, path, options.shared, "set");
  if (where === "local") {
    const holder = r.trail[r.trail.length - 1].node as YAMLMap;
    insertPair(state, holder, String(path[path.length - 1]), value, options);
    return touched(state);
  }
  // A block scalar (`|`, `>`) only holds text: a number or boolean replaces it whole.
  const blockText = r.node?.srcToken?.type === "block-scalar" && typeof value !== "string";
  if (isScalar(r.node) && r.node.srcToken && isScalarLike(value) && !r.node.tag && !blockText) {
    setScalar(r.node, value as ScalarValue, state.style);
    return touched(state);
  }
  // Replacing a whole value drops any anchor defined inside it.
  assertNoDanglingAliases(state, r.node, path);
  if (r.parent && isMap(r.parent) && r.pair) {
    replacePair(state, r.parent, r.pair, value, options);
    return touched(state);
  }
  if (r.parent && isSeq(r.parent) && r.index !== undefined) {
    replaceSeqItem(state, r.parent, r.index, value);
    return touched(state);
  }
  throw new EditError("UNSUPPORTED", `cannot set ${path.join(".")}`);
}

/** Create what is missing: the rest of the path, as one value under the deepest map that exists. */
function createValue(state: DocState, path: Path, value: unknown, options: EditOptions): boolean {
  const { holder, depth } = deepestHolder(state.doc, path);
  let nested: unknown = value;
  for (let i = path.length - 1; i > depth; i--) nested = { [String(path[i])]: nested };
  const key = String(path[depth]);
  if (holder.node === null || (isScalar(holder.node) && holder.node.value === null)) {
    // `key:` with no value becomes a map holding the new entry.
    return setValue(state, path.slice(0, depth), { [key]: nested }, options);
  }
  if (!isMap(holder.node)) {
    throw new EditError("NOT_A_MAP", `${path.slice(0, depth).join(".") || "the document"} is not a map`);
  }
  // The edit log names the new entry, not its holder (the guard may log alias users after it).
  const logged = state.edited.length;
  guard(state, holder, path.slice(0, depth), options.shared, "insert");
  state.edited[logged] = [...path];
  insertPair(state, holder.node, key, nested, options);
  return touched(state);
}

/** The longest prefix of `path` that exists (`depth` keys long), or `EditError("MISSING")`. */
function deepestHolder(doc: Document, path: Path): { holder: Resolved; depth: number } {
  for (let depth = path.length - 1; depth >= 0; depth--) {
    const holder = resolvePath(doc, path.slice(0, depth));
    if (holder) return { holder, depth };
  }
  throw new EditError("MISSING", `cannot reach ${path.join(".")}`);
}

function isScalarLike(value: unknown): value is ScalarValue {
  return value === null || typeof value === "string" || typeof value === "number" || typeof value === "boolean";
}

function sameValue(node: Node | null, value: unknown, doc: Document): boolean {
  if (node === null) return value === null;
  if (isScalar(node)) return node.value === value;
  if (!isCollection(node)) return false;
  return JSON.stringify(toPlain(node, doc)) === JSON.stringify(value);
}
