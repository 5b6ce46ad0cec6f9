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
 * locate.ts, merge-tags.ts, sharing.ts. Editing and token surgery follow below.
 */
import { CST, isCollection, isMap, isScalar, isSeq, type Document, type Node, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from "yaml";
import { deleteEnv, getEnv, listEnv, renameEnv, setEnv, type EnvEntry } from "./environment.js";
import { EditError } from "./errors.js";
import { renderFlowEntry, renderPair, renderFlowValue, renderSeqItem, type Quote } from "./fragment.js";
import { locate, writtenAt, writtenValuesOf } from "./locate.js";
import { mergeTags } from "./merge-tags.js";
import { toPlain } from "./plain.js";
import { has, hasMergeKeyAt, keysAt, kindAt, sourceTextAt } from "./read.js";
import { scalarText } from "./render.js";
import { anchorPaths, isMergePair, keysChanged, keyString, resolvePath, type Key, type Path, type Resolved } from "./resolve.js";
import { isTypeAmbiguous, type ScalarValue } from "./scalar.js";
import { aliasesOf, assertNoDanglingAliases, sharedAnchorNames, sharedAnchors } from "./sharing.js";
import { dropping, markInserted, plainData, printed, readState, touched, type DocState } from "./state.js";
import type { FileStyle } from "./style.js";
import {
  appendNewline,
  cutForeignTail,
  endsWithNewline,
  entryItems,
  hasBlankLineBefore,
  isContent,
  tokensAfter,
  newline,
  slotsOf,
  space,
  type BlockMap,
  type BlockSeq,
  type CollectionItem,
  type FlowCollection,
  type SourceToken,
  type Token,
} from "./tokens.js";
import type { AnchorUse, DeleteOptions, EditOptions, Location, ParseOptions, SharedPolicy } from "./types.js";
import type { WrittenScalar, WrittenValue } from "./written.js";

export type { Key, Path } from "./resolve.js";
export type { AnchorUse, DeleteOptions, EditOptions, Location, ParseOptions, SharedPolicy } from "./types.js";

type CollectionToken = BlockMap | BlockSeq | FlowCollection;

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
        this.#insertPair(holder, String(path[path.length - 1]), value, options);
        return touched(this.#state);
      }
      // A block scalar (`|`, `>`) only holds text: a number or boolean replaces it whole.
      const blockText = r.node?.srcToken?.type === "block-scalar" && typeof value !== "string";
      if (isScalar(r.node) && r.node.srcToken && isScalarLike(value) && !r.node.tag && !blockText) {
        this.#setScalar(r.node, value as ScalarValue);
        return touched(this.#state);
      }
      // Replacing a whole value drops any anchor defined inside it.
      assertNoDanglingAliases(this.#state, r.node, path);
      if (r.parent && isMap(r.parent) && r.pair) {
        this.#replacePair(r.parent, r.pair, value, options);
        return touched(this.#state);
      }
      if (r.parent && isSeq(r.parent) && r.index !== undefined) {
        this.#replaceSeqItem(r.parent, r.index, value);
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
    this.#insertPair(holder.node, key, nested, options);
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
      this.#emptyCollection(parentPath, isMap(r.parent) ? "map" : "seq");
      return touched(this.#state);
    }
    if (isMap(r.parent) && r.pair) this.#deletePair(r.parent, r.pair);
    else if (isSeq(r.parent) && r.index !== undefined) this.#deleteSeqItem(r.parent, r.index);
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
    const quoted = isTypeAmbiguous(newKey);
    CST.setScalarValue(token, newKey, { implicitKey: true, type: quoted ? "QUOTE_DOUBLE" : undefined });
    key.value = newKey;
    keysChanged(r.parent);
    // The composed key must read as the text does: a quoted `"<<"` is a string, not a merge.
    if (quoted) key.type = "QUOTE_DOUBLE";
    return touched(this.#state);
  }

  /** Append to the sequence at `path`, creating it when missing. */
  append(path: Path, value: unknown, options: EditOptions = {}): boolean {
    const r = resolvePath(this.#state.doc, path);
    if (!r || r.node === null || (isScalar(r.node) && r.node.value === null)) return this.set(path, [value], options);
    if (!isSeq(r.node)) throw new EditError("NOT_A_SEQUENCE", `${path.join(".")} is not a list`);
    this.#guard(r, path, options.shared, "insert");
    this.#appendSeqItem(r.node, value, options.comment);
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

  // ---------------------------------------------------------------- token surgery

  /**
   * Rewrite a scalar's text in place. Its token keeps its trailing comment and line break; a
   * quoted value stays quoted the same way; the new text is always one line, so a long value is
   * never folded and line endings stay the file's own.
   */
  #setScalar(node: Scalar, value: ScalarValue): void {
    const token = node.srcToken as CST.FlowScalar | CST.BlockScalar;
    if (token.type === "block-scalar") {
      CST.setScalarValue(token, value === null ? "" : String(value), { afterKey: true });
      if (this.style.eol === "\r\n") token.source = token.source.replace(/\r?\n/g, "\r\n");
    } else {
      const kept: Quote = token.type === "double-quoted-scalar" ? "double" : token.type === "single-quoted-scalar" ? "single" : undefined;
      const text = scalarText(value, this.style, typeof value === "string" ? kept : undefined);
      token.type = text.startsWith('"') ? "double-quoted-scalar" : text.startsWith("'") ? "single-quoted-scalar" : "scalar";
      token.source = text;
    }
    node.value = value;
  }

  #collectionToken(node: YAMLMap | YAMLSeq): CollectionToken {
    const token = node.srcToken;
    if (!token || (token.type !== "block-map" && token.type !== "block-seq" && token.type !== "flow-collection")) {
      throw new EditError("UNSUPPORTED", "this collection has no editable source");
    }
    return token;
  }

  #itemOfPair(coll: CollectionToken, pair: Pair): CollectionItem {
    const keyToken = (pair.key as Node | null)?.srcToken;
    const item = itemsOf(coll).find((it) => it.key === keyToken);
    if (!item) throw new EditError("UNSUPPORTED", "entry not found in the source");
    return item;
  }

  #insertPair(map: YAMLMap, key: string, value: unknown, options: EditOptions): void {
    const coll = this.#collectionToken(map);
    if (coll.type === "flow-collection") {
      const frag = renderFlowEntry("map", key, value, this.style);
      this.#flowInsert(coll, frag.item);
      map.items.push(frag.node as Pair);
      keysChanged(map);
      markInserted(this.#state, frag.node);
      return;
    }
    const indent = coll.indent;
    const entries = entryItems(coll);
    const frag = renderPair(key, value, indent, this.style, options.comment, quoteOf(entries[entries.length - 1]?.value));
    let at: number;
    const anchorKey = options.after ?? options.before;
    const sibling = anchorKey !== undefined ? map.items.find((p) => !isMergePair(p) && keyString(p) === anchorKey) : undefined;
    if (sibling) {
      at = itemsOf(coll).indexOf(this.#itemOfPair(coll, sibling)) + (options.after !== undefined ? 1 : 0);
    } else {
      const entries = entryItems(coll);
      at = itemsOf(coll).indexOf(entries[entries.length - 1]) + 1;
    }
    const separated = blankLineSeparated(coll);
    this.#spliceBlockItem(coll, at, frag.item, indent);
    if (separated && at > 0) frag.item.start.unshift(newline(this.style.eol));
    const pairIndex = entryItems(coll).indexOf(frag.item);
    map.items.splice(pairIndex, 0, frag.node as Pair);
    keysChanged(map);
    markInserted(this.#state, frag.node);
  }

  /** Put a rendered block item at `at`, keeping indentation, line breaks and outer comments right. */
  #spliceBlockItem(coll: BlockMap | BlockSeq, at: number, item: CollectionItem, indent: number): void {
    if (at === 0) {
      // The first entry's indentation lives in the parent; the old first entry needs its own now.
      const first = itemsOf(coll)[0];
      if (first && indent > 0) first.start.unshift(space(" ".repeat(indent)));
      itemsOf(coll).splice(0, 0, item);
      return;
    }
    if (indent > 0) item.start.unshift(space(" ".repeat(indent)));
    ownIndentation(coll);
    const prev = itemsOf(coll)[at - 1];
    const tail = cutForeignTail(prev, indent);
    if (!endsWithNewline(prev)) {
      appendNewline(prev, this.style.eol);
      if (tail.length === 0 && at === itemsOf(coll).length) stripFinalNewline(item);
    }
    itemsOf(coll).splice(at, 0, item);
    this.#keepSpacesOffBlockScalar(coll, at, item, tail as SourceToken[]);
    if (tail.length > 0) itemsOf(coll).splice(at + 1, 0, { start: tail as SourceToken[] });
  }

  /**
   * After a new block scalar that ends `item` (entry `at` of `coll`): lines of only spaces that
   * follow it, in `tail` (what is printed right after it) and, when that is only blank, in the
   * next entry of this or an enclosing collection or at the end of the document, go above it.
   */
  #keepSpacesOffBlockScalar(coll: BlockMap | BlockSeq, at: number, item: CollectionItem, tail: SourceToken[]): void {
    if (!endsInBlockScalar(item)) return;
    const ownsIndentation = item.start[0]?.type === "space" && item.start[0].source !== "";
    const reindent = at === 0 && coll.indent > 0 && !ownsIndentation ? coll.indent : 0;
    const moved = this.#keepSpacesAbove(item, tail, true, reindent, coll.indent);
    if (!tail.every((t) => t.type === "space" || t.type === "newline")) return;
    const next = itemsOf(coll)[at + 1];
    const follow = next ? { tokens: next.start as SourceToken[], atEnd: false } : tokensAfter(this.#state.tokens, coll);
    if (follow) this.#keepSpacesAbove(item, follow.tokens, follow.atEnd, moved ? 0 : reindent, coll.indent);
  }

  /** A token read from the file that was its last (a tail's last spaces may instead indent the next line). */
  #endsFile(token: SourceToken): boolean {
    return token.offset > 0 && token.offset + token.source.length === this.original.length && token.source.length > 0;
  }

  /**
   * A block scalar (`|`, `>`) takes a following line of only spaces as its content when the
   * spaces reach past its indentation. Such lines that would follow a new block scalar are
   * printed above it instead. `follow` is what comes right after it: the previous entry's
   * trailing lines (`isTail`), or the leading tokens of the next entry, in the same collection
   * or, when the new one is the last, in an enclosing one.
   */
  #keepSpacesAbove(item: CollectionItem, follow: SourceToken[], isTail: boolean, reindent: number, commentsFrom: number): boolean {
    // The run of empty lines, spaces-only lines and comment lines indented past `commentsFrom`
    // (a block scalar takes those as text too) that follow, up to the last line that is not
    // empty (empty lines alone after a block scalar are harmless, and stay below it).
    let end = 0;
    for (let i = 0; i < follow.length; ) {
      if (follow[i].type === "newline") {
        i++;
        continue;
      }
      let j = i;
      let column = 0;
      if (follow[j].type === "space") {
        if (follow[j].source === "") break;
        column = follow[j++].source.length;
      }
      if (follow[j]?.type === "comment") {
        if (column <= commentsFrom) break;
        j++;
      } else if (j === i) break;
      const lineEnd = follow[j];
      if (lineEnd?.type === "newline") end = i = j + 1;
      else if (lineEnd === undefined && isTail && this.#endsFile(follow[j - 1])) end = i = j;
      else break;
    }
    if (end === 0) return false;
    const moved = follow.splice(0, end);
    const endsFile = moved[moved.length - 1].type !== "newline";
    // The first entry of an indented collection has its indentation printed by the parent:
    // after the moved lines, it needs its own.
    const indentation = reindent > 0 ? [space(" ".repeat(reindent))] : [];
    item.start.unshift(...moved, ...(endsFile ? [newline(this.style.eol)] : []), ...indentation);
    // Spaces that ended the file without a line break: the new last entry ends it the same way.
    if (endsFile) stripFinalNewline(item);
    return true;
  }

  #replacePair(map: YAMLMap, pair: Pair, value: unknown, options: EditOptions): void {
    const coll = this.#collectionToken(map);
    const key = keyString(pair) ?? "";
    if (coll.type === "flow-collection") {
      const frag = renderFlowEntry("map", key, value, this.style);
      const item = this.#itemOfPair(coll, pair);
      item.value = frag.item.value;
      dropping(this.#state, pair.value);
      pair.value = (frag.node as Pair).value;
      markInserted(this.#state, pair.value as object);
      return;
    }
    const item = this.#itemOfPair(coll, pair);
    const at = itemsOf(coll).indexOf(item);
    ownIndentation(coll);
    const tail = cutForeignTail(item, coll.indent);
    const hadNewline = endsWithNewline(item);
    const frag = renderPair(key, value, coll.indent, this.style, options.comment);
    const fresh = frag.item;
    // Keep the original key text and anything written between the colon and the line break.
    fresh.start = item.start;
    fresh.key = item.key;
    const oldSep = (item.sep ?? []) as SourceToken[];
    const firstBreak = oldSep.findIndex((t) => t.type === "newline");
    const keptLine = firstBreak >= 0 ? oldSep.slice(0, firstBreak) : oldSep;
    const carried = firstBreak >= 0 ? oldSep.slice(firstBreak + 1) : [];
    const freshSep = (fresh.sep ?? []) as SourceToken[];
    const freshBreak = freshSep.findIndex((t) => t.type === "newline");
    const explicit = item.start.some((t) => t.type === "explicit-key-ind");
    if (explicit) {
      // `? key` ends its line: the value's `:` goes where it was, or on a line of its own.
      const colon = oldSep.findIndex((t) => t.type === "map-value-ind");
      const lead = colon >= 0 ? oldSep.slice(0, colon) : [newline(this.style.eol), ...(coll.indent > 0 ? [space(" ".repeat(coll.indent))] : [])];
      fresh.sep = [...lead, ...freshSep];
    } else if (freshBreak >= 0 && keptLine.some((t) => t.type === "comment")) {
      fresh.sep = [...keptLine, ...freshSep.slice(freshBreak)];
    }
    if (!hadNewline) stripFinalNewline(fresh);
    itemsOf(coll)[at] = fresh;
    const moved = [...(carried.length > 0 && item.value === undefined && !explicit ? carried : []), ...tail] as SourceToken[];
    this.#keepSpacesOffBlockScalar(coll, at, fresh, moved);
    if (moved.length > 0) itemsOf(coll).splice(at + 1, 0, { start: moved });
    const newPair = frag.node as Pair;
    dropping(this.#state, pair.value);
    pair.value = newPair.value;
    markInserted(this.#state, pair.value as object);
  }

  #deletePair(map: YAMLMap, pair: Pair): void {
    const coll = this.#collectionToken(map);
    const item = this.#itemOfPair(coll, pair);
    this.#removeItem(coll, item);
    dropping(this.#state, pair);
    map.items.splice(map.items.indexOf(pair), 1);
    keysChanged(map);
  }

  #deleteSeqItem(seq: YAMLSeq, index: number): void {
    const coll = this.#collectionToken(seq);
    const item = entryItems(coll)[index];
    this.#removeItem(coll, item);
    dropping(this.#state, seq.items[index]);
    seq.items.splice(index, 1);
  }

  #removeItem(coll: CollectionToken, item: CollectionItem): void {
    const at = itemsOf(coll).indexOf(item);
    if (coll.type === "flow-collection") {
      itemsOf(coll).splice(at, 1);
      const next = itemsOf(coll)[at];
      if (at === 0 && next) {
        const comma = next.start.findIndex((t) => t.type === "comma");
        if (comma >= 0) {
          let end = comma + 1;
          while (next.start[end]?.type === "space") end++;
          next.start.splice(comma, end - comma);
        }
      }
      return;
    }
    const indent = coll.indent;
    ownIndentation(coll);
    const tail = cutForeignTail(item, indent);
    const lostNewline = !endsWithNewline(item) && tail.length === 0;
    itemsOf(coll).splice(at, 1);
    if (tail.length > 0) {
      const next = itemsOf(coll)[at];
      if (next) next.start.unshift(...(tail as SourceToken[]));
      else itemsOf(coll).push({ start: tail as SourceToken[] });
    }
    const firstEntry = entryItems(coll)[0];
    if (at === 0 && firstEntry) {
      // The parent's indentation now serves the next entry: drop the one it carried.
      const start = firstEntry.start;
      if (indent > 0) while (start[0]?.type === "newline") start.shift();
      if (start[0]?.type === "space") start.shift();
    }
    if (lostNewline && at === itemsOf(coll).length && at > 0) {
      // The removed entry ended the file without a final newline: keep it that way.
      stripFinalNewline(itemsOf(coll)[at - 1]);
    }
  }

  #appendSeqItem(seq: YAMLSeq, value: unknown, comment?: string): void {
    const coll = this.#collectionToken(seq);
    if (coll.type === "flow-collection") {
      const last = entryItems(coll).pop();
      const frag = renderFlowEntry("seq", undefined, value, this.style, quoteOf(last?.value));
      this.#flowInsert(coll, frag.item);
      seq.items.push(frag.node);
      markInserted(this.#state, frag.node);
      return;
    }
    if (coll.type !== "block-seq") throw new EditError("NOT_A_SEQUENCE", "not a list");
    const entries = entryItems(coll);
    const frag = renderSeqItem(value, coll.indent, this.style, comment, quoteOf(entries[entries.length - 1]?.value));
    this.#spliceBlockItem(coll, itemsOf(coll).indexOf(entries[entries.length - 1]) + 1, frag.item, coll.indent);
    seq.items.push(frag.node);
    markInserted(this.#state, frag.node);
  }

  #replaceSeqItem(seq: YAMLSeq, index: number, value: unknown): void {
    const coll = this.#collectionToken(seq);
    const item = entryItems(coll)[index];
    if (coll.type === "flow-collection") {
      const frag = renderFlowEntry("seq", undefined, value, this.style);
      item.value = frag.item.value;
      dropping(this.#state, seq.items[index]);
      seq.items[index] = frag.node;
    } else {
      const frag = renderSeqItem(value, coll.indent, this.style);
      if (item.value === undefined) this.#fillEmptySeqItem(coll as BlockSeq, item, frag.item);
      else {
        const hadNewline = endsWithNewline(item);
        item.value = frag.item.value;
        if (!hadNewline) stripFinalNewline(item);
      }
      dropping(this.#state, seq.items[index]);
      seq.items[index] = frag.node;
    }
    markInserted(this.#state, seq.items[index] as object);
  }

  /**
   * A value for a list item that has none (a lone `-`). Everything after its dash sits in the
   * item's leading tokens: its line break, comment lines, the indentation of the next line.
   * The value goes right after the dash; the lines after the dash's line stay after the value.
   */
  #fillEmptySeqItem(coll: BlockSeq, item: CollectionItem, rendered: CollectionItem): void {
    const dash = item.start.findIndex((t) => t.type === "seq-item-ind");
    const lineEnd = item.start.findIndex((t, i) => i > dash && t.type === "newline");
    const dashLine = item.start.slice(dash + 1, lineEnd < 0 ? undefined : lineEnd);
    if (dashLine.some((t) => t.type === "comment")) {
      throw new EditError("UNSUPPORTED", "this list item holds only a comment after its dash; write its value by hand");
    }
    const tail = cutForeignTail(item, coll.indent);
    const later = lineEnd < 0 ? [] : item.start.slice(lineEnd + 1);
    item.start = [...item.start.slice(0, dash + 1), ...rendered.start.slice(rendered.start.findIndex((t) => t.type === "seq-item-ind") + 1)];
    item.value = rendered.value;
    if (lineEnd < 0) stripFinalNewline(item);
    const after = [...later, ...tail] as SourceToken[];
    const at = itemsOf(coll).indexOf(item);
    this.#keepSpacesOffBlockScalar(coll, at, item, after);
    if (after.length > 0) itemsOf(coll).splice(at + 1, 0, { start: after });
  }

  #flowInsert(coll: FlowCollection, item: CollectionItem): void {
    const entries = entryItems(coll);
    if (entries.length > 0) {
      const pad = itemsOf(coll)[1]?.start.find((t) => t.type === "space")?.source ?? " ";
      item.start = [{ type: "comma", offset: 0, indent: 0, source: "," }, space(pad), ...item.start];
      itemsOf(coll).splice(itemsOf(coll).indexOf(entries[entries.length - 1]) + 1, 0, item);
    } else {
      itemsOf(coll).push(item);
    }
  }

  /** Replace the collection at `path` with an empty flow one (`{}` / `[]`) on its key's line. */
  #emptyCollection(path: Path, kind: "map" | "seq"): void {
    const r = resolvePath(this.#state.doc, path);
    if (!r || !r.parent) return;
    const old = r.node as YAMLMap | YAMLSeq;
    const coll = this.#collectionToken(old);
    if (coll.type === "flow-collection") {
      itemsOf(coll).length = 0;
      old.items.length = 0;
      return;
    }
    const { node, source } = renderFlowValue(kind === "map" ? {} : [], this.style);
    // A trailing comment of the old collection's key line stays on that line.
    if (isMap(r.parent) && r.pair) {
      const parentColl = this.#collectionToken(r.parent);
      const item = this.#itemOfPair(parentColl, r.pair);
      const tail = cutForeignTail(item, (parentColl as BlockMap).indent ?? 0);
      const oldSep = (item.sep ?? []) as SourceToken[];
      const firstBreak = oldSep.findIndex((t) => t.type === "newline");
      const keptLine = firstBreak >= 0 ? oldSep.slice(0, firstBreak) : oldSep;
      const indicator = keptLine.findIndex((t) => t.type === "map-value-ind");
      const afterColon = keptLine.slice(indicator + 1).filter((t) => t.type === "comment" || t.type === "space");
      const hadNewline = endsWithNewline(item);
      item.sep = [...keptLine.slice(0, indicator + 1), space(" ")];
      const end: SourceToken[] = [];
      if (afterColon.some((t) => t.type === "comment")) end.push(...afterColon);
      if (hadNewline) end.push(newline(this.style.eol));
      // The new node edits the token that is printed, so a later insert into `{}` shows.
      const token = flowToken(source, end);
      item.value = token;
      (node as YAMLMap | YAMLSeq).srcToken = token;
      const at = itemsOf(parentColl).indexOf(item);
      if (tail.length > 0) itemsOf(parentColl).splice(at + 1, 0, { start: tail as SourceToken[] });
      dropping(this.#state, r.pair.value);
      r.pair.value = node;
    } else if (isSeq(r.parent) && r.index !== undefined) {
      this.#replaceSeqItem(r.parent, r.index, kind === "map" ? {} : []);
      return;
    }
    markInserted(this.#state, node);
  }
}

/**
 * Give every entry after the first its own separating blank lines and indentation. `yaml`
 * leaves them at the end of the previous entry when that entry ends in a deeper comment;
 * moving them forward changes no byte of output (they are adjacent in print order) and lets
 * an edit remove or insert one entry without borrowing its neighbour's indentation.
 */
function ownIndentation(coll: BlockMap | BlockSeq): void {
  if (normalized.has(coll)) return;
  const items = itemsOf(coll);
  for (let i = 1; i < items.length; i++) {
    const moved = cutForeignTail(items[i - 1], coll.indent);
    if (moved.length > 0) items[i].start.unshift(...(moved as SourceToken[]));
  }
  normalized.add(coll);
}

/**
 * Collections whose entries own their indentation already. Edits keep it so: an inserted,
 * replaced or removed entry hands the lines after it to what follows, never to the entry
 * before. Without this, each insert into a map of thousands of entries (`secrets:` on a large
 * stack) would walk the whole map again.
 */
const normalized = new WeakSet<BlockMap | BlockSeq>();

/**
 * Every entry after the first starts after a blank line (two entries at least): a new entry
 * should too. Decided once per collection, from the file as read: entries compose-gate adds
 * follow the decision, so it cannot change (and each insert need not look at every entry).
 */
function blankLineSeparated(coll: BlockMap | BlockSeq): boolean {
  let separated = separatedStyle.get(coll);
  if (separated === undefined) {
    ownIndentation(coll);
    const entries = entryItems(coll);
    separated = entries.length >= 2 && entries.slice(1).every(hasBlankLineBefore);
    separatedStyle.set(coll, separated);
  }
  return separated;
}

const separatedStyle = new WeakMap<BlockMap | BlockSeq, boolean>();

/** The items of any collection token, typed loosely enough to splice across collection kinds. */
function itemsOf(coll: CollectionToken): CollectionItem[] {
  return coll.items as CollectionItem[];
}

function flowToken(source: string, end: SourceToken[]): FlowCollection {
  const open = source[0] === "[" ? "flow-seq-start" : "flow-map-start";
  const close = source[0] === "[" ? "flow-seq-end" : "flow-map-end";
  return {
    type: "flow-collection",
    offset: 0,
    indent: 0,
    start: { type: open, offset: 0, indent: 0, source: source[0] },
    items: [],
    end: [{ type: close, offset: 0, indent: 0, source: source[source.length - 1] }, ...end],
  };
}

/** The quote style of a neighbouring scalar, so a new entry matches the list or map it joins. */
function quoteOf(token: Token | undefined): Quote {
  if (token?.type === "double-quoted-scalar") return "double";
  if (token?.type === "single-quoted-scalar") return "single";
  return undefined;
}

/** Whether the last thing an item prints is a block scalar (`|`/`>` text). */
function endsInBlockScalar(item: CollectionItem): boolean {
  const last = slotsOf(item).findLast((slot) => isContent(slot.token));
  return last?.token.type === "block-scalar";
}

function stripFinalNewline(item: CollectionItem): void {
  const slots = slotsOf(item);
  for (let i = slots.length - 1; i >= 0; i--) {
    const t = slots[i].token;
    if (t.type === "newline") {
      slots[i].array.splice(slots[i].index, 1);
      return;
    }
    if (t.type === "block-scalar") {
      t.source = t.source.replace(/\r?\n$/, "");
      return;
    }
    if (t.type !== "space") return;
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

