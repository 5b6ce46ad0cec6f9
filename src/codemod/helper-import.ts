/**
 * The import of the helper in a rewritten file: an existing one is reused (whatever it is named
 * locally), otherwise one line is added after the file's last import (or `require`), or at the
 * top below a header comment and directives.
 *
 * The specifier is relative and written the way the file's own relative imports are: with
 * `.js` when they use `.js` (the compiled name of a `.ts` helper), with `.ts` when they use
 * `.ts`, without an extension when they use none. A file without relative imports gets `.js`
 * where Node resolves it (see `defaultExtensionStyle` in plan.ts) and no extension elsewhere.
 * A `.mjs`/`.cjs` helper is always named with its extension, since no resolver adds those.
 */
import path from "node:path";
import type { ts as TS } from "ts-morph";
import type { TextEdit } from "./edits.js";
import { requiredModule, type ExtensionStyle, type FileStyle, type ModuleSyntax } from "./file-style.js";
import { HELPER_BASENAME, HELPER_FUNCTION } from "./names.js";

const RUNTIME_EXTENSION: Record<string, string> = { ".ts": ".js", ".mts": ".mjs", ".cts": ".cjs" };

/**
 * The local name of the helper when the file already imports it, from a `read-secret-env`
 * module or from the `--helper` file.
 */
export function existingHelperBinding(ts: typeof TS, sf: TS.SourceFile, helperFlag?: string): string | undefined {
  const isHelperSpecifier = (specifier: string) => {
    if (!specifier.startsWith("./") && !specifier.startsWith("../")) return false;
    const target = withoutExtension(path.resolve(path.dirname(sf.fileName), specifier));
    return path.basename(target) === HELPER_BASENAME || (helperFlag !== undefined && target === withoutExtension(helperFlag));
  };
  for (const s of sf.statements) {
    if (ts.isImportDeclaration(s) && ts.isStringLiteral(s.moduleSpecifier) && isHelperSpecifier(s.moduleSpecifier.text)) {
      const named = s.importClause?.namedBindings;
      const element = named && ts.isNamedImports(named) ? named.elements.find((e) => (e.propertyName ?? e.name).text === HELPER_FUNCTION) : undefined;
      if (element) return element.name.text;
    }
    if (ts.isVariableStatement(s)) {
      for (const d of s.declarationList.declarations) {
        const spec = d.initializer && requiredModule(ts, d.initializer);
        if (spec === undefined || !isHelperSpecifier(spec) || !ts.isObjectBindingPattern(d.name)) continue;
        const element = d.name.elements.find((e) => bindingKey(ts, e) === HELPER_FUNCTION);
        if (element && ts.isIdentifier(element.name)) return element.name.text;
      }
    }
  }
  return undefined;
}

/** The property a binding element takes: `a` in `{ a }` and in `{ a: b }`. */
function bindingKey(ts: typeof TS, element: TS.BindingElement): string | undefined {
  const key = element.propertyName ?? element.name;
  return ts.isIdentifier(key) ? key.text : undefined;
}

/** `./x.js` → `./x`; a name without a known extension stays as it is. */
function withoutExtension(file: string): string {
  const ext = path.extname(file);
  return [".js", ".jsx", ".mjs", ".cjs", ".ts", ".tsx", ".mts", ".cts"].includes(ext) ? file.slice(0, -ext.length) : file;
}

/** The relative specifier `from` uses to import `helper`, given the file's extension style. */
export function helperSpecifier(from: string, helper: string, style: ExtensionStyle): string {
  const sourceExt = path.extname(helper);
  const runtimeExt = RUNTIME_EXTENSION[sourceExt] ?? sourceExt;
  let ext: string;
  if (style === "ts") ext = sourceExt;
  else if (style === "js" || runtimeExt !== ".js") ext = runtimeExt;
  else ext = "";
  const target = helper.slice(0, helper.length - sourceExt.length) + ext;
  const relative = path.relative(path.dirname(from), target).split(path.sep).join("/");
  return relative.startsWith("../") ? relative : `./${relative}`;
}

/** The edit that adds `import { readSecretEnv } from "…"` (or the `require` form) to the file. */
export function importEdit(ts: typeof TS, sf: TS.SourceFile, syntax: ModuleSyntax, specifier: string, style: FileStyle): TextEdit {
  const { quote, semicolon, eol } = style;
  const anchor = lastImport(ts, sf, syntax);
  const source = `${quote}${specifier}${quote}`;
  const keyword = anchor && ts.isVariableStatement(anchor) ? declarationKeyword(ts, anchor) : "const";
  const line = syntax === "import" ? `import { ${HELPER_FUNCTION} } from ${source}${semicolon}` : `${keyword} { ${HELPER_FUNCTION} } = require(${source})${semicolon}`;
  if (anchor) return after(sf.text, anchor.end, `${eol}${line}`);
  return topInsertion(ts, sf, line, eol);
}

/** An insertion after `pos`, past a comment that ends the line there (it belongs to that line). */
function after(text: string, pos: number, insert: string): TextEdit {
  const lineEnd = text.indexOf("\n", pos);
  const rest = text.slice(pos, lineEnd < 0 ? text.length : lineEnd).replace(/\r$/, "");
  const at = /^[ \t]*(?:\/\/.*|\/\*(?:(?!\*\/).)*\*\/[ \t]*)?$/.test(rest) ? pos + rest.length : pos;
  return { start: at, end: at, text: insert };
}

/** The last top-level import (for `import`) or `require` declaration (for `require`). */
function lastImport(ts: typeof TS, sf: TS.SourceFile, syntax: ModuleSyntax): TS.Statement | undefined {
  const isAnchor =
    syntax === "import"
      ? (s: TS.Statement) => ts.isImportDeclaration(s) || ts.isImportEqualsDeclaration(s)
      : (s: TS.Statement) => ts.isVariableStatement(s) && s.declarationList.declarations.every((d) => d.initializer !== undefined && requiredModule(ts, d.initializer) !== undefined);
  return [...sf.statements].reverse().find(isAnchor);
}

function declarationKeyword(ts: typeof TS, statement: TS.VariableStatement): string {
  const flags = statement.declarationList.flags;
  if (flags & ts.NodeFlags.Const) return "const";
  return flags & ts.NodeFlags.Let ? "let" : "var";
}

/**
 * No import yet: after the directive prologue (`"use strict"`, `"use client"`), else after a
 * header comment (one followed by a blank line), else before the first statement and its comments.
 */
function topInsertion(ts: typeof TS, sf: TS.SourceFile, line: string, eol: string): TextEdit {
  const text = sf.text;
  const directives = sf.statements.filter((s, i) => ts.isExpressionStatement(s) && ts.isStringLiteral(s.expression) && sf.statements.slice(0, i).every((p) => ts.isExpressionStatement(p) && ts.isStringLiteral(p.expression)));
  const lastDirective = directives[directives.length - 1];
  if (lastDirective) return after(text, lastDirective.end, `${eol}${line}`);
  const shebang = ts.getShebang(text);
  const from = shebang ? text.indexOf("\n") + 1 : 0;
  const comments = ts.getLeadingCommentRanges(text, from) ?? [];
  const header = [...comments].reverse().find((c) => /\r?\n[ \t]*\r?\n/.test(text.slice(c.end, nextStart(text, c.end))));
  if (header) return { start: header.end, end: header.end, text: `${eol}${eol}${line}` };
  const start = comments[0]?.pos ?? sf.statements[0]?.getStart(sf) ?? from;
  return { start, end: start, text: `${line}${eol}${eol}` };
}

/** The offset of the next non-blank character after `from`. */
function nextStart(text: string, from: number): number {
  const match = /\S/.exec(text.slice(from));
  return match ? from + match.index : text.length;
}
