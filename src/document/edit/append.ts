/**
 * `ComposeDocument.append`: a new last item of a list, which is created when missing or
 * empty (`key:` with no value). The item follows the list's own form (block or flow) and
 * quoting.
 */
import { isScalar, isSeq } from "yaml";
import { EditError } from "../errors.js";
import { resolvePath, type Path } from "../resolve.js";
import { appendSeqItem } from "../splice/insert.js";
import { touched, type DocState } from "../state.js";
import type { EditOptions } from "../types.js";
import { guard } from "./guard.js";
import { setValue } from "./set.js";

/** Append `value` to the sequence at `path`, creating it when missing. */
export function append(state: DocState, path: Path, value: unknown, options: EditOptions = {}): boolean {
  const r = resolvePath(state.doc, path);
  if (!r || r.node === null || (isScalar(r.node) && r.node.value === null)) return setValue(state, path, [value], options);
  if (!isSeq(r.node)) throw new EditError("NOT_A_SEQUENCE", `${path.join(".")} is not a list`);
  guard(state, r, path, options.shared, "insert");
  appendSeqItem(state, r.node, value, options.comment);
  return touched(state);
}
