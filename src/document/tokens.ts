/**
 * Low-level helpers over `yaml`'s CST tokens. Only the document layer imports this file:
 * transforms speak the vocabulary of `ComposeDocument`, never tokens.
 *
 * The CST is lossless because printing is plain concatenation of every token's `source`.
 * Every edit here therefore keeps that one promise: the bytes of tokens we do not touch
 * are printed exactly as they were read.
 */
import type { CST } from "yaml";

export type Token = CST.Token;
export type SourceToken = CST.SourceToken;
export type BlockMap = CST.BlockMap;
export type BlockSeq = CST.BlockSequence;
export type FlowCollection = CST.FlowCollection;
export type CollectionItem = CST.CollectionItem;

const SPACE_LIKE = new Set(["space", "newline", "comment"]);

export function space(source: string): SourceToken {
  return { type: "space", offset: 0, indent: 0, source };
}

export function newline(eol: string): SourceToken {
  return { type: "newline", offset: 0, indent: 0, source: eol };
}

/** A reference to one token inside the array that holds it, so it can be spliced out. */
interface TokenSlot {
  array: Token[];
  index: number;
  token: Token;
}

/**
 * The source tokens at the end of an item, in print order, from its last content token on (all
 * of them when it has none), with the array that owns each. Nested collections are walked, so
 * the trailing comments that `yaml` gives to the deepest open collection are found too. Every
 * edit works at an item's end (its tail, its final line break), and walking back from the end
 * costs the tail, not the item: a service with a hundred lines, or a map of a thousand entries
 * normalised before an insert, is not read through for it.
 */
export function slotsOf(item: CollectionItem): TokenSlot[] {
  const out: TokenSlot[] = [];
  let done = false;
  const take = (array: Token[], index: number) => {
    out.push({ array, index, token: array[index] });
    if (isContent(array[index])) done = true;
  };
  const backArray = (array: Token[] | undefined) => {
    if (!array) return;
    for (let index = array.length - 1; index >= 0 && !done; index--) backToken(array, index);
  };
  const backToken = (array: Token[], index: number) => {
    const token = array[index];
    switch (token.type) {
      case "block-map":
      case "block-seq":
        for (let i = token.items.length - 1; i >= 0 && !done; i--) backItem(token.items[i]);
        return;
      case "flow-collection":
        backArray(token.end as Token[]);
        if (!done) take(array, index);
        return;
      default:
        if ("end" in token && Array.isArray(token.end)) backArray(token.end as Token[]);
        if (!done) take(array, index);
    }
  };
  const backItem = (it: CollectionItem) => {
    // A holder array of one lets `backToken` treat keys and values like any other slot.
    // Splicing it out is never needed: content tokens are never removed by tail surgery.
    if (it.value && !done) backToken([it.value as Token], 0);
    if (!done) backArray(it.sep as Token[] | undefined);
    if (it.key && !done) backToken([it.key as Token], 0);
    if (!done) backArray(it.start as Token[]);
  };
  backItem(item);
  return out.reverse();
}

/** Column of the first non-space character on the line of a given slot, scanning backwards. */
export function isContent(token: Token): boolean {
  return !SPACE_LIKE.has(token.type);
}

/**
 * Cut the lines at the end of `item` that do not belong to it, so an edit can keep them where
 * they are in the text:
 *
 * - comment lines whose column is less than `indent` (and the blank lines before them):
 *   `yaml` hands them to the deepest open collection, but they describe what follows;
 * - the trailing blank lines and the indentation of the next line, which separate the item
 *   from its next sibling (or the next outer key) rather than belong to it.
 *
 * Returns the removed tokens in print order; the item keeps its content and its own comments.
 */
export function cutForeignTail(item: CollectionItem, indent: number): Token[] {
  const slots = slotsOf(item);
  let lastContent = -1;
  for (let i = slots.length - 1; i >= 0; i--) {
    if (isContent(slots[i].token)) {
      lastContent = i;
      break;
    }
  }
  let firstNewline = -1;
  for (let i = lastContent + 1; i < slots.length; i++) {
    if (slots[i].token.type === "newline") {
      firstNewline = i;
      break;
    }
  }
  if (firstNewline < 0) return [];
  const lines = tailLines(slots, firstNewline + 1);
  let cut = lines.length;
  const foreign = lines.findIndex((l) => l.comment && l.column < indent);
  if (foreign >= 0) cut = foreign;
  while (cut > 0 && !lines[cut - 1].comment) cut--;
  if (cut === lines.length) return [];
  const cutFrom = lines[cut].from;
  const removed = slots.slice(cutFrom).map((s) => s.token);
  // Splice from the back so earlier indices stay valid.
  for (let i = slots.length - 1; i >= cutFrom; i--) slots[i].array.splice(slots[i].index, 1);
  return removed;
}

interface TailLine {
  /** Slot index where the line starts. */
  from: number;
  comment: boolean;
  column: number;
}

/** Split the slots from `from` on into lines (the last may lack its newline). */
function tailLines(slots: TokenSlot[], from: number): TailLine[] {
  const lines: TailLine[] = [];
  let i = from;
  while (i < slots.length) {
    const line: TailLine = { from: i, comment: false, column: 0 };
    let counting = true;
    for (; i < slots.length; i++) {
      const t = slots[i].token as SourceToken;
      if (t.type === "newline") {
        i++;
        break;
      }
      if (t.type === "comment") {
        line.comment = true;
        counting = false;
      } else if (t.type === "space" && counting) line.column += t.source.length;
    }
    lines.push(line);
  }
  return lines;
}

/** Whether a blank line (not a comment line) comes before the entry's key, within its leading tokens. */
export function hasBlankLineBefore(item: CollectionItem): boolean {
  let lineHasContent = false;
  for (const token of item.start) {
    if (token.type === "newline") {
      if (!lineHasContent) return true;
      lineHasContent = false;
    } else if (token.type !== "space") lineHasContent = true;
  }
  return false;
}

/** True when the printed item ends with a line break (a file may lack its final newline). */
export function endsWithNewline(item: CollectionItem): boolean {
  const slots = slotsOf(item);
  for (let i = slots.length - 1; i >= 0; i--) {
    const t = slots[i].token;
    if (t.type === "newline") return true;
    if (t.type === "space") continue;
    // A block scalar's body carries its own line breaks.
    return t.type === "block-scalar" && /\n$/.test(t.source);
  }
  return false;
}

/** Append a line break at the very end of an item (after any trailing comment). */
export function appendNewline(item: CollectionItem, eol: string): void {
  const slots = slotsOf(item);
  const last = slots[slots.length - 1];
  const nl = newline(eol);
  const token = last.token;
  switch (token.type) {
    case "block-scalar":
      token.source += eol;
      return;
    case "scalar":
    case "single-quoted-scalar":
    case "double-quoted-scalar":
    case "alias":
      if (token.end) token.end.push(nl);
      else token.end = [nl];
      return;
    default:
      last.array.splice(last.index + 1, 0, nl);
  }
}

/**
 * Puts `tokens` in front of `list`, in place (other code holds the array). Not
 * `list.unshift(...tokens)`: thousands of comment lines moved at once are more tokens than a
 * call takes arguments.
 */
export function prependTokens(list: Token[], tokens: readonly Token[]): void {
  const rest = list.splice(0, list.length);
  for (const t of tokens) list.push(t);
  for (const t of rest) list.push(t);
}

/** Concatenate the source of tokens (for items and token lists built by the edit layer). */
export function sourceOfTokens(tokens: readonly Token[]): string {
  let s = "";
  for (const t of tokens) s += "source" in t && typeof t.source === "string" ? t.source : "";
  return s;
}

/** Items of a collection that carry an entry (skipping comment-only trailing items). */
export function entryItems(coll: BlockMap | BlockSeq | FlowCollection): CollectionItem[] {
  return (coll.items as CollectionItem[]).filter((it) => isEntry(coll, it));
}

/** Index of the last item that carries an entry, or -1; found from the end, where it is. */
export function lastEntryIndex(coll: BlockMap | BlockSeq | FlowCollection): number {
  const items = coll.items as CollectionItem[];
  for (let i = items.length - 1; i >= 0; i--) if (isEntry(coll, items[i])) return i;
  return -1;
}

function isEntry(coll: BlockMap | BlockSeq | FlowCollection, it: CollectionItem): boolean {
  if (coll.type === "block-seq") return it.start.some((t) => t.type === "seq-item-ind");
  return it.key !== undefined || it.sep !== undefined || it.value !== undefined;
}

/**
 * The tokens the text reaches after the last line of `target`: the leading tokens of the next
 * item of the innermost enclosing collection that has one, or else the end of the document
 * (its trailing blank lines, spaces and comments; `atEnd`).
 */
export function tokensAfter(tokens: readonly Token[], target: Token): { tokens: SourceToken[]; atEnd: boolean } | undefined {
  const trail: { items: CollectionItem[]; index: number }[] = [];
  const find = (token: Token | undefined): boolean => {
    if (token === target) return true;
    if (token?.type !== "block-map" && token?.type !== "block-seq" && token?.type !== "flow-collection") return false;
    const items = token.items as CollectionItem[];
    for (let index = 0; index < items.length; index++) {
      trail.push({ items, index });
      if (find(items[index].key as Token | undefined) || find(items[index].value)) return true;
      trail.pop();
    }
    return false;
  };
  const doc = tokens.find((t): t is CST.Document => t.type === "document" && find(t.value));
  if (!doc) return undefined;
  for (let i = trail.length - 1; i >= 0; i--) {
    const next = trail[i].items[trail[i].index + 1];
    if (next) return { tokens: next.start as SourceToken[], atEnd: false };
  }
  doc.end ??= [];
  return { tokens: doc.end as SourceToken[], atEnd: true };
}
