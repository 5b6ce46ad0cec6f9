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
 * This file is the public face: each method says what it promises and hands the work to the
 * module named for it, with the document's state (state.ts). Reading: read.ts, locate.ts,
 * merge-tags.ts, sharing.ts. Editing: edit/ (one file per operation, and the anchor guard that
 * every edit passes). Token surgery: splice/.
 */
import { append } from "./edit/append.js";
import { deleteEntry, removeWhere } from "./edit/delete.js";
import { renameKey } from "./edit/rename-key.js";
import { setValue } from "./edit/set.js";
import { deleteEnv, getEnv, listEnv, renameEnv, setEnv, type EnvEntry } from "./environment.js";
import { locate, writtenAt, writtenValuesOf } from "./locate.js";
import { mergeTags } from "./merge-tags.js";
import { has, hasMergeKeyAt, keysAt, kindAt, sourceTextAt } from "./read.js";
import { resolvePath, type Key, type Path } from "./resolve.js";
import { aliasesOf, sharedAnchorNames, sharedAnchors } from "./sharing.js";
import { plainData, printed, readState, type DocState } from "./state.js";
import type { FileStyle } from "./style.js";
import type { AnchorUse, DeleteOptions, EditOptions, Location, ParseOptions } from "./types.js";
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
    return setValue(this.#state, path, value, options);
  }

  /** Delete the map key or sequence item at `path`. Returns false when there was none. */
  delete(path: Path, options: DeleteOptions = {}): boolean {
    return deleteEntry(this.#state, path, options);
  }

  /**
   * Rename the map key at `path`, keeping its value, position and comments. Throws when the
   * new key already exists in that map (the result would have a duplicate key).
   */
  renameKey(path: Path, newKey: string, options: EditOptions = {}): boolean {
    return renameKey(this.#state, path, newKey, options);
  }

  /** Append to the sequence at `path`, creating it when missing. */
  append(path: Path, value: unknown, options: EditOptions = {}): boolean {
    return append(this.#state, path, value, options);
  }

  /** Remove every item of the sequence at `path` for which `match` is true; returns how many. */
  removeWhere(path: Path, match: (value: unknown, index: number) => boolean, options: DeleteOptions = {}): number {
    return removeWhere(this.#state, path, match, options);
  }
}

/** Parse compose text into an editable, lossless document. Throws `ComposeSyntaxError`. */
export function parseCompose(text: string, options: ParseOptions = {}): ComposeDocument {
  return new ComposeDocument(text, options);
}

export type { FileStyle };
