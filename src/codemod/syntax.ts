/**
 * Questions about the syntax tree that the read analysis asks: where parentheses end, which
 * name a member access or a destructuring takes, and whether an expression is written to
 * rather than read. Syntax only — no type checker is involved.
 */
import type { ts as TS } from "ts-morph";

/** What a destructuring takes apart: `const { … } = x` or `({ … } = x)`. */
export type Pattern = TS.ObjectBindingPattern | TS.ObjectLiteralExpression;

export interface PatternEntry {
  key?: string;
  rest: boolean;
  /** A computed key (`[name]: x`) that is not a literal. */
  computed: boolean;
}

/** The outermost of `(((node)))`. */
export function skipParentheses(ts: typeof TS, node: TS.Node): TS.Node {
  let current = node;
  while (ts.isParenthesizedExpression(current.parent)) current = current.parent;
  return current;
}

/** The expression inside any parentheses. */
export function unwrap(ts: typeof TS, node: TS.Node): TS.Node {
  let current = node;
  while (ts.isParenthesizedExpression(current)) current = current.expression;
  return current;
}

/** The name an `env.NAME` / `env["NAME"]` reads, or undefined for a computed one. */
export function memberKey(ts: typeof TS, access: TS.PropertyAccessExpression | TS.ElementAccessExpression): string | undefined {
  if (ts.isPropertyAccessExpression(access)) return ts.isIdentifier(access.name) ? access.name.text : undefined;
  const argument = unwrap(ts, access.argumentExpression);
  return ts.isStringLiteralLike(argument) ? argument.text : undefined;
}

/** The object pattern `init` is destructured into, if any. */
export function patternOf(ts: typeof TS, init: TS.Node): Pattern | undefined {
  const parent = init.parent;
  if ((ts.isVariableDeclaration(parent) || ts.isParameter(parent) || ts.isBindingElement(parent)) && parent.initializer === init) {
    return ts.isObjectBindingPattern(parent.name) ? parent.name : undefined;
  }
  if (ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken && parent.right === init) {
    const left = unwrap(ts, parent.left);
    return ts.isObjectLiteralExpression(left) ? left : undefined;
  }
  return undefined;
}

export function patternEntries(ts: typeof TS, pattern: Pattern): PatternEntry[] {
  if (ts.isObjectBindingPattern(pattern)) {
    return pattern.elements.map((e) => {
      if (e.dotDotDotToken) return { rest: true, computed: false };
      const key = e.propertyName ? propertyKey(ts, e.propertyName) : ts.isIdentifier(e.name) ? e.name.text : undefined;
      return { key, rest: false, computed: key === undefined };
    });
  }
  return pattern.properties.map((p) => {
    if (ts.isSpreadAssignment(p)) return { rest: true, computed: false };
    const key = p.name ? propertyKey(ts, p.name) : undefined;
    return { key, rest: false, computed: key === undefined };
  });
}

export function propertyKey(ts: typeof TS, name: TS.PropertyName): string | undefined {
  if (ts.isIdentifier(name) || ts.isStringLiteralLike(name) || ts.isNumericLiteral(name)) return name.text;
  if (ts.isComputedPropertyName(name)) {
    const expression = unwrap(ts, name.expression);
    return ts.isStringLiteralLike(expression) ? expression.text : undefined;
  }
  return undefined;
}

/** Assignment, compound assignment, `delete`, `++`/`--`, or the target of a destructuring assignment or for-in/of. */
export function isWrite(ts: typeof TS, node: TS.Node): boolean {
  let current = node;
  while (ts.isParenthesizedExpression(current.parent) || ts.isNonNullExpression(current.parent)) current = current.parent;
  const parent = current.parent;
  if (ts.isBinaryExpression(parent)) {
    const op = parent.operatorToken.kind;
    return parent.left === current && op >= ts.SyntaxKind.FirstAssignment && op <= ts.SyntaxKind.LastAssignment;
  }
  if (ts.isDeleteExpression(parent)) return true;
  if (ts.isPrefixUnaryExpression(parent) || ts.isPostfixUnaryExpression(parent)) {
    return parent.operator === ts.SyntaxKind.PlusPlusToken || parent.operator === ts.SyntaxKind.MinusMinusToken;
  }
  if (ts.isForInStatement(parent) || ts.isForOfStatement(parent)) return parent.initializer === current;
  if (ts.isPropertyAssignment(parent) || ts.isShorthandPropertyAssignment(parent) || ts.isSpreadAssignment(parent)) return isWrite(ts, parent.parent);
  if (ts.isArrayLiteralExpression(parent) || ts.isSpreadElement(parent)) return isWrite(ts, parent);
  return false;
}

/** `Object.assign(process.env, …)`: the env object written to, not read. */
export function isAssignTarget(ts: typeof TS, node: TS.Node): boolean {
  const call = node.parent;
  return ts.isCallExpression(call) && call.arguments[0] === node && isObjectAssign(ts, call);
}

export function isObjectAssign(ts: typeof TS, call: TS.CallExpression): boolean {
  const callee = call.expression;
  return ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && callee.expression.text === "Object" && callee.name.text === "assign";
}
