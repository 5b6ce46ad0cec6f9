/**
 * `ComposeDocument.renameKey`: a map key renamed where it is written, so the entry keeps its
 * value, its place and its comments. A rename that would make a duplicate key is refused.
 */
import { isMap, type CST, type Scalar } from "yaml";
import { EditError } from "../errors.js";
import { isMergePair, keysChanged, keyString, resolvePath, type Path } from "../resolve.js";
import { setKeyText } from "../splice/set-scalar.js";
import { touched, type DocState } from "../state.js";
import type { EditOptions } from "../types.js";
import { guard } from "./guard.js";

/** Rename the key at `path` to `newKey`; false when it already has that name. */
export function renameKey(state: DocState, path: Path, newKey: string, options: EditOptions = {}): boolean {
  const r = resolvePath(state.doc, path);
  if (!r || !r.pair || !isMap(r.parent)) throw new EditError("MISSING", `${path.join(".")} is not a map entry`);
  if (keyString(r.pair) === newKey) return false;
  if (r.parent.items.some((p) => !isMergePair(p) && keyString(p) === newKey)) {
    throw new EditError("UNSUPPORTED", `cannot rename ${path.join(".")}: ${newKey} already exists there`);
  }
  // The new name is logged first; the guard logs the old one (and alias users) after it.
  state.edited.push([...path.slice(0, -1), newKey]);
  if (guard(state, r, path, options.shared, "delete") === "local") {
    throw new EditError("SHARED_ANCHOR", `${path.join(".")} comes from a merge key and cannot be renamed locally`);
  }
  const key = r.pair.key as Scalar;
  const token = key.srcToken as CST.FlowScalar | undefined;
  // An empty key (`: value`) has no text to rewrite.
  if (!token) throw new EditError("UNSUPPORTED", `cannot rename ${path.join(".")}: its key is not written in the file`);
  setKeyText(key, token, newKey);
  keysChanged(r.parent);
  return touched(state);
}
