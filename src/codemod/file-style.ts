/**
 * How a source file writes what the codemod adds to it, read from the file itself so new code
 * looks like the code around it: quotes, semicolons, line endings, `import` or `require`, and
 * whether its relative imports carry an extension.
 */
import path from "node:path";
import type { ts as TS } from "ts-morph";

export type ModuleSyntax = "import" | "require";

/** How the file's own relative imports end: `./x`, `./x.js` or `./x.ts`. */
export type ExtensionStyle = "none" | "js" | "ts";

export interface FileStyle {
  quote: string;
  semicolon: string;
  eol: string;
}

const TS_EXTENSIONS = new Set([".ts", ".tsx", ".mts", ".cts"]);
const JS_EXTENSIONS = new Set([".js", ".jsx", ".mjs", ".cjs"]);

export function isTypeScript(file: string): boolean {
  return TS_EXTENSIONS.has(path.extname(file));
}

export function fileStyle(ts: typeof TS, sf: TS.SourceFile): FileStyle {
  return { quote: quoteOf(ts, sf), semicolon: semicolonOf(ts, sf), eol: sf.text.includes("\r\n") ? "\r\n" : "\n" };
}

/** The quote of the file's first string literal (`"` when it has none). */
function quoteOf(ts: typeof TS, sf: TS.SourceFile): string {
  let quote: string | undefined;
  const visit = (node: TS.Node): void => {
    if (quote) return;
    if (ts.isStringLiteral(node)) quote = sf.text[node.getStart(sf)];
    else ts.forEachChild(node, visit);
  };
  visit(sf);
  return quote === "'" ? "'" : '"';
}

/** `;` unless the file's first import, require or expression statement ends without one. */
function semicolonOf(ts: typeof TS, sf: TS.SourceFile): string {
  const statement = sf.statements.find((s) => ts.isImportDeclaration(s) || ts.isVariableStatement(s) || ts.isExpressionStatement(s));
  return statement && !statement.getText(sf).endsWith(";") ? "" : ";";
}

/**
 * `import` for TypeScript (it compiles to either module system) and for JavaScript with
 * import/export statements; `require` for JavaScript that calls require or sets exports;
 * otherwise what the extension or package.json `type` says.
 */
export function moduleSyntax(ts: typeof TS, sf: TS.SourceFile, file: string, packageType: "module" | "commonjs"): ModuleSyntax {
  const ext = path.extname(file);
  if (TS_EXTENSIONS.has(ext) || ext === ".mjs") return "import";
  if (ext === ".cjs") return "require";
  if (sf.statements.some((s) => ts.isImportDeclaration(s) || ts.isExportDeclaration(s) || ts.isExportAssignment(s) || hasExportModifier(ts, s))) return "import";
  if (/\brequire\s*\(|\bmodule\.exports\b|\bexports\.\w/.test(sf.text)) return "require";
  return packageType === "module" ? "import" : "require";
}

function hasExportModifier(ts: typeof TS, statement: TS.Statement): boolean {
  return ts.canHaveModifiers(statement) && (ts.getModifiers(statement) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
}

/** The extension style most of the file's relative imports use, or undefined when it has none. */
export function extensionStyle(ts: typeof TS, sf: TS.SourceFile): ExtensionStyle | undefined {
  const counts: Record<ExtensionStyle, number> = { none: 0, js: 0, ts: 0 };
  for (const specifier of moduleSpecifiers(ts, sf)) {
    if (!specifier.startsWith("./") && !specifier.startsWith("../")) continue;
    const ext = path.posix.extname(specifier);
    if (ext === "") counts.none++;
    else if (JS_EXTENSIONS.has(ext)) counts.js++;
    else if (TS_EXTENSIONS.has(ext)) counts.ts++;
  }
  const best = (["js", "ts", "none"] as const).reduce((a, b) => (counts[b] > counts[a] ? b : a));
  return counts[best] > 0 ? best : undefined;
}

/** Specifiers of the file's top-level imports, re-exports and `require("…")` declarations. */
export function moduleSpecifiers(ts: typeof TS, sf: TS.SourceFile): string[] {
  const out: string[] = [];
  for (const s of sf.statements) {
    if ((ts.isImportDeclaration(s) || ts.isExportDeclaration(s)) && s.moduleSpecifier && ts.isStringLiteral(s.moduleSpecifier)) out.push(s.moduleSpecifier.text);
    else if (ts.isImportEqualsDeclaration(s) && ts.isExternalModuleReference(s.moduleReference) && ts.isStringLiteral(s.moduleReference.expression)) {
      out.push(s.moduleReference.expression.text);
    } else if (ts.isVariableStatement(s)) {
      for (const d of s.declarationList.declarations) {
        const spec = d.initializer && requiredModule(ts, d.initializer);
        if (spec !== undefined) out.push(spec);
      }
    }
  }
  return out;
}

/** `require("x")` (or `require("x").y`) → "x". */
export function requiredModule(ts: typeof TS, expression: TS.Expression): string | undefined {
  let current = expression;
  while (ts.isPropertyAccessExpression(current)) current = current.expression;
  if (!ts.isCallExpression(current) || !ts.isIdentifier(current.expression) || current.expression.text !== "require") return undefined;
  const [arg] = current.arguments;
  return arg && ts.isStringLiteralLike(arg) ? arg.text : undefined;
}
