/**
 * Finding the reads of the chosen variables in one parsed source file and the edit for each:
 *
 *     process.env.A, process.env["A"]       → readSecretEnv("A")
 *     const { A, B: b = "x", OTHER } = process.env
 *       → … = Object.assign({}, process.env, { A: readSecretEnv("A"), B: readSecretEnv("B") })
 *
 * A destructuring keeps its pattern — names, defaults, order, rest — and gets an object in
 * which the variables are read through the helper; a default still applies exactly when the
 * value is undefined. `Object.assign` rather than `{ ...process.env, A: … }` because TypeScript
 * drops process.env's index signature from such a spread, so `OTHER` would no longer type-check.
 * When every name in the pattern is rewritten, the object holds just those: `{ A: … }`.
 * Writes (`process.env.A = …`, `delete`, `++`) are not reads and stay. What cannot be decided
 * from the text — computed keys, spreads, `process.env` passed on as a whole — is reported.
 *
 * `process` is Node's only where that is provable (process-scope.ts): `process["env"]`,
 * `globalThis.process.env`, `require("process").env` and an imported or `const` alias are
 * rewritten too; a local binding named `process` (a parameter, say) is reported, not rewritten.
 *
 * Only syntax is used (no type checker): an edit replaces one node's text and nothing else.
 */
import type { ts as TS } from "ts-morph";
import type { TextEdit } from "./edits.js";
import { ProcessScope } from "./process-scope.js";
import { isAssignTarget, isObjectAssign, isWrite, memberKey, patternEntries, patternOf, propertyKey, skipParentheses, unwrap, type Pattern } from "./syntax.js";

export interface Note {
  /** Offset in the file's text. */
  pos: number;
  message: string;
}

export interface ReadAnalysis {
  edits: TextEdit[];
  notes: Note[];
  /** How many reads the edits rewrite. */
  reads: number;
}

export interface ReadOptions {
  variables: ReadonlySet<string>;
  /** The variables the file's text names (uses of the env object as a whole are reported only then). */
  mentioned: readonly string[];
  /** The helper's name in this file. */
  helper: string;
  /** Quote for new string literals. */
  quote: string;
  /** Whether `import.meta.env` is read at run time here (Bun) rather than replaced at build time. */
  importMetaAtRuntime: boolean;
}

export function analyzeReads(ts: typeof TS, sf: TS.SourceFile, options: ReadOptions): ReadAnalysis {
  const collector = new ReadCollector(ts, sf, options);
  const visit = (node: TS.Node): void => {
    const kind = collector.envKind(node);
    if (kind) collector.use(node as EnvAccess, kind);
    else {
      collector.otherRoute(node);
      ts.forEachChild(node, visit);
    }
  };
  visit(sf);
  return collector.result;
}

/** `X.env` or `X["env"]`. */
type EnvAccess = TS.PropertyAccessExpression | TS.ElementAccessExpression;

class ReadCollector {
  readonly result: ReadAnalysis = { edits: [], notes: [], reads: 0 };
  readonly #ts: typeof TS;
  readonly #sf: TS.SourceFile;
  readonly #options: ReadOptions;
  #scope?: ProcessScope;

  constructor(ts: typeof TS, sf: TS.SourceFile, options: ReadOptions) {
    this.#ts = ts;
    this.#sf = sf;
    this.#options = options;
  }

  /** Worked out on first use: most files have one kind of `process.env` and no local `process`. */
  get #processScope(): ProcessScope {
    this.#scope ??= new ProcessScope(this.#ts, this.#sf);
    return this.#scope;
  }

  /** `process.env` (any provable spelling of it) or `import.meta.env`; a local `process` in its place is reported. */
  envKind(node: TS.Node): "process" | "import-meta" | undefined {
    const ts = this.#ts;
    let key: string | undefined;
    if (ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.name)) key = node.name.text;
    else if (ts.isElementAccessExpression(node)) key = memberKey(ts, node);
    if (key !== "env") return undefined;
    const object = (node as EnvAccess).expression;
    if (ts.isMetaProperty(object) && object.keywordToken === ts.SyntaxKind.ImportKeyword && object.name.text === "meta") {
      return ts.isPropertyAccessExpression(node) ? "import-meta" : undefined;
    }
    const answer = this.#processScope.processOf(object);
    if (answer?.kind === "global") return "process";
    if (answer?.kind === "local") this.#local(node as EnvAccess, answer.name, answer.what);
    return undefined;
  }

  /** `process.env` where `process` is a local binding: what it holds is not known, so reads through it are reported. */
  #local(env: EnvAccess, name: string, what: string): void {
    const ts = this.#ts;
    const outer = skipParentheses(ts, env);
    const parent = outer.parent;
    const member = (ts.isPropertyAccessExpression(parent) || ts.isElementAccessExpression(parent)) && parent.expression === outer ? memberKey(ts, parent) : undefined;
    const names = member !== undefined ? (this.#options.variables.has(member) ? [member] : []) : this.#options.mentioned;
    if (names.length === 0 || isWrite(ts, outer)) return;
    const why = name === "process" ? `process here is ${what}, not Node's process object` : `${name} is ${what}, which may no longer hold Node's process object`;
    this.#note(env, `${why}; reads of ${this.#variableList(names)} through ${this.#text(env)} are not rewritten (read ${names.length === 1 ? "it" : "them"} with ${this.#options.helper}(${this.#literal(names[0])}) where it is Node's process)`);
  }

  /** One occurrence of the env object: a read, a destructuring, or a use to report. */
  use(env: EnvAccess, kind: "process" | "import-meta"): void {
    const ts = this.#ts;
    const outer = skipParentheses(ts, env);
    const parent = outer.parent;
    if ((ts.isPropertyAccessExpression(parent) || ts.isElementAccessExpression(parent)) && parent.expression === outer) {
      this.#member(parent, kind);
      return;
    }
    const pattern = patternOf(ts, outer);
    if (pattern) {
      this.#destructure(outer, pattern, kind);
      return;
    }
    const rewritten = this.#rewritten(outer);
    if (rewritten) {
      this.#extend(rewritten.overrides, rewritten.pattern, kind);
      return;
    }
    if (ts.isSpreadAssignment(parent) || ts.isSpreadElement(parent)) {
      this.#note(parent, `...${this.#text(env)} copies every variable, ${this.#variableList(this.#options.variables, "and")} included, without reading their _FILE; not rewritten: where the copy is read, read ${this.#plural()} with ${this.#options.helper}("NAME") instead`);
      return;
    }
    if (isWrite(ts, outer) || isAssignTarget(ts, outer)) return;
    this.#whole(env, outer);
  }

  /**
   * process.env reached another way — `const { env } = process`, `import { env } from
   * "node:process"` — in a file that names a variable: reads through it are reported.
   */
  otherRoute(node: TS.Node): void {
    const ts = this.#ts;
    if (this.#options.mentioned.length === 0) return;
    const fromProcess = ts.isIdentifier(node) && node.text === "process" && this.#processScope.processOf(node)?.kind === "global" && patternOf(ts, node);
    const hasEnv = fromProcess && patternEntries(ts, fromProcess).some((e) => e.key === "env");
    const imported =
      ts.isImportDeclaration(node) &&
      ts.isStringLiteral(node.moduleSpecifier) &&
      ["process", "node:process"].includes(node.moduleSpecifier.text) &&
      node.importClause?.namedBindings !== undefined &&
      ts.isNamedImports(node.importClause.namedBindings) &&
      node.importClause.namedBindings.elements.some((e) => (e.propertyName ?? e.name).text === "env");
    if (hasEnv || imported) {
      const how = hasEnv ? "destructured from process" : `imported from ${this.#text((node as TS.ImportDeclaration).moduleSpecifier)}`;
      this.#note(node, `env is ${how} here; reads of ${this.#variableList(this.#options.mentioned)} through it are not rewritten (use process.env.NAME, or ${this.#options.helper}("NAME"))`);
    }
  }

  /** `env.NAME` or `env[key]`. */
  #member(access: TS.PropertyAccessExpression | TS.ElementAccessExpression, kind: "process" | "import-meta"): void {
    const ts = this.#ts;
    const key = memberKey(ts, access);
    if (key === undefined) {
      if (!isWrite(ts, access)) this.#dynamic(access, (access as TS.ElementAccessExpression).argumentExpression);
      return;
    }
    if (!this.#options.variables.has(key) || isWrite(ts, access)) return;
    if (kind === "import-meta" && !this.#options.importMetaAtRuntime) {
      this.#buildTime(access, key);
      return;
    }
    const argument = ts.isElementAccessExpression(access) ? this.#text(access.argumentExpression) : this.#literal(key);
    this.#replace(access, `${this.#options.helper}(${argument})`);
    this.result.reads += 1;
  }

  /** `const { A, B: b = "x", OTHER } = env` (or its rewritten form, when more names are asked for). */
  #destructure(init: TS.Node, pattern: Pattern, kind: "process" | "import-meta"): void {
    const entries = patternEntries(this.#ts, pattern);
    const targets = [...new Set(entries.flatMap((e) => (e.key !== undefined && this.#options.variables.has(e.key) ? [e.key] : [])))];
    if (entries.some((e) => e.computed)) this.#dynamic(init, undefined);
    if (targets.length === 0) return;
    if (kind === "import-meta" && !this.#options.importMetaAtRuntime) {
      for (const key of targets) this.#buildTime(init, key);
      return;
    }
    const envText = this.#text(unwrap(this.#ts, init));
    const complete = entries.every((e) => !e.rest && !e.computed && e.key !== undefined && this.#options.variables.has(e.key));
    const overrides = `{ ${targets.map((k) => this.#property(k)).join(", ")} }`;
    this.#replace(init, complete ? overrides : `Object.assign({}, ${envText}, ${overrides})`);
    this.result.reads += targets.length;
  }

  /**
   * `Object.assign({}, env, { A: readSecretEnv("A") })` as #destructure writes it, destructured:
   * a later run with more names adds the missing ones to the last object.
   */
  #rewritten(env: TS.Node): { overrides: TS.ObjectLiteralExpression; pattern: Pattern } | undefined {
    const ts = this.#ts;
    const call = env.parent;
    if (!ts.isCallExpression(call) || !isObjectAssign(ts, call) || call.arguments.length !== 3 || call.arguments[1] !== env) return undefined;
    const [target, , overrides] = call.arguments;
    if (!ts.isObjectLiteralExpression(target) || target.properties.length > 0 || !ts.isObjectLiteralExpression(overrides)) return undefined;
    const helperCalls = overrides.properties.every(
      (p) => ts.isPropertyAssignment(p) && ts.isCallExpression(p.initializer) && ts.isIdentifier(p.initializer.expression) && p.initializer.expression.text === this.#options.helper,
    );
    const pattern = patternOf(ts, skipParentheses(ts, call));
    return helperCalls && pattern ? { overrides, pattern } : undefined;
  }

  #extend(overrides: TS.ObjectLiteralExpression, pattern: Pattern, kind: "process" | "import-meta"): void {
    const ts = this.#ts;
    const present = new Set(overrides.properties.flatMap((p) => (ts.isPropertyAssignment(p) ? [propertyKey(ts, p.name) ?? ""] : [])));
    const missing = [...new Set(patternEntries(ts, pattern).flatMap((e) => (e.key !== undefined && this.#options.variables.has(e.key) && !present.has(e.key) ? [e.key] : [])))];
    if (missing.length === 0 || (kind === "import-meta" && !this.#options.importMetaAtRuntime)) return;
    const last = overrides.properties[overrides.properties.length - 1];
    const added = missing.map((k) => this.#property(k)).join(", ");
    if (last) this.result.edits.push({ start: last.end, end: last.end, text: `, ${added}` });
    else this.#replace(overrides, `{ ${added} }`);
    this.result.reads += missing.length;
  }

  /** `env` passed on, assigned, returned or inspected: reads through it cannot be followed. */
  #whole(env: TS.Node, outer: TS.Node): void {
    const ts = this.#ts;
    const { mentioned, helper } = this.#options;
    if (mentioned.length === 0) return;
    const parent = outer.parent;
    if (ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.InKeyword && parent.right === outer) {
      const key = ts.isStringLiteralLike(parent.left) ? parent.left.text : undefined;
      if (key === undefined || this.#options.variables.has(key)) {
        const name = key ?? "NAME";
        this.#note(parent, `${this.#text(parent)} is false when only ${name}_FILE is set; not rewritten: test ${helper}(${this.#literal(name)}) !== undefined instead`);
      }
      return;
    }
    this.#note(env, `${this.#text(env)} is used as a whole here (passed on, assigned or inspected); reads of ${this.#variableList(mentioned)} through it are not rewritten`);
  }

  #dynamic(at: TS.Node, key: TS.Expression | undefined): void {
    const shown = key ? `${this.#text(unwrap(this.#ts, (at as TS.ElementAccessExpression).expression))}[${truncate(this.#text(key))}]` : "a computed key in this destructuring";
    const names = this.#variableList(this.#options.variables);
    this.#note(at, `${shown} reads a name only known at run time, which may be ${names}; not rewritten: if it can be one of them, read it with ${this.#options.helper}(name) (the helper takes any name)`);
  }

  #buildTime(at: TS.Node, key: string): void {
    this.#note(
      at,
      `import.meta.env.${key} is replaced at build time (Vite and frameworks built on it), while a Docker secret exists only at run time; ` +
        `not rewritten: read ${key} in server code with ${this.#options.helper}(${this.#literal(key)})`,
    );
  }

  #property(key: string): string {
    return `${key}: ${this.#options.helper}(${this.#literal(key)})`;
  }

  #literal(key: string): string {
    return `${this.#options.quote}${key}${this.#options.quote}`;
  }

  #variableList(names: Iterable<string>, conjunction = "or"): string {
    const list = [...names];
    return list.length === 1 ? list[0] : `${list.slice(0, -1).join(", ")} ${conjunction} ${list[list.length - 1]}`;
  }

  #plural(): string {
    return this.#options.variables.size === 1 ? "it" : "them";
  }

  #replace(node: TS.Node, text: string): void {
    this.result.edits.push({ start: node.getStart(this.#sf), end: node.end, text });
  }

  #note(node: TS.Node, message: string): void {
    const pos = node.getStart(this.#sf);
    if (!this.result.notes.some((n) => n.pos === pos && n.message === message)) this.result.notes.push({ pos, message });
  }

  #text(node: TS.Node): string {
    return node.getText(this.#sf);
  }
}

function truncate(text: string): string {
  const flat = text.replace(/\s+/g, " ");
  return flat.length > 40 ? `${flat.slice(0, 37)}...` : flat;
}
