/**
 * New text for insertion. Values are laid out in the file's own style (see render.ts) at the
 * column where they will land, then parsed back with source tokens so that both halves of the
 * document stay in step: the CST item is spliced into the file's tokens and the composed node
 * joins the file's `Document`.
 */
import { Composer, isCollection, Parser, type Document, type Node, type Pair, type Schema } from "yaml";
import { flowText, mapLines, seqLines, scalarText, type Quote } from "./render.js";
import type { FileStyle } from "./style.js";
import { COMPOSE_YAML_OPTIONS } from "./tags.js";
import type { CollectionItem, Token } from "./tokens.js";
import { walkNodes } from "./walk.js";

export type { Quote } from "./render.js";

export interface Fragment {
  /** The first entry of the fragment's top-level collection. */
  item: CollectionItem;
  /** The composed node for that entry (a `Pair` for maps, a value node for sequences). */
  node: Pair | Node;
}

function parseFragment(text: string): { tokens: Token[]; doc: Document.Parsed } {
  const tokens = [...new Parser().parse(text)];
  const docs = [...new Composer(COMPOSE_YAML_OPTIONS).compose(tokens)];
  const doc = docs[0];
  if (!doc || doc.errors.length > 0) {
    throw new Error(`compose-gate rendered text it cannot read back: ${doc?.errors[0]?.message ?? "empty"}\n${text}`);
  }
  shareSchema(doc);
  return { tokens, doc };
}

/**
 * Every collection node keeps the schema of the document it was parsed in (its tag lists and
 * options), and a fragment's nodes join the file's document: tens of thousands of inserted
 * entries kept as many schemas alive, some 200 MB on a large stack. The fragments are all
 * parsed with the same options, so one schema serves them all.
 */
let sharedSchema: Schema | undefined;
function shareSchema(doc: Document.Parsed): void {
  sharedSchema ??= doc.schema;
  walkNodes(doc.contents, (node) => {
    if (isCollection(node)) node.schema = sharedSchema;
  });
}

function firstEntry(text: string): Fragment {
  const parsed = parseFragment(text);
  const docToken = parsed.tokens.find((t) => t.type === "document");
  const coll = docToken?.type === "document" ? docToken.value : undefined;
  if (!coll || (coll.type !== "block-map" && coll.type !== "block-seq" && coll.type !== "flow-collection")) {
    throw new Error(`compose-gate rendered a fragment that is not a collection:\n${text}`);
  }
  const items = (parsed.doc.contents as unknown as { items: (Pair | Node)[] }).items;
  return { item: coll.items[0] as CollectionItem, node: items[0] };
}

const joinLines = (lines: string[], style: FileStyle) => lines.join(style.eol) + style.eol;

/** `key: value` as a block-map entry whose key sits at column `indent`. */
export function renderPair(key: string, value: unknown, indent: number, style: FileStyle, comment?: string, quote?: Quote): Fragment {
  return firstEntry(joinLines(mapLines({ [key]: value }, indent, style, quote, comment), style));
}

/** `- value` as a block-sequence entry whose dash sits at column `indent`. */
export function renderSeqItem(value: unknown, indent: number, style: FileStyle, comment?: string, quote?: Quote): Fragment {
  return firstEntry(joinLines(seqLines([value], indent, style, quote, comment), style));
}

/** One entry of a flow collection: `value` for `[…]`, `key: value` for `{…}`. */
export function renderFlowEntry(kind: "seq" | "map", key: string | undefined, value: unknown, style: FileStyle, quote?: Quote): Fragment {
  const text =
    kind === "seq"
      ? `[${flowText(value, style, quote, true)}]`
      : `{${scalarText(key ?? "", style, undefined, true)}: ${flowText(value, style, quote, true)}}`;
  return firstEntry(text);
}

/** A value written in flow style on one line (`{}`, `[]`, `[a, b]`), with its composed node. */
export function renderFlowValue(value: unknown, style: FileStyle): { node: Node; source: string } {
  const source = flowText(value, style);
  return { node: parseFragment(source).doc.contents as Node, source };
}
