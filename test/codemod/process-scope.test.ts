/**
 * Which `X.env` reads are Node's `process.env` (issue #19 item 13): provably the global one is
 * rewritten, a local binding in its place is reported, anything else is not about process.
 */
import { ts } from "ts-morph";
import { describe, expect, it } from "vitest";
import { ProcessScope } from "../../src/codemod/process-scope.js";

/** The answer for the object of the `.env` access marked by `/*here*​/` in `source`. */
function answer(source: string): string {
  const sf = ts.createSourceFile("a.ts", source, ts.ScriptTarget.Latest, true);
  const scope = new ProcessScope(ts, sf);
  const at = source.indexOf("/*here*/") + "/*here*/".length;
  let found: ts.Expression | undefined;
  const visit = (node: ts.Node): void => {
    const isEnv = ts.isPropertyAccessExpression(node) ? node.name.text === "env" : ts.isElementAccessExpression(node) && ts.isStringLiteral(node.argumentExpression) && node.argumentExpression.text === "env";
    if (!found && isEnv && node.getStart(sf) === at) found = (node as ts.PropertyAccessExpression).expression;
    ts.forEachChild(node, visit);
  };
  visit(sf);
  if (!found) throw new Error("no access at the marker");
  const a = scope.processOf(found);
  return a === undefined ? "none" : a.kind === "global" ? "global" : `local: ${a.what}`;
}

describe("process, provably", () => {
  it.each([
    ["/*here*/process.env.A", "global"],
    ["/*here*/globalThis.process.env.A", "global"],
    ["/*here*/globalThis['process'].env.A", "global"],
    ["/*here*/(process as any).env.A", "global"],
    ["/*here*/require('node:process').env.A", "global"],
    ["import p from 'process'; /*here*/p.env.A", "global"],
    ["import p = require('process'); /*here*/p.env.A", "global"],
    ["const p = globalThis.process; const q = p; /*here*/q.env.A", "global"],
    ["function f() { /*here*/process.env.A } function g(process: unknown) {}", "global"],
  ])("%s → %s", (source, expected) => expect(answer(source)).toBe(expected));
});

describe("a local in its place", () => {
  it.each([
    ["function f(process: any) { return /*here*/process.env.A }", "local: a parameter"],
    ["const f = ({ process }: any) => /*here*/process.env.A", "local: a parameter"],
    ["function f() { if (1) { var process = x } return /*here*/process.env.A }", "local: a local var"],
    ["function f() { return /*here*/process.env.A; function process() {} }", "local: a local function"],
    ["let p = require('process'); /*here*/p.env.A", "local: a local let"],
    ["import process from './fake'; /*here*/process.env.A", "local: an import"],
  ])("%s → %s", (source, expected) => expect(answer(source)).toBe(expected));
});

describe("not about process", () => {
  it.each([
    ["const config = load(); /*here*/config.env.A"],
    ["const globalThis = {}; /*here*/globalThis.process.env.A"],
    ["function f(require: any) { return /*here*/require('process').env.A }"],
  ])("%s", (source) => expect(answer(source)).toBe("none"));
});
