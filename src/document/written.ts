/**
 * Where a scalar's value is written in the text. The same value has many spellings — escapes
 * (`"pa\\ss"`, `\u0041`), `''` in single quotes, folded and multi-line scalars, numbers
 * (`0xCAFE`) — and whoever must hide or point at a value needs the characters that spell it,
 * not a search for the value in the text. Offsets are into the text as it was read.
 */
import { isPair, isScalar, isSeq, type Document, type Node, type Scalar } from "yaml";
import { keyString } from "./resolve.js";
import { walkNodes } from "./walk.js";

/** A `[start, end)` range of offsets into a text. */
export type Span = readonly [start: number, end: number];

export interface WrittenScalar {
  /** The value as Docker reads it, as text (`0xCAFE` gives `51966`, `true` gives `true`). */
  value: string;
  /** The YAML type the scalar resolves to. */
  type: "string" | "number" | "boolean" | "null" | "other";
  /** The scalar's content: inside its quotes, or a block scalar's body after its header line. */
  content: Span;
  /**
   * The text that spells `value.slice(from, to)`: exactly those characters when each of them is
   * written as itself (plain text, quotes without escapes, the lines of a block scalar), else
   * the whole content, which holds them in some spelling.
   */
  spell(from: number, to: number): Span;
}

/** A scalar written as the value of a map entry (`key`) or as a list item (no key). */
export interface WrittenValue {
  key?: string;
  /** For a list item, the key of the map entry that holds the list (`environment`, `command`). */
  list?: string;
  scalar: WrittenScalar;
}

/**
 * Every scalar written as a value in the document (map values and list items, not keys), in
 * document order, where it is written: aliases are not followed, so a value shared through an
 * anchor is reported once, at its anchor.
 */
export function writtenValues(doc: Document, text: string): WrittenValue[] {
  const out: WrittenValue[] = [];
  const listKeys = new Map<unknown, string>();
  walkNodes(doc.contents, (node) => {
    if (isPair(node)) {
      const key = keyString(node);
      if (isScalar(node.value)) {
        const scalar = writtenScalar(node.value, text);
        if (scalar) out.push(key === undefined ? { scalar } : { key, scalar });
      } else if (isSeq(node.value) && key !== undefined) listKeys.set(node.value, key);
    } else if (isSeq(node)) {
      const list = listKeys.get(node);
      for (const item of node.items) {
        const scalar = isScalar(item) ? writtenScalar(item, text) : undefined;
        if (scalar) out.push(list === undefined ? { scalar } : { list, scalar });
      }
    }
  });
  return out;
}

/** The written form of a scalar node of a document parsed from `text`; undefined for one that was not read from it. */
export function writtenScalar(node: Node | null | undefined, text: string): WrittenScalar | undefined {
  if (!isScalar(node) || !node.range) return undefined;
  const content = contentOf(node);
  if (!content || content[1] > text.length) return undefined;
  const value = node.value === null || node.value === undefined ? "" : String(node.value);
  return {
    value,
    type: typeOf(node.value),
    content,
    spell: spelling(value, text, content, node.type === "BLOCK_LITERAL" || node.type === "BLOCK_FOLDED"),
  };
}

function typeOf(value: unknown): WrittenScalar["type"] {
  if (value === null || value === undefined) return "null";
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return typeof value as WrittenScalar["type"];
  return "other";
}

/** The content range: inside the quotes of a quoted scalar, after the header line of a block scalar. */
function contentOf(node: Scalar): Span | undefined {
  const [start, end] = node.range!;
  const token = node.srcToken;
  if (node.type === "QUOTE_DOUBLE" || node.type === "QUOTE_SINGLE") return end - start >= 2 ? [start + 1, end - 1] : undefined;
  if (token?.type === "block-scalar") {
    // The header (`|-`, `>2`, a comment) and its line break come first, then the body.
    const header = token.props.reduce((n, p) => n + ("source" in p ? p.source.length : 0), 0);
    return [token.offset + header, end];
  }
  return [start, end];
}

/**
 * Maps value offsets to the text that spells them. The content is split into lines; each line,
 * without its indentation and (outside block scalars) trailing blanks, must appear in the value
 * in order, separated only by whitespace, for the mapping to be exact: then every non-blank
 * character of the value is the same character of the text. An escape, a `''` or anything
 * else that spells a character differently breaks that, and the whole content is returned.
 */
function spelling(value: string, text: string, content: Span, block: boolean): (from: number, to: number) => Span {
  const source = text.slice(content[0], content[1]);
  if (source === value) return (from, to) => [content[0] + from, content[0] + to];
  const pieces = linePieces(source, content[0], block);
  const placed = place(pieces, value);
  if (!placed) return () => content;
  return (from, to) => {
    if (to <= from) return [content[0], content[0]];
    const start = placed.find((p) => from < p.at + p.text.length);
    const end = [...placed].reverse().find((p) => to > p.at);
    if (!start || !end) return content;
    const a = start.offset + Math.max(0, from - start.at);
    const b = end.offset + Math.min(end.text.length, to - end.at);
    return b > a ? [a, b] : content;
  };
}

interface Piece {
  text: string;
  /** Offset of the piece in the document text. */
  offset: number;
}

function linePieces(source: string, base: number, block: boolean): Piece[] {
  const pieces: Piece[] = [];
  let lineStart = 0;
  for (const line of source.split("\n")) {
    const body = line.endsWith("\r") ? line.slice(0, -1) : line;
    const lead = body.length - body.trimStart().length;
    const text = block ? body.slice(lead) : body.trim();
    if (text !== "") pieces.push({ text, offset: base + lineStart + lead });
    lineStart += line.length + 1;
  }
  return pieces;
}

/** Where each piece sits in the value, or undefined when the value is not the pieces joined by whitespace. */
function place(pieces: Piece[], value: string): (Piece & { at: number })[] | undefined {
  const out: (Piece & { at: number })[] = [];
  let cursor = 0;
  for (const piece of pieces) {
    let at = cursor;
    while (at < value.length && /\s/.test(value[at]) && !value.startsWith(piece.text, at)) at++;
    if (!value.startsWith(piece.text, at)) return undefined;
    out.push({ ...piece, at });
    cursor = at + piece.text.length;
  }
  return /^\s*$/.test(value.slice(cursor)) ? out : undefined;
}
