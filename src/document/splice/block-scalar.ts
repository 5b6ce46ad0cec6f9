/**
 * A block scalar (`|`, `>`) takes a following line of only spaces as its content when the
 * spaces reach past its indentation, and a deeper comment line too. So after an edit that
 * leaves a block scalar last in an entry, such lines that would follow it are printed above
 * the entry instead: the new text reads back as written, and the lines stay in the file. One
 * guard for every way a block scalar arrives (insert, replace, a value for an empty list item).
 */
import type { DocState } from "../state.js";
import { isContent, newline, prependTokens, slotsOf, space, tokensAfter, type BlockMap, type BlockSeq, type CollectionItem, type SourceToken } from "../tokens.js";
import { itemsOf, stripFinalNewline } from "./items.js";

/**
 * After a new block scalar that ends `item` (entry `at` of `coll`): lines of only spaces that
 * follow it, in `tail` (what is printed right after it) and, when that is only blank, in the
 * next entry of this or an enclosing collection or at the end of the document, go above it.
 */
export function keepSpacesOffBlockScalar(state: DocState, coll: BlockMap | BlockSeq, at: number, item: CollectionItem, tail: SourceToken[]): void {
  if (!endsInBlockScalar(item)) return;
  const ownsIndentation = item.start[0]?.type === "space" && item.start[0].source !== "";
  const reindent = at === 0 && coll.indent > 0 && !ownsIndentation ? coll.indent : 0;
  const moved = keepSpacesAbove(state, item, tail, true, reindent, coll.indent);
  if (!tail.every((t) => t.type === "space" || t.type === "newline")) return;
  const next = itemsOf(coll)[at + 1];
  const follow = next ? { tokens: next.start as SourceToken[], atEnd: false } : tokensAfter(state.tokens, coll);
  if (follow) keepSpacesAbove(state, item, follow.tokens, follow.atEnd, moved ? 0 : reindent, coll.indent);
}

/** Whether the last thing an item prints is a block scalar (`|`/`>` text). */
function endsInBlockScalar(item: CollectionItem): boolean {
  const last = slotsOf(item).findLast((slot) => isContent(slot.token));
  return last?.token.type === "block-scalar";
}

/**
 * Move the lines at the start of `follow` that the block scalar ending `item` would take as
 * text to the start of `item`. `follow` is what comes right after it: the trailing lines cut
 * from the entry, the leading tokens of the next entry (in the same collection or, when the new
 * one is the last, in an enclosing one), or the end of the document. `mayEndFile` says it can
 * run to the end of the file, so spaces without a line break there are a line, not the next
 * entry's indentation. Returns whether anything moved.
 */
function keepSpacesAbove(state: DocState, item: CollectionItem, follow: SourceToken[], mayEndFile: boolean, reindent: number, commentsFrom: number): boolean {
  const end = linesTakenAsText(state, follow, mayEndFile, commentsFrom);
  if (end === 0) return false;
  const moved = follow.splice(0, end);
  const endsFile = moved[moved.length - 1].type !== "newline";
  // The first entry of an indented collection has its indentation printed by the parent:
  // after the moved lines, it needs its own.
  const indentation = reindent > 0 ? [space(" ".repeat(reindent))] : [];
  prependTokens(item.start, [...moved, ...(endsFile ? [newline(state.style.eol)] : []), ...indentation]);
  // Spaces that ended the file without a line break: the new last entry ends it the same way.
  if (endsFile) stripFinalNewline(item);
  return true;
}

/**
 * How many tokens of `follow` a block scalar before it would read as text: the run of empty
 * lines, spaces-only lines and comment lines indented past `commentsFrom`, up to the last line
 * that is not empty (empty lines alone after a block scalar are harmless, and stay below it).
 */
function linesTakenAsText(state: DocState, follow: SourceToken[], mayEndFile: boolean, commentsFrom: number): number {
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
    else if (lineEnd === undefined && mayEndFile && endsFile(state, follow[j - 1])) end = i = j;
    else break;
  }
  return end;
}

/** A token read from the file that was its last (a tail's last spaces may instead indent the next line). */
function endsFile(state: DocState, token: SourceToken): boolean {
  return token.offset > 0 && token.offset + token.source.length === state.original.length && token.source.length > 0;
}
