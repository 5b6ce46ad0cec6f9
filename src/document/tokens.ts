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
 * Every source token of an item in print order, with the array that owns it. Nested
 * collections are walked, so the trailing comments that `yaml` gives to the deepest open
 * collection are found too.
 */
export function slotsOf(item: CollectionItem): TokenSlot[] {
  const out: TokenSlot[] = [];
  const pushArray = (array: Token[] | undefined) => {
    if (!array) return;
    for (let index = 0; index < array.length; index++) pushToken(array, index);
  };
  const pushToken = (array: Token[], index: number) => {
    const token = array[index];
    switch (token.type) {
      case "block-map":
      case "block-seq":
        for (const child of token.items) pushItem(child);
        return;
      case "flow-collection":
        out.push({ array, index, token });
        pushArray(token.end as Token[]);
        return;
      case "document":
      case "doc-end":
      case "block-scalar":
      case "alias":
      case "scalar":
      case "single-quoted-scalar":
      case "double-quoted-scalar":
        out.push({ array, index, token });
        if ("end" in token && Array.isArray(token.end)) {
          pushArray(token.end as Token[]);
        }
        return;
      default:
        out.push({ array, index, token });
    }
  };
  const pushItem = (it: CollectionItem) => {
    pushArray(it.start as Token[]);
    if (it.key) pushValueHolder(it, "key");
    pushArray(it.sep as Token[] | undefined);
    if (it.value) pushValueHolder(it, "value");
  };
  const pushValueHolder = (it: CollectionItem, field: "key" | "value") => {
    const holder = [it[field] as Token];
    // A holder array of one lets `pushToken` treat keys and values like any other slot.
    // Splicing it out is never needed: content tokens are never removed by tail surgery.
    pushToken(holder, 0);
  };
  pushItem(item);
  return out;
}

/** Column of the first non-space character on the line of a given slot, scanning backwards. */
function isContent(token: Token): boolean {
  return !SPACE_LIKE.has(token.type);
}

/**
 * Cut the comment lines at the end of `item` that belong to an outer level: a comment line
 * whose column is less than `indent`, together with every blank or comment line after it and
 * the blank lines just before it. `yaml` hands such lines to the deepest open collection;
 * they describe what follows the item, so edits move them instead of deleting or burying them.
 *
 * Returns the removed tokens in print order (each line complete, starting after a newline).
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
  // Split the tail into whole lines: a line starts after a newline token.
  let firstNewline = -1;
  for (let i = lastContent + 1; i < slots.length; i++) {
    if (slots[i].token.type === "newline") {
      firstNewline = i;
      break;
    }
  }
  if (firstNewline < 0) return [];
  interface Line {
    from: number;
    to: number; // inclusive index of the newline ending it, or last slot
    comment: boolean;
    column: number;
  }
  const lines: Line[] = [];
  let from = firstNewline + 1;
  while (from < slots.length) {
    let to = from;
    while (to < slots.length - 1 && slots[to].token.type !== "newline") to++;
    let column = 0;
    let comment = false;
    for (let i = from; i <= to; i++) {
      const t = slots[i].token as SourceToken;
      if (t.type === "space") column += t.source.length;
      else if (t.type === "comment") {
        comment = true;
        break;
      }
    }
    lines.push({ from, to, comment, column });
    from = to + 1;
  }
  let foreign = lines.findIndex((l) => l.comment && l.column < indent);
  if (foreign < 0) return [];
  while (foreign > 0 && !lines[foreign - 1].comment) foreign--;
  const cutFrom = lines[foreign].from;
  const removed = slots.slice(cutFrom).map((s) => s.token);
  // Splice from the back so earlier indices stay valid.
  for (let i = slots.length - 1; i >= cutFrom; i--) slots[i].array.splice(slots[i].index, 1);
  return removed;
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

/** Concatenate the source of tokens (for items and token lists built by the edit layer). */
export function sourceOfTokens(tokens: readonly Token[]): string {
  let s = "";
  for (const t of tokens) s += "source" in t && typeof t.source === "string" ? t.source : "";
  return s;
}

/** Items of a collection that carry an entry (skipping comment-only trailing items). */
export function entryItems(coll: BlockMap | BlockSeq | FlowCollection): CollectionItem[] {
  if (coll.type === "block-seq") {
    return coll.items.filter((it) => it.start.some((t) => t.type === "seq-item-ind"));
  }
  return coll.items.filter((it) => it.key !== undefined || it.sep !== undefined || it.value !== undefined);
}
