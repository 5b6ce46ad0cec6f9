/**
 * `ComposeDocument`: a compose file that can be read like data and edited like text.
 *
 * Reads follow Docker's view (aliases and merge keys resolved, `0440` octal). Edits change the
 * CST tokens of the exact entries involved and keep the composed `Document` in step, so that
 * `toString()` returns the input bytes everywhere an edit did not reach. New text follows the
 * file's own style (indent, sequence indent, quotes, line endings).
 *
 * An edit that would land in text shared through an anchor throws an `EditError` naming the
 * anchor and every alias that uses it, unless the caller chose how to handle sharing.
 *
 * Reading is done by the modules named for it, with the document's state (state.ts): read.ts,
 * locate.ts, merge-tags.ts, sharing.ts. Token surgery: splice/. Editing follows below.
 */
import { isCollection, isMap, isScalar, isSeq, type CST, type Document, type Node, type Scalar, type YAMLMap } from "yaml";
import { deleteEnv, getEnv, listEnv, renameEnv, setEnv, type EnvEntry } from "./environment.js";
import { EditError } from "./errors.js";
import { locate, writtenAt, writtenValuesOf } from "./locate.js";
import { mergeTags } from "./merge-tags.js";
import { toPlain } from "./plain.js";
import { has, hasMergeKeyAt, keysAt, kindAt, sourceTextAt } from "./read.js";
import { anchorPaths, isMergePair, keysChanged, keyString, resolvePath, type Key, type Path, type Resolved } from "./resolve.js";
import type { ScalarValue } from "./scalar.js";
import { aliasesOf, assertNoDanglingAliases, sharedAnchorNames, sharedAnchors } from "./sharing.js";
import { emptyCollection } from "./splice/empty-collection.js";
import { appendSeqItem, insertPair } from "./splice/insert.js";
import { deletePair, deleteSeqItem } from "./splice/remove.js";
import { replacePair, replaceSeqItem } from "./splice/replace.js";
import { setKeyText, setScalar } from "./splice/set-scalar.js";
import { plainData, printed, readState, touched, type DocState } from "./state.js";
import type { FileStyle } from "./style.js";
import type { AnchorUse, DeleteOptions, EditOptions, Location, ParseOptions, SharedPolicy } from "./types.js";
import type { WrittenScalar, WrittenValue } from "./written.js";

export type { Key, Path } from "./resolve.js";
export type { AnchorUse, DeleteOptions, EditOptions, Location, ParseOptions, SharedPolicy } from "./types.js";

export class ComposeDocument {
  readonly filename: string;
  /** The text exactly as it was read. */
  readonly original: string;
  readonly #state: DocState;

  constructor(text: string, options: ParseOptions = {}) {
    this.filename = options.filename ?? "compose.yml";
    this.original = text;
    this.#state = readState(text, this.filename);
  }

  /** The file's own style (indentation, quotes, line endings), worked out on first use: only edits need it. */
  get style(): FileStyle {
    return this.#state.style;
  }

  // ---------------------------------------------------------------- printing

  /** The current text: the input bytes, changed only where edits were made. */
  toString(): string {
    return printed(this.#state);
  }

  get changed(): boolean {
    return this.toString() !== this.original;
  }

  // ---------------------------------------------------------------- reading

  /** The whole document as plain data, merge keys and aliases resolved. */
  toJS(): Record<string, unknown> {
    return plainData(this.#state).toJS();
  }

  /** The value at `path` as plain data, or `undefined` when there is none. */
  get(path: Path): unknown {
    return plainData(this.#state).get(path);
  }

  has(path: Path): boolean {
    return has(this.#state.doc, path);
  }

  /** Keys of the map at `path` (own keys, then keys merged in through `<<`). */
  keys(path: Path): string[] {
    return keysAt(this.#state.doc, path);
  }

  /** Whether the map at `path` takes entries from other maps through a merge key (`<<:`). */
  hasMergeKey(path: Path): boolean {
    return hasMergeKeyAt(this.#state.doc, path);
  }

  /** `"map"`, `"seq"`, `"scalar"`, `"null"` or `undefined` for what sits at `path`. */
  kind(path: Path): "map" | "seq" | "scalar" | "null" | undefined {
    return kindAt(this.#state.doc, path);
  }

  /** The raw scalar text at `path` as written in the file (`0440` stays `0440`). */
  sourceText(path: Path): string | undefined {
    return sourceTextAt(this.#state.doc, path);
  }

  /**
   * Where the entry at `path` is written: the key for map entries, the value otherwise.
   * Follows merge keys to the anchor that defines the value. `undefined` for text
   * compose-gate inserted.
   */
  locate(path: Path): Location | undefined {
    return locate(this.#state, path);
  }

  /**
   * Every scalar written as a value, with where it is written (see `writtenValues`). Offsets
   * are into the text as read, so this is asked before any edit.
   */
  writtenValues(): WrittenValue[] {
    return writtenValuesOf(this.#state);
  }

  /** Where the scalar at `path` is written, through aliases and merge keys; before any edit, like `writtenValues`. */
  written(path: Path): WrittenScalar | undefined {
    return writtenAt(this.#state, path);
  }

  /**
   * Anchors that an edit at `path` would pass through or land in, each with the aliases that
   * use it. Empty when the path is written in one place only.
   */
  sharedAt(path: Path): AnchorUse[] {
    const r = resolvePath(this.#state.doc, path);
    return r ? sharedAnchors(this.#state, r, true) : [];
  }

  /** The anchors `sharedAt` would name, without working out where their users are. */
  anchorsAt(path: Path): string[] {
    const r = resolvePath(this.#state.doc, path);
    return r ? sharedAnchorNames(this.#state.doc, r, true) : [];
  }

  /** Values tagged `!reset` or `!override` (compose's multi-file merge tags), with their paths. */
  mergeTags(): { path: Key[]; tag: "!reset" | "!override" }[] {
    return mergeTags(this.#state.doc, this.toString());
  }

  /** Paths of the aliases that refer to `anchor`. */
  aliasesOf(anchor: string): string[] {
    return aliasesOf(this.#state, anchor);
  }

  /**
   * Paths this document's edits may have changed (dot-free key arrays), including every alias
   * user of an anchor that was edited on purpose. The pipeline compares the data before and
   * after a transform and refuses any difference outside these paths.
   */
  editedPaths(from = 0): Key[][] {
    return this.#state.edited.slice(from).map((p) => [...p]);
  }

  /** How many paths `editedPaths` holds: a mark to ask later for the paths edited since. */
  get editCount(): number {
    return this.#state.edited.length;
  }

  // ---------------------------------------------------------------- compose vocabulary

  /** Service names, in file order. */
  services(): string[] {
    return this.keys(["services"]);
  }

  /** Environment entries of a service, whichever form the file uses. */
  env(service: string): EnvEntry[] {
    return listEnv(this, service);
  }

  getEnv(service: string, name: string): EnvEntry | undefined {
    return getEnv(this, service, name);
  }

  setEnv(service: string, name: string, value: string | null, options?: EditOptions): boolean {
    return setEnv(this, service, name, value, options);
  }

  deleteEnv(service: string, name: string, options?: EditOptions): boolean {
    return deleteEnv(this, service, name, options);
  }

  renameEnv(service: string, from: string, to: string, value?: string | null, options?: EditOptions): boolean {
    return renameEnv(this, service, from, to, value, options);
  }

  // ---------------------------------------------------------------- editing

  /**
   * Set the value at `path`. Missing maps along the path are created. A scalar replaced by a
   * scalar keeps its quote style and trailing comment; strings that would read back as another
   * type are quoted. Returns false when the value was already there.
   */
  set(path: Path, value: unknown, options: EditOptions = {}): boolean {
    if (path.length === 0) throw new EditError("UNSUPPORTED", "cannot replace the whole document");
    const r = resolvePath(this.#state.doc, path);
    if (r) {
      if (sameValue(r.node, value, this.#state.doc)) return false;
      const where = this.#guard(r, path, options.shared, "set");
      if (where === "local") {
        const holder = r.trail[r.trail.length - 1].node as YAMLMap;
        insertPair(this.#state, holder, String(path[path.length - 1]), value, options);
        return touched(this.#state);
      }
      // A block scalar (`|`, `>`) only holds text: a number or boolean replaces it whole.
      const blockText = r.node?.srcToken?.type === "block-scalar" && typeof value !== "string";
      if (isScalar(r.node) && r.node.srcToken && isScalarLike(value) && !r.node.tag && !blockText) {
        setScalar(r.node, value as ScalarValue, this.#state.style);
        return touched(this.#state);
      }
      // Replacing a whole value drops any anchor defined inside it.
      assertNoDanglingAliases(this.#state, r.node, path);
      if (r.parent && isMap(r.parent) && r.pair) {
        replacePair(this.#state, r.parent, r.pair, value, options);
        return touched(this.#state);
      }
      if (r.parent && isSeq(r.parent) && r.index !== undefined) {
        replaceSeqItem(this.#state, r.parent, r.index, value);
        return touched(this.#state);
      }
      throw new EditError("UNSUPPORTED", `cannot set ${path.join(".")}`);
    }
    // Create what is missing: find the deepest existing map and insert the rest as one value.
    let depth = path.length - 1;
    let holder: Resolved | undefined;
    while (depth >= 0) {
      holder = resolvePath(this.#state.doc, path.slice(0, depth));
      if (holder) break;
      depth--;
    }
    if (!holder) throw new EditError("MISSING", `cannot reach ${path.join(".")}`);
    let nested: unknown = value;
    for (let i = path.length - 1; i > depth; i--) nested = { [String(path[i])]: nested };
    const key = String(path[depth]);
    if (holder.node === null || (isScalar(holder.node) && holder.node.value === null)) {
      // `key:` with no value becomes a map holding the new entry.
      return this.set(path.slice(0, depth), { [key]: nested }, options);
    }
    if (!isMap(holder.node)) {
      throw new EditError("NOT_A_MAP", `${path.slice(0, depth).join(".") || "the document"} is not a map`);
    }
    // The edit log names the new entry, not its holder (the guard may log alias users after it).
    const logged = this.#state.edited.length;
    this.#guard(holder, path.slice(0, depth), options.shared, "insert");
    this.#state.edited[logged] = [...path];
    insertPair(this.#state, holder.node, key, nested, options);
    return touched(this.#state);
  }

  /** Delete the map key or sequence item at `path`. Returns false when there was none. */
  delete(path: Path, options: DeleteOptions = {}): boolean {
    const r = resolvePath(this.#state.doc, path);
    if (!r || !r.parent) return false;
    const where = this.#guard(r, path, options.shared, "delete");
    if (where === "local") {
      throw new EditError("SHARED_ANCHOR", `${path.join(".")} comes from a merge key and cannot be removed locally`);
    }
    assertNoDanglingAliases(this.#state, r.node, path);
    const parentPath = path.slice(0, -1);
    const emptied = isMap(r.parent) ? r.parent.items.length === 1 : r.parent.items.length === 1;
    if (emptied && parentPath.length === 0) {
      throw new EditError("UNSUPPORTED", `cannot remove ${path.join(".")}: it is the file's only top-level key, and an empty file is not a compose file`);
    }
    if (emptied) {
      // Pruning goes up one level only: an emptied service stays, as `{}`.
      if (options.prune) return this.delete(parentPath, { ...options, prune: false });
      emptyCollection(this.#state, parentPath, isMap(r.parent) ? "map" : "seq");
      return touched(this.#state);
    }
    if (isMap(r.parent) && r.pair) deletePair(this.#state, r.parent, r.pair);
    else if (isSeq(r.parent) && r.index !== undefined) deleteSeqItem(this.#state, r.parent, r.index);
    return touched(this.#state);
  }

  /**
   * Rename the map key at `path`, keeping its value, position and comments. Throws when the
   * new key already exists in that map (the result would have a duplicate key).
   */
  renameKey(path: Path, newKey: string, options: EditOptions = {}): boolean {
    const r = resolvePath(this.#state.doc, path);
    if (!r || !r.pair || !isMap(r.parent)) throw new EditError("MISSING", `${path.join(".")} is not a map entry`);
    if (keyString(r.pair) === newKey) return false;
    if (r.parent.items.some((p) => !isMergePair(p) && keyString(p) === newKey)) {
      throw new EditError("UNSUPPORTED", `cannot rename ${path.join(".")}: ${newKey} already exists there`);
    }
    this.#state.edited.push([...path.slice(0, -1), newKey]);
    if (this.#guard(r, path, options.shared, "delete") === "local") {
      throw new EditError("SHARED_ANCHOR", `${path.join(".")} comes from a merge key and cannot be renamed locally`);
    }
    const key = r.pair.key as Scalar;
    const token = key.srcToken as CST.FlowScalar | undefined;
    // An empty key (`: value`) has no text to rewrite.
    if (!token) throw new EditError("UNSUPPORTED", `cannot rename ${path.join(".")}: its key is not written in the file`);
    setKeyText(key, token, newKey);
    keysChanged(r.parent);
    return touched(this.#state);
  }

  /** Append to the sequence at `path`, creating it when missing. */
  append(path: Path, value: unknown, options: EditOptions = {}): boolean {
    const r = resolvePath(this.#state.doc, path);
    if (!r || r.node === null || (isScalar(r.node) && r.node.value === null)) return this.set(path, [value], options);
    if (!isSeq(r.node)) throw new EditError("NOT_A_SEQUENCE", `${path.join(".")} is not a list`);
    this.#guard(r, path, options.shared, "insert");
    appendSeqItem(this.#state, r.node, value, options.comment);
    return touched(this.#state);
  }

  /** Remove every item of the sequence at `path` for which `match` is true; returns how many. */
  removeWhere(path: Path, match: (value: unknown, index: number) => boolean, options: DeleteOptions = {}): number {
    const r = resolvePath(this.#state.doc, path);
    if (!r || !isSeq(r.node)) return 0;
    const doomed: number[] = [];
    r.node.items.forEach((item, i) => {
      if (match(toPlain(item as Node, this.#state.doc), i)) doomed.push(i);
    });
    for (let i = doomed.length - 1; i >= 0; i--) this.delete([...path, doomed[i]], options);
    return doomed.length;
  }

  // ---------------------------------------------------------------- guards

  #guard(r: Resolved, path: Path, policy: SharedPolicy = "refuse", op: "set" | "insert" | "delete"): "here" | "local" {
    const uses = sharedAnchors(this.#state, r, op !== "delete");
    this.#state.edited.push([...path]);
    if (uses.length === 0) return "here";
    if (policy === "anchor") {
      // Aliases can reach the anchor through other anchors (`d: *y` where `y` holds `*x`): the
      // plain data of any of them may change, so the cache starts over.
      this.#state.plain.forget([[]]);
      // Every alias user sees this edit: log where they are, for the semantic safety net.
      for (const use of uses) {
        const sites = [...use.users, ...anchorPaths(this.#state.doc, use.anchor)];
        for (const site of sites) {
          // `services.a.environment.<<.4` (a list merge): the merging map is what changes.
          const parts = site.split(".");
          const cut = parts.indexOf("<<");
          this.#state.edited.push((cut >= 0 ? parts.slice(0, cut) : parts).filter((k) => k !== ""));
        }
      }
      return "here";
    }
    const containerShared = sharedAnchorNames(this.#state.doc, { ...r, crossings: [] }, false).length > 0;
    const lastStep = path.length - 1;
    const mergedHere = r.crossings.length > 0 && r.crossings.every((c) => c.merge && c.step === lastStep);
    if (policy === "local" && op === "set" && !containerShared && mergedHere) return "local";
    throw sharedError(path, uses);
  }
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

function sharedError(path: Path, uses: AnchorUse[]): EditError {
  const first = uses[0];
  const where = path.map(String).join(".");
  if (!first) return new EditError("SHARED_ANCHOR", `${where} is shared through an anchor`);
  return new EditError(
    "SHARED_ANCHOR",
    `${where} is shared through anchor &${first.anchor} (also used by ${first.users.join(", ") || "other entries"}); editing it would change every user`,
    { anchor: first.anchor, users: first.users },
  );
}

/** Parse compose text into an editable, lossless document. Throws `ComposeSyntaxError`. */
export function parseCompose(text: string, options: ParseOptions = {}): ComposeDocument {
  return new ComposeDocument(text, options);
}

export type { FileStyle };

