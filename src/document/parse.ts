/**
 * Reading compose text: lex once into CST tokens (the lossless half), compose a `Document`
 * over the same tokens (the semantic half, `keepSourceTokens`), and turn every problem into a
 * located diagnostic. Input that cannot be a compose file is refused here, before any edit.
 */
import { Composer, isAlias, isCollection, isMap, isPair, isSeq, LineCounter, Parser, visit, type Alias, type Document, type Node } from "yaml";
import { ComposeSyntaxError, type Diagnostic } from "./errors.js";
import { isMergePair, resolveAlias } from "./resolve.js";
import { COMPOSE_YAML_OPTIONS } from "./tags.js";
import type { Token } from "./tokens.js";

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
  const at = (offset: number) => {
    const pos = lines.linePos(offset);
    return { line: pos.line, column: pos.col };
  };
  const fail = (code: string, message: string, offset: number): never => {
    throw new ComposeSyntaxError([{ code, message, file, ...at(offset) }]);
  };

  if (text.includes("\u0000")) {
    lines.addNewLine(0);
    fail("NOT_TEXT", "this is a binary file, not YAML (it contains NUL bytes)", text.indexOf("\u0000"));
  }
  const depth = nestingDepth(text);
  if (depth.depth > MAX_DEPTH) {
    // Count lines first so the location is right.
    new Parser(lines.addNewLine).parse(text).next();
    fail("TOO_DEEP", `nesting deeper than ${MAX_DEPTH} levels is not a compose file`, depth.offset);
  }

  const tokens = [...new Parser(lines.addNewLine).parse(text)];
  const docs = [...new Composer(COMPOSE_YAML_OPTIONS).compose(tokens)];
  const diagnostics: Diagnostic[] = [];
  for (const d of docs) {
    for (const e of d.errors) {
      diagnostics.push({
        code: e.code === "DUPLICATE_KEY" ? "DUPLICATE_KEY" : "YAML_SYNTAX",
        message: e.message,
        file,
        ...at(e.pos[0]),
      });
    }
  }
  if (diagnostics.length > 0) throw new ComposeSyntaxError(diagnostics);
  if (docs.length > 1) {
    fail(
      "MULTI_DOCUMENT",
      `this file holds ${docs.length} YAML documents; compose-gate edits one compose document per file (split them into separate files)`,
      docs[1].range[0],
    );
  }
  const doc = docs[0];
  if (!doc || doc.contents === null || (isScalarNull(doc.contents))) {
    lines.addNewLine(0);
    fail("EMPTY_DOCUMENT", "the file has no content: a compose file needs at least a `services:` map", 0);
  }
  if (!isMap(doc.contents)) {
    fail("NOT_A_MAP", "a compose file must be a map at the top level (services:, volumes:, …)", doc.contents!.range?.[0] ?? 0);
  }
  const expanded = expandedSize(doc.contents as Node);
  if (expanded.unknown) {
    fail("UNKNOWN_ALIAS", `alias *${expanded.unknown.source} refers to no anchor &${expanded.unknown.source} defined before it`, expanded.unknown.range?.[0] ?? 0);
  }
  if (expanded.cycle) {
    fail("ALIAS_CYCLE", `alias *${expanded.cycle.source} is inside the anchor it refers to, so it never ends`, expanded.cycle.range?.[0] ?? 0);
  }
  if (expanded.size > MAX_EXPANDED_NODES) {
    fail("ALIAS_BOMB", `aliases expand this file past ${MAX_EXPANDED_NODES.toLocaleString("en")} nodes (an alias bomb?)`, 0);
  }
  const bad = badEntry(doc);
  if (bad) fail(bad.code, bad.message, bad.node.range?.[0] ?? 0);
  return { tokens, doc, lines };
}

function isScalarNull(node: unknown): boolean {
  return !isCollection(node) && !isAlias(node) && (node as { value?: unknown })?.value === null;
}

/** Maximum bracket/indent nesting, measured on the text so no recursion can overflow first. */
function nestingDepth(text: string): { depth: number; offset: number } {
  let flow = 0;
  let max = 0;
  let at = 0;
  let maxIndent = 0;
  let indentAt = 0;
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
      flow++;
      if (flow > max) {
        max = flow;
        at = i;
      }
    } else if ((c === "]" || c === "}") && flow > 0) flow--;
    else if (i === lineStart) {
      let j = i;
      while (text[j] === " " || text[j] === "-") j++;
      if (j - i > maxIndent) {
        maxIndent = j - i;
        indentAt = i;
      }
    }
  }
  // Block nesting needs at least one column per level.
  return max >= maxIndent ? { depth: max, offset: at } : { depth: maxIndent, offset: indentAt };
}

/**
 * The first map entry Docker could not load: a key that is a list or map (`? [a, b]: x`; a
 * compose key is text), or a merge (`<<: value`) of something that is not a map.
 */
function badEntry(doc: Document.Parsed): { code: string; message: string; node: Node } | undefined {
  let found: { code: string; message: string; node: Node } | undefined;
  visit(doc, {
    Pair(_key, pair) {
      const key = pair.key as Node | null;
      if (isCollection(isAlias(key) ? resolveAlias(doc, key) : key)) {
        found = { code: "COMPLEX_KEY", message: "a map key must be a plain value (text or a number), not a list or a map", node: key! };
        return visit.BREAK;
      }
      if (!isMergePair(pair)) return undefined;
      const value = pair.value as Node | null;
      const target = isAlias(value) ? resolveAlias(doc, value) : value;
      const sources = isSeq(target) ? target.items : [value];
      const bad = sources.find((s) => !isMap(isAlias(s) ? resolveAlias(doc, s) : s));
      if (bad === undefined) return undefined;
      const node = (bad as Node | null) ?? value ?? (pair.key as Node);
      found = { code: "BAD_MERGE", message: "`<<` merges maps only: its value must be a map, an alias of a map, or a list of those", node };
      return visit.BREAK;
    },
  });
  return found;
}

/**
 * Node count with every alias expanded, memoised per node so bombs are measured, not built.
 * Aliases that cannot be expanded are returned instead: one inside the node its anchor names
 * (`a: &x {b: *x}` never ends) and one whose anchor is not defined before it.
 */
function expandedSize(root: Node): { size: number; cycle?: Alias; unknown?: Alias } {
  const memo = new Map<unknown, number>();
  const anchors = new Map<string, unknown>();
  const open = new Set<unknown>();
  const found: { cycle?: Alias; unknown?: Alias } = {};
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
        if (total > MAX_EXPANDED_NODES) break;
      }
      open.delete(node);
    }
    memo.set(node, total);
    return total;
  };
  return { size: size(root), ...found };
}
