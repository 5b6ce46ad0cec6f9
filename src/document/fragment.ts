/**
 * New text for insertion. Values are rendered with `yaml`'s stringifier in the file's own
 * style, indented to where they will land, then parsed back with source tokens so that both
 * halves of the document stay in step: the CST item is spliced into the file's tokens and the
 * composed node joins the file's `Document`.
 */
import { Composer, Document, Parser, Scalar, isScalar, visit, type Node, type Pair } from "yaml";
import type { FileStyle } from "./style.js";
import { COMPOSE_YAML_OPTIONS } from "./tags.js";
import { isTypeAmbiguous } from "./scalar.js";
import type { CollectionItem, Token } from "./tokens.js";

export interface Fragment {
  /** The first entry of the fragment's top-level collection. */
  item: CollectionItem;
  /** The composed node for that entry (a `Pair` for maps, a value node for sequences). */
  node: Pair | Node;
}

/** Build a `yaml` node for `value`, quoting any string that would not read back as a string. */
export function toNode(value: unknown, style: FileStyle, comment?: string): Node {
  const doc = new Document(value);
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value === "string" && isTypeAmbiguous(node.value)) {
        node.type = style.quote === "single" ? Scalar.QUOTE_SINGLE : Scalar.QUOTE_DOUBLE;
      }
    },
  });
  const node = doc.contents as Node;
  if (comment) node.comment = ` ${comment}`;
  return node;
}

function render(doc: Document, style: FileStyle): string {
  return doc.toString({
    indent: style.indent,
    indentSeq: style.indentSeq,
    lineWidth: 0,
    singleQuote: style.quote === "single" ? true : null,
    flowCollectionPadding: false,
  });
}

function indentLines(text: string, indent: number): string {
  const pad = " ".repeat(indent);
  return text
    .split("\n")
    .map((line) => (line === "" ? line : pad + line))
    .join("\n");
}

function withEol(text: string, style: FileStyle): string {
  return style.eol === "\n" ? text : text.replace(/\n/g, style.eol);
}

function parseFragment(text: string): { tokens: Token[]; doc: Document.Parsed } {
  const tokens = [...new Parser().parse(text)];
  const docs = [...new Composer(COMPOSE_YAML_OPTIONS).compose(tokens)];
  const doc = docs[0];
  if (!doc || doc.errors.length > 0) {
    throw new Error(`compose-gate rendered text it cannot read back: ${doc?.errors[0]?.message ?? "empty"}`);
  }
  return { tokens, doc };
}

function topCollection(tokens: Token[]) {
  const docToken = tokens.find((t) => t.type === "document");
  if (!docToken || docToken.type !== "document" || !docToken.value) throw new Error("fragment has no content");
  const value = docToken.value;
  if (value.type !== "block-map" && value.type !== "block-seq" && value.type !== "flow-collection") {
    throw new Error(`fragment is a ${value.type}, not a collection`);
  }
  return value;
}

/** `key: value` as a block-map entry whose key sits at column `indent`. */
export function renderPair(
  key: string,
  value: unknown,
  indent: number,
  style: FileStyle,
  comment?: string,
): Fragment {
  const doc = new Document();
  const pair = doc.createPair(key, null);
  pair.value = toNode(value, style, comment);
  if (isScalar(pair.key) && isTypeAmbiguous(String(key))) pair.key.type = Scalar.QUOTE_DOUBLE;
  doc.contents = doc.createNode({}) as never;
  (doc.contents as unknown as { items: Pair[] }).items.push(pair);
  const text = withEol(indentLines(render(doc, style), indent), style);
  const parsed = parseFragment(text);
  const coll = topCollection(parsed.tokens);
  const map = parsed.doc.contents as unknown as { items: Pair[] };
  return { item: coll.items[0], node: map.items[0] };
}

/** `- value` as a block-sequence entry whose dash sits at column `indent`. */
export function renderSeqItem(value: unknown, indent: number, style: FileStyle, comment?: string): Fragment {
  const doc = new Document([]);
  (doc.contents as unknown as { items: Node[] }).items.push(toNode(value, style, comment));
  const text = withEol(indentLines(render(doc, style), indent), style);
  const parsed = parseFragment(text);
  const coll = topCollection(parsed.tokens);
  const seq = parsed.doc.contents as unknown as { items: Node[] };
  return { item: coll.items[0], node: seq.items[0] };
}

/** One entry of a flow collection: `value` for `[…]`, `key: value` for `{…}`. */
export function renderFlowEntry(kind: "seq" | "map", key: string | undefined, value: unknown, style: FileStyle): Fragment {
  const doc = new Document();
  if (kind === "seq") {
    doc.contents = doc.createNode([]) as never;
    (doc.contents as unknown as { items: Node[] }).items.push(toNode(value, style));
  } else {
    doc.contents = doc.createNode({}) as never;
    const pair = doc.createPair(key ?? "", null);
    pair.value = toNode(value, style);
    (doc.contents as unknown as { items: Pair[] }).items.push(pair);
  }
  (doc.contents as unknown as { flow: boolean }).flow = true;
  const text = render(doc, style).replace(/\n$/, "");
  const parsed = parseFragment(text);
  const coll = topCollection(parsed.tokens);
  const items = (parsed.doc.contents as unknown as { items: (Pair | Node)[] }).items;
  return { item: coll.items[0], node: items[0] };
}

/** A scalar written so that it reads back as `value`, with the given line ending after it. */
export function renderScalar(value: unknown, style: FileStyle): { node: Node; source: string } {
  const doc = new Document();
  doc.contents = toNode(value, style) as never;
  const text = render(doc, style).replace(/\n$/, "");
  return { node: doc.contents as Node, source: text };
}
