/**
 * A quick screen of a compose file's shape: does every value have a kind the compose spec
 * allows where it stands (`services` a map, each service a map, `ports` a list, `privileged`
 * true/false or a `${VAR}` string…)? It walks the file's plain data against a table generated
 * from the zod schema (shape-table.ts), so `check` and `transform` can refuse a file Docker
 * would reject without loading zod, which costs more than the rest of a small check. It checks
 * kinds only; value rules (enums, patterns, unique items) and unknown keys are the check rules'
 * and `validateCompose`'s business.
 */
import { formatPath } from "./messages.js";
import type { SourceLocation, ValidationSource } from "./validate.js";
import { SHAPE_TABLE } from "./shape-table.js";

export type ShapeKind = "string" | "number" | "integer" | "boolean" | "null" | "array" | "object";

/** One place of the file: the kinds it allows and what is inside (indexes into the table). */
export interface ShapeNode {
  /** Kinds allowed here; absent: any. */
  t?: ShapeKind[];
  /** Known keys of a map. */
  p?: Record<string, number>;
  /** The values of a map's other keys. */
  a?: number;
  /** The items of a list. */
  i?: number;
  /** Alternatives: the value must fit one of them. */
  o?: number[];
}

export interface ShapeProblem {
  path: (string | number)[];
  /** The kinds allowed there. */
  expected: ShapeKind[];
  /** What the file has there. */
  got: unknown;
}

/** Every value whose kind is not allowed where it stands, in the order of the data; [] when the file passes. */
export function shapeProblems(data: unknown, table: readonly ShapeNode[] = SHAPE_TABLE): ShapeProblem[] {
  const problems: ShapeProblem[] = [];
  walk(data, 0, table, [], problems);
  return problems;
}

/**
 * `services.web.ports: expected a list, got the number 80`. A string's text is never shown:
 * it may be a secret value written where a map was meant.
 */
export function describeShapeProblem(problem: ShapeProblem): string {
  return `${formatPath(problem.path)}: expected ${kindList(problem.expected)}, got ${describe(problem.got)}`;
}

/**
 * The screen's problems as located diagnostics (`file:line:col`, code `SHAPE`): each at the
 * value, or at the closest entry written in the file when the value came in through a merge.
 */
export function shapeDiagnostics(source: ValidationSource): (SourceLocation & { code: "SHAPE"; message: string })[] {
  return shapeProblems(source.toJS()).map((problem) => {
    let at: SourceLocation | undefined;
    for (let length = problem.path.length; !at && length >= 0; length--) at = source.locate(problem.path.slice(0, length));
    return { code: "SHAPE", message: describeShapeProblem(problem), file: at?.file ?? source.filename, line: at?.line ?? 1, column: at?.column ?? 1 };
  });
}

function walk(value: unknown, index: number, table: readonly ShapeNode[], path: (string | number)[], problems: ShapeProblem[]): void {
  const node = table[index];
  if (node.o) {
    // The alternatives whose own kind fits; the value is fine when one of them fits all the way
    // down, else the first of them says what is wrong inside.
    const fitting = node.o.filter((option) => fitsKind(value, option, table));
    if (fitting.length === 0) {
      problems.push({ path, expected: kindsOf(index, table), got: value });
      return;
    }
    const attempts = fitting.map((option) => {
      const found: ShapeProblem[] = [];
      walk(value, option, table, path, found);
      return found;
    });
    if (attempts.some((found) => found.length === 0)) return;
    problems.push(...attempts[0]);
    return;
  }
  if (node.t && !node.t.some((kind) => isKind(value, kind))) {
    problems.push({ path, expected: node.t, got: value });
    return;
  }
  if (Array.isArray(value)) {
    if (node.i !== undefined) value.forEach((item, i) => walk(item, node.i!, table, [...path, i], problems));
    return;
  }
  if (value !== null && typeof value === "object") {
    for (const [key, child] of Object.entries(value)) {
      const at = node.p?.[key] ?? node.a;
      if (at !== undefined) walk(child, at, table, [...path, key], problems);
    }
  }
}

/** Whether the value's own kind is one `index` allows (alternatives: any of them). */
function fitsKind(value: unknown, index: number, table: readonly ShapeNode[]): boolean {
  const node = table[index];
  if (node.o) return node.o.some((option) => fitsKind(value, option, table));
  return !node.t || node.t.some((kind) => isKind(value, kind));
}

/** The kinds a place allows, alternatives merged. */
function kindsOf(index: number, table: readonly ShapeNode[]): ShapeKind[] {
  const node = table[index];
  const kinds = node.o ? node.o.flatMap((option) => kindsOf(option, table)) : (node.t ?? []);
  return [...new Set(kinds)];
}

const KIND_NAMES: Record<ShapeKind, string> = {
  object: "a map",
  array: "a list",
  string: "a string",
  number: "a number",
  integer: "an integer",
  boolean: "true/false",
  null: "an empty value",
};

function kindList(kinds: ShapeKind[]): string {
  const names = [...new Set((kinds.includes("number") ? kinds.filter((k) => k !== "integer") : kinds).map((k) => KIND_NAMES[k]))];
  return names.length <= 1 ? (names[0] ?? "nothing") : `${names.slice(0, -1).join(", ")} or ${names[names.length - 1]}`;
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return "an empty value";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a map";
  if (typeof value === "string") return "a string";
  return `${typeof value === "number" ? "the number" : ""} ${String(value)}`.trim();
}

function isKind(value: unknown, kind: ShapeKind): boolean {
  switch (kind) {
    case "null":
      return value === null;
    case "array":
      return Array.isArray(value);
    case "object":
      return value !== null && typeof value === "object" && !Array.isArray(value);
    case "integer":
      return Number.isInteger(value);
    default:
      return typeof value === kind;
  }
}
