/**
 * Which expressions of one file are Node's `process` object, judged from syntax alone (no type
 * checker): the codemod rewrites reads of `process.env` only where the `process` is provably
 * the global one, and reports the places where a local binding named `process` stands in for
 * it. Provably Node's `process`:
 *
 *     process                       (no binding of that name in an enclosing scope)
 *     globalThis.process, global.process, globalThis["process"]
 *     require("process"), require("node:process")
 *     proc, after  import proc from "node:process"  |  import * as proc from "process"
 *                  import proc = require("process")  |  const proc = <any of the above>
 *
 * A binding is found the way JavaScript finds it: the nearest enclosing scope that declares the
 * name (parameters, `var` in its function, `let`/`const`/`class` in their block, imports in the
 * module, a catch clause's variable, a function expression's own name). A function declared in
 * a block counts for its whole function, and a `let`/`var` alias that could be reassigned is
 * not trusted: both err on the side of reporting.
 */
import type { ts as TS } from "ts-morph";

const PROCESS_MODULES = new Set(["process", "node:process"]);
const GLOBAL_OBJECTS = new Set(["globalThis", "global"]);

interface Binding {
  /** The node whose extent the binding covers. */
  scope: TS.Node;
  /** How the binding is declared, for messages ("a parameter"). */
  what: string;
  /** The module `import x from "…"` names, or the `const`'s initializer, when they may make it `process`. */
  importFrom?: string;
  initializer?: TS.Expression;
  constant: boolean;
}

/** What an expression is: provably Node's `process`, a local binding in its place, or neither. */
export type ProcessAnswer = { kind: "global" } | { kind: "local"; name: string; what: string } | undefined;

export class ProcessScope {
  readonly #ts: typeof TS;
  readonly #bindings = new Map<string, Binding[]>();
  readonly #aliases = new Map<Binding, boolean>();

  constructor(ts: typeof TS, sf: TS.SourceFile) {
    this.#ts = ts;
    const visit = (node: TS.Node): void => {
      this.#declare(node);
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }

  /** `env` of `X.env` / `X["env"]`: whether X is Node's `process`. */
  processOf(expression: TS.Expression): ProcessAnswer {
    return this.#answer(expression, new Set());
  }

  #answer(expression: TS.Expression, visiting: Set<Binding>): ProcessAnswer {
    const ts = this.#ts;
    const e = stripExpression(ts, expression);
    if (ts.isIdentifier(e)) {
      const binding = this.#resolve(e);
      if (!binding) return e.text === "process" ? { kind: "global" } : undefined;
      if (this.#isAlias(binding, visiting)) return { kind: "global" };
      // One named `process` that hides it, or a `let`/`var` that held it once and may not any more.
      const mayBe = !binding.constant && binding.initializer !== undefined && this.#answer(binding.initializer, new Set([...visiting, binding]))?.kind === "global";
      return e.text === "process" || mayBe ? { kind: "local", name: e.text, what: binding.what } : undefined;
    }
    if (ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e)) {
      const key = ts.isPropertyAccessExpression(e) ? e.name.text : stringKey(ts, e.argumentExpression);
      const object = stripExpression(ts, e.expression);
      if (key === "process" && ts.isIdentifier(object) && GLOBAL_OBJECTS.has(object.text) && !this.#resolve(object)) return { kind: "global" };
      return undefined;
    }
    if (ts.isCallExpression(e) && ts.isIdentifier(e.expression) && e.expression.text === "require" && !this.#resolve(e.expression)) {
      const [argument] = e.arguments;
      if (e.arguments.length === 1 && argument && ts.isStringLiteralLike(argument) && PROCESS_MODULES.has(argument.text)) return { kind: "global" };
    }
    return undefined;
  }

  /** An import of the process module, or a `const` holding provably Node's `process`. */
  #isAlias(binding: Binding, visiting: Set<Binding>): boolean {
    const known = this.#aliases.get(binding);
    if (known !== undefined) return known;
    if (visiting.has(binding)) return false;
    let alias = binding.importFrom !== undefined && PROCESS_MODULES.has(binding.importFrom);
    if (!alias && binding.constant && binding.initializer) alias = this.#answer(binding.initializer, new Set([...visiting, binding]))?.kind === "global";
    this.#aliases.set(binding, alias);
    return alias;
  }

  /** The binding `id` refers to: the one declared in its nearest enclosing scope, or none (a global). */
  #resolve(id: TS.Identifier): Binding | undefined {
    const candidates = this.#bindings.get(id.text);
    if (!candidates) return undefined;
    for (let at: TS.Node | undefined = id.parent; at; at = at.parent) {
      const found = candidates.find((b) => b.scope === at);
      if (found) return found;
    }
    return undefined;
  }

  #add(name: TS.BindingName | undefined, binding: Binding): void {
    if (!name) return;
    for (const id of boundNames(this.#ts, name)) {
      const list = this.#bindings.get(id.text) ?? [];
      list.push(binding);
      this.#bindings.set(id.text, list);
    }
  }

  #declare(node: TS.Node): void {
    const ts = this.#ts;
    if (ts.isVariableDeclaration(node)) {
      if (ts.isCatchClause(node.parent)) {
        this.#add(node.name, { scope: node.parent, what: "a catch clause's variable", constant: false });
        return;
      }
      const blockScoped = (ts.getCombinedNodeFlags(node) & ts.NodeFlags.BlockScoped) !== 0;
      const constant = (ts.getCombinedNodeFlags(node) & ts.NodeFlags.Const) !== 0;
      const what = constant ? "a local const" : blockScoped ? "a local let" : "a local var";
      const scope = blockScoped ? blockScope(ts, node) : functionScope(ts, node);
      this.#add(node.name, { scope, what, constant, initializer: ts.isIdentifier(node.name) ? node.initializer : undefined });
    } else if (ts.isParameter(node)) {
      this.#add(node.name, { scope: node.parent, what: "a parameter", constant: false });
    } else if ((ts.isFunctionExpression(node) || ts.isClassExpression(node)) && node.name) {
      this.#add(node.name, { scope: node, what: "the function's own name", constant: false });
    } else if (ts.isFunctionDeclaration(node) && node.name) {
      this.#add(node.name, { scope: functionScope(ts, node), what: "a local function", constant: false });
    } else if ((ts.isClassDeclaration(node) || ts.isEnumDeclaration(node)) && node.name) {
      this.#add(node.name, { scope: blockScope(ts, node), what: "a local class or enum", constant: false });
    } else if (ts.isModuleDeclaration(node) && ts.isIdentifier(node.name)) {
      this.#add(node.name, { scope: blockScope(ts, node), what: "a namespace", constant: false });
    } else if (ts.isImportClause(node)) {
      const from = moduleOf(ts, node.parent.moduleSpecifier);
      this.#add(node.name, { scope: node.getSourceFile(), what: "an import", constant: true, importFrom: from });
      const bindings = node.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) this.#add(bindings.name, { scope: node.getSourceFile(), what: "an import", constant: true, importFrom: from });
      if (bindings && ts.isNamedImports(bindings)) {
        for (const element of bindings.elements) {
          const imported = (element.propertyName ?? element.name).text;
          this.#add(element.name, { scope: node.getSourceFile(), what: "an import", constant: true, importFrom: imported === "default" ? from : undefined });
        }
      }
    } else if (ts.isImportEqualsDeclaration(node)) {
      const reference = node.moduleReference;
      const from = ts.isExternalModuleReference(reference) ? moduleOf(ts, reference.expression) : undefined;
      this.#add(node.name, { scope: node.getSourceFile(), what: "an import", constant: true, importFrom: from });
    }
  }
}

/** `(x)`, `x!`, `x as T`, `<T>x`, `x satisfies T`: the expression inside. */
function stripExpression(ts: typeof TS, node: TS.Expression): TS.Expression {
  let current = node;
  for (;;) {
    if (ts.isParenthesizedExpression(current) || ts.isNonNullExpression(current) || ts.isAsExpression(current) || ts.isTypeAssertionExpression(current) || ts.isSatisfiesExpression(current)) {
      current = current.expression;
    } else return current;
  }
}

function stringKey(ts: typeof TS, argument: TS.Expression): string | undefined {
  const e = stripExpression(ts, argument);
  return ts.isStringLiteralLike(e) ? e.text : undefined;
}

function moduleOf(ts: typeof TS, specifier: TS.Node): string | undefined {
  return ts.isStringLiteralLike(specifier) ? specifier.text : undefined;
}

/** Every identifier a declaration's name binds (`a`, or each name inside `{ a, b: [c] }`). */
function boundNames(ts: typeof TS, name: TS.BindingName): TS.Identifier[] {
  if (ts.isIdentifier(name)) return [name];
  return name.elements.flatMap((element) => (ts.isBindingElement(element) ? boundNames(ts, element.name) : []));
}

function isFunctionLike(ts: typeof TS, node: TS.Node): boolean {
  return ts.isFunctionLike(node) || ts.isClassStaticBlockDeclaration(node);
}

/** Where `var` (and a function declaration) is visible: the nearest function, namespace or file. */
function functionScope(ts: typeof TS, node: TS.Node): TS.Node {
  for (let at = node.parent; at; at = at.parent) {
    if (isFunctionLike(ts, at) || ts.isSourceFile(at) || ts.isModuleBlock(at)) return at;
  }
  return node.getSourceFile();
}

/** Where `let`, `const` and `class` are visible: the nearest block, loop head, function or file. */
function blockScope(ts: typeof TS, node: TS.Node): TS.Node {
  for (let at = node.parent; at; at = at.parent) {
    if (ts.isBlock(at) || ts.isCaseBlock(at) || ts.isModuleBlock(at) || ts.isSourceFile(at)) return at;
    if (ts.isForStatement(at) || ts.isForInStatement(at) || ts.isForOfStatement(at)) return at;
    if (isFunctionLike(ts, at)) return at;
  }
  return node.getSourceFile();
}
