/**
 * Compose's `${…}` interpolation, read the way compose-go reads it, as a tree instead of a
 * substitution: rules and transforms need to see which variables a value uses, what their
 * defaults are, and where in the string each one is written, without an environment to
 * resolve them against.
 *
 * Grammar (compose-go `template/template.go`):
 * - `$$` is a literal `$`.
 * - `$NAME` and `${NAME}`, with NAME = `[_a-zA-Z][_a-zA-Z0-9]*`.
 * - `${NAME<op>argument}` with op one of `:-` `-` `:?` `?` `:+` `+`; the argument is itself
 *   interpolated, so it may nest (`${A:-${B:-x}}`) and runs to the `}` that balances the opening.
 * - `$` followed by anything else is kept as a literal `$`.
 * - `${` that does not form one of the above is an error ("invalid interpolation format").
 */

export type Operator = ":-" | "-" | ":?" | "?" | ":+" | "+";

/** Two-character operators first, so `:-` is never read as `:` followed by `-`. */
export const OPERATORS: readonly Operator[] = [":-", ":?", ":+", "-", "?", "+"];

/** Literal text. `text` is what compose produces (`$$` → `$`); `raw` is what is written. */
export interface TextPart {
  kind: "text";
  text: string;
  raw: string;
  start: number;
  end: number;
}

/** A variable reference; `start`/`end` are offsets into the tokenized string, `raw` its source. */
export interface VarPart {
  kind: "var";
  name: string;
  /** `${NAME…}` rather than `$NAME`. */
  braced: boolean;
  operator?: Operator;
  /** The default, error message or alternative after the operator, itself tokenized. */
  argument?: Part[];
  raw: string;
  start: number;
  end: number;
}

export type Part = TextPart | VarPart;

export interface InterpolationError {
  message: string;
  /** Offset of the `$` that starts the malformed reference. */
  offset: number;
}

export interface Tokenized {
  parts: Part[];
  /** Empty when compose would accept the string. */
  errors: InterpolationError[];
}

const NAME_START = /[_a-zA-Z]/;
const NAME_CHAR = /[_a-zA-Z0-9]/;

/**
 * Split a compose value into literal text and variable references. Never throws: malformed
 * references are kept as literal text and reported in `errors`, so a caller can still show and
 * edit the rest of the value.
 */
export function tokenize(value: string): Tokenized {
  const errors: InterpolationError[] = [];
  return { parts: scan(value, 0, value.length, errors), errors };
}

function scan(src: string, from: number, to: number, errors: InterpolationError[]): Part[] {
  const parts: Part[] = [];
  let at = from;
  while (at < to) {
    const dollar = src.indexOf("$", at);
    const stop = dollar < 0 || dollar >= to ? to : dollar;
    if (stop > at) pushText(parts, src, at, stop, src.slice(at, stop));
    if (stop === to) break;
    const part = readDollar(src, stop, to, errors);
    if (part.kind === "var") parts.push(part);
    else pushText(parts, src, part.start, part.end, part.text);
    at = part.end;
  }
  return parts;
}

/** Adjacent literal pieces (`a`, `$$`, `b`) become one text part. */
function pushText(parts: Part[], src: string, start: number, end: number, text: string): void {
  const last = parts[parts.length - 1];
  if (last?.kind === "text" && last.end === start) {
    last.text += text;
    last.raw = src.slice(last.start, end);
    last.end = end;
    return;
  }
  parts.push({ kind: "text", text, raw: src.slice(start, end), start, end });
}

function literal(src: string, start: number, end: number, text: string): TextPart {
  return { kind: "text", text, raw: src.slice(start, end), start, end };
}

function readDollar(src: string, at: number, to: number, errors: InterpolationError[]): Part {
  if (at + 1 >= to) return literal(src, at, at + 1, "$");
  const next = src[at + 1];
  if (next === "$") return literal(src, at, at + 2, "$");
  if (next === "{") return readBraced(src, at, to, errors);
  const nameEnd = readName(src, at + 1, to);
  if (nameEnd === at + 1) return literal(src, at, at + 1, "$");
  return { kind: "var", name: src.slice(at + 1, nameEnd), braced: false, raw: src.slice(at, nameEnd), start: at, end: nameEnd };
}

function readName(src: string, from: number, to: number): number {
  if (from >= to || !NAME_START.test(src[from])) return from;
  let end = from + 1;
  while (end < to && NAME_CHAR.test(src[end])) end++;
  return end;
}

function readBraced(src: string, at: number, to: number, errors: InterpolationError[]): Part {
  const nameStart = at + 2;
  const nameEnd = readName(src, nameStart, to);
  const name = src.slice(nameStart, nameEnd);
  if (!name) return invalid(src, at, errors, badName(src, nameStart, to));
  if (nameEnd < to && src[nameEnd] === "}") {
    return { kind: "var", name, braced: true, raw: src.slice(at, nameEnd + 1), start: at, end: nameEnd + 1 };
  }
  const operator = OPERATORS.find((op) => nameEnd + op.length <= to && src.startsWith(op, nameEnd));
  if (!operator) return invalid(src, at, errors, badOperator(src, name, nameEnd, to));
  const argumentStart = nameEnd + operator.length;
  const close = closingBrace(src, argumentStart, to);
  if (close < 0) return invalid(src, at, errors, `unclosed "\${${name}${operator}": missing "}"`);
  const argument = scan(src, argumentStart, close, errors);
  return { kind: "var", name, braced: true, operator, argument, raw: src.slice(at, close + 1), start: at, end: close + 1 };
}

/**
 * The `}` that balances the opening `${`, counting every brace in between as compose-go does.
 * When the braces never balance, compose-go's pattern still ends the reference at the last `}`.
 */
function closingBrace(src: string, from: number, to: number): number {
  let depth = 1;
  for (let i = from; i < to; i++) {
    if (src[i] === "{") depth++;
    else if (src[i] === "}" && --depth === 0) return i;
  }
  const last = src.lastIndexOf("}", to - 1);
  return last >= from ? last : -1;
}

/** Record the error and keep `${` as text, so scanning resumes right after it. */
function invalid(src: string, at: number, errors: InterpolationError[], reason: string): TextPart {
  errors.push({ message: `invalid interpolation format: ${reason}`, offset: at });
  return literal(src, at, at + 2, "${");
}

function badName(src: string, nameStart: number, to: number): string {
  if (nameStart >= to) return `unclosed "\${" at the end of the value`;
  if (src[nameStart] === "}") return `empty variable name in "\${}"`;
  return `"\${" must be followed by a variable name ([_a-zA-Z][_a-zA-Z0-9]*), found "${src[nameStart]}"`;
}

function badOperator(src: string, name: string, at: number, to: number): string {
  if (at >= to) return `unclosed "\${${name}": missing "}"`;
  return `unexpected "${src[at]}" after "\${${name}" (expected "}" or one of ${OPERATORS.join(" ")})`;
}
