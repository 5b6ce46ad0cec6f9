/**
 * Which entry of a block collection owns the blank lines and indentation between two entries,
 * and whether the file separates entries with a blank line. `yaml` gives the lines between
 * entries to the one before when it ends in a deeper comment; edits want each entry to own its
 * own, so one entry can be inserted or removed without borrowing a neighbour's indentation.
 */
import { cutForeignTail, entryItems, hasBlankLineBefore, prependTokens, type BlockMap, type BlockSeq } from "../tokens.js";
import { itemsOf } from "./items.js";

/**
 * Collections whose entries own their indentation already. Edits keep it so: an inserted,
 * replaced or removed entry hands the lines after it to what follows, never to the entry
 * before. Without this, each insert into a map of thousands of entries (`secrets:` on a large
 * stack) would walk the whole map again.
 */
const normalized = new WeakSet<BlockMap | BlockSeq>();

/**
 * Give every entry after the first its own separating blank lines and indentation. Moving them
 * forward changes no byte of output: they are adjacent in print order.
 */
export function ownIndentation(coll: BlockMap | BlockSeq): void {
  if (normalized.has(coll)) return;
  const items = itemsOf(coll);
  for (let i = 1; i < items.length; i++) {
    const moved = cutForeignTail(items[i - 1], coll.indent);
    if (moved.length > 0) prependTokens(items[i].start, moved);
  }
  normalized.add(coll);
}

const separatedStyle = new WeakMap<BlockMap | BlockSeq, boolean>();

/**
 * Every entry after the first starts after a blank line (two entries at least): a new entry
 * should too. Decided once per collection, from the file as read: entries compose-gate adds
 * follow the decision, so it cannot change (and each insert need not look at every entry).
 */
export function blankLineSeparated(coll: BlockMap | BlockSeq): boolean {
  let separated = separatedStyle.get(coll);
  if (separated === undefined) {
    ownIndentation(coll);
    const entries = entryItems(coll);
    separated = entries.length >= 2 && entries.slice(1).every(hasBlankLineBefore);
    separatedStyle.set(coll, separated);
  }
  return separated;
}
