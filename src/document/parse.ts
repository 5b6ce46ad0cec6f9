/**
 * Reading compose text: lex once into CST tokens (the lossless half), compose a `Document`
 * over the same tokens (the semantic half, `keepSourceTokens`), and turn every problem into a
 * located diagnostic. Input that cannot be a compose file is refused here, before any edit.
 */
import { Composer, isAlias, isCollection, isMap, isPair, LineCounter, Parser, type Alias, type Document, type Node } from "yaml";
import { ComposeSyntaxError, type Diagnostic } from "./errors.js";
import { COMPOSE_YAML_OPTIONS } from "./tags.js";
import { duplicateKeys, templateMarker, unloadable } from "./unloadable.js";
import type { Token } from "./tokens.js";
import { unicodeBreak } from "./unicode-breaks.js";
import { syntaxMessage } from "./yaml-messages.js";

export interface Parsed {
  tokens: Token[];
  doc: Document.Parsed;
  lines: LineCounter;
}

/** More nodes than this after expanding aliases is an alias bomb, not a compose file. */
export const MAX_EXPANDED_NODES = 1_000_000;
/** Deeper nesting than this is not a compose file either, and would exhaust the stack. */
export const MAX_DEPTH = 500;

export function parseText(text: string, file: string): Parsed {
  const lines = new LineCounter();
  // Problems are located on the text itself: the parser's counter only knows the lines it reached.
  let textLines: LineCounter | undefined;
  const at = (offset: number) => {
    const pos = (textLines ??= linesOf(text)).linePos(offset);
    return { line: pos.line, column: pos.col };
  };
  const fail = (code: string, message: string, offset: number): never => {
    throw refusal([{ code, message, file, ...at(offset) }]);
  };
  // A template (Helm, Jinja) fails in many ways; saying it is one helps more than any of them.
  const refusal = (diagnostics: Diagnostic[]): ComposeSyntaxError => {
    const marker = templateMarker(text);
    if (marker === undefined) return new ComposeSyntaxError(diagnostics);
    const message = `this looks like a template (${marker.kind}), not a compose file: render it first (helm template, jinja2, …) and run compose-gate on the output`;
    return new ComposeSyntaxError([{ code: "TEMPLATE", message, file, ...at(marker.offset) }]);
  };

  if (text.includes("\u0000")) {
    fail("NOT_TEXT", "this is a binary file, not YAML (it contains NUL bytes)", text.indexOf("\u0000"));
  }
  // Docker's reader breaks lines at a lone CR (old Mac files), `yaml` does not: the two would
  // read different data from the same bytes.
  const cr = /\r(?!\n)/.exec(text);
  if (cr) {
    fail("LONE_CR", "a line ends in a carriage return alone (old Mac line endings), which Docker reads as a line break and compose-gate would not: save the file with LF or CRLF line endings", cr.index);
  }
  // One byte order mark belongs to the encoding; `yaml` reads a second one as part of the first
  // key, Docker as nothing or as part of it, depending on what follows: the two would disagree.
  if (text.startsWith("\uFEFF\uFEFF")) {
    fail("DOUBLE_BOM", "the file starts with two byte order marks (U+FEFF); Docker and compose-gate would read its first key differently: remove one", 1);
  }
  const deep = tooDeep(text);
  if (deep !== undefined) {
    fail("TOO_DEEP", `nesting deeper than ${MAX_DEPTH} levels is not a compose file`, deep);
  }

  const tokens = [...new Parser(lines.addNewLine).parse(text)];
  const separator = unicodeBreak(text, tokens);
  if (separator) {
    const where = separator.quoted
      ? separator.code === "U+0085"
        ? "inside quotes, where Docker turns it into a space"
        : "next to a blank or a backslash inside quotes, where Docker drops the blanks around it (a line break to Docker)"
      : "outside quotes, which Docker reads as a line break and compose-gate would not (the two would read different keys and values)";
    fail("UNICODE_BREAK", `a ${separator.code} character ${where}: replace it with a real line break, or write it as the escape \\u${separator.code.slice(2)} in double quotes`, separator.offset);
  }
  // `yaml` compares each key with every earlier one (quadratic on a stack of thousands of
  // services); duplicate keys are found below, with a set per map.
  const docs = [...new Composer({ ...COMPOSE_YAML_OPTIONS, uniqueKeys: false }).compose(tokens)];
  const diagnostics: Diagnostic[] = [];
  for (const d of docs) {
    for (const e of d.errors) diagnostics.push({ code: "YAML_SYNTAX", message: syntaxMessage(e), file, ...at(e.pos[0]) });
    for (const dup of duplicateKeys(d)) diagnostics.push({ code: "DUPLICATE_KEY", message: dup.message, file, ...at(dup.offset) });
  }
  diagnostics.sort((a, b) => a.line - b.line || a.column - b.column);
  if (diagnostics.length > 0) throw refusal(diagnostics);
  if (docs.length > 1) {
    fail(
      "MULTI_DOCUMENT",
      `this file holds ${docs.length} YAML documents; compose-gate edits one compose document per file (split them into separate files)`,
      docs[1].range[0],
    );
  }
  const doc = docs[0];
  if (!doc || doc.contents === null || (isScalarNull(doc.contents))) {
    fail("EMPTY_DOCUMENT", "the file has no content: a compose file needs at least a `services:` map", 0);
  }
  if (!isMap(doc.contents)) {
    fail("NOT_A_MAP", "a compose file must be a map at the top level (services:, volumes:, …)", doc.contents!.range?.[0] ?? 0);
  }
  // Without a `*` the file has no alias: nothing can expand, dangle or loop.
  const expanded = text.includes("*") ? expandedSize(doc.contents as Node) : { size: 0 };
  if (expanded.unknown) {
    // Not named: with no anchor of that name, the text after `*` may be a password that starts with `*`.
    fail("UNKNOWN_ALIAS", "an alias (`*…`) that no anchor (`&…`) defined before it names: if the value is text that starts with *, quote it", expanded.unknown.range?.[0] ?? 0);
  }
  if (expanded.cycle) {
    fail("ALIAS_CYCLE", `alias *${expanded.cycle.source} is inside the anchor it refers to, so it never ends`, expanded.cycle.range?.[0] ?? 0);
  }
  if (expanded.size > MAX_EXPANDED_NODES) {
    const through = expanded.over ? `, here through *${expanded.over.source}` : "";
    fail("ALIAS_BOMB", `aliases expand this file past ${MAX_EXPANDED_NODES.toLocaleString("en")} nodes${through} (an alias bomb?)`, expanded.over?.range?.[0] ?? 0);
  }
  const bad = unloadable(doc, text);
  if (bad) fail(bad.code, bad.message, bad.offset);
  return { tokens, doc, lines };
}

/** Line starts of `text` (breaks are `\n`, as `yaml` counts them). */
function linesOf(text: string): LineCounter {
  const lines = new LineCounter();
  lines.addNewLine(0);
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) lines.addNewLine(i + 1);
  return lines;
}

function isScalarNull(node: unknown): boolean {
  return !isCollection(node) && !isAlias(node) && (node as { value?: unknown })?.value === null;
}

/**
 * Where bracket or indent nesting first goes deeper than `MAX_DEPTH`, measured on the text so
 * no recursion can overflow first; undefined when it never does.
 */
function tooDeep(text: string): number | undefined {
  let flow = 0;
  let lineStart = 0;
  let inQuote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "\n") {
      lineStart = i + 1;
      continue;
    }
    if (inQuote) {
      if (c === inQuote) inQuote = null;
      continue;
    }
    if (c === "#" && (i === 0 || /\s/.test(text[i - 1]))) {
      const nl = text.indexOf("\n", i);
      i = nl < 0 ? text.length : nl - 1;
      continue;
    }
    if (c === '"' || c === "'") {
      if (flow > 0) inQuote = c;
      continue;
    }
    if (c === "[" || c === "{") {
      if (++flow > MAX_DEPTH) return i;
    } else if ((c === "]" || c === "}") && flow > 0) flow--;
    else if (i === lineStart) {
      // Block nesting needs at least one column per level.
      let j = i;
      while (text[j] === " " || text[j] === "-") j++;
      if (j - i > MAX_DEPTH) return i;
    }
  }
  return undefined;
}

/**
 * Node count with every alias expanded, memoised per node so bombs are measured, not built,
 * with the alias that took it past the limit (each alias stands for the last anchor of its
 * name before it, as YAML resolves them). Aliases that cannot be expanded are returned too:
 * one inside the node its anchor names (`a: &x {b: *x}` never ends) and one whose anchor is
 * not defined before it.
 */
function expandedSize(root: Node): { size: number; cycle?: Alias; unknown?: Alias; over?: Alias } {
  const memo = new Map<unknown, number>();
  const anchors = new Map<string, unknown>();
  const open = new Set<unknown>();
  const found: { cycle?: Alias; unknown?: Alias; over?: Alias } = {};
  const size = (node: unknown): number => {
    if (node === null || node === undefined || found.cycle || found.unknown) return 1;
    const known = memo.get(node);
    if (known !== undefined) return known;
    let total = 1;
    const anchor = (node as { anchor?: string }).anchor;
    if (anchor) anchors.set(anchor, node);
    if (isAlias(node)) {
      const target = anchors.get(node.source);
      if (target === undefined) found.unknown = node;
      else if (open.has(target)) found.cycle = node;
      total = memo.get(target) ?? 1;
    } else if (isCollection(node)) {
      open.add(node);
      for (const item of node.items as unknown[]) {
        if (isPair(item)) total += size(item.key) + size(item.value);
        else total += size(item);
        if (total > MAX_EXPANDED_NODES) {
          // The alias that tipped the count over, innermost first: where the bomb is.
          const value = isPair(item) ? item.value : item;
          if (isAlias(value)) found.over ??= value;
          break;
        }
      }
      open.delete(node);
    }
    memo.set(node, total);
    return total;
  };
  return { size: size(root), ...found };
}
