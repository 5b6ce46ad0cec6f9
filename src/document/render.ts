/**
 * A small block-style YAML writer for values compose-gate inserts. `yaml`'s stringifier cannot
 * write a file's own layout in every case (with `indentSeq: false` and a 4-space indent it
 * still indents sequences by two), so block structure is laid out here and only scalars are
 * left to `yaml`, which knows when a string needs quotes or escapes.
 */
import { Scalar, stringify } from "yaml";
import { isTypeAmbiguous } from "./scalar.js";
import type { FileStyle } from "./style.js";

export type Quote = "double" | "single" | undefined;

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

const isEmptyCollection = (v: unknown) =>
  (Array.isArray(v) && v.length === 0) || (isPlainObject(v) && Object.keys(v).length === 0);

/** One scalar on one line, quoted only when it must be (or as its neighbours are). */
export function scalarText(value: unknown, style: FileStyle, quote?: Quote, inFlow = false): string {
  if (value === null || value === undefined) return "null";
  if (typeof value !== "string") return String(value);
  const ambiguous = isTypeAmbiguous(value);
  const wanted = quote ?? (ambiguous ? style.quote : undefined);
  const quick = quickScalarText(value, wanted, !ambiguous);
  if (quick !== undefined) return quick;
  const { text, plain } = yamlScalarText(value, wanted);
  if (inFlow && plain && /[,[\]{}]/.test(text)) return JSON.stringify(value);
  return text;
}

/** `value` on one line as `yaml` writes it in the `wanted` quotes; `plain` when unquoted. */
export function yamlScalarText(value: string, wanted: Quote): { text: string; plain: boolean } {
  const node = new Scalar(value);
  if (wanted === "single" && !/[\n\\]/.test(value)) node.type = Scalar.QUOTE_SINGLE;
  else if (wanted) node.type = Scalar.QUOTE_DOUBLE;
  else node.type = Scalar.PLAIN;
  let text = stringify(node, { lineWidth: 0 }).replace(/\n$/, "");
  if (text.includes("\n")) {
    // `yaml` picked a block scalar (e.g. for `...-`); this writer needs one line.
    node.type = Scalar.QUOTE_DOUBLE;
    text = stringify(node, { lineWidth: 0 }).replace(/\n$/, "");
  }
  return { text, plain: node.type === Scalar.PLAIN };
}

/**
 * What `scalarText` writes for the common cases, without `yaml` building a document for each
 * scalar (a large stack inserts tens of thousands of names and paths): a word-like string
 * that reads back as itself (`unambiguous`) written plain, or printable ASCII in quotes that
 * need no escape. Undefined for anything else. test/document/render.test.ts checks that it
 * agrees with `yaml` wherever it answers.
 */
export function quickScalarText(value: string, wanted: Quote, unambiguous: boolean): string | undefined {
  if (!PRINTABLE_ASCII.test(value)) return undefined;
  if (wanted === undefined) return unambiguous && WORD.test(value) ? value : undefined;
  if (/\\/.test(value)) return undefined;
  if (wanted === "double") return value.includes('"') ? undefined : `"${value}"`;
  return `'${value.replace(/'/g, "''")}'`;
}

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
/** Plain without question: starts with a letter or `_`/`/`, then only letters, digits and `_ . / -`. */
const WORD = /^[A-Za-z_/][A-Za-z0-9_./-]*$/;

/** Flow form of a small value: `{}`, `[]`, `[a, b]`, `{a: 1}`. */
export function flowText(value: unknown, style: FileStyle, quote?: Quote, inFlow = false): string {
  if (Array.isArray(value)) return `[${value.map((v) => flowText(v, style, undefined, true)).join(", ")}]`;
  if (isPlainObject(value)) {
    return `{${Object.entries(value)
      .map(([k, v]) => `${scalarText(k, style, undefined, true)}: ${flowText(v, style, undefined, true)}`)
      .join(", ")}}`;
  }
  return scalarText(value, style, quote, inFlow);
}

function blockScalar(value: string, column: number): string[] {
  const chomp = value.endsWith("\n") ? "" : "-";
  const body = value.replace(/\n$/, "").split("\n");
  const pad = " ".repeat(column);
  return [`|${chomp}`, ...body.map((line) => (line === "" ? "" : pad + line))];
}

function valueLines(value: unknown, column: number, style: FileStyle, quote: Quote, comment?: string): { inline: string; below: string[] } {
  const note = comment ? ` # ${comment}` : "";
  if (typeof value === "string" && value.includes("\n")) {
    const [header, ...body] = blockScalar(value, column + style.indent);
    return { inline: ` ${header}${note}`, below: body };
  }
  if (isPlainObject(value) && !isEmptyCollection(value)) return { inline: note, below: mapLines(value, column + style.indent, style) };
  if (Array.isArray(value) && !isEmptyCollection(value)) {
    return { inline: note, below: seqLines(value, style.indentSeq ? column + style.indent : column, style) };
  }
  return { inline: " " + flowText(value, style, quote) + note, below: [] };
}

export function mapLines(map: Record<string, unknown>, column: number, style: FileStyle, quote?: Quote, comment?: string): string[] {
  const pad = " ".repeat(column);
  const out: string[] = [];
  for (const [key, value] of Object.entries(map)) {
    const { inline, below } = valueLines(value, column, style, quote, comment);
    out.push(`${pad}${scalarText(key, style)}:${inline}`, ...below);
  }
  return out;
}

export function seqLines(items: unknown[], column: number, style: FileStyle, quote?: Quote, comment?: string): string[] {
  const pad = " ".repeat(column);
  const out: string[] = [];
  for (const item of items) {
    if (isPlainObject(item) && !isEmptyCollection(item)) {
      // The first key shares the dash's line; the rest align under it.
      const lines = mapLines(item, column + 2, style);
      out.push(`${pad}- ${lines[0].trimStart()}`, ...lines.slice(1));
    } else if (typeof item === "string" && item.includes("\n")) {
      const [header, ...body] = blockScalar(item, column + 2);
      out.push(`${pad}- ${header}`, ...body);
    } else {
      out.push(`${pad}- ${flowText(item, style, quote)}${comment ? ` # ${comment}` : ""}`);
    }
  }
  return out;
}
