/**
 * The internal context of a `ComposeDocument`: the text it was read from, its tokens and
 * composed `Document`, the caches reads keep, and the edit log. The class holds one in a
 * private field and hands it to the reading, editing and splice modules, so they share the
 * document's state without reaching into the class or importing it.
 *
 * Also here: the bookkeeping every edit ends with, which keeps those caches honest.
 */
import { CST, type Alias, type Document, type LineCounter } from "yaml";
import { parseText } from "./parse.js";
import { PlainData } from "./plain.js";
import { forgetResolutions, holdsAnchorsOrAliases, type Key } from "./resolve.js";
import { detectStyle, type FileStyle } from "./style.js";
import type { Token } from "./tokens.js";
import { walkNodes } from "./walk.js";

/** An alias, the path where it is written and the node it resolves to. */
export interface AliasUse {
  alias: Alias;
  path: string;
  target: unknown;
}

export interface DocState {
  readonly filename: string;
  /** The text exactly as it was read. */
  readonly original: string;
  readonly tokens: Token[];
  readonly doc: Document.Parsed;
  readonly lines: LineCounter;
  /** The file's own style, worked out on first use: only edits need it. */
  readonly style: FileStyle;
  /** Nodes and pairs compose-gate inserted: they have no position in the original text. */
  readonly inserted: WeakSet<object>;
  /** Paths edits may have changed, in order (see `ComposeDocument.editedPaths`). */
  readonly edited: Key[][];
  readonly plain: PlainData;
  /** How many logged edits the plain-data cache has been told about. */
  plainSeen: number;
  /** Every alias with its path and target, computed once per edit (see sharing.ts). */
  aliases?: AliasUse[];
  /** The printed text, until the next edit. */
  text?: string;
}

/** Parse `text` into a fresh state. Throws `ComposeSyntaxError`. */
export function readState(text: string, filename: string): DocState {
  const parsed = parseText(text, filename);
  let style: FileStyle | undefined;
  return {
    filename,
    original: text,
    tokens: parsed.tokens,
    doc: parsed.doc,
    lines: parsed.lines,
    get style() {
      style ??= detectStyle(text);
      return style;
    },
    inserted: new WeakSet<object>(),
    edited: [],
    plain: new PlainData(parsed.doc),
    plainSeen: 0,
    text,
  };
}

/** The current text: every token's source, concatenated once per edit. */
export function printed(state: DocState): string {
  state.text ??= state.tokens.map((t) => CST.stringify(t)).join("");
  return state.text;
}

/** The plain-data cache, told first which entries the edits logged since the last read reached. */
export function plainData(state: DocState): PlainData {
  if (state.plainSeen < state.edited.length) {
    state.plain.forget(state.edited.slice(state.plainSeen));
    state.plainSeen = state.edited.length;
  }
  return state.plain;
}

/** An edit changed the text: drop what was worked out from the old text. Returns true for the caller to return. */
export function touched(state: DocState): true {
  state.text = undefined;
  state.aliases = undefined;
  plainData(state);
  return true;
}

/**
 * A node leaves the document (removed or replaced). Alias answers stay valid across edits
 * (see `resolveAlias`) unless the node held an anchor or an alias.
 */
export function dropping(state: DocState, node: unknown): void {
  if (holdsAnchorsOrAliases(node)) forgetResolutions(state.doc);
}

/** Remember new text, nested entries included: it has no position in the original file. */
export function markInserted(state: DocState, node: unknown): void {
  // Rendered text has no anchors or aliases; should that ever change, answers are redone.
  dropping(state, node);
  state.inserted.add(node as object);
  if (node && typeof node === "object") {
    walkNodes(node, (n) => void state.inserted.add(n));
  }
}
